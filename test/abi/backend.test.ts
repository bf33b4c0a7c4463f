/**
 * Choosing the Windows backend: createMapi({ backend: 'windows' }), MAPI_EMU_BACKEND for the
 * default subsystem, and the clear EmulatorError where Outlook's MAPI cannot exist. Loading
 * mapi-emu never loads koffi (it is an optional dependency), so this file must not load it
 * either (no isKoffiAvailable() here: backend.fake.test.ts has the fake-ABI case).
 */
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { createMapi, getDefaultMapi, setDefaultMapi, MAPILogonEx } from '../../src/mapi.js';
import { EmulatorError } from '../../src/core/errors/MapiError.js';
import { MapiSubsystem } from '../../src/core/session/MapiSubsystem.js';
import { backendFromEnvironment, MAPI_EMU_BACKEND_ENV } from '../../src/providers/windows/backend.js';

const req = createRequire(import.meta.url);
function koffiLoaded(): boolean {
  try {
    return req.resolve('koffi') in req.cache;
  } catch {
    return false; // not installed: certainly not loaded
  }
}

const onWindows = process.platform === 'win32';

describe.skipIf(onWindows)('choosing the Windows backend where there is no MAPI', () => {
  afterEach(() => {
    delete process.env[MAPI_EMU_BACKEND_ENV];
    setDefaultMapi(undefined);
  });

  it('importing mapi-emu (src/index.ts) and building emulator worlds never loads koffi', () => {
    expect(typeof api.createMapi).toBe('function');
    expect(createMapi()).toBeInstanceOf(MapiSubsystem);
    expect(createMapi({ backend: 'emulator' })).toBeInstanceOf(MapiSubsystem);
    expect(koffiLoaded()).toBe(false);
  });

  it("createMapi({ backend: 'windows' }) throws an EmulatorError that says why and what to do, before loading koffi", () => {
    let error: unknown;
    try {
      createMapi({ backend: 'windows' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EmulatorError);
    expect((error as Error).message).toMatch(/^\[mapi-emu\] .*only exists on Windows; this is .*Use the emulator instead/);
    expect(koffiLoaded()).toBe(false);
  });

  it('an unknown backend name is an EmulatorError, not a TypeError', () => {
    expect(() => createMapi({ backend: 'outlook' as never })).toThrow(EmulatorError);
  });

  it('MAPI_EMU_BACKEND=windows makes the default subsystem the Windows backend: here the top-level functions reject with the EmulatorError', async () => {
    process.env[MAPI_EMU_BACKEND_ENV] = 'windows';
    expect(() => getDefaultMapi()).toThrow(/only exists on Windows/);
    await expect(MAPILogonEx('p', null, 0)).rejects.toBeInstanceOf(EmulatorError);
  });

  it('MAPI_EMU_BACKEND unset, empty or "emulator" keeps the emulator; any other value is an EmulatorError', () => {
    expect(backendFromEnvironment({})).toBe('emulator');
    expect(backendFromEnvironment({ [MAPI_EMU_BACKEND_ENV]: '' })).toBe('emulator');
    expect(backendFromEnvironment({ [MAPI_EMU_BACKEND_ENV]: 'Emulator' })).toBe('emulator');
    expect(backendFromEnvironment({ [MAPI_EMU_BACKEND_ENV]: ' WINDOWS ' })).toBe('windows');
    expect(() => backendFromEnvironment({ [MAPI_EMU_BACKEND_ENV]: 'outlook' })).toThrow(/MAPI_EMU_BACKEND=outlook is not a backend/);
    process.env[MAPI_EMU_BACKEND_ENV] = 'emulator';
    expect(getDefaultMapi()).toBeInstanceOf(MapiSubsystem);
  });
});
