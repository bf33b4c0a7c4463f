import type { FolderRecord, MessageRecord, NodeId, StoredSearchCriteria } from '../spi/store.js';
import type { RowSource, RowSourceEvent, RowSourceListener, TableRow } from '../table/RowSource.js';
import type { CompiledRestriction } from '../restriction/compile.js';
import type { FolderCounts, MessageHead, SearchFolderHooks, StoreChange, StoreContext } from './StoreContext.js';
import { compileRestriction } from '../restriction/compile.js';
import { rowTarget } from '../table/RowSource.js';
import { PROP_ID } from '../props/tags.js';
import { folderNotification } from './messageOps.js';
import { PR_MESSAGE_FLAGS } from '../generated/proptags.js';
import { FOLDER_SEARCH, MSGFLAG_READ, RECURSIVE_SEARCH, SEARCH_COMPLETE, SEARCH_REBUILD, STATIC_SEARCH, fnevSearchComplete } from '../generated/constants.js';

/**
 * The search-folder engine of a store: the results of every FOLDER_SEARCH folder, kept live
 * from the store's committed changes (StoreContext.onChange).
 *
 * A (re)started search (new criteria or RESTART_SEARCH) clears the results and rebuilds them on
 * the subsystem's scheduler: until then getSearchCriteria reports SEARCH_REBUILD and the folder
 * is empty; then the results appear (TABLE_ROW_ADDED), SEARCH_COMPLETE is set and the store
 * raises fnevSearchComplete for the folder. From then on each changed message is tested against
 * each search (O(search folders) per change): a message that comes to match, or moves into the
 * searched folders, is added; one that stops matching, leaves them or is deleted is removed.
 * STOP_SEARCH and STATIC_SEARCH freeze the set of results: its messages stay listed (with their
 * current properties, wherever they move) until they are deleted.
 *
 * Runs are created on first use from the folder's stored criteria, so a store reopened over an
 * existing backend finds its search folders complete (see docs/decisions/010-search-folders.md).
 * @see mapi-search-folders.md
 * @see imapicontainer-setsearchcriteria.md
 */
export class SearchFolderEngine implements SearchFolderHooks {
  private readonly runs = new Map<NodeId, SearchRun>();
  private readonly sources = new Map<string, ResultSource>();

  constructor(private readonly ctx: StoreContext) {
    ctx.onChange((change) => this.changed(change));
  }

  // ------------------------------------------------------------------ hooks

  state(folderId: NodeId): number {
    const run = this.run(folderId);
    if (!run) return 0;
    // imapicontainer-getsearchcriteria.md: SEARCH_REBUILD while locating messages, SEARCH_COMPLETE once the results are complete.
    return (run.rebuilding ? SEARCH_REBUILD : 0) | (run.complete ? SEARCH_COMPLETE : 0);
  }

  contains(folderId: NodeId, messageId: NodeId): boolean {
    return this.run(folderId)?.members.has(messageId) ?? false;
  }

  messageIds(folderId: NodeId): NodeId[] {
    const run = this.run(folderId);
    return run ? [...run.members].filter(([, m]) => !m.soft).map(([id]) => id) : [];
  }

  counts(folderId: NodeId): FolderCounts | undefined {
    if (this.ctx.backend.folder(folderId)?.folderType !== FOLDER_SEARCH) return undefined;
    const run = this.run(folderId);
    // The folder's own associated messages (its views) are counted as any folder's.
    const associated = this.ctx.backend.messageIds(folderId, true).filter((id) => {
      const m = this.ctx.messageHead(id);
      return m !== undefined && !m.softDeleted;
    }).length;
    return { content: run?.content ?? 0, unread: run?.unread ?? 0, associated };
  }

  contentsSource(folderId: NodeId, associated: boolean, softDeleted: boolean, defaultColumns: readonly number[]): RowSource {
    // Associated contents are the search folder's own (view descriptors), not search results.
    if (associated) return this.ctx.contentsSource(folderId, true, softDeleted, defaultColumns);
    const key = `${folderId}:${softDeleted ? 1 : 0}`;
    let s = this.sources.get(key);
    if (!s) {
      s = new ResultSource(() => this.resultRows(folderId, softDeleted));
      this.sources.set(key, s);
    }
    const source = s;
    return { defaultColumns: [...defaultColumns], rows: () => source.rows(), subscribe: (l) => source.subscribe(l) };
  }

