import type { SPropValue } from '../props/types.js';
import type { AbContainerRecord, AbEntryRecord, AbLogon } from '../spi/ab.js';
import type { MapiSubsystem } from '../session/MapiSubsystem.js';
import type { Profile, ProviderEntry, Section } from '../session/Profile.js';
import type { SessionCore } from '../session/SessionCore.js';
import type { NOTIFICATION } from '../notify/types.js';
import { MapiError } from '../errors/MapiError.js';
import { GUID } from '../props/guid.js';
import { PROP_ID } from '../props/tags.js';
import { bytesEqual, cloneProp } from '../props/values.js';
import { addressSearchKey } from '../session/identity.js';
import { mergedSection } from '../session/sessionRows.js';
import { isOneOffEntryId, parseOneOffEntryId, oneOffProps } from './oneOff.js';
import { AB_MODIFIABLE, AB_RECIPIENTS, AB_SUBCONTAINERS, AB_UNMODIFIABLE, MAPI_AB_PROVIDER, MAPI_ABCONT, MAPI_DISTLIST, MAPI_MAILUSER } from '../generated/constants.js';
import {
  PR_AB_DEFAULT_DIR,
  PR_AB_DEFAULT_PAB,
  PR_AB_PROVIDER_ID,
  PR_AB_SEARCH_PATH,
  PR_ADDRTYPE,
  PR_CONTAINER_FLAGS,
  PR_DISPLAY_TYPE,
  PR_EMAIL_ADDRESS,
  PR_ENTRYID,
  PR_OBJECT_TYPE,
  PR_RECORD_KEY,
  PR_SEARCH_KEY,
} from '../generated/proptags.js';
import { MAPI_E_INVALID_OBJECT, MAPI_E_NOT_FOUND, MAPI_E_UNKNOWN_ENTRYID } from '../generated/scodes.js';

/**
 * The profile section mapi-emu keeps the address book's settings in (PR_AB_SEARCH_PATH,
 * PR_AB_DEFAULT_DIR, PR_AB_DEFAULT_PAB): "The search path is saved between instances of a
 * session" (iaddrbook-setsearchpath.md). mapi-emu's own MAPIUID.
 */
export const MUID_MAPIEMU_AB_SETTINGS: GUID = GUID.parse('{6D617069-656D-7500-8000-616273657474}');

/** A provider the session is logged on to. */
export interface AbProviderLogon {
  readonly provider: ProviderEntry;
  readonly logon: AbLogon;
}

/** A container with its provider and depth below the provider's top. */
export interface LocatedContainer {
  readonly at: AbProviderLogon;
  readonly record: AbContainerRecord;
  readonly depth: number;
}

/** What an entry ID names. */
export type Located =
  | { kind: 'root' }
  | ({ kind: 'container' } & LocatedContainer)
  | { kind: 'entry'; at: AbProviderLogon; record: AbEntryRecord }
  | { kind: 'oneOff'; entryId: Uint8Array; props: SPropValue[] };

const states = new WeakMap<SessionCore, AbSession>();
const sources = new WeakMap<MapiSubsystem, Map<string, object>>();

/** Hex of bytes (row keys, notification sources). */
export function hexKey(e: Uint8Array): string {
  let s = '';
  for (const b of e) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * The address book of one session: the logons to the profile's address-book providers (made
 * once, when the address book is first opened), routing of entry IDs by provider MAPIUID,
 * the properties the core adds to provider records, and the settings kept in the profile.
 */
export class AbSession {
  private started: Promise<AbProviderLogon[]> | undefined;
  private logons: AbProviderLogon[] = [];
  private readonly unsubscribe: (() => void)[] = [];
  private readonly listeners = new Set<() => void>();
  ended = false;

  private constructor(
    readonly mapi: MapiSubsystem,
    readonly profile: Profile,
  ) {}

