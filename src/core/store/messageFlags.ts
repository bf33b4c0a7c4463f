import { MapiError } from '../errors/MapiError.js';
import { checkFlags } from '../props/MapiProp.js';
import {
  CLEAR_NRN_PENDING,
  CLEAR_READ_FLAG,
  CLEAR_RN_PENDING,
  GENERATE_RECEIPT_ONLY,
  MAPI_DEFERRED_ERRORS,
  MSGFLAG_ASSOCIATED,
  MSGFLAG_FROMME,
  MSGFLAG_HASATTACH,
  MSGFLAG_NRN_PENDING,
  MSGFLAG_READ,
  MSGFLAG_RESEND,
  MSGFLAG_RN_PENDING,
  MSGFLAG_SUBMIT,
  MSGFLAG_UNMODIFIED,
  MSGFLAG_UNSENT,
  SUPPRESS_RECEIPT,
} from '../generated/constants.js';
import { MAPI_E_INVALID_PARAMETER } from '../generated/scodes.js';

/** MSGFLAG_ORIGIN_X400 (mapidefs.h; not in the generated tables). */
export const MSGFLAG_ORIGIN_X400 = 0x00001000;
/** MSGFLAG_ORIGIN_INTERNET (mapidefs.h; not in the generated tables). */
export const MSGFLAG_ORIGIN_INTERNET = 0x00002000;
/** MSGFLAG_ORIGIN_EXT_SEND (mapidefs.h; not in the generated tables). */
export const MSGFLAG_ORIGIN_EXT_SEND = 0x00004000;
/** MSGFLAG_ORIGIN_MISC_EXT (mapidefs.h; not in the generated tables). */
export const MSGFLAG_ORIGIN_MISC_EXT = 0x00008000;

/**
 * Bits of PR_MESSAGE_FLAGS a client can never change with SetProps
 * (pidtagmessageflags-canonical-property.md: "The client has read-only access to this flag",
 * and MSGFLAG_UNMODIFIED: "A client cannot clear this value after it has been set by a
 * message store provider").
 */
export const MSGFLAGS_READ_ONLY =
  MSGFLAG_ASSOCIATED |
  MSGFLAG_HASATTACH |
  MSGFLAG_NRN_PENDING |
  MSGFLAG_RN_PENDING |
  MSGFLAG_SUBMIT |
  MSGFLAG_UNMODIFIED |
  MSGFLAG_ORIGIN_X400 |
  MSGFLAG_ORIGIN_INTERNET |
  MSGFLAG_ORIGIN_EXT_SEND |
  MSGFLAG_ORIGIN_MISC_EXT;

/**
 * Bits a client may set with SetProps until the first SaveChanges, "and read-only thereafter"
 * (MSGFLAG_READ: "before the message has been saved for the first time"; later only through
 * SetReadFlag / SetReadFlags).
 */
export const MSGFLAGS_UNTIL_FIRST_SAVE = MSGFLAG_READ | MSGFLAG_UNSENT | MSGFLAG_RESEND | MSGFLAG_FROMME;

/** PR_MESSAGE_FLAGS of a message CreateMessage just made: "typically MSGFLAG_UNSENT and MSGFLAG_UNMODIFIED". */
export function initialMessageFlags(associated: boolean): number {
  return MSGFLAG_UNSENT | MSGFLAG_UNMODIFIED | (associated ? MSGFLAG_ASSOCIATED : 0);
}

/**
 * The PR_MESSAGE_FLAGS value a SetProps of `requested` leaves: read-only bits keep their
 * `current` state, the others take the requested one. Read-only bits are masked silently,
 * not refused (docs/decisions/008-messages.md): the page calls them read-only "as far as
 * IMAPIProp::SetProps is concerned", and a client that sets the whole value (READ | UNSENT |
 * HASATTACH copied from elsewhere) still gets the bits it may change. MSGFLAG_READ is dropped
 * for associated messages, "which do not retain a read/unread state".
 */
export function maskClientFlags(requested: number, current: number, savedOnce: boolean, associated: boolean): number {
  const readOnly = MSGFLAGS_READ_ONLY | (savedOnce ? MSGFLAGS_UNTIL_FIRST_SAVE : 0);
  let f = (current & readOnly) | (requested & ~readOnly);
  if (associated) f &= ~MSGFLAG_READ;
  return f | 0;
}

