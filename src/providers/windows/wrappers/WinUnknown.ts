/**
 * Base of every wrapper: one reference on a native interface pointer, released exactly once
 * (by release(), or by the FinalizationRegistry safety net if the wrapper is collected first),
 * and the calling conventions the wrappers share: a method runs synchronously against MAPI and
 * settles its promise with the result, failures become MapiError with MAPI's scode (and
 * GetLastError's text when the interface has it).
 */
import type { GUID } from '../../../core/props/guid.js';
import { GUID as GUIDClass } from '../../../core/props/guid.js';
import type { IUnknown } from '../../../core/props/interfaces.js';
import type { ENTRYID } from '../../../core/props/types.js';
import type { AdviseSinkLike } from '../../../core/notify/types.js';
import { EmulatorError, MapiError } from '../../../core/errors/MapiError.js';
import { MAPI_UNICODE } from '../../../core/generated/constants.js';
import { MAPI_E_INVALID_OBJECT, MAPI_E_INVALID_PARAMETER, MAPI_E_NO_SUPPORT } from '../../../core/generated/scodes.js';
import { IID_IUnknown } from '../../../core/generated/guids.js';
import type { Pointer } from '../abi/memory.js';
import { readMapiError } from '../abi/misc.js';
import type { InterfaceLayout, MethodLayout } from '../com/layoutTypes.js';
import { asMapiError, checkHr } from '../com/hresult.js';
import type { WinRuntime, WrapHint } from './WinRuntime.js';
import { InArgs } from './InArgs.js';

const byName = new WeakMap<InterfaceLayout, Map<string, MethodLayout>>();
function methodOf(layout: InterfaceLayout, name: string): MethodLayout {
  let m = byName.get(layout);
  if (!m) byName.set(layout, (m = new Map(layout.methods.map((x) => [x.name, x]))));
  const found = m.get(name);
  if (!found) throw new EmulatorError(`${layout.name} has no method ${name}`);
  return found;
}

/** The out cells of a call, copied after it returned. */
export class Outs {
  constructor(private readonly dv: DataView) {}
  u32(i: number): number {
    return this.dv.getUint32(i * 8, true);
  }
  i32(i: number): number {
    return this.dv.getInt32(i * 8, true);
  }
  u64(i: number): bigint {
    return this.dv.getBigUint64(i * 8, true);
  }
  ptr(i: number): Pointer | null {
    const p = this.dv.getBigUint64(i * 8, true);
    return p === 0n ? null : p;
  }
}

/** MAPI_UNICODE added to flags (as an unsigned 32-bit number). */
export function unicode(flags: number | undefined): number {
  return ((flags ?? 0) | MAPI_UNICODE) >>> 0;
}

/** Flags as a ULONG. */
export function u32(flags: number | undefined | null): number {
  return (flags ?? 0) >>> 0;
}

/** A wrapper of one native interface pointer. */
export abstract class WinUnknown implements IUnknown {
  /** The MAPI interface name, for messages. */
  abstract readonly interfaceName: string;
  /** The native interface pointer (one reference held by this wrapper). */
  readonly nativePointer: Pointer;
  protected readonly vtbl: Pointer;
  private released = false;

  constructor(
    protected readonly rt: WinRuntime,
    ptr: Pointer,
    protected readonly layout: InterfaceLayout,
  ) {
    this.nativePointer = ptr;
    this.vtbl = rt.vtblOf(ptr);
    rt.track(this, { ptr, vtbl: this.vtbl, layout });
  }

  /** True once release() has been called. */
  get isReleased(): boolean {
    return this.released;
  }

  /** Calls a slot by name; returns the raw result. */
  protected raw(method: string, ...args: unknown[]): number {
    return this.rt.call(this.nativePointer, this.vtbl, methodOf(this.layout, method), args);
  }

