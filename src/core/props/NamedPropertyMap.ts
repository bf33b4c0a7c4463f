import { GUID } from './guid.js';
import { PROP_ID, PROP_TAG } from './tags.js';
import type { MAPINAMEID, SPropTagArray } from './types.js';
import type { NamesFromIDs } from './interfaces.js';
import { MapiError } from '../errors/MapiError.js';
import { PS_MAPI } from '../generated/guids.js';
import { PT_ERROR, PT_UNSPECIFIED } from '../generated/proptypes.js';
import {
  MAPI_CREATE,
  MAPI_NO_IDS,
  MAPI_NO_STRINGS,
  MNID_ID,
  MNID_STRING,
} from '../generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NO_SUPPORT, MAPI_E_UNKNOWN_FLAGS } from '../generated/scodes.js';

/** First and last identifiers of the named-property range. @see mapi-named-properties.md */
export const NAMED_PROP_ID_MIN = 0x8000;
/** Last identifier a name can map to (0xFFFF is PROP_ID_INVALID). */
export const NAMED_PROP_ID_MAX = 0xfffe;

/** PT_ERROR with identifier zero: the tag getIDsFromNames returns for a name it cannot map. */
const UNMAPPED = PROP_TAG(PT_ERROR, 0);

/** A stable string key for a name: `{guid}#id:<lid>` or `{guid}#str:<name>`. */
export function nameKey(name: MAPINAMEID): string {
  return name.ulKind === MNID_ID ? `${name.lpguid.toString()}#id:${name.lID >>> 0}` : `${name.lpguid.toString()}#str:${name.lpwstrName}`;
}

/** True when `name` is a well-formed MAPINAMEID. */
function isValidName(name: unknown): name is MAPINAMEID {
  if (!name || typeof name !== 'object') return false;
  const n = name as Partial<MAPINAMEID_Loose>;
  if (!(n.lpguid instanceof GUID)) return false;
  if (n.ulKind === MNID_ID) return typeof n.lID === 'number' && Number.isInteger(n.lID);
  if (n.ulKind === MNID_STRING) return typeof n.lpwstrName === 'string';
  return false;
}
interface MAPINAMEID_Loose {
  lpguid: unknown;
  ulKind: unknown;
  lID: unknown;
  lpwstrName: unknown;
}

/** A serialisable copy of a map, for snapshots and persistence. */
export interface NamedPropertyMapSnapshot {
  /** [id, name] pairs in assignment order. */
  entries: [number, MAPINAMEID][];
}

/**
 * The name-to-identifier mapping of one store (or one standalone file): names in property
 * sets map to identifiers 0x8000–0xFFFE, assigned in order on MAPI_CREATE. Names in PS_MAPI
 * map to the ordinary identifier given by their LID (PS_MAPI {lID: 0x0037} is PR_SUBJECT's
 * identifier), as MAPI defines.
 *
 * Every object of a store shares its map, so the same name has the same identifier on every
 * folder and message of the store (imapiprop-getidsfromnames.md, notes to implementers).
 *
 * @see mapi-named-properties.md
 */
export class NamedPropertyMap {
  private readonly byKey = new Map<string, number>();
  private readonly byId = new Map<number, MAPINAMEID>();
  private nextId = NAMED_PROP_ID_MIN;

  /**
   * @param signature PR_MAPPING_SIGNATURE of the objects sharing this map: objects with
   * equal signatures share identifiers, so copies between them keep identifiers as they are.
   * @param limit highest identifier this map hands out (0xFFFE by default; lower it to
   * exercise MAPI_E_NAMED_PROP_QUOTA_EXCEEDED handling).
   */
  constructor(
    readonly signature: Uint8Array,
    private readonly limit = NAMED_PROP_ID_MAX,
  ) {}

  /** Number of names mapped. */
  get size(): number {
    return this.byId.size;
  }

  /** The identifier of a name, mapping it first when `create` is set; undefined when unmapped or out of identifiers. */
  idOf(name: MAPINAMEID, create = false): number | undefined {
    if (name.lpguid.equals(PS_MAPI)) {
      // PS_MAPI names are the ordinary property identifiers, and only MNID_ID names exist there.
      return name.ulKind === MNID_ID && name.lID > 0 && name.lID < NAMED_PROP_ID_MIN ? name.lID : undefined;
    }
    const key = nameKey(name);
    const known = this.byKey.get(key);
    if (known !== undefined || !create) return known;
    if (this.nextId > this.limit) return undefined;
    const id = this.nextId++;
    const copy: MAPINAMEID =
      name.ulKind === MNID_ID
        ? { lpguid: name.lpguid, ulKind: MNID_ID, lID: name.lID >>> 0 }
        : { lpguid: name.lpguid, ulKind: MNID_STRING, lpwstrName: name.lpwstrName };
    this.byKey.set(key, id);
    this.byId.set(id, copy);
    return id;
  }

  /** The name of an identifier: the mapped name for 0x8000+, a PS_MAPI name below. */
  nameOf(id: number): MAPINAMEID | undefined {
    if (id > 0 && id < NAMED_PROP_ID_MIN) return { lpguid: PS_MAPI, ulKind: MNID_ID, lID: id };
    const n = this.byId.get(id);
    return n && (n.ulKind === MNID_ID ? { ...n } : { ...n });
  }

  /** Every mapped identifier with its name, in assignment order. */
  entries(): [number, MAPINAMEID][] {
    return [...this.byId].map(([id, n]) => [id, { ...n }]);
  }

