// A minimal NDB writer for tests: lays out blocks, data trees, subnode trees and the two
// B-trees of a PST/OST from node descriptions, in any of the three layouts and crypt methods.
// Not a product writer: no AMaps/PMaps/DList (the reader does not use them).
import { deflateSync } from 'node:zlib';
import { computeSig, pstCrc } from '../../../../src/formats/pst/crc.js';
import { encodeBlock } from '../../../../src/formats/pst/crypt.js';
import { layoutOf, type PstFormat } from '../../../../src/formats/pst/format.js';

/** A subnode: its data (one buffer split into blocks, or explicit blocks) and its own subnodes. */
export interface SynthSub {
  nid: number;
  data?: Uint8Array | Uint8Array[];
  subnodes?: SynthSub[];
}

/** A top-level node. */
export interface SynthNode extends SynthSub {
  nidParent?: number;
}

/** Writer options. */
export interface SynthOptions {
  format: PstFormat;
  crypt?: 0 | 1 | 2;
  /** Max entries per B-tree page (forces multi-level NBT/BBT when small). */
  fanout?: number;
  /** Max data bytes per leaf block when a buffer is split (default: the format's maximum). */
  leafSize?: number;
  /** Max BIDs per XBLOCK/XXBLOCK (forces XXBLOCKs when small). */
  xFanout?: number;
  /** Max entries per SLBLOCK (forces SIBLOCKs when small). */
  slFanout?: number;
  /** 4K only: zlib-compress data blocks; the order of compression and encoding. */
  compress?: 'encrypt-then-compress' | 'compress-then-encrypt';
  /** Mutates the bytes of the finished file (for negative tests). */
  wVer?: number;
}

interface Placed {
  bid: number;
  ib: number;
  cb: number;
  cbInflated: number;
}

/** Max data bytes of one block. */
export function maxBlockData(format: PstFormat): number {
  const l = layoutOf(format);
  return l.maxBlockSize - l.blockTrailerSize;
}

