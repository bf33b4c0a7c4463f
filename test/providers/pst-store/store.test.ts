/**
 * The PST store as a client meets it: the `MSUPST MS` / `MSPST MS` services of createMapi
 * configured with PR_PST_PATH, openPstFile, PST-style entry IDs, and the overlay that keeps
 * every change beside the file (persisted to the sidecar, the file never modified).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MapiSubsystem } from '../../../src/core/session/MapiSubsystem.js';
import type { IMAPIFolder, IMessage, IMsgStore } from '../../../src/core/store/interfaces.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { ManualScheduler } from '../../../src/core/notify/scheduler.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import {
  PR_DISPLAY_NAME_W, PR_ENTRYID, PR_IPM_SUBTREE_ENTRYID, PR_MDB_PROVIDER, PR_PST_PATH, PR_RECORD_KEY, PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import {
  DELETE_HARD_DELETE, FOLDER_GENERIC, MAPI_BEST_ACCESS, MAPI_EXTENDED, MAPI_MODIFY, MAPI_NEW_SESSION, MAPI_NO_MAIL, MDB_NO_DIALOG, MDB_WRITE, MESSAGE_MOVE,
} from '../../../src/core/generated/constants.js';
import { MAPI_E_NO_ACCESS, MAPI_E_NOT_FOUND, MAPI_E_UNCONFIGURED, MAPI_E_UNKNOWN_FLAGS } from '../../../src/core/generated/scodes.js';
import { openPstFileSession, pstStoreService, MSPST_UID_PROVIDER, PST_SIDECAR_SUFFIX, PST_SERVICE_ANSI, PST_SERVICE_UNICODE } from '../../../src/providers/pst-store/index.js';
import { openPst } from '../../../src/formats/pst/messaging/index.js';
import { SAMPLE_DIR } from '../../formats/pst/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'pst-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function copyOf(sample: string): string {
  const path = join(dir, `${n++}-${sample}`);
  copyFileSync(SAMPLE_DIR + sample, path);
  return path;
}
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const deterministic = () => ({ clock: new VirtualClock(), ids: new SeededIds(3), scheduler: new ManualScheduler() });

async function rows(folder: IMAPIFolder, tag = PR_SUBJECT_W): Promise<string[]> {
  const table = await folder.getContentsTable(0);
  await table.setColumns([tag], 0);
  return (await table.queryRows(1000, 0)).map((r) => String(r.lpProps[0]?.Value));
}
async function child(parent: IMAPIFolder, name: string): Promise<IMAPIFolder> {
  const table = await parent.getHierarchyTable(0);
  await table.setColumns([PR_DISPLAY_NAME_W, PR_ENTRYID], 0);
  const row = (await table.queryRows(1000, 0)).find((r) => r.lpProps[0]?.Value === name);
  if (!row) throw new Error(`no folder ${name}`);
  return parent.openEntry<IMAPIFolder>(row.lpProps[1]?.Value as Uint8Array, null, MAPI_BEST_ACCESS) as Promise<IMAPIFolder>;
}
async function ipm(store: IMsgStore): Promise<IMAPIFolder> {
  const [eid] = await store.getProps([PR_IPM_SUBTREE_ENTRYID], 0);
  return store.openEntry<IMAPIFolder>(eid?.Value as Uint8Array, null, MAPI_BEST_ACCESS) as Promise<IMAPIFolder>;
}

/** A session with one PST service configured with `props` (the subsystem of createMapi, or one with both PST services registered). */
async function logonTo(service: string, props: { ulPropTag: number; Value: string }[], mapi?: MapiSubsystem): Promise<{ mapi: MapiSubsystem; store: () => Promise<IMsgStore> }> {
  if (!mapi) {
    mapi = new MapiSubsystem(deterministic());
    mapi.registerService(pstStoreService({ name: PST_SERVICE_UNICODE }));
    mapi.registerService(pstStoreService({ name: PST_SERVICE_ANSI }));
  }
  await mapi.MAPIInitialize();
  const admin = await mapi.MAPIAdminProfiles(0);
  await admin.createProfile('p', null, 0);
  const services = await admin.adminServices('p', null, 0);
  const uid = await services.createMsgServiceEx(service, null, 0);
  await services.configureMsgService(uid, 0, props);
  const session = await mapi.MAPILogonEx('p', null, MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_NO_MAIL);
  return {
    mapi,
    store: async () => {
      const table = await session.getMsgStoresTable(0);
      await table.setColumns([PR_ENTRYID, PR_MDB_PROVIDER], 0);
      const row = (await table.queryRows(10, 0)).find((r) => r.lpProps[1]?.Value instanceof Uint8Array && Buffer.compare(r.lpProps[1].Value as Uint8Array, MSPST_UID_PROVIDER) === 0);
      return session.openMsgStore(row?.lpProps[0]?.Value as Uint8Array, null, MAPI_BEST_ACCESS | MDB_NO_DIALOG);
    },
  };
}

