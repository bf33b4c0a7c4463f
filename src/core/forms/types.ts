/**
 * Forms: the form description a container installs (the .cfg file's content as data, plus the
 * form's behaviour as JavaScript), the structures of mapiform.h, and the interfaces.
 * @see forms-and-mapi-client-applications.md
 * @see creating-a-form-configuration-file.md
 */
import type { IMAPIProp, IUnknown } from '../props/interfaces.js';
import type { MAPINAMEID } from '../props/types.js';
import type { GUID } from '../props/guid.js';
import type { IMAPIFolder, IMessage } from '../store/interfaces.js';
import type { MAPIERROR } from '../props/types.js';

/** A verb of a form: an SMAPIVerb. @see smapiverb.md */
export interface SMAPIVerb {
  /** The verb's code, passed to IMAPIForm.doVerb. */
  lVerb: number;
  /** The verb's display name on the form's menu. */
  szVerbname: string;
  /** fuFlags (menu flags). */
  fuFlags: number;
  /** grfAttribs (OLEVERBATTRIB_*). */
  grfAttribs: number;
  /** 0 or MAPI_UNICODE: the display name's format. */
  ulFlags: number;
}

/** An enumerated value of a form property. @see smapiformpropenumval.md */
export interface SMAPIFormPropEnumVal {
  /** The value's display name. */
  pszDisplayName: string;
  /** The value. */
  nVal: number;
}

/** A named property a form uses. @see smapiformprop.md */
export interface SMAPIFormProp {
  /** 0 or MAPI_UNICODE: the strings' format. */
  ulFlags: number;
  /** The property type (high word zero). */
  nPropType: number;
  /** The property's name. */
  nmid: MAPINAMEID;
  /** The property's display name. */
  pszDisplayName: string;
  /** FPST_VANILLA or FPST_ENUM_PROP. */
  nSpecialType: number;
  /** With FPST_ENUM_PROP: the index property and the values. */
  u: { s1: { nmidIdx: MAPINAMEID; pfpevAvailable: SMAPIFormPropEnumVal[] } } | null;
}

/** A verb in a {@link FormDescription} (a .cfg [Verb.x] section). @see form-configuration-file-verbs-section.md */
export interface FormVerbDescription {
  /** Code: the verb number. */
  code: number;
  /** DisplayName. */
  displayName: string;
  /** Flags [0]. */
  flags?: number;
  /** Attribs [0]. */
  attribs?: number;
}

/** A property in a {@link FormDescription} (a .cfg [Property.x] section). @see form-configuration-file-properties-section.md */
export interface FormPropertyDescription {
  /** Type: the MAPI property type (PT_LONG, PT_UNICODE, ...). */
  type: number;
  /** The property's name (NmidPropset with NmidString or NmidInteger). */
  nmid: MAPINAMEID;
  /** DisplayName. */
  displayName: string;
  /** Flags [0]. */
  flags?: number;
  /** SpecialType = 1 with an enumeration ([EnumN.x]): the index property and the values. */
  enumeration?: { nmidIdx: MAPINAMEID; values: SMAPIFormPropEnumVal[] };
}

/** What a form's verb handler gets. */
export interface FormVerbContext {
  /** The verb's code. */
  readonly verb: number;
  /** The message the form shows (LoadForm's pmsg, or the new message of CreateForm once the viewer gave one). */
  readonly message: IMessage | null;
  /** The folder the viewer named (LoadForm's pFolderFocus), or null. */
  readonly folder: IMAPIFolder | null;
  /** The view context passed to DoVerb, else the one set with SetViewContext, or null. */
  readonly viewContext: IUnknown | null;
  /** The form's information object. */
  readonly formInfo: IMAPIFormInfo;
}

/**
 * A form's behaviour, as JavaScript: what stands in for the form server's executable, so client
 * code that routes messages to forms by class can be tested without a user interface.
 */
export interface FormHandler {
  /** Runs a verb; a rejection with a MapiError is DoVerb's error. Called only for verbs the form lists. */
  doVerb?(context: FormVerbContext): void | Promise<void>;
  /** Called by IMAPIForm.shutdownForm with the save option. */
  shutdown?(saveOptions: number): void | Promise<void>;
}

