import type { SPropValue } from '../props/types.js';
import type { SortKeyValue } from '../props/util/sortKey.js';
import type { TableRow } from './RowSource.js';
import { PR_INSTANCE_KEY } from '../generated/proptags.js';
import type { WeightedTree } from './WeightedTree.js';
import { valueKey } from './valueKey.js';

/** A visible or hidden row of a view: a leaf (one source row, or one MVI instance of it) or a category heading. */
export type ViewNode = LeafNode | CategoryNode;

/** Shared empty array for leaf fields a view does not use (never written: fillLeaf assigns new arrays). */
const EMPTY: readonly never[] = Object.freeze([]);

/** A leaf row: one source row, or one instance of it when the view expands multivalued columns. */
export class LeafNode {
  readonly kind = 'leaf' as const;
  /** The category this leaf sits in (the view's root when uncategorized). */
  parent!: CategoryNode;
  /** Identity of the leaf's category at each level (its values' keys joined), frozen while the node is in the view. */
  catIds: string[] = EMPTY as never;
  /** Sort keys of the leaf key columns (LPropCompareProp's order; undefined for a missing value), frozen while the node is in its parent's tree. */
  sortKeys: (SortKeyValue | undefined)[] = EMPTY as never;
  /** Aggregate value for each ancestor level's TABLE_SORT_CATEG_MAX/MIN column, by level. */
  aggVals: (SPropValue | undefined)[] = EMPTY as never;
  /** Sort keys of aggVals. */
  aggKeys: (SortKeyValue | undefined)[] = EMPTY as never;
  /** For each MVI column of the view, the position of this instance's value in the property (orders a row's instances). */
  positions: number[] = EMPTY as never;

  constructor(
    /** The source row's current data. */
    public row: TableRow,
    /** Instance id within the row: '' without MVI expansion, otherwise its values' keys (see View's instanceCombos). */
    readonly instance: string,
    /** Natural order of the source row (its place in the source's order; View.renumber may respace it). */
    public seq: number,
    /** For each MVI column of the view, this instance's single value (undefined when the row lacks the property). */
    public mviValues: (SPropValue | undefined)[],
    /** Hands out the view's stable instance keys; a leaf asks only when its key is first needed. */
    private readonly keySource: InstanceKeySource,
  ) {}

  private ikey: Uint8Array | undefined;

  /** PR_INSTANCE_KEY: the row's own PR_INSTANCE_KEY when it has one (ITableData indexed on it) and is not an MVI instance, else one the view hands out. */
  get instanceKey(): Uint8Array {
    if (!this.ikey) {
      const own = this.instance === '' ? this.row.props.get(PROP_ID_INSTANCE_KEY) : undefined;
      this.ikey = own && own.Value instanceof Uint8Array ? own.Value : this.keySource.instanceKeyFor(`L${this.row.key}\u0001${this.instance}`);
    }
    return this.ikey;
  }

  /** Unread for PR_CONTENT_UNREAD: PR_MESSAGE_FLAGS present without MSGFLAG_READ. */
  unread = false;
}

/**
 * The leaves of a last-level category before they are first read: either made already (in
 * natural order) or, in a view without MVI columns, still source rows with their natural
 * positions, turned into leaves by `order`.
 */
export interface DeferredLeaves {
  /** Number of leaves. */
  readonly count: number;
  /** The leaves, in natural order, when they are made already; null when they are made from `rows`. */
  readonly leaves: readonly LeafNode[] | null;
  /** The source rows of leaves not made yet (one leaf each), in natural order. */
  readonly rows: readonly TableRow[];
  /** Makes the leaves (when not made yet) and returns them in order in a tree. */
  order(): WeightedTree<ViewNode>;
}

/** Where leaves get their PR_INSTANCE_KEY. */
export interface InstanceKeySource {
  /** The stable instance key of an identity within the view. */
  instanceKeyFor(id: string): Uint8Array;
}

const PROP_ID_INSTANCE_KEY = PR_INSTANCE_KEY >>> 16;

