/**
 * Loads Outlook's MAPI for the Windows backend. On 64-bit Windows it locates olmapi32.dll the
 * way MAPI's stub library does (locate.ts) and binds its exports; anywhere else, or when no
 * MAPI can be loaded, it fails with an EmulatorError that says why and what to do — never a
 * crash.
 */
import { EmulatorError } from '../../../core/errors/MapiError.js';
import { DEFAULT_ACP } from '../../../core/props/codepage.js';
import { loadKoffi, type Koffi } from '../koffi.js';
import type { Pointer } from '../abi/memory.js';
import { bindMapiLibrary, type MapiLibrary } from './MapiLibrary.js';
import { loadedMapiModule, mapiCandidates, mapiFolder, type LocateOptions, type MapiLocatorSystem } from './locate.js';
import { windowsSystem } from './windowsSystem.js';

/** Options of {@link loadMapiLibrary}. */
export interface LoadMapiLibraryOptions extends LocateOptions {
  /** Load this DLL instead of locating Outlook's MAPI. */
  path?: string;
  /** For tests: the platform to act as [process.platform]. */
  platform?: NodeJS.Platform;
  /** For tests: the architecture to act as [process.arch]. */
  arch?: string;
  /** For tests: the Windows facilities [the Win32 API]. */
  system?: MapiLocatorSystem & { ansiCodePage?(): number };
}

const HOW_TO =
  "Use the emulator instead (createMapi() or backend: 'emulator'), or run on 64-bit Windows with 64-bit Outlook (Microsoft 365 / Office 2016 or later) installed.";

function tryLoad(koffi: Koffi, path: string): { lib: ReturnType<Koffi['load']> } | { error: string } {
  try {
    return { lib: koffi.load(path) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function bind(koffi: Koffi, handle: ReturnType<Koffi['load']>, path: string, codePage: number, ole32: ReturnType<Koffi['load']> | null): MapiLibrary {
  const sym = (h: ReturnType<Koffi['load']>, name: string): Pointer | null => {
    try {
      const p = h.symbol(name) as bigint | null;
      return typeof p === 'bigint' && p !== 0n ? p : null;
    } catch {
      return null;
    }
  };
  return bindMapiLibrary(koffi, (name) => sym(handle, name), {
    path,
    codePage,
    resolveOther: (name) => (ole32 ? sym(ole32, name) : null),
    unload: () => {
      try {
        handle.unload();
      } catch {
        // Unloading MAPI is best effort (Windows keeps it while objects are alive).
      }
    },
  });
}

/**
 * Outlook's MAPI, located and loaded.
 * @throws EmulatorError off 64-bit Windows, without koffi, or when no MAPI DLL can be loaded (the message lists what was tried).
 */
export function loadMapiLibrary(options: LoadMapiLibraryOptions = {}): MapiLibrary {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  if (!options.path && platform !== 'win32') {
    throw new EmulatorError(`the Windows backend needs Outlook's MAPI (olmapi32.dll), which only exists on Windows; this is ${platform}. ${HOW_TO}`);
  }
  if (!options.path && arch !== 'x64') {
    throw new EmulatorError(`the Windows backend supports 64-bit (x64) processes with 64-bit Outlook; this process is ${arch}. ${HOW_TO}`);
  }
  const koffi = loadKoffi();
  if (options.path) {
    const r = tryLoad(koffi, options.path);
    if ('error' in r) throw new EmulatorError(`could not load the MAPI library ${options.path}: ${r.error}`);
    return bind(koffi, r.lib, options.path, options.system?.ansiCodePage?.() ?? DEFAULT_ACP, null);
  }
  const sys = options.system ?? windowsSystem(koffi);
  const codePage = sys.ansiCodePage?.() ?? DEFAULT_ACP;
  const ole32 = (() => {
    const r = tryLoad(koffi, 'ole32.dll');
    return 'lib' in r ? r.lib : null;
  })();
  const already = loadedMapiModule(sys);
  const candidates = already ? [already] : mapiCandidates(sys, options);
  const failures: string[] = [];
  for (const path of candidates) {
    const r = tryLoad(koffi, path);
    if ('error' in r) {
      failures.push(`${path}: ${r.error}`);
      continue;
    }
    try {
      const lib = bind(koffi, r.lib, path, codePage, ole32);
      // stubutils.cpp: pstprx32.dll next to Outlook's MAPI prevents a crash when profile creation uses Autodiscover.
      if (path.toLowerCase().endsWith('olmapi32.dll')) tryLoad(koffi, `${mapiFolder(path)}pstprx32.dll`);
      return lib;
    } catch (e) {
      failures.push(`${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new EmulatorError(
    `could not find Outlook's MAPI. ${candidates.length ? `Tried: ${failures.join('; ')}.` : 'No candidate was found (no default mail client in HKLM\\Software\\Clients\\Mail and no Outlook registered with Windows Installer).'} ${HOW_TO}`,
  );
}
