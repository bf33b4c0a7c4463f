/**
 * IProfAdmin, IMsgServiceAdmin (with IMsgServiceAdmin2::CreateMsgServiceEx) and
 * IProviderAdmin over native objects (MAPI-ABI-x64.md §3.1).
 *
 * Profile, service and provider names are passed as ANSI strings in the process code page
 * unless the caller sets MAPI_UNICODE: these methods are documented with LPSTR parameters, and
 * Outlook 2010's CreateMsgService fails when MAPI_UNICODE is used
 * (imsgserviceadmin-createmsgservice.md). Characters the code page lacks become '?'
 * (docs/windows.md). With MAPI_UNICODE the names go as UTF-16, as the flag tells MAPI.
 */
import type { GUID } from '../../../core/props/guid.js';
import type { MAPIERROR, MAPIUID, SPropValue } from '../../../core/props/types.js';
import type { IMAPITable } from '../../../core/table/interfaces.js';
import type { IMAPISession, IMsgServiceAdmin, IProfAdmin, IProfSect, IProviderAdmin } from '../../../core/session/interfaces.js';
import { MapiError } from '../../../core/errors/MapiError.js';
import { MAPI_UNICODE } from '../../../core/generated/constants.js';
import type { ArgRef, InArgs } from './InArgs.js';
import {
  IID_IMAPITable, IID_IMsgServiceAdmin, IID_IMsgServiceAdmin2, IID_IProfAdmin, IID_IProfSect, IID_IProviderAdmin, IID_IUnknown,
} from '../../../core/generated/guids.js';
import { MAPI_E_INVALID_PARAMETER } from '../../../core/generated/scodes.js';
import type { Pointer } from '../abi/memory.js';
import { readMapiError } from '../abi/misc.js';
import { IMsgServiceAdmin2_VTBL, IMsgServiceAdmin_VTBL, IProfAdmin_VTBL, IProviderAdmin_VTBL } from '../com/vtables.js';
import type { InterfaceLayout } from '../com/layoutTypes.js';
import { checkHr } from '../com/hresult.js';
import type { WinRuntime } from './WinRuntime.js';
import { WinUnknown, nativePointerOf, u32, unicode } from './WinUnknown.js';

const MAPIUID_SIZE = 16;

/**
 * A name argument: ANSI as the methods are documented, or UTF-16 when the caller set
 * MAPI_UNICODE in the method's flags (MAPI then reads the strings as wide; sending ANSI bytes
 * with that flag would be misread).
 */
function tstr(a: InArgs, s: string | null | undefined, ulFlags: number | undefined): ArgRef {
  return (u32(ulFlags) & MAPI_UNICODE) !== 0 ? a.wstr(s) : a.astr(s);
}

