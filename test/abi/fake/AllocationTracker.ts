/**
 * The fake MAPI's allocator: MAPIAllocateBuffer / MAPIAllocateMore / MAPIFreeBuffer with
 * bookkeeping, so tests can assert that every buffer crossing the ABI is freed exactly once.
 *
 * - A top-level block (MAPIAllocateBuffer) owns the blocks chained to it (MAPIAllocateMore);
 *   MAPIFreeBuffer frees the whole chain (mapifreebuffer.md).
 * - Freeing NULL is a no-op; freeing a chained block, an address never allocated, or a block
 *   already freed is recorded as a problem (and does nothing: real MAPI would corrupt its heap).
 * - With `retainFreed` (the default), freed memory is poisoned with 0xDD and kept, so its
 *   address is never handed out again: a double free is always recognised as one, and a read
 *   after free sees the poison instead of plausible data.
 * - New blocks are filled with 0xCD, so nothing relies on MAPIAllocateBuffer zeroing memory.
 */
import type { Koffi } from '../../../src/providers/windows/koffi.js';
import type { MapiAllocator } from '../../../src/providers/windows/abi/allocator.js';
import { NativeMemory, type Pointer } from '../../../src/providers/windows/abi/memory.js';

/** Something the tracker saw that real MAPI would not survive. */
export interface AllocationProblem {
  kind: 'double-free' | 'free-of-chained-block' | 'free-of-unknown-pointer' | 'more-on-unknown-parent';
  ptr: Pointer;
  /** The label of the block (what allocated it), when known. */
  label?: string;
}

interface Block {
  size: number;
  children: { ptr: Pointer; size: number }[];
  label: string;
}

/** Options of {@link AllocationTracker}. */
export interface AllocationTrackerOptions {
  /** Keep freed memory (poisoned) so addresses are never reused [true]. */
  retainFreed?: boolean;
}

/** MAPI's allocation functions with leak and double-free detection. */
export class AllocationTracker implements MapiAllocator {
  private readonly live = new Map<Pointer, Block>();
  private readonly chained = new Map<Pointer, Pointer>();
  private readonly freed = new Map<Pointer, string>();
  private readonly kept: Pointer[] = [];
  /** Problems seen so far. */
  readonly problems: AllocationProblem[] = [];
  /** Counts, for reports. */
  allocations = 0;
  frees = 0;
  /** What the next allocations are labelled with (the fake sets it to the method it is running). */
  label = '';
  private readonly retainFreed: boolean;
  /** Fills new and freed blocks. */
  private readonly mem: NativeMemory;

  constructor(
    private readonly koffi: Koffi,
    options: AllocationTrackerOptions = {},
  ) {
    this.retainFreed = options.retainFreed ?? true;
    this.mem = new NativeMemory(koffi);
  }

  private raw(size: number): Pointer {
    const n = Math.max(1, size);
    const p = this.koffi.alloc('uint8_t', n) as bigint;
    this.mem.fill(p, n, 0xcd);
    return p;
  }

  private release(p: Pointer, size: number): void {
    if (this.retainFreed) {
      this.mem.fill(p, Math.max(1, size), 0xdd);
      this.kept.push(p);
    } else {
      this.koffi.free(p);
    }
  }

  /** MAPIAllocateBuffer. */
  allocateBuffer(cb: number): Pointer {
    const p = this.raw(cb);
    this.live.set(p, { size: cb, children: [], label: this.label });
    this.freed.delete(p);
    this.allocations++;
    return p;
  }

  /** MAPIAllocateMore: the block goes with `lpObject`'s chain. */
  allocateMore(cb: number, lpObject: Pointer): Pointer {
    const root = this.live.has(lpObject) ? lpObject : this.chained.get(lpObject);
    const block = root === undefined ? undefined : this.live.get(root);
    if (root === undefined || !block) {
      this.problems.push({ kind: 'more-on-unknown-parent', ptr: lpObject, label: this.label });
      return this.allocateBuffer(cb);
    }
    const p = this.raw(cb);
    block.children.push({ ptr: p, size: cb });
    this.chained.set(p, root);
    this.allocations++;
    return p;
  }

  /** MAPIFreeBuffer: frees a top-level block and its chain. */
  freeBuffer(lpBuffer: Pointer | null): void {
    if (lpBuffer === null || lpBuffer === 0n) return;
    const block = this.live.get(lpBuffer);
    if (!block) {
      const label = this.freed.get(lpBuffer);
      if (label !== undefined) this.problems.push({ kind: 'double-free', ptr: lpBuffer, label });
      else if (this.chained.has(lpBuffer)) this.problems.push({ kind: 'free-of-chained-block', ptr: lpBuffer, label: this.live.get(this.chained.get(lpBuffer) as Pointer)?.label });
      else this.problems.push({ kind: 'free-of-unknown-pointer', ptr: lpBuffer });
      return;
    }
    for (const c of block.children) {
      this.chained.delete(c.ptr);
      this.release(c.ptr, c.size);
    }
    this.live.delete(lpBuffer);
    this.release(lpBuffer, block.size);
    if (this.retainFreed) this.freed.set(lpBuffer, block.label);
    this.frees++;
  }

  /** True when `p` is a live top-level block. */
  isLive(p: Pointer): boolean {
    return this.live.has(p);
  }

  /** Top-level blocks not freed yet, with their labels. */
  leaks(): { ptr: Pointer; size: number; label: string }[] {
    return [...this.live].map(([ptr, b]) => ({ ptr, size: b.size, label: b.label }));
  }

  /** A readable summary: allocations, frees, leaks and problems. */
  report(): string {
    const leaks = this.leaks();
    const lines = [`${this.allocations} allocations, ${this.frees} top-level frees, ${leaks.length} leaked, ${this.problems.length} problems`];
    for (const l of leaks.slice(0, 20)) lines.push(`  leak: ${l.size} bytes from ${l.label || '(unlabelled)'}`);
    for (const p of this.problems.slice(0, 20)) lines.push(`  ${p.kind}: 0x${p.ptr.toString(16)}${p.label ? ` (${p.label})` : ''}`);
    return lines.join('\n');
  }

  /** Frees everything still held (the retained freed blocks too); the tracker is unusable afterwards. */
  dispose(): void {
    for (const [p, b] of this.live) {
      for (const c of b.children) this.koffi.free(c.ptr);
      this.koffi.free(p);
    }
    this.live.clear();
    this.chained.clear();
    for (const p of this.kept) this.koffi.free(p);
    this.kept.length = 0;
  }
}