/**
 * A form to install: the content of its configuration (.cfg) file as data, plus its behaviour.
 * MessageClass and DisplayName are required, as in the file's [Description] section.
 * @see form-configuration-file-description-section.md
 */
export interface FormDescription {
  /** MessageClass: the class the form handles ("IPM.HelpDesk"). */
  messageClass: string;
  /** DisplayName. */
  displayName: string;
  /** Clsid: the form server's class identifier [a null GUID]. */
  clsid?: GUID;
  /** Category. */
  category?: string;
  /** Subcategory. */
  subcategory?: string;
  /** Comment. */
  comment?: string;
  /** Owner (PR_FORM_CONTACT_NAME). */
  owner?: string;
  /** Version (PR_FORM_VERSION). */
  version?: string;
  /** Hidden = 1 (PR_FORM_HIDDEN). */
  hidden?: boolean;
  /** DesignerToolName (PR_FORM_DESIGNER_NAME). */
  designerToolName?: string;
  /** DesignerToolGuid (PR_FORM_DESIGNER_GUID). */
  designerToolGuid?: GUID;
  /** ComposeInFolder = 1: PR_FORM_MESSAGE_BEHAVIOR MAPI_MESSAGE_BEHAVIOR_FOLDER (else IPM). */
  composeInFolder?: boolean;
  /** [Verbs]. */
  verbs?: readonly FormVerbDescription[];
  /** [Properties]. */
  properties?: readonly FormPropertyDescription[];
  /** The form's behaviour. */
  handler?: FormHandler;
}

/** The result of IMAPIFormInfo.calcFormPropSet and the CalcFormPropSet methods: an SMAPIFormPropArray. @see smapiformproparray.md */
export type SMAPIFormPropArray = SMAPIFormProp[];
/** An SMAPIVerbArray. @see smapiverbarray.md */
export type SMAPIVerbArray = SMAPIVerb[];
/** An SMAPIFormInfoArray: null where a class did not resolve. @see smapiforminfoarray.md */
export type SMAPIFormInfoArray = (IMAPIFormInfo | null)[];

/** A form information object. @see imapiforminfoimapiprop.md */
export interface IMAPIFormInfo extends IMAPIProp {
  /** @see imapiforminfo-calcformpropset.md */
  calcFormPropSet(ulFlags?: number): Promise<SMAPIFormPropArray>;
  /** @see imapiforminfo-calcverbset.md */
  calcVerbSet(ulFlags?: number): Promise<SMAPIVerbArray>;
  /** @see imapiforminfo-makeiconfrombinary.md */
  makeIconFromBinary(nPropID: number): Promise<never>;
  /** @see imapiforminfo-saveform.md */
  saveForm(szFileName: string): Promise<void>;
  /** @see imapiforminfo-openformcontainer.md */
  openFormContainer(): Promise<IMAPIFormContainer>;
}

/** A form container (form library). @see imapiformcontaineriunknown.md */
export interface IMAPIFormContainer extends IUnknown {
  /** @see imapiformcontainer-getlasterror.md */
  getLastError(hResult: number, ulFlags?: number): Promise<MAPIERROR | null>;
  /**
   * Installs a form: from the path of its configuration (.cfg) file, as MAPI does, or from a
   * {@link FormDescription} (the file's content as data, with a JavaScript handler).
   * @see imapiformcontainer-installform.md
   */
  installForm(ulUIParam: number, ulFlags: number, szCfgPathName: string | FormDescription): Promise<void>;
  /** @see imapiformcontainer-removeform.md */
  removeForm(szMessageClass: string): Promise<void>;
  /** @see imapiformcontainer-resolvemessageclass.md */
  resolveMessageClass(szMessageClass: string, ulFlags?: number): Promise<IMAPIFormInfo>;
  /** @see imapiformcontainer-resolvemultiplemessageclasses.md */
  resolveMultipleMessageClasses(pMsgClassArray: readonly string[] | null, ulFlags?: number): Promise<SMAPIFormInfoArray>;
  /** @see imapiformcontainer-calcformpropset.md */
  calcFormPropSet(ulFlags?: number): Promise<SMAPIFormPropArray>;
  /** @see imapiformcontainer-getdisplay.md */
  getDisplay(ulFlags?: number): Promise<string>;
}

