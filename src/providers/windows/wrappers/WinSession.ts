/**
 * IMAPISession over a native session (MAPI-ABI-x64.md §3.1 IMAPISession). The UI methods
 * (ShowForm, PrepareForm, MessageOptions) answer MAPI_E_NO_SUPPORT as the emulator's do:
 * a backend for unattended client code never opens Outlook dialogs.
 * @see imapisessioniunknown.md
 */
import type { GUID } from '../../../core/props/guid.js';
import type { IMAPIProp, IUnknown } from '../../../core/props/interfaces.js';
import type { ENTRYID, MAPIERROR, MAPIUID, SPropValue } from '../../../core/props/types.js';
import type { IMAPITable } from '../../../core/table/interfaces.js';
import type { AdviseSinkLike } from '../../../core/notify/types.js';
import type { IMsgStore } from '../../../core/store/interfaces.js';
import type { IMAPISession, IMsgServiceAdmin, IProfSect, QueryIdentityResult } from '../../../core/session/interfaces.js';
import { MapiError } from '../../../core/errors/MapiError.js';
import { IID_IMAPISession, IID_IMAPITable, IID_IMsgServiceAdmin, IID_IMsgStore, IID_IProfSect, IID_IUnknown } from '../../../core/generated/guids.js';
import { MAPI_W_NO_SERVICE } from '../../../core/generated/scodes.js';
import type { Pointer } from '../abi/memory.js';
import { readMapiError } from '../abi/misc.js';
import { readPropArray } from '../abi/propValue.js';
import { IMAPISession_VTBL } from '../com/vtables.js';
import type { WinRuntime } from './WinRuntime.js';
import { WinUnknown, u32, unicode } from './WinUnknown.js';

