/**
 * Replies, replies to all and forwards, as functions over IMessage: they work with any store
 * (they use only the public IMessage / IMAPIFolder methods), so a client can also do it by hand.
 * @see sending-a-reply.md
 * @see forwarding-a-message.md
 */
import { computeSubjectPrefix } from '../store/subject.js';
import type { IMAPIFolder, IMessage } from '../store/interfaces.js';
import type { SPropValue } from '../props/types.js';
import { PROP_TYPE } from '../props/tags.js';
import { FILETIME } from '../props/filetime.js';
import { addressSearchKey } from '../session/identity.js';
import { IID_IAttachment, IID_IMessage } from '../generated/guids.js';
import { PT_ERROR } from '../generated/proptypes.js';
import { ATTACH_EMBEDDED_MSG, MAPI_BCC, MAPI_CC, MAPI_CREATE, MAPI_MODIFY, MAPI_P1, MAPI_SUBMITTED, MAPI_TO } from '../generated/constants.js';
import * as T from '../generated/proptags.js';
import { addressKey, parseFlatEntryList, oneOffAddressOf, sameAddress, type MailIdentity } from './addresses.js';
import { newInternetMessageId, nextConversationIndex, referencesOf } from './conversation.js';
import { resolveOptions, type ForwardOptions, type ResolvedOptions, type ResponseOptions } from './options.js';
import { allRows, bin, checkFolder, checkMessage, readProps, recipientProps, RECIPIENT_COLUMNS, str, type PropBag } from './read.js';
import { NOTEIVERB_FORWARD, NOTEIVERB_REPLYTOALL, NOTEIVERB_REPLYTOSENDER, recordLastVerb } from './verbs.js';

type Kind = 'reply' | 'replyAll' | 'forward';

/** What the helpers read from the original message. */
const ORIGINAL_TAGS = [
  T.PR_SUBJECT_W,
  T.PR_NORMALIZED_SUBJECT_W,
  T.PR_CONVERSATION_TOPIC_W,
  T.PR_CONVERSATION_INDEX,
  T.PR_INTERNET_MESSAGE_ID_W,
  T.PR_INTERNET_REFERENCES_W,
  T.PR_BODY_W,
  T.PR_CLIENT_SUBMIT_TIME,
  T.PR_DISPLAY_TO_W,
  T.PR_DISPLAY_CC_W,
  T.PR_REPLY_RECIPIENT_ENTRIES,
  T.PR_REPLY_RECIPIENT_NAMES_W,
  T.PR_SENT_REPRESENTING_ENTRYID,
  T.PR_SENT_REPRESENTING_NAME_W,
  T.PR_SENT_REPRESENTING_ADDRTYPE_W,
  T.PR_SENT_REPRESENTING_EMAIL_ADDRESS_W,
  T.PR_SENT_REPRESENTING_SEARCH_KEY,
  T.PR_SENDER_ENTRYID,
  T.PR_SENDER_NAME_W,
  T.PR_SENDER_ADDRTYPE_W,
  T.PR_SENDER_EMAIL_ADDRESS_W,
  T.PR_SENDER_SEARCH_KEY,
  T.PR_RECEIVED_BY_ENTRYID,
  T.PR_RECEIVED_BY_ADDRTYPE_W,
  T.PR_RECEIVED_BY_EMAIL_ADDRESS_W,
  T.PR_RECEIVED_BY_SEARCH_KEY,
  T.PR_RCVD_REPRESENTING_ENTRYID,
  T.PR_RCVD_REPRESENTING_NAME_W,
  T.PR_RCVD_REPRESENTING_ADDRTYPE_W,
  T.PR_RCVD_REPRESENTING_EMAIL_ADDRESS_W,
  T.PR_RCVD_REPRESENTING_SEARCH_KEY,
];

/** The original's normalized subject: PR_NORMALIZED_SUBJECT, else PR_SUBJECT without the prefix the store would compute. */
export function normalizedSubjectOf(subject: string | undefined, normalized: string | undefined): string {
  if (normalized !== undefined) return normalized;
  if (subject === undefined) return '';
  // pidtagnormalizedsubject-canonical-property.md: the store's own rule (src/core/store/subject.ts).
  return subject.slice(computeSubjectPrefix(subject)?.length ?? 0);
}

/**
 * The subject properties of a response: PR_SUBJECT = prefix + normalized subject; a standard
 * prefix (one to three letters, a colon and a space) is left for the store to compute, a
 * nonstandard one is stored in PR_SUBJECT_PREFIX with PR_NORMALIZED_SUBJECT (sending-a-reply.md,
 * step 8: "If you are using a nonstandard prefix ... store it in PR_SUBJECT_PREFIX").
 */
