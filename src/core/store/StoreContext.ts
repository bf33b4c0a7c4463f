import type { Clock } from '../spi/clock.js';
import type { IdSource } from '../spi/ids.js';
import type { FolderRecord, MessageRecord, MessageSummary, NodeId, PropMap, StoreBackend } from '../spi/store.js';
import type { NotificationHub } from '../notify/NotificationHub.js';
import type { Scheduler } from '../notify/scheduler.js';
import type { NOTIFICATION } from '../notify/types.js';
import type { CallInterceptor } from '../props/MapiUnknown.js';
import type { RowSource, RowSourceEvent, RowSourceListener, TableRow } from '../table/RowSource.js';
import { MapiError } from '../errors/MapiError.js';
import { bytesEqual } from '../props/values.js';
import { MAPI_E_NOT_FOUND, MAPI_E_INVALID_ENTRYID } from '../generated/scodes.js';
import { computeFolderRow, computeMessageRow, computeSummaryRow } from './rows.js';
import { attachSearchEngine } from './searchFolders.js';
import { PROP_ID } from '../props/tags.js';
import { PR_CONTENT_COUNT, PR_CONTENT_UNREAD, PR_MESSAGE_FLAGS, PR_SUBFOLDERS } from '../generated/proptags.js';
import { MAPI_FOLDER, MSGFLAG_READ, fnevObjectModified } from '../generated/constants.js';
import { folderNotification } from './messageOps.js';

/** What the subsystem gives a store: time, identifiers, notifications and the spooler hand-off. */
export interface StoreSupport {
  /** The subsystem's clock (timestamps). */
  clock: Clock;
  /** The subsystem's identifier source (search keys, change keys, GUIDs). */
  ids: IdSource;
  /** The subsystem's notification hub. */
  hub: NotificationHub;
  /** The subsystem's scheduler (asynchronous table operations, searches). */
  scheduler: Scheduler;
  /** CP_ACP of the emulated machine, for PT_STRING8 conversions. */
  codePage: number;
  /** Routes every call on the store's objects through the mock layer. */
  interceptor: CallInterceptor | null;
  /** Hands a submitted message to the spooler (the transport issue); undefined rejects submitMessage with MAPI_E_NO_SUPPORT. */
  submit?(ctx: StoreContext, messageId: NodeId): Promise<void>;
  /** Sends a read (IPNRN) or non-read (IPNNRN) report about a received message (the spooler); undefined sends none. */
  readReport?(ctx: StoreContext, message: MessageRecord, kind: 'IPNRN' | 'IPNNRN'): Promise<void>;
}

/** Options of a store's behaviour that tests may tune. */
export interface StoreOptions {
  /** getProps answers MAPI_E_NOT_ENOUGH_MEMORY for string/binary values of at least this many bytes (see docs/decisions/004). */
  largeValueLimit: number;
  /** Table cells of strings and binaries are cut to this many characters/bytes (Exchange: 255). */
  maxCellBytes: number;
}

/** Default store options: values up to 32 KiB come back from getProps; table cells are cut at 255 as Exchange does. */
export const defaultStoreOptions: StoreOptions = { largeValueLimit: 32768, maxCellBytes: 255 };

