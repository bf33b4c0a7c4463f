/**
 * Loading MAPI: off Windows the backend fails with a clear EmulatorError (never a crash);
 * a library without the required exports is refused; missing optional exports behave like the
 * stub library's; Outlook's MAPI is located in the stub library's order (locate.ts over a
 * fake Windows).
 */
import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../../src/core/errors/MapiError.js';
import { loadMapiLibrary } from '../../src/providers/windows/library/loadMapiLibrary.js';
import { createWindowsMapi } from '../../src/providers/windows/WindowsMapi.js';
import { bindMapiLibrary } from '../../src/providers/windows/library/MapiLibrary.js';
import { mapiCandidates, loadedMapiModule, OUTLOOK_MSI_CATEGORIES, type MapiLocatorSystem } from '../../src/providers/windows/library/locate.js';
import { loadKoffi } from '../../src/providers/windows/koffi.js';
import { MAPI_E_CALL_FAILED } from '../../src/core/generated/scodes.js';
import { makeLocalLibrary } from './helpers.js';

describe('loadMapiLibrary', () => {
  it('off Windows, fails with an EmulatorError that says why and what to do', () => {
    expect(() => loadMapiLibrary({ platform: 'linux' })).toThrowError(EmulatorError);
    expect(() => loadMapiLibrary({ platform: 'linux' })).toThrowError(/\[mapi-emu\].*olmapi32\.dll.*only exists on Windows; this is linux.*emulator/);
    expect(() => createWindowsMapi({ platform: 'darwin' })).toThrowError(/this is darwin/);
  });

  it('a 32-bit or ARM process on Windows is refused before anything is loaded', () => {
    expect(() => loadMapiLibrary({ platform: 'win32', arch: 'ia32' })).toThrowError(/x64.*this process is ia32/);
  });

  it('an explicit path that cannot be loaded gives an EmulatorError naming it', () => {
    expect(() => loadMapiLibrary({ path: '/nonexistent/olmapi32.dll' })).toThrowError(/could not load the MAPI library \/nonexistent\/olmapi32\.dll/);
  });

  it('a DLL without MAPI\'s exports is refused; it lists what is missing', () => {
    const libc = process.platform === 'linux' ? 'libc.so.6' : null;
    if (!libc) return;
    expect(() => loadMapiLibrary({ path: libc })).toThrowError(/is not a usable MAPI library: it does not export MAPIInitialize, MAPIUninitialize/);
  });

  it('when no candidate loads, the message lists every path tried', () => {
    const sys: MapiLocatorSystem = {
      loadedModule: () => null,
      regValue: (key, value) => (value === 'DllPathEx' ? 'C:\\Nowhere\\olmapi32.dll' : null),
      msiQualifiedComponent: () => null,
      componentPath: () => null,
      systemDirectory: () => 'C:\\Windows\\System32',
    };
    expect(() => loadMapiLibrary({ platform: 'win32', arch: 'x64', system: sys })).toThrowError(/could not find Outlook's MAPI\. Tried: C:\\Nowhere\\olmapi32\.dll: /);
  });
});

describe('bindMapiLibrary', () => {
  it('missing optional exports answer like the stub library: MAPI_E_CALL_FAILED for HRESULT functions, nothing for void ones', () => {
    const local = makeLocalLibrary();
    const koffi = loadKoffi();
    const addr = (n: string) => local.library.symbol(n);
    const lib = bindMapiLibrary(koffi, (n) => (n === 'HrDispatchNotifications' || n === 'CoTaskMemFree' ? null : addr(n)), { path: 'partial', codePage: 1252 });
    expect(lib.HrDispatchNotifications(0) >>> 0).toBe(MAPI_E_CALL_FAILED);
    expect(lib.CoTaskMemFree(1n)).toBeUndefined();
    local.dispose();
  });
});

describe('locating Outlook\'s MAPI (stubutils.cpp order)', () => {
  const base = (over: Partial<MapiLocatorSystem> = {}): MapiLocatorSystem => ({
    loadedModule: () => null,
    regValue: () => null,
    msiQualifiedComponent: () => null,
    componentPath: () => null,
    systemDirectory: () => 'C:\\Windows\\System32',
    ...over,
  });

  it('an olmapi32.dll already loaded in the process wins', () => {
    expect(loadedMapiModule(base({ loadedModule: (n) => (n === 'olmapi32.dll' ? 'C:\\Office\\olmapi32.dll' : 'C:\\old\\msmapi32.dll') }))).toBe('C:\\Office\\olmapi32.dll');
    expect(loadedMapiModule(base({ loadedModule: (n) => (n === 'msmapi32.dll' ? 'C:\\old\\msmapi32.dll' : null) }))).toBe('C:\\old\\msmapi32.dll');
  });

  it('DllPathEx of the mail client, then the newest MSI-registered Outlook, then DllPath, FGetComponentPath; olmapi32.dll first', () => {
    const reg: Record<string, string> = {
      'Software\\Clients\\Mail\\Microsoft Outlook|DllPathEx': 'C:\\Program Files\\Microsoft Office\\root\\Office16\\olmapi32.dll',
      'Software\\Clients\\Mail\\Microsoft Outlook|DllPath': 'C:\\Windows\\System32\\mapi32x.dll',
      'Software\\Clients\\Mail\\Microsoft Outlook|MSIComponentID': '{COMP}',
      'Software\\Clients\\Mail\\Microsoft Outlook|MSIApplicationLCID': 'LCID',
    };
    const sys = base({
      regValue: (k, v) => reg[`${k}|${v}`] ?? null,
      msiQualifiedComponent: (cat, q) => (cat === OUTLOOK_MSI_CATEGORIES[1] && q === 'outlook.exe' ? 'C:\\Office15\\OUTLOOK.EXE' : null),
      componentPath: (c, q) => (c === '{COMP}' && q === 'LCID' ? 'C:\\Comp\\msmapi32.dll' : null),
    });
    expect(mapiCandidates(sys)).toEqual([
      'C:\\Program Files\\Microsoft Office\\root\\Office16\\olmapi32.dll',
      'C:\\Office15\\olmapi32.dll',
      'C:\\Windows\\System32\\mapi32x.dll',
      'C:\\Comp\\msmapi32.dll',
    ]);
  });

  it('without forcing Outlook: the default mail client\'s key, and the system mapi32.dll last; forcing system MAPI gives only it', () => {
    const sys = base({ regValue: (k, v) => (k === 'Software\\Clients\\Mail' && v === '' ? 'Other Client' : k.endsWith('Other Client') && v === 'DllPath' ? 'C:\\Other\\mapi.dll' : null) });
    expect(mapiCandidates(sys, { forceOutlookMapi: false })).toEqual(['C:\\Other\\mapi.dll', 'C:\\Windows\\System32\\mapi32.dll']);
    expect(mapiCandidates(sys, { forceSystemMapi: true })).toEqual(['C:\\Windows\\System32\\mapi32.dll']);
  });

  it('a locator function that throws is treated as "not found"', () => {
    const sys = base({
      msiQualifiedComponent: () => {
        throw new Error('msi.dll missing');
      },
    });
    expect(mapiCandidates(sys)).toEqual([]);
  });
});
