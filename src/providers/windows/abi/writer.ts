/**
 * Builds a native structure in JS memory first, then copies it into one MAPI block: every
 * sub-structure (strings, binaries, arrays, nested restrictions) is laid out after the
 * top-level one, pointers between them are recorded as relative fix-ups and patched once the
 * block's address is known. One MAPIAllocateBuffer (or MAPIAllocateMore) and one copy per
 * structure, and the whole thing is freed with one MAPIFreeBuffer.
 *
 * A committed writer hands its buffer (zeroed again) to the next writer: making a typed array
 * over 64 bytes costs about as much as laying out a whole SPropValue array.
 */
import type { MapiAllocator } from './allocator.js';
import type { NativeMemory, Pointer } from './memory.js';
import { ansiz, utf16z } from './memory.js';

/** Buffers of committed writers, all zero, for the next writers. */
const spareBuffers: Uint8Array[] = [];
const MAX_SPARE_BUFFERS = 4;
/** Larger buffers are left to the garbage collector. */
const MAX_SPARE_SIZE = 64 * 1024;

/** A structure being laid out. Offsets are from the start of the block. */
export class ImageWriter {
  private buf: Uint8Array;
  private dv: DataView;
  /** Bytes used so far. */
  size = 0;
  private readonly relFixups: number[] = [];
  private readonly absFixups: { at: number; ptr: Pointer }[] = [];

  constructor(initial = 256) {
    const spare = spareBuffers.pop();
    this.buf = spare && spare.length >= initial ? spare : new Uint8Array(initial);
    this.dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** Reserves `size` zeroed bytes aligned to `align`; returns their offset. */
  reserve(size: number, align = 8): number {
    const at = (this.size + align - 1) & ~(align - 1);
    const end = at + Math.max(0, size);
    if (end > this.buf.length) {
      let n = Math.max(64, this.buf.length * 2);
      while (n < end) n *= 2;
      const next = new Uint8Array(n);
      next.set(this.buf.subarray(0, this.size));
      this.buf = next;
      this.dv = new DataView(next.buffer);
    }
    this.size = end;
    return at;
  }

  u8(at: number, v: number): void {
    this.dv.setUint8(at, v);
  }
  u16(at: number, v: number): void {
    this.dv.setUint16(at, v & 0xffff, true);
  }
  i16(at: number, v: number): void {
    this.dv.setInt16(at, (v << 16) >> 16, true);
  }
  u32(at: number, v: number): void {
    this.dv.setUint32(at, v >>> 0, true);
  }
  i32(at: number, v: number): void {
    this.dv.setInt32(at, v | 0, true);
  }
  f32(at: number, v: number): void {
    this.dv.setFloat32(at, v, true);
  }
  f64(at: number, v: number): void {
    this.dv.setFloat64(at, v, true);
  }
  i64(at: number, v: bigint): void {
    this.dv.setBigInt64(at, BigInt.asIntN(64, v), true);
  }
  u64(at: number, v: bigint): void {
    this.dv.setBigUint64(at, BigInt.asUintN(64, v), true);
  }
  bytes(at: number, data: Uint8Array): void {
    this.buf.set(data, at);
  }

  /** A pointer at `at` to offset `target` of this block. */
  ptrTo(at: number, target: number): void {
    this.relFixups.push(at, target);
  }

  /** A pointer at `at` to another native address (null writes NULL). */
  ptrAbs(at: number, ptr: Pointer | null): void {
    if (ptr === null) this.u64(at, 0n);
    else this.absFixups.push({ at, ptr });
  }

  /** Appends bytes (aligned to `align`); returns their offset. A zero-length blob still gets 1 byte, so its pointer is valid. */
  blob(data: Uint8Array, align = 1): number {
    const at = this.reserve(Math.max(1, data.length), align);
    this.bytes(at, data);
    return at;
  }

  /** Appends a NUL-terminated UTF-16LE string; returns its offset. */
  utf16(s: string): number {
    return this.blob(utf16z(s), 2);
  }

  /** Appends a NUL-terminated ANSI string in `codePage`; returns its offset. */
  ansi(s: string, codePage: number): number {
    return this.blob(ansiz(s, codePage), 1);
  }

  /** Appends a string as an LPTSTR: UTF-16 when `unicode`, else ANSI. */
  tstring(s: string, unicode: boolean, codePage: number): number {
    return unicode ? this.utf16(s) : this.ansi(s, codePage);
  }

  /** The bytes laid out so far, with pointers resolved against `base` (for tests and for copying). */
  resolve(base: Pointer): Uint8Array {
    for (let i = 0; i < this.relFixups.length; i += 2) {
      this.dv.setBigUint64(this.relFixups[i] as number, base + BigInt(this.relFixups[i + 1] as number), true);
    }
    for (const f of this.absFixups) this.dv.setBigUint64(f.at, f.ptr, true);
    return this.buf.subarray(0, this.size);
  }

  /**
   * Allocates the block (MAPIAllocateBuffer, or MAPIAllocateMore on `parent`), copies the
   * structure into it and returns its address.
   */
  commit(mem: NativeMemory, alloc: MapiAllocator, parent: Pointer | null = null): Pointer {
    const n = Math.max(1, this.size);
    const base = parent === null ? alloc.allocateBuffer(n) : alloc.allocateMore(n, parent);
    try {
      mem.writeBytes(base, this.resolve(base));
    } catch (e) {
      if (parent === null) alloc.freeBuffer(base);
      throw e;
    }
    this.recycle();
    return base;
  }

  /** Gives the buffer, zeroed, to the next writer; this writer is empty and unusable afterwards. */
  private recycle(): void {
    const buf = this.buf;
    this.buf = EMPTY;
    this.dv = new DataView(EMPTY.buffer);
    if (spareBuffers.length < MAX_SPARE_BUFFERS && buf.length <= MAX_SPARE_SIZE) {
      // Bytes past `size` are still zero (reserve() hands out zeroed bytes).
      buf.fill(0, 0, this.size);
      spareBuffers.push(buf);
    }
    this.size = 0;
  }
}

const EMPTY = new Uint8Array(0);
