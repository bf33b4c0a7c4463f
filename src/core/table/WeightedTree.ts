/**
 * The ordered, weighted, order-statistic B+tree ("counted B-tree") under the IMAPITable engine.
 *
 * Leaves hold plain arrays of items (no per-item node objects); branches hold their children
 * with, per child, the child's first item, its item count and its weight sum. Every operation
 * that locates, inserts, deletes or re-weighs an item is O(log n); so is finding an item by
 * index or by weight. A row's weight is how many visible rows it stands for (0 for a row under
 * a collapsed category), so `atWeight`/`weightBefore` map between view positions and rows.
 *
 * This file is longer than the usual 300 lines on purpose: the node operations share private
 * state and invariants that are easier to check in one place.
 *
 * @see imapitable-queryposition.md
 * @see imapitable-seekrow.md
 */

/** Sizing of a {@link WeightedTree}'s nodes. */
export interface WeightedTreeOptions {
  /** Most items a leaf holds (at least 4); leaves other than the root hold at least half. */
  leafSize?: number;
  /** Most children a branch holds (at least 4); branches other than the root hold at least half. */
  branchSize?: number;
}

/** What {@link WeightedTree.atWeight} found. */
export interface WeightedTreeHit<T> {
  /** The item whose weight range contains the position asked for. */
  item: T;
  /** Position asked for, minus the start of the item's weight range. */
  offset: number;
  /** The item's index (number of items before it). */
  index: number;
}

/** Default leaf capacity; see bench/weighted-tree.ts for the measurements behind it. */
export const DEFAULT_LEAF_SIZE = 128;
/** Default branch capacity; see bench/weighted-tree.ts for the measurements behind it. */
export const DEFAULT_BRANCH_SIZE = 32;

class Leaf<T> {
  readonly isLeaf = true;
  prev: Leaf<T> | null = null;
  next: Leaf<T> | null = null;
  /** `weights` is null while every item of the leaf weighs 1, which saves its memory. */
  constructor(
    public items: T[],
    public weights: number[] | null,
  ) {}
}

class Branch<T> {
  readonly isLeaf = false;
  constructor(
    public children: TreeNode<T>[],
    /** First item of each child's subtree. */
    public keys: T[],
    /** Item count of each child's subtree. */
    public counts: number[],
    /** Weight sum of each child's subtree. */
    public weights: number[],
  ) {}
}

type TreeNode<T> = Leaf<T> | Branch<T>;

/** The branches walked from the root to a leaf, with the child slot taken in each. */
interface Path<T> {
  branches: Branch<T>[];
  slots: number[];
}

function sum(values: readonly number[], from = 0, to = values.length): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i]!;
  return total;
}

function leafWeights<T>(leaf: Leaf<T>): number[] {
  return (leaf.weights ??= new Array<number>(leaf.items.length).fill(1));
}

function leafWeightSum<T>(leaf: Leaf<T>, from = 0, to = leaf.items.length): number {
  return leaf.weights === null ? to - from : sum(leaf.weights, from, to);
}

function firstItem<T>(node: TreeNode<T>): T {
  return (node.isLeaf ? node.items[0] : node.keys[0]) as T;
}

function entryCount<T>(node: TreeNode<T>): number {
  return node.isLeaf ? node.items.length : node.children.length;
}

function checkIndex(method: string, index: number): void {
  if (!Number.isInteger(index)) {
    throw new RangeError(`WeightedTree.${method}: ${String(index)} is not an integer`);
  }
}

function checkSize(name: string, value: number | undefined, fallback: number): number {
  const size = value ?? fallback;
  if (!Number.isInteger(size) || size < 4) {
    throw new RangeError(`WeightedTree: ${name} must be an integer >= 4, got ${String(value)}`);
  }
  return size;
}

/**
 * An ordered collection of distinct items, each with a non-negative integer weight, that finds an
 * item's index and the weight before it, and an item by index or by weight, in O(log n).
 *
 * Items are ordered by `compare`, which must be a strict total order: the caller breaks ties, so
 * no two distinct items compare 0. An item's weight is read when it is inserted and when
 * {@link WeightedTree.updateWeight} is called; mutating an item in a way that changes its sort
 * position while it is stored corrupts the order, so delete it first and insert it again.
 *
 * Misuse (a duplicate insert, updating an absent item, a negative or fractional weight, a
 * fractional index, iterating across a modification) throws RangeError and leaves the tree as it was.
 *
 * @see imapitable.md
 */
