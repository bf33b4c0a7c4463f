/**
 * The fake MAPI ABI: the emulator exposed through the real ABI, so the Windows backend can be
 * pointed at it on Linux.
 *
 * - Every emulator object the backend receives is a native COM object: a block whose first
 *   pointer is a shared vtable of koffi-registered callbacks in the slot order of
 *   MAPI-ABI-x64.md §3 (JsComClass). A callback reads its native arguments, asks the emulator
 *   (in the host worker, synchronously: see HostClient) and writes its out parameters in
 *   memory from the tracking allocator, as a MAPI provider would.
 * - The exported functions (MAPIInitialize, MAPILogonEx, MAPIAdminProfiles,
 *   MAPIAllocateBuffer/More/FreeBuffer, FreeProws, FreePadrlist, HrDispatchNotifications,
 *   CoTaskMemFree) are koffi-registered callbacks too, bound with the backend's own
 *   bindMapiLibrary: the backend calls them exactly as it calls olmapi32.dll.
 * - Bookkeeping for the tests: the allocation tracker (leaks, double frees), interface
 *   references still held, calls on released objects, sinks still held.
 */
import { loadRealKoffi, type RealKoffi } from '../realKoffi.js';
import { NativeMemory, type Pointer } from '../../../src/providers/windows/abi/memory.js';
import type { AbiContext } from '../../../src/providers/windows/abi/context.js';
import { encodeNotifications } from '../../../src/providers/windows/abi/notification.js';
import { JsComClass, type ComMethodImpl } from '../../../src/providers/windows/com/JsComClass.js';
import type { InterfaceLayout } from '../../../src/providers/windows/com/layoutTypes.js';
import { functionType, methodType } from '../../../src/providers/windows/com/protos.js';
import { asI32, scodeOfError } from '../../../src/providers/windows/com/hresult.js';
import { VTABLES } from '../../../src/providers/windows/com/vtables.js';
import { bindMapiLibrary, MAPI_EXPORT_SIGNATURES, type MapiLibrary, type MapiLibraryExports } from '../../../src/providers/windows/library/MapiLibrary.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import type { NOTIFICATION } from '../../../src/core/notify/types.js';
import {
  MAPI_ABCONT, MAPI_ADDRBOOK, MAPI_ATTACH, MAPI_DISTLIST, MAPI_FOLDER, MAPI_MAILUSER, MAPI_MESSAGE, MAPI_PROFSECT, MAPI_SESSION, MAPI_STATUS, MAPI_STORE,
} from '../../../src/core/generated/constants.js';
import { MAPI_E_CALL_FAILED, MAPI_E_INVALID_OBJECT, MAPI_E_INVALID_PARAMETER } from '../../../src/core/generated/scodes.js';
import { AllocationTracker } from './AllocationTracker.js';
import { HostClient } from './HostClient.js';
import { NativeArgs } from './nativeArgs.js';
import { fromWire, toWire, type HostRequest, type ObjRef, type SinkDelivery } from '../host/wire.js';
import { exportImpls } from './exports.js';
import { implsFor } from './impl/index.js';

/** One emulator object exposed as a native COM object. */
export class FakeObj {
  refs = 1;
  dead = false;
  /** Advise connections made through this object: connection → sink id. */
  readonly connections = new Map<number, number>();

  constructor(
    readonly fake: FakeMapi,
    readonly handle: number,
    readonly iface: string,
    public ptr: Pointer,
  ) {}

  /** Calls the emulator object's method; resolves synchronously or throws the MapiError it rejected with. */
  call<T = unknown>(method: string, args: readonly unknown[]): T {
    if (this.dead) {
      this.fake.objectProblems.push(`${this.iface}.${method} called after the object was released`);
      throw new MapiError(MAPI_E_INVALID_OBJECT, `${this.iface}.${method}: released object`);
    }
    return this.fake.request({ op: 'call', h: this.handle, m: method, a: this.fake.wire(args) }) as T;
  }

