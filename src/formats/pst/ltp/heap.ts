import { u8, u16, u32 } from '../bytes.js';
import type { DataTree } from '../dataTree.js';
import { corrupt, hex, type Where } from '../errors.js';
import type { FormatLayout } from '../format.js';

/** [MS-PST] 2.3.1.2 bClientSig of a table context heap. */
export const bTypeTC = 0x7c;
/** [MS-PST] 2.3.1.2 bClientSig of a BTree-on-heap heap. */
export const bTypeBTH = 0xb5;
/** [MS-PST] 2.3.1.2 bClientSig of a property context heap. */
export const bTypePC = 0xbc;
/** [MS-PST] 2.3.1.2 bSig of every heap. */
const HN_SIG = 0xec;

/** [MS-PST] 2.3.1.1 HID: a heap allocation's block index and 1-based index. */
export interface HidParts {
  /** 0-based data block of the heap. */
  blockIndex: number;
  /** 1-based allocation index in that block. */
  index: number;
}

/** Splits an HID per the file's layout (the 4K OST widens hidIndex to 14 bits). */
export function splitHid(layout: FormatLayout, hid: number): HidParts {
  return { blockIndex: hid >>> layout.hidBlockShift, index: (hid >>> 5) & layout.hidIndexMask };
}

/** [MS-PST] 2.3.3.2 HNID: a value with nidType 0 is an HID, anything else a subnode NID. */
export function isHid(hnid: number): boolean {
  return (hnid & 0x1f) === 0;
}

/** [MS-PST] 2.3.1.5 HNPAGEMAP of one heap block: the allocation boundaries. */
interface PageMap {
  /** rgibAlloc: cAlloc + 1 ascending offsets. */
  offsets: number[];
}

/**
 * A heap-on-node ([MS-PST] 2.3.1) over a node's data stream: HNHDR in block 0, HNPAGEHDR or
 * HNBITMAPHDR in the others, an HNPAGEMAP per block. Page maps are parsed when an HID first
 * points into their block; every allocation is checked to lie inside its block.
 */
export class HeapOnNode {
  /** bClientSig: bTypePC, bTypeTC or bTypeBTH. */
  readonly bClientSig: number;
  /** HID of the client's root structure (BTHHEADER for a PC, TCINFO for a TC). */
  readonly hidUserRoot: number;
  private readonly maps = new Map<number, PageMap>();

  /** Opens the heap of a data stream. @throws MapiError MAPI_E_CORRUPT_DATA when block 0 is not a heap. */
  constructor(
    readonly data: DataTree,
    readonly layout: FormatLayout,
    readonly where: Where,
  ) {
    if (data.size === 0 || data.blockCount === 0) throw corrupt('node has no data for a heap-on-node', where);
    const b0 = data.block(0);
    if (u8(b0, 2, where) !== HN_SIG) throw corrupt(`heap bSig ${hex(u8(b0, 2, where))} is not 0xEC`, where);
    this.bClientSig = u8(b0, 3, where);
    this.hidUserRoot = u32(b0, 4, where);
  }

  /** Number of data blocks in the heap. */
  get blockCount(): number {
    return this.data.blockCount;
  }

  private pageMap(blockIndex: number): PageMap {
    const hit = this.maps.get(blockIndex);
    if (hit) return hit;
    const b = this.data.block(blockIndex);
    const at = { ...this.where };
    // [MS-PST] 2.3.1.2–2.3.1.4: block 0 has HNHDR (12 bytes), blocks 8, 136, 264 … an
    // HNBITMAPHDR (66 bytes), the others an HNPAGEHDR (2 bytes); each starts with ibHnpm.
    const hdr = blockIndex === 0 ? 12 : blockIndex % 128 === 8 ? 66 : 2;
    const ibHnpm = u16(b, 0, at);
    if (ibHnpm < hdr || ibHnpm + 4 > b.length) throw corrupt(`heap block ${blockIndex} ibHnpm ${ibHnpm} outside its ${b.length} bytes`, at);
    const cAlloc = u16(b, ibHnpm, at);
    if (ibHnpm + 4 + 2 * (cAlloc + 1) > b.length) throw corrupt(`heap block ${blockIndex} page map of ${cAlloc} allocations overflows the block`, at);
    const offsets: number[] = [];
    let prev = hdr;
    for (let i = 0; i <= cAlloc; i++) {
      const ib = u16(b, ibHnpm + 4 + 2 * i, at);
      if (ib < prev || ib > ibHnpm) throw corrupt(`heap block ${blockIndex} allocation ${i} at ${ib} out of order or past the page map`, at);
      offsets.push(ib);
      prev = ib;
    }
    const map = { offsets };
    this.maps.set(blockIndex, map);
    return map;
  }

  /** Number of allocation slots (cAlloc) in a block. */
  allocationCount(blockIndex: number): number {
    return this.pageMap(blockIndex).offsets.length - 1;
  }

  /** True when `hid` names an allocation of this heap (it does not throw). */
  has(hid: number): boolean {
    if (!isHid(hid) || hid === 0) return false;
    const { blockIndex, index } = splitHid(this.layout, hid);
    if (index === 0 || blockIndex >= this.blockCount) return false;
    try {
      return index <= this.allocationCount(blockIndex);
    } catch {
      return false;
    }
  }

  /**
   * The bytes of a heap allocation (a view into the block: do not modify). A freed item is
   * empty. @throws MapiError MAPI_E_CORRUPT_DATA when `hid` is not an allocation of this heap.
   */
  item(hid: number): Uint8Array {
    if (!isHid(hid)) throw corrupt(`${hex(hid)} is not an HID`, this.where);
    const { blockIndex, index } = splitHid(this.layout, hid);
    if (index === 0) throw corrupt(`HID ${hex(hid)} has index 0`, this.where);
    if (blockIndex >= this.blockCount) throw corrupt(`HID ${hex(hid)} names block ${blockIndex} of a ${this.blockCount}-block heap`, this.where);
    const { offsets } = this.pageMap(blockIndex);
    if (index >= offsets.length) throw corrupt(`HID ${hex(hid)} names allocation ${index} of ${offsets.length - 1}`, this.where);
    return this.data.block(blockIndex).subarray(offsets[index - 1] as number, offsets[index] as number);
  }
}
