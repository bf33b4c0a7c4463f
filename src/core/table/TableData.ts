import { MapiUnknown } from '../props/MapiUnknown.js';
import type { CALLERRELEASE } from './interfaces.js';
import type { GUID } from '../props/guid.js';
import type { SPropTagArray, SPropValue, SRow, SRowSet } from '../props/types.js';
import { MapiError } from '../errors/MapiError.js';
import { checkFlags, describeArg, isGuid } from '../props/MapiProp.js';
import { canonicalValue } from '../props/convert.js';
import { cloneProp } from '../props/values.js';
import { PROP_ID, PROP_TYPE, tagHex } from '../props/tags.js';
import { FBadColumnSet, FBadProp, FBadPropTag, FBadRow, FBadRowSet, FBadSortOrderSet } from '../props/util/validate.js';
import { NotificationHub } from '../notify/NotificationHub.js';
import { defaultScheduler, type Scheduler } from '../notify/scheduler.js';
import type { NOTIFICATION } from '../notify/types.js';
import { MapiTable } from './MapiTable.js';
import { MemoryRowSource, tableRow } from './MemoryRowSource.js';
import type { TableRow } from './RowSource.js';
import type { View } from './View.js';
import type { ViewNode } from './nodes.js';
import type { IMAPITable, ITableData } from './interfaces.js';
import type { SSortOrderSet } from './types.js';
import { valueKey } from './valueKey.js';
import { IID_IMAPITableData } from '../generated/guids.js';
import { PR_NULL } from '../generated/proptags.js';
import {
  PT_APPTIME, PT_BINARY, PT_BOOLEAN, PT_CLSID, PT_CURRENCY, PT_DOUBLE, PT_ERROR, PT_I2, PT_I8, PT_LONG, PT_NULL, PT_R4, PT_STRING8, PT_SYSTIME, PT_UNICODE,
} from '../generated/proptypes.js';
import { TAD_ALL_ROWS, TABLE_ROW_MODIFIED, TBLTYPE_DYNAMIC, TBLTYPE_KEYSET, TBLTYPE_SNAPSHOT, fnevTableModified } from '../generated/constants.js';
import { MAPI_E_INTERFACE_NOT_SUPPORTED, MAPI_E_INVALID_PARAMETER, MAPI_E_NO_SUPPORT, MAPI_E_NOT_FOUND } from '../generated/scodes.js';



/** Where the views of a table data object send notifications and run asynchronous work. */
export interface CreateTableOptions {
  /** The notification hub of the views [a new hub on `scheduler`]. */
  hub?: NotificationHub;
  /** Runs notification delivery and TBL_ASYNC operations [the real-time default scheduler]. */
  scheduler?: Scheduler;
  /** Views render PT_UNSPECIFIED string columns as PT_UNICODE (MAPI_UNICODE) [false]. */
  unicode?: boolean;
}

// itabledataiunknown.md: multivalued properties cannot be the index column; the others that
// can are the scalar types whose values identify a row (numbers, strings, binaries, ...).
const INDEX_TYPES = new Set<number>([
  PT_I2, PT_LONG, PT_R4, PT_DOUBLE, PT_CURRENCY, PT_APPTIME, PT_BOOLEAN, PT_I8, PT_SYSTIME,
  PT_STRING8, PT_UNICODE, PT_CLSID, PT_BINARY,
]);

// itabledata-hrmodifyrows.md: per-row notifications for up to eight rows, one TABLE_CHANGED beyond.
const MAX_ROW_NOTIFICATIONS = 8;

const badArg = (message: string) => new MapiError(MAPI_E_INVALID_PARAMETER, message);

/**
 * MAPI's table data object: rows held in memory in insertion order, identified by the value
 * of their index column, and any number of independent IMAPITable views over them (each with
 * its own columns, restriction, sort and cursor) that follow every change with table
 * notifications. Releasing it leaves its views working: as in MAPI, a view holds the data
 * (callerrelease.md: the release callback of the last view commonly releases the table data).
 * @see itabledataiunknown.md
 */
