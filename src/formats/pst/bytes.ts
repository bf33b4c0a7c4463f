// Little-endian field readers over untrusted buffers. Every read is bounds-checked: a field
// past the end of its structure is corrupt data, never an `undefined` that propagates.
import { corrupt, type Where } from './errors.js';

const TWO32 = 4294967296;
/** Largest high DWORD of a 64-bit field that still gives a safe integer. */
const MAX_SAFE_HIGH = 0x1fffff;

function need(buf: Uint8Array, off: number, n: number, where?: Where): void {
  if (off < 0 || off + n > buf.length) throw corrupt(`field at ${off}+${n} past the end of a ${buf.length}-byte structure`, where);
}

/** Unsigned byte. */
export function u8(buf: Uint8Array, off: number, where?: Where): number {
  need(buf, off, 1, where);
  return buf[off] as number;
}

/** Unsigned 16-bit little-endian. */
export function u16(buf: Uint8Array, off: number, where?: Where): number {
  need(buf, off, 2, where);
  return (buf[off] as number) | ((buf[off + 1] as number) << 8);
}

/** Unsigned 32-bit little-endian. */
export function u32(buf: Uint8Array, off: number, where?: Where): number {
  need(buf, off, 4, where);
  return ((buf[off] as number) | ((buf[off + 1] as number) << 8) | ((buf[off + 2] as number) << 16) | ((buf[off + 3] as number) << 24)) >>> 0;
}

/**
 * Unsigned 64-bit little-endian as a number. BIDs and file offsets never come near 2^53 in a
 * real file; a larger value is corrupt data.
 */
export function u64(buf: Uint8Array, off: number, where?: Where): number {
  const lo = u32(buf, off, where);
  const hi = u32(buf, off + 4, where);
  if (hi > MAX_SAFE_HIGH) throw corrupt(`64-bit value 0x${hi.toString(16)}${lo.toString(16).padStart(8, '0')} out of range`, where);
  return hi * TWO32 + lo;
}

/** Unsigned 64-bit little-endian as an exact bigint. */
export function u64n(buf: Uint8Array, off: number, where?: Where): bigint {
  need(buf, off, 8, where);
  return (BigInt(u32(buf, off + 4)) << 32n) | BigInt(u32(buf, off));
}

/** Signed 64-bit little-endian as an exact bigint. */
export function i64n(buf: Uint8Array, off: number, where?: Where): bigint {
  return BigInt.asIntN(64, u64n(buf, off, where));
}

/** A view of `len` bytes at `off`, bounds-checked. */
export function slice(buf: Uint8Array, off: number, len: number, where?: Where): Uint8Array {
  need(buf, off, len, where);
  return buf.subarray(off, off + len);
}
