/**
 * Out-parameter cells: the 8-byte cells a COM call writes its results into (`&lpTable`,
 * `&cValues`, ...). They come from one native scratch area used as a stack: a frame is taken
 * right before a native call and given back right after it, before any `await`, so nested
 * calls (a callback that itself calls MAPI) take frames above the caller's.
 */
import type { NativeMemory, Pointer } from '../abi/memory.js';

const CELL = 8;

/** A frame of zeroed 8-byte cells. */
export class OutFrame {
  constructor(
    private readonly mem: NativeMemory,
    /** Address of the first cell. */
    readonly base: Pointer,
    /** The stack the frame is on and the stack top to go back to, or null for a frame with its own block. */
    private readonly stack: ScratchStack | null,
    private readonly top: number,
  ) {}

  /** Address of cell `i`. */
  cell(i: number): Pointer {
    return this.base + BigInt(i * CELL);
  }
  /** The ULONG written into cell `i`. */
  u32(i: number): number {
    return this.mem.u32(this.base, i * CELL);
  }
  /** The LONG written into cell `i`. */
  i32(i: number): number {
    return this.mem.i32(this.base, i * CELL);
  }
  /** The 64-bit value written into cell `i`. */
  u64(i: number): bigint {
    return this.mem.u64(this.base, i * CELL);
  }
  /** The pointer written into cell `i` (null for NULL). */
  ptr(i: number): Pointer | null {
    return this.mem.ptr(this.base, i * CELL);
  }
  /** Gives the frame back. */
  dispose(): void {
    if (this.stack) this.stack.release(this.top);
    else this.mem.free(this.base);
  }
}

/** The scratch stack of out cells. */
export class ScratchStack {
  private readonly base: Pointer;
  private top = 0;
  /** Zeros to clear frames with: one off-heap array made once (a new small one per frame costs more than the call it serves). */
  private readonly zeros: Uint8Array;

  constructor(
    private readonly mem: NativeMemory,
    private readonly size = 4096,
  ) {
    this.base = mem.alloc(size);
    this.zeros = new Uint8Array(Math.max(size, 128));
  }

  /** A frame of `cells` zeroed cells; dispose it (in a finally) right after the native call. */
  frame(cells: number): OutFrame {
    const bytes = Math.max(1, cells) * CELL;
    if (this.top + bytes > this.size) {
      // Deeper than any real call chain: a frame of its own.
      return new OutFrame(this.mem, this.mem.alloc(bytes), null, 0);
    }
    const at = this.top;
    const p = this.base + BigInt(at);
    this.mem.writeBytes(p, this.zeros.subarray(0, bytes));
    this.top += bytes;
    return new OutFrame(this.mem, p, this, at);
  }

  /** Pops the frames above `top` (OutFrame.dispose). */
  release(top: number): void {
    this.top = top;
  }

  /** Frees the scratch area. */
  dispose(): void {
    this.mem.free(this.base);
  }
}
