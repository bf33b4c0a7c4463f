import { describe, it, expect } from 'vitest';
import { MAPI_APP_PROFILE, MAPI_DEFAULT_SERVICES, MAPI_NEW_SESSION } from '../../../src/core/generated/constants.js';
import { PR_DEFAULT_PROFILE, PR_DISPLAY_NAME_A, PR_PROFILE_NAME_W, PR_SERVICE_NAME_W } from '../../../src/core/generated/proptags.js';
import {
  MAPI_E_CALL_FAILED,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_LOGON_FAILED,
  MAPI_E_NO_ACCESS,
  MAPI_E_NOT_FOUND,
  MAPI_E_UNKNOWN_FLAGS,
} from '../../../src/core/generated/scodes.js';
import { pbGlobalProfileSectionGuid } from '../../../src/core/generated/guids.js';
import { MEMORY_STORE_SERVICE } from '../../../src/providers/memory-store/service.js';
import { allRows, col, expectScode, logon, makeProfile, makeWorld, type TestWorld } from './helpers.js';

async function profiles(w: TestWorld, flags = 0): Promise<[string, boolean][]> {
  const rows = await allRows(await w.admin.getProfileTable(flags));
  return rows.map((r) => [col(r, PR_DISPLAY_NAME_A) as string, col(r, PR_DEFAULT_PROFILE) as boolean]);
}

describe('IProfAdmin.getProfileTable', () => {
  it('has one row per profile with PR_DISPLAY_NAME and PR_DEFAULT_PROFILE', async () => {
    const w = await makeWorld();
    expect(await profiles(w)).toEqual([]);
    await w.admin.createProfile('A', null, 0);
    await w.admin.createProfile('B', null, 0);
    await w.admin.setDefaultProfile('B', 0);
    expect(await profiles(w)).toEqual([['A', false], ['B', true]]);
    const t = await w.admin.getProfileTable(0);
    expect(await t.queryColumns(0)).toEqual([PR_DISPLAY_NAME_A, PR_DEFAULT_PROFILE]);
  });

  it('is static: later profiles do not appear', async () => {
    const w = await makeWorld();
    const t = await w.admin.getProfileTable(0);
    await w.admin.createProfile('Later', null, 0);
    expect(await t.queryRows(10, 0)).toEqual([]);
  });

  it('lists app profiles only with MAPI_APP_PROFILE', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('App', null, MAPI_APP_PROFILE);
    expect(await profiles(w)).toEqual([]);
    expect(await profiles(w, MAPI_APP_PROFILE)).toEqual([['App', false]]);
    await expectScode(w.admin.getProfileTable(0x100), MAPI_E_UNKNOWN_FLAGS);
  });
});

describe('IProfAdmin.createProfile', () => {
  it('answers MAPI_E_NO_ACCESS when the profile exists (names compare case-insensitively)', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('Work', null, 0);
    await expectScode(w.admin.createProfile('work', null, 0), MAPI_E_NO_ACCESS);
  });

  it('rejects empty names, names over 64 characters and leading or trailing spaces', async () => {
    const w = await makeWorld();
    await expectScode(w.admin.createProfile('', null, 0), MAPI_E_INVALID_PARAMETER);
    await expectScode(w.admin.createProfile('x'.repeat(65), null, 0), MAPI_E_INVALID_PARAMETER);
    await expectScode(w.admin.createProfile(' Work', null, 0), MAPI_E_INVALID_PARAMETER);
    await expect(w.admin.createProfile('x'.repeat(64), null, 0)).resolves.toBeUndefined();
  });

  it('MAPI_DEFAULT_SERVICES adds the [Default Services]', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('P', null, MAPI_DEFAULT_SERVICES);
    const svc = await w.admin.adminServices('P', null, 0);
    const rows = await allRows(await svc.getMsgServiceTable(0x80000000));
    expect(rows.map((r) => col(r, PR_SERVICE_NAME_W))).toEqual([MEMORY_STORE_SERVICE]);
  });

  it('gives each profile the global section and a unique MUID_PROFILE_INSTANCE search key', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('P', null, 0);
    const svc = await w.admin.adminServices('P', null, 0);
    const sect = await svc.openProfileSection(pbGlobalProfileSectionGuid.bytes, null, 0);
    const [name] = await sect.getProps([PR_PROFILE_NAME_W], 0);
    expect(name?.Value).toBe('P');
  });
});

