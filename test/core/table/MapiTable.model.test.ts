import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MapiTable } from '../../../src/core/table/MapiTable.js';
import { View } from '../../../src/core/table/View.js';
import type { SSortOrderSet } from '../../../src/core/table/types.js';
import { tableRow, type MemoryRowSource } from '../../../src/core/table/MemoryRowSource.js';
import { renderRow } from '../../../src/core/table/rows.js';
import type { NotificationHub } from '../../../src/core/notify/NotificationHub.js';
import type { NotificationRecorder } from '../../../src/core/notify/sink.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import type { SPropValue, SRow } from '../../../src/core/props/types.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import {
  PR_CONTENT_COUNT,
  PR_CONTENT_UNREAD,
  PR_DEPTH,
  PR_INSTANCE_KEY,
  PR_MESSAGE_SIZE,
  PR_ROW_TYPE,
  PR_SENDER_NAME_W,
  PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import {
  BOOKMARK_BEGINNING,
  BOOKMARK_CURRENT,
  BOOKMARK_END,
  RELOP_EQ,
  RELOP_GE,
  RELOP_GT,
  RES_NOT,
  RES_PROPERTY,
  TABLE_SORT_ASCEND,
  TBL_COLLAPSED_CATEGORY,
  TBL_EXPANDED_CATEGORY,
  TBL_LEAF_ROW,
  TBL_NOADVANCE,
} from '../../../src/core/generated/constants.js';
import { MAPI_E_INVALID_BOOKMARK, MAPI_E_NOT_FOUND, MAPI_W_POSITION_CHANGED } from '../../../src/core/generated/scodes.js';
import { cell, ikey, makeTable } from './helpers.js';
import { mailRow, mailTable, recordTable, senders, subjects, tableEvents, type Mail } from './MapiTable.fixtures.js';
import {
  C_BOOL,
  C_FLAGS,
  C_KEY,
  C_NAME,
  C_NUM,
  ClientCopy,
  buildView,
  cellsOf,
  compareValues,
  expectSame,
  fullOrder,
  readCell,
  renderNode,
  sortOrderSet,
  visibleRows,
  type RefHeading,
  type RefNode,
  type RefRow,
  type RefSort,
} from './reference.js';

// "Done when" of the table engine (issue 3): a model-based test. Random changes of the rows
// (through the MemoryRowSource) and random cursor, bookmark and category calls run against a
// table and against a plain model that holds the rows and recomputes the view from scratch
// (reference.ts). After every command the view's rows, the cursor position and what a client
// keeping a copy from the notifications holds must agree with the model.
// Cursor and bookmark rules: docs/decisions/006 ("Cursor stickiness"), imapitable-seekrow.md,
// imapitable-createbookmark.md, imapitable-collapserow.md, imapitable-expandrow.md.

const COLUMNS = [PR_INSTANCE_KEY, PR_ROW_TYPE, PR_DEPTH, PR_CONTENT_COUNT, PR_CONTENT_UNREAD, C_KEY, C_NAME, C_BOOL, C_NUM, C_FLAGS];
const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];

const p = (ulPropTag: number, Value: SPropValue['Value']): SPropValue => ({ ulPropTag: ulPropTag >>> 0, Value });
const hex = (b: unknown) => Buffer.from(b as Uint8Array).toString('hex');

/** The data of a row: a category value (case variants, or none), a second category, a sort key, read or unread. */
interface RowData {
  name?: string;
  flag?: boolean;
  num?: number;
  read?: boolean;
}
const rowDataArb: fc.Arbitrary<RowData> = fc.record(
  {
    name: fc.constantFrom('a', 'A', 'b'),
    flag: fc.boolean(),
    num: fc.integer({ min: -1, max: 3 }),
    read: fc.boolean(),
  },
  { requiredKeys: [] },
);
const describeData = (d: RowData) => JSON.stringify(d);

function propsOf(key: string, d: RowData): SPropValue[] {
  const props = [p(C_KEY, key)];
  if (d.name !== undefined) props.push(p(C_NAME, d.name));
  if (d.flag !== undefined) props.push(p(C_BOOL, d.flag));
  if (d.num !== undefined) props.push(p(C_NUM, d.num));
  if (d.read !== undefined) props.push(p(C_FLAGS, d.read ? 1 : 0));
  return props;
}

// ------------------------------------------------------------------ views under test

interface Config {
  name: string;
  sort: RefSort;
  restriction: SRestriction | null;
  /** Run with View.lazyMinRows 0, so the flat view sorts lazily (PendingSort) until a change needs the whole order. */
  deferred?: boolean;
}

const byName = (desc = false) => [{ tag: C_NAME, desc }];
const numAtLeastZero: SRestriction = { rt: RES_PROPERTY, relop: RELOP_GE, ulPropTag: C_NUM, lpProp: p(C_NUM, 0) };
const notB: SRestriction = { rt: RES_NOT, lpRes: { rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: C_NAME, lpProp: p(C_NAME, 'b') } };

const CONFIGS: Config[] = [
  { name: 'natural order', sort: { levels: [], leafKeys: [], expandedLevels: 0 }, restriction: null },
  { name: 'sorted, restricted to num >= 0', sort: { levels: [], leafKeys: [{ tag: C_NUM, desc: true }, ...byName()], expandedLevels: 0 }, restriction: numAtLeastZero },
  {
    name: 'sorted, restricted to num >= 0, sorted lazily',
    sort: { levels: [], leafKeys: [{ tag: C_NUM, desc: false }, { tag: C_BOOL, desc: true }], expandedLevels: 0 },
    restriction: numAtLeastZero,
    deferred: true,
  },
  { name: 'one category level, expanded', sort: { levels: [byName()], leafKeys: [{ tag: C_NUM, desc: false }], expandedLevels: 1 }, restriction: null },
  { name: 'one category level descending, collapsed, restricted', sort: { levels: [byName(true)], leafKeys: [], expandedLevels: 0 }, restriction: numAtLeastZero },
  ...[0, 1, 2].map(
    (expandedLevels): Config => ({
      name: `two category levels, ${expandedLevels} expanded`,
      sort: { levels: [byName(), [{ tag: C_BOOL, desc: true }]], leafKeys: [{ tag: C_NUM, desc: false }], expandedLevels },
      restriction: expandedLevels === 1 ? notB : null,
    }),
  ),
];

