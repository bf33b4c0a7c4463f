/**
 * A model-based test of folders and messages: random sequences of IMAPIFolder / IMessage
 * operations against a plain model of the folder tree, checking after every command the
 * contents and hierarchy tables (fresh and long-lived), the computed folder and message
 * properties, and the object notifications an advise sink on the store receives, as
 * docs/decisions/007 and 008 describe them:
 * - a folder created / moved / copied / deleted: fnevObjectCreated / Moved / Copied / Deleted for
 *   that folder (the parent gets no fnevObjectModified); a copy also reports each copied
 *   subfolder and message (fnevObjectCopied), a hard delete each purged folder and message, a
 *   soft delete the folder and each subfolder and message it soft-deletes;
 * - messages: fnevObjectCreated at the first save, fnevObjectModified at a later save and at a
 *   read-state change (only when the state changes), fnevObjectMoved / Copied per message
 *   copied or moved (a move within the folder is skipped), fnevObjectDeleted per deleted message.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allRows, cell, makeStore, objectEvents, prop, scodeOf, type TestStore } from './helpers.js';
import type { IMAPIFolder, IMessage, IMsgStore } from '../../../src/core/store/interfaces.js';
import type { IMAPITable } from '../../../src/core/table/interfaces.js';
import type { NotificationRecorder } from '../../../src/core/notify/sink.js';
import type { OBJECT_NOTIFICATION } from '../../../src/core/notify/types.js';
import type { SRow } from '../../../src/core/props/types.js';
import * as T from '../../../src/core/generated/proptags.js';
import * as C from '../../../src/core/generated/constants.js';
import * as E from '../../../src/core/generated/scodes.js';

// ------------------------------------------------------------------ the model

interface MMsg {
  eid: Uint8Array;
  node: number;
  subject: string;
  read: boolean;
  attach: number;
  recips: number;
  soft: boolean;
}

interface MFolder {
  eid: Uint8Array;
  node: number;
  name: string;
  parent: MFolder | null;
  /** In the store's order (creation, or arrival by a move); soft-deleted ones stay listed. */
  children: MFolder[];
  messages: MMsg[];
  soft: boolean;
}

interface Model {
  root: MFolder;
  next: number;
}

/** An object notification as the model predicts it. */
interface Ev {
  type: number;
  obj: number;
  eid: Uint8Array;
  old?: Uint8Array;
}

interface Real {
  s: TestStore;
  store: IMsgStore;
  rec: NotificationRecorder;
  seen: number;
  /** countsOf(model) at the last check. */
  counts: Map<string, string>;
  /** Long-lived tables on the model's root: every message, unread messages, the whole subtree. */
  contents: IMAPITable;
  unread: IMAPITable;
  deep: IMAPITable;
  /** ... and with SHOW_SOFT_DELETES: soft-deleted messages, soft-deleted subfolders at any depth. */
  softContents: IMAPITable;
  softDeep: IMAPITable;
}

const hex = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('hex') : '-');
const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();
const pick = <X>(xs: X[], n: number): X => xs[n % xs.length] as X;

function liveFolders(m: Model): MFolder[] {
  const out: MFolder[] = [];
  const walk = (f: MFolder) => {
    out.push(f);
    for (const c of f.children) if (!c.soft) walk(c);
  };
  walk(m.root);
  return out;
}

const live = (f: MFolder) => f.messages.filter((x) => !x.soft);
const liveChildren = (f: MFolder) => f.children.filter((c) => !c.soft);
const allMessages = (m: Model) => liveFolders(m).flatMap((f) => f.messages);
const sig = (x: { subject: string; read: boolean; attach: number; recips: number }) => `${x.subject}|${x.read ? 1 : 0}|${x.attach > 0 ? 1 : 0}|${x.recips}`;

function inSubtree(top: MFolder, f: MFolder): boolean {
  for (let at: MFolder | null = f; at; at = at.parent) if (at === top) return true;
  return false;
}

function subtreeHasLiveMessages(f: MFolder): boolean {
  return live(f).length > 0 || liveChildren(f).some(subtreeHasLiveMessages);
}

/** Marks a folder's live contents soft-deleted; events for each message and each subfolder (as a hard delete sends). */
function softDeleteContents(f: MFolder, events: Ev[]): void {
  for (const x of live(f)) {
    x.soft = true;
    events.push({ type: C.fnevObjectDeleted, obj: C.MAPI_MESSAGE, eid: x.eid });
  }
  for (const c of liveChildren(f)) {
    c.soft = true;
    events.push({ type: C.fnevObjectDeleted, obj: C.MAPI_FOLDER, eid: c.eid });
    softDeleteContents(c, events);
  }
}

/** Purges a folder and everything below it (soft-deleted items too): an event for each, deepest first. */
function purge(f: MFolder, events: Ev[]): void {
  for (const c of [...f.children]) purge(c, events);
  for (const x of f.messages) events.push({ type: C.fnevObjectDeleted, obj: C.MAPI_MESSAGE, eid: x.eid });
  events.push({ type: C.fnevObjectDeleted, obj: C.MAPI_FOLDER, eid: f.eid });
  f.parent?.children.splice(f.parent.children.indexOf(f), 1);
}

