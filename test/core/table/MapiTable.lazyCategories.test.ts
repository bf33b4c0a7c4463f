import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PR_CONTENT_COUNT,
  PR_CONTENT_UNREAD,
  PR_DEPTH,
  PR_IMPORTANCE,
  PR_INSTANCE_KEY,
  PR_MESSAGE_SIZE,
  PR_ROW_TYPE,
  PR_SENDER_NAME_W,
  PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import {
  BOOKMARK_BEGINNING,
  BOOKMARK_END,
  TABLE_ROW_MODIFIED,
  TABLE_SORT_ASCEND,
  TABLE_SORT_CATEG_MAX,
  TABLE_SORT_CATEG_MIN,
  TABLE_SORT_DESCEND,
  TBL_COLLAPSED_CATEGORY,
  TBL_LEAF_ROW,
} from '../../../src/core/generated/constants.js';
import type { SRow } from '../../../src/core/props/types.js';
import type { SSortOrderSet } from '../../../src/core/table/types.js';
import { MAILBOX, mailRow, mailTable, recordTable, senders, subjects, tableEvents, type Mail } from './MapiTable.fixtures.js';
import { cell } from './helpers.js';

// A categorized view without MVI columns groups its rows by category when it is built and makes
// a category's leaves only when something first reads into it (docs/decisions/006). These tests
// touch categories before and without reading them, and compare with a view read eagerly.

const COLUMNS = [PR_INSTANCE_KEY, PR_ROW_TYPE, PR_DEPTH, PR_SENDER_NAME_W, PR_IMPORTANCE, PR_SUBJECT_W, PR_MESSAGE_SIZE, PR_CONTENT_COUNT, PR_CONTENT_UNREAD];

