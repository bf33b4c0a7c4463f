import type { SPropValue } from '../props/types.js';
import type { StoreContext } from '../store/StoreContext.js';
import type { TableRow } from '../table/RowSource.js';
import type { MapiSubsystem } from './MapiSubsystem.js';
import type { MapiSession } from './MapiSession.js';
import { MapiError, EmulatorError } from '../errors/MapiError.js';
import { MemoryRowSource } from '../table/MemoryRowSource.js';
import { PROP_ID } from '../props/tags.js';
import { bytesEqual, valuesEqual } from '../props/values.js';
import { MAPI_NO_MAIL, MAPI_STORE_PROVIDER, MAPI_TRANSPORT_PROVIDER, MDB_NO_DIALOG } from '../generated/constants.js';
import { PR_ENTRYID, PR_RECORD_KEY } from '../generated/proptags.js';
import { MAPI_E_INVALID_OBJECT, MAPI_E_LOGON_FAILED, MAPI_E_UNCONFIGURED } from '../generated/scodes.js';
import type { Profile, ProviderEntry } from './Profile.js';
import { mergedSection, statusRows, storeRow } from './sessionRows.js';
import { wrapStoreEntryId, type UnwrappedStoreEntryId } from './storeEntryId.js';

/** A session's logon to one store provider. */
export interface StoreLogon {
  readonly provider: ProviderEntry;
  readonly ctx: StoreContext;
  /** PR_DISPLAY_NAME the provider gave. */
  readonly displayName: string;
}

/**
 * The state of one MAPI session, shared by every IMAPISession handle on it (several when
 * the session is shared with MAPI_ALLOW_OTHERS): the profile, the store logons (one per
 * store provider, made on first use), and the rows of the message store and status tables,
 * which follow changes of the profile.
 */
export class SessionCore {
  readonly handles = new Set<MapiSession>();
  /** Rows of the message store table (dynamic: message-store-tables.md). */
  readonly storesSource = new MemoryRowSource([]);
  /** Rows of the status table. */
  readonly statusSource = new MemoryRowSource([]);
  /** True once the session is shared (MAPI_ALLOW_OTHERS). */
  shared = false;
  ended = false;
  private readonly logons = new Map<string, Promise<StoreLogon>>();
  private readonly settled = new Map<string, StoreLogon>();
  private readonly rowIds = new Map<string, number>();
  /** Session-only PR_RESOURCE_FLAGS bits by provider key (MAPI_SIMPLE_STORE_TEMPORARY). */
  readonly tempFlags = new Map<string, number>();
  private readonly unlisten: () => void;

  constructor(
    readonly mapi: MapiSubsystem,
    readonly profile: Profile,
    readonly flags: number,
  ) {
    mapi.profiles.sessionStarted(profile);
    mapi.sessionStarted(this);
    this.unlisten = profile.onChange(() => this.refresh());
    this.refresh();
  }

  /** Logged on with MAPI_NO_MAIL. */
  get noMail(): boolean {
    return (this.flags & MAPI_NO_MAIL) !== 0;
  }

  /** Re-reads the store and status rows from the profile; tables on them get TABLE_ROW_* notifications. */
  refresh(): void {
    if (this.ended) return;
    const stores: TableRow[] = [];
    for (const p of this.profile.providers()) {
      if (p.resourceType !== MAPI_STORE_PROVIDER) continue;
      const r = storeRow(this.profile, p, this.tempFlags.get(p.key) ?? 0);
      if (r) stores.push(r);
    }
    sync(this.storesSource, stores);
    sync(
      this.statusSource,
      statusRows({
        profile: this.profile,
        noMail: this.noMail,
        rowId: (key) => {
          let id = this.rowIds.get(key);
          if (id === undefined) {
            id = this.rowIds.size;
            this.rowIds.set(key, id);
          }
          return id;
        },
        extraFlags: (key) => this.tempFlags.get(key) ?? 0,
        // Transport rows show the spooler's view of the transport (status code, last error, methods).
        providerStatus: (p) => (p.resourceType === MAPI_TRANSPORT_PROVIDER ? this.mapi.spooler.transports.statusProps(this.profile, p.key) : []),
      }),
    );
  }

  // ------------------------------------------------------------------ store logons

  /** The store providers of the profile. */
  storeProviders(): ProviderEntry[] {
    return this.profile.providers().filter((p) => p.resourceType === MAPI_STORE_PROVIDER);
  }

  /** Logons made so far. */
  loggedOn(): StoreLogon[] {
    return [...this.settled.values()];
  }

  /** The provider a wrapped store entry ID names: by its profile provider MAPIUID, else by the store MAPIUID it records. */
  findStoreProvider(w: UnwrappedStoreEntryId): ProviderEntry | undefined {
    const providers = this.storeProviders();
    if (w.providerUid) {
      const p = providers.find((x) => bytesEqual(x.uid, w.providerUid as Uint8Array));
      if (p) return p;
    }
    if (w.storeUid && w.storeUid.some((b) => b !== 0)) {
      const uid = w.storeUid;
      const known = this.loggedOn().find((l) => bytesEqual(l.ctx.backend.entryIds.uid, uid));
      if (known && this.profile.provider(known.provider.key)) return known.provider;
      return providers.find((p) => {
        const rk = this.profile.section(p.key)?.get(PROP_ID(PR_RECORD_KEY))?.Value;
        return rk instanceof Uint8Array && bytesEqual(rk, uid);
      });
    }
    return undefined;
  }

