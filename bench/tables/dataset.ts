/**
 * The contents-table data set of the table benchmarks: messages with the ten columns a
 * folder's contents table shows, generated deterministically from a seed so that our engine
 * and SQLite see the same rows.
 */
import { FILETIME, FILETIME_UNIX_EPOCH_TICKS } from '../../src/core/props/filetime.js';
import type { SPropValue } from '../../src/core/props/types.js';
import { MSGFLAG_HASATTACH, MSGFLAG_READ, MSGFLAG_UNMODIFIED } from '../../src/core/generated/constants.js';
import {
  PR_DISPLAY_TO_W,
  PR_ENTRYID,
  PR_HASATTACH,
  PR_IMPORTANCE,
  PR_MESSAGE_CLASS_W,
  PR_MESSAGE_DELIVERY_TIME,
  PR_MESSAGE_FLAGS,
  PR_MESSAGE_SIZE,
  PR_SENDER_NAME_W,
  PR_SUBJECT_W,
} from '../../src/core/generated/proptags.js';

/** The ten columns, in the order both engines return them. */
export const CONTENTS_COLUMNS = [
  PR_SUBJECT_W,
  PR_SENDER_NAME_W,
  PR_MESSAGE_DELIVERY_TIME,
  PR_MESSAGE_FLAGS,
  PR_IMPORTANCE,
  PR_MESSAGE_SIZE,
  PR_HASATTACH,
  PR_ENTRYID,
  PR_MESSAGE_CLASS_W,
  PR_DISPLAY_TO_W,
] as const;

/** One generated message, in plain values (SQLite's row); `props` gives our engine's. */
export interface Message {
  key: string;
  subject: string;
  sender: string;
  /** PR_MESSAGE_DELIVERY_TIME in FILETIME ticks (whole seconds, so exact as a double too). */
  delivery: bigint;
  flags: number;
  importance: number;
  size: number;
  hasAttach: boolean;
  entryId: Uint8Array;
  messageClass: string;
  displayTo: string;
}

/** The word the subject restriction searches for; about one subject in ten has it, in any case. */
export const SUBJECT_NEEDLE = 'report';
const NEEDLE_FORMS = ['report', 'Report', 'REPORT', 'reports', 'Reporting'];

const WORDS = (
  'agenda budget quarterly review draft final notes minutes invoice contract proposal schedule ' +
  'update status team project launch plan roadmap design spec feedback question answer request ' +
  'approval travel expense lunch offsite training workshop release build test bug fix issue ' +
  'customer partner vendor order shipment delivery payment reminder follow up action items ' +
  'summary weekly monthly annual forecast sales marketing hiring interview offer welcome ' +
  'onboarding policy security audit backup migration server network outage incident postmortem'
).split(' ');
const FIRST = 'Alice Bob Carol Dave Erin Frank Grace Heidi Ivan Judy Mallory Niaj Olivia Peggy Rupert Sybil Trent Victor Walter Zoe'.split(' ');
const LAST = 'Adams Baker Clark Davis Evans Fischer Garcia Hughes Ito Jones'.split(' ');
/** About two hundred senders (20 first names × 10 last names). */
export const SENDERS = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));
const CLASSES = ['IPM.Note', 'IPM.Note', 'IPM.Note', 'IPM.Note', 'IPM.Note', 'IPM.Note', 'IPM.Schedule.Meeting.Request', 'IPM.Note.SMIME'];

/** Delivery times span 2023-01-01 to 2025-01-01 UTC. */
const START_SEC = Date.UTC(2023, 0, 1) / 1000;
const SPAN_SEC = (Date.UTC(2025, 0, 1) - Date.UTC(2023, 0, 1)) / 1000;

/** FILETIME ticks of a Unix time in seconds. */
export function ticksOfUnixSeconds(sec: number): bigint {
  return BigInt(sec) * 10_000_000n + FILETIME_UNIX_EPOCH_TICKS;
}

