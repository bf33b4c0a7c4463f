/**
 * The .msg-directory store on disk: persistence across restarts (same entry IDs, same
 * content), files Outlook's readers accept, files changed by hand, crash safety, path safety.
 * Each "restart" is a new MAPI subsystem with a new service instance on the same directory.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MsgReaderModule from '@kenjiuno/msgreader';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServiceStore, type ContractStore } from '../../../src/vitest/index.js';
import { msgStoreService, MSG_STORE_MDB_PROVIDER, MSG_STORE_SERVICE, PR_MSGSTORE_PATH_W, type MsgStoreServiceOptions } from '../../../src/providers/msg-store/service.js';
import { createMapi } from '../../../src/mapi.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import { ManualScheduler } from '../../../src/core/notify/scheduler.js';
import { MsgStoreBackend } from '../../../src/providers/msg-store/MsgStoreBackend.js';
import { ASSOC_DIR, FOLDER_FILE, STORE_FILE } from '../../../src/providers/msg-store/layout.js';
import { TEMP_PREFIX } from '../../../src/providers/msg-store/atomicWrite.js';
import { readMsg, writeMsg } from '../../../src/formats/msg/index.js';
import { NamedPropertyMap } from '../../../src/core/props/NamedPropertyMap.js';
import { PROP_TAG, PROP_TYPE } from '../../../src/core/props/tags.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import type { IMAPIFolder, IMessage } from '../../../src/core/store/interfaces.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import {
  PR_ATTACH_DATA_BIN, PR_ATTACH_LONG_FILENAME_W, PR_ATTACH_METHOD, PR_BODY_W, PR_CONTENT_COUNT, PR_DISPLAY_NAME_W, PR_EMAIL_ADDRESS_W,
  PR_ENTRYID, PR_IPM_SUBTREE_ENTRYID, PR_MESSAGE_CLASS_W, PR_RECIPIENT_TYPE, PR_SUBJECT_W, PR_ADDRTYPE_W, PR_MDB_PROVIDER, PR_CONVERSATION_TOPIC_A,
} from '../../../src/core/generated/proptags.js';
import { PT_UNICODE, PT_UNSPECIFIED } from '../../../src/core/generated/proptypes.js';
import { ATTACH_BY_VALUE, FOLDER_GENERIC, KEEP_OPEN_READWRITE, MAPI_ASSOCIATED, MAPI_BEST_ACCESS, MAPI_MODIFY, MAPI_TO, MNID_STRING, MODRECIP_ADD, SHOW_SOFT_DELETES, DELETE_HARD_DELETE, MAPI_EXTENDED, MAPI_NEW_SESSION, MAPI_NO_MAIL, MDB_NO_DIALOG } from '../../../src/core/generated/constants.js';
import { MAPI_E_NOT_FOUND, MAPI_E_UNCONFIGURED } from '../../../src/core/generated/scodes.js';
import { PS_PUBLIC_STRINGS } from '../../../src/core/generated/guids.js';

interface MsgReaderLike {
  getFileData(): { subject?: string; body?: string; recipients?: { name?: string; email?: string }[]; attachments?: { fileName?: string }[] };
}
const MsgReader = ((MsgReaderModule as unknown as { default?: unknown }).default ?? MsgReaderModule) as new (b: Uint8Array) => MsgReaderLike;

const NAME = { lpguid: PS_PUBLIC_STRINGS, ulKind: MNID_STRING, lpwstrName: 'x-project-code' } as const;

let tmp: string;
let storeDir: string;
let open: ContractStore[] = [];

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'mapiemu-msgstore-'));
  storeDir = join(tmp, 'store');
  open = [];
});

afterEach(async () => {
  for (const s of open) await s.close?.();
  rmSync(tmp, { recursive: true, force: true });
});

/** A logon through a new subsystem (a "restart"), on the test's store directory. */
async function logon(options: MsgStoreServiceOptions = {}): Promise<ContractStore> {
  const s = await openServiceStore({ service: msgStoreService({ durable: false, ...options }), settings: [{ ulPropTag: PR_MSGSTORE_PATH_W, Value: storeDir }] });
  open.push(s);
  return s;
}

async function closeAll(): Promise<void> {
  for (const s of open) await s.close?.();
  open = [];
}

async function value(obj: { getProps(t: number[]): Promise<SPropValue[]> }, tag: number): Promise<unknown> {
  return (await obj.getProps([tag]))[0]?.Value;
}

