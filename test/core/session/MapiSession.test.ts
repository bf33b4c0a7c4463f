import { describe, it, expect } from 'vitest';
import {
  FOLDER_GENERIC,
  MAPI_DEFAULT_STORE,
  MAPI_MODIFY,
  MAPI_NEW_SESSION,
  MAPI_SIMPLE_STORE_TEMPORARY,
  MAPI_SPOOLER,
  MAPI_STATUS,
  MAPI_STORE,
  MAPI_STORE_PROVIDER,
  MAPI_SUBSYSTEM,
  MAPI_AB,
  MAPI_UNICODE,
  MDB_NO_DIALOG,
  MDB_WRITE,
  STATUS_DEFAULT_STORE,
  STATUS_PRIMARY_IDENTITY,
  STATUS_SIMPLE_STORE,
  fnevCriticalError,
  fnevExtended,
  fnevObjectCreated,
  fnevTableModified,
  KEEP_OPEN_READWRITE,
} from '../../../src/core/generated/constants.js';
import {
  PR_DEFAULT_STORE,
  PR_DISPLAY_NAME_W,
  PR_ENTRYID,
  PR_IDENTITY_DISPLAY_W,
  PR_IDENTITY_ENTRYID,
  PR_IPM_SUBTREE_ENTRYID,
  PR_MDB_PROVIDER,
  PR_OBJECT_TYPE,
  PR_PROFILE_MAILBOX,
  PR_RECORD_KEY,
  PR_RESOURCE_FLAGS,
  PR_RESOURCE_TYPE,
  PR_STORE_ENTRYID,
  PR_SUBJECT_W,
  PR_MESSAGE_CLASS_W,
} from '../../../src/core/generated/proptags.js';
import {
  MAPI_E_INTERFACE_NOT_SUPPORTED,
  MAPI_E_INVALID_ENTRYID,
  MAPI_E_INVALID_OBJECT,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_LOGON_FAILED,
  MAPI_E_NO_ACCESS,
  MAPI_E_NO_SUPPORT,
  MAPI_E_NOT_FOUND,
  MAPI_E_UNCONFIGURED,
  MAPI_E_UNKNOWN_ENTRYID,
  MAPI_E_UNKNOWN_FLAGS,
  MAPI_W_NO_SERVICE,
} from '../../../src/core/generated/scodes.js';
import { IID_IMessage, muidOOP, muidStoreWrap } from '../../../src/core/generated/guids.js';
import { MEMORY_STORE_MDB_PROVIDER, MEMORY_STORE_SERVICE } from '../../../src/providers/memory-store/service.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import { unwrapStoreEntryId, wrapStoreEntryId } from '../../../src/core/session/storeEntryId.js';
import type { IMAPISession } from '../../../src/core/session/interfaces.js';
import type { IMAPIFolder, IMessage, IMsgStore } from '../../../src/core/store/interfaces.js';
import type { IMAPIStatus } from '../../../src/core/session/interfaces.js';
import { allRows, col, expectScode, logon, makeProfile, makeWorld, type TestWorld } from './helpers.js';

async function storeRows(s: IMAPISession) {
  return allRows(await s.getMsgStoresTable(MAPI_UNICODE));
}

async function openDefaultStore(s: IMAPISession, flags = MDB_WRITE): Promise<IMsgStore> {
  const rows = await storeRows(s);
  const row = rows.find((r) => col(r, PR_DEFAULT_STORE) === true) ?? rows[0]!;
  return s.openMsgStore(col(row, PR_ENTRYID) as Uint8Array, null, flags);
}

async function inbox(store: IMsgStore): Promise<IMAPIFolder> {
  const rf = await store.getReceiveFolder('IPM.Note', 0);
  return store.openEntry<IMAPIFolder>(rf.lpEntryID, null, MAPI_MODIFY);
}

