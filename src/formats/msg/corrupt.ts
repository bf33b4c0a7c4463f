import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA } from '../../core/generated/scodes.js';

/** Throws MAPI_E_CORRUPT_DATA for a .msg file that breaks [MS-OXMSG]; `what` says what and where. */
export function corruptMsg(what: string): never {
  throw new MapiError(MAPI_E_CORRUPT_DATA, `corrupt .msg file: ${what}`);
}
