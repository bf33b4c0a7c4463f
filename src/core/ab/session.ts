import type { SessionCore } from '../session/SessionCore.js';
import type { MapiSubsystem } from '../session/MapiSubsystem.js';
import type { Profile } from '../session/Profile.js';
import type { IAddrBook } from './interfaces.js';
import { AbSession } from './AbSession.js';
import { AddrBook } from './AddrBook.js';
import type { expandRecipients } from './expand.js';

/**
 * The address book of a session (what IMAPISession.openAddressBook answers): logs on to the
 * profile's address-book providers on first use (once per session) and returns a new
 * IAddrBook handle over them. For core code that holds a SessionCore (the spooler).
 * @see imapisession-openaddressbook.md
 */
export async function openSessionAddressBook(core: SessionCore): Promise<IAddrBook> {
  const ab = AbSession.of(core);
  await ab.start();
  ab.checkLive('openAddressBook');
  return new AddrBook(ab);
}

/** Logs off a session's address-book providers (the session ended); later calls on its address-book objects answer MAPI_E_INVALID_OBJECT. */
export function endSessionAddressBook(core: SessionCore): void {
  AbSession.existing(core)?.end();
}

/**
 * An address book over a profile's address-book providers without a session (for the spooler,
 * which works per profile): call `close()` when done, which logs the providers off.
 * Use it with {@link expandRecipients} to expand distribution lists for delivery.
 */
export async function openProfileAddressBook(mapi: MapiSubsystem, profile: Profile): Promise<{ addrBook: IAddrBook; close(): void }> {
  const ab = AbSession.forProfile(mapi, profile);
  await ab.start();
  const addrBook = new AddrBook(ab);
  return {
    addrBook,
    close: () => {
      addrBook.release();
      ab.end();
    },
  };
}
