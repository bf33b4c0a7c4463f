import { describe, expect, it } from 'vitest';
import { addFolder, addMessage, allRows, cell, makeStore, objectEvents, prop, scodeOf } from './helpers.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import type { IMAPIFolder } from '../../../src/core/store/interfaces.js';
import type { IMAPITable } from '../../../src/core/table/interfaces.js';
import * as T from '../../../src/core/generated/proptags.js';
import * as C from '../../../src/core/generated/constants.js';
import * as E from '../../../src/core/generated/scodes.js';
import { IID_IMAPIContainer, IID_IMAPIFolder, IID_IMAPITable, IID_IMessage, IID_IMAPIProp } from '../../../src/core/generated/guids.js';

describe('IMAPIFolder properties', () => {
  it('computes identity, type, counts, access and display type', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const inboxId = s.backend.specialFolders().inbox as number;
    await addMessage(inbox);
    await addMessage(inbox, [{ ulPropTag: T.PR_MESSAGE_FLAGS, Value: C.MSGFLAG_READ }]);
    await addMessage(inbox, [], true);
    await addFolder(inbox, 'Sub');
    expect(await prop(inbox, T.PR_ENTRYID)).toEqual(s.ctx.folderEntryId(inboxId));
    expect(await prop(inbox, T.PR_PARENT_ENTRYID)).toEqual(s.ctx.folderEntryId(s.backend.specialFolders().ipmSubtree as number));
    expect(await prop(inbox, T.PR_OBJECT_TYPE)).toBe(C.MAPI_FOLDER);
    expect(await prop(inbox, T.PR_FOLDER_TYPE)).toBe(C.FOLDER_GENERIC);
    expect(await prop(inbox, T.PR_DISPLAY_TYPE)).toBe(C.DT_FOLDER);
    expect(await prop(inbox, T.PR_CONTENT_COUNT)).toBe(2);
    expect(await prop(inbox, T.PR_CONTENT_UNREAD)).toBe(1);
    expect(await prop(inbox, T.PR_ASSOC_CONTENT_COUNT)).toBe(1);
    expect(await prop(inbox, T.PR_SUBFOLDERS)).toBe(true);
    expect(await prop(inbox, T.PR_FOLDER_CHILD_COUNT)).toBe(1);
    expect(await prop(inbox, T.PR_STORE_ENTRYID)).toEqual(s.ctx.storeEntryId);
    expect(await prop(inbox, T.PR_ACCESS_LEVEL)).toBe(C.MAPI_MODIFY);
    expect(await prop(s.folder(inboxId, false), T.PR_ACCESS_LEVEL)).toBe(0);
    expect(await prop(s.folder(s.backend.rootId()), T.PR_PARENT_ENTRYID)).toEqual(s.ctx.folderEntryId(s.backend.rootId()));
  });

  it('getPropList lists the stored, computed and subobject properties', async () => {
    const s = await makeStore();
    const tags = await s.openSpecial('inbox').getPropList(C.MAPI_UNICODE);
    for (const t of [T.PR_DISPLAY_NAME_W, T.PR_CONTAINER_CLASS_W, T.PR_CONTENT_COUNT, T.PR_CREATION_TIME, T.PR_CHANGE_KEY, T.PR_CONTAINER_HIERARCHY, T.PR_CONTAINER_CONTENTS, T.PR_FOLDER_ASSOCIATED_CONTENTS]) {
      expect(tags).toContain(t);
    }
  });

  it('setProps writes through at once: another handle sees it; computed properties are MAPI_E_COMPUTED', async () => {
    const s = await makeStore();
    const id = s.backend.specialFolders().inbox as number;
    const a = s.folder(id);
    const b = s.folder(id);
    const problems = await a.setProps([
      { ulPropTag: T.PR_COMMENT_W, Value: 'mail' },
      { ulPropTag: T.PR_CONTENT_COUNT, Value: 7 },
      { ulPropTag: T.PR_ENTRYID, Value: Uint8Array.of(1) },
    ]);
    expect(problems.map((p: { ulIndex: number; scode: number }) => [p.ulIndex, p.scode])).toEqual([
      [1, E.MAPI_E_COMPUTED],
      [2, E.MAPI_E_COMPUTED],
    ]);
    expect(await prop(b, T.PR_COMMENT_W)).toBe('mail');
    await b.deleteProps([T.PR_COMMENT_W]);
    expect(await prop(a, T.PR_COMMENT_W)).toBeUndefined();
    await a.saveChanges(0); // nothing to do on an immediate object
  });

  it('every change updates PR_LAST_MODIFICATION_TIME and the change key, keeping the predecessor list', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const created = await prop(inbox, T.PR_CREATION_TIME);
    const key1 = (await prop(inbox, T.PR_CHANGE_KEY)) as Uint8Array;
    s.clock.advance(60_000);
    await inbox.setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'x' }]);
    expect(await prop(inbox, T.PR_LAST_MODIFICATION_TIME)).toEqual(s.clock.now());
    expect(await prop(inbox, T.PR_CREATION_TIME)).toEqual(created);
    const key2 = (await prop(inbox, T.PR_CHANGE_KEY)) as Uint8Array;
    expect(key2).toHaveLength(22);
    expect(key2).not.toEqual(key1);
    const pcl = (await prop(inbox, T.PR_PREDECESSOR_CHANGE_LIST)) as Uint8Array;
    // One namespace, so the list holds only the newest change (SizedXid: size byte + XID).
    expect(pcl).toEqual(Uint8Array.of(22, ...key2));
  });

  it('renaming to a sibling name is a MAPI_E_COLLISION problem (case-insensitive); the other values are set', async () => {
    const s = await makeStore();
    const drafts = s.openSpecial('drafts');
    const problems = await drafts.setProps([
      { ulPropTag: T.PR_COMMENT_W, Value: 'c' },
      { ulPropTag: T.PR_DISPLAY_NAME_A, Value: 'INBOX' },
      { ulPropTag: T.PR_CONTENT_COUNT, Value: 1 },
    ]);
    expect(problems).toEqual([
      { ulIndex: 1, ulPropTag: T.PR_DISPLAY_NAME_A, scode: E.MAPI_E_COLLISION },
      { ulIndex: 2, ulPropTag: T.PR_CONTENT_COUNT, scode: E.MAPI_E_COMPUTED },
    ]);
    expect(await prop(drafts, T.PR_DISPLAY_NAME_W)).toBe('Drafts');
    expect(await prop(drafts, T.PR_COMMENT_W)).toBe('c');
    await drafts.setProps([{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'DRAFTS' }]);
    expect(await prop(drafts, T.PR_DISPLAY_NAME_W)).toBe('DRAFTS');
  });

  it('setProps sends fnevObjectModified with the changed tags', async () => {
    const s = await makeStore();
    const rec = await s.record();
    const inbox = s.openSpecial('inbox');
    await inbox.setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'x' }]);
    await s.flush();
    const [[type, n] = []] = objectEvents(rec);
    expect(type).toBe(C.fnevObjectModified);
    expect(n?.ulObjType).toBe(C.MAPI_FOLDER);
    expect(n?.lpEntryID).toEqual(await prop(inbox, T.PR_ENTRYID));
    expect(n?.lpParentID).toEqual(await prop(inbox, T.PR_PARENT_ENTRYID));
    expect(n?.lpPropTagArray).toEqual([T.PR_COMMENT_W]);
  });

  it('a read-only handle cannot change the folder', async () => {
    const s = await makeStore();
    const ro = s.folder(s.backend.specialFolders().inbox as number, false);
    expect(await scodeOf(ro.setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'x' }]))).toBe(E.MAPI_E_NO_ACCESS);
    expect(await scodeOf(ro.createFolder(C.FOLDER_GENERIC, 'x', null, null, 0))).toBe(E.MAPI_E_NO_ACCESS);
    expect(await scodeOf(ro.createMessage(null, 0))).toBe(E.MAPI_E_NO_ACCESS);
  });

  it('calls on a handle of a deleted folder fail with MAPI_E_OBJECT_DELETED', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const sub = await addFolder(inbox, 'Gone');
    await inbox.deleteFolder((await prop(sub, T.PR_ENTRYID)) as Uint8Array, null, C.DELETE_HARD_DELETE);
    expect(await scodeOf(sub.getProps(null, 0))).toBe(E.MAPI_E_OBJECT_DELETED);
  });

  it('queryInterface answers the folder interfaces', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    for (const iid of [IID_IMAPIFolder, IID_IMAPIContainer, IID_IMAPIProp]) expect(await inbox.queryInterface(iid)).toBe(inbox);
    expect(await scodeOf(inbox.queryInterface(IID_IMessage))).toBe(E.MAPI_E_INTERFACE_NOT_SUPPORTED);
  });
});

