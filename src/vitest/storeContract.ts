/**
 * The store-provider contract suite: what every message store must do, as a client sees it
 * (IMsgStore, IMAPIFolder, IMessage and IAttach reached through an IMAPISession), checked
 * against the MAPI reference pages. Every store provider runs it: the in-memory mailbox,
 * the .msg- and PST-backed stores, the Windows backend.
 *
 * @example
 * // test/providers/acme/contract.test.ts
 * import { describeStoreProviderContract, openServiceStore } from 'mapi-emu/vitest';
 * import { acmeService } from '../../../src/providers/acme/service.js';
 *
 * describeStoreProviderContract('Acme store', {
 *   capabilities: { write: true, searchFolders: true, softDelete: true, associatedContents: true, saveContentsSort: false, notifications: true, submit: true },
 *   open: () => openServiceStore({ service: acmeService(), settings: [{ ulPropTag: PR_ACME_PATH, Value: '/tmp/acme' }] }),
 * });
 *
 * @packageDocumentation
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { SPropValue } from '../core/props/types.js';
import type { MessageServiceDefinition, StoreLogonInfo, StoreLogonResult } from '../core/spi/services.js';
import type { IMAPISession } from '../core/session/interfaces.js';
import type { IMsgStore } from '../core/store/interfaces.js';
import type { StoreSupport } from '../core/store/StoreContext.js';
import { MapiSubsystem } from '../core/session/MapiSubsystem.js';
import { VirtualClock } from '../core/spi/clock.js';
import { SeededIds } from '../core/spi/ids.js';
import { ManualScheduler } from '../core/notify/scheduler.js';
import { bytesEqual } from '../core/props/values.js';
import { EmulatorError } from '../core/errors/MapiError.js';
import { PR_ENTRYID, PR_SERVICE_UID } from '../core/generated/proptags.js';
import { MAPI_BEST_ACCESS, MAPI_EXTENDED, MAPI_NEW_SESSION, MAPI_NO_MAIL, MDB_NO_DIALOG } from '../core/generated/constants.js';
import { ContractEnv, type ContractSuite } from './storeContract/env.js';
import { storeCases } from './storeContract/storeCases.js';
import { folderCases } from './storeContract/folderCases.js';
import { folderCopyCases } from './storeContract/folderCopyCases.js';
import { messageCases } from './storeContract/messageCases.js';
import { attachmentCases } from './storeContract/attachmentCases.js';
import { transactionCases } from './storeContract/transactionCases.js';
import { contentsCases } from './storeContract/contentsCases.js';
import { readFlagCases } from './storeContract/readFlagCases.js';
import { notificationCases } from './storeContract/notificationCases.js';
import { readOnlyCases } from './storeContract/readOnlyCases.js';

/**
 * What a store may legitimately not do. Where a capability is off, the suite does not skip
 * its cases: it checks that the store refuses the way the reference pages say
 * (MAPI_E_NO_ACCESS for writes to a read-only store, MAPI_E_NO_SUPPORT for a feature the
 * provider lacks) and that PR_STORE_SUPPORT_MASK says so.
 */
export interface StoreCapabilities {
  /**
   * Folders, messages and store properties can be created and changed. Off (a store over a
   * read-only file): PR_STORE_SUPPORT_MASK has STORE_READONLY, MAPI_MODIFY opens and every
   * write answer MAPI_E_NO_ACCESS, and the read cases walk whatever the store holds.
   */
  write: boolean;
  /** FOLDER_SEARCH folders and their criteria (STORE_SEARCH_OK). Off: createFolder(FOLDER_SEARCH) answers MAPI_E_NO_SUPPORT. */
  searchFolders: boolean;
  /**
   * Soft deletion: deletes without DELETE_HARD_DELETE keep the item for SHOW_SOFT_DELETES
   * tables and opens. Off: such deletes are hard; SHOW_SOFT_DELETES lists nothing (or the flag is refused).
   */
  softDelete: boolean;
  /** Associated (FAI) messages, MAPI_ASSOCIATED. Off: createMessage(MAPI_ASSOCIATED) and the associated contents table answer MAPI_E_NO_SUPPORT. */
  associatedContents: boolean;
  /** IMAPIFolder::SaveContentsSort. Off: it answers MAPI_E_NO_SUPPORT (imapifolder-savecontentssort.md allows that). */
  saveContentsSort: boolean;
  /** IMsgStore::Advise (STORE_NOTIFY_OK). Off: advise answers MAPI_E_NO_SUPPORT (imsgstore-advise.md). */
  notifications: boolean;
  /** IMessage::SubmitMessage (STORE_SUBMIT_OK: a spooler is attached). Off: submitMessage answers MAPI_E_NO_SUPPORT. */
  submit: boolean;
}