  /** The address book state of a session (created on first use). */
  static of(core: SessionCore): AbSession {
    let s = states.get(core);
    if (!s) {
      s = new AbSession(core.mapi, core.profile);
      states.set(core, s);
    }
    return s;
  }

  /** Address-book state over a profile without a session (the spooler's): the caller ends it. */
  static forProfile(mapi: MapiSubsystem, profile: Profile): AbSession {
    return new AbSession(mapi, profile);
  }

  /** The state of a session if its address book was ever opened. */
  static existing(core: SessionCore): AbSession | undefined {
    return states.get(core);
  }

  /**
   * Logs on to every address-book provider of the profile, in profile order (once per
   * session). A provider whose logon fails is left out (its entries are then
   * MAPI_E_UNKNOWN_ENTRYID), as MAPI leaves out a provider that fails IABProvider::Logon.
   */
  start(): Promise<AbProviderLogon[]> {
    this.started ??= (async () => {
      const out: AbProviderLogon[] = [];
      for (const p of this.profile.providers()) {
        if (p.resourceType !== MAPI_AB_PROVIDER) continue;
        const provider = p.definition?.addressBook;
        if (!provider) continue;
        try {
          const logon = await provider.logon(
            { clock: this.mapi.clock, ids: this.mapi.ids },
            { serviceUid: Uint8Array.from(p.service.uid), providerUid: Uint8Array.from(p.uid), profileSection: mergedSection(this.profile, p), profileName: this.profile.name },
          );
          out.push({ provider: p, logon });
          if (logon.subscribe) this.unsubscribe.push(logon.subscribe(() => this.changed()));
        } catch (e) {
          if (!(e instanceof MapiError)) throw e;
        }
      }
      if (this.ended) for (const l of out) l.logon.logoff?.();
      this.logons = out;
      return out;
    })();
    return this.started;
  }

  /** Logs off every provider (the session ended). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const u of this.unsubscribe) u();
    for (const l of this.logons) l.logon.logoff?.();
    this.logons = [];
    this.listeners.clear();
  }

  /** Throws MAPI_E_INVALID_OBJECT once the session ended. */
  checkLive(where: string): void {
    if (this.ended) throw new MapiError(MAPI_E_INVALID_OBJECT, `${where}: the session has logged off`);
  }

  /** The logons, in profile order. */
  providers(): readonly AbProviderLogon[] {
    return this.logons;
  }

  /** Calls `listener` after any provider's data changed; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells listeners (tables) that provider data changed. */
  changed(): void {
    for (const l of [...this.listeners]) l();
  }

  // ------------------------------------------------------------------ routing

  /** The logon whose MAPIUID an entry ID carries in bytes 4..19, or undefined. */
  providerOf(e: Uint8Array): AbProviderLogon | undefined {
    if (e.length < 20) return undefined;
    const uid = e.subarray(4, 20);
    return this.logons.find((l) => bytesEqual(l.logon.uid, uid));
  }

  /** Every container of every provider, providers in profile order, with depth. */
  containers(): LocatedContainer[] {
    const out: LocatedContainer[] = [];
    for (const at of this.logons) {
      const records = at.logon.containers();
      const depth = new Map<string, number>();
      for (const record of records) {
        const d = record.parentId ? (depth.get(hexKey(record.parentId)) ?? -1) + 1 : 0;
        depth.set(hexKey(record.entryId), d);
        out.push({ at, record, depth: d });
      }
    }
    return out;
  }

  /** A container by entry ID, or undefined. */
  container(e: Uint8Array): LocatedContainer | undefined {
    const at = this.providerOf(e);
    if (!at) return undefined;
    return this.containers().find((c) => c.at === at && this.same(at, c.record.entryId, e));
  }

  /** True when two entry IDs of a provider name one object. */
  same(at: AbProviderLogon, a: Uint8Array, b: Uint8Array): boolean {
    return at.logon.compareEntryIds ? at.logon.compareEntryIds(a, b) : bytesEqual(a, b);
  }

