import type { FolderRecord, MessageContent, NodeId, PropMap, StoredSearchCriteria } from '../spi/store.js';
import type { SRestriction } from '../restriction/types.js';
import type { SPropValue } from '../props/types.js';
import type { StoreContext } from './StoreContext.js';
import type { ObjectEventType } from '../notify/types.js';
import { PROP_ID } from '../props/tags.js';
import { cloneRestriction } from '../props/values.js';
import { stringOf } from './computed.js';
import { clonePropMap, copyMessageTo, deleteMessages, folderNotification, remapNamedProps } from './messageOps.js';
import { restampCopy } from './Message.js';
import { stampChange } from './stamps.js';
import { PR_COMMENT_W, PR_CREATION_TIME, PR_DISPLAY_NAME_W, PR_LAST_MODIFICATION_TIME, PR_MESSAGE_FLAGS } from '../generated/proptags.js';
import {
  BACKGROUND_SEARCH,
  CONTENT_INDEXED_SEARCH,
  FOREGROUND_SEARCH,
  MSGFLAG_SUBMIT,
  NON_CONTENT_INDEXED_SEARCH,
  RECURSIVE_SEARCH,
  RESTART_SEARCH,
  SEARCH_FOREGROUND,
  SEARCH_RECURSIVE,
  SEARCH_RUNNING,
  SEARCH_STATIC,
  SHALLOW_SEARCH,
  STATIC_SEARCH,
  STOP_SEARCH,
  fnevObjectCopied,
  fnevObjectCreated,
  fnevObjectDeleted,
  fnevObjectMoved,
} from '../generated/constants.js';

/**
 * The folder model of the store kit: what IMAPIFolder's methods do to the backend, as plain
 * functions that return results (the Folder class turns bad input into MapiErrors). Every
 * write goes through {@link commitFolder} or messageOps, so tables, counts, search folders
 * and advise sinks see it.
 */

/**
 * The property map of an immediate object (a folder, the store): reads come from the
 * backend's record every time, so every handle sees the committed state; writes collect in
 * a draft that the object commits once per call (`take`) or drops (`discard`).
 */
export class ImmediatePropMap extends Map<number, SPropValue> {
  private draft: PropMap | null = null;
  /** Writes `check` refused in this call: identifier → scode, for the problem array. */
  readonly refused = new Map<number, number>();

  /** `read` gives the committed properties; `check` may refuse a value with an scode (MAPI_E_COLLISION), which leaves it unwritten. */
  constructor(
    private readonly read: () => ReadonlyMap<number, SPropValue>,
    private readonly check?: (id: number, value: SPropValue) => number | undefined,
  ) {
    super();
  }

  private current(): ReadonlyMap<number, SPropValue> {
    return this.draft ?? this.read();
  }

  private writable(): PropMap {
    return (this.draft ??= new Map(this.read()));
  }

  override get(id: number): SPropValue | undefined {
    return this.current().get(id);
  }
  override has(id: number): boolean {
    return this.current().has(id);
  }
  override get size(): number {
    return this.current().size;
  }
  override keys(): MapIterator<number> {
    return this.current().keys() as MapIterator<number>;
  }
  override values(): MapIterator<SPropValue> {
    return this.current().values() as MapIterator<SPropValue>;
  }
  override entries(): MapIterator<[number, SPropValue]> {
    return this.current().entries() as MapIterator<[number, SPropValue]>;
  }
  override [Symbol.iterator](): MapIterator<[number, SPropValue]> {
    return this.entries();
  }
  override forEach(fn: (value: SPropValue, key: number, map: Map<number, SPropValue>) => void): void {
    for (const [k, v] of this.current()) fn(v, k, this);
  }
  override set(id: number, value: SPropValue): this {
    const refusal = this.check?.(id, value);
    if (refusal !== undefined) this.refused.set(id, refusal);
    else this.writable().set(id, value);
    return this;
  }
  override delete(id: number): boolean {
    return this.current().has(id) ? this.writable().delete(id) : false;
  }
  override clear(): void {
    this.draft = new Map();
  }

  /** The changed properties to commit (null when nothing was written); the draft is cleared. */
  take(): PropMap | null {
    const d = this.draft;
    this.draft = null;
    return d;
  }

  /** Drops uncommitted writes and refusals (the call is over). */
  discard(): void {
    this.draft = null;
    this.refused.clear();
  }
}

// ------------------------------------------------------------------ names and places

/** A folder's PR_DISPLAY_NAME. */
export function folderName(rec: FolderRecord): string {
  return stringOf(rec.props.get(PROP_ID(PR_DISPLAY_NAME_W))) ?? '';
}

