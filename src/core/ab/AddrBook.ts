import type { GUID } from '../props/guid.js';
import type { IMAPIProp, IUnknown } from '../props/interfaces.js';
import type { ADRLIST, ENTRYID, SPropTagArray, SPropValue, SRowSet } from '../props/types.js';
import type { AdviseSinkLike } from '../notify/types.js';
import type { AbSession, LocatedContainer } from './AbSession.js';
import type { IAddrBook } from './interfaces.js';
import { MapiProp, checkFlags, checkTagArray } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID, stringTagFor } from '../props/tags.js';
import { IID_IAddrBook, IID_IMAPIProp } from '../generated/guids.js';
import { DT_GLOBAL, MAPI_ADDRBOOK, MAPI_AMBIGUOUS, MAPI_CACHE_ONLY, MAPI_DIALOG, MAPI_RESOLVED, MAPI_SEND_NO_RICH_INFO, MAPI_UNICODE, MAPI_UNRESOLVED } from '../generated/constants.js';
import { PR_AB_DEFAULT_DIR, PR_AB_DEFAULT_PAB, PR_AB_SEARCH_PATH, PR_DISPLAY_NAME, PR_ENTRYID } from '../generated/proptags.js';
import { MAPI_E_AMBIGUOUS_RECIP, MAPI_E_INVALID_PARAMETER, MAPI_E_MISSING_REQUIRED_COLUMN, MAPI_E_NO_SUPPORT, MAPI_E_NOT_FOUND, MAPI_E_UNKNOWN_ENTRYID } from '../generated/scodes.js';
import { checkAdrList, resolveIn } from './AbContainerBase.js';
import { liveInvoke } from './MailUser.js';
import { createOneOffEntryId, isOneOffEntryId, oneOffProps, parseOneOffEntryId } from './oneOff.js';
import { openAbObject } from './open.js';
import { fillEntry, hasEntryId, nameOf, valueFor } from './resolve.js';

/** `display name[TYPE:address]` (one-off-addresses.md) or a bare SMTP address. */
function oneOffAddress(name: string): { displayName: string; type: string; address: string } | undefined {
  const bracket = /^(.*?)\s*\[([^:\]]+):([^\]]+)\]$/.exec(name.trim());
  if (bracket) return { displayName: bracket[1] || bracket[3]!, type: bracket[2]!, address: bracket[3]! };
  // iaddrbook-resolvename.md step 1: an SMTP address (displayname@domain.top-level-domain) gets a one-off entry ID.
  if (/^[^\s@:[\]]+@[^\s@]+\.[^\s@]+$/.test(name.trim())) return { displayName: name.trim(), type: 'SMTP', address: name.trim() };
  return undefined;
}

/**
 * The MAPI address book (IAddrBook): the integrated view of the session's address-book
 * providers. Opened with IMAPISession.openAddressBook.
 * @see iaddrbookimapiprop.md
 */
export class AddrBook extends MapiProp implements IAddrBook {
  readonly interfaceName = 'IAddrBook';
  protected readonly interfaceIds: readonly GUID[] = [IID_IAddrBook, IID_IMAPIProp];
  protected readonly objectType = MAPI_ADDRBOOK;
  private readonly connections = new Set<number>();

  constructor(private readonly ab: AbSession) {
    super(new Map(), { writable: false, codePage: () => ab.mapi.codePage });
    this.interceptor = ab.mapi.gate;
  }

  protected override invoke<T>(method: string, args: readonly unknown[], impl: () => Promise<T> | T): Promise<T> {
    return super.invoke(method, args, () => {
      liveInvoke(this.ab, 'IAddrBook', method);
      return impl();
    });
  }

  protected override onRelease(): void {
    for (const c of this.connections) this.ab.mapi.hub.unadvise(c);
    this.connections.clear();
  }

  openEntry<T extends IUnknown = IMAPIProp>(lpEntryID: ENTRYID | null, lpInterface: GUID | null, ulFlags = 0): Promise<T> {
    return this.invoke('openEntry', [lpEntryID, lpInterface, ulFlags], () => openAbObject<T>(this.ab, 'openEntry', lpEntryID ?? new Uint8Array(0), lpInterface, ulFlags));
  }

