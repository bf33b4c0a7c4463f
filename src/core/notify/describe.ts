import { constantTable, fnevCriticalError, fnevExtended, fnevNewMail, fnevTableModified } from '../generated/constants.js';
import type { NOTIFICATION } from './types.js';

const eventNames = new Map<number, string>();
const tableEventNames = new Map<number, string>();
for (const [name, value, group] of constantTable) {
  if (group === 'notification_event') eventNames.set(value >>> 0, name);
  else if (group === 'table_event') tableEventNames.set(value >>> 0, name);
}

/** The fnev* name of an event type (`fnevNewMail`), or its hex value when unknown. @see notification.md */
export function fnevName(ulEventType: number): string {
  return eventNames.get(ulEventType >>> 0) ?? '0x' + (ulEventType >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** The TABLE_* name of a table event (`TABLE_ROW_ADDED`), or its number when unknown. @see table_notification.md */
export function tableEventName(ulTableEvent: number): string {
  return tableEventNames.get(ulTableEvent >>> 0) ?? String(ulTableEvent);
}

/** A one-line description for messages: `fnevTableModified(TABLE_ROW_ADDED)`, `fnevNewMail(IPM.Note)`. */
export function describeNotification(n: NOTIFICATION): string {
  const name = fnevName(n.ulEventType);
  switch (n.ulEventType) {
    case fnevTableModified:
      return `${name}(${tableEventName(n.tab.ulTableEvent)})`;
    case fnevNewMail:
      return `${name}(${n.newmail.lpszMessageClass})`;
    case fnevCriticalError:
      return `${name}(0x${(n.err.scode >>> 0).toString(16).toUpperCase()})`;
    case fnevExtended:
      return `${name}(${n.ext.ulEvent})`;
    default:
      return name;
  }
}
