import type { SortKeyValue } from '../props/util/sortKey.js';
import type { LeafNode } from './nodes.js';

/** Compares two sort keys with missing values last (View's compareKeyed). */
type KeyCompare = (a: SortKeyValue | undefined, b: SortKeyValue | undefined, desc: boolean) => number;

/**
 * The rows of an uncategorized view before they are put in a tree (sorted or in natural order): their sort keys in
 * columns, and leaves made only for the rows someone reads. Reading the first pages selects
 * just those rows (a bounded heap over the keys, O(n log k)); anything else sorts them all
 * (`sortedLeaves`) and the view puts them in its tree. So "count + first page" costs what a
 * database's top-k costs, not a full sort (docs/decisions/006-table-sort-and-categories.md).
 */
export class PendingSort {
  /** The first rows, in order. */
  private prefix: LeafNode[] = [];
  /** Positions of the prefix leaves. */
  private readonly positions = new Map<LeafNode, number>();
  /** Leaves made so far, by row index. */
  private readonly made = new Map<number, LeafNode>();

  constructor(
    /** Number of rows. */
    readonly length: number,
    /** Sort keys by key column, then by row. */
    private readonly keys: readonly (SortKeyValue | undefined)[][],
    /** Direction of each key column. */
    private readonly desc: readonly boolean[],
    private readonly compareKeyed: KeyCompare,
    /** Makes the leaf of a row. */
    private readonly makeLeaf: (row: number) => LeafNode,
  ) {
    // The common single-key sort gets a comparator without the loop over key columns.
    if (keys.length === 1) {
      const col = keys[0] as (SortKeyValue | undefined)[];
      const d = desc[0] as boolean;
      // Bigint (times, 64-bit numbers) and string keys compare with < directly; missing ones go last.
      const plain = col.every((k) => k === undefined || typeof k === 'bigint' || typeof k === 'string');
      if (plain) {
        this.plain = { col, desc: d };
        const s = d ? -1 : 1;
        this.cmp = (i, j) => {
          const a = col[i];
          const b = col[j];
          if (a === undefined || b === undefined) return a !== undefined ? -1 : b !== undefined ? 1 : i - j;
          return a < (b as typeof a) ? -s : a > (b as typeof a) ? s : i - j;
        };
      } else this.cmp = (i, j) => compareKeyed(col[i], col[j], d) || i - j;
    }
  }

  /** The single key column when every key is a bigint, a string or missing (compared with < directly). */
  private plain: { col: readonly (SortKeyValue | undefined)[]; desc: boolean } | null = null;

  /** Orders two rows: key columns, then natural order. */
  private cmp = (i: number, j: number): number => {
    for (let c = 0; c < this.keys.length; c++) {
      const col = this.keys[c] as (SortKeyValue | undefined)[];
      const r = this.compareKeyed(col[i], col[j], this.desc[c] as boolean);
      if (r) return r;
    }
    // Rows are held in natural order, so the row index is the natural order.
    return i - j;
  };

  private leaf(i: number): LeafNode {
    let l = this.made.get(i);
    if (!l) {
      l = this.makeLeaf(i);
      this.made.set(i, l);
    }
    return l;
  }

  /**
   * The leaf at a position among the first rows, selecting more rows when needed; undefined
   * past the end, or when the position is too deep for selection to pay (then sort everything).
   */
  at(index: number): LeafNode | undefined {
    if (index < 0 || index >= this.length) return undefined;
    if (this.keys.length === 0) {
      // Natural order: row i is the i-th row, no selection needed.
      const l = this.leaf(index);
      this.positions.set(l, index);
      return l;
    }
    if (index >= this.prefix.length) {
      if (index >= this.length / 8) return undefined;
      this.select(Math.max(index + 1, this.prefix.length * 2, 128));
    }
    return this.prefix[index];
  }

  /** True when position `index` can be served without sorting everything. */
  canServe(index: number): boolean {
    return this.keys.length === 0 || index < 0 || index >= this.length || index < this.prefix.length || index < this.length / 8;
  }

  /** The position of a leaf among the selected first rows, or undefined. */
  positionOf(leaf: LeafNode): number | undefined {
    return this.positions.get(leaf);
  }

  /** Selects the first `k` rows: a max-heap of the k best row indexes over all rows, then a sort of those. */
  private select(k: number): void {
    const heap: number[] = [];
    const swap = (a: number, b: number) => {
      const t = heap[a] as number;
      heap[a] = heap[b] as number;
      heap[b] = t;
    };
    const plain = this.plain;
    for (let i = 0; i < this.length; i++) {
      if (heap.length < k) {
        heap.push(i);
        for (let x = heap.length - 1; x > 0; ) {
          const p = (x - 1) >> 1;
          if (this.cmp(heap[x] as number, heap[p] as number) <= 0) break;
          swap(x, p);
          x = p;
        }
      } else if (plain ? this.beatsTop(plain, i, heap[0] as number) : this.cmp(i, heap[0] as number) < 0) {
        heap[0] = i;
        for (let x = 0; ; ) {
          const l = 2 * x + 1;
          const r = l + 1;
          let m = x;
          if (l < heap.length && this.cmp(heap[l] as number, heap[m] as number) > 0) m = l;
          if (r < heap.length && this.cmp(heap[r] as number, heap[m] as number) > 0) m = r;
          if (m === x) break;
          swap(x, m);
          x = m;
        }
      }
    }
    heap.sort((a, b) => this.cmp(a, b));
    this.prefix = heap.map((i) => this.leaf(i));
    this.positions.clear();
    this.prefix.forEach((l, p) => this.positions.set(l, p));
  }

  /**
   * cmp(i, top) < 0 for a plain single key, inline: row i comes after every row in the heap in
   * natural order, so it goes before the heap's last row only with a key strictly before its
   * key; a missing key never does, and any present key goes before a missing one.
   */
  private beatsTop(plain: { col: readonly (SortKeyValue | undefined)[]; desc: boolean }, i: number, top: number): boolean {
    const a = plain.col[i];
    if (a === undefined) return false;
    const b = plain.col[top];
    if (b === undefined) return true;
    return plain.desc ? a > (b as typeof a) : a < (b as typeof a);
  }

  /** Every row's leaf, in order. */
  sortedLeaves(): LeafNode[] {
    if (this.keys.length === 0) return Array.from({ length: this.length }, (_, i) => this.leaf(i));
    const order = Array.from({ length: this.length }, (_, i) => i);
    order.sort((a, b) => this.cmp(a, b));
    return order.map((i) => this.leaf(i));
  }
}
