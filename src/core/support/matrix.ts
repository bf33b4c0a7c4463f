import type { IMAPIProp, IPropData, IStream, IUnknown } from '../props/interfaces.js';
import type { IMAPITable, ITableData } from '../table/interfaces.js';
import type { IAttach, IMAPIContainer, IMAPIFolder, IMessage, IMsgStore } from '../store/interfaces.js';
import type { IMAPISession, IMAPIStatus, IMsgServiceAdmin, IProfAdmin, IProviderAdmin } from '../session/interfaces.js';
import type { IABContainer, IAddrBook, IDistList, IMailUser } from '../ab/interfaces.js';
import type { IMAPIForm, IMAPIFormContainer, IMAPIFormInfo, IMAPIFormMgr } from '../forms/types.js';

/** How far one interface method is emulated. */
export type MethodSupport =
  | { status: 'supported'; note?: string }
  | { status: 'partial'; note: string }
  | { status: 'unsupported'; why: string };

/** Every method of an interface, with its support level; the record type makes the list complete. */
export type InterfaceSupport<T> = Record<Exclude<keyof T, keyof IUnknown> | 'queryInterface' | 'release', MethodSupport>;

/** One row group of the support table. */
export interface SupportEntry {
  /** MAPI interface name. */
  name: string;
  /** The reference page of the interface. */
  page: string;
  /** Method → support. */
  methods: Record<string, MethodSupport>;
}

const ok: MethodSupport = { status: 'supported' };
const iunknown = { queryInterface: ok, release: ok };

const imapiProp: InterfaceSupport<IMAPIProp> = {
  ...iunknown,
  getLastError: ok,
  saveChanges: { status: 'supported', note: 'transacted objects commit; others have nothing to save' },
  getProps: ok,
  getPropList: ok,
  openProperty: {
    status: 'partial',
    note: 'IID_IStream (and IID_IStreamDocfile) on string and binary properties; subobject interfaces where the object has them; IID_IStorage is not supported',
  },
  setProps: ok,
  deleteProps: ok,
  copyTo: { status: 'supported', note: 'MAPI_DIALOG rejects with MAPI_E_NO_SUPPORT: there is no progress UI' },
  copyProps: { status: 'supported', note: 'MAPI_DIALOG rejects with MAPI_E_NO_SUPPORT: there is no progress UI' },
  getNamesFromIDs: ok,
  getIDsFromNames: ok,
};

const iPropData: InterfaceSupport<IPropData> = {
  ...imapiProp,
  getNamesFromIDs: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT, as MAPI\'s own IPropData has no named properties' },
  getIDsFromNames: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT, as MAPI\'s own IPropData has no named properties' },
  hrSetObjAccess: ok,
  hrSetPropAccess: ok,
  hrGetPropAccess: ok,
  hrAddObjProps: ok,
};

const iStream: InterfaceSupport<IStream> = {
  ...iunknown,
  read: ok,
  write: ok,
  seek: ok,
  setSize: ok,
  copyTo: ok,
  commit: { status: 'supported', note: 'writes reach the property only on commit, as with Exchange' },
  revert: ok,
  lockRegion: { status: 'unsupported', why: 'STG_E_INVALIDFUNCTION: property streams have no region locks' },
  unlockRegion: { status: 'unsupported', why: 'STG_E_INVALIDFUNCTION: property streams have no region locks' },
  stat: ok,
  clone: ok,
};

// ---- tables (src/core/table/) ---------------------------------------------------------------