export function responseSubjectProps(prefix: string, normalized: string): SPropValue[] {
  const subject = { ulPropTag: T.PR_SUBJECT_W, Value: prefix + normalized };
  if (computeSubjectPrefix(prefix + normalized) === prefix) return [subject];
  return [subject, { ulPropTag: T.PR_SUBJECT_PREFIX_W, Value: prefix }, { ulPropTag: T.PR_NORMALIZED_SUBJECT_W, Value: normalized }];
}

/** One address group of the original (sender, sent-representing, received-by) as an identity. */
function group(bag: PropBag, eid: number, name: number | undefined, type: number, address: number, key: number): MailIdentity & { displayName?: string } {
  const out: { -readonly [K in keyof MailIdentity]: MailIdentity[K] } = {};
  const e = bin(bag, eid);
  const n = name === undefined ? undefined : str(bag, name);
  const t = str(bag, type);
  const a = str(bag, address);
  const k = bin(bag, key);
  if (e) out.entryId = e;
  if (n !== undefined) out.displayName = n;
  if (t) out.addressType = t;
  if (a) out.emailAddress = a;
  if (k) out.searchKey = k;
  return out;
}

function known(id: MailIdentity): boolean {
  return (id.entryId !== undefined && id.entryId.length > 0) || addressKey(id) !== undefined;
}

/** An ADRENTRY's properties for an identity. */
function recipientOf(id: MailIdentity, type: number): SPropValue[] {
  const props: SPropValue[] = [{ ulPropTag: T.PR_RECIPIENT_TYPE, Value: type }];
  const oneOff = id.entryId ? oneOffAddressOf(id.entryId) : undefined;
  const name = id.displayName ?? oneOff?.displayName ?? id.emailAddress ?? oneOff?.emailAddress ?? '';
  const addressType = id.addressType ?? oneOff?.addressType;
  const emailAddress = id.emailAddress ?? oneOff?.emailAddress;
  props.push({ ulPropTag: T.PR_DISPLAY_NAME_W, Value: name });
  if (id.entryId) props.push({ ulPropTag: T.PR_ENTRYID, Value: id.entryId });
  if (addressType) props.push({ ulPropTag: T.PR_ADDRTYPE_W, Value: addressType });
  if (emailAddress) props.push({ ulPropTag: T.PR_EMAIL_ADDRESS_W, Value: emailAddress });
  const key = id.searchKey ?? (addressType && emailAddress ? addressSearchKey(addressType, emailAddress) : undefined);
  if (key) props.push({ ulPropTag: T.PR_SEARCH_KEY, Value: key });
  return props;
}

/** The identity of a recipient row's properties. */
function identityOfRecipient(props: readonly SPropValue[]): MailIdentity {
  const get = (tag: number) => props.find((p) => p.ulPropTag === tag)?.Value;
  const out: { -readonly [K in keyof MailIdentity]: MailIdentity[K] } = {};
  const e = get(T.PR_ENTRYID);
  const t = get(T.PR_ADDRTYPE_W);
  const a = get(T.PR_EMAIL_ADDRESS_W);
  const k = get(T.PR_SEARCH_KEY);
  if (e instanceof Uint8Array) out.entryId = e;
  if (typeof t === 'string' && t) out.addressType = t;
  if (typeof a === 'string' && a) out.emailAddress = a;
  if (k instanceof Uint8Array) out.searchKey = k;
  return out;
}

/**
 * Who a reply goes to: the PR_REPLY_RECIPIENT_ENTRIES / PR_REPLY_RECIPIENT_NAMES list when the
 * original has one ([MS-OXOMSG] 2.2.1.43), else the PR_SENT_REPRESENTING_* sender
 * (sending-a-reply.md, step 11), else the PR_SENDER_* one.
 */
