import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER, STG_E_FILEALREADYEXISTS, STG_E_INVALIDNAME } from '../../../src/core/generated/scodes.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import { GUID } from '../../../src/core/props/guid.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { cfbNameKey, CompoundFileBuilder, openCompoundFile, writeCompoundFile, type CfbNode, type CfbRootNode } from '../../../src/formats/cfb/index.js';
import { cfbPackageListing, listingDifferences, MALFORMED_SAMPLES, ourListing, patternBytes, sample, sampleNames, sortedTree, treeSnapshot } from './helpers.js';
import { parseRaw, problemsOfWrittenFile } from './rawCfb.js';

const clock = new VirtualClock(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)));
const stream = (name: string, data: Uint8Array): CfbNode => ({ kind: 'stream', name, data });
const storage = (name: string, children: CfbNode[], meta: Partial<CfbNode> = {}): CfbNode => ({ kind: 'storage', name, children, ...meta }) as CfbNode;

describe('writeCompoundFile round trips', () => {
  it('rewrites every sample so that we read back the same tree, metadata and bytes (v3, and v4 for some)', () => {
    const inVersion4 = new Set(['msgreader__Simple.msg', 'msgreader__msgInMsgInMsg.msg', 'msgreader__Many_entities.msg', 'poi__outlook_30_msg.msg']);
    for (const name of sampleNames().filter((n) => !(n in MALFORMED_SAMPLES))) {
      const tree = openCompoundFile(sample(name)).toTree();
      const expected = treeSnapshot(tree);
      for (const version of inVersion4.has(name) ? ([3, 4] as const) : ([3] as const)) {
        const written = writeCompoundFile(tree, { version, clock });
        expect(problemsOfWrittenFile(written), `${name} v${version}`).toEqual([]);
        expect(treeSnapshot(openCompoundFile(written).toTree()), `${name} v${version}`).toEqual(expected);
      }
    }
  });

  it('writes files the cfb package reads with the same streams and bytes', () => {
    for (const name of sampleNames().filter((n) => !(n in MALFORMED_SAMPLES) && n.startsWith('msgreader__'))) {
      const written = writeCompoundFile(openCompoundFile(sample(name)).toTree(), { clock });
      expect(listingDifferences(cfbPackageListing(written), ourListing(openCompoundFile(written))), name).toEqual([]);
    }
  });
});

