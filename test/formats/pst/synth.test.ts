import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PT_APPTIME, PT_BINARY, PT_BOOLEAN, PT_CLSID, PT_CURRENCY, PT_DOUBLE, PT_ERROR, PT_I2, PT_I8, PT_LONG, PT_MV_BINARY,
  PT_MV_CLSID, PT_MV_CURRENCY, PT_MV_DOUBLE, PT_MV_I2, PT_MV_I8, PT_MV_LONG, PT_MV_R4, PT_MV_STRING8, PT_MV_SYSTIME,
  PT_MV_UNICODE, PT_OBJECT, PT_R4, PT_STRING8, PT_SYSTIME, PT_UNICODE,
} from '../../../src/core/generated/proptypes.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import { GUID } from '../../../src/core/props/guid.js';
import { PROP_TAG } from '../../../src/core/props/tags.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import {
  HeapOnNode, NDB_CRYPT_CYCLIC, NDB_CRYPT_NONE, NDB_CRYPT_PERMUTE, dumpPc, dumpTc, listNodes, openPc, openPstNdb, openTc,
  type PstFormat,
} from '../../../src/formats/pst/index.js';
import { writePc, writeTc } from './synth/ltpWriter.js';
import { buildPst, type SynthNode, type SynthOptions } from './synth/ndbWriter.js';

const FORMATS: PstFormat[] = ['ansi', 'unicode', 'unicode4k'];
const CRYPTS = [NDB_CRYPT_NONE, NDB_CRYPT_PERMUTE, NDB_CRYPT_CYCLIC] as const;
const PC_NID = 0x21;

/** Builds a file with one PC node (plus its large-value subnodes). */
function pcFile(format: PstFormat, props: SPropValue[], opts: Partial<SynthOptions> & { maxItem?: number; blockCapacity?: number } = {}) {
  const pc = writePc(format, props, { maxItem: opts.maxItem, blockCapacity: opts.blockCapacity });
  return buildPst([{ nid: PC_NID, data: pc.data, subnodes: pc.subnodes }], { format, ...opts });
}

const f32 = (x: number) => Math.fround(x);
const guidArb = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => new GUID(b));
const ftArb = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((t) => new FILETIME(t));
const i64 = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });
const dbl = fc.double({ noNaN: true });
const str = fc.string({ maxLength: 40, unit: 'binary-ascii' });
/** One arbitrary value per type, with ids 0x6000 + index so tags stay unique. */
const valueArbs: [number, fc.Arbitrary<SPropValue['Value']>][] = [
  [PT_I2, fc.integer({ min: -32768, max: 32767 })],
  [PT_LONG, fc.integer({ min: -0x80000000, max: 0x7fffffff })],
  [PT_R4, fc.float({ noNaN: true }).map(f32)],
  [PT_DOUBLE, dbl],
  [PT_APPTIME, dbl],
  [PT_CURRENCY, i64],
  [PT_ERROR, fc.nat({ max: 0xffffffff })],
  [PT_BOOLEAN, fc.boolean()],
  [PT_I8, i64],
  [PT_SYSTIME, ftArb],
  [PT_CLSID, guidArb],
  [PT_UNICODE, fc.string({ maxLength: 60 })],
  [PT_STRING8, str],
  [PT_BINARY, fc.uint8Array({ maxLength: 80 })],
  [PT_MV_I2, fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 5 })],
  [PT_MV_LONG, fc.array(fc.integer({ min: -0x80000000, max: 0x7fffffff }), { maxLength: 5 })],
  [PT_MV_R4, fc.array(fc.float({ noNaN: true }).map(f32), { maxLength: 5 })],
  [PT_MV_DOUBLE, fc.array(dbl, { maxLength: 5 })],
  [PT_MV_CURRENCY, fc.array(i64, { maxLength: 5 })],
  [PT_MV_I8, fc.array(i64, { maxLength: 5 })],
  [PT_MV_SYSTIME, fc.array(ftArb, { maxLength: 5 })],
  [PT_MV_CLSID, fc.array(guidArb, { maxLength: 5 })],
  [PT_MV_UNICODE, fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 })],
  [PT_MV_STRING8, fc.array(str, { maxLength: 5 })],
  [PT_MV_BINARY, fc.array(fc.uint8Array({ maxLength: 20 }), { maxLength: 5 })],
];
const propsArb = fc
  .subarray(valueArbs.map((_, i) => i), { minLength: 1 })
  .chain((idx) => fc.tuple(...idx.map((i) => valueArbs[i]![1].map((v) => ({ ulPropTag: PROP_TAG(valueArbs[i]![0], 0x6000 + i), Value: v } as SPropValue)))));

