/**
 * SPropValue ⇄ JS (MAPI-ABI-x64.md §2.1). The JS side is mapi-emu's value model (DESIGN.md
 * "Values"): numbers, bigint for PT_I8/PT_CURRENCY, FILETIME, GUID, Uint8Array, strings,
 * arrays for PT_MV_*, the scode for PT_ERROR, null for PT_NULL/PT_OBJECT.
 *
 * Deliberate limits (docs/windows.md): strings cannot hold U+0000 (C strings end there);
 * PT_STRING8 text goes through the ANSI code page, so characters it lacks become '?'
 * (WideCharToMultiByte); PT_NULL/PT_OBJECT carry their `x` number and read back as null when
 * it is 0; PT_ACTIONS (EdkMdb.h's ACTIONS, whose layout the reference does not give) and
 * PT_PTR cannot be written and read back as null.
 */
import { FILETIME } from '../../../core/props/filetime.js';
import { GUID } from '../../../core/props/guid.js';
import { MapiError } from '../../../core/errors/MapiError.js';
import { PROP_TYPE } from '../../../core/props/tags.js';
import type { PropValueData, SPropValue } from '../../../core/props/types.js';
import type { SRestriction } from '../../../core/restriction/types.js';
import { MV_INSTANCE, MVI_FLAG, MV_FLAG } from '../../../core/generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_TYPE_NO_SUPPORT } from '../../../core/generated/scodes.js';
import {
  PT_APPTIME, PT_BINARY, PT_BOOLEAN, PT_CLSID, PT_CURRENCY, PT_DOUBLE, PT_ERROR, PT_I2, PT_I8, PT_LONG, PT_NULL, PT_OBJECT,
  PT_R4, PT_SRESTRICTION, PT_STRING8, PT_SVREID, PT_SYSTIME, PT_UNICODE, PT_UNSPECIFIED,
} from '../../../core/generated/proptypes.js';
import { ImageWriter } from './writer.js';
// restriction.ts and this module use each other only inside functions (PT_SRESTRICTION values, RES_PROPERTY constants).
import { readRestriction, writeRestriction } from './restriction.js';
import type { NativeMemory, Pointer } from './memory.js';
import { GUID_SIZE, SBinary, SPropValue as L } from './layout.js';
import type { AbiContext } from './context.js';

/** The type of the value a tag carries: an MVI column (MV_INSTANCE) carries one value of the base type. */
export function valueType(ulPropTag: number): number {
  const t = PROP_TYPE(ulPropTag);
  if (t & MV_INSTANCE) return t & ~MVI_FLAG;
  return t;
}

const bad = (tag: number, why: string) =>
  new MapiError(MAPI_E_INVALID_PARAMETER, `SPropValue 0x${(tag >>> 0).toString(16).padStart(8, '0')}: ${why}`);

function num(tag: number, v: unknown): number {
  if (typeof v !== 'number') throw bad(tag, 'the value must be a number');
  return v;
}
function big(tag: number, v: unknown): bigint {
  if (typeof v !== 'bigint') throw bad(tag, 'the value must be a bigint');
  return v;
}
function str(tag: number, v: unknown): string {
  if (typeof v !== 'string') throw bad(tag, 'the value must be a string');
  return v;
}
function bin(tag: number, v: unknown): Uint8Array {
  if (!(v instanceof Uint8Array)) throw bad(tag, 'the value must be a Uint8Array');
  return v;
}
function arr(tag: number, v: unknown): unknown[] {
  if (!Array.isArray(v)) throw bad(tag, 'a multi-valued property needs an array');
  return v;
}