export class TableData extends MapiUnknown implements ITableData {
  readonly interfaceName = 'ITableData';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMAPITableData];
  /** The column set of new views: the CreateTable columns, then every property new rows brought. */
  private readonly columns: number[];
  private readonly columnIds: Set<number>;
  private readonly source: MemoryRowSource;
  private readonly views = new Set<MapiTable>();
  private readonly hub: NotificationHub;

  constructor(
    private readonly ulTableType: number,
    private readonly indexTag: number,
    columns: SPropTagArray,
    private readonly options: CreateTableOptions,
  ) {
    super();
    this.columns = columns.map((t) => t >>> 0);
    this.columnIds = new Set(this.columns.map(PROP_ID));
    this.hub = options.hub ?? new NotificationHub({ scheduler: options.scheduler ?? defaultScheduler });
    // The array is shared on purpose: each view copies it when made (itabledata-hrmodifyrow.md:
    // new columns are available to existing views and in the column set of future ones).
    this.source = new MemoryRowSource(this.columns, [], () => [...this.columns]);
  }

  hrGetView(lpSSortOrderSet: SSortOrderSet | null, lpfCallerRelease: CALLERRELEASE | null = null, ulCallerData = 0): Promise<IMAPITable> {
    return this.invoke('hrGetView', [lpSSortOrderSet, lpfCallerRelease, ulCallerData], () => {
      let sort: SSortOrderSet | undefined;
      if (lpSSortOrderSet !== null && lpSSortOrderSet !== undefined) {
        if (FBadSortOrderSet(lpSSortOrderSet)) throw badArg('hrGetView: lpSSortOrderSet is not a valid SSortOrderSet');
        // itabledataiunknown.md: "complex operations such as categorization are not supported".
        if (lpSSortOrderSet.cCategories > 0) throw new MapiError(MAPI_E_NO_SUPPORT, 'hrGetView: views of a table data object cannot be categorized');
        sort = { aSort: lpSSortOrderSet.aSort.map((s) => ({ ulPropTag: s.ulPropTag, ulOrder: s.ulOrder })), cCategories: 0, cExpanded: 0 };
      }
      if (lpfCallerRelease !== null && lpfCallerRelease !== undefined && typeof lpfCallerRelease !== 'function') {
        throw badArg(`hrGetView: lpfCallerRelease must be a function or null, not ${describeArg(lpfCallerRelease)}`);
      }
      const view: MapiTable = new MapiTable(this.source, {
        hub: this.hub,
        ...(this.options.scheduler && { scheduler: this.options.scheduler }),
        unicode: this.options.unicode ?? false,
        tableType: this.ulTableType,
        capabilities: { categorize: false },
        ...(sort && { initialSort: sort }),
        onRelease: () => {
          this.views.delete(view);
          // itabledata-hrgetview.md: MAPI calls lpfCallerRelease when the view is released.
          lpfCallerRelease?.(ulCallerData, this, view);
        },
      });
      view.interceptor = this.interceptor;
      this.views.add(view);
      return view;
    });
  }

  hrModifyRow(lpSRow: SRow): Promise<void> {
    return this.invoke('hrModifyRow', [lpSRow], () => {
      const row = this.rowIn('hrModifyRow', lpSRow);
      this.noteColumns(row);
      // itabledata-hrmodifyrow.md: replaces the row with the same index value, else appends.
      this.source.upsert(row);
    });
  }

  hrModifyRows(ulFlags: number, lpSRowSet: SRowSet): Promise<void> {
    return this.invoke('hrModifyRows', [ulFlags, lpSRowSet], () => {
      checkFlags('hrModifyRows', ulFlags, 0);
      if (FBadRowSet(lpSRowSet)) throw badArg('hrModifyRows: lpSRowSet is not a valid SRowSet');
      // itabledata-hrmodifyrows.md: a row without the index column fails the call and changes nothing.
      const rows = lpSRowSet.map((r, i) => this.rowIn(`hrModifyRows: row ${i}`, r));
      for (const r of rows) this.noteColumns(r);
      this.source.batch(() => rows.forEach((r) => this.source.upsert(r)), rows.length > MAX_ROW_NOTIFICATIONS);
    });
  }

  hrDeleteRow(lpSPropValue: SPropValue): Promise<void> {
    return this.invoke('hrDeleteRow', [lpSPropValue], () => {
      const key = this.keyIn('hrDeleteRow', lpSPropValue);
      if (!this.source.delete(key)) throw new MapiError(MAPI_E_NOT_FOUND, `hrDeleteRow: no row has ${tagHex(this.indexTag)} = ${describeValue(lpSPropValue)}`);
    });
  }

  hrDeleteRows(ulFlags: number, lprowsetToDelete: SRowSet | null): Promise<number> {
    return this.invoke('hrDeleteRows', [ulFlags, lprowsetToDelete], () => {
      const flags = checkFlags('hrDeleteRows', ulFlags, TAD_ALL_ROWS);
      if (flags & TAD_ALL_ROWS) {
        const keys = [...this.source.rows()].map((r) => r.key);
        // itabledata-hrdeleterows.md: every row goes from every view with a single TABLE_RELOAD.
        this.source.batch(() => {
          for (const k of keys) this.source.delete(k);
          this.source.reload();
        });
        return keys.length;
      }
      if (!lprowsetToDelete || FBadRowSet(lprowsetToDelete)) throw badArg('hrDeleteRows: lprowsetToDelete must be a valid SRowSet unless TAD_ALL_ROWS is set');
      const keys = new Set<string>();
      lprowsetToDelete.forEach((r, i) => {
        const index = indexPropOf(r, this.indexTag);
        if (!index) throw badArg(`hrDeleteRows: row ${i} has no index column ${tagHex(this.indexTag)}`);
        const key = this.keyOf(canonicalValue(index));
        // itabledata-hrdeleterows.md: rows that are not found are no error; they are not counted.
        if (this.source.get(key)) keys.add(key);
      });
      this.source.batch(() => keys.forEach((k) => this.source.delete(k)), keys.size > MAX_ROW_NOTIFICATIONS);
      return keys.size;
    });
  }

  hrQueryRow(lpsPropValue: SPropValue): Promise<{ row: SRow; uliRow: number }> {
    return this.invoke('hrQueryRow', [lpsPropValue], () => {
      const key = this.keyIn('hrQueryRow', lpsPropValue);
      const row = this.source.get(key);
      if (!row) throw new MapiError(MAPI_E_NOT_FOUND, `hrQueryRow: no row has ${tagHex(this.indexTag)} = ${describeValue(lpsPropValue)}`);
      return { row: rowOut(row), uliRow: this.source.indexOf(key) };
    });
  }

  hrEnumRow(ulRowNumber: number): Promise<SRow | null> {
    return this.invoke('hrEnumRow', [ulRowNumber], () => {
      if (!isUlong(ulRowNumber)) throw badArg(`hrEnumRow: ulRowNumber must be a row number, not ${describeArg(ulRowNumber)}`);
      // itabledata-hrenumrow.md: rows in insertion order; S_OK and no row past the end.
      let i = 0;
      for (const row of this.source.rows()) if (i++ === ulRowNumber) return rowOut(row);
      return null;
    });
  }

  hrNotify(ulFlags: number, lpSPropValue: SPropValue[]): Promise<void> {
    return this.invoke('hrNotify', [ulFlags, lpSPropValue], () => {
      checkFlags('hrNotify', ulFlags, 0);
      if (!Array.isArray(lpSPropValue) || lpSPropValue.length === 0) {
        throw badArg('hrNotify: lpSPropValue must be a non-empty array of property values');
      }
      const values = [...lpSPropValue];
      if (values.some((v) => FBadProp(v))) throw badArg('hrNotify: lpSPropValue holds an invalid property value');
      const index = indexPropOf({ lpProps: values }, this.indexTag);
      if (!index) throw badArg(`hrNotify: the values do not include the index column ${tagHex(this.indexTag)}`);
      // itabledata-hrnotify.md: TABLE_ROW_MODIFIED to every view, changed or not, carrying the
      // given values; about-display-table-notifications.md: propIndex is the index column's value.
      const n: NOTIFICATION = {
        ulEventType: fnevTableModified,
        tab: {
          ulTableEvent: TABLE_ROW_MODIFIED,
          hResult: 0,
          propIndex: cloneProp(index),
          propPrior: { ulPropTag: PR_NULL, Value: null },
          row: { lpProps: values.map(cloneProp) },
        },
      };
      for (const view of this.views) this.hub.notify(view, [n]);
    });
  }

  hrInsertRow(uliRow: number, lpSRow: SRow): Promise<void> {
    return this.invoke('hrInsertRow', [uliRow, lpSRow], () => {
      if (!isUlong(uliRow)) throw badArg(`hrInsertRow: uliRow must be a row number, not ${describeArg(uliRow)}`);
      const row = this.rowIn('hrInsertRow', lpSRow);
      const size = this.source.size;
      // itabledata-hrinsertrow.md: uliRow is 0 through n; n appends. The new row becomes row uliRow.
      if (uliRow > size) throw badArg(`hrInsertRow: uliRow ${uliRow} is past the end of the table (${size} rows)`);
      if (this.source.get(row.key)) throw badArg(`hrInsertRow: a row with this ${tagHex(this.indexTag)} already exists`);
      this.noteColumns(row);
      this.source.insertAt(uliRow, row);
    });
  }

  // ------------------------------------------------------------------ rows in and out

  /** A caller's row, validated and deep-copied, keyed by its index value. */
  private rowIn(method: string, lpSRow: SRow): TableRow {
    if (FBadRow(lpSRow)) throw badArg(`${method}: lpSRow is not a valid SRow`);
    const props = lpSRow.lpProps.map(canonicalValue);
    const index = indexPropOf({ lpProps: props }, this.indexTag);
    if (!index) throw badArg(`${method}: the row has no index column ${tagHex(this.indexTag)}`);
    return tableRow(this.keyOf(index), props);
  }

  /** The row key of an index value given to a lookup; the tag must be the index column's. */
  private keyIn(method: string, v: SPropValue | null): string {
    if (FBadProp(v)) throw badArg(`${method}: ${describeArg(v)} is not a valid property value`);
    const p = v as SPropValue;
    if (p.ulPropTag >>> 0 !== this.indexTag) throw badArg(`${method}: ${tagHex(p.ulPropTag)} is not the index column ${tagHex(this.indexTag)}`);
    return this.keyOf(canonicalValue(p));
  }

  /** The index value as a row key: its type and value, canonically. */
  private keyOf(index: SPropValue): string {
    return valueKey(index);
  }

  /** Adds a row's properties that are not yet columns to the column set of future views. */
  private noteColumns(row: TableRow): void {
    for (const [id, p] of row.props) {
      const type = PROP_TYPE(p.ulPropTag);
      if (type === PT_ERROR || type === PT_NULL || this.columnIds.has(id)) continue;
      this.columnIds.add(id);
      this.columns.push(p.ulPropTag >>> 0);
    }
  }
}

