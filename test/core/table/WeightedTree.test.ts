import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WeightedTree, type WeightedTreeOptions } from '../../../src/core/table/WeightedTree.js';

/** A stand-in for a table row: sorted by key, weighing w visible rows. */
interface Row {
  key: number;
  w: number;
}

const byKey = (a: Row, b: Row): number => a.key - b.key;
const rowWeight = (row: Row): number => row.w;
const probe = (key: number): Row => ({ key, w: -1 });

/** The reference: a plain array of rows sorted by key. */
class Model {
  rows: Row[] = [];

  find(key: number): number {
    return this.rows.findIndex((row) => row.key === key);
  }
  lowerBound(key: number): number {
    const i = this.rows.findIndex((row) => row.key >= key);
    return i === -1 ? this.rows.length : i;
  }
  weightBefore(index: number): number {
    return this.rows.slice(0, index).reduce((total, row) => total + row.w, 0);
  }
  get totalWeight(): number {
    return this.weightBefore(this.rows.length);
  }
  insert(row: Row): void {
    this.rows.splice(this.lowerBound(row.key), 0, row);
  }
}

interface Real {
  tree: WeightedTree<Row>;
}

type TreeCommand = fc.Command<Model, Real>;

/** Scales a fraction in [0, 1) to an integer in [lo, hi]. */
const scale = (r: number, lo: number, hi: number): number => lo + Math.floor(r * (hi - lo + 1));

function checkCommon(m: Model, r: Real): void {
  r.tree.checkInvariants();
  expect(r.tree.size).toBe(m.rows.length);
  expect(r.tree.totalWeight).toBe(m.totalWeight);
  expect(r.tree.first()).toEqual(m.rows[0]);
  expect(r.tree.last()).toEqual(m.rows[m.rows.length - 1]);
}

class InsertCommand implements TreeCommand {
  constructor(readonly key: number, readonly w: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    if (m.find(this.key) >= 0) {
      expect(() => r.tree.insert({ key: this.key, w: this.w })).toThrow(RangeError);
    } else {
      m.insert({ key: this.key, w: this.w });
      r.tree.insert({ key: this.key, w: this.w });
    }
    checkCommon(m, r);
  }
  toString = (): string => `insert(${this.key}, w=${this.w})`;
}

/** Inserts a run of keys, so trees grow deep fast. */
class InsertRunCommand implements TreeCommand {
  constructor(readonly start: number, readonly length: number, readonly w: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    for (let key = this.start; key < this.start + this.length; key++) {
      if (m.find(key) >= 0) continue;
      m.insert({ key, w: this.w });
      r.tree.insert({ key, w: this.w });
    }
    checkCommon(m, r);
  }
  toString = (): string => `insertRun(${this.start}..${this.start + this.length - 1}, w=${this.w})`;
}

class DeleteCommand implements TreeCommand {
  constructor(readonly key: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const i = m.find(this.key);
    if (i >= 0) m.rows.splice(i, 1);
    expect(r.tree.delete(probe(this.key))).toBe(i >= 0);
    checkCommon(m, r);
  }
  toString = (): string => `delete(${this.key})`;
}

/** Deletes a run of keys, so merges cascade up to the root. */
class DeleteRunCommand implements TreeCommand {
  constructor(readonly start: number, readonly length: number) {}
  check = (m: Readonly<Model>): boolean => m.rows.length > 0;
  run(m: Model, r: Real): void {
    for (let key = this.start; key < this.start + this.length; key++) {
      const i = m.find(key);
      if (i >= 0) m.rows.splice(i, 1);
      expect(r.tree.delete(probe(key))).toBe(i >= 0);
    }
    checkCommon(m, r);
  }
  toString = (): string => `deleteRun(${this.start}..${this.start + this.length - 1})`;
}

