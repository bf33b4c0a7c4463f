import { describe, expect, it } from 'vitest';
import { addFolder, addMessage, folderCountEvents, makeStore, objectEvents, openRW, prop } from './helpers.js';
import type { IMessage } from '../../../src/core/store/interfaces.js';
import * as T from '../../../src/core/generated/proptags.js';
import * as C from '../../../src/core/generated/constants.js';

// handling-message-store-notification.md: "Change in a computed folder property (PR_SUBFOLDERS,
// PR_CONTENT_UNREAD, PR_CONTENT_COUNT) → fnevObjectModified → Message store, Changed folder (No
// notification to parent folder)". One per folder and call, after the call's own notifications.
describe('fnevObjectModified for a folder whose computed counts changed', () => {
  const hex = (b: Uint8Array | null) => (b ? Buffer.from(b).toString('hex') : '-');
  const tagsOf = (tags: number[] | null) => [...(tags ?? [])].map((t) => t >>> 0).sort();

  it('a new unread message: the folder gets PR_CONTENT_COUNT and PR_CONTENT_UNREAD, after fnevObjectCreated', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const rec = await s.record();
    const eid = await addMessage(inbox);
    await s.flush();
    const all = objectEvents(rec, true);
    expect(all.map(([t, o]) => [t, o.ulObjType])).toEqual([
      [C.fnevObjectCreated, C.MAPI_MESSAGE],
      [C.fnevObjectModified, C.MAPI_FOLDER],
    ]);
    expect(all[0]?.[1].lpEntryID).toEqual(eid);
    const [folderEvent] = folderCountEvents(rec);
    expect(folderEvent?.lpEntryID).toEqual(await prop(inbox, T.PR_ENTRYID));
    expect(folderEvent?.lpParentID).toEqual(await prop(inbox, T.PR_PARENT_ENTRYID));
    expect(tagsOf(folderEvent?.lpPropTagArray ?? null)).toEqual(tagsOf([T.PR_CONTENT_COUNT, T.PR_CONTENT_UNREAD]));
  });

  it('reading a message changes PR_CONTENT_UNREAD only; changing its subject changes no count', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const eid = await addMessage(inbox);
    const rec = await s.record();
    const msg = await openRW<IMessage>(s.store(), eid);
    await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'new subject' }]);
    await msg.saveChanges(C.KEEP_OPEN_READWRITE);
    await s.flush();
    expect(folderCountEvents(rec)).toEqual([]);
    await msg.setReadFlag(C.SUPPRESS_RECEIPT);
    await s.flush();
    expect(folderCountEvents(rec).map((o) => tagsOf(o.lpPropTagArray))).toEqual([[T.PR_CONTENT_UNREAD >>> 0]]);
  });

  it('several messages moved in one call: one notification per folder, both folders', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const other = await addFolder(inbox, 'Other');
    const eids = [await addMessage(inbox), await addMessage(inbox), await addMessage(inbox)];
    const rec = await s.record();
    await inbox.copyMessages(eids, null, other, null, C.MESSAGE_MOVE);
    await s.flush();
    const events = folderCountEvents(rec);
    expect(events.map((o) => hex(o.lpEntryID)).sort()).toEqual([hex((await prop(inbox, T.PR_ENTRYID)) as Uint8Array), hex((await prop(other, T.PR_ENTRYID)) as Uint8Array)].sort());
    // After the three fnevObjectMoved.
    expect(objectEvents(rec, true).map(([t]) => t)).toEqual([C.fnevObjectMoved, C.fnevObjectMoved, C.fnevObjectMoved, C.fnevObjectModified, C.fnevObjectModified]);
  });

  it('deleting messages changes the counts; deleting an already soft-deleted one does not', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const a = await addMessage(inbox);
    const rec = await s.record();
    await inbox.deleteMessages([a], null, 0);
    await s.flush();
    expect(folderCountEvents(rec)).toHaveLength(1);
    await inbox.deleteMessages([a], null, 0);
    await s.flush();
    expect(folderCountEvents(rec)).toHaveLength(1);
  });

  it('PR_SUBFOLDERS: the parent is notified when its first subfolder comes and its last one goes, not for the new folder', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const rec = await s.record();
    const a = await addFolder(inbox, 'A');
    await addFolder(inbox, 'B');
    await s.flush();
    const inboxEid = (await prop(inbox, T.PR_ENTRYID)) as Uint8Array;
    expect(folderCountEvents(rec).map((o) => [hex(o.lpEntryID), tagsOf(o.lpPropTagArray)])).toEqual([[hex(inboxEid), [T.PR_SUBFOLDERS >>> 0]]]);
    const sub = await addFolder(a, 'Inner');
    await s.flush();
    // A's first subfolder; the new folder itself gets none.
    expect(folderCountEvents(rec).map((o) => hex(o.lpEntryID))).toEqual([hex(inboxEid), hex((await prop(a, T.PR_ENTRYID)) as Uint8Array)]);
    await a.deleteFolder((await prop(sub, T.PR_ENTRYID)) as Uint8Array, null, C.DEL_FOLDERS | C.DEL_MESSAGES);
    await s.flush();
    expect(folderCountEvents(rec)).toHaveLength(3);
  });

  it('reach a sink advised on the folder itself, not one advised on its parent', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const sub = await addFolder(inbox, 'Sub');
    const store = s.store();
    const { NotificationRecorder } = await import('../../../src/core/notify/sink.js');
    const onSub = new NotificationRecorder();
    const onInbox = new NotificationRecorder();
    await store.advise((await prop(sub, T.PR_ENTRYID)) as Uint8Array, C.fnevObjectModified, onSub);
    await store.advise((await prop(inbox, T.PR_ENTRYID)) as Uint8Array, C.fnevObjectModified, onInbox);
    await addMessage(sub);
    await s.flush();
    expect(folderCountEvents(onSub)).toHaveLength(1);
    expect(folderCountEvents(onInbox)).toHaveLength(0);
  });
});
