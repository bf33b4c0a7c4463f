import type { Clock } from '../spi/clock.js';
import type { IdSource } from '../spi/ids.js';
import type { MessageContent, MessageRecord, NodeId, RecipientRecord, StoreBackend } from '../spi/store.js';
import type { DeliveredMessage, DeliveryOptions, DeliveryTarget, RecipientFailure, TransportSupport } from '../spi/transport.js';
import { NamedPropertyMap } from '../props/NamedPropertyMap.js';
import type { Scheduler } from '../notify/scheduler.js';
import type { StoreContext } from '../store/StoreContext.js';
import type { Profile } from '../session/Profile.js';
import type { SPropValue } from '../props/types.js';
import { FILETIME } from '../props/filetime.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import { contentOf, cloneContent } from '../store/messageOps.js';
import { flagsOf } from '../store/saveRules.js';
import { finishMessage, recordProgress, unsubmit } from './finish.js';
import { TransportRetry, END_RESEND_LATER, END_RESEND_NOW, MAPI_REASON_TRANSFER_IMPOSSIBLE } from '../spi/transport.js';
import { deliverInto } from './delivery.js';
import { deliveryReport, nonDeliveryReport, readReport, textOf } from './reports.js';
import { TransportTable } from './transports.js';
import { asMapiError, expandForRouting, isDistList, notSentAgain, outgoingRecipient, recipientRow } from './routing.js';
import { senderIdentity, stampSender } from './sender.js';
import * as T from '../generated/proptags.js';
import { BEGIN_DEFERRED } from '../spi/transport.js';
import { MSGFLAG_SUBMIT, MAPI_DIAG_OR_NAME_UNRECOGNIZED } from '../generated/constants.js';
import type { IAddrBook } from '../ab/interfaces.js';
import { MAPI_E_CANCEL, MAPI_E_NETWORK_ERROR, MAPI_E_NOT_ME } from '../generated/scodes.js';

/** What the spooler needs from the subsystem it serves. */
export interface SpoolerHost {
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly scheduler: Scheduler;
  /** The profiles of the sessions logged on to a store, first session first. */
  profilesOn(ctx: StoreContext): Profile[];
  /** A store context for a backend (shared with the sessions); pair with releaseContext. */
  acquireContext(backend: StoreBackend, storeEntryId: Uint8Array, mdbProvider: Uint8Array, isNew: boolean, displayName: string): Promise<StoreContext>;
  releaseContext(ctx: StoreContext): void;
  /** The status rows changed (transport errors, logons): sessions re-read them. */
  statusChanged(): void;
  /** The profiles of the live sessions (inbound polling). */
  activeProfiles(): Profile[];
  /** The default store of a profile, when a session has it open (inbound delivery). */
  defaultStore(profile: Profile): StoreContext | undefined;
  /** The address book of a session of the profile (distribution-list expansion), or undefined. */
  addressBook(profile: Profile): Promise<IAddrBook | undefined>;
}

/** A message in the spooler's queue. */
interface QueueEntry {
  ctx: StoreContext;
  id: NodeId;
  profile: Profile | undefined;
  /** Not sent before this time (deferred delivery, retry after an error), in FILETIME ticks. */
  notBefore?: bigint;
  cancelTimer?: () => void;
  /** The last transport error. */
  error?: MapiError;
  attempts: number;
  /**
   * The bookkeeping of earlier attempts, kept until the message is finished: the recipients as
   * routed (distribution lists expanded, with PR_RESPONSIBILITY of each row, since expanded rows
   * are not stored in the message), the failures and the delivered rows for the reports.
   */
  progress?: { routing?: RecipientRecord[]; failures: RecipientFailure[]; delivered: number[] };
}

/** Options of the spooler. */
export interface SpoolerOptions {
  /** Seconds before a message a transport could not send is tried again, unless the transport says [60]. */
  retrySeconds?: number;
}

