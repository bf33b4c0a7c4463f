import type { SPropValue } from '../props/types.js';
import type { NamedPropertyMap } from '../props/NamedPropertyMap.js';
import type { Clock } from './clock.js';
import type { IdSource } from './ids.js';
import type { MessageContent, StoreBackend } from './store.js';
import { MapiError } from '../errors/MapiError.js';

/**
 * The transport-provider SPI: what a third party writes to move mail between mailboxes
 * (or out of the emulated world), in the spirit of IXPProvider / IXPLogon.
 *
 * A transport is a provider of kind `'transport'` in a message service
 * ({@link ../spi/services.ts}): `{ kind: 'transport', displayName, transport: myProvider }`.
 * The spooler (`src/core/spooler/`) does the rest, as the MAPI spooler does:
 *
 * 1. A client calls `IMessage.submitMessage`; the store marks the message MSGFLAG_SUBMIT and
 *    hands it to the spooler (the store kit's `StoreSupport.submit`).
 * 2. The spooler logs on to the profile's transports once ({@link TransportProvider.logon},
 *    IXPProvider::TransportLogon), asks each for its address types
 *    ({@link TransportLogon.addressTypes}) and, in the profile's transport order
 *    (`IMsgServiceAdmin.msgServiceTransportOrder`), gives each transport the message with
 *    the recipients whose PR_ADDRTYPE it handles and that no earlier transport took
 *    ({@link TransportLogon.submitMessage}, IXPLogon::SubmitMessage).
 * 3. The transport answers which recipients it took (PR_RESPONSIBILITY) and which failed
 *    (the role of IMAPISupport::StatusRecips): the spooler writes non-delivery reports for
 *    failures and for recipients no transport handles, delivery reports where asked, then
 *    calls {@link TransportLogon.endMessage} and IMsgStore::FinishedMsg (Sent Items,
 *    PR_DELETE_AFTER_SUBMIT).
 * 4. A transport that cannot send now rejects submitMessage with a {@link TransportRetry}
 *    (MAPI_E_WAIT, MAPI_E_NETWORK_ERROR, MAPI_E_BUSY): the message stays in the outgoing
 *    queue with the error on the transport's status row, and is tried again later.
 * 5. Delivery: a transport that is its own mail server (the loopback transport) puts a
 *    message into a recipient's mailbox with {@link TransportSupport.deliver}; a transport
 *    that receives from outside says so through {@link TransportLogon.poll} and hands
 *    each message over with {@link TransportLogon.startMessage} (IXPLogon::Poll /
 *    StartMessage): the spooler delivers it into the default store of the profile.
 *
 * A minimal transport (every address type `ACME`, sent to a list):
 * ```ts
 * const sent: MessageContent[] = [];
 * mapi.registerService({
 *   name: 'ACME_XP', displayName: 'Acme transport',
 *   providers: [{ kind: 'transport', displayName: 'Acme transport', transport: {
 *     async logon() {
 *       return {
 *         addressTypes: () => ({ types: ['ACME'] }),
 *         async submitMessage(msg) {
 *           sent.push(msg.content);
 *           return { msgRef: sent.length, responsible: msg.recipients.map((r) => r.rowId) };
 *         },
 *         async endMessage() { return 0; },
 *         async logoff() {},
 *       };
 *     },
 *   } }],
 * });
 * ```
 * A provider proves itself with `describeTransportProviderContract` (`mapi-emu/vitest`).
 * @see mapi-transport-provider-overview.md
 * @see mapi-spooler-overview.md
 */

