import type { SPropValue } from '../props/types.js';
import type { TableRow } from '../table/RowSource.js';
import { tableRow } from '../table/MemoryRowSource.js';
import { bytesEqual } from '../props/values.js';
import {
  MAPI_AB,
  MAPI_SPOOLER,
  MAPI_STATUS,
  MAPI_STORE,
  MAPI_STORE_PROVIDER,
  MAPI_SUBSYSTEM,
  MAPI_TRANSPORT_PROVIDER,
  STATUS_AVAILABLE,
  STATUS_DEFAULT_STORE,
  STATUS_FAILURE,
  STATUS_FLUSH_QUEUES,
  STATUS_PRIMARY_IDENTITY,
  STATUS_TEMP_SECTION,
  STATUS_VALIDATE_STATE,
} from '../generated/constants.js';
import {
  PR_DEFAULT_STORE,
  PR_DISPLAY_NAME,
  PR_ENTRYID,
  PR_IDENTITY_DISPLAY,
  PR_IDENTITY_ENTRYID,
  PR_IDENTITY_SEARCH_KEY,
  PR_INSTANCE_KEY,
  PR_MDB_PROVIDER,
  PR_OBJECT_TYPE,
  PR_PROVIDER_DISPLAY,
  PR_PROVIDER_DLL_NAME,
  PR_PROVIDER_UID,
  PR_RECORD_KEY,
  PR_RESOURCE_FLAGS,
  PR_RESOURCE_METHODS,
  PR_RESOURCE_TYPE,
  PR_ROWID,
  PR_SERVICE_NAME,
  PR_SERVICE_UID,
  PR_STATUS_CODE,
  PR_STATUS_STRING,
} from '../generated/proptags.js';
import { PROP_ID } from '../props/tags.js';
import { MAPIEMU_DLL_NAME, MUID_MAPIEMU_STATUS } from './constants.js';
import { addressSearchKey, oneOffEntryId } from './identity.js';
import { sectionLong, sectionString, type Profile, type ProviderEntry, type Section } from './Profile.js';
import { wrapStoreEntryId } from './storeEntryId.js';

/** Required columns of the message store table (message-store-tables.md). */
export const STORE_TABLE_COLUMNS: readonly number[] = [
  PR_DEFAULT_STORE,
  PR_DISPLAY_NAME,
  PR_ENTRYID,
  PR_INSTANCE_KEY,
  PR_MDB_PROVIDER,
  PR_OBJECT_TYPE,
  PR_PROVIDER_DISPLAY,
  PR_RECORD_KEY,
  PR_RESOURCE_FLAGS,
  PR_RESOURCE_TYPE,
];

/** Columns every status row has (status-tables.md). */
export const STATUS_TABLE_COLUMNS: readonly number[] = [
  PR_DISPLAY_NAME,
  PR_PROVIDER_DISPLAY,
  PR_PROVIDER_DLL_NAME,
  PR_STATUS_CODE,
  PR_STATUS_STRING,
  PR_RESOURCE_FLAGS,
  PR_RESOURCE_METHODS,
  PR_RESOURCE_TYPE,
  PR_ENTRYID,
  PR_INSTANCE_KEY,
  PR_OBJECT_TYPE,
  PR_ROWID,
];

const ZERO_UID = new Uint8Array(16);

/** The provider's section laid over its service's section: what a provider reads its settings from. */
export function mergedSection(profile: Profile, p: ProviderEntry): Map<number, SPropValue> {
  return new Map([...(profile.section(p.service.key) ?? []), ...(profile.section(p.key) ?? [])]);
}

/**
 * The store entry ID the message store table lists for a store provider: the one recorded
 * in its section at its first logon, or, before any logon, a wrapped ID with a zero store
 * MAPIUID that still routes to the provider.
 */
export function listedStoreEntryId(profile: Profile, p: ProviderEntry): Uint8Array {
  const recorded = profile.section(p.key)?.get(PROP_ID(PR_ENTRYID))?.Value;
  return recorded instanceof Uint8Array ? Uint8Array.from(recorded) : wrapStoreEntryId(ZERO_UID, p.uid);
}

