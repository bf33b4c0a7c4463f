import type { GUID } from '../props/guid.js';
import type { IMAPIProp, IUnknown } from '../props/interfaces.js';
import type { ENTRYID, MAPIERROR, MAPIUID, SPropValue } from '../props/types.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { AdviseSinkLike } from '../notify/types.js';
import type { IMsgStore } from '../store/interfaces.js';

/**
 * A profile section: the configuration properties of a profile, a message service or a
 * provider. Not transacted: changes apply at once (imapiprop-savechanges.md).
 * @see iprofsectimapiprop.md
 */
export type IProfSect = IMAPIProp;

/**
 * A status object (a row of the status table opened as an object).
 * @see imapistatusimapiprop.md
 */
export interface IMAPIStatus extends IMAPIProp {
  /** Checks the provider's state (SHOW_XP_SESSION_UI has no UI here). @see imapistatus-validatestate.md */
  validateState(ulFlags?: number): Promise<void>;
  /** UI only: MAPI_E_NO_SUPPORT. @see imapistatus-settingsdialog.md */
  settingsDialog(ulFlags?: number): Promise<void>;
  /** Changes the provider's password. @see imapistatus-changepassword.md */
  changePassword(lpOldPass: string, lpNewPass: string, ulFlags?: number): Promise<void>;
  /** Flushes queues (FLUSH_UPLOAD, FLUSH_DOWNLOAD, FLUSH_FORCE, ...). @see imapistatus-flushqueues.md */
  flushQueues(lpTargetTransport: ENTRYID | null, ulFlags?: number): Promise<void>;
}

/** Result of IMAPISession.queryIdentity. */
export interface QueryIdentityResult {
  /** The primary identity's entry ID (PR_IDENTITY_ENTRYID of its status row). */
  lpEntryID: ENTRYID;
  /** MAPI_W_NO_SERVICE when there is no primary identity (lpEntryID is then a hard-coded ID). */
  warning?: number;
}

/**
 * A logged-on MAPI session.
 * @see imapisessioniunknown.md
 */
export interface IMAPISession extends IUnknown {
  /** @see imapisession-getlasterror.md */
  getLastError(hResult: number, ulFlags?: number): Promise<MAPIERROR | null>;
  /** The message stores of the profile. @see imapisession-getmsgstorestable.md */
  getMsgStoresTable(ulFlags?: number): Promise<IMAPITable>;
  /** Opens a message store by its entry ID (MDB_WRITE, MAPI_BEST_ACCESS, MDB_NO_DIALOG, ...). @see imapisession-openmsgstore.md */
  openMsgStore(lpEntryID: ENTRYID, lpInterface: GUID | null, ulFlags?: number): Promise<IMsgStore>;
  /** Opens any object by entry ID, routed by the provider MAPIUID inside it. @see imapisession-openentry.md */
  openEntry<T extends IUnknown = IMAPIProp>(lpEntryID: ENTRYID, lpInterface: GUID | null, ulFlags?: number): Promise<T>;
  /** True when both entry IDs name the same object. @see imapisession-compareentryids.md */
  compareEntryIDs(lpEntryID1: ENTRYID, lpEntryID2: ENTRYID, ulFlags?: number): Promise<boolean>;
  /** Registers for notifications on an object (routed to its provider). @see imapisession-advise.md */
  advise(lpEntryID: ENTRYID | null, ulEventMask: number, lpAdviseSink: AdviseSinkLike): Promise<number>;
  /** @see imapisession-unadvise.md */
  unadvise(ulConnection: number): Promise<void>;
  /** The status table. @see imapisession-getstatustable.md */
  getStatusTable(ulFlags?: number): Promise<IMAPITable>;
  /**
   * Entry ID of the primary identity; `warning` is MAPI_W_NO_SERVICE (with a hard-coded entry
   * ID) when nothing supplies one. @see imapisession-queryidentity.md
   */
  queryIdentity(): Promise<QueryIdentityResult>;
  /** Opens a profile section by its MAPIUID. @see imapisession-openprofilesection.md */
  openProfileSection(lpUID: MAPIUID | null, lpInterface: GUID | null, ulFlags?: number): Promise<IProfSect>;
  /** The address types the transports handle. @see imapisession-enumadrtypes.md */
  enumAdrTypes(ulFlags?: number): Promise<string[]>;
  /** Makes a store the default one. @see imapisession-setdefaultstore.md */
  setDefaultStore(ulFlags: number, lpEntryID: ENTRYID | null): Promise<void>;
  /** The service administration object of the session's profile. @see imapisession-adminservices.md */
  adminServices(ulFlags?: number): Promise<IMsgServiceAdmin>;
  /** Ends the session (LOGOFF_ORDERLY, ...). @see imapisession-logoff.md */
  logoff(ulFlags?: number): Promise<void>;
  /** UI only: MAPI_E_NO_SUPPORT. @see imapisession-showform.md */
  showForm(...args: unknown[]): Promise<void>;
  /** UI only: MAPI_E_NO_SUPPORT. @see imapisession-prepareform.md */
  prepareForm(...args: unknown[]): Promise<number>;
  /** UI only: MAPI_E_NO_SUPPORT. @see imapisession-messageoptions.md */
  messageOptions(...args: unknown[]): Promise<void>;
  /** UI-bound default message options: MAPI_E_NO_SUPPORT. @see imapisession-querydefaultmessageopt.md */
  queryDefaultMessageOpt(...args: unknown[]): Promise<SPropValue[]>;
  /** The address book; comes with the address-book issue (MAPI_E_NO_SUPPORT until then). @see imapisession-openaddressbook.md */
  openAddressBook(lpInterface: GUID | null, ulFlags?: number): Promise<IUnknown>;
}