async function ipmSubtree(s: ContractStore): Promise<IMAPIFolder> {
  const eid = (await value(s.store, PR_IPM_SUBTREE_ENTRYID)) as Uint8Array;
  return s.store.openEntry<IMAPIFolder>(eid, null, MAPI_BEST_ACCESS);
}

async function subjects(folder: IMAPIFolder, flags = 0): Promise<{ subject: unknown; entryId: Uint8Array }[]> {
  const t = await folder.getContentsTable(flags);
  await t.setColumns([PR_SUBJECT_W, PR_ENTRYID], 0);
  const rows = await t.queryRows(1000, 0);
  return rows.map((r) => ({ subject: r.lpProps[0]?.Value, entryId: r.lpProps[1]?.Value as Uint8Array }));
}

/** Makes folder `Projects` with a message (recipient, attachment, named property) and an associated message. */
async function populate(s: ContractStore): Promise<{ folderId: Uint8Array; messageId: Uint8Array; namedTag: number }> {
  const ipm = await ipmSubtree(s);
  const folder = await ipm.createFolder(FOLDER_GENERIC, 'Projects', 'work', null, 0);
  const msg = await folder.createMessage(null, 0);
  const [namedId] = await msg.getIDsFromNames([NAME], 0x2 /* MAPI_CREATE */);
  const namedTag = PROP_TAG(PT_UNICODE, PROP_ID(namedId as number));
  await msg.setProps([
    { ulPropTag: PR_SUBJECT_W, Value: 'Quarterly report' },
    { ulPropTag: PR_BODY_W, Value: 'Numbers inside.' },
    { ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM.Note' },
    { ulPropTag: namedTag, Value: 'P-42' },
  ]);
  await msg.modifyRecipients(MODRECIP_ADD, [
    { rgPropVals: [{ ulPropTag: PR_DISPLAY_NAME_W, Value: 'Alice' }, { ulPropTag: PR_ADDRTYPE_W, Value: 'SMTP' }, { ulPropTag: PR_EMAIL_ADDRESS_W, Value: 'alice@example.com' }, { ulPropTag: PR_RECIPIENT_TYPE, Value: MAPI_TO }] },
  ]);
  const { attach } = await msg.createAttach(null, 0);
  await attach.setProps([
    { ulPropTag: PR_ATTACH_METHOD, Value: ATTACH_BY_VALUE },
    { ulPropTag: PR_ATTACH_LONG_FILENAME_W, Value: 'figures.csv' },
    { ulPropTag: PR_ATTACH_DATA_BIN, Value: Uint8Array.of(1, 2, 3, 4) },
  ]);
  await attach.saveChanges(0);
  await msg.saveChanges(KEEP_OPEN_READWRITE);
  const fai = await folder.createMessage(null, MAPI_ASSOCIATED);
  await fai.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'view settings' }, { ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM.Microsoft.FolderDesign.NamedView' }]);
  await fai.saveChanges(0);
  return { folderId: (await value(folder, PR_ENTRYID)) as Uint8Array, messageId: (await value(msg, PR_ENTRYID)) as Uint8Array, namedTag };
}

function msgFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.msg'));
}

