/**
 * Resending a message after a non-delivery report.
 * @see resending-an-undelivered-message.md
 */
import { MapiError } from '../errors/MapiError.js';
import type { IMAPIFolder, IMessage } from '../store/interfaces.js';
import type { SPropValue } from '../props/types.js';
import { PROP_TYPE } from '../props/tags.js';
import { IID_IMessage } from '../generated/guids.js';
import { PT_ERROR } from '../generated/proptypes.js';
import { ATTACH_EMBEDDED_MSG, MAPI_P1, MAPI_SUBMITTED, MSGFLAG_RESEND, MSGFLAG_UNSENT } from '../generated/constants.js';
import { MAPI_E_INVALID_PARAMETER } from '../generated/scodes.js';
import * as T from '../generated/proptags.js';
import { sameAddress, type MailIdentity } from './addresses.js';
import { allRows, bin, checkFolder, checkMessage, readProps, recipientProps, RECIPIENT_COLUMNS, str } from './read.js';
import { baseRecipientType } from './respond.js';

/** Options of {@link createResend}. */
export interface ResendOptions {
  /**
   * The message that was not delivered (e.g. opened from Sent Items) [the NDR's first embedded
   * message]. Its PR_ENTRYID, when it has one, becomes the resend's PR_ORIGINAL_ENTRYID.
   */
  readonly original?: IMessage;
}

/** Properties a resend does not copy from the original (resending-an-undelivered-message.md, step 2: recipients, PR_SENDER_*, PR_SENT_REPRESENTING_*), plus what a store or transport stamps. */
const NOT_COPIED = [
  T.PR_MESSAGE_RECIPIENTS,
  T.PR_MESSAGE_FLAGS,
  T.PR_SENDER_ENTRYID,
  T.PR_SENDER_NAME_W,
  T.PR_SENDER_ADDRTYPE_W,
  T.PR_SENDER_EMAIL_ADDRESS_W,
  T.PR_SENDER_SEARCH_KEY,
  T.PR_SENT_REPRESENTING_ENTRYID,
  T.PR_SENT_REPRESENTING_NAME_W,
  T.PR_SENT_REPRESENTING_ADDRTYPE_W,
  T.PR_SENT_REPRESENTING_EMAIL_ADDRESS_W,
  T.PR_SENT_REPRESENTING_SEARCH_KEY,
  T.PR_CLIENT_SUBMIT_TIME,
  T.PR_MESSAGE_DELIVERY_TIME,
];

/** Recipient properties an NDR adds to a failed recipient, not copied to the resend. */
const NDR_RECIPIENT_PROPS = new Set<number>([T.PR_NDR_REASON_CODE, T.PR_NDR_DIAG_CODE, T.PR_NDR_STATUS_CODE, T.PR_SUPPLEMENTARY_INFO_W, T.PR_REPORT_TEXT_W]);

function identityOf(props: readonly SPropValue[]): MailIdentity {
  const get = (tag: number) => props.find((p) => p.ulPropTag === tag)?.Value;
  const e = get(T.PR_ENTRYID);
  const t = get(T.PR_ADDRTYPE_W);
  const a = get(T.PR_EMAIL_ADDRESS_W);
  const k = get(T.PR_SEARCH_KEY);
  return {
    ...(e instanceof Uint8Array && { entryId: e }),
    ...(typeof t === 'string' && t && { addressType: t }),
    ...(typeof a === 'string' && a && { emailAddress: a }),
    ...(k instanceof Uint8Array && { searchKey: k }),
  };
}

function withType(props: readonly SPropValue[], type: number): SPropValue[] {
  const rest = props.filter((p) => p.ulPropTag !== T.PR_RECIPIENT_TYPE && !NDR_RECIPIENT_PROPS.has(p.ulPropTag));
  return [{ ulPropTag: T.PR_RECIPIENT_TYPE, Value: type | 0 }, ...rest];
}

/** The first embedded message of `message`, opened read-only, or undefined. */
async function firstEmbeddedMessage(message: IMessage): Promise<IMessage | undefined> {
  for (const row of await allRows(await message.getAttachmentTable(0), [T.PR_ATTACH_NUM, T.PR_ATTACH_METHOD])) {
    const [num, method] = row.lpProps;
    if (!num || PROP_TYPE(num.ulPropTag) === PT_ERROR || method?.Value !== ATTACH_EMBEDDED_MSG) continue;
    const attach = await message.openAttach(num.Value as number, null, 0);
    return attach.openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, 0);
  }
  return undefined;
}

/** Whether `messageClass` names a non-delivery report ([MS-OXOMSG] 2.2.2.1: "REPORT.<class>.NDR", compared case-insensitively). */
export function isNonDeliveryReportClass(messageClass: string | undefined): boolean {
  return messageClass !== undefined && /^REPORT\..+\.NDR$/i.test(messageClass);
}

