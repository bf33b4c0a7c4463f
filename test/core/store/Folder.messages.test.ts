import { describe, expect, it } from 'vitest';
import { addFolder, addMessage, allRows, cell, makeStore, objectEvents, prop, scodeOf, type TestStore } from './helpers.js';
import type { IMAPIFolder, IMessage } from '../../../src/core/store/interfaces.js';
import * as T from '../../../src/core/generated/proptags.js';
import * as C from '../../../src/core/generated/constants.js';
import * as E from '../../../src/core/generated/scodes.js';
import { IID_IMAPIFolder, IID_IMessage, IID_IMAPITable } from '../../../src/core/generated/guids.js';

const entries = async (f: IMAPIFolder, flags = 0) => (await allRows(await f.getContentsTable(flags))).map((r) => cell(r, T.PR_ENTRYID) as Uint8Array);
const openMsg = async (s: TestStore, eid: Uint8Array) => (await s.store().openEntry(eid, null, C.SHOW_SOFT_DELETES)) as IMessage;

/** Marks a committed message submitted (MSGFLAG_SUBMIT), as SubmitMessage leaves it. */
function markSubmitted(s: TestStore, eid: Uint8Array): void {
  const m = s.backend.message(s.backend.entryIds.parse(eid)?.id as number);
  if (!m) throw new Error('no message');
  const props = new Map(m.props);
  props.set(T.PR_MESSAGE_FLAGS >>> 16, { ulPropTag: T.PR_MESSAGE_FLAGS, Value: C.MSGFLAG_SUBMIT });
  const after = { ...m, props, version: m.version + 1 };
  s.backend.putMessage(after);
  s.ctx.changed({ kind: 'message', before: m, after });
}

