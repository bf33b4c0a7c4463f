/**
 * HRESULT handling: failures become MapiError with the scode MAPI returned (the same table the
 * emulator builds its errors from, src/core/generated/scodes.ts); success codes, MAPI_W_*
 * warnings included, are returned for the wrapper to surface as the emulator does (a
 * `warning` field, PT_ERROR entries).
 */
import { EmulatorError, FAILED, MapiError, scodeName } from '../../../core/errors/MapiError.js';
import { MAPI_E_CALL_FAILED } from '../../../core/generated/scodes.js';

/** An HRESULT as koffi returns an int32 (negative for failures) made unsigned, as MapiError.scode is. */
export function hrU32(hr: number): number {
  return hr >>> 0;
}

/**
 * The value a JS implementation of a COM method returns to native code for an error:
 * a MapiError's scode, MAPI_E_CALL_FAILED for anything else. Never S_OK (MAPI-ABI-x64.md
 * §6.3: an exception must not reach the caller as success).
 */
export function scodeOfError(e: unknown): number {
  if (e instanceof MapiError && FAILED(e.scode)) return e.scode;
  return MAPI_E_CALL_FAILED;
}

/** The int32 a koffi callback with an HRESULT return must give back for `scode`. */
export function asI32(scode: number): number {
  return scode | 0;
}

/**
 * Throws MapiError when `hr` is a failure; returns the unsigned success code otherwise.
 * `details` supplies extra text (GetLastError's) for the message.
 */
export function checkHr(hr: number, what: string, details?: (hr: number) => string | null): number {
  const u = hr >>> 0;
  if (!FAILED(u)) return u;
  let text: string | null = null;
  try {
    text = details ? details(u) : null;
  } catch {
    text = null;
  }
  throw new MapiError(u, text ? `${what}: ${text}` : `${what} failed: ${scodeName(u)}`);
}

/** A MapiError for an argument the backend cannot pass to MAPI (not a JS value of the right kind). */
export function badArgument(what: string, why: string, scode: number): MapiError {
  return new MapiError(scode, `${what}: ${why}`);
}

/** Re-throws EmulatorErrors; anything else thrown inside a wrapper becomes MAPI_E_CALL_FAILED with the original as cause. */
export function asMapiError(e: unknown, what: string): MapiError {
  if (e instanceof MapiError) return e;
  if (e instanceof EmulatorError) throw e;
  const err = new MapiError(MAPI_E_CALL_FAILED, `${what}: ${e instanceof Error ? e.message : String(e)}`);
  (err as Error & { cause?: unknown }).cause = e;
  return err;
}