describe('writeCompoundFile output', () => {
  it('keeps small streams in the mini stream and larger ones in sectors, split exactly at 4096 bytes', () => {
    const written = writeCompoundFile({ children: [stream('a', patternBytes(4095, 1)), stream('b', patternBytes(4096, 2)), stream('c', new Uint8Array(0))] }, { clock });
    const raw = parseRaw(written);
    const byName = new Map(raw.entries.map((e) => [e.name, e]));
    expect(byName.get('Root Entry')?.sizeLow).toBe(64 * 64); // 4095 bytes → 64 mini sectors
    expect(raw.miniFat[0]).toBe(1);
    expect(byName.get('b')?.start).toBeLessThan(raw.sectorCount);
    expect(raw.chain(byName.get('b')!.start)).toHaveLength(8);
    expect(byName.get('c')?.start).toBe(0xfffffffe);
    expect(problemsOfWrittenFile(written)).toEqual([]);
  });

  it('writes no mini stream, no mini FAT and a one-sector directory for a file without streams', () => {
    const written = writeCompoundFile({ children: [] }, { clock });
    expect(written.length).toBe(512 * 3); // header + FAT + directory: the smallest file ([MS-CFB] 2.9)
    const view = new DataView(written.buffer);
    expect(view.getUint32(0x3c, true)).toBe(0xfffffffe);
    expect(view.getUint32(0x40, true)).toBe(0);
    expect(problemsOfWrittenFile(written)).toEqual([]);
    expect(openCompoundFile(written).root.entries()).toEqual([]);
  });

  it('writes version 4 with 4096-byte sectors and a directory sector count', () => {
    const tree: CfbRootNode = { children: [stream('x', patternBytes(10_000, 3)), storage('s', [stream('y', patternBytes(100, 4))])] };
    const written = writeCompoundFile(tree, { version: 4, clock });
    expect(written.length % 4096).toBe(0);
    expect(problemsOfWrittenFile(written)).toEqual([]);
    const file = openCompoundFile(written);
    expect(file.version).toBe(4);
    expect(file.stream('s/y')?.readAll()).toEqual(patternBytes(100, 4));
  });

  it('adds DIFAT sectors once the FAT needs more than the 109 header slots', () => {
    // 109 FAT sectors map 109 × 128 sectors of 512 bytes: about 7 MB.
    const big = patternBytes(7_300_000, 5);
    const written = writeCompoundFile({ children: [stream('big', big), stream('small', patternBytes(10, 6))] }, { clock });
    const raw = parseRaw(written);
    expect(raw.fatSectors.length).toBeGreaterThan(109);
    expect(raw.difatSectors.length).toBe(1);
    expect(problemsOfWrittenFile(written)).toEqual([]);
    const file = openCompoundFile(written);
    expect(Buffer.compare(file.stream('big')!.readAll(), big)).toBe(0);
    expect(Buffer.compare(file.stream('big')!.read(7_000_001, 5), big.subarray(7_000_001, 7_000_006))).toBe(0);
  });

  it('stamps storages with the clock, keeps given times and writes the root per [MS-CFB] 2.6.2', () => {
    const given = FILETIME.fromISOString('2020-05-06T07:08:09.1234567Z');
    const clsid = GUID.parse('{00020D0B-0000-0000-C000-000000000046}');
    const written = writeCompoundFile(
      { clsid, stateBits: 7, children: [storage('fresh', []), storage('dated', [], { created: given, modified: given, stateBits: 0x80000001, clsid })] },
      { clock },
    );
    const file = openCompoundFile(written);
    expect(file.root.created.ticks).toBe(0n);
    expect(file.root.modified.equals(clock.now())).toBe(true);
    expect(file.root.clsid.equals(clsid)).toBe(true);
    expect(file.root.stateBits).toBe(7);
    const fresh = file.storage('fresh')!;
    expect(fresh.created.equals(clock.now()) && fresh.modified.equals(clock.now())).toBe(true);
    const dated = file.storage('dated')!;
    expect(dated.created.equals(given) && dated.modified.equals(given)).toBe(true);
    expect(dated.stateBits).toBe(0x80000001);
    expect(dated.clsid.equals(clsid)).toBe(true);
  });

  it('writes thousands of siblings as one balanced red-black tree', () => {
    const children = Array.from({ length: 3000 }, (_, i) => stream(`__substg1.0_${i.toString(16).toUpperCase().padStart(8, '0')}`, patternBytes(i % 70, i)));
    const written = writeCompoundFile({ children }, { clock });
    expect(problemsOfWrittenFile(written)).toEqual([]);
    const raw = parseRaw(written);
    // Depth of the sibling tree: ⌊log2 3000⌋ + 1 = 12 levels.
    const depth = (id: number): number => (id === 0xffffffff ? 0 : 1 + Math.max(depth(raw.entries[id]!.left), depth(raw.entries[id]!.right)));
    expect(depth(raw.entries[0]!.child)).toBe(12);
    expect(raw.entries.some((e) => e.type === 2 && e.color === 0)).toBe(true);
    expect(openCompoundFile(written).root.entries()).toHaveLength(3000);
  });

  it('writes storages nested 200 deep', () => {
    let node: CfbNode = stream('leaf', patternBytes(5000, 9));
    for (let i = 0; i < 200; i++) node = storage(`level${i}`, [node]);
    const written = writeCompoundFile({ children: [node] }, { clock });
    expect(problemsOfWrittenFile(written)).toEqual([]);
    const path = [...Array.from({ length: 200 }, (_, i) => `level${199 - i}`), 'leaf'].join('/');
    expect(openCompoundFile(written).stream(path)?.readAll()).toEqual(patternBytes(5000, 9));
  });

  it('writes and reads storages nested 20,000 deep without overflowing the stack', () => {
    let node: CfbNode = stream('leaf', patternBytes(10, 9));
    for (let i = 0; i < 20_000; i++) node = storage('s', [node]);
    const file = openCompoundFile(writeCompoundFile({ children: [node] }, { clock }));
    let at = file.root.storage('s');
    for (let depth = 1; depth < 20_000; depth++) at = at?.storage('s');
    const leaf = at?.stream('leaf');
    expect(leaf?.path.length).toBe(20_000 * 2 + 'leaf'.length);
    expect(leaf?.readAll()).toEqual(patternBytes(10, 9));
    expect(writeCompoundFile(file.toTree(), { clock }).length).toBeGreaterThan(20_000 * 128);
  });
});