const imapiTable: InterfaceSupport<IMAPITable> = {
  ...iunknown,
  getLastError: ok,
  advise: { status: 'supported', note: 'fnevTableModified; delivery on the subsystem scheduler (docs/decisions/006)' },
  unadvise: ok,
  getStatus: ok,
  setColumns: { status: 'supported', note: 'TBL_BATCH applies lazily but never stale; TBL_ASYNC runs on the scheduler' },
  queryColumns: ok,
  getRowCount: ok,
  seekRow: ok,
  seekRowApprox: ok,
  queryPosition: ok,
  findRow: ok,
  restrict: { status: 'supported', note: 'every restriction type; absent properties as in docs/decisions/002' },
  createBookmark: { status: 'supported', note: 'attachment tables answer MAPI_E_NO_SUPPORT, as the reference says' },
  freeBookmark: ok,
  sortTable: { status: 'supported', note: 'categories, CATEG_MAX/CATEG_MIN, MVI columns; NULLs sort last (docs/decisions/006)' },
  querySortOrder: ok,
  queryRows: ok,
  abort: ok,
  expandRow: ok,
  collapseRow: ok,
  waitForCompletion: { status: 'supported', note: 'the emulated work takes no time: a nonzero timeout runs the pending operation at once' },
  getCollapseState: ok,
  setCollapseState: ok,
};

const iTableData: InterfaceSupport<ITableData> = {
  ...iunknown,
  hrGetView: { status: 'supported', note: 'categorized views answer MAPI_E_NO_SUPPORT, as in MAPI (itabledataiunknown.md)' },
  hrModifyRow: ok,
  hrModifyRows: ok,
  hrDeleteRow: ok,
  hrDeleteRows: ok,
  hrQueryRow: ok,
  hrEnumRow: ok,
  hrNotify: ok,
  hrInsertRow: ok,
};

// ---- message stores (src/core/store/) -------------------------------------------------------

const noUi = 'MAPI_DIALOG / progress UI flags reject with MAPI_E_NO_SUPPORT: there is no UI';

const imapiContainer: InterfaceSupport<IMAPIContainer> = {
  ...imapiProp,
  openEntry: ok,
  getContentsTable: { status: 'supported', note: 'MAPI_ASSOCIATED, SHOW_SOFT_DELETES, MAPI_UNICODE' },
  getHierarchyTable: { status: 'supported', note: 'CONVENIENT_DEPTH, SHOW_SOFT_DELETES; search folders answer MAPI_E_NO_SUPPORT' },
  setSearchCriteria: { status: 'supported', note: 'search folders only (others: MAPI_E_NO_SUPPORT)' },
  getSearchCriteria: { status: 'supported', note: 'search folders only (others: MAPI_E_NO_SUPPORT)' },
};

const imapiFolder: InterfaceSupport<IMAPIFolder> = {
  ...imapiContainer,
  createMessage: { status: 'supported', note: 'MAPI_ASSOCIATED; not in search folders (MAPI_E_NO_SUPPORT)' },
  copyMessages: { status: 'supported', note: `MESSAGE_MOVE, across stores too; ${noUi}` },
  deleteMessages: { status: 'supported', note: `soft deletes unless DELETE_HARD_DELETE; an unread message with MSGFLAG_NRN_PENDING sends its non-read report; ${noUi}` },
  createFolder: { status: 'supported', note: 'OPEN_IF_EXISTS, FOLDER_SEARCH; MAPI_E_COLLISION on a name in use' },
  copyFolder: { status: 'supported', note: `FOLDER_MOVE, COPY_SUBFOLDERS; MAPI_E_FOLDER_CYCLE; ${noUi}` },
  deleteFolder: { status: 'supported', note: `DEL_MESSAGES, DEL_FOLDERS; MAPI_E_HAS_FOLDERS / MAPI_E_HAS_MESSAGES; ${noUi}` },
  setReadFlags: { status: 'supported', note: noUi },
  getMessageStatus: ok,
  setMessageStatus: ok,
  saveContentsSort: { status: 'supported', note: 'stores whose backend keeps no sort answer MAPI_E_NO_SUPPORT' },
  emptyFolder: { status: 'supported', note: `DEL_ASSOCIATED; ${noUi}` },
};

const imessage: InterfaceSupport<IMessage> = {
  ...imapiProp,
  getAttachmentTable: ok,
  openAttach: ok,
  createAttach: ok,
  deleteAttach: { status: 'supported', note: 'ATTACH_DIALOG rejects with MAPI_E_NO_SUPPORT: there is no UI' },
  getRecipientTable: ok,
  modifyRecipients: ok,
  submitMessage: { status: 'supported', note: 'hands the message to the subsystem\'s spooler: transports in transport order by address type, deferred delivery, reports, Sent Items (docs/mailflow.md)' },
  setReadFlag: ok,
};

