/**
 * NativeMemory's copies and ImageWriter's reused buffers: the marshalling code reads MAPI
 * structures through copies carved from shared JS slabs and writes them through buffers
 * handed from one writer to the next, so these check that sharing never shows: a copy keeps
 * its bytes whatever is read after it, a byte string is the caller's own, and a writer
 * always starts from zeros.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ImageWriter } from '../../src/providers/windows/abi/writer.js';
import { expectNoLeaks, makeTestAbi, type TestAbi } from './helpers.js';

let abi: TestAbi;
afterEach(() => {
  expectNoLeaks(abi.tracker);
  abi.tracker.dispose();
});

/** Native memory holding `n` bytes of a pattern that differs with `seed`; free with mem.free. */
function nativeBytes(n: number, seed: number): { ptr: bigint; bytes: Uint8Array } {
  const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed * 13 + 1) & 0xff);
  const ptr = abi.mem.alloc(n);
  abi.mem.writeBytes(ptr, bytes);
  return { ptr, bytes };
}

describe('NativeMemory.view', () => {
  it('copies: a view keeps its bytes after the memory changes and after many more views (several slabs)', () => {
    abi = makeTestAbi();
    const { mem } = abi;
    const a = nativeBytes(240, 1);
    const first = mem.view(a.ptr, 240);
    const later: DataView[] = [];
    // 240-byte views: a 64 KiB slab holds 273 of them, so this crosses into new slabs.
    for (let i = 0; i < 700; i++) later.push(mem.view(a.ptr, 240));
    mem.writeBytes(a.ptr, new Uint8Array(240).fill(0xee));
    const after = mem.view(a.ptr, 240);
    expect(new Uint8Array(first.buffer, first.byteOffset, first.byteLength)).toEqual(a.bytes);
    expect(later.every((v) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength).every((b, i) => b === a.bytes[i]))).toBe(true);
    expect([after.byteLength, after.getUint8(0), after.getUint8(239)]).toEqual([240, 0xee, 0xee]);
    mem.free(a.ptr);
  });

  it('delimits each copy: byteLength is the length asked for, small and large (past the slab copy limit)', () => {
    abi = makeTestAbi();
    const { mem } = abi;
    for (const n of [1, 3, 24, 4096, 16 * 1024 + 8, 70_000]) {
      const a = nativeBytes(n, n);
      const v = mem.view(a.ptr, n);
      expect(v.byteLength).toBe(n);
      expect(Buffer.from(v.buffer, v.byteOffset, v.byteLength).equals(a.bytes)).toBe(true);
      mem.free(a.ptr);
    }
    expect(mem.view(0x1000n, 0).byteLength).toBe(0);
  });
});

describe('NativeMemory.readBytes', () => {
  it("returns the caller's own array: later reads and writes to it change nothing else", () => {
    abi = makeTestAbi();
    const { mem } = abi;
    const a = nativeBytes(16, 2);
    const b = nativeBytes(300, 3);
    const x = mem.readBytes(a.ptr, 16);
    const y = mem.readBytes(b.ptr, 300);
    x.fill(0);
    const z = mem.readBytes(a.ptr, 16);
    expect([x.buffer === y.buffer, y.byteOffset, y.buffer.byteLength]).toEqual([false, 0, 300]);
    expect(y).toEqual(b.bytes);
    expect(z).toEqual(a.bytes);
    mem.free(a.ptr);
    mem.free(b.ptr);
  });
});

describe('NativeMemory.fill and alloc', () => {
  it('fill sets exactly the bytes asked for; alloc gives zeroed memory', () => {
    abi = makeTestAbi();
    const { mem } = abi;
    const p = mem.alloc(5000);
    expect(mem.readBytes(p, 5000).every((b) => b === 0)).toBe(true);
    mem.fill(p, 4999, 0xab);
    mem.fill(p, 10, 0x11);
    const got = mem.readBytes(p, 5000);
    expect([got[0], got[9], got[10], got[4998], got[4999]]).toEqual([0x11, 0x11, 0xab, 0xab, 0]);
    mem.free(p);
  });
});

describe('ImageWriter', () => {
  it('a writer after committed ones starts from zeros (padding and reserved bytes included)', () => {
    abi = makeTestAbi();
    for (let i = 0; i < 6; i++) {
      const w = new ImageWriter(64);
      const at = w.reserve(200, 8);
      for (let k = 0; k < 200; k++) w.u8(at + k, 0xff);
      abi.alloc.freeBuffer(w.commit(abi.mem, abi.alloc));
    }
    const w = new ImageWriter(64);
    w.u8(w.reserve(1, 1), 0x42);
    // Within the recycled buffer's length (no growth, which would copy only the used bytes).
    const gapped = w.reserve(150, 8);
    const bytes = w.resolve(0n);
    expect([gapped, bytes.length, bytes[0]]).toEqual([8, 158, 0x42]);
    expect(bytes.subarray(1).every((b) => b === 0)).toBe(true);
  });

  it('commit copies the structure to MAPI memory and leaves the writer empty', () => {
    abi = makeTestAbi();
    const w = new ImageWriter();
    const at = w.reserve(8, 8);
    w.u32(at, 0x01020304);
    w.ptrTo(at, at);
    const p = w.commit(abi.mem, abi.alloc);
    expect(abi.mem.u64(p)).toBe(p);
    expect(w.size).toBe(0);
    abi.alloc.freeBuffer(p);
  });
});