  private *resultRows(folderId: NodeId, soft: boolean): IterableIterator<TableRow> {
    const run = this.run(folderId);
    if (!run) return;
    for (const [id, m] of run.members) {
      const head = m.soft === soft ? this.ctx.messageHead(id) : undefined;
      if (head) yield this.ctx.headRow(head);
    }
  }

  // ------------------------------------------------------------------ runs

  /** The run of a search folder, created from its stored criteria on first use (complete, no notification). */
  private run(folderId: NodeId): SearchRun | undefined {
    const existing = this.runs.get(folderId);
    if (existing) return existing;
    const rec = this.ctx.backend.folder(folderId);
    if (rec?.folderType !== FOLDER_SEARCH || !rec.search) return undefined;
    return this.load(folderId, rec.search);
  }

  private load(folderId: NodeId, c: StoredSearchCriteria): SearchRun {
    const run = new SearchRun(folderId, c, this.ctx.support.codePage);
    this.runs.set(folderId, run);
    this.populate(run, null);
    run.complete = true;
    return run;
  }

  /**
   * A search folder's criteria changed (setSearchCriteria, a copy of a search folder) or it was
   * deleted. A restart counts in the criteria's `runs` (folderOps.nextSearchCriteria); a change
   * that keeps the search as it is (priority) keeps the count.
   */
  private criteriaChanged(before: FolderRecord | null, after: FolderRecord | null): void {
    const id = (after ?? before)?.id as NodeId;
    if (!after) {
      const run = this.runs.get(id);
      if (run) run.generation++;
      this.runs.delete(id);
      for (const soft of [false, true]) this.sources.get(`${id}:${soft ? 1 : 0}`)?.emit([{ kind: 'reload' }]);
      return;
    }
    const c = after.search;
    if (!c || before?.search === c) return;
    const old = before?.search;
    if (!c.stopped && (!old || old.stopped || old.runs !== c.runs)) {
      this.start(id, c);
      return;
    }
    const run = this.runs.get(id) ?? (old ? this.load(id, old) : this.blank(id, c));
    run.criteria = c;
    if (c.stopped) {
      // STOP_SEARCH: the results stop following changes; a rebuild in progress ends with what it had (nothing).
      run.live = false;
      if (run.rebuilding) {
        run.rebuilding = false;
        run.generation++;
      }
    }
  }

  private blank(folderId: NodeId, c: StoredSearchCriteria): SearchRun {
    const run = new SearchRun(folderId, c, this.ctx.support.codePage);
    run.live = false;
    this.runs.set(folderId, run);
    return run;
  }

  /** (Re)starts a search: clears the results now, rebuilds them on the scheduler, then raises fnevSearchComplete. */
  private start(folderId: NodeId, c: StoredSearchCriteria): void {
    const run = this.runs.get(folderId) ?? new SearchRun(folderId, c, this.ctx.support.codePage);
    this.runs.set(folderId, run);
    const batch = new EventBatch(this);
    for (const id of [...run.members.keys()]) this.setMember(run, id, null, batch);
    batch.flush();
    run.reset(c, this.ctx.support.codePage);
    run.rebuilding = true;
    run.complete = false;
    const generation = ++run.generation;
    // mapi-search-folders.md / [MS-OXCFOLD] 3.2.5.4: the results are filled after SetSearchCriteria returns.
    this.ctx.support.scheduler.enqueue(() => {
      if (run.generation !== generation || this.runs.get(folderId) !== run) return;
      run.rebuilding = false;
      run.complete = true;
      this.populate(run, new EventBatch(this));
      const rec = this.ctx.backend.folder(folderId);
      // object_notification.md: fnevSearchComplete "indicates that the initial search of the domain for one search folder has completed".
      if (rec) this.ctx.publish([folderNotification(this.ctx, fnevSearchComplete, rec)]);
      this.ctx.flushFolderEvents();
    });
  }

