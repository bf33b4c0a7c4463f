import type { FolderRecord, MessageContent, MessageFacts, MessageRecord, NodeId, PropMap } from '../spi/store.js';
import type { SPropValue } from '../props/types.js';
import type { StoreContext } from './StoreContext.js';
import { PROP_ID, PROP_TYPE } from '../props/tags.js';
import { UlPropSize } from '../props/util/size.js';
import {
  PR_ACCESS,
  PR_ACCESS_LEVEL,
  PR_ASSOC_CONTENT_COUNT,
  PR_CONTENT_COUNT,
  PR_CONTENT_UNREAD,
  PR_DISPLAY_BCC_W,
  PR_DISPLAY_CC_W,
  PR_DISPLAY_NAME_W,
  PR_DISPLAY_TO_W,
  PR_DISPLAY_TYPE,
  PR_ENTRYID,
  PR_FOLDER_CHILD_COUNT,
  PR_FOLDER_TYPE,
  PR_HASATTACH,
  PR_MAPPING_SIGNATURE,
  PR_MESSAGE_FLAGS,
  PR_MESSAGE_SIZE,
  PR_OBJECT_TYPE,
  PR_PARENT_ENTRYID,
  PR_RECIPIENT_TYPE,
  PR_STORE_ENTRYID,
  PR_STORE_RECORD_KEY,
  PR_SUBFOLDERS,
  PR_RECORD_KEY,
  PR_INSTANCE_KEY,
} from '../generated/proptags.js';
import {
  MAPI_ACCESS_CREATE_ASSOCIATED,
  MAPI_ACCESS_CREATE_CONTENTS,
  MAPI_ACCESS_CREATE_HIERARCHY,
  MAPI_ACCESS_DELETE,
  MAPI_ACCESS_MODIFY,
  MAPI_ACCESS_READ,
  DT_FOLDER,
  DT_FOLDER_LINK,
  FOLDER_SEARCH,
  MAPI_BCC,
  MAPI_CC,
  MAPI_FOLDER,
  MAPI_MESSAGE,
  MAPI_MODIFY,
  MAPI_TO,
  MSGFLAG_ASSOCIATED,
  MSGFLAG_HASATTACH,
  MSGFLAG_SUBMIT,
} from '../generated/constants.js';
import { PT_STRING8, PT_UNICODE } from '../generated/proptypes.js';

/** Where a message's content sits, for the properties that depend on it. */
export interface MessagePlace {
  /** The message's node, once saved (embedded messages have none). */
  id?: NodeId;
  /** Its folder (absent for an embedded message). */
  folderId?: NodeId;
  associated: boolean;
  /** True once the message has been saved at least once (PR_ENTRYID and PR_MESSAGE_SIZE exist). */
  saved: boolean;
  /** The handle or table may modify it (PR_ACCESS_LEVEL, MAPI_ACCESS_MODIFY). */
  writable: boolean;
}

const put = (m: PropMap, ulPropTag: number, Value: SPropValue['Value']) => m.set(PROP_ID(ulPropTag), { ulPropTag, Value });

/** Identifiers of the message properties the store computes; clients get MAPI_E_COMPUTED when setting them. */
export const MESSAGE_COMPUTED_IDS: ReadonlySet<number> = new Set(
  [
    PR_ENTRYID,
    PR_PARENT_ENTRYID,
    PR_STORE_ENTRYID,
    PR_STORE_RECORD_KEY,
    PR_OBJECT_TYPE,
    PR_MAPPING_SIGNATURE,
    PR_HASATTACH,
    PR_MESSAGE_SIZE,
    PR_DISPLAY_TO_W,
    PR_DISPLAY_CC_W,
    PR_DISPLAY_BCC_W,
    PR_ACCESS,
    PR_ACCESS_LEVEL,
    PR_RECORD_KEY,
    PR_INSTANCE_KEY,
  ].map(PROP_ID),
);

/** A string property's value whatever its string type, or undefined. */
export function stringOf(v: SPropValue | undefined): string | undefined {
  if (!v) return undefined;
  const t = PROP_TYPE(v.ulPropTag);
  return t === PT_UNICODE || t === PT_STRING8 ? (v.Value as string) : undefined;
}

/**
 * PR_DISPLAY_TO / CC / BCC: the display names of the recipients of that type, joined with
 * "; " (pidtagdisplayto-canonical-property.md).
 */
