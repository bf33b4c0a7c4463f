import { isInternalBid } from './block.js';
import { u8, u16, u32 } from './bytes.js';
import type { BlockReader } from './dataTree.js';
import { corrupt, hex, type Where } from './errors.js';

/** [MS-PST] 2.2.2.8.3.3.1.1 SLENTRY: one subnode of a node. */
export interface SubnodeEntry {
  /** The subnode's NID (unique within its parent node only). */
  nid: number;
  /** Its data block or data tree root (0 = empty). */
  bidData: number;
  /** Its own subnode tree (0 = none). */
  bidSub: number;
}

/** The subnodes of a node by NID. */
export type SubnodeMap = ReadonlyMap<number, SubnodeEntry>;

function readId(reader: BlockReader, b: Uint8Array, off: number, where: Where): number {
  return reader.layout.idSize === 4 ? u32(b, off, where) : u32(b, off + 4, where) * 4294967296 + u32(b, off, where);
}

/**
 * Reads a subnode B-tree ([MS-PST] 2.2.2.8.3.3): an SLBLOCK, or an SIBLOCK over SLBLOCKs, into
 * a map NID → (bidData, bidSub). Only the low 32 bits of the 8-byte NID slots count (Outlook
 * leaves garbage in the high half). Levels must go 1 → 0, so the walk cannot loop.
 */
export function readSubnodes(reader: BlockReader, bidSub: number, where: Where = {}): Map<number, SubnodeEntry> {
  const out = new Map<number, SubnodeEntry>();
  if (bidSub === 0) return out;
  const walk = (bid: number, expectedLevel: number | undefined): void => {
    const at = { ...where, bid };
    if (!isInternalBid(bid)) throw corrupt(`subnode tree BID ${hex(bid)} is not an internal block`, at);
    const b = reader.readBlock(bid, where);
    const btype = u8(b, 0, at);
    const cLevel = u8(b, 1, at);
    if (btype !== 0x02 || cLevel > 1) throw corrupt(`subnode block has btype ${btype}/cLevel ${cLevel}, expected an SLBLOCK or SIBLOCK`, at);
    if (expectedLevel !== undefined && cLevel !== expectedLevel) throw corrupt(`subnode block cLevel ${cLevel}, expected ${expectedLevel}`, at);
    const cEnt = u16(b, 2, at);
    const w = reader.layout.idSize;
    // Unicode SLBLOCK/SIBLOCK have 4 padding bytes after cEnt; ANSI has none.
    const first = w === 8 ? 8 : 4;
    const stride = cLevel === 0 ? 3 * w : 2 * w;
    if (first + cEnt * stride > b.length) throw corrupt(`subnode block with ${cEnt} entries overflows its ${b.length} bytes`, at);
    let prev = -1;
    for (let i = 0; i < cEnt; i++) {
      const off = first + i * stride;
      const nid = u32(b, off, at);
      if (nid <= prev) throw corrupt(`subnode NIDs not ascending at entry ${i}`, at);
      prev = nid;
      if (cLevel === 1) {
        walk(readId(reader, b, off + w, at), 0);
      } else {
        if (out.has(nid)) throw corrupt(`subnode ${hex(nid)} listed twice`, at);
        out.set(nid, { nid, bidData: readId(reader, b, off + w, at), bidSub: readId(reader, b, off + 2 * w, at) });
      }
    }
  };
  walk(bidSub, undefined);
  return out;
}
