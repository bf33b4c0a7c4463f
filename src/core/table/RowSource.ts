import type { SPropValue } from '../props/types.js';
import type { RestrictionTarget } from '../restriction/read.js';

/**
 * One row of data behind a table, as a provider hands it to the table engine: a stable
 * identity and the row's property values by identifier. Rows are immutable snapshots; a
 * changed row is a new TableRow with the same key.
 */
export interface TableRow {
  /** Identity of the underlying object, stable across modifications (an entry ID in hex, a row id). */
  readonly key: string;
  /** Property values by property identifier (PROP_ID). */
  readonly props: ReadonlyMap<number, SPropValue>;
  /** Rows of a sub-object table (recipients, attachments) for RES_SUBRESTRICTION. */
  subObjects?(ulSubObject: number): Iterable<RestrictionTarget> | undefined;
}

/** A change a row source reports. */
export type RowSourceEvent =
  /** A new row, appended to the natural order, or inserted just before the row keyed `before`. */
  | { kind: 'added'; row: TableRow; before?: string }
  | { kind: 'modified'; row: TableRow }
  | { kind: 'deleted'; key: string }
  /** Everything may have changed: views rebuild and send TABLE_RELOAD. */
  | { kind: 'reload' };

/**
 * Receives a row source's changes; `coalesce` asks views to send one TABLE_CHANGED instead of
 * per-row events. A source that reports several changes at once may give `startKeys`, its row
 * keys in natural order before the first of them: the source's order as of each event then
 * follows from the events, where the source's order now already holds the later ones.
 */
export type RowSourceListener = (events: readonly RowSourceEvent[], coalesce: boolean, startKeys?: readonly string[]) => void;

/**
 * What feeds a table: the current rows in their natural (unsorted) order, the default and
 * available columns, and a change feed. Providers implement it for contents, hierarchy,
 * recipient, attachment, store, status, profile and service tables.
 */
export interface RowSource {
  /** The table's default column set (queryColumns before any setColumns). */
  readonly defaultColumns: readonly number[];
  /** Every column the table can have (queryColumns with TBL_ALL_COLUMNS); defaults to the union of the rows' tags. */
  availableColumns?(): number[];
  /** The rows now, in natural order. */
  rows(): Iterable<TableRow>;
  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: RowSourceListener): () => void;
}

/** A row as a restriction target. */
export function rowTarget(row: TableRow): RestrictionTarget {
  return {
    get: (tag: number) => row.props.get(tag >>> 16),
    ...(row.subObjects && { subObjects: (s: number) => row.subObjects?.(s) }),
  };
}
