import { MapiError } from '../errors/MapiError.js';
import { MapiUnknown, type CallInterceptor } from '../props/MapiUnknown.js';
import { checkFlags } from '../props/MapiProp.js';
import { GUID } from '../props/guid.js';
import { HexFromBin } from '../props/util/hex.js';
import { PROP_TYPE } from '../props/tags.js';
import type { IUnknown } from '../props/interfaces.js';
import type { IMAPIFolder, IMessage } from '../store/interfaces.js';
import type { IMAPISession } from '../session/interfaces.js';
import { MapiSession } from '../session/MapiSession.js';
import { IID_IMAPIFolder, IID_IMAPIForm, IID_IMAPIFormMgr, IID_IUnknown } from '../generated/guids.js';
import { MAPI_DIALOG, MAPI_UNICODE, MSGSTATUS_IN_CONFLICT } from '../generated/constants.js';
import { PT_ERROR } from '../generated/proptypes.js';
import { PR_DISPLAY_NAME_W, PR_ENTRYID, PR_MESSAGE_CLASS_W, PR_RECORD_KEY, PR_STORE_RECORD_KEY } from '../generated/proptags.js';
import { MAPI_E_INTERFACE_NOT_SUPPORTED, MAPI_E_INVALID_OBJECT, MAPI_E_INVALID_PARAMETER, MAPI_E_NO_SUPPORT, MAPI_E_NOT_FOUND } from '../generated/scodes.js';
import { FORMPROPSET_INTERSECTION, HFRMREG_DEFAULT, HFRMREG_FOLDER, HFRMREG_LOCAL, HFRMREG_PERSONAL, MAPIFORM_EXACTMATCH } from './constants.js';
import { MapiForm } from './Form.js';
import { MapiFormContainer, checkClass, checkClassArray } from './FormContainer.js';
import { MapiFormInfo, formPropArray } from './FormInfo.js';
import { FormRegistry, classChain, combinePropSets, type InstalledForm } from './registry.js';
import type { IMAPIForm, IMAPIFormContainer, IMAPIFormInfo, IMAPIFormMgr, SMAPIFormInfoArray, SMAPIFormPropArray } from './types.js';

type Services = NonNullable<ReturnType<MapiSession['servicesContext']>>;

/** The form libraries of the process: local ones per subsystem, personal ones per profile, folder ones per subsystem and folder. */
const localLibraries = new WeakMap<object, FormRegistry>();
const personalLibraries = new WeakMap<object, FormRegistry>();
const folderLibraries = new WeakMap<object, Map<string, FormRegistry>>();

function localLibrary(mapi: object): FormRegistry {
  let r = localLibraries.get(mapi);
  if (!r) localLibraries.set(mapi, (r = new FormRegistry('local', 'Local Forms')));
  return r;
}

function personalLibrary(profile: object): FormRegistry {
  let r = personalLibraries.get(profile);
  if (!r) personalLibraries.set(profile, (r = new FormRegistry('personal', 'Personal Forms')));
  return r;
}

function isFolder(x: unknown): x is IMAPIFolder {
  return typeof x === 'object' && x !== null && typeof (x as IMAPIFolder).getProps === 'function' && typeof (x as IMAPIFolder).createMessage === 'function';
}

function checkFolderFocus(method: string, f: unknown): asserts f is IMAPIFolder | null {
  if (f !== null && !isFolder(f)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: pFolderFocus must be an IMAPIFolder or null`);
}

function checkFormInfo(method: string, what: string, x: unknown): asserts x is MapiFormInfo {
  if (!(x instanceof MapiFormInfo)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: ${what} must be a form information object from this form manager`);
}

