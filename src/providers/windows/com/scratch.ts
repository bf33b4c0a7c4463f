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
    private readonly onDispose: () => void,
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
    this.onDispose();
  }
}

/** The scratch stack of out cells. */
export class ScratchStack {
  private readonly base: Pointer;
  private top = 0;

  constructor(
    private readonly mem: NativeMemory,
    private readonly size = 4096,
  ) {
    this.base = mem.alloc(size);
  }

  /** A frame of `cells` zeroed cells; dispose it (in a finally) right after the native call. */
  frame(cells: number): OutFrame {
    const bytes = Math.max(1, cells) * CELL;
    if (this.top + bytes > this.size) {
      // Deeper than any real call chain: a frame of its own.
      const p = this.mem.alloc(bytes);
      return new OutFrame(this.mem, p, () => this.mem.free(p));
    }
    const at = this.top;
    const p = this.base + BigInt(at);
    this.mem.writeBytes(p, new Uint8Array(bytes));
    this.top += bytes;
    return new OutFrame(this.mem, p, () => {
      this.top = at;
    });
  }

  /** Frees the scratch area. */
  dispose(): void {
    this.mem.free(this.base);
  }
}