/** BEGIN_DEFERRED (mapispi.h: For SubmitMessage): the message was deferred before and is sent now. */
export const BEGIN_DEFERRED = 0x00000001;
/** END_RESEND_NOW (mapispi.h: Flags that the transport may pass to the Spooler). */
export const END_RESEND_NOW = 0x00010000;
/** END_RESEND_LATER (mapispi.h). */
export const END_RESEND_LATER = 0x00020000;
/** END_DONT_RESEND (mapispi.h). */
export const END_DONT_RESEND = 0x00040000;
/** NOTIFY_ABORT_DEFERRED (mapispi.h: For TransportNotify). */
export const NOTIFY_ABORT_DEFERRED = 0x40000000;
/** NOTIFY_CANCEL_MESSAGE (mapispi.h). */
export const NOTIFY_CANCEL_MESSAGE = 0x80000000;
/** NOTIFY_BEGIN_INBOUND (mapispi.h). */
export const NOTIFY_BEGIN_INBOUND = 0x00000001;
/** NOTIFY_END_INBOUND (mapispi.h). */
export const NOTIFY_END_INBOUND = 0x00010000;
/** NOTIFY_BEGIN_OUTBOUND (mapispi.h). */
export const NOTIFY_BEGIN_OUTBOUND = 0x00000002;
/** NOTIFY_END_OUTBOUND (mapispi.h). */
export const NOTIFY_END_OUTBOUND = 0x00020000;
/** NOTIFY_BEGIN_INBOUND_FLUSH (mapispi.h). */
export const NOTIFY_BEGIN_INBOUND_FLUSH = 0x00000004;
/** NOTIFY_END_INBOUND_FLUSH (mapispi.h). */
export const NOTIFY_END_INBOUND_FLUSH = 0x00040000;
/** NOTIFY_BEGIN_OUTBOUND_FLUSH (mapispi.h). */
export const NOTIFY_BEGIN_OUTBOUND_FLUSH = 0x00000008;
/** NOTIFY_END_OUTBOUND_FLUSH (mapispi.h). */
export const NOTIFY_END_OUTBOUND_FLUSH = 0x00080000;
/** LOGOFF_NORMAL (mapispi.h: For TransportLogoff). */
export const LOGOFF_NORMAL = 0x00000001;
/** MAPI_REASON_TRANSFER_FAILED (mapidefs.h, PR_NDR_REASON_CODE; missing from the generated tables). */
export const MAPI_REASON_TRANSFER_FAILED = 0;
/** MAPI_REASON_TRANSFER_IMPOSSIBLE (mapidefs.h). */
export const MAPI_REASON_TRANSFER_IMPOSSIBLE = 1;
/** MAPI_REASON_CONVERSION_NOT_PERFORMED (mapidefs.h). */
export const MAPI_REASON_CONVERSION_NOT_PERFORMED = 2;

/** What IXPLogon::AddressTypes answers. @see ixplogon-addresstypes.md */
export interface TransportAddressTypes {
  /** The address types (PR_ADDRTYPE values, compared case-insensitively) of the recipients the transport handles. */
  types: readonly string[];
  /** MAPIUIDs of the entry IDs it handles (optional; recipients are routed by address type here). */
  uids?: readonly Uint8Array[];
}

/** A recipient of a message the spooler hands to a transport. */
export interface OutgoingRecipient {
  /** PR_ROWID of the recipient in the message: the key of {@link SubmitResult}. */
  readonly rowId: number;
  /** PR_DISPLAY_NAME. */
  readonly displayName: string;
  /** PR_ADDRTYPE. */
  readonly addressType: string;
  /** PR_EMAIL_ADDRESS. */
  readonly emailAddress: string;
  /** PR_RECIPIENT_TYPE (MAPI_TO, MAPI_CC, MAPI_BCC). */
  readonly recipientType: number;
  /** Every property of the recipient row (copies). */
  readonly props: ReadonlyMap<number, SPropValue>;
}

/** The message the spooler hands to IXPLogon::SubmitMessage. */
export interface OutgoingMessage {
  /** PR_ENTRYID of the message in the sender's store. */
  readonly entryId: Uint8Array;
  /** The content as submitted (a deep copy the transport may keep). */
  readonly content: MessageContent;
  /** The recipients this transport is asked to handle: its address types, PR_RESPONSIBILITY still FALSE. */
  readonly recipients: readonly OutgoingRecipient[];
  /** BEGIN_DEFERRED when the message was deferred before. */
  readonly flags: number;
  /** The sender store's named-property map: what the content's property IDs 0x8000 and up mean (pass it to {@link TransportSupport.deliver}). */
  readonly namedProps: NamedPropertyMap;
}