  /** Calls a slot; throws MapiError on a failing HRESULT; returns the (unsigned) success code. */
  protected hr(method: string, ...args: unknown[]): number {
    return checkHr(this.raw(method, ...args), `${this.interfaceName}::${method}`, (h) => this.lastErrorText(h));
  }

  /** Calls a slot with `nOut` out cells (passed by `args`); throws on failure; returns the code and the cells' values. */
  protected hrOut(method: string, nOut: number, args: (cell: (i: number) => Pointer) => unknown[]): { hr: number; out: Outs } {
    const f = this.rt.frame(nOut);
    let hr: number;
    let out: Outs;
    try {
      hr = this.raw(method, ...args((i) => f.cell(i)));
      out = new Outs(this.rt.mem.view(f.cell(0), nOut * 8));
    } finally {
      f.dispose();
    }
    return { hr: checkHr(hr, `${this.interfaceName}::${method}`, (h) => this.lastErrorText(h)), out };
  }

  /** The text GetLastError gives for `hr`, when the interface has GetLastError. */
  protected lastErrorText(hr: number): string | null {
    if (this.layout.methods[3]?.name !== 'GetLastError') return null;
    const f = this.rt.frame(1);
    let p: Pointer | null = null;
    try {
      const r = this.raw('GetLastError', hr | 0, MAPI_UNICODE >>> 0, f.cell(0));
      p = f.ptr(0);
      if (r < 0 || p === null) return null;
      return readMapiError(this.rt.mem, p, true, this.rt.codePage).lpszError || null;
    } finally {
      f.dispose();
      this.rt.alloc.freeBuffer(p);
    }
  }

  /** Input buffers for one call. */
  protected args(): InArgs {
    return new InArgs(this.rt);
  }

  /** Runs a method body (synchronous native work) and settles a promise with its result. */
  protected run<T>(method: string, body: () => T): Promise<T> {
    try {
      if (this.released) throw new MapiError(MAPI_E_INVALID_OBJECT, `${this.interfaceName}.${method}: the object has been released`);
      return Promise.resolve(body());
    } catch (e) {
      if (e instanceof EmulatorError) return Promise.reject(e);
      return Promise.reject(asMapiError(e, `${this.interfaceName}.${method}`));
    }
  }

  /** A method the backend does not offer: MAPI_E_NO_SUPPORT naming the method and why (after the released check every call makes). */
  protected unsupported(method: string, why: string): Promise<never> {
    return this.run(method, () => {
      throw new MapiError(MAPI_E_NO_SUPPORT, `${this.interfaceName}.${method}: ${why}`);
    });
  }

