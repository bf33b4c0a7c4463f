import { describe, it, expect } from 'vitest';
import {
  MAPI_ALLOW_OTHERS,
  MAPI_EXPLICIT_PROFILE,
  MAPI_EXTENDED,
  MAPI_LOGON_UI,
  MAPI_NEW_SESSION,
  MAPI_NO_MAIL,
  MAPI_PASSWORD_UI,
  MAPI_SERVICE_UI_ALWAYS,
  MAPI_SPOOLER,
  MAPI_STATUS,
  MAPI_UNICODE,
  MAPI_USE_DEFAULT,
  STATUS_AVAILABLE,
  STATUS_FAILURE,
} from '../../../src/core/generated/constants.js';
import { PR_DISPLAY_NAME_W, PR_OBJECT_TYPE, PR_RESOURCE_TYPE, PR_STATUS_CODE } from '../../../src/core/generated/proptags.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_LOGON_FAILED, MAPI_E_NO_SUPPORT, MAPI_E_UNKNOWN_FLAGS } from '../../../src/core/generated/scodes.js';
import { allRows, col, expectScode, makeProfile, makeWorld } from './helpers.js';

async function spoolerStatus(s: Awaited<ReturnType<Awaited<ReturnType<typeof makeWorld>>['mapi']['MAPILogonEx']>>): Promise<number> {
  const rows = await allRows(await s.getStatusTable(MAPI_UNICODE), [PR_RESOURCE_TYPE, PR_STATUS_CODE]);
  return col(rows.find((r) => col(r, PR_RESOURCE_TYPE) === MAPI_SPOOLER)!, PR_STATUS_CODE) as number;
}

