/**
 * The exported functions of a MAPI library (MAPI-ABI-x64.md §4.2) as the backend calls them:
 * synchronous, with native pointers (BigInt) and explicit widths. Built from a symbol
 * resolver, so the same declarations serve Outlook's olmapi32.dll on Windows and the fake
 * MAPI of the tests (whose exports are koffi-registered callbacks) on Linux.
 *
 * A missing optional export behaves as in MAPI's stub library (§4.1): HRESULT functions
 * answer MAPI_E_CALL_FAILED, void functions do nothing.
 */
import type { Koffi } from '../koffi.js';
import type { Pointer } from '../abi/memory.js';
import type { AbiWidth } from '../com/layoutTypes.js';
import { functionType } from '../com/protos.js';
import { EmulatorError } from '../../../core/errors/MapiError.js';
import { MAPI_E_CALL_FAILED } from '../../../core/generated/scodes.js';

/** The exports the backend uses. */
export interface MapiLibraryExports {
  /** @see mapiinitialize.md */
  MAPIInitialize(lpMapiInit: Pointer | null): number;
  /** @see mapiuninitialize.md */
  MAPIUninitialize(): void;
  /** @see mapilogonex.md */
  MAPILogonEx(ulUIParam: bigint, lpszProfileName: Pointer | null, lpszPassword: Pointer | null, flFlags: number, lppSession: Pointer): number;
  /** @see mapiadminprofiles.md */
  MAPIAdminProfiles(ulFlags: number, lppProfAdmin: Pointer): number;
  /** @see mapiallocatebuffer.md */
  MAPIAllocateBuffer(cbSize: number, lppBuffer: Pointer): number;
  /** @see mapiallocatemore.md */
  MAPIAllocateMore(cbSize: number, lpObject: Pointer, lppBuffer: Pointer): number;
  /** @see mapifreebuffer.md */
  MAPIFreeBuffer(lpBuffer: Pointer | null): number;
  /** @see freeprows.md */
  FreeProws(lpRows: Pointer | null): void;
  /** @see freepadrlist.md */
  FreePadrlist(lpAdrlist: Pointer | null): void;
  /** @see hrdispatchnotifications.md */
  HrDispatchNotifications(ulFlags: number): number;
  /** Optional: a library without it answers MAPI_E_CALL_FAILED. @see mapiopenformmgr.md */
  MAPIOpenFormMgr(pSession: Pointer, ppmgr: Pointer): number;
  /** ole32's CoTaskMemFree, for the name IStream::Stat allocates. */
  CoTaskMemFree(pv: Pointer | null): void;
}

/** A loaded MAPI library. */
export interface MapiLibrary extends MapiLibraryExports {
  /** Where it was loaded from (a DLL path, or a description of a fake). */
  readonly path: string;
  /** The ANSI code page of the process (GetACP()): PT_STRING8 values and LPSTR arguments are in it. */
  readonly codePage: number;
  /** The address of an export (for APIs that take MAPIAllocateBuffer & co. as function pointers), or null. */
  symbol(name: string): Pointer | null;
  /** Unloads the library (no call may follow). */
  unload(): void;
}

/** Signature of each export: return width and parameter widths (§4.2). */
export const MAPI_EXPORT_SIGNATURES: Record<keyof MapiLibraryExports, readonly [AbiWidth | 'void', readonly AbiWidth[]]> = {
  MAPIInitialize: ['i32', ['ptr']],
  MAPIUninitialize: ['void', []],
  MAPILogonEx: ['i32', ['u64', 'ptr', 'ptr', 'u32', 'ptr']],
  MAPIAdminProfiles: ['i32', ['u32', 'ptr']],
  MAPIAllocateBuffer: ['i32', ['u32', 'ptr']],
  MAPIAllocateMore: ['i32', ['u32', 'ptr', 'ptr']],
  MAPIFreeBuffer: ['u32', ['ptr']],
  FreeProws: ['void', ['ptr']],
  FreePadrlist: ['void', ['ptr']],
  HrDispatchNotifications: ['i32', ['u32']],
  MAPIOpenFormMgr: ['i32', ['ptr', 'ptr']],
  CoTaskMemFree: ['void', ['ptr']],
};

/** Exports without which the backend cannot work at all. */
export const REQUIRED_EXPORTS: readonly (keyof MapiLibraryExports)[] = [
  'MAPIInitialize', 'MAPIUninitialize', 'MAPILogonEx', 'MAPIAdminProfiles', 'MAPIAllocateBuffer', 'MAPIAllocateMore', 'MAPIFreeBuffer', 'FreeProws', 'FreePadrlist',
];

/** What {@link bindMapiLibrary} needs besides the resolver. */
export interface BindOptions {
  /** Description of where the library came from. */
  path: string;
  /** CP_ACP of the process. */
  codePage: number;
  /** Resolves exports that live in another DLL (CoTaskMemFree in ole32.dll); default: none. */
  resolveOther?: (name: string) => Pointer | null;
  /** Called by unload(). */
  unload?: () => void;
}

/**
 * Binds the exports found by `resolve` (name → function address) to callable functions.
 * @throws EmulatorError when a required export is missing.
 */
export function bindMapiLibrary(koffi: Koffi, resolve: (name: string) => Pointer | null, options: BindOptions): MapiLibrary {
  const missing = REQUIRED_EXPORTS.filter((n) => !safe(() => resolve(n)));
  if (missing.length) {
    throw new EmulatorError(`${options.path} is not a usable MAPI library: it does not export ${missing.join(', ')}`);
  }
  const lib: Partial<MapiLibrary> = {};
  for (const [name, [ret, params]] of Object.entries(MAPI_EXPORT_SIGNATURES) as [keyof MapiLibraryExports, readonly [AbiWidth | 'void', readonly AbiWidth[]]][]) {
    const addr = safe(() => (name === 'CoTaskMemFree' ? (options.resolveOther?.(name) ?? resolve(name)) : resolve(name)));
    if (addr) {
      const fn = koffi.decode(addr, functionType(koffi, ret, params)) as (...a: unknown[]) => number | undefined;
      (lib as Record<string, unknown>)[name] = fn;
    } else {
      // The stub library's defaults for a missing export (§4.1).
      (lib as Record<string, unknown>)[name] = ret === 'void' ? () => undefined : ret === 'u32' ? () => 0 : () => MAPI_E_CALL_FAILED | 0;
    }
  }
  return Object.assign(lib, {
    path: options.path,
    codePage: options.codePage,
    symbol: (name: string) => safe(() => resolve(name)),
    unload: options.unload ?? (() => undefined),
  }) as MapiLibrary;
}

function safe(f: () => Pointer | null): Pointer | null {
  try {
    const p = f();
    return typeof p === 'bigint' && p !== 0n ? p : null;
  } catch {
    return null;
  }
}
