import type { SPropValue } from '../../core/props/types.js';
import type { GetPropsOptions } from './ltp/pc.js';
import { PropertyContext } from './ltp/pc.js';
import { TableContext, type TcColumn, type TcRow } from './ltp/tc.js';
import type { PstNdb, PstNode } from './ndb.js';
import { nidType, nidTypeName } from './nid.js';

/** One line of {@link listNodes}. */
export interface NodeListing {
  /** The NID. */
  nid: number;
  /** Its nidType. */
  nidType: number;
  /** The nidType's spec name (`NORMAL_FOLDER`, `UNKNOWN_0x16`). */
  typeName: string;
  /** Parent folder NID (0 for internal nodes and tables). */
  nidParent: number;
  /** Data block or tree root. */
  bidData: number;
  /** Subnode tree root. */
  bidSub: number;
}

/** Walks the whole NBT and lists every node with its type, in NID order. */
export function listNodes(ndb: PstNdb): NodeListing[] {
  const out: NodeListing[] = [];
  for (const n of ndb.nodes()) {
    out.push({ nid: n.nid, nidType: nidType(n.nid), typeName: nidTypeName(nidType(n.nid)), nidParent: n.nidParent, bidData: n.bidData, bidSub: n.bidSub });
  }
  return out;
}

function nodeOf(ndb: PstNdb, node: number | PstNode): PstNode {
  return typeof node === 'number' ? ndb.openNode(node) : node;
}

/** Opens the property context of a node (a NID in the NBT, or an opened node/subnode). */
export function openPc(ndb: PstNdb, node: number | PstNode): PropertyContext {
  return new PropertyContext(nodeOf(ndb, node), ndb);
}

/** Opens the table context of a node (a NID in the NBT, or an opened node/subnode). */
export function openTc(ndb: PstNdb, node: number | PstNode): TableContext {
  return new TableContext(nodeOf(ndb, node), ndb);
}

/** Every property of a node's PC as SPropValues. */
export function dumpPc(ndb: PstNdb, node: number | PstNode, opts?: GetPropsOptions): SPropValue[] {
  return openPc(ndb, node).getProps(opts);
}

/** A TC's columns and all its rows. */
export interface TableDump {
  /** Column descriptors. */
  columns: readonly TcColumn[];
  /** Rows in matrix order. */
  rows: TcRow[];
}

/** The columns and every row of a node's TC. */
export function dumpTc(ndb: PstNdb, node: number | PstNode, opts?: GetPropsOptions): TableDump {
  const tc = openTc(ndb, node);
  return { columns: tc.columns, rows: [...tc.rows(opts)] };
}

