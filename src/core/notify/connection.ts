import type { AdviseOptions } from './hubOptions.js';
import type { AdviseSinkLike, NOTIFICATION } from './types.js';

/**
 * What notifications are registered against: any object (a table, a store, a folder
 * handle's backing object), a string notification key, or a binary NOTIFKEY / entry ID as a
 * Uint8Array, which is compared by its bytes.
 * @see notifkey.md
 */
export type AdviseSource = object | string;

/** How {@link AdviseSource}s are told apart: objects by identity, binary keys by bytes. */
export type SourceKey = object | string;

/** The map key of an advise source. @see notifkey.md */
export function sourceKey(source: AdviseSource): SourceKey {
  // notifkey.md: "a notification key must be binary-comparable"
  if (source instanceof Uint8Array) {
    let hex = '\u0000bin:';
    for (const b of source) hex += b.toString(16).padStart(2, '0');
    return hex;
  }
  return source;
}

/** True for a value accepted as an {@link AdviseSource}. */
export function isAdviseSource(value: unknown): value is AdviseSource {
  return typeof value === 'string' || typeof value === 'function' || (typeof value === 'object' && value !== null);
}

/** True for an IMAPIAdviseSink (an object with onNotify) or a callback function. */
export function isAdviseSinkLike(value: unknown): value is AdviseSinkLike {
  if (typeof value === 'function') return true;
  return typeof value === 'object' && value !== null && typeof (value as { onNotify?: unknown }).onNotify === 'function';
}

/** Calls the sink with one batch, as IMAPIAdviseSink::OnNotify. @see imapiadvisesink-onnotify.md */
export function invokeSink(sink: AdviseSinkLike, batch: NOTIFICATION[]): unknown {
  return typeof sink === 'function' ? sink(batch) : sink.onNotify(batch);
}

/** True for a promise or any thenable a sink may return. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** The state of one advise registration inside a NotificationHub. */
export interface Connection {
  /** The connection number advise returned. */
  readonly id: number;
  /** The advise source as passed to advise. */
  readonly source: AdviseSource;
  /** The map key of the source. */
  readonly key: SourceKey;
  /** The fnev* bits the sink asked for. */
  readonly mask: number;
  /** The sink to call. */
  readonly sink: AdviseSinkLike;
  /** True when notify delivers before returning (NOTIFY_SYNC). */
  readonly synchronous: boolean;
  /** Extra predicate a notification must pass (e.g. a table's view). */
  readonly filter: ((n: NOTIFICATION) => boolean) | undefined;
  /** False once unadvised: nothing more is delivered. */
  alive: boolean;
  /** Batches waiting for delivery, oldest first. */
  readonly queue: NOTIFICATION[][];
  /** True while onNotify runs or its returned promise has not settled. */
  busy: boolean;
  /** True while a delivery task for this connection waits in the scheduler. */
  scheduled: boolean;
}

/** A fresh, idle connection record for an advise call whose arguments were checked. */
export function createConnection(id: number, source: AdviseSource, ulEventMask: number, sink: AdviseSinkLike, options: AdviseOptions): Connection {
  return {
    id,
    source,
    key: sourceKey(source),
    mask: ulEventMask >>> 0,
    sink,
    synchronous: options.synchronous === true,
    filter: options.filter,
    alive: true,
    queue: [],
    busy: false,
    scheduled: false,
  };
}

/**
 * Why advise's arguments are unacceptable, or undefined when they are fine. They are checked
 * in Advise's order (lpEntryID, ulEventMask, lpAdviseSink) so the first problem matches MAPI's.
 * @see imsgstore-advise.md
 */
export function adviseArgumentProblem(source: unknown, ulEventMask: unknown, sink: unknown, options: AdviseOptions): string | undefined {
  if (!isAdviseSource(source)) return 'the advise source must be an object, a string key or a binary key';
  if (typeof ulEventMask !== 'number' || !Number.isInteger(ulEventMask) || ulEventMask === 0 || ulEventMask < -0x80000000 || ulEventMask > 0xffffffff) {
    return `ulEventMask must be a nonzero combination of fnev* flags, got ${String(ulEventMask)}`;
  }
  if (!isAdviseSinkLike(sink)) return 'the advise sink must be an IMAPIAdviseSink (an object with onNotify) or a function';
  if (options.filter !== undefined && typeof options.filter !== 'function') return 'options.filter must be a function';
  return undefined;
}

/** Why a notify argument is not an array of notifications, or undefined when it is. @see imapisupport-notify.md */
export function notificationsProblem(notifications: unknown): string | undefined {
  if (!Array.isArray(notifications)) return 'notifications must be an array of NOTIFICATION';
  for (const n of notifications as unknown[]) {
    if (typeof n !== 'object' || n === null || typeof (n as { ulEventType?: unknown }).ulEventType !== 'number') {
      return 'every notification needs a numeric ulEventType';
    }
  }
  return undefined;
}
