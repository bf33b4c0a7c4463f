import { describeTransportProviderContract } from '../../../src/vitest/index.js';
import { MemoryServer, MEMORY_SERVER_ORG } from '../../../src/providers/memory-store/MemoryServer.js';
import { loopbackTransportService } from '../../../src/providers/loopback-transport/index.js';
import { SeededIds } from '../../../src/core/spi/ids.js';

describeTransportProviderContract('loopback transport (MAPIEMU_LOOPBACK)', () => {
  const server = new MemoryServer(new SeededIds(5));
  server.addUser({ mailbox: 'bob' });
  server.addUser({ mailbox: 'carol', smtpAddress: 'carol@contoso.com' });
  return {
    provider: loopbackTransportService(server).providers[0]!.transport!,
    deliverable: [
      { addressType: 'SMTP', emailAddress: 'bob@example.com' },
      { addressType: 'EX', emailAddress: `${MEMORY_SERVER_ORG}/cn=Recipients/cn=carol` },
    ],
    undeliverable: { addressType: 'SMTP', emailAddress: 'nobody@example.com' },
  };
});