describe('synthetic files: every layout and crypt method', () => {
  for (const format of FORMATS) {
    for (const crypt of CRYPTS) {
      it(`${format} / crypt ${crypt}: a property context round-trips every type`, () => {
        fc.assert(
          fc.property(propsArb, (props) => {
            const ndb = openPstNdb(pcFile(format, props, { crypt }));
            expect(ndb.format).toBe(format);
            expect(ndb.header.bCryptMethod).toBe(crypt);
            const got = dumpPc(ndb, PC_NID);
            expect(got).toEqual([...props].sort((a, b) => a.ulPropTag - b.ulPropTag));
          }),
          { numRuns: 12 },
        );
      });
    }
  }

  it.each(FORMATS)('%s: values over 3580 bytes live in subnodes and read back whole', (format) => {
    const big = new Uint8Array(20000).map((_, i) => (i * 7) & 0xff);
    const text = 'x'.repeat(9000);
    const props = [
      { ulPropTag: PROP_TAG(PT_BINARY, 0x1000), Value: big },
      { ulPropTag: PROP_TAG(PT_UNICODE, 0x1001), Value: text },
    ];
    const ndb = openPstNdb(pcFile(format, props, { crypt: 1, leafSize: 3000 }));
    const pc = openPc(ndb, PC_NID);
    expect(pc.entries.map((e) => e.storage)).toEqual(['subnode', 'subnode']);
    expect(pc.getProps()).toEqual(props);
    const tree = pc.valueTree(props[0]!.ulPropTag)!;
    expect(tree.blockCount).toBe(7);
    expect(tree.read(2999, 5)).toEqual(big.subarray(2999, 3004));
  });

  it.each(FORMATS)('%s: multi-level NBT/BBT pages, XXBLOCK data trees and SIBLOCK subnode trees', (format) => {
    const nodes: SynthNode[] = [];
    for (let i = 0; i < 40; i++) nodes.push({ nid: ((0x400 + i) << 5) | 4, nidParent: 0x122, data: Uint8Array.of(i, i, i) });
    const stream = new Uint8Array(5000).map((_, i) => i & 0xff);
    const subs = Array.from({ length: 30 }, (_, i) => ({ nid: ((0x10 + i) << 5) | 0x1f, data: Uint8Array.of(i) }));
    nodes.push({ nid: 0x61, data: stream, subnodes: subs });
    const file = buildPst(nodes, { format, crypt: 2, fanout: 3, leafSize: 100, xFanout: 4, slFanout: 4 });
    const ndb = openPstNdb(file);
    expect(listNodes(ndb).map((n) => n.nid)).toEqual(nodes.map((n) => n.nid).sort((a, b) => a - b));
    for (const n of nodes) expect(ndb.node(n.nid).nidParent).toBe(n.nidParent ?? 0);
    const tree = ndb.dataTree(ndb.node(0x61).bidData);
    expect(tree.blockCount).toBe(50);
    expect(tree.toBytes()).toEqual(stream);
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(tree.read(lo, hi - lo)).toEqual(stream.subarray(lo, hi));
      }),
      { numRuns: 50 },
    );
    const map = ndb.openNode(0x61).subnodes();
    expect([...map.keys()]).toEqual(subs.map((s) => s.nid));
    for (const s of subs) expect(ndb.openNode(0x61).subnode(s.nid).data().toBytes()).toEqual(s.data);
  });

  it.each(FORMATS)('%s: heaps spanning blocks and BTHs with index levels', (format) => {
    const props: SPropValue[] = Array.from({ length: 300 }, (_, i) => ({ ulPropTag: PROP_TAG(PT_UNICODE, 0x4000 + i), Value: `value ${i} `.repeat(5) }));
    const ndb = openPstNdb(pcFile(format, props, { crypt: 1, maxItem: 64, blockCapacity: 1024 }));
    const pc = openPc(ndb, PC_NID);
    expect(pc.getProps()).toEqual(props);
    const heap = new HeapOnNode(ndb.openNode(PC_NID).data(), ndb.layout, {});
    expect(heap.blockCount).toBeGreaterThan(8); // past block 8, which carries an HNBITMAPHDR
  });

  it('4K OST: zlib-compressed blocks inflate whichever order compression and encoding were applied', () => {
    const props = [{ ulPropTag: PROP_TAG(PT_UNICODE, 0x3001), Value: 'compressible '.repeat(100) }];
    for (const compress of ['encrypt-then-compress', 'compress-then-encrypt'] as const) {
      // Cyclic output is noise: compressing after it gains nothing, so that pair is not written.
      for (const crypt of compress === 'encrypt-then-compress' ? ([NDB_CRYPT_NONE, NDB_CRYPT_PERMUTE] as const) : CRYPTS) {
        const file = pcFile('unicode4k', props, { crypt, compress });
        const ndb = openPstNdb(file);
        const block = [...ndb.blockEntries()].find((b) => b.cb !== b.cbInflated);
        expect(block, `${compress}/${crypt}`).toBeDefined();
        expect(dumpPc(ndb, PC_NID)).toEqual(props);
      }
    }
  });

  it('PT_OBJECT properties give their subnode reference', () => {
    const tag = PROP_TAG(PT_OBJECT, 0x3701);
    const pc = writePc('unicode', [{ ulPropTag: tag, Value: null }], { objects: new Map([[tag, { nid: 0x8025, ulSize: 1234 }]]) });
    const ndb = openPstNdb(buildPst([{ nid: PC_NID, data: pc.data, subnodes: [{ nid: 0x8025, data: new Uint8Array(10) }] }], { format: 'unicode' }));
    const ctx = openPc(ndb, PC_NID);
    expect(ctx.getProp(tag)).toEqual({ ulPropTag: tag, Value: null });
    expect(ctx.objectRef(tag)).toEqual({ nid: 0x8025, ulSize: 1234 });
  });

  it('PT_STRING8 keeps its bytes and decodes with the caller\'s code page', () => {
    const tag = PROP_TAG(PT_STRING8, 0x0037);
    const ndb = openPstNdb(pcFile('ansi', [{ ulPropTag: tag, Value: 'Привет' }].map((p) => p as SPropValue), {}));
    // Written in 1252 by default: Cyrillic is not representable there.
    expect(openPc(ndb, PC_NID).getProp(tag).Value).toBe('??????');
    const pc1251 = writePc('ansi', [{ ulPropTag: tag, Value: 'Привет' }], { codepage: 1251 });
    const ndb2 = openPstNdb(buildPst([{ nid: PC_NID, data: pc1251.data }], { format: 'ansi' }));
    const ctx = openPc(ndb2, PC_NID);
    expect(ctx.rawValue(tag)).toEqual(Uint8Array.of(0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2));
    expect(ctx.getProp(tag, { codepage: 1251 }).Value).toBe('Привет');
    expect(ctx.getProp(tag, { codepage: 1252 }).Value).toBe('Ïðèâåò');
  });
});