/** The last value of the index column in a row (later values of a tag win, as in tableRow). */
function indexPropOf(row: SRow, indexTag: number): SPropValue | undefined {
  let found: SPropValue | undefined;
  for (const p of row.lpProps) if (p && p.ulPropTag >>> 0 === indexTag) found = p;
  return found;
}

/** A stored row as the caller's own copy. */
function rowOut(row: TableRow): SRow {
  return { lpProps: [...row.props.values()].map(cloneProp) };
}

function isUlong(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0xffffffff;
}

/** An index value for messages: `s"abc"`, `n42`, `b0a0b` (the row key without its type). */
function describeValue(v: SPropValue): string {
  const k = valueKey(v);
  return k.slice(k.indexOf(':') + 1);
}

/**
 * Creates a table data object: in-memory rows identified by the index column, from which
 * hrGetView makes IMAPITable views. The allocators and lpvReserved of the C function have no
 * counterpart here.
 * @param lpInterface IID_IMAPITableData or null (anything else: MAPI_E_INTERFACE_NOT_SUPPORTED).
 * @param ulTableType TBLTYPE_DYNAMIC, TBLTYPE_KEYSET or TBLTYPE_SNAPSHOT, reported by the views' getStatus.
 * @param ulPropTagIndexColumn The column whose value identifies a row (single-valued).
 * @param lpSPropTagArrayColumns The column set of the views.
 * @throws MapiError MAPI_E_INVALID_PARAMETER for a bad table type, index column or column set.
 * @see createtable.md
 */
