import { WeightedTree } from './WeightedTree.js';
import { CategoryNode, LeafNode, headingStamp, headingStamps, keyHex, nodeWeight, type HeadingStamp, type ViewNode } from './nodes.js';
import { compareInstances, instanceCombos } from './instances.js';
import { compareSortValues, type SortSpec, sortMviTags } from './sortSpec.js';
import { valueKey } from './valueKey.js';
import { AnchorSet, type Anchor } from './anchors.js';
import type { RowSource, RowSourceEvent, TableRow } from './RowSource.js';
import type { CompiledRestriction } from '../restriction/compile.js';
import { readStored, type RestrictionTarget } from '../restriction/read.js';
import type { SPropValue } from '../props/types.js';
import { PROP_ID, PROP_TYPE } from '../props/tags.js';
import { MVI_FLAG, MSGFLAG_READ, TBL_LEAF_ROW } from '../generated/constants.js';
import { PR_DEPTH, PR_INSTANCE_KEY, PR_MESSAGE_FLAGS, PR_ROW_TYPE } from '../generated/proptags.js';

/** What the view reports as it changes, for table notifications. */
export type ViewChange =
  | { type: 'added'; node: ViewNode }
  | { type: 'deleted'; instanceKey: Uint8Array }
  | { type: 'modified'; node: ViewNode }
  | { type: 'changed' }
  | { type: 'reload' };

/**
 * The model under an IMAPITable: the rows that pass the restriction, in sort order, grouped
 * into categories, with the cursor and bookmarks, kept up to date incrementally as the row
 * source changes (O(log n) per changed row, times the number of category levels).
 *
 * Leaves and headings live in weighted order-statistic trees (one per category, the root's
 * for the top level); a node's weight is the number of visible rows it contributes, so a
 * visible row's position and the row at a position are both O(depth · log n).
 */
export class View {
  /** The invisible root category. */
  root!: CategoryNode;
  /** The cursor and the bookmarks. */
  readonly anchors = new AnchorSet(this);
  /** Receives changes of visible rows while a listener is set. */
  listener: ((change: ViewChange) => void) | null = null;
  /** False when nobody listens (no advise sink), so changes are not worked out at all. */
  wantsChanges: () => boolean = () => true;
  /** Changes of the row-source event being applied, reported when it is done (see flushChanges). */
  private buffered: ViewChange[] | null = null;
  /**
   * Called before the view applies a change of the row source, so the owner can first carry
   * out deferred (TBL_BATCH) operations: notifications are then made in the view the caller
   * last asked for (see docs/decisions/006-table-sort-and-categories.md).
   */
  beforeSourceChange: (() => void) | null = null;
  /** Bumped by every rebuild. */
  private generation = 0;

  private spec: SortSpec;
  private restriction: CompiledRestriction | null = null;
  /** MVI columns (of the column set and the sort), which make one leaf per value. */
  private mviTags: number[] = [];
  private columnMviTags: number[] = [];
  /** Natural order of source rows, by key. */
  private readonly seqOf = new Map<string, number>();
  private nextSeq = 0;
  private nextCategorySeq = 0;
  /** Leaves of each source row (only those passing the restriction). */
  private readonly leavesByRow = new Map<string, LeafNode[]>();
  /** Every node of the view (visible or not) by instance key hex. */
  private readonly byKey = new Map<string, ViewNode>();
  /** Stable instance keys, by row key + instance or category path. */
  private readonly instanceKeys = new Map<string, Uint8Array>();
  private nextInstanceKey = 1;
  private unsubscribe: () => void;

  constructor(
    private readonly source: RowSource,
    spec: SortSpec,
    /** Code page through which sort keys stored as PT_STRING8 and PT_UNICODE are compared. */
    private readonly codePage = 1252,
  ) {
    this.spec = spec;
    this.rebuild();
    this.unsubscribe = source.subscribe((events, coalesce) => this.apply(events, coalesce));
  }

  /** Stops following the row source. */
  detach(): void {
    this.unsubscribe();
    this.listener = null;
  }

  // ------------------------------------------------------------------ configuration

  /** The current sort. */
  get sortSpec(): SortSpec {
    return this.spec;
  }

  /** The MVI tags the view expands (column set and sort). */
  get expandedMviTags(): readonly number[] {
    return this.mviTags;
  }

  /** Changes the column set's MVI columns; rebuilds (and drops bookmarks) only when the set of expanded columns changes. */
  setColumnMviTags(tags: number[]): boolean {
    this.columnMviTags = tags.filter(isMviTag);
    const next = this.computeMviTags();
    if (sameIds(next, this.mviTags)) return false;
    this.rebuild();
    return true;
  }

