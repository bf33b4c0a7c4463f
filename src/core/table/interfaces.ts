import type { IUnknown } from '../props/interfaces.js';
import type { MAPIERROR, SPropTagArray, SPropValue, SRow, SRowSet } from '../props/types.js';
import type { SRestriction } from '../restriction/types.js';
import type { AdviseSinkLike } from '../notify/types.js';
import type { SSortOrderSet } from './types.js';

/** A bookmark: BOOKMARK_BEGINNING (0), BOOKMARK_CURRENT (1), BOOKMARK_END (2) or a value from createBookmark. */
export type BOOKMARK = number;

/** Result of getStatus. @see imapitable-getstatus.md */
export interface TableStatus {
  /** TBLSTAT_COMPLETE, TBLSTAT_SORTING, ... */
  ulTableStatus: number;
  /** TBLTYPE_DYNAMIC, TBLTYPE_KEYSET or TBLTYPE_SNAPSHOT. */
  ulTableType: number;
}

/** Result of seekRow: rows moved (negative backward) and MAPI_W_POSITION_CHANGED when the bookmark had moved. */
export interface SeekRowResult {
  /** Rows actually sought, signed. */
  lRowsSought: number;
  /** MAPI_W_POSITION_CHANGED when the origin bookmark's row had gone; absent otherwise. */
  warning?: number;
}

/** Result of queryPosition. @see imapitable-queryposition.md */
export interface TablePosition {
  /** Zero-based index of the current row (the next row to be read). */
  ulRow: number;
  /** Numerator of the position fraction. */
  ulNumerator: number;
  /** Denominator of the position fraction (never zero). */
  ulDenominator: number;
}

/** Result of findRow: MAPI_W_POSITION_CHANGED when the origin bookmark's row had gone. */
export interface FindRowResult {
  /** MAPI_W_POSITION_CHANGED, or absent. */
  warning?: number;
}

/** Result of expandRow. @see imapitable-expandrow.md */
export interface ExpandRowResult {
  /** Up to ulRowCount of the rows the expansion added. */
  rows: SRowSet;
  /** Total number of rows the expansion added to the view. */
  ulMoreRows: number;
}

/** Result of setCollapseState. */
export interface SetCollapseStateResult {
  /** A bookmark on the row whose instance key was given to getCollapseState. */
  bkLocation: BOOKMARK;
}

/**
 * A view of a table: columns, restriction, sort order and categories, a cursor, bookmarks
 * and notifications. Every table in mapi-emu (contents, hierarchy, recipients,
 * attachments, stores, status, profiles, ...) is one of these.
 * @see imapitableiunknown.md
 */
