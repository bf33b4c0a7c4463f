import { inflateSync } from 'node:zlib';
import { checkRange, type ByteSource } from './ByteSource.js';
import { u16, u32, u64 } from './bytes.js';
import { computeSig, pstCrc } from './crc.js';
import { decodeBlock } from './crypt.js';
import { corrupt, hex, type Where } from './errors.js';
import type { FormatLayout } from './format.js';

/** [MS-PST] 2.2.2.7.7.3 BBTENTRY: where a block lives and how big it is. */
export interface BlockEntry {
  /** The block's BID (bit 0 clear). */
  bid: number;
  /** File offset of the block. */
  ib: number;
  /** Stored data bytes (excluding padding and trailer). */
  cb: number;
  /** Reference count. */
  cRef: number;
  /** Data bytes once inflated: equal to `cb` except for compressed 4K-OST blocks. */
  cbInflated: number;
}

/** [MS-PST] 2.2.2.2: bit 1 of a BID marks an internal block (XBLOCK, XXBLOCK, SLBLOCK, SIBLOCK). */
export function isInternalBid(bid: number): boolean {
  return (bid & 2) !== 0;
}

/** [MS-PST] 2.2.2.2: readers treat bit 0 of a block BID as zero. */
export function maskBid(bid: number): number {
  return bid - (bid % 2);
}

/** Size on disk of a block with `cb` data bytes: data + trailer rounded up to the alignment. */
export function blockSpan(layout: FormatLayout, cb: number): number {
  const raw = cb + layout.blockTrailerSize;
  return Math.ceil(raw / layout.blockAlign) * layout.blockAlign;
}

/** A zlib stream starts with CMF/FLG where CM = 8 and (CMF·256 + FLG) is a multiple of 31. */
function looksLikeZlib(data: Uint8Array): boolean {
  return data.length >= 2 && ((data[0] as number) & 0x0f) === 8 && (((data[0] as number) << 8) | (data[1] as number)) % 31 === 0;
}

/**
 * Reads one block: checks range, alignment, size, trailer (cb, BID, signature) and the CRC over
 * the stored bytes, then decodes external blocks per bCryptMethod and inflates compressed
 * 4K-OST blocks. Returns a fresh array the caller may keep.
 */
export function readBlockBytes(source: ByteSource, layout: FormatLayout, cryptMethod: number, entry: BlockEntry, where: Where): Uint8Array {
  const { ib, cb } = entry;
  const at: Where = { ...where, bid: entry.bid, ib };
  const span = blockSpan(layout, cb);
  if (span > layout.maxBlockSize) throw corrupt(`block of ${cb} bytes exceeds the ${layout.maxBlockSize}-byte maximum`, at);
  if (ib % 64 !== 0) throw corrupt(`block offset ${hex(ib)} is not 64-byte aligned`, at);
  checkRange(source, ib, span, `block ${hex(entry.bid)}`);
  const raw = source.read(ib, span);
  const t = span - layout.blockTrailerSize;
  const tcb = u16(raw, t);
  const wSig = u16(raw, t + 2);
  // ANSI trailer: cb, wSig, bid(4), dwCRC(4); Unicode and 4K: cb, wSig, dwCRC(4), bid(8).
  const tbid = layout.idSize === 4 ? u32(raw, t + 4) : u64(raw, t + 8, at);
  const tcrc = layout.idSize === 4 ? u32(raw, t + 8) : u32(raw, t + 4);
  if (tcb !== cb) throw corrupt(`block trailer cb ${tcb} != BBT cb ${cb}`, at);
  if (maskBid(tbid) !== maskBid(entry.bid)) throw corrupt(`block trailer BID ${hex(tbid)} != ${hex(entry.bid)}`, at);
  if (wSig !== 0 && wSig !== computeSig(ib, tbid)) throw corrupt(`block signature ${hex(wSig)} != ${hex(computeSig(ib, tbid))}`, at);
  // A copy (Uint8Array's slice: a Node Buffer's slice is a view), since decoding works in place and must not touch the source's bytes.
  const stored = Uint8Array.prototype.slice.call(raw, 0, cb);
  const crc = pstCrc(stored);
  if (crc !== tcrc) throw corrupt(`block CRC ${hex(tcrc)} != computed ${hex(crc)}`, at);
  // [MS-PST] 2.2.2.8.3.1.1: only external data blocks are encoded.
  const external = !isInternalBid(entry.bid);
  if (entry.cbInflated === cb) {
    if (external) decodeBlock(stored, cryptMethod, entry.bid);
    return stored;
  }
  // 4K OST: the block holds a zlib stream of cbInflated bytes. Which of compression and
  // encoding was applied last is not documented (libpff inflates first, pstreader decodes
  // first): try the order the zlib header suggests, then the other one.
  const inflateTo = (bytes: Uint8Array): Uint8Array | undefined => {
    try {
      const out = new Uint8Array(inflateSync(bytes, { maxOutputLength: entry.cbInflated }));
      return out.length === entry.cbInflated ? out : undefined;
    } catch {
      return undefined;
    }
  };
  const inflateThenDecode = (): Uint8Array | undefined => {
    const out = inflateTo(stored);
    if (out && external) decodeBlock(out, cryptMethod, entry.bid);
    return out;
  };
  const decodeThenInflate = (): Uint8Array | undefined => {
    if (!external || cryptMethod === 0) return undefined;
    const copy = stored.slice();
    decodeBlock(copy, cryptMethod, entry.bid);
    return inflateTo(copy);
  };
  const data = looksLikeZlib(stored) ? (inflateThenDecode() ?? decodeThenInflate()) : (decodeThenInflate() ?? inflateThenDecode());
  if (!data) throw corrupt(`compressed block does not inflate to the ${entry.cbInflated} bytes the BBT announces`, at);
  return data;
}
