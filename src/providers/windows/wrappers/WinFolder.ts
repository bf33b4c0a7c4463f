/**
 * IMAPIContainer and IMAPIFolder over a native folder (MAPI-ABI-x64.md §3.1). Strings are
 * passed as UTF-16 with MAPI_UNICODE; MAPI_W_PARTIAL_COMPLETION becomes `warning`.
 * @see imapifolderimapicontainer.md
 */
import type { GUID } from '../../../core/props/guid.js';
import type { IMAPIProgress, IMAPIProp, IUnknown } from '../../../core/props/interfaces.js';
import type { ENTRYID, ENTRYLIST } from '../../../core/props/types.js';
import type { SRestriction } from '../../../core/restriction/types.js';
import type { SSortOrderSet } from '../../../core/table/types.js';
import type { IMAPITable } from '../../../core/table/interfaces.js';
import type { IMAPIContainer, IMAPIFolder, IMessage, PartialResult, SearchCriteria } from '../../../core/store/interfaces.js';
import { IID_IMAPIContainer, IID_IMAPIFolder, IID_IMAPIProp, IID_IMAPITable, IID_IMessage, IID_IUnknown } from '../../../core/generated/guids.js';
import { MAPI_W_PARTIAL_COMPLETION } from '../../../core/generated/scodes.js';
import type { Pointer } from '../abi/memory.js';
import { readRestriction } from '../abi/restriction.js';
import { readEntryList } from '../abi/arrays.js';
import { IMAPIFolder_VTBL } from '../com/vtables.js';
import type { InterfaceLayout } from '../com/layoutTypes.js';
import type { WinRuntime } from './WinRuntime.js';
import { WinMapiProp } from './WinMapiProp.js';
import { type WinUnknown, u32, unicode } from './WinUnknown.js';

/** PartialResult from a success code. */
export function partial(hr: number): PartialResult {
  return hr === MAPI_W_PARTIAL_COMPLETION ? { warning: hr } : {};
}

