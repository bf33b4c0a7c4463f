import type { GUID } from '../props/guid.js';
import type { SPropValue } from '../props/types.js';
import type { AttachmentRecord, MessageContent, MessageRecord, NodeId, PropMap } from '../spi/store.js';
import type { TableRow } from '../table/RowSource.js';
import type { StoreContext } from './StoreContext.js';
import { MapiProp, isGuid } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { MapiTable, type TableCapabilities } from '../table/MapiTable.js';
import { PROP_ID, PROP_TYPE } from '../props/tags.js';
import { MESSAGE_COMPUTED_IDS, messageComputedProps, storedFacts, type MessagePlace } from './computed.js';
import { cloneContent, clonePropMap, commitMessage, contentOf, unchangedSince } from './messageOps.js';
import { changedTags, flagsOf, prepareSave, setFlags } from './saveRules.js';
import { maskClientFlags } from './messageFlags.js';
import { SubobjectRowSource, attachmentRow, attachmentTableColumns, recipientRow, recipientTableColumns } from './subobjects.js';
import type { AttachObject } from './Attach.js';
import { IID_IMAPIProp, IID_IMessage, IID_IUnknown } from '../generated/guids.js';
import { PT_LONG } from '../generated/proptypes.js';
import {
  PR_CHANGE_KEY,
  PR_CREATION_TIME,
  PR_LAST_MODIFICATION_TIME,
  PR_MESSAGE_ATTACHMENTS,
  PR_MESSAGE_FLAGS,
  PR_MESSAGE_RECIPIENTS,
  PR_PREDECESSOR_CHANGE_LIST,
  PR_RECORD_KEY,
} from '../generated/proptags.js';
import {
  FORCE_SAVE,
  MAPI_MESSAGE,
  MSGFLAG_HASATTACH,
  MSGFLAG_SUBMIT,
} from '../generated/constants.js';
import {
  MAPI_E_COMPUTED,
  MAPI_E_INTERFACE_NOT_SUPPORTED,
  MAPI_E_INVALID_OBJECT,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NO_ACCESS,
  MAPI_E_NOT_FOUND,
  MAPI_E_OBJECT_CHANGED,
  MAPI_E_OBJECT_DELETED,
  MAPI_E_SUBMITTED,
} from '../generated/scodes.js';

/** Where a message handle's content goes on saveChanges: a message of the store, or the embedded message of an attachment. */
export type MessageHome =
  | { kind: 'store'; folderId: NodeId; associated: boolean; id: NodeId | undefined; base: MessageRecord | null }
  | { kind: 'embedded'; attach: AttachObject; saved: boolean };

export const FLAGS_ID = PROP_ID(PR_MESSAGE_FLAGS);
export const RECIPIENTS_ID = PROP_ID(PR_MESSAGE_RECIPIENTS);
export const ATTACHMENTS_ID = PROP_ID(PR_MESSAGE_ATTACHMENTS);
/** Stored stamps that are the message's own identity: never copied by copyTo (a copy gets its own). */
const IDENTITY_IDS = new Set([PR_RECORD_KEY, PR_CREATION_TIME, PR_CHANGE_KEY, PR_PREDECESSOR_CHANGE_LIST].map(PROP_ID));

