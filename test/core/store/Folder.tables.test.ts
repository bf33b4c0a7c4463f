import { describe, expect, it } from 'vitest';
import { addFolder, addMessage, allRows, cell, makeStore, prop, scodeOf } from './helpers.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import { MemoryRowSource, tableRow } from '../../../src/core/table/MemoryRowSource.js';
import { CONTENTS_COLUMNS, HIERARCHY_COLUMNS } from '../../../src/core/store/Folder.js';
import type { IMAPITable } from '../../../src/core/table/interfaces.js';
import type { IMessage } from '../../../src/core/store/interfaces.js';
import type { NOTIFICATION } from '../../../src/core/notify/types.js';
import * as T from '../../../src/core/generated/proptags.js';
import * as C from '../../../src/core/generated/constants.js';
import * as E from '../../../src/core/generated/scodes.js';

/** A recorder advised on a table. */
async function watch(t: IMAPITable): Promise<NotificationRecorder> {
  const rec = new NotificationRecorder();
  await t.advise(C.fnevTableModified, rec);
  return rec;
}

const tableEvents = (rec: NotificationRecorder) => rec.notifications.map((n: NOTIFICATION) => ('tab' in n ? n.tab.ulTableEvent : -1));
const names = async (t: IMAPITable) => (await allRows(t)).map((r) => cell(r, T.PR_DISPLAY_NAME_W));

describe('IMAPIFolder.getContentsTable', () => {
  it('lists saved normal messages with the documented default columns', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const eid = await addMessage(inbox, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'hello' }]);
    await addMessage(inbox, [], true);
    const t = await inbox.getContentsTable(C.MAPI_UNICODE);
    expect(await t.queryColumns(0)).toEqual(CONTENTS_COLUMNS);
    const rows = await allRows(t);
    expect(rows).toHaveLength(1);
    expect(cell(rows[0], T.PR_ENTRYID)).toEqual(eid);
    expect(cell(rows[0], T.PR_SUBJECT_W)).toBe('hello');
    expect(cell(rows[0], T.PR_OBJECT_TYPE)).toBe(C.MAPI_MESSAGE);
    expect(cell(rows[0], T.PR_INSTANCE_KEY)).toBeInstanceOf(Uint8Array);
  });

  it('without MAPI_UNICODE the string columns are PT_STRING8', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    await addMessage(inbox, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'hello' }]);
    const unicode = await inbox.getContentsTable(C.MAPI_UNICODE);
    const ansi = await inbox.getContentsTable(0);
    expect(await ansi.queryColumns(0)).toContain(T.PR_SUBJECT_A);
    expect(cell((await allRows(ansi))[0], T.PR_SUBJECT_A)).toBe('hello');
    expect(await unicode.queryColumns(0)).toContain(T.PR_SUBJECT_W);
  });

  it('MAPI_ASSOCIATED lists the associated messages', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const fai = await addMessage(inbox, [], true);
    await addMessage(inbox);
    const rows = await allRows(await inbox.getContentsTable(C.MAPI_ASSOCIATED | C.MAPI_DEFERRED_ERRORS));
    expect(rows.map((r) => cell(r, T.PR_ENTRYID))).toEqual([fai]);
  });

  it('SHOW_SOFT_DELETES lists the soft-deleted messages only', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const gone = await addMessage(inbox);
    const kept = await addMessage(inbox);
    await inbox.deleteMessages([gone], null, 0);
    expect((await allRows(await inbox.getContentsTable(0))).map((r) => cell(r, T.PR_ENTRYID))).toEqual([kept]);
    expect((await allRows(await inbox.getContentsTable(C.SHOW_SOFT_DELETES))).map((r) => cell(r, T.PR_ENTRYID))).toEqual([gone]);
  });

  it('follows saves, deletes and moves with table notifications', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const t = await inbox.getContentsTable(0);
    const rec = await watch(t);
    const msg = await inbox.createMessage(null, 0);
    await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'a' }]);
    await msg.saveChanges(C.KEEP_OPEN_READWRITE);
    await s.flush();
    expect(tableEvents(rec)).toEqual([C.TABLE_ROW_ADDED]);
    await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'b' }]);
    await msg.saveChanges(C.KEEP_OPEN_READWRITE);
    await s.flush();
    expect(tableEvents(rec)).toEqual([C.TABLE_ROW_ADDED, C.TABLE_ROW_MODIFIED]);
    const eid = (await prop(msg, T.PR_ENTRYID)) as Uint8Array;
    await inbox.copyMessages([eid], null, s.openSpecial('drafts'), null, C.MESSAGE_MOVE);
    await s.flush();
    expect(tableEvents(rec)).toEqual([C.TABLE_ROW_ADDED, C.TABLE_ROW_MODIFIED, C.TABLE_ROW_DELETED]);
    expect(await t.getRowCount(0)).toBe(0);
  });

  it('starts in the order saveContentsSort saved', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    for (const subject of ['b', 'c', 'a']) await addMessage(inbox, [{ ulPropTag: T.PR_SUBJECT_W, Value: subject }]);
    const sort = { aSort: [{ ulPropTag: T.PR_SUBJECT_W, ulOrder: C.TABLE_SORT_DESCEND }], cCategories: 0, cExpanded: 0 };
    await inbox.saveContentsSort(sort, 0);
    const t = await inbox.getContentsTable(C.MAPI_UNICODE);
    expect((await allRows(t)).map((r) => cell(r, T.PR_SUBJECT_W))).toEqual(['c', 'b', 'a']);
    expect((await t.querySortOrder()).aSort).toEqual(sort.aSort);
    // The associated contents table keeps its natural order.
    expect((await (await inbox.getContentsTable(C.MAPI_ASSOCIATED)).querySortOrder()).aSort).toEqual([]);
  });

  it('a search folder lists what its engine gives, or nothing without one', async () => {
    const s = await makeStore();
    const finder = s.openSpecial('finder');
    const search = await finder.createFolder(C.FOLDER_SEARCH, 'Unread', null, null, 0);
    expect(await (await search.getContentsTable(0)).getRowCount(0)).toBe(0);
    s.ctx.searchFolders = {
      state: () => 0,
      contains: () => false,
      contentsSource: (_f, _a, _s, cols) => new MemoryRowSource(cols, [tableRow('1', [{ ulPropTag: T.PR_SUBJECT_W, Value: 'found' }])]),
    };
    expect(cell((await allRows(await search.getContentsTable(C.MAPI_UNICODE)))[0], T.PR_SUBJECT_W)).toBe('found');
  });

  it('errors: unknown flags', async () => {
    const s = await makeStore();
    expect(await scodeOf(s.openSpecial('inbox').getContentsTable(C.CONVENIENT_DEPTH))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
  });
});