/** IMAPIContainer: contents and hierarchy tables, openEntry, search criteria. */
export class WinContainer extends WinMapiProp implements IMAPIContainer {
  constructor(rt: WinRuntime, ptr: Pointer, layout: InterfaceLayout, interfaceName: string) {
    super(rt, ptr, layout, interfaceName);
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPIProp, IID_IMAPIContainer];
  }

  protected override rewrap(ptr: Pointer): WinUnknown {
    return new WinContainer(this.rt, ptr, this.layout, this.interfaceName);
  }

  /** @see imapicontainer-getcontentstable.md */
  getContentsTable(ulFlags = 0): Promise<IMAPITable> {
    return this.run('getContentsTable', () =>
      this.wrapOut<IMAPITable>(this.hrOut('GetContentsTable', 1, (c) => [u32(ulFlags), c(0)]).out.ptr(0), { iid: IID_IMAPITable, fallback: 'IMAPITable' }, 'getContentsTable'),
    );
  }

  /** @see imapicontainer-gethierarchytable.md */
  getHierarchyTable(ulFlags = 0): Promise<IMAPITable> {
    return this.run('getHierarchyTable', () =>
      this.wrapOut<IMAPITable>(this.hrOut('GetHierarchyTable', 1, (c) => [u32(ulFlags), c(0)]).out.ptr(0), { iid: IID_IMAPITable, fallback: 'IMAPITable' }, 'getHierarchyTable'),
    );
  }

  /** @see imapicontainer-openentry.md */
  openEntry<T extends IUnknown = IMAPIProp>(lpEntryID: ENTRYID | null, lpInterface: GUID | null, ulFlags = 0): Promise<T> {
    return this.callOpenEntry<T>(lpEntryID, lpInterface, ulFlags);
  }

  /** @see imapicontainer-setsearchcriteria.md */
  setSearchCriteria(lpRestriction: SRestriction | null, lpContainerList: ENTRYLIST | null, ulSearchFlags: number): Promise<void> {
    return this.run('setSearchCriteria', () => {
      const a = this.args();
      const r = a.restriction(lpRestriction);
      const l = a.entryList(lpContainerList);
      try {
        this.hr('SetSearchCriteria', a.p(r), a.p(l), u32(ulSearchFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see imapicontainer-getsearchcriteria.md */
  getSearchCriteria(ulFlags = 0): Promise<SearchCriteria> {
    return this.run('getSearchCriteria', () => {
      const { out } = this.hrOut('GetSearchCriteria', 3, (c) => [u32(ulFlags), c(0), c(1), c(2)]);
      const r = out.ptr(0);
      const l = out.ptr(1);
      try {
        return {
          lpRestriction: r === null ? null : readRestriction(this.rt.mem, r, this.rt.codePage),
          lpContainerList: l === null ? [] : readEntryList(this.rt.mem, l),
          ulSearchState: out.u32(2),
        };
      } finally {
        this.freeBuffer(r);
        this.freeBuffer(l);
      }
    });
  }
}

/** IMAPIFolder. */
export class WinFolder extends WinContainer implements IMAPIFolder {
  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IMAPIFolder_VTBL, 'IMAPIFolder');
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPIProp, IID_IMAPIContainer, IID_IMAPIFolder];
  }

  protected override rewrap(ptr: Pointer): WinUnknown {
    return new WinFolder(this.rt, ptr);
  }

  /** @see imapifolder-createmessage.md */
  createMessage(lpInterface: GUID | null, ulFlags = 0): Promise<IMessage> {
    return this.run('createMessage', () => {
      const a = this.args();
      const iid = a.guid(lpInterface);
      try {
        const { out } = this.hrOut('CreateMessage', 1, (c) => [a.p(iid), u32(ulFlags), c(0)]);
        return this.wrapOut<IMessage>(out.ptr(0), { iid: lpInterface ?? IID_IMessage, fallback: 'IMessage' }, 'createMessage');
      } finally {
        a.free();
      }
    });
  }

  /** @see imapifolder-copymessages.md */
  copyMessages(lpMsgList: ENTRYLIST, lpInterface: GUID | null, lpDestFolder: IMAPIFolder, lpProgress: IMAPIProgress | null, ulFlags = 0): Promise<PartialResult> {
    return this.run('copyMessages', () => {
      const dest = this.destination(lpDestFolder, 'copyMessages', 'lpDestFolder');
      const a = this.args();
      const l = a.entryList(lpMsgList);
      const iid = a.guid(lpInterface);
      const prog = this.beginProgress(lpProgress);
      try {
        return partial(this.hr('CopyMessages', a.p(l), a.p(iid), dest, 0n, prog, u32(ulFlags)));
      } finally {
        this.endProgress(prog);
        a.free();
      }
    });
  }

  /** @see imapifolder-deletemessages.md */
  deleteMessages(lpMsgList: ENTRYLIST, lpProgress: IMAPIProgress | null, ulFlags = 0): Promise<PartialResult> {
    return this.run('deleteMessages', () => {
      const a = this.args();
      const l = a.entryList(lpMsgList);
      const prog = this.beginProgress(lpProgress);
      try {
        return partial(this.hr('DeleteMessages', a.p(l), 0n, prog, u32(ulFlags)));
      } finally {
        this.endProgress(prog);
        a.free();
      }
    });
  }

  /** The name and comment are passed as UTF-16 (MAPI_UNICODE). @see imapifolder-createfolder.md */
  createFolder(ulFolderType: number, lpszFolderName: string, lpszFolderComment: string | null, lpInterface: GUID | null, ulFlags = 0): Promise<IMAPIFolder> {
    return this.run('createFolder', () => {
      const a = this.args();
      const name = a.wstr(lpszFolderName);
      const comment = a.wstr(lpszFolderComment);
      const iid = a.guid(lpInterface);
      try {
        const { out } = this.hrOut('CreateFolder', 1, (c) => [u32(ulFolderType), a.p(name), a.p(comment), a.p(iid), unicode(ulFlags), c(0)]);
        return this.wrapOut<IMAPIFolder>(out.ptr(0), { iid: lpInterface ?? IID_IMAPIFolder, fallback: 'IMAPIFolder' }, 'createFolder');
      } finally {
        a.free();
      }
    });
  }

  /** @see imapifolder-copyfolder.md */
  copyFolder(
    lpEntryID: ENTRYID,
    lpInterface: GUID | null,
    lpDestFolder: IMAPIFolder,
    lpszNewFolderName: string | null,
    lpProgress: IMAPIProgress | null,
    ulFlags = 0,
  ): Promise<PartialResult> {
    return this.run('copyFolder', () => {
      const dest = this.destination(lpDestFolder, 'copyFolder', 'lpDestFolder');
      const a = this.args();
      const eid = a.bytes(lpEntryID);
      const iid = a.guid(lpInterface);
      const name = a.wstr(lpszNewFolderName);
      const prog = this.beginProgress(lpProgress);
      try {
        return partial(this.hr('CopyFolder', lpEntryID?.length ?? 0, a.p(eid), a.p(iid), dest, a.p(name), 0n, prog, unicode(ulFlags)));
      } finally {
        this.endProgress(prog);
        a.free();
      }
    });
  }

  /** @see imapifolder-deletefolder.md */
  deleteFolder(lpEntryID: ENTRYID, lpProgress: IMAPIProgress | null, ulFlags = 0): Promise<PartialResult> {
    return this.run('deleteFolder', () => {
      const a = this.args();
      const eid = a.bytes(lpEntryID);
      const prog = this.beginProgress(lpProgress);
      try {
        return partial(this.hr('DeleteFolder', lpEntryID?.length ?? 0, a.p(eid), 0n, prog, u32(ulFlags)));
      } finally {
        this.endProgress(prog);
        a.free();
      }
    });
  }

  /** @see imapifolder-setreadflags.md */
  setReadFlags(lpMsgList: ENTRYLIST | null, lpProgress: IMAPIProgress | null, ulFlags = 0): Promise<PartialResult> {
    return this.run('setReadFlags', () => {
      const a = this.args();
      const l = a.entryList(lpMsgList);
      const prog = this.beginProgress(lpProgress);
      try {
        return partial(this.hr('SetReadFlags', a.p(l), 0n, prog, u32(ulFlags)));
      } finally {
        this.endProgress(prog);
        a.free();
      }
    });
  }

  /** @see imapifolder-getmessagestatus.md */
  getMessageStatus(lpEntryID: ENTRYID, ulFlags = 0): Promise<number> {
    return this.run('getMessageStatus', () => {
      const a = this.args();
      const eid = a.bytes(lpEntryID);
      try {
        return this.hrOut('GetMessageStatus', 1, (c) => [lpEntryID?.length ?? 0, a.p(eid), u32(ulFlags), c(0)]).out.u32(0);
      } finally {
        a.free();
      }
    });
  }

  /** Resolves to the old status. @see imapifolder-setmessagestatus.md */
  setMessageStatus(lpEntryID: ENTRYID, ulNewStatus: number, ulNewStatusMask: number): Promise<number> {
    return this.run('setMessageStatus', () => {
      const a = this.args();
      const eid = a.bytes(lpEntryID);
      try {
        return this.hrOut('SetMessageStatus', 1, (c) => [lpEntryID?.length ?? 0, a.p(eid), u32(ulNewStatus), u32(ulNewStatusMask), c(0)]).out.u32(0);
      } finally {
        a.free();
      }
    });
  }

  /** @see imapifolder-savecontentssort.md */
  saveContentsSort(lpSortCriteria: SSortOrderSet, ulFlags = 0): Promise<void> {
    return this.run('saveContentsSort', () => {
      const a = this.args();
      const s = a.sortOrder(lpSortCriteria);
      try {
        this.hr('SaveContentsSort', a.p(s), u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see imapifolder-emptyfolder.md */
  emptyFolder(lpProgress: IMAPIProgress | null, ulFlags = 0): Promise<PartialResult> {
    return this.run('emptyFolder', () => {
      const prog = this.beginProgress(lpProgress);
      try {
        return partial(this.hr('EmptyFolder', 0n, prog, u32(ulFlags)));
      } finally {
        this.endProgress(prog);
      }
    });
  }
}
