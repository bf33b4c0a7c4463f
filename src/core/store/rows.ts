import type { FolderRecord, MessageRecord } from '../spi/store.js';
import type { TableRow } from '../table/RowSource.js';
import type { RestrictionTarget } from '../restriction/read.js';
import type { StoreContext } from './StoreContext.js';
import { folderComputedProps, messageComputedProps } from './computed.js';
import { attachmentRow, recipientRow } from './subobjects.js';
import { PR_MESSAGE_ATTACHMENTS, PR_MESSAGE_RECIPIENTS } from '../generated/proptags.js';
import { PROP_ID } from '../props/tags.js';
import { PR_DEPTH } from '../generated/proptags.js';

/**
 * The contents-table row of a committed message: its stored properties and the computed ones
 * (the same computation getProps uses on an open message), with its recipients and
 * attachments available to RES_SUBRESTRICTION.
 */
export function computeMessageRow(ctx: StoreContext, rec: MessageRecord): TableRow {
  const props = messageComputedProps(ctx, rec, { id: rec.id, folderId: rec.folderId, associated: rec.associated, saved: true, writable: !ctx.backend.readOnly }, new Map(rec.props));
  // RES_SUBRESTRICTION sees the rows of the recipient and attachment tables, computed columns included.
  const asTarget = (row: TableRow): RestrictionTarget => ({ get: (tag: number) => row.props.get(PROP_ID(tag)) });
  let recips: RestrictionTarget[] | undefined;
  let attachs: RestrictionTarget[] | undefined;
  return {
    key: String(rec.id),
    props,
    subObjects: (sub: number) => {
      // Built on first use: most rows are never tested by a RES_SUBRESTRICTION.
      if (sub === PR_MESSAGE_RECIPIENTS) return (recips ??= rec.recipients.map((r) => asTarget(recipientRow(r))));
      if (sub === PR_MESSAGE_ATTACHMENTS) return (attachs ??= rec.attachments.map((a) => asTarget(attachmentRow(a))));
      return undefined;
    },
  };
}

/** The hierarchy-table row of a folder; `depth` is its PR_DEPTH in the table (1 for direct children). */
export function computeFolderRow(ctx: StoreContext, rec: FolderRecord, depth?: number): TableRow {
  const props = new Map(rec.props);
  for (const [id, v] of folderComputedProps(ctx, rec)) props.set(id, v);
  if (depth !== undefined) props.set(PROP_ID(PR_DEPTH), { ulPropTag: PR_DEPTH, Value: depth });
  return { key: String(rec.id), props };
}