describe('synthetic table contexts', () => {
  const cols = [PROP_TAG(PT_UNICODE, 0x3001), PROP_TAG(PT_LONG, 0x3602), PROP_TAG(PT_BOOLEAN, 0x360a), PROP_TAG(PT_I2, 0x0017), PROP_TAG(PT_SYSTIME, 0x0e06), PROP_TAG(PT_BINARY, 0x0ff9), PROP_TAG(PT_CLSID, 0x6001), PROP_TAG(PT_MV_UNICODE, 0x6002)];
  const cellArb = fc.record({
    name: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
    count: fc.option(fc.integer({ min: -5, max: 1000 }), { nil: undefined }),
    flag: fc.option(fc.boolean(), { nil: undefined }),
    imp: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    time: fc.option(ftArb, { nil: undefined }),
    bin: fc.option(fc.uint8Array({ maxLength: 30 }), { nil: undefined }),
    guid: fc.option(guidArb, { nil: undefined }),
    mv: fc.option(fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }), { nil: undefined }),
  });
  const toProps = (c: typeof cellArb extends fc.Arbitrary<infer T> ? T : never): SPropValue[] => {
    const vals = [c.name, c.count, c.flag, c.imp, c.time, c.bin, c.guid, c.mv];
    return cols.flatMap((t, i) => (vals[i] === undefined ? [] : [{ ulPropTag: t, Value: vals[i] as SPropValue['Value'] }]));
  };

  for (const format of FORMATS) {
    it(`${format}: rows, the row index and the cell-existence bitmap round-trip`, () => {
      fc.assert(
        fc.property(fc.array(cellArb, { maxLength: 30 }), fc.integer({ min: 1, max: 7 }), fc.boolean(), (cells, perBlock, inSubnode) => {
          const rows = cells.map((c, i) => ({ rowId: ((0x1000 + i * 3) << 5) | 4, props: toProps(c) }));
          const tc = writeTc(format, cols, rows, { rowsPerBlock: inSubnode ? perBlock : undefined, maxItem: 40 });
          const ndb = openPstNdb(buildPst([{ nid: 0x12e, data: tc.data, subnodes: tc.subnodes }], { format, crypt: 1 }));
          const dump = dumpTc(ndb, 0x12e);
          expect(dump.rows.map((r) => r.rowId)).toEqual(rows.map((r) => r.rowId));
          dump.rows.forEach((r, i) => {
            const want = rows[i]!.props;
            const got = r.lpProps.filter((p) => p.ulPropTag >>> 16 !== 0x67f2 && p.ulPropTag >>> 16 !== 0x67f3);
            expect(got).toEqual([...want].sort((a, b) => a.ulPropTag - b.ulPropTag));
          });
          const t = openTc(ndb, 0x12e);
          const index = t.rowIndex();
          expect(index.size).toBe(rows.length);
          rows.forEach((r, i) => expect(index.get(r.rowId)).toBe(i));
        }),
        { numRuns: 25 },
      );
    });
  }
});
