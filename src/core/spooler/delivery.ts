import type { NamedPropertyMap } from '../props/NamedPropertyMap.js';
import type { MessageContent, MessageRecord, PropMap } from '../spi/store.js';
import type { StoreContext } from '../store/StoreContext.js';
import type { DeliveredMessage } from '../spi/transport.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import { cloneContent, commitMessage } from '../store/messageOps.js';
import { resolveReceiveFolder } from '../store/defaultFolders.js';
import { restampCopy } from '../store/stamps.js';
import { flagsOf, setFlags } from '../store/saveRules.js';
import {
  PR_DEFERRED_DELIVERY_TIME,
  PR_DELETE_AFTER_SUBMIT,
  PR_MESSAGE_CLASS_W,
  PR_MESSAGE_DELIVERY_TIME,
  PR_NON_RECEIPT_NOTIFICATION_REQUESTED,
  PR_READ_RECEIPT_REQUESTED,
  PR_RECEIVED_BY_ADDRTYPE_W,
  PR_RECEIVED_BY_EMAIL_ADDRESS_W,
  PR_RECEIVED_BY_ENTRYID,
  PR_RECEIVED_BY_NAME_W,
  PR_RECEIVED_BY_SEARCH_KEY,
  PR_RESPONSIBILITY,
  PR_SENTMAIL_ENTRYID,
  PR_SUBMIT_FLAGS,
} from '../generated/proptags.js';
import {
  MAPI_UNICODE,
  MSGFLAG_FROMME,
  MSGFLAG_NRN_PENDING,
  MSGFLAG_READ,
  MSGFLAG_RN_PENDING,
  MSGFLAG_SUBMIT,
  MSGFLAG_UNMODIFIED,
  MSGFLAG_UNSENT,
  fnevNewMail,
} from '../generated/constants.js';
import { MAPI_E_NOT_FOUND } from '../generated/scodes.js';
import { addressSearchKey, oneOffEntryId } from '../session/identity.js';

/** The messaging user a message is delivered to (PR_RECEIVED_BY_*). */
export interface DeliveryRecipient {
  displayName: string;
  addressType: string;
  emailAddress: string;
}

/** Sender-side properties that have no meaning in the recipient's copy. */
const SENDER_ONLY = [PR_SENTMAIL_ENTRYID, PR_DELETE_AFTER_SUBMIT, PR_SUBMIT_FLAGS, PR_DEFERRED_DELIVERY_TIME].map(PROP_ID);

/** PR_MESSAGE_CLASS of content ('' when absent). */
export function messageClassOf(props: PropMap): string {
  const v = props.get(PROP_ID(PR_MESSAGE_CLASS_W))?.Value;
  return typeof v === 'string' ? v : '';
}

/**
 * Re-maps named-property identifiers (0x8000 and up) of content from one store's mapping
 * to another's, by name; names the destination cannot map are dropped.
 */
export function remapNamed(content: MessageContent, from: NamedPropertyMap, to: NamedPropertyMap): void {
  if (from === to) return;
  const map = (props: PropMap) => {
    const moved: [number, number][] = [];
    for (const id of props.keys()) {
      if (id < 0x8000) continue;
      const name = from.nameOf(id);
      const dest = name ? to.idOf(name, true) : undefined;
      moved.push([id, dest ?? -1]);
    }
    const values = moved.map(([src, dest]) => [dest, props.get(src)] as const);
    for (const [src] of moved) props.delete(src);
    for (const [dest, v] of values) if (dest >= 0 && v) props.set(dest, { ulPropTag: ((dest << 16) | (v.ulPropTag & 0xffff)) >>> 0, Value: v.Value });
  };
  map(content.props);
  for (const r of content.recipients) map(r.props);
  for (const a of content.attachments) {
    map(a.props);
    if (a.embedded) remapNamed(a.embedded, from, to);
  }
}