export class WeightedTree<T> {
  private readonly compare: (a: T, b: T) => number;
  private readonly weightOf: ((item: T) => number) | undefined;
  private readonly leafSize: number;
  private readonly branchSize: number;
  private readonly minLeaf: number;
  private readonly minBranch: number;
  private root: TreeNode<T>;
  private head: Leaf<T>;
  private tail: Leaf<T>;
  private count = 0;
  private total = 0;
  /** Bumped by every structural change, so iterators can refuse to continue. */
  private version = 0;

  /**
   * @param compare A strict total order on items.
   * @param weight An item's weight, a non-negative safe integer; every item weighs 1 if omitted.
   * @param options Node capacities; the defaults suit views from 10 to 10^6 rows.
   */
  constructor(compare: (a: T, b: T) => number, weight?: (item: T) => number, options?: WeightedTreeOptions) {
    if (typeof compare !== 'function') throw new TypeError('WeightedTree: compare must be a function');
    if (weight !== undefined && typeof weight !== 'function') {
      throw new TypeError('WeightedTree: weight must be a function');
    }
    this.compare = compare;
    this.weightOf = weight;
    this.leafSize = checkSize('leafSize', options?.leafSize, DEFAULT_LEAF_SIZE);
    this.branchSize = checkSize('branchSize', options?.branchSize, DEFAULT_BRANCH_SIZE);
    this.minLeaf = this.leafSize >>> 1;
    this.minBranch = this.branchSize >>> 1;
    this.root = this.head = this.tail = new Leaf<T>([], null);
  }

  /**
   * Builds a tree from items already in `compare` order, in O(n), with full leaves.
   * Throws RangeError if two neighbours are out of order or equal.
   */
  static from<T>(
    sortedItems: readonly T[],
    compare: (a: T, b: T) => number,
    weight?: (item: T) => number,
    options?: WeightedTreeOptions,
  ): WeightedTree<T> {
    const tree = new WeightedTree<T>(compare, weight, options);
    tree.load(sortedItems);
    return tree;
  }

  /** Number of items. */
  get size(): number {
    return this.count;
  }

  /** Sum of the items' weights. */
  get totalWeight(): number {
    return this.total;
  }

  /** Adds an item; throws RangeError if an item comparing 0 with it is present. */
  insert(item: T): void {
    const path = this.pathTo(item);
    const leaf = this.leafOf(path);
    const found = this.search(leaf.items, item);
    if (found >= 0) throw new RangeError('WeightedTree.insert: an equal item is already present');
    const weight = this.readWeight(item, 'insert');
    const at = ~found;
    leaf.items.splice(at, 0, item);
    if (leaf.weights !== null) leaf.weights.splice(at, 0, weight);
    else if (weight !== 1) leafWeights(leaf)[at] = weight;
    this.count++;
    this.total += weight;
    this.version++;
    this.adjustPath(path, 1, weight);
    if (at === 0) this.refreshFirstKey(path, item);
    if (leaf.items.length > this.leafSize) this.splitLeaf(leaf, path);
  }

  /** Removes the item comparing 0 with `item`; false if there is none. */
  delete(item: T): boolean {
    const path = this.pathTo(item);
    const leaf = this.leafOf(path);
    const at = this.search(leaf.items, item);
    if (at < 0) return false;
    const weight = leaf.weights === null ? 1 : leaf.weights[at]!;
    leaf.items.splice(at, 1);
    leaf.weights?.splice(at, 1);
    this.count--;
    this.total -= weight;
    this.version++;
    this.adjustPath(path, -1, -weight);
    if (at === 0 && leaf.items.length > 0) this.refreshFirstKey(path, leaf.items[0] as T);
    if (leaf.items.length < this.minLeaf && path.branches.length > 0) {
      this.rebalance(path, path.branches.length - 1);
    }
    return true;
  }

  /** Whether an item comparing 0 with `item` is present. */
  has(item: T): boolean {
    return this.search(this.leafFor(item).items, item) >= 0;
  }

