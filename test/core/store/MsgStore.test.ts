import { describe, expect, it } from 'vitest';
import { addMessage, allRows, cell, makeStore, makeStoreContext, prop, scodeOf } from './helpers.js';
import { openStoreObject } from '../../../src/core/store/MsgStore.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import type { IMAPIFolder, IMessage } from '../../../src/core/store/interfaces.js';
import type { IMAPIProp } from '../../../src/core/props/interfaces.js';
import * as T from '../../../src/core/generated/proptags.js';
import * as C from '../../../src/core/generated/constants.js';
import * as E from '../../../src/core/generated/scodes.js';
import { IID_IMAPIFolder, IID_IMAPITable, IID_IMessage } from '../../../src/core/generated/guids.js';

const entryOf = async (o: IMAPIProp) => (await prop(o, T.PR_ENTRYID)) as Uint8Array;

describe('initializeStore', () => {
  it('creates the Exchange default tree with container classes and special folders', async () => {
    const s = await makeStore();
    const store = s.store();
    const ipm = (await store.openEntry((await prop(store, T.PR_IPM_SUBTREE_ENTRYID)) as Uint8Array, null, 0)) as IMAPIFolder;
    const rows = await allRows(await ipm.getHierarchyTable(C.MAPI_UNICODE));
    const names = rows.map((r) => cell(r, T.PR_DISPLAY_NAME_W));
    expect(names).toEqual(['Inbox', 'Outbox', 'Sent Items', 'Deleted Items', 'Drafts', 'Calendar', 'Contacts', 'Tasks', 'Notes', 'Journal']);
    expect(rows.map((r) => cell(r, T.PR_CONTAINER_CLASS_W))).toEqual(['IPF.Note', 'IPF.Note', 'IPF.Note', 'IPF.Note', 'IPF.Note', 'IPF.Appointment', 'IPF.Contact', 'IPF.Task', 'IPF.StickyNote', 'IPF.Journal']);
    const root = (await store.openEntry(null, null, 0)) as IMAPIFolder;
    const top = (await allRows(await root.getHierarchyTable(C.MAPI_UNICODE))).map((r) => cell(r, T.PR_DISPLAY_NAME_W));
    expect(top).toEqual(['Top of Information Store', 'Finder', 'Views', 'Common Views']);
    expect(await prop(root, T.PR_DISPLAY_NAME_W)).toBe('Root Container');
    expect(await prop(store, T.PR_DISPLAY_NAME_W)).toBe('Test Mailbox');
  });

  it('puts the PR_IPM_*_ENTRYID properties Outlook reads on the root and the Inbox', async () => {
    const s = await makeStore();
    const calendar = s.ctx.folderEntryId(s.backend.specialFolders().calendar as number);
    for (const f of [s.folder(s.backend.rootId()), s.openSpecial('inbox')]) {
      expect(await prop(f, T.PR_IPM_APPOINTMENT_ENTRYID)).toEqual(calendar);
      for (const tag of [T.PR_IPM_CONTACT_ENTRYID, T.PR_IPM_DRAFTS_ENTRYID, T.PR_IPM_JOURNAL_ENTRYID, T.PR_IPM_NOTE_ENTRYID, T.PR_IPM_TASK_ENTRYID]) {
        expect(await prop(f, tag)).toBeInstanceOf(Uint8Array);
      }
    }
  });

  it('refuses a store that already has its folders', async () => {
    const s = await makeStore();
    const { initializeStore } = await import('../../../src/core/store/defaultFolders.js');
    await expect(initializeStore(s.ctx, 'again')).rejects.toThrow(/\[mapi-emu\]/);
  });
});

