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
import { NamedPropertyMap } from '../../core/props/NamedPropertyMap.js';

/**
 * A store backend that keeps everything in memory: the data of one mailbox of the in-memory
 * server (the role Exchange plays in a world). Records are replaced whole on every write, so
 * a snapshot is a cheap shallow copy of the maps.
 */
export class MemoryBackend implements StoreBackend {
  readonly readOnly = false;
  readonly namedProps: NamedPropertyMap;
  private props: PropMap = new Map();
  private readonly folders = new Map<NodeId, FolderRecord>();
  private readonly messages = new Map<NodeId, MessageRecord>();
  /** Children of each folder, in creation order. */
  private readonly childIds = new Map<NodeId, NodeId[]>();
  /** Messages of each folder, normal and associated, in creation order. */
  private readonly folderMessages = new Map<NodeId, { normal: Set<NodeId>; associated: Set<NodeId> }>();
  private special: Partial<Record<SpecialFolder, NodeId>> = {};
  private receive = new Map<string, NodeId>();
  private readonly sorts = new Map<NodeId, SSortOrderSet>();
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

  /** Number of messages held, for tests and statistics. */
  get messageCount(): number {
    return this.messages.size;
  }

  private listOf(folderId: NodeId, associated: boolean): Set<NodeId> {
    let m = this.folderMessages.get(folderId);
    if (!m) {
      m = { normal: new Set(), associated: new Set() };
      this.folderMessages.set(folderId, m);
    }
    return associated ? m.associated : m.normal;
  }
}
