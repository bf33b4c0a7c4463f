/**
 * Micro-benchmark of WeightedTree: µs per operation at 10k, 100k and 1M items, and heap bytes
 * per item. Run: `npx tsx bench/weighted-tree.ts [--leaf 128] [--branch 32] [--n 1000000]`; run
 * `node --expose-gc --import tsx bench/weighted-tree.ts` for the memory figures too.
 */
import { WeightedTree, type WeightedTreeOptions } from '../src/core/table/WeightedTree.js';

interface Row {
  key: number;
  w: number;
}

const byKey = (a: Row, b: Row): number => a.key - b.key;
const rowWeight = (row: Row): number => row.w;
const gc = (globalThis as { gc?: () => void }).gc;

/** Deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function timeEach(count: number, op: (i: number) => void): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) op(i);
  return ((performance.now() - start) * 1000) / count;
}

/** Binary search in a plain sorted array: the floor any comparison-based lookup pays for cache misses. */
function arraySearch(rows: readonly Row[], row: Row): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const order = byKey(rows[mid]!, row);
    if (order < 0) lo = mid + 1;
    else if (order > 0) hi = mid;
    else return mid;
  }
  return -1;
}

/**
 * µs per op on a tree of n items (keys 0, 2, 4…) after n/4 untimed random inserts and deletes
 * (so leaves are not all full, as right after from()); each timed op runs on 100k random items.
 */
function measure(n: number, options: WeightedTreeOptions, seed: number): Record<string, number> {
  const rows = Array.from({ length: n }, (_, i) => ({ key: 2 * i, w: i % 4 }));
  const tree = WeightedTree.from(rows, byKey, rowWeight, options);
  const next = random(seed);
  const oddRows = (count: number) => [
    ...new Map(Array.from({ length: count }, (_, i) => {
      const key = 2 * Math.floor(next() * n) + 1;
      return [key, { key, w: 1 + (i % 3) }] as const;
    })).values(),
  ];
  const churn = oddRows(n >>> 2);
  for (const row of churn) tree.insert(row);
  for (const row of churn.slice(0, churn.length >>> 1)) tree.delete(row);
  for (const row of churn.slice(churn.length >>> 1)) tree.delete(row);
  const k = Math.min(n, 100_000);
  const victims = Array.from({ length: k }, () => rows[Math.floor(next() * n)]!);
  const unique = [...new Set(victims)];
  const fresh = oddRows(k);
  return {
    insert: timeEach(fresh.length, (i) => tree.insert(fresh[i]!)),
    delete: timeEach(fresh.length, (i) => tree.delete(fresh[i]!)),
    indexOf: timeEach(k, (i) => tree.indexOf(victims[i]!)),
    weightBefore: timeEach(k, (i) => tree.weightBefore(victims[i]!)),
    at: timeEach(k, () => tree.at(Math.floor(next() * n))),
    atWeight: timeEach(k, () => tree.atWeight(Math.floor(next() * tree.totalWeight))),
    updateWeight: timeEach(unique.length, (i) => {
      unique[i]!.w = (unique[i]!.w + 1) % 4;
      tree.updateWeight(unique[i]!);
    }),
    arraySearch: timeEach(k, (i) => arraySearch(rows, victims[i]!)),
  };
}

/** Median of each op over several runs. */
function medianOf(n: number, options: WeightedTreeOptions, runs: number): Record<string, number> {
  const results = Array.from({ length: runs }, (_, seed) => measure(n, options, seed + 1));
  return Object.fromEntries(Object.keys(results[0]!).map((op) => {
    const values = results.map((r) => r[op]!).sort((a, b) => a - b);
    return [op, values[runs >>> 1]!];
  }));
}

function heapBytesPerItem(n: number, build: (rows: Row[]) => unknown): number {
  if (gc === undefined) return Number.NaN;
  const rows = Array.from({ length: n }, (_, i) => ({ key: i, w: 1 + (i % 2) }));
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = build(rows);
  gc();
  const after = process.memoryUsage().heapUsed;
  if (kept === null) console.log('unreachable');
  return (after - before) / n;
}

const fmt = (r: Record<string, number>): string =>
  Object.entries(r).map(([name, us]) => `${name} ${us.toFixed(2)}`).join('  ');

const argument = (name: string): number | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : undefined;
};
const options: WeightedTreeOptions = { leafSize: argument('--leaf'), branchSize: argument('--branch') };
const sizes = argument('--n') !== undefined ? [argument('--n')!] : [10_000, 100_000, 1_000_000];
medianOf(100_000, options, 1); // warm-up
for (const n of sizes) console.log(`n ${String(n).padStart(9)} µs/op: ${fmt(medianOf(n, options, 5))}`);
if (gc !== undefined) {
  const randomOrder = (weighted: boolean) => (rows: Row[]) => {
    const tree = new WeightedTree(byKey, weighted ? rowWeight : undefined);
    const next = random(7);
    const order = rows.map((row) => ({ row, r: next() })).sort((a, b) => a.r - b.r);
    for (const { row } of order) tree.insert(row);
    return tree;
  };
  const n = 1_000_000;
  const perItem = (build: (rows: Row[]) => unknown) => heapBytesPerItem(n, build).toFixed(1);
  console.log(`heap bytes/item at 1M (items themselves excluded):
  from(), weights 1|2:            ${perItem((rows) => WeightedTree.from(rows, byKey, rowWeight))}
  from(), unit weights:           ${perItem((rows) => WeightedTree.from(rows, byKey))}
  random inserts, weights 1|2:    ${perItem(randomOrder(true))}
  random inserts, unit weights:   ${perItem(randomOrder(false))}
  plain array of the items:       ${perItem((rows) => rows.slice())}`);
}
