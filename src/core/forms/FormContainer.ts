import { MapiError } from '../errors/MapiError.js';
import { MapiUnknown, type CallInterceptor } from '../props/MapiUnknown.js';
import { checkFlags } from '../props/MapiProp.js';
import type { GUID } from '../props/guid.js';
import { IID_IMAPIFormContainer } from '../generated/guids.js';
import { MAPI_DIALOG, MAPI_UNICODE } from '../generated/constants.js';
import { MAPI_E_EXTENDED_ERROR, MAPI_E_INVALID_PARAMETER, MAPI_E_NO_SUPPORT, MAPI_E_NOT_FOUND } from '../generated/scodes.js';
import { FORMPROPSET_INTERSECTION, MAPIFORM_EXACTMATCH, MAPIFORM_INSTALL_OVERWRITEONCONFLICT } from './constants.js';
import { MapiFormInfo, formPropArray } from './FormInfo.js';
import { checkDescription, classChain, combinePropSets, isMessageClass, type FormRegistry, type InstalledForm } from './registry.js';
import { readFormConfig } from './cfg.js';
import type { FormDescription, IMAPIFormContainer, IMAPIFormInfo, SMAPIFormInfoArray, SMAPIFormPropArray } from './types.js';

/** Checks a message class argument: MAPI_E_INVALID_PARAMETER for anything else. */
export function checkClass(method: string, c: unknown): asserts c is string {
  if (!isMessageClass(c)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: ${JSON.stringify(c) ?? String(c)} is not a message class`);
}

/** Checks an SMessageClassArray argument (null allowed). */
export function checkClassArray(method: string, a: unknown): asserts a is readonly string[] | null {
  if (a === null) return;
  if (!Array.isArray(a)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: the message class array must be an array of message classes or null`);
  for (const c of a) checkClass(method, c);
}

/**
 * A form container (IMAPIFormContainer) over one form library: the local library of the
 * subsystem, the personal library of a profile, or the library of one folder.
 * @see imapiformcontaineriunknown.md
 */
export class MapiFormContainer extends MapiUnknown implements IMAPIFormContainer {
  readonly interfaceName = 'IMAPIFormContainer';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMAPIFormContainer];

  constructor(
    /** The library. */
    readonly registry: FormRegistry,
    private readonly codePage: number,
    interceptor: CallInterceptor | null,
  ) {
    super();
    this.interceptor = interceptor;
  }

  /** A form information object on `form` of this container. */
  info(form: InstalledForm): MapiFormInfo {
    return new MapiFormInfo(form, () => new MapiFormContainer(this.registry, this.codePage, this.interceptor), this.codePage, this.interceptor);
  }

  /** The form `messageClass` resolves to here (through its base classes unless `exact`), or undefined. */
  resolve(messageClass: string, exact: boolean): InstalledForm | undefined {
    for (const c of classChain(messageClass, exact)) {
      const f = this.registry.get(c);
      if (f) return f;
    }
    return undefined;
  }

  installForm(ulUIParam: number, ulFlags: number, szCfgPathName: string | FormDescription): Promise<void> {
    return this.invoke('installForm', [ulUIParam, ulFlags, szCfgPathName], () => {
      const flags = checkFlags('installForm', ulFlags, MAPI_DIALOG | MAPI_UNICODE | MAPIFORM_INSTALL_OVERWRITEONCONFLICT);
      if (flags & MAPI_DIALOG) throw new MapiError(MAPI_E_NO_SUPPORT, 'installForm: MAPI_DIALOG needs a user interface, which the emulator does not have');
      // imapiformcontainer-installform.md: "fill in a MAPIERROR structure and return MAPI_E_EXTENDED_ERROR if ... the
      // configuration file is not found ... not readable ... invalid" (readFormConfig answers those for a path).
      const description = typeof szCfgPathName === 'string' ? readFormConfig(szCfgPathName, this.codePage) : szCfgPathName;
      const form = checkDescription(description);
      if (typeof form === 'string') throw new MapiError(MAPI_E_EXTENDED_ERROR, `installForm: invalid form description: ${form}`);
      // Without MAPIFORM_INSTALL_OVERWRITEONCONFLICT "a merge will be done. Any new platforms ... will be
      // installed and no other changes will occur": descriptions have no platforms, so the installed form stays.
      if (this.registry.get(form.description.messageClass) && !(flags & MAPIFORM_INSTALL_OVERWRITEONCONFLICT)) return;
      this.registry.put(form);
    });
  }

  removeForm(szMessageClass: string): Promise<void> {
    return this.invoke('removeForm', [szMessageClass], () => {
      checkClass('removeForm', szMessageClass);
      // imapiformcontainer-removeform.md: MAPI_E_NOT_FOUND when no form in the container has the class.
      if (!this.registry.remove(szMessageClass)) throw new MapiError(MAPI_E_NOT_FOUND, `removeForm: no form for ${szMessageClass} in ${this.registry.displayName}`);
    });
  }

  resolveMessageClass(szMessageClass: string, ulFlags = 0): Promise<IMAPIFormInfo> {
    return this.invoke('resolveMessageClass', [szMessageClass, ulFlags], () => {
      checkClass('resolveMessageClass', szMessageClass);
      const flags = checkFlags('resolveMessageClass', ulFlags, MAPIFORM_EXACTMATCH);
      const form = this.resolve(szMessageClass, (flags & MAPIFORM_EXACTMATCH) !== 0);
      if (!form) throw new MapiError(MAPI_E_NOT_FOUND, `resolveMessageClass: no form in ${this.registry.displayName} handles ${szMessageClass}`);
      return this.info(form);
    });
  }

  resolveMultipleMessageClasses(pMsgClassArray: readonly string[] | null, ulFlags = 0): Promise<SMAPIFormInfoArray> {
    return this.invoke('resolveMultipleMessageClasses', [pMsgClassArray, ulFlags], () => {
      checkClassArray('resolveMultipleMessageClasses', pMsgClassArray);
      const flags = checkFlags('resolveMultipleMessageClasses', ulFlags, MAPIFORM_EXACTMATCH);
      // "If a client application passes NULL ... form information objects for all forms in the container."
      if (pMsgClassArray === null) return this.registry.all().map((f) => this.info(f));
      // "If a message class cannot be resolved to a form, NULL is returned for that message class."
      return pMsgClassArray.map((c) => {
        const f = this.resolve(c, (flags & MAPIFORM_EXACTMATCH) !== 0);
        return f ? this.info(f) : null;
      });
    });
  }

  calcFormPropSet(ulFlags = 0): Promise<SMAPIFormPropArray> {
    return this.invoke('calcFormPropSet', [ulFlags], () => {
      const flags = checkFlags('calcFormPropSet', ulFlags, FORMPROPSET_INTERSECTION | MAPI_UNICODE);
      const unicode = (flags & MAPI_UNICODE) !== 0;
      return combinePropSets(this.registry.all().map((f) => formPropArray(f, unicode)), (flags & FORMPROPSET_INTERSECTION) !== 0);
    });
  }

  getDisplay(ulFlags = 0): Promise<string> {
    return this.invoke('getDisplay', [ulFlags], () => {
      checkFlags('getDisplay', ulFlags, MAPI_UNICODE);
      return this.registry.displayName;
    });
  }
}
