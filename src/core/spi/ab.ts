import type { SPropValue } from '../props/types.js';
import type { Clock } from './clock.js';
import type { IdSource } from './ids.js';

/**
 * The address-book provider SPI, in the spirit of IABProvider / IABLogon.
 *
 * An address-book provider only keeps data: containers, messaging users and distribution
 * lists as plain records, each named by an entry ID whose bytes 4..19 are the provider's
 * MAPIUID ({@link AbLogon.uid}). The core (`src/core/ab/`) builds IAddrBook, IABContainer,
 * IMailUser and IDistList on top, with MAPI's rules (routing by MAPIUID, tables, name
 * resolution, one-off entries, search path, transactions of opened entries), so every
 * provider behaves the same and passes the same contract suite (`describeAbProviderContract`).
 *
 * A provider is part of a message service (`ProviderDefinition.kind = 'addressBook'`,
 * `ProviderDefinition.addressBook`); the session logs on to it once (IABProvider::Logon)
 * when the address book is first opened and calls {@link AbLogon.logoff} when the session ends.
 *
 * A minimal read-only provider:
 * ```ts
 * const uid = GUID.parse('{...}').bytes;
 * const root = abEntryId(uid, new Uint8Array([0]));
 * const bob = abEntryId(uid, new Uint8Array([1]));
 * const provider: AbProvider = {
 *   logon: () => ({
 *     uid,
 *     displayName: 'Acme directory',
 *     containers: () => [{ entryId: root, parentId: null, modifiable: false, props: [
 *       { ulPropTag: PR_DISPLAY_NAME, Value: 'Acme' }, { ulPropTag: PR_DISPLAY_TYPE, Value: DT_GLOBAL }] }],
 *     contents: (c) => (bytesEqual(c, root) ? [bobRecord] : undefined),
 *     entry: (e) => (bytesEqual(e, bob) ? bobRecord : undefined),
 *   }),
 * };
 * ```
 * @see iabprovideriunknown.md
 * @see iablogoniunknown.md
 */

/** A container as a provider describes it. */
export interface AbContainerRecord {
  /** The container's entry ID (provider MAPIUID in bytes 4..19). */
  readonly entryId: Uint8Array;
  /** The parent container's entry ID; null for a top-level container of the provider. */
  readonly parentId: Uint8Array | null;
  /** True when entries can be created, copied into and deleted (AB_MODIFIABLE); the provider must then implement the write methods. */
  readonly modifiable: boolean;
  /**
   * Properties: at least PR_DISPLAY_NAME; PR_DISPLAY_TYPE (DT_GLOBAL for the GAL, DT_NOT_SPECIFIC,
   * DT_MODIFIABLE, ...). The core adds PR_ENTRYID, PR_OBJECT_TYPE, PR_CONTAINER_FLAGS (from
   * `modifiable` and the contents, unless given), PR_AB_PROVIDER_ID, PR_DEPTH in hierarchy tables.
   */
  readonly props: readonly SPropValue[];
}

/** A messaging user or distribution list as a provider describes it. */
export interface AbEntryRecord {
  /** The entry's entry ID (provider MAPIUID in bytes 4..19). */
  readonly entryId: Uint8Array;
  /** MAPI_MAILUSER or MAPI_DISTLIST. */
  readonly objectType: number;
  /**
   * Properties: PR_DISPLAY_NAME, PR_ADDRTYPE, PR_EMAIL_ADDRESS, PR_DISPLAY_TYPE (DT_MAILUSER,
   * DT_DISTLIST, DT_PRIVATE_DISTLIST, ...), PR_SMTP_ADDRESS, ... The core adds PR_ENTRYID,
   * PR_OBJECT_TYPE, PR_RECORD_KEY (the entry ID) and PR_SEARCH_KEY (`ADDRTYPE:ADDRESS`) when absent.
   */
  readonly props: readonly SPropValue[];
  /** A distribution list's members: entry IDs of this provider's entries, other providers' entries or one-offs. */
  readonly members?: readonly Uint8Array[];
}

/** What a provider's logon is given. */
export interface AbSupport {
  /** The subsystem's clock. */
  readonly clock: Clock;
  /** The subsystem's identifier source (deterministic in tests). */
  readonly ids: IdSource;
}

/** What a provider's logon is told. */
export interface AbLogonInfo {
  /** PR_SERVICE_UID of the provider's service. */
  readonly serviceUid: Uint8Array;
  /** PR_PROVIDER_UID of the provider in the profile. */
  readonly providerUid: Uint8Array;
  /** The provider's profile section laid over its service's section, by PROP_ID (read-only). */
  readonly profileSection: ReadonlyMap<number, SPropValue>;
  /** Name of the profile being used. */
  readonly profileName: string;
}

/**
 * A session's logon to an address-book provider (the role of IABLogon). Reads are
 * synchronous; records are owned by the provider and never mutated by the core.
 * @see iablogoniunknown.md
 */
export interface AbLogon {
  /** The 16-byte MAPIUID in bytes 4..19 of every entry ID the provider hands out (IMAPISupport::SetProviderUID). */
  readonly uid: Uint8Array;
  /** PR_DISPLAY_NAME of the provider (status row, PR_AB_PROVIDER display). */
  readonly displayName: string;
  /** Every container of the provider, parents before children, siblings in display order. */
  containers(): readonly AbContainerRecord[];
  /** The users and lists of a container, in display order; undefined when there is no such container. */
  contents(containerId: Uint8Array): readonly AbEntryRecord[] | undefined;
  /** A user or list by entry ID, or undefined (MAPI_E_NOT_FOUND). Containers are found in {@link containers}. */
  entry(entryId: Uint8Array): AbEntryRecord | undefined;
  /** True when two entry IDs of this provider name one object [bytes equal] (iablogon-compareentryids.md). */
  compareEntryIds?(a: Uint8Array, b: Uint8Array): boolean;
  /**
   * Creates (entryId null) or replaces an entry in a modifiable container with these
   * properties (computed ones stripped) and, for lists, members; returns the entry's ID.
   * Throw MapiError MAPI_E_NO_ACCESS when the container is read-only.
   */
  saveEntry?(containerId: Uint8Array, entryId: Uint8Array | null, objectType: number, props: readonly SPropValue[], members?: readonly Uint8Array[]): Uint8Array;
  /** Deletes an entry of a modifiable container; false when the container does not hold it. */
  deleteEntry?(containerId: Uint8Array, entryId: Uint8Array): boolean;
  /** Calls `listener` after every change of the provider's data (dynamic contents and hierarchy tables, fnevObjectModified). */
  subscribe?(listener: () => void): () => void;
  /** Ends the logon (IABLogon::Logoff): the session has ended. */
  logoff?(): void;
}

/**
 * An address-book provider, in the spirit of IABProvider::Logon: given the profile section,
 * answer a logon on the provider's data. Reject with MapiError MAPI_E_UNCONFIGURED when the
 * section lacks required settings, MAPI_E_LOGON_FAILED when the data cannot be reached;
 * a provider that fails is left out of the session's address book.
 * @see iabprovider-logon.md
 */
export interface AbProvider {
  /** Logs on (once per session). */
  logon(support: AbSupport, info: AbLogonInfo): AbLogon | Promise<AbLogon>;
}

/** An entry ID for a provider: Flags(4)=0 | MAPIUID(16) | provider data. @see entryid.md */
export function abEntryId(uid: Uint8Array, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(20 + data.length);
  out.set(uid.subarray(0, 16), 4);
  out.set(data, 20);
  return out;
}