function uidArg(uid: MAPIUID | null | undefined, where: string): Uint8Array | null {
  if (uid === null || uid === undefined) return null;
  if (!(uid instanceof Uint8Array) || uid.length !== MAPIUID_SIZE) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: a MAPIUID is 16 bytes`);
  return uid;
}

/** Shared by the three administration wrappers: GetLastError at slot 3, tables, profile sections. */
abstract class WinAdminBase extends WinUnknown {
  constructor(rt: WinRuntime, ptr: Pointer, layout: InterfaceLayout) {
    super(rt, ptr, layout);
  }

  getLastError(hResult: number, ulFlags = 0): Promise<MAPIERROR | null> {
    return this.run('getLastError', () => {
      const { out } = this.hrOut('GetLastError', 1, (c) => [hResult | 0, unicode(ulFlags), c(0)]);
      const p = out.ptr(0);
      if (p === null) return null;
      try {
        return readMapiError(this.rt.mem, p, true, this.rt.codePage);
      } finally {
        this.rt.alloc.freeBuffer(p);
      }
    });
  }

  protected tableOut(method: string, ulFlags: number | undefined): IMAPITable {
    return this.wrapOut<IMAPITable>(this.hrOut(method, 1, (c) => [u32(ulFlags), c(0)]).out.ptr(0), { iid: IID_IMAPITable, fallback: 'IMAPITable' }, method);
  }

  protected profSect(method: string, lpUID: MAPIUID | null, lpInterface: GUID | null, ulFlags: number | undefined): IProfSect {
    const a = this.args();
    const uid = a.bytes(uidArg(lpUID, `${this.interfaceName}.${method}`));
    const iid = a.guid(lpInterface);
    try {
      const { out } = this.hrOut('OpenProfileSection', 1, (c) => [a.p(uid), a.p(iid), u32(ulFlags), c(0)]);
      return this.wrapOut<IProfSect>(out.ptr(0), { iid: lpInterface ?? IID_IProfSect, fallback: 'IProfSect' }, method);
    } finally {
      a.free();
    }
  }
}

/** IProfAdmin. @see iprofadminiunknown.md */
export class WinProfAdmin extends WinAdminBase implements IProfAdmin {
  readonly interfaceName = 'IProfAdmin';

  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IProfAdmin_VTBL);
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IProfAdmin];
  }

  protected rewrap(ptr: Pointer): WinUnknown {
    return new WinProfAdmin(this.rt, ptr);
  }

  /** @see iprofadmin-getprofiletable.md */
  getProfileTable(ulFlags = 0): Promise<IMAPITable> {
    return this.run('getProfileTable', () => this.tableOut('GetProfileTable', ulFlags));
  }

  /** @see iprofadmin-createprofile.md */
  createProfile(lpszProfileName: string, lpszPassword: string | null, ulFlags = 0): Promise<void> {
    return this.run('createProfile', () => {
      const a = this.args();
      const n = tstr(a, lpszProfileName, ulFlags);
      const p = tstr(a, lpszPassword, ulFlags);
      try {
        this.hr('CreateProfile', a.p(n), a.p(p), 0n, u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see iprofadmin-deleteprofile.md */
  deleteProfile(lpszProfileName: string, ulFlags = 0): Promise<void> {
    return this.run('deleteProfile', () => {
      const a = this.args();
      const n = tstr(a, lpszProfileName, ulFlags);
      try {
        this.hr('DeleteProfile', a.p(n), u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see iprofadmin-changeprofilepassword.md */
  changeProfilePassword(lpszProfileName: string, lpszOldPassword: string | null, lpszNewPassword: string | null, ulFlags = 0): Promise<void> {
    return this.run('changeProfilePassword', () => {
      const a = this.args();
      const n = tstr(a, lpszProfileName, ulFlags);
      const o = tstr(a, lpszOldPassword, ulFlags);
      const w = tstr(a, lpszNewPassword, ulFlags);
      try {
        this.hr('ChangeProfilePassword', a.p(n), a.p(o), a.p(w), u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see iprofadmin-copyprofile.md */
  copyProfile(lpszOldProfileName: string, lpszOldPassword: string | null, lpszNewProfileName: string, ulFlags = 0): Promise<void> {
    return this.run('copyProfile', () => {
      const a = this.args();
      const o = tstr(a, lpszOldProfileName, ulFlags);
      const p = tstr(a, lpszOldPassword, ulFlags);
      const n = tstr(a, lpszNewProfileName, ulFlags);
      try {
        this.hr('CopyProfile', a.p(o), a.p(p), a.p(n), 0n, u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see iprofadmin-renameprofile.md */
  renameProfile(lpszOldProfileName: string, lpszOldPassword: string | null, lpszNewProfileName: string, ulFlags = 0): Promise<void> {
    return this.run('renameProfile', () => {
      const a = this.args();
      const o = tstr(a, lpszOldProfileName, ulFlags);
      const p = tstr(a, lpszOldPassword, ulFlags);
      const n = tstr(a, lpszNewProfileName, ulFlags);
      try {
        this.hr('RenameProfile', a.p(o), a.p(p), a.p(n), 0n, u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see iprofadmin-setdefaultprofile.md */
  setDefaultProfile(lpszProfileName: string | null, ulFlags = 0): Promise<void> {
    return this.run('setDefaultProfile', () => {
      const a = this.args();
      const n = tstr(a, lpszProfileName, ulFlags);
      try {
        this.hr('SetDefaultProfile', a.p(n), u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see iprofadmin-adminservices.md */
  adminServices(lpszProfileName: string, lpszPassword: string | null, ulFlags = 0): Promise<IMsgServiceAdmin> {
    return this.run('adminServices', () => {
      const a = this.args();
      const n = tstr(a, lpszProfileName, ulFlags);
      const p = tstr(a, lpszPassword, ulFlags);
      try {
        const { out } = this.hrOut('AdminServices', 1, (c) => [a.p(n), a.p(p), 0n, u32(ulFlags), c(0)]);
        return this.wrapOut<IMsgServiceAdmin>(out.ptr(0), { iid: IID_IMsgServiceAdmin, fallback: 'IMsgServiceAdmin' }, 'adminServices');
      } finally {
        a.free();
      }
    });
  }
}

/** IMsgServiceAdmin (and IMsgServiceAdmin2's CreateMsgServiceEx). @see imsgserviceadminiunknown.md */
export class WinMsgServiceAdmin extends WinAdminBase implements IMsgServiceAdmin {
  readonly interfaceName = 'IMsgServiceAdmin';

  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IMsgServiceAdmin_VTBL);
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMsgServiceAdmin];
  }

  protected rewrap(ptr: Pointer): WinUnknown {
    return new WinMsgServiceAdmin(this.rt, ptr);
  }

  /** @see imsgserviceadmin-getmsgservicetable.md */
  getMsgServiceTable(ulFlags = 0): Promise<IMAPITable> {
    return this.run('getMsgServiceTable', () => this.tableOut('GetMsgServiceTable', ulFlags));
  }

  /** @see imsgserviceadmin-createmsgservice.md */
  createMsgService(lpszService: string, lpszDisplayName: string | null, ulFlags = 0): Promise<void> {
    return this.run('createMsgService', () => {
      const a = this.args();
      const s = tstr(a, lpszService, ulFlags);
      const d = tstr(a, lpszDisplayName, ulFlags);
      try {
        this.hr('CreateMsgService', a.p(s), a.p(d), 0n, u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** Through IMsgServiceAdmin2 (QueryInterface, slot 15). @see imsgserviceadmin2-createmsgserviceex.md */
  createMsgServiceEx(lpszService: string, lpszDisplayName: string | null, ulFlags = 0): Promise<MAPIUID> {
    return this.run('createMsgServiceEx', () => {
      const a = this.args();
      const iid = a.guid(IID_IMsgServiceAdmin2);
      const s = tstr(a, lpszService, ulFlags);
      const d = tstr(a, lpszDisplayName, ulFlags);
      const uid = a.space(MAPIUID_SIZE);
      try {
        const { out } = this.hrOut('QueryInterface', 1, (c) => [a.p(iid), c(0)]);
        const admin2 = out.ptr(0) as Pointer;
        const vtbl = this.rt.vtblOf(admin2);
        const m = (name: string) => IMsgServiceAdmin2_VTBL.methods.find((x) => x.name === name) as (typeof IMsgServiceAdmin2_VTBL.methods)[number];
        try {
          const hr = this.rt.call(admin2, vtbl, m('CreateMsgServiceEx'), [a.p(s), a.p(d), 0n, u32(ulFlags), a.p(uid)]);
          checkHr(hr, 'IMsgServiceAdmin2::CreateMsgServiceEx', (h) => this.lastErrorText(h));
          return this.rt.mem.readBytes(a.p(uid) as Pointer, MAPIUID_SIZE);
        } finally {
          this.rt.call(admin2, vtbl, m('Release'), []);
        }
      } finally {
        a.free();
      }
    });
  }

  /** @see imsgserviceadmin-deletemsgservice.md */
  deleteMsgService(lpUID: MAPIUID): Promise<void> {
    return this.run('deleteMsgService', () => {
      const a = this.args();
      const uid = a.bytes(uidArg(lpUID, 'IMsgServiceAdmin.deleteMsgService'));
      try {
        this.hr('DeleteMsgService', a.p(uid));
      } finally {
        a.free();
      }
    });
  }

  /** @see imsgserviceadmin-configuremsgservice.md */
  configureMsgService(lpUID: MAPIUID, ulFlags: number, lpProps: SPropValue[]): Promise<void> {
    return this.run('configureMsgService', () => {
      const a = this.args();
      const uid = a.bytes(uidArg(lpUID, 'IMsgServiceAdmin.configureMsgService'));
      const props = a.props(lpProps ?? []);
      try {
        this.hr('ConfigureMsgService', a.p(uid), 0n, u32(ulFlags), (lpProps ?? []).length, a.p(props));
      } finally {
        a.free();
      }
    });
  }

  /** @see imsgserviceadmin-copymsgservice.md */
  copyMsgService(
    lpUID: MAPIUID,
    lpszDisplayName: string | null,
    lpInterfaceToCopy: GUID | null,
    lpInterfaceDst: GUID | null,
    lpObjectDst: IMsgServiceAdmin | IMAPISession,
    ulFlags = 0,
  ): Promise<void> {
    return this.run('copyMsgService', () => {
      const dst = nativePointerOf(lpObjectDst);
      if (dst === null) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'IMsgServiceAdmin.copyMsgService: lpObjectDst must be an object of the same Windows MAPI backend');
      const a = this.args();
      const uid = a.bytes(uidArg(lpUID, 'IMsgServiceAdmin.copyMsgService'));
      const name = tstr(a, lpszDisplayName, ulFlags);
      const i1 = a.guid(lpInterfaceToCopy);
      const i2 = a.guid(lpInterfaceDst);
      try {
        this.hr('CopyMsgService', a.p(uid), a.p(name), a.p(i1), a.p(i2), dst, 0n, u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see imsgserviceadmin-renamemsgservice.md */
  renameMsgService(lpUID: MAPIUID, ulFlags: number, lpszDisplayName: string): Promise<void> {
    return this.run('renameMsgService', () => {
      const a = this.args();
      const uid = a.bytes(uidArg(lpUID, 'IMsgServiceAdmin.renameMsgService'));
      const name = tstr(a, lpszDisplayName, ulFlags);
      try {
        this.hr('RenameMsgService', a.p(uid), u32(ulFlags), a.p(name));
      } finally {
        a.free();
      }
    });
  }

  /** @see imsgserviceadmin-setprimaryidentity.md */
  setPrimaryIdentity(lpUID: MAPIUID | null, ulFlags = 0): Promise<void> {
    return this.run('setPrimaryIdentity', () => {
      const a = this.args();
      const uid = a.bytes(uidArg(lpUID, 'IMsgServiceAdmin.setPrimaryIdentity'));
      try {
        this.hr('SetPrimaryIdentity', a.p(uid), u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see imsgserviceadmin-getprovidertable.md */
  getProviderTable(ulFlags = 0): Promise<IMAPITable> {
    return this.run('getProviderTable', () => this.tableOut('GetProviderTable', ulFlags));
  }

  /** @see imsgserviceadmin-msgservicetransportorder.md */
  msgServiceTransportOrder(lpUIDList: MAPIUID[], ulFlags = 0): Promise<void> {
    return this.run('msgServiceTransportOrder', () => {
      const list = (lpUIDList ?? []).map((u) => uidArg(u, 'IMsgServiceAdmin.msgServiceTransportOrder') as Uint8Array);
      const a = this.args();
      const uids = a.uids(list);
      try {
        this.hr('MsgServiceTransportOrder', list.length, a.p(uids), u32(ulFlags));
      } finally {
        a.free();
      }
    });
  }

  /** @see imsgserviceadmin-openprofilesection.md */
  openProfileSection(lpUID: MAPIUID | null, lpInterface: GUID | null, ulFlags = 0): Promise<IProfSect> {
    return this.run('openProfileSection', () => this.profSect('openProfileSection', lpUID, lpInterface, ulFlags));
  }

  /** @see imsgserviceadmin-adminproviders.md */
  adminProviders(lpUID: MAPIUID, ulFlags = 0): Promise<IProviderAdmin> {
    return this.run('adminProviders', () => {
      const a = this.args();
      const uid = a.bytes(uidArg(lpUID, 'IMsgServiceAdmin.adminProviders'));
      try {
        const { out } = this.hrOut('AdminProviders', 1, (c) => [a.p(uid), u32(ulFlags), c(0)]);
        return this.wrapOut<IProviderAdmin>(out.ptr(0), { iid: IID_IProviderAdmin, fallback: 'IProviderAdmin' }, 'adminProviders');
      } finally {
        a.free();
      }
    });
  }
}

/** IProviderAdmin. @see iprovideradminiunknown.md */
export class WinProviderAdmin extends WinAdminBase implements IProviderAdmin {
  readonly interfaceName = 'IProviderAdmin';

  constructor(rt: WinRuntime, ptr: Pointer) {
    super(rt, ptr, IProviderAdmin_VTBL);
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IProviderAdmin];
  }

  protected rewrap(ptr: Pointer): WinUnknown {
    return new WinProviderAdmin(this.rt, ptr);
  }

  /** @see iprovideradmin-getprovidertable.md */
  getProviderTable(ulFlags = 0): Promise<IMAPITable> {
    return this.run('getProviderTable', () => this.tableOut('GetProviderTable', ulFlags));
  }

  /** Resolves to the new provider's MAPIUID. @see iprovideradmin-createprovider.md */
  createProvider(lpszProvider: string, lpProps: SPropValue[], ulFlags = 0): Promise<MAPIUID> {
    return this.run('createProvider', () => {
      const a = this.args();
      const name = tstr(a, lpszProvider, ulFlags);
      const props = a.props(lpProps ?? []);
      const uid = a.space(MAPIUID_SIZE);
      try {
        this.hr('CreateProvider', a.p(name), (lpProps ?? []).length, a.p(props), 0n, u32(ulFlags), a.p(uid));
        return this.rt.mem.readBytes(a.p(uid) as Pointer, MAPIUID_SIZE);
      } finally {
        a.free();
      }
    });
  }

  /** @see iprovideradmin-deleteprovider.md */
  deleteProvider(lpUID: MAPIUID): Promise<void> {
    return this.run('deleteProvider', () => {
      const a = this.args();
      const uid = a.bytes(uidArg(lpUID, 'IProviderAdmin.deleteProvider'));
      try {
        this.hr('DeleteProvider', a.p(uid));
      } finally {
        a.free();
      }
    });
  }

  /** @see iprovideradmin-openprofilesection.md */
  openProfileSection(lpUID: MAPIUID, lpInterface: GUID | null, ulFlags = 0): Promise<IProfSect> {
    return this.run('openProfileSection', () => this.profSect('openProfileSection', lpUID, lpInterface, ulFlags));
  }
}
