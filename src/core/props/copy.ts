import { GUID as GUIDClass, type GUID } from './guid.js';
import type { IMAPIProgress, IMAPIProp } from './interfaces.js';
import type { MAPINAMEID, SPropProblemArray, SPropValue } from './types.js';
import type { NamedPropertyMap } from './NamedPropertyMap.js';
import { NAMED_PROP_ID_MIN } from './NamedPropertyMap.js';
import { CHANGE_PROP_TYPE, PROP_ID, PROP_TAG, PROP_TYPE } from './tags.js';
import { bytesEqual } from './values.js';
import { MapiError } from '../errors/MapiError.js';
import { PR_MAPPING_SIGNATURE } from '../generated/proptags.js';
import { PT_ERROR, PT_UNSPECIFIED } from '../generated/proptypes.js';
import { MAPI_CREATE, MAPI_DECLINE_OK, MAPI_DIALOG, MAPI_MOVE, MAPI_NOREPLACE } from '../generated/constants.js';
import {
  MAPI_E_INTERFACE_NOT_SUPPORTED,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NO_ACCESS,
  MAPI_E_NO_SUPPORT,
  MAPI_E_NOT_FOUND,
  MAPI_E_UNKNOWN_FLAGS,
} from '../generated/scodes.js';

/** What the copy algorithm needs from the source object. */
export interface CopySource {
  /** The source as an IMAPIProp (to detect a copy onto itself). */
  self: IMAPIProp;
  /** Interface name for messages. */
  interfaceName: string;
  /** True when the source implements the interface. */
  supports(iid: GUID): boolean;
  /** The source's name-to-identifier map. */
  namedProps: NamedPropertyMap | null;
  /** A stored (not computed) value. */
  valueOf(id: number): SPropValue | undefined;
  /** True for computed properties, which are never copied. */
  isComputed(id: number): boolean;
  /** Rejects forbidden targets (folder cycles). */
  checkTarget(dest: IMAPIProp, flags: number): Promise<void>;
  /** Copies subobjects. */
  copySubobjects(dest: IMAPIProp, ids: Set<number>, flags: number): Promise<SPropProblemArray>;
  /** Deletes moved properties from the source (MAPI_MOVE). */
  removeMoved(ids: number[]): void;
}

const COPY_FLAGS = MAPI_MOVE | MAPI_NOREPLACE | MAPI_DIALOG | MAPI_DECLINE_OK;

/**
 * The shared body of IMAPIProp::CopyTo and CopyProps: argument checks in MAPI's order,
 * then the properties (named ones re-mapped by name when the two objects have different
 * mapping signatures), then the subobjects, then, for MAPI_MOVE, removal from the source.
 *
 * @see imapiprop-copyto.md
 * @see imapiprop-copyprops.md
 */
