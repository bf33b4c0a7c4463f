/**
 * A plain reference of what a table view shows, written without the table engine
 * (src/core/table/) so the property and model tests can compare the engine with it:
 * Array.filter with a plain evaluator of the restriction, a stable sort, and grouping into
 * category headings. Leaf comparisons use the foundation's FPropCompareProp / FPropContainsProp
 * and LPropCompareProp (restrictions and sort orders are defined as exactly those); the tree
 * walk, the absent-property rule (docs/decisions/002), missing values last and categories
 * (docs/decisions/006) are written here.
 * @see sorting-and-categorization.md
 */
import { expect } from 'vitest';
import { FPropCompareProp, LPropCompareProp } from '../../../src/core/props/util/compare.js';
import { FPropContainsProp } from '../../../src/core/props/util/contains.js';
import { CHANGE_PROP_TYPE, PROP_ID, PROP_TAG, PROP_TYPE } from '../../../src/core/props/tags.js';
import type { SPropValue, SRow } from '../../../src/core/props/types.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import type { SSortOrder, SSortOrderSet } from '../../../src/core/table/types.js';
import {
  PT_BINARY,
  PT_BOOLEAN,
  PT_ERROR,
  PT_LONG,
  PT_MV_STRING8,
  PT_MV_UNICODE,
  PT_STRING8,
  PT_SYSTIME,
  PT_UNICODE,
} from '../../../src/core/generated/proptypes.js';
import {
  PR_CONTENT_COUNT,
  PR_CONTENT_UNREAD,
  PR_DEPTH,
  PR_INSTANCE_KEY,
  PR_MESSAGE_FLAGS,
  PR_NULL,
  PR_ROW_TYPE,
} from '../../../src/core/generated/proptags.js';
import {
  BMR_NEZ,
  MSGFLAG_READ,
  MV_INSTANCE,
  MVI_FLAG,
  RELOP_EQ,
  RELOP_GE,
  RELOP_GT,
  RELOP_LE,
  RELOP_LT,
  RES_AND,
  RES_BITMASK,
  RES_COMPAREPROPS,
  RES_CONTENT,
  RES_EXIST,
  RES_NOT,
  RES_OR,
  RES_PROPERTY,
  RES_SIZE,
  TABLE_ROW_ADDED,
  TABLE_ROW_DELETED,
  TABLE_ROW_MODIFIED,
  TABLE_SORT_ASCEND,
  TABLE_SORT_CATEG_MAX,
  TABLE_SORT_CATEG_MIN,
  TABLE_SORT_COMBINE,
  TABLE_SORT_DESCEND,
  TBL_COLLAPSED_CATEGORY,
  TBL_EXPANDED_CATEGORY,
  TBL_LEAF_ROW,
} from '../../../src/core/generated/constants.js';
import { MAPI_E_NOT_FOUND } from '../../../src/core/generated/scodes.js';
import type { FILETIME } from '../../../src/core/props/filetime.js';
import type { TABLE_NOTIFICATION } from '../../../src/core/notify/types.js';

// ------------------------------------------------------------------ columns

/** The row's identity, shown in leaf rows (never restricted or sorted on). */
export const C_KEY = PROP_TAG(PT_UNICODE, 0x8100);
/** A string column with case and accent variants. */
export const C_NAME = PROP_TAG(PT_UNICODE, 0x8101);
/** A second string column (RES_COMPAREPROPS with C_NAME). */
export const C_NAME2 = PROP_TAG(PT_UNICODE, 0x8102);
/** A number column. */
export const C_NUM = PROP_TAG(PT_LONG, 0x8103);
/** A second number column (RES_COMPAREPROPS with C_NUM). */
export const C_NUM2 = PROP_TAG(PT_LONG, 0x8104);
/** A time column. */
export const C_TIME = PROP_TAG(PT_SYSTIME, 0x8105);
/** A Boolean column. */
export const C_BOOL = PROP_TAG(PT_BOOLEAN, 0x8106);
/** A binary column. */
export const C_BIN = PROP_TAG(PT_BINARY, 0x8107);
/** A multivalued string column (one row per value with MVI_FLAG). */
export const C_WORDS = PROP_TAG(PT_MV_UNICODE, 0x8108);
/** PR_MESSAGE_FLAGS: its MSGFLAG_READ bit makes PR_CONTENT_UNREAD. */
export const C_FLAGS = PR_MESSAGE_FLAGS;

