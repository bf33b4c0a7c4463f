import { MapiUnknown } from './MapiUnknown.js';
import { GUID as GUIDClass, type GUID } from './guid.js';
import type { IMAPIProgress, IMAPIProp, IUnknown, NamesFromIDs } from './interfaces.js';
import type { MAPINAMEID, SPropProblemArray, SPropTagArray, SPropValue } from './types.js';
import { NamedPropertyMap, noNamedProps } from './NamedPropertyMap.js';
import { PROP_ID, PROP_TAG, PROP_TYPE, CHANGE_PROP_TYPE, isMultiValuedType, tagHex } from './tags.js';
import { isKnownPropType, isValidPropValue } from './values.js';
import { canonicalValue, readAs, streamBytesToValue, streamSize, valueToStreamBytes } from './convert.js';
import { PropertyStream } from './PropertyStream.js';
import { copyPropsBetween } from './copy.js';
import { MapiError } from '../errors/MapiError.js';
import {
  PT_BINARY,
  PT_ERROR,
  PT_NULL,
  PT_OBJECT,
  PT_STRING8,
  PT_UNICODE,
  PT_UNSPECIFIED,
} from '../generated/proptypes.js';
import { PR_MAPPING_SIGNATURE, PR_NULL, PR_OBJECT_TYPE } from '../generated/proptags.js';
import {
  FORCE_SAVE,
  KEEP_OPEN_READONLY,
  KEEP_OPEN_READWRITE,
  MAPI_BEST_ACCESS,
  MAPI_CREATE,
  MAPI_DEFERRED_ERRORS,
  MAPI_MODIFY,
  MAPI_NO_IDS,
  MAPI_NO_STRINGS,
  MAPI_UNICODE,
  NON_EMS_XP_SAVE,
  SPAMFILTER_ONSAVE,
} from '../generated/constants.js';
import {
  MAPI_E_COMPUTED,
  MAPI_E_INTERFACE_NOT_SUPPORTED,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_INVALID_TYPE,
  MAPI_E_NO_ACCESS,
  MAPI_E_NO_SUPPORT,
  MAPI_E_NOT_ENOUGH_MEMORY,
  MAPI_E_NOT_FOUND,
  MAPI_E_UNKNOWN_FLAGS,
} from '../generated/scodes.js';
import { IID_IStorage, IID_IStream, IID_IStreamDocfile, IID_IMAPIProp } from '../generated/guids.js';

/** How an object behaves: transactions, access, named properties, code page, value limits. */
export interface MapiPropOptions {
  /** Transacted objects (messages, attachments) keep changes until saveChanges; others apply them at once. */
  transacted: boolean;
  /** False for objects opened read-only: every change rejects with MAPI_E_NO_ACCESS. */
  writable: boolean;
  /** The store's name-to-identifier map; null when the object has no named properties (MAPI_E_NO_SUPPORT). */
  namedProps: NamedPropertyMap | null;
  /**
   * getProps returns PT_ERROR/MAPI_E_NOT_ENOUGH_MEMORY for string and binary values of at
   * least this many bytes, which must then be read through openProperty(IID_IStream)
   * (imapiprop-getprops.md: "typically ... 4 KB or larger"). Infinity: no limit.
   */
  largeValueLimit: number;
  /** Code page for PT_UNICODE → PT_STRING8 conversions (CP_ACP of the emulated machine). */
  codePage: () => number;
}

const SAVE_FLAGS = KEEP_OPEN_READONLY | KEEP_OPEN_READWRITE | FORCE_SAVE | MAPI_DEFERRED_ERRORS | SPAMFILTER_ONSAVE | NON_EMS_XP_SAVE;
const OPEN_PROPERTY_FLAGS = MAPI_CREATE | MAPI_MODIFY | MAPI_DEFERRED_ERRORS | MAPI_BEST_ACCESS;

/** Default options: an immediate, writable object with no named properties and no value limit. */
export const defaultPropOptions: MapiPropOptions = {
  transacted: false,
  writable: true,
  namedProps: null,
  largeValueLimit: Number.POSITIVE_INFINITY,
  codePage: () => 1252,
};

/** A short, never-throwing description of a caller's argument for error messages. */
export function describeArg(x: unknown): string {
  if (x === null || x === undefined || typeof x !== 'object') return typeof x === 'string' ? JSON.stringify(x) : String(x);
  return Array.isArray(x) ? `an array of ${x.length}` : 'an object';
}

