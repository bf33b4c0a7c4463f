/** MAPIERROR, STATSTG, MAPIINIT_0 and GUIDs (MAPI-ABI-x64.md §2.3, §2.7). */
import { FILETIME } from '../../../core/props/filetime.js';
import { GUID } from '../../../core/props/guid.js';
import type { MAPIERROR as JsMapiError } from '../../../core/props/types.js';
import type { STATSTG as JsStatStg } from '../../../core/props/interfaces.js';
import { ImageWriter } from './writer.js';
import type { NativeMemory, Pointer } from './memory.js';
import { GUID_SIZE, MAPIERROR as L, MAPIINIT_0, STATSTG } from './layout.js';
import type { AbiContext } from './context.js';

/** Reads the MAPIERROR at `ptr`; strings are UTF-16 when the call passed MAPI_UNICODE. */
export function readMapiError(mem: NativeMemory, ptr: Pointer, unicode: boolean, codePage: number): JsMapiError {
  const dv = mem.view(ptr, L.size);
  const s = (o: number) => {
    const p = dv.getBigUint64(o, true);
    return p === 0n ? '' : mem.tstring(p, unicode, codePage);
  };
  return {
    ulVersion: dv.getUint32(L.ulVersion, true),
    lpszError: s(L.lpszError),
    lpszComponent: s(L.lpszComponent),
    ulLowLevelError: dv.getUint32(L.ulLowLevelError, true),
    ulContext: dv.getUint32(L.ulContext, true),
  };
}

/** Writes a MAPIERROR into the image; returns its offset. */
export function writeMapiError(w: ImageWriter, e: JsMapiError, unicode: boolean, codePage: number): number {
  const at = w.reserve(L.size, 8);
  w.u32(at + L.ulVersion, e.ulVersion);
  w.ptrTo(at + L.lpszError, w.tstring(e.lpszError ?? '', unicode, codePage));
  w.ptrTo(at + L.lpszComponent, w.tstring(e.lpszComponent ?? '', unicode, codePage));
  w.u32(at + L.ulLowLevelError, e.ulLowLevelError);
  w.u32(at + L.ulContext, e.ulContext);
  return at;
}

/** A MAPIERROR in a new MAPI block. */
export function encodeMapiError(ctx: AbiContext, e: JsMapiError, unicode: boolean): Pointer {
  const w = new ImageWriter(128);
  writeMapiError(w, e, unicode, ctx.codePage);
  return w.commit(ctx.mem, ctx.alloc);
}

/** Reads the 16 bytes of a GUID at `ptr` (null for NULL). */
export function readGuid(mem: NativeMemory, ptr: Pointer | null): GUID | null {
  return ptr === null ? null : new GUID(mem.readBytes(ptr, GUID_SIZE));
}

/** Reads the STATSTG at `ptr` (the name, when there is one, is not freed here). */
export function readStatStg(mem: NativeMemory, ptr: Pointer): JsStatStg {
  const dv = mem.view(ptr, STATSTG.size);
  const name = dv.getBigUint64(STATSTG.pwcsName, true);
  const ft = (o: number) => {
    const t = FILETIME.fromParts(dv.getUint32(o, true), dv.getUint32(o + 4, true));
    return t.ticks === 0n ? null : t;
  };
  const clsid = new GUID(new Uint8Array(dv.buffer, dv.byteOffset + STATSTG.clsid, GUID_SIZE));
  return {
    pwcsName: name === 0n ? null : mem.utf16(name),
    type: dv.getUint32(STATSTG.type, true),
    cbSize: Number(dv.getBigUint64(STATSTG.cbSize, true)),
    mtime: ft(STATSTG.mtime),
    ctime: ft(STATSTG.ctime),
    atime: ft(STATSTG.atime),
    grfMode: dv.getUint32(STATSTG.grfMode, true),
    grfLocksSupported: dv.getUint32(STATSTG.grfLocksSupported, true),
    clsid: clsid.bytes.every((b) => b === 0) ? null : clsid,
    grfStateBits: dv.getUint32(STATSTG.grfStateBits, true),
  };
}

/** The 80 bytes of a STATSTG (pwcsName NULL: the callee of Stat is asked for STATFLAG_NONAME). */
export function statStgBytes(s: JsStatStg): Uint8Array {
  const b = new Uint8Array(STATSTG.size);
  const dv = new DataView(b.buffer);
  dv.setUint32(STATSTG.type, s.type, true);
  dv.setBigUint64(STATSTG.cbSize, BigInt(s.cbSize), true);
  const ft = (o: number, t: FILETIME | null) => {
    if (!t) return;
    dv.setUint32(o, t.dwLowDateTime, true);
    dv.setUint32(o + 4, t.dwHighDateTime, true);
  };
  ft(STATSTG.mtime, s.mtime);
  ft(STATSTG.ctime, s.ctime);
  ft(STATSTG.atime, s.atime);
  dv.setUint32(STATSTG.grfMode, s.grfMode, true);
  dv.setUint32(STATSTG.grfLocksSupported, s.grfLocksSupported, true);
  if (s.clsid) b.set(s.clsid.bytes, STATSTG.clsid);
  dv.setUint32(STATSTG.grfStateBits, s.grfStateBits, true);
  return b;
}

/** The 8 bytes of a MAPIINIT_0. */
export function mapiInitBytes(ulVersion: number, ulFlags: number): Uint8Array {
  const b = new Uint8Array(MAPIINIT_0.size);
  const dv = new DataView(b.buffer);
  dv.setUint32(MAPIINIT_0.ulVersion, ulVersion >>> 0, true);
  dv.setUint32(MAPIINIT_0.ulFlags, ulFlags >>> 0, true);
  return b;
}
