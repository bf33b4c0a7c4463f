/** IProfAdmin, IMsgServiceAdmin(2), IProviderAdmin and IMAPIStatus in the fake. */
import type { Pointer } from '../../../../src/providers/windows/abi/memory.js';
import { readPropArray } from '../../../../src/providers/windows/abi/propValue.js';
import { S_OK } from '../../../../src/core/generated/scodes.js';
import type { FakeObj } from '../FakeMapi.js';
import { isUnicode, ptrArg, u32 } from '../nativeArgs.js';
import { type FakeImpl, type FakeImpls, getLastError, objectArg, outObject, unknownImpls } from './common.js';
import { tableOut } from './container.js';
import { propImpls } from './prop.js';

const str = (o: FakeObj, p: unknown, flags: unknown) => o.fake.args.str(p, isUnicode(flags));

function profSect(o: FakeObj, _t: Pointer, pUid: unknown, piid: unknown, flags: unknown, pp: unknown): number {
  o.fake.args.outPtr(pp, null);
  outObject(o, pp, o.call('openProfileSection', [o.fake.args.uid(pUid), o.fake.args.guid(piid), u32(flags)]));
  return S_OK;
}

/** IProfAdmin's slots. */
export const profAdminImpls: FakeImpls = {
  ...unknownImpls,
  GetLastError: getLastError,
  GetProfileTable: tableOut('getProfileTable'),
  CreateProfile: ((o: FakeObj, _t: Pointer, pName: unknown, pPwd: unknown, _ui: unknown, flags: unknown) =>
    (o.call('createProfile', [str(o, pName, flags), str(o, pPwd, flags), u32(flags)]), S_OK)) as FakeImpl,
  DeleteProfile: ((o: FakeObj, _t: Pointer, pName: unknown, flags: unknown) => (o.call('deleteProfile', [str(o, pName, flags), u32(flags)]), S_OK)) as FakeImpl,
  ChangeProfilePassword: ((o: FakeObj, _t: Pointer, pName: unknown, pOld: unknown, pNew: unknown, flags: unknown) =>
    (o.call('changeProfilePassword', [str(o, pName, flags), str(o, pOld, flags), str(o, pNew, flags), u32(flags)]), S_OK)) as FakeImpl,
  CopyProfile: ((o: FakeObj, _t: Pointer, pOld: unknown, pPwd: unknown, pNew: unknown, _ui: unknown, flags: unknown) =>
    (o.call('copyProfile', [str(o, pOld, flags), str(o, pPwd, flags), str(o, pNew, flags), u32(flags)]), S_OK)) as FakeImpl,
  RenameProfile: ((o: FakeObj, _t: Pointer, pOld: unknown, pPwd: unknown, pNew: unknown, _ui: unknown, flags: unknown) =>
    (o.call('renameProfile', [str(o, pOld, flags), str(o, pPwd, flags), str(o, pNew, flags), u32(flags)]), S_OK)) as FakeImpl,
  SetDefaultProfile: ((o: FakeObj, _t: Pointer, pName: unknown, flags: unknown) => (o.call('setDefaultProfile', [str(o, pName, flags), u32(flags)]), S_OK)) as FakeImpl,
  AdminServices: ((o: FakeObj, _t: Pointer, pName: unknown, pPwd: unknown, _ui: unknown, flags: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    outObject(o, pp, o.call('adminServices', [str(o, pName, flags), str(o, pPwd, flags), u32(flags)]));
    return S_OK;
  }) as FakeImpl,
};

