import type { FolderRecord, MessageRecord, MessageSummary } from '../spi/store.js';
import type { SPropValue } from '../props/types.js';
import type { TableRow } from '../table/RowSource.js';
import type { RestrictionTarget } from '../restriction/read.js';
import type { StoreContext } from './StoreContext.js';
import { computedFromFacts, folderComputedProps, messageComputedProps, storedFacts } from './computed.js';
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
  const props = messageComputedProps(ctx, rec, { id: rec.id, folderId: rec.folderId, associated: rec.associated, saved: true, writable: !ctx.backend.readOnly }, new Map(rec.props), storedFacts(rec));
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

/**
 * The contents-table row of a message from the backend's summary: the summary's stored values
 * and the computed ones, equal to {@link computeMessageRow} of the same version. A property the
 * summary may lack, a RES_SUBRESTRICTION on recipients or attachments, and listing every column
 * read the whole row through `full` (the message decoded once).
 */
export function computeSummaryRow(ctx: StoreContext, sum: MessageSummary, full: () => TableRow | undefined): TableRow {
  const place = { id: sum.id, folderId: sum.folderId, associated: sum.associated, saved: true, writable: !ctx.backend.readOnly };
  const props = computedFromFacts(ctx, sum.props, place, sum.facts, new Map(sum.props));
  return {
    key: String(sum.id),
    props: sum.omitted === 'none' ? props : new SummaryProps(props, sum.omitted, full),
    subObjects: (sub: number) => full()?.subObjects?.(sub),
  };
}

/**
 * The properties of a summary row: the summary's own, and the whole row's for a property the
 * summary may lack (read on first need). Iterating lists the whole row.
 */
class SummaryProps implements ReadonlyMap<number, SPropValue> {
  constructor(
    private readonly own: ReadonlyMap<number, SPropValue>,
    private readonly omitted: ReadonlySet<number> | 'unknown',
    private readonly full: () => TableRow | undefined,
  ) {}
  private all(): ReadonlyMap<number, SPropValue> {
    return this.full()?.props ?? this.own;
  }
  private mayLack(id: number): boolean {
    return this.omitted === 'unknown' || this.omitted.has(id);
  }
  get(id: number): SPropValue | undefined {
    const v = this.own.get(id);
    return v !== undefined || !this.mayLack(id) ? v : this.all().get(id);
  }
  has(id: number): boolean {
    return this.own.has(id) || (this.mayLack(id) && this.all().has(id));
  }
  get size(): number {
    return this.all().size;
  }
  forEach(fn: (value: SPropValue, key: number, map: ReadonlyMap<number, SPropValue>) => void): void {
    for (const [k, v] of this.all()) fn(v, k, this);
  }
  entries(): MapIterator<[number, SPropValue]> {
    return this.all().entries();
  }
  keys(): MapIterator<number> {
    return this.all().keys();
  }
  values(): MapIterator<SPropValue> {
    return this.all().values();
  }
  [Symbol.iterator](): MapIterator<[number, SPropValue]> {
    return this.all().entries();
  }
}

/** The hierarchy-table row of a folder; `depth` is its PR_DEPTH in the table (1 for direct children). */
export function computeFolderRow(ctx: StoreContext, rec: FolderRecord, depth?: number): TableRow {
  const props = new Map(rec.props);
  for (const [id, v] of folderComputedProps(ctx, rec)) props.set(id, v);
  if (depth !== undefined) props.set(PROP_ID(PR_DEPTH), { ulPropTag: PR_DEPTH, Value: depth });
  return { key: String(rec.id), props };
}
