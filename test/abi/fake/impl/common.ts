/** Helpers of the fake's method implementations. */
import type { Pointer } from '../../../../src/providers/windows/abi/memory.js';
import { encodeMapiError } from '../../../../src/providers/windows/abi/misc.js';
import { MapiError } from '../../../../src/core/errors/MapiError.js';
import type { MAPIERROR } from '../../../../src/core/props/types.js';
import { IID_IUnknown } from '../../../../src/core/generated/guids.js';
import { MAPI_E_INVALID_PARAMETER, S_OK } from '../../../../src/core/generated/scodes.js';
import { VTABLES } from '../../../../src/providers/windows/com/vtables.js';
import type { FakeObj } from '../FakeMapi.js';
import { isUnicode, ptrArg, u32 } from '../nativeArgs.js';

/** A method of the fake: the object, `this`, then the native arguments. */
export type FakeImpl = (o: FakeObj, thisPtr: Pointer, ...args: never[]) => number;
/** Implementations by slot name. */
export type FakeImpls = Record<string, FakeImpl>;

/** Labels the allocations the next encodes make (for leak reports). */
export function label(o: FakeObj, method: string): void {
  o.fake.tracker.label = `${o.iface}::${method}`;
}

/** The warning an emulator result carries, as an HRESULT (S_OK when none). */
export function warningOf(v: unknown): number {
  const w = v && typeof v === 'object' ? (v as { warning?: unknown }).warning : undefined;
  return typeof w === 'number' ? w : S_OK;
}

/** Writes a returned object to an out parameter (one reference for the caller). */
export function outObject(o: FakeObj, pp: unknown, ref: unknown): FakeObj {
  const obj = o.fake.objectFor(ref);
  o.fake.args.outPtr(pp, obj.ptr);
  return obj;
}

/** The fake object behind an object pointer argument, as a reference the host resolves. */
export function objectArg(o: FakeObj, p: unknown, what: string): FakeObj {
  const obj = o.fake.lookup(ptrArg(p));
  if (!obj) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${o.iface}: ${what} is not an object of this MAPI`);
  return obj;
}

/** IUnknown. */
export const unknownImpls: FakeImpls = {
  QueryInterface: ((o: FakeObj, _t: Pointer, riid: unknown, ppv: unknown) => {
    const { args } = o.fake;
    args.outPtr(ppv, null);
    const iid = args.guid(riid);
    if (iid === null) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'QueryInterface: riid is NULL');
    if (iid.equals(IID_IUnknown)) {
      o.refs++;
      args.outPtr(ppv, o.ptr);
      return S_OK;
    }
    outObject(o, ppv, o.call('queryInterface', [iid]));
    return S_OK;
  }) as FakeImpl,
  AddRef: ((o: FakeObj) => (o.dead ? (o.fake.objectProblems.push(`${o.iface} AddRef after release`), 0) : ++o.refs)) as FakeImpl,
  Release: ((o: FakeObj) => o.fake.releaseObject(o)) as FakeImpl,
};

/** GetLastError (slot 3 of most interfaces). */
export const getLastError: FakeImpl = ((o: FakeObj, _t: Pointer, hr: unknown, flags: unknown, pp: unknown) => {
  const e = o.call<MAPIERROR | null>('getLastError', [Number(hr) >>> 0, u32(flags)]);
  label(o, 'GetLastError');
  o.fake.args.outPtr(pp, e ? encodeMapiError(o.fake.ctx, e, isUnicode(flags)) : null);
  return S_OK;
}) as FakeImpl;

/** Advise through an object: the fake holds the sink (AddRef) until Unadvise. */
export function advise(o: FakeObj, sinkPtr: unknown, pConn: unknown, call: (sinkRef: { $sink: number }) => unknown): number {
  const ptr = ptrArg(sinkPtr);
  if (ptr === null) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${o.iface}.Advise: lpAdviseSink is NULL`);
  const id = o.fake.holdSink(ptr);
  let conn: number;
  try {
    conn = call({ $sink: id }) as number;
  } catch (e) {
    o.fake.dropSink(id);
    throw e;
  }
  o.connections.set(conn, id);
  o.fake.args.outU64(pConn, conn);
  return S_OK;
}

/** Unadvise: the emulator forgets the connection, the fake releases the sink. */
export function unadvise(o: FakeObj, conn: number): number {
  o.call('unadvise', [conn]);
  const id = o.connections.get(conn);
  if (id !== undefined) {
    o.connections.delete(conn);
    o.fake.dropSink(id);
  }
  return S_OK;
}

export { VTABLES };
