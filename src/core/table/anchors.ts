import type { CategoryNode, ViewNode } from './nodes.js';
import type { View } from './View.js';

/**
 * A position in a view: the beginning, the end, or just before a row. The cursor and every
 * bookmark are anchors; they stay on their row as rows come and go around it, and move to
 * the next visible row (flagged `moved`, reported once as MAPI_W_POSITION_CHANGED) when their
 * row is deleted or collapsed out of view (imapitable-createbookmark.md).
 */
export interface Anchor {
  kind: 'begin' | 'end' | 'node';
  node: ViewNode | null;
  moved: boolean;
}

/** Most bookmarks a view keeps; createBookmark then fails with MAPI_E_UNABLE_TO_COMPLETE (imapitable-createbookmark.md). */
export const MAX_BOOKMARKS = 4096;

/** First value handed out by createBookmark (0–2 are the predefined bookmarks). */
const FIRST_BOOKMARK = 3;

/** The cursor and bookmarks of one view. */
export class AnchorSet {
  /** BOOKMARK_CURRENT. */
  cursor: Anchor = { kind: 'begin', node: null, moved: false };
  private readonly bookmarks = new Map<number, Anchor>();
  private nextId = FIRST_BOOKMARK;

  constructor(private readonly view: View) {}

  /** Drops every bookmark and puts the cursor at the beginning (after restrict, sort, rebuild). */
  reset(): void {
    this.bookmarks.clear();
    this.cursor = { kind: 'begin', node: null, moved: false };
  }

  /** Number of live bookmarks. */
  get bookmarkCount(): number {
    return this.bookmarks.size;
  }

  /** A bookmark's anchor, or undefined for an unknown one. */
  bookmark(id: number): Anchor | undefined {
    return this.bookmarks.get(id);
  }

  /** Creates a bookmark at the cursor; undefined when the limit is reached. */
  create(): number | undefined {
    if (this.bookmarks.size >= MAX_BOOKMARKS) return undefined;
    const id = this.nextId++;
    const c = this.cursor;
    // A cursor on a row collapsed out of view stands for the next visible row.
    this.positionOf(c);
    // A bookmark marks the object at the cursor's row (imapitable-createbookmark.md).
    const node = c.kind === 'begin' ? (this.view.nodeAt(0) ?? null) : c.node;
    this.bookmarks.set(id, node ? { kind: 'node', node, moved: false } : { kind: 'end', node: null, moved: false });
    return id;
  }

  /** Frees a bookmark; false when it does not exist. */
  free(id: number): boolean {
    return this.bookmarks.delete(id);
  }

  /** Every anchor (the cursor included) resting on one of `nodes`. */
  on(nodes: ReadonlySet<ViewNode>): Anchor[] {
    return this.all().filter((a) => a.node !== null && nodes.has(a.node));
  }

  /** Every anchor resting on a row inside a category (not on its heading). */
  under(cat: CategoryNode): Anchor[] {
    return this.all().filter((a) => {
      for (let p = a.node?.parent ?? null; p; p = p.parent) if (p === cat) return true;
      return false;
    });
  }

  /** Moves anchors to a row (or the end), flagging them as moved when `moved`. */
  moveAll(anchors: Anchor[], node: ViewNode | null, moved: boolean): void {
    for (const a of anchors) {
      a.kind = node ? 'node' : 'end';
      a.node = node;
      if (moved) a.moved = true;
    }
  }

  /**
   * The visible index an anchor stands for. An anchor on a row that a collapsed category hides
   * moves to the next visible row now and is flagged `moved` (imapitable-seekrow.md: "If the
   * caller attempts to move the cursor to such a bookmark, move the cursor to the next visible
   * row and return MAPI_W_POSITION_CHANGED").
   */
  positionOf(a: Anchor): number {
    if (a.kind === 'begin') return 0;
    if (a.kind === 'end' || !a.node) return this.view.rowCount;
    const { index, hidden } = this.view.placeOf(a.node);
    if (!hidden && index >= 0) return index;
    const next = index >= 0 ? (this.view.nodeAt(index) ?? null) : null;
    this.moveAll([a], next, true);
    return next ? index : this.view.rowCount;
  }

  /** Puts the cursor at a visible index (clamped): index 0 is the beginning, past the last row the end. */
  setCursor(index: number): void {
    this.cursor = this.at(index);
  }

  /** An anchor at a visible index (clamped). */
  at(index: number): Anchor {
    if (index <= 0) return { kind: 'begin', node: null, moved: false };
    const node = this.view.nodeAt(index);
    return node ? { kind: 'node', node, moved: false } : { kind: 'end', node: null, moved: false };
  }

  private all(): Anchor[] {
    return [this.cursor, ...this.bookmarks.values()];
  }
}