/** Row sources of a store's tables, created on first use and kept in sync by every write. */
class StoreRowSource implements RowSource {
  private readonly listeners = new Set<RowSourceListener>();
  /** With keepRows: the rows read once, then kept current by the events emitted (null until read, or after a reload). */
  private kept: Map<string, TableRow> | null = null;
  constructor(
    readonly defaultColumns: readonly number[],
    private readonly rowsFn: () => Iterable<TableRow>,
    /** Keep the rows between reads (contents tables: every message change reaches the source through StoreContext.changed). */
    private readonly keepRows = false,
  ) {}
  rows(): Iterable<TableRow> {
    if (!this.keepRows) return this.rowsFn();
    if (!this.kept) {
      const kept = new Map<string, TableRow>();
      for (const r of this.rowsFn()) kept.set(r.key, r);
      this.kept = kept;
    }
    return this.kept.values();
  }
  subscribe(listener: RowSourceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  /** True while a view listens (no work is done for sources nobody watches). */
  get watched(): boolean {
    return this.listeners.size > 0;
  }
  emit(events: RowSourceEvent[], coalesce = false): void {
    if (this.kept) for (const e of events) this.keep(e);
    if (events.length) for (const l of [...this.listeners]) l(events, coalesce);
  }
  private keep(e: RowSourceEvent): void {
    const kept = this.kept as Map<string, TableRow>;
    if (e.kind === 'deleted') kept.delete(e.key);
    else if (e.kind === 'modified' || (e.kind === 'added' && e.before === undefined)) kept.set(e.row.key, e.row);
    else this.kept = null; // A reload, or a row added mid-order: read again when next asked.
  }
}

/**
 * The shared state of one open message store: its backend, the caches behind its tables,
 * and the single path every change takes, so that every open handle, table and advise sink
 * on the store (from any session) sees the same committed state and the same events.
 */
export class StoreContext {
  /** Table rows of messages, computed once per saved version. */
  private readonly messageRows = new Map<NodeId, { version: number; row: TableRow }>();
  /** Message counts per folder, kept up to date by {@link changed} once computed. */
  private readonly counts = new Map<NodeId, FolderCounts>();
  /** Row sources by key: `c:<folder>:<assoc>:<soft>` for contents, `h:<folder>:<depth>:<soft>` for hierarchy. */
  private readonly sources = new Map<string, StoreRowSource>();
  /** Folders whose computed counts changed, with the tags, not yet notified (flushFolderEvents). */
  private readonly folderEvents = new Map<NodeId, Set<number>>();
  /** Folders created since the last flush (their counts are not notified). */
  private readonly newFolders = new Set<NodeId>();
  /** Hooks run after every committed change (search folders use them). */
  private readonly changeHooks = new Set<(change: StoreChange) => void>();
  /** The search-folder engine, when one is attached: contents and state of FOLDER_SEARCH folders (null: search folders list nothing). */
  searchFolders: SearchFolderHooks | null = null;
  /** Messages the spooler has locked with IMsgStore::SetLockState (AbortSubmit fails on them). */
  readonly lockedMessages = new Set<NodeId>();
  /** The outgoing queue's row source, made by the store object on the first getOutgoingQueue. */
  outgoingQueue: RowSource | null = null;

  constructor(
    readonly backend: StoreBackend,
    readonly support: StoreSupport,
    /** The wrapped store entry ID the session lists for this store (PR_STORE_ENTRYID). */
    readonly storeEntryId: Uint8Array,
    /** PR_MDB_PROVIDER of the store. */
    readonly mdbProvider: Uint8Array,
    readonly options: StoreOptions = defaultStoreOptions,
  ) {
    // Every store gets the search-folder engine: FOLDER_SEARCH results, kept live (searchFolders.ts).
    attachSearchEngine(this);
  }

  /** The advise source of the store on the hub. */
  get adviseSource(): object {
    return this;
  }

  // ------------------------------------------------------------------ entry IDs and lookups

  /** The long-term entry ID of a folder. */
  folderEntryId(id: NodeId): Uint8Array {
    return this.backend.entryIds.folderEntryId(id);
  }

  /** The long-term entry ID of a message. */
  messageEntryId(rec: { id: NodeId; folderId: NodeId }): Uint8Array {
    return this.backend.entryIds.messageEntryId(rec.folderId, rec.id);
  }

  /** True when an entry ID belongs to this store (routing). */
  owns(entryId: Uint8Array): boolean {
    return entryId.length >= 20 && (bytesEqual(entryId.subarray(4, 20), this.backend.entryIds.uid) || bytesEqual(entryId, this.storeEntryId));
  }

  /** A folder by entry ID, or MAPI_E_INVALID_ENTRYID / MAPI_E_NOT_FOUND. */
  folderByEntryId(entryId: Uint8Array, where: string): FolderRecord {
    const p = this.backend.entryIds.parse(entryId);
    if (!p) throw new MapiError(MAPI_E_INVALID_ENTRYID, `${where}: not an entry ID of this store`);
    if (p.kind !== 'folder' || p.id === undefined) throw new MapiError(MAPI_E_NOT_FOUND, `${where}: the entry ID names a ${p.kind}, not a folder`);
    return this.folder(p.id, where);
  }

  /** A folder, or MAPI_E_NOT_FOUND. */
  folder(id: NodeId, where: string): FolderRecord {
    const f = this.backend.folder(id);
    if (!f) throw new MapiError(MAPI_E_NOT_FOUND, `${where}: the folder does not exist (deleted?)`);
    return f;
  }