export async function copyPropsBetween(
  src: CopySource,
  method: 'copyTo' | 'copyProps',
  ids: number[],
  subobjectIds: Set<number>,
  lpInterface: GUID,
  dest: IMAPIProp,
  ulFlags: number,
  lpProgress: IMAPIProgress | null,
): Promise<SPropProblemArray> {
  void lpProgress;
  const where = `${src.interfaceName}.${method}`;
  if (!(lpInterface instanceof GUIDClass)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: lpInterface is required`);
  if (!dest || typeof dest !== 'object' || typeof dest.setProps !== 'function' || typeof dest.queryInterface !== 'function') throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: lpDestObj must be a MAPI object`);
  if (ulFlags !== undefined && ulFlags !== null && (typeof ulFlags !== 'number' || !Number.isInteger(ulFlags))) {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: ulFlags must be a number`);
  }
  const flags = (ulFlags ?? 0) >>> 0;
  if (flags & ~COPY_FLAGS) throw new MapiError(MAPI_E_UNKNOWN_FLAGS, `${where}: unknown flags 0x${(flags & ~COPY_FLAGS).toString(16)}`);
  if (flags & MAPI_DIALOG) throw new MapiError(MAPI_E_NO_SUPPORT, `${where}: MAPI_DIALOG needs a progress UI, which the emulator does not have`);
  if (dest === src.self) throw new MapiError(MAPI_E_NO_ACCESS, `${where}: the destination is the source object itself`);
  // The source must be usable through lpInterface: copying a message as a folder makes no sense.
  if (!src.supports(lpInterface)) {
    throw new MapiError(MAPI_E_NO_SUPPORT, `${where}: the source is not a ${lpInterface.toString()} object, so it cannot be copied through that interface`);
  }
  try {
    await dest.queryInterface(lpInterface);
  } catch {
    throw new MapiError(MAPI_E_INTERFACE_NOT_SUPPORTED, `${where}: the destination does not support ${lpInterface.toString()}`);
  }
  await src.checkTarget(dest, flags);

  const remap = await namedRemapper(src.namedProps, dest);
  const toCopy: SPropValue[] = [];
  const sourceIds: number[] = [];
  const problems: SPropProblemArray = [];
  for (const id of ids) {
    if (src.isComputed(id)) continue;
    const v = src.valueOf(id);
    if (!v) {
      // copyProps of a property the source lacks: reported, nothing copied.
      if (method === 'copyProps') problems.push({ ulIndex: problems.length, ulPropTag: PROP_TAG(PT_ERROR, id), scode: MAPI_E_NOT_FOUND });
      continue;
    }
    const destId = await remap(id);
    if (destId === undefined) continue;
    toCopy.push({ ulPropTag: PROP_TAG(PROP_TYPE(v.ulPropTag), destId), Value: v.Value });
    sourceIds.push(id);
  }

  let writing = toCopy;
  if (flags & MAPI_NOREPLACE && toCopy.length) {
    const existing = await dest.getProps(toCopy.map((p) => CHANGE_PROP_TYPE(p.ulPropTag, PT_UNSPECIFIED)), 0);
    writing = toCopy.filter((_, i) => PROP_TYPE((existing[i] as SPropValue).ulPropTag) === PT_ERROR);
  }
  if (writing.length) {
    const destProblems = await dest.setProps(writing);
    problems.push(...destProblems);
  }
  if (subobjectIds.size) problems.push(...(await src.copySubobjects(dest, subobjectIds, flags)));
  if (flags & MAPI_MOVE) src.removeMoved(sourceIds);
  return problems;
}

/**
 * Maps a source identifier to the destination's: ordinary identifiers stay, named ones go
 * through the names when the mapping signatures differ (imapiprop-getidsfromnames.md: "you
 * must preserve the names during these operations").
 */
async function namedRemapper(srcMap: NamedPropertyMap | null, dest: IMAPIProp): Promise<(id: number) => Promise<number | undefined>> {
  const identity = async (id: number) => id;
  if (!srcMap) return identity;
  let destSignature: Uint8Array | undefined;
  try {
    const [sig] = await dest.getProps([PR_MAPPING_SIGNATURE], 0);
    if (sig && sig.Value instanceof Uint8Array) destSignature = sig.Value;
  } catch {
    destSignature = undefined;
  }
  if (destSignature && bytesEqual(destSignature, srcMap.signature)) return identity;
  const cache = new Map<number, number | undefined>();
  return async (id: number) => {
    if (id < NAMED_PROP_ID_MIN) return id;
    if (cache.has(id)) return cache.get(id);
    const name: MAPINAMEID | undefined = srcMap.nameOf(id);
    let mapped: number | undefined = id;
    if (name) {
      try {
        const [tag] = await dest.getIDsFromNames([name], MAPI_CREATE);
        mapped = tag !== undefined && PROP_TYPE(tag) !== PT_ERROR ? PROP_ID(tag) : undefined;
      } catch (e) {
        // A destination without named properties (MAPI_E_NO_SUPPORT) keeps the raw identifiers.
        if (!MapiError.is(e, MAPI_E_NO_SUPPORT)) throw e;
      }
    }
    cache.set(id, mapped);
    return mapped;
  };
}