describe('IMsgStore properties', () => {
  it('computes identity, provider, support mask and special-folder entry IDs', async () => {
    const s = await makeStore();
    const store = s.store();
    expect(await prop(store, T.PR_OBJECT_TYPE)).toBe(C.MAPI_STORE);
    expect(await prop(store, T.PR_ENTRYID)).toEqual(s.ctx.storeEntryId);
    expect(await prop(store, T.PR_STORE_ENTRYID)).toEqual(s.ctx.storeEntryId);
    expect(await prop(store, T.PR_RECORD_KEY)).toEqual(await prop(store, T.PR_STORE_RECORD_KEY));
    expect(await prop(store, T.PR_MDB_PROVIDER)).toEqual(s.ctx.mdbProvider);
    const mask = (await prop(store, T.PR_STORE_SUPPORT_MASK)) as number;
    for (const bit of [C.STORE_ENTRYID_UNIQUE, C.STORE_SEARCH_OK, C.STORE_MODIFY_OK, C.STORE_CREATE_OK, C.STORE_NOTIFY_OK, C.STORE_RESTRICTION_OK, C.STORE_SORT_OK, C.STORE_UNICODE_OK]) {
      expect(mask & bit).toBe(bit);
    }
    expect(mask & C.STORE_READONLY).toBe(0);
    expect(mask & C.STORE_SUBMIT_OK).toBe(0); // no spooler hand-off in this world
    expect(await prop(store, T.PR_IPM_OUTBOX_ENTRYID)).toEqual(s.ctx.folderEntryId(s.backend.specialFolders().outbox as number));
    expect(await prop(store, T.PR_IPM_WASTEBASKET_ENTRYID)).toEqual(s.ctx.folderEntryId(s.backend.specialFolders().deletedItems as number));
    expect(await prop(store, T.PR_IPM_SENTMAIL_ENTRYID)).toEqual(s.ctx.folderEntryId(s.backend.specialFolders().sentItems as number));
    expect(await prop(store, T.PR_FINDER_ENTRYID)).toEqual(s.ctx.folderEntryId(s.backend.specialFolders().finder as number));
    const valid = C.FOLDER_IPM_SUBTREE_VALID | C.FOLDER_IPM_INBOX_VALID | C.FOLDER_IPM_OUTBOX_VALID | C.FOLDER_IPM_WASTEBASKET_VALID | C.FOLDER_IPM_SENTMAIL_VALID | C.FOLDER_VIEWS_VALID | C.FOLDER_COMMON_VIEWS_VALID | C.FOLDER_FINDER_VALID;
    expect(await prop(store, T.PR_VALID_FOLDER_MASK)).toBe(valid);
    expect(await prop(store, T.PR_ACCESS_LEVEL)).toBe(C.MAPI_MODIFY);
  });

  it('STORE_SUBMIT_OK with a spooler, STORE_READONLY for a read-only backend', async () => {
    const withSpooler = makeStoreContext({ submit: async () => {} });
    expect(((await prop(withSpooler.store(), T.PR_STORE_SUPPORT_MASK)) as number) & C.STORE_SUBMIT_OK).toBe(C.STORE_SUBMIT_OK);
    const ro = makeStoreContext({ readOnly: true });
    const mask = (await prop(ro.store(), T.PR_STORE_SUPPORT_MASK)) as number;
    expect(mask & C.STORE_READONLY).toBe(C.STORE_READONLY);
    expect(mask & C.STORE_MODIFY_OK).toBe(0);
  });

  it('an empty store has no special folders and an empty valid-folder mask', async () => {
    const s = makeStoreContext();
    const [v] = await s.store().getProps([T.PR_IPM_SUBTREE_ENTRYID], 0);
    expect(v?.Value).toBe(E.MAPI_E_NOT_FOUND);
    expect(await prop(s.store(), T.PR_VALID_FOLDER_MASK)).toBe(0);
  });

  it('setProps writes through at once; other handles see it; computed ones are MAPI_E_COMPUTED', async () => {
    const s = await makeStore();
    const a = s.store();
    const problems = await a.setProps([
      { ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'Renamed' },
      { ulPropTag: T.PR_STORE_SUPPORT_MASK, Value: 0 },
    ]);
    expect(problems).toEqual([{ ulIndex: 1, ulPropTag: T.PR_STORE_SUPPORT_MASK, scode: E.MAPI_E_COMPUTED }]);
    expect(await prop(s.store(), T.PR_DISPLAY_NAME_W)).toBe('Renamed');
    await a.deleteProps([T.PR_DISPLAY_NAME_W]);
    expect(await prop(s.store(), T.PR_DISPLAY_NAME_W)).toBeUndefined();
  });

  it('a store opened without write access rejects setProps with MAPI_E_NO_ACCESS', async () => {
    const s = await makeStore();
    const ro = openStoreObject(s.ctx, { writable: false });
    expect(await scodeOf(ro.setProps([{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'x' }]))).toBe(E.MAPI_E_NO_ACCESS);
    expect(await prop(ro, T.PR_ACCESS_LEVEL)).toBe(0);
  });
});

