/**
 * SRestriction ⇄ JS (MAPI-ABI-x64.md §2.5): the 32-byte SRestriction with its union at 8,
 * every RES_* type, nested to any depth. The JS side is mapi-emu's flattened form
 * (`{ rt: RES_PROPERTY, relop, ulPropTag, lpProp }`); reserved fields are written as 0 and
 * dropped when read.
 *
 * Missing pieces (a NULL lpProp, an unknown rt) are passed through as they are, so the
 * provider answers them with its own error, as it would for a C caller.
 */
import { MapiError } from '../../../core/errors/MapiError.js';
import type { SPropValue } from '../../../core/props/types.js';
import type { SRestriction } from '../../../core/restriction/types.js';
import {
  RES_AND, RES_ANNOTATION, RES_BITMASK, RES_COMMENT, RES_COMPAREPROPS, RES_CONTENT, RES_COUNT, RES_EXIST, RES_NOT, RES_OR,
  RES_PROPERTY, RES_SIZE, RES_SUBRESTRICTION,
} from '../../../core/generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_TOO_COMPLEX } from '../../../core/generated/scodes.js';
import { ImageWriter } from './writer.js';
import type { NativeMemory, Pointer } from './memory.js';
import { SRestriction as L, SPropValue as PV } from './layout.js';
import { readPropArray, readPropValue, writePropArray, writePropValue } from './propValue.js';
import type { AbiContext } from './context.js';

/** Nesting deeper than this is refused (a cycle in native memory would otherwise never end). */
export const MAX_RESTRICTION_DEPTH = 256;
const MAX_CHILDREN = 1 << 20;

type AnyRes = SRestriction & Record<string, unknown>;

function writeProp(w: ImageWriter, at: number, p: SPropValue | null | undefined, codePage: number): void {
  if (p === null || p === undefined) {
    w.ptrAbs(at, null);
    return;
  }
  const v = w.reserve(PV.size, 8);
  writePropValue(w, v, p, codePage);
  w.ptrTo(at, v);
}

function writeChild(w: ImageWriter, at: number, r: SRestriction | null | undefined, codePage: number, depth: number): void {
  if (r === null || r === undefined) {
    w.ptrAbs(at, null);
    return;
  }
  const c = w.reserve(L.size, 8);
  writeAt(w, c, r, codePage, depth + 1);
  w.ptrTo(at, c);
}

function writeAt(w: ImageWriter, at: number, r: SRestriction, codePage: number, depth: number): void {
  if (depth > MAX_RESTRICTION_DEPTH) throw new MapiError(MAPI_E_TOO_COMPLEX, `SRestriction: nested deeper than ${MAX_RESTRICTION_DEPTH} levels`);
  if (!r || typeof r !== 'object' || typeof r.rt !== 'number') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'SRestriction: not an object with a numeric rt');
  const x = r as AnyRes;
  w.u32(at + L.rt, r.rt);
  switch (r.rt) {
    case RES_AND:
    case RES_OR: {
      const list = x['lpRes'];
      if (!Array.isArray(list)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'SRestriction: RES_AND/RES_OR needs an lpRes array');
      w.u32(at + L.a, list.length);
      const a = w.reserve(Math.max(1, list.length) * L.size, 8);
      list.forEach((c: SRestriction, i: number) => writeAt(w, a + i * L.size, c, codePage, depth + 1));
      w.ptrTo(at + L.p16, a);
      return;
    }
    case RES_NOT:
    case RES_SUBRESTRICTION:
    case RES_COUNT:
      if (r.rt === RES_SUBRESTRICTION) w.u32(at + L.a, (x['ulSubObject'] as number) ?? 0);
      if (r.rt === RES_COUNT) w.u32(at + L.a, (x['ulCount'] as number) ?? 0);
      writeChild(w, at + L.p16, x['lpRes'] as SRestriction | null, codePage, depth);
      return;
    case RES_CONTENT:
      w.u32(at + L.a, (x['ulFuzzyLevel'] as number) ?? 0);
      w.u32(at + L.b, (x['ulPropTag'] as number) ?? 0);
      writeProp(w, at + L.p16, x['lpProp'] as SPropValue | null, codePage);
      return;
    case RES_PROPERTY:
      w.u32(at + L.a, (x['relop'] as number) ?? 0);
      w.u32(at + L.b, (x['ulPropTag'] as number) ?? 0);
      writeProp(w, at + L.p16, x['lpProp'] as SPropValue | null, codePage);
      return;
    case RES_COMPAREPROPS:
      w.u32(at + L.a, (x['relop'] as number) ?? 0);
      w.u32(at + L.b, (x['ulPropTag1'] as number) ?? 0);
      w.u32(at + L.c, (x['ulPropTag2'] as number) ?? 0);
      return;
    case RES_BITMASK:
      w.u32(at + L.a, (x['relBMR'] as number) ?? 0);
      w.u32(at + L.b, (x['ulPropTag'] as number) ?? 0);
      w.u32(at + L.c, (x['ulMask'] as number) ?? 0);
      return;
    case RES_SIZE:
      w.u32(at + L.a, (x['relop'] as number) ?? 0);
      w.u32(at + L.b, (x['ulPropTag'] as number) ?? 0);
      w.u32(at + L.c, (x['cb'] as number) ?? 0);
      return;
    case RES_EXIST:
      w.u32(at + L.b, (x['ulPropTag'] as number) ?? 0);
      return;
    case RES_COMMENT:
    case RES_ANNOTATION: {
      const props = (x['lpProp'] as SPropValue[] | null | undefined) ?? [];
      w.u32(at + L.a, props.length);
      writeChild(w, at + L.p16, x['lpRes'] as SRestriction | null, codePage, depth);
      if (props.length) w.ptrTo(at + L.p24, writePropArray(w, props, codePage));
      return;
    }
    default:
      // An rt MAPI does not define: written as it is, for the provider to refuse.
      return;
  }
}

