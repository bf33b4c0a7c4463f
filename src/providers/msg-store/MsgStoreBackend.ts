import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { EntryIdCodec, FolderRecord, MessageContent, MessageRecord, MessageSummary, NodeId, PropMap, SpecialFolder, StoreBackend } from '../../core/spi/store.js';
import type { SSortOrderSet } from '../../core/table/types.js';
import type { IdSource } from '../../core/spi/ids.js';
import type { Clock } from '../../core/spi/clock.js';
import { MapiError, EmulatorError } from '../../core/errors/MapiError.js';
import { NamedPropertyMap } from '../../core/props/NamedPropertyMap.js';
import { PROP_ID } from '../../core/props/tags.js';
import { ExchangeEntryIds } from '../../core/store/entryIds.js';
import { FOLDER_ROOT } from '../../core/generated/constants.js';
import { PR_SUBJECT_W } from '../../core/generated/proptags.js';
import { MAPI_E_DISK_ERROR } from '../../core/generated/scodes.js';
import { readMsg, writeMsg } from '../../formats/msg/index.js';
import { messageSummaryOf, summaryFits, summaryOf, summaryText, type IndexSummary } from './summaries.js';
import { writeFileAtomic, type WriteHooks } from './atomicWrite.js';
import { decodeProps, encodeProps } from './json.js';
import {
  ASSOC_DIR, DELETED_PREFIX, FOLDER_FILE, STORE_FILE, folderFileText, indexEntryText, readFolderFile, readStoreFile, storeFileText, type MessageIndexEntryOut,
} from './layout.js';
import { childPath } from './paths.js';
import { keptByMsg, MASK_ID, restoreString8, string8Places } from './messageFile.js';
import { DirectoryScan, errText, stampOf } from './scan.js';
import { StoreTree, textOf, DISPLAY_NAME_ID, type FolderNode, type MessageNode } from './tree.js';

/** Options of {@link MsgStoreBackend.open}. */
export interface MsgStoreOptions {
  /** Where a new store's provider UID and database GUID come from [random bytes]. */
  ids?: IdSource;
  /** Timestamps of the compound files written [the system clock]. */
  clock?: Clock;
  /** Flush every write to disk (fsync of the file and its directory) [true]. False is faster and still atomic for readers, not against power loss. */
  durable?: boolean;
  /** Open without writing anything: the kit answers MAPI_E_NO_ACCESS to writes; files added by hand get identifiers for this session only. */
  readOnly?: boolean;
  /** Messages kept decoded in memory [256]. */
  cacheSize?: number;
  /** Hooks of the write path (crash tests). */
  hooks?: WriteHooks;
  /**
   * Keep a summary of each message in its folder's index and serve contents tables and folder
   * counts from it, decoding a .msg only for a column the summary left out (bodies, large values)
   * [true]. False decodes every message a table or count needs (the summaries already in the
   * index are kept, not used).
   */
  summaries?: boolean;
  /** Called with the path of each .msg file decoded (tests, diagnostics). */
  onDecode?: (path: string) => void;
}


/** Identifiers reserved in the store file at a time, so that newId rarely writes. */
const ID_BLOCK = 64;

const SUBJECT_ID = PROP_ID(PR_SUBJECT_W);

/**
 * A message store kept as a directory tree of Outlook .msg files: a folder is a directory
 * (its properties and the index of its messages in `.mapiemu-folder.json`), a message is a
 * Unicode .msg file, associated messages are in the folder's `.assoc` subdirectory, the
 * store's own data (provider UID, identifier counter, named-property map, special and receive
 * folders) is in `.mapiemu-store.json` at the root. Every file is replaced atomically (temporary
 * file, fsync, rename); files added, changed or removed by hand are picked up when the store
 * opens and on {@link refresh}. See docs/msg-store.md.
 */