// ------------------------------------------------------------------ the model

/** The cursor or a bookmark in the model: the beginning, the end, or on a row (by identity). */
interface Anchor {
  kind: 'begin' | 'end' | 'node';
  id: string;
  moved: boolean;
}
const at = (kind: Anchor['kind'], id = ''): Anchor => ({ kind, id, moved: false });

/** Every id in a heading's subtree (not the heading). */
function subtree(h: RefHeading): Set<string> {
  const out = new Set<string>();
  const walk = (nodes: RefNode[]) => {
    for (const n of nodes) {
      out.add(n.id);
      if (n.kind === 'heading') walk(n.children);
    }
  };
  walk(h.children);
  return out;
}

class Model {
  rows: RefRow[] = [];
  /** Category states set by expandRow / collapseRow / setCollapseState (others follow cExpanded). */
  expanded = new Map<string, boolean>();
  cursor: Anchor = at('begin');
  /** Bookmarks by creation: the engine's value and the anchor (null once freed or discarded). */
  bookmarks: { bk: number; anchor: Anchor | null }[] = [];
  /** Collapse states saved by getCollapseState: the categories not in their default state, the row. */
  states: { flipped: Set<string>; at: string | null }[] = [];
  /** Instance keys seen, by row identity. */
  keys = new Map<string, string>();
  /** Bumped by every change of the rows or of a category's state (top() rebuilds then). */
  version = 0;
  private built: RefNode[] | null = null;
  private builtAt = -1;

  constructor(readonly cfg: Config) {}

  private isDefault(level: number): boolean {
    return level < this.cfg.sort.expandedLevels;
  }

  /** The view, rebuilt from scratch after every change of the rows or of a category's state. */
  top(): RefNode[] {
    if (this.version !== this.builtAt || !this.built) {
      this.built = buildView(this.rows, { restriction: this.cfg.restriction, sort: this.cfg.sort, expanded: (id, level) => this.expanded.get(id) ?? this.isDefault(level) });
      this.builtAt = this.version;
    }
    return this.built;
  }

  setExpanded(id: string, expanded: boolean): void {
    this.expanded.set(id, expanded);
    this.version++;
  }

  order() {
    return fullOrder(this.top());
  }

  visible(): RefNode[] {
    return visibleRows(this.top());
  }

  render(n: RefNode): SPropValue[] {
    return renderNode(n, COLUMNS, this.cfg.sort.levels.length, undefined);
  }

  node(id: string): RefNode | undefined {
    return this.order().find((x) => x.node.id === id)?.node;
  }

  private anchors(): Anchor[] {
    return [this.cursor, ...this.bookmarks.flatMap((b) => (b.anchor ? [b.anchor] : []))];
  }

  /**
   * One change of the rows (one row-source event). A cursor or bookmark whose row leaves the
   * view moves to the next row: the first row after it, in the view before the change, that is
   * visible after it (or the end), and reports MAPI_W_POSITION_CHANGED on its next use. A row
   * that moved elsewhere (`moving`, a modified row whose heading went) is not the next row:
   * the anchors on it go with it. A category that leaves the view forgets its state.
   */
  change(mutate: () => void, moving = ''): void {
    const before = this.order();
    mutate();
    this.version++;
    const after = this.order();
    const now = new Map(after.map((x) => [x.node.id, x.visible]));
    for (const id of [...this.expanded.keys()]) if (!now.has(id)) this.expanded.delete(id);
    this.version++;
    for (const a of this.anchors()) {
      if (a.kind !== 'node' || now.has(a.id)) continue;
      const i = before.findIndex((x) => x.node.id === a.id);
      const next = before.slice(i + 1).find((x) => now.get(x.node.id) === true && x.node.id !== moving);
      Object.assign(a, next ? { kind: 'node', id: next.node.id } : { kind: 'end', id: '' }, { moved: true });
    }
  }

  upsert(key: string, props: SPropValue[]): void {
    this.change(() => {
      const i = this.rows.findIndex((r) => r.key === key);
      if (i >= 0) this.rows[i] = { key, props };
      else this.rows.push({ key, props });
    }, `L${key}`);
  }

  insertAt(index: number, key: string, props: SPropValue[]): void {
    // MemoryRowSource.insertAt: an existing row is deleted, then the row is added at the index.
    if (this.rows.some((r) => r.key === key)) this.delete(key);
    this.change(() => this.rows.splice(Math.max(0, Math.min(index, this.rows.length)), 0, { key, props }));
  }

  delete(key: string): void {
    this.change(() => {
      this.rows = this.rows.filter((r) => r.key !== key);
    });
  }

  /** TABLE_RELOAD (table_notification.md): bookmarks and positioning are invalid; categories start over. */
  reload(): void {
    for (const b of this.bookmarks) b.anchor = null;
    this.cursor = at('begin');
    this.expanded.clear();
    this.version++;
  }