  /** Sets the restriction (null removes it) and rebuilds. */
  setRestriction(r: CompiledRestriction | null): void {
    this.restriction = r;
    this.rebuild();
  }

  /** Sets the sort and categories and rebuilds. */
  setSort(spec: SortSpec): void {
    this.spec = spec;
    this.rebuild();
  }

  /**
   * The MVI columns to expand, one per property identifier, in identifier order: the order of
   * the column set does not change which rows there are, so reordering columns keeps the
   * rows, their instance keys and the bookmarks (working-with-multivalued-columns.md).
   */
  private computeMviTags(): number[] {
    const out: number[] = [];
    for (const t of [...sortMviTags(this.spec), ...this.columnMviTags]) if (!out.some((o) => PROP_ID(o) === PROP_ID(t))) out.push(t);
    return out.sort((a, b) => PROP_ID(a) - PROP_ID(b));
  }

  // ------------------------------------------------------------------ reading

  /** Number of visible rows. */
  get rowCount(): number {
    return this.root.children.totalWeight;
  }

  /** The visible row at `index`, or undefined past the end. */
  nodeAt(index: number): ViewNode | undefined {
    let node: CategoryNode = this.root;
    let i = index;
    for (;;) {
      const hit = node.children.atWeight(i);
      if (!hit) return undefined;
      if (hit.item.kind === 'leaf' || hit.offset === 0) return hit.item;
      node = hit.item;
      i = hit.offset - 1;
    }
  }

  /** The visible index of a node, or -1 when it is hidden by a collapsed category or gone. */
  indexOf(node: ViewNode): number {
    let index = 0;
    let n: ViewNode = node;
    for (;;) {
      const parent: CategoryNode | null = n.parent;
      if (!parent) return index;
      const before = parent.children.weightBefore(n);
      if (before < 0) return -1;
      index += before;
      if (parent.level < 0) return index;
      if (!parent.expanded) return -1;
      index += 1; // the parent's heading
      n = parent;
    }
  }

  /**
   * Where a node stands in the view: its index when it is visible; when a collapsed category
   * hides it, the index of the first visible row after it (the row after the outermost
   * collapsed heading above it), with `hidden`; index -1 when it is not in the view.
   */
  placeOf(node: ViewNode): { index: number; hidden: boolean } {
    let outermost: CategoryNode | null = null;
    for (let c: CategoryNode | null = node.parent; c && c.level >= 0; c = c.parent) if (!c.expanded) outermost = c;
    if (!outermost) return { index: this.indexOf(node), hidden: false };
    const i = this.indexOf(outermost);
    return { index: i < 0 ? -1 : i + 1, hidden: true };
  }

  /** True when the node is in the view and every category above it is expanded. */
  isVisible(node: ViewNode): boolean {
    return this.indexOf(node) >= 0;
  }

  /** A node by PR_INSTANCE_KEY. */
  byInstanceKey(key: Uint8Array): ViewNode | undefined {
    return this.byKey.get(keyHex(key));
  }

  /** The category levels of the current sort. */
  get levelCount(): number {
    return this.spec.levels.length;
  }

  /** A restriction target for a visible row: a leaf's data with its MVI instance values, or a heading's columns. */
  targetOf(node: ViewNode, headingProps: (c: CategoryNode) => ReadonlyMap<number, SPropValue>): RestrictionTarget {
    if (node.kind === 'category') {
      const props = headingProps(node);
      return { get: (tag) => props.get(PROP_ID(tag)) };
    }
    return this.leafTarget(node);
  }

  /**
   * A leaf as restrictions and sort keys see it: the row's data, the leaf's own value of each
   * expanded MVI column, and the columns the table computes (PR_INSTANCE_KEY, PR_ROW_TYPE, and
   * PR_DEPTH in a categorized view), as QueryRows shows them. imapitable-findrow.md: "all
   * implementations of FindRow are required to support calls seeking a row based on PR_INSTANCE_KEY".
   */
  private leafTarget(leaf: LeafNode): RestrictionTarget {
    const { row, mviValues } = leaf;
    const mvi = this.mviTags;
    return {
      get: (tag: number) => {
        const id = PROP_ID(tag);
        if (isMviTag(tag)) {
          const i = mvi.findIndex((t) => PROP_ID(t) === id);
          if (i >= 0) return mviValues[i];
        }
        if (id === PROP_ID(PR_INSTANCE_KEY)) return { ulPropTag: PR_INSTANCE_KEY, Value: leaf.instanceKey };
        if (tag === PR_ROW_TYPE) return { ulPropTag: PR_ROW_TYPE, Value: TBL_LEAF_ROW };
        if (tag === PR_DEPTH && this.spec.levels.length > 0) return { ulPropTag: PR_DEPTH, Value: this.spec.levels.length };
        return row.props.get(id);
      },
      ...(row.subObjects && { subObjects: (s: number) => row.subObjects?.(s) }),
    };
  }

