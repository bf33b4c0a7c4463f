// PST/OST reader, lower layers: NDB ([MS-PST] 2.2) and LTP ([MS-PST] 2.3). Bytes in,
// nodes, property contexts and table contexts out; no sessions (DESIGN.md: formats are pure).

// ---- byte sources ----
export type { ByteSource } from './ByteSource.js';
export { Uint8ArraySource, FileSource } from './ByteSource.js';

// ---- NDB ----
export { openPstNdb, PstNdb } from './ndb.js';
export type { NodeEntry, PstNode, PstNdbOptions } from './ndb.js';
export type { PstHeader, PstRoot, BREF } from './header.js';
export { formatOfVersion } from './header.js';
export type { PstFormat, FormatLayout } from './format.js';
export type { BlockEntry } from './block.js';
export { isInternalBid, maskBid } from './block.js';
export { DataTree, DEFAULT_MAX_CONCAT } from './dataTree.js';
export type { SubnodeEntry, SubnodeMap } from './subnodes.js';
export { pstCrc, computeSig } from './crc.js';
export { NDB_CRYPT_NONE, NDB_CRYPT_PERMUTE, NDB_CRYPT_CYCLIC, NDB_CRYPT_EDPCRYPTED, cyclic, decodePermute, encodePermute } from './crypt.js';
export {
  nidType, nidIndex, makeNid, nidTypeName, companionNid,
  NID_TYPE_HID, NID_TYPE_INTERNAL, NID_TYPE_NORMAL_FOLDER, NID_TYPE_SEARCH_FOLDER, NID_TYPE_NORMAL_MESSAGE,
  NID_TYPE_ATTACHMENT, NID_TYPE_SEARCH_UPDATE_QUEUE, NID_TYPE_SEARCH_CRITERIA_OBJECT, NID_TYPE_ASSOC_MESSAGE,
  NID_TYPE_CONTENTS_TABLE_INDEX, NID_TYPE_RECEIVE_FOLDER_TABLE, NID_TYPE_OUTGOING_QUEUE_TABLE, NID_TYPE_HIERARCHY_TABLE,
  NID_TYPE_CONTENTS_TABLE, NID_TYPE_ASSOC_CONTENTS_TABLE, NID_TYPE_SEARCH_CONTENTS_TABLE, NID_TYPE_ATTACHMENT_TABLE,
  NID_TYPE_RECIPIENT_TABLE, NID_TYPE_SEARCH_TABLE_INDEX, NID_TYPE_LTP,
  NID_MESSAGE_STORE, NID_NAME_TO_ID_MAP, NID_NORMAL_FOLDER_TEMPLATE, NID_SEARCH_FOLDER_TEMPLATE, NID_ROOT_FOLDER,
  NID_SEARCH_MANAGEMENT_QUEUE, NID_SEARCH_ACTIVITY_LIST, NID_RESERVED1, NID_SEARCH_DOMAIN_OBJECT, NID_SEARCH_GATHERER_QUEUE,
  NID_SEARCH_GATHERER_DESCRIPTOR, NID_RESERVED2, NID_RESERVED3, NID_SEARCH_GATHERER_FOLDER_QUEUE,
  NID_HIERARCHY_TABLE_TEMPLATE, NID_CONTENTS_TABLE_TEMPLATE, NID_ASSOC_CONTENTS_TABLE_TEMPLATE,
  NID_SEARCH_CONTENTS_TABLE_TEMPLATE, NID_ATTACHMENT_TABLE, NID_RECIPIENT_TABLE,
} from './nid.js';

// ---- LTP ----
export { HeapOnNode, splitHid, isHid, bTypePC, bTypeTC, bTypeBTH } from './ltp/heap.js';
export { BTreeOnHeap } from './ltp/bth.js';
export type { BTHHeader, BTHRecord } from './ltp/bth.js';
export { PropertyContext } from './ltp/pc.js';
export type { PcEntry, ValueStorage, ObjectRef, GetPropsOptions, LtpContext } from './ltp/pc.js';
export type { String8Options } from './ltp/values.js';
export { TableContext } from './ltp/tc.js';
export type { TcColumn, TcRow } from './ltp/tc.js';

// ---- inspection ----
export { listNodes, openPc, openTc, dumpPc, dumpTc } from './inspect.js';
export type { NodeListing, TableDump } from './inspect.js';
export { dataKind } from './kind.js';
export type { DataKind } from './kind.js';
