/**
 * The emulator's store-provider contract suite against Outlook's real MAPI on Windows: the
 * third way of the conformance run (the first two, the emulator directly and the backend over
 * the fake MAPI ABI, run everywhere). Skipped unless MAPI_EMU_OUTLOOK_PROFILE names an Outlook
 * profile on 64-bit Windows; see docs/windows.md for the command.
 *
 * The suite works in folders it creates under the IPM subtree of the profile's default store
 * and deletes afterwards; use a test profile (a PST-only profile is the safest).
 *
 * Capabilities come from the store's PR_STORE_SUPPORT_MASK; the three the mask cannot tell
 * (soft deletion, associated contents, SaveContentsSort) from MAPI_EMU_OUTLOOK_CAPS, e.g.
 * `softDelete,associatedContents` (default: associatedContents only, as a PST store).
 */
import { afterAll, describe, it } from 'vitest';
import { describeStoreProviderContract, type ContractStore, type StoreCapabilities } from '../../src/vitest/index.js';
import { createMapi } from '../../src/mapi.js';
import type { WindowsMapi } from '../../src/providers/windows/WindowsMapi.js';
import { PR_DEFAULT_STORE, PR_ENTRYID, PR_STORE_SUPPORT_MASK } from '../../src/core/generated/proptags.js';
import {
  MAPI_BEST_ACCESS, MAPI_EXTENDED, MAPI_NEW_SESSION, MAPI_NO_MAIL, MDB_NO_DIALOG, STORE_NOTIFY_OK, STORE_READONLY, STORE_SEARCH_OK, STORE_SUBMIT_OK,
} from '../../src/core/generated/constants.js';

const profile = process.env['MAPI_EMU_OUTLOOK_PROFILE'];
const enabled = process.platform === 'win32' && process.arch === 'x64' && !!profile;

let mapi: WindowsMapi | undefined;

async function open(): Promise<ContractStore> {
  if (!mapi) {
    mapi = createMapi({ backend: 'windows' });
    await mapi.MAPIInitialize();
  }
  const m = mapi;
  const session = await m.MAPILogonEx(profile ?? null, null, MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_NO_MAIL);
  const table = await session.getMsgStoresTable(0);
  await table.setColumns([PR_ENTRYID, PR_DEFAULT_STORE], 0);
  const rows = await table.queryRows(100, 0);
  table.release();
  const row = rows.find((r) => r.lpProps[1]?.Value === true) ?? rows[0];
  const store = await session.openMsgStore(row?.lpProps[0]?.Value as Uint8Array, null, MAPI_BEST_ACCESS | MDB_NO_DIALOG);
  return {
    session,
    store,
    flush: () => m.flushNotifications(),
    close: async () => {
      store.release();
      await session.logoff(0);
      session.release();
    },
  };
}

async function capabilities(): Promise<StoreCapabilities> {
  const s = await open();
  try {
    const [mask] = await s.store.getProps([PR_STORE_SUPPORT_MASK], 0);
    const m = typeof mask?.Value === 'number' ? mask.Value : 0;
    const extra = new Set((process.env['MAPI_EMU_OUTLOOK_CAPS'] ?? 'associatedContents').split(',').map((x) => x.trim()));
    return {
      write: (m & STORE_READONLY) === 0,
      searchFolders: (m & STORE_SEARCH_OK) !== 0,
      notifications: (m & STORE_NOTIFY_OK) !== 0,
      submit: (m & STORE_SUBMIT_OK) !== 0,
      softDelete: extra.has('softDelete'),
      associatedContents: extra.has('associatedContents'),
      saveContentsSort: extra.has('saveContentsSort'),
    };
  } finally {
    await s.close?.();
  }
}

if (enabled) {
  describeStoreProviderContract(`Outlook's MAPI (profile ${profile})`, { capabilities: await capabilities(), open });
  afterAll(() => {
    mapi?.MAPIUninitialize();
    mapi?.dispose();
  });
} else {
  describe("store provider contract: Outlook's MAPI on Windows", () => {
    it.skip('needs 64-bit Windows with Outlook and MAPI_EMU_OUTLOOK_PROFILE (docs/windows.md)', () => undefined);
  });
}
