import { LPropCompareProp } from '../props/util/compare.js';
import { MV_INSTANCE, MVI_FLAG, TABLE_SORT_CATEG_MAX, TABLE_SORT_CATEG_MIN, TABLE_SORT_COMBINE, TABLE_SORT_DESCEND } from '../generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_TOO_COMPLEX } from '../generated/scodes.js';
import { PT_ERROR, PT_NULL, PT_OBJECT, PT_UNSPECIFIED } from '../generated/proptypes.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID, PROP_TYPE, tagHex } from '../props/tags.js';
import { isKnownPropType } from '../props/values.js';
import type { SPropValue } from '../props/types.js';
import type { SSortOrderSet } from './types.js';

/** One sort key: a column and a direction. */
export interface SortKey {
  /** The column's tag as given (MVI_FLAG kept). */
  tag: number;
  /** True for TABLE_SORT_DESCEND. */
  desc: boolean;
}

/** One category level: one column, or several combined with TABLE_SORT_COMBINE, and an optional aggregate ordering. */
export interface CategoryLevel {
  /** The columns whose values make the category. */
  keys: SortKey[];
  /** TABLE_SORT_CATEG_MAX / MIN: headings ordered by the max/min of this column over their leaves. */
  aggregate?: { tag: number; max: boolean; desc: boolean };
}

/** A validated sort order set, split into category levels and leaf keys. */
export interface SortSpec {
  /** Category levels, outermost first. */
  levels: CategoryLevel[];
  /** Keys ordering the leaf rows inside their category (or the whole table). */
  leafKeys: SortKey[];
  /** Number of levels that start expanded. */
  cExpanded: number;
  /** The set as given, for querySortOrder and collapse states. */
  source: SSortOrderSet;
}

const ORDER_MASK = TABLE_SORT_DESCEND | TABLE_SORT_COMBINE | TABLE_SORT_CATEG_MAX | TABLE_SORT_CATEG_MIN;

/** An empty sort: the table's natural order. */
export const NO_SORT: SSortOrderSet = { aSort: [], cCategories: 0, cExpanded: 0 };

/**
 * Validates an SSortOrderSet and splits it into levels (imapitable-sorttable.md,
 * ssortorderset.md, ssortorder.md). TABLE_SORT_COMBINE joins a category column to the
 * previous level; TABLE_SORT_CATEG_MAX/MIN right after a category makes that level's
 * headings sort by the max/min of the column over its leaves (see
 * docs/decisions/006-table-sort-and-categories.md). Throws MapiError MAPI_E_INVALID_PARAMETER
 * for malformed input and MAPI_E_TOO_COMPLEX for orders we cannot perform.
 */
