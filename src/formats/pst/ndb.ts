import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_NOT_FOUND } from '../../core/generated/scodes.js';
import type { ByteSource } from './ByteSource.js';
import { Uint8ArraySource } from './ByteSource.js';
import { maskBid, readBlockBytes, type BlockEntry } from './block.js';
import { checkKeyRange, childRef, floorIndex, ptypeBBT, ptypeNBT, readBTPage, readId, type BTPage } from './btree.js';
import { u16, u32 } from './bytes.js';
import { LruCache } from './cache.js';
import { DataTree, type BlockReader } from './dataTree.js';
import { corrupt, hex, type Where } from './errors.js';
import { layoutOf, type FormatLayout } from './format.js';
import { readHeader, type BREF, type PstHeader } from './header.js';
import { readSubnodes, type SubnodeEntry, type SubnodeMap } from './subnodes.js';

/** [MS-PST] 2.2.2.7.7.4 NBTENTRY: a top-level node. */
export interface NodeEntry {
  /** The node's NID. */
  nid: number;
  /** Its data block or data tree root (0 = empty node). */
  bidData: number;
  /** Its subnode tree (0 = none). */
  bidSub: number;
  /** Parent folder for folders and messages, else 0. */
  nidParent: number;
}

/** Options of {@link openPstNdb}. */
export interface PstNdbOptions {
  /** Most B-tree pages kept decoded (default 256). */
  pageCacheEntries?: number;
  /** Most bytes of decoded blocks kept (default 4 MiB). */
  blockCacheBytes?: number;
}

/** A node or subnode opened for reading: its data stream and its subnodes. */
export interface PstNode {
  /** The node's NID. */
  readonly nid: number;
  /** Data block or data tree root (0 = none). */
  readonly bidData: number;
  /** Subnode tree root (0 = none). */
  readonly bidSub: number;
  /** The parent folder's NID for top-level folders and messages; 0 for subnodes. */
  readonly nidParent: number;
  /** The node's data stream. */
  data(): DataTree;
  /** The node's subnodes (empty map when it has none). */
  subnodes(): SubnodeMap;
  /** One subnode opened as a node. @throws MapiError MAPI_E_NOT_FOUND when absent. */
  subnode(nid: number): PstNode;
}

/**
 * The node database of a PST/OST file ([MS-PST] 2.2): header, node and block B-trees, blocks,
 * data trees and subnode trees. Everything is read on demand through the {@link ByteSource}
 * with small bounded caches; opening reads only the header.
 */
export class PstNdb implements BlockReader {
  /** The validated header. */
  readonly header: PstHeader;
  /** Field widths and geometry of the file's variant. */
  readonly layout: FormatLayout;
  private readonly pages: LruCache<number, BTPage>;
  private readonly blocks: LruCache<number, Uint8Array>;
  private readonly subnodeCache = new LruCache<number, Map<number, SubnodeEntry>>(64, 64);
  /** Bound on pages any one walk may visit: every page of the file once. */
  private readonly maxPages: number;

  /** Use {@link openPstNdb}. */
  constructor(
    readonly source: ByteSource,
    options: PstNdbOptions = {},
  ) {
    this.header = readHeader(source);
    this.layout = layoutOf(this.header.format);
    this.pages = new LruCache(options.pageCacheEntries ?? 256, Number.POSITIVE_INFINITY);
    this.blocks = new LruCache(4096, options.blockCacheBytes ?? 4 * 1024 * 1024);
    this.maxPages = Math.ceil(source.size / 512) + 1;
  }

  /** Size of the file in bytes. */
  get fileSize(): number {
    return this.source.size;
  }

  /** `ANSI`, `Unicode` or the 4K-page OST. */
  get format(): PstHeader['format'] {
    return this.header.format;
  }

  /** Releases the byte source. */
  close(): void {
    this.source.close?.();
  }

  private page(bref: BREF, ptype: number, level: number | undefined): BTPage {
    const hit = this.pages.get(bref.ib);
    if (hit && hit.ptype === ptype && (level === undefined || hit.cLevel === level)) return hit;
    const page = readBTPage(this.source, this.layout, bref, ptype, level);
    this.pages.set(bref.ib, page);
    return page;
  }

