import { EventEmitter } from 'eventemitter3';
import { EmulatorError, MapiError } from '../errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NOT_FOUND } from '../generated/scodes.js';
import { cloneNotification } from './clone.js';
import { adviseArgumentProblem, createConnection, invokeSink, isThenable, notificationsProblem, sourceKey } from './connection.js';
import type { AdviseSource, Connection, SourceKey } from './connection.js';
import type { AdviseOptions, NotificationHubEvents, NotificationHubOptions, SinkErrorRecord } from './hubOptions.js';
import { defaultScheduler } from './scheduler.js';
import type { Scheduler } from './scheduler.js';
import { withTimeout } from './timeout.js';
import type { AdviseSinkLike, NOTIFICATION } from './types.js';

/**
 * The notification engine of one MAPI world: advise sources register sinks with
 * {@link advise}, providers publish with {@link notify}, and the hub delivers each sink's
 * matching notifications in publication order, asynchronously through the injected
 * {@link Scheduler} unless the registration asked for synchronous delivery. It is what
 * IMAPISupport::Subscribe / Unsubscribe / Notify do in MAPI.
 *
 * Guarantees: a sink never gets a batch before its previous onNotify (and the promise it
 * returned) finished; a failing sink never stops delivery to others; nothing reaches a
 * connection after unadvise returns; a sink advised during delivery gets nothing published
 * before it advised. {@link flush} delivers everything pending, like HrDispatchNotifications.
 *
 * @see event-notification-in-mapi.md
 * @see supporting-event-notification.md
 */
export class NotificationHub {
  /** Observability for call logs and test tooling; see {@link NotificationHubEvents}. */
  readonly events = new EventEmitter<NotificationHubEvents>();
  /** Sink failures recorded by the default error hook, oldest first. */
  readonly sinkErrors: SinkErrorRecord[] = [];

  private readonly scheduler: Scheduler;
  private readonly onSinkError: (error: unknown, connection: number, notifications: NOTIFICATION[]) => void;
  private readonly maxFlushRounds: number;
  private readonly flushTimeoutMs: number;
  private readonly copyNotifications: boolean;
  private readonly connections = new Map<number, Connection>();
  private readonly bySource = new Map<SourceKey, Connection[]>();
  private readonly inflight = new Map<Promise<void>, Connection>();
  private readonly warnedConnections = new Set<number>();
  private lastConnection = 0;
  private pending = 0;
  private published = 0;

  /** Builds an empty hub; see {@link NotificationHubOptions}. */
  constructor(options: NotificationHubOptions = {}) {
    this.scheduler = options.scheduler ?? defaultScheduler;
    this.onSinkError = options.onSinkError ?? ((error, connection, notifications) => this.recordSinkError(error, connection, notifications));
    this.maxFlushRounds = options.maxFlushRounds ?? 10_000;
    this.flushTimeoutMs = options.flushTimeoutMs ?? 10_000;
    this.copyNotifications = options.copyNotifications ?? true;
  }

  /** Notifications (one per sink they go to) queued or being handled by a sink that has not finished. */
  get pendingCount(): number {
    return this.pending;
  }

  /** Live connections, on one source or in all. */
  connectionCount(source?: AdviseSource): number {
    if (source === undefined) return this.connections.size;
    return this.bySource.get(sourceKey(source))?.length ?? 0;
  }

  /**
   * Registers `sink` for the events in `ulEventMask` on `source`; returns the connection
   * number (nonzero, not reused while the connection is alive).
   * @throws MapiError MAPI_E_INVALID_PARAMETER for a bad source, a zero mask or a bad sink.
   * @see imapisupport-subscribe.md
   * @see imsgstore-advise.md
   */
  advise(source: AdviseSource, ulEventMask: number, sink: AdviseSinkLike, options: AdviseOptions = {}): number {
    const problem = adviseArgumentProblem(source, ulEventMask, sink, options);
    if (problem) throw new MapiError(MAPI_E_INVALID_PARAMETER, `advise: ${problem}`);
    const conn = createConnection(this.nextConnectionNumber(), source, ulEventMask, sink, options);
    this.connections.set(conn.id, conn);
    const list = this.bySource.get(conn.key);
    if (list) list.push(conn);
    else this.bySource.set(conn.key, [conn]);
    this.emitSafely('advise', conn.id, source, conn.mask);
    return conn.id;
  }

