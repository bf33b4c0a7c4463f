import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_NOT_ENOUGH_MEMORY } from '../../core/generated/scodes.js';
import type { BlockEntry } from './block.js';
import { isInternalBid, maskBid } from './block.js';
import { u8, u16, u32 } from './bytes.js';
import { corrupt, hex, type Where } from './errors.js';
import type { FormatLayout } from './format.js';

/** What a data tree needs from the NDB: BBT lookups and decoded block reads. */
export interface BlockReader {
  /** The file's layout. */
  readonly layout: FormatLayout;
  /** The file's size, which bounds every stream in it. */
  readonly fileSize: number;
  /** The BBT entry of a block; throws MAPI_E_CORRUPT_DATA when it is missing. */
  blockEntry(bid: number, where?: Where): BlockEntry;
  /** The decoded, CRC-checked bytes of a block (may be a cached array: do not modify). */
  readBlock(bid: number, where?: Where): Uint8Array;
}

/** [MS-PST] 2.2.2.8.3.2 XBLOCK/XXBLOCK header: btype 0x01, cLevel 1 or 2, cEnt, lcbTotal. */
interface XBlock {
  cLevel: number;
  lcbTotal: number;
  bids: number[];
}

/** Default ceiling of {@link DataTree.toBytes}: larger streams are read by range. */
export const DEFAULT_MAX_CONCAT = 256 * 1024 * 1024;

function readXBlock(reader: BlockReader, bid: number, where: Where): XBlock {
  const b = reader.readBlock(bid, where);
  const at = { ...where, bid };
  const btype = u8(b, 0, at);
  const cLevel = u8(b, 1, at);
  if (btype !== 0x01 || (cLevel !== 1 && cLevel !== 2)) throw corrupt(`internal block has btype ${btype}/cLevel ${cLevel}, expected an XBLOCK or XXBLOCK`, at);
  const cEnt = u16(b, 2, at);
  const lcbTotal = u32(b, 4, at);
  const w = reader.layout.idSize;
  if (8 + cEnt * w > b.length) throw corrupt(`XBLOCK with ${cEnt} entries overflows its ${b.length} bytes`, at);
  const bids: number[] = [];
  for (let i = 0; i < cEnt; i++) {
    const off = 8 + i * w;
    bids.push(w === 4 ? u32(b, off) : u32(b, off + 4) * 4294967296 + u32(b, off));
  }
  return { cLevel, lcbTotal, bids };
}

/**
 * The data stream of a node ([MS-PST] 2.2.2.8.3.2): one data block, or an XBLOCK / XXBLOCK
 * tree of them. Blocks are read on demand; {@link DataTree.block} gives one leaf block (what
 * the heap-on-node addresses), {@link DataTree.read} any byte range, and
 * {@link DataTree.toBytes} the whole stream (bounded).
 */
export class DataTree {
  /** Total bytes of the stream. */
  readonly size: number;
  private leaves: number[] | undefined;
  private offsets: number[] | undefined;
  private readonly rootLevel: number;

  /** `bid` 0 gives an empty stream. Reads the root XBLOCK/XXBLOCK, if any, at once. */
  constructor(
    private readonly reader: BlockReader,
    readonly bid: number,
    private readonly where: Where = {},
  ) {
    if (bid === 0) {
      this.size = 0;
      this.leaves = [];
      this.rootLevel = 0;
      return;
    }
    if (!isInternalBid(bid)) {
      this.size = reader.blockEntry(bid, where).cbInflated;
      this.leaves = [maskBid(bid)];
      this.rootLevel = 0;
      return;
    }
    const x = readXBlock(reader, bid, where);
    // Every leaf is a distinct block of the file, so a stream cannot outgrow the file (4K-OST
    // blocks may be deflated, by at most about 1:1032).
    const maxSize = reader.fileSize * (reader.layout.format === 'unicode4k' ? 1032 : 1);
    if (x.lcbTotal > maxSize) throw corrupt(`data tree lcbTotal ${x.lcbTotal} exceeds what a ${reader.fileSize}-byte file can hold`, { ...where, bid });
    this.size = x.lcbTotal;
    this.rootLevel = x.cLevel;
    if (x.cLevel === 1) this.leaves = this.checkLeaves(x.bids);
  }

  private checkLeaves(bids: number[]): number[] {
    for (const b of bids) {
      if (b === 0 || isInternalBid(b)) throw corrupt(`data tree leaf BID ${hex(b)} is not a data block`, { ...this.where, bid: this.bid });
    }
    return bids.map(maskBid);
  }