export function parseSortOrderSet(sos: unknown): SortSpec {
  if (!sos || typeof sos !== 'object' || !Array.isArray((sos as SSortOrderSet).aSort)) {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, 'sortTable: lpSortCriteria must be an SSortOrderSet with an aSort array');
  }
  const set = sos as SSortOrderSet;
  const cCategories = set.cCategories ?? 0;
  const cExpanded = set.cExpanded ?? 0;
  if (!Number.isInteger(cCategories) || !Number.isInteger(cExpanded) || cCategories < 0 || cExpanded < 0) {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, 'sortTable: cCategories and cExpanded must be non-negative integers');
  }
  if (cCategories > set.aSort.length || cExpanded > cCategories) {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `sortTable: cCategories (${cCategories}) must not exceed cSorts (${set.aSort.length}) nor cExpanded (${cExpanded}) cCategories`);
  }
  const levels: CategoryLevel[] = [];
  const leafKeys: SortKey[] = [];
  let mvi = 0;
  set.aSort.forEach((s, i) => {
    if (!s || typeof s !== 'object' || typeof s.ulPropTag !== 'number' || typeof s.ulOrder !== 'number') {
      throw new MapiError(MAPI_E_INVALID_PARAMETER, `sortTable: aSort[${i}] is not an SSortOrder`);
    }
    const tag = s.ulPropTag >>> 0;
    const ptype = PROP_TYPE(tag);
    const isMvi = (ptype & MVI_FLAG) === MVI_FLAG;
    const valueType = ptype & ~MV_INSTANCE; // the stored type: PT_MV_* for an MVI column
    if (s.ulOrder & ~ORDER_MASK) throw new MapiError(MAPI_E_TOO_COMPLEX, `sortTable: aSort[${i}] has an unknown order 0x${s.ulOrder.toString(16)}`);
    if ((ptype & MV_INSTANCE && !isMvi) || [PT_ERROR, PT_NULL, PT_OBJECT, PT_UNSPECIFIED].includes(valueType) || !isKnownPropType(valueType)) {
      throw new MapiError(MAPI_E_TOO_COMPLEX, `sortTable: cannot sort on ${tagHex(tag)}`);
    }
    if (isMvi && ++mvi > 1) {
      // [MS-OXCDATA] 2.13.2: at most one sort order can specify a multivalued property.
      throw new MapiError(MAPI_E_TOO_COMPLEX, 'sortTable: at most one sort key can be a multivalued instance column');
    }
    const desc = (s.ulOrder & TABLE_SORT_DESCEND) !== 0;
    const aggregate = s.ulOrder & (TABLE_SORT_CATEG_MAX | TABLE_SORT_CATEG_MIN);
    const combine = (s.ulOrder & TABLE_SORT_COMBINE) !== 0;
    if (aggregate) {
      const level = levels[levels.length - 1];
      if (!level || leafKeys.length > 0 || level.aggregate) {
        throw new MapiError(MAPI_E_TOO_COMPLEX, `sortTable: aSort[${i}] (TABLE_SORT_CATEG_MAX/MIN) must follow a category column`);
      }
      level.aggregate = { tag, max: (aggregate & TABLE_SORT_CATEG_MAX) !== 0, desc };
      return;
    }
    if (i < cCategories) {
      if (combine) {
        const level = levels[levels.length - 1];
        if (!level) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'sortTable: TABLE_SORT_COMBINE cannot be the first sort order');
        level.keys.push({ tag, desc });
      } else levels.push({ keys: [{ tag, desc }] });
      return;
    }
    if (combine) throw new MapiError(MAPI_E_TOO_COMPLEX, `sortTable: aSort[${i}] combines, but it is not a category column`);
    leafKeys.push({ tag, desc });
  });
  const dup = new Set<number>();
  for (const k of [...levels.flatMap((l) => l.keys), ...leafKeys]) {
    if (dup.has(PROP_ID(k.tag))) throw new MapiError(MAPI_E_TOO_COMPLEX, `sortTable: ${tagHex(k.tag)} appears twice in the sort order`);
    dup.add(PROP_ID(k.tag));
  }
  // cExpanded counts category columns; a combined column belongs to the level it joins.
  const expandedLevels = Math.min(levels.length, countLevelsWithin(set, cExpanded));
  return {
    levels,
    leafKeys,
    cExpanded: expandedLevels,
    source: { aSort: set.aSort.map((s) => ({ ulPropTag: s.ulPropTag >>> 0, ulOrder: s.ulOrder >>> 0 })), cCategories, cExpanded },
  };
}

/** Number of category levels formed by the first `n` entries of aSort. */
function countLevelsWithin(set: SSortOrderSet, n: number): number {
  let levels = 0;
  for (let i = 0; i < n && i < set.aSort.length; i++) {
    const o = (set.aSort[i] as { ulOrder: number }).ulOrder;
    if (!(o & (TABLE_SORT_COMBINE | TABLE_SORT_CATEG_MAX | TABLE_SORT_CATEG_MIN))) levels++;
  }
  return levels;
}

/**
 * Compares two column values for sorting: LPropCompareProp's order (the one implementation
 * of MAPI comparison), with missing values after every present value in both directions
 * (ssortorder.md: "all NULL entries positioned last").
 */
export function compareSortValues(a: SPropValue | undefined, b: SPropValue | undefined, desc: boolean): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  const c = LPropCompareProp(a, b);
  return desc ? -c : c;
}

/** True when the sort uses MVI_FLAG on a column, which makes one row per value. */
export function sortMviTags(spec: SortSpec): number[] {
  return [...spec.levels.flatMap((l) => l.keys), ...spec.leafKeys].map((k) => k.tag).filter((t) => (PROP_TYPE(t) & MVI_FLAG) === MVI_FLAG);
}