  /**
   * A sort or category key's value for a leaf, read as QueryRows reads the column
   * (imapitable-queryrows.md): converted to the key's type (a row storing PT_STRING8 sorts with
   * rows storing PT_UNICODE), or missing, and so sorted last (ssortorder.md), when the row has
   * no value of that type.
   */
  private keyValue(target: RestrictionTarget, tag: number): SPropValue | undefined {
    const stored = target.get(tag);
    if (!stored) return undefined;
    const type = isMviTag(tag) ? PROP_TYPE(tag) & ~MVI_FLAG : PROP_TYPE(tag);
    return readStored(stored, type, this.codePage);
  }

  // ------------------------------------------------------------------ building

  /**
   * Rebuilds the whole view from the row source (after restrict, sort, MVI column changes,
   * reload). Bookmarks are dropped and the cursor goes to the beginning (imapitable-restrict.md,
   * imapitable-sorttable.md: "All bookmarks for a table are discarded", BOOKMARK_CURRENT "set to
   * the beginning of the table"; imapitable-setcolumns.md for MVI columns).
   */
  rebuild(): void {
    this.generation++;
    this.mviTags = this.computeMviTags();
    this.leavesByRow.clear();
    this.byKey.clear();
    // The natural order is the row source's order as it is now.
    this.seqOf.clear();
    this.nextSeq = 0;
    this.restriction?.reset();
    const leaves: LeafNode[] = [];
    for (const row of this.source.rows()) {
      const made = this.makeLeaves(row).filter((l) => this.passes(l));
      if (made.length) this.leavesByRow.set(row.key, made);
      for (const l of made) this.byKey.set(keyHex(l.instanceKey), l);
      leaves.push(...made);
    }
    const cmp = (a: LeafNode, b: LeafNode) => this.compareLeafFull(a, b);
    leaves.sort(cmp);
    this.root = this.newCategory(-1, [], null, '', true);
    this.root.children = this.buildLevel(this.root, leaves);
    this.anchors.reset();
  }

  /** Builds the children tree of `parent` from its leaves, sorted by category values then leaf keys. */
  private buildLevel(parent: CategoryNode, leaves: LeafNode[]): WeightedTree<ViewNode> {
    const level = parent.level + 1;
    for (const l of leaves) {
      parent.leafCount++;
      if (l.unread) parent.unreadCount++;
    }
    if (level >= this.spec.levels.length) {
      for (const l of leaves) l.parent = parent;
      return WeightedTree.from<ViewNode>(leaves, this.nodeComparator(level), nodeWeight);
    }
    const cats: CategoryNode[] = [];
    let i = 0;
    while (i < leaves.length) {
      const first = leaves[i] as LeafNode;
      const values = this.levelValues(first, level);
      const k = values.map(valueKey).join('\u0002');
      let j = i + 1;
      while (j < leaves.length && this.levelValues(leaves[j] as LeafNode, level).map(valueKey).join('\u0002') === k) j++;
      const cat = this.newCategory(level, values, parent, k, level < this.spec.cExpanded);
      cat.children = this.buildLevel(cat, leaves.slice(i, j));
      cat.agg = this.computeAgg(cat);
      parent.childIndex.set(k, cat);
      cats.push(cat);
      i = j;
    }
    const cmp = this.nodeComparator(level);
    cats.sort(cmp);
    return WeightedTree.from<ViewNode>(cats, cmp, nodeWeight);
  }

  private newCategory(level: number, values: (SPropValue | undefined)[], parent: CategoryNode | null, indexKey: string, expanded: boolean): CategoryNode {
    const path = parent ? `${parent.path}\u0003${indexKey}` : '';
    const key = this.instanceKeyFor(`C${path}`);
    const c = new CategoryNode(level, values, parent, path, indexKey, this.nextCategorySeq++, key, expanded);
    if (level >= 0) this.byKey.set(keyHex(key), c);
    else c.children = new WeightedTree<ViewNode>(this.nodeComparator(0), nodeWeight);
    return c;
  }

