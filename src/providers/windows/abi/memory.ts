/**
 * Native memory access over koffi: copying bytes in and out, reading the scalars, pointers
 * and NUL-terminated strings MAPI structures hold. Pointers are BigInt values (koffi 3);
 * NULL is `null`.
 *
 * Bulk copies go through the C runtime's memcpy when it can be loaded (a JS typed array
 * passed to a `void *` parameter is the array's own memory for the duration of the call),
 * which is several times cheaper than koffi.decode/encode of byte arrays; koffi's own
 * functions are the fallback.
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

/** Reads and writes native memory. One per koffi instance is enough; it holds no state besides the memcpy binding. */
export class NativeMemory {
  private readonly memcpy: Memcpy | null;

  constructor(readonly koffi: Koffi) {
    this.memcpy = loadMemcpy(koffi);
  }

  /** A copy of `len` bytes at `ptr`. */
  readBytes(ptr: Pointer, len: number): Uint8Array {
    if (len <= 0) return EMPTY.slice();
    if (this.memcpy) {
      const out = new Uint8Array(len);
      this.memcpy(out, ptr, len);
      return out;
    }
    return this.koffi.decode(ptr, 0, 'uint8_t', len) as Uint8Array;
  }

  /** A DataView over a copy of `len` bytes at `ptr` (little-endian reads: pass `true`). */
  view(ptr: Pointer, len: number): DataView {
    const b = this.readBytes(ptr, len);
    return new DataView(b.buffer, b.byteOffset, b.byteLength);
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
    const p = this.koffi.alloc('uint8_t', Math.max(1, size)) as bigint;
    this.writeBytes(p, new Uint8Array(Math.max(1, size)));
    return p;
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