function replyTargets(bag: PropBag): MailIdentity[] {
  const entries = bin(bag, T.PR_REPLY_RECIPIENT_ENTRIES);
  const list = entries ? parseFlatEntryList(entries) : undefined;
  if (list && list.length > 0) {
    // pidtagreplyrecipientnames-canonical-property.md: names separated by semicolons, in the entries' order.
    const names = (str(bag, T.PR_REPLY_RECIPIENT_NAMES_W) ?? '').split(';').map((s) => s.trim());
    return list.map((entryId, i) => {
      const oneOff = oneOffAddressOf(entryId);
      const name = names[i] || oneOff?.displayName;
      return { entryId, ...(oneOff && { addressType: oneOff.addressType, emailAddress: oneOff.emailAddress }), ...(name && { displayName: name }) };
    });
  }
  const sentRepresenting = group(bag, T.PR_SENT_REPRESENTING_ENTRYID, T.PR_SENT_REPRESENTING_NAME_W, T.PR_SENT_REPRESENTING_ADDRTYPE_W, T.PR_SENT_REPRESENTING_EMAIL_ADDRESS_W, T.PR_SENT_REPRESENTING_SEARCH_KEY);
  if (known(sentRepresenting)) return [sentRepresenting];
  const sender = group(bag, T.PR_SENDER_ENTRYID, T.PR_SENDER_NAME_W, T.PR_SENDER_ADDRTYPE_W, T.PR_SENDER_EMAIL_ADDRESS_W, T.PR_SENDER_SEARCH_KEY);
  return known(sender) ? [sender] : [];
}

/** The base recipient type (MAPI_TO, MAPI_CC, MAPI_BCC) without the MAPI_SUBMITTED and MAPI_P1 flags. */
export function baseRecipientType(type: number): number {
  return (type & ~(MAPI_SUBMITTED | MAPI_P1)) >>> 0;
}

/**
 * The recipients of a reply or reply-all. Reply-all (sending-a-reply.md, step 12) adds the
 * original's To and Cc recipients (Bcc ones removed), leaves out the user (the original's
 * PR_RECEIVED_BY_* and `self`) and duplicates; if that leaves nobody, the reply target stays.
 */
async function responseRecipients(kind: Kind, original: IMessage, bag: PropBag, self: MailIdentity | undefined): Promise<SPropValue[][]> {
  if (kind === 'forward') return [];
  const targets = replyTargets(bag);
  if (kind === 'reply') return targets.map((t) => recipientOf(t, MAPI_TO));
  const me: MailIdentity[] = [group(bag, T.PR_RECEIVED_BY_ENTRYID, undefined, T.PR_RECEIVED_BY_ADDRTYPE_W, T.PR_RECEIVED_BY_EMAIL_ADDRESS_W, T.PR_RECEIVED_BY_SEARCH_KEY)];
  if (self) me.push(self);
  const isMe = (id: MailIdentity) => me.some((m) => known(m) && sameAddress(m, id));
  const chosen: { id: MailIdentity; props: SPropValue[] }[] = [];
  const add = (id: MailIdentity, props: SPropValue[]) => {
    if (isMe(id) || chosen.some((c) => sameAddress(c.id, id))) return;
    chosen.push({ id, props });
  };
  for (const t of targets) add(t, recipientOf(t, MAPI_TO));
  for (const row of await allRows(await original.getRecipientTable(0), RECIPIENT_COLUMNS)) {
    const props = recipientProps(row);
    const type = props.find((p) => p.ulPropTag === T.PR_RECIPIENT_TYPE)?.Value;
    if (typeof type !== 'number' || (type & MAPI_P1) !== 0) continue;
    const base = baseRecipientType(type);
    if (base !== MAPI_TO && base !== MAPI_CC) continue; // MAPI_BCC and originators are not answered
    add(identityOfRecipient(props), props.map((p) => (p.ulPropTag === T.PR_RECIPIENT_TYPE ? { ...p, Value: base } : p)));
  }
  if (chosen.length === 0) return targets.map((t) => recipientOf(t, MAPI_TO));
  return chosen.map((c) => c.props);
}

function when(v: unknown): string | undefined {
  return v instanceof FILETIME ? v.toDate().toUTCString() : undefined;
}

/** The quoted body: a separator header with the original's sender, time, recipients and subject, then its text (sending-a-reply.md, step 6). */
function quotedBody(bag: PropBag): string | undefined {
  const body = str(bag, T.PR_BODY_W);
  if (body === undefined) return undefined;
  const from = str(bag, T.PR_SENT_REPRESENTING_NAME_W) ?? str(bag, T.PR_SENDER_NAME_W);
  const lines = ['', '', '-----Original Message-----'];
  if (from) lines.push(`From: ${from}`);
  const sent = when(bag.get(T.PR_CLIENT_SUBMIT_TIME));
  if (sent) lines.push(`Sent: ${sent}`);
  const to = str(bag, T.PR_DISPLAY_TO_W);
  if (to) lines.push(`To: ${to}`);
  const cc = str(bag, T.PR_DISPLAY_CC_W);
  if (cc) lines.push(`Cc: ${cc}`);
  lines.push(`Subject: ${str(bag, T.PR_SUBJECT_W) ?? ''}`, '', body);
  return lines.join('\r\n');
}

