import { describe, expect, it } from 'vitest';
import { CHANGE_PROP_TYPE } from '../../../src/core/props/tags.js';
import { PT_ERROR, PT_STRING8, PT_UNSPECIFIED } from '../../../src/core/generated/proptypes.js';
import {
  PR_CONTENT_COUNT,
  PR_CONTENT_UNREAD,
  PR_DEPTH,
  PR_ROW_TYPE,
  PR_ENTRYID,
  PR_IMPORTANCE,
  PR_INSTANCE_KEY,
  PR_MESSAGE_FLAGS,
  PR_MESSAGE_SIZE,
  PR_NULL,
  PR_SENDER_NAME_W,
  PR_SUBJECT_A,
  PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import { BOOKMARK_BEGINNING, TBL_ALL_COLUMNS, TBL_BATCH } from '../../../src/core/generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NOT_FOUND, MAPI_E_UNKNOWN_FLAGS } from '../../../src/core/generated/scodes.js';
import { MAIL_COLUMNS, PR_KEYWORDS, mailRow, mailTable, p, reject } from './MapiTable.fixtures.js';
import { cell } from './helpers.js';

describe('IMAPITable.setColumns', () => {
  it('sets the columns and their order for every row returned', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_MESSAGE_SIZE, PR_SUBJECT_W]);
    const rows = await table.queryRows(2);
    expect(rows.map((r) => r.lpProps.map((v) => v.ulPropTag))).toEqual([
      [PR_MESSAGE_SIZE, PR_SUBJECT_W],
      [PR_MESSAGE_SIZE, PR_SUBJECT_W],
    ]);
    expect(rows[0]?.lpProps.map((v) => v.Value)).toEqual([500, 'Budget']);
  });

  it('returns PR_NULL in the positions reserved with PR_NULL', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_SUBJECT_W, PR_NULL, PR_NULL, PR_MESSAGE_SIZE]);
    const [row] = await table.queryRows(1);
    expect(row?.lpProps).toEqual([p(PR_SUBJECT_W, 'Budget'), p(PR_NULL, null), p(PR_NULL, null), p(PR_MESSAGE_SIZE, 500)]);
    expect(await table.queryColumns()).toEqual([PR_SUBJECT_W, PR_NULL, PR_NULL, PR_MESSAGE_SIZE]);
  });

  it('accepts columns no row has; they read as PT_ERROR / MAPI_E_NOT_FOUND', async () => {
    const { table } = mailTable();
    const unknown = 0x7ff0001f;
    await table.setColumns([unknown]);
    const [row] = await table.queryRows(1);
    expect(row?.lpProps).toEqual([p(CHANGE_PROP_TYPE(unknown, PT_ERROR), MAPI_E_NOT_FOUND)]);
  });

  it('converts string columns to the type asked and resolves PT_UNSPECIFIED', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_SUBJECT_A, CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_UNSPECIFIED)]);
    const [row] = await table.queryRows(1);
    expect(row?.lpProps[0]).toEqual(p(PR_SUBJECT_A, 'Budget'));
    expect(row?.lpProps[1]?.Value).toBe('Budget');
    expect([PR_SUBJECT_A, PR_SUBJECT_W]).toContain(row?.lpProps[1]?.ulPropTag);
    const unicode = mailTable(undefined, { unicode: true }).table;
    await unicode.setColumns([CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_UNSPECIFIED)]);
    expect((await unicode.queryRows(1))[0]?.lpProps[0]).toEqual(p(PR_SUBJECT_W, 'Budget'));
    expect(CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_STRING8)).toBe(PR_SUBJECT_A);
  });

  it('keeps the cursor and bookmarks when no multivalued instance column changes', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 4);
    const bk = await table.createBookmark();
    await table.setColumns([PR_SUBJECT_W]);
    expect((await table.queryPosition()).ulRow).toBe(4);
    expect(await table.seekRow(bk, 0)).toEqual({ lRowsSought: 0 });
  });

  it('rejects a null or empty tag array with MAPI_E_INVALID_PARAMETER', async () => {
    const { table } = mailTable();
    await reject(table.setColumns([]), MAPI_E_INVALID_PARAMETER);
    await reject(table.setColumns(null as unknown as number[]), MAPI_E_INVALID_PARAMETER);
  });

  it('rejects unknown flags with MAPI_E_UNKNOWN_FLAGS and keeps the columns', async () => {
    const { table } = mailTable();
    await reject(table.setColumns([PR_SUBJECT_W], 0x100), MAPI_E_UNKNOWN_FLAGS);
    expect(await table.queryColumns()).toEqual(MAIL_COLUMNS);
  });

  it('does not keep a reference to the caller’s array', async () => {
    const { table } = mailTable();
    const cols = [PR_SUBJECT_W];
    await table.setColumns(cols);
    cols.push(PR_MESSAGE_SIZE);
    expect(await table.queryColumns()).toEqual([PR_SUBJECT_W]);
  });

  describe('with TBL_BATCH', () => {
    it('applies the column set by the time data is read', async () => {
      const { table } = mailTable();
      await table.setColumns([PR_SUBJECT_W], TBL_BATCH);
      expect((await table.queryRows(1))[0]?.lpProps).toEqual([p(PR_SUBJECT_W, 'Budget')]);
    });

    it('applies the column set before queryColumns answers', async () => {
      const { table } = mailTable();
      await table.setColumns([PR_SUBJECT_W, PR_MESSAGE_SIZE], TBL_BATCH);
      expect(await table.queryColumns()).toEqual([PR_SUBJECT_W, PR_MESSAGE_SIZE]);
    });

    it('applies batched calls in order, the last one winning', async () => {
      const { table } = mailTable();
      await table.setColumns([PR_SUBJECT_W], TBL_BATCH);
      await table.setColumns([PR_MESSAGE_SIZE], TBL_BATCH);
      expect((await table.queryRows(1))[0]?.lpProps).toEqual([p(PR_MESSAGE_SIZE, 500)]);
    });
  });
});

