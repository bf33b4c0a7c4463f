import type { GUID } from '../props/guid.js';
import type { IMAPIProp, IUnknown } from '../props/interfaces.js';
import type { ENTRYID, SPropValue } from '../props/types.js';
import type { MessageRecord, NodeId, PropMap } from '../spi/store.js';
import type { AdviseSinkLike, NOTIFICATION } from '../notify/types.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { RowSource } from '../table/RowSource.js';
import type { IMessage, IMsgStore, ReceiveFolder } from './interfaces.js';
import { isFolderCountNotification, type StoreContext } from './StoreContext.js';
import { MapiProp, checkFlags } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { CHANGE_PROP_TYPE, PROP_ID } from '../props/tags.js';
import { bytesEqual } from '../props/values.js';
import { MapiTable } from '../table/MapiTable.js';
import { MemoryRowSource, tableRow } from '../table/MemoryRowSource.js';
import { commitMessage, copyMessageTo, deleteMessages } from './messageOps.js';
import { restampCopy } from './Message.js';
import { ImmediatePropMap } from './folderOps.js';
import { STORE_COMPUTED_IDS, checkMessageClass, receiveSetting, resolveReceiveFolder, storeComputedProps } from './defaultFolders.js';
import { checkEntryIdArg, folderOf, isStoreEntryId, messageOf, openEntryIn } from './openEntry.js';
import { IID_IMAPIProp, IID_IMsgStore } from '../generated/guids.js';
import { PT_STRING8 } from '../generated/proptypes.js';
import * as T from '../generated/proptags.js';
import * as C from '../generated/constants.js';
import * as E from '../generated/scodes.js';

/** How the session opens a store object. */
export interface StoreObjectOptions {
  /** False without MDB_WRITE: setProps and MAPI_MODIFY opens answer MAPI_E_NO_ACCESS. */
  writable: boolean;
  /** Called when storeLogoff lets the logoff happen, with the caller's flags. */
  onLogoff?: (flags: number) => void;
}

const LOGOFF_IN = C.LOGOFF_NO_WAIT | C.LOGOFF_ORDERLY | C.LOGOFF_PURGE | C.LOGOFF_ABORT | C.LOGOFF_QUIET;
/** Event types a store sends (imsgstore-advise.md). */
const STORE_EVENTS =
  C.fnevCriticalError | C.fnevExtended | C.fnevNewMail | C.fnevObjectCreated | C.fnevObjectCopied | C.fnevObjectDeleted | C.fnevObjectModified | C.fnevObjectMoved | C.fnevSearchComplete;

/** outgoing-queue-tables.md: the required columns (string columns in 8-bit: GetOutgoingQueue has no MAPI_UNICODE). */
const OUTGOING_COLUMNS = [
  T.PR_ENTRYID, T.PR_INSTANCE_KEY, T.PR_CLIENT_SUBMIT_TIME, T.PR_DISPLAY_BCC_A, T.PR_DISPLAY_CC_A, T.PR_DISPLAY_TO_A, T.PR_MESSAGE_FLAGS,
  T.PR_MESSAGE_SIZE, T.PR_PRIORITY, T.PR_SENDER_NAME_A, T.PR_SUBJECT_A, T.PR_SUBMIT_FLAGS,
]; // prettier-ignore

/** True for a message in the outgoing queue: submitted (MSGFLAG_SUBMIT) and not deleted. */
function queued<M extends Pick<MessageRecord, 'props' | 'softDeleted'>>(m: M | null | undefined): m is M {
  const f = m?.props.get(PROP_ID(T.PR_MESSAGE_FLAGS));
  return !!m && !m.softDeleted && !!f && ((f.Value as number) & C.MSGFLAG_SUBMIT) !== 0;
}

/**
 * The message store object: an immediate object over the store's properties, the door to
 * its folders and messages (openEntry), receive folders, store-wide notifications and the
 * spooler's side (outgoing queue, lock state, finished messages).
 * @see imsgstoreimapiprop.md
 */
