/** IStream in the fake. */
import type { Pointer } from '../../../../src/providers/windows/abi/memory.js';
import { statStgBytes } from '../../../../src/providers/windows/abi/misc.js';
import { utf16z } from '../../../../src/providers/windows/abi/memory.js';
import { STATSTG } from '../../../../src/providers/windows/abi/layout.js';
import type { STATSTG as JsStat } from '../../../../src/core/props/interfaces.js';
import { S_OK } from '../../../../src/core/generated/scodes.js';
import type { FakeObj } from '../FakeMapi.js';
import { ptrArg, u32, u64Arg } from '../nativeArgs.js';
import { type FakeImpl, type FakeImpls, objectArg, outObject, unknownImpls } from './common.js';

const n64 = (v: unknown): number => Number(BigInt.asIntN(64, u64Arg(v)));

/** IStream's slots. */
export const streamImpls: FakeImpls = {
  ...unknownImpls,
  Read: ((o: FakeObj, _t: Pointer, pv: unknown, cb: unknown, pRead: unknown) => {
    const bytes = o.call<Uint8Array>('read', [u32(cb)]);
    const dst = ptrArg(pv);
    if (dst !== null) o.fake.mem.writeBytes(dst, bytes);
    o.fake.args.outU32(pRead, bytes.length);
    return S_OK;
  }) as FakeImpl,
  Write: ((o: FakeObj, _t: Pointer, pv: unknown, cb: unknown, pWritten: unknown) => {
    const data = o.fake.args.bytes(cb, pv) ?? new Uint8Array(0);
    o.fake.args.outU32(pWritten, o.call<number>('write', [data]));
    return S_OK;
  }) as FakeImpl,
  Seek: ((o: FakeObj, _t: Pointer, move: unknown, origin: unknown, pNew: unknown) => {
    o.fake.args.outU64(pNew, o.call<number>('seek', [n64(move), u32(origin)]));
    return S_OK;
  }) as FakeImpl,
  SetSize: ((o: FakeObj, _t: Pointer, size: unknown) => (o.call('setSize', [n64(size)]), S_OK)) as FakeImpl,
  CopyTo: ((o: FakeObj, _t: Pointer, dest: unknown, cb: unknown, pRead: unknown, pWritten: unknown) => {
    const v = o.call<{ cbRead: number; cbWritten: number }>('copyTo', [objectArg(o, dest, 'pstm'), n64(cb)]);
    o.fake.args.outU64(pRead, v.cbRead);
    o.fake.args.outU64(pWritten, v.cbWritten);
    return S_OK;
  }) as FakeImpl,
  Commit: ((o: FakeObj, _t: Pointer, flags: unknown) => (o.call('commit', [u32(flags)]), S_OK)) as FakeImpl,
  Revert: ((o: FakeObj) => (o.call('revert', []), S_OK)) as FakeImpl,
  LockRegion: ((o: FakeObj, _t: Pointer, off: unknown, cb: unknown, type: unknown) => (o.call('lockRegion', [n64(off), n64(cb), u32(type)]), S_OK)) as FakeImpl,
  UnlockRegion: ((o: FakeObj, _t: Pointer, off: unknown, cb: unknown, type: unknown) => (o.call('unlockRegion', [n64(off), n64(cb), u32(type)]), S_OK)) as FakeImpl,
  Stat: ((o: FakeObj, _t: Pointer, pStat: unknown, flags: unknown) => {
    const v = o.call<JsStat>('stat', [u32(flags)]);
    const dst = ptrArg(pStat);
    if (dst === null) return S_OK;
    o.fake.mem.writeBytes(dst, statStgBytes(v));
    if (v.pwcsName !== null) {
      // CoTaskMemAlloc'd, for the caller's CoTaskMemFree.
      const name = utf16z(v.pwcsName);
      const p = o.fake.taskMem.allocateBuffer(name.length);
      o.fake.mem.writeBytes(p, name);
      o.fake.mem.writePtr(dst, STATSTG.pwcsName, p);
    }
    return S_OK;
  }) as FakeImpl,
  Clone: ((o: FakeObj, _t: Pointer, pp: unknown) => {
    o.fake.args.outPtr(pp, null);
    outObject(o, pp, o.call('clone', []));
    return S_OK;
  }) as FakeImpl,
};
