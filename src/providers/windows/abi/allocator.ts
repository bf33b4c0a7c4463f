/**
 * Who owns native memory. MAPI's rule (MAPI-ABI-x64.md §6.1): buffers MAPI hands out are
 * freed with one MAPIFreeBuffer on the top-level pointer (everything chained to it with
 * MAPIAllocateMore goes with it); row sets and address lists with FreeProws / FreePadrlist.
 * The backend allocates what it passes in through the same functions, so one allocator —
 * the loaded MAPI library's, or the fake's tracking one in tests — sees every buffer.
 */
import { MapiError, FAILED } from '../../../core/errors/MapiError.js';
import { MAPI_E_NOT_ENOUGH_MEMORY } from '../../../core/generated/scodes.js';
import type { Pointer } from './memory.js';

/**
 * MAPIAllocateBuffer / MAPIAllocateMore / MAPIFreeBuffer.
 * @see mapiallocatebuffer.md
 * @see mapiallocatemore.md
 * @see mapifreebuffer.md
 */
export interface MapiAllocator {
  /** A new top-level block of `cb` bytes. @throws MapiError MAPI_E_NOT_ENOUGH_MEMORY */
  allocateBuffer(cb: number): Pointer;
  /** A block of `cb` bytes chained to the top-level block `lpObject` (freed with it, never alone). @throws MapiError MAPI_E_NOT_ENOUGH_MEMORY */
  allocateMore(cb: number, lpObject: Pointer): Pointer;
  /** Frees a top-level block and everything chained to it; null does nothing. */
  freeBuffer(lpBuffer: Pointer | null): void;
}

/** The raw exported functions an allocator is built from: SCODE-returning, with an 8-byte out cell. */
export interface AllocatorExports {
  MAPIAllocateBuffer(cbSize: number, lppBuffer: Pointer): number;
  MAPIAllocateMore(cbSize: number, lpObject: Pointer, lppBuffer: Pointer): number;
  MAPIFreeBuffer(lpBuffer: Pointer | null): number;
}

/** Reads and frees an 8-byte out cell (so the allocator needs nothing else from the caller). */
export interface OutCell {
  /** The cell's address. */
  readonly ptr: Pointer;
  /** The pointer written into it. */
  read(): Pointer | null;
  /** Gives the cell back. */
  dispose(): void;
}

/** A MapiAllocator over the exported functions of a MAPI library. */
export function allocatorFromExports(exports: AllocatorExports, outCell: () => OutCell): MapiAllocator {
  // No closure per allocation: allocations are frequent (a block per row of a row set).
  const take = (cb: number, parent: Pointer | null): Pointer => {
    const cell = outCell();
    try {
      const sc = parent === null ? exports.MAPIAllocateBuffer(cb >>> 0, cell.ptr) : exports.MAPIAllocateMore(cb >>> 0, parent, cell.ptr);
      const p = cell.read();
      if (FAILED(sc) || p === null) {
        throw new MapiError(FAILED(sc) ? sc : MAPI_E_NOT_ENOUGH_MEMORY, `${parent === null ? 'MAPIAllocateBuffer' : 'MAPIAllocateMore'}(${cb}) failed`);
      }
      return p;
    } finally {
      cell.dispose();
    }
  };
  return {
    allocateBuffer: (cb) => take(cb, null),
    allocateMore: (cb, parent) => take(cb, parent),
    freeBuffer: (p) => {
      if (p !== null && p !== 0n) exports.MAPIFreeBuffer(p);
    },
  };
}
