/** IMAPITable in the fake. */
import type { Pointer } from '../../../../src/providers/windows/abi/memory.js';
import { encodeRowSet } from '../../../../src/providers/windows/abi/rows.js';
import { encodeBytes, encodeSortOrderSet, encodeTagArray, readTagArray } from '../../../../src/providers/windows/abi/arrays.js';
import type { SPropTagArray, SRowSet } from '../../../../src/core/props/types.js';
import type { SSortOrderSet } from '../../../../src/core/table/types.js';
import type { ExpandRowResult, SeekRowResult, SetCollapseStateResult, TablePosition, TableStatus } from '../../../../src/core/table/interfaces.js';
import { S_OK } from '../../../../src/core/generated/scodes.js';
import type { FakeObj } from '../FakeMapi.js';
import { i32, ptrArg, u32, u64Arg } from '../nativeArgs.js';
import { type FakeImpl, type FakeImpls, advise, getLastError, label, unadvise, unknownImpls, warningOf } from './common.js';
import { restrictionArg, sortArg } from './container.js';

const bk = (v: unknown): number => Number(u64Arg(v));

function rowsOut(o: FakeObj, method: string, pp: unknown, rows: SRowSet): void {
  label(o, method);
  o.fake.args.outPtr(pp, encodeRowSet(o.fake.ctx, rows.map((r) => r.lpProps)));
}

