import type { MessageContent, MessageRecord, PropMap } from '../spi/store.js';
import type { StoreContext } from './StoreContext.js';
import { PROP_ID } from '../props/tags.js';
import { valuesEqual } from '../props/values.js';
import { applySubjectRules } from './subject.js';
import { stampSave } from './stamps.js';
import { messageComputedProps } from './computed.js';
import { PR_MESSAGE_ATTACHMENTS, PR_MESSAGE_CLASS_W, PR_MESSAGE_FLAGS, PR_MESSAGE_RECIPIENTS } from '../generated/proptags.js';
import {
  MSGFLAG_ASSOCIATED,
  MSGFLAG_HASATTACH,
  MSGFLAG_NRN_PENDING,
  MSGFLAG_READ,
  MSGFLAG_RN_PENDING,
  MSGFLAG_UNMODIFIED,
} from '../generated/constants.js';

/** Bits of PR_MESSAGE_FLAGS that only SetReadFlag / SetReadFlags change on a saved message; a save takes them from the store. */
export const READ_STATE_BITS = MSGFLAG_READ | MSGFLAG_RN_PENDING | MSGFLAG_NRN_PENDING;

/** PR_MESSAGE_FLAGS of content, 0 when absent. */
export function flagsOf(props: PropMap): number {
  const v = props.get(PROP_ID(PR_MESSAGE_FLAGS))?.Value;
  return typeof v === 'number' ? v : 0;
}

/** Sets PR_MESSAGE_FLAGS. */
export function setFlags(props: PropMap, flags: number): void {
  props.set(PROP_ID(PR_MESSAGE_FLAGS), { ulPropTag: PR_MESSAGE_FLAGS, Value: flags | 0 });
}

/** What a save needs to know about the message being saved. */
export interface SaveInfo {
  /** The first save of this message (or embedded message). */
  first: boolean;
  /** Identifiers the client changed since the last save. */
  dirty: ReadonlySet<number>;
  /** An embedded message (no record key or change key). */
  embedded: boolean;
  associated: boolean;
  /** The committed record a later save replaces (its read state wins). */
  current?: MessageRecord;
}

/**
 * The rules a store applies to a message's content at SaveChanges, in place:
 * subject prefix / normalized subject (applySubjectRules), PR_MESSAGE_CLASS "IPM" when unset
 * (pidtagmessageclass-canonical-property.md: "the message store should set it to IPM"),
 * PR_MESSAGE_FLAGS (MSGFLAG_UNMODIFIED cleared from the second save on, MSGFLAG_HASATTACH and
 * MSGFLAG_ASSOCIATED computed, the read state of the stored message kept), and the identity
 * stamps (stampSave).
 * @see pidtagmessageflags-canonical-property.md
 */
export function prepareSave(ctx: StoreContext, content: MessageContent, info: SaveInfo): void {
  const props = content.props;
  applySubjectRules(props, info.dirty);
  if (!props.has(PROP_ID(PR_MESSAGE_CLASS_W))) props.set(PROP_ID(PR_MESSAGE_CLASS_W), { ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM' });
  let f = flagsOf(props);
  // "When a message is saved for the second time, the message store provider clears the MSGFLAG_UNMODIFIED flag."
  if (!info.first) f &= ~MSGFLAG_UNMODIFIED;
  if (info.current) f = (f & ~READ_STATE_BITS) | (flagsOf(info.current.props) & READ_STATE_BITS);
  f = content.attachments.length ? f | MSGFLAG_HASATTACH : f & ~MSGFLAG_HASATTACH;
  f = info.associated ? (f | MSGFLAG_ASSOCIATED) & ~MSGFLAG_READ : f & ~MSGFLAG_ASSOCIATED;
  setFlags(props, f);
  stampSave(ctx, props, info.first, info.embedded);
}

/** True when two property maps hold the same values. */
export function propMapsEqual(a: PropMap, b: PropMap): boolean {
  if (a.size !== b.size) return false;
  for (const [id, v] of a) {
    const w = b.get(id);
    if (!w || w.ulPropTag !== v.ulPropTag || !valuesEqual(v.Value, w.Value)) return false;
  }
  return true;
}

/** True when two message contents have the same recipients. */
function sameRecipients(a: MessageContent, b: MessageContent): boolean {
  return a.recipients.length === b.recipients.length && a.recipients.every((r, i) => r.rowId === b.recipients[i]?.rowId && propMapsEqual(r.props, (b.recipients[i] as { props: PropMap }).props));
}

/** True when two message contents have the same attachments (embedded messages compared in depth). */
function sameAttachments(a: MessageContent, b: MessageContent): boolean {
  return (
    a.attachments.length === b.attachments.length &&
    a.attachments.every((x, i) => {
      const y = b.attachments[i];
      if (!y || x.num !== y.num || !propMapsEqual(x.props, y.props)) return false;
      if (!x.embedded || !y.embedded) return !x.embedded && !y.embedded;
      return propMapsEqual(x.embedded.props, y.embedded.props) && sameRecipients(x.embedded, y.embedded) && sameAttachments(x.embedded, y.embedded);
    })
  );
}

/**
 * The tags of the properties a save changed, for fnevObjectModified's lpPropTagArray:
 * stored and computed properties that differ (a deleted one with its old tag), plus
 * PR_MESSAGE_RECIPIENTS / PR_MESSAGE_ATTACHMENTS when those tables changed.
 */
export function changedTags(ctx: StoreContext, before: MessageRecord, after: MessageRecord): number[] {
  const withComputed = (r: MessageRecord) => {
    const m = new Map(r.props);
    const place = { id: r.id, folderId: r.folderId, associated: r.associated, saved: true, writable: !ctx.backend.readOnly };
    for (const [id, v] of messageComputedProps(ctx, r, place)) m.set(id, v);
    return m;
  };
  const a = withComputed(after);
  const b = withComputed(before);
  const tags: number[] = [];
  for (const [id, v] of a) {
    const w = b.get(id);
    if (!w || w.ulPropTag !== v.ulPropTag || !valuesEqual(w.Value, v.Value)) tags.push(v.ulPropTag >>> 0);
  }
  for (const [id, w] of b) if (!a.has(id)) tags.push(w.ulPropTag >>> 0);
  if (!sameRecipients(before, after)) tags.push(PR_MESSAGE_RECIPIENTS);
  if (!sameAttachments(before, after)) tags.push(PR_MESSAGE_ATTACHMENTS);
  return tags;
}
