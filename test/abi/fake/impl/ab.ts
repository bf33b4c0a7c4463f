/**
 * IAddrBook, IABContainer, IDistList and IMailUser in the fake. In/out address lists follow
 * MAPI's rule for providers: every entry whose properties change gets a new property block
 * (MAPIAllocateBuffer) and its old block is freed (resolvename, resolvenames pages), so the
 * tracker sees a backend that frees the old rows instead of FreePadrlist, or that leaks the
 * new ones.
 */
import type { Pointer } from '../../../../src/providers/windows/abi/memory.js';
import { encodePropArray } from '../../../../src/providers/windows/abi/propValue.js';
import { encodeBytes, readFlagList, readTagArray } from '../../../../src/providers/windows/abi/arrays.js';
import { readRowSet, encodeRowSet } from '../../../../src/providers/windows/abi/rows.js';
import { FlagList, SRow, SRowSet } from '../../../../src/providers/windows/abi/layout.js';
import { MapiError } from '../../../../src/core/errors/MapiError.js';
import type { ADRLIST, SPropValue, SRowSet as JsRowSet } from '../../../../src/core/props/types.js';
import type { PartialResult } from '../../../../src/core/store/interfaces.js';
import { valuesEqual } from '../../../../src/core/props/values.js';
import { MAPI_E_INVALID_PARAMETER, S_OK } from '../../../../src/core/generated/scodes.js';
import type { FakeObj } from '../FakeMapi.js';
import { isUnicode, ptrArg, u32 } from '../nativeArgs.js';
import { type FakeImpl, type FakeImpls, label, outObject } from './common.js';
import { containerImpls, entryListArg, openEntry, tableOut } from './container.js';
import { propImpls } from './prop.js';
import { adviseWithEntry, compareEntryIDs, unadviseImpl } from './store.js';

function samePropArray(a: readonly SPropValue[], b: readonly SPropValue[]): boolean {
  return a.length === b.length && a.every((p, i) => p.ulPropTag === b[i]?.ulPropTag && valuesEqual(p.Value, b[i]?.Value));
}

/**
 * Runs an emulator method on the ADRLIST at `p` (argument `index` of `args`), writes the
 * entries the emulator changed back as new blocks (freeing the old ones), then answers the
 * call's result or failure.
 */