  /** The stored item comparing 0 with `probe`. */
  get(probe: T): T | undefined {
    const items = this.leafFor(probe).items;
    const at = this.search(items, probe);
    return at >= 0 ? items[at] : undefined;
  }

  /** Number of items before `item`; -1 if absent. */
  indexOf(item: T): number {
    let node = this.root;
    let index = 0;
    while (!node.isLeaf) {
      const slot = this.childFor(node, item);
      index += sum(node.counts, 0, slot);
      node = node.children[slot]!;
    }
    const at = this.search(node.items, item);
    return at >= 0 ? index + at : -1;
  }

  /** Sum of the weights of the items before `item`; -1 if absent. */
  weightBefore(item: T): number {
    let node = this.root;
    let weight = 0;
    while (!node.isLeaf) {
      const slot = this.childFor(node, item);
      weight += sum(node.weights, 0, slot);
      node = node.children[slot]!;
    }
    const at = this.search(node.items, item);
    return at >= 0 ? weight + leafWeightSum(node, 0, at) : -1;
  }

  /** The item at a 0-based index; undefined outside [0, size). RangeError if not an integer. */
  at(index: number): T | undefined {
    checkIndex('at', index);
    if (index < 0 || index >= this.count) return undefined;
    const [leaf, at] = this.leafAtIndex(index);
    return leaf.items[at];
  }

  /**
   * The item whose weight range [start, start + weight) contains `w` (items of weight 0 own no
   * range, so they are never returned); undefined outside [0, totalWeight). RangeError if `w`
   * is not an integer.
   */
  atWeight(w: number): WeightedTreeHit<T> | undefined {
    checkIndex('atWeight', w);
    if (w < 0 || w >= this.total) return undefined;
    let node = this.root;
    let rest = w;
    let index = 0;
    while (!node.isLeaf) {
      const { weights, counts } = node;
      let slot = 0;
      // `>=` steps over weight-0 children too.
      while (rest >= weights[slot]!) {
        rest -= weights[slot]!;
        index += counts[slot]!;
        slot++;
      }
      node = node.children[slot]!;
    }
    if (node.weights === null) return { item: node.items[rest] as T, offset: 0, index: index + rest };
    const weights = node.weights;
    let at = 0;
    while (rest >= weights[at]!) rest -= weights[at++]!;
    return { item: node.items[at] as T, offset: rest, index: index + at };
  }

  /**
   * Re-reads the weight of the stored item comparing 0 with `item` and fixes the sums above it.
   * Its sort position must not have changed. RangeError if absent or the weight is invalid.
   */
  updateWeight(item: T): void {
    const path = this.pathTo(item);
    const leaf = this.leafOf(path);
    const at = this.search(leaf.items, item);
    if (at < 0) throw new RangeError('WeightedTree.updateWeight: the item is not present');
    const weight = this.readWeight(leaf.items[at] as T, 'updateWeight');
    const old = leaf.weights === null ? 1 : leaf.weights[at]!;
    if (weight === old) return;
    leafWeights(leaf)[at] = weight;
    this.total += weight - old;
    this.adjustPath(path, 0, weight - old);
  }

