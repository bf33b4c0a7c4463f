import { describe, it, expect } from 'vitest';
import {
  MAPI_MODIFY,
  MAPI_STORE_PROVIDER,
  MAPI_TRANSPORT_PROVIDER,
  MAPI_UNICODE,
  SERVICE_DEFAULT_STORE,
  SERVICE_NO_PRIMARY_IDENTITY,
  SERVICE_PRIMARY_IDENTITY,
  SERVICE_SINGLE_COPY,
  SERVICE_UI_ALLOWED,
  SERVICE_UI_ALWAYS,
  STATUS_DEFAULT_STORE,
  STATUS_PRIMARY_IDENTITY,
} from '../../../src/core/generated/constants.js';
import {
  PR_DISPLAY_NAME_W,
  PR_PROFILE_MAILBOX,
  PR_PROFILE_NAME_W,
  PR_PROVIDER_DISPLAY_W,
  PR_PROVIDER_ORDINAL,
  PR_PROVIDER_UID,
  PR_RESOURCE_FLAGS,
  PR_RESOURCE_TYPE,
  PR_SERVICE_DLL_NAME_W,
  PR_SERVICE_ENTRY_NAME,
  PR_SERVICE_NAME_W,
  PR_SERVICE_UID,
  PR_STORE_PROVIDERS,
  PR_OBJECT_TYPE,
  PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import {
  MAPI_E_BUSY,
  MAPI_E_COMPUTED,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NO_ACCESS,
  MAPI_E_NO_SUPPORT,
  MAPI_E_NOT_FOUND,
  MAPI_E_NOT_INITIALIZED,
  MAPI_E_UNCONFIGURED,
  MAPI_E_UNEXPECTED_ID,
} from '../../../src/core/generated/scodes.js';
import { IID_IMAPISession, IID_IMsgServiceAdmin, IID_IMsgServiceAdmin2, IID_IProfSect, IID_IMessage, pbGlobalProfileSectionGuid } from '../../../src/core/generated/guids.js';
import { MAPI_FORCE_ACCESS } from '../../../src/core/generated/constants.js';
import { MAPI_PROFSECT } from '../../../src/core/generated/constants.js';
import { MEMORY_STORE_SERVICE } from '../../../src/providers/memory-store/service.js';
import type { MessageServiceDefinition } from '../../../src/core/spi/services.js';
import { allRows, col, expectScode, logon, makeProfile, makeWorld, type TestWorld } from './helpers.js';

const TRANSPORT_SERVICE: MessageServiceDefinition = {
  name: 'TEST_XP',
  displayName: 'Test transports',
  serviceFlags: SERVICE_NO_PRIMARY_IDENTITY,
  providers: [
    { kind: 'transport', displayName: 'XP one' },
    { kind: 'transport', displayName: 'XP two' },
  ],
};

async function world(): Promise<TestWorld> {
  const w = await makeWorld();
  w.mapi.registerService(TRANSPORT_SERVICE);
  w.mapi.registerService({ name: 'NOENTRY', providers: [{ kind: 'addressBook', displayName: 'AB' }] });
  w.mapi.registerService({ name: 'SINGLE', serviceFlags: SERVICE_SINGLE_COPY, providers: [] });
  await w.admin.createProfile('P', null, 0);
  return w;
}

describe('IMsgServiceAdmin.createMsgService', () => {
  it('adds a service row with the required columns of the message service table', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    await svc.createMsgService(MEMORY_STORE_SERVICE, 'ignored because the service has a display name', 0);
    const rows = await allRows(await svc.getMsgServiceTable(MAPI_UNICODE));
    expect(rows).toHaveLength(1);
    expect(col(rows[0]!, PR_SERVICE_NAME_W)).toBe(MEMORY_STORE_SERVICE);
    expect(col(rows[0]!, PR_DISPLAY_NAME_W)).toBe('Mailbox (in-memory)');
    expect(col(rows[0]!, PR_SERVICE_DLL_NAME_W)).toBe('mapiemu.dll');
    expect(col(rows[0]!, PR_SERVICE_ENTRY_NAME)).toBe('ServiceEntry');
    expect(col(rows[0]!, PR_SERVICE_UID)).toBeInstanceOf(Uint8Array);
    // first store of the profile: the default store; its store provider can supply the identity
    expect((col(rows[0]!, PR_RESOURCE_FLAGS) as number) & (SERVICE_DEFAULT_STORE | SERVICE_PRIMARY_IDENTITY)).toBe(SERVICE_DEFAULT_STORE | SERVICE_PRIMARY_IDENTITY);
  });

  it('uses lpszDisplayName when the service has no display name of its own', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    await svc.createMsgService('NOENTRY', 'My book', 0);
    const rows = await allRows(await svc.getMsgServiceTable(MAPI_UNICODE));
    expect(col(rows[0]!, PR_DISPLAY_NAME_W)).toBe('My book');
  });

  it('answers MAPI_E_NOT_FOUND for a service MAPISVC.INF does not list', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    await expectScode(svc.createMsgService('MSEMS', null, 0), MAPI_E_NOT_FOUND);
  });

  it('has no UI: SERVICE_UI_ALWAYS answers MAPI_E_NO_SUPPORT, SERVICE_UI_ALLOWED is accepted', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    await expectScode(svc.createMsgService(MEMORY_STORE_SERVICE, null, SERVICE_UI_ALWAYS), MAPI_E_NO_SUPPORT);
    await expect(svc.createMsgService(MEMORY_STORE_SERVICE, null, SERVICE_UI_ALLOWED)).resolves.toBeUndefined();
  });

  it('refuses a second copy of a SERVICE_SINGLE_COPY service (MAPI_E_NO_ACCESS)', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    await svc.createMsgService('SINGLE', null, 0);
    await expectScode(svc.createMsgService('SINGLE', null, 0), MAPI_E_NO_ACCESS);
  });

  it('createMsgServiceEx resolves to the PR_SERVICE_UID of the new service; the object answers IID_IMsgServiceAdmin2', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    const uid = await svc.createMsgServiceEx(MEMORY_STORE_SERVICE, null, 0);
    const rows = await allRows(await svc.getMsgServiceTable(0));
    expect(col(rows[0]!, PR_SERVICE_UID)).toEqual(uid);
    await expect(svc.queryInterface(IID_IMsgServiceAdmin2)).resolves.toBe(svc);
  });
});

