/**
 * Shapes of the generated vtable tables (vtables.ts): an interface is its slots in order,
 * each a method with the explicit width of every parameter after `this`.
 */

/**
 * The width of a parameter or return value, as the ABI reference writes it (MAPI-ABI-x64.md
 * §1.2): ULONG is u32, LONG/HRESULT i32, ULONG_PTR/BOOKMARK/LARGE_INTEGER 64-bit, every
 * pointer (interface, buffer, out cell, LPTSTR, REFIID) `ptr`.
 */
export type AbiWidth = 'u32' | 'i32' | 'u64' | 'i64' | 'ptr';

/** A parameter: name, width and, as third element 1, "written by the callee" (out or in/out). */
export type ParamLayout = readonly [name: string, width: AbiWidth, out?: 1];

/** One vtable slot. */
export interface MethodLayout {
  /** Index in the vtable (byte offset 8 × slot). */
  readonly slot: number;
  /** The method name as in the SDK headers. */
  readonly name: string;
  /** HRESULT methods return i32; AddRef, Release and IMAPIAdviseSink::OnNotify return a ULONG. */
  readonly ret: 'i32' | 'u32';
  /** Parameters after the implicit `this`. */
  readonly params: readonly ParamLayout[];
}

/** A COM interface's vtable, inherited slots included. */
export interface InterfaceLayout {
  /** The interface name (`IMAPITable`). */
  readonly name: string;
  /** The interface it derives from, or null for IUnknown. */
  readonly base: string | null;
  /** Every slot, in order. */
  readonly methods: readonly MethodLayout[];
}
