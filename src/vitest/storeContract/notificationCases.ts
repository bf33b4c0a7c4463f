/**
 * Store contract: object and new-mail notifications through IMsgStore::Advise.
 * @internal
 */
import { describe, expect, it } from 'vitest';
import type { IMsgStore } from '../../core/store/interfaces.js';
import type { OBJECT_NOTIFICATION } from '../../core/notify/types.js';
import { NotificationRecorder } from '../../core/notify/sink.js';
import * as T from '../../core/generated/proptags.js';
import * as C from '../../core/generated/constants.js';
import * as E from '../../core/generated/scodes.js';
import { OBJECT_EVENTS, bin, childEntryId, eventName, objectEvents, rejects, saveMessage, type ContractSuite } from './env.js';

/** True when an entry ID of a notification names the same object as `eid`. */
async function same(store: IMsgStore, a: Uint8Array | null | undefined, eid: Uint8Array): Promise<boolean> {
  return !!a && (await store.compareEntryIDs(a, eid, 0));
}

/** The single object event a recorder got (fails with the list otherwise). */
function only(events: [number, OBJECT_NOTIFICATION][], type: number): OBJECT_NOTIFICATION {
  expect(events.map(([t]) => eventName(t))).toEqual([eventName(type)]);
  return (events[0] as [number, OBJECT_NOTIFICATION])[1];
}

