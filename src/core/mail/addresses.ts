/**
 * Addresses of the people a reply goes to: one-off entry IDs and FLATENTRYLISTs taken apart,
 * the replying user's identity, and the key that tells two recipients are the same person.
 */
import { muidOOP } from '../generated/guids.js';
import { MAPI_ONE_OFF_UNICODE } from '../generated/constants.js';
import { MapiError } from '../errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER } from '../generated/scodes.js';
import type { ENTRYID } from '../props/types.js';
import type { IMAPISession } from '../session/interfaces.js';

/** The replying user, removed from reply-all recipient lists. Any field that is known helps. */
export interface MailIdentity {
  /** The user's display name. */
  readonly displayName?: string;
  /** The user's address type ("SMTP", "EX"). */
  readonly addressType?: string;
  /** The user's address. */
  readonly emailAddress?: string;
  /** The user's entry ID (compared byte for byte). */
  readonly entryId?: ENTRYID;
  /** The user's PR_SEARCH_KEY. */
  readonly searchKey?: Uint8Array;
}

/** The three strings of a one-off entry ID. */
export interface OneOffAddress {
  readonly displayName: string;
  readonly addressType: string;
  readonly emailAddress: string;
}

/**
 * The display name, address type and address of a one-off entry ID ([MS-OXCDATA] 2.2.5.1:
 * flags, MUIDOOP, version, a flag word whose MAPI_ONE_OFF_UNICODE bit says UTF-16LE, then three
 * NUL-terminated strings), or undefined for any other entry ID.
 * @see MS-OXCDATA-entryids.md
 */
export function oneOffAddressOf(eid: Uint8Array): OneOffAddress | undefined {
  if (!(eid instanceof Uint8Array) || eid.length < 24) return undefined;
  if (!muidOOP.matchesAt(eid, 4)) return undefined;
  const unicode = ((eid[22] as number) | ((eid[23] as number) << 8)) & MAPI_ONE_OFF_UNICODE;
  const out: string[] = [];
  let s = '';
  const step = unicode ? 2 : 1;
  for (let i = 24; i + step - 1 < eid.length && out.length < 3; i += step) {
    const c = unicode ? (eid[i] as number) | ((eid[i + 1] as number) << 8) : (eid[i] as number);
    if (c === 0) {
      out.push(s);
      s = '';
    } else s += String.fromCharCode(c);
  }
  if (out.length < 3) return undefined;
  return { displayName: out[0] as string, addressType: out[1] as string, emailAddress: out[2] as string };
}

/**
 * The entry IDs of a FLATENTRYLIST (PR_REPLY_RECIPIENT_ENTRIES): cEntries, cbEntries (both
 * 32-bit little-endian), then each FLATENTRY as cb and cb bytes, padded to a 4-byte boundary.
 * Answers undefined for a malformed list.
 * @see flatentrylist.md
 * @see pidtagreplyrecipiententries-canonical-property.md
 */
export function parseFlatEntryList(bytes: Uint8Array): ENTRYID[] | undefined {
  if (!(bytes instanceof Uint8Array) || bytes.length < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true);
  const out: ENTRYID[] = [];
  let at = 8;
  for (let i = 0; i < count; i++) {
    if (at + 4 > bytes.length) return undefined;
    const cb = view.getUint32(at, true);
    if (at + 4 + cb > bytes.length) return undefined;
    out.push(bytes.slice(at + 4, at + 4 + cb));
    at += 4 + cb;
    at = (at + 3) & ~3;
  }
  return out;
}

/** A FLATENTRYLIST of `entryIds` (the inverse of {@link parseFlatEntryList}). @see flatentrylist.md */
export function makeFlatEntryList(entryIds: readonly ENTRYID[]): Uint8Array {
  const padded = (n: number) => (n + 3) & ~3;
  const body = entryIds.reduce((n, e, i) => n + (i === entryIds.length - 1 ? 4 + e.length : padded(4 + e.length)), 0);
  const out = new Uint8Array(8 + body);
  const view = new DataView(out.buffer);
  view.setUint32(0, entryIds.length, true);
  view.setUint32(4, body, true);
  let at = 8;
  for (const e of entryIds) {
    view.setUint32(at, e.length, true);
    out.set(e, at + 4);
    at = padded(at + 4 + e.length);
  }
  return out;
}

/**
 * The identity of the user a session belongs to (IMAPISession.queryIdentity), for reply-all:
 * its entry ID and, when it is a one-off, its name, address type and address.
 * @see imapisession-queryidentity.md
 */
export async function mailIdentityOf(session: IMAPISession): Promise<MailIdentity> {
  if (typeof session !== 'object' || session === null || typeof session.queryIdentity !== 'function') {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, 'mailIdentityOf: session is not an IMAPISession');
  }
  const { lpEntryID } = await session.queryIdentity();
  const oneOff = oneOffAddressOf(lpEntryID);
  return oneOff ? { entryId: lpEntryID, ...oneOff } : { entryId: lpEntryID };
}

function ansi(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes) return undefined;
  let s = '';
  for (const b of bytes) if (b !== 0) s += String.fromCharCode(b);
  return s.toUpperCase();
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Whether two addresses are the same person: equal search keys, equal entry IDs, or equal
 * "TYPE:ADDRESS" (pidtagsearchkey-canonical-property.md: the search key is the address type and
 * address, upper-cased), the address compared case-insensitively.
 */
export function sameAddress(a: MailIdentity, b: MailIdentity): boolean {
  if (a.entryId && b.entryId && a.entryId.length > 0 && sameBytes(a.entryId, b.entryId)) return true;
  const ka = addressKey(a);
  const kb = addressKey(b);
  return ka !== undefined && ka === kb;
}

/** "TYPE:ADDRESS" upper-cased, from the address or the search key (or undefined when neither is known). */
export function addressKey(a: MailIdentity): string | undefined {
  if (a.addressType && a.emailAddress) return `${a.addressType}:${a.emailAddress}`.toUpperCase();
  const fromKey = ansi(a.searchKey);
  if (fromKey) return fromKey;
  const oneOff = a.entryId ? oneOffAddressOf(a.entryId) : undefined;
  return oneOff && oneOff.addressType && oneOff.emailAddress ? `${oneOff.addressType}:${oneOff.emailAddress}`.toUpperCase() : undefined;
}
