// [MS-PST] 2.4 Messaging layer: the message store, the name-to-ID map, folders with their
// hierarchy / contents / FAI contents tables, messages with their recipient and attachment
// tables, attachments and embedded messages. Everything is read on demand from the NDB/LTP
// layers; nothing is kept but what the caller holds.
import { MapiError } from '../../../core/errors/MapiError.js';
import { MAPI_E_NOT_FOUND } from '../../../core/generated/scodes.js';
import { PT_ERROR, PT_STRING8, PT_UNICODE } from '../../../core/generated/proptypes.js';
import {
  PR_ATTACH_DATA_OBJ, PR_ATTACH_NUM, PR_INTERNET_CPID, PR_MESSAGE_CODEPAGE, PR_RECORD_KEY, PR_ROWID,
} from '../../../core/generated/proptags.js';
import { DEFAULT_ACP, isSupportedCodePage, messageCodePage, resolveCodePage } from '../../../core/props/codepage.js';
import type { SPropValue } from '../../../core/props/types.js';
import type { ByteSource } from '../ByteSource.js';
import { FileSource } from '../ByteSource.js';
import { corrupt, hex, withNode } from '../errors.js';
import { PropertyContext, type GetPropsOptions } from '../ltp/pc.js';
import { TableContext } from '../ltp/tc.js';
import { openPstNdb, type PstNdb, type PstNdbOptions, type PstNode } from '../ndb.js';
import {
  NID_ATTACHMENT_TABLE, NID_MESSAGE_STORE, NID_NAME_TO_ID_MAP, NID_RECIPIENT_TABLE, NID_ROOT_FOLDER, NID_TYPE_ASSOC_CONTENTS_TABLE,
  NID_TYPE_ASSOC_MESSAGE, NID_TYPE_CONTENTS_TABLE, NID_TYPE_HIERARCHY_TABLE, NID_TYPE_NORMAL_FOLDER, NID_TYPE_NORMAL_MESSAGE,
  NID_TYPE_SEARCH_CONTENTS_TABLE, NID_TYPE_SEARCH_FOLDER, companionNid, nidType,
} from '../nid.js';
import { readNameToIdMap, type PstNamedProperty } from './names.js';

/** Options of {@link openPst}. */
export interface PstOpenOptions extends PstNdbOptions {
  /** What CP_ACP means for PT_STRING8 values without a message code page (default 1252). */
  acp?: number;
}

/** PR_SUBJECT with the [MS-PST] 2.5.3.1.1.1 prefix marker (U+0001, length + 1) removed. */
export function stripSubjectMarker(s: string): string {
  return s.charCodeAt(0) === 1 && s.length >= 2 ? s.slice(2) : s;
}

const SUBJECT_ID = 0x0037;

/** Applies the subject-marker rule to PR_SUBJECT (both string types) in a property list. */
function fixSubject(props: SPropValue[]): SPropValue[] {
  for (const p of props) {
    const type = p.ulPropTag & 0xffff;
    if (p.ulPropTag >>> 16 === SUBJECT_ID && (type === PT_UNICODE || type === PT_STRING8) && typeof p.Value === 'string') {
      p.Value = stripSubjectMarker(p.Value);
    }
  }
  return props;
}

/** The code page of a PC's PT_STRING8 values: PR_MESSAGE_CODEPAGE, else PR_INTERNET_CPID, else `fallback`. */
function codePageOf(pc: PropertyContext, fallback: number): number {
  const cps: SPropValue[] = [];
  for (const tag of [PR_MESSAGE_CODEPAGE, PR_INTERNET_CPID]) {
    const v = pc.getProp(tag);
    if ((v.ulPropTag & 0xffff) !== PT_ERROR) cps.push(v);
  }
  const cp = resolveCodePage(messageCodePage(cps, fallback), fallback);
  return isSupportedCodePage(cp) ? cp : fallback;
}

/** One row of a recipient table. */
export interface PstRecipient {
  /** dwRowID of the row (PR_ROWID). */
  rowId: number;
  /** The row's cells. */
  props: SPropValue[];
}

/**
 * An attachment ([MS-PST] 2.4.6.2): a subnode of its message holding a PC; an embedded message
 * (PR_ATTACH_DATA_OBJ, PtypObject) is a subnode of the attachment.
 */
export class PstAttachment {
  private pcCache: PropertyContext | undefined;