export class MsgStoreBackend implements StoreBackend {
  readonly entryIds: EntryIdCodec;
  readonly namedProps: NamedPropertyMap;
  readonly readOnly: boolean;
  /** True when {@link open} created the store (the session then creates the default folders). */
  readonly isNew: boolean;
  /** The store directory (absolute). */
  readonly root: string;
  private readonly durable: boolean;
  private readonly hooks: WriteHooks | undefined;
  private readonly clock: Clock | undefined;
  private readonly useSummaries: boolean;
  private readonly onDecode: ((path: string) => void) | undefined;
  /** Folders whose index gained summaries (messages decoded) not yet written. */
  private readonly pendingIndex = new Set<NodeId>();
  private flushScheduled = false;
  /** Index entries as last written (their text, and what it was made from). */
  private readonly entryTexts = new WeakMap<MessageNode, { key: string; string8?: string[]; summary?: IndexSummary; text: string }>();
  private readonly uid: Uint8Array;
  private readonly databaseGuid: Uint8Array;
  private props: PropMap;
  private special: Partial<Record<SpecialFolder, NodeId>>;
  private receive: Map<string, NodeId>;
  private nextId: NodeId;
  private reservedId: NodeId;
  private namesSaved: number;
  private rootFolder: NodeId;
  /** Folders, message index entries and decoded messages. */
  private readonly tree: StoreTree;
  private readonly scan: DirectoryScan;
  /** Problems met while scanning (unreadable folder files, duplicate identifiers), for diagnostics. */
  readonly problems: string[] = [];

  private constructor(root: string, options: MsgStoreOptions) {
    this.root = resolve(root);
    this.readOnly = options.readOnly ?? false;
    this.durable = options.durable ?? true;
    this.hooks = options.hooks;
    this.clock = options.clock;
    this.tree = new StoreTree(this.root, Math.max(1, options.cacheSize ?? 256));
    this.scan = new DirectoryScan(this.tree, {
      readOnly: this.readOnly,
      problems: this.problems,
      newId: () => this.newId(),
      seeId: (id) => {
        this.nextId = Math.max(this.nextId, id + 1);
      },
      writeIndex: (node) => this.writeFolderFileIfWritable(node),
    });
    this.useSummaries = options.summaries ?? true;
    this.onDecode = options.onDecode;
    const storePath = join(this.root, STORE_FILE);
    const existing = existsSync(storePath) ? readStoreFile(storePath) : undefined;
    this.isNew = !existing;
    const guid = (): Uint8Array => (options.ids ? options.ids.guid().bytes : new Uint8Array(randomBytes(16)));
    this.uid = existing?.uid ?? guid();
    this.databaseGuid = existing?.databaseGuid ?? guid();
    this.entryIds = new ExchangeEntryIds(this.uid, this.databaseGuid);
    this.namedProps = new NamedPropertyMap(Uint8Array.from(this.uid));
    for (const [id, name] of existing?.names ?? []) this.namedProps.assign(id, name);
    this.namesSaved = this.namedProps.size;
    this.props = decodeProps(existing?.storeProps);
    this.special = { ...(existing?.special ?? {}) };
    this.receive = new Map(existing?.receive ?? []);
    this.nextId = Math.max(1, existing?.nextId ?? 1);
    this.reservedId = this.nextId;
    this.rootFolder = existing?.rootId ?? 0;
  }

  /**
   * Opens the store in `dir`, creating the directory and an empty store (root folder only)
   * when there is none; a directory of .msg files and subdirectories made by hand becomes a
   * store with those folders and messages. Files changed behind the store's back since it
   * was last open are re-read.
   * @throws MapiError MAPI_E_CORRUPT_DATA when the store file is damaged; MAPI_E_DISK_ERROR when the directory cannot be used
   */
  static open(dir: string, options: MsgStoreOptions = {}): MsgStoreBackend {
    try {
      if (!options.readOnly) mkdirSync(dir, { recursive: true });
      if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    } catch (e) {
      throw new MapiError(MAPI_E_DISK_ERROR, `[mapi-emu] msg store: cannot use '${dir}' as a store directory (${errText(e)})`);
    }
    const b = new MsgStoreBackend(dir, options);
    b.load();
    return b;
  }

  // ------------------------------------------------------------------ StoreBackend reads

  storeProps(): PropMap {
    return this.props;
  }

  rootId(): NodeId {
    return this.rootFolder;
  }

  specialFolders(): Partial<Record<SpecialFolder, NodeId>> {
    return { ...this.special };
  }

  folder(id: NodeId): FolderRecord | undefined {
    return this.tree.folders.get(id)?.rec;
  }

