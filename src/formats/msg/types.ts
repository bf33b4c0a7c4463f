/**
 * Options of the .msg reader and writer ([MS-OXMSG]).
 */
import type { Clock } from '../../core/spi/clock.js';

/** Options of {@link readMsg} and {@link MsgFile.open}. */
export interface ReadMsgOptions {
  /**
   * What CP_ACP means when a message's PT_STRING8 values name no code page of their own
   * (no PR_MESSAGE_CODEPAGE, no PR_INTERNET_CPID): default 1252.
   */
  acp?: number;
  /** Deepest nesting of embedded messages accepted (default 32); deeper is MAPI_E_CORRUPT_DATA. */
  maxDepth?: number;
}

/** Options of {@link writeMsg}. */
export interface WriteMsgOptions {
  /**
   * Write a Unicode .msg (default true): every string as PT_UNICODE, STORE_UNICODE_OK set in
   * PR_STORE_SUPPORT_MASK. With false, an ANSI .msg: every string as PT_STRING8 in `codePage`.
   */
  unicode?: boolean;
  /**
   * Code page of the PT_STRING8 values of an ANSI file (default: the message's own, from
   * PR_MESSAGE_CODEPAGE / PR_INTERNET_CPID, else 1252). Written as PR_MESSAGE_CODEPAGE when
   * the message has none. Ignored for Unicode files.
   */
  codePage?: number;
  /** Where the storage timestamps come from (default: the system clock). */
  clock?: Clock;
  /** Write an Outlook template (.oft): the root gets the template CLSID instead of CLSID_MailMessage. */
  template?: boolean;
  /** Compound file version: 3 (512-byte sectors, what Outlook writes; the default) or 4. */
  cfbVersion?: 3 | 4;
}
