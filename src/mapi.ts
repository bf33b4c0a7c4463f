/**
 * The composition root: `createMapi` builds a subsystem (core) with the built-in services
 * (providers), and the MAPI-style top-level functions act on a default subsystem. It lives
 * above `core/` and `providers/` so that core never imports a provider (DESIGN.md).
 */
import type { IMAPISession, IProfAdmin } from './core/session/interfaces.js';
import { MapiSubsystem, type MAPIINIT_0, type MapiOptions } from './core/session/MapiSubsystem.js';
import { MemoryServer } from './providers/memory-store/MemoryServer.js';
import { memoryStoreService } from './providers/memory-store/service.js';

/** Options of {@link createMapi}. */
export interface CreateMapiOptions extends MapiOptions {
  /** The server of the in-memory mailbox service [a new one, with ids from the subsystem's source]; share one to share mailboxes between subsystems. */
  memoryServer?: MemoryServer;
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
export function createMapi(options: CreateMapiOptions = {}): MapiSubsystem {
  const mapi = new MapiSubsystem(options);
  mapi.registerService(memoryStoreService(options.memoryServer ?? new MemoryServer(mapi.ids)), { default: true });
  return mapi;
}

/** The default subsystem: the only module-level state of mapi-emu. */
let defaultMapi: MapiSubsystem | undefined;

/** The subsystem the top-level MAPI functions act on (created with `createMapi()` on first use). */
export function getDefaultMapi(): MapiSubsystem {
  defaultMapi ??= createMapi();
  return defaultMapi;
}

/** Replaces the default subsystem (undefined: a fresh one is created on next use). */
export function setDefaultMapi(mapi: MapiSubsystem | undefined): void {
  defaultMapi = mapi;
}

/** MAPIInitialize on the default subsystem. @see mapiinitialize.md */
export function MAPIInitialize(lpMapiInit: MAPIINIT_0 | null = null): Promise<void> {
  return getDefaultMapi().MAPIInitialize(lpMapiInit);
}

/** MAPIUninitialize on the default subsystem. @see mapiuninitialize.md */
export function MAPIUninitialize(): void {
  getDefaultMapi().MAPIUninitialize();
}

/** MAPILogonEx on the default subsystem. @see mapilogonex.md */
export function MAPILogonEx(lpszProfileName: string | null, lpszPassword: string | null, flFlags = 0): Promise<IMAPISession> {
  return getDefaultMapi().MAPILogonEx(lpszProfileName, lpszPassword, flFlags);
}

/** MAPIAdminProfiles on the default subsystem. @see mapiadminprofiles.md */
export function MAPIAdminProfiles(ulFlags = 0): Promise<IProfAdmin> {
  return getDefaultMapi().MAPIAdminProfiles(ulFlags);
}
