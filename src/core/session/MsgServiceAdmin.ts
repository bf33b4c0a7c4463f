import type { GUID } from '../props/guid.js';
import type { MAPIUID, SPropValue } from '../props/types.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { IMAPISession, IMsgServiceAdmin, IProfSect, IProviderAdmin } from './interfaces.js';
import type { MapiSubsystem } from './MapiSubsystem.js';
import type { ServiceConfiguration } from '../spi/services.js';
import { MapiUnknown } from '../props/MapiUnknown.js';
import { checkFlags, isGuid } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import { cloneProp, isValidPropValue } from '../props/values.js';
import { tableRow } from '../table/MemoryRowSource.js';
import type { TableRow } from '../table/RowSource.js';
import { IID_IMAPISession, IID_IMsgServiceAdmin, IID_IMsgServiceAdmin2, IID_IProfSect } from '../generated/guids.js';
import { MAPI_TRANSPORT_PROVIDER, MAPI_UNICODE, SERVICE_NO_PRIMARY_IDENTITY, SERVICE_SINGLE_COPY, SERVICE_UI_ALLOWED, SERVICE_UI_ALWAYS } from '../generated/constants.js';
import {
  PR_DISPLAY_NAME,
  PR_INSTANCE_KEY,
  PR_PROVIDER_DISPLAY,
  PR_PROVIDER_DLL_NAME,
  PR_PROVIDER_ORDINAL,
  PR_PROVIDER_UID,
  PR_RESOURCE_FLAGS,
  PR_RESOURCE_TYPE,
  PR_SERVICE_DLL_NAME,
  PR_SERVICE_ENTRY_NAME,
  PR_SERVICE_NAME,
  PR_SERVICE_SUPPORT_FILES,
  PR_SERVICE_UID,
} from '../generated/proptags.js';
import { MAPI_E_BUSY, MAPI_E_INVALID_PARAMETER, MAPI_E_NO_ACCESS, MAPI_E_NO_SUPPORT, MAPI_E_NOT_FOUND, MAPI_E_NOT_INITIALIZED } from '../generated/scodes.js';
import { MSG_SERVICE_UI_READ_ONLY, SERVICE_NO_RESTART_WARNING } from '../generated/constants.js';
import { checkInterface, checkUid, makeTable, openProfileSection } from './common.js';
import { sectionLong, sectionString, uidKey, type Profile, type ProviderEntry, type ServiceEntry } from './Profile.js';
import { ProviderAdmin } from './ProviderAdmin.js';

/** Required columns of the message service table (message-service-tables.md). */
export const SERVICE_TABLE_COLUMNS: readonly number[] = [
  PR_DISPLAY_NAME,
  PR_INSTANCE_KEY,
  PR_RESOURCE_FLAGS,
  PR_SERVICE_DLL_NAME,
  PR_SERVICE_ENTRY_NAME,
  PR_SERVICE_NAME,
  PR_SERVICE_SUPPORT_FILES,
  PR_SERVICE_UID,
];

/** Required columns of the provider tables (provider-tables.md). */
export const PROVIDER_TABLE_COLUMNS: readonly number[] = [
  PR_INSTANCE_KEY,
  PR_DISPLAY_NAME,
  PR_PROVIDER_DISPLAY,
  PR_PROVIDER_DLL_NAME,
  PR_PROVIDER_ORDINAL,
  PR_PROVIDER_UID,
  PR_RESOURCE_FLAGS,
  PR_RESOURCE_TYPE,
  PR_SERVICE_NAME,
  PR_SERVICE_UID,
];

const CREATE_FLAGS = MAPI_UNICODE | SERVICE_NO_RESTART_WARNING | SERVICE_UI_ALLOWED | SERVICE_UI_ALWAYS;
const CONFIGURE_FLAGS = MAPI_UNICODE | MSG_SERVICE_UI_READ_ONLY | SERVICE_UI_ALLOWED | SERVICE_UI_ALWAYS;

