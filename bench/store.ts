/**
 * Store section of the benchmarks: the in-memory mailbox reached as a client reaches it
 * (createMapi, a profile, MAPILogonEx, openMsgStore), against better-sqlite3 in memory doing the
 * same work as rows. (f) creating and saving 100,000 small messages one by one; (g) opening the
 * folder's contents table with the (a) restriction: count and first page.
 */
import { createMapi } from '../src/mapi.js';
import { MEMORY_STORE_SERVICE } from '../src/providers/memory-store/service.js';
import { ManualScheduler } from '../src/core/notify/scheduler.js';
import { FILETIME } from '../src/core/props/filetime.js';
import type { SPropValue } from '../src/core/props/types.js';
import type { IMAPIFolder, IMessage, IMsgStore } from '../src/core/store/interfaces.js';
import { MAPI_BEST_ACCESS, MAPI_EXTENDED, MAPI_MODIFY, MAPI_NEW_SESSION, MAPI_NO_MAIL, MAPI_UNICODE, MSGFLAG_READ } from '../src/core/generated/constants.js';
import {
  PR_BODY_W,
  PR_ENTRYID,
  PR_IMPORTANCE,
  PR_MESSAGE_CLASS_W,
  PR_MESSAGE_DELIVERY_TIME,
  PR_MESSAGE_FLAGS,
  PR_PROFILE_MAILBOX,
  PR_SENDER_NAME_W,
  PR_SUBJECT_W,
} from '../src/core/generated/proptags.js';
import Database from 'better-sqlite3';
import { compare, fmt, markdownTable, median, type Contender } from './measure.js';
import { CONTENTS_COLUMNS, DELIVERY_RANGE, SUBJECT_NEEDLE, generateMessages, type Message } from './tables/dataset.js';
import { RESTRICTION } from './tables/ours.js';
import type { BenchSection } from './tables.js';

/** Options of {@link runStoreBenchmarks}. */
export interface StoreBenchOptions {
  /** 20,000 messages instead of 100,000, fewer repetitions. */
  quick?: boolean;
  /** Progress messages (to stderr). */
  log?: (message: string) => void;
}

const SEED = 2;
const BODY = 'Hello,\r\n\r\nplease find the figures below. Thanks!\r\n';

/** The properties a client sets on a new small message (the rest are the store's computed ones). */
function newMessageProps(m: Message): SPropValue[] {
  return [
    { ulPropTag: PR_MESSAGE_CLASS_W, Value: m.messageClass },
    { ulPropTag: PR_SUBJECT_W, Value: m.subject },
    { ulPropTag: PR_SENDER_NAME_W, Value: m.sender },
    { ulPropTag: PR_MESSAGE_DELIVERY_TIME, Value: new FILETIME(m.delivery) },
    // PR_MESSAGE_FLAGS is settable before the first save (pidtagmessageflags-canonical-property.md).
    { ulPropTag: PR_MESSAGE_FLAGS, Value: m.flags & MSGFLAG_READ },
    { ulPropTag: PR_IMPORTANCE, Value: m.importance },
    { ulPropTag: PR_BODY_W, Value: BODY },
  ];
}

/** A session on a new in-memory mailbox, and its Inbox. */
async function openMailbox(): Promise<{ store: IMsgStore; inbox: IMAPIFolder; close: () => Promise<void> }> {
  const mapi = createMapi({ scheduler: new ManualScheduler() });
  await mapi.MAPIInitialize();
  const admin = await mapi.MAPIAdminProfiles(0);
  await admin.createProfile('bench', null, 0);
  const services = await admin.adminServices('bench', null, 0);
  const uid = await services.createMsgServiceEx(MEMORY_STORE_SERVICE, null, 0);
  await services.configureMsgService(uid, 0, [{ ulPropTag: PR_PROFILE_MAILBOX, Value: 'bench' }]);
  const session = await mapi.MAPILogonEx('bench', null, MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_NO_MAIL | MAPI_UNICODE);
  const stores = await session.getMsgStoresTable(0);
  await stores.setColumns([PR_ENTRYID], 0);
  const [row] = await stores.queryRows(1, 0);
  const store = await session.openMsgStore(row?.lpProps[0]?.Value as Uint8Array, null, MAPI_BEST_ACCESS);
  const { lpEntryID } = await store.getReceiveFolder('IPM.Note', 0);
  const inbox = await store.openEntry<IMAPIFolder>(lpEntryID, null, MAPI_MODIFY);
  return {
    store,
    inbox,
    close: async () => {
      await session.logoff(0);
      mapi.MAPIUninitialize();
    },
  };
}

/** Creates and saves each message; resolves to the ms taken. */
async function ourCreate(inbox: IMAPIFolder, messages: readonly Message[]): Promise<number> {
  const start = performance.now();
  for (const m of messages) {
    const msg = await inbox.createMessage(null, 0);
    await msg.setProps(newMessageProps(m));
    await msg.saveChanges(0);
    (msg as IMessage).release();
  }
  return performance.now() - start;
}

