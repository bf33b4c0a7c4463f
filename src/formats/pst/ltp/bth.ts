import { u8, u32 } from '../bytes.js';
import { corrupt, hex } from '../errors.js';
import { bTypeBTH, type HeapOnNode } from './heap.js';

/** [MS-PST] 2.3.2.1 BTHHEADER. */
export interface BTHHeader {
  /** Key size: 2, 4, 8 or 16. */
  cbKey: number;
  /** Data size: 1–32. */
  cbEnt: number;
  /** Index levels above the leaves. */
  bIdxLevels: number;
  /** HID of the root item (0 = empty tree). */
  hidRoot: number;
}

/** One leaf record of a BTH. */
export interface BTHRecord {
  /** The key as an unsigned number (keys of up to 4 bytes; wider keys give their low 32 bits). */
  key: number;
  /** The key bytes. */
  keyBytes: Uint8Array;
  /** The data bytes. */
  data: Uint8Array;
}

/**
 * A BTree-on-heap ([MS-PST] 2.3.2): sorted fixed-size records in heap items, with
 * `bIdxLevels` index levels of (key, HID) records above them.
 */
export class BTreeOnHeap {
  /** The header. */
  readonly header: BTHHeader;

  /** Reads the BTHHEADER at `hidHeader`. @throws MapiError MAPI_E_CORRUPT_DATA when it is malformed. */
  constructor(
    readonly heap: HeapOnNode,
    hidHeader: number,
  ) {
    const h = heap.item(hidHeader);
    const where = heap.where;
    if (h.length < 8) throw corrupt(`BTHHEADER of ${h.length} bytes`, where);
    if (u8(h, 0) !== bTypeBTH) throw corrupt(`BTHHEADER bType ${hex(u8(h, 0))} is not 0xB5`, where);
    const cbKey = u8(h, 1);
    const cbEnt = u8(h, 2);
    if (![2, 4, 8, 16].includes(cbKey)) throw corrupt(`BTH cbKey ${cbKey}`, where);
    if (cbEnt < 1 || cbEnt > 32) throw corrupt(`BTH cbEnt ${cbEnt}`, where);
    this.header = { cbKey, cbEnt, bIdxLevels: u8(h, 3), hidRoot: u32(h, 4) };
  }

  private keyOf(rec: Uint8Array): number {
    const n = Math.min(this.header.cbKey, 4);
    let k = 0;
    for (let i = n - 1; i >= 0; i--) k = k * 256 + (rec[i] as number);
    return k;
  }

  /**
   * Every leaf record in key order. Each heap item is visited once (a second visit is a cycle
   * or a shared subtree: corrupt), so the walk is bounded by the heap's size.
   */
  *records(): Generator<BTHRecord> {
    const { cbKey, cbEnt, bIdxLevels, hidRoot } = this.header;
    if (hidRoot === 0) return;
    const visited = new Set<number>();
    const heap = this.heap;
    const self = this;
    let lastKey = -1;
    function* visit(hid: number, level: number): Generator<BTHRecord> {
      if (visited.has(hid)) throw corrupt(`BTH item ${hex(hid)} reached twice`, heap.where);
      visited.add(hid);
      const item = heap.item(hid);
      const size = level === 0 ? cbKey + cbEnt : cbKey + 4;
      if (item.length % size !== 0) throw corrupt(`BTH item of ${item.length} bytes is not a whole number of ${size}-byte records`, heap.where);
      for (let off = 0; off < item.length; off += size) {
        const rec = item.subarray(off, off + size);
        if (level > 0) yield* visit(u32(rec, cbKey), level - 1);
        else {
          const key = self.keyOf(rec);
          if (key <= lastKey && cbKey <= 4) throw corrupt(`BTH keys not ascending at ${hex(key)}`, heap.where);
          lastKey = key;
          yield { key, keyBytes: rec.subarray(0, cbKey), data: rec.subarray(cbKey) };
        }
      }
    }
    yield* visit(hidRoot, bIdxLevels);
  }
}
