import { PROP_ID, PROP_TYPE } from '../tags.js';
import type { IMAPIProp } from '../interfaces.js';
import type { SPropValue } from '../types.js';
import { isObject, isUlong, tagOf } from './common.js';
import { FBadPropTag } from './validate.js';
import { PT_UNSPECIFIED } from '../../generated/proptypes.js';

/**
 * Finds a property in an array by tag and returns that element (not a copy), or null.
 * ppropfindprop.md: a tag of type PT_UNSPECIFIED matches on the property identifier only;
 * any other tag must match exactly, type included. Elements that are not SPropValues are
 * skipped; a non-array finds nothing.
 * Deviation: Wine also skips elements whose tag fails FBadPropTag; we don't, so properties of
 * Exchange types (PT_SRESTRICTION, PT_ACTIONS, PT_SVREID) in rule tables can be found.
 * @see ppropfindprop.md
 */
export function PpropFindProp(rgprop: readonly SPropValue[] | null | undefined, ulPropTag: number): SPropValue | null {
  if (!Array.isArray(rgprop) || !isUlong(ulPropTag)) return null;
  const wanted = ulPropTag >>> 0;
  const byId = PROP_TYPE(wanted) === PT_UNSPECIFIED;
  for (let i = 0; i < rgprop.length; i++) {
    const tag = tagOf(rgprop[i]);
    if (tag === undefined) continue;
    if (tag === wanted || (byId && PROP_ID(tag) === PROP_ID(wanted))) return rgprop[i] as SPropValue;
  }
  return null;
}

/**
 * Finds a property in an array by identifier and returns that element, or null.
 * lpvalfindprop.md calls it identical to PpropFindProp, but native matches on PROP_ID only,
 * whatever the types (Wine's test_LpValFindProp, run on Windows: PROP_TAG(PT_NULL, 1) finds a
 * PT_STRING8 property with identifier 1). We follow the observed behaviour.
 * @see lpvalfindprop.md
 */
export function LpValFindProp(ulPropTag: number, lpPropArray: readonly SPropValue[] | null | undefined): SPropValue | null {
  if (!Array.isArray(lpPropArray) || !isUlong(ulPropTag)) return null;
  const id = PROP_ID(ulPropTag >>> 0);
  for (let i = 0; i < lpPropArray.length; i++) {
    const tag = tagOf(lpPropArray[i]);
    if (tag !== undefined && PROP_ID(tag) === id) return lpPropArray[i] as SPropValue;
  }
  return null;
}

/**
 * Resolves to TRUE when the object has the property: its getPropList holds the tag, or, for a
 * PT_UNSPECIFIED tag, a tag with the same identifier (fpropexists.md). Resolves to FALSE for
 * a missing object or when getPropList fails (a BOOL function cannot report the error).
 * Tags in the list that fail FBadPropTag are ignored, as in Wine.
 * Deviation from Wine: Wine compares PROP_ID(listed tag) with the listed tag itself in the
 * PT_UNSPECIFIED case (a bug); we compare identifiers as the page says.
 * @see fpropexists.md
 */
export async function FPropExists(pobj: IMAPIProp, ulPropTag: number): Promise<boolean> {
  if (!isObject(pobj) || typeof pobj.getPropList !== 'function' || !isUlong(ulPropTag)) return false;
  let tags: unknown;
  try {
    tags = await pobj.getPropList(0);
  } catch {
    return false;
  }
  if (!Array.isArray(tags)) return false;
  const wanted = ulPropTag >>> 0;
  const byId = PROP_TYPE(wanted) === PT_UNSPECIFIED;
  for (const t of tags as unknown[]) {
    if (!isUlong(t) || FBadPropTag(t)) continue;
    const tag = t >>> 0;
    if (tag === wanted || (byId && PROP_ID(tag) === PROP_ID(wanted))) return true;
  }
  return false;
}
