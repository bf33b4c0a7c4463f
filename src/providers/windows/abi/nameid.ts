/**
 * MAPINAMEID (MAPI-ABI-x64.md §2.7): property set GUID pointer, kind, and a numeric or
 * always-UTF-16 string name. GetIDsFromNames takes, and GetNamesFromIDs returns, an array of
 * pointers to them; a NULL entry is "no name".
 */
import { GUID } from '../../../core/props/guid.js';
import { MapiError } from '../../../core/errors/MapiError.js';
import type { MAPINAMEID as JsNameId } from '../../../core/props/types.js';
import { MNID_ID, MNID_STRING } from '../../../core/generated/constants.js';
import { MAPI_E_INVALID_PARAMETER } from '../../../core/generated/scodes.js';
import { ImageWriter } from './writer.js';
import type { NativeMemory, Pointer } from './memory.js';
import { GUID_SIZE, MAPINAMEID as L, PTR } from './layout.js';
import type { AbiContext } from './context.js';

/** Writes one MAPINAMEID (with its GUID and name) into the image; returns its offset. */
export function writeNameId(w: ImageWriter, n: JsNameId): number {
  if (!n || typeof n !== 'object') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'MAPINAMEID: not an object');
  const at = w.reserve(L.size, 8);
  if (n.lpguid instanceof GUID) w.ptrTo(at + L.lpguid, w.blob(n.lpguid.bytes, 4));
  else w.ptrAbs(at + L.lpguid, null);
  w.u32(at + L.ulKind, n.ulKind);
  if (n.ulKind === MNID_STRING) {
    if (typeof n.lpwstrName === 'string') w.ptrTo(at + L.Kind, w.utf16(n.lpwstrName));
  } else {
    w.i32(at + L.Kind, (n as { lID?: number }).lID ?? 0);
  }
  return at;
}

/** An array of `names.length` MAPINAMEID pointers (null entries become NULL) in a new MAPI block. */
export function encodeNameIdPointers(ctx: AbiContext, names: readonly (JsNameId | null)[]): Pointer {
  const w = new ImageWriter();
  const at = w.reserve(Math.max(1, names.length) * PTR, 8);
  names.forEach((n, i) => {
    if (n === null || n === undefined) w.ptrAbs(at + i * PTR, null);
    else w.ptrTo(at + i * PTR, writeNameId(w, n));
  });
  return w.commit(ctx.mem, ctx.alloc);
}

/** Reads the MAPINAMEID at `ptr`. */
export function readNameId(mem: NativeMemory, ptr: Pointer): JsNameId {
  const dv = mem.view(ptr, L.size);
  const g = dv.getBigUint64(L.lpguid, true);
  const lpguid = (g === 0n ? null : new GUID(mem.readBytes(g, GUID_SIZE))) as GUID;
  const ulKind = dv.getUint32(L.ulKind, true);
  if (ulKind === MNID_ID) return { lpguid, ulKind: MNID_ID, lID: dv.getInt32(L.Kind, true) };
  const s = dv.getBigUint64(L.Kind, true);
  return { lpguid, ulKind: ulKind as typeof MNID_STRING, lpwstrName: s === 0n ? (null as unknown as string) : mem.utf16(s) };
}

/** Reads `count` MAPINAMEID pointers at `ptr` (NULL entries read as null). */
export function readNameIdPointers(mem: NativeMemory, ptr: Pointer | null, count: number): (JsNameId | null)[] {
  if (ptr === null || count === 0) return [];
  if (count > 1 << 20) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${count} MAPINAMEID pointers`);
  const dv = mem.view(ptr, count * PTR);
  return Array.from({ length: count }, (_, i) => {
    const p = dv.getBigUint64(i * PTR, true);
    return p === 0n ? null : readNameId(mem, p);
  });
}
