import { describe, expect, it } from 'vitest';
import { CHANGE_PROP_TYPE } from '../../../src/core/props/tags.js';
import { PT_ERROR } from '../../../src/core/generated/proptypes.js';
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
  BOOKMARK_CURRENT,
  TABLE_SORT_ASCEND,
  TABLE_SORT_CATEG_MAX,
  TABLE_SORT_CATEG_MIN,
  TABLE_SORT_COMBINE,
  TABLE_SORT_DESCEND,
  TBL_COLLAPSED_CATEGORY,
  TBL_EXPANDED_CATEGORY,
  TBL_LEAF_ROW,
} from '../../../src/core/generated/constants.js';
import {
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NOT_FOUND,
  MAPI_E_UNABLE_TO_COMPLETE,
  MAPI_E_UNKNOWN_FLAGS,
  MAPI_W_POSITION_CHANGED,
} from '../../../src/core/generated/scodes.js';
import type { SRow } from '../../../src/core/props/types.js';
import type { SSortOrderSet } from '../../../src/core/table/types.js';
import { MAILBOX, hex, mailRow, mailTable, reject, senders, subjects } from './MapiTable.fixtures.js';
import { cell, ikey } from './helpers.js';

const COLUMNS = [PR_INSTANCE_KEY, PR_ROW_TYPE, PR_DEPTH, PR_SENDER_NAME_W, PR_SUBJECT_W, PR_CONTENT_COUNT, PR_CONTENT_UNREAD];

