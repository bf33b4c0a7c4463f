import { describe, expect, it } from 'vitest';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { MapiTable } from '../../../src/core/table/MapiTable.js';
import { MemoryRowSource } from '../../../src/core/table/MemoryRowSource.js';
import { NotificationHub } from '../../../src/core/notify/NotificationHub.js';
import { ManualScheduler } from '../../../src/core/notify/scheduler.js';
import { PR_MESSAGE_SIZE, PR_SENDER_NAME_W, PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';
import {
  BOOKMARK_BEGINNING,
  BOOKMARK_CURRENT,
  RELOP_EQ,
  RES_PROPERTY,
  TABLE_ERROR,
  TABLE_RESTRICT_DONE,
  TABLE_SETCOL_DONE,
  TABLE_SORT_ASCEND,
  TABLE_SORT_DESCEND,
  TABLE_SORT_DONE,
  TBLSTAT_COMPLETE,
  TBLSTAT_RESTRICTING,
  TBLSTAT_SETTING_COLS,
  TBLSTAT_SORT_ERROR,
  TBLSTAT_SORTING,
  TBLTYPE_DYNAMIC,
  TBLTYPE_SNAPSHOT,
  TBL_ASYNC,
  TBL_BATCH,
} from '../../../src/core/generated/constants.js';
import {
  MAPI_E_BUSY,
  MAPI_E_INVALID_BOOKMARK,
  MAPI_E_NOT_ENOUGH_MEMORY,
  MAPI_E_TIMEOUT,
  MAPI_E_TOO_COMPLEX,
  MAPI_E_UNABLE_TO_ABORT,
  MAPI_E_UNKNOWN_FLAGS,
} from '../../../src/core/generated/scodes.js';
import type { SSortOrderSet } from '../../../src/core/table/types.js';
import { MAILBOX, MAIL_COLUMNS, mailRow, mailTable, p, recordTable, reject, subjects, tableEvents } from './MapiTable.fixtures.js';

const bySubject = (ulOrder = TABLE_SORT_ASCEND): SSortOrderSet => ({ aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder }], cCategories: 0, cExpanded: 0 });
const fromAlice = { rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_SENDER_NAME_W, lpProp: p(PR_SENDER_NAME_W, 'Alice') } as const;
const INFINITE = 0xffffffff;

describe('IMAPITable.getStatus', () => {
  it('reports TBLSTAT_COMPLETE and the table type when nothing is in progress', async () => {
    const { table } = mailTable();
    expect(await table.getStatus()).toEqual({ ulTableStatus: TBLSTAT_COMPLETE, ulTableType: TBLTYPE_DYNAMIC });
    expect((await mailTable(undefined, { tableType: TBLTYPE_SNAPSHOT }).table.getStatus()).ulTableType).toBe(TBLTYPE_SNAPSHOT);
  });

  it('reports the operation in progress: TBLSTAT_SETTING_COLS, TBLSTAT_SORTING, TBLSTAT_RESTRICTING', async () => {
    const { table, scheduler } = mailTable();
    await table.setColumns([PR_SUBJECT_W], TBL_ASYNC);
    expect((await table.getStatus()).ulTableStatus).toBe(TBLSTAT_SETTING_COLS);
    scheduler.runAll();
    await table.sortTable(bySubject(), TBL_ASYNC);
    expect((await table.getStatus()).ulTableStatus).toBe(TBLSTAT_SORTING);
    scheduler.runAll();
    await table.restrict(fromAlice, TBL_ASYNC);
    expect((await table.getStatus()).ulTableStatus).toBe(TBLSTAT_RESTRICTING);
    scheduler.runAll();
    expect((await table.getStatus()).ulTableStatus).toBe(TBLSTAT_COMPLETE);
  });

  it('reports TBLSTAT_COMPLETE for batched operations, which wait for the data to be needed', async () => {
    const { table } = mailTable();
    await table.sortTable(bySubject(), TBL_BATCH);
    expect((await table.getStatus()).ulTableStatus).toBe(TBLSTAT_COMPLETE);
  });
});

