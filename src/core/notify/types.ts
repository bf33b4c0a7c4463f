import type {
  fnevCriticalError,
  fnevExtended,
  fnevNewMail,
  fnevObjectCopied,
  fnevObjectCreated,
  fnevObjectDeleted,
  fnevObjectModified,
  fnevObjectMoved,
  fnevSearchComplete,
  fnevStatusObjectModified,
  fnevTableModified,
} from '../generated/constants.js';
import type { ENTRYID, MAPIERROR, SPropTagArray, SPropValue, SRow } from '../props/types.js';

/**
 * Describes the arrival of a new message (cbEntryID/cbParentID become the arrays' lengths).
 * @see newmail_notification.md
 */
export interface NEWMAIL_NOTIFICATION {
  /** Entry ID of the newly arrived message. */
  lpEntryID: ENTRYID;
  /** Entry ID of the receive folder the message arrived in. */
  lpParentID: ENTRYID;
  /** MAPI_UNICODE when the strings were Unicode on the wire; informational here. */
  ulFlags: number;
  /** Message class of the new message. */
  lpszMessageClass: string;
  /** Copy of the message's PR_MESSAGE_FLAGS. */
  ulMessageFlags: number;
}

/**
 * Describes an object that was created, deleted, modified, moved or copied, or a search
 * folder whose initial search completed.
 * @see object_notification.md
 */
export interface OBJECT_NOTIFICATION {
  /** Entry ID of the affected object. */
  lpEntryID: ENTRYID;
  /** Type of the affected object: MAPI_STORE, MAPI_FOLDER, MAPI_MESSAGE, ... */
  ulObjType: number;
  /** Entry ID of the affected object's parent, or null when it has none. */
  lpParentID: ENTRYID | null;
  /** Entry ID of the original object; only for move and copy events, otherwise null. */
  lpOldID: ENTRYID | null;
  /** Entry ID of the original object's parent; only for move and copy events, otherwise null. */
  lpOldParentID: ENTRYID | null;
  /** Tags of the properties affected by the event, or null. */
  lpPropTagArray: SPropTagArray | null;
}

/**
 * Describes a table row affected by an event (or the whole table for TABLE_CHANGED,
 * TABLE_RELOAD, TABLE_ERROR and the *_DONE events).
 * @see table_notification.md
 */
export interface TABLE_NOTIFICATION {
  /** TABLE_CHANGED, TABLE_ERROR, TABLE_ROW_ADDED, TABLE_ROW_DELETED, TABLE_ROW_MODIFIED, ... */
  ulTableEvent: number;
  /** The error, for TABLE_ERROR; otherwise S_OK (0). */
  hResult: number;
  /** PR_INSTANCE_KEY of the affected row. */
  propIndex: SPropValue;
  /** PR_INSTANCE_KEY of the row before the affected one; PR_NULL when it is the first row. */
  propPrior: SPropValue;
  /** The affected row, in the column set in effect when the event was generated; empty lpProps when the event has no row data. */
  row: SRow;
}

/**
 * Describes a critical error.
 * @see error_notification.md
 */
export interface ERROR_NOTIFICATION {
  /** Entry ID of the object that caused the error, or null. */
  lpEntryID: ENTRYID | null;
  /** The error's scode. */
  scode: number;
  /** MAPI_UNICODE when lpMAPIError's strings were Unicode on the wire; informational here. */
  ulFlags: number;
  /** Details of the error, or null. */
  lpMAPIError: MAPIERROR | null;
}

/**
 * Describes a provider-defined event (also sent by the session at logoff).
 * @see extended_notification.md
 */
export interface EXTENDED_NOTIFICATION {
  /** Provider-defined event code. */
  ulEvent: number;
  /** Event-specific parameters (cb + pbEventParameters). */
  pbEventParameters: Uint8Array;
}

/**
 * Describes a status object that changed (an internal MAPI notification).
 * @see status_object_notification.md
 */
export interface STATUS_OBJECT_NOTIFICATION {
  /** Entry ID of the changed status object. */
  lpEntryID: ENTRYID;
  /** Properties of the changed status object (cValues + lpPropVals). */
  lpPropVals: SPropValue[];
}

