/**
 * The .msg writer ([MS-OXMSG] 2.2-2.4): a message's content to the bytes of a compound file.
 */
import { MapiError } from '../../core/errors/MapiError.js';
import { ATTACH_EMBEDDED_MSG, ATTACH_OLE, STORE_UNICODE_OK } from '../../core/generated/constants.js';
import {
  PR_ATTACH_DATA_BIN, PR_ATTACH_DATA_OBJ, PR_ATTACH_METHOD, PR_ATTACH_NUM, PR_MESSAGE_CODEPAGE, PR_ROWID,
  PR_STORE_SUPPORT_MASK,
} from '../../core/generated/proptags.js';
import {
  PT_BINARY, PT_CLSID, PT_MV_STRING8, PT_MV_UNICODE, PT_OBJECT, PT_STRING8, PT_UNICODE,
} from '../../core/generated/proptypes.js';
import { MAPI_E_INVALID_PARAMETER } from '../../core/generated/scodes.js';
import { DEFAULT_ACP, encodeString8, messageCodePage } from '../../core/props/codepage.js';
import type { GUID } from '../../core/props/guid.js';
import { NAMED_PROP_ID_MIN, type NamedPropertyMap } from '../../core/props/NamedPropertyMap.js';
import { PROP_ID, PROP_TAG, PROP_TYPE } from '../../core/props/tags.js';
import type { PropValueData, SPropValue } from '../../core/props/types.js';
import type { MessageContent, PropMap } from '../../core/spi/store.js';
import { openCompoundFile, writeCompoundFile, type CfbNode, type CfbStorageNode } from '../cfb/index.js';
import {
  ATTACH_PREFIX, CLSID_MAIL_MESSAGE, CLSID_OUTLOOK_TEMPLATE, EMBEDDED_HEADER_SIZE, ENTRY_SIZE, NAMEID_STORAGE,
  PROPATTR_READ_WRITE, PROPS_STREAM, RECIP_PREFIX, SUBOBJECT_HEADER_SIZE, TOP_HEADER_SIZE, hex8, substgName,
} from './constants.js';
import { NameIdWriter } from './nameid.js';
import type { WriteMsgOptions } from './types.js';
import { MV_FLAG, elementSize, encodeFixed, encodeUtf16, inlineSize, isMsgType, isVariableMvType } from './values.js';

const DATA_ID = PROP_ID(PR_ATTACH_DATA_OBJ);
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** State of one write: the name map, the string form, the nesting guard. */
interface WriteCtx {
  readonly unicode: boolean;
  readonly nameIds: NameIdWriter;
  readonly seen: Set<MessageContent>;
}

/** What a property becomes in the file: its entry and the streams it needs. */
interface Written {
  entry: Uint8Array;
  streams: CfbNode[];
}

function put32(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = (v >>> 24) & 0xff;
}

function isCompoundFile(b: Uint8Array): boolean {
  return b.length >= 512 && CFB_SIGNATURE.every((x, i) => b[i] === x);
}

function entryBytes(fileTag: number): Uint8Array {
  const e = new Uint8Array(ENTRY_SIZE);
  put32(e, 0, fileTag);
  put32(e, 4, PROPATTR_READ_WRITE);
  return e;
}