/** A clock that can run code when it passes a time (VirtualClock). */
function timerClock(c: Clock): c is Clock & { setTimer(at: FILETIME, fn: () => void): () => void } {
  return typeof (c as { setTimer?: unknown }).setTimer === 'function';
}

function queued(m: MessageRecord | undefined): m is MessageRecord {
  return !!m && !m.softDeleted && (flagsOf(m.props) & MSGFLAG_SUBMIT) !== 0;
}

/**
 * The MAPI spooler of one subsystem: takes submitted messages from stores (the store kit's
 * `StoreSupport.submit`), hands them to the transports of the submitting profile in
 * transport order, by address type, writes reports (non-delivery, delivery, read), delivers
 * inbound mail, and finishes each message in its store (IMsgStore::FinishedMsg: Sent Items or
 * PR_DELETE_AFTER_SUBMIT). It runs on the subsystem's scheduler (a ManualScheduler runs it on
 * `world.flush()`), and deferred sends and retries wait for the subsystem's clock.
 * @see mapi-spooler-overview.md
 * @see sending-messages-mapi-spooler-tasks.md
 */
export class Spooler {
  private readonly queue: QueueEntry[] = [];
  /** Messages the spooler made (read reports) waiting to be sent. */
  private readonly generated: { profile: Profile; content: MessageContent }[] = [];
  readonly transports: TransportTable;
  private running: Promise<void> | null = null;
  private scheduled = false;
  private dirty = false;
  private readonly retrySeconds: number;
  /** Store contexts of the mailboxes delivered to during the current run (released at its end). */
  private held: Map<StoreBackend, StoreContext> | null = null;
  private readonly support: TransportSupport;
  /** Named properties of reports the spooler writes itself (none are used: an empty map). */
  private readonly reportNames: NamedPropertyMap;

  constructor(
    private readonly host: SpoolerHost,
    options: SpoolerOptions = {},
  ) {
    this.retrySeconds = options.retrySeconds ?? 60;
    this.reportNames = new NamedPropertyMap(new Uint8Array(16));
    this.support = {
      clock: host.clock,
      ids: host.ids,
      deliver: (target, content, options) => this.deliverToTarget(target, content, options),
      newMail: () => this.kick(),
    };
    this.transports = new TransportTable(this.support, () => host.statusChanged());
  }

  /** Number of messages waiting in the queue (deferred and retrying ones included). */
  get queueLength(): number {
    return this.queue.length;
  }

  /** The last error of a queued message, if a transport failed on it. */
  lastError(ctx: StoreContext, id: NodeId): MapiError | undefined {
    return this.queue.find((e) => e.ctx === ctx && e.id === id)?.error;
  }

  // ------------------------------------------------------------------ entry points

  /** The store kit's hand-off (StoreSupport.submit): queue the message and run soon. */
  async submit(ctx: StoreContext, id: NodeId): Promise<void> {
    // Submitted again (after AbortSubmit) before the spooler dropped it: the entry is reused, its time read again.
    let entry = this.queue.find((e) => e.ctx === ctx && e.id === id);
    if (entry) {
      entry.cancelTimer?.();
      entry.cancelTimer = undefined;
      entry.notBefore = undefined;
      // The recipients may have changed since: routed afresh.
      entry.progress = undefined;
    } else {
      const held = await this.host.acquireContext(ctx.backend, ctx.storeEntryId, ctx.mdbProvider, false, '');
      entry = { ctx: held, id, profile: this.host.profilesOn(ctx)[0], attempts: 0 };
      this.queue.push(entry);
    }
    const deferred = ctx.backend.message(id)?.props.get(PROP_ID(T.PR_DEFERRED_DELIVERY_TIME))?.Value;
    // pidtagdeferreddeliverytime-canonical-property.md: the message is not sent before this time.
    if (deferred instanceof FILETIME && deferred.ticks > this.host.clock.now().ticks) this.wait(entry, deferred.ticks);
    this.kick();
  }

