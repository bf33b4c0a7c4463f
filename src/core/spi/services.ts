import type { SPropValue } from '../props/types.js';
import type { StoreBackend } from './store.js';
import type { AbProvider } from './ab.js';
import type { TransportProvider } from './transport.js';
import type { StoreSupport } from '../store/StoreContext.js';

/**
 * The message-service SPI: what a third party writes to plug a store (later also an
 * address book or a transport) into a MAPI world.
 *
 * In MAPI a message service is an entry in MAPISVC.INF (its name, display name, resource
 * flags, the providers it is made of and their default properties) plus a DLL with a
 * `ServiceEntry` function (configuration) and provider entry points (`MSProviderInit` →
 * IMSProvider::Logon for stores). Here a service is one {@link MessageServiceDefinition}
 * registered on the subsystem with `mapi.registerService(def)`; the session does the rest:
 *
 * 1. `IMsgServiceAdmin.createMsgService(def.name, ...)` creates a profile section for the
 *    service (PR_SERVICE_NAME, PR_DISPLAY_NAME, PR_RESOURCE_FLAGS, `def.props`) and one per
 *    provider (PR_PROVIDER_UID, PR_RESOURCE_TYPE, PR_PROVIDER_DISPLAY, `provider.props`).
 * 2. `IMsgServiceAdmin.configureMsgService(uid, 0, props)` calls {@link MessageServiceDefinition.configure}
 *    with the merged settings; it validates them (MAPI_E_UNCONFIGURED when a required one is
 *    missing) and says what to write to the service's and providers' sections.
 * 3. `IMAPISession.openMsgStore(entryId)` calls {@link StoreProvider.logon} once per session
 *    and store with the provider's section (merged over the service's); the provider answers
 *    with a {@link StoreBackend}. The session wraps it in a StoreContext (shared by every
 *    session of the subsystem on that backend), creates the default folders when the store
 *    is new, and hands out IMsgStore objects built by the store kit.
 *
 * A minimal store service:
 * ```ts
 * mapi.registerService({
 *   name: 'ACME_STORE',
 *   displayName: 'Acme store',
 *   providers: [{
 *     kind: 'store',
 *     displayName: 'Acme store',
 *     store: {
 *       mdbProvider: ACME_MDB_PROVIDER,            // 16-byte MAPIUID of the store type
 *       async logon(support, info) {
 *         const path = sectionString(info.profileSection, PR_ACME_PATH);
 *         if (!path) throw new MapiError(MAPI_E_UNCONFIGURED, 'Acme store: no path configured');
 *         const { backend, isNew } = openAcmeBackend(path, support.ids);
 *         return { backend, displayName: 'Acme', isNew };
 *       },
 *     },
 *   }],
 *   configure({ settings }) {
 *     if (!settings.has(PROP_ID(PR_ACME_PATH))) throw new MapiError(MAPI_E_UNCONFIGURED, 'Acme store: PR_ACME_PATH is required');
 *     return { service: [...settings.values()] };
 *   },
 * });
 * ```
 * @see mapi-message-service-overview.md
 * @see file-format-of-mapisvc-inf.md
 */

/** Kinds of service providers. */
export type ProviderKind = 'store' | 'addressBook' | 'transport';

/** A registered message service: the role of a MAPISVC.INF service section plus its ServiceEntry. @see mapisvc-inf-message-service-sections.md */
export interface MessageServiceDefinition {
  /** PR_SERVICE_NAME: the key in the [Services] section, never localized (e.g. `MSUPST MS`). */
  readonly name: string;
  /**
   * PR_DISPLAY_NAME of the service. When set it wins over the display name passed to
   * createMsgService (imsgserviceadmin-createmsgservice.md: the parameter "is ignored if the
   * message service has set PR_DISPLAY_NAME in MapiSvc.inf"); when absent, that parameter or
   * the service name is used.
   */
  readonly displayName?: string;
  /** PR_RESOURCE_FLAGS of the service: SERVICE_SINGLE_COPY, SERVICE_NO_PRIMARY_IDENTITY, ... (static flags). */
  readonly serviceFlags?: number;
  /** PR_SERVICE_DLL_NAME [`mapiemu.dll`]. */
  readonly dllName?: string;
  /** PR_SERVICE_ENTRY_NAME [`ServiceEntry`]. */
  readonly entryName?: string;
  /** PR_SERVICE_SUPPORT_FILES. */
  readonly supportFiles?: string[];
  /** Further properties copied into the service's profile section when it is created (the INF's property entries). */
  readonly props?: SPropValue[];
  /** The providers the service is made of, in the order MAPISVC.INF lists them. */
  readonly providers: readonly ProviderDefinition[];
  /**
   * The ServiceEntry function for MSG_SERVICE_CONFIGURE: validates the settings (the
   * service's section merged with the properties passed to configureMsgService) and returns
   * what to write. Throw a MapiError with MAPI_E_UNCONFIGURED when a required setting is
   * missing. Without it, configureMsgService answers MAPI_E_NOT_INITIALIZED
   * (imsgserviceadmin-configuremsgservice.md: "The message service does not have an entry
   * point function").
   */
  configure?(ctx: ServiceConfigureContext): ServiceConfiguration | void | Promise<ServiceConfiguration | void>;
}

