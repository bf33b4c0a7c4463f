import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { PT_BINARY, PT_LONG, PT_UNICODE } from '../../../src/core/generated/proptypes.js';
import { PROP_TAG } from '../../../src/core/props/tags.js';
import { pstCrc } from '../../../src/formats/pst/crc.js';
import { layoutOf, type FormatLayout } from '../../../src/formats/pst/format.js';
import { dataKind, openPc, openPstNdb, openTc, type PstNdb, type PstNode } from '../../../src/formats/pst/index.js';
import { ANSI_SAMPLE, sampleBytes } from './helpers.js';
import { writePc, writeTc } from './synth/ltpWriter.js';
import { buildPst } from './synth/ndbWriter.js';

/** Multiplies the run counts (PST_FUZZ_RUNS=20 for a long local session). */
const SCALE = Number(process.env.PST_FUZZ_RUNS ?? 1);

/** Reads everything a client could ask for; returns how many structures were read. */
function readEverything(bytes: Uint8Array): number {
  let work = 0;
  const ndb: PstNdb = openPstNdb(bytes);
  const visit = (node: PstNode, depth: number) => {
    work++;
    const kind = dataKind(node);
    if (kind === 'pc') openPc(ndb, node).getProps();
    else if (kind === 'tc') {
      const tc = openTc(ndb, node);
      for (const _ of tc.rows()) work++;
      tc.rowIndex();
    } else if (kind !== 'empty') node.data().toBytes();
    if (depth < 3) for (const nid of node.subnodes().keys()) visit(node.subnode(nid), depth + 1);
  };
  for (const n of ndb.nodes()) visit(ndb.openNode(n.nid), 0);
  for (const b of ndb.blockEntries()) ndb.readBlock(b.bid);
  return work;
}

/** Runs the reader on a mutated file: it may succeed or throw MapiError, nothing else, quickly. */
function survives(bytes: Uint8Array): void {
  const start = performance.now();
  try {
    readEverything(bytes);
  } catch (e) {
    if (!(e instanceof MapiError)) throw e;
    expect(e.message.length).toBeGreaterThan(0);
  }
  expect(performance.now() - start).toBeLessThan(5000);
}

function le(buf: Uint8Array, off: number, v: number, n: number) {
  let x = v;
  for (let i = 0; i < n; i++) {
    buf[off + i] = x % 256;
    x = Math.floor(x / 256);
  }
}

/** Recomputes a page's CRC so a mutation inside it reaches the structural checks. */
function fixPage(file: Uint8Array, L: FormatLayout, ib: number): void {
  const crc = pstCrc(file.subarray(ib, ib + L.pageCrcSize));
  le(file, ib + L.pageTrailerOffset + (L.idSize === 4 ? 8 : 4), crc, 4);
}

/** Recomputes a block's CRC (over the stored bytes) after a mutation. */
function fixBlock(file: Uint8Array, L: FormatLayout, ib: number, cb: number): void {
  const span = Math.ceil((cb + L.blockTrailerSize) / L.blockAlign) * L.blockAlign;
  const t = ib + span - L.blockTrailerSize;
  le(file, L.idSize === 4 ? t + 8 : t + 4, pstCrc(file.subarray(ib, ib + cb)), 4);
}

/** Recomputes the header CRCs after a mutation. */
function fixHeader(file: Uint8Array, ansi: boolean): void {
  if (!ansi) le(file, 524, pstCrc(file.subarray(8, 524)), 4);
  le(file, 4, pstCrc(file.subarray(8, 479)), 4);
  if (!ansi) le(file, 524, pstCrc(file.subarray(8, 524)), 4);
}

