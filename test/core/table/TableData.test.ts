import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CreateTable, type TableData } from '../../../src/core/table/TableData.js';
import type { CALLERRELEASE, IMAPITable, ITableData } from '../../../src/core/table/interfaces.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { NotificationHub } from '../../../src/core/notify/NotificationHub.js';
import { ManualScheduler } from '../../../src/core/notify/scheduler.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import type { NOTIFICATION_TABLE } from '../../../src/core/notify/types.js';
import type { SPropValue, SRow, SRowSet } from '../../../src/core/props/types.js';
import { GUID } from '../../../src/core/props/guid.js';
import { PROP_TAG } from '../../../src/core/props/tags.js';
import { cell } from './helpers.js';
import { IID_IMAPITable, IID_IMAPITableData, IID_IUnknown } from '../../../src/core/generated/guids.js';
import {
  PR_COMMENT_W,
  PR_CONTROL_ID,
  PR_DISPLAY_NAME_W,
  PR_EMAIL_ADDRESS_W,
  PR_ENTRYID,
  PR_IMPORTANCE,
  PR_INSTANCE_KEY,
  PR_NULL,
  PR_ROWID,
} from '../../../src/core/generated/proptags.js';
import { PT_ERROR, PT_MV_BINARY, PT_OBJECT, PT_UNSPECIFIED } from '../../../src/core/generated/proptypes.js';
import {
  BOOKMARK_BEGINNING,
  RELOP_EQ,
  RES_PROPERTY,
  TABLE_CHANGED,
  TABLE_RELOAD,
  TABLE_ROW_ADDED,
  TABLE_ROW_DELETED,
  TABLE_ROW_MODIFIED,
  TABLE_SORT_ASCEND,
  TABLE_SORT_DESCEND,
  TAD_ALL_ROWS,
  TBL_ALL_COLUMNS,
  TBLTYPE_DYNAMIC,
  TBLTYPE_KEYSET,
  fnevTableModified,
} from '../../../src/core/generated/constants.js';
import {
  MAPI_E_INTERFACE_NOT_SUPPORTED,
  MAPI_E_INVALID_OBJECT,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NO_SUPPORT,
  MAPI_E_NOT_FOUND,
  MAPI_E_UNKNOWN_FLAGS,
  MAPI_W_POSITION_CHANGED,
} from '../../../src/core/generated/scodes.js';

const scodeOf = (p: Promise<unknown>) => p.then(() => 0, (e: unknown) => (e as MapiError).scode);
const thrownScode = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as MapiError).scode;
  }
  return 0;
};

