/**
 * The Windows backend: mapi-emu's interfaces over Outlook's MAPI through koffi.
 *
 * - {@link createWindowsMapi} / {@link WindowsMapi}: MAPIInitialize, MAPILogonEx,
 *   MAPIAdminProfiles over the loaded library, returning wrappers that implement the same
 *   interfaces as the emulator's objects.
 * - {@link loadMapiLibrary}: Outlook's MAPI located as MAPI's stub library does.
 * - The ABI layer (`abi/`) and the COM call layer (`com/`) are exported for the fake MAPI of
 *   the tests and for code that needs to pass MAPI structures itself.
 *
 * See docs/windows.md.
 */
export { WindowsMapi, createWindowsMapi, type WindowsMapiOptions } from './WindowsMapi.js';
export { loadMapiLibrary, type LoadMapiLibraryOptions } from './library/loadMapiLibrary.js';
export { bindMapiLibrary, MAPI_EXPORT_SIGNATURES, REQUIRED_EXPORTS, type MapiLibrary, type MapiLibraryExports, type BindOptions } from './library/MapiLibrary.js';
export { mapiCandidates, loadedMapiModule, OUTLOOK_MSI_CATEGORIES, OUTLOOK_MSI_QUALIFIERS, type MapiLocatorSystem, type LocateOptions } from './library/locate.js';
export {
  loadKoffi, isKoffiAvailable, type Koffi, type KoffiType, type KoffiTypeSpec, type KoffiPrimitiveKind, type KoffiLibrary, type KoffiFunction,
  type KoffiDecode, type KoffiEncode,
} from './koffi.js';
export { NativeMemory, type Pointer } from './abi/memory.js';
export { allocatorFromExports, type MapiAllocator } from './abi/allocator.js';
export type { AbiContext } from './abi/context.js';
export type { SinkErrorRecord } from './com/AdviseSink.js';
export type { RuntimeStats } from './com/runtime.js';
export { VTABLES, type VtableName } from './com/vtables.js';
export type { InterfaceLayout, MethodLayout, AbiWidth } from './com/layoutTypes.js';
export { openWindowsBackend, backendFromEnvironment, MAPI_EMU_BACKEND_ENV, type MapiApi, type MapiBackendName, type WindowsBackendOptions } from './backend.js';