/** The data columns restrictions and sorts use. */
export const DATA_COLUMNS = [C_NAME, C_NAME2, C_NUM, C_NUM2, C_TIME, C_BOOL, C_BIN, C_FLAGS];

/** The columns the tests read: every computed column, the key and the data columns. */
export const VIEW_COLUMNS = [PR_INSTANCE_KEY, PR_ROW_TYPE, PR_DEPTH, PR_CONTENT_COUNT, PR_CONTENT_UNREAD, C_KEY, ...DATA_COLUMNS];

// ------------------------------------------------------------------ rows and reading

/** A row of the reference: its key and property values, in natural order in an array. */
export interface RefRow {
  key: string;
  props: SPropValue[];
}

const isString = (t: number) => t === PT_STRING8 || t === PT_UNICODE;
const isMvString = (t: number) => t === PT_MV_STRING8 || t === PT_MV_UNICODE;

/** True for a tag with MVI_FLAG. */
export const isMvi = (tag: number) => (PROP_TYPE(tag) & MVI_FLAG) === MVI_FLAG;

/**
 * A property as getProps would read it with `tag`'s type (decision 002): the stored value, a
 * PT_STRING8 read as PT_UNICODE (and back: the test values are Latin-1), or undefined when
 * getProps would answer PT_ERROR (missing, an error value, another type): absent.
 */
export function readCell(row: RefRow, tag: number): SPropValue | undefined {
  let stored: SPropValue | undefined;
  for (const p of row.props) if (PROP_ID(p.ulPropTag) === PROP_ID(tag)) stored = p;
  if (!stored) return undefined;
  const want = PROP_TYPE(tag);
  const have = PROP_TYPE(stored.ulPropTag);
  if (have === want || (isString(have) && isString(want)) || (isMvString(have) && isMvString(want))) return { ulPropTag: tag >>> 0, Value: stored.Value };
  return undefined;
}

/** A value as another string type, when both are strings (restrictions convert constants so). */
function asType(v: SPropValue, type: number): SPropValue {
  const have = PROP_TYPE(v.ulPropTag);
  return have !== type && isString(have) && isString(type) ? { ulPropTag: CHANGE_PROP_TYPE(v.ulPropTag, type), Value: v.Value } : v;
}

/** ulpropsize.md for the types of the test columns: string with terminator, 2 bytes a character in Unicode. */
function sizeOf(v: SPropValue): number {
  switch (PROP_TYPE(v.ulPropTag)) {
    case PT_UNICODE:
      return ((v.Value as string).length + 1) * 2;
    case PT_STRING8:
      return (v.Value as string).length + 1;
    case PT_LONG:
      return 4;
    case PT_BOOLEAN:
      return 2;
    case PT_SYSTIME:
      return 8;
    case PT_BINARY:
      return (v.Value as Uint8Array).length;
    default:
      throw new Error(`sizeOf: no size for 0x${v.ulPropTag.toString(16)}`);
  }
}

function holds(a: number, relop: number, b: number): boolean {
  if (relop === RELOP_LT) return a < b;
  if (relop === RELOP_LE) return a <= b;
  if (relop === RELOP_GT) return a > b;
  if (relop === RELOP_GE) return a >= b;
  if (relop === RELOP_EQ) return a === b;
  return a !== b;
}

/** Reads a property of a leaf (an MVI tag reads the leaf's own value), undefined when absent. */
export type Getter = (tag: number) => SPropValue | undefined;

/**
 * Evaluates a restriction as docs/decisions/002 defines it: every leaf reading an absent
 * property is FALSE, logic is two-valued, NOT of a FALSE leaf is TRUE.
 */
