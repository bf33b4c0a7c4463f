import { scodeTable } from '../generated/scodes.js';

const nameByValue = new Map<number, string>();
const valueByName = new Map<string, number>();
for (const [name, value] of scodeTable) {
  valueByName.set(name, value);
  const prev = nameByValue.get(value);
  // Several names can share a value (MAPI_E_CALL_FAILED is E_FAIL); the MAPI_ name is the one
  // MAPI programmers expect to see, so it wins over STG_/E_ aliases.
  if (prev === undefined || (!prev.startsWith('MAPI_') && name.startsWith('MAPI_'))) nameByValue.set(value, name);
}

/** The best-known name of an scode (`MAPI_E_NOT_FOUND`), or its hex form when unknown. */
export function scodeName(scode: number): string {
  return nameByValue.get(scode >>> 0) ?? '0x' + (scode >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** The scode of a name (`MAPI_E_NOT_FOUND` → 0x8004010F), or undefined when unknown. */
export function scodeFromName(name: string): number | undefined {
  const n = name.trim();
  return valueByName.get(n) ?? valueByName.get(n.toUpperCase());
}

/** Every name known for an scode, best first. */
export function scodeNames(scode: number): string[] {
  const best = nameByValue.get(scode >>> 0);
  const all = scodeTable.filter(([, v]) => v === scode >>> 0).map(([n]) => n);
  return best ? [best, ...all.filter((n) => n !== best)] : all;
}

/** A short description of an scode derived from its name: `MAPI_E_NOT_FOUND` → "not found". */
export function scodeText(scode: number): string {
  const name = nameByValue.get(scode >>> 0);
  if (!name) return 'unknown status code';
  if (name === 'S_OK') return 'success';
  if (name === 'S_FALSE') return 'success (false)';
  return name.replace(/^(MAPI|STG|SYNC|E_OLK|E|REGDB|CO|STRSAFE|OLEOBJ|MAIL)_([EWS]_)?/, '').replace(/_/g, ' ').toLowerCase();
}

/** True for a failing scode or HRESULT (severity bit set). @see using-macros-for-error-handling.md */
export function FAILED(hr: number): boolean {
  return (hr >>> 0) >= 0x80000000;
}

/** True for a success scode, warnings included. */
export function SUCCEEDED(hr: number): boolean {
  return !FAILED(hr);
}

/** MAPI's HR_FAILED: same test as FAILED. */
export const HR_FAILED = FAILED;
/** MAPI's HR_SUCCEEDED. */
export const HR_SUCCEEDED = SUCCEEDED;

/** MAKE_MAPI_E(err): an error scode in FACILITY_ITF. */
export function MAKE_MAPI_E(err: number): number {
  return (0x80040000 | (err & 0xffff)) >>> 0;
}

/** MAKE_MAPI_S(warn): a warning scode in FACILITY_ITF. */
export function MAKE_MAPI_S(warn: number): number {
  return (0x00040000 | (warn & 0xffff)) >>> 0;
}

/**
 * A failing MAPI call: every interface method rejects with one of these. `scode` is the
 * numeric status, `name` its SDK name, and the message says what was asked.
 *
 * @example
 * try { await folder.openEntry(bad) } catch (e) { if (MapiError.is(e, MAPI_E_NOT_FOUND)) ... }
 */
export class MapiError extends Error {
  /** The status code, unsigned (0x8004010F). */
  readonly scode: number;
  /** The SDK name, e.g. `MAPI_E_NOT_FOUND`. */
  override readonly name: string;

  /** Builds an error for `scode`; `message` should say what was asked and why it failed. */
  constructor(scode: number, message?: string) {
    const name = scodeName(scode);
    super(message ?? scodeText(scode));
    this.scode = scode >>> 0;
    this.name = name;
  }

  /** True when `e` is a MapiError, optionally with the given scode. */
  static is(e: unknown, scode?: number): e is MapiError {
    return e instanceof MapiError && (scode === undefined || e.scode === scode >>> 0);
  }

  /** The scode of any thrown value: a MapiError's own, or MAPI_E_CALL_FAILED. */
  static scodeOf(e: unknown): number {
    return e instanceof MapiError ? e.scode : 0x80004005;
  }
}

/**
 * Misuse of the emulator itself (bad configuration, a feature it does not model): not a
 * MAPI status. The message starts with `[mapi-emu]` and says what to do.
 */
export class EmulatorError extends Error {
  override readonly name = 'EmulatorError';

  /** `message` is prefixed with `[mapi-emu] ` when it does not start with it already. */
  constructor(message: string) {
    super(message.startsWith('[mapi-emu]') ? message : `[mapi-emu] ${message}`);
  }
}
