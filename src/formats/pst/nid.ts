// [MS-PST] 2.2.2.1 NID: nidType in the low 5 bits, nidIndex in the 27 above. These are file
// format values, not MAPI SDK constants, so they are defined here with their spec section.

/** [MS-PST] 2.2.2.1 nidType HID (0x00). */
export const NID_TYPE_HID = 0x00;
/** [MS-PST] 2.2.2.1 nidType INTERNAL (0x01). */
export const NID_TYPE_INTERNAL = 0x01;
/** [MS-PST] 2.2.2.1 nidType NORMAL_FOLDER (0x02). */
export const NID_TYPE_NORMAL_FOLDER = 0x02;
/** [MS-PST] 2.2.2.1 nidType SEARCH_FOLDER (0x03). */
export const NID_TYPE_SEARCH_FOLDER = 0x03;
/** [MS-PST] 2.2.2.1 nidType NORMAL_MESSAGE (0x04). */
export const NID_TYPE_NORMAL_MESSAGE = 0x04;
/** [MS-PST] 2.2.2.1 nidType ATTACHMENT (0x05). */
export const NID_TYPE_ATTACHMENT = 0x05;
/** [MS-PST] 2.2.2.1 nidType SEARCH_UPDATE_QUEUE (0x06). */
export const NID_TYPE_SEARCH_UPDATE_QUEUE = 0x06;
/** [MS-PST] 2.2.2.1 nidType SEARCH_CRITERIA_OBJECT (0x07). */
export const NID_TYPE_SEARCH_CRITERIA_OBJECT = 0x07;
/** [MS-PST] 2.2.2.1 nidType ASSOC_MESSAGE (0x08). */
export const NID_TYPE_ASSOC_MESSAGE = 0x08;
/** [MS-PST] 2.2.2.1 nidType CONTENTS_TABLE_INDEX (0x0a). */
export const NID_TYPE_CONTENTS_TABLE_INDEX = 0x0a;
/** [MS-PST] 2.2.2.1 nidType RECEIVE_FOLDER_TABLE (0x0b). */
export const NID_TYPE_RECEIVE_FOLDER_TABLE = 0x0b;
/** [MS-PST] 2.2.2.1 nidType OUTGOING_QUEUE_TABLE (0x0c). */
export const NID_TYPE_OUTGOING_QUEUE_TABLE = 0x0c;
/** [MS-PST] 2.2.2.1 nidType HIERARCHY_TABLE (0x0d). */
export const NID_TYPE_HIERARCHY_TABLE = 0x0d;
/** [MS-PST] 2.2.2.1 nidType CONTENTS_TABLE (0x0e). */
export const NID_TYPE_CONTENTS_TABLE = 0x0e;
/** [MS-PST] 2.2.2.1 nidType ASSOC_CONTENTS_TABLE (0x0f). */
export const NID_TYPE_ASSOC_CONTENTS_TABLE = 0x0f;
/** [MS-PST] 2.2.2.1 nidType SEARCH_CONTENTS_TABLE (0x10). */
export const NID_TYPE_SEARCH_CONTENTS_TABLE = 0x10;
/** [MS-PST] 2.2.2.1 nidType ATTACHMENT_TABLE (0x11). */
export const NID_TYPE_ATTACHMENT_TABLE = 0x11;
/** [MS-PST] 2.2.2.1 nidType RECIPIENT_TABLE (0x12). */
export const NID_TYPE_RECIPIENT_TABLE = 0x12;
/** [MS-PST] 2.2.2.1 nidType SEARCH_TABLE_INDEX (0x13). */
export const NID_TYPE_SEARCH_TABLE_INDEX = 0x13;
/** [MS-PST] 2.2.2.1 nidType LTP (0x1f). */
export const NID_TYPE_LTP = 0x1f;

