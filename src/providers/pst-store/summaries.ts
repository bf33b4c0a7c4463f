// Message summaries from a PST's own contents tables ([MS-PST] 2.4.4.5 / 2.4.4.6): a contents
// table or folder count reads a message's row in its folder's contents TC instead of decoding
// the whole message (decision 017).
import type { MessageFacts, MessageRecord, NodeId, PropMap } from '../../core/spi/store.js';
import type { SPropValue } from '../../core/props/types.js';
import { MapiError } from '../../core/errors/MapiError.js';
import { MSGFLAG_HASATTACH } from '../../core/generated/constants.js';
import { PT_ERROR, PT_OBJECT, PT_STRING8, PT_UNICODE } from '../../core/generated/proptypes.js';
import * as T from '../../core/generated/proptags.js';
import { PROP_ID } from '../../core/props/tags.js';
import { LruCache } from '../../formats/pst/cache.js';
import type { TableContext } from '../../formats/pst/ltp/tc.js';
import { isKnownType } from '../../formats/pst/ltp/values.js';
import { stripSubjectMarker, type PstFile } from '../../formats/pst/messaging/PstFile.js';
import { NID_TYPE_ASSOC_CONTENTS_TABLE, NID_TYPE_CONTENTS_TABLE } from '../../formats/pst/nid.js';

/**
 * Contents-TC columns that are not copies of a message property: the table keeps them for
 * itself, so a message's record does not have them ([MS-PST] 2.4.4.5.1 "Copied?" = N, and
 * PidTagConversationId, which Outlook computes for the table). PidTagLtpParentNid (0x67F1)
 * belongs to search contents tables.
 */
const TABLE_ONLY = new Set([0x67f1, 0x67f2, 0x67f3, PROP_ID(T.PR_CONVERSATION_ID)]);

/**
 * PR_MSG_STATUS: kept only in the contents TC ([MS-PST] 2.4.4.5.1), where IMsgStore::GetMessageStatus
 * reads it. A message's record carries it when it is not 0 ({@link ContentsTableRows.msgStatus}),
 * and so does its summary.
 */
const MSG_STATUS = PROP_ID(T.PR_MSG_STATUS);

/** The stored properties a message's facts come from; those its folder's TC lacks are read from the message's PC. */
const FACT_PROPS = [T.PR_MESSAGE_SIZE, T.PR_DISPLAY_TO, T.PR_DISPLAY_CC, T.PR_DISPLAY_BCC, T.PR_MESSAGE_FLAGS].map(PROP_ID);

const SUBJECT = PROP_ID(T.PR_SUBJECT);
/** Summaries kept (a few screens of rows; the file never changes under them). */
const SUMMARY_CACHE_ENTRIES = 1024;
/** The version of every message read from the file (PstBackend's records carry it too). */
export const FILE_VERSION = 0;

/** A folder's contents TC (normal or associated) with its row positions by message NID. */
interface FolderRows {
  tc: TableContext;
  /** dwRowID (message NID) → row position. */
  index: Map<number, number>;
  /** The property ids the rows do not answer for: all but the TC's copied columns. */
  omitted: ReadonlySet<number>;
  /** The facts' properties the TC has no column for (PR_DISPLAY_BCC in Outlook's tables; most of them in FAI tables). */
  fromPc: number[];
}

/** A message's stored properties and facts from its contents-TC row. */
export interface TableSummary {
  /** The row's cells as the message's PC gives them (table-only columns left out). */
  props: PropMap;
  /**
   * The property ids `props` may lack although the message has them: every id but the TC's
   * columns copied from the message (a column whose cell is absent is absent from the message:
   * the file keeps rows and messages in step, [MS-PST] 2.4.4.3, and Outlook's table shows the
   * row).
   */
  omitted: ReadonlySet<number>;
  /** PR_MESSAGE_SIZE, PR_DISPLAY_*, MSGFLAG_HASATTACH as the file stored them. */
  facts: MessageFacts;
}

/**
 * Reads message summaries from the contents TCs of a PST: each folder's table is opened once,
 * when a message of that folder is first asked for, and only its row positions are kept (a
 * `Map` per folder read so far); a row's cells are decoded when asked for, and the last 1024
 * summaries are kept.
 */
