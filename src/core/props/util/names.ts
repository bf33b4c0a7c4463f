import { GUID } from '../guid.js';
import type { MAPINAMEID } from '../types.js';
import { cstr, isObject, isUlong } from './common.js';
import { MNID_STRING } from '../../generated/constants.js';

/**
 * Tests whether two named-property names are the same (fequalnames.md): same property set
 * GUID, same kind, and the same numeric name (MNID_ID) or the same string name (MNID_STRING,
 * compared case-sensitively, as the page says). Order of checks as Wine: GUID, kind, name.
 * FALSE when either is not a MAPINAMEID (native: a NULL pointer gives FALSE). The numeric
 * names compare as 32-bit values, so -1 and 0xFFFFFFFF are the same LONG.
 * @see fequalnames.md
 */
export function FEqualNames(lpName1: MAPINAMEID, lpName2: MAPINAMEID): boolean {
  if (!isObject(lpName1) || !isObject(lpName2)) return false;
  const g1: unknown = lpName1.lpguid;
  const g2: unknown = lpName2.lpguid;
  if (!(g1 instanceof GUID) || !(g2 instanceof GUID) || !g1.equals(g2)) return false;
  if (lpName1.ulKind !== lpName2.ulKind) return false;
  if (lpName1.ulKind === MNID_STRING) {
    const s1: unknown = (lpName1 as { lpwstrName?: unknown }).lpwstrName;
    const s2: unknown = (lpName2 as { lpwstrName?: unknown }).lpwstrName;
    return typeof s1 === 'string' && typeof s2 === 'string' && cstr(s1) === cstr(s2);
  }
  const id1: unknown = (lpName1 as { lID?: unknown }).lID;
  const id2: unknown = (lpName2 as { lID?: unknown }).lID;
  return isUlong(id1) && isUlong(id2) && id1 >>> 0 === id2 >>> 0;
}