  childFolderIds(id: NodeId): NodeId[] {
    return [...(this.tree.folders.get(id)?.children ?? [])];
  }

  messageIds(folderId: NodeId, associated: boolean): NodeId[] {
    const f = this.tree.folders.get(folderId);
    if (!f) return [];
    return (associated ? f.assoc : f.normal).filter((id) => !this.tree.messages.get(id)?.broken);
  }

  /**
   * The summary kept in the index for the message's current version, made from the file as it
   * is on disk (size and modification time); undefined when there is none (the kit then reads
   * the message, which makes one) or with `summaries: false`.
   */
  messageSummary(id: NodeId): MessageSummary | undefined {
    if (!this.useSummaries) return undefined;
    const m = this.tree.messages.get(id);
    if (!m || m.broken || !summaryFits(m.summary, m)) return undefined;
    return messageSummaryOf(m.summary, m);
  }

  message(id: NodeId): MessageRecord | undefined {
    const m = this.tree.messages.get(id);
    if (!m || m.broken) return undefined;
    const hit = this.tree.cache.get(id);
    if (hit) {
      this.tree.cache.delete(id);
      this.tree.cache.set(id, hit);
      this.summarizeDecoded(m, hit);
      return hit;
    }
    let bytes: Uint8Array;
    try {
      const path = this.tree.messagePath(m);
      bytes = readFileSync(path);
      this.onDecode?.(path);
    } catch {
      // Removed behind our back: gone until the next refresh drops it from the index.
      return undefined;
    }
    let content: MessageContent;
    try {
      content = readMsg(bytes, this.namedProps);
    } catch (e) {
      m.broken = true;
      this.problems.push(`${this.tree.messagePath(m)}: ${errText(e)}`);
      return undefined;
    }
    // writeMsg marks a Unicode file with STORE_UNICODE_OK in PR_STORE_SUPPORT_MASK: the file's, not the message's.
    content.props.delete(MASK_ID);
    if (m.string8) restoreString8(content, m.string8);
    const rec: MessageRecord = {
      ...content,
      nextAttachNum: Math.max(content.nextAttachNum, m.nextAttachNum ?? 0),
      nextRowId: Math.max(content.nextRowId, m.nextRowId ?? 0),
      id,
      folderId: m.folderId,
      associated: m.assoc,
      version: m.version,
      ...(m.softDeleted && { softDeleted: true }),
    };
    this.tree.remember(rec);
    // Reading maps the file's named properties into the store's map.
    if (!this.readOnly) this.saveNamesIfChanged();
    this.summarizeDecoded(m, rec);
    return rec;
  }

  receiveFolders(): Map<string, NodeId> {
    return new Map(this.receive);
  }

  contentsSort(folderId: NodeId): SSortOrderSet | undefined {
    return this.tree.folders.get(folderId)?.sort;
  }

  newId(): NodeId {
    if (this.nextId >= this.reservedId) {
      this.reservedId = this.nextId + ID_BLOCK;
      // The block is on disk before any of its identifiers is handed out: a reopened store never reuses one.
      if (!this.readOnly) this.writeStoreFile();
    }
    return this.nextId++;
  }

  // ------------------------------------------------------------------ StoreBackend writes

  putStoreProps(props: PropMap): void {
    this.props = props;
    this.writeStoreFile();
  }

  putSpecialFolders(map: Partial<Record<SpecialFolder, NodeId>>): void {
    this.special = { ...map };
    this.writeStoreFile();
  }

  putReceiveFolders(map: Map<string, NodeId>): void {
    this.receive = new Map(map);
    this.writeStoreFile();
  }

  putContentsSort(folderId: NodeId, sort: SSortOrderSet): void {
    const f = this.tree.folders.get(folderId);
    if (!f) return;
    f.sort = sort;
    this.writeFolderFile(f);
  }

