/**
 * Property values as .msg files store them ([MS-OXMSG] 2.1, 2.4.2): fixed-size values inside
 * the 16-byte entry, the others in streams.
 */
import {
  PT_APPTIME, PT_BINARY, PT_BOOLEAN, PT_CLSID, PT_CURRENCY, PT_DOUBLE, PT_ERROR, PT_I2, PT_I8, PT_LONG, PT_MV_BINARY,
  PT_MV_STRING8, PT_MV_UNICODE, PT_OBJECT, PT_R4, PT_STRING8, PT_SVREID, PT_SYSTIME, PT_UNICODE,
} from '../../core/generated/proptypes.js';
import { FILETIME } from '../../core/props/filetime.js';
import { GUID } from '../../core/props/guid.js';
import type { PropValueData } from '../../core/props/types.js';
import { corruptMsg } from './corrupt.js';
import { decodeFixedValue, decodeUtf16 } from '../binaryValues.js';

export { decodeUtf16 };

/** Multi-valued flag of a property type. */
export const MV_FLAG = 0x1000;

/** Types whose value sits inside the property entry ([MS-OXMSG] 2.1.2), with their size. */
export function inlineSize(type: number): number | undefined {
  switch (type) {
    case PT_I2:
      return 2;
    case PT_LONG:
    case PT_R4:
    case PT_ERROR:
      return 4;
    case PT_BOOLEAN:
      return 1;
    case PT_DOUBLE:
    case PT_APPTIME:
    case PT_CURRENCY:
    case PT_I8:
    case PT_SYSTIME:
      return 8;
    default:
      return undefined;
  }
}

/** Size of one element of a fixed-size multi-valued type ([MS-OXMSG] 2.1.4.1): inline types and PT_CLSID. */
export function elementSize(base: number): number | undefined {
  return base === PT_CLSID ? 16 : inlineSize(base);
}

/** Single-valued types stored in a stream of their own ([MS-OXMSG] 2.1.3). PT_SVREID is written like PT_BINARY. */
export function isStreamType(type: number): boolean {
  return type === PT_UNICODE || type === PT_STRING8 || type === PT_BINARY || type === PT_CLSID || type === PT_SVREID || type === PT_OBJECT;
}

/** Multi-valued types stored as a length stream plus one stream per value ([MS-OXMSG] 2.1.4.2). */
export function isVariableMvType(type: number): boolean {
  return type === PT_MV_UNICODE || type === PT_MV_STRING8 || type === PT_MV_BINARY;
}

/** True for every type this format layer reads and writes. */
export function isMsgType(type: number): boolean {
  if (type & MV_FLAG) return isVariableMvType(type) || elementSize(type & ~MV_FLAG) !== undefined;
  return inlineSize(type) !== undefined || isStreamType(type);
}

/** Decodes a fixed-size value (inline type or PT_CLSID) from its bytes (at least the type's size). */
export function decodeFixed(type: number, b: Uint8Array): PropValueData {
  return decodeFixedValue(type, b) ?? corruptMsg(`type 0x${type.toString(16)} is not a fixed-size type`);
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** Encodes a fixed-size value into `out` (zeroed, at least the type's size). */
export function encodeFixed(type: number, value: PropValueData, out: Uint8Array): void {
  const v = view(out);
  switch (type) {
    case PT_I2:
      v.setInt16(0, Number(value) << 16 >> 16, true);
      return;
    case PT_LONG:
    case PT_ERROR:
      v.setUint32(0, Number(value) >>> 0, true);
      return;
    case PT_R4:
      v.setFloat32(0, Number(value), true);
      return;
    case PT_BOOLEAN:
      out[0] = value ? 1 : 0;
      return;
    case PT_DOUBLE:
    case PT_APPTIME:
      v.setFloat64(0, Number(value), true);
      return;
    case PT_CURRENCY:
    case PT_I8:
      v.setBigInt64(0, BigInt.asIntN(64, value as bigint), true);
      return;
    case PT_SYSTIME:
      v.setBigUint64(0, (value as FILETIME).ticks, true);
      return;
    case PT_CLSID:
      out.set((value as GUID).bytes);
      return;
  }
}

/** A string as UTF-16LE bytes, optionally with a NUL terminator. */
export function encodeUtf16(s: string, terminator = false): Uint8Array {
  const out = new Uint8Array(2 * s.length + (terminator ? 2 : 0));
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >>> 8;
  }
  return out;
}

/** `b` without its trailing NUL units (1 byte for PT_STRING8, 2 for PT_UNICODE). */
export function stripNuls(b: Uint8Array, unit: 1 | 2): Uint8Array {
  let end = unit === 2 ? b.length & ~1 : b.length;
  while (end >= unit && b[end - 1] === 0 && (unit === 1 || b[end - 2] === 0)) end -= unit;
  return b.subarray(0, end);
}
