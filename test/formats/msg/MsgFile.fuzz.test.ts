/**
 * Mutations of real samples must only ever produce MapiError(MAPI_E_CORRUPT_DATA) from the .msg
 * reader (or a successful read): never a TypeError or RangeError, never unbounded work. Two
 * kinds of mutations: raw bytes of the file (byte flips, truncation, FAT entries and directory
 * links, so sector chains break), and the .msg structures inside a valid compound file (property
 * stream entries, sizes and headers, the named-property streams, MV length streams, missing
 * value streams). Work is bounded by counting what the reader asks of its source, memory by
 * refusing any typed array larger than twice the file (plus 1 MiB).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA } from '../../../src/core/generated/scodes.js';
import { openCompoundFile, writeCompoundFile, type CfbNode, type CfbRootNode } from '../../../src/formats/cfb/index.js';
import { MsgFile } from '../../../src/formats/msg/index.js';
import { parseRaw, type RawCfb } from '../cfb/rawCfb.js';
import { countingSource, newNames, sample } from './helpers.js';

type TypedArrayName = 'Uint8Array' | 'Uint16Array' | 'Uint32Array' | 'Int32Array';

/** Runs `fn` with typed-array constructors that refuse to allocate more than `limit` bytes at once (the memory bound). */
function withAllocationLimit(limit: number, fn: () => void): void {
  const names: TypedArrayName[] = ['Uint8Array', 'Uint16Array', 'Uint32Array', 'Int32Array'];
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

/** Reads everything; MAPI_E_CORRUPT_DATA is an accepted answer, anything else fails. */
function readAll(bytes: Uint8Array): void {
  const source = countingSource(bytes);
  // 1 MiB of slack: iconv-lite builds a code page's decoding tables (128 KiB) the first time it meets it.
  withAllocationLimit(2 * bytes.length + 1048576, () => readAllFrom(source));
  // Each stream is read once or twice (the property streams of subobjects twice): a few passes at most.
  expect(source.bytesRead).toBeLessThanOrEqual(6 * bytes.length + 8192);
}

function readAllFrom(source: ReturnType<typeof countingSource>): void {
  try {
    const file = MsgFile.open(source, newNames());
    file.getProps([0x0037001f, 0x1000001f]);
    file.content();
  } catch (e) {
    if (!MapiError.is(e, MAPI_E_CORRUPT_DATA)) throw e;
  }
}

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

const interesting = (n: number) => fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 7, 8, 15, 16, 0xffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff), fc.integer({ min: 0, max: n + 16 }), fc.nat());

/** Raw mutations: anywhere, FAT entries, directory links and sizes, truncation. */
function rawMutation(raw: RawCfb): fc.Arbitrary<Mutation> {
  const size = raw.bytes.length;
  const fatEntry = fc.integer({ min: 0, max: Math.min(raw.sectorCount + 4, raw.fat.length - 1) }).map((i) => raw.fatEntryOffset(i));
  const dirField = fc.tuple(fc.integer({ min: 0, max: raw.entries.length - 1 }), fc.constantFrom(0x40, 0x44, 0x48, 0x4c, 0x74, 0x78)).map(([id, f]) => raw.entries[id]!.fileOffset + f);
  return fc.oneof(
    fc.record({ kind: fc.constant('xor' as const), at: fc.nat(size - 1), mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('u32' as const), at: fatEntry, value: interesting(raw.sectorCount) }),
    fc.record({ kind: fc.constant('u32' as const), at: dirField, value: interesting(raw.entries.length) }),
    fc.record({ kind: fc.constant('truncate' as const), length: fc.nat(size) }),
  );
}

/** Every stream of a tree with its path. */
function streamsOf(root: CfbRootNode): { path: string; data: Uint8Array }[] {
  const out: { path: string; data: Uint8Array }[] = [];
  const walk = (nodes: readonly CfbNode[], prefix: string) => {
    for (const n of nodes) {
      if (n.kind === 'stream') out.push({ path: prefix + n.name, data: n.data });
      else walk(n.children, `${prefix}${n.name}/`);
    }
  };
  walk(root.children, '');
  return out;
}

