import { MapiError } from '../../../core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA, MAPI_E_NOT_ENOUGH_MEMORY, MAPI_E_NOT_FOUND } from '../../../core/generated/scodes.js';
import { PT_ERROR, PT_NULL, PT_OBJECT, PT_UNSPECIFIED } from '../../../core/generated/proptypes.js';
import { PROP_TAG } from '../../../core/props/tags.js';
import type { SPropValue } from '../../../core/props/types.js';
import { u16, u32 } from '../bytes.js';
import type { DataTree } from '../dataTree.js';
import { corrupt, hex, withNode } from '../errors.js';
import type { FormatLayout } from '../format.js';
import type { PstNode } from '../ndb.js';
import { BTreeOnHeap } from './bth.js';
import { bTypePC, HeapOnNode, isHid } from './heap.js';
import { decodeFixed, decodeVariable, fixedSize, isKnownType, isVariableType, type String8Options } from './values.js';

/** Where a property's value is stored ([MS-PST] 2.3.3.3). */
export type ValueStorage = 'inline' | 'heap' | 'subnode' | 'empty';

/** One PC record: tag, where the value lives, how big it is. */
export interface PcEntry {
  /** Full property tag (id << 16 | wPropType). */
  ulPropTag: number;
  /** Where the value is stored. */
  storage: ValueStorage;
  /** dwValueHnid as stored: the inline value, an HID or a subnode NID. */
  hnid: number;
  /** False for property types this reader cannot represent as an SPropValue. */
  known: boolean;
}

/** [MS-PST] 2.3.3.5 PtypObject reference: the subnode holding the object and its size. */
export interface ObjectRef {
  /** NID of the subnode with the object's data. */
  nid: number;
  /** Size of the object data. */
  ulSize: number;
}

/** Options of {@link PropertyContext.getProps}. */
export interface GetPropsOptions extends String8Options {
  /**
   * Values larger than this come back as PT_ERROR MAPI_E_NOT_ENOUGH_MEMORY, as a provider's
   * getProps does for values it wants read as streams (decision 004). Default: no limit
   * below the 256 MiB single-read ceiling.
   */
  largeValueLimit?: number;
}

/** The layout-dependent context a PC or TC needs. */
export interface LtpContext {
  /** The file's layout (HID widths). */
  layout: FormatLayout;
}

/**
 * A property context ([MS-PST] 2.3.3): a heap-on-node with bClientSig 0xBC whose BTH maps
 * property ids to (type, HNID). Values are decoded on demand into the `SPropValue`s the rest
 * of mapi-emu uses; PT_STRING8 bytes are kept and decoded with the caller's code page.
 */
export class PropertyContext {
  /** The node this PC was read from. */
  readonly nid: number;
  /** The records, in property id order. */
  readonly entries: readonly PcEntry[];
  private readonly heap: HeapOnNode;

  /** Reads the PC of `node`. @throws MapiError MAPI_E_CORRUPT_DATA when the heap or BTH is malformed. */
  constructor(
    readonly node: PstNode,
    ctx: LtpContext,
  ) {
    this.nid = node.nid;
    const where = { nid: node.nid };
    const { heap, entries } = withNode(node.nid, () => {
      const heap = new HeapOnNode(node.data(), ctx.layout, where);
      if (heap.bClientSig !== bTypePC) throw corrupt(`heap bClientSig ${hex(heap.bClientSig)} is not a property context (0xBC)`, where);
      const bth = new BTreeOnHeap(heap, heap.hidUserRoot);
      if (bth.header.cbKey !== 2 || bth.header.cbEnt !== 6) throw corrupt(`PC BTH has cbKey ${bth.header.cbKey}/cbEnt ${bth.header.cbEnt}, expected 2/6`, where);
      const entries: PcEntry[] = [];
      for (const r of bth.records()) {
        const type = u16(r.data, 0);
        const hnid = u32(r.data, 2);
        const ulPropTag = PROP_TAG(type, r.key);
        entries.push({ ulPropTag, hnid, storage: storageOf(type, hnid), known: isKnownType(type) });
      }
      return { heap, entries };
    });
    this.heap = heap;
    this.entries = entries;
  }

  /** Every tag of the PC, unknown types included. */
  tags(): number[] {
    return this.entries.map((e) => e.ulPropTag);
  }

  /** The record of a tag (exact type match), or undefined. */
  entry(ulPropTag: number): PcEntry | undefined {
    return this.entries.find((e) => e.ulPropTag === ulPropTag >>> 0);
  }

  /** The record with a property id, whatever its type, or undefined. */
  entryById(propId: number): PcEntry | undefined {
    return this.entries.find((e) => e.ulPropTag >>> 16 === propId);
  }

  /** Size in bytes of a stored value (inline values give their fixed size). */
  valueSize(e: PcEntry): number {
    return withNode(this.nid, () => {
      if (e.storage === 'empty') return 0;
      if (e.storage === 'inline') return fixedSize(e.ulPropTag & 0xffff) ?? 4;
      if (e.storage === 'heap') return this.heap.item(e.hnid).length;
      return this.node.subnode(e.hnid).data().size;
    });
  }

  /** The data stream of a value stored in a subnode (values over 3580 bytes), else undefined. */
  valueTree(ulPropTag: number): DataTree | undefined {
    const e = this.entry(ulPropTag);
    if (!e || e.storage !== 'subnode') return undefined;
    return withNode(this.nid, () => this.node.subnode(e.hnid).data());
  }