describe('MSUPST MS / MSPST MS message services', () => {
  it.each(['MSUPST MS', 'MSPST MS'])('%s: createMapi registers it; configured with PR_PST_PATH it opens the file\'s folders and messages', async (service) => {
    const path = copyOf('tika__testPST_variousBodyTypes.pst');
    // Imported here so that a failure to load the composition root fails this case only.
    const { createMapi } = await import('../../../src/mapi.js');
    const { store } = await logonTo(service, [{ ulPropTag: PR_PST_PATH, Value: path }], createMapi(deterministic()) as MapiSubsystem);
    const s = await store();
    const inbox = await child(await ipm(s), 'Inbox');
    const tmp = await child(inbox, 'tmp');
    expect((await rows(tmp)).sort()).toEqual(['FW: original email', 'FW: original email', 'FW: original email', 'original email']);
  });

  it('configureMsgService without PR_PST_PATH: MAPI_E_UNCONFIGURED', async () => {
    await expect(logonTo('MSUPST MS', [])).rejects.toMatchObject({ scode: MAPI_E_UNCONFIGURED });
  });

  it('a PR_PST_PATH that does not exist: openMsgStore answers MAPI_E_NOT_FOUND (creating PST files is not supported)', async () => {
    const { store } = await logonTo('MSUPST MS', [{ ulPropTag: PR_PST_PATH, Value: join(dir, 'missing.pst') }]);
    await expect(store()).rejects.toMatchObject({ scode: MAPI_E_NOT_FOUND });
  });
});

describe('PST entry IDs', () => {
  it('are Flags(4)=0 + the store\'s PR_RECORD_KEY + the NID ([MS-PST] 2.4.3.2), so the file\'s own entry IDs open', async () => {
    const path = copyOf('javalibpst__dist-list.pst');
    const { store, close } = await openPstFileSession(path, 0, deterministic());
    const [recordKey] = await store.getProps([PR_RECORD_KEY], 0);
    const top = await ipm(store);
    const [eid] = await top.getProps([PR_ENTRYID], 0);
    const bytes = eid?.Value as Uint8Array;
    expect(bytes).toHaveLength(24);
    expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    expect(Buffer.from(bytes.subarray(4, 20)).equals(Buffer.from(openPst(path).providerUid))).toBe(true);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(20, true)).toBe(0x8022);
    expect(recordKey?.Value).toBeInstanceOf(Uint8Array);
    await close();
  });
});

describe('openPstFile', () => {
  it('rejects unknown flags with MAPI_E_UNKNOWN_FLAGS', async () => {
    await expect(openPstFileSession(copyOf('gopst__32-bit.pst'), 0x4000)).rejects.toMatchObject({ scode: MAPI_E_UNKNOWN_FLAGS });
  });

  it('without MDB_WRITE opens read-only: writes answer MAPI_E_NO_ACCESS', async () => {
    const { store, close } = await openPstFileSession(copyOf('gopst__32-bit.pst'), 0, deterministic());
    const top = await ipm(store);
    await expect(top.createFolder(FOLDER_GENERIC, 'x', null, null, 0)).rejects.toMatchObject({ scode: MAPI_E_NO_ACCESS });
    await close();
  });
});