/** IMAPISession. */
export class WinSession extends WinUnknown implements IMAPISession {
  readonly interfaceName = 'IMAPISession';

  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IMAPISession_VTBL);
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPISession];
  }

  protected rewrap(ptr: Pointer): WinUnknown {
    return new WinSession(this.rt, ptr);
  }

  private tableOut(method: string, ulFlags: number | undefined): IMAPITable {
    return this.wrapOut<IMAPITable>(this.hrOut(method, 1, (c) => [u32(ulFlags), c(0)]).out.ptr(0), { iid: IID_IMAPITable, fallback: 'IMAPITable' }, method);
  }

  /** @see imapisession-getlasterror.md */
  getLastError(hResult: number, ulFlags = 0): Promise<MAPIERROR | null> {
    return this.run('getLastError', () => {
      const { out } = this.hrOut('GetLastError', 1, (c) => [hResult | 0, unicode(ulFlags), c(0)]);
      const p = out.ptr(0);
      if (p === null) return null;
      try {
        return readMapiError(this.rt.mem, p, true, this.rt.codePage);
      } finally {
        this.rt.alloc.freeBuffer(p);
      }
    });
  }

  /** @see imapisession-getmsgstorestable.md */
  getMsgStoresTable(ulFlags = 0): Promise<IMAPITable> {
    return this.run('getMsgStoresTable', () => this.tableOut('GetMsgStoresTable', ulFlags));
  }

  /** @see imapisession-openmsgstore.md */
  openMsgStore(lpEntryID: ENTRYID, lpInterface: GUID | null, ulFlags = 0): Promise<IMsgStore> {
    return this.run('openMsgStore', () => {
      const a = this.args();
      const eid = a.bytes(lpEntryID);
      const iid = a.guid(lpInterface);
      try {
        const { out } = this.hrOut('OpenMsgStore', 1, (c) => [0n, lpEntryID?.length ?? 0, a.p(eid), a.p(iid), u32(ulFlags), c(0)]);
        return this.wrapOut<IMsgStore>(out.ptr(0), { iid: lpInterface ?? IID_IMsgStore, fallback: 'IMsgStore' }, 'openMsgStore');
      } finally {
        a.free();
      }
    });
  }

  /** @see imapisession-openentry.md */
  openEntry<T extends IUnknown = IMAPIProp>(lpEntryID: ENTRYID, lpInterface: GUID | null, ulFlags = 0): Promise<T> {
    return this.callOpenEntry<T>(lpEntryID, lpInterface, ulFlags);
  }

  /** @see imapisession-compareentryids.md */
  compareEntryIDs(lpEntryID1: ENTRYID, lpEntryID2: ENTRYID, ulFlags = 0): Promise<boolean> {
    return this.callCompareEntryIDs(lpEntryID1, lpEntryID2, ulFlags);
  }

  /** @see imapisession-advise.md */
  advise(lpEntryID: ENTRYID | null, ulEventMask: number, lpAdviseSink: AdviseSinkLike): Promise<number> {
    return this.callAdvise(lpEntryID, ulEventMask, lpAdviseSink);
  }

  /** @see imapisession-unadvise.md */
  unadvise(ulConnection: number): Promise<void> {
    return this.callUnadvise(ulConnection);
  }

  /** @see imapisession-getstatustable.md */
  getStatusTable(ulFlags = 0): Promise<IMAPITable> {
    return this.run('getStatusTable', () => this.tableOut('GetStatusTable', ulFlags));
  }

  /** @see imapisession-queryidentity.md */
  queryIdentity(): Promise<QueryIdentityResult> {
    return this.run('queryIdentity', () => {
      const { hr, out } = this.hrOut('QueryIdentity', 2, (c) => [c(0), c(1)]);
      const p = out.ptr(1);
      try {
        const r: QueryIdentityResult = { lpEntryID: p === null ? new Uint8Array(0) : this.rt.mem.readBytes(p, out.u32(0)) };
        if (hr === MAPI_W_NO_SERVICE) r.warning = hr;
        return r;
      } finally {
        this.rt.alloc.freeBuffer(p);
      }
    });
  }

  /** @see imapisession-openprofilesection.md */
  openProfileSection(lpUID: MAPIUID | null, lpInterface: GUID | null, ulFlags = 0): Promise<IProfSect> {
    return this.run('openProfileSection', () => {
      const a = this.args();
      const uid = a.bytes(lpUID);
      const iid = a.guid(lpInterface);
      try {
        const { out } = this.hrOut('OpenProfileSection', 1, (c) => [a.p(uid), a.p(iid), u32(ulFlags), c(0)]);
        return this.wrapOut<IProfSect>(out.ptr(0), { iid: lpInterface ?? IID_IProfSect, fallback: 'IProfSect' }, 'openProfileSection');
      } finally {
        a.free();
      }
    });
  }

  /** @see imapisession-enumadrtypes.md */
  enumAdrTypes(ulFlags = 0): Promise<string[]> {
    return this.run('enumAdrTypes', () => {
      const { out } = this.hrOut('EnumAdrTypes', 2, (c) => [unicode(ulFlags), c(0), c(1)]);
      const p = out.ptr(1);
      try {
        const n = out.u32(0);
        if (p === null || n === 0) return [];
        const dv = this.rt.mem.view(p, n * 8);
        return Array.from({ length: n }, (_, i) => {
          const s = dv.getBigUint64(i * 8, true);
          return s === 0n ? '' : this.rt.mem.utf16(s);
        });
      } finally {
        this.rt.alloc.freeBuffer(p);
      }
    });
  }

  /** @see imapisession-setdefaultstore.md */
  setDefaultStore(ulFlags: number, lpEntryID: ENTRYID | null): Promise<void> {
    return this.run('setDefaultStore', () => {
      const a = this.args();
      const eid = a.bytes(lpEntryID);
      try {
        this.hr('SetDefaultStore', u32(ulFlags), lpEntryID?.length ?? 0, a.p(eid));
      } finally {
        a.free();
      }
    });
  }

  /** @see imapisession-adminservices.md */
  adminServices(ulFlags = 0): Promise<IMsgServiceAdmin> {
    return this.run('adminServices', () =>
      this.wrapOut<IMsgServiceAdmin>(this.hrOut('AdminServices', 1, (c) => [u32(ulFlags), c(0)]).out.ptr(0), { iid: IID_IMsgServiceAdmin, fallback: 'IMsgServiceAdmin' }, 'adminServices'),
    );
  }

  /** @see imapisession-logoff.md */
  logoff(ulFlags = 0): Promise<void> {
    return this.run('logoff', () => {
      this.hr('Logoff', 0n, u32(ulFlags), 0);
    });
  }

  /** UI only: MAPI_E_NO_SUPPORT. @see imapisession-showform.md */
  showForm(): Promise<void> {
    return this.unsupported('showForm', 'forms UI is not available through the Windows backend');
  }

  /** UI only: MAPI_E_NO_SUPPORT. @see imapisession-prepareform.md */
  prepareForm(): Promise<number> {
    return this.unsupported('prepareForm', 'forms UI is not available through the Windows backend');
  }

  /** UI only: MAPI_E_NO_SUPPORT. @see imapisession-messageoptions.md */
  messageOptions(): Promise<void> {
    return this.unsupported('messageOptions', 'the message options dialog is not available through the Windows backend');
  }

  /**
   * `queryDefaultMessageOpt(lpszAdrType, ulFlags)`: the default per-message options of an
   * address type (the emulator answers MAPI_E_NO_SUPPORT; real MAPI may answer).
   * @see imapisession-querydefaultmessageopt.md
   */
  queryDefaultMessageOpt(...args: unknown[]): Promise<SPropValue[]> {
    return this.run('queryDefaultMessageOpt', () => {
      const [adrType, flags] = args as [string | null, number | undefined];
      const a = this.args();
      const t = a.wstr(typeof adrType === 'string' ? adrType : null);
      try {
        const { out } = this.hrOut('QueryDefaultMessageOpt', 2, (c) => [a.p(t), unicode(flags), c(0), c(1)]);
        const p = out.ptr(1);
        try {
          return readPropArray(this.rt.mem, p, out.u32(0), this.rt.codePage);
        } finally {
          this.rt.alloc.freeBuffer(p);
        }
      } finally {
        a.free();
      }
    });
  }

  /** The address book (an IAddrBook wrapper). @see imapisession-openaddressbook.md */
  openAddressBook(lpInterface: GUID | null, ulFlags = 0): Promise<IUnknown> {
    return this.run('openAddressBook', () => {
      const a = this.args();
      const iid = a.guid(lpInterface);
      try {
        const { out } = this.hrOut('OpenAddressBook', 1, (c) => [0n, a.p(iid), u32(ulFlags), c(0)]);
        return this.wrapOut<IUnknown>(out.ptr(0), { iid: lpInterface, fallback: 'IAddrBook' }, 'openAddressBook');
      } finally {
        a.free();
      }
    });
  }
}