  /**
   * What an entry ID names: an empty entry ID is the root container; one-offs are the core's;
   * others go to the provider whose MAPIUID they carry.
   * @throws MapiError MAPI_E_UNKNOWN_ENTRYID when no provider of the session recognizes it, MAPI_E_NOT_FOUND when the provider has no such object
   */
  locate(method: string, e: Uint8Array): Located {
    if (e.length === 0) return { kind: 'root' };
    if (isOneOffEntryId(e)) {
      const o = parseOneOffEntryId(e);
      // iaddrbook-openentry.md: MAPI_E_UNKNOWN_ENTRYID "The entry identifier ... is not recognized".
      if (!o) throw new MapiError(MAPI_E_UNKNOWN_ENTRYID, `${method}: a malformed one-off entry ID`);
      return { kind: 'oneOff', entryId: e, props: oneOffProps(e, o) };
    }
    const at = this.providerOf(e);
    if (!at) throw new MapiError(MAPI_E_UNKNOWN_ENTRYID, `${method}: no address-book provider of the session recognizes the entry ID`);
    const c = this.container(e);
    if (c) return { kind: 'container', ...c };
    const record = at.logon.entry(e);
    if (!record) throw new MapiError(MAPI_E_NOT_FOUND, `${method}: the address-book entry does not exist`);
    return { kind: 'entry', at, record };
  }

  // ------------------------------------------------------------------ properties

  /** A container's properties: the provider's plus PR_ENTRYID, PR_OBJECT_TYPE, PR_CONTAINER_FLAGS, PR_AB_PROVIDER_ID, PR_RECORD_KEY. */
  containerProps(c: LocatedContainer): Map<number, SPropValue> {
    const m = new Map<number, SPropValue>();
    const hasChildren = c.at.logon.containers().some((x) => x.parentId && this.same(c.at, x.parentId, c.record.entryId));
    // pidtagcontainerflags-canonical-property.md: AB_RECIPIENTS, AB_SUBCONTAINERS, AB_MODIFIABLE / AB_UNMODIFIABLE.
    const flags = AB_RECIPIENTS | (hasChildren ? AB_SUBCONTAINERS : 0) | (c.record.modifiable ? AB_MODIFIABLE : AB_UNMODIFIABLE);
    m.set(PROP_ID(PR_CONTAINER_FLAGS), { ulPropTag: PR_CONTAINER_FLAGS, Value: flags });
    m.set(PROP_ID(PR_RECORD_KEY), { ulPropTag: PR_RECORD_KEY, Value: Uint8Array.from(c.record.entryId) });
    for (const p of c.record.props) m.set(PROP_ID(p.ulPropTag), cloneProp(p));
    m.set(PROP_ID(PR_ENTRYID), { ulPropTag: PR_ENTRYID, Value: Uint8Array.from(c.record.entryId) });
    m.set(PROP_ID(PR_OBJECT_TYPE), { ulPropTag: PR_OBJECT_TYPE, Value: MAPI_ABCONT });
    m.set(PROP_ID(PR_AB_PROVIDER_ID), { ulPropTag: PR_AB_PROVIDER_ID, Value: Uint8Array.from(c.at.logon.uid) });
    return m;
  }