describe('writeCompoundFile bad input', () => {
  const cases: [string, CfbRootNode, number][] = [
    ['an empty name', { children: [stream('', new Uint8Array(1))] }, STG_E_INVALIDNAME],
    ['a name of 32 code units', { children: [stream('x'.repeat(32), new Uint8Array(1))] }, STG_E_INVALIDNAME],
    ['a name with "/"', { children: [stream('a/b', new Uint8Array(1))] }, STG_E_INVALIDNAME],
    ['a name with "!"', { children: [storage('a!', [])] }, STG_E_INVALIDNAME],
    ['a name with ":"', { children: [storage('a:', [])] }, STG_E_INVALIDNAME],
    ['a name with "\\"', { children: [storage('a\\', [])] }, STG_E_INVALIDNAME],
    ['two siblings differing only in case', { children: [stream('Abc', new Uint8Array(1)), storage('aBC', [])] }, STG_E_FILEALREADYEXISTS],
    ['σ and ς, which Windows upper-cases alike', { children: [stream('ας', new Uint8Array(1)), stream('ΑΣ', new Uint8Array(1))] }, STG_E_FILEALREADYEXISTS],
    ['stream data that is not bytes', { children: [{ kind: 'stream', name: 'a', data: 'text' as unknown as Uint8Array }] }, MAPI_E_INVALID_PARAMETER],
    ['a node of no kind', { children: [{ kind: 'file', name: 'a' } as unknown as CfbNode] }, MAPI_E_INVALID_PARAMETER],
    ['negative state bits', { children: [storage('a', [], { stateBits: -1 } as Partial<CfbNode>)] }, MAPI_E_INVALID_PARAMETER],
    ['a Date for a time', { children: [storage('a', [], { created: new Date() } as unknown as Partial<CfbNode>)] }, MAPI_E_INVALID_PARAMETER],
  ];
  for (const [what, tree, scode] of cases) {
    it(`rejects ${what}`, () => {
      expect(() => writeCompoundFile(tree, { clock })).toThrow(expect.objectContaining({ scode }));
      try {
        writeCompoundFile(tree, { clock });
      } catch (e) {
        expect(e).toBeInstanceOf(MapiError);
      }
    });
  }

  it('rejects a version other than 3 or 4', () => {
    expect(() => writeCompoundFile({ children: [] }, { version: 5 as 3 })).toThrow(expect.objectContaining({ scode: MAPI_E_INVALID_PARAMETER }));
  });
});

// Names: ASCII, accented and cased letters (incl. the σ/ς and ǅ cases), CJK, control
// characters used by OLE ("\u0005SummaryInformation"), surrogate pairs.
const nameUnit = fc.constantFrom('a', 'B', 'z', 'Z', '0', '9', '_', '.', ' ', '#', 'é', 'É', 'ß', 'σ', 'Σ', 'ǅ', 'ǆ', 'ﬀ', 'ⅻ', '中', '文', '\u0001', '\u0005', '\u{1F600}');
const nameArb = fc.array(nameUnit, { minLength: 1, maxLength: 16 }).map((units) => units.join('')).filter((n) => n.length <= 31);
const sizeArb = fc.oneof(fc.constantFrom(0, 1, 63, 64, 65, 511, 512, 513, 4095, 4096, 4097, 8191, 8192, 8193), fc.integer({ min: 0, max: 20_000 }));
const timeArb = fc.option(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((t) => new FILETIME(t)), { nil: undefined });
const clsidArb = fc.option(fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => new GUID(b)), { nil: undefined });

const { children: childrenArb } = fc.letrec<{ children: CfbNode[]; node: CfbNode }>((tie) => ({
  children: fc.uniqueArray(tie('node'), { maxLength: 7, selector: (n) => cfbNameKey(n.name) }),
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ name: nameArb, size: sizeArb, seed: fc.nat() }).map(({ name, size, seed }): CfbNode => ({ kind: 'stream', name, data: patternBytes(size, seed) })),
    fc
      .record({ name: nameArb, children: tie('children'), created: timeArb, modified: timeArb, clsid: clsidArb, stateBits: fc.option(fc.nat({ max: 0xffffffff }), { nil: undefined }) })
      .map(({ name, children, created, modified, clsid, stateBits }): CfbNode => ({ kind: 'storage', name, children, created, modified, clsid, stateBits })),
  ),
}));

/** What reading gives back for an input tree: sorted children, defaults filled in. */
function expectedTree(root: CfbRootNode, now: FILETIME): unknown {
  const zero = new GUID(new Uint8Array(16));
  const fill = (nodes: readonly CfbNode[]): CfbNode[] =>
    nodes.map((n) =>
      n.kind === 'stream'
        ? n
        : { kind: 'storage', name: n.name, clsid: n.clsid ?? zero, stateBits: n.stateBits ?? 0, created: n.created ?? now, modified: n.modified ?? now, children: fill(n.children) },
    );
  return treeSnapshot(sortedTree({ clsid: root.clsid ?? zero, stateBits: root.stateBits ?? 0, modified: root.modified ?? now, children: fill(root.children) }));
}

