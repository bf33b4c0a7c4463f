// The RTF format layer: [MS-OXRTFCP] compressed RTF, [MS-OXRTFEX] encapsulated HTML and
// plain text, RTF text extraction, and the body synchronization a message store performs.

// ---- compressed RTF ([MS-OXRTFCP]) ----
export {
  COMPRESSED_RTF_HEADER_SIZE,
  COMPTYPE_COMPRESSED,
  COMPTYPE_UNCOMPRESSED,
  decompressRtf,
  DEFAULT_MAX_RAW_SIZE,
  INITIAL_DICTIONARY,
  readCompressedRtfHeader,
} from './compressedRtf.js';
export type { CompressedRtfHeader, DecompressRtfOptions } from './compressedRtf.js';
export { compressRtf } from './lzfuCompress.js';
export type { CompressRtfOptions } from './lzfuCompress.js';
export { crc32Rtf } from './crc32.js';

// ---- encapsulation ([MS-OXRTFEX]) and text ----
export { deEncapsulateHtml, deEncapsulateText, rtfBytes, rtfEncapsulation, rtfToText } from './deEncapsulate.js';
export type { RtfEncapsulation, RtfInput } from './deEncapsulate.js';
export { escapeRtfText, htmlToEncapsulatedRtf, rtfCodePage, textToRtf } from './encapsulate.js';
export { decodeHtmlEntities, htmlToText } from './htmlToText.js';
export { tokenizeRtf } from './tokenize.js';
export type { RtfToken } from './tokenize.js';

// ---- body properties ----
export {
  decodeHtmlBody,
  encodeHtmlBody,
  NATIVE_BODY_CLEAR_SIGNED,
  NATIVE_BODY_HTML,
  NATIVE_BODY_PLAIN_TEXT,
  NATIVE_BODY_RTF_COMPRESSED,
  NATIVE_BODY_UNDEFINED,
  readBodies,
  rtfDocumentCodePage,
} from './bodies.js';
export type { BodyOptions, MessageBodies } from './bodies.js';
export { computeBodyProperty, deriveBodies, nativeBodyInfo, rtfSync, syncBodiesOnSave } from './bodySync.js';
export type { BodyChanges, RtfSyncResult } from './bodySync.js';
export { rtfSyncAuxiliaryProps, rtfSyncInfo } from './syncText.js';
export type { RtfSyncInfo } from './syncText.js';
