import type { GUID } from '../props/guid.js';
import type { IMAPIProgress, IMAPIProp, IUnknown } from '../props/interfaces.js';
import type { ENTRYID, ENTRYLIST, SPropProblemArray, SPropValue } from '../props/types.js';
import type { FolderRecord, NodeId, PropMap } from '../spi/store.js';
import type { SRestriction } from '../restriction/types.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { RowSource } from '../table/RowSource.js';
import type { SSortOrderSet } from '../table/types.js';
import type { IMAPIFolder, IMessage, PartialResult, SearchCriteria } from './interfaces.js';
import type { StoreContext } from './StoreContext.js';
import { MapiProp, checkFlags, describeArg } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { CHANGE_PROP_TYPE, PROP_ID, PROP_TYPE } from '../props/tags.js';
import { MapiTable } from '../table/MapiTable.js';
import { MemoryRowSource } from '../table/MemoryRowSource.js';
import { parseSortOrderSet } from '../table/sortSpec.js';
import { validateRestriction } from '../restriction/validate.js';
import { compileRestriction } from '../restriction/compile.js';
import { cloneRestriction } from '../props/values.js';
import { FOLDER_COMPUTED_IDS, folderComputedProps, stringOf } from './computed.js';
import { copyMessageTo, deleteMessages as deleteMessageRecords, messageNotification } from './messageOps.js';
import { newMessage, restampCopy, setReadState } from './Message.js';
import * as ops from './folderOps.js';
import { FOLDER_IIDS, MESSAGE_IIDS, checkEntryIdArg, checkEntryListArg, checkInterfaceArg, folderOf, interfaceAllowed, messageInFolder, openEntryIn } from './openEntry.js';
import { IID_IMAPIContainer, IID_IMAPIFolder, IID_IMAPIProp, IID_IMAPITable } from '../generated/guids.js';
import { PT_STRING8, PT_UNICODE } from '../generated/proptypes.js';
import * as T from '../generated/proptags.js';
import * as C from '../generated/constants.js';
import * as E from '../generated/scodes.js';

/** ITEMPROC_FORCE (mapidefs.h 0x00000800): rules processing for non-Exchange stores; accepted and ignored, as the emulator has no rules. */
export const ITEMPROC_FORCE = 0x00000800;

/** A string column in the width the table was opened with. */
const col = (tag: number, unicode: boolean) => (PROP_TYPE(tag) === PT_UNICODE && !unicode ? CHANGE_PROP_TYPE(tag, PT_STRING8) : tag);

/** Default columns of a contents table: the columns imapicontainer-getcontentstable.md requires, then PR_LAST_MODIFICATION_TIME. */
export const CONTENTS_COLUMNS: readonly number[] = [
  T.PR_ENTRYID, T.PR_INSTANCE_KEY, T.PR_OBJECT_TYPE, T.PR_SUBJECT_W, T.PR_NORMALIZED_SUBJECT_W, T.PR_SENDER_NAME_W,
  T.PR_SENT_REPRESENTING_NAME_W, T.PR_DISPLAY_TO_W, T.PR_MESSAGE_CLASS_W, T.PR_MESSAGE_FLAGS, T.PR_MESSAGE_SIZE, T.PR_PRIORITY,
  T.PR_IMPORTANCE, T.PR_SENSITIVITY, T.PR_MESSAGE_DELIVERY_TIME, T.PR_MSG_STATUS, T.PR_MESSAGE_DOWNLOAD_TIME, T.PR_HASATTACH,
  T.PR_LAST_MODIFICATION_TIME,
]; // prettier-ignore

/** Default columns of a hierarchy table: hierarchy-tables.md's required set for message stores, then PR_CONTAINER_CLASS. */
export const HIERARCHY_COLUMNS: readonly number[] = [
  T.PR_ENTRYID, T.PR_INSTANCE_KEY, T.PR_DISPLAY_NAME_W, T.PR_COMMENT_W, T.PR_DEPTH, T.PR_OBJECT_TYPE, T.PR_DISPLAY_TYPE, T.PR_STATUS,
  T.PR_FOLDER_TYPE, T.PR_SUBFOLDERS, T.PR_CONTENT_COUNT, T.PR_CONTENT_UNREAD, T.PR_CONTAINER_CLASS_W,
]; // prettier-ignore

const READ_FLAG_FLAGS = C.SUPPRESS_RECEIPT | C.CLEAR_READ_FLAG | C.GENERATE_RECEIPT_ONLY | C.CLEAR_RN_PENDING | C.CLEAR_NRN_PENDING | C.MAPI_DEFERRED_ERRORS | C.MESSAGE_DIALOG;
const partial = (complete: boolean): PartialResult => (complete ? {} : { warning: E.MAPI_W_PARTIAL_COMPLETION });

/**
 * A folder: an immediate (non-transacted) object over a folder record. Property changes
 * reach the store when the call makes them; every handle on the folder reads the committed
 * record, so two handles always agree.
 * @see imapifolderimapicontainer.md
 */
