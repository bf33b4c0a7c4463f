/**
 * The address book (IAddrBook, IABContainer, IMailUser, IDistList) over the session's
 * address-book providers (src/core/spi/ab.ts).
 */
export type { IAddrBook, IABContainer, IMailUser, IDistList } from './interfaces.js';
export { openSessionAddressBook, endSessionAddressBook, openProfileAddressBook } from './session.js';
export { expandRecipients, expandDistList, isDistListRecipient } from './expand.js';
export { createOneOffEntryId, parseOneOffEntryId, isOneOffEntryId, type OneOff } from './oneOff.js';
export { templateEntryId, MUID_MAPIEMU_AB_TEMPLATE, MAPIPDL_ADDRTYPE } from './templates.js';
export { matchName, type MatchResult } from './resolve.js';
export { MUID_MAPIEMU_AB_SETTINGS } from './AbSession.js';
export { MAPI_GAL_ONLY } from './open.js';