  /** A message, or MAPI_E_NOT_FOUND. */
  message(id: NodeId, where: string): MessageRecord {
    const m = this.backend.message(id);
    if (!m) throw new MapiError(MAPI_E_NOT_FOUND, `${where}: the message does not exist (deleted or moved?)`);
    return m;
  }

  // ------------------------------------------------------------------ table rows and sources

  /** The table row of a committed message (cached per saved version). */
  messageRow(rec: MessageRecord): TableRow {
    const cached = this.messageRows.get(rec.id);
    if (cached && cached.version === rec.version) return cached.row;
    const row = computeMessageRow(this, rec);
    this.messageRows.set(rec.id, { version: rec.version, row });
    return row;
  }

  /**
   * A message's place and stored properties without reading its content: the backend's summary
   * when it has one for the current version, else the record.
   */
  messageHead(id: NodeId): MessageHead | undefined {
    return this.backend.messageSummary?.(id) ?? this.backend.message(id);
  }

  /** The table row of a message from its head (a summary's row, or the record's), cached per saved version. */
  headRow(head: MessageHead): TableRow {
    if (!isSummary(head)) return this.messageRow(head);
    const cached = this.messageRows.get(head.id);
    if (cached && cached.version === head.version) return cached.row;
    let full: TableRow | undefined;
    let read = false;
    const row = computeSummaryRow(this, head, () => {
      if (!read) {
        read = true;
        const m = this.backend.message(head.id);
        full = m && computeMessageRow(this, m);
      }
      return full;
    });
    this.messageRows.set(head.id, { version: head.version, row });
    return row;
  }

  /** PR_CONTENT_COUNT, PR_CONTENT_UNREAD and PR_ASSOC_CONTENT_COUNT of a folder (soft-deleted messages excluded). */
  folderCounts(folderId: NodeId): FolderCounts {
    // A search folder counts its results (the engine knows them), not messages of its own.
    const search = this.searchFolders?.counts?.(folderId);
    if (search) return search;
    let c = this.counts.get(folderId);
    if (!c) {
      c = { content: 0, unread: 0, associated: 0 };
      for (const assoc of [false, true]) {
        for (const id of this.backend.messageIds(folderId, assoc)) {
          const m = this.messageHead(id);
          if (m) addCounts(c, m, 1);
        }
      }
      this.counts.set(folderId, c);
    }
    return { ...c };
  }

  /** The table row of a folder, computed now (counts change as messages come and go). */
  folderRow(rec: FolderRecord, depth?: number): TableRow {
    return computeFolderRow(this, rec, depth);
  }

  /**
   * The row source of a folder's contents table. Tables of one folder share the rows and the
   * change feed; each gets its own default column set (MAPI_UNICODE or not).
   */
  contentsSource(folderId: NodeId, associated: boolean, softDeleted: boolean, defaultColumns: readonly number[]): RowSource {
    const key = `c:${folderId}:${associated ? 1 : 0}:${softDeleted ? 1 : 0}`;
    let s = this.sources.get(key);
    if (!s) {
      s = new StoreRowSource(defaultColumns, () => this.contentsRows(folderId, associated, softDeleted), true);
      this.sources.set(key, s);
    }
    return withColumns(s, defaultColumns);
  }

  private *contentsRows(folderId: NodeId, associated: boolean, softDeleted: boolean): IterableIterator<TableRow> {
    for (const id of this.backend.messageIds(folderId, associated)) {
      const m = this.messageHead(id);
      if (m && !!m.softDeleted === softDeleted) yield this.headRow(m);
    }
  }

  /** The row source of a folder's hierarchy table: its subfolders, or with `deep` its whole subtree with PR_DEPTH. */
  hierarchySource(folderId: NodeId, deep: boolean, softDeleted: boolean, defaultColumns: readonly number[]): RowSource {
    const key = `h:${folderId}:${deep ? 1 : 0}:${softDeleted ? 1 : 0}`;
    let s = this.sources.get(key);
    if (!s) {
      s = new StoreRowSource(defaultColumns, () => this.hierarchyRows(folderId, deep, softDeleted, 1));
      this.sources.set(key, s);
    }
    return withColumns(s, defaultColumns);
  }

  private *hierarchyRows(folderId: NodeId, deep: boolean, softDeleted: boolean, depth: number): IterableIterator<TableRow> {
    for (const id of this.backend.childFolderIds(folderId)) {
      const f = this.backend.folder(id);
      if (!f) continue;
      if (!!f.softDeleted === softDeleted) yield this.folderRow(f, depth);
      if (deep) yield* this.hierarchyRows(id, deep, softDeleted, depth + 1);
    }
  }

