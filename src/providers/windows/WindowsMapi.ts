/**
 * The MAPI subsystem backed by real MAPI: MAPIInitialize / MAPIUninitialize / MAPILogonEx /
 * MAPIAdminProfiles of a loaded MAPI library, returning the wrappers that implement the same
 * interfaces as the emulator's objects (IMAPISession, IProfAdmin, ...), so client code runs
 * unchanged against Outlook's MAPI.
 */
import type { IMAPISession, IProfAdmin } from '../../core/session/interfaces.js';
import type { MAPIINIT_0 } from '../../core/session/MapiSubsystem.js';
import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_UNICODE } from '../../core/generated/constants.js';
import { MAPI_E_INVALID_PARAMETER } from '../../core/generated/scodes.js';
import type { IMAPIFormMgr } from '../../core/forms/types.js';
import { IID_IMAPIFormMgr, IID_IMAPISession, IID_IProfAdmin } from '../../core/generated/guids.js';
import { loadKoffi, type Koffi } from './koffi.js';
import type { Pointer } from './abi/memory.js';
import { mapiInitBytes } from './abi/misc.js';
import { utf16z } from './abi/memory.js';
import { checkHr } from './com/hresult.js';
import type { MapiLibrary } from './library/MapiLibrary.js';
import { loadMapiLibrary, type LoadMapiLibraryOptions } from './library/loadMapiLibrary.js';
import { WinRuntime, type WinRuntimeOptions } from './wrappers/WinRuntime.js';
import { installWrapperFactory } from './wrappers/factory.js';
import { nativePointerOf } from './wrappers/WinUnknown.js';
import type { SinkErrorRecord } from './com/AdviseSink.js';

/** Options of {@link WindowsMapi}. */
export interface WindowsMapiOptions extends WinRuntimeOptions {
  /** The koffi module [loaded on demand]. */
  koffi?: Koffi;
}

/**
 * The MAPI entry points over a loaded MAPI library (Outlook's olmapi32.dll, or the fake of the
 * tests). One instance per library; every object it returns is a wrapper of a native
 * interface pointer, released exactly once by `release()` (or, as a safety net, when the
 * wrapper is garbage-collected).
 */
export class WindowsMapi {
  /** The shared state of every wrapper. */
  readonly runtime: WinRuntime;

  constructor(
    /** The loaded MAPI library. */
    readonly library: MapiLibrary,
    options: WindowsMapiOptions = {},
  ) {
    this.runtime = new WinRuntime(options.koffi ?? loadKoffi(), library, options);
    installWrapperFactory(this.runtime);
  }

  /** Failures of advise sinks (when no onSinkError hook was given). */
  get sinkErrors(): readonly SinkErrorRecord[] {
    return this.runtime.sinkErrors;
  }

  private withNative<T>(bytes: Uint8Array | null, f: (p: Pointer | null) => T): T {
    if (!bytes) return f(null);
    const mem = this.runtime.mem;
    const p = mem.alloc(bytes.length);
    try {
      mem.writeBytes(p, bytes);
      return f(p);
    } finally {
      mem.free(p);
    }
  }

  /** @see mapiinitialize.md */
  MAPIInitialize(lpMapiInit: MAPIINIT_0 | null = null): Promise<void> {
    try {
      if (lpMapiInit !== null && lpMapiInit !== undefined && (typeof lpMapiInit !== 'object' || typeof lpMapiInit.ulVersion !== 'number' || typeof lpMapiInit.ulFlags !== 'number')) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'MAPIInitialize: lpMapiInit must be a MAPIINIT_0 ({ ulVersion, ulFlags }) or null');
      }
      const init = lpMapiInit ? mapiInitBytes(lpMapiInit.ulVersion, lpMapiInit.ulFlags) : null;
      this.withNative(init, (p) => checkHr(this.library.MAPIInitialize(p), 'MAPIInitialize'));
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** @see mapiuninitialize.md */
  MAPIUninitialize(): void {
    this.library.MAPIUninitialize();
  }

