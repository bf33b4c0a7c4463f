import { MapiError } from '../../errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER } from '../../generated/scodes.js';

// Internal helpers shared by the MAPI utility functions. Not part of the public API.

/** True for a non-null object (arrays included), i.e. something a C pointer could point at. @see spropvalue.md */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** True for an integer that fits a ULONG, or a LONG written signed (tags built with `|`). @see prop_tag.md */
export function isUlong(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= -0x80000000 && v <= 0xffffffff;
}

/** The tag of something shaped like an SPropValue, unsigned, or undefined when it has none. @see spropvalue.md */
export function tagOf(p: unknown): number | undefined {
  if (!isObject(p)) return undefined;
  const tag = p['ulPropTag'];
  return isUlong(tag) ? tag >>> 0 : undefined;
}

/**
 * The C view of a JS string: native MAPI sees a NUL-terminated string, so everything from the
 * first U+0000 on is invisible to it (lstrlen, lstrcmp, CompareString with length -1).
 * @see spropvalue.md
 */
export function cstr(s: string): string {
  const i = s.indexOf('\0');
  return i < 0 ? s : s.slice(0, i);
}

/** A MapiError(MAPI_E_INVALID_PARAMETER) naming the function and what was wrong. @see error-handling-in-mapi.md */
export function invalidParameter(fn: string, why: string): MapiError {
  return new MapiError(MAPI_E_INVALID_PARAMETER, `${fn}: ${why}`);
}