/** Flags IMessage::SetReadFlag and IMAPIFolder::SetReadFlags share. */
export const SET_READ_FLAGS = SUPPRESS_RECEIPT | CLEAR_READ_FLAG | MAPI_DEFERRED_ERRORS | GENERATE_RECEIPT_ONLY | CLEAR_RN_PENDING | CLEAR_NRN_PENDING;

/**
 * Checks SetReadFlag's flags: unknown bits → MAPI_E_UNKNOWN_FLAGS; the combinations the page
 * lists → MAPI_E_INVALID_PARAMETER (SUPPRESS_RECEIPT | CLEAR_READ_FLAG, and
 * CLEAR_READ_FLAG | GENERATE_RECEIPT_ONLY, with or without the third). `extra` lets
 * IMAPIFolder::SetReadFlags allow MESSAGE_DIALOG.
 * @see imessage-setreadflag.md
 */
export function checkReadFlagArgs(method: string, ulFlags: unknown, extra = 0): number {
  const flags = checkFlags(method, ulFlags, SET_READ_FLAGS | extra);
  if ((flags & CLEAR_READ_FLAG) && (flags & (SUPPRESS_RECEIPT | GENERATE_RECEIPT_ONLY))) {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: CLEAR_READ_FLAG cannot be combined with SUPPRESS_RECEIPT or GENERATE_RECEIPT_ONLY`);
  }
  return flags;
}

/** What SetReadFlag does to a message. */
export interface ReadFlagChange {
  /** The new PR_MESSAGE_FLAGS. */
  flags: number;
  /** PR_READ_RECEIPT_REQUESTED is to be set to FALSE (SUPPRESS_RECEIPT | GENERATE_RECEIPT_ONLY). */
  clearReceiptRequested: boolean;
  /** A pending read report is due now (the transport issue sends it; for now it is only dropped from MSGFLAG_RN_PENDING). */
  sendReadReport: boolean;
}

/**
 * The effect of SetReadFlag's flags on PR_MESSAGE_FLAGS, as the page's "Notes to callers"
 * describe it. Associated messages keep no read state: nothing changes.
 * @see imessage-setreadflag.md
 */
export function applyReadFlag(ulFlags: number, current: number, associated: boolean): ReadFlagChange {
  let f = current;
  let clearReceiptRequested = false;
  let sendReadReport = false;
  if (associated) return { flags: current | 0, clearReceiptRequested, sendReadReport };
  const suppress = (ulFlags & SUPPRESS_RECEIPT) !== 0;
  const receiptOnly = (ulFlags & GENERATE_RECEIPT_ONLY) !== 0;
  if (suppress && receiptOnly) {
    // "set the PR_READ_RECEIPT_REQUESTED property to FALSE if it is set and do not send a read report."
    clearReceiptRequested = true;
    f &= ~MSGFLAG_RN_PENDING;
  } else if (receiptOnly) {
    // "send any pending read reports. Do not set or clear MSGFLAG_READ."
    if (f & MSGFLAG_RN_PENDING) sendReadReport = true;
    f &= ~MSGFLAG_RN_PENDING;
  } else if (ulFlags & CLEAR_READ_FLAG) {
    f &= ~MSGFLAG_READ;
  } else if (!(f & MSGFLAG_READ)) {
    // No flags: "If MSGFLAG_READ is not set, set it and send any pending read reports";
    // SUPPRESS_RECEIPT: "set it and cancel any pending read reports". A read message needs no non-read report.
    f |= MSGFLAG_READ;
    if (f & MSGFLAG_RN_PENDING && !suppress) sendReadReport = true;
    f &= ~(MSGFLAG_RN_PENDING | MSGFLAG_NRN_PENDING);
  }
  // CLEAR_RN_PENDING / CLEAR_NRN_PENDING: clear the bit "and no read report should be sent".
  if (ulFlags & CLEAR_RN_PENDING) {
    f &= ~MSGFLAG_RN_PENDING;
    sendReadReport = false;
  }
  if (ulFlags & CLEAR_NRN_PENDING) f &= ~MSGFLAG_NRN_PENDING;
  return { flags: f | 0, clearReceiptRequested, sendReadReport };
}
