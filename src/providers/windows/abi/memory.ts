/**
 * Native memory access over koffi: copying bytes in and out, reading the scalars, pointers
 * and NUL-terminated strings MAPI structures hold. Pointers are BigInt values (koffi 3);
 * NULL is `null`.
 *
 * Bulk copies go through the C runtime's memcpy when it can be loaded (a JS typed array
 * passed to a `void *` parameter is the array's own memory for the duration of the call),
 * which is several times cheaper than koffi.decode/encode of byte arrays; koffi's own
 * functions are the fallback.
 *
 * What a copy costs is mostly making the typed array it lands in: a new Uint8Array over 64
 * bytes gets its own off-heap backing store, and a small on-heap one must be moved off the
 * heap before native code may write to it (about 1 µs either way, against 0.1 µs for the
 * memcpy itself). So structures are copied into slices of a shared 64 KiB JS slab (a new
 * slab when one is full; nothing in a slab is ever overwritten), and byte strings through a
 * reused bounce buffer, from which `slice` makes the caller's own copy. Measured in
 * docs/benchmarks.md ("Windows backend").
 */
import type { Koffi } from '../koffi.js';
import { decodeString8, encodeString8 } from '../../../core/props/codepage.js';

/** A native address (koffi 3 pointers are BigInt), or null for NULL. */
export type Pointer = bigint;

type Memcpy = (dest: Uint8Array | bigint, src: Uint8Array | bigint, n: number) => unknown;

function loadMemcpy(koffi: Koffi): Memcpy | null {
  const candidates: [string, string][] =
    process.platform === 'win32'
      ? [['ntdll.dll', 'void *memcpy(void *dest, const void *src, uintptr_t n)']]
      : process.platform === 'darwin'
        ? [['libSystem.B.dylib', 'void *memcpy(void *dest, const void *src, uintptr_t n)']]
        : [['libc.so.6', 'void *memcpy(void *dest, const void *src, uintptr_t n)']];
  for (const [lib, decl] of candidates) {
    try {
      return koffi.load(lib).func(decl) as Memcpy;
    } catch {
      // No C runtime under that name: fall back to koffi.decode/encode.
    }
  }
  return null;
}

const EMPTY = new Uint8Array(0);

/** Size of a slab {@link NativeMemory.view} copies are carved from. */
const SLAB_SIZE = 64 * 1024;
/** Copies larger than this get an ArrayBuffer of their own (a slab would mostly go to waste). */
const SLAB_MAX_COPY = 16 * 1024;
/** Size of the pattern arrays of {@link NativeMemory.fill}; longer fills make a temporary array. */
const FILL_SIZE = 4096;
/** Size of the bounce buffer of {@link NativeMemory.readBytes}; longer byte strings are copied directly. */
const BOUNCE_SIZE = 64 * 1024;

/** Reads and writes native memory. One per koffi instance is enough; besides the memcpy binding it holds only reusable JS buffers. */
export class NativeMemory {
  private readonly memcpy: Memcpy | null;
  private slab: ArrayBuffer | null = null;
  private slabTop = 0;
  private bounce: Uint8Array | null = null;
  /** Off-heap arrays of one byte value each, for {@link fill}. */
  private readonly fills = new Map<number, Uint8Array>();

  constructor(readonly koffi: Koffi) {
    this.memcpy = loadMemcpy(koffi);
  }

  /** A copy of `len` bytes at `ptr`, in a Uint8Array of its own. */
  readBytes(ptr: Pointer, len: number): Uint8Array {
    if (len <= 0) return EMPTY.slice();
    if (this.memcpy) {
      if (len <= BOUNCE_SIZE) {
        // memcpy never calls back into JS, so the bounce buffer cannot be in use by anyone else.
        const b = (this.bounce ??= new Uint8Array(BOUNCE_SIZE));
        this.memcpy(b, ptr, len);
        return b.slice(0, len);
      }
      const out = new Uint8Array(len);
      this.memcpy(out, ptr, len);
      return out;
    }
    return this.koffi.decode(ptr, 0, 'uint8_t', len) as Uint8Array;
  }