  /**
   * Calls a method with an in/out argument (index `back`): resolves to the result and that
   * argument as the emulator left it — also when the call failed (`error`).
   */
  callInOut<T = unknown>(method: string, args: readonly unknown[], back: number): { value?: T; after: unknown; error?: MapiError } {
    if (this.dead) {
      this.fake.objectProblems.push(`${this.iface}.${method} called after the object was released`);
      throw new MapiError(MAPI_E_INVALID_OBJECT, `${this.iface}.${method}: released object`);
    }
    const reply = this.fake.host.request({ op: 'call', h: this.handle, m: method, a: this.fake.wire(args), back });
    this.fake.queue(reply.n);
    const after = fromWire(reply.b, (r) => r);
    if (!reply.ok) return { after, error: new MapiError(reply.scode, reply.message) };
    return { value: fromWire(reply.v, (r) => r) as T, after };
  }
}

interface HeldSink {
  ptr: Pointer;
  /** References the fake holds (one per Advise not yet undone). */
  refs: number;
}

const LAYOUT_OF: Record<string, InterfaceLayout> = {
  IMAPISession: VTABLES.IMAPISession,
  IMsgStore: VTABLES.IMsgStore,
  IMAPIFolder: VTABLES.IMAPIFolder,
  IMessage: VTABLES.IMessage,
  IAttach: VTABLES.IAttach,
  IMAPITable: VTABLES.IMAPITable,
  IStream: VTABLES.IStream,
  IProfAdmin: VTABLES.IProfAdmin,
  IMsgServiceAdmin: VTABLES.IMsgServiceAdmin2,
  IProviderAdmin: VTABLES.IProviderAdmin,
  IMAPIStatus: VTABLES.IMAPIStatus,
  IProfSect: VTABLES.IProfSect,
  IMAPIProp: VTABLES.IMAPIProp,
  IPropData: VTABLES.IMAPIProp,
  IAddrBook: VTABLES.IAddrBook,
  IABContainer: VTABLES.IABContainer,
  IDistList: VTABLES.IDistList,
  IMailUser: VTABLES.IMailUser,
  // The spec has IMAPIFormMgr's layout; IMAPIFormInfo is laid out as its base IMAPIProp and
  // IMAPIFormContainer as IUnknown (their own slots are not in MAPI-ABI-x64.md).
  IMAPIFormMgr: VTABLES.IMAPIFormMgr,
  IMAPIFormInfo: VTABLES.IMAPIProp,
  IMAPIFormContainer: VTABLES.IUnknown,
  IUnknown: VTABLES.IUnknown,
};

/** lpulObjType for an object, by interface. */
export const OBJ_TYPE_OF: Record<string, number> = {
  IMsgStore: MAPI_STORE,
  IMAPIFolder: MAPI_FOLDER,
  IMessage: MAPI_MESSAGE,
  IAttach: MAPI_ATTACH,
  IMAPIStatus: MAPI_STATUS,
  IProfSect: MAPI_PROFSECT,
  IMAPISession: MAPI_SESSION,
  IAddrBook: MAPI_ADDRBOOK,
  IABContainer: MAPI_ABCONT,
  IDistList: MAPI_DISTLIST,
  IMailUser: MAPI_MAILUSER,
};

/** Options of {@link FakeMapi.create}. */
export interface FakeMapiOptions {
  /** Seed of the world's ids [1]. */
  seed?: number;
  /** ANSI code page the fake reports [1252]. */
  codePage?: number;
  /** Keep freed blocks poisoned so double frees are always caught [true]; false for benchmarks. */
  retainFreed?: boolean;
}

/** The fake MAPI over one emulator world. */
export class FakeMapi {
  readonly koffi: RealKoffi;
  readonly mem: NativeMemory;
  /** MAPIAllocateBuffer & co. */
  readonly tracker: AllocationTracker;
  /** CoTaskMemAlloc / CoTaskMemFree (names returned by IStream::Stat). */
  readonly taskMem: AllocationTracker;
  readonly ctx: AbiContext;
  readonly args: NativeArgs;
  /** The library the backend loads. */
  readonly library: MapiLibrary;
  /** Misuse of objects the fake saw (double releases, calls after release). */
  readonly objectProblems: string[] = [];
  /** HRESULTs returned by advise sinks that failed. */
  readonly sinkFailures: number[] = [];
  private readonly classes = new Map<string, JsComClass<FakeObj>>();
  private readonly byHandle = new Map<number, FakeObj>();
  private readonly allObjects: FakeObj[] = [];
  private readonly sinks = new Map<number, HeldSink>();
  private nextSink = 1;
  private pending: SinkDelivery[] = [];
  private readonly exportCallbacks: bigint[] = [];
  private disposed = false;

