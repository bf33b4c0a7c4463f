import { beforeAll, describe, expect, it } from 'vitest';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA } from '../../../src/core/generated/scodes.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { openCompoundFile, writeCompoundFile, type CompoundFile } from '../../../src/formats/cfb/index.js';
import { countingSource, patternBytes } from './helpers.js';
import { ENDOFCHAIN, FREESECT, parseRaw, type RawCfb, type RawEntry } from './rawCfb.js';

const clock = new VirtualClock();

/**
 * A small file laid out by our writer: root → small (100 B), big (10,000 B),
 * dir/ → inner (5,000 B), tiny (10 B).
 */
function baseFile(): Uint8Array {
  return writeCompoundFile(
    {
      children: [
        { kind: 'stream', name: 'small', data: patternBytes(100, 1) },
        { kind: 'stream', name: 'big', data: patternBytes(10_000, 2) },
        {
          kind: 'storage',
          name: 'dir',
          children: [
            { kind: 'stream', name: 'inner', data: patternBytes(5_000, 3) },
            { kind: 'stream', name: 'tiny', data: patternBytes(10, 4) },
          ],
        },
      ],
    },
    { clock },
  );
}

/** A copy of the base file changed by `edit`, with its raw structures for locating fields. */
function damaged(edit: (view: DataView, raw: RawCfb, entry: (name: string) => RawEntry) => void, bytes = baseFile()): Uint8Array {
  const copy = bytes.slice();
  const raw = parseRaw(copy);
  const entry = (name: string) => raw.entries.find((e) => e.name === name) as RawEntry;
  edit(new DataView(copy.buffer), raw, entry);
  return copy;
}

/** Asserts that `fn` throws MAPI_E_CORRUPT_DATA with a message matching `pattern`. */
function expectCorrupt(fn: () => unknown, pattern: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(MapiError.is(error, MAPI_E_CORRUPT_DATA), String(error)).toBe(true);
  expect((error as Error).message).toMatch(/^corrupt compound file: /);
  expect((error as Error).message).toMatch(pattern);
}

const set32 = (view: DataView, at: number, value: number) => view.setUint32(at, value >>> 0, true);
const readAll = (file: CompoundFile, path: string) => file.stream(path)!.readAll();

describe('openCompoundFile rejects a damaged header', () => {
  const cases: [string, (v: DataView, raw: RawCfb) => void, RegExp][] = [
    ['a bad signature', (v) => v.setUint8(3, 0), /bad signature/],
    ['major version 5', (v) => v.setUint16(0x1a, 5, true), /Major Version is 5/],
    ['a byte order other than 0xFFFE', (v) => v.setUint16(0x1c, 0xfeff, true), /Byte Order/],
    ['sector shift 12 in a version 3 file', (v) => v.setUint16(0x1e, 12, true), /Sector Shift is 12/],
    ['mini sector shift 7', (v) => v.setUint16(0x20, 7, true), /Mini Sector Shift is 7/],
    ['a mini stream cutoff of 8192', (v) => set32(v, 0x38, 8192), /Mini Stream Cutoff Size is 8192/],
    ['no FAT sectors', (v) => set32(v, 0x2c, 0), /Number of FAT Sectors is 0/],
    ['2^31 FAT sectors (no allocation is attempted)', (v) => set32(v, 0x2c, 0x7fffffff), /Number of FAT Sectors is 2147483647/],
    ['a FAT sector at FREESECT in the header DIFAT', (v) => set32(v, 0x4c, FREESECT), /FREESECT where a sector number was expected/],
    ['a FAT sector past the end', (v, raw) => set32(v, 0x4c, raw.sectorCount + 3), /past the end/],
    ['more FAT sectors than the header DIFAT lists', (v) => set32(v, 0x2c, 2), /the FAT \(header DIFAT\[1\]\), link 1: FREESECT where a sector number was expected/],
    ['an empty directory', (v) => set32(v, 0x30, ENDOFCHAIN), /directory is empty/],
  ];
  for (const [what, edit, pattern] of cases) it(`rejects ${what}`, () => expectCorrupt(() => openCompoundFile(damaged(edit)), pattern));

  it('rejects a file shorter than the header', () => {
    expectCorrupt(() => openCompoundFile(baseFile().subarray(0, 300)), /shorter than the 512-byte header/);
  });
});

