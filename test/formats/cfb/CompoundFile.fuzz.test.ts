/**
 * Mutations of real samples (and of a file we wrote) must only ever produce
 * MapiError(MAPI_E_CORRUPT_DATA): never another error, never unbounded work. Work is bounded
 * deterministically by counting what the reader asks of its source: every sector is claimed by
 * one chain at most, so opening and reading everything twice reads at most a few times the file.
 * Memory is bounded by refusing any typed array larger than the file (plus a sector).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA } from '../../../src/core/generated/scodes.js';
import { openCompoundFile, writeCompoundFile, type CfbStorage } from '../../../src/formats/cfb/index.js';
import { countingSource, patternBytes, sample } from './helpers.js';
import { parseRaw, type RawCfb } from './rawCfb.js';

type Mutation = { kind: 'xor'; at: number; mask: number } | { kind: 'u32'; at: number; value: number } | { kind: 'truncate'; length: number };

function apply(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = bytes.slice();
  for (const m of mutations) {
    if (m.kind === 'truncate') out = out.subarray(0, Math.min(m.length, out.length));
    else if (m.kind === 'xor') {
      if (m.at < out.length) out[m.at] = (out[m.at] as number) ^ m.mask;
    } else if (m.at + 4 <= out.length) new DataView(out.buffer, out.byteOffset).setUint32(m.at, m.value >>> 0, true);
  }
  return out;
}

/** Swallows MAPI_E_CORRUPT_DATA; anything else fails the property. */
function corruptOk(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!MapiError.is(e, MAPI_E_CORRUPT_DATA)) throw e;
  }
}

type TypedArrayName = 'Uint8Array' | 'Uint32Array' | 'Int32Array';

/**
 * Runs `fn` with the typed-array constructors the reader uses replaced by ones that refuse to
 * allocate more than `limit` bytes at once: the memory bound of the reader, checked directly.
 */
function withAllocationLimit(limit: number, fn: () => void): void {
  const names: TypedArrayName[] = ['Uint8Array', 'Uint32Array', 'Int32Array'];
  const originals = names.map((name) => globalThis[name]);
  names.forEach((name, i) => {
    const original = originals[i] as (typeof globalThis)[TypedArrayName];
    (globalThis as Record<string, unknown>)[name] = new Proxy(original, {
      construct(target, args: unknown[]) {
        if (typeof args[0] === 'number' && args[0] * original.BYTES_PER_ELEMENT > limit) {
          throw new Error(`allocation of ${args[0] * original.BYTES_PER_ELEMENT} bytes (${name}) over the limit of ${limit}`);
        }
        return Reflect.construct(target, args) as object;
      },
    });
  });
  try {
    fn();
  } finally {
    names.forEach((name, i) => ((globalThis as Record<string, unknown>)[name] = originals[i]));
  }
}

/** Opens the file and reads every entry's metadata and every stream (whole and a slice), twice over. */
function exercise(bytes: Uint8Array): void {
  const source = countingSource(bytes);
  withAllocationLimit(bytes.length + 4096, () => exerciseSource(bytes, source));
  // Never a read larger than the file (plus a sector's padding), never more than a few passes.
  expect(source.largestRead).toBeLessThanOrEqual(bytes.length + 4096);
  expect(source.bytesRead).toBeLessThanOrEqual(4 * bytes.length + 8192);
  expect(source.reads.length).toBeLessThanOrEqual(4 * (bytes.length / 64) + 64);
}

function exerciseSource(bytes: Uint8Array, source: ReturnType<typeof countingSource>): void {
  corruptOk(() => {
    const file = openCompoundFile(source);
    const pending: CfbStorage[] = [file.root];
    let entries = 0;
    while (pending.length > 0) {
      const storage = pending.pop() as CfbStorage;
      for (const e of storage.entries()) {
        entries++;
        void [e.clsid, e.stateBits, e.created, e.modified, e.path];
        expect(storage.entry(e.name)).toBeDefined();
        if (e.kind === 'storage') pending.push(e);
        else
          corruptOk(() => {
            const size = e.size;
            expect(size).toBeLessThanOrEqual(bytes.length);
            expect(e.readAll().length).toBe(size);
            expect(e.read(Math.floor(size / 3), 700).length).toBe(Math.min(700, size - Math.floor(size / 3)));
          });
      }
    }
    expect(entries).toBeLessThanOrEqual(bytes.length / 128);
    corruptOk(() => void file.toTree());
  });
}