  putFolder(rec: FolderRecord): void {
    this.saveNamesIfChanged();
    const prev = this.tree.folders.get(rec.id);
    if (!prev) {
      if (rec.parentId === null) throw new EmulatorError('[mapi-emu] msg store: a second root folder cannot be created');
      const parent = this.tree.folderNode(rec.parentId);
      const node: FolderNode = { rec, name: this.tree.freeDirName(parent, this.tree.dirNameOf(rec), rec.id), children: [], normal: [], assoc: [] };
      mkdirSync(childPath(this.tree.folderPath(parent), node.name));
      this.tree.folders.set(rec.id, node);
      // The folder exists (with its identifier) once its file does; the parent's list only orders it.
      this.writeFolderFile(node);
      parent.children.push(rec.id);
      this.writeFolderFile(parent);
      return;
    }
    const oldParentId = prev.rec.parentId;
    const moved = oldParentId !== rec.parentId;
    const renamed = textOf(prev.rec.props, DISPLAY_NAME_ID) !== textOf(rec.props, DISPLAY_NAME_ID);
    if ((moved || renamed) && rec.parentId !== null) {
      const newParent = this.tree.folderNode(rec.parentId);
      const from = this.tree.folderPath(prev);
      const wanted = this.tree.dirNameOf(rec);
      const name = !moved && prev.name === wanted ? prev.name : this.tree.freeDirName(newParent, wanted, rec.id, rec.id);
      const to = childPath(this.tree.folderPath(newParent), name);
      if (to !== from) renameSync(from, to);
      prev.name = name;
      if (moved && oldParentId !== null) {
        const old = this.tree.folders.get(oldParentId);
        if (old) {
          old.children = old.children.filter((c) => c !== rec.id);
          this.writeFolderFile(old);
        }
        newParent.children.push(rec.id);
        this.writeFolderFile(newParent);
      }
    }
    prev.rec = rec;
    this.writeFolderFile(prev);
  }

  removeFolder(id: NodeId): void {
    const node = this.tree.folders.get(id);
    if (!node || node.rec.parentId === null) return;
    const parent = this.tree.folders.get(node.rec.parentId);
    const dir = this.tree.folderPath(node);
    // Renamed away first: a crash leaves a dot-directory the next open removes, never half a folder.
    const gone = join(parent ? this.tree.folderPath(parent) : this.root, `${DELETED_PREFIX}${id}-${process.pid}`);
    renameSync(dir, gone);
    if (parent) {
      parent.children = parent.children.filter((c) => c !== id);
      this.writeFolderFile(parent);
    }
    rmSync(gone, { recursive: true, force: true });
    this.tree.forgetFolder(id);
  }

  putMessage(given: MessageRecord): void {
    // Held as the file keeps it, so that the record (and its summary) is the same before and after a restart.
    const rec = keptByMsg(given);
    this.saveNamesIfChanged();
    const folder = this.tree.folderNode(rec.folderId);
    const prev = this.tree.messages.get(rec.id);
    const cached = this.tree.cache.get(rec.id);
    const sameContent = !!cached && cached.props === rec.props && cached.recipients === rec.recipients && cached.attachments === rec.attachments;
    if (prev && prev.folderId === rec.folderId && prev.assoc === rec.associated) {
      // Same place: rewrite the file (unless only the index changed: soft deletion, version) and the index.
      if (!sameContent || prev.broken || !existsSync(this.tree.messagePath(prev))) this.writeMessageFile(prev, rec);
      delete prev.broken;
      this.updateEntry(prev, rec);
      this.summarize(prev, rec);
      this.tree.remember(rec);
      this.writeFolderFile(folder);
      return;
    }
    const entry: MessageNode = {
      id: rec.id,
      folderId: rec.folderId,
      assoc: rec.associated,
      file: this.tree.freeFileName(folder, rec.associated, textOf(rec.props, SUBJECT_ID), rec.id),
      size: -1,
      mtimeMs: -1,
      version: rec.version,
    };
    this.updateEntry(entry, rec);
    (rec.associated ? folder.assoc : folder.normal).push(rec.id);
    this.tree.messages.set(rec.id, entry);
    if (!prev) {
      // Registered before the file is written: a crash in between leaves an entry without a file, dropped on open.
      this.writeFolderFile(folder);
      this.writeMessageFile(entry, rec);
      this.summarize(entry, rec);
      this.writeFolderFile(folder);
    } else {
      // A move: the new file and the new index first, then the old ones; a crash in between keeps a copy, never nothing.
      this.writeMessageFile(entry, rec);
      this.summarize(entry, rec);
      this.writeFolderFile(folder);
      this.tree.unlist(prev);
      const src = this.tree.folders.get(prev.folderId);
      if (src) this.writeFolderFile(src);
      this.unlinkQuietly(this.tree.messagePathIn(prev.folderId, prev));
    }
    this.tree.remember(rec);
  }