  /** @internal */
  constructor(
    readonly file: PstFile,
    /** The attachment's subnode. */
    readonly node: PstNode,
    /** PR_ATTACH_NUM (from the attachment table, else the row position). */
    readonly num: number,
    /** Code page of the message the attachment belongs to. */
    readonly codepage: number,
  ) {}

  /** The attachment's PC. */
  get pc(): PropertyContext {
    this.pcCache ??= new PropertyContext(this.node, this.file.ndb);
    return this.pcCache;
  }

  /** Every property of the attachment with its stored type (PR_ATTACH_DATA_OBJ comes back as PT_OBJECT with a null value). */
  props(opts: GetPropsOptions = {}): SPropValue[] {
    return fixSubject(this.pc.getProps({ acp: this.file.acp, codepage: this.codepage, ...opts }));
  }

  /** The embedded message of an ATTACH_EMBEDDED_MSG attachment, else undefined. */
  embedded(): PstMessage | undefined {
    const ref = this.pc.objectRef(PR_ATTACH_DATA_OBJ);
    if (!ref) return undefined;
    const node = withNode(this.node.nid, () => {
      const sub = this.node.subnodes().get(ref.nid >>> 0);
      if (!sub) throw corrupt(`embedded message subnode ${hex(ref.nid)} is missing`, { nid: this.node.nid });
      return this.file.ndb.nodeFrom(sub.nid, sub.bidData, sub.bidSub, 0);
    });
    return new PstMessage(this.file, node, this.codepage);
  }
}

/** A message ([MS-PST] 2.4.5): a PC plus recipient and attachment table subnodes. */
export class PstMessage {
  private pcCache: PropertyContext | undefined;
  private cpCache: number | undefined;

  /** @internal */
  constructor(
    readonly file: PstFile,
    /** The message's node (top-level) or subnode (embedded). */
    readonly node: PstNode,
    /** Code page used when the message names none (the parent message's, or CP_ACP). */
    private readonly fallbackCodePage: number,
  ) {}

  /** The NID of the message (for an embedded message, of its subnode). */
  get nid(): number {
    return this.node.nid;
  }

  /** The message's PC. */
  get pc(): PropertyContext {
    this.pcCache ??= new PropertyContext(this.node, this.file.ndb);
    return this.pcCache;
  }

  /** The code page of the message's PT_STRING8 values (PR_MESSAGE_CODEPAGE, PR_INTERNET_CPID, else the fallback). */
  get codepage(): number {
    this.cpCache ??= codePageOf(this.pc, this.fallbackCodePage);
    return this.cpCache;
  }

  /** Every property with its stored type; PT_STRING8 decoded with the message's code page, the subject marker removed. */
  props(opts: GetPropsOptions = {}): SPropValue[] {
    return fixSubject(this.pc.getProps({ acp: this.file.acp, codepage: this.codepage, ...opts }));
  }

  private table(nid: number): TableContext | undefined {
    const sub = withNode(this.node.nid, () => this.node.subnodes().get(nid));
    if (!sub) return undefined;
    return new TableContext(this.file.ndb.nodeFrom(sub.nid, sub.bidData, sub.bidSub, 0), this.file.ndb);
  }

  /** The recipient table's rows ([MS-PST] 2.4.5.3), in row order. */
  recipients(opts: GetPropsOptions = {}): PstRecipient[] {
    const tc = this.table(NID_RECIPIENT_TABLE);
    if (!tc) return [];
    const out: PstRecipient[] = [];
    for (const r of tc.rows({ acp: this.file.acp, codepage: this.codepage, ...opts })) {
      const rowid = r.lpProps.find((p) => p.ulPropTag === PR_ROWID)?.Value;
      out.push({ rowId: typeof rowid === 'number' ? rowid : r.rowId, props: r.lpProps });
    }
    return out;
  }

  /** The attachments ([MS-PST] 2.4.6): one per attachment-table row, in row order. */
  attachments(): PstAttachment[] {
    const tc = this.table(NID_ATTACHMENT_TABLE);
    if (!tc) return [];
    const out: PstAttachment[] = [];
    let index = 0;
    for (const r of tc.rows({ acp: this.file.acp, codepage: this.codepage })) {
      const num = r.lpProps.find((p) => p.ulPropTag === PR_ATTACH_NUM)?.Value;
      const sub = withNode(this.node.nid, () => this.node.subnodes().get(r.rowId >>> 0));
      if (!sub) throw corrupt(`attachment subnode ${hex(r.rowId)} listed in the attachment table is missing`, { nid: this.node.nid });
      const node = this.file.ndb.nodeFrom(sub.nid, sub.bidData, sub.bidSub, 0);
      out.push(new PstAttachment(this.file, node, typeof num === 'number' ? num : index, this.codepage));
      index++;
    }
    return out;
  }
}

