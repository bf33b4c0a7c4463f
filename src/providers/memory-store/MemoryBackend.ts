import type {
  EntryIdCodec,
  FolderRecord,
  MessageRecord,
  NodeId,
  PropMap,
  SpecialFolder,
  StoreBackend,
} from '../../core/spi/store.js';
import type { SSortOrderSet } from '../../core/table/types.js';
import { NamedPropertyMap, type NamedPropertyMapSnapshot } from '../../core/props/NamedPropertyMap.js';
import { LayeredMap } from './LayeredMap.js';

/** The state of a {@link MemoryBackend} at one moment ({@link MemoryBackend.snapshot}). */
export interface MemoryBackendSnapshot {
  readonly props: PropMap;
  readonly folders: ReadonlyMap<NodeId, FolderRecord>;
  readonly messages: ReadonlyMap<NodeId, MessageRecord>;
  readonly childIds: ReadonlyMap<NodeId, readonly NodeId[]>;
  readonly folderMessages: ReadonlyMap<NodeId, { readonly normal: ReadonlySet<NodeId>; readonly associated: ReadonlySet<NodeId> }>;
  readonly special: Partial<Record<SpecialFolder, NodeId>>;
  readonly receive: ReadonlyMap<string, NodeId>;
  readonly sorts: ReadonlyMap<NodeId, SSortOrderSet>;
  readonly nextId: number;
  readonly root: NodeId;
  readonly namedProps: NamedPropertyMapSnapshot;
}

/**
 * A store backend that keeps everything in memory: the data of one mailbox of the in-memory
 * server (the role Exchange plays in a world). Records are replaced whole on every write, so
 * a snapshot is a cheap shallow copy of the maps.
 */
export class MemoryBackend implements StoreBackend {
  readonly readOnly = false;
  readonly namedProps: NamedPropertyMap;
  private props: PropMap = new Map();
  // Not readonly: restore() swaps in copies of a snapshot's maps.
  private folders = new Map<NodeId, FolderRecord>();
  /** Layered so a world restore is O(1) however many messages (LayeredMap). */
  private messages = new LayeredMap<NodeId, MessageRecord>();
  /** Message lists shared with a snapshot: copied before their first change. */
  private readonly sharedLists = new WeakSet<object>();
  /** Children of each folder, in creation order. */
  private childIds = new Map<NodeId, NodeId[]>();
  /** Messages of each folder, normal and associated, in creation order. */
  private folderMessages = new Map<NodeId, { normal: Set<NodeId>; associated: Set<NodeId> }>();
  private special: Partial<Record<SpecialFolder, NodeId>> = {};
  private receive = new Map<string, NodeId>();
  private sorts = new Map<NodeId, SSortOrderSet>();
  private nextId = 1;
  private root: NodeId;

  constructor(
    readonly entryIds: EntryIdCodec,
    namedProps?: NamedPropertyMap,
  ) {
    this.namedProps = namedProps ?? new NamedPropertyMap(Uint8Array.from(entryIds.uid));
    this.root = this.newId();
    this.folders.set(this.root, { id: this.root, parentId: null, folderType: 0, props: new Map() });
    this.childIds.set(this.root, []);
  }

  storeProps(): PropMap {
    return this.props;
  }

  putStoreProps(props: PropMap): void {
    this.props = props;
  }

  rootId(): NodeId {
    return this.root;
  }

  specialFolders(): Partial<Record<SpecialFolder, NodeId>> {
    return { ...this.special };
  }

  putSpecialFolders(map: Partial<Record<SpecialFolder, NodeId>>): void {
    this.special = { ...map };
  }

  folder(id: NodeId): FolderRecord | undefined {
    return this.folders.get(id);
  }

  childFolderIds(id: NodeId): NodeId[] {
    return [...(this.childIds.get(id) ?? [])];
  }

  messageIds(folderId: NodeId, associated: boolean): NodeId[] {
    const m = this.folderMessages.get(folderId);
    return m ? [...(associated ? m.associated : m.normal)] : [];
  }

  message(id: NodeId): MessageRecord | undefined {
    return this.messages.get(id);
  }

  newId(): NodeId {
    return this.nextId++;
  }