/** A store opened for one case, the way a client opens it. */
export interface ContractStore {
  /** The session the store was opened through (compareEntryIDs and openEntry are also checked through it). */
  session: IMAPISession;
  /** The store, opened with MAPI_BEST_ACCESS. */
  store: IMsgStore;
  /** Delivers every pending notification (MapiSubsystem.flushNotifications, HrDispatchNotifications on Windows). */
  flush(): Promise<void>;
  /** Logs off and releases the store's world; called after every case. */
  close?(): Promise<void>;
}

/** How the suite gets a store: the provider's capabilities and a function that opens a fresh store for each case. */
export interface StoreProviderContractFactory {
  /** What the provider supports. */
  capabilities: StoreCapabilities;
  /**
   * Opens the store for one case. Writable stores should start empty but for their default
   * folders (the suite works in folders it creates under the IPM subtree and deletes
   * afterwards, so a shared store also works); read-only stores come with their content.
   */
  open(): Promise<ContractStore>;
}

/**
 * Declares the contract suite for a store provider: about ninety cases on store
 * properties, OpenEntry and CompareEntryIDs, receive folders, the folder tree and its
 * hierarchy tables, messages with recipients, attachments and embedded messages,
 * transactions, computed properties, contents tables (restrictions, sorts, notifications),
 * copy / move / delete of messages and folders, soft deletion, read flags, object
 * notifications, and the errors for bad input. Cases are named after the reference page
 * they check.
 *
 * @param name the provider's name (the outer describe block)
 * @param factory its capabilities and how to open a store; see {@link openServiceStore} for
 * a message service and {@link storeServiceFor} for a bare StoreBackend
 * @example
 * describeStoreProviderContract('in-memory mailbox', {
 *   capabilities: { write: true, searchFolders: true, softDelete: true, associatedContents: true, saveContentsSort: true, notifications: true, submit: true },
 *   open: () => openServiceStore({ service: memoryStoreService(new MemoryServer()), settings: [{ ulPropTag: PR_PROFILE_MAILBOX, Value: 'contract' }] }),
 * });
 */
export function describeStoreProviderContract(name: string, factory: StoreProviderContractFactory): void {
  describe(`store provider contract: ${name}`, () => {
    let current: ContractEnv | undefined;
    const suite: ContractSuite = {
      caps: factory.capabilities,
      env: () => {
        if (!current) throw new EmulatorError('[mapi-emu] store contract: no store is open (is the case running inside the suite?)');
        return current;
      },
    };
    beforeEach(async () => {
      current = new ContractEnv(factory.capabilities, await factory.open());
    });
    afterEach(async () => {
      const env = current;
      current = undefined;
      await env?.dispose();
    });
    storeCases(suite);
    folderCases(suite);
    folderCopyCases(suite);
    messageCases(suite);
    attachmentCases(suite);
    transactionCases(suite);
    contentsCases(suite);
    readFlagCases(suite);
    notificationCases(suite);
    readOnlyCases(suite);
  });
}

// ------------------------------------------------------------------ opening stores