/** Folder names collide case-insensitively, as in Exchange and PST stores (see docs/decisions/007). */
export function sameFolderName(a: string, b: string): boolean {
  return a.toLocaleUpperCase('en-US') === b.toLocaleUpperCase('en-US');
}

/** The live (not soft-deleted) subfolder of `parentId` named `name`, other than `except`. */
export function siblingNamed(ctx: StoreContext, parentId: NodeId, name: string, except?: NodeId): FolderRecord | undefined {
  for (const id of ctx.backend.childFolderIds(parentId)) {
    if (id === except) continue;
    const f = ctx.backend.folder(id);
    if (f && !f.softDeleted && sameFolderName(folderName(f), name)) return f;
  }
  return undefined;
}

/** True when `id` is `ancestor` or lies below it. */
export function inSubtree(ctx: StoreContext, ancestor: NodeId, id: NodeId): boolean {
  return ctx.depthBelow(ancestor, id) >= 0;
}

/** The folder's live messages (normal, or associated), soft-deleted ones with `soft`. */
export function folderMessageIds(ctx: StoreContext, folderId: NodeId, associated: boolean, soft = false): NodeId[] {
  return ctx.backend.messageIds(folderId, associated).filter((id) => {
    const m = ctx.messageHead(id);
    return m !== undefined && (soft || !m.softDeleted);
  });
}

/** The folder's live subfolders (soft-deleted ones with `soft`). */
export function subfolderIds(ctx: StoreContext, folderId: NodeId, soft = false): NodeId[] {
  return ctx.backend.childFolderIds(folderId).filter((id) => {
    const f = ctx.backend.folder(id);
    return f !== undefined && (soft || !f.softDeleted);
  });
}

/** True when a folder or any live folder below it holds live messages (normal or associated). */
export function subtreeHasMessages(ctx: StoreContext, folderId: NodeId): boolean {
  if (folderMessageIds(ctx, folderId, false).length || folderMessageIds(ctx, folderId, true).length) return true;
  return subfolderIds(ctx, folderId).some((id) => subtreeHasMessages(ctx, id));
}

// ------------------------------------------------------------------ stamps

/** Marks a change of a folder: PR_LAST_MODIFICATION_TIME now, a new PR_CHANGE_KEY and its PR_PREDECESSOR_CHANGE_LIST. */
export function stampFolderChange(ctx: StoreContext, props: PropMap, keepHistory = true): void {
  props.set(PROP_ID(PR_LAST_MODIFICATION_TIME), { ulPropTag: PR_LAST_MODIFICATION_TIME, Value: ctx.support.clock.now() });
  stampChange(ctx, props, keepHistory);
}

/** The properties of a new folder: name, comment, creation and modification times, change key. */
export function newFolderProps(ctx: StoreContext, name: string, comment: string | null): PropMap {
  const props: PropMap = new Map();
  props.set(PROP_ID(PR_DISPLAY_NAME_W), { ulPropTag: PR_DISPLAY_NAME_W, Value: name });
  if (comment !== null) props.set(PROP_ID(PR_COMMENT_W), { ulPropTag: PR_COMMENT_W, Value: comment });
  props.set(PROP_ID(PR_CREATION_TIME), { ulPropTag: PR_CREATION_TIME, Value: ctx.support.clock.now() });
  stampFolderChange(ctx, props);
  return props;
}

// ------------------------------------------------------------------ writes

/** Writes a folder record (or removes it, `after` null) and reports it: tables, counts, search folders, then the notification. */
export async function commitFolder(ctx: StoreContext, before: FolderRecord | null, after: FolderRecord | null, event: ObjectEventType | null, tags: number[] | null = null): Promise<void> {
  if (after) await ctx.backend.putFolder(after);
  else if (before) await ctx.backend.removeFolder(before.id);
  ctx.changed({ kind: 'folder', before, after });
  if (event === null) return;
  const rec = (after ?? before) as FolderRecord;
  const moved = event === fnevObjectMoved || event === fnevObjectCopied;
  ctx.publish([folderNotification(ctx, event, rec, moved && before ? before : undefined, tags)]);
}

/** Creates a folder under `parentId` (the caller checked the name). */
export async function createFolderRecord(ctx: StoreContext, parentId: NodeId, folderType: number, props: PropMap): Promise<FolderRecord> {
  const rec: FolderRecord = { id: ctx.backend.newId(), parentId, folderType, props };
  await commitFolder(ctx, null, rec, fnevObjectCreated);
  return rec;
}

