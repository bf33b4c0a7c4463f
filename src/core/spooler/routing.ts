import type { PropMap, MessageContent, RecipientRecord } from '../spi/store.js';
import type { OutgoingRecipient } from '../spi/transport.js';
import type { IAddrBook } from '../ab/interfaces.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import { textOf } from './reports.js';
import * as T from '../generated/proptags.js';
import { MAPI_TO, MAPI_DISTLIST, DT_DISTLIST, DT_PRIVATE_DISTLIST, MAPI_P1, MAPI_SUBMITTED } from '../generated/constants.js';
import { MAPI_E_NETWORK_ERROR } from '../generated/scodes.js';

/** True when a recipient row names a distribution list (PR_OBJECT_TYPE MAPI_DISTLIST, PR_DISPLAY_TYPE DT_DISTLIST / DT_PRIVATE_DISTLIST, PR_ADDRTYPE MAPIPDL). */
export function isDistList(props: PropMap): boolean {
  const dt = props.get(PROP_ID(T.PR_DISPLAY_TYPE))?.Value;
  return props.get(PROP_ID(T.PR_OBJECT_TYPE))?.Value === MAPI_DISTLIST || dt === DT_DISTLIST || dt === DT_PRIVATE_DISTLIST || textOf(props, T.PR_ADDRTYPE_W)?.toUpperCase() === 'MAPIPDL';
}

/** PR_RECIPIENT_TYPE of a row (MAPI_TO when absent), as an unsigned value. */
function recipientType(props: PropMap): number {
  const v = props.get(PROP_ID(T.PR_RECIPIENT_TYPE))?.Value;
  return (typeof v === 'number' ? v : MAPI_TO) >>> 0;
}

/** True for a MAPI_P1 row: a copy of a recipient that did not receive the message, made for a resend. */
export function isResendCopy(props: PropMap): boolean {
  return (recipientType(props) & MAPI_P1) !== 0;
}

/** Whether two recipient rows name the same address (same PR_ENTRYID, or same PR_ADDRTYPE and PR_EMAIL_ADDRESS, case-insensitively). */
function sameRecipient(a: PropMap, b: PropMap): boolean {
  const ea = a.get(PROP_ID(T.PR_ENTRYID))?.Value;
  const eb = b.get(PROP_ID(T.PR_ENTRYID))?.Value;
  if (ea instanceof Uint8Array && eb instanceof Uint8Array && ea.length > 0 && ea.length === eb.length && ea.every((x, i) => x === eb[i])) return true;
  const key = (p: PropMap) => {
    const t = textOf(p, T.PR_ADDRTYPE_W);
    const e = textOf(p, T.PR_EMAIL_ADDRESS_W);
    return t && e ? `${t}:${e}`.toUpperCase() : undefined;
  };
  const ka = key(a);
  return ka !== undefined && ka === key(b);
}

/**
 * Whether a row of a resend is not sent to again (pidtagrecipienttype-canonical-property.md):
 * a row with MAPI_SUBMITTED (the recipient "has already received the message"), or the
 * original row of a recipient that also has a MAPI_P1 copy (the copy is the one sent to; the
 * original row only keeps the recipient list as it was). MAPI_P1 rows and rows without a
 * MAPI_P1 copy (recipients the user added) are sent to.
 */
export function notSentAgain(r: { props: PropMap }, rows: readonly { props: PropMap }[]): boolean {
  const type = recipientType(r.props);
  if (type & MAPI_P1) return false;
  if (type & MAPI_SUBMITTED) return true;
  return rows.some((o) => o !== r && isResendCopy(o.props) && sameRecipient(o.props, r.props));
}

/** A transport's rejection as a MapiError (anything else counts as MAPI_E_NETWORK_ERROR). */
export function asMapiError(e: unknown): MapiError {
  return e instanceof MapiError ? e : new MapiError(MAPI_E_NETWORK_ERROR, e instanceof Error ? e.message : String(e));
}

/** A recipient row as a transport sees it. */
export function outgoingRecipient(r: { rowId: number; props: PropMap }): OutgoingRecipient {
  return {
    rowId: r.rowId,
    displayName: textOf(r.props, T.PR_DISPLAY_NAME_W) ?? '',
    addressType: textOf(r.props, T.PR_ADDRTYPE_W) ?? '',
    emailAddress: textOf(r.props, T.PR_EMAIL_ADDRESS_W) ?? '',
    recipientType: (r.props.get(PROP_ID(T.PR_RECIPIENT_TYPE))?.Value as number | undefined) ?? MAPI_TO,
    props: new Map([...r.props].map(([k, v]) => [k, { ...v }])),
  };
}

/** A MAPI_TO recipient row for an address (the recipient of a report). */
export function recipientRow(displayName: string, addressType: string, emailAddress: string): { rowId: number; props: PropMap } {
  const props: PropMap = new Map();
  props.set(PROP_ID(T.PR_DISPLAY_NAME_W), { ulPropTag: T.PR_DISPLAY_NAME_W, Value: displayName });
  props.set(PROP_ID(T.PR_ADDRTYPE_W), { ulPropTag: T.PR_ADDRTYPE_W, Value: addressType });
  props.set(PROP_ID(T.PR_EMAIL_ADDRESS_W), { ulPropTag: T.PR_EMAIL_ADDRESS_W, Value: emailAddress });
  props.set(PROP_ID(T.PR_RECIPIENT_TYPE), { ulPropTag: T.PR_RECIPIENT_TYPE, Value: MAPI_TO });
  props.set(PROP_ID(T.PR_ROWID), { ulPropTag: T.PR_ROWID, Value: 0 });
  return { rowId: 0, props };
}

/**
 * The recipients of a message with its distribution lists replaced by their members, through
 * an address book (the address-book kit's expandRecipients: nested lists, cycles, duplicates;
 * imapisupport-expandrecips.md). Rows get new PR_ROWIDs after the message's own. The address
 * book is released.
 * @param rows the rows to expand [the message's recipients]
 */
export async function expandForRouting(ab: IAddrBook, content: MessageContent, rows: readonly RecipientRecord[] = content.recipients): Promise<RecipientRecord[]> {
  try {
    // Loaded on first use: the address-book kit is only needed for distribution lists.
    const { expandRecipients } = await import('../ab/expand.js');
    const expanded = await expandRecipients(ab, rows.map((r) => [...r.props.values()]));
    return expanded.map((props, i) => {
      const rowId = content.nextRowId + i;
      const map: PropMap = new Map(props.map((v) => [PROP_ID(v.ulPropTag), v]));
      map.set(PROP_ID(T.PR_ROWID), { ulPropTag: T.PR_ROWID, Value: rowId });
      map.delete(PROP_ID(T.PR_RESPONSIBILITY));
      return { rowId, props: map };
    });
  } finally {
    ab.release();
  }
}
