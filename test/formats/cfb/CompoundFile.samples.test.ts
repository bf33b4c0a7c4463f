import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA, MAPI_E_INVALID_PARAMETER } from '../../../src/core/generated/scodes.js';
import { fileByteSource, openCompoundFile } from '../../../src/formats/cfb/index.js';
import { cfbPackageListing, countingSource, listingDifferences, MALFORMED_SAMPLES, ourListing, sample, sampleNames, SAMPLES_DIR } from './helpers.js';
import { parseRaw } from './rawCfb.js';

const names = sampleNames();
const wellFormed = names.filter((n) => !(n in MALFORMED_SAMPLES));

describe('openCompoundFile on the .msg samples', () => {
  it('has all 98 samples to read', () => {
    expect(names.length).toBe(98);
  });

  it('reads the same tree and the same bytes in every stream as the cfb package', () => {
    for (const name of wellFormed) {
      const bytes = sample(name);
      expect(listingDifferences(ourListing(openCompoundFile(bytes)), cfbPackageListing(bytes)), name).toEqual([]);
    }
  });

  it('answers MAPI_E_CORRUPT_DATA for the malformed samples (the cfb package throws TypeErrors)', () => {
    for (const name of Object.keys(MALFORMED_SAMPLES)) {
      let error: unknown;
      try {
        const file = openCompoundFile(sample(name));
        ourListing(file);
      } catch (e) {
        error = e;
      }
      expect(MapiError.is(error, MAPI_E_CORRUPT_DATA), `${name}: ${String(error)}`).toBe(true);
    }
  });

  it('lists each storage in the [MS-CFB] 2.6.4 order: shorter names first', () => {
    const file = openCompoundFile(sample('msgreader__Simple.msg'));
    const listed = file.root.entries().map((e) => e.name);
    expect(listed[0]).toBe('__nameid_version1.0');
    for (let i = 1; i < listed.length; i++) expect((listed[i] as string).length).toBeGreaterThanOrEqual((listed[i - 1] as string).length);
    expect(listed).toContain('__properties_version1.0');
  });

  it('finds entries by name or path ignoring case, and tells storages from streams', () => {
    const file = openCompoundFile(sample('msgreader__attachmentFiles.msg'));
    const attach = file.root.storage('__ATTACH_VERSION1.0_#00000000');
    expect(attach?.name).toBe('__attach_version1.0_#00000000');
    expect(attach?.path).toBe('__attach_version1.0_#00000000');
    expect(attach?.parent).toBe(file.root);
    expect(file.root.stream('__attach_version1.0_#00000000')).toBeUndefined();
    const props = file.stream('__attach_version1.0_#00000000/__PROPERTIES_version1.0');
    expect(props?.kind).toBe('stream');
    expect(props?.path).toBe('__attach_version1.0_#00000000/__properties_version1.0');
    expect(props?.parent).toBe(attach);
    expect(file.storage('__attach_version1.0_#00000000/__properties_version1.0')).toBeUndefined();
    expect(file.entry('')).toBe(file.root);
    expect(file.entry('no such entry')).toBeUndefined();
    expect(file.entry('__properties_version1.0/below a stream')).toBeUndefined();
  });

  it('gives entry metadata: the root CLSID of a message, times, sizes and version', () => {
    const file = openCompoundFile(sample('msgreader__Simple.msg'));
    expect(file.version).toBe(3);
    expect(file.sectorSize).toBe(512);
    expect(file.root.isRoot).toBe(true);
    expect(file.root.path).toBe('');
    // [MS-OXMSG] 2.1: the root storage of a .msg file has CLSID_MailMessage.
    expect(file.root.clsid.toString()).toBe('{00020D0B-0000-0000-C000-000000000046}');
    expect(file.root.created.ticks).toBe(0n);
    expect(file.root.modified.ticks).toBeGreaterThan(0n);
    const nameid = file.root.storage('__nameid_version1.0');
    expect(nameid?.isRoot).toBe(false);
    const stream = file.stream('__substg1.0_0037001F');
    expect(stream?.size).toBe(12); // "Simple" in UTF-16LE
    expect(new TextDecoder('utf-16le').decode(stream?.readAll())).toBe('Simple');
    expect(stream?.clsid.toString()).toBe('{00000000-0000-0000-0000-000000000000}');
    expect(stream?.stateBits).toBe(0);
  });

  it('reads any slice of a stream, clamped to its end', () => {
    const file = openCompoundFile(sample('msgreader__test.msg'));
    const streams = ourListing(file);
    for (const [path, data] of streams) {
      if (!data || data.length < 600) continue;
      const s = file.stream(path)!;
      for (const [offset, length] of [[0, 1], [63, 2], [511, 3], [100, 4096], [data.length - 5, 100], [data.length, 10], [data.length + 7, 1]] as const) {
        expect(Buffer.compare(s.read(offset, length), data.subarray(offset, offset + length)), `${path} ${offset}+${length}`).toBe(0);
      }
      expect(Buffer.compare(s.read(3), data.subarray(3))).toBe(0);
    }
  });

  it('rejects a negative or fractional offset or length with MAPI_E_INVALID_PARAMETER', () => {
    const s = openCompoundFile(sample('msgreader__Simple.msg')).stream('__substg1.0_0037001F')!;
    for (const [offset, length] of [[-1, 1], [0.5, 1], [0, -1], [0, 1.5], [Number.NaN, 1]]) {
      expect(() => s.read(offset, length)).toThrow(expect.objectContaining({ scode: MAPI_E_INVALID_PARAMETER }));
    }
  });
});

