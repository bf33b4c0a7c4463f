// Test-only LTP encoders: heap-on-node, BTH, property context and table context streams,
// the inverse of src/formats/pst/ltp. Values are given as SPropValues.
import {
  PT_APPTIME, PT_BINARY, PT_BOOLEAN, PT_CLSID, PT_CURRENCY, PT_DOUBLE, PT_ERROR, PT_I2, PT_I8, PT_LONG, PT_MV_BINARY,
  PT_MV_STRING8, PT_MV_UNICODE, PT_OBJECT, PT_R4, PT_STRING8, PT_SVREID, PT_SYSTIME, PT_UNICODE,
} from '../../../../src/core/generated/proptypes.js';
import { encodeString8 } from '../../../../src/core/props/codepage.js';
import { FILETIME } from '../../../../src/core/props/filetime.js';
import { GUID } from '../../../../src/core/props/guid.js';
import type { SPropValue } from '../../../../src/core/props/types.js';
import { fixedSize } from '../../../../src/formats/pst/ltp/values.js';
import type { PstFormat } from '../../../../src/formats/pst/format.js';
import type { SynthSub } from './ndbWriter.js';
import { maxBlockData } from './ndbWriter.js';

const MAX_HEAP_ITEM = 3580;

function u16le(v: number): Uint8Array {
  return Uint8Array.of(v & 0xff, (v >>> 8) & 0xff);
}
function u32le(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, true);
  return b;
}
function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Builds a heap-on-node over as many blocks as needed. */
export class HeapWriter {
  private blocks: Uint8Array[][] = [[]];
  private used: number[] = [12];

  constructor(
    private readonly clientSig: number,
    private readonly format: PstFormat,
    private readonly blockCapacity = Math.min(maxBlockData(format), 8176),
  ) {}

  private hdrSize(i: number): number {
    return i === 0 ? 12 : i % 128 === 8 ? 66 : 2;
  }

  /** Allocates an item and returns its HID. */
  alloc(bytes: Uint8Array): number {
    let bi = this.blocks.length - 1;
    const cur = this.blocks[bi] as Uint8Array[];
    const mapSize = 4 + 2 * (cur.length + 2);
    if ((this.used[bi] as number) + bytes.length + mapSize > this.blockCapacity) {
      bi++;
      this.blocks.push([]);
      this.used.push(this.hdrSize(bi));
    }
    (this.blocks[bi] as Uint8Array[]).push(Uint8Array.from(bytes));
    this.used[bi] = (this.used[bi] as number) + bytes.length;
    const index = (this.blocks[bi] as Uint8Array[]).length;
    const shift = this.format === 'unicode4k' ? 19 : 16;
    return ((bi << shift) | (index << 5)) >>> 0;
  }

  /** The data blocks of the heap with `hidUserRoot`. */
  build(hidUserRoot: number): Uint8Array[] {
    return this.blocks.map((items, i) => {
      const hdr = this.hdrSize(i);
      const body = concat(items);
      let ibHnpm = hdr + body.length;
      if (ibHnpm % 2) ibHnpm++;
      const map = new Uint8Array(4 + 2 * (items.length + 1));
      map.set(u16le(items.length), 0);
      let at = hdr;
      items.forEach((it, k) => {
        map.set(u16le(at), 4 + 2 * k);
        at += it.length;
      });
      map.set(u16le(at), 4 + 2 * items.length);
      const out = new Uint8Array(ibHnpm + map.length);
      out.set(u16le(ibHnpm), 0);
      if (i === 0) {
        out[2] = 0xec;
        out[3] = this.clientSig;
        out.set(u32le(hidUserRoot), 4);
      }
      out.set(body, hdr);
      out.set(map, ibHnpm);
      return out;
    });
  }
}

/** Writes a BTH of sorted records; `maxItem` forces index levels. Returns the BTHHEADER HID. */
export function writeBth(heap: HeapWriter, cbKey: number, cbEnt: number, records: Uint8Array[], maxItem = MAX_HEAP_ITEM): number {
  const header = new Uint8Array(8);
  header[0] = 0xb5;
  header[1] = cbKey;
  header[2] = cbEnt;
  if (records.length === 0) return heap.alloc(header);
  let level = 0;
  let recs = records;
  let size = cbKey + cbEnt;
  for (;;) {
    const per = Math.max(1, Math.floor(maxItem / size));
    const items: Uint8Array[] = [];
    for (let i = 0; i < recs.length; i += per) {
      const group = recs.slice(i, i + per);
      const hid = heap.alloc(concat(group));
      items.push(concat([(group[0] as Uint8Array).subarray(0, cbKey), u32le(hid)]));
    }
    if (items.length === 1) {
      header[3] = level;
      header.set((items[0] as Uint8Array).subarray(cbKey, cbKey + 4), 4);
      return heap.alloc(header);
    }
    recs = items;
    size = cbKey + 4;
    level++;
  }
}