/** IMAPITable's slots. */
export const tableImpls: FakeImpls = {
  ...unknownImpls,
  GetLastError: getLastError,
  Advise: ((o: FakeObj, _t: Pointer, mask: unknown, sink: unknown, pConn: unknown) => advise(o, sink, pConn, (ref) => o.call('advise', [u32(mask), ref]))) as FakeImpl,
  Unadvise: ((o: FakeObj, _t: Pointer, conn: unknown) => unadvise(o, Number(u64Arg(conn)))) as FakeImpl,
  GetStatus: ((o: FakeObj, _t: Pointer, pStatus: unknown, pType: unknown) => {
    const v = o.call<TableStatus>('getStatus', []);
    o.fake.args.outU32(pStatus, v.ulTableStatus);
    o.fake.args.outU32(pType, v.ulTableType);
    return S_OK;
  }) as FakeImpl,
  SetColumns: ((o: FakeObj, _t: Pointer, pTags: unknown, flags: unknown) => {
    const p = ptrArg(pTags);
    o.call('setColumns', [p === null ? null : readTagArray(o.fake.mem, p), u32(flags)]);
    return S_OK;
  }) as FakeImpl,
  QueryColumns: ((o: FakeObj, _t: Pointer, flags: unknown, pp: unknown) => {
    const v = o.call<SPropTagArray>('queryColumns', [u32(flags)]);
    label(o, 'QueryColumns');
    o.fake.args.outPtr(pp, encodeTagArray(o.fake.ctx, v));
    return S_OK;
  }) as FakeImpl,
  GetRowCount: ((o: FakeObj, _t: Pointer, flags: unknown, pCount: unknown) => (o.fake.args.outU32(pCount, o.call<number>('getRowCount', [u32(flags)])), S_OK)) as FakeImpl,
  SeekRow: ((o: FakeObj, _t: Pointer, origin: unknown, count: unknown, pSought: unknown) => {
    const v = o.call<SeekRowResult>('seekRow', [bk(origin), i32(count)]);
    o.fake.args.outI32(pSought, v.lRowsSought);
    return warningOf(v);
  }) as FakeImpl,
  SeekRowApprox: ((o: FakeObj, _t: Pointer, num: unknown, den: unknown) => (o.call('seekRowApprox', [u32(num), u32(den)]), S_OK)) as FakeImpl,
  QueryPosition: ((o: FakeObj, _t: Pointer, pRow: unknown, pNum: unknown, pDen: unknown) => {
    const v = o.call<TablePosition>('queryPosition', []);
    o.fake.args.outU32(pRow, v.ulRow);
    o.fake.args.outU32(pNum, v.ulNumerator);
    o.fake.args.outU32(pDen, v.ulDenominator);
    return S_OK;
  }) as FakeImpl,
  FindRow: ((o: FakeObj, _t: Pointer, pRes: unknown, origin: unknown, flags: unknown) => warningOf(o.call('findRow', [restrictionArg(o, pRes), bk(origin), u32(flags)]))) as FakeImpl,
  Restrict: ((o: FakeObj, _t: Pointer, pRes: unknown, flags: unknown) => (o.call('restrict', [restrictionArg(o, pRes), u32(flags)]), S_OK)) as FakeImpl,
  CreateBookmark: ((o: FakeObj, _t: Pointer, pBk: unknown) => (o.fake.args.outU64(pBk, o.call<number>('createBookmark', [])), S_OK)) as FakeImpl,
  FreeBookmark: ((o: FakeObj, _t: Pointer, b: unknown) => (o.call('freeBookmark', [bk(b)]), S_OK)) as FakeImpl,
  SortTable: ((o: FakeObj, _t: Pointer, pSort: unknown, flags: unknown) => (o.call('sortTable', [sortArg(o, pSort), u32(flags)]), S_OK)) as FakeImpl,
  QuerySortOrder: ((o: FakeObj, _t: Pointer, pp: unknown) => {
    const v = o.call<SSortOrderSet>('querySortOrder', []);
    label(o, 'QuerySortOrder');
    o.fake.args.outPtr(pp, encodeSortOrderSet(o.fake.ctx, v));
    return S_OK;
  }) as FakeImpl,
  QueryRows: ((o: FakeObj, _t: Pointer, count: unknown, flags: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    rowsOut(o, 'QueryRows', pp, o.call<SRowSet>('queryRows', [i32(count), u32(flags)]));
    return S_OK;
  }) as FakeImpl,
  Abort: ((o: FakeObj) => (o.call('abort', []), S_OK)) as FakeImpl,
  ExpandRow: ((o: FakeObj, _t: Pointer, cb: unknown, pKey: unknown, count: unknown, flags: unknown, ppRows: unknown, pMore: unknown) => {
    const v = o.call<ExpandRowResult>('expandRow', [o.fake.args.bytes(cb, pKey), u32(count), u32(flags)]);
    if (o.fake.args.has(ppRows)) rowsOut(o, 'ExpandRow', ppRows, v.rows);
    o.fake.args.outU32(pMore, v.ulMoreRows);
    return S_OK;
  }) as FakeImpl,
  CollapseRow: ((o: FakeObj, _t: Pointer, cb: unknown, pKey: unknown, flags: unknown, pCount: unknown) => {
    o.fake.args.outU32(pCount, o.call<number>('collapseRow', [o.fake.args.bytes(cb, pKey), u32(flags)]));
    return S_OK;
  }) as FakeImpl,
  WaitForCompletion: ((o: FakeObj, _t: Pointer, flags: unknown, timeout: unknown, pStatus: unknown) => {
    o.fake.args.outU32(pStatus, o.call<number>('waitForCompletion', [u32(flags), u32(timeout)]));
    return S_OK;
  }) as FakeImpl,
  GetCollapseState: ((o: FakeObj, _t: Pointer, flags: unknown, cb: unknown, pKey: unknown, pcb: unknown, pp: unknown) => {
    const v = o.call<Uint8Array>('getCollapseState', [u32(flags), o.fake.args.bytes(cb, pKey)]);
    label(o, 'GetCollapseState');
    o.fake.args.outU32(pcb, v.length);
    o.fake.args.outPtr(pp, encodeBytes(o.fake.ctx, v));
    return S_OK;
  }) as FakeImpl,
  SetCollapseState: ((o: FakeObj, _t: Pointer, flags: unknown, cb: unknown, p: unknown, pBk: unknown) => {
    const v = o.call<SetCollapseStateResult>('setCollapseState', [u32(flags), o.fake.args.bytes(cb, p)]);
    o.fake.args.outU64(pBk, v.bkLocation);
    return S_OK;
  }) as FakeImpl,
};