  /**
   * The position an anchor stands for. One on a row hidden in a collapsed category moves now to
   * the next visible row, flagged moved (imapitable-seekrow.md: "move the cursor to the next
   * visible row and return MAPI_W_POSITION_CHANGED").
   */
  resolve(a: Anchor): number {
    const vis = this.visible();
    if (a.kind === 'begin') return 0;
    if (a.kind === 'end') return vis.length;
    const i = vis.findIndex((n) => n.id === a.id);
    if (i >= 0) return i;
    const order = this.order();
    const o = order.findIndex((x) => x.node.id === a.id);
    if (o < 0) throw new Error(`model: an anchor is on ${a.id}, which is not in the view`);
    const next = order.slice(o + 1).find((x) => x.visible);
    Object.assign(a, next ? { kind: 'node', id: next.node.id } : { kind: 'end', id: '' }, { moved: true });
    return next ? vis.findIndex((n) => n.id === next.node.id) : vis.length;
  }

  /** The cursor at a visible index: 0 is the beginning, past the last row the end. */
  setCursor(index: number): void {
    const vis = this.visible();
    this.cursor = index <= 0 ? at('begin') : index < vis.length ? at('node', (vis[index] as RefNode).id) : at('end');
  }

  /** A bookmark at the cursor: on its row (the first row when at the beginning), or at the end. */
  bookmarkAtCursor(): Anchor {
    this.resolve(this.cursor);
    if (this.cursor.kind === 'begin') {
      const first = this.visible()[0];
      return first ? at('node', first.id) : at('end');
    }
    return at(this.cursor.kind, this.cursor.id);
  }

  expand(id: string): number {
    const h = this.node(id) as RefHeading;
    if (h.expanded) return 0;
    this.setExpanded(id, true);
    const vis = this.visible();
    if (!vis.some((n) => n.id === id)) return 0;
    const under = subtree(h);
    return vis.filter((n) => under.has(n.id)).length;
  }

  /** collapserow.md: the rows under it leave the view; a cursor or bookmark on one moves to the next visible row. */
  collapse(id: string): number {
    const h = this.node(id) as RefHeading;
    if (!h.expanded) return 0;
    const vis = this.visible();
    const v = vis.findIndex((n) => n.id === id);
    const under = subtree(h);
    const removed = v >= 0 ? vis.filter((n) => under.has(n.id)).length : 0;
    this.setExpanded(id, false);
    if (v >= 0) {
      const next = this.visible()[v + 1];
      for (const a of this.anchors()) {
        if (a.kind === 'node' && under.has(a.id)) Object.assign(a, next ? { kind: 'node', id: next.id } : { kind: 'end', id: '' }, { moved: true });
      }
    }
    return removed;
  }

  /** The categories whose state is not the one cExpanded gives. */
  flipped(): Set<string> {
    return new Set(
      this.order()
        .map((x) => x.node)
        .filter((n): n is RefHeading => n.kind === 'heading' && n.expanded !== this.isDefault(n.level))
        .map((n) => n.id),
    );
  }
}

// ------------------------------------------------------------------ the table

interface Real {
  table: MapiTable;
  source: MemoryRowSource;
  hub: NotificationHub;
  rec: NotificationRecorder;
  client: ClientCopy;
  /** Collapse states from getCollapseState, by creation. */
  states: Uint8Array[];
}

/** Every row of the view, read without moving the cursor (a client would use a bookmark, which would reset the cursor's moved flag the model checks). */
function peek(table: MapiTable): SRow[] {
  const v = table.view;
  const out: SRow[] = [];
  for (let i = 0; i < v.rowCount; i++) {
    const node = v.nodeAt(i);
    if (!node) throw new Error(`view: no row at ${i} of ${v.rowCount}`);
    out.push(renderRow(node, COLUMNS, v.sortSpec, v.expandedMviTags, { unicode: false, codePage: 1252, maxCellBytes: Number.POSITIVE_INFINITY }));
  }
  return out;
}

/** The scode a call fails with, or 0. */
async function scodeOf<T>(call: Promise<T>): Promise<{ scode: number; value?: T }> {
  try {
    return { scode: 0, value: await call };
  } catch (e) {
    if (e instanceof MapiError) return { scode: e.scode };
    throw e;
  }
}

/**
 * After every command: the notifications received are applied to the client's copy (TABLE_CHANGED
 * and TABLE_RELOAD make it re-read), and the view, the copy and the model agree on the rows;
 * instance keys are distinct and each row keeps its own; queryPosition is the model's cursor.
 * `quiet`: the command changes no row, so nothing may be notified (expanding and collapsing
 * never notify, imapitable-expandrow.md); `reread`: the client re-reads (its copy is stale after
 * an expand or collapse, which it learns from the call).
 */
async function check(m: Model, r: Real, opts: { quiet?: boolean; reread?: boolean } = {}): Promise<void> {
  await r.hub.flush();
  const tabs = tableEvents(r.rec);
  r.rec.clear();
  if (opts.quiet) expect(tabs.map((t) => t.ulTableEvent), 'a call that changes no row sends no notification').toEqual([]);
  let stale = opts.reread ?? false;
  for (const tab of tabs) if (!stale) stale = r.client.apply(tab);
  const now = peek(r.table);
  if (stale) r.client.rows = [...now];
  const vis = m.visible();
  expectSame(cellsOf(now, COLUMNS), vis.map((n) => m.render(n)), 'the view');
  expectSame(
    r.client.rows.map((x) => x.lpProps),
    now.map((x) => x.lpProps),
    'the client copy kept from notifications',
  );
  const keys = now.map((x) => hex(x.lpProps[0]?.Value));
  expect(new Set(keys).size, 'distinct instance keys').toBe(keys.length);
  vis.forEach((n, i) => {
    const seen = m.keys.get(n.id);
    if (seen !== undefined) expect(keys[i], `instance key of ${n.id}`).toBe(seen);
    m.keys.set(n.id, keys[i] as string);
  });
  const row = m.resolve(m.cursor);
  expect(await r.table.queryPosition(), 'queryPosition').toEqual({ ulRow: row, ulNumerator: row, ulDenominator: Math.max(1, vis.length) });
}