/** Writes one SPropValue (24 bytes) at `at`; strings, binaries and arrays it points to are appended to the image. */
export function writePropValue(w: ImageWriter, at: number, p: SPropValue, codePage: number): void {
  if (!p || typeof p !== 'object' || typeof p.ulPropTag !== 'number') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'SPropValue: not an { ulPropTag, Value } object');
  const tag = p.ulPropTag >>> 0;
  const v = p.Value;
  const V = at + L.Value;
  w.u32(at + L.ulPropTag, tag);
  const type = valueType(tag);
  if (type & MV_FLAG) {
    const values = arr(tag, v);
    w.u32(at + L.count, values.length);
    const base = type & ~MV_FLAG;
    const stride = mvStride(base, tag);
    const a = w.reserve(Math.max(1, values.length * stride), 8);
    w.ptrTo(at + L.pointer, a);
    values.forEach((x, i) => writeMvElement(w, a + i * stride, base, tag, x, codePage));
    return;
  }
  switch (type) {
    case PT_I2:
      w.i16(V, num(tag, v));
      return;
    case PT_LONG:
      w.i32(V, num(tag, v));
      return;
    case PT_R4:
      w.f32(V, num(tag, v));
      return;
    case PT_DOUBLE:
    case PT_APPTIME:
      w.f64(V, num(tag, v));
      return;
    case PT_CURRENCY:
    case PT_I8:
      w.i64(V, big(tag, v));
      return;
    case PT_ERROR:
      w.u32(V, num(tag, v));
      return;
    case PT_BOOLEAN:
      if (typeof v !== 'boolean') throw bad(tag, 'the value must be a boolean');
      w.u16(V, v ? 1 : 0);
      return;
    case PT_NULL:
    case PT_OBJECT:
    case PT_UNSPECIFIED:
      w.i32(V, typeof v === 'number' ? v : 0);
      return;
    case PT_STRING8:
      w.ptrTo(V, w.ansi(str(tag, v), codePage));
      return;
    case PT_UNICODE:
      w.ptrTo(V, w.utf16(str(tag, v)));
      return;
    case PT_SYSTIME: {
      if (!(v instanceof FILETIME)) throw bad(tag, 'the value must be a FILETIME');
      w.u32(V, v.dwLowDateTime);
      w.u32(V + 4, v.dwHighDateTime);
      return;
    }
    case PT_CLSID: {
      if (!(v instanceof GUID)) throw bad(tag, 'the value must be a GUID');
      w.ptrTo(V, w.blob(v.bytes, 4));
      return;
    }
    case PT_BINARY:
    case PT_SVREID: {
      const b = bin(tag, v);
      w.u32(at + L.count, b.length);
      w.ptrTo(at + L.pointer, w.blob(b));
      return;
    }
    case PT_SRESTRICTION: {
      if (v === null || typeof v !== 'object' || !('rt' in v)) throw bad(tag, 'the value must be an SRestriction');
      const r = w.reserve(32, 8);
      writeRestriction(w, r, v as SRestriction, codePage);
      w.ptrTo(V, r);
      return;
    }
    default:
      throw new MapiError(MAPI_E_TYPE_NO_SUPPORT, `SPropValue 0x${tag.toString(16).padStart(8, '0')}: property type 0x${type.toString(16)} cannot be passed to native MAPI`);
  }
}

function mvStride(base: number, tag: number): number {
  switch (base) {
    case PT_I2:
      return 2;
    case PT_LONG:
    case PT_R4:
      return 4;
    case PT_DOUBLE:
    case PT_APPTIME:
    case PT_CURRENCY:
    case PT_I8:
    case PT_SYSTIME:
    case PT_STRING8:
    case PT_UNICODE:
      return 8;
    case PT_CLSID:
    case PT_BINARY:
      return 16;
    default:
      throw new MapiError(MAPI_E_TYPE_NO_SUPPORT, `SPropValue 0x${(tag >>> 0).toString(16).padStart(8, '0')}: no multi-valued form of type 0x${base.toString(16)}`);
  }
}

function writeMvElement(w: ImageWriter, at: number, base: number, tag: number, x: unknown, codePage: number): void {
  switch (base) {
    case PT_I2:
      return w.i16(at, num(tag, x));
    case PT_LONG:
      return w.i32(at, num(tag, x));
    case PT_R4:
      return w.f32(at, num(tag, x));
    case PT_DOUBLE:
    case PT_APPTIME:
      return w.f64(at, num(tag, x));
    case PT_CURRENCY:
    case PT_I8:
      return w.i64(at, big(tag, x));
    case PT_SYSTIME:
      if (!(x instanceof FILETIME)) throw bad(tag, 'every value must be a FILETIME');
      w.u32(at, x.dwLowDateTime);
      w.u32(at + 4, x.dwHighDateTime);
      return;
    case PT_STRING8:
      return w.ptrTo(at, w.ansi(str(tag, x), codePage));
    case PT_UNICODE:
      return w.ptrTo(at, w.utf16(str(tag, x)));
    case PT_CLSID:
      if (!(x instanceof GUID)) throw bad(tag, 'every value must be a GUID');
      return w.bytes(at, x.bytes);
    case PT_BINARY: {
      const b = bin(tag, x);
      w.u32(at + SBinary.cb, b.length);
      w.ptrTo(at + SBinary.lpb, w.blob(b));
      return;
    }
  }
}