/** Deletes a folder as deleteFolderTree does: hard (or already soft) purges, soft marks. */
function deleteFolderModel(f: MFolder, hard: boolean, events: Ev[]): void {
  if (hard || f.soft) return purge(f, events);
  f.soft = true;
  events.push({ type: C.fnevObjectDeleted, obj: C.MAPI_FOLDER, eid: f.eid });
  softDeleteContents(f, events);
}

// ------------------------------------------------------------------ reading the store

const MSG_COLUMNS = [T.PR_ENTRYID, T.PR_SUBJECT_W, T.PR_MESSAGE_FLAGS, T.PR_HASATTACH, T.PR_MESSAGE_SIZE, T.PR_DISPLAY_TO_W];
const FOLDER_COLUMNS = [T.PR_ENTRYID, T.PR_DISPLAY_NAME_W, T.PR_CONTENT_COUNT, T.PR_CONTENT_UNREAD, T.PR_SUBFOLDERS, T.PR_FOLDER_CHILD_COUNT, T.PR_DEPTH];

async function tableRows(t: IMAPITable, columns: number[]): Promise<SRow[]> {
  await t.setColumns(columns, 0);
  return allRows(t);
}

/** What a contents row says about a message, in the model's terms. */
function messageView(r: SRow) {
  const flags = cell(r, T.PR_MESSAGE_FLAGS) as number;
  const to = String(cell(r, T.PR_DISPLAY_TO_W) ?? '');
  return {
    eid: hex(cell(r, T.PR_ENTRYID) as Uint8Array),
    subject: cell(r, T.PR_SUBJECT_W) as string,
    read: (flags & C.MSGFLAG_READ) !== 0,
    hasAttach: cell(r, T.PR_HASATTACH) as boolean,
    attachBit: (flags & C.MSGFLAG_HASATTACH) !== 0,
    sized: (cell(r, T.PR_MESSAGE_SIZE) as number) > 0,
    recips: to === '' ? 0 : to.split(';').length,
  };
}

const modelView = (x: MMsg) => ({ eid: hex(x.eid), subject: x.subject, read: x.read, hasAttach: x.attach > 0, attachBit: x.attach > 0, sized: true, recips: x.recips });
const byEid = <V extends { eid: string }>(xs: V[]) => [...xs].sort((a, b) => (a.eid < b.eid ? -1 : a.eid > b.eid ? 1 : 0));

function folderView(r: SRow) {
  return {
    eid: hex(cell(r, T.PR_ENTRYID) as Uint8Array),
    name: cell(r, T.PR_DISPLAY_NAME_W) as string,
    count: cell(r, T.PR_CONTENT_COUNT) as number,
    unread: cell(r, T.PR_CONTENT_UNREAD) as number,
    subfolders: cell(r, T.PR_SUBFOLDERS) as boolean,
    children: cell(r, T.PR_FOLDER_CHILD_COUNT) as number,
  };
}

const modelFolderView = (f: MFolder) => ({
  eid: hex(f.eid),
  name: f.name,
  count: live(f).length,
  unread: live(f).filter((x) => !x.read).length,
  subfolders: liveChildren(f).length > 0,
  children: liveChildren(f).length,
});

/** Checks one live folder: its properties, its contents and hierarchy tables (with and without SHOW_SOFT_DELETES). */
async function checkFolder(r: Real, f: MFolder): Promise<void> {
  const folder = r.s.folder(f.node, false);
  const at = `folder ${f.name}`;
  const [count, unread, subfolders, children, name] = await folder.getProps([T.PR_CONTENT_COUNT, T.PR_CONTENT_UNREAD, T.PR_SUBFOLDERS, T.PR_FOLDER_CHILD_COUNT, T.PR_DISPLAY_NAME_W], 0);
  const { eid: _eid, ...want } = modelFolderView(f);
  expect({ name: name?.Value, count: count?.Value, unread: unread?.Value, subfolders: subfolders?.Value, children: children?.Value }, at).toEqual(want);
  const rows = await tableRows(await folder.getContentsTable(0), MSG_COLUMNS);
  expect(byEid(rows.map(messageView)), `${at}: contents`).toEqual(byEid(live(f).map(modelView)));
  const softRows = await tableRows(await folder.getContentsTable(C.SHOW_SOFT_DELETES), MSG_COLUMNS);
  expect(byEid(softRows.map(messageView)), `${at}: soft-deleted contents`).toEqual(byEid(f.messages.filter((x) => x.soft).map(modelView)));
  const hier = await tableRows(await folder.getHierarchyTable(0), FOLDER_COLUMNS);
  expect(byEid(hier.map(folderView)), `${at}: hierarchy`).toEqual(byEid(liveChildren(f).map(modelFolderView)));
  const softHier = await tableRows(await folder.getHierarchyTable(C.SHOW_SOFT_DELETES), [T.PR_ENTRYID, T.PR_DISPLAY_NAME_W]);
  expect(softHier.map((x) => hex(cell(x, T.PR_ENTRYID) as Uint8Array)).sort(), `${at}: soft-deleted subfolders`).toEqual(f.children.filter((c) => c.soft).map((c) => hex(c.eid)).sort());
}