describe('PST overlay', () => {
  /** Writes through MAPI: a new folder with a message, a changed subject, a move and a hard delete. */
  async function writeChanges(path: string, overlay: 'sidecar' | 'memory'): Promise<void> {
    const { store, close } = await openPstFileSession(path, MDB_WRITE, { ...deterministic(), overlay });
    const top = await ipm(store);
    const created = await top.createFolder(FOLDER_GENERIC, 'Overlay folder', null, null, 0);
    const msg = await created.createMessage(null, 0);
    await msg.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'written through MAPI' }]);
    await msg.saveChanges(0);
    const tmp = await child(await child(top, 'Inbox'), 'tmp');
    const table = await tmp.getContentsTable(0);
    await table.setColumns([PR_ENTRYID, PR_SUBJECT_W], 0);
    const list = await table.queryRows(10, 0);
    const original = list.find((r) => r.lpProps[1]?.Value === 'original email')!;
    const forwards = list.filter((r) => r.lpProps[1]?.Value === 'FW: original email');
    const m = await tmp.openEntry<IMessage>(original.lpProps[0]?.Value as Uint8Array, null, MAPI_MODIFY);
    await (m as IMessage).setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'changed subject' }]);
    await (m as IMessage).saveChanges(0);
    await tmp.copyMessages([forwards[0]!.lpProps[0]?.Value as Uint8Array], null, created, null, MESSAGE_MOVE);
    await tmp.deleteMessages([forwards[1]!.lpProps[0]?.Value as Uint8Array], null, DELETE_HARD_DELETE);
    await close();
  }

  async function readBack(path: string): Promise<{ created: string[] | undefined; tmp: string[] }> {
    const { store, close } = await openPstFileSession(path, 0, { ...deterministic(), overlay: 'sidecar' });
    const top = await ipm(store);
    let created: string[] | undefined;
    try {
      created = (await rows(await child(top, 'Overlay folder'))).sort();
    } catch {
      created = undefined;
    }
    const tmp = (await rows(await child(await child(top, 'Inbox'), 'tmp'))).sort();
    await close();
    return { created, tmp };
  }

  it('keeps changes made through MAPI in a sidecar: reopening the same file shows them; the file\'s bytes are unchanged', async () => {
    const path = copyOf('tika__testPST_variousBodyTypes.pst');
    const before = sha(path);
    await writeChanges(path, 'sidecar');
    expect(sha(path)).toBe(before);
    expect(existsSync(path + PST_SIDECAR_SUFFIX)).toBe(true);
    expect(await readBack(path)).toEqual({ created: ['FW: original email', 'written through MAPI'], tmp: ['FW: original email', 'changed subject'] });
  });

  it('in memory: nothing is written beside the file, and a new open sees the file as it was', async () => {
    const path = copyOf('tika__testPST_variousBodyTypes.pst');
    const before = sha(path);
    await writeChanges(path, 'memory');
    expect(sha(path)).toBe(before);
    expect(existsSync(path + PST_SIDECAR_SUFFIX)).toBe(false);
    expect(await readBack(path)).toEqual({ created: undefined, tmp: ['FW: original email', 'FW: original email', 'FW: original email', 'original email'] });
  });

  it('refuses a sidecar that belongs to another PST with MAPI_E_CORRUPT_DATA', async () => {
    const a = copyOf('tika__testPST_variousBodyTypes.pst');
    await writeChanges(a, 'sidecar');
    const b = copyOf('javalibpst__dist-list.pst');
    copyFileSync(a + PST_SIDECAR_SUFFIX, b + PST_SIDECAR_SUFFIX);
    const err = await openPstFileSession(b, 0, deterministic()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MapiError);
    expect((err as MapiError).message).toContain('another PST');
  });
});
