/**
 * The lazy .msg reader ([MS-OXMSG]): a message object over one storage of an open compound
 * file. Opening reads the compound file's tables and directory and the message's property
 * stream; every value stream, recipient, attachment and embedded message is read when asked.
 */
import { MapiError } from '../../core/errors/MapiError.js';
import { ATTACH_EMBEDDED_MSG, ATTACH_OLE, STORE_UNICODE_OK } from '../../core/generated/constants.js';
import {
  PR_ATTACH_DATA_BIN, PR_ATTACH_DATA_OBJ, PR_ATTACH_METHOD, PR_ATTACH_NUM, PR_INTERNET_CPID, PR_MESSAGE_CODEPAGE, PR_ROWID,
  PR_STORE_SUPPORT_MASK,
} from '../../core/generated/proptags.js';
import {
  PT_BINARY, PT_CLSID, PT_ERROR, PT_MV_STRING8, PT_MV_UNICODE, PT_OBJECT, PT_STRING8, PT_UNICODE, PT_UNSPECIFIED,
} from '../../core/generated/proptypes.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NOT_FOUND } from '../../core/generated/scodes.js';
import { decodeString8, DEFAULT_ACP, isSupportedCodePage, messageCodePage } from '../../core/props/codepage.js';
import type { GUID } from '../../core/props/guid.js';
import { NAMED_PROP_ID_MIN, type NamedPropertyMap } from '../../core/props/NamedPropertyMap.js';
import { PROP_ID, PROP_TAG, PROP_TYPE } from '../../core/props/tags.js';
import type { PropValueData, SPropValue } from '../../core/props/types.js';
import type { AttachmentRecord, MessageContent, PropMap, RecipientRecord } from '../../core/spi/store.js';
import {
  openCompoundFile, writeCompoundFile, type ByteSource, type CfbNode, type CfbStorage, type CompoundFile,
} from '../cfb/index.js';
import {
  ATTACH_PREFIX, DEFAULT_MAX_DEPTH, EMBEDDED_HEADER_SIZE, ENTRY_SIZE, NAMEID_STORAGE, PROPS_STREAM, RECIP_PREFIX,
  SUBOBJECT_HEADER_SIZE, TOP_HEADER_SIZE, hex8, substgName,
} from './constants.js';
import { corruptMsg } from './corrupt.js';
import { mapFileNames, readNameIdMap } from './nameid.js';
import type { ReadMsgOptions } from './types.js';
import {
  MV_FLAG, decodeFixed, decodeUtf16, elementSize, inlineSize, isMsgType, isVariableMvType, stripNuls,
} from './values.js';

const DATA_ID = PROP_ID(PR_ATTACH_DATA_OBJ);

/** One 16-byte entry of a property stream. */
interface RawEntry {
  /** The tag as in the file (named IDs are the file's). */
  readonly fileTag: number;
  /** The tag in the store's ID space. */
  readonly tag: number;
  /** The 8 value bytes. */
  readonly value: Uint8Array;
}

/** State shared by a file's message, its subobjects and its embedded messages. */
class FileContext {
  private fileToStore: (number | undefined)[] | undefined;
  private storeToFile: Map<number, number> | undefined;

  constructor(
    readonly cfb: CompoundFile,
    readonly names: NamedPropertyMap,
    readonly acp: number,
    readonly maxDepth: number,
  ) {}

  private load(): void {
    if (this.fileToStore) return;
    this.fileToStore = mapFileNames(readNameIdMap(this.cfb.root.storage(NAMEID_STORAGE)), this.names);
    this.storeToFile = new Map();
    this.fileToStore.forEach((storeId, i) => {
      if (storeId !== undefined && !this.storeToFile!.has(storeId)) this.storeToFile!.set(storeId, NAMED_PROP_ID_MIN + i);
    });
  }

  /** The store's ID of a file property ID, or undefined when a named ID has no name (or no room in the store's map). */
  storeId(fileId: number): number | undefined {
    if (fileId < NAMED_PROP_ID_MIN) return fileId;
    this.load();
    return this.fileToStore![fileId - NAMED_PROP_ID_MIN];
  }

  /** The file's ID of a store ID, or undefined when the file does not use it. */
  fileId(storeId: number): number | undefined {
    if (storeId < NAMED_PROP_ID_MIN) return storeId;
    this.load();
    return this.storeToFile!.get(storeId);
  }
}

/**
 * The properties of one storage (message, recipient or attachment): the entries of its property
 * stream, decoded one by one when asked.
 */