describe('TBL_ASYNC operations (about-asynchronous-table-operations.md)', () => {
  it('setColumns returns before the columns change, then sends TABLE_SETCOL_DONE', async () => {
    const { table, scheduler, hub } = mailTable();
    const { rec } = await recordTable(table);
    await table.setColumns([PR_SUBJECT_W], TBL_ASYNC);
    await reject(table.queryColumns(), MAPI_E_BUSY);
    scheduler.runAll();
    await hub.flush();
    expect(tableEvents(rec).map((t) => t.ulTableEvent)).toEqual([TABLE_SETCOL_DONE]);
    expect(await table.queryColumns()).toEqual([PR_SUBJECT_W]);
    expect((await table.queryRows(1))[0]?.lpProps).toEqual([p(PR_SUBJECT_W, 'Budget')]);
  });

  it('sortTable sends TABLE_SORT_DONE and restrict TABLE_RESTRICT_DONE when they finish', async () => {
    const { table, scheduler, hub } = mailTable();
    const { rec } = await recordTable(table);
    await table.sortTable(bySubject(TABLE_SORT_DESCEND), TBL_ASYNC);
    scheduler.runAll();
    await table.restrict(fromAlice, TBL_ASYNC);
    scheduler.runAll();
    await hub.flush();
    expect(tableEvents(rec).map((t) => t.ulTableEvent)).toEqual([TABLE_SORT_DONE, TABLE_RESTRICT_DONE]);
    expect(subjects(await table.queryRows(10))).toEqual(['Zebra', 'Minutes', 'Cake', 'Budget', 'Agenda']);
  });

  it('while one runs, data calls and other operations fail with MAPI_E_BUSY', async () => {
    const { table } = mailTable();
    await table.sortTable(bySubject(), TBL_ASYNC);
    await reject(table.queryRows(1), MAPI_E_BUSY);
    await reject(table.getRowCount(), MAPI_E_BUSY);
    await reject(table.seekRow(BOOKMARK_BEGINNING, 1), MAPI_E_BUSY);
    await reject(table.seekRowApprox(1, 2), MAPI_E_BUSY);
    await reject(table.queryPosition(), MAPI_E_BUSY);
    await reject(table.findRow(fromAlice, BOOKMARK_BEGINNING), MAPI_E_BUSY);
    await reject(table.createBookmark(), MAPI_E_BUSY);
    await reject(table.querySortOrder(), MAPI_E_BUSY);
    await reject(table.queryColumns(), MAPI_E_BUSY);
    await reject(table.setColumns([PR_SUBJECT_W]), MAPI_E_BUSY);
    await reject(table.sortTable(bySubject(TABLE_SORT_DESCEND)), MAPI_E_BUSY);
    await reject(table.restrict(null), MAPI_E_BUSY);
    await reject(table.restrict(null, TBL_BATCH), MAPI_E_BUSY);
    expect((await table.getStatus()).ulTableStatus).toBe(TBLSTAT_SORTING);
  });

  it('validates the arguments at once: an invalid sort fails from the call, not later', async () => {
    const { table } = mailTable();
    await reject(table.sortTable({ aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: 0x40 }], cCategories: 0, cExpanded: 0 }, TBL_ASYNC), MAPI_E_TOO_COMPLEX);
    expect((await table.getStatus()).ulTableStatus).toBe(TBLSTAT_COMPLETE);
  });

  it('an operation that fails while running sends TABLE_ERROR and leaves an error status', async () => {
    class FailingSource extends MemoryRowSource {
      fail = false;
      override rows() {
        if (this.fail) throw new MapiError(MAPI_E_NOT_ENOUGH_MEMORY, 'out of memory');
        return super.rows();
      }
    }
    const scheduler = new ManualScheduler();
    const hub = new NotificationHub({ scheduler });
    const source = new FailingSource(MAIL_COLUMNS, MAILBOX.map(mailRow));
    const table = new MapiTable(source, { hub, scheduler });
    const { rec } = await recordTable(table);
    source.fail = true;
    await table.sortTable(bySubject(), TBL_ASYNC);
    scheduler.runAll();
    await hub.flush();
    expect(tableEvents(rec).map((t) => [t.ulTableEvent, t.hResult])).toEqual([[TABLE_ERROR, MAPI_E_NOT_ENOUGH_MEMORY]]);
    expect((await table.getStatus()).ulTableStatus).toBe(TBLSTAT_SORT_ERROR);
    source.fail = false;
    await table.sortTable(bySubject());
    expect((await table.getStatus()).ulTableStatus).toBe(TBLSTAT_COMPLETE);
  });
});

describe('IMAPITable.abort', () => {
  it('fails with MAPI_E_UNABLE_TO_ABORT when nothing is in progress', async () => {
    const { table, scheduler } = mailTable();
    await reject(table.abort(), MAPI_E_UNABLE_TO_ABORT);
    await table.sortTable(bySubject(), TBL_ASYNC);
    scheduler.runAll();
    await reject(table.abort(), MAPI_E_UNABLE_TO_ABORT);
  });

  it('stops a sort in progress: the sort order stays as it was and no TABLE_SORT_DONE is sent', async () => {
    const { table, scheduler, hub } = mailTable();
    const { rec } = await recordTable(table);
    await table.sortTable(bySubject(), TBL_ASYNC);
    await table.abort();
    expect((await table.getStatus()).ulTableStatus).toBe(TBLSTAT_COMPLETE);
    scheduler.runAll();
    await hub.flush();
    expect(rec.count).toBe(0);
    expect(await table.querySortOrder()).toEqual({ aSort: [], cCategories: 0, cExpanded: 0 });
    expect(subjects(await table.queryRows(2))).toEqual(['Budget', 'Lunch']);
  });

  it('stops a restriction in progress: the table stays as it was', async () => {
    const { table, scheduler } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 3);
    await table.restrict(fromAlice, TBL_ASYNC);
    await table.abort();
    scheduler.runAll();
    expect(await table.getRowCount()).toBe(10);
    expect((await table.queryPosition()).ulRow).toBe(3);
  });

  it('a later operation runs in its own turn, not in the aborted one’s', async () => {
    const { table, scheduler } = mailTable();
    await table.sortTable(bySubject(), TBL_ASYNC);
    await table.abort();
    await table.restrict(fromAlice, TBL_ASYNC);
    scheduler.runNext(); // the aborted sort's turn
    expect((await table.getStatus()).ulTableStatus).toBe(TBLSTAT_RESTRICTING);
    scheduler.runAll();
    expect(await table.getRowCount()).toBe(5);
  });
});

