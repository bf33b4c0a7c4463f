/** One sort key. @see ssortorder.md */
export interface SSortOrder {
  /** The column sorted on (may carry MVI_FLAG). */
  ulPropTag: number;
  /** TABLE_SORT_ASCEND, TABLE_SORT_DESCEND, TABLE_SORT_COMBINE, with TABLE_SORT_CATEG_MAX/MIN on category keys. */
  ulOrder: number;
}

/**
 * A sort order set: the keys, how many of them are category keys, and how many of those
 * categories start expanded.
 * @see ssortorderset.md
 */
export interface SSortOrderSet {
  /** The keys, category keys first (cSorts + aSort). */
  aSort: SSortOrder[];
  /** Number of leading keys that are categories. */
  cCategories: number;
  /** Number of leading categories that are expanded. */
  cExpanded: number;
}