async function saveMessage(folder: IMAPIFolder, subject: string): Promise<Uint8Array> {
  const m = await folder.createMessage(null, 0);
  await m.setProps([
    { ulPropTag: PR_SUBJECT_W, Value: subject },
    { ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM.Note' },
  ]);
  await m.saveChanges(KEEP_OPEN_READWRITE);
  return (await m.getProps([PR_ENTRYID], 0))[0]!.Value as Uint8Array;
}

async function setup(): Promise<{ w: TestWorld; s: IMAPISession }> {
  const w = await makeWorld();
  await makeProfile(w, 'P', 'alice', 'Alice');
  return { w, s: await logon(w, 'P') };
}

describe('IMAPISession.getMsgStoresTable', () => {
  it('has one row per store provider with the required columns', async () => {
    const { s } = await setup();
    const t = await s.getMsgStoresTable(MAPI_UNICODE);
    expect(await t.queryColumns(0)).toContain(PR_MDB_PROVIDER);
    const [row, more] = await allRows(t);
    expect(more).toBeUndefined();
    expect(col(row!, PR_DISPLAY_NAME_W)).toBe('Mailbox - Alice');
    expect(col(row!, PR_DEFAULT_STORE)).toBe(true);
    expect(col(row!, PR_MDB_PROVIDER)).toEqual(MEMORY_STORE_MDB_PROVIDER);
    expect(col(row!, PR_OBJECT_TYPE)).toBe(MAPI_STORE);
    expect(col(row!, PR_RESOURCE_TYPE)).toBe(MAPI_STORE_PROVIDER);
    expect((col(row!, PR_RESOURCE_FLAGS) as number) & STATUS_DEFAULT_STORE).toBe(STATUS_DEFAULT_STORE);
    const eid = col(row!, PR_ENTRYID) as Uint8Array;
    // [MS-OXCDATA] 2.2.4.3: a wrapped store entry ID
    expect(eid.subarray(4, 20)).toEqual(muidStoreWrap.bytes);
    const w = unwrapStoreEntryId(eid)!;
    expect(w.dllName).toBe('mapiemu.dll');
    expect(col(row!, PR_RECORD_KEY)).toEqual(w.storeUid);
  });

  it('is dynamic: a service added through adminServices shows up', async () => {
    const { s } = await setup();
    const t = await s.getMsgStoresTable(MAPI_UNICODE);
    const rec = new NotificationRecorder();
    await t.advise(fnevTableModified, rec);
    const admin = await s.adminServices(0);
    const uid = await admin.createMsgServiceEx(MEMORY_STORE_SERVICE, null, 0);
    await admin.configureMsgService(uid, 0, [{ ulPropTag: PR_PROFILE_MAILBOX, Value: 'shared' }]);
    expect(await t.getRowCount(0)).toBe(2);
    await s.logoff(0).catch(() => undefined);
  });
});

describe('IMAPISession.openMsgStore', () => {
  it('opens the mailbox, creating the default folders of a new one', async () => {
    const { s } = await setup();
    const store = await openDefaultStore(s);
    const [name, ipm] = await store.getProps([PR_DISPLAY_NAME_W, PR_IPM_SUBTREE_ENTRYID], 0);
    expect(name?.Value).toBe('Mailbox - Alice');
    expect(ipm?.Value).toBeInstanceOf(Uint8Array);
  });

  it('opens read-only without MDB_WRITE', async () => {
    const { s } = await setup();
    const store = await openDefaultStore(s, 0);
    await expectScode(store.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'x' }]), MAPI_E_NO_ACCESS);
  });

  it('checks its arguments: NULL, not a store ID, another store, flags, interface', async () => {
    const { s } = await setup();
    const eid = col((await storeRows(s))[0]!, PR_ENTRYID) as Uint8Array;
    await expectScode(s.openMsgStore(null as unknown as Uint8Array, null, 0), MAPI_E_INVALID_PARAMETER);
    await expectScode(s.openMsgStore(new Uint8Array(46), null, 0), MAPI_E_INVALID_ENTRYID);
    await expectScode(s.openMsgStore(wrapStoreEntryId(new Uint8Array(16).fill(7), new Uint8Array(16).fill(9)), null, 0), MAPI_E_NOT_FOUND);
    await expectScode(s.openMsgStore(eid, null, 0x40000000), MAPI_E_UNKNOWN_FLAGS);
    await expectScode(s.openMsgStore(eid, IID_IMessage, 0), MAPI_E_INTERFACE_NOT_SUPPORTED);
  });

  it('an unconfigured service: MAPI_E_UNCONFIGURED, or MAPI_E_LOGON_FAILED with MDB_NO_DIALOG', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('U', null, 0);
    const svc = await w.admin.adminServices('U', null, 0);
    await svc.createMsgService(MEMORY_STORE_SERVICE, null, 0);
    const s = await logon(w, 'U');
    const eid = col((await storeRows(s))[0]!, PR_ENTRYID) as Uint8Array;
    await expectScode(s.openMsgStore(eid, null, MDB_WRITE), MAPI_E_UNCONFIGURED);
    await expectScode(s.openMsgStore(eid, null, MDB_WRITE | MDB_NO_DIALOG), MAPI_E_LOGON_FAILED);
    // configured later, the same entry ID opens it
    const uid = (await svc.getMsgServiceTable(0)).queryRows(1, 0);
    const svcUid = ((await uid)[0]!.lpProps.find((p) => p.ulPropTag === 0x3d0c0102)!.Value) as Uint8Array;
    await svc.configureMsgService(svcUid, 0, [{ ulPropTag: PR_PROFILE_MAILBOX, Value: 'late' }]);
    await expect(s.openMsgStore(eid, null, MDB_WRITE)).resolves.toBeDefined();
  });
});