/** The same rows in SQLite: one autocommitted INSERT per message (a committed save each). */
function sqliteStore() {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE msgs (id INTEGER PRIMARY KEY, class TEXT, subject TEXT, sender TEXT, delivery INTEGER, flags INTEGER,
    importance INTEGER, body TEXT, size INTEGER, hasattach INTEGER, created INTEGER, modified INTEGER)`);
  const insert = db.prepare('INSERT INTO msgs (class, subject, sender, delivery, flags, importance, body, size, hasattach, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)');
  const where = `lower(subject) LIKE '%${SUBJECT_NEEDLE}%' AND (flags & 1) = 0 AND delivery >= ${DELIVERY_RANGE.from} AND delivery < ${DELIVERY_RANGE.to}`;
  const count = db.prepare(`SELECT count(*) AS n FROM msgs WHERE ${where}`);
  const page = db.prepare(`SELECT id, subject, sender, delivery, flags, importance, size, hasattach, class FROM msgs WHERE ${where} LIMIT 100`);
  return {
    create(messages: readonly Message[]): number {
      const start = performance.now();
      for (const m of messages) {
        const now = BigInt(Date.now()) * 10_000n;
        insert.run(m.messageClass, m.subject, m.sender, m.delivery, m.flags & MSGFLAG_READ, m.importance, BODY, 200 + 2 * (m.subject.length + BODY.length), now, now);
      }
      return performance.now() - start;
    },
    open(): number {
      const n = (count.get() as { n: number }).n;
      page.all();
      return n;
    },
    close: () => db.close(),
  };
}

/** Runs the store benchmarks and returns their results as a printable section. */
export async function runStoreBenchmarks(options: StoreBenchOptions = {}): Promise<BenchSection> {
  const log = options.log ?? (() => {});
  const n = options.quick ? 20_000 : 100_000;
  const started = performance.now();
  const messages = generateMessages(SEED, 0, n);

  log(`store: warming up`);
  {
    const warm = await openMailbox();
    await ourCreate(warm.inbox, messages.slice(0, 2_000));
    await warm.close();
    const w = sqliteStore();
    w.create(messages.slice(0, 2_000));
    w.close();
  }

  log(`store: (f) creating and saving ${n.toLocaleString('en')} messages`);
  const ours = await openMailbox();
  const sqlite = sqliteStore();
  // Interleaved in chunks, so both see the same machine load.
  const chunk = 5_000;
  const oursMs: number[] = [];
  const sqliteMs: number[] = [];
  for (let at = 0; at < n; at += chunk) {
    const part = messages.slice(at, at + chunk);
    oursMs.push(await ourCreate(ours.inbox, part));
    sqliteMs.push(sqlite.create(part));
  }
  const perMessage = (ms: readonly number[]) => (ms.reduce((a, b) => a + b, 0) / n) * 1000;
  const chunkRatios = oursMs.map((o, i) => o / (sqliteMs[i] as number));

  log('store: (g) opening the restricted contents table');
  const reps = options.quick ? 3 : 5;
  let table = await ours.inbox.getContentsTable(MAPI_UNICODE);
  const contenders: Contender[] = [
    {
      name: 'ours',
      prepare: async () => {
        table.release();
        table = await ours.inbox.getContentsTable(MAPI_UNICODE);
      },
      run: async () => {
        await table.setColumns([...CONTENTS_COLUMNS], 0);
        await table.restrict(RESTRICTION, 0);
        const count = await table.getRowCount(0);
        await table.queryRows(100, 0);
        return count;
      },
    },
    { name: 'sqlite', run: () => sqlite.open() },
  ];
  const open = await compare(contenders, reps);
  table.release();
  const agree = open.check['ours'] === open.check['sqlite'];
  await ours.close();
  sqlite.close();

  const body =
    `(f) creating and saving ${n.toLocaleString('en')} small messages (class, subject, sender, delivery time, flags, importance, a short body) ` +
    'in the Inbox one by one through the public API: IMAPIFolder.createMessage, IMessage.setProps, saveChanges, release. The store computes ' +
    'entry IDs, record and search keys, change keys, times, size and flags, and keeps the folder counts and open tables current. ' +
    'SQLite: one autocommitted INSERT per message (each a committed save), computed columns passed in.\n\n' +
    markdownTable(
      ['operation', 'ours', 'SQLite', 'ours / SQLite'],
      [
        ['(f) create + save, µs per message', fmt(perMessage(oursMs)), fmt(perMessage(sqliteMs)), `${fmt(median(chunkRatios))} (median of ${chunkRatios.length} chunks)`],
        [
          `(g) open the ${n.toLocaleString('en')}-message contents table, restrict as in (a), count + first 100 rows, ms`,
          fmt(open.ms['ours'] as number),
          fmt(open.ms['sqlite'] as number),
          fmt(open.ratio['sqlite'] as number),
        ],
      ],
    ) +
    `\n\n(g) row counts ${agree ? 'agree' : `DISAGREE: ours ${String(open.check['ours'])}, SQLite ${String(open.check['sqlite'])}`}. ` +
    `(g): each repetition opens a new contents table; the rows (stored plus computed properties) are built when the first ` +
    `table of the folder opens and then kept current by the store, as a store keeps its folder index, so a repetition ` +
    `costs the restriction over every row. The ratio is the median of ${reps} interleaved repetitions after a warm-up.` +
    `\n\nSection time ${fmt((performance.now() - started) / 1000)} s.`;
  return { title: 'Message store: the in-memory mailbox vs better-sqlite3 (in memory)', body };
}