class UpdateWeightCommand implements TreeCommand {
  constructor(readonly pick: number, readonly w: number) {}
  check = (m: Readonly<Model>): boolean => m.rows.length > 0;
  run(m: Model, r: Real): void {
    const modelRow = m.rows[scale(this.pick, 0, m.rows.length - 1)]!;
    const stored = r.tree.get(probe(modelRow.key))!;
    modelRow.w = this.w;
    stored.w = this.w;
    r.tree.updateWeight(stored);
    checkCommon(m, r);
  }
  toString = (): string => `updateWeight(#${this.pick.toFixed(3)}, w=${this.w})`;
}

class UpdateAbsentCommand implements TreeCommand {
  constructor(readonly key: number) {}
  check = (m: Readonly<Model>): boolean => !m.rows.some((row) => row.key === this.key);
  run(m: Model, r: Real): void {
    expect(() => r.tree.updateWeight(probe(this.key))).toThrow(RangeError);
    checkCommon(m, r);
  }
  toString = (): string => `updateWeight(absent ${this.key})`;
}

class LookupCommand implements TreeCommand {
  constructor(readonly key: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const i = m.find(this.key);
    expect(r.tree.has(probe(this.key))).toBe(i >= 0);
    expect(r.tree.get(probe(this.key))).toEqual(m.rows[i]);
    expect(r.tree.indexOf(probe(this.key))).toBe(i);
    expect(r.tree.weightBefore(probe(this.key))).toBe(i >= 0 ? m.weightBefore(i) : -1);
    expect(r.tree.lowerBound((row) => row.key - this.key)).toBe(m.lowerBound(this.key));
  }
  toString = (): string => `lookup(${this.key})`;
}

class AtCommand implements TreeCommand {
  constructor(readonly pick: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const index = scale(this.pick, -1, m.rows.length);
    expect(r.tree.at(index)).toEqual(m.rows[index]);
  }
  toString = (): string => `at(#${this.pick.toFixed(3)})`;
}

class AtWeightCommand implements TreeCommand {
  constructor(readonly pick: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const total = m.totalWeight;
    const w = scale(this.pick, -1, total);
    let expected: { item: Row; offset: number; index: number } | undefined;
    let start = 0;
    m.rows.forEach((row, index) => {
      if (expected === undefined && w >= 0 && w >= start && w < start + row.w) {
        expected = { item: row, offset: w - start, index };
      }
      start += row.w;
    });
    expect(r.tree.atWeight(w)).toEqual(expected);
  }
  toString = (): string => `atWeight(#${this.pick.toFixed(3)})`;
}

class ValuesCommand implements TreeCommand {
  constructor(readonly pick: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const from = scale(this.pick, 0, m.rows.length);
    expect([...r.tree.values(from)]).toEqual(m.rows.slice(from));
    const back = scale(this.pick, -1, m.rows.length - 1);
    expect([...r.tree.valuesBackward(back)]).toEqual(m.rows.slice(0, back + 1).reverse());
    expect([...r.tree.valuesBackward()]).toEqual([...m.rows].reverse());
  }
  toString = (): string => `values(#${this.pick.toFixed(3)})`;
}

const key = fc.integer({ min: 0, max: 300 });
const weight = fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 5 }));
const pick = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const commands = [
  fc.tuple(key, weight).map(([k, w]) => new InsertCommand(k, w)),
  fc.tuple(key, weight).map(([k, w]) => new InsertCommand(k, w)),
  fc.tuple(key, fc.integer({ min: 1, max: 40 }), weight).map(([k, n, w]) => new InsertRunCommand(k, n, w)),
  key.map((k) => new DeleteCommand(k)),
  fc.tuple(key, fc.integer({ min: 1, max: 60 })).map(([k, n]) => new DeleteRunCommand(k, n)),
  fc.tuple(pick, weight).map(([p, w]) => new UpdateWeightCommand(p, w)),
  key.map((k) => new UpdateAbsentCommand(k)),
  key.map((k) => new LookupCommand(k)),
  pick.map((p) => new AtCommand(p)),
  pick.map((p) => new AtWeightCommand(p)),
  pick.map((p) => new ValuesCommand(p)),
];

