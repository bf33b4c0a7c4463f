import type { GUID } from '../props/guid.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { IMsgServiceAdmin, IProfAdmin } from './interfaces.js';
import type { MapiSubsystem } from './MapiSubsystem.js';
import { MapiUnknown } from '../props/MapiUnknown.js';
import { checkFlags } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { tableRow } from '../table/MemoryRowSource.js';
import { IID_IProfAdmin } from '../generated/guids.js';
import { MAPI_APP_PROFILE, MAPI_DEFAULT_SERVICES, MAPI_DIALOG, MAPI_UNICODE } from '../generated/constants.js';
import { PR_DEFAULT_PROFILE, PR_DISPLAY_NAME } from '../generated/proptags.js';
import { MAPI_E_CALL_FAILED, MAPI_E_INVALID_PARAMETER, MAPI_E_LOGON_FAILED, MAPI_E_NO_ACCESS, MAPI_E_NOT_FOUND } from '../generated/scodes.js';
import { checkPassword, checkProfileName, makeTable } from './common.js';
import { MsgServiceAdmin } from './MsgServiceAdmin.js';
import type { Profile } from './Profile.js';

/**
 * Profile administration (IProfAdmin) over the subsystem's profiles. Profiles have no
 * passwords (iprofadmin-changeprofilepassword.md: "MAPI does not support passwords for
 * profiles"): password arguments are accepted and ignored.
 * @see iprofadminiunknown.md
 */
export class ProfAdmin extends MapiUnknown implements IProfAdmin {
  readonly interfaceName = 'IProfAdmin';
  protected readonly interfaceIds: readonly GUID[] = [IID_IProfAdmin];

  constructor(private readonly mapi: MapiSubsystem) {
    super();
    this.interceptor = mapi.gate;
  }

