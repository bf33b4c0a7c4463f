/**
 * The .msg store's folders and messages as held in memory: the folder tree with each folder's
 * directory name and the order of its children and messages, the message index entries, the
 * decoded messages (an LRU), and the paths and file names they map to.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FolderRecord, MessageRecord, NodeId, PropMap } from '../../core/spi/store.js';
import type { SSortOrderSet } from '../../core/table/types.js';
import { EmulatorError } from '../../core/errors/MapiError.js';
import { PROP_ID } from '../../core/props/tags.js';
import { PR_DISPLAY_NAME_W } from '../../core/generated/proptags.js';
import { ASSOC_DIR, MSG_EXT, type MessageIndexEntry } from './layout.js';
import { childPath, fileNameOf } from './paths.js';
import type { IndexSummary } from './summaries.js';

/** PROP_ID of PR_DISPLAY_NAME: a folder directory is named after it. */
export const DISPLAY_NAME_ID = PROP_ID(PR_DISPLAY_NAME_W);

/** A folder as held in memory: its record, its directory name and the order of its children and messages. */
export interface FolderNode {
  rec: FolderRecord;
  /** The directory's name in its parent's directory ('' for the root: the store directory itself). */
  name: string;
  children: NodeId[];
  normal: NodeId[];
  assoc: NodeId[];
  sort?: SSortOrderSet;
  /** Size and modification time of its folder file as we last wrote or read it (a deferred index write skips a file someone else replaced). */
  fileStamp?: string;
}

/** A message as held in memory: its index entry and where it lives. */
export interface MessageNode extends Omit<MessageIndexEntry, 'summary'> {
  folderId: NodeId;
  /** The summary of the message, valid while it fits the entry (summaries.ts `summaryFits`). */
  summary?: IndexSummary;
  /** The file could not be read as a .msg: left alone and not listed. */
  broken?: boolean;
}

/** The text value of a property, or undefined. */
export function textOf(props: PropMap, id: number): string | undefined {
  const v = props.get(id)?.Value;
  return typeof v === 'string' ? v : undefined;
}

/** The folder tree and message index of one store directory. */
export class StoreTree {
  readonly folders = new Map<NodeId, FolderNode>();
  readonly messages = new Map<NodeId, MessageNode>();
  /** Decoded messages, least recently used first. */
  readonly cache = new Map<NodeId, MessageRecord>();

  constructor(
    /** The store directory (absolute). */
    readonly root: string,
    private readonly cacheSize: number,
  ) {}

  /** A folder that must exist (an internal error otherwise). */
  folderNode(id: NodeId): FolderNode {
    const f = this.folders.get(id);
    if (!f) throw new EmulatorError(`[mapi-emu] msg store: folder ${id} does not exist`);
    return f;
  }

  /** The directory of a folder: its ancestors' names under the store directory. */
  folderPath(node: FolderNode): string {
    const names: string[] = [];
    for (let n: FolderNode | undefined = node; n && n.rec.parentId !== null; n = this.folders.get(n.rec.parentId)) names.unshift(n.name);
    return names.length === 0 ? this.root : childPath(this.root, ...names);
  }

  /** The file of a message. */
  messagePath(m: MessageNode): string {
    return this.messagePathIn(m.folderId, m);
  }

  /** The file a message has (or would have) in a folder. */
  messagePathIn(folderId: NodeId, m: MessageIndexEntry): string {
    const dir = this.folderPath(this.folderNode(folderId));
    return m.assoc ? childPath(dir, ASSOC_DIR, m.file) : childPath(dir, m.file);
  }

  /** The encoded display name a folder's directory is named after. */
  dirNameOf(rec: FolderRecord): string {
    const name = textOf(rec.props, DISPLAY_NAME_ID);
    return name === undefined ? `folder ${rec.id}` : fileNameOf(name);
  }

  /** `wanted`, or `wanted ~<id>` when a sibling (other than `self`) already has that name, compared case-insensitively as Windows and macOS do. */
  freeDirName(parent: FolderNode, wanted: string, id: NodeId, self?: NodeId): string {
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
  freeFileName(folder: FolderNode, assoc: boolean, subject: string | undefined, id: NodeId): string {
    const base = subject ? fileNameOf(subject) : 'message';
    const taken = new Set((assoc ? folder.assoc : folder.normal).map((m) => this.messages.get(m)?.file.toLowerCase()));
    const dir = assoc ? join(this.folderPath(folder), ASSOC_DIR) : this.folderPath(folder);
    const plain = `${base}${MSG_EXT}`;
    if (!taken.has(plain.toLowerCase()) && !existsSync(join(dir, plain))) return plain;
    return `${base} ~${id}${MSG_EXT}`;
  }

  /** Keeps a decoded or written message in the LRU. */
  remember(rec: MessageRecord): void {
    this.cache.delete(rec.id);
    this.cache.set(rec.id, rec);
    while (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value as NodeId;
      this.cache.delete(oldest);
    }
  }

  /** Takes a message out of its folder's lists and the map (not its file). */
  unlist(m: MessageNode): void {
    const f = this.folders.get(m.folderId);
    if (f) {
      if (m.assoc) f.assoc = f.assoc.filter((x) => x !== m.id);
      else f.normal = f.normal.filter((x) => x !== m.id);
    }
    if (this.messages.get(m.id) === m) this.messages.delete(m.id);
  }

  /** Drops a message from its folder, the index and the LRU (not its file). */
  forgetMessage(id: NodeId): void {
    const m = this.messages.get(id);
    if (m) this.unlist(m);
    this.cache.delete(id);
  }

  /** Drops a folder, its subfolders and their messages from memory (not their files). */
  forgetFolder(id: NodeId): void {
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