/** Writes an array of SPropValue (stride 24) into the image; returns its offset. */
export function writePropArray(w: ImageWriter, props: readonly SPropValue[], codePage: number): number {
  if (!Array.isArray(props)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'an SPropValue array is required');
  const at = w.reserve(Math.max(1, props.length) * L.size, 8);
  props.forEach((p, i) => writePropValue(w, at + i * L.size, p, codePage));
  return at;
}

// ------------------------------------------------------------------------------- reading

const MAX_VALUES = 1 << 24;

function readGuid(mem: NativeMemory, p: Pointer | null): GUID | null {
  return p === null ? null : new GUID(mem.readBytes(p, GUID_SIZE));
}

/** The pointer at byte `o` of `dv` (null for NULL). A module function: a closure per value read costs more than the read. */
function ptrAt(dv: DataView, o: number): Pointer | null {
  const p = dv.getBigUint64(o, true);
  return p === 0n ? null : p;
}

/**
 * Reads the SPropValue at byte `off` of `dv`, a copy of native memory (pointers inside it are
 * followed with `mem`). `depth` bounds nested restrictions.
 */
export function readPropValueAt(mem: NativeMemory, dv: DataView, off: number, codePage: number, depth = 0): SPropValue {
  const tag = dv.getUint32(off + L.ulPropTag, true);
  const V = off + L.Value;
  const type = valueType(tag);
  if (type & MV_FLAG) {
    const n = dv.getUint32(off + L.count, true);
    const p = ptrAt(dv, off + L.pointer);
    return { ulPropTag: tag, Value: readMvValues(mem, type & ~MV_FLAG, n, p, codePage) };
  }
  let Value: PropValueData;
  switch (type) {
    case PT_I2:
      Value = dv.getInt16(V, true);
      break;
    case PT_LONG:
      Value = dv.getInt32(V, true);
      break;
    case PT_R4:
      Value = dv.getFloat32(V, true);
      break;
    case PT_DOUBLE:
    case PT_APPTIME:
      Value = dv.getFloat64(V, true);
      break;
    case PT_CURRENCY:
    case PT_I8:
      Value = dv.getBigInt64(V, true);
      break;
    case PT_ERROR:
      Value = dv.getUint32(V, true);
      break;
    case PT_BOOLEAN:
      // Only the 2 bytes of `b` are meaningful (§2.1).
      Value = dv.getUint16(V, true) !== 0;
      break;
    case PT_NULL:
    case PT_OBJECT:
    case PT_UNSPECIFIED: {
      const x = dv.getInt32(V, true);
      Value = x === 0 ? null : x;
      break;
    }
    case PT_STRING8: {
      const p = ptrAt(dv, V);
      Value = p === null ? '' : mem.ansi(p, codePage);
      break;
    }
    case PT_UNICODE: {
      const p = ptrAt(dv, V);
      Value = p === null ? '' : mem.utf16(p);
      break;
    }
    case PT_SYSTIME:
      Value = FILETIME.fromParts(dv.getUint32(V, true), dv.getUint32(V + 4, true));
      break;
    case PT_CLSID:
      Value = readGuid(mem, ptrAt(dv, V));
      break;
    case PT_BINARY:
    case PT_SVREID: {
      const cb = dv.getUint32(off + L.count, true);
      const p = ptrAt(dv, off + L.pointer);
      Value = p === null || cb === 0 ? new Uint8Array(0) : mem.readBytes(p, cb);
      break;
    }
    case PT_SRESTRICTION: {
      const p = ptrAt(dv, V);
      Value = p === null ? null : readRestriction(mem, p, codePage, depth + 1);
      break;
    }
    default:
      // PT_ACTIONS, PT_PTR and types MAPI does not define: no JS form (docs/windows.md).
      Value = null;
  }
  return { ulPropTag: tag, Value };
}