/** Moves a folder (and so its subtree) under another folder of the same store, keeping its entry ID; renames it when `newName` is given. */
export async function moveFolder(ctx: StoreContext, id: NodeId, destParentId: NodeId, newName: string | null): Promise<FolderRecord> {
  const before = ctx.folder(id, 'copyFolder(FOLDER_MOVE)');
  const props = new Map(before.props);
  if (newName !== null) props.set(PROP_ID(PR_DISPLAY_NAME_W), { ulPropTag: PR_DISPLAY_NAME_W, Value: newName });
  stampFolderChange(ctx, props);
  const after: FolderRecord = { ...before, parentId: destParentId, props };
  await commitFolder(ctx, before, after, fnevObjectMoved);
  return after;
}

/**
 * Copies a folder to a folder of the same or another store: its properties (named ones
 * re-mapped by name across stores), its live messages and associated messages and, with
 * `subfolders`, its live subfolders. `move` (across stores) moves the messages and reports
 * the folders as created, as a move between stores is a copy and a delete.
 */
export async function copyFolderTree(
  src: StoreContext,
  id: NodeId,
  dest: StoreContext,
  destParentId: NodeId,
  newName: string | null,
  subfolders: boolean,
  move: boolean,
): Promise<FolderRecord> {
  const from = src.folder(id, 'copyFolder');
  const props = clonePropMap(from.props);
  if (src !== dest) {
    const holder: MessageContent = { props, recipients: [], attachments: [], nextAttachNum: 0, nextRowId: 0 };
    remapNamedProps(src, dest, holder);
  }
  if (newName !== null) props.set(PROP_ID(PR_DISPLAY_NAME_W), { ulPropTag: PR_DISPLAY_NAME_W, Value: newName });
  props.set(PROP_ID(PR_CREATION_TIME), { ulPropTag: PR_CREATION_TIME, Value: dest.support.clock.now() });
  stampFolderChange(dest, props, false);
  const rec: FolderRecord = { id: dest.backend.newId(), parentId: destParentId, folderType: from.folderType, props };
  if (from.search && src === dest) rec.search = { ...from.search, restriction: from.search.restriction && cloneRestriction(from.search.restriction), folders: [...from.search.folders] };
  await dest.backend.putFolder(rec);
  dest.changed({ kind: 'folder', before: null, after: rec });
  dest.publish([folderNotification(dest, move ? fnevObjectCreated : fnevObjectCopied, rec, move ? undefined : from)]);
  for (const assoc of [false, true]) {
    for (const mid of folderMessageIds(src, id, assoc)) await copyMessageTo(src, mid, dest, rec.id, move, restampCopy);
  }
  if (subfolders) for (const child of subfolderIds(src, id)) await copyFolderTree(src, child, dest, rec.id, null, true, move);
  if (src !== dest) dest.flushFolderEvents();
  return rec;
}

/**
 * Deletes a folder with its messages and subfolders. A soft delete marks the folder, its
 * subfolders and their messages soft-deleted (shown with SHOW_SOFT_DELETES); a hard delete,
 * or deleting an already soft-deleted folder, removes them, deepest first.
 */
export async function deleteFolderTree(ctx: StoreContext, id: NodeId, hard: boolean): Promise<void> {
  const rec = ctx.backend.folder(id);
  if (!rec) return;
  if (hard || rec.softDeleted) {
    for (const child of ctx.backend.childFolderIds(id)) await deleteFolderTree(ctx, child, true);
    for (const assoc of [false, true]) await deleteMessages(ctx, ctx.backend.messageIds(id, assoc), true);
    await commitFolder(ctx, rec, null, fnevObjectDeleted);
    return;
  }
  await commitFolder(ctx, rec, { ...rec, softDeleted: true }, fnevObjectDeleted);
  for (const assoc of [false, true]) await deleteMessages(ctx, folderMessageIds(ctx, id, assoc), false);
  for (const child of subfolderIds(ctx, id)) await softDeleteSubtree(ctx, child);
}

async function softDeleteSubtree(ctx: StoreContext, id: NodeId): Promise<void> {
  const rec = ctx.folder(id, 'deleteFolder');
  // Each folder of the subtree is reported deleted, as a hard delete reports each purged one.
  await commitFolder(ctx, rec, { ...rec, softDeleted: true }, fnevObjectDeleted);
  for (const assoc of [false, true]) await deleteMessages(ctx, folderMessageIds(ctx, id, assoc), false);
  for (const child of subfolderIds(ctx, id)) await softDeleteSubtree(ctx, child);
}

/** True for a message the spooler holds (MSGFLAG_SUBMIT): EmptyFolder, DeleteMessages and SetReadFlags leave it alone. */
export function isSubmitted(ctx: StoreContext, id: NodeId): boolean {
  const flags = ctx.backend.message(id)?.props.get(PROP_ID(PR_MESSAGE_FLAGS));
  return !!flags && ((flags.Value as number) & MSGFLAG_SUBMIT) !== 0;
}