/** A form object (what a form server hands a viewer). @see imapiformiunknown.md */
export interface IMAPIForm extends IUnknown {
  /** @see imapiform-getlasterror.md */
  getLastError(hResult: number, ulFlags?: number): Promise<MAPIERROR | null>;
  /** @see imapiform-setviewcontext.md */
  setViewContext(pViewContext: IUnknown | null): Promise<void>;
  /** @see imapiform-getviewcontext.md */
  getViewContext(): Promise<IUnknown | null>;
  /** @see imapiform-shutdownform.md */
  shutdownForm(ulSaveOptions: number): Promise<void>;
  /** @see imapiform-doverb.md */
  doVerb(iVerb: number, lpViewContext: IUnknown | null, hwndParent: number, lprcPosRect: unknown): Promise<void>;
  /** @see imapiform-advise.md */
  advise(pAdvise: IUnknown): Promise<number>;
  /** @see imapiform-unadvise.md */
  unadvise(ulConnection: number): Promise<void>;
}

/** The form manager. @see imapiformmgriunknown.md */
export interface IMAPIFormMgr extends IUnknown {
  /** @see imapiformmgr-getlasterror.md */
  getLastError(hResult: number, ulFlags?: number): Promise<MAPIERROR | null>;
  /** @see imapiformmgr-loadform.md */
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
  ): Promise<IMAPIForm>;
  /** @see imapiformmgr-resolvemessageclass.md */
  resolveMessageClass(szMsgClass: string, ulFlags: number, pFolderFocus: IMAPIFolder | null): Promise<IMAPIFormInfo>;
  /** @see imapiformmgr-resolvemultiplemessageclasses.md */
  resolveMultipleMessageClasses(pMsgClasses: readonly string[] | null, ulFlags: number, pFolderFocus: IMAPIFolder | null): Promise<SMAPIFormInfoArray>;
  /** @see imapiformmgr-calcformpropset.md */
  calcFormPropSet(pfrminfoarray: readonly IMAPIFormInfo[], ulFlags?: number): Promise<SMAPIFormPropArray>;
  /** @see imapiformmgr-createform.md */
  createForm(ulUIParam: number, ulFlags: number, pfrminfoToActivate: IMAPIFormInfo, refiidToAsk: GUID): Promise<IMAPIForm>;
  /** @see imapiformmgr-selectform.md */
  selectForm(ulUIParam: number, ulFlags: number, pszTitle: string | null, pfld: IMAPIFolder | null): Promise<IMAPIFormInfo>;
  /** @see imapiformmgr-selectmultipleforms.md */
  selectMultipleForms(ulUIParam: number, ulFlags: number, pszTitle: string | null, pfld: IMAPIFolder | null, pfrminfoarray: SMAPIFormInfoArray | null): Promise<SMAPIFormInfoArray>;
  /** @see imapiformmgr-selectformcontainer.md */
  selectFormContainer(ulUIParam: number, ulFlags: number): Promise<IMAPIFormContainer>;
  /** @see imapiformmgr-openformcontainer.md */
  openFormContainer(hfrmreg: number, lpunk: IUnknown | null): Promise<IMAPIFormContainer>;
  /** @see imapiformmgr-prepareform.md */
  prepareForm(ulUIParam: number, ulFlags: number, pfrmiInfo: IMAPIFormInfo): Promise<void>;
  /** Resolves to true for S_OK (the form does not handle its own conflicts and the message is in conflict), false for S_FALSE. @see imapiformmgr-isinconflict.md */
  isInConflict(ulMessageFlags: number, ulMessageStatus: number, szMessageClass: string, pFolderFocus: IMAPIFolder | null): Promise<boolean>;
}
