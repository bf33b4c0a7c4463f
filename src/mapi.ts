/**
 * The composition root: `createMapi` builds a subsystem (core) with the built-in services
 * (providers), and the MAPI-style top-level functions act on a default subsystem. It lives
 * above `core/` and `providers/` so that core never imports a provider (DESIGN.md).
 */
import type { IMAPISession, IProfAdmin } from './core/session/interfaces.js';
import { MapiSubsystem, type MAPIINIT_0, type MapiOptions } from './core/session/MapiSubsystem.js';
import { EmulatorError } from './core/errors/MapiError.js';
import { MemoryServer } from './providers/memory-store/MemoryServer.js';
import { memoryStoreService } from './providers/memory-store/service.js';
import { directoryService } from './providers/directory/service.js';
import { pabService, type PabStore } from './providers/pab/service.js';
import { pstStoreService, PST_SERVICE_ANSI, PST_SERVICE_UNICODE } from './providers/pst-store/service.js';
import { loopbackTransportService } from './providers/loopback-transport/service.js';
import { msgStoreService } from './providers/msg-store/service.js';
// The Windows backend's modules load koffi only when a WindowsMapi is built (backend: 'windows').
import type { WindowsMapi } from './providers/windows/WindowsMapi.js';
import { backendFromEnvironment, openWindowsBackend, type MapiBackendName, type WindowsBackendOptions } from './providers/windows/backend.js';

/** Options of {@link createMapi}. */
export interface CreateMapiOptions extends MapiOptions {
  /** The server of the in-memory mailbox service [a new one, with ids from the subsystem's source]; share one to share mailboxes between subsystems. */
  memoryServer?: MemoryServer;
  /** Where the personal address books of the `MAPIEMU_PAB` service live [a new PabStore]; share one to share PABs between subsystems. */
  pabStore?: PabStore;
  /**
   * Where MAPI calls go ['emulator']: 'windows' returns the same entry points over Outlook's
   * MAPI through koffi (docs/windows.md); elsewhere than 64-bit Windows with Outlook it throws
   * an EmulatorError that says why. The emulator's options (clock, ids, ...) do not apply to it.
   */
  backend?: MapiBackendName;
  /** Options of the Windows backend (a MAPI DLL path, or an already-bound library such as the fake MAPI ABI of the tests). */
  windows?: WindowsBackendOptions;
}

/**
 * A new, isolated MAPI world with the in-memory mailbox service (`MAPIEMU_MEMSTORE`)
 * registered and listed in [Default Services]. Call `MAPIInitialize` on it before anything
 * else, as with MAPI.
 *
 * @example
 * const mapi = createMapi({ clock: new VirtualClock(), scheduler: new ManualScheduler() });
 * await mapi.MAPIInitialize();
 * const admin = await mapi.MAPIAdminProfiles(0);
 */
export function createMapi(options: CreateMapiOptions & { backend: 'windows' }): WindowsMapi;
export function createMapi(options?: CreateMapiOptions & { backend?: 'emulator' }): MapiSubsystem;
export function createMapi(options?: CreateMapiOptions): MapiSubsystem | WindowsMapi;
export function createMapi(options: CreateMapiOptions = {}): MapiSubsystem | WindowsMapi {
  if (options.backend === 'windows') return openWindowsBackend(options.windows);
  if (options.backend !== undefined && options.backend !== 'emulator') {
    throw new EmulatorError(`[mapi-emu] createMapi: unknown backend '${String(options.backend)}' (use 'emulator' or 'windows')`);
  }
  const mapi = new MapiSubsystem(options);
  const server = options.memoryServer ?? new MemoryServer(mapi.ids);
  mapi.registerService(memoryStoreService(server), { default: true });
  // Mail between the server's mailboxes (not a default service: profiles add it, as createWorld does).
  mapi.registerService(loopbackTransportService(server));
  // The address books: the server's directory (a GAL) and a personal address book per profile (docs/addressbook.md).
  mapi.registerService(directoryService(server));
  mapi.registerService(pabService(options.pabStore));
  // Outlook's PST services, configured with PR_PST_PATH (docs/pst.md).
  mapi.registerService(pstStoreService({ name: PST_SERVICE_UNICODE }));
  mapi.registerService(pstStoreService({ name: PST_SERVICE_ANSI }));
  // A store kept as a directory of .msg files, configured with PR_MSGSTORE_PATH_W (docs/msg-store.md).
  mapi.registerService(msgStoreService());
  return mapi;
}

/** The default subsystem: the only module-level state of mapi-emu. */
let defaultMapi: MapiSubsystem | WindowsMapi | undefined;

/**
 * The subsystem the top-level MAPI functions act on, created on first use: `createMapi()`,
 * or the Windows backend when the environment variable `MAPI_EMU_BACKEND` is `windows`.
 * @throws EmulatorError when MAPI_EMU_BACKEND names no backend, or names 'windows' where Outlook's MAPI cannot be loaded
 */
export function getDefaultMapi(): MapiSubsystem | WindowsMapi {
  defaultMapi ??= backendFromEnvironment() === 'windows' ? createMapi({ backend: 'windows' }) : createMapi();
  return defaultMapi;
}

/** Replaces the default subsystem (undefined: a fresh one is created on next use). */
export function setDefaultMapi(mapi: MapiSubsystem | WindowsMapi | undefined): void {
  defaultMapi = mapi;
}

/** Calls the default subsystem; a failure to create it (MAPI_EMU_BACKEND) rejects instead of throwing. */
function onDefault<T>(f: (mapi: MapiSubsystem | WindowsMapi) => Promise<T>): Promise<T> {
  try {
    return f(getDefaultMapi());
  } catch (e) {
    return Promise.reject(e);
  }
}

/** MAPIInitialize on the default subsystem. @see mapiinitialize.md */
export function MAPIInitialize(lpMapiInit: MAPIINIT_0 | null = null): Promise<void> {
  return onDefault((m) => m.MAPIInitialize(lpMapiInit));
}

/** MAPIUninitialize on the default subsystem. @see mapiuninitialize.md */
export function MAPIUninitialize(): void {
  getDefaultMapi().MAPIUninitialize();
}

/** MAPILogonEx on the default subsystem. @see mapilogonex.md */
export function MAPILogonEx(lpszProfileName: string | null, lpszPassword: string | null, flFlags = 0): Promise<IMAPISession> {
  return onDefault((m) => m.MAPILogonEx(lpszProfileName, lpszPassword, flFlags));
}

/** MAPIAdminProfiles on the default subsystem. @see mapiadminprofiles.md */
export function MAPIAdminProfiles(ulFlags = 0): Promise<IProfAdmin> {
  return onDefault((m) => m.MAPIAdminProfiles(ulFlags));
}