  private instanceKeyFor(id: string): Uint8Array {
    let k = this.instanceKeys.get(id);
    if (!k) {
      const n = this.nextInstanceKey++;
      k = new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
      this.instanceKeys.set(id, k);
    }
    return k;
  }

  /** The leaves of a source row: one, or one per combination of its MVI columns' values. */
  private makeLeaves(row: TableRow): LeafNode[] {
    let seq = this.seqOf.get(row.key);
    if (seq === undefined) {
      seq = this.nextSeq++;
      this.seqOf.set(row.key, seq);
    }
    const combos = instanceCombos(row, this.mviTags, this.codePage);
    return combos.map(({ id, positions, values }) => {
      const leaf = new LeafNode(row, id, seq as number, values, this.instanceKeyFor(`L${row.key}\u0001${id}`));
      leaf.positions = positions;
      this.fillLeaf(leaf);
      return leaf;
    });
  }

  /** Computes a leaf's frozen category and sort values, aggregate inputs and unread flag from its row. */
  private fillLeaf(leaf: LeafNode): void {
    const target = this.leafTarget(leaf);
    leaf.catVals = this.spec.levels.map((lv) => lv.keys.map((k) => this.keyValue(target, k.tag)));
    leaf.sortVals = this.spec.leafKeys.map((k) => this.keyValue(target, k.tag));
    leaf.aggVals = this.spec.levels.map((l) => (l.aggregate ? this.keyValue(target, l.aggregate.tag) : undefined));
    const flags = leaf.row.props.get(PROP_ID(PR_MESSAGE_FLAGS));
    leaf.unread = !!flags && PROP_TYPE(flags.ulPropTag) === PROP_TYPE(PR_MESSAGE_FLAGS) && ((flags.Value as number) & MSGFLAG_READ) === 0;
  }

  private passes(leaf: LeafNode): boolean {
    return !this.restriction || this.restriction.matches(this.leafTarget(leaf));
  }

  /** The values of a level's key columns for a leaf. */
  private levelValues(leaf: LeafNode, level: number): (SPropValue | undefined)[] {
    return leaf.catVals[level] ?? [];
  }

  /** Comparator of the nodes in a tree at `level` (categories of that level, or leaves past the last level). */
  private nodeComparator(level: number): (a: ViewNode, b: ViewNode) => number {
    const lv = this.spec.levels[level];
    if (!lv) return (a, b) => this.compareLeaves(a as LeafNode, b as LeafNode);
    return (a, b) => {
      const x = a as CategoryNode;
      const y = b as CategoryNode;
      if (lv.aggregate) {
        const c = compareSortValues(x.agg, y.agg, lv.aggregate.desc);
        if (c) return c;
      }
      for (let i = 0; i < lv.keys.length; i++) {
        const c = compareSortValues(x.values[i], y.values[i], (lv.keys[i] as { desc: boolean }).desc);
        if (c) return c;
      }
      return x.seq - y.seq;
    };
  }

  /** Leaf order inside a category: leaf keys, then natural order, then instance. */
  private compareLeaves(a: LeafNode, b: LeafNode): number {
    const keys = this.spec.leafKeys;
    for (let i = 0; i < keys.length; i++) {
      const c = compareSortValues(a.sortVals[i], b.sortVals[i], (keys[i] as { desc: boolean }).desc);
      if (c) return c;
    }
    if (a.seq !== b.seq) return a.seq - b.seq;
    return compareInstances(a.positions, b.positions);
  }

  /** Full leaf order for bulk building: category values level by level, then leaf order. */
  private compareLeafFull(a: LeafNode, b: LeafNode): number {
    for (let level = 0; level < this.spec.levels.length; level++) {
      const lv = this.spec.levels[level] as { keys: { desc: boolean }[] };
      const va = this.levelValues(a, level);
      const vb = this.levelValues(b, level);
      for (let i = 0; i < lv.keys.length; i++) {
        const c = compareSortValues(va[i], vb[i], (lv.keys[i] as { desc: boolean }).desc);
        if (c) return c;
      }
    }
    return this.compareLeaves(a, b);
  }

  /** The aggregate (max or min of the level's aggregate column over the category's leaves). */
  private computeAgg(cat: CategoryNode): SPropValue | undefined {
    const lv = this.spec.levels[cat.level];
    if (!lv?.aggregate) return undefined;
    let best: SPropValue | undefined;
    for (const leaf of leavesUnder(cat)) {
      const v = leaf.aggVals[cat.level];
      if (!v) continue;
      // max: the value that sorts last ascending; missing values never win.
      if (!best || (lv.aggregate.max ? compareSortValues(v, best, false) > 0 : compareSortValues(v, best, false) < 0)) best = v;
    }
    return best;
  }

