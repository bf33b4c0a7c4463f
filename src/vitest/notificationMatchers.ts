/**
 * `toHaveReceivedNotification(fnev, partial?)`: an advise sink received a notification of that
 * event type, optionally one whose fields contain `partial`.
 */
import type { NOTIFICATION } from '../core/notify/types.js';
import type { MatcherContext, MatcherResult } from './rowMatchers.js';
import { describeNotification, fnevName } from '../core/notify/describe.js';

/** The notifications a received value holds: a NotificationRecorder, a NOTIFICATION[] or a vitest mock of onNotify. */
function notificationsOf(x: unknown): NOTIFICATION[] | undefined {
  if (Array.isArray(x)) return x as NOTIFICATION[];
  if (!x || (typeof x !== 'object' && typeof x !== 'function')) return undefined;
  const rec = x as { notifications?: unknown; mock?: { calls?: unknown[][] } };
  if (Array.isArray(rec.notifications)) return rec.notifications as NOTIFICATION[];
  if (rec.mock && Array.isArray(rec.mock.calls)) {
    // onNotify(lpNotifications) or an NOTIFCALLBACK (lpvContext, cNotification, lpNotifications).
    return rec.mock.calls.flatMap((args) => {
      const list = args.find((a) => Array.isArray(a));
      return (list as NOTIFICATION[] | undefined) ?? [];
    });
  }
  return undefined;
}

/** True when every field of `partial` matches `actual` (recursively for plain objects; asymmetric matchers allowed). */
function containsPartial(ctx: MatcherContext, actual: unknown, partial: unknown): boolean {
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial) || partial instanceof Uint8Array || typeof (partial as { asymmetricMatch?: unknown }).asymmetricMatch === 'function') {
    return ctx.equals(actual, partial);
  }
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(partial).every(([k, v]) => containsPartial(ctx, (actual as Record<string, unknown>)[k], v));
}

/** The notification matcher, merged into `mapiMatchers`. */
export const notificationMatchers = {
  /**
   * The NotificationRecorder, NOTIFICATION[] or mocked sink received a notification with
   * `ulEventType === fnev` whose fields contain `partial` (nested objects compared partially;
   * asymmetric matchers allowed). Flush first (`world.flush()`): delivery is asynchronous.
   */
  toHaveReceivedNotification(this: MatcherContext, received: unknown, fnev: number, partial?: Record<string, unknown>): MatcherResult {
    const all = notificationsOf(received);
    if (!all) return { pass: false, message: () => 'toHaveReceivedNotification expects a NotificationRecorder, a NOTIFICATION[] or a mocked onNotify' };
    const ofType = all.filter((n) => n.ulEventType === fnev);
    const pass = ofType.some((n) => partial === undefined || containsPartial(this, n, partial));
    const want = `${fnevName(fnev)}${partial ? ` containing ${JSON.stringify(partial, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}` : ''}`;
    const got = all.length ? all.map((n) => `  ${describeNotification(n)}`).join('\n') : '  (none: was the world flushed?)';
    return {
      pass,
      message: () => `expected ${pass ? 'no ' : 'a '}notification ${want}; received:\n${got}`,
      actual: ofType.length ? ofType : all,
      expected: partial ? { ulEventType: fnev, ...partial } : { ulEventType: fnev },
    };
  },
};
