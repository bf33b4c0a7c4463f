/**
 * Reading the .msg store's directories: folder directories and their folder files, and the
 * comparison of each folder's .msg files with its index (files added, removed or changed behind
 * the store's back), at open and on refresh.
 */
import { existsSync, readdirSync, rmSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { NodeId } from '../../core/spi/store.js';
import { FOLDER_GENERIC } from '../../core/generated/constants.js';
import { PR_DISPLAY_NAME_W } from '../../core/generated/proptags.js';
import { TEMP_PREFIX } from './atomicWrite.js';
import { decodeProps } from './json.js';
import { ASSOC_DIR, DELETED_PREFIX, FOLDER_FILE, MSG_EXT, readFolderFile, type FolderFileData, type MessageIndexEntry } from './layout.js';
import { childPath, decodeName } from './paths.js';
import { summaryFromStored } from './summaries.js';
import { DISPLAY_NAME_ID, type FolderNode, type MessageNode, type StoreTree } from './tree.js';

/** What a scan needs of its store. */
export interface ScanHost {
  readonly readOnly: boolean;
  /** Problems met (unreadable folder files, duplicate identifiers), for diagnostics. */
  readonly problems: string[];
  /** A new identifier. */
  newId(): NodeId;
  /** An identifier found on disk: later ones are above it. */
  seeId(id: NodeId): void;
  /** Writes a folder's index (unless the store is read-only). */
  writeIndex(node: FolderNode): void;
}

/** An index entry read from a folder file as held in memory: its summary checked and decoded. */
export function indexNode(e: MessageIndexEntry, folderId: NodeId): MessageNode {
  const { summary, ...rest } = e;
  const s = summaryFromStored(summary);
  return { ...rest, folderId, ...(s && { summary: s }) };
}

/** A folder file's size and modification time, or undefined when there is none. */
export function stampOf(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** The message of a caught error. */
export function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Loads and rescans the directories of one store. */
export class DirectoryScan {
  constructor(
    private readonly tree: StoreTree,
    private readonly host: ScanHost,
  ) {}

  /**
   * Rescans the tree below `rootId`: vanished and new directories, and each folder's message
   * files. Answers whether anything changed.
   */
  refresh(rootId: NodeId): boolean {
    let changed = false;
    const walk = (id: NodeId): void => {
      const node = this.tree.folders.get(id);
      if (!node) return;
      const dir = this.tree.folderPath(node);
      // Vanished subfolders first, so that a directory renamed by hand keeps its folder's identifier.
      const before = node.children.length;
      node.children = node.children.filter((c) => {
        const child = this.tree.folders.get(c);
        if (child && existsSync(this.tree.folderPath(child))) return true;
        this.tree.forgetFolder(c);
        return false;
      });
      let dirty = node.children.length !== before;
      const known = new Set(node.children.map((c) => this.tree.folders.get(c)?.name));
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
        this.host.writeIndex(node);
        changed = true;
      }
      for (const c of [...node.children]) walk(c);
    };
    walk(rootId);
    return changed;
  }

  /** Loads a folder directory named `name` in `parent`'s directory (and its subtree); undefined when it cannot be read. */
  loadFolder(name: string, parent: FolderNode): FolderNode | undefined {
    const dir = childPath(this.tree.folderPath(parent), name);
    if (!this.host.readOnly) this.sweep(dir);
    let file: FolderFileData | undefined;
    try {
      file = readFolderFile(join(dir, FOLDER_FILE));
    } catch (e) {
      this.host.problems.push(errText(e));
      file = undefined;
    }
    let id = file?.id;
    if (id !== undefined && this.tree.folders.has(id)) {
      this.host.problems.push(`${dir}: folder identifier ${id} is used twice (a copied directory?); given a new one`);
      id = undefined;
    }
    if (id !== undefined) this.host.seeId(id);
    const props = decodeProps(file?.props);
    // A directory made by hand is a folder named after it.
    if (!file) props.set(DISPLAY_NAME_ID, { ulPropTag: PR_DISPLAY_NAME_W, Value: decodeName(name) });
    const node: FolderNode = {
      rec: {
        id: id ?? this.host.newId(),
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
    this.tree.folders.set(node.rec.id, node);
    node.fileStamp = stampOf(join(dir, FOLDER_FILE));
    this.loadChildren(node, file);
    const rescanned = this.scanMessages(node, file);
    if (!file || id === undefined || rescanned) this.host.writeIndex(node);
    return node;
  }

  /** Loads the subfolders of a folder, in the order its folder file records. */
  loadChildren(node: FolderNode, file: FolderFileData | undefined): void {
    const loaded: FolderNode[] = [];
    for (const d of this.subdirectories(this.tree.folderPath(node))) {
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
  scanMessages(node: FolderNode, file?: FolderFileData): boolean {
    const dir = this.tree.folderPath(node);
    const index = file ? file.messages : [...node.normal, ...node.assoc].map((id) => this.tree.messages.get(id)).filter((m): m is MessageNode => !!m);
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
        const known = this.tree.messages.get(e.id);
        if (!st || (known && known.folderId !== node.rec.id) || (!known && this.tree.messages.has(e.id))) {
          // Removed behind our back, or listed twice (a crash during a move): dropped here.
          if (known && known.folderId === node.rec.id) this.tree.forgetMessage(e.id);
          changed = true;
          continue;
        }
        onDisk.delete(e.file);
        const m: MessageNode = known ?? indexNode(e, node.rec.id);
        if (st.size !== m.size || st.mtimeMs !== m.mtimeMs) {
          // Changed behind our back: a new version, read again (and summarised again).
          m.size = st.size;
          m.mtimeMs = st.mtimeMs;
          m.version += 1;
          delete m.broken;
          delete m.string8;
          delete m.summary;
          this.tree.cache.delete(m.id);
          changed = true;
        }
        this.tree.messages.set(m.id, m);
        ids.push(m.id);
      }
      // Files nobody indexed (dropped in by hand, or saved just before a crash while moving): new messages.
      for (const [name, st] of [...onDisk].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const m: MessageNode = { id: this.host.newId(), file: name, assoc, size: st.size, mtimeMs: st.mtimeMs, version: 1, folderId: node.rec.id };
        this.tree.messages.set(m.id, m);
        ids.push(m.id);
        changed = true;
      }
      if (assoc) node.assoc = ids;
      else node.normal = ids;
    }
    return changed;
  }

  /** The folder directories in a directory (not the store's own dot-directories), by name. */
  subdirectories(dir: string): string[] {
    return this.listDir(dir)
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  }

  /** A directory's entries; none when it cannot be listed. */
  listDir(dir: string): Dirent[] {
    try {
      return readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
  }

  /** Removes what a crash left in a directory: temporary files and folders being deleted. */
  sweep(dir: string): void {
    for (const where of [dir, join(dir, ASSOC_DIR)]) {
      for (const d of this.listDir(where)) {
        if (d.name.startsWith(TEMP_PREFIX) || d.name.startsWith(DELETED_PREFIX)) rmSync(join(where, d.name), { recursive: true, force: true });
      }
    }
  }
}