/** Encodes a value's stored bytes ([MS-PST] 2.3.3.4). */
export function encodeValue(p: SPropValue, codepage = 1252): Uint8Array {
  const type = p.ulPropTag & 0xffff;
  const v = p.Value;
  const one = (t: number, x: unknown): Uint8Array => {
    const size = fixedSize(t);
    if (size !== undefined) {
      const b = new Uint8Array(size);
      const d = new DataView(b.buffer);
      switch (t) {
        case PT_I2: d.setInt16(0, x as number, true); break;
        case PT_LONG: d.setInt32(0, x as number, true); break;
        case PT_ERROR: d.setUint32(0, x as number, true); break;
        case PT_R4: d.setFloat32(0, x as number, true); break;
        case PT_BOOLEAN: b[0] = x ? 1 : 0; break;
        case PT_DOUBLE: case PT_APPTIME: d.setFloat64(0, x as number, true); break;
        case PT_CURRENCY: case PT_I8: d.setBigInt64(0, x as bigint, true); break;
        case PT_SYSTIME: d.setBigUint64(0, (x as FILETIME).ticks, true); break;
        case PT_CLSID: b.set((x as GUID).bytes); break;
      }
      return b;
    }
    if (t === PT_UNICODE) {
      const s = x as string;
      const b = new Uint8Array(s.length * 2);
      for (let i = 0; i < s.length; i++) b.set(u16le(s.charCodeAt(i)), 2 * i);
      return b;
    }
    if (t === PT_STRING8) return encodeString8(x as string, codepage);
    if (t === PT_BINARY || t === PT_SVREID) return x as Uint8Array;
    throw new Error(`cannot encode type ${t}`);
  };
  if (type === PT_MV_UNICODE || type === PT_MV_STRING8 || type === PT_MV_BINARY) {
    const items = (v as unknown[]).map((x) => one(type & 0xfff, x));
    const head = 4 + 4 * items.length;
    const parts = [u32le(items.length)];
    let at = head;
    for (const it of items) {
      parts.push(u32le(at));
      at += it.length;
    }
    return concat([...parts, ...items]);
  }
  if (type & 0x1000) return concat((v as unknown[]).map((x) => one(type & 0xfff, x)));
  return one(type, v);
}

let ltpCounter = 0;
/** A fresh NID of type NID_TYPE_LTP for large values. */
function ltpNid(): number {
  ltpCounter++;
  return ((0x100 + ltpCounter) << 5) | 0x1f;
}

/** A PC stream plus the subnodes its large values need. */
export interface LtpStream {
  data: Uint8Array[];
  subnodes: SynthSub[];
}

/** Options of the PC/TC writers. */
export interface LtpWriterOptions {
  codepage?: number;
  /** Max BTH item size (forces index levels when small). */
  maxItem?: number;
  /** Max heap block size (forces multi-block heaps when small). */
  blockCapacity?: number;
  /** PT_OBJECT references: tag → subnode NID + size. */
  objects?: Map<number, { nid: number; ulSize: number }>;
}

/** Stores a variable value: HID when small, a subnode (NID_TYPE_LTP) when over 3580 bytes. */
function storeVariable(heap: HeapWriter, bytes: Uint8Array, subnodes: SynthSub[]): number {
  if (bytes.length === 0) return 0;
  if (bytes.length <= MAX_HEAP_ITEM) return heap.alloc(bytes);
  const nid = ltpNid();
  subnodes.push({ nid, data: bytes });
  return nid;
}

/** Encodes a property context ([MS-PST] 2.3.3). */
export function writePc(format: PstFormat, props: SPropValue[], opts: LtpWriterOptions = {}): LtpStream {
  const heap = new HeapWriter(0xbc, format, opts.blockCapacity);
  const subnodes: SynthSub[] = [];
  const sorted = [...props].sort((a, b) => (a.ulPropTag >>> 16) - (b.ulPropTag >>> 16));
  const records = sorted.map((p) => {
    const type = p.ulPropTag & 0xffff;
    let hnid: number;
    const size = fixedSize(type);
    if (type === PT_OBJECT) {
      const ref = opts.objects?.get(p.ulPropTag) ?? { nid: 0, ulSize: 0 };
      hnid = heap.alloc(concat([u32le(ref.nid), u32le(ref.ulSize)]));
    } else if (size !== undefined && size <= 4) {
      const b = new Uint8Array(4);
      b.set(encodeValue(p, opts.codepage));
      hnid = new DataView(b.buffer).getUint32(0, true);
    } else if (size !== undefined) hnid = heap.alloc(encodeValue(p, opts.codepage));
    else hnid = storeVariable(heap, encodeValue(p, opts.codepage), subnodes);
    return concat([u16le(p.ulPropTag >>> 16), u16le(type), u32le(hnid)]);
  });
  const root = writeBth(heap, 2, 6, records, opts.maxItem);
  return { data: heap.build(root), subnodes };
}

