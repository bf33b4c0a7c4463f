/**
 * The same queries in SQL on better-sqlite3 (in memory): one table with the ten columns
 * (times as integer FILETIME ticks, flags as integers, the entry ID as a blob), with or
 * without indexes on delivery time and on (sender, importance).
 */
import Database from 'better-sqlite3';
import { DELIVERY_RANGE, SUBJECT_NEEDLE, type Message } from './dataset.js';

const COLUMNS = 'subject, sender, delivery, flags, importance, size, hasattach, entryid, class, display_to';
/** (a) in SQL: FL_SUBSTRING | FL_IGNORECASE is LIKE over lower(), RES_BITMASK BMR_EQZ is `flags & mask = 0`. */
const WHERE = `lower(subject) LIKE '%${SUBJECT_NEEDLE}%' AND (flags & 1) = 0 AND delivery >= ${DELIVERY_RANGE.from} AND delivery < ${DELIVERY_RANGE.to}`;

/** An in-memory database holding `messages`; `indexed` adds the two indexes. */
export function openSqlite(messages: readonly Message[], indexed: boolean) {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE msgs (id INTEGER PRIMARY KEY, subject TEXT, sender TEXT, delivery INTEGER, flags INTEGER,
    importance INTEGER, size INTEGER, hasattach INTEGER, entryid BLOB, class TEXT, display_to TEXT)`);
  if (indexed) {
    db.exec('CREATE INDEX msgs_delivery ON msgs (delivery)');
    db.exec('CREATE INDEX msgs_sender_importance ON msgs (sender, importance)');
  }
  const insert = db.prepare(`INSERT INTO msgs (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const add = (m: Message) =>
    insert.run(m.subject, m.sender, m.delivery, m.flags, m.importance, m.size, m.hasAttach ? 1 : 0, Buffer.from(m.entryId.buffer, m.entryId.byteOffset, m.entryId.byteLength), m.messageClass, m.displayTo);
  db.transaction(() => {
    for (const m of messages) add(m);
  })();
  db.exec('ANALYZE');
  return { db, add };
}

/** A database opened by openSqlite. */
export type Sqlite = ReturnType<typeof openSqlite>;

/** The measured operations (a)–(d), each the SQL an application would run for the same screen. */
export function sqliteOperations({ db }: Sqlite) {
  const count = db.prepare('SELECT count(*) AS n FROM msgs');
  const restrictedCount = db.prepare(`SELECT count(*) AS n FROM msgs WHERE ${WHERE}`);
  const restrictedPage = db.prepare(`SELECT ${COLUMNS} FROM msgs WHERE ${WHERE} LIMIT 100`);
  const newestPage = db.prepare(`SELECT ${COLUMNS} FROM msgs ORDER BY delivery DESC LIMIT 100`);
  const newestAll = db.prepare(`SELECT ${COLUMNS} FROM msgs ORDER BY delivery DESC`);
  // Headings: both category levels with their PR_CONTENT_COUNT and PR_CONTENT_UNREAD.
  const senders = db.prepare('SELECT sender, count(*) AS n, sum((flags & 1) = 0) AS unread FROM msgs GROUP BY sender ORDER BY sender');
  const senderImportance = db.prepare('SELECT sender, importance, count(*) AS n, sum((flags & 1) = 0) AS unread FROM msgs GROUP BY sender, importance ORDER BY sender, importance');
  const categorizedPage = db.prepare(`SELECT ${COLUMNS} FROM msgs ORDER BY sender, importance, delivery DESC LIMIT 100`);
  return {
    restrict: {
      run: () => {
        const n = (restrictedCount.get() as { n: number }).n;
        restrictedPage.all();
        return n;
      },
    },
    sort: {
      run: () => {
        const n = (count.get() as { n: number }).n;
        newestPage.all();
        return n;
      },
    },
    categorize: {
      run: () => {
        const level1 = senders.all() as { n: number }[];
        const level2 = senderImportance.all();
        categorizedPage.all();
        // The same number getRowCount gives: every leaf and every heading.
        return level1.reduce((sum, h) => sum + h.n, 0) + level1.length + level2.length;
      },
    },
    drain: {
      // A stepping iterator read 100 rows at a time (LIMIT/OFFSET would rescan per page).
      run: () => {
        let rows = 0;
        let page: unknown[] = [];
        for (const row of newestAll.iterate()) {
          page.push(row);
          if (page.length === 100) {
            rows += page.length;
            page = [];
          }
        }
        return rows + page.length;
      },
    },
  };
}

/** The query plans, to show which indexes each query uses. */
export function sqlitePlans({ db }: Sqlite): [string, string][] {
  const queries: [string, string][] = [
    ['(a)', `SELECT count(*) FROM msgs WHERE ${WHERE}`],
    ['(b)', `SELECT ${COLUMNS} FROM msgs ORDER BY delivery DESC LIMIT 100`],
    ['(c) headings', 'SELECT sender, importance, count(*) FROM msgs GROUP BY sender, importance ORDER BY sender, importance'],
    ['(c) leaves', `SELECT ${COLUMNS} FROM msgs ORDER BY sender, importance, delivery DESC LIMIT 100`],
    ['(e)', `SELECT ${COLUMNS} FROM msgs WHERE ${WHERE} ORDER BY delivery DESC LIMIT 100`],
  ];
  return queries.map(([op, q]) => [op, (db.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as { detail: string }[]).map((r) => r.detail).join('; ')]);
}

/**
 * (e) on SQLite: insert the row, then re-run the open view's query for its first page (the
 * restricted rows, newest first, LIMIT 100). SQLite has no change notification, so this is
 * what an application must do to learn where the new row goes; it is the work the table
 * notification (row plus prior row) replaces. Stops after `budgetMs` (at least `minInserts`).
 */
export function sqliteInserts(existing: readonly Message[], inserted: readonly Message[], indexed: boolean, budgetMs: number, minInserts = 5): number[] {
  const s = openSqlite(existing, indexed);
  const page = s.db.prepare(`SELECT ${COLUMNS} FROM msgs WHERE ${WHERE} ORDER BY delivery DESC LIMIT 100`);
  const times: number[] = [];
  const deadline = performance.now() + budgetMs;
  for (const m of inserted) {
    const start = performance.now();
    s.add(m);
    page.all();
    times.push(performance.now() - start);
    if (times.length >= minInserts && performance.now() > deadline) break;
  }
  s.db.close();
  return times;
}

/** Bytes the database occupies (page_count × page_size). */
export function sqliteBytes({ db }: Sqlite): number {
  return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
}