export function evaluate(res: SRestriction, get: Getter): boolean {
  switch (res.rt) {
    case RES_AND:
      return res.lpRes.every((r) => evaluate(r, get));
    case RES_OR:
      return res.lpRes.some((r) => evaluate(r, get));
    case RES_NOT:
      return !evaluate(res.lpRes, get);
    case RES_PROPERTY: {
      const v = get(res.ulPropTag);
      return v !== undefined && FPropCompareProp(v, res.relop, asType(res.lpProp, PROP_TYPE(v.ulPropTag)));
    }
    case RES_CONTENT: {
      const v = get(res.ulPropTag);
      return v !== undefined && FPropContainsProp(v, asType(res.lpProp, PROP_TYPE(v.ulPropTag)), res.ulFuzzyLevel);
    }
    case RES_BITMASK: {
      const v = get(res.ulPropTag);
      return v !== undefined && (((v.Value as number) & res.ulMask) !== 0) === (res.relBMR === BMR_NEZ);
    }
    case RES_EXIST:
      return get(res.ulPropTag) !== undefined;
    case RES_SIZE: {
      const v = get(res.ulPropTag);
      return v !== undefined && holds(sizeOf(v), res.relop, res.cb);
    }
    case RES_COMPAREPROPS: {
      const a = get(res.ulPropTag1);
      const b = get(res.ulPropTag2);
      return a !== undefined && b !== undefined && FPropCompareProp(a, res.relop, asType(b, PROP_TYPE(a.ulPropTag)));
    }
    default:
      throw new Error(`evaluate: restriction type ${res.rt} is not in the reference`);
  }
}

// ------------------------------------------------------------------ sort orders

/** One sort key of the reference. */
export interface RefKey {
  tag: number;
  desc: boolean;
}

/**
 * A sort as the tests generate it: category levels (one column, or more joined with
 * TABLE_SORT_COMBINE), an optional CATEG_MAX/MIN ordering of the last level's headings, leaf
 * keys, and how many levels start expanded.
 */
export interface RefSort {
  levels: RefKey[][];
  /** TABLE_SORT_CATEG_MAX/MIN right after the last category column. */
  aggregate?: { tag: number; max: boolean; desc: boolean };
  /** Whether cCategories counts the aggregate sort order (decision 006: either form). */
  aggregateCounted?: boolean;
  leafKeys: RefKey[];
  /** Levels that start expanded (cExpanded, counted in category columns). */
  expandedLevels: number;
}

/** The SSortOrderSet of a reference sort. */
export function sortOrderSet(s: RefSort): SSortOrderSet {
  const aSort: SSortOrder[] = [];
  let expandedEntries = 0;
  s.levels.forEach((keys, level) => {
    keys.forEach((k, i) => aSort.push({ ulPropTag: k.tag, ulOrder: (k.desc ? TABLE_SORT_DESCEND : TABLE_SORT_ASCEND) | (i > 0 ? TABLE_SORT_COMBINE : 0) }));
    if (level < s.expandedLevels) expandedEntries = aSort.length;
  });
  let cCategories = aSort.length;
  if (s.aggregate) {
    aSort.push({ ulPropTag: s.aggregate.tag, ulOrder: (s.aggregate.max ? TABLE_SORT_CATEG_MAX : TABLE_SORT_CATEG_MIN) | (s.aggregate.desc ? TABLE_SORT_DESCEND : 0) });
    if (s.aggregateCounted) {
      cCategories++;
      if (s.expandedLevels === s.levels.length && s.levels.length > 0) expandedEntries = cCategories;
    }
  }
  for (const k of s.leafKeys) aSort.push({ ulPropTag: k.tag, ulOrder: k.desc ? TABLE_SORT_DESCEND : TABLE_SORT_ASCEND });
  return { aSort, cCategories, cExpanded: expandedEntries };
}

/** A short description of a reference sort, for failure messages. */
export function describeSort(s: RefSort): string {
  const k = (x: RefKey) => `${x.tag.toString(16)}${x.desc ? '↓' : '↑'}`;
  const agg = s.aggregate ? ` ${s.aggregate.max ? 'MAX' : 'MIN'}(${s.aggregate.tag.toString(16)})${s.aggregate.desc ? '↓' : '↑'}${s.aggregateCounted ? '#' : ''}` : '';
  return `[${s.levels.map((l) => l.map(k).join('+')).join(' / ')}]${agg} leaves ${s.leafKeys.map(k).join(',')} expanded ${s.expandedLevels}`;
}

