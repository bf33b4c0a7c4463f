/**
 * The benchmark's queries on our engine: a MapiTable over a MemoryRowSource, driven only
 * through the IMAPITable methods an application would call.
 */
import { MapiTable } from '../../src/core/table/MapiTable.js';
import { MemoryRowSource, tableRow } from '../../src/core/table/MemoryRowSource.js';
import { NotificationHub } from '../../src/core/notify/NotificationHub.js';
import { ManualScheduler } from '../../src/core/notify/scheduler.js';
import type { NOTIFICATION } from '../../src/core/notify/types.js';
import { FILETIME } from '../../src/core/props/filetime.js';
import type { SRestriction } from '../../src/core/restriction/types.js';
import type { SSortOrderSet } from '../../src/core/table/types.js';
import {
  BMR_EQZ,
  BOOKMARK_BEGINNING,
  FL_IGNORECASE,
  FL_SUBSTRING,
  MSGFLAG_READ,
  RELOP_GE,
  RELOP_LT,
  RES_AND,
  RES_BITMASK,
  RES_CONTENT,
  RES_PROPERTY,
  TABLE_ROW_ADDED,
  TABLE_SORT_ASCEND,
  TABLE_SORT_DESCEND,
  fnevTableModified,
} from '../../src/core/generated/constants.js';
import { PR_IMPORTANCE, PR_MESSAGE_DELIVERY_TIME, PR_MESSAGE_FLAGS, PR_SENDER_NAME_W, PR_SUBJECT_W } from '../../src/core/generated/proptags.js';
import { CONTENTS_COLUMNS, DELIVERY_RANGE, SUBJECT_NEEDLE, messageProps, type Message } from './dataset.js';

/** (a): subject contains the needle ignoring case, unread, delivered in DELIVERY_RANGE. */
export const RESTRICTION: SRestriction = {
  rt: RES_AND,
  lpRes: [
    { rt: RES_CONTENT, ulFuzzyLevel: FL_SUBSTRING | FL_IGNORECASE, ulPropTag: PR_SUBJECT_W, lpProp: { ulPropTag: PR_SUBJECT_W, Value: SUBJECT_NEEDLE } },
    { rt: RES_BITMASK, relBMR: BMR_EQZ, ulPropTag: PR_MESSAGE_FLAGS, ulMask: MSGFLAG_READ },
    { rt: RES_PROPERTY, relop: RELOP_GE, ulPropTag: PR_MESSAGE_DELIVERY_TIME, lpProp: { ulPropTag: PR_MESSAGE_DELIVERY_TIME, Value: new FILETIME(DELIVERY_RANGE.from) } },
    { rt: RES_PROPERTY, relop: RELOP_LT, ulPropTag: PR_MESSAGE_DELIVERY_TIME, lpProp: { ulPropTag: PR_MESSAGE_DELIVERY_TIME, Value: new FILETIME(DELIVERY_RANGE.to) } },
  ],
};

/** (b), (d), (e): newest first. */
export const BY_DELIVERY_DESC: SSortOrderSet = { aSort: [{ ulPropTag: PR_MESSAGE_DELIVERY_TIME, ulOrder: TABLE_SORT_DESCEND }], cCategories: 0, cExpanded: 0 };