/** [MS-PST] 2.4.1 special NID MESSAGE_STORE (0x21). */
export const NID_MESSAGE_STORE = 0x21;
/** [MS-PST] 2.4.1 special NID NAME_TO_ID_MAP (0x61). */
export const NID_NAME_TO_ID_MAP = 0x61;
/** [MS-PST] 2.4.1 special NID NORMAL_FOLDER_TEMPLATE (0xa1). */
export const NID_NORMAL_FOLDER_TEMPLATE = 0xa1;
/** [MS-PST] 2.4.1 special NID SEARCH_FOLDER_TEMPLATE (0xc1). */
export const NID_SEARCH_FOLDER_TEMPLATE = 0xc1;
/** [MS-PST] 2.4.1 special NID ROOT_FOLDER (0x122). */
export const NID_ROOT_FOLDER = 0x122;
/** [MS-PST] 2.4.1 special NID SEARCH_MANAGEMENT_QUEUE (0x1e1). */
export const NID_SEARCH_MANAGEMENT_QUEUE = 0x1e1;
/** [MS-PST] 2.4.1 special NID SEARCH_ACTIVITY_LIST (0x201). */
export const NID_SEARCH_ACTIVITY_LIST = 0x201;
/** [MS-PST] 2.4.1 special NID RESERVED1 (0x241). */
export const NID_RESERVED1 = 0x241;
/** [MS-PST] 2.4.1 special NID SEARCH_DOMAIN_OBJECT (0x261). */
export const NID_SEARCH_DOMAIN_OBJECT = 0x261;
/** [MS-PST] 2.4.1 special NID SEARCH_GATHERER_QUEUE (0x281). */
export const NID_SEARCH_GATHERER_QUEUE = 0x281;
/** [MS-PST] 2.4.1 special NID SEARCH_GATHERER_DESCRIPTOR (0x2a1). */
export const NID_SEARCH_GATHERER_DESCRIPTOR = 0x2a1;
/** [MS-PST] 2.4.1 special NID RESERVED2 (0x2e1). */
export const NID_RESERVED2 = 0x2e1;
/** [MS-PST] 2.4.1 special NID RESERVED3 (0x301). */
export const NID_RESERVED3 = 0x301;
/** [MS-PST] 2.4.1 special NID SEARCH_GATHERER_FOLDER_QUEUE (0x321). */
export const NID_SEARCH_GATHERER_FOLDER_QUEUE = 0x321;
/** [MS-PST] 2.4.1 special NID HIERARCHY_TABLE_TEMPLATE (0x60d). */
export const NID_HIERARCHY_TABLE_TEMPLATE = 0x60d;
/** [MS-PST] 2.4.1 special NID CONTENTS_TABLE_TEMPLATE (0x60e). */
export const NID_CONTENTS_TABLE_TEMPLATE = 0x60e;
/** [MS-PST] 2.4.1 special NID ASSOC_CONTENTS_TABLE_TEMPLATE (0x60f). */
export const NID_ASSOC_CONTENTS_TABLE_TEMPLATE = 0x60f;
/** [MS-PST] 2.4.1 special NID SEARCH_CONTENTS_TABLE_TEMPLATE (0x610). */
export const NID_SEARCH_CONTENTS_TABLE_TEMPLATE = 0x610;
/** [MS-PST] 2.4.1 special NID ATTACHMENT_TABLE (0x671). */
export const NID_ATTACHMENT_TABLE = 0x671;
/** [MS-PST] 2.4.1 special NID RECIPIENT_TABLE (0x692). */
export const NID_RECIPIENT_TABLE = 0x692;

const TYPE_NAMES: Readonly<Record<number, string>> = {
  [NID_TYPE_HID]: 'HID',
  [NID_TYPE_INTERNAL]: 'INTERNAL',
  [NID_TYPE_NORMAL_FOLDER]: 'NORMAL_FOLDER',
  [NID_TYPE_SEARCH_FOLDER]: 'SEARCH_FOLDER',
  [NID_TYPE_NORMAL_MESSAGE]: 'NORMAL_MESSAGE',
  [NID_TYPE_ATTACHMENT]: 'ATTACHMENT',
  [NID_TYPE_SEARCH_UPDATE_QUEUE]: 'SEARCH_UPDATE_QUEUE',
  [NID_TYPE_SEARCH_CRITERIA_OBJECT]: 'SEARCH_CRITERIA_OBJECT',
  [NID_TYPE_ASSOC_MESSAGE]: 'ASSOC_MESSAGE',
  [NID_TYPE_CONTENTS_TABLE_INDEX]: 'CONTENTS_TABLE_INDEX',
  [NID_TYPE_RECEIVE_FOLDER_TABLE]: 'RECEIVE_FOLDER_TABLE',
  [NID_TYPE_OUTGOING_QUEUE_TABLE]: 'OUTGOING_QUEUE_TABLE',
  [NID_TYPE_HIERARCHY_TABLE]: 'HIERARCHY_TABLE',
  [NID_TYPE_CONTENTS_TABLE]: 'CONTENTS_TABLE',
  [NID_TYPE_ASSOC_CONTENTS_TABLE]: 'ASSOC_CONTENTS_TABLE',
  [NID_TYPE_SEARCH_CONTENTS_TABLE]: 'SEARCH_CONTENTS_TABLE',
  [NID_TYPE_ATTACHMENT_TABLE]: 'ATTACHMENT_TABLE',
  [NID_TYPE_RECIPIENT_TABLE]: 'RECIPIENT_TABLE',
  [NID_TYPE_SEARCH_TABLE_INDEX]: 'SEARCH_TABLE_INDEX',
  [NID_TYPE_LTP]: 'LTP',
};

/** The nidType (low 5 bits) of a NID. */
export function nidType(nid: number): number {
  return nid & 0x1f;
}

/** The nidIndex (high 27 bits) of a NID. */
export function nidIndex(nid: number): number {
  return nid >>> 5;
}

/** Builds a NID from a type and an index. */
export function makeNid(type: number, index: number): number {
  return ((index << 5) | (type & 0x1f)) >>> 0;
}

/**
 * The spec name of a nidType (`NORMAL_FOLDER`), or `UNKNOWN_0x16` for the undocumented types
 * Outlook also writes (0x16–0x18); readers must not reject those.
 */
export function nidTypeName(type: number): string {
  return TYPE_NAMES[type] ?? `UNKNOWN_0x${type.toString(16).toUpperCase()}`;
}

/**
 * The NID of one of a folder's companion nodes: its hierarchy, contents or FAI contents table
 * shares the folder's nidIndex ([MS-PST] 2.4.4).
 */
export function companionNid(folderNid: number, type: number): number {
  return makeNid(type, nidIndex(folderNid));
}