describe('openCompoundFile laziness', () => {
  it('reads only the header, allocation tables and directory when opening', () => {
    const bytes = sample('msgreader__Many_entities.msg');
    const source = countingSource(bytes);
    openCompoundFile(source);
    const raw = parseRaw(bytes);
    const structural = 512 + (raw.fatSectors.length + raw.difatSectors.length + raw.dirSectors.length + raw.miniFatSectors.length) * 512;
    expect(source.bytesRead).toBeLessThanOrEqual(structural);
  });

  it('reads three small properties without touching the body or the attachments', () => {
    const bytes = sample('sicos__EmailWithAttachments.msg');
    const raw = parseRaw(bytes);
    // Sectors of every large stream (body, RTF, attachment data) must stay unread.
    const largeSectors = new Set<number>();
    for (const e of raw.entries) if (e.type === 2 && e.sizeLow >= 4096) for (const s of raw.chain(e.start)) largeSectors.add(s);
    expect(largeSectors.size).toBeGreaterThan(10);
    const source = countingSource(bytes);
    const file = openCompoundFile(source);
    for (const name of ['__substg1.0_0037001F', '__substg1.0_001A001F', '__properties_version1.0']) {
      expect(file.stream(name)?.readAll().length).toBeGreaterThan(0);
    }
    expect(source.bytesRead).toBeLessThan(bytes.length / 4);
    for (const [offset, length] of source.reads) {
      for (let s = Math.floor(offset / 512) - 1; s < Math.ceil((offset + length) / 512) - 1; s++) expect(largeSectors.has(s), `sector ${s} was read`).toBe(false);
    }
  });

  it('reads a file from a descriptor or a path without loading it whole', () => {
    const name = 'msgreader__attachmentsOrder.msg';
    const inMemory = ourListing(openCompoundFile(sample(name)));
    const byPath = fileByteSource(join(SAMPLES_DIR, name));
    try {
      expect(listingDifferences(ourListing(openCompoundFile(byPath)), inMemory)).toEqual([]);
    } finally {
      byPath.close();
    }
    const fd = openSync(join(SAMPLES_DIR, name), 'r');
    try {
      const source = fileByteSource(fd);
      expect(source.size).toBe(sample(name).length);
      expect(listingDifferences(ourListing(openCompoundFile(source)), inMemory)).toEqual([]);
      source.close(); // not ours to close: the descriptor stays open
      expect(source.read(0, 8)).toEqual(sample(name).subarray(0, 8));
    } finally {
      closeSync(fd);
    }
  });
});