  /**
   * Cancels a registration. Nothing is delivered to it once this returns, including batches
   * already queued; a batch its sink is handling right now runs to its end.
   * @throws MapiError MAPI_E_NOT_FOUND when `ulConnection` is not a live connection.
   * @see imapisupport-unsubscribe.md
   * @see canceling-a-notification.md
   */
  unadvise(ulConnection: number): void {
    const conn = this.connections.get(ulConnection);
    if (!conn) throw new MapiError(MAPI_E_NOT_FOUND, `unadvise: there is no advise connection ${String(ulConnection)}`);
    this.drop(conn);
    this.emitSafely('unadvise', conn.id, conn.source);
  }

  /** Cancels every registration on `source` (the source was released); returns how many. */
  unadviseSource(source: AdviseSource): number {
    const list = [...(this.bySource.get(sourceKey(source)) ?? [])];
    for (const conn of list) this.unadvise(conn.id);
    return list.length;
  }

  /**
   * Publishes notifications from `source`. Each live connection on it gets, as one batch,
   * the notifications whose ulEventType is in its mask (and that pass its filter), copied
   * now. Synchronous connections are called before this returns; the others later, through
   * the scheduler. Returns the number of connections that were given a batch.
   * @throws MapiError MAPI_E_INVALID_PARAMETER when `notifications` is not an array of notifications.
   * @see imapisupport-notify.md
   */
  notify(source: AdviseSource, notifications: NOTIFICATION[]): number {
    const problem = notificationsProblem(notifications);
    if (problem) throw new MapiError(MAPI_E_INVALID_PARAMETER, `notify: ${problem}`);
    const list = this.bySource.get(sourceKey(source));
    if (!list || notifications.length === 0) return 0;
    const targets: Connection[] = [];
    // The connection list is read once: a sink advised while this batch is being delivered
    // does not get it (supporting-event-notification.md: Notify goes to the registered sinks).
    for (const conn of [...list]) {
      const batch = this.matching(conn, notifications);
      if (batch.length === 0) continue;
      conn.queue.push(this.copyNotifications ? batch.map(cloneNotification) : batch);
      this.pending += batch.length;
      targets.push(conn);
    }
    if (targets.length > 0) this.published++;
    this.emitSafely('notify', source, notifications, targets.map((c) => c.id));
    for (const conn of targets) {
      if (!conn.synchronous) {
        this.schedule(conn);
        continue;
      }
      // imapisupport-notify.md: with NOTIFY_SYNC, Notify calls OnNotify before returning.
      // notifcallback.md: a synchronous callback cannot cause another synchronous notification;
      // one that does so endlessly is stopped here rather than hanging the caller.
      this.pump(conn, this.maxFlushRounds);
      if (conn.alive && !conn.busy && conn.queue.length > 0) {
        throw new EmulatorError(`notify: the synchronous sink of connection ${conn.id} kept publishing to itself for ${this.maxFlushRounds} batches; a synchronous sink cannot cause another synchronous notification.`);
      }
    }
    return targets.length;
  }

  /**
   * Delivers everything pending, including notifications sinks publish while handling
   * theirs, and waits for every sink's promise; resolves when nothing is left. Like
   * HrDispatchNotifications, it does not wait for the scheduler. Rejects with an
   * EmulatorError when sinks keep publishing for `maxFlushRounds` rounds or a sink's promise
   * does not settle within `flushTimeoutMs`.
   * @see hrdispatchnotifications.md
   * @see forcing-a-notification.md
   */
  async flush(): Promise<void> {
    let busyRounds = 0;
    while (this.pending > 0) {
      const publishedBefore = this.published;
      let delivered = false;
      for (const conn of [...this.connections.values()]) {
        // Only the batches queued at the start of the round: a sink that answers every
        // notification with another one is caught by the round limit instead of looping here.
        if (this.pump(conn, conn.queue.length) > 0) delivered = true;
      }
      if (this.pending === 0) break;
      if (this.published !== publishedBefore || (!delivered && this.inflight.size === 0)) {
        if (++busyRounds > this.maxFlushRounds) {
          throw new EmulatorError(
            `flush: sinks were still publishing after ${this.maxFlushRounds} rounds (${this.pending} notification(s) pending); ` +
              'a sink probably answers every notification with another one. Raise maxFlushRounds if the cascade is legitimate.',
          );
        }
      }
      if (this.inflight.size > 0) await this.waitForInflight();
      else await Promise.resolve();
    }
  }

  private nextConnectionNumber(): number {
    // event-notification-in-mapi.md: Advise returns a nonzero connection number.
    do {
      this.lastConnection = this.lastConnection >= 0xffffffff ? 1 : this.lastConnection + 1;
    } while (this.connections.has(this.lastConnection));
    return this.lastConnection;
  }