  /**
   * The value's stored bytes: the little-endian inline value, the heap item or the subnode
   * stream. PT_STRING8 values come back as the raw code-page bytes.
   * @throws MapiError MAPI_E_NOT_FOUND when the tag is absent.
   */
  rawValue(ulPropTag: number, maxBytes?: number): Uint8Array {
    const e = this.entry(ulPropTag);
    if (!e) throw new MapiError(MAPI_E_NOT_FOUND, `[MS-PST] node ${hex(this.nid)} has no property ${hex(ulPropTag)}`);
    return this.rawOf(e, maxBytes);
  }

  private rawOf(e: PcEntry, maxBytes?: number): Uint8Array {
    return withNode(this.nid, () => {
      switch (e.storage) {
        case 'empty':
          return new Uint8Array(0);
        case 'inline': {
          const b = new Uint8Array(4);
          new DataView(b.buffer).setUint32(0, e.hnid, true);
          return b.subarray(0, Math.min(4, fixedSize(e.ulPropTag & 0xffff) ?? 4));
        }
        case 'heap':
          return this.heap.item(e.hnid);
        default:
          return this.node.subnode(e.hnid).data().toBytes(maxBytes);
      }
    });
  }

  /** The PtypObject reference of a PT_OBJECT property ([MS-PST] 2.3.3.5), or undefined. */
  objectRef(ulPropTag: number): ObjectRef | undefined {
    const e = this.entry(ulPropTag);
    if (!e || (e.ulPropTag & 0xffff) !== PT_OBJECT) return undefined;
    return withNode(this.nid, () => {
      if (!isHid(e.hnid)) return { nid: e.hnid, ulSize: this.node.subnode(e.hnid).data().size };
      const b = this.heap.item(e.hnid);
      if (b.length < 8) throw corrupt(`PtypObject item of ${b.length} bytes`, { nid: this.nid });
      return { nid: u32(b, 0), ulSize: u32(b, 4) };
    });
  }

  /** One property as an SPropValue; PT_ERROR MAPI_E_NOT_FOUND when absent (exact tag match). */
  getProp(ulPropTag: number, opts: GetPropsOptions = {}): SPropValue {
    const e = this.entry(ulPropTag);
    if (!e || !e.known) return { ulPropTag: PROP_TAG(PT_ERROR, ulPropTag >>> 16), Value: MAPI_E_NOT_FOUND };
    return this.decode(e, opts);
  }

  /**
   * Every property of a known type as SPropValues, in property id order. A value that does not
   * decode (wrong size, bad offsets, missing subnode) comes back as PT_ERROR
   * MAPI_E_CORRUPT_DATA in its place, as MAPI reports per-property failures.
   */
  getProps(opts: GetPropsOptions = {}): SPropValue[] {
    return this.entries.filter((e) => e.known).map((e) => this.decode(e, opts));
  }

  private decode(e: PcEntry, opts: GetPropsOptions): SPropValue {
    const type = e.ulPropTag & 0xffff;
    const errorFor = (scode: number): SPropValue => ({ ulPropTag: PROP_TAG(PT_ERROR, e.ulPropTag >>> 16), Value: scode });
    try {
      if (type === PT_NULL || type === PT_UNSPECIFIED) return { ulPropTag: e.ulPropTag, Value: null };
      if (e.storage === 'inline') return { ulPropTag: e.ulPropTag, Value: decodeFixed(type, this.rawOf(e)) };
      const limit = opts.largeValueLimit ?? Number.POSITIVE_INFINITY;
      if (e.storage === 'subnode' && this.valueSize(e) > limit) return errorFor(MAPI_E_NOT_ENOUGH_MEMORY);
      const raw = this.rawOf(e);
      if (raw.length > limit) return errorFor(MAPI_E_NOT_ENOUGH_MEMORY);
      if (!isVariableType(type)) {
        if (raw.length !== fixedSize(type)) throw corrupt(`value of ${raw.length} bytes for type ${hex(type)}`, { nid: this.nid });
        return { ulPropTag: e.ulPropTag, Value: decodeFixed(type, raw) };
      }
      return { ulPropTag: e.ulPropTag, Value: decodeVariable(type, raw, opts) };
    } catch (err) {
      if (err instanceof MapiError && (err.scode === MAPI_E_CORRUPT_DATA || err.scode === MAPI_E_NOT_FOUND)) return errorFor(MAPI_E_CORRUPT_DATA);
      if (err instanceof MapiError && err.scode === MAPI_E_NOT_ENOUGH_MEMORY) return errorFor(MAPI_E_NOT_ENOUGH_MEMORY);
      throw err;
    }
  }
}

/** [MS-PST] 2.3.3.3: where dwValueHnid puts a value of `type`. */
function storageOf(type: number, hnid: number): ValueStorage {
  if (type === PT_NULL || type === PT_UNSPECIFIED) return 'inline';
  const size = fixedSize(type);
  if (size !== undefined && size <= 4) return 'inline';
  if (!isKnownType(type)) return isHid(hnid) ? (hnid === 0 ? 'empty' : 'heap') : 'subnode';
  if (hnid === 0) return 'empty';
  return isHid(hnid) ? 'heap' : 'subnode';
}
