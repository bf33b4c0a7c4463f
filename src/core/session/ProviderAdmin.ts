import type { GUID } from '../props/guid.js';
import type { MAPIUID, SPropValue } from '../props/types.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { IProfSect, IProviderAdmin } from './interfaces.js';
import type { MapiSubsystem } from './MapiSubsystem.js';
import { MapiUnknown } from '../props/MapiUnknown.js';
import { checkFlags } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { IID_IProviderAdmin } from '../generated/guids.js';
import { MAPI_DIALOG, MAPI_UNICODE } from '../generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NOT_FOUND } from '../generated/scodes.js';
import { checkUid, makeTable, openProfileSection } from './common.js';
import { PROVIDER_TABLE_COLUMNS, checkPropArray, providerRows } from './MsgServiceAdmin.js';
import { uidKey, type Profile, type ServiceEntry } from './Profile.js';

/**
 * Provider administration (IProviderAdmin) of one message service.
 * @see iprovideradminiunknown.md
 */
export class ProviderAdmin extends MapiUnknown implements IProviderAdmin {
  readonly interfaceName = 'IProviderAdmin';
  protected readonly interfaceIds: readonly GUID[] = [IID_IProviderAdmin];

  constructor(
    private readonly mapi: MapiSubsystem,
    private readonly profile: Profile,
    private readonly service: ServiceEntry,
  ) {
    super();
    this.interceptor = mapi.gate;
  }

  getProviderTable(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getProviderTable', [ulFlags], () => {
      const unicode = (checkFlags('getProviderTable', ulFlags, MAPI_UNICODE) & MAPI_UNICODE) !== 0;
      // iprovideradmin-getprovidertable.md: the service's providers, a static table.
      return makeTable(this.mapi, providerRows(this.profile, this.service.providers), PROVIDER_TABLE_COLUMNS, unicode);
    });
  }

  createProvider(lpszProvider: string, lpProps: SPropValue[], ulFlags = 0): Promise<MAPIUID> {
    return this.invoke('createProvider', [lpszProvider, lpProps, ulFlags], () => {
      if (typeof lpszProvider !== 'string' || lpszProvider === '') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'createProvider: lpszProvider must be a provider name');
      const props = checkPropArray('createProvider', lpProps, true);
      checkFlags('createProvider', ulFlags, MAPI_DIALOG | MAPI_UNICODE);
      this.checkService('createProvider');
      // iprovideradmin-createprovider.md: the name should be one of the service's providers; an
      // unknown name still succeeds ("the results are unpredictable"): a provider without a definition.
      const def = this.service.definition?.providers.find((p) => (p.name ?? p.displayName).toLowerCase() === lpszProvider.toLowerCase());
      const entry = this.profile.addProvider(this.service, def, props, lpszProvider);
      this.profile.changed();
      return Uint8Array.from(entry.uid);
    });
  }

  deleteProvider(lpUID: MAPIUID): Promise<void> {
    return this.invoke('deleteProvider', [lpUID], () => {
      checkUid('deleteProvider', lpUID);
      this.checkService('deleteProvider');
      const key = uidKey(lpUID);
      const entry = this.service.providers.find((p) => p.key === key);
      // iprovideradmin-deleteprovider.md: MAPI_E_NOT_FOUND "The MAPIUID ... was not recognized."
      if (!entry) throw new MapiError(MAPI_E_NOT_FOUND, `deleteProvider: the service has no provider ${key}`);
      this.profile.removeProvider(entry);
      this.profile.changed();
    });
  }

  openProfileSection(lpUID: MAPIUID, lpInterface: GUID | null, ulFlags = 0): Promise<IProfSect> {
    // iprovideradmin-openprofilesection.md: "Clients cannot open profile sections that belong to
    // providers by using the OpenProfileSection method" — without MAPI_FORCE_ACCESS.
    return this.invoke('openProfileSection', [lpUID, lpInterface, ulFlags], () =>
      openProfileSection(this.mapi, this.profile, 'openProfileSection', lpUID, lpInterface, ulFlags),
    );
  }

  private checkService(method: string): void {
    if (!this.profile.service(this.service.key)) throw new MapiError(MAPI_E_NOT_FOUND, `${method}: the message service was deleted`);
  }
}
