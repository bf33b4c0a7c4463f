import { PROP_TYPE } from '../tags.js';
import { isValidSingleValue } from '../values.js';
import { isObject, isUlong, tagOf } from './common.js';
import { MV_FLAG, MV_INSTANCE, TABLE_SORT_ASCEND, TABLE_SORT_DESCEND, TABLE_SORT_COMBINE, TABLE_SORT_CATEG_MAX, TABLE_SORT_CATEG_MIN } from '../../generated/constants.js';
import {
  PT_UNSPECIFIED,
  PT_NULL,
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
} from '../../generated/proptypes.js';

// fbadproptag.md: "the property type is one of the types defined by MAPI". Native's set, as
// Wine's conformance test (dlls/mapi32/tests/prop.c, test_FBadPropTag, run on Windows) pins it:
// the mapidefs.h types, with MV_FLAG ignored. So PT_MV_BOOLEAN is a good tag, while the
// Exchange types (PT_SVREID, PT_SRESTRICTION, PT_ACTIONS) and any MV_INSTANCE tag are bad.
const MAPIDEFS_TYPES = new Set<number>([
  PT_UNSPECIFIED, PT_NULL, PT_I2, PT_LONG, PT_R4, PT_DOUBLE, PT_CURRENCY, PT_APPTIME, PT_ERROR,
  PT_BOOLEAN, PT_OBJECT, PT_I8, PT_STRING8, PT_UNICODE, PT_SYSTIME, PT_CLSID, PT_BINARY,
]);

/**
 * Tests a property tag: TRUE (bad) unless its type, MV_FLAG aside, is a type mapidefs.h
 * defines. A non-number is bad.
 * @see fbadproptag.md
 */
export function FBadPropTag(ulPropTag: number): boolean {
  if (!isUlong(ulPropTag)) return true;
  return !MAPIDEFS_TYPES.has(PROP_TYPE(ulPropTag) & ~MV_FLAG);
}

/**
 * True when `value` has the JS type that property type `type` calls for (one value, or an
 * array of them for MV types). Holes in an array are bad values, as a NULL pointer would be.
 * @see fbadprop.md
 */
export function isGoodValue(type: number, value: unknown): boolean {
  if ((type & MV_FLAG) === 0) return isValidSingleValue(type, value);
  if (!Array.isArray(value)) return false;
  const base = type & ~(MV_FLAG | MV_INSTANCE);
  for (let i = 0; i < value.length; i++) {
    if (!(i in value) || !isValidSingleValue(base, value[i])) return false;
  }
  return true;
}

/**
 * Validates one property: TRUE (bad) when it is not an SPropValue, its tag is bad
 * ({@link FBadPropTag}), or its value is not of its type (fbadprop.md: a Boolean must be TRUE
 * or FALSE, a binary must be readable: here, a `boolean`, a `Uint8Array`, ...). MV values may
 * be empty arrays, as native accepts a zero count.
 * @see fbadprop.md
 */
export function FBadProp(lpprop: unknown): boolean {
  const tag = tagOf(lpprop);
  if (tag === undefined || FBadPropTag(tag)) return true;
  return !isGoodValue(PROP_TYPE(tag), (lpprop as { Value?: unknown }).Value);
}

/**
 * Validates a row: TRUE when it is not an SRow, `lpProps` is not an array, or one of its
 * properties is bad.
 * @see fbadrow.md
 */
export function FBadRow(lprow: unknown): boolean {
  if (!isObject(lprow)) return true;
  const props = lprow['lpProps'];
  if (!Array.isArray(props)) return true;
  for (let i = 0; i < props.length; i++) if (FBadProp(props[i])) return true;
  return false;
}

/**
 * Validates a row set: TRUE when it is not an array (fbadrowset.md: a NULL pointer is
 * invalid) or a row of it is bad.
 * @see fbadrowset.md
 */
