// The three on-disk variants differ only in field widths and page/block geometry; every
// offset the NDB layer uses comes from one of these tables.

/** Which variant of the NDB layout a file uses. */
export type PstFormat = 'ansi' | 'unicode' | 'unicode4k';

/** Field widths and page/block geometry of one variant. */
export interface FormatLayout {
  readonly format: PstFormat;
  /** Size of a BID, an IB and a NID slot in B-tree entries: 4 (ANSI) or 8. */
  readonly idSize: 4 | 8;
  /** Page size: 512, or 4096 for the 4K-page OST. */
  readonly pageSize: number;
  /** Bytes covered by the page CRC (everything before the trailer's CRC/BID fields). */
  readonly pageCrcSize: number;
  /** Offset of the PAGETRAILER in a page. */
  readonly pageTrailerOffset: number;
  /** Offsets (in the page) of the BTPAGE cEnt, cEntMax, cbEnt, cLevel fields. */
  readonly btCEnt: number;
  readonly btCEntMax: number;
  readonly btCbEnt: number;
  readonly btCLevel: number;
  /** Width of cEnt/cEntMax: 1, or 2 in the 4K-page OST. */
  readonly btCountSize: 1 | 2;
  /** Bytes available to BTPAGE entries. */
  readonly btEntriesSize: number;
  /** BLOCKTRAILER size: 12 (ANSI), 16 (Unicode), 24 (4K OST). */
  readonly blockTrailerSize: number;
  /** Blocks are allocated in multiples of this: 64, or 512 in the 4K OST. */
  readonly blockAlign: number;
  /** Largest block including its trailer. */
  readonly maxBlockSize: number;
  /** Shift of hidBlockIndex in an HID: 16, or 19 in the 4K OST. */
  readonly hidBlockShift: number;
  /** Mask of hidIndex (after >>> 5): 0x7FF, or 0x3FFF in the 4K OST. */
  readonly hidIndexMask: number;
}

/** [MS-PST] 2.2.2.7.1 / 2.2.2.7.7.1 / 2.2.2.8.1, ANSI (wVer 14/15). */
export const ANSI_LAYOUT: FormatLayout = {
  format: 'ansi',
  idSize: 4,
  pageSize: 512,
  pageCrcSize: 500,
  pageTrailerOffset: 500,
  btCEnt: 496,
  btCEntMax: 497,
  btCbEnt: 498,
  btCLevel: 499,
  btCountSize: 1,
  btEntriesSize: 496,
  blockTrailerSize: 12,
  blockAlign: 64,
  maxBlockSize: 8192,
  hidBlockShift: 16,
  hidIndexMask: 0x7ff,
};

/** [MS-PST] 2.2.2.7.1 / 2.2.2.7.7.1 / 2.2.2.8.1, Unicode (wVer 23). */
export const UNICODE_LAYOUT: FormatLayout = {
  format: 'unicode',
  idSize: 8,
  pageSize: 512,
  pageCrcSize: 496,
  pageTrailerOffset: 496,
  btCEnt: 488,
  btCEntMax: 489,
  btCbEnt: 490,
  btCLevel: 491,
  btCountSize: 1,
  btEntriesSize: 488,
  blockTrailerSize: 16,
  blockAlign: 64,
  maxBlockSize: 8192,
  hidBlockShift: 16,
  hidIndexMask: 0x7ff,
};

/**
 * The Outlook 2013+ OST with 4 KiB pages (wVer 36). Not in [MS-PST]; from libpff's format
 * notes and the "OST 2013 file format" write-up: 4096-byte pages with the trailer at 4072 and
 * 2-byte entry counts, blocks aligned on 512 bytes up to 64 KiB with a 24-byte trailer, BBT
 * leaf entries carrying the inflated size of zlib-compressed blocks, and HIDs with a 14-bit
 * index and a 13-bit block index.
 */
export const UNICODE_4K_LAYOUT: FormatLayout = {
  format: 'unicode4k',
  idSize: 8,
  pageSize: 4096,
  pageCrcSize: 4072,
  pageTrailerOffset: 4072,
  btCEnt: 4056,
  btCEntMax: 4058,
  btCbEnt: 4060,
  btCLevel: 4061,
  btCountSize: 2,
  btEntriesSize: 4056,
  blockTrailerSize: 24,
  blockAlign: 512,
  maxBlockSize: 65536,
  hidBlockShift: 19,
  hidIndexMask: 0x3fff,
};

/** The layout of a format. */
export function layoutOf(format: PstFormat): FormatLayout {
  return format === 'ansi' ? ANSI_LAYOUT : format === 'unicode' ? UNICODE_LAYOUT : UNICODE_4K_LAYOUT;
}
