import type { SPropValue } from '../props/types.js';
import type { NamedPropertyMap } from '../props/NamedPropertyMap.js';
import type { SRestriction } from '../restriction/types.js';
import type { SSortOrderSet } from '../table/types.js';

/**
 * The store-provider SPI.
 *
 * A store provider (in the spirit of IMSProvider / IMSLogon) only keeps data: folders,
 * messages, recipients, attachments and store properties, as plain records, through a
 * {@link StoreBackend}. The core's store kit (`src/core/store/`) builds IMsgStore,
 * IMAPIFolder, IMessage and IAttach on top, with every MAPI rule (transactions, computed
 * properties, tables, notifications, search folders), so each provider behaves the same and
 * passes the same contract suite (`describeStoreProviderContract`).
 *
 * Records are owned by the backend; the kit never mutates a record it has read: it builds a
 * new record and hands it to `put*`. Reads are synchronous (a backend keeps an index in
 * memory; file-backed ones read on demand); writes may be asynchronous (disk).
 */

/** Property values by property identifier (PROP_ID). */
export type PropMap = Map<number, SPropValue>;

/** Identity of a folder or message inside a store: a 48-bit counter (an Exchange GlobalCounter), unique per store. */
export type NodeId = number;

/** A folder as stored. */
export interface FolderRecord {
  id: NodeId;
  /** The parent folder, or null for the root. */
  parentId: NodeId | null;
  /** FOLDER_ROOT, FOLDER_GENERIC or FOLDER_SEARCH. */
  folderType: number;
  /** Stored properties (computed ones such as PR_CONTENT_COUNT are not stored). */
  props: PropMap;
  /** A search folder's criteria, once set. */
  search?: StoredSearchCriteria;
  /** Soft-deleted (shown with SHOW_SOFT_DELETES). */
  softDeleted?: boolean;
}

/** What setSearchCriteria saved. */
export interface StoredSearchCriteria {
  restriction: SRestriction | null;
  /** Folders searched. */
  folders: NodeId[];
  /** RECURSIVE_SEARCH, SHALLOW_SEARCH, ... as last set. */
  flags: number;
  /** True once the search stopped (STOP_SEARCH). */
  stopped: boolean;
  /** Counts the times the search was (re)started: a new value means the results are recomputed (new criteria, RESTART_SEARCH). */
  runs?: number;
}

/** A recipient row of a message. */
export interface RecipientRecord {
  /** PR_ROWID. */
  rowId: number;
  props: PropMap;
}

/** An attachment of a message. */
export interface AttachmentRecord {
  /** PR_ATTACH_NUM: assigned once, never reused or renumbered within the message. */
  num: number;
  props: PropMap;
  /** The embedded message of an ATTACH_EMBEDDED_MSG attachment. */
  embedded?: MessageContent;
}

/** The content of a message: properties, recipients, attachments (also the shape of an embedded message). */
export interface MessageContent {
  props: PropMap;
  recipients: RecipientRecord[];
  attachments: AttachmentRecord[];
  /** Next PR_ATTACH_NUM to hand out. */
  nextAttachNum: number;
  /** Next PR_ROWID to hand out. */
  nextRowId: number;
}

/** A message as stored. */
export interface MessageRecord extends MessageContent {
  id: NodeId;
  folderId: NodeId;
  /** An associated (folder-associated information) message. */
  associated: boolean;
  /** Soft-deleted (shown with SHOW_SOFT_DELETES). */
  softDeleted?: boolean;
  /** Bumped on every save: two handles detect a stale save (MAPI_E_OBJECT_CHANGED) by comparing it. */
  version: number;
  /**
   * What the backend's source stored for the derived properties of this version (a PST keeps
   * PR_MESSAGE_SIZE, PR_DISPLAY_TO, ... in the message): the kit shows them instead of
   * computing them while `facts.version === version`. Records the kit writes carry none.
   */
  facts?: MessageFacts;
}

/**
 * The properties a store derives from a message's whole content: PR_HASATTACH, PR_DISPLAY_TO /
 * CC / BCC and PR_MESSAGE_SIZE. A backend that keeps them (a summary, a file's own table) hands
 * them over so the kit need not read the recipients and attachments.
 */
export interface MessageFacts {
  /** The message version these values belong to ({@link MessageRecord.version}). */
  version: number;
  /** PR_HASATTACH (and the MSGFLAG_HASATTACH bit of PR_MESSAGE_FLAGS). */
  hasAttach: boolean;
  /** PR_DISPLAY_TO. */
  displayTo: string;
  /** PR_DISPLAY_CC. */
  displayCc: string;
  /** PR_DISPLAY_BCC. */
  displayBcc: string;
  /** PR_MESSAGE_SIZE. */
  size: number;
}

/**
 * What a contents table shows of a message, without its content: its place, its stored
 * properties (all, or all but some large ones) and its derived properties. A backend that keeps
 * such a summary (an index beside the files, a PST's contents table context) offers it through
 * {@link StoreBackend.messageSummary}, and the kit builds contents-table rows and folder counts
 * from it without decoding bodies, recipients or attachments.
 *
 * A summary must agree with the record `message(id)` returns for the same version: every value
 * it holds equals the record's, and its facts equal what the kit derives from the record (or the
 * record's own `facts`).
 */
