/**
 * koffi function types for vtable slots and exported functions, from the explicit widths of
 * the generated layouts (§1.2 of the ABI reference: `this` and every pointer `void *`, ULONG
 * `uint32_t`, LONG/HRESULT `int32_t`, ULONG_PTR/BOOKMARK/LARGE_INTEGER 64-bit).
 */
import type { Koffi, KoffiType } from '../koffi.js';
import type { AbiWidth, MethodLayout } from './layoutTypes.js';

const C_TYPE: Record<AbiWidth | 'void', string> = { u32: 'uint32_t', i32: 'int32_t', u64: 'uint64_t', i64: 'int64_t', ptr: 'void *', void: 'void' };

const cache = new WeakMap<Koffi, Map<string, KoffiType>>();

/** The koffi type of a function returning `ret` with parameters `params` (anonymous, shared by identical signatures). */
export function functionType(koffi: Koffi, ret: AbiWidth | 'void', params: readonly AbiWidth[]): KoffiType {
  let byKey = cache.get(koffi);
  if (!byKey) cache.set(koffi, (byKey = new Map()));
  const key = `${ret}(${params.join(',')})`;
  let t = byKey.get(key);
  if (!t) {
    t = koffi.proto(C_TYPE[ret], params.map((p) => C_TYPE[p]));
    byKey.set(key, t);
  }
  return t;
}

/** The koffi type of a vtable slot: `this` (a pointer) first, then the method's parameters. */
export function methodType(koffi: Koffi, m: MethodLayout): KoffiType {
  return functionType(koffi, m.ret, ['ptr', ...m.params.map((p) => p[1])]);
}

/** Normalises a 64-bit value koffi hands a callback (a number when it fits, else a bigint) to an unsigned bigint. */
export function u64Arg(v: unknown): bigint {
  if (typeof v === 'bigint') return BigInt.asUintN(64, v);
  if (typeof v === 'number') return BigInt.asUintN(64, BigInt(Math.trunc(v)));
  return 0n;
}

/** Normalises a pointer koffi hands a callback (bigint, or null for NULL). */
export function ptrArg(v: unknown): bigint | null {
  if (typeof v === 'bigint') return v === 0n ? null : v;
  if (typeof v === 'number') return v === 0 ? null : BigInt(v);
  return null;
}
