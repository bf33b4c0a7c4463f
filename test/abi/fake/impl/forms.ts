/**
 * IMAPIFormMgr in the fake (MAPI-ABI-x64.md §3.1): the slots the backend calls, over the
 * emulator's form manager. IMAPIFormInfo is exposed with IMAPIProp's slots (propImpls) and
 * IMAPIFormContainer with IUnknown's: the spec has no layout for their own methods.
 */
import type { Pointer } from '../../../../src/providers/windows/abi/memory.js';
import type { SMAPIFormInfoArray } from '../../../../src/core/forms/types.js';
import { MapiError } from '../../../../src/core/errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER, S_FALSE, S_OK } from '../../../../src/core/generated/scodes.js';
import type { FakeObj } from '../FakeMapi.js';
import { ptrArg, u32 } from '../nativeArgs.js';
import { type FakeImpl, type FakeImpls, getLastError, label, objectArg, outObject, unknownImpls } from './common.js';

function optObject(o: FakeObj, p: unknown, what: string): FakeObj | null {
  return ptrArg(p) === null ? null : objectArg(o, p, what);
}

function ansiClass(o: FakeObj, p: unknown, what: string): string {
  const s = o.fake.args.str(p, false);
  if (s === null) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${o.iface}: ${what} is NULL`);
  return s;
}

/** An SMessageClassArray (cValues, then LPCSTR[cValues]), or null for NULL. */
function classArray(o: FakeObj, p: unknown): string[] | null {
  const ptr = ptrArg(p);
  if (ptr === null) return null;
  const n = o.fake.mem.u32(ptr, 0);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(ansiClass(o, o.fake.mem.ptr(ptr, 8 + i * 8), `aMessageClass[${i}]`));
  return out;
}

/** IMAPIFormMgr's slots (with IUnknown's). */
export const formMgrImpls: FakeImpls = {
  ...unknownImpls,
  GetLastError: getLastError,
  ResolveMessageClass: ((o: FakeObj, _t: Pointer, pClass: unknown, flags: unknown, pFolder: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    const info = o.call('resolveMessageClass', [ansiClass(o, pClass, 'szMsgClass'), u32(flags), optObject(o, pFolder, 'pFolderFocus')]);
    outObject(o, pp, info);
    return S_OK;
  }) as FakeImpl,
  ResolveMultipleMessageClasses: ((o: FakeObj, _t: Pointer, pClasses: unknown, flags: unknown, pFolder: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    const list = o.call<SMAPIFormInfoArray>('resolveMultipleMessageClasses', [classArray(o, pClasses), u32(flags), optObject(o, pFolder, 'pFolderFocus')]);
    // The array is one MAPIAllocateBuffer block; each form information object in it carries one reference for the caller.
    const ptrs = list.map((ref) => (ref === null ? null : o.fake.objectFor(ref).ptr));
    label(o, 'ResolveMultipleMessageClasses');
    const arr = o.fake.tracker.allocateBuffer(8 + Math.max(1, ptrs.length) * 8);
    o.fake.mem.writeU32(arr, 0, ptrs.length);
    ptrs.forEach((q, i) => o.fake.mem.writePtr(arr, 8 + i * 8, q));
    o.fake.args.outPtr(pp, arr);
    return S_OK;
  }) as FakeImpl,
  OpenFormContainer: ((o: FakeObj, _t: Pointer, hfrmreg: unknown, pUnk: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    outObject(o, pp, o.call('openFormContainer', [u32(hfrmreg), optObject(o, pUnk, 'lpunk')]));
    return S_OK;
  }) as FakeImpl,
  PrepareForm: ((o: FakeObj, _t: Pointer, ui: unknown, flags: unknown, pInfo: unknown) => {
    o.call('prepareForm', [Number(ui), u32(flags), optObject(o, pInfo, 'pfrminfo')]);
    return S_OK;
  }) as FakeImpl,
  IsInConflict: ((o: FakeObj, _t: Pointer, msgFlags: unknown, status: unknown, pClass: unknown, pFolder: unknown) => {
    const r = o.call<boolean>('isInConflict', [u32(msgFlags), u32(status), ansiClass(o, pClass, 'szMessageClass'), optObject(o, pFolder, 'pFolderFocus')]);
    return r ? S_OK : S_FALSE;
  }) as FakeImpl,
};