/** A long-lived table must equal a fresh one (same rows, same order). */
async function checkLongLived(kept: IMAPITable, fresh: IMAPITable, columns: number[], what: string): Promise<SRow[]> {
  const a = await tableRows(kept, columns);
  const b = await tableRows(fresh, columns);
  const show = (rs: SRow[]) => rs.map((x) => `${hex(cell(x, T.PR_ENTRYID) as Uint8Array)}:${String(cell(x, columns[1] as number))}:${String(cell(x, T.PR_DEPTH) ?? '')}`);
  expect(show(a), `long-lived ${what} table`).toEqual(show(b));
  return b;
}

/** Checks everything after a command: each live folder, the long-lived tables, and the notifications. */
/** PR_CONTENT_COUNT, PR_CONTENT_UNREAD and PR_SUBFOLDERS of every folder of the model (soft-deleted ones too), by entry ID. */
function countsOf(m: Model): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (f: MFolder) => {
    out.set(hex(f.eid), `${live(f).length}|${live(f).filter((x) => !x.read).length}|${liveChildren(f).length > 0}`);
    for (const c of f.children) walk(c);
  };
  walk(m.root);
  return out;
}

const COUNT_TAGS = new Set([T.PR_CONTENT_COUNT, T.PR_CONTENT_UNREAD, T.PR_SUBFOLDERS].map((t) => t >>> 0));

/** A folder's fnevObjectModified for its computed counts (handling-message-store-notification.md). */
const isCountEvent = ([type, o]: [number, OBJECT_NOTIFICATION]) =>
  type === C.fnevObjectModified && o.ulObjType === C.MAPI_FOLDER && !!o.lpPropTagArray?.length && o.lpPropTagArray.every((t: number) => COUNT_TAGS.has(t >>> 0));

async function checkAll(m: Model, r: Real, expectedEvents: Ev[]): Promise<void> {
  await r.s.flush();
  const all = objectEvents(r.rec, true).slice(r.seen);
  r.seen += all.length;
  // Folders whose counts changed get an fnevObjectModified (once per call that changed them).
  const counts = countsOf(m);
  const changed = [...counts].filter(([eid, v]) => r.counts.has(eid) && r.counts.get(eid) !== v).map(([eid]) => eid);
  r.counts = counts;
  const countEvents = all.filter(isCountEvent);
  expect([...new Set(countEvents.map(([, o]) => hex(o.lpEntryID)))].sort(), 'fnevObjectModified of folders whose counts changed').toEqual(changed.sort());
  const got = all.filter((e) => !isCountEvent(e));
  const expected = expectedEvents;
  // Copies are paired with their originals in the model by signature, so the pairing of new and old IDs is not compared.
  const flat = (type: number, obj: number, eid: Uint8Array | null, old: Uint8Array | null | undefined) => [`${type}:${obj}:${hex(eid)}`, ...(old ? [`old ${type}:${obj}:${hex(old)}`] : [])];
  const actual = got.flatMap(([type, o]) => flat(type, o.ulObjType, o.lpEntryID, o.lpOldID)).sort();
  const predicted = expected.flatMap((e) => flat(e.type, e.obj, e.eid, e.old)).sort();
  expect(actual, 'object notifications').toEqual(predicted);

  for (const f of liveFolders(m)) await checkFolder(r, f);

  const root = r.s.folder(m.root.node, false);
  const contents = await checkLongLived(r.contents, await root.getContentsTable(0), [T.PR_ENTRYID, T.PR_SUBJECT_W], 'contents');
  expect(contents.map((x) => hex(cell(x, T.PR_ENTRYID) as Uint8Array)).sort()).toEqual(live(m.root).map((x) => hex(x.eid)).sort());
  const freshUnread = await root.getContentsTable(0);
  await freshUnread.restrict(UNREAD, 0);
  const unread = await checkLongLived(r.unread, freshUnread, [T.PR_ENTRYID, T.PR_SUBJECT_W], 'unread');
  expect(unread.map((x) => hex(cell(x, T.PR_ENTRYID) as Uint8Array)).sort()).toEqual(live(m.root).filter((x) => !x.read).map((x) => hex(x.eid)).sort());
  const deep = await checkLongLived(r.deep, await root.getHierarchyTable(C.CONVENIENT_DEPTH), [T.PR_ENTRYID, T.PR_DISPLAY_NAME_W, T.PR_DEPTH], 'deep hierarchy');
  const tree: string[] = [];
  const walk = (f: MFolder, depth: number) => {
    for (const c of liveChildren(f)) {
      tree.push(`${hex(c.eid)}:${c.name}:${depth}`);
      walk(c, depth + 1);
    }
  };
  walk(m.root, 1);
  expect(deep.map((x) => `${hex(cell(x, T.PR_ENTRYID) as Uint8Array)}:${String(cell(x, T.PR_DISPLAY_NAME_W))}:${String(cell(x, T.PR_DEPTH))}`)).toEqual(tree);
  const soft = await checkLongLived(r.softContents, await root.getContentsTable(C.SHOW_SOFT_DELETES), [T.PR_ENTRYID, T.PR_SUBJECT_W], 'soft-deleted contents');
  expect(soft.map((x) => hex(cell(x, T.PR_ENTRYID) as Uint8Array)).sort()).toEqual(m.root.messages.filter((x) => x.soft).map((x) => hex(x.eid)).sort());
  const softDeep = await checkLongLived(r.softDeep, await root.getHierarchyTable(C.CONVENIENT_DEPTH | C.SHOW_SOFT_DELETES), [T.PR_ENTRYID, T.PR_DISPLAY_NAME_W, T.PR_DEPTH], 'soft-deleted deep hierarchy');
  const softTree: string[] = [];
  const walkAll = (f: MFolder, depth: number) => {
    for (const c of f.children) {
      if (c.soft) softTree.push(`${hex(c.eid)}:${c.name}:${depth}`);
      walkAll(c, depth + 1);
    }
  };
  walkAll(m.root, 1);
  expect(softDeep.map((x) => `${hex(cell(x, T.PR_ENTRYID) as Uint8Array)}:${String(cell(x, T.PR_DISPLAY_NAME_W))}:${String(cell(x, T.PR_DEPTH))}`)).toEqual(softTree);
}