const COLUMNS = [PR_ROWID, PR_DISPLAY_NAME_W];
const row = (id: number, name: string, ...extra: SPropValue[]): SRow => ({
  lpProps: [{ ulPropTag: PR_ROWID, Value: id }, { ulPropTag: PR_DISPLAY_NAME_W, Value: name }, ...extra],
});
const idx = (id: number): SPropValue => ({ ulPropTag: PR_ROWID, Value: id });
const ids = (rows: SRowSet) => rows.map((r) => cell(r, PR_ROWID));
const byName = (desc = false) => ({ aSort: [{ ulPropTag: PR_DISPLAY_NAME_W, ulOrder: desc ? TABLE_SORT_DESCEND : TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 });

/** A table data object indexed on PR_ROWID whose views deliver notifications only on flush. */
function world(rows: SRow[] = []) {
  const scheduler = new ManualScheduler();
  const hub = new NotificationHub({ scheduler });
  const td = CreateTable(null, TBLTYPE_DYNAMIC, PR_ROWID, COLUMNS, { hub, scheduler });
  const ready = Promise.all(rows.map((r) => td.hrModifyRow(r)));
  return { td, hub, scheduler, ready };
}

/** Every row of a view from the beginning (the cursor ends where it was). */
async function allRows(view: IMAPITable): Promise<SRowSet> {
  const { ulRow } = await view.queryPosition();
  await view.seekRow(BOOKMARK_BEGINNING, 0);
  const rows = await view.queryRows(10_000);
  await view.seekRow(BOOKMARK_BEGINNING, ulRow);
  return rows;
}

/** hrGetView with lpfCallerRelease and ulCallerData, which interfaces.ts's ITableData does not declare yet. */
const withCallback = (td: ITableData) => td as TableData;

async function advised(view: IMAPITable) {
  const rec = new NotificationRecorder();
  await view.advise(fnevTableModified, rec);
  return rec;
}
const tabs = (rec: NotificationRecorder) => (rec.ofType(fnevTableModified) as NOTIFICATION_TABLE[]).map((n) => n.tab);
const events = (rec: NotificationRecorder) => tabs(rec).map((t) => t.ulTableEvent);

describe('CreateTable', () => {
  it('accepts IID_IMAPITableData or null and refuses other interfaces', () => {
    expect(CreateTable(null, TBLTYPE_DYNAMIC, PR_ROWID, COLUMNS)).toBeTruthy();
    expect(CreateTable(IID_IMAPITableData, TBLTYPE_DYNAMIC, PR_ROWID, COLUMNS)).toBeTruthy();
    expect(thrownScode(() => CreateTable(IID_IMAPITable, TBLTYPE_DYNAMIC, PR_ROWID, COLUMNS))).toBe(MAPI_E_INTERFACE_NOT_SUPPORTED);
    expect(thrownScode(() => CreateTable('IID' as unknown as GUID, TBLTYPE_DYNAMIC, PR_ROWID, COLUMNS))).toBe(MAPI_E_INVALID_PARAMETER);
  });

  it('refuses an unknown table type', () => {
    expect(thrownScode(() => CreateTable(null, 7, PR_ROWID, COLUMNS))).toBe(MAPI_E_INVALID_PARAMETER);
  });

  it('takes a number, string or binary index column, never a multivalued one', () => {
    for (const tag of [PR_ROWID, PR_DISPLAY_NAME_W, PR_INSTANCE_KEY]) expect(CreateTable(null, TBLTYPE_DYNAMIC, tag, COLUMNS)).toBeTruthy();
    for (const type of [PT_MV_BINARY, PT_ERROR, PT_OBJECT, PT_UNSPECIFIED]) {
      expect(thrownScode(() => CreateTable(null, TBLTYPE_DYNAMIC, PROP_TAG(type, 0x6700), COLUMNS))).toBe(MAPI_E_INVALID_PARAMETER);
    }
    expect(thrownScode(() => CreateTable(null, TBLTYPE_DYNAMIC, PR_NULL, COLUMNS))).toBe(MAPI_E_INVALID_PARAMETER);
  });

  it('refuses a bad column set (fbadcolumnset.md: PT_ERROR columns are invalid)', () => {
    expect(thrownScode(() => CreateTable(null, TBLTYPE_DYNAMIC, PR_ROWID, null as unknown as number[]))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(thrownScode(() => CreateTable(null, TBLTYPE_DYNAMIC, PR_ROWID, [PROP_TAG(PT_ERROR, 0x3001)]))).toBe(MAPI_E_INVALID_PARAMETER);
  });

  it('answers queryInterface for IUnknown and IMAPITableData only', async () => {
    const td = CreateTable(null, TBLTYPE_DYNAMIC, PR_ROWID, COLUMNS);
    expect(await td.queryInterface(IID_IMAPITableData)).toBe(td);
    expect(await td.queryInterface(IID_IUnknown)).toBe(td);
    expect(await scodeOf(td.queryInterface(IID_IMAPITable))).toBe(MAPI_E_INTERFACE_NOT_SUPPORTED);
  });
});

describe('ITableData.hrGetView', () => {
  it('makes a view with the CreateTable columns and table type, cursor at the beginning', async () => {
    const td = CreateTable(null, TBLTYPE_KEYSET, PR_ROWID, COLUMNS);
    await td.hrModifyRow(row(1, 'one'));
    const view = await td.hrGetView(null);
    expect(await view.queryColumns()).toEqual(COLUMNS);
    expect((await view.getStatus()).ulTableType).toBe(TBLTYPE_KEYSET);
    expect(await view.queryPosition()).toMatchObject({ ulRow: 0 });
    expect(await view.queryRows(10)).toEqual([row(1, 'one')]);
  });

  it('sorts the view by the sort order set, or not at all with null', async () => {
    const { td, ready } = world([row(1, 'b'), row(2, 'c'), row(3, 'a')]);
    await ready;
    expect(ids(await allRows(await td.hrGetView(null)))).toEqual([1, 2, 3]);
    const sorted = await td.hrGetView(byName());
    expect(ids(await allRows(sorted))).toEqual([3, 1, 2]);
    expect(await sorted.querySortOrder()).toEqual(byName());
  });

  it('refuses a bad sort order and categories (itabledataiunknown.md: no categorization)', async () => {
    const { td } = world();
    expect(await scodeOf(td.hrGetView({ aSort: [{ ulPropTag: PR_DISPLAY_NAME_W, ulOrder: 0 }], cCategories: 2, cExpanded: 0 }))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrGetView({ ...byName(), cCategories: 1 }))).toBe(MAPI_E_NO_SUPPORT);
    const view = await td.hrGetView(null);
    expect(await scodeOf(view.sortTable({ ...byName(), cCategories: 1 }))).toBe(MAPI_E_NO_SUPPORT);
  });

  it('gives views of their own: columns, restriction and cursor', async () => {
    const { td, ready } = world([row(1, 'a'), row(2, 'b'), row(3, 'a')]);
    await ready;
    const v1 = await td.hrGetView(null);
    const v2 = await td.hrGetView(null);
    await v1.setColumns([PR_DISPLAY_NAME_W]);
    await v1.restrict({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_DISPLAY_NAME_W, lpProp: { ulPropTag: PR_DISPLAY_NAME_W, Value: 'a' } });
    await v1.queryRows(1);
    expect(await v1.getRowCount()).toBe(2);
    expect(await v2.getRowCount()).toBe(3);
    expect(await v2.queryColumns()).toEqual(COLUMNS);
    expect((await v2.queryPosition()).ulRow).toBe(0);
    expect(await v1.queryRows(5)).toEqual([{ lpProps: [{ ulPropTag: PR_DISPLAY_NAME_W, Value: 'a' }] }]);
  });

  it('calls lpfCallerRelease with the caller data when the view is released', async () => {
    const { td } = world();
    const calls: unknown[][] = [];
    const cb: CALLERRELEASE = (data, tbl, vue) => calls.push([data, tbl, vue]);
    const view = await withCallback(td).hrGetView(null, cb, 42);
    expect(calls).toEqual([]);
    view.release();
    expect(calls).toEqual([[42, td, view]]);
    expect(await scodeOf(withCallback(td).hrGetView(null, 'x' as unknown as CALLERRELEASE))).toBe(MAPI_E_INVALID_PARAMETER);
  });

  it('keeps views working after the table data object is released (callerrelease.md)', async () => {
    const { td, ready } = world([row(1, 'a')]);
    await ready;
    const view = await withCallback(td).hrGetView(null, (_d, tbl) => tbl.release());
    td.release();
    expect(await scodeOf(td.hrModifyRow(row(2, 'b')))).toBe(MAPI_E_INVALID_OBJECT);
    expect(ids(await view.queryRows(5))).toEqual([1]);
    view.release();
  });

  it('offers new columns to existing views and puts them in the column set of later ones (itabledata-hrmodifyrow.md)', async () => {
    const { td } = world();
    const before = await td.hrGetView(null);
    await td.hrModifyRow(row(1, 'a', { ulPropTag: PR_COMMENT_W, Value: 'c' }));
    expect(await before.queryColumns()).toEqual(COLUMNS);
    expect(await before.queryColumns(TBL_ALL_COLUMNS)).toEqual([...COLUMNS, PR_COMMENT_W]);
    const after = await td.hrGetView(null);
    expect(await after.queryColumns()).toEqual([...COLUMNS, PR_COMMENT_W]);
    // itabledata-hrdeleterow.md: deleting the last row with a column keeps the column.
    await td.hrDeleteRow(idx(1));
    expect(await (await td.hrGetView(null)).queryColumns()).toEqual([...COLUMNS, PR_COMMENT_W]);
  });
});

describe('ITableData.hrModifyRow', () => {
  it('appends a new row and replaces the row with the same index value in place', async () => {
    const { td } = world();
    await td.hrModifyRow(row(1, 'a', { ulPropTag: PR_COMMENT_W, Value: 'old' }));
    await td.hrModifyRow(row(2, 'b'));
    await td.hrModifyRow(row(1, 'A'));
    expect(await td.hrEnumRow(0)).toEqual(row(1, 'A'));
    expect(await td.hrEnumRow(1)).toEqual(row(2, 'b'));
  });

  it('refuses a row without the index column, and a malformed row', async () => {
    const { td } = world();
    expect(await scodeOf(td.hrModifyRow({ lpProps: [{ ulPropTag: PR_DISPLAY_NAME_W, Value: 'a' }] }))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrModifyRow({ lpProps: [{ ulPropTag: PR_ROWID, Value: 'not a number' }] }))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrModifyRow(null as unknown as SRow))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await td.hrEnumRow(0)).toBeNull();
  });

  it('copies the row in: later changes to the caller\'s values do not reach the table', async () => {
    const scheduler = new ManualScheduler();
    const td = CreateTable(null, TBLTYPE_DYNAMIC, PR_ENTRYID, [PR_ENTRYID, PR_DISPLAY_NAME_W], { scheduler });
    const eid = new Uint8Array([1, 2, 3]);
    const r: SRow = { lpProps: [{ ulPropTag: PR_ENTRYID, Value: eid }, { ulPropTag: PR_DISPLAY_NAME_W, Value: 'x' }] };
    await td.hrModifyRow(r);
    eid[0] = 9;
    r.lpProps.push({ ulPropTag: PR_COMMENT_W, Value: 'late' });
    const { row: got } = await td.hrQueryRow({ ulPropTag: PR_ENTRYID, Value: new Uint8Array([1, 2, 3]) });
    expect(got).toEqual({ lpProps: [{ ulPropTag: PR_ENTRYID, Value: new Uint8Array([1, 2, 3]) }, { ulPropTag: PR_DISPLAY_NAME_W, Value: 'x' }] });
  });

  it('sends TABLE_ROW_ADDED, then TABLE_ROW_MODIFIED, to every view that shows the row', async () => {
    const { td, hub, ready } = world([row(1, 'a')]);
    await ready;
    const view = await td.hrGetView(null);
    const rec = await advised(view);
    const hidden = await td.hrGetView(null);
    await hidden.restrict({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_DISPLAY_NAME_W, lpProp: { ulPropTag: PR_DISPLAY_NAME_W, Value: 'a' } });
    const hiddenRec = await advised(hidden);
    await td.hrModifyRow(row(2, 'b'));
    await td.hrModifyRow(row(2, 'bb'));
    await hub.flush();
    expect(events(rec)).toEqual([TABLE_ROW_ADDED, TABLE_ROW_MODIFIED]);
    const [added, modified] = tabs(rec);
    expect(added?.row).toEqual(row(2, 'b'));
    await view.setColumns([PR_INSTANCE_KEY]);
    const [first, second] = await allRows(view);
    expect(added?.propPrior).toEqual(first?.lpProps[0]);
    expect(added?.propIndex).toEqual(second?.lpProps[0]);
    expect(modified?.row).toEqual(row(2, 'bb'));
    // itabledata-hrinsertrow.md: no notification for a row the view's restriction excludes.
    expect(hiddenRec.count).toBe(0);
  });
});