describe('MAPILogonEx', () => {
  it('logs on to a named profile (the subsystem row of the status table names it)', async () => {
    const w = await makeWorld();
    await makeProfile(w, 'Work', 'alice');
    const s = await w.mapi.MAPILogonEx('Work', null, MAPI_EXTENDED | MAPI_NEW_SESSION);
    const rows = await allRows(await s.getStatusTable(MAPI_UNICODE), [PR_DISPLAY_NAME_W, PR_OBJECT_TYPE]);
    expect(col(rows[0]!, PR_DISPLAY_NAME_W)).toBe('Work');
    expect(col(rows[0]!, PR_OBJECT_TYPE)).toBe(MAPI_STATUS);
  });

  it('compares profile names case-insensitively', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('Work', null, 0);
    await expect(w.mapi.MAPILogonEx('WORK', null, MAPI_NEW_SESSION)).resolves.toBeDefined();
  });

  it('answers MAPI_E_LOGON_FAILED for an unknown profile, with or without MAPI_LOGON_UI (there is no dialog)', async () => {
    const w = await makeWorld();
    await expectScode(w.mapi.MAPILogonEx('Nope', null, MAPI_NEW_SESSION), MAPI_E_LOGON_FAILED);
    await expectScode(w.mapi.MAPILogonEx('Nope', null, MAPI_NEW_SESSION | MAPI_LOGON_UI | MAPI_PASSWORD_UI), MAPI_E_LOGON_FAILED);
  });

  it('uses the default profile for an empty name only with MAPI_USE_DEFAULT', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('Home', null, 0);
    await expectScode(w.mapi.MAPILogonEx(null, null, MAPI_NEW_SESSION | MAPI_USE_DEFAULT), MAPI_E_LOGON_FAILED);
    await w.admin.setDefaultProfile('Home', 0);
    await expectScode(w.mapi.MAPILogonEx(null, null, MAPI_NEW_SESSION), MAPI_E_LOGON_FAILED);
    await expectScode(w.mapi.MAPILogonEx('', null, MAPI_NEW_SESSION | MAPI_LOGON_UI | MAPI_EXPLICIT_PROFILE), MAPI_E_LOGON_FAILED);
    const s = await w.mapi.MAPILogonEx('', null, MAPI_NEW_SESSION | MAPI_USE_DEFAULT | MAPI_EXPLICIT_PROFILE);
    const rows = await allRows(await s.getStatusTable(MAPI_UNICODE), [PR_DISPLAY_NAME_W]);
    expect(col(rows[0]!, PR_DISPLAY_NAME_W)).toBe('Home');
  });

  it('ignores MAPI_USE_DEFAULT when a name is given', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('A', null, 0);
    await w.admin.createProfile('B', null, 0);
    await w.admin.setDefaultProfile('A', 0);
    const s = await w.mapi.MAPILogonEx('B', null, MAPI_NEW_SESSION | MAPI_USE_DEFAULT);
    const rows = await allRows(await s.getStatusTable(MAPI_UNICODE), [PR_DISPLAY_NAME_W]);
    expect(col(rows[0]!, PR_DISPLAY_NAME_W)).toBe('B');
  });

  it('answers MAPI_E_LOGON_FAILED for a name longer than 64 characters', async () => {
    const w = await makeWorld();
    await expectScode(w.mapi.MAPILogonEx('x'.repeat(65), null, MAPI_NEW_SESSION), MAPI_E_LOGON_FAILED);
  });

  it('rejects unknown flags, UI-only flags and non-string names', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('P', null, 0);
    await expectScode(w.mapi.MAPILogonEx('P', null, 0x40000000), MAPI_E_UNKNOWN_FLAGS);
    await expectScode(w.mapi.MAPILogonEx('P', null, MAPI_SERVICE_UI_ALWAYS), MAPI_E_NO_SUPPORT);
    await expectScode(w.mapi.MAPILogonEx(42 as unknown as string, null, 0), MAPI_E_INVALID_PARAMETER);
  });

  it('accepts and ignores a password (profiles have none)', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('P', null, 0);
    await expect(w.mapi.MAPILogonEx('P', 'secret', MAPI_NEW_SESSION)).resolves.toBeDefined();
  });

  it('MAPI_NO_MAIL: the spooler row reports STATUS_FAILURE (mapilogonex.md)', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('P', null, 0);
    expect(await spoolerStatus(await w.mapi.MAPILogonEx('P', null, MAPI_NEW_SESSION | MAPI_NO_MAIL))).toBe(STATUS_FAILURE);
    expect(await spoolerStatus(await w.mapi.MAPILogonEx('P', null, MAPI_NEW_SESSION))).toBe(STATUS_AVAILABLE);
  });

  it('without MAPI_NEW_SESSION, returns the shared session (MAPI_ALLOW_OTHERS) even for another profile name', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('Shared', null, 0);
    await w.admin.createProfile('Other', null, 0);
    const first = await w.mapi.MAPILogonEx('Shared', null, MAPI_NEW_SESSION | MAPI_ALLOW_OTHERS);
    const second = await w.mapi.MAPILogonEx('Other', null, 0);
    const rows = await allRows(await second.getStatusTable(MAPI_UNICODE), [PR_DISPLAY_NAME_W]);
    expect(col(rows[0]!, PR_DISPLAY_NAME_W)).toBe('Shared');
    expect(w.mapi.sessionCount).toBe(1);
    // each client logs off its own handle; the session ends with the last one
    await second.logoff(0);
    expect(w.mapi.sessionCount).toBe(1);
    await first.logoff(0);
    expect(w.mapi.sessionCount).toBe(0);
  });

  it('with MAPI_NEW_SESSION, never piggybacks on the shared session', async () => {
    const w = await makeWorld();
    await w.admin.createProfile('Shared', null, 0);
    await w.admin.createProfile('Other', null, 0);
    await w.mapi.MAPILogonEx('Shared', null, MAPI_NEW_SESSION | MAPI_ALLOW_OTHERS);
    const s = await w.mapi.MAPILogonEx('Other', null, MAPI_NEW_SESSION);
    const rows = await allRows(await s.getStatusTable(MAPI_UNICODE), [PR_DISPLAY_NAME_W]);
    expect(col(rows[0]!, PR_DISPLAY_NAME_W)).toBe('Other');
    expect(w.mapi.sessionCount).toBe(2);
  });
});