const UNREAD = { rt: C.RES_BITMASK, relBMR: C.BMR_EQZ, ulPropTag: T.PR_MESSAGE_FLAGS, ulMask: C.MSGFLAG_READ } as const;

/** The node of an entry ID. */
function nodeOf(r: Real, eid: Uint8Array): number {
  return r.s.backend.entryIds.parse(eid)?.id as number;
}

/** Reads a live message of a folder's contents table that the model does not know yet: [entry ID, signature]. */
async function unknownMessages(r: Real, f: MFolder): Promise<{ eid: Uint8Array; sig: string }[]> {
  const known = new Set(f.messages.map((x) => hex(x.eid)));
  const rows = await tableRows(await r.s.folder(f.node, false).getContentsTable(0), MSG_COLUMNS);
  return rows
    .map(messageView)
    .filter((v) => !known.has(v.eid))
    .map((v) => ({ eid: Uint8Array.from(Buffer.from(v.eid, 'hex')), sig: sig({ subject: v.subject, read: v.read, attach: v.hasAttach ? 1 : 0, recips: v.recips }) }));
}

/** Gives expected copies (no entry ID yet) the entry IDs of the new messages of `f`, matched by signature. */
async function adoptCopies(r: Real, f: MFolder, copies: MMsg[]): Promise<void> {
  const fresh = await unknownMessages(r, f);
  expect(fresh.map((x) => x.sig).sort(), `copies in ${f.name}`).toEqual(copies.map(sig).sort());
  for (const c of copies) {
    const i = fresh.findIndex((x) => x.sig === sig(c));
    const [hit] = fresh.splice(i, 1);
    c.eid = (hit as { eid: Uint8Array }).eid;
    c.node = nodeOf(r, c.eid);
  }
}

// ------------------------------------------------------------------ commands

type Cmd = fc.AsyncCommand<Model, Real>;
const NAMES = ['Alpha', 'alpha', 'Beta', 'Gamma', 'Delta'];

class CreateFolder implements Cmd {
  constructor(readonly at: number, readonly name: string, readonly openIfExists: boolean) {}
  check = (m: Model) => liveFolders(m).length < 10;
  async run(m: Model, r: Real): Promise<void> {
    const parent = pick(liveFolders(m), this.at);
    const handle = r.s.folder(parent.node);
    const existing = liveChildren(parent).find((c) => same(c.name, this.name));
    const events: Ev[] = [];
    if (existing && !this.openIfExists) {
      expect(await scodeOf(handle.createFolder(C.FOLDER_GENERIC, this.name, null, null, 0))).toBe(E.MAPI_E_COLLISION);
    } else {
      const f = await handle.createFolder(C.FOLDER_GENERIC, this.name, null, null, this.openIfExists ? C.OPEN_IF_EXISTS : 0);
      const eid = (await prop(f, T.PR_ENTRYID)) as Uint8Array;
      if (existing) expect(hex(eid)).toBe(hex(existing.eid));
      else {
        parent.children.push({ eid, node: nodeOf(r, eid), name: this.name, parent, children: [], messages: [], soft: false });
        events.push({ type: C.fnevObjectCreated, obj: C.MAPI_FOLDER, eid });
      }
    }
    await checkAll(m, r, events);
  }
  toString = () => `createFolder(#${this.at}, ${this.name}${this.openIfExists ? ', OPEN_IF_EXISTS' : ''})`;
}

class CreateMessage implements Cmd {
  constructor(readonly at: number, readonly attach: number, readonly recips: number, readonly read: boolean) {}
  check = (m: Model) => allMessages(m).length < 30;
  async run(m: Model, r: Real): Promise<void> {
    const folder = pick(liveFolders(m), this.at);
    const subject = `m${m.next++}`;
    const msg = await r.s.folder(folder.node).createMessage(null, 0);
    await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: subject }, ...(this.read ? [{ ulPropTag: T.PR_MESSAGE_FLAGS, Value: C.MSGFLAG_READ | C.MSGFLAG_UNSENT }] : [])]);
    if (this.recips) await msg.modifyRecipients(C.MODRECIP_ADD, recipients(this.recips));
    for (let i = 0; i < this.attach; i++) await addAttachment(msg, i);
    await msg.saveChanges(C.KEEP_OPEN_READWRITE);
    const eid = (await prop(msg, T.PR_ENTRYID)) as Uint8Array;
    folder.messages.push({ eid, node: nodeOf(r, eid), subject, read: this.read, attach: this.attach, recips: this.recips, soft: false });
    await checkAll(m, r, [{ type: C.fnevObjectCreated, obj: C.MAPI_MESSAGE, eid }]);
  }
  toString = () => `createMessage(#${this.at}, attach ${this.attach}, recips ${this.recips}${this.read ? ', read' : ''})`;
}