function checkIid(method: string, iid: unknown): void {
  if (!(iid instanceof GUID)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: the interface identifier must not be null`);
  if (!iid.equals(IID_IMAPIForm) && !iid.equals(IID_IUnknown)) throw new MapiError(MAPI_E_INTERFACE_NOT_SUPPORTED, `${method}: form objects answer IID_IMAPIForm, not ${iid.toString()}`);
}

/**
 * The form manager (IMAPIFormMgr) of a session: resolves message classes to forms through the
 * local library, the library of the folder in focus and the personal library, in that order
 * (imapiformmgr-resolvemessageclass.md), and starts forms whose behaviour is JavaScript.
 * @see imapiformmgriunknown.md
 */
export class MapiFormMgr extends MapiUnknown implements IMAPIFormMgr {
  readonly interfaceName = 'IMAPIFormMgr';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMAPIFormMgr];

  constructor(
    private readonly session: MapiSession,
    private readonly services: Services,
  ) {
    super();
    this.interceptor = services.mapi.gate as CallInterceptor;
  }

  protected override invoke<T>(method: string, args: readonly unknown[], impl: () => Promise<T> | T): Promise<T> {
    return super.invoke(method, args, () => {
      if (!this.session.servicesContext()) throw new MapiError(MAPI_E_INVALID_OBJECT, `IMAPIFormMgr.${method}: the session has logged off`);
      return impl();
    });
  }

  private container(registry: FormRegistry): MapiFormContainer {
    return new MapiFormContainer(registry, this.services.mapi.codePage, this.interceptor);
  }

  /** The library of a folder, keyed by its store's and its own record keys. */
  private async folderLibrary(folder: IMAPIFolder): Promise<FormRegistry> {
    const [eid, rk, srk, name] = await folder.getProps([PR_ENTRYID, PR_RECORD_KEY, PR_STORE_RECORD_KEY, PR_DISPLAY_NAME_W], MAPI_UNICODE);
    const bytes = (v: typeof eid) => (v && PROP_TYPE(v.ulPropTag) !== PT_ERROR && v.Value instanceof Uint8Array ? HexFromBin(v.Value) : '');
    const key = `${bytes(srk)}:${bytes(rk) || bytes(eid)}`;
    let all = folderLibraries.get(this.services.mapi);
    if (!all) folderLibraries.set(this.services.mapi, (all = new Map()));
    let r = all.get(key);
    if (!r) {
      const display = name && PROP_TYPE(name.ulPropTag) !== PT_ERROR && typeof name.Value === 'string' ? name.Value : 'Folder Forms';
      all.set(key, (r = new FormRegistry('folder', display)));
    }
    return r;
  }

  /** The containers searched, in order: local, the folder in focus, personal. */
  private async searchOrder(folder: IMAPIFolder | null): Promise<MapiFormContainer[]> {
    const out = [this.container(localLibrary(this.services.mapi))];
    if (folder) out.push(this.container(await this.folderLibrary(folder)));
    out.push(this.container(personalLibrary(this.services.profile)));
    return out;
  }

  /** The most specific class of the chain any container has, searching the containers in order for each class. */
  private async resolveIn(messageClass: string, exact: boolean, folder: IMAPIFolder | null): Promise<MapiFormInfo | undefined> {
    const containers = await this.searchOrder(folder);
    for (const c of classChain(messageClass, exact)) {
      for (const container of containers) {
        const form = container.registry.get(c);
        if (form) return container.info(form);
      }
    }
    return undefined;
  }

  loadForm(
    ulUIParam: number,
    ulFlags: number,
    lpszMessageClass: string | null,
    ulMessageStatus: number,
    ulMessageFlags: number,
    pFolderFocus: IMAPIFolder | null,
    pMessageSite: IUnknown | null,
    pmsg: IMessage | null,
    pViewContext: IUnknown | null,
    riid: GUID,
  ): Promise<IMAPIForm> {
    const args = [ulUIParam, ulFlags, lpszMessageClass, ulMessageStatus, ulMessageFlags, pFolderFocus, pMessageSite, pmsg, pViewContext, riid];
    return this.invoke('loadForm', args, async () => {
      const flags = checkFlags('loadForm', ulFlags, MAPI_DIALOG | MAPIFORM_EXACTMATCH);
      if (flags & MAPI_DIALOG) throw new MapiError(MAPI_E_NO_SUPPORT, 'loadForm: MAPI_DIALOG needs a user interface, which the emulator does not have');
      if (lpszMessageClass !== null) checkClass('loadForm', lpszMessageClass);
      checkFolderFocus('loadForm', pFolderFocus);
      if (typeof pmsg !== 'object' || pmsg === null || typeof pmsg.getProps !== 'function') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'loadForm: pmsg must be the message to show');
      checkIid('loadForm', riid);
      // imapiformmgr-loadform.md: "If NULL is passed in the lpszMessageClass parameter, the message class is determined from the message".
      let messageClass = lpszMessageClass;
      if (messageClass === null) {
        const [v] = await pmsg.getProps([PR_MESSAGE_CLASS_W], MAPI_UNICODE);
        messageClass = v && PROP_TYPE(v.ulPropTag) !== PT_ERROR && typeof v.Value === 'string' && v.Value !== '' ? v.Value : 'IPM';
      }
      const info = await this.resolveIn(messageClass, (flags & MAPIFORM_EXACTMATCH) !== 0, pFolderFocus);
      if (!info) throw new MapiError(MAPI_E_NOT_FOUND, `loadForm: no form handles ${messageClass}`);
      return new MapiForm(info, { message: pmsg, folder: pFolderFocus, viewContext: pViewContext }, this.interceptor);
    });
  }

  resolveMessageClass(szMsgClass: string, ulFlags: number, pFolderFocus: IMAPIFolder | null): Promise<IMAPIFormInfo> {
    return this.invoke('resolveMessageClass', [szMsgClass, ulFlags, pFolderFocus], async () => {
      checkClass('resolveMessageClass', szMsgClass);
      const flags = checkFlags('resolveMessageClass', ulFlags, MAPIFORM_EXACTMATCH);
      checkFolderFocus('resolveMessageClass', pFolderFocus ?? null);
      const info = await this.resolveIn(szMsgClass, (flags & MAPIFORM_EXACTMATCH) !== 0, pFolderFocus ?? null);
      // imapiformmgr-resolvemessageclass.md: MAPI_E_NOT_FOUND when no form in the library matches.
      if (!info) throw new MapiError(MAPI_E_NOT_FOUND, `resolveMessageClass: no form handles ${szMsgClass}`);
      return info;
    });
  }

  resolveMultipleMessageClasses(pMsgClasses: readonly string[] | null, ulFlags: number, pFolderFocus: IMAPIFolder | null): Promise<SMAPIFormInfoArray> {
    return this.invoke('resolveMultipleMessageClasses', [pMsgClasses, ulFlags, pFolderFocus], async () => {
      checkClassArray('resolveMultipleMessageClasses', pMsgClasses);
      const flags = checkFlags('resolveMultipleMessageClasses', ulFlags, MAPIFORM_EXACTMATCH);
      checkFolderFocus('resolveMultipleMessageClasses', pFolderFocus ?? null);
      if (pMsgClasses === null) {
        // Every form of the libraries searched; a class in two libraries answers with the first one's form.
        const seen = new Set<string>();
        const out: IMAPIFormInfo[] = [];
        for (const container of await this.searchOrder(pFolderFocus ?? null)) {
          for (const f of container.registry.all()) {
            const key = f.description.messageClass.toLowerCase();
            if (!seen.has(key)) {
              seen.add(key);
              out.push(container.info(f));
            }
          }
        }
        return out;
      }
      const out: SMAPIFormInfoArray = [];
      for (const c of pMsgClasses) out.push((await this.resolveIn(c, (flags & MAPIFORM_EXACTMATCH) !== 0, pFolderFocus ?? null)) ?? null);
      return out;
    });
  }

  calcFormPropSet(pfrminfoarray: readonly IMAPIFormInfo[], ulFlags = 0): Promise<SMAPIFormPropArray> {
    return this.invoke('calcFormPropSet', [pfrminfoarray, ulFlags], () => {
      if (!Array.isArray(pfrminfoarray)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'calcFormPropSet: pfrminfoarray must be an array of form information objects');
      pfrminfoarray.forEach((f, i) => checkFormInfo('calcFormPropSet', `pfrminfoarray[${i}]`, f));
      const flags = checkFlags('calcFormPropSet', ulFlags, FORMPROPSET_INTERSECTION | MAPI_UNICODE);
      const unicode = (flags & MAPI_UNICODE) !== 0;
      const forms = (pfrminfoarray as readonly MapiFormInfo[]).map((f) => f.form);
      return combinePropSets(forms.map((f: InstalledForm) => formPropArray(f, unicode)), (flags & FORMPROPSET_INTERSECTION) !== 0);
    });
  }

  createForm(ulUIParam: number, ulFlags: number, pfrminfoToActivate: IMAPIFormInfo, refiidToAsk: GUID): Promise<IMAPIForm> {
    return this.invoke('createForm', [ulUIParam, ulFlags, pfrminfoToActivate, refiidToAsk], () => {
      const flags = checkFlags('createForm', ulFlags, MAPI_DIALOG);
      if (flags & MAPI_DIALOG) throw new MapiError(MAPI_E_NO_SUPPORT, 'createForm: MAPI_DIALOG needs a user interface, which the emulator does not have');
      checkFormInfo('createForm', 'pfrminfoToActivate', pfrminfoToActivate);
      checkIid('createForm', refiidToAsk);
      // imapiformmgr-createform.md: the viewer then gives the form a message (IPersistMessage), which the emulator does not model: the form has none.
      return new MapiForm(pfrminfoToActivate, { message: null, folder: null, viewContext: null }, this.interceptor);
    });
  }

  selectForm(ulUIParam: number, ulFlags: number, pszTitle: string | null, pfld: IMAPIFolder | null): Promise<IMAPIFormInfo> {
    return this.invoke('selectForm', [ulUIParam, ulFlags, pszTitle, pfld], () => {
      throw new MapiError(MAPI_E_NO_SUPPORT, 'selectForm: a dialog box is user interface, which the emulator does not have');
    });
  }

  selectMultipleForms(ulUIParam: number, ulFlags: number, pszTitle: string | null, pfld: IMAPIFolder | null, pfrminfoarray: SMAPIFormInfoArray | null): Promise<SMAPIFormInfoArray> {
    return this.invoke('selectMultipleForms', [ulUIParam, ulFlags, pszTitle, pfld, pfrminfoarray], () => {
      throw new MapiError(MAPI_E_NO_SUPPORT, 'selectMultipleForms: a dialog box is user interface, which the emulator does not have');
    });
  }

  selectFormContainer(ulUIParam: number, ulFlags: number): Promise<IMAPIFormContainer> {
    return this.invoke('selectFormContainer', [ulUIParam, ulFlags], () => {
      throw new MapiError(MAPI_E_NO_SUPPORT, 'selectFormContainer: a dialog box is user interface, which the emulator does not have');
    });
  }

  openFormContainer(hfrmreg: number, lpunk: IUnknown | null): Promise<IMAPIFormContainer> {
    return this.invoke('openFormContainer', [hfrmreg, lpunk], async () => {
      // imapiformmgr-openformcontainer.md: "lpunk must be null unless the value for the hfrmreg parameter requires an object pointer".
      if (hfrmreg === HFRMREG_LOCAL || hfrmreg === HFRMREG_PERSONAL || hfrmreg === HFRMREG_DEFAULT) {
        if (lpunk !== null && lpunk !== undefined) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'openFormContainer: lpunk must be null for the local and personal containers');
        return this.container(hfrmreg === HFRMREG_LOCAL ? localLibrary(this.services.mapi) : personalLibrary(this.services.profile));
      }
      if (hfrmreg !== HFRMREG_FOLDER) throw new MapiError(MAPI_E_INVALID_PARAMETER, `openFormContainer: ${String(hfrmreg)} is not an HFRMREG value`);
      // "If the value in hfrmreg is HFRMREG_FOLDER, ... lpunk must be non-null and must allow QueryInterface calls to an IMAPIFolder interface."
      if (typeof lpunk !== 'object' || lpunk === null || typeof lpunk.queryInterface !== 'function') {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'openFormContainer: HFRMREG_FOLDER needs the folder in lpunk');
      }
      let folder: IMAPIFolder;
      try {
        folder = await lpunk.queryInterface<IMAPIFolder>(IID_IMAPIFolder);
      } catch {
        // "MAPI_E_NO_INTERFACE: The object pointed to by lpunk does not support the required interface."
        throw new MapiError(MAPI_E_INTERFACE_NOT_SUPPORTED, 'openFormContainer: lpunk is not a folder (no IMAPIFolder interface)');
      }
      return this.container(await this.folderLibrary(folder));
    });
  }

  prepareForm(ulUIParam: number, ulFlags: number, pfrmiInfo: IMAPIFormInfo): Promise<void> {
    return this.invoke('prepareForm', [ulUIParam, ulFlags, pfrmiInfo], () => {
      const flags = checkFlags('prepareForm', ulFlags, MAPI_DIALOG);
      if (flags & MAPI_DIALOG) throw new MapiError(MAPI_E_NO_SUPPORT, 'prepareForm: MAPI_DIALOG needs a user interface, which the emulator does not have');
      checkFormInfo('prepareForm', 'pfrmiInfo', pfrmiInfo);
      // Nothing to download: an installed form's behaviour is already in the process.
    });
  }

  isInConflict(ulMessageFlags: number, ulMessageStatus: number, szMessageClass: string, pFolderFocus: IMAPIFolder | null): Promise<boolean> {
    return this.invoke('isInConflict', [ulMessageFlags, ulMessageStatus, szMessageClass, pFolderFocus], () => {
      if (!Number.isInteger(ulMessageFlags) || !Number.isInteger(ulMessageStatus)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'isInConflict: ulMessageFlags and ulMessageStatus must be numbers');
      checkClass('isInConflict', szMessageClass);
      checkFolderFocus('isInConflict', pFolderFocus ?? null);
      // imapiformmgr-isinconflict.md: S_OK when the message is in conflict (MSGSTATUS_IN_CONFLICT) and its form does not
      // handle conflicts; no emulated form handles its own conflicts.
      return (ulMessageStatus & MSGSTATUS_IN_CONFLICT) !== 0;
    });
  }
}

/** Whether a value has the shape of an IMAPISession (the methods a session always has), whatever made it. */
function isSessionLike(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return ['getMsgStoresTable', 'openMsgStore', 'openEntry', 'logoff'].every((m) => typeof o[m] === 'function');
}

/**
 * Opens the form manager of a session (MAPIOpenFormMgr). Rejects with MAPI_E_NO_SUPPORT for a
 * session that is not one of this emulator (a Windows-backend session, another implementation
 * of IMAPISession: the emulated form manager needs the emulator's own session),
 * MAPI_E_INVALID_PARAMETER for anything that is not a session, MAPI_E_INVALID_OBJECT for a
 * session that has logged off.
 * @see mapiopenformmgr.md
 */
export function MAPIOpenFormMgr(pSession: IMAPISession): Promise<IMAPIFormMgr> {
  if (!(pSession instanceof MapiSession)) {
    if (isSessionLike(pSession)) {
      return Promise.reject(new MapiError(MAPI_E_NO_SUPPORT, 'MAPIOpenFormMgr: the emulated form manager works only on sessions of this emulator (MAPILogonEx of mapi-emu); this session comes from another implementation (e.g. the Windows backend), whose forms are not emulated'));
    }
    return Promise.reject(new MapiError(MAPI_E_INVALID_PARAMETER, 'MAPIOpenFormMgr: pSession must be a session from MAPILogonEx'));
  }
  const services = pSession.servicesContext();
  if (!services) return Promise.reject(new MapiError(MAPI_E_INVALID_OBJECT, 'MAPIOpenFormMgr: the session has logged off'));
  return Promise.resolve(new MapiFormMgr(pSession, services));
}