describe('IMAPIFolder.getHierarchyTable', () => {
  it('lists the subfolders with the documented columns and PR_DEPTH 1', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    await addFolder(inbox, 'A');
    const b = await addFolder(inbox, 'B');
    await addFolder(b, 'B1');
    const t = await inbox.getHierarchyTable(C.MAPI_UNICODE);
    expect(await t.queryColumns(0)).toEqual(HIERARCHY_COLUMNS);
    const rows = await allRows(t);
    expect(rows.map((r) => [cell(r, T.PR_DISPLAY_NAME_W), cell(r, T.PR_DEPTH), cell(r, T.PR_SUBFOLDERS), cell(r, T.PR_DISPLAY_TYPE)])).toEqual([
      ['A', 1, false, C.DT_FOLDER],
      ['B', 1, true, C.DT_FOLDER],
    ]);
  });

  it('CONVENIENT_DEPTH lists the whole subtree depth first with PR_DEPTH', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const a = await addFolder(inbox, 'A');
    await addFolder(a, 'A1');
    await addFolder(inbox, 'B');
    const rows = await allRows(await inbox.getHierarchyTable(C.CONVENIENT_DEPTH | C.MAPI_UNICODE));
    expect(rows.map((r) => [cell(r, T.PR_DISPLAY_NAME_W), cell(r, T.PR_DEPTH)])).toEqual([
      ['A', 1],
      ['A1', 2],
      ['B', 1],
    ]);
  });

  it('SHOW_SOFT_DELETES lists soft-deleted subfolders only', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const a = await addFolder(inbox, 'A');
    await addFolder(inbox, 'B');
    await inbox.deleteFolder((await prop(a, T.PR_ENTRYID)) as Uint8Array, null, 0);
    expect(await names(await inbox.getHierarchyTable(C.MAPI_UNICODE))).toEqual(['B']);
    expect(await names(await inbox.getHierarchyTable(C.MAPI_UNICODE | C.SHOW_SOFT_DELETES))).toEqual(['A']);
    expect(await prop(inbox, T.PR_FOLDER_CHILD_COUNT)).toBe(1);
  });

  it('changes inside a soft-deleted folder do not bring its row back', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const f = await addFolder(inbox, 'F');
    const eid = await addMessage(f);
    const t = await inbox.getHierarchyTable(C.MAPI_UNICODE);
    await inbox.deleteFolder((await prop(f, T.PR_ENTRYID)) as Uint8Array, null, C.DEL_MESSAGES);
    expect(await t.getRowCount(0)).toBe(0);
    await f.deleteMessages([eid], null, C.DELETE_HARD_DELETE);
    expect(await t.getRowCount(0)).toBe(0);
    expect(await names(await inbox.getHierarchyTable(C.MAPI_UNICODE | C.SHOW_SOFT_DELETES))).toEqual(['F']);
  });

  it('follows creation, renaming, deletion and moves with row notifications', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const t = await inbox.getHierarchyTable(C.MAPI_UNICODE);
    const rec = await watch(t);
    const a = await addFolder(inbox, 'A');
    await a.setProps([{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'A2' }]);
    const b = await addFolder(inbox, 'B');
    await inbox.copyFolder((await prop(b, T.PR_ENTRYID)) as Uint8Array, null, s.openSpecial('drafts'), null, null, C.FOLDER_MOVE);
    await inbox.deleteFolder((await prop(a, T.PR_ENTRYID)) as Uint8Array, null, C.DELETE_HARD_DELETE);
    await s.flush();
    expect(tableEvents(rec)).toEqual([C.TABLE_ROW_ADDED, C.TABLE_ROW_MODIFIED, C.TABLE_ROW_ADDED, C.TABLE_ROW_DELETED, C.TABLE_ROW_DELETED]);
    expect(await t.getRowCount(0)).toBe(0);
  });

  it('keeps PR_CONTENT_COUNT, PR_CONTENT_UNREAD and PR_SUBFOLDERS of rows current', async () => {
    const s = await makeStore();
    const ipm = s.folder(s.backend.specialFolders().ipmSubtree as number);
    const t = await ipm.getHierarchyTable(C.MAPI_UNICODE);
    await t.setColumns([T.PR_DISPLAY_NAME_W, T.PR_CONTENT_COUNT, T.PR_CONTENT_UNREAD, T.PR_SUBFOLDERS], 0);
    const rec = await watch(t);
    const inbox = s.openSpecial('inbox');
    const eid = await addMessage(inbox);
    await s.flush();
    const modified = rec.notifications.filter((n) => 'tab' in n && n.tab.ulTableEvent === C.TABLE_ROW_MODIFIED);
    expect(modified.length).toBeGreaterThan(0);
    const inboxRow = () => allRows(t).then((rows) => rows.find((r) => cell(r, T.PR_DISPLAY_NAME_W) === 'Inbox'));
    expect(cell(await inboxRow(), T.PR_CONTENT_COUNT)).toBe(1);
    expect(cell(await inboxRow(), T.PR_CONTENT_UNREAD)).toBe(1);
    await inbox.setReadFlags([eid], null, 0);
    expect(cell(await inboxRow(), T.PR_CONTENT_UNREAD)).toBe(0);
    await addFolder(inbox, 'Sub');
    expect(cell(await inboxRow(), T.PR_SUBFOLDERS)).toBe(true);
  });

  it('a CONVENIENT_DEPTH table reloads when a folder with subfolders moves, and equals a fresh table', async () => {
    const s = await makeStore();
    const ipm = s.folder(s.backend.specialFolders().ipmSubtree as number);
    const t = await ipm.getHierarchyTable(C.CONVENIENT_DEPTH | C.MAPI_UNICODE);
    const rec = await watch(t);
    const inbox = s.openSpecial('inbox');
    const a = await addFolder(inbox, 'A');
    await addFolder(a, 'A1');
    await inbox.copyFolder((await prop(a, T.PR_ENTRYID)) as Uint8Array, null, s.openSpecial('drafts'), null, null, C.FOLDER_MOVE);
    await s.flush();
    expect(tableEvents(rec)).toContain(C.TABLE_RELOAD);
    const fresh = await ipm.getHierarchyTable(C.CONVENIENT_DEPTH | C.MAPI_UNICODE);
    const view = async (x: IMAPITable) => (await allRows(x)).map((r) => [cell(r, T.PR_DISPLAY_NAME_W), cell(r, T.PR_DEPTH)]);
    expect(await view(t)).toEqual(await view(fresh));
    expect((await view(t)).slice(5, 7)).toEqual([
      ['A', 2],
      ['A1', 3],
    ]);
  });

  it('a search folder has no hierarchy table; unknown flags are refused', async () => {
    const s = await makeStore();
    const search = await s.openSpecial('finder').createFolder(C.FOLDER_SEARCH, 'S', null, null, 0);
    expect(await scodeOf(search.getHierarchyTable(0))).toBe(E.MAPI_E_NO_SUPPORT);
    expect(await scodeOf(s.openSpecial('inbox').getHierarchyTable(C.MAPI_ASSOCIATED))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
  });
});

/** Keeps IMessage referenced as a type. */
export type _Message = IMessage;