describe('openCompoundFile rejects damaged chains', () => {
  it('reports a FAT chain that loops, when the stream is read', () => {
    const bytes = damaged((v, raw, e) => set32(v, raw.fatEntryOffset(e('big').start + 2), e('big').start));
    const file = openCompoundFile(bytes);
    expectCorrupt(() => readAll(file, 'big'), /stream "big" \(entry \d+\), link 3: sector \d+ appears twice, the chain loops/);
    // The damage stays local: other streams read fine, and the same error comes back.
    expect(readAll(file, 'dir/inner')).toEqual(patternBytes(5_000, 3));
    expectCorrupt(() => readAll(file, 'big'), /chain loops/);
  });

  it('reports a chain that leaves the file', () => {
    const bytes = damaged((v, raw, e) => set32(v, raw.fatEntryOffset(e('big').start + 1), 99_999));
    expectCorrupt(() => readAll(openCompoundFile(bytes), 'big'), /link 2: sector 99999 is past the end/);
  });

  it('reports a chain shorter than its stream', () => {
    const bytes = damaged((v, raw, e) => set32(v, raw.fatEntryOffset(e('big').start + 4), ENDOFCHAIN));
    expectCorrupt(() => readAll(openCompoundFile(bytes), 'big'), /the chain ends after 5 sectors, its size needs 20/);
  });

  it('reports two streams sharing sectors', () => {
    const bytes = damaged((v, raw, e) => set32(v, raw.fatEntryOffset(e('inner').start + 1), e('big').start + 3));
    const file = openCompoundFile(bytes);
    expect(readAll(file, 'big')).toEqual(patternBytes(10_000, 2));
    expectCorrupt(() => readAll(file, 'dir/inner'), /stream "dir\/inner" .* already belongs to stream "big"/);
  });

  it('reports a stream chain running through the FAT itself', () => {
    const bytes = damaged((v, raw, e) => set32(v, raw.fatEntryOffset(e('big').start), raw.fatSectors[0] as number));
    expectCorrupt(() => readAll(openCompoundFile(bytes), 'big'), /already belongs to the FAT/);
  });

  it('reports a directory chain that loops', () => {
    const bytes = damaged((v, raw) => set32(v, raw.fatEntryOffset(raw.dirSectors[0] as number), raw.dirSectors[0] as number));
    expectCorrupt(() => openCompoundFile(bytes), /the directory, link 1: sector \d+ appears twice/);
  });

  it('reports a mini chain that loops or leaves the mini stream', () => {
    const looping = damaged((v, raw, e) => set32(v, (raw.miniFatSectors[0]! + 1) * 512 + e('small').start * 4, e('small').start));
    expectCorrupt(() => readAll(openCompoundFile(looping), 'small'), /stream "small" \(entry \d+\), link 1: mini sector \d+ appears twice, the chain loops/);
    const outside = damaged((v, _raw, e) => set32(v, e('tiny').fileOffset + 0x74, 1000));
    expectCorrupt(() => readAll(openCompoundFile(outside), 'dir/tiny'), /mini sector 1000 is past the end/);
  });

  it('reports a mini stream the file cannot hold when a small stream is read', () => {
    const bytes = damaged((v, raw) => set32(v, raw.entries[0]!.fileOffset + 0x78, 1_000_000_000));
    const file = openCompoundFile(bytes);
    expect(readAll(file, 'big')).toEqual(patternBytes(10_000, 2));
    expectCorrupt(() => readAll(file, 'small'), /mini stream size 1000000000 needs/);
  });
});

describe('openCompoundFile rejects a damaged directory', () => {
  const cases: [string, (v: DataView, raw: RawCfb, e: (name: string) => RawEntry) => void, RegExp][] = [
    ['a sibling pointing at itself', (v, _r, e) => set32(v, e('small').fileOffset + 0x44, e('small').id), /directory entry \d+ is reached twice/],
    ['a child pointing back at its storage', (v, _r, e) => set32(v, e('dir').fileOffset + 0x4c, e('dir').id), /the child of entry \d+: directory entry \d+ is reached twice/],
    ['a subtree shared by two storages', (v, _r, e) => set32(v, e('tiny').fileOffset + 0x48, e('small').id), /reached twice/],
    ['a sibling id past the end', (v, _r, e) => set32(v, e('big').fileOffset + 0x48, 5000), /stream ID 5000 is past the end of the directory \(8 entries\)/],
    ['a sibling id of MAXREGSID+1', (v, _r, e) => set32(v, e('big').fileOffset + 0x44, 0xfffffffb), /past the end of the directory/],
    ['a link to an unused entry', (v, _r, e) => set32(v, e('big').fileOffset + 0x48, 7), /directory entry 7 has Object Type 0/],
    ['an invalid object type', (v, _r, e) => v.setUint8(e('tiny').fileOffset + 0x42, 3), /Object Type 3/],
    ['a second root below the root', (v, _r, e) => v.setUint8(e('dir').fileOffset + 0x42, 5), /Object Type 5/],
    ['a name length over 64', (v, _r, e) => v.setUint16(e('inner').fileOffset + 0x40, 66, true), /Name Length is 66/],
    ['an odd name length', (v, _r, e) => v.setUint16(e('inner').fileOffset + 0x40, 9, true), /Name Length is 9/],
    ['a root entry that is not a root', (v, raw) => v.setUint8(raw.entries[0]!.fileOffset + 0x42, 1), /directory entry 0 has Object Type 1/],
  ];
  for (const [what, edit, pattern] of cases) it(`rejects ${what}`, () => expectCorrupt(() => openCompoundFile(damaged(edit)), pattern));

  it('reads 0 in a link as "none", as some writers write it', () => {
    const bytes = damaged((v, _r, e) => set32(v, e('small').fileOffset + 0x4c, 0));
    expect(readAll(openCompoundFile(bytes), 'small')).toEqual(patternBytes(100, 1));
  });
});

