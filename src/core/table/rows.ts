import { readAs } from '../props/convert.js';
import { CHANGE_PROP_TYPE, PROP_ID, PROP_TYPE } from '../props/tags.js';
import type { SPropValue, SRow } from '../props/types.js';
import { PT_ERROR, PT_UNSPECIFIED } from '../generated/proptypes.js';
import {
  PR_CONTENT_COUNT,
  PR_CONTENT_UNREAD,
  PR_DEPTH,
  PR_INSTANCE_KEY,
  PR_NULL,
  PR_ROW_TYPE,
} from '../generated/proptags.js';
import { TBL_COLLAPSED_CATEGORY, TBL_EXPANDED_CATEGORY, TBL_LEAF_ROW, MVI_FLAG } from '../generated/constants.js';
import { MAPI_E_NOT_FOUND } from '../generated/scodes.js';
import type { CategoryNode, LeafNode, ViewNode } from './nodes.js';
import type { SortSpec } from './sortSpec.js';

/** How a table renders its cells. */
export interface RowRenderOptions {
  /** PT_UNSPECIFIED string columns come back as PT_UNICODE (the table was opened with MAPI_UNICODE). */
  unicode: boolean;
  /** Code page for PT_UNICODE → PT_STRING8 conversions. */
  codePage: number;
  /** Strings and binaries longer than this many bytes are cut (Exchange cuts contents-table cells to 255); Infinity keeps them whole. */
  maxCellBytes: number;
}

const notFound = (tag: number): SPropValue => ({ ulPropTag: CHANGE_PROP_TYPE(tag, PT_ERROR), Value: MAPI_E_NOT_FOUND });

/** One cell of a leaf row (imapitable-queryrows.md: a missing property is PT_ERROR / MAPI_E_NOT_FOUND). */
function leafCell(leaf: LeafNode, tag: number, mviTags: readonly number[], levels: number, opts: RowRenderOptions): SPropValue {
  if (tag === PR_NULL) return { ulPropTag: PR_NULL, Value: null };
  const id = PROP_ID(tag);
  if (id === PROP_ID(PR_INSTANCE_KEY)) return { ulPropTag: PR_INSTANCE_KEY, Value: Uint8Array.from(leaf.instanceKey) };
  if (tag === PR_ROW_TYPE) return { ulPropTag: PR_ROW_TYPE, Value: TBL_LEAF_ROW };
  if (tag === PR_DEPTH && levels > 0) return { ulPropTag: PR_DEPTH, Value: levels };
  if ((PROP_TYPE(tag) & MVI_FLAG) === MVI_FLAG) {
    const i = mviTags.findIndex((t) => PROP_ID(t) === id);
    const v = i >= 0 ? leaf.mviValues[i] : undefined;
    if (!v) return notFound(tag);
    return cut({ ulPropTag: tag >>> 0, Value: v.Value }, opts);
  }
  const stored = leaf.row.props.get(id);
  if (!stored) return notFound(tag);
  const out = readAs(stored, PROP_TYPE(tag), opts.unicode, opts.codePage);
  return out ? cut(out, opts) : notFound(tag);
}

/** Strings and binaries cut to the table's cell limit. */
function cut(v: SPropValue, opts: RowRenderOptions): SPropValue {
  if (!Number.isFinite(opts.maxCellBytes)) return v;
  if (typeof v.Value === 'string' && v.Value.length > opts.maxCellBytes) return { ulPropTag: v.ulPropTag, Value: v.Value.slice(0, opts.maxCellBytes) };
  if (v.Value instanceof Uint8Array && v.Value.length > opts.maxCellBytes) return { ulPropTag: v.ulPropTag, Value: v.Value.slice(0, opts.maxCellBytes) };
  return v;
}

/**
 * The properties of a category heading (sorting-and-categorization.md): the category
 * columns of its level and the levels above, PR_INSTANCE_KEY, PR_ROW_TYPE, PR_DEPTH,
 * PR_CONTENT_COUNT, PR_CONTENT_UNREAD, and the aggregate column of a CATEG_MAX/MIN level.
 */
export function headingProps(cat: CategoryNode, spec: SortSpec): Map<number, SPropValue> {
  const props = new Map<number, SPropValue>();
  for (let c: CategoryNode | null = cat; c && c.level >= 0; c = c.parent) {
    const lv = spec.levels[c.level];
    if (!lv) continue;
    lv.keys.forEach((k, i) => {
      const v = c.values[i];
      if (v && !props.has(PROP_ID(k.tag))) props.set(PROP_ID(k.tag), v);
    });
    if (c === cat && lv.aggregate && cat.agg) props.set(PROP_ID(lv.aggregate.tag), cat.agg);
  }
  props.set(PROP_ID(PR_INSTANCE_KEY), { ulPropTag: PR_INSTANCE_KEY, Value: Uint8Array.from(cat.instanceKey) });
  props.set(PROP_ID(PR_ROW_TYPE), { ulPropTag: PR_ROW_TYPE, Value: cat.expanded ? TBL_EXPANDED_CATEGORY : TBL_COLLAPSED_CATEGORY });
  props.set(PROP_ID(PR_DEPTH), { ulPropTag: PR_DEPTH, Value: cat.level });
  props.set(PROP_ID(PR_CONTENT_COUNT), { ulPropTag: PR_CONTENT_COUNT, Value: cat.leafCount });
  props.set(PROP_ID(PR_CONTENT_UNREAD), { ulPropTag: PR_CONTENT_UNREAD, Value: cat.unreadCount });
  return props;
}

/** One cell of a heading row. */
function headingCell(props: Map<number, SPropValue>, tag: number, opts: RowRenderOptions): SPropValue {
  if (tag === PR_NULL) return { ulPropTag: PR_NULL, Value: null };
  const stored = props.get(PROP_ID(tag));
  if (!stored) return notFound(tag);
  if ((PROP_TYPE(tag) & MVI_FLAG) === MVI_FLAG) return { ulPropTag: tag >>> 0, Value: stored.Value };
  const out = readAs(stored, PROP_TYPE(tag), opts.unicode, opts.codePage);
  return out ? cut(out, opts) : notFound(tag);
}

/** A row of the view in the given column set. */
export function renderRow(node: ViewNode, columns: readonly number[], spec: SortSpec, mviTags: readonly number[], opts: RowRenderOptions): SRow {
  if (node.kind === 'leaf') {
    const levels = spec.levels.length;
    return { lpProps: columns.map((tag) => leafCell(node, tag >>> 0, mviTags, levels, opts)) };
  }
  const props = headingProps(node, spec);
  return { lpProps: columns.map((tag) => headingCell(props, tag >>> 0, opts)) };
}

/** The PR_INSTANCE_KEY value of a node. */
export function instanceKeyProp(node: ViewNode): SPropValue {
  return { ulPropTag: PR_INSTANCE_KEY, Value: Uint8Array.from(node.instanceKey) };
}

/** The tags a row has, for TBL_ALL_COLUMNS when the source does not list them: the union over the given rows. */
export function unionOfTags(rows: Iterable<{ props: ReadonlyMap<number, SPropValue> }>, unicode: boolean): number[] {
  const seen = new Map<number, number>();
  for (const r of rows) {
    for (const [id, v] of r.props) {
      if (seen.has(id)) continue;
      const t = readAs(v, PT_UNSPECIFIED, unicode, 1252)?.ulPropTag ?? v.ulPropTag;
      seen.set(id, t);
    }
  }
  return [...seen.values()];
}