/** A small synthetic 4K OST with a PC, a TC with a subnode row matrix and big values. */
function synth4k(): Uint8Array {
  const pc = writePc('unicode4k', [
    { ulPropTag: PROP_TAG(PT_UNICODE, 0x3001), Value: 'fuzz' },
    { ulPropTag: PROP_TAG(PT_BINARY, 0x1000), Value: new Uint8Array(5000).fill(7) },
  ]);
  const tc = writeTc('unicode4k', [PROP_TAG(PT_UNICODE, 0x3001), PROP_TAG(PT_LONG, 0x3602)], Array.from({ length: 12 }, (_, i) => ({ rowId: (i + 1) << 5, props: [{ ulPropTag: PROP_TAG(PT_LONG, 0x3602), Value: i }] })), { rowsPerBlock: 5 });
  return buildPst(
    [
      { nid: 0x21, data: pc.data, subnodes: pc.subnodes },
      { nid: 0x12d, data: tc.data, subnodes: tc.subnodes },
    ],
    { format: 'unicode4k', crypt: 1, compress: 'compress-then-encrypt', fanout: 2 },
  );
}

interface Target {
  name: string;
  bytes: Uint8Array;
  layout: FormatLayout;
  pages: number[];
  blocks: { ib: number; cb: number }[];
}

function target(name: string, bytes: Uint8Array): Target {
  const ndb = openPstNdb(bytes);
  expect(readEverything(bytes)).toBeGreaterThan(3);
  return {
    name,
    bytes,
    layout: layoutOf(ndb.format),
    pages: [...ndb.btreePages('nbt'), ...ndb.btreePages('bbt')].map((p) => p.ib),
    blocks: [...ndb.blockEntries()].map((b) => ({ ib: b.ib, cb: b.cb })),
  };
}

const TARGETS = [
  target('aspose', sampleBytes('aspose__SampleContacts.pst')),
  target('ansi', sampleBytes(ANSI_SAMPLE)),
  target('dist-list', sampleBytes('javalibpst__dist-list.pst')),
  target('synthetic 4K OST', synth4k()),
];