  private constructor(
    readonly host: HostClient,
    options: FakeMapiOptions,
  ) {
    this.koffi = loadRealKoffi();
    this.mem = new NativeMemory(this.koffi);
    this.tracker = new AllocationTracker(this.koffi, { retainFreed: options.retainFreed ?? true });
    this.taskMem = new AllocationTracker(this.koffi, { retainFreed: options.retainFreed ?? true });
    const codePage = options.codePage ?? 1252;
    this.ctx = { mem: this.mem, alloc: this.tracker, codePage };
    this.args = new NativeArgs(this.mem, codePage);
    const addresses = new Map<string, bigint>();
    const impls = exportImpls(this);
    for (const [name, [ret, params]] of Object.entries(MAPI_EXPORT_SIGNATURES) as [keyof MapiLibraryExports, (typeof MAPI_EXPORT_SIGNATURES)[keyof MapiLibraryExports]][]) {
      const impl = impls[name] as (...a: unknown[]) => number | undefined;
      const cb = this.koffi.register((...a: unknown[]) => {
        try {
          const r = impl(...a);
          return ret === 'void' ? undefined : (r ?? 0);
        } catch (e) {
          return ret === 'void' ? undefined : ret === 'u32' ? scodeOfError(e) >>> 0 : asI32(scodeOfError(e));
        }
      }, this.koffi.pointer(functionType(this.koffi, ret, params))) as bigint;
      this.exportCallbacks.push(cb);
      addresses.set(name, cb);
    }
    // Every class is registered now, outside any callback (koffi 3.3.4: a callback registered
    // while another runs cannot be called later).
    for (const name of Object.keys(LAYOUT_OF)) this.classFor(name);
    this.library = bindMapiLibrary(this.koffi, (n) => addresses.get(n) ?? null, { path: 'fake MAPI (mapi-emu test/abi)', codePage });
  }

  /** A fake over a fresh world of `host` (reset with the seed). */
  static create(host: HostClient, options: FakeMapiOptions = {}): FakeMapi {
    const fake = new FakeMapi(host, options);
    fake.request({ op: 'reset', seed: options.seed ?? 1 });
    return fake;
  }

  /** Queues notifications a host reply brought. */
  queue(n: readonly SinkDelivery[]): void {
    if (n.length) this.pending.push(...n);
  }

  /** A synchronous request to the host; queues the notifications it brings. */
  request(req: HostRequest): unknown {
    const reply = this.host.request(req);
    this.queue(reply.n);
    if (!reply.ok) throw new MapiError(reply.scode, reply.message);
    return fromWire(reply.v, (r) => r);
  }

  /** Arguments for the host: fake objects become references to their emulator objects. */
  wire(args: readonly unknown[]): unknown[] {
    return toWire(args, (o) => {
      if (o instanceof FakeObj) return { $ref: o.handle };
      throw new MapiError(MAPI_E_INVALID_PARAMETER, `fake MAPI: cannot pass a ${o.constructor?.name} to the emulator`);
    }) as unknown[];
  }

  private classFor(iface: string): JsComClass<FakeObj> {
    const name = LAYOUT_OF[iface] ? iface : 'IUnknown';
    let cls = this.classes.get(name);
    if (!cls) {
      const layout = LAYOUT_OF[name] as InterfaceLayout;
      cls = new JsComClass<FakeObj>(this.koffi, this.mem, layout, implsFor(name) as Record<string, ComMethodImpl<FakeObj>>);
      this.classes.set(name, cls);
    }
    return cls;
  }

