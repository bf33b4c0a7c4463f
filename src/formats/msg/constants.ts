/**
 * Names and sizes of the .msg structure ([MS-OXMSG] 2.2, 2.4).
 */
import { GUID } from '../../core/props/guid.js';

/** The property stream of every message, recipient and attachment storage ([MS-OXMSG] 2.4). */
export const PROPS_STREAM = '__properties_version1.0';
/** The named-property mapping storage, top level only ([MS-OXMSG] 2.2.3). */
export const NAMEID_STORAGE = '__nameid_version1.0';
/** Prefix of recipient storages, followed by 8 upper-case hex digits ([MS-OXMSG] 2.2.1). */
export const RECIP_PREFIX = '__recip_version1.0_#';
/** Prefix of attachment storages, followed by 8 upper-case hex digits ([MS-OXMSG] 2.2.2). */
export const ATTACH_PREFIX = '__attach_version1.0_#';
/** Prefix of property value streams: `__substg1.0_` + the tag in 8 upper-case hex digits. */
export const SUBSTG_PREFIX = '__substg1.0_';
/** The GUID stream of the named-property map ([MS-OXMSG] 2.2.3.1.1). */
export const GUID_STREAM = '__substg1.0_00020102';
/** The entry stream ([MS-OXMSG] 2.2.3.1.2). */
export const ENTRY_STREAM = '__substg1.0_00030102';
/** The string stream ([MS-OXMSG] 2.2.3.1.3). */
export const STRING_STREAM = '__substg1.0_00040102';
/** Number of name-to-ID hash bucket streams (0x1000..0x101E, [MS-OXMSG] 2.2.3.2). */
export const BUCKET_COUNT = 0x1f;

/** Property stream header sizes ([MS-OXMSG] 2.4.1). */
export const TOP_HEADER_SIZE = 32;
/** Header of an embedded message's property stream. */
export const EMBEDDED_HEADER_SIZE = 24;
/** Header of a recipient's or attachment's property stream. */
export const SUBOBJECT_HEADER_SIZE = 8;
/** Size of one property entry. */
export const ENTRY_SIZE = 16;

/** PROPATTR_READABLE | PROPATTR_WRITABLE: the flags Outlook writes on ordinary properties ([MS-OXMSG] 2.4.2). */
export const PROPATTR_READ_WRITE = 0x6;

/** GUID index of PS_MAPI in the entry stream ([MS-OXMSG] 2.2.3.1.2). */
export const GUID_INDEX_PS_MAPI = 1;
/** GUID index of PS_PUBLIC_STRINGS. */
export const GUID_INDEX_PS_PUBLIC_STRINGS = 2;
/** First GUID index that points into the GUID stream. */
export const GUID_INDEX_FIRST_STORED = 3;

/** Root CLSID Outlook gives a .msg file: CLSID_MailMessage {00020D0B-0000-0000-C000-000000000046}. */
export const CLSID_MAIL_MESSAGE: GUID = GUID.parse('{00020D0B-0000-0000-C000-000000000046}');
/** Root CLSID of an Outlook template (.oft): {0006F046-0000-0000-C000-000000000046}. */
export const CLSID_OUTLOOK_TEMPLATE: GUID = GUID.parse('{0006F046-0000-0000-C000-000000000046}');

/** Largest nesting of embedded messages read by default. */
export const DEFAULT_MAX_DEPTH = 32;

/** 8 upper-case hex digits. */
export function hex8(n: number): string {
  return (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** The stream (or storage) that holds a property's value: `__substg1.0_TTTTPPPP`. */
export function substgName(tag: number): string {
  return SUBSTG_PREFIX + hex8(tag);
}