/**
 * Profile administration.
 * @see iprofadminiunknown.md
 */
export interface IProfAdmin extends IUnknown {
  /** @see iprofadmin-getlasterror.md */
  getLastError(hResult: number, ulFlags?: number): Promise<MAPIERROR | null>;
  /** The profile table (PR_DISPLAY_NAME, PR_DEFAULT_PROFILE). @see iprofadmin-getprofiletable.md */
  getProfileTable(ulFlags?: number): Promise<IMAPITable>;
  /** @see iprofadmin-createprofile.md */
  createProfile(lpszProfileName: string, lpszPassword: string | null, ulFlags?: number): Promise<void>;
  /** @see iprofadmin-deleteprofile.md */
  deleteProfile(lpszProfileName: string, ulFlags?: number): Promise<void>;
  /** @see iprofadmin-changeprofilepassword.md */
  changeProfilePassword(lpszProfileName: string, lpszOldPassword: string | null, lpszNewPassword: string | null, ulFlags?: number): Promise<void>;
  /** @see iprofadmin-copyprofile.md */
  copyProfile(lpszOldProfileName: string, lpszOldPassword: string | null, lpszNewProfileName: string, ulFlags?: number): Promise<void>;
  /** @see iprofadmin-renameprofile.md */
  renameProfile(lpszOldProfileName: string, lpszOldPassword: string | null, lpszNewProfileName: string, ulFlags?: number): Promise<void>;
  /** Makes a profile the default; null clears the default. @see iprofadmin-setdefaultprofile.md */
  setDefaultProfile(lpszProfileName: string | null, ulFlags?: number): Promise<void>;
  /** The service administration object of a profile. @see iprofadmin-adminservices.md */
  adminServices(lpszProfileName: string, lpszPassword: string | null, ulFlags?: number): Promise<IMsgServiceAdmin>;
}

/**
 * Message service administration of one profile.
 * @see imsgserviceadminiunknown.md
 */
