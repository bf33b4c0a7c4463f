/**
 * Reading the arguments native code passes to the fake's callbacks and writing its out
 * parameters (koffi hands pointers as BigInt or null, 64-bit integers as number or BigInt).
 */
import type { NativeMemory, Pointer } from '../../../src/providers/windows/abi/memory.js';
import { ptrArg, u64Arg } from '../../../src/providers/windows/com/protos.js';
import { GUID } from '../../../src/core/props/guid.js';
import { MAPI_UNICODE } from '../../../src/core/generated/constants.js';

export { ptrArg, u64Arg };

/** A ULONG argument. */
export const u32 = (v: unknown): number => Number(v) >>> 0;
/** A LONG argument. */
export const i32 = (v: unknown): number => Number(v) | 0;
/** True when the flags carry MAPI_UNICODE. */
export const isUnicode = (flags: unknown): boolean => (u32(flags) & MAPI_UNICODE) !== 0;

/** Argument readers and out-parameter writers over one memory. */
export class NativeArgs {
  constructor(
    readonly mem: NativeMemory,
    readonly codePage: number,
  ) {}

  /** `cb` bytes at `p` (null for NULL). */
  bytes(cb: unknown, p: unknown): Uint8Array | null {
    const ptr = ptrArg(p);
    return ptr === null ? null : this.mem.readBytes(ptr, u32(cb));
  }
  /** A GUID at `p` (null for NULL). */
  guid(p: unknown): GUID | null {
    const ptr = ptrArg(p);
    return ptr === null ? null : new GUID(this.mem.readBytes(ptr, 16));
  }
  /** `n` GUIDs back to back at `p` (null for NULL or none). */
  guids(n: unknown, p: unknown): GUID[] | null {
    const ptr = ptrArg(p);
    const count = u32(n);
    if (ptr === null || count === 0) return null;
    const b = this.mem.readBytes(ptr, count * 16);
    return Array.from({ length: count }, (_, i) => new GUID(b.subarray(i * 16, i * 16 + 16)));
  }
  /** An LPTSTR: UTF-16 when `unicode`, else ANSI (null for NULL). */
  str(p: unknown, unicode: boolean): string | null {
    const ptr = ptrArg(p);
    return ptr === null ? null : this.mem.tstring(ptr, unicode, this.codePage);
  }
  /** A 16-byte MAPIUID at `p` (null for NULL). */
  uid(p: unknown): Uint8Array | null {
    return this.bytes(16, p);
  }
  /** The ULONG at out/in-out `p`. */
  readU32(p: unknown): number {
    const ptr = ptrArg(p);
    return ptr === null ? 0 : this.mem.u32(ptr, 0);
  }

  /** Writes a ULONG to out parameter `p` (ignored when NULL). */
  outU32(p: unknown, v: number): void {
    const ptr = ptrArg(p);
    if (ptr !== null) this.mem.writeU32(ptr, 0, v);
  }
  /** Writes a LONG. */
  outI32(p: unknown, v: number): void {
    const ptr = ptrArg(p);
    if (ptr !== null) this.mem.writeI32(ptr, 0, v);
  }
  /** Writes a 64-bit value. */
  outU64(p: unknown, v: bigint | number): void {
    const ptr = ptrArg(p);
    if (ptr !== null) this.mem.writeU64(ptr, 0, BigInt(v));
  }
  /** Writes a pointer. */
  outPtr(p: unknown, v: Pointer | null): void {
    const ptr = ptrArg(p);
    if (ptr !== null) this.mem.writePtr(ptr, 0, v);
  }
  /** True when the out parameter is a real pointer. */
  has(p: unknown): boolean {
    return ptrArg(p) !== null;
  }
}