/** A row of a synthetic TC: row id and the cells that exist. */
export interface SynthRow {
  rowId: number;
  props: SPropValue[];
}

/** Encodes a table context ([MS-PST] 2.3.4) with the given column tags. */
export function writeTc(format: PstFormat, columnTags: number[], rows: SynthRow[], opts: LtpWriterOptions & { rowsPerBlock?: number } = {}): LtpStream {
  const heap = new HeapWriter(0x7c, format, opts.blockCapacity);
  const subnodes: SynthSub[] = [];
  const tags = [0x67f20003, 0x67f30003, ...columnTags.filter((t) => t !== 0x67f20003 && t !== 0x67f30003)];
  const width = (t: number) => {
    const s = fixedSize(t & 0xffff);
    return s !== undefined && s <= 8 ? s : 4;
  };
  // Lay out: row id, row version, then 8/4-byte, 2-byte, 1-byte groups, then the CEB.
  const cols = tags.map((t, i) => ({ ulPropTag: t, cbData: width(t), iBit: i, ibData: 0 }));
  let at = 8;
  for (const c of cols.slice(2).filter((c) => c.cbData >= 4).sort((a, b) => b.cbData - a.cbData)) {
    c.ibData = at;
    at += c.cbData;
  }
  cols[0]!.ibData = 0;
  cols[1]!.ibData = 4;
  const end4 = at;
  for (const c of cols.filter((c) => c.cbData === 2)) (c.ibData = at), (at += 2);
  const end2 = at;
  for (const c of cols.filter((c) => c.cbData === 1)) (c.ibData = at), (at += 1);
  const end1 = at;
  const rowSize = end1 + Math.ceil(cols.length / 8);
  const matrix: Uint8Array[] = rows.map((r) => {
    const row = new Uint8Array(rowSize);
    const dv = new DataView(row.buffer);
    dv.setUint32(0, r.rowId, true);
    const setBit = (i: number) => (row[end1 + (i >>> 3)] = (row[end1 + (i >>> 3)] as number) | (0x80 >>> (i & 7)));
    setBit(0);
    setBit(1);
    for (const p of r.props) {
      const c = cols.find((k) => k.ulPropTag === p.ulPropTag);
      if (!c || c.iBit < 2) continue;
      setBit(c.iBit);
      const type = p.ulPropTag & 0xffff;
      const s = fixedSize(type);
      if (s !== undefined && s <= 8) row.set(encodeValue(p, opts.codepage), c.ibData);
      else dv.setUint32(c.ibData, storeVariable(heap, encodeValue(p, opts.codepage), subnodes), true);
    }
    return row;
  });
  const rowIdxEnt = format === 'ansi' ? 2 : 4;
  const sortedIds = rows.map((r, i) => ({ id: r.rowId, i })).sort((a, b) => a.id - b.id);
  const hidRowIndex = writeBth(
    heap,
    4,
    rowIdxEnt,
    sortedIds.map(({ id, i }) => concat([u32le(id), rowIdxEnt === 4 ? u32le(i) : u16le(i)])),
    opts.maxItem,
  );
  let hnidRows = 0;
  const all = concat(matrix);
  if (all.length > 0 && all.length <= MAX_HEAP_ITEM && !opts.rowsPerBlock) hnidRows = heap.alloc(all);
  else if (all.length > 0) {
    const per = opts.rowsPerBlock ?? Math.floor(maxBlockData(format) / rowSize);
    const blocks: Uint8Array[] = [];
    for (let i = 0; i < matrix.length; i += per) blocks.push(concat(matrix.slice(i, i + per)));
    hnidRows = ltpNid();
    subnodes.push({ nid: hnidRows, data: blocks });
  }
  const info = new Uint8Array(22 + 8 * cols.length);
  const dv = new DataView(info.buffer);
  info[0] = 0x7c;
  info[1] = cols.length;
  [end4, end2, end1, rowSize].forEach((v, i) => dv.setUint16(2 + 2 * i, v, true));
  dv.setUint32(10, hidRowIndex, true);
  dv.setUint32(14, hnidRows, true);
  [...cols].sort((a, b) => a.ulPropTag - b.ulPropTag).forEach((c, i) => {
    dv.setUint32(22 + 8 * i, c.ulPropTag, true);
    dv.setUint16(26 + 8 * i, c.ibData, true);
    info[28 + 8 * i] = c.cbData;
    info[29 + 8 * i] = c.iBit;
  });
  const root = heap.alloc(info);
  return { data: heap.build(root), subnodes };
}
