/**
 * IMAPITable over a native table (MAPI-ABI-x64.md §3.1 IMAPITable). Row sets are read and
 * freed with FreeProws; column sets, sort orders and collapse states with MAPIFreeBuffer.
 * @see imapitableiunknown.md
 */
import type { GUID } from '../../../core/props/guid.js';
import type { MAPIERROR, SPropTagArray, SRowSet } from '../../../core/props/types.js';
import type { SRestriction } from '../../../core/restriction/types.js';
import type { SSortOrderSet } from '../../../core/table/types.js';
import type { AdviseSinkLike } from '../../../core/notify/types.js';
import type {
  BOOKMARK, ExpandRowResult, FindRowResult, IMAPITable, SeekRowResult, SetCollapseStateResult, TablePosition, TableStatus,
} from '../../../core/table/interfaces.js';
import { IID_IMAPITable, IID_IUnknown } from '../../../core/generated/guids.js';
import { MAPI_W_POSITION_CHANGED } from '../../../core/generated/scodes.js';
import type { Pointer } from '../abi/memory.js';
import { readRowSet } from '../abi/rows.js';
import { readSortOrderSet, readTagArray } from '../abi/arrays.js';
import { readMapiError } from '../abi/misc.js';
import { IMAPITable_VTBL } from '../com/vtables.js';
import type { WinRuntime } from './WinRuntime.js';
import { WinUnknown, u32, unicode } from './WinUnknown.js';

const bk = (b: BOOKMARK): bigint => BigInt.asUintN(64, BigInt(Math.trunc(b)));

