import { MapiError } from '../errors/MapiError.js';
import { MapiProp, checkFlags } from '../props/MapiProp.js';
import { GUID } from '../props/guid.js';
import { PROP_ID } from '../props/tags.js';
import type { SPropValue } from '../props/types.js';
import type { CallInterceptor } from '../props/MapiUnknown.js';
import { IID_IMAPIFormInfo, IID_IMAPIProp } from '../generated/guids.js';
import { MAPI_FORMINFO, MAPI_UNICODE } from '../generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NO_SUPPORT } from '../generated/scodes.js';
import * as T from '../generated/proptags.js';
import { MAPI_MESSAGE_BEHAVIOR_FOLDER, MAPI_MESSAGE_BEHAVIOR_IPM } from './constants.js';
import type { InstalledForm } from './registry.js';
import type { IMAPIFormContainer, IMAPIFormInfo, SMAPIFormPropArray, SMAPIVerbArray } from './types.js';

/** The properties of a form information object, from its description. */
function formInfoProps(form: InstalledForm): SPropValue[] {
  const d = form.description;
  const props: SPropValue[] = [
    { ulPropTag: T.PR_MESSAGE_CLASS_W, Value: d.messageClass },
    { ulPropTag: T.PR_DISPLAY_NAME_W, Value: d.displayName },
    // form-configuration-file-description-section.md: Clsid is required; a description without one gets the null GUID.
    { ulPropTag: T.PR_FORM_CLSID, Value: d.clsid ?? new GUID(new Uint8Array(16)) },
    { ulPropTag: T.PR_FORM_HIDDEN, Value: d.hidden ?? false },
    { ulPropTag: T.PR_FORM_MESSAGE_BEHAVIOR, Value: d.composeInFolder ? MAPI_MESSAGE_BEHAVIOR_FOLDER : MAPI_MESSAGE_BEHAVIOR_IPM },
  ];
  const optional: [string | GUID | undefined, number][] = [
    [d.version, T.PR_FORM_VERSION_W],
    [d.owner, T.PR_FORM_CONTACT_NAME_W],
    [d.category, T.PR_FORM_CATEGORY_W],
    [d.subcategory, T.PR_FORM_CATEGORY_SUB_W],
    [d.comment, T.PR_COMMENT_W],
    [d.designerToolName, T.PR_FORM_DESIGNER_NAME_W],
    [d.designerToolGuid, T.PR_FORM_DESIGNER_GUID],
  ];
  for (const [value, tag] of optional) if (value !== undefined) props.push({ ulPropTag: tag, Value: value });
  return props;
}

/** Deep-enough copies of the returned structures, so a caller cannot change the installed form. */
function copyVerbs(form: InstalledForm, unicode: boolean): SMAPIVerbArray {
  return form.verbs.map((v) => ({ ...v, ulFlags: unicode ? MAPI_UNICODE : 0 }));
}

/** The form's properties as an SMAPIFormPropArray, strings flagged MAPI_UNICODE when asked for. */
export function formPropArray(form: InstalledForm, unicode: boolean): SMAPIFormPropArray {
  return form.properties.map((p) => ({
    ...p,
    ulFlags: unicode ? (p.ulFlags | MAPI_UNICODE) >>> 0 : p.ulFlags & ~MAPI_UNICODE,
    u: p.u ? { s1: { nmidIdx: p.u.s1.nmidIdx, pfpevAvailable: p.u.s1.pfpevAvailable.map((e) => ({ ...e })) } } : null,
  }));
}

/**
 * A form information object (IMAPIFormInfo): a read-only IMAPIProp with PR_MESSAGE_CLASS,
 * PR_DISPLAY_NAME and the PR_FORM_* properties of the form's description, its verbs and
 * properties, and the container it came from.
 * @see imapiforminfoimapiprop.md
 */
export class MapiFormInfo extends MapiProp implements IMAPIFormInfo {
  readonly interfaceName = 'IMAPIFormInfo';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMAPIProp, IID_IMAPIFormInfo];
  protected readonly objectType = MAPI_FORMINFO;

  constructor(
    /** The installed form. */
    readonly form: InstalledForm,
    private readonly container: () => IMAPIFormContainer,
    codePage: number,
    interceptor: CallInterceptor | null,
  ) {
    super(new Map(formInfoProps(form).map((p) => [PROP_ID(p.ulPropTag), p])), { writable: false, codePage: () => codePage });
    this.interceptor = interceptor;
  }

  /** @see imapiforminfo-calcformpropset.md */
  calcFormPropSet(ulFlags = 0): Promise<SMAPIFormPropArray> {
    return this.invoke('calcFormPropSet', [ulFlags], () => {
      const flags = checkFlags('calcFormPropSet', ulFlags, MAPI_UNICODE);
      return formPropArray(this.form, (flags & MAPI_UNICODE) !== 0);
    });
  }

  /** Verbs in order of their numbers (imapiforminfo-calcverbset.md). */
  calcVerbSet(ulFlags = 0): Promise<SMAPIVerbArray> {
    return this.invoke('calcVerbSet', [ulFlags], () => {
      const flags = checkFlags('calcVerbSet', ulFlags, MAPI_UNICODE);
      return copyVerbs(this.form, (flags & MAPI_UNICODE) !== 0);
    });
  }

  /** An HICON is a Windows user-interface object: MAPI_E_NO_SUPPORT. @see imapiforminfo-makeiconfrombinary.md */
  makeIconFromBinary(nPropID: number): Promise<never> {
    return this.invoke('makeIconFromBinary', [nPropID], () => {
      if (!Number.isInteger(nPropID)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'makeIconFromBinary: nPropID must be a property identifier');
      throw new MapiError(MAPI_E_NO_SUPPORT, 'makeIconFromBinary: icons (HICON) are user interface, which the emulator does not have');
    });
  }

  /** Writing a .fdm file needs a file system the emulator does not use: MAPI_E_NO_SUPPORT. @see imapiforminfo-saveform.md */
  saveForm(szFileName: string): Promise<void> {
    return this.invoke('saveForm', [szFileName], () => {
      if (typeof szFileName !== 'string' || szFileName === '') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'saveForm: szFileName must be a file name');
      throw new MapiError(MAPI_E_NO_SUPPORT, 'saveForm: form descriptions are data here; the emulator writes no .fdm files');
    });
  }

  /** The container the form was resolved in. @see imapiforminfo-openformcontainer.md */
  openFormContainer(): Promise<IMAPIFormContainer> {
    return this.invoke('openFormContainer', [], () => this.container());
  }
}
