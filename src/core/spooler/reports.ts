import type { FILETIME } from '../props/filetime.js';
import type { SPropValue } from '../props/types.js';
import type { MessageContent, PropMap, RecipientRecord } from '../spi/store.js';
import type { RecipientFailure } from '../spi/transport.js';
import { PROP_ID } from '../props/tags.js';
import { cloneContent, emptyContent } from '../store/messageOps.js';
import { setFlags } from '../store/saveRules.js';
import { messageClassOf } from './delivery.js';
import * as T from '../generated/proptags.js';
import { ATTACH_EMBEDDED_MSG, MAPI_DIAG_OR_NAME_UNRECOGNIZED, MAPI_TO, MSGFLAG_READ } from '../generated/constants.js';
import { MAPI_REASON_TRANSFER_FAILED } from '../spi/transport.js';

/** Kinds of report messages and the constant of their class (mapi-report-messages.md). */
export type ReportKind = 'NDR' | 'DR' | 'IPNRN' | 'IPNNRN';

/** A string property of a map, whatever its string type. */
export function textOf(props: ReadonlyMap<number, SPropValue>, tag: number): string | undefined {
  const v = props.get(PROP_ID(tag))?.Value;
  return typeof v === 'string' ? v : undefined;
}

/** A binary property of a map. */
export function binOf(props: ReadonlyMap<number, SPropValue>, tag: number): Uint8Array | undefined {
  const v = props.get(PROP_ID(tag))?.Value;
  return v instanceof Uint8Array ? v : undefined;
}

const put = (props: PropMap, tag: number, Value: SPropValue['Value'] | undefined) => {
  if (Value !== undefined) props.set(PROP_ID(tag), { ulPropTag: tag, Value } as SPropValue);
};

/** The report's class for a message class: `REPORT.<class>.<kind>` (mapi-report-messages.md: "Report.IPM.Note.DR"). */
export function reportClass(messageClass: string, kind: ReportKind): string {
  return `REPORT.${messageClass || 'IPM.Note'}.${kind}`;
}

const SUBJECT_PREFIX: Record<ReportKind, string> = { NDR: 'Undeliverable: ', DR: 'Delivered: ', IPNRN: 'Read: ', IPNNRN: 'Not read: ' };

/** Who issues reports (the role "System Administrator" plays in Exchange reports). */
const REPORTER = 'Mail Delivery System';

/**
 * The common part of every report about `original` (required-report-message-properties.md):
 * PR_MESSAGE_CLASS, PR_SUBJECT, PR_ORIGINAL_* (subject, display To/Cc/Bcc, submit time),
 * PR_REPORT_TIME, PR_REPORT_NAME, PR_CONVERSATION_TOPIC / PR_CONVERSATION_INDEX,
 * PR_PARENT_KEY and PR_ORIGINAL_SEARCH_KEY (the original's search key, what
 * PR_REPORT_TAG-less clients correlate by), the original's sender as the report's recipient.
 */
function reportBase(original: MessageContent, kind: ReportKind, now: FILETIME, text: string | undefined): MessageContent {
  const o = original.props;
  const report = emptyContent();
  const p = report.props;
  const subject = textOf(o, T.PR_SUBJECT_W) ?? '';
  put(p, T.PR_MESSAGE_CLASS_W, reportClass(messageClassOf(o), kind));
  put(p, T.PR_SUBJECT_W, SUBJECT_PREFIX[kind] + subject);
  put(p, T.PR_ORIGINAL_SUBJECT_W, subject);
  put(p, T.PR_ORIGINAL_SUBMIT_TIME, o.get(PROP_ID(T.PR_CLIENT_SUBMIT_TIME))?.Value as FILETIME | undefined);
  put(p, T.PR_ORIGINAL_DISPLAY_TO_W, displayOf(original.recipients, MAPI_TO));
  put(p, T.PR_ORIGINAL_DISPLAY_CC_W, displayOf(original.recipients, 2));
  put(p, T.PR_ORIGINAL_DISPLAY_BCC_W, displayOf(original.recipients, 3));
  put(p, T.PR_ORIGINAL_SENDER_NAME_W, textOf(o, T.PR_SENDER_NAME_W));
  put(p, T.PR_REPORT_TIME, now);
  put(p, T.PR_REPORT_NAME_W, REPORTER);
  put(p, T.PR_SENDER_NAME_W, REPORTER);
  put(p, T.PR_SENT_REPRESENTING_NAME_W, REPORTER);
  put(p, T.PR_CONVERSATION_TOPIC_W, textOf(o, T.PR_CONVERSATION_TOPIC_W) ?? subject);
  put(p, T.PR_CONVERSATION_INDEX, binOf(o, T.PR_CONVERSATION_INDEX));
  put(p, T.PR_ORIGINAL_SEARCH_KEY, binOf(o, T.PR_SEARCH_KEY));
  put(p, T.PR_PARENT_KEY, binOf(o, T.PR_SEARCH_KEY));
  put(p, T.PR_ORIGINAL_ENTRYID, binOf(o, T.PR_ENTRYID));
  put(p, T.PR_REPORT_TEXT_W, text);
  put(p, T.PR_MESSAGE_DELIVERY_TIME, now);
  setFlags(p, 0);
  return report;
}

/** The semicolon-separated display names of the recipients of one type (PR_DISPLAY_TO's rule). */
function displayOf(recipients: readonly RecipientRecord[], type: number): string {
  return recipients
    .filter((r) => r.props.get(PROP_ID(T.PR_RECIPIENT_TYPE))?.Value === type)
    .map((r) => textOf(r.props, T.PR_DISPLAY_NAME_W) ?? '')
    .join('; ');
}

