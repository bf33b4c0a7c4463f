import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { EntryIdCodec, FolderRecord, MessageContent, MessageRecord, NodeId, PropMap, SpecialFolder, StoreBackend } from '../../core/spi/store.js';
import type { SSortOrderSet } from '../../core/table/types.js';
import type { IdSource } from '../../core/spi/ids.js';
import type { Clock } from '../../core/spi/clock.js';
import { MapiError, EmulatorError } from '../../core/errors/MapiError.js';
import { NamedPropertyMap } from '../../core/props/NamedPropertyMap.js';
import { PROP_ID, PROP_TAG, PROP_TYPE } from '../../core/props/tags.js';
import { PT_MV_STRING8, PT_MV_UNICODE, PT_STRING8, PT_UNICODE } from '../../core/generated/proptypes.js';
import { ExchangeEntryIds } from '../../core/store/entryIds.js';
import { FOLDER_GENERIC, FOLDER_ROOT } from '../../core/generated/constants.js';
import { PR_DISPLAY_NAME_W, PR_STORE_SUPPORT_MASK, PR_SUBJECT_W } from '../../core/generated/proptags.js';
import { MAPI_E_DISK_ERROR } from '../../core/generated/scodes.js';
import { readMsg, writeMsg } from '../../formats/msg/index.js';
import { TEMP_PREFIX, writeFileAtomic, type WriteHooks } from './atomicWrite.js';
import { decodeProps, encodeProps } from './json.js';
import {
  ASSOC_DIR, DELETED_PREFIX, FOLDER_FILE, MSG_EXT, STORE_FILE, folderFileText, readFolderFile, readStoreFile, storeFileText,
  type FolderFileData, type MessageIndexEntry,
} from './layout.js';
import { childPath, decodeName, fileNameOf } from './paths.js';

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
}

/** A folder as held in memory: its record, its directory name and the order of its children and messages. */
interface FolderNode {
  rec: FolderRecord;
  /** The directory's name in its parent's directory ('' for the root: the store directory itself). */
  name: string;
  children: NodeId[];
  normal: NodeId[];
  assoc: NodeId[];
  sort?: SSortOrderSet;
}

/** A message as held in memory: its index entry and where it lives. */
interface MessageNode extends MessageIndexEntry {
  folderId: NodeId;
  /** The file could not be read as a .msg: left alone and not listed. */
  broken?: boolean;
}

/** Identifiers reserved in the store file at a time, so that newId rarely writes. */
const ID_BLOCK = 64;

const DISPLAY_NAME_ID = PROP_ID(PR_DISPLAY_NAME_W);
const SUBJECT_ID = PROP_ID(PR_SUBJECT_W);
const MASK_ID = PROP_ID(PR_STORE_SUPPORT_MASK);

function textOf(props: PropMap, id: number): string | undefined {
  const v = props.get(id)?.Value;
  return typeof v === 'string' ? v : undefined;
}

/** Where a PT_STRING8 value is: `m.<id>` (message), `r<rowId>.<id>` (recipient), `a<num>.<id>` (attachment). */
function string8Places(content: MessageContent): string[] {
  const out: string[] = [];
  const scan = (prefix: string, props: PropMap) => {
    for (const [id, v] of props) {
      const t = PROP_TYPE(v.ulPropTag);
      if (t === PT_STRING8 || t === PT_MV_STRING8) out.push(`${prefix}.${id}`);
    }
  };
  scan('m', content.props);
  for (const r of content.recipients) scan(`r${r.rowId}`, r.props);
  for (const a of content.attachments) scan(`a${a.num}`, a.props);
  return out;
}

