import { MapiUnknown } from '../props/MapiUnknown.js';
import type { GUID } from '../props/guid.js';
import type { MAPIERROR, SPropTagArray, SPropValue, SRow, SRowSet } from '../props/types.js';
import { MapiError } from '../errors/MapiError.js';
import { checkFlags, checkTagArray, describeArg } from '../props/MapiProp.js';
import { compileRestriction } from '../restriction/compile.js';
import { validateRestriction } from '../restriction/validate.js';
import { cloneRestriction } from '../props/values.js';
import type { SRestriction } from '../restriction/types.js';
import type { NotificationHub } from '../notify/NotificationHub.js';
import type { AdviseSinkLike, NOTIFICATION, TABLE_NOTIFICATION } from '../notify/types.js';
import { defaultScheduler, type Scheduler } from '../notify/scheduler.js';
import type { SSortOrderSet } from './types.js';
import type {
  BOOKMARK,
  ExpandRowResult,
  FindRowResult,
  IMAPITable,
  SeekRowResult,
  SetCollapseStateResult,
  TablePosition,
  TableStatus,
} from './interfaces.js';
import type { RowSource } from './RowSource.js';
import { View, isMviTag, type ViewChange } from './View.js';
import { NO_SORT, parseSortOrderSet, type SortSpec } from './sortSpec.js';
import { compileRowRenderer, headingProps, instanceKeyProp, unionOfTags, type RowRenderOptions } from './rows.js';
import type { Anchor } from './anchors.js';
import type { ViewNode } from './nodes.js';
import { decodeCollapseState, encodeCollapseState } from './collapseState.js';
import { IID_IMAPITable } from '../generated/guids.js';
import { PR_CONTENT_COUNT, PR_CONTENT_UNREAD, PR_DEPTH, PR_INSTANCE_KEY, PR_NULL, PR_ROW_TYPE } from '../generated/proptags.js';
import {
  BOOKMARK_BEGINNING,
  BOOKMARK_CURRENT,
  BOOKMARK_END,
  DIR_BACKWARD,
  TABLE_CHANGED,
  TABLE_ERROR,
  TABLE_RELOAD,
  TABLE_RESTRICT_DONE,
  TABLE_ROW_ADDED,
  TABLE_ROW_DELETED,
  TABLE_ROW_MODIFIED,
  TABLE_SETCOL_DONE,
  TABLE_SORT_DONE,
  TBL_ALL_COLUMNS,
  TBL_ASYNC,
  TBL_BATCH,
  TBL_NOADVANCE,
  TBLSTAT_COMPLETE,
  TBLSTAT_RESTRICTING,
  TBLSTAT_RESTRICT_ERROR,
  TBLSTAT_SETCOL_ERROR,
  TBLSTAT_SETTING_COLS,
  TBLSTAT_SORTING,
  TBLSTAT_SORT_ERROR,
  TBLTYPE_DYNAMIC,
  fnevTableModified,
} from '../generated/constants.js';
import {
  MAPI_E_BUSY,
  MAPI_E_INVALID_BOOKMARK,
  MAPI_E_INVALID_OBJECT,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NO_SUPPORT,
  MAPI_E_NOT_FOUND,
  MAPI_E_TIMEOUT,
  MAPI_E_UNABLE_TO_ABORT,
  MAPI_E_UNABLE_TO_COMPLETE,
  MAPI_W_POSITION_CHANGED,
} from '../generated/scodes.js';

/** What a table can do; a provider turns off what its tables do not support (MAPI_E_NO_SUPPORT). */
export interface TableCapabilities {
  /** sortTable with keys (attachment tables often cannot). */
  sort: boolean;
  /** cCategories > 0, expandRow, collapseRow, collapse states. */
  categorize: boolean;
  /** restrict and findRow. */
  restrict: boolean;
  /** createBookmark (attachment tables answer MAPI_E_NO_SUPPORT, imapitable-createbookmark.md). */
  bookmarks: boolean;
}