type Cmd = fc.AsyncCommand<Model, Real>;

/** A command that runs on any model. */
abstract class Command implements Cmd {
  check(_m: Readonly<Model>): boolean {
    return true;
  }
  abstract run(m: Model, r: Real): Promise<void>;
  abstract toString(): string;
}

/** A heading (or, without one, a leaf or an unknown key) by a pick number: only rows whose instance key the client has seen. */
function pickRow(m: Model, pick: number, headingsOnly: boolean): { id: string | null; key: Uint8Array } {
  const known = m
    .order()
    .map((x) => x.node)
    .filter((n) => m.keys.has(n.id));
  const headings = known.filter((n) => n.kind === 'heading');
  const pool = headingsOnly && headings.length ? headings : known;
  const n = pool.length ? pool[pick % pool.length] : undefined;
  if (!n || pick % 7 === 6) return { id: null, key: new Uint8Array([0xde, 0xad, 0xbe, 0xef, pick & 0xff]) };
  return { id: n.id, key: Buffer.from(m.keys.get(n.id) as string, 'hex') };
}

// ------------------------------------------------------------------ commands: the rows

/** A change of the rows; `recategorize` is an upsert of the n-th row now there with other category values. */
type RowOp =
  | { kind: 'upsert'; key: string; data: RowData }
  | { kind: 'insertAt'; index: number; key: string; data: RowData }
  | { kind: 'delete'; key: string }
  | { kind: 'recategorize'; pick: number; name: string | null; flag: boolean | null };
type ConcreteOp = Exclude<RowOp, { kind: 'recategorize' }>;
const describeOp = (op: RowOp) =>
  op.kind === 'upsert'
    ? `upsert(${op.key}, ${describeData(op.data)})`
    : op.kind === 'insertAt'
      ? `insertAt(${op.index}, ${op.key}, ${describeData(op.data)})`
      : op.kind === 'delete'
        ? `delete(${op.key})`
        : `recategorize(row#${op.pick}, ${JSON.stringify(op.name)}, ${JSON.stringify(op.flag)})`;

/** The data of a row of the model. */
function dataOf(row: RefRow): RowData {
  const d: RowData = {};
  const name = readCell(row, C_NAME);
  const flag = readCell(row, C_BOOL);
  const num = readCell(row, C_NUM);
  const flags = readCell(row, C_FLAGS);
  if (name) d.name = name.Value as string;
  if (flag) d.flag = flag.Value as boolean;
  if (num) d.num = num.Value as number;
  if (flags) d.read = flags.Value === 1;
  return d;
}

/** The operation on the rows as they are now. */
function concrete(rows: RefRow[], op: RowOp): ConcreteOp {
  if (op.kind !== 'recategorize') return op;
  const row = rows[op.pick % Math.max(1, rows.length)];
  if (!row) return { kind: 'delete', key: 'none' };
  const { name: _n, flag: _f, ...rest } = dataOf(row);
  return { kind: 'upsert', key: row.key, data: { ...rest, ...(op.name !== null && { name: op.name }), ...(op.flag !== null && { flag: op.flag }) } };
}

/** The rows after an operation (MemoryRowSource's rules: upsert keeps a row's place; insertAt moves it). */
function rowsAfter(rows: RefRow[], anyOp: RowOp): RefRow[] {
  const op = concrete(rows, anyOp);
  if (op.kind === 'delete') return rows.filter((r) => r.key !== op.key);
  const row = { key: op.key, props: propsOf(op.key, op.data) };
  if (op.kind === 'upsert') return rows.some((r) => r.key === op.key) ? rows.map((r) => (r.key === op.key ? row : r)) : [...rows, row];
  const rest = rows.filter((r) => r.key !== op.key);
  rest.splice(Math.max(0, Math.min(op.index, rest.length)), 0, row);
  return rest;
}