  /** Fills a run from the messages of its searched folders, in folder order. */
  private populate(run: SearchRun, batch: EventBatch | null): void {
    run.scope = this.scopeOf(run);
    for (const f of run.scope) {
      for (const id of this.ctx.backend.messageIds(f, false)) {
        // Tested on the message's summary row when the backend keeps one (it reads the message only for what the summary lacks).
        const head = this.ctx.messageHead(id);
        if (head && run.matches(this.ctx.headRow(head))) this.setMember(run, id, head, batch);
      }
    }
    batch?.flush();
  }

  /** The folders a run searches: the listed ones and, with RECURSIVE_SEARCH, every folder below them. */
  private scopeOf(run: SearchRun): Set<NodeId> {
    const scope = new Set<NodeId>();
    const add = (id: NodeId): void => {
      if (scope.has(id) || !this.ctx.backend.folder(id)) return;
      scope.add(id);
      if (run.recursive) for (const child of this.ctx.backend.childFolderIds(id)) add(child);
    };
    for (const f of run.roots) add(f);
    return scope;
  }

  // ------------------------------------------------------------------ changes

  private changed(change: StoreChange): void {
    if (change.kind === 'message') this.messageChanged(change.before, change.after);
    else {
      const { before, after } = change;
      if (before?.folderType === FOLDER_SEARCH || after?.folderType === FOLDER_SEARCH) this.criteriaChanged(before, after);
      if (!before || !after || before.parentId !== after.parentId) this.folderMoved(before, after);
    }
  }

  /** One message changed: each run with complete results takes it in, keeps it or lets it go. */
  private messageChanged(before: MessageRecord | null, after: MessageRecord | null): void {
    const id = (after ?? before)?.id as NodeId;
    let row: TableRow | undefined;
    const batch = new EventBatch(this);
    for (const run of this.runs.values()) {
      if (run.rebuilding) continue;
      const was = run.members.has(id);
      let now = was;
      if (!after) now = false;
      else if (run.live) now = !after.associated && run.scope.has(after.folderId) && run.matches((row ??= this.ctx.messageRow(after)));
      if (was || now) this.setMember(run, id, now ? after : null, batch);
    }
    batch.flush();
  }

  /** A folder was created, moved or removed: recursive live searches whose scope it touches take in or let go of its messages. */
  private folderMoved(before: FolderRecord | null, after: FolderRecord | null): void {
    const batch = new EventBatch(this);
    for (const run of this.runs.values()) {
      if (!run.live || !run.recursive || run.rebuilding) continue;
      const touches = (before && run.scope.has(before.id)) || (after?.parentId !== null && after?.parentId !== undefined && run.scope.has(after.parentId));
      if (!touches) continue;
      const next = this.scopeOf(run);
      const left = new Set([...run.scope].filter((f) => !next.has(f)));
      const entered = [...next].filter((f) => !run.scope.has(f));
      run.scope = next;
      if (left.size) {
        for (const mid of [...run.members.keys()]) {
          const head = this.ctx.messageHead(mid);
          if (!head || left.has(head.folderId)) this.setMember(run, mid, null, batch);
        }
      }
      for (const f of entered) {
        for (const mid of this.ctx.backend.messageIds(f, false)) {
          const head = this.ctx.messageHead(mid);
          if (head && !run.members.has(mid) && run.matches(this.ctx.headRow(head))) this.setMember(run, mid, head, batch);
        }
      }
    }
    batch.flush();
  }

  /**
   * Makes a message a result of a run (`rec`) or not (null): counts, order (a row that changes
   * view goes last, as a new row would) and the row events of the normal and soft-deleted views.
   */
  private setMember(run: SearchRun, id: NodeId, rec: MessageHead | null, batch: EventBatch | null): void {
    const old = run.members.get(id);
    const next: Member | undefined = rec ? { soft: !!rec.softDeleted, unread: isUnread(rec) } : undefined;
    if (old && !old.soft) {
      run.content--;
      if (old.unread) run.unread--;
    }
    if (next && !next.soft) {
      run.content++;
      if (next.unread) run.unread++;
    }
    if (!next || !old || old.soft !== next.soft) run.members.delete(id);
    if (next) run.members.set(id, next);
    if (!batch) return;
    if ((old && !old.soft) !== (next && !next.soft) || old?.unread !== next?.unread) batch.countsChanged.add(run.id);
    for (const soft of [false, true]) {
      const source = this.sources.get(`${run.id}:${soft ? 1 : 0}`);
      if (!source?.watched) continue;
      const wasIn = old?.soft === soft;
      const nowIn = next?.soft === soft;
      if (wasIn && !nowIn) batch.add(source, { kind: 'deleted', key: String(id) });
      else if (nowIn && rec) batch.add(source, { kind: wasIn ? 'modified' : 'added', row: this.ctx.headRow(rec) });
    }
  }

