/**
 * The address book over native objects (MAPI-ABI-x64.md §3.1 IAddrBook, IABContainer,
 * IMailUser, IDistList): IAddrBook from IMAPISession::OpenAddressBook, containers, mail users
 * and distribution lists from its OpenEntry.
 *
 * Address lists are in/out (ResolveName, PrepareRecips, ResolveNames): the backend lays the
 * caller's ADRLIST out as MAPI does (one block for the list, one per entry's properties), MAPI
 * replaces entries' property arrays in place, and the backend copies every entry back into
 * the caller's ADRENTRY objects — also when the call fails, as a partial resolution is
 * visible to MAPI callers too — then frees the list with FreePadrlist. String arguments go as
 * UTF-16 when the caller sets MAPI_UNICODE, else as ANSI (the flag tells MAPI which).
 * The dialogs (NewEntry, Address, Details, RecipOptions) answer MAPI_E_NO_SUPPORT, as in the
 * emulator: the backend never opens Outlook UI.
 * @see iaddrbookimapiprop.md
 * @see iabcontainerimapicontainer.md
 */
import type { GUID } from '../../../core/props/guid.js';
import type { IMAPIProp, IUnknown } from '../../../core/props/interfaces.js';
import type { ADRLIST, ENTRYID, ENTRYLIST, SPropTagArray, SPropValue, SRowSet } from '../../../core/props/types.js';
import type { AdviseSinkLike } from '../../../core/notify/types.js';
import type { PartialResult } from '../../../core/store/interfaces.js';
import type { IABContainer, IAddrBook } from '../../../core/ab/interfaces.js';
import { MapiError } from '../../../core/errors/MapiError.js';
import { MAPI_UNICODE } from '../../../core/generated/constants.js';
import { IID_IABContainer, IID_IAddrBook, IID_IDistList, IID_IMAPIContainer, IID_IMAPIProp, IID_IUnknown } from '../../../core/generated/guids.js';
import { MAPI_E_INVALID_PARAMETER } from '../../../core/generated/scodes.js';
import type { Pointer } from '../abi/memory.js';
import { readPropArray } from '../abi/propValue.js';
import { encodeRowSet, readRowSet } from '../abi/rows.js';
import { readFlagList } from '../abi/arrays.js';
import { FlagList as FL } from '../abi/layout.js';
import { IABContainer_VTBL, IAddrBook_VTBL, IDistList_VTBL } from '../com/vtables.js';
import { checkHr } from '../com/hresult.js';
import type { WinRuntime } from './WinRuntime.js';
import type { ArgRef, InArgs } from './InArgs.js';
import { WinMapiProp } from './WinMapiProp.js';
import { WinContainer, partial } from './WinFolder.js';
import { WinUnknown, u32 } from './WinUnknown.js';

/** A string argument: UTF-16 when the caller set MAPI_UNICODE, else ANSI. */
function tstr(a: InArgs, s: string | null | undefined, ulFlags: number | undefined): ArgRef {
  return (u32(ulFlags) & MAPI_UNICODE) !== 0 ? a.wstr(s) : a.astr(s);
}