/** The headings above a row's leaf, outermost first, or undefined when the row is not in the view. */
function headingsAbove(cfg: Config, rows: RefRow[], key: string): RefHeading[] | undefined {
  const find = (nodes: RefNode[], path: RefHeading[]): RefHeading[] | undefined => {
    for (const n of nodes) {
      if (n.kind === 'leaf' && n.row.key === key) return path;
      if (n.kind === 'heading') {
        const hit = find(n.children, [...path, n]);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return find(buildView(rows, { restriction: cfg.restriction, sort: cfg.sort }), []);
}

function runOp(anyOp: RowOp, m: Model, r: Real): void {
  const op = concrete(m.rows, anyOp);
  if (op.kind === 'upsert') {
    r.source.upsert(tableRow(op.key, propsOf(op.key, op.data)));
    m.upsert(op.key, propsOf(op.key, op.data));
  } else if (op.kind === 'insertAt') {
    r.source.insertAt(op.index, tableRow(op.key, propsOf(op.key, op.data)));
    m.insertAt(op.index, op.key, propsOf(op.key, op.data));
  } else {
    r.source.delete(op.key);
    if (m.rows.some((x) => x.key === op.key)) m.delete(op.key);
  }
}

class RowChange extends Command {
  constructor(readonly op: RowOp) {
    super();
  }
  async run(m: Model, r: Real): Promise<void> {
    runOp(this.op, m, r);
    await check(m, r);
  }
  toString = () => describeOp(this.op);
}

/** Another category for the row a bookmark is on: it may move into a collapsed category, out of view, taking the bookmark along. */
class MoveMarkedRow extends Command {
  constructor(
    readonly pick: number,
    readonly name: string | null,
    readonly flag: boolean | null,
    /** Then seek to the bookmark (else a later command may use it, after other changes). */
    readonly thenSeek: boolean,
  ) {
    super();
  }
  private marked(m: Readonly<Model>): Model['bookmarks'] {
    return m.bookmarks.filter((b) => b.anchor?.kind === 'node' && b.anchor.id.startsWith('L'));
  }
  private op(m: Readonly<Model>): RowOp | undefined {
    const marked = this.marked(m);
    const key = marked[this.pick % Math.max(1, marked.length)]?.anchor?.id.slice(1);
    const i = m.rows.findIndex((row) => row.key === key);
    return i < 0 ? undefined : { kind: 'recategorize', pick: i, name: this.name, flag: this.flag };
  }
  override check(m: Readonly<Model>): boolean {
    const op = this.op(m);
    return op !== undefined;
  }
  async run(m: Model, r: Real): Promise<void> {
    const marked = this.marked(m);
    const b = marked[this.pick % marked.length] as Model['bookmarks'][number];
    runOp(this.op(m) as RowOp, m, r);
    await check(m, r);
    if (this.thenSeek) await seekAndCheck(m, r, b.bk, b.anchor, 0);
  }
  toString = () =>
    `recategorize(row of marked bookmark#${this.pick}, ${JSON.stringify(this.name)}, ${JSON.stringify(this.flag)})${this.thenSeek ? '; seekRow(that bookmark, 0)' : ''}`;
}

/** Several changes reported together; coalesced, views send one TABLE_CHANGED (MemoryRowSource.batch). */
class Batch extends Command {
  constructor(
    readonly ops: RowOp[],
    readonly coalesce: boolean,
  ) {
    super();
  }
  async run(m: Model, r: Real): Promise<void> {
    r.source.batch(() => this.ops.forEach((op) => runOp(op, m, r)), this.coalesce);
    await check(m, r);
  }
  toString = () => `batch${this.coalesce ? '(coalesced)' : ''}[${this.ops.map(describeOp).join('; ')}]`;
}

class Reload extends Command {
  async run(m: Model, r: Real): Promise<void> {
    r.source.reload();
    m.reload();
    await check(m, r);
  }
  toString = () => 'reload()';
}

// ------------------------------------------------------------------ commands: the cursor

/** An origin: BOOKMARK_BEGINNING, _CURRENT, _END, or the n-th bookmark created (freed or discarded ones too). */
type Origin = { kind: 'predefined'; bk: number } | { kind: 'bookmark'; pick: number };
const describeOrigin = (o: Origin) =>
  o.kind === 'bookmark' ? `bookmark#${o.pick}` : o.bk === BOOKMARK_BEGINNING ? 'BOOKMARK_BEGINNING' : o.bk === BOOKMARK_CURRENT ? 'BOOKMARK_CURRENT' : 'BOOKMARK_END';

/** The engine's bookmark and the model's anchor for an origin (anchor null: the bookmark is invalid). */
function originOf(m: Model, o: Origin): { bk: number; anchor: Anchor | null } {
  if (o.kind === 'predefined') {
    if (o.bk === BOOKMARK_CURRENT) return { bk: o.bk, anchor: m.cursor };
    return { bk: o.bk, anchor: at(o.bk === BOOKMARK_BEGINNING ? 'begin' : 'end') };
  }
  const b = m.bookmarks.length ? m.bookmarks[o.pick % m.bookmarks.length] : undefined;
  return b ?? { bk: 0x7777, anchor: null };
}

/** seekRow(bk, count) on the table and the model (anchor null: an invalid bookmark). imapitable-seekrow.md: clamped at both ends. */
async function seekAndCheck(m: Model, r: Real, bk: number, anchor: Anchor | null, count: number): Promise<void> {
  const got = await scodeOf(r.table.seekRow(bk, count));
  if (!anchor) {
    expect(got.scode).toBe(MAPI_E_INVALID_BOOKMARK);
  } else {
    const position = m.resolve(anchor);
    const warning = anchor.moved;
    anchor.moved = false;
    const target = Math.min(Math.max(0, position + count), m.visible().length);
    m.setCursor(target);
    expect(got.value).toEqual(warning ? { lRowsSought: target - position, warning: MAPI_W_POSITION_CHANGED } : { lRowsSought: target - position });
  }
  await check(m, r, { quiet: true });
}

class SeekRow extends Command {
  constructor(
    readonly origin: Origin,
    readonly count: number,
  ) {
    super();
  }
  async run(m: Model, r: Real): Promise<void> {
    const { bk, anchor } = originOf(m, this.origin);
    await seekAndCheck(m, r, bk, anchor, this.count);
  }
  toString = () => `seekRow(${describeOrigin(this.origin)}, ${this.count})`;
}

class SeekRowApprox extends Command {
  constructor(
    readonly num: number,
    readonly den: number,
  ) {
    super();
  }
  async run(m: Model, r: Real): Promise<void> {
    await r.table.seekRowApprox(this.num, this.den);
    const n = m.visible().length;
    // imapitable-seekrowapprox.md: numerator = denominator is after the last row.
    m.setCursor(this.num >= this.den ? n : Math.floor((this.num * n) / this.den));
    await check(m, r, { quiet: true });
  }
  toString = () => `seekRowApprox(${this.num}, ${this.den})`;
}

class QueryRows extends Command {
  constructor(
    readonly count: number,
    readonly noAdvance: boolean,
  ) {
    super();
  }
  async run(m: Model, r: Real): Promise<void> {
    const rows = await r.table.queryRows(this.count, this.noAdvance ? TBL_NOADVANCE : 0);
    const vis = m.visible();
    const from = m.resolve(m.cursor);
    // imapitable-queryrows.md: a negative count reads the rows before the cursor and leaves it on the first one read.
    const start = this.count < 0 ? Math.max(0, from + this.count) : from;
    const end = this.count < 0 ? from : Math.min(vis.length, from + this.count);
    expectSame(cellsOf(rows, COLUMNS), vis.slice(start, end).map((n) => m.render(n)), 'queryRows');
    m.setCursor(this.noAdvance || this.count < 0 ? start : end);
    await check(m, r, { quiet: true });
  }
  toString = () => `queryRows(${this.count}${this.noAdvance ? ', TBL_NOADVANCE' : ''})`;
}

// ------------------------------------------------------------------ commands: bookmarks

class CreateBookmark extends Command {
  async run(m: Model, r: Real): Promise<void> {
    const bk = await r.table.createBookmark();
    expect(m.bookmarks.some((b) => b.bk === bk && b.anchor)).toBe(false);
    m.bookmarks.push({ bk, anchor: m.bookmarkAtCursor() });
    await check(m, r, { quiet: true });
  }
  toString = () => 'createBookmark()';
}

/** seekRow(BOOKMARK_BEGINNING, row) then createBookmark: a bookmark on any row, not only where reading left the cursor. */
class MarkRow extends Command {
  constructor(readonly row: number) {
    super();
  }
  async run(m: Model, r: Real): Promise<void> {
    const { lRowsSought } = await r.table.seekRow(BOOKMARK_BEGINNING, this.row);
    const bk = await r.table.createBookmark();
    const target = Math.min(this.row, m.visible().length);
    expect(lRowsSought).toBe(target);
    m.setCursor(target);
    m.bookmarks.push({ bk, anchor: m.bookmarkAtCursor() });
    await check(m, r, { quiet: true });
  }
  toString = () => `seekRow(BOOKMARK_BEGINNING, ${this.row}); createBookmark()`;
}

class FreeBookmark extends Command {
  constructor(readonly pick: number) {
    super();
  }
  async run(m: Model, r: Real): Promise<void> {
    const b = m.bookmarks.length ? m.bookmarks[this.pick % m.bookmarks.length] : undefined;
    const got = await scodeOf(r.table.freeBookmark(b?.bk ?? 0x7777));
    expect(got.scode).toBe(b?.anchor ? 0 : MAPI_E_INVALID_BOOKMARK);
    if (b) b.anchor = null;
    await check(m, r, { quiet: true });
  }
  toString = () => `freeBookmark(bookmark#${this.pick})`;
}

// ------------------------------------------------------------------ commands: categories

class ExpandRow extends Command {
  constructor(
    readonly pick: number,
    readonly count: number,
  ) {
    super();
  }
  async run(m: Model, r: Real): Promise<void> {
    const { id, key } = pickRow(m, this.pick, true);
    const target = id === null ? undefined : m.node(id);
    const got = await scodeOf(r.table.expandRow(key, this.count));
    if (target?.kind !== 'heading') {
      expect(got.scode).toBe(MAPI_E_NOT_FOUND);
    } else {
      const added = m.expand(target.id);
      const vis = m.visible();
      const i = vis.findIndex((n) => n.id === target.id);
      const rows = i >= 0 ? vis.slice(i + 1, i + 1 + Math.min(this.count, added)) : [];
      // imapitable-expandrow.md: the cursor goes after the last row returned, or after the heading when none is.
      if (i >= 0) m.setCursor(i + 1 + rows.length);
      expect(got.value?.ulMoreRows).toBe(added);
      expectSame(cellsOf(got.value?.rows ?? [], COLUMNS), rows.map((n) => m.render(n)), 'expandRow rows');
    }
    await check(m, r, { quiet: true, reread: true });
  }
  toString = () => `expandRow(row#${this.pick}, ${this.count})`;
}

class CollapseRow extends Command {
  constructor(readonly pick: number) {
    super();
  }
  async run(m: Model, r: Real): Promise<void> {
    const { id, key } = pickRow(m, this.pick, true);
    const target = id === null ? undefined : m.node(id);
    const got = await scodeOf(r.table.collapseRow(key));
    if (target?.kind !== 'heading') expect(got.scode).toBe(MAPI_E_NOT_FOUND);
    else expect(got.value).toBe(m.collapse(target.id));
    await check(m, r, { quiet: true, reread: true });
  }
  toString = () => `collapseRow(row#${this.pick})`;
}

class GetCollapseState extends Command {
  constructor(readonly pick: number) {
    super();
  }
  async run(m: Model, r: Real): Promise<void> {
    const { id, key } = pickRow(m, this.pick, false);
    r.states.push(await r.table.getCollapseState(0, key));
    m.states.push({ flipped: m.flipped(), at: id !== null && m.node(id) ? id : null });
    await check(m, r, { quiet: true });
  }
  toString = () => `getCollapseState(row#${this.pick})`;
}

class SetCollapseState extends Command {
  constructor(readonly pick: number) {
    super();
  }
  override check(m: Readonly<Model>): boolean {
    return m.states.length > 0;
  }
  async run(m: Model, r: Real): Promise<void> {
    const i = this.pick % m.states.length;
    const state = m.states[i] as Model['states'][number];
    const { bkLocation } = await r.table.setCollapseState(0, r.states[i] as Uint8Array);
    // Every category back to its saved state, outer ones first (a collapse moves the anchors under it).
    for (const x of m.order()) {
      if (x.node.kind !== 'heading') continue;
      const h = m.node(x.node.id) as RefHeading;
      const fallback = h.level < m.cfg.sort.expandedLevels;
      if (state.flipped.has(h.id) ? !fallback : fallback) m.expand(h.id);
      else m.collapse(h.id);
    }
    // The bookmark is on the row given to getCollapseState, or its nearest visible heading when it is collapsed out of view.
    let anchor = at('end');
    const node = state.at === null ? undefined : m.node(state.at);
    if (node) {
      const order = m.order();
      const path = order.filter((y) => y.node.kind === 'heading' && (subtree(y.node).has(node.id) || y.node.id === node.id)).map((y) => y.node);
      const vis = new Set(m.visible().map((n) => n.id));
      const shown = [node, ...path.reverse()].find((n) => vis.has(n.id));
      if (shown) anchor = at('node', shown.id);
    }
    m.bookmarks.push({ bk: bkLocation, anchor });
    await check(m, r, { quiet: true, reread: true });
  }
  toString = () => `setCollapseState(state#${this.pick})`;
}

class GetRowCount extends Command {
  async run(m: Model, r: Real): Promise<void> {
    expect(await r.table.getRowCount()).toBe(m.visible().length);
    await check(m, r, { quiet: true });
  }
  toString = () => 'getRowCount()';
}

// ------------------------------------------------------------------ the property

const keyArb = fc.constantFrom(...KEYS);
const rowOpArb: fc.Arbitrary<RowOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('upsert' as const), key: keyArb, data: rowDataArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insertAt' as const), index: fc.integer({ min: 0, max: 8 }), key: keyArb, data: rowDataArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: keyArb }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('recategorize' as const),
      pick: fc.nat(20),
      name: fc.constantFrom('a', 'A', 'b', null),
      flag: fc.constantFrom(true, false, null),
    }),
  },
);
const originArb: fc.Arbitrary<Origin> = fc.oneof(
  fc.constantFrom(BOOKMARK_BEGINNING, BOOKMARK_CURRENT, BOOKMARK_END).map((bk): Origin => ({ kind: 'predefined', bk })),
  { weight: 6, arbitrary: fc.nat(20).map((pick): Origin => ({ kind: 'bookmark', pick })) },
);
const pickArb = fc.nat(50);
const countArb = fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: -6, max: -1 }));