/** Writes the restriction `r` (32 bytes) at `at`; everything it points to is appended to the image. */
export function writeRestriction(w: ImageWriter, at: number, r: SRestriction, codePage: number, depth = 0): void {
  writeAt(w, at, r, codePage, depth);
}

/** A restriction in a new MAPI block (MAPIAllocateBuffer, or MAPIAllocateMore on `parent`). */
export function encodeRestriction(ctx: AbiContext, r: SRestriction, parent: Pointer | null = null): Pointer {
  const w = new ImageWriter();
  writeRestriction(w, w.reserve(L.size, 8), r, ctx.codePage);
  return w.commit(ctx.mem, ctx.alloc, parent);
}

function readChild(mem: NativeMemory, p: Pointer | null, codePage: number, depth: number): SRestriction | null {
  return p === null ? null : readRestriction(mem, p, codePage, depth + 1);
}

/** Reads the SRestriction at `ptr`. @throws MapiError MAPI_E_TOO_COMPLEX past {@link MAX_RESTRICTION_DEPTH} levels */
export function readRestriction(mem: NativeMemory, ptr: Pointer, codePage: number, depth = 0): SRestriction {
  if (depth > MAX_RESTRICTION_DEPTH) throw new MapiError(MAPI_E_TOO_COMPLEX, `SRestriction: nested deeper than ${MAX_RESTRICTION_DEPTH} levels`);
  const dv = mem.view(ptr, L.size);
  const rt = dv.getUint32(L.rt, true);
  const a = dv.getUint32(L.a, true);
  const b = dv.getUint32(L.b, true);
  const c = dv.getUint32(L.c, true);
  const p16 = dv.getBigUint64(L.p16, true) || null;
  const p24 = dv.getBigUint64(L.p24, true) || null;
  const prop = (p: Pointer | null) => (p === null ? (null as unknown as SPropValue) : readPropValue(mem, p, codePage, depth));
  const child = (p: Pointer | null) => readChild(mem, p, codePage, depth) as SRestriction;
  switch (rt) {
    case RES_AND:
    case RES_OR: {
      if (a > MAX_CHILDREN) throw new MapiError(MAPI_E_TOO_COMPLEX, `SRestriction: ${a} sub-restrictions`);
      const list: SRestriction[] = [];
      for (let i = 0; i < a && p16 !== null; i++) list.push(readRestriction(mem, p16 + BigInt(i * L.size), codePage, depth + 1));
      return { rt, lpRes: list } as SRestriction;
    }
    case RES_NOT:
      return { rt, lpRes: child(p16) };
    case RES_CONTENT:
      return { rt, ulFuzzyLevel: a, ulPropTag: b, lpProp: prop(p16) };
    case RES_PROPERTY:
      return { rt, relop: a, ulPropTag: b, lpProp: prop(p16) };
    case RES_COMPAREPROPS:
      return { rt, relop: a, ulPropTag1: b, ulPropTag2: c };
    case RES_BITMASK:
      return { rt, relBMR: a, ulPropTag: b, ulMask: c };
    case RES_SIZE:
      return { rt, relop: a, ulPropTag: b, cb: c };
    case RES_EXIST:
      return { rt, ulPropTag: b };
    case RES_SUBRESTRICTION:
      return { rt, ulSubObject: a, lpRes: child(p16) };
    case RES_COUNT:
      return { rt, ulCount: a, lpRes: child(p16) };
    case RES_COMMENT:
    case RES_ANNOTATION:
      return { rt, lpProp: readPropArray(mem, p24, a, codePage, depth), lpRes: readChild(mem, p16, codePage, depth) } as SRestriction;
    default:
      return { rt } as unknown as SRestriction;
  }
}
