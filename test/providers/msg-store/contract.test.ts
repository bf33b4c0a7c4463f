/**
 * The store-provider contract, run on the .msg-directory store service through a session,
 * each case in a new temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreProviderContract, openServiceStore } from '../../../src/vitest/index.js';
import { msgStoreService, PR_MSGSTORE_PATH_W } from '../../../src/providers/msg-store/service.js';

describeStoreProviderContract('.msg directory store (MAPIEMU_MSGSTORE)', {
  // The subsystem's spooler is attached to every writable store (src/core/spooler/), so STORE_SUBMIT_OK is on.
  capabilities: { write: true, searchFolders: true, softDelete: true, associatedContents: true, saveContentsSort: true, notifications: true, submit: true },
  open: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapiemu-msgstore-'));
    const store = await openServiceStore({ service: msgStoreService({ durable: false }), settings: [{ ulPropTag: PR_MSGSTORE_PATH_W, Value: join(dir, 'store') }] });
    return {
      ...store,
      close: async () => {
        try {
          await store.close?.();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  },
});
