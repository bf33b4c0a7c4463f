import type { IMAPIProp } from '../props/interfaces.js';
import type { SPropProblemArray, SPropValue } from '../props/types.js';
import type { PropMap } from '../spi/store.js';
import type { IMessage } from './interfaces.js';
import type { MessageObject } from './Message.js';
import { MapiError } from '../errors/MapiError.js';
import { NAMED_PROP_ID_MIN } from '../props/NamedPropertyMap.js';
import { PROP_ID, PROP_TAG, PROP_TYPE } from '../props/tags.js';
import { bytesEqual, cloneValue } from '../props/values.js';
import { AttachObject } from './Attach.js';
import { cloneAttachment } from './Message.js';
import { IID_IAttachment } from '../generated/guids.js';
import { PT_ERROR } from '../generated/proptypes.js';
import { PR_MAPPING_SIGNATURE } from '../generated/proptags.js';
import { MAPI_CREATE, MAPI_MOVE, MAPI_NOREPLACE } from '../generated/constants.js';
import { MAPI_E_NO_SUPPORT } from '../generated/scodes.js';

/** Maps the named-property identifiers of one store to another's by name (identity when both share a mapping). */
async function namedRemap(src: MessageObject, dest: IMAPIProp): Promise<(id: number) => Promise<number | undefined>> {
  const map = src.ctx.backend.namedProps;
  const [sig] = await dest.getProps([PR_MAPPING_SIGNATURE], 0).catch(() => [undefined]);
  if (sig && sig.Value instanceof Uint8Array && bytesEqual(sig.Value, map.signature)) return async (id) => id;
  const cache = new Map<number, number | undefined>();
  return async (id) => {
    if (id < NAMED_PROP_ID_MIN) return id;
    if (cache.has(id)) return cache.get(id);
    const name = map.nameOf(id);
    let to: number | undefined = id;
    if (name) {
      try {
        const [tag] = await dest.getIDsFromNames([name], MAPI_CREATE);
        to = tag !== undefined && PROP_TYPE(tag) !== PT_ERROR ? PROP_ID(tag) : undefined;
      } catch (e) {
        if (!MapiError.is(e, MAPI_E_NO_SUPPORT)) throw e;
      }
    }
    cache.set(id, to);
    return to;
  };
}

async function remapped(props: PropMap, remap: (id: number) => Promise<number | undefined>): Promise<SPropValue[]> {
  const out: SPropValue[] = [];
  for (const [id, v] of props) {
    const to = await remap(id);
    if (to !== undefined) out.push({ ulPropTag: PROP_TAG(PROP_TYPE(v.ulPropTag), to), Value: cloneValue(v.Value) });
  }
  return out;
}

/**
 * The subobject part of IMAPIProp::CopyTo / CopyProps on a message (imapiprop-copyto.md: "Any
 * subobjects in the source object are automatically included"): the recipients replace the
 * destination's (kept with MAPI_NOREPLACE when it has some), each attachment becomes a new
 * attachment of the destination (embedded messages copied in depth), named properties are
 * re-mapped by name for a destination in another store. With MAPI_MOVE the source loses them.
 * A destination that is not a message gets none of them.
 */
export async function copyMessageSubobjects(src: MessageObject, dest: IMAPIProp, recipients: boolean, attachments: boolean, flags: number): Promise<SPropProblemArray> {
  const target = dest as Partial<IMessage>;
  if (typeof target.modifyRecipients !== 'function' || typeof target.createAttach !== 'function' || typeof target.getRecipientTable !== 'function') return [];
  const problems: SPropProblemArray = [];
  const remap = await namedRemap(src, dest);
  if (recipients) {
    let keep = false;
    if (flags & MAPI_NOREPLACE) {
      const t = await target.getRecipientTable(0);
      keep = (await t.getRowCount(0)) > 0;
      t.release();
    }
    if (!keep) {
      const rows = [];
      for (const r of src.content.recipients) rows.push({ rgPropVals: await remapped(r.props, remap) });
      await target.modifyRecipients(0, rows);
    }
  }
  if (attachments) {
    for (const a of src.content.attachments) {
      const { attach } = await target.createAttach(null, 0);
      const source = new AttachObject(src, cloneAttachment(a), true, false);
      problems.push(...(await source.copyTo(null, null, null, IID_IAttachment, attach, flags & ~MAPI_MOVE)));
      await attach.saveChanges(0);
      attach.release();
    }
  }
  if (flags & MAPI_MOVE) src.removeMovedSubobjects(recipients, attachments);
  return problems;
}
