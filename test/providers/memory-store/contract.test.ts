/**
 * The store-provider contract, run on the in-memory mailbox service through a session, and
 * on a read-only in-memory backend wrapped at the SPI level (the capability-off branches).
 */
import { describeStoreProviderContract, openServiceStore, storeServiceFor } from '../../../src/vitest/index.js';
import { memoryStoreService, MEMORY_STORE_MDB_PROVIDER } from '../../../src/providers/memory-store/service.js';
import { MemoryServer } from '../../../src/providers/memory-store/MemoryServer.js';
import { MemoryBackend } from '../../../src/providers/memory-store/MemoryBackend.js';
import { ExchangeEntryIds } from '../../../src/core/store/entryIds.js';
import { StoreContext } from '../../../src/core/store/StoreContext.js';
import { initializeStore } from '../../../src/core/store/defaultFolders.js';
import { openFolder } from '../../../src/core/store/Folder.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { ManualScheduler } from '../../../src/core/notify/scheduler.js';
import { NotificationHub } from '../../../src/core/notify/NotificationHub.js';
import { PR_ATTACH_DATA_BIN, PR_ATTACH_METHOD, PR_DISPLAY_NAME_W, PR_PROFILE_MAILBOX, PR_RECIPIENT_TYPE, PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';
import { ATTACH_BY_VALUE, FOLDER_GENERIC, KEEP_OPEN_READWRITE, MAPI_TO, MODRECIP_ADD } from '../../../src/core/generated/constants.js';

describeStoreProviderContract('in-memory mailbox (MAPIEMU_MEMSTORE)', {
  // The subsystem's spooler is attached to every writable store (src/core/spooler/), so STORE_SUBMIT_OK is on.
  capabilities: { write: true, searchFolders: true, softDelete: true, associatedContents: true, saveContentsSort: true, notifications: true, submit: true },
  open: () => openServiceStore({ service: memoryStoreService(new MemoryServer(new SeededIds(99))), settings: [{ ulPropTag: PR_PROFILE_MAILBOX, Value: 'contract' }] }),
});

/** A mailbox with a folder holding two messages (one with a recipient and an attachment), then made read-only. */
async function readOnlyMailbox(): Promise<MemoryBackend> {
  const ids = new SeededIds(5);
  const backend = new MemoryBackend(new ExchangeEntryIds(ids.bytes(16), ids.bytes(16)));
  const scheduler = new ManualScheduler();
  const support = { clock: new VirtualClock(), ids, hub: new NotificationHub({ scheduler }), scheduler, codePage: 1252, interceptor: null };
  const ctx = new StoreContext(backend, support, new Uint8Array(24), new Uint8Array(16));
  await initializeStore(ctx, 'Archive');
  const ipm = openFolder(ctx, backend.specialFolders().ipmSubtree as number, true);
  const folder = await ipm.createFolder(FOLDER_GENERIC, 'Archive 2020', null, null, 0);
  for (const subject of ['kept', 'with file']) {
    const msg = await folder.createMessage(null, 0);
    await msg.setProps([{ ulPropTag: PR_SUBJECT_W, Value: subject }]);
    if (subject === 'with file') {
      await msg.modifyRecipients(MODRECIP_ADD, [{ rgPropVals: [{ ulPropTag: PR_DISPLAY_NAME_W, Value: 'Alice' }, { ulPropTag: PR_RECIPIENT_TYPE, Value: MAPI_TO }] }]);
      const { attach } = await msg.createAttach(null, 0);
      await attach.setProps([{ ulPropTag: PR_ATTACH_METHOD, Value: ATTACH_BY_VALUE }, { ulPropTag: PR_ATTACH_DATA_BIN, Value: Uint8Array.of(1, 2, 3) }]);
      await attach.saveChanges(0);
    }
    await msg.saveChanges(KEEP_OPEN_READWRITE);
  }
  Object.defineProperty(backend, 'readOnly', { value: true });
  return backend;
}

describeStoreProviderContract('read-only in-memory backend (SPI level)', {
  capabilities: { write: false, searchFolders: true, softDelete: true, associatedContents: true, saveContentsSort: true, notifications: true, submit: false },
  open: async () => {
    const backend = await readOnlyMailbox();
    return openServiceStore({ service: storeServiceFor({ mdbProvider: MEMORY_STORE_MDB_PROVIDER, backend: () => ({ backend, isNew: false }) }) });
  },
});
