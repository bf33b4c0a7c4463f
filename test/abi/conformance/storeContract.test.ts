/**
 * The emulator's store-provider contract suite (mapi-emu/vitest), run through the Windows
 * backend → fake MAPI ABI → the in-memory mailbox: the same ninety-odd cases the emulator
 * passes directly (test/providers/memory-store/contract.test.ts), now with every call
 * crossing the real x64 ABI. After each case the fake's allocation tracker must report no
 * MAPI buffer left unfreed, none freed twice, and no call on a released object. (The cases do
 * not release every object they open, as client code may not; interface references are
 * checked by conformance.test.ts, whose scenarios release everything.)
 */
import { afterAll, describe, it } from 'vitest';
import { describeStoreProviderContract, openServiceStore, type ContractStore } from '../../../src/vitest/index.js';
import { MEMORY_STORE_SERVICE, memoryStoreService } from '../../../src/providers/memory-store/service.js';
import { MemoryServer } from '../../../src/providers/memory-store/MemoryServer.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import { createMapi } from '../../../src/mapi.js';
import { isKoffiAvailable } from '../../../src/providers/windows/koffi.js';
import { bytesEqual } from '../../../src/core/props/values.js';
import { PR_ENTRYID, PR_PROFILE_MAILBOX, PR_SERVICE_UID, PR_STORE_SUPPORT_MASK } from '../../../src/core/generated/proptags.js';
import { MAPI_BEST_ACCESS, MAPI_EXTENDED, MAPI_NEW_SESSION, MAPI_NO_MAIL, MDB_NO_DIALOG, STORE_SUBMIT_OK } from '../../../src/core/generated/constants.js';
import { HostClient } from '../fake/HostClient.js';
import { FakeMapi } from '../fake/FakeMapi.js';

let host: Promise<HostClient> | undefined;
let seed = 1;

async function openThroughFake(): Promise<ContractStore> {
  host ??= HostClient.start();
  const fake = FakeMapi.create(await host, { seed: seed++ });
  const mapi = createMapi({ backend: 'windows', windows: { library: fake.library } });
  await mapi.MAPIInitialize();
  const admin = await mapi.MAPIAdminProfiles(0);
  await admin.createProfile('contract', null, 0);
  const services = await admin.adminServices('contract', null, 0);
  const uid = await services.createMsgServiceEx(MEMORY_STORE_SERVICE, null, 0);
  await services.configureMsgService(uid, 0, [{ ulPropTag: PR_PROFILE_MAILBOX, Value: 'contract' }]);
  services.release();
  admin.release();
  const session = await mapi.MAPILogonEx('contract', null, MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_NO_MAIL);
  const table = await session.getMsgStoresTable(0);
  await table.setColumns([PR_ENTRYID, PR_SERVICE_UID], 0);
  const rows = await table.queryRows(100, 0);
  table.release();
  const row = rows.find((r) => {
    const svc = r.lpProps[1]?.Value;
    return svc instanceof Uint8Array && bytesEqual(svc, uid);
  });
  const store = await session.openMsgStore(row?.lpProps[0]?.Value as Uint8Array, null, MAPI_BEST_ACCESS | MDB_NO_DIALOG);
  return {
    session,
    store,
    flush: () => mapi.flushNotifications(),
    close: async () => {
      try {
        await session.logoff(0);
        await mapi.flushNotifications();
        store.release();
        session.release();
        mapi.MAPIUninitialize();
        const { leaks, problems } = fake.report();
        if (leaks.length || problems.length) {
          throw new Error(`fake MAPI ABI: ${leaks.length} MAPI buffers not freed, ${problems.length} problems:\n${[...leaks, ...problems].slice(0, 20).join('\n')}`);
        }
      } finally {
        // Wrappers the case did not release are never called again: their finalizers see a disposed runtime.
        mapi.dispose();
        fake.dispose();
      }
    },
  };
}

/**
 * Whether the emulator's in-memory mailbox, opened directly, has a spooler (STORE_SUBMIT_OK):
 * the backend run must behave as the direct one, whatever the emulator's current state.
 */
async function directSubmit(): Promise<boolean> {
  const direct = await openServiceStore({ service: memoryStoreService(new MemoryServer(new SeededIds(99))), settings: [{ ulPropTag: PR_PROFILE_MAILBOX, Value: 'contract' }] });
  try {
    const [mask] = await direct.store.getProps([PR_STORE_SUPPORT_MASK], 0);
    return typeof mask?.Value === 'number' && (mask.Value & STORE_SUBMIT_OK) !== 0;
  } finally {
    await direct.close?.();
  }
}

if (isKoffiAvailable()) {
  const submit = await directSubmit();
  describeStoreProviderContract('Windows backend → fake MAPI ABI → in-memory mailbox', {
    // The capabilities of the in-memory mailbox run directly (test/providers/memory-store/contract.test.ts).
    capabilities: { write: true, searchFolders: true, softDelete: true, associatedContents: true, saveContentsSort: true, notifications: true, submit },
    open: openThroughFake,
  });
  afterAll(async () => {
    await (await host)?.stop();
  });
} else {
  describe('store provider contract: Windows backend → fake MAPI ABI', () => {
    it.skip('needs koffi', () => undefined);
  });
}
