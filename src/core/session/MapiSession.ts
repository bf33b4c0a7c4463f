import type { GUID } from '../props/guid.js';
import type { IMAPIProp, IUnknown } from '../props/interfaces.js';
import type { ENTRYID, MAPIUID, SPropValue } from '../props/types.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { AdviseSinkLike, NOTIFICATION } from '../notify/types.js';
import type { IMsgStore } from '../store/interfaces.js';
import type { StoreContext } from '../store/StoreContext.js';
import type { IMAPISession, IMsgServiceAdmin, IProfSect, QueryIdentityResult } from './interfaces.js';
import type { Profile } from './Profile.js';
import { MapiUnknown } from '../props/MapiUnknown.js';
import { checkFlags } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import { openStoreObject } from '../store/MsgStore.js';
import { IID_IMAPISession } from '../generated/guids.js';
import {
  AB_NO_DIALOG,
  fnevCriticalError,
  fnevExtended,
  MAPI_BEST_ACCESS,
  MAPI_DEFERRED_ERRORS,
  MAPI_LOGOFF_SHARED,
  MAPI_LOGOFF_UI,
  MAPI_MODIFY,
  MAPI_UNICODE,
  MDB_NO_DIALOG,
  MDB_NO_MAIL,
  MDB_TEMPORARY,
  MDB_WRITE,
  SHOW_SOFT_DELETES,
} from '../generated/constants.js';
import { PR_ENTRYID, PR_RESOURCE_TYPE } from '../generated/proptags.js';
import { MAPI_SPOOLER, MAPI_TRANSPORT_PROVIDER } from '../generated/constants.js';
import {
  MAPI_E_END_OF_SESSION,
  MAPI_E_INVALID_ENTRYID,
  MAPI_E_INVALID_OBJECT,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NO_SUPPORT,
  MAPI_E_NOT_FOUND,
  MAPI_E_UNKNOWN_ENTRYID,
} from '../generated/scodes.js';
import { IID_IMAPIProp, IID_IMAPIStatus, IID_IMsgStore } from '../generated/guids.js';
import { MAPI_CACHE_ONLY, MAPI_NO_CACHE, MDB_ONLINE } from '../generated/constants.js';
import { checkInterface, makeTable, openProfileSection } from './common.js';
import { MsgServiceAdmin } from './MsgServiceAdmin.js';
import { STATUS_TABLE_COLUMNS, STORE_TABLE_COLUMNS, isStatusEntryId } from './sessionRows.js';
import { StatusObject, type StatusActions } from './StatusObject.js';
import { queryIdentity, setDefaultStore } from './sessionOps.js';
import { isWrappedStoreEntryId, unwrapStoreEntryId } from './storeEntryId.js';
import type { SessionCore, StoreLogon } from './SessionCore.js';
import type { IAddrBook } from '../ab/interfaces.js';
import { endSessionAddressBook, openSessionAddressBook } from '../ab/session.js';
import { IID_IAddrBook } from '../generated/guids.js';

const OPEN_STORE_FLAGS = MAPI_BEST_ACCESS | MAPI_DEFERRED_ERRORS | MDB_NO_DIALOG | MDB_NO_MAIL | MDB_ONLINE | MDB_TEMPORARY | MDB_WRITE;
const OPEN_ENTRY_FLAGS = MAPI_BEST_ACCESS | MAPI_CACHE_ONLY | MAPI_DEFERRED_ERRORS | MAPI_MODIFY | MAPI_NO_CACHE | SHOW_SOFT_DELETES;
/** The openEntry flags a store understands (MAPI_NO_CACHE / MAPI_CACHE_ONLY are for address books). */
const STORE_ENTRY_FLAGS = MAPI_BEST_ACCESS | MAPI_DEFERRED_ERRORS | MAPI_MODIFY | SHOW_SOFT_DELETES;

/** Where an entry ID goes. */
type Route =
  | { kind: 'store'; logonKey: string; unwrapped: ReturnType<typeof unwrapStoreEntryId> }
  | { kind: 'status'; id: Uint8Array }
  | { kind: 'object'; logon: StoreLogon };

/**
 * A MAPI session (IMAPISession): one handle on a {@link SessionCore}. Everything it opened
 * (stores, tables, advise connections) is released by logoff; later calls answer
 * MAPI_E_INVALID_OBJECT (imapisession-logoff.md: "When Logoff returns, none of the methods
 * except for IUnknown::Release can be called").
 * @see imapisessioniunknown.md
 */
