import type { PropMap } from '../spi/store.js';
import type { Profile } from '../session/Profile.js';
import { PROP_ID } from '../props/tags.js';
import { mergedSection } from '../session/sessionRows.js';
import { sectionLong } from '../session/Profile.js';
import { addressSearchKey, oneOffEntryId } from '../session/identity.js';
import * as T from '../generated/proptags.js';
import { STATUS_PRIMARY_IDENTITY } from '../generated/constants.js';

/** A messaging user: the sender of what a profile submits. */
export interface MessagingUser {
  displayName: string;
  addressType: string;
  emailAddress: string;
  entryId?: Uint8Array;
}

/**
 * The primary identity of a profile (mapi-primary-identity.md): the identity of the provider
 * whose section has STATUS_PRIMARY_IDENTITY, as the session's QueryIdentity sees it.
 */
export function senderIdentity(profile: Profile): MessagingUser | undefined {
  for (const p of profile.providers()) {
    if (!(sectionLong(profile.section(p.key), T.PR_RESOURCE_FLAGS) & STATUS_PRIMARY_IDENTITY) || !p.definition?.identity) continue;
    const id = p.definition.identity(mergedSection(profile, p));
    if (id) return { displayName: id.displayName, addressType: id.addressType, emailAddress: id.emailAddress, ...(id.entryId && { entryId: id.entryId }) };
  }
  return undefined;
}

/**
 * Writes PR_SENDER_* and PR_SENT_REPRESENTING_* (name, address type, address, entry ID,
 * search key) of a submitted message, as MAPI does for the submitting user
 * (pidtagsendername-canonical-property.md: set by the transport or spooler). With
 * `keepExisting`, values the client set (sending on behalf of someone) stay.
 */
export function stampSender(props: PropMap, user: MessagingUser, keepExisting = false): void {
  const entryId = user.entryId ?? oneOffEntryId(user.displayName, user.addressType, user.emailAddress);
  const searchKey = addressSearchKey(user.addressType, user.emailAddress);
  const set = (tag: number, Value: string | Uint8Array) => {
    if (keepExisting && props.has(PROP_ID(tag))) return;
    props.set(PROP_ID(tag), { ulPropTag: tag, Value } as PropMap extends Map<number, infer V> ? V : never);
  };
  set(T.PR_SENDER_NAME_W, user.displayName);
  set(T.PR_SENDER_ADDRTYPE_W, user.addressType);
  set(T.PR_SENDER_EMAIL_ADDRESS_W, user.emailAddress);
  set(T.PR_SENDER_ENTRYID, entryId);
  set(T.PR_SENDER_SEARCH_KEY, searchKey);
  set(T.PR_SENT_REPRESENTING_NAME_W, user.displayName);
  set(T.PR_SENT_REPRESENTING_ADDRTYPE_W, user.addressType);
  set(T.PR_SENT_REPRESENTING_EMAIL_ADDRESS_W, user.emailAddress);
  set(T.PR_SENT_REPRESENTING_ENTRYID, entryId);
  set(T.PR_SENT_REPRESENTING_SEARCH_KEY, searchKey);
}