function recipients(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    rgPropVals: [
      { ulPropTag: T.PR_DISPLAY_NAME_W, Value: `R${i}` },
      { ulPropTag: T.PR_RECIPIENT_TYPE, Value: C.MAPI_TO },
    ],
  }));
}

async function addAttachment(msg: IMessage, i: number): Promise<void> {
  const { attach } = await msg.createAttach(null, 0);
  await attach.setProps([
    { ulPropTag: T.PR_ATTACH_METHOD, Value: C.ATTACH_BY_VALUE },
    { ulPropTag: T.PR_ATTACH_DATA_BIN, Value: Uint8Array.of(i, 1, 2, 3) },
  ]);
  await attach.saveChanges(0);
}

class ModifyMessage implements Cmd {
  constructor(readonly at: number, readonly change: 'subject' | 'addAttach' | 'dropAttach' | 'addRecip') {}
  check = (m: Model) => allMessages(m).some((x) => !x.soft);
  async run(m: Model, r: Real): Promise<void> {
    const x = pick(allMessages(m).filter((y) => !y.soft), this.at);
    const msg = await r.store.openEntry<IMessage>(x.eid, null, C.MAPI_MODIFY);
    x.subject = `m${m.next++}`;
    await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: x.subject }]);
    if (this.change === 'addAttach') {
      await addAttachment(msg, x.attach);
      x.attach++;
    } else if (this.change === 'dropAttach') {
      for (const row of await tableRows(await msg.getAttachmentTable(0), [T.PR_ATTACH_NUM])) await msg.deleteAttach(cell(row, T.PR_ATTACH_NUM) as number, null, 0);
      x.attach = 0;
    } else if (this.change === 'addRecip') {
      await msg.modifyRecipients(0, recipients(x.recips + 1));
      x.recips++;
    }
    await msg.saveChanges(0);
    await checkAll(m, r, [{ type: C.fnevObjectModified, obj: C.MAPI_MESSAGE, eid: x.eid }]);
  }
  toString = () => `modify+save(msg #${this.at}, ${this.change})`;
}

class SetReadFlag implements Cmd {
  constructor(readonly at: number, readonly clear: boolean) {}
  check = (m: Model) => allMessages(m).some((x) => !x.soft);
  async run(m: Model, r: Real): Promise<void> {
    const x = pick(allMessages(m).filter((y) => !y.soft), this.at);
    // Read-only handles may change the read state (docs/decisions/008).
    const msg = await r.store.openEntry<IMessage>(x.eid, null, 0);
    await msg.setReadFlag(this.clear ? C.CLEAR_READ_FLAG : 0);
    const events: Ev[] = x.read === this.clear ? [{ type: C.fnevObjectModified, obj: C.MAPI_MESSAGE, eid: x.eid }] : [];
    x.read = !this.clear;
    await checkAll(m, r, events);
  }
  toString = () => `IMessage.setReadFlag(msg #${this.at}${this.clear ? ', CLEAR_READ_FLAG' : ''})`;
}

/** A message listed to a folder method that is none of `candidates` (another folder's, or soft-deleted): it makes MAPI_W_PARTIAL_COMPLETION. */
function foreignMessage(m: Model, candidates: MMsg[], n: number | null): MMsg | undefined {
  const others = allMessages(m).filter((x) => !candidates.includes(x));
  return n !== null && others.length ? pick(others, n) : undefined;
}

/** Distinct picks from a list. */
function picks<X>(xs: X[], ns: number[]): X[] {
  const out: X[] = [];
  for (const n of ns) {
    const x = pick(xs, n);
    if (!out.includes(x)) out.push(x);
  }
  return out;
}

class SetReadFlags implements Cmd {
  constructor(readonly at: number, readonly which: number[] | null, readonly clear: boolean, readonly foreign: number | null) {}
  check = (m: Model) => liveFolders(m).some((f) => live(f).length > 0);
  async run(m: Model, r: Real): Promise<void> {
    const folder = pick(liveFolders(m).filter((f) => live(f).length > 0), this.at);
    const targets = this.which ? picks(live(folder), this.which) : live(folder);
    const other = this.which ? foreignMessage(m, live(folder), this.foreign) : undefined;
    const list = this.which ? [...targets.map((x) => x.eid), ...(other ? [other.eid] : [])] : null;
    const result = await r.s.folder(folder.node, false).setReadFlags(list, null, this.clear ? C.CLEAR_READ_FLAG : 0);
    expect(result).toEqual(other ? { warning: E.MAPI_W_PARTIAL_COMPLETION } : {});
    const events: Ev[] = [];
    for (const x of targets) {
      if (x.read !== this.clear) continue;
      x.read = !this.clear;
      events.push({ type: C.fnevObjectModified, obj: C.MAPI_MESSAGE, eid: x.eid });
    }
    await checkAll(m, r, events);
  }
  toString = () => `setReadFlags(#${this.at}, ${this.which ? `[${this.which.join(',')}]` : 'null'}${this.clear ? ', CLEAR_READ_FLAG' : ''}${this.foreign !== null ? ', + foreign' : ''})`;
}