class PropertyStorage {
  /** Entries by store property ID (first of duplicates wins). */
  readonly entries = new Map<number, RawEntry>();
  /** The 8 header bytes after the reserved ones (message storages): next recipient/attachment IDs, counts. */
  readonly header: Uint8Array;

  constructor(
    readonly storage: CfbStorage,
    headerSize: number,
    private readonly ctx: FileContext,
    private readonly codePage: () => number,
  ) {
    const stream = storage.stream(PROPS_STREAM);
    const where = storage.path || 'the root';
    if (!stream) corruptMsg(`${where} has no property stream (${PROPS_STREAM})`);
    const bytes = stream.readAll();
    if (bytes.length < headerSize) corruptMsg(`the property stream of ${where} has ${bytes.length} bytes, shorter than its ${headerSize}-byte header`);
    this.header = bytes.subarray(0, headerSize);
    // [MS-OXMSG] 2.4.2: 16-byte entries after the header; a trailing partial entry is ignored.
    for (let at = headerSize; at + ENTRY_SIZE <= bytes.length; at += ENTRY_SIZE) {
      const fileTag = u32(bytes, at);
      const type = PROP_TYPE(fileTag);
      // Types the format does not define (PT_UNSPECIFIED padding, garbage) carry no value.
      if (!isMsgType(type)) continue;
      const fileId = PROP_ID(fileTag);
      if (fileId === 0) continue;
      const storeId = this.ctx.storeId(fileId);
      if (storeId === undefined || this.entries.has(storeId)) continue;
      this.entries.set(storeId, { fileTag, tag: PROP_TAG(type, storeId), value: bytes.subarray(at + 8, at + 16) });
    }
  }

  /** The store tags present (PT_OBJECT included). */
  tags(): number[] {
    return [...this.entries.values()].map((e) => e.tag);
  }

  /** Reads a value stream; undefined when it is missing (the property is then absent, [MS-OXMSG] notes). */
  private stream(name: string): Uint8Array | undefined {
    return this.storage.stream(name)?.readAll();
  }

  private string8(b: Uint8Array): string {
    return decodeString8(b, this.codePage(), this.ctx.acp);
  }

  /** Decodes one entry; undefined when its value stream is missing or it is a PT_OBJECT. */
  decode(e: RawEntry): SPropValue | undefined {
    const type = PROP_TYPE(e.fileTag);
    const where = () => `property 0x${hex8(e.fileTag)} of ${this.storage.path || 'the root'}`;
    const size = inlineSize(type);
    if (size !== undefined) return { ulPropTag: e.tag, Value: decodeFixed(type, e.value) };
    if (type === PT_OBJECT) return undefined;
    if (!(type & MV_FLAG)) {
      const b = this.stream(substgName(e.fileTag));
      if (!b) return undefined;
      let Value: PropValueData;
      if (type === PT_UNICODE) Value = decodeUtf16(stripNuls(b, 2));
      else if (type === PT_STRING8) Value = this.string8(stripNuls(b, 1));
      else if (type === PT_CLSID) {
        if (b.length < 16) corruptMsg(`${where()}: a GUID stream of ${b.length} bytes`);
        Value = decodeFixed(PT_CLSID, b);
      } else Value = Uint8Array.from(b);
      return { ulPropTag: e.tag, Value };
    }
    const lengths = this.stream(substgName(e.fileTag));
    if (!lengths) return undefined;
    const base = type & ~MV_FLAG;
    if (!isVariableMvType(type)) {
      const el = elementSize(base) as number;
      if (lengths.length % el !== 0) corruptMsg(`${where()}: ${lengths.length} bytes is not a whole number of ${el}-byte values`);
      const out: PropValueData[] = [];
      for (let at = 0; at < lengths.length; at += el) out.push(decodeFixed(base, lengths.subarray(at, at + el)));
      return { ulPropTag: e.tag, Value: out as PropValueData };
    }
    // [MS-OXMSG] 2.1.4.2: a length stream (4 bytes per string, 8 per binary) and one stream per value.
    const step = base === PT_BINARY ? 8 : 4;
    if (lengths.length % step !== 0) corruptMsg(`${where()}: a length stream of ${lengths.length} bytes is not a whole number of ${step}-byte entries`);
    const values: (string | Uint8Array)[] = [];
    for (let i = 0; i < lengths.length / step; i++) {
      const name = `${substgName(e.fileTag)}-${hex8(i)}`;
      const b = this.stream(name);
      if (!b) corruptMsg(`${where()}: value ${i} has no stream ${name}`);
      if (type === PT_MV_UNICODE) values.push(decodeUtf16(stripNuls(b, 2)));
      else if (type === PT_MV_STRING8) values.push(this.string8(stripNuls(b, 1)));
      else values.push(Uint8Array.from(b));
    }
    return { ulPropTag: e.tag, Value: values as PropValueData };
  }

