import { muidOOP } from '../generated/guids.js';
import { MAPI_ONE_OFF_UNICODE } from '../generated/constants.js';

function utf16z(s: string): Uint8Array {
  const out = new Uint8Array((s.length + 1) * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i * 2] = c & 0xff;
    out[i * 2 + 1] = c >> 8;
  }
  return out;
}

/**
 * A one-off entry ID ([MS-OXCDATA] 2.2.5.1): Flags(4)=0 | MUIDOOP(16) | Version(2)=0 |
 * flag word(2) = MAPI_ONE_OFF_UNICODE | display name, address type, address as
 * NUL-terminated UTF-16LE. Used for the primary identity until the address book exists.
 * @see MS-OXCDATA-entryids.md 5.1
 */
export function oneOffEntryId(displayName: string, addressType: string, emailAddress: string): Uint8Array {
  const parts = [utf16z(displayName), utf16z(addressType), utf16z(emailAddress)];
  const out = new Uint8Array(24 + parts.reduce((n, p) => n + p.length, 0));
  out.set(muidOOP.bytes, 4);
  out[22] = MAPI_ONE_OFF_UNICODE & 0xff;
  out[23] = (MAPI_ONE_OFF_UNICODE >> 8) & 0xff;
  let at = 24;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** PR_SEARCH_KEY of an address: the address type, a colon and the address, upper-cased, as NUL-terminated ANSI. @see pidtagsearchkey-canonical-property.md */
export function addressSearchKey(addressType: string, emailAddress: string): Uint8Array {
  const text = `${addressType}:${emailAddress}`.toUpperCase();
  const out = new Uint8Array(text.length + 1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c < 0x100 ? c : 0x3f;
  }
  return out;
}

/**
 * The entry ID QueryIdentity answers with MAPI_W_NO_SERVICE when nothing supplies an
 * identity (imapisession-queryidentity.md: "points lppEntryID to a hard-coded entry
 * identifier"): here a one-off with empty strings.
 */
export function noIdentityEntryId(): Uint8Array {
  return oneOffEntryId('', '', '');
}
