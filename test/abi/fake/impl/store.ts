/** IMsgStore in the fake. */
import type { Pointer } from '../../../../src/providers/windows/abi/memory.js';
import { encodeBytes } from '../../../../src/providers/windows/abi/arrays.js';
import { ImageWriter } from '../../../../src/providers/windows/abi/writer.js';
import { readNotifications } from '../../../../src/providers/windows/abi/notification.js';
import type { ReceiveFolder } from '../../../../src/core/store/interfaces.js';
import { S_OK } from '../../../../src/core/generated/scodes.js';
import type { FakeObj } from '../FakeMapi.js';
import { isUnicode, ptrArg, u32, u64Arg } from '../nativeArgs.js';
import { type FakeImpl, type FakeImpls, advise, label, objectArg, unadvise } from './common.js';
import { openEntry, tableOut } from './container.js';
import { propImpls } from './prop.js';

/** CompareEntryIDs (store and session). */
export const compareEntryIDs: FakeImpl = ((o: FakeObj, _t: Pointer, cb1: unknown, p1: unknown, cb2: unknown, p2: unknown, flags: unknown, pResult: unknown) => {
  const { args } = o.fake;
  args.outU32(pResult, o.call<boolean>('compareEntryIDs', [args.bytes(cb1, p1), args.bytes(cb2, p2), u32(flags)]) ? 1 : 0);
  return S_OK;
}) as FakeImpl;

/** Advise with an entry ID (store and session). */
export const adviseWithEntry: FakeImpl = ((o: FakeObj, _t: Pointer, cb: unknown, peid: unknown, mask: unknown, sink: unknown, pConn: unknown) =>
  advise(o, sink, pConn, (ref) => o.call('advise', [o.fake.args.bytes(cb, peid), u32(mask), ref]))) as FakeImpl;

/** Unadvise. */
export const unadviseImpl: FakeImpl = ((o: FakeObj, _t: Pointer, conn: unknown) => unadvise(o, Number(u64Arg(conn)))) as FakeImpl;

/** IMsgStore's slots. */
export const storeImpls: FakeImpls = {
  ...propImpls,
  Advise: adviseWithEntry,
  Unadvise: unadviseImpl,
  CompareEntryIDs: compareEntryIDs,
  OpenEntry: openEntry,
  SetReceiveFolder: ((o: FakeObj, _t: Pointer, pCls: unknown, flags: unknown, cb: unknown, peid: unknown) => {
    const { args } = o.fake;
    o.call('setReceiveFolder', [args.str(pCls, isUnicode(flags)), u32(flags), args.bytes(cb, peid)]);
    return S_OK;
  }) as FakeImpl,
  GetReceiveFolder: ((o: FakeObj, _t: Pointer, pCls: unknown, flags: unknown, pcb: unknown, ppEid: unknown, ppCls: unknown) => {
    const { args, ctx } = o.fake;
    const unicode = isUnicode(flags);
    const v = o.call<ReceiveFolder>('getReceiveFolder', [args.str(pCls, unicode), u32(flags)]);
    label(o, 'GetReceiveFolder');
    args.outU32(pcb, v.lpEntryID.length);
    args.outPtr(ppEid, encodeBytes(ctx, v.lpEntryID));
    if (args.has(ppCls)) {
      const w = new ImageWriter(64);
      w.tstring(v.lpszExplicitClass, unicode, ctx.codePage);
      args.outPtr(ppCls, w.commit(ctx.mem, ctx.alloc));
    }
    return S_OK;
  }) as FakeImpl,
  GetReceiveFolderTable: tableOut('getReceiveFolderTable'),
  StoreLogoff: ((o: FakeObj, _t: Pointer, pFlags: unknown) => {
    o.fake.args.outU32(pFlags, o.call<number>('storeLogoff', [o.fake.args.readU32(pFlags)]));
    return S_OK;
  }) as FakeImpl,
  AbortSubmit: ((o: FakeObj, _t: Pointer, cb: unknown, peid: unknown, flags: unknown) => (o.call('abortSubmit', [o.fake.args.bytes(cb, peid), u32(flags)]), S_OK)) as FakeImpl,
  GetOutgoingQueue: tableOut('getOutgoingQueue'),
  SetLockState: ((o: FakeObj, _t: Pointer, msg: unknown, state: unknown) => (o.call('setLockState', [objectArg(o, msg, 'lpMessage'), u32(state)]), S_OK)) as FakeImpl,
  FinishedMsg: ((o: FakeObj, _t: Pointer, flags: unknown, cb: unknown, peid: unknown) => (o.call('finishedMsg', [u32(flags), o.fake.args.bytes(cb, peid)]), S_OK)) as FakeImpl,
  NotifyNewMail: ((o: FakeObj, _t: Pointer, p: unknown) => {
    const n = readNotifications(o.fake.mem, ptrArg(p), 1, o.fake.ctx.codePage)[0] ?? null;
    o.call('notifyNewMail', [n]);
    return S_OK;
  }) as FakeImpl,
};