  /** Every decodable property. */
  all(): PropMap {
    const out: PropMap = new Map();
    for (const [id, e] of this.entries) {
      const p = this.decode(e);
      if (p) out.set(id, p);
    }
    return out;
  }

  /** The value of an inline (fixed-size) property without reading any stream. */
  inline(tag: number): PropValueData | undefined {
    const e = this.entries.get(PROP_ID(tag));
    if (!e || e.fileTag !== tag) return undefined;
    return decodeFixed(PROP_TYPE(tag), e.value);
  }

  /** getProps semantics for one tag. */
  get(tag: number): SPropValue {
    const id = PROP_ID(tag);
    const want = PROP_TYPE(tag);
    const e = this.entries.get(id);
    const missing: SPropValue = { ulPropTag: PROP_TAG(PT_ERROR, id), Value: MAPI_E_NOT_FOUND };
    if (!e) return missing;
    const have = PROP_TYPE(e.tag);
    const isString = (t: number) => t === PT_STRING8 || t === PT_UNICODE;
    const isMvString = (t: number) => t === PT_MV_STRING8 || t === PT_MV_UNICODE;
    if (want !== PT_UNSPECIFIED && want !== have && !(isString(want) && isString(have)) && !(isMvString(want) && isMvString(have))) return missing;
    const p = this.decode(e);
    if (!p) return missing;
    return want === PT_UNSPECIFIED || want === have ? p : { ulPropTag: PROP_TAG(want, id), Value: p.Value };
  }
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24)) >>> 0;
}

/** The numbered subobject storages (recipients or attachments) of a message storage, in number order. */
function numbered(storage: CfbStorage, prefix: string): { n: number; storage: CfbStorage }[] {
  const out: { n: number; storage: CfbStorage }[] = [];
  for (const e of storage.entries()) {
    if (e.kind !== 'storage' || e.name.length !== prefix.length + 8 || e.name.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) continue;
    const hex = e.name.slice(prefix.length);
    if (!/^[0-9A-Fa-f]{8}$/.test(hex)) continue;
    out.push({ n: Number.parseInt(hex, 16), storage: e });
  }
  return out.sort((a, b) => a.n - b.n);
}

/** Copies a storage and everything below it into a tree for the CFB writer (an OLE attachment's storage). */
function storageTree(storage: CfbStorage): CfbNode[] {
  const root: CfbNode[] = [];
  const pending: [CfbStorage, CfbNode[]][] = [[storage, root]];
  while (pending.length > 0) {
    const [s, into] = pending.pop() as [CfbStorage, CfbNode[]];
    for (const e of s.entries()) {
      if (e.kind === 'stream') into.push({ kind: 'stream', name: e.name, data: e.readAll() });
      else {
        const children: CfbNode[] = [];
        into.push({ kind: 'storage', name: e.name, clsid: e.clsid, stateBits: e.stateBits, created: e.created, modified: e.modified, children });
        pending.push([e, children]);
      }
    }
  }
  return root;
}

/** An OLE attachment's storage as a compound file of its own. */
function storageBytes(sub: CfbStorage): Uint8Array {
  try {
    return writeCompoundFile({ clsid: sub.clsid, stateBits: sub.stateBits, modified: sub.modified, children: storageTree(sub) });
  } catch (e) {
    // The storage was readable but cannot be written as a file (two children with one name).
    if (e instanceof MapiError && e.scode === MAPI_E_INVALID_PARAMETER) corruptMsg(`the storage of ${sub.path}: ${e.message}`);
    throw e;
  }
}

/** Gives each record a unique number: the stored one when present and unused, else the next free one. */
function uniqueNumbers(wanted: (number | undefined)[]): number[] {
  const used = new Set<number>();
  const out: (number | undefined)[] = wanted.map((n) => {
    if (n === undefined || n < 0 || used.has(n)) return undefined;
    used.add(n);
    return n;
  });
  let next = 0;
  return out.map((n) => {
    if (n !== undefined) return n;
    while (used.has(next)) next++;
    used.add(next);
    return next;
  });
}

