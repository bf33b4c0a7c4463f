import { describe, expect, it } from 'vitest';
import { PR_CONTENT_COUNT, PR_INSTANCE_KEY, PR_MESSAGE_SIZE, PR_ROW_TYPE, PR_SENDER_NAME_W, PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';
import {
  BOOKMARK_BEGINNING,
  BOOKMARK_CURRENT,
  BOOKMARK_END,
  DIR_BACKWARD,
  RELOP_EQ,
  RELOP_GE,
  RES_PROPERTY,
  TABLE_SORT_ASCEND,
  TBL_EXPANDED_CATEGORY,
} from '../../../src/core/generated/constants.js';
import {
  MAPI_E_INVALID_BOOKMARK,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NOT_FOUND,
  MAPI_E_TOO_COMPLEX,
  MAPI_E_UNKNOWN_FLAGS,
  MAPI_W_POSITION_CHANGED,
} from '../../../src/core/generated/scodes.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import { MAILBOX, mailTable, p, reject, subjects } from './MapiTable.fixtures.js';
import { cell, ikey } from './helpers.js';

const eq = (tag: number, v: unknown): SRestriction => ({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: tag, lpProp: p(tag, v as string) });
const fromAlice = eq(PR_SENDER_NAME_W, 'Alice');
const aliceRows = MAILBOX.flatMap((m, i) => (m.sender === 'Alice' ? [i] : [])); // 0 2 4 6 8

describe('IMAPITable.findRow', () => {
  it('finds the first matching row from the beginning and leaves the cursor on it', async () => {
    const { table } = mailTable();
    expect(await table.findRow(eq(PR_SUBJECT_W, 'Invoice'), BOOKMARK_BEGINNING)).toEqual({});
    expect((await table.queryPosition()).ulRow).toBe(5);
    expect(subjects(await table.queryRows(1))).toEqual(['Invoice']);
  });

  it('searches forward from the cursor, the cursor row included', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 4);
    await table.findRow(fromAlice, BOOKMARK_CURRENT);
    expect((await table.queryPosition()).ulRow).toBe(4);
    await table.seekRow(BOOKMARK_CURRENT, 1);
    await table.findRow(fromAlice, BOOKMARK_CURRENT);
    expect((await table.queryPosition()).ulRow).toBe(6);
  });

  it('walks every match with findRow + seekRow(1)', async () => {
    const { table } = mailTable();
    const found: number[] = [];
    await table.findRow(fromAlice, BOOKMARK_BEGINNING);
    for (;;) {
      found.push((await table.queryPosition()).ulRow);
      await table.seekRow(BOOKMARK_CURRENT, 1);
      const ok = await table.findRow(fromAlice, BOOKMARK_CURRENT).then(
        () => true,
        () => false,
      );
      if (!ok) break;
    }
    expect(found).toEqual(aliceRows);
  });

  it('with DIR_BACKWARD searches from the row before the bookmark', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 6);
    await table.findRow(fromAlice, BOOKMARK_CURRENT, DIR_BACKWARD);
    expect((await table.queryPosition()).ulRow).toBe(4);
  });

  it('with DIR_BACKWARD from BOOKMARK_END finds the last match', async () => {
    const { table } = mailTable();
    await table.findRow(fromAlice, BOOKMARK_END, DIR_BACKWARD);
    expect((await table.queryPosition()).ulRow).toBe(8);
    expect(subjects(await table.queryRows(1))).toEqual(['Cake']);
  });

  it('forward from BOOKMARK_END and backward from BOOKMARK_BEGINNING find nothing', async () => {
    const { table } = mailTable();
    await reject(table.findRow(fromAlice, BOOKMARK_END), MAPI_E_NOT_FOUND);
    await reject(table.findRow(fromAlice, BOOKMARK_BEGINNING, DIR_BACKWARD), MAPI_E_NOT_FOUND);
  });

  it('searches from a bookmark', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 5);
    const bk = await table.createBookmark();
    await table.seekRow(BOOKMARK_BEGINNING, 0);
    await table.findRow(fromAlice, bk);
    expect((await table.queryPosition()).ulRow).toBe(6);
    await table.findRow(fromAlice, bk, DIR_BACKWARD);
    expect((await table.queryPosition()).ulRow).toBe(4);
  });

  it('finds a row by PR_INSTANCE_KEY', async () => {
    const { table } = mailTable();
    const rows = await table.queryRows(10);
    const key = ikey(rows[7]);
    await table.findRow({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_INSTANCE_KEY, lpProp: p(PR_INSTANCE_KEY, key) }, BOOKMARK_BEGINNING);
    expect((await table.queryPosition()).ulRow).toBe(7);
  });

  it('finds a heading row by PR_INSTANCE_KEY, and heading rows by their columns', async () => {
    const { table } = mailTable();
    await table.sortTable({ aSort: [{ ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND }], cCategories: 1, cExpanded: 1 });
    await table.setColumns([PR_INSTANCE_KEY, PR_ROW_TYPE, PR_SENDER_NAME_W, PR_CONTENT_COUNT]);
    const rows = await table.queryRows(100);
    const carol = rows.findIndex((r) => cell(r, PR_ROW_TYPE) === TBL_EXPANDED_CATEGORY && cell(r, PR_SENDER_NAME_W) === 'Carol');
    await table.findRow({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_INSTANCE_KEY, lpProp: p(PR_INSTANCE_KEY, ikey(rows[carol])) }, BOOKMARK_BEGINNING);
    expect((await table.queryPosition()).ulRow).toBe(carol);
    await table.findRow({ rt: RES_PROPERTY, relop: RELOP_GE, ulPropTag: PR_CONTENT_COUNT, lpProp: p(PR_CONTENT_COUNT, 5) }, BOOKMARK_BEGINNING);
    expect((await table.queryPosition()).ulRow).toBe(0);
  });

  it('fails with MAPI_E_NOT_FOUND when no row matches, leaving the cursor where it was', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 3);
    await reject(table.findRow(eq(PR_SUBJECT_W, 'Nothing'), BOOKMARK_BEGINNING), MAPI_E_NOT_FOUND);
    expect((await table.queryPosition()).ulRow).toBe(3);
  });

  it('rejects an unknown bookmark with MAPI_E_INVALID_BOOKMARK', async () => {
    const { table } = mailTable();
    await reject(table.findRow(fromAlice, 999), MAPI_E_INVALID_BOOKMARK);
  });

  it('reports MAPI_W_POSITION_CHANGED once when the bookmark’s row was deleted, searching from the next row', async () => {
    const { table, source } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 4);
    const bk = await table.createBookmark();
    source.delete('m4');
    expect(await table.findRow(fromAlice, bk)).toEqual({ warning: MAPI_W_POSITION_CHANGED });
    expect(subjects(await table.queryRows(1, 1))).toEqual(['Zebra']);
    expect(await table.findRow(fromAlice, bk)).toEqual({});
  });

  it('passes MAPI_E_TOO_COMPLEX through and rejects malformed restrictions with MAPI_E_INVALID_PARAMETER', async () => {
    const { table } = mailTable();
    await reject(table.findRow({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_MESSAGE_SIZE, lpProp: p(PR_SUBJECT_W, 'big') }, BOOKMARK_BEGINNING), MAPI_E_TOO_COMPLEX);
    await reject(table.findRow(null as unknown as SRestriction, BOOKMARK_BEGINNING), MAPI_E_INVALID_PARAMETER);
  });

  it('rejects unknown flags with MAPI_E_UNKNOWN_FLAGS', async () => {
    const { table } = mailTable();
    await reject(table.findRow(fromAlice, BOOKMARK_BEGINNING, 0x2), MAPI_E_UNKNOWN_FLAGS);
  });

  it('only sees the rows the restriction lets through', async () => {
    const { table } = mailTable();
    await table.restrict(eq(PR_SENDER_NAME_W, 'Bob'));
    await reject(table.findRow(fromAlice, BOOKMARK_BEGINNING), MAPI_E_NOT_FOUND);
  });
});
