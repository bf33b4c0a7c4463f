import { describe, expect, it } from 'vitest';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA, MAPI_E_NOT_FOUND, MAPI_E_VERSION } from '../../../src/core/generated/scodes.js';
import { PR_PST_PASSWORD } from '../../../src/core/generated/proptags.js';
import {
  FileSource, NDB_CRYPT_PERMUTE, NID_MESSAGE_STORE, NID_ROOT_FOLDER, Uint8ArraySource, dumpPc, listNodes, nidTypeName,
  openPstNdb, type ByteSource,
} from '../../../src/formats/pst/index.js';
import { ALL_SAMPLES, ANSI_SAMPLE, SAMPLE_DIR, openSample, sampleBytes, valueOf } from './helpers.js';

/** A source that counts what is read. */
class CountingSource implements ByteSource {
  reads = 0;
  bytes = 0;
  constructor(private readonly inner: ByteSource, readonly size = inner.size) {}
  read(offset: number, length: number): Uint8Array {
    this.reads++;
    this.bytes += length;
    // Past the inner source (a virtual large file): zeros, which no structure points into.
    if (offset >= this.inner.size) return new Uint8Array(length);
    return this.inner.read(offset, length);
  }
}

describe('openPstNdb', () => {
  it.each(ALL_SAMPLES)('opens %s and reads its header', (name) => {
    const ndb = openSample(name);
    expect(ndb.header.wMagicClient).toBe(0x4d53);
    expect(ndb.header.clientKind).toBe('PST');
    expect(ndb.header.bCryptMethod).toBe(NDB_CRYPT_PERMUTE);
    expect(ndb.header.root.ibFileEof).toBe(sampleBytes(name).length);
    expect(ndb.format).toBe(name === ANSI_SAMPLE ? 'ansi' : 'unicode');
    expect(ndb.header.wVer).toBe(name === ANSI_SAMPLE ? 14 : 23);
  });

  it('reads only the header when opening', () => {
    const src = new CountingSource(new Uint8ArraySource(sampleBytes('tika__testPST.pst')));
    openPstNdb(src);
    expect(src.reads).toBe(1);
    expect(src.bytes).toBeLessThanOrEqual(564);
  });

  it('opens a 2 GB file reading only the header and the B-tree pages a lookup walks', () => {
    // The sample's bytes at the start of a virtual 2 GiB file.
    const src = new CountingSource(new Uint8ArraySource(sampleBytes('tika__testPST.pst')), 2 * 1024 ** 3);
    const ndb = openPstNdb(src);
    const store = ndb.node(NID_MESSAGE_STORE);
    expect(store.nid).toBe(NID_MESSAGE_STORE);
    // Header + one page per NBT level.
    expect(src.bytes).toBeLessThan(564 + 4 * 512);
    ndb.node(NID_ROOT_FOLDER);
    expect(src.bytes).toBeLessThan(564 + 8 * 512);
  });

  it('rejects what is not a PST with MAPI_E_CORRUPT_DATA', () => {
    expect(() => openPstNdb(new Uint8Array(1024))).toThrow(expect.objectContaining({ scode: MAPI_E_CORRUPT_DATA }));
    expect(() => openPstNdb(new Uint8Array(10))).toThrow(expect.objectContaining({ scode: MAPI_E_CORRUPT_DATA }));
  });

  it('rejects a header whose CRC does not match', () => {
    const b = Uint8Array.from(sampleBytes('aspose__SampleContacts.pst'));
    b[200] = (b[200] as number) ^ 1;
    expect(() => openPstNdb(b)).toThrow(/dwCRC/);
  });

  it('answers MAPI_E_VERSION for an unknown wVer', () => {
    const b = Uint8Array.from(sampleBytes('aspose__SampleContacts.pst'));
    b[10] = 99;
    expect(() => openPstNdb(b)).toThrow(expect.objectContaining({ scode: MAPI_E_VERSION }));
  });

  it('opens a password-protected PST like any other (the password is only a property)', () => {
    const ndb = openSample('javalibpst__passworded.pst');
    const props = dumpPc(ndb, NID_MESSAGE_STORE);
    expect(valueOf(props, PR_PST_PASSWORD)).not.toBe(0);
    expect(listNodes(ndb).length).toBeGreaterThan(100);
  });

  it('reads the same through a file descriptor as from memory, and closes it', () => {
    const file = FileSource.open(SAMPLE_DIR + 'tika__testPST.pst');
    const a = openPstNdb(file);
    const b = openSample('tika__testPST.pst');
    expect(listNodes(a)).toEqual(listNodes(b));
    expect(dumpPc(a, NID_MESSAGE_STORE)).toEqual(dumpPc(b, NID_MESSAGE_STORE));
    a.close();
    expect(() => file.read(0, 4)).toThrow(MapiError);
  });
});