export class Folder extends MapiProp implements IMAPIFolder {
  readonly interfaceName = 'IMAPIFolder';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMAPIProp, IID_IMAPIContainer, IID_IMAPIFolder];
  protected readonly objectType = C.MAPI_FOLDER;
  private readonly props: ops.ImmediatePropMap;
  private computedCache: PropMap | null = null;
  private readonly writes: Promise<void>[] = [];

  constructor(
    readonly ctx: StoreContext,
    readonly id: NodeId,
    writable: boolean,
    /** False when the store was opened read-only: objects opened from here are read-only too. */
    readonly storeWritable = true,
  ) {
    let self: Folder | undefined;
    const props = new ops.ImmediatePropMap(
      () => ctx.backend.folder(id)?.props ?? new Map(),
      (pid, v) => self?.checkRename(pid, v),
    );
    super(props, {
      transacted: false,
      writable: writable && storeWritable && !ctx.backend.readOnly,
      namedProps: ctx.backend.namedProps,
      largeValueLimit: ctx.options.largeValueLimit,
      codePage: () => ctx.support.codePage,
    });
    self = this;
    this.props = props;
    this.interceptor = ctx.support.interceptor;
  }

  /** True when this handle may change the folder (opened with MAPI_MODIFY or MAPI_BEST_ACCESS on a writable store). */
  get isWritable(): boolean {
    return this.opts.writable;
  }

  /** The folder's committed record. */
  record(where = 'IMAPIFolder'): FolderRecord {
    const f = this.ctx.backend.folder(this.id);
    if (!f) throw new MapiError(E.MAPI_E_OBJECT_DELETED, `${where}: the folder has been deleted`);
    return f;
  }

  /** Every call: a live folder first; pending writes reach the backend before the call returns; uncommitted drafts never outlive it. */
  protected override invoke<R>(method: string, args: readonly unknown[], impl: () => Promise<R> | R): Promise<R> {
    return super.invoke(method, args, async () => {
      this.record(`${this.interfaceName}.${method}`);
      this.computedCache = null;
      try {
        const out = await impl();
        while (this.writes.length) await this.writes.shift();
        if (method === 'setProps' && Array.isArray(out)) this.addRefusals(out as SPropProblemArray, args[0] as SPropValue[]);
        return out;
      } finally {
        this.writes.length = 0;
        this.props.discard();
        this.computedCache = null;
        this.ctx.flushFolderEvents();
      }
    });
  }

  /** setProps: values the folder refused (a colliding PR_DISPLAY_NAME) are problems of the call, in argument order. */
  private addRefusals(problems: SPropProblemArray, values: SPropValue[]): void {
    if (!this.props.refused.size) return;
    values.forEach((v, ulIndex) => {
      const scode = this.props.refused.get(PROP_ID(v.ulPropTag));
      if (scode !== undefined) problems.push({ ulIndex, ulPropTag: v.ulPropTag >>> 0, scode });
    });
    problems.sort((a, b) => a.ulIndex - b.ulIndex);
  }

  // ---------------------------------------------------------------- MapiProp hooks

  protected override computeProp(id: number): SPropValue | undefined {
    const rec = this.ctx.backend.folder(this.id);
    if (!rec) return undefined;
    return (this.computedCache ??= folderComputedProps(this.ctx, rec, this.opts.writable)).get(id);
  }

  protected override computedIds(): number[] {
    return [...FOLDER_COMPUTED_IDS];
  }

  protected override objectPropTags(): number[] {
    return [T.PR_CONTAINER_HIERARCHY, T.PR_CONTAINER_CONTENTS, T.PR_FOLDER_ASSOCIATED_CONTENTS];
  }

  /** A rename must not take a live sibling's name: MAPI_E_COLLISION (compared case-insensitively) in the problem array. */
  private checkRename(id: number, v: SPropValue): number | undefined {
    if (id !== PROP_ID(T.PR_DISPLAY_NAME_W)) return undefined;
    const name = stringOf(v);
    const rec = this.record('setProps');
    if (name === undefined || rec.parentId === null) return undefined;
    return ops.siblingNamed(this.ctx, rec.parentId, name, this.id) ? E.MAPI_E_COLLISION : undefined;
  }

  /** Commits what setProps / deleteProps / a property stream wrote: new stamps, fnevObjectModified with the tags. */
  protected override onChanged(ids: number[]): void {
    const draft = this.props.take();
    if (!draft) return;
    const before = this.record();
    const tags = ids.filter((id) => !this.props.refused.has(id)).map((id) => draft.get(id)?.ulPropTag ?? before.props.get(id)?.ulPropTag ?? ((id << 16) >>> 0));
    ops.stampFolderChange(this.ctx, draft);
    this.writes.push(ops.commitFolder(this.ctx, before, { ...before, props: draft }, C.fnevObjectModified, tags));
    this.computedCache = null;
  }

  protected override async openSubobject(tag: number, iid: GUID, options: number, _flags: number): Promise<IUnknown | undefined> {
    if (!iid.equals(IID_IMAPITable)) return undefined;
    // imapicontainer-getcontentstable.md / -gethierarchytable.md: the tables open through their properties too.
    if (tag === T.PR_CONTAINER_HIERARCHY) return this.hierarchyTable(checkFlags('openProperty', options, HIERARCHY_TABLE_FLAGS));
    if (tag === T.PR_CONTAINER_CONTENTS) return this.contentsTable(checkFlags('openProperty', options, CONTENTS_TABLE_FLAGS));
    if (tag === T.PR_FOLDER_ASSOCIATED_CONTENTS) return this.contentsTable(checkFlags('openProperty', options, CONTENTS_TABLE_FLAGS) | C.MAPI_ASSOCIATED);
    return undefined;
  }

  protected override async checkCopyTarget(dest: IMAPIProp, _flags: number): Promise<void> {
    // imapiprop-copyto.md: MAPI_E_FOLDER_CYCLE when the source folder contains the destination.
    if (dest instanceof Folder && dest.ctx === this.ctx && ops.inSubtree(this.ctx, this.id, dest.id)) {
      throw new MapiError(E.MAPI_E_FOLDER_CYCLE, 'copyTo: the destination folder is this folder or one of its subfolders');
    }
  }

  /** copyTo / copyProps of PR_CONTAINER_CONTENTS, PR_FOLDER_ASSOCIATED_CONTENTS and PR_CONTAINER_HIERARCHY: the messages and subfolders. */
  protected override async copySubobjects(dest: IMAPIProp, ids: Set<number>, flags: number): Promise<SPropProblemArray> {
    if (!(dest instanceof Folder)) return [];
    if (!dest.isWritable) throw new MapiError(E.MAPI_E_NO_ACCESS, 'copyTo: the destination folder is read-only');
    const move = (flags & C.MAPI_MOVE) !== 0;
    if (move) this.checkWritable('copyTo');
    const problems: SPropProblemArray = [];
    for (const [tag, assoc] of [[T.PR_CONTAINER_CONTENTS, false], [T.PR_FOLDER_ASSOCIATED_CONTENTS, true]] as const) {
      if (!ids.has(PROP_ID(tag))) continue;
      for (const mid of ops.folderMessageIds(this.ctx, this.id, assoc)) await copyMessageTo(this.ctx, mid, dest.ctx, dest.id, move, restampCopy);
    }
    if (ids.has(PROP_ID(T.PR_CONTAINER_HIERARCHY))) {
      for (const child of ops.subfolderIds(this.ctx, this.id)) {
        const rec = this.ctx.folder(child, 'copyTo');
        if (ops.siblingNamed(dest.ctx, dest.id, ops.folderName(rec))) {
          problems.push({ ulIndex: problems.length, ulPropTag: T.PR_CONTAINER_HIERARCHY, scode: E.MAPI_E_COLLISION });
          continue;
        }
        await this.transferFolder(child, dest, null, true, move);
      }
    }
    return problems;
  }

  /** Copies or moves one of this folder's subfolders into `dest` (same store: a move keeps the entry ID). */
  private async transferFolder(child: NodeId, dest: Folder, name: string | null, subfolders: boolean, move: boolean): Promise<void> {
    if (move && dest.ctx === this.ctx) await ops.moveFolder(this.ctx, child, dest.id, name);
    else {
      await ops.copyFolderTree(this.ctx, child, dest.ctx, dest.id, name, subfolders || move, move);
      // A move to another store is a copy and a delete.
      if (move) await ops.deleteFolderTree(this.ctx, child, true);
    }
  }

  // ---------------------------------------------------------------- IMAPIContainer

  getContentsTable(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getContentsTable', [ulFlags], () => this.contentsTable(checkFlags('getContentsTable', ulFlags, CONTENTS_TABLE_FLAGS)));
  }

  getHierarchyTable(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getHierarchyTable', [ulFlags], () => this.hierarchyTable(checkFlags('getHierarchyTable', ulFlags, HIERARCHY_TABLE_FLAGS)));
  }

  private contentsTable(flags: number): IMAPITable {
    const unicode = (flags & C.MAPI_UNICODE) !== 0;
    const assoc = (flags & C.MAPI_ASSOCIATED) !== 0;
    const soft = (flags & C.SHOW_SOFT_DELETES) !== 0;
    const cols = CONTENTS_COLUMNS.map((t) => col(t, unicode));
    const source: RowSource =
      this.record().folderType === C.FOLDER_SEARCH
        ? (this.ctx.searchFolders?.contentsSource(this.id, assoc, soft, cols) ?? new MemoryRowSource(cols))
        : this.ctx.contentsSource(this.id, assoc, soft, cols);
    // imapifolder-savecontentssort.md: a saved sort is the contents table's initial order.
    const sort = assoc ? undefined : this.ctx.backend.contentsSort?.(this.id);
    return this.table(source, unicode, sort);
  }

  private hierarchyTable(flags: number): IMAPITable {
    // imapicontainer-gethierarchytable.md: a container that cannot have children answers MAPI_E_NO_SUPPORT.
    if (this.record().folderType === C.FOLDER_SEARCH) throw new MapiError(E.MAPI_E_NO_SUPPORT, 'getHierarchyTable: a search folder has no subfolders');
    const unicode = (flags & C.MAPI_UNICODE) !== 0;
    const cols = HIERARCHY_COLUMNS.map((t) => col(t, unicode));
    return this.table(this.ctx.hierarchySource(this.id, (flags & C.CONVENIENT_DEPTH) !== 0, (flags & C.SHOW_SOFT_DELETES) !== 0, cols), unicode);
  }

  private table(source: RowSource, unicode: boolean, initialSort?: SSortOrderSet): IMAPITable {
    const { hub, scheduler, codePage, interceptor } = this.ctx.support;
    const t = new MapiTable(source, { hub, scheduler, unicode, codePage, maxCellBytes: this.ctx.options.maxCellBytes, ...(initialSort && { initialSort }) });
    t.interceptor = interceptor;
    return t;
  }

  openEntry<U extends IUnknown = IMAPIProp>(lpEntryID: ENTRYID | null, lpInterface: GUID | null, ulFlags = 0): Promise<U> {
    return this.invoke('openEntry', [lpEntryID, lpInterface, ulFlags], () =>
      // imapicontainer-openentry.md: MAPI_E_UNKNOWN_ENTRYID for an entry ID the container does not recognise.
      openEntryIn(this.ctx, lpEntryID, lpInterface, ulFlags, { where: 'IMAPIFolder.openEntry', storeWritable: this.storeWritable, foreign: E.MAPI_E_UNKNOWN_ENTRYID }) as U,
    );
  }

  setSearchCriteria(lpRestriction: SRestriction | null, lpContainerList: ENTRYLIST | null, ulSearchFlags: number): Promise<void> {
    return this.invoke('setSearchCriteria', [lpRestriction, lpContainerList, ulSearchFlags], async () => {
      const where = 'setSearchCriteria';
      if (lpContainerList !== null && lpContainerList !== undefined) checkEntryListArg(where, lpContainerList, 'lpContainerList');
      const flags = checkFlags(where, ulSearchFlags, ops.SET_SEARCH_FLAGS);
      const conflict = ops.conflictingSearchFlags(flags);
      if (conflict) throw new MapiError(E.MAPI_E_INVALID_PARAMETER, `${where}: ${conflict} exclude each other`);
      if (lpRestriction !== null && lpRestriction !== undefined) {
        validateRestriction(lpRestriction);
        // imapicontainer-setsearchcriteria.md: MAPI_E_TOO_COMPLEX for criteria the store cannot search by; a live search keeps no RES_COUNT tally.
        if (compileRestriction(lpRestriction).stateful) throw new MapiError(E.MAPI_E_TOO_COMPLEX, `${where}: RES_COUNT cannot be part of search criteria`);
      }
      const before = this.record(where);
      if (before.folderType !== C.FOLDER_SEARCH) throw new MapiError(E.MAPI_E_NO_SUPPORT, `${where}: only search folders (FOLDER_SEARCH) have search criteria`);
      this.checkWritable(where);
      // imapicontainer-setsearchcriteria.md: NULL restriction or list reuse the last ones, so the first call needs both.
      if (!before.search && (!lpRestriction || !lpContainerList)) {
        throw new MapiError(E.MAPI_E_INVALID_PARAMETER, `${where}: the first criteria of a search folder need a restriction and a container list`);
      }
      const folders = lpContainerList ? lpContainerList.map((e) => folderOf(this.ctx, e, where).id) : null;
      // mapi-search-folders.md: "Clients cannot make a search-results folder the subject of a search" (docs/decisions/010).
      if (folders?.some((f) => this.ctx.backend.folder(f)?.folderType === C.FOLDER_SEARCH)) throw new MapiError(E.MAPI_E_NO_SUPPORT, `${where}: a search folder cannot be searched`);
      const search = ops.nextSearchCriteria(before.search, lpRestriction ?? null, folders, flags);
      await ops.commitFolder(this.ctx, before, { ...before, search }, null);
    });
  }

  getSearchCriteria(ulFlags = 0): Promise<SearchCriteria> {
    return this.invoke('getSearchCriteria', [ulFlags], () => {
      checkFlags('getSearchCriteria', ulFlags, C.MAPI_UNICODE);
      const rec = this.record('getSearchCriteria');
      if (rec.folderType !== C.FOLDER_SEARCH) throw new MapiError(E.MAPI_E_NO_SUPPORT, 'getSearchCriteria: only search folders (FOLDER_SEARCH) have search criteria');
      // imapicontainer-getsearchcriteria.md: MAPI_E_NOT_INITIALIZED until criteria are set.
      if (!rec.search) throw new MapiError(E.MAPI_E_NOT_INITIALIZED, 'getSearchCriteria: no search criteria have been set on this folder');
      const c = rec.search;
      return {
        lpRestriction: c.restriction && cloneRestriction(c.restriction),
        lpContainerList: c.folders.map((f) => this.ctx.folderEntryId(f)),
        ulSearchState: ops.searchState(this.ctx, this.id, c),
      };
    });
  }

  // ---------------------------------------------------------------- IMAPIFolder: messages

  createMessage(lpInterface: GUID | null, ulFlags = 0): Promise<IMessage> {
    return this.invoke('createMessage', [lpInterface, ulFlags], () => {
      checkInterfaceArg('createMessage', lpInterface);
      const flags = checkFlags('createMessage', ulFlags, C.MAPI_ASSOCIATED | C.MAPI_DEFERRED_ERRORS | ITEMPROC_FORCE);
      if (!interfaceAllowed(lpInterface, MESSAGE_IIDS)) throw new MapiError(E.MAPI_E_INTERFACE_NOT_SUPPORTED, `createMessage: a message cannot be created as ${String(lpInterface)}`);
      this.checkWritable('createMessage');
      // imapicontainer-setsearchcriteria.md: "Do not allow messages to be created within or copied into a search-results folder."
      if (this.record().folderType === C.FOLDER_SEARCH) throw new MapiError(E.MAPI_E_NO_SUPPORT, 'createMessage: messages cannot be created in a search folder');
      return newMessage(this.ctx, this.id, (flags & C.MAPI_ASSOCIATED) !== 0);
    });
  }

  copyMessages(lpMsgList: ENTRYLIST, lpInterface: GUID | null, lpDestFolder: IMAPIFolder, lpProgress: IMAPIProgress | null, ulFlags = 0): Promise<PartialResult> {
    return this.invoke('copyMessages', [lpMsgList, lpInterface, lpDestFolder, lpProgress, ulFlags], async () => {
      const where = 'copyMessages';
      checkEntryListArg(where, lpMsgList);
      const dest = this.destArg(where, lpInterface, lpDestFolder, lpProgress);
      const flags = checkFlags(where, ulFlags, C.MESSAGE_MOVE | C.MESSAGE_DIALOG | C.MAPI_DECLINE_OK);
      noDialog(where, flags & C.MESSAGE_DIALOG, 'MESSAGE_DIALOG');
      const move = (flags & C.MESSAGE_MOVE) !== 0;
      const destRec = this.checkDest(where, dest, move);
      const rec = this.record(where);
      let complete = true;
      for (const e of lpMsgList) {
        const m = messageInFolder(this.ctx, rec, e);
        // imapifolder-copymessages.md: do as much as possible; what cannot be copied makes MAPI_W_PARTIAL_COMPLETION.
        if (!m || (move && ops.isSubmitted(this.ctx, m.id))) {
          complete = false;
          continue;
        }
        if (move && dest.ctx === this.ctx && m.folderId === destRec.id) continue;
        await copyMessageTo(this.ctx, m.id, dest.ctx, destRec.id, move, restampCopy);
      }
      return partial(complete);
    });
  }

  deleteMessages(lpMsgList: ENTRYLIST, lpProgress: IMAPIProgress | null, ulFlags = 0): Promise<PartialResult> {
    return this.invoke('deleteMessages', [lpMsgList, lpProgress, ulFlags], async () => {
      const where = 'deleteMessages';
      checkEntryListArg(where, lpMsgList);
      checkProgress(where, lpProgress);
      const flags = checkFlags(where, ulFlags, C.DELETE_HARD_DELETE | C.MESSAGE_DIALOG);
      noDialog(where, flags & C.MESSAGE_DIALOG, 'MESSAGE_DIALOG');
      this.checkWritable(where);
      const hard = (flags & C.DELETE_HARD_DELETE) !== 0;
      const rec = this.record(where);
      const ids: NodeId[] = [];
      let complete = true;
      for (const e of lpMsgList) {
        // imapifolder-deletemessages.md: messages that do not exist, were moved or are submitted cannot be deleted.
        // An already soft-deleted message is found too: deleting it again purges it (docs/decisions/007).
        const m = messageInFolder(this.ctx, rec, e, true);
        if (!m || ops.isSubmitted(this.ctx, m.id)) complete = false;
        else if (!ids.includes(m.id)) ids.push(m.id);
      }
      await deleteMessageRecords(this.ctx, ids, hard);
      return partial(complete);
    });
  }

  setReadFlags(lpMsgList: ENTRYLIST | null, lpProgress: IMAPIProgress | null, ulFlags = 0): Promise<PartialResult> {
    return this.invoke('setReadFlags', [lpMsgList, lpProgress, ulFlags], async () => {
      const where = 'setReadFlags';
      if (lpMsgList !== null && lpMsgList !== undefined) checkEntryListArg(where, lpMsgList);
      checkProgress(where, lpProgress);
      const flags = checkFlags(where, ulFlags, READ_FLAG_FLAGS);
      noDialog(where, flags & C.MESSAGE_DIALOG, 'MESSAGE_DIALOG');
      // imapifolder-setreadflags.md: these combinations are MAPI_E_INVALID_PARAMETER.
      if (flags & C.CLEAR_READ_FLAG && (flags & (C.SUPPRESS_RECEIPT | C.GENERATE_RECEIPT_ONLY)) !== 0) {
        throw new MapiError(E.MAPI_E_INVALID_PARAMETER, `${where}: CLEAR_READ_FLAG cannot be combined with SUPPRESS_RECEIPT or GENERATE_RECEIPT_ONLY`);
      }
      // The read state is the user's, not the folder's: a read-only folder handle may change it, a read-only store not.
      if (this.ctx.backend.readOnly || !this.storeWritable) throw new MapiError(E.MAPI_E_NO_ACCESS, `${where}: the store is read-only`);
      const rec = this.record(where);
      const all = rec.folderType === C.FOLDER_SEARCH ? (this.ctx.searchFolders?.messageIds?.(this.id) ?? []) : ops.folderMessageIds(this.ctx, this.id, false);
      const targets = lpMsgList ? lpMsgList.map((e) => messageInFolder(this.ctx, rec, e)?.id) : all;
      let complete = true;
      for (const id of targets) {
        // imapifolder-setreadflags.md: not for messages that do not exist, were moved or are submitted.
        if (id === undefined || ops.isSubmitted(this.ctx, id)) {
          complete = false;
          continue;
        }
        try {
          await setReadState(this.ctx, id, flags & ~C.MESSAGE_DIALOG);
        } catch (e) {
          if (!(e instanceof MapiError)) throw e;
          complete = false;
        }
      }
      return partial(complete);
    });
  }

  getMessageStatus(lpEntryID: ENTRYID, ulFlags = 0): Promise<number> {
    return this.invoke('getMessageStatus', [lpEntryID, ulFlags], () => {
      checkEntryIdArg('getMessageStatus', lpEntryID);
      checkFlags('getMessageStatus', ulFlags, 0);
      const status = this.statusTarget('getMessageStatus', lpEntryID).props.get(PROP_ID(T.PR_MSG_STATUS));
      return status ? (status.Value as number) >>> 0 : 0;
    });
  }

  setMessageStatus(lpEntryID: ENTRYID, ulNewStatus: number, ulNewStatusMask: number): Promise<number> {
    return this.invoke('setMessageStatus', [lpEntryID, ulNewStatus, ulNewStatusMask], async () => {
      const where = 'setMessageStatus';
      checkEntryIdArg(where, lpEntryID);
      if (!Number.isInteger(ulNewStatus) || !Number.isInteger(ulNewStatusMask)) throw new MapiError(E.MAPI_E_INVALID_PARAMETER, `${where}: ulNewStatus and ulNewStatusMask must be numbers`);
      if (this.ctx.backend.readOnly || !this.storeWritable) throw new MapiError(E.MAPI_E_NO_ACCESS, `${where}: the store is read-only`);
      const m = this.statusTarget(where, lpEntryID);
      const old = ((m.props.get(PROP_ID(T.PR_MSG_STATUS))?.Value as number | undefined) ?? 0) >>> 0;
      const next = ((old & ~ulNewStatusMask) | (ulNewStatus & ulNewStatusMask)) >>> 0;
      // The status is kept beside the content: it does not make open handles stale (no version change).
      const props = new Map(m.props);
      props.set(PROP_ID(T.PR_MSG_STATUS), { ulPropTag: T.PR_MSG_STATUS, Value: next | 0 });
      const after = { ...m, props };
      await this.ctx.backend.putMessage(after);
      this.ctx.changed({ kind: 'message', before: m, after });
      this.ctx.publish([messageNotification(this.ctx, C.fnevObjectModified, after, undefined, [T.PR_MSG_STATUS])]);
      return old;
    });
  }

  private statusTarget(where: string, e: Uint8Array) {
    if (!this.ctx.backend.entryIds.parse(e)) throw new MapiError(E.MAPI_E_INVALID_ENTRYID, `${where}: not an entry ID of this store`);
    const m = messageInFolder(this.ctx, this.record(where), e);
    if (!m) throw new MapiError(E.MAPI_E_NOT_FOUND, `${where}: the message is not in this folder`);
    return m;
  }

  saveContentsSort(lpSortCriteria: SSortOrderSet, ulFlags = 0): Promise<void> {
    return this.invoke('saveContentsSort', [lpSortCriteria, ulFlags], async () => {
      parseSortOrderSet(lpSortCriteria);
      const flags = checkFlags('saveContentsSort', ulFlags, C.RECURSIVE_SORT);
      const put = this.ctx.backend.putContentsSort?.bind(this.ctx.backend);
      // imapifolder-savecontentssort.md: stores that cannot keep a sort answer MAPI_E_NO_SUPPORT.
      if (!put) throw new MapiError(E.MAPI_E_NO_SUPPORT, 'saveContentsSort: this store does not keep contents-table sorts');
      this.checkWritable('saveContentsSort');
      const sort = lpSortCriteria;
      const apply = async (id: NodeId): Promise<void> => {
        await put(id, { aSort: sort.aSort.map((s) => ({ ...s })), cCategories: sort.cCategories ?? 0, cExpanded: sort.cExpanded ?? 0 });
        if (flags & C.RECURSIVE_SORT) for (const child of ops.subfolderIds(this.ctx, id)) await apply(child);
      };
      await apply(this.id);
    });
  }

  emptyFolder(lpProgress: IMAPIProgress | null, ulFlags = 0): Promise<PartialResult> {
    return this.invoke('emptyFolder', [lpProgress, ulFlags], async () => {
      checkProgress('emptyFolder', lpProgress);
      const flags = checkFlags('emptyFolder', ulFlags, C.DEL_ASSOCIATED | C.FOLDER_DIALOG | C.DELETE_HARD_DELETE);
      noDialog('emptyFolder', flags & C.FOLDER_DIALOG, 'FOLDER_DIALOG');
      this.checkWritable('emptyFolder');
      // Its contents are links to messages elsewhere: emptying it would delete them (docs/decisions/010).
      if (this.record().folderType === C.FOLDER_SEARCH) throw new MapiError(E.MAPI_E_NO_SUPPORT, 'emptyFolder: a search folder is not emptied; delete its results with deleteMessages');
      return partial(await ops.emptyFolderContents(this.ctx, this.id, (flags & C.DEL_ASSOCIATED) !== 0, (flags & C.DELETE_HARD_DELETE) !== 0));
    });
  }

  // ---------------------------------------------------------------- IMAPIFolder: subfolders

  createFolder(ulFolderType: number, lpszFolderName: string, lpszFolderComment: string | null, lpInterface: GUID | null, ulFlags = 0): Promise<IMAPIFolder> {
    return this.invoke('createFolder', [ulFolderType, lpszFolderName, lpszFolderComment, lpInterface, ulFlags], async () => {
      const where = 'createFolder';
      if (ulFolderType !== C.FOLDER_GENERIC && ulFolderType !== C.FOLDER_SEARCH) throw new MapiError(E.MAPI_E_INVALID_PARAMETER, `${where}: ulFolderType must be FOLDER_GENERIC or FOLDER_SEARCH, not ${describeArg(ulFolderType)}`);
      if (typeof lpszFolderName !== 'string' || lpszFolderName === '') throw new MapiError(E.MAPI_E_INVALID_PARAMETER, `${where}: the folder needs a name`);
      if (lpszFolderComment !== null && lpszFolderComment !== undefined && typeof lpszFolderComment !== 'string') throw new MapiError(E.MAPI_E_INVALID_PARAMETER, `${where}: lpszFolderComment must be a string or null`);
      checkInterfaceArg(where, lpInterface);
      const flags = checkFlags(where, ulFlags, C.MAPI_DEFERRED_ERRORS | C.MAPI_UNICODE | C.OPEN_IF_EXISTS);
      if (!interfaceAllowed(lpInterface, FOLDER_IIDS)) throw new MapiError(E.MAPI_E_INTERFACE_NOT_SUPPORTED, `${where}: a folder cannot be opened as ${String(lpInterface)}`);
      this.checkWritable(where);
      if (this.record(where).folderType === C.FOLDER_SEARCH) throw new MapiError(E.MAPI_E_NO_SUPPORT, `${where}: a search folder cannot have subfolders`);
      const existing = ops.siblingNamed(this.ctx, this.id, lpszFolderName);
      if (existing) {
        // imapifolder-createfolder.md: OPEN_IF_EXISTS opens the folder that has the name.
        if (flags & C.OPEN_IF_EXISTS) return new Folder(this.ctx, existing.id, true, this.storeWritable);
        throw new MapiError(E.MAPI_E_COLLISION, `${where}: this folder already has a subfolder named ${JSON.stringify(lpszFolderName)}`);
      }
      const rec = await ops.createFolderRecord(this.ctx, this.id, ulFolderType, ops.newFolderProps(this.ctx, lpszFolderName, lpszFolderComment ?? null));
      return new Folder(this.ctx, rec.id, true, this.storeWritable);
    });
  }

  copyFolder(lpEntryID: ENTRYID, lpInterface: GUID | null, lpDestFolder: IMAPIFolder, lpszNewFolderName: string | null, lpProgress: IMAPIProgress | null, ulFlags = 0): Promise<PartialResult> {
    return this.invoke('copyFolder', [lpEntryID, lpInterface, lpDestFolder, lpszNewFolderName, lpProgress, ulFlags], async () => {
      const where = 'copyFolder';
      checkEntryIdArg(where, lpEntryID);
      const dest = this.destArg(where, lpInterface, lpDestFolder, lpProgress);
      if (lpszNewFolderName !== null && lpszNewFolderName !== undefined && (typeof lpszNewFolderName !== 'string' || lpszNewFolderName === '')) {
        throw new MapiError(E.MAPI_E_INVALID_PARAMETER, `${where}: lpszNewFolderName must be a non-empty string or null`);
      }
      const flags = checkFlags(where, ulFlags, C.FOLDER_MOVE | C.COPY_SUBFOLDERS | C.FOLDER_DIALOG | C.MAPI_DECLINE_OK | C.MAPI_UNICODE);
      noDialog(where, flags & C.FOLDER_DIALOG, 'FOLDER_DIALOG');
      const move = (flags & C.FOLDER_MOVE) !== 0;
      const destRec = this.checkDest(where, dest, move);
      const src = folderOf(this.ctx, lpEntryID, where);
      if (src.parentId !== this.id) throw new MapiError(E.MAPI_E_NOT_FOUND, `${where}: the folder is not a subfolder of this folder`);
      // imapifolder-copyfolder.md: MAPI_E_FOLDER_CYCLE when the source folder contains the destination.
      if (dest.ctx === this.ctx && ops.inSubtree(this.ctx, src.id, destRec.id)) throw new MapiError(E.MAPI_E_FOLDER_CYCLE, `${where}: the destination is the folder itself or one of its subfolders`);
      const name = lpszNewFolderName ?? ops.folderName(src);
      if (ops.siblingNamed(dest.ctx, destRec.id, name, move && dest.ctx === this.ctx ? src.id : undefined)) {
        throw new MapiError(E.MAPI_E_COLLISION, `${where}: the destination already has a subfolder named ${JSON.stringify(name)}`);
      }
      // With a move, COPY_SUBFOLDERS is the default (imapifolder-copyfolder.md).
      await this.transferFolder(src.id, dest, lpszNewFolderName ?? null, (flags & C.COPY_SUBFOLDERS) !== 0, move);
      return {};
    });
  }

  deleteFolder(lpEntryID: ENTRYID, lpProgress: IMAPIProgress | null, ulFlags = 0): Promise<PartialResult> {
    return this.invoke('deleteFolder', [lpEntryID, lpProgress, ulFlags], async () => {
      const where = 'deleteFolder';
      checkEntryIdArg(where, lpEntryID);
      checkProgress(where, lpProgress);
      const flags = checkFlags(where, ulFlags, C.DEL_MESSAGES | C.DEL_FOLDERS | C.DELETE_HARD_DELETE | C.FOLDER_DIALOG);
      noDialog(where, flags & C.FOLDER_DIALOG, 'FOLDER_DIALOG');
      this.checkWritable(where);
      const target = folderOf(this.ctx, lpEntryID, where, E.MAPI_E_INVALID_ENTRYID, true);
      if (target.parentId !== this.id) throw new MapiError(E.MAPI_E_NOT_FOUND, `${where}: the folder is not a subfolder of this folder`);
      // imapifolder-deletefolder.md: only empty folders, unless DEL_FOLDERS / DEL_MESSAGES allow the rest.
      if (!(flags & C.DEL_FOLDERS) && ops.subfolderIds(this.ctx, target.id).length) throw new MapiError(E.MAPI_E_HAS_FOLDERS, `${where}: the folder has subfolders (pass DEL_FOLDERS)`);
      if (!(flags & C.DEL_MESSAGES) && ops.subtreeHasMessages(this.ctx, target.id)) throw new MapiError(E.MAPI_E_HAS_MESSAGES, `${where}: the folder has messages (pass DEL_MESSAGES)`);
      await ops.deleteFolderTree(this.ctx, target.id, (flags & C.DELETE_HARD_DELETE) !== 0);
      return {};
    });
  }

  // ---------------------------------------------------------------- argument helpers

  /** lpInterface, lpDestFolder and lpProgress of copyMessages / copyFolder. */
  private destArg(where: string, lpInterface: unknown, lpDestFolder: unknown, lpProgress: unknown): Folder {
    checkInterfaceArg(where, lpInterface);
    if (!interfaceAllowed(lpInterface, FOLDER_IIDS)) throw new MapiError(E.MAPI_E_INTERFACE_NOT_SUPPORTED, `${where}: the destination must be reached as a folder, not ${String(lpInterface)}`);
    if (!(lpDestFolder instanceof Folder)) throw new MapiError(E.MAPI_E_INVALID_PARAMETER, `${where}: lpDestFolder must be an open folder of a message store, not ${describeArg(lpDestFolder)}`);
    checkProgress(where, lpProgress);
    return lpDestFolder;
  }

  /** The destination must be live, writable and not a search folder; a move needs this folder writable too. */
  private checkDest(where: string, dest: Folder, move: boolean): FolderRecord {
    const rec = dest.record(where);
    if (!dest.isWritable) throw new MapiError(E.MAPI_E_NO_ACCESS, `${where}: the destination folder is read-only (open it with MAPI_MODIFY)`);
    if (move) this.checkWritable(where);
    if (rec.folderType === C.FOLDER_SEARCH) throw new MapiError(E.MAPI_E_NO_SUPPORT, `${where}: nothing can be copied into a search folder`);
    return rec;
  }
}