  compareEntryIDs(lpEntryID1: ENTRYID, lpEntryID2: ENTRYID, ulFlags = 0): Promise<boolean> {
    return this.invoke('compareEntryIDs', [lpEntryID1, lpEntryID2, ulFlags], () => {
      if (!(lpEntryID1 instanceof Uint8Array) || !(lpEntryID2 instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'compareEntryIDs: both entry IDs are required');
      // iaddrbook-compareentryids.md: ulFlags is reserved; must be zero.
      checkFlags('compareEntryIDs', ulFlags, 0);
      if (isOneOffEntryId(lpEntryID1) || isOneOffEntryId(lpEntryID2)) {
        const a = parseOneOffEntryId(lpEntryID1);
        const b = parseOneOffEntryId(lpEntryID2);
        if (isOneOffEntryId(lpEntryID1) && !a) throw new MapiError(MAPI_E_UNKNOWN_ENTRYID, 'compareEntryIDs: a malformed one-off entry ID');
        if (isOneOffEntryId(lpEntryID2) && !b) throw new MapiError(MAPI_E_UNKNOWN_ENTRYID, 'compareEntryIDs: a malformed one-off entry ID');
        // One-offs name the same recipient when address type and address agree (case-insensitively).
        return !!a && !!b && a.addressType.toUpperCase() === b.addressType.toUpperCase() && a.emailAddress.toUpperCase() === b.emailAddress.toUpperCase();
      }
      const p1 = this.ab.providerOf(lpEntryID1);
      const p2 = this.ab.providerOf(lpEntryID2);
      // "MAPI_E_UNKNOWN_ENTRYID: One or both of the entry identifiers ... are not recognized by any address book provider."
      if (!p1 || !p2) throw new MapiError(MAPI_E_UNKNOWN_ENTRYID, 'compareEntryIDs: no address-book provider of the session recognizes the entry ID');
      return p1 === p2 && this.ab.same(p1, lpEntryID1, lpEntryID2);
    });
  }

  advise(lpEntryID: ENTRYID, ulEventMask: number, lpAdviseSink: AdviseSinkLike): Promise<number> {
    return this.invoke('advise', [lpEntryID, ulEventMask, lpAdviseSink], () => {
      if (!(lpEntryID instanceof Uint8Array) || lpEntryID.length === 0) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'advise: lpEntryID must name an address-book entry');
      if (typeof ulEventMask !== 'number' || ulEventMask === 0) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'advise: ulEventMask must name at least one event');
      this.ab.locate('advise', lpEntryID);
      const conn = this.ab.mapi.hub.advise(this.ab.source(lpEntryID), ulEventMask >>> 0, lpAdviseSink);
      this.connections.add(conn);
      return conn;
    });
  }

  unadvise(ulConnection: number): Promise<void> {
    return this.invoke('unadvise', [ulConnection], () => {
      if (!this.connections.has(ulConnection)) throw new MapiError(MAPI_E_NOT_FOUND, `unadvise: ${String(ulConnection)} is not a connection of this address book`);
      this.connections.delete(ulConnection);
      this.ab.mapi.hub.unadvise(ulConnection);
    });
  }

  createOneOff(lpszName: string | null, lpszAdrType: string, lpszAddress: string, ulFlags = 0): Promise<ENTRYID> {
    return this.invoke('createOneOff', [lpszName, lpszAdrType, lpszAddress, ulFlags], () => {
      // iaddrbook-createoneoff.md: "lpszName ... can be NULL"; the address type and the address "cannot be NULL".
      if (lpszName !== null && lpszName !== undefined && typeof lpszName !== 'string') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'createOneOff: lpszName must be a string or null');
      if (typeof lpszAdrType !== 'string' || lpszAdrType === '') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'createOneOff: lpszAdrType must be a non-empty string');
      if (typeof lpszAddress !== 'string') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'createOneOff: lpszAddress must be a string');
      const flags = checkFlags('createOneOff', ulFlags, MAPI_UNICODE | MAPI_SEND_NO_RICH_INFO);
      return createOneOffEntryId(lpszName ?? '', lpszAdrType, lpszAddress, (flags & MAPI_SEND_NO_RICH_INFO) !== 0);
    });
  }

  newEntry(...args: unknown[]): Promise<ENTRYID> {
    return this.noUi('newEntry', args, 'the new-entry dialog');
  }

  address(...args: unknown[]): Promise<ADRLIST> {
    return this.noUi('address', args, 'the address book dialog');
  }

  details(...args: unknown[]): Promise<void> {
    return this.noUi('details', args, 'the details dialog');
  }

  recipOptions(...args: unknown[]): Promise<void> {
    return this.noUi('recipOptions', args, 'the recipient options dialog');
  }

  queryDefaultRecipOpt(...args: unknown[]): Promise<SPropValue[]> {
    return this.invoke('queryDefaultRecipOpt', args, () => {
      throw new MapiError(MAPI_E_NO_SUPPORT, 'queryDefaultRecipOpt: no address type has per-recipient transport options here');
    });
  }

  private noUi<T>(method: string, args: unknown[], what: string): Promise<T> {
    return this.invoke(method, args, () => {
      throw new MapiError(MAPI_E_NO_SUPPORT, `${method}: ${what} is UI, which the emulator does not have`);
    });
  }

  resolveName(ulUIParam: number, ulFlags: number, lpszNewEntryTitle: string | null, lpAdrList: ADRLIST): Promise<void> {
    return this.invoke('resolveName', [ulUIParam, ulFlags, lpszNewEntryTitle, lpAdrList], () => {
      const flags = checkFlags('resolveName', ulFlags, MAPI_UNICODE | MAPI_CACHE_ONLY | MAPI_DIALOG);
      if (flags & MAPI_DIALOG) throw new MapiError(MAPI_E_NO_SUPPORT, 'resolveName: MAPI_DIALOG asks for a dialog, which the emulator does not have');
      checkAdrList('resolveName', lpAdrList);
      const unicode = (flags & MAPI_UNICODE) !== 0;
      const state: number[] = lpAdrList.map((e) => (hasEntryId(e) ? MAPI_RESOLVED : MAPI_UNRESOLVED));
      lpAdrList.forEach((entry, i) => {
        if (state[i] !== (MAPI_UNRESOLVED as number)) return;
        const one = oneOffAddress(nameOf(entry) ?? '');
        if (!one) return;
        const id = createOneOffEntryId(one.displayName, one.type, one.address);
        const o = parseOneOffEntryId(id)!;
        fillEntry(entry, null, new Map(oneOffProps(id, o).map((p) => [PROP_ID(p.ulPropTag), p])), unicode);
        state[i] = MAPI_RESOLVED;
      });
      // iaddrbook-resolvename.md step 2: each container of PR_AB_SEARCH_PATH in turn, until every entry is resolved or ambiguous.
      for (const c of this.searchPath()) {
        if (!state.includes(MAPI_UNRESOLVED)) break;
        const entries = (c.at.logon.contents(c.record.entryId) ?? []).map((r) => this.ab.entryProps(r));
        resolveIn(entries, null, unicode, lpAdrList, state);
      }
      // "If one or more recipients are unresolved, ResolveName returns MAPI_E_NOT_FOUND" ... ambiguous ones: MAPI_E_AMBIGUOUS_RECIP.
      if (state.includes(MAPI_UNRESOLVED)) throw new MapiError(MAPI_E_NOT_FOUND, 'resolveName: at least one recipient matches no entry of the search path');
      if (state.includes(MAPI_AMBIGUOUS)) throw new MapiError(MAPI_E_AMBIGUOUS_RECIP, 'resolveName: at least one recipient matches more than one entry (and there is no dialog to choose)');
    });
  }

  // ------------------------------------------------------------------ PAB, default directory, search path

  /** A stored container entry ID that still names a container, or undefined. */
  private storedDir(tag: typeof PR_AB_DEFAULT_DIR | typeof PR_AB_DEFAULT_PAB): LocatedContainer | undefined {
    const v = this.ab.setting(tag)?.Value;
    return v instanceof Uint8Array ? this.ab.container(v) : undefined;
  }

  private pab(): LocatedContainer | undefined {
    // iaddrbook-getpab.md: "MAPI selects as the PAB the first container in the address book hierarchy that allows modifications."
    return this.storedDir(PR_AB_DEFAULT_PAB) ?? this.ab.firstModifiable();
  }

  private defaultDir(): LocatedContainer | undefined {
    const set = this.storedDir(PR_AB_DEFAULT_DIR);
    if (set) return set;
    // iaddrbook-getdefaultdir.md: "the first container with names that is not the personal address book (PAB) ... [else] the PAB".
    const pab = this.pab();
    return this.ab.containers().find((c) => c !== pab && !(pab && c.at === pab.at && this.ab.same(c.at, c.record.entryId, pab.record.entryId)) && (c.at.logon.contents(c.record.entryId)?.length ?? 0) > 0) ?? pab;
  }

  private checkContainer(method: string, e: unknown): LocatedContainer {
    if (!(e instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: lpEntryID must be a container entry ID`);
    const l = this.ab.locate(method, e);
    if (l.kind !== 'container') throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: the entry ID does not name an address-book container`);
    return l;
  }

  getPAB(): Promise<ENTRYID | null> {
    return this.invoke('getPAB', [], () => {
      const p = this.pab();
      return p ? Uint8Array.from(p.record.entryId) : null;
    });
  }

  setPAB(lpEntryID: ENTRYID): Promise<void> {
    return this.invoke('setPAB', [lpEntryID], () => {
      const c = this.checkContainer('setPAB', lpEntryID);
      this.ab.store({ ulPropTag: PR_AB_DEFAULT_PAB, Value: Uint8Array.from(c.record.entryId) });
    });
  }

  getDefaultDir(): Promise<ENTRYID | null> {
    return this.invoke('getDefaultDir', [], () => {
      const d = this.defaultDir();
      return d ? Uint8Array.from(d.record.entryId) : null;
    });
  }

  setDefaultDir(lpEntryID: ENTRYID): Promise<void> {
    return this.invoke('setDefaultDir', [lpEntryID], () => {
      const c = this.checkContainer('setDefaultDir', lpEntryID);
      this.ab.store({ ulPropTag: PR_AB_DEFAULT_DIR, Value: Uint8Array.from(c.record.entryId) });
    });
  }

  /** The search path's containers: the stored one (those that still exist), else the default (iaddrbook-getsearchpath.md). */
  private searchPath(): LocatedContainer[] {
    const stored = this.ab.setting(PR_AB_SEARCH_PATH)?.Value;
    if (Array.isArray(stored)) {
      // "GetSearchPath validates this path before it returns it to the caller."
      return stored.filter((e): e is Uint8Array => e instanceof Uint8Array).map((e) => this.ab.container(e)).filter((c): c is LocatedContainer => c !== undefined);
    }
    const out: LocatedContainer[] = [];
    const add = (c: LocatedContainer | undefined) => {
      if (c && !out.includes(c)) out.push(c);
    };
    // 1. "The first container with read/write permission, usually the personal address book (PAB)."
    add(this.ab.firstModifiable());
    // 2. "Every container that has its PR_DISPLAY_TYPE property set to DT_GLOBAL."
    const globals = this.ab.globalContainers(DT_GLOBAL);
    for (const g of globals) add(g);
    // 3. "The container designated as the default, if there are no containers that have the DT_GLOBAL flag set".
    if (globals.length === 0) add(this.defaultDir());
    return out;
  }

  getSearchPath(ulFlags = 0): Promise<SRowSet> {
    return this.invoke('getSearchPath', [ulFlags], () => {
      const unicode = (checkFlags('getSearchPath', ulFlags, MAPI_UNICODE) & MAPI_UNICODE) !== 0;
      return this.searchPath().map((c) => {
        const props = this.ab.containerProps(c);
        return { lpProps: [valueFor(PR_ENTRYID, props), valueFor(stringTagFor(PR_DISPLAY_NAME, unicode), props)] };
      });
    });
  }

  setSearchPath(ulFlags: number, lpSearchPath: SRowSet): Promise<void> {
    return this.invoke('setSearchPath', [ulFlags, lpSearchPath], () => {
      // iaddrbook-setsearchpath.md: ulFlags is reserved; must be zero.
      checkFlags('setSearchPath', ulFlags, 0);
      if (!Array.isArray(lpSearchPath)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'setSearchPath: lpSearchPath must be an SRowSet');
      const ids = lpSearchPath.map((row) => {
        const first = (row as { lpProps?: SPropValue[] } | null)?.lpProps?.[0];
        // "MAPI_E_MISSING_REQUIRED_COLUMN: One of the containers ... did not include its PR_ENTRYID property" (it must be the first).
        if (!first || first.ulPropTag !== PR_ENTRYID || !(first.Value instanceof Uint8Array)) throw new MapiError(MAPI_E_MISSING_REQUIRED_COLUMN, 'setSearchPath: each row must start with PR_ENTRYID');
        return Uint8Array.from(first.Value);
      });
      this.ab.store({ ulPropTag: PR_AB_SEARCH_PATH, Value: ids });
    });
  }

  prepareRecips(ulFlags: number, lpPropTagArray: SPropTagArray | null, lpRecipList: ADRLIST): Promise<void> {
    return this.invoke('prepareRecips', [ulFlags, lpPropTagArray, lpRecipList], () => {
      checkFlags('prepareRecips', ulFlags, MAPI_CACHE_ONLY | MAPI_UNICODE);
      checkTagArray('prepareRecips', lpPropTagArray, true);
      checkAdrList('prepareRecips', lpRecipList);
      for (const entry of lpRecipList) {
        const id = entry.rgPropVals.find((p) => p.ulPropTag === PR_ENTRYID)?.Value;
        if (!(id instanceof Uint8Array)) continue;
        const own = new Map(entry.rgPropVals.map((p) => [PROP_ID(p.ulPropTag), p]));
        let fromAb: Map<number, SPropValue>;
        try {
          fromAb = this.ab.propsOf('prepareRecips', id);
        } catch (e) {
          // An entry no provider knows keeps its own properties.
          if (!(e instanceof MapiError)) throw e;
          fromAb = new Map();
        }
        // iaddrbook-preparerecips.md: "the requested properties are ordered first, followed by any properties that were already present".
        const merged = new Map([...own, ...fromAb]);
        fillEntry(entry, lpPropTagArray ?? [], merged, false);
      }
    });
  }
}