describe('sharing one mailbox', () => {
  it('two sessions on one profile see each other’s committed messages and notifications', async () => {
    const { w, s } = await setup();
    const s2 = await logon(w, 'P');
    const a = await inbox(await openDefaultStore(s));
    const storeB = await openDefaultStore(s2);
    const rec = new NotificationRecorder();
    const storeEid = col((await storeRows(s2))[0]!, PR_ENTRYID) as Uint8Array;
    await s2.advise(storeEid, fnevObjectCreated, rec);
    const eid = await saveMessage(a, 'hello');
    await w.mapi.flushNotifications();
    expect(rec.notifications.some((n) => n.ulEventType === fnevObjectCreated)).toBe(true);
    const m = await storeB.openEntry<IMessage>(eid, null, 0);
    expect((await m.getProps([PR_SUBJECT_W], 0))[0]?.Value).toBe('hello');
    expect(w.mapi.openContextCount).toBe(1);
  });

  it('two profiles on one mailbox share its data', async () => {
    const w = await makeWorld();
    await makeProfile(w, 'A', 'team');
    await makeProfile(w, 'B', 'team');
    const sa = await logon(w, 'A');
    const sb = await logon(w, 'B');
    const eid = await saveMessage(await inbox(await openDefaultStore(sa)), 'shared');
    const m = await sb.openEntry<IMessage>(eid, null, 0);
    expect((await m.getProps([PR_SUBJECT_W], 0))[0]?.Value).toBe('shared');
  });

  it('sessions of two subsystems on one server share the mailbox', async () => {
    const w1 = await makeWorld(1);
    const w2 = await makeWorld(2, w1.server);
    await makeProfile(w1, 'P', 'bob');
    await makeProfile(w2, 'P', 'bob');
    const eid = await saveMessage(await inbox(await openDefaultStore(await logon(w1, 'P'))), 'across');
    const m = await (await logon(w2, 'P')).openEntry<IMessage>(eid, null, 0);
    expect((await m.getProps([PR_SUBJECT_W], 0))[0]?.Value).toBe('across');
  });
});

describe('IMAPISession.openEntry', () => {
  it('routes folder and message entry IDs to their store, logging on to it as needed', async () => {
    const { w, s } = await setup();
    const store = await openDefaultStore(s);
    const [ipm] = await store.getProps([PR_IPM_SUBTREE_ENTRYID], 0);
    const eid = await saveMessage(await inbox(store), 'routed');
    const fresh = await logon(w, 'P');
    const folder = await fresh.openEntry(ipm!.Value as Uint8Array, null, 0);
    expect((await folder.getProps([PR_OBJECT_TYPE], 0))[0]?.Value).toBe(3 /* MAPI_FOLDER */);
    const m = await fresh.openEntry<IMessage>(eid, null, MAPI_MODIFY);
    expect((await m.getProps([PR_SUBJECT_W], 0))[0]?.Value).toBe('routed');
  });

  it('opens a store by its entry ID (as OpenMsgStore with MDB_NO_DIALOG)', async () => {
    const { s } = await setup();
    const eid = col((await storeRows(s))[0]!, PR_ENTRYID) as Uint8Array;
    const store = await s.openEntry<IMsgStore>(eid, null, 0);
    expect((await store.getProps([PR_OBJECT_TYPE], 0))[0]?.Value).toBe(MAPI_STORE);
  });

  it('answers MAPI_E_UNKNOWN_ENTRYID for an entry ID no provider recognizes', async () => {
    const { s } = await setup();
    await expectScode(s.openEntry(new Uint8Array(46).fill(5), null, 0), MAPI_E_UNKNOWN_ENTRYID);
    await expectScode(s.openEntry(new Uint8Array(8), null, 0), MAPI_E_UNKNOWN_ENTRYID);
    await expectScode(s.openEntry(null as unknown as Uint8Array, null, 0), MAPI_E_INVALID_PARAMETER);
    await expectScode(s.openEntry(new Uint8Array(46), null, 0x40000000), MAPI_E_UNKNOWN_FLAGS);
  });
});

