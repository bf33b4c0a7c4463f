import type { GUID } from '../props/guid.js';
import type { IMAPIProgress, IMAPIProp, IUnknown } from '../props/interfaces.js';
import type { ADRLIST, ENTRYID, ENTRYLIST } from '../props/types.js';
import type { SRestriction } from '../restriction/types.js';
import type { SSortOrderSet } from '../table/types.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { AdviseSinkLike, NOTIFICATION } from '../notify/types.js';

/** Result of a method that can end in MAPI_W_PARTIAL_COMPLETION: `warning` is set when it did. */
export interface PartialResult {
  /** MAPI_W_PARTIAL_COMPLETION when some items could not be processed. */
  warning?: number;
}

/**
 * A container: a folder, or an address-book container (the address-book issue).
 * @see imapicontainerimapiprop.md
 */
export interface IMAPIContainer extends IMAPIProp {
  /** The contents table (MAPI_ASSOCIATED for associated contents, SHOW_SOFT_DELETES, MAPI_UNICODE, MAPI_DEFERRED_ERRORS). @see imapicontainer-getcontentstable.md */
  getContentsTable(ulFlags?: number): Promise<IMAPITable>;
  /** The hierarchy table (CONVENIENT_DEPTH for the whole subtree, SHOW_SOFT_DELETES, MAPI_UNICODE). @see imapicontainer-gethierarchytable.md */
  getHierarchyTable(ulFlags?: number): Promise<IMAPITable>;
  /** Opens an object inside the container by entry ID; null opens the container itself. @see imapicontainer-openentry.md */
  openEntry<T extends IUnknown = IMAPIProp>(lpEntryID: ENTRYID | null, lpInterface: GUID | null, ulFlags?: number): Promise<T>;
  /** Sets a search folder's criteria. @see imapicontainer-setsearchcriteria.md */
  setSearchCriteria(lpRestriction: SRestriction | null, lpContainerList: ENTRYLIST | null, ulSearchFlags: number): Promise<void>;
  /** Reads a search folder's criteria. @see imapicontainer-getsearchcriteria.md */
  getSearchCriteria(ulFlags?: number): Promise<SearchCriteria>;
}

/** Result of getSearchCriteria. */
export interface SearchCriteria {
  /** The restriction, or null. */
  lpRestriction: SRestriction | null;
  /** The folders searched. */
  lpContainerList: ENTRYLIST;
  /** SEARCH_RUNNING, SEARCH_REBUILD, SEARCH_RECURSIVE, SEARCH_FOREGROUND, SEARCH_COMPLETE, ... */
  ulSearchState: number;
}

/**
 * A folder.
 * @see imapifolderimapicontainer.md
 */
export interface IMAPIFolder extends IMAPIContainer {
  /** A new message (MAPI_ASSOCIATED for an associated message, MAPI_DEFERRED_ERRORS). @see imapifolder-createmessage.md */
  createMessage(lpInterface: GUID | null, ulFlags?: number): Promise<IMessage>;
  /** Copies or moves (MESSAGE_MOVE) messages to another folder. @see imapifolder-copymessages.md */
  copyMessages(lpMsgList: ENTRYLIST, lpInterface: GUID | null, lpDestFolder: IMAPIFolder, lpProgress: IMAPIProgress | null, ulFlags?: number): Promise<PartialResult>;
  /** Deletes messages (DELETE_HARD_DELETE for a hard delete). @see imapifolder-deletemessages.md */
  deleteMessages(lpMsgList: ENTRYLIST, lpProgress: IMAPIProgress | null, ulFlags?: number): Promise<PartialResult>;
  /** Creates a subfolder (FOLDER_GENERIC or FOLDER_SEARCH; OPEN_IF_EXISTS, MAPI_UNICODE). @see imapifolder-createfolder.md */
  createFolder(ulFolderType: number, lpszFolderName: string, lpszFolderComment: string | null, lpInterface: GUID | null, ulFlags?: number): Promise<IMAPIFolder>;
  /** Copies or moves (FOLDER_MOVE) a subfolder, with COPY_SUBFOLDERS. @see imapifolder-copyfolder.md */
  copyFolder(
    lpEntryID: ENTRYID,
    lpInterface: GUID | null,
    lpDestFolder: IMAPIFolder,
    lpszNewFolderName: string | null,
    lpProgress: IMAPIProgress | null,
    ulFlags?: number,
  ): Promise<PartialResult>;
  /** Deletes a subfolder (DEL_MESSAGES, DEL_FOLDERS). @see imapifolder-deletefolder.md */
  deleteFolder(lpEntryID: ENTRYID, lpProgress: IMAPIProgress | null, ulFlags?: number): Promise<PartialResult>;
  /** Sets or clears (CLEAR_READ_FLAG) the read flag of messages; null means every message. @see imapifolder-setreadflags.md */
  setReadFlags(lpMsgList: ENTRYLIST | null, lpProgress: IMAPIProgress | null, ulFlags?: number): Promise<PartialResult>;
  /** A message's PR_MSG_STATUS. @see imapifolder-getmessagestatus.md */
  getMessageStatus(lpEntryID: ENTRYID, ulFlags?: number): Promise<number>;
  /** Changes status bits of a message; resolves to the old status. @see imapifolder-setmessagestatus.md */
  setMessageStatus(lpEntryID: ENTRYID, ulNewStatus: number, ulNewStatusMask: number): Promise<number>;
  /** Saves the default sort of the contents table. @see imapifolder-savecontentssort.md */
  saveContentsSort(lpSortCriteria: SSortOrderSet, ulFlags?: number): Promise<void>;
  /** Deletes every message and subfolder (DEL_ASSOCIATED for associated messages too). @see imapifolder-emptyfolder.md */
  emptyFolder(lpProgress: IMAPIProgress | null, ulFlags?: number): Promise<PartialResult>;
}

