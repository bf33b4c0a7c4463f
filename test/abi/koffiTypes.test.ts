/**
 * mapi-emu's structural koffi types (src/providers/windows/koffi.ts) describe the real module:
 * the published declarations use them instead of importing 'koffi' (an optional dependency),
 * so they must stay a faithful subset of koffi's own declarations and runtime.
 */
import { describe, expect, it } from 'vitest';
import type * as KoffiModule from 'koffi';
import { isKoffiAvailable, loadKoffi, type Koffi, type KoffiLibrary, type KoffiPrimitiveKind, type KoffiType } from '../../src/providers/windows/koffi.js';

// Compile-time checks (npx tsc --noEmit -p .): koffi's module, as a namespace import and as its
// default export (loadKoffi accepts either), is assignable to Koffi, and its type objects to ours.
type Assignable<From extends To, To> = From;
export type KoffiModuleIsKoffi = Assignable<typeof KoffiModule, Koffi>;
export type KoffiDefaultIsKoffi = Assignable<(typeof KoffiModule)['default'], Koffi>;
export type TypeObjectIsKoffiType = Assignable<KoffiModule.TypeObject, KoffiType>;
export type KoffiTypeIsTypeObject = Assignable<KoffiType, KoffiModule.TypeObject>;
export type LibraryHandleIsKoffiLibrary = Assignable<KoffiModule.LibraryHandle, KoffiLibrary>;

/** Every member of Koffi (the Record makes the compiler reject a missing or extra name). */
const MEMBERS: Record<keyof Koffi, 'function'> = {
  load: 'function', struct: 'function', pack: 'function', union: 'function', array: 'function', pointer: 'function',
  proto: 'function', register: 'function', unregister: 'function', alloc: 'function', free: 'function', decode: 'function',
  encode: 'function',
};

const PRIMITIVES: Record<KoffiPrimitiveKind, true> = {
  Void: true, Bool: true, Int8: true, UInt8: true, Int16: true, Int16S: true, UInt16: true, UInt16S: true, Int32: true,
  Int32S: true, UInt32: true, UInt32S: true, Int64: true, Int64S: true, UInt64: true, UInt64S: true, String: true,
  String16: true, Pointer: true, Record: true, Union: true, Array: true, Float32: true, Float64: true, Prototype: true,
  Callback: true,
};

describe.skipIf(!isKoffiAvailable())('Koffi (the structural type of the koffi module)', () => {
  it('names only members the loaded koffi module has, with their kinds', () => {
    const koffi = loadKoffi() as unknown as Record<string, unknown>;
    for (const [name, kind] of Object.entries(MEMBERS)) expect(typeof koffi[name], name).toBe(kind);
    expect(typeof loadKoffi().decode.string16).toBe('function');
  });

  it('describes the type objects koffi builds (struct, union, array, pointer, prototype)', () => {
    const koffi = loadKoffi();
    const s = koffi.struct({ a: 'uint32_t', b: koffi.array('uint8_t', 3) });
    const built: KoffiType[] = [s, koffi.union({ x: 'int64_t', y: s }), koffi.pointer(s), koffi.proto('int32_t', ['void *', 'uint32_t'])];
    for (const t of built) {
      expect([typeof t.name, typeof t.size, typeof t.alignment, typeof t.disposable]).toEqual(['string', 'number', 'number', 'boolean']);
      expect(Object.keys(PRIMITIVES)).toContain(t.primitive);
    }
    expect([s.primitive, s.size, s.alignment]).toEqual(['Record', 8, 4]);
  });
});