describe('ITableData.hrModifyRows', () => {
  it('inserts and replaces several rows', async () => {
    const { td, ready } = world([row(1, 'a')]);
    await ready;
    await td.hrModifyRows(0, [row(2, 'b'), row(1, 'A'), row(3, 'c')]);
    expect(ids(await allRows(await td.hrGetView(null)))).toEqual([1, 2, 3]);
    expect((await td.hrQueryRow(idx(1))).row).toEqual(row(1, 'A'));
  });

  it('wants flags 0 and changes nothing when a row lacks the index column', async () => {
    const { td } = world();
    expect(await scodeOf(td.hrModifyRows(1, [row(1, 'a')]))).toBe(MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(td.hrModifyRows(0, [row(1, 'a'), { lpProps: [{ ulPropTag: PR_DISPLAY_NAME_W, Value: 'b' }] }]))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrModifyRows(0, null as unknown as SRowSet))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await td.hrEnumRow(0)).toBeNull();
    // No column was taken from the refused rows either.
    expect(await scodeOf(td.hrModifyRows(0, [row(5, 'x', { ulPropTag: PR_COMMENT_W, Value: 'c' }), { lpProps: [] }]))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await (await td.hrGetView(null)).queryColumns()).toEqual(COLUMNS);
  });

  it('notifies row by row up to eight rows, with one TABLE_CHANGED beyond (itabledata-hrmodifyrows.md)', async () => {
    const { td, hub } = world();
    const rec = await advised(await td.hrGetView(null));
    await td.hrModifyRows(0, Array.from({ length: 8 }, (_, i) => row(i, `r${i}`)));
    await hub.flush();
    expect(events(rec)).toEqual(Array(8).fill(TABLE_ROW_ADDED));
    rec.clear();
    await td.hrModifyRows(0, Array.from({ length: 9 }, (_, i) => row(i + 4, `s${i}`)));
    await hub.flush();
    expect(events(rec)).toEqual([TABLE_CHANGED]);
  });
});

