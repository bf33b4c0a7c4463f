/**
 * Little-endian property values as Microsoft's file formats store them (.msg [MS-OXMSG] 2.1.2,
 * PST [MS-PST] 2.3.3): the fixed-size types and UTF-16LE text, shared by `msg` and `pst`.
 */
import {
  PT_APPTIME, PT_BOOLEAN, PT_CLSID, PT_CURRENCY, PT_DOUBLE, PT_ERROR, PT_I2, PT_I8, PT_LONG, PT_R4, PT_SYSTIME,
} from '../core/generated/proptypes.js';
import { FILETIME } from '../core/props/filetime.js';
import { GUID } from '../core/props/guid.js';
import type { PropValueData } from '../core/props/types.js';

/**
 * Decodes a fixed-size value (PT_I2 … PT_SYSTIME, PT_CLSID) from `b`, which the caller has
 * checked holds at least the type's size; undefined for a type that is not fixed-size.
 */
export function decodeFixedValue(type: number, b: Uint8Array): PropValueData | undefined {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (type) {
    case PT_I2:
      return v.getInt16(0, true);
    case PT_LONG:
      return v.getInt32(0, true);
    case PT_ERROR:
      return v.getUint32(0, true);
    case PT_R4:
      return v.getFloat32(0, true);
    case PT_BOOLEAN:
      // [MS-OXMSG] 2.1.2: "nonzero = true"; Outlook leaves garbage in the other bytes.
      return b[0] !== 0;
    case PT_DOUBLE:
    case PT_APPTIME:
      return v.getFloat64(0, true);
    case PT_CURRENCY:
    case PT_I8:
      return v.getBigInt64(0, true);
    case PT_SYSTIME:
      return new FILETIME(v.getBigUint64(0, true));
    case PT_CLSID:
      return GUID.fromBytes(b, 0);
    default:
      return undefined;
  }
}

/** UTF-16LE bytes to a string (lone surrogates kept as they are); an odd trailing byte is dropped. */
export function decodeUtf16(b: Uint8Array): string {
  const n = b.length >>> 1;
  let s = '';
  for (let i = 0; i < n; i += 4096) {
    const end = Math.min(n, i + 4096);
    const codes = new Array<number>(end - i);
    for (let k = i; k < end; k++) codes[k - i] = (b[2 * k] as number) | ((b[2 * k + 1] as number) << 8);
    s += String.fromCharCode(...codes);
  }
  return s;
}
