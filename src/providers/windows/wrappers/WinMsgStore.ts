/**
 * IMsgStore over a native store (MAPI-ABI-x64.md §3.1 IMsgStore).
 * @see imsgstoreimapiprop.md
 */
import type { GUID } from '../../../core/props/guid.js';
import type { IMAPIProp, IUnknown } from '../../../core/props/interfaces.js';
import type { ENTRYID } from '../../../core/props/types.js';
import type { IMAPITable } from '../../../core/table/interfaces.js';
import type { AdviseSinkLike, NOTIFICATION } from '../../../core/notify/types.js';
import type { IMessage, IMsgStore, ReceiveFolder } from '../../../core/store/interfaces.js';
import { IID_IMAPIProp, IID_IMAPITable, IID_IMsgStore, IID_IUnknown } from '../../../core/generated/guids.js';
import type { Pointer } from '../abi/memory.js';
import { IMsgStore_VTBL } from '../com/vtables.js';
import type { WinRuntime } from './WinRuntime.js';
import { WinMapiProp } from './WinMapiProp.js';
import { type WinUnknown, u32, unicode } from './WinUnknown.js';

/** IMsgStore. */
export class WinMsgStore extends WinMapiProp implements IMsgStore {
  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IMsgStore_VTBL, 'IMsgStore');
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPIProp, IID_IMsgStore];
  }

  protected override rewrap(ptr: Pointer): WinUnknown {
    return new WinMsgStore(this.rt, ptr);
  }

  /** @see imsgstore-advise.md */
  advise(lpEntryID: ENTRYID | null, ulEventMask: number, lpAdviseSink: AdviseSinkLike): Promise<number> {
    return this.callAdvise(lpEntryID, ulEventMask, lpAdviseSink);
  }

  /** @see imsgstore-unadvise.md */
  unadvise(ulConnection: number): Promise<void> {
    return this.callUnadvise(ulConnection);
  }

  /** @see imsgstore-compareentryids.md */
  compareEntryIDs(lpEntryID1: ENTRYID, lpEntryID2: ENTRYID, ulFlags = 0): Promise<boolean> {
    return this.callCompareEntryIDs(lpEntryID1, lpEntryID2, ulFlags);
  }

  /** @see imsgstore-openentry.md */
  openEntry<T extends IUnknown = IMAPIProp>(lpEntryID: ENTRYID | null, lpInterface: GUID | null, ulFlags = 0): Promise<T> {
    return this.callOpenEntry<T>(lpEntryID, lpInterface, ulFlags);
  }

  /** @see imsgstore-setreceivefolder.md */
  setReceiveFolder(lpszMessageClass: string | null, ulFlags: number, lpEntryID: ENTRYID | null): Promise<void> {
    return this.run('setReceiveFolder', () => {
      const a = this.args();
      const cls = a.wstr(lpszMessageClass);
      const eid = a.bytes(lpEntryID);
      try {
        this.hr('SetReceiveFolder', a.p(cls), unicode(ulFlags), lpEntryID?.length ?? 0, a.p(eid));
      } finally {
        a.free();
      }
    });
  }

  /** @see imsgstore-getreceivefolder.md */
  getReceiveFolder(lpszMessageClass: string | null, ulFlags = 0): Promise<ReceiveFolder> {
    return this.run('getReceiveFolder', () => {
      const a = this.args();
      const cls = a.wstr(lpszMessageClass);
      try {
        const { out } = this.hrOut('GetReceiveFolder', 3, (c) => [a.p(cls), unicode(ulFlags), c(0), c(1), c(2)]);
        const eid = out.ptr(1);
        const explicit = out.ptr(2);
        try {
          return {
            lpEntryID: eid === null ? new Uint8Array(0) : this.rt.mem.readBytes(eid, out.u32(0)),
            lpszExplicitClass: explicit === null ? '' : this.rt.mem.utf16(explicit),
          };
        } finally {
          this.freeBuffer(eid);
          this.freeBuffer(explicit);
        }
      } finally {
        a.free();
      }
    });
  }

  /** @see imsgstore-getreceivefoldertable.md */
  getReceiveFolderTable(ulFlags = 0): Promise<IMAPITable> {
    return this.run('getReceiveFolderTable', () =>
      this.wrapOut<IMAPITable>(this.hrOut('GetReceiveFolderTable', 1, (c) => [u32(ulFlags), c(0)]).out.ptr(0), { iid: IID_IMAPITable, fallback: 'IMAPITable' }, 'getReceiveFolderTable'),
    );
  }

  /** Resolves to the flags MAPI writes back. @see imsgstore-storelogoff.md */
  storeLogoff(ulFlags: number): Promise<number> {
    return this.run('storeLogoff', () => {
      const f = this.rt.frame(1);
      try {
        this.rt.mem.writeU32(f.cell(0), 0, u32(ulFlags));
        this.hr('StoreLogoff', f.cell(0));
        return f.u32(0);
      } finally {
        f.dispose();
      }
    });
  }

  /** @see imsgstore-abortsubmit.md */
  abortSubmit(lpEntryID: ENTRYID, ulFlags = 0): Promise<void> {
    return this.run('abortSubmit', () => {
      const a = this.args();
      const eid = a.bytes(lpEntryID);
      try {
        this.hr('AbortSubmit', lpEntryID?.length ?? 0, a.p(eid), u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see imsgstore-getoutgoingqueue.md */
  getOutgoingQueue(ulFlags = 0): Promise<IMAPITable> {
    return this.run('getOutgoingQueue', () =>
      this.wrapOut<IMAPITable>(this.hrOut('GetOutgoingQueue', 1, (c) => [u32(ulFlags), c(0)]).out.ptr(0), { iid: IID_IMAPITable, fallback: 'IMAPITable' }, 'getOutgoingQueue'),
    );
  }

  /** @see imsgstore-setlockstate.md */
  setLockState(lpMessage: IMessage, ulLockState: number): Promise<void> {
    return this.run('setLockState', () => {
      this.hr('SetLockState', this.destination(lpMessage, 'setLockState', 'lpMessage'), u32(ulLockState));
    });
  }

  /** @see imsgstore-finishedmsg.md */
  finishedMsg(ulFlags: number, lpEntryID: ENTRYID): Promise<void> {
    return this.run('finishedMsg', () => {
      const a = this.args();
      const eid = a.bytes(lpEntryID);
      try {
        this.hr('FinishedMsg', u32(ulFlags), lpEntryID?.length ?? 0, a.p(eid));
      } finally {
        a.free();
      }
    });
  }

  /** @see imsgstore-notifynewmail.md */
  notifyNewMail(lpNotification: NOTIFICATION): Promise<void> {
    return this.run('notifyNewMail', () => {
      const a = this.args();
      const n = a.notification(lpNotification);
      try {
        this.hr('NotifyNewMail', a.p(n));
      } finally {
        a.free();
      }
    });
  }
}