const smallNodes: WeightedTreeOptions[] = [
  { leafSize: 4, branchSize: 4 },
  { leafSize: 5, branchSize: 4 },
  { leafSize: 4, branchSize: 7 },
];

describe('WeightedTree', () => {
  it('behaves like a sorted array under random operations (model-based)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...smallNodes),
        fc.commands(commands, { maxCommands: 200 }),
        (options, cmds) => {
          const setup = () => ({ model: new Model(), real: { tree: new WeightedTree(byKey, rowWeight, options) } });
          fc.modelRun(setup, cmds);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('works without a weight function (every item weighs 1)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 200 })), { maxLength: 400 }), (ops) => {
        const tree = new WeightedTree<number>((a, b) => a - b, undefined, { leafSize: 4, branchSize: 4 });
        const model = new Set<number>();
        for (const [add, n] of ops) {
          if (add && !model.has(n)) {
            tree.insert(n);
            model.add(n);
          } else if (!add) {
            expect(tree.delete(n)).toBe(model.delete(n));
          }
        }
        tree.checkInvariants();
        const sorted = [...model].sort((a, b) => a - b);
        expect([...tree.values()]).toEqual(sorted);
        expect(tree.totalWeight).toBe(sorted.length);
        sorted.forEach((n, i) => {
          expect(tree.indexOf(n)).toBe(i);
          expect(tree.weightBefore(n)).toBe(i);
          expect(tree.atWeight(i)).toEqual({ item: n, offset: 0, index: i });
        });
      }),
    );
  });

  it('is empty when new or cleared', () => {
    const tree = new WeightedTree(byKey, rowWeight, { leafSize: 4, branchSize: 4 });
    for (let round = 0; round < 2; round++) {
      expect(tree.size).toBe(0);
      expect(tree.totalWeight).toBe(0);
      expect(tree.first()).toBeUndefined();
      expect(tree.last()).toBeUndefined();
      expect(tree.at(0)).toBeUndefined();
      expect(tree.atWeight(0)).toBeUndefined();
      expect(tree.lowerBound(() => 0)).toBe(0);
      expect([...tree.values()]).toEqual([]);
      expect([...tree.valuesBackward()]).toEqual([]);
      tree.checkInvariants();
      for (let key = 0; key < 100; key++) tree.insert({ key, w: 2 });
      tree.clear();
    }
  });
});

describe('WeightedTree misuse', () => {
  const filled = () => WeightedTree.from(
    Array.from({ length: 50 }, (_, key) => ({ key, w: 1 })),
    byKey,
    rowWeight,
    { leafSize: 4, branchSize: 4 },
  );

  it('rejects invalid weights and leaves the tree intact', () => {
    const tree = filled();
    for (const w of [-1, 1.5, Number.NaN, Infinity]) {
      expect(() => tree.insert({ key: 100, w })).toThrow(RangeError);
      const row = tree.get(probe(10))!;
      row.w = w;
      expect(() => tree.updateWeight(row)).toThrow(RangeError);
      row.w = 1;
    }
    tree.checkInvariants();
    expect(tree.size).toBe(50);
  });

  it('rejects bad node sizes, fractional indexes and out-of-range starts', () => {
    expect(() => new WeightedTree(byKey, rowWeight, { leafSize: 3 })).toThrow(RangeError);
    expect(() => new WeightedTree(byKey, rowWeight, { branchSize: 2.5 })).toThrow(RangeError);
    const tree = filled();
    expect(() => tree.at(1.5)).toThrow(RangeError);
    expect(() => tree.atWeight(Number.NaN)).toThrow(RangeError);
    expect(() => tree.values(-1)).toThrow(RangeError);
    expect(() => tree.valuesBackward(50)).toThrow(RangeError);
    expect([...tree.values(50)]).toEqual([]);
    expect([...tree.valuesBackward(-1)]).toEqual([]);
  });

  it('stops an iterator after an insert or delete, but not after a weight update', () => {
    const tree = filled();
    const forward = tree.values();
    forward.next();
    const row = tree.get(probe(3))!;
    row.w = 4;
    tree.updateWeight(row);
    expect(forward.next().value).toEqual({ key: 1, w: 1 });
    tree.delete(probe(40));
    expect(() => forward.next()).toThrow(RangeError);
    const backward = tree.valuesBackward();
    tree.insert({ key: 40, w: 1 });
    expect(() => backward.next()).toThrow(RangeError);
  });

  it('rejects unsorted or duplicate items in from', () => {
    expect(() => WeightedTree.from([{ key: 2, w: 1 }, { key: 1, w: 1 }], byKey, rowWeight)).toThrow(RangeError);
    expect(() => WeightedTree.from([{ key: 1, w: 1 }, { key: 1, w: 1 }], byKey, rowWeight)).toThrow(RangeError);
  });
});

