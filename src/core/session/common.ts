import type { GUID } from '../props/guid.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { RowSource, TableRow } from '../table/RowSource.js';
import type { MapiSubsystem } from './MapiSubsystem.js';
import type { IProfSect } from './interfaces.js';
import { MapiError } from '../errors/MapiError.js';
import { MapiTable } from '../table/MapiTable.js';
import { MemoryRowSource } from '../table/MemoryRowSource.js';
import { isGuid, checkFlags } from '../props/MapiProp.js';
import { stringTagFor, PROP_TYPE } from '../props/tags.js';
import { isStringType } from '../props/tags.js';
import { IID_IMAPIProp, IID_IProfSect, IID_IUnknown } from '../generated/guids.js';
import { MAPI_DEFERRED_ERRORS, MAPI_MODIFY } from '../generated/constants.js';
import { MAPI_E_INTERFACE_NOT_SUPPORTED, MAPI_E_INVALID_PARAMETER, MAPI_E_NO_ACCESS, MAPI_E_NOT_FOUND } from '../generated/scodes.js';
import { MAPI_FORCE_ACCESS } from '../generated/constants.js';
import { ProfileSection } from './ProfileSection.js';
import { uidKey, type Profile } from './Profile.js';

/** Longest profile name (mapilogonex.md: "This string is limited to 64 characters"). */
export const MAX_PROFILE_NAME = 64;

/**
 * Checks a profile name: a string of 1 to 64 characters without leading or trailing spaces
 * (iprofadmin-createprofile.md). Throws MAPI_E_INVALID_PARAMETER.
 */
export function checkProfileName(method: string, name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: the profile name must be a non-empty string`);
  if (name.length > MAX_PROFILE_NAME) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: the profile name is longer than ${MAX_PROFILE_NAME} characters`);
  if (name.trim() !== name) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: the profile name has leading or trailing spaces`);
  return name;
}

/** Checks a password argument: null or a string (profiles have no passwords; see docs/decisions/009). */
export function checkPassword(method: string, password: unknown): void {
  if (password !== null && password !== undefined && typeof password !== 'string') {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: the password must be a string or null`);
  }
}

/** Checks a MAPIUID argument: 16 bytes. */
export function checkUid(method: string, uid: unknown, what = 'lpUID'): Uint8Array {
  if (!(uid instanceof Uint8Array) || uid.length !== 16) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: ${what} must be a 16-byte MAPIUID`);
  return uid;
}

/** Checks an interface argument: null or one of `allowed` (IID_IUnknown always). */
export function checkInterface(method: string, iid: unknown, allowed: readonly GUID[]): void {
  if (iid === null || iid === undefined) return;
  if (!isGuid(iid)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: lpInterface must be a GUID or null`);
  if (iid.equals(IID_IUnknown) || allowed.some((a) => a.equals(iid))) return;
  throw new MapiError(MAPI_E_INTERFACE_NOT_SUPPORTED, `${method}: the object does not support interface ${iid.toString()}`);
}

/** Column tags with their string types chosen by MAPI_UNICODE. */
export function columnsFor(tags: readonly number[], unicode: boolean): number[] {
  return tags.map((t) => (isStringType(PROP_TYPE(t)) ? stringTagFor(t, unicode) : t));
}

/** A view of a row source with its own default columns (one per table, so MAPI_UNICODE picks the string types). */
export function withColumns(source: RowSource, defaultColumns: readonly number[]): RowSource {
  return {
    defaultColumns,
    rows: () => source.rows(),
    subscribe: (l) => source.subscribe(l),
  };
}

/** A table over rows (a static snapshot when `rows` is an array, dynamic over a RowSource otherwise). */
export function makeTable(mapi: MapiSubsystem, rows: TableRow[] | RowSource, columns: readonly number[], unicode: boolean, name = 'IMAPITable'): IMAPITable {
  const defaults = columnsFor(columns, unicode);
  const source = Array.isArray(rows) ? new MemoryRowSource(defaults, rows) : withColumns(rows, defaults);
  const table = new MapiTable(source, { hub: mapi.hub, scheduler: mapi.scheduler, unicode, codePage: mapi.codePage, name });
  table.interceptor = mapi.gate;
  return table;
}

/** Flags of OpenProfileSection. */
export const OPEN_SECTION_FLAGS = MAPI_DEFERRED_ERRORS | MAPI_MODIFY | MAPI_FORCE_ACCESS;

/**
 * OpenProfileSection as IMAPISession, IMsgServiceAdmin and IProviderAdmin do it: a section
 * that does not exist is created with MAPI_MODIFY and is MAPI_E_NOT_FOUND without it;
 * provider-owned sections need MAPI_FORCE_ACCESS.
 * @see imsgserviceadmin-openprofilesection.md
 * @see imapisession-openprofilesection.md
 * @see iprovideradmin-openprofilesection.md
 */
export function openProfileSection(
  mapi: MapiSubsystem,
  profile: Profile,
  method: string,
  lpUID: unknown,
  lpInterface: unknown,
  ulFlags: unknown,
): IProfSect {
  if (lpUID === null || lpUID === undefined) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: lpUID must not be NULL`);
  const uid = checkUid(method, lpUID);
  checkInterface(method, lpInterface, [IID_IProfSect, IID_IMAPIProp]);
  const flags = checkFlags(method, ulFlags, OPEN_SECTION_FLAGS);
  const key = uidKey(uid);
  const modify = (flags & MAPI_MODIFY) !== 0;
  // imsgserviceadmin-openprofilesection.md: "OpenProfileSection cannot be used to open profile
  // sections owned by individual service providers unless MAPI_FORCE_ACCESS is used."
  if (profile.isProviderSection(key) && !(flags & MAPI_FORCE_ACCESS)) {
    throw new MapiError(MAPI_E_NO_ACCESS, `${method}: the section belongs to a service provider; pass MAPI_FORCE_ACCESS to open it`);
  }
  let section = profile.section(key);
  if (!section) {
    // "You can create a profile section by calling OpenProfileSection with the MAPI_MODIFY flag and a nonexistent MAPIUID"
    if (!modify) throw new MapiError(MAPI_E_NOT_FOUND, `${method}: the profile has no section ${key} (pass MAPI_MODIFY to create it)`);
    section = profile.ensureSection(uid);
  }
  const ps = new ProfileSection(profile, section, modify, mapi.codePage);
  ps.interceptor = mapi.gate;
  return ps;
}
