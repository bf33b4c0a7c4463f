import { describeAbProviderContract, openServiceAddressBook } from '../../../src/vitest/abContract.js';
import { MemoryServer } from '../../../src/providers/memory-store/MemoryServer.js';
import { directoryService } from '../../../src/providers/directory/service.js';

describeAbProviderContract('in-memory directory (GAL)', {
  capabilities: { write: false },
  open: () => {
    const server = new MemoryServer();
    for (const m of ['alice', 'bob', 'carol']) server.addUser({ mailbox: m, displayName: m === 'bob' ? 'Bob Jones' : m });
    return openServiceAddressBook({ service: directoryService(server) });
  },
});
