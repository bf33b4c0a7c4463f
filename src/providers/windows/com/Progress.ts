/**
 * IMAPIProgress implemented in JS as a native COM object, passed to CopyTo, CopyProps,
 * CopyMessages, CopyFolder, DeleteMessages, DeleteFolder, EmptyFolder, SetReadFlags and
 * DeleteAttach when the caller gives one. The object lives for the duration of the call;
 * the backend releases its reference when the call returns.
 *
 * IMAPIProgress's methods are synchronous in C and async in mapi-emu's interface: Progress
 * and SetLimits are forwarded without waiting; GetFlags/GetMax/GetMin answer from the values
 * last set through SetLimits (MAPI's progress contract), so a JS object's async getters are
 * not awaited.
 */
import type { IMAPIProgress } from '../../../core/props/interfaces.js';
import { GUID } from '../../../core/props/guid.js';
import { IID_IMAPIProgress, IID_IUnknown } from '../../../core/generated/guids.js';
import { MAPI_E_INTERFACE_NOT_SUPPORTED, S_OK } from '../../../core/generated/scodes.js';
import { GUID_SIZE } from '../abi/layout.js';
import type { Pointer } from '../abi/memory.js';
import { IMAPIProgress_VTBL } from './vtables.js';
import { JsComClass } from './JsComClass.js';
import { ptrArg } from './protos.js';
import type { ComRuntime } from './runtime.js';

interface ProgressState {
  target: IMAPIProgress;
  refs: number;
  min: number;
  max: number;
  flags: number;
}

/** The IMAPIProgress class of one runtime. */
export class ProgressClass {
  private readonly cls: JsComClass<ProgressState>;

  constructor(rt: ComRuntime) {
    const mem = rt.mem;
    const ignore = (p: Promise<unknown>) => p.then(undefined, () => undefined);
    const writeU32 = (cell: unknown, v: number) => {
      const p = ptrArg(cell);
      if (p !== null) mem.writeU32(p, 0, v);
    };
    this.cls = new JsComClass<ProgressState>(rt.koffi, mem, IMAPIProgress_VTBL, {
      QueryInterface: (self, thisPtr, riid: unknown, ppv: unknown) => {
        const out = ptrArg(ppv);
        const iid = ptrArg(riid);
        const g = iid === null ? null : new GUID(mem.readBytes(iid, GUID_SIZE));
        if (g && (g.equals(IID_IUnknown) || g.equals(IID_IMAPIProgress))) {
          self.refs++;
          if (out !== null) mem.writePtr(out, 0, thisPtr);
          return S_OK;
        }
        if (out !== null) mem.writePtr(out, 0, null);
        return MAPI_E_INTERFACE_NOT_SUPPORTED;
      },
      AddRef: (self) => ++self.refs,
      Release: (self, thisPtr) => {
        const n = --self.refs;
        if (n <= 0) this.cls.destroy(thisPtr);
        return Math.max(0, n);
      },
      Progress: (self, _t, v: unknown, c: unknown, t: unknown) => {
        ignore(self.target.progress(Number(v), Number(c), Number(t)));
        return S_OK;
      },
      GetFlags: (self, _t, out: unknown) => (writeU32(out, self.flags), S_OK),
      GetMax: (self, _t, out: unknown) => (writeU32(out, self.max), S_OK),
      GetMin: (self, _t, out: unknown) => (writeU32(out, self.min), S_OK),
      SetLimits: (self, _t, pMin: unknown, pMax: unknown, pFlags: unknown) => {
        const read = (p: unknown) => {
          const q = ptrArg(p);
          return q === null ? null : mem.u32(q, 0);
        };
        const [mn, mx, fl] = [read(pMin), read(pMax), read(pFlags)];
        if (mn !== null) self.min = mn;
        if (mx !== null) self.max = mx;
        if (fl !== null) self.flags = fl;
        ignore(self.target.setLimits(mn, mx, fl));
        return S_OK;
      },
    });
  }

  /** A native progress object for `target`, holding the caller's reference. */
  create(target: IMAPIProgress): Pointer {
    return this.cls.create({ target, refs: 1, min: 0, max: 0, flags: 0 });
  }

  /** Gives up the caller's reference. */
  release(ptr: Pointer | null): void {
    if (ptr === null) return;
    const s = this.cls.get(ptr);
    if (s && --s.refs <= 0) this.cls.destroy(ptr);
  }

  /** Unregisters the class's callbacks. */
  dispose(): void {
    this.cls.dispose();
  }
}