  /** Descends a B-tree to the leaf entry with `key`; returns the leaf page and index. */
  private lookup(root: BREF, ptype: number, key: number): { page: BTPage; index: number } | undefined {
    let page = this.page(root, ptype, undefined);
    let lo = 0;
    let hi = Number.POSITIVE_INFINITY;
    for (;;) {
      if (page.cLevel === 0) {
        const i = floorIndex(page.keys, key);
        return i >= 0 && page.keys[i] === key ? { page, index: i } : undefined;
      }
      const i = floorIndex(page.keys, key);
      if (i < 0) return undefined;
      const next = page.keys[i + 1];
      const childLo = page.keys[i] as number;
      const childHi = next === undefined ? hi : next;
      const child = this.page(childRef(this.layout, page, i), ptype, page.cLevel - 1);
      checkKeyRange(child, Math.max(lo, childLo), childHi);
      lo = childLo;
      hi = childHi;
      page = child;
    }
  }

  /** Visits every leaf entry of a B-tree in key order, each page once. */
  private *walk(root: BREF, ptype: number): Generator<{ page: BTPage; index: number }> {
    const visited = new Set<number>();
    const self = this;
    function* visit(bref: BREF, level: number | undefined, lo: number, hi: number): Generator<{ page: BTPage; index: number }> {
      if (visited.has(bref.ib)) throw corrupt(`B-tree page reached twice (cycle)`, { ib: bref.ib });
      if (visited.size >= self.maxPages) throw corrupt('B-tree has more pages than the file can hold', { ib: bref.ib });
      visited.add(bref.ib);
      const page = self.page(bref, ptype, level);
      checkKeyRange(page, lo, hi);
      for (let i = 0; i < page.cEnt; i++) {
        if (page.cLevel === 0) yield { page, index: i };
        else {
          const next = page.keys[i + 1];
          yield* visit(childRef(self.layout, page, i), page.cLevel - 1, page.keys[i] as number, next === undefined ? hi : next);
        }
      }
    }
    yield* visit(root, undefined, 0, Number.POSITIVE_INFINITY);
  }

  private nodeAt(page: BTPage, i: number): NodeEntry {
    const w = this.layout.idSize;
    const off = i * page.cbEnt;
    return {
      nid: u32(page.bytes, off),
      bidData: readId(this.layout, page.bytes, off + w, page.ib),
      bidSub: readId(this.layout, page.bytes, off + 2 * w, page.ib),
      nidParent: u32(page.bytes, off + 3 * w),
    };
  }

  private blockAt(page: BTPage, i: number): BlockEntry {
    const w = this.layout.idSize;
    const off = i * page.cbEnt;
    const cb = u16(page.bytes, off + 2 * w);
    const k4 = this.layout.format === 'unicode4k';
    return {
      bid: readId(this.layout, page.bytes, off, page.ib),
      ib: readId(this.layout, page.bytes, off + w, page.ib),
      cb,
      cbInflated: k4 ? u16(page.bytes, off + 2 * w + 2) : cb,
      cRef: u16(page.bytes, off + 2 * w + (k4 ? 4 : 2)),
    };
  }

  /** The NBT entry of a node, or undefined. */
  findNode(nid: number): NodeEntry | undefined {
    const hit = this.lookup(this.header.root.BREFNBT, ptypeNBT, nid >>> 0);
    return hit && this.nodeAt(hit.page, hit.index);
  }

  /** The NBT entry of a node. @throws MapiError MAPI_E_NOT_FOUND when the NBT has no such node. */
  node(nid: number): NodeEntry {
    const n = this.findNode(nid);
    if (!n) throw new MapiError(MAPI_E_NOT_FOUND, `[MS-PST] no node ${hex(nid)} in the node B-tree`);
    return n;
  }

  /**
   * Every page of the NBT or BBT, parents before children (an inspection aid: offsets, BIDs,
   * levels and entry counts).
   */
  *btreePages(tree: 'nbt' | 'bbt'): Generator<{ ib: number; bid: number; cLevel: number; cEnt: number }> {
    const ptype = tree === 'nbt' ? ptypeNBT : ptypeBBT;
    const root = tree === 'nbt' ? this.header.root.BREFNBT : this.header.root.BREFBBT;
    const stack: { bref: BREF; level: number | undefined }[] = [{ bref: root, level: undefined }];
    const visited = new Set<number>();
    while (stack.length) {
      const { bref, level } = stack.pop() as { bref: BREF; level: number | undefined };
      if (visited.has(bref.ib)) throw corrupt('B-tree page reached twice (cycle)', { ib: bref.ib });
      visited.add(bref.ib);
      const page = this.page(bref, ptype, level);
      yield { ib: page.ib, bid: bref.bid, cLevel: page.cLevel, cEnt: page.cEnt };
      if (page.cLevel > 0) for (let i = page.cEnt - 1; i >= 0; i--) stack.push({ bref: childRef(this.layout, page, i), level: page.cLevel - 1 });
    }
  }