/** Compares two values for sorting: LPropCompareProp's order, missing values after every present one in both directions (decision 006). */
export function compareValues(a: SPropValue | undefined, b: SPropValue | undefined, desc: boolean): number {
  if (a === undefined || b === undefined) return a !== undefined ? -1 : b !== undefined ? 1 : 0;
  const c = LPropCompareProp(a, b);
  return desc ? -c : c;
}

// ------------------------------------------------------------------ the view

/** A leaf of the reference: a row, or one instance of it for an MVI column. */
export interface RefLeaf {
  kind: 'leaf';
  id: string;
  row: RefRow;
  /** Natural position of the row. */
  seq: number;
  /** Position of the instance's value in the MV property (0 without one). */
  inst: number;
  /** The instance's value (base type), for an MVI view. */
  mvi: SPropValue | undefined;
  get: Getter;
  unread: boolean;
}

/** A category heading of the reference. */
export interface RefHeading {
  kind: 'heading';
  id: string;
  level: number;
  /** The category values of this level (in key order), undefined when missing. */
  values: (SPropValue | undefined)[];
  /** The category values of every level down to this one, by property identifier. */
  shown: Map<number, SPropValue>;
  agg: SPropValue | undefined;
  count: number;
  unread: number;
  expanded: boolean;
  children: RefNode[];
}

/** A node of the reference view. */
export type RefNode = RefLeaf | RefHeading;

/** What a reference view is built from. */
export interface RefViewSpec {
  restriction: SRestriction | null;
  sort: RefSort;
  /** The MVI column of the view (C_WORDS with MVI_FLAG), if any. */
  mviTag?: number;
  /** Whether a category is expanded; default: its level is below sort.expandedLevels. */
  expanded?: (id: string, level: number) => boolean;
}

/** A canonical text of a value (equal values give equal text for the test types). */
function valueText(v: SPropValue | undefined): string {
  if (v === undefined) return '-';
  const x = v.Value as unknown;
  if (typeof x === 'string') return JSON.stringify(x);
  if (x instanceof Uint8Array) return `b${Buffer.from(x).toString('hex')}`;
  if (typeof x === 'object' && x !== null && 'ticks' in x) return `t${(x as FILETIME).ticks}`;
  return String(x);
}

/** The leaves of rows: one per row, or one per value of the MVI column (one without a value when the row has none). */
export function leavesOf(rows: RefRow[], mviTag: number | undefined): RefLeaf[] {
  const out: RefLeaf[] = [];
  rows.forEach((row, seq) => {
    const flags = readCell(row, C_FLAGS);
    const unread = flags !== undefined && ((flags.Value as number) & MSGFLAG_READ) === 0;
    const plain: Getter = (tag) => readCell(row, tag);
    if (mviTag === undefined) {
      out.push({ kind: 'leaf', id: `L${row.key}`, row, seq, inst: 0, mvi: undefined, get: plain, unread });
      return;
    }
    const mv = readCell(row, (mviTag & ~MV_INSTANCE) >>> 0);
    const values = mv ? (mv.Value as string[]) : [];
    const singles = values.length ? values.map((Value): SPropValue | undefined => ({ ulPropTag: CHANGE_PROP_TYPE(mviTag, PT_UNICODE), Value })) : [undefined];
    singles.forEach((mvi, inst) => {
      const get: Getter = (tag) => (isMvi(tag) && PROP_ID(tag) === PROP_ID(mviTag) ? mvi : readCell(row, tag));
      out.push({ kind: 'leaf', id: `L${row.key}#${inst}`, row, seq, inst, mvi, get, unread });
    });
  });
  return out;
}

/** Leaves in leaf-key order, ties in natural order, then instance order (a stable sort). */
function sortLeaves(leaves: RefLeaf[], keys: RefKey[]): RefLeaf[] {
  return [...leaves].sort((a, b) => {
    for (const k of keys) {
      const c = compareValues(a.get(k.tag), b.get(k.tag), k.desc);
      if (c) return c;
    }
    return a.seq - b.seq || a.inst - b.inst;
  });
}