  /** Asks for a run on the scheduler (one pending run at a time). */
  kick(): void {
    this.dirty = true;
    if (this.scheduled) return;
    this.scheduled = true;
    this.host.scheduler.enqueue(() => void this.start());
  }

  /**
   * Runs the spooler until it has nothing due: sends due messages, polls inbound transports.
   * This is what `world.flush()` awaits; tests call it to send "now" deterministically.
   */
  async flush(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      if (this.running) await this.running;
      else if (this.dirty || this.scheduled) await this.start();
      else return;
    }
  }

  /** FlushQueues of the spooler or a transport: due-or-not, every queued message of the profile is tried now. */
  async flushQueues(profile: Profile | undefined, flags: number): Promise<void> {
    for (const e of this.queue) {
      if (profile && e.profile !== profile) continue;
      // Retries wait no longer; deferred delivery is the sender's wish and keeps its time.
      if (e.error && e.cancelTimer) {
        e.cancelTimer();
        e.cancelTimer = undefined;
        e.notBefore = undefined;
      }
    }
    if (profile) for (const s of await this.transports.ordered(profile)) await s.logon?.flushQueues?.(flags);
    this.kick();
    await this.flush();
  }

  /** The address types of a profile's transports, in transport order, without repeats (IMAPISession::EnumAdrTypes). */
  async addressTypes(profile: Profile): Promise<string[]> {
    const out: string[] = [];
    for (const s of await this.transports.ordered(profile)) for (const t of s.logon?.addressTypes().types ?? []) if (!out.some((x) => x.toUpperCase() === t.toUpperCase())) out.push(t);
    return out;
  }

  /** ValidateState on a transport's status object: logs on, then asks the transport. */
  async validateState(profile: Profile, key: string, flags: number): Promise<void> {
    const p = profile.provider(key);
    if (!p) return;
    const s = this.transports.state(profile, p);
    await this.transports.logon(profile, s);
    if (!s.logon) throw s.error ?? new MapiError(MAPI_E_NETWORK_ERROR, 'validateState: the transport could not log on');
    try {
      await s.logon.validateState?.(flags);
      this.transports.setError(s, undefined);
    } catch (e) {
      this.transports.setError(s, asMapiError(e));
      throw e;
    }
  }

  /** A read report is due (SetReadFlag / SetReadFlags on a message with MSGFLAG_RN_PENDING), or a non-read report (a message with MSGFLAG_NRN_PENDING deleted unread): send it to the message's sender. */
  async readReceipt(ctx: StoreContext, rec: MessageRecord, kind: 'IPNRN' | 'IPNNRN'): Promise<void> {
    const profile = this.host.profilesOn(ctx)[0];
    const content = contentOf(rec);
    const reader = profile ? senderIdentity(profile) : undefined;
    const report = readReport(content, kind, reader, this.host.clock.now());
    const p = content.props;
    // The report goes to PR_REPORT_ENTRYID's user, else the sender (mapi-report-messages.md); here by the sender's address.
    const to = recipientRow(textOf(p, T.PR_SENDER_NAME_W) ?? '', textOf(p, T.PR_SENDER_ADDRTYPE_W) ?? '', textOf(p, T.PR_SENDER_EMAIL_ADDRESS_W) ?? '');
    if (!profile || !textOf(p, T.PR_SENDER_ADDRTYPE_W)) return;
    report.recipients.push(to);
    report.nextRowId = 1;
    if (reader) stampSender(report.props, reader);
    // Sent on the spooler's next run, not inside the client's SetReadFlag call.
    this.generated.push({ profile, content: report });
    this.kick();
  }

  // ------------------------------------------------------------------ the run

  private start(): Promise<void> {
    this.scheduled = false;
    if (this.running) {
      this.dirty = true;
      return this.running;
    }
    this.dirty = false;
    this.running = this.runOnce().finally(() => {
      this.running = null;
      if (this.dirty) this.kick();
    });
    return this.running;
  }

  private async runOnce(): Promise<void> {
    this.held = new Map();
    try {
      await this.runQueue();
    } finally {
      // Mailboxes delivered to during the run are released once, at its end.
      for (const ctx of this.held.values()) this.host.releaseContext(ctx);
      this.held = null;
    }
  }

  private async runQueue(): Promise<void> {
    const now = this.host.clock.now().ticks;
    for (const entry of [...this.queue]) {
      if (entry.notBefore !== undefined && entry.notBefore > now) continue;
      try {
        await this.process(entry);
      } catch (e) {
        // An unexpected failure (store gone, MAPI uninitialized): keep the message and its error for a later run.
        entry.error = asMapiError(e);
        this.retryLater(entry, this.retrySeconds);
      }
    }
    for (const g of this.generated.splice(0)) await this.sendGenerated(g.profile, g.content);
    await this.pollInbound();
  }

  private done(entry: QueueEntry): void {
    entry.cancelTimer?.();
    const i = this.queue.indexOf(entry);
    if (i >= 0) this.queue.splice(i, 1);
    this.host.releaseContext(entry.ctx);
  }

  private wait(entry: QueueEntry, at: bigint): void {
    entry.cancelTimer?.();
    entry.notBefore = at;
    const clock = this.host.clock;
    if (timerClock(clock)) {
      entry.cancelTimer = clock.setTimer(new FILETIME(at), () => {
        entry.cancelTimer = undefined;
        this.kick();
      });
    } else {
      const ms = Number((at - clock.now().ticks) / 10000n);
      const t = setTimeout(() => this.kick(), Math.max(0, ms));
      (t as { unref?: () => void }).unref?.();
      entry.cancelTimer = () => clearTimeout(t);
    }
  }

  private retryLater(entry: QueueEntry, seconds: number): void {
    entry.attempts++;
    this.wait(entry, this.host.clock.now().ticks + BigInt(Math.max(0, Math.round(seconds * 1e7))));
  }

  /** Sends one queued message through the transports (sending-messages-mapi-spooler-tasks.md). */
  private async process(entry: QueueEntry): Promise<void> {
    const { ctx, id } = entry;
    const rec = ctx.backend.message(id);
    // Aborted (IMsgStore::AbortSubmit) or deleted meanwhile: nothing to send.
    if (!queued(rec)) return this.done(entry);
    try {
      // Step 1: lock the message, so AbortSubmit fails while it is being sent (imsgstore-setlockstate.md).
      ctx.lockedMessages.add(id);
      const content = contentOf(rec);
      const identity = entry.profile ? senderIdentity(entry.profile) : undefined;
      if (identity) stampSender(content.props, identity, true);
      // Failures and deliveries of earlier attempts (a transport failed, the message is retried) count for the reports.
      const progress = (entry.progress ??= { failures: [], delivered: [] });
      const { failures, delivered } = progress;
      const routing = progress.routing ?? (await this.route(entry.profile, content));
      // Expanded rows exist only here: kept for the next attempt, so members a transport took are not sent to again.
      if (routing !== content.recipients) progress.routing = routing;
      const pending = () => routing.filter((r) => r.props.get(PROP_ID(T.PR_RESPONSIBILITY))?.Value !== true);
      const transports = entry.profile ? await this.transports.ordered(entry.profile) : [];
      // Step 2: each transport, in transport order, gets the recipients of its address types that nobody took yet.
      for (const s of transports) {
        const mine = pending().filter((r) => s.types.has((textOf(r.props, T.PR_ADDRTYPE_W) ?? '').toUpperCase()));
        if (!mine.length || !s.logon) continue;
        let result;
        try {
          result = await s.logon.submitMessage({ entryId: ctx.messageEntryId(rec), content: cloneContent(content), recipients: mine.map(outgoingRecipient), namedProps: ctx.backend.namedProps, flags: content.props.has(PROP_ID(T.PR_DEFERRED_DELIVERY_TIME)) ? BEGIN_DEFERRED : 0 });
        } catch (e) {
          const err = asMapiError(e);
          if (err.scode === MAPI_E_NOT_ME >>> 0) continue;
          if (err.scode === MAPI_E_CANCEL >>> 0) {
            await unsubmit(ctx, id);
            return this.done(entry);
          }
          // ixplogon-submitmessage.md: MAPI_E_WAIT / MAPI_E_NETWORK_ERROR — "the MAPI spooler retains the message".
          entry.error = err;
          this.transports.setError(s, err);
          await recordProgress(ctx, id, content);
          this.retryLater(entry, e instanceof TransportRetry && e.retryAfterSeconds !== undefined ? e.retryAfterSeconds : this.retrySeconds);
          return;
        }
        this.transports.setError(s, undefined);
        const failedRows = new Set((result.failed ?? []).map((f) => f.rowId));
        for (const rowId of result.responsible) {
          const r = routing.find((x) => x.rowId === rowId);
          if (!r) continue;
          r.props.set(PROP_ID(T.PR_RESPONSIBILITY), { ulPropTag: T.PR_RESPONSIBILITY, Value: true });
          if (!failedRows.has(rowId)) delivered.push(rowId);
        }
        failures.push(...(result.failed ?? []));
        const end = await s.logon.endMessage(result.msgRef);
        if (end & (END_RESEND_NOW | END_RESEND_LATER)) {
          await recordProgress(ctx, id, content);
          this.retryLater(entry, end & END_RESEND_NOW ? 0 : this.retrySeconds);
          return;
        }
      }
      // Recipients no transport handles get a non-delivery report from the spooler.
      for (const r of pending()) {
        const type = textOf(r.props, T.PR_ADDRTYPE_W) ?? '';
        failures.push({ rowId: r.rowId, reasonCode: MAPI_REASON_TRANSFER_IMPOSSIBLE, diagCode: MAPI_DIAG_OR_NAME_UNRECOGNIZED, text: `No transport provider of the profile delivers to the address type ${JSON.stringify(type)}.` });
        r.props.set(PROP_ID(T.PR_RESPONSIBILITY), { ulPropTag: T.PR_RESPONSIBILITY, Value: true });
      }
      if (routing !== content.recipients) for (const r of content.recipients) r.props.set(PROP_ID(T.PR_RESPONSIBILITY), { ulPropTag: T.PR_RESPONSIBILITY, Value: true });
      await this.reports(ctx, content, routing, failures, delivered);
      // Step 4: IMsgStore::FinishedMsg — unlock, Sent Items (PR_SENTMAIL_ENTRYID) or PR_DELETE_AFTER_SUBMIT.
      await recordProgress(ctx, id, content);
      await finishMessage(ctx, id);
      this.done(entry);
    } finally {
      ctx.lockedMessages.delete(id);
    }
  }

  /** Non-delivery report for failures, delivery report for delivered recipients when asked, into the sender's own store. */
  private async reports(ctx: StoreContext, content: MessageContent, routing: readonly RecipientRecord[], failures: RecipientFailure[], delivered: number[]): Promise<void> {
    const p = content.props;
    const now = this.host.clock.now();
    // pidtagoriginatornondeliveryreportrequested: NDRs go unless the sender set it to FALSE.
    if (failures.length && p.get(PROP_ID(T.PR_ORIGINATOR_NON_DELIVERY_REPORT_REQUESTED))?.Value !== false) {
      await deliverInto(ctx, nonDeliveryReport(content, failures, now, routing));
    }
    const wantsDr = (props: ReadonlyMap<number, SPropValue>) => props.get(PROP_ID(T.PR_ORIGINATOR_DELIVERY_REPORT_REQUESTED))?.Value === true;
    const drRows = delivered.filter((rowId) => wantsDr(p) || wantsDr(routing.find((r) => r.rowId === rowId)?.props ?? new Map()));
    if (drRows.length) await deliverInto(ctx, deliveryReport(content, drRows, now, routing));
  }

  /**
   * The rows a message is routed by. Distribution lists are expanded to their members through
   * the profile's address book (imapisupport-expandrecips.md; the message keeps the lists); the
   * rows as they are without one. Rows of a resend that are not sent to again (MAPI_SUBMITTED
   * ones, original rows that have a MAPI_P1 copy: routing.ts notSentAgain) get PR_RESPONSIBILITY,
   * so no transport is given them; a list among them is not expanded.
   */
  private async route(profile: Profile | undefined, content: MessageContent): Promise<RecipientRecord[]> {
    const all = content.recipients;
    const toExpand = all.filter((r) => !(isDistList(r.props) && notSentAgain(r, all)));
    let routing = all;
    if (toExpand.some((r) => isDistList(r.props))) {
      const ab = profile ? await this.host.addressBook(profile) : undefined;
      if (ab) routing = await expandForRouting(ab, content, toExpand);
    }
    for (const r of routing) if (notSentAgain(r, routing)) r.props.set(PROP_ID(T.PR_RESPONSIBILITY), { ulPropTag: T.PR_RESPONSIBILITY, Value: true });
    return routing;
  }

  /** Sends content the spooler made itself (a read report) through a profile's transports; failures are dropped (no report about a report). */
  private async sendGenerated(profile: Profile, content: MessageContent): Promise<void> {
    for (const s of await this.transports.ordered(profile)) {
      const mine = content.recipients.filter((r) => r.props.get(PROP_ID(T.PR_RESPONSIBILITY))?.Value !== true && s.types.has((textOf(r.props, T.PR_ADDRTYPE_W) ?? '').toUpperCase()));
      if (!mine.length || !s.logon) continue;
      try {
        const result = await s.logon.submitMessage({ entryId: new Uint8Array(0), content: cloneContent(content), recipients: mine.map(outgoingRecipient), namedProps: this.reportNames, flags: 0 });
        for (const rowId of result.responsible) content.recipients.find((r) => r.rowId === rowId)?.props.set(PROP_ID(T.PR_RESPONSIBILITY), { ulPropTag: T.PR_RESPONSIBILITY, Value: true });
        await s.logon.endMessage(result.msgRef);
      } catch (e) {
        this.transports.setError(s, asMapiError(e));
      }
    }
  }

  /** Inbound: transports that poll hand over waiting messages (IXPLogon::Poll / StartMessage); the spooler delivers them into the profile's default store. */
  private async pollInbound(): Promise<void> {
    for (const profile of this.host.activeProfiles()) {
      for (const s of await this.transports.ordered(profile)) {
        const logon = s.logon;
        if (!logon?.poll || !logon.startMessage) continue;
        for (let n = logon.poll(); n > 0; n--) {
          const ctx = this.host.defaultStore(profile);
          if (!ctx) return; // No session has the default store open: the mail waits at the transport.
          const msg = await logon.startMessage();
          if (!msg) break;
          await deliverInto(ctx, msg.content);
        }
      }
    }
  }

  /** TransportSupport.deliver: a transport that is its own server puts a message into a mailbox. */
  private async deliverToTarget(target: DeliveryTarget, content: MessageContent, options: DeliveryOptions = {}): Promise<DeliveredMessage> {
    const held = this.held;
    let ctx = held?.get(target.backend);
    if (!ctx) {
      ctx = await this.host.acquireContext(target.backend, new Uint8Array(0), target.mdbProvider, target.isNew, target.displayName);
      if (held) held.set(target.backend, ctx);
    }
    try {
      return await deliverInto(ctx, content, options);
    } finally {
      if (!held) this.host.releaseContext(ctx);
    }
  }
}