export function notificationCases(s: ContractSuite): void {
  describe('IMsgStore.advise', () => {
    if (!s.caps.notifications) {
      it('is not supported: MAPI_E_NO_SUPPORT (imsgstore-advise.md)', async () => {
        await rejects(s.env().store.advise(null, OBJECT_EVENTS, new NotificationRecorder()), E.MAPI_E_NO_SUPPORT);
      });
      return;
    }

    it('notifyNewMail reaches fnevNewMail sinks with the NEWMAIL_NOTIFICATION it was given (imsgstore-notifynewmail.md)', async () => {
      const env = s.env();
      const rec = await env.record(C.fnevNewMail);
      const inbox = (await env.store.getReceiveFolder('IPM.Note', 0)).lpEntryID;
      const entry = Uint8Array.from(inbox);
      await env.store.notifyNewMail({ ulEventType: C.fnevNewMail, newmail: { lpEntryID: entry, lpParentID: inbox, ulFlags: C.MAPI_UNICODE, lpszMessageClass: 'IPM.Note', ulMessageFlags: 0 } });
      await env.flush();
      const mail = rec.notifications.filter((n) => n.ulEventType === C.fnevNewMail);
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({ newmail: { lpszMessageClass: 'IPM.Note', ulMessageFlags: 0 } });
    });

    it('unadvise stops the deliveries; the connection number is nonzero (imsgstore-unadvise.md)', async () => {
      const env = s.env();
      const rec = new NotificationRecorder();
      const conn = await env.store.advise(null, C.fnevNewMail, rec);
      expect(conn).not.toBe(0);
      await env.store.unadvise(conn);
      const inbox = (await env.store.getReceiveFolder('', 0)).lpEntryID;
      await env.store.notifyNewMail({ ulEventType: C.fnevNewMail, newmail: { lpEntryID: inbox, lpParentID: inbox, ulFlags: 0, lpszMessageClass: 'IPM', ulMessageFlags: 0 } });
      await env.flush();
      expect(rec.notifications).toEqual([]);
    });

    if (!s.caps.write) return;

    it('a new message: fnevObjectCreated with its entry ID, its folder and MAPI_MESSAGE (object_notification.md)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const rec = await env.record();
      const { eid } = await saveMessage(folder, 'created');
      await env.flush();
      const n = only(objectEvents(rec), C.fnevObjectCreated);
      expect(n.ulObjType).toBe(C.MAPI_MESSAGE);
      expect(await same(env.store, n.lpEntryID, eid)).toBe(true);
      expect(await same(env.store, n.lpParentID, await bin(folder, T.PR_ENTRYID))).toBe(true);
    });

    it('a saved change: fnevObjectModified for the message; a folder property change: fnevObjectModified for the folder (object_notification.md)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const { msg, eid } = await saveMessage(folder, 'before');
      const rec = await env.record();
      await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'after' }]);
      await msg.saveChanges(C.KEEP_OPEN_READWRITE);
      await env.flush();
      const n = only(objectEvents(rec), C.fnevObjectModified);
      expect([n.ulObjType, await same(env.store, n.lpEntryID, eid)]).toEqual([C.MAPI_MESSAGE, true]);
      rec.notifications.length = 0;
      await folder.setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'changed' }]);
      await env.flush();
      const f = only(objectEvents(rec), C.fnevObjectModified);
      expect([f.ulObjType, await same(env.store, f.lpEntryID, await bin(folder, T.PR_ENTRYID))]).toEqual([C.MAPI_FOLDER, true]);
    });

    it('a deleted message: fnevObjectDeleted with its entry ID and folder (object_notification.md)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const { eid } = await saveMessage(folder, 'deleted');
      const rec = await env.record();
      await folder.deleteMessages([eid], null, C.DELETE_HARD_DELETE);
      await env.flush();
      const n = only(objectEvents(rec), C.fnevObjectDeleted);
      expect(await same(env.store, n.lpEntryID, eid)).toBe(true);
      expect(await same(env.store, n.lpParentID, await bin(folder, T.PR_ENTRYID))).toBe(true);
    });

    it('a moved message: fnevObjectMoved with the old and new folders (object_notification.md)', async () => {
      const env = s.env();
      const from = await env.scratch('from');
      const to = await env.scratch('to');
      const { eid } = await saveMessage(from, 'moved');
      const rec = await env.record();
      await from.copyMessages([eid], null, to, null, C.MESSAGE_MOVE);
      await env.flush();
      const n = only(objectEvents(rec), C.fnevObjectMoved);
      expect(n.ulObjType).toBe(C.MAPI_MESSAGE);
      expect(await same(env.store, n.lpParentID, await bin(to, T.PR_ENTRYID))).toBe(true);
      expect(await same(env.store, n.lpOldParentID, await bin(from, T.PR_ENTRYID))).toBe(true);
      expect(await same(env.store, n.lpOldID, eid)).toBe(true);
    });

    it('a copied message: fnevObjectCopied naming the copy and, as lpOldID, the original (object_notification.md)', async () => {
      const env = s.env();
      const from = await env.scratch('from');
      const to = await env.scratch('to');
      const { eid } = await saveMessage(from, 'copied');
      const rec = await env.record();
      await from.copyMessages([eid], null, to, null, 0);
      await env.flush();
      const n = only(objectEvents(rec), C.fnevObjectCopied);
      expect(await same(env.store, n.lpOldID, eid)).toBe(true);
      expect(await same(env.store, n.lpEntryID, eid)).toBe(false);
      expect(await same(env.store, n.lpParentID, await bin(to, T.PR_ENTRYID))).toBe(true);
      expect(await same(env.store, n.lpOldParentID, await bin(from, T.PR_ENTRYID))).toBe(true);
    });

    it('folders: fnevObjectCreated, fnevObjectMoved (with the old parent) and fnevObjectDeleted with MAPI_FOLDER (object_notification.md)', async () => {
      const env = s.env();
      const from = await env.scratch('from');
      const to = await env.scratch('to');
      const rec = await env.record();
      const child = await from.createFolder(C.FOLDER_GENERIC, 'child', null, null, 0);
      const eid = await bin(child, T.PR_ENTRYID);
      await env.flush();
      const created = only(objectEvents(rec), C.fnevObjectCreated);
      expect([created.ulObjType, await same(env.store, created.lpEntryID, eid), await same(env.store, created.lpParentID, await bin(from, T.PR_ENTRYID))]).toEqual([C.MAPI_FOLDER, true, true]);
      rec.notifications.length = 0;
      await from.copyFolder(eid, null, to, null, null, C.FOLDER_MOVE);
      await env.flush();
      const moved = only(objectEvents(rec), C.fnevObjectMoved);
      expect(moved.ulObjType).toBe(C.MAPI_FOLDER);
      expect(await same(env.store, moved.lpParentID, await bin(to, T.PR_ENTRYID))).toBe(true);
      expect(await same(env.store, moved.lpOldParentID, await bin(from, T.PR_ENTRYID))).toBe(true);
      rec.notifications.length = 0;
      await to.deleteFolder((await childEntryId(to, 'child')) as Uint8Array, null, C.DELETE_HARD_DELETE);
      await env.flush();
      expect(only(objectEvents(rec), C.fnevObjectDeleted).ulObjType).toBe(C.MAPI_FOLDER);
    });

    it('the event mask filters: a sink for fnevObjectDeleted hears no creation (imsgstore-advise.md)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const rec = await env.record(C.fnevObjectDeleted);
      const { eid } = await saveMessage(folder, 'masked');
      await folder.deleteMessages([eid], null, C.DELETE_HARD_DELETE);
      await env.flush();
      expect(objectEvents(rec).map(([t]) => eventName(t))).toEqual(['fnevObjectDeleted']);
    });

    it('advise on a message\'s entry ID: only notifications about that message (imsgstore-advise.md)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const watched = await saveMessage(folder, 'watched');
      const other = await saveMessage(folder, 'other');
      const rec = await env.record(OBJECT_EVENTS, watched.eid);
      for (const { msg } of [other, watched]) {
        await msg.setProps([{ ulPropTag: T.PR_BODY_W, Value: 'changed' }]);
        await msg.saveChanges(C.KEEP_OPEN_READWRITE);
      }
      await env.flush();
      const n = only(objectEvents(rec), C.fnevObjectModified);
      expect(await same(env.store, n.lpEntryID, watched.eid)).toBe(true);
    });
  });
}