describe('IMAPIFolder.openProperty', () => {
  it('opens the contents, associated contents and hierarchy tables through their properties', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    await addMessage(inbox);
    await addMessage(inbox, [], true);
    await addFolder(inbox, 'Sub');
    const contents = await inbox.openProperty<IMAPITable>(T.PR_CONTAINER_CONTENTS, IID_IMAPITable, 0, 0);
    const assoc = await inbox.openProperty<IMAPITable>(T.PR_FOLDER_ASSOCIATED_CONTENTS, IID_IMAPITable, 0, 0);
    const hier = await inbox.openProperty<IMAPITable>(T.PR_CONTAINER_HIERARCHY, IID_IMAPITable, C.MAPI_UNICODE, 0);
    expect(await contents.getRowCount(0)).toBe(1);
    expect(await assoc.getRowCount(0)).toBe(1);
    expect(cell((await allRows(hier))[0], T.PR_DISPLAY_NAME_W)).toBe('Sub');
    expect(await scodeOf(inbox.openProperty(T.PR_CONTAINER_CONTENTS, IID_IMAPITable, 0x1000, 0))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    const [v] = await inbox.getProps([T.PR_CONTAINER_CONTENTS], 0);
    expect(v?.Value).toBe(E.MAPI_E_NOT_FOUND);
  });
});

