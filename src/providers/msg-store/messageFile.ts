/**
 * What the .msg store keeps of a message in its file and what it adds from the index: the
 * PT_STRING8 types a Unicode .msg loses, and the properties a .msg has no place for.
 */
import type { MessageContent, MessageRecord, PropMap } from '../../core/spi/store.js';
import { PROP_ID, PROP_TAG, PROP_TYPE } from '../../core/props/tags.js';
import { PT_MV_STRING8, PT_MV_UNICODE, PT_OBJECT, PT_STRING8, PT_UNICODE } from '../../core/generated/proptypes.js';
import { PR_STORE_SUPPORT_MASK } from '../../core/generated/proptags.js';
import { isMsgType } from '../../formats/msg/values.js';

/** PR_STORE_SUPPORT_MASK: writeMsg marks a Unicode file with STORE_UNICODE_OK, the file's mask, not the message's. */
export const MASK_ID = PROP_ID(PR_STORE_SUPPORT_MASK);

/** Where a PT_STRING8 value is: `m.<id>` (message), `r<rowId>.<id>` (recipient), `a<num>.<id>` (attachment). */
export function string8Places(content: MessageContent): string[] {
  const out: string[] = [];
  const scan = (prefix: string, props: PropMap) => {
    for (const [id, v] of props) {
      const t = PROP_TYPE(v.ulPropTag);
      if (t === PT_STRING8 || t === PT_MV_STRING8) out.push(`${prefix}.${id}`);
    }
  };
  scan('m', content.props);
  for (const r of content.recipients) scan(`r${r.rowId}`, r.props);
  for (const a of content.attachments) scan(`a${a.num}`, a.props);
  return out;
}

/** Gives back their PT_STRING8 type to the values {@link string8Places} listed (a Unicode .msg holds every string as PT_UNICODE). */
export function restoreString8(content: MessageContent, places: readonly string[]): void {
  const byPrefix = new Map<string, PropMap>([['m', content.props]]);
  for (const r of content.recipients) byPrefix.set(`r${r.rowId}`, r.props);
  for (const a of content.attachments) byPrefix.set(`a${a.num}`, a.props);
  for (const place of places) {
    const dot = place.indexOf('.');
    const props = byPrefix.get(place.slice(0, dot));
    const id = Number(place.slice(dot + 1));
    const v = props?.get(id);
    if (!v) continue;
    const t = PROP_TYPE(v.ulPropTag);
    if (t === PT_UNICODE) props!.set(id, { ulPropTag: PROP_TAG(PT_STRING8, id), Value: v.Value });
    else if (t === PT_MV_UNICODE) props!.set(id, { ulPropTag: PROP_TAG(PT_MV_STRING8, id), Value: v.Value });
  }
}
/**
 * The record as the .msg file keeps it: without the top-level properties the format has no
 * place for (writeMsg drops them, so a restart would not see them) and PR_STORE_SUPPORT_MASK.
 */
export function keptByMsg(rec: MessageRecord): MessageRecord {
  let drop = false;
  for (const [id, v] of rec.props) {
    const t = PROP_TYPE(v.ulPropTag);
    if (id === MASK_ID || !isMsgType(t) || t === PT_OBJECT) drop = true;
  }
  if (!drop) return rec;
  const props: PropMap = new Map();
  for (const [id, v] of rec.props) {
    const t = PROP_TYPE(v.ulPropTag);
    if (!(id === MASK_ID || !isMsgType(t) || t === PT_OBJECT)) props.set(id, v);
  }
  return { ...rec, props };
}