/** The delivery-time range of the restriction: the middle year (2023-07-01 to 2024-07-01). */
export const DELIVERY_RANGE = {
  from: ticksOfUnixSeconds(Date.UTC(2023, 6, 1) / 1000),
  to: ticksOfUnixSeconds(Date.UTC(2024, 6, 1) / 1000),
};

/** Deterministic PRNG (mulberry32), as in bench/weighted-tree.ts. */
export function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROVIDER_UID = Uint8Array.from({ length: 16 }, (_, b) => (0x38 + b * 17) & 0xff);

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;

/**
 * Messages `first` … `first + count - 1` of the data set of `seed`. With `matching`, every
 * message passes the benchmark's restriction (unread, subject with the needle, delivered in
 * DELIVERY_RANGE): the rows inserted while the restricted view is open.
 */
export function generateMessages(seed: number, first: number, count: number, matching = false): Message[] {
  const next = random(seed * 7919 + first);
  const out: Message[] = new Array(count);
  for (let n = 0; n < count; n++) {
    const i = first + n;
    const words: string[] = [];
    for (let w = 3 + Math.floor(next() * 7); w > 0; w--) words.push(pick(next, WORDS));
    if (matching || next() < 0.1) words.splice(Math.floor(next() * words.length), 0, pick(next, NEEDLE_FORMS));
    const lead = words[0] as string;
    words[0] = lead.charAt(0).toUpperCase() + lead.slice(1);
    if (next() < 0.3) words.unshift(pick(next, ['RE:', 'FW:', 'Re:']));
    // Built by join, so every string is flat, as one read from a store would be.
    const subject = words.join(' ');
    const hasAttach = next() < 0.2;
    const read = !matching && next() < 0.6;
    const flags = MSGFLAG_UNMODIFIED | (read ? MSGFLAG_READ : 0) | (hasAttach ? MSGFLAG_HASATTACH : 0);
    const r = next();
    const importance = r < 0.1 ? 0 : r < 0.9 ? 1 : 2;
    const sec = matching
      ? Date.UTC(2023, 6, 1) / 1000 + Math.floor(next() * (SPAN_SEC / 2 - 1))
      : START_SEC + Math.floor(next() * SPAN_SEC);
    // 4 flag bytes, a 16-byte provider UID, then the message number in the last bytes.
    const entryId = new Uint8Array(46);
    entryId.set(PROVIDER_UID, 4);
    for (let b = 0; b < 4; b++) entryId[42 + b] = (i >>> (8 * b)) & 0xff;
    const recipients = [pick(next, SENDERS)];
    for (let k = Math.floor(next() * 3); k > 0; k--) recipients.push(pick(next, SENDERS));
    out[n] = {
      key: `m${i}`,
      subject,
      sender: pick(next, SENDERS),
      delivery: ticksOfUnixSeconds(sec),
      flags,
      importance,
      size: Math.floor(1000 * Math.exp(next() * 7.6)),
      hasAttach,
      entryId,
      messageClass: pick(next, CLASSES),
      displayTo: recipients.join('; '),
    };
  }
  return out;
}

/** Our engine's property values of a message (CONTENTS_COLUMNS order). */
export function messageProps(m: Message): SPropValue[] {
  return [
    { ulPropTag: PR_SUBJECT_W, Value: m.subject },
    { ulPropTag: PR_SENDER_NAME_W, Value: m.sender },
    { ulPropTag: PR_MESSAGE_DELIVERY_TIME, Value: new FILETIME(m.delivery) },
    { ulPropTag: PR_MESSAGE_FLAGS, Value: m.flags },
    { ulPropTag: PR_IMPORTANCE, Value: m.importance },
    { ulPropTag: PR_MESSAGE_SIZE, Value: m.size },
    { ulPropTag: PR_HASATTACH, Value: m.hasAttach },
    { ulPropTag: PR_ENTRYID, Value: m.entryId },
    { ulPropTag: PR_MESSAGE_CLASS_W, Value: m.messageClass },
    { ulPropTag: PR_DISPLAY_TO_W, Value: m.displayTo },
  ];
}