export function CreateTable(
  lpInterface: GUID | null,
  ulTableType: number,
  ulPropTagIndexColumn: number,
  lpSPropTagArrayColumns: SPropTagArray,
  options: CreateTableOptions = {},
): ITableData {
  if (lpInterface !== null && lpInterface !== undefined) {
    if (!isGuid(lpInterface)) throw badArg(`CreateTable: lpInterface must be a GUID or null, not ${describeArg(lpInterface)}`);
    if (!lpInterface.equals(IID_IMAPITableData)) {
      throw new MapiError(MAPI_E_INTERFACE_NOT_SUPPORTED, `CreateTable: only IID_IMAPITableData is supported, not ${lpInterface.toString()}`);
    }
  }
  if (ulTableType !== TBLTYPE_DYNAMIC && ulTableType !== TBLTYPE_KEYSET && ulTableType !== TBLTYPE_SNAPSHOT) {
    throw badArg(`CreateTable: ulTableType must be TBLTYPE_DYNAMIC, TBLTYPE_KEYSET or TBLTYPE_SNAPSHOT, not ${describeArg(ulTableType)}`);
  }
  if (!isUlong(ulPropTagIndexColumn) || FBadPropTag(ulPropTagIndexColumn) || !INDEX_TYPES.has(PROP_TYPE(ulPropTagIndexColumn))) {
    const what = typeof ulPropTagIndexColumn === 'number' ? tagHex(ulPropTagIndexColumn) : describeArg(ulPropTagIndexColumn);
    throw badArg(`CreateTable: ${what} cannot be the index column (it must be a single-valued number, string or binary property)`);
  }
  if (FBadColumnSet(lpSPropTagArrayColumns)) throw badArg('CreateTable: lpSPropTagArrayColumns is not a valid column set');
  if (options === null || typeof options !== 'object') throw badArg('CreateTable: options must be an object');
  return new TableData(ulTableType, ulPropTagIndexColumn >>> 0, lpSPropTagArrayColumns, options);
}