/** Options of {@link openServiceStore}. */
export interface ServiceStoreOptions {
  /** The message service under test; registered on a new subsystem. */
  service: MessageServiceDefinition;
  /** Properties passed to configureMsgService (omit for a service without a configure step). */
  settings?: SPropValue[];
  /** Seed of the subsystem's SeededIds [1]. */
  seed?: number;
}

/**
 * Opens the store of a message service the way a client does: a new MAPI subsystem (virtual
 * clock, seeded ids, manual scheduler) with only this service registered, a profile with
 * one instance of it (configured with `settings`), MAPILogonEx, the message store table,
 * and IMAPISession::OpenMsgStore with MAPI_BEST_ACCESS | MDB_NO_DIALOG on the service's
 * store.
 */
export async function openServiceStore(options: ServiceStoreOptions): Promise<ContractStore> {
  const scheduler = new ManualScheduler();
  const mapi = new MapiSubsystem({ clock: new VirtualClock(), ids: new SeededIds(options.seed ?? 1), scheduler });
  await mapi.MAPIInitialize();
  mapi.registerService(options.service);
  const admin = await mapi.MAPIAdminProfiles(0);
  await admin.createProfile('contract', null, 0);
  const services = await admin.adminServices('contract', null, 0);
  const uid = await services.createMsgServiceEx(options.service.name, null, 0);
  if (options.settings) await services.configureMsgService(uid, 0, options.settings);
  const session = await mapi.MAPILogonEx('contract', null, MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_NO_MAIL);
  const table = await session.getMsgStoresTable(0);
  await table.setColumns([PR_ENTRYID, PR_SERVICE_UID], 0);
  const rows = await table.queryRows(100, 0);
  const row = rows.find((r) => {
    const svc = r.lpProps[1]?.Value;
    return svc instanceof Uint8Array && bytesEqual(svc, uid);
  });
  const entryId = row?.lpProps[0]?.Value;
  if (!(entryId instanceof Uint8Array)) throw new EmulatorError(`[mapi-emu] openServiceStore: the message store table lists no store of ${options.service.name}; does it define a store provider?`);
  const store = await session.openMsgStore(entryId, null, MAPI_BEST_ACCESS | MDB_NO_DIALOG);
  return {
    session,
    store,
    flush: () => mapi.flushNotifications(),
    close: async () => {
      await session.logoff(0);
      await mapi.flushNotifications();
      mapi.MAPIUninitialize();
    },
  };
}

/** Options of {@link storeServiceFor}. */
export interface BackendServiceOptions {
  /** PR_SERVICE_NAME of the wrapping service ['MAPIEMU_CONTRACT']. */
  name?: string;
  /** PR_MDB_PROVIDER of the store: a 16-byte MAPIUID. */
  mdbProvider: Uint8Array;
  /** PR_DISPLAY_NAME of the store ['Contract store']. */
  displayName?: string;
  /**
   * Gives the backend at each logon, and whether it is new (the session then creates the
   * default folders). Called once per logon; return the same backend to share data.
   */
  backend(support: StoreSupport, info: StoreLogonInfo): { backend: StoreLogonResult['backend']; isNew: boolean } | Promise<{ backend: StoreLogonResult['backend']; isNew: boolean }>;
}

/**
 * Wraps a bare StoreBackend (a provider tested at the SPI level) in a minimal message
 * service, so it runs the contract through a session like any service:
 * `open: () => openServiceStore({ service: storeServiceFor({ mdbProvider, backend: () => ({ backend: new AcmeBackend(), isNew: true }) }) })`.
 */
export function storeServiceFor(options: BackendServiceOptions): MessageServiceDefinition {
  const displayName = options.displayName ?? 'Contract store';
  return {
    name: options.name ?? 'MAPIEMU_CONTRACT',
    displayName,
    providers: [
      {
        kind: 'store',
        displayName,
        store: {
          mdbProvider: Uint8Array.from(options.mdbProvider),
          async logon(support, info) {
            const { backend, isNew } = await options.backend(support, info);
            return { backend, isNew, displayName };
          },
        },
      },
    ],
  };
}