describe('IMAPITable.waitForCompletion', () => {
  it('returns the status at once when nothing is in progress', async () => {
    const { table } = mailTable();
    expect(await table.waitForCompletion(0, INFINITE)).toBe(TBLSTAT_COMPLETE);
  });

  it('completes the operation in progress and returns the status after it', async () => {
    const { table, hub } = mailTable();
    const { rec } = await recordTable(table);
    await table.sortTable(bySubject(TABLE_SORT_DESCEND), TBL_ASYNC);
    expect(await table.waitForCompletion(0, INFINITE)).toBe(TBLSTAT_COMPLETE);
    expect(subjects(await table.queryRows(1))).toEqual(['Zebra']);
    await hub.flush();
    expect(tableEvents(rec).map((t) => t.ulTableEvent)).toEqual([TABLE_SORT_DONE]);
  });

  it('does not run the operation twice when its turn comes afterwards', async () => {
    const { table, scheduler, hub } = mailTable();
    const { rec } = await recordTable(table);
    await table.sortTable(bySubject(), TBL_ASYNC);
    await table.waitForCompletion(0, 1000);
    await table.seekRow(BOOKMARK_BEGINNING, 4);
    scheduler.runAll();
    await hub.flush();
    expect(tableEvents(rec)).toHaveLength(1);
    expect((await table.queryPosition()).ulRow).toBe(4);
  });

  it('with a zero timeout only polls: MAPI_E_TIMEOUT while the operation is in progress', async () => {
    const { table, scheduler } = mailTable();
    await table.setColumns([PR_MESSAGE_SIZE], TBL_ASYNC);
    await reject(table.waitForCompletion(0, 0), MAPI_E_TIMEOUT);
    expect((await table.getStatus()).ulTableStatus).toBe(TBLSTAT_SETTING_COLS);
    scheduler.runAll();
    expect(await table.waitForCompletion(0, 0)).toBe(TBLSTAT_COMPLETE);
  });

  it('rejects flags (reserved) with MAPI_E_UNKNOWN_FLAGS', async () => {
    const { table } = mailTable();
    await reject(table.waitForCompletion(1, INFINITE), MAPI_E_UNKNOWN_FLAGS);
  });
});

describe('TBL_BATCH operations (docs/decisions/006-table-sort-and-categories.md)', () => {
  it('sortTable with TBL_BATCH is in effect when rows are read', async () => {
    const { table } = mailTable();
    await table.sortTable(bySubject(), TBL_BATCH);
    expect(subjects(await table.queryRows(2))).toEqual(['Agenda', 'Budget']);
    expect(await table.querySortOrder()).toEqual(bySubject());
  });

  it('batched operations run in the order they were asked for', async () => {
    const { table } = mailTable();
    await table.restrict(fromAlice, TBL_BATCH);
    await table.sortTable(bySubject(TABLE_SORT_DESCEND), TBL_BATCH);
    await table.setColumns([PR_SUBJECT_W], TBL_BATCH);
    await table.restrict(null, TBL_BATCH);
    expect(await table.getRowCount()).toBe(10);
    expect((await table.queryRows(1))[0]?.lpProps).toEqual([p(PR_SUBJECT_W, 'Zebra')]);
  });

  it('a batched sort discards bookmarks and moves the cursor when it runs', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 3);
    const bk = await table.createBookmark();
    await table.sortTable(bySubject(), TBL_BATCH);
    await reject(table.seekRow(bk, 0), MAPI_E_INVALID_BOOKMARK);
    expect(await table.seekRow(BOOKMARK_CURRENT, 0)).toEqual({ lRowsSought: 0 });
    expect((await table.queryPosition()).ulRow).toBe(0);
  });

  it('a batched sort counts as done for freeBookmark too: the bookmark is gone', async () => {
    const { table } = mailTable();
    const bk = await table.createBookmark();
    await table.sortTable(bySubject(), TBL_BATCH);
    await reject(table.freeBookmark(bk), MAPI_E_INVALID_BOOKMARK);
  });

  it('validates the arguments at once', async () => {
    const { table } = mailTable();
    await reject(table.restrict({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_MESSAGE_SIZE, 1) }, TBL_BATCH), MAPI_E_TOO_COMPLEX);
    expect(await table.getRowCount()).toBe(10);
  });

  it('TBL_ASYNC with TBL_BATCH is asynchronous', async () => {
    const { table, scheduler } = mailTable();
    await table.sortTable(bySubject(), TBL_ASYNC | TBL_BATCH);
    expect((await table.getStatus()).ulTableStatus).toBe(TBLSTAT_SORTING);
    scheduler.runAll();
    expect(subjects(await table.queryRows(1))).toEqual(['Agenda']);
  });
});