describe('IMAPISession.compareEntryIDs', () => {
  it('compares store IDs by store and object IDs through their store', async () => {
    const { s } = await setup();
    const tableEid = col((await storeRows(s))[0]!, PR_ENTRYID) as Uint8Array;
    const store = await openDefaultStore(s);
    const [storeEid, ipm] = await store.getProps([PR_STORE_ENTRYID, PR_IPM_SUBTREE_ENTRYID], 0);
    expect(await s.compareEntryIDs(tableEid, storeEid!.Value as Uint8Array, 0)).toBe(true);
    const inboxEid = (await store.getReceiveFolder('', 0)).lpEntryID;
    expect(await s.compareEntryIDs(ipm!.Value as Uint8Array, Uint8Array.from(ipm!.Value as Uint8Array), 0)).toBe(true);
    expect(await s.compareEntryIDs(ipm!.Value as Uint8Array, inboxEid, 0)).toBe(false);
    expect(await s.compareEntryIDs(tableEid, inboxEid, 0)).toBe(false);
  });

  it('answers MAPI_E_UNKNOWN_ENTRYID for an unknown entry ID, MAPI_E_UNKNOWN_FLAGS for flags', async () => {
    const { s } = await setup();
    const eid = col((await storeRows(s))[0]!, PR_ENTRYID) as Uint8Array;
    await expectScode(s.compareEntryIDs(eid, new Uint8Array(46).fill(5), 0), MAPI_E_UNKNOWN_ENTRYID);
    await expectScode(s.compareEntryIDs(eid, eid, 1), MAPI_E_UNKNOWN_FLAGS);
  });
});

describe('IMAPISession.advise', () => {
  it('with NULL: fnevExtended when the session logs off', async () => {
    const { w, s } = await setup();
    const rec = new NotificationRecorder();
    const conn = await s.advise(null, fnevExtended, rec);
    expect(conn).toBeGreaterThan(0);
    await s.logoff(0);
    await w.mapi.flushNotifications();
    expect(rec.notifications.map((n) => n.ulEventType)).toEqual([fnevExtended]);
  });

  it('routes an object entry ID to its store; unadvise stops it', async () => {
    const { w, s } = await setup();
    const store = await openDefaultStore(s);
    const box = await inbox(store);
    const rec = new NotificationRecorder();
    const [inboxEid] = await box.getProps([PR_ENTRYID], 0);
    const conn = await s.advise(inboxEid!.Value as Uint8Array, fnevObjectCreated, rec);
    await saveMessage(box, 'one');
    await w.mapi.flushNotifications();
    const count = rec.count;
    expect(count).toBeGreaterThan(0);
    await s.unadvise(conn);
    await saveMessage(box, 'two');
    await w.mapi.flushNotifications();
    expect(rec.count).toBe(count);
    await expectScode(s.unadvise(conn), MAPI_E_NOT_FOUND);
  });

  it('store-routed connections end with the session', async () => {
    const { w, s } = await setup();
    const s2 = await logon(w, 'P');
    const rec = new NotificationRecorder();
    await s.advise(col((await storeRows(s))[0]!, PR_ENTRYID) as Uint8Array, fnevObjectCreated, rec);
    await s.logoff(0);
    await saveMessage(await inbox(await openDefaultStore(s2)), 'after');
    await w.mapi.flushNotifications();
    expect(rec.count).toBe(0);
  });

  it('answers MAPI_E_UNKNOWN_ENTRYID for an entry ID of no provider', async () => {
    const { s } = await setup();
    await expectScode(s.advise(new Uint8Array(46).fill(3), fnevObjectCreated, new NotificationRecorder()), MAPI_E_UNKNOWN_ENTRYID);
  });
});