export interface IMsgServiceAdmin extends IUnknown {
  /** @see imsgserviceadmin-getlasterror.md */
  getLastError(hResult: number, ulFlags?: number): Promise<MAPIERROR | null>;
  /** The services of the profile. @see imsgserviceadmin-getmsgservicetable.md */
  getMsgServiceTable(ulFlags?: number): Promise<IMAPITable>;
  /** Adds a service from the registry (the role of MAPISVC.INF). @see imsgserviceadmin-createmsgservice.md */
  createMsgService(lpszService: string, lpszDisplayName: string | null, ulFlags?: number): Promise<void>;
  /** Like createMsgService, resolving to the new service's MAPIUID (IMsgServiceAdmin2::CreateMsgServiceEx). @see imsgserviceadmin2-createmsgserviceex.md */
  createMsgServiceEx(lpszService: string, lpszDisplayName: string | null, ulFlags?: number): Promise<MAPIUID>;
  /** @see imsgserviceadmin-deletemsgservice.md */
  deleteMsgService(lpUID: MAPIUID): Promise<void>;
  /** Configures a service with properties (SERVICE_UI_ALWAYS has no UI here). @see imsgserviceadmin-configuremsgservice.md */
  configureMsgService(lpUID: MAPIUID, ulFlags: number, lpProps: SPropValue[]): Promise<void>;
  /**
   * Copies a service into the profile of a session (lpInterfaceDst NULL or IID_IMAPISession)
   * or of a service administration object (IID_IMsgServiceAdmin). @see imsgserviceadmin-copymsgservice.md
   */
  copyMsgService(
    lpUID: MAPIUID,
    lpszDisplayName: string | null,
    lpInterfaceToCopy: GUID | null,
    lpInterfaceDst: GUID | null,
    lpObjectDst: IMsgServiceAdmin | IMAPISession,
    ulFlags?: number,
  ): Promise<void>;
  /** @see imsgserviceadmin-renamemsgservice.md */
  renameMsgService(lpUID: MAPIUID, ulFlags: number, lpszDisplayName: string): Promise<void>;
  /** Makes a service the primary identity. @see imsgserviceadmin-setprimaryidentity.md */
  setPrimaryIdentity(lpUID: MAPIUID | null, ulFlags?: number): Promise<void>;
  /** Every provider of every service. @see imsgserviceadmin-getprovidertable.md */
  getProviderTable(ulFlags?: number): Promise<IMAPITable>;
  /** Sets the order of transport providers. @see imsgserviceadmin-msgservicetransportorder.md */
  msgServiceTransportOrder(lpUIDList: MAPIUID[], ulFlags?: number): Promise<void>;
  /** Opens a profile section (of the profile, a service or a provider). @see imsgserviceadmin-openprofilesection.md */
  openProfileSection(lpUID: MAPIUID | null, lpInterface: GUID | null, ulFlags?: number): Promise<IProfSect>;
  /** The provider administration object of a service. @see imsgserviceadmin-adminproviders.md */
  adminProviders(lpUID: MAPIUID, ulFlags?: number): Promise<IProviderAdmin>;
}

/**
 * Provider administration of one message service.
 * @see iprovideradminiunknown.md
 */
export interface IProviderAdmin extends IUnknown {
  /** @see iprovideradmin-getlasterror.md */
  getLastError(hResult: number, ulFlags?: number): Promise<MAPIERROR | null>;
  /** The service's providers. @see iprovideradmin-getprovidertable.md */
  getProviderTable(ulFlags?: number): Promise<IMAPITable>;
  /** Adds a provider; resolves to its MAPIUID. @see iprovideradmin-createprovider.md */
  createProvider(lpszProvider: string, lpProps: SPropValue[], ulFlags?: number): Promise<MAPIUID>;
  /** @see iprovideradmin-deleteprovider.md */
  deleteProvider(lpUID: MAPIUID): Promise<void>;
  /** Opens a provider's profile section. @see iprovideradmin-openprofilesection.md */
  openProfileSection(lpUID: MAPIUID, lpInterface: GUID | null, ulFlags?: number): Promise<IProfSect>;
}
