import { readAs } from '../props/convert.js';
import { CHANGE_PROP_TYPE, PROP_TYPE } from '../props/tags.js';
import type { SPropValue } from '../props/types.js';
import { MV_FLAG, MV_INSTANCE } from '../generated/constants.js';
import { PT_ERROR, PT_NULL, PT_OBJECT, PT_STRING8, PT_UNICODE, PT_MV_STRING8, PT_MV_UNICODE } from '../generated/proptypes.js';

// How a restriction sees the properties of a row. The rule (docs/decisions/002): a leaf reads a
// property as getProps would for the restriction's tag; when getProps would answer PT_ERROR
// (the property is missing, is an error value, or cannot be read as that type) the property is
// absent, and every leaf that reads an absent property is FALSE.

/**
 * One row (or one object) a compiled restriction is evaluated against.
 * @see imapitable-restrict.md
 */
export interface RestrictionTarget {
  /** The stored value of the property with this tag's identifier (any type), or undefined when absent. */
  get(ulPropTag: number): SPropValue | undefined;
  /** Rows of a sub-object table (PR_MESSAGE_RECIPIENTS / PR_MESSAGE_ATTACHMENTS) for RES_SUBRESTRICTION; undefined when the object has none. */
  subObjects?(ulSubObject: number): Iterable<RestrictionTarget> | undefined;
}

/** Reads one property of a row as a leaf sees it, or undefined when it is absent. */
export type ValueReader = (row: RestrictionTarget) => SPropValue | undefined;

/** Reads the single values a leaf tests one by one (MV elements, MVI instances), or undefined when absent. */
export type ElementsReader = (row: RestrictionTarget) => SPropValue[] | undefined;

/** True when the tag's type carries MV_INSTANCE (an MVI_FLAG column). @see mvi_prop.md */
export function isInstanceType(ulPropType: number): boolean {
  return (ulPropType & (MV_FLAG | MV_INSTANCE)) === (MV_FLAG | MV_INSTANCE);
}

/** The type without MV_INSTANCE, so an MVI type reads as its PT_MV_* type. */
export function withoutInstance(ulPropType: number): number {
  return ulPropType & ~MV_INSTANCE & 0xffff;
}

/** True when two types hold the same kind of value: equal, or both strings (PT_STRING8 / PT_UNICODE), or both MV strings. */
export function sameTypeFamily(a: number, b: number): boolean {
  if (a === b) return true;
  const str = (t: number) => t === PT_STRING8 || t === PT_UNICODE;
  const mvStr = (t: number) => t === PT_MV_STRING8 || t === PT_MV_UNICODE;
  return (str(a) && str(b)) || (mvStr(a) && mvStr(b));
}

/**
 * A stored value as getProps would return it for `type` (imapiprop-getprops.md): strings
 * converted between PT_STRING8 and PT_UNICODE through `codePage` (readAs), or undefined where
 * getProps gives PT_ERROR: error values, PT_NULL / PT_OBJECT, and values of another type.
 * An instance value handed over with MV_INSTANCE in its tag (an expanded MVI row) counts as a
 * value of its base type.
 * @see imapiprop-getprops.md
 */
export function readStored(stored: SPropValue, type: number, codePage: number): SPropValue | undefined {
  let value = stored;
  const storedType = PROP_TYPE(stored.ulPropTag);
  if (isInstanceType(storedType)) value = { ulPropTag: CHANGE_PROP_TYPE(stored.ulPropTag, storedType & ~(MV_FLAG | MV_INSTANCE)), Value: stored.Value };
  const t = PROP_TYPE(value.ulPropTag);
  if (t === PT_ERROR || t === PT_NULL || t === PT_OBJECT) return undefined;
  // imapiprop-getprops.md (MapiProp.readOne): these types are never read as values.
  if (type === PT_ERROR || type === PT_NULL || type === PT_OBJECT) return undefined;
  // Same type: the stored value itself (leaves never modify it, so no copy per row).
  if (t === type) return value;
  return readAs(value, type, true, codePage);
}

/** A reader of the property `ulPropTag` as getProps would read it with that tag's type (an MVI tag reads its whole MV value). */
export function valueReader(ulPropTag: number, codePage: number): ValueReader {
  const type = withoutInstance(PROP_TYPE(ulPropTag));
  return (row) => {
    const stored = row.get(ulPropTag);
    return stored === undefined ? undefined : readStored(stored, type, codePage);
  };
}

/** The values of an MV property as single-valued SPropValues of its base type. */
export function splitValues(mv: SPropValue): SPropValue[] {
  const tag = CHANGE_PROP_TYPE(mv.ulPropTag, PROP_TYPE(mv.ulPropTag) & ~(MV_FLAG | MV_INSTANCE));
  return (mv.Value as unknown[]).map((Value) => ({ ulPropTag: tag, Value: Value as SPropValue['Value'] }));
}

/**
 * A reader of the single values of a multi-valued property, each tested on its own.
 * For an MV tag: the values of the stored MV property. For an MVI tag (MV_FLAG | MV_INSTANCE)
 * also a single stored value of the base type, which is what the row of an expanded MVI column
 * holds (working-with-multivalued-columns.md: Restrict tests the column's instances).
 * @see working-with-multivalued-columns.md
 */
export function elementsReader(ulPropTag: number, codePage: number): ElementsReader {
  const type = PROP_TYPE(ulPropTag);
  const mvType = withoutInstance(type);
  const base = mvType & ~MV_FLAG;
  const instance = isInstanceType(type);
  return (row) => {
    const stored = row.get(ulPropTag);
    if (stored === undefined) return undefined;
    const mv = readStored(stored, mvType, codePage);
    if (mv !== undefined) return splitValues(mv);
    if (!instance) return undefined;
    const one = readStored(stored, base, codePage);
    return one === undefined ? undefined : [one];
  };
}
