import type { IMAPISession } from './interfaces.js';
import type { MapiSubsystem } from './MapiSubsystem.js';
import { MapiError } from '../errors/MapiError.js';
import {
  MAPI_ALLOW_OTHERS,
  MAPI_APP_PROFILE,
  MAPI_EXPLICIT_PROFILE,
  MAPI_EXTENDED,
  MAPI_FORCE_DOWNLOAD,
  MAPI_LOGON_UI,
  MAPI_NEW_SESSION,
  MAPI_NO_MAIL,
  MAPI_NT_SERVICE,
  MAPI_PASSWORD_UI,
  MAPI_SERVICE_UI_ALWAYS,
  MAPI_TIMEOUT_SHORT,
  MAPI_UNICODE,
  MAPI_USE_DEFAULT,
} from '../generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_LOGON_FAILED, MAPI_E_NO_SUPPORT, MAPI_E_UNKNOWN_FLAGS } from '../generated/scodes.js';
import { MAPI_BG_SESSION } from '../generated/constants.js';
import { MAX_PROFILE_NAME } from './common.js';
import { SessionCore } from './SessionCore.js';
import { MapiSession } from './MapiSession.js';

/** Every flag MAPILogonEx knows (mapilogonex.md). */
export const LOGON_FLAGS =
  MAPI_ALLOW_OTHERS |
  MAPI_APP_PROFILE |
  MAPI_BG_SESSION |
  MAPI_EXPLICIT_PROFILE |
  MAPI_EXTENDED |
  MAPI_FORCE_DOWNLOAD |
  MAPI_LOGON_UI |
  MAPI_NEW_SESSION |
  MAPI_NO_MAIL |
  MAPI_NT_SERVICE |
  MAPI_PASSWORD_UI |
  MAPI_SERVICE_UI_ALWAYS |
  MAPI_TIMEOUT_SHORT |
  MAPI_UNICODE |
  MAPI_USE_DEFAULT;

/**
 * MAPILogonEx: picks the profile (or the shared session) and starts a session on it.
 * @see mapilogonex.md
 */
export async function logonEx(mapi: MapiSubsystem, lpszProfileName: unknown, lpszPassword: unknown, flFlags: unknown): Promise<IMAPISession> {
  if (typeof flFlags !== 'number' || !Number.isInteger(flFlags)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'MAPILogonEx: flFlags must be a number');
  const flags = flFlags >>> 0;
  if (flags & ~LOGON_FLAGS) throw new MapiError(MAPI_E_UNKNOWN_FLAGS, `MAPILogonEx: unknown flags 0x${((flags & ~LOGON_FLAGS) >>> 0).toString(16)}`);
  if (lpszProfileName !== null && lpszProfileName !== undefined && typeof lpszProfileName !== 'string') {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, 'MAPILogonEx: lpszProfileName must be a string or null');
  }
  if (lpszPassword !== null && lpszPassword !== undefined && typeof lpszPassword !== 'string') {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, 'MAPILogonEx: lpszPassword must be a string or null');
  }
  // MAPI_SERVICE_UI_ALWAYS: "should display a configuration dialog box for each message service" — UI only.
  if (flags & MAPI_SERVICE_UI_ALWAYS) throw new MapiError(MAPI_E_NO_SUPPORT, 'MAPILogonEx: MAPI_SERVICE_UI_ALWAYS needs configuration dialogs, which the emulator does not have');

  // "If the MAPI_NEW_SESSION flag is not set, MAPILogonEx uses an existing shared session even
  // if the lpszProfileName parameter is not NULL."
  const shared = mapi.sharedSession;
  if (!(flags & MAPI_NEW_SESSION) && shared && !shared.ended) return new MapiSession(shared);

  let name = typeof lpszProfileName === 'string' ? lpszProfileName : '';
  if (name === '') {
    // "MAPI_USE_DEFAULT: substitute the profile name of the default profile"; MAPI_EXPLICIT_PROFILE
    // only matters without it. Without a name, MAPI would show the logon dialog: there is none.
    const def = flags & MAPI_USE_DEFAULT ? mapi.profiles.defaultProfile() : undefined;
    if (!def) {
      throw new MapiError(
        MAPI_E_LOGON_FAILED,
        flags & MAPI_USE_DEFAULT ? 'MAPILogonEx: no profile name was given and there is no default profile' : 'MAPILogonEx: no profile name was given (pass a name, or MAPI_USE_DEFAULT)',
      );
    }
    name = def.name;
  }
  // "This string is limited to 64 characters."
  if (name.length > MAX_PROFILE_NAME) throw new MapiError(MAPI_E_LOGON_FAILED, `MAPILogonEx: the profile name is longer than ${MAX_PROFILE_NAME} characters`);
  const profile = mapi.profiles.get(name);
  if (!profile) throw new MapiError(MAPI_E_LOGON_FAILED, `MAPILogonEx: there is no profile named ${JSON.stringify(name)}`);
  // Profiles have no passwords (iprofadmin-changeprofilepassword.md); lpszPassword "must be NULL" and is ignored.

  const core = new SessionCore(mapi, profile, flags);
  // MAPI_ALLOW_OTHERS: "The shared session should be returned, which allows later clients to obtain the session".
  if (flags & MAPI_ALLOW_OTHERS && !(mapi.sharedSession && !mapi.sharedSession.ended)) {
    core.shared = true;
    mapi.sharedSession = core;
  }
  return new MapiSession(core);
}