describe('ITableData.hrDeleteRow', () => {
  it('deletes the row with the index value, from the data and every view', async () => {
    const { td, hub, ready } = world([row(1, 'a'), row(2, 'b')]);
    await ready;
    const view = await td.hrGetView(null);
    await view.setColumns([PR_ROWID, PR_INSTANCE_KEY]);
    const rec = await advised(view);
    const key = cell((await allRows(view))[0], PR_INSTANCE_KEY);
    expect(key).toBeInstanceOf(Uint8Array);
    await td.hrDeleteRow(idx(1));
    await hub.flush();
    expect(ids(await allRows(view))).toEqual([2]);
    expect(await td.hrEnumRow(0)).toEqual(row(2, 'b'));
    expect(tabs(rec)).toMatchObject([{ ulTableEvent: TABLE_ROW_DELETED, propIndex: { ulPropTag: PR_INSTANCE_KEY, Value: key }, propPrior: { ulPropTag: PR_NULL } }]);
  });

  it('fails with MAPI_E_NOT_FOUND for an unknown value and MAPI_E_INVALID_PARAMETER for another tag', async () => {
    const { td, ready } = world([row(1, 'a')]);
    await ready;
    expect(await scodeOf(td.hrDeleteRow(idx(2)))).toBe(MAPI_E_NOT_FOUND);
    expect(await scodeOf(td.hrDeleteRow({ ulPropTag: PR_IMPORTANCE, Value: 1 }))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrDeleteRow(null as unknown as SPropValue))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await td.hrEnumRow(0)).toEqual(row(1, 'a'));
  });
});