/** PR_SENT_REPRESENTING_* of a response from the original's PR_RCVD_REPRESENTING_* (sending-a-reply.md, step 9). */
function sentRepresentingProps(bag: PropBag): SPropValue[] {
  const pairs: [number, number][] = [
    [T.PR_RCVD_REPRESENTING_ENTRYID, T.PR_SENT_REPRESENTING_ENTRYID],
    [T.PR_RCVD_REPRESENTING_NAME_W, T.PR_SENT_REPRESENTING_NAME_W],
    [T.PR_RCVD_REPRESENTING_ADDRTYPE_W, T.PR_SENT_REPRESENTING_ADDRTYPE_W],
    [T.PR_RCVD_REPRESENTING_EMAIL_ADDRESS_W, T.PR_SENT_REPRESENTING_EMAIL_ADDRESS_W],
    [T.PR_RCVD_REPRESENTING_SEARCH_KEY, T.PR_SENT_REPRESENTING_SEARCH_KEY],
  ];
  return pairs.flatMap(([from, to]) => (bag.has(from) ? [{ ulPropTag: to, Value: bag.get(from) as SPropValue['Value'] }] : []));
}

function domainOf(o: ResolvedOptions): string {
  if (o.domain) return o.domain;
  const address = o.self?.emailAddress;
  const at = address?.lastIndexOf('@') ?? -1;
  return address && at >= 0 && at < address.length - 1 ? address.slice(at + 1) : 'mapi-emu.invalid';
}

/** Copies every attachment of `from` to `to` (forwarding-a-message.md, step 5: CreateAttach, OpenAttach, CopyTo). */
async function copyAttachments(from: IMessage, to: IMessage): Promise<void> {
  for (const row of await allRows(await from.getAttachmentTable(0), [T.PR_ATTACH_NUM])) {
    const num = row.lpProps[0];
    if (!num || PROP_TYPE(num.ulPropTag) === PT_ERROR) continue;
    const source = await from.openAttach(num.Value as number, null, 0);
    const { attach } = await to.createAttach(null, 0);
    await source.copyTo(null, [T.PR_ATTACH_NUM], null, IID_IAttachment, attach, 0);
    await attach.saveChanges(0);
    source.release();
    attach.release();
  }
}

/** Attaches `original` to `to` as an embedded message (ATTACH_EMBEDDED_MSG). */
async function embed(original: IMessage, to: IMessage, bag: PropBag): Promise<void> {
  const { attach } = await to.createAttach(null, 0);
  await attach.setProps([
    { ulPropTag: T.PR_ATTACH_METHOD, Value: ATTACH_EMBEDDED_MSG },
    { ulPropTag: T.PR_DISPLAY_NAME_W, Value: str(bag, T.PR_SUBJECT_W) ?? '' },
  ]);
  const inner = await attach.openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, MAPI_CREATE | MAPI_MODIFY);
  await original.copyTo(null, null, null, IID_IMessage, inner, 0);
  await inner.saveChanges(0);
  await attach.saveChanges(0);
  inner.release();
  attach.release();
}

const VERBS: Record<Kind, number> = { reply: NOTEIVERB_REPLYTOSENDER, replyAll: NOTEIVERB_REPLYTOALL, forward: NOTEIVERB_FORWARD };