  // ------------------------------------------------------------------ incremental changes

  /** Applies a batch of row-source events. */
  private apply(events: readonly RowSourceEvent[], coalesce: boolean): void {
    const generation = this.generation;
    this.beforeSourceChange?.();
    if (this.generation !== generation) {
      // A deferred operation rebuilt the view from the rows as they are now, this change included.
      this.emit({ type: 'changed' });
      return;
    }
    if (events.some((e) => e.kind === 'reload') || this.restriction?.stateful) {
      // A stateful restriction (RES_COUNT) depends on every row in order: recompute.
      this.rebuild();
      this.emit({ type: events.some((e) => e.kind === 'reload') ? 'reload' : 'changed' });
      return;
    }
    const saved = this.listener;
    if (coalesce) this.listener = null;
    try {
      for (const e of events) {
        this.buffered = [];
        try {
          if (e.kind === 'added') this.rowAdded(e.row);
          else if (e.kind === 'deleted') this.rowDeleted(e.key);
          else if (e.kind === 'modified') this.rowModified(e.row);
        } finally {
          this.flushChanges();
        }
      }
    } finally {
      this.listener = saved;
    }
    if (coalesce && events.length) this.emit({ type: 'changed' });
  }

  private emit(change: ViewChange): void {
    if (!this.listener || !this.wantsChanges()) return;
    if (this.buffered) this.buffered.push(change);
    else this.listener?.(change);
  }

  /**
   * Reports the changes one row-source event made, once the view has settled: the deleted
   * rows first, then each added or modified row once (added if it is new to the view), in
   * view order. Every propPrior then names a row the client already has in its final place,
   * so a client applying the notifications one by one ends with the view (table_notification.md:
   * "Multiple TABLE_ROW_MODIFIED events are sent in the order that they appear in the table view").
   */
  private flushChanges(): void {
    const changes = this.buffered ?? [];
    this.buffered = null;
    if (!this.listener || !changes.length) return;
    const deleted = new Map<string, Uint8Array>();
    const touched = new Map<ViewNode, 'added' | 'modified'>();
    for (const c of changes) {
      if (c.type === 'deleted') deleted.set(keyHex(c.instanceKey), c.instanceKey);
      else if (c.type === 'added' || c.type === 'modified') touched.set(c.node, touched.get(c.node) === 'added' ? 'added' : c.type);
    }
    const placed = [...touched].map(([node, type]) => ({ node, type, i: this.indexOf(node), k: keyHex(node.instanceKey) })).filter((x) => x.i >= 0);
    // A row that left and came back (a heading remade when its only row moved) was modified.
    const back = new Set(placed.map((x) => x.k).filter((k) => deleted.has(k)));
    for (const [k, instanceKey] of deleted) if (!back.has(k)) this.listener({ type: 'deleted', instanceKey });
    for (const { node, type, k } of placed.sort((a, b) => a.i - b.i)) this.listener({ type: back.has(k) ? 'modified' : type, node });
  }

  private rowAdded(row: TableRow): void {
    if (this.leavesByRow.has(row.key)) {
      this.rowModified(row);
      return;
    }
    const leaves = this.makeLeaves(row).filter((l) => this.passes(l));
    if (!leaves.length) return;
    this.leavesByRow.set(row.key, leaves);
    for (const l of leaves) this.insertLeaf(l);
  }

  private rowDeleted(key: string): void {
    const leaves = this.leavesByRow.get(key);
    this.seqOf.delete(key);
    if (!leaves) return;
    this.leavesByRow.delete(key);
    for (const l of leaves) this.removeLeaf(l);
  }

