import { describe, expect, it } from 'vitest';
import type { IMAPITable } from '../../../src/core/table/interfaces.js';
import { PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';
import { IID_IMAPITable, IID_IMessage } from '../../../src/core/generated/guids.js';
import { BOOKMARK_BEGINNING, MAPI_UNICODE, RES_EXIST, TABLE_SORT_ASCEND, TBL_ASYNC, fnevTableModified } from '../../../src/core/generated/constants.js';
import { MAPI_E_INTERFACE_NOT_SUPPORTED, MAPI_E_INVALID_BOOKMARK, MAPI_E_INVALID_OBJECT, MAPI_E_INVALID_PARAMETER } from '../../../src/core/generated/scodes.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import { mailRow, mailTable, recordTable, reject } from './MapiTable.fixtures.js';

/** Every IMAPITable method with arguments that would succeed on a live table. */
const calls: { [K in keyof IMAPITable]: (t: IMAPITable) => Promise<unknown> } = {
  getLastError: (t) => t.getLastError(MAPI_E_INVALID_PARAMETER),
  advise: (t) => t.advise(fnevTableModified, new NotificationRecorder()),
  unadvise: (t) => t.unadvise(1),
  getStatus: (t) => t.getStatus(),
  setColumns: (t) => t.setColumns([PR_SUBJECT_W]),
  queryColumns: (t) => t.queryColumns(),
  getRowCount: (t) => t.getRowCount(),
  seekRow: (t) => t.seekRow(BOOKMARK_BEGINNING, 1),
  seekRowApprox: (t) => t.seekRowApprox(1, 2),
  queryPosition: (t) => t.queryPosition(),
  findRow: (t) => t.findRow({ rt: RES_EXIST, ulPropTag: PR_SUBJECT_W }, BOOKMARK_BEGINNING),
  restrict: (t) => t.restrict(null),
  createBookmark: (t) => t.createBookmark(),
  freeBookmark: (t) => t.freeBookmark(BOOKMARK_BEGINNING),
  sortTable: (t) => t.sortTable({ aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 }),
  querySortOrder: (t) => t.querySortOrder(),
  queryRows: (t) => t.queryRows(1),
  abort: (t) => t.abort(),
  expandRow: (t) => t.expandRow(new Uint8Array(4), 0),
  collapseRow: (t) => t.collapseRow(new Uint8Array(4)),
  waitForCompletion: (t) => t.waitForCompletion(0, 0),
  getCollapseState: (t) => t.getCollapseState(0, new Uint8Array(4)),
  setCollapseState: (t) => t.setCollapseState(0, new Uint8Array(4)),
  queryInterface: (t) => t.queryInterface(IID_IMAPITable),
  release: async (t) => t.release(),
};

describe('IMAPITable.getLastError', () => {
  it('describes the last failure of a call on the table', async () => {
    const { table } = mailTable();
    await reject(table.queryRows(0), MAPI_E_INVALID_PARAMETER);
    const err = await table.getLastError(MAPI_E_INVALID_PARAMETER);
    expect(err).toMatchObject({ ulVersion: 0, ulLowLevelError: 0, ulContext: 0 });
    expect(err?.lpszError).toMatch(/queryRows/);
    expect(typeof err?.lpszComponent).toBe('string');
    expect(await table.getLastError(MAPI_E_INVALID_PARAMETER, MAPI_UNICODE)).toEqual(err);
  });

  it('gives null when the table has nothing more to say about that error', async () => {
    const { table } = mailTable();
    expect(await table.getLastError(MAPI_E_INVALID_PARAMETER)).toBeNull();
    await reject(table.seekRow(999, 0), MAPI_E_INVALID_BOOKMARK);
    expect(await table.getLastError(MAPI_E_INVALID_PARAMETER)).toBeNull();
    expect((await table.getLastError(MAPI_E_INVALID_BOOKMARK))?.lpszError).toMatch(/seekRow/);
  });
});

describe('IMAPITable.release', () => {
  it('makes every later call fail with MAPI_E_INVALID_OBJECT', async () => {
    const { table } = mailTable();
    table.release();
    for (const [name, call] of Object.entries(calls)) {
      if (name === 'release') continue;
      await reject(call(table), MAPI_E_INVALID_OBJECT);
    }
  });

  it('can be called twice', () => {
    const { table } = mailTable();
    table.release();
    expect(() => table.release()).not.toThrow();
  });

  it('stops following the rows and drops an operation in progress without notifying', async () => {
    const { table, source, scheduler, hub } = mailTable();
    const { rec } = await recordTable(table);
    await table.sortTable({ aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 }, TBL_ASYNC);
    table.release();
    source.upsert(mailRow({ key: 'n', sender: 'X', subject: 'New', size: 1, read: true }));
    scheduler.runAll();
    await hub.flush();
    expect(rec.count).toBe(0);
    expect(hub.connectionCount(table)).toBe(0);
  });

  it('calls the provider’s onRelease hook once', () => {
    let released = 0;
    const { table } = mailTable(undefined, { onRelease: () => released++ });
    table.release();
    table.release();
    expect(released).toBe(1);
  });
});

describe('IMAPITable.queryInterface', () => {
  it('answers IID_IMAPITable with the table itself and refuses other interfaces', async () => {
    const { table } = mailTable();
    expect(await table.queryInterface(IID_IMAPITable)).toBe(table);
    await reject(table.queryInterface(IID_IMessage), MAPI_E_INTERFACE_NOT_SUPPORTED);
  });
});