  getProfileTable(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getProfileTable', [ulFlags], () => {
      const flags = checkFlags('getProfileTable', ulFlags, MAPI_APP_PROFILE);
      // iprofadmin-getprofiletable.md: a static table of live profiles, app profiles only with MAPI_APP_PROFILE.
      const rows = this.mapi.profiles.list((flags & MAPI_APP_PROFILE) !== 0).map((p) =>
        tableRow(p.name.toLowerCase(), [
          { ulPropTag: PR_DISPLAY_NAME, Value: p.name },
          { ulPropTag: PR_DEFAULT_PROFILE, Value: this.mapi.profiles.isDefault(p) },
        ]),
      );
      return makeTable(this.mapi, rows, [PR_DISPLAY_NAME, PR_DEFAULT_PROFILE], false);
    });
  }

  createProfile(lpszProfileName: string, lpszPassword: string | null, ulFlags = 0): Promise<void> {
    return this.invoke('createProfile', [lpszProfileName, lpszPassword, ulFlags], async () => {
      const name = checkProfileName('createProfile', lpszProfileName);
      checkPassword('createProfile', lpszPassword);
      const flags = checkFlags('createProfile', ulFlags, MAPI_APP_PROFILE | MAPI_DEFAULT_SERVICES | MAPI_DIALOG | MAPI_UNICODE);
      // iprofadmin-createprofile.md: MAPI_E_NO_ACCESS "The specified new profile already exists."
      if (this.mapi.profiles.has(name)) throw new MapiError(MAPI_E_NO_ACCESS, `createProfile: a profile named ${JSON.stringify(name)} already exists`);
      const profile = this.mapi.profiles.create(name, (flags & MAPI_APP_PROFILE) !== 0);
      // MAPI_DEFAULT_SERVICES: the services of [Default Services], each configured with its defaults.
      if (flags & MAPI_DEFAULT_SERVICES) for (const def of this.mapi.services.defaultServices()) profile.addService(def, null);
    });
  }

  deleteProfile(lpszProfileName: string, ulFlags = 0): Promise<void> {
    return this.invoke('deleteProfile', [lpszProfileName, ulFlags], () => {
      const flags = checkFlags('deleteProfile', ulFlags, MAPI_APP_PROFILE);
      const p = this.find('deleteProfile', lpszProfileName);
      this.checkApp('deleteProfile', p, flags);
      // iprofadmin-deleteprofile.md: a profile in use is marked and deleted when its sessions end.
      this.mapi.profiles.delete(p);
    });
  }

  changeProfilePassword(lpszProfileName: string, lpszOldPassword: string | null, lpszNewPassword: string | null, ulFlags = 0): Promise<void> {
    return this.invoke('changeProfilePassword', [lpszProfileName, lpszOldPassword, lpszNewPassword, ulFlags], () => {
      checkFlags('changeProfilePassword', ulFlags, MAPI_UNICODE);
      checkPassword('changeProfilePassword', lpszOldPassword);
      checkPassword('changeProfilePassword', lpszNewPassword);
      // iprofadmin-changeprofilepassword.md: "it will return S_OK. However, no action will be taken."
    });
  }

  copyProfile(lpszOldProfileName: string, lpszOldPassword: string | null, lpszNewProfileName: string, ulFlags = 0): Promise<void> {
    return this.invoke('copyProfile', [lpszOldProfileName, lpszOldPassword, lpszNewProfileName, ulFlags], () => {
      checkPassword('copyProfile', lpszOldPassword);
      const newName = checkProfileName('copyProfile', lpszNewProfileName);
      const flags = checkFlags('copyProfile', ulFlags, MAPI_APP_PROFILE | MAPI_DIALOG);
      const p = this.find('copyProfile', lpszOldProfileName);
      this.checkApp('copyProfile', p, flags);
      // iprofadmin-copyprofile.md: MAPI_E_ACCESS_DENIED (E_ACCESSDENIED, the value of MAPI_E_NO_ACCESS) when the new name exists.
      if (this.mapi.profiles.has(newName)) throw new MapiError(MAPI_E_NO_ACCESS, `copyProfile: a profile named ${JSON.stringify(newName)} already exists`);
      this.mapi.profiles.add(p.copy(newName));
    });
  }

  renameProfile(lpszOldProfileName: string, lpszOldPassword: string | null, lpszNewProfileName: string, ulFlags = 0): Promise<void> {
    return this.invoke('renameProfile', [lpszOldProfileName, lpszOldPassword, lpszNewProfileName, ulFlags], () => {
      checkPassword('renameProfile', lpszOldPassword);
      const newName = checkProfileName('renameProfile', lpszNewProfileName);
      const flags = checkFlags('renameProfile', ulFlags, MAPI_APP_PROFILE);
      const p = this.find('renameProfile', lpszOldProfileName);
      this.checkApp('renameProfile', p, flags);
      if (newName.toLowerCase() !== p.name.toLowerCase() && this.mapi.profiles.has(newName)) {
        throw new MapiError(MAPI_E_NO_ACCESS, `renameProfile: a profile named ${JSON.stringify(newName)} already exists`);
      }
      // iprofadmin-renameprofile.md: a profile in use is renamed when it is no longer used.
      this.mapi.profiles.rename(p, newName);
    });
  }

  setDefaultProfile(lpszProfileName: string | null, ulFlags = 0): Promise<void> {
    return this.invoke('setDefaultProfile', [lpszProfileName, ulFlags], () => {
      checkFlags('setDefaultProfile', ulFlags, MAPI_UNICODE);
      // iprofadmin-setdefaultprofile.md: NULL removes the default profile.
      if (lpszProfileName === null || lpszProfileName === undefined) {
        this.mapi.profiles.setDefault(undefined);
        return;
      }
      const p = this.find('setDefaultProfile', lpszProfileName);
      // "An 'app' profile cannot be set as the default profile" → E_FAIL (the value of MAPI_E_CALL_FAILED).
      if (p.app) throw new MapiError(MAPI_E_CALL_FAILED, `setDefaultProfile: ${JSON.stringify(p.name)} is an app profile and cannot be the default`);
      this.mapi.profiles.setDefault(p);
    });
  }

  adminServices(lpszProfileName: string, lpszPassword: string | null, ulFlags = 0): Promise<IMsgServiceAdmin> {
    return this.invoke('adminServices', [lpszProfileName, lpszPassword, ulFlags], () => {
      // iprofadmin-adminservices.md: "The lpszProfileName parameter must not be NULL."
      if (typeof lpszProfileName !== 'string') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'adminServices: lpszProfileName must be a profile name');
      checkPassword('adminServices', lpszPassword);
      checkFlags('adminServices', ulFlags, MAPI_DIALOG | MAPI_UNICODE);
      const p = this.mapi.profiles.get(lpszProfileName);
      // "If the specified profile does not exist, IProfAdmin::AdminServices returns MAPI_E_LOGON_FAILED."
      if (!p) throw new MapiError(MAPI_E_LOGON_FAILED, `adminServices: there is no profile named ${JSON.stringify(lpszProfileName)}`);
      return new MsgServiceAdmin(this.mapi, p);
    });
  }

  private find(method: string, name: unknown): Profile {
    if (typeof name !== 'string' || name.length === 0) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: the profile name must be a non-empty string`);
    const p = this.mapi.profiles.get(name);
    if (!p) throw new MapiError(MAPI_E_NOT_FOUND, `${method}: there is no profile named ${JSON.stringify(name)}`);
    return p;
  }

  /** "This flag must be set if the profile is an 'app' profile" → MAPI_E_NO_ACCESS. */
  private checkApp(method: string, p: Profile, flags: number): void {
    if (p.app && !(flags & MAPI_APP_PROFILE)) throw new MapiError(MAPI_E_NO_ACCESS, `${method}: ${JSON.stringify(p.name)} is an app profile; pass MAPI_APP_PROFILE`);
  }
}