/** A folder ([MS-PST] 2.4.4): a PC plus hierarchy, contents and FAI contents table nodes sharing its nidIndex. */
export class PstFolder {
  private pcCache: PropertyContext | undefined;

  /** @internal */
  constructor(
    readonly file: PstFile,
    /** The folder's NID. */
    readonly nid: number,
    /** The parent folder's NID (the root folder is its own parent). */
    readonly parentNid: number,
  ) {}

  /** True for a search folder (nidType SEARCH_FOLDER, [MS-PST] 2.4.8). */
  get isSearch(): boolean {
    return nidType(this.nid) === NID_TYPE_SEARCH_FOLDER;
  }

  /** The folder's PC. */
  get pc(): PropertyContext {
    this.pcCache ??= new PropertyContext(this.file.ndb.openNode(this.nid), this.file.ndb);
    return this.pcCache;
  }

  /** Every property of the folder with its stored type. */
  props(opts: GetPropsOptions = {}): SPropValue[] {
    return this.pc.getProps({ acp: this.file.acp, ...opts });
  }

  /** The folder's hierarchy, contents, FAI contents or search contents TC, or undefined when the file has none. */
  table(type: number): TableContext | undefined {
    const nid = companionNid(this.nid, type);
    if (!this.file.ndb.findNode(nid)) return undefined;
    return new TableContext(this.file.ndb.openNode(nid), this.file.ndb);
  }

  /** NIDs of the subfolders, in hierarchy-table order. */
  childNids(): number[] {
    if (this.isSearch) return [];
    const tc = this.table(NID_TYPE_HIERARCHY_TABLE);
    if (!tc) return [];
    const out: number[] = [];
    for (let i = 0; i < tc.rowCount; i++) {
      const id = rowIdAt(tc, i);
      const t = nidType(id);
      if (t === NID_TYPE_NORMAL_FOLDER || t === NID_TYPE_SEARCH_FOLDER) out.push(id);
    }
    return out;
  }

  /**
   * NIDs of the messages (normal or FAI), in contents-table order. A search folder holds no
   * messages of its own: its results live in a search contents table (nidType
   * SEARCH_CONTENTS_TABLE) whose heap Outlook writes with an undocumented client signature, so
   * they are not read here (see {@link searchResultNids}).
   */
  messageNids(associated: boolean): number[] {
    if (this.isSearch) return [];
    const tc = this.table(associated ? NID_TYPE_ASSOC_CONTENTS_TABLE : NID_TYPE_CONTENTS_TABLE);
    if (!tc) return [];
    const want = associated ? NID_TYPE_ASSOC_MESSAGE : NID_TYPE_NORMAL_MESSAGE;
    const out: number[] = [];
    for (let i = 0; i < tc.rowCount; i++) {
      const id = rowIdAt(tc, i);
      if (nidType(id) === want) out.push(id);
    }
    return out;
  }

  /**
   * The last results Outlook stored for a search folder, when its search contents table is a
   * readable TC ([MS-PST] 2.4.8.6.2); an empty list otherwise (a different heap signature, or
   * no table).
   */
  searchResultNids(): number[] {
    if (!this.isSearch) return [];
    const nid = companionNid(this.nid, NID_TYPE_SEARCH_CONTENTS_TABLE);
    if (!this.file.ndb.findNode(nid)) return [];
    let tc: TableContext;
    try {
      tc = new TableContext(this.file.ndb.openNode(nid), this.file.ndb);
    } catch {
      return [];
    }
    const out: number[] = [];
    for (let i = 0; i < tc.rowCount; i++) out.push(rowIdAt(tc, i));
    return out;
  }
}

/** dwRowID of a row without decoding its cells. */
function rowIdAt(tc: TableContext, i: number): number {
  const b = tc.rowBytes(i);
  return (b[0] as number) | ((b[1] as number) << 8) | ((b[2] as number) << 16) | (((b[3] as number) << 24) >>> 0);
}

/**
 * A PST or OST file opened at the messaging layer ([MS-PST] 2.4). Opening reads the header
 * only; the store, folders and messages are read when asked for.
 */
export class PstFile {
  /** What CP_ACP means for PT_STRING8 values. */
  readonly acp: number;
  private storePc: PropertyContext | undefined;