describe('reading corrupted files (fuzz)', () => {
  for (const t of TARGETS) {
    it(`${t.name}: random byte flips and truncations only ever give MapiError`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(t.bytes.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }), fc.option(fc.nat(t.bytes.length)), (flips, cut) => {
          let b = Uint8Array.from(t.bytes);
          for (const [at, x] of flips) b[at] = (b[at] as number) ^ x;
          if (cut !== null) b = b.subarray(0, cut);
          survives(b);
        }),
        { numRuns: 25 * SCALE },
      );
    });

    it(`${t.name}: mutated B-tree pages with valid CRCs (bad counts, levels, BREFs, cycles) only ever give MapiError`, () => {
      const L = t.layout;
      fc.assert(
        fc.property(
          fc.constantFrom(...t.pages),
          fc.constantFrom(...t.pages),
          fc.oneof(
            fc.record({ kind: fc.constant('byte' as const), off: fc.nat(L.pageTrailerOffset - 1), x: fc.integer({ min: 1, max: 255 }) }),
            fc.record({ kind: fc.constant('count' as const), v: fc.nat(255) }),
            fc.record({ kind: fc.constant('level' as const), v: fc.nat(12) }),
            fc.record({ kind: fc.constant('cycle' as const), entry: fc.nat(20) }),
          ),
          (ib, other, m) => {
            const b = Uint8Array.from(t.bytes);
            if (m.kind === 'byte') b[ib + m.off] = (b[ib + m.off] as number) ^ m.x;
            else if (m.kind === 'count') b[ib + L.btCEnt] = m.v;
            else if (m.kind === 'level') b[ib + L.btCLevel] = m.v;
            else {
              // Point an entry's child BREF at another page (possibly its own parent or itself).
              const cbEnt = b[ib + L.btCbEnt] as number;
              const off = ib + (m.entry % Math.max(1, b[ib + L.btCEnt] as number)) * cbEnt;
              const otherBid = L.idSize === 4 ? b[other + L.pageTrailerOffset + 4]! | (b[other + L.pageTrailerOffset + 5]! << 8) : b[other + L.pageTrailerOffset + 8]! | (b[other + L.pageTrailerOffset + 9]! << 8);
              le(b, off + L.idSize, otherBid, L.idSize);
              le(b, off + 2 * L.idSize, other, L.idSize);
            }
            fixPage(b, L, ib);
            survives(b);
          },
        ),
        { numRuns: 30 * SCALE },
      );
    });

    it(`${t.name}: mutated blocks with valid CRCs (heap, BTH, TCINFO, XBLOCK, SLBLOCK damage) only ever give MapiError`, () => {
      const L = t.layout;
      fc.assert(
        fc.property(fc.constantFrom(...t.blocks), fc.array(fc.tuple(fc.nat(8191), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (blk, flips) => {
          if (blk.cb === 0) return;
          const b = Uint8Array.from(t.bytes);
          for (const [at, x] of flips) b[blk.ib + (at % blk.cb)] = (b[blk.ib + (at % blk.cb)] as number) ^ x;
          fixBlock(b, L, blk.ib, blk.cb);
          survives(b);
        }),
        { numRuns: 40 * SCALE },
      );
    });

    it(`${t.name}: a header pointing the B-tree roots anywhere only ever gives MapiError`, () => {
      const L = t.layout;
      const ansi = L.idSize === 4;
      fc.assert(
        fc.property(fc.constantFrom(...t.pages, ...t.blocks.map((x) => x.ib), 0, t.bytes.length + 512), fc.boolean(), (ib, nbt) => {
          const b = Uint8Array.from(t.bytes);
          const r = ansi ? 164 : 180;
          const w = L.idSize;
          const at = r + 4 + (nbt ? 5 : 7) * w;
          le(b, at, ib, w);
          fixHeader(b, ansi);
          survives(b);
        }),
        { numRuns: 15 * SCALE },
      );
    });
  }

  it('a B-tree entry that points at its own page is reported as corrupt, not followed forever', () => {
    const t = TARGETS[0]!;
    const L = t.layout;
    const ndb = openPstNdb(t.bytes);
    const root = [...ndb.btreePages('nbt')][0]!;
    expect(root.cLevel).toBeGreaterThan(0);
    const b = Uint8Array.from(t.bytes);
    le(b, root.ib + L.idSize, root.bid, L.idSize);
    le(b, root.ib + 2 * L.idSize, root.ib, L.idSize);
    fixPage(b, L, root.ib);
    const bad = openPstNdb(b);
    expect(() => [...bad.nodes()]).toThrow(/cLevel|cycle|outside the parent range/);
    expect(() => bad.node(0x21)).toThrow(MapiError);
  });

  it('an XBLOCK announcing a 4 GB stream is corrupt data, not a 4 GB allocation', () => {
    const bytes = sampleBytes('tika__testPST.pst');
    const ndb = openPstNdb(bytes);
    let xblock: { ib: number; cb: number; bid: number; owner: number } | undefined;
    for (const n of ndb.nodes()) {
      for (const sub of ndb.subnodes(n.bidSub).values()) {
        if (!xblock && ndb.dataTree(sub.bidData).blockCount > 1) {
          const e = ndb.findBlock(sub.bidData)!;
          xblock = { ib: e.ib, cb: e.cb, bid: sub.bidData, owner: n.nid };
        }
      }
    }
    expect(xblock).toBeDefined();
    const b = Uint8Array.from(bytes);
    le(b, xblock!.ib + 4, 0xffffffff, 4); // lcbTotal
    fixBlock(b, layoutOf('unicode'), xblock!.ib, xblock!.cb);
    const bad = openPstNdb(b);
    expect(() => bad.dataTree(xblock!.bid).toBytes()).toThrow(expect.objectContaining({ scode: 0x8004011b }));
    expect(() => bad.dataTree(xblock!.bid)).toThrow(/exceeds what a \d+-byte file can hold/);
  });

  it('corrupt-data messages name the offset and, inside a node, the node', () => {
    const t = TARGETS[0]!;
    const ndb = openPstNdb(t.bytes);
    const store = ndb.node(0x21);
    const entry = ndb.findBlock(store.bidData)!;
    const b = Uint8Array.from(t.bytes);
    b[entry.ib + 5] = (b[entry.ib + 5] as number) ^ 0xff; // inside the data, CRC left stale
    expect(() => openPc(openPstNdb(b), 0x21)).toThrow(new RegExp(`node 0x21.*offset 0x${entry.ib.toString(16)}`, 'i'));
  });
});