/** The event types whose payload is an {@link OBJECT_NOTIFICATION}. @see object_notification.md */
export type ObjectEventType =
  | typeof fnevObjectCreated
  | typeof fnevObjectDeleted
  | typeof fnevObjectModified
  | typeof fnevObjectMoved
  | typeof fnevObjectCopied
  | typeof fnevSearchComplete;

/** A {@link NOTIFICATION} for fnevNewMail. @see notification.md */
export interface NOTIFICATION_NEWMAIL {
  /** fnevNewMail. */
  ulEventType: typeof fnevNewMail;
  /** The new-mail payload (info.newmail). */
  newmail: NEWMAIL_NOTIFICATION;
}

/** A {@link NOTIFICATION} for the object events and fnevSearchComplete. @see notification.md */
export interface NOTIFICATION_OBJECT {
  /** One of the {@link ObjectEventType} values. */
  ulEventType: ObjectEventType;
  /** The object payload (info.obj). */
  obj: OBJECT_NOTIFICATION;
}

/** A {@link NOTIFICATION} for fnevTableModified. @see notification.md */
export interface NOTIFICATION_TABLE {
  /** fnevTableModified. */
  ulEventType: typeof fnevTableModified;
  /** The table payload (info.tab). */
  tab: TABLE_NOTIFICATION;
}

/** A {@link NOTIFICATION} for fnevCriticalError. @see notification.md */
export interface NOTIFICATION_ERROR {
  /** fnevCriticalError. */
  ulEventType: typeof fnevCriticalError;
  /** The error payload (info.err). */
  err: ERROR_NOTIFICATION;
}

/** A {@link NOTIFICATION} for fnevExtended. @see notification.md */
export interface NOTIFICATION_EXTENDED {
  /** fnevExtended. */
  ulEventType: typeof fnevExtended;
  /** The extended payload (info.ext). */
  ext: EXTENDED_NOTIFICATION;
}

/** A {@link NOTIFICATION} for fnevStatusObjectModified. @see notification.md */
export interface NOTIFICATION_STATOBJ {
  /** fnevStatusObjectModified. */
  ulEventType: typeof fnevStatusObjectModified;
  /** The status object payload (info.statobj). */
  statobj: STATUS_OBJECT_NOTIFICATION;
}

/**
 * One event delivered to an advise sink. The C union `info` is flattened: check
 * `ulEventType`, then read the member it selects (`n.newmail`, `n.obj`, `n.tab`, `n.err`,
 * `n.ext` or `n.statobj`), exactly as `pNotif->newmail` in C.
 *
 * @example
 * if (n.ulEventType === fnevNewMail) console.log(n.newmail.lpszMessageClass);
 * @see notification.md
 */
export type NOTIFICATION =
  | NOTIFICATION_NEWMAIL
  | NOTIFICATION_OBJECT
  | NOTIFICATION_TABLE
  | NOTIFICATION_ERROR
  | NOTIFICATION_EXTENDED
  | NOTIFICATION_STATOBJ;

/** The {@link NOTIFICATION} variant for one event type: `NotificationOf<typeof fnevNewMail>`. */
export type NotificationOf<E extends NOTIFICATION['ulEventType']> = Extract<NOTIFICATION, { ulEventType: E }>;

/**
 * An advise sink: MAPI calls `onNotify` with one or more notifications. A returned promise
 * is awaited before the same sink gets its next batch.
 * @see imapiadvisesinkiunknown.md
 * @see imapiadvisesink-onnotify.md
 */
export interface IMAPIAdviseSink {
  /** Handles a batch of notifications (cNotif + lpNotifications); do not keep or modify them. */
  onNotify(lpNotifications: NOTIFICATION[]): void | Promise<void>;
}

/**
 * What an advise call accepts: an {@link IMAPIAdviseSink}, or a plain callback that
 * stands for one.
 * @see imapiadvisesink-onnotify.md
 */
export type AdviseSinkLike = IMAPIAdviseSink | ((lpNotifications: NOTIFICATION[]) => void | Promise<void>);
