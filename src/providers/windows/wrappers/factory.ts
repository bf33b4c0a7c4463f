/**
 * Chooses the wrapper for an interface pointer MAPI returned: by the interface asked for
 * (lpInterface / riid) when there is one, else by the object type MAPI reported
 * (lpulObjType), else by what the method returns.
 */
import type { GUID } from '../../../core/props/guid.js';
import type { IUnknown } from '../../../core/props/interfaces.js';
import {
  IID_IAddrBook, IID_IABContainer, IID_IAttachment, IID_IDistList, IID_IMailUser, IID_IMAPIContainer, IID_IMAPIFolder, IID_IMAPIForm, IID_IMAPIFormContainer, IID_IMAPIFormInfo, IID_IMAPIFormMgr, IID_IMAPIProp,
  IID_IMAPISession, IID_IMAPIStatus, IID_IMAPITable, IID_IMessage, IID_IMsgServiceAdmin, IID_IMsgServiceAdmin2, IID_IMsgStore,
  IID_IProfAdmin, IID_IProfSect, IID_IProviderAdmin, IID_ISequentialStream, IID_IStream, IID_IStreamDocfile, IID_IUnknown,
} from '../../../core/generated/guids.js';
import {
  MAPI_ABCONT, MAPI_ADDRBOOK, MAPI_ATTACH, MAPI_DISTLIST, MAPI_FOLDER, MAPI_MAILUSER, MAPI_MESSAGE, MAPI_PROFSECT, MAPI_SESSION, MAPI_STATUS,
  MAPI_STORE,
} from '../../../core/generated/constants.js';
import type { Pointer } from '../abi/memory.js';
import { IMailUser_VTBL, IMAPIProp_VTBL, IProfSect_VTBL, IUnknown_VTBL } from '../com/vtables.js';
import { WinABContainer, WinAddrBook } from './WinAddrBook.js';
import { MapiError } from '../../../core/errors/MapiError.js';
import { WinFormContainer, WinFormInfo, WinFormMgr } from './WinForms.js';
import { MAPI_E_NO_SUPPORT } from '../../../core/generated/scodes.js';
import type { WinRuntime, WrapHint } from './WinRuntime.js';
import { WinUnknown } from './WinUnknown.js';
import { WinMapiProp } from './WinMapiProp.js';
import { WinTable } from './WinTable.js';
import { WinStream } from './WinStream.js';
import { WinFolder } from './WinFolder.js';
import { WinAttach, WinMessage } from './WinMessage.js';
import { WinMsgStore } from './WinMsgStore.js';
import { WinSession } from './WinSession.js';
import { WinMsgServiceAdmin, WinProfAdmin, WinProviderAdmin } from './WinAdmin.js';
import { WinStatus } from './WinStatus.js';

/** An interface pointer of an interface with no wrapper of its own yet: IUnknown only. */
class WinOpaque extends WinUnknown {
  constructor(
    rt: WinRuntime,
    ptr: Pointer,
    readonly interfaceName: string,
  ) {
    super(rt, ptr, IUnknown_VTBL);
  }
  protected rewrap(ptr: Pointer): WinUnknown {
    return new WinOpaque(this.rt, ptr, this.interfaceName);
  }
}

type Make = (rt: WinRuntime, p: Pointer) => IUnknown;

const byName: Record<string, Make> = {
  IMAPITable: (rt, p) => new WinTable(rt, p),
  IStream: (rt, p) => new WinStream(rt, p),
  IMAPIFolder: (rt, p) => new WinFolder(rt, p),
  IMessage: (rt, p) => new WinMessage(rt, p),
  IAttach: (rt, p) => new WinAttach(rt, p),
  IMsgStore: (rt, p) => new WinMsgStore(rt, p),
  IMAPISession: (rt, p) => new WinSession(rt, p),
  IProfAdmin: (rt, p) => new WinProfAdmin(rt, p),
  IMsgServiceAdmin: (rt, p) => new WinMsgServiceAdmin(rt, p),
  IProviderAdmin: (rt, p) => new WinProviderAdmin(rt, p),
  IMAPIStatus: (rt, p) => new WinStatus(rt, p),
  IProfSect: (rt, p) => new WinMapiProp(rt, p, IProfSect_VTBL, 'IProfSect'),
  IMAPIProp: (rt, p) => new WinMapiProp(rt, p, IMAPIProp_VTBL, 'IMAPIProp'),
  IAddrBook: (rt, p) => new WinAddrBook(rt, p),
  IABContainer: (rt, p) => new WinABContainer(rt, p),
  IDistList: (rt, p) => new WinABContainer(rt, p, true),
  IMailUser: (rt, p) => new WinMapiProp(rt, p, IMailUser_VTBL, 'IMailUser'),
  IMAPIFormMgr: (rt, p) => new WinFormMgr(rt, p),
  IMAPIFormInfo: (rt, p) => new WinFormInfo(rt, p),
  IMAPIFormContainer: (rt, p) => new WinFormContainer(rt, p),
};