/** Checks an optional interface argument against the interfaces an object has. */
export function checkInterface(where: string, lpInterface: unknown, allowed: readonly GUID[]): void {
  if (lpInterface === null || lpInterface === undefined) return;
  if (!isGuid(lpInterface)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: lpInterface must be an interface ID or null`);
  if (!lpInterface.equals(IID_IUnknown) && !allowed.some((i) => i.equals(lpInterface))) {
    throw new MapiError(MAPI_E_INTERFACE_NOT_SUPPORTED, `${where}: the object does not support ${lpInterface.toString()}`);
  }
}

/**
 * The state of a message handle, under the IMessage methods of MessageObject: the handle's
 * own copy of the message's content (its transaction), the IMAPIProp rules of messages
 * (computed and read-only properties, PR_MESSAGE_FLAGS masking), the commit to the store or
 * to the attachment that holds an embedded message (with stale-save detection), and the
 * recipient and attachment tables over the handle's content.
 * @see imessageimapiprop.md
 * @see imapiprop-savechanges.md
 */
export abstract class MessageBase extends MapiProp {
  readonly interfaceName = 'IMessage';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMessage, IID_IMAPIProp];
  protected readonly objectType = MAPI_MESSAGE;
  /** The handle's content (its transaction). @internal */
  content: MessageContent;
  /** Identifiers changed since the last save (subject rules, notifications). */
  protected readonly dirty = new Set<number>();
  /** PR_MESSAGE_FLAGS as last accepted: read-only bits are restored from it. */
  protected flagsShadow: number;
  protected computedCache: PropMap | null = null;
  private computedWritable = false;
  protected recipSource: SubobjectRowSource | undefined;
  protected attachSource: SubobjectRowSource | undefined;
  /** Attachment numbers deleted through this handle (an open IAttach on one gets MAPI_E_OBJECT_DELETED). */
  protected readonly deletedAttachNums = new Set<number>();
  /** SubmitMessage succeeded: imessage-submitmessage.md, "all pointers to the message ... are no longer valid". */
  protected invalidated = false;

  constructor(
    readonly ctx: StoreContext,
    content: MessageContent,
    protected readonly home: MessageHome,
    writable: boolean,
  ) {
    super(content.props, {
      transacted: true,
      writable,
      namedProps: ctx.backend.namedProps,
      largeValueLimit: ctx.options.largeValueLimit,
      codePage: () => ctx.support.codePage,
    });
    this.content = content;
    this.flagsShadow = flagsOf(content.props);
    this.interceptor = ctx.support.interceptor;
  }

  /** The node of a saved message of the store, else undefined (new or embedded). */
  get nodeId(): NodeId | undefined {
    return this.home.kind === 'store' ? this.home.id : undefined;
  }

  /** True once the content has been saved at least once (PR_ENTRYID, PR_MESSAGE_SIZE; flags become read-only). */
  protected get savedOnce(): boolean {
    return this.home.kind === 'store' ? this.home.id !== undefined : this.home.saved;
  }

  protected get associated(): boolean {
    return this.home.kind === 'store' && this.home.associated;
  }

  /** True while the handle accepts changes. @internal */
  get isWritable(): boolean {
    return this.opts.writable;
  }

  // ------------------------------------------------------------------ MapiProp hooks

  protected override invoke<T>(method: string, args: readonly unknown[], impl: () => Promise<T> | T): Promise<T> {
    return super.invoke(method, args, async () => {
      if (this.invalidated) {
        throw new MapiError(MAPI_E_INVALID_OBJECT, `IMessage.${method}: the message was submitted, which invalidates its handle (imessage-submitmessage.md); open it again by entry ID`);
      }
      try {
        return await impl();
      } finally {
        // Counts of folders this call changed (a save, a read flag): fnevObjectModified after the call's own events.
        this.ctx.flushFolderEvents();
      }
    });
  }

  protected place(): MessagePlace {
    const h = this.home;
    return h.kind === 'store'
      ? { id: h.id, folderId: h.folderId, associated: h.associated, saved: h.id !== undefined, writable: this.opts.writable }
      : { associated: false, saved: h.saved, writable: this.opts.writable };
  }

  protected computed(): PropMap {
    // PR_ACCESS / PR_ACCESS_LEVEL follow the handle's access, which saveChanges may take away.
    if (this.computedCache && this.computedWritable === this.opts.writable) return this.computedCache;
    this.computedWritable = this.opts.writable;
    // An unchanged handle shows what the backend's source stored for the derived properties, as its table row does.
    const base = this.home.kind === 'store' && !this.modified ? this.home.base : null;
    this.computedCache = messageComputedProps(this.ctx, this.content, this.place(), new Map(), base ? storedFacts(base) : undefined);
    return this.computedCache;
  }

  protected override computeProp(id: number): SPropValue | undefined {
    if (!MESSAGE_COMPUTED_IDS.has(id) || id === FLAGS_ID) return super.computeProp(id);
    return this.computed().get(id);
  }

  protected override computedIds(): number[] {
    return [...MESSAGE_COMPUTED_IDS];
  }

  protected override writeProblem(tag: number): number | undefined {
    const id = PROP_ID(tag);
    if (MESSAGE_COMPUTED_IDS.has(id) || id === PROP_ID(PR_CREATION_TIME)) return MAPI_E_COMPUTED;
    // pidtaglastmodificationtime-canonical-property.md: "A client application can set this property until the first call to SaveChanges."
    if (id === PROP_ID(PR_LAST_MODIFICATION_TIME) && this.savedOnce) return MAPI_E_COMPUTED;
    return undefined;
  }

  protected override objectPropTags(): number[] {
    return [PR_MESSAGE_RECIPIENTS, PR_MESSAGE_ATTACHMENTS];
  }

  protected override copyableIds(): number[] {
    return super.copyableIds().filter((id) => !IDENTITY_IDS.has(id));
  }

  protected override checkWritable(method: string): void {
    super.checkWritable(method);
    if (this.home.kind !== 'store' || this.home.id === undefined) return;
    const cur = this.ctx.backend.message(this.home.id);
    // pidtagmessageflags-canonical-property.md: MSGFLAG_SUBMIT means "the message is now read-only to the client".
    if (cur && flagsOf(cur.props) & MSGFLAG_SUBMIT) throw new MapiError(MAPI_E_SUBMITTED, `IMessage.${method}: the message has been submitted and is read-only until the submission ends or is aborted`);
  }

  protected override touched(ids: number[]): void {
    if (ids.includes(FLAGS_ID)) this.maskFlags();
    this.markChanged(ids);
  }

  /** Records a change the kit itself made (no flag masking): pending for saveChanges, remembered for the save rules. */
  protected markChanged(ids: number[]): void {
    for (const id of ids) this.dirty.add(id);
    this.computedCache = null;
    super.touched(ids);
  }

  /** After a client wrote PR_MESSAGE_FLAGS: read-only bits go back to what they were (messageFlags.ts). */
  protected maskFlags(): void {
    const v = this.values.get(FLAGS_ID);
    const requested = v === undefined ? 0 : PROP_TYPE(v.ulPropTag) === PT_LONG ? (v.Value as number) : this.flagsShadow;
    this.setFlagsInternal(maskClientFlags(requested, this.flagsShadow, this.savedOnce, this.associated));
  }

  protected setFlagsInternal(f: number): void {
    setFlags(this.values, f);
    this.flagsShadow = f | 0;
    this.computedCache = null;
  }

  // ------------------------------------------------------------------ saving

  protected override async commit(flags: number): Promise<void> {
    if (this.home.kind === 'embedded') return this.commitEmbedded(this.home);
    const home = this.home;
    const ctx = this.ctx;
    if (ctx.backend.readOnly) throw new MapiError(MAPI_E_NO_ACCESS, 'IMessage.saveChanges: the store is read-only');
    let current: MessageRecord | undefined;
    if (home.id !== undefined) {
      current = ctx.backend.message(home.id);
      if (!current || current.softDeleted) throw new MapiError(MAPI_E_OBJECT_DELETED, 'IMessage.saveChanges: the message has been deleted since it was opened');
      // Nothing to write: a save of an unchanged handle leaves the message as it is (docs/decisions/008-messages.md).
      if (!this.modified) return;
      // imapiprop-savechanges.md: MAPI_E_OBJECT_CHANGED "The object has changed since it was opened"; FORCE_SAVE overrides.
      if (!(flags & FORCE_SAVE) && !unchangedSince(home.base, current)) {
        throw new MapiError(MAPI_E_OBJECT_CHANGED, 'IMessage.saveChanges: another handle saved the message since this one opened it (pass FORCE_SAVE to overwrite)');
      }
    } else if (!ctx.backend.folder(home.folderId)) {
      throw new MapiError(MAPI_E_NOT_FOUND, 'IMessage.saveChanges: the folder of the new message has been deleted');
    }
    const content = contentOf(this.content);
    prepareSave(ctx, content, { first: home.id === undefined, dirty: this.dirty, embedded: false, associated: home.associated, ...(current && { current }) });
    const rec: MessageRecord = {
      ...content,
      id: home.id ?? ctx.backend.newId(),
      folderId: current?.folderId ?? home.folderId,
      associated: home.associated,
      version: (current?.version ?? 0) + 1,
    };
    await commitMessage(ctx, rec, current ? changedTags(ctx, current, rec) : null);
    home.id = rec.id;
    home.folderId = rec.folderId;
    home.base = rec;
    this.afterSave(rec.props);
  }

  protected commitEmbedded(home: { kind: 'embedded'; attach: AttachObject; saved: boolean }): void {
    const content = contentOf(this.content);
    prepareSave(this.ctx, content, { first: !home.saved, dirty: this.dirty, embedded: true, associated: false });
    home.attach.embeddedSaved(content);
    home.saved = true;
    this.afterSave(content.props);
  }

  /** The handle now holds what was saved. */
  protected afterSave(props: PropMap): void {
    this.content.props = clonePropMap(props);
    this.values = this.content.props;
    this.flagsShadow = flagsOf(this.values);
    this.dirty.clear();
    this.computedCache = null;
  }

  // ------------------------------------------------------------------ attachments

  /** The handle's attachment with number `num`, or undefined. @internal */
  attachment(num: number): AttachmentRecord | undefined {
    return this.content.attachments.find((a) => a.num === num);
  }

  /** True when the attachment was deleted through this handle. @internal */
  attachmentDeleted(num: number): boolean {
    return this.deletedAttachNums.has(num);
  }

  /** IAttach::SaveChanges wrote `rec` into this handle's pending content. @internal */
  attachmentSaved(rec: AttachmentRecord): void {
    const i = this.content.attachments.findIndex((a) => a.num === rec.num);
    if (i >= 0) this.content.attachments[i] = rec;
    else this.content.attachments.push(rec);
    this.syncAttachFlag();
    this.markChanged([ATTACHMENTS_ID]);
    this.syncTables();
  }

  /** MSGFLAG_HASATTACH follows the attachments (PR_HASATTACH is computed from it). */
  protected syncAttachFlag(): void {
    const f = this.flagsShadow;
    this.setFlagsInternal(this.content.attachments.length ? f | MSGFLAG_HASATTACH : f & ~MSGFLAG_HASATTACH);
  }

  // ------------------------------------------------------------------ tables

  protected recipientRows(): TableRow[] {
    return this.content.recipients.map(recipientRow);
  }

  protected attachmentRows(): TableRow[] {
    return this.content.attachments.map(attachmentRow);
  }

  /** Brings open recipient and attachment tables up to date with the handle's content. */
  protected syncTables(): void {
    this.recipSource?.sync(this.recipientRows());
    this.attachSource?.sync(this.attachmentRows());
  }

  protected recipientTable(unicode: boolean): MapiTable {
    this.recipSource ??= new SubobjectRowSource([], this.recipientRows());
    const submitted = (this.flagsShadow & MSGFLAG_SUBMIT) !== 0;
    // Recipient tables take restrictions and sorts (recipient-tables.md); categories are not offered.
    return this.table(this.recipSource, recipientTableColumns(unicode, submitted), unicode, { categorize: false });
  }

  protected attachmentTable(unicode: boolean): MapiTable {
    this.attachSource ??= new SubobjectRowSource([], this.attachmentRows());
    // imapitable-createbookmark.md: attachment tables do not support bookmarks (MAPI_E_NO_SUPPORT).
    return this.table(this.attachSource, attachmentTableColumns(unicode), unicode, { categorize: false, bookmarks: false });
  }

  protected table(source: SubobjectRowSource, columns: number[], unicode: boolean, capabilities: Partial<TableCapabilities>): MapiTable {
    const view = {
      defaultColumns: columns,
      rows: () => source.rows(),
      subscribe: (l: Parameters<SubobjectRowSource['subscribe']>[0]) => source.subscribe(l),
    };
    const t = new MapiTable(view, {
      hub: this.ctx.support.hub,
      scheduler: this.ctx.support.scheduler,
      unicode,
      codePage: this.ctx.support.codePage,
      maxCellBytes: this.ctx.options.maxCellBytes,
      capabilities,
    });
    t.interceptor = this.ctx.support.interceptor;
    return t;
  }
}

/** A deep copy of an attachment record. */
export function cloneAttachment(a: AttachmentRecord): AttachmentRecord {
  return { num: a.num, props: clonePropMap(a.props), ...(a.embedded && { embedded: cloneContent(a.embedded) }) };
}