describe('IMsgStore.openEntry', () => {
  it('null opens the root folder, read-only by default', async () => {
    const s = await makeStore();
    const root = (await s.store().openEntry(null, null, 0)) as IMAPIFolder;
    expect(await prop(root, T.PR_ENTRYID)).toEqual(s.ctx.folderEntryId(s.backend.rootId()));
    expect(await prop(root, T.PR_FOLDER_TYPE)).toBe(C.FOLDER_ROOT);
    expect(await scodeOf(root.setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'x' }]))).toBe(E.MAPI_E_NO_ACCESS);
  });

  it('opens folders and messages, read/write with MAPI_MODIFY or MAPI_BEST_ACCESS', async () => {
    const s = await makeStore();
    const store = s.store();
    const eid = await addMessage(s.openSpecial('inbox'));
    const msg = (await store.openEntry(eid, null, C.MAPI_BEST_ACCESS)) as IMessage;
    expect(await prop(msg, T.PR_OBJECT_TYPE)).toBe(C.MAPI_MESSAGE);
    expect(await prop(msg, T.PR_ACCESS_LEVEL)).toBe(C.MAPI_MODIFY);
    const inbox = (await store.openEntry(s.ctx.folderEntryId(s.backend.specialFolders().inbox as number), IID_IMAPIFolder, C.MAPI_MODIFY | C.MAPI_DEFERRED_ERRORS)) as IMAPIFolder;
    expect(await prop(inbox, T.PR_ACCESS_LEVEL)).toBe(C.MAPI_MODIFY);
  });

  it('ignores the short-term flag bytes of an entry ID', async () => {
    const s = await makeStore();
    const eid = s.ctx.folderEntryId(s.backend.specialFolders().inbox as number);
    eid[0] = 0x80;
    const f = (await s.store().openEntry(eid, null, 0)) as IMAPIFolder;
    expect(await prop(f, T.PR_DISPLAY_NAME_W)).toBe('Inbox');
  });

  it('errors: foreign entry IDs, missing objects, wrong interfaces, bad flags, write access', async () => {
    const s = await makeStore();
    const other = await makeStore({ seed: 99 });
    const store = s.store();
    const eid = await addMessage(s.openSpecial('inbox'));
    expect(await scodeOf(store.openEntry(other.ctx.folderEntryId(other.backend.rootId()), null, 0))).toBe(E.MAPI_E_INVALID_ENTRYID);
    expect(await scodeOf(store.openEntry(s.ctx.storeEntryId, null, 0))).toBe(E.MAPI_E_INVALID_ENTRYID);
    expect(await scodeOf(store.openEntry(s.ctx.folderEntryId(999_999), null, 0))).toBe(E.MAPI_E_NOT_FOUND);
    expect(await scodeOf(store.openEntry(eid, IID_IMAPIFolder, 0))).toBe(E.MAPI_E_INTERFACE_NOT_SUPPORTED);
    expect(await scodeOf(store.openEntry(s.ctx.folderEntryId(s.backend.rootId()), IID_IMessage, 0))).toBe(E.MAPI_E_INTERFACE_NOT_SUPPORTED);
    expect(await scodeOf(store.openEntry(eid, null, 0x4000_0000))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(store.openEntry('nope' as never, null, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(openStoreObject(s.ctx, { writable: false }).openEntry(eid, null, C.MAPI_MODIFY))).toBe(E.MAPI_E_NO_ACCESS);
    const viaReadOnly = (await openStoreObject(s.ctx, { writable: false }).openEntry(eid, null, C.MAPI_BEST_ACCESS)) as IMessage;
    expect(await prop(viaReadOnly, T.PR_ACCESS_LEVEL)).toBe(0);
  });

  it('a moved message is not found under its old entry ID', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const eid = await addMessage(inbox);
    await inbox.copyMessages([eid], null, s.openSpecial('drafts'), null, C.MESSAGE_MOVE);
    expect(await scodeOf(s.store().openEntry(eid, null, 0))).toBe(E.MAPI_E_NOT_FOUND);
  });

  it('soft-deleted objects need SHOW_SOFT_DELETES', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const eid = await addMessage(inbox);
    await inbox.deleteMessages([eid], null, 0);
    expect(await scodeOf(s.store().openEntry(eid, null, 0))).toBe(E.MAPI_E_NOT_FOUND);
    expect(await s.store().openEntry(eid, null, C.SHOW_SOFT_DELETES)).toBeDefined();
  });
});