/**
 * Interfaces the backend has no wrapper for: IMAPIForm, whose vtable layout is not in
 * MAPI-ABI-x64.md. An object of one of them is released at once and the call rejects with
 * MAPI_E_NO_SUPPORT (docs/windows.md), rather than handing out a wrapper that has only part of
 * the interface.
 */
const UNSUPPORTED = new Set(['IMAPIForm']);

const byIid: [GUID, string][] = [
  [IID_IMAPITable, 'IMAPITable'],
  [IID_IStream, 'IStream'],
  [IID_ISequentialStream, 'IStream'],
  [IID_IStreamDocfile, 'IStream'],
  [IID_IMAPIFolder, 'IMAPIFolder'],
  [IID_IMAPIContainer, 'IMAPIFolder'],
  [IID_IMessage, 'IMessage'],
  [IID_IAttachment, 'IAttach'],
  [IID_IMsgStore, 'IMsgStore'],
  [IID_IMAPISession, 'IMAPISession'],
  [IID_IProfAdmin, 'IProfAdmin'],
  [IID_IMsgServiceAdmin, 'IMsgServiceAdmin'],
  [IID_IMsgServiceAdmin2, 'IMsgServiceAdmin'],
  [IID_IProviderAdmin, 'IProviderAdmin'],
  [IID_IMAPIStatus, 'IMAPIStatus'],
  [IID_IProfSect, 'IProfSect'],
  [IID_IAddrBook, 'IAddrBook'],
  [IID_IMailUser, 'IMailUser'],
  [IID_IABContainer, 'IABContainer'],
  [IID_IDistList, 'IDistList'],
  [IID_IMAPIFormMgr, 'IMAPIFormMgr'],
  [IID_IMAPIFormInfo, 'IMAPIFormInfo'],
  [IID_IMAPIFormContainer, 'IMAPIFormContainer'],
  [IID_IMAPIForm, 'IMAPIForm'],
];

const byObjType = new Map<number, string>([
  [MAPI_STORE, 'IMsgStore'],
  [MAPI_FOLDER, 'IMAPIFolder'],
  [MAPI_MESSAGE, 'IMessage'],
  [MAPI_ATTACH, 'IAttach'],
  [MAPI_STATUS, 'IMAPIStatus'],
  [MAPI_PROFSECT, 'IProfSect'],
  [MAPI_SESSION, 'IMAPISession'],
  [MAPI_ADDRBOOK, 'IAddrBook'],
  [MAPI_MAILUSER, 'IMailUser'],
  [MAPI_ABCONT, 'IABContainer'],
  [MAPI_DISTLIST, 'IDistList'],
]);

/** The wrapper interface name for a hint. */
export function wrapperNameFor(hint: WrapHint): string {
  if (hint.iid && !hint.iid.equals(IID_IUnknown) && !hint.iid.equals(IID_IMAPIProp)) {
    const hit = byIid.find(([g]) => g.equals(hint.iid as GUID));
    if (hit) return hit[1];
  }
  if (hint.objType !== undefined) {
    const n = byObjType.get(hint.objType);
    if (n) return n;
  }
  if (hint.iid?.equals(IID_IMAPIProp)) return 'IMAPIProp';
  return hint.fallback;
}

/** Installs the factory on a runtime. */
export function installWrapperFactory(rt: WinRuntime): void {
  rt.wrap = (ptr, hint) => {
    const name = wrapperNameFor(hint);
    if (UNSUPPORTED.has(name)) {
      const release = IUnknown_VTBL.methods[2];
      try {
        if (release) rt.call(ptr, rt.vtblOf(ptr), release, []);
      } catch {
        // Releasing is all that can be done with it.
      }
      throw new MapiError(MAPI_E_NO_SUPPORT, `${name}: the Windows backend has no wrapper for this interface yet (docs/windows.md); the object was released`);
    }
    const make = byName[name];
    return make ? make(rt, ptr) : new WinOpaque(rt, ptr, name);
  };
}
