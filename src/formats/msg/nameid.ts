/**
 * The named-property mapping storage `__nameid_version1.0` ([MS-OXMSG] 2.2.3): reading it into
 * a store's {@link NamedPropertyMap}, and building it for a written file.
 */
import { MNID_ID, MNID_STRING } from '../../core/generated/constants.js';
import { PS_INTERNET_HEADERS, PS_MAPI, PS_PUBLIC_STRINGS } from '../../core/generated/guids.js';
import { GUID } from '../../core/props/guid.js';
import { NAMED_PROP_ID_MIN, type NamedPropertyMap } from '../../core/props/NamedPropertyMap.js';
import type { MAPINAMEID } from '../../core/props/types.js';
import type { CfbStorage, CfbStreamNode } from '../cfb/index.js';
import { crc32Rtf } from '../rtf/crc32.js';
import {
  BUCKET_COUNT, ENTRY_STREAM, GUID_INDEX_FIRST_STORED, GUID_INDEX_PS_MAPI, GUID_INDEX_PS_PUBLIC_STRINGS, GUID_STREAM,
  STRING_STREAM, hex8,
} from './constants.js';
import { corruptMsg } from './corrupt.js';
import { decodeUtf16, encodeUtf16 } from './values.js';

/** Entries the entry stream can hold: property IDs 0x8000..0xFFFE. */
const MAX_ENTRIES = 0xfffe - NAMED_PROP_ID_MIN + 1;

function u32(b: Uint8Array, at: number): number {
  return ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) >>> 0;
}

function put32(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = (v >>> 24) & 0xff;
}

/**
 * The names of a file's property IDs 0x8000+ ([MS-OXMSG] 3.2.1), read from the three ID-to-name
 * streams (the hash buckets are only an index and are not needed). Index `i` names property ID
 * 0x8000 + i. A missing storage or stream means no names.
 */
export function readNameIdMap(storage: CfbStorage | undefined): MAPINAMEID[] {
  if (!storage) return [];
  const read = (name: string) => storage.stream(name)?.readAll() ?? new Uint8Array(0);
  const guids = read(GUID_STREAM);
  const entries = read(ENTRY_STREAM);
  const strings = read(STRING_STREAM);
  if (guids.length % 16 !== 0) corruptMsg(`named-property GUID stream of ${guids.length} bytes is not a whole number of GUIDs`);
  if (entries.length % 8 !== 0) corruptMsg(`named-property entry stream of ${entries.length} bytes is not a whole number of 8-byte entries`);
  const count = entries.length / 8;
  if (count > MAX_ENTRIES) corruptMsg(`named-property entry stream holds ${count} entries, more than property IDs 0x8000-0xFFFE allow`);
  const guidCount = guids.length / 16;
  const names: MAPINAMEID[] = [];
  for (let i = 0; i < count; i++) {
    const key = u32(entries, 8 * i);
    const v = u32(entries, 8 * i + 4);
    const kind = v & 1;
    const guidIndex = (v >>> 1) & 0x7fff;
    // [MS-OXMSG] 2.2.3.1.2.1: the property index is the entry's position; we name by position.
    let lpguid: GUID;
    if (guidIndex === GUID_INDEX_PS_MAPI) lpguid = PS_MAPI;
    else if (guidIndex === GUID_INDEX_PS_PUBLIC_STRINGS) lpguid = PS_PUBLIC_STRINGS;
    else if (guidIndex >= GUID_INDEX_FIRST_STORED && guidIndex - GUID_INDEX_FIRST_STORED < guidCount) {
      lpguid = GUID.fromBytes(guids, (guidIndex - GUID_INDEX_FIRST_STORED) * 16);
    } else corruptMsg(`named-property entry ${i} has GUID index ${guidIndex}, outside the ${guidCount} stored GUIDs`);
    if (kind === 0) {
      names.push({ lpguid, ulKind: MNID_ID, lID: key });
    } else {
      if (key + 4 > strings.length) corruptMsg(`named-property entry ${i}: string offset ${key} is past the string stream (${strings.length} bytes)`);
      const len = u32(strings, key);
      if (len > strings.length - key - 4 || len % 2 !== 0) corruptMsg(`named-property entry ${i}: string of ${len} bytes at ${key} does not fit the string stream`);
      names.push({ lpguid, ulKind: MNID_STRING, lpwstrName: decodeUtf16(strings.subarray(key + 4, key + 4 + len)) });
    }
  }
  return names;
}