/** A category heading, or the view's invisible root (level -1). */
export class CategoryNode {
  readonly kind = 'category' as const;
  private tree: WeightedTree<ViewNode> | undefined;
  /**
   * Leaves of a last-level category not yet made or put in order: a view being built groups
   * its rows by category but makes and sorts a group's leaves only when something reads into
   * it (a page, a position, a change), so "count + first page" of a large categorized view
   * pays for the first groups only.
   */
  private deferred: DeferredLeaves | null = null;

  /** Children: sub-categories, or leaves at the last level (made and put in order on first use when deferred). */
  get children(): WeightedTree<ViewNode> {
    const d = this.deferred;
    if (d) {
      this.deferred = null;
      this.tree = d.order();
    }
    return this.tree as WeightedTree<ViewNode>;
  }

  set children(tree: WeightedTree<ViewNode>) {
    this.deferred = null;
    this.tree = tree;
  }

  /** Defers the making and ordering of a last-level category's leaves until its children are first read. */
  deferLeaves(deferred: DeferredLeaves): void {
    this.tree = undefined;
    this.deferred = deferred;
  }

  /** The leaves of a deferred last-level category, unmade or unordered (null once ordered). */
  get deferredLeaves(): DeferredLeaves | null {
    return this.deferred;
  }

  /** Weight of the children: every leaf of a deferred group weighs 1. */
  get childWeight(): number {
    return this.deferred ? this.deferred.count : this.children.totalWeight;
  }
  /** Sub-categories by the key of their values (not used at the last level). */
  readonly childIndex = new Map<string, CategoryNode>();
  /** Number of leaves under this category, at any depth. */
  leafCount = 0;
  /** Number of unread leaves under this category. */
  unreadCount = 0;
  /** The aggregate (TABLE_SORT_CATEG_MAX/MIN) value, frozen while the node is in its parent's tree. */
  agg: SPropValue | undefined = undefined;
  /** Sort key of agg. */
  aggKey: SortKeyValue | undefined = undefined;
  /** Sort keys of `values`. */
  keys: (SortKeyValue | undefined)[] = [];
  /** True when the heading's children are visible. The root is always expanded. */
  expanded: boolean;

  constructor(
    /** 0 for the outermost categories, -1 for the root. */
    readonly level: number,
    /** The values of this level's key columns. */
    readonly values: (SPropValue | undefined)[],
    /** The enclosing category (null for the root). */
    readonly parent: CategoryNode | null,
    /** Identity of the category within the view: its ancestors' and its own value keys. */
    readonly path: string,
    /** Its key in the parent's childIndex. */
    readonly indexKey: string,
    /** Creation order, the last tie-break between headings. */
    readonly seq: number,
    /** PR_INSTANCE_KEY of the heading. */
    readonly instanceKey: Uint8Array,
    expanded: boolean,
  ) {
    this.expanded = expanded;
  }

  /** Rows this node contributes to the view: its heading plus, when expanded, its children's rows. The root has no heading. */
  weight(): number {
    if (this.level < 0) return this.childWeight;
    return 1 + (this.expanded ? this.childWeight : 0);
  }
}

/** Weight of a node in its parent's tree. */
export function nodeWeight(n: ViewNode): number {
  return n.kind === 'leaf' ? 1 : n.weight();
}

/** Hex form of an instance key, for lookups. */
export function keyHex(key: Uint8Array): string {
  let s = '';
  for (const b of key) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

/** What a heading row shows that a leaf's move can change, to tell later whether it changed. */
export interface HeadingStamp {
  /** PR_CONTENT_COUNT / PR_CONTENT_UNREAD. */
  counts: string;
  /** The TABLE_SORT_CATEG_MAX/MIN value (its change may move the heading). */
  agg: string;
}

/** A heading's stamp now. @see sorting-and-categorization.md */
export function headingStamp(c: CategoryNode): HeadingStamp {
  return { counts: `${c.leafCount}/${c.unreadCount}`, agg: valueKey(c.agg) };
}

/** The stamps of the headings above a leaf. @see sorting-and-categorization.md */
export function headingStamps(leaf: LeafNode): Map<CategoryNode, HeadingStamp> {
  const m = new Map<CategoryNode, HeadingStamp>();
  for (let c: CategoryNode | null = leaf.parent; c && c.level >= 0; c = c.parent) m.set(c, headingStamp(c));
  return m;
}
