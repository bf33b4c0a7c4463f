import { expect } from 'vitest';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { tableRow } from '../../../src/core/table/MemoryRowSource.js';
import type { MapiTableOptions } from '../../../src/core/table/MapiTable.js';
import type { SPropValue, SRow } from '../../../src/core/props/types.js';
import type { NOTIFICATION, TABLE_NOTIFICATION } from '../../../src/core/notify/types.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import { PROP_TAG } from '../../../src/core/props/tags.js';
import { PT_MV_LONG, PT_MV_UNICODE } from '../../../src/core/generated/proptypes.js';
import {
  PR_ENTRYID,
  PR_IMPORTANCE,
  PR_INSTANCE_KEY,
  PR_MESSAGE_FLAGS,
  PR_MESSAGE_SIZE,
  PR_SENDER_NAME_W,
  PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import { fnevTableModified, MSGFLAG_READ } from '../../../src/core/generated/constants.js';
import { cell, makeTable } from './helpers.js';

/** A multivalued string column (Outlook's Keywords live in a named property; a fixed id keeps tests simple). */
export const PR_KEYWORDS = PROP_TAG(PT_MV_UNICODE, 0x8012);
/** A multivalued number column. */
export const PR_CODES = PROP_TAG(PT_MV_LONG, 0x8013);

/** An SPropValue. */
export const p = (ulPropTag: number, Value: SPropValue['Value']): SPropValue => ({ ulPropTag: ulPropTag >>> 0, Value });

/** Asserts that a promise rejects with a MapiError carrying `scode`. */
export async function reject(promise: Promise<unknown>, scode: number): Promise<MapiError> {
  const e = await promise.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e, `expected a rejection with 0x${(scode >>> 0).toString(16)}`).toBeInstanceOf(MapiError);
  expect(`0x${(e as MapiError).scode.toString(16)}`).toBe(`0x${(scode >>> 0).toString(16)}`);
  return e as MapiError;
}

/** One message of the mailbox fixture. */
export interface Mail {
  key: string;
  sender: string;
  subject: string;
  size: number;
  read: boolean;
  importance?: number;
  keywords?: string[];
}

/**
 * Ten messages from six senders, five of them from Alice (the example of the categorization
 * issue): keys m0..m9 in natural order.
 */
export const MAILBOX: Mail[] = [
  { key: 'm0', sender: 'Alice', subject: 'Budget', size: 500, read: true, importance: 1, keywords: ['red', 'blue'] },
  { key: 'm1', sender: 'Bob', subject: 'Lunch', size: 100, read: false, importance: 2 },
  { key: 'm2', sender: 'Alice', subject: 'Agenda', size: 300, read: false, importance: 1, keywords: ['green'] },
  { key: 'm3', sender: 'Carol', subject: 'Report', size: 900, read: true, keywords: ['red'] },
  { key: 'm4', sender: 'Alice', subject: 'Minutes', size: 200, read: true, importance: 0 },
  { key: 'm5', sender: 'Dave', subject: 'Invoice', size: 700, read: false, importance: 2, keywords: ['blue', 'green', 'red'] },
  { key: 'm6', sender: 'Alice', subject: 'Zebra', size: 300, read: false, importance: 1 },
  { key: 'm7', sender: 'Erin', subject: 'Travel', size: 400, read: true },
  { key: 'm8', sender: 'Alice', subject: 'Cake', size: 800, read: true, importance: 2 },
  { key: 'm9', sender: 'Frank', subject: 'Hello', size: 600, read: false, importance: 0 },
];

/** The property values of a mail row (PR_IMPORTANCE and PR_KEYWORDS only when given). */
export function mailProps(m: Mail): SPropValue[] {
  const props = [
    p(PR_ENTRYID, new TextEncoder().encode(m.key)),
    p(PR_SENDER_NAME_W, m.sender),
    p(PR_SUBJECT_W, m.subject),
    p(PR_MESSAGE_SIZE, m.size),
    p(PR_MESSAGE_FLAGS, m.read ? MSGFLAG_READ : 0),
  ];
  if (m.importance !== undefined) props.push(p(PR_IMPORTANCE, m.importance));
  if (m.keywords) props.push(p(PR_KEYWORDS, [...m.keywords]));
  return props;
}

/** A table row of a mail, for MemoryRowSource.upsert. */
export function mailRow(m: Mail) {
  return tableRow(m.key, mailProps(m));
}

/** Default columns of the mailbox table. */
export const MAIL_COLUMNS = [PR_INSTANCE_KEY, PR_SENDER_NAME_W, PR_SUBJECT_W, PR_MESSAGE_SIZE];

/** A table over the mailbox fixture (or other mails), with the default columns above. */
export function mailTable(mails: Mail[] = MAILBOX, opts: Partial<MapiTableOptions> = {}) {
  return makeTable(
    mails.map((m) => ({ key: m.key, props: mailProps(m) })),
    MAIL_COLUMNS,
    opts,
  );
}

/** The subjects of rows (undefined for heading rows or rows without one). */
export const subjects = (rows: SRow[]) => rows.map((r) => cell(r, PR_SUBJECT_W));

/** The senders of rows. */
export const senders = (rows: SRow[]) => rows.map((r) => cell(r, PR_SENDER_NAME_W));

/** Hex of an instance key, for comparing keys. */
export const hex = (b: unknown) => Buffer.from(b as Uint8Array).toString('hex');

/** A recorder advised on a table for fnevTableModified. */
export async function recordTable(table: { advise(mask: number, sink: NotificationRecorder): Promise<number> }) {
  const rec = new NotificationRecorder();
  const connection = await table.advise(fnevTableModified, rec);
  return { rec, connection };
}

/** The TABLE_NOTIFICATION structures a recorder received. */
export function tableEvents(rec: NotificationRecorder): TABLE_NOTIFICATION[] {
  return rec.notifications.filter((n: NOTIFICATION) => n.ulEventType === fnevTableModified).map((n) => (n as { tab: TABLE_NOTIFICATION }).tab);
}