describe('IMsgStore.compareEntryIDs', () => {
  it('compares what the entry IDs name, not their flag bytes', async () => {
    const s = await makeStore();
    const store = s.store();
    const a = s.ctx.folderEntryId(5);
    const b = Uint8Array.from(a);
    b[0] = 0xff;
    expect(await store.compareEntryIDs(a, b, 0)).toBe(true);
    expect(await store.compareEntryIDs(a, s.ctx.folderEntryId(6), 0)).toBe(false);
    expect(await store.compareEntryIDs(s.ctx.storeEntryId, s.ctx.storeEntryId, 0)).toBe(true);
    expect(await store.compareEntryIDs(s.ctx.storeEntryId, a, 0)).toBe(false);
  });

  it('errors: foreign entry IDs, bad arguments, flags', async () => {
    const s = await makeStore();
    const other = await makeStore({ seed: 3 });
    const store = s.store();
    expect(await scodeOf(store.compareEntryIDs(s.ctx.folderEntryId(1), other.ctx.folderEntryId(1), 0))).toBe(E.MAPI_E_INVALID_ENTRYID);
    expect(await scodeOf(store.compareEntryIDs(null as never, s.ctx.folderEntryId(1), 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(store.compareEntryIDs(s.ctx.folderEntryId(1), s.ctx.folderEntryId(1), 1))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
  });
});

describe('IMsgStore.advise', () => {
  it('null advises on the whole store; unadvise stops delivery', async () => {
    const s = await makeStore();
    const store = s.store();
    const rec = new NotificationRecorder();
    const conn = await store.advise(null, C.fnevObjectCreated, rec);
    expect(conn).toBeGreaterThan(0);
    await addMessage(s.openSpecial('inbox'));
    await s.flush();
    expect(rec.ofType(C.fnevObjectCreated)).toHaveLength(1);
    await store.unadvise(conn);
    await addMessage(s.openSpecial('inbox'));
    await s.flush();
    expect(rec.count).toBe(1);
    expect(await scodeOf(store.unadvise(conn))).toBe(E.MAPI_E_NOT_FOUND);
  });

  it('an entry ID limits the sink to notifications about that object or its children', async () => {
    const s = await makeStore();
    const store = s.store();
    const inboxId = s.ctx.folderEntryId(s.backend.specialFolders().inbox as number);
    const rec = new NotificationRecorder();
    await store.advise(inboxId, C.fnevObjectCreated | C.fnevObjectModified, rec);
    await addMessage(s.openSpecial('drafts'));
    const eid = await addMessage(s.openSpecial('inbox'));
    await s.flush();
    // The message's creation, then the Inbox's own fnevObjectModified: its PR_CONTENT_COUNT changed (handling-message-store-notification.md).
    expect(rec.notifications.map((n) => ('obj' in n ? n.obj.lpEntryID : null))).toEqual([eid, inboxId]);
  });

  it('releasing the store object ends its connections', async () => {
    const s = await makeStore();
    const store = s.store();
    const rec = new NotificationRecorder();
    await store.advise(null, C.fnevObjectCreated, rec);
    store.release();
    await addMessage(s.openSpecial('inbox'));
    await s.flush();
    expect(rec.count).toBe(0);
  });

  it('errors: foreign or missing entry IDs, masks without store events, bad sinks', async () => {
    const s = await makeStore();
    const other = await makeStore({ seed: 5 });
    const store = s.store();
    const rec = new NotificationRecorder();
    expect(await scodeOf(store.advise(other.ctx.folderEntryId(1), C.fnevObjectCreated, rec))).toBe(E.MAPI_E_INVALID_ENTRYID);
    expect(await scodeOf(store.advise(s.ctx.folderEntryId(999_999), C.fnevObjectCreated, rec))).toBe(E.MAPI_E_NOT_FOUND);
    expect(await scodeOf(store.advise(null, 0, rec))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(store.advise(null, C.fnevTableModified, rec))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(store.advise(null, C.fnevNewMail, {} as never))).toBe(E.MAPI_E_INVALID_PARAMETER);
  });
});

describe('IMsgStore.notifyNewMail', () => {
  it('publishes fnevNewMail with the payload to the store sinks', async () => {
    const s = await makeStore();
    const store = s.store();
    const rec = new NotificationRecorder();
    await store.advise(null, C.fnevNewMail, rec);
    const newmail = { lpEntryID: Uint8Array.of(1, 2), lpParentID: Uint8Array.of(3), ulFlags: 0, lpszMessageClass: 'IPM.Note', ulMessageFlags: 0 };
    await store.notifyNewMail({ ulEventType: C.fnevNewMail, newmail });
    await s.flush();
    expect(rec.ofType(C.fnevNewMail)[0]?.newmail).toEqual(newmail);
  });

  it('rejects anything but a new-mail notification', async () => {
    const s = await makeStore();
    expect(await scodeOf(s.store().notifyNewMail({ ulEventType: C.fnevObjectCreated } as never))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(s.store().notifyNewMail(null as never))).toBe(E.MAPI_E_INVALID_PARAMETER);
  });
});

describe('IMsgStore.getReceiveFolder', () => {
  it('falls back from a class to its base classes, then to the default', async () => {
    const s = await makeStore();
    const store = s.store();
    const inbox = s.ctx.folderEntryId(s.backend.specialFolders().inbox as number);
    const drafts = s.ctx.folderEntryId(s.backend.specialFolders().drafts as number);
    await store.setReceiveFolder('IPM.Note', 0, drafts);
    expect(await store.getReceiveFolder('IPM.Note.Phone', 0)).toEqual({ lpEntryID: drafts, lpszExplicitClass: 'IPM.Note' });
    expect(await store.getReceiveFolder('ipm.note', 0)).toEqual({ lpEntryID: drafts, lpszExplicitClass: 'IPM.Note' });
    expect(await store.getReceiveFolder('IPM.Appointment', 0)).toEqual({ lpEntryID: inbox, lpszExplicitClass: 'IPM' });
    expect(await store.getReceiveFolder('Custom', 0)).toEqual({ lpEntryID: inbox, lpszExplicitClass: '' });
    expect(await store.getReceiveFolder(null, C.MAPI_UNICODE)).toEqual({ lpEntryID: inbox, lpszExplicitClass: '' });
    expect((await store.getReceiveFolder('IPC.Foo', 0)).lpEntryID).toEqual(s.ctx.folderEntryId(s.backend.rootId()));
  });

  it('skips a setting whose folder was deleted', async () => {
    const s = await makeStore();
    const store = s.store();
    const inbox = s.openSpecial('inbox');
    const sub = await inbox.createFolder(C.FOLDER_GENERIC, 'Faxes', null, null, 0);
    const subId = (await prop(sub, T.PR_ENTRYID)) as Uint8Array;
    await store.setReceiveFolder('IPM.Fax', 0, subId);
    await inbox.deleteFolder(subId, null, C.DELETE_HARD_DELETE);
    expect((await store.getReceiveFolder('IPM.Fax', 0)).lpszExplicitClass).toBe('IPM');
  });

  it('errors: invalid message classes, flags, no default folder', async () => {
    const s = await makeStore();
    const store = s.store();
    for (const bad of ['.IPM', 'IPM.', 'IPM..Note', 'IPM.Nöte', 'x'.repeat(256), 5]) {
      expect(await scodeOf(store.getReceiveFolder(bad as string, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    }
    expect(await scodeOf(store.getReceiveFolder('IPM', 1))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(makeStoreContext().store().getReceiveFolder(null, 0))).toBe(E.MAPI_E_NOT_FOUND);
  });
});

describe('IMsgStore.setReceiveFolder', () => {
  it('sets, replaces (case-insensitively) and removes settings', async () => {
    const s = await makeStore();
    const store = s.store();
    const drafts = s.ctx.folderEntryId(s.backend.specialFolders().drafts as number);
    const notes = s.ctx.folderEntryId(s.backend.specialFolders().notes as number);
    await store.setReceiveFolder('IPM.Note', C.MAPI_UNICODE, drafts);
    await store.setReceiveFolder('ipm.NOTE', 0, notes);
    expect(await store.getReceiveFolder('IPM.Note', 0)).toEqual({ lpEntryID: notes, lpszExplicitClass: 'ipm.NOTE' });
    await store.setReceiveFolder('IPM.Note', 0, null);
    expect((await store.getReceiveFolder('IPM.Note', 0)).lpszExplicitClass).toBe('IPM');
    // imsgstore-setreceivefolder.md: removing a setting that does not exist succeeds.
    await store.setReceiveFolder('IPM.Nothing', 0, null);
  });

  it('errors: read-only store, unknown folders, foreign entry IDs, the default cannot be removed', async () => {
    const s = await makeStore();
    const other = await makeStore({ seed: 11 });
    const store = s.store();
    const drafts = s.ctx.folderEntryId(s.backend.specialFolders().drafts as number);
    expect(await scodeOf(openStoreObject(s.ctx, { writable: false }).setReceiveFolder('IPM.X', 0, drafts))).toBe(E.MAPI_E_NO_ACCESS);
    expect(await scodeOf(store.setReceiveFolder('IPM.X', 0, s.ctx.folderEntryId(999_999)))).toBe(E.MAPI_E_NOT_FOUND);
    expect(await scodeOf(store.setReceiveFolder('IPM.X', 0, other.ctx.folderEntryId(1)))).toBe(E.MAPI_E_INVALID_ENTRYID);
    expect(await scodeOf(store.setReceiveFolder('', 0, null))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(store.setReceiveFolder('IPM.X', 2, drafts))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect((await store.getReceiveFolder(null, 0)).lpszExplicitClass).toBe('');
  });
});

describe('IMsgStore.getReceiveFolderTable', () => {
  it('lists PR_ENTRYID, PR_MESSAGE_CLASS and PR_RECORD_KEY of every setting', async () => {
    const s = await makeStore();
    const rows = await allRows(await s.store().getReceiveFolderTable(C.MAPI_UNICODE));
    expect(rows.map((r) => cell(r, T.PR_MESSAGE_CLASS_W))).toEqual(['', 'IPM', 'IPC']);
    expect(cell(rows[1], T.PR_ENTRYID)).toEqual(s.ctx.folderEntryId(s.backend.specialFolders().inbox as number));
    expect(cell(rows[1], T.PR_RECORD_KEY)).toBeInstanceOf(Uint8Array);
    const ansi = await allRows(await s.store().getReceiveFolderTable(0));
    expect(cell(ansi[1], T.PR_MESSAGE_CLASS_A)).toBe('IPM');
    expect(await scodeOf(s.store().getReceiveFolderTable(4))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
  });
});

describe('IMsgStore.storeLogoff', () => {
  it('calls the session back and reports the queue', async () => {
    const s = await makeStore();
    const calls: number[] = [];
    const store = openStoreObject(s.ctx, { writable: true, onLogoff: (f) => calls.push(f) });
    expect(await store.storeLogoff(C.LOGOFF_ORDERLY)).toBe(0);
    expect(calls).toEqual([C.LOGOFF_ORDERLY]);
    expect(await scodeOf(store.storeLogoff(C.LOGOFF_ORDERLY | C.LOGOFF_ABORT))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(store.storeLogoff(0x100))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
  });
});

/** A message in the Outbox with MSGFLAG_SUBMIT, as SubmitMessage leaves it. */
async function submitted(s: Awaited<ReturnType<typeof makeStore>>, props: { ulPropTag: number; Value: unknown }[] = []) {
  const eid = await addMessage(s.openSpecial('outbox'), [{ ulPropTag: T.PR_CLIENT_SUBMIT_TIME, Value: s.clock.now() }, ...(props as never[])]);
  const m = s.backend.message(s.backend.entryIds.parse(eid)?.id as number);
  if (!m) throw new Error('no message');
  const p = new Map(m.props);
  p.set(T.PR_MESSAGE_FLAGS >>> 16, { ulPropTag: T.PR_MESSAGE_FLAGS, Value: C.MSGFLAG_SUBMIT | C.MSGFLAG_UNSENT });
  const after = { ...m, props: p, version: m.version + 1 };
  s.backend.putMessage(after);
  s.ctx.changed({ kind: 'message', before: m, after });
  return eid;
}

describe('IMsgStore outgoing queue', () => {
  it('getOutgoingQueue lists submitted messages and follows changes with table notifications', async () => {
    const s = await makeStore();
    const store = s.store();
    const first = await submitted(s);
    const queue = await store.getOutgoingQueue(0);
    expect((await allRows(queue)).map((r) => cell(r, T.PR_ENTRYID))).toEqual([first]);
    const rec = new NotificationRecorder();
    await queue.advise(C.fnevTableModified, rec);
    s.clock.advance(1000);
    const second = await submitted(s);
    await s.flush();
    expect(rec.ofType(C.fnevTableModified).map((n) => n.tab.ulTableEvent)).toEqual([C.TABLE_ROW_ADDED]);
    expect((await allRows(queue)).map((r) => cell(r, T.PR_ENTRYID))).toEqual([first, second]);
    await store.abortSubmit(first, 0);
    await s.flush();
    expect((await allRows(queue)).map((r) => cell(r, T.PR_ENTRYID))).toEqual([second]);
    expect(await scodeOf(store.getOutgoingQueue(1))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
  });

  it('abortSubmit: MAPI_E_NOT_IN_QUEUE when not submitted, MAPI_E_UNABLE_TO_ABORT once locked', async () => {
    const s = await makeStore();
    const store = s.store();
    const plain = await addMessage(s.openSpecial('inbox'));
    expect(await scodeOf(store.abortSubmit(plain, 0))).toBe(E.MAPI_E_NOT_IN_QUEUE);
    const eid = await submitted(s);
    const msg = (await store.openEntry(eid, null, C.MAPI_MODIFY)) as IMessage;
    await store.setLockState(msg, C.MSG_LOCKED);
    expect(await scodeOf(store.abortSubmit(eid, 0))).toBe(E.MAPI_E_UNABLE_TO_ABORT);
    await store.setLockState(msg, C.MSG_UNLOCKED);
    await store.abortSubmit(eid, 0);
    expect(((await prop((await store.openEntry(eid, null, 0)) as IMessage, T.PR_MESSAGE_FLAGS)) as number) & C.MSGFLAG_SUBMIT).toBe(0);
    expect(await scodeOf(store.abortSubmit(eid, 1))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(store.setLockState(msg, 7))).toBe(E.MAPI_E_INVALID_PARAMETER);
  });

  it('storeLogoff reports queued and outgoing messages; LOGOFF_ABORT does not log off while sending', async () => {
    const s = await makeStore();
    const calls: number[] = [];
    const store = openStoreObject(s.ctx, { writable: true, onLogoff: (f) => calls.push(f) });
    const eid = await submitted(s);
    expect(await store.storeLogoff(C.LOGOFF_NO_WAIT)).toBe(C.LOGOFF_OUTBOUND_QUEUE);
    await store.setLockState((await store.openEntry(eid, null, C.MAPI_MODIFY)) as IMessage, C.MSG_LOCKED);
    expect(await store.storeLogoff(C.LOGOFF_ABORT)).toBe(C.LOGOFF_OUTBOUND | C.LOGOFF_OUTBOUND_QUEUE);
    expect(calls).toEqual([C.LOGOFF_NO_WAIT]);
  });

  it('finishedMsg moves the message to PR_SENTMAIL_ENTRYID, or deletes it with PR_DELETE_AFTER_SUBMIT', async () => {
    const s = await makeStore();
    const store = s.store();
    const sent = s.ctx.folderEntryId(s.backend.specialFolders().sentItems as number);
    const a = await submitted(s, [{ ulPropTag: T.PR_SENTMAIL_ENTRYID, Value: sent }]);
    const b = await submitted(s, [{ ulPropTag: T.PR_DELETE_AFTER_SUBMIT, Value: true }]);
    const c = await submitted(s);
    await store.finishedMsg(0, a);
    await store.finishedMsg(0, b);
    await store.finishedMsg(0, c);
    const sentRows = await allRows(await s.openSpecial('sentItems').getContentsTable(0));
    expect(sentRows).toHaveLength(1);
    expect(((await prop((await store.openEntry(cell(sentRows[0], T.PR_ENTRYID) as Uint8Array, null, 0)) as IMessage, T.PR_MESSAGE_FLAGS)) as number) & (C.MSGFLAG_SUBMIT | C.MSGFLAG_UNSENT)).toBe(0);
    const outbox = await allRows(await s.openSpecial('outbox').getContentsTable(0));
    expect(outbox.map((r) => cell(r, T.PR_ENTRYID))).toEqual([c]);
    expect(await allRows(await store.getOutgoingQueue(0))).toHaveLength(0);
    expect(await scodeOf(store.finishedMsg(0, s.ctx.messageEntryId({ id: 999_999, folderId: 1 })))).toBe(E.MAPI_E_NOT_FOUND);
  });
});

describe('IMsgStore interfaces', () => {
  it('answers IID_IMsgStore and opens nothing as a table', async () => {
    const s = await makeStore();
    const store = s.store();
    expect(await scodeOf(store.queryInterface(IID_IMAPITable))).toBe(E.MAPI_E_INTERFACE_NOT_SUPPORTED);
  });
});