/**
 * A message in a .msg file, read lazily ([MS-OXMSG]). `MsgFile.open` reads the compound file's
 * header, allocation tables and directory and the message's property stream; a property's value
 * stream is read when that property is asked for, the named-property map when a named property
 * is first met, recipients and attachments when asked for. Named properties are mapped into the
 * given store map (created as needed), so tags use the store's identifiers.
 *
 * Damaged files give MapiError(MAPI_E_CORRUPT_DATA) naming the damaged structure, at open for
 * the compound file's tables and the property stream, later for a damaged value stream.
 *
 * @example
 * const msg = MsgFile.open(bytes, store.namedProps);
 * const [subject] = msg.getProps([PR_SUBJECT_W]);
 */
export class MsgFile {
  private readonly props: PropertyStorage;
  private cp: number | undefined;

  private constructor(
    private readonly ctx: FileContext,
    /** The message's storage (the root, or an attachment's `__substg1.0_3701000D`). */
    readonly storage: CfbStorage,
    /** Nesting depth: 0 for the file's message. */
    readonly depth: number,
    private readonly parentCodePage: number,
  ) {
    this.props = new PropertyStorage(storage, depth === 0 ? TOP_HEADER_SIZE : EMBEDDED_HEADER_SIZE, ctx, () => this.codePage);
  }

  /**
   * Opens a .msg (or .oft) file from its bytes or a {@link ByteSource}.
   * @param names the store's named-property map: the file's names are mapped into it.
   * @throws MapiError MAPI_E_CORRUPT_DATA when the compound file or the message's property stream is damaged.
   */
  static open(source: Uint8Array | ByteSource, names: NamedPropertyMap, options: ReadMsgOptions = {}): MsgFile {
    const cfb = openCompoundFile(source);
    const ctx = new FileContext(cfb, names, options.acp ?? DEFAULT_ACP, options.maxDepth ?? DEFAULT_MAX_DEPTH);
    return new MsgFile(ctx, cfb.root, 0, ctx.acp);
  }

  /** The root storage's CLSID: CLSID_MailMessage for a .msg, {0006F046-...} for an .oft template (top-level message only). */
  get clsid(): GUID {
    return this.storage.clsid;
  }

  /**
   * The code page of the message's PT_STRING8 values: PR_MESSAGE_CODEPAGE, else the family of
   * PR_INTERNET_CPID, else the parent message's (embedded messages) or CP_ACP; a code page we
   * cannot convert falls back to CP_ACP.
   */
  get codePage(): number {
    if (this.cp === undefined) {
      const found: SPropValue[] = [];
      for (const tag of [PR_MESSAGE_CODEPAGE, PR_INTERNET_CPID]) {
        const v = this.props.inline(tag);
        if (typeof v === 'number') found.push({ ulPropTag: tag, Value: v });
      }
      const cp = messageCodePage(found, this.parentCodePage);
      this.cp = isSupportedCodePage(cp) ? cp : this.ctx.acp;
    }
    return this.cp;
  }

  /**
   * True when the message's strings are Unicode: decided by the string properties' types (the
   * tags cannot lie, [MS-OXMSG] 2.1.3), else, without strings, by STORE_UNICODE_OK in
   * PR_STORE_SUPPORT_MASK ([MS-OXMSG] 2.1.1.1).
   */
  get unicode(): boolean {
    let string8 = false;
    for (const e of this.props.entries.values()) {
      const t = PROP_TYPE(e.fileTag) & ~MV_FLAG;
      if (t === PT_UNICODE) return true;
      if (t === PT_STRING8) string8 = true;
    }
    if (string8) return false;
    const mask = this.props.inline(PR_STORE_SUPPORT_MASK);
    return typeof mask === 'number' && (mask & STORE_UNICODE_OK) !== 0;
  }

  /** The tags of the message's properties, in the store's ID space, without reading any value. */
  propTags(): number[] {
    return this.props.tags().filter((t) => PROP_TYPE(t) !== PT_OBJECT);
  }

  /**
   * Values of the given tags, as IMAPIProp::GetProps answers: one SPropValue per tag, PT_ERROR
   * with MAPI_E_NOT_FOUND for a property the message does not have. PT_UNSPECIFIED matches any
   * type; PT_STRING8 and PT_UNICODE (and their PT_MV_ forms) are interchangeable. Reads only the
   * streams of the asked properties.
   */
  getProps(tags: readonly number[]): SPropValue[] {
    return tags.map((t) => this.props.get(t >>> 0));
  }

  /** Every property of the message (no recipients or attachments). */
  allProps(): PropMap {
    return this.props.all();
  }

