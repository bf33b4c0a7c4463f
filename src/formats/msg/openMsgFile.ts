/**
 * Single .msg files as IMessage objects: {@link openMsgFile} (what OpenIMsgOnIStg over a
 * docfile gives a MAPI client) and {@link saveMsgFile} (CopyTo into such a message).
 *
 * The IMessage is the store kit's own message object over a one-message store: a
 * {@link MemoryBackend} whose putMessage also writes the .msg file. So every IMessage rule
 * (transactions, computed properties, recipient and attachment tables, embedded messages,
 * named properties) is the kit's, and saveChanges writes the file back, atomically.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MapiError } from '../../core/errors/MapiError.js';
import { FOLDER_GENERIC, MAPI_BEST_ACCESS, MAPI_CREATE, MAPI_MODIFY } from '../../core/generated/constants.js';
import { IID_IMessage } from '../../core/generated/guids.js';
import { PR_DISPLAY_NAME_W } from '../../core/generated/proptags.js';
import {
  MAPI_E_DISK_ERROR, MAPI_E_INVALID_PARAMETER, MAPI_E_NO_ACCESS, MAPI_E_NOT_FOUND, MAPI_E_UNKNOWN_FLAGS,
} from '../../core/generated/scodes.js';
import { NotificationHub } from '../../core/notify/NotificationHub.js';
import { ManualScheduler } from '../../core/notify/scheduler.js';
import { PROP_ID } from '../../core/props/tags.js';
import { systemClock, type Clock } from '../../core/spi/clock.js';
import { RandomIds, type IdSource } from '../../core/spi/ids.js';
import type { MessageRecord, NodeId } from '../../core/spi/store.js';
import { ExchangeEntryIds } from '../../core/store/entryIds.js';
import type { IMessage } from '../../core/store/interfaces.js';
import { newMessage, openMessage } from '../../core/store/Message.js';
import { StoreContext, type StoreSupport } from '../../core/store/StoreContext.js';
import { MemoryBackend } from '../../providers/memory-store/MemoryBackend.js';
import { CLSID_OUTLOOK_TEMPLATE } from './constants.js';
import { MsgFile } from './MsgFile.js';
import type { WriteMsgOptions } from './types.js';
import { writeMsg } from './writeMsg.js';

/** Options of {@link openMsgFile} and {@link saveMsgFile}. */
export interface MsgFileOptions {
  /** Timestamps (PR_LAST_MODIFICATION_TIME, storage times); default: the system clock. */
  clock?: Clock;
  /** Search keys, record keys and other identifiers; default: random. */
  ids?: IdSource;
  /** CP_ACP of the emulated machine (PT_STRING8 conversions); default 1252. */
  codePage?: number;
  /**
   * Form of the written file: Unicode (default for new files) or ANSI; an opened file keeps
   * its own form unless this says otherwise.
   */
  unicode?: boolean;
  /** Code page of an ANSI file's strings (default: the message's, see {@link WriteMsgOptions.codePage}). */
  fileCodePage?: number;
  /** Write an Outlook template (.oft); an opened file keeps its own kind unless this says otherwise. */
  template?: boolean;
}

/**
 * Writes `bytes` to `path` so that no reader ever sees a half-written file: a temporary file
 * in the same directory, flushed to disk, then renamed over `path` (and the directory
 * flushed, where the platform allows). A failure leaves `path` as it was.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw fileError(e, `writing ${path}`);
  }
  try {
    const dir = await open(dirname(path), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // Directories cannot be opened for fsync on every platform (Windows); the rename is done.
  }
}

/** A file-system error as the MAPI error a provider would return. */
function fileError(e: unknown, what: string): MapiError {
  if (e instanceof MapiError) return e;
  const code = (e as { code?: string }).code;
  const message = `${what}: ${(e as Error).message}`;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new MapiError(MAPI_E_NOT_FOUND, message);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'EISDIR') return new MapiError(MAPI_E_NO_ACCESS, message);
  return new MapiError(MAPI_E_DISK_ERROR, message);
}

/** The one-message store behind a .msg file's IMessage: putMessage writes the file. */
class MsgFileBackend extends MemoryBackend {
  constructor(
    private readonly path: string,
    private readonly writeOptions: () => WriteMsgOptions,
    uid: Uint8Array,
    dbGuid: Uint8Array,
  ) {
    super(new ExchangeEntryIds(uid, dbGuid));
  }

  override putMessage(rec: MessageRecord): Promise<void> {
    const bytes = writeMsg(rec, this.namedProps, this.writeOptions());
    return writeFileAtomic(this.path, bytes).then(() => super.putMessage(rec));
  }
}