describe('IMAPITable.queryColumns', () => {
  it('returns the default column set before setColumns', async () => {
    const { table } = mailTable();
    expect(await table.queryColumns()).toEqual(MAIL_COLUMNS);
  });

  it('returns the current column set after setColumns', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_MESSAGE_SIZE, PR_INSTANCE_KEY]);
    expect(await table.queryColumns()).toEqual([PR_MESSAGE_SIZE, PR_INSTANCE_KEY]);
  });

  it('with TBL_ALL_COLUMNS returns every column the rows can have, whatever the current set', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_SUBJECT_W]);
    const all = await table.queryColumns(TBL_ALL_COLUMNS);
    for (const tag of [PR_ENTRYID, PR_MESSAGE_SIZE, PR_MESSAGE_FLAGS, PR_IMPORTANCE]) expect(all).toContain(tag);
    // Without MAPI_UNICODE the table reports its string columns as PT_STRING8.
    expect(all).toContain(PR_SUBJECT_A);
    expect(all).toContain(CHANGE_PROP_TYPE(PR_SENDER_NAME_W, PT_STRING8));
    expect(all.map((t) => t >>> 16)).toContain(PR_KEYWORDS >>> 16);
    expect(new Set(all.map((t) => t >>> 16)).size).toBe(all.length);
    const unicode = mailTable(undefined, { unicode: true }).table;
    expect(await unicode.queryColumns(TBL_ALL_COLUMNS)).toEqual(expect.arrayContaining([PR_SUBJECT_W, PR_SENDER_NAME_W, PR_KEYWORDS]));
  });

  it('with TBL_ALL_COLUMNS includes the columns the table computes', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_SUBJECT_W]);
    expect(await table.queryColumns(TBL_ALL_COLUMNS)).toContain(PR_INSTANCE_KEY);
    expect(await table.queryColumns(TBL_ALL_COLUMNS)).not.toContain(PR_CONTENT_COUNT);
    await table.sortTable({ aSort: [{ ulPropTag: PR_SENDER_NAME_W, ulOrder: 0 }], cCategories: 1, cExpanded: 1 });
    expect(await table.queryColumns(TBL_ALL_COLUMNS)).toEqual(expect.arrayContaining([PR_INSTANCE_KEY, PR_ROW_TYPE, PR_DEPTH, PR_CONTENT_COUNT, PR_CONTENT_UNREAD]));
  });

  it('with TBL_ALL_COLUMNS sees columns of rows added later', async () => {
    const { table, source } = mailTable();
    source.upsert({ ...mailRow({ key: 'x', sender: 'X', subject: 'X', size: 1, read: true }), props: new Map([[0x7ff0, p(0x7ff00003, 7)]]) });
    expect(await table.queryColumns(TBL_ALL_COLUMNS)).toContain(0x7ff00003);
  });

  it('with TBL_ALL_COLUMNS answers what the provider lists when it lists its columns', async () => {
    const { table } = mailTable();
    (table as unknown as { source: { availableColumns: () => number[] } }).source.availableColumns = () => [PR_SUBJECT_W, PR_ENTRYID];
    const all = await table.queryColumns(TBL_ALL_COLUMNS);
    expect(all.slice(0, 2)).toEqual([PR_SUBJECT_W, PR_ENTRYID]);
  });

  it('rejects unknown flags with MAPI_E_UNKNOWN_FLAGS', async () => {
    const { table } = mailTable();
    await reject(table.queryColumns(0x80), MAPI_E_UNKNOWN_FLAGS);
  });
});

describe('IMAPITable.getRowCount', () => {
  it('counts the rows of the view', async () => {
    const { table } = mailTable();
    expect(await table.getRowCount()).toBe(10);
    expect(await mailTable([]).table.getRowCount()).toBe(0);
  });

  it('follows rows added and deleted underneath', async () => {
    const { table, source } = mailTable();
    source.upsert(mailRow({ key: 'new', sender: 'X', subject: 'New', size: 1, read: false }));
    source.delete('m0');
    source.delete('m1');
    expect(await table.getRowCount()).toBe(9);
  });

  it('does not move the cursor', async () => {
    const { table } = mailTable();
    await table.queryRows(3);
    await table.getRowCount();
    expect(cell((await table.queryRows(1))[0], PR_SUBJECT_W)).toBe('Report');
  });

  it('rejects flags (reserved, must be zero) with MAPI_E_UNKNOWN_FLAGS', async () => {
    const { table } = mailTable();
    await reject(table.getRowCount(1), MAPI_E_UNKNOWN_FLAGS);
  });
});
