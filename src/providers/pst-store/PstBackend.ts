import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type {
  AttachmentRecord, FolderRecord, MessageContent, MessageRecord, MessageSummary, NodeId, PropMap, RecipientRecord, SpecialFolder, StoreBackend,
} from '../../core/spi/store.js';
import type { SSortOrderSet } from '../../core/table/types.js';
import type { SPropValue } from '../../core/props/types.js';
import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA, MAPI_E_DISK_ERROR } from '../../core/generated/scodes.js';
import { PT_OBJECT } from '../../core/generated/proptypes.js';
import { FOLDER_GENERIC, FOLDER_ROOT, FOLDER_SEARCH } from '../../core/generated/constants.js';
import * as T from '../../core/generated/proptags.js';
import { NamedPropertyMap, type NamedPropertyMapSnapshot } from '../../core/props/NamedPropertyMap.js';
import { PROP_ID, PROP_TAG } from '../../core/props/tags.js';
import { LruCache } from '../../formats/pst/cache.js';
import { corrupt, hex } from '../../formats/pst/errors.js';
import { openTc } from '../../formats/pst/inspect.js';
import type { PstFile, PstMessage } from '../../formats/pst/messaging/PstFile.js';
import { NID_ROOT_FOLDER, NID_TYPE_ASSOC_MESSAGE, nidType } from '../../formats/pst/nid.js';
import { OVERLAY_ID_BASE, PstEntryIds } from './entryIds.js';
import { decodeJson, encodeJson, SIDECAR_FORMAT, type Json } from './sidecar.js';
import { ContentsTableRows, FILE_VERSION, recordFacts } from './summaries.js';

/** [MS-PST] 2.4.3.1 receive folder table (node 0x62B): the folder NID column (PidTagLtpParentNid 0x6605, PT_LONG; file-format tag). */
const PR_LTP_PARENT_NID = PROP_TAG(0x0003, 0x6605);
/** [MS-PST] 2.4.3.1: the receive folder table node. */
const NID_RECEIVE_FOLDER_TABLE = 0x62b;
/** Deepest chain of embedded messages read (a deeper one is taken as a subnode cycle). */
const MAX_EMBED_DEPTH = 64;

/** Properties a folder's PC stores that the store kit computes (stale in the file once the overlay changes the folder). */
const COMPUTED_FOLDER_PROPS = new Set([T.PR_CONTENT_COUNT, T.PR_CONTENT_UNREAD, T.PR_SUBFOLDERS, T.PR_ASSOC_CONTENT_COUNT].map(PROP_ID));

/** Store-PC entry IDs naming special folders (imsgstore props, [MS-OXCSTOR] 2.2.2.1). */
const STORE_SPECIAL: [number, SpecialFolder][] = [
  [T.PR_IPM_SUBTREE_ENTRYID, 'ipmSubtree'], [T.PR_IPM_OUTBOX_ENTRYID, 'outbox'], [T.PR_IPM_WASTEBASKET_ENTRYID, 'deletedItems'],
  [T.PR_IPM_SENTMAIL_ENTRYID, 'sentItems'], [T.PR_VIEWS_ENTRYID, 'views'], [T.PR_COMMON_VIEWS_ENTRYID, 'commonViews'], [T.PR_FINDER_ENTRYID, 'finder'],
]; // prettier-ignore
/** Root-folder (or Inbox) entry IDs naming special folders ([MS-OXOSFLD] 2.2.3). */
const ROOT_SPECIAL: [number, SpecialFolder][] = [
  [T.PR_IPM_APPOINTMENT_ENTRYID, 'calendar'], [T.PR_IPM_CONTACT_ENTRYID, 'contacts'], [T.PR_IPM_JOURNAL_ENTRYID, 'journal'],
  [T.PR_IPM_NOTE_ENTRYID, 'notes'], [T.PR_IPM_TASK_ENTRYID, 'tasks'], [T.PR_IPM_DRAFTS_ENTRYID, 'drafts'],
]; // prettier-ignore

/** Options of {@link PstBackend}. */
export interface PstBackendOptions {
  /**
   * Where the overlay is persisted (JSON, rewritten after each change); undefined keeps it in
   * memory only. An existing sidecar is loaded when the backend is created.
   */
  sidecarPath?: string;
  /** A read-only store: every write answers MAPI_E_NO_ACCESS. */
  readOnly?: boolean;
  /** Decoded message records kept (default 64). */
  messageCacheEntries?: number;
  /**
   * Serve contents-table rows and folder counts of unchanged file messages from the folders'
   * contents TCs ({@link PstBackend.messageSummary}); default true. False makes every row
   * decode its whole message (the path the summaries are checked against, and measured by).
   */
  summaries?: boolean;
}

