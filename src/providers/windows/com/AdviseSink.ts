/**
 * IMAPIAdviseSink implemented in JS as a native COM object (MAPI-ABI-x64.md §3.1
 * IMAPIAdviseSink, §6.3), for Advise calls on stores, sessions and tables. MAPI AddRefs the
 * sink during Advise and releases it at Unadvise; the backend releases its own reference right
 * after Advise returns, so the native object is freed exactly when MAPI is done with it.
 *
 * OnNotify copies the notifications at once (MAPI owns them only during the call), hands them
 * to the JS sink, and returns 0. A sink that throws makes OnNotify return MAPI_E_CALL_FAILED,
 * never S_OK; a sink's rejected promise cannot be reported to MAPI (OnNotify has returned by
 * then) and goes to the error hook.
 */
import type { AdviseSinkLike, NOTIFICATION } from '../../../core/notify/types.js';
import { GUID } from '../../../core/props/guid.js';
import { IID_IMAPIAdviseSink, IID_IUnknown } from '../../../core/generated/guids.js';
import { MAPI_E_INTERFACE_NOT_SUPPORTED, S_OK } from '../../../core/generated/scodes.js';
import { readNotifications } from '../abi/notification.js';
import { GUID_SIZE } from '../abi/layout.js';
import type { Pointer } from '../abi/memory.js';
import { IMAPIAdviseSink_VTBL } from './vtables.js';
import { JsComClass } from './JsComClass.js';
import { ptrArg } from './protos.js';
import type { ComRuntime } from './runtime.js';

/** A failure of a JS advise sink, as the backend records it. */
export interface SinkErrorRecord {
  error: unknown;
  notifications: NOTIFICATION[];
}

interface SinkState {
  sink: AdviseSinkLike;
  refs: number;
}

/** The IMAPIAdviseSink class of one runtime. */
export class AdviseSinkClass {
  private readonly cls: JsComClass<SinkState>;

  constructor(
    private readonly rt: ComRuntime,
    private readonly onSinkError: (record: SinkErrorRecord) => void,
  ) {
    const mem = rt.mem;
    this.cls = new JsComClass<SinkState>(rt.koffi, mem, IMAPIAdviseSink_VTBL, {
      QueryInterface: (self, thisPtr, riid: unknown, ppv: unknown) => {
        const out = ptrArg(ppv);
        const iid = ptrArg(riid);
        const g = iid === null ? null : new GUID(mem.readBytes(iid, GUID_SIZE));
        if (g && (g.equals(IID_IUnknown) || g.equals(IID_IMAPIAdviseSink))) {
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
      OnNotify: (self, _thisPtr, cNotif: unknown, lpNotifications: unknown) => {
        const list = readNotifications(mem, ptrArg(lpNotifications), Number(cNotif) >>> 0, rt.codePage);
        const r = typeof self.sink === 'function' ? self.sink(list) : self.sink.onNotify(list);
        if (r && typeof (r as Promise<void>).then === 'function') {
          (r as Promise<void>).then(undefined, (error: unknown) => this.onSinkError({ error, notifications: list }));
        }
        return S_OK;
      },
    }, {
      onError: (error, method) => {
        if (method.endsWith('OnNotify')) this.onSinkError({ error, notifications: [] });
      },
    });
  }

  /** A new native sink for `sink`, holding one reference (the caller's). */
  create(sink: AdviseSinkLike): Pointer {
    return this.cls.create({ sink, refs: 1 });
  }

  /** Gives up a reference the backend holds (as IUnknown::Release would). */
  release(ptr: Pointer): void {
    const s = this.cls.get(ptr);
    if (!s) return;
    if (--s.refs <= 0) this.cls.destroy(ptr);
  }

  /** Native sinks still referenced (by MAPI or the backend). */
  get liveCount(): number {
    return this.cls.size;
  }

  /** Unregisters the class's callbacks. */
  dispose(): void {
    this.cls.dispose();
  }
}