  /**
   * A DataView over a copy of `len` bytes at `ptr` (little-endian reads: pass `true`). The
   * copy is JS memory that nothing overwrites, but its buffer may be shared with other views:
   * read only through the DataView (its byteOffset and byteLength delimit the copy).
   */
  view(ptr: Pointer, len: number): DataView {
    if (len <= 0 || !this.memcpy || len > SLAB_MAX_COPY) {
      const b = this.readBytes(ptr, len);
      return new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    if (this.slab === null || this.slabTop + len > SLAB_SIZE) {
      this.slab = new ArrayBuffer(SLAB_SIZE);
      this.slabTop = 0;
    }
    const at = this.slabTop;
    this.slabTop = (at + len + 7) & ~7;
    this.memcpy(new Uint8Array(this.slab, at, len), ptr, len);
    return new DataView(this.slab, at, len);
  }

  /** Copies `bytes` to `ptr`. */
  writeBytes(ptr: Pointer, bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.memcpy) this.memcpy(ptr, bytes, bytes.length);
    else this.koffi.encode(ptr, 0, 'uint8_t', bytes, bytes.length);
  }

  /** The u32 at `ptr + off`. */
  u32(ptr: Pointer, off = 0): number {
    return this.koffi.decode(ptr, off, 'uint32_t') as number;
  }

  /** The i32 at `ptr + off`. */
  i32(ptr: Pointer, off = 0): number {
    return this.koffi.decode(ptr, off, 'int32_t') as number;
  }

  /** The u64 at `ptr + off`, as a bigint. */
  u64(ptr: Pointer, off = 0): bigint {
    return BigInt(this.koffi.decode(ptr, off, 'uint64_t') as number | bigint);
  }

  /** The pointer at `ptr + off` (null for NULL). */
  ptr(ptr: Pointer, off = 0): Pointer | null {
    const p = this.koffi.decode(ptr, off, 'void *') as bigint | null;
    return p === null || p === 0n ? null : p;
  }

  /** Writes a u32 at `ptr + off`. */
  writeU32(ptr: Pointer, off: number, value: number): void {
    this.koffi.encode(ptr, off, 'uint32_t', value >>> 0);
  }

  /** Writes an i32 at `ptr + off`. */
  writeI32(ptr: Pointer, off: number, value: number): void {
    this.koffi.encode(ptr, off, 'int32_t', value | 0);
  }

  /** Writes a u64 at `ptr + off`. */
  writeU64(ptr: Pointer, off: number, value: bigint): void {
    this.koffi.encode(ptr, off, 'uint64_t', BigInt.asUintN(64, value));
  }

  /** Writes a pointer (null for NULL) at `ptr + off`. */
  writePtr(ptr: Pointer, off: number, value: Pointer | null): void {
    this.koffi.encode(ptr, off, 'uint64_t', value ?? 0n);
  }

  /** The NUL-terminated UTF-16LE string at `ptr` (lone surrogates kept). */
  utf16(ptr: Pointer): string {
    return this.koffi.decode.string16(ptr) as string;
  }

  /** The NUL-terminated string at `ptr` in ANSI code page `codePage` (MultiByteToWideChar). */
  ansi(ptr: Pointer, codePage: number): string {
    const bytes = this.koffi.decode(ptr, 0, 'uint8_t', -1) as Uint8Array;
    return decodeString8(bytes, codePage);
  }

  /** A string as MAPI gets it for an LPTSTR: UTF-16 when `unicode`, else ANSI in `codePage`. */
  tstring(ptr: Pointer, unicode: boolean, codePage: number): string {
    return unicode ? this.utf16(ptr) : this.ansi(ptr, codePage);
  }

  /** Memory that is not MAPI's (out cells, COM object blocks): koffi.alloc, zero-filled. Free with {@link free}. */
  alloc(size: number): Pointer {
    const n = Math.max(1, size);
    const p = this.koffi.alloc('uint8_t', n);
    this.fill(p, n, 0);
    return p;
  }

  /** Sets `len` bytes at `ptr` to `byte`. */
  fill(ptr: Pointer, len: number, byte: number): void {
    if (len <= 0) return;
    if (len > FILL_SIZE) {
      this.writeBytes(ptr, new Uint8Array(len).fill(byte));
      return;
    }
    let pattern = this.fills.get(byte);
    if (!pattern) this.fills.set(byte, (pattern = new Uint8Array(FILL_SIZE).fill(byte)));
    this.writeBytes(ptr, pattern.subarray(0, len));
  }

  /** Frees memory from {@link alloc}. */
  free(ptr: Pointer | null): void {
    if (ptr !== null) this.koffi.free(ptr);
  }
}

/** UTF-16LE bytes of `s` plus the 2-byte NUL terminator (code units copied as they are). */
export function utf16z(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2 + 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i * 2] = c & 0xff;
    out[i * 2 + 1] = c >>> 8;
  }
  return out;
}

/** ANSI bytes of `s` in `codePage` (WideCharToMultiByte: unmappable characters become '?') plus the NUL terminator. */
export function ansiz(s: string, codePage: number): Uint8Array {
  const b = encodeString8(s, codePage);
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  return out;
}