/** IMsgServiceAdmin2's slots (IMsgServiceAdmin's plus CreateMsgServiceEx). */
export const serviceAdminImpls: FakeImpls = {
  ...unknownImpls,
  GetLastError: getLastError,
  GetMsgServiceTable: tableOut('getMsgServiceTable'),
  CreateMsgService: ((o: FakeObj, _t: Pointer, pSvc: unknown, pDisp: unknown, _ui: unknown, flags: unknown) =>
    (o.call('createMsgService', [str(o, pSvc, flags), str(o, pDisp, flags), u32(flags)]), S_OK)) as FakeImpl,
  DeleteMsgService: ((o: FakeObj, _t: Pointer, pUid: unknown) => (o.call('deleteMsgService', [o.fake.args.uid(pUid)]), S_OK)) as FakeImpl,
  CopyMsgService: ((o: FakeObj, _t: Pointer, pUid: unknown, pDisp: unknown, piid1: unknown, piid2: unknown, dst: unknown, _ui: unknown, flags: unknown) => {
    const { args } = o.fake;
    o.call('copyMsgService', [args.uid(pUid), str(o, pDisp, 0), args.guid(piid1), args.guid(piid2), objectArg(o, dst, 'lpObjectDst'), u32(flags)]);
    return S_OK;
  }) as FakeImpl,
  RenameMsgService: ((o: FakeObj, _t: Pointer, pUid: unknown, flags: unknown, pName: unknown) =>
    (o.call('renameMsgService', [o.fake.args.uid(pUid), u32(flags), str(o, pName, 0)]), S_OK)) as FakeImpl,
  ConfigureMsgService: ((o: FakeObj, _t: Pointer, pUid: unknown, _ui: unknown, flags: unknown, c: unknown, pProps: unknown) => {
    const props = readPropArray(o.fake.mem, ptrArg(pProps), u32(c), o.fake.ctx.codePage);
    o.call('configureMsgService', [o.fake.args.uid(pUid), u32(flags), props]);
    return S_OK;
  }) as FakeImpl,
  OpenProfileSection: profSect as FakeImpl,
  MsgServiceTransportOrder: ((o: FakeObj, _t: Pointer, c: unknown, pUids: unknown, flags: unknown) => {
    const n = u32(c);
    const all = o.fake.args.bytes(n * 16, pUids) ?? new Uint8Array(0);
    o.call('msgServiceTransportOrder', [Array.from({ length: n }, (_, i) => all.slice(i * 16, i * 16 + 16)), u32(flags)]);
    return S_OK;
  }) as FakeImpl,
  AdminProviders: ((o: FakeObj, _t: Pointer, pUid: unknown, flags: unknown, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    outObject(o, pp, o.call('adminProviders', [o.fake.args.uid(pUid), u32(flags)]));
    return S_OK;
  }) as FakeImpl,
  SetPrimaryIdentity: ((o: FakeObj, _t: Pointer, pUid: unknown, flags: unknown) => (o.call('setPrimaryIdentity', [o.fake.args.uid(pUid), u32(flags)]), S_OK)) as FakeImpl,
  GetProviderTable: tableOut('getProviderTable'),
  CreateMsgServiceEx: ((o: FakeObj, _t: Pointer, pSvc: unknown, pDisp: unknown, _ui: unknown, flags: unknown, pUid: unknown) => {
    const uid = o.call<Uint8Array>('createMsgServiceEx', [str(o, pSvc, flags), str(o, pDisp, flags), u32(flags)]);
    const dst = ptrArg(pUid);
    if (dst !== null) o.fake.mem.writeBytes(dst, uid);
    return S_OK;
  }) as FakeImpl,
};

/** IProviderAdmin's slots. */
export const providerAdminImpls: FakeImpls = {
  ...unknownImpls,
  GetLastError: getLastError,
  GetProviderTable: tableOut('getProviderTable'),
  CreateProvider: ((o: FakeObj, _t: Pointer, pName: unknown, c: unknown, pProps: unknown, _ui: unknown, flags: unknown, pUid: unknown) => {
    const props = readPropArray(o.fake.mem, ptrArg(pProps), u32(c), o.fake.ctx.codePage);
    const uid = o.call<Uint8Array>('createProvider', [str(o, pName, flags), props, u32(flags)]);
    const dst = ptrArg(pUid);
    if (dst !== null) o.fake.mem.writeBytes(dst, uid);
    return S_OK;
  }) as FakeImpl,
  DeleteProvider: ((o: FakeObj, _t: Pointer, pUid: unknown) => (o.call('deleteProvider', [o.fake.args.uid(pUid)]), S_OK)) as FakeImpl,
  OpenProfileSection: profSect as FakeImpl,
};

/** IMAPIStatus's slots. */
export const statusImpls: FakeImpls = {
  ...propImpls,
  ValidateState: ((o: FakeObj, _t: Pointer, _ui: unknown, flags: unknown) => (o.call('validateState', [u32(flags)]), S_OK)) as FakeImpl,
  SettingsDialog: ((o: FakeObj, _t: Pointer, _ui: unknown, flags: unknown) => (o.call('settingsDialog', [u32(flags)]), S_OK)) as FakeImpl,
  ChangePassword: ((o: FakeObj, _t: Pointer, pOld: unknown, pNew: unknown, flags: unknown) =>
    (o.call('changePassword', [str(o, pOld, flags), str(o, pNew, flags), u32(flags)]), S_OK)) as FakeImpl,
  FlushQueues: ((o: FakeObj, _t: Pointer, _ui: unknown, cb: unknown, p: unknown, flags: unknown) => (o.call('flushQueues', [o.fake.args.bytes(cb, p), u32(flags)]), S_OK)) as FakeImpl,
};