describe('ITableData.hrDeleteRows', () => {
  it('deletes the rows it finds and returns how many', async () => {
    const { td, ready } = world([row(1, 'a'), row(2, 'b'), row(3, 'c')]);
    await ready;
    expect(await td.hrDeleteRows(0, [row(3, ''), { lpProps: [idx(9)] }, { lpProps: [idx(1)] }, { lpProps: [idx(1)] }])).toBe(2);
    expect(await td.hrEnumRow(0)).toEqual(row(2, 'b'));
    expect(await td.hrEnumRow(1)).toBeNull();
  });

  it('checks its arguments', async () => {
    const { td, ready } = world([row(1, 'a')]);
    await ready;
    expect(await scodeOf(td.hrDeleteRows(2, []))).toBe(MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(td.hrDeleteRows(0, null))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrDeleteRows(0, [{ lpProps: [idx(1)] }, { lpProps: [] }]))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await td.hrEnumRow(0)).toEqual(row(1, 'a'));
  });

  it('empties every view with TAD_ALL_ROWS, sending one TABLE_RELOAD each', async () => {
    const { td, hub, ready } = world([row(1, 'a'), row(2, 'b'), row(3, 'c')]);
    await ready;
    const v1 = await td.hrGetView(null);
    const v2 = await td.hrGetView(byName(true));
    const r1 = await advised(v1);
    const r2 = await advised(v2);
    expect(await td.hrDeleteRows(TAD_ALL_ROWS, null)).toBe(3);
    await hub.flush();
    expect(await v1.getRowCount()).toBe(0);
    expect(await v2.getRowCount()).toBe(0);
    expect(await td.hrEnumRow(0)).toBeNull();
    expect(events(r1)).toEqual([TABLE_RELOAD]);
    expect(events(r2)).toEqual([TABLE_RELOAD]);
    // Rows added again keep their new insertion order in the existing view.
    await td.hrModifyRow(row(3, 'c'));
    await td.hrModifyRow(row(1, 'a'));
    expect(ids(await allRows(v1))).toEqual([3, 1]);
  });
});

describe('ITableData.hrQueryRow', () => {
  it('returns a copy of the row and its position in insertion order', async () => {
    const { td, ready } = world([row(1, 'a'), row(2, 'b')]);
    await ready;
    const got = await td.hrQueryRow(idx(2));
    expect(got).toEqual({ row: row(2, 'b'), uliRow: 1 });
    got.row.lpProps[1] = { ulPropTag: PR_DISPLAY_NAME_W, Value: 'changed' };
    expect((await td.hrQueryRow(idx(2))).row).toEqual(row(2, 'b'));
  });

  it('finds rows by string and binary index values, by type and value', async () => {
    const byName = CreateTable(null, TBLTYPE_DYNAMIC, PR_EMAIL_ADDRESS_W, [PR_EMAIL_ADDRESS_W]);
    await byName.hrModifyRow({ lpProps: [{ ulPropTag: PR_EMAIL_ADDRESS_W, Value: 'a@x' }] });
    expect((await byName.hrQueryRow({ ulPropTag: PR_EMAIL_ADDRESS_W, Value: 'a@x' })).uliRow).toBe(0);
    expect(await scodeOf(byName.hrQueryRow({ ulPropTag: PR_EMAIL_ADDRESS_W, Value: 'A@x' }))).toBe(MAPI_E_NOT_FOUND);
    const byKey = CreateTable(null, TBLTYPE_DYNAMIC, PR_CONTROL_ID, [PR_CONTROL_ID]);
    await byKey.hrModifyRow({ lpProps: [{ ulPropTag: PR_CONTROL_ID, Value: new Uint8Array([0, 1]) }] });
    await byKey.hrModifyRow({ lpProps: [{ ulPropTag: PR_CONTROL_ID, Value: new Uint8Array([0, 1, 0]) }] });
    expect((await byKey.hrQueryRow({ ulPropTag: PR_CONTROL_ID, Value: new Uint8Array([0, 1, 0]) })).uliRow).toBe(1);
  });

  it('fails with MAPI_E_INVALID_PARAMETER without the index column and MAPI_E_NOT_FOUND for an unknown value', async () => {
    const { td, ready } = world([row(1, 'a')]);
    await ready;
    expect(await scodeOf(td.hrQueryRow({ ulPropTag: PR_DISPLAY_NAME_W, Value: 'a' }))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrQueryRow({ ulPropTag: PROP_TAG(PT_ERROR, 0x3000), Value: 1 }))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrQueryRow(idx(7)))).toBe(MAPI_E_NOT_FOUND);
  });

  it('treats a PT_LONG index value as the signed LONG it is', async () => {
    const { td } = world([]);
    await td.hrModifyRow(row(0xffffffff, 'm'));
    expect((await td.hrQueryRow(idx(-1))).row).toEqual(row(-1, 'm'));
  });
});

