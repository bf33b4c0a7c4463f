import { GUID } from '../guid.js';
import { PROP_TYPE } from '../tags.js';
import type { PropValueData, SPropValue } from '../types.js';
import { MapiError } from '../../errors/MapiError.js';
import { cstr, invalidParameter, tagOf } from './common.js';
import { FBadProp, FBadPropTag, isGoodValue } from './validate.js';
import { MAPI_E_NO_SUPPORT } from '../../generated/scodes.js';
import { MV_FLAG } from '../../generated/constants.js';

/** A copy of one single value that shares nothing mutable with the source. */
function copySingle(v: unknown): unknown {
  if (v instanceof Uint8Array) return v.slice();
  // GUID is frozen, but its `bytes` array is not: native allocates a new GUID, so do we.
  if (v instanceof GUID) return new GUID(v.bytes);
  // Native copies a C string up to its terminator.
  if (typeof v === 'string') return cstr(v);
  // Numbers, bigints, booleans, null and the immutable FILETIME are values already.
  return v;
}

/** A deep copy of a value already checked against its type. */
function copyValue(type: number, v: unknown): PropValueData {
  if ((type & MV_FLAG) !== 0) return (v as unknown[]).map(copySingle) as PropValueData;
  return copySingle(v) as PropValueData;
}

/**
 * A deep copy of one property: strings, binaries, GUIDs and MV arrays are new objects (JS has
 * no MAPIAllocateMore chain to link them to). Throws MapiError MAPI_E_NO_SUPPORT for a property
 * type MAPI does not know (propcopymore.md; FBadPropTag decides), and
 * MAPI_E_INVALID_PARAMETER for something that is not an SPropValue or whose value does not fit
 * its type. Strings are cut at an embedded NUL, as native copies C strings.
 * Deviation from Wine, which returns MAPI_E_INVALID_PARAMETER for unknown types too: we follow
 * the page.
 * @see propcopymore.md
 */
export function PropCopyMore(lpSPropValueSrc: SPropValue): SPropValue {
  const tag = tagOf(lpSPropValueSrc);
  if (tag === undefined) throw invalidParameter('PropCopyMore', 'the source is not an SPropValue');
  if (FBadPropTag(tag)) {
    throw new MapiError(MAPI_E_NO_SUPPORT, `PropCopyMore: unknown property type 0x${PROP_TYPE(tag).toString(16)} in tag 0x${tag.toString(16)}`);
  }
  const type = PROP_TYPE(tag);
  if (!isGoodValue(type, lpSPropValueSrc.Value)) {
    throw invalidParameter('PropCopyMore', `the value does not match the type of tag 0x${tag.toString(16)}`);
  }
  return { ulPropTag: tag, Value: copyValue(type, lpSPropValueSrc.Value) };
}

/**
 * Copies an array of properties into a new array, keeping their order (sccopyprops.md), deep:
 * the copy shares no mutable object with the source. Throws MapiError
 * MAPI_E_INVALID_PARAMETER for a non-array or an element that fails FBadProp (sccopyprops.md:
 * "an unknown property type was encountered"). An empty array copies to an empty array.
 * @see sccopyprops.md
 */
export function ScCopyProps(rgprop: readonly SPropValue[]): SPropValue[] {
  if (!Array.isArray(rgprop)) throw invalidParameter('ScCopyProps', 'expected an array of SPropValues');
  const out: SPropValue[] = [];
  for (let i = 0; i < rgprop.length; i++) {
    const p: unknown = rgprop[i];
    if (FBadProp(p)) throw invalidParameter('ScCopyProps', `property ${i} is not a valid SPropValue`);
    const tag = tagOf(p) as number;
    out.push({ ulPropTag: tag, Value: copyValue(PROP_TYPE(tag), (p as SPropValue).Value) });
  }
  return out;
}