function inOutAdrList<T>(o: FakeObj, method: string, p: unknown, args: unknown[], index: number): T {
  const ptr = ptrArg(p);
  if (ptr === null) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${o.iface}.${method}: lpAdrList is NULL`);
  const before: ADRLIST = readRowSet(o.fake.mem, ptr, o.fake.ctx.codePage).map((r) => ({ rgPropVals: r.lpProps }));
  args[index] = before;
  const r = o.callInOut<T>(method, args, index);
  const after = r.after as ADRLIST;
  label(o, method);
  after.forEach((entry, i) => {
    const old = before[i];
    if (!old || samePropArray(old.rgPropVals, entry.rgPropVals)) return;
    const row = ptr + BigInt(SRowSet.aRow + i * SRowSet.stride);
    o.fake.tracker.freeBuffer(o.fake.mem.ptr(row, SRow.lpProps));
    o.fake.mem.writePtr(row, SRow.lpProps, encodePropArray(o.fake.ctx, entry.rgPropVals));
    o.fake.mem.writeU32(row, SRow.cValues, entry.rgPropVals.length);
  });
  if (r.error) throw r.error;
  return r.value as T;
}

function entryIdOut(o: FakeObj, method: string, pcb: unknown, pp: unknown): number {
  const v = o.call<Uint8Array | null>(method, []);
  label(o, method);
  o.fake.args.outU32(pcb, v ? v.length : 0);
  o.fake.args.outPtr(pp, v ? encodeBytes(o.fake.ctx, v) : null);
  return S_OK;
}

/** IAddrBook's slots. */
export const addrBookImpls: FakeImpls = {
  ...propImpls,
  OpenEntry: openEntry,
  CompareEntryIDs: compareEntryIDs,
  Advise: adviseWithEntry,
  Unadvise: unadviseImpl,
  CreateOneOff: ((o: FakeObj, _t: Pointer, pName: unknown, pType: unknown, pAddr: unknown, flags: unknown, pcb: unknown, pp: unknown) => {
    const { args } = o.fake;
    const w = isUnicode(flags);
    const v = o.call<Uint8Array>('createOneOff', [args.str(pName, w), args.str(pType, w), args.str(pAddr, w), u32(flags)]);
    label(o, 'CreateOneOff');
    args.outU32(pcb, v.length);
    args.outPtr(pp, encodeBytes(o.fake.ctx, v));
    return S_OK;
  }) as FakeImpl,
  NewEntry: ((o: FakeObj) => (o.call('newEntry', []), S_OK)) as FakeImpl,
  ResolveName: ((o: FakeObj, _t: Pointer, _ui: unknown, flags: unknown, pTitle: unknown, pList: unknown) => {
    inOutAdrList(o, 'resolveName', pList, [0, u32(flags), o.fake.args.str(pTitle, isUnicode(flags)), null], 3);
    return S_OK;
  }) as FakeImpl,
  Address: ((o: FakeObj) => (o.call('address', []), S_OK)) as FakeImpl,
  Details: ((o: FakeObj) => (o.call('details', []), S_OK)) as FakeImpl,
  RecipOptions: ((o: FakeObj) => (o.call('recipOptions', []), S_OK)) as FakeImpl,
  QueryDefaultRecipOpt: ((o: FakeObj, _t: Pointer, pType: unknown, flags: unknown, pc: unknown, pp: unknown) => {
    const v = o.call<SPropValue[]>('queryDefaultRecipOpt', [o.fake.args.str(pType, isUnicode(flags)), u32(flags)]);
    label(o, 'QueryDefaultRecipOpt');
    o.fake.args.outU32(pc, v.length);
    o.fake.args.outPtr(pp, encodePropArray(o.fake.ctx, v));
    return S_OK;
  }) as FakeImpl,
  GetPAB: ((o: FakeObj, _t: Pointer, pcb: unknown, pp: unknown) => entryIdOut(o, 'getPAB', pcb, pp)) as FakeImpl,
  SetPAB: ((o: FakeObj, _t: Pointer, cb: unknown, peid: unknown) => (o.call('setPAB', [o.fake.args.bytes(cb, peid)]), S_OK)) as FakeImpl,
  GetDefaultDir: ((o: FakeObj, _t: Pointer, pcb: unknown, pp: unknown) => entryIdOut(o, 'getDefaultDir', pcb, pp)) as FakeImpl,
  SetDefaultDir: ((o: FakeObj, _t: Pointer, cb: unknown, peid: unknown) => (o.call('setDefaultDir', [o.fake.args.bytes(cb, peid)]), S_OK)) as FakeImpl,
  GetSearchPath: ((o: FakeObj, _t: Pointer, flags: unknown, pp: unknown) => {
    const v = o.call<JsRowSet>('getSearchPath', [u32(flags)]);
    label(o, 'GetSearchPath');
    o.fake.args.outPtr(pp, encodeRowSet(o.fake.ctx, v.map((r) => r.lpProps)));
    return S_OK;
  }) as FakeImpl,
  SetSearchPath: ((o: FakeObj, _t: Pointer, flags: unknown, p: unknown) => {
    const ptr = ptrArg(p);
    const rows = ptr === null ? null : readRowSet(o.fake.mem, ptr, o.fake.ctx.codePage);
    o.call('setSearchPath', [u32(flags), rows]);
    return S_OK;
  }) as FakeImpl,
  PrepareRecips: ((o: FakeObj, _t: Pointer, flags: unknown, pTags: unknown, pList: unknown) => {
    const tags = ptrArg(pTags);
    inOutAdrList(o, 'prepareRecips', pList, [u32(flags), tags === null ? null : readTagArray(o.fake.mem, tags), null], 2);
    return S_OK;
  }) as FakeImpl,
};

/** IABContainer's (and IDistList's) slots. */
export const abContainerImpls: FakeImpls = {
  ...containerImpls,
  GetContentsTable: tableOut('getContentsTable'),
  GetHierarchyTable: tableOut('getHierarchyTable'),
  CreateEntry: ((o: FakeObj, _t: Pointer, cb: unknown, peid: unknown, flags: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    outObject(o, pp, o.call('createEntry', [o.fake.args.bytes(cb, peid), u32(flags)]));
    return S_OK;
  }) as FakeImpl,
  CopyEntries: ((o: FakeObj, _t: Pointer, pList: unknown, _ui: unknown, _prog: unknown, flags: unknown) => {
    const v = o.call<PartialResult>('copyEntries', [entryListArg(o, pList), 0, null, u32(flags)]);
    return v.warning ?? S_OK;
  }) as FakeImpl,
  DeleteEntries: ((o: FakeObj, _t: Pointer, pList: unknown, flags: unknown) => {
    const v = o.call<PartialResult>('deleteEntries', [entryListArg(o, pList), u32(flags)]);
    return v.warning ?? S_OK;
  }) as FakeImpl,
  ResolveNames: ((o: FakeObj, _t: Pointer, pTags: unknown, flags: unknown, pList: unknown, pFlags: unknown) => {
    const tags = ptrArg(pTags);
    const fl = ptrArg(pFlags);
    if (fl === null) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${o.iface}.ResolveNames: lpFlagList is NULL`);
    const before = readFlagList(o.fake.mem, fl);
    const out = inOutAdrList<number[]>(o, 'resolveNames', pList, [tags === null ? null : readTagArray(o.fake.mem, tags), u32(flags), null, before], 2);
    out.forEach((f, i) => o.fake.mem.writeU32(fl, FlagList.ulFlag + i * FlagList.stride, f));
    return S_OK;
  }) as FakeImpl,
};
