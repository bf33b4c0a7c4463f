import type { ENTRYID } from '../props/types.js';
import type { QueryIdentityResult } from './interfaces.js';
import type { SessionCore } from './SessionCore.js';
import type { ProviderEntry } from './Profile.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import {
  MAPI_DEFAULT_STORE,
  MAPI_PRIMARY_STORE,
  MAPI_SECONDARY_STORE,
  MAPI_SIMPLE_STORE_PERMANENT,
  MAPI_SIMPLE_STORE_TEMPORARY,
  STATUS_NO_DEFAULT_STORE,
  STATUS_PRIMARY_IDENTITY,
  STATUS_PRIMARY_STORE,
  STATUS_SECONDARY_STORE,
  STATUS_SIMPLE_STORE,
} from '../generated/constants.js';
import { PR_IDENTITY_ENTRYID, PR_RESOURCE_FLAGS } from '../generated/proptags.js';
import { MAPI_E_INVALID_ENTRYID, MAPI_E_INVALID_PARAMETER, MAPI_E_NO_ACCESS, MAPI_E_NOT_FOUND, MAPI_E_UNKNOWN_FLAGS, MAPI_W_NO_SERVICE } from '../generated/scodes.js';
import { noIdentityEntryId } from './identity.js';
import { sectionLong } from './Profile.js';
import { unwrapStoreEntryId } from './storeEntryId.js';

/**
 * IMAPISession.QueryIdentity: PR_IDENTITY_ENTRYID of the status row flagged
 * STATUS_PRIMARY_IDENTITY; else the first identity found; else MAPI_W_NO_SERVICE with a
 * hard-coded entry ID.
 * @see imapisession-queryidentity.md
 */
export function queryIdentity(core: SessionCore): QueryIdentityResult {
  const rows = [...core.statusSource.rows()];
  const idOf = (r: (typeof rows)[number]) => r.props.get(PROP_ID(PR_IDENTITY_ENTRYID))?.Value;
  const primary = rows.find((r) => sectionLong(r.props, PR_RESOURCE_FLAGS) & STATUS_PRIMARY_IDENTITY && idOf(r) instanceof Uint8Array);
  const any = primary ?? rows.find((r) => idOf(r) instanceof Uint8Array);
  const id = any ? idOf(any) : undefined;
  if (id instanceof Uint8Array) return { lpEntryID: Uint8Array.from(id) };
  return { lpEntryID: noIdentityEntryId(), warning: MAPI_W_NO_SERVICE };
}

const STORE_ROLES = [MAPI_DEFAULT_STORE, MAPI_SIMPLE_STORE_TEMPORARY, MAPI_SIMPLE_STORE_PERMANENT, MAPI_PRIMARY_STORE, MAPI_SECONDARY_STORE];

/**
 * IMAPISession.SetDefaultStore: gives a store (or none) one of the store roles in the profile,
 * or, with MAPI_SIMPLE_STORE_TEMPORARY, in this session's rows only; the message store and
 * status tables of the sessions on the profile follow.
 * @see imapisession-setdefaultstore.md
 */
export function setDefaultStore(core: SessionCore, ulFlags: unknown, lpEntryID: ENTRYID | null): void {
  // "These flags are mutually exclusive; only one of the following flags can be set."
  if (typeof ulFlags !== 'number') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'setDefaultStore: ulFlags must be a number');
  if (!STORE_ROLES.includes(ulFlags)) {
    throw new MapiError(MAPI_E_UNKNOWN_FLAGS, 'setDefaultStore: ulFlags must be exactly one of MAPI_DEFAULT_STORE, MAPI_SIMPLE_STORE_TEMPORARY, MAPI_SIMPLE_STORE_PERMANENT, MAPI_PRIMARY_STORE, MAPI_SECONDARY_STORE');
  }
  let entry: ProviderEntry | undefined;
  // "If a client passes NULL in lpEntryID, no message store is selected as the default."
  if (lpEntryID !== null && lpEntryID !== undefined) {
    if (!(lpEntryID instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'setDefaultStore: lpEntryID must be a store entry ID or null');
    const w = unwrapStoreEntryId(lpEntryID);
    if (!w) throw new MapiError(MAPI_E_INVALID_ENTRYID, 'setDefaultStore: not a store entry ID');
    entry = core.findStoreProvider(w);
    if (!entry) throw new MapiError(MAPI_E_NOT_FOUND, 'setDefaultStore: the profile has no store with this entry ID');
    if ((entry.definition?.resourceFlags ?? 0) & STATUS_NO_DEFAULT_STORE) {
      throw new MapiError(MAPI_E_NO_ACCESS, 'setDefaultStore: the store has STATUS_NO_DEFAULT_STORE (it cannot be the default store)');
    }
  }
  const profile = core.profile;
  if (ulFlags === MAPI_SIMPLE_STORE_TEMPORARY) {
    // "Sets the STATUS_SIMPLE_STORE flag in ... its status table row and message store table row. The profile is not modified."
    core.tempFlags.clear();
    if (entry) core.tempFlags.set(entry.key, STATUS_SIMPLE_STORE);
    core.refresh();
    return;
  }
  if (ulFlags === MAPI_DEFAULT_STORE) profile.setDefaultStore(entry);
  else if (ulFlags === MAPI_PRIMARY_STORE) profile.setExclusiveFlag(entry, STATUS_PRIMARY_STORE);
  else if (ulFlags === MAPI_SECONDARY_STORE) profile.setExclusiveFlag(entry, STATUS_SECONDARY_STORE);
  else profile.setExclusiveFlag(entry, STATUS_SIMPLE_STORE);
  // "MAPI updates the profile, message store table, and status table": fnevTableModified to their sinks.
  profile.changed();
}