describe('ITableData.hrEnumRow', () => {
  it('returns the row at a position of insertion order, and null past the end', async () => {
    const { td, ready } = world([row(5, 'a'), row(3, 'b')]);
    await ready;
    expect(await td.hrEnumRow(0)).toEqual(row(5, 'a'));
    expect(await td.hrEnumRow(1)).toEqual(row(3, 'b'));
    expect(await td.hrEnumRow(2)).toBeNull();
    expect(await td.hrEnumRow(0xffffffff)).toBeNull();
  });

  it('refuses a row number that is not a ULONG', async () => {
    const { td } = world();
    expect(await scodeOf(td.hrEnumRow(-1))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrEnumRow(1.5))).toBe(MAPI_E_INVALID_PARAMETER);
  });
});

describe('ITableData.hrNotify', () => {
  it('sends TABLE_ROW_MODIFIED with the given values to every view, without changing the row', async () => {
    const { td, hub, ready } = world([row(1, 'a')]);
    await ready;
    const r1 = await advised(await td.hrGetView(null));
    const restricted = await td.hrGetView(null);
    await restricted.restrict({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_DISPLAY_NAME_W, lpProp: { ulPropTag: PR_DISPLAY_NAME_W, Value: 'zzz' } });
    const r2 = await advised(restricted);
    await td.hrNotify(0, [idx(1), { ulPropTag: PR_DISPLAY_NAME_W, Value: 'shown' }]);
    await hub.flush();
    for (const rec of [r1, r2]) {
      expect(tabs(rec)).toEqual([
        { ulTableEvent: TABLE_ROW_MODIFIED, hResult: 0, propIndex: idx(1), propPrior: { ulPropTag: PR_NULL, Value: null }, row: { lpProps: [idx(1), { ulPropTag: PR_DISPLAY_NAME_W, Value: 'shown' }] } },
      ]);
    }
    expect(await td.hrEnumRow(0)).toEqual(row(1, 'a'));
  });

  it('checks flags, an empty value array and the index column', async () => {
    const { td } = world();
    expect(await scodeOf(td.hrNotify(1, [idx(1)]))).toBe(MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(td.hrNotify(0, []))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrNotify(0, [{ ulPropTag: PR_DISPLAY_NAME_W, Value: 'a' }]))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrNotify(0, null as unknown as SPropValue[]))).toBe(MAPI_E_INVALID_PARAMETER);
  });
});