export function displayRecipients(content: MessageContent, type: number): string {
  const names: string[] = [];
  for (const r of content.recipients) {
    const t = r.props.get(PROP_ID(PR_RECIPIENT_TYPE));
    // The P1 and submitted bits do not change which line a recipient is on.
    if (!t || ((t.Value as number) & 0xf) !== type) continue;
    const name = stringOf(r.props.get(PROP_ID(PR_DISPLAY_NAME_W)));
    if (name !== undefined) names.push(name);
  }
  return names.join('; ');
}

/** PR_MESSAGE_SIZE: the sum of the sizes of every property of the message, its recipients and attachments, as UlPropSize counts them. */
export function messageSize(content: MessageContent): number {
  let n = 0;
  const add = (props: PropMap) => {
    for (const v of props.values()) n += UlPropSize(v);
  };
  add(content.props);
  for (const r of content.recipients) add(r.props);
  for (const a of content.attachments) {
    add(a.props);
    if (a.embedded) n += messageSize(a.embedded);
  }
  return n;
}

/**
 * The properties a store computes for a message, from its content and place: identity
 * (PR_ENTRYID, PR_PARENT_ENTRYID, PR_STORE_*), PR_OBJECT_TYPE, PR_HASATTACH and the
 * MSGFLAG_HASATTACH / MSGFLAG_ASSOCIATED bits of PR_MESSAGE_FLAGS, PR_DISPLAY_TO / CC / BCC,
 * PR_MESSAGE_SIZE (after the first save), PR_ACCESS, PR_ACCESS_LEVEL. Set into `out` when
 * given (a row's map), else into a new map.
 */
export function messageComputedProps(ctx: StoreContext, content: MessageContent, place: MessagePlace, out: PropMap = new Map(), facts?: MessageFacts): PropMap {
  return computedFromFacts(ctx, content.props, place, facts ?? messageFacts(content, 0), out);
}

/** The derived properties of a message's content (see {@link MessageFacts}), for `version`. */
export function messageFacts(content: MessageContent, version: number): MessageFacts {
  return {
    version,
    hasAttach: content.attachments.length > 0,
    displayTo: displayRecipients(content, MAPI_TO),
    displayCc: displayRecipients(content, MAPI_CC),
    displayBcc: displayRecipients(content, MAPI_BCC),
    size: messageSize(content),
  };
}

/** The facts a record's source stored for its current version, or undefined (the kit computes them). */
export function storedFacts(rec: MessageRecord): MessageFacts | undefined {
  return rec.facts && rec.facts.version === rec.version ? rec.facts : undefined;
}

/**
 * The computed properties of a message from its stored properties and its derived ones: the
 * one computation behind getProps on an open message and contents-table rows, whether the
 * facts come from the whole content or from a backend's summary.
 */
export function computedFromFacts(ctx: StoreContext, stored: PropMap, place: MessagePlace, facts: MessageFacts, out: PropMap = new Map()): PropMap {
  if (place.saved && place.id !== undefined && place.folderId !== undefined) put(out, PR_ENTRYID, ctx.messageEntryId({ id: place.id, folderId: place.folderId }));
  if (place.folderId !== undefined) put(out, PR_PARENT_ENTRYID, ctx.folderEntryId(place.folderId));
  // Values are never handed out as they are (getProps and tables copy them), so the store-wide ones are shared.
  put(out, PR_STORE_ENTRYID, ctx.storeEntryId);
  put(out, PR_STORE_RECORD_KEY, ctx.backend.entryIds.uid);
  put(out, PR_MAPPING_SIGNATURE, ctx.backend.namedProps.signature);
  put(out, PR_OBJECT_TYPE, MAPI_MESSAGE);
  const hasAttach = facts.hasAttach;
  put(out, PR_HASATTACH, hasAttach);
  const flags = stored.get(PROP_ID(PR_MESSAGE_FLAGS));
  let f = flags ? (flags.Value as number) : 0;
  // pidtagmessageflags-canonical-property.md: MSGFLAG_HASATTACH mirrors PR_HASATTACH; MSGFLAG_ASSOCIATED marks FAI messages.
  f = hasAttach ? f | MSGFLAG_HASATTACH : f & ~MSGFLAG_HASATTACH;
  f = place.associated ? f | MSGFLAG_ASSOCIATED : f & ~MSGFLAG_ASSOCIATED;
  put(out, PR_MESSAGE_FLAGS, f | 0);
  put(out, PR_DISPLAY_TO_W, facts.displayTo);
  put(out, PR_DISPLAY_CC_W, facts.displayCc);
  put(out, PR_DISPLAY_BCC_W, facts.displayBcc);
  // pidtagmessagesize-canonical-property.md: not available until SaveChanges.
  if (place.saved) put(out, PR_MESSAGE_SIZE, facts.size);
  const rw = place.writable && !ctx.backend.readOnly;
  // pidtagmessageflags-canonical-property.md: a submitted message "is now read-only to the client".
  const modify = rw && !(f & MSGFLAG_SUBMIT);
  put(out, PR_ACCESS, MAPI_ACCESS_READ | (modify ? MAPI_ACCESS_MODIFY : 0) | (rw ? MAPI_ACCESS_DELETE : 0));
  put(out, PR_ACCESS_LEVEL, modify ? MAPI_MODIFY : 0);
  return out;
}