/** Mutations aimed at the file's structures (positions found with the trusting raw parser). */
function mutationArb(raw: RawCfb): fc.Arbitrary<Mutation> {
  const size = raw.bytes.length;
  const ss = raw.sectorSize;
  const regions: [number, number][] = [[0, 512], ...[...raw.fatSectors, ...raw.dirSectors, ...raw.miniFatSectors, ...raw.difatSectors].map((s): [number, number] => [(s + 1) * ss, (s + 2) * ss])];
  const sectors = raw.sectorCount;
  const count = raw.entries.length;
  const interesting = fc.oneof(
    fc.constantFrom(0, 1, 2, 0xffffffff, 0xfffffffe, 0xfffffffd, 0xfffffffc, 0xfffffffb, 0xfffffffa, 0x7fffffff, 0x80000000, 0x80000001, 63, 64, 4095, 4096, 4097),
    fc.constantFrom(sectors - 1, sectors, sectors + 1, count - 1, count, count + 1, size, size - 1),
    fc.integer({ min: 0, max: sectors + 2 }),
    fc.integer({ min: 0, max: count + 2 }),
    fc.nat(),
  );
  const structural = fc.constantFrom(...regions).chain(([from, to]) => fc.integer({ min: from, max: Math.min(to, size) - 1 }));
  const headerField = fc.constantFrom(0x18, 0x1a, 0x1c, 0x1e, 0x20, 0x28, 0x2c, 0x30, 0x34, 0x38, 0x3c, 0x40, 0x44, 0x48, 0x4c, 0x50, 0x54, 0x58);
  const fatEntry = fc.integer({ min: 0, max: Math.min(sectors + 4, raw.fat.length - 1) }).map((i) => raw.fatEntryOffset(i));
  const miniFatEntry = raw.miniFatSectors.length
    ? fc.integer({ min: 0, max: raw.miniFat.length - 1 }).map((i) => (raw.miniFatSectors[Math.floor(i / (ss / 4))]! + 1) * ss + (i % (ss / 4)) * 4)
    : fatEntry;
  // Left, right, child, start, size low/high, and name length + type + colour as one word.
  const dirField = fc.tuple(fc.integer({ min: 0, max: count - 1 }), fc.constantFrom(0x40, 0x44, 0x48, 0x4c, 0x74, 0x78, 0x7c)).map(([id, field]) => raw.entries[id]!.fileOffset + field);
  // The root entry's child link, mini stream start and mini stream size.
  const rootField = fc.constantFrom(0x4c, 0x74, 0x78, 0x7c).map((field) => raw.entries[0]!.fileOffset + field);
  return fc.oneof(
    fc.record({ kind: fc.constant('xor' as const), at: fc.nat(size - 1), mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('u32' as const), at: rootField, value: interesting }),
    fc.record({ kind: fc.constant('xor' as const), at: structural, mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('u32' as const), at: headerField, value: interesting }),
    fc.record({ kind: fc.constant('u32' as const), at: fatEntry, value: interesting }),
    fc.record({ kind: fc.constant('u32' as const), at: miniFatEntry, value: interesting }),
    fc.record({ kind: fc.constant('u32' as const), at: dirField, value: interesting }),
    fc.record({ kind: fc.constant('truncate' as const), length: fc.nat(size) }),
  );
}

const written = writeCompoundFile({
  children: [
    { kind: 'stream', name: 'a', data: patternBytes(5000, 1) },
    { kind: 'storage', name: 'b', children: [{ kind: 'stream', name: 'c', data: patternBytes(300, 2) }, { kind: 'stream', name: 'd', data: patternBytes(0, 3) }] },
    ...Array.from({ length: 20 }, (_, i) => ({ kind: 'stream' as const, name: `s${i}`, data: patternBytes(i * 97, i) })),
  ],
});

const subjects: [string, Uint8Array, number][] = [
  ['msgreader__Simple.msg', sample('msgreader__Simple.msg'), 350],
  ['msgreader__attachmentFiles.msg', sample('msgreader__attachmentFiles.msg'), 250],
  ['msgreader__msgInMsg.msg', sample('msgreader__msgInMsg.msg'), 150],
  ['a file we wrote (v4)', writeCompoundFile(openCompoundFile(sample('msgreader__Simple.msg')).toTree(), { version: 4 }), 100],
  ['a file we wrote (v3)', written, 200],
];

describe('openCompoundFile on mutated files', () => {
  for (const [name, bytes, runs] of subjects) {
    it(`only ever throws MAPI_E_CORRUPT_DATA, with bounded reads: ${name}`, () => {
      const raw = parseRaw(bytes);
      fc.assert(
        fc.property(fc.array(mutationArb(raw), { minLength: 1, maxLength: 4 }), (mutations) => exercise(apply(bytes, mutations))),
        { numRuns: runs },
      );
    });
  }

  it('survives random bytes after a valid header', () => {
    const header = sample('msgreader__Simple.msg').subarray(0, 512);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 6000 }), (tail) => {
        const bytes = new Uint8Array(512 + tail.length);
        bytes.set(header);
        bytes.set(tail, 512);
        exercise(bytes);
      }),
      { numRuns: 100 },
    );
  });
});