/**
 * Creates, in `targetFolder`, an unsaved resend of the message a non-delivery report `ndr`
 * answers (resending-an-undelivered-message.md): every property of the original (`options.original`,
 * else the NDR's embedded copy, else the NDR's PR_ORIGINAL_SUBJECT) except its recipients,
 * PR_SENDER_* and PR_SENT_REPRESENTING_*; PR_MESSAGE_CLASS the NDR's PR_ORIG_MESSAGE_CLASS;
 * PR_MESSAGE_FLAGS MSGFLAG_UNSENT | MSGFLAG_RESEND; PR_ORIGINAL_ENTRYID the original's entry ID;
 * the original recipients that received it with MAPI_SUBMITTED added to PR_RECIPIENT_TYPE, the
 * failed ones (rows of the NDR's recipient table) unchanged and once more with PR_RECIPIENT_TYPE
 * MAPI_P1, which makes the transport deliver to them again (pidtagrecipienttype-canonical-property.md). The conversation properties (index, topic, Message-ID,
 * references) are copied unchanged: "a resent message ... should look exactly like the original".
 *
 * Rejects with MAPI_E_INVALID_PARAMETER when `ndr` is not a message of class REPORT.*.NDR or
 * `targetFolder` is not a folder.
 * @see resending-an-undelivered-message.md
 * @see pidtagmessageflags-canonical-property.md
 */
export async function createResend(ndr: IMessage, targetFolder: IMAPIFolder, options?: ResendOptions): Promise<IMessage> {
  checkMessage('createResend', 'ndr', ndr);
  checkFolder('createResend', targetFolder);
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'createResend: options must be an object');
  if (options?.original !== undefined) checkMessage('createResend', 'options.original', options.original);
  const report = await readProps(ndr, [T.PR_MESSAGE_CLASS_W, T.PR_ORIG_MESSAGE_CLASS_W, T.PR_ORIGINAL_SUBJECT_W, T.PR_ORIGINAL_ENTRYID, T.PR_CONVERSATION_TOPIC_W, T.PR_CONVERSATION_INDEX]);
  if (!isNonDeliveryReportClass(str(report, T.PR_MESSAGE_CLASS_W))) {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `createResend: the message is not a non-delivery report (class ${JSON.stringify(str(report, T.PR_MESSAGE_CLASS_W) ?? null)})`);
  }
  const source = options?.original ?? (await firstEmbeddedMessage(ndr));
  const failed = (await allRows(await ndr.getRecipientTable(0), RECIPIENT_COLUMNS)).map(recipientProps);
  const message = await targetFolder.createMessage(null, 0);
  const props: SPropValue[] = [];
  let originals: SPropValue[][] = failed;
  if (source) {
    await source.copyTo(null, NOT_COPIED, null, IID_IMessage, message, 0);
    originals = (await allRows(await source.getRecipientTable(0), RECIPIENT_COLUMNS)).map(recipientProps);
  } else {
    // No copy of the original: rebuild what the report says of it.
    const subject = str(report, T.PR_ORIGINAL_SUBJECT_W);
    if (subject !== undefined) props.push({ ulPropTag: T.PR_SUBJECT_W, Value: subject });
    const topic = str(report, T.PR_CONVERSATION_TOPIC_W);
    if (topic !== undefined) props.push({ ulPropTag: T.PR_CONVERSATION_TOPIC_W, Value: topic });
    const index = bin(report, T.PR_CONVERSATION_INDEX);
    if (index) props.push({ ulPropTag: T.PR_CONVERSATION_INDEX, Value: index });
  }
  // Step 2: the class is the report's PR_ORIG_MESSAGE_CLASS (else the one inside REPORT.<class>.NDR).
  const reportClass = str(report, T.PR_MESSAGE_CLASS_W) as string;
  props.push({ ulPropTag: T.PR_MESSAGE_CLASS_W, Value: str(report, T.PR_ORIG_MESSAGE_CLASS_W) ?? reportClass.slice('REPORT.'.length, -'.NDR'.length) });
  props.push({ ulPropTag: T.PR_MESSAGE_FLAGS, Value: MSGFLAG_UNSENT | MSGFLAG_RESEND });
  const sourceEntryId = source ? bin(await readProps(source, [T.PR_ENTRYID]), T.PR_ENTRYID) : undefined;
  const originalEntryId = sourceEntryId ?? bin(report, T.PR_ORIGINAL_ENTRYID);
  if (originalEntryId) props.push({ ulPropTag: T.PR_ORIGINAL_ENTRYID, Value: originalEntryId });
  await message.setProps(props);
  // pidtagrecipienttype-canonical-property.md: "the client sets MAPI_SUBMITTED on every recipient that does
  // not need the message again"; for one that did not receive it, "the client retains the original recipient
  // with its PR_RECIPIENT_TYPE value unchanged, but additionally submits a copy of the recipient with MAPI_P1
  // in place of the original value" (the page is more precise than resending-an-undelivered-message.md's
  // "for each recipient, set MAPI_SUBMITTED").
  const isFailed = (r: readonly SPropValue[]) => failed.some((f) => sameAddress(identityOf(f), identityOf(r)));
  const recipients: SPropValue[][] = [];
  for (const r of originals) {
    const type = r.find((p) => p.ulPropTag === T.PR_RECIPIENT_TYPE)?.Value;
    const base = baseRecipientType(typeof type === 'number' ? type : 0);
    recipients.push(withType(r, isFailed(r) ? base : base | MAPI_SUBMITTED));
  }
  for (const f of failed) {
    const match = originals.find((r) => sameAddress(identityOf(r), identityOf(f)));
    recipients.push(withType(match ?? f, MAPI_P1));
  }
  if (recipients.length > 0) await message.modifyRecipients(0, recipients.map((rgPropVals) => ({ rgPropVals })));
  return message;
}