describe('writeCompoundFile properties', () => {
  it('writes valid files (FAT, mini FAT, red-black trees) that read back as the same tree', () => {
    fc.assert(
      fc.property(childrenArb, fc.constantFrom(3 as const, 4 as const), clsidArb, (children, version, clsid) => {
        const root: CfbRootNode = { clsid, children };
        const written = writeCompoundFile(root, { version, clock });
        expect(problemsOfWrittenFile(written)).toEqual([]);
        expect(treeSnapshot(openCompoundFile(written).toTree())).toEqual(expectedTree(root, clock.now()));
      }),
      { numRuns: 60 },
    );
  });

  it('writes files the cfb package reads with the same paths and bytes', () => {
    fc.assert(
      fc.property(childrenArb, fc.constantFrom(3 as const, 4 as const), (children, version) => {
        const written = writeCompoundFile({ children }, { clock, version });
        expect(listingDifferences(cfbPackageListing(written), ourListing(openCompoundFile(written)))).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});

describe('CompoundFileBuilder', () => {
  it('builds storages on the way to each path and writes what was added', () => {
    const created = FILETIME.fromISOString('2021-02-03T04:05:06Z');
    const bytes = new CompoundFileBuilder({ clock, version: 4 })
      .setRoot({ clsid: GUID.parse('{00020D0B-0000-0000-C000-000000000046}') })
      .addStream('__substg1.0_0037001F', patternBytes(12, 1))
      .addStream('__recip_version1.0_#00000000/__properties_version1.0', patternBytes(40, 2))
      .addStorage('__attach_version1.0_#00000000', { created, stateBits: 3 })
      .addStream('__attach_version1.0_#00000000/__substg1.0_37010102', patternBytes(9000, 3))
      .addStorage('__ATTACH_version1.0_#00000000', { modified: created })
      .build();
    expect(problemsOfWrittenFile(bytes)).toEqual([]);
    const file = openCompoundFile(bytes);
    expect(file.version).toBe(4);
    expect(file.root.clsid.toString()).toBe('{00020D0B-0000-0000-C000-000000000046}');
    expect(file.root.entries().map((e) => e.name)).toEqual(['__substg1.0_0037001F', '__recip_version1.0_#00000000', '__attach_version1.0_#00000000']);
    expect(file.stream('__recip_version1.0_#00000000/__properties_version1.0')?.readAll()).toEqual(patternBytes(40, 2));
    const attach = file.storage('__attach_version1.0_#00000000')!;
    expect(attach.created.equals(created) && attach.modified.equals(created)).toBe(true);
    expect(attach.stateBits).toBe(3);
    expect(file.storage('__recip_version1.0_#00000000')?.created.equals(clock.now())).toBe(true);
    expect(Buffer.compare(attach.stream('__substg1.0_37010102')!.readAll(), patternBytes(9000, 3))).toBe(0);
  });

  it('refuses a path that is taken, ignoring case, or that runs through a stream', () => {
    const builder = new CompoundFileBuilder({ clock }).addStream('a/b', new Uint8Array(1));
    expect(() => builder.addStream('A/B', new Uint8Array(1))).toThrow(expect.objectContaining({ scode: STG_E_FILEALREADYEXISTS }));
    expect(() => builder.addStream('a/b/c', new Uint8Array(1))).toThrow(expect.objectContaining({ scode: STG_E_FILEALREADYEXISTS }));
    expect(() => builder.addStorage('a/B')).toThrow(expect.objectContaining({ scode: STG_E_FILEALREADYEXISTS }));
    expect(() => builder.addStream('a', new Uint8Array(1))).toThrow(expect.objectContaining({ scode: STG_E_FILEALREADYEXISTS }));
  });

  it('refuses bad names and data that is not bytes', () => {
    const builder = new CompoundFileBuilder({ clock });
    expect(() => builder.addStream('', new Uint8Array(1))).toThrow(expect.objectContaining({ scode: STG_E_INVALIDNAME }));
    expect(() => builder.addStream('a:b', new Uint8Array(1))).toThrow(expect.objectContaining({ scode: STG_E_INVALIDNAME }));
    expect(() => builder.addStorage('x'.repeat(32))).toThrow(expect.objectContaining({ scode: STG_E_INVALIDNAME }));
    expect(() => builder.addStream('a', [1, 2] as unknown as Uint8Array)).toThrow(expect.objectContaining({ scode: MAPI_E_INVALID_PARAMETER }));
  });
});