const iattach: InterfaceSupport<IAttach> = {
  ...imapiProp,
  openProperty: { status: 'supported', note: 'PR_ATTACH_DATA_BIN as IStream, PR_ATTACH_DATA_OBJ as IMessage (embedded messages)' },
};

const imsgStore: InterfaceSupport<IMsgStore> = {
  ...imapiProp,
  advise: { status: 'supported', note: 'fnevObjectCreated/Deleted/Modified/Moved/Copied, fnevNewMail, fnevSearchComplete' },
  unadvise: ok,
  compareEntryIDs: ok,
  openEntry: ok,
  setReceiveFolder: ok,
  getReceiveFolder: ok,
  getReceiveFolderTable: ok,
  storeLogoff: ok,
  abortSubmit: ok,
  getOutgoingQueue: ok,
  setLockState: ok,
  finishedMsg: ok,
  notifyNewMail: ok,
};

// ---- sessions and profiles (src/core/session/) ----------------------------------------------

const noDialog = (what: string): MethodSupport => ({ status: 'unsupported', why: `MAPI_E_NO_SUPPORT: ${what} is UI, which the emulator does not have` });

const imapiSession: InterfaceSupport<IMAPISession> = {
  ...iunknown,
  getLastError: ok,
  getMsgStoresTable: ok,
  openMsgStore: ok,
  openEntry: { status: 'supported', note: 'routes any entry ID by the provider MAPIUID inside it' },
  compareEntryIDs: ok,
  advise: { status: 'supported', note: 'store entry IDs; status objects answer MAPI_E_NO_SUPPORT' },
  unadvise: ok,
  getStatusTable: ok,
  queryIdentity: ok,
  openProfileSection: ok,
  enumAdrTypes: { status: 'supported', note: 'the address types of the profile\'s transports (IXPLogon::AddressTypes), in transport order; none with MAPI_NO_MAIL' },
  setDefaultStore: ok,
  adminServices: ok,
  logoff: ok,
  showForm: noDialog('showing a form'),
  prepareForm: noDialog('preparing a form for showForm'),
  messageOptions: noDialog('the message options dialog'),
  queryDefaultMessageOpt: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT: per-message transport options (IXPLogon::RegisterOptions) are not modelled' },
  openAddressBook: { status: 'supported', note: 'logs on to the profile\'s address-book providers once per session (docs/addressbook.md)' },
};

const iprofAdmin: InterfaceSupport<IProfAdmin> = {
  ...iunknown,
  getLastError: ok,
  getProfileTable: ok,
  createProfile: ok,
  deleteProfile: ok,
  changeProfilePassword: { status: 'supported', note: 'as MAPI: succeeds and does nothing (iprofadmin-changeprofilepassword.md)' },
  copyProfile: ok,
  renameProfile: ok,
  setDefaultProfile: ok,
  adminServices: ok,
};

const serviceUi = 'SERVICE_UI_ALWAYS rejects with MAPI_E_NO_SUPPORT: there is no configuration UI';

const imsgServiceAdmin: InterfaceSupport<IMsgServiceAdmin> = {
  ...iunknown,
  getLastError: ok,
  getMsgServiceTable: ok,
  createMsgService: { status: 'supported', note: serviceUi },
  createMsgServiceEx: { status: 'supported', note: serviceUi },
  deleteMsgService: ok,
  configureMsgService: { status: 'supported', note: serviceUi },
  copyMsgService: { status: 'supported', note: serviceUi },
  renameMsgService: { status: 'supported', note: 'as MAPI: deprecated, always MAPI_E_NO_SUPPORT' },
  setPrimaryIdentity: ok,
  getProviderTable: ok,
  msgServiceTransportOrder: ok,
  openProfileSection: ok,
  adminProviders: ok,
};