  /** The profile name (and password) are passed as UTF-16 with MAPI_UNICODE. @see mapilogonex.md */
  MAPILogonEx(lpszProfileName: string | null, lpszPassword: string | null, flFlags = 0): Promise<IMAPISession> {
    try {
      const name = lpszProfileName === null || lpszProfileName === undefined ? null : utf16z(lpszProfileName);
      const pass = lpszPassword === null || lpszPassword === undefined ? null : utf16z(lpszPassword);
      const f = this.runtime.frame(1);
      let hr: number;
      let session: Pointer | null;
      try {
        hr = this.withNative(name, (pn) => this.withNative(pass, (pp) => this.library.MAPILogonEx(0n, pn, pp, ((flFlags | MAPI_UNICODE) >>> 0), f.cell(0))));
        session = f.ptr(0);
      } finally {
        f.dispose();
      }
      checkHr(hr, 'MAPILogonEx');
      if (session === null) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'MAPILogonEx returned no session');
      return Promise.resolve(this.runtime.wrap(session, { iid: IID_IMAPISession, fallback: 'IMAPISession' }) as IMAPISession);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** @see mapiadminprofiles.md */
  MAPIAdminProfiles(ulFlags = 0): Promise<IProfAdmin> {
    try {
      const f = this.runtime.frame(1);
      let hr: number;
      let admin: Pointer | null;
      try {
        hr = this.library.MAPIAdminProfiles(ulFlags >>> 0, f.cell(0));
        admin = f.ptr(0);
      } finally {
        f.dispose();
      }
      checkHr(hr, 'MAPIAdminProfiles');
      if (admin === null) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'MAPIAdminProfiles returned no object');
      return Promise.resolve(this.runtime.wrap(admin, { iid: IID_IProfAdmin, fallback: 'IProfAdmin' }) as IProfAdmin);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Opens the form manager of a session this backend made (mapi32.dll's MAPIOpenFormMgr,
   * MAPI-ABI-x64.md §4.2). Rejects with MAPI_E_INVALID_PARAMETER for any other session.
   * @see mapiopenformmgr.md
   */
  MAPIOpenFormMgr(pSession: IMAPISession): Promise<IMAPIFormMgr> {
    try {
      const session = nativePointerOf(pSession);
      if (session === null) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'MAPIOpenFormMgr: pSession must be a session from this backend\'s MAPILogonEx');
      const f = this.runtime.frame(1);
      let hr: number;
      let mgr: Pointer | null;
      try {
        hr = this.library.MAPIOpenFormMgr(session, f.cell(0));
        mgr = f.ptr(0);
      } finally {
        f.dispose();
      }
      checkHr(hr, 'MAPIOpenFormMgr');
      if (mgr === null) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'MAPIOpenFormMgr returned no form manager');
      return Promise.resolve(this.runtime.wrap(mgr, { iid: IID_IMAPIFormMgr, fallback: 'IMAPIFormMgr' }) as IMAPIFormMgr);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Delivers pending notifications: HrDispatchNotifications (for sinks whose notifications wait
   * for this thread), then a turn of the event loop (koffi runs callbacks from MAPI's
   * notification thread when the loop gets control).
   * @see hrdispatchnotifications.md
   */
  async flushNotifications(): Promise<void> {
    this.library.HrDispatchNotifications(0);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Frees the backend's own native memory and callbacks (call after every object was released and MAPIUninitialize). */
  dispose(): void {
    this.runtime.dispose();
  }
}

/**
 * A WindowsMapi over Outlook's MAPI, located as MAPI's stub library does.
 * @throws EmulatorError off 64-bit Windows or when Outlook's MAPI cannot be loaded
 */
export function createWindowsMapi(options: WindowsMapiOptions & LoadMapiLibraryOptions = {}): WindowsMapi {
  const library = loadMapiLibrary(options);
  return new WindowsMapi(library, { ...options, koffi: options.koffi ?? loadKoffi() });
}