/** The overlay: everything changed through MAPI, kept beside the file. */
interface Overlay {
  storeProps?: PropMap;
  special?: Partial<Record<SpecialFolder, NodeId>>;
  receive?: Map<string, NodeId>;
  /** Folder records written (null: removed). */
  folders: Map<NodeId, FolderRecord | null>;
  /** Message records written (null: removed). */
  messages: Map<NodeId, MessageRecord | null>;
  /** Subfolder lists of folders whose subfolders changed. */
  children: Map<NodeId, NodeId[]>;
  /** Message lists (`id:0` normal, `id:1` associated) of folders whose contents changed. */
  contents: Map<string, NodeId[]>;
  sorts: Map<NodeId, SSortOrderSet>;
  /** Next overlay NodeId. */
  nextId: number;
}

function propMap(props: SPropValue[], skip?: ReadonlySet<number>): PropMap {
  const m: PropMap = new Map();
  for (const p of props) {
    const id = PROP_ID(p.ulPropTag);
    if ((p.ulPropTag & 0xffff) === PT_OBJECT || skip?.has(id)) continue;
    m.set(id, p);
  }
  return m;
}

/**
 * A store backend over a PST/OST file: folders and messages are read from the file on demand
 * (a small cache of decoded messages), and every change made through MAPI goes to an overlay
 * kept in memory and, when a sidecar path is given, persisted next to the file. The file
 * itself is never written.
 */
export class PstBackend implements StoreBackend {
  readonly entryIds: PstEntryIds;
  readonly namedProps: NamedPropertyMap;
  readonly readOnly: boolean;
  private readonly overlay: Overlay;
  private readonly folderCache = new Map<NodeId, FolderRecord | undefined>();
  private readonly messageCache: LruCache<NodeId, MessageRecord>;
  private readonly baseNames: NamedPropertyMapSnapshot;
  private readonly tables: ContentsTableRows | undefined;
  /** The contents-TC reader, also when summaries are off (PR_MSG_STATUS lives only there). */
  private readonly rows: ContentsTableRows;
  private baseSpecial: Partial<Record<SpecialFolder, NodeId>> | undefined;
  private saving: Promise<void> | undefined;
  /** Folders whose parent chain is being checked (cycle detection). */
  private readonly reading = new Set<NodeId>();

  constructor(
    /** The file. */
    readonly file: PstFile,
    private readonly options: PstBackendOptions = {},
  ) {
    const uid = file.providerUid;
    this.entryIds = new PstEntryIds(Uint8Array.from(uid));
    this.namedProps = new NamedPropertyMap(Uint8Array.from(uid));
    for (const n of file.namedProperties()) this.namedProps.assign(n.id, n.name);
    this.baseNames = this.namedProps.snapshot();
    this.readOnly = options.readOnly ?? false;
    this.messageCache = new LruCache(options.messageCacheEntries ?? 64, Number.POSITIVE_INFINITY);
    this.rows = new ContentsTableRows(file);
    this.tables = options.summaries === false ? undefined : this.rows;
    this.overlay = { folders: new Map(), messages: new Map(), children: new Map(), contents: new Map(), sorts: new Map(), nextId: OVERLAY_ID_BASE };
    if (options.sidecarPath && existsSync(options.sidecarPath)) this.load(options.sidecarPath);
  }

  /** True when the overlay holds changes. */
  get dirty(): boolean {
    const o = this.overlay;
    return o.folders.size + o.messages.size + o.children.size + o.contents.size + o.sorts.size > 0 || !!o.storeProps || !!o.special || !!o.receive;
  }

  // ------------------------------------------------------------------ store

  storeProps(): PropMap {
    return this.overlay.storeProps ?? propMap(this.file.storeProps());
  }

  putStoreProps(props: PropMap): void | Promise<void> {
    this.overlay.storeProps = props;
    return this.persist();
  }

  rootId(): NodeId {
    return NID_ROOT_FOLDER;
  }

  specialFolders(): Partial<Record<SpecialFolder, NodeId>> {
    if (this.overlay.special) return { ...this.overlay.special };
    this.baseSpecial ??= this.readSpecialFolders();
    return { ...this.baseSpecial };
  }

  private folderOfEntryId(v: SPropValue['Value'] | undefined): NodeId | undefined {
    if (!(v instanceof Uint8Array)) return undefined;
    const p = this.entryIds.parse(v);
    return p?.kind === 'folder' && p.id !== undefined && this.folder(p.id) ? p.id : undefined;
  }