  removeMessage(id: NodeId): void {
    const m = this.tree.messages.get(id);
    if (!m) return;
    // The file goes first: a crash then leaves an index entry without a file, which the next open drops.
    this.unlinkQuietly(this.tree.messagePath(m));
    this.tree.unlist(m);
    this.tree.cache.delete(id);
    const f = this.tree.folders.get(m.folderId);
    if (f) this.writeFolderFile(f);
  }

  // ------------------------------------------------------------------ external changes

  /**
   * Looks at the directories again: .msg files added by hand get identifiers (persisted), files
   * removed are dropped, files whose size or modification time changed are re-read (a new
   * version), directories added or removed by hand become folders or disappear. Called at
   * open; call it (then open new tables) after changing the files of an open store.
   * Answers whether anything changed.
   */
  refresh(): boolean {
    this.flush();
    return this.scan.refresh(this.rootFolder);
  }

  /**
   * Writes now the summaries made since the last index write of their folder (messages decoded
   * that had none). The store does this by itself right after the reads that made them (one
   * write per folder, at the end of the current turn of the event loop), at the next write of
   * the folder and on {@link refresh}; call it before exiting the process abruptly.
   */
  flush(): void {
    for (const id of [...this.pendingIndex]) {
      const node = this.tree.folders.get(id);
      if (node && !this.readOnly) this.writeFolderFile(node);
    }
    this.pendingIndex.clear();
  }

  // ------------------------------------------------------------------ loading

  private load(): void {
    if (!this.readOnly) this.scan.sweep(this.root);
    const rootFile = readFolderFile(join(this.root, FOLDER_FILE));
    const rootId = rootFile?.id ?? (this.rootFolder || this.newId());
    this.rootFolder = rootId;
    const root: FolderNode = {
      rec: { id: rootId, parentId: null, folderType: FOLDER_ROOT, props: decodeProps(rootFile?.props) },
      name: '',
      children: [],
      normal: [],
      assoc: [],
      ...(rootFile?.sort && { sort: rootFile.sort }),
    };
    this.tree.folders.set(rootId, root);
    root.fileStamp = stampOf(join(this.root, FOLDER_FILE));
    this.nextId = Math.max(this.nextId, rootId + 1);
    this.scan.loadChildren(root, rootFile);
    if (this.scan.scanMessages(root, rootFile) || !rootFile) this.writeFolderFileIfWritable(root);
    if (this.isNew) this.writeStoreFileIfWritable();
  }

  // ------------------------------------------------------------------ writing

  private writeMessageFile(entry: MessageNode, rec: MessageRecord): void {
    const bytes = writeMsg(
      { props: rec.props, recipients: rec.recipients, attachments: rec.attachments, nextAttachNum: rec.nextAttachNum, nextRowId: rec.nextRowId },
      this.namedProps,
      this.clock ? { clock: this.clock } : {},
    );
    const dir = this.tree.folderPath(this.tree.folderNode(entry.folderId));
    if (entry.assoc) mkdirSync(join(dir, ASSOC_DIR), { recursive: true });
    const path = this.tree.messagePath(entry);
    this.atomic(path, bytes);
    const st = statSync(path);
    entry.size = st.size;
    entry.mtimeMs = st.mtimeMs;
  }

  private updateEntry(entry: MessageNode, rec: MessageRecord): void {
    entry.version = rec.version;
    if (rec.softDeleted) entry.softDeleted = true;
    else delete entry.softDeleted;
    entry.nextAttachNum = rec.nextAttachNum;
    entry.nextRowId = rec.nextRowId;
    const places = string8Places(rec);
    if (places.length > 0) entry.string8 = places;
    else delete entry.string8;
  }

