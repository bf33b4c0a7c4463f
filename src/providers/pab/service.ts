import type { MessageServiceDefinition } from '../../core/spi/services.js';
import { PabData } from './PabData.js';

/** PR_SERVICE_NAME of the personal address book service. */
export const PAB_SERVICE = 'MAPIEMU_PAB';

/** Where a subsystem's personal address books live: by profile name and provider MAPIUID. */
export class PabStore {
  private readonly books = new Map<string, PabData>();

  /** The PAB of a profile's provider (created empty on first use). */
  get(profileName: string, providerUid: Uint8Array): PabData {
    const key = `${profileName.toLowerCase()}/${[...providerUid].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
    let b = this.books.get(key);
    if (!b) {
      b = new PabData(Uint8Array.from(providerUid));
      this.books.set(key, b);
    }
    return b;
  }

  /** Every PAB made so far. */
  all(): PabData[] {
    return [...this.books.values()];
  }
}

/**
 * The personal address book service: one writable address-book provider whose container
 * holds messaging users and distribution lists created with IABContainer.createEntry /
 * copyEntries. The data lives in memory, per profile (sessions of one profile share it),
 * under the provider's MAPIUID, which is also the MAPIUID of its entry IDs.
 * @example
 * await admin.createMsgServiceEx(PAB_SERVICE, null, 0);
 */
export function pabService(store: PabStore = new PabStore()): MessageServiceDefinition {
  return {
    name: PAB_SERVICE,
    displayName: 'Personal Address Book (in-memory)',
    providers: [{ kind: 'addressBook', name: 'MAPIEMU_PAB_AB', displayName: 'Personal Address Book', addressBook: { logon: (_support, info) => store.get(info.profileName, info.providerUid).logon() } }],
  };
}
