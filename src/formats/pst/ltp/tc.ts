import { MapiError } from '../../../core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA, MAPI_E_NOT_ENOUGH_MEMORY, MAPI_E_NOT_FOUND } from '../../../core/generated/scodes.js';
import { PT_ERROR, PT_NULL, PT_UNSPECIFIED } from '../../../core/generated/proptypes.js';
import { PROP_TAG } from '../../../core/props/tags.js';
import type { SPropValue } from '../../../core/props/types.js';
import { u8, u16, u32 } from '../bytes.js';
import { corrupt, hex, withNode, type Where } from '../errors.js';
import type { PstNode } from '../ndb.js';
import { BTreeOnHeap } from './bth.js';
import { bTypeTC, HeapOnNode, isHid } from './heap.js';
import type { GetPropsOptions, LtpContext } from './pc.js';
import { decodeFixed, decodeVariable, fixedSize, isKnownType, isVariableType } from './values.js';

/** [MS-PST] 2.3.4.2 TCOLDESC. */
export interface TcColumn {
  /** Full property tag. */
  ulPropTag: number;
  /** Offset of the cell in the row. */
  ibData: number;
  /** Cell width: the value's size, or 4 for an HNID. */
  cbData: number;
  /** Bit of the cell-existence bitmap. */
  iBit: number;
}

/** One row of a table context. */
export interface TcRow {
  /** dwRowID: the child NID for folder tables, the attachment subnode NID, the recipient row id. */
  rowId: number;
  /** Position of the row in the row matrix. */
  rowIndex: number;
  /** The existing cells (CEB bit set) of known types, in column order. */
  lpProps: SPropValue[];
}

/** Row-matrix geometry once resolved. */
interface Matrix {
  /** Number of rows. */
  rowCount: number;
  /** Rows per block (all blocks but the last hold exactly this many). */
  rowsPerBlock: number;
  /** Bytes of block `i` (a heap item for small tables, a data-tree leaf otherwise). */
  block(i: number): Uint8Array;
}

/**
 * A table context ([MS-PST] 2.3.4): TCINFO with column descriptors, a row index BTH mapping
 * row ids to row positions, and a row matrix stored in a heap item or a subnode whose rows
 * never span blocks. Cells exist only where the row's cell-existence bitmap says so.
 */
export class TableContext {
  /** The node this TC was read from. */
  readonly nid: number;
  /** Column descriptors, sorted by tag. */
  readonly columns: readonly TcColumn[];
  /** rgib: end of the 4/8-byte, 2-byte and 1-byte groups, and of the CEB (= row size). */
  readonly rgib: readonly [number, number, number, number];
  /** HID of the row index BTH. */
  readonly hidRowIndex: number;
  /** HNID of the row matrix (0 = no rows). */
  readonly hnidRows: number;
  private readonly heap: HeapOnNode;
  private readonly where: Where;
  private matrixCache: Matrix | undefined;

  /** Reads TCINFO of `node`. @throws MapiError MAPI_E_CORRUPT_DATA when it is malformed. */
  constructor(
    readonly node: PstNode,
    ctx: LtpContext,
  ) {
    this.nid = node.nid;
    const where = (this.where = { nid: node.nid });
    const parsed = withNode(node.nid, () => {
      const heap = new HeapOnNode(node.data(), ctx.layout, where);
      if (heap.bClientSig !== bTypeTC) throw corrupt(`heap bClientSig ${hex(heap.bClientSig)} is not a table context (0x7C)`, where);
      const info = heap.item(heap.hidUserRoot);
      if (u8(info, 0, where) !== bTypeTC) throw corrupt(`TCINFO bType ${hex(u8(info, 0, where))} is not 0x7C`, where);
      const cCols = u8(info, 1, where);
      if (info.length < 22 + 8 * cCols) throw corrupt(`TCINFO of ${info.length} bytes is too short for ${cCols} columns`, where);
      const rgib = [u16(info, 2), u16(info, 4), u16(info, 6), u16(info, 8)] as [number, number, number, number];
      const [end4, end2, end1, endBm] = rgib;
      // [MS-PST] 2.3.4.1: 8 ≤ TCI_4b ≤ TCI_2b ≤ TCI_1b ≤ TCI_bm, and the CEB holds one bit per column.
      if (!(end4 <= end2 && end2 <= end1 && end1 <= endBm) || endBm - end1 < Math.ceil(cCols / 8)) {
        throw corrupt(`TCINFO rgib ${rgib.join(',')} is not a valid row layout for ${cCols} columns`, where);
      }
      const columns: TcColumn[] = [];
      for (let i = 0; i < cCols; i++) {
        const off = 22 + 8 * i;
        const col = { ulPropTag: u32(info, off), ibData: u16(info, off + 4), cbData: u8(info, off + 6), iBit: u8(info, off + 7) };
        checkColumn(col, rgib, cCols, where);
        columns.push(col);
      }
      return { heap, columns, rgib, hidRowIndex: u32(info, 10), hnidRows: u32(info, 14) };
    });
    this.heap = parsed.heap;
    this.columns = parsed.columns;
    this.rgib = parsed.rgib;
    this.hidRowIndex = parsed.hidRowIndex;
    this.hnidRows = parsed.hnidRows;
  }

