import { CHANGE_PROP_TYPE, PROP_TYPE } from './tags.js';
import { cloneValue } from './values.js';
import type { SPropValue } from './types.js';
import { decodeString8, encodeString8, string8RoundTrip } from './codepage.js';
import {
  PT_I2,
  PT_LONG,
  PT_MV_I2,
  PT_MV_LONG,
  PT_MV_STRING8,
  PT_MV_UNICODE,
  PT_STRING8,
  PT_UNICODE,
  PT_UNSPECIFIED,
} from '../generated/proptypes.js';

/**
 * The value a getProps-style read returns for a stored property when the caller asked for
 * `requestedType`: the stored value itself, or its string converted between PT_UNICODE and
 * PT_STRING8 (through `codePage`, so characters the code page lacks become '?', as
 * WideCharToMultiByte does). `unicodeDefault` says which string type PT_UNSPECIFIED and
 * "all properties" reads get (MAPI_UNICODE). Undefined when the types are incompatible.
 * @see imapiprop-getprops.md
 */
export function readAs(stored: SPropValue, requestedType: number, unicodeDefault: boolean, codePage: number): SPropValue | undefined {
  const storedType = PROP_TYPE(stored.ulPropTag);
  let want = requestedType;
  if (want === PT_UNSPECIFIED) {
    if (storedType === PT_STRING8 || storedType === PT_UNICODE) want = unicodeDefault ? PT_UNICODE : PT_STRING8;
    else if (storedType === PT_MV_STRING8 || storedType === PT_MV_UNICODE) want = unicodeDefault ? PT_MV_UNICODE : PT_MV_STRING8;
    else want = storedType;
  }
  const tag = CHANGE_PROP_TYPE(stored.ulPropTag, want);
  if (want === storedType) return { ulPropTag: tag, Value: cloneValue(stored.Value) };
  if (want === PT_STRING8 && storedType === PT_UNICODE) return { ulPropTag: tag, Value: string8RoundTrip(stored.Value as string, codePage) };
  if (want === PT_UNICODE && storedType === PT_STRING8) return { ulPropTag: tag, Value: stored.Value as string };
  if (want === PT_MV_STRING8 && storedType === PT_MV_UNICODE) {
    return { ulPropTag: tag, Value: (stored.Value as string[]).map((s) => string8RoundTrip(s, codePage)) };
  }
  if (want === PT_MV_UNICODE && storedType === PT_MV_STRING8) return { ulPropTag: tag, Value: [...(stored.Value as string[])] };
  return undefined;
}

/**
 * The canonical stored form of a value being set: PT_LONG and PT_I2 numbers become signed
 * (LONG and SHORT are signed in MAPI, so 0xFFFFFFFF is stored as -1), everything else is a
 * deep copy. See docs/decisions/001-signed-long-values.md.
 */
export function canonicalValue(p: SPropValue): SPropValue {
  const t = PROP_TYPE(p.ulPropTag);
  if (t === PT_LONG) return { ulPropTag: p.ulPropTag >>> 0, Value: (p.Value as number) | 0 };
  if (t === PT_I2) return { ulPropTag: p.ulPropTag >>> 0, Value: ((p.Value as number) << 16) >> 16 };
  if (t === PT_MV_LONG) return { ulPropTag: p.ulPropTag >>> 0, Value: (p.Value as number[]).map((v) => v | 0) };
  if (t === PT_MV_I2) return { ulPropTag: p.ulPropTag >>> 0, Value: (p.Value as number[]).map((v) => (v << 16) >> 16) };
  return { ulPropTag: p.ulPropTag >>> 0, Value: cloneValue(p.Value) };
}

/** Size in bytes of a string or binary value as a stream would hold it (for the large-value limit). */
export function streamSize(p: SPropValue, codePage: number): number {
  const t = PROP_TYPE(p.ulPropTag);
  if (t === PT_UNICODE) return (p.Value as string).length * 2;
  if (t === PT_STRING8) return encodeString8(p.Value as string, codePage).length;
  if (p.Value instanceof Uint8Array) return p.Value.length;
  return 0;
}

/** The bytes a stream over this property holds: UTF-16LE for PT_UNICODE, code-page bytes for PT_STRING8, the bytes of a binary. */
export function valueToStreamBytes(value: SPropValue['Value'], type: number, codePage: number): Uint8Array {
  if (type === PT_UNICODE) {
    const s = value as string;
    const out = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      out[i * 2] = c & 0xff;
      out[i * 2 + 1] = c >> 8;
    }
    return out;
  }
  if (type === PT_STRING8) return encodeString8(value as string, codePage);
  return Uint8Array.from(value as Uint8Array);
}

/** The value of a property written through a stream; trailing NUL terminators of strings are dropped. */
export function streamBytesToValue(bytes: Uint8Array, type: number, codePage: number): string | Uint8Array {
  if (type === PT_UNICODE) {
    let n = bytes.length >> 1;
    while (n > 0 && bytes[n * 2 - 2] === 0 && bytes[n * 2 - 1] === 0) n--;
    let s = '';
    for (let i = 0; i < n; i += 4096) {
      const chunk: number[] = [];
      for (let j = i; j < Math.min(n, i + 4096); j++) chunk.push((bytes[j * 2] as number) | ((bytes[j * 2 + 1] as number) << 8));
      s += String.fromCharCode(...chunk);
    }
    return s;
  }
  if (type === PT_STRING8) {
    let n = bytes.length;
    while (n > 0 && bytes[n - 1] === 0) n--;
    return decodeString8(bytes.subarray(0, n), codePage);
  }
  return Uint8Array.from(bytes);
}