  /** BIDs of the leaf data blocks, in stream order (reads the XBLOCKs under an XXBLOCK once). */
  leafBids(): readonly number[] {
    if (this.leaves) return this.leaves;
    const x = readXBlock(this.reader, this.bid, this.where);
    const out: number[] = [];
    let total = 0;
    for (const child of x.bids) {
      if (!isInternalBid(child)) throw corrupt(`XXBLOCK entry ${hex(child)} is not an XBLOCK`, { ...this.where, bid: this.bid });
      const sub = readXBlock(this.reader, child, this.where);
      if (sub.cLevel !== 1) throw corrupt(`XXBLOCK child ${hex(child)} has cLevel ${sub.cLevel}, expected 1`, { ...this.where, bid: child });
      total += sub.lcbTotal;
      out.push(...this.checkLeaves(sub.bids));
      if (out.length > this.reader.fileSize / this.reader.layout.blockAlign) {
        throw corrupt(`XXBLOCK lists more leaf blocks than the file holds`, { ...this.where, bid: this.bid });
      }
    }
    if (total !== x.lcbTotal) throw corrupt(`XXBLOCK lcbTotal ${x.lcbTotal} != sum of its XBLOCKs ${total}`, { ...this.where, bid: this.bid });
    this.leaves = out;
    return out;
  }

  /** Number of leaf data blocks. */
  get blockCount(): number {
    return this.leafBids().length;
  }

  /** The decoded bytes of leaf block `i` (do not modify). */
  block(i: number): Uint8Array {
    const bid = this.leafBids()[i];
    if (bid === undefined) throw corrupt(`data block index ${i} out of range (${this.blockCount} blocks)`, { ...this.where, bid: this.bid });
    return this.reader.readBlock(bid, this.where);
  }

  /** Iterates the leaf blocks in order. */
  *blocks(): Generator<Uint8Array> {
    const n = this.blockCount;
    for (let i = 0; i < n; i++) yield this.block(i);
  }

  /** Start offset of every leaf plus the end, from BBT sizes (no data read); checks lcbTotal. */
  blockOffsets(): readonly number[] {
    if (this.offsets) return this.offsets;
    const offs = [0];
    let at = 0;
    for (const bid of this.leafBids()) {
      at += this.reader.blockEntry(bid, this.where).cbInflated;
      offs.push(at);
    }
    if (at !== this.size) throw corrupt(`data tree lcbTotal ${this.size} != sum of its blocks ${at}`, { ...this.where, bid: this.bid });
    this.offsets = offs;
    return offs;
  }

  /** `length` bytes from `offset` of the stream, copied across block boundaries. */
  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || length < 0 || offset + length > this.size) {
      throw corrupt(`read of ${length} bytes at ${offset} past the ${this.size}-byte data stream`, { ...this.where, bid: this.bid });
    }
    const offs = this.blockOffsets();
    const out = new Uint8Array(length);
    let i = upperBound(offs, offset) - 1;
    let done = 0;
    while (done < length) {
      const start = offs[i] as number;
      const blk = this.block(i);
      if (blk.length !== (offs[i + 1] as number) - start) throw corrupt(`data block ${i} has ${blk.length} bytes, BBT says ${(offs[i + 1] as number) - start}`, this.where);
      const from = offset + done - start;
      const n = Math.min(blk.length - from, length - done);
      out.set(blk.subarray(from, from + n), done);
      done += n;
      i++;
    }
    return out;
  }

  /**
   * The whole stream as one array. A single-block stream is returned without copying.
   * @throws MapiError MAPI_E_NOT_ENOUGH_MEMORY past `maxBytes` (read such streams by range).
   */
  toBytes(maxBytes = DEFAULT_MAX_CONCAT): Uint8Array {
    if (this.size > maxBytes) throw new MapiError(MAPI_E_NOT_ENOUGH_MEMORY, `[MS-PST] a ${this.size}-byte stream exceeds the ${maxBytes}-byte limit for one read`);
    if (this.size === 0) {
      this.blockOffsets();
      return new Uint8Array(0);
    }
    if (this.rootLevel === 0) {
      const b = this.block(0);
      if (b.length !== this.size) throw corrupt(`data block has ${b.length} bytes, BBT says ${this.size}`, { ...this.where, bid: this.bid });
      return b;
    }
    return this.read(0, this.size);
  }
}

/** First index whose value is > x. */
function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