class CopyMessages implements Cmd {
  constructor(readonly from: number, readonly which: number[], readonly to: number, readonly move: boolean, readonly foreign: number | null) {}
  check = (m: Model) => liveFolders(m).some((f) => live(f).length > 0) && allMessages(m).length < 30;
  async run(m: Model, r: Real): Promise<void> {
    const src = pick(liveFolders(m).filter((f) => live(f).length > 0), this.from);
    const dest = pick(liveFolders(m), this.to);
    const chosen = picks(live(src), this.which);
    const other = foreignMessage(m, live(src), this.foreign);
    const list = [...chosen.map((x) => x.eid), ...(other ? [other.eid] : [])];
    const result = await r.s.folder(src.node).copyMessages(list, null, r.s.folder(dest.node), null, this.move ? C.MESSAGE_MOVE : 0);
    expect(result).toEqual(other ? { warning: E.MAPI_W_PARTIAL_COMPLETION } : {});
    const events: Ev[] = [];
    if (this.move) {
      // A move into the folder the messages are in is skipped.
      for (const x of dest === src ? [] : chosen) {
        const old = x.eid;
        x.eid = r.s.ctx.messageEntryId({ id: x.node, folderId: dest.node });
        src.messages.splice(src.messages.indexOf(x), 1);
        dest.messages.push(x);
        events.push({ type: C.fnevObjectMoved, obj: C.MAPI_MESSAGE, eid: x.eid, old });
      }
    } else {
      const copies = chosen.map((x) => ({ ...x, eid: new Uint8Array(0), node: 0 }));
      await adoptCopies(r, dest, copies);
      dest.messages.push(...copies);
      copies.forEach((c, i) => events.push({ type: C.fnevObjectCopied, obj: C.MAPI_MESSAGE, eid: c.eid, old: (chosen[i] as MMsg).eid }));
    }
    await checkAll(m, r, events);
  }
  toString = () => `copyMessages(#${this.from} [${this.which.join(',')}]${this.foreign !== null ? ' + foreign' : ''} → #${this.to}${this.move ? ', MESSAGE_MOVE' : ''})`;
}

class DeleteMessages implements Cmd {
  constructor(readonly at: number, readonly which: number[], readonly hard: boolean, readonly foreign: number | null) {}
  check = (m: Model) => liveFolders(m).some((f) => f.messages.length > 0);
  async run(m: Model, r: Real): Promise<void> {
    const folder = pick(liveFolders(m).filter((f) => f.messages.length > 0), this.at);
    // Both reach the folder's soft-deleted messages too, and purge them (docs/decisions/007).
    const candidates = folder.messages;
    const chosen = candidates.length ? picks(candidates, this.which) : [];
    const other = foreignMessage(m, candidates, this.foreign);
    const list = [...chosen.map((x) => x.eid), ...(other ? [other.eid] : [])];
    const result = await r.s.folder(folder.node).deleteMessages(list, null, this.hard ? C.DELETE_HARD_DELETE : 0);
    expect(result).toEqual(other ? { warning: E.MAPI_W_PARTIAL_COMPLETION } : {});
    const events: Ev[] = [];
    for (const x of chosen) {
      events.push({ type: C.fnevObjectDeleted, obj: C.MAPI_MESSAGE, eid: x.eid });
      if (this.hard || x.soft) folder.messages.splice(folder.messages.indexOf(x), 1);
      else x.soft = true;
    }
    await checkAll(m, r, events);
  }
  toString = () => `deleteMessages(#${this.at} [${this.which.join(',')}]${this.foreign !== null ? ' + foreign' : ''}${this.hard ? ', DELETE_HARD_DELETE' : ''})`;
}

class EmptyFolder implements Cmd {
  constructor(readonly at: number, readonly hard: boolean) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const folder = pick(liveFolders(m), this.at);
    expect(await r.s.folder(folder.node).emptyFolder(null, this.hard ? C.DELETE_HARD_DELETE : 0)).toEqual({});
    const events: Ev[] = [];
    if (this.hard) {
      for (const x of folder.messages) events.push({ type: C.fnevObjectDeleted, obj: C.MAPI_MESSAGE, eid: x.eid });
      folder.messages = [];
      for (const c of [...folder.children]) purge(c, events);
    } else {
      for (const x of live(folder)) {
        x.soft = true;
        events.push({ type: C.fnevObjectDeleted, obj: C.MAPI_MESSAGE, eid: x.eid });
      }
      for (const c of liveChildren(folder)) deleteFolderModel(c, false, events);
    }
    await checkAll(m, r, events);
  }
  toString = () => `emptyFolder(#${this.at}${this.hard ? ', DELETE_HARD_DELETE' : ''})`;
}

