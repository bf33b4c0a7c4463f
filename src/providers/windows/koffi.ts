/**
 * Lazy access to koffi, the FFI library the Windows backend calls MAPI through. koffi is an
 * optional dependency: nothing in mapi-emu loads it until the Windows backend (or the fake
 * MAPI ABI of the tests) asks for it, and a missing install becomes an EmulatorError that
 * says what to do.
 *
 * The types below describe the part of koffi ^3 that mapi-emu calls, structurally, so the
 * published declarations never import 'koffi' (an install without optional dependencies, or
 * on a platform koffi has no binary for, must still type-check without skipLibCheck; see
 * docs/decisions/024-koffi-types-and-native-copies.md). test/abi/koffiTypes.test.ts checks at
 * compile time that koffi's own module type is assignable to {@link Koffi}.
 */
import { createRequire } from 'node:module';
import { EmulatorError } from '../../core/errors/MapiError.js';

/** What koffi says a type is made of (koffi's `PrimitiveKind`, copied from its index.d.ts). */
export type KoffiPrimitiveKind =
  | 'Void' | 'Bool' | 'Int8' | 'UInt8' | 'Int16' | 'Int16S' | 'UInt16' | 'UInt16S' | 'Int32' | 'Int32S' | 'UInt32' | 'UInt32S'
  | 'Int64' | 'Int64S' | 'UInt64' | 'UInt64S' | 'String' | 'String16' | 'Pointer' | 'Record' | 'Union' | 'Array' | 'Float32'
  | 'Float64' | 'Prototype' | 'Callback';

/**
 * A type object koffi built (a struct, union, array, pointer or function prototype). mapi-emu
 * only hands these back to koffi; the members are the ones koffi's `TypeObject` always has.
 */
export interface KoffiType {
  /** The type's name (anonymous types get a generated one). */
  readonly name: string;
  /** What the type is made of. */
  readonly primitive: KoffiPrimitiveKind;
  /** Size in bytes. */
  readonly size: number;
  /** Alignment in bytes. */
  readonly alignment: number;
  /** Whether values of the type are freed after a call (koffi.disposable). */
  readonly disposable: boolean;
}

/** A type as koffi accepts it: a C type name ('uint32_t', 'void *', 'str16') or a {@link KoffiType}. */
export type KoffiTypeSpec = string | KoffiType;

/** A native function bound by koffi: called with JS values, returning the converted result. */
export type KoffiFunction = (...args: unknown[]) => unknown;

/** A loaded shared library (koffi's `LibraryHandle`, the members mapi-emu uses). */
export interface KoffiLibrary {
  /** Binds the function a C-like prototype names (`'uint32_t GetACP()'`). */
  func(definition: string): KoffiFunction;
  /** The address of an exported symbol (a bigint; koffi throws when it is missing). */
  symbol(name: string): unknown;
  /** Unloads the library. */
  unload(): void;
}

/**
 * koffi.decode: reads a value of a type at a native address (a bigint pointer in koffi 3),
 * optionally `offset` bytes further and as an array of `len` elements (-1: up to a NUL).
 * Decoding a pointer as a function prototype gives a callable {@link KoffiFunction}.
 */
export interface KoffiDecode {
  /** The value of `type` at `ptr`. */
  (ptr: bigint, type: KoffiTypeSpec): unknown;
  /** The value of `type` at `ptr + offset`. */
  (ptr: bigint, offset: number, type: KoffiTypeSpec): unknown;
  /** `len` values of `type` at `ptr + offset` (a typed array for numeric types; -1 reads up to a zero element). */
  (ptr: bigint, offset: number, type: KoffiTypeSpec, len: number): unknown;
  /** The NUL-terminated UTF-16 string at `ptr`. */
  string16(ptr: bigint, length?: number | bigint): string;
}

/** koffi.encode: writes a value of a type at `ptr + offset`. */
export interface KoffiEncode {
  /** Writes `value` as `type` at `ptr + offset`. */
  (ptr: bigint, offset: number, type: KoffiTypeSpec, value: unknown): void;
  /** Writes `len` elements of `value` (an array or typed array) as `type` at `ptr + offset`. */
  (ptr: bigint, offset: number, type: KoffiTypeSpec, value: unknown, len: number): void;
}

/**
 * The koffi module as mapi-emu uses it (koffi ^3: pointers are BigInt values). A structural
 * subset of the koffi module's own declared type, so the real module is assignable to it.
 * @see https://koffi.dev/
 */
export interface Koffi {
  /** Loads a shared library. @throws when it cannot be loaded. */
  load(path: string): KoffiLibrary;
  /** Declares an anonymous struct with C layout (members in order). */
  struct(def: Record<string, KoffiTypeSpec>): KoffiType;
  /** Declares an anonymous struct without padding (`#pragma pack(1)`). */
  pack(def: Record<string, KoffiTypeSpec>): KoffiType;
  /** Declares an anonymous union. */
  union(def: Record<string, KoffiTypeSpec>): KoffiType;
  /** A fixed-length array type of `len` elements. */
  array(type: KoffiTypeSpec, len: number): KoffiType;
  /** A pointer type to `type` (a callback type when `type` is a prototype). */
  pointer(type: KoffiTypeSpec): KoffiType;
  /** An anonymous function prototype (default calling convention). */
  proto(result: KoffiTypeSpec, params: KoffiTypeSpec[]): KoffiType;
  /** Registers a JS function as a native callback of pointer-to-prototype `type`; returns its address. */
  register(callback: (...args: never[]) => unknown, type: KoffiTypeSpec): bigint;
  /** Unregisters a callback from {@link Koffi.register} (koffi allows 8192 at once). */
  unregister(callback: bigint): void;
  /** Allocates `length` elements of `type` (not zero-filled); returns the address. Free with {@link Koffi.free}. */
  alloc(type: KoffiTypeSpec, length: number): bigint;
  /** Frees memory from {@link Koffi.alloc}. */
  free(ptr: bigint): void;
  /** Reads native memory. */
  readonly decode: KoffiDecode;
  /** Writes native memory. */
  readonly encode: KoffiEncode;
}

let cached: Koffi | undefined;

/**
 * The koffi module, loaded on first use.
 * @throws EmulatorError when koffi is not installed or its native part cannot load.
 */
export function loadKoffi(): Koffi {
  if (cached) return cached;
  try {
    // CJS builds have `require`; ESM builds make one (the CJS build never evaluates import.meta).
    const req = typeof require === 'function' ? require : createRequire(import.meta.url);
    const k = req('koffi') as Koffi & { default?: Koffi };
    cached = (typeof k.load === 'function' ? k : k.default) as Koffi;
    if (typeof cached?.load !== 'function') throw new Error('the module has no load()');
    return cached;
  } catch (e) {
    throw new EmulatorError(
      `the Windows backend needs koffi ^3.3.4 (an optional dependency of mapi-emu), which could not be loaded: ${e instanceof Error ? e.message : String(e)}. ` +
        'Install it with `npm install koffi` (its prebuilt binaries need no compiler).',
    );
  }
}

/** True when koffi can be loaded (for skipping tests on platforms without a koffi build). */
export function isKoffiAvailable(): boolean {
  try {
    loadKoffi();
    return true;
  } catch {
    return false;
  }
}
