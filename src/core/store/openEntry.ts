import type { GUID } from '../props/guid.js';
import type { IUnknown } from '../props/interfaces.js';
import type { ENTRYLIST } from '../props/types.js';
import type { FolderRecord, MessageRecord } from '../spi/store.js';
import type { StoreContext } from './StoreContext.js';
import { MapiError } from '../errors/MapiError.js';
import { checkFlags, describeArg, isGuid } from '../props/MapiProp.js';
import { bytesEqual } from '../props/values.js';
import { openFolder } from './Folder.js';
import { openMessage } from './Message.js';
import { IID_IMAPIContainer, IID_IMAPIFolder, IID_IMAPIProp, IID_IMessage, IID_IUnknown } from '../generated/guids.js';
import { FOLDER_SEARCH, MAPI_BEST_ACCESS, MAPI_DEFERRED_ERRORS, MAPI_MODIFY, MAPI_NO_CACHE, SHOW_SOFT_DELETES } from '../generated/constants.js';
import { MAPI_E_INTERFACE_NOT_SUPPORTED, MAPI_E_INVALID_ENTRYID, MAPI_E_INVALID_PARAMETER, MAPI_E_NO_ACCESS, MAPI_E_NOT_FOUND } from '../generated/scodes.js';

/**
 * Flags IMsgStore::OpenEntry and IMAPIContainer::OpenEntry accept. MAPI_NO_CACHE (open on the
 * server, not the cache) changes nothing: the emulator has no cache.
 */
export const OPEN_ENTRY_FLAGS = MAPI_MODIFY | MAPI_BEST_ACCESS | MAPI_DEFERRED_ERRORS | MAPI_NO_CACHE | SHOW_SOFT_DELETES;

/** Interfaces a folder can be opened as (imapifolder-createfolder.md lists them). */
export const FOLDER_IIDS: readonly GUID[] = [IID_IUnknown, IID_IMAPIProp, IID_IMAPIContainer, IID_IMAPIFolder];
/** Interfaces a message can be opened as. */
export const MESSAGE_IIDS: readonly GUID[] = [IID_IUnknown, IID_IMAPIProp, IID_IMessage];

/** How an OpenEntry call routes an entry ID. */
export interface OpenEntryOptions {
  /** `IMsgStore.openEntry` or `IMAPIFolder.openEntry`, for messages. */
  where: string;
  /** False when the store was opened read-only: MAPI_MODIFY gets MAPI_E_NO_ACCESS, MAPI_BEST_ACCESS gives read-only objects. */
  storeWritable: boolean;
  /** The scode for an entry ID of another store (MAPI_E_INVALID_ENTRYID for the store, MAPI_E_UNKNOWN_ENTRYID for a container). */
  foreign: number;
}

/** True when the interface is null or one of `allowed`. */
export function interfaceAllowed(iid: GUID | null | undefined, allowed: readonly GUID[]): boolean {
  return iid === null || iid === undefined || allowed.some((a) => a.equals(iid));
}

/** Checks an optional interface ID argument (MAPI_E_INVALID_PARAMETER when it is not a GUID). */
export function checkInterfaceArg(where: string, iid: unknown): asserts iid is GUID | null | undefined {
  if (iid !== null && iid !== undefined && !isGuid(iid)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: lpInterface must be an interface ID or null`);
}

/** Checks an entry ID argument (MAPI_E_INVALID_PARAMETER unless it is a non-empty byte array). */
export function checkEntryIdArg(where: string, e: unknown, name = 'lpEntryID'): asserts e is Uint8Array {
  if (!(e instanceof Uint8Array) || e.length === 0) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: ${name} must be an entry ID (a non-empty Uint8Array), not ${describeArg(e)}`);
}

