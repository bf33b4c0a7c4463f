import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA } from '../../core/generated/scodes.js';
import { crc32Rtf } from './crc32.js';

// [MS-OXRTFCP]: the PR_RTF_COMPRESSED stream. A 16-byte header (COMPSIZE, RAWSIZE, COMPTYPE,
// CRC, little-endian DWORDs) and CONTENTS: raw RTF for "MELA", LZ77 runs over a 4096-byte
// circular dictionary for "LZFu".

/** COMPTYPE of compressed contents: the bytes "LZFu" ([MS-OXRTFCP] 2.1.3.1.1 COMPRESSED). */
export const COMPTYPE_COMPRESSED = 0x75465a4c;
/** COMPTYPE of uncompressed contents: the bytes "MELA" (dwMagicUncompressedRTF, [MS-OXRTFCP] 2.1.3.1.1 UNCOMPRESSED). */
export const COMPTYPE_UNCOMPRESSED = 0x414c454d;

/** Bytes of the stream header. */
export const COMPRESSED_RTF_HEADER_SIZE = 16;

/**
 * The largest RAWSIZE {@link decompressRtf} accepts unless told otherwise: 256 MiB. An LZFu
 * stream expands at most 8 times (8 two-byte references of 17 bytes per 17-byte run), so
 * RAWSIZE is also capped at 8 × the CONTENTS length; this absolute cap bounds what a caller
 * allocates for a large but otherwise plausible stream.
 */
export const DEFAULT_MAX_RAW_SIZE = 256 * 1024 * 1024;

/** LZFu's worst-case expansion: a run of 17 bytes (control + 8 references) yields 136 bytes. */
const MAX_EXPANSION = 8;

/** Size of the LZFu dictionary ([MS-OXRTFCP] 2.1.2.1). */
export const DICT_SIZE = 4096;
const DICT_MASK = DICT_SIZE - 1;

/**
 * The initial dictionary of [MS-OXRTFCP] 2.1.2.1 (207 bytes), the same for writer and reader.
 */
export const INITIAL_DICTIONARY: Uint8Array = Uint8Array.from(
  '{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript ' +
    '\\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n' +
    '\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx',
  (c) => c.charCodeAt(0),
);

/** The header of a PR_RTF_COMPRESSED stream. @see [MS-OXRTFCP] 2.1.3.1.1 */
export interface CompressedRtfHeader {
  /** COMPSIZE: the CONTENTS length plus 12. */
  readonly compSize: number;
  /** RAWSIZE: the length of the uncompressed RTF. */
  readonly rawSize: number;
  /** COMPTYPE: {@link COMPTYPE_COMPRESSED} or {@link COMPTYPE_UNCOMPRESSED}. */
  readonly compType: number;
  /** CRC of CONTENTS for LZFu ({@link crc32Rtf}); 0 for MELA. */
  readonly crc: number;
}

/** Options of {@link decompressRtf}. */
export interface DecompressRtfOptions {
  /** The largest RAWSIZE to trust, in bytes ({@link DEFAULT_MAX_RAW_SIZE} by default). */
  readonly maxRawSize?: number;
}

function corrupt(message: string): MapiError {
  return new MapiError(MAPI_E_CORRUPT_DATA, `compressed RTF: ${message}`);
}

const u32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

/** Writes a little-endian DWORD. */
export function putU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
}

/**
 * Reads and checks the 16-byte header of a PR_RTF_COMPRESSED stream: at least 16 bytes,
 * COMPSIZE ≥ 12 and within the stream (trailing bytes after COMPSIZE + 4 are allowed),
 * COMPTYPE LZFu or MELA.
 * @throws MapiError MAPI_E_CORRUPT_DATA when the header is malformed.
 * @see [MS-OXRTFCP] 2.2.2.1
 */
export function readCompressedRtfHeader(bytes: Uint8Array): CompressedRtfHeader {
  if (bytes.length < COMPRESSED_RTF_HEADER_SIZE) throw corrupt(`stream of ${bytes.length} bytes is shorter than the 16-byte header`);
  const header = { compSize: u32(bytes, 0), rawSize: u32(bytes, 4), compType: u32(bytes, 8), crc: u32(bytes, 12) };
  if (header.compType !== COMPTYPE_COMPRESSED && header.compType !== COMPTYPE_UNCOMPRESSED) {
    throw corrupt(`unknown COMPTYPE 0x${header.compType.toString(16).padStart(8, '0')}`);
  }
  if (header.compSize < 12) throw corrupt(`COMPSIZE ${header.compSize} is smaller than 12`);
  if (header.compSize + 4 > bytes.length) {
    throw corrupt(`COMPSIZE ${header.compSize} runs past the end of a ${bytes.length}-byte stream (truncated)`);
  }
  return header;
}

