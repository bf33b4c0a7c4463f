/**
 * The runtime the wrappers share: the COM runtime of one MAPI library, plus the callback
 * classes (advise sinks, progress objects) and the factory that turns an interface pointer
 * MAPI returned into the wrapper for its interface.
 */
import type { Koffi } from '../koffi.js';
import type { Pointer } from '../abi/memory.js';
import type { GUID } from '../../../core/props/guid.js';
import type { IUnknown } from '../../../core/props/interfaces.js';
import type { MapiLibrary } from '../library/MapiLibrary.js';
import { ComRuntime } from '../com/runtime.js';
import { AdviseSinkClass, type SinkErrorRecord } from '../com/AdviseSink.js';
import { ProgressClass } from '../com/Progress.js';

/** What is known about an interface pointer MAPI returned: the IID asked for, and/or the object type MAPI reported. */
export interface WrapHint {
  /** The interface requested (lpInterface / riid), or null for the default one. */
  iid?: GUID | null;
  /** The object type MAPI wrote to lpulObjType (MAPI_FOLDER, MAPI_MESSAGE, ...). */
  objType?: number;
  /** The interface the method returns when nothing else says (e.g. 'IMAPITable'). */
  fallback: string;
}

/** Options of {@link WinRuntime}. */
export interface WinRuntimeOptions {
  /** Called when a JS advise sink throws or rejects; default records in `sinkErrors` and warns once. */
  onSinkError?: (record: SinkErrorRecord) => void;
}

/** State shared by every wrapper of one MAPI library. */
export class WinRuntime extends ComRuntime {
  /** Failures of JS advise sinks (the default error hook keeps them here). */
  readonly sinkErrors: SinkErrorRecord[] = [];
  private warnedSink = false;
  /** The IMAPIAdviseSink class. */
  readonly sinks: AdviseSinkClass;
  /** The IMAPIProgress class. */
  readonly progress: ProgressClass;
  /** Wraps an interface pointer (installed by wrappers/factory.ts). */
  wrap: (ptr: Pointer, hint: WrapHint) => IUnknown = () => {
    throw new Error('wrapper factory not installed');
  };

  constructor(
    koffi: Koffi,
    lib: MapiLibrary,
    private readonly options: WinRuntimeOptions = {},
  ) {
    super(koffi, lib);
    // Registered now, never lazily: koffi 3.3.4 breaks a callback registered while another
    // callback runs (docs/decisions/014-windows-backend.md), and Advise may be called from a sink.
    this.sinks = this.own(
      new AdviseSinkClass(this, (record) => {
        if (this.options.onSinkError) return this.options.onSinkError(record);
        this.sinkErrors.push(record);
        if (!this.warnedSink) {
          this.warnedSink = true;
          console.warn('[mapi-emu] an advise sink failed; later failures are only recorded in sinkErrors:', record.error);
        }
      }),
    );
    this.progress = this.own(new ProgressClass(this));
  }
}