export interface MessageSummary {
  id: NodeId;
  folderId: NodeId;
  associated: boolean;
  softDeleted?: boolean;
  /** The version of the record it summarises. */
  version: number;
  /** Stored properties (PR_MESSAGE_FLAGS among them). */
  props: PropMap;
  /**
   * Which stored properties `props` may lack. `'none'`: it has them all. A set of PROP_IDs: only
   * those were left out (large bodies, say). `'unknown'`: any property may be missing (a file's
   * table has only its own columns). A table that needs a property the summary may lack reads
   * the whole message (`message(id)`), once per version.
   */
  omitted: 'none' | ReadonlySet<number> | 'unknown';
  /** PR_HASATTACH, PR_DISPLAY_*, PR_MESSAGE_SIZE. */
  facts: MessageFacts;
}

/** Kinds of objects an entry ID names. */
export type EntryKind = 'store' | 'folder' | 'message';

/** What an entry ID of this store names. */
export interface ParsedEntryId {
  kind: EntryKind;
  /** The node (folders and messages); for a message, its folder too when the format carries it. */
  id?: NodeId;
  folderId?: NodeId;
}

/** How a backend spells its entry IDs (Exchange-style by default; PST-style for PST files). */
export interface EntryIdCodec {
  /** The store's provider MAPIUID, bytes 4..19 of every entry ID it makes. */
  readonly uid: Uint8Array;
  /** The long-term entry ID of a folder. */
  folderEntryId(id: NodeId): Uint8Array;
  /** The long-term entry ID of a message. */
  messageEntryId(folderId: NodeId, id: NodeId): Uint8Array;
  /** Parses an entry ID of this store; undefined when it is not one. */
  parse(entryId: Uint8Array): ParsedEntryId | undefined;
}

/**
 * The data of one message store, as a provider keeps it.
 */
export interface StoreBackend {
  /** How entry IDs of this store look. */
  readonly entryIds: EntryIdCodec;
  /** The store's name-to-identifier map for named properties. */
  readonly namedProps: NamedPropertyMap;
  /** True for stores that cannot be written (the kit answers MAPI_E_NO_ACCESS). */
  readonly readOnly: boolean;
  /** STORE_* bits this store supports beyond the kit's defaults (for PR_STORE_SUPPORT_MASK). */
  readonly supportMask?: number;
  /** Store-level stored properties (PR_DISPLAY_NAME, PR_IPM_SUBTREE_ENTRYID is computed by the kit from `specialFolders`). */
  storeProps(): PropMap;
  /** Replaces the store-level properties. */
  putStoreProps(props: PropMap): void | Promise<void>;
  /** The root folder. */
  rootId(): NodeId;
  /** Special folders by role (ipmSubtree, inbox, outbox, sentItems, deletedItems, drafts, calendar, contacts, tasks, notes, journal, finder, views, commonViews). */
  specialFolders(): Partial<Record<SpecialFolder, NodeId>>;
  /** Sets the special folders (the kit creates the default tree of a new store). */
  putSpecialFolders(map: Partial<Record<SpecialFolder, NodeId>>): void | Promise<void>;
  /** A folder, or undefined. */
  folder(id: NodeId): FolderRecord | undefined;
  /** Subfolders of a folder, in creation order. */
  childFolderIds(id: NodeId): NodeId[];
  /** Messages of a folder (normal or associated), in creation order. */
  messageIds(folderId: NodeId, associated: boolean): NodeId[];
  /** A message, or undefined. */
  message(id: NodeId): MessageRecord | undefined;
  /**
   * A message's summary for tables and counts, when the backend has one for its current
   * version; undefined makes the kit read the message (optional: backends without summaries
   * leave it out). See {@link MessageSummary}.
   */
  messageSummary?(id: NodeId): MessageSummary | undefined;
  /** A new node identifier, never used before in this store. */
  newId(): NodeId;
  /** Creates or replaces a folder. */
  putFolder(rec: FolderRecord): void | Promise<void>;
  /** Removes a folder record (its messages and subfolders are removed by the kit first). */
  removeFolder(id: NodeId): void | Promise<void>;
  /** Creates or replaces a message. */
  putMessage(rec: MessageRecord): void | Promise<void>;
  /** Removes a message. */
  removeMessage(id: NodeId): void | Promise<void>;
  /** Receive folders by message class ('' is the default). */
  receiveFolders(): Map<string, NodeId>;
  /** Replaces the receive folders. */
  putReceiveFolders(map: Map<string, NodeId>): void | Promise<void>;
  /** Saved contents-table sort of a folder (saveContentsSort). */
  contentsSort?(folderId: NodeId): SSortOrderSet | undefined;
  /** Saves a folder's contents-table sort. */
  putContentsSort?(folderId: NodeId, sort: SSortOrderSet): void | Promise<void>;
}

/** Roles of the default folders. */
export type SpecialFolder =
  | 'ipmSubtree'
  | 'inbox'
  | 'outbox'
  | 'sentItems'
  | 'deletedItems'
  | 'drafts'
  | 'calendar'
  | 'contacts'
  | 'tasks'
  | 'notes'
  | 'journal'
  | 'finder'
  | 'views'
  | 'commonViews';