describe('PstNdb.node', () => {
  it.each(ALL_SAMPLES)('finds every NBT node of %s by lookup', (name) => {
    const ndb = openSample(name);
    const all = [...ndb.nodes()];
    expect(all.length).toBeGreaterThan(20);
    for (const n of all) expect(ndb.node(n.nid)).toEqual(n);
    // NIDs come out of the walk strictly ascending.
    for (let i = 1; i < all.length; i++) expect(all[i]!.nid).toBeGreaterThan(all[i - 1]!.nid);
  });

  it.each(ALL_SAMPLES)('finds no node between consecutive NIDs of %s', (name) => {
    const ndb = openSample(name);
    const all = [...ndb.nodes()].map((n) => n.nid);
    for (let i = 1; i < all.length; i++) {
      const gap = all[i - 1]! + 1;
      if (gap < all[i]!) expect(ndb.findNode(gap)).toBeUndefined();
    }
    expect(() => ndb.node(0x7fffffe1)).toThrow(expect.objectContaining({ scode: MAPI_E_NOT_FOUND }));
  });

  it('lists nodes with their type names, undocumented types included', () => {
    const nodes = listNodes(openSample('tika__testPST.pst'));
    expect(nodes.find((n) => n.nid === NID_ROOT_FOLDER)).toMatchObject({ typeName: 'NORMAL_FOLDER', nidParent: NID_ROOT_FOLDER });
    expect(nodes.find((n) => n.nid === NID_MESSAGE_STORE)?.typeName).toBe('INTERNAL');
    expect(nodes.some((n) => n.typeName.startsWith('UNKNOWN_0x1'))).toBe(true);
    expect(nidTypeName(0x16)).toBe('UNKNOWN_0x16');
  });
});

describe('PstNdb.readBlock', () => {
  it.each(ALL_SAMPLES)('reads and CRC-checks every block of %s', (name) => {
    const ndb = openSample(name);
    let n = 0;
    for (const b of ndb.blockEntries()) {
      const data = ndb.readBlock(b.bid);
      expect(data.length).toBe(b.cb);
      expect(ndb.findBlock(b.bid)).toEqual(b);
      n++;
    }
    expect(n).toBeGreaterThan(20);
  });

  it('decrypts external blocks: the store PC starts with a heap signature', () => {
    const ndb = openSample('aspose__SampleContacts.pst');
    const data = ndb.readBlock(ndb.node(NID_MESSAGE_STORE).bidData);
    expect(data[2]).toBe(0xec);
    expect(data[3]).toBe(0xbc);
  });

  it('reports a dangling block reference as corrupt data naming the block', () => {
    const ndb = openSample('aspose__SampleContacts.pst');
    expect(() => ndb.readBlock(0x7ffffff4, { nid: 0x21 })).toThrow(/block 0x7FFFFFF4.*node 0x21|node 0x21.*block 0x7FFFFFF4/);
  });
});

describe('PstNdb.dataTree and subnodes', () => {
  it.each(ALL_SAMPLES)('every node stream of %s reads whole and by range alike', (name) => {
    const ndb = openSample(name);
    for (const n of ndb.nodes()) {
      const tree = ndb.dataTree(n.bidData, { nid: n.nid });
      const all = tree.toBytes();
      expect(all.length).toBe(tree.size);
      if (tree.size > 3) expect(tree.read(1, tree.size - 2)).toEqual(all.subarray(1, tree.size - 1));
      for (const [nid, sub] of ndb.subnodes(n.bidSub)) {
        expect(sub.nid).toBe(nid);
        const st = ndb.dataTree(sub.bidData);
        expect(st.toBytes().length).toBe(st.size);
      }
    }
  });

  it('finds multi-block data trees (XBLOCK) in the large sample', () => {
    const ndb = openSample('tika__testPST.pst');
    let multi = 0;
    for (const n of ndb.nodes()) {
      for (const sub of ndb.subnodes(n.bidSub).values()) if (ndb.dataTree(sub.bidData).blockCount > 1) multi++;
    }
    expect(multi).toBeGreaterThan(0);
  });
});
