/**
 * The input buffers of one native call (entry IDs, IIDs, MAPIUIDs, UTF-16 strings, tag
 * arrays, property arrays, restrictions, entry lists, sort orders, named-property names),
 * laid out together and committed as one MAPI block that is freed right after the call
 * (MAPI-ABI-x64.md §6.1: what the caller passes in stays the caller's; MAPI copies what it
 * keeps).
 */
import { GUID as GUIDClass, type GUID } from '../../../core/props/guid.js';
import { MapiError } from '../../../core/errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER } from '../../../core/generated/scodes.js';
import type { ENTRYLIST, MAPINAMEID, SPropTagArray, SPropValue } from '../../../core/props/types.js';
import type { SRestriction } from '../../../core/restriction/types.js';
import type { SSortOrderSet } from '../../../core/table/types.js';
import type { NOTIFICATION } from '../../../core/notify/types.js';
import { ImageWriter } from '../abi/writer.js';
import type { Pointer } from '../abi/memory.js';
import { writePropArray } from '../abi/propValue.js';
import { writeRestriction } from '../abi/restriction.js';
import { writeEntryList, writeSortOrderSet, writeTagArray } from '../abi/arrays.js';
import { writeNameId } from '../abi/nameid.js';
import { writeNotifications } from '../abi/notification.js';
import { PTR, SRestriction as RL } from '../abi/layout.js';
import type { ComRuntime } from '../com/runtime.js';

/** A reference to a laid-out argument: its offset, or -1 for NULL. */
export type ArgRef = number;

/** Input buffers of one call. */
export class InArgs {
  private readonly w = new ImageWriter(128);
  private base: Pointer | null = null;
  private committed = false;

  constructor(private readonly rt: ComRuntime) {}

  /**
   * Bytes (an ENTRYID, a MAPIUID, a collapse state), or NULL.
   * @throws MapiError MAPI_E_INVALID_PARAMETER for anything but a Uint8Array (as the emulator answers)
   */
  bytes(b: Uint8Array | null | undefined): ArgRef {
    if (b === null || b === undefined) return -1;
    if (!(b instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'an entry ID or other binary argument must be a Uint8Array');
    return this.w.blob(b, 8);
  }
  /**
   * A GUID (REFIID / LPCIID / LPGUID), or NULL.
   * @throws MapiError MAPI_E_INVALID_PARAMETER for anything but a GUID
   */
  guid(g: GUID | null | undefined): ArgRef {
    if (g === null || g === undefined) return -1;
    if (!(g instanceof GUIDClass)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'an interface or property-set argument must be a GUID');
    return this.w.blob(g.bytes, 8);
  }
  /** Several GUIDs back to back (an LPCIID array), or NULL when empty. */
  guids(list: readonly GUID[] | null | undefined): ArgRef {
    if (!list || list.length === 0) return -1;
    const at = this.w.reserve(list.length * 16, 8);
    list.forEach((g, i) => this.w.bytes(at + i * 16, g.bytes));
    return at;
  }
  /** Several 16-byte MAPIUIDs back to back. */
  uids(list: readonly Uint8Array[]): ArgRef {
    const at = this.w.reserve(Math.max(1, list.length) * 16, 8);
    list.forEach((u, i) => this.w.bytes(at + i * 16, u.subarray(0, 16)));
    return at;
  }
  /** A UTF-16 string (an LPTSTR passed with MAPI_UNICODE), or NULL. */
  wstr(s: string | null | undefined): ArgRef {
    if (s === null || s === undefined) return -1;
    if (typeof s !== 'string') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'a string argument must be a string');
    return this.w.utf16(s);
  }
  /** An ANSI string in the process code page (an LPSTR), or NULL. */
  astr(s: string | null | undefined): ArgRef {
    if (s === null || s === undefined) return -1;
    if (typeof s !== 'string') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'a string argument must be a string');
    return this.w.ansi(s, this.rt.codePage);
  }
  /** An SMessageClassArray of ANSI message classes (MAPI-ABI-x64.md §2: cValues, then LPCSTR[cValues]), or NULL. */
  messageClasses(list: readonly string[] | null | undefined): ArgRef {
    if (list === null || list === undefined) return -1;
    const at = this.w.reserve(8 + Math.max(1, list.length) * PTR, 8);
    this.w.u32(at, list.length);
    list.forEach((c, i) => this.w.ptrTo(at + 8 + i * PTR, this.w.ansi(c, this.rt.codePage)));
    return at;
  }
  /** An SPropTagArray, or NULL. */
  tags(t: SPropTagArray | null | undefined): ArgRef {
    return t === null || t === undefined ? -1 : writeTagArray(this.w, t);
  }
  /** An SPropValue array. */
  props(p: readonly SPropValue[]): ArgRef {
    return writePropArray(this.w, p, this.rt.codePage);
  }
  /** An SRestriction, or NULL. */
  restriction(r: SRestriction | null | undefined): ArgRef {
    if (r === null || r === undefined) return -1;
    const at = this.w.reserve(RL.size, 8);
    writeRestriction(this.w, at, r, this.rt.codePage);
    return at;
  }
  /** An ENTRYLIST, or NULL. */
  entryList(l: ENTRYLIST | null | undefined): ArgRef {
    return l === null || l === undefined ? -1 : writeEntryList(this.w, l);
  }
  /** An SSortOrderSet, or NULL. */
  sortOrder(s: SSortOrderSet | null | undefined): ArgRef {
    return s === null || s === undefined ? -1 : writeSortOrderSet(this.w, s);
  }
  /** An array of MAPINAMEID pointers. */
  nameIds(names: readonly MAPINAMEID[]): ArgRef {
    const at = this.w.reserve(Math.max(1, names.length) * PTR, 8);
    names.forEach((n, i) => this.w.ptrTo(at + i * PTR, writeNameId(this.w, n)));
    return at;
  }
  /** One NOTIFICATION. */
  notification(n: NOTIFICATION): ArgRef {
    return writeNotifications(this.w, [n], this.rt.codePage);
  }
  /** Reserves `size` zeroed bytes (a caller-provided out structure). */
  space(size: number): ArgRef {
    return this.w.reserve(size, 8);
  }

  /** Allocates and fills the block (once). */
  commit(): this {
    if (!this.committed) {
      this.committed = true;
      if (this.w.size > 0) this.base = this.w.commit(this.rt.mem, this.rt.alloc);
    }
    return this;
  }

  /** The address of an argument (commits first). */
  p(ref: ArgRef): Pointer | null {
    this.commit();
    if (ref < 0 || this.base === null) return null;
    return this.base + BigInt(ref);
  }

  /** Frees the block. */
  free(): void {
    this.rt.alloc.freeBuffer(this.base);
    this.base = null;
  }
}