/** The top of a reference view: the tree of visible and collapsed nodes. */
export function buildView(rows: RefRow[], spec: RefViewSpec): RefNode[] {
  const { restriction, sort } = spec;
  const leaves = leavesOf(rows, spec.mviTag).filter((l) => restriction === null || evaluate(restriction, l.get));
  const expanded = spec.expanded ?? ((_id: string, level: number) => level < sort.expandedLevels);
  const group = (members: RefLeaf[], level: number, parentId: string, above: Map<number, SPropValue>): RefNode[] => {
    if (level >= sort.levels.length) return sortLeaves(members, sort.leafKeys);
    const keys = sort.levels[level] as RefKey[];
    // Rows whose category values compare equal (LPropCompareProp) share a category; missing is one value.
    const groups: { values: (SPropValue | undefined)[]; members: RefLeaf[] }[] = [];
    for (const leaf of members) {
      const values = keys.map((k) => leaf.get(k.tag));
      const same = groups.find((g) => g.values.every((v, i) => compareValues(v, values[i], false) === 0));
      if (same) same.members.push(leaf);
      else groups.push({ values, members: [leaf] });
    }
    const agg = level === sort.levels.length - 1 ? sort.aggregate : undefined;
    const headings = groups.map((g): RefHeading => {
      const id = `${parentId}/${g.values.map(valueText).join('+')}`;
      const shown = new Map(above);
      keys.forEach((k, i) => {
        const v = g.values[i];
        if (v !== undefined) shown.set(PROP_ID(k.tag), v);
      });
      let best: SPropValue | undefined;
      if (agg) {
        for (const leaf of g.members) {
          const v = leaf.get(agg.tag);
          if (v === undefined) continue;
          const c = best === undefined ? 0 : LPropCompareProp(v, best);
          if (best === undefined || (agg.max ? c > 0 : c < 0)) best = v;
        }
      }
      return {
        kind: 'heading',
        id,
        level,
        values: g.values,
        shown,
        agg: best,
        count: g.members.length,
        unread: g.members.filter((l) => l.unread).length,
        expanded: expanded(id, level),
        children: group(g.members, level + 1, id, shown),
      };
    });
    return headings.sort((a, b) => {
      if (agg) {
        const c = compareValues(a.agg, b.agg, agg.desc);
        if (c) return c;
      }
      for (let i = 0; i < keys.length; i++) {
        const c = compareValues(a.values[i], b.values[i], (keys[i] as RefKey).desc);
        if (c) return c;
      }
      return 0;
    });
  };
  return group(leaves, 0, 'C', new Map());
}

/** Every node in view order as if every category were expanded, with whether it is visible. */
export function fullOrder(top: RefNode[]): { node: RefNode; visible: boolean }[] {
  const out: { node: RefNode; visible: boolean }[] = [];
  const walk = (nodes: RefNode[], visible: boolean) => {
    for (const n of nodes) {
      out.push({ node: n, visible });
      if (n.kind === 'heading') walk(n.children, visible && n.expanded);
    }
  };
  walk(top, true);
  return out;
}

/** The visible rows of a reference view, in order. */
export function visibleRows(top: RefNode[]): RefNode[] {
  return fullOrder(top)
    .filter((x) => x.visible)
    .map((x) => x.node);
}

// ------------------------------------------------------------------ rendering

const notFound = (tag: number): SPropValue => ({ ulPropTag: CHANGE_PROP_TYPE(tag, PT_ERROR), Value: MAPI_E_NOT_FOUND });

/**
 * The cells QueryRows gives for a node in `columns` (decision 006, "Heading rows"): a leaf has
 * every column (PR_ROW_TYPE TBL_LEAF_ROW, PR_DEPTH the number of levels in a categorized view);
 * a heading has its category columns and those above, PR_ROW_TYPE, PR_DEPTH, PR_CONTENT_COUNT,
 * PR_CONTENT_UNREAD and the aggregate, every other column PT_ERROR / MAPI_E_NOT_FOUND.
 * PR_INSTANCE_KEY is left out (its value is the engine's); `columns` must not hold PR_NULL.
 */
