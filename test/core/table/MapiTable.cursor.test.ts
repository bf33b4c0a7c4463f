import { describe, expect, it } from 'vitest';
import { CHANGE_PROP_TYPE } from '../../../src/core/props/tags.js';
import { PT_ERROR } from '../../../src/core/generated/proptypes.js';
import { PR_BODY_W, PR_NULL, PR_SUBJECT_W, PR_MESSAGE_SIZE } from '../../../src/core/generated/proptags.js';
import { BOOKMARK_BEGINNING, BOOKMARK_CURRENT, BOOKMARK_END, TABLE_SORT_ASCEND, TBL_NOADVANCE } from '../../../src/core/generated/constants.js';
import { MAPI_E_INVALID_BOOKMARK, MAPI_E_INVALID_PARAMETER, MAPI_E_NOT_FOUND, MAPI_E_UNKNOWN_FLAGS } from '../../../src/core/generated/scodes.js';
import { MAILBOX, mailRow, mailTable, reject, subjects } from './MapiTable.fixtures.js';

const natural = MAILBOX.map((m) => m.subject);

describe('IMAPITable.queryRows', () => {
  it('reads forward from the cursor and advances it past the last row returned', async () => {
    const { table } = mailTable();
    expect(subjects(await table.queryRows(3))).toEqual(natural.slice(0, 3));
    expect(subjects(await table.queryRows(3))).toEqual(natural.slice(3, 6));
    expect((await table.queryPosition()).ulRow).toBe(6);
  });

  it('returns fewer rows than asked at the end of the table, then none', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 8);
    expect(subjects(await table.queryRows(5))).toEqual(natural.slice(8));
    expect(await table.queryRows(5)).toEqual([]);
    expect((await table.queryPosition()).ulRow).toBe(10);
  });

  it('with a negative count moves back first, then reads forward, leaving the cursor on the first row returned', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 6);
    expect(subjects(await table.queryRows(-2))).toEqual(natural.slice(4, 6));
    expect((await table.queryPosition()).ulRow).toBe(4);
    // Paging backward again gives the two rows before those.
    expect(subjects(await table.queryRows(-2))).toEqual(natural.slice(2, 4));
  });

  it('with a negative count larger than the rows before the cursor reads only those rows', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 2);
    expect(subjects(await table.queryRows(-5))).toEqual(natural.slice(0, 2));
    expect((await table.queryPosition()).ulRow).toBe(0);
  });

  it('returns no rows for a negative count at the beginning of the table', async () => {
    const { table } = mailTable();
    expect(await table.queryRows(-3)).toEqual([]);
    expect((await table.queryPosition()).ulRow).toBe(0);
  });

  it('reads the last rows with a negative count from BOOKMARK_END', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_END, 0);
    expect(subjects(await table.queryRows(-3))).toEqual(natural.slice(7));
  });

  it('rejects a zero count with MAPI_E_INVALID_PARAMETER', async () => {
    const { table } = mailTable();
    await reject(table.queryRows(0), MAPI_E_INVALID_PARAMETER);
    await reject(table.queryRows(1.5), MAPI_E_INVALID_PARAMETER);
  });

  it('rejects unknown flags with MAPI_E_UNKNOWN_FLAGS', async () => {
    const { table } = mailTable();
    await reject(table.queryRows(1, 0x10), MAPI_E_UNKNOWN_FLAGS);
  });

  it('with TBL_NOADVANCE leaves the cursor on the first row returned', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 3);
    expect(subjects(await table.queryRows(2, TBL_NOADVANCE))).toEqual(natural.slice(3, 5));
    expect((await table.queryPosition()).ulRow).toBe(3);
    expect(subjects(await table.queryRows(2, TBL_NOADVANCE))).toEqual(natural.slice(3, 5));
    expect(subjects(await table.queryRows(-2, TBL_NOADVANCE))).toEqual(natural.slice(1, 3));
    expect((await table.queryPosition()).ulRow).toBe(1);
  });

  it('with TBL_NOADVANCE at the end returns nothing and stays at the end', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_END, 0);
    expect(await table.queryRows(4, TBL_NOADVANCE)).toEqual([]);
    expect((await table.queryPosition()).ulRow).toBe(10);
  });

  it('gives PT_ERROR / MAPI_E_NOT_FOUND cells for properties a row lacks, keeping the identifier', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_SUBJECT_W, PR_BODY_W]);
    const [row] = await table.queryRows(1);
    expect(row?.lpProps).toEqual([
      { ulPropTag: PR_SUBJECT_W, Value: 'Budget' },
      { ulPropTag: CHANGE_PROP_TYPE(PR_BODY_W, PT_ERROR), Value: MAPI_E_NOT_FOUND },
    ]);
  });

  it('returns every row with the default column set when nothing was set', async () => {
    const { table } = mailTable();
    const rows = await table.queryRows(100);
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.lpProps.length === 4)).toBe(true);
  });

  it('returns rows in the order of the sort', async () => {
    const { table } = mailTable();
    await table.sortTable({ aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 });
    expect(subjects(await table.queryRows(100))).toEqual([...natural].sort());
  });

  it('leaves PR_NULL slots empty', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_NULL, PR_SUBJECT_W, PR_NULL]);
    const [row] = await table.queryRows(1);
    expect(row?.lpProps).toEqual([
      { ulPropTag: PR_NULL, Value: null },
      { ulPropTag: PR_SUBJECT_W, Value: 'Budget' },
      { ulPropTag: PR_NULL, Value: null },
    ]);
  });
});

