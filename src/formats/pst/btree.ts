import { checkRange, type ByteSource } from './ByteSource.js';
import { u8, u16, u32, u64 } from './bytes.js';
import { computeSig, pstCrc } from './crc.js';
import { corrupt, hex } from './errors.js';
import type { FormatLayout } from './format.js';
import type { BREF } from './header.js';

/** [MS-PST] 2.2.2.7.1 ptype of a block B-tree page. */
export const ptypeBBT = 0x80;
/** [MS-PST] 2.2.2.7.1 ptype of a node B-tree page. */
export const ptypeNBT = 0x81;

/** [MS-PST] 2.2.2.7.7.1: a B-tree page has at most 8 intermediate levels above its leaves. */
export const MAX_BTREE_LEVEL = 8;

/** A validated BTPAGE ([MS-PST] 2.2.2.7.7.1). */
export interface BTPage {
  /** File offset of the page. */
  readonly ib: number;
  /** ptypeNBT or ptypeBBT. */
  readonly ptype: number;
  /** 0 for a leaf page. */
  readonly cLevel: number;
  /** Number of entries. */
  readonly cEnt: number;
  /** Entry stride. */
  readonly cbEnt: number;
  /** The page bytes (entries start at 0). */
  readonly bytes: Uint8Array;
  /** Keys of the entries, ascending. */
  readonly keys: readonly number[];
}

/** The smallest entry a page of this kind can hold ([MS-PST] 2.2.2.7.7.2–4). */
function minEntrySize(layout: FormatLayout, ptype: number, cLevel: number): number {
  const w = layout.idSize;
  if (cLevel > 0) return 3 * w; // BTENTRY: btkey + BREF
  if (ptype === ptypeNBT) return 3 * w + 4; // NBTENTRY: nid, bidData, bidSub, nidParent
  return 2 * w + 4 + (layout.format === 'unicode4k' ? 2 : 0); // BBTENTRY: BREF, cb, [cbInflated,] cRef
}

/** Reads an id-sized (4 or 8 byte) field of a B-tree entry. */
export function readId(layout: FormatLayout, buf: Uint8Array, off: number, ib: number): number {
  return layout.idSize === 4 ? u32(buf, off, { ib }) : u64(buf, off, { ib });
}

/**
 * Reads and validates one B-tree page: range and alignment, ptype/ptypeRepeat, the trailer BID
 * against the BREF, the signature, the CRC, the entry geometry, the level and ascending keys.
 * `expectedLevel` is the parent's level − 1 (undefined for the root).
 */
export function readBTPage(
  source: ByteSource,
  layout: FormatLayout,
  bref: BREF,
  ptype: number,
  expectedLevel: number | undefined,
): BTPage {
  const { ib, bid } = bref;
  const where = { ib };
  const what = ptype === ptypeNBT ? 'NBT page' : 'BBT page';
  if (ib % 512 !== 0) throw corrupt(`${what} offset ${hex(ib)} is not page-aligned`, where);
  checkRange(source, ib, layout.pageSize, what);
  const page = source.read(ib, layout.pageSize);
  const t = layout.pageTrailerOffset;
  const pt = u8(page, t);
  if (pt !== ptype || u8(page, t + 1) !== ptype) {
    throw corrupt(`${what} has ptype ${hex(pt)}/${hex(u8(page, t + 1))}, expected ${hex(ptype)}`, where);
  }
  const wSig = u16(page, t + 2);
  // ANSI trailer: ptype, ptypeRepeat, wSig, bid(4), dwCRC(4); Unicode/4K: ..., dwCRC(4), bid(8).
  const storedBid = layout.idSize === 4 ? u32(page, t + 4) : u64(page, t + 8, where);
  const storedCrc = layout.idSize === 4 ? u32(page, t + 8) : u32(page, t + 4);
  if (storedBid !== bid) throw corrupt(`${what} trailer BID ${hex(storedBid)} != referenced BID ${hex(bid)}`, where);
  const crc = pstCrc(page.subarray(0, layout.pageCrcSize));
  if (crc !== storedCrc) throw corrupt(`${what} CRC ${hex(storedCrc)} != computed ${hex(crc)}`, where);
  if (wSig !== 0 && wSig !== computeSig(ib, bid)) throw corrupt(`${what} signature ${hex(wSig)} != ${hex(computeSig(ib, bid))}`, where);
  const cEnt = layout.btCountSize === 1 ? u8(page, layout.btCEnt) : u16(page, layout.btCEnt);
  const cbEnt = u8(page, layout.btCbEnt);
  const cLevel = u8(page, layout.btCLevel);
  if (cLevel > MAX_BTREE_LEVEL) throw corrupt(`${what} cLevel ${cLevel} exceeds ${MAX_BTREE_LEVEL}`, where);
  if (expectedLevel !== undefined && cLevel !== expectedLevel) {
    throw corrupt(`${what} cLevel ${cLevel}, expected ${expectedLevel} below its parent (cycle or misplaced page)`, where);
  }
  if (cbEnt < minEntrySize(layout, ptype, cLevel)) throw corrupt(`${what} cbEnt ${cbEnt} too small`, where);
  if (cEnt * cbEnt > layout.btEntriesSize) throw corrupt(`${what} ${cEnt} entries of ${cbEnt} bytes overflow the page`, where);
  const keys: number[] = [];
  for (let i = 0; i < cEnt; i++) {
    // NBT keys are NIDs zero-extended to the id size; only the low 32 bits are meaningful.
    const key = ptype === ptypeNBT ? u32(page, i * cbEnt) : readId(layout, page, i * cbEnt, ib);
    if (i > 0 && key <= (keys[i - 1] as number)) throw corrupt(`${what} keys not ascending at entry ${i}`, where);
    keys.push(key);
  }
  return { ib, ptype, cLevel, cEnt, cbEnt, bytes: page, keys };
}

/** Index of the last key ≤ `key` (binary search), or -1. */
export function floorIndex(keys: readonly number[], key: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as number) <= key) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The child BREF of intermediate entry `i` ([MS-PST] 2.2.2.7.7.2 BTENTRY). */
export function childRef(layout: FormatLayout, page: BTPage, i: number): BREF {
  const off = i * page.cbEnt + layout.idSize;
  return { bid: readId(layout, page.bytes, off, page.ib), ib: readId(layout, page.bytes, off + layout.idSize, page.ib) };
}

/**
 * Checks that a child page's keys lie in `[lo, hi)`, the range its parent entry gives it;
 * together with the level check this rules out cycles and shared subtrees.
 */
export function checkKeyRange(page: BTPage, lo: number, hi: number): void {
  const first = page.keys[0];
  const last = page.keys[page.keys.length - 1];
  if (first === undefined || last === undefined) return;
  if (first < lo || last >= hi) {
    throw corrupt(`B-tree page keys ${hex(first)}..${hex(last)} fall outside the parent range ${hex(lo)}..${hex(hi)}`, { ib: page.ib });
  }
}
