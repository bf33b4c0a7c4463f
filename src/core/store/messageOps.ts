import type { MessageContent, MessageRecord, NodeId, PropMap } from '../spi/store.js';
import type { NOTIFICATION, ObjectEventType } from '../notify/types.js';
import type { StoreContext } from './StoreContext.js';
import { cloneValue } from '../props/values.js';
import { PROP_ID } from '../props/tags.js';
import { MAPI_FOLDER, MAPI_MESSAGE, MSGFLAG_NRN_PENDING, MSGFLAG_READ, fnevObjectCopied, fnevObjectCreated, fnevObjectDeleted, fnevObjectModified, fnevObjectMoved } from '../generated/constants.js';
import { flagsOf, setFlags } from './saveRules.js';

/** A deep copy of a property map (records are never shared between handles, the backend and callers). */
export function clonePropMap(m: PropMap): PropMap {
  const out: PropMap = new Map();
  for (const [id, v] of m) out.set(id, { ulPropTag: v.ulPropTag, Value: cloneValue(v.Value) });
  return out;
}

/** A deep copy of a message's content, embedded messages included. */
export function cloneContent<T extends MessageContent>(c: T): T {
  return {
    ...c,
    props: clonePropMap(c.props),
    recipients: c.recipients.map((r) => ({ rowId: r.rowId, props: clonePropMap(r.props) })),
    attachments: c.attachments.map((a) => ({ num: a.num, props: clonePropMap(a.props), ...(a.embedded && { embedded: cloneContent(a.embedded) }) })),
  };
}

/** A deep copy of just the content of a message record (no identity, place or version). */
export function contentOf(rec: MessageContent): MessageContent {
  const c = cloneContent(rec);
  return { props: c.props, recipients: c.recipients, attachments: c.attachments, nextAttachNum: c.nextAttachNum, nextRowId: c.nextRowId };
}

/** An empty message content. */
export function emptyContent(): MessageContent {
  return { props: new Map(), recipients: [], attachments: [], nextAttachNum: 0, nextRowId: 0 };
}

/** The object notification for a message. */
export function messageNotification(
  ctx: StoreContext,
  type: ObjectEventType,
  rec: { id: NodeId; folderId: NodeId },
  old?: { id: NodeId; folderId: NodeId },
  tags: number[] | null = null,
): NOTIFICATION {
  return {
    ulEventType: type,
    obj: {
      lpEntryID: ctx.messageEntryId(rec),
      ulObjType: MAPI_MESSAGE,
      lpParentID: ctx.folderEntryId(rec.folderId),
      lpOldID: old ? ctx.messageEntryId(old) : null,
      lpOldParentID: old ? ctx.folderEntryId(old.folderId) : null,
      lpPropTagArray: tags,
    },
  };
}

/** The object notification for a folder. */
export function folderNotification(
  ctx: StoreContext,
  type: ObjectEventType,
  rec: { id: NodeId; parentId: NodeId | null },
  old?: { id: NodeId; parentId: NodeId | null },
  tags: number[] | null = null,
): NOTIFICATION {
  return {
    ulEventType: type,
    obj: {
      lpEntryID: ctx.folderEntryId(rec.id),
      ulObjType: MAPI_FOLDER,
      lpParentID: rec.parentId === null ? null : ctx.folderEntryId(rec.parentId),
      lpOldID: old ? ctx.folderEntryId(old.id) : null,
      lpOldParentID: old && old.parentId !== null ? ctx.folderEntryId(old.parentId) : null,
      lpPropTagArray: tags,
    },
  };
}

/**
 * Writes a message record to the backend and reports it: table rows, folder counts, search
 * folders, and fnevObjectCreated (new) or fnevObjectModified (with the changed tags when
 * known). This is the one path by which a message reaches the store.
 */
export async function commitMessage(ctx: StoreContext, rec: MessageRecord, changedTags: number[] | null = null): Promise<void> {
  const before = ctx.backend.message(rec.id) ?? null;
  await ctx.backend.putMessage(rec);
  ctx.changed({ kind: 'message', before, after: rec });
  ctx.publish([messageNotification(ctx, before ? fnevObjectModified : fnevObjectCreated, rec, undefined, before ? changedTags : null)]);
}