export function renderNode(node: RefNode, columns: readonly number[], levels: number, aggTag: number | undefined): SPropValue[] {
  return columns
    .filter((t) => t !== PR_INSTANCE_KEY && t !== PR_NULL)
    .map((tag): SPropValue => {
      if (node.kind === 'leaf') {
        if (tag === PR_ROW_TYPE) return { ulPropTag: tag, Value: TBL_LEAF_ROW };
        if (tag === PR_DEPTH && levels > 0) return { ulPropTag: tag, Value: levels };
        const v = node.get(tag);
        return v ? { ulPropTag: tag >>> 0, Value: v.Value } : notFound(tag);
      }
      if (tag === PR_ROW_TYPE) return { ulPropTag: tag, Value: node.expanded ? TBL_EXPANDED_CATEGORY : TBL_COLLAPSED_CATEGORY };
      if (tag === PR_DEPTH) return { ulPropTag: tag, Value: node.level };
      if (tag === PR_CONTENT_COUNT) return { ulPropTag: tag, Value: node.count };
      if (tag === PR_CONTENT_UNREAD) return { ulPropTag: tag, Value: node.unread };
      const v = aggTag !== undefined && PROP_ID(tag) === PROP_ID(aggTag) && node.agg !== undefined ? node.agg : node.shown.get(PROP_ID(tag));
      return v ? { ulPropTag: tag >>> 0, Value: v.Value } : notFound(tag);
    });
}

/** The cells of engine rows without PR_INSTANCE_KEY, to compare with renderNode. */
export function cellsOf(rows: readonly SRow[], columns: readonly number[]): SPropValue[][] {
  const at = columns.indexOf(PR_INSTANCE_KEY);
  return rows.map((r) => r.lpProps.filter((_p, i) => i !== at));
}

// ------------------------------------------------------------------ a client keeping a copy from notifications

const hex = (b: unknown) => Buffer.from(b as Uint8Array).toString('hex');

/**
 * A client that keeps a copy of the view from table notifications alone
 * (about-table-notifications.md): ADDED and MODIFIED put the row after propPrior (first for
 * PR_NULL), DELETED removes it. Strict: a notification about a row the client cannot have is an
 * error. TABLE_CHANGED and TABLE_RELOAD make it re-read (`reread`).
 */
export class ClientCopy {
  constructor(
    public rows: SRow[],
    private readonly keyAt: number,
  ) {}

  private keyOf(r: SRow): string {
    return hex(r.lpProps[this.keyAt]?.Value);
  }

  /** Applies one notification; returns true when the client must re-read the table. */
  apply(tab: TABLE_NOTIFICATION): boolean {
    if (tab.ulTableEvent !== TABLE_ROW_ADDED && tab.ulTableEvent !== TABLE_ROW_DELETED && tab.ulTableEvent !== TABLE_ROW_MODIFIED) return true;
    const key = hex(tab.propIndex.Value);
    const at = this.rows.findIndex((r) => this.keyOf(r) === key);
    if (tab.ulTableEvent === TABLE_ROW_DELETED) {
      if (at < 0) throw new Error('TABLE_ROW_DELETED for a row the client does not have');
      this.rows.splice(at, 1);
      return false;
    }
    if (tab.ulTableEvent === TABLE_ROW_ADDED && at >= 0) throw new Error('TABLE_ROW_ADDED for a row the client has');
    if (tab.ulTableEvent === TABLE_ROW_MODIFIED && at < 0) throw new Error('TABLE_ROW_MODIFIED for a row the client does not have');
    if (at >= 0) this.rows.splice(at, 1);
    const prior = tab.propPrior.ulPropTag === PR_NULL ? -1 : this.rows.findIndex((r) => this.keyOf(r) === hex(tab.propPrior.Value));
    if (tab.propPrior.ulPropTag !== PR_NULL && prior < 0) throw new Error('propPrior names a row the client does not have');
    this.rows.splice(prior + 1, 0, tab.row);
    return false;
  }
}

// ------------------------------------------------------------------ comparing quickly

function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => {
    if (v instanceof Uint8Array) return `bin:${Buffer.from(v).toString('hex')}`;
    if (typeof v === 'bigint') return `big:${v}`;
    return v;
  });
}

/** expect(actual).toEqual(expected), without the cost of a deep comparison when the two serialize alike. */
export function expectSame(actual: unknown, expected: unknown, message?: string): void {
  if (canonical(actual) === canonical(expected)) return;
  expect(actual, message).toEqual(expected);
}