describe('MsgStoreBackend: persistence across restarts', () => {
  it('reopens with the same entry IDs, properties, recipients, attachments and named properties', async () => {
    const first = await logon();
    const { folderId, messageId, namedTag } = await populate(first);
    const storeEid = (await value(first.store, PR_ENTRYID)) as Uint8Array;
    await closeAll();

    const again = await logon();
    expect(await value(again.store, PR_ENTRYID)).toEqual(storeEid);
    const folder = await again.store.openEntry<IMAPIFolder>(folderId, null, MAPI_BEST_ACCESS);
    expect(await value(folder, PR_DISPLAY_NAME_W)).toBe('Projects');
    expect(await value(folder, PR_CONTENT_COUNT)).toBe(1);
    const msg = await again.store.openEntry<IMessage>(messageId, null, MAPI_BEST_ACCESS);
    expect(await value(msg, PR_SUBJECT_W)).toBe('Quarterly report');
    expect(await value(msg, PR_BODY_W)).toBe('Numbers inside.');
    // The name maps to the same identifier after the restart, and the value is there.
    const [id] = await msg.getIDsFromNames([NAME], 0);
    expect(PROP_ID(id as number)).toBe(PROP_ID(namedTag));
    expect(await value(msg, namedTag)).toBe('P-42');
    const recips = await (await msg.getRecipientTable(0)).queryRows(10, 0);
    expect(recips.map((r) => r.lpProps.find((p) => PROP_ID(p.ulPropTag) === PROP_ID(PR_DISPLAY_NAME_W))?.Value)).toEqual(['Alice']);
    const attach = await msg.openAttach(0, null, 0);
    expect(await value(attach, PR_ATTACH_DATA_BIN)).toEqual(Uint8Array.of(1, 2, 3, 4));
    expect((await subjects(folder)).map((r) => r.entryId)).toEqual([messageId]);
    expect((await subjects(folder, MAPI_ASSOCIATED)).map((r) => r.subject)).toEqual(['view settings']);
  });

  it('keeps PT_STRING8 values PT_STRING8 (a Unicode .msg holds them as PT_UNICODE), after a restart and after leaving the cache', async () => {
    const first = await logon();
    const { messageId } = await populate(first);
    const msg = await first.store.openEntry<IMessage>(messageId, null, MAPI_MODIFY);
    await msg.setProps([{ ulPropTag: PR_CONVERSATION_TOPIC_A, Value: 'ansi topic' }]);
    await msg.saveChanges(0);
    await closeAll();
    // The stored record, as the store kit sees it (getProps converts string types by its flags).
    const backend = MsgStoreBackend.open(storeDir, { readOnly: true, cacheSize: 1 });
    const id = backend.entryIds.parse(messageId)?.id as number;
    expect(backend.message(id)?.props.get(PROP_ID(PR_CONVERSATION_TOPIC_A))).toEqual({ ulPropTag: PR_CONVERSATION_TOPIC_A, Value: 'ansi topic' });
    expect(backend.message(id)?.props.get(PROP_ID(PR_SUBJECT_W))?.ulPropTag).toBe(PR_SUBJECT_W);
  });

  it('never reuses an identifier after a restart', async () => {
    const first = await logon();
    const { messageId } = await populate(first);
    await closeAll();
    const again = await logon();
    const ipm = await ipmSubtree(again);
    const other = await ipm.createFolder(FOLDER_GENERIC, 'Other', null, null, 0);
    const m = await other.createMessage(null, 0);
    await m.saveChanges(0);
    const eid = (await value(m, PR_ENTRYID)) as Uint8Array;
    // The message part (GlobalCounter) differs from every earlier one.
    expect(Buffer.from(eid.subarray(46)).equals(Buffer.from(messageId.subarray(46)))).toBe(false);
  });

  it('keeps changes and deletions made after a restart', async () => {
    const first = await logon();
    const { folderId, messageId } = await populate(first);
    await closeAll();
    const second = await logon();
    const msg = await second.store.openEntry<IMessage>(messageId, null, MAPI_MODIFY);
    await msg.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'Quarterly report v2' }]);
    await msg.saveChanges(0);
    await closeAll();
    const third = await logon();
    expect(await value(await third.store.openEntry<IMessage>(messageId, null, 0), PR_SUBJECT_W)).toBe('Quarterly report v2');
    const folder = await third.store.openEntry<IMAPIFolder>(folderId, null, MAPI_BEST_ACCESS);
    // A soft deletion keeps the file (marked in the index); a hard one removes it.
    await folder.deleteMessages([messageId], null, 0);
    await closeAll();
    const fourth = await logon();
    const f4 = await fourth.store.openEntry<IMAPIFolder>(folderId, null, MAPI_BEST_ACCESS);
    expect(await subjects(f4)).toEqual([]);
    expect((await subjects(f4, SHOW_SOFT_DELETES)).map((r) => r.subject)).toEqual(['Quarterly report v2']);
    await f4.deleteMessages([messageId], null, DELETE_HARD_DELETE);
    await closeAll();
    const fifth = await logon();
    await expect(fifth.store.openEntry(messageId, null, 0)).rejects.toMatchObject({ scode: MAPI_E_NOT_FOUND });
    expect(msgFiles(join(storeDir, ...folderPathOf('Projects')))).toEqual([]);
  });
});