  /**
   * A row changed: instances that keep their place are updated in place, the others are
   * taken out first (so none collides with another instance of the row on its way) and put
   * back where they now belong, reported as modified; instances that appeared or went are
   * added or deleted.
   */
  private rowModified(row: TableRow): void {
    const old = this.leavesByRow.get(row.key) ?? [];
    const fresh = this.makeLeaves(row).filter((l) => this.passes(l));
    const oldById = new Map(old.map((l) => [l.instance, l]));
    const freshIds = new Set(fresh.map((l) => l.instance));
    for (const gone of old) if (!freshIds.has(gone.instance)) this.removeLeaf(gone);
    const moving = new Map<LeafNode, { prev: LeafNode; following: Anchor[]; wasVisible: boolean }>();
    const before = new Map<CategoryNode, HeadingStamp>();
    const aggChanged = new Set<CategoryNode>();
    for (const f of fresh) {
      const prev = oldById.get(f.instance);
      if (!prev || this.samePlace(prev, f)) continue;
      for (const [c, stamp] of headingStamps(prev)) if (!before.has(c)) before.set(c, stamp);
      // The same row moved: the cursor and bookmarks on it follow it to its new place.
      moving.set(f, { prev, following: this.anchors.on(new Set([prev])), wasVisible: this.isVisible(prev) });
      for (const c of this.removeLeaf(prev, true)) aggChanged.add(c);
    }
    const kept: LeafNode[] = [];
    for (const f of fresh) {
      const prev = oldById.get(f.instance);
      const move = moving.get(f);
      if (prev && !move) {
        this.updateInPlace(prev, f);
        kept.push(prev);
        continue;
      }
      const changed = this.insertLeaf(f, move);
      if (move) {
        // about-table-notifications.md: only rows of the view are notified; a row moving
        // into a collapsed category leaves the view, one moving out of it joins it.
        if (move.wasVisible && !this.isVisible(f)) this.emit({ type: 'deleted', instanceKey: f.instanceKey });
        this.anchors.moveAll(move.following, f, false);
        for (const c of changed) aggChanged.add(c);
      }
      kept.push(f);
    }
    if (moving.size) this.reportChangedHeadings(before, [...moving.keys()], aggChanged);
    if (kept.length) this.leavesByRow.set(row.key, kept);
    else this.leavesByRow.delete(row.key);
  }

  /** True when a modified leaf keeps its category and its place among its siblings. */
  private samePlace(prev: LeafNode, next: LeafNode): boolean {
    for (let level = 0; level < this.spec.levels.length; level++) {
      const a = this.levelValues(prev, level).map(valueKey).join('\u0002');
      const b = this.levelValues(next, level).map(valueKey).join('\u0002');
      if (a !== b) return false;
      if (valueKey(prev.aggVals[level]) !== valueKey(next.aggVals[level])) return false;
    }
    if (compareInstances(prev.positions, next.positions) !== 0) return false;
    return prev.sortVals.every((v, i) => valueKey(v) === valueKey(next.sortVals[i]));
  }

  /** A leaf whose order did not change: swap in the new data, fix unread counts, report it modified. */
  private updateInPlace(leaf: LeafNode, next: LeafNode): void {
    const unreadDelta = (next.unread ? 1 : 0) - (leaf.unread ? 1 : 0);
    leaf.row = next.row;
    leaf.mviValues = next.mviValues;
    leaf.unread = next.unread;
    if (this.isVisible(leaf)) this.emit({ type: 'modified', node: leaf });
    if (unreadDelta) {
      for (let c: CategoryNode | null = leaf.parent; c; c = c.parent) {
        c.unreadCount += unreadDelta;
        if (c.level >= 0 && this.isVisible(c)) this.emit({ type: 'modified', node: c });
      }
    }
  }

  /**
   * Inserts a leaf, creating its categories as needed, and reports the visible rows that
   * appeared or changed. `moved` marks the re-insertion of a modified row, reported as
   * TABLE_ROW_MODIFIED (with its new prior row) when the row was in the view before, instead
   * of TABLE_ROW_ADDED; the caller reports the headings.
   */
  private insertLeaf(leaf: LeafNode, moved?: { wasVisible: boolean }): Set<CategoryNode> {
    this.byKey.set(keyHex(leaf.instanceKey), leaf);
    let parent = this.root;
    const created: CategoryNode[] = [];
    for (let level = 0; level < this.spec.levels.length; level++) {
      const values = this.levelValues(leaf, level);
      const k = values.map(valueKey).join('\u0002');
      let cat = parent.childIndex.get(k);
      if (!cat) {
        cat = this.newCategory(level, values, parent, k, level < this.spec.cExpanded);
        cat.children = new WeightedTree<ViewNode>(this.nodeComparator(level + 1), nodeWeight);
        cat.agg = leaf.aggVals[level];
        parent.childIndex.set(k, cat);
        created.push(cat);
      }
      parent = cat;
    }
    leaf.parent = parent;
    const aggChanged = this.adjustAncestors(leaf, +1, () => parent.children.insert(leaf));
    for (const cat of created) if (this.isVisible(cat)) this.emit({ type: 'added', node: cat });
    if (this.isVisible(leaf)) this.emit({ type: moved?.wasVisible ? 'modified' : 'added', node: leaf });
    if (!moved) this.reportAncestorsModified(leaf, new Set(created), aggChanged);
    return aggChanged;
  }