describe('IMAPITable.seekRow', () => {
  it('moves forward from the beginning and reports the rows sought', async () => {
    const { table } = mailTable();
    expect(await table.seekRow(BOOKMARK_BEGINNING, 4)).toEqual({ lRowsSought: 4 });
    expect(subjects(await table.queryRows(1))).toEqual([natural[4]]);
  });

  it('moves relative to the cursor, backward with a negative count and a negative rows sought', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 5);
    expect(await table.seekRow(BOOKMARK_CURRENT, -3)).toEqual({ lRowsSought: -3 });
    expect((await table.queryPosition()).ulRow).toBe(2);
  });

  it('moves backward from the end', async () => {
    const { table } = mailTable();
    expect(await table.seekRow(BOOKMARK_END, -2)).toEqual({ lRowsSought: -2 });
    expect(subjects(await table.queryRows(5))).toEqual(natural.slice(8));
  });

  it('stops after the last row when asked to go past the end, and says how far it went', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 7);
    expect(await table.seekRow(BOOKMARK_CURRENT, 50)).toEqual({ lRowsSought: 3 });
    expect((await table.queryPosition()).ulRow).toBe(10);
    expect(await table.seekRow(BOOKMARK_END, 5)).toEqual({ lRowsSought: 0 });
  });

  it('stops at the first row when asked to go before the beginning', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 2);
    expect(await table.seekRow(BOOKMARK_CURRENT, -9)).toEqual({ lRowsSought: -2 });
    expect((await table.queryPosition()).ulRow).toBe(0);
    expect(await table.seekRow(BOOKMARK_BEGINNING, -1)).toEqual({ lRowsSought: 0 });
  });

  it('seeks from a bookmark', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 6);
    const bk = await table.createBookmark();
    await table.seekRow(BOOKMARK_BEGINNING, 0);
    expect(await table.seekRow(bk, -1)).toEqual({ lRowsSought: -1 });
    expect(subjects(await table.queryRows(1))).toEqual([natural[5]]);
  });

  it('rejects an unknown or freed bookmark with MAPI_E_INVALID_BOOKMARK', async () => {
    const { table } = mailTable();
    await reject(table.seekRow(12345, 0), MAPI_E_INVALID_BOOKMARK);
    const bk = await table.createBookmark();
    await table.freeBookmark(bk);
    await reject(table.seekRow(bk, 0), MAPI_E_INVALID_BOOKMARK);
  });

  it('rejects a count that is not an integer with MAPI_E_INVALID_PARAMETER', async () => {
    const { table } = mailTable();
    await reject(table.seekRow(BOOKMARK_BEGINNING, 0.5), MAPI_E_INVALID_PARAMETER);
  });

  it('works on an empty table', async () => {
    const { table } = mailTable([]);
    expect(await table.seekRow(BOOKMARK_BEGINNING, 3)).toEqual({ lRowsSought: 0 });
    expect(await table.seekRow(BOOKMARK_END, -3)).toEqual({ lRowsSought: 0 });
    expect(await table.queryRows(1)).toEqual([]);
  });
});