  /** Size of one row in the matrix (TCI_bm). */
  get rowSize(): number {
    return this.rgib[3];
  }

  private matrix(): Matrix {
    if (this.matrixCache) return this.matrixCache;
    const rowSize = this.rowSize;
    const m = withNode(this.nid, (): Matrix => {
      if (this.hnidRows === 0 || rowSize === 0) return { rowCount: 0, rowsPerBlock: 0, block: () => new Uint8Array(0) };
      if (isHid(this.hnidRows)) {
        const item = this.heap.item(this.hnidRows);
        const n = Math.floor(item.length / rowSize);
        return { rowCount: n, rowsPerBlock: n, block: () => item };
      }
      const tree = this.node.subnode(this.hnidRows).data();
      const offs = tree.blockOffsets();
      const count = offs.length - 1;
      if (count === 0) return { rowCount: 0, rowsPerBlock: 0, block: () => new Uint8Array(0) };
      // [MS-PST] 2.3.4.4: rows never span blocks and every block but the last is full, so the
      // first block's size gives the rows per block (whatever the format's block size is).
      const rowsPerBlock = Math.floor((offs[1] as number) / rowSize);
      if (count > 1 && rowsPerBlock === 0) throw corrupt(`row matrix blocks of ${offs[1]} bytes cannot hold a ${rowSize}-byte row`, this.where);
      const lastSize = (offs[count] as number) - (offs[count - 1] as number);
      const rowCount = (count - 1) * rowsPerBlock + Math.floor(lastSize / rowSize);
      return { rowCount, rowsPerBlock, block: (i) => tree.block(i) };
    });
    this.matrixCache = m;
    return m;
  }

  /** Number of rows in the row matrix. */
  get rowCount(): number {
    return this.matrix().rowCount;
  }

  /** The raw bytes of row `rowIndex` (a view: do not modify). */
  rowBytes(rowIndex: number): Uint8Array {
    const m = this.matrix();
    if (!Number.isInteger(rowIndex) || rowIndex < 0 || rowIndex >= m.rowCount) {
      throw new MapiError(MAPI_E_NOT_FOUND, `[MS-PST] table ${hex(this.nid)} has no row ${rowIndex} (${m.rowCount} rows)`);
    }
    return withNode(this.nid, () => {
      const blockIndex = Math.floor(rowIndex / m.rowsPerBlock);
      const inBlock = rowIndex % m.rowsPerBlock;
      const b = m.block(blockIndex);
      const start = inBlock * this.rowSize;
      if (start + this.rowSize > b.length) throw corrupt(`row ${rowIndex} lies past the end of matrix block ${blockIndex}`, this.where);
      return b.subarray(start, start + this.rowSize);
    });
  }

  /** The row index BTH ([MS-PST] 2.3.4.3): row id → row position, in row id order. */
  rowIndex(): Map<number, number> {
    return withNode(this.nid, () => {
      const out = new Map<number, number>();
      if (this.hidRowIndex === 0) return out;
      const bth = new BTreeOnHeap(this.heap, this.hidRowIndex);
      if (bth.header.cbKey !== 4 || (bth.header.cbEnt !== 4 && bth.header.cbEnt !== 2)) {
        throw corrupt(`row index BTH has cbKey ${bth.header.cbKey}/cbEnt ${bth.header.cbEnt}`, this.where);
      }
      for (const r of bth.records()) out.set(r.key, bth.header.cbEnt === 4 ? u32(r.data, 0) : u16(r.data, 0));
      return out;
    });
  }

  /** True when the row's CEB marks `col` as present ([MS-PST] 2.3.4.4.1, MSB first). */
  cellExists(row: Uint8Array, col: TcColumn): boolean {
    const byte = row[this.rgib[2] + (col.iBit >>> 3)] as number;
    return ((byte >>> (7 - (col.iBit & 7))) & 1) === 1;
  }