describe('IMAPIFolder.createMessage', () => {
  it('makes a message that joins the folder when saved (MAPI_ASSOCIATED for FAI)', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const msg = await inbox.createMessage(null, 0);
    expect(await prop(inbox, T.PR_CONTENT_COUNT)).toBe(0);
    await msg.saveChanges(0);
    expect(await prop(inbox, T.PR_CONTENT_COUNT)).toBe(1);
    const fai = await inbox.createMessage(IID_IMessage, C.MAPI_ASSOCIATED | C.MAPI_DEFERRED_ERRORS);
    await fai.saveChanges(0);
    expect(await prop(inbox, T.PR_ASSOC_CONTENT_COUNT)).toBe(1);
  });

  it('errors: wrong interface, unknown flags, read-only folder, search folder', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    expect(await scodeOf(inbox.createMessage(IID_IMAPITable, 0))).toBe(E.MAPI_E_INTERFACE_NOT_SUPPORTED);
    expect(await scodeOf(inbox.createMessage(null, 0x1))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(inbox.createMessage('x' as never, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    const search = await s.openSpecial('finder').createFolder(C.FOLDER_SEARCH, 'S', null, null, 0);
    expect(await scodeOf(search.createMessage(null, 0))).toBe(E.MAPI_E_NO_SUPPORT);
  });
});

describe('IMAPIFolder.copyMessages', () => {
  it('copies messages: new entry IDs, the source stays, fnevObjectCopied', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const drafts = s.openSpecial('drafts');
    const eid = await addMessage(inbox, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'copy me' }]);
    const rec = await s.record();
    expect(await inbox.copyMessages([eid], null, drafts, null, 0)).toEqual({});
    await s.flush();
    const [copy] = await entries(drafts);
    expect(copy).not.toEqual(eid);
    expect(await prop(await openMsg(s, copy as Uint8Array), T.PR_SUBJECT_W)).toBe('copy me');
    expect(await entries(inbox)).toEqual([eid]);
    expect(objectEvents(rec).map(([t, o]) => [t, o.lpOldID])).toEqual([[C.fnevObjectCopied, eid]]);
  });

  it('MESSAGE_MOVE moves them (fnevObjectMoved); associated messages stay associated', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const drafts = s.openSpecial('drafts');
    const a = await addMessage(inbox);
    const fai = await addMessage(inbox, [], true);
    const rec = await s.record();
    await inbox.copyMessages([a, fai], IID_IMAPIFolder, drafts, null, C.MESSAGE_MOVE);
    await s.flush();
    expect(await prop(inbox, T.PR_CONTENT_COUNT)).toBe(0);
    expect(await prop(drafts, T.PR_CONTENT_COUNT)).toBe(1);
    expect(await prop(drafts, T.PR_ASSOC_CONTENT_COUNT)).toBe(1);
    expect(objectEvents(rec).map(([t]) => t)).toEqual([C.fnevObjectMoved, C.fnevObjectMoved]);
  });

  it('moves across stores: created there, deleted here', async () => {
    const s = await makeStore();
    const other = await makeStore({ sameWorldAs: s });
    const inbox = s.openSpecial('inbox');
    const eid = await addMessage(inbox, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'travel' }]);
    await inbox.copyMessages([eid], null, other.openSpecial('inbox'), null, C.MESSAGE_MOVE);
    expect(await prop(inbox, T.PR_CONTENT_COUNT)).toBe(0);
    const [moved] = await entries(other.openSpecial('inbox'));
    expect(await prop((await other.store().openEntry(moved as Uint8Array, null, 0)) as IMessage, T.PR_SUBJECT_W)).toBe('travel');
  });

  it('entry IDs that are not messages of this folder make MAPI_W_PARTIAL_COMPLETION; the rest are copied', async () => {
    const s = await makeStore();
    const other = await makeStore({ seed: 21 });
    const inbox = s.openSpecial('inbox');
    const drafts = s.openSpecial('drafts');
    const good = await addMessage(inbox);
    const elsewhere = await addMessage(s.openSpecial('outbox'));
    const foreign = await addMessage(other.openSpecial('inbox'));
    const result = await inbox.copyMessages([good, elsewhere, foreign, s.ctx.folderEntryId(3)], null, drafts, null, 0);
    expect(result).toEqual({ warning: E.MAPI_W_PARTIAL_COMPLETION });
    expect(await prop(drafts, T.PR_CONTENT_COUNT)).toBe(1);
  });

  it('a submitted message cannot be moved', async () => {
    const s = await makeStore();
    const outbox = s.openSpecial('outbox');
    const eid = await addMessage(outbox);
    markSubmitted(s, eid);
    expect(await outbox.copyMessages([eid], null, s.openSpecial('drafts'), null, C.MESSAGE_MOVE)).toEqual({ warning: E.MAPI_W_PARTIAL_COMPLETION });
  });

  it('errors: bad lists and destinations, dialogs, access, search folders', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const drafts = s.openSpecial('drafts');
    const eid = await addMessage(inbox);
    expect(await scodeOf(inbox.copyMessages(null as never, null, drafts, null, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(inbox.copyMessages([eid], null, {} as never, null, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(inbox.copyMessages([eid], IID_IMessage, drafts, null, 0))).toBe(E.MAPI_E_INTERFACE_NOT_SUPPORTED);
    expect(await scodeOf(inbox.copyMessages([eid], null, drafts, null, 0x100))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(inbox.copyMessages([eid], null, drafts, null, C.MESSAGE_DIALOG))).toBe(E.MAPI_E_NO_SUPPORT);
    const roDrafts = s.folder(s.backend.specialFolders().drafts as number, false);
    expect(await scodeOf(inbox.copyMessages([eid], null, roDrafts, null, 0))).toBe(E.MAPI_E_NO_ACCESS);
    const roInbox = s.folder(s.backend.specialFolders().inbox as number, false);
    expect(await roInbox.copyMessages([eid], null, drafts, null, 0)).toEqual({});
    expect(await scodeOf(roInbox.copyMessages([eid], null, drafts, null, C.MESSAGE_MOVE))).toBe(E.MAPI_E_NO_ACCESS);
    const search = await s.openSpecial('finder').createFolder(C.FOLDER_SEARCH, 'S', null, null, 0);
    expect(await scodeOf(inbox.copyMessages([eid], null, search, null, 0))).toBe(E.MAPI_E_NO_SUPPORT);
  });
});

describe('IMAPIFolder.deleteMessages', () => {
  it('soft-deletes by default (fnevObjectDeleted); DELETE_HARD_DELETE purges, soft-deleted ones too', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const a = await addMessage(inbox);
    const b = await addMessage(inbox);
    const rec = await s.record();
    expect(await inbox.deleteMessages([a], null, 0)).toEqual({});
    await s.flush();
    expect(objectEvents(rec).map(([t, o]) => [t, o.lpEntryID])).toEqual([[C.fnevObjectDeleted, a]]);
    expect(await entries(inbox)).toEqual([b]);
    expect(await entries(inbox, C.SHOW_SOFT_DELETES)).toEqual([a]);
    await inbox.deleteMessages([a, b], null, C.DELETE_HARD_DELETE);
    expect(await entries(inbox, C.SHOW_SOFT_DELETES)).toEqual([]);
    expect(await entries(inbox)).toEqual([]);
    expect(s.backend.messageCount).toBe(0);
  });

  it('deleting an already soft-deleted message without DELETE_HARD_DELETE purges it (docs/decisions/007)', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const a = await addMessage(inbox);
    await inbox.deleteMessages([a], null, 0);
    expect(await entries(inbox, C.SHOW_SOFT_DELETES)).toEqual([a]);
    const rec = await s.record();
    expect(await inbox.deleteMessages([a], null, 0)).toEqual({});
    await s.flush();
    expect(objectEvents(rec).map(([t, o]) => [t, o.lpEntryID])).toEqual([[C.fnevObjectDeleted, a]]);
    expect(await entries(inbox, C.SHOW_SOFT_DELETES)).toEqual([]);
    expect(s.backend.messageCount).toBe(0);
  });

  it('missing, foreign, other-folder and submitted messages make MAPI_W_PARTIAL_COMPLETION', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const good = await addMessage(inbox);
    const submitted = await addMessage(inbox);
    markSubmitted(s, submitted);
    const elsewhere = await addMessage(s.openSpecial('drafts'));
    const result = await inbox.deleteMessages([good, submitted, elsewhere, s.ctx.messageEntryId({ id: 999_999, folderId: 1 })], null, 0);
    expect(result).toEqual({ warning: E.MAPI_W_PARTIAL_COMPLETION });
    expect(await entries(inbox)).toEqual([submitted]);
  });

  it('errors: bad list, flags, dialog, read-only folder', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    expect(await scodeOf(inbox.deleteMessages([1] as never, null, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(inbox.deleteMessages([], null, 0x1))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(inbox.deleteMessages([], null, C.MESSAGE_DIALOG))).toBe(E.MAPI_E_NO_SUPPORT);
    expect(await scodeOf(s.folder(s.backend.specialFolders().inbox as number, false).deleteMessages([], null, 0))).toBe(E.MAPI_E_NO_ACCESS);
    expect(await inbox.deleteMessages([], null, 0)).toEqual({});
  });
});