export class MapiSession extends MapiUnknown implements IMAPISession {
  readonly interfaceName = 'IMAPISession';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMAPISession];
  private loggedOff = false;
  /** Store objects handed out. */
  private readonly stores = new Set<IMsgStore>();
  /** The session's own store object per store: advise and openEntry of folders and messages go through it. */
  private readonly internal = new Map<StoreContext, IMsgStore>();
  /** Advise connections: through which store object, or null for session-level ones. */
  private readonly connections = new Map<number, IMsgStore | null>();
  private readonly tables = new Set<IMAPITable>();

  constructor(private readonly core: SessionCore) {
    super();
    this.interceptor = core.mapi.gate;
    core.handles.add(this);
  }

  /** The profile of the session (copyMsgService's destination). */
  profileForAdmin(): Profile {
    return this.core.profile;
  }

  /** The subsystem and profile behind the session, for session-scoped services (MAPIOpenFormMgr); undefined once logged off or released. */
  servicesContext(): { mapi: SessionCore['mapi']; profile: Profile } | undefined {
    return this.loggedOff || this.isReleased ? undefined : { mapi: this.core.mapi, profile: this.core.profile };
  }

  protected override invoke<T>(method: string, args: readonly unknown[], impl: () => Promise<T> | T): Promise<T> {
    return super.invoke(method, args, () => {
      if (this.loggedOff) throw new MapiError(MAPI_E_INVALID_OBJECT, `IMAPISession.${method}: the session has logged off`);
      return impl();
    });
  }

  // ------------------------------------------------------------------ stores

  getMsgStoresTable(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getMsgStoresTable', [ulFlags], async () => {
      const unicode = (checkFlags('getMsgStoresTable', ulFlags, MAPI_UNICODE) & MAPI_UNICODE) !== 0;
      await this.core.logonUnrecorded();
      // message-store-tables.md: "The message store table is dynamic."
      return this.track(makeTable(this.core.mapi, this.core.storesSource, STORE_TABLE_COLUMNS, unicode));
    });
  }

  openMsgStore(lpEntryID: ENTRYID, lpInterface: GUID | null, ulFlags = 0): Promise<IMsgStore> {
    return this.invoke('openMsgStore', [lpEntryID, lpInterface, ulFlags], () => this.openStore('openMsgStore', lpEntryID, lpInterface, ulFlags));
  }

  private async openStore(method: string, e: unknown, iid: unknown, ulFlags: unknown): Promise<IMsgStore> {
    // imapisession-openmsgstore.md: "The lpEntryID parameter must not be NULL."
    if (!(e instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: lpEntryID must be a store entry ID`);
    checkInterface(method, iid, [IID_IMsgStore, IID_IMAPIProp]);
    const flags = checkFlags(method, ulFlags, OPEN_STORE_FLAGS);
    const w = unwrapStoreEntryId(e);
    if (!w) throw new MapiError(MAPI_E_INVALID_ENTRYID, `${method}: not a store entry ID`);
    const p = this.core.findStoreProvider(w);
    // "MAPI_E_NOT_FOUND: The message store indicated by lpEntryID does not exist."
    if (!p) throw new MapiError(MAPI_E_NOT_FOUND, `${method}: the profile has no store with this entry ID`);
    const logon = await this.core.logonStore(p, flags);
    this.checkLive(method);
    // imapisession-openmsgstore.md: read-only unless MDB_WRITE (or MAPI_BEST_ACCESS) is asked for and the store allows it.
    const writable = (flags & (MDB_WRITE | MAPI_BEST_ACCESS)) !== 0 && !logon.ctx.backend.readOnly;
    const store: IMsgStore = openStoreObject(logon.ctx, { writable, onLogoff: () => this.stores.delete(store) });
    this.stores.add(store);
    return store;
  }

  // ------------------------------------------------------------------ entry IDs

  openEntry<T extends IUnknown = IMAPIProp>(lpEntryID: ENTRYID, lpInterface: GUID | null, ulFlags = 0): Promise<T> {
    return this.invoke('openEntry', [lpEntryID, lpInterface, ulFlags], async () => {
      if (!(lpEntryID instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'openEntry: lpEntryID must be an entry ID');
      const flags = checkFlags('openEntry', ulFlags, OPEN_ENTRY_FLAGS);
      const route = await this.route('openEntry', lpEntryID);
      if (route.kind === 'store') {
        // imapisession-openentry.md: opening a store this way is OpenMsgStore with MDB_NO_DIALOG, MDB_WRITE for MAPI_MODIFY.
        const storeFlags = MDB_NO_DIALOG | (flags & MAPI_MODIFY ? MDB_WRITE : 0) | (flags & (MAPI_BEST_ACCESS | MAPI_DEFERRED_ERRORS));
        return (await this.openStore('openEntry', lpEntryID, lpInterface, storeFlags)) as unknown as T;
      }
      if (route.kind === 'status') {
        checkInterface('openEntry', lpInterface, [IID_IMAPIStatus, IID_IMAPIProp]);
        const row = [...this.core.statusSource.rows()].find((r) => {
          const id = r.props.get(PROP_ID(PR_ENTRYID))?.Value;
          return id instanceof Uint8Array && id.length === lpEntryID.length && id.every((b, i) => b === lpEntryID[i]);
        });
        if (!row) throw new MapiError(MAPI_E_NOT_FOUND, 'openEntry: the status object no longer exists');
        return new StatusObject(row.props.values(), this.core.mapi.codePage, this.core.mapi.gate, this.statusActions(row.key, row.props.get(PROP_ID(PR_RESOURCE_TYPE))?.Value)) as unknown as T;
      }
      return this.internalStore(route.logon).openEntry<T>(lpEntryID, lpInterface, flags & STORE_ENTRY_FLAGS);
    });
  }

  compareEntryIDs(lpEntryID1: ENTRYID, lpEntryID2: ENTRYID, ulFlags = 0): Promise<boolean> {
    return this.invoke('compareEntryIDs', [lpEntryID1, lpEntryID2, ulFlags], async () => {
      if (!(lpEntryID1 instanceof Uint8Array) || !(lpEntryID2 instanceof Uint8Array)) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'compareEntryIDs: both entry IDs are required');
      }
      // imapisession-compareentryids.md: ulFlags is reserved; must be zero.
      checkFlags('compareEntryIDs', ulFlags, 0);
      const a = await this.route('compareEntryIDs', lpEntryID1);
      const b = await this.route('compareEntryIDs', lpEntryID2);
      if (a.kind === 'store' && b.kind === 'store') return a.logonKey === b.logonKey;
      if (a.kind === 'status' && b.kind === 'status') return a.id.length === b.id.length && a.id.every((x, i) => x === b.id[i]);
      // "MAPI extracts the MAPIUID ... and then calls its logon object's CompareEntryIDs method."
      if (a.kind === 'object' && b.kind === 'object' && a.logon === b.logon) return this.internalStore(a.logon).compareEntryIDs(lpEntryID1, lpEntryID2, 0);
      return false;
    });
  }

  /** Finds who handles an entry ID, or MAPI_E_UNKNOWN_ENTRYID. */
  private async route(method: string, e: Uint8Array): Promise<Route> {
    if (e.length < 20) throw new MapiError(MAPI_E_UNKNOWN_ENTRYID, `${method}: the entry ID is too short to name a provider`);
    if (isWrappedStoreEntryId(e)) {
      const w = unwrapStoreEntryId(e);
      const p = w && this.core.findStoreProvider(w);
      if (!p) throw new MapiError(MAPI_E_UNKNOWN_ENTRYID, `${method}: the store entry ID names no store of this profile`);
      return { kind: 'store', logonKey: p.key, unwrapped: w };
    }
    if (isStatusEntryId(e)) return { kind: 'status', id: e };
    const logon = await this.core.routeObject(e);
    this.checkLive(method);
    // imapisession-openentry.md: MAPI_E_UNKNOWN_ENTRYID "The entry identifier ... is in an unrecognizable format."
    if (!logon) throw new MapiError(MAPI_E_UNKNOWN_ENTRYID, `${method}: no provider of the profile recognizes the entry ID`);
    return { kind: 'object', logon };
  }

  /** The session's own object on a store (writable unless the store is read-only). */
  private internalStore(logon: StoreLogon): IMsgStore {
    let s = this.internal.get(logon.ctx);
    if (!s) {
      s = openStoreObject(logon.ctx, { writable: !logon.ctx.backend.readOnly, onLogoff: () => this.internal.delete(logon.ctx) });
      this.internal.set(logon.ctx, s);
    }
    return s;
  }

  // ------------------------------------------------------------------ notifications

  advise(lpEntryID: ENTRYID | null, ulEventMask: number, lpAdviseSink: AdviseSinkLike): Promise<number> {
    return this.invoke('advise', [lpEntryID, ulEventMask, lpAdviseSink], async () => {
      if (lpEntryID === null || lpEntryID === undefined) {
        // imapisession-advise.md: with a NULL entry ID the target is the session: critical errors
        // (registered automatically) and extended events (sent at logoff).
        if (typeof ulEventMask !== 'number') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'advise: ulEventMask must be a number');
        const mask = (ulEventMask | fnevCriticalError) & (fnevCriticalError | fnevExtended);
        const conn = this.core.mapi.hub.advise(this, mask >>> 0, lpAdviseSink);
        this.connections.set(conn, null);
        return conn;
      }
      if (!(lpEntryID instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'advise: lpEntryID must be an entry ID or null');
      const route = await this.route('advise', lpEntryID);
      // imapisession-advise.md: MAPI_E_NO_SUPPORT when the provider does not support notification.
      if (route.kind === 'status') throw new MapiError(MAPI_E_NO_SUPPORT, 'advise: status objects do not send notifications here');
      const logon = route.kind === 'store' ? await this.core.logonStore(this.providerOf(route.logonKey), MDB_NO_DIALOG) : route.logon;
      this.checkLive('advise');
      const store = this.internalStore(logon);
      // "MAPI calls the Advise method of the logon object that belongs to the responsible service provider."
      const conn = await store.advise(route.kind === 'store' ? null : lpEntryID, ulEventMask, lpAdviseSink);
      this.connections.set(conn, store);
      return conn;
    });
  }

  unadvise(ulConnection: number): Promise<void> {
    return this.invoke('unadvise', [ulConnection], async () => {
      if (typeof ulConnection !== 'number') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'unadvise: ulConnection must be a number');
      if (!this.connections.has(ulConnection)) throw new MapiError(MAPI_E_NOT_FOUND, `unadvise: ${ulConnection} is not a connection made by this session's advise`);
      const store = this.connections.get(ulConnection);
      this.connections.delete(ulConnection);
      if (store) await store.unadvise(ulConnection);
      else this.core.mapi.hub.unadvise(ulConnection);
    });
  }

  // ------------------------------------------------------------------ status and identity

  getStatusTable(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getStatusTable', [ulFlags], () => {
      const unicode = (checkFlags('getStatusTable', ulFlags, MAPI_UNICODE) & MAPI_UNICODE) !== 0;
      return this.track(makeTable(this.core.mapi, this.core.statusSource, STATUS_TABLE_COLUMNS, unicode));
    });
  }

  queryIdentity(): Promise<QueryIdentityResult> {
    return this.invoke('queryIdentity', [], () => queryIdentity(this.core));
  }

  openProfileSection(lpUID: MAPIUID | null, lpInterface: GUID | null, ulFlags = 0): Promise<IProfSect> {
    return this.invoke('openProfileSection', [lpUID, lpInterface, ulFlags], () =>
      openProfileSection(this.core.mapi, this.core.profile, 'openProfileSection', lpUID, lpInterface, ulFlags),
    );
  }

  enumAdrTypes(ulFlags = 0): Promise<string[]> {
    return this.invoke('enumAdrTypes', [ulFlags], () => {
      checkFlags('enumAdrTypes', ulFlags, MAPI_UNICODE);
      // imapisession-enumadrtypes.md: the address types of the active transport providers (none with MAPI_NO_MAIL: mapilogonex.md).
      if (this.core.noMail) return [];
      return this.core.mapi.spooler.addressTypes(this.core.profile);
    });
  }

  setDefaultStore(ulFlags: number, lpEntryID: ENTRYID | null): Promise<void> {
    return this.invoke('setDefaultStore', [ulFlags, lpEntryID], () => setDefaultStore(this.core, ulFlags, lpEntryID));
  }

  adminServices(ulFlags = 0): Promise<IMsgServiceAdmin> {
    return this.invoke('adminServices', [ulFlags], () => {
      checkFlags('adminServices', ulFlags, 0);
      return new MsgServiceAdmin(this.core.mapi, this.core.profile);
    });
  }

  // ------------------------------------------------------------------ logoff

  logoff(ulFlags = 0): Promise<void> {
    return this.invoke('logoff', [ulFlags], () => {
      const flags = checkFlags('logoff', ulFlags, MAPI_LOGOFF_SHARED | MAPI_LOGOFF_UI);
      const hub = this.core.mapi.hub;
      // imapisession-advise.md: sinks advised with a NULL entry ID get fnevExtended when the client logs off.
      hub.notify(this, [{ ulEventType: fnevExtended, ext: { ulEvent: 0, pbEventParameters: new Uint8Array(0) } }]);
      // imapisession-logoff.md: MAPI_LOGOFF_SHARED tells every client of a shared session (ending-a-mapi-session.md: "by sending an error notification").
      if (flags & MAPI_LOGOFF_SHARED && this.core.shared) {
        const end: NOTIFICATION = { ulEventType: fnevCriticalError, err: { lpEntryID: null, scode: MAPI_E_END_OF_SESSION, ulFlags: 0, lpMAPIError: null } };
        for (const h of this.core.handles) if (h !== this) hub.notify(h, [end]);
      }
      this.end();
    });
  }

  /** Releases everything the handle opened and detaches it from the session. */
  private end(): void {
    if (this.loggedOff) return;
    this.loggedOff = true;
    // Store-routed connections end with the session's store objects (released below).
    for (const [conn, store] of [...this.connections]) if (store) this.connections.delete(conn);
    for (const t of this.tables) t.release();
    this.tables.clear();
    // ending-a-mapi-session.md: "Objects that remain open after Logoff is called become invalid".
    for (const s of [...this.stores, ...this.internal.values()]) s.release();
    this.stores.clear();
    this.internal.clear();
    this.core.detach(this);
    // The last handle ended the session: its address-book providers log off.
    if (this.core.ended) endSessionAddressBook(this.core);
  }

  protected override onRelease(): void {
    // A session released without Logoff logs off; its session-level sinks go with the handle.
    this.end();
    this.core.mapi.hub.unadviseSource(this);
    this.connections.clear();
  }

  // ------------------------------------------------------------------ UI and later issues

  showForm(...args: unknown[]): Promise<void> {
    return this.invoke('showForm', args, () => {
      throw new MapiError(MAPI_E_NO_SUPPORT, 'showForm: forms are UI, which the emulator does not have');
    });
  }

  prepareForm(...args: unknown[]): Promise<number> {
    return this.invoke('prepareForm', args, () => {
      throw new MapiError(MAPI_E_NO_SUPPORT, 'prepareForm: forms are UI, which the emulator does not have');
    });
  }

  messageOptions(...args: unknown[]): Promise<void> {
    return this.invoke('messageOptions', args, () => {
      throw new MapiError(MAPI_E_NO_SUPPORT, 'messageOptions: the message options dialog is UI, which the emulator does not have');
    });
  }

  queryDefaultMessageOpt(...args: unknown[]): Promise<SPropValue[]> {
    return this.invoke('queryDefaultMessageOpt', args, () => {
      throw new MapiError(MAPI_E_NO_SUPPORT, 'queryDefaultMessageOpt: per-message transport options come with the transport issue');
    });
  }

  openAddressBook(lpInterface: GUID | null, ulFlags = 0): Promise<IAddrBook> {
    return this.invoke('openAddressBook', [lpInterface, ulFlags], () => {
      checkInterface('openAddressBook', lpInterface, [IID_IAddrBook, IID_IMAPIProp]);
      checkFlags('openAddressBook', ulFlags, AB_NO_DIALOG);
      // imapisession-openaddressbook.md: the address book over the profile's address-book providers (src/core/ab/).
      return openSessionAddressBook(this.core);
    });
  }

  // ------------------------------------------------------------------ helpers

  /** ValidateState / FlushQueues of the spooler's and the transports' status objects: the spooler does them. */
  private statusActions(key: string, resourceType: unknown): StatusActions {
    const spooler = this.core.mapi.spooler;
    const profile = this.core.profile;
    if (resourceType === MAPI_SPOOLER) return { flushQueues: (_target, flags) => spooler.flushQueues(profile, flags) };
    if (resourceType === MAPI_TRANSPORT_PROVIDER) {
      return { validateState: (flags) => spooler.validateState(profile, key, flags), flushQueues: (_target, flags) => spooler.flushQueues(profile, flags) };
    }
    return {};
  }

  private providerOf(key: string) {
    const p = this.core.profile.provider(key);
    if (!p) throw new MapiError(MAPI_E_NOT_FOUND, 'the store provider is no longer in the profile');
    return p;
  }

  private checkLive(method: string): void {
    if (this.loggedOff) throw new MapiError(MAPI_E_INVALID_OBJECT, `IMAPISession.${method}: the session logged off meanwhile`);
  }

  private track(t: IMAPITable): IMAPITable {
    this.tables.add(t);
    return t;
  }
}