/** Links a record written by a read-state change to the record it replaced (not enumerable: spreads and clones drop it). */
const READ_STATE_OF = Symbol('readStateOf');

/** The record a read-state-only change replaced, when `rec` was written by one (setReadState). */
export function readStateOrigin(rec: MessageRecord): MessageRecord | undefined {
  return (rec as MessageRecord & { [READ_STATE_OF]?: MessageRecord })[READ_STATE_OF];
}

/**
 * True when `current` is `base` or differs from it only by read-state changes
 * (IMessage::SetReadFlag, IMAPIFolder::SetReadFlags), so a handle opened on `base` may save
 * without MAPI_E_OBJECT_CHANGED: read state is not content (docs/decisions/008-messages.md).
 */
export function unchangedSince(base: MessageRecord | null, current: MessageRecord): boolean {
  if (!base) return false;
  for (let r: MessageRecord | undefined = current; r; r = readStateOrigin(r)) if (r === base) return true;
  return current.version === base.version;
}

/**
 * Commits a read-state change of a message (new PR_MESSAGE_FLAGS, maybe
 * PR_READ_RECEIPT_REQUESTED) as a new version linked to `rec`, and reports it like any save:
 * table rows, folder unread counts, fnevObjectModified with `changedTags`.
 */
export async function commitReadState(ctx: StoreContext, rec: MessageRecord, props: PropMap, changedTags: number[]): Promise<MessageRecord> {
  const after: MessageRecord = { ...rec, props, version: rec.version + 1 };
  Object.defineProperty(after, READ_STATE_OF, { value: rec, enumerable: false });
  await commitMessage(ctx, after, changedTags);
  return after;
}

/**
 * Deletes messages. A soft delete (the default of IMAPIFolder::DeleteMessages) keeps the
 * message, flagged, for SHOW_SOFT_DELETES tables; a hard delete (DELETE_HARD_DELETE, or an
 * already soft-deleted message) removes it. Reports fnevObjectDeleted for each.
 */
export async function deleteMessages(ctx: StoreContext, ids: NodeId[], hard: boolean): Promise<void> {
  const notes: NOTIFICATION[] = [];
  const nonRead: MessageRecord[] = [];
  for (const id of ids) {
    const rec = ctx.backend.message(id);
    if (!rec) continue;
    if (nonReadDue(rec)) nonRead.push(rec);
    if (hard || rec.softDeleted) {
      await ctx.backend.removeMessage(id);
      ctx.changed({ kind: 'message', before: rec, after: null });
    } else {
      const after: MessageRecord = { ...rec, props: withoutNrnPending(rec.props), softDeleted: true, version: rec.version + 1 };
      await ctx.backend.putMessage(after);
      ctx.changed({ kind: 'message', before: rec, after });
    }
    notes.push(messageNotification(ctx, fnevObjectDeleted, rec));
  }
  ctx.publish(notes);
  for (const rec of nonRead) await ctx.support.readReport?.(ctx, rec, 'IPNNRN');
}

/**
 * Copies or moves a message to a folder of the same or another store; returns the new
 * record. A copy is a new message with new identity stamps given by `restamp` (the message
 * layer sets PR_RECORD_KEY, times and change keys) and the same PR_SEARCH_KEY; a move keeps
 * the content and stamps. Reports fnevObjectMoved / fnevObjectCopied with the old IDs.
 */
