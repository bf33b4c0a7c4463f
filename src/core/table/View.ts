import { WeightedTree } from './WeightedTree.js';
import { CategoryNode, LeafNode, headingStamp, headingStamps, keyHex, nodeWeight, type HeadingStamp, type ViewNode } from './nodes.js';
import { compareInstances, instanceCombos } from './instances.js';
import { type SortSpec, sortMviTags } from './sortSpec.js';
import { compareSortKeys, singleKey, sortKeyOf, type SortKeyValue } from '../props/util/sortKey.js';
import { valueKey } from './valueKey.js';
import { AnchorSet, type Anchor } from './anchors.js';
import { PendingSort } from './pendingSort.js';
import type { RowSource, RowSourceEvent, TableRow } from './RowSource.js';
import type { CompiledRestriction } from '../restriction/compile.js';
import { readStored, type RestrictionTarget } from '../restriction/read.js';
import type { SPropValue } from '../props/types.js';
import { PROP_ID, PROP_TYPE } from '../props/tags.js';
import { MV_FLAG, MVI_FLAG, MSGFLAG_READ, TBL_LEAF_ROW } from '../generated/constants.js';
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
  /** Sorted flat views of at least this many rows sort lazily (see PendingSort); tests lower it to exercise that path. */
  static lazyMinRows = 1024;
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
  /** Natural order of the next row appended to the source. */
  private nextSeq = 0;
  private nextCategorySeq = 0;
  /**
   * Lookup indexes (nodes by instance key hex, leaves by source row), built on first need and
   * kept up to date after: a rebuild for a one-off query does not pay for them.
   */
  private idx: { byKey: Map<string, ViewNode>; byRow: Map<string, LeafNode[]> } | null = null;
  /**
   * The leaves of a sorted, uncategorized view, not yet in order: a query of the first pages
   * selects just those rows (nodeAt, extendPrefix); anything else sorts them all into the
   * tree first (settle). Count and first page then cost O(n), like a database's top-k.
   */
  private pending: PendingSort | null = null;
  /** While a batch of source events is applied: the source's order as of each of them (see apply). */
  private orderAt: OrderReplay | null = null;
  /** Index of the event being applied in its batch. */
  private eventIndex = 0;
  /** Category value ids and keys of strings, for the current build (see cachedId). */
  private idCache = new Map<string, string>();
  private idCache8 = new Map<string, string>();
  /** Category value ids of integers, by property type then value. */
  private idCacheInt = new Map<number, Map<number, string>>();
  private keyCache = new Map<string, SortKeyValue>();
  /** Sort-key readers of the leaf key columns, made once per rebuild (see keyReader). */
  private leafKeyFns: ((leaf: LeafNode) => SortKeyValue | undefined)[] = [];
  /** A reusable restriction target over a bare row, so rows a restriction rejects make no leaf. */
  private readonly probe: { row: TableRow | null; target: RestrictionTarget };
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
    const probe: { row: TableRow | null; target: RestrictionTarget } = {
      row: null,
      target: {
        get: (tag: number) => this.bareRowValue(probe.row as TableRow, tag),
        subObjects: (sub: number) => probe.row?.subObjects?.(sub),
      },
    };
    this.probe = probe;
    this.rebuild();
    this.unsubscribe = source.subscribe((events, coalesce, startKeys) => this.apply(events, coalesce, startKeys));
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
    return this.pending ? this.pending.length : this.root.children.totalWeight;
  }

  /** The visible row at `index`, or undefined past the end. */
  nodeAt(index: number): ViewNode | undefined {
    if (this.pending) {
      if (this.pending.canServe(index)) return this.pending.at(index);
      this.settle();
    }
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
    if (this.pending) {
      const p = node.kind === 'leaf' ? this.pending.positionOf(node) : undefined;
      if (p !== undefined) return p;
      this.settle();
    }
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
    return this.index().byKey.get(keyHex(key));
  }

  /** Puts every pending row in order into the tree (anything beyond the first pages needs it). */
  private settle(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    this.root.children = WeightedTree.from<ViewNode>(pending.sortedLeaves(), this.nodeComparator(0), nodeWeight);
  }

  /** The lookup indexes, built now if this is their first use since the last rebuild. */
  private index(): { byKey: Map<string, ViewNode>; byRow: Map<string, LeafNode[]> } {
    this.settle();
    if (this.idx) return this.idx;
    const byKey = new Map<string, ViewNode>();
    const byRow = new Map<string, LeafNode[]>();
    const walk = (c: CategoryNode) => {
      for (const n of c.children.values()) {
        byKey.set(keyHex(n.instanceKey), n);
        if (n.kind === 'category') walk(n);
        else {
          const list = byRow.get(n.row.key);
          if (list) list.push(n);
          else byRow.set(n.row.key, [n]);
        }
      }
    };
    walk(this.root);
    this.idx = { byKey, byRow };
    return this.idx;
  }

  /** What a restriction reads on a row before it has a leaf (a view without MVI columns: one leaf per row, instance ''). */
  private bareRowValue(row: TableRow, tag: number): SPropValue | undefined {
    const id = PROP_ID(tag);
    if (id === PROP_ID(PR_INSTANCE_KEY)) {
      const own = row.props.get(id);
      return { ulPropTag: PR_INSTANCE_KEY, Value: own && own.Value instanceof Uint8Array ? own.Value : this.instanceKeyFor(`L${row.key}\u0001`) };
    }
    if (tag === PR_ROW_TYPE) return { ulPropTag: PR_ROW_TYPE, Value: TBL_LEAF_ROW };
    if (tag === PR_DEPTH && this.spec.levels.length > 0) return { ulPropTag: PR_DEPTH, Value: this.spec.levels.length };
    return row.props.get(id);
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
    const row = leaf.row;
    return {
      get: (tag: number) => this.leafValue(leaf, tag),
      ...(row.subObjects && { subObjects: (s: number) => row.subObjects?.(s) }),
    };
  }

  /** One property of a leaf as restrictions and sort keys read it (see leafTarget). */
  private leafValue(leaf: LeafNode, tag: number): SPropValue | undefined {
    const id = PROP_ID(tag);
    if (isMviTag(tag)) {
      const i = this.mviTags.findIndex((t) => PROP_ID(t) === id);
      if (i >= 0) return leaf.mviValues[i];
    }
    if (id === PROP_ID(PR_INSTANCE_KEY)) return { ulPropTag: PR_INSTANCE_KEY, Value: leaf.instanceKey };
    if (tag === PR_ROW_TYPE) return { ulPropTag: PR_ROW_TYPE, Value: TBL_LEAF_ROW };
    if (tag === PR_DEPTH && this.spec.levels.length > 0) return { ulPropTag: PR_DEPTH, Value: this.spec.levels.length };
    return leaf.row.props.get(id);
  }

  /**
   * A sort or category key's value for a leaf, read as QueryRows reads the column
   * (imapitable-queryrows.md): converted to the key's type (a row storing PT_STRING8 sorts with
   * rows storing PT_UNICODE), or missing, and so sorted last (ssortorder.md), when the row has
   * no value of that type.
   */
  private keyValue(leaf: LeafNode, tag: number): SPropValue | undefined {
    const stored = this.leafValue(leaf, tag);
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
    this.leafKeyFns = this.spec.leafKeys.map((k) => this.keyReader(k.tag));
    this.idx = null;
    this.idCache = new Map();
    this.idCache8 = new Map();
    this.idCacheInt = new Map();
    this.keyCache = new Map();
    this.restriction?.reset();
    const leaves: LeafNode[] = [];
    const r = this.restriction;
    const bare = this.mviTags.length === 0;
    // A flat view without MVI columns defers its leaves (see PendingSort).
    const lazy = bare && this.spec.levels.length === 0;
    let lazyRows: TableRow[] = [];
    // A categorized view without MVI columns groups its rows, not leaves (see groupRow).
    const top = new Map<string, RowGroup>();
    let unread = 0;
    // The natural order is the row source's order as it is now.
    let seq = 0;
    if (lazy && !r) {
      // No restriction: every row, in source order (one copy, no per-row work).
      lazyRows = Array.from(this.source.rows());
      seq = lazyRows.length;
    } else for (const row of this.source.rows()) {
      const at = seq++;
      if (bare) {
        // One leaf per row: test the row first, so rejected rows cost no allocation.
        if (r) {
          this.probe.row = row;
          if (!r.matches(this.probe.target)) continue;
        }
        if (lazy) {
          lazyRows.push(row);
          continue;
        }
        // A categorized build groups rows by category; a group's leaves are made and ordered
        // only when it is first read (CategoryNode.deferLeaves).
        if (this.groupRow(top, row, at)) unread++;
        continue;
      }
      for (const leaf of this.makeLeaves(row, at)) if (this.passes(leaf)) leaves.push(leaf);
    }
    this.probe.row = null;
    this.nextSeq = seq;
    this.root = this.newCategory(-1, [], null, '', true);
    this.pending = null;
    if (lazy) {
      this.pending = this.pendingSort(lazyRows);
      this.root.leafCount = lazyRows.length;
      if (lazyRows.length < View.lazyMinRows) this.settle();
    } else if (bare) {
      let count = 0;
      for (const g of top.values()) count += g.count;
      this.root.leafCount = count;
      this.root.unreadCount = unread;
      this.buildGroups(this.root, top);
    } else {
      this.buildLevel(this.root, leaves);
    }
    this.anchors.reset();
  }

  /**
   * Puts a row of a categorized view without MVI columns in its group at each level (made on
   * its first row), counting it there; returns whether it is unread. Category ids are read
   * once per distinct value (cachedId), so a row costs a few lookups and no leaf.
   */
  private groupRow(top: Map<string, RowGroup>, row: TableRow, seq: number): boolean {
    const levels = this.spec.levels;
    const unread = isUnread(row);
    let map = top;
    for (let l = 0; l < levels.length; l++) {
      const keys = (levels[l] as { keys: { tag: number }[] }).keys;
      let id = '';
      for (let i = 0; i < keys.length; i++) {
        const v = this.rowKeyValue(row, (keys[i] as { tag: number }).tag);
        id = i === 0 ? this.cachedId(v) : `${id}\u0002${this.cachedId(v)}`;
      }
      let g = map.get(id);
      if (!g) {
        g = { values: keys.map((k) => this.rowKeyValue(row, k.tag)), sub: l + 1 < levels.length ? new Map() : null, rows: [], seqs: [], count: 0, unread: 0 };
        map.set(id, g);
      }
      g.count++;
      if (unread) g.unread++;
      if (g.sub) map = g.sub;
      else {
        g.rows.push(row);
        g.seqs.push(seq);
      }
    }
    return unread;
  }

  /**
   * Builds the headings of `parent`'s children from row groups (see groupRow), in the order
   * and with the counts, aggregates and instance keys buildLevel gives the same rows as
   * leaves; a last-level group's leaves are made when it is first read.
   */
  private buildGroups(parent: CategoryNode, groups: Map<string, RowGroup>): void {
    const level = parent.level + 1;
    const cats: CategoryNode[] = [];
    for (const [k, g] of groups) {
      const cat = this.newCategory(level, g.values, parent, k, level < this.spec.cExpanded);
      cat.keys = g.values.map((v) => this.cachedKey(v));
      cat.leafCount = g.count;
      cat.unreadCount = g.unread;
      if (g.sub) this.buildGroups(cat, g.sub);
      else this.deferRows(cat, g.rows, g.seqs);
      this.addBuiltCategory(parent, k, cat, cats);
    }
    this.placeBuiltCategories(parent, level, cats);
  }

  /** Defers a last-level category's leaves: made from its rows (one each) and ordered on first read. */
  private deferRows(cat: CategoryNode, rows: TableRow[], seqs: number[]): void {
    cat.deferLeaves({
      count: rows.length,
      leaves: null,
      rows,
      order: () => {
        // The leaves' category ids are the ids of the categories above them.
        const catIds: string[] = new Array(this.spec.levels.length);
        for (let c: CategoryNode | null = cat; c && c.level >= 0; c = c.parent) catIds[c.level] = c.indexKey;
        const leaves: LeafNode[] = new Array(rows.length);
        for (let i = 0; i < rows.length; i++) {
          const leaf = new LeafNode(rows[i] as TableRow, '', seqs[i] as number, NO_VALUES, this);
          leaf.parent = cat;
          this.fillLeaf(leaf, true, catIds);
          leaves[i] = leaf;
        }
        return this.orderedLeaves(leaves, cat.level + 1);
      },
    });
  }

  /** A last-level group's leaves in leaf order, in a tree (their sort keys read now). */
  private orderedLeaves(group: LeafNode[], level: number): WeightedTree<ViewNode> {
    this.fillSortKeys(group);
    group.sort((a, b) => this.compareLeaves(a, b));
    return WeightedTree.from<ViewNode>(group, this.nodeComparator(level), nodeWeight);
  }

  /**
   * Builds the children tree of `parent` from its leaves: at the last level the leaves in
   * leaf order; above, the leaves grouped by their category at this level (a hash grouping,
   * so only each group's leaves are sorted, never the whole view), the headings in order.
   */
  private buildLevel(parent: CategoryNode, leaves: LeafNode[]): void {
    const level = parent.level + 1;
    for (const l of leaves) {
      parent.leafCount++;
      if (l.unread) parent.unreadCount++;
    }
    if (level >= this.spec.levels.length) {
      for (const l of leaves) l.parent = parent;
      // Under a heading, the group is ordered when first read (CategoryNode.deferLeaves).
      if (parent.level >= 0) parent.deferLeaves({ count: leaves.length, leaves, rows: [], order: () => this.orderedLeaves(leaves, level) });
      else parent.children = this.orderedLeaves(leaves, level);
      return;
    }
    const groups = new Map<string, LeafNode[]>();
    for (const l of leaves) {
      const k = l.catIds[level] as string;
      const g = groups.get(k);
      if (g) g.push(l);
      else groups.set(k, [l]);
    }
    const cats: CategoryNode[] = [];
    for (const [k, group] of groups) {
      const values = this.levelValues(group[0] as LeafNode, level);
      const cat = this.newCategory(level, values, parent, k, level < this.spec.cExpanded);
      cat.keys = values.map((v) => this.cachedKey(v));
      this.buildLevel(cat, group);
      this.addBuiltCategory(parent, k, cat, cats);
    }
    this.placeBuiltCategories(parent, level, cats);
  }

  /** A category just built under `parent`: its aggregate, and its place in the parent's index and in `cats`. */
  private addBuiltCategory(parent: CategoryNode, indexKey: string, cat: CategoryNode, cats: CategoryNode[]): void {
    this.setAgg(cat, this.computeAgg(cat));
    parent.childIndex.set(indexKey, cat);
    cats.push(cat);
  }

  /** The categories built at `level` under `parent`, ordered into its children tree. */
  private placeBuiltCategories(parent: CategoryNode, level: number, cats: CategoryNode[]): void {
    const cmp = this.nodeComparator(level);
    cats.sort(cmp);
    parent.children = WeightedTree.from<ViewNode>(cats, cmp, nodeWeight);
  }

  private newCategory(level: number, values: (SPropValue | undefined)[], parent: CategoryNode | null, indexKey: string, expanded: boolean): CategoryNode {
    const path = parent ? `${parent.path}\u0003${indexKey}` : '';
    const key = this.instanceKeyFor(`C${path}`);
    const c = new CategoryNode(level, values, parent, path, indexKey, this.nextCategorySeq++, key, expanded);
    if (level >= 0) this.idx?.byKey.set(keyHex(key), c);
    else c.children = new WeightedTree<ViewNode>(this.nodeComparator(0), nodeWeight);
    return c;
  }

  /** The stable PR_INSTANCE_KEY of an identity in this view (`L<row>\u0001<instance>` or `C<path>`). */
  instanceKeyFor(id: string): Uint8Array {
    let k = this.instanceKeys.get(id);
    if (!k) {
      const n = this.nextInstanceKey++;
      k = new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
      this.instanceKeys.set(id, k);
    }
    return k;
  }

  /** The leaves of a source row at natural position `seq`: one, or one per combination of its MVI columns' values. */
  private makeLeaves(row: TableRow, seq: number): LeafNode[] {
    const combos = instanceCombos(row, this.mviTags, this.codePage);
    return combos.map(({ id, positions, values }) => {
      const leaf = new LeafNode(row, id, seq, values, this);
      leaf.positions = positions;
      this.fillLeaf(leaf);
      return leaf;
    });
  }

  /** The deferred sort of a flat view's rows: key columns read once per row, leaves made on demand. */
  private pendingSort(rows: TableRow[]): PendingSort {
    // Read from the rows, not through a reused leaf: a leaf caches what it computes (PR_INSTANCE_KEY).
    const keyFns = this.spec.leafKeys.map((k) => this.rowKeyReader(k.tag));
    const cols: (SortKeyValue | undefined)[][] = keyFns.map(() => new Array(rows.length));
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as TableRow;
      for (let c = 0; c < keyFns.length; c++) (cols[c] as (SortKeyValue | undefined)[])[i] = (keyFns[c] as (r: TableRow) => SortKeyValue | undefined)(row);
    }
    const desc = this.spec.leafKeys.map((k) => k.desc);
    // The natural order of a pending row is its index: rows are kept in source order, and new
    // rows come after them (nextSeq), so positions stay comparable with later leaves.
    return new PendingSort(rows.length, cols, desc, compareKeyed, (i) => {
      const leaf = new LeafNode(rows[i] as TableRow, '', i, NO_VALUES, this);
      leaf.parent = this.root;
      leaf.sortKeys = cols.map((col) => col[i]);
      this.fillUnread(leaf);
      return leaf;
    });
  }

  /**
   * A reader of one sort column's key for a leaf: the key of the value keyValue reads
   * (converted to the column's type, missing when it cannot be). For a plain column it reads
   * the row's property directly, the hot path of building a sorted view of many rows.
   */
  private keyReader(tag: number): (leaf: LeafNode) => SortKeyValue | undefined {
    const id = PROP_ID(tag);
    const type = PROP_TYPE(tag);
    const special = isMviTag(tag) || id === PROP_ID(PR_INSTANCE_KEY) || tag === PR_ROW_TYPE || tag === PR_DEPTH || (type & MV_FLAG) !== 0;
    if (special) return (leaf) => keyOf(this.keyValue(leaf, tag));
    return (leaf) => {
      const v = leaf.row.props.get(id);
      if (v === undefined) return undefined;
      if ((v.ulPropTag & 0xffff) === type) return singleKey(type, v.Value);
      return keyOf(this.keyValue(leaf, tag));
    };
  }

  /** keyReader for the single leaf of a row in a view without MVI columns, reading the row itself (rowKeyValue). */
  private rowKeyReader(tag: number): (row: TableRow) => SortKeyValue | undefined {
    const id = PROP_ID(tag);
    const type = PROP_TYPE(tag);
    const special = isMviTag(tag) || id === PROP_ID(PR_INSTANCE_KEY) || tag === PR_ROW_TYPE || tag === PR_DEPTH || (type & MV_FLAG) !== 0;
    if (special) return (row) => keyOf(this.rowKeyValue(row, tag));
    return (row) => {
      const v = row.props.get(id);
      if (v === undefined) return undefined;
      if ((v.ulPropTag & 0xffff) === type) return singleKey(type, v.Value);
      return keyOf(this.rowKeyValue(row, tag));
    };
  }

  /** Computes a leaf's frozen category and sort values, aggregate inputs and unread flag from its row. */
  private fillLeaf(leaf: LeafNode, deferSortKeys = false, knownCatIds?: string[]): void {
    const { levels, leafKeys } = this.spec;
    if (levels.length && knownCatIds) {
      leaf.catIds = knownCatIds;
      if (levels.some((l) => l.aggregate)) {
        leaf.aggVals = levels.map((l) => (l.aggregate ? this.keyValue(leaf, l.aggregate.tag) : undefined));
        leaf.aggKeys = leaf.aggVals.map(keyOf);
      }
    } else if (levels.length) {
      // Plain loops: this runs once per row of a categorized build. A leaf keeps only the
      // identity of its category at each level; the category's values and keys are read once,
      // when the category is made (categoryValues).
      const n = levels.length;
      const catIds: string[] = new Array(n);
      let anyAgg = false;
      for (let l = 0; l < n; l++) {
        const keys = (levels[l] as { keys: { tag: number }[] }).keys;
        let id = '';
        for (let i = 0; i < keys.length; i++) {
          const v = this.keyValue(leaf, (keys[i] as { tag: number }).tag);
          id = i === 0 ? this.cachedId(v) : `${id}\u0002${this.cachedId(v)}`;
        }
        catIds[l] = id;
        if (levels[l]?.aggregate) anyAgg = true;
      }
      leaf.catIds = catIds;
      if (anyAgg) {
        leaf.aggVals = levels.map((l) => (l.aggregate ? this.keyValue(leaf, l.aggregate.tag) : undefined));
        leaf.aggKeys = leaf.aggVals.map(keyOf);
      }
    }
    if (leafKeys.length && !(deferSortKeys && levels.length)) this.fillSortKeys([leaf]);
    this.fillUnread(leaf);
  }

  /** Reads the leaf sort keys of leaves that have none yet (from their current rows). */
  private fillSortKeys(leaves: readonly LeafNode[]): void {
    const fns = this.leafKeyFns;
    if (fns.length === 0) return;
    for (const leaf of leaves) {
      if (leaf.sortKeys.length === fns.length) continue;
      const keys: (SortKeyValue | undefined)[] = new Array(fns.length);
      for (let i = 0; i < fns.length; i++) keys[i] = (fns[i] as (l: LeafNode) => SortKeyValue | undefined)(leaf);
      leaf.sortKeys = keys;
    }
  }

  /**
   * valueKey and sort key of a category value, remembered per string for the current build:
   * category columns repeat a few values (senders, conversation topics) over many rows, and a
   * string's key (case and accent levels, NFD) is the costly part of a categorized build.
   */
  private cachedId(v: SPropValue | undefined): string {
    if (v === undefined) return valueKey(v);
    const x = v.Value;
    if (typeof x === 'number' && Number.isInteger(x)) {
      const type = v.ulPropTag & 0xffff;
      let byValue = this.idCacheInt.get(type);
      if (!byValue) this.idCacheInt.set(type, (byValue = new Map()));
      let id = byValue.get(x);
      // -0 is 0 (valueKey), and a Map takes -0 for 0 too.
      if (id === undefined) byValue.set(x, (id = `${type.toString(16)}:n${x}`));
      return id;
    }
    if (typeof x !== 'string') return valueKey(v);
    // Per type: PT_STRING8 and PT_UNICODE values of the same text have different ids.
    const byType = (v.ulPropTag & 0xffff) === 0x1f ? this.idCache : this.idCache8;
    let id = byType.get(x);
    if (id === undefined) byType.set(x, (id = valueKey(v)));
    return id;
  }

  private cachedKey(v: SPropValue | undefined): SortKeyValue | undefined {
    if (v === undefined || typeof v.Value !== 'string') return keyOf(v);
    let key = this.keyCache.get(v.Value);
    if (key === undefined) this.keyCache.set(v.Value, (key = keyOf(v) as SortKeyValue));
    return key;
  }

  /** PR_CONTENT_UNREAD counts leaves whose PR_MESSAGE_FLAGS lacks MSGFLAG_READ. */
  private fillUnread(leaf: LeafNode): void {
    leaf.unread = isUnread(leaf.row);
  }

  /** keyValue for the single leaf of a row in a view without MVI columns, without making the leaf. */
  private rowKeyValue(row: TableRow, tag: number): SPropValue | undefined {
    const stored = this.bareRowValue(row, tag);
    if (!stored) return undefined;
    const type = isMviTag(tag) ? PROP_TYPE(tag) & ~MVI_FLAG : PROP_TYPE(tag);
    return readStored(stored, type, this.codePage);
  }

  private passes(leaf: LeafNode): boolean {
    return !this.restriction || this.restriction.matches(this.leafTarget(leaf));
  }

  /** The values of a level's key columns for a leaf. */
  private levelValues(leaf: LeafNode, level: number): (SPropValue | undefined)[] {
    return (this.spec.levels[level]?.keys ?? []).map((k) => this.keyValue(leaf, k.tag));
  }

  /** Comparator of the nodes in a tree at `level` (categories of that level, or leaves past the last level). */
  private nodeComparator(level: number): (a: ViewNode, b: ViewNode) => number {
    const lv = this.spec.levels[level];
    if (!lv) return (a, b) => this.compareLeaves(a as LeafNode, b as LeafNode);
    return (a, b) => {
      const x = a as CategoryNode;
      const y = b as CategoryNode;
      if (lv.aggregate) {
        const c = compareKeyed(x.aggKey, y.aggKey, lv.aggregate.desc);
        if (c) return c;
      }
      for (let i = 0; i < lv.keys.length; i++) {
        const c = compareKeyed(x.keys[i], y.keys[i], (lv.keys[i] as { desc: boolean }).desc);
        if (c) return c;
      }
      return x.seq - y.seq;
    };
  }

  /** Leaf order inside a category: leaf keys, then natural order, then instance. */
  private compareLeaves(a: LeafNode, b: LeafNode): number {
    const keys = this.spec.leafKeys;
    for (let i = 0; i < keys.length; i++) {
      const c = compareKeyed(a.sortKeys[i], b.sortKeys[i], (keys[i] as { desc: boolean }).desc);
      if (c) return c;
    }
    if (a.seq !== b.seq) return a.seq - b.seq;
    if (a.row.key !== b.row.key) {
      // Two rows share a natural position only for a moment, inside a batch of source changes
      // (a row placed by seqByScan next to one the batch deletes later): any fixed order will do.
      return a.row.key < b.row.key ? -1 : 1;
    }
    return compareInstances(a.positions, b.positions);
  }

  /** Sets a heading's aggregate and its sort key (only while it is out of its parent's tree). */
  private setAgg(cat: CategoryNode, v: SPropValue | undefined): void {
    cat.agg = v;
    cat.aggKey = keyOf(v);
  }

  /** The aggregate (max or min of the level's aggregate column over the category's leaves). */
  private computeAgg(cat: CategoryNode): SPropValue | undefined {
    const lv = this.spec.levels[cat.level];
    if (!lv?.aggregate) return undefined;
    const { tag, max } = lv.aggregate;
    const level = cat.level;
    let bestKey: SortKeyValue | undefined;
    let best: SPropValue | undefined;
    const consider = (k: SortKeyValue | undefined, v: SPropValue | undefined) => {
      if (k === undefined) return;
      // max: the value that sorts last ascending; missing values never win; the first of equals does.
      const c = bestKey === undefined ? 0 : compareSortKeys(k, bestKey);
      if (bestKey === undefined || (max ? c > 0 : c < 0)) {
        bestKey = k;
        best = v;
      }
    };
    // Every leaf under the category, in view order (a deferred group's in natural order).
    const walk = (c: CategoryNode): void => {
      const d = c.deferredLeaves;
      if (d) {
        if (d.leaves) for (const leaf of d.leaves) consider(leaf.aggKeys[level], leaf.aggVals[level]);
        else
          for (const row of d.rows) {
            const v = this.rowKeyValue(row, tag);
            consider(keyOf(v), v);
          }
        return;
      }
      for (const n of c.children.values()) {
        if (n.kind === 'leaf') consider(n.aggKeys[level], n.aggVals[level]);
        else walk(n);
      }
    };
    walk(cat);
    return best;
  }

  // ------------------------------------------------------------------ incremental changes

  /** Applies a batch of row-source events (`startKeys`: the source's order before them, see RowSourceListener). */
  private apply(events: readonly RowSourceEvent[], coalesce: boolean, startKeys?: readonly string[]): void {
    this.settle();
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
    this.orderAt = events.length > 1 && startKeys ? new OrderReplay(startKeys, events) : null;
    try {
      for (let i = 0; i < events.length; i++) {
        const e = events[i] as RowSourceEvent;
        this.eventIndex = i;
        this.buffered = [];
        try {
          if (e.kind === 'added') this.rowAdded(e.row, e.before);
          else if (e.kind === 'deleted') this.rowDeleted(e.key);
          else if (e.kind === 'modified') this.rowModified(e.row);
        } finally {
          this.flushChanges();
        }
      }
    } finally {
      this.listener = saved;
      this.orderAt = null;
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

  private rowAdded(row: TableRow, before: string | undefined): void {
    const byRow = this.index().byRow;
    if (byRow.has(row.key)) {
      this.rowModified(row);
      return;
    }
    // A row appended to the source comes after every row; one inserted before another finds its place.
    const seq = before === undefined ? this.nextSeq++ : (this.seqBefore(before) ?? this.seqByScan(row.key));
    const leaves = this.makeLeaves(row, seq).filter((l) => this.passes(l));
    if (!leaves.length) return;
    byRow.set(row.key, leaves);
    for (const l of leaves) this.insertLeaf(l);
  }

  /**
   * The natural position of a row that has no leaf yet, from its place in the source's order:
   * between the leaves of the rows around it (positions are numbers, not ranks, so no other
   * leaf moves; when the gap is too narrow for a double, every leaf is renumbered first).
   * O(rows): only for rows inserted mid-source or entering the view by a modification.
   */
  private seqByScan(key: string): number {
    const byRow = this.index().byRow;
    let prev: number | undefined;
    let found = false;
    for (const k of this.sourceKeys()) {
      if (k === key) {
        found = true;
        continue;
      }
      const leaves = byRow.get(k);
      if (!leaves) continue;
      const s = (leaves[0] as LeafNode).seq;
      if (!found) {
        prev = s;
        continue;
      }
      if (prev === undefined) return s - 1;
      // The source's order disagrees with the view's (a change the view has not applied yet):
      // no gap to split, and respacing would not make one. A tie is ordered by key.
      if (!(prev < s)) return prev;
      const mid = prev + (s - prev) / 2;
      if (mid > prev && mid < s) return mid;
      this.renumber();
      return this.seqByScan(key);
    }
    return this.nextSeq++;
  }

  /** The source's row keys in natural order as of the event being applied. */
  private *sourceKeys(): Iterable<string> {
    if (this.orderAt) {
      yield* this.orderAt.through(this.eventIndex);
      return;
    }
    for (const r of this.source.rows()) yield r.key;
  }

  /**
   * The natural position just before the row keyed `key` when that row is in the view: between
   * it and the view's row before it. Unlike seqByScan this reads only the view, so it is right
   * inside a batch too, where the source already holds the batch's later changes. O(rows).
   */
  private seqBefore(key: string): number | undefined {
    const byRow = this.index().byRow;
    const at = byRow.get(key)?.[0];
    if (!at) return undefined;
    let prev: number | undefined;
    for (const leaves of byRow.values()) {
      const s = (leaves[0] as LeafNode).seq;
      if (s < at.seq && (prev === undefined || s > prev)) prev = s;
    }
    if (prev === undefined) return at.seq - 1;
    const mid = prev + (at.seq - prev) / 2;
    if (mid > prev && mid < at.seq) return mid;
    this.renumber();
    return this.seqBefore(key);
  }

  /**
   * Gives the leaves positions 0, 1, 2, ... in their current natural order, which does not
   * change (the source's order may be ahead of the view inside a batch, so it is not used).
   */
  private renumber(): void {
    const firsts = [...this.index().byRow.values()].map((leaves) => leaves[0] as LeafNode);
    // The order compareLeaves gives rows of equal sort keys: position, then key.
    firsts.sort((a, b) => a.seq - b.seq || (a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0));
    const rows = firsts.map((l) => this.index().byRow.get(l.row.key) as LeafNode[]);
    let seq = 0;
    for (const leaves of rows) {
      for (const l of leaves) l.seq = seq;
      seq++;
    }
    this.nextSeq = seq;
  }

  private rowDeleted(key: string): void {
    const byRow = this.index().byRow;
    const leaves = byRow.get(key);
    if (!leaves) return;
    byRow.delete(key);
    for (const l of leaves) this.removeLeaf(l);
  }

  /**
   * A row changed: instances that keep their place are updated in place, the others are
   * taken out first (so none collides with another instance of the row on its way) and put
   * back where they now belong, reported as modified; instances that appeared or went are
   * added or deleted.
   */
  private rowModified(row: TableRow): void {
    const byRow = this.index().byRow;
    const old = byRow.get(row.key) ?? [];
    const seq = old.length ? (old[0] as LeafNode).seq : this.seqByScan(row.key);
    const fresh = this.makeLeaves(row, seq).filter((l) => this.passes(l));
    const oldById = new Map(old.map((l) => [l.instance, l]));
    const freshIds = new Set(fresh.map((l) => l.instance));
    for (const gone of old) if (!freshIds.has(gone.instance)) this.removeLeaf(gone);
    const moving = new Map<LeafNode, { prev: LeafNode; following: Anchor[]; wasVisible: boolean; pinned: CategoryNode[] }>();
    const before = new Map<CategoryNode, HeadingStamp>();
    const aggChanged = new Set<CategoryNode>();
    for (const f of fresh) {
      const prev = oldById.get(f.instance);
      if (!prev || this.samePlace(prev, f)) continue;
      for (const [c, stamp] of headingStamps(prev)) if (!before.has(c)) before.set(c, stamp);
      // The same row moved: the cursor and bookmarks on it follow it to its new place. The
      // categories it stays in are pinned (one more leaf while it is out), so they are not
      // taken out and made again: they keep their collapsed state, anchors and instance keys.
      const pinned = this.ancestorsKept(prev, f);
      for (const c of pinned) c.leafCount++;
      moving.set(f, { prev, following: this.anchors.on(new Set([prev])), wasVisible: this.isVisible(prev), pinned });
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
        for (const c of move.pinned) c.leafCount--;
        // about-table-notifications.md: only rows of the view are notified; a row moving
        // into a collapsed category leaves the view, one moving out of it joins it.
        if (move.wasVisible && !this.isVisible(f)) this.emit({ type: 'deleted', instanceKey: f.instanceKey });
        this.anchors.moveAll(move.following, f, false);
        for (const c of changed) aggChanged.add(c);
      }
      kept.push(f);
    }
    if (moving.size) this.reportChangedHeadings(before, [...moving.keys()], aggChanged);
    if (kept.length) byRow.set(row.key, kept);
    else byRow.delete(row.key);
  }

  /** The categories above a leaf that its new version stays in (the leading levels whose category is the same). */
  private ancestorsKept(prev: LeafNode, next: LeafNode): CategoryNode[] {
    let common = 0;
    while (common < this.spec.levels.length && prev.catIds[common] === next.catIds[common]) common++;
    const kept: CategoryNode[] = [];
    for (let c: CategoryNode | null = prev.parent; c && c.level >= 0; c = c.parent) if (c.level < common) kept.push(c);
    return kept;
  }

  /** True when a modified leaf keeps its category and its place among its siblings. */
  private samePlace(prev: LeafNode, next: LeafNode): boolean {
    for (let level = 0; level < this.spec.levels.length; level++) {
      if (prev.catIds[level] !== next.catIds[level]) return false;
      if (valueKey(prev.aggVals[level]) !== valueKey(next.aggVals[level])) return false;
    }
    if (compareInstances(prev.positions, next.positions) !== 0) return false;
    // A leaf of a group not yet ordered has no sort keys and no place yet: it gets its keys from
    // the row it holds when the group is ordered, so taking the new row in place is right.
    return prev.sortKeys.every((k, i) => compareKeyed(k, next.sortKeys[i], false) === 0);
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
    this.idx?.byKey.set(keyHex(leaf.instanceKey), leaf);
    let parent = this.root;
    const created: CategoryNode[] = [];
    for (let level = 0; level < this.spec.levels.length; level++) {
      const values = this.levelValues(leaf, level);
      const k = leaf.catIds[level] as string;
      let cat = parent.childIndex.get(k);
      if (!cat) {
        cat = this.newCategory(level, values, parent, k, level < this.spec.cExpanded);
        cat.keys = values.map(keyOf);
        cat.children = new WeightedTree<ViewNode>(this.nodeComparator(level + 1), nodeWeight);
        this.setAgg(cat, leaf.aggVals[level]);
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
      this.idx?.byKey.delete(keyHex(n.instanceKey));
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
        this.setAgg(c, this.updatedAgg(c, leaf, delta));
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
    const k = leaf.aggKeys[cat.level];
    if (delta > 0) {
      if (!v || k === undefined) return cat.agg;
      if (cat.aggKey === undefined) return v;
      const c = compareSortKeys(k, cat.aggKey);
      return (lv.aggregate.max ? c > 0 : c < 0) ? v : cat.agg;
    }
    if (k !== undefined && cat.aggKey !== undefined && compareSortKeys(k, cat.aggKey) === 0) return this.computeAgg(cat);
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
      for (let j = 1; j <= c.childWeight; j++) {
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
    return this.isVisible(cat) ? cat.childWeight : 0;
  }

  /** Collapses a heading; returns the number of rows removed from the view. Anchors on hidden rows move to the next visible row. */
  collapse(cat: CategoryNode): number {
    if (!cat.expanded) return 0;
    const index = this.indexOf(cat);
    const removed = index >= 0 ? cat.childWeight : 0;
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

/** A category of a categorized view without MVI columns while it is built from rows (see View.groupRow). */
interface RowGroup {
  /** The values of the level's key columns, read from the group's first row. */
  values: (SPropValue | undefined)[];
  /** Sub-groups by category id, above the last level (null at the last level). */
  sub: Map<string, RowGroup> | null;
  /** The rows of a last-level group, in natural order. */
  rows: TableRow[];
  /** Their natural positions. */
  seqs: number[];
  /** Rows under the group, at any depth. */
  count: number;
  /** Unread rows under the group. */
  unread: number;
}

/** PR_CONTENT_UNREAD counts rows whose PR_MESSAGE_FLAGS lacks MSGFLAG_READ (a row without it is read). */
function isUnread(row: TableRow): boolean {
  const flags = row.props.get(PROP_ID(PR_MESSAGE_FLAGS));
  return !!flags && PROP_TYPE(flags.ulPropTag) === PROP_TYPE(PR_MESSAGE_FLAGS) && ((flags.Value as number) & MSGFLAG_READ) === 0;
}

/** The MVI values of a leaf of a view without MVI columns (shared, never written). */
const NO_VALUES: (SPropValue | undefined)[] = [];

/** The sort key of a value, or undefined for a missing one. */
function keyOf(v: SPropValue | undefined): SortKeyValue | undefined {
  return v === undefined ? undefined : sortKeyOf(v);
}

/**
 * Compares two sort keys for sorting: LPropCompareProp's order (through the precomputed keys),
 * with missing values after every present value in both directions (ssortorder.md: "all NULL
 * entries positioned last").
 */
export function compareKeyed(a: SortKeyValue | undefined, b: SortKeyValue | undefined, desc: boolean): number {
  if (a === undefined || b === undefined) return a !== undefined ? -1 : b !== undefined ? 1 : 0;
  let c: number;
  // Strings and bigints (the common keys) compare directly; numbers may be NaN, arrays are tuples.
  if (typeof a === 'string' || typeof a === 'bigint') c = a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  else c = compareSortKeys(a, b);
  return desc ? -c : c;
}

/** True for a tag with MVI_FLAG. */
export function isMviTag(tag: number): boolean {
  return (PROP_TYPE(tag) & MVI_FLAG) === MVI_FLAG;
}

function sameIds(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((t, i) => PROP_ID(t) === PROP_ID(b[i] as number));
}

/**
 * The order of a row source's keys as of each event of a batch, replayed from its order before
 * the batch: built on first use, then moved forward event by event.
 */
class OrderReplay {
  private keys: string[] | null = null;
  private applied = -1;

  constructor(
    private readonly start: readonly string[],
    private readonly events: readonly RowSourceEvent[],
  ) {}

  /** The keys once events 0 … `index` have happened. */
  through(index: number): readonly string[] {
    const keys = (this.keys ??= [...this.start]);
    while (this.applied < index) {
      const e = this.events[++this.applied] as RowSourceEvent;
      if (e.kind === 'added') {
        const at = e.before === undefined ? -1 : keys.indexOf(e.before);
        if (at < 0) keys.push(e.row.key);
        else keys.splice(at, 0, e.row.key);
      } else if (e.kind === 'deleted') {
        const at = keys.indexOf(e.key);
        if (at >= 0) keys.splice(at, 1);
      }
    }
    return keys;
  }
}