describe('IMsgServiceAdmin.deleteMsgService', () => {
  it('removes the service and its sections; MAPI_E_NOT_FOUND afterwards', async () => {
    const w = await world();
    const { svc, uid } = await makeProfile(w, 'Q', 'alice');
    await svc.deleteMsgService(uid);
    expect(await allRows(await svc.getMsgServiceTable(0))).toEqual([]);
    await expectScode(svc.deleteMsgService(uid), MAPI_E_NOT_FOUND);
    await expectScode(svc.openProfileSection(uid, null, 0), MAPI_E_NOT_FOUND);
  });
});

describe('IMsgServiceAdmin.configureMsgService', () => {
  it('writes the validated settings into the service and provider sections', async () => {
    const w = await world();
    const { svc, uid } = await makeProfile(w, 'Q', 'alice', 'Alice');
    const sect = await svc.openProfileSection(uid, null, 0);
    const [mb] = await sect.getProps([PR_PROFILE_MAILBOX], 0);
    expect(mb?.Value).toBe('alice');
    const rows = await allRows(await svc.getProviderTable(MAPI_UNICODE));
    expect(col(rows[0]!, PR_DISPLAY_NAME_W)).toBe('Mailbox - Alice');
  });

  it('answers MAPI_E_UNCONFIGURED when a required setting is missing', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    const uid = await svc.createMsgServiceEx(MEMORY_STORE_SERVICE, null, 0);
    await expectScode(svc.configureMsgService(uid, 0, []), MAPI_E_UNCONFIGURED);
  });

  it('answers MAPI_E_NOT_INITIALIZED for a service without an entry point, MAPI_E_NOT_FOUND for an unknown one', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    const uid = await svc.createMsgServiceEx('NOENTRY', null, 0);
    await expectScode(svc.configureMsgService(uid, 0, []), MAPI_E_NOT_INITIALIZED);
    await expectScode(svc.configureMsgService(new Uint8Array(16), 0, []), MAPI_E_NOT_FOUND);
    await expectScode(svc.configureMsgService(new Uint8Array(3), 0, []), MAPI_E_INVALID_PARAMETER);
    await expectScode(svc.configureMsgService(uid, SERVICE_UI_ALWAYS, []), MAPI_E_NO_SUPPORT);
  });
});