export function FBadRowSet(lpRowSet: unknown): boolean {
  if (!Array.isArray(lpRowSet)) return true;
  for (let i = 0; i < lpRowSet.length; i++) if (FBadRow(lpRowSet[i])) return true;
  return false;
}

/**
 * Validates the first `cStrings` entries of an array of strings (all of them when
 * `cStrings` is omitted). A count of zero is always good, even with no array, as in native.
 * @see fbadrglpszw.md
 */
export function FBadRglpszW(lppszW: unknown, cStrings?: number): boolean {
  const count = cStrings === undefined ? (Array.isArray(lppszW) ? lppszW.length : 0) : cStrings;
  if (!isUlong(count) || count < 0) return true;
  if (count === 0) return false;
  if (!Array.isArray(lppszW) || lppszW.length < count) return true;
  for (let i = 0; i < count; i++) if (typeof lppszW[i] !== 'string') return true;
  return false;
}

/**
 * Validates a column set: TRUE when it is not an array of tags, or a column is of type
 * PT_ERROR or has a bad tag. fbadcolumnset.md: PT_ERROR columns are invalid, PT_NULL valid.
 * Native quirk kept (Wine's test_FBadColumnSet, run on Windows): PT_MV_ERROR (0x100A) passes,
 * and MVI_FLAG columns fail because FBadPropTag knows no MV_INSTANCE.
 * @see fbadcolumnset.md
 */
export function FBadColumnSet(lpptaCols: unknown): boolean {
  if (!Array.isArray(lpptaCols)) return true;
  for (let i = 0; i < lpptaCols.length; i++) {
    const tag: unknown = lpptaCols[i];
    if (!isUlong(tag) || PROP_TYPE(tag) === PT_ERROR || FBadPropTag(tag)) return true;
  }
  return false;
}

/**
 * A tag used in a sort order or restriction: like {@link FBadPropTag}, but a multi-valued
 * tag may carry MV_INSTANCE (MVI_FLAG), which sorting and restricting on MVI columns need.
 * @see fbadproptag.md
 */
export function badInstanceTag(tag: unknown): boolean {
  if (!isUlong(tag)) return true;
  const mvi = (PROP_TYPE(tag) & (MV_FLAG | MV_INSTANCE)) === (MV_FLAG | MV_INSTANCE);
  return FBadPropTag(mvi ? (tag & ~MV_INSTANCE) >>> 0 : tag);
}

const SORT_DIRECTIONS = new Set<number>([TABLE_SORT_ASCEND, TABLE_SORT_DESCEND, TABLE_SORT_COMBINE]);
const CATEG_FLAGS = TABLE_SORT_CATEG_MAX | TABLE_SORT_CATEG_MIN;

/**
 * Validates a sort order set. fbadsortorderset.md only promises a check of its memory; here
 * that is the structure: `aSort` an array of { ulPropTag, ulOrder }, 0 ≤ cExpanded ≤
 * cCategories ≤ number of keys, each tag good (MVI allowed) and each order ASCEND, DESCEND or
 * COMBINE, optionally with TABLE_SORT_CATEG_MAX or _MIN.
 * @see fbadsortorderset.md
 */
export function FBadSortOrderSet(lpsos: unknown): boolean {
  if (!isObject(lpsos)) return true;
  const { aSort, cCategories, cExpanded } = lpsos;
  if (!Array.isArray(aSort) || !isUlong(cCategories) || !isUlong(cExpanded)) return true;
  if (cCategories < 0 || cExpanded < 0 || cCategories > aSort.length || cExpanded > cCategories) return true;
  for (let i = 0; i < aSort.length; i++) {
    const key: unknown = aSort[i];
    if (!isObject(key) || badInstanceTag(key['ulPropTag'])) return true;
    const order = key['ulOrder'];
    if (!isUlong(order)) return true;
    const o = order >>> 0;
    if (!SORT_DIRECTIONS.has(o & ~CATEG_FLAGS) || (o & CATEG_FLAGS) === CATEG_FLAGS) return true;
  }
  return false;
}