describe('ITableData.hrInsertRow', () => {
  it('inserts at a position of insertion order, seen by hrEnumRow and by unsorted views old and new', async () => {
    const { td, ready } = world([row(1, 'a'), row(2, 'b'), row(3, 'c')]);
    await ready;
    const before = await td.hrGetView(null);
    await td.hrInsertRow(1, row(9, 'z'));
    await td.hrInsertRow(0, row(8, 'y'));
    await td.hrInsertRow(5, row(7, 'x'));
    const expected = [8, 1, 9, 2, 3, 7];
    expect((await Promise.all(expected.map((_, i) => td.hrEnumRow(i)))).map((r) => cell(r ?? undefined, PR_ROWID))).toEqual(expected);
    expect(ids(await allRows(before))).toEqual(expected);
    expect(ids(await allRows(await td.hrGetView(null)))).toEqual(expected);
    expect((await td.hrQueryRow(idx(9))).uliRow).toBe(2);
  });

  it('keeps sorted views sorted, ties in insertion order', async () => {
    const { td, ready } = world([row(1, 'a'), row(2, 'b'), row(3, 'a')]);
    await ready;
    const sorted = await td.hrGetView(byName());
    await td.hrInsertRow(1, row(4, 'a'));
    expect(ids(await allRows(sorted))).toEqual([1, 4, 3, 2]);
  });

  it('keeps each view\'s cursor and bookmarks on their rows', async () => {
    const { td, ready } = world([row(1, 'a'), row(2, 'b'), row(3, 'c')]);
    await ready;
    const view = await td.hrGetView(null);
    await view.seekRow(BOOKMARK_BEGINNING, 2);
    const bk = await view.createBookmark();
    await view.seekRow(BOOKMARK_BEGINNING, 1);
    await td.hrInsertRow(0, row(4, 'd'));
    expect(ids(await view.queryRows(1))).toEqual([2]);
    expect(await view.seekRow(bk, 0)).toEqual({ lRowsSought: 0 });
    expect(ids(await view.queryRows(1))).toEqual([3]);
    await td.hrDeleteRow(idx(1));
    await view.seekRow(BOOKMARK_BEGINNING, 1);
    const bk2 = await view.createBookmark();
    await td.hrDeleteRow(idx(2));
    expect((await view.seekRow(bk2, 0)).warning).toBe(MAPI_W_POSITION_CHANGED);
  });

  it('sends TABLE_ROW_ADDED with the prior row, whether appending or inserting before other rows', async () => {
    const { td, hub, ready } = world([row(1, 'a')]);
    await ready;
    const view = await td.hrGetView(null);
    const rec = await advised(view);
    await td.hrInsertRow(1, row(2, 'b'));
    await hub.flush();
    expect(tabs(rec)).toMatchObject([{ ulTableEvent: TABLE_ROW_ADDED, row: row(2, 'b') }]);
    rec.clear();
    await td.hrInsertRow(1, row(3, 'c'));
    await hub.flush();
    expect(tabs(rec)).toMatchObject([{ ulTableEvent: TABLE_ROW_ADDED, propPrior: { ulPropTag: PR_INSTANCE_KEY } }]);
    await view.setColumns([PR_ROWID, PR_INSTANCE_KEY]);
    const first = (await allRows(view))[0];
    expect(cell(first, PR_ROWID)).toBe(1);
    expect(tabs(rec)[0]?.propPrior.Value).toEqual(cell(first, PR_INSTANCE_KEY));
  });

  it('keeps the natural order through many insertions at the same place (positions are respaced)', async () => {
    const { td, ready } = world([row(1, 'a'), row(2, 'b')]);
    await ready;
    const view = await td.hrGetView(null);
    const front = await td.hrGetView(null);
    const expected = [1, 2];
    // Each new row goes just before row 2 (the last), then one goes to the front: the gaps
    // before row 2 halve until a double cannot split them.
    for (let i = 0; i < 1200; i++) {
      await td.hrInsertRow(expected.length - 1, row(100 + i, 'x'));
      expected.splice(expected.length - 1, 0, 100 + i);
      if (i % 100) continue;
      await td.hrInsertRow(0, row(5000 + i, 'y'));
      expected.unshift(5000 + i);
    }
    expect(ids(await allRows(view))).toEqual(expected);
    expect(ids(await allRows(front))).toEqual(expected);
  });

  it('refuses a duplicate index value, a missing index column and a position past the end', async () => {
    const { td, ready } = world([row(1, 'a')]);
    await ready;
    expect(await scodeOf(td.hrInsertRow(0, row(1, 'again')))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrInsertRow(0, { lpProps: [{ ulPropTag: PR_DISPLAY_NAME_W, Value: 'x' }] }))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrInsertRow(2, row(2, 'b')))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(td.hrInsertRow(-1, row(2, 'b')))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await td.hrEnumRow(0)).toEqual(row(1, 'a'));
    expect(await td.hrEnumRow(1)).toBeNull();
  });
});

describe('ITableData views', () => {
  it('two views with different sorts stay independent through changes', async () => {
    const { td, ready } = world([row(1, 'b'), row(2, 'a'), row(3, 'c')]);
    await ready;
    const asc = await td.hrGetView(byName());
    const desc = await td.hrGetView(byName(true));
    await td.hrModifyRow(row(4, 'bb'));
    await td.hrModifyRow(row(2, 'd'));
    await td.hrDeleteRow(idx(3));
    expect(ids(await allRows(asc))).toEqual([1, 4, 2]);
    expect(ids(await allRows(desc))).toEqual([2, 4, 1]);
    await desc.sortTable(byName());
    expect(ids(await allRows(desc))).toEqual([1, 4, 2]);
    expect(await asc.querySortOrder()).toEqual(byName());
  });

  // itabledata-hrinsertrow.md: PR_INSTANCE_KEY is the usual index column; views show the provider's value.
  it('shows the row\'s own PR_INSTANCE_KEY when it is the index column', async () => {
    const td = CreateTable(null, TBLTYPE_DYNAMIC, PR_INSTANCE_KEY, [PR_INSTANCE_KEY, PR_DISPLAY_NAME_W]);
    const key = new Uint8Array([0xaa, 0xbb, 0xcc, 0xdd]);
    await td.hrModifyRow({ lpProps: [{ ulPropTag: PR_INSTANCE_KEY, Value: key }, { ulPropTag: PR_DISPLAY_NAME_W, Value: 'x' }] });
    const view = await td.hrGetView(null);
    const rows = await view.queryRows(1);
    expect(cell(rows[0], PR_INSTANCE_KEY)).toEqual(key);
    await view.findRow({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_INSTANCE_KEY, lpProp: { ulPropTag: PR_INSTANCE_KEY, Value: key } }, BOOKMARK_BEGINNING, 0);
    expect(cell((await view.queryRows(1))[0], PR_DISPLAY_NAME_W)).toBe('x');
  });
});

