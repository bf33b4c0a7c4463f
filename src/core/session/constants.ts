/**
 * SDK constants the session needs that the generated tables do not have yet (each cites the
 * header or page that defines it), and mapi-emu's own identifiers.
 */
import { GUID } from '../props/guid.js';

/** MAPILogonEx: run the session's operations in the background (MAPIAux.h: 0x00200000). @see mapilogonex.md */
export const MAPI_BG_SESSION = 0x00200000;
/** OpenProfileSection: allow access to sections owned by providers (MAPIDefS.h: 0x00080000). @see imsgserviceadmin-openprofilesection.md */
export const MAPI_FORCE_ACCESS = 0x00080000;
/** CreateMsgService: suppress the restart warning (imsgserviceadmin-createmsgservice.md: "#define SERVICE_NO_RESTART_WARNING 0x00000080"). */
export const SERVICE_NO_RESTART_WARNING = 0x00000080;
/** ConfigureMsgService: display the property sheet read-only (MAPISPI.h: 0x00000008). @see imsgserviceadmin-configuremsgservice.md */
export const MSG_SERVICE_UI_READ_ONLY = 0x00000008;
/** OpenMsgStore: open the server store, not the cached one (MAPIDefS.h / EdkMdb.h: 0x00000100). @see imapisession-openmsgstore.md */
export const MDB_ONLINE = 0x00000100;
/** OpenEntry: do not use the offline address book (MAPIDefS.h: 0x00000200). @see imapisession-openentry.md */
export const MAPI_NO_CACHE = 0x00000200;
/** OpenEntry: use only the offline address book (MAPIDefS.h: 0x00004000). @see imapisession-openentry.md */
export const MAPI_CACHE_ONLY = 0x00004000;
/** MAPIINIT_0.ulFlags: do not call CoInitialize (MAPIX.h: 0x00000008). @see mapiinit_0.md */
export const MAPI_NO_COINIT = 0x00000008;

/** PR_SERVICE_DLL_NAME / PR_PROVIDER_DLL_NAME of the emulator's own services. */
export const MAPIEMU_DLL_NAME = 'mapiemu.dll';

/**
 * MAPIUID in the entry IDs of status objects (bytes 4..19), so IMAPISession.openEntry can
 * route PR_ENTRYID of a status-table row. mapi-emu's own value.
 */
export const MUID_MAPIEMU_STATUS: GUID = GUID.parse('{6D617069-656D-7500-8000-737461747573}');
