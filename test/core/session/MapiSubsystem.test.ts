import { describe, it, expect, afterEach } from 'vitest';
import { createMapi, getDefaultMapi, setDefaultMapi, MAPIInitialize, MAPIUninitialize, MAPILogonEx, MAPIAdminProfiles } from '../../../src/mapi.js';
import { MapiSubsystem } from '../../../src/core/session/MapiSubsystem.js';
import { MEMORY_STORE_SERVICE } from '../../../src/providers/memory-store/service.js';
import { MAPI_MULTITHREAD_NOTIFICATIONS, MAPI_NT_SERVICE } from '../../../src/core/generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NOT_INITIALIZED, MAPI_E_UNKNOWN_FLAGS, MAPI_E_LOGON_FAILED } from '../../../src/core/generated/scodes.js';
import { EmulatorError } from '../../../src/core/errors/MapiError.js';
import { expectScode, logon, makeProfile, makeWorld } from './helpers.js';

describe('createMapi', () => {
  it('registers the in-memory mailbox service as a default service', () => {
    const mapi = createMapi();
    expect(mapi.services.get(MEMORY_STORE_SERVICE)?.name).toBe(MEMORY_STORE_SERVICE);
    expect(mapi.services.defaultServices().map((d) => d.name)).toEqual([MEMORY_STORE_SERVICE]);
  });

  it('keeps worlds apart: profiles of one subsystem are unknown to another', async () => {
    const a = await makeWorld(1);
    const b = await makeWorld(2);
    await a.admin.createProfile('Only in A', null, 0);
    await expectScode(b.mapi.MAPILogonEx('Only in A', null, 0), MAPI_E_LOGON_FAILED);
  });

  it('rejects a second service with the same name unless replace is asked for', () => {
    const mapi = new MapiSubsystem();
    mapi.registerService({ name: 'X', providers: [] });
    expect(() => mapi.registerService({ name: 'x', providers: [] })).toThrow(EmulatorError);
    mapi.registerService({ name: 'x', providers: [] }, { replace: true });
    expect(mapi.services.list()).toHaveLength(1);
  });
});

describe('MAPIInitialize', () => {
  it('accepts NULL and a MAPIINIT_0 with known flags', async () => {
    const mapi = createMapi();
    await mapi.MAPIInitialize();
    await mapi.MAPIInitialize({ ulVersion: 0, ulFlags: MAPI_MULTITHREAD_NOTIFICATIONS | MAPI_NT_SERVICE });
    expect(mapi.initialized).toBe(true);
  });

  it('checks parameters and flags first (mapiinitialize.md step 1)', async () => {
    const mapi = createMapi();
    await expectScode(mapi.MAPIInitialize({ ulVersion: 1, ulFlags: 0 }), MAPI_E_INVALID_PARAMETER);
    await expectScode(mapi.MAPIInitialize({ ulVersion: 0, ulFlags: 0x1000 }), MAPI_E_UNKNOWN_FLAGS);
    expect(mapi.initialized).toBe(false);
  });
});

describe('MAPIUninitialize', () => {
  it('is reference-counted: calls fail only after the last Uninitialize', async () => {
    const w = await makeWorld();
    await w.mapi.MAPIInitialize();
    w.mapi.MAPIUninitialize();
    await w.admin.createProfile('P', null, 0);
    w.mapi.MAPIUninitialize();
    expect(w.mapi.initialized).toBe(false);
    w.mapi.MAPIUninitialize(); // extra calls do nothing
    await expectScode(w.mapi.MAPILogonEx('P', null, 0), MAPI_E_NOT_INITIALIZED);
    await expectScode(w.mapi.MAPIAdminProfiles(0), MAPI_E_NOT_INITIALIZED);
  });

  it('makes existing objects answer MAPI_E_NOT_INITIALIZED until MAPIInitialize is called again', async () => {
    const w = await makeWorld();
    await makeProfile(w, 'P', 'alice');
    const s = await logon(w, 'P');
    w.mapi.MAPIUninitialize();
    await expectScode(s.getStatusTable(0), MAPI_E_NOT_INITIALIZED);
    await expectScode(w.admin.getProfileTable(0), MAPI_E_NOT_INITIALIZED);
    await w.mapi.MAPIInitialize();
    await expect(s.getStatusTable(0)).resolves.toBeDefined();
  });
});

describe('MAPIAdminProfiles', () => {
  it('rejects flags (mapiadminprofiles.md lists none)', async () => {
    const w = await makeWorld();
    await expectScode(w.mapi.MAPIAdminProfiles(1), MAPI_E_UNKNOWN_FLAGS);
  });
});

describe('default subsystem', () => {
  afterEach(() => setDefaultMapi(undefined));

  it('the top-level functions act on the default subsystem', async () => {
    const mapi = createMapi();
    setDefaultMapi(mapi);
    expect(getDefaultMapi()).toBe(mapi);
    await expectScode(MAPIAdminProfiles(0), MAPI_E_NOT_INITIALIZED);
    await MAPIInitialize(null);
    const admin = await MAPIAdminProfiles(0);
    await admin.createProfile('Default world', null, 0);
    const s = await MAPILogonEx('Default world', null, 0);
    await s.logoff(0);
    MAPIUninitialize();
    expect(mapi.initialized).toBe(false);
  });

  it('creates a fresh default subsystem after setDefaultMapi(undefined)', () => {
    const a = getDefaultMapi();
    setDefaultMapi(undefined);
    expect(getDefaultMapi()).not.toBe(a);
  });
});