/** Encodes one property: its entry and value streams ([MS-OXMSG] 2.1, 2.4.2). Undefined for values the format cannot hold. */
function writeProp(p: SPropValue, fileId: number, ctx: WriteCtx, codePage: number): Written | undefined {
  let type = PROP_TYPE(p.ulPropTag);
  if (!isMsgType(type) || type === PT_OBJECT) return undefined;
  // One string form per file ([MS-OXMSG] 2.1.3): Unicode files only PT_UNICODE, ANSI files only PT_STRING8.
  if (type === PT_STRING8 || type === PT_UNICODE) type = ctx.unicode ? PT_UNICODE : PT_STRING8;
  if (type === PT_MV_STRING8 || type === PT_MV_UNICODE) type = ctx.unicode ? PT_MV_UNICODE : PT_MV_STRING8;
  const fileTag = PROP_TAG(type, fileId);
  const entry = entryBytes(fileTag);
  const value: PropValueData = p.Value;
  const size = inlineSize(type);
  if (size !== undefined) {
    encodeFixed(type, value, entry.subarray(8, 16));
    return { entry, streams: [] };
  }
  const text = (s: string, terminator: boolean): Uint8Array => {
    if (ctx.unicode) return encodeUtf16(s, terminator);
    const b = encodeString8(s, codePage);
    if (!terminator) return b;
    const t = new Uint8Array(b.length + 1);
    t.set(b);
    return t;
  };
  const name = substgName(fileTag);
  if (!(type & MV_FLAG)) {
    let data: Uint8Array;
    let sizeField: number;
    if (type === PT_UNICODE || type === PT_STRING8) {
      // [MS-OXMSG] 2.4.2.2: the Size counts a terminator the stream does not hold.
      data = text(value as string, false);
      sizeField = data.length + (type === PT_UNICODE ? 2 : 1);
    } else if (type === PT_CLSID) {
      data = Uint8Array.from((value as GUID).bytes);
      sizeField = 16;
    } else {
      data = value as Uint8Array;
      sizeField = data.length;
    }
    put32(entry, 8, sizeField);
    return { entry, streams: [{ kind: 'stream', name, data }] };
  }
  const base = type & ~MV_FLAG;
  const list = value as unknown as readonly PropValueData[];
  if (!isVariableMvType(type)) {
    const el = elementSize(base) as number;
    const data = new Uint8Array(el * list.length);
    list.forEach((v, i) => encodeFixed(base, v, data.subarray(i * el, (i + 1) * el)));
    put32(entry, 8, data.length);
    return { entry, streams: [{ kind: 'stream', name, data }] };
  }
  // [MS-OXMSG] 2.1.4.2: a length stream and one stream per value; MV strings end with a NUL.
  const step = base === PT_BINARY ? 8 : 4;
  const lengths = new Uint8Array(step * list.length);
  const streams: CfbNode[] = [];
  list.forEach((v, i) => {
    const data = base === PT_BINARY ? (v as Uint8Array) : text(v as string, true);
    put32(lengths, step * i, data.length);
    streams.push({ kind: 'stream', name: `${name}-${hex8(i)}`, data });
  });
  put32(entry, 8, lengths.length);
  streams.unshift({ kind: 'stream', name, data: lengths });
  return { entry, streams };
}

/** A property storage's children: the property stream (after `header`) and the value streams. */
function writeProps(props: Iterable<SPropValue>, header: Uint8Array, ctx: WriteCtx, codePage: number, extra: Written[] = []): CfbNode[] {
  const written: Written[] = [];
  const sorted = [...props].sort((a, b) => PROP_ID(a.ulPropTag) - PROP_ID(b.ulPropTag));
  for (const p of sorted) {
    const id = PROP_ID(p.ulPropTag);
    const fileId = id >= NAMED_PROP_ID_MIN ? ctx.nameIds.fileId(id) : id;
    // A named ID the store has no name for cannot be written: the file would name it wrongly.
    if (fileId === undefined || fileId === 0) continue;
    const w = writeProp(p, fileId, ctx, codePage);
    if (w) written.push(w);
  }
  written.push(...extra);
  const stream = new Uint8Array(header.length + ENTRY_SIZE * written.length);
  stream.set(header);
  const children: CfbNode[] = [];
  written.forEach((w, i) => {
    stream.set(w.entry, header.length + ENTRY_SIZE * i);
    children.push(...w.streams);
  });
  children.unshift({ kind: 'stream', name: PROPS_STREAM, data: stream });
  return children;
}

/** The props to write for a message: the Unicode flag of PR_STORE_SUPPORT_MASK, the code page of an ANSI file. */
function messageProps(props: PropMap, ctx: WriteCtx, codePage: number, ownCodePage: number): SPropValue[] {
  const out = new Map(props);
  const maskId = PROP_ID(PR_STORE_SUPPORT_MASK);
  const mask = out.get(maskId);
  const maskValue = mask && PROP_TYPE(mask.ulPropTag) === PROP_TYPE(PR_STORE_SUPPORT_MASK) ? (mask.Value as number) >>> 0 : undefined;
  // [MS-OXMSG] 2.1.1.1: STORE_UNICODE_OK in PR_STORE_SUPPORT_MASK says the file's strings are PT_UNICODE.
  if (ctx.unicode) out.set(maskId, { ulPropTag: PR_STORE_SUPPORT_MASK, Value: ((maskValue ?? 0) | STORE_UNICODE_OK) >>> 0 });
  else if (maskValue !== undefined) out.set(maskId, { ulPropTag: PR_STORE_SUPPORT_MASK, Value: (maskValue & ~STORE_UNICODE_OK) >>> 0 });
  if (!ctx.unicode && ownCodePage !== codePage) out.set(PROP_ID(PR_MESSAGE_CODEPAGE), { ulPropTag: PR_MESSAGE_CODEPAGE, Value: codePage });
  return [...out.values()];
}