export interface IMAPITable extends IUnknown {
  /** @see imapitable-getlasterror.md */
  getLastError(hResult: number, ulFlags?: number): Promise<MAPIERROR | null>;
  /** Registers for table notifications (fnevTableModified); resolves to the connection number. @see imapitable-advise.md */
  advise(ulEventMask: number, lpAdviseSink: AdviseSinkLike): Promise<number>;
  /** @see imapitable-unadvise.md */
  unadvise(ulConnection: number): Promise<void>;
  /** @see imapitable-getstatus.md */
  getStatus(): Promise<TableStatus>;
  /** @see imapitable-setcolumns.md */
  setColumns(lpPropTagArray: SPropTagArray, ulFlags?: number): Promise<void>;
  /** @see imapitable-querycolumns.md */
  queryColumns(ulFlags?: number): Promise<SPropTagArray>;
  /** @see imapitable-getrowcount.md */
  getRowCount(ulFlags?: number): Promise<number>;
  /** @see imapitable-seekrow.md */
  seekRow(bkOrigin: BOOKMARK, lRowCount: number): Promise<SeekRowResult>;
  /** @see imapitable-seekrowapprox.md */
  seekRowApprox(ulNumerator: number, ulDenominator: number): Promise<void>;
  /** @see imapitable-queryposition.md */
  queryPosition(): Promise<TablePosition>;
  /** @see imapitable-findrow.md */
  findRow(lpRestriction: SRestriction, bkOrigin: BOOKMARK, ulFlags?: number): Promise<FindRowResult>;
  /** @see imapitable-restrict.md */
  restrict(lpRestriction: SRestriction | null, ulFlags?: number): Promise<void>;
  /** @see imapitable-createbookmark.md */
  createBookmark(): Promise<BOOKMARK>;
  /** @see imapitable-freebookmark.md */
  freeBookmark(bkPosition: BOOKMARK): Promise<void>;
  /** @see imapitable-sorttable.md */
  sortTable(lpSortCriteria: SSortOrderSet, ulFlags?: number): Promise<void>;
  /** @see imapitable-querysortorder.md */
  querySortOrder(): Promise<SSortOrderSet>;
  /** @see imapitable-queryrows.md */
  queryRows(lRowCount: number, ulFlags?: number): Promise<SRowSet>;
  /** @see imapitable-abort.md */
  abort(): Promise<void>;
  /** @see imapitable-expandrow.md */
  expandRow(pbInstanceKey: Uint8Array, ulRowCount: number, ulFlags?: number): Promise<ExpandRowResult>;
  /** Resolves to the number of rows removed from the view. @see imapitable-collapserow.md */
  collapseRow(pbInstanceKey: Uint8Array, ulFlags?: number): Promise<number>;
  /** Resolves to the table status after waiting. @see imapitable-waitforcompletion.md */
  waitForCompletion(ulFlags: number, ulTimeout: number): Promise<number>;
  /** @see imapitable-getcollapsestate.md */
  getCollapseState(ulFlags: number, pbInstanceKey: Uint8Array): Promise<Uint8Array>;
  /** @see imapitable-setcollapsestate.md */
  setCollapseState(ulFlags: number, pbCollapseState: Uint8Array): Promise<SetCollapseStateResult>;
}

/** Called when a view made by hrGetView is released. @see callerrelease.md */
export type CALLERRELEASE = (ulCallerData: number, lpTblData: ITableData, lpVue: IMAPITable) => void;

/** A row of ITableData: its property values, one of which is the index column. */
export type TableDataRow = SRow;

/**
 * MAPI's table data object (CreateTable): rows kept by the caller, from which any number of
 * IMAPITable views are made.
 * @see itabledataiunknown.md
 */
export interface ITableData extends IUnknown {
  /** A new view on the rows; `lpfCallerRelease` is called with `ulCallerData` when the view is released. @see itabledata-hrgetview.md */
  hrGetView(lpSSortOrderSet: SSortOrderSet | null, lpfCallerRelease?: CALLERRELEASE | null, ulCallerData?: number): Promise<IMAPITable>;
  /** Inserts or replaces the row with the same index value. @see itabledata-hrmodifyrow.md */
  hrModifyRow(lpSRow: SRow): Promise<void>;
  /** Inserts or replaces several rows. @see itabledata-hrmodifyrows.md */
  hrModifyRows(ulFlags: number, lpSRowSet: SRowSet): Promise<void>;
  /** Deletes the row whose index column has this value. @see itabledata-hrdeleterow.md */
  hrDeleteRow(lpSPropValue: SPropValue): Promise<void>;
  /** Deletes several rows (TAD_ALL_ROWS deletes every row); resolves to the count deleted. @see itabledata-hrdeleterows.md */
  hrDeleteRows(ulFlags: number, lprowsetToDelete: SRowSet | null): Promise<number>;
  /** The row whose index column has this value, and its position. @see itabledata-hrqueryrow.md */
  hrQueryRow(lpsPropValue: SPropValue): Promise<{ row: SRow; uliRow: number }>;
  /** The row at a position, or null past the end. @see itabledata-hrenumrow.md */
  hrEnumRow(ulRowNumber: number): Promise<SRow | null>;
  /** Sends TABLE_ROW_MODIFIED with these values to every view's sinks (cValues + lpSPropValue as one array). @see itabledata-hrnotify.md */
  hrNotify(ulFlags: number, lpSPropValue: SPropValue[]): Promise<void>;
  /** Inserts a row at a position. @see itabledata-hrinsertrow.md */
  hrInsertRow(uliRow: number, lpSRow: SRow): Promise<void>;
}
