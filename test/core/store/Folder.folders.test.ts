import { describe, expect, it } from 'vitest';
import { addFolder, addMessage, allRows, cell, makeStore, objectEvents, prop, scodeOf } from './helpers.js';
import type { IMAPIFolder } from '../../../src/core/store/interfaces.js';
import * as T from '../../../src/core/generated/proptags.js';
import * as C from '../../../src/core/generated/constants.js';
import * as E from '../../../src/core/generated/scodes.js';
import { IID_IMAPIContainer, IID_IMessage } from '../../../src/core/generated/guids.js';

const eidOf = async (f: IMAPIFolder) => (await prop(f, T.PR_ENTRYID)) as Uint8Array;
const subNames = async (f: IMAPIFolder, flags = 0) => (await allRows(await f.getHierarchyTable(C.MAPI_UNICODE | flags))).map((r) => cell(r, T.PR_DISPLAY_NAME_W));

describe('IMAPIFolder.createFolder', () => {
  it('creates a subfolder with name, comment, times and a change key; fnevObjectCreated', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const rec = await s.record();
    const f = await inbox.createFolder(C.FOLDER_GENERIC, 'Projects', 'work things', IID_IMAPIContainer, C.MAPI_UNICODE);
    await s.flush();
    expect(await prop(f, T.PR_DISPLAY_NAME_W)).toBe('Projects');
    expect(await prop(f, T.PR_COMMENT_W)).toBe('work things');
    expect(await prop(f, T.PR_CREATION_TIME)).toEqual(s.clock.now());
    expect(await prop(f, T.PR_LAST_MODIFICATION_TIME)).toEqual(s.clock.now());
    expect(await prop(f, T.PR_CHANGE_KEY)).toBeInstanceOf(Uint8Array);
    expect(await prop(f, T.PR_PARENT_ENTRYID)).toEqual(await eidOf(inbox));
    expect(await prop(f, T.PR_ACCESS_LEVEL)).toBe(C.MAPI_MODIFY);
    expect(objectEvents(rec)).toEqual([[C.fnevObjectCreated, expect.objectContaining({ lpEntryID: await eidOf(f), lpParentID: await eidOf(inbox), ulObjType: C.MAPI_FOLDER })]]);
    expect(await prop(inbox, T.PR_SUBFOLDERS)).toBe(true);
  });

  it('a name in use is MAPI_E_COLLISION (case-insensitive); OPEN_IF_EXISTS opens that folder', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const f = await addFolder(inbox, 'Projects');
    expect(await scodeOf(inbox.createFolder(C.FOLDER_GENERIC, 'PROJECTS', null, null, 0))).toBe(E.MAPI_E_COLLISION);
    const same = await inbox.createFolder(C.FOLDER_GENERIC, 'projects', null, null, C.OPEN_IF_EXISTS);
    expect(await eidOf(same)).toEqual(await eidOf(f));
    // A soft-deleted folder frees its name.
    await inbox.deleteFolder(await eidOf(f), null, 0);
    expect(await eidOf(await inbox.createFolder(C.FOLDER_GENERIC, 'Projects', null, null, 0))).not.toEqual(await eidOf(f));
  });

  it('FOLDER_SEARCH makes a search folder (DT_FOLDER_LINK) that cannot have subfolders', async () => {
    const s = await makeStore();
    const search = await s.openSpecial('finder').createFolder(C.FOLDER_SEARCH, 'Flagged', null, null, 0);
    expect(await prop(search, T.PR_FOLDER_TYPE)).toBe(C.FOLDER_SEARCH);
    expect(await prop(search, T.PR_DISPLAY_TYPE)).toBe(C.DT_FOLDER_LINK);
    expect(await scodeOf(search.createFolder(C.FOLDER_GENERIC, 'x', null, null, 0))).toBe(E.MAPI_E_NO_SUPPORT);
  });

  it('errors: folder type, empty name, comment, interface, flags', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    expect(await scodeOf(inbox.createFolder(C.FOLDER_ROOT, 'x', null, null, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(inbox.createFolder(C.FOLDER_GENERIC, '', null, null, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(inbox.createFolder(C.FOLDER_GENERIC, null as never, null, null, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(inbox.createFolder(C.FOLDER_GENERIC, 'x', 5 as never, null, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(inbox.createFolder(C.FOLDER_GENERIC, 'x', null, IID_IMessage, 0))).toBe(E.MAPI_E_INTERFACE_NOT_SUPPORTED);
    expect(await scodeOf(inbox.createFolder(C.FOLDER_GENERIC, 'x', null, null, 0x2))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
  });
});

describe('IMAPIFolder.copyFolder', () => {
  it('copies a folder with its messages; COPY_SUBFOLDERS copies the subtree too', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const drafts = s.openSpecial('drafts');
    const src = await addFolder(inbox, 'Src');
    await addMessage(src);
    await addMessage(src, [], true);
    const child = await addFolder(src, 'Child');
    await addMessage(child);
    const rec = await s.record();
    expect(await inbox.copyFolder(await eidOf(src), null, drafts, null, null, 0)).toEqual({});
    await s.flush();
    expect(await subNames(drafts)).toEqual(['Src']);
    const copy = (await s.store().openEntry(cell((await allRows(await drafts.getHierarchyTable(0)))[0], T.PR_ENTRYID) as Uint8Array, null, C.MAPI_MODIFY)) as IMAPIFolder;
    expect(await prop(copy, T.PR_CONTENT_COUNT)).toBe(1);
    expect(await prop(copy, T.PR_ASSOC_CONTENT_COUNT)).toBe(1);
    expect(await prop(copy, T.PR_SUBFOLDERS)).toBe(false);
    const folderEvents = objectEvents(rec).filter(([, o]) => o.ulObjType === C.MAPI_FOLDER);
    expect(folderEvents.map(([t, o]) => [t, o.lpOldID])).toEqual([[C.fnevObjectCopied, await eidOf(src)]]);
    await inbox.copyFolder(await eidOf(src), null, drafts, 'Src 2', null, C.COPY_SUBFOLDERS | C.MAPI_UNICODE);
    expect(await subNames(drafts, C.CONVENIENT_DEPTH)).toEqual(['Src', 'Src 2', 'Child']);
    expect(await subNames(inbox)).toEqual(['Src']);
  });

  it('FOLDER_MOVE moves the subtree and keeps the entry ID; fnevObjectMoved', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const drafts = s.openSpecial('drafts');
    const src = await addFolder(inbox, 'Src');
    await addFolder(src, 'Child');
    const rec = await s.record();
    await inbox.copyFolder(await eidOf(src), null, drafts, 'Moved', null, C.FOLDER_MOVE);
    await s.flush();
    expect(await subNames(inbox)).toEqual([]);
    expect(await subNames(drafts, C.CONVENIENT_DEPTH)).toEqual(['Moved', 'Child']);
    expect(await prop(src, T.PR_PARENT_ENTRYID)).toEqual(await eidOf(drafts));
    expect(await prop(src, T.PR_DISPLAY_NAME_W)).toBe('Moved');
    expect(objectEvents(rec).map(([t, o]) => [t, o.lpEntryID, o.lpParentID, o.lpOldParentID])).toEqual([[C.fnevObjectMoved, await eidOf(src), await eidOf(drafts), await eidOf(inbox)]]);
  });

  it('moves and copies across stores', async () => {
    const s = await makeStore();
    const other = await makeStore({ sameWorldAs: s });
    const inbox = s.openSpecial('inbox');
    const src = await addFolder(inbox, 'Src');
    await addMessage(src, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'm' }]);
    await addFolder(src, 'Child');
    await inbox.copyFolder(await eidOf(src), null, other.openSpecial('inbox'), null, null, C.COPY_SUBFOLDERS);
    await inbox.copyFolder(await eidOf(src), null, other.openSpecial('drafts'), null, null, C.FOLDER_MOVE);
    expect(await subNames(inbox)).toEqual([]);
    expect(await subNames(other.openSpecial('inbox'), C.CONVENIENT_DEPTH)).toEqual(['Src', 'Child']);
    expect(await subNames(other.openSpecial('drafts'), C.CONVENIENT_DEPTH)).toEqual(['Src', 'Child']);
    const moved = (await allRows(await other.openSpecial('drafts').getHierarchyTable(0)))[0];
    expect(cell(moved, T.PR_CONTENT_COUNT)).toBe(1);
  });

  it('errors: collisions, cycles, folders that are not subfolders, access, dialogs', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const drafts = s.openSpecial('drafts');
    const src = await addFolder(inbox, 'Src');
    const child = await addFolder(src, 'Child');
    await addFolder(drafts, 'SRC');
    expect(await scodeOf(inbox.copyFolder(await eidOf(src), null, drafts, null, null, 0))).toBe(E.MAPI_E_COLLISION);
    expect(await scodeOf(inbox.copyFolder(await eidOf(src), null, inbox, null, null, 0))).toBe(E.MAPI_E_COLLISION);
    expect(await scodeOf(inbox.copyFolder(await eidOf(src), null, child, null, null, C.FOLDER_MOVE))).toBe(E.MAPI_E_FOLDER_CYCLE);
    expect(await scodeOf(inbox.copyFolder(await eidOf(src), null, src, 'x', null, 0))).toBe(E.MAPI_E_FOLDER_CYCLE);
    expect(await scodeOf(drafts.copyFolder(await eidOf(src), null, inbox, 'x', null, 0))).toBe(E.MAPI_E_NOT_FOUND);
    expect(await scodeOf(inbox.copyFolder(s.ctx.folderEntryId(999_999), null, drafts, null, null, 0))).toBe(E.MAPI_E_NOT_FOUND);
    expect(await scodeOf(inbox.copyFolder(await eidOf(src), null, drafts, '', null, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(inbox.copyFolder(await eidOf(src), null, drafts, 'x', null, C.FOLDER_DIALOG))).toBe(E.MAPI_E_NO_SUPPORT);
    expect(await scodeOf(inbox.copyFolder(await eidOf(src), null, drafts, 'x', null, 0x100))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(inbox.copyFolder(await eidOf(src), null, s.folder(s.backend.specialFolders().drafts as number, false), 'x', null, 0))).toBe(E.MAPI_E_NO_ACCESS);
    // Moving a folder back into its own parent under its own name is no collision.
    await inbox.copyFolder(await eidOf(src), null, inbox, null, null, C.FOLDER_MOVE);
    expect(await subNames(inbox)).toEqual(['Src']);
  });
});

describe('IMAPIFolder.deleteFolder', () => {
  it('an empty folder goes with no flags; soft by default, shown with SHOW_SOFT_DELETES', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const f = await addFolder(inbox, 'Empty');
    const rec = await s.record();
    expect(await inbox.deleteFolder(await eidOf(f), null, 0)).toEqual({});
    await s.flush();
    expect(await subNames(inbox)).toEqual([]);
    expect(await subNames(inbox, C.SHOW_SOFT_DELETES)).toEqual(['Empty']);
    expect(objectEvents(rec).map(([t, o]) => [t, o.lpEntryID])).toEqual([[C.fnevObjectDeleted, await eidOf(f)]]);
    expect(await scodeOf(s.store().openEntry(await eidOf(f), null, 0))).toBe(E.MAPI_E_NOT_FOUND);
    // Deleting it again purges it.
    await inbox.deleteFolder(await eidOf(f), null, 0);
    expect(await subNames(inbox, C.SHOW_SOFT_DELETES)).toEqual([]);
  });

  it('MAPI_E_HAS_FOLDERS / MAPI_E_HAS_MESSAGES without DEL_FOLDERS / DEL_MESSAGES', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const f = await addFolder(inbox, 'Full');
    const child = await addFolder(f, 'Child');
    await addMessage(child);
    expect(await scodeOf(inbox.deleteFolder(await eidOf(f), null, 0))).toBe(E.MAPI_E_HAS_FOLDERS);
    expect(await scodeOf(inbox.deleteFolder(await eidOf(f), null, C.DEL_FOLDERS))).toBe(E.MAPI_E_HAS_MESSAGES);
    const g = await addFolder(inbox, 'Messages');
    await addMessage(g, [], true);
    expect(await scodeOf(inbox.deleteFolder(await eidOf(g), null, 0))).toBe(E.MAPI_E_HAS_MESSAGES);
    await inbox.deleteFolder(await eidOf(f), null, C.DEL_FOLDERS | C.DEL_MESSAGES | C.DELETE_HARD_DELETE);
    expect(s.backend.folder(s.backend.entryIds.parse(await eidOf(inbox))?.id as number)).toBeDefined();
    expect(await subNames(inbox, C.SHOW_SOFT_DELETES)).toEqual([]);
    expect(await subNames(inbox)).toEqual(['Messages']);
  });

  it('a soft delete takes the subtree along: counts and deep tables drop it', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const f = await addFolder(inbox, 'F');
    const child = await addFolder(f, 'Child');
    await addMessage(child);
    const ipm = s.folder(s.backend.specialFolders().ipmSubtree as number);
    const deep = await ipm.getHierarchyTable(C.CONVENIENT_DEPTH | C.MAPI_UNICODE);
    expect(await deep.getRowCount(0)).toBe(12);
    await inbox.deleteFolder(await eidOf(f), null, C.DEL_FOLDERS | C.DEL_MESSAGES);
    expect(await deep.getRowCount(0)).toBe(10);
    expect(await prop(inbox, T.PR_SUBFOLDERS)).toBe(false);
  });

  it('errors: foreign entry IDs, not a subfolder, flags, access', async () => {
    const s = await makeStore();
    const other = await makeStore({ seed: 13 });
    const inbox = s.openSpecial('inbox');
    const f = await addFolder(s.openSpecial('drafts'), 'Elsewhere');
    expect(await scodeOf(inbox.deleteFolder(other.ctx.folderEntryId(2), null, 0))).toBe(E.MAPI_E_INVALID_ENTRYID);
    expect(await scodeOf(inbox.deleteFolder(await eidOf(f), null, 0))).toBe(E.MAPI_E_NOT_FOUND);
    expect(await scodeOf(inbox.deleteFolder(await eidOf(f), null, 0x2))).toBe(E.MAPI_E_NO_SUPPORT);
    expect(await scodeOf(inbox.deleteFolder(await eidOf(f), null, 0x100))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(s.folder(s.backend.specialFolders().drafts as number, false).deleteFolder(await eidOf(f), null, 0))).toBe(E.MAPI_E_NO_ACCESS);
    expect(await scodeOf(inbox.deleteFolder(undefined as never, null, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
  });
});

describe('IMAPIFolder.openEntry', () => {
  it('opens subfolders and messages by entry ID; null opens the root', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const f = await addFolder(inbox, 'Sub');
    const m = await addMessage(inbox);
    expect(await prop(await inbox.openEntry<IMAPIFolder>(await eidOf(f), null, C.MAPI_MODIFY), T.PR_DISPLAY_NAME_W)).toBe('Sub');
    expect(await prop(await inbox.openEntry<IMAPIFolder>(m, null, 0), T.PR_OBJECT_TYPE)).toBe(C.MAPI_MESSAGE);
    expect(await prop(await inbox.openEntry<IMAPIFolder>(null, null, 0), T.PR_FOLDER_TYPE)).toBe(C.FOLDER_ROOT);
  });

  it('errors: MAPI_E_UNKNOWN_ENTRYID for another store, MAPI_E_NOT_FOUND for a missing object', async () => {
    const s = await makeStore();
    const other = await makeStore({ seed: 17 });
    const inbox = s.openSpecial('inbox');
    expect(await scodeOf(inbox.openEntry(other.ctx.folderEntryId(2), null, 0))).toBe(E.MAPI_E_UNKNOWN_ENTRYID);
    expect(await scodeOf(inbox.openEntry(s.ctx.folderEntryId(999_999), null, 0))).toBe(E.MAPI_E_NOT_FOUND);
    expect(await scodeOf(inbox.openEntry(s.ctx.folderEntryId(2), null, 0x4))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
  });
});