describe('IMAPITable.seekRowApprox', () => {
  it('puts the cursor at the beginning for a zero numerator, whatever the denominator', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 5);
    await table.seekRowApprox(0, 7);
    expect((await table.queryPosition()).ulRow).toBe(0);
  });

  it('puts the cursor after the last row when the numerator equals the denominator', async () => {
    const { table } = mailTable();
    await table.seekRowApprox(3, 3);
    expect((await table.queryPosition()).ulRow).toBe(10);
    expect(await table.queryRows(1)).toEqual([]);
  });

  it('goes to the fraction of the table, whatever the number scheme', async () => {
    const { table } = mailTable();
    for (const [n, d] of [
      [1, 2],
      [10, 20],
      [50, 100],
    ] as const) {
      await table.seekRowApprox(n, d);
      expect((await table.queryPosition()).ulRow).toBe(5);
    }
    await table.seekRowApprox(3, 10);
    expect(subjects(await table.queryRows(1))).toEqual([natural[3]]);
  });

  it('is absolute from the beginning, not relative to the cursor', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 9);
    await table.seekRowApprox(1, 5);
    expect((await table.queryPosition()).ulRow).toBe(2);
  });

  it('rejects a zero denominator with MAPI_E_INVALID_PARAMETER', async () => {
    const { table } = mailTable();
    await reject(table.seekRowApprox(1, 0), MAPI_E_INVALID_PARAMETER);
  });
});

describe('IMAPITable.queryPosition', () => {
  it('gives the zero-based current row (the next row to be read) and a fraction with a nonzero denominator', async () => {
    const { table } = mailTable();
    expect(await table.queryPosition()).toEqual({ ulRow: 0, ulNumerator: 0, ulDenominator: 10 });
    await table.queryRows(3);
    const pos = await table.queryPosition();
    expect(pos.ulRow).toBe(3);
    expect(pos.ulNumerator / pos.ulDenominator).toBeCloseTo(0.3);
  });

  it('round-trips with seekRowApprox', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 7);
    const { ulNumerator, ulDenominator } = await table.queryPosition();
    await table.seekRow(BOOKMARK_BEGINNING, 0);
    await table.seekRowApprox(ulNumerator, ulDenominator);
    expect((await table.queryPosition()).ulRow).toBe(7);
  });

  it('never gives a zero denominator, even for an empty table', async () => {
    const { table } = mailTable([]);
    expect(await table.queryPosition()).toEqual({ ulRow: 0, ulNumerator: 0, ulDenominator: 1 });
  });
});

describe('cursor stickiness (docs/decisions/006-table-sort-and-categories.md)', () => {
  it('a cursor at the beginning stays at the beginning when a row is added before the first row', async () => {
    const { table, source } = mailTable();
    await table.sortTable({ aSort: [{ ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 });
    source.upsert(mailRow({ key: 'tiny', sender: 'Zed', subject: 'Tiny', size: 1, read: true }));
    expect(subjects(await table.queryRows(1))).toEqual(['Tiny']);
  });

  it('a cursor on a row stays on that row when rows are added or deleted before it', async () => {
    const { table, source } = mailTable();
    await table.sortTable({ aSort: [{ ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 });
    await table.queryRows(2); // sizes 100, 200 read; next is a 300
    source.upsert(mailRow({ key: 'tiny', sender: 'Zed', subject: 'Tiny', size: 1, read: true }));
    expect((await table.queryPosition()).ulRow).toBe(3);
    source.delete('m1');
    source.delete('tiny');
    expect((await table.queryPosition()).ulRow).toBe(1);
    expect(subjects(await table.queryRows(1))).toEqual(['Agenda']);
  });

  it('a cursor after the last row stays there when a row is appended', async () => {
    const { table, source } = mailTable();
    await table.queryRows(100);
    source.upsert(mailRow({ key: 'late', sender: 'Zed', subject: 'Late', size: 1, read: true }));
    expect(await table.queryRows(1)).toEqual([]);
    expect(subjects(await table.queryRows(-1))).toEqual(['Late']);
  });
});
