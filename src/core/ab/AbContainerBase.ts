import type { GUID } from '../props/guid.js';
import type { IMAPIProp, IUnknown } from '../props/interfaces.js';
import type { ADRLIST, ENTRYID, ENTRYLIST, SPropTagArray, SPropValue } from '../props/types.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { TableRow } from '../table/RowSource.js';
import type { PartialResult, SearchCriteria } from '../store/interfaces.js';
import type { AbSession } from './AbSession.js';
import type { IABContainer } from './interfaces.js';
import { MapiProp, checkFlags, checkTagArray } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { IID_IABContainer, IID_IMAPIContainer, IID_IMAPIProp } from '../generated/guids.js';
import {
  AB_NO_DIALOG,
  CONVENIENT_DEPTH,
  CREATE_CHECK_DUP_LOOSE,
  CREATE_CHECK_DUP_STRICT,
  CREATE_REPLACE,
  MAPI_AMBIGUOUS,
  MAPI_CACHE_ONLY,
  MAPI_DEFERRED_ERRORS,
  MAPI_RESOLVED,
  MAPI_UNICODE,
  MAPI_UNRESOLVED,
} from '../generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NO_SUPPORT } from '../generated/scodes.js';
import { liveInvoke } from './MailUser.js';
import { fillEntry, hasEntryId, matchName, nameOf } from './resolve.js';
import { AB_CONTENTS_COLUMNS, AB_HIERARCHY_COLUMNS, entryRow, liveTable } from './tables.js';

const CONTENTS_FLAGS = MAPI_UNICODE | MAPI_DEFERRED_ERRORS;
const HIERARCHY_FLAGS = CONVENIENT_DEPTH | MAPI_UNICODE | MAPI_DEFERRED_ERRORS;
/** Flags of copyEntries (iabcontainer-copyentries.md). */
export const COPY_ENTRIES_FLAGS = AB_NO_DIALOG | CREATE_CHECK_DUP_LOOSE | CREATE_CHECK_DUP_STRICT | CREATE_REPLACE;
/** Flags of createEntry (iabcontainer-createentry.md). */
export const CREATE_ENTRY_FLAGS = CREATE_CHECK_DUP_LOOSE | CREATE_CHECK_DUP_STRICT | CREATE_REPLACE;

