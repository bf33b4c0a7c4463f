import { readAs } from '../props/convert.js';
import { cloneValue } from '../props/values.js';
import { CHANGE_PROP_TYPE, PROP_ID, PROP_TYPE } from '../props/tags.js';
import type { SPropValue, SRow } from '../props/types.js';
import {
  PT_APPTIME,
  PT_BOOLEAN,
  PT_CLSID,
  PT_CURRENCY,
  PT_DOUBLE,
  PT_ERROR,
  PT_I2,
  PT_I8,
  PT_LONG,
  PT_R4,
  PT_STRING8,
  PT_SYSTIME,
  PT_UNICODE,
  PT_UNSPECIFIED,
} from '../generated/proptypes.js';
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
    // A copy: the instance's value is the row source's (a caller changing a binary must not change the row).
    return cut({ ulPropTag: tag >>> 0, Value: ownValue(v.Value) }, opts);
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
  if ((PROP_TYPE(tag) & MVI_FLAG) === MVI_FLAG) return { ulPropTag: tag >>> 0, Value: ownValue(stored.Value) };
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

// What a leaf cell is, decided once per column set (compileRowRenderer) instead of per cell.
const CELL_NULL = 0;
const CELL_INSTANCE_KEY = 1;
const CELL_ROW_TYPE = 2;
const CELL_DEPTH = 3;
const CELL_MVI = 4;
const CELL_PROP = 5;

/** One column of a compiled column set. */
interface CompiledColumn {
  kind: number;
  /** The column's tag (unsigned). */
  tag: number;
  /** Its PROP_ID (CELL_PROP). */
  id: number;
  /** Its PROP_TYPE (CELL_PROP). */
  type: number;
  /** Index into the leaf's MVI values, -1 when the view does not expand it (CELL_MVI). */
  mvi: number;
  /** Valid values of the column's type are never changed in place (CELL_PROP): handed out as stored. */
  immutable: boolean;
}

/**
 * Types whose valid values are numbers, booleans, bigints, strings, FILETIME or GUID (frozen):
 * cloneValue returns them as they are, so a cell of one is the stored value, read without
 * looking at it (in a sorted drain, touching each string costs a cache miss).
 */
const IMMUTABLE_TYPES = new Set<number>([
  PT_I2, PT_LONG, PT_R4, PT_DOUBLE, PT_CURRENCY, PT_APPTIME, PT_ERROR, PT_BOOLEAN, PT_I8, PT_STRING8, PT_UNICODE, PT_SYSTIME, PT_CLSID,
]);

/**
 * A copy of a stored value a caller may own: immutable values (strings, numbers, booleans,
 * bigints, FILETIME and GUID) as they are, a binary as a new plain Uint8Array, anything else
 * through cloneValue (readAs' copy, without its checks for the common cases).
 */
function ownValue(v: SPropValue['Value']): SPropValue['Value'] {
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof Uint8Array) return new Uint8Array(v);
  return cloneValue(v);
}

/**
 * The row renderer of one column set, sort and MVI expansion: renderRow with the per-cell
 * decisions (PR_NULL, PR_INSTANCE_KEY, PR_ROW_TYPE, PR_DEPTH, MVI, the cell limit) taken once,
 * and a stored value read as its own type copied without readAs' conversion checks. Gives the
 * same rows as renderRow (test/core/table/MapiTable.cells.test.ts compares them).
 */
export function compileRowRenderer(
  columns: readonly number[],
  spec: SortSpec,
  mviTags: readonly number[],
  opts: RowRenderOptions,
): (node: ViewNode) => SRow {
  const levels = spec.levels.length;
  const instanceKeyId = PROP_ID(PR_INSTANCE_KEY);
  const compiled: CompiledColumn[] = columns.map((t) => {
    const tag = t >>> 0;
    const id = PROP_ID(tag);
    const type = PROP_TYPE(tag);
    let kind = CELL_PROP;
    let mvi = -1;
    if (tag === PR_NULL) kind = CELL_NULL;
    else if (id === instanceKeyId) kind = CELL_INSTANCE_KEY;
    else if (tag === PR_ROW_TYPE) kind = CELL_ROW_TYPE;
    else if (tag === PR_DEPTH && levels > 0) kind = CELL_DEPTH;
    else if ((type & MVI_FLAG) === MVI_FLAG) {
      kind = CELL_MVI;
      mvi = mviTags.findIndex((m) => PROP_ID(m) === id);
    }
    return { kind, tag, id, type, mvi, immutable: IMMUTABLE_TYPES.has(type) };
  });
  const n = compiled.length;
  const limit = opts.maxCellBytes;
  const cutting = Number.isFinite(limit);
  const { unicode, codePage } = opts;
  const leafRow = (leaf: LeafNode): SRow => {
    const props = leaf.row.props;
    const lpProps: SPropValue[] = [];
    for (let i = 0; i < n; i++) {
      const c = compiled[i] as CompiledColumn;
      let out: SPropValue | undefined;
      switch (c.kind) {
        case CELL_PROP: {
          const stored = props.get(c.id);
          if (stored === undefined) out = undefined;
          // readAs of a value asked as its own type: the same tag, the value copied.
          else if ((stored.ulPropTag & 0xffff) === c.type) out = { ulPropTag: c.tag, Value: c.immutable ? stored.Value : ownValue(stored.Value) };
          else out = readAs(stored, c.type, unicode, codePage);
          break;
        }
        case CELL_NULL:
          lpProps.push({ ulPropTag: PR_NULL, Value: null });
          continue;
        case CELL_INSTANCE_KEY:
          lpProps.push({ ulPropTag: PR_INSTANCE_KEY, Value: new Uint8Array(leaf.instanceKey) });
          continue;
        case CELL_ROW_TYPE:
          lpProps.push({ ulPropTag: PR_ROW_TYPE, Value: TBL_LEAF_ROW });
          continue;
        case CELL_DEPTH:
          lpProps.push({ ulPropTag: PR_DEPTH, Value: levels });
          continue;
        default: {
          const v = c.mvi >= 0 ? leaf.mviValues[c.mvi] : undefined;
          out = v ? { ulPropTag: c.tag, Value: ownValue(v.Value) } : undefined;
        }
      }
      lpProps.push(out === undefined ? notFound(c.tag) : cutting ? cut(out, opts) : out);
    }
    return { lpProps };
  };
  return (node) => (node.kind === 'leaf' ? leafRow(node) : renderRow(node, columns, spec, mviTags, opts));
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

