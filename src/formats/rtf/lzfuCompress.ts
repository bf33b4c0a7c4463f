import { crc32Rtf } from './crc32.js';
import { COMPRESSED_RTF_HEADER_SIZE, COMPTYPE_COMPRESSED, COMPTYPE_UNCOMPRESSED, DICT_SIZE, INITIAL_DICTIONARY, putU32 } from './compressedRtf.js';

// [MS-OXRTFCP] 2.3: writing PR_RTF_COMPRESSED.

const DICT_MASK = DICT_SIZE - 1;
/** The longest match a dictionary reference holds (4-bit length + 2). */
const MAX_MATCH = 17;

/** Options of {@link compressRtf}. */
export interface CompressRtfOptions {
  /**
   * Write an uncompressed "MELA" stream instead of "LZFu", as WrapCompressedRTFStream does
   * with STORE_UNCOMPRESSED_RTF.
   * @see wrapcompressedrtfstream.md
   */
  readonly uncompressed?: boolean;
}

/**
 * Compresses RTF bytes into a PR_RTF_COMPRESSED stream: LZFu with the initial dictionary of
 * [MS-OXRTFCP] 2.1.2.1 and, at each input position, the longest dictionary match of 2–17
 * bytes (a literal otherwise), ties going to the match the spec's FindLongestMatch scan meets
 * first; the output for the spec's examples is byte-identical to §3.1.1 and §3.1.2. With
 * `options.uncompressed`, an uncompressed MELA stream (CRC 0). Empty input gives the direct
 * encoding (one control byte and the end marker), not the extra NUL byte Microsoft's writer adds.
 * @see [MS-OXRTFCP] 2.3.3
 */
export function compressRtf(rtf: Uint8Array, options: CompressRtfOptions = {}): Uint8Array {
  if (options.uncompressed) {
    const out = new Uint8Array(COMPRESSED_RTF_HEADER_SIZE + rtf.length);
    putU32(out, 0, rtf.length + 12);
    putU32(out, 4, rtf.length);
    putU32(out, 8, COMPTYPE_UNCOMPRESSED);
    putU32(out, 12, 0);
    out.set(rtf, COMPRESSED_RTF_HEADER_SIZE);
    return out;
  }
  const out = new Uint8Array(COMPRESSED_RTF_HEADER_SIZE + rtf.length + Math.ceil((rtf.length + 1) / 8) + 2);
  let o = COMPRESSED_RTF_HEADER_SIZE;
  const dict = new LzfuEncoderDictionary();
  let i = 0;
  let controlPos = o++;
  let control = 0;
  let bit = 0;
  for (;;) {
    if (bit === 8) {
      out[controlPos] = control;
      controlPos = o++;
      control = 0;
      bit = 0;
    }
    if (i >= rtf.length) {
      // [MS-OXRTFCP] 2.3.3.2: the end marker references the write offset, length field 0.
      const ref = (dict.writeOffset() << 4) & 0xffff;
      out[o++] = ref >>> 8;
      out[o++] = ref & 0xff;
      control |= 1 << bit;
      out[controlPos] = control;
      break;
    }
    const match = dict.findLongestMatch(rtf, i);
    if (match.length < 2) {
      out[o++] = rtf[i]!;
      dict.append(rtf[i]!);
      i++;
    } else {
      const ref = (match.offset << 4) | (match.length - 2);
      out[o++] = ref >>> 8;
      out[o++] = ref & 0xff;
      control |= 1 << bit;
      for (let k = 0; k < match.length; k++) dict.append(rtf[i + k]!);
      i += match.length;
    }
    bit++;
  }
  putU32(out, 0, o - 4);
  putU32(out, 4, rtf.length);
  putU32(out, 8, COMPTYPE_COMPRESSED);
  putU32(out, 12, crc32Rtf(out, 0, COMPRESSED_RTF_HEADER_SIZE, o));
  return out.slice(0, o);
}

/**
 * The writer's dictionary with a hash chain per 2-byte prefix, so finding the longest match
 * does not scan all 4096 offsets as [MS-OXRTFCP] 2.3.3.2.1's pseudocode does. Positions are
 * absolute (bytes ever written); a position's slot is `pos & 4095`.
 *
 * Which match wins: the spec scans candidate offsets from the oldest byte to the newest (0 ..
 * writeOffset − 1 before the dictionary fills, writeOffset + 1 .. writeOffset − 1 after) and
 * keeps the first longest, so among equally long matches the oldest position wins. A match
 * may run across the write offset; its bytes there are the ones the reader will have copied
 * by then (the input `dist` bytes back), as in the reader. (The spec's pseudocode compares
 * against bytes it appended during earlier candidates of the same search, which differs from
 * the reader only for candidates just after the write offset in a full dictionary; we follow
 * the reader so every stream decodes back to its input.)
 */
class LzfuEncoderDictionary {
  private readonly dict = new Uint8Array(DICT_SIZE);
  /** Absolute count of bytes written (initial dictionary included). */
  private written = 0;
  /** Newest absolute position whose 2-byte prefix has this key, or -1. */
  private readonly head = new Int32Array(65536).fill(-1);
  /** Previous absolute position with the same key, by slot. */
  private readonly prev = new Int32Array(DICT_SIZE).fill(-1);
  private readonly candidates = new Int32Array(DICT_SIZE);

  constructor() {
    for (const b of INITIAL_DICTIONARY) this.append(b);
  }

  writeOffset(): number {
    return this.written & DICT_MASK;
  }

  append(b: number): void {
    this.dict[this.written & DICT_MASK] = b;
    this.written++;
    // The pair starting one byte back is complete now: index it.
    const p = this.written - 2;
    if (p >= 0) {
      const key = (this.dict[p & DICT_MASK]! << 8) | b;
      this.prev[p & DICT_MASK] = this.head[key]!;
      this.head[key] = p;
    }
  }

  /** Bytes of `input` from `start` that the reference at absolute `pos` would reproduce (≤ max). */
  private matchLength(input: Uint8Array, start: number, pos: number, max: number): number {
    const dist = this.written - pos;
    let m = 0;
    while (m < max) {
      const b = m < dist ? this.dict[(pos + m) & DICT_MASK]! : input[start + m - dist]!;
      if (b !== input[start + m]) break;
      m++;
    }
    return m;
  }

  findLongestMatch(input: Uint8Array, start: number): { offset: number; length: number } {
    const max = Math.min(MAX_MATCH, input.length - start);
    if (max < 2) return { offset: 0, length: 0 };
    // Valid positions: not overwritten since, and not the write offset itself (that is the end marker).
    const oldest = Math.max(0, this.written - (DICT_SIZE - 1));
    let count = 0;
    for (let p = this.head[(input[start]! << 8) | input[start + 1]!]!; p >= oldest; p = this.prev[p & DICT_MASK]!) {
      this.candidates[count++] = p;
    }
    let bestLength = 0;
    let bestPos = 0;
    // Oldest first, so the first longest wins as in the spec's scan.
    for (let k = count - 1; k >= 0 && bestLength < max; k--) {
      const p = this.candidates[k]!;
      const length = this.matchLength(input, start, p, max);
      if (length > bestLength) {
        bestLength = length;
        bestPos = p;
      }
    }
    // The newest byte (its pair is not indexed yet) comes last in the scan.
    if (bestLength < max && this.written > 0) {
      const p = this.written - 1;
      const length = this.matchLength(input, start, p, max);
      if (length > bestLength) {
        bestLength = length;
        bestPos = p;
      }
    }
    return { offset: bestPos & DICT_MASK, length: bestLength };
  }
}
