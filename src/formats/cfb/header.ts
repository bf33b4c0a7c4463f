/**
 * The compound file header ([MS-CFB] 2.2): parsed and checked before anything else is read.
 */
import type { ByteSource } from './ByteSource.js';
import { CFB_SIGNATURE, HEADER_DIFAT_ENTRIES, HEADER_SIZE, HeaderOffset, MINI_STREAM_CUTOFF } from './constants.js';
import { corrupt, u16, u32 } from './corrupt.js';

/** The header fields the reader uses. */
export interface CfbHeader {
  majorVersion: 3 | 4;
  minorVersion: number;
  /** 512 (v3) or 4096 (v4). */
  sectorSize: number;
  numDirectorySectors: number;
  numFatSectors: number;
  firstDirectorySector: number;
  firstMiniFatSector: number;
  numMiniFatSectors: number;
  firstDifatSector: number;
  numDifatSectors: number;
  /** DIFAT[0..108]: the first 109 FAT sector numbers. */
  difat: Uint32Array;
}

/** Reads and checks the header; throws MAPI_E_CORRUPT_DATA when it is not a CFB header. */
export function readHeader(source: ByteSource): CfbHeader {
  if (source.size < HEADER_SIZE) corrupt(`the file is ${source.size} bytes, shorter than the ${HEADER_SIZE}-byte header`);
  const h = source.read(0, HEADER_SIZE);
  if (h.length < HEADER_SIZE) corrupt(`the header could not be read (${h.length} of ${HEADER_SIZE} bytes)`);
  for (let i = 0; i < CFB_SIGNATURE.length; i++) {
    if (h[i] !== CFB_SIGNATURE[i]) corrupt('bad signature at offset 0 (not a compound file)');
  }
  const major = u16(h, HeaderOffset.MajorVersion);
  if (major !== 3 && major !== 4) corrupt(`header: Major Version is ${major}, expected 3 or 4`);
  const byteOrder = u16(h, HeaderOffset.ByteOrder);
  if (byteOrder !== 0xfffe) corrupt(`header: Byte Order is 0x${byteOrder.toString(16)}, expected 0xFFFE`);
  const shift = u16(h, HeaderOffset.SectorShift);
  // [MS-CFB] 2.2: version 3 MUST use shift 9 (512 bytes), version 4 shift 12 (4096 bytes).
  if (shift !== (major === 3 ? 9 : 12)) corrupt(`header: Sector Shift is ${shift}, version ${major} requires ${major === 3 ? 9 : 12}`);
  const miniShift = u16(h, HeaderOffset.MiniSectorShift);
  if (miniShift !== 6) corrupt(`header: Mini Sector Shift is ${miniShift}, expected 6`);
  const cutoff = u32(h, HeaderOffset.MiniStreamCutoff);
  if (cutoff !== MINI_STREAM_CUTOFF) corrupt(`header: Mini Stream Cutoff Size is ${cutoff}, expected ${MINI_STREAM_CUTOFF}`);
  const difat = new Uint32Array(HEADER_DIFAT_ENTRIES);
  for (let i = 0; i < HEADER_DIFAT_ENTRIES; i++) difat[i] = u32(h, HeaderOffset.Difat + i * 4);
  return {
    majorVersion: major,
    minorVersion: u16(h, HeaderOffset.MinorVersion),
    sectorSize: 1 << shift,
    numDirectorySectors: u32(h, HeaderOffset.NumDirectorySectors),
    numFatSectors: u32(h, HeaderOffset.NumFatSectors),
    firstDirectorySector: u32(h, HeaderOffset.FirstDirectorySector),
    firstMiniFatSector: u32(h, HeaderOffset.FirstMiniFatSector),
    numMiniFatSectors: u32(h, HeaderOffset.NumMiniFatSectors),
    firstDifatSector: u32(h, HeaderOffset.FirstDifatSector),
    numDifatSectors: u32(h, HeaderOffset.NumDifatSectors),
    difat,
  };
}
