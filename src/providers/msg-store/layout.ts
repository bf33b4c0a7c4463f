/**
 * The small files of the .msg store: the store file at the root and one folder file per
 * folder directory (its properties and the index of its messages). JSON, replaced atomically.
 * See docs/msg-store.md for the layout.
 */
import { existsSync, readFileSync } from 'node:fs';
import { MapiError } from '../../core/errors/MapiError.js';
import { FOLDER_GENERIC } from '../../core/generated/constants.js';
import { MAPI_E_CORRUPT_DATA } from '../../core/generated/scodes.js';
import type { MAPINAMEID } from '../../core/props/types.js';
import type { NodeId, SpecialFolder, StoredSearchCriteria } from '../../core/spi/store.js';
import type { SSortOrderSet } from '../../core/table/types.js';
import { decodeJson, encodeJson, type Json } from './json.js';

/** Name of the store file in the store's root directory. */
export const STORE_FILE = '.mapiemu-store.json';
/** Name of the folder file in each folder directory. */
export const FOLDER_FILE = '.mapiemu-folder.json';
/** Subdirectory of a folder directory holding its associated (FAI) messages. */
export const ASSOC_DIR = '.assoc';
/** Prefix of a folder directory being removed (renamed first, so a crash never leaves half a folder listed). */
export const DELETED_PREFIX = '.deleted-';
/** Format tags of the files, checked on load. */
export const STORE_FORMAT = 'mapi-emu/msg-store@1';
export const FOLDER_FORMAT = 'mapi-emu/msg-folder@1';
/** Extension of message files. */
export const MSG_EXT = '.msg';

/** What the store file holds. */
export interface StoreFileData {
  uid: Uint8Array;
  databaseGuid: Uint8Array;
  /** Identifiers below this are handed out (or reserved): a reopened store continues above it. */
  nextId: NodeId;
  rootId: NodeId;
  storeProps: Json;
  special: Partial<Record<SpecialFolder, NodeId>>;
  receive: [string, NodeId][];
  /** The store's named-property map: [id, name] in assignment order. */
  names: [number, MAPINAMEID][];
}

/** One message in a folder file's index. */
export interface MessageIndexEntry {
  id: NodeId;
  /** File name in the folder directory (or its `.assoc` subdirectory). */
  file: string;
  assoc: boolean;
  /** Size and modification time when we last wrote or read it: a difference means it changed behind our back. */
  size: number;
  mtimeMs: number;
  version: number;
  softDeleted?: boolean;
  /** PR_ATTACH_NUM / PR_ROWID counters the .msg file does not keep. */
  nextAttachNum?: number;
  nextRowId?: number;
  /** Values stored as PT_STRING8 (`m.<id>`, `r<rowId>.<id>`, `a<num>.<id>`): a Unicode .msg keeps every string as PT_UNICODE. */
  string8?: string[];
  /**
   * What contents tables show of the message (summaries.ts `StoredSummary`, decoded; checked
   * before use): absent in index files written before summaries, or not made yet.
   */
  summary?: unknown;
}

/** An index entry as written: its summary already JSON text (made once per summary). */
export type MessageIndexEntryOut = Omit<MessageIndexEntry, 'summary'> & { summaryText?: string };

/** What a folder file holds. */
export interface FolderFileData {
  id: NodeId;
  folderType: number;
  props: Json;
  search?: StoredSearchCriteria;
  softDeleted?: boolean;
  sort?: SSortOrderSet;
  /** Subfolder identifiers in creation order. */
  children: NodeId[];
  /** The messages, in creation order. */
  messages: MessageIndexEntry[];
}

function bad(path: string, why: string): never {
  throw new MapiError(MAPI_E_CORRUPT_DATA, `[mapi-emu] msg store: ${path} ${why}`);
}