  /** Logs on to a store provider once per session (imsprovider-logon.md); later calls get the same logon. */
  logonStore(p: ProviderEntry, flags: number): Promise<StoreLogon> {
    let pending = this.logons.get(p.key);
    if (!pending) {
      pending = this.doLogon(p, flags);
      this.logons.set(p.key, pending);
      // A failed logon is tried again on the next open (the configuration may have been fixed).
      pending.catch(() => {
        if (this.logons.get(p.key) === pending) this.logons.delete(p.key);
      });
    }
    return pending;
  }

  private async doLogon(p: ProviderEntry, flags: number): Promise<StoreLogon> {
    const provider = p.definition?.store;
    if (!provider) throw new MapiError(MAPI_E_LOGON_FAILED, `openMsgStore: provider ${p.key} of the profile has no store provider to log on to (is its service registered?)`);
    let result;
    try {
      result = await provider.logon(this.mapi.storeSupport(), {
        serviceUid: Uint8Array.from(p.service.uid),
        providerUid: Uint8Array.from(p.uid),
        profileSection: mergedSection(this.profile, p),
        flags,
        profileName: this.profile.name,
      });
    } catch (e) {
      // imapisession-openmsgstore.md: with MDB_NO_DIALOG and insufficient configuration, MAPI_E_LOGON_FAILED.
      if (e instanceof MapiError && e.scode === MAPI_E_UNCONFIGURED >>> 0 && flags & MDB_NO_DIALOG) throw new MapiError(MAPI_E_LOGON_FAILED, e.message);
      throw e;
    }
    const uid = result?.backend?.entryIds?.uid;
    if (!(uid instanceof Uint8Array) || uid.length !== 16) throw new EmulatorError(`store provider of ${p.key}: logon must answer { backend, displayName, isNew } with a backend whose entryIds.uid is 16 bytes`);
    const entryId = wrapStoreEntryId(uid, p.uid);
    const ctx = await this.mapi.acquireContext(result.backend, entryId, provider.mdbProvider, result.isNew, result.displayName);
    if (this.ended) {
      this.mapi.releaseContext(ctx);
      throw new MapiError(MAPI_E_INVALID_OBJECT, 'openMsgStore: the session logged off');
    }
    const logon: StoreLogon = { provider: p, ctx, displayName: result.displayName };
    this.settled.set(p.key, logon);
    this.record(p, entryId, uid);
    return logon;
  }

  /** Records the store's entry ID and record key in the provider's section, as store providers do at logon. */
  private record(p: ProviderEntry, entryId: Uint8Array, uid: Uint8Array): void {
    const section = this.profile.section(p.key);
    if (!section) return;
    const old = section.get(PROP_ID(PR_ENTRYID))?.Value;
    if (old instanceof Uint8Array && bytesEqual(old, entryId)) return;
    section.set(PROP_ID(PR_ENTRYID), { ulPropTag: PR_ENTRYID, Value: entryId });
    section.set(PROP_ID(PR_RECORD_KEY), { ulPropTag: PR_RECORD_KEY, Value: Uint8Array.from(uid) });
    this.profile.changed();
  }

  /**
   * The store an object entry ID (folder, message) belongs to, by the store MAPIUID in bytes
   * 4..19: a store this session is logged on to, else the first store provider of the profile
   * whose store it is (logging on to it).
   */
  async routeObject(e: Uint8Array): Promise<StoreLogon | undefined> {
    const uid = e.subarray(4, 20);
    for (const pending of [...this.logons.values()]) {
      const l = await pending.catch(() => undefined);
      if (l && bytesEqual(l.ctx.backend.entryIds.uid, uid)) return l;
    }
    const providers = this.storeProviders();
    const recorded = providers.find((p) => {
      const rk = this.profile.section(p.key)?.get(PROP_ID(PR_RECORD_KEY))?.Value;
      return rk instanceof Uint8Array && bytesEqual(rk, uid);
    });
    const order = recorded ? [recorded, ...providers.filter((p) => p !== recorded)] : providers;
    for (const p of order) {
      if (this.settled.has(p.key)) continue;
      const l = await this.logonStore(p, MDB_NO_DIALOG).catch(() => undefined);
      if (l && bytesEqual(l.ctx.backend.entryIds.uid, uid)) return l;
    }
    return undefined;
  }

  /** Logs on to the store providers not recorded yet, so the message store table lists their real entry IDs; failures are left for openMsgStore to report. */
  async logonUnrecorded(): Promise<void> {
    for (const p of this.storeProviders()) {
      if (this.settled.has(p.key) || this.profile.section(p.key)?.has(PROP_ID(PR_ENTRYID))) continue;
      await this.logonStore(p, MDB_NO_DIALOG).catch(() => undefined);
    }
  }

  // ------------------------------------------------------------------ end

  /** A handle logged off; the last one ends the session. */
  detach(handle: MapiSession): void {
    this.handles.delete(handle);
    if (this.handles.size === 0) this.end();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.unlisten();
    for (const l of this.settled.values()) this.mapi.releaseContext(l.ctx);
    this.settled.clear();
    this.mapi.sessionEnded(this);
    this.mapi.profiles.sessionEnded(this.profile);
  }
}

/** Brings a row source to `rows`: deletes rows gone, adds new ones, replaces changed ones. */
function sync(source: MemoryRowSource, rows: TableRow[]): void {
  const keys = new Set(rows.map((r) => r.key));
  source.batch(() => {
    for (const r of [...source.rows()]) if (!keys.has(r.key)) source.delete(r.key);
    for (const r of rows) {
      const old = source.get(r.key);
      if (!old || !sameProps(old.props, r.props)) source.upsert(r);
    }
  });
}

function sameProps(a: ReadonlyMap<number, SPropValue>, b: ReadonlyMap<number, SPropValue>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, v] of a) {
    const w = b.get(id);
    if (!w || w.ulPropTag !== v.ulPropTag || !valuesEqual(v.Value, w.Value)) return false;
  }
  return true;
}