  /** Use {@link openPst}. */
  constructor(
    /** The node database underneath. */
    readonly ndb: PstNdb,
    acp = DEFAULT_ACP,
  ) {
    this.acp = acp;
  }

  /** Releases the file. */
  close(): void {
    this.ndb.close();
  }

  /** The message store's PC ([MS-PST] 2.4.3). */
  get storeContext(): PropertyContext {
    this.storePc ??= new PropertyContext(this.ndb.openNode(NID_MESSAGE_STORE), this.ndb);
    return this.storePc;
  }

  /** The message store's properties (PR_PST_PASSWORD, when present, is an ordinary property: not encryption). */
  storeProps(opts: GetPropsOptions = {}): SPropValue[] {
    return this.storeContext.getProps({ acp: this.acp, ...opts });
  }

  /**
   * The store's provider MAPIUID: PR_RECORD_KEY of the message store, bytes 4..19 of every
   * entry ID of the file ([MS-PST] 2.4.3.2).
   * @throws MapiError MAPI_E_CORRUPT_DATA when it is missing or not 16 bytes.
   */
  get providerUid(): Uint8Array {
    const v = this.storeContext.getProp(PR_RECORD_KEY).Value;
    if (!(v instanceof Uint8Array) || v.length !== 16) throw corrupt('the message store has no 16-byte PR_RECORD_KEY', { nid: NID_MESSAGE_STORE });
    return v;
  }

  /** The named properties of the file ([MS-PST] 2.4.7); empty when the file has no map. */
  namedProperties(): PstNamedProperty[] {
    if (!this.ndb.findNode(NID_NAME_TO_ID_MAP)) return [];
    return readNameToIdMap(new PropertyContext(this.ndb.openNode(NID_NAME_TO_ID_MAP), this.ndb));
  }

  /** The root folder. */
  root(): PstFolder {
    return this.folder(NID_ROOT_FOLDER);
  }

  /** True when `nid` is a folder node of the file. */
  isFolder(nid: number): boolean {
    const t = nidType(nid);
    return (t === NID_TYPE_NORMAL_FOLDER || t === NID_TYPE_SEARCH_FOLDER) && this.ndb.findNode(nid) !== undefined;
  }

  /** True when `nid` is a (normal or FAI) message node of the file. */
  isMessage(nid: number): boolean {
    const t = nidType(nid);
    return (t === NID_TYPE_NORMAL_MESSAGE || t === NID_TYPE_ASSOC_MESSAGE) && this.ndb.findNode(nid) !== undefined;
  }

  /** A folder. @throws MapiError MAPI_E_NOT_FOUND when `nid` is not a folder of the file. */
  folder(nid: number): PstFolder {
    const t = nidType(nid);
    const e = t === NID_TYPE_NORMAL_FOLDER || t === NID_TYPE_SEARCH_FOLDER ? this.ndb.findNode(nid) : undefined;
    if (!e) throw new MapiError(MAPI_E_NOT_FOUND, `[MS-PST] no folder ${hex(nid)}`);
    return new PstFolder(this, nid, e.nidParent);
  }

  /** A top-level message. @throws MapiError MAPI_E_NOT_FOUND when `nid` is not a message of the file. */
  message(nid: number): PstMessage {
    const t = nidType(nid);
    if (t !== NID_TYPE_NORMAL_MESSAGE && t !== NID_TYPE_ASSOC_MESSAGE) throw new MapiError(MAPI_E_NOT_FOUND, `[MS-PST] no message ${hex(nid)}`);
    return new PstMessage(this, this.ndb.openNode(nid), this.acp);
  }

  /** The parent folder of a top-level message or folder (NBT nidParent). */
  parentOf(nid: number): number {
    return this.ndb.node(nid).nidParent;
  }
}

/**
 * Opens a PST/OST file at the messaging layer: a path (read on demand through a descriptor),
 * a {@link ByteSource} or the whole file in memory. Only the header is read.
 * @throws MapiError MAPI_E_CORRUPT_DATA for a damaged header, MAPI_E_VERSION for an unknown version.
 */
export function openPst(source: string | ByteSource | Uint8Array, options: PstOpenOptions = {}): PstFile {
  const src = typeof source === 'string' ? FileSource.open(source) : source;
  try {
    return new PstFile(openPstNdb(src, options), options.acp ?? DEFAULT_ACP);
  } catch (e) {
    if (typeof source === 'string') (src as FileSource).close();
    throw e;
  }
}