export class ContentsTableRows {
  /** `folder:0` (normal) / `folder:1` (associated) → its table, or null when it has none usable. */
  private readonly folders = new Map<string, FolderRows | null>();
  /**
   * The summaries read last (null: none), so a folder's counts, its row in the hierarchy table
   * and its contents table do not decode a row three times.
   */
  private readonly recent = new LruCache<NodeId, TableSummary | null>(SUMMARY_CACHE_ENTRIES, Number.POSITIVE_INFINITY);

  constructor(private readonly file: PstFile) {}

  /**
   * A summary of the file message `id` (in folder `folderId`) from its contents-TC row, or
   * undefined when the folder has no contents TC, the message has no row or no
   * PR_MESSAGE_SIZE, or a value does not decode.
   *
   * PT_STRING8 cells are decoded with the message's code page, and the properties of the facts
   * the TC has no column for (PR_DISPLAY_BCC, which no Outlook contents TC holds; size, To, Cc
   * and flags in FAI tables) come from the message's PC: the one property context read, for
   * those few properties, without the recipients or the attachments.
   */
  summary(id: NodeId, folderId: NodeId, associated: boolean): TableSummary | undefined {
    const hit = this.recent.get(id);
    if (hit !== undefined) return hit ?? undefined;
    const s = this.read(id, folderId, associated);
    this.recent.set(id, s ?? null);
    return s;
  }

  private read(id: NodeId, folderId: NodeId, associated: boolean): TableSummary | undefined {
    const rows = this.rowsOf(folderId, associated);
    const at = rows?.index.get(id);
    if (rows === undefined || at === undefined) return undefined;
    try {
      const msg = this.file.message(id);
      const opts = { acp: this.file.acp, codepage: msg.codepage };
      const props: PropMap = new Map();
      for (const p of rows.tc.row(at, opts).lpProps) {
        const pid = PROP_ID(p.ulPropTag);
        const type = p.ulPropTag & 0xffff;
        if (TABLE_ONLY.has(pid) || type === PT_OBJECT) continue;
        if (type === PT_ERROR) return undefined;
        if (pid === MSG_STATUS && p.Value === 0) continue;
        if (pid === SUBJECT && typeof p.Value === 'string') p.Value = stripSubjectMarker(p.Value);
        props.set(pid, p);
      }
      for (const pid of rows.fromPc) {
        const e = msg.pc.entryById(pid);
        if (!e) continue;
        const v = msg.pc.getProp(e.ulPropTag, opts);
        if ((v.ulPropTag & 0xffff) === PT_ERROR) return undefined;
        props.set(pid, v);
      }
      const facts = factsOf(props, FILE_VERSION);
      return facts && { props, omitted: rows.omitted, facts };
    } catch (e) {
      // A row that does not decode: the whole message is read instead, which reports what is wrong.
      if (e instanceof MapiError) return undefined;
      throw e;
    }
  }

  /**
   * The PR_MSG_STATUS of a file message from its contents-TC row, when the row has one that is
   * not 0 (the message's record gets it, as Outlook's PST provider answers GetMessageStatus from
   * the table); undefined otherwise, or when the row cannot be read.
   */
  msgStatus(id: NodeId, folderId: NodeId, associated: boolean): SPropValue | undefined {
    const rows = this.rowsOf(folderId, associated);
    const at = rows?.index.get(id);
    if (rows === undefined || at === undefined || !rows.tc.columns.some((c) => c.ulPropTag === T.PR_MSG_STATUS)) return undefined;
    try {
      const cell = rows.tc.row(at, { acp: this.file.acp }).lpProps.find((p) => p.ulPropTag === T.PR_MSG_STATUS);
      return cell && typeof cell.Value === 'number' && cell.Value !== 0 ? cell : undefined;
    } catch (e) {
      if (e instanceof MapiError) return undefined;
      throw e;
    }
  }

  private rowsOf(folderId: NodeId, associated: boolean): FolderRows | undefined {
    const key = `${folderId}:${associated ? 1 : 0}`;
    let rows = this.folders.get(key);
    if (rows === undefined) {
      rows = this.openRows(folderId, associated);
      this.folders.set(key, rows);
    }
    return rows ?? undefined;
  }