class DeleteFolder implements Cmd {
  constructor(readonly at: number, readonly hard: boolean, readonly flags: number) {}
  check = (m: Model) => liveFolders(m).some((f) => f.children.length > 0);
  async run(m: Model, r: Real): Promise<void> {
    // Any subfolder of a live folder, soft-deleted ones included (deleting those purges them).
    const target = pick(liveFolders(m).flatMap((f) => f.children), this.at);
    const parent = target.parent as MFolder;
    const flags = this.flags | (this.hard ? C.DELETE_HARD_DELETE : 0);
    const sc = await scodeOf(r.s.folder(parent.node).deleteFolder(target.eid, null, flags));
    const events: Ev[] = [];
    if (!(this.flags & C.DEL_FOLDERS) && liveChildren(target).length) expect(sc).toBe(E.MAPI_E_HAS_FOLDERS);
    else if (!(this.flags & C.DEL_MESSAGES) && subtreeHasLiveMessages(target)) expect(sc).toBe(E.MAPI_E_HAS_MESSAGES);
    else {
      expect(sc).toBeUndefined();
      deleteFolderModel(target, this.hard, events);
    }
    await checkAll(m, r, events);
  }
  toString = () => `deleteFolder(subfolder #${this.at}, flags 0x${(this.flags | (this.hard ? C.DELETE_HARD_DELETE : 0)).toString(16)})`;
}

class CopyFolder implements Cmd {
  constructor(readonly at: number, readonly to: number, readonly move: boolean, readonly rename: string | null, readonly subfolders: boolean) {}
  check = (m: Model) => liveFolders(m).length > 1 && liveFolders(m).length < 12 && allMessages(m).length < 30;
  async run(m: Model, r: Real): Promise<void> {
    const src = pick(liveFolders(m).slice(1), this.at);
    const dest = pick(liveFolders(m), this.to);
    const parent = src.parent as MFolder;
    const name = this.rename ?? src.name;
    const flags = (this.move ? C.FOLDER_MOVE : 0) | (this.subfolders ? C.COPY_SUBFOLDERS : 0);
    const call = r.s.folder(parent.node).copyFolder(src.eid, null, r.s.folder(dest.node), this.rename, null, flags);
    const events: Ev[] = [];
    if (inSubtree(src, dest)) expect(await scodeOf(call)).toBe(E.MAPI_E_FOLDER_CYCLE);
    else if (liveChildren(dest).some((c) => same(c.name, name) && !(this.move && c === src))) expect(await scodeOf(call)).toBe(E.MAPI_E_COLLISION);
    else if (this.move) {
      expect(await call).toEqual({});
      // A folder moved within its parent keeps its place among its siblings.
      if (dest !== parent) {
        parent.children.splice(parent.children.indexOf(src), 1);
        dest.children.push(src);
      }
      src.parent = dest;
      src.name = name;
      // A move keeps the folder's entry ID and its messages' (docs/decisions/007).
      events.push({ type: C.fnevObjectMoved, obj: C.MAPI_FOLDER, eid: src.eid, old: src.eid });
    } else {
      expect(await call).toEqual({});
      const known = new Set(dest.children.map((c) => hex(c.eid)));
      const rows = await tableRows(await r.s.folder(dest.node, false).getHierarchyTable(0), [T.PR_ENTRYID]);
      const fresh = rows.map((x) => cell(x, T.PR_ENTRYID) as Uint8Array).filter((e) => !known.has(hex(e)));
      expect(fresh).toHaveLength(1);
      dest.children.push(await this.adoptTree(r, src, dest, fresh[0] as Uint8Array, name, this.subfolders, events));
    }
    await checkAll(m, r, events);
  }

  /** The model of a copied folder, given the copy's entry ID: live messages and (with `deep`) live subfolders, found by name. */
  private async adoptTree(r: Real, from: MFolder, parent: MFolder, eid: Uint8Array, name: string, deep: boolean, events: Ev[]): Promise<MFolder> {
    const copy: MFolder = { eid, node: nodeOf(r, eid), name, parent, children: [], messages: [], soft: false };
    events.push({ type: C.fnevObjectCopied, obj: C.MAPI_FOLDER, eid, old: from.eid });
    const copies = live(from).map((x) => ({ ...x, eid: new Uint8Array(0), node: 0 }));
    await adoptCopies(r, copy, copies);
    copy.messages = copies;
    copies.forEach((c, i) => events.push({ type: C.fnevObjectCopied, obj: C.MAPI_MESSAGE, eid: c.eid, old: (live(from)[i] as MMsg).eid }));
    if (!deep) return copy;
    const rows = await tableRows(await r.s.folder(copy.node, false).getHierarchyTable(0), [T.PR_ENTRYID, T.PR_DISPLAY_NAME_W]);
    for (const child of liveChildren(from)) {
      const row = rows.find((x) => cell(x, T.PR_DISPLAY_NAME_W) === child.name);
      expect(row, `copy of ${child.name}`).toBeDefined();
      copy.children.push(await this.adoptTree(r, child, copy, cell(row, T.PR_ENTRYID) as Uint8Array, child.name, true, events));
    }
    return copy;
  }

  toString = () => `copyFolder(#${this.at} → #${this.to}${this.rename ? ` as ${this.rename}` : ''}${this.move ? ', FOLDER_MOVE' : ''}${this.subfolders ? ', COPY_SUBFOLDERS' : ''})`;
}

// ------------------------------------------------------------------ the run

