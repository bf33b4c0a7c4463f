import type { MessageServiceDefinition } from '../../core/spi/services.js';
import type { MemoryServer } from '../memory-store/MemoryServer.js';
import { directoryLogon } from './DirectoryLogon.js';

/** PR_SERVICE_NAME of the directory (global address list) service. */
export const DIRECTORY_SERVICE = 'MAPIEMU_DIRECTORY';

/**
 * The directory service: one read-only address-book provider over the users of a
 * {@link MemoryServer} (a GAL with EX entries carrying their SMTP addresses). It needs no
 * configuration: `createMsgService(DIRECTORY_SERVICE, ...)` is enough.
 * @example
 * await admin.createMsgServiceEx(DIRECTORY_SERVICE, null, 0);
 * const ab = await session.openAddressBook(null, 0);
 */
export function directoryService(server: MemoryServer): MessageServiceDefinition {
  return {
    name: DIRECTORY_SERVICE,
    displayName: 'Global Address List (in-memory)',
    providers: [{ kind: 'addressBook', name: 'MAPIEMU_DIRECTORY_AB', displayName: 'Global Address List', addressBook: { logon: () => directoryLogon(server) } }],
  };
}