  /** Interfaces this wrapper's class also stands for (QueryInterface for one of them gives the same kind of wrapper). */
  protected baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown];
  }

  /** A new wrapper of the same class on another reference to the same object. */
  protected abstract rewrap(ptr: Pointer): WinUnknown;

  /** @see https://learn.microsoft.com/windows/win32/api/unknwn/nf-unknwn-iunknown-queryinterface(refiid_void) */
  queryInterface<T extends IUnknown = IUnknown>(riid: GUID): Promise<T> {
    return this.run('queryInterface', () => {
      if (!(riid instanceof GUIDClass)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${this.interfaceName}.queryInterface: riid must be a GUID`);
      const a = this.args();
      const iid = a.guid(riid);
      try {
        const { out } = this.hrOut('QueryInterface', 1, (c) => [a.p(iid), c(0)]);
        const p = out.ptr(0);
        if (p === null) throw new MapiError(MAPI_E_INVALID_OBJECT, `${this.interfaceName}.queryInterface: MAPI returned NULL`);
        if (this.baseInterfaces().some((g) => g.equals(riid))) return this.rewrap(p) as unknown as T;
        return this.rt.wrap(p, { iid: riid, fallback: 'IUnknown' }) as T;
      } finally {
        a.free();
      }
    });
  }

  // The entry-ID methods several interfaces share (IMAPISession, IMsgStore, IAddrBook, IMAPIContainer):
  // the same native signatures, so one marshalling each.

  /** OpenEntry(cbEntryID, lpEntryID, lpInterface, ulFlags, &ulObjType, &lpUnk). */
  protected callOpenEntry<T extends IUnknown>(lpEntryID: ENTRYID | null, lpInterface: GUID | null, ulFlags: number): Promise<T> {
    return this.run('openEntry', () => {
      const a = this.args();
      const eid = a.bytes(lpEntryID);
      const iid = a.guid(lpInterface);
      try {
        const { out } = this.hrOut('OpenEntry', 2, (c) => [lpEntryID?.length ?? 0, a.p(eid), a.p(iid), u32(ulFlags), c(0), c(1)]);
        return this.wrapOut<T>(out.ptr(1), { iid: lpInterface, objType: out.u32(0), fallback: 'IMAPIProp' }, 'openEntry');
      } finally {
        a.free();
      }
    });
  }

  /** CompareEntryIDs(cbEntryID1, lpEntryID1, cbEntryID2, lpEntryID2, ulFlags, &ulResult). */
  protected callCompareEntryIDs(lpEntryID1: ENTRYID, lpEntryID2: ENTRYID, ulFlags: number): Promise<boolean> {
    return this.run('compareEntryIDs', () => {
      const a = this.args();
      const e1 = a.bytes(lpEntryID1);
      const e2 = a.bytes(lpEntryID2);
      try {
        return this.hrOut('CompareEntryIDs', 1, (c) => [lpEntryID1?.length ?? 0, a.p(e1), lpEntryID2?.length ?? 0, a.p(e2), u32(ulFlags), c(0)]).out.u32(0) !== 0;
      } finally {
        a.free();
      }
    });
  }

  /** Advise(cbEntryID, lpEntryID, ulEventMask, lpAdviseSink, &ulConnection). */
  protected callAdvise(lpEntryID: ENTRYID | null, ulEventMask: number, lpAdviseSink: AdviseSinkLike): Promise<number> {
    return this.run('advise', () => {
      const a = this.args();
      const eid = a.bytes(lpEntryID);
      const sink = this.rt.sinks.create(lpAdviseSink);
      try {
        const { out } = this.hrOut('Advise', 1, (c) => [lpEntryID?.length ?? 0, a.p(eid), u32(ulEventMask), sink, c(0)]);
        return Number(out.u64(0));
      } finally {
        // MAPI holds its own reference from Advise to Unadvise.
        this.rt.sinks.release(sink);
        a.free();
      }
    });
  }

  /** Unadvise(ulConnection): a ULONG_PTR. */
  protected callUnadvise(ulConnection: number): Promise<void> {
    return this.run('unadvise', () => {
      this.hr('Unadvise', BigInt.asUintN(64, BigInt(Math.trunc(ulConnection))));
    });
  }

  /** Wraps an interface pointer MAPI returned (one reference, now owned by the new wrapper). */
  protected wrapOut<T extends IUnknown>(ptr: Pointer | null, hint: WrapHint, method: string): T {
    if (ptr === null) throw new MapiError(MAPI_E_INVALID_OBJECT, `${this.interfaceName}.${method}: MAPI returned a NULL interface pointer`);
    return this.rt.wrap(ptr, hint) as T;
  }

  /** Releases the native reference (once; later calls do nothing). */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.rt.untrack(this);
    this.onRelease();
    try {
      this.raw('Release');
      this.rt.stats.releasedExplicitly++;
    } catch {
      // An unloaded library: nothing left to release.
    }
  }

  /** Hook before the native Release (sessions stop their sinks, ...). */
  protected onRelease(): void {}
}

/** The native pointer of a wrapper this backend made, or null. */
export function nativePointerOf(x: unknown): Pointer | null {
  return x instanceof WinUnknown && !x.isReleased ? x.nativePointer : null;
}