describe('WeightedTree.from', () => {
  it('builds the same tree contents as repeated inserts', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { maxLength: 600 }),
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 600, maxLength: 600 }),
        fc.constantFrom<WeightedTreeOptions>({ leafSize: 4, branchSize: 4 }, { leafSize: 7, branchSize: 5 }, {}),
        (keys, weights, options) => {
          const rows = keys.map((key, i) => ({ key, w: weights[i]! }));
          const sorted = [...rows].sort(byKey);
          const bulk = WeightedTree.from(sorted, byKey, rowWeight, options);
          const incremental = new WeightedTree(byKey, rowWeight, options);
          for (const row of rows) incremental.insert(row);
          bulk.checkInvariants();
          expect([...bulk.values()]).toEqual([...incremental.values()]);
          expect(bulk.totalWeight).toBe(incremental.totalWeight);
          for (let w = 0; w < bulk.totalWeight; w += 7) expect(bulk.atWeight(w)).toEqual(incremental.atWeight(w));
          for (const row of rows) {
            expect(bulk.indexOf(row)).toBe(incremental.indexOf(row));
            expect(bulk.weightBefore(row)).toBe(incremental.weightBefore(row));
          }
          // The bulk-built tree must stay valid as it is edited.
          for (const row of rows.slice(0, rows.length >>> 1)) bulk.delete(row);
          for (let key = 10_001; key < 10_050; key++) bulk.insert({ key, w: 1 });
          bulk.checkInvariants();
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('WeightedTree at scale', () => {
  /** Deterministic shuffle (mulberry32), so failures reproduce. */
  function shuffled(n: number, seed: number): number[] {
    const keys = Array.from({ length: n }, (_, i) => i);
    let s = seed;
    const random = () => {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), 1 | s);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    }
    return keys;
  }

  it('inserts 200k items in random order and deletes half', () => {
    const n = 200_000;
    const keys = shuffled(n, 42);
    const tree = new WeightedTree(byKey, rowWeight);
    for (const key of keys) tree.insert({ key, w: key % 3 });
    let deleted = 0;
    for (let i = 0; i < n / 2; i++) if (tree.delete(probe(keys[i]!))) deleted++;
    expect(deleted).toBe(n / 2);
    tree.checkInvariants();
    expect(tree.size).toBe(n / 2);
    const remaining = keys.slice(n / 2).sort((a, b) => a - b);
    for (let i = 0; i < remaining.length; i += 997) {
      const key = remaining[i]!;
      expect(tree.at(i)!.key).toBe(key);
      expect(tree.indexOf(probe(key))).toBe(i);
      expect(tree.lowerBound((row) => row.key - key)).toBe(i);
    }
    expect(tree.totalWeight).toBe(remaining.reduce((total, key) => total + (key % 3), 0));
  });
});