/** The directory components of a folder under the IPM subtree. */
function folderPathOf(...names: string[]): string[] {
  const ipm = readdirSync(storeDir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.'));
  // The IPM subtree is the root's only child that holds the default folders.
  const top = ipm.find((d) => existsSync(join(storeDir, d.name, 'Inbox')))?.name as string;
  return [top, ...names];
}

describe('MsgStoreBackend: the files are Outlook item files', () => {
  it('writes each message as a .msg that readMsg and msgreader read back', async () => {
    const s = await logon();
    await populate(s);
    const dir = join(storeDir, ...folderPathOf('Projects'));
    expect(existsSync(join(dir, FOLDER_FILE))).toBe(true);
    expect(existsSync(join(storeDir, STORE_FILE))).toBe(true);
    const files = msgFiles(dir);
    expect(files).toEqual(['Quarterly report.msg']);
    const bytes = readFileSync(join(dir, files[0] as string));
    const content = readMsg(bytes, new NamedPropertyMap(new Uint8Array(16)));
    expect(content.props.get(PROP_ID(PR_SUBJECT_W))?.Value).toBe('Quarterly report');
    expect(PROP_TYPE(content.props.get(PROP_ID(PR_SUBJECT_W))?.ulPropTag as number)).toBe(PT_UNICODE);
    expect(content.recipients).toHaveLength(1);
    const seen = new MsgReader(bytes).getFileData();
    expect(seen.subject).toBe('Quarterly report');
    expect(seen.body).toBe('Numbers inside.');
    expect(seen.recipients?.map((r) => r.name)).toEqual(['Alice']);
    expect(seen.attachments?.map((a) => a.fileName)).toEqual(['figures.csv']);
    // Associated messages live apart, in the folder's .assoc directory.
    expect(msgFiles(join(dir, ASSOC_DIR))).toEqual(['view settings.msg']);
  });
});

describe('MsgStoreBackend: files changed behind the store', () => {
  function outlookFile(subject: string): Uint8Array {
    const names = new NamedPropertyMap(new Uint8Array(16));
    return writeMsg(
      { props: new Map([[PROP_ID(PR_SUBJECT_W), { ulPropTag: PR_SUBJECT_W, Value: subject }], [PROP_ID(PR_MESSAGE_CLASS_W), { ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM.Note' }]]), recipients: [], attachments: [], nextAttachNum: 0, nextRowId: 0 },
      names,
    );
  }

  it('lists a .msg dropped into a folder directory after a restart, and keeps its entry ID stable', async () => {
    const first = await logon();
    const { folderId } = await populate(first);
    await closeAll();
    const dir = join(storeDir, ...folderPathOf('Projects'));
    writeFileSync(join(dir, 'dropped.msg'), outlookFile('Dropped in by hand'));
    const second = await logon();
    const folder = await second.store.openEntry<IMAPIFolder>(folderId, null, MAPI_BEST_ACCESS);
    const rows = await subjects(folder);
    expect(rows.map((r) => r.subject)).toEqual(['Quarterly report', 'Dropped in by hand']);
    const dropped = rows[1]?.entryId as Uint8Array;
    await closeAll();
    const third = await logon();
    expect(await value(await third.store.openEntry<IMessage>(dropped, null, 0), PR_SUBJECT_W)).toBe('Dropped in by hand');
  });

  it('drops a message whose file was deleted, and re-reads one whose file was replaced', async () => {
    const first = await logon();
    const { folderId, messageId } = await populate(first);
    await closeAll();
    const dir = join(storeDir, ...folderPathOf('Projects'));
    writeFileSync(join(dir, 'Quarterly report.msg'), outlookFile('Rewritten elsewhere'));
    const second = await logon();
    expect(await value(await second.store.openEntry<IMessage>(messageId, null, 0), PR_SUBJECT_W)).toBe('Rewritten elsewhere');
    await closeAll();
    unlinkSync(join(dir, 'Quarterly report.msg'));
    const third = await logon();
    const folder = await third.store.openEntry<IMAPIFolder>(folderId, null, MAPI_BEST_ACCESS);
    expect(await subjects(folder)).toEqual([]);
    await expect(third.store.openEntry(messageId, null, 0)).rejects.toMatchObject({ scode: MAPI_E_NOT_FOUND });
  });

  it('sees changes of an open store at the next logon (refresh)', async () => {
    const first = await logon();
    const { folderId } = await populate(first);
    const service = msgStoreService({ durable: false });
    const a = await openServiceStore({ service, settings: [{ ulPropTag: PR_MSGSTORE_PATH_W, Value: storeDir }] });
    open.push(a);
    writeFileSync(join(storeDir, ...folderPathOf('Projects'), 'late.msg'), outlookFile('Arrived late'));
    const b = await openServiceStore({ service, settings: [{ ulPropTag: PR_MSGSTORE_PATH_W, Value: storeDir }] });
    open.push(b);
    const folder = await b.store.openEntry<IMAPIFolder>(folderId, null, MAPI_BEST_ACCESS);
    expect((await subjects(folder)).map((r) => r.subject)).toContain('Arrived late');
  });

  it('a folder directory renamed by hand while the store is open keeps its entry ID and messages', async () => {
    const service = msgStoreService({ durable: false });
    const a = await openServiceStore({ service, settings: [{ ulPropTag: PR_MSGSTORE_PATH_W, Value: storeDir }] });
    open.push(a);
    const { folderId, messageId } = await populate(a);
    const { renameSync } = await import('node:fs');
    renameSync(join(storeDir, ...folderPathOf('Projects')), join(storeDir, ...folderPathOf('Renamed')));
    const b = await openServiceStore({ service, settings: [{ ulPropTag: PR_MSGSTORE_PATH_W, Value: storeDir }] });
    open.push(b);
    const folder = await b.store.openEntry<IMAPIFolder>(folderId, null, MAPI_BEST_ACCESS);
    expect((await subjects(folder)).map((r) => r.entryId)).toEqual([messageId]);
  });

  it('makes a directory created by hand a folder named after it', async () => {
    await logon();
    await closeAll();
    const dir = join(storeDir, ...folderPathOf('Hand made'));
    rmSync(dir, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.msg'), outlookFile('inside'));
    const s = await logon();
    const ipm = await ipmSubtree(s);
    const t = await ipm.getHierarchyTable(0);
    await t.setColumns([PR_DISPLAY_NAME_W, PR_CONTENT_COUNT], 0);
    const rows = await t.queryRows(100, 0);
    const row = rows.find((r) => r.lpProps[0]?.Value === 'Hand made');
    expect(row?.lpProps[1]?.Value).toBe(1);
  });
});

describe('MsgStoreBackend: crash safety', () => {
  it('a crash between writing and renaming keeps the last saved message, and leaves nothing half-written', async () => {
    const first = await logon();
    const { messageId } = await populate(first);
    await closeAll();
    let crash = false;
    const s = await logon({
      hooks: {
        beforeRename: (target) => {
          if (crash && target.endsWith('.msg')) throw new Error('simulated crash');
        },
      },
    });
    const msg = await s.store.openEntry<IMessage>(messageId, null, MAPI_MODIFY);
    await msg.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'never saved' }]);
    crash = true;
    await expect(msg.saveChanges(0)).rejects.toThrow();
    crash = false;
    // The "process" is gone: the crash left a temporary file beside the message.
    const dir = join(storeDir, ...folderPathOf('Projects'));
    expect(readdirSync(dir).some((n) => n.startsWith(TEMP_PREFIX))).toBe(true);
    expect(msgFiles(dir)).toEqual(['Quarterly report.msg']);
    await closeAll();
    const again = await logon();
    expect(await value(await again.store.openEntry<IMessage>(messageId, null, 0), PR_SUBJECT_W)).toBe('Quarterly report');
    // Opening swept the leftovers; every .msg left is whole.
    expect(readdirSync(dir).some((n) => n.startsWith(TEMP_PREFIX))).toBe(false);
    for (const f of msgFiles(dir)) expect(() => readMsg(readFileSync(join(dir, f)), new NamedPropertyMap(new Uint8Array(16)))).not.toThrow();
  });

  it('a crash while creating a message loses only that message', async () => {
    const first = await logon();
    const { folderId } = await populate(first);
    await closeAll();
    let crash = false;
    const s = await logon({ hooks: { beforeRename: (target) => { if (crash && target.endsWith('.msg')) throw new Error('simulated crash'); } } });
    const folder = await s.store.openEntry<IMAPIFolder>(folderId, null, MAPI_BEST_ACCESS);
    const m = await folder.createMessage(null, 0);
    await m.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'lost in the crash' }]);
    crash = true;
    await expect(m.saveChanges(0)).rejects.toThrow();
    crash = false;
    await closeAll();
    const again = await logon();
    const f2 = await again.store.openEntry<IMAPIFolder>(folderId, null, MAPI_BEST_ACCESS);
    expect((await subjects(f2)).map((r) => r.subject)).toEqual(['Quarterly report']);
    expect(await value(f2, PR_CONTENT_COUNT)).toBe(1);
  });
});

describe('MsgStoreBackend: path safety', () => {
  it('encodes folder names that would escape, name devices or separators; they reopen with their exact names', async () => {
    const s = await logon();
    const ipm = await ipmSubtree(s);
    const hostile = ['..', '../../escape', 'CON', 'a/b\\c:d', 'tab\tname.', '.hidden'];
    for (const name of hostile) await ipm.createFolder(FOLDER_GENERIC, name, null, null, 0);
    const m = await (await ipm.createFolder(FOLDER_GENERIC, 'msgs', null, null, 0)).createMessage(null, 0);
    await m.setProps([{ ulPropTag: PR_SUBJECT_W, Value: '../../../outside' }]);
    await m.saveChanges(0);
    await closeAll();
    // Nothing was written outside the store directory.
    expect(readdirSync(tmp)).toEqual(['store']);
    const top = join(storeDir, ...folderPathOf());
    const onDisk = readdirSync(top);
    for (const n of ['%2E%2E', '%2E.%2F..%2Fescape', '%43ON', 'a%2Fb%5Cc%3Ad', 'tab%09name%2E', '%2Ehidden']) expect(onDisk).toContain(n);
    expect(statSync(join(top, '%2E%2E')).isDirectory()).toBe(true);
    expect(msgFiles(join(top, 'msgs'))).toEqual(['%2E.%2F..%2F..%2Foutside.msg']);
    const again = await logon();
    const t = await (await ipmSubtree(again)).getHierarchyTable(0);
    await t.setColumns([PR_DISPLAY_NAME_W], 0);
    const names = (await t.queryRows(100, 0)).map((r) => r.lpProps[0]?.Value);
    for (const name of hostile) expect(names).toContain(name);
  });
});

describe('msgStoreService', () => {
  it('is registered by createMapi and configured through IMsgServiceAdmin.configureMsgService', async () => {
    const mapi = createMapi({ clock: new VirtualClock(), ids: new SeededIds(3), scheduler: new ManualScheduler() });
    await mapi.MAPIInitialize();
    const admin = await mapi.MAPIAdminProfiles(0);
    await admin.createProfile('files', null, 0);
    const services = await admin.adminServices('files', null, 0);
    const uid = await services.createMsgServiceEx(MSG_STORE_SERVICE, null, 0);
    await services.configureMsgService(uid, 0, [{ ulPropTag: PR_MSGSTORE_PATH_W, Value: storeDir }, { ulPropTag: PR_DISPLAY_NAME_W, Value: 'Archive' }]);
    const session = await mapi.MAPILogonEx('files', null, MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_NO_MAIL);
    const table = await session.getMsgStoresTable(0);
    await table.setColumns([PR_ENTRYID, PR_DISPLAY_NAME_W, PR_MDB_PROVIDER], 0);
    const row = (await table.queryRows(10, 0)).find((r) => r.lpProps[2]?.Value instanceof Uint8Array && Buffer.from(r.lpProps[2].Value as Uint8Array).equals(Buffer.from(MSG_STORE_MDB_PROVIDER)));
    expect(row?.lpProps[1]?.Value).toBe('Archive');
    await session.openMsgStore(row?.lpProps[0]?.Value as Uint8Array, null, MAPI_BEST_ACCESS | MDB_NO_DIALOG);
    expect(existsSync(join(storeDir, STORE_FILE))).toBe(true);
    await session.logoff(0);
    mapi.MAPIUninitialize();
  });

  it('configureMsgService without PR_MSGSTORE_PATH_W: MAPI_E_UNCONFIGURED', async () => {
    await expect(openServiceStore({ service: msgStoreService(), settings: [{ ulPropTag: PR_DISPLAY_NAME_W, Value: 'x' }] })).rejects.toSatisfy(
      (e: unknown) => e instanceof MapiError && e.scode === MAPI_E_UNCONFIGURED,
    );
  });

  it('MsgStoreBackend.open on a file that is not a directory: MAPI_E_DISK_ERROR', () => {
    const file = join(tmp, 'plain');
    writeFileSync(file, 'x');
    expect(() => MsgStoreBackend.open(file)).toThrow(MapiError);
  });
});