function readMvValues(mem: NativeMemory, base: number, n: number, p: Pointer | null, codePage: number): PropValueData {
  if (n > MAX_VALUES) throw new MapiError(MAPI_E_INVALID_PARAMETER, `multi-valued property with ${n} values`);
  if (n === 0 || p === null) return [];
  switch (base) {
    case PT_I2: {
      const dv = mem.view(p, n * 2);
      return Array.from({ length: n }, (_, i) => dv.getInt16(i * 2, true));
    }
    case PT_LONG: {
      const dv = mem.view(p, n * 4);
      return Array.from({ length: n }, (_, i) => dv.getInt32(i * 4, true));
    }
    case PT_R4: {
      const dv = mem.view(p, n * 4);
      return Array.from({ length: n }, (_, i) => dv.getFloat32(i * 4, true));
    }
    case PT_DOUBLE:
    case PT_APPTIME: {
      const dv = mem.view(p, n * 8);
      return Array.from({ length: n }, (_, i) => dv.getFloat64(i * 8, true));
    }
    case PT_CURRENCY:
    case PT_I8: {
      const dv = mem.view(p, n * 8);
      return Array.from({ length: n }, (_, i) => dv.getBigInt64(i * 8, true));
    }
    case PT_SYSTIME: {
      const dv = mem.view(p, n * 8);
      return Array.from({ length: n }, (_, i) => FILETIME.fromParts(dv.getUint32(i * 8, true), dv.getUint32(i * 8 + 4, true)));
    }
    case PT_STRING8:
    case PT_UNICODE: {
      const dv = mem.view(p, n * 8);
      return Array.from({ length: n }, (_, i) => {
        const s = dv.getBigUint64(i * 8, true);
        if (s === 0n) return '';
        return base === PT_UNICODE ? mem.utf16(s) : mem.ansi(s, codePage);
      });
    }
    case PT_CLSID: {
      const b = mem.readBytes(p, n * GUID_SIZE);
      return Array.from({ length: n }, (_, i) => new GUID(b.subarray(i * GUID_SIZE, (i + 1) * GUID_SIZE)));
    }
    case PT_BINARY: {
      const dv = mem.view(p, n * SBinary.size);
      return Array.from({ length: n }, (_, i) => {
        const cb = dv.getUint32(i * SBinary.size + SBinary.cb, true);
        const lpb = dv.getBigUint64(i * SBinary.size + SBinary.lpb, true);
        return lpb === 0n || cb === 0 ? new Uint8Array(0) : mem.readBytes(lpb, cb);
      });
    }
    default:
      return [];
  }
}

/** Reads `count` SPropValues at `ptr` (stride 24). */
export function readPropArray(mem: NativeMemory, ptr: Pointer | null, count: number, codePage: number, depth = 0): SPropValue[] {
  if (ptr === null || count === 0) return [];
  if (count > MAX_VALUES) throw new MapiError(MAPI_E_INVALID_PARAMETER, `SPropValue array of ${count} values`);
  const dv = mem.view(ptr, count * L.size);
  const out: SPropValue[] = new Array(count);
  for (let i = 0; i < count; i++) out[i] = readPropValueAt(mem, dv, i * L.size, codePage, depth);
  return out;
}

/** Reads one SPropValue at `ptr`. */
export function readPropValue(mem: NativeMemory, ptr: Pointer, codePage: number, depth = 0): SPropValue {
  return readPropValueAt(mem, mem.view(ptr, L.size), 0, codePage, depth);
}

/** An SPropValue array in a new MAPI block (MAPIAllocateBuffer, or MAPIAllocateMore on `parent`). */
export function encodePropArray(ctx: AbiContext, props: readonly SPropValue[], parent: Pointer | null = null): Pointer {
  const w = new ImageWriter();
  writePropArray(w, props, ctx.codePage);
  return w.commit(ctx.mem, ctx.alloc, parent);
}