/** A recipient a transport could not deliver to (what IMAPISupport::StatusRecips reports). @see imapisupport-statusrecips.md */
export interface RecipientFailure {
  /** PR_ROWID of the recipient. */
  rowId: number;
  /** PR_NDR_REASON_CODE [MAPI_REASON_TRANSFER_FAILED]. */
  reasonCode?: number;
  /** PR_NDR_DIAG_CODE [MAPI_DIAG_OR_NAME_UNRECOGNIZED]. */
  diagCode?: number;
  /** PR_REPORT_TEXT of the report: why, in words. */
  text?: string;
}

/** What IXPLogon::SubmitMessage answers on success. */
export interface SubmitResult {
  /** The reference value passed back to {@link TransportLogon.endMessage} (lpulMsgRef). */
  msgRef: number;
  /** Rows the transport took responsibility for (PR_RESPONSIBILITY TRUE), delivered or failed. */
  responsible: readonly number[];
  /** Rows among `responsible` that could not be delivered: the spooler writes a non-delivery report. */
  failed?: readonly RecipientFailure[];
}

/** A message a transport received (IXPLogon::StartMessage): the spooler delivers it into the profile's default store. */
export interface IncomingMessage {
  /** The content to store (PR_MESSAGE_CLASS picks the receive folder). */
  content: MessageContent;
}

/** Where {@link TransportSupport.deliver} puts a message: the data of a mailbox the transport's server holds. */
export interface DeliveryTarget {
  /** The mailbox's data. */
  backend: StoreBackend;
  /** PR_MDB_PROVIDER of the store type. */
  mdbProvider: Uint8Array;
  /** PR_DISPLAY_NAME of the store, for the default folders of a new mailbox. */
  displayName: string;
  /** True when the mailbox was just created: the spooler creates its default folders first. */
  isNew: boolean;
}

/** How {@link TransportSupport.deliver} treats a message. */
export interface DeliveryOptions {
  /** The named-property map the content's IDs 0x8000 and up come from (re-mapped by name into the target store). */
  namedProps?: NamedPropertyMap;
  /** The user the copy is delivered to (PR_RECEIVED_BY_NAME, _ADDRTYPE, _EMAIL_ADDRESS, _ENTRYID, _SEARCH_KEY). */
  receivedBy?: { displayName: string; addressType: string; emailAddress: string };
}

/** What a delivery made. */
export interface DeliveredMessage {
  /** PR_ENTRYID of the new message in the recipient's store. */
  entryId: Uint8Array;
  /** PR_ENTRYID of the receive folder it was put in. */
  folderEntryId: Uint8Array;
}

/** What the spooler gives a transport logon (the role of IMAPISupport for transports). @see imapisupportiunknown.md */
export interface TransportSupport {
  /** The subsystem's clock. */
  readonly clock: Clock;
  /** The subsystem's identifier source. */
  readonly ids: IdSource;
  /**
   * Delivers a message into a mailbox: the receive folder of its PR_MESSAGE_CLASS
   * (IMsgStore::GetReceiveFolder), PR_MESSAGE_DELIVERY_TIME from the clock, unsent/submit
   * flags cleared, MSGFLAG_RN_PENDING when a read receipt is requested, then
   * fnevObjectCreated and fnevNewMail in that store. Rejects with MAPI_E_NOT_FOUND when the
   * store has no receive folder for the class.
   */
  deliver(target: DeliveryTarget, content: MessageContent, options?: DeliveryOptions): Promise<DeliveredMessage>;
  /** IMAPISupport::SpoolerNotify(NOTIFY_NEWMAIL): inbound mail waits; the spooler polls soon. */
  newMail(): void;
}

