// PST/OST messaging layer ([MS-PST] 2.4): store, named properties, folders, messages,
// recipients, attachments and embedded messages, read on demand.
export { openPst, PstFile, PstFolder, PstMessage, PstAttachment, stripSubjectMarker } from './PstFile.js';
export type { PstOpenOptions, PstRecipient } from './PstFile.js';
export { readNameToIdMap, PR_NAMEID_STREAM_GUID, PR_NAMEID_STREAM_ENTRY, PR_NAMEID_STREAM_STRING } from './names.js';
export type { PstNamedProperty } from './names.js';