describe('IProfAdmin.deleteProfile', () => {
  it('deletes a profile; MAPI_E_NOT_FOUND for an unknown one', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('P', null, 0);
    await w.admin.deleteProfile('P', 0);
    expect(await profiles(w)).toEqual([]);
    await expectScode(w.admin.deleteProfile('P', 0), MAPI_E_NOT_FOUND);
  });

  it('marks a profile in use and deletes it when its last session ends', async () => {
    const w = await makeWorld();
    await makeProfile(w, 'P', 'alice');
    const s = await logon(w, 'P');
    await w.admin.deleteProfile('P', 0);
    expect(await profiles(w)).toEqual([]);
    await expectScode(w.mapi.MAPILogonEx('P', null, MAPI_NEW_SESSION), MAPI_E_LOGON_FAILED);
    await expectScode(w.admin.createProfile('P', null, 0), MAPI_E_NO_ACCESS);
    await s.logoff(0);
    await expect(w.admin.createProfile('P', null, 0)).resolves.toBeUndefined();
  });

  it('needs MAPI_APP_PROFILE for an app profile', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('App', null, MAPI_APP_PROFILE);
    await expectScode(w.admin.deleteProfile('App', 0), MAPI_E_NO_ACCESS);
    await w.admin.deleteProfile('App', MAPI_APP_PROFILE);
  });

  it('clears the default when the default profile is deleted', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('P', null, 0);
    await w.admin.setDefaultProfile('P', 0);
    await w.admin.deleteProfile('P', 0);
    await w.admin.createProfile('P', null, 0);
    expect(await profiles(w)).toEqual([['P', false]]);
  });
});

describe('IProfAdmin.copyProfile', () => {
  it('copies services and their configuration', async () => {
    const w = await makeWorld();
    await makeProfile(w, 'Orig', 'alice');
    await w.admin.copyProfile('Orig', null, 'Copy', 0);
    const svc = await w.admin.adminServices('Copy', null, 0);
    const rows = await allRows(await svc.getMsgServiceTable(0x80000000));
    expect(rows.map((r) => col(r, PR_SERVICE_NAME_W))).toEqual([MEMORY_STORE_SERVICE]);
  });

  it('answers MAPI_E_NOT_FOUND for an unknown source and MAPI_E_ACCESS_DENIED (E_ACCESSDENIED) for a taken name', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('A', null, 0);
    await w.admin.createProfile('B', null, 0);
    await expectScode(w.admin.copyProfile('Nope', null, 'C', 0), MAPI_E_NOT_FOUND);
    await expectScode(w.admin.copyProfile('A', null, 'B', 0), MAPI_E_NO_ACCESS);
  });

  it('needs MAPI_APP_PROFILE to copy an app profile, and the copy is an app profile', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('App', null, MAPI_APP_PROFILE);
    await expectScode(w.admin.copyProfile('App', null, 'App2', 0), MAPI_E_NO_ACCESS);
    await w.admin.copyProfile('App', null, 'App2', MAPI_APP_PROFILE);
    expect(await profiles(w)).toEqual([]);
  });
});

describe('IProfAdmin.renameProfile', () => {
  it('renames a profile, keeping it the default', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('Old', null, 0);
    await w.admin.setDefaultProfile('Old', 0);
    await w.admin.renameProfile('Old', null, 'New', 0);
    expect(await profiles(w)).toEqual([['New', true]]);
  });

  it('renames a profile in use when its last session ends', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('Old', null, 0);
    const s = await logon(w, 'Old');
    await w.admin.renameProfile('Old', null, 'New', 0);
    expect(await profiles(w)).toEqual([['Old', false]]);
    await s.logoff(0);
    expect(await profiles(w)).toEqual([['New', false]]);
  });

  it('answers MAPI_E_NOT_FOUND and MAPI_E_NO_ACCESS for an unknown source or a taken name', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('A', null, 0);
    await w.admin.createProfile('B', null, 0);
    await expectScode(w.admin.renameProfile('Nope', null, 'C', 0), MAPI_E_NOT_FOUND);
    await expectScode(w.admin.renameProfile('A', null, 'b', 0), MAPI_E_NO_ACCESS);
  });
});

describe('IProfAdmin.setDefaultProfile', () => {
  it('sets and clears the default', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('A', null, 0);
    await w.admin.setDefaultProfile('A', 0);
    expect(await profiles(w)).toEqual([['A', true]]);
    await w.admin.setDefaultProfile(null, 0);
    expect(await profiles(w)).toEqual([['A', false]]);
  });

  it('answers MAPI_E_NOT_FOUND for an unknown profile and E_FAIL for an app profile', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('App', null, MAPI_APP_PROFILE);
    await expectScode(w.admin.setDefaultProfile('Nope', 0), MAPI_E_NOT_FOUND);
    await expectScode(w.admin.setDefaultProfile('App', 0), MAPI_E_CALL_FAILED);
  });
});

describe('IProfAdmin.changeProfilePassword', () => {
  it('succeeds and does nothing (iprofadmin-changeprofilepassword.md)', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('P', null, 0);
    await expect(w.admin.changeProfilePassword('P', 'old', 'new', 0)).resolves.toBeUndefined();
    await expect(w.mapi.MAPILogonEx('P', null, MAPI_NEW_SESSION)).resolves.toBeDefined();
  });
});

describe('IProfAdmin.adminServices', () => {
  it('answers MAPI_E_LOGON_FAILED for an unknown profile and MAPI_E_INVALID_PARAMETER for NULL', async () => {
    const w = await makeWorld();
    await expectScode(w.admin.adminServices('Nope', null, 0), MAPI_E_LOGON_FAILED);
    await expectScode(w.admin.adminServices(null as unknown as string, null, 0), MAPI_E_INVALID_PARAMETER);
  });
});