/** Sender, then importance; leaves by subject. */
const bySenderThenImportance = (cExpanded: number): SSortOrderSet => ({
  aSort: [
    { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
    { ulPropTag: PR_IMPORTANCE, ulOrder: TABLE_SORT_ASCEND },
    { ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND },
  ],
  cCategories: 2,
  cExpanded,
});

/** Sender headings ordered by the largest size among their rows, largest first; leaves by size. */
const bySenderMaxSize = (cExpanded: number): SSortOrderSet => ({
  aSort: [
    { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
    { ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_CATEG_MAX | TABLE_SORT_DESCEND },
    { ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_ASCEND },
  ],
  cCategories: 1,
  cExpanded,
});

async function open(mails: Mail[], set: SSortOrderSet) {
  const t = mailTable(mails);
  await t.table.setColumns(COLUMNS);
  await t.table.sortTable(set);
  return t;
}

type Table = Awaited<ReturnType<typeof open>>['table'];

/** Every row from the beginning, without PR_INSTANCE_KEY (which differs between two tables). */
async function drain(table: Table): Promise<unknown[][]> {
  await table.seekRow(BOOKMARK_BEGINNING, 0);
  const rows = await table.queryRows(10_000);
  return rows.map((r) => r.lpProps.filter((p) => p.ulPropTag !== PR_INSTANCE_KEY).map((p) => p.Value));
}

/** The view a table built now over `mails` shows. */
async function fresh(mails: Mail[], set: SSortOrderSet): Promise<unknown[][]> {
  return drain((await open(mails, set)).table);
}

/** The heading row of a sender (first level) in rows read with COLUMNS. */
const heading = (rows: SRow[], sender: string, depth = 0) =>
  rows.find((r) => cell(r, PR_ROW_TYPE) !== TBL_LEAF_ROW && cell(r, PR_DEPTH) === depth && cell(r, PR_SENDER_NAME_W) === sender);

describe('IMAPITable categorized views built lazily', () => {
  it('counts rows of categories whose leaves were never read: headings and leaves in getRowCount, PR_CONTENT_COUNT and PR_CONTENT_UNREAD', async () => {
    const { table } = await open(MAILBOX, bySenderThenImportance(1));
    // Six senders expanded, each with its importance headings collapsed: Alice 0/1/2, Bob 2,
    // Carol (none), Dave 2, Erin (none), Frank 0.
    expect(await table.getRowCount()).toBe(6 + 8);
    const rows = await table.queryRows(100);
    expect(rows.every((r) => cell(r, PR_ROW_TYPE) !== TBL_LEAF_ROW)).toBe(true);
    const alice = heading(rows, 'Alice') as SRow;
    expect([cell(alice, PR_CONTENT_COUNT), cell(alice, PR_CONTENT_UNREAD)]).toEqual([5, 2]);
    const aliceImportance = rows.filter((r) => cell(r, PR_DEPTH) === 1 && cell(r, PR_SENDER_NAME_W) === 'Alice');
    expect(aliceImportance.map((r) => [cell(r, PR_IMPORTANCE), cell(r, PR_CONTENT_COUNT), cell(r, PR_CONTENT_UNREAD), cell(r, PR_ROW_TYPE)])).toEqual([
      [0, 1, 0, TBL_COLLAPSED_CATEGORY],
      [1, 3, 2, TBL_COLLAPSED_CATEGORY],
      [2, 1, 0, TBL_COLLAPSED_CATEGORY],
    ]);
  });

  it('expands a collapsed category nobody read into its leaves in order', async () => {
    const { table } = await open(MAILBOX, bySenderThenImportance(1));
    const rows = await table.queryRows(100);
    const alice1 = rows.find((r) => cell(r, PR_DEPTH) === 1 && cell(r, PR_SENDER_NAME_W) === 'Alice' && cell(r, PR_IMPORTANCE) === 1) as SRow;
    const { rows: lpRows } = await table.expandRow(cell(alice1, PR_INSTANCE_KEY) as Uint8Array, 10);
    expect(subjects(lpRows)).toEqual(['Agenda', 'Budget', 'Zebra']);
    expect(await table.getRowCount()).toBe(14 + 3);
  });

  it('restores saved collapse states onto categories whose leaves were never made', async () => {
    const first = await open(MAILBOX, bySenderThenImportance(2));
    const rows = await first.table.queryRows(3);
    const alice = heading(rows, 'Alice') as SRow;
    await first.table.collapseRow(cell(alice, PR_INSTANCE_KEY) as Uint8Array);
    const saved = await first.table.getCollapseState(0, cell(alice, PR_INSTANCE_KEY) as Uint8Array);
    const expected = await drain(first.table);

    const second = await open(MAILBOX, bySenderThenImportance(2));
    await second.table.setCollapseState(0, saved);
    expect(await drain(second.table)).toEqual(expected);
    // Alice's five rows and three importance headings are hidden.
    expect(await second.table.getRowCount()).toBe(6 + 8 + 10 - 8);
  });

  it('orders CATEG_MAX headings by rows no leaf was made for, and recomputes the aggregate when such a row goes', async () => {
    const { table, source } = await open(MAILBOX, bySenderMaxSize(0));
    const rows = await table.queryRows(100);
    // Alice 800, Bob 100, Carol 900, Dave 700, Erin 400, Frank 600; every heading collapsed.
    expect(senders(rows)).toEqual(['Carol', 'Alice', 'Dave', 'Frank', 'Erin', 'Bob']);
    expect(rows.map((r) => cell(r, PR_MESSAGE_SIZE))).toEqual([900, 800, 700, 600, 400, 100]);
    // m8 (Cake, 800) holds Alice's maximum: without it Alice's largest is 500.
    source.delete('m8');
    await table.seekRow(BOOKMARK_BEGINNING, 0);
    const again = await table.queryRows(100);
    expect(senders(again)).toEqual(['Carol', 'Dave', 'Frank', 'Alice', 'Erin', 'Bob']);
    expect(cell(heading(again, 'Alice'), PR_MESSAGE_SIZE)).toBe(500);
    expect(await drain(table)).toEqual(await fresh(MAILBOX.filter((m) => m.key !== 'm8'), bySenderMaxSize(0)));
  });

  it('computes a first-level CATEG_MIN over the rows of second-level categories nobody read', async () => {
    const set: SSortOrderSet = {
      aSort: [
        { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
        { ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_CATEG_MIN },
        { ulPropTag: PR_IMPORTANCE, ulOrder: TABLE_SORT_DESCEND },
        { ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND },
      ],
      cCategories: 3,
      cExpanded: 1,
    };
    const { table } = await open(MAILBOX, set);
    const rows = await table.queryRows(100);
    // Smallest sizes: Bob 100, Alice 200, Erin 400, Frank 600, Dave 700, Carol 900.
    expect(senders(rows.filter((r) => cell(r, PR_DEPTH) === 0))).toEqual(['Bob', 'Alice', 'Erin', 'Frank', 'Dave', 'Carol']);
    expect(cell(heading(rows, 'Alice'), PR_MESSAGE_SIZE)).toBe(200);
  });

  it('applies a change to a row of a category nobody has read yet: notified, counted, and the view is what a new table shows', async () => {
    const { table, source, hub } = await open(MAILBOX, bySenderThenImportance(2));
    expect((await table.queryRows(2)).length).toBe(2);
    const { rec } = await recordTable(table);
    // m7 (Erin, read, no importance) becomes unread with importance 2; m5 (Dave) changes subject in place.
    const mails = MAILBOX.map((m) => (m.key === 'm7' ? { ...m, read: false, importance: 2 } : m.key === 'm5' ? { ...m, subject: 'Invoice 2' } : m));
    source.upsert(mailRow(mails[7] as Mail));
    source.upsert(mailRow(mails[5] as Mail));
    hub.flush();
    const events = tableEvents(rec);
    const modifiedSubjects = events.filter((e) => e.ulTableEvent === TABLE_ROW_MODIFIED).map((e) => cell(e.row, PR_SUBJECT_W));
    expect(modifiedSubjects).toContain('Invoice 2');
    expect(modifiedSubjects).toContain('Travel');
    await table.seekRow(BOOKMARK_BEGINNING, 0);
    const all = await table.queryRows(100);
    expect([cell(heading(all, 'Erin'), PR_CONTENT_COUNT), cell(heading(all, 'Erin'), PR_CONTENT_UNREAD)]).toEqual([1, 1]);
    expect(await drain(table)).toEqual(await fresh(mails, bySenderThenImportance(2)));
  });

  it('keeps a collapsed category, its key and its rows when its only row, never read, changes its place inside it', async () => {
    const { table, source, hub } = await open(MAILBOX, bySenderThenImportance(2));
    const rows = await table.queryRows(100);
    const bob2 = rows.find((r) => cell(r, PR_DEPTH) === 1 && cell(r, PR_SENDER_NAME_W) === 'Bob') as SRow;
    const key = cell(bob2, PR_INSTANCE_KEY) as Uint8Array;
    await table.collapseRow(key);
    const { rec } = await recordTable(table);
    const mails = MAILBOX.map((m) => (m.key === 'm1' ? { ...m, subject: 'Aardvark', read: true } : m));
    source.upsert(mailRow(mails[1] as Mail));
    hub.flush();
    // The heading stays (no TABLE_ROW_DELETED), collapsed, with its instance key; its unread count changed.
    expect(tableEvents(rec).map((e) => e.ulTableEvent)).toEqual([TABLE_ROW_MODIFIED, TABLE_ROW_MODIFIED]);
    await table.seekRow(BOOKMARK_BEGINNING, 0);
    const after = await table.queryRows(100);
    const again = after.find((r) => cell(r, PR_DEPTH) === 1 && cell(r, PR_SENDER_NAME_W) === 'Bob') as SRow;
    expect(cell(again, PR_INSTANCE_KEY)).toEqual(key);
    expect([cell(again, PR_ROW_TYPE), cell(again, PR_CONTENT_COUNT), cell(again, PR_CONTENT_UNREAD)]).toEqual([TBL_COLLAPSED_CATEGORY, 1, 0]);
    expect(await table.expandRow(key, 10)).toMatchObject({ ulMoreRows: 1 });
    expect(await drain(table)).toEqual(await fresh(mails, bySenderThenImportance(2)));
  });

  it('keeps rows with equal keys in natural order inside a category whose leaves are made late', async () => {
    const same = (key: string, size: number): Mail => ({ key, sender: 'Ann', subject: 'Same', size, read: true, importance: 1 });
    const mails = [same('k0', 3), { ...same('k1', 1), sender: 'Ben' }, same('k2', 1), same('k3', 2), same('k4', 0)];
    const { table } = await open(mails, bySenderThenImportance(2));
    const rows = await table.queryRows(100);
    expect(rows.filter((r) => cell(r, PR_ROW_TYPE) === TBL_LEAF_ROW).map((r) => cell(r, PR_MESSAGE_SIZE))).toEqual([3, 1, 2, 0, 1]);
  });

  it('applies a change that moves a row between categories before anything was read', async () => {
    const { table, source, hub } = await open(MAILBOX, bySenderThenImportance(2));
    // m9 (Frank, unread) moves to Erin: Frank's headings go, Erin gets a second row.
    const mails = MAILBOX.map((m) => (m.key === 'm9' ? { ...m, sender: 'Erin' } : m));
    source.upsert(mailRow(mails[9] as Mail));
    hub.flush();
    const rows = await table.queryRows(100);
    expect(heading(rows, 'Frank')).toBeUndefined();
    expect([cell(heading(rows, 'Erin'), PR_CONTENT_COUNT), cell(heading(rows, 'Erin'), PR_CONTENT_UNREAD)]).toEqual([2, 1]);
    expect(await drain(table)).toEqual(await fresh(mails, bySenderThenImportance(2)));
  });

  it('reads the same rows whether the first page is read before the rest or after, over random mailboxes', async () => {
    const mail = fc.record({
      sender: fc.constantFrom('Ann', 'ann', 'Ben', 'Cy', 'Dee'),
      subject: fc.constantFrom('a', 'b', 'C', 'd', ''),
      size: fc.integer({ min: 0, max: 5 }),
      read: fc.boolean(),
      importance: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    });
    const sets = [bySenderThenImportance(2), bySenderThenImportance(1), bySenderMaxSize(1), bySenderMaxSize(0)];
    await fc.assert(
      fc.asyncProperty(fc.array(mail, { maxLength: 40 }), fc.constantFrom(...sets), fc.nat({ max: 60 }), async (drawn, set, deep) => {
        const mails: Mail[] = drawn.map((m, i) => ({ key: `k${i}`, ...m }));
        // Lazily: the first page, then a position deep in the view, then everything.
        const lazy = await open(mails, set);
        const page = (await lazy.table.queryRows(3)).map((r) => r.lpProps.filter((p) => p.ulPropTag !== PR_INSTANCE_KEY).map((p) => p.Value));
        await lazy.table.seekRow(BOOKMARK_BEGINNING, deep);
        const atDeep = await lazy.table.queryRows(1);
        // Eagerly: every row read from the end first.
        const eager = await open(mails, set);
        await eager.table.seekRow(BOOKMARK_END, 0);
        const all = await drain(eager.table);
        expect(page).toEqual(all.slice(0, 3));
        expect(atDeep.map((r) => r.lpProps.filter((p) => p.ulPropTag !== PR_INSTANCE_KEY).map((p) => p.Value))).toEqual(all.slice(deep, deep + 1));
        expect(await drain(lazy.table)).toEqual(all);
      }),
      { seed: 6006, numRuns: 60 },
    );
  });
});