const CONTENTS_TABLE_FLAGS = C.MAPI_ASSOCIATED | C.SHOW_SOFT_DELETES | C.MAPI_UNICODE | C.MAPI_DEFERRED_ERRORS;
const HIERARCHY_TABLE_FLAGS = C.CONVENIENT_DEPTH | C.SHOW_SOFT_DELETES | C.MAPI_UNICODE | C.MAPI_DEFERRED_ERRORS;

function checkProgress(where: string, p: unknown): void {
  if (p !== null && p !== undefined && typeof p !== 'object') throw new MapiError(E.MAPI_E_INVALID_PARAMETER, `${where}: lpProgress must be a progress object or null`);
}

/** UI flags: the emulator has no progress UI (MAPI_E_NO_SUPPORT, as for every UI-only request). */
function noDialog(where: string, set: number, name: string): void {
  if (set) throw new MapiError(E.MAPI_E_NO_SUPPORT, `${where}: ${name} needs a progress UI, which the emulator does not have`);
}

/**
 * A handle on a folder of the store (MAPI_E_NOT_FOUND when it does not exist). Read-only
 * unless `writable`; `storeWritable` false makes every object opened from it read-only.
 * @see imapifolderimapicontainer.md
 */
export function openFolder(ctx: StoreContext, id: NodeId, writable: boolean, storeWritable = true): IMAPIFolder {
  ctx.folder(id, 'openFolder');
  return new Folder(ctx, id, writable, storeWritable);
}