/** Gives back their PT_STRING8 type to the values {@link string8Places} listed (a Unicode .msg holds every string as PT_UNICODE). */
function restoreString8(content: MessageContent, places: readonly string[]): void {
  const byPrefix = new Map<string, PropMap>([['m', content.props]]);
  for (const r of content.recipients) byPrefix.set(`r${r.rowId}`, r.props);
  for (const a of content.attachments) byPrefix.set(`a${a.num}`, a.props);
  for (const place of places) {
    const dot = place.indexOf('.');
    const props = byPrefix.get(place.slice(0, dot));
    const id = Number(place.slice(dot + 1));
    const v = props?.get(id);
    if (!v) continue;
    const t = PROP_TYPE(v.ulPropTag);
    if (t === PT_UNICODE) props!.set(id, { ulPropTag: PROP_TAG(PT_STRING8, id), Value: v.Value });
    else if (t === PT_MV_UNICODE) props!.set(id, { ulPropTag: PROP_TAG(PT_MV_STRING8, id), Value: v.Value });
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

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
  private readonly cacheSize: number;
  private readonly uid: Uint8Array;
  private readonly databaseGuid: Uint8Array;
  private props: PropMap;
  private special: Partial<Record<SpecialFolder, NodeId>>;
  private receive: Map<string, NodeId>;
  private nextId: NodeId;
  private reservedId: NodeId;
  private namesSaved: number;
  private rootFolder: NodeId;
  private readonly folders = new Map<NodeId, FolderNode>();
  private readonly messages = new Map<NodeId, MessageNode>();
  /** Decoded messages, least recently used first. */
  private readonly cache = new Map<NodeId, MessageRecord>();
  /** Problems met while scanning (unreadable folder files, duplicate identifiers), for diagnostics. */
  readonly problems: string[] = [];

  private constructor(root: string, options: MsgStoreOptions) {
    this.root = resolve(root);
    this.readOnly = options.readOnly ?? false;
    this.durable = options.durable ?? true;
    this.hooks = options.hooks;
    this.clock = options.clock;
    this.cacheSize = Math.max(1, options.cacheSize ?? 256);
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
    return this.folders.get(id)?.rec;
  }

  childFolderIds(id: NodeId): NodeId[] {
    return [...(this.folders.get(id)?.children ?? [])];
  }

  messageIds(folderId: NodeId, associated: boolean): NodeId[] {
    const f = this.folders.get(folderId);
    if (!f) return [];
    return (associated ? f.assoc : f.normal).filter((id) => !this.messages.get(id)?.broken);
  }

  message(id: NodeId): MessageRecord | undefined {
    const m = this.messages.get(id);
    if (!m || m.broken) return undefined;
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(this.messagePath(m));
    } catch {
      // Removed behind our back: gone until the next refresh drops it from the index.
      return undefined;
    }
    let content: MessageContent;
    try {
      content = readMsg(bytes, this.namedProps);
    } catch (e) {
      m.broken = true;
      this.problems.push(`${this.messagePath(m)}: ${errText(e)}`);
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
    this.remember(rec);
    // Reading maps the file's named properties into the store's map.
    if (!this.readOnly) this.saveNamesIfChanged();
    return rec;
  }

  receiveFolders(): Map<string, NodeId> {
    return new Map(this.receive);
  }

  contentsSort(folderId: NodeId): SSortOrderSet | undefined {
    return this.folders.get(folderId)?.sort;
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
    const f = this.folders.get(folderId);
    if (!f) return;
    f.sort = sort;
    this.writeFolderFile(f);
  }

  putFolder(rec: FolderRecord): void {
    this.saveNamesIfChanged();
    const prev = this.folders.get(rec.id);
    if (!prev) {
      if (rec.parentId === null) throw new EmulatorError('[mapi-emu] msg store: a second root folder cannot be created');
      const parent = this.folderNode(rec.parentId);
      const node: FolderNode = { rec, name: this.freeDirName(parent, this.dirNameOf(rec), rec.id), children: [], normal: [], assoc: [] };
      mkdirSync(childPath(this.folderPath(parent), node.name));
      this.folders.set(rec.id, node);
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
      const newParent = this.folderNode(rec.parentId);
      const from = this.folderPath(prev);
      const wanted = this.dirNameOf(rec);
      const name = !moved && prev.name === wanted ? prev.name : this.freeDirName(newParent, wanted, rec.id, rec.id);
      const to = childPath(this.folderPath(newParent), name);
      if (to !== from) renameSync(from, to);
      prev.name = name;
      if (moved && oldParentId !== null) {
        const old = this.folders.get(oldParentId);
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
    const node = this.folders.get(id);
    if (!node || node.rec.parentId === null) return;
    const parent = this.folders.get(node.rec.parentId);
    const dir = this.folderPath(node);
    // Renamed away first: a crash leaves a dot-directory the next open removes, never half a folder.
    const gone = join(parent ? this.folderPath(parent) : this.root, `${DELETED_PREFIX}${id}-${process.pid}`);
    renameSync(dir, gone);
    if (parent) {
      parent.children = parent.children.filter((c) => c !== id);
      this.writeFolderFile(parent);
    }
    rmSync(gone, { recursive: true, force: true });
    this.forgetFolder(id);
  }

  putMessage(rec: MessageRecord): void {
    this.saveNamesIfChanged();
    const folder = this.folderNode(rec.folderId);
    const prev = this.messages.get(rec.id);
    const cached = this.cache.get(rec.id);
    const sameContent = !!cached && cached.props === rec.props && cached.recipients === rec.recipients && cached.attachments === rec.attachments;
    if (prev && prev.folderId === rec.folderId && prev.assoc === rec.associated) {
      // Same place: rewrite the file (unless only the index changed: soft deletion, version) and the index.
      if (!sameContent || prev.broken || !existsSync(this.messagePath(prev))) this.writeMessageFile(prev, rec);
      delete prev.broken;
      this.updateEntry(prev, rec);
      this.remember(rec);
      this.writeFolderFile(folder);
      return;
    }
    const entry: MessageNode = {
      id: rec.id,
      folderId: rec.folderId,
      assoc: rec.associated,
      file: this.freeFileName(folder, rec.associated, textOf(rec.props, SUBJECT_ID), rec.id),
      size: -1,
      mtimeMs: -1,
      version: rec.version,
    };
    this.updateEntry(entry, rec);
    (rec.associated ? folder.assoc : folder.normal).push(rec.id);
    this.messages.set(rec.id, entry);
    if (!prev) {
      // Registered before the file is written: a crash in between leaves an entry without a file, dropped on open.
      this.writeFolderFile(folder);
      this.writeMessageFile(entry, rec);
      this.writeFolderFile(folder);
    } else {
      // A move: the new file and the new index first, then the old ones; a crash in between keeps a copy, never nothing.
      this.writeMessageFile(entry, rec);
      this.writeFolderFile(folder);
      this.unlist(prev);
      const src = this.folders.get(prev.folderId);
      if (src) this.writeFolderFile(src);
      this.unlinkQuietly(this.messagePathIn(prev.folderId, prev));
    }
    this.remember(rec);
  }

  removeMessage(id: NodeId): void {
    const m = this.messages.get(id);
    if (!m) return;
    // The file goes first: a crash then leaves an index entry without a file, which the next open drops.
    this.unlinkQuietly(this.messagePath(m));
    this.unlist(m);
    this.cache.delete(id);
    const f = this.folders.get(m.folderId);
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
    let changed = false;
    const walk = (id: NodeId): void => {
      const node = this.folders.get(id);
      if (!node) return;
      const dir = this.folderPath(node);
      // Vanished subfolders first, so that a directory renamed by hand keeps its folder's identifier.
      const before = node.children.length;
      node.children = node.children.filter((c) => {
        const child = this.folders.get(c);
        if (child && existsSync(this.folderPath(child))) return true;
        this.forgetFolder(c);
        return false;
      });
      let dirty = node.children.length !== before;
      const known = new Set(node.children.map((c) => this.folders.get(c)?.name));
      for (const d of this.subdirectories(dir)) {
        if (known.has(d)) continue;
        const child = this.loadFolder(d, node);
        if (child) {
          node.children.push(child.rec.id);
          dirty = true;
        }
      }
      if (this.scanMessages(node)) dirty = true;
      if (dirty) {
        this.writeFolderFileIfWritable(node);
        changed = true;
      }
      for (const c of [...node.children]) walk(c);
    };
    walk(this.rootFolder);
    return changed;
  }

  // ------------------------------------------------------------------ loading

  private load(): void {
    if (!this.readOnly) this.sweep(this.root);
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
    this.folders.set(rootId, root);
    this.nextId = Math.max(this.nextId, rootId + 1);
    this.loadChildren(root, rootFile);
    if (this.scanMessages(root, rootFile) || !rootFile) this.writeFolderFileIfWritable(root);
    if (this.isNew) this.writeStoreFileIfWritable();
  }

  /** Loads a folder directory named `name` in `parent`'s directory (and its subtree); undefined when it cannot be read. */
  private loadFolder(name: string, parent: FolderNode): FolderNode | undefined {
    const dir = childPath(this.folderPath(parent), name);
    if (!this.readOnly) this.sweep(dir);
    let file: FolderFileData | undefined;
    try {
      file = readFolderFile(join(dir, FOLDER_FILE));
    } catch (e) {
      this.problems.push(errText(e));
      file = undefined;
    }
    let id = file?.id;
    if (id !== undefined && this.folders.has(id)) {
      this.problems.push(`${dir}: folder identifier ${id} is used twice (a copied directory?); given a new one`);
      id = undefined;
    }
    if (id !== undefined) this.nextId = Math.max(this.nextId, id + 1);
    const props = decodeProps(file?.props);
    // A directory made by hand is a folder named after it.
    if (!file) props.set(DISPLAY_NAME_ID, { ulPropTag: PR_DISPLAY_NAME_W, Value: decodeName(name) });
    const node: FolderNode = {
      rec: {
        id: id ?? this.newId(),
        parentId: parent.rec.id,
        folderType: file?.folderType ?? FOLDER_GENERIC,
        props,
        ...(file?.search && { search: file.search }),
        ...(file?.softDeleted && { softDeleted: true }),
      },
      name,
      children: [],
      normal: [],
      assoc: [],
      ...(file?.sort && { sort: file.sort }),
    };
    this.folders.set(node.rec.id, node);
    this.loadChildren(node, file);
    const rescanned = this.scanMessages(node, file);
    if (!file || id === undefined || rescanned) this.writeFolderFileIfWritable(node);
    return node;
  }

  private loadChildren(node: FolderNode, file: FolderFileData | undefined): void {
    const loaded: FolderNode[] = [];
    for (const d of this.subdirectories(this.folderPath(node))) {
      const child = this.loadFolder(d, node);
      if (child) loaded.push(child);
    }
    // Creation order as the folder file records it; directories it does not know come last, by name.
    const order = new Map((file?.children ?? []).map((id, i) => [id, i]));
    loaded.sort((a, b) => (order.get(a.rec.id) ?? Infinity) - (order.get(b.rec.id) ?? Infinity) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    node.children = loaded.map((c) => c.rec.id);
  }

  /**
   * Compares a folder's message files with its index: new files get entries, missing ones
   * lose theirs, changed ones (size, modification time) get a new version. Answers whether
   * the index changed.
   */
  private scanMessages(node: FolderNode, file?: FolderFileData): boolean {
    const dir = this.folderPath(node);
    const index = file ? file.messages : [...node.normal, ...node.assoc].map((id) => this.messages.get(id)).filter((m): m is MessageNode => !!m);
    let changed = false;
    for (const assoc of [false, true]) {
      const where = assoc ? join(dir, ASSOC_DIR) : dir;
      const onDisk = new Map<string, { size: number; mtimeMs: number }>();
      for (const d of this.listDir(where)) {
        if (!d.isFile() || d.name.startsWith('.') || !d.name.toLowerCase().endsWith(MSG_EXT)) continue;
        try {
          const st = statSync(join(where, d.name));
          onDisk.set(d.name, { size: st.size, mtimeMs: st.mtimeMs });
        } catch {
          // Vanished while listing.
        }
      }
      const ids: NodeId[] = [];
      for (const e of index) {
        if (e.assoc !== assoc) continue;
        const st = onDisk.get(e.file);
        const known = this.messages.get(e.id);
        if (!st || (known && known.folderId !== node.rec.id) || (!known && this.messages.has(e.id))) {
          // Removed behind our back, or listed twice (a crash during a move): dropped here.
          if (known && known.folderId === node.rec.id) this.forgetMessage(e.id);
          changed = true;
          continue;
        }
        onDisk.delete(e.file);
        const m: MessageNode = known ?? { ...e, folderId: node.rec.id };
        if (st.size !== m.size || st.mtimeMs !== m.mtimeMs) {
          // Changed behind our back: a new version, read again.
          m.size = st.size;
          m.mtimeMs = st.mtimeMs;
          m.version += 1;
          delete m.broken;
          delete m.string8;
          this.cache.delete(m.id);
          changed = true;
        }
        this.messages.set(m.id, m);
        ids.push(m.id);
      }
      // Files nobody indexed (dropped in by hand, or saved just before a crash while moving): new messages.
      for (const [name, st] of [...onDisk].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const m: MessageNode = { id: this.newId(), file: name, assoc, size: st.size, mtimeMs: st.mtimeMs, version: 1, folderId: node.rec.id };
        this.messages.set(m.id, m);
        ids.push(m.id);
        changed = true;
      }
      if (assoc) node.assoc = ids;
      else node.normal = ids;
    }
    return changed;
  }

  private subdirectories(dir: string): string[] {
    return this.listDir(dir)
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  }

  private listDir(dir: string): Dirent[] {
    try {
      return readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
  }

  /** Removes what a crash left in a directory: temporary files and folders being deleted. */
  private sweep(dir: string): void {
    for (const where of [dir, join(dir, ASSOC_DIR)]) {
      for (const d of this.listDir(where)) {
        if (d.name.startsWith(TEMP_PREFIX) || d.name.startsWith(DELETED_PREFIX)) rmSync(join(where, d.name), { recursive: true, force: true });
      }
    }
  }

  // ------------------------------------------------------------------ paths and names

  private folderNode(id: NodeId): FolderNode {
    const f = this.folders.get(id);
    if (!f) throw new EmulatorError(`[mapi-emu] msg store: folder ${id} does not exist`);
    return f;
  }

  /** The directory of a folder: its ancestors' names under the store directory. */
  private folderPath(node: FolderNode): string {
    const names: string[] = [];
    for (let n: FolderNode | undefined = node; n && n.rec.parentId !== null; n = this.folders.get(n.rec.parentId)) names.unshift(n.name);
    return names.length === 0 ? this.root : childPath(this.root, ...names);
  }

  private messagePath(m: MessageNode): string {
    return this.messagePathIn(m.folderId, m);
  }

  private messagePathIn(folderId: NodeId, m: MessageIndexEntry): string {
    const dir = this.folderPath(this.folderNode(folderId));
    return m.assoc ? childPath(dir, ASSOC_DIR, m.file) : childPath(dir, m.file);
  }

  /** The encoded display name a folder's directory is named after. */
  private dirNameOf(rec: FolderRecord): string {
    const name = textOf(rec.props, DISPLAY_NAME_ID);
    return name === undefined ? `folder ${rec.id}` : fileNameOf(name);
  }

  /** `wanted`, or `wanted ~<id>` when a sibling (other than `self`) already has that name, compared case-insensitively as Windows and macOS do. */
  private freeDirName(parent: FolderNode, wanted: string, id: NodeId, self?: NodeId): string {
    const taken = new Set(
      parent.children.filter((c) => c !== self).map((c) => this.folders.get(c)?.name.toLowerCase()),
    );
    const parentDir = this.folderPath(parent);
    const me = self === undefined ? undefined : this.folders.get(self);
    const mine = (n: string) => !!me && me.rec.parentId === parent.rec.id && me.name === n;
    const free = (n: string) => !taken.has(n.toLowerCase()) && (!existsSync(join(parentDir, n)) || mine(n));
    if (free(wanted)) return wanted;
    return `${wanted} ~${id}`;
  }

  /** A file name for a message, after its subject, not used in its folder. */
  private freeFileName(folder: FolderNode, assoc: boolean, subject: string | undefined, id: NodeId): string {
    const base = subject ? fileNameOf(subject) : 'message';
    const taken = new Set((assoc ? folder.assoc : folder.normal).map((m) => this.messages.get(m)?.file.toLowerCase()));
    const dir = assoc ? join(this.folderPath(folder), ASSOC_DIR) : this.folderPath(folder);
    const plain = `${base}${MSG_EXT}`;
    if (!taken.has(plain.toLowerCase()) && !existsSync(join(dir, plain))) return plain;
    return `${base} ~${id}${MSG_EXT}`;
  }

  // ------------------------------------------------------------------ writing

  private writeMessageFile(entry: MessageNode, rec: MessageRecord): void {
    const bytes = writeMsg(
      { props: rec.props, recipients: rec.recipients, attachments: rec.attachments, nextAttachNum: rec.nextAttachNum, nextRowId: rec.nextRowId },
      this.namedProps,
      this.clock ? { clock: this.clock } : {},
    );
    const dir = this.folderPath(this.folderNode(entry.folderId));
    if (entry.assoc) mkdirSync(join(dir, ASSOC_DIR), { recursive: true });
    const path = this.messagePath(entry);
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
      .map((id) => this.messages.get(id))
      .filter((m): m is MessageNode => !!m)
      .map(({ folderId: _f, broken: _b, ...e }) => e);
    const data: FolderFileData = {
      id: node.rec.id,
      folderType: node.rec.folderType,
      props: encodeProps(node.rec.props),
      ...(node.rec.search && { search: node.rec.search }),
      ...(node.rec.softDeleted && { softDeleted: true }),
      ...(node.sort && { sort: node.sort }),
      children: [...node.children],
      messages: entries,
    };
    this.atomic(join(this.folderPath(node), FOLDER_FILE), folderFileText(data));
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

  // ------------------------------------------------------------------ bookkeeping

  private remember(rec: MessageRecord): void {
    this.cache.delete(rec.id);
    this.cache.set(rec.id, rec);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value as NodeId;
      this.cache.delete(oldest);
    }
  }

  /** Takes a message out of its folder's lists and the map (not its file). */
  private unlist(m: MessageNode): void {
    const f = this.folders.get(m.folderId);
    if (f) {
      if (m.assoc) f.assoc = f.assoc.filter((x) => x !== m.id);
      else f.normal = f.normal.filter((x) => x !== m.id);
    }
    if (this.messages.get(m.id) === m) this.messages.delete(m.id);
  }

  private forgetMessage(id: NodeId): void {
    const m = this.messages.get(id);
    if (m) this.unlist(m);
    this.cache.delete(id);
  }

  private forgetFolder(id: NodeId): void {
    const node = this.folders.get(id);
    if (!node) return;
    for (const c of node.children) this.forgetFolder(c);
    for (const m of [...node.normal, ...node.assoc]) {
      this.messages.delete(m);
      this.cache.delete(m);
    }
    this.folders.delete(id);
  }
}
