/**
 * Fuzzing the messaging layer and the PST store backend: fast-check mutations of the samples
 * (bytes changed inside blocks whose CRC is then fixed, so the damage reaches the heaps,
 * tables and property contexts; bytes changed anywhere; truncations) only ever give
 * MapiError, within a time bound, whatever the backend is asked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { pstCrc } from '../../../src/formats/pst/crc.js';
import { layoutOf } from '../../../src/formats/pst/format.js';
import { openPst } from '../../../src/formats/pst/messaging/index.js';
import { openPstNdb } from '../../../src/formats/pst/ndb.js';
import { PstBackend } from '../../../src/providers/pst-store/PstBackend.js';
import { sampleBytes } from '../../formats/pst/helpers.js';

/** Multiplies the run counts (PST_FUZZ_RUNS=20 for a long local session). */
const SCALE = Number(process.env.PST_FUZZ_RUNS ?? 1);

/** Walks the whole store through the backend: every folder record, list, message summary and message record (recipients, attachments, embedded messages). */
function walkStore(bytes: Uint8Array): number {
  const backend = new PstBackend(openPst(bytes));
  let work = 0;
  backend.storeProps();
  backend.specialFolders();
  backend.receiveFolders();
  const seen = new Set<number>();
  const visit = (id: number) => {
    if (seen.has(id)) throw new Error(`folder ${id} reached twice: the backend let a cycle through`);
    seen.add(id);
    backend.folder(id);
    for (const assoc of [false, true]) {
      for (const m of backend.messageIds(id, assoc)) {
        // The contents-TC row first (what a table reads), then the whole message.
        backend.messageSummary(m);
        if (backend.message(m)) work++;
      }
    }
    for (const c of backend.childFolderIds(id)) visit(c);
  };
  visit(backend.rootId());
  return work;
}

function survives(bytes: Uint8Array): void {
  const start = performance.now();
  try {
    walkStore(bytes);
  } catch (e) {
    if (!(e instanceof MapiError)) throw e;
    expect(e.message).toMatch(/\S/);
  }
  expect(performance.now() - start).toBeLessThan(5000);
}

/** The data blocks of a sample: offset, size, and the trailer CRC field. */
function blocksOf(sample: string): { ib: number; cb: number; crcAt: number }[] {
  const bytes = sampleBytes(sample);
  const ndb = openPstNdb(bytes);
  const L = layoutOf(ndb.format);
  return [...ndb.blockEntries()].map((b) => {
    const span = Math.ceil((b.cb + L.blockTrailerSize) / L.blockAlign) * L.blockAlign;
    const t = b.ib + span - L.blockTrailerSize;
    return { ib: b.ib, cb: b.cb, crcAt: L.idSize === 4 ? t + 8 : t + 4 };
  });
}

const SAMPLES = ['gopst__32-bit.pst', 'tika__testPST_variousBodyTypes.pst', 'javalibpst__dist-list.pst'];

describe('PstBackend on damaged files', () => {
  it.each(SAMPLES)('%s walks clean before mutation', (sample) => {
    expect(walkStore(sampleBytes(sample))).toBeGreaterThan(0);
  });

  it.each(SAMPLES)('%s: bytes changed inside blocks (CRC fixed) give only MapiError', (sample) => {
    const original = sampleBytes(sample);
    const blocks = blocksOf(sample).filter((b) => b.cb > 0);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(blocks.length - 1), fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (muts) => {
        const bytes = Uint8Array.from(original);
        const touched = new Set<number>();
        for (const [bi, off, v] of muts) {
          const b = blocks[bi]!;
          bytes[b.ib + (off % b.cb)] = v;
          touched.add(bi);
        }
        for (const bi of touched) {
          const b = blocks[bi]!;
          new DataView(bytes.buffer).setUint32(b.crcAt, pstCrc(bytes.subarray(b.ib, b.ib + b.cb)), true);
        }
        survives(bytes);
      }),
      { numRuns: 60 * SCALE, seed: 8 },
    );
  });

  it.each(SAMPLES)('%s: bytes changed anywhere and truncations give only MapiError', (sample) => {
    const original = sampleBytes(sample);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.option(fc.nat(original.length)), (muts, cut) => {
        let bytes = Uint8Array.from(original);
        for (const [off, v] of muts) bytes[off] = v;
        if (cut !== null) bytes = bytes.subarray(0, cut);
        survives(bytes);
      }),
      { numRuns: 40 * SCALE, seed: 9 },
    );
  });
});
