import { MapiError } from '../../../core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA } from '../../../core/generated/scodes.js';
import {
  PT_APPTIME, PT_BINARY, PT_BOOLEAN, PT_CLSID, PT_CURRENCY, PT_DOUBLE, PT_ERROR, PT_I2, PT_I8, PT_LONG, PT_MV_APPTIME,
  PT_MV_BINARY, PT_MV_CLSID, PT_MV_CURRENCY, PT_MV_DOUBLE, PT_MV_I2, PT_MV_I8, PT_MV_LONG, PT_MV_R4, PT_MV_STRING8,
  PT_MV_SYSTIME, PT_MV_UNICODE, PT_NULL, PT_OBJECT, PT_R4, PT_STRING8, PT_SVREID, PT_SYSTIME, PT_UNICODE, PT_UNSPECIFIED,
} from '../../../core/generated/proptypes.js';
import { decodeString8, DEFAULT_ACP } from '../../../core/props/codepage.js';
import type { PropValueData } from '../../../core/props/types.js';
import { decodeFixedValue, decodeUtf16 } from '../../binaryValues.js';

/** How PT_STRING8 bytes are turned into text. */
export interface String8Options {
  /** The code page of PT_STRING8 values (CP_ACP and the other pseudo code pages allowed). Default CP_ACP. */
  codepage?: number;
  /** What CP_ACP means (default 1252). */
  acp?: number;
}

/** Size of a fixed-size value of a base type, or undefined for variable-size types. */
export function fixedSize(type: number): number | undefined {
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
    case PT_CLSID:
      return 16;
    default:
      return undefined;
  }
}

/** Types whose values this reader knows how to decode. */
const KNOWN = new Set<number>([
  PT_UNSPECIFIED, PT_NULL, PT_I2, PT_LONG, PT_R4, PT_DOUBLE, PT_CURRENCY, PT_APPTIME, PT_ERROR, PT_BOOLEAN, PT_OBJECT,
  PT_I8, PT_STRING8, PT_UNICODE, PT_SYSTIME, PT_CLSID, PT_SVREID, PT_BINARY, PT_MV_I2, PT_MV_LONG, PT_MV_R4, PT_MV_DOUBLE,
  PT_MV_CURRENCY, PT_MV_APPTIME, PT_MV_I8, PT_MV_STRING8, PT_MV_UNICODE, PT_MV_SYSTIME, PT_MV_CLSID, PT_MV_BINARY,
]);

/** True for a property type this reader decodes into an SPropValue. */
export function isKnownType(type: number): boolean {
  return KNOWN.has(type);
}

/** True for types stored by reference (HNID) in PCs and TCs. */
export function isVariableType(type: number): boolean {
  return type === PT_STRING8 || type === PT_UNICODE || type === PT_BINARY || type === PT_SVREID || type === PT_OBJECT || (type & 0x1000) !== 0;
}

function bad(detail: string): MapiError {
  return new MapiError(MAPI_E_CORRUPT_DATA, `[MS-PST] corrupt value: ${detail}`);
}

/** Decodes one fixed-size value of base type `type` from exactly its bytes. */
export function decodeFixed(type: number, b: Uint8Array): PropValueData {
  const size = fixedSize(type);
  if (size === undefined || b.length < size) throw bad(`${b.length} bytes for a value of type 0x${type.toString(16)}`);
  return decodeFixedValue(type, b) as PropValueData;
}

function dv(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** [MS-PST] 2.3.3.4.2: `ulCount`, then `ulCount` offsets, then the items. */
function splitMvVariable(b: Uint8Array): Uint8Array[] {
  if (b.length === 0) return [];
  if (b.length < 4) throw bad('multi-valued value shorter than its count');
  const v = dv(b);
  const count = v.getUint32(0, true);
  if (count > (b.length - 4) / 4) throw bad(`multi-valued count ${count} does not fit ${b.length} bytes`);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const start = v.getUint32(4 + 4 * i, true);
    const end = i + 1 < count ? v.getUint32(8 + 4 * i, true) : b.length;
    if (start < 4 + 4 * count || end < start || end > b.length) throw bad(`multi-valued item ${i} at ${start}..${end} of ${b.length}`);
    out.push(b.subarray(start, end));
  }
  return out;
}

/**
 * Decodes the stored bytes of a variable-size or multi-valued value ([MS-PST] 2.3.3.4) into
 * the JS value mapi-emu uses for its type. PT_STRING8 text is decoded with the code page in
 * `opts`; PT_OBJECT gives `null` (its reference is reported separately).
 */
export function decodeVariable(type: number, b: Uint8Array, opts: String8Options = {}): PropValueData {
  const string8 = (x: Uint8Array) => decodeString8(x, opts.codepage ?? 0, opts.acp ?? DEFAULT_ACP);
  switch (type) {
    case PT_UNICODE:
      return decodeUtf16(b);
    case PT_STRING8:
      return string8(b);
    case PT_BINARY:
    case PT_SVREID:
      return Uint8Array.from(b);
    case PT_OBJECT:
      return null;
    case PT_MV_UNICODE:
      return splitMvVariable(b).map(decodeUtf16);
    case PT_MV_STRING8:
      return splitMvVariable(b).map(string8);
    case PT_MV_BINARY:
      return splitMvVariable(b).map((x) => Uint8Array.from(x));
    default: {
      // [MS-PST] 2.3.3.4.1: multi-valued fixed-size values are packed, with no count.
      const base = type & ~0x1000;
      const size = fixedSize(base);
      if (size === undefined || (type & 0x1000) === 0) throw bad(`type 0x${type.toString(16)} is not a variable-size type`);
      if (b.length % size !== 0) throw bad(`${b.length} bytes is not a whole number of ${size}-byte values`);
      const out: PropValueData[] = [];
      for (let off = 0; off < b.length; off += size) out.push(decodeFixed(base, b.subarray(off, off + size)));
      return out as PropValueData;
    }
  }
}