  /**
   * Removes a leaf and the categories it leaves empty. The cursor and bookmarks on removed
   * rows move to the row that follows them (and report MAPI_W_POSITION_CHANGED on their
   * next use), unless `moving`: then the caller carries the leaf's anchors to its new place.
   */
  private removeLeaf(leaf: LeafNode, moving = false): Set<CategoryNode> {
    const vanishing = new Set<ViewNode>([leaf]);
    let top: ViewNode = leaf;
    for (let c: CategoryNode | null = leaf.parent; c && c.level >= 0 && c.leafCount === 1; c = c.parent) {
      vanishing.add(c);
      top = c;
    }
    // The row after the vanishing rows, or, when they are collapsed out of view, the row after their heading.
    const topIndex = this.placeOf(top).index;
    const visibleVanishing = [...vanishing].filter((n) => this.isVisible(n));
    const stranded = this.anchors.on(moving ? new Set([...vanishing].filter((n) => n !== leaf)) : vanishing);
    const aggChanged = this.adjustAncestors(leaf, -1, () => leaf.parent.children.delete(leaf));
    for (const n of vanishing) {
      this.byKey.delete(keyHex(n.instanceKey));
      if (n.kind === 'category') (n.parent as CategoryNode).childIndex.delete(n.indexKey);
    }
    if (stranded.length) this.anchors.moveAll(stranded, topIndex >= 0 ? (this.nodeAt(topIndex) ?? null) : null, true);
    for (const n of visibleVanishing.reverse()) {
      if (n === leaf && moving) continue;
      this.emit({ type: 'deleted', instanceKey: n.instanceKey });
    }
    if (!moving) this.reportAncestorsModified(leaf, vanishing, aggChanged);
    return aggChanged;
  }

  /**
   * Changes leaf and unread counts on every ancestor of a leaf around `mutate` (the tree
   * insertion or deletion of the leaf), keeping each ancestor's place and weight right in its
   * parent's tree: a heading's weight depends on its children and its place on its aggregate,
   * so the ancestors are detached bottom-up first (while every tree still finds them under
   * their old keys) and re-attached bottom-up after (so each weight is read complete).
   * Categories left without leaves are not re-attached. Returns the headings whose aggregate
   * (TABLE_SORT_CATEG_MAX/MIN) changed, which may have moved.
   */
  private adjustAncestors(leaf: LeafNode, delta: 1 | -1, mutate: () => void): Set<CategoryNode> {
    const aggChanged = new Set<CategoryNode>();
    const chain: CategoryNode[] = [];
    for (let c: CategoryNode | null = leaf.parent; c && c.level >= 0; c = c.parent) chain.push(c);
    for (const c of chain) (c.parent as CategoryNode).children.delete(c);
    mutate();
    const unread = leaf.unread ? delta : 0;
    for (let c: CategoryNode | null = leaf.parent; c; c = c.parent) {
      c.leafCount += delta;
      c.unreadCount += unread;
    }
    for (const c of chain) {
      if (this.spec.levels[c.level]?.aggregate) {
        const was = valueKey(c.agg);
        c.agg = this.updatedAgg(c, leaf, delta);
        if (valueKey(c.agg) !== was) aggChanged.add(c);
      }
      if (c.leafCount > 0) (c.parent as CategoryNode).children.insert(c);
    }
    return aggChanged;
  }

  /** The aggregate after a leaf joined (+1) or left (-1): O(1) on join, a rescan only when the leaving leaf held the aggregate. */
  private updatedAgg(cat: CategoryNode, leaf: LeafNode, delta: number): SPropValue | undefined {
    const lv = this.spec.levels[cat.level];
    const v = leaf.aggVals[cat.level];
    if (!lv?.aggregate) return undefined;
    if (delta > 0) {
      if (!v) return cat.agg;
      if (!cat.agg) return v;
      const c = compareSortValues(v, cat.agg, false);
      return (lv.aggregate.max ? c > 0 : c < 0) ? v : cat.agg;
    }
    if (v && cat.agg && valueKey(v) === valueKey(cat.agg)) return this.computeAgg(cat);
    return cat.agg;
  }

  /**
   * Reports the visible headings above a leaf as modified (their counts changed), except the
   * ones in `skip`; those in `aggChanged` may have moved with their rows (see emitHeadings).
   */
  private reportAncestorsModified(leaf: LeafNode, skip: Set<ViewNode>, aggChanged: Set<CategoryNode>): void {
    const cats: CategoryNode[] = [];
    for (let c: CategoryNode | null = leaf.parent; c && c.level >= 0; c = c.parent) if (!skip.has(c)) cats.push(c);
    this.emitHeadings(cats, aggChanged);
  }

