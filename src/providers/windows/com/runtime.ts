/**
 * Everything the wrappers share for one loaded MAPI library: koffi, memory access, the MAPI
 * allocator, the out-cell scratch stack, the vtable-slot function cache, the finalization
 * safety net, and the JS-implemented classes MAPI calls back (advise sinks, progress).
 */
import type { Koffi } from '../koffi.js';
import { NativeMemory, type Pointer } from '../abi/memory.js';
import { allocatorFromExports, type MapiAllocator, type OutCell } from '../abi/allocator.js';
import type { AbiContext } from '../abi/context.js';
import type { MapiLibrary } from '../library/MapiLibrary.js';
import type { InterfaceLayout, MethodLayout } from './layoutTypes.js';
import { methodType } from './protos.js';
import { ScratchStack, type OutFrame } from './scratch.js';
import { EmulatorError } from '../../../core/errors/MapiError.js';

type NativeFn = (...args: unknown[]) => number;

/** What the finalization registry keeps for a wrapper: enough to Release its pointer, nothing that refers to the wrapper. */
export interface ReleaseTicket {
  ptr: Pointer;
  vtbl: Pointer;
  layout: InterfaceLayout;
}

/** Counters for tests and diagnostics. */
export interface RuntimeStats {
  /** Native calls made through vtables. */
  calls: number;
  /** Interface pointers released by the garbage-collection safety net (a wrapper never released explicitly). */
  releasedByFinalizer: number;
  /** Release calls made through wrappers' release(). */
  releasedExplicitly: number;
}

/** The allocator's out cell: the one cell of a scratch frame. */
class FrameCell implements OutCell {
  readonly ptr: Pointer;
  constructor(private readonly frame: OutFrame) {
    this.ptr = frame.base;
  }
  read(): Pointer | null {
    return this.frame.ptr(0);
  }
  dispose(): void {
    this.frame.dispose();
  }
}

/** One loaded MAPI library and the state the wrappers share. */
export class ComRuntime implements AbiContext {
  readonly mem: NativeMemory;
  readonly alloc: MapiAllocator;
  readonly codePage: number;
  readonly scratch: ScratchStack;
  readonly stats: RuntimeStats = { calls: 0, releasedByFinalizer: 0, releasedExplicitly: 0 };
  private readonly slotCache = new Map<Pointer, (NativeFn | undefined)[]>();
  private readonly finalizer: FinalizationRegistry<ReleaseTicket>;
  private disposed = false;
  /** Hooks disposed with the runtime (the callback classes). */
  private readonly disposables: { dispose(): void }[] = [];

  constructor(
    readonly koffi: Koffi,
    readonly lib: MapiLibrary,
  ) {
    this.mem = new NativeMemory(koffi);
    this.scratch = new ScratchStack(this.mem);
    this.codePage = lib.codePage;
    this.alloc = allocatorFromExports(lib, () => new FrameCell(this.scratch.frame(1)));
    this.finalizer = new FinalizationRegistry((t) => this.releaseFromFinalizer(t));
  }

  /** Registers something to dispose with the runtime. */
  own<T extends { dispose(): void }>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  /** The vtable pointer of an interface pointer. */
  vtblOf(ptr: Pointer): Pointer {
    const v = this.mem.ptr(ptr, 0);
    if (v === null) throw new EmulatorError(`interface pointer 0x${ptr.toString(16)} has a NULL vtable`);
    return v;
  }

  /**
   * Calls slot `m` of the object `ptr` whose vtable is `vtbl` (MAPI-ABI-x64.md §7: read the
   * function pointer at 8 × slot, call it with `this` first). Returns the raw result.
   */
  call(ptr: Pointer, vtbl: Pointer, m: MethodLayout, args: readonly unknown[]): number {
    if (this.disposed) throw new EmulatorError('the MAPI library of this object has been unloaded');
    let slots = this.slotCache.get(vtbl);
    if (!slots) this.slotCache.set(vtbl, (slots = []));
    let fn = slots[m.slot];
    if (!fn) {
      const addr = this.mem.ptr(vtbl, m.slot * 8);
      if (addr === null) throw new EmulatorError(`${m.name}: slot ${m.slot} of the vtable at 0x${vtbl.toString(16)} is NULL`);
      fn = this.koffi.decode(addr, methodType(this.koffi, m)) as NativeFn;
      slots[m.slot] = fn;
    }
    this.stats.calls++;
    return fn(ptr, ...args);
  }

  /** A frame of out cells for one native call (dispose it right after the call). */
  frame(cells: number): OutFrame {
    return this.scratch.frame(cells);
  }

  /** Makes sure `ptr` is released if `holder` is garbage-collected without release(). */
  track(holder: object, ticket: ReleaseTicket): void {
    this.finalizer.register(holder, ticket, holder);
  }

  /** The holder was released explicitly: no safety net any more. */
  untrack(holder: object): void {
    this.finalizer.unregister(holder);
  }

  /** The safety net: Release an interface pointer whose wrapper was collected. Public for tests. */
  releaseFromFinalizer(t: ReleaseTicket): void {
    if (this.disposed) return;
    const release = t.layout.methods[2];
    if (!release) return;
    try {
      this.call(t.ptr, t.vtbl, release, []);
      this.stats.releasedByFinalizer++;
    } catch {
      // Nothing can be reported from a finalizer.
    }
  }

  /** Frees the runtime's own native memory and callbacks (after every object has been released). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
    this.scratch.dispose();
  }
}
