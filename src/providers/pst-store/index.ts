// The PST-backed message store: a StoreBackend over a PST/OST file with a write overlay,
// the `MSUPST MS` / `MSPST MS` services and openPstFile.
export { PstBackend } from './PstBackend.js';
export type { PstBackendOptions } from './PstBackend.js';
export { PstEntryIds, PST_ENTRYID_SIZE, OVERLAY_ID_BASE, OVERLAY_NID_INDEX_BASE } from './entryIds.js';
export { pstStoreService, PST_SERVICE_ANSI, PST_SERVICE_UNICODE, MSPST_UID_PROVIDER, PST_SIDECAR_SUFFIX } from './service.js';
export type { PstServiceOptions } from './service.js';
export { openPstFile, openPstFileSession } from './openPstFile.js';
export type { OpenPstFileOptions, OpenedPstFile } from './openPstFile.js';