function readTagged(path: string, format: string): Record<string, unknown> {
  let j: Json;
  try {
    j = JSON.parse(readFileSync(path, 'utf8')) as Json;
  } catch (e) {
    bad(path, `is not readable JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!j || typeof j !== 'object' || Array.isArray(j) || j.format !== format) bad(path, `is not a ${format} file`);
  return j;
}

/** Serialises the store file. */
export function storeFileText(d: StoreFileData): string {
  return JSON.stringify({ format: STORE_FORMAT, ...(encodeJson({ ...d, storeProps: null }) as object), storeProps: d.storeProps });
}

/** Reads the store file; MAPI_E_CORRUPT_DATA when it is damaged. */
export function readStoreFile(path: string): StoreFileData {
  const j = readTagged(path, STORE_FORMAT);
  const d = decodeJson({ ...(j as { [k: string]: Json }), storeProps: null }) as Partial<StoreFileData>;
  if (!(d.uid instanceof Uint8Array) || d.uid.length !== 16) bad(path, 'has no 16-byte uid');
  if (!(d.databaseGuid instanceof Uint8Array) || d.databaseGuid.length !== 16) bad(path, 'has no 16-byte databaseGuid');
  if (!Number.isSafeInteger(d.nextId) || !Number.isSafeInteger(d.rootId)) bad(path, 'has no identifier counter');
  return {
    uid: d.uid,
    databaseGuid: d.databaseGuid,
    nextId: d.nextId as number,
    rootId: d.rootId as number,
    storeProps: (j.storeProps ?? []) as Json,
    special: d.special && typeof d.special === 'object' ? d.special : {},
    receive: Array.isArray(d.receive) ? d.receive : [],
    names: Array.isArray(d.names) ? d.names : [],
  };
}

/**
 * Serialises a folder file (its index entries with their summaries). The summaries' text is
 * made once per summary and spliced in: a folder file is rewritten on every change of one of
 * its messages, and the summaries are most of it.
 */
export function folderFileText(d: Omit<FolderFileData, 'messages'> & { messages: (MessageIndexEntryOut | string)[] }): string {
  const head = JSON.stringify({ format: FOLDER_FORMAT, ...(encodeJson({ ...d, props: null, messages: null }) as object), props: d.props });
  const messages = d.messages.map((e) => (typeof e === 'string' ? e : indexEntryText(e)));
  return `${head.slice(0, -1)},"messages":[${messages.join(',')}]}`;
}

/** The JSON text of one index entry in a folder file (a caller may keep it while the entry does not change). */
export function indexEntryText({ summaryText, ...e }: MessageIndexEntryOut): string {
  const text = JSON.stringify(encodeJson(e));
  return summaryText === undefined ? text : `${text.slice(0, -1)},"summary":${summaryText}}`;
}

/** Reads a folder file: undefined when there is none (a directory made by hand); MAPI_E_CORRUPT_DATA when damaged. */
export function readFolderFile(path: string): FolderFileData | undefined {
  if (!existsSync(path)) return undefined;
  const j = readTagged(path, FOLDER_FORMAT);
  const d = decodeJson({ ...(j as { [k: string]: Json }), props: null }) as Partial<FolderFileData>;
  if (!Number.isSafeInteger(d.id) || (d.id as number) <= 0) bad(path, 'has no folder identifier');
  const messages = (Array.isArray(d.messages) ? d.messages : []).filter(
    (m): m is MessageIndexEntry => !!m && Number.isSafeInteger(m.id) && m.id > 0 && typeof m.file === 'string',
  );
  return {
    id: d.id as number,
    folderType: typeof d.folderType === 'number' ? d.folderType : FOLDER_GENERIC,
    props: (j.props ?? []) as Json,
    ...(d.search && { search: d.search }),
    ...(d.softDeleted && { softDeleted: true }),
    ...(d.sort && { sort: d.sort }),
    children: Array.isArray(d.children) ? d.children.filter((c) => Number.isSafeInteger(c)) : [],
    messages,
  };
}