/**
 * Delivers a copy of `content` into a store, as the spooler does for inbound mail: into the
 * receive folder of its message class (imsgstore-getreceivefolder.md, base classes, then
 * the default), unread, no longer unsent or submitted, PR_MESSAGE_DELIVERY_TIME from the
 * clock, MSGFLAG_RN_PENDING / MSGFLAG_NRN_PENDING when a read / non-read report is
 * requested (pidtagmessageflags-canonical-property.md), new identity stamps; then
 * fnevObjectCreated and fnevNewMail (newmail_notification.md) in that store.
 * @see mapi-spooler-overview.md
 */
export async function deliverInto(ctx: StoreContext, source: MessageContent, options: { namedProps?: NamedPropertyMap; receivedBy?: DeliveryRecipient } = {}): Promise<DeliveredMessage> {
  const content = cloneContent(source);
  if (options.namedProps) remapNamed(content, options.namedProps, ctx.backend.namedProps);
  const props = content.props;
  const cls = messageClassOf(props);
  const target = resolveReceiveFolder(ctx, cls);
  if (!target) throw new MapiError(MAPI_E_NOT_FOUND, `delivery: the store has no receive folder for ${JSON.stringify(cls)}`);
  for (const id of SENDER_ONLY) props.delete(id);
  for (const r of content.recipients) r.props.delete(PROP_ID(PR_RESPONSIBILITY));
  let flags = flagsOf(props) & ~(MSGFLAG_UNSENT | MSGFLAG_SUBMIT | MSGFLAG_UNMODIFIED | MSGFLAG_FROMME | MSGFLAG_READ | MSGFLAG_RN_PENDING | MSGFLAG_NRN_PENDING);
  if (props.get(PROP_ID(PR_READ_RECEIPT_REQUESTED))?.Value === true) flags |= MSGFLAG_RN_PENDING;
  if (props.get(PROP_ID(PR_NON_RECEIPT_NOTIFICATION_REQUESTED))?.Value === true) flags |= MSGFLAG_NRN_PENDING;
  setFlags(props, flags);
  const now = ctx.support.clock.now();
  props.set(PROP_ID(PR_MESSAGE_DELIVERY_TIME), { ulPropTag: PR_MESSAGE_DELIVERY_TIME, Value: now });
  const by = options.receivedBy;
  if (by) {
    props.set(PROP_ID(PR_RECEIVED_BY_NAME_W), { ulPropTag: PR_RECEIVED_BY_NAME_W, Value: by.displayName });
    props.set(PROP_ID(PR_RECEIVED_BY_ADDRTYPE_W), { ulPropTag: PR_RECEIVED_BY_ADDRTYPE_W, Value: by.addressType });
    props.set(PROP_ID(PR_RECEIVED_BY_EMAIL_ADDRESS_W), { ulPropTag: PR_RECEIVED_BY_EMAIL_ADDRESS_W, Value: by.emailAddress });
    props.set(PROP_ID(PR_RECEIVED_BY_ENTRYID), { ulPropTag: PR_RECEIVED_BY_ENTRYID, Value: oneOffEntryId(by.displayName, by.addressType, by.emailAddress) });
    props.set(PROP_ID(PR_RECEIVED_BY_SEARCH_KEY), { ulPropTag: PR_RECEIVED_BY_SEARCH_KEY, Value: addressSearchKey(by.addressType, by.emailAddress) });
  }
  const rec: MessageRecord = { ...content, id: ctx.backend.newId(), folderId: target.id, associated: false, version: 1 };
  restampCopy(rec, ctx);
  await commitMessage(ctx, rec);
  const entryId = ctx.messageEntryId(rec);
  const folderEntryId = ctx.folderEntryId(target.id);
  ctx.publish([{ ulEventType: fnevNewMail, newmail: { lpEntryID: entryId, lpParentID: folderEntryId, ulFlags: MAPI_UNICODE, lpszMessageClass: cls, ulMessageFlags: flags } }]);
  ctx.flushFolderEvents();
  return { entryId, folderEntryId };
}
