import type { SPropValue } from '../props/types.js';
import type { IdSource } from '../spi/ids.js';
import type { MessageServiceDefinition, ProviderDefinition, ProviderKind } from '../spi/services.js';
import { HexFromBin } from '../props/util/hex.js';
import { PROP_ID } from '../props/tags.js';
import { cloneProp } from '../props/values.js';
import { MUID_PROFILE_INSTANCE, pbGlobalProfileSectionGuid } from '../generated/guids.js';
import {
  PR_AB_PROVIDERS,
  PR_DISPLAY_NAME,
  PR_ENTRYID,
  PR_PROVIDER_DISPLAY,
  PR_PROVIDER_DLL_NAME,
  PR_PROVIDER_UID,
  PR_RECORD_KEY,
  PR_RESOURCE_FLAGS,
  PR_RESOURCE_TYPE,
  PR_SEARCH_KEY,
  PR_SERVICE_DLL_NAME,
  PR_SERVICE_ENTRY_NAME,
  PR_SERVICE_NAME,
  PR_SERVICE_SUPPORT_FILES,
  PR_SERVICE_UID,
  PR_STORE_PROVIDERS,
  PR_TRANSPORT_PROVIDERS,
} from '../generated/proptags.js';
import {
  MAPI_AB_PROVIDER,
  MAPI_STORE_PROVIDER,
  MAPI_TRANSPORT_PROVIDER,
  SERVICE_DEFAULT_STORE,
  SERVICE_NO_PRIMARY_IDENTITY,
  SERVICE_PRIMARY_IDENTITY,
  STATUS_DEFAULT_STORE,
  STATUS_NO_DEFAULT_STORE,
  STATUS_PRIMARY_IDENTITY,
  STATUS_PRIMARY_STORE,
  STATUS_SECONDARY_STORE,
  STATUS_SIMPLE_STORE,
} from '../generated/constants.js';
import { MAPIEMU_DLL_NAME } from './constants.js';

/** The properties of one profile section, by PROP_ID. */
export type Section = Map<number, SPropValue>;

/** Hex key of a MAPIUID. */
export function uidKey(uid: Uint8Array): string {
  return HexFromBin(uid);
}

/** A message service in a profile. */
export interface ServiceEntry {
  readonly uid: Uint8Array;
  readonly key: string;
  readonly definition: MessageServiceDefinition | undefined;
  readonly providers: ProviderEntry[];
}

/** A provider in a profile. */
export interface ProviderEntry {
  readonly uid: Uint8Array;
  readonly key: string;
  readonly service: ServiceEntry;
  /** The INF definition; undefined for a provider added by createProvider under a name the service does not have. */
  readonly definition: ProviderDefinition | undefined;
  /** PR_RESOURCE_TYPE (MAPI_STORE_PROVIDER, MAPI_AB_PROVIDER, MAPI_TRANSPORT_PROVIDER), 0 when unknown. */
  readonly resourceType: number;
}

/** PR_RESOURCE_TYPE of a provider kind. */
export function resourceTypeOf(kind: ProviderKind): number {
  return kind === 'store' ? MAPI_STORE_PROVIDER : kind === 'addressBook' ? MAPI_AB_PROVIDER : MAPI_TRANSPORT_PROVIDER;
}

const str = (tag: number, v: string): SPropValue => ({ ulPropTag: tag, Value: v });
const long = (tag: number, v: number): SPropValue => ({ ulPropTag: tag, Value: v });
const bin = (tag: number, v: Uint8Array): SPropValue => ({ ulPropTag: tag, Value: Uint8Array.from(v) });

/** A string value of a section, whatever its string type. */
export function sectionString(section: ReadonlyMap<number, SPropValue> | undefined, tag: number): string | undefined {
  const v = section?.get(PROP_ID(tag))?.Value;
  return typeof v === 'string' ? v : undefined;
}

/** A PT_LONG value of a section. */
export function sectionLong(section: ReadonlyMap<number, SPropValue> | undefined, tag: number): number {
  const v = section?.get(PROP_ID(tag))?.Value;
  return typeof v === 'number' ? v >>> 0 : 0;
}

