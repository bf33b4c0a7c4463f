import { MapiError } from '../errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER } from '../generated/scodes.js';
import { isAdviseSinkLike, isThenable } from './connection.js';
import { describeNotification } from './describe.js';
import type { AdviseSinkLike, IMAPIAdviseSink, NOTIFICATION } from './types.js';

/**
 * A notification callback as HrAllocAdviseSink wraps it: the caller's context, the count
 * and the notifications. Clients return S_OK (0) or nothing; the value is not used.
 * @see notifcallback.md
 */
export type NOTIFCALLBACK<C = unknown> = (lpvContext: C, cNotification: number, lpNotifications: NOTIFICATION[]) => number | void | Promise<number | void>;

/**
 * Wraps a callback and a context in an advise sink: each onNotify calls
 * `lpfnCallback(lpvContext, lpNotifications.length, lpNotifications)`. A promise returned by
 * the callback is passed on, so the hub waits for it before the next batch.
 *
 * @example
 * const sink = HrAllocAdviseSink((ctx, c, notifs) => ctx.onChange(notifs), view);
 * const conn = await store.advise(null, fnevObjectModified, sink);
 * @throws MapiError MAPI_E_INVALID_PARAMETER when lpfnCallback is not a function.
 * @see hrallocadvisesink.md
 */
export function HrAllocAdviseSink<C = unknown>(lpfnCallback: NOTIFCALLBACK<C>, lpvContext?: C): IMAPIAdviseSink {
  if (typeof lpfnCallback !== 'function') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'HrAllocAdviseSink: lpfnCallback must be a function');
  return {
    onNotify(lpNotifications: NOTIFICATION[]): void | Promise<void> {
      const result = lpfnCallback(lpvContext as C, lpNotifications.length, lpNotifications);
      if (isThenable(result)) return Promise.resolve(result).then(() => undefined);
      return undefined;
    },
  };
}

/**
 * Wraps an advise sink so OnNotify runs on the thread that created the wrapper. JavaScript
 * runs every sink on its one thread already, so the wrapper only forwards; it exists so code
 * written against MAPI runs unchanged.
 * @throws MapiError MAPI_E_INVALID_PARAMETER when lpAdviseSink is not a sink.
 * @see hrthisthreadadvisesink.md
 */
export function HrThisThreadAdviseSink(lpAdviseSink: AdviseSinkLike): IMAPIAdviseSink {
  if (!isAdviseSinkLike(lpAdviseSink)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'HrThisThreadAdviseSink: lpAdviseSink must be an advise sink');
  return {
    onNotify(lpNotifications: NOTIFICATION[]): void | Promise<void> {
      return typeof lpAdviseSink === 'function' ? lpAdviseSink(lpNotifications) : lpAdviseSink.onNotify(lpNotifications);
    },
  };
}

/** Options of {@link NotificationRecorder.waitFor}. */
export interface WaitForOptions {
  /** How long to wait before rejecting, in ms; default the recorder's `timeoutMs` (2000). Infinity waits forever. */
  timeoutMs?: number;
}

interface Waiter {
  predicate: (n: NOTIFICATION) => boolean;
  resolve: (n: NOTIFICATION) => void;
}

/**
 * A test sink that records every notification it receives, in order, and can wait for one.
 *
 * @example
 * const rec = new NotificationRecorder();
 * await store.advise(null, fnevNewMail, rec);
 * await deliverSomething();
 * const n = await rec.waitFor((n) => n.ulEventType === fnevNewMail);
 * @see imapiadvisesink-onnotify.md
 */
export class NotificationRecorder implements IMAPIAdviseSink {
  /** Every notification received, oldest first. */
  readonly notifications: NOTIFICATION[] = [];
  /** Every onNotify batch received, oldest first. */
  readonly batches: NOTIFICATION[][] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly timeoutMs: number;

  /** `timeoutMs` is the default wait of {@link waitFor} (2000 ms). */
  constructor(options: { timeoutMs?: number } = {}) {
    this.timeoutMs = options.timeoutMs ?? 2000;
  }

  /** Number of notifications received. */
  get count(): number {
    return this.notifications.length;
  }

  /** Records a batch and wakes the waiters it satisfies. */
  onNotify(lpNotifications: NOTIFICATION[]): void {
    this.batches.push(lpNotifications);
    for (const n of lpNotifications) {
      this.notifications.push(n);
      for (const w of [...this.waiters]) {
        if (w.predicate(n)) {
          this.waiters.delete(w);
          w.resolve(n);
        }
      }
    }
  }

  /** The notifications received whose ulEventType is in `ulEventMask`. */
  ofType<T extends NOTIFICATION['ulEventType']>(ulEventMask: T): Extract<NOTIFICATION, { ulEventType: T }>[];
  ofType(ulEventMask: number): NOTIFICATION[];
  ofType(ulEventMask: number): NOTIFICATION[] {
    return this.notifications.filter((n) => (n.ulEventType & ulEventMask) !== 0);
  }

  /** Forgets everything received so far (pending waiters keep waiting). */
  clear(): void {
    this.notifications.length = 0;
    this.batches.length = 0;
  }

  /**
   * Resolves with the first notification, already received or still to come, that matches
   * `predicate` (a function, or an fnev* mask); rejects after the timeout with a list of
   * what did arrive.
   */
  waitFor<T extends NOTIFICATION>(predicate: (n: NOTIFICATION) => n is T, options?: WaitForOptions): Promise<T>;
  waitFor(predicate?: ((n: NOTIFICATION) => boolean) | number, options?: WaitForOptions): Promise<NOTIFICATION>;
  waitFor(predicate: ((n: NOTIFICATION) => boolean) | number = () => true, options: WaitForOptions = {}): Promise<NOTIFICATION> {
    const test = typeof predicate === 'number' ? (n: NOTIFICATION) => (n.ulEventType & predicate) !== 0 : predicate;
    const seen = this.notifications.find(test);
    if (seen) return Promise.resolve(seen);
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    return new Promise<NOTIFICATION>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter: Waiter = {
        predicate: test,
        resolve: (n) => {
          clearTimeout(timer);
          resolve(n);
        },
      };
      this.waiters.add(waiter);
      if (Number.isFinite(timeoutMs)) {
        timer = setTimeout(() => {
          this.waiters.delete(waiter);
          const got = this.notifications.map(describeNotification).join(', ') || 'nothing';
          reject(new Error(`[mapi-emu] NotificationRecorder.waitFor: no matching notification within ${timeoutMs} ms; received ${got}`));
        }, timeoutMs);
      }
    });
  }
}