/** The rows of a provider table: stores and address books in profile order, then transports in transport order, numbered by PR_PROVIDER_ORDINAL. */
export function providerRows(profile: Profile, providers: ProviderEntry[]): TableRow[] {
  const others = providers.filter((p) => p.resourceType !== MAPI_TRANSPORT_PROVIDER);
  const transports = profile.transportOrder.map((k) => providers.find((p) => p.key === k)).filter((p): p is ProviderEntry => p !== undefined);
  return [...others, ...transports].map((p, ordinal) => {
    const section = profile.section(p.key);
    const service = profile.section(p.service.key);
    return tableRow(p.key, [
      { ulPropTag: PR_DISPLAY_NAME, Value: sectionString(section, PR_DISPLAY_NAME) ?? '' },
      { ulPropTag: PR_PROVIDER_DISPLAY, Value: sectionString(section, PR_PROVIDER_DISPLAY) ?? '' },
      { ulPropTag: PR_PROVIDER_DLL_NAME, Value: sectionString(section, PR_PROVIDER_DLL_NAME) ?? '' },
      { ulPropTag: PR_PROVIDER_ORDINAL, Value: ordinal },
      { ulPropTag: PR_PROVIDER_UID, Value: Uint8Array.from(p.uid) },
      { ulPropTag: PR_RESOURCE_FLAGS, Value: sectionLong(section, PR_RESOURCE_FLAGS) },
      { ulPropTag: PR_RESOURCE_TYPE, Value: p.resourceType },
      { ulPropTag: PR_SERVICE_NAME, Value: sectionString(service, PR_SERVICE_NAME) ?? '' },
      { ulPropTag: PR_SERVICE_UID, Value: Uint8Array.from(p.service.uid) },
    ]);
  });
}

/** Checks an SPropValue array argument (null allowed when `allowNull`). */
export function checkPropArray(method: string, props: unknown, allowNull: boolean): SPropValue[] {
  if (props === null || props === undefined) {
    if (allowNull) return [];
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: the property array must not be null`);
  }
  if (!Array.isArray(props) || !props.every((p) => p && typeof p === 'object' && typeof p.ulPropTag === 'number' && isValidPropValue(p))) {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: lpProps must be an array of valid SPropValues`);
  }
  return props as SPropValue[];
}

/**
 * Message service administration (IMsgServiceAdmin and IMsgServiceAdmin2) of one profile.
 * @see imsgserviceadminiunknown.md
 */
