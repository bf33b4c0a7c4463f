import { PROP_ID, PROP_TYPE } from '../tags.js';
import type { SPropValue } from '../types.js';
import { cstr, invalidParameter, tagOf } from './common.js';
import { FBadProp, isGoodValue } from './validate.js';
import { MV_FLAG, PROP_ID_INVALID, PROP_ID_NULL } from '../../generated/constants.js';
import {
  PT_I2,
  PT_LONG,
  PT_R4,
  PT_DOUBLE,
  PT_CURRENCY,
  PT_APPTIME,
  PT_ERROR,
  PT_BOOLEAN,
  PT_OBJECT,
  PT_I8,
  PT_STRING8,
  PT_UNICODE,
  PT_SYSTIME,
  PT_CLSID,
  PT_BINARY,
  PT_MV_I2,
  PT_MV_LONG,
  PT_MV_R4,
  PT_MV_DOUBLE,
  PT_MV_CURRENCY,
  PT_MV_APPTIME,
  PT_MV_I8,
  PT_MV_SYSTIME,
  PT_MV_CLSID,
  PT_MV_STRING8,
  PT_MV_UNICODE,
  PT_MV_BINARY,
} from '../../generated/proptypes.js';

// Memory layout: Windows x64, as in shared/reference/specs/MAPI-ABI-x64.md §2.1 (compiled from
// Microsoft's headers): sizeof(SPropValue) = 24 (tag, pad, 16-byte union), pointers 8,
// sizeof(SBinary) = 16 (cb, pad, lpb). Decision: we count as 64-bit MAPI (Outlook x64) does.
/** sizeof(SPropValue) on x64. @see spropvalue.md */
export const CB_SPROPVALUE = 24;
const CB_POINTER = 8;
const CB_SBINARY = 16;

// Sizes of the values that sit inline (or, for PT_CLSID, behind one pointer). PT_BOOLEAN is a
// 2-byte unsigned short; PT_ERROR an SCODE.
const FIXED = new Map<number, number>([
  [PT_I2, 2], [PT_BOOLEAN, 2], [PT_LONG, 4], [PT_ERROR, 4], [PT_R4, 4], [PT_DOUBLE, 8],
  [PT_APPTIME, 8], [PT_CURRENCY, 8], [PT_I8, 8], [PT_SYSTIME, 8], [PT_CLSID, 16],
]);
// The PT_MV_* types of mapidefs.h whose elements have a fixed size.
const MV_FIXED = new Set<number>([
  PT_MV_I2, PT_MV_LONG, PT_MV_R4, PT_MV_DOUBLE, PT_MV_APPTIME, PT_MV_CURRENCY, PT_MV_I8, PT_MV_SYSTIME, PT_MV_CLSID,
]);

/** Bytes of the value data (not the SPropValue), exactly, for a value already checked against its type. */
function valueBytes(type: number, v: unknown): number {
  const fixed = FIXED.get(type);
  if (fixed !== undefined) return fixed;
  switch (type) {
    // PT_STRING8 counts one byte per UTF-16 code unit: a single-byte ANSI code page (1252).
    case PT_STRING8:
      return cstr(v as string).length + 1;
    case PT_UNICODE:
      return (cstr(v as string).length + 1) * 2;
    case PT_BINARY:
      return (v as Uint8Array).length;
    case PT_MV_STRING8:
      return (v as string[]).reduce((n, s) => n + cstr(s).length + 1, 0);
    case PT_MV_UNICODE:
      return (v as string[]).reduce((n, s) => n + (cstr(s).length + 1) * 2, 0);
    case PT_MV_BINARY:
      return (v as Uint8Array[]).reduce((n, b) => n + b.length, 0);
    default:
      // Deviation (docs/deviations.md): an old native mapi32 returned 0 for PT_MV_CLSID; like
      // Wine we count 16 bytes per GUID. PT_NULL, PT_OBJECT and unknown types are 0.
      return MV_FIXED.has(type) ? (v as unknown[]).length * (FIXED.get(type & ~MV_FLAG) as number) : 0;
  }
}