export class MsgStore extends MapiProp implements IMsgStore {
  readonly interfaceName = 'IMsgStore';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMAPIProp, IID_IMsgStore];
  protected readonly objectType = C.MAPI_STORE;
  private readonly props: ImmediatePropMap;
  private computedCache: PropMap | null = null;
  private readonly writes: Promise<void>[] = [];
  /** Advise connections made through this handle: released with it. */
  private readonly connections = new Set<number>();

  constructor(
    readonly ctx: StoreContext,
    private readonly o: StoreObjectOptions,
  ) {
    const props = new ImmediatePropMap(() => ctx.backend.storeProps());
    super(props, {
      transacted: false,
      writable: o.writable && !ctx.backend.readOnly,
      namedProps: ctx.backend.namedProps,
      largeValueLimit: ctx.options.largeValueLimit,
      codePage: () => ctx.support.codePage,
    });
    this.props = props;
    this.interceptor = ctx.support.interceptor;
  }

  protected override invoke<R>(method: string, args: readonly unknown[], impl: () => Promise<R> | R): Promise<R> {
    return super.invoke(method, args, async () => {
      this.computedCache = null;
      try {
        const out = await impl();
        while (this.writes.length) await this.writes.shift();
        return out;
      } finally {
        this.writes.length = 0;
        this.props.discard();
        this.computedCache = null;
        this.ctx.flushFolderEvents();
      }
    });
  }

  protected override onRelease(): void {
    for (const c of this.connections) {
      try {
        this.ctx.support.hub.unadvise(c);
      } catch {
        // already gone through another handle
      }
    }
    this.connections.clear();
  }

  protected override computeProp(id: number): SPropValue | undefined {
    return (this.computedCache ??= storeComputedProps(this.ctx, this.opts.writable)).get(id);
  }

  protected override computedIds(): number[] {
    return [...STORE_COMPUTED_IDS];
  }

  /** setProps / deleteProps write through to the backend at once (imsgstoreimapiprop.md: nontransacted). */
  protected override onChanged(_ids: number[]): void {
    const draft = this.props.take();
    if (draft) this.writes.push(Promise.resolve(this.ctx.backend.putStoreProps(draft)));
  }

  // ---------------------------------------------------------------- objects

  openEntry<U extends IUnknown = IMAPIProp>(lpEntryID: ENTRYID | null, lpInterface: GUID | null, ulFlags = 0): Promise<U> {
    return this.invoke('openEntry', [lpEntryID, lpInterface, ulFlags], () =>
      openEntryIn(this.ctx, lpEntryID, lpInterface, ulFlags, { where: 'IMsgStore.openEntry', storeWritable: this.o.writable, foreign: E.MAPI_E_INVALID_ENTRYID }) as U,
    );
  }

  compareEntryIDs(lpEntryID1: ENTRYID, lpEntryID2: ENTRYID, ulFlags = 0): Promise<boolean> {
    return this.invoke('compareEntryIDs', [lpEntryID1, lpEntryID2, ulFlags], () => {
      checkEntryIdArg('compareEntryIDs', lpEntryID1, 'lpEntryID1');
      checkEntryIdArg('compareEntryIDs', lpEntryID2, 'lpEntryID2');
      checkFlags('compareEntryIDs', ulFlags, 0);
      // The four flag bytes (short-term, ...) do not change what an entry ID names (entryid.md).
      const identity = (e: Uint8Array): string => {
        if (isStoreEntryId(this.ctx, e)) return 'store';
        const p = this.ctx.backend.entryIds.parse(e);
        if (!p) throw new MapiError(E.MAPI_E_INVALID_ENTRYID, 'compareEntryIDs: an entry ID does not belong to this store');
        return `${p.kind}:${p.id ?? ''}:${p.folderId ?? ''}`;
      };
      return identity(lpEntryID1) === identity(lpEntryID2);
    });
  }

  // ---------------------------------------------------------------- notifications

  advise(lpEntryID: ENTRYID | null, ulEventMask: number, lpAdviseSink: AdviseSinkLike): Promise<number> {
    return this.invoke('advise', [lpEntryID, ulEventMask, lpAdviseSink], () => {
      if (lpEntryID !== null && lpEntryID !== undefined) checkEntryIdArg('advise', lpEntryID);
      if (typeof ulEventMask !== 'number' || !Number.isInteger(ulEventMask) || (ulEventMask & STORE_EVENTS) === 0) {
        throw new MapiError(E.MAPI_E_INVALID_PARAMETER, 'advise: ulEventMask must contain store events (fnevNewMail, fnevObject*, fnevSearchComplete, ...)');
      }
      let filter: ((n: NOTIFICATION) => boolean) | undefined;
      if (lpEntryID && !isStoreEntryId(this.ctx, lpEntryID)) {
        const p = this.ctx.backend.entryIds.parse(lpEntryID);
        if (!p) throw new MapiError(E.MAPI_E_INVALID_ENTRYID, 'advise: the entry ID does not belong to this store');
        if (p.kind === 'folder' ? !this.ctx.backend.folder(p.id as NodeId) : !messageOf(this.ctx, lpEntryID, true)) {
          throw new MapiError(E.MAPI_E_NOT_FOUND, 'advise: the entry ID names no folder or message of this store');
        }
        filter = notificationAbout(lpEntryID.subarray(4));
      }
      const conn = this.ctx.support.hub.advise(this.ctx.adviseSource, ulEventMask, lpAdviseSink, filter ? { filter } : {});
      this.connections.add(conn);
      return conn;
    });
  }

  unadvise(ulConnection: number): Promise<void> {
    return this.invoke('unadvise', [ulConnection], () => {
      if (typeof ulConnection !== 'number') throw new MapiError(E.MAPI_E_INVALID_PARAMETER, 'unadvise: the connection must be a number');
      this.ctx.support.hub.unadvise(ulConnection);
      this.connections.delete(ulConnection);
    });
  }

  notifyNewMail(lpNotification: NOTIFICATION): Promise<void> {
    return this.invoke('notifyNewMail', [lpNotification], () => {
      const n = lpNotification as Partial<Extract<NOTIFICATION, { ulEventType: typeof C.fnevNewMail }>> | null;
      const m = n?.newmail;
      if (!n || n.ulEventType !== C.fnevNewMail || !m || !(m.lpEntryID instanceof Uint8Array) || !(m.lpParentID instanceof Uint8Array) || typeof m.lpszMessageClass !== 'string' || typeof m.ulMessageFlags !== 'number') {
        throw new MapiError(E.MAPI_E_INVALID_PARAMETER, 'notifyNewMail: lpNotification must be an fnevNewMail NOTIFICATION with a complete newmail payload');
      }
      // imsgstore-notifynewmail.md: send the new-mail notification to every registered client (the hub copies it).
      this.ctx.publish([{ ulEventType: C.fnevNewMail, newmail: { ...m, ulFlags: m.ulFlags ?? 0 } }]);
    });
  }

  // ---------------------------------------------------------------- receive folders

  getReceiveFolder(lpszMessageClass: string | null, ulFlags = 0): Promise<ReceiveFolder> {
    return this.invoke('getReceiveFolder', [lpszMessageClass, ulFlags], () => {
      const cls = checkMessageClass('getReceiveFolder', lpszMessageClass);
      checkFlags('getReceiveFolder', ulFlags, C.MAPI_UNICODE);
      const hit = resolveReceiveFolder(this.ctx, cls);
      if (!hit) throw new MapiError(E.MAPI_E_NOT_FOUND, 'getReceiveFolder: the store has no default receive folder');
      return { lpEntryID: this.ctx.folderEntryId(hit.id), lpszExplicitClass: hit.explicitClass };
    });
  }

  setReceiveFolder(lpszMessageClass: string | null, ulFlags: number, lpEntryID: ENTRYID | null): Promise<void> {
    return this.invoke('setReceiveFolder', [lpszMessageClass, ulFlags, lpEntryID], async () => {
      const where = 'setReceiveFolder';
      const cls = checkMessageClass(where, lpszMessageClass);
      checkFlags(where, ulFlags, C.MAPI_UNICODE);
      if (lpEntryID !== null && lpEntryID !== undefined) checkEntryIdArg(where, lpEntryID);
      this.checkWritable(where);
      const map = this.ctx.backend.receiveFolders();
      const old = receiveSetting(this.ctx, cls);
      if (old) map.delete(old[0]);
      if (lpEntryID) map.set(cls, folderOf(this.ctx, lpEntryID, where).id);
      // [MS-OXCSTOR] RopSetReceiveFolder: the default receive folder ('') cannot be removed.
      else if (cls === '') throw new MapiError(E.MAPI_E_INVALID_PARAMETER, `${where}: the default receive folder cannot be removed`);
      // imsgstore-setreceivefolder.md: removing a setting that does not exist succeeds.
      await this.ctx.backend.putReceiveFolders(map);
    });
  }

  getReceiveFolderTable(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getReceiveFolderTable', [ulFlags], () => {
      const flags = checkFlags('getReceiveFolderTable', ulFlags, C.MAPI_DEFERRED_ERRORS | C.MAPI_UNICODE);
      const unicode = (flags & C.MAPI_UNICODE) !== 0;
      const classTag = unicode ? T.PR_MESSAGE_CLASS_W : CHANGE_PROP_TYPE(T.PR_MESSAGE_CLASS_W, PT_STRING8);
      // receive-folder-tables.md: PR_ENTRYID, PR_MESSAGE_CLASS and PR_RECORD_KEY.
      const rows = [...this.ctx.backend.receiveFolders()].map(([cls, id]) => {
        const eid = this.ctx.folderEntryId(id);
        return tableRow(cls.toUpperCase(), [
          { ulPropTag: T.PR_ENTRYID, Value: eid },
          { ulPropTag: T.PR_RECORD_KEY, Value: eid.slice(22) },
          { ulPropTag: T.PR_MESSAGE_CLASS_W, Value: cls },
        ]);
      });
      return this.table(new MemoryRowSource([T.PR_INSTANCE_KEY, T.PR_ENTRYID, T.PR_RECORD_KEY, classTag], rows), unicode);
    });
  }

  private table(source: RowSource, unicode: boolean, sort?: number): IMAPITable {
    const { hub, scheduler, codePage, interceptor } = this.ctx.support;
    const initialSort = sort === undefined ? undefined : { aSort: [{ ulPropTag: sort, ulOrder: C.TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 };
    const t = new MapiTable(source, { hub, scheduler, unicode, codePage, ...(initialSort && { initialSort }) });
    t.interceptor = interceptor;
    return t;
  }

  // ---------------------------------------------------------------- logoff and the spooler's side

  storeLogoff(ulFlags: number): Promise<number> {
    return this.invoke('storeLogoff', [ulFlags], () => {
      const flags = checkFlags('storeLogoff', ulFlags, LOGOFF_IN);
      // imsgstore-storelogoff.md: the input flags exclude each other.
      if (flags & (flags - 1)) throw new MapiError(E.MAPI_E_INVALID_PARAMETER, 'storeLogoff: pass one LOGOFF_* flag');
      let out = 0;
      if (this.ctx.lockedMessages.size) out |= C.LOGOFF_OUTBOUND;
      if (this.outgoing().some(() => true)) out |= C.LOGOFF_OUTBOUND_QUEUE;
      // LOGOFF_ABORT and LOGOFF_QUIET: no logoff while a transport is sending.
      if (flags & (C.LOGOFF_ABORT | C.LOGOFF_QUIET) && out & C.LOGOFF_OUTBOUND) return out;
      this.o.onLogoff?.(flags);
      return out;
    });
  }

  getOutgoingQueue(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getOutgoingQueue', [ulFlags], () => {
      checkFlags('getOutgoingQueue', ulFlags, 0);
      // outgoing-queue-tables.md: in ascending order of submission time, with notifications.
      return this.table(this.queueSource(), false, T.PR_CLIENT_SUBMIT_TIME);
    });
  }

  abortSubmit(lpEntryID: ENTRYID, ulFlags = 0): Promise<void> {
    return this.invoke('abortSubmit', [lpEntryID, ulFlags], async () => {
      checkEntryIdArg('abortSubmit', lpEntryID);
      checkFlags('abortSubmit', ulFlags, 0);
      if (!this.ctx.backend.entryIds.parse(lpEntryID)) throw new MapiError(E.MAPI_E_INVALID_ENTRYID, 'abortSubmit: not an entry ID of this store');
      const m = messageOf(this.ctx, lpEntryID);
      if (!queued(m)) throw new MapiError(E.MAPI_E_NOT_IN_QUEUE, 'abortSubmit: the message is not in the outgoing queue (already sent?)');
      // imsgstore-setlockstate.md: once the spooler locked the message, AbortSubmit must fail.
      if (this.ctx.lockedMessages.has(m.id)) throw new MapiError(E.MAPI_E_UNABLE_TO_ABORT, 'abortSubmit: the spooler is sending the message');
      await commitMessage(this.ctx, withFlags(m, 0, C.MSGFLAG_SUBMIT), [T.PR_MESSAGE_FLAGS]);
    });
  }

  setLockState(lpMessage: IMessage, ulLockState: number): Promise<void> {
    return this.invoke('setLockState', [lpMessage, ulLockState], async () => {
      if (!lpMessage || typeof lpMessage !== 'object' || typeof lpMessage.getProps !== 'function') throw new MapiError(E.MAPI_E_INVALID_PARAMETER, 'setLockState: lpMessage must be an open message');
      if (ulLockState !== C.MSG_LOCKED && ulLockState !== C.MSG_UNLOCKED) throw new MapiError(E.MAPI_E_INVALID_PARAMETER, 'setLockState: ulLockState must be MSG_LOCKED or MSG_UNLOCKED');
      const [eid] = await lpMessage.getProps([T.PR_ENTRYID], 0);
      const m = eid?.Value instanceof Uint8Array ? messageOf(this.ctx, eid.Value) : undefined;
      if (!m) throw new MapiError(E.MAPI_E_INVALID_PARAMETER, 'setLockState: the message is not a saved message of this store');
      // imsgstore-setlockstate.md: save what was changed on the message before the call (a read-only or submitted handle has nothing to save).
      try {
        await lpMessage.saveChanges(C.KEEP_OPEN_READWRITE);
      } catch (e) {
        if (!MapiError.is(e, E.MAPI_E_NO_ACCESS) && !MapiError.is(e, E.MAPI_E_SUBMITTED)) throw e;
      }
      if (ulLockState === C.MSG_LOCKED) this.ctx.lockedMessages.add(m.id);
      else this.ctx.lockedMessages.delete(m.id);
    });
  }

  finishedMsg(ulFlags: number, lpEntryID: ENTRYID): Promise<void> {
    return this.invoke('finishedMsg', [ulFlags, lpEntryID], async () => {
      checkFlags('finishedMsg', ulFlags, 0);
      checkEntryIdArg('finishedMsg', lpEntryID);
      if (!this.ctx.backend.entryIds.parse(lpEntryID)) throw new MapiError(E.MAPI_E_INVALID_ENTRYID, 'finishedMsg: not an entry ID of this store');
      const m = messageOf(this.ctx, lpEntryID);
      if (!m) throw new MapiError(E.MAPI_E_NOT_FOUND, 'finishedMsg: the message does not exist');
      this.ctx.lockedMessages.delete(m.id);
      // The message is sent: out of the queue, no longer unsent.
      const sent = withFlags(m, 0, C.MSGFLAG_SUBMIT | C.MSGFLAG_UNSENT);
      await commitMessage(this.ctx, sent, [T.PR_MESSAGE_FLAGS]);
      // imsgstore-finishedmsg.md: PR_DELETE_AFTER_SUBMIT deletes it; else PR_SENTMAIL_ENTRYID moves it; else it stays.
      if (sent.props.get(PROP_ID(T.PR_DELETE_AFTER_SUBMIT))?.Value === true) {
        await deleteMessages(this.ctx, [m.id], true);
        return;
      }
      const target = sent.props.get(PROP_ID(T.PR_SENTMAIL_ENTRYID))?.Value;
      const folder = target instanceof Uint8Array && this.ctx.backend.entryIds.parse(target)?.kind === 'folder' ? this.ctx.backend.entryIds.parse(target)?.id : undefined;
      if (folder !== undefined && folder !== sent.folderId && this.ctx.backend.folder(folder)) await copyMessageTo(this.ctx, m.id, this.ctx, folder, true, restampCopy);
    });
  }

  /** Messages of the outgoing queue now. */
  private outgoing(): MessageRecord[] {
    const out: MessageRecord[] = [];
    const walk = (folderId: NodeId) => {
      for (const id of this.ctx.backend.messageIds(folderId, false)) {
        // The flags from the message's summary when the backend keeps one: only queued messages are read whole.
        if (!queued(this.ctx.messageHead(id))) continue;
        const m = this.ctx.backend.message(id);
        if (queued(m)) out.push(m);
      }
      for (const child of this.ctx.backend.childFolderIds(folderId)) walk(child);
    };
    walk(this.ctx.backend.rootId());
    return out;
  }

  /** The outgoing queue's row source, shared by every store handle and kept current by the store's changes. */
  private queueSource(): RowSource {
    if (this.ctx.outgoingQueue) return this.ctx.outgoingQueue;
    const ctx = this.ctx;
    const source = new MemoryRowSource(OUTGOING_COLUMNS, this.outgoing().map((m) => ctx.messageRow(m)));
    ctx.onChange((change) => {
      if (change.kind !== 'message') return;
      if (queued(change.after)) source.upsert(ctx.messageRow(change.after));
      else if (queued(change.before)) source.delete(String(change.before.id));
    });
    ctx.outgoingQueue = source;
    return source;
  }
}