describe('CfbStream.size rejects sizes the file cannot hold', () => {
  it('rejects a large stream bigger than the file, leaving the others readable', () => {
    const bytes = damaged((v, _r, e) => set32(v, e('big').fileOffset + 0x78, 0x7ffffff0));
    const file = openCompoundFile(bytes);
    expectCorrupt(() => file.stream('big')!.size, /stream "big" \(entry \d+\): Stream Size 2147483632 needs 4194304 sectors, the file has \d+/);
    expectCorrupt(() => readAll(file, 'big'), /Stream Size/);
    expect(readAll(file, 'small')).toEqual(patternBytes(100, 1));
  });

  it('rejects a version 3 size over 2 GB and ignores the high DWORD ([MS-CFB] 2.6.3)', () => {
    expectCorrupt(() => openCompoundFile(damaged((v, _r, e) => set32(v, e('big').fileOffset + 0x78, 0x90000000))).stream('big')!.size, /over the 2 GB limit/);
    const highSet = openCompoundFile(damaged((v, _r, e) => set32(v, e('big').fileOffset + 0x7c, 0xdeadbeef)));
    expect(highSet.stream('big')!.size).toBe(10_000);
  });

  it('rejects a small stream bigger than the mini stream', () => {
    const bytes = damaged((v, _r, e) => set32(v, e('tiny').fileOffset + 0x78, 4000));
    expectCorrupt(() => openCompoundFile(bytes).stream('dir/tiny')!.size, /Stream Size 4000 is larger than the \d+-byte mini stream/);
  });
});

describe('openCompoundFile on a truncated file', () => {
  it('opens, reads what is there and reports the streams that were cut off', () => {
    const full = baseFile();
    const big = parseRaw(full).entries.find((e) => e.name === 'big')!;
    const cut = full.subarray(0, (big.start + 1) * 512 + 3000);
    const file = openCompoundFile(cut);
    expect(readAll(file, 'small')).toEqual(patternBytes(100, 1));
    expectCorrupt(() => readAll(file, 'big'), /needs 20 sectors, the file has/);
  });

  it('reads a short last sector as zero-padded', () => {
    const full = baseFile();
    const source = countingSource(full.subarray(0, full.length - 100));
    const file = openCompoundFile(source);
    const inner = readAll(file, 'dir/inner');
    const whole = patternBytes(5_000, 3);
    // The inner stream is last in the file; its final 100 bytes (of padding and data) are gone.
    expect(Buffer.compare(inner.subarray(0, 4_900 - 12), whole.subarray(0, 4_900 - 12))).toBe(0);
  });
});

describe('openCompoundFile with DIFAT sectors', () => {
  let big: Uint8Array;
  beforeAll(() => {
    big = writeCompoundFile({ children: [{ kind: 'stream', name: 'big', data: patternBytes(7_300_000, 7) }] }, { clock });
  });

  it('reports a DIFAT chain that loops', () => {
    const bytes = damaged((v, raw) => {
      const difat = raw.difatSectors[0] as number;
      const used = raw.fatSectors.length - 109;
      // Fill the DIFAT sector's free slots with (unclaimed) data sectors, ask for one more DIFAT
      // sector than there is, and point the chain back at the same sector.
      for (let j = used; j < 127; j++) set32(v, (difat + 1) * 512 + j * 4, 2000 + j);
      set32(v, 0x2c, 109 + 127 + 1);
      set32(v, (difat + 1) * 512 + 508, difat);
    }, big);
    expectCorrupt(() => openCompoundFile(bytes), /the DIFAT chain, link 1: sector \d+ appears twice, the chain loops/);
  });

  it('reports a DIFAT chain that ends too early', () => {
    const bytes = damaged((v, raw) => set32(v, 0x2c, raw.fatSectors.length + 1), big);
    expectCorrupt(() => openCompoundFile(bytes), /the FAT \(DIFAT sector \d+, slot \d+\), link \d+: FREESECT/);
    const noMore = damaged((v, raw) => {
      for (let j = raw.fatSectors.length - 109; j < 127; j++) set32(v, (raw.difatSectors[0]! + 1) * 512 + j * 4, 2000 + j);
      set32(v, 0x2c, 109 + 127 + 1);
    }, big);
    expectCorrupt(() => openCompoundFile(noMore), /the DIFAT lists 236 FAT sectors, the header says 237/);
  });

  it('reports a DIFAT slot that is not a sector', () => {
    const bytes = damaged((v, raw) => set32(v, (raw.difatSectors[0]! + 1) * 512, FREESECT), big);
    expectCorrupt(() => openCompoundFile(bytes), /the FAT \(DIFAT sector \d+, slot 0\), link 109: FREESECT/);
  });
});