/** Checks an ADRLIST argument before it is laid out (the emulator's answer for a bad one). */
function adrListArg(list: unknown, where: string): ADRLIST {
  if (!Array.isArray(list) || list.some((e) => !e || typeof e !== 'object' || !Array.isArray((e as { rgPropVals?: unknown }).rgPropVals))) {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: lpAdrList must be an ADRLIST (an array of { rgPropVals })`);
  }
  return list as ADRLIST;
}

/**
 * Calls a method with an in/out ADRLIST: lays `list` out in MAPI memory, runs `call` with its
 * address, copies every entry back into `list` (whatever the HRESULT), frees it with
 * FreePadrlist, and returns the HRESULT.
 */
function withAdrList(rt: WinRuntime, list: ADRLIST, call: (p: Pointer) => number): number {
  const p = encodeRowSet(rt, list.map((e) => e.rgPropVals));
  try {
    const hr = call(p);
    const after = readRowSet(rt.mem, p, rt.codePage);
    after.forEach((row, i) => {
      const entry = list[i];
      if (entry) entry.rgPropVals = row.lpProps;
    });
    return hr;
  } finally {
    rt.lib.FreePadrlist(p);
  }
}

/** IAddrBook. */
export class WinAddrBook extends WinMapiProp implements IAddrBook {
  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IAddrBook_VTBL, 'IAddrBook');
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPIProp, IID_IAddrBook];
  }

  protected override rewrap(ptr: Pointer): WinUnknown {
    return new WinAddrBook(this.rt, ptr);
  }

  /** @see iaddrbook-openentry.md */
  openEntry<T extends IUnknown = IMAPIProp>(lpEntryID: ENTRYID | null, lpInterface: GUID | null, ulFlags = 0): Promise<T> {
    return this.callOpenEntry<T>(lpEntryID, lpInterface, ulFlags);
  }

  /** @see iaddrbook-compareentryids.md */
  compareEntryIDs(lpEntryID1: ENTRYID, lpEntryID2: ENTRYID, ulFlags = 0): Promise<boolean> {
    return this.callCompareEntryIDs(lpEntryID1, lpEntryID2, ulFlags);
  }

  /** @see iaddrbook-advise.md */
  advise(lpEntryID: ENTRYID, ulEventMask: number, lpAdviseSink: AdviseSinkLike): Promise<number> {
    return this.callAdvise(lpEntryID, ulEventMask, lpAdviseSink);
  }

  /** @see iaddrbook-unadvise.md */
  unadvise(ulConnection: number): Promise<void> {
    return this.callUnadvise(ulConnection);
  }

  /** @see iaddrbook-createoneoff.md */
  createOneOff(lpszName: string | null, lpszAdrType: string, lpszAddress: string, ulFlags = 0): Promise<ENTRYID> {
    return this.run('createOneOff', () => {
      const a = this.args();
      const n = tstr(a, lpszName, ulFlags);
      const t = tstr(a, lpszAdrType, ulFlags);
      const d = tstr(a, lpszAddress, ulFlags);
      try {
        const { out } = this.hrOut('CreateOneOff', 2, (c) => [a.p(n), a.p(t), a.p(d), u32(ulFlags), c(0), c(1)]);
        const p = out.ptr(1);
        try {
          return p === null ? new Uint8Array(0) : this.rt.mem.readBytes(p, out.u32(0));
        } finally {
          this.freeBuffer(p);
        }
      } finally {
        a.free();
      }
    });
  }

  /** Dialog: MAPI_E_NO_SUPPORT. @see iaddrbook-newentry.md */
  newEntry(): Promise<ENTRYID> {
    return this.unsupported('newEntry', 'dialogs are not available through the Windows backend');
  }

  /** Resolves the entries of `lpAdrList` in place. @see iaddrbook-resolvename.md */
  resolveName(_ulUIParam: number, ulFlags: number, lpszNewEntryTitle: string | null, lpAdrList: ADRLIST): Promise<void> {
    return this.run('resolveName', () => {
      const list = adrListArg(lpAdrList, 'IAddrBook.resolveName');
      const a = this.args();
      const title = tstr(a, lpszNewEntryTitle, ulFlags);
      try {
        const hr = withAdrList(this.rt, list, (p) => this.raw('ResolveName', 0n, u32(ulFlags), a.p(title), p));
        checkHr(hr, 'IAddrBook::ResolveName', (h) => this.lastErrorText(h));
      } finally {
        a.free();
      }
    });
  }

  /** Dialog: MAPI_E_NO_SUPPORT. @see iaddrbook-address.md */
  address(): Promise<ADRLIST> {
    return this.unsupported('address', 'dialogs are not available through the Windows backend');
  }

  /** Dialog: MAPI_E_NO_SUPPORT. @see iaddrbook-details.md */
  details(): Promise<void> {
    return this.unsupported('details', 'dialogs are not available through the Windows backend');
  }

  /** Dialog: MAPI_E_NO_SUPPORT. @see iaddrbook-recipoptions.md */
  recipOptions(): Promise<void> {
    return this.unsupported('recipOptions', 'dialogs are not available through the Windows backend');
  }

  /** `queryDefaultRecipOpt(lpszAdrType, ulFlags)`. @see iaddrbook-querydefaultrecipopt.md */
  queryDefaultRecipOpt(...args: unknown[]): Promise<SPropValue[]> {
    return this.run('queryDefaultRecipOpt', () => {
      const [adrType, flags] = args as [string | null, number | undefined];
      const a = this.args();
      const t = tstr(a, typeof adrType === 'string' ? adrType : null, flags);
      try {
        const { out } = this.hrOut('QueryDefaultRecipOpt', 2, (c) => [a.p(t), u32(flags), c(0), c(1)]);
        const p = out.ptr(1);
        try {
          return readPropArray(this.rt.mem, p, out.u32(0), this.rt.codePage);
        } finally {
          this.freeBuffer(p);
        }
      } finally {
        a.free();
      }
    });
  }

  private entryIdOut(method: 'GetPAB' | 'GetDefaultDir'): ENTRYID | null {
    const { out } = this.hrOut(method, 2, (c) => [c(0), c(1)]);
    const p = out.ptr(1);
    try {
      return p === null || out.u32(0) === 0 ? null : this.rt.mem.readBytes(p, out.u32(0));
    } finally {
      this.freeBuffer(p);
    }
  }

  private entryIdIn(method: 'SetPAB' | 'SetDefaultDir', lpEntryID: ENTRYID): void {
    const a = this.args();
    const eid = a.bytes(lpEntryID);
    try {
      this.hr(method, lpEntryID?.length ?? 0, a.p(eid));
    } finally {
      a.free();
    }
  }

  /** @see iaddrbook-getpab.md */
  getPAB(): Promise<ENTRYID | null> {
    return this.run('getPAB', () => this.entryIdOut('GetPAB'));
  }

  /** @see iaddrbook-setpab.md */
  setPAB(lpEntryID: ENTRYID): Promise<void> {
    return this.run('setPAB', () => this.entryIdIn('SetPAB', lpEntryID));
  }

  /** @see iaddrbook-getdefaultdir.md */
  getDefaultDir(): Promise<ENTRYID | null> {
    return this.run('getDefaultDir', () => this.entryIdOut('GetDefaultDir'));
  }

  /** @see iaddrbook-setdefaultdir.md */
  setDefaultDir(lpEntryID: ENTRYID): Promise<void> {
    return this.run('setDefaultDir', () => this.entryIdIn('SetDefaultDir', lpEntryID));
  }

  /** The row set is freed with FreeProws. @see iaddrbook-getsearchpath.md */
  getSearchPath(ulFlags = 0): Promise<SRowSet> {
    return this.run('getSearchPath', () => {
      const p = this.hrOut('GetSearchPath', 1, (c) => [u32(ulFlags), c(0)]).out.ptr(0);
      if (p === null) return [];
      try {
        return readRowSet(this.rt.mem, p, this.rt.codePage);
      } finally {
        this.rt.lib.FreeProws(p);
      }
    });
  }

  /** @see iaddrbook-setsearchpath.md */
  setSearchPath(ulFlags: number, lpSearchPath: SRowSet): Promise<void> {
    return this.run('setSearchPath', () => {
      if (!Array.isArray(lpSearchPath) || lpSearchPath.some((r) => !r || !Array.isArray((r as { lpProps?: unknown }).lpProps))) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'IAddrBook.setSearchPath: lpSearchPath must be an SRowSet');
      }
      const p = encodeRowSet(this.rt, lpSearchPath.map((r) => r.lpProps));
      try {
        this.hr('SetSearchPath', u32(ulFlags), p);
      } finally {
        this.rt.lib.FreeProws(p);
      }
    });
  }

  /** Completes the entries of `lpRecipList` in place. @see iaddrbook-preparerecips.md */
  prepareRecips(ulFlags: number, lpPropTagArray: SPropTagArray | null, lpRecipList: ADRLIST): Promise<void> {
    return this.run('prepareRecips', () => {
      const list = adrListArg(lpRecipList, 'IAddrBook.prepareRecips');
      const a = this.args();
      const tags = a.tags(lpPropTagArray);
      try {
        const hr = withAdrList(this.rt, list, (p) => this.raw('PrepareRecips', u32(ulFlags), a.p(tags), p));
        checkHr(hr, 'IAddrBook::PrepareRecips', (h) => this.lastErrorText(h));
      } finally {
        a.free();
      }
    });
  }
}

/** IABContainer (and IDistList, which has the same slots). */
export class WinABContainer extends WinContainer implements IABContainer {
  constructor(rt: WinRuntime, ptr: Pointer, distList = false) {
    super(rt, ptr, distList ? IDistList_VTBL : IABContainer_VTBL, distList ? 'IDistList' : 'IABContainer');
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPIProp, IID_IMAPIContainer, this.interfaceName === 'IDistList' ? IID_IDistList : IID_IABContainer];
  }

  protected override rewrap(ptr: Pointer): WinUnknown {
    return new WinABContainer(this.rt, ptr, this.interfaceName === 'IDistList');
  }

  /** @see iabcontainer-createentry.md */
  createEntry(lpEntryID: ENTRYID, ulCreateFlags = 0): Promise<IMAPIProp> {
    return this.run('createEntry', () => {
      const a = this.args();
      const eid = a.bytes(lpEntryID);
      try {
        const { out } = this.hrOut('CreateEntry', 1, (c) => [lpEntryID?.length ?? 0, a.p(eid), u32(ulCreateFlags), c(0)]);
        return this.wrapOut<IMAPIProp>(out.ptr(0), { iid: IID_IMAPIProp, fallback: 'IMAPIProp' }, 'createEntry');
      } finally {
        a.free();
      }
    });
  }

  /** No progress object is passed (ulUIParam 0). @see iabcontainer-copyentries.md */
  copyEntries(lpEntries: ENTRYLIST, _ulUIParam: number, _lpProgress: unknown, ulFlags = 0): Promise<PartialResult> {
    return this.run('copyEntries', () => {
      const a = this.args();
      const l = a.entryList(lpEntries);
      try {
        return partial(this.hr('CopyEntries', a.p(l), 0n, null, u32(ulFlags)));
      } finally {
        a.free();
      }
    });
  }

  /** @see iabcontainer-deleteentries.md */
  deleteEntries(lpEntries: ENTRYLIST, ulFlags = 0): Promise<PartialResult> {
    return this.run('deleteEntries', () => {
      const a = this.args();
      const l = a.entryList(lpEntries);
      try {
        return partial(this.hr('DeleteEntries', a.p(l), u32(ulFlags)));
      } finally {
        a.free();
      }
    });
  }

  /**
   * Resolves `lpAdrList` in place against this container; resolves to the FlagList
   * (MAPI_UNRESOLVED / MAPI_AMBIGUOUS / MAPI_RESOLVED per entry).
   * @see iabcontainer-resolvenames.md
   */
  resolveNames(lpPropTagArray: SPropTagArray | null, ulFlags: number, lpAdrList: ADRLIST, lpFlagList: number[]): Promise<number[]> {
    return this.run('resolveNames', () => {
      const list = adrListArg(lpAdrList, 'IABContainer.resolveNames');
      if (!Array.isArray(lpFlagList) || lpFlagList.some((f) => typeof f !== 'number')) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'IABContainer.resolveNames: lpFlagList must be an array of flags');
      }
      const a = this.args();
      const tags = a.tags(lpPropTagArray);
      const fl = a.space(FL.header + Math.max(1, lpFlagList.length) * FL.stride);
      try {
        a.commit();
        const flagsPtr = a.p(fl) as Pointer;
        this.rt.mem.writeU32(flagsPtr, FL.cFlags, lpFlagList.length);
        lpFlagList.forEach((f, i) => this.rt.mem.writeU32(flagsPtr, FL.ulFlag + i * FL.stride, f));
        const hr = withAdrList(this.rt, list, (p) => this.raw('ResolveNames', a.p(tags), u32(ulFlags), p, flagsPtr));
        checkHr(hr, `${this.interfaceName}::ResolveNames`, (h) => this.lastErrorText(h));
        return readFlagList(this.rt.mem, flagsPtr);
      } finally {
        a.free();
      }
    });
  }
}