const idx = fc.nat(50);
const commands = [
  fc.tuple(idx, fc.constantFrom(...NAMES), fc.boolean()).map(([a, n, o]) => new CreateFolder(a, n, o)),
  fc.tuple(idx, fc.nat(2), fc.nat(2), fc.boolean()).map(([a, at, rc, rd]) => new CreateMessage(a, at, rc, rd)),
  fc.tuple(idx, fc.nat(2), fc.nat(2), fc.boolean()).map(([a, at, rc, rd]) => new CreateMessage(a, at, rc, rd)),
  fc.tuple(idx, fc.constantFrom('subject' as const, 'addAttach' as const, 'dropAttach' as const, 'addRecip' as const)).map(([a, c]) => new ModifyMessage(a, c)),
  fc.tuple(idx, fc.boolean()).map(([a, c]) => new SetReadFlag(a, c)),
  fc.tuple(idx, fc.option(fc.array(idx, { minLength: 1, maxLength: 3 })), fc.boolean(), fc.option(idx, { freq: 3 })).map(([a, w, c, f]) => new SetReadFlags(a, w, c, f)),
  fc.tuple(idx, fc.array(idx, { minLength: 1, maxLength: 2 }), idx, fc.boolean(), fc.option(idx, { freq: 4 })).map(([a, w, t, mv, f]) => new CopyMessages(a, w, t, mv, f)),
  fc.tuple(idx, fc.array(idx, { minLength: 1, maxLength: 2 }), fc.boolean(), fc.option(idx, { freq: 4 })).map(([a, w, h, f]) => new DeleteMessages(a, w, h, f)),
  fc.tuple(idx, fc.boolean()).map(([a, h]) => new EmptyFolder(a, h)),
  fc.tuple(idx, fc.boolean(), fc.constantFrom(0, C.DEL_MESSAGES, C.DEL_FOLDERS, C.DEL_MESSAGES | C.DEL_FOLDERS, C.DEL_MESSAGES | C.DEL_FOLDERS)).map(([a, h, f]) => new DeleteFolder(a, h, f)),
  fc.tuple(idx, idx, fc.boolean(), fc.option(fc.constantFrom(...NAMES), { freq: 2 }), fc.boolean()).map(([a, t, mv, n, sub]) => new CopyFolder(a, t, mv, n, sub)),
];

async function setup(): Promise<{ model: Model; real: Real }> {
  const s = await makeStore();
  const ipm = s.openSpecial('ipmSubtree');
  const top: IMAPIFolder = await ipm.createFolder(C.FOLDER_GENERIC, 'Model', null, null, 0);
  const eid = (await prop(top, T.PR_ENTRYID)) as Uint8Array;
  const node = s.backend.entryIds.parse(eid)?.id as number;
  const rec = await s.record(C.fnevObjectCreated | C.fnevObjectDeleted | C.fnevObjectModified | C.fnevObjectMoved | C.fnevObjectCopied);
  const contents = await top.getContentsTable(0);
  const unread = await top.getContentsTable(0);
  await unread.restrict(UNREAD, 0);
  const deep = await top.getHierarchyTable(C.CONVENIENT_DEPTH);
  const softContents = await top.getContentsTable(C.SHOW_SOFT_DELETES);
  const softDeep = await top.getHierarchyTable(C.CONVENIENT_DEPTH | C.SHOW_SOFT_DELETES);
  for (const t of [contents, unread, deep, softContents, softDeep]) await allRows(t);
  const model: Model = { root: { eid, node, name: 'Model', parent: null, children: [], messages: [], soft: false }, next: 0 };
  return { model, real: { s, store: s.store(), rec, seen: 0, counts: countsOf(model), contents, unread, deep, softContents, softDeep } };
}

/** Sequences random runs reach rarely, run first: soft-deleted items meeting copies, purges and moves. */
const EXAMPLES: Cmd[][] = [
  // A soft-deleted subfolder is not copied with COPY_SUBFOLDERS; its messages stay soft-deleted.
  [new CreateFolder(0, 'Alpha', false), new CreateFolder(1, 'Beta', false), new CreateMessage(2, 1, 1, false), new DeleteFolder(1, false, C.DEL_MESSAGES), new CopyFolder(0, 0, false, 'Gamma', true)],
  // A hard emptyFolder purges soft-deleted messages and subfolders; deleting a soft-deleted folder purges it.
  [new CreateFolder(0, 'Alpha', false), new CreateFolder(0, 'Beta', false), new CreateMessage(0, 0, 0, false), new CreateMessage(1, 2, 2, true), new EmptyFolder(0, false), new DeleteFolder(1, false, 0), new EmptyFolder(0, true)],
  // Moves: a folder into a sibling, a message out and back, a folder onto its own parent; read state follows.
  [new CreateFolder(0, 'Alpha', false), new CreateFolder(0, 'Beta', false), new CreateMessage(1, 1, 0, false), new CopyFolder(0, 2, true, null, false), new CopyMessages(0, [0], 0, true, null), new SetReadFlags(0, null, false, null), new CopyFolder(0, 0, true, 'alpha', false), new CopyMessages(0, [0, 1], 1, false, 0)],
];

describe('IMAPIFolder and IMessage against a model (fc.commands)', () => {
  it('tables, computed properties and object notifications follow every folder and message operation', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: 'max' }), async (cmds) => {
        await fc.asyncModelRun(setup, cmds);
      }),
      { numRuns: 50, examples: EXAMPLES.map((cmds): [Iterable<Cmd>] => [cmds]) },
    );
  });
});
