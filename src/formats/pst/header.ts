import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_NO_SUPPORT, MAPI_E_VERSION } from '../../core/generated/scodes.js';
import type { ByteSource } from './ByteSource.js';
import { u8, u16, u32, u64 } from './bytes.js';
import { pstCrc } from './crc.js';
import { NDB_CRYPT_CYCLIC, NDB_CRYPT_EDPCRYPTED, NDB_CRYPT_NONE, NDB_CRYPT_PERMUTE } from './crypt.js';
import { corrupt, hex } from './errors.js';
import type { PstFormat } from './format.js';

/** [MS-PST] 2.2.2.4 BREF: a BID and the file offset (IB) of the page or block it names. */
export interface BREF {
  /** The BID (page BID for B-tree pages). */
  bid: number;
  /** Absolute file offset. */
  ib: number;
}

/** [MS-PST] 2.2.2.5 ROOT. */
export interface PstRoot {
  /** The file size the header records. */
  ibFileEof: number;
  /** Offset of the last AMap page. */
  ibAMapLast: number;
  /** Free bytes in all AMaps. */
  cbAMapFree: number;
  /** Free bytes in all PMaps. */
  cbPMapFree: number;
  /** Root page of the node B-tree. */
  BREFNBT: BREF;
  /** Root page of the block B-tree. */
  BREFBBT: BREF;
  /** 0 INVALID_AMAP, 1 VALID_AMAP1 (deprecated), 2 VALID_AMAP2. */
  fAMapValid: number;
}

/** [MS-PST] 2.2.2.6 HEADER, the fields a reader uses, for every variant. */
export interface PstHeader {
  /** ANSI (wVer 14/15), Unicode (wVer 23) or the 4K-page OST (wVer 36). */
  format: PstFormat;
  /** wMagicClient: 0x4D53 "SM" (PST), 0x4F53 "SO" (OST), 0x4241 "AB" (PAB). */
  wMagicClient: number;
  /** `PST`, `OST` or `PAB`, from wMagicClient. */
  clientKind: 'PST' | 'OST' | 'PAB';
  /** File format version. */
  wVer: number;
  /** Client file format version. */
  wVerClient: number;
  /** Incremented on every header write. */
  dwUnique: number;
  /** Next block BID to allocate. */
  bidNextB: number;
  /** Next page BID to allocate. */
  bidNextP: number;
  /** rgnid[32]: last nidIndex handed out per nidType. */
  rgnid: number[];
  /** The ROOT structure. */
  root: PstRoot;
  /** bCryptMethod: NDB_CRYPT_NONE, NDB_CRYPT_PERMUTE or NDB_CRYPT_CYCLIC. */
  bCryptMethod: number;
}

const MAGIC = 0x4e444221; // "!BDN"
const CLIENT: Readonly<Record<number, PstHeader['clientKind']>> = { 0x4d53: 'PST', 0x4f53: 'OST', 0x4241: 'PAB' };

/** The format a wVer value announces, or undefined for an unknown version. */
export function formatOfVersion(wVer: number): PstFormat | undefined {
  if (wVer === 14 || wVer === 15) return 'ansi';
  if (wVer === 36) return 'unicode4k';
  // 23 is what Outlook writes; 21 comes from some recovery tools, 37 from WIP-capable Outlook.
  if (wVer === 21 || (wVer >= 23 && wVer <= 37)) return 'unicode';
  return undefined;
}

/**
 * Reads and validates the HEADER at offset 0 ([MS-PST] 2.2.2.6): magic, version, CRCs
 * (dwCRCPartial, and dwCRCFull for Unicode), sentinel and crypt method.
 * @throws MapiError MAPI_E_CORRUPT_DATA for a damaged header, MAPI_E_VERSION for an unknown
 * wVer, MAPI_E_NO_SUPPORT for Windows Information Protection (NDB_CRYPT_EDPCRYPTED).
 */
export function readHeader(source: ByteSource): PstHeader {
  const where = { ib: 0 };
  if (source.size < 512) throw corrupt(`file of ${source.size} bytes is too short for a PST header`, where);
  const h = source.read(0, Math.min(564, source.size));
  if (u32(h, 0) !== MAGIC) throw corrupt('not a PST/OST file (dwMagic is not "!BDN")', where);
  const wMagicClient = u16(h, 8);
  const clientKind = CLIENT[wMagicClient];
  if (!clientKind) throw corrupt(`unknown wMagicClient ${hex(wMagicClient)}`, where);
  const wVer = u16(h, 10);
  const format = formatOfVersion(wVer);
  if (!format) throw new MapiError(MAPI_E_VERSION, `[MS-PST] unsupported file version wVer=${wVer}`);
  // dwCRCPartial covers the 471 bytes from offset 8 in both variants.
  const crcPartial = pstCrc(h.subarray(8, 8 + 471));
  if (crcPartial !== u32(h, 4)) throw corrupt(`header dwCRCPartial ${hex(u32(h, 4))} != computed ${hex(crcPartial)}`, where);
  const ansi = format === 'ansi';
  if (!ansi) {
    if (h.length < 528) throw corrupt('Unicode header truncated', where);
    const crcFull = pstCrc(h.subarray(8, 8 + 516));
    if (crcFull !== u32(h, 524)) throw corrupt(`header dwCRCFull ${hex(u32(h, 524))} != computed ${hex(crcFull)}`, where);
  }
  const rgnidAt = ansi ? 36 : 44;
  const rgnid: number[] = [];
  for (let i = 0; i < 32; i++) rgnid.push(u32(h, rgnidAt + i * 4));
  const id = (off: number) => (ansi ? u32(h, off, where) : u64(h, off, where));
  const r = ansi ? 164 : 180;
  const w = ansi ? 4 : 8;
  const root: PstRoot = {
    ibFileEof: id(r + 4),
    ibAMapLast: id(r + 4 + w),
    cbAMapFree: id(r + 4 + 2 * w),
    cbPMapFree: id(r + 4 + 3 * w),
    BREFNBT: { bid: id(r + 4 + 4 * w), ib: id(r + 4 + 5 * w) },
    BREFBBT: { bid: id(r + 4 + 6 * w), ib: id(r + 4 + 7 * w) },
    fAMapValid: u8(h, r + 4 + 8 * w),
  };
  const sentinelAt = ansi ? 460 : 512;
  if (u8(h, sentinelAt) !== 0x80) throw corrupt(`header bSentinel ${hex(u8(h, sentinelAt))} is not 0x80`, where);
  const bCryptMethod = u8(h, sentinelAt + 1);
  if (bCryptMethod === NDB_CRYPT_EDPCRYPTED) {
    throw new MapiError(MAPI_E_NO_SUPPORT, '[MS-PST] the file is protected by Windows Information Protection (NDB_CRYPT_EDPCRYPTED)');
  }
  if (bCryptMethod !== NDB_CRYPT_NONE && bCryptMethod !== NDB_CRYPT_PERMUTE && bCryptMethod !== NDB_CRYPT_CYCLIC) {
    throw corrupt(`unknown bCryptMethod ${hex(bCryptMethod)}`, where);
  }
  return {
    format,
    wMagicClient,
    clientKind,
    wVer,
    wVerClient: u16(h, 12),
    dwUnique: u32(h, ansi ? 32 : 40),
    bidNextB: ansi ? u32(h, 24) : u64(h, 516, where),
    bidNextP: ansi ? u32(h, 28) : u64(h, 32, where),
    rgnid,
    root,
    bCryptMethod,
  };
}
