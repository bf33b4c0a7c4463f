/**
 * The forms interfaces over native form objects (MAPI-ABI-x64.md §3.1 IMAPIFormMgr):
 * IMAPIFormMgr is wrapped slot by slot. The spec gives no vtable for IMAPIFormContainer,
 * IMAPIFormInfo or IMAPIForm, so only what follows from their base interfaces is called:
 * IMAPIFormInfo derives from IMAPIProp (imapiforminfoimapiprop.md), whose 14 slots are in the
 * spec, and IMAPIFormContainer from IUnknown. Their own methods, and the IMAPIFormMgr methods
 * that need one of the missing layouts (LoadForm/CreateForm return IMAPIForm, CalcFormPropSet
 * returns an SMAPIFormPropArray), answer MAPI_E_NO_SUPPORT (docs/windows.md). Message class
 * strings are ANSI, as the interface defines them.
 * @see imapiformmgriunknown.md
 */
import type { GUID } from '../../../core/props/guid.js';
import type { IUnknown } from '../../../core/props/interfaces.js';
import type { MAPIERROR } from '../../../core/props/types.js';
import type { IMAPIFolder } from '../../../core/store/interfaces.js';
import type {
  FormDescription, IMAPIForm, IMAPIFormContainer, IMAPIFormInfo, IMAPIFormMgr, SMAPIFormInfoArray, SMAPIFormPropArray, SMAPIVerbArray,
} from '../../../core/forms/types.js';
import { MapiError } from '../../../core/errors/MapiError.js';
import { IID_IMAPIFormContainer, IID_IMAPIFormInfo, IID_IMAPIFormMgr, IID_IMAPIProp, IID_IUnknown } from '../../../core/generated/guids.js';
import { MAPI_E_INVALID_PARAMETER, S_FALSE } from '../../../core/generated/scodes.js';
import type { Pointer } from '../abi/memory.js';
import { readMapiError } from '../abi/misc.js';
import { IMAPIFormMgr_VTBL, IMAPIProp_VTBL, IUnknown_VTBL } from '../com/vtables.js';
import type { WinRuntime } from './WinRuntime.js';
import { WinMapiProp } from './WinMapiProp.js';
import { WinUnknown, nativePointerOf, u32, unicode } from './WinUnknown.js';

/** Why a form method answers MAPI_E_NO_SUPPORT here. */
const NO_VTABLE = "not available through the Windows backend (the interface's vtable layout is not in MAPI-ABI-x64.md; docs/windows.md)";
const NO_DIALOGS = 'dialogs are not available through the Windows backend';

/** An object argument: the native pointer of one of this backend's wrappers, NULL for null. */
function objectArg(method: string, what: string, x: unknown): Pointer | null {
  if (x === null || x === undefined) return null;
  const p = nativePointerOf(x);
  if (p === null) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: ${what} must be an object of this MAPI (a Windows-backend wrapper) or null`);
  return p;
}

/** A message class argument: a non-empty string (the emulator's check, so both answer alike). */
function classArg(method: string, s: unknown): string {
  if (typeof s !== 'string') throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: the message class must be a string`);
  return s;
}

/** IMAPIFormInfo: IMAPIProp's slots; its own methods answer MAPI_E_NO_SUPPORT. @see imapiforminfoimapiprop.md */
export class WinFormInfo extends WinMapiProp implements IMAPIFormInfo {
  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IMAPIProp_VTBL, 'IMAPIFormInfo');
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPIProp, IID_IMAPIFormInfo];
  }

  protected override rewrap(ptr: Pointer): WinUnknown {
    return new WinFormInfo(this.rt, ptr);
  }

  /** MAPI_E_NO_SUPPORT (slot order not in the spec). @see imapiforminfo-calcformpropset.md */
  calcFormPropSet(): Promise<SMAPIFormPropArray> {
    return this.unsupported('calcFormPropSet', NO_VTABLE);
  }

  /** MAPI_E_NO_SUPPORT (slot order not in the spec). @see imapiforminfo-calcverbset.md */
  calcVerbSet(): Promise<SMAPIVerbArray> {
    return this.unsupported('calcVerbSet', NO_VTABLE);
  }

  /** MAPI_E_NO_SUPPORT. @see imapiforminfo-makeiconfrombinary.md */
  makeIconFromBinary(): Promise<never> {
    return this.unsupported('makeIconFromBinary', NO_VTABLE);
  }

  /** MAPI_E_NO_SUPPORT (slot order not in the spec). @see imapiforminfo-saveform.md */
  saveForm(): Promise<void> {
    return this.unsupported('saveForm', NO_VTABLE);
  }

  /** MAPI_E_NO_SUPPORT (slot order not in the spec). @see imapiforminfo-openformcontainer.md */
  openFormContainer(): Promise<IMAPIFormContainer> {
    return this.unsupported('openFormContainer', NO_VTABLE);
  }
}

