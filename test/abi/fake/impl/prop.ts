/** IMAPIProp in the fake (slots 3–13). */
import type { Pointer } from '../../../../src/providers/windows/abi/memory.js';
import { encodePropArray, readPropArray } from '../../../../src/providers/windows/abi/propValue.js';
import { encodeProblemArray, encodeTagArray, readTagArray } from '../../../../src/providers/windows/abi/arrays.js';
import { encodeNameIdPointers, readNameIdPointers } from '../../../../src/providers/windows/abi/nameid.js';
import { PROP_TYPE } from '../../../../src/core/props/tags.js';
import type { MAPINAMEID, SPropProblemArray, SPropTagArray, SPropValue } from '../../../../src/core/props/types.js';
import type { NamesFromIDs } from '../../../../src/core/props/interfaces.js';
import { PT_ERROR } from '../../../../src/core/generated/proptypes.js';
import { MAPI_W_ERRORS_RETURNED, S_OK } from '../../../../src/core/generated/scodes.js';
import type { FakeObj } from '../FakeMapi.js';
import { ptrArg, u32 } from '../nativeArgs.js';
import { type FakeImpl, type FakeImpls, getLastError, label, objectArg, outObject, unknownImpls } from './common.js';

function tagsArg(o: FakeObj, p: unknown): SPropTagArray | null {
  const ptr = ptrArg(p);
  return ptr === null ? null : readTagArray(o.fake.mem, ptr);
}

/** Writes a problem array to an out parameter (NULL when there were none). */
export function outProblems(o: FakeObj, method: string, pp: unknown, problems: SPropProblemArray): number {
  label(o, method);
  o.fake.args.outPtr(pp, problems.length ? encodeProblemArray(o.fake.ctx, problems) : null);
  return S_OK;
}

/** IMAPIProp's own slots (with IUnknown's). */
export const propImpls: FakeImpls = {
  ...unknownImpls,
  GetLastError: getLastError,
  SaveChanges: ((o: FakeObj, _t: Pointer, flags: unknown) => (o.call('saveChanges', [u32(flags)]), S_OK)) as FakeImpl,
  GetProps: ((o: FakeObj, _t: Pointer, pTags: unknown, flags: unknown, pc: unknown, pp: unknown) => {
    const v = o.call<SPropValue[]>('getProps', [tagsArg(o, pTags), u32(flags)]);
    label(o, 'GetProps');
    o.fake.args.outU32(pc, v.length);
    o.fake.args.outPtr(pp, encodePropArray(o.fake.ctx, v));
    return v.some((p) => PROP_TYPE(p.ulPropTag) === PT_ERROR) ? MAPI_W_ERRORS_RETURNED : S_OK;
  }) as FakeImpl,
  GetPropList: ((o: FakeObj, _t: Pointer, flags: unknown, pp: unknown) => {
    const v = o.call<SPropTagArray>('getPropList', [u32(flags)]);
    label(o, 'GetPropList');
    o.fake.args.outPtr(pp, encodeTagArray(o.fake.ctx, v));
    return S_OK;
  }) as FakeImpl,
  OpenProperty: ((o: FakeObj, _t: Pointer, tag: unknown, piid: unknown, opts: unknown, flags: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    outObject(o, pp, o.call('openProperty', [u32(tag), o.fake.args.guid(piid), u32(opts), u32(flags)]));
    return S_OK;
  }) as FakeImpl,
  SetProps: ((o: FakeObj, _t: Pointer, c: unknown, p: unknown, pp: unknown) => {
    const props = readPropArray(o.fake.mem, ptrArg(p), u32(c), o.fake.ctx.codePage);
    return outProblems(o, 'SetProps', pp, o.call('setProps', [props]));
  }) as FakeImpl,
  DeleteProps: ((o: FakeObj, _t: Pointer, pTags: unknown, pp: unknown) => outProblems(o, 'DeleteProps', pp, o.call('deleteProps', [tagsArg(o, pTags)]))) as FakeImpl,
  CopyTo: ((o: FakeObj, _t: Pointer, ciid: unknown, rgiid: unknown, pEx: unknown, _ui: unknown, _prog: unknown, piid: unknown, dest: unknown, flags: unknown, pp: unknown) => {
    const { args } = o.fake;
    // Progress objects are not forwarded: the emulator's only uses them with MAPI_DIALOG (docs/windows.md).
    const problems = o.call<SPropProblemArray>('copyTo', [args.guids(ciid, rgiid), tagsArg(o, pEx), null, args.guid(piid), objectArg(o, dest, 'lpDestObj'), u32(flags)]);
    return outProblems(o, 'CopyTo', pp, problems);
  }) as FakeImpl,
  CopyProps: ((o: FakeObj, _t: Pointer, pInc: unknown, _ui: unknown, _prog: unknown, piid: unknown, dest: unknown, flags: unknown, pp: unknown) => {
    const problems = o.call<SPropProblemArray>('copyProps', [tagsArg(o, pInc), null, o.fake.args.guid(piid), objectArg(o, dest, 'lpDestObj'), u32(flags)]);
    return outProblems(o, 'CopyProps', pp, problems);
  }) as FakeImpl,
  GetNamesFromIDs: ((o: FakeObj, _t: Pointer, ppTags: unknown, pGuid: unknown, flags: unknown, pc: unknown, ppNames: unknown) => {
    const { args, mem, ctx } = o.fake;
    const cell = ptrArg(ppTags);
    const given = cell === null ? null : mem.ptr(cell, 0);
    const v = o.call<NamesFromIDs>('getNamesFromIDs', [given === null ? null : readTagArray(mem, given), args.guid(pGuid), u32(flags)]);
    label(o, 'GetNamesFromIDs');
    if (cell !== null && given === null) mem.writePtr(cell, 0, encodeTagArray(ctx, v.propTags));
    // imapiprop-getnamesfromids.md: the tags of identifiers without a name come back with type PT_ERROR, in the caller's array.
    if (given !== null) v.propTags.forEach((t, i) => mem.writeU32(given, 4 + i * 4, t));
    args.outU32(pc, v.names.length);
    args.outPtr(ppNames, encodeNameIdPointers(ctx, v.names));
    return v.names.some((n) => n === null) ? MAPI_W_ERRORS_RETURNED : S_OK;
  }) as FakeImpl,
  GetIDsFromNames: ((o: FakeObj, _t: Pointer, c: unknown, ppNames: unknown, flags: unknown, ppTags: unknown) => {
    const p = ptrArg(ppNames);
    const names = p === null ? null : (readNameIdPointers(o.fake.mem, p, u32(c)) as MAPINAMEID[]);
    const v = o.call<SPropTagArray>('getIDsFromNames', [names, u32(flags)]);
    label(o, 'GetIDsFromNames');
    o.fake.args.outPtr(ppTags, encodeTagArray(o.fake.ctx, v));
    return v.some((t) => PROP_TYPE(t) === PT_ERROR) ? MAPI_W_ERRORS_RETURNED : S_OK;
  }) as FakeImpl,
};
