import { GUID } from '../props/guid.js';

/**
 * Where new identifiers come from: GUIDs (MAPIUIDs, search keys, conversation GUIDs) and
 * counters. The subsystem's source is deterministic when seeded, so a test's entry IDs and
 * keys are the same on every run.
 */
export interface IdSource {
  /** A new random-looking 16-byte GUID. */
  guid(): GUID;
  /** `n` new random-looking bytes. */
  bytes(n: number): Uint8Array;
  /** A new value of a counter that only grows (per source), from 1. */
  counter(): number;
}

/**
 * A seeded, deterministic IdSource (xoshiro128** PRNG): the same seed gives the same
 * identifiers in the same order.
 */
export class SeededIds implements IdSource {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private count = 0;

  constructor(seed = 0x6d617069) {
    // splitmix32 to spread the seed over the state.
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  private nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.nextUint32();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (j * 8)) & 0xff;
    }
    return out;
  }

  guid(): GUID {
    const b = this.bytes(16);
    // RFC 4122 version 4 / variant bits, so the GUIDs look like real ones.
    b[7] = ((b[7] as number) & 0x0f) | 0x40;
    b[8] = ((b[8] as number) & 0x3f) | 0x80;
    return new GUID(b);
  }

  counter(): number {
    return ++this.count;
  }

  /** The generator's position, for world snapshots. */
  snapshot(): SeededIdsState {
    return { s: [this.s0, this.s1, this.s2, this.s3], count: this.count };
  }

  /** Goes back to a position saved by {@link snapshot}: the same identifiers follow again. */
  restore(state: unknown): void {
    const st = state as Partial<SeededIdsState> | null;
    if (!st || !Array.isArray(st.s) || st.s.length !== 4 || typeof st.count !== 'number') throw new RangeError('[mapi-emu] SeededIds.restore: not a state made by SeededIds.snapshot()');
    [this.s0, this.s1, this.s2, this.s3] = st.s as [number, number, number, number];
    this.count = st.count;
  }
}

/** The position of a {@link SeededIds} generator. */
export interface SeededIdsState {
  /** The xoshiro128** state words. */
  readonly s: readonly [number, number, number, number];
  /** The counter. */
  readonly count: number;
}

/** A non-deterministic IdSource on crypto.getRandomValues. */
export class RandomIds implements IdSource {
  private count = 0;

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    globalThis.crypto.getRandomValues(out);
    return out;
  }

  guid(): GUID {
    const b = this.bytes(16);
    b[7] = ((b[7] as number) & 0x0f) | 0x40;
    b[8] = ((b[8] as number) & 0x3f) | 0x80;
    return new GUID(b);
  }

  counter(): number {
    return ++this.count;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
