import type { GUID } from '../props/guid.js';
import type { IMAPIProp, IUnknown } from '../props/interfaces.js';
import type { ADRLIST, ENTRYID, ENTRYLIST, SPropTagArray, SPropValue, SRowSet } from '../props/types.js';
import type { AdviseSinkLike } from '../notify/types.js';
import type { IMAPIContainer, PartialResult } from '../store/interfaces.js';

/**
 * The MAPI address book: every address-book provider of the session behind one object.
 * Out-parameters are return values; in/out lists (ADRLIST) are updated in place.
 * @see iaddrbookimapiprop.md
 */
export interface IAddrBook extends IMAPIProp {
  /** Opens a container, messaging user or distribution list; null (or an empty entry ID) opens the root container. @see iaddrbook-openentry.md */
  openEntry<T extends IUnknown = IMAPIProp>(lpEntryID: ENTRYID | null, lpInterface: GUID | null, ulFlags?: number): Promise<T>;
  /** True when two entry IDs of one provider name the same object. @see iaddrbook-compareentryids.md */
  compareEntryIDs(lpEntryID1: ENTRYID, lpEntryID2: ENTRYID, ulFlags?: number): Promise<boolean>;
  /** Registers for notifications on an entry (fnevObjectModified, fnevObjectDeleted, ...). @see iaddrbook-advise.md */
  advise(lpEntryID: ENTRYID, ulEventMask: number, lpAdviseSink: AdviseSinkLike): Promise<number>;
  /** Cancels an advise. @see iaddrbook-unadvise.md */
  unadvise(ulConnection: number): Promise<void>;
  /** A one-off entry ID ([MS-OXCDATA] 2.2.5.1). @see iaddrbook-createoneoff.md */
  createOneOff(lpszName: string | null, lpszAdrType: string, lpszAddress: string, ulFlags?: number): Promise<ENTRYID>;
  /** UI: MAPI_E_NO_SUPPORT. @see iaddrbook-newentry.md */
  newEntry(...args: unknown[]): Promise<ENTRYID>;
  /** Resolves the unresolved entries of `lpAdrList` in place over the search path. @see iaddrbook-resolvename.md */
  resolveName(ulUIParam: number, ulFlags: number, lpszNewEntryTitle: string | null, lpAdrList: ADRLIST): Promise<void>;
  /** UI: MAPI_E_NO_SUPPORT. @see iaddrbook-address.md */
  address(...args: unknown[]): Promise<ADRLIST>;
  /** UI: MAPI_E_NO_SUPPORT. @see iaddrbook-details.md */
  details(...args: unknown[]): Promise<void>;
  /** UI: MAPI_E_NO_SUPPORT. @see iaddrbook-recipoptions.md */
  recipOptions(...args: unknown[]): Promise<void>;
  /** Per-recipient transport options: MAPI_E_NO_SUPPORT. @see iaddrbook-querydefaultrecipopt.md */
  queryDefaultRecipOpt(...args: unknown[]): Promise<SPropValue[]>;
  /** The personal address book container's entry ID, or null when there is none. @see iaddrbook-getpab.md */
  getPAB(): Promise<ENTRYID | null>;
  /** Designates the PAB. @see iaddrbook-setpab.md */
  setPAB(lpEntryID: ENTRYID): Promise<void>;
  /** The default container's entry ID. @see iaddrbook-getdefaultdir.md */
  getDefaultDir(): Promise<ENTRYID | null>;
  /** Designates the default container. @see iaddrbook-setdefaultdir.md */
  setDefaultDir(lpEntryID: ENTRYID): Promise<void>;
  /** The containers ResolveName searches, in order (rows with PR_ENTRYID first, PR_DISPLAY_NAME). @see iaddrbook-getsearchpath.md */
  getSearchPath(ulFlags?: number): Promise<SRowSet>;
  /** Saves the search path in the profile. @see iaddrbook-setsearchpath.md */
  setSearchPath(ulFlags: number, lpSearchPath: SRowSet): Promise<void>;
  /** Puts the requested properties first in each recipient, read from the address book. @see iaddrbook-preparerecips.md */
  prepareRecips(ulFlags: number, lpPropTagArray: SPropTagArray | null, lpRecipList: ADRLIST): Promise<void>;
}

/**
 * An address-book container (also the root container of IAddrBook).
 * setSearchCriteria/getSearchCriteria answer MAPI_E_NO_SUPPORT.
 * @see iabcontainerimapicontainer.md
 */
export interface IABContainer extends IMAPIContainer {
  /** A new entry from a template (a template ID from PR_CREATE_TEMPLATES, or an existing entry to copy); visible after saveChanges. @see iabcontainer-createentry.md */
  createEntry(lpEntryID: ENTRYID, ulCreateFlags?: number): Promise<IMAPIProp>;
  /** Copies entries into the container (AB_NO_DIALOG, CREATE_CHECK_DUP_*, CREATE_REPLACE). @see iabcontainer-copyentries.md */
  copyEntries(lpEntries: ENTRYLIST, ulUIParam: number, lpProgress: unknown, ulFlags?: number): Promise<PartialResult>;
  /** Deletes entries of the container. @see iabcontainer-deleteentries.md */
  deleteEntries(lpEntries: ENTRYLIST, ulFlags?: number): Promise<PartialResult>;
  /**
   * Resolves the entries whose flag is MAPI_UNRESOLVED; updates `lpAdrList` and `lpFlagList`
   * in place (MAPI_RESOLVED, MAPI_AMBIGUOUS) and returns the flag list.
   * @see iabcontainer-resolvenames.md
   */
  resolveNames(lpPropTagArray: SPropTagArray | null, ulFlags: number, lpAdrList: ADRLIST, lpFlagList: number[]): Promise<number[]>;
}

/** A messaging user. @see imailuserimapiprop.md */
export type IMailUser = IMAPIProp;

/** A distribution list: its contents table lists the members. @see idistlistimapicontainer.md */
export type IDistList = IABContainer;
