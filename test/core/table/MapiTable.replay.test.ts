import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { View } from '../../../src/core/table/View.js';
import fc from 'fast-check';
import { MVI_PROP } from '../../../src/core/props/tags.js';
import type { SRow } from '../../../src/core/props/types.js';
import {
  PR_CONTENT_COUNT,
  PR_CONTENT_UNREAD,
  PR_IMPORTANCE,
  PR_INSTANCE_KEY,
  PR_MESSAGE_SIZE,
  PR_NULL,
  PR_ROW_TYPE,
  PR_SENDER_NAME_W,
  PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import {
  RELOP_GE,
  RES_PROPERTY,
  TABLE_ROW_ADDED,
  TABLE_ROW_DELETED,
  TABLE_ROW_MODIFIED,
  TABLE_SORT_ASCEND,
  TABLE_SORT_CATEG_MAX,
  TABLE_SORT_CATEG_MIN,
  TABLE_SORT_DESCEND,
  TBL_LEAF_ROW,
} from '../../../src/core/generated/constants.js';
import type { SSortOrderSet } from '../../../src/core/table/types.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import type { Mail } from './MapiTable.fixtures.js';
import { MAILBOX, PR_KEYWORDS, hex, mailRow, mailTable, p, recordTable, tableEvents } from './MapiTable.fixtures.js';
import { cell, ikey } from './helpers.js';

/**
 * A client that keeps a copy of the view up to date from table notifications alone
 * (about-table-notifications.md): ADDED and MODIFIED put the row after propPrior (first for
 * PR_NULL), DELETED removes it. After every change its copy must equal what queryRows reads.
 */
class ClientCopy {
  rows: SRow[];
  constructor(rows: SRow[]) {
    this.rows = rows;
  }

  apply(tab: ReturnType<typeof tableEvents>[number]): void {
    const key = hex(tab.propIndex.Value);
    const at = this.rows.findIndex((r) => hex(ikey(r)) === key);
    // Strict: no notification about a row the client cannot see, no row added twice.
    if (tab.ulTableEvent === TABLE_ROW_DELETED) {
      if (at < 0) throw new Error('TABLE_ROW_DELETED for a row the client does not have');
      this.rows.splice(at, 1);
      return;
    }
    if (tab.ulTableEvent === TABLE_ROW_ADDED && at >= 0) throw new Error('TABLE_ROW_ADDED for a row the client has');
    if (tab.ulTableEvent === TABLE_ROW_MODIFIED && at < 0) throw new Error('TABLE_ROW_MODIFIED for a row the client does not have');
    if (tab.ulTableEvent !== TABLE_ROW_ADDED && tab.ulTableEvent !== TABLE_ROW_MODIFIED) throw new Error(`unexpected table event ${tab.ulTableEvent}`);
    if (at >= 0) this.rows.splice(at, 1);
    const prior = tab.propPrior.ulPropTag === PR_NULL ? -1 : this.rows.findIndex((r) => hex(ikey(r)) === hex(tab.propPrior.Value));
    if (tab.propPrior.ulPropTag !== PR_NULL && prior < 0) throw new Error('propPrior names a row the client does not have');
    this.rows.splice(prior + 1, 0, tab.row);
  }
}

const KEYWORD = MVI_PROP(PR_KEYWORDS);
const COLUMNS = [PR_INSTANCE_KEY, PR_ROW_TYPE, PR_SENDER_NAME_W, PR_SUBJECT_W, PR_MESSAGE_SIZE, PR_IMPORTANCE, PR_CONTENT_COUNT, PR_CONTENT_UNREAD];

interface Scenario {
  name: string;
  columns?: number[];
  sort?: SSortOrderSet;
  restriction?: SRestriction;
  /** Senders whose headings are collapsed before recording starts. */
  collapse?: string[];
}

const scenarios: Scenario[] = [
  { name: 'unsorted' },
  { name: 'sorted by size, descending', sort: { aSort: [{ ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_DESCEND }], cCategories: 0, cExpanded: 0 } },
  {
    name: 'categorized by sender, expanded',
    sort: {
      aSort: [
        { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
        { ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND },
      ],
      cCategories: 1,
      cExpanded: 1,
    },
  },
  {
    name: 'categorized by sender, two categories collapsed',
    sort: { aSort: [{ ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_DESCEND }], cCategories: 1, cExpanded: 1 },
    collapse: ['Alice', 'Dave'],
  },
  {
    name: 'conversation-style: categories ordered by their largest size',
    sort: {
      aSort: [
        { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
        { ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_CATEG_MAX | TABLE_SORT_DESCEND },
        { ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_DESCEND },
      ],
      cCategories: 1,
      cExpanded: 1,
    },
  },
  {
    name: 'two category levels, the inner ones collapsed, one outer collapsed',
    sort: {
      aSort: [
        { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
        { ulPropTag: PR_IMPORTANCE, ulOrder: TABLE_SORT_DESCEND },
        { ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND },
      ],
      cCategories: 2,
      cExpanded: 1,
    },
    collapse: ['Bob'],
  },
  {
    name: 'two category levels expanded, ordered by the smallest size',
    sort: {
      aSort: [
        { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
        { ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_CATEG_MIN },
        { ulPropTag: PR_IMPORTANCE, ulOrder: TABLE_SORT_ASCEND },
        { ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND },
      ],
      // The aggregate between the two category columns counts in cCategories (docs/decisions/006).
      cCategories: 3,
      cExpanded: 2,
    },
    collapse: ['Carol'],
  },
  { name: 'MVI keyword column, sorted by keyword', columns: [...COLUMNS, KEYWORD], sort: { aSort: [{ ulPropTag: KEYWORD, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 } },
  {
    name: 'categorized by MVI keyword, restricted to sizes of 300 or more',
    columns: [...COLUMNS, KEYWORD],
    sort: {
      aSort: [
        { ulPropTag: KEYWORD, ulOrder: TABLE_SORT_ASCEND },
        { ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_DESCEND },
      ],
      cCategories: 1,
      cExpanded: 1,
    },
    restriction: { rt: RES_PROPERTY, relop: RELOP_GE, ulPropTag: PR_MESSAGE_SIZE, lpProp: p(PR_MESSAGE_SIZE, 300) },
  },
];

const senderArb = fc.constantFrom('Alice', 'Bob', 'Carol', 'Dave', 'Gus');
const mailArb = fc.record({
  key: fc.constantFrom('m0', 'm1', 'm2', 'm3', 'm5', 'm8', 'n1', 'n2', 'n3'),
  sender: senderArb,
  subject: fc.constantFrom('Agenda', 'Budget', 'Cake', 'Zebra', 'Hello'),
  size: fc.integer({ min: 0, max: 12 }).map((n) => n * 100),
  read: fc.boolean(),
  importance: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  keywords: fc.option(fc.uniqueArray(fc.constantFrom('red', 'green', 'blue'), { maxLength: 3 }), { nil: undefined }),
}) as fc.Arbitrary<Mail>;
type Op = { kind: 'upsert'; mail: Mail } | { kind: 'delete'; key: string } | { kind: 'batch'; ops: Op[] };
const simpleOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: mailArb.map((mail) => ({ kind: 'upsert' as const, mail })) },
  { weight: 1, arbitrary: fc.constantFrom('m0', 'm1', 'm2', 'm4', 'm6', 'n1', 'n2').map((key) => ({ kind: 'delete' as const, key })) },
);
const opArb: fc.Arbitrary<Op> = fc.oneof({ weight: 5, arbitrary: simpleOp }, { weight: 1, arbitrary: fc.array(simpleOp, { minLength: 2, maxLength: 4 }).map((ops) => ({ kind: 'batch' as const, ops })) });

// Run once with the default lazy threshold (these small views build their trees at once) and
// once with every flat view deferred (PendingSort), so both paths meet the same checks.
describe.each([
  ['views built at once', 1024],
  ['flat views deferred', 0],
])('table notifications replayed by a client give the view, which is the view a fresh table builds (about-table-notifications.md): %s', (_name, threshold) => {
  const saved = View.lazyMinRows;
  beforeAll(() => {
    View.lazyMinRows = threshold;
  });
  afterAll(() => {
    View.lazyMinRows = saved;
  });
  for (const sc of scenarios) {
    it(sc.name, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
          const { table, source, hub } = mailTable(MAILBOX);
          const columns = sc.columns ?? COLUMNS;
          await table.setColumns(columns);
          if (sc.sort) await table.sortTable(sc.sort);
          if (sc.restriction) await table.restrict(sc.restriction);
          for (const sender of sc.collapse ?? []) {
            const rows = await table.queryRows(1000);
            await table.seekRow(0, 0);
            const heading = rows.find((r) => cell(r, PR_ROW_TYPE) !== TBL_LEAF_ROW && cell(r, PR_SENDER_NAME_W) === sender);
            if (heading) await table.collapseRow(ikey(heading));
          }
          const copy = new ClientCopy(await table.queryRows(1000));
          const { rec } = await recordTable(table);
          const run = (op: Op): void => {
            if (op.kind === 'upsert') source.upsert(mailRow(op.mail));
            else if (op.kind === 'delete') source.delete(op.key);
            else source.batch(() => op.ops.forEach(run));
          };
          for (const op of ops) {
            run(op);
            await hub.flush();
            for (const tab of tableEvents(rec)) copy.apply(tab);
            rec.clear();
            await table.seekRow(0, 0);
            const now = await table.queryRows(1000);
            expect(copy.rows.map((r) => r.lpProps)).toEqual(now.map((r) => r.lpProps));
          }
          // The view kept up incrementally is the view a fresh table builds from the same rows.
          const fresh = mailTable([]);
          for (const r of source.rows()) fresh.source.upsert(r);
          await fresh.table.setColumns(columns);
          if (sc.sort) await fresh.table.sortTable(sc.sort);
          if (sc.restriction) await fresh.table.restrict(sc.restriction);
          if (sc.sort?.cCategories) await fresh.table.setCollapseState(0, await table.getCollapseState(0, new Uint8Array(4)));
          await table.seekRow(0, 0);
          const withoutKeys = (rows: SRow[]) => rows.map((r) => r.lpProps.slice(1));
          expect(withoutKeys(await fresh.table.queryRows(1000))).toEqual(withoutKeys(await table.queryRows(1000)));
          table.release();
        }),
        { numRuns: Number(process.env.REPLAY_RUNS ?? 60) },
      );
    });
  }
});