  // ------------------------------------------------------------------ change propagation

  /** Registers a hook called after every committed change; returns the remover. */
  onChange(hook: (change: StoreChange) => void): () => void {
    this.changeHooks.add(hook);
    return () => this.changeHooks.delete(hook);
  }

  /**
   * Reports a committed change: updates the affected table sources (contents of the
   * folders involved, hierarchy rows of folders whose counts changed) and runs the change
   * hooks. Object notifications are published separately with {@link publish}.
   */
  changed(change: StoreChange): void {
    this.noteComputedFolderChanges(change);
    if (change.kind === 'message') {
      const { before, after } = change;
      if (before) this.messageRows.delete(before.id);
      if (before && this.counts.has(before.folderId)) addCounts(this.counts.get(before.folderId) as FolderCounts, before, -1);
      if (after && this.counts.has(after.folderId)) addCounts(this.counts.get(after.folderId) as FolderCounts, after, 1);
      if (before && (!after || before.folderId !== after.folderId || before.associated !== after.associated || !!before.softDeleted !== !!after.softDeleted)) {
        this.sourceFor('c', before.folderId, before.associated, !!before.softDeleted)?.emit([{ kind: 'deleted', key: String(before.id) }]);
      }
      if (after) {
        const moved = !before || before.folderId !== after.folderId || before.associated !== after.associated || !!before.softDeleted !== !!after.softDeleted;
        this.sourceFor('c', after.folderId, after.associated, !!after.softDeleted)?.emit([{ kind: moved ? 'added' : 'modified', row: this.messageRow(after) }]);
      }
      const folders = new Set<NodeId>();
      if (before) folders.add(before.folderId);
      if (after) folders.add(after.folderId);
      for (const f of folders) this.folderRowChanged(f);
    } else {
      this.folderChanged(change.before, change.after);
    }
    for (const hook of [...this.changeHooks]) hook(change);
  }

  /**
   * Reports a folder's creation, change, move or deletion to the hierarchy tables: a row
   * added, modified or deleted where the folder enters, stays in or leaves a table, and the
   * rows of the parents (PR_SUBFOLDERS, PR_FOLDER_CHILD_COUNT). A change that reorders a
   * CONVENIENT_DEPTH table (a folder with subfolders moving, a folder added before the end)
   * reloads it (TABLE_RELOAD), so the table always equals a fresh one.
   */
  private folderChanged(before: FolderRecord | null, after: FolderRecord | null): void {
    const id = (after ?? before)?.id as NodeId;
    for (const [key, s] of this.sources) {
      if (!s.watched || !key.startsWith('h:')) continue;
      const [, root, deepFlag, softFlag] = key.split(':');
      const rootId = Number(root);
      const deep = deepFlag === '1';
      const soft = softFlag === '1';
      const listed = (rec: FolderRecord | null): number => {
        if (!rec || rec.parentId === null || !!rec.softDeleted !== soft) return -1;
        const up = this.depthBelow(rootId, rec.parentId);
        const depth = up < 0 ? -1 : up + 1;
        return depth === 1 || (deep && depth > 0) ? depth : -1;
      };
      const was = listed(before);
      const now = listed(after);
      if (was < 0 && now < 0) continue;
      const moved = was > 0 && now > 0 && before?.parentId !== after?.parentId;
      if (was > 0 && now > 0 && !moved) {
        s.emit([{ kind: 'modified', row: this.folderRow(after as FolderRecord, now) }]);
      } else if (deep && (moved || this.backend.childFolderIds(id).length > 0)) {
        s.emit([{ kind: 'reload' }]);
      } else if (was > 0 && now < 0) {
        s.emit([{ kind: 'deleted', key: String(id) }]);
      } else if (!deep || this.isLastRow(s, String(id))) {
        s.emit([{ kind: 'added', row: this.folderRow(after as FolderRecord, now) }]);
      } else {
        s.emit([{ kind: 'reload' }]);
      }
    }
    // The parents' rows change too (PR_SUBFOLDERS, PR_FOLDER_CHILD_COUNT).
    for (const parent of new Set([before?.parentId, after?.parentId])) if (parent !== null && parent !== undefined) this.folderRowChanged(parent);
    if (before && !after) {
      this.counts.delete(before.id);
      for (const [key, s] of this.sources) if (key.startsWith(`c:${before.id}:`) || key.startsWith(`h:${before.id}:`)) s.emit([{ kind: 'reload' }]);
    }
  }