/** IMAPITable. */
export class WinTable extends WinUnknown implements IMAPITable {
  readonly interfaceName = 'IMAPITable';

  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IMAPITable_VTBL);
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPITable];
  }

  protected rewrap(ptr: Pointer): WinUnknown {
    return new WinTable(this.rt, ptr);
  }

  /** Reads a row set and frees it with FreeProws. */
  private rows(p: Pointer | null): SRowSet {
    if (p === null) return [];
    try {
      return readRowSet(this.rt.mem, p, this.rt.codePage);
    } finally {
      this.rt.lib.FreeProws(p);
    }
  }

  /** @see imapitable-getlasterror.md */
  getLastError(hResult: number, ulFlags = 0): Promise<MAPIERROR | null> {
    return this.run('getLastError', () => {
      const { out } = this.hrOut('GetLastError', 1, (c) => [hResult | 0, unicode(ulFlags), c(0)]);
      const p = out.ptr(0);
      if (p === null) return null;
      try {
        return readMapiError(this.rt.mem, p, true, this.rt.codePage);
      } finally {
        this.rt.alloc.freeBuffer(p);
      }
    });
  }

  /** @see imapitable-advise.md */
  advise(ulEventMask: number, lpAdviseSink: AdviseSinkLike): Promise<number> {
    return this.run('advise', () => {
      const sink = this.rt.sinks.create(lpAdviseSink);
      try {
        const { out } = this.hrOut('Advise', 1, (c) => [u32(ulEventMask), sink, c(0)]);
        return Number(out.u64(0));
      } finally {
        // MAPI holds its own reference from Advise to Unadvise (§6.1).
        this.rt.sinks.release(sink);
      }
    });
  }

  /** @see imapitable-unadvise.md */
  unadvise(ulConnection: number): Promise<void> {
    return this.run('unadvise', () => {
      this.hr('Unadvise', BigInt(Math.trunc(ulConnection)));
    });
  }

  /** @see imapitable-getstatus.md */
  getStatus(): Promise<TableStatus> {
    return this.run('getStatus', () => {
      const { out } = this.hrOut('GetStatus', 2, (c) => [c(0), c(1)]);
      return { ulTableStatus: out.u32(0), ulTableType: out.u32(1) };
    });
  }

  /** @see imapitable-setcolumns.md */
  setColumns(lpPropTagArray: SPropTagArray, ulFlags = 0): Promise<void> {
    return this.run('setColumns', () => {
      const a = this.args();
      const t = a.tags(lpPropTagArray);
      try {
        this.hr('SetColumns', a.p(t), u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see imapitable-querycolumns.md */
  queryColumns(ulFlags = 0): Promise<SPropTagArray> {
    return this.run('queryColumns', () => {
      const { out } = this.hrOut('QueryColumns', 1, (c) => [u32(ulFlags), c(0)]);
      const p = out.ptr(0);
      try {
        return p === null ? [] : readTagArray(this.rt.mem, p);
      } finally {
        this.rt.alloc.freeBuffer(p);
      }
    });
  }

  /** @see imapitable-getrowcount.md */
  getRowCount(ulFlags = 0): Promise<number> {
    return this.run('getRowCount', () => this.hrOut('GetRowCount', 1, (c) => [u32(ulFlags), c(0)]).out.u32(0));
  }

  /** @see imapitable-seekrow.md */
  seekRow(bkOrigin: BOOKMARK, lRowCount: number): Promise<SeekRowResult> {
    return this.run('seekRow', () => {
      const { hr, out } = this.hrOut('SeekRow', 1, (c) => [bk(bkOrigin), lRowCount | 0, c(0)]);
      const r: SeekRowResult = { lRowsSought: out.i32(0) };
      if (hr === MAPI_W_POSITION_CHANGED) r.warning = hr;
      return r;
    });
  }

  /** @see imapitable-seekrowapprox.md */
  seekRowApprox(ulNumerator: number, ulDenominator: number): Promise<void> {
    return this.run('seekRowApprox', () => {
      this.hr('SeekRowApprox', u32(ulNumerator), u32(ulDenominator));
    });
  }

  /** @see imapitable-queryposition.md */
  queryPosition(): Promise<TablePosition> {
    return this.run('queryPosition', () => {
      const { out } = this.hrOut('QueryPosition', 3, (c) => [c(0), c(1), c(2)]);
      return { ulRow: out.u32(0), ulNumerator: out.u32(1), ulDenominator: out.u32(2) };
    });
  }

  /** @see imapitable-findrow.md */
  findRow(lpRestriction: SRestriction, bkOrigin: BOOKMARK, ulFlags = 0): Promise<FindRowResult> {
    return this.run('findRow', () => {
      const a = this.args();
      const r = a.restriction(lpRestriction);
      try {
        const hr = this.hr('FindRow', a.p(r), bk(bkOrigin), u32(ulFlags));
        return hr === MAPI_W_POSITION_CHANGED ? { warning: hr } : {};
      } finally {
        a.free();
      }
    });
  }

  /** @see imapitable-restrict.md */
  restrict(lpRestriction: SRestriction | null, ulFlags = 0): Promise<void> {
    return this.run('restrict', () => {
      const a = this.args();
      const r = a.restriction(lpRestriction);
      try {
        this.hr('Restrict', a.p(r), u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see imapitable-createbookmark.md */
  createBookmark(): Promise<BOOKMARK> {
    return this.run('createBookmark', () => Number(this.hrOut('CreateBookmark', 1, (c) => [c(0)]).out.u64(0)));
  }

  /** @see imapitable-freebookmark.md */
  freeBookmark(bkPosition: BOOKMARK): Promise<void> {
    return this.run('freeBookmark', () => {
      this.hr('FreeBookmark', bk(bkPosition));
    });
  }

  /** @see imapitable-sorttable.md */
  sortTable(lpSortCriteria: SSortOrderSet, ulFlags = 0): Promise<void> {
    return this.run('sortTable', () => {
      const a = this.args();
      const s = a.sortOrder(lpSortCriteria);
      try {
        this.hr('SortTable', a.p(s), u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see imapitable-querysortorder.md */
  querySortOrder(): Promise<SSortOrderSet> {
    return this.run('querySortOrder', () => {
      const { out } = this.hrOut('QuerySortOrder', 1, (c) => [c(0)]);
      const p = out.ptr(0);
      try {
        return p === null ? { aSort: [], cCategories: 0, cExpanded: 0 } : readSortOrderSet(this.rt.mem, p);
      } finally {
        this.rt.alloc.freeBuffer(p);
      }
    });
  }

  /** @see imapitable-queryrows.md */
  queryRows(lRowCount: number, ulFlags = 0): Promise<SRowSet> {
    return this.run('queryRows', () => this.rows(this.hrOut('QueryRows', 1, (c) => [lRowCount | 0, u32(ulFlags), c(0)]).out.ptr(0)));
  }

  /** @see imapitable-abort.md */
  abort(): Promise<void> {
    return this.run('abort', () => {
      this.hr('Abort');
    });
  }

  /** @see imapitable-expandrow.md */
  expandRow(pbInstanceKey: Uint8Array, ulRowCount: number, ulFlags = 0): Promise<ExpandRowResult> {
    return this.run('expandRow', () => {
      const a = this.args();
      const key = a.bytes(pbInstanceKey);
      try {
        const { out } = this.hrOut('ExpandRow', 2, (c) => [pbInstanceKey?.length ?? 0, a.p(key), u32(ulRowCount), u32(ulFlags), c(0), c(1)]);
        return { rows: this.rows(out.ptr(0)), ulMoreRows: out.u32(1) };
      } finally {
        a.free();
      }
    });
  }

  /** @see imapitable-collapserow.md */
  collapseRow(pbInstanceKey: Uint8Array, ulFlags = 0): Promise<number> {
    return this.run('collapseRow', () => {
      const a = this.args();
      const key = a.bytes(pbInstanceKey);
      try {
        return this.hrOut('CollapseRow', 1, (c) => [pbInstanceKey?.length ?? 0, a.p(key), u32(ulFlags), c(0)]).out.u32(0);
      } finally {
        a.free();
      }
    });
  }

  /** @see imapitable-waitforcompletion.md */
  waitForCompletion(ulFlags: number, ulTimeout: number): Promise<number> {
    return this.run('waitForCompletion', () => this.hrOut('WaitForCompletion', 1, (c) => [u32(ulFlags), u32(ulTimeout), c(0)]).out.u32(0));
  }

  /** @see imapitable-getcollapsestate.md */
  getCollapseState(ulFlags: number, pbInstanceKey: Uint8Array): Promise<Uint8Array> {
    return this.run('getCollapseState', () => {
      const a = this.args();
      const key = a.bytes(pbInstanceKey);
      try {
        const { out } = this.hrOut('GetCollapseState', 2, (c) => [u32(ulFlags), pbInstanceKey?.length ?? 0, a.p(key), c(0), c(1)]);
        const p = out.ptr(1);
        try {
          return p === null ? new Uint8Array(0) : this.rt.mem.readBytes(p, out.u32(0));
        } finally {
          this.rt.alloc.freeBuffer(p);
        }
      } finally {
        a.free();
      }
    });
  }

  /** @see imapitable-setcollapsestate.md */
  setCollapseState(ulFlags: number, pbCollapseState: Uint8Array): Promise<SetCollapseStateResult> {
    return this.run('setCollapseState', () => {
      const a = this.args();
      const st = a.bytes(pbCollapseState);
      try {
        const { out } = this.hrOut('SetCollapseState', 1, (c) => [u32(ulFlags), pbCollapseState?.length ?? 0, a.p(st), c(0)]);
        return { bkLocation: Number(out.u64(0)) };
      } finally {
        a.free();
      }
    });
  }
}