  /** The recipients, each with PR_ROWID taken out of its properties into `rowId`. */
  recipients(): RecipientRecord[] {
    const list = numbered(this.storage, RECIP_PREFIX).map(({ storage }) => new PropertyStorage(storage, SUBOBJECT_HEADER_SIZE, this.ctx, () => this.codePage));
    const rowIds = uniqueNumbers(list.map((p) => {
      const v = p.inline(PR_ROWID);
      return typeof v === 'number' ? v >>> 0 : undefined;
    }));
    return list.map((p, i) => {
      const props = p.all();
      props.delete(PROP_ID(PR_ROWID));
      return { rowId: rowIds[i] as number, props };
    });
  }

  /** Attachment storages with their PR_ATTACH_NUM (unique; the storage number when absent). */
  private attachmentStorages(): { num: number; props: PropertyStorage }[] {
    const list = numbered(this.storage, ATTACH_PREFIX).map(({ storage }) => new PropertyStorage(storage, SUBOBJECT_HEADER_SIZE, this.ctx, () => this.codePage));
    const nums = uniqueNumbers(list.map((p) => {
      const v = p.inline(PR_ATTACH_NUM);
      return typeof v === 'number' ? v >>> 0 : undefined;
    }));
    return list.map((props, i) => ({ num: nums[i] as number, props }));
  }

  /** The attachments' PR_ATTACH_NUM values, without reading any attachment data. */
  attachmentNums(): number[] {
    return this.attachmentStorages().map((a) => a.num);
  }

  /** The embedded message of attachment `num` (lazy), or undefined when it has none. */
  embeddedMessage(num: number): MsgFile | undefined {
    const a = this.attachmentStorages().find((x) => x.num === num);
    if (!a) throw new MapiError(MAPI_E_NOT_FOUND, `MsgFile.embeddedMessage: no attachment ${num}`);
    return this.embeddedOf(a.props);
  }

  private embeddedOf(p: PropertyStorage): MsgFile | undefined {
    const sub = p.storage.storage(substgName(PR_ATTACH_DATA_OBJ));
    if (!sub || !this.isEmbedded(p, sub)) return undefined;
    if (this.depth + 1 > this.ctx.maxDepth) corruptMsg(`embedded messages nest deeper than ${this.ctx.maxDepth} levels (${sub.path})`);
    return new MsgFile(this.ctx, sub, this.depth + 1, this.codePage);
  }

  private isEmbedded(p: PropertyStorage, sub: CfbStorage): boolean {
    const method = p.inline(PR_ATTACH_METHOD);
    if (method === ATTACH_EMBEDDED_MSG) return true;
    if (method === ATTACH_OLE) return false;
    return sub.stream(PROPS_STREAM) !== undefined;
  }

  /**
   * The attachments: properties with PR_ATTACH_NUM taken out into `num`, an embedded message
   * (ATTACH_EMBEDDED_MSG) as `embedded`, read to any depth, and the storage of an OLE or
   * custom-storage attachment (ATTACH_OLE) as a compound file in PR_ATTACH_DATA_BIN (what
   * openProperty(PR_ATTACH_DATA_OBJ, IID_IStreamDocfile) gives in MAPI).
   */
  attachments(): AttachmentRecord[] {
    return this.attachmentStorages().map(({ num, props: p }) => {
      const props = p.all();
      props.delete(PROP_ID(PR_ATTACH_NUM));
      const rec: AttachmentRecord = { num, props };
      const sub = p.storage.storage(substgName(PR_ATTACH_DATA_OBJ));
      if (sub && !props.has(DATA_ID)) {
        if (this.isEmbedded(p, sub)) rec.embedded = (this.embeddedOf(p) as MsgFile).content();
        else {
          props.set(DATA_ID, { ulPropTag: PR_ATTACH_DATA_BIN, Value: storageBytes(sub) });
        }
      }
      return rec;
    });
  }

  /** Everything: properties, recipients and attachments, embedded messages to any depth. */
  content(): MessageContent {
    const recipients = this.recipients();
    const attachments = this.attachments();
    return {
      props: this.allProps(),
      recipients,
      attachments,
      nextRowId: recipients.reduce((m, r) => Math.max(m, r.rowId + 1), 0),
      nextAttachNum: attachments.reduce((m, a) => Math.max(m, a.num + 1), 0),
    };
  }
}

/**
 * Reads a whole .msg (or .oft) file: properties, recipients, attachments, embedded messages to
 * any depth. Named properties are mapped into `names` (created as needed).
 * @throws MapiError MAPI_E_CORRUPT_DATA for a damaged file.
 */
export function readMsg(bytes: Uint8Array | ByteSource, names: NamedPropertyMap, options: ReadMsgOptions = {}): MessageContent {
  return MsgFile.open(bytes, names, options).content();
}