describe('IMAPIFolder.setReadFlags', () => {
  it('sets and clears MSGFLAG_READ on listed messages, or on all with null', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const a = await addMessage(inbox);
    const b = await addMessage(inbox);
    await inbox.setReadFlags([a], null, 0);
    expect(await prop(inbox, T.PR_CONTENT_UNREAD)).toBe(1);
    expect(((await prop(await openMsg(s, a), T.PR_MESSAGE_FLAGS)) as number) & C.MSGFLAG_READ).toBe(C.MSGFLAG_READ);
    await inbox.setReadFlags(null, null, 0);
    expect(await prop(inbox, T.PR_CONTENT_UNREAD)).toBe(0);
    await inbox.setReadFlags([a, b], null, C.CLEAR_READ_FLAG);
    expect(await prop(inbox, T.PR_CONTENT_UNREAD)).toBe(2);
  });

  it('a read-only folder handle may change the read state', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const a = await addMessage(inbox);
    await s.folder(s.backend.specialFolders().inbox as number, false).setReadFlags([a], null, 0);
    expect(await prop(inbox, T.PR_CONTENT_UNREAD)).toBe(0);
  });

  it('missing and submitted messages make MAPI_W_PARTIAL_COMPLETION', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const a = await addMessage(inbox);
    const sub = await addMessage(inbox);
    markSubmitted(s, sub);
    expect(await inbox.setReadFlags([a, sub, s.ctx.messageEntryId({ id: 999_999, folderId: 1 })], null, 0)).toEqual({ warning: E.MAPI_W_PARTIAL_COMPLETION });
    expect(await prop(inbox, T.PR_CONTENT_UNREAD)).toBe(1);
  });

  it('errors: flag combinations the page forbids, unknown flags, dialogs', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    for (const bad of [C.SUPPRESS_RECEIPT | C.CLEAR_READ_FLAG, C.CLEAR_READ_FLAG | C.GENERATE_RECEIPT_ONLY, C.SUPPRESS_RECEIPT | C.CLEAR_READ_FLAG | C.GENERATE_RECEIPT_ONLY]) {
      expect(await scodeOf(inbox.setReadFlags(null, null, bad))).toBe(E.MAPI_E_INVALID_PARAMETER);
    }
    expect(await inbox.setReadFlags(null, null, C.SUPPRESS_RECEIPT | C.GENERATE_RECEIPT_ONLY)).toEqual({});
    expect(await scodeOf(inbox.setReadFlags(null, null, 0x100))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(inbox.setReadFlags(null, null, C.MESSAGE_DIALOG))).toBe(E.MAPI_E_NO_SUPPORT);
    expect(await scodeOf(inbox.setReadFlags('x' as never, null, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
  });
});