  private readSpecialFolders(): Partial<Record<SpecialFolder, NodeId>> {
    const out: Partial<Record<SpecialFolder, NodeId>> = {};
    const store = this.file.storeContext;
    for (const [tag, role] of STORE_SPECIAL) {
      const id = this.folderOfEntryId(store.getProp(tag).Value);
      if (id !== undefined) out[role] = id;
    }
    const inbox = this.baseReceiveFolders().get('');
    if (inbox !== undefined && inbox !== NID_ROOT_FOLDER) out.inbox = inbox;
    for (const holder of [NID_ROOT_FOLDER, out.inbox]) {
      if (holder === undefined) continue;
      const props = this.folder(holder)?.props;
      for (const [tag, role] of ROOT_SPECIAL) {
        if (out[role] !== undefined) continue;
        const id = this.folderOfEntryId(props?.get(PROP_ID(tag))?.Value);
        if (id !== undefined) out[role] = id;
      }
    }
    return out;
  }

  putSpecialFolders(map: Partial<Record<SpecialFolder, NodeId>>): void | Promise<void> {
    this.overlay.special = { ...map };
    return this.persist();
  }

  receiveFolders(): Map<string, NodeId> {
    return new Map(this.overlay.receive ?? this.baseReceiveFolders());
  }

  /** [MS-PST] 2.4.3.1 receive folder table: message class → folder NID. */
  private baseReceiveFolders(): Map<string, NodeId> {
    const out = new Map<string, NodeId>();
    if (!this.file.ndb.findNode(NID_RECEIVE_FOLDER_TABLE)) return out;
    for (const row of openTc(this.file.ndb, NID_RECEIVE_FOLDER_TABLE).rows({ acp: this.file.acp })) {
      const cls = row.lpProps.find((p) => PROP_ID(p.ulPropTag) === PROP_ID(T.PR_MESSAGE_CLASS))?.Value;
      const nid = row.lpProps.find((p) => p.ulPropTag === PR_LTP_PARENT_NID)?.Value;
      if (typeof cls === 'string' && typeof nid === 'number' && this.file.isFolder(nid >>> 0)) out.set(cls, nid >>> 0);
    }
    return out;
  }

  putReceiveFolders(map: Map<string, NodeId>): void | Promise<void> {
    this.overlay.receive = new Map(map);
    return this.persist();
  }

  contentsSort(folderId: NodeId): SSortOrderSet | undefined {
    return this.overlay.sorts.get(folderId);
  }

  putContentsSort(folderId: NodeId, sort: SSortOrderSet): void | Promise<void> {
    this.overlay.sorts.set(folderId, sort);
    return this.persist();
  }

  newId(): NodeId {
    return this.overlay.nextId++;
  }

  // ------------------------------------------------------------------ folders

  folder(id: NodeId): FolderRecord | undefined {
    const o = this.overlay.folders.get(id);
    if (o !== undefined) return o ?? undefined;
    if (id >= OVERLAY_ID_BASE) return undefined;
    if (this.folderCache.has(id)) return this.folderCache.get(id);
    const rec = this.readFolder(id);
    this.folderCache.set(id, rec);
    return rec;
  }

  private readFolder(id: NodeId): FolderRecord | undefined {
    if (!this.file.isFolder(id)) return undefined;
    const f = this.file.folder(id);
    const root = id === NID_ROOT_FOLDER;
    // The root folder is its own parent in the NBT; any other folder whose parent is not a folder is unreachable.
    const parentId = root ? null : f.parentNid;
    if (parentId !== null && !this.file.isFolder(parentId)) throw corrupt(`folder ${hex(id)} has parent ${hex(parentId)}, which is not a folder`, { nid: id });
    // Every folder's parent chain must reach the root: the kit walks it (moves, copies), so a cycle in the NBT parents is corrupt data.
    if (parentId !== null) {
      if (this.reading.has(id)) throw corrupt(`folder ${hex(id)} is its own ancestor (a cycle of parent folders)`, { nid: id });
      this.reading.add(id);
      try {
        this.folder(parentId);
      } finally {
        this.reading.delete(id);
      }
    }
    return { id, parentId, folderType: root ? FOLDER_ROOT : f.isSearch ? FOLDER_SEARCH : FOLDER_GENERIC, props: propMap(f.props(), COMPUTED_FOLDER_PROPS) };
  }

  childFolderIds(id: NodeId): NodeId[] {
    return [...this.childList(id)];
  }

  private childList(id: NodeId): NodeId[] {
    const o = this.overlay.children.get(id);
    if (o) return o;
    if (id >= OVERLAY_ID_BASE || !this.folder(id)) return [];
    // A folder listed under a parent other than its own NBT parent is skipped (a damaged hierarchy table must not make a cycle).
    return this.file.folder(id).childNids().filter((c) => this.folder(c)?.parentId === id);
  }

