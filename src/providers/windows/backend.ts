/**
 * Choosing the Windows backend: `createMapi({ backend: 'windows' })` and the
 * `MAPI_EMU_BACKEND` environment variable of the default subsystem (src/mapi.ts) come here.
 * Nothing in this module loads koffi: it is loaded when a WindowsMapi is built, and only on
 * a machine where Outlook's MAPI can exist (loadMapiLibrary refuses any other platform first,
 * with an EmulatorError that says why).
 */
import type { IMAPISession, IProfAdmin } from '../../core/session/interfaces.js';
import type { MAPIINIT_0 } from '../../core/session/MapiSubsystem.js';
import { EmulatorError } from '../../core/errors/MapiError.js';
import { WindowsMapi, type WindowsMapiOptions } from './WindowsMapi.js';
import type { MapiLibrary } from './library/MapiLibrary.js';
import { loadMapiLibrary, type LoadMapiLibraryOptions } from './library/loadMapiLibrary.js';

/** Where MAPI calls go: the emulator (the default) or Outlook's MAPI through the Windows backend. */
export type MapiBackendName = 'emulator' | 'windows';

/** The environment variable that chooses the backend of the default subsystem (`emulator` or `windows`). */
export const MAPI_EMU_BACKEND_ENV = 'MAPI_EMU_BACKEND';

/**
 * The MAPI entry points every backend offers: what client code written MAPI-style calls
 * (MapiSubsystem and WindowsMapi both have them).
 */
export interface MapiApi {
  /** @see mapiinitialize.md */
  MAPIInitialize(lpMapiInit?: MAPIINIT_0 | null): Promise<void>;
  /** @see mapiuninitialize.md */
  MAPIUninitialize(): void;
  /** @see mapilogonex.md */
  MAPILogonEx(lpszProfileName: string | null, lpszPassword: string | null, flFlags?: number): Promise<IMAPISession>;
  /** @see mapiadminprofiles.md */
  MAPIAdminProfiles(ulFlags?: number): Promise<IProfAdmin>;
  /** Delivers pending notifications (the emulator's scheduler; HrDispatchNotifications on Windows). */
  flushNotifications(): Promise<void>;
}

/** Options of the Windows backend (`createMapi({ backend: 'windows', windows: {...} })`). */
export interface WindowsBackendOptions extends WindowsMapiOptions, LoadMapiLibraryOptions {
  /**
   * A MAPI library already bound (the fake MAPI ABI of mapi-emu's tests, or one you bound
   * with bindMapiLibrary) instead of locating Outlook's.
   */
  library?: MapiLibrary;
}

/**
 * A WindowsMapi over `options.library`, or over Outlook's MAPI located as MAPI's stub library
 * does.
 * @throws EmulatorError off 64-bit Windows (without `library`), without koffi, or when
 * Outlook's MAPI cannot be loaded; the message says why and what to do
 */
export function openWindowsBackend(options: WindowsBackendOptions = {}): WindowsMapi {
  const library = options.library ?? loadMapiLibrary(options);
  return new WindowsMapi(library, options);
}

/**
 * The backend named by `MAPI_EMU_BACKEND` ('emulator' when unset or empty).
 * @throws EmulatorError for any other value
 */
export function backendFromEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): MapiBackendName {
  const raw = env[MAPI_EMU_BACKEND_ENV];
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '' || v === 'emulator') return 'emulator';
  if (v === 'windows') return 'windows';
  throw new EmulatorError(`[mapi-emu] ${MAPI_EMU_BACKEND_ENV}=${raw} is not a backend: use 'emulator' (the default) or 'windows' (Outlook's MAPI on 64-bit Windows).`);
}
