/**
 * COM objects implemented in JS: a native object block whose first 8 bytes point at one
 * shared vtable of koffi-registered callbacks (MAPI-ABI-x64.md §7, "Building a fake
 * object"). Every object of a class shares the vtable; a callback finds its JS object from
 * the `this` pointer native code passes, so a class costs one registered callback per slot
 * whatever the number of objects (koffi allows 8192 at once).
 *
 * The backend uses this for the objects MAPI calls back (IMAPIAdviseSink, IMAPIProgress);
 * the fake MAPI of the tests for every object it exposes.
 *
 * Construct classes outside koffi callbacks: with koffi 3.3.4 a callback registered while
 * another callback is running cannot be called later (the trampoline records the wrong stack
 * and V8 answers "Maximum call stack size exceeded"; see docs/decisions/014-windows-backend.md).
 *
 * Exceptions never reach native code as success: a method that throws returns its MapiError's
 * scode, or MAPI_E_CALL_FAILED (for ULONG-returning slots too); a method that returns nothing
 * is a bug and also returns MAPI_E_CALL_FAILED.
 */
import type { Koffi } from '../koffi.js';
import type { NativeMemory, Pointer } from '../abi/memory.js';
import type { InterfaceLayout, MethodLayout } from './layoutTypes.js';
import { methodType } from './protos.js';
import { asI32, scodeOfError } from './hresult.js';
import { E_NOTIMPL, MAPI_E_CALL_FAILED, MAPI_E_INVALID_OBJECT } from '../../../core/generated/scodes.js';

/** A method implementation: the JS object, the `this` pointer, then the native arguments as koffi passes them. */
export type ComMethodImpl<T> = (self: T, thisPtr: Pointer, ...args: never[]) => number;

/** Hooks of a {@link JsComClass}. */
export interface JsComClassOptions {
  /** Called with every exception a method threw (after it has been turned into an HRESULT). */
  onError?: (error: unknown, method: string) => void;
}

/** The block of one object: lpVtbl, then 8 bytes the class does not use. */
const OBJECT_SIZE = 16;

/** One COM interface implemented in JS. */
export class JsComClass<T> {
  /** The shared vtable. */
  readonly vtbl: Pointer;
  private readonly callbacks: bigint[] = [];
  private readonly objects = new Map<Pointer, T>();
  private disposed = false;

  constructor(
    private readonly koffi: Koffi,
    private readonly mem: NativeMemory,
    /** The interface's slots (every slot gets a callback: unimplemented ones answer E_NOTIMPL). */
    readonly layout: InterfaceLayout,
    impl: Partial<Record<string, ComMethodImpl<T>>>,
    private readonly options: JsComClassOptions = {},
  ) {
    this.vtbl = mem.alloc(layout.methods.length * 8);
    for (const m of layout.methods) {
      const fn = impl[m.name];
      const cb = koffi.register((thisPtr: unknown, ...args: unknown[]) => this.dispatch(m, fn, thisPtr, args), koffi.pointer(methodType(koffi, m))) as bigint;
      this.callbacks.push(cb);
      mem.writePtr(this.vtbl, m.slot * 8, cb);
    }
  }

  private dispatch(m: MethodLayout, fn: ComMethodImpl<T> | undefined, thisPtr: unknown, args: unknown[]): number {
    const failure = (scode: number) => (m.ret === 'u32' ? scode >>> 0 : asI32(scode));
    const self = typeof thisPtr === 'bigint' ? this.objects.get(thisPtr) : undefined;
    if (self === undefined) return m.name === 'AddRef' || m.name === 'Release' ? 0 : failure(MAPI_E_INVALID_OBJECT);
    if (!fn) return failure(E_NOTIMPL);
    try {
      const r = (fn as (s: T, p: Pointer, ...a: unknown[]) => unknown)(self, thisPtr as bigint, ...args);
      if (typeof r !== 'number') return failure(MAPI_E_CALL_FAILED);
      return m.ret === 'u32' ? r >>> 0 : asI32(r);
    } catch (e) {
      try {
        this.options.onError?.(e, `${this.layout.name}::${m.name}`);
      } catch {
        // A failing error hook must not turn the failure into success either.
      }
      return m.name === 'AddRef' || m.name === 'Release' ? 0 : failure(scodeOfError(e));
    }
  }

  /** A new native object for `self`; its address is the interface pointer. */
  create(self: T): Pointer {
    const p = this.mem.alloc(OBJECT_SIZE);
    this.mem.writePtr(p, 0, this.vtbl);
    this.objects.set(p, self);
    return p;
  }

  /** The JS object behind an interface pointer of this class, if it is one. */
  get(ptr: Pointer | null): T | undefined {
    return ptr === null ? undefined : this.objects.get(ptr);
  }

  /** Frees an object's block; its pointer must not be used any more. */
  destroy(ptr: Pointer): void {
    if (this.objects.delete(ptr)) this.mem.free(ptr);
  }

  /** Number of live objects. */
  get size(): number {
    return this.objects.size;
  }

  /** Unregisters the callbacks and frees the vtable and every remaining object. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const cb of this.callbacks) this.koffi.unregister(cb);
    for (const p of this.objects.keys()) this.mem.free(p);
    this.objects.clear();
    this.mem.free(this.vtbl);
  }
}