/** Categorized by sender, leaves by subject. */
const bySender = (cExpanded = 1): SSortOrderSet => ({
  aSort: [
    { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
    { ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND },
  ],
  cCategories: 1,
  cExpanded,
});

/** Categorized by sender, then importance, leaves by subject. */
const bySenderThenImportance = (cExpanded: number): SSortOrderSet => ({
  aSort: [
    { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
    { ulPropTag: PR_IMPORTANCE, ulOrder: TABLE_SORT_ASCEND },
    { ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND },
  ],
  cCategories: 2,
  cExpanded,
});

async function categorized(set: SSortOrderSet = bySender()) {
  const t = mailTable();
  await t.table.setColumns(COLUMNS);
  await t.table.sortTable(set);
  return t;
}

/** All rows of the view, from the beginning; the cursor is left where it was. */
async function all(table: Awaited<ReturnType<typeof categorized>>['table']): Promise<SRow[]> {
  const bk = await table.createBookmark();
  await table.seekRow(BOOKMARK_BEGINNING, 0);
  const rows = await table.queryRows(1000);
  await table.seekRow(bk, 0);
  await table.freeBookmark(bk);
  return rows;
}

/** A compact picture of rows: "H:Alice(5/2)" for headings, "  Agenda" for leaves. */
const picture = (rows: SRow[]) =>
  rows.map((r) =>
    cell(r, PR_ROW_TYPE) === TBL_LEAF_ROW
      ? `  ${String(cell(r, PR_SUBJECT_W))}`
      : `${cell(r, PR_ROW_TYPE) === TBL_EXPANDED_CATEGORY ? '-' : '+'}${'.'.repeat(cell(r, PR_DEPTH) as number)}${String(cell(r, PR_SENDER_NAME_W))}${cell(r, PR_IMPORTANCE) === undefined ? '' : `/${String(cell(r, PR_IMPORTANCE))}`}(${String(cell(r, PR_CONTENT_COUNT))}/${String(cell(r, PR_CONTENT_UNREAD))})`,
  );

const headingOf = (rows: SRow[], sender: string) => rows.find((r) => cell(r, PR_ROW_TYPE) !== TBL_LEAF_ROW && cell(r, PR_SENDER_NAME_W) === sender) as SRow;

describe('categorized views (sorting-and-categorization.md)', () => {
  it('ten rows from six senders, five from one: 16 rows expanded, 11 with the big category collapsed, 16 again, 11 from the saved state', async () => {
    const { table } = await categorized();
    expect(await table.getRowCount()).toBe(16);
    const alice = ikey(headingOf(await all(table), 'Alice'));
    expect(await table.collapseRow(alice)).toBe(5);
    expect(await table.getRowCount()).toBe(11);
    const saved = await table.getCollapseState(0, alice);
    const expanded = await table.expandRow(alice, 0);
    expect(expanded.ulMoreRows).toBe(5);
    expect(await table.getRowCount()).toBe(16);
    await table.setCollapseState(0, saved);
    expect(await table.getRowCount()).toBe(11);
    expect(picture(await all(table))).toEqual([
      '+Alice(5/2)',
      '-Bob(1/1)',
      '  Lunch',
      '-Carol(1/0)',
      '  Report',
      '-Dave(1/1)',
      '  Invoice',
      '-Erin(1/0)',
      '  Travel',
      '-Frank(1/1)',
      '  Hello',
    ]);
  });

  it('heading rows carry the category column, PR_INSTANCE_KEY, PR_ROW_TYPE, PR_DEPTH, PR_CONTENT_COUNT and PR_CONTENT_UNREAD', async () => {
    const { table } = await categorized();
    const rows = await all(table);
    expect(picture(rows).slice(0, 6)).toEqual(['-Alice(5/2)', '  Agenda', '  Budget', '  Cake', '  Minutes', '  Zebra']);
    const heading = rows[0] as SRow;
    expect(heading.lpProps).toEqual([
      { ulPropTag: PR_INSTANCE_KEY, Value: expect.any(Uint8Array) },
      { ulPropTag: PR_ROW_TYPE, Value: TBL_EXPANDED_CATEGORY },
      { ulPropTag: PR_DEPTH, Value: 0 },
      { ulPropTag: PR_SENDER_NAME_W, Value: 'Alice' },
      // Columns that are not category columns are not in a heading row.
      { ulPropTag: CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_ERROR), Value: MAPI_E_NOT_FOUND },
      { ulPropTag: PR_CONTENT_COUNT, Value: 5 },
      { ulPropTag: PR_CONTENT_UNREAD, Value: 2 },
    ]);
  });

  it('leaf rows are TBL_LEAF_ROW at a depth of the number of category levels, with every column', async () => {
    const { table } = await categorized();
    const leaf = (await all(table))[1] as SRow;
    expect(cell(leaf, PR_ROW_TYPE)).toBe(TBL_LEAF_ROW);
    expect(cell(leaf, PR_DEPTH)).toBe(1);
    expect(cell(leaf, PR_SENDER_NAME_W)).toBe('Alice');
    expect(cell(leaf, PR_SUBJECT_W)).toBe('Agenda');
  });

  it('every row has its own PR_INSTANCE_KEY, the same across collapse and expand', async () => {
    const { table } = await categorized();
    const before = (await all(table)).map((r) => hex(ikey(r)));
    expect(new Set(before).size).toBe(16);
    const alice = ikey(headingOf(await all(table), 'Alice'));
    await table.collapseRow(alice);
    await table.expandRow(alice, 0);
    expect((await all(table)).map((r) => hex(ikey(r)))).toEqual(before);
  });

  it('cExpanded 0 shows only the top-level headings, collapsed', async () => {
    const { table } = await categorized(bySender(0));
    expect(picture(await all(table))).toEqual(['+Alice(5/2)', '+Bob(1/1)', '+Carol(1/0)', '+Dave(1/1)', '+Erin(1/0)', '+Frank(1/1)']);
  });

  it('orders categories in the direction of their sort order', async () => {
    const { table } = await categorized({ ...bySender(0), aSort: [{ ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_DESCEND }] });
    expect(senders(await all(table))).toEqual(['Frank', 'Erin', 'Dave', 'Carol', 'Bob', 'Alice']);
  });

  describe('two category levels', () => {
    it('cExpanded 2 expands both levels: 6 + 8 headings and 10 leaves', async () => {
      const { table } = await categorized(bySenderThenImportance(2));
      await table.setColumns([...COLUMNS, PR_IMPORTANCE]);
      const rows = await all(table);
      expect(rows).toHaveLength(24);
      expect(picture(rows).slice(0, 11)).toEqual([
        '-Alice(5/2)',
        '-.Alice/0(1/0)',
        '  Minutes',
        '-.Alice/1(3/2)',
        '  Agenda',
        '  Budget',
        '  Zebra',
        '-.Alice/2(1/0)',
        '  Cake',
        '-Bob(1/1)',
        '-.Bob/2(1/1)',
      ]);
      expect(cell(rows[2], PR_DEPTH)).toBe(2);
    });

    it('a row without the second category column goes in a category of its own, last, without that column', async () => {
      const { table } = await categorized(bySenderThenImportance(2));
      await table.setColumns([PR_ROW_TYPE, PR_DEPTH, PR_SENDER_NAME_W, PR_IMPORTANCE, PR_SUBJECT_W]);
      const rows = await all(table);
      const carol = rows.findIndex((r) => cell(r, PR_SENDER_NAME_W) === 'Carol' && cell(r, PR_DEPTH) === 1);
      expect(rows[carol]?.lpProps[3]).toEqual({ ulPropTag: CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_ERROR), Value: MAPI_E_NOT_FOUND });
      expect(cell(rows[carol + 1], PR_SUBJECT_W)).toBe('Report');
    });

    it('cExpanded 1 (one less than the categories) shows every heading and no leaf', async () => {
      const { table } = await categorized(bySenderThenImportance(1));
      await table.setColumns([...COLUMNS, PR_IMPORTANCE]);
      const rows = await all(table);
      expect(rows).toHaveLength(14);
      expect(rows.every((r) => cell(r, PR_ROW_TYPE) !== TBL_LEAF_ROW)).toBe(true);
      expect(picture(rows).slice(0, 5)).toEqual(['-Alice(5/2)', '+.Alice/0(1/0)', '+.Alice/1(3/2)', '+.Alice/2(1/0)', '-Bob(1/1)']);
    });

    it('cExpanded 0 shows the top-level headings only', async () => {
      const { table } = await categorized(bySenderThenImportance(0));
      expect(await table.getRowCount()).toBe(6);
    });

    it('collapsing a top category removes its sub-headings and leaves; expanding it shows the sub-categories as they were', async () => {
      const { table } = await categorized(bySenderThenImportance(2));
      let rows = await all(table);
      const alice = ikey(headingOf(rows, 'Alice'));
      const aliceOne = ikey(rows[3]);
      expect(await table.collapseRow(aliceOne)).toBe(3);
      expect(await table.collapseRow(alice)).toBe(5);
      expect(await table.getRowCount()).toBe(24 - 8);
      const { rows: added, ulMoreRows } = await table.expandRow(alice, 10);
      expect(ulMoreRows).toBe(5);
      expect(added).toHaveLength(5);
      rows = await all(table);
      expect(cell(rows[3], PR_ROW_TYPE)).toBe(TBL_COLLAPSED_CATEGORY);
    });

    it('expanding a sub-category inside a collapsed category adds no row until the outer one is expanded', async () => {
      const { table } = await categorized(bySenderThenImportance(0));
      await table.expandRow(ikey(headingOf(await all(table), 'Bob')), 0);
      const rows = await all(table);
      const bobTwo = ikey(rows[2]);
      await table.collapseRow(ikey(rows[1]));
      expect(await table.expandRow(bobTwo, 5)).toEqual({ rows: [], ulMoreRows: 0 });
      expect(await table.getRowCount()).toBe(6);
      await table.expandRow(ikey(rows[1]), 0);
      expect(await table.getRowCount()).toBe(8);
    });
  });

  it('TABLE_SORT_COMBINE makes one category of several columns', async () => {
    const { table } = await categorized({
      aSort: [
        { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
        { ulPropTag: PR_IMPORTANCE, ulOrder: TABLE_SORT_COMBINE },
        { ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND },
      ],
      cCategories: 2,
      cExpanded: 0,
    });
    await table.setColumns([...COLUMNS, PR_IMPORTANCE]);
    expect(picture(await all(table))).toEqual([
      '+Alice/0(1/0)',
      '+Alice/1(3/2)',
      '+Alice/2(1/0)',
      '+Bob/2(1/1)',
      '+Carol(1/0)',
      '+Dave/2(1/1)',
      '+Erin(1/0)',
      '+Frank/0(1/1)',
    ]);
  });

  describe('TABLE_SORT_CATEG_MAX / TABLE_SORT_CATEG_MIN', () => {
    const aggregate = (order: number, categoriesCountIt = false): SSortOrderSet => ({
      aSort: [
        { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
        { ulPropTag: PR_MESSAGE_SIZE, ulOrder: order },
        { ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_DESCEND },
      ],
      cCategories: categoriesCountIt ? 2 : 1,
      cExpanded: 0,
    });

    it('orders headings by the largest value of the column among their rows, descending with TABLE_SORT_DESCEND', async () => {
      const { table } = await categorized(aggregate(TABLE_SORT_CATEG_MAX | TABLE_SORT_DESCEND));
      // Alice 800, Bob 100, Carol 900, Dave 700, Erin 400, Frank 600.
      expect(senders(await all(table))).toEqual(['Carol', 'Alice', 'Dave', 'Frank', 'Erin', 'Bob']);
    });

    it('orders headings by the largest value ascending without TABLE_SORT_DESCEND', async () => {
      const { table } = await categorized(aggregate(TABLE_SORT_CATEG_MAX));
      expect(senders(await all(table))).toEqual(['Bob', 'Erin', 'Frank', 'Dave', 'Alice', 'Carol']);
    });

    it('orders headings by the smallest value with TABLE_SORT_CATEG_MIN', async () => {
      const { table } = await categorized(aggregate(TABLE_SORT_CATEG_MIN));
      // Alice 200, Bob 100, Carol 900, Dave 700, Erin 400, Frank 600.
      expect(senders(await all(table))).toEqual(['Bob', 'Alice', 'Erin', 'Frank', 'Dave', 'Carol']);
    });

    it('reads the same whether or not cCategories counts the aggregate sort order', async () => {
      const a = await categorized(aggregate(TABLE_SORT_CATEG_MAX | TABLE_SORT_DESCEND));
      const b = await categorized(aggregate(TABLE_SORT_CATEG_MAX | TABLE_SORT_DESCEND, true));
      expect(picture(await all(b.table))).toEqual(picture(await all(a.table)));
    });

    it('shows the aggregate value in the heading and sorts leaves by the remaining keys', async () => {
      const { table } = await categorized({ ...aggregate(TABLE_SORT_CATEG_MAX | TABLE_SORT_DESCEND), cExpanded: 1 });
      await table.setColumns([PR_ROW_TYPE, PR_SENDER_NAME_W, PR_MESSAGE_SIZE]);
      const rows = await all(table);
      expect(rows.slice(0, 8).map((r) => [cell(r, PR_ROW_TYPE), cell(r, PR_SENDER_NAME_W), cell(r, PR_MESSAGE_SIZE)])).toEqual([
        [TBL_EXPANDED_CATEGORY, 'Carol', 900],
        [TBL_LEAF_ROW, 'Carol', 900],
        [TBL_EXPANDED_CATEGORY, 'Alice', 800],
        [TBL_LEAF_ROW, 'Alice', 800],
        [TBL_LEAF_ROW, 'Alice', 500],
        [TBL_LEAF_ROW, 'Alice', 300],
        [TBL_LEAF_ROW, 'Alice', 300],
        [TBL_LEAF_ROW, 'Alice', 200],
      ]);
    });

    it('moves a heading when a new row changes its aggregate, and back when that row goes', async () => {
      const { table, source } = await categorized(aggregate(TABLE_SORT_CATEG_MAX | TABLE_SORT_DESCEND));
      source.upsert(mailRow({ key: 'huge', sender: 'Bob', subject: 'Huge', size: 5000, read: true }));
      expect(senders(await all(table))).toEqual(['Bob', 'Carol', 'Alice', 'Dave', 'Frank', 'Erin']);
      source.delete('huge');
      expect(senders(await all(table))).toEqual(['Carol', 'Alice', 'Dave', 'Frank', 'Erin', 'Bob']);
      source.upsert(mailRow({ key: 'm3', sender: 'Carol', subject: 'Report', size: 10, read: true }));
      expect(senders(await all(table))).toEqual(['Alice', 'Dave', 'Frank', 'Erin', 'Bob', 'Carol']);
    });
  });
});

describe('IMAPITable.expandRow', () => {
  it('adds the category’s rows after its heading and returns up to ulRowCount of them', async () => {
    const { table } = await categorized(bySender(0));
    const alice = ikey(headingOf(await all(table), 'Alice'));
    const { rows, ulMoreRows } = await table.expandRow(alice, 2);
    expect(subjects(rows)).toEqual(['Agenda', 'Budget']);
    expect(ulMoreRows).toBe(5);
    expect(await table.getRowCount()).toBe(11);
    expect(cell((await all(table))[0], PR_ROW_TYPE)).toBe(TBL_EXPANDED_CATEGORY);
  });

  it('moves the cursor to the row after the last row returned', async () => {
    const { table } = await categorized(bySender(0));
    const bob = ikey(headingOf(await all(table), 'Bob'));
    await table.expandRow(ikey(headingOf(await all(table), 'Alice')), 2);
    expect((await table.queryPosition()).ulRow).toBe(3);
    expect(subjects(await table.queryRows(1))).toEqual(['Cake']);
    await table.expandRow(bob, 1);
    expect((await table.queryPosition()).ulRow).toBe(8);
  });

  it('with ulRowCount 0 returns no rows and moves the cursor to the row after the heading', async () => {
    const { table } = await categorized(bySender(0));
    const carol = ikey(headingOf(await all(table), 'Carol'));
    expect(await table.expandRow(carol, 0)).toEqual({ rows: [], ulMoreRows: 1 });
    expect((await table.queryPosition()).ulRow).toBe(3);
    expect(subjects(await table.queryRows(1))).toEqual(['Report']);
  });

  it('returns every row when ulRowCount is larger than the category', async () => {
    const { table } = await categorized(bySender(0));
    const { rows } = await table.expandRow(ikey(headingOf(await all(table), 'Alice')), 50);
    expect(subjects(rows)).toEqual(['Agenda', 'Budget', 'Cake', 'Minutes', 'Zebra']);
    expect((await table.queryPosition()).ulRow).toBe(6);
  });

  it('fails with MAPI_E_NOT_FOUND for an unknown instance key or a leaf row', async () => {
    const { table } = await categorized();
    await reject(table.expandRow(new Uint8Array([9, 9, 9, 9, 9]), 0), MAPI_E_NOT_FOUND);
    await reject(table.expandRow(ikey((await all(table))[1]), 0), MAPI_E_NOT_FOUND);
  });

  it('rejects flags with MAPI_E_UNKNOWN_FLAGS and a missing key with MAPI_E_INVALID_PARAMETER', async () => {
    const { table } = await categorized();
    const alice = ikey(headingOf(await all(table), 'Alice'));
    await reject(table.expandRow(alice, 0, 1), MAPI_E_UNKNOWN_FLAGS);
    await reject(table.expandRow(null as unknown as Uint8Array, 0), MAPI_E_INVALID_PARAMETER);
  });
});

describe('IMAPITable.collapseRow', () => {
  it('returns the number of rows removed from the view and keeps the heading', async () => {
    const { table } = await categorized();
    const rows = await all(table);
    expect(await table.collapseRow(ikey(headingOf(rows, 'Bob')))).toBe(1);
    expect(await table.collapseRow(ikey(headingOf(rows, 'Bob')))).toBe(0);
    expect(picture(await all(table)).slice(6, 8)).toEqual(['+Bob(1/1)', '-Carol(1/0)']);
  });

  it('fails with MAPI_E_NOT_FOUND for an unknown instance key', async () => {
    const { table } = await categorized();
    await reject(table.collapseRow(new Uint8Array([1, 2, 3])), MAPI_E_NOT_FOUND);
  });

  it('moves a cursor on a collapsed row to the next visible row', async () => {
    const { table } = await categorized();
    await table.seekRow(BOOKMARK_BEGINNING, 3); // Cake
    await table.collapseRow(ikey(headingOf(await all(table), 'Alice')));
    expect(picture(await table.queryRows(1))).toEqual(['-Bob(1/1)']);
  });

  it('moves a bookmark on a collapsed row to the next visible row, with MAPI_W_POSITION_CHANGED once', async () => {
    const { table } = await categorized();
    await table.seekRow(BOOKMARK_BEGINNING, 2); // Budget
    const bk = await table.createBookmark();
    await table.collapseRow(ikey(headingOf(await all(table), 'Alice')));
    expect(await table.seekRow(bk, 0)).toEqual({ lRowsSought: 0, warning: MAPI_W_POSITION_CHANGED });
    expect((await table.queryPosition()).ulRow).toBe(1);
    expect(await table.seekRow(bk, 0)).toEqual({ lRowsSought: 0 });
    // Expanding again does not bring the bookmark back: it stays on the row it moved to.
    await table.expandRow(ikey(headingOf(await all(table), 'Alice')), 0);
    await table.seekRow(bk, 0);
    expect(picture(await table.queryRows(1))).toEqual(['-Bob(1/1)']);
  });

  it('a bookmark whose row moves into a collapsed category moves to the next visible row when used', async () => {
    const { table, source } = await categorized();
    await table.collapseRow(ikey(headingOf(await all(table), 'Bob')));
    await table.seekRow(BOOKMARK_BEGINNING, 1); // Agenda (Alice)
    const bk = await table.createBookmark();
    source.upsert(mailRow({ ...MAILBOX[2]!, sender: 'Bob' }));
    expect(await table.seekRow(bk, 0)).toMatchObject({ warning: MAPI_W_POSITION_CHANGED });
    expect(picture(await table.queryRows(1))).toEqual(['-Carol(1/0)']);
  });

  it('a cursor whose row moves into a collapsed category reads on from the next visible row', async () => {
    const { table, source } = await categorized();
    await table.collapseRow(ikey(headingOf(await all(table), 'Bob')));
    await table.seekRow(BOOKMARK_BEGINNING, 1); // Agenda (Alice)
    source.upsert(mailRow({ ...MAILBOX[2]!, sender: 'Bob' }));
    expect(await table.seekRow(BOOKMARK_CURRENT, 0)).toMatchObject({ warning: MAPI_W_POSITION_CHANGED });
    expect(picture(await table.queryRows(1))).toEqual(['-Carol(1/0)']);
  });

  it('rows changed in a category no one has read yet are in order by their new values when it is read', async () => {
    // A fresh view orders a category's leaves only when something reads them: changes made
    // before that must count with the new values (sort keys are taken from the current row).
    const { table, source } = await categorized(bySenderThenImportance(2));
    expect(await table.getRowCount()).toBe(24);
    source.upsert(mailRow({ ...MAILBOX[2]!, subject: 'Zzz' })); // Alice/1: Agenda -> Zzz, stays in place
    source.upsert(mailRow({ ...MAILBOX[6]!, subject: 'Aardvark' })); // Alice/1: Zebra -> Aardvark
    source.upsert(mailRow({ ...MAILBOX[8]!, importance: 1 })); // Cake moves from Alice/2 to Alice/1
    const alice = picture(await all(table)).slice(0, 8);
    expect(alice).toEqual(['-Alice(5/2)', '-.Alice(1/0)', '  Minutes', '-.Alice(4/2)', '  Aardvark', '  Budget', '  Cake', '  Zzz']);
  });
});

describe('IMAPITable.getCollapseState / setCollapseState', () => {
  it('restores every category’s state and returns a bookmark on the row given to getCollapseState', async () => {
    const { table } = await categorized(bySenderThenImportance(2));
    let rows = await all(table);
    await table.collapseRow(ikey(rows[1])); // Alice/0
    await table.collapseRow(ikey(headingOf(rows, 'Dave')));
    rows = await all(table);
    const saved = await table.getCollapseState(0, ikey(headingOf(rows, 'Erin')));
    const shape = picture(rows);
    await table.sortTable(bySenderThenImportance(2));
    expect(picture(await all(table))).not.toEqual(shape);
    // A new sort with the same keys makes the same view, whose state can be restored.
    const { bkLocation } = await table.setCollapseState(0, saved);
    expect(picture(await all(table))).toEqual(shape);
    await table.seekRow(bkLocation, 0);
    expect(senders(await table.queryRows(1))).toEqual(['Erin']);
  });

  it('returns a bookmark on the leaf row given to getCollapseState', async () => {
    const { table } = await categorized();
    const rows = await all(table);
    const saved = await table.getCollapseState(0, ikey(rows[11])); // Dave's Invoice
    await table.collapseRow(ikey(headingOf(rows, 'Alice')));
    const { bkLocation } = await table.setCollapseState(0, saved);
    expect(await table.getRowCount()).toBe(16);
    await table.seekRow(bkLocation, 0);
    expect(subjects(await table.queryRows(1, 1))).toEqual(['Invoice']);
    expect((await table.queryPosition()).ulRow).toBe(11);
  });

  it('returns a bookmark on the nearest visible heading when the row given is collapsed out of view', async () => {
    const { table } = await categorized();
    const rows = await all(table);
    await table.collapseRow(ikey(headingOf(rows, 'Alice')));
    const saved = await table.getCollapseState(0, ikey(rows[3])); // Cake, hidden
    await table.expandRow(ikey(headingOf(rows, 'Alice')), 0);
    const { bkLocation } = await table.setCollapseState(0, saved);
    await table.seekRow(bkLocation, 0);
    expect(picture(await table.queryRows(1))).toEqual(['+Alice(5/2)']);
  });

  it('fails with MAPI_E_UNABLE_TO_COMPLETE for a state saved under another sort order', async () => {
    const { table } = await categorized();
    const saved = await table.getCollapseState(0, ikey((await all(table))[0]));
    await table.sortTable({ ...bySender(), aSort: [{ ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_DESCEND }] });
    await reject(table.setCollapseState(0, saved), MAPI_E_UNABLE_TO_COMPLETE);
  });

  it('fails with MAPI_E_UNABLE_TO_COMPLETE for bytes that are not a collapse state', async () => {
    const { table } = await categorized();
    await reject(table.setCollapseState(0, new Uint8Array([1, 2, 3])), MAPI_E_UNABLE_TO_COMPLETE);
  });

  it('rejects flags with MAPI_E_UNKNOWN_FLAGS and a missing instance key with MAPI_E_INVALID_PARAMETER', async () => {
    const { table } = await categorized();
    await reject(table.getCollapseState(1, new Uint8Array(4)), MAPI_E_UNKNOWN_FLAGS);
    await reject(table.getCollapseState(0, null as unknown as Uint8Array), MAPI_E_INVALID_PARAMETER);
  });
});

describe('categories as rows change', () => {
  it('creates a heading for a row with a new category value and removes a heading whose last row goes', async () => {
    const { table, source } = await categorized();
    source.upsert(mailRow({ key: 'g', sender: 'Gus', subject: 'Hi', size: 1, read: false }));
    expect(picture(await all(table)).slice(-2)).toEqual(['-Gus(1/1)', '  Hi']);
    source.delete('g');
    source.delete('m1');
    expect(senders(await all(table)).filter((s, i, a) => a.indexOf(s) === i)).toEqual(['Alice', 'Carol', 'Dave', 'Erin', 'Frank']);
    expect(await table.getRowCount()).toBe(14);
  });

  it('keeps counts right when a row changes category or read state', async () => {
    const { table, source } = await categorized();
    source.upsert(mailRow({ ...MAILBOX[2]!, sender: 'Bob' })); // Agenda, unread, Alice -> Bob
    source.upsert(mailRow({ ...MAILBOX[6]!, read: true })); // Zebra read
    const rows = await all(table);
    expect(picture([headingOf(rows, 'Alice'), headingOf(rows, 'Bob')])).toEqual(['-Alice(4/0)', '-Bob(2/2)']);
  });

  it('a new category starts expanded or collapsed as cExpanded says', async () => {
    const { table, source } = await categorized(bySender(0));
    source.upsert(mailRow({ key: 'g', sender: 'Gus', subject: 'Hi', size: 1, read: false }));
    expect(picture(await all(table)).slice(-1)).toEqual(['+Gus(1/1)']);
  });
});