  private writeFolderFile(node: FolderNode): void {
    const entries = [...node.normal, ...node.assoc]
      .map((id) => this.tree.messages.get(id))
      .filter((m): m is MessageNode => !!m)
      .map((m) => this.entryText(m));
    const data: Parameters<typeof folderFileText>[0] = {
      id: node.rec.id,
      folderType: node.rec.folderType,
      props: encodeProps(node.rec.props),
      ...(node.rec.search && { search: node.rec.search }),
      ...(node.rec.softDeleted && { softDeleted: true }),
      ...(node.sort && { sort: node.sort }),
      children: [...node.children],
      messages: entries,
    };
    const path = join(this.tree.folderPath(node), FOLDER_FILE);
    this.atomic(path, folderFileText(data));
    node.fileStamp = stampOf(path);
    this.pendingIndex.delete(node.rec.id);
  }

  /** The folder-file text of a message's index entry, made again only when the entry changed (the key lists every field of MessageIndexEntry: keep it in step). */
  private entryText(m: MessageNode): string {
    const { folderId: _f, broken: _b, summary: s, ...e } = m;
    const summary = summaryFits(s, e) ? s : undefined;
    const key = [e.id, e.file, e.assoc, e.size, e.mtimeMs, e.version, e.softDeleted, e.nextAttachNum, e.nextRowId].join('\0');
    const hit = this.entryTexts.get(m);
    if (hit && hit.key === key && hit.string8 === e.string8 && hit.summary === summary) return hit.text;
    const out: MessageIndexEntryOut = summary ? { ...e, summaryText: summaryText(summary) } : e;
    const text = indexEntryText(out);
    this.entryTexts.set(m, { key, ...(e.string8 && { string8: e.string8 }), ...(summary && { summary }), text });
    return text;
  }

  /** A file added or replaced behind our back, or an index from before summaries: summarised when read, written with the next index write. */
  private summarizeDecoded(m: MessageNode, rec: MessageRecord): void {
    if (!this.useSummaries || summaryFits(m.summary, m)) return;
    m.summary = summaryOf(rec, m);
    this.indexChanged(m.folderId);
  }

  /** The summary of a message just written (or whose index state changed), for the index write that follows. */
  private summarize(entry: MessageNode, rec: MessageRecord): void {
    if (this.useSummaries) entry.summary = summaryOf(rec, entry);
    else delete entry.summary;
  }

  /** Notes that a folder's index gained summaries: written once at the end of this turn of the event loop (or sooner by any write of the folder). */
  private indexChanged(folderId: NodeId): void {
    if (this.readOnly) return;
    this.pendingIndex.add(folderId);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      for (const id of [...this.pendingIndex]) {
        this.pendingIndex.delete(id);
        const node = this.tree.folders.get(id);
        // Another backend (a restart in the same process) may have replaced the file since: then it is left alone.
        if (!node || stampOf(join(this.tree.folderPath(node), FOLDER_FILE)) !== node.fileStamp) continue;
        try {
          this.writeFolderFile(node);
        } catch (e) {
          this.problems.push(`${this.tree.folderPath(node)}: summaries not written (${errText(e)})`);
        }
      }
    });
  }

  private writeFolderFileIfWritable(node: FolderNode): void {
    if (!this.readOnly) this.writeFolderFile(node);
  }

  private writeStoreFile(): void {
    this.namesSaved = this.namedProps.size;
    this.atomic(
      join(this.root, STORE_FILE),
      storeFileText({
        uid: this.uid,
        databaseGuid: this.databaseGuid,
        nextId: Math.max(this.reservedId, this.nextId),
        rootId: this.rootFolder,
        storeProps: encodeProps(this.props),
        special: this.special,
        receive: [...this.receive],
        names: this.namedProps.entries(),
      }),
    );
  }

  private writeStoreFileIfWritable(): void {
    if (!this.readOnly) this.writeStoreFile();
  }

  /** The named-property map goes to disk before anything written with its identifiers. */
  private saveNamesIfChanged(): void {
    if (this.namedProps.size !== this.namesSaved) this.writeStoreFile();
  }

  private atomic(path: string, data: Uint8Array | string): void {
    if (this.readOnly) throw new EmulatorError('[mapi-emu] msg store: a write reached a read-only store');
    try {
      writeFileAtomic(path, data, this.durable, this.hooks);
    } catch (e) {
      if (e instanceof MapiError || e instanceof EmulatorError) throw e;
      throw new MapiError(MAPI_E_DISK_ERROR, `[mapi-emu] msg store: cannot write '${path}' (${errText(e)})`);
    }
  }

  private unlinkQuietly(path: string): void {
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  }
}