  putFolder(rec: FolderRecord): void {
    const prev = this.folders.get(rec.id);
    if (prev && prev.parentId !== rec.parentId && prev.parentId !== null) {
      const siblings = this.childIds.get(prev.parentId);
      if (siblings) siblings.splice(siblings.indexOf(rec.id), 1);
    }
    if ((!prev || prev.parentId !== rec.parentId) && rec.parentId !== null) {
      const siblings = this.childIds.get(rec.parentId) ?? [];
      siblings.push(rec.id);
      this.childIds.set(rec.parentId, siblings);
    }
    if (!this.childIds.has(rec.id)) this.childIds.set(rec.id, []);
    this.folders.set(rec.id, rec);
  }

  removeFolder(id: NodeId): void {
    const rec = this.folders.get(id);
    if (!rec) return;
    if (rec.parentId !== null) {
      const siblings = this.childIds.get(rec.parentId);
      if (siblings) siblings.splice(siblings.indexOf(id), 1);
    }
    this.folders.delete(id);
    this.childIds.delete(id);
    this.folderMessages.delete(id);
    this.sorts.delete(id);
  }

  putMessage(rec: MessageRecord): void {
    const prev = this.messages.get(rec.id);
    if (prev && (prev.folderId !== rec.folderId || prev.associated !== rec.associated)) this.listOf(prev.folderId, prev.associated).delete(rec.id);
    this.listOf(rec.folderId, rec.associated).add(rec.id);
    this.messages.set(rec.id, rec);
  }

  removeMessage(id: NodeId): void {
    const rec = this.messages.get(id);
    if (!rec) return;
    this.listOf(rec.folderId, rec.associated).delete(id);
    this.messages.delete(id);
  }

  receiveFolders(): Map<string, NodeId> {
    return new Map(this.receive);
  }

  putReceiveFolders(map: Map<string, NodeId>): void {
    this.receive = new Map(map);
  }

  contentsSort(folderId: NodeId): SSortOrderSet | undefined {
    return this.sorts.get(folderId);
  }

  putContentsSort(folderId: NodeId, sort: SSortOrderSet): void {
    this.sorts.set(folderId, sort);
  }

  /**
   * A copy of the whole store, for world snapshots. Records are shared (they are never changed
   * once stored: every write puts a new one, store.ts); the messages are frozen into a base map
   * both sides share, and each folder's message list is copied before its next change, so a
   * snapshot and a restore cost O(folders), not O(messages).
   */
  snapshot(): MemoryBackendSnapshot {
    for (const holder of this.folderMessages.values()) this.sharedLists.add(holder);
    return {
      props: new Map(this.props),
      folders: new Map(this.folders),
      messages: this.messages.freeze(),
      childIds: new Map([...this.childIds].map(([k, v]) => [k, [...v]])),
      folderMessages: new Map(this.folderMessages),
      special: { ...this.special },
      receive: new Map(this.receive),
      sorts: new Map(this.sorts),
      nextId: this.nextId,
      root: this.root,
      namedProps: this.namedProps.snapshot(),
    };
  }

  /** Puts the store back as it was at {@link snapshot} (which stays usable for further restores). */
  restore(s: MemoryBackendSnapshot): void {
    this.props = new Map(s.props);
    this.folders = new Map(s.folders);
    this.messages = new LayeredMap(s.messages);
    this.childIds = new Map([...s.childIds].map(([k, v]) => [k, [...v]]));
    // The holders were marked shared when the snapshot was taken: listOf copies them before a change.
    this.folderMessages = new Map(s.folderMessages as Map<NodeId, { normal: Set<NodeId>; associated: Set<NodeId> }>);
    this.special = { ...s.special };
    this.receive = new Map(s.receive);
    this.sorts = new Map(s.sorts);
    this.nextId = s.nextId;
    this.root = s.root;
    this.namedProps.restore(s.namedProps);
  }

  /** Number of messages held, for tests and statistics. */
  get messageCount(): number {
    return this.messages.size;
  }

  private listOf(folderId: NodeId, associated: boolean): Set<NodeId> {
    let m = this.folderMessages.get(folderId);
    if (!m) {
      m = { normal: new Set(), associated: new Set() };
      this.folderMessages.set(folderId, m);
    } else if (this.sharedLists.has(m)) {
      // Shared with a snapshot: this folder's lists get their own copy before the change.
      m = { normal: new Set(m.normal), associated: new Set(m.associated) };
      this.folderMessages.set(folderId, m);
    }
    return associated ? m.associated : m.normal;
  }
}
