/**
 * The counted arrays of MAPI (MAPI-ABI-x64.md §2.1–2.4): SPropTagArray, SPropProblemArray,
 * ENTRYLIST (SBinaryArray), SSortOrderSet, FlagList, and arrays of MAPIUIDs and GUIDs.
 */
import { MapiError } from '../../../core/errors/MapiError.js';
import type { ENTRYLIST, SPropProblemArray, SPropTagArray } from '../../../core/props/types.js';
import type { SSortOrderSet as JsSortOrderSet } from '../../../core/table/types.js';
import { MAPI_E_INVALID_PARAMETER } from '../../../core/generated/scodes.js';
import { ImageWriter } from './writer.js';
import type { NativeMemory, Pointer } from './memory.js';
import { FlagList, SBinary, SBinaryArray, SPropProblemArray as PA, SPropTagArray as TA, SSortOrderSet as SO } from './layout.js';
import type { AbiContext } from './context.js';

const MAX_COUNT = 1 << 24;

function checkCount(n: number, what: string): number {
  if (n > MAX_COUNT) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${what} with ${n} entries`);
  return n;
}

/** Writes an SPropTagArray into the image; returns its offset. */
export function writeTagArray(w: ImageWriter, tags: SPropTagArray): number {
  if (!Array.isArray(tags)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'an SPropTagArray (array of numbers) is required');
  const at = w.reserve(TA.header + tags.length * TA.stride, 4);
  w.u32(at + TA.cValues, tags.length);
  tags.forEach((t, i) => w.u32(at + TA.aulPropTag + i * TA.stride, typeof t === 'number' ? t : 0));
  return at;
}

/** An SPropTagArray in a new MAPI block. */
export function encodeTagArray(ctx: AbiContext, tags: SPropTagArray, parent: Pointer | null = null): Pointer {
  const w = new ImageWriter(64);
  writeTagArray(w, tags);
  return w.commit(ctx.mem, ctx.alloc, parent);
}

/** Reads the SPropTagArray at `ptr`. */
export function readTagArray(mem: NativeMemory, ptr: Pointer): SPropTagArray {
  const n = checkCount(mem.u32(ptr, TA.cValues), 'SPropTagArray');
  if (n === 0) return [];
  const dv = mem.view(ptr + BigInt(TA.aulPropTag), n * TA.stride);
  return Array.from({ length: n }, (_, i) => dv.getUint32(i * TA.stride, true));
}

/** Writes an SPropProblemArray; returns its offset. */
export function writeProblemArray(w: ImageWriter, problems: SPropProblemArray): number {
  const at = w.reserve(PA.header + problems.length * PA.stride, 4);
  w.u32(at + PA.cProblem, problems.length);
  problems.forEach((p, i) => {
    const o = at + PA.aProblem + i * PA.stride;
    w.u32(o + PA.ulIndex, p.ulIndex);
    w.u32(o + PA.ulPropTag, p.ulPropTag);
    w.u32(o + PA.scode, p.scode);
  });
  return at;
}

/** An SPropProblemArray in a new MAPI block. */
export function encodeProblemArray(ctx: AbiContext, problems: SPropProblemArray): Pointer {
  const w = new ImageWriter(64);
  writeProblemArray(w, problems);
  return w.commit(ctx.mem, ctx.alloc);
}

/** Reads the SPropProblemArray at `ptr` (null reads as no problems). */
export function readProblemArray(mem: NativeMemory, ptr: Pointer | null): SPropProblemArray {
  if (ptr === null) return [];
  const n = checkCount(mem.u32(ptr, PA.cProblem), 'SPropProblemArray');
  if (n === 0) return [];
  const dv = mem.view(ptr + BigInt(PA.aProblem), n * PA.stride);
  return Array.from({ length: n }, (_, i) => ({
    ulIndex: dv.getUint32(i * PA.stride + PA.ulIndex, true),
    ulPropTag: dv.getUint32(i * PA.stride + PA.ulPropTag, true),
    scode: dv.getUint32(i * PA.stride + PA.scode, true),
  }));
}

/** Writes an ENTRYLIST (SBinaryArray) with its binaries; returns its offset. */
export function writeEntryList(w: ImageWriter, list: ENTRYLIST): number {
  if (!Array.isArray(list)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'an ENTRYLIST (array of Uint8Array) is required');
  const at = w.reserve(SBinaryArray.size, 8);
  w.u32(at + SBinaryArray.cValues, list.length);
  const a = w.reserve(Math.max(1, list.length) * SBinary.size, 8);
  w.ptrTo(at + SBinaryArray.lpbin, a);
  list.forEach((b, i) => {
    if (!(b instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'every ENTRYLIST entry must be a Uint8Array');
    w.u32(a + i * SBinary.size + SBinary.cb, b.length);
    w.ptrTo(a + i * SBinary.size + SBinary.lpb, w.blob(b));
  });
  return at;
}

/** An ENTRYLIST in a new MAPI block. */
export function encodeEntryList(ctx: AbiContext, list: ENTRYLIST, parent: Pointer | null = null): Pointer {
  const w = new ImageWriter();
  writeEntryList(w, list);
  return w.commit(ctx.mem, ctx.alloc, parent);
}

/** Reads the ENTRYLIST at `ptr`. */
export function readEntryList(mem: NativeMemory, ptr: Pointer): ENTRYLIST {
  const dv = mem.view(ptr, SBinaryArray.size);
  const n = checkCount(dv.getUint32(SBinaryArray.cValues, true), 'ENTRYLIST');
  const lpbin = dv.getBigUint64(SBinaryArray.lpbin, true);
  if (n === 0 || lpbin === 0n) return [];
  const bins = mem.view(lpbin, n * SBinary.size);
  return Array.from({ length: n }, (_, i) => {
    const cb = bins.getUint32(i * SBinary.size + SBinary.cb, true);
    const lpb = bins.getBigUint64(i * SBinary.size + SBinary.lpb, true);
    return cb === 0 || lpb === 0n ? new Uint8Array(0) : mem.readBytes(lpb, cb);
  });
}

/** Writes an SSortOrderSet; returns its offset. */
export function writeSortOrderSet(w: ImageWriter, s: JsSortOrderSet): number {
  if (!s || typeof s !== 'object' || !Array.isArray(s.aSort)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'an SSortOrderSet ({ aSort, cCategories, cExpanded }) is required');
  const at = w.reserve(SO.header + s.aSort.length * SO.stride, 4);
  w.u32(at + SO.cSorts, s.aSort.length);
  w.u32(at + SO.cCategories, s.cCategories ?? 0);
  w.u32(at + SO.cExpanded, s.cExpanded ?? 0);
  s.aSort.forEach((k, i) => {
    w.u32(at + SO.aSort + i * SO.stride, k.ulPropTag);
    w.u32(at + SO.aSort + i * SO.stride + 4, k.ulOrder);
  });
  return at;
}

/** An SSortOrderSet in a new MAPI block. */
export function encodeSortOrderSet(ctx: AbiContext, s: JsSortOrderSet, parent: Pointer | null = null): Pointer {
  const w = new ImageWriter(64);
  writeSortOrderSet(w, s);
  return w.commit(ctx.mem, ctx.alloc, parent);
}

/** Reads the SSortOrderSet at `ptr`. */
export function readSortOrderSet(mem: NativeMemory, ptr: Pointer): JsSortOrderSet {
  const head = mem.view(ptr, SO.header);
  const n = checkCount(head.getUint32(SO.cSorts, true), 'SSortOrderSet');
  const dv = n ? mem.view(ptr + BigInt(SO.aSort), n * SO.stride) : null;
  return {
    aSort: Array.from({ length: n }, (_, i) => ({
      ulPropTag: (dv as DataView).getUint32(i * SO.stride, true),
      ulOrder: (dv as DataView).getUint32(i * SO.stride + 4, true),
    })),
    cCategories: head.getUint32(SO.cCategories, true),
    cExpanded: head.getUint32(SO.cExpanded, true),
  };
}

/** Writes a FlagList; returns its offset. */
export function writeFlagList(w: ImageWriter, flags: readonly number[]): number {
  const at = w.reserve(FlagList.header + flags.length * FlagList.stride, 4);
  w.u32(at + FlagList.cFlags, flags.length);
  flags.forEach((f, i) => w.u32(at + FlagList.ulFlag + i * FlagList.stride, f));
  return at;
}

/** Reads the FlagList at `ptr`. */
export function readFlagList(mem: NativeMemory, ptr: Pointer): number[] {
  const n = checkCount(mem.u32(ptr, FlagList.cFlags), 'FlagList');
  if (n === 0) return [];
  const dv = mem.view(ptr + BigInt(FlagList.ulFlag), n * FlagList.stride);
  return Array.from({ length: n }, (_, i) => dv.getUint32(i * FlagList.stride, true));
}

/** A byte string (an ENTRYID, a MAPIUID, a GUID's bytes) in a new MAPI block. */
export function encodeBytes(ctx: AbiContext, bytes: Uint8Array, parent: Pointer | null = null): Pointer {
  const w = new ImageWriter(Math.max(16, bytes.length));
  w.blob(bytes, 8);
  return w.commit(ctx.mem, ctx.alloc, parent);
}
