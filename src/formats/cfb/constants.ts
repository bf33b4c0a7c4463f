/**
 * Numbers fixed by [MS-CFB]: special sector numbers (§2.1), stream IDs (§2.6.1), header
 * layout (§2.2) and directory-entry layout (§2.6.1).
 */

/** [MS-CFB] 2.1: highest ordinary sector number. */
export const MAXREGSECT = 0xfffffffa;
/** [MS-CFB] 2.1: FAT entry of a sector that holds DIFAT data. */
export const DIFSECT = 0xfffffffc;
/** [MS-CFB] 2.1: FAT entry of a sector that holds FAT data. */
export const FATSECT = 0xfffffffd;
/** [MS-CFB] 2.1: the last sector of a chain. */
export const ENDOFCHAIN = 0xfffffffe;
/** [MS-CFB] 2.1: an unallocated sector. */
export const FREESECT = 0xffffffff;
/** [MS-CFB] 2.6.1: highest ordinary stream ID. */
export const MAXREGSID = 0xfffffffa;
/** [MS-CFB] 2.6.1: "no entry" in the Left/Right/Child fields. */
export const NOSTREAM = 0xffffffff;

/** [MS-CFB] 2.2: the eight signature bytes at offset 0. */
export const CFB_SIGNATURE: readonly number[] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** [MS-CFB] 2.2: size of the header structure (a v4 header sector is padded to 4096). */
export const HEADER_SIZE = 512;
/** [MS-CFB] 2.2: DIFAT entries held in the header. */
export const HEADER_DIFAT_ENTRIES = 109;
/** [MS-CFB] 2.2: Mini Stream Cutoff Size; smaller streams live in the mini stream. */
export const MINI_STREAM_CUTOFF = 4096;
/** [MS-CFB] 2.2: Mini Sector Shift 6 → 64-byte mini sectors. */
export const MINI_SECTOR_SIZE = 64;
/** [MS-CFB] 2.6.1: size of one directory entry. */
export const DIR_ENTRY_SIZE = 128;
/** [MS-CFB] 2.6.1: longest name in UTF-16 code units, without the terminating NUL. */
export const MAX_NAME_UNITS = 31;
/** [MS-CFB] 2.6.2: the root entry's name. */
export const ROOT_ENTRY_NAME = 'Root Entry';
/** [MS-CFB] 2.6.1 Stream Size: a v3 stream (and file) holds at most 0x80000000 bytes. */
export const V3_MAX_STREAM_SIZE = 0x80000000;

/** [MS-CFB] 2.6.1 Object Type values. */
export const ObjectType = {
  Unallocated: 0x00,
  Storage: 0x01,
  Stream: 0x02,
  Root: 0x05,
} as const;

/** [MS-CFB] 2.6.1 Color Flag values. */
export const Color = {
  Red: 0x00,
  Black: 0x01,
} as const;

/** [MS-CFB] 2.2 header field offsets. */
export const HeaderOffset = {
  Signature: 0x00,
  Clsid: 0x08,
  MinorVersion: 0x18,
  MajorVersion: 0x1a,
  ByteOrder: 0x1c,
  SectorShift: 0x1e,
  MiniSectorShift: 0x20,
  NumDirectorySectors: 0x28,
  NumFatSectors: 0x2c,
  FirstDirectorySector: 0x30,
  TransactionSignature: 0x34,
  MiniStreamCutoff: 0x38,
  FirstMiniFatSector: 0x3c,
  NumMiniFatSectors: 0x40,
  FirstDifatSector: 0x44,
  NumDifatSectors: 0x48,
  Difat: 0x4c,
} as const;

/** [MS-CFB] 2.6.1 directory entry field offsets. */
export const EntryOffset = {
  Name: 0x00,
  NameLength: 0x40,
  ObjectType: 0x42,
  Color: 0x43,
  LeftSibling: 0x44,
  RightSibling: 0x48,
  Child: 0x4c,
  Clsid: 0x50,
  StateBits: 0x60,
  CreationTime: 0x64,
  ModifiedTime: 0x6c,
  StartSector: 0x74,
  StreamSize: 0x78,
} as const;
