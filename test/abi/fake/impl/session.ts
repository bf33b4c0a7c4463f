/** IMAPISession in the fake. */
import type { Pointer } from '../../../../src/providers/windows/abi/memory.js';
import { encodeBytes } from '../../../../src/providers/windows/abi/arrays.js';
import { encodePropArray } from '../../../../src/providers/windows/abi/propValue.js';
import { ImageWriter } from '../../../../src/providers/windows/abi/writer.js';
import type { SPropValue } from '../../../../src/core/props/types.js';
import type { QueryIdentityResult } from '../../../../src/core/session/interfaces.js';
import { S_OK } from '../../../../src/core/generated/scodes.js';
import type { FakeObj } from '../FakeMapi.js';
import { isUnicode, u32 } from '../nativeArgs.js';
import { type FakeImpl, type FakeImpls, getLastError, label, objectArg, outObject, unknownImpls, warningOf } from './common.js';
import { openEntry, tableOut } from './container.js';
import { adviseWithEntry, compareEntryIDs, unadviseImpl } from './store.js';

/** IMAPISession's slots. */
export const sessionImpls: FakeImpls = {
  ...unknownImpls,
  GetLastError: getLastError,
  GetMsgStoresTable: tableOut('getMsgStoresTable'),
  OpenMsgStore: ((o: FakeObj, _t: Pointer, _ui: unknown, cb: unknown, peid: unknown, piid: unknown, flags: unknown, pp: unknown) => {
    const { args } = o.fake;
    args.outPtr(pp, null);
    outObject(o, pp, o.call('openMsgStore', [args.bytes(cb, peid), args.guid(piid), u32(flags)]));
    return S_OK;
  }) as FakeImpl,
  OpenAddressBook: ((o: FakeObj, _t: Pointer, _ui: unknown, piid: unknown, flags: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    outObject(o, pp, o.call('openAddressBook', [o.fake.args.guid(piid), u32(flags)]));
    return S_OK;
  }) as FakeImpl,
  OpenProfileSection: ((o: FakeObj, _t: Pointer, pUid: unknown, piid: unknown, flags: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    outObject(o, pp, o.call('openProfileSection', [o.fake.args.uid(pUid), o.fake.args.guid(piid), u32(flags)]));
    return S_OK;
  }) as FakeImpl,
  GetStatusTable: tableOut('getStatusTable'),
  OpenEntry: openEntry,
  CompareEntryIDs: compareEntryIDs,
  Advise: adviseWithEntry,
  Unadvise: unadviseImpl,
  MessageOptions: ((o: FakeObj) => (o.call('messageOptions', []), S_OK)) as FakeImpl,
  QueryDefaultMessageOpt: ((o: FakeObj, _t: Pointer, pType: unknown, flags: unknown, pc: unknown, pp: unknown) => {
    const v = o.call<SPropValue[]>('queryDefaultMessageOpt', [o.fake.args.str(pType, isUnicode(flags)), u32(flags)]);
    label(o, 'QueryDefaultMessageOpt');
    o.fake.args.outU32(pc, v.length);
    o.fake.args.outPtr(pp, encodePropArray(o.fake.ctx, v));
    return S_OK;
  }) as FakeImpl,
  EnumAdrTypes: ((o: FakeObj, _t: Pointer, flags: unknown, pc: unknown, pp: unknown) => {
    const v = o.call<string[]>('enumAdrTypes', [u32(flags)]);
    const unicode = isUnicode(flags);
    const w = new ImageWriter();
    const at = w.reserve(Math.max(1, v.length) * 8, 8);
    v.forEach((s, i) => w.ptrTo(at + i * 8, w.tstring(s, unicode, o.fake.ctx.codePage)));
    label(o, 'EnumAdrTypes');
    o.fake.args.outU32(pc, v.length);
    o.fake.args.outPtr(pp, w.commit(o.fake.mem, o.fake.tracker));
    return S_OK;
  }) as FakeImpl,
  QueryIdentity: ((o: FakeObj, _t: Pointer, pcb: unknown, pp: unknown) => {
    const v = o.call<QueryIdentityResult>('queryIdentity', []);
    label(o, 'QueryIdentity');
    o.fake.args.outU32(pcb, v.lpEntryID.length);
    o.fake.args.outPtr(pp, encodeBytes(o.fake.ctx, v.lpEntryID));
    return warningOf(v);
  }) as FakeImpl,
  Logoff: ((o: FakeObj, _t: Pointer, _ui: unknown, flags: unknown) => (o.call('logoff', [u32(flags)]), S_OK)) as FakeImpl,
  SetDefaultStore: ((o: FakeObj, _t: Pointer, flags: unknown, cb: unknown, peid: unknown) => (o.call('setDefaultStore', [u32(flags), o.fake.args.bytes(cb, peid)]), S_OK)) as FakeImpl,
  AdminServices: tableOut('adminServices'),
  ShowForm: ((o: FakeObj) => (o.call('showForm', []), S_OK)) as FakeImpl,
  PrepareForm: ((o: FakeObj, _t: Pointer, _iid: unknown, msg: unknown, pToken: unknown) => {
    o.fake.args.outU64(pToken, o.call<number>('prepareForm', [null, msg === null ? null : objectArg(o, msg, 'lpMessage')]));
    return S_OK;
  }) as FakeImpl,
};
