import { describe, expect, it } from 'vitest';
import { PR_IMPORTANCE, PR_MESSAGE_SIZE, PR_SENDER_NAME_W, PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';
import {
  BOOKMARK_BEGINNING,
  RELOP_EQ,
  RELOP_GE,
  RELOP_LT,
  RELOP_MEMBER_OF_DL,
  RES_EXIST,
  RES_PROPERTY,
  TABLE_SORT_ASCEND,
  TBL_BATCH,
} from '../../../src/core/generated/constants.js';
import { MAPI_E_INVALID_BOOKMARK, MAPI_E_INVALID_PARAMETER, MAPI_E_TOO_COMPLEX, MAPI_E_UNKNOWN_FLAGS } from '../../../src/core/generated/scodes.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import { MAILBOX, mailRow, mailTable, p, reject, subjects } from './MapiTable.fixtures.js';

const fromSender = (name: string): SRestriction => ({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_SENDER_NAME_W, lpProp: p(PR_SENDER_NAME_W, name) });
const smallerThan = (n: number): SRestriction => ({ rt: RES_PROPERTY, relop: RELOP_LT, ulPropTag: PR_MESSAGE_SIZE, lpProp: p(PR_MESSAGE_SIZE, n) });
const aliceSubjects = MAILBOX.filter((m) => m.sender === 'Alice').map((m) => m.subject);

describe('IMAPITable.restrict', () => {
  it('limits the rows to those matching the restriction', async () => {
    const { table } = mailTable();
    await table.restrict(fromSender('Alice'));
    expect(await table.getRowCount()).toBe(5);
    expect(subjects(await table.queryRows(10))).toEqual(aliceSubjects);
  });

  it('replaces the previous restriction instead of combining with it', async () => {
    const { table } = mailTable();
    await table.restrict(fromSender('Alice'));
    await table.restrict(fromSender('Bob'));
    expect(subjects(await table.queryRows(10))).toEqual(['Lunch']);
  });

  it('with NULL removes the restriction', async () => {
    const { table } = mailTable();
    await table.restrict(fromSender('Alice'));
    await table.restrict(null);
    expect(await table.getRowCount()).toBe(10);
  });

  it('discards every bookmark and puts the cursor at the beginning', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 4);
    const bk = await table.createBookmark();
    await table.restrict(smallerThan(10_000));
    expect((await table.queryPosition()).ulRow).toBe(0);
    await reject(table.seekRow(bk, 0), MAPI_E_INVALID_BOOKMARK);
    await table.seekRow(BOOKMARK_BEGINNING, 2);
    await table.restrict(null);
    expect((await table.queryPosition()).ulRow).toBe(0);
  });

  it('keeps the sort order', async () => {
    const { table } = mailTable();
    await table.sortTable({ aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 });
    await table.restrict(fromSender('Alice'));
    expect(subjects(await table.queryRows(10))).toEqual([...aliceSubjects].sort());
  });

  it('passes MAPI_E_TOO_COMPLEX through for a restriction the table cannot evaluate, keeping the old one', async () => {
    const { table } = mailTable();
    await table.restrict(fromSender('Alice'));
    await table.seekRow(BOOKMARK_BEGINNING, 2);
    // spropertyrestriction.md: the types must match, or MAPI_E_TOO_COMPLEX.
    await reject(table.restrict({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_IMPORTANCE, 1) }), MAPI_E_TOO_COMPLEX);
    await reject(table.restrict({ rt: RES_PROPERTY, relop: RELOP_MEMBER_OF_DL, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_W, 'x') }), MAPI_E_TOO_COMPLEX);
    expect(await table.getRowCount()).toBe(5);
    expect((await table.queryPosition()).ulRow).toBe(2);
  });

  it('rejects a malformed restriction with MAPI_E_INVALID_PARAMETER', async () => {
    const { table } = mailTable();
    await reject(table.restrict({ rt: 99 } as unknown as SRestriction), MAPI_E_INVALID_PARAMETER);
  });

  it('rejects unknown flags with MAPI_E_UNKNOWN_FLAGS', async () => {
    const { table } = mailTable();
    await reject(table.restrict(null, 0x20), MAPI_E_UNKNOWN_FLAGS);
  });

  it('copies the restriction: later changes to the caller’s structure do not matter', async () => {
    const { table } = mailTable();
    const res = fromSender('Alice');
    await table.restrict(res);
    (res as { lpProp: { Value: string } }).lpProp.Value = 'Bob';
    expect(await table.getRowCount()).toBe(5);
  });

  it('evaluates rows added and modified later, so only matching rows appear', async () => {
    const { table, source } = mailTable();
    await table.restrict(fromSender('Alice'));
    source.upsert(mailRow({ key: 'n1', sender: 'Alice', subject: 'New', size: 1, read: true }));
    source.upsert(mailRow({ key: 'n2', sender: 'Bob', subject: 'Other', size: 1, read: true }));
    source.upsert(mailRow({ key: 'm0', sender: 'Zoe', subject: 'Budget', size: 500, read: true }));
    source.upsert(mailRow({ key: 'm1', sender: 'Alice', subject: 'Lunch', size: 100, read: false }));
    expect(subjects(await table.queryRows(10))).toEqual(['Lunch', 'Agenda', 'Minutes', 'Zebra', 'Cake', 'New']);
  });

  it('matches a property the rows may lack only where it exists (RES_EXIST)', async () => {
    const { table } = mailTable();
    await table.restrict({ rt: RES_EXIST, ulPropTag: PR_IMPORTANCE });
    expect(await table.getRowCount()).toBe(8);
  });

  it('with TBL_BATCH is in effect by the time rows are counted or read', async () => {
    const { table } = mailTable();
    await table.restrict(fromSender('Alice'), TBL_BATCH);
    expect(await table.getRowCount()).toBe(5);
  });

  it('can restrict on PR_INSTANCE_KEY', async () => {
    const { table } = mailTable();
    const rows = await table.queryRows(3);
    const key = rows[2]?.lpProps[0]?.Value as Uint8Array;
    await table.restrict({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: rows[2]?.lpProps[0]?.ulPropTag as number, lpProp: p(rows[2]?.lpProps[0]?.ulPropTag as number, key) });
    expect(subjects(await table.queryRows(10))).toEqual(['Agenda']);
  });

  it('orders the restricted rows of a categorized view too', async () => {
    const { table } = mailTable();
    await table.sortTable({ aSort: [{ ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND }], cCategories: 1, cExpanded: 1 });
    await table.restrict({ rt: RES_PROPERTY, relop: RELOP_GE, ulPropTag: PR_MESSAGE_SIZE, lpProp: p(PR_MESSAGE_SIZE, 600) });
    // Alice (Cake), Carol (Report), Dave (Invoice), Frank (Hello): four headings, four leaves.
    expect(await table.getRowCount()).toBe(8);
  });
});
