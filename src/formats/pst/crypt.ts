import { MPBB_I as mpbbI, MPBB_R as mpbbR, MPBB_S as mpbbS } from './cryptTables.js';

/** [MS-PST] 2.2.2.6 bCryptMethod: no encoding. */
export const NDB_CRYPT_NONE = 0x00;
/** [MS-PST] 2.2.2.6 bCryptMethod: byte permutation (5.1). */
export const NDB_CRYPT_PERMUTE = 0x01;
/** [MS-PST] 2.2.2.6 bCryptMethod: cyclic encoding keyed by the BID (5.2). */
export const NDB_CRYPT_CYCLIC = 0x02;
/** [MS-PST] 2.2.2.6 bCryptMethod: Windows Information Protection (undocumented, unsupported). */
export const NDB_CRYPT_EDPCRYPTED = 0x10;

/** [MS-PST] 5.1: decodes NDB_CRYPT_PERMUTE data in place. */
export function decodePermute(data: Uint8Array): void {
  for (let i = 0; i < data.length; i++) data[i] = mpbbI[data[i] as number] as number;
}

/** [MS-PST] 5.1: encodes data in place with NDB_CRYPT_PERMUTE (the inverse of {@link decodePermute}). */
export function encodePermute(data: Uint8Array): void {
  for (let i = 0; i < data.length; i++) data[i] = mpbbR[data[i] as number] as number;
}

/**
 * [MS-PST] 5.2: NDB_CRYPT_CYCLIC, keyed by the low 32 bits of the block's BID. The operation is
 * its own inverse: the same call encodes and decodes, in place.
 */
export function cyclic(data: Uint8Array, bid: number): void {
  const key = bid >>> 0;
  let w = ((key ^ (key >>> 16)) & 0xffff) >>> 0;
  for (let i = 0; i < data.length; i++) {
    let b = data[i] as number;
    b = (b + (w & 0xff)) & 0xff;
    b = mpbbR[b] as number;
    b = (b + (w >>> 8)) & 0xff;
    b = mpbbS[b] as number;
    b = (b - (w >>> 8)) & 0xff;
    b = mpbbI[b] as number;
    b = (b - (w & 0xff)) & 0xff;
    data[i] = b;
    w = (w + 1) & 0xffff;
  }
}

/** Decodes an external data block in place according to the file's bCryptMethod. */
export function decodeBlock(data: Uint8Array, cryptMethod: number, bid: number): void {
  if (cryptMethod === NDB_CRYPT_PERMUTE) decodePermute(data);
  else if (cryptMethod === NDB_CRYPT_CYCLIC) cyclic(data, bid);
}

/** Encodes an external data block in place (used by writers and tests). */
export function encodeBlock(data: Uint8Array, cryptMethod: number, bid: number): void {
  if (cryptMethod === NDB_CRYPT_PERMUTE) encodePermute(data);
  else if (cryptMethod === NDB_CRYPT_CYCLIC) cyclic(data, bid);
}