/** What {@link MessageServiceDefinition.configure} is given. */
export interface ServiceConfigureContext {
  /** The service's current section with the new properties laid over it, by PROP_ID. */
  readonly settings: ReadonlyMap<number, SPropValue>;
  /** Only the properties passed to configureMsgService (lpProps). */
  readonly props: readonly SPropValue[];
  /** The flags passed to configureMsgService (MAPI_UNICODE, SERVICE_UI_ALLOWED, ...). */
  readonly flags: number;
  /** The service's MAPIUID (PR_SERVICE_UID). */
  readonly serviceUid: Uint8Array;
  /** The service's providers: definition, MAPIUID and current section. */
  readonly providers: readonly { definition: ProviderDefinition | undefined; uid: Uint8Array; section: ReadonlyMap<number, SPropValue> }[];
}

/** What configure writes: properties for the service's section and, by provider index, for the providers' sections. */
export interface ServiceConfiguration {
  /** Written into the service's profile section. */
  service?: SPropValue[];
  /** Written into provider sections, by index in {@link ServiceConfigureContext.providers}. */
  providers?: Record<number, SPropValue[]>;
}

/** One provider of a service: the role of a MAPISVC.INF provider section. @see mapisvc-inf-service-provider-sections.md */
export interface ProviderDefinition {
  /** Store, address book or transport (PR_RESOURCE_TYPE MAPI_STORE_PROVIDER, MAPI_AB_PROVIDER, MAPI_TRANSPORT_PROVIDER). */
  readonly kind: ProviderKind;
  /** The INF section name, matched by IProviderAdmin.createProvider [displayName]. */
  readonly name?: string;
  /** PR_PROVIDER_DISPLAY (and the default PR_DISPLAY_NAME of its section). */
  readonly displayName: string;
  /** PR_RESOURCE_FLAGS of the provider (STATUS_PRIMARY_IDENTITY, STATUS_NO_DEFAULT_STORE, ...). */
  readonly resourceFlags?: number;
  /** PR_PROVIDER_DLL_NAME [`mapiemu.dll`]. */
  readonly dllName?: string;
  /** Further properties copied into the provider's section when it is created. */
  readonly props?: SPropValue[];
  /** The store provider (kind 'store'). */
  readonly store?: StoreProvider;
  /** The address-book provider (kind 'addressBook'). @see ./ab.ts */
  readonly addressBook?: AbProvider;
  /** The transport provider (kind 'transport'). @see ./transport.ts */
  readonly transport?: TransportProvider;
  /**
   * The identity the provider furnishes when its service supplies the primary identity
   * (PR_IDENTITY_DISPLAY, PR_IDENTITY_ENTRYID, PR_IDENTITY_SEARCH_KEY of its status row),
   * from its merged profile section; undefined when it has none yet.
   * @see mapi-primary-identity.md
   */
  identity?(section: ReadonlyMap<number, SPropValue>): ProviderIdentity | undefined;
}

/** A messaging user a provider names as its identity. */
export interface ProviderIdentity {
  /** PR_IDENTITY_DISPLAY. */
  displayName: string;
  /** Address type of the one-off entry ID built when `entryId` is absent (`SMTP`). */
  addressType: string;
  /** E-mail address of the one-off entry ID. */
  emailAddress: string;
  /** PR_IDENTITY_ENTRYID, when the provider has a better one than a one-off. */
  entryId?: Uint8Array;
}

/** What a store provider's logon is told. */
export interface StoreLogonInfo {
  /** PR_SERVICE_UID of the provider's service. */
  readonly serviceUid: Uint8Array;
  /** PR_PROVIDER_UID of the provider in the profile. */
  readonly providerUid: Uint8Array;
  /** The provider's profile section laid over its service's section, by PROP_ID (read-only). */
  readonly profileSection: ReadonlyMap<number, SPropValue>;
  /** The openMsgStore flags (MDB_WRITE, MDB_NO_DIALOG, MDB_TEMPORARY, MDB_NO_MAIL, MAPI_BEST_ACCESS, ...). */
  readonly flags: number;
  /** Name of the profile being used. */
  readonly profileName: string;
}

/** What a store provider's logon answers. */
export interface StoreLogonResult {
  /** The store's data. */
  backend: StoreBackend;
  /** PR_DISPLAY_NAME of the store (given to the default-folder set-up of a new store). */
  displayName: string;
  /** True when the store did not exist before this logon: the session creates its default folders. */
  isNew: boolean;
}

/**
 * A message-store provider, in the spirit of IMSProvider::Logon: given the profile section,
 * find or create the store's data. Everything else (objects, tables, notifications, entry-ID
 * routing) is the core's. MAPI logs on once per session and store; sessions of one
 * subsystem on the same backend share its StoreContext.
 * @see imsprovider-logon.md
 */
export interface StoreProvider {
  /** PR_MDB_PROVIDER: the 16-byte MAPIUID of the store type (e.g. the PST provider's MSPST_UID_PROVIDER). */
  readonly mdbProvider: Uint8Array;
  /**
   * Logs on: reject with MapiError MAPI_E_UNCONFIGURED when the section lacks required
   * settings, MAPI_E_LOGON_FAILED when the store cannot be reached, MAPI_E_NOT_FOUND when
   * it does not exist and cannot be created.
   */
  logon(support: StoreSupport, info: StoreLogonInfo): Promise<StoreLogonResult>;
}