/**
 * The size in bytes of a property's value, not counting the SPropValue (ulpropsize.md): 2 for
 * PT_I2 and PT_BOOLEAN, 4 for PT_LONG, PT_ERROR and PT_R4, 8 for the 8-byte types, 16 for
 * PT_CLSID, string length plus terminator (2 bytes a character for PT_UNICODE), `cb` for
 * PT_BINARY, and for MV types the sum over the values (without the pointer arrays, as Wine
 * notes native does). 0 for PT_NULL, PT_OBJECT, unknown types and anything malformed (Wine:
 * "Failure: 0"). Arithmetic is ULONG, so a size past 4 GiB wraps as in native.
 * @see ulpropsize.md
 */
export function UlPropSize(lpSPropValue: SPropValue): number {
  const tag = tagOf(lpSPropValue);
  if (tag === undefined) return 0;
  const type = PROP_TYPE(tag);
  const v: unknown = lpSPropValue.Value;
  if (!isGoodValue(type, v)) return 0;
  return valueBytes(type, v) >>> 0;
}

/**
 * The number of bytes ScCopyProps needs for `rgprop` as one block: per property the x64
 * SPropValue (24 bytes) plus its out-of-line data (strings with terminators, binaries, GUIDs,
 * MV arrays, plus 8-byte pointers for MV strings and 16-byte SBinary entries for PT_MV_BINARY).
 * Throws MapiError(MAPI_E_INVALID_PARAMETER), as sccountprops.md lists, for an empty array or a
 * non-array, a bad property (FBadProp), an identifier of PROP_ID_NULL or PROP_ID_INVALID, an MV
 * property with no values, a value type with no size (PT_NULL, PT_UNSPECIFIED: native fails
 * them, Wine's test_ScCountProps) and a total past the ULONG range.
 * @see sccountprops.md
 */
export function ScCountProps(rgprop: readonly SPropValue[]): number {
  if (!Array.isArray(rgprop) || rgprop.length === 0) throw invalidParameter('ScCountProps', 'expected a non-empty array of SPropValues');
  let total = 0;
  for (let i = 0; i < rgprop.length; i++) {
    const p: unknown = rgprop[i];
    if (FBadProp(p)) throw invalidParameter('ScCountProps', `property ${i} is not a valid SPropValue`);
    const tag = tagOf(p) as number;
    const id = PROP_ID(tag);
    if (id === PROP_ID_NULL || id === PROP_ID_INVALID) throw invalidParameter('ScCountProps', `property ${i} has identifier 0x${id.toString(16)}`);
    const type = PROP_TYPE(tag);
    const v = (p as SPropValue).Value;
    let size = 0;
    if (type !== PT_OBJECT) {
      size = valueBytes(type, v);
      // Decision: an empty PT_BINARY (or MV binaries that are all empty) is valid; Wine fails it
      // because its UlPropSize is 0, which native's documentation does not say.
      const emptyBinaryOk = type === PT_BINARY || (type === PT_MV_BINARY && (v as Uint8Array[]).length > 0);
      if (size === 0 && !emptyBinaryOk) throw invalidParameter('ScCountProps', `property ${i} (tag 0x${tag.toString(16)}) has no value to count`);
    }
    if (type === PT_MV_STRING8 || type === PT_MV_UNICODE) size += (v as string[]).length * CB_POINTER + CB_SPROPVALUE;
    else if (type === PT_MV_BINARY) size += (v as Uint8Array[]).length * CB_SBINARY + CB_SPROPVALUE;
    else if (type === PT_STRING8 || type === PT_UNICODE || type === PT_CLSID || type === PT_BINARY || MV_FIXED.has(type)) size += CB_SPROPVALUE;
    else size = CB_SPROPVALUE;
    total += size;
  }
  if (total > 0xffffffff) throw invalidParameter('ScCountProps', `the properties need ${total} bytes, more than a ULONG counts`);
  return total;
}