/** (c): categories by sender, then importance, both expanded; newest first inside. */
export const BY_SENDER_IMPORTANCE: SSortOrderSet = {
  aSort: [
    { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
    { ulPropTag: PR_IMPORTANCE, ulOrder: TABLE_SORT_ASCEND },
    { ulPropTag: PR_MESSAGE_DELIVERY_TIME, ulOrder: TABLE_SORT_DESCEND },
  ],
  cCategories: 2,
  cExpanded: 2,
};

const NATURAL: SSortOrderSet = { aSort: [], cCategories: 0, cExpanded: 0 };

/** The row source of a contents table holding `messages`. */
export function ourRowSource(messages: readonly Message[]): MemoryRowSource {
  return new MemoryRowSource([...CONTENTS_COLUMNS], messages.map((m) => tableRow(m.key, messageProps(m))));
}

/** A contents table over `source`, with the ten columns set. */
export async function openOurTable(source: MemoryRowSource) {
  const scheduler = new ManualScheduler();
  const hub = new NotificationHub({ scheduler });
  const table = new MapiTable(source, { hub, scheduler, unicode: true });
  await table.setColumns([...CONTENTS_COLUMNS]);
  return { source, hub, scheduler, table };
}

/** A table opened by openOurTable. */
export type OurTable = Awaited<ReturnType<typeof openOurTable>>;

/** Row count, then the first page: what a list shows after the table changes shape. */
async function countAndFirstPage(table: MapiTable): Promise<number> {
  const n = await table.getRowCount();
  await table.queryRows(100);
  return n;
}

/** Removes the restriction, and the sort too unless `keepSort`, skipping the rebuild of what is already so. */
async function reset(table: MapiTable, keepSort: boolean): Promise<void> {
  if (table.currentRestriction()) await table.restrict(null);
  if (!keepSort && (await table.querySortOrder()).aSort.length) await table.sortTable(NATURAL);
}

/** The measured operations (a)–(d) on one table; `prepare` puts the table in the state each starts from. */
export function ourOperations({ table }: OurTable) {
  return {
    restrict: {
      prepare: () => reset(table, false),
      run: async () => {
        await table.restrict(RESTRICTION);
        return countAndFirstPage(table);
      },
    },
    sort: {
      prepare: () => reset(table, true),
      run: async () => {
        await table.sortTable(BY_DELIVERY_DESC);
        return countAndFirstPage(table);
      },
    },
    categorize: {
      prepare: () => reset(table, true),
      run: async () => {
        await table.sortTable(BY_SENDER_IMPORTANCE);
        return countAndFirstPage(table);
      },
    },
    drain: {
      prepare: async () => {
        await reset(table, true);
        const order = await table.querySortOrder();
        if (order.aSort.length !== 1 || order.cCategories !== 0) await table.sortTable(BY_DELIVERY_DESC);
        await table.seekRow(BOOKMARK_BEGINNING, 0);
      },
      run: async () => {
        let rows = 0;
        for (;;) {
          const page = await table.queryRows(100);
          if (page.length === 0) return rows;
          rows += page.length;
        }
      },
    },
  };
}

/**
 * (e) on our engine: the restricted, sorted view is open with an advise sink; each insert is
 * an upsert into the row source followed by hub.flush(), which hands the sink the
 * TABLE_ROW_ADDED notification the view produced. The existing rows are loaded into the open
 * view as one coalesced batch (a folder filling up), which is much faster than building the
 * view over them at 1M rows. Returns the load time and the time of each insert, in ms.
 */
export async function ourInserts(existing: readonly Message[], inserted: readonly Message[]): Promise<{ loadMs: number; times: number[]; notified: number }> {
  const t = await openOurTable(ourRowSource([]));
  await t.table.restrict(RESTRICTION);
  await t.table.sortTable(BY_DELIVERY_DESC);
  const loadStart = performance.now();
  t.source.batch(() => {
    for (const m of existing) t.source.upsert(tableRow(m.key, messageProps(m)));
  }, true);
  await t.table.getRowCount();
  const loadMs = performance.now() - loadStart;
  let notified = 0;
  await t.table.advise(fnevTableModified, (notifications: NOTIFICATION[]) => {
    for (const n of notifications) if (n.ulEventType === fnevTableModified && n.tab.ulTableEvent === TABLE_ROW_ADDED) notified++;
  });
  const rows = inserted.map((m) => tableRow(m.key, messageProps(m)));
  const times: number[] = [];
  for (const row of rows) {
    const start = performance.now();
    t.source.upsert(row);
    await t.hub.flush();
    times.push(performance.now() - start);
  }
  t.scheduler.runAll();
  t.table.release();
  return { loadMs, times, notified };
}
