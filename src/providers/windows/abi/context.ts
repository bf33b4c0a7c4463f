import type { MapiAllocator } from './allocator.js';
import type { NativeMemory } from './memory.js';

/**
 * What marshalling needs: memory access, the MAPI allocator, and the ANSI code page PT_STRING8
 * values are in (CP_ACP of the machine MAPI runs on).
 */
export interface AbiContext {
  /** Native memory access. */
  readonly mem: NativeMemory;
  /** MAPIAllocateBuffer / More / FreeBuffer of the loaded library. */
  readonly alloc: MapiAllocator;
  /** The ANSI code page of PT_STRING8 values and LPSTR parameters (GetACP()). */
  readonly codePage: number;
}