/** How a MapiTable is set up by its provider. */
export interface MapiTableOptions {
  /** The subsystem's notification hub (table notifications go through it). */
  hub: NotificationHub;
  /** Runs TBL_ASYNC operations later [the real-time default scheduler]. */
  scheduler?: Scheduler;
  /** Table opened with MAPI_UNICODE: PT_UNSPECIFIED string columns are PT_UNICODE. */
  unicode?: boolean;
  /** Code page for PT_STRING8 columns of Unicode values [1252]. */
  codePage?: number;
  /** Cut string and binary cells longer than this (Exchange: 255 in contents tables) [Infinity]. */
  maxCellBytes?: number;
  /** TBLTYPE_DYNAMIC (default), TBLTYPE_KEYSET or TBLTYPE_SNAPSHOT. */
  tableType?: number;
  /** What the table supports [everything]. */
  capabilities?: Partial<TableCapabilities>;
  /** Sort order the view starts with [none]. */
  initialSort?: SSortOrderSet;
  /** Interface name for messages [IMAPITable]. */
  name?: string;
  /** Called when the table is released. */
  onRelease?: () => void;
}

/** An asynchronous operation waiting to run (TBL_ASYNC). */
interface PendingOp {
  status: number;
  errorStatus: number;
  doneEvent: number;
  run: () => void;
  done: Promise<void>;
  resolve: () => void;
}

const ALL_CAPS: TableCapabilities = { sort: true, categorize: true, restrict: true, bookmarks: true };

/**
 * The IMAPITable every emulated table is: a view over a RowSource (see View) with the
 * interface's argument checks, cursor and bookmark semantics, asynchronous and batched
 * operations, and table notifications.
 * @see imapitableiunknown.md
 */
export class MapiTable extends MapiUnknown implements IMAPITable {
  readonly interfaceName: string;
  protected readonly interfaceIds: readonly GUID[] = [IID_IMAPITable];
  /** The model (exposed for providers and tests). */
  readonly view: View;
  private columns: number[];
  private restriction: SRestriction | null = null;
  private readonly caps: TableCapabilities;
  private readonly render: RowRenderOptions;
  /** The row renderer of the current column set, sort and MVI expansion (see rowOf). */
  private renderer: { columns: readonly number[]; spec: SortSpec; mviTags: readonly number[]; render: (node: ViewNode) => SRow } | null = null;
  private readonly hub: NotificationHub;
  private readonly tableType: number;
  private pending: PendingOp | null = null;
  private readonly batched: (() => void)[] = [];
  private errorStatus = TBLSTAT_COMPLETE;

  constructor(
    private readonly source: RowSource,
    private readonly options: MapiTableOptions,
  ) {
    super();
    this.interfaceName = options.name ?? 'IMAPITable';
    this.hub = options.hub;
    this.caps = { ...ALL_CAPS, ...options.capabilities };
    this.render = { unicode: options.unicode ?? false, codePage: options.codePage ?? 1252, maxCellBytes: options.maxCellBytes ?? Number.POSITIVE_INFINITY };
    this.tableType = options.tableType ?? TBLTYPE_DYNAMIC;
    this.columns = [...source.defaultColumns];
    this.view = new View(source, parseSortOrderSet(options.initialSort ?? NO_SORT), this.render.codePage);
    this.view.setColumnMviTags(this.columns);
    this.view.listener = (c) => this.onViewChange(c);
    this.view.wantsChanges = () => this.hub.connectionCount(this) > 0;
    // A change of the rows needs the view the caller asked for: deferred (TBL_BATCH) operations
    // run first, so notifications use the new columns and never show rows a batched restriction hides.
    this.view.beforeSourceChange = () => this.runBatched();
  }

  /** @see imapitable-getlasterror.md; like every call on a released table, MAPI_E_INVALID_OBJECT after release. */
  override getLastError(hResult: number, ulFlags = 0): Promise<MAPIERROR | null> {
    if (this.isReleased) return Promise.reject(new MapiError(MAPI_E_INVALID_OBJECT, `${this.interfaceName}.getLastError: the object has been released`));
    return super.getLastError(hResult, ulFlags);
  }

  protected override onRelease(): void {
    this.view.detach();
    this.hub.unadviseSource(this);
    this.options.onRelease?.();
  }

  // ------------------------------------------------------------------ notifications