  putFolder(rec: FolderRecord): void | Promise<void> {
    const prev = this.folder(rec.id);
    if (prev && prev.parentId !== rec.parentId && prev.parentId !== null) this.editChildren(prev.parentId, (l) => l.filter((x) => x !== rec.id));
    if ((!prev || prev.parentId !== rec.parentId) && rec.parentId !== null) this.editChildren(rec.parentId, (l) => [...l, rec.id]);
    this.overlay.folders.set(rec.id, rec);
    return this.persist();
  }

  removeFolder(id: NodeId): void | Promise<void> {
    const rec = this.folder(id);
    if (!rec) return;
    if (rec.parentId !== null) this.editChildren(rec.parentId, (l) => l.filter((x) => x !== id));
    this.overlay.folders.set(id, null);
    this.overlay.children.set(id, []);
    this.overlay.contents.set(`${id}:0`, []);
    this.overlay.contents.set(`${id}:1`, []);
    this.overlay.sorts.delete(id);
    return this.persist();
  }

  private editChildren(id: NodeId, fn: (l: NodeId[]) => NodeId[]): void {
    this.overlay.children.set(id, fn(this.childList(id)));
  }

  // ------------------------------------------------------------------ messages

  messageIds(folderId: NodeId, associated: boolean): NodeId[] {
    return [...this.messageList(folderId, associated)];
  }

  private messageList(folderId: NodeId, associated: boolean): NodeId[] {
    const o = this.overlay.contents.get(`${folderId}:${associated ? 1 : 0}`);
    if (o) return o;
    if (folderId >= OVERLAY_ID_BASE || !this.folder(folderId)) return [];
    return this.file.folder(folderId).messageNids(associated).filter((m) => this.file.isMessage(m) && this.file.parentOf(m) === folderId);
  }

  private editMessages(folderId: NodeId, associated: boolean, fn: (l: NodeId[]) => NodeId[]): void {
    this.overlay.contents.set(`${folderId}:${associated ? 1 : 0}`, fn(this.messageList(folderId, associated)));
  }

  message(id: NodeId): MessageRecord | undefined {
    const o = this.overlay.messages.get(id);
    if (o !== undefined) return o ?? undefined;
    if (id >= OVERLAY_ID_BASE || !this.file.isMessage(id)) return undefined;
    const hit = this.messageCache.get(id);
    if (hit) return hit;
    const folderId = this.file.parentOf(id);
    if (!this.file.isFolder(folderId)) return undefined;
    const rec: MessageRecord = { ...readContent(this.file.message(id), 0), id, folderId, associated: nidType(id) === NID_TYPE_ASSOC_MESSAGE, version: FILE_VERSION };
    // What the file stored for the derived properties (as Outlook's PST provider shows them), so an open message and its row agree.
    const facts = recordFacts(rec);
    if (facts) rec.facts = facts;
    // PR_MSG_STATUS lives in the folder's contents TC only; GetMessageStatus reads it from the record.
    const status = this.rows.msgStatus(id, folderId, rec.associated);
    if (status) rec.props.set(PROP_ID(T.PR_MSG_STATUS), status);
    this.messageCache.set(id, rec);
    return rec;
  }

  /**
   * The summary of an unchanged file message from its row in its folder's contents TC (normal
   * or associated), without decoding the message: the row's cells as stored properties (the
   * row answers for the TC's columns; any other property is in `omitted`, so the kit reads the
   * message for a column the table lacks) and the facts the file stored. Undefined for messages
   * the overlay holds, messages without a row or without PR_MESSAGE_SIZE, and with
   * `summaries: false`.
   */
  messageSummary(id: NodeId): MessageSummary | undefined {
    if (!this.tables || this.overlay.messages.has(id) || id >= OVERLAY_ID_BASE || !this.file.isMessage(id)) return undefined;
    const folderId = this.file.parentOf(id);
    if (!this.file.isFolder(folderId)) return undefined;
    const associated = nidType(id) === NID_TYPE_ASSOC_MESSAGE;
    const s = this.tables.summary(id, folderId, associated);
    return s && { id, folderId, associated, version: FILE_VERSION, props: s.props, omitted: s.omitted, facts: s.facts };
  }