function commandArbs(): fc.Arbitrary<Cmd>[] {
  return [
    fc.oneof(
      { weight: 6, arbitrary: rowOpArb.map((op) => new RowChange(op)) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.nat(20), fc.constantFrom('a', 'A', 'b', null), fc.constantFrom(true, false, null), fc.boolean())
          .map(([pick, name, flag, seek]) => new MoveMarkedRow(pick, name, flag, seek)),
      },
      { weight: 4, arbitrary: fc.tuple(fc.array(rowOpArb, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([ops, c]) => new Batch(ops, c)) },
      { weight: 1, arbitrary: fc.constant(new Reload()) },
    ),
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(originArb, fc.integer({ min: -4, max: 4 })).map(([o, n]) => new SeekRow(o, n)) },
      { weight: 1, arbitrary: fc.tuple(fc.nat(6), fc.integer({ min: 1, max: 5 })).map(([n, d]) => new SeekRowApprox(n, d)) },
      { weight: 2, arbitrary: fc.tuple(countArb, fc.boolean()).map(([n, na]) => new QueryRows(n, na)) },
      { weight: 1, arbitrary: fc.constant(new GetRowCount()) },
    ),
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(new CreateBookmark()) },
      { weight: 3, arbitrary: fc.nat(12).map((i) => new MarkRow(i)) },
      { weight: 1, arbitrary: pickArb.map((i) => new FreeBookmark(i)) },
    ),
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(pickArb, fc.nat(4)).map(([i, n]) => new ExpandRow(i, n)) },
      { weight: 3, arbitrary: pickArb.map((i) => new CollapseRow(i)) },
      { weight: 1, arbitrary: pickArb.map((i) => new GetCollapseState(i)) },
      { weight: 1, arbitrary: pickArb.map((i) => new SetCollapseState(i)) },
    ),
  ];
}

