import { MV_FLAG, MV_INSTANCE, MVI_FLAG } from '../generated/constants.js';
import { PT_UNICODE, PT_MV_UNICODE, PT_STRING8, PT_MV_STRING8 } from '../generated/proptypes.js';

/**
 * Builds a property tag from a type and an identifier.
 * @see prop_tag.md
 */
export function PROP_TAG(ulPropType: number, ulPropID: number): number {
  return (((ulPropID & 0xffff) << 16) | (ulPropType & 0xffff)) >>> 0;
}

/** The identifier (high 16 bits) of a property tag. @see prop_id.md */
export function PROP_ID(ulPropTag: number): number {
  return (ulPropTag >>> 16) & 0xffff;
}

/** The type (low 16 bits) of a property tag. @see prop_type.md */
export function PROP_TYPE(ulPropTag: number): number {
  return ulPropTag & 0xffff;
}

/** The same tag with another type. @see change_prop_type.md */
export function CHANGE_PROP_TYPE(ulPropTag: number, ulPropType: number): number {
  return ((ulPropTag & 0xffff0000) | (ulPropType & 0xffff)) >>> 0;
}

/** Marks a multi-valued column tag for one-row-per-value expansion in a table. @see mvi_prop.md */
export function MVI_PROP(ulPropTag: number): number {
  return (ulPropTag | MVI_FLAG) >>> 0;
}

/** The string type of this build's "TCHAR" properties: Unicode, as in MFCMAPI's tag table. */
export const PT_TSTRING = PT_UNICODE;
/** Multi-valued {@link PT_TSTRING}. */
export const PT_MV_TSTRING = PT_MV_UNICODE;

/** True when the type (or the type of a tag) has MV_FLAG set. */
export function isMultiValuedType(ulPropType: number): boolean {
  return (ulPropType & MV_FLAG) !== 0;
}

/** The single-valued base of a type: strips MV_FLAG and MV_INSTANCE. */
export function baseType(ulPropType: number): number {
  return ulPropType & ~(MV_FLAG | MV_INSTANCE) & 0xffff;
}

/** True for PT_STRING8 / PT_UNICODE and their MV forms. */
export function isStringType(ulPropType: number): boolean {
  const b = baseType(ulPropType);
  return b === PT_STRING8 || b === PT_UNICODE;
}

/** The tag with its string type switched between PT_STRING8 and PT_UNICODE per `unicode`. */
export function stringTagFor(ulPropTag: number, unicode: boolean): number {
  const t = PROP_TYPE(ulPropTag);
  if (t === PT_STRING8 || t === PT_UNICODE) return CHANGE_PROP_TYPE(ulPropTag, unicode ? PT_UNICODE : PT_STRING8);
  if (t === PT_MV_STRING8 || t === PT_MV_UNICODE) return CHANGE_PROP_TYPE(ulPropTag, unicode ? PT_MV_UNICODE : PT_MV_STRING8);
  return ulPropTag;
}

/** `0x0037001F`-style hex form of a tag. */
export function tagHex(ulPropTag: number): string {
  return '0x' + (ulPropTag >>> 0).toString(16).toUpperCase().padStart(8, '0');
}
