/**
 * mapi-emu's own identifiers for the session layer. SDK constants the session uses
 * (MAPI_BG_SESSION, MAPI_FORCE_ACCESS, MDB_ONLINE, ...) come from ../generated/constants.ts,
 * generated from data/mapi-constants-extra.tsv where the shared data lacks them.
 */
import { GUID } from '../props/guid.js';

/** PR_SERVICE_DLL_NAME / PR_PROVIDER_DLL_NAME of the emulator's own services. */
export const MAPIEMU_DLL_NAME = 'mapiemu.dll';

/**
 * MAPIUID in the entry IDs of status objects (bytes 4..19), so IMAPISession.openEntry can
 * route PR_ENTRYID of a status-table row. mapi-emu's own value.
 */
export const MUID_MAPIEMU_STATUS: GUID = GUID.parse('{6D617069-656D-7500-8000-737461747573}');