/** The tree with one stream's bytes replaced (undefined: the stream removed). */
function replaceStream(root: CfbRootNode, path: string, data: Uint8Array | undefined): CfbRootNode {
  const edit = (nodes: readonly CfbNode[], prefix: string): CfbNode[] =>
    nodes.flatMap((n): CfbNode[] => {
      if (n.kind === 'stream') return prefix + n.name === path ? (data ? [{ ...n, data }] : []) : [n];
      return [{ ...n, children: edit(n.children, `${prefix}${n.name}/`) }];
    });
  return { ...root, children: edit(root.children, '') };
}

/** .msg-level mutations: a stream of the message structure gets flipped bytes, new u32 fields, a new length, or goes away. */
function structuralCase(root: CfbRootNode) {
  const streams = streamsOf(root);
  // Property streams, the named-property map and MV length streams are where the structure is.
  const structural = streams.filter((s) => /__properties_version1\.0$|__nameid_version1\.0\/|__substg1\.0_....1[01]..$/.test(s.path));
  const pick = fc.oneof(fc.constantFrom(...structural), fc.constantFrom(...streams));
  return fc.tuple(
    pick,
    fc.oneof(
      fc.record({ kind: fc.constant('field' as const), slot: fc.nat(4096), value: interesting(64) }),
      fc.record({ kind: fc.constant('xor' as const), at: fc.nat(8192), mask: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('length' as const), length: fc.nat(600) }),
      fc.record({ kind: fc.constant('remove' as const) }),
    ),
  ).map(([s, m]) => {
    if (m.kind === 'remove') return replaceStream(root, s.path, undefined);
    let data = s.data.slice();
    if (m.kind === 'length') {
      const next = new Uint8Array(m.length);
      next.set(data.subarray(0, m.length));
      data = next;
    } else if (m.kind === 'xor') {
      if (data.length) data[m.at % data.length] = (data[m.at % data.length] as number) ^ m.mask;
    } else if (data.length >= 4) {
      // A 4-byte field of a property entry (tag, flags, size, reserved) or of any other record.
      const at = (m.slot * 4) % (data.length - 3);
      new DataView(data.buffer).setUint32(at - (at % 4), m.value >>> 0, true);
    }
    return replaceStream(root, s.path, data);
  });
}

const SUBJECTS: [string, number][] = [
  ['msgreader__msgInMsgInMsg.msg', 60],
  ['poi__quick.msg', 60],
  ['msgreader__test2.msg', 60],
  ['msgreader__contactAnsi.msg', 40],
];

describe('MsgFile on mutated samples', () => {
  for (const [name, runs] of SUBJECTS) {
    const bytes = sample(name);
    it(`raw mutations (bytes, FAT, directory, truncation) only give MAPI_E_CORRUPT_DATA: ${name}`, () => {
      const raw = parseRaw(bytes);
      fc.assert(fc.property(fc.array(rawMutation(raw), { minLength: 1, maxLength: 3 }), (ms) => readAll(apply(bytes, ms))), { numRuns: runs });
    });

    it(`.msg structure mutations (entries, sizes, names map, MV lengths, missing streams) only give MAPI_E_CORRUPT_DATA: ${name}`, () => {
      const tree = openCompoundFile(bytes).toTree();
      fc.assert(fc.property(structuralCase(tree), (mutated) => readAll(writeCompoundFile(mutated))), { numRuns: runs });
    });
  }

  it('rejects embedded messages nested deeper than maxDepth', () => {
    const bytes = sample('msgreader__msgInMsgInMsg.msg');
    expect(() => MsgFile.open(bytes, newNames(), { maxDepth: 1 }).content()).toThrow(/deeper than 1/);
    expect(MsgFile.open(bytes, newNames(), { maxDepth: 2 }).content().attachments.length).toBeGreaterThan(0);
  });
});