  /** True when the row with `key` is the last of a source's natural order (an added row goes there). */
  private isLastRow(s: StoreRowSource, key: string): boolean {
    let last: string | undefined;
    for (const r of s.rows()) last = r.key;
    return last === key;
  }

  /** Re-reports a folder's row to every hierarchy table that lists it (its counts changed). */
  folderRowChanged(folderId: NodeId): void {
    const f = this.backend.folder(folderId);
    if (!f || f.parentId === null) return;
    for (const [key, s] of this.sources) {
      if (!s.watched || !key.startsWith('h:')) continue;
      // Every hierarchy table whose subtree contains the folder: re-read it (depth matters for deep tables).
      const [, root, deep, soft] = key.split(':');
      if (!!f.softDeleted !== (soft === '1')) continue;
      const depth = this.depthBelow(Number(root), folderId);
      if (depth === 1 || (deep === '1' && depth > 0)) s.emit([{ kind: 'modified', row: this.folderRow(f, depth) }]);
    }
  }

  /** How many levels `id` is below `ancestor` (0 = itself, -1 = not below). */
  depthBelow(ancestor: NodeId, id: NodeId): number {
    let depth = 0;
    for (let f = this.backend.folder(id); f; f = f.parentId === null ? undefined : this.backend.folder(f.parentId)) {
      if (f.id === ancestor) return depth;
      depth++;
    }
    return -1;
  }

  private sourceFor(kind: 'c', folderId: NodeId, associated: boolean, soft: boolean): StoreRowSource | undefined {
    return this.sources.get(`${kind}:${folderId}:${associated ? 1 : 0}:${soft ? 1 : 0}`);
  }

  /** Publishes store notifications to every sink advised on the store. */
  publish(notifications: NOTIFICATION[]): void {
    if (notifications.length) this.support.hub.notify(this.adviseSource, notifications);
  }

  /**
   * handling-message-store-notification.md: a change of a folder's computed PR_SUBFOLDERS,
   * PR_CONTENT_UNREAD or PR_CONTENT_COUNT is an fnevObjectModified on the folder (not on its
   * parent). The folders a change touches are noted here and notified once per operation, after
   * the operation's own notifications ({@link flushFolderEvents}, run when a call on a store
   * object returns).
   */
  private noteComputedFolderChanges(change: StoreChange): void {
    const note = (folder: NodeId, tag: number) => {
      const tags = this.folderEvents.get(folder) ?? new Set<number>();
      tags.add(tag);
      this.folderEvents.set(folder, tags);
    };
    if (change.kind === 'message') {
      // What a message adds to its folder's PR_CONTENT_COUNT and PR_CONTENT_UNREAD (addCounts).
      const share = (m: MessageRecord | null) => {
        if (!m || m.softDeleted || m.associated) return undefined;
        const flags = m.props.get(PROP_ID(PR_MESSAGE_FLAGS));
        return { folder: m.folderId, unread: !flags || ((flags.Value as number) & MSGFLAG_READ) === 0 };
      };
      const was = share(change.before);
      const now = share(change.after);
      if (was?.folder === now?.folder) {
        if (was && now && was.unread !== now.unread) note(now.folder, PR_CONTENT_UNREAD);
        return;
      }
      for (const s of [was, now]) {
        if (!s) continue;
        note(s.folder, PR_CONTENT_COUNT);
        if (s.unread) note(s.folder, PR_CONTENT_UNREAD);
      }
      return;
    }
    // PR_SUBFOLDERS of the parents the folder leaves and joins: true while a live subfolder is there.
    const { before, after } = change;
    // A folder made by this operation was announced with its counts as they end up (fnevObjectCreated/Copied).
    if (!before && after) this.newFolders.add(after.id);
    for (const parent of new Set([before?.parentId, after?.parentId])) {
      if (parent === null || parent === undefined) continue;
      const live = (f: FolderRecord | null) => (f && f.parentId === parent && !f.softDeleted ? 1 : 0);
      const now = this.backend.childFolderIds(parent).filter((id) => !this.backend.folder(id)?.softDeleted).length;
      const was = now - live(after) + live(before);
      if (was > 0 !== now > 0) note(parent, PR_SUBFOLDERS);
    }
  }