describe('IMAPIFolder.getMessageStatus / setMessageStatus', () => {
  it('reads 0 at first; sets the masked bits and resolves to the old status', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const eid = await addMessage(inbox);
    expect(await inbox.getMessageStatus(eid, 0)).toBe(0);
    expect(await inbox.setMessageStatus(eid, C.MSGSTATUS_HIGHLIGHTED | C.MSGSTATUS_TAGGED, C.MSGSTATUS_HIGHLIGHTED | C.MSGSTATUS_TAGGED)).toBe(0);
    expect(await inbox.setMessageStatus(eid, 0x80000000 >>> 0, C.MSGSTATUS_TAGGED | 0x80000000)).toBe(C.MSGSTATUS_HIGHLIGHTED | C.MSGSTATUS_TAGGED);
    expect(await inbox.getMessageStatus(eid, 0)).toBe((C.MSGSTATUS_HIGHLIGHTED | 0x80000000) >>> 0);
    const [row] = await allRows(await inbox.getContentsTable(0));
    expect(cell(row, T.PR_MSG_STATUS)).toBe((C.MSGSTATUS_HIGHLIGHTED | 0x80000000) | 0);
  });

  it('does not make an open handle stale', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const eid = await addMessage(inbox);
    const msg = (await s.store().openEntry(eid, null, C.MAPI_MODIFY)) as IMessage;
    await inbox.setMessageStatus(eid, C.MSGSTATUS_DELMARKED, C.MSGSTATUS_DELMARKED);
    await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'still fine' }]);
    await msg.saveChanges(0);
  });

  it('errors: foreign entry IDs, messages of other folders, flags, bad arguments', async () => {
    const s = await makeStore();
    const other = await makeStore({ seed: 8 });
    const inbox = s.openSpecial('inbox');
    const elsewhere = await addMessage(s.openSpecial('drafts'));
    const foreign = await addMessage(other.openSpecial('inbox'));
    expect(await scodeOf(inbox.getMessageStatus(foreign, 0))).toBe(E.MAPI_E_INVALID_ENTRYID);
    expect(await scodeOf(inbox.getMessageStatus(elsewhere, 0))).toBe(E.MAPI_E_NOT_FOUND);
    expect(await scodeOf(inbox.getMessageStatus(elsewhere, 1))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(inbox.setMessageStatus(elsewhere, 1, 1))).toBe(E.MAPI_E_NOT_FOUND);
    expect(await scodeOf(inbox.setMessageStatus(elsewhere, 'x' as never, 1))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(inbox.getMessageStatus(null as never, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
  });
});

describe('IMAPIFolder.saveContentsSort', () => {
  it('RECURSIVE_SORT applies the sort to the subfolders too', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const sub = await addFolder(inbox, 'Sub');
    const sort = { aSort: [{ ulPropTag: T.PR_MESSAGE_DELIVERY_TIME, ulOrder: C.TABLE_SORT_DESCEND }], cCategories: 0, cExpanded: 0 };
    await inbox.saveContentsSort(sort, C.RECURSIVE_SORT);
    expect((await (await sub.getContentsTable(0)).querySortOrder()).aSort).toEqual(sort.aSort);
  });

  it('errors: bad sort orders, flags, read-only folders, stores without sorts', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    expect(await scodeOf(inbox.saveContentsSort(null as never, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(inbox.saveContentsSort({ aSort: [], cCategories: 0, cExpanded: 0 }, 1))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(s.folder(s.backend.specialFolders().inbox as number, false).saveContentsSort({ aSort: [], cCategories: 0, cExpanded: 0 }, 0))).toBe(E.MAPI_E_NO_ACCESS);
    Object.defineProperty(s.backend, 'putContentsSort', { value: undefined });
    expect(await scodeOf(inbox.saveContentsSort({ aSort: [], cCategories: 0, cExpanded: 0 }, 0))).toBe(E.MAPI_E_NO_SUPPORT);
  });
});

describe('IMAPIFolder.emptyFolder', () => {
  it('deletes messages and subfolders, keeps associated ones without DEL_ASSOCIATED', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    await addMessage(inbox);
    await addMessage(inbox, [], true);
    const sub = await addFolder(inbox, 'Sub');
    await addMessage(sub);
    expect(await inbox.emptyFolder(null, 0)).toEqual({});
    expect(await prop(inbox, T.PR_CONTENT_COUNT)).toBe(0);
    expect(await prop(inbox, T.PR_ASSOC_CONTENT_COUNT)).toBe(1);
    expect(await prop(inbox, T.PR_SUBFOLDERS)).toBe(false);
    // Soft: still there for SHOW_SOFT_DELETES.
    expect(await entries(inbox, C.SHOW_SOFT_DELETES)).toHaveLength(1);
    await inbox.emptyFolder(null, C.DEL_ASSOCIATED | C.DELETE_HARD_DELETE);
    expect(await prop(inbox, T.PR_ASSOC_CONTENT_COUNT)).toBe(0);
    expect(await entries(inbox, C.SHOW_SOFT_DELETES)).toHaveLength(0);
    expect(s.backend.childFolderIds(s.backend.specialFolders().inbox as number)).toEqual([]);
  });

  it('leaves submitted messages and reports MAPI_W_PARTIAL_COMPLETION', async () => {
    const s = await makeStore();
    const outbox = s.openSpecial('outbox');
    const eid = await addMessage(outbox);
    await addMessage(outbox);
    markSubmitted(s, eid);
    expect(await outbox.emptyFolder(null, 0)).toEqual({ warning: E.MAPI_W_PARTIAL_COMPLETION });
    expect(await entries(outbox)).toEqual([eid]);
  });

  it('errors: unknown flags, dialogs, read-only folders', async () => {
    const s = await makeStore();
    expect(await scodeOf(s.openSpecial('inbox').emptyFolder(null, 0x1))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(s.openSpecial('inbox').emptyFolder(null, C.FOLDER_DIALOG))).toBe(E.MAPI_E_NO_SUPPORT);
    expect(await scodeOf(s.folder(s.backend.specialFolders().inbox as number, false).emptyFolder(null, 0))).toBe(E.MAPI_E_NO_ACCESS);
  });
});