/** A new version of a message with PR_MESSAGE_FLAGS bits set and cleared. */
function withFlags(m: MessageRecord, set: number, clear: number): MessageRecord {
  const props = new Map(m.props);
  const old = (props.get(PROP_ID(T.PR_MESSAGE_FLAGS))?.Value as number | undefined) ?? 0;
  props.set(PROP_ID(T.PR_MESSAGE_FLAGS), { ulPropTag: T.PR_MESSAGE_FLAGS, Value: ((old | set) & ~clear) | 0 });
  return { ...m, props, version: m.version + 1 };
}

/** A filter passing the notifications about one object: it is the object, its parent, or was either before a move or copy. */
function notificationAbout(idBody: Uint8Array): (n: NOTIFICATION) => boolean {
  const is = (e: Uint8Array | null | undefined) => !!e && e.length === idBody.length + 4 && bytesEqual(e.subarray(4), idBody);
  return (n) => {
    // handling-message-store-notification.md: a folder's changed counts reach the folder's sinks, "No notification to parent folder".
    if ('obj' in n && isFolderCountNotification(n)) return is(n.obj.lpEntryID);
    if ('obj' in n) return is(n.obj.lpEntryID) || is(n.obj.lpParentID) || is(n.obj.lpOldID) || is(n.obj.lpOldParentID);
    if ('newmail' in n) return is(n.newmail.lpEntryID) || is(n.newmail.lpParentID);
    return true;
  };
}

/**
 * The store object the session hands out for an open store (IMsgStore).
 * @see imsgstoreimapiprop.md
 */
export function openStoreObject(ctx: StoreContext, opts: StoreObjectOptions): IMsgStore {
  return new MsgStore(ctx, opts);
}
