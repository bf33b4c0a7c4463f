import { describe, expect, it } from 'vitest';
import { CHANGE_PROP_TYPE, MVI_PROP, PROP_TAG } from '../../../src/core/props/tags.js';
import { PT_ERROR, PT_MV_STRING8, PT_UNICODE } from '../../../src/core/generated/proptypes.js';
import { PR_CONTENT_COUNT, PR_INSTANCE_KEY, PR_NULL, PR_ROW_TYPE, PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';
import {
  BOOKMARK_BEGINNING,
  RELOP_EQ,
  RES_PROPERTY,
  TABLE_ROW_ADDED,
  TABLE_ROW_DELETED,
  TABLE_ROW_MODIFIED,
  TABLE_SORT_ASCEND,
  TABLE_SORT_DESCEND,
  TBL_LEAF_ROW,
} from '../../../src/core/generated/constants.js';
import { MAPI_E_INVALID_BOOKMARK, MAPI_E_NOT_FOUND } from '../../../src/core/generated/scodes.js';
import type { SRow } from '../../../src/core/props/types.js';
import { MAILBOX, PR_CODES, PR_KEYWORDS, hex, mailRow, mailTable, p, recordTable, reject, subjects, tableEvents } from './MapiTable.fixtures.js';
import { cell, ikey, makeTable } from './helpers.js';

const KEYWORD = MVI_PROP(PR_KEYWORDS);
const CODE = MVI_PROP(PR_CODES);
const keywords = (rows: SRow[]) => rows.map((r) => cell(r, KEYWORD) ?? null);
const byKeyword = (ulOrder = TABLE_SORT_ASCEND, cCategories = 0) => ({ aSort: [{ ulPropTag: KEYWORD, ulOrder }], cCategories, cExpanded: cCategories });

describe('multivalued instance columns (working-with-multivalued-columns.md)', () => {
  it('a column with MVI_FLAG gives one row per value; rows without the property keep one row', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_SUBJECT_W, KEYWORD]);
    const rows = await table.queryRows(100);
    // m0 has 2 keywords, m2 1, m3 1, m5 3, the six others none: 2 + 1 + 1 + 3 + 6.
    expect(rows).toHaveLength(13);
    expect(rows.slice(0, 3).map((r) => [cell(r, PR_SUBJECT_W), cell(r, KEYWORD)])).toEqual([
      ['Budget', 'red'],
      ['Budget', 'blue'],
      ['Lunch', undefined],
    ]);
    expect(await table.getRowCount()).toBe(13);
  });

  it('each instance keeps the column’s MVI tag with one value of the base type; a missing one is PT_ERROR', async () => {
    const { table } = mailTable();
    await table.setColumns([KEYWORD]);
    const rows = await table.queryRows(3);
    expect(rows[0]?.lpProps[0]).toEqual(p(KEYWORD, 'red'));
    expect(rows[2]?.lpProps[0]).toEqual(p(CHANGE_PROP_TYPE(KEYWORD, PT_ERROR), MAPI_E_NOT_FOUND));
  });

  it('each instance has its own PR_INSTANCE_KEY', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_INSTANCE_KEY, KEYWORD]);
    const rows = await table.queryRows(100);
    expect(new Set(rows.map((r) => hex(ikey(r)))).size).toBe(13);
  });

  it('two MVI columns with M and N values give M*N rows', async () => {
    const { table } = makeTable(
      [
        { key: 'a', props: [p(PR_SUBJECT_W, 'a'), p(PR_KEYWORDS, ['x', 'y', 'z']), p(PR_CODES, [1, 2])] },
        { key: 'b', props: [p(PR_SUBJECT_W, 'b'), p(PR_KEYWORDS, ['x']), p(PR_CODES, [])] },
      ],
      [PR_INSTANCE_KEY, PR_SUBJECT_W, KEYWORD, CODE],
    );
    const rows = await table.queryRows(100);
    expect(rows.map((r) => `${String(cell(r, PR_SUBJECT_W))}:${String(cell(r, KEYWORD))}:${String(cell(r, CODE))}`)).toEqual([
      'a:x:1',
      'a:x:2',
      'a:y:1',
      'a:y:2',
      'a:z:1',
      'a:z:2',
      'b:x:undefined',
    ]);
    expect(new Set(rows.map((r) => hex(ikey(r)))).size).toBe(7);
  });

  it('without MVI_FLAG a multivalued column is one cell with every value', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_KEYWORDS]);
    const rows = await table.queryRows(100);
    expect(rows).toHaveLength(10);
    expect(rows[0]?.lpProps[0]).toEqual(p(PR_KEYWORDS, ['red', 'blue']));
  });

  it('reads values stored as PT_MV_STRING8 in a PT_MV_UNICODE instance column', async () => {
    const { table } = makeTable([{ key: 'a', props: [p(PROP_TAG(PT_MV_STRING8, 0x8012), ['one', 'two'])] }], [KEYWORD]);
    expect(keywords(await table.queryRows(10))).toEqual(['one', 'two']);
  });

  it('adding or removing an MVI column changes the rows: bookmarks are discarded and the cursor goes to the beginning', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 4);
    const bk = await table.createBookmark();
    await table.setColumns([PR_SUBJECT_W, KEYWORD]);
    await reject(table.seekRow(bk, 0), MAPI_E_INVALID_BOOKMARK);
    expect((await table.queryPosition()).ulRow).toBe(0);
    await table.seekRow(BOOKMARK_BEGINNING, 4);
    const bk2 = await table.createBookmark();
    await table.setColumns([PR_SUBJECT_W]);
    await reject(table.seekRow(bk2, 0), MAPI_E_INVALID_BOOKMARK);
    expect(await table.getRowCount()).toBe(10);
  });

  it('reordering the columns or changing the others keeps the rows, their instance keys and the bookmarks', async () => {
    const { table } = makeTable(
      [{ key: 'a', props: [p(PR_SUBJECT_W, 'a'), p(PR_KEYWORDS, ['x', 'y']), p(PR_CODES, [1, 2])] }],
      [PR_INSTANCE_KEY, KEYWORD, CODE],
    );
    const before = (await table.queryRows(10)).map((r) => `${hex(ikey(r))}=${String(cell(r, KEYWORD))}${String(cell(r, CODE))}`);
    await table.seekRow(BOOKMARK_BEGINNING, 2);
    const bk = await table.createBookmark();
    await table.setColumns([CODE, PR_SUBJECT_W, KEYWORD, PR_INSTANCE_KEY]);
    expect(await table.seekRow(bk, 0)).toEqual({ lRowsSought: 0 });
    await table.seekRow(BOOKMARK_BEGINNING, 0);
    const after = (await table.queryRows(10)).map((r) => `${hex(ikey(r))}=${String(cell(r, KEYWORD))}${String(cell(r, CODE))}`);
    expect(new Set(after)).toEqual(new Set(before));
  });

  it('sortTable with an MVI column expands the rows and sorts on the single values, missing values last', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_SUBJECT_W, KEYWORD]);
    await table.sortTable(byKeyword());
    const rows = await table.queryRows(100);
    expect(keywords(rows)).toEqual(['blue', 'blue', 'green', 'green', 'red', 'red', 'red', null, null, null, null, null, null]);
    expect(subjects(rows).slice(0, 7)).toEqual(['Budget', 'Invoice', 'Agenda', 'Invoice', 'Budget', 'Report', 'Invoice']);
    await table.sortTable(byKeyword(TABLE_SORT_DESCEND));
    expect(keywords(await table.queryRows(100)).slice(0, 8)).toEqual(['red', 'red', 'red', 'green', 'green', 'blue', 'blue', null]);
  });

  it('sortTable with an MVI column expands the rows even when the column set does not show it', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_SUBJECT_W]);
    await table.sortTable(byKeyword());
    expect(await table.getRowCount()).toBe(13);
    await table.sortTable({ aSort: [], cCategories: 0, cExpanded: 0 });
    expect(await table.getRowCount()).toBe(10);
  });

  it('categorizing on an MVI column puts a row under each of its values', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_ROW_TYPE, KEYWORD, PR_SUBJECT_W, PR_CONTENT_COUNT]);
    await table.sortTable(byKeyword(TABLE_SORT_ASCEND, 1));
    const rows = await table.queryRows(100);
    const headings = rows.filter((r) => cell(r, PR_ROW_TYPE) !== TBL_LEAF_ROW);
    expect(headings.map((r) => [cell(r, KEYWORD), cell(r, PR_CONTENT_COUNT)])).toEqual([
      ['blue', 2],
      ['green', 2],
      ['red', 3],
      [undefined, 6],
    ]);
    expect(rows).toHaveLength(4 + 13);
  });

  it('a restriction on the MVI column keeps the instances whose value matches', async () => {
    const { table } = mailTable();
    const red = { rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: KEYWORD, lpProp: p(CHANGE_PROP_TYPE(PR_KEYWORDS, PT_UNICODE), 'red') } as const;
    await table.restrict(red);
    // Without the MVI column in view: one row per message with a red keyword.
    expect(subjects(await table.queryRows(100))).toEqual(['Budget', 'Report', 'Invoice']);
    await table.setColumns([PR_SUBJECT_W, KEYWORD]);
    await table.restrict(red);
    const rows = await table.queryRows(100);
    expect(keywords(rows)).toEqual(['red', 'red', 'red']);
  });

  it('findRow finds an instance by its PR_INSTANCE_KEY', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_INSTANCE_KEY, KEYWORD]);
    const rows = await table.queryRows(100);
    await table.findRow({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_INSTANCE_KEY, lpProp: p(PR_INSTANCE_KEY, ikey(rows[8])) }, BOOKMARK_BEGINNING);
    expect((await table.queryPosition()).ulRow).toBe(8);
  });

  it('a value added to or removed from a row adds or deletes that instance; the others keep their instance keys', async () => {
    const { table, source, hub } = mailTable();
    await table.setColumns([PR_SUBJECT_W, KEYWORD, PR_INSTANCE_KEY]);
    const [, blue] = await table.queryRows(2);
    await table.seekRow(BOOKMARK_BEGINNING, 0);
    const { rec } = await recordTable(table);
    source.upsert(mailRow({ ...MAILBOX[0]!, keywords: ['red', 'blue', 'pink'] }));
    await hub.flush();
    expect(tableEvents(rec).map((t) => [t.ulTableEvent, cell(t.row, KEYWORD)])).toEqual([
      [TABLE_ROW_MODIFIED, 'red'],
      [TABLE_ROW_MODIFIED, 'blue'],
      [TABLE_ROW_ADDED, 'pink'],
    ]);
    rec.clear();
    source.upsert(mailRow({ ...MAILBOX[0]!, keywords: ['blue'] }));
    await hub.flush();
    const tabs = tableEvents(rec);
    expect(tabs.map((t) => t.ulTableEvent)).toEqual([TABLE_ROW_DELETED, TABLE_ROW_DELETED, TABLE_ROW_MODIFIED]);
    expect(hex(tabs[2]?.propIndex.Value)).toBe(hex(ikey(blue)));
    expect(tabs[2]?.propPrior.ulPropTag).toBe(PR_NULL);
    const rows = await table.queryRows(2);
    expect(keywords(rows)).toEqual(['blue', null]);
    expect(hex(ikey(rows[0]))).toBe(hex(ikey(blue)));
  });

  it('swapping two values of a row moves their instances, each keeping its key', async () => {
    const { table, source } = makeTable([{ key: 'a', props: [p(PR_KEYWORDS, ['x', 'y'])] }], [PR_INSTANCE_KEY, KEYWORD]);
    const before = new Map((await table.queryRows(10)).map((r) => [cell(r, KEYWORD), hex(ikey(r))]));
    source.upsert({ key: 'a', props: new Map([[PR_KEYWORDS >>> 16, p(PR_KEYWORDS, ['y', 'x'])]]) });
    await table.seekRow(BOOKMARK_BEGINNING, 0);
    const rows = await table.queryRows(10);
    expect(keywords(rows)).toEqual(['y', 'x']);
    expect(rows.map((r) => hex(ikey(r)))).toEqual([before.get('y'), before.get('x')]);
  });

  it('orders the instances of a row by value position, past ten values', async () => {
    const values = Array.from({ length: 12 }, (_, i) => `v${i}`);
    const { table } = makeTable([{ key: 'a', props: [p(PR_KEYWORDS, values)] }], [KEYWORD]);
    expect(keywords(await table.queryRows(100))).toEqual(values);
  });
});
