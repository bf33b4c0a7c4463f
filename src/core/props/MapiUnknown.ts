import { GUID as GUIDClass, type GUID } from './guid.js';
import type { IUnknown } from './interfaces.js';
import type { MAPIERROR } from './types.js';
import { MapiError, scodeName, scodeText } from '../errors/MapiError.js';
import { IID_IUnknown } from '../generated/guids.js';
import { MAPI_E_INTERFACE_NOT_SUPPORTED, MAPI_E_INVALID_OBJECT, MAPI_E_INVALID_PARAMETER, MAPI_E_CALL_FAILED } from '../generated/scodes.js';

/**
 * One interface call as the subsystem's mock layer sees it: which object, which method,
 * with which arguments. The interceptor may answer itself (fault injection, overrides) or
 * call `next()` to run the real implementation.
 */
export interface CallInterceptor {
  /** Runs (or replaces) one call. */
  intercept<T>(call: InterceptedCall, next: () => Promise<T>): Promise<T>;
}

/** Description of an intercepted call. */
export interface InterceptedCall {
  /** The MAPI interface name, e.g. `IMessage`. */
  interfaceName: string;
  /** The camelCase method name, e.g. `getProps`. */
  method: string;
  /** The arguments as passed. */
  args: readonly unknown[];
  /** The object called. */
  target: IUnknown;
}

/**
 * Base of every emulated MAPI object: queryInterface over a list of interface IDs,
 * release, getLastError bookkeeping, and the single entry point through which every public
 * method runs (`invoke`), so the mock layer can log, override or fail any call.
 */
export abstract class MapiUnknown implements IUnknown {
  /** The MAPI interface name of this object, used in messages and the call log. */
  abstract readonly interfaceName: string;
  /** Interface IDs this object answers queryInterface for (IID_IUnknown is implied). */
  protected abstract readonly interfaceIds: readonly GUID[];
  /** Where the object comes from, for MAPIERROR.lpszComponent. */
  protected component = 'mapi-emu';
  /** Set by the creator (the subsystem) to route calls through the mock layer. */
  interceptor: CallInterceptor | null = null;

  private released = false;
  private lastError: { scode: number; text: string } | null = null;

  /** True once release() has been called. */
  get isReleased(): boolean {
    return this.released;
  }

  /** @see https://learn.microsoft.com/windows/win32/api/unknwn/nf-unknwn-iunknown-queryinterface(refiid_void) */
  queryInterface<T extends IUnknown = IUnknown>(riid: GUID): Promise<T> {
    return this.invoke('queryInterface', [riid], async () => {
      if (!(riid instanceof GUIDClass)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'queryInterface: riid must be a GUID');
      if (riid.equals(IID_IUnknown) || this.interfaceIds.some((i) => i.equals(riid))) return this as unknown as T;
      throw new MapiError(MAPI_E_INTERFACE_NOT_SUPPORTED, `${this.interfaceName} does not support interface ${riid.toString()}`);
    });
  }

  /** True when this object supports the interface `riid`. */
  supportsInterface(riid: GUID): boolean {
    return riid.equals(IID_IUnknown) || this.interfaceIds.some((i) => i.equals(riid));
  }

  /** Gives up the handle; later calls reject with MAPI_E_INVALID_OBJECT. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.onRelease();
  }

  /** Hook for subclasses: stop notifications, drop views. */
  protected onRelease(): void {}

  /**
   * getLastError for every interface that has it: the last failure of a call on this object.
   * It runs through `invoke` like every other method, so after release (or any state a
   * subclass's `invoke` refuses, such as a logged-off session) it rejects the same way;
   * its own failures do not replace the error it reports.
   * @see imapiprop-getlasterror.md
   */
  getLastError(hResult: number, ulFlags = 0): Promise<MAPIERROR | null> {
    return this.invoke('getLastError', [hResult, ulFlags], () => {
      if (typeof hResult !== 'number' || (ulFlags !== undefined && ulFlags !== null && typeof ulFlags !== 'number')) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, `${this.interfaceName}.getLastError: hResult and ulFlags must be numbers`);
      }
      const last = this.lastError;
      if (!last || last.scode !== hResult >>> 0) return null;
      return { ulVersion: 0, lpszError: last.text, lpszComponent: this.component, ulLowLevelError: 0, ulContext: 0 };
    });
  }

  /**
   * Runs one public call: checks the handle is live, routes through the interceptor when
   * there is one, and records failures for getLastError. Every MapiError keeps its scode;
   * anything else thrown by an implementation is a bug and becomes MAPI_E_CALL_FAILED with
   * the original as `cause`, so client code sees a MAPI error, never a TypeError.
   */
  protected invoke<T>(method: string, args: readonly unknown[], impl: () => Promise<T> | T): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.released) throw new MapiError(MAPI_E_INVALID_OBJECT, `${this.interfaceName}.${method}: the object has been released`);
      return await impl();
    };
    const guarded = async (): Promise<T> => {
      try {
        return this.interceptor ? await this.interceptor.intercept({ interfaceName: this.interfaceName, method, args, target: this }, run) : await run();
      } catch (e) {
        const err = toMapiError(e, `${this.interfaceName}.${method}`);
        if (method !== 'getLastError') this.lastError = { scode: err.scode, text: err.message };
        throw err;
      }
    };
    return guarded();
  }
}

/** Turns any thrown value into a MapiError (non-MAPI errors become MAPI_E_CALL_FAILED with a cause). */
export function toMapiError(e: unknown, where: string): MapiError {
  if (e instanceof MapiError) return e;
  if (e instanceof Error && e.name === 'EmulatorError') throw e;
  const err = new MapiError(MAPI_E_CALL_FAILED, `${where}: internal error: ${e instanceof Error ? e.message : String(e)}`);
  (err as Error & { cause?: unknown }).cause = e;
  return err;
}

/** A readable description of an scode for messages: `MAPI_E_NOT_FOUND (not found)`. */
export function describeScode(scode: number): string {
  return `${scodeName(scode)} (${scodeText(scode)})`;
}