describe('IMsgServiceAdmin.getProviderTable', () => {
  it('lists every provider with PR_RESOURCE_TYPE, transports last in transport order (PR_PROVIDER_ORDINAL)', async () => {
    const w = await world();
    const { svc } = await makeProfile(w, 'Q', 'alice');
    await svc.createMsgService('TEST_XP', null, 0);
    const rows = await allRows(await svc.getProviderTable(MAPI_UNICODE));
    expect(rows.map((r) => [col(r, PR_PROVIDER_DISPLAY_W), col(r, PR_RESOURCE_TYPE), col(r, PR_PROVIDER_ORDINAL)])).toEqual([
      ['In-memory mailbox', MAPI_STORE_PROVIDER, 0],
      ['XP one', MAPI_TRANSPORT_PROVIDER, 1],
      ['XP two', MAPI_TRANSPORT_PROVIDER, 2],
    ]);
    expect((col(rows[0]!, PR_RESOURCE_FLAGS) as number) & (STATUS_DEFAULT_STORE | STATUS_PRIMARY_IDENTITY)).toBe(STATUS_DEFAULT_STORE | STATUS_PRIMARY_IDENTITY);
  });
});

describe('IMsgServiceAdmin.msgServiceTransportOrder', () => {
  it('reorders the transports', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    await svc.createMsgService('TEST_XP', null, 0);
    const before = await allRows(await svc.getProviderTable(MAPI_UNICODE));
    const uids = before.map((r) => col(r, PR_PROVIDER_UID) as Uint8Array);
    await svc.msgServiceTransportOrder([uids[1]!, uids[0]!], 0);
    const after = await allRows(await svc.getProviderTable(MAPI_UNICODE));
    expect(after.map((r) => col(r, PR_PROVIDER_DISPLAY_W))).toEqual(['XP two', 'XP one']);
  });

  it('answers MAPI_E_BUSY for a wrong count and MAPI_E_NOT_FOUND for a MAPIUID that is not a transport', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    await svc.createMsgService('TEST_XP', null, 0);
    const uids = (await allRows(await svc.getProviderTable(0))).map((r) => col(r, PR_PROVIDER_UID) as Uint8Array);
    await expectScode(svc.msgServiceTransportOrder([uids[0]!], 0), MAPI_E_BUSY);
    await expectScode(svc.msgServiceTransportOrder([uids[0]!, new Uint8Array(16)], 0), MAPI_E_NOT_FOUND);
  });
});

describe('IMsgServiceAdmin.setPrimaryIdentity', () => {
  it('moves SERVICE_PRIMARY_IDENTITY; NULL clears it; MAPI_E_NO_ACCESS for SERVICE_NO_PRIMARY_IDENTITY', async () => {
    const w = await world();
    const { svc, uid } = await makeProfile(w, 'Q', 'alice');
    const xp = await svc.createMsgServiceEx('TEST_XP', null, 0);
    await expectScode(svc.setPrimaryIdentity(xp, 0), MAPI_E_NO_ACCESS);
    await svc.setPrimaryIdentity(null, 0);
    const flags = async () => (await allRows(await svc.getMsgServiceTable(0))).map((r) => (col(r, PR_RESOURCE_FLAGS) as number) & SERVICE_PRIMARY_IDENTITY);
    expect(await flags()).toEqual([0, 0]);
    await svc.setPrimaryIdentity(uid, 0);
    expect(await flags()).toEqual([SERVICE_PRIMARY_IDENTITY, 0]);
    await expectScode(svc.setPrimaryIdentity(new Uint8Array(16), 0), MAPI_E_NOT_FOUND);
  });
});