/** The property: a table set up as `cfg` and the model agree after every command. */
function tableMatchesModel(configs: fc.Arbitrary<Config>): fc.IAsyncPropertyWithHooks<[Config, [string, RowData][], Iterable<Cmd>]> {
  return fc.asyncProperty(
    configs,
    fc.uniqueArray(fc.tuple(keyArb, rowDataArb), { maxLength: 6, selector: ([k]) => k }),
    fc.commands(commandArbs(), { maxCommands: 50, size: 'medium' }),
    async (cfg, initial, cmds) => {
      const saved = View.lazyMinRows;
      if (cfg.deferred) View.lazyMinRows = 0;
      try {
        const rows = initial.map(([key, d]) => ({ key, props: propsOf(key, d) }));
        const { table, source, hub } = makeTable(rows, COLUMNS);
        await table.setColumns(COLUMNS);
        if (cfg.restriction) await table.restrict(cfg.restriction);
        await table.sortTable(sortOrderSet(cfg.sort));
        const { rec } = await recordTable(table);
        const model = new Model(cfg);
        model.rows = rows;
        model.version++;
        const real: Real = { table, source, hub, rec, client: new ClientCopy(peek(table), 0), states: [] };
        await check(model, real);
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        table.release();
      } finally {
        View.lazyMinRows = saved;
      }
    },
  );
}

const RUNS = Number(process.env.MODEL_RUNS ?? 40);

describe('IMAPITable against a model under random changes, cursor moves, bookmarks and category calls', () => {
  it.each(CONFIGS.map((c) => [c.name, c] as const))('%s', async (_name, cfg) => {
    await fc.assert(tableMatchesModel(fc.constant(cfg)), { numRuns: cfg.sort.levels.length ? RUNS : Math.ceil(RUNS / 2) });
  });

  // Found by this property (fixed in View.rowModified / View.seqBefore; the reduced cases below):
  // a category whose only row moved within it was made anew, and in a batch a row placed by the
  // source's order could take the place of a row the batch deletes later.
  it('many batches of changes in categorized and flat views', async () => {
    await fc.assert(tableMatchesModel(fc.constantFrom(...CONFIGS)), { numRuns: 150, seed: 3 });
  });
});