/** Result of createAttach. */
export interface CreatedAttachment {
  /** The new attachment's number (PR_ATTACH_NUM). */
  ulAttachmentNum: number;
  /** The new attachment. */
  attach: IAttach;
}

/**
 * A message.
 * @see imessageimapiprop.md
 */
export interface IMessage extends IMAPIProp {
  /** The attachment table. @see imessage-getattachmenttable.md */
  getAttachmentTable(ulFlags?: number): Promise<IMAPITable>;
  /** Opens an attachment (MAPI_MODIFY, MAPI_BEST_ACCESS). @see imessage-openattach.md */
  openAttach(ulAttachmentNum: number, lpInterface: GUID | null, ulFlags?: number): Promise<IAttach>;
  /** Creates an attachment. @see imessage-createattach.md */
  createAttach(lpInterface: GUID | null, ulFlags?: number): Promise<CreatedAttachment>;
  /** Deletes an attachment. @see imessage-deleteattach.md */
  deleteAttach(ulAttachmentNum: number, lpProgress: IMAPIProgress | null, ulFlags?: number): Promise<void>;
  /** The recipient table. @see imessage-getrecipienttable.md */
  getRecipientTable(ulFlags?: number): Promise<IMAPITable>;
  /** Adds, changes or removes recipients (MODRECIP_ADD / MODIFY / REMOVE; 0 replaces them all). @see imessage-modifyrecipients.md */
  modifyRecipients(ulFlags: number, lpMods: ADRLIST): Promise<void>;
  /** Saves and submits the message to the spooler (FORCE_SUBMIT). @see imessage-submitmessage.md */
  submitMessage(ulFlags?: number): Promise<void>;
  /** Sets or clears the read flag (CLEAR_READ_FLAG, SUPPRESS_RECEIPT, GENERATE_RECEIPT_ONLY, ...). @see imessage-setreadflag.md */
  setReadFlag(ulFlags?: number): Promise<void>;
}

/**
 * An attachment.
 * @see iattachimapiprop.md
 */
export type IAttach = IMAPIProp;

/** Result of getReceiveFolder. */
export interface ReceiveFolder {
  /** Entry ID of the receive folder. */
  lpEntryID: ENTRYID;
  /** The message class whose setting applied (a prefix of the one asked for, or ''). */
  lpszExplicitClass: string;
}

/**
 * A message store.
 * @see imsgstoreimapiprop.md
 */
export interface IMsgStore extends IMAPIProp {
  /** Registers for store notifications on an object (or the whole store with null). @see imsgstore-advise.md */
  advise(lpEntryID: ENTRYID | null, ulEventMask: number, lpAdviseSink: AdviseSinkLike): Promise<number>;
  /** @see imsgstore-unadvise.md */
  unadvise(ulConnection: number): Promise<void>;
  /** True when both entry IDs name the same object. @see imsgstore-compareentryids.md */
  compareEntryIDs(lpEntryID1: ENTRYID, lpEntryID2: ENTRYID, ulFlags?: number): Promise<boolean>;
  /** Opens a folder or message by entry ID; null opens the root folder. @see imsgstore-openentry.md */
  openEntry<T extends IUnknown = IMAPIProp>(lpEntryID: ENTRYID | null, lpInterface: GUID | null, ulFlags?: number): Promise<T>;
  /** Sets the receive folder of a message class. @see imsgstore-setreceivefolder.md */
  setReceiveFolder(lpszMessageClass: string | null, ulFlags: number, lpEntryID: ENTRYID | null): Promise<void>;
  /** The receive folder of a message class. @see imsgstore-getreceivefolder.md */
  getReceiveFolder(lpszMessageClass: string | null, ulFlags?: number): Promise<ReceiveFolder>;
  /** The receive folder table. @see imsgstore-getreceivefoldertable.md */
  getReceiveFolderTable(ulFlags?: number): Promise<IMAPITable>;
  /** Logs off the store; resolves to the flags MAPI returns. @see imsgstore-storelogoff.md */
  storeLogoff(ulFlags: number): Promise<number>;
  /** Takes a submitted message out of the outgoing queue. @see imsgstore-abortsubmit.md */
  abortSubmit(lpEntryID: ENTRYID, ulFlags?: number): Promise<void>;
  /** The outgoing queue (for the spooler). @see imsgstore-getoutgoingqueue.md */
  getOutgoingQueue(ulFlags?: number): Promise<IMAPITable>;
  /** Locks or unlocks a message for the spooler (MSG_LOCKED / MSG_UNLOCKED). @see imsgstore-setlockstate.md */
  setLockState(lpMessage: IMessage, ulLockState: number): Promise<void>;
  /** Tells the store the spooler is done with a message. @see imsgstore-finishedmsg.md */
  finishedMsg(ulFlags: number, lpEntryID: ENTRYID): Promise<void>;
  /** Tells the store new mail arrived (fnevNewMail to its sinks). @see imsgstore-notifynewmail.md */
  notifyNewMail(lpNotification: NOTIFICATION): Promise<void>;
}