/** A recipient row of a report: the original recipient's identity plus report columns. */
function reportRecipient(rowId: number, r: RecipientRecord, extra: SPropValue[]): RecipientRecord {
  const props: PropMap = new Map();
  for (const tag of [T.PR_DISPLAY_NAME_W, T.PR_ADDRTYPE_W, T.PR_EMAIL_ADDRESS_W, T.PR_ENTRYID, T.PR_SEARCH_KEY, T.PR_RECIPIENT_TYPE, T.PR_SMTP_ADDRESS_W]) {
    const v = r.props.get(PROP_ID(tag));
    if (v) props.set(PROP_ID(tag), { ...v });
  }
  for (const v of extra) props.set(PROP_ID(v.ulPropTag), v);
  props.set(PROP_ID(T.PR_ROWID), { ulPropTag: T.PR_ROWID, Value: rowId });
  return { rowId, props };
}

/**
 * A non-delivery report (REPORT.<class>.NDR) about `original`: one recipient row per failed
 * recipient with PR_NDR_REASON_CODE, PR_NDR_DIAG_CODE, PR_REPORT_TEXT and PR_REPORT_TIME
 * (recipient-properties-for-delivery-status-reports.md), PR_REPORT_TEXT on the report, and
 * the original attached as an embedded message (mapi-report-messages.md: "Nondelivery
 * reports include the original message as an attachment").
 * @see mapi-report-messages.md
 */
export function nonDeliveryReport(original: MessageContent, failures: readonly RecipientFailure[], now: FILETIME, rows: readonly RecipientRecord[] = original.recipients): MessageContent {
  const texts = failures.map((f) => f.text ?? 'The message could not be delivered to this recipient.');
  const report = reportBase(original, 'NDR', now, [...new Set(texts)].join('\n'));
  failures.forEach((f, i) => {
    const r = rows.find((x) => x.rowId === f.rowId);
    if (!r) return;
    report.recipients.push(
      reportRecipient(i, r, [
        { ulPropTag: T.PR_NDR_REASON_CODE, Value: f.reasonCode ?? MAPI_REASON_TRANSFER_FAILED },
        { ulPropTag: T.PR_NDR_DIAG_CODE, Value: f.diagCode ?? MAPI_DIAG_OR_NAME_UNRECOGNIZED },
        { ulPropTag: T.PR_REPORT_TEXT_W, Value: texts[i] as string },
        { ulPropTag: T.PR_REPORT_TIME, Value: now },
      ]),
    );
  });
  report.nextRowId = report.recipients.length;
  const embedded = cloneContent(original);
  setFlags(embedded.props, MSGFLAG_READ);
  report.attachments.push({
    num: 0,
    props: new Map([
      [PROP_ID(T.PR_ATTACH_METHOD), { ulPropTag: T.PR_ATTACH_METHOD, Value: ATTACH_EMBEDDED_MSG }],
      [PROP_ID(T.PR_ATTACH_NUM), { ulPropTag: T.PR_ATTACH_NUM, Value: 0 }],
      [PROP_ID(T.PR_RENDERING_POSITION), { ulPropTag: T.PR_RENDERING_POSITION, Value: -1 }],
      [PROP_ID(T.PR_DISPLAY_NAME_W), { ulPropTag: T.PR_DISPLAY_NAME_W, Value: textOf(original.props, T.PR_SUBJECT_W) ?? '' }],
    ]),
    embedded,
  });
  report.nextAttachNum = 1;
  return report;
}

/**
 * A delivery report (REPORT.<class>.DR): one row per delivered recipient with
 * PR_DELIVER_TIME and PR_REPORT_TIME; no copy of the original ("Delivery reports ... do not
 * include the original message").
 * @see mapi-report-messages.md
 */
export function deliveryReport(original: MessageContent, deliveredRows: readonly number[], now: FILETIME, rows: readonly RecipientRecord[] = original.recipients): MessageContent {
  const report = reportBase(original, 'DR', now, undefined);
  deliveredRows.forEach((rowId, i) => {
    const r = rows.find((x) => x.rowId === rowId);
    if (r) report.recipients.push(reportRecipient(i, r, [{ ulPropTag: T.PR_DELIVER_TIME, Value: now }, { ulPropTag: T.PR_REPORT_TIME, Value: now }]));
  });
  report.nextRowId = report.recipients.length;
  return report;
}

/**
 * A read (REPORT.<class>.IPNRN) or non-read (REPORT.<class>.IPNNRN) report about a
 * received message, from its reader: PR_ORIGINAL_DELIVERY_TIME is the message's delivery
 * time (required-report-message-properties.md: "For read status reports only").
 * @see imapisupport-readreceipt.md
 */
export function readReport(received: MessageContent, kind: 'IPNRN' | 'IPNNRN', reader: { displayName: string; addressType: string; emailAddress: string } | undefined, now: FILETIME): MessageContent {
  const report = reportBase(received, kind, now, undefined);
  const p = report.props;
  put(p, T.PR_ORIGINAL_DELIVERY_TIME, received.props.get(PROP_ID(T.PR_MESSAGE_DELIVERY_TIME))?.Value as FILETIME | undefined);
  if (reader) {
    put(p, T.PR_SENDER_NAME_W, reader.displayName);
    put(p, T.PR_SENDER_ADDRTYPE_W, reader.addressType);
    put(p, T.PR_SENDER_EMAIL_ADDRESS_W, reader.emailAddress);
    put(p, T.PR_SENT_REPRESENTING_NAME_W, reader.displayName);
    put(p, T.PR_REPORT_NAME_W, reader.displayName);
  }
  return report;
}
