import type { IMAPIProp, IPropData, IStream, IUnknown } from '../props/interfaces.js';
import type { IMAPITable, ITableData } from '../table/interfaces.js';
import type { IAttach, IMAPIContainer, IMAPIFolder, IMessage, IMsgStore } from '../store/interfaces.js';
import type { IMAPISession, IMAPIStatus, IMsgServiceAdmin, IProfAdmin, IProviderAdmin } from '../session/interfaces.js';

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
  deleteMessages: { status: 'supported', note: `soft deletes unless DELETE_HARD_DELETE; ${noUi}` },
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
  submitMessage: { status: 'partial', note: 'hands the message to the session\'s spooler; without one (no transport yet) MAPI_E_NO_SUPPORT' },
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
  enumAdrTypes: ok,
  setDefaultStore: ok,
  adminServices: ok,
  logoff: ok,
  showForm: noDialog('showing a form'),
  prepareForm: noDialog('preparing a form for showForm'),
  messageOptions: noDialog('the message options dialog'),
  queryDefaultMessageOpt: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT: per-message transport options come with transports' },
  openAddressBook: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT: the address book is not built yet' },
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
  validateState: { status: 'supported', note: 'where PR_RESOURCE_METHODS has STATUS_VALIDATE_STATE; SHOW_XP_SESSION_UI: MAPI_E_NO_SUPPORT' },
  settingsDialog: noDialog('the settings property sheet'),
  changePassword: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT: no status object of ours has a password' },
  flushQueues: { status: 'supported', note: 'where PR_RESOURCE_METHODS has STATUS_FLUSH_QUEUES' },
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
  { name: 'IMsgStore', page: 'imsgstoreimapiprop.md', methods: imsgStore },
  { name: 'IMAPIFolder', page: 'imapifolderimapicontainer.md', methods: imapiFolder },
  { name: 'IMessage', page: 'imessageimapiprop.md', methods: imessage },
  { name: 'IAttach', page: 'iattachimapiprop.md', methods: iattach },
];
