/**
 * The fake's allocation tracker (what the conformance run's "zero leaks, zero double frees"
 * rests on) and the backend's allocator over native exports.
 */
import { describe, expect, it } from 'vitest';
import { makeLocalLibrary, makeTestAbi } from './helpers.js';
import { allocatorFromExports } from '../../src/providers/windows/abi/allocator.js';
import { WindowsMapi } from '../../src/providers/windows/WindowsMapi.js';

describe('AllocationTracker (MAPIAllocateBuffer / MAPIAllocateMore / MAPIFreeBuffer)', () => {
  it('MAPIFreeBuffer frees a block with everything chained to it; nothing leaks', () => {
    const { tracker } = makeTestAbi();
    const root = tracker.allocateBuffer(16);
    tracker.allocateMore(8, root);
    const more = tracker.allocateMore(8, root);
    tracker.allocateMore(4, more); // chained through a chained block: still root's chain
    expect(tracker.leaks()).toHaveLength(1);
    tracker.freeBuffer(root);
    expect(tracker.leaks()).toEqual([]);
    expect(tracker.problems).toEqual([]);
    tracker.dispose();
  });

  it('reports leaks with the label of what allocated them', () => {
    const { tracker } = makeTestAbi();
    tracker.label = 'IMAPITable::QueryRows';
    tracker.allocateBuffer(24);
    expect(tracker.leaks()).toMatchObject([{ size: 24, label: 'IMAPITable::QueryRows' }]);
    tracker.dispose();
  });

  it('double frees, frees of chained blocks and of unknown pointers are problems; NULL is a no-op', () => {
    const { tracker } = makeTestAbi();
    const a = tracker.allocateBuffer(8);
    const m = tracker.allocateMore(8, a);
    tracker.freeBuffer(m);
    tracker.freeBuffer(a);
    tracker.freeBuffer(a);
    tracker.freeBuffer(0x1234n);
    tracker.freeBuffer(null);
    expect(tracker.problems.map((p) => p.kind)).toEqual(['free-of-chained-block', 'double-free', 'free-of-unknown-pointer']);
    tracker.dispose();
  });

  it('freed memory is poisoned (0xDD), new memory is not zeroed (0xCD)', () => {
    const { tracker, koffi } = makeTestAbi();
    const a = tracker.allocateBuffer(4);
    expect(Array.from(koffi.decode(a, 0, 'uint8_t', 4) as Uint8Array)).toEqual([0xcd, 0xcd, 0xcd, 0xcd]);
    tracker.freeBuffer(a);
    expect(Array.from(koffi.decode(a, 0, 'uint8_t', 4) as Uint8Array)).toEqual([0xdd, 0xdd, 0xdd, 0xdd]);
    tracker.dispose();
  });
});

describe('allocatorFromExports', () => {
  it('allocates through the exported functions of the library, with a scratch out cell', () => {
    const local = makeLocalLibrary();
    const mapi = new WindowsMapi(local.library);
    const alloc = mapi.runtime.alloc;
    const p = alloc.allocateBuffer(32);
    const q = alloc.allocateMore(8, p);
    expect(local.abi.tracker.isLive(p)).toBe(true);
    expect(q).not.toBe(p);
    alloc.freeBuffer(p);
    alloc.freeBuffer(null);
    expect(local.abi.tracker.leaks()).toEqual([]);
    expect(local.abi.tracker.problems).toEqual([]);
    mapi.dispose();
    local.dispose();
  });

  it('a failing MAPIAllocateBuffer becomes MAPI_E_NOT_ENOUGH_MEMORY', () => {
    const alloc = allocatorFromExports(
      { MAPIAllocateBuffer: () => 0x8007000e | 0, MAPIAllocateMore: () => 0x8007000e | 0, MAPIFreeBuffer: () => 0 },
      () => ({ ptr: 0n, read: () => null, dispose: () => undefined }),
    );
    expect(() => alloc.allocateBuffer(8)).toThrowError(expect.objectContaining({ scode: 0x8007000e }));
  });
});