/**
 * Empties a folder: its messages (associated ones too with `associated`) and every
 * subfolder. A hard empty also purges soft-deleted items. Submitted messages stay
 * (imapifolder-emptyfolder.md); returns false when some did.
 */
export async function emptyFolderContents(ctx: StoreContext, id: NodeId, associated: boolean, hard: boolean): Promise<boolean> {
  let complete = true;
  for (const assoc of associated ? [false, true] : [false]) {
    const ids = folderMessageIds(ctx, id, assoc, hard).filter((mid) => {
      if (!isSubmitted(ctx, mid)) return true;
      complete = false;
      return false;
    });
    await deleteMessages(ctx, ids, hard);
  }
  for (const child of subfolderIds(ctx, id, hard)) await deleteFolderTree(ctx, child, hard);
  return complete;
}

// ------------------------------------------------------------------ search criteria

const RECURSION = RECURSIVE_SEARCH | SHALLOW_SEARCH;
const PRIORITY = FOREGROUND_SEARCH | BACKGROUND_SEARCH;
const INDEXING = CONTENT_INDEXED_SEARCH | NON_CONTENT_INDEXED_SEARCH | STATIC_SEARCH;

/** Flags IMAPIContainer::SetSearchCriteria accepts. */
export const SET_SEARCH_FLAGS = STOP_SEARCH | RESTART_SEARCH | RECURSION | PRIORITY | INDEXING;

/** The flag pairs that exclude each other (imapicontainer-setsearchcriteria.md), or undefined. */
export function conflictingSearchFlags(flags: number): string | undefined {
  if ((flags & RECURSION) === RECURSION) return 'RECURSIVE_SEARCH and SHALLOW_SEARCH';
  if ((flags & PRIORITY) === PRIORITY) return 'FOREGROUND_SEARCH and BACKGROUND_SEARCH';
  if ((flags & (STOP_SEARCH | RESTART_SEARCH)) === (STOP_SEARCH | RESTART_SEARCH)) return 'STOP_SEARCH and RESTART_SEARCH';
  return undefined;
}

/**
 * The criteria after a SetSearchCriteria call: null restriction or folders keep the previous
 * ones; the recursion and priority flags stick until changed. New criteria (or
 * RESTART_SEARCH) start the search again unless STOP_SEARCH is passed; a priority change
 * alone does not restart it.
 */
export function nextSearchCriteria(old: StoredSearchCriteria | undefined, restriction: SRestriction | null, folders: NodeId[] | null, flags: number): StoredSearchCriteria {
  let kept = old?.flags ?? SHALLOW_SEARCH | BACKGROUND_SEARCH;
  if (flags & RECURSION) kept = (kept & ~RECURSION) | (flags & RECURSION);
  if (flags & PRIORITY) kept = (kept & ~PRIORITY) | (flags & PRIORITY);
  kept = (kept & ~INDEXING) | (flags & INDEXING);
  const restart = !old || restriction !== null || folders !== null || (flags & (RESTART_SEARCH | RECURSION)) !== 0;
  return {
    restriction: restriction ? cloneRestriction(restriction) : (old?.restriction ?? null),
    folders: folders ?? old?.folders ?? [],
    runs: (old?.runs ?? 0) + (restart ? 1 : 0),
    flags: kept,
    stopped: flags & STOP_SEARCH ? true : restart ? false : (old?.stopped ?? false),
  };
}

/** getSearchCriteria's ulSearchState: SEARCH_RUNNING, SEARCH_RECURSIVE, SEARCH_FOREGROUND, SEARCH_STATIC, and the engine's bits. */
export function searchState(ctx: StoreContext, folderId: NodeId, c: StoredSearchCriteria): number {
  let s = 0;
  if (!c.stopped) s |= SEARCH_RUNNING;
  if (c.flags & RECURSIVE_SEARCH) s |= SEARCH_RECURSIVE;
  if (c.flags & FOREGROUND_SEARCH) s |= SEARCH_FOREGROUND;
  if (c.flags & STATIC_SEARCH) s |= SEARCH_STATIC;
  return (s | (ctx.searchFolders?.state(folderId) ?? 0)) >>> 0;
}

/** True when some folder of the store has a running search (PR_STORE_STATE's STORE_HAS_SEARCHES). */
export function storeHasSearches(ctx: StoreContext, from: NodeId = ctx.backend.rootId()): boolean {
  const f = ctx.backend.folder(from);
  if (f?.search && !f.search.stopped && !f.softDeleted) return true;
  return ctx.backend.childFolderIds(from).some((id) => storeHasSearches(ctx, id));
}