// ------------------------------------------------------------------ the bugs, reduced

describe('IMAPITable: a category whose only row moves within it', () => {
  const mails: Mail[] = [
    { key: 'a1', sender: 'Ann', subject: 'One', size: 1, read: true },
    { key: 'b1', sender: 'Bob', subject: 'Two', size: 2, read: true },
  ];
  // Categorized by sender, leaves by size: a change of size moves a row within its category.
  const bySenderThenSize: SSortOrderSet = {
    aSort: [
      { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
      { ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_ASCEND },
    ],
    cCategories: 1,
    cExpanded: 1,
  };
  async function categorized() {
    const t = mailTable(mails);
    await t.table.setColumns([PR_INSTANCE_KEY, PR_ROW_TYPE, PR_SENDER_NAME_W, PR_SUBJECT_W]);
    await t.table.sortTable(bySenderThenSize);
    return t;
  }

  // Was an engine bug: the category is made anew, in its default (expanded) state.
  it('stays collapsed', async () => {
    const { table, source } = await categorized();
    const [ann] = await table.queryRows(1);
    expect(await table.collapseRow(ikey(ann))).toBe(1);
    source.upsert(mailRow({ ...(mails[0] as Mail), size: 5 }));
    await table.seekRow(BOOKMARK_BEGINNING, 0);
    expect((await table.queryRows(10)).map((r) => [cell(r, PR_ROW_TYPE), cell(r, PR_SENDER_NAME_W)])).toEqual([
      [TBL_COLLAPSED_CATEGORY, 'Ann'],
      [TBL_EXPANDED_CATEGORY, 'Bob'],
      [TBL_LEAF_ROW, 'Bob'],
    ]);
  });

  // Was an engine bug: the bookmark on the heading moves to the next category, with MAPI_W_POSITION_CHANGED.
  it('keeps a bookmark on its heading', async () => {
    const { table, source } = await categorized();
    const bk = await table.createBookmark(); // on Ann's heading, the first row
    source.upsert(mailRow({ ...(mails[0] as Mail), size: 5 }));
    expect(await table.seekRow(bk, 0)).toEqual({ lRowsSought: 0 });
    expect(senders(await table.queryRows(1))).toEqual(['Ann']);
  });

  // Was an engine bug: the cursor on the heading moves past the category, so the next read skips its rows.
  it('keeps the cursor on its heading: the next read returns the category', async () => {
    const { table, source } = await categorized();
    expect(senders(await table.queryRows(2))).toEqual(['Ann', 'Ann']); // the cursor is on Bob's heading
    source.upsert(mailRow({ ...(mails[1] as Mail), size: 7 }));
    expect(subjects(await table.queryRows(2))).toEqual([undefined, 'Two']);
  });
});

describe('MemoryRowSource.batch: rows placed in the natural order before a later change of the batch', () => {
  const row = (key: string, size: number) => tableRow(key, [p(PR_SUBJECT_W, key), p(PR_MESSAGE_SIZE, size)]);
  const subjectsOf = async (table: MapiTable) => (await table.queryRows(10)).map((r) => cell(r, PR_SUBJECT_W));

  // Was an engine bug: 'c' takes the natural position of 'a', not yet deleted when the insert is applied: RangeError from WeightedTree.insert.
  it('insertAt(0) then a delete of the row it went before', async () => {
    const { table, source } = makeTable([{ key: 'a', props: [...row('a', 5).props.values()] }, { key: 'b', props: [...row('b', 5).props.values()] }], [PR_SUBJECT_W]);
    source.batch(() => {
      source.insertAt(0, row('c', 5));
      source.delete('a');
    });
    expect(await subjectsOf(table)).toEqual(['c', 'b']);
  });

  // Was an engine bug: 'y' enters the restricted view between 'w' and 'z' and takes the natural position of 'x', not yet deleted: RangeError.
  it('a row entering a restricted view, then a delete of its neighbour', async () => {
    const rows = [row('w', 5), row('x', 5), row('y', 0), row('z', 5)].map((r) => ({ key: r.key, props: [...r.props.values()] }));
    const { table, source } = makeTable(rows, [PR_SUBJECT_W]);
    await table.restrict({ rt: RES_PROPERTY, relop: RELOP_GT, ulPropTag: PR_MESSAGE_SIZE, lpProp: p(PR_MESSAGE_SIZE, 1) });
    source.batch(() => {
      source.upsert(row('y', 9));
      source.delete('x');
    });
    expect(await subjectsOf(table)).toEqual(['w', 'y', 'z']);
  });
});

describe('IMAPITable: a batch places rows by the source order of each of its events', () => {
  it('a row inserted, then moved, with a row entering and leaving a restricted, lazily sorted view', async () => {
    const cfg = CONFIGS[2] as Config;
    const initial: [string, RowData][] = [['k0', {}], ['k5', { num: 0 }]];
    const cmds = [
      new Batch([{ kind: 'upsert', key: 'k0', data: { num: 0 } }, { kind: 'delete', key: 'k2' }], false),
      new Batch([{ kind: 'insertAt', index: 2, key: 'k2', data: {} }], false),
      new Batch([{ kind: 'insertAt', index: 2, key: 'k3', data: {} }, { kind: 'insertAt', index: 2, key: 'k0', data: {} }, { kind: 'recategorize', pick: 0, name: 'a', flag: true }], false),
    ];
    await fc.assert(tableMatchesModel(fc.constant(cfg)), { examples: [[cfg, initial, cmds as never]], numRuns: 1 });
  });
});