  advise(ulEventMask: number, lpAdviseSink: AdviseSinkLike): Promise<number> {
    return this.invoke('advise', [ulEventMask, lpAdviseSink], () => {
      if (typeof ulEventMask !== 'number' || !(ulEventMask & fnevTableModified)) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'advise: a table only sends fnevTableModified; include it in the event mask');
      }
      return this.hub.advise(this, ulEventMask, lpAdviseSink);
    });
  }

  unadvise(ulConnection: number): Promise<void> {
    return this.invoke('unadvise', [ulConnection], () => {
      if (typeof ulConnection !== 'number') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'unadvise: the connection must be a number');
      this.hub.unadvise(ulConnection);
    });
  }

  /** Turns a change of the view into a table notification, rendered now in the current column set. */
  private onViewChange(c: ViewChange): void {
    if (this.hub.connectionCount(this) === 0) return;
    const none: SPropValue = { ulPropTag: PR_NULL, Value: null };
    let tab: TABLE_NOTIFICATION;
    if (c.type === 'added' || c.type === 'modified') {
      const i = this.view.indexOf(c.node);
      const prior = i > 0 ? this.view.nodeAt(i - 1) : undefined;
      tab = {
        ulTableEvent: c.type === 'added' ? TABLE_ROW_ADDED : TABLE_ROW_MODIFIED,
        hResult: 0,
        propIndex: instanceKeyProp(c.node),
        propPrior: prior ? instanceKeyProp(prior) : none,
        row: this.rowOf(c.node),
      };
    } else if (c.type === 'deleted') {
      tab = { ulTableEvent: TABLE_ROW_DELETED, hResult: 0, propIndex: { ulPropTag: PR_INSTANCE_KEY, Value: Uint8Array.from(c.instanceKey) }, propPrior: none, row: { lpProps: [] } };
    } else {
      tab = { ulTableEvent: c.type === 'reload' ? TABLE_RELOAD : TABLE_CHANGED, hResult: 0, propIndex: none, propPrior: none, row: { lpProps: [] } };
    }
    this.publish(tab);
  }

  private publish(tab: TABLE_NOTIFICATION): void {
    const n: NOTIFICATION = { ulEventType: fnevTableModified, tab };
    this.hub.notify(this, [n]);
  }

  private rowOf(node: ViewNode): SRow {
    const spec = this.view.sortSpec;
    const mviTags = this.view.expandedMviTags;
    let r = this.renderer;
    // The column set, sort and MVI tags are replaced, never changed in place: identity says when to recompile.
    if (!r || r.columns !== this.columns || r.spec !== spec || r.mviTags !== mviTags) {
      r = { columns: this.columns, spec, mviTags, render: compileRowRenderer(this.columns, spec, mviTags, this.render) };
      this.renderer = r;
    }
    return r.render(node);
  }

  // ------------------------------------------------------------------ status and async operations

  getStatus(): Promise<TableStatus> {
    return this.invoke('getStatus', [], () => ({ ulTableStatus: this.pending ? this.pending.status : this.errorStatus, ulTableType: this.tableType }));
  }

  abort(): Promise<void> {
    return this.invoke('abort', [], () => {
      // imapitable-abort.md: with nothing in progress, there is nothing to stop.
      if (!this.pending) throw new MapiError(MAPI_E_UNABLE_TO_ABORT, 'abort: no asynchronous operation is in progress');
      const p = this.pending;
      this.pending = null;
      p.resolve();
    });
  }

  waitForCompletion(ulFlags: number, ulTimeout: number): Promise<number> {
    return this.invoke('waitForCompletion', [ulFlags, ulTimeout], async () => {
      checkFlags('waitForCompletion', ulFlags, 0);
      if (typeof ulTimeout !== 'number') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'waitForCompletion: ulTimeout must be a number of milliseconds');
      const p = this.pending;
      if (p) {
        if (ulTimeout === 0) throw new MapiError(MAPI_E_TIMEOUT, 'waitForCompletion: the operation is still in progress');
        // The operation is emulated work with nothing to wait for: run it now.
        this.runPending();
        await p.done;
      }
      return this.errorStatus;
    });
  }

  /** Starts an operation: now, later (TBL_ASYNC) or when data is next needed (TBL_BATCH). */
  private startOp(flags: number, kind: 'sort' | 'restrict' | 'setcol', run: () => void): void {
    if (this.pending) throw new MapiError(MAPI_E_BUSY, `another asynchronous table operation is in progress`);
    const [status, errorStatus, doneEvent] =
      kind === 'sort' ? [TBLSTAT_SORTING, TBLSTAT_SORT_ERROR, TABLE_SORT_DONE] : kind === 'restrict' ? [TBLSTAT_RESTRICTING, TBLSTAT_RESTRICT_ERROR, TABLE_RESTRICT_DONE] : [TBLSTAT_SETTING_COLS, TBLSTAT_SETCOL_ERROR, TABLE_SETCOL_DONE];
    if (flags & TBL_ASYNC) {
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      const op: PendingOp = { status, errorStatus, doneEvent, run, done, resolve };
      this.pending = op;
      // Runs this operation only: one stopped by abort (imapitable-abort.md: the table stays "as
      // it was") or finished by waitForCompletion is gone, and a later one has its own turn.
      (this.options.scheduler ?? defaultScheduler).enqueue(() => {
        if (this.pending === op) this.runPending();
      });
      return;
    }
    if (flags & TBL_BATCH) {
      this.batched.push(run);
      return;
    }
    run();
    this.errorStatus = TBLSTAT_COMPLETE;
  }

  /** Runs the pending TBL_ASYNC operation, reporting its end (or its error) as a notification. */
  private runPending(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    if (this.isReleased) {
      p.resolve();
      return;
    }
    const none: SPropValue = { ulPropTag: PR_NULL, Value: null };
    try {
      this.ensureReady();
      p.run();
      this.errorStatus = TBLSTAT_COMPLETE;
      this.publish({ ulTableEvent: p.doneEvent, hResult: 0, propIndex: none, propPrior: none, row: { lpProps: [] } });
    } catch (e) {
      this.errorStatus = p.errorStatus;
      this.publish({ ulTableEvent: TABLE_ERROR, hResult: MapiError.scodeOf(e), propIndex: none, propPrior: none, row: { lpProps: [] } });
    } finally {
      p.resolve();
    }
  }

  /** Before reading data: fails while an asynchronous operation runs, and applies batched ones. */
  private ensureReady(): void {
    if (this.pending) throw new MapiError(MAPI_E_BUSY, 'an asynchronous table operation is in progress (call waitForCompletion)');
    this.runBatched();
  }

  /** Carries out the deferred (TBL_BATCH) operations, in the order they were asked for. */
  private runBatched(): void {
    while (this.batched.length) (this.batched.shift() as () => void)();
  }

  // ------------------------------------------------------------------ columns

  setColumns(lpPropTagArray: SPropTagArray, ulFlags = 0): Promise<void> {
    return this.invoke('setColumns', [lpPropTagArray, ulFlags], () => {
      checkTagArray('setColumns', lpPropTagArray, false);
      const flags = checkFlags('setColumns', ulFlags, TBL_ASYNC | TBL_BATCH);
      const cols = lpPropTagArray.map((t) => t >>> 0);
      this.startOp(flags, 'setcol', () => {
        this.columns = cols;
        // working-with-multivalued-columns.md: a change of MVI columns changes the rows; bookmarks are discarded.
        this.view.setColumnMviTags(cols);
      });
    });
  }

  queryColumns(ulFlags = 0): Promise<SPropTagArray> {
    return this.invoke('queryColumns', [ulFlags], () => {
      const flags = checkFlags('queryColumns', ulFlags, TBL_ALL_COLUMNS);
      this.ensureReady();
      if (flags & TBL_ALL_COLUMNS) {
        // imapitable-querycolumns.md: "all of the columns that are capable of being in the table's
        // column set": what the provider lists, or else the rows' columns and the ones the table
        // computes (imapitable-findrow.md: PR_INSTANCE_KEY "is required for all tables";
        // sorting-and-categorization.md: the heading columns of a categorized view); and any the caller set.
        const listed = this.source.availableColumns?.();
        const all = listed ?? unionOfTags(this.source.rows(), this.render.unicode);
        const computed = listed ? [] : this.view.levelCount > 0 ? [PR_INSTANCE_KEY, PR_ROW_TYPE, PR_DEPTH, PR_CONTENT_COUNT, PR_CONTENT_UNREAD] : [PR_INSTANCE_KEY];
        const out: number[] = [];
        const seen = new Set<number>();
        for (const t of [...all, ...computed, ...this.columns]) {
          if (t === PR_NULL || isMviTag(t) || seen.has(t >>> 16)) continue;
          seen.add(t >>> 16);
          out.push(t >>> 0);
        }
        return out;
      }
      return [...this.columns];
    });
  }

  // ------------------------------------------------------------------ restriction and sort

  restrict(lpRestriction: SRestriction | null, ulFlags = 0): Promise<void> {
    return this.invoke('restrict', [lpRestriction, ulFlags], () => {
      const flags = checkFlags('restrict', ulFlags, TBL_ASYNC | TBL_BATCH);
      if (!this.caps.restrict) throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.restrict: this table cannot be restricted`);
      let compiled = null;
      let copy: SRestriction | null = null;
      if (lpRestriction !== null && lpRestriction !== undefined) {
        validateRestriction(lpRestriction);
        compiled = compileRestriction(lpRestriction, { codePage: this.render.codePage });
        copy = cloneRestriction(lpRestriction);
      }
      this.startOp(flags, 'restrict', () => {
        this.restriction = copy;
        this.view.setRestriction(compiled);
      });
    });
  }

  sortTable(lpSortCriteria: SSortOrderSet, ulFlags = 0): Promise<void> {
    return this.invoke('sortTable', [lpSortCriteria, ulFlags], () => {
      const flags = checkFlags('sortTable', ulFlags, TBL_ASYNC | TBL_BATCH);
      const spec = parseSortOrderSet(lpSortCriteria);
      if (spec.source.aSort.length && !this.caps.sort) throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.sortTable: this table cannot be sorted`);
      if (spec.levels.length && !this.caps.categorize) throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.sortTable: this table does not support categories`);
      this.startOp(flags, 'sort', () => this.view.setSort(spec));
    });
  }

  querySortOrder(): Promise<SSortOrderSet> {
    return this.invoke('querySortOrder', [], () => {
      this.ensureReady();
      const s = this.view.sortSpec.source;
      return { aSort: s.aSort.map((x) => ({ ...x })), cCategories: s.cCategories, cExpanded: s.cExpanded };
    });
  }

  /** The restriction in effect (a copy), for providers. */
  currentRestriction(): SRestriction | null {
    return this.restriction && cloneRestriction(this.restriction);
  }

  // ------------------------------------------------------------------ rows and the cursor

  getRowCount(ulFlags = 0): Promise<number> {
    return this.invoke('getRowCount', [ulFlags], () => {
      checkFlags('getRowCount', ulFlags, 0);
      this.ensureReady();
      return this.view.rowCount;
    });
  }

  queryRows(lRowCount: number, ulFlags = 0): Promise<SRowSet> {
    return this.invoke('queryRows', [lRowCount, ulFlags], () => {
      if (typeof lRowCount !== 'number' || !Number.isInteger(lRowCount) || lRowCount === 0) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, `queryRows: lRowCount must be a non-zero integer, not ${describeArg(lRowCount)}`);
      }
      const flags = checkFlags('queryRows', ulFlags, TBL_NOADVANCE);
      this.ensureReady();
      const anchors = this.view.anchors;
      const from = anchors.positionOf(anchors.cursor);
      // imapitable-queryrows.md: a negative count moves back first, then reads forward, so it
      // reads only the rows before the cursor ("zero rows ... at the beginning of the table and
      // the value of lRowCount is negative").
      const start = lRowCount < 0 ? Math.max(0, from + lRowCount) : from;
      const end = lRowCount < 0 ? from : Math.min(this.view.rowCount, from + lRowCount);
      const count = Math.max(0, end - start);
      const rows: SRowSet = [];
      for (let i = 0; i < count; i++) rows.push(this.rowOf(this.view.nodeAt(start + i) as ViewNode));
      if (flags & TBL_NOADVANCE) anchors.setCursor(start);
      else anchors.setCursor(lRowCount < 0 ? start : start + count);
      anchors.cursor.moved = false;
      return rows;
    });
  }

  seekRow(bkOrigin: BOOKMARK, lRowCount: number): Promise<SeekRowResult> {
    return this.invoke('seekRow', [bkOrigin, lRowCount], () => {
      if (typeof lRowCount !== 'number' || !Number.isInteger(lRowCount)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'seekRow: lRowCount must be an integer');
      this.ensureReady();
      const { position, warning } = this.resolveBookmark(bkOrigin, 'seekRow');
      // imapitable-seekrow.md: clamped at both ends; lRowsSought says how far it really went.
      const target = Math.min(Math.max(0, position + lRowCount), this.view.rowCount);
      this.view.anchors.setCursor(target);
      return warning ? { lRowsSought: target - position, warning } : { lRowsSought: target - position };
    });
  }

  seekRowApprox(ulNumerator: number, ulDenominator: number): Promise<void> {
    return this.invoke('seekRowApprox', [ulNumerator, ulDenominator], () => {
      if (typeof ulNumerator !== 'number' || typeof ulDenominator !== 'number' || !Number.isInteger(ulNumerator) || !Number.isInteger(ulDenominator) || ulDenominator <= 0 || ulNumerator < 0) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'seekRowApprox: the fraction needs a non-negative numerator and a positive denominator');
      }
      this.ensureReady();
      const n = this.view.rowCount;
      // imapitable-seekrowapprox.md: 0 is the beginning, numerator = denominator is after the last row.
      const target = ulNumerator >= ulDenominator ? n : Math.floor((ulNumerator * n) / ulDenominator);
      this.view.anchors.setCursor(target);
    });
  }

  queryPosition(): Promise<TablePosition> {
    return this.invoke('queryPosition', [], () => {
      this.ensureReady();
      const row = this.view.anchors.positionOf(this.view.anchors.cursor);
      const n = this.view.rowCount;
      return { ulRow: row, ulNumerator: row, ulDenominator: Math.max(1, n) };
    });
  }

  findRow(lpRestriction: SRestriction, bkOrigin: BOOKMARK, ulFlags = 0): Promise<FindRowResult> {
    return this.invoke('findRow', [lpRestriction, bkOrigin, ulFlags], () => {
      const flags = checkFlags('findRow', ulFlags, DIR_BACKWARD);
      if (!this.caps.restrict) throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.findRow: this table cannot search rows`);
      validateRestriction(lpRestriction);
      const compiled = compileRestriction(lpRestriction, { codePage: this.render.codePage });
      this.ensureReady();
      const { position, warning } = this.resolveBookmark(bkOrigin, 'findRow');
      const spec = this.view.sortSpec;
      const test = (node: ViewNode) => compiled.matches(this.view.targetOf(node, (c) => headingProps(c, spec)));
      compiled.reset();
      // imapitable-findrow.md: forward from the bookmark's row, backward from the row before it.
      if (flags & DIR_BACKWARD) {
        for (let i = Math.min(position, this.view.rowCount) - 1; i >= 0; i--) {
          if (test(this.view.nodeAt(i) as ViewNode)) return this.foundAt(i, warning);
        }
      } else {
        for (let i = position; i < this.view.rowCount; i++) {
          if (test(this.view.nodeAt(i) as ViewNode)) return this.foundAt(i, warning);
        }
      }
      throw new MapiError(MAPI_E_NOT_FOUND, `findRow: no row matches the restriction`);
    });
  }

  private foundAt(index: number, warning: number | undefined): FindRowResult {
    this.view.anchors.setCursor(index);
    // A found first row is that row, not "the beginning": keep the cursor on it.
    const node = this.view.nodeAt(index);
    if (node) this.view.anchors.cursor = { kind: 'node', node, moved: false };
    return warning ? { warning } : {};
  }

  /** The position a bookmark stands for, with MAPI_W_POSITION_CHANGED when its row had gone (reported once). */
  private resolveBookmark(bk: BOOKMARK, method: string): { position: number; warning?: number } {
    const anchors = this.view.anchors;
    if (bk === BOOKMARK_BEGINNING) return { position: 0 };
    if (bk === BOOKMARK_END) return { position: this.view.rowCount };
    let a: Anchor | undefined;
    if (bk === BOOKMARK_CURRENT) a = anchors.cursor;
    else a = typeof bk === 'number' ? anchors.bookmark(bk) : undefined;
    if (!a) throw new MapiError(MAPI_E_INVALID_BOOKMARK, `${method}: bookmark ${describeArg(bk)} does not exist (freed, or discarded by restrict/sortTable)`);
    const position = anchors.positionOf(a);
    if (a.moved) {
      a.moved = false;
      return { position, warning: MAPI_W_POSITION_CHANGED };
    }
    return { position };
  }

  // ------------------------------------------------------------------ bookmarks

  createBookmark(): Promise<BOOKMARK> {
    return this.invoke('createBookmark', [], () => {
      if (!this.caps.bookmarks) throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.createBookmark: this table does not support bookmarks`);
      this.ensureReady();
      const id = this.view.anchors.create();
      if (id === undefined) throw new MapiError(MAPI_E_UNABLE_TO_COMPLETE, 'createBookmark: too many bookmarks; free some with freeBookmark');
      return id;
    });
  }

  freeBookmark(bkPosition: BOOKMARK): Promise<void> {
    return this.invoke('freeBookmark', [bkPosition], () => {
      // imapitable-freebookmark.md: the predefined bookmarks are ignored.
      if (bkPosition === BOOKMARK_BEGINNING || bkPosition === BOOKMARK_CURRENT || bkPosition === BOOKMARK_END) return;
      // A batched restrict or sort discards bookmarks; it counts as done for this call too.
      this.runBatched();
      if (typeof bkPosition !== 'number' || !this.view.anchors.free(bkPosition)) {
        throw new MapiError(MAPI_E_INVALID_BOOKMARK, `freeBookmark: bookmark ${describeArg(bkPosition)} does not exist`);
      }
    });
  }

  // ------------------------------------------------------------------ categories

  expandRow(pbInstanceKey: Uint8Array, ulRowCount: number, ulFlags = 0): Promise<ExpandRowResult> {
    return this.invoke('expandRow', [pbInstanceKey, ulRowCount, ulFlags], () => {
      checkFlags('expandRow', ulFlags, 0);
      if (!(pbInstanceKey instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'expandRow: pbInstanceKey must be a Uint8Array');
      if (typeof ulRowCount !== 'number' || !Number.isInteger(ulRowCount) || ulRowCount < 0) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'expandRow: ulRowCount must be a non-negative integer');
      if (!this.caps.categorize) throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.expandRow: this table has no categories`);
      this.ensureReady();
      const node = this.view.byInstanceKey(pbInstanceKey);
      if (!node || node.kind !== 'category') throw new MapiError(MAPI_E_NOT_FOUND, 'expandRow: no category heading has this instance key');
      const added = this.view.expand(node);
      const at = this.view.indexOf(node);
      const rows: SRowSet = [];
      if (at >= 0) {
        const n = Math.min(ulRowCount, added);
        for (let i = 1; i <= n; i++) rows.push(this.rowOf(this.view.nodeAt(at + i) as ViewNode));
        // imapitable-expandrow.md: the cursor goes after the last row returned, or after the heading when none is.
        this.view.anchors.setCursor(at + 1 + rows.length);
      }
      return { rows, ulMoreRows: added };
    });
  }

  collapseRow(pbInstanceKey: Uint8Array, ulFlags = 0): Promise<number> {
    return this.invoke('collapseRow', [pbInstanceKey, ulFlags], () => {
      checkFlags('collapseRow', ulFlags, 0);
      if (!(pbInstanceKey instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'collapseRow: pbInstanceKey must be a Uint8Array');
      if (!this.caps.categorize) throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.collapseRow: this table has no categories`);
      this.ensureReady();
      const node = this.view.byInstanceKey(pbInstanceKey);
      if (!node || node.kind !== 'category') throw new MapiError(MAPI_E_NOT_FOUND, 'collapseRow: no category heading has this instance key');
      return this.view.collapse(node);
    });
  }

  getCollapseState(ulFlags: number, pbInstanceKey: Uint8Array): Promise<Uint8Array> {
    return this.invoke('getCollapseState', [ulFlags, pbInstanceKey], () => {
      checkFlags('getCollapseState', ulFlags, 0);
      if (!(pbInstanceKey instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'getCollapseState: pbInstanceKey cannot be null');
      if (!this.caps.categorize) throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.getCollapseState: this table has no categories`);
      this.ensureReady();
      return encodeCollapseState(this.view, this.restriction, this.view.byInstanceKey(pbInstanceKey));
    });
  }

  setCollapseState(ulFlags: number, pbCollapseState: Uint8Array): Promise<SetCollapseStateResult> {
    return this.invoke('setCollapseState', [ulFlags, pbCollapseState], () => {
      checkFlags('setCollapseState', ulFlags, 0);
      if (!(pbCollapseState instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'setCollapseState: pbCollapseState must be a Uint8Array');
      if (!this.caps.categorize) throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.setCollapseState: this table has no categories`);
      this.ensureReady();
      const anchorNode = decodeCollapseState(this.view, this.restriction, pbCollapseState);
      const saved = this.view.anchors.cursor;
      this.view.anchors.cursor = anchorNode ? { kind: 'node', node: anchorNode, moved: false } : { kind: 'end', node: null, moved: false };
      const bk = this.view.anchors.create();
      this.view.anchors.cursor = saved;
      if (bk === undefined) throw new MapiError(MAPI_E_UNABLE_TO_COMPLETE, 'setCollapseState: too many bookmarks to return the location');
      return { bkLocation: bk };
    });
  }
}