/** The row of a store provider in the message store table, or undefined for a temporary section. @see message-store-tables.md */
export function storeRow(profile: Profile, p: ProviderEntry, extraFlags: number): TableRow | undefined {
  const section = profile.section(p.key);
  const flags = (sectionLong(section, PR_RESOURCE_FLAGS) | extraFlags) >>> 0;
  // pidtagresourceflags-canonical-property.md: STATUS_TEMP_SECTION — "should not be published in the message store table".
  if (flags & STATUS_TEMP_SECTION) return undefined;
  const recordKey = section?.get(PROP_ID(PR_RECORD_KEY))?.Value;
  return tableRow(p.key, [
    { ulPropTag: PR_DEFAULT_STORE, Value: (flags & STATUS_DEFAULT_STORE) !== 0 },
    { ulPropTag: PR_DISPLAY_NAME, Value: sectionString(section, PR_DISPLAY_NAME) ?? p.definition?.displayName ?? '' },
    { ulPropTag: PR_ENTRYID, Value: listedStoreEntryId(profile, p) },
    { ulPropTag: PR_MDB_PROVIDER, Value: Uint8Array.from(p.definition?.store?.mdbProvider ?? ZERO_UID) },
    { ulPropTag: PR_OBJECT_TYPE, Value: MAPI_STORE },
    { ulPropTag: PR_PROVIDER_DISPLAY, Value: sectionString(section, PR_PROVIDER_DISPLAY) ?? '' },
    { ulPropTag: PR_RECORD_KEY, Value: recordKey instanceof Uint8Array ? Uint8Array.from(recordKey) : Uint8Array.from(p.uid) },
    { ulPropTag: PR_RESOURCE_FLAGS, Value: flags },
    { ulPropTag: PR_RESOURCE_TYPE, Value: MAPI_STORE_PROVIDER },
    { ulPropTag: PR_SERVICE_NAME, Value: sectionString(section, PR_SERVICE_NAME) ?? '' },
    { ulPropTag: PR_SERVICE_UID, Value: Uint8Array.from(p.service.uid) },
    { ulPropTag: PR_PROVIDER_UID, Value: Uint8Array.from(p.uid) },
  ]);
}

/** The entry ID of a status object: Flags(4)=0 | MUID_MAPIEMU_STATUS(16) | PR_RESOURCE_TYPE(4, little-endian) | provider MAPIUID(16) or zeros. */
export function statusEntryId(resourceType: number, providerUid: Uint8Array = ZERO_UID): Uint8Array {
  const out = new Uint8Array(40);
  out.set(MUID_MAPIEMU_STATUS.bytes, 4);
  new DataView(out.buffer).setUint32(20, resourceType >>> 0, true);
  out.set(providerUid.subarray(0, 16), 24);
  return out;
}

/** True when an entry ID is a status object's. */
export function isStatusEntryId(e: Uint8Array): boolean {
  return e.length === 40 && bytesEqual(e.subarray(4, 20), MUID_MAPIEMU_STATUS.bytes);
}

/** The identity properties of a provider's status row when its service supplies the primary identity. */
export function identityProps(profile: Profile, p: ProviderEntry): SPropValue[] {
  const flags = sectionLong(profile.section(p.key), PR_RESOURCE_FLAGS);
  if (!(flags & STATUS_PRIMARY_IDENTITY) || !p.definition?.identity) return [];
  const id = p.definition.identity(mergedSection(profile, p));
  if (!id) return [];
  return [
    { ulPropTag: PR_IDENTITY_DISPLAY, Value: id.displayName },
    { ulPropTag: PR_IDENTITY_ENTRYID, Value: id.entryId ? Uint8Array.from(id.entryId) : oneOffEntryId(id.displayName, id.addressType, id.emailAddress) },
    { ulPropTag: PR_IDENTITY_SEARCH_KEY, Value: addressSearchKey(id.addressType, id.emailAddress) },
  ];
}

/** What the status rows of a session depend on. */
export interface StatusRowInput {
  profile: Profile;
  /** The session was logged on with MAPI_NO_MAIL: no transport rows, the spooler row reports STATUS_FAILURE (mapilogonex.md). */
  noMail: boolean;
  /** PR_ROWID of a row key, assigned once per session. */
  rowId(key: string): number;
  /** Session-only PR_RESOURCE_FLAGS bits of a provider (MAPI_SIMPLE_STORE_TEMPORARY). */
  extraFlags(key: string): number;
  /** Properties a provider's row gets from the provider itself (a transport's status from the spooler), laid over the defaults. */
  providerStatus?(p: ProviderEntry): SPropValue[];
}