/** Builds a whole file. */
export function buildPst(nodes: SynthNode[], opts: SynthOptions): Uint8Array {
  const L = layoutOf(opts.format);
  const w = L.idSize;
  const crypt = opts.crypt ?? 0;
  const chunks: { ib: number; bytes: Uint8Array }[] = [];
  let eof = L.pageSize === 4096 ? 0x22000 : 0x4400;
  let nextBid = 4;
  let nextPageBid = 1;
  const blocks: Placed[] = [];
  const put = (bytes: Uint8Array, align: number): number => {
    eof = Math.ceil(eof / align) * align;
    const ib = eof;
    chunks.push({ ib, bytes });
    eof += bytes.length;
    return ib;
  };
  const le = (buf: Uint8Array, off: number, v: number, n: number) => {
    let x = v;
    for (let i = 0; i < n; i++) {
      buf[off + i] = x % 256;
      x = Math.floor(x / 256);
    }
  };

  const writeBlock = (payload: Uint8Array, internal: boolean): number => {
    const bid = nextBid | (internal ? 2 : 0);
    nextBid += 4;
    let stored = Uint8Array.from(payload);
    let compressed = false;
    if (!internal && opts.compress && opts.format === 'unicode4k' && payload.length > 0) {
      if (opts.compress === 'encrypt-then-compress') {
        encodeBlock(stored, crypt, bid);
        const z = new Uint8Array(deflateSync(stored));
        if (z.length < stored.length) [stored, compressed] = [z, true];
      } else {
        const z = new Uint8Array(deflateSync(payload));
        if (z.length < payload.length) [stored, compressed] = [z, true];
        encodeBlock(stored, crypt, bid);
      }
    } else if (!internal) encodeBlock(stored, crypt, bid);
    const cbInflated = compressed ? payload.length : stored.length;
    const cb = stored.length;
    const span = Math.ceil((cb + L.blockTrailerSize) / L.blockAlign) * L.blockAlign;
    const buf = new Uint8Array(span);
    buf.set(stored);
    const t = span - L.blockTrailerSize;
    eof = Math.ceil(eof / L.blockAlign) * L.blockAlign;
    const ib = eof;
    le(buf, t, cb, 2);
    le(buf, t + 2, computeSig(ib, bid), 2);
    const crc = pstCrc(stored);
    if (w === 4) {
      le(buf, t + 4, bid, 4);
      le(buf, t + 8, crc, 4);
    } else {
      le(buf, t + 4, crc, 4);
      le(buf, t + 8, bid, 8);
      if (opts.format === 'unicode4k') le(buf, t + 18, cbInflated, 2);
    }
    put(buf, L.blockAlign);
    blocks.push({ bid, ib, cb, cbInflated });
    return bid;
  };

  const leafSize = opts.leafSize ?? maxBlockData(opts.format);
  const xFanout = opts.xFanout ?? Math.floor((maxBlockData(opts.format) - 8) / w);
  const writeData = (data: Uint8Array | Uint8Array[] | undefined): number => {
    if (data === undefined) return 0;
    const leaves: Uint8Array[] = [];
    if (Array.isArray(data)) leaves.push(...data);
    else for (let off = 0; off < data.length || (off === 0 && leaves.length === 0); off += leafSize) leaves.push(data.subarray(off, off + leafSize));
    const bids = leaves.map((b) => ({ bid: writeBlock(b, false), size: b.length }));
    if (bids.length === 1) return (bids[0] as { bid: number }).bid;
    const xblock = (level: number, kids: { bid: number; size: number }[]) => {
      const buf = new Uint8Array(8 + kids.length * w);
      buf[0] = 1;
      buf[1] = level;
      le(buf, 2, kids.length, 2);
      const total = kids.reduce((a, k) => a + k.size, 0);
      le(buf, 4, total, 4);
      kids.forEach((k, i) => le(buf, 8 + i * w, k.bid, w));
      return { bid: writeBlock(buf, true), size: total };
    };
    const groups: { bid: number; size: number }[] = [];
    for (let i = 0; i < bids.length; i += xFanout) groups.push(xblock(1, bids.slice(i, i + xFanout)));
    if (groups.length === 1) return (groups[0] as { bid: number }).bid;
    return xblock(2, groups).bid;
  };

  const slFanout = opts.slFanout ?? Math.floor((maxBlockData(opts.format) - 8) / (3 * w));
  const writeSubnodes = (subs: SynthSub[] | undefined): number => {
    if (!subs || subs.length === 0) return 0;
    const entries = [...subs].sort((a, b) => a.nid - b.nid).map((s) => ({ nid: s.nid, bidData: writeData(s.data), bidSub: writeSubnodes(s.subnodes) }));
    const hdr = w === 8 ? 8 : 4;
    const sl = (list: typeof entries) => {
      const buf = new Uint8Array(hdr + list.length * 3 * w);
      buf[0] = 2;
      buf[1] = 0;
      le(buf, 2, list.length, 2);
      list.forEach((e, i) => {
        const off = hdr + i * 3 * w;
        le(buf, off, e.nid, 4);
        le(buf, off + w, e.bidData, w);
        le(buf, off + 2 * w, e.bidSub, w);
      });
      return { nid: (list[0] as { nid: number }).nid, bid: writeBlock(buf, true) };
    };
    const leaves: { nid: number; bid: number }[] = [];
    for (let i = 0; i < entries.length; i += slFanout) leaves.push(sl(entries.slice(i, i + slFanout)));
    if (leaves.length === 1) return (leaves[0] as { bid: number }).bid;
    const buf = new Uint8Array(hdr + leaves.length * 2 * w);
    buf[0] = 2;
    buf[1] = 1;
    le(buf, 2, leaves.length, 2);
    leaves.forEach((e, i) => {
      le(buf, hdr + i * 2 * w, e.nid, 4);
      le(buf, hdr + i * 2 * w + w, e.bid, w);
    });
    return writeBlock(buf, true);
  };

  const nbtLeaves = [...nodes]
    .sort((a, b) => a.nid - b.nid)
    .map((n) => ({ nid: n.nid, bidData: writeData(n.data), bidSub: writeSubnodes(n.subnodes), nidParent: n.nidParent ?? 0 }));

  // B-trees, bottom up.
  const fanout = opts.fanout;
  const writePage = (ptype: number, level: number, cbEnt: number, entries: Uint8Array[]): { bid: number; ib: number } => {
    const page = new Uint8Array(L.pageSize);
    entries.forEach((e, i) => page.set(e, i * cbEnt));
    const cEntMax = Math.floor(L.btEntriesSize / cbEnt);
    if (L.btCountSize === 1) {
      page[L.btCEnt] = entries.length;
      page[L.btCEntMax] = cEntMax;
    } else {
      le(page, L.btCEnt, entries.length, 2);
      le(page, L.btCEntMax, cEntMax, 2);
    }
    page[L.btCbEnt] = cbEnt;
    page[L.btCLevel] = level;
    eof = Math.ceil(eof / L.pageSize) * L.pageSize;
    const ib = eof;
    const bid = nextPageBid++;
    const t = L.pageTrailerOffset;
    page[t] = ptype;
    page[t + 1] = ptype;
    le(page, t + 2, computeSig(ib, bid), 2);
    if (w === 4) le(page, t + 4, bid, 4);
    else le(page, t + 8, bid, 8);
    const crc = pstCrc(page.subarray(0, L.pageCrcSize));
    le(page, w === 4 ? t + 8 : t + 4, crc, 4);
    put(page, L.pageSize);
    return { bid, ib };
  };
  const buildTree = (ptype: number, leafCbEnt: number, leafEntries: { key: number; bytes: Uint8Array }[]) => {
    const cap = (cbEnt: number) => Math.min(fanout ?? 255, Math.floor(L.btEntriesSize / cbEnt), L.btCountSize === 1 ? 255 : 65535);
    let level = 0;
    let items = leafEntries;
    let cbEnt = leafCbEnt;
    for (;;) {
      const per = cap(cbEnt);
      const pages: { key: number; bytes: Uint8Array }[] = [];
      for (let i = 0; i < Math.max(items.length, 1); i += per) {
        const group = items.slice(i, i + per);
        const ref = writePage(ptype, level, cbEnt, group.map((g) => g.bytes));
        const e = new Uint8Array(3 * w);
        const key = group[0]?.key ?? 0;
        le(e, 0, key, w);
        le(e, w, ref.bid, w);
        le(e, 2 * w, ref.ib, w);
        pages.push({ key, bytes: e });
      }
      if (pages.length === 1) {
        const only = pages[0] as { bytes: Uint8Array };
        const rd = (off: number) => {
          let v = 0;
          for (let i = w - 1; i >= 0; i--) v = v * 256 + (only.bytes[off + i] as number);
          return v;
        };
        return { bid: rd(w), ib: rd(2 * w) };
      }
      items = pages;
      cbEnt = 3 * w;
      level++;
    }
  };
  const nbtCb = w === 8 ? 32 : 16;
  const nbt = buildTree(
    0x81,
    nbtCb,
    nbtLeaves.map((n) => {
      const e = new Uint8Array(nbtCb);
      le(e, 0, n.nid, 4);
      le(e, w, n.bidData, w);
      le(e, 2 * w, n.bidSub, w);
      le(e, 3 * w, n.nidParent, 4);
      return { key: n.nid, bytes: e };
    }),
  );
  const bbtCb = w === 8 ? 24 : 12;
  const bbt = buildTree(
    0x80,
    bbtCb,
    [...blocks]
      .sort((a, b) => a.bid - b.bid)
      .map((b) => {
        const e = new Uint8Array(bbtCb);
        le(e, 0, b.bid, w);
        le(e, w, b.ib, w);
        le(e, 2 * w, b.cb, 2);
        if (opts.format === 'unicode4k') {
          le(e, 2 * w + 2, b.cbInflated, 2);
          le(e, 2 * w + 4, 2, 2);
        } else le(e, 2 * w + 2, 2, 2);
        return { key: b.bid, bytes: e };
      }),
  );

  // Header.
  const size = Math.ceil(eof / 512) * 512;
  const file = new Uint8Array(size);
  for (const c of chunks) file.set(c.bytes, c.ib);
  const ansi = w === 4;
  file.set([0x21, 0x42, 0x44, 0x4e], 0);
  le(file, 8, 0x4d53, 2);
  le(file, 10, opts.wVer ?? (ansi ? 14 : opts.format === 'unicode4k' ? 36 : 23), 2);
  le(file, 12, 19, 2);
  file[14] = 1;
  file[15] = 1;
  const r = ansi ? 164 : 180;
  le(file, r + 4, size, w);
  le(file, r + 4 + 4 * w, nbt.bid, w);
  le(file, r + 4 + 5 * w, nbt.ib, w);
  le(file, r + 4 + 6 * w, bbt.bid, w);
  le(file, r + 4 + 7 * w, bbt.ib, w);
  file[r + 4 + 8 * w] = 2;
  if (ansi) {
    le(file, 24, nextBid, 4);
    le(file, 28, nextPageBid, 4);
    file.fill(0xff, 204, 460);
    file[460] = 0x80;
    file[461] = crypt;
  } else {
    le(file, 32, nextPageBid, 8);
    file.fill(0xff, 256, 512);
    file[512] = 0x80;
    file[513] = crypt;
    le(file, 516, nextBid, 8);
    le(file, 524, pstCrc(file.subarray(8, 8 + 516)), 4);
  }
  le(file, 4, pstCrc(file.subarray(8, 8 + 471)), 4);
  if (!ansi) le(file, 524, pstCrc(file.subarray(8, 8 + 516)), 4);
  return file;
}