/**
 * Maps a file's names into a store's map: `result[i]` is the store's identifier for file ID
 * 0x8000 + i, or undefined when the store's map is out of identifiers.
 */
export function mapFileNames(fileNames: readonly MAPINAMEID[], names: NamedPropertyMap): (number | undefined)[] {
  // A PS_MAPI name maps to the ordinary ID of its LID (NamedPropertyMap.idOf does that).
  return fileNames.map((n) => names.idOf(n, true));
}

/** The name-to-ID map of a file being written. */
export class NameIdWriter {
  private readonly byStoreId = new Map<number, number>();
  private readonly list: MAPINAMEID[] = [];

  constructor(private readonly names: NamedPropertyMap) {}

  /** The file's property ID for a store identifier 0x8000+, or undefined when the store has no name for it. */
  fileId(storeId: number): number | undefined {
    const known = this.byStoreId.get(storeId);
    if (known !== undefined) return known;
    const name = this.names.nameOf(storeId);
    if (!name || this.list.length >= MAX_ENTRIES) return undefined;
    const id = NAMED_PROP_ID_MIN + this.list.length;
    this.list.push(name);
    this.byStoreId.set(storeId, id);
    return id;
  }

  /** The streams of `__nameid_version1.0`: GUID, entry and string streams, and the non-empty bucket streams. */
  streams(): CfbStreamNode[] {
    const guidList: GUID[] = [];
    const guidIndex = (g: GUID): number => {
      if (g.equals(PS_MAPI)) return GUID_INDEX_PS_MAPI;
      if (g.equals(PS_PUBLIC_STRINGS)) return GUID_INDEX_PS_PUBLIC_STRINGS;
      let i = guidList.findIndex((x) => x.equals(g));
      if (i < 0) i = guidList.push(g) - 1;
      return i + GUID_INDEX_FIRST_STORED;
    };
    const entries = new Uint8Array(8 * this.list.length);
    const stringParts: Uint8Array[] = [];
    let stringLen = 0;
    const buckets: number[][] = Array.from({ length: BUCKET_COUNT }, () => []);
    this.list.forEach((n, i) => {
      const gi = guidIndex(n.lpguid);
      let key: number;
      let hashKey: number;
      if (n.ulKind === MNID_ID) {
        key = n.lID >>> 0;
        hashKey = key;
      } else {
        const utf16 = encodeUtf16(n.lpwstrName);
        key = stringLen;
        const padded = new Uint8Array(4 + ((utf16.length + 3) & ~3));
        put32(padded, 0, utf16.length);
        padded.set(utf16, 4);
        stringParts.push(padded);
        stringLen += padded.length;
        // [MS-OXMSG] 2.2.3.2.2.1 footnote <1>: Outlook lower-cases PS_INTERNET_HEADERS names before hashing.
        const hashed = n.lpguid.equals(PS_INTERNET_HEADERS) ? encodeUtf16(n.lpwstrName.toLowerCase()) : utf16;
        hashKey = crc32Rtf(hashed);
      }
      const kind = n.ulKind === MNID_ID ? 0 : 1;
      const indexAndKind = ((i << 16) | (gi << 1) | kind) >>> 0;
      put32(entries, 8 * i, key);
      put32(entries, 8 * i + 4, indexAndKind);
      const bucket = ((hashKey ^ ((gi << 1) | kind)) >>> 0) % BUCKET_COUNT;
      (buckets[bucket] as number[]).push(hashKey, indexAndKind);
    });
    const guids = new Uint8Array(16 * guidList.length);
    guidList.forEach((g, i) => guids.set(g.bytes, 16 * i));
    const strings = new Uint8Array(stringLen);
    let at = 0;
    for (const p of stringParts) {
      strings.set(p, at);
      at += p.length;
    }
    const out: CfbStreamNode[] = [
      { kind: 'stream', name: GUID_STREAM, data: guids },
      { kind: 'stream', name: ENTRY_STREAM, data: entries },
      { kind: 'stream', name: STRING_STREAM, data: strings },
    ];
    buckets.forEach((b, i) => {
      if (b.length === 0) return;
      const data = new Uint8Array(4 * b.length);
      b.forEach((v, k) => put32(data, 4 * k, v));
      out.push({ kind: 'stream', name: `__substg1.0_${hex8((((0x1000 + i) << 16) | 0x0102) >>> 0)}`, data });
    });
    return out;
  }
}