/**
 * Decompresses a PR_RTF_COMPRESSED stream into RTF bytes (8-bit RTF: decode it with the
 * RTF's own code pages, never as UTF-8). MELA contents are returned as stored, up to COMPSIZE
 * (readers SHOULD ignore RAWSIZE there and MUST NOT check the CRC). LZFu contents are checked
 * as the spec requires: the CRC over CONTENTS must match, the end-marker reference must be
 * present, and the output must be exactly RAWSIZE bytes. RAWSIZE is trusted only up to 8 ×
 * the CONTENTS length (LZFu's largest expansion) and `options.maxRawSize`, so a lying header
 * cannot make this allocate more than that; output never grows past RAWSIZE.
 * @throws MapiError MAPI_E_CORRUPT_DATA for a malformed, truncated or inconsistent stream.
 * @see [MS-OXRTFCP] 2.2.3
 * @see wrapcompressedrtfstream.md
 */
export function decompressRtf(bytes: Uint8Array, options: DecompressRtfOptions = {}): Uint8Array {
  const header = readCompressedRtfHeader(bytes);
  const end = header.compSize + 4;
  if (header.compType === COMPTYPE_UNCOMPRESSED) {
    // [MS-OXRTFCP] 2.2.3.1: read to the end of the contents regardless of RAWSIZE.
    return bytes.slice(COMPRESSED_RTF_HEADER_SIZE, end);
  }
  const contentsLength = end - COMPRESSED_RTF_HEADER_SIZE;
  const maxRawSize = options.maxRawSize ?? DEFAULT_MAX_RAW_SIZE;
  if (header.rawSize > contentsLength * MAX_EXPANSION) {
    throw corrupt(`RAWSIZE ${header.rawSize} is more than ${MAX_EXPANSION} times the ${contentsLength} bytes of compressed contents`);
  }
  if (header.rawSize > maxRawSize) throw corrupt(`RAWSIZE ${header.rawSize} is above the limit of ${maxRawSize} bytes`);
  // [MS-OXRTFCP] 2.2.3.2: the CRC over CONTENTS MUST match the header's.
  const crc = crc32Rtf(bytes, 0, COMPRESSED_RTF_HEADER_SIZE, end);
  if (crc !== header.crc) {
    throw corrupt(`CRC 0x${crc.toString(16).padStart(8, '0')} of the contents does not match the header's 0x${header.crc.toString(16).padStart(8, '0')}`);
  }

  const dict = new Uint8Array(DICT_SIZE);
  dict.set(INITIAL_DICTIONARY);
  let w = INITIAL_DICTIONARY.length;
  const out = new Uint8Array(header.rawSize);
  let n = 0;
  let pos = COMPRESSED_RTF_HEADER_SIZE;
  for (;;) {
    if (pos >= end) throw corrupt('the contents end without the end-marker reference (truncated)');
    const control = bytes[pos++]!;
    for (let bit = 0; bit < 8; bit++) {
      if ((control & (1 << bit)) === 0) {
        if (pos >= end) throw corrupt('the contents end inside a run (truncated)');
        if (n >= out.length) throw corrupt(`the contents expand past RAWSIZE ${header.rawSize}`);
        const b = bytes[pos++]!;
        out[n++] = b;
        dict[w] = b;
        w = (w + 1) & DICT_MASK;
      } else {
        if (pos + 2 > end) throw corrupt('the contents end inside a dictionary reference (truncated)');
        const ref = (bytes[pos]! << 8) | bytes[pos + 1]!;
        pos += 2;
        let offset = ref >>> 4;
        // [MS-OXRTFCP] 2.2.3.2: a reference to the write offset is the end marker.
        if (offset === w) {
          if (n !== header.rawSize) throw corrupt(`the contents expand to ${n} bytes, not RAWSIZE ${header.rawSize}`);
          return out;
        }
        const length = (ref & 0xf) + 2;
        if (n + length > out.length) throw corrupt(`the contents expand past RAWSIZE ${header.rawSize}`);
        // Byte by byte: a reference may run across the write offset (§3.1.2, example 2).
        for (let i = 0; i < length; i++) {
          const b = dict[offset]!;
          offset = (offset + 1) & DICT_MASK;
          out[n++] = b;
          dict[w] = b;
          w = (w + 1) & DICT_MASK;
        }
      }
    }
  }
}