/** The children of a message storage (top level or embedded). */
function writeMessage(content: MessageContent, ctx: WriteCtx, top: boolean, codePage: number, inheritedCodePage: number): CfbNode[] {
  if (ctx.seen.has(content)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'writeMsg: an embedded message contains itself');
  ctx.seen.add(content);
  const header = new Uint8Array(top ? TOP_HEADER_SIZE : EMBEDDED_HEADER_SIZE);
  const nRecip = content.recipients.length;
  const nAttach = content.attachments.length;
  put32(header, 8, nRecip);
  put32(header, 12, nAttach);
  put32(header, 16, nRecip);
  put32(header, 20, nAttach);
  // The code page a reader infers ([MS-OXMSG] is silent; see MsgFile.codePage): PR_MESSAGE_CODEPAGE,
  // PR_INTERNET_CPID's family, else the parent's (embedded) or CP_ACP (top level).
  const inferred = messageCodePage(content.props.values(), inheritedCodePage);
  const children = writeProps(messageProps(content.props, ctx, codePage, inferred), header, ctx, codePage);
  const subHeader = new Uint8Array(SUBOBJECT_HEADER_SIZE);
  content.recipients.forEach((r, i) => {
    const props = new Map(r.props);
    props.set(PROP_ID(PR_ROWID), { ulPropTag: PR_ROWID, Value: r.rowId });
    children.push({ kind: 'storage', name: RECIP_PREFIX + hex8(i), children: writeProps(props.values(), subHeader, ctx, codePage) });
  });
  content.attachments.forEach((a, i) => {
    const props = new Map(a.props);
    props.set(PROP_ID(PR_ATTACH_NUM), { ulPropTag: PR_ATTACH_NUM, Value: a.num });
    const extra: Written[] = [];
    const storages: CfbStorageNode[] = [];
    const method = props.get(PROP_ID(PR_ATTACH_METHOD))?.Value;
    const data = props.get(DATA_ID);
    const objectEntry = (reserved: number) => {
      const e = entryBytes(PR_ATTACH_DATA_OBJ);
      // [MS-OXMSG] 2.4.2.2: Size 0xFFFFFFFF; Reserved 1 for an embedded message, 4 for a storage.
      put32(e, 8, 0xffffffff);
      put32(e, 12, reserved);
      extra.push({ entry: e, streams: [] });
    };
    if (a.embedded) {
      props.delete(DATA_ID);
      objectEntry(1);
      const cp = messageCodePage(a.embedded.props.values(), codePage);
      storages.push({ kind: 'storage', name: substgName(PR_ATTACH_DATA_OBJ), children: writeMessage(a.embedded, ctx, false, cp, codePage) });
    } else if (method === ATTACH_OLE && data && data.Value instanceof Uint8Array && isCompoundFile(data.Value)) {
      // An OLE attachment's storage, kept as a compound file in PR_ATTACH_DATA_BIN, goes back in as a storage.
      const tree = openCompoundFile(data.Value).toTree();
      props.delete(DATA_ID);
      objectEntry(4);
      storages.push({ kind: 'storage', name: substgName(PR_ATTACH_DATA_OBJ), clsid: tree.clsid, stateBits: tree.stateBits, ...(tree.modified && { modified: tree.modified }), children: tree.children });
    }
    const attachChildren = writeProps(props.values(), subHeader, ctx, codePage, extra);
    children.push({ kind: 'storage', name: ATTACH_PREFIX + hex8(i), children: [...attachChildren, ...storages] });
  });
  ctx.seen.delete(content);
  return children;
}

/**
 * Writes a message as a .msg file ([MS-OXMSG]): Unicode by default (`unicode: false` for an
 * ANSI file in `codePage`), recipients with their PR_ROWID, attachments with their
 * PR_ATTACH_NUM, embedded messages to any depth, OLE storages (ATTACH_OLE with a compound file
 * in PR_ATTACH_DATA_BIN) as storages, and the named-property map of every named property used
 * (GUID, entry and string streams and the hash buckets), names taken from `names`. The compound
 * file has a valid red-black directory, real storage timestamps and nothing else.
 *
 * Not written: properties of types the format has no place for (PT_OBJECT other than the
 * attachment data, PT_NULL, PT_UNSPECIFIED, PT_SRESTRICTION, PT_ACTIONS) and named identifiers
 * `names` does not know.
 * @throws MapiError MAPI_E_UNKNOWN_CPID when an ANSI file's code page cannot be converted;
 *   MAPI_E_INVALID_PARAMETER for an embedded message that contains itself.
 */
export function writeMsg(content: MessageContent, names: NamedPropertyMap, options: WriteMsgOptions = {}): Uint8Array {
  const unicode = options.unicode ?? true;
  const ctx: WriteCtx = { unicode, nameIds: new NameIdWriter(names), seen: new Set() };
  const codePage = options.codePage ?? messageCodePage(content.props.values());
  const children = writeMessage(content, ctx, true, codePage, DEFAULT_ACP);
  // The map is complete only now, after every object was written.
  children.push({ kind: 'storage', name: NAMEID_STORAGE, children: ctx.nameIds.streams() });
  return writeCompoundFile(
    { clsid: options.template ? CLSID_OUTLOOK_TEMPLATE : CLSID_MAIL_MESSAGE, children },
    { version: options.cfbVersion ?? 3, ...(options.clock && { clock: options.clock }) },
  );
}