const iproviderAdmin: InterfaceSupport<IProviderAdmin> = {
  ...iunknown,
  getLastError: ok,
  getProviderTable: ok,
  createProvider: ok,
  deleteProvider: ok,
  openProfileSection: ok,
};

const imapiStatus: InterfaceSupport<IMAPIStatus> = {
  ...imapiProp,
  validateState: { status: 'supported', note: 'where PR_RESOURCE_METHODS has STATUS_VALIDATE_STATE; a transport\'s object logs on and calls IXPLogon::ValidateState; SHOW_XP_SESSION_UI: MAPI_E_NO_SUPPORT' },
  settingsDialog: noDialog('the settings property sheet'),
  changePassword: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT: no status object of ours has a password' },
  flushQueues: { status: 'supported', note: 'where PR_RESOURCE_METHODS has STATUS_FLUSH_QUEUES: the spooler\'s and transports\' objects send the queued messages now (retries included; deferred ones keep their time)' },
};

// ---- the transport SPI (src/core/spi/transport.ts): what the spooler calls on a provider ------

/** IXPLogon methods, as the spooler uses them (a provider implements TransportLogon). */
const ixpLogon: Record<string, MethodSupport> = {
  addressTypes: { status: 'supported', note: 'read once at logon; recipients are routed by PR_ADDRTYPE (MAPIUIDs are accepted, not used for routing)' },
  registerOptions: { status: 'unsupported', why: 'per-message and per-recipient transport options are not modelled' },
  transportNotify: { status: 'partial', note: 'optional; the spooler does not send NOTIFY_* events yet' },
  idle: { status: 'unsupported', why: 'no idle-time processing: the spooler runs on the subsystem\'s scheduler' },
  transportLogoff: { status: 'partial', note: 'TransportLogon.logoff; the spooler keeps its logons for the subsystem\'s life' },
  submitMessage: { status: 'supported', note: 'with the recipients of its address types not yet PR_RESPONSIBILITY; TransportRetry (MAPI_E_WAIT, MAPI_E_NETWORK_ERROR) retries after its seconds, MAPI_E_NOT_ME passes on, MAPI_E_CANCEL drops' },
  endMessage: { status: 'supported', note: 'END_RESEND_NOW / END_RESEND_LATER keep the message queued' },
  poll: { status: 'supported', note: 'optional; with startMessage, inbound mail goes to the profile\'s default store when a session has it open' },
  startMessage: { status: 'supported', note: 'the transport returns the content; the spooler stores it in the receive folder of its class' },
  openStatusEntry: { status: 'partial', note: 'its properties are laid over the transport\'s status row; IMAPIStatus itself is the session\'s' },
  validateState: ok,
  flushQueues: ok,
};

// ---- address book (src/core/ab/) --------------------------------------------------------------

const abUi = (what: string): MethodSupport => ({ status: 'unsupported', why: `MAPI_E_NO_SUPPORT: ${what} is UI, which the emulator does not have` });

const iaddrBook: InterfaceSupport<IAddrBook> = {
  ...imapiProp,
  openEntry: { status: 'supported', note: 'null or an empty entry ID opens the root container; MAPI_MODIFY on a read-only entry: MAPI_E_NO_ACCESS' },
  compareEntryIDs: { status: 'supported', note: 'one-offs compare by address type and address' },
  advise: { status: 'supported', note: 'fnevObjectModified / fnevObjectDeleted for changes made through the address book' },
  unadvise: ok,
  createOneOff: { status: 'supported', note: '[MS-OXCDATA] 2.2.5.1 layout, always Unicode' },
  newEntry: abUi('the new-entry dialog'),
  resolveName: {
    status: 'partial',
    note: 'SMTP addresses and `name[TYPE:address]` become one-offs, then the search path\'s containers resolve; MAPI_DIALOG: MAPI_E_NO_SUPPORT; no PR_ANR restriction fallback (docs/decisions/016)',
  },
  address: abUi('the address book dialog'),
  details: abUi('the details dialog'),
  recipOptions: abUi('the recipient options dialog'),
  queryDefaultRecipOpt: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT: no address type has per-recipient transport options' },
  getPAB: ok,
  setPAB: ok,
  getDefaultDir: ok,
  setDefaultDir: ok,
  getSearchPath: { status: 'supported', note: 'the default path of iaddrbook-getsearchpath.md until setSearchPath; kept in the profile' },
  setSearchPath: ok,
  prepareRecips: ok,
};