  private openRows(folderId: NodeId, associated: boolean): FolderRows | null {
    try {
      const folder = this.file.folder(folderId);
      if (folder.isSearch) return null;
      const tc = folder.table(associated ? NID_TYPE_ASSOC_CONTENTS_TABLE : NID_TYPE_CONTENTS_TABLE);
      if (!tc) return null;
      // The row answers (present or absent) for its copied columns of a type the reader decodes, as the PC does.
      const copied = new Set<number>();
      for (const c of tc.columns) {
        const type = c.ulPropTag & 0xffff;
        if (isKnownType(type) && type !== PT_OBJECT && !TABLE_ONLY.has(PROP_ID(c.ulPropTag))) copied.add(PROP_ID(c.ulPropTag));
      }
      const index = new Map<number, number>();
      for (let i = 0; i < tc.rowCount; i++) {
        const b = tc.rowBytes(i);
        index.set(((b[0] as number) | ((b[1] as number) << 8) | ((b[2] as number) << 16) | ((b[3] as number) << 24)) >>> 0, i);
      }
      return { tc, index, omitted: new AllIdsBut(copied), fromPc: FACT_PROPS.filter((id) => !copied.has(id)) };
    } catch (e) {
      if (e instanceof MapiError) return null;
      throw e;
    }
  }
}

/** Number of property identifiers (0x0000-0xFFFF). */
const PROP_IDS = 0x10000;

/** The property identifiers (0x0000-0xFFFF) but some: a summary's omitted set, without listing 65,000 ids. */
class AllIdsBut implements ReadonlySet<number> {
  constructor(private readonly kept: ReadonlySet<number>) {}
  has(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && id < PROP_IDS && !this.kept.has(id);
  }
  get size(): number {
    return PROP_IDS - this.kept.size;
  }
  forEach(fn: (value: number, key: number, set: ReadonlySet<number>) => void): void {
    for (const id of this.values()) fn(id, id, this);
  }
  *values(): SetIterator<number> {
    for (let id = 0; id < PROP_IDS; id++) if (!this.kept.has(id)) yield id;
  }
  keys(): SetIterator<number> {
    return this.values();
  }
  *entries(): SetIterator<[number, number]> {
    for (const id of this.values()) yield [id, id];
  }
  [Symbol.iterator](): SetIterator<number> {
    return this.values();
  }
}

/** A string value of a property in either string type, or undefined. */
function stringOf(p: SPropValue | undefined): string | undefined {
  const type = p ? p.ulPropTag & 0xffff : 0;
  return (type === PT_UNICODE || type === PT_STRING8) && typeof p?.Value === 'string' ? p.Value : undefined;
}

/**
 * The facts a PST stored for a message: PR_MESSAGE_SIZE, PR_DISPLAY_TO / CC / BCC (absent: ''),
 * and MSGFLAG_HASATTACH of PR_MESSAGE_FLAGS; undefined without PR_MESSAGE_SIZE (the store kit
 * then computes them from the content).
 */
export function factsOf(props: PropMap, version: number): MessageFacts | undefined {
  const size = props.get(PROP_ID(T.PR_MESSAGE_SIZE));
  if (size?.ulPropTag !== T.PR_MESSAGE_SIZE || typeof size.Value !== 'number') return undefined;
  const flags = props.get(PROP_ID(T.PR_MESSAGE_FLAGS));
  const f = flags?.ulPropTag === T.PR_MESSAGE_FLAGS && typeof flags.Value === 'number' ? flags.Value : 0;
  return {
    version,
    hasAttach: (f & MSGFLAG_HASATTACH) !== 0,
    displayTo: stringOf(props.get(PROP_ID(T.PR_DISPLAY_TO))) ?? '',
    displayCc: stringOf(props.get(PROP_ID(T.PR_DISPLAY_CC))) ?? '',
    displayBcc: stringOf(props.get(PROP_ID(T.PR_DISPLAY_BCC))) ?? '',
    size: size.Value,
  };
}

/** The facts of a whole record read from the file (its PC's stored values), or undefined. */
export function recordFacts(rec: MessageRecord): MessageFacts | undefined {
  return factsOf(rec.props, rec.version);
}