describe('IMsgServiceAdmin.renameMsgService', () => {
  it('always answers MAPI_E_NO_SUPPORT', async () => {
    const w = await world();
    const { svc, uid } = await makeProfile(w, 'Q', 'alice');
    await expectScode(svc.renameMsgService(uid, 0, 'New'), MAPI_E_NO_SUPPORT);
  });
});

describe('IMsgServiceAdmin.copyMsgService', () => {
  it('copies a service with its configuration into another profile (IID_IMsgServiceAdmin) or a session (NULL)', async () => {
    const w = await world();
    const { svc, uid } = await makeProfile(w, 'Q', 'alice');
    const dest = await w.admin.adminServices('P', null, 0);
    await svc.copyMsgService(uid, null, null, IID_IMsgServiceAdmin, dest, 0);
    const rows = await allRows(await dest.getMsgServiceTable(0));
    expect(rows).toHaveLength(1);
    const copyUid = col(rows[0]!, PR_SERVICE_UID) as Uint8Array;
    expect(copyUid).not.toEqual(uid);
    const sect = await dest.openProfileSection(copyUid, null, 0);
    expect((await sect.getProps([PR_PROFILE_MAILBOX], 0))[0]?.Value).toBe('alice');

    await w.admin.createProfile('R', null, 0);
    const s = await logon(w, 'R');
    await svc.copyMsgService(uid, null, null, null, s, 0);
    const radm = await w.admin.adminServices('R', null, 0);
    expect(await allRows(await radm.getMsgServiceTable(0))).toHaveLength(1);
    await expect(svc.copyMsgService(uid, null, null, IID_IMAPISession, s, 0)).resolves.toBeUndefined();
  });

  it('answers MAPI_E_NOT_FOUND for an unknown service and MAPI_E_NO_ACCESS for a single-copy service already there', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    await expectScode(svc.copyMsgService(new Uint8Array(16), null, null, IID_IMsgServiceAdmin, svc, 0), MAPI_E_NOT_FOUND);
    const single = await svc.createMsgServiceEx('SINGLE', null, 0);
    await expectScode(svc.copyMsgService(single, null, null, IID_IMsgServiceAdmin, svc, 0), MAPI_E_NO_ACCESS);
    await expectScode(svc.copyMsgService(single, null, null, IID_IMessage, svc, 0), MAPI_E_INVALID_PARAMETER);
  });
});

describe('IMsgServiceAdmin.openProfileSection', () => {
  it('creates a section only with MAPI_MODIFY; MAPI_E_NOT_FOUND read-only', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    const uid = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    await expectScode(svc.openProfileSection(uid, null, 0), MAPI_E_NOT_FOUND);
    const s = await svc.openProfileSection(uid, IID_IProfSect, MAPI_MODIFY);
    await s.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'kept' }]);
    const again = await svc.openProfileSection(uid, null, 0);
    expect((await again.getProps([PR_SUBJECT_W], 0))[0]?.Value).toBe('kept');
  });

  it('needs MAPI_FORCE_ACCESS for a provider section', async () => {
    const w = await world();
    const { svc } = await makeProfile(w, 'Q', 'alice');
    const sect = await svc.openProfileSection((await allRows(await svc.getMsgServiceTable(0)))[0]!.lpProps.find((p) => p.ulPropTag === PR_SERVICE_UID)!.Value as Uint8Array, null, 0);
    const [providers] = await sect.getProps([PR_STORE_PROVIDERS], 0);
    const providerUid = (providers!.Value as Uint8Array).slice(0, 16);
    await expectScode(svc.openProfileSection(providerUid, null, MAPI_MODIFY), MAPI_E_NO_ACCESS);
    const ps = await svc.openProfileSection(providerUid, null, MAPI_FORCE_ACCESS | MAPI_MODIFY);
    expect((await ps.getProps([PR_RESOURCE_TYPE], 0))[0]?.Value).toBe(MAPI_STORE_PROVIDER);
  });
});

