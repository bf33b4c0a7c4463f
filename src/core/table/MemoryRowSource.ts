import type { SPropValue } from '../props/types.js';
import type { RowSource, RowSourceEvent, RowSourceListener, TableRow } from './RowSource.js';

/** Builds a TableRow from property values (later values of an identifier win). */
export function tableRow(key: string, props: Iterable<SPropValue>, subObjects?: TableRow['subObjects']): TableRow {
  const map = new Map<number, SPropValue>();
  for (const p of props) map.set(p.ulPropTag >>> 16, p);
  return subObjects ? { key, props: map, subObjects } : { key, props: map };
}

/**
 * A row source holding its rows in memory, in insertion order: the backing of ITableData
 * and of the simpler provider tables (status, profiles, services). Changes are reported to
 * subscribers synchronously; `batch` groups several changes into one report.
 */
export class MemoryRowSource implements RowSource {
  private readonly byKey = new Map<string, TableRow>();
  private readonly listeners = new Set<RowSourceListener>();
  private batching: RowSourceEvent[] | null = null;
  private batchCoalesce = false;

  constructor(
    readonly defaultColumns: readonly number[],
    rows: Iterable<TableRow> = [],
    columns?: () => number[],
  ) {
    for (const r of rows) this.byKey.set(r.key, r);
    if (columns) this.availableColumns = columns;
  }

  /** Every column the table offers, when the owner knows them (TBL_ALL_COLUMNS). */
  availableColumns?: () => number[];

  rows(): Iterable<TableRow> {
    return this.byKey.values();
  }

  /** Number of rows. */
  get size(): number {
    return this.byKey.size;
  }

  /** A row by key. */
  get(key: string): TableRow | undefined {
    return this.byKey.get(key);
  }

  /** Position of a row in natural order, or -1. */
  indexOf(key: string): number {
    let i = 0;
    for (const k of this.byKey.keys()) {
      if (k === key) return i;
      i++;
    }
    return -1;
  }

  subscribe(listener: RowSourceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds a row, or replaces the row with the same key (keeping its place). */
  upsert(row: TableRow): void {
    const had = this.byKey.has(row.key);
    this.byKey.set(row.key, row);
    this.report({ kind: had ? 'modified' : 'added', row });
  }

  /** Inserts a row at a position of the natural order (an existing row with the key is moved there). */
  insertAt(index: number, row: TableRow): void {
    const had = this.byKey.delete(row.key);
    const entries = [...this.byKey.entries()];
    const at = Math.max(0, Math.min(index, entries.length));
    entries.splice(at, 0, [row.key, row]);
    this.byKey.clear();
    for (const [k, v] of entries) this.byKey.set(k, v);
    if (had) this.report({ kind: 'deleted', key: row.key });
    // Views place the row by the one it now precedes (RowSourceEvent 'added').
    const next = entries[at + 1];
    this.report(next ? { kind: 'added', row, before: next[0] } : { kind: 'added', row });
  }

  /** Deletes a row; false when there was none. */
  delete(key: string): boolean {
    if (!this.byKey.delete(key)) return false;
    this.report({ kind: 'deleted', key });
    return true;
  }

  /** Deletes every row. */
  clear(): number {
    const n = this.byKey.size;
    if (!n) return 0;
    this.batch(() => {
      for (const k of [...this.byKey.keys()]) this.delete(k);
    }, true);
    return n;
  }

  /** Tells views to rebuild (TABLE_RELOAD). */
  reload(): void {
    this.report({ kind: 'reload' });
  }

  /**
   * Runs `fn`, reporting its changes as one batch when it returns; with `coalesce`, views
   * send a single TABLE_CHANGED instead of one notification per row.
   */
  batch<T>(fn: () => T, coalesce = false): T {
    if (this.batching) return fn();
    this.batching = [];
    this.batchCoalesce = coalesce;
    // Views place rows by the order of the moment; the batch's events come after all of them.
    const startKeys = this.listeners.size ? [...this.byKey.keys()] : [];
    try {
      return fn();
    } finally {
      const events = this.batching;
      this.batching = null;
      if (events.length) for (const l of [...this.listeners]) l(events, this.batchCoalesce, startKeys);
    }
  }

  private report(e: RowSourceEvent): void {
    if (this.batching) this.batching.push(e);
    else for (const l of [...this.listeners]) l([e], false);
  }
}