const iabContainer: InterfaceSupport<IABContainer> = {
  ...imapiContainer,
  getContentsTable: { status: 'supported', note: 'dynamic; the root container has none (MAPI_E_NO_SUPPORT)' },
  getHierarchyTable: { status: 'supported', note: 'CONVENIENT_DEPTH with PR_DEPTH; dynamic' },
  setSearchCriteria: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT: address-book containers are not search folders' },
  getSearchCriteria: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT: address-book containers are not search folders' },
  createEntry: { status: 'supported', note: 'templates from PR_CREATE_TEMPLATES or an existing entry to copy; duplicates checked at saveChanges (MAPI_E_COLLISION)' },
  copyEntries: { status: 'supported', note: 'CREATE_CHECK_DUP_LOOSE: same display name; STRICT: same name and address; no progress UI' },
  deleteEntries: ok,
  resolveNames: { status: 'supported', note: 'exact display name, address, SMTP address or account first, then prefixes (docs/addressbook.md)' },
};

const imailUser: InterfaceSupport<IMailUser> = { ...imapiProp };

const idistList: InterfaceSupport<IDistList> = {
  ...iabContainer,
  getHierarchyTable: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT: a distribution list has no subcontainers' },
  createEntry: { status: 'supported', note: 'a template makes a one-off member; an existing entry ID is added as itself' },
  copyEntries: { status: 'supported', note: 'adds members (users, lists, one-offs, other providers\' entries)' },
  deleteEntries: { status: 'supported', note: 'removes members' },
};

// ---- forms (src/core/forms/, docs/forms.md) ----------------------------------------------------

const formUi = (what: string): MethodSupport => ({ status: 'unsupported', why: `MAPI_E_NO_SUPPORT: ${what} is UI, which the emulator does not have` });

const imapiFormMgr: InterfaceSupport<IMAPIFormMgr> = {
  ...iunknown,
  getLastError: ok,
  loadForm: { status: 'supported', note: 'the class comes from pmsg when null; answers an IMAPIForm whose verbs run the form\'s JavaScript handler; pMessageSite is not used; MAPI_DIALOG: MAPI_E_NO_SUPPORT' },
  resolveMessageClass: { status: 'supported', note: 'local, then the folder in focus, then personal; IPM.Note.Custom → IPM.Note → IPM unless MAPIFORM_EXACTMATCH' },
  resolveMultipleMessageClasses: { status: 'partial', note: 'MAPIFORM_EXACTMATCH only (MAPIFORM_LOCALONLY is not accepted: no cached forms); null → every form of the containers searched' },
  calcFormPropSet: ok,
  createForm: { status: 'partial', note: 'answers an IMAPIForm with no message: IPersistMessage (InitNew/Load) is not emulated' },
  selectForm: formUi('the form selection dialog'),
  selectMultipleForms: formUi('the form selection dialog'),
  selectFormContainer: formUi('the container selection dialog'),
  openFormContainer: { status: 'supported', note: 'HFRMREG_LOCAL (per subsystem), HFRMREG_PERSONAL and HFRMREG_DEFAULT (per profile), HFRMREG_FOLDER (per folder); libraries live in memory (docs/decisions)' },
  prepareForm: { status: 'supported', note: 'nothing to download; MAPI_DIALOG: MAPI_E_NO_SUPPORT' },
  isInConflict: { status: 'supported', note: 'true (S_OK) for MSGSTATUS_IN_CONFLICT: no emulated form handles its own conflicts' },
};

