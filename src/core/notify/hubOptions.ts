import type { AdviseSource } from './connection.js';
import type { Scheduler } from './scheduler.js';
import type { NOTIFICATION } from './types.js';

/** Options of `NotificationHub.advise`. @see imapisupport-subscribe.md */
export interface AdviseOptions {
  /** Deliver inside notify, before it returns (IMAPISupport::Subscribe's NOTIFY_SYNC). Default false. */
  synchronous?: boolean;
  /** Only notifications for which this returns true reach the sink (e.g. rows in a table's view). */
  filter?: (n: NOTIFICATION) => boolean;
}

/** A sink failure kept by the default error hook in `NotificationHub.sinkErrors`. */
export interface SinkErrorRecord {
  /** What onNotify threw or rejected with. */
  error: unknown;
  /** The connection whose sink failed. */
  connection: number;
  /** The batch it was handling. */
  notifications: NOTIFICATION[];
}

/** Construction options of a `NotificationHub`. */
export interface NotificationHubOptions {
  /** Where asynchronous deliveries run; default `defaultScheduler`. */
  scheduler?: Scheduler;
  /** Called when a sink throws or rejects; default records in `sinkErrors` and warns once per connection. */
  onSinkError?: (error: unknown, connection: number, notifications: NOTIFICATION[]) => void;
  /** How many rounds of flush may see new notifications published before it gives up; default 10 000. */
  maxFlushRounds?: number;
  /** How long flush waits for a sink's promise before it gives up, in ms; default 10 000 (Infinity: forever). */
  flushTimeoutMs?: number;
  /** Copy notifications when they are published (as IMAPISupport::Notify does); default true. */
  copyNotifications?: boolean;
}

/**
 * What a hub reports on its `events` emitter: registrations, publications, each onNotify
 * call, sink failures, and `idle` when nothing is left to deliver. An error thrown by a
 * listener is caught and logged (console.error), so it never disturbs delivery.
 */
export interface NotificationHubEvents {
  advise: [connection: number, source: AdviseSource, ulEventMask: number];
  unadvise: [connection: number, source: AdviseSource];
  notify: [source: AdviseSource, notifications: readonly NOTIFICATION[], connections: number[]];
  deliver: [connection: number, notifications: readonly NOTIFICATION[]];
  sinkError: [error: unknown, connection: number, notifications: readonly NOTIFICATION[]];
  idle: [];
}
