import { cstr, invalidParameter } from './common.js';

const DIGITS = '0123456789ABCDEF';

/** The value of one ASCII hex digit (0-9, A-F, a-f), or -1. */
function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

/**
 * The hexadecimal text of binary data, two upper-case digits a byte (hexfrombin.md: byte 10
 * becomes "0A"); empty data gives "". Throws MapiError MAPI_E_INVALID_PARAMETER for anything
 * but a Uint8Array.
 * @see hexfrombin.md
 */
export function HexFromBin(pb: Uint8Array): string {
  if (!(pb instanceof Uint8Array)) throw invalidParameter('HexFromBin', 'expected a Uint8Array');
  let out = '';
  for (let i = 0; i < pb.length; i++) {
    const b = pb[i] as number;
    out += DIGITS[b >> 4] + (DIGITS[b & 0xf] as string);
  }
  return out;
}

/**
 * The bytes a hexadecimal string stands for, or null where native returns FALSE:
 * fbinfromhex.md: a character that is not 0-9, A-F or a-f; and, as in native (the second digit
 * of the last pair is the terminator), an odd number of digits. The string ends at its first
 * NUL, as the C string would. A non-string gives null; "" gives an empty array.
 * @see fbinfromhex.md
 */
export function FBinFromHex(sz: string): Uint8Array | null {
  if (typeof sz !== 'string') return null;
  const text = cstr(sz);
  if (text.length % 2 !== 0) return null;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexDigit(text.charCodeAt(2 * i));
    const lo = hexDigit(text.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return null;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/**
 * The unsigned 32-bit number at the start of a string of hex digits (ulfromszhex.md): digits
 * are read up to the first character that is not one ("5a" → 90, "5g5h" → 5, "g5h5" → 0); both
 * cases of a-f count, nothing else does (no "0x", spaces or signs). Arithmetic is ULONG, so
 * more than 8 digits keep the low 32 bits. A non-string gives 0.
 * Deviation from Wine, which reads digits in pairs (so "5g5h" gives 0 there): we follow the page.
 * @see ulfromszhex.md
 */
export function UlFromSzHex(lpsz: string): number {
  if (typeof lpsz !== 'string') return 0;
  let value = 0;
  for (let i = 0; i < lpsz.length; i++) {
    const d = hexDigit(lpsz.charCodeAt(i));
    if (d < 0) break;
    value = ((value * 16) + d) % 0x100000000;
  }
  return value;
}