/** Identifiers of the folder properties the store computes. */
export const FOLDER_COMPUTED_IDS: ReadonlySet<number> = new Set(
  [
    PR_ENTRYID,
    PR_PARENT_ENTRYID,
    PR_STORE_ENTRYID,
    PR_STORE_RECORD_KEY,
    PR_OBJECT_TYPE,
    PR_MAPPING_SIGNATURE,
    PR_FOLDER_TYPE,
    PR_DISPLAY_TYPE,
    PR_CONTENT_COUNT,
    PR_CONTENT_UNREAD,
    PR_ASSOC_CONTENT_COUNT,
    PR_SUBFOLDERS,
    PR_FOLDER_CHILD_COUNT,
    PR_ACCESS,
    PR_ACCESS_LEVEL,
    PR_RECORD_KEY,
    PR_INSTANCE_KEY,
  ].map(PROP_ID),
);

/**
 * The properties a store computes for a folder: identity, PR_OBJECT_TYPE, PR_FOLDER_TYPE,
 * the counts (PR_CONTENT_COUNT, PR_CONTENT_UNREAD, PR_ASSOC_CONTENT_COUNT, PR_SUBFOLDERS,
 * PR_FOLDER_CHILD_COUNT), PR_DISPLAY_TYPE, PR_ACCESS and PR_ACCESS_LEVEL.
 */
export function folderComputedProps(ctx: StoreContext, rec: FolderRecord, writable = true): PropMap {
  const out: PropMap = new Map();
  const eid = ctx.folderEntryId(rec.id);
  put(out, PR_ENTRYID, eid);
  // The root's parent is itself (pidtagparententryid-canonical-property.md).
  put(out, PR_PARENT_ENTRYID, rec.parentId === null ? Uint8Array.from(eid) : ctx.folderEntryId(rec.parentId));
  put(out, PR_RECORD_KEY, eid.slice(22));
  put(out, PR_STORE_ENTRYID, Uint8Array.from(ctx.storeEntryId));
  put(out, PR_STORE_RECORD_KEY, Uint8Array.from(ctx.backend.entryIds.uid));
  put(out, PR_MAPPING_SIGNATURE, Uint8Array.from(ctx.backend.namedProps.signature));
  put(out, PR_OBJECT_TYPE, MAPI_FOLDER);
  put(out, PR_FOLDER_TYPE, rec.folderType);
  // hierarchy-tables.md: PR_DISPLAY_TYPE is a required column; DT_FOLDER_LINK is used with search-results folders.
  put(out, PR_DISPLAY_TYPE, rec.folderType === FOLDER_SEARCH ? DT_FOLDER_LINK : DT_FOLDER);
  const counts = ctx.folderCounts(rec.id);
  put(out, PR_CONTENT_COUNT, counts.content);
  put(out, PR_CONTENT_UNREAD, counts.unread);
  put(out, PR_ASSOC_CONTENT_COUNT, counts.associated);
  const children = ctx.backend.childFolderIds(rec.id).filter((id) => !ctx.backend.folder(id)?.softDeleted).length;
  put(out, PR_SUBFOLDERS, children > 0);
  put(out, PR_FOLDER_CHILD_COUNT, children);
  const rw = writable && !ctx.backend.readOnly;
  put(
    out,
    PR_ACCESS,
    MAPI_ACCESS_READ | (rw ? MAPI_ACCESS_MODIFY | MAPI_ACCESS_DELETE | MAPI_ACCESS_CREATE_HIERARCHY | MAPI_ACCESS_CREATE_CONTENTS | MAPI_ACCESS_CREATE_ASSOCIATED : 0),
  );
  put(out, PR_ACCESS_LEVEL, rw ? MAPI_MODIFY : 0);
  return out;
}