/** Checks an ENTRYLIST argument (MAPI_E_INVALID_PARAMETER unless it is an array of byte arrays). */
export function checkEntryListArg(where: string, list: unknown, name = 'lpMsgList'): asserts list is ENTRYLIST {
  if (!Array.isArray(list) || !list.every((e) => e instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: ${name} must be an array of entry IDs, not ${describeArg(list)}`);
}

/** True when `e` is the store's own entry ID (flag bytes ignored). */
export function isStoreEntryId(ctx: StoreContext, e: Uint8Array): boolean {
  return e.length === ctx.storeEntryId.length && e.length > 4 && bytesEqual(e.subarray(4), ctx.storeEntryId.subarray(4));
}

/** A folder of this store by entry ID: `foreign` for another store's entry ID, MAPI_E_NOT_FOUND when it names no live folder. */
export function folderOf(ctx: StoreContext, e: Uint8Array, where: string, foreign = MAPI_E_INVALID_ENTRYID, soft = false): FolderRecord {
  const p = ctx.backend.entryIds.parse(e);
  if (!p) throw new MapiError(foreign, `${where}: not an entry ID of this store`);
  const f = p.kind === 'folder' && p.id !== undefined ? ctx.backend.folder(p.id) : undefined;
  if (!f) throw new MapiError(MAPI_E_NOT_FOUND, `${where}: the entry ID names no folder of this store (deleted, or not a folder)`);
  if (f.softDeleted && !soft) throw new MapiError(MAPI_E_NOT_FOUND, `${where}: the folder is soft-deleted (pass SHOW_SOFT_DELETES to reach it)`);
  return f;
}

/** A message of this store by entry ID, or undefined when the entry ID names no such (live, unless `soft`) message. */
export function messageOf(ctx: StoreContext, e: Uint8Array, soft = false): MessageRecord | undefined {
  const p = ctx.backend.entryIds.parse(e);
  if (!p || p.kind !== 'message' || p.id === undefined) return undefined;
  const m = ctx.backend.message(p.id);
  // A message entry ID names the message in its folder: after a move the old one is stale.
  if (!m || (p.folderId !== undefined && p.folderId !== m.folderId)) return undefined;
  return !m.softDeleted || soft ? m : undefined;
}

/** A message listed to a folder method: one of the folder's own messages, or of a search folder's results. */
export function messageInFolder(ctx: StoreContext, folder: FolderRecord, e: Uint8Array, soft = false): MessageRecord | undefined {
  const m = messageOf(ctx, e, soft);
  if (!m) return undefined;
  if (folder.folderType === FOLDER_SEARCH) return ctx.searchFolders?.contains(folder.id, m.id) ? m : undefined;
  return m.folderId === folder.id ? m : undefined;
}

/** Whether an object opened with `flags` is writable: MAPI_MODIFY demands it (MAPI_E_NO_ACCESS), MAPI_BEST_ACCESS takes what there is. */
export function accessFor(ctx: StoreContext, flags: number, storeWritable: boolean, where: string): boolean {
  const canWrite = storeWritable && !ctx.backend.readOnly;
  if (flags & MAPI_MODIFY && !canWrite) throw new MapiError(MAPI_E_NO_ACCESS, `${where}: MAPI_MODIFY on a read-only store`);
  return (flags & (MAPI_MODIFY | MAPI_BEST_ACCESS)) !== 0 && canWrite;
}

/**
 * The body of IMsgStore::OpenEntry and IMAPIContainer::OpenEntry: routes a folder or message
 * entry ID of the store to a new handle (null opens the root folder), read-only unless
 * MAPI_MODIFY or MAPI_BEST_ACCESS asks otherwise.
 * @see imsgstore-openentry.md
 * @see imapicontainer-openentry.md
 */
export function openEntryIn(ctx: StoreContext, lpEntryID: Uint8Array | null, lpInterface: GUID | null, ulFlags: number | undefined, o: OpenEntryOptions): IUnknown {
  const where = o.where;
  if (lpEntryID !== null && lpEntryID !== undefined) checkEntryIdArg(where, lpEntryID);
  checkInterfaceArg(where, lpInterface);
  const flags = checkFlags(where, ulFlags, OPEN_ENTRY_FLAGS);
  const soft = (flags & SHOW_SOFT_DELETES) !== 0;
  if (lpEntryID === null || lpEntryID === undefined) {
    // imsgstore-openentry.md: "If lpEntryID is set to NULL, OpenEntry opens the root folder".
    return openAs(ctx, ctx.backend.rootId(), 'folder', lpInterface, accessFor(ctx, flags, o.storeWritable, where), o);
  }
  if (isStoreEntryId(ctx, lpEntryID)) throw new MapiError(MAPI_E_INVALID_ENTRYID, `${where}: that is the store's own entry ID; open stores with IMAPISession::OpenMsgStore`);
  const p = ctx.backend.entryIds.parse(lpEntryID);
  if (!p) throw new MapiError(o.foreign, `${where}: not an entry ID of this store`);
  if (p.kind === 'folder') {
    const f = folderOf(ctx, lpEntryID, where, o.foreign, soft);
    return openAs(ctx, f.id, 'folder', lpInterface, accessFor(ctx, flags, o.storeWritable, where), o);
  }
  const m = messageOf(ctx, lpEntryID, soft);
  if (!m) throw new MapiError(MAPI_E_NOT_FOUND, `${where}: the entry ID names no message of this store (deleted or moved?)`);
  return openAs(ctx, m.id, 'message', lpInterface, accessFor(ctx, flags, o.storeWritable, where), o);
}

function openAs(ctx: StoreContext, id: number, kind: 'folder' | 'message', iid: GUID | null | undefined, writable: boolean, o: OpenEntryOptions): IUnknown {
  if (!interfaceAllowed(iid, kind === 'folder' ? FOLDER_IIDS : MESSAGE_IIDS)) {
    throw new MapiError(MAPI_E_INTERFACE_NOT_SUPPORTED, `${o.where}: a ${kind} cannot be opened as ${String(iid)}`);
  }
  return kind === 'folder' ? openFolder(ctx, id, writable, o.storeWritable) : openMessage(ctx, id, writable);
}