  /**
   * After leaves moved (they left the headings in `before` and joined those above `leaves`),
   * reports the visible headings whose count, unread count or aggregate changed. Headings
   * created for them were reported as added; emptied ones as deleted.
   */
  private reportChangedHeadings(before: Map<CategoryNode, HeadingStamp>, leaves: LeafNode[], aggChanged: Set<CategoryNode>): void {
    const cats = new Set(before.keys());
    for (const leaf of leaves) {
      for (let c: CategoryNode | null = leaf.parent; c && c.level >= 0; c = c.parent) if (before.has(c) || c.leafCount > 1) cats.add(c);
    }
    const changed: CategoryNode[] = [];
    for (const c of cats) {
      if (c.leafCount === 0) continue;
      const was = before.get(c);
      const now = headingStamp(c);
      if (!was || was.counts !== now.counts || was.agg !== now.agg) changed.push(c);
    }
    this.emitHeadings(changed, aggChanged);
  }

  /**
   * Reports headings as modified, in view order (table_notification.md: "Multiple
   * TABLE_ROW_MODIFIED events are sent in the order that they appear in the table view").
   * A heading in `moved` (its aggregate changed, so it may have moved) is followed by every
   * visible row under it, each with its new propPrior, so a client that applies the
   * notifications one by one moves the whole category.
   */
  private emitHeadings(cats: CategoryNode[], moved: Set<CategoryNode>): void {
    if (!this.listener || !this.wantsChanges()) return;
    const placed = cats.map((c) => ({ c, i: this.indexOf(c) })).filter((x) => x.i >= 0);
    const done = new Set<ViewNode>();
    for (const { c, i } of placed.sort((a, b) => a.i - b.i)) {
      if (done.has(c)) continue;
      done.add(c);
      this.emit({ type: 'modified', node: c });
      if (!moved.has(c) || !c.expanded) continue;
      for (let j = 1; j <= c.children.totalWeight; j++) {
        const n = this.nodeAt(i + j) as ViewNode;
        done.add(n);
        this.emit({ type: 'modified', node: n });
      }
    }
  }

  // ------------------------------------------------------------------ categories

  /** Expands a heading; returns the number of rows that became visible. Anchors stay where they are. */
  expand(cat: CategoryNode): number {
    if (cat.expanded) return 0;
    this.setExpanded(cat, true);
    return this.isVisible(cat) ? cat.children.totalWeight : 0;
  }

  /** Collapses a heading; returns the number of rows removed from the view. Anchors on hidden rows move to the next visible row. */
  collapse(cat: CategoryNode): number {
    if (!cat.expanded) return 0;
    const index = this.indexOf(cat);
    const removed = index >= 0 ? cat.children.totalWeight : 0;
    // collapserow.md: a bookmark on a row collapsed out of view moves to the next visible row.
    const hidden = index >= 0 ? this.anchors.under(cat) : [];
    this.setExpanded(cat, false);
    if (hidden.length) this.anchors.moveAll(hidden, this.nodeAt(index + 1) ?? null, true);
    return removed;
  }

  /** Flips a heading's state and fixes the weights of its ancestors. */
  setExpanded(cat: CategoryNode, expanded: boolean): void {
    cat.expanded = expanded;
    for (let c: CategoryNode = cat; c.parent; c = c.parent) c.parent.children.updateWeight(c);
  }

  /** Every category of the view, depth first in view order. */
  *categories(from: CategoryNode = this.root): IterableIterator<CategoryNode> {
    if (from.level + 1 >= this.spec.levels.length) return;
    for (const c of from.children.values()) {
      yield c as CategoryNode;
      yield* this.categories(c as CategoryNode);
    }
  }

  /** Resolves an anchor to the visible index it stands for. */
  positionOf(a: Anchor): number {
    return this.anchors.positionOf(a);
  }
}

/** True for a tag with MVI_FLAG. */
export function isMviTag(tag: number): boolean {
  return (PROP_TYPE(tag) & MVI_FLAG) === MVI_FLAG;
}

function sameIds(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((t, i) => PROP_ID(t) === PROP_ID(b[i] as number));
}

/** Every leaf under a category. */
export function* leavesUnder(cat: CategoryNode): IterableIterator<LeafNode> {
  for (const n of cat.children.values()) {
    if (n.kind === 'leaf') yield n;
    else yield* leavesUnder(n);
  }
}