async function respond(kind: Kind, fn: string, original: IMessage, targetFolder: IMAPIFolder, options: ForwardOptions | undefined): Promise<IMessage> {
  checkMessage(fn, 'original', original);
  checkFolder(fn, targetFolder);
  const o = resolveOptions(fn, options);
  const bag = await readProps(original, ORIGINAL_TAGS);
  const recipients = await responseRecipients(kind, original, bag, o.self);
  const normalized = normalizedSubjectOf(str(bag, T.PR_SUBJECT_W), str(bag, T.PR_NORMALIZED_SUBJECT_W));
  const messageId = str(bag, T.PR_INTERNET_MESSAGE_ID_W);
  const references = referencesOf(str(bag, T.PR_INTERNET_REFERENCES_W), messageId);
  const embedded = kind === 'forward' && o.asAttachment;
  const body = o.quoteBody && !embedded ? quotedBody(bag) : undefined;
  const props: SPropValue[] = [
    { ulPropTag: T.PR_MESSAGE_CLASS_W, Value: o.messageClass },
    ...responseSubjectProps(o.prefix ?? (kind === 'forward' ? 'FW: ' : 'RE: '), normalized),
    // [MS-OXOMSG] 2.2.1.5: the topic never changes along a thread.
    { ulPropTag: T.PR_CONVERSATION_TOPIC_W, Value: str(bag, T.PR_CONVERSATION_TOPIC_W) ?? normalized },
    // sending-a-reply.md step 7 / forwarding-a-message.md: ScCreateConversationIndex on the original's index.
    { ulPropTag: T.PR_CONVERSATION_INDEX, Value: nextConversationIndex(bin(bag, T.PR_CONVERSATION_INDEX), o.clock, o.ids) },
    { ulPropTag: T.PR_INTERNET_MESSAGE_ID_W, Value: newInternetMessageId(o.clock, o.ids, domainOf(o)) },
    ...sentRepresentingProps(bag),
  ];
  // [MS-OXOMSG] 2.2.1.13: In-Reply-To is "set on all message replies"; a forward does not answer the message.
  if (kind !== 'forward' && messageId) props.push({ ulPropTag: T.PR_IN_REPLY_TO_ID_W, Value: messageId });
  if (references) props.push({ ulPropTag: T.PR_INTERNET_REFERENCES_W, Value: references });
  if (body !== undefined) props.push({ ulPropTag: T.PR_BODY_W, Value: body });
  const message = await targetFolder.createMessage(null, 0);
  await message.setProps(props);
  if (recipients.length > 0) await message.modifyRecipients(0, recipients.map((rgPropVals) => ({ rgPropVals })));
  if (kind === 'forward') {
    if (embedded) await embed(original, message, bag);
    else await copyAttachments(original, message);
  }
  if (o.markOriginal) await recordLastVerb(original, VERBS[kind], o.clock);
  return message;
}

/**
 * Creates, in `targetFolder` (usually the Outbox or Drafts), an unsaved reply to the sender of
 * `original`: To the PR_REPLY_RECIPIENT_ENTRIES list or the PR_SENT_REPRESENTING_* / PR_SENDER_*
 * sender; subject "RE: " + the original's normalized subject; PR_CONVERSATION_TOPIC kept;
 * PR_CONVERSATION_INDEX the original's plus a child block; a new PR_INTERNET_MESSAGE_ID;
 * PR_IN_REPLY_TO_ID the original's Message-ID; PR_INTERNET_REFERENCES the original's references
 * plus its Message-ID; the original's text quoted in PR_BODY; no attachments. The original gets
 * PR_LAST_VERB_EXECUTED = 102 and PR_ICON_INDEX = 0x105 (unless `markOriginal: false`).
 * The caller saves or submits the result.
 *
 * Rejects with MAPI_E_INVALID_PARAMETER for a non-message, a non-folder or malformed options,
 * and with the store's errors otherwise (MAPI_E_NO_ACCESS marking a read-only original).
 * @see sending-a-reply.md
 */
export function createReply(original: IMessage, targetFolder: IMAPIFolder, options?: ResponseOptions): Promise<IMessage> {
  return respond('reply', 'createReply', original, targetFolder, options);
}

/**
 * Like {@link createReply}, addressed to the sender and to the original's To (as To) and Cc (as
 * Cc) recipients, without Bcc recipients, without the user (the original's PR_RECEIVED_BY_* and
 * `options.self`) and without duplicates. The original gets PR_LAST_VERB_EXECUTED = 103.
 * @see sending-a-reply.md
 */
export function createReplyAll(original: IMessage, targetFolder: IMAPIFolder, options?: ResponseOptions): Promise<IMessage> {
  return respond('replyAll', 'createReplyAll', original, targetFolder, options);
}

/**
 * Creates an unsaved forward of `original` in `targetFolder`: no recipients, subject "FW: " +
 * normalized subject, the conversation properties as for a reply (no PR_IN_REPLY_TO_ID), and
 * either the original's attachments copied and its text quoted, or (`asAttachment: true`) the
 * original attached whole as an embedded message. The original gets PR_LAST_VERB_EXECUTED = 104
 * and PR_ICON_INDEX = 0x106.
 * @see forwarding-a-message.md
 */
export function createForward(original: IMessage, targetFolder: IMAPIFolder, options?: ForwardOptions): Promise<IMessage> {
  return respond('forward', 'createForward', original, targetFolder, options);
}