/** True for a GUID instance (interface IDs, property sets). */
export function isGuid(x: unknown): x is GUID {
  return x instanceof GUIDClass;
}

function checkGuidList(method: string, list: unknown): void {
  if (list === null || list === undefined) return;
  if (!Array.isArray(list) || !list.every(isGuid)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: the interface list must be an array of GUIDs or null`);
}

export function checkTagArray(method: string, tags: unknown, allowNull: boolean): asserts tags is SPropTagArray {
  if (tags === null || tags === undefined) {
    if (allowNull) return;
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: the property tag array must not be null`);
  }
  if (!Array.isArray(tags) || tags.length === 0) {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: the property tag array must be a non-empty array (cValues 0 is invalid)`);
  }
  for (const t of tags) {
    if (typeof t !== 'number' || !Number.isInteger(t)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: ${describeArg(t)} is not a property tag`);
  }
}

export function checkFlags(method: string, flags: unknown, allowed: number): number {
  if (flags === undefined || flags === null) return 0;
  if (typeof flags !== 'number' || !Number.isInteger(flags)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: flags must be a number`);
  if ((flags & ~allowed) !== 0) throw new MapiError(MAPI_E_UNKNOWN_FLAGS, `${method}: unknown flags 0x${((flags & ~allowed) >>> 0).toString(16)}`);
  return flags >>> 0;
}

/**
 * The IMAPIProp implementation every emulated object builds on: property values keyed by
 * identifier, getProps/setProps/deleteProps/getPropList with MAPI's rules for types,
 * strings, errors and problems, property streams, named properties, copyTo/copyProps and
 * the transaction model. Subclasses add computed properties, subobjects and the commit.
 *
 * @see imapipropiunknown.md
 */
export abstract class MapiProp extends MapiUnknown implements IMAPIProp {
  /** Property values by identifier: the shared map of an immediate object, or this handle's own copy of a transacted one. */
  protected values: Map<number, SPropValue>;
  /** Behaviour switches. */
  protected opts: MapiPropOptions;
  /** True when a transacted object has changes saveChanges has not committed. */
  protected modified = false;
  /** Object type reported as PR_OBJECT_TYPE (MAPI_MESSAGE, MAPI_FOLDER, ...). */
  protected abstract readonly objectType: number;

  constructor(values: Map<number, SPropValue>, opts: Partial<MapiPropOptions> = {}) {
    super();
    this.values = values;
    this.opts = { ...defaultPropOptions, ...opts };
  }

  // ---------------------------------------------------------------- hooks for subclasses

  /** A computed property's value, or undefined when `id` is not computed here. PR_OBJECT_TYPE and PR_MAPPING_SIGNATURE by default. */
  protected computeProp(id: number): SPropValue | undefined {
    if (id === PROP_ID(PR_OBJECT_TYPE)) return { ulPropTag: PR_OBJECT_TYPE, Value: this.objectType };
    if (id === PROP_ID(PR_MAPPING_SIGNATURE) && this.opts.namedProps) {
      return { ulPropTag: PR_MAPPING_SIGNATURE, Value: Uint8Array.from(this.opts.namedProps.signature) };
    }
    return undefined;
  }

  /** Identifiers computeProp answers for, listed by getPropList and getProps(null). */
  protected computedIds(): number[] {
    return this.opts.namedProps ? [PROP_ID(PR_OBJECT_TYPE), PROP_ID(PR_MAPPING_SIGNATURE)] : [PROP_ID(PR_OBJECT_TYPE)];
  }

  /** The problem setting or deleting `tag` has (MAPI_E_COMPUTED for computed properties), or undefined. */
  protected writeProblem(tag: number): number | undefined {
    return this.computedIds().includes(PROP_ID(tag)) ? MAPI_E_COMPUTED : undefined;
  }

  /** PT_OBJECT tags of this object's subobjects (PR_MESSAGE_RECIPIENTS, ...), listed by getPropList. */
  protected objectPropTags(): number[] {
    return [];
  }

  /** Opens a subobject property (IID_IMessage on PR_ATTACH_DATA_OBJ, IID_IMAPITable on PR_CONTAINER_CONTENTS, ...); undefined when not handled. */
  protected openSubobject(_tag: number, _iid: GUID, _options: number, _flags: number): Promise<IUnknown | undefined> {
    return Promise.resolve(undefined);
  }

  /** Copies subobjects (recipients, attachments, folder contents) named by `ids` to `dest`; returns problems. */
  protected copySubobjects(_dest: IMAPIProp, _ids: Set<number>, _flags: number): Promise<SPropProblemArray> {
    return Promise.resolve([]);
  }

  /** Rejects copies that MAPI forbids before any work is done (MAPI_E_FOLDER_CYCLE for a folder into its own subtree). */
  protected checkCopyTarget(_dest: IMAPIProp, _flags: number): Promise<void> {
    return Promise.resolve();
  }

  /** Commits a transacted object (writes `values` to the store); the base only clears the modified flag. */
  protected commit(_flags: number): Promise<void> {
    return Promise.resolve();
  }

  /** Called after an immediate object's properties changed (notifications); `ids` are the identifiers touched. */
  protected onChanged(_ids: number[]): void {}

  /** Throws MAPI_E_NO_ACCESS when the object is read-only. */
  protected checkWritable(method: string): void {
    if (!this.opts.writable) throw new MapiError(MAPI_E_NO_ACCESS, `${this.interfaceName}.${method}: the object is read-only (open it with MAPI_MODIFY)`);
  }

  /** Records a change: transacted objects remember it for saveChanges, immediate ones notify. */
  protected touched(ids: number[]): void {
    if (this.opts.transacted) this.modified = true;
    else if (ids.length) this.onChanged(ids);
  }

  /** The stored value of an identifier (not computed ones). */
  protected stored(id: number): SPropValue | undefined {
    return this.values.get(id);
  }

  /** The value of an identifier as the object presents it: computed first, then stored. */
  protected current(id: number): SPropValue | undefined {
    return this.computeProp(id) ?? this.values.get(id);
  }

  // ---------------------------------------------------------------- IMAPIProp

  getProps(lpPropTagArray: SPropTagArray | null, ulFlags = 0): Promise<SPropValue[]> {
    return this.invoke('getProps', [lpPropTagArray, ulFlags], () => {
      checkTagArray('getProps', lpPropTagArray, true);
      const flags = checkFlags('getProps', ulFlags, MAPI_UNICODE);
      const unicode = (flags & MAPI_UNICODE) !== 0;
      if (!lpPropTagArray) {
        return this.allIds().map((id) => this.readOne(PROP_TAG(PT_UNSPECIFIED, id), unicode));
      }
      return lpPropTagArray.map((tag) => this.readOne(tag >>> 0, unicode));
    });
  }

  /** Every identifier the object has, computed ones included, in ascending order. */
  private allIds(): number[] {
    const ids = new Set<number>(this.values.keys());
    for (const id of this.computedIds()) if (this.computeProp(id)) ids.add(id);
    return [...ids].sort((a, b) => a - b);
  }

  /** One getProps answer for one requested tag. */
  private readOne(tag: number, unicode: boolean): SPropValue {
    const id = PROP_ID(tag);
    const type = PROP_TYPE(tag);
    const error = (scode: number): SPropValue => ({ ulPropTag: PROP_TAG(PT_ERROR, id), Value: scode });
    // imapiprop-getprops.md: PT_OBJECT properties are opened with OpenProperty, not read.
    if (type === PT_OBJECT || type === PT_ERROR || type === PT_NULL || tag === PR_NULL) return error(MAPI_E_NOT_FOUND);
    const computed = this.computeProp(id);
    const value = computed ?? this.values.get(id);
    if (!value) return error(MAPI_E_NOT_FOUND);
    const out = readAs(value, type, unicode, this.opts.codePage());
    if (!out) return error(MAPI_E_NOT_FOUND);
    if (!computed && Number.isFinite(this.opts.largeValueLimit) && streamSize(out, this.opts.codePage()) >= this.opts.largeValueLimit) {
      return error(MAPI_E_NOT_ENOUGH_MEMORY);
    }
    return out;
  }

  getPropList(ulFlags = 0): Promise<SPropTagArray> {
    return this.invoke('getPropList', [ulFlags], () => {
      const unicode = (checkFlags('getPropList', ulFlags, MAPI_UNICODE) & MAPI_UNICODE) !== 0;
      const tags = this.allIds().map((id) => {
        const v = this.current(id) as SPropValue;
        return readAs(v, PT_UNSPECIFIED, unicode, this.opts.codePage())?.ulPropTag ?? v.ulPropTag;
      });
      return [...tags, ...this.objectPropTags()];
    });
  }

  setProps(lpPropArray: SPropValue[]): Promise<SPropProblemArray> {
    return this.invoke('setProps', [lpPropArray], () => {
      if (!Array.isArray(lpPropArray) || lpPropArray.length === 0) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'setProps: the value array must be a non-empty array (cValues 0 is invalid)');
      }
      // Argument validation comes first, as MAPI's parameter checking does (imapiprop-setprops.md).
      lpPropArray.forEach((p, i) => {
        if (!p || typeof p !== 'object' || typeof p.ulPropTag !== 'number') {
          throw new MapiError(MAPI_E_INVALID_PARAMETER, `setProps: entry ${i} is not an SPropValue`);
        }
        const type = PROP_TYPE(p.ulPropTag);
        if (p.ulPropTag === PR_NULL || type === PT_ERROR) return;
        if (type === PT_OBJECT) throw new MapiError(MAPI_E_INVALID_PARAMETER, `setProps: ${tagHex(p.ulPropTag)} is PT_OBJECT; open it with openProperty`);
        if (type === PT_NULL || type === PT_UNSPECIFIED) throw new MapiError(MAPI_E_INVALID_PARAMETER, `setProps: ${tagHex(p.ulPropTag)} has no settable type`);
        if (isMultiValuedType(type) && Array.isArray(p.Value) && p.Value.length === 0) {
          throw new MapiError(MAPI_E_INVALID_PARAMETER, `setProps: multi-valued ${tagHex(p.ulPropTag)} has no values`);
        }
        if (isKnownPropType(type) && !isValidPropValue(p)) {
          throw new MapiError(MAPI_E_INVALID_PARAMETER, `setProps: the value of ${tagHex(p.ulPropTag)} does not match its type`);
        }
      });
      this.checkWritable('setProps');
      const problems: SPropProblemArray = [];
      const ids: number[] = [];
      lpPropArray.forEach((p, i) => {
        const type = PROP_TYPE(p.ulPropTag);
        if (p.ulPropTag === PR_NULL || type === PT_ERROR) return; // imapiprop-setprops.md: ignored, no problem
        if (!isKnownPropType(type)) {
          problems.push({ ulIndex: i, ulPropTag: p.ulPropTag >>> 0, scode: MAPI_E_INVALID_TYPE });
          return;
        }
        const problem = this.writeProblem(p.ulPropTag);
        if (problem !== undefined) {
          problems.push({ ulIndex: i, ulPropTag: p.ulPropTag >>> 0, scode: problem });
          return;
        }
        // A new value replaces whatever was stored under the identifier, of any type.
        this.values.set(PROP_ID(p.ulPropTag), canonicalValue(p));
        ids.push(PROP_ID(p.ulPropTag));
      });
      this.touched(ids);
      return problems;
    });
  }

  deleteProps(lpPropTagArray: SPropTagArray): Promise<SPropProblemArray> {
    return this.invoke('deleteProps', [lpPropTagArray], () => {
      checkTagArray('deleteProps', lpPropTagArray, false);
      this.checkWritable('deleteProps');
      const problems: SPropProblemArray = [];
      const ids: number[] = [];
      lpPropTagArray.forEach((tag, i) => {
        const problem = this.writeProblem(tag);
        if (problem !== undefined) {
          problems.push({ ulIndex: i, ulPropTag: tag >>> 0, scode: problem });
          return;
        }
        // imapiprop-deleteprops.md: only identifiers matter; deleting an absent property is not a problem.
        if (this.values.delete(PROP_ID(tag))) ids.push(PROP_ID(tag));
      });
      this.touched(ids);
      return problems;
    });
  }

  saveChanges(ulFlags = 0): Promise<void> {
    return this.invoke('saveChanges', [ulFlags], async () => {
      const flags = checkFlags('saveChanges', ulFlags, SAVE_FLAGS);
      if ((flags & KEEP_OPEN_READONLY) && (flags & KEEP_OPEN_READWRITE)) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'saveChanges: KEEP_OPEN_READONLY and KEEP_OPEN_READWRITE exclude each other');
      }
      // imapiprop-savechanges.md: objects that are not transacted apply changes at once; SaveChanges has nothing to do.
      if (!this.opts.transacted) return;
      this.checkWritable('saveChanges');
      await this.commit(flags);
      this.modified = false;
      if (!(flags & KEEP_OPEN_READWRITE)) this.opts = { ...this.opts, writable: false };
    });
  }

  openProperty<T extends IUnknown = IUnknown>(ulPropTag: number, lpiid: GUID, ulInterfaceOptions: number, ulFlags: number): Promise<T> {
    return this.invoke('openProperty', [ulPropTag, lpiid, ulInterfaceOptions, ulFlags], async () => {
      if (typeof ulPropTag !== 'number' || !isGuid(lpiid)) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'openProperty: a property tag and an interface ID are required');
      }
      // imapiprop-openproperty.md: the tag must carry a type.
      if (PROP_TYPE(ulPropTag) === PT_UNSPECIFIED) throw new MapiError(MAPI_E_INVALID_PARAMETER, `openProperty: ${tagHex(ulPropTag)} has type PT_UNSPECIFIED`);
      const flags = checkFlags('openProperty', ulFlags, OPEN_PROPERTY_FLAGS);
      if (flags & (MAPI_MODIFY | MAPI_CREATE)) this.checkWritable('openProperty');
      const sub = await this.openSubobject(ulPropTag >>> 0, lpiid, ulInterfaceOptions, flags);
      if (sub) return sub as T;
      if (lpiid.equals(IID_IStream) || lpiid.equals(IID_IStreamDocfile)) return this.openStream(ulPropTag >>> 0, flags) as unknown as T;
      if (lpiid.equals(IID_IStorage)) throw new MapiError(MAPI_E_NO_SUPPORT, `openProperty: IStorage access to ${tagHex(ulPropTag)} is not supported`);
      throw new MapiError(MAPI_E_INTERFACE_NOT_SUPPORTED, `openProperty: ${tagHex(ulPropTag)} cannot be opened as ${lpiid.toString()}`);
    });
  }

  /** An IStream over a string or binary property. */
  private openStream(tag: number, flags: number): PropertyStream {
    const type = PROP_TYPE(tag);
    const id = PROP_ID(tag);
    if (type !== PT_BINARY && type !== PT_STRING8 && type !== PT_UNICODE) {
      throw new MapiError(MAPI_E_NO_SUPPORT, `openProperty: ${tagHex(tag)} is not a string or binary property, so it has no stream`);
    }
    const writable = (flags & (MAPI_MODIFY | MAPI_CREATE)) !== 0;
    const cp = () => this.opts.codePage();
    const backing = {
      name: tagHex(tag),
      load: (): Uint8Array => {
        const v = this.current(id);
        const as = v && readAs(v, type, true, cp());
        return as ? valueToStreamBytes(as.Value, type, cp()) : new Uint8Array(0);
      },
      store: (bytes: Uint8Array): void => {
        this.values.set(id, { ulPropTag: tag, Value: streamBytesToValue(bytes, type, cp()) });
        this.touched([id]);
      },
    };
    if (this.computeProp(id) && writable) throw new MapiError(MAPI_E_NO_ACCESS, `openProperty: ${tagHex(tag)} is computed and cannot be written`);
    const exists = this.current(id) !== undefined && readAs(this.current(id) as SPropValue, type, true, cp()) !== undefined;
    let stream: PropertyStream;
    if (flags & MAPI_CREATE) stream = PropertyStream.createEmpty(backing);
    else if (!exists) throw new MapiError(MAPI_E_NOT_FOUND, `openProperty: ${tagHex(tag)} does not exist (pass MAPI_CREATE to create it)`);
    else stream = new PropertyStream(backing, writable);
    stream.interceptor = this.interceptor;
    return stream;
  }

  copyTo(
    rgiidExclude: GUID[] | null,
    lpExcludeProps: SPropTagArray | null,
    lpProgress: IMAPIProgress | null,
    lpInterface: GUID,
    lpDestObj: IMAPIProp,
    ulFlags: number,
  ): Promise<SPropProblemArray> {
    return this.invoke('copyTo', [rgiidExclude, lpExcludeProps, lpProgress, lpInterface, lpDestObj, ulFlags], () => {
      checkGuidList('copyTo', rgiidExclude);
      if (lpExcludeProps !== null && lpExcludeProps !== undefined) {
        checkTagArray('copyTo', lpExcludeProps, false);
        if (lpExcludeProps.some((t) => t === PR_NULL)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'copyTo: PR_NULL cannot be excluded');
      }
      if (rgiidExclude && (rgiidExclude.some((i) => i.equals(IID_IMAPIProp)) || (isGuid(lpInterface) && rgiidExclude.some((i) => i.equals(lpInterface))))) {
        throw new MapiError(MAPI_E_INTERFACE_NOT_SUPPORTED, 'copyTo: every interface the copy could use is excluded');
      }
      const excluded = new Set((lpExcludeProps ?? []).map(PROP_ID));
      const ids = this.copyableIds().filter((id) => !excluded.has(id));
      const subs = new Set(this.objectPropTags().map(PROP_ID).filter((id) => !excluded.has(id)));
      return copyPropsBetween(this.copySource(), 'copyTo', ids, subs, lpInterface, lpDestObj, ulFlags, lpProgress);
    });
  }

  copyProps(
    lpIncludeProps: SPropTagArray,
    lpProgress: IMAPIProgress | null,
    lpInterface: GUID,
    lpDestObj: IMAPIProp,
    ulFlags: number,
  ): Promise<SPropProblemArray> {
    return this.invoke('copyProps', [lpIncludeProps, lpProgress, lpInterface, lpDestObj, ulFlags], () => {
      checkTagArray('copyProps', lpIncludeProps, false);
      const subTags = new Set(this.objectPropTags().map(PROP_ID));
      const ids = lpIncludeProps.map(PROP_ID).filter((id) => !subTags.has(id));
      const subs = new Set(lpIncludeProps.map(PROP_ID).filter((id) => subTags.has(id)));
      return copyPropsBetween(this.copySource(), 'copyProps', ids, subs, lpInterface, lpDestObj, ulFlags, lpProgress);
    });
  }

  /** Identifiers copyTo copies: the stored properties that are not computed. */
  protected copyableIds(): number[] {
    const computed = new Set(this.computedIds());
    return [...this.values.keys()].filter((id) => !computed.has(id)).sort((a, b) => a - b);
  }

  /** The view of this object the copy algorithm needs. */
  private copySource() {
    return {
      self: this as IMAPIProp,
      interfaceName: this.interfaceName,
      supports: (iid: GUID) => this.supportsInterface(iid),
      namedProps: this.opts.namedProps,
      valueOf: (id: number) => this.stored(id),
      isComputed: (id: number) => this.computeProp(id) !== undefined,
      checkTarget: (dest: IMAPIProp, flags: number) => this.checkCopyTarget(dest, flags),
      copySubobjects: (dest: IMAPIProp, ids: Set<number>, flags: number) => this.copySubobjects(dest, ids, flags),
      removeMoved: (ids: number[]) => {
        if (!this.opts.writable) return;
        for (const id of ids) this.values.delete(id);
        this.touched(ids);
      },
    };
  }

  getIDsFromNames(lpPropNames: MAPINAMEID[] | null, ulFlags: number): Promise<SPropTagArray> {
    return this.invoke('getIDsFromNames', [lpPropNames, ulFlags], () => {
      checkFlags('getIDsFromNames', ulFlags, MAPI_CREATE);
      const map = this.opts.namedProps;
      if (!map) return noNamedProps('getIDsFromNames');
      // The mapping belongs to the store, not to this object: MAPI_CREATE works on read-only handles too.
      return map.getIDsFromNames(lpPropNames, ulFlags);
    });
  }

  getNamesFromIDs(lpPropTags: SPropTagArray | null, lpPropSetGuid: GUID | null, ulFlags: number): Promise<NamesFromIDs> {
    return this.invoke('getNamesFromIDs', [lpPropTags, lpPropSetGuid, ulFlags], () => {
      checkFlags('getNamesFromIDs', ulFlags, MAPI_NO_IDS | MAPI_NO_STRINGS);
      checkTagArray('getNamesFromIDs', lpPropTags, true);
      if (lpPropSetGuid !== null && lpPropSetGuid !== undefined && !isGuid(lpPropSetGuid)) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'getNamesFromIDs: lpPropSetGuid must be a GUID or null');
      }
      const map = this.opts.namedProps;
      if (!map) return noNamedProps('getNamesFromIDs');
      return map.getNamesFromIDs(lpPropTags, lpPropSetGuid, ulFlags);
    });
  }
}

/** Turns a property tag into the same tag with PT_ERROR, keeping the identifier. */
export function errorTag(tag: number): number {
  return CHANGE_PROP_TYPE(tag, PT_ERROR);
}