describe('IProfSect', () => {
  it('is immediate, read-only without MAPI_MODIFY, and computes PR_PROFILE_NAME and PR_OBJECT_TYPE', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    const ro = await svc.openProfileSection(pbGlobalProfileSectionGuid.bytes, null, 0);
    await expectScode(ro.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'x' }]), MAPI_E_NO_ACCESS);
    const rw = await svc.openProfileSection(pbGlobalProfileSectionGuid.bytes, null, MAPI_MODIFY);
    const problems = await rw.setProps([
      { ulPropTag: PR_SUBJECT_W, Value: 'x' },
      { ulPropTag: 0x8001001f, Value: 'named' },
      { ulPropTag: PR_PROFILE_NAME_W, Value: 'renamed?' },
    ]);
    expect(problems.map((p) => [p.ulIndex, p.scode >>> 0])).toEqual([
      [1, MAPI_E_UNEXPECTED_ID >>> 0],
      [2, MAPI_E_COMPUTED >>> 0],
    ]);
    // saveChanges succeeds and has nothing to do
    await rw.saveChanges(0);
    expect((await ro.getProps([PR_SUBJECT_W, PR_PROFILE_NAME_W, PR_OBJECT_TYPE], 0)).map((p) => p.Value)).toEqual(['x', 'P', MAPI_PROFSECT]);
    await expectScode(rw.getIDsFromNames([], 0), MAPI_E_NO_SUPPORT);
  });

  it('hides secure properties (0x67F0-0x67FF) from getProps(NULL) and getPropList', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    const s = await svc.openProfileSection(pbGlobalProfileSectionGuid.bytes, null, MAPI_MODIFY);
    const secret = 0x67f0001f;
    await s.setProps([{ ulPropTag: secret, Value: 'password' }]);
    expect((await s.getProps(null, 0)).some((p) => p.ulPropTag >>> 16 === 0x67f0)).toBe(false);
    expect((await s.getPropList(0)).some((t) => t >>> 16 === 0x67f0)).toBe(false);
    expect((await s.getProps([secret], 0))[0]?.Value).toBe('password');
  });
});

describe('IMsgServiceAdmin.adminProviders', () => {
  it('gives the provider administration of a service; MAPI_E_NOT_FOUND for an unknown one', async () => {
    const w = await world();
    const { svc, uid } = await makeProfile(w, 'Q', 'alice');
    await expectScode(svc.adminProviders(new Uint8Array(16), 0), MAPI_E_NOT_FOUND);
    const pa = await svc.adminProviders(uid, 0);
    const rows = await allRows(await pa.getProviderTable(MAPI_UNICODE));
    expect(rows.map((r) => col(r, PR_PROVIDER_DISPLAY_W))).toEqual(['In-memory mailbox']);
  });
});

describe('IProviderAdmin', () => {
  it('createProvider adds a provider (a known INF name gets its definition) and deleteProvider removes it', async () => {
    const w = await world();
    const svc = await w.admin.adminServices('P', null, 0);
    const xp = await svc.createMsgServiceEx('TEST_XP', null, 0);
    const pa = await svc.adminProviders(xp, 0);
    const added = await pa.createProvider('XP two', [{ ulPropTag: PR_SUBJECT_W, Value: 'extra' }], 0);
    expect((await allRows(await pa.getProviderTable(0)))).toHaveLength(3);
    const sect = await pa.openProfileSection(added, null, MAPI_FORCE_ACCESS);
    expect((await sect.getProps([PR_SUBJECT_W, PR_RESOURCE_TYPE], 0)).map((p) => p.Value)).toEqual(['extra', MAPI_TRANSPORT_PROVIDER]);
    await expectScode(pa.openProfileSection(added, null, 0), MAPI_E_NO_ACCESS);
    await pa.deleteProvider(added);
    expect((await allRows(await pa.getProviderTable(0)))).toHaveLength(2);
    await expectScode(pa.deleteProvider(added), MAPI_E_NOT_FOUND);
  });

  it('openProfileSection rejects a NULL MAPIUID from clients', async () => {
    const w = await world();
    const { svc, uid } = await makeProfile(w, 'Q', 'alice');
    const pa = await svc.adminProviders(uid, 0);
    await expectScode(pa.openProfileSection(null as unknown as Uint8Array, null, 0), MAPI_E_INVALID_PARAMETER);
  });
});