/** IMAPIFormContainer: IUnknown's slots; its own methods answer MAPI_E_NO_SUPPORT. @see imapiformcontaineriunknown.md */
export class WinFormContainer extends WinUnknown implements IMAPIFormContainer {
  readonly interfaceName = 'IMAPIFormContainer';

  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IUnknown_VTBL);
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPIFormContainer];
  }

  protected rewrap(ptr: Pointer): WinUnknown {
    return new WinFormContainer(this.rt, ptr);
  }

  /** MAPI_E_NO_SUPPORT. @see imapiformcontainer-getlasterror.md */
  getLastError(): Promise<MAPIERROR | null> {
    return this.unsupported('getLastError', NO_VTABLE);
  }

  /** MAPI_E_NO_SUPPORT. @see imapiformcontainer-installform.md */
  installForm(_ulUIParam: number, _ulFlags: number, _description: FormDescription): Promise<void> {
    return this.unsupported('installForm', NO_VTABLE);
  }

  /** MAPI_E_NO_SUPPORT. @see imapiformcontainer-removeform.md */
  removeForm(): Promise<void> {
    return this.unsupported('removeForm', NO_VTABLE);
  }

  /** MAPI_E_NO_SUPPORT. @see imapiformcontainer-resolvemessageclass.md */
  resolveMessageClass(): Promise<IMAPIFormInfo> {
    return this.unsupported('resolveMessageClass', NO_VTABLE);
  }

  /** MAPI_E_NO_SUPPORT. @see imapiformcontainer-resolvemultiplemessageclasses.md */
  resolveMultipleMessageClasses(): Promise<SMAPIFormInfoArray> {
    return this.unsupported('resolveMultipleMessageClasses', NO_VTABLE);
  }

  /** MAPI_E_NO_SUPPORT. @see imapiformcontainer-calcformpropset.md */
  calcFormPropSet(): Promise<SMAPIFormPropArray> {
    return this.unsupported('calcFormPropSet', NO_VTABLE);
  }

  /** MAPI_E_NO_SUPPORT. @see imapiformcontainer-getdisplay.md */
  getDisplay(): Promise<string> {
    return this.unsupported('getDisplay', NO_VTABLE);
  }
}