  /** Every node of the NBT in NID order (a full walk; pages are checked as they are read). */
  *nodes(): Generator<NodeEntry> {
    for (const { page, index } of this.walk(this.header.root.BREFNBT, ptypeNBT)) yield this.nodeAt(page, index);
  }

  /** The BBT entry of a block, or undefined. Bit 0 of `bid` is ignored. */
  findBlock(bid: number): BlockEntry | undefined {
    const hit = this.lookup(this.header.root.BREFBBT, ptypeBBT, maskBid(bid));
    return hit && this.blockAt(hit.page, hit.index);
  }

  /** The BBT entry of a block. @throws MapiError MAPI_E_CORRUPT_DATA when it is missing (a dangling reference). */
  blockEntry(bid: number, where: Where = {}): BlockEntry {
    const e = this.findBlock(bid);
    if (!e) throw corrupt(`block ${hex(bid)} is not in the block B-tree`, { ...where, bid });
    return e;
  }

  /** Every block of the BBT in BID order. */
  *blockEntries(): Generator<BlockEntry> {
    for (const { page, index } of this.walk(this.header.root.BREFBBT, ptypeBBT)) yield this.blockAt(page, index);
  }

  /**
   * The decoded bytes of a block: CRC-checked, decrypted when external, inflated when
   * compressed (4K OST). The array may be shared with the cache: do not modify it.
   */
  readBlock(bid: number, where: Where = {}): Uint8Array {
    const key = maskBid(bid);
    const hit = this.blocks.get(key);
    if (hit) return hit;
    const entry = this.blockEntry(key, where);
    const data = readBlockBytes(this.source, this.layout, this.header.bCryptMethod, entry, where);
    this.blocks.set(key, data, data.length + 64);
    return data;
  }

  /** The data stream rooted at `bid` (0 = empty). */
  dataTree(bid: number, where: Where = {}): DataTree {
    return new DataTree(this, bid, where);
  }

  /** The subnodes under `bidSub` (0 = none), NID → entry. */
  subnodes(bidSub: number, where: Where = {}): SubnodeMap {
    if (bidSub === 0) return new Map();
    const key = maskBid(bidSub);
    const hit = this.subnodeCache.get(key);
    if (hit) return hit;
    const map = readSubnodes(this, bidSub, where);
    this.subnodeCache.set(key, map, 1);
    return map;
  }

  /** A top-level node opened for reading. @throws MapiError MAPI_E_NOT_FOUND when absent. */
  openNode(nid: number): PstNode {
    const e = this.node(nid);
    return this.nodeFrom(e.nid, e.bidData, e.bidSub, e.nidParent);
  }

  /** A node from its parts (a top-level entry or an SLENTRY). */
  nodeFrom(nid: number, bidData: number, bidSub: number, nidParent = 0): PstNode {
    const ndb = this;
    const where = { nid };
    return {
      nid,
      bidData,
      bidSub,
      nidParent,
      data: () => ndb.dataTree(bidData, where),
      subnodes: () => ndb.subnodes(bidSub, where),
      subnode(sub: number): PstNode {
        const e = ndb.subnodes(bidSub, where).get(sub >>> 0);
        if (!e) throw new MapiError(MAPI_E_NOT_FOUND, `[MS-PST] node ${hex(nid)} has no subnode ${hex(sub)}`);
        return ndb.nodeFrom(e.nid, e.bidData, e.bidSub, 0);
      },
    };
  }
}

/**
 * Opens the NDB layer of a PST or OST file. Reads and validates only the header; B-tree pages
 * and blocks are read when a node is asked for. Accepts a {@link ByteSource} or the whole file
 * in memory. A password-protected PST opens like any other (the password is a property, not
 * encryption).
 * @throws MapiError MAPI_E_CORRUPT_DATA for a damaged header, MAPI_E_VERSION for an unknown
 * format version, MAPI_E_NO_SUPPORT for Windows Information Protection.
 */
export function openPstNdb(source: ByteSource | Uint8Array, options?: PstNdbOptions): PstNdb {
  return new PstNdb(source instanceof Uint8Array ? new Uint8ArraySource(source) : source, options);
}