  /** Re-sends the hierarchy rows of search folders whose counts changed (PR_CONTENT_COUNT, PR_CONTENT_UNREAD). */
  countsChanged(folderId: NodeId): void {
    this.ctx.folderRowChanged(folderId);
  }
}

/** Attaches a search-folder engine to a store context (done by the StoreContext constructor). */
export function attachSearchEngine(ctx: StoreContext): SearchFolderEngine {
  const engine = new SearchFolderEngine(ctx);
  ctx.searchFolders = engine;
  return engine;
}

/** What a run remembers of a result: the view it is in and its unread state (for the counts). */
interface Member {
  soft: boolean;
  unread: boolean;
}

/** The search of one search folder: criteria compiled, scope, results and counts. */
class SearchRun {
  /** Results in natural (table) order. */
  readonly members = new Map<NodeId, Member>();
  scope = new Set<NodeId>();
  roots: NodeId[] = [];
  recursive = false;
  /** False once stopped or for a static search: the set of results no longer changes (only deletions remove results). */
  live = true;
  rebuilding = false;
  complete = false;
  /** Bumped by every restart, stop and deletion, so a rebuild scheduled before does nothing. */
  generation = 0;
  content = 0;
  unread = 0;
  private predicate: CompiledRestriction | null = null;

  constructor(
    readonly id: NodeId,
    public criteria: StoredSearchCriteria,
    codePage: number,
  ) {
    this.reset(criteria, codePage);
  }

  /** Takes new criteria: the restriction compiled once, the listed folders and the recursion. */
  reset(c: StoredSearchCriteria, codePage: number): void {
    this.criteria = c;
    this.roots = [...c.folders];
    this.recursive = (c.flags & RECURSIVE_SEARCH) !== 0;
    // [MS-OXCFOLD] 3.2.5.4: a static search is populated once and not updated afterwards.
    this.live = !c.stopped && (c.flags & STATIC_SEARCH) === 0;
    try {
      this.predicate = c.restriction ? compileRestriction(c.restriction, { codePage }) : null;
    } catch {
      // Criteria are validated by setSearchCriteria; a backend's unreadable restriction matches nothing.
      this.predicate = null;
    }
  }

  matches(row: TableRow): boolean {
    if (!this.predicate) return false;
    this.predicate.reset();
    return this.predicate.matches(rowTarget(row));
  }
}

/** A search folder's contents rows: shared by its tables, fed by the engine. */
class ResultSource {
  private readonly listeners = new Set<RowSourceListener>();
  constructor(readonly rows: () => Iterable<TableRow>) {}
  subscribe(listener: RowSourceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  get watched(): boolean {
    return this.listeners.size > 0;
  }
  emit(events: RowSourceEvent[]): void {
    if (events.length) for (const l of [...this.listeners]) l(events, false);
  }
}

/** The row events and count changes of one store change, sent together once it has been applied. */
class EventBatch {
  private readonly events = new Map<ResultSource, RowSourceEvent[]>();
  readonly countsChanged = new Set<NodeId>();
  constructor(private readonly engine: SearchFolderEngine) {}
  add(source: ResultSource, e: RowSourceEvent): void {
    const list = this.events.get(source);
    if (list) list.push(e);
    else this.events.set(source, [e]);
  }
  flush(): void {
    for (const [source, events] of this.events) source.emit(events);
    this.events.clear();
    for (const id of this.countsChanged) this.engine.countsChanged(id);
    this.countsChanged.clear();
  }
}

function isUnread(m: MessageHead): boolean {
  const flags = m.props.get(PROP_ID(PR_MESSAGE_FLAGS));
  return !m.associated && (!flags || ((flags.Value as number) & MSGFLAG_READ) === 0);
}