/** IMAPIFormMgr (MAPI-ABI-x64.md §3.1, 15 slots). @see imapiformmgriunknown.md */
export class WinFormMgr extends WinUnknown implements IMAPIFormMgr {
  readonly interfaceName = 'IMAPIFormMgr';

  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IMAPIFormMgr_VTBL);
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPIFormMgr];
  }

  protected rewrap(ptr: Pointer): WinUnknown {
    return new WinFormMgr(this.rt, ptr);
  }

  /** @see imapiformmgr-getlasterror.md */
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

  /** MAPI_E_NO_SUPPORT: the IMAPIForm it returns has no vtable layout in the spec. @see imapiformmgr-loadform.md */
  loadForm(): Promise<IMAPIForm> {
    return this.unsupported('loadForm', NO_VTABLE);
  }

  /** @see imapiformmgr-resolvemessageclass.md */
  resolveMessageClass(szMsgClass: string, ulFlags: number, pFolderFocus: IMAPIFolder | null): Promise<IMAPIFormInfo> {
    return this.run('resolveMessageClass', () => {
      const cls = classArg('resolveMessageClass', szMsgClass);
      const folder = objectArg('resolveMessageClass', 'pFolderFocus', pFolderFocus);
      const a = this.args();
      const s = a.astr(cls);
      try {
        const { out } = this.hrOut('ResolveMessageClass', 1, (c) => [a.p(s), u32(ulFlags), folder, c(0)]);
        return this.wrapOut<IMAPIFormInfo>(out.ptr(0), { iid: IID_IMAPIFormInfo, fallback: 'IMAPIFormInfo' }, 'resolveMessageClass');
      } finally {
        a.free();
      }
    });
  }

  /**
   * The SMAPIFormInfoArray MAPI returns is freed with MAPIFreeBuffer; each form information
   * object in it is owned by the wrapper made for it (one reference each, MAPI-ABI-x64.md §6).
   * @see imapiformmgr-resolvemultiplemessageclasses.md
   */
  resolveMultipleMessageClasses(pMsgClasses: readonly string[] | null, ulFlags: number, pFolderFocus: IMAPIFolder | null): Promise<SMAPIFormInfoArray> {
    return this.run('resolveMultipleMessageClasses', () => {
      if (pMsgClasses !== null && pMsgClasses !== undefined && !Array.isArray(pMsgClasses)) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'resolveMultipleMessageClasses: the message class array must be an array of message classes or null');
      }
      const classes = pMsgClasses ? pMsgClasses.map((c) => classArg('resolveMultipleMessageClasses', c)) : null;
      const folder = objectArg('resolveMultipleMessageClasses', 'pFolderFocus', pFolderFocus);
      const a = this.args();
      const arr = a.messageClasses(classes);
      try {
        const { out } = this.hrOut('ResolveMultipleMessageClasses', 1, (c) => [a.p(arr), u32(ulFlags), folder, c(0)]);
        const p = out.ptr(0);
        if (p === null) return [];
        const mem = this.rt.mem;
        const n = mem.u32(p, 0);
        const ptrs: (Pointer | null)[] = [];
        for (let i = 0; i < n; i++) ptrs.push(mem.ptr(p, 8 + i * 8));
        this.rt.alloc.freeBuffer(p);
        return ptrs.map((q) => (q === null ? null : (this.rt.wrap(q, { iid: IID_IMAPIFormInfo, fallback: 'IMAPIFormInfo' }) as IMAPIFormInfo)));
      } finally {
        a.free();
      }
    });
  }

  /** MAPI_E_NO_SUPPORT: the SMAPIFormPropArray layout is not in the spec. @see imapiformmgr-calcformpropset.md */
  calcFormPropSet(): Promise<SMAPIFormPropArray> {
    return this.unsupported('calcFormPropSet', NO_VTABLE);
  }

  /** MAPI_E_NO_SUPPORT: the IMAPIForm it returns has no vtable layout in the spec. @see imapiformmgr-createform.md */
  createForm(): Promise<IMAPIForm> {
    return this.unsupported('createForm', NO_VTABLE);
  }

  /** A dialog: MAPI_E_NO_SUPPORT, as in the emulator. @see imapiformmgr-selectform.md */
  selectForm(): Promise<IMAPIFormInfo> {
    return this.unsupported('selectForm', NO_DIALOGS);
  }

  /** A dialog: MAPI_E_NO_SUPPORT, as in the emulator. @see imapiformmgr-selectmultipleforms.md */
  selectMultipleForms(): Promise<SMAPIFormInfoArray> {
    return this.unsupported('selectMultipleForms', NO_DIALOGS);
  }

  /** A dialog: MAPI_E_NO_SUPPORT, as in the emulator. @see imapiformmgr-selectformcontainer.md */
  selectFormContainer(): Promise<IMAPIFormContainer> {
    return this.unsupported('selectFormContainer', NO_DIALOGS);
  }

  /** @see imapiformmgr-openformcontainer.md */
  openFormContainer(hfrmreg: number, lpunk: IUnknown | null): Promise<IMAPIFormContainer> {
    return this.run('openFormContainer', () => {
      const unk = objectArg('openFormContainer', 'lpunk', lpunk);
      const { out } = this.hrOut('OpenFormContainer', 1, (c) => [u32(hfrmreg), unk, c(0)]);
      return this.wrapOut<IMAPIFormContainer>(out.ptr(0), { fallback: 'IMAPIFormContainer' }, 'openFormContainer');
    });
  }

  /** @see imapiformmgr-prepareform.md */
  prepareForm(ulUIParam: number, ulFlags: number, pfrmiInfo: IMAPIFormInfo): Promise<void> {
    return this.run('prepareForm', () => {
      const info = objectArg('prepareForm', 'pfrmiInfo', pfrmiInfo);
      this.hr('PrepareForm', BigInt(ulUIParam ?? 0), u32(ulFlags), info);
    });
  }

  /** S_OK → true, S_FALSE → false. @see imapiformmgr-isinconflict.md */
  isInConflict(ulMessageFlags: number, ulMessageStatus: number, szMessageClass: string, pFolderFocus: IMAPIFolder | null): Promise<boolean> {
    return this.run('isInConflict', () => {
      if (!Number.isInteger(ulMessageFlags) || !Number.isInteger(ulMessageStatus)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'isInConflict: ulMessageFlags and ulMessageStatus must be numbers');
      const cls = classArg('isInConflict', szMessageClass);
      const folder = objectArg('isInConflict', 'pFolderFocus', pFolderFocus);
      const a = this.args();
      const s = a.astr(cls);
      try {
        return this.hr('IsInConflict', u32(ulMessageFlags), u32(ulMessageStatus), a.p(s), folder) !== S_FALSE;
      } finally {
        a.free();
      }
    });
  }
}