describe('IMAPISession.getStatusTable', () => {
  it('has rows for the subsystem, the spooler, the address book and each provider', async () => {
    const { s } = await setup();
    const rows = await allRows(await s.getStatusTable(MAPI_UNICODE));
    expect(rows.map((r) => col(r, PR_RESOURCE_TYPE))).toEqual([MAPI_SUBSYSTEM, MAPI_SPOOLER, MAPI_AB, MAPI_STORE_PROVIDER]);
    expect(rows.every((r) => col(r, PR_OBJECT_TYPE) === MAPI_STATUS)).toBe(true);
    const provider = rows[3]!;
    expect((col(provider, PR_RESOURCE_FLAGS) as number) & STATUS_PRIMARY_IDENTITY).toBe(STATUS_PRIMARY_IDENTITY);
    const t = await s.getStatusTable(MAPI_UNICODE);
    await t.setColumns([PR_IDENTITY_DISPLAY_W], 0);
    expect(col((await t.queryRows(10, 0))[3]!, PR_IDENTITY_DISPLAY_W)).toBe('Alice');
  });

  it('opens status objects by their PR_ENTRYID (IMAPIStatus)', async () => {
    const { s } = await setup();
    const rows = await allRows(await s.getStatusTable(0));
    const subsystem = await s.openEntry<IMAPIStatus>(col(rows[0]!, PR_ENTRYID) as Uint8Array, null, 0);
    await subsystem.validateState(0);
    await expectScode(subsystem.flushQueues(null, 0), MAPI_E_NO_SUPPORT);
    await expectScode(subsystem.settingsDialog(0), MAPI_E_NO_SUPPORT);
    await expectScode(subsystem.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'x' }]), MAPI_E_NO_ACCESS);
    const spooler = await s.openEntry<IMAPIStatus>(col(rows[1]!, PR_ENTRYID) as Uint8Array, null, 0);
    await spooler.flushQueues(null, 0x2);
  });
});

describe('IMAPISession.queryIdentity', () => {
  it('answers the PR_IDENTITY_ENTRYID of the primary identity: a one-off of the mailbox user', async () => {
    const { s } = await setup();
    const { lpEntryID, warning } = await s.queryIdentity();
    expect(warning).toBeUndefined();
    expect(lpEntryID.subarray(4, 20)).toEqual(muidOOP.bytes);
    const rows = await allRows(await s.getStatusTable(0), [PR_IDENTITY_ENTRYID]);
    expect(col(rows[3]!, PR_IDENTITY_ENTRYID)).toEqual(lpEntryID);
  });

  it('answers MAPI_W_NO_SERVICE when nothing supplies an identity', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('Empty', null, 0);
    const s = await logon(w, 'Empty');
    const r = await s.queryIdentity();
    expect(r.warning).toBe(MAPI_W_NO_SERVICE);
    expect(r.lpEntryID).toBeInstanceOf(Uint8Array);
  });
});

describe('IMAPISession.setDefaultStore', () => {
  it('moves the default store: profile, message store table and its notifications', async () => {
    const { w, s } = await setup();
    const admin = await s.adminServices(0);
    const uid = await admin.createMsgServiceEx(MEMORY_STORE_SERVICE, null, 0);
    await admin.configureMsgService(uid, 0, [{ ulPropTag: PR_PROFILE_MAILBOX, Value: 'archive' }]);
    const t = await s.getMsgStoresTable(MAPI_UNICODE);
    const rec = new NotificationRecorder();
    await t.advise(fnevTableModified, rec);
    const rows = await allRows(t, [PR_ENTRYID, PR_DEFAULT_STORE]);
    expect(rows.map((r) => col(r, PR_DEFAULT_STORE))).toEqual([true, false]);
    await s.setDefaultStore(MAPI_DEFAULT_STORE, col(rows[1]!, PR_ENTRYID) as Uint8Array);
    await t.seekRow(0, 0);
    expect((await t.queryRows(10, 0)).map((r) => col(r, PR_DEFAULT_STORE))).toEqual([false, true]);
    await w.mapi.flushNotifications();
    expect(rec.count).toBeGreaterThan(0);
    // a new session of the profile sees it too
    const again = await allRows(await (await logon(w, 'P')).getMsgStoresTable(0), [PR_DEFAULT_STORE]);
    expect(again.map((r) => col(r, PR_DEFAULT_STORE))).toEqual([false, true]);
  });

  it('MAPI_SIMPLE_STORE_TEMPORARY changes this session only', async () => {
    const { w, s } = await setup();
    const eid = col((await storeRows(s))[0]!, PR_ENTRYID) as Uint8Array;
    await s.setDefaultStore(MAPI_SIMPLE_STORE_TEMPORARY, eid);
    expect((col((await storeRows(s))[0]!, PR_RESOURCE_FLAGS) as number) & STATUS_SIMPLE_STORE).toBe(STATUS_SIMPLE_STORE);
    const other = await logon(w, 'P');
    expect((col((await storeRows(other))[0]!, PR_RESOURCE_FLAGS) as number) & STATUS_SIMPLE_STORE).toBe(0);
  });

  it('checks its flags and entry ID', async () => {
    const { s } = await setup();
    await expectScode(s.setDefaultStore(0x10, null), MAPI_E_UNKNOWN_FLAGS);
    await expectScode(s.setDefaultStore(MAPI_DEFAULT_STORE, new Uint8Array(46)), MAPI_E_INVALID_ENTRYID);
    await expectScode(s.setDefaultStore(MAPI_DEFAULT_STORE, wrapStoreEntryId(new Uint8Array(16).fill(1), new Uint8Array(16).fill(2))), MAPI_E_NOT_FOUND);
  });
});