describe('IMAPIFolder.copyTo', () => {
  it('copies properties, messages and subfolders (PR_CONTAINER_* subobjects)', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const src = await addFolder(inbox, 'Src');
    await src.setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'source' }]);
    await addMessage(src);
    await addMessage(src, [], true);
    const child = await addFolder(src, 'Child');
    await addMessage(child);
    const dest = await addFolder(inbox, 'Dest');
    const problems = await src.copyTo(null, null, null, IID_IMAPIFolder, dest, 0);
    // The name would collide with the source, a sibling of the destination.
    expect(problems).toEqual([expect.objectContaining({ ulPropTag: T.PR_DISPLAY_NAME_W, scode: E.MAPI_E_COLLISION })]);
    expect(await prop(dest, T.PR_COMMENT_W)).toBe('source');
    expect(await prop(dest, T.PR_DISPLAY_NAME_W)).toBe('Dest');
    expect(await prop(dest, T.PR_CONTENT_COUNT)).toBe(1);
    expect(await prop(dest, T.PR_ASSOC_CONTENT_COUNT)).toBe(1);
    const sub = await allRows(await dest.getHierarchyTable(C.MAPI_UNICODE | C.CONVENIENT_DEPTH));
    expect(sub.map((r) => [cell(r, T.PR_DISPLAY_NAME_W), cell(r, T.PR_CONTENT_COUNT)])).toEqual([['Child', 1]]);
    expect(await prop(src, T.PR_CONTENT_COUNT)).toBe(1);
  });

  it('excluding PR_CONTAINER_HIERARCHY and PR_CONTAINER_CONTENTS copies only the properties', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const src = await addFolder(inbox, 'Src');
    await addMessage(src);
    await addFolder(src, 'Child');
    const dest = await addFolder(inbox, 'Dest');
    await src.copyTo(null, [T.PR_CONTAINER_HIERARCHY, T.PR_CONTAINER_CONTENTS, T.PR_DISPLAY_NAME_W], null, IID_IMAPIFolder, dest, 0);
    expect(await prop(dest, T.PR_CONTENT_COUNT)).toBe(0);
    expect(await prop(dest, T.PR_SUBFOLDERS)).toBe(false);
    expect(await prop(dest, T.PR_DISPLAY_NAME_W)).toBe('Dest');
  });

  it('copyProps with MAPI_MOVE moves the messages', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const src = await addFolder(inbox, 'Src');
    await addMessage(src);
    const dest = await addFolder(inbox, 'Dest');
    await src.copyProps([T.PR_CONTAINER_CONTENTS], null, IID_IMAPIFolder, dest, C.MAPI_MOVE);
    expect(await prop(src, T.PR_CONTENT_COUNT)).toBe(0);
    expect(await prop(dest, T.PR_CONTENT_COUNT)).toBe(1);
  });

  it('a copy into the folder itself or its subtree is MAPI_E_FOLDER_CYCLE', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const src = await addFolder(inbox, 'Src');
    const child = await addFolder(src, 'Child');
    expect(await scodeOf(src.copyTo(null, null, null, IID_IMAPIFolder, child, 0))).toBe(E.MAPI_E_FOLDER_CYCLE);
    const again = s.folder(s.backend.entryIds.parse((await prop(src, T.PR_ENTRYID)) as Uint8Array)?.id as number);
    expect(await scodeOf(src.copyTo(null, null, null, IID_IMAPIFolder, again, 0))).toBe(E.MAPI_E_FOLDER_CYCLE);
  });

  it('subfolders whose name exists in the destination are reported as MAPI_E_COLLISION problems', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const src = await addFolder(inbox, 'Src');
    await addFolder(src, 'Same');
    const dest = await addFolder(inbox, 'Dest');
    await addFolder(dest, 'same');
    const problems = await src.copyTo(null, [T.PR_DISPLAY_NAME_W], null, IID_IMAPIFolder, dest, 0);
    expect(problems).toEqual([{ ulIndex: 0, ulPropTag: T.PR_CONTAINER_HIERARCHY, scode: E.MAPI_E_COLLISION }]);
  });
});

describe('IMAPIFolder notifications through a folder-limited advise', () => {
  it('a sink on a folder hears about the folder and its messages only', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const rec = new NotificationRecorder();
    await s.store().advise((await prop(inbox, T.PR_ENTRYID)) as Uint8Array, 0xff, rec);
    await inbox.setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'x' }]);
    await s.openSpecial('drafts').setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'y' }]);
    await s.flush();
    expect(rec.count).toBe(1);
    expect((rec.notifications[0] as { obj: { lpEntryID: Uint8Array } }).obj.lpEntryID).toEqual(await prop(inbox, T.PR_ENTRYID));
  });
});

/** Keeps IMAPIFolder used as a type for the helpers above. */
export type _Folder = IMAPIFolder;