  /** The native object for an emulator object the host returned: a new one, or one more reference on the existing one. */
  objectFor(ref: unknown): FakeObj {
    const r = ref as ObjRef;
    if (!r || typeof r !== 'object' || typeof r.$obj !== 'number') throw new MapiError(MAPI_E_CALL_FAILED, 'fake MAPI: the emulator did not return an object');
    const known = this.byHandle.get(r.$obj);
    if (known && !known.dead) {
      known.refs++;
      return known;
    }
    const obj = new FakeObj(this, r.$obj, r.iface, 0n);
    obj.ptr = this.classFor(r.iface).create(obj);
    this.byHandle.set(r.$obj, obj);
    this.allObjects.push(obj);
    return obj;
  }

  /** The fake object behind a native interface pointer the backend passed in, or undefined. */
  lookup(ptr: Pointer | null): FakeObj | undefined {
    if (ptr === null) return undefined;
    for (const cls of this.classes.values()) {
      const o = cls.get(ptr);
      if (o) return o;
    }
    return undefined;
  }

  /** IUnknown::Release of a fake object. */
  releaseObject(o: FakeObj): number {
    if (o.dead) {
      this.objectProblems.push(`${o.iface} released once more after its last reference`);
      return 0;
    }
    if (--o.refs > 0) return o.refs;
    o.dead = true;
    this.byHandle.delete(o.handle);
    this.request({ op: 'release', h: o.handle });
    return 0;
  }

  /** Calls a slot of a native object the backend made (advise sinks). */
  callNative(ptr: Pointer, layout: InterfaceLayout, method: string, args: readonly unknown[]): number {
    const m = layout.methods.find((x) => x.name === method);
    if (!m) throw new Error(`${layout.name} has no ${method}`);
    const vtbl = this.mem.ptr(ptr, 0) as Pointer;
    const fn = this.mem.ptr(vtbl, m.slot * 8) as Pointer;
    return this.koffi.call(fn, methodType(this.koffi, m), ptr, ...args) as number;
  }

  /** Holds a native advise sink for an Advise (AddRef, as MAPI does); returns the id the host knows it by. */
  holdSink(ptr: Pointer): number {
    this.callNative(ptr, VTABLES.IMAPIAdviseSink, 'AddRef', []);
    const id = this.nextSink++;
    this.sinks.set(id, { ptr, refs: 1 });
    return id;
  }

  /** Lets go of a sink (Unadvise, or a failed Advise): Release. */
  dropSink(id: number): void {
    const s = this.sinks.get(id);
    if (!s) return;
    this.sinks.delete(id);
    this.callNative(s.ptr, VTABLES.IMAPIAdviseSink, 'Release', []);
  }

  /**
   * HrDispatchNotifications: lets the emulator deliver what is pending, then calls each
   * sink's OnNotify with the notifications in native memory (freed after the call, as MAPI's
   * are valid only during OnNotify).
   */
  flushNotifications(): void {
    this.request({ op: 'flush' });
    const batch = this.pending;
    this.pending = [];
    for (const d of batch) {
      const s = this.sinks.get(d.sink);
      if (!s) continue;
      const list = fromWire(d.notifications, (r) => r) as NOTIFICATION[];
      const p = encodeNotifications(this.ctx, list);
      try {
        const r = this.callNative(s.ptr, VTABLES.IMAPIAdviseSink, 'OnNotify', [list.length, p]);
        if (r !== 0) this.sinkFailures.push(r >>> 0);
      } finally {
        this.tracker.freeBuffer(p);
      }
    }
  }

  /** Everything a conformance run must end with none of. */
  report(): { leaks: string[]; problems: string[]; liveObjects: string[]; heldSinks: number } {
    return {
      leaks: [...this.tracker.leaks(), ...this.taskMem.leaks()].map((l) => `${l.size} bytes from ${l.label || '(unlabelled)'}`),
      problems: [...this.tracker.problems, ...this.taskMem.problems].map((p) => `${p.kind}${p.label ? ` (${p.label})` : ''}`).concat(this.objectProblems),
      liveObjects: this.allObjects.filter((o) => !o.dead).map((o) => `${o.iface} (${o.refs} reference${o.refs === 1 ? '' : 's'})`),
      heldSinks: this.sinks.size,
    };
  }

  /** Unregisters every callback and frees every native block (after the backend is done). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const cls of this.classes.values()) cls.dispose();
    for (const cb of this.exportCallbacks) this.koffi.unregister(cb);
    this.tracker.dispose();
    this.taskMem.dispose();
  }
}