const imapiFormContainer: InterfaceSupport<IMAPIFormContainer> = {
  ...iunknown,
  getLastError: ok,
  installForm: { status: 'partial', note: 'from a .cfg path (parsed: [Description], [Verbs], [Properties] with enumerations) or a FormDescription with a JavaScript handler; missing/invalid file: MAPI_E_EXTENDED_ERROR; [Platforms] and [Extensions] are ignored, so there are no platforms to merge' },
  removeForm: ok,
  resolveMessageClass: ok,
  resolveMultipleMessageClasses: ok,
  calcFormPropSet: ok,
  getDisplay: ok,
};

const imapiFormInfo: InterfaceSupport<IMAPIFormInfo> = {
  ...imapiProp,
  setProps: { status: 'supported', note: 'form information is read-only: MAPI_E_NO_ACCESS' },
  deleteProps: { status: 'supported', note: 'form information is read-only: MAPI_E_NO_ACCESS' },
  calcFormPropSet: ok,
  calcVerbSet: ok,
  makeIconFromBinary: formUi('an icon (HICON)'),
  saveForm: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT: form descriptions are data; no .fdm file is written' },
  openFormContainer: ok,
};

const imapiForm: InterfaceSupport<IMAPIForm> = {
  ...iunknown,
  getLastError: ok,
  setViewContext: ok,
  getViewContext: ok,
  shutdownForm: { status: 'supported', note: 'calls the handler\'s shutdown; a second call: E_UNEXPECTED' },
  doVerb: { status: 'supported', note: 'runs the handler\'s doVerb for the verbs the form lists (others: MAPI_E_NO_SUPPORT); no window' },
  advise: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT: form notifications report user-interface events' },
  unadvise: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT: advise never registers' },
};

/** The support table, one entry per emulated interface; docs/supported.md is generated from it. */
export const supportMatrix: SupportEntry[] = [
  { name: 'IMAPIProp', page: 'imapipropiunknown.md', methods: imapiProp },
  { name: 'IPropData', page: 'ipropdataimapiprop.md', methods: iPropData },
  { name: 'IStream', page: 'https://learn.microsoft.com/windows/win32/api/objidl/nn-objidl-istream', methods: iStream },
  { name: 'IMAPITable', page: 'imapitableiunknown.md', methods: imapiTable },
  { name: 'ITableData', page: 'itabledataiunknown.md', methods: iTableData },
  { name: 'IMAPISession', page: 'imapisessioniunknown.md', methods: imapiSession },
  { name: 'IProfAdmin', page: 'iprofadminiunknown.md', methods: iprofAdmin },
  { name: 'IMsgServiceAdmin', page: 'imsgserviceadminiunknown.md', methods: imsgServiceAdmin },
  { name: 'IProviderAdmin', page: 'iprovideradminiunknown.md', methods: iproviderAdmin },
  { name: 'IMAPIStatus', page: 'imapistatusimapiprop.md', methods: imapiStatus },
  { name: 'IXPLogon (transport SPI)', page: 'ixplogoniunknown.md', methods: ixpLogon },
  { name: 'IMsgStore', page: 'imsgstoreimapiprop.md', methods: imsgStore },
  { name: 'IMAPIFolder', page: 'imapifolderimapicontainer.md', methods: imapiFolder },
  { name: 'IMessage', page: 'imessageimapiprop.md', methods: imessage },
  { name: 'IAttach', page: 'iattachimapiprop.md', methods: iattach },
  { name: 'IAddrBook', page: 'iaddrbookimapiprop.md', methods: iaddrBook },
  { name: 'IABContainer', page: 'iabcontainerimapicontainer.md', methods: iabContainer },
  { name: 'IMailUser', page: 'imailuserimapiprop.md', methods: imailUser },
  { name: 'IDistList', page: 'idistlistimapicontainer.md', methods: idistList },
  { name: 'IMAPIFormMgr', page: 'imapiformmgriunknown.md', methods: imapiFormMgr },
  { name: 'IMAPIFormContainer', page: 'imapiformcontaineriunknown.md', methods: imapiFormContainer },
  { name: 'IMAPIFormInfo', page: 'imapiforminfoimapiprop.md', methods: imapiFormInfo },
  { name: 'IMAPIForm (emulated form objects)', page: 'imapiformiunknown.md', methods: imapiForm },
];