  /**
   * Index of the first item for which `probe(item) >= 0`, or size if none. `probe` must be
   * monotone: negative for every item before the target, non-negative from it on.
   */
  lowerBound(probe: (item: T) => number): number {
    let node = this.root;
    let index = 0;
    while (!node.isLeaf) {
      const keys = node.keys;
      // Last child whose first item is before the target; child 0 if none.
      let lo = 1;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (probe(keys[mid] as T) < 0) lo = mid + 1;
        else hi = mid;
      }
      index += sum(node.counts, 0, lo - 1);
      node = node.children[lo - 1]!;
    }
    const items = node.items;
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (probe(items[mid] as T) < 0) lo = mid + 1;
      else hi = mid;
    }
    return index + lo;
  }

  /** The smallest item. */
  first(): T | undefined {
    return this.head.items[0];
  }

  /** The largest item. */
  last(): T | undefined {
    return this.tail.items[this.tail.items.length - 1];
  }

  /**
   * Items in ascending order from `fromIndex` (default 0); nothing if `fromIndex >= size`.
   * RangeError if `fromIndex` is negative or fractional, and from `next()` once the tree has had
   * an item inserted or deleted since this call (weight updates are allowed).
   */
  values(fromIndex = 0): IterableIterator<T> {
    checkIndex('values', fromIndex);
    if (fromIndex < 0) throw new RangeError(`WeightedTree.values: negative index ${fromIndex}`);
    if (fromIndex >= this.count) return this.walk(null, 0, 1, this.version);
    const [leaf, at] = this.leafAtIndex(fromIndex);
    return this.walk(leaf, at, 1, this.version);
  }

  /**
   * Items in descending order from `fromIndex` (default size - 1); nothing if `fromIndex < 0`.
   * RangeError if `fromIndex >= size` or fractional, and from `next()` once the tree has had an
   * item inserted or deleted since this call (weight updates are allowed).
   */
  valuesBackward(fromIndex = this.count - 1): IterableIterator<T> {
    checkIndex('valuesBackward', fromIndex);
    if (fromIndex >= this.count) {
      throw new RangeError(`WeightedTree.valuesBackward: index ${fromIndex} is past the last item`);
    }
    if (fromIndex < 0) return this.walk(null, 0, -1, this.version);
    const [leaf, at] = this.leafAtIndex(fromIndex);
    return this.walk(leaf, at, -1, this.version);
  }

  /** Removes every item. */
  clear(): void {
    this.root = this.head = this.tail = new Leaf<T>([], null);
    this.count = 0;
    this.total = 0;
    this.version++;
  }

  /**
   * Test helper: verifies ordering, first-item keys, counts, weight sums (including that each
   * stored weight still equals `weight(item)`, i.e. no `updateWeight` call is pending), fill
   * factors, equal leaf depth and the leaf chain. Throws an Error naming the first violation. O(n).
   */
  checkInvariants(): void {
    const fail = (message: string): never => {
      throw new Error(`WeightedTree invariant violated: ${message}`);
    };
    const leaves: Leaf<T>[] = [];
    let leafDepth = -1;
    const visit = (node: TreeNode<T>, depth: number, isRoot: boolean): { count: number; weight: number } => {
      const entries = entryCount(node);
      const [min, max] = node.isLeaf ? [this.minLeaf, this.leafSize] : [this.minBranch, this.branchSize];
      if (entries > max) fail(`node at depth ${depth} holds ${entries} > ${max}`);
      if (!isRoot && entries < min) fail(`node at depth ${depth} holds ${entries} < ${min}`);
      if (node.isLeaf) {
        if (leafDepth === -1) leafDepth = depth;
        else if (leafDepth !== depth) fail(`leaves at depths ${leafDepth} and ${depth}`);
        leaves.push(node);
        if (node.weights !== null && node.weights.length !== entries) fail('leaf weights length');
        node.items.forEach((item, i) => {
          const stored = node.weights === null ? 1 : node.weights[i];
          if (stored !== this.readWeight(item, 'checkInvariants')) fail(`stale weight at leaf slot ${i}`);
        });
        return { count: entries, weight: leafWeightSum(node) };
      }
      if (isRoot && entries < 2) fail('root branch has fewer than 2 children');
      const { keys, counts, weights } = node;
      if (keys.length !== entries || counts.length !== entries || weights.length !== entries) {
        fail(`branch at depth ${depth} has arrays of unequal length`);
      }
      let count = 0;
      let weight = 0;
      node.children.forEach((child, i) => {
        if (!Object.is(keys[i], firstItem(child))) fail(`key ${i} at depth ${depth} is not its child's first item`);
        const sub = visit(child, depth + 1, false);
        if (counts[i] !== sub.count) fail(`count ${i} at depth ${depth}: ${counts[i]} != ${sub.count}`);
        if (weights[i] !== sub.weight) fail(`weight ${i} at depth ${depth}: ${weights[i]} != ${sub.weight}`);
        count += sub.count;
        weight += sub.weight;
      });
      return { count, weight };
    };
    const totals = visit(this.root, 0, true);
    if (totals.count !== this.count) fail(`size ${this.count} != ${totals.count} items`);
    if (totals.weight !== this.total) fail(`totalWeight ${this.total} != ${totals.weight}`);
    if (this.head !== leaves[0] || this.tail !== leaves[leaves.length - 1]) fail('head or tail leaf');
    let previous: T | undefined;
    let seen = 0;
    leaves.forEach((leaf, i) => {
      if (leaf.prev !== (leaves[i - 1] ?? null) || leaf.next !== (leaves[i + 1] ?? null)) fail(`leaf chain at ${i}`);
      for (const item of leaf.items) {
        if (seen > 0 && !(this.compare(previous as T, item) < 0)) fail(`items ${seen - 1} and ${seen} out of order`);
        previous = item;
        seen++;
      }
    });
  }

  // ---- descent ----

  /** Slot of the child of `branch` whose range holds `item`: the last whose first item is <= it. */
  private childFor(branch: Branch<T>, item: T): number {
    const keys = branch.keys;
    let lo = 1;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(keys[mid] as T, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Index of `item` in a leaf's items if present, else the one's complement of where it goes. */
  private search(items: readonly T[], item: T): number {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const order = this.compare(items[mid] as T, item);
      if (order < 0) lo = mid + 1;
      else if (order > 0) hi = mid;
      else return mid;
    }
    return ~lo;
  }

  private leafFor(item: T): Leaf<T> {
    let node = this.root;
    while (!node.isLeaf) node = node.children[this.childFor(node, item)]!;
    return node;
  }

  // Paths are allocated per call (a few slots) rather than shared, so a compare or weight
  // callback that reads the tree cannot clobber an operation in progress.
  private pathTo(item: T): Path<T> {
    const branches: Branch<T>[] = [];
    const slots: number[] = [];
    let node = this.root;
    while (!node.isLeaf) {
      const slot = this.childFor(node, item);
      branches.push(node);
      slots.push(slot);
      node = node.children[slot]!;
    }
    return { branches, slots };
  }

  private leafOf(path: Path<T>): Leaf<T> {
    const depth = path.branches.length;
    if (depth === 0) return this.root as Leaf<T>;
    return path.branches[depth - 1]!.children[path.slots[depth - 1]!] as Leaf<T>;
  }

  private leafAtIndex(index: number): [Leaf<T>, number] {
    let node = this.root;
    let rest = index;
    while (!node.isLeaf) {
      const counts = node.counts;
      let slot = 0;
      while (rest >= counts[slot]!) rest -= counts[slot++]!;
      node = node.children[slot]!;
    }
    return [node, rest];
  }

  private readWeight(item: T, method: string): number {
    if (this.weightOf === undefined) return 1;
    const weight = this.weightOf(item);
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new RangeError(`WeightedTree.${method}: weight ${String(weight)} is not a non-negative integer`);
    }
    return weight;
  }

  /** `version` is taken when the iterator is made, since a generator body only starts at `next()`. */
  private *walk(start: Leaf<T> | null, at: number, step: 1 | -1, version: number): Generator<T, void, undefined> {
    let leaf = start;
    let i = at;
    while (leaf !== null) {
      const items = leaf.items;
      while (i >= 0 && i < items.length) {
        if (this.version !== version) throw new RangeError('WeightedTree: modified during iteration');
        yield items[i] as T;
        i += step;
      }
      leaf = step > 0 ? leaf.next : leaf.prev;
      i = step > 0 ? 0 : (leaf?.items.length ?? 0) - 1;
    }
  }

  // ---- maintenance ----

  private adjustPath(path: Path<T>, count: number, weight: number): void {
    const { branches, slots } = path;
    for (let d = branches.length - 1; d >= 0; d--) {
      const branch = branches[d]!;
      const slot = slots[d]!;
      branch.counts[slot] = branch.counts[slot]! + count;
      branch.weights[slot] = branch.weights[slot]! + weight;
    }
  }

  /** A leaf's first item changed: update its key, and its ancestors' while it is their first. */
  private refreshFirstKey(path: Path<T>, item: T): void {
    const { branches, slots } = path;
    for (let d = branches.length - 1; d >= 0; d--) {
      branches[d]!.keys[slots[d]!] = item;
      if (slots[d] !== 0) return;
    }
  }

  private splitLeaf(leaf: Leaf<T>, path: Path<T>): void {
    const cut = leaf.items.length >>> 1;
    const right = new Leaf<T>(leaf.items.splice(cut), leaf.weights?.splice(cut) ?? null);
    right.prev = leaf;
    right.next = leaf.next;
    if (leaf.next !== null) leaf.next.prev = right;
    else this.tail = right;
    leaf.next = right;
    this.addSibling(path, path.branches.length - 1, right, right.items.length, leafWeightSum(right));
  }

  /** Puts `node`, just split off its left neighbour, after it in the branch at depth `d`. */
  private addSibling(path: Path<T>, d: number, node: TreeNode<T>, count: number, weight: number): void {
    if (d < 0) {
      const old = this.root;
      this.root = new Branch<T>(
        [old, node],
        [firstItem(old), firstItem(node)],
        [this.count - count, count],
        [this.total - weight, weight],
      );
      return;
    }
    const parent = path.branches[d]!;
    const slot = path.slots[d]!;
    parent.counts[slot] = parent.counts[slot]! - count;
    parent.weights[slot] = parent.weights[slot]! - weight;
    parent.children.splice(slot + 1, 0, node);
    parent.keys.splice(slot + 1, 0, firstItem(node));
    parent.counts.splice(slot + 1, 0, count);
    parent.weights.splice(slot + 1, 0, weight);
    if (parent.children.length <= this.branchSize) return;
    const cut = parent.children.length >>> 1;
    const right = new Branch<T>(
      parent.children.splice(cut),
      parent.keys.splice(cut),
      parent.counts.splice(cut),
      parent.weights.splice(cut),
    );
    this.addSibling(path, d - 1, right, sum(right.counts), sum(right.weights));
  }

  /** The child on `path` below the branch at depth `d` is under-full: borrow or merge. */
  private rebalance(path: Path<T>, d: number): void {
    const parent = path.branches[d]!;
    const slot = path.slots[d]!;
    const l = slot > 0 ? slot - 1 : slot;
    const left = parent.children[l]!;
    const right = parent.children[l + 1]!;
    const max = left.isLeaf ? this.leafSize : this.branchSize;
    if (entryCount(left) + entryCount(right) > max) {
      this.redistribute(parent, l);
      return;
    }
    this.merge(parent, l);
    if (d === 0) {
      if (parent.children.length === 1) this.root = parent.children[0]!;
    } else if (parent.children.length < this.minBranch) {
      this.rebalance(path, d - 1);
    }
  }

  /** Moves the right child of slot `l` into the left one, and drops it from `parent`. */
  private merge(parent: Branch<T>, l: number): void {
    const left = parent.children[l]!;
    const right = parent.children[l + 1]!;
    if (left.isLeaf && right.isLeaf) {
      left.weights = left.weights === null && right.weights === null
        ? null
        : leafWeights(left).concat(leafWeights(right));
      left.items = left.items.concat(right.items);
      left.next = right.next;
      if (right.next !== null) right.next.prev = left;
      else this.tail = left;
    } else if (!left.isLeaf && !right.isLeaf) {
      left.children = left.children.concat(right.children);
      left.keys = left.keys.concat(right.keys);
      left.counts = left.counts.concat(right.counts);
      left.weights = left.weights.concat(right.weights);
    }
    parent.counts[l] = parent.counts[l]! + parent.counts[l + 1]!;
    parent.weights[l] = parent.weights[l]! + parent.weights[l + 1]!;
    parent.children.splice(l + 1, 1);
    parent.keys.splice(l + 1, 1);
    parent.counts.splice(l + 1, 1);
    parent.weights.splice(l + 1, 1);
  }

  /** Evens out the children at slots `l` and `l + 1`, whose entries overflow one node. */
  private redistribute(parent: Branch<T>, l: number): void {
    const left = parent.children[l]!;
    const right = parent.children[l + 1]!;
    const keep = (entryCount(left) + entryCount(right)) >>> 1;
    let movedCount: number;
    let movedWeight: number;
    if (left.isLeaf && right.isLeaf) {
      const shift = left.items.length - keep;
      const weighted = left.weights !== null || right.weights !== null;
      // Materialize both before the items move, while the lengths still match.
      const leftWeights = weighted ? leafWeights(left) : null;
      const rightWeights = weighted ? leafWeights(right) : null;
      movedCount = shift;
      if (shift > 0) {
        movedWeight = leafWeightSum(left, keep);
        right.items = left.items.splice(keep).concat(right.items);
        if (leftWeights !== null && rightWeights !== null) {
          right.weights = leftWeights.splice(keep).concat(rightWeights);
        }
      } else {
        movedWeight = -leafWeightSum(right, 0, -shift);
        left.items.push(...right.items.splice(0, -shift));
        if (leftWeights !== null && rightWeights !== null) leftWeights.push(...rightWeights.splice(0, -shift));
      }
    } else if (!left.isLeaf && !right.isLeaf) {
      const shift = left.children.length - keep;
      if (shift > 0) {
        movedCount = sum(left.counts, keep);
        movedWeight = sum(left.weights, keep);
        right.children = left.children.splice(keep).concat(right.children);
        right.keys = left.keys.splice(keep).concat(right.keys);
        right.counts = left.counts.splice(keep).concat(right.counts);
        right.weights = left.weights.splice(keep).concat(right.weights);
      } else {
        movedCount = -sum(right.counts, 0, -shift);
        movedWeight = -sum(right.weights, 0, -shift);
        left.children.push(...right.children.splice(0, -shift));
        left.keys.push(...right.keys.splice(0, -shift));
        left.counts.push(...right.counts.splice(0, -shift));
        left.weights.push(...right.weights.splice(0, -shift));
      }
    } else {
      throw new Error('WeightedTree: siblings at different depths');
    }
    parent.counts[l] = parent.counts[l]! - movedCount;
    parent.counts[l + 1] = parent.counts[l + 1]! + movedCount;
    parent.weights[l] = parent.weights[l]! - movedWeight;
    parent.weights[l + 1] = parent.weights[l + 1]! + movedWeight;
    parent.keys[l + 1] = firstItem(right);
  }

  // ---- bulk load ----

  private load(items: readonly T[]): void {
    const n = items.length;
    for (let i = 1; i < n; i++) {
      if (!(this.compare(items[i - 1] as T, items[i] as T) < 0)) {
        throw new RangeError(`WeightedTree.from: items ${i - 1} and ${i} are not in strictly ascending order`);
      }
    }
    if (n === 0) return;
    const weights = items.map((item) => this.readWeight(item, 'from'));
    let level: TreeNode<T>[] = [];
    let counts: number[] = [];
    let sums: number[] = [];
    const leafCount = Math.ceil(n / this.leafSize);
    let previous: Leaf<T> | null = null;
    for (let j = 0; j < leafCount; j++) {
      // Even split: every leaf gets floor or ceil of n / leafCount, which is at least minLeaf.
      const from = Math.floor((j * n) / leafCount);
      const to = Math.floor(((j + 1) * n) / leafCount);
      const slice = weights.slice(from, to);
      const leaf = new Leaf<T>(items.slice(from, to), slice.every((w) => w === 1) ? null : slice);
      leaf.prev = previous;
      if (previous !== null) previous.next = leaf;
      else this.head = leaf;
      previous = leaf;
      level.push(leaf);
      counts.push(to - from);
      sums.push(sum(slice));
    }
    this.tail = previous as Leaf<T>;
    while (level.length > 1) {
      const m = level.length;
      const groups = Math.ceil(m / this.branchSize);
      const next: TreeNode<T>[] = [];
      const nextCounts: number[] = [];
      const nextSums: number[] = [];
      for (let j = 0; j < groups; j++) {
        const from = Math.floor((j * m) / groups);
        const to = Math.floor(((j + 1) * m) / groups);
        const children = level.slice(from, to);
        const branch = new Branch<T>(children, children.map(firstItem), counts.slice(from, to), sums.slice(from, to));
        next.push(branch);
        nextCounts.push(sum(branch.counts));
        nextSums.push(sum(branch.weights));
      }
      level = next;
      counts = nextCounts;
      sums = nextSums;
    }
    this.root = level[0]!;
    this.count = n;
    this.total = sums[0]!;
    this.version++;
  }
}