/**
 * The rows of the status table: the MAPI subsystem, the spooler and the integrated address
 * book (status-tables.md: "MAPI provides data for three rows"), then one per provider.
 * @see status-tables.md
 */
export function statusRows(input: StatusRowInput): TableRow[] {
  const { profile, noMail } = input;
  const row = (key: string, type: number, uid: Uint8Array | undefined, props: SPropValue[]): TableRow =>
    tableRow(key, [
      { ulPropTag: PR_PROVIDER_DLL_NAME, Value: MAPIEMU_DLL_NAME },
      { ulPropTag: PR_RESOURCE_TYPE, Value: type },
      { ulPropTag: PR_ENTRYID, Value: statusEntryId(type, uid) },
      { ulPropTag: PR_OBJECT_TYPE, Value: MAPI_STATUS },
      { ulPropTag: PR_ROWID, Value: input.rowId(key) },
      ...props,
    ]);
  const available = (ok: boolean): SPropValue[] => [
    { ulPropTag: PR_STATUS_CODE, Value: ok ? STATUS_AVAILABLE : STATUS_FAILURE },
    { ulPropTag: PR_STATUS_STRING, Value: ok ? 'Available' : 'Not available' },
  ];
  const rows: TableRow[] = [
    // pidtagprofilename-canonical-property.md: PR_DISPLAY_NAME of the subsystem's row is the profile name.
    row('subsystem', MAPI_SUBSYSTEM, undefined, [
      { ulPropTag: PR_DISPLAY_NAME, Value: profile.name },
      { ulPropTag: PR_PROVIDER_DISPLAY, Value: 'MAPI Subsystem' },
      { ulPropTag: PR_RESOURCE_FLAGS, Value: 0 },
      { ulPropTag: PR_RESOURCE_METHODS, Value: STATUS_VALIDATE_STATE },
      ...available(true),
    ]),
    // pidtagresourcemethods-canonical-property.md: the spooler supports ValidateState and FlushQueues.
    row('spooler', MAPI_SPOOLER, undefined, [
      { ulPropTag: PR_DISPLAY_NAME, Value: 'MAPI Spooler' },
      { ulPropTag: PR_PROVIDER_DISPLAY, Value: 'MAPI Spooler' },
      { ulPropTag: PR_RESOURCE_FLAGS, Value: 0 },
      { ulPropTag: PR_RESOURCE_METHODS, Value: STATUS_VALIDATE_STATE | STATUS_FLUSH_QUEUES },
      ...available(!noMail),
    ]),
    row('addressBook', MAPI_AB, undefined, [
      { ulPropTag: PR_DISPLAY_NAME, Value: 'MAPI Address Book' },
      { ulPropTag: PR_PROVIDER_DISPLAY, Value: 'MAPI Address Book' },
      { ulPropTag: PR_RESOURCE_FLAGS, Value: 0 },
      { ulPropTag: PR_RESOURCE_METHODS, Value: STATUS_VALIDATE_STATE },
      ...available(true),
    ]),
  ];
  for (const p of profile.providers()) {
    // mapilogonex.md: with MAPI_NO_MAIL "the status table does not contain entries for transport providers".
    if (noMail && p.resourceType === MAPI_TRANSPORT_PROVIDER) continue;
    const section: Section | undefined = profile.section(p.key);
    rows.push(
      row(p.key, p.resourceType, p.uid, [
        { ulPropTag: PR_DISPLAY_NAME, Value: sectionString(section, PR_DISPLAY_NAME) ?? '' },
        { ulPropTag: PR_PROVIDER_DISPLAY, Value: sectionString(section, PR_PROVIDER_DISPLAY) ?? '' },
        { ulPropTag: PR_RESOURCE_FLAGS, Value: (sectionLong(section, PR_RESOURCE_FLAGS) | input.extraFlags(p.key)) >>> 0 },
        { ulPropTag: PR_RESOURCE_METHODS, Value: STATUS_VALIDATE_STATE },
        { ulPropTag: PR_PROVIDER_UID, Value: Uint8Array.from(p.uid) },
        { ulPropTag: PR_SERVICE_UID, Value: Uint8Array.from(p.service.uid) },
        ...available(true),
        ...identityProps(profile, p),
        ...(input.providerStatus?.(p) ?? []),
      ]),
    );
  }
  return rows;
}
