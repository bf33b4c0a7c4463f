import { muidStoreWrap } from '../generated/guids.js';
import { bytesEqual } from '../props/values.js';
import { MAPIEMU_DLL_NAME } from './constants.js';

/** What a wrapped store entry ID says. */
export interface UnwrappedStoreEntryId {
  /** The DLL name MAPI would load (`mapiemu.dll` for ours, `emsmdb.dll`, `mspst.dll`, ...). */
  dllName: string;
  /** The provider's own store entry ID (everything after the DLL name). */
  inner: Uint8Array;
  /** For ours: the store's MAPIUID (backend.entryIds.uid, bytes 4..19 of its folder and message IDs). */
  storeUid?: Uint8Array;
  /** For ours: PR_PROVIDER_UID of the store provider in the profile. */
  providerUid?: Uint8Array;
}

const INNER_SIZE = 4 + 16 + 16;

/**
 * The entry ID of a message store as MAPI lists it in the message store table: the
 * provider's store ID wrapped so MAPI can find the provider ([MS-OXCDATA] 2.2.4.3, MAPI's
 * WrapStoreEntryID): Flags(4)=0 | muidStoreWrap(16) | Version(1)=0 | Flag(1)=0 | DLL name
 * (NUL-terminated) | inner ID. Ours has the inner layout Flags(4)=0 | store MAPIUID(16) |
 * profile provider MAPIUID(16).
 * @see MS-OXCDATA-entryids.md "Wrapping in general"
 */
export function wrapStoreEntryId(storeUid: Uint8Array, providerUid: Uint8Array): Uint8Array {
  const dll = new TextEncoder().encode(MAPIEMU_DLL_NAME);
  const out = new Uint8Array(22 + dll.length + 1 + INNER_SIZE);
  out.set(muidStoreWrap.bytes, 4);
  out.set(dll, 22);
  const at = 22 + dll.length + 1;
  out.set(storeUid.subarray(0, 16), at + 4);
  out.set(providerUid.subarray(0, 16), at + 20);
  return out;
}

/** True when bytes 4..19 are muidStoreWrap (a wrapped store entry ID, ours or another provider's). */
export function isWrappedStoreEntryId(e: Uint8Array): boolean {
  return e.length >= 23 && bytesEqual(e.subarray(4, 20), muidStoreWrap.bytes);
}

/** Reads a wrapped store entry ID; undefined when `e` is not one. */
export function unwrapStoreEntryId(e: Uint8Array): UnwrappedStoreEntryId | undefined {
  if (!isWrappedStoreEntryId(e)) return undefined;
  let end = 22;
  while (end < e.length && e[end] !== 0) end++;
  if (end >= e.length) return undefined;
  const dllName = String.fromCharCode(...e.subarray(22, end));
  const inner = e.slice(end + 1);
  const out: UnwrappedStoreEntryId = { dllName, inner };
  if (dllName.toLowerCase() === MAPIEMU_DLL_NAME && inner.length === INNER_SIZE) {
    out.storeUid = inner.slice(4, 20);
    out.providerUid = inner.slice(20, 36);
  }
  return out;
}