describe('IMAPISession misc', () => {
  it('enumAdrTypes is empty without transports', async () => {
    const { s } = await setup();
    expect(await s.enumAdrTypes(0)).toEqual([]);
  });

  it('UI methods answer MAPI_E_NO_SUPPORT', async () => {
    const { s } = await setup();
    await expectScode(s.showForm(), MAPI_E_NO_SUPPORT);
    await expectScode(s.prepareForm(), MAPI_E_NO_SUPPORT);
    await expectScode(s.messageOptions(), MAPI_E_NO_SUPPORT);
    await expectScode(s.queryDefaultMessageOpt(), MAPI_E_NO_SUPPORT);
  });

  it('adminServices takes no flags', async () => {
    const { s } = await setup();
    await expectScode(s.adminServices(1), MAPI_E_UNKNOWN_FLAGS);
  });
});

describe('IMAPISession.logoff', () => {
  it('invalidates the session and everything it opened; the last session releases the store context', async () => {
    const { w, s } = await setup();
    const store = await openDefaultStore(s);
    const t = await s.getStatusTable(0);
    expect(w.mapi.openContextCount).toBe(1);
    await s.logoff(0);
    await expectScode(s.getMsgStoresTable(0), MAPI_E_INVALID_OBJECT);
    await expectScode(store.getProps([PR_DISPLAY_NAME_W], 0), MAPI_E_INVALID_OBJECT);
    await expectScode(t.queryRows(1, 0), MAPI_E_INVALID_OBJECT);
    expect(w.mapi.sessionCount).toBe(0);
    expect(w.mapi.openContextCount).toBe(0);
  });

  it('keeps the mailbox data for the next session', async () => {
    const { w, s } = await setup();
    const eid = await saveMessage(await inbox(await openDefaultStore(s)), 'persisted');
    await s.logoff(0);
    const m = await (await logon(w, 'P')).openEntry<IMessage>(eid, null, 0);
    expect((await m.getProps([PR_SUBJECT_W], 0))[0]?.Value).toBe('persisted');
  });

  it('MAPI_LOGOFF_SHARED sends the other clients of a shared session a critical error', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('S', null, 0);
    const a = await w.mapi.MAPILogonEx('S', null, MAPI_NEW_SESSION | 0x8 /* MAPI_ALLOW_OTHERS */);
    const b = await w.mapi.MAPILogonEx(null, null, 0);
    const rec = new NotificationRecorder();
    await b.advise(null, fnevCriticalError, rec);
    await a.logoff(0x1 /* MAPI_LOGOFF_SHARED */);
    await w.mapi.flushNotifications();
    expect(rec.notifications.map((n) => n.ulEventType)).toEqual([fnevCriticalError]);
  });

  it('rejects unknown flags', async () => {
    const { s } = await setup();
    await expectScode(s.logoff(0x100), MAPI_E_UNKNOWN_FLAGS);
  });

  it('release() without logoff logs off', async () => {
    const { w, s } = await setup();
    s.release();
    expect(w.mapi.sessionCount).toBe(0);
    await expectScode(s.getStatusTable(0), MAPI_E_INVALID_OBJECT);
  });
});

describe('createFolder through a routed folder', () => {
  it('a folder opened with MAPI_MODIFY through the session is writable', async () => {
    const { s } = await setup();
    const store = await openDefaultStore(s);
    const [ipm] = await store.getProps([PR_IPM_SUBTREE_ENTRYID], 0);
    const f = await s.openEntry<IMAPIFolder>(ipm!.Value as Uint8Array, null, MAPI_MODIFY);
    const sub = await f.createFolder(FOLDER_GENERIC, 'Projects', null, null, 0);
    expect((await sub.getProps([PR_DISPLAY_NAME_W], 0))[0]?.Value).toBe('Projects');
  });
});