export async function copyMessageTo(
  src: StoreContext,
  id: NodeId,
  dest: StoreContext,
  destFolderId: NodeId,
  move: boolean,
  restamp: (content: MessageContent, dest: StoreContext) => void,
): Promise<MessageRecord> {
  const rec = src.message(id, move ? 'copyMessages(MESSAGE_MOVE)' : 'copyMessages');
  const content = contentOf(rec);
  if (src !== dest) remapNamedProps(src, dest, content);
  const sameStoreMove = move && src === dest;
  // A message moved unread into Deleted Items gets its non-read report now (and no other later).
  const nonRead = move && destFolderId === dest.backend.specialFolders().deletedItems && nonReadDue(rec);
  if (nonRead) content.props = withoutNrnPending(content.props);
  // A copy or a moved message is a live message in its new folder (never soft-deleted).
  const newRec: MessageRecord = {
    ...content,
    id: sameStoreMove ? rec.id : dest.backend.newId(),
    folderId: destFolderId,
    associated: rec.associated,
    version: sameStoreMove ? rec.version + 1 : 1,
  };
  if (!move) restamp(newRec, dest);
  if (sameStoreMove) {
    await dest.backend.putMessage(newRec);
    dest.changed({ kind: 'message', before: rec, after: newRec });
    dest.publish([messageNotification(dest, fnevObjectMoved, newRec, rec)]);
    if (nonRead) await src.support.readReport?.(src, rec, 'IPNNRN');
    return newRec;
  }
  await dest.backend.putMessage(newRec);
  dest.changed({ kind: 'message', before: null, after: newRec });
  if (move) {
    await src.backend.removeMessage(rec.id);
    src.changed({ kind: 'message', before: rec, after: null });
    src.publish([messageNotification(src, fnevObjectDeleted, rec)]);
    dest.publish([messageNotification(dest, fnevObjectCreated, newRec)]);
  } else {
    dest.publish([messageNotification(dest, fnevObjectCopied, newRec, rec)]);
  }
  // The call runs on the source store's objects, which notify its folders' counts when it returns.
  if (src !== dest) dest.flushFolderEvents();
  if (nonRead) await src.support.readReport?.(src, rec, 'IPNNRN');
  return newRec;
}

/**
 * A non-read report is due when a message whose sender asked for one (MSGFLAG_NRN_PENDING, set on
 * delivery from PR_NON_RECEIPT_NOTIFICATION_REQUESTED) leaves unread: deleted, or moved into
 * Deleted Items (mapi-report-messages.md: "not opened ... before being placed in the Deleted Items
 * folder"; pidtagreadreceiptrequested-canonical-property.md: "deleted ... before the messaging
 * system can generate a read report, a nonread report is generated"). Reading the message, or
 * SetReadFlag with CLEAR_NRN_PENDING, clears the flag, and the report goes only once.
 */
export function nonReadDue(rec: MessageRecord): boolean {
  const f = flagsOf(rec.props);
  return !rec.associated && !rec.softDeleted && (f & MSGFLAG_NRN_PENDING) !== 0 && (f & MSGFLAG_READ) === 0;
}

/** Stored properties with MSGFLAG_NRN_PENDING cleared (the non-read report was sent). */
function withoutNrnPending(props: PropMap): PropMap {
  const out = new Map(props);
  setFlags(out, flagsOf(props) & ~MSGFLAG_NRN_PENDING);
  return out;
}

/** Re-maps named-property identifiers of copied content from one store's mapping to another's (by name). */
export function remapNamedProps(src: StoreContext, dest: StoreContext, content: MessageContent): void {
  const map = (props: PropMap) => {
    const moved: [number, number][] = [];
    for (const id of props.keys()) {
      if (id < 0x8000) continue;
      const name = src.backend.namedProps.nameOf(id);
      const to = name ? dest.backend.namedProps.idOf(name, true) : undefined;
      if (to !== undefined && to !== id) moved.push([id, to]);
      else if (to === undefined) moved.push([id, -1]);
    }
    const entries = moved.map(([from, to]) => [to, props.get(from)] as const);
    for (const [from] of moved) props.delete(from);
    for (const [to, v] of entries) if (to >= 0 && v) props.set(to, { ulPropTag: ((to << 16) | (v.ulPropTag & 0xffff)) >>> 0, Value: v.Value });
  };
  map(content.props);
  for (const r of content.recipients) map(r.props);
  for (const a of content.attachments) {
    map(a.props);
    if (a.embedded) remapNamedProps(src, dest, a.embedded);
  }
}

/** Identifier of a property tag, re-exported for callers that only import this module. */
export const idOf = PROP_ID;
