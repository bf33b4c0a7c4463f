/**
 * Where Outlook's MAPI lives, found the way Microsoft's MAPI stub library does it
 * (microsoft/MAPIStubLibrary, library/stubutils.cpp; MAPI-ABI-x64.md §4.1):
 *
 * 1. olmapi32.dll (then msmapi32.dll) already loaded in the process;
 * 2. otherwise candidates, in order: HKLM\Software\Clients\Mail → default mail client →
 *    DllPathEx; every installed Outlook through MsiProvideQualifiedComponentW (Office 16 first);
 *    DllPath; MSIComponentID + MSIApplicationLCID through mapi32.dll!FGetComponentPath; and,
 *    unless Outlook's MAPI is forced, %SystemRoot%\System32\mapi32.dll — with every
 *    olmapi32.dll candidate moved to the front, keeping relative order.
 *
 * The candidate logic is pure over a {@link MapiLocatorSystem}, so it is tested on any OS;
 * windowsSystem.ts implements that interface with the Win32 API.
 */

/** The Windows facilities the locator needs. */
export interface MapiLocatorSystem {
  /** Full path of a module already loaded in the process (GetModuleHandleW + GetModuleFileNameW), or null. */
  loadedModule(name: string): string | null;
  /** A REG_SZ / REG_EXPAND_SZ value under HKEY_LOCAL_MACHINE (expanded), or null; `value` '' is the default value. */
  regValue(subKey: string, value: string): string | null;
  /** MsiProvideQualifiedComponentW(category, qualifier, INSTALLMODE_DEFAULT): the component's file path, or null. */
  msiQualifiedComponent(category: string, qualifier: string): string | null;
  /** mapi32.dll!FGetComponentPath(component, qualifier, ..., fInstall FALSE): a DLL path, or null. */
  componentPath(componentId: string, qualifier: string): string | null;
  /** The system directory (GetSystemDirectoryW), e.g. C:\Windows\System32. */
  systemDirectory(): string;
}

/** Options of the search. */
export interface LocateOptions {
  /** Only Outlook's MAPI (the stub's "force Outlook MAPI"): no system mapi32.dll, and the Outlook mail client key. [true] */
  forceOutlookMapi?: boolean;
  /** Only the system mapi32.dll (the stub's "force system MAPI"). [false] */
  forceSystemMapi?: boolean;
}

/** MSI component categories of Outlook, newest first (stubutils.cpp). */
export const OUTLOOK_MSI_CATEGORIES: readonly string[] = [
  '{5812C571-53F0-4467-BEFA-0A4F47A9437C}', // Office 16
  '{E83B4360-C208-4325-9504-0D23003A74A5}', // Office 15
  '{1E77DE88-BCAB-4C37-B9E5-073AF52DFD7A}', // Office 14
  '{24AAE126-0911-478F-A019-07B875EB9996}', // Office 12
  '{BC174BAD-2F53-4855-A1D5-0D575C19B1EA}', // Office 11
  '{BC174BAD-2F53-4855-A1D5-1D575C19B1EA}', // Office 11 (debug)
];

/** Qualifiers tried for each category, in turn (stubutils.cpp). */
export const OUTLOOK_MSI_QUALIFIERS: readonly string[] = [
  'outlook.x64.exe', 'outlook.exe', 'excel.exe', 'winword.exe', 'wwlib.dll', 'powerpnt.exe', 'msaccess.exe', 'onenote.exe', 'mspub.exe', 'visio.exe',
];

const MAIL_CLIENTS = 'Software\\Clients\\Mail';
const OLMAPI = 'olmapi32.dll';

function dirOf(path: string): string {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return i < 0 ? '' : path.slice(0, i + 1);
}

function safe<T>(f: () => T): T | null {
  try {
    return f() ?? null;
  } catch {
    return null;
  }
}

/** A MAPI module already loaded in the process (step 1), or null. */
export function loadedMapiModule(sys: MapiLocatorSystem): string | null {
  return safe(() => sys.loadedModule(OLMAPI)) ?? safe(() => sys.loadedModule('msmapi32.dll'));
}

/** The ordered candidate DLL paths (step 2). */
export function mapiCandidates(sys: MapiLocatorSystem, options: LocateOptions = {}): string[] {
  const forceOutlook = options.forceOutlookMapi ?? true;
  const systemMapi = `${sys.systemDirectory().replace(/\\$/, '')}\\mapi32.dll`;
  if (options.forceSystemMapi) return [systemMapi];
  const out: string[] = [];
  const add = (p: string | null) => {
    if (p && !out.some((q) => q.toLowerCase() === p.toLowerCase())) out.push(p);
  };
  const client = forceOutlook ? 'Microsoft Outlook' : safe(() => sys.regValue(MAIL_CLIENTS, ''));
  const clientKey = client ? `${MAIL_CLIENTS}\\${client}` : null;
  if (clientKey) add(safe(() => sys.regValue(clientKey, 'DllPathEx')));
  for (const category of OUTLOOK_MSI_CATEGORIES) {
    for (const qualifier of OUTLOOK_MSI_QUALIFIERS) {
      const hit = safe(() => sys.msiQualifiedComponent(category, qualifier));
      if (hit) {
        add(`${dirOf(hit)}${OLMAPI}`);
        break;
      }
    }
  }
  if (clientKey) {
    add(safe(() => sys.regValue(clientKey, 'DllPath')));
    const component = safe(() => sys.regValue(clientKey, 'MSIComponentID'));
    const lcid = safe(() => sys.regValue(clientKey, 'MSIApplicationLCID'));
    if (component && lcid) add(safe(() => sys.componentPath(component, lcid)));
  }
  if (!forceOutlook) add(systemMapi);
  // stubutils.cpp: olmapi32.dll candidates go first, relative order kept.
  const isOl = (p: string) => p.toLowerCase().endsWith(OLMAPI);
  return [...out.filter(isOl), ...out.filter((p) => !isOl(p))];
}

/** The folder of a MAPI DLL (for pstprx32.dll, loaded next to Outlook's MAPI). */
export function mapiFolder(dllPath: string): string {
  return dirOf(dllPath);
}
