/** IMAPIContainer and IMAPIFolder in the fake. */
import type { Pointer } from '../../../../src/providers/windows/abi/memory.js';
import { encodeRestriction, readRestriction } from '../../../../src/providers/windows/abi/restriction.js';
import { encodeEntryList, readEntryList, readSortOrderSet } from '../../../../src/providers/windows/abi/arrays.js';
import type { SearchCriteria } from '../../../../src/core/store/interfaces.js';
import { S_OK } from '../../../../src/core/generated/scodes.js';
import { OBJ_TYPE_OF, type FakeObj } from '../FakeMapi.js';
import { isUnicode, ptrArg, u32 } from '../nativeArgs.js';
import { type FakeImpl, type FakeImpls, label, objectArg, outObject, warningOf } from './common.js';
import { propImpls } from './prop.js';

/** An SRestriction argument (null for NULL). */
export function restrictionArg(o: FakeObj, p: unknown) {
  const ptr = ptrArg(p);
  return ptr === null ? null : readRestriction(o.fake.mem, ptr, o.fake.ctx.codePage);
}
/** An ENTRYLIST argument (null for NULL). */
export function entryListArg(o: FakeObj, p: unknown) {
  const ptr = ptrArg(p);
  return ptr === null ? null : readEntryList(o.fake.mem, ptr);
}
/** An SSortOrderSet argument (null for NULL). */
export function sortArg(o: FakeObj, p: unknown) {
  const ptr = ptrArg(p);
  return ptr === null ? null : readSortOrderSet(o.fake.mem, ptr);
}

/** OpenEntry: the object and its type. */
export const openEntry: FakeImpl = ((o: FakeObj, _t: Pointer, cb: unknown, peid: unknown, piid: unknown, flags: unknown, pType: unknown, pp: unknown) => {
  const { args } = o.fake;
  args.outPtr(pp, null);
  const obj = outObject(o, pp, o.call('openEntry', [args.bytes(cb, peid), args.guid(piid), u32(flags)]));
  args.outU32(pType, OBJ_TYPE_OF[obj.iface] ?? 0);
  return S_OK;
}) as FakeImpl;

/** A method returning a table through its last parameter, after ulFlags. */
export function tableOut(method: string): FakeImpl {
  return ((o: FakeObj, _t: Pointer, flags: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    outObject(o, pp, o.call(method, [u32(flags)]));
    return S_OK;
  }) as FakeImpl;
}

/** IMAPIContainer's slots. */
export const containerImpls: FakeImpls = {
  ...propImpls,
  GetContentsTable: tableOut('getContentsTable'),
  GetHierarchyTable: tableOut('getHierarchyTable'),
  OpenEntry: openEntry,
  SetSearchCriteria: ((o: FakeObj, _t: Pointer, pRes: unknown, pList: unknown, flags: unknown) =>
    (o.call('setSearchCriteria', [restrictionArg(o, pRes), entryListArg(o, pList), u32(flags)]), S_OK)) as FakeImpl,
  GetSearchCriteria: ((o: FakeObj, _t: Pointer, flags: unknown, ppRes: unknown, ppList: unknown, pState: unknown) => {
    const v = o.call<SearchCriteria>('getSearchCriteria', [u32(flags)]);
    const { args, ctx } = o.fake;
    label(o, 'GetSearchCriteria');
    args.outPtr(ppRes, v.lpRestriction ? encodeRestriction(ctx, v.lpRestriction) : null);
    args.outPtr(ppList, encodeEntryList(ctx, v.lpContainerList ?? []));
    args.outU32(pState, v.ulSearchState);
    return S_OK;
  }) as FakeImpl,
};

/** IMAPIFolder's slots. */
export const folderImpls: FakeImpls = {
  ...containerImpls,
  CreateMessage: ((o: FakeObj, _t: Pointer, piid: unknown, flags: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    outObject(o, pp, o.call('createMessage', [o.fake.args.guid(piid), u32(flags)]));
    return S_OK;
  }) as FakeImpl,
  CopyMessages: ((o: FakeObj, _t: Pointer, pList: unknown, piid: unknown, dest: unknown, _ui: unknown, _prog: unknown, flags: unknown) =>
    warningOf(o.call('copyMessages', [entryListArg(o, pList), o.fake.args.guid(piid), objectArg(o, dest, 'lpDestFolder'), null, u32(flags)]))) as FakeImpl,
  DeleteMessages: ((o: FakeObj, _t: Pointer, pList: unknown, _ui: unknown, _prog: unknown, flags: unknown) =>
    warningOf(o.call('deleteMessages', [entryListArg(o, pList), null, u32(flags)]))) as FakeImpl,
  CreateFolder: ((o: FakeObj, _t: Pointer, type: unknown, pName: unknown, pComment: unknown, piid: unknown, flags: unknown, pp: unknown) => {
    const { args } = o.fake;
    const w = isUnicode(flags);
    args.outPtr(pp, null);
    outObject(o, pp, o.call('createFolder', [u32(type), args.str(pName, w), args.str(pComment, w), args.guid(piid), u32(flags)]));
    return S_OK;
  }) as FakeImpl,
  CopyFolder: ((o: FakeObj, _t: Pointer, cb: unknown, peid: unknown, piid: unknown, dest: unknown, pName: unknown, _ui: unknown, _prog: unknown, flags: unknown) => {
    const { args } = o.fake;
    return warningOf(
      o.call('copyFolder', [args.bytes(cb, peid), args.guid(piid), objectArg(o, dest, 'lpDestFolder'), args.str(pName, isUnicode(flags)), null, u32(flags)]),
    );
  }) as FakeImpl,
  DeleteFolder: ((o: FakeObj, _t: Pointer, cb: unknown, peid: unknown, _ui: unknown, _prog: unknown, flags: unknown) =>
    warningOf(o.call('deleteFolder', [o.fake.args.bytes(cb, peid), null, u32(flags)]))) as FakeImpl,
  SetReadFlags: ((o: FakeObj, _t: Pointer, pList: unknown, _ui: unknown, _prog: unknown, flags: unknown) =>
    warningOf(o.call('setReadFlags', [entryListArg(o, pList), null, u32(flags)]))) as FakeImpl,
  GetMessageStatus: ((o: FakeObj, _t: Pointer, cb: unknown, peid: unknown, flags: unknown, pStatus: unknown) => {
    o.fake.args.outU32(pStatus, o.call<number>('getMessageStatus', [o.fake.args.bytes(cb, peid), u32(flags)]));
    return S_OK;
  }) as FakeImpl,
  SetMessageStatus: ((o: FakeObj, _t: Pointer, cb: unknown, peid: unknown, st: unknown, mask: unknown, pOld: unknown) => {
    o.fake.args.outU32(pOld, o.call<number>('setMessageStatus', [o.fake.args.bytes(cb, peid), u32(st), u32(mask)]));
    return S_OK;
  }) as FakeImpl,
  SaveContentsSort: ((o: FakeObj, _t: Pointer, pSort: unknown, flags: unknown) => (o.call('saveContentsSort', [sortArg(o, pSort), u32(flags)]), S_OK)) as FakeImpl,
  EmptyFolder: ((o: FakeObj, _t: Pointer, _ui: unknown, _prog: unknown, flags: unknown) => warningOf(o.call('emptyFolder', [null, u32(flags)]))) as FakeImpl,
};
