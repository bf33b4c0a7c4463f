/**
 * SRow / SRowSet and ADRENTRY / ADRLIST (MAPI-ABI-x64.md §2.2, identical layouts). Following
 * MAPI's allocation rule (§6.1), a row set is one MAPIAllocateBuffer block for the header
 * and row array, and one separate block per row's property array, so FreeProws /
 * FreePadrlist can free (and MAPI can replace) rows one by one.
 */
import { MapiError } from '../../../core/errors/MapiError.js';
import type { SRow as JsSRow, SPropValue } from '../../../core/props/types.js';
import { MAPI_E_INVALID_PARAMETER } from '../../../core/generated/scodes.js';
import { ImageWriter } from './writer.js';
import type { NativeMemory, Pointer } from './memory.js';
import { SRow, SRowSet } from './layout.js';
import { encodePropArray, readPropArray } from './propValue.js';
import type { AbiContext } from './context.js';

const MAX_ROWS = 1 << 24;

/** Reads the row set (or ADRLIST) at `ptr`; does not free it. */
export function readRowSet(mem: NativeMemory, ptr: Pointer, codePage: number): JsSRow[] {
  const n = mem.u32(ptr, SRowSet.cRows);
  if (n > MAX_ROWS) throw new MapiError(MAPI_E_INVALID_PARAMETER, `SRowSet with ${n} rows`);
  if (n === 0) return [];
  const dv = mem.view(ptr + BigInt(SRowSet.aRow), n * SRowSet.stride);
  const rows: JsSRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * SRowSet.stride;
    const c = dv.getUint32(o + SRow.cValues, true);
    const p = dv.getBigUint64(o + SRow.lpProps, true);
    rows[i] = { lpProps: readPropArray(mem, p === 0n ? null : p, c, codePage) };
  }
  return rows;
}

/** Reads one SRow structure at `ptr` (16 bytes). */
export function readRow(mem: NativeMemory, ptr: Pointer, codePage: number): JsSRow {
  const dv = mem.view(ptr, SRow.size);
  const p = dv.getBigUint64(SRow.lpProps, true);
  return { lpProps: readPropArray(mem, p === 0n ? null : p, dv.getUint32(SRow.cValues, true), codePage) };
}

/**
 * A row set (or ADRLIST: pass the rows' property arrays) in MAPI memory: each row's values
 * in its own MAPIAllocateBuffer block. Free with FreeProws / FreePadrlist.
 */
export function encodeRowSet(ctx: AbiContext, rows: readonly (readonly SPropValue[])[]): Pointer {
  if (!Array.isArray(rows)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'a row set (array of rows) is required');
  const blocks: Pointer[] = [];
  try {
    for (const props of rows) blocks.push(encodePropArray(ctx, props));
    const w = new ImageWriter(SRowSet.header + rows.length * SRowSet.stride);
    const at = w.reserve(SRowSet.header + Math.max(1, rows.length) * SRowSet.stride, 8);
    w.u32(at + SRowSet.cRows, rows.length);
    rows.forEach((props, i) => {
      const o = at + SRowSet.aRow + i * SRowSet.stride;
      w.u32(o + SRow.cValues, props.length);
      w.ptrAbs(o + SRow.lpProps, blocks[i] as Pointer);
    });
    return w.commit(ctx.mem, ctx.alloc);
  } catch (e) {
    for (const b of blocks) ctx.alloc.freeBuffer(b);
    throw e;
  }
}

/** Frees a row set built by {@link encodeRowSet} the way FreeProws does (for callers without the export). */
export function freeRowSet(ctx: AbiContext, ptr: Pointer | null): void {
  if (ptr === null) return;
  const n = ctx.mem.u32(ptr, SRowSet.cRows);
  if (n > 0) {
    const dv = ctx.mem.view(ptr + BigInt(SRowSet.aRow), n * SRowSet.stride);
    for (let i = 0; i < n; i++) {
      const p = dv.getBigUint64(i * SRowSet.stride + SRow.lpProps, true);
      if (p !== 0n) ctx.alloc.freeBuffer(p);
    }
  }
  ctx.alloc.freeBuffer(ptr);
}