  /** A user's or list's properties: the provider's plus PR_ENTRYID, PR_OBJECT_TYPE, PR_RECORD_KEY and PR_SEARCH_KEY when absent. */
  entryProps(record: AbEntryRecord): Map<number, SPropValue> {
    const m = new Map<number, SPropValue>();
    for (const p of record.props) m.set(PROP_ID(p.ulPropTag), cloneProp(p));
    m.set(PROP_ID(PR_ENTRYID), { ulPropTag: PR_ENTRYID, Value: Uint8Array.from(record.entryId) });
    m.set(PROP_ID(PR_OBJECT_TYPE), { ulPropTag: PR_OBJECT_TYPE, Value: record.objectType === MAPI_DISTLIST ? MAPI_DISTLIST : MAPI_MAILUSER });
    if (!m.has(PROP_ID(PR_RECORD_KEY))) m.set(PROP_ID(PR_RECORD_KEY), { ulPropTag: PR_RECORD_KEY, Value: Uint8Array.from(record.entryId) });
    if (!m.has(PROP_ID(PR_SEARCH_KEY))) {
      const type = m.get(PROP_ID(PR_ADDRTYPE))?.Value;
      const addr = m.get(PROP_ID(PR_EMAIL_ADDRESS))?.Value;
      // pidtagsearchkey-canonical-property.md: address type and address, upper-cased; lists without an address use their record key.
      const key = typeof type === 'string' && typeof addr === 'string' && type !== '' ? addressSearchKey(type, addr) : Uint8Array.from(record.entryId);
      m.set(PROP_ID(PR_SEARCH_KEY), { ulPropTag: PR_SEARCH_KEY, Value: key });
    }
    return m;
  }

  /** The properties of whatever an entry ID names (users, lists, one-offs, containers). */
  propsOf(method: string, e: Uint8Array): Map<number, SPropValue> {
    const l = this.locate(method, e);
    switch (l.kind) {
      case 'root':
        return new Map([[PROP_ID(PR_OBJECT_TYPE), { ulPropTag: PR_OBJECT_TYPE, Value: MAPI_ABCONT }]]);
      case 'oneOff':
        return new Map(l.props.map((p) => [PROP_ID(p.ulPropTag), p]));
      case 'container':
        return this.containerProps(l);
      case 'entry':
        return this.entryProps(l.record);
    }
  }

  // ------------------------------------------------------------------ settings in the profile

  private settings(): Section {
    return this.profile.ensureSection(MUID_MAPIEMU_AB_SETTINGS.bytes);
  }

  /** A stored setting, or undefined. */
  setting(tag: typeof PR_AB_DEFAULT_DIR | typeof PR_AB_DEFAULT_PAB | typeof PR_AB_SEARCH_PATH): SPropValue | undefined {
    return this.profile.section(MUID_MAPIEMU_AB_SETTINGS.bytes)?.get(PROP_ID(tag));
  }

  /** Stores a setting in the profile (no SaveChanges needed: iaddrbook-setsearchpath.md). */
  store(p: SPropValue): void {
    this.settings().set(PROP_ID(p.ulPropTag), p);
  }

  /** The first modifiable container (getPAB's choice when none is designated). */
  firstModifiable(): LocatedContainer | undefined {
    return this.containers().find((c) => c.record.modifiable);
  }

  /** Containers holding recipients with PR_DISPLAY_TYPE DT_GLOBAL. */
  globalContainers(dtGlobal: number): LocatedContainer[] {
    return this.containers().filter((c) => c.record.props.some((p) => PROP_ID(p.ulPropTag) === PROP_ID(PR_DISPLAY_TYPE) && p.Value === dtGlobal));
  }

  // ------------------------------------------------------------------ notifications

  /** The subsystem-wide notification source of an entry (sinks of every session on it). */
  source(e: Uint8Array): object {
    let m = sources.get(this.mapi);
    if (!m) {
      m = new Map();
      sources.set(this.mapi, m);
    }
    const key = hexKey(e);
    let s = m.get(key);
    if (!s) {
      s = { abEntry: key };
      m.set(key, s);
    }
    return s;
  }

  /** Sends an object notification about an entry to its sinks. */
  notify(ulEventType: NOTIFICATION['ulEventType'], e: Uint8Array, objType: number, parentId: Uint8Array | null): void {
    const n = { ulEventType, obj: { lpEntryID: Uint8Array.from(e), ulObjType: objType, lpParentID: parentId ? Uint8Array.from(parentId) : null, lpOldID: null, lpOldParentID: null, lpPropTagArray: null } } as NOTIFICATION;
    this.mapi.hub.notify(this.source(e), [n]);
  }
}