/** A one-message store: the backend, its context and its one folder. */
function fileStore(path: string, options: MsgFileOptions, writeOptions: () => WriteMsgOptions) {
  const ids = options.ids ?? new RandomIds();
  const clock = options.clock ?? systemClock;
  const backend = new MsgFileBackend(path, writeOptions, ids.bytes(16), ids.bytes(16));
  const scheduler = new ManualScheduler();
  const support: StoreSupport = { clock, ids, hub: new NotificationHub({ scheduler }), scheduler, codePage: options.codePage ?? 1252, interceptor: null };
  const ctx = new StoreContext(backend, support, new Uint8Array(24), new Uint8Array(16));
  const folderId: NodeId = backend.newId();
  void backend.putFolder({
    id: folderId,
    parentId: backend.rootId(),
    folderType: FOLDER_GENERIC,
    props: new Map([[PROP_ID(PR_DISPLAY_NAME_W), { ulPropTag: PR_DISPLAY_NAME_W, Value: path }]]),
  });
  return { backend, ctx, folderId };
}

function checkPath(path: unknown, where: string): asserts path is string {
  if (typeof path !== 'string' || path.length === 0) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: the path must be a non-empty string`);
}

/**
 * Opens a .msg (or .oft) file as an IMessage, as OpenIMsgOnIStg over the file's storage does.
 * `ulFlags`: MAPI_MODIFY (or MAPI_BEST_ACCESS) for a writable message whose saveChanges writes
 * the file back (atomically: temporary file, flush, rename); MAPI_CREATE creates a new, empty
 * message (the file is written on the first saveChanges). Without MAPI_MODIFY the message is
 * read-only (setProps and saveChanges fail with MAPI_E_NO_ACCESS).
 * @throws MapiError MAPI_E_NOT_FOUND (no such file), MAPI_E_NO_ACCESS, MAPI_E_CORRUPT_DATA
 *   (a damaged file), MAPI_E_UNKNOWN_FLAGS.
 */
export async function openMsgFile(path: string, ulFlags = 0, options: MsgFileOptions = {}): Promise<IMessage> {
  checkPath(path, 'openMsgFile');
  if ((ulFlags & ~(MAPI_MODIFY | MAPI_BEST_ACCESS | MAPI_CREATE)) !== 0) {
    throw new MapiError(MAPI_E_UNKNOWN_FLAGS, `openMsgFile: unknown flags 0x${(ulFlags >>> 0).toString(16)}`);
  }
  const writable = (ulFlags & (MAPI_MODIFY | MAPI_BEST_ACCESS | MAPI_CREATE)) !== 0;
  if (ulFlags & MAPI_CREATE) {
    const store = fileStore(path, options, () => ({ unicode: options.unicode ?? true, template: options.template ?? false, ...fileOptions(store.ctx.support.clock, options) }));
    return newMessage(store.ctx, store.folderId, false);
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw fileError(e, `openMsgFile: reading ${path}`);
  }
  let unicode = true;
  let template = false;
  const store = fileStore(path, options, () => ({ unicode: options.unicode ?? unicode, template: options.template ?? template, ...fileOptions(store.ctx.support.clock, options) }));
  const file = MsgFile.open(bytes, store.backend.namedProps, { acp: options.codePage ?? 1252 });
  const content = file.content();
  unicode = file.unicode;
  template = file.clsid.equals(CLSID_OUTLOOK_TEMPLATE);
  const rec: MessageRecord = { ...content, id: store.backend.newId(), folderId: store.folderId, associated: false, version: 1 };
  // Straight into the memory map: the file already holds this content.
  MemoryBackend.prototype.putMessage.call(store.backend, rec);
  store.ctx.changed({ kind: 'message', before: null, after: rec });
  return openMessage(store.ctx, rec.id, writable);
}

function fileOptions(clock: Clock, options: MsgFileOptions): WriteMsgOptions {
  return { clock, ...(options.fileCodePage !== undefined && { codePage: options.fileCodePage }) };
}

/**
 * Saves a message to a .msg file (Unicode unless `options.unicode` is false), as a client
 * does with OpenIMsgOnIStg and IMessage::CopyTo: properties, recipients, attachments and
 * embedded messages are copied through the IMessage interface (so any IMessage works, with its
 * unsaved changes), then written atomically to `path`, replacing any file there.
 * @throws MapiError as `message.copyTo` does; MAPI_E_NO_ACCESS / MAPI_E_DISK_ERROR for file errors.
 */
export async function saveMsgFile(message: IMessage, path: string, options: MsgFileOptions = {}): Promise<void> {
  checkPath(path, 'saveMsgFile');
  if (!message || typeof message.copyTo !== 'function') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'saveMsgFile: message must be an IMessage');
  const store = fileStore(path, options, () => ({ unicode: options.unicode ?? true, template: options.template ?? false, ...fileOptions(store.ctx.support.clock, options) }));
  const dest = newMessage(store.ctx, store.folderId, false);
  await message.copyTo(null, null, null, IID_IMessage, dest, 0);
  await dest.saveChanges(0);
}