  /** Sends the fnevObjectModified of folders whose computed counts changed since the last flush (see noteComputedFolderChanges). */
  flushFolderEvents(): void {
    if (!this.folderEvents.size) {
      this.newFolders.clear();
      return;
    }
    const notes: NOTIFICATION[] = [];
    for (const [id, tags] of this.folderEvents) {
      const rec = this.backend.folder(id);
      if (rec && !this.newFolders.has(id)) notes.push(folderNotification(this, fnevObjectModified, rec, undefined, [...tags].sort((a, b) => a - b)));
    }
    this.folderEvents.clear();
    this.newFolders.clear();
    this.publish(notes);
  }

  /** The store's stored properties (a copy). */
  storeProps(): PropMap {
    return new Map(this.backend.storeProps());
  }
}

/**
 * What a search-folder engine plugs into a store: the store kit keeps the criteria
 * (FolderRecord.search, written by IMAPIContainer::SetSearchCriteria and reported through
 * {@link StoreContext.changed}); the engine computes the results.
 */
export interface SearchFolderHooks {
  /** SEARCH_REBUILD / SEARCH_COMPLETE / ... bits the engine adds to getSearchCriteria's state. */
  state(folderId: NodeId): number;
  /** The row source of a search folder's contents table. */
  contentsSource(folderId: NodeId, associated: boolean, softDeleted: boolean, defaultColumns: readonly number[]): RowSource;
  /** True when a message is among a search folder's results (open, copy, move and delete work on them). */
  contains(folderId: NodeId, messageId: NodeId): boolean;
  /** The live (not soft-deleted) results of a search folder (setReadFlags without a list works on them). */
  messageIds?(folderId: NodeId): NodeId[];
  /** PR_CONTENT_COUNT / PR_CONTENT_UNREAD / PR_ASSOC_CONTENT_COUNT of a search folder; undefined for other folders. */
  counts?(folderId: NodeId): FolderCounts | undefined;
}

/** A committed change, as the store kit reports it internally. */
export type StoreChange =
  | { kind: 'message'; before: MessageRecord | null; after: MessageRecord | null }
  | { kind: 'folder'; before: FolderRecord | null; after: FolderRecord | null };

/** Message counts of a folder. */
export interface FolderCounts {
  /** Normal messages (PR_CONTENT_COUNT). */
  content: number;
  /** Normal messages without MSGFLAG_READ (PR_CONTENT_UNREAD). */
  unread: number;
  /** Associated messages (PR_ASSOC_CONTENT_COUNT). */
  associated: number;
}

/** The computed folder properties whose change is an fnevObjectModified on the folder alone. */
const FOLDER_COUNT_TAGS: ReadonlySet<number> = new Set([PR_CONTENT_COUNT, PR_CONTENT_UNREAD, PR_SUBFOLDERS].map((t) => t >>> 0));

/** True for the fnevObjectModified a folder gets when only its computed counts changed (see StoreContext.flushFolderEvents). */
export function isFolderCountNotification(n: NOTIFICATION): boolean {
  if (n.ulEventType !== fnevObjectModified || !('obj' in n) || n.obj.ulObjType !== MAPI_FOLDER) return false;
  const tags = n.obj.lpPropTagArray;
  return !!tags && tags.length > 0 && tags.every((t) => FOLDER_COUNT_TAGS.has(t >>> 0));
}

/** Adds (+1) or removes (-1) a message from a folder's counts; soft-deleted messages are not counted. */
function addCounts(c: FolderCounts, m: MessageHead, sign: 1 | -1): void {
  if (m.softDeleted) return;
  if (m.associated) {
    c.associated += sign;
    return;
  }
  c.content += sign;
  const flags = m.props.get(PROP_ID(PR_MESSAGE_FLAGS));
  if (!flags || ((flags.Value as number) & MSGFLAG_READ) === 0) c.unread += sign;
}

/** What tables and counts need of a message: its place, version and stored properties (a {@link MessageRecord} or a backend's {@link MessageSummary}). */
export type MessageHead = MessageRecord | MessageSummary;

function isSummary(head: MessageHead): head is MessageSummary {
  return !('recipients' in head);
}

/** A view of a shared row source with its own default columns (a table's MAPI_UNICODE choice). */
function withColumns(s: StoreRowSource, defaultColumns: readonly number[]): RowSource {
  return {
    defaultColumns: [...defaultColumns],
    rows: () => s.rows(),
    subscribe: (listener) => s.subscribe(listener),
  };
}