/** Checks an ENTRYLIST argument. */
export function checkEntryList(method: string, list: unknown): ENTRYLIST {
  if (!Array.isArray(list) || !list.every((e) => e instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: lpEntries must be an array of entry IDs`);
  return list;
}

/**
 * What every address-book container shares (provider containers, the root container,
 * distribution lists): IMAPIContainer's table and openEntry methods, and ResolveNames over
 * the container's entries. Subclasses say what the entries are.
 * @see iabcontainerimapicontainer.md
 */
export abstract class AbContainerBase extends MapiProp implements IABContainer {
  abstract override readonly interfaceName: string;
  protected readonly interfaceIds: readonly GUID[] = [IID_IABContainer, IID_IMAPIContainer, IID_IMAPIProp];
  protected abstract override readonly objectType: number;

  constructor(
    protected readonly ab: AbSession,
    props: Map<number, SPropValue>,
    writable: boolean,
  ) {
    super(props, { transacted: writable, writable, codePage: () => ab.mapi.codePage });
    this.interceptor = ab.mapi.gate;
  }

  protected override invoke<T>(method: string, args: readonly unknown[], impl: () => Promise<T> | T): Promise<T> {
    return super.invoke(method, args, () => {
      liveInvoke(this.ab, this.interfaceName, method);
      return impl();
    });
  }

  /** The entries the contents table lists and resolveNames matches (property maps with PR_ENTRYID); undefined: no contents (MAPI_E_NO_SUPPORT). */
  protected abstract entries(): Map<number, SPropValue>[] | undefined;

  /** Hierarchy rows (undefined: no hierarchy table, MAPI_E_NO_SUPPORT). */
  protected abstract hierarchy(deep: boolean): TableRow[] | undefined;

  getContentsTable(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getContentsTable', [ulFlags], () => {
      const flags = checkFlags('getContentsTable', ulFlags, CONTENTS_FLAGS);
      if (!this.entries()) throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.getContentsTable: this container holds no recipients`);
      return liveTable(this.ab, () => (this.entries() ?? []).map(entryRow), AB_CONTENTS_COLUMNS, (flags & MAPI_UNICODE) !== 0);
    });
  }

  getHierarchyTable(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getHierarchyTable', [ulFlags], () => {
      const flags = checkFlags('getHierarchyTable', ulFlags, HIERARCHY_FLAGS);
      if (!this.hierarchy(false)) throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.getHierarchyTable: this object has no subcontainers`);
      // imapicontainer-gethierarchytable.md: CONVENIENT_DEPTH fills the table with every container below, with PR_DEPTH.
      const deep = (flags & CONVENIENT_DEPTH) !== 0;
      return liveTable(this.ab, () => this.hierarchy(deep) ?? [], AB_HIERARCHY_COLUMNS, (flags & MAPI_UNICODE) !== 0);
    });
  }

  openEntry<T extends IUnknown = IMAPIProp>(lpEntryID: ENTRYID | null, lpInterface: GUID | null, ulFlags = 0): Promise<T> {
    return this.invoke('openEntry', [lpEntryID, lpInterface, ulFlags], async () => {
      // open.ts builds every kind of address-book object, this class's subclasses included.
      const { openAbObject } = await import('./open.js');
      return openAbObject<T>(this.ab, `${this.interfaceName}.openEntry`, lpEntryID ?? new Uint8Array(0), lpInterface, ulFlags);
    });
  }

  setSearchCriteria(..._args: unknown[]): Promise<void> {
    return this.invoke('setSearchCriteria', _args, () => {
      throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.setSearchCriteria: address-book containers are not search folders`);
    });
  }

  getSearchCriteria(..._args: unknown[]): Promise<SearchCriteria> {
    return this.invoke('getSearchCriteria', _args, () => {
      throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.getSearchCriteria: address-book containers are not search folders`);
    });
  }

  createEntry(lpEntryID: ENTRYID, ulCreateFlags = 0): Promise<IMAPIProp> {
    return this.invoke('createEntry', [lpEntryID, ulCreateFlags], () => {
      if (!(lpEntryID instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${this.interfaceName}.createEntry: lpEntryID must be a template entry ID`);
      const flags = checkFlags('createEntry', ulCreateFlags, CREATE_ENTRY_FLAGS);
      return this.create(lpEntryID, flags);
    });
  }

  copyEntries(lpEntries: ENTRYLIST, ulUIParam: number, lpProgress: unknown, ulFlags = 0): Promise<PartialResult> {
    return this.invoke('copyEntries', [lpEntries, ulUIParam, lpProgress, ulFlags], () => {
      const list = checkEntryList('copyEntries', lpEntries);
      const flags = checkFlags('copyEntries', ulFlags, COPY_ENTRIES_FLAGS);
      return this.copy(list, flags);
    });
  }

  deleteEntries(lpEntries: ENTRYLIST, ulFlags = 0): Promise<PartialResult> {
    return this.invoke('deleteEntries', [lpEntries, ulFlags], () => {
      const list = checkEntryList('deleteEntries', lpEntries);
      // iabcontainer-deleteentries.md: ulFlags is reserved; must be zero.
      checkFlags('deleteEntries', ulFlags, 0);
      return this.remove(list);
    });
  }

  resolveNames(lpPropTagArray: SPropTagArray | null, ulFlags: number, lpAdrList: ADRLIST, lpFlagList: number[]): Promise<number[]> {
    return this.invoke('resolveNames', [lpPropTagArray, ulFlags, lpAdrList, lpFlagList], () => {
      checkTagArray('resolveNames', lpPropTagArray, true);
      const flags = checkFlags('resolveNames', ulFlags, MAPI_UNICODE | MAPI_CACHE_ONLY);
      checkAdrList('resolveNames', lpAdrList);
      if (!Array.isArray(lpFlagList) || lpFlagList.length !== lpAdrList.length) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'resolveNames: lpFlagList must hold one flag per ADRENTRY');
      }
      const entries = this.entries();
      // iabcontainer-resolvenames.md: MAPI_E_NO_SUPPORT "The address book provider does not support bulk name resolution".
      if (!entries) throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.resolveNames: this container holds no recipients`);
      resolveIn(entries, lpPropTagArray ?? null, (flags & MAPI_UNICODE) !== 0, lpAdrList, lpFlagList);
      return lpFlagList;
    });
  }

  protected create(_template: Uint8Array, _flags: number): Promise<IMAPIProp> | IMAPIProp {
    throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.createEntry: the container is not modifiable`);
  }

  protected copy(_list: ENTRYLIST, _flags: number): Promise<PartialResult> | PartialResult {
    throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.copyEntries: the container is not modifiable`);
  }

  protected remove(_list: ENTRYLIST): Promise<PartialResult> | PartialResult {
    throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.deleteEntries: the container is not modifiable`);
  }
}

/** Checks an ADRLIST argument (an array of { rgPropVals: SPropValue[] }). */
export function checkAdrList(method: string, list: unknown): asserts list is ADRLIST {
  if (!Array.isArray(list) || !list.every((e) => typeof e === 'object' && e !== null && Array.isArray((e as { rgPropVals?: unknown }).rgPropVals))) {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: lpAdrList must be an array of ADRENTRY ({ rgPropVals })`);
  }
}

/** Resolves the MAPI_UNRESOLVED entries of an ADRLIST against `entries`, in place. */
export function resolveIn(entries: Map<number, SPropValue>[], tags: readonly number[] | null, unicode: boolean, list: ADRLIST, flagList: number[]): void {
  list.forEach((entry, i) => {
    if (flagList[i] !== MAPI_UNRESOLVED || hasEntryId(entry)) return;
    const name = nameOf(entry);
    if (name === undefined) return;
    const m = matchName(name, entries, (e) => e);
    if (m.kind === 'resolved') {
      fillEntry(entry, tags, m.entry, unicode);
      flagList[i] = MAPI_RESOLVED;
    } else if (m.kind === 'ambiguous') {
      // "When a recipient matches multiple recipients, set its flag to MAPI_AMBIGUOUS and do not change its ADRENTRY structure."
      flagList[i] = MAPI_AMBIGUOUS;
    }
  });
}