  /**
   * IMAPIProp::GetIDsFromNames over this map. Returns tags of type PT_UNSPECIFIED, or
   * PT_ERROR with identifier zero for names that are unknown (without MAPI_CREATE) or that
   * cannot be mapped.
   * @see imapiprop-getidsfromnames.md
   */
  getIDsFromNames(lpPropNames: MAPINAMEID[] | null, ulFlags: number): SPropTagArray {
    if ((ulFlags & ~MAPI_CREATE) !== 0) throw new MapiError(MAPI_E_UNKNOWN_FLAGS, `getIDsFromNames: unknown flags 0x${(ulFlags >>> 0).toString(16)}`);
    if (lpPropNames === null || lpPropNames === undefined) {
      // imapiprop-getidsfromnames.md: NULL asks for every mapped name; MAPI_CREATE needs names.
      if (ulFlags & MAPI_CREATE) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'getIDsFromNames: MAPI_CREATE needs a list of names');
      return [...this.byId.keys()].map((id) => PROP_TAG(PT_UNSPECIFIED, id));
    }
    if (!Array.isArray(lpPropNames) || lpPropNames.length === 0) {
      throw new MapiError(MAPI_E_INVALID_PARAMETER, 'getIDsFromNames: the name list is empty or not an array');
    }
    if (!lpPropNames.every(isValidName)) {
      throw new MapiError(MAPI_E_INVALID_PARAMETER, 'getIDsFromNames: every name needs a GUID and an MNID_ID lID or an MNID_STRING lpwstrName');
    }
    return lpPropNames.map((name) => {
      const id = this.idOf(name, (ulFlags & MAPI_CREATE) !== 0);
      return id === undefined ? UNMAPPED : PROP_TAG(PT_UNSPECIFIED, id);
    });
  }

  /**
   * IMAPIProp::GetNamesFromIDs over this map. With tags, one name (or null, tag type set
   * to PT_ERROR) per tag, whatever `lpPropSetGuid` says; without tags, every name, limited
   * to `lpPropSetGuid` when given. MAPI_NO_IDS / MAPI_NO_STRINGS filter by kind.
   * @see imapiprop-getnamesfromids.md
   */
  getNamesFromIDs(lpPropTags: SPropTagArray | null, lpPropSetGuid: GUID | null, ulFlags: number): NamesFromIDs {
    if ((ulFlags & ~(MAPI_NO_IDS | MAPI_NO_STRINGS)) !== 0) {
      throw new MapiError(MAPI_E_UNKNOWN_FLAGS, `getNamesFromIDs: unknown flags 0x${(ulFlags >>> 0).toString(16)}`);
    }
    const wanted = (n: MAPINAMEID) =>
      !((ulFlags & MAPI_NO_IDS) && n.ulKind === MNID_ID) && !((ulFlags & MAPI_NO_STRINGS) && n.ulKind === MNID_STRING);
    if (lpPropTags === null || lpPropTags === undefined) {
      const propTags: number[] = [];
      const names: MAPINAMEID[] = [];
      for (const [id, n] of this.byId) {
        if (!wanted(n)) continue;
        if (lpPropSetGuid && !n.lpguid.equals(lpPropSetGuid)) continue;
        propTags.push(PROP_TAG(PT_UNSPECIFIED, id));
        names.push({ ...n });
      }
      return { propTags, names };
    }
    if (!Array.isArray(lpPropTags) || lpPropTags.length === 0) {
      throw new MapiError(MAPI_E_INVALID_PARAMETER, 'getNamesFromIDs: the tag array is empty or not an array');
    }
    const propTags: number[] = [];
    const names: (MAPINAMEID | null)[] = [];
    for (const tag of lpPropTags) {
      const id = PROP_ID(tag);
      const n = id >= NAMED_PROP_ID_MIN ? this.byId.get(id) : this.nameOf(id);
      if (n && wanted(n)) {
        propTags.push(tag >>> 0);
        names.push({ ...n });
      } else {
        propTags.push(PROP_TAG(PT_ERROR, id));
        names.push(null);
      }
    }
    return { propTags, names };
  }

  /** A copy of the mapping for snapshots. */
  snapshot(): NamedPropertyMapSnapshot {
    return { entries: this.entries() };
  }

  /** Replaces the mapping with a snapshot's. */
  restore(s: NamedPropertyMapSnapshot): void {
    this.byKey.clear();
    this.byId.clear();
    this.nextId = NAMED_PROP_ID_MIN;
    for (const [id, n] of s.entries) {
      this.byKey.set(nameKey(n), id);
      this.byId.set(id, { ...n });
      if (id >= this.nextId) this.nextId = id + 1;
    }
  }

  /** Maps a name to a given identifier (used when loading a file's own mapping). */
  assign(id: number, name: MAPINAMEID): void {
    if (id < NAMED_PROP_ID_MIN || id > NAMED_PROP_ID_MAX) throw new MapiError(MAPI_E_INVALID_PARAMETER, `named property id 0x${id.toString(16)} out of range`);
    this.byKey.set(nameKey(name), id);
    this.byId.set(id, { ...name });
    if (id >= this.nextId) this.nextId = id + 1;
  }
}

/** The answer of an object that has no name-to-identifier mapping. */
export function noNamedProps(method: string): never {
  throw new MapiError(MAPI_E_NO_SUPPORT, `${method}: this object does not support named properties`);
}