  private matching(conn: Connection, notifications: NOTIFICATION[]): NOTIFICATION[] {
    const out: NOTIFICATION[] = [];
    for (const n of notifications) {
      if ((n.ulEventType & conn.mask) === 0) continue;
      if (conn.filter) {
        let pass: boolean;
        try {
          pass = conn.filter(n);
        } catch (e) {
          this.reportSinkError(e, conn, [n]);
          continue;
        }
        if (!pass) continue;
      }
      out.push(n);
    }
    return out;
  }

  private drop(conn: Connection): void {
    conn.alive = false;
    const dropped = conn.queue.splice(0);
    for (const batch of dropped) this.pending -= batch.length;
    this.connections.delete(conn.id);
    const list = this.bySource.get(conn.key);
    if (list) {
      const i = list.indexOf(conn);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) this.bySource.delete(conn.key);
    }
    if (dropped.length > 0 && this.pending === 0) this.emitSafely('idle');
  }

  private schedule(conn: Connection): void {
    if (!conn.alive || conn.busy || conn.scheduled || conn.queue.length === 0) return;
    conn.scheduled = true;
    this.scheduler.enqueue(() => {
      conn.scheduled = false;
      // One batch per task, so sinks of one source take turns in publication order.
      this.pump(conn, 1);
    });
  }

  /** Delivers up to `max` batches to `conn` while it is idle; returns how many were started. */
  private pump(conn: Connection, max: number): number {
    let started = 0;
    while (started < max && conn.alive && !conn.busy && conn.queue.length > 0) {
      this.deliverNext(conn);
      started++;
    }
    return started;
  }

  private deliverNext(conn: Connection): void {
    const batch = conn.queue.shift();
    if (!batch) return;
    conn.busy = true;
    this.emitSafely('deliver', conn.id, batch);
    let result: unknown;
    try {
      result = invokeSink(conn.sink, batch);
    } catch (e) {
      this.reportSinkError(e, conn, batch);
      this.finish(conn, batch, false);
      return;
    }
    if (!isThenable(result)) {
      this.finish(conn, batch, false);
      return;
    }
    // imapiadvisesink-onnotify.md: the sink is done with a batch when OnNotify returns; for
    // an async sink that is when its promise settles, and only then does the next batch go.
    const settled: Promise<void> = Promise.resolve(result).then(
      () => this.settle(settled, conn, batch),
      (e: unknown) => {
        this.reportSinkError(e, conn, batch);
        this.settle(settled, conn, batch);
      },
    );
    this.inflight.set(settled, conn);
  }

  private settle(settled: Promise<void>, conn: Connection, batch: NOTIFICATION[]): void {
    this.inflight.delete(settled);
    this.finish(conn, batch, true);
  }

  private finish(conn: Connection, batch: NOTIFICATION[], later: boolean): void {
    conn.busy = false;
    this.pending -= batch.length;
    if (later) {
      if (conn.synchronous) this.pump(conn, Infinity);
      else this.schedule(conn);
    } else if (!conn.synchronous) {
      this.schedule(conn);
    }
    if (this.pending === 0) this.emitSafely('idle');
  }

  private waitForInflight(): Promise<void> {
    const all = Promise.all([...this.inflight.keys()]).then(() => undefined);
    return withTimeout(all, this.flushTimeoutMs, () => {
      const ids = [...new Set([...this.inflight.values()].map((c) => c.id))].join(', ');
      return new EmulatorError(`flush: onNotify of connection(s) ${ids} did not settle within ${this.flushTimeoutMs} ms; a sink's promise never resolves (or it awaits flush itself).`);
    });
  }

  private reportSinkError(error: unknown, conn: Connection, batch: NOTIFICATION[]): void {
    this.emitSafely('sinkError', error, conn.id, batch);
    try {
      this.onSinkError(error, conn.id, batch);
    } catch (hookError) {
      console.error('[mapi-emu] the onSinkError hook threw:', hookError);
    }
  }

  private recordSinkError(error: unknown, connection: number, notifications: NOTIFICATION[]): void {
    this.sinkErrors.push({ error, connection, notifications });
    if (!this.warnedConnections.has(connection)) {
      this.warnedConnections.add(connection);
      console.warn(`[mapi-emu] onNotify of advise connection ${connection} failed; later failures of this connection are only recorded in hub.sinkErrors:`, error);
    }
  }

  private emitSafely<K extends keyof NotificationHubEvents>(event: K, ...args: NotificationHubEvents[K]): void {
    try {
      (this.events.emit as (event: K, ...a: NotificationHubEvents[K]) => boolean)(event, ...args);
    } catch (e) {
      console.error(`[mapi-emu] a NotificationHub '${event}' listener threw:`, e);
    }
  }
}
