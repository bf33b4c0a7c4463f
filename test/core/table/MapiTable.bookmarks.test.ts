import { describe, expect, it } from 'vitest';
import { PR_MESSAGE_SIZE } from '../../../src/core/generated/proptags.js';
import { BOOKMARK_BEGINNING, BOOKMARK_CURRENT, BOOKMARK_END, RELOP_GT, RES_PROPERTY, TABLE_SORT_ASCEND } from '../../../src/core/generated/constants.js';
import { MAPI_E_INVALID_BOOKMARK, MAPI_E_NO_SUPPORT, MAPI_E_UNABLE_TO_COMPLETE, MAPI_W_POSITION_CHANGED } from '../../../src/core/generated/scodes.js';
import { MAX_BOOKMARKS } from '../../../src/core/table/anchors.js';
import { MAILBOX, mailRow, mailTable, reject, subjects } from './MapiTable.fixtures.js';

const natural = MAILBOX.map((m) => m.subject);

describe('IMAPITable.createBookmark', () => {
  it('marks the cursor position; seekRow goes back to it', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 3);
    const bk = await table.createBookmark();
    await table.queryRows(4);
    expect(await table.seekRow(bk, 0)).toEqual({ lRowsSought: 0 });
    expect(subjects(await table.queryRows(1))).toEqual([natural[3]]);
  });

  it('hands out distinct values that are not the predefined bookmarks', async () => {
    const { table } = mailTable();
    const bks = [await table.createBookmark(), await table.createBookmark(), await table.createBookmark()];
    expect(new Set(bks).size).toBe(3);
    for (const bk of bks) expect([BOOKMARK_BEGINNING, BOOKMARK_CURRENT, BOOKMARK_END]).not.toContain(bk);
  });

  it('marks the object at the row, not the row number: it follows its row as rows come and go before it', async () => {
    const { table, source } = mailTable();
    await table.sortTable({ aSort: [{ ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 });
    await table.seekRow(BOOKMARK_BEGINNING, 4); // a 400
    const bk = await table.createBookmark();
    source.upsert(mailRow({ key: 'a', sender: 'X', subject: 'A', size: 1, read: true }));
    source.upsert(mailRow({ key: 'b', sender: 'X', subject: 'B', size: 2, read: true }));
    source.delete('m1');
    await table.seekRow(bk, 0);
    expect((await table.queryPosition()).ulRow).toBe(5);
    expect(subjects(await table.queryRows(1))).toEqual(['Travel']);
  });

  it('follows its row when the row is modified and moves', async () => {
    const { table, source } = mailTable();
    await table.sortTable({ aSort: [{ ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 });
    const bk = await table.createBookmark(); // on Lunch (100), the first row
    source.upsert(mailRow({ ...MAILBOX[1]!, size: 10_000 }));
    expect(await table.seekRow(bk, 0)).toEqual({ lRowsSought: 0 });
    expect((await table.queryPosition()).ulRow).toBe(9);
  });

  it('made at the end of the table stays at the end', async () => {
    const { table, source } = mailTable();
    await table.seekRow(BOOKMARK_END, 0);
    const bk = await table.createBookmark();
    source.upsert(mailRow({ key: 'late', sender: 'X', subject: 'Late', size: 1, read: true }));
    await table.seekRow(bk, 0);
    expect((await table.queryPosition()).ulRow).toBe(11);
  });

  it('fails with MAPI_E_UNABLE_TO_COMPLETE once the table holds as many bookmarks as it can', async () => {
    const { table } = mailTable();
    for (let i = 0; i < MAX_BOOKMARKS; i++) await table.createBookmark();
    await reject(table.createBookmark(), MAPI_E_UNABLE_TO_COMPLETE);
  });

  it('fails with MAPI_E_NO_SUPPORT on a table without bookmarks (attachment tables)', async () => {
    const { table } = mailTable(undefined, { capabilities: { bookmarks: false } });
    await reject(table.createBookmark(), MAPI_E_NO_SUPPORT);
  });
});

describe('IMAPITable.freeBookmark', () => {
  it('frees a bookmark; using or freeing it again fails with MAPI_E_INVALID_BOOKMARK', async () => {
    const { table } = mailTable();
    const bk = await table.createBookmark();
    await table.freeBookmark(bk);
    await reject(table.seekRow(bk, 0), MAPI_E_INVALID_BOOKMARK);
    await reject(table.freeBookmark(bk), MAPI_E_INVALID_BOOKMARK);
  });

  it('ignores the predefined bookmarks', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 2);
    for (const bk of [BOOKMARK_BEGINNING, BOOKMARK_CURRENT, BOOKMARK_END]) await table.freeBookmark(bk);
    expect(await table.seekRow(BOOKMARK_CURRENT, 1)).toEqual({ lRowsSought: 1 });
    expect((await table.queryPosition()).ulRow).toBe(3);
  });

  it('rejects a bookmark the table never made with MAPI_E_INVALID_BOOKMARK', async () => {
    const { table } = mailTable();
    await reject(table.freeBookmark(777), MAPI_E_INVALID_BOOKMARK);
  });

  it('leaves the other bookmarks alone', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 1);
    const a = await table.createBookmark();
    await table.seekRow(BOOKMARK_BEGINNING, 7);
    const b = await table.createBookmark();
    await table.freeBookmark(a);
    await table.seekRow(b, 0);
    expect((await table.queryPosition()).ulRow).toBe(7);
  });

  it('makes room for new bookmarks', async () => {
    const { table } = mailTable();
    const bks: number[] = [];
    for (let i = 0; i < MAX_BOOKMARKS; i++) bks.push(await table.createBookmark());
    await table.freeBookmark(bks[0] as number);
    expect(typeof (await table.createBookmark())).toBe('number');
  });
});