  /** Decodes row `rowIndex`: its id and its existing cells as SPropValues. */
  row(rowIndex: number, opts: GetPropsOptions = {}): TcRow {
    const bytes = this.rowBytes(rowIndex);
    const lpProps: SPropValue[] = [];
    for (const col of this.columns) {
      if (!isKnownType(col.ulPropTag & 0xffff) || !this.cellExists(bytes, col)) continue;
      lpProps.push(this.cell(bytes, col, opts));
    }
    return { rowId: u32(bytes, 0), rowIndex, lpProps };
  }

  /** Every row in matrix order. */
  *rows(opts: GetPropsOptions = {}): Generator<TcRow> {
    const n = this.rowCount;
    for (let i = 0; i < n; i++) yield this.row(i, opts);
  }

  /** The row whose dwRowID is `rowId`, through the row index. @throws MapiError MAPI_E_NOT_FOUND when absent. */
  rowById(rowId: number, opts: GetPropsOptions = {}): TcRow {
    const idx = this.rowIndex().get(rowId >>> 0);
    if (idx === undefined) throw new MapiError(MAPI_E_NOT_FOUND, `[MS-PST] table ${hex(this.nid)} has no row id ${hex(rowId)}`);
    return this.row(idx, opts);
  }

  /** Decodes one existing cell ([MS-PST] 2.3.4.4.2: variable-size and 16-byte values are HNIDs). */
  private cell(row: Uint8Array, col: TcColumn, opts: GetPropsOptions): SPropValue {
    const type = col.ulPropTag & 0xffff;
    const errorFor = (scode: number): SPropValue => ({ ulPropTag: PROP_TAG(PT_ERROR, col.ulPropTag >>> 16), Value: scode });
    const slot = row.subarray(col.ibData, col.ibData + col.cbData);
    try {
      if (type === PT_NULL || type === PT_UNSPECIFIED) return { ulPropTag: col.ulPropTag, Value: null };
      const size = fixedSize(type);
      if (size !== undefined && size <= 8) return { ulPropTag: col.ulPropTag, Value: decodeFixed(type, slot) };
      const hnid = u32(slot, 0);
      let raw: Uint8Array;
      if (hnid === 0) raw = new Uint8Array(0);
      else if (isHid(hnid)) raw = this.heap.item(hnid);
      else {
        const tree = this.node.subnode(hnid).data();
        if (tree.size > (opts.largeValueLimit ?? Number.POSITIVE_INFINITY)) return errorFor(MAPI_E_NOT_ENOUGH_MEMORY);
        raw = tree.toBytes();
      }
      if (raw.length > (opts.largeValueLimit ?? Number.POSITIVE_INFINITY)) return errorFor(MAPI_E_NOT_ENOUGH_MEMORY);
      if (!isVariableType(type)) {
        if (raw.length !== size) throw corrupt(`cell of ${raw.length} bytes for type ${hex(type)}`, this.where);
        return { ulPropTag: col.ulPropTag, Value: decodeFixed(type, raw) };
      }
      return { ulPropTag: col.ulPropTag, Value: decodeVariable(type, raw, opts) };
    } catch (err) {
      if (err instanceof MapiError && (err.scode === MAPI_E_CORRUPT_DATA || err.scode === MAPI_E_NOT_FOUND)) return errorFor(MAPI_E_CORRUPT_DATA);
      if (err instanceof MapiError && err.scode === MAPI_E_NOT_ENOUGH_MEMORY) return errorFor(MAPI_E_NOT_ENOUGH_MEMORY);
      throw err;
    }
  }
}

/** [MS-PST] 2.3.4.2: a column must sit inside the group its width belongs to and own a CEB bit. */
function checkColumn(col: TcColumn, rgib: readonly [number, number, number, number], cCols: number, where: Where): void {
  const [end4, end2, end1] = rgib;
  const type = col.ulPropTag & 0xffff;
  const size = fixedSize(type);
  const expected = isVariableType(type) || (size !== undefined && size > 8) ? 4 : size;
  const bad = (why: string) => corrupt(`column ${hex(col.ulPropTag)} ${why}`, where);
  if (col.iBit >= Math.max(cCols, 8 * (rgib[3] - end1))) throw bad(`has CEB bit ${col.iBit}`);
  if (expected !== undefined && isKnownType(type) && col.cbData !== expected) throw bad(`has cbData ${col.cbData}, expected ${expected}`);
  const groupEnd = col.cbData >= 4 ? end4 : col.cbData === 2 ? end2 : end1;
  if (col.ibData + col.cbData > groupEnd) throw bad(`at ${col.ibData}+${col.cbData} overflows its group ending at ${groupEnd}`);
}
