/** Shared set-up of the ABI tests: koffi, native memory access and a tracking allocator. */
import { expect } from 'vitest';
import { loadRealKoffi, type RealKoffi } from './realKoffi.js';
import { NativeMemory } from '../../src/providers/windows/abi/memory.js';
import type { AbiContext } from '../../src/providers/windows/abi/context.js';
import { AllocationTracker } from './fake/AllocationTracker.js';

/** Native memory plus a tracking allocator (code page 1252, like the emulator's default machine). */
export interface TestAbi extends AbiContext {
  koffi: RealKoffi;
  tracker: AllocationTracker;
}

/** A fresh tracking ABI context. */
export function makeTestAbi(): TestAbi {
  const koffi = loadRealKoffi();
  const tracker = new AllocationTracker(koffi);
  return { koffi, mem: new NativeMemory(koffi), alloc: tracker, tracker, codePage: 1252 };
}

/** Asserts the tracker saw no leak and no bad free. */
export function expectNoLeaks(tracker: AllocationTracker): void {
  expect(tracker.problems, tracker.report()).toEqual([]);
  expect(tracker.leaks(), tracker.report()).toEqual([]);
}

import { bindMapiLibrary, MAPI_EXPORT_SIGNATURES, type MapiLibrary, type MapiLibraryExports } from '../../src/providers/windows/library/MapiLibrary.js';
import { functionType } from '../../src/providers/windows/com/protos.js';
import { ptrArg } from '../../src/providers/windows/com/protos.js';
import { SRow, SRowSet } from '../../src/providers/windows/abi/layout.js';
import { MAPI_E_NO_SUPPORT } from '../../src/core/generated/scodes.js';

/** A MAPI library without MAPI: the allocation exports over a tracker, the rest answering MAPI_E_NO_SUPPORT (for call-layer tests). */
export interface LocalLibrary {
  library: MapiLibrary;
  abi: TestAbi;
  dispose(): void;
}

/** Builds a {@link LocalLibrary}; `overrides` replaces exports (e.g. MAPILogonEx). */
export function makeLocalLibrary(overrides: Partial<Record<keyof MapiLibraryExports, (...a: unknown[]) => number | undefined>> = {}): LocalLibrary {
  const abi = makeTestAbi();
  const { koffi, tracker, mem } = abi;
  const freeRows = (p: unknown) => {
    const ptr = ptrArg(p);
    if (ptr === null) return undefined;
    const n = mem.u32(ptr, SRowSet.cRows);
    for (let i = 0; i < n; i++) tracker.freeBuffer(mem.ptr(ptr, SRowSet.aRow + i * SRowSet.stride + SRow.lpProps));
    tracker.freeBuffer(ptr);
    return undefined;
  };
  const impls: Record<string, (...a: unknown[]) => number | undefined> = {
    MAPIAllocateBuffer: (cb, pp) => (mem.writePtr(ptrArg(pp) as bigint, 0, tracker.allocateBuffer(Number(cb))), 0),
    MAPIAllocateMore: (cb, parent, pp) => (mem.writePtr(ptrArg(pp) as bigint, 0, tracker.allocateMore(Number(cb), ptrArg(parent) ?? 0n)), 0),
    MAPIFreeBuffer: (p) => (tracker.freeBuffer(ptrArg(p)), 0),
    FreeProws: freeRows,
    FreePadrlist: freeRows,
    CoTaskMemFree: (p) => (tracker.freeBuffer(ptrArg(p)), undefined),
    MAPIUninitialize: () => undefined,
    ...overrides,
  };
  const callbacks: bigint[] = [];
  const addresses = new Map<string, bigint>();
  for (const [name, [ret, params]] of Object.entries(MAPI_EXPORT_SIGNATURES)) {
    const impl = impls[name] ?? (() => MAPI_E_NO_SUPPORT | 0);
    const cb = koffi.register((...a: unknown[]) => {
      const r = impl(...a);
      return ret === 'void' ? undefined : (r ?? 0);
    }, koffi.pointer(functionType(koffi, ret, params))) as bigint;
    callbacks.push(cb);
    addresses.set(name, cb);
  }
  const library = bindMapiLibrary(koffi, (n) => addresses.get(n) ?? null, { path: 'local test library', codePage: 1252 });
  return {
    library,
    abi,
    dispose() {
      for (const cb of callbacks) koffi.unregister(cb);
      tracker.dispose();
    },
  };
}