describe('bookmarks on deleted rows (imapitable-seekrow.md, imapitable-createbookmark.md)', () => {
  it('a bookmark whose row is deleted moves to the next row and reports MAPI_W_POSITION_CHANGED once', async () => {
    const { table, source } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 4);
    const bk = await table.createBookmark();
    source.delete('m4');
    expect(await table.seekRow(bk, 0)).toEqual({ lRowsSought: 0, warning: MAPI_W_POSITION_CHANGED });
    expect(subjects(await table.queryRows(1, 1))).toEqual(['Invoice']);
    expect(await table.seekRow(bk, 0)).toEqual({ lRowsSought: 0 });
  });

  it('a bookmark on the last row moves to the end of the table when the row is deleted', async () => {
    const { table, source } = mailTable();
    await table.seekRow(BOOKMARK_END, -1);
    const bk = await table.createBookmark();
    source.delete('m9');
    expect(await table.seekRow(bk, -1)).toEqual({ lRowsSought: -1, warning: MAPI_W_POSITION_CHANGED });
    expect(subjects(await table.queryRows(1))).toEqual(['Cake']);
  });

  it('a bookmark moved twice before it is used reports MAPI_W_POSITION_CHANGED once', async () => {
    const { table, source } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 4);
    const bk = await table.createBookmark();
    source.delete('m4');
    source.delete('m5');
    expect(await table.seekRow(bk, 0)).toMatchObject({ warning: MAPI_W_POSITION_CHANGED });
    expect(subjects(await table.queryRows(1))).toEqual(['Zebra']);
    expect(await table.seekRow(bk, 0)).toEqual({ lRowsSought: 0 });
  });

  it('a bookmark whose row is deleted in a coalesced batch moves too', async () => {
    const { table, source } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 4);
    const bk = await table.createBookmark();
    source.batch(() => {
      source.delete('m3');
      source.delete('m4');
    }, true);
    expect(await table.seekRow(bk, 0)).toMatchObject({ warning: MAPI_W_POSITION_CHANGED });
    expect(subjects(await table.queryRows(1))).toEqual(['Invoice']);
  });

  it('a bookmark whose row stops matching the restriction moves like one whose row is deleted', async () => {
    const { table, source } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 2);
    const bk = await table.createBookmark();
    source.upsert(mailRow({ ...MAILBOX[2]!, size: 1 }));
    expect(await table.seekRow(bk, 0)).toEqual({ lRowsSought: 0 });
    await table.restrict({ rt: RES_PROPERTY, relop: RELOP_GT, ulPropTag: PR_MESSAGE_SIZE, lpProp: { ulPropTag: PR_MESSAGE_SIZE, Value: 50 } });
    const bk2 = await table.createBookmark(); // on the first row, Budget
    source.upsert(mailRow({ ...MAILBOX[0]!, size: 10 }));
    expect(await table.seekRow(bk2, 0)).toMatchObject({ warning: MAPI_W_POSITION_CHANGED });
    expect(subjects(await table.queryRows(1))).toEqual(['Lunch']);
  });

  it('the cursor on a deleted row moves to the next row', async () => {
    const { table, source } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 4);
    source.delete('m4');
    expect(subjects(await table.queryRows(1))).toEqual(['Invoice']);
  });
});
