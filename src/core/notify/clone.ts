import type { NOTIFICATION } from './types.js';

/**
 * A deep copy of a notification, as IMAPISupport::Notify makes before queuing it: later
 * changes by the publisher (or by another sink) never show in what a sink receives.
 * Uint8Arrays, arrays and plain objects are copied; instances of immutable value classes
 * (FILETIME, GUID) are shared.
 * @see imapisupport-notify.md
 */
export function cloneNotification<N extends NOTIFICATION>(notification: N): N {
  // imapisupport-notify.md: "Notify copies the structures pointed to by the lpNotifications
  // parameter into memory"; table_notification.md: the row reflects the columns in effect
  // when the notification was generated, not when it is delivered.
  return cloneValue(notification) as N;
}

function cloneValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return value.slice();
  if (Array.isArray(value)) return value.map(cloneValue);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = cloneValue(item);
  return out;
}