export class MsgServiceAdmin extends MapiUnknown implements IMsgServiceAdmin {
  readonly interfaceName = 'IMsgServiceAdmin';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMsgServiceAdmin, IID_IMsgServiceAdmin2];

  constructor(
    private readonly mapi: MapiSubsystem,
    /** The profile administered (read by copyMsgService on its destination). */
    readonly profile: Profile,
  ) {
    super();
    this.interceptor = mapi.gate;
  }

  getMsgServiceTable(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getMsgServiceTable', [ulFlags], () => {
      const unicode = (checkFlags('getMsgServiceTable', ulFlags, MAPI_UNICODE) & MAPI_UNICODE) !== 0;
      // imsgserviceadmin-getmsgservicetable.md: a static table.
      const rows = this.profile.services.map((s) => {
        const sec = this.profile.section(s.key);
        const props: SPropValue[] = [];
        for (const tag of SERVICE_TABLE_COLUMNS) {
          const v = sec?.get(PROP_ID(tag));
          if (v) props.push(cloneProp(v));
        }
        props.push({ ulPropTag: PR_SERVICE_UID, Value: Uint8Array.from(s.uid) });
        return tableRow(s.key, props);
      });
      return makeTable(this.mapi, rows, SERVICE_TABLE_COLUMNS, unicode);
    });
  }

  createMsgService(lpszService: string, lpszDisplayName: string | null, ulFlags = 0): Promise<void> {
    return this.invoke('createMsgService', [lpszService, lpszDisplayName, ulFlags], async () => {
      await this.create('createMsgService', lpszService, lpszDisplayName, ulFlags);
    });
  }

  createMsgServiceEx(lpszService: string, lpszDisplayName: string | null, ulFlags = 0): Promise<MAPIUID> {
    return this.invoke('createMsgServiceEx', [lpszService, lpszDisplayName, ulFlags], async () => {
      const s = await this.create('createMsgServiceEx', lpszService, lpszDisplayName, ulFlags);
      return Uint8Array.from(s.uid);
    });
  }

  private async create(method: string, name: unknown, displayName: unknown, ulFlags: unknown): Promise<ServiceEntry> {
    if (typeof name !== 'string' || name === '') throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: lpszService must be a service name`);
    if (displayName !== null && displayName !== undefined && typeof displayName !== 'string') {
      throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: lpszDisplayName must be a string or null`);
    }
    const flags = checkFlags(method, ulFlags, CREATE_FLAGS);
    // SERVICE_UI_ALWAYS: "The message service displays its configuration property sheet" — there is no UI.
    if (flags & SERVICE_UI_ALWAYS) throw new MapiError(MAPI_E_NO_SUPPORT, `${method}: SERVICE_UI_ALWAYS needs a configuration UI, which the emulator does not have`);
    const def = this.mapi.services.get(name);
    // "MAPI_E_NOT_FOUND: The message service name is not in the [Services] section of MapiSvc.inf."
    if (!def) throw new MapiError(MAPI_E_NOT_FOUND, `${method}: no message service named ${JSON.stringify(name)} is registered (mapi.registerService)`);
    this.checkSingleCopy(method, this.profile, def.name, def.serviceFlags ?? 0);
    const s = this.profile.addService(def, (displayName as string | null | undefined) ?? null);
    this.profile.changed();
    return s;
  }

  /** pidtagresourceflags-canonical-property.md: SERVICE_SINGLE_COPY — creating or copying it into a profile that has it fails. */
  private checkSingleCopy(method: string, profile: Profile, name: string, serviceFlags: number): void {
    if (!(serviceFlags & SERVICE_SINGLE_COPY)) return;
    const present = profile.services.some((s) => (sectionString(profile.section(s.key), PR_SERVICE_NAME) ?? '').toLowerCase() === name.toLowerCase());
    if (present) throw new MapiError(MAPI_E_NO_ACCESS, `${method}: ${name} is a single-copy service and the profile already has it`);
  }

  deleteMsgService(lpUID: MAPIUID): Promise<void> {
    return this.invoke('deleteMsgService', [lpUID], () => {
      const s = this.service('deleteMsgService', lpUID);
      // imsgserviceadmin-deletemsgservice.md: deletes the service and every section related to it.
      this.profile.removeService(s);
      this.profile.changed();
    });
  }

  configureMsgService(lpUID: MAPIUID, ulFlags: number, lpProps: SPropValue[]): Promise<void> {
    return this.invoke('configureMsgService', [lpUID, ulFlags, lpProps], async () => {
      checkUid('configureMsgService', lpUID);
      const flags = checkFlags('configureMsgService', ulFlags, CONFIGURE_FLAGS);
      const props = checkPropArray('configureMsgService', lpProps, true);
      if (flags & SERVICE_UI_ALWAYS) throw new MapiError(MAPI_E_NO_SUPPORT, 'configureMsgService: SERVICE_UI_ALWAYS needs a configuration UI, which the emulator does not have');
      const s = this.service('configureMsgService', lpUID);
      const def = s.definition;
      // imsgserviceadmin-configuremsgservice.md: MAPI_E_NOT_INITIALIZED "The message service does not have an entry point function."
      if (!def?.configure) throw new MapiError(MAPI_E_NOT_INITIALIZED, `configureMsgService: service ${def?.name ?? uidKey(s.uid)} has no configure function`);
      const section = this.profile.ensureSection(s.uid);
      const settings = new Map(section);
      for (const p of props) settings.set(PROP_ID(p.ulPropTag), cloneProp(p));
      const providers = s.providers.map((p) => ({ definition: p.definition, uid: Uint8Array.from(p.uid), section: new Map(this.profile.section(p.key) ?? []) }));
      const result: ServiceConfiguration | void = await def.configure({ settings, props: props.map(cloneProp), flags, serviceUid: Uint8Array.from(s.uid), providers });
      for (const p of result?.service ?? []) section.set(PROP_ID(p.ulPropTag), cloneProp(p));
      for (const [i, list] of Object.entries(result?.providers ?? {})) {
        const entry = s.providers[Number(i)];
        if (!entry) continue;
        const ps = this.profile.ensureSection(entry.uid);
        for (const p of list) ps.set(PROP_ID(p.ulPropTag), cloneProp(p));
      }
      this.profile.changed();
    });
  }

  copyMsgService(
    lpUID: MAPIUID,
    lpszDisplayName: string | null,
    lpInterfaceToCopy: GUID | null,
    lpInterfaceDst: GUID | null,
    lpObjectDst: IMsgServiceAdmin | IMAPISession,
    ulFlags = 0,
  ): Promise<void> {
    return this.invoke('copyMsgService', [lpUID, lpszDisplayName, lpInterfaceToCopy, lpInterfaceDst, lpObjectDst, ulFlags], async () => {
      checkUid('copyMsgService', lpUID);
      checkInterface('copyMsgService', lpInterfaceToCopy, [IID_IProfSect]);
      if (lpInterfaceDst !== null && lpInterfaceDst !== undefined && !isGuid(lpInterfaceDst)) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'copyMsgService: lpInterfaceDst must be a GUID or null');
      }
      const flags = checkFlags('copyMsgService', ulFlags, SERVICE_UI_ALWAYS);
      if (flags & SERVICE_UI_ALWAYS) throw new MapiError(MAPI_E_NO_SUPPORT, 'copyMsgService: SERVICE_UI_ALWAYS needs a configuration UI, which the emulator does not have');
      const dest = await this.destinationProfile(lpInterfaceDst, lpObjectDst);
      const s = this.service('copyMsgService', lpUID);
      const name = sectionString(this.profile.section(s.key), PR_SERVICE_NAME) ?? '';
      this.checkSingleCopy('copyMsgService', dest, name, sectionLong(this.profile.section(s.key), PR_RESOURCE_FLAGS));
      // imsgserviceadmin-copymsgservice.md: "The copied message service has the same configuration settings as its original."
      dest.importService(this.profile, s);
      dest.changed();
    });
  }

  /** The profile behind copyMsgService's destination (an IMsgServiceAdmin, or an IMAPISession with lpInterfaceDst NULL or IID_IMAPISession). */
  private async destinationProfile(iid: GUID | null, obj: unknown): Promise<Profile> {
    const wantsAdmin = iid !== null && iid !== undefined && iid.equals(IID_IMsgServiceAdmin);
    if (iid !== null && iid !== undefined && !wantsAdmin && !iid.equals(IID_IMAPISession)) {
      throw new MapiError(MAPI_E_INVALID_PARAMETER, 'copyMsgService: lpInterfaceDst must be NULL, IID_IMAPISession or IID_IMsgServiceAdmin');
    }
    if (obj instanceof MsgServiceAdmin) return obj.profile;
    const profileOf = (obj as { profileForAdmin?: () => Profile } | null)?.profileForAdmin;
    if (typeof profileOf === 'function') return profileOf.call(obj);
    throw new MapiError(MAPI_E_INVALID_PARAMETER, 'copyMsgService: lpObjectDst must be a session or message service administration object of this subsystem');
  }

  renameMsgService(lpUID: MAPIUID, ulFlags: number, lpszDisplayName: string): Promise<void> {
    return this.invoke('renameMsgService', [lpUID, ulFlags, lpszDisplayName], () => {
      // imsgserviceadmin-renamemsgservice.md: "RenameMsgService always returns this value."
      throw new MapiError(MAPI_E_NO_SUPPORT, 'renameMsgService: MAPI does not support renaming message services');
    });
  }

  setPrimaryIdentity(lpUID: MAPIUID | null, ulFlags = 0): Promise<void> {
    return this.invoke('setPrimaryIdentity', [lpUID, ulFlags], () => {
      checkFlags('setPrimaryIdentity', ulFlags, 0);
      // imsgserviceadmin-setprimaryidentity.md: NULL clears the current identity.
      if (lpUID === null || lpUID === undefined) {
        this.profile.setPrimaryIdentity(undefined);
        this.profile.changed();
        return;
      }
      const s = this.service('setPrimaryIdentity', lpUID);
      if (sectionLong(this.profile.section(s.key), PR_RESOURCE_FLAGS) & SERVICE_NO_PRIMARY_IDENTITY) {
        throw new MapiError(MAPI_E_NO_ACCESS, 'setPrimaryIdentity: the service has SERVICE_NO_PRIMARY_IDENTITY set');
      }
      this.profile.setPrimaryIdentity(s);
      this.profile.changed();
    });
  }

  getProviderTable(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getProviderTable', [ulFlags], () => {
      const unicode = (checkFlags('getProviderTable', ulFlags, MAPI_UNICODE) & MAPI_UNICODE) !== 0;
      return makeTable(this.mapi, providerRows(this.profile, this.profile.providers()), PROVIDER_TABLE_COLUMNS, unicode);
    });
  }

  msgServiceTransportOrder(lpUIDList: MAPIUID[], ulFlags = 0): Promise<void> {
    return this.invoke('msgServiceTransportOrder', [lpUIDList, ulFlags], () => {
      if (!Array.isArray(lpUIDList)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'msgServiceTransportOrder: lpUIDList must be an array of MAPIUIDs');
      lpUIDList.forEach((u, i) => checkUid('msgServiceTransportOrder', u, `lpUIDList[${i}]`));
      checkFlags('msgServiceTransportOrder', ulFlags, 0);
      const keys = lpUIDList.map(uidKey);
      // "MAPI_E_BUSY: The value in the cUID parameter differs from the number of transport providers actually in the profile."
      if (keys.length !== this.profile.transportOrder.length) {
        throw new MapiError(MAPI_E_BUSY, `msgServiceTransportOrder: the profile has ${this.profile.transportOrder.length} transport providers, not ${keys.length}`);
      }
      const unknown = keys.find((k) => !this.profile.transportOrder.includes(k));
      if (unknown !== undefined || new Set(keys).size !== keys.length) {
        throw new MapiError(MAPI_E_NOT_FOUND, 'msgServiceTransportOrder: every MAPIUID must name a different transport provider of the profile');
      }
      this.profile.transportOrder = keys;
      this.profile.changed();
    });
  }

  openProfileSection(lpUID: MAPIUID | null, lpInterface: GUID | null, ulFlags = 0): Promise<IProfSect> {
    return this.invoke('openProfileSection', [lpUID, lpInterface, ulFlags], () =>
      openProfileSection(this.mapi, this.profile, 'openProfileSection', lpUID, lpInterface, ulFlags),
    );
  }

  adminProviders(lpUID: MAPIUID, ulFlags = 0): Promise<IProviderAdmin> {
    return this.invoke('adminProviders', [lpUID, ulFlags], () => {
      checkUid('adminProviders', lpUID);
      checkFlags('adminProviders', ulFlags, 0);
      const s = this.service('adminProviders', lpUID);
      return new ProviderAdmin(this.mapi, this.profile, s);
    });
  }

  /** A service by MAPIUID, or MAPI_E_NOT_FOUND. */
  private service(method: string, uid: unknown): ServiceEntry {
    checkUid(method, uid);
    const s = this.profile.service(uidKey(uid as Uint8Array));
    if (!s) throw new MapiError(MAPI_E_NOT_FOUND, `${method}: the profile has no message service ${uidKey(uid as Uint8Array)}`);
    return s;
  }
}