// ------------------------------------------------------------------ model-based property test

interface Model {
  rows: { id: number; name: string }[];
}
interface Real {
  td: ITableData;
  /** Unsorted view made before any change. */
  natural: IMAPITable;
  /** View sorted by name (ties: insertion order) made before any change. */
  sorted: IMAPITable;
}

/** hrEnumRow and both views agree with the model. */
async function checkAgainst(m: Model, r: Real): Promise<void> {
  const enumerated: (SRow | null)[] = [];
  for (let i = 0; i <= m.rows.length; i++) enumerated.push(await r.td.hrEnumRow(i));
  expect(enumerated).toEqual([...m.rows.map((x) => row(x.id, x.name)), null]);
  expect(await allRows(r.natural)).toEqual(m.rows.map((x) => row(x.id, x.name)));
  const bySortName = m.rows.map((x, i) => ({ ...x, i })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.i - b.i));
  expect(ids(await allRows(r.sorted))).toEqual(bySortName.map((x) => x.id));
}

class ModifyRow implements fc.AsyncCommand<Model, Real> {
  constructor(readonly id: number, readonly name: string) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    await r.td.hrModifyRow(row(this.id, this.name));
    const i = m.rows.findIndex((x) => x.id === this.id);
    if (i >= 0) m.rows[i] = { id: this.id, name: this.name };
    else m.rows.push({ id: this.id, name: this.name });
    await checkAgainst(m, r);
  }
  toString = () => `hrModifyRow(${this.id}, ${this.name})`;
}

class DeleteRow implements fc.AsyncCommand<Model, Real> {
  constructor(readonly id: number) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const i = m.rows.findIndex((x) => x.id === this.id);
    expect(await scodeOf(r.td.hrDeleteRow(idx(this.id)))).toBe(i >= 0 ? 0 : MAPI_E_NOT_FOUND);
    if (i >= 0) m.rows.splice(i, 1);
    await checkAgainst(m, r);
  }
  toString = () => `hrDeleteRow(${this.id})`;
}

class InsertRow implements fc.AsyncCommand<Model, Real> {
  /** `at` in [0, 1]: the fraction of the table the row goes before. */
  constructor(readonly at: number, readonly id: number, readonly name: string) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const pos = Math.round(this.at * m.rows.length);
    const exists = m.rows.some((x) => x.id === this.id);
    expect(await scodeOf(r.td.hrInsertRow(pos, row(this.id, this.name)))).toBe(exists ? MAPI_E_INVALID_PARAMETER : 0);
    if (!exists) m.rows.splice(pos, 0, { id: this.id, name: this.name });
    await checkAgainst(m, r);
  }
  toString = () => `hrInsertRow(${this.at}, ${this.id}, ${this.name})`;
}

describe('ITableData model', () => {
  it('keeps hrEnumRow and its views equal to a plain array under random changes', async () => {
    const id = fc.integer({ min: 0, max: 7 });
    const name = fc.constantFrom('a', 'b', 'c');
    const commands = [
      fc.tuple(id, name).map(([i, n]) => new ModifyRow(i, n)),
      id.map((i) => new DeleteRow(i)),
      fc.tuple(fc.constantFrom(0, 0.25, 0.5, 0.75, 1), id, name).map(([a, i, n]) => new InsertRow(a, i, n)),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40 }), async (cmds) => {
        const td = CreateTable(null, TBLTYPE_DYNAMIC, PR_ROWID, COLUMNS, { scheduler: new ManualScheduler() });
        const real: Real = { td, natural: await td.hrGetView(null), sorted: await td.hrGetView(byName()) };
        await fc.asyncModelRun(() => ({ model: { rows: [] }, real }), cmds);
      }),
      { numRuns: 150 },
    );
  });
});
