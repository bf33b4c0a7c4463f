/**
 * {@link MapiLocatorSystem} over the Win32 API through koffi (kernel32, advapi32, msi and the
 * system mapi32.dll). Only used on Windows; every function declared with explicit widths
 * (MAPI-ABI-x64.md §1.2). Not exercised on Linux (docs/windows.md says what was verified).
 */
import type { Koffi } from '../koffi.js';
import type { MapiLocatorSystem } from './locate.js';

const HKEY_LOCAL_MACHINE = 0xffffffff80000002n; // (HKEY)(ULONG_PTR)((LONG)0x80000002), sign-extended on x64
const KEY_READ = 0x20019;
const KEY_WOW64_64KEY = 0x0100;
const REG_SZ = 1;
const REG_EXPAND_SZ = 2;
const ERROR_SUCCESS = 0;
const MAX_PATH_W = 32768;

/** The Win32 functions the locator and the loader use. */
export interface Win32 extends MapiLocatorSystem {
  /** GetACP(). */
  ansiCodePage(): number;
}

/** Binds the Win32 API. @throws when a system DLL is missing (never on Windows). */
export function windowsSystem(koffi: Koffi): Win32 {
  const kernel32 = koffi.load('kernel32.dll');
  const advapi32 = koffi.load('advapi32.dll');
  const GetModuleHandleW = kernel32.func('void *GetModuleHandleW(str16 lpModuleName)');
  const GetModuleFileNameW = kernel32.func('uint32_t GetModuleFileNameW(void *hModule, void *lpFilename, uint32_t nSize)');
  const GetSystemDirectoryW = kernel32.func('uint32_t GetSystemDirectoryW(void *lpBuffer, uint32_t uSize)');
  const ExpandEnvironmentStringsW = kernel32.func('uint32_t ExpandEnvironmentStringsW(str16 lpSrc, void *lpDst, uint32_t nSize)');
  const GetACP = kernel32.func('uint32_t GetACP()');
  const RegOpenKeyExW = advapi32.func('int32_t RegOpenKeyExW(void *hKey, str16 lpSubKey, uint32_t ulOptions, uint32_t samDesired, void *phkResult)');
  const RegQueryValueExW = advapi32.func('int32_t RegQueryValueExW(void *hKey, str16 lpValueName, void *lpReserved, void *lpType, void *lpData, void *lpcbData)');
  const RegCloseKey = advapi32.func('int32_t RegCloseKey(void *hKey)');
  let MsiProvideQualifiedComponentW: ((...a: unknown[]) => number) | null = null;
  try {
    MsiProvideQualifiedComponentW = koffi.load('msi.dll').func('uint32_t MsiProvideQualifiedComponentW(str16 szCategory, str16 szQualifier, uint32_t dwInstallMode, void *lpPathBuf, void *pcchPathBuf)') as (...a: unknown[]) => number;
  } catch {
    MsiProvideQualifiedComponentW = null;
  }

  const buffer = (chars: number) => koffi.alloc('uint16_t', chars) as bigint;
  const readW = (p: bigint) => koffi.decode.string16(p) as string;
  const systemDirectory = () => {
    const b = buffer(MAX_PATH_W);
    try {
      const n = GetSystemDirectoryW(b, MAX_PATH_W) as number;
      return n ? readW(b) : 'C:\\Windows\\System32';
    } finally {
      koffi.free(b);
    }
  };

  return {
    ansiCodePage: () => GetACP() as number,
    systemDirectory,
    loadedModule(name) {
      const h = GetModuleHandleW(name) as bigint | null;
      if (!h) return null;
      const b = buffer(MAX_PATH_W);
      try {
        return (GetModuleFileNameW(h, b, MAX_PATH_W) as number) ? readW(b) : null;
      } finally {
        koffi.free(b);
      }
    },
    regValue(subKey, value) {
      const cell = koffi.alloc('uint64_t', 1) as bigint;
      const type = koffi.alloc('uint32_t', 1) as bigint;
      const size = koffi.alloc('uint32_t', 1) as bigint;
      try {
        if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, subKey, 0, KEY_READ | KEY_WOW64_64KEY, cell) !== ERROR_SUCCESS) return null;
        const key = koffi.decode(cell, 0, 'void *') as bigint;
        try {
          koffi.encode(size, 0, 'uint32_t', 0);
          if (RegQueryValueExW(key, value, null, type, null, size) !== ERROR_SUCCESS) return null;
          const t = koffi.decode(type, 0, 'uint32_t') as number;
          if (t !== REG_SZ && t !== REG_EXPAND_SZ) return null;
          const bytes = (koffi.decode(size, 0, 'uint32_t') as number) + 2;
          const data = koffi.alloc('uint8_t', bytes) as bigint;
          try {
            koffi.encode(data, 0, 'uint8_t', new Uint8Array(bytes), bytes);
            koffi.encode(size, 0, 'uint32_t', bytes - 2);
            if (RegQueryValueExW(key, value, null, type, data, size) !== ERROR_SUCCESS) return null;
            const text = readW(data);
            if (t === REG_SZ) return text;
            const out = buffer(MAX_PATH_W);
            try {
              return (ExpandEnvironmentStringsW(text, out, MAX_PATH_W) as number) ? readW(out) : text;
            } finally {
              koffi.free(out);
            }
          } finally {
            koffi.free(data);
          }
        } finally {
          RegCloseKey(key);
        }
      } finally {
        koffi.free(cell);
        koffi.free(type);
        koffi.free(size);
      }
    },
    msiQualifiedComponent(category, qualifier) {
      if (!MsiProvideQualifiedComponentW) return null;
      const b = buffer(MAX_PATH_W);
      const len = koffi.alloc('uint32_t', 1) as bigint;
      try {
        koffi.encode(len, 0, 'uint32_t', MAX_PATH_W);
        return MsiProvideQualifiedComponentW(category, qualifier, 0 /* INSTALLMODE_DEFAULT */, b, len) === ERROR_SUCCESS ? readW(b) : null;
      } finally {
        koffi.free(b);
        koffi.free(len);
      }
    },
    componentPath(componentId, qualifier) {
      const mapi32 = koffi.load(`${systemDirectory()}\\mapi32.dll`);
      const FGetComponentPath = mapi32.func('int32_t FGetComponentPath(str szComponent, str szQualifier, void *szDllPath, uint32_t cchBufferSize, int32_t fInstall)');
      const b = koffi.alloc('uint8_t', 520) as bigint;
      try {
        return FGetComponentPath(componentId, qualifier, b, 520, 0) ? (koffi.decode(b, 0, 'char', -1) as string) : null;
      } finally {
        koffi.free(b);
      }
    },
  };
}
