import { createWorld, type World } from '../../../src/fixtures/index.js';
import { MapiError, scodeName } from '../../../src/core/errors/MapiError.js';
import { MAPIOpenFormMgr, type FormDescription, type FormVerbContext, type IMAPIFormMgr } from '../../../src/core/forms/index.js';
import type { IMAPISession } from '../../../src/core/session/interfaces.js';
import type { IMAPIFolder, IMsgStore } from '../../../src/core/store/interfaces.js';
import type { SRow } from '../../../src/core/props/types.js';
import { PR_DEFAULT_STORE, PR_ENTRYID } from '../../../src/core/generated/proptags.js';
import { FOLDER_GENERIC, MAPI_MODIFY, MDB_WRITE, OPEN_IF_EXISTS } from '../../../src/core/generated/constants.js';

export async function scodeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof MapiError) return scodeName(e.scode);
    throw e;
  }
  return 'S_OK';
}

const col = (row: SRow | undefined, tag: number): unknown => row?.lpProps.find((p) => p.ulPropTag === tag)?.Value;

export async function openStore(s: IMAPISession): Promise<IMsgStore> {
  const t = await s.getMsgStoresTable(0);
  await t.setColumns([PR_ENTRYID, PR_DEFAULT_STORE], 0);
  const rows = await t.queryRows(10, 0);
  return s.openMsgStore(col(rows.find((r) => col(r, PR_DEFAULT_STORE) === true), PR_ENTRYID) as Uint8Array, null, MDB_WRITE);
}

export async function inbox(store: IMsgStore): Promise<IMAPIFolder> {
  const { lpEntryID } = await store.getReceiveFolder('IPM.Note', 0);
  return store.openEntry<IMAPIFolder>(lpEntryID, null, MAPI_MODIFY);
}

/** A subfolder of the inbox (created on first use). */
export async function subfolder(store: IMsgStore, name: string): Promise<IMAPIFolder> {
  return (await inbox(store)).createFolder(FOLDER_GENERIC, name, null, null, OPEN_IF_EXISTS);
}

/** A user's session, store and form manager. */
export interface FormsUser {
  session: IMAPISession;
  store: IMsgStore;
  mgr: IMAPIFormMgr;
}

export async function user(world: World<string>, name: string): Promise<FormsUser> {
  const session = await world.logon(name);
  return { session, store: await openStore(session), mgr: await MAPIOpenFormMgr(session) };
}

export async function makeWorld(): Promise<World<string>> {
  return createWorld({ users: ['alice', 'bob'] });
}

/** A form for `messageClass` whose verbs record what they were called with in `calls`. */
export function recordingForm(messageClass: string, calls: FormVerbContext[] = [], extra: Partial<FormDescription> = {}): FormDescription {
  return {
    messageClass,
    displayName: `${messageClass} form`,
    verbs: [
      { code: 102, displayName: 'Reply' },
      { code: 0, displayName: 'Open' },
    ],
    handler: { doVerb: (ctx) => void calls.push(ctx) },
    ...extra,
  };
}
