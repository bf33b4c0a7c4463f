import type { SPropValue } from '../props/types.js';
import { muidOOP } from '../generated/guids.js';
import { MAPI_ONE_OFF_NO_RICH_INFO, MAPI_ONE_OFF_UNICODE, MAPI_MAILUSER, DT_MAILUSER } from '../generated/constants.js';
import { PR_ADDRTYPE, PR_DISPLAY_NAME, PR_DISPLAY_TYPE, PR_EMAIL_ADDRESS, PR_ENTRYID, PR_OBJECT_TYPE, PR_RECORD_KEY, PR_SEARCH_KEY, PR_SEND_RICH_INFO } from '../generated/proptags.js';
import { bytesEqual } from '../props/values.js';
import { addressSearchKey } from '../session/identity.js';

/** A decoded one-off entry ID. */
export interface OneOff {
  /** PR_DISPLAY_NAME. */
  displayName: string;
  /** PR_ADDRTYPE. */
  addressType: string;
  /** PR_EMAIL_ADDRESS. */
  emailAddress: string;
  /** PR_SEND_RICH_INFO: false when the MAPI_ONE_OFF_NO_RICH_INFO bit is set. */
  sendRichInfo: boolean;
}

function encode(s: string, unicode: boolean): Uint8Array {
  if (!unicode) {
    const out = new Uint8Array(s.length + 1);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) < 0x100 ? s.charCodeAt(i) : 0x3f;
    return out;
  }
  const out = new Uint8Array((s.length + 1) * 2);
  for (let i = 0; i < s.length; i++) {
    out[i * 2] = s.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
}

/**
 * A one-off entry ID ([MS-OXCDATA] 2.2.5.1): Flags(4)=0 | MUIDOOP(16) | Version(2)=0 | flag
 * word(2, little-endian: MAPI_ONE_OFF_UNICODE, MAPI_ONE_OFF_NO_RICH_INFO) | display name,
 * address type, address, NUL-terminated (UTF-16LE: mapi-emu always writes Unicode one-offs,
 * as Outlook does).
 * @see one-off-entry-identifiers.md
 * @see MS-OXCDATA-entryids.md 5.1
 */
export function createOneOffEntryId(displayName: string, addressType: string, emailAddress: string, noRichInfo = false): Uint8Array {
  const parts = [encode(displayName, true), encode(addressType, true), encode(emailAddress, true)];
  const out = new Uint8Array(24 + parts.reduce((n, p) => n + p.length, 0));
  out.set(muidOOP.bytes, 4);
  const flags = MAPI_ONE_OFF_UNICODE | (noRichInfo ? MAPI_ONE_OFF_NO_RICH_INFO : 0);
  out[22] = flags & 0xff;
  out[23] = (flags >> 8) & 0xff;
  let at = 24;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** True when the entry ID names the one-off provider (MUIDOOP in bytes 4..19). */
export function isOneOffEntryId(e: Uint8Array): boolean {
  return e.length >= 24 && bytesEqual(e.subarray(4, 20), muidOOP.bytes);
}

/** Decodes a one-off entry ID (Unicode or 8-bit strings); undefined when it is not a well-formed one. */
export function parseOneOffEntryId(e: Uint8Array): OneOff | undefined {
  if (!isOneOffEntryId(e) || e[20] !== 0 || e[21] !== 0) return undefined;
  const flags = e[22]! | (e[23]! << 8);
  const unicode = (flags & MAPI_ONE_OFF_UNICODE) !== 0;
  const strings: string[] = [];
  let at = 24;
  for (let k = 0; k < 3; k++) {
    let s = '';
    for (;;) {
      if (at + (unicode ? 1 : 0) >= e.length) return undefined;
      const c = unicode ? e[at]! | (e[at + 1]! << 8) : e[at]!;
      at += unicode ? 2 : 1;
      if (c === 0) break;
      s += String.fromCharCode(c);
    }
    strings.push(s);
  }
  return { displayName: strings[0]!, addressType: strings[1]!, emailAddress: strings[2]!, sendRichInfo: (flags & MAPI_ONE_OFF_NO_RICH_INFO) === 0 };
}

/** The properties of the messaging user a one-off entry ID stands for. */
export function oneOffProps(e: Uint8Array, o: OneOff): SPropValue[] {
  return [
    { ulPropTag: PR_ENTRYID, Value: Uint8Array.from(e) },
    { ulPropTag: PR_RECORD_KEY, Value: Uint8Array.from(e) },
    { ulPropTag: PR_OBJECT_TYPE, Value: MAPI_MAILUSER },
    { ulPropTag: PR_DISPLAY_TYPE, Value: DT_MAILUSER },
    { ulPropTag: PR_DISPLAY_NAME, Value: o.displayName },
    { ulPropTag: PR_ADDRTYPE, Value: o.addressType },
    { ulPropTag: PR_EMAIL_ADDRESS, Value: o.emailAddress },
    // pidtagsearchkey-canonical-property.md: the address type and address, upper-cased.
    { ulPropTag: PR_SEARCH_KEY, Value: addressSearchKey(o.addressType, o.emailAddress) },
    { ulPropTag: PR_SEND_RICH_INFO, Value: o.sendRichInfo },
  ];
}