/**
 * A profile: named configuration of message services, their providers and profile
 * sections, kept by the subsystem for its lifetime (the role of the registry's profile keys).
 * Sessions on it listen to {@link onChange} so the message store and status tables follow
 * configuration changes.
 * @see mapi-profiles.md
 */
export class Profile {
  readonly sections = new Map<string, Section>();
  readonly services: ServiceEntry[] = [];
  /** Transport providers by key, in transport order. */
  transportOrder: string[] = [];
  /** Marked for deletion while in use (iprofadmin-deleteprofile.md). */
  pendingDelete = false;
  /** New name waiting for the profile to be unused (iprofadmin-renameprofile.md). */
  pendingRename: string | undefined;
  /** Sessions logged on to it. */
  sessions = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    public name: string,
    readonly app: boolean,
    private readonly ids: IdSource,
  ) {
    // iprofsectimapiprop.md: MUID_PROFILE_INSTANCE holds a PR_SEARCH_KEY unique among all created profiles.
    this.sections.set(uidKey(MUID_PROFILE_INSTANCE.bytes), new Map([[PROP_ID(PR_SEARCH_KEY), bin(PR_SEARCH_KEY, ids.guid().bytes)]]));
    this.sections.set(uidKey(pbGlobalProfileSectionGuid.bytes), new Map());
  }

  /** Registers a listener for configuration changes; returns the remover. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells sessions the configuration changed. */
  changed(): void {
    for (const l of [...this.listeners]) l();
  }

  /** A section by MAPIUID. */
  section(uid: Uint8Array | string): Section | undefined {
    return this.sections.get(typeof uid === 'string' ? uid : uidKey(uid));
  }

  /** A section by MAPIUID, created empty when missing. */
  ensureSection(uid: Uint8Array): Section {
    const key = uidKey(uid);
    let s = this.sections.get(key);
    if (!s) {
      s = new Map();
      this.sections.set(key, s);
    }
    return s;
  }

  /** Every provider of every service, in service then INF order. */
  providers(): ProviderEntry[] {
    return this.services.flatMap((s) => s.providers);
  }

  /** A service by key. */
  service(key: string): ServiceEntry | undefined {
    return this.services.find((s) => s.key === key);
  }

  /** A provider by key. */
  provider(key: string): ProviderEntry | undefined {
    for (const s of this.services) for (const p of s.providers) if (p.key === key) return p;
    return undefined;
  }

  /** True when `key` names a provider's section (owned by the provider: MAPI_FORCE_ACCESS needed). */
  isProviderSection(key: string): boolean {
    return this.provider(key) !== undefined;
  }

  // ------------------------------------------------------------------ services and providers

  /** Adds a service from its definition: a section for it and one per provider (imsgserviceadmin-createmsgservice.md). */
  addService(def: MessageServiceDefinition, displayName: string | null): ServiceEntry {
    const uid = this.ids.guid().bytes;
    const service: ServiceEntry = { uid, key: uidKey(uid), definition: def, providers: [] };
    const section = this.ensureSection(uid);
    for (const p of def.props ?? []) section.set(PROP_ID(p.ulPropTag), cloneProp(p));
    section.set(PROP_ID(PR_SERVICE_UID), bin(PR_SERVICE_UID, uid));
    section.set(PROP_ID(PR_SERVICE_NAME), str(PR_SERVICE_NAME, def.name));
    section.set(PROP_ID(PR_DISPLAY_NAME), str(PR_DISPLAY_NAME, def.displayName ?? displayName ?? def.name));
    section.set(PROP_ID(PR_RESOURCE_FLAGS), long(PR_RESOURCE_FLAGS, def.serviceFlags ?? 0));
    section.set(PROP_ID(PR_SERVICE_DLL_NAME), str(PR_SERVICE_DLL_NAME, def.dllName ?? MAPIEMU_DLL_NAME));
    section.set(PROP_ID(PR_SERVICE_ENTRY_NAME), str(PR_SERVICE_ENTRY_NAME, def.entryName ?? 'ServiceEntry'));
    if (def.supportFiles?.length) section.set(PROP_ID(PR_SERVICE_SUPPORT_FILES), { ulPropTag: PR_SERVICE_SUPPORT_FILES, Value: [...def.supportFiles] });
    this.services.push(service);
    for (const p of def.providers) this.addProvider(service, p, []);
    this.assignRoles();
    return service;
  }

  /** Adds a provider to a service (also IProviderAdmin.createProvider); `def` undefined for an unknown provider name. */
  addProvider(service: ServiceEntry, def: ProviderDefinition | undefined, props: SPropValue[], name?: string): ProviderEntry {
    const uid = this.ids.guid().bytes;
    const typeProp = props.find((p) => PROP_ID(p.ulPropTag) === PROP_ID(PR_RESOURCE_TYPE))?.Value;
    const resourceType = def ? resourceTypeOf(def.kind) : typeof typeProp === 'number' ? typeProp : 0;
    const entry: ProviderEntry = { uid, key: uidKey(uid), service, definition: def, resourceType };
    const section = this.ensureSection(uid);
    const serviceSection = this.section(service.key);
    for (const p of def?.props ?? []) section.set(PROP_ID(p.ulPropTag), cloneProp(p));
    const display = def?.displayName ?? name ?? '';
    section.set(PROP_ID(PR_PROVIDER_UID), bin(PR_PROVIDER_UID, uid));
    section.set(PROP_ID(PR_SERVICE_UID), bin(PR_SERVICE_UID, service.uid));
    section.set(PROP_ID(PR_SERVICE_NAME), str(PR_SERVICE_NAME, sectionString(serviceSection, PR_SERVICE_NAME) ?? ''));
    section.set(PROP_ID(PR_RESOURCE_TYPE), long(PR_RESOURCE_TYPE, resourceType));
    section.set(PROP_ID(PR_RESOURCE_FLAGS), long(PR_RESOURCE_FLAGS, def?.resourceFlags ?? 0));
    section.set(PROP_ID(PR_PROVIDER_DISPLAY), str(PR_PROVIDER_DISPLAY, display));
    section.set(PROP_ID(PR_DISPLAY_NAME), str(PR_DISPLAY_NAME, display));
    section.set(PROP_ID(PR_PROVIDER_DLL_NAME), str(PR_PROVIDER_DLL_NAME, def?.dllName ?? MAPIEMU_DLL_NAME));
    for (const p of props) section.set(PROP_ID(p.ulPropTag), cloneProp(p));
    service.providers.push(entry);
    if (resourceType === MAPI_TRANSPORT_PROVIDER) this.transportOrder.push(entry.key);
    this.updateProviderLists(service);
    return entry;
  }

  /** Removes a provider and its section. */
  removeProvider(entry: ProviderEntry): void {
    const list = entry.service.providers;
    list.splice(list.indexOf(entry), 1);
    this.sections.delete(entry.key);
    this.transportOrder = this.transportOrder.filter((k) => k !== entry.key);
    this.updateProviderLists(entry.service);
    this.assignRoles();
  }

  /** Removes a service, its providers and their sections (imsgserviceadmin-deletemsgservice.md). */
  removeService(service: ServiceEntry): void {
    for (const p of [...service.providers]) {
      this.sections.delete(p.key);
      this.transportOrder = this.transportOrder.filter((k) => k !== p.key);
    }
    this.services.splice(this.services.indexOf(service), 1);
    this.sections.delete(service.key);
    this.assignRoles();
  }

  /** PR_STORE_PROVIDERS, PR_AB_PROVIDERS, PR_TRANSPORT_PROVIDERS of a service section: its providers' MAPIUIDs back to back. */
  private updateProviderLists(service: ServiceEntry): void {
    const section = this.section(service.key);
    if (!section) return;
    const lists: [number, number][] = [
      [PR_STORE_PROVIDERS, MAPI_STORE_PROVIDER],
      [PR_AB_PROVIDERS, MAPI_AB_PROVIDER],
      [PR_TRANSPORT_PROVIDERS, MAPI_TRANSPORT_PROVIDER],
    ];
    for (const [tag, type] of lists) {
      const uids = service.providers.filter((p) => p.resourceType === type);
      if (!uids.length) {
        section.delete(PROP_ID(tag));
        continue;
      }
      const b = new Uint8Array(16 * uids.length);
      uids.forEach((p, i) => b.set(p.uid, i * 16));
      section.set(PROP_ID(tag), { ulPropTag: tag, Value: b });
    }
  }

  // ------------------------------------------------------------------ roles: default store, primary identity

  /** The provider holding the default store, if any. */
  defaultStore(): ProviderEntry | undefined {
    return this.providers().find((p) => p.resourceType === MAPI_STORE_PROVIDER && (sectionLong(this.section(p.key), PR_RESOURCE_FLAGS) & STATUS_DEFAULT_STORE) !== 0);
  }

  /** The service supplying the primary identity, if any. */
  primaryIdentity(): ServiceEntry | undefined {
    return this.services.find((s) => (sectionLong(this.section(s.key), PR_RESOURCE_FLAGS) & SERVICE_PRIMARY_IDENTITY) !== 0);
  }

  /**
   * Makes a store provider the default store (or none): STATUS_DEFAULT_STORE on its section,
   * SERVICE_DEFAULT_STORE on its service's (pidtagresourceflags-canonical-property.md).
   */
  setDefaultStore(entry: ProviderEntry | undefined): void {
    this.setExclusiveFlag(entry, STATUS_DEFAULT_STORE);
    for (const s of this.services) {
      const on = entry !== undefined && entry.service === s;
      this.setFlag(this.section(s.key), SERVICE_DEFAULT_STORE, on);
    }
  }

  /** Sets a store flag (STATUS_PRIMARY_STORE, STATUS_SECONDARY_STORE, STATUS_SIMPLE_STORE) on one store provider only. */
  setExclusiveFlag(entry: ProviderEntry | undefined, flag: number): void {
    for (const p of this.providers()) {
      if (p.resourceType !== MAPI_STORE_PROVIDER) continue;
      this.setFlag(this.section(p.key), flag, p === entry);
    }
  }

  /**
   * Makes a service the supplier of the primary identity (or none): SERVICE_PRIMARY_IDENTITY on
   * its section, STATUS_PRIMARY_IDENTITY on those of its providers that can supply one.
   * @see imsgserviceadmin-setprimaryidentity.md
   */
  setPrimaryIdentity(service: ServiceEntry | undefined): void {
    for (const s of this.services) {
      this.setFlag(this.section(s.key), SERVICE_PRIMARY_IDENTITY, s === service);
      for (const p of s.providers) {
        const capable = ((p.definition?.resourceFlags ?? 0) & STATUS_PRIMARY_IDENTITY) !== 0;
        this.setFlag(this.section(p.key), STATUS_PRIMARY_IDENTITY, s === service && capable);
      }
    }
  }

  /** True when a service can supply the primary identity (not SERVICE_NO_PRIMARY_IDENTITY). */
  canSupplyIdentity(service: ServiceEntry): boolean {
    return (sectionLong(this.section(service.key), PR_RESOURCE_FLAGS) & SERVICE_NO_PRIMARY_IDENTITY) === 0;
  }

  /**
   * Keeps the roles assigned after services come and go: the first store provider that can
   * be the default store becomes it when there is none, and the first service with a provider
   * flagged STATUS_PRIMARY_IDENTITY supplies the primary identity when none does
   * (mapi-primary-identity.md: "If at any time the provider supplying primary identity is
   * removed from the profile, MAPI assigns the role to the next provider").
   */
  assignRoles(): void {
    if (!this.defaultStore()) {
      const next = this.providers().find((p) => p.resourceType === MAPI_STORE_PROVIDER && ((p.definition?.resourceFlags ?? 0) & STATUS_NO_DEFAULT_STORE) === 0);
      if (next) this.setDefaultStore(next);
    }
    if (!this.primaryIdentity()) {
      const next = this.services.find((s) => this.canSupplyIdentity(s) && s.providers.some((p) => ((p.definition?.resourceFlags ?? 0) & STATUS_PRIMARY_IDENTITY) !== 0));
      if (next) this.setPrimaryIdentity(next);
    }
  }

  private setFlag(section: Section | undefined, flag: number, on: boolean): void {
    if (!section) return;
    const old = sectionLong(section, PR_RESOURCE_FLAGS);
    const next = on ? (old | flag) >>> 0 : (old & ~flag) >>> 0;
    if (next !== old || !section.has(PROP_ID(PR_RESOURCE_FLAGS))) section.set(PROP_ID(PR_RESOURCE_FLAGS), long(PR_RESOURCE_FLAGS, next));
  }

  // ------------------------------------------------------------------ copies

  /** A copy under another name: same services, providers and section UIDs, a new profile-instance search key (iprofadmin-copyprofile.md). */
  copy(newName: string): Profile {
    const p = new Profile(newName, this.app, this.ids);
    const instance = uidKey(MUID_PROFILE_INSTANCE.bytes);
    for (const [key, section] of this.sections) {
      if (key === instance) continue;
      p.sections.set(key, new Map([...section].map(([id, v]) => [id, cloneProp(v)])));
    }
    for (const s of this.services) {
      const copy: ServiceEntry = { uid: s.uid, key: s.key, definition: s.definition, providers: [] };
      for (const pr of s.providers) copy.providers.push({ ...pr, service: copy });
      p.services.push(copy);
    }
    p.transportOrder = [...this.transportOrder];
    return p;
  }

  /** An exact copy (same name, sections including the instance key, services, pending state), not in use: for world snapshots. */
  clone(): Profile {
    const p = this.copy(this.name);
    const instance = uidKey(MUID_PROFILE_INSTANCE.bytes);
    const own = this.sections.get(instance);
    if (own) p.sections.set(instance, new Map([...own].map(([id, v]) => [id, cloneProp(v)])));
    p.pendingDelete = this.pendingDelete;
    p.pendingRename = this.pendingRename;
    return p;
  }

  /** Copies a service (its sections, new MAPIUIDs) into this profile (imsgserviceadmin-copymsgservice.md). */
  importService(from: Profile, service: ServiceEntry): ServiceEntry {
    const uid = this.ids.guid().bytes;
    const copy: ServiceEntry = { uid, key: uidKey(uid), definition: service.definition, providers: [] };
    const section = this.ensureSection(uid);
    for (const [id, v] of from.section(service.key) ?? []) section.set(id, cloneProp(v));
    section.set(PROP_ID(PR_SERVICE_UID), bin(PR_SERVICE_UID, uid));
    this.setFlag(section, SERVICE_PRIMARY_IDENTITY | SERVICE_DEFAULT_STORE, false);
    this.services.push(copy);
    for (const p of service.providers) {
      const puid = this.ids.guid().bytes;
      const entry: ProviderEntry = { uid: puid, key: uidKey(puid), service: copy, definition: p.definition, resourceType: p.resourceType };
      const ps = this.ensureSection(puid);
      for (const [id, v] of from.section(p.key) ?? []) ps.set(id, cloneProp(v));
      ps.set(PROP_ID(PR_PROVIDER_UID), bin(PR_PROVIDER_UID, puid));
      ps.set(PROP_ID(PR_SERVICE_UID), bin(PR_SERVICE_UID, uid));
      this.setFlag(ps, STATUS_DEFAULT_STORE | STATUS_PRIMARY_IDENTITY | STATUS_PRIMARY_STORE | STATUS_SECONDARY_STORE | STATUS_SIMPLE_STORE, false);
      // The copy's store has not been logged on to yet: its recorded entry ID belongs to the original.
      for (const id of RECORDED_STORE_IDS) ps.delete(id);
      copy.providers.push(entry);
      if (entry.resourceType === MAPI_TRANSPORT_PROVIDER) this.transportOrder.push(entry.key);
    }
    this.updateProviderLists(copy);
    this.assignRoles();
    return copy;
  }
}

/**
 * Identifiers a store provider's section records at its first logon (PR_ENTRYID: the wrapped
 * store entry ID, PR_RECORD_KEY: the store's MAPIUID), as store providers do, so the message
 * store table can list the store before this session logs on to it.
 */
export const RECORDED_STORE_IDS: readonly number[] = [PROP_ID(PR_ENTRYID), PROP_ID(PR_RECORD_KEY)];