  putMessage(rec: MessageRecord): void | Promise<void> {
    const prev = this.message(rec.id);
    if (prev && (prev.folderId !== rec.folderId || prev.associated !== rec.associated)) {
      this.editMessages(prev.folderId, prev.associated, (l) => l.filter((x) => x !== rec.id));
    }
    if (!prev || prev.folderId !== rec.folderId || prev.associated !== rec.associated) this.editMessages(rec.folderId, rec.associated, (l) => [...l, rec.id]);
    this.overlay.messages.set(rec.id, rec);
    return this.persist();
  }

  removeMessage(id: NodeId): void | Promise<void> {
    const rec = this.message(id);
    if (!rec) return;
    this.editMessages(rec.folderId, rec.associated, (l) => l.filter((x) => x !== id));
    this.overlay.messages.set(id, null);
    return this.persist();
  }

  // ------------------------------------------------------------------ persistence

  /** Writes the overlay to the sidecar (coalesced: one write per turn of the event loop). */
  private persist(): void | Promise<void> {
    const path = this.options.sidecarPath;
    if (!path) return;
    this.saving ??= Promise.resolve().then(() => {
      this.saving = undefined;
      try {
        this.saveTo(path);
      } catch (e) {
        throw new MapiError(MAPI_E_DISK_ERROR, `[mapi-emu] PST overlay: cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    return this.saving;
  }

  /** Writes the overlay to `path` now (write to a temporary file, then rename). */
  saveTo(path: string): void {
    const o = this.overlay;
    const baseIds = new Set(this.baseNames.entries.map(([id]) => id));
    const data = {
      format: SIDECAR_FORMAT,
      providerUid: this.entryIds.uid,
      storeProps: o.storeProps ? [...o.storeProps.values()] : undefined,
      special: o.special,
      receive: o.receive,
      folders: o.folders,
      messages: o.messages,
      children: o.children,
      contents: o.contents,
      sorts: o.sorts,
      nextId: o.nextId,
      names: this.namedProps.entries().filter(([id]) => !baseIds.has(id)),
    };
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, JSON.stringify(encodeJson(data)));
    renameSync(tmp, path);
  }

  private load(path: string): void {
    const bad = (why: string) => new MapiError(MAPI_E_CORRUPT_DATA, `[mapi-emu] PST overlay ${path}: ${why}`);
    let raw: unknown;
    try {
      raw = decodeJson(JSON.parse(readFileSync(path, 'utf8')) as Json);
    } catch (e) {
      throw bad(`not readable (${e instanceof Error ? e.message : String(e)})`);
    }
    const d = raw as Record<string, unknown>;
    if (!d || d.format !== SIDECAR_FORMAT) throw bad(`not a ${SIDECAR_FORMAT} file`);
    const uid = d.providerUid;
    if (!(uid instanceof Uint8Array) || Buffer.compare(uid, this.entryIds.uid) !== 0) throw bad('belongs to another PST (provider UID differs)');
    const o = this.overlay;
    if (Array.isArray(d.storeProps)) o.storeProps = propMap(d.storeProps as SPropValue[]);
    if (d.special) o.special = d.special as Partial<Record<SpecialFolder, NodeId>>;
    if (d.receive instanceof Map) o.receive = d.receive as Map<string, NodeId>;
    for (const k of ['folders', 'messages', 'children', 'contents', 'sorts'] as const) {
      if (d[k] instanceof Map) for (const [key, v] of d[k] as Map<never, never>) (o[k] as Map<unknown, unknown>).set(key, v);
    }
    if (typeof d.nextId === 'number') o.nextId = d.nextId;
    if (Array.isArray(d.names)) for (const [id, n] of d.names as [number, Parameters<NamedPropertyMap['assign']>[1]][]) this.namedProps.assign(id, n);
  }
}

/** Reads a message's properties, recipients and attachments (embedded messages to any depth). */
function readContent(m: PstMessage, depth: number): MessageContent {
  if (depth > MAX_EMBED_DEPTH) throw corrupt(`embedded messages nest deeper than ${MAX_EMBED_DEPTH} levels`, { nid: m.nid });
  const props = propMap(m.props());
  const recipients: RecipientRecord[] = m.recipients().map((r) => ({ rowId: r.rowId, props: propMap(r.props) }));
  const attachments: AttachmentRecord[] = [];
  for (const a of m.attachments()) {
    const rec: AttachmentRecord = { num: a.num, props: propMap(a.props()) };
    const emb = a.embedded();
    if (emb) rec.embedded = readContent(emb, depth + 1);
    attachments.push(rec);
  }
  const maxOf = (xs: number[]) => xs.reduce((a, b) => Math.max(a, b), -1);
  return {
    props,
    recipients,
    attachments,
    nextAttachNum: maxOf(attachments.map((a) => a.num)) + 1,
    nextRowId: maxOf(recipients.map((r) => r.rowId)) + 1,
  };
}