/** What a transport's logon is told. */
export interface TransportLogonInfo {
  /** PR_SERVICE_UID of the provider's service. */
  readonly serviceUid: Uint8Array;
  /** PR_PROVIDER_UID of the provider in the profile. */
  readonly providerUid: Uint8Array;
  /** The provider's profile section laid over its service's section, by PROP_ID (read-only). */
  readonly profileSection: ReadonlyMap<number, SPropValue>;
  /** Name of the profile. */
  readonly profileName: string;
}

/**
 * A transport provider (IXPProvider): logs on once per profile the spooler serves.
 * @see ixpprovider-transportlogon.md
 */
export interface TransportProvider {
  /** IXPProvider::TransportLogon: reject with MAPI_E_UNCONFIGURED / MAPI_E_LOGON_FAILED when it cannot work. */
  logon(support: TransportSupport, info: TransportLogonInfo): Promise<TransportLogon>;
}

/**
 * A transport logon (IXPLogon). Only addressTypes, submitMessage, endMessage and logoff
 * are required; the others are optional features.
 * @see ixplogoniunknown.md
 */
export interface TransportLogon {
  /** IXPLogon::AddressTypes. @see ixplogon-addresstypes.md */
  addressTypes(): TransportAddressTypes;
  /**
   * IXPLogon::SubmitMessage: send `message` to its recipients. Resolve with the rows taken
   * and the failures; reject with a {@link TransportRetry} (MAPI_E_WAIT,
   * MAPI_E_NETWORK_ERROR, MAPI_E_BUSY) to keep the message queued and be called again
   * later, with MAPI_E_NOT_ME to let the next transport try, with MAPI_E_CANCEL to drop it.
   * Any other rejection is treated as MAPI_E_NETWORK_ERROR.
   * @see ixplogon-submitmessage.md
   */
  submitMessage(message: OutgoingMessage): Promise<SubmitResult>;
  /** IXPLogon::EndMessage: the spooler finished with the message; answer 0 (sent) or END_* flags. @see ixplogon-endmessage.md */
  endMessage(msgRef: number): Promise<number>;
  /** IXPLogon::Poll: number of inbound messages waiting. @see ixplogon-poll.md */
  poll?(): number;
  /** IXPLogon::StartMessage: the next inbound message, or undefined when none waits. @see ixplogon-startmessage.md */
  startMessage?(): Promise<IncomingMessage | undefined>;
  /** IXPLogon::FlushQueues: send and receive what waits now (FLUSH_UPLOAD / FLUSH_DOWNLOAD). @see ixplogon-flushqueues.md */
  flushQueues?(flags: number): Promise<void>;
  /** IXPLogon::TransportNotify: NOTIFY_BEGIN_OUTBOUND, NOTIFY_CANCEL_MESSAGE, NOTIFY_ABORT_DEFERRED, ... @see ixplogon-transportnotify.md */
  transportNotify?(flags: number, entryIds?: readonly Uint8Array[]): void;
  /** IXPLogon::ValidateState: check the connection (FORCE_XP_CONNECT, ...); reject when it is broken. @see ixplogon-validatestate.md */
  validateState?(flags: number): Promise<void>;
  /**
   * IXPLogon::OpenStatusEntry: properties of the transport's status row beyond the session's
   * (PR_STATUS_STRING, PR_IDENTITY_*, ...). @see ixplogon-openstatusentry.md
   */
  openStatusEntry?(): readonly SPropValue[];
  /** IXPLogon::TransportLogoff. @see ixplogon-transportlogoff.md */
  logoff(flags: number): Promise<void>;
}

/**
 * A transport's "not now" (MAPI_E_WAIT, MAPI_E_NETWORK_ERROR, MAPI_E_BUSY), with the number
 * of seconds before the spooler tries again (lpulReturnParm of IXPLogon::SubmitMessage).
 * @see ixplogon-submitmessage.md
 */
export class TransportRetry extends MapiError {
  constructor(
    scode: number,
    message: string,
    /** Seconds before the spooler resubmits [the spooler's retry interval]. */
    readonly retryAfterSeconds?: number,
  ) {
    super(scode, message);
  }
}
