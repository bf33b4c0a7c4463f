/**
 * Message summaries kept in a folder's index: what a contents table shows of a message (its
 * stored properties but the large ones, and the derived ones), so that tables and counts are
 * served without decoding the .msg. A summary belongs to one version of the message and to the
 * file it was made from (size and modification time): a file changed behind our back drops it.
 * See docs/msg-store.md and decision 021.
 */
import type { MessageFacts, MessageRecord, MessageSummary, NodeId, PropMap } from '../../core/spi/store.js';
import type { SPropValue } from '../../core/props/types.js';
import { PROP_ID } from '../../core/props/tags.js';
import { summarizeMessage } from '../../core/store/summary.js';
import { encodeJson } from './json.js';
import { EmulatorError } from '../../core/errors/MapiError.js';

/** Strings, binaries and multi-valued properties above this many bytes stay out of a summary (bodies, RTF, headers). */
export const SUMMARY_VALUE_BYTES = 1024;

/** A summary as held in memory beside its index entry. */
export interface IndexSummary {
  /** The message version it was made from. */
  version: number;
  /** The file's size and modification time it was made from. */
  size: number;
  mtimeMs: number;
  props: PropMap;
  /** PROP_IDs of the stored properties left out. */
  omitted: ReadonlySet<number> | 'none';
  facts: Omit<MessageFacts, 'version'>;
  /** Its JSON text in the folder file, made once. */
  text?: string;
}

/** A summary as a folder file holds it (tagged JSON leaves: every value keeps its type). */
export interface StoredSummary {
  version: number;
  size: number;
  mtimeMs: number;
  props: SPropValue[];
  /** PROP_IDs left out; absent when none was. */
  omitted?: number[];
  facts: Omit<MessageFacts, 'version'>;
}

/** The summary of a whole record, stamped with the file it was written to or read from. */
export function summaryOf(rec: MessageRecord, stamp: { size: number; mtimeMs: number }): IndexSummary {
  const s = summarizeMessage(rec, { maxValueBytes: SUMMARY_VALUE_BYTES });
  const { version: _v, ...facts } = s.facts;
  if (s.omitted === 'unknown') throw new EmulatorError('[mapi-emu] msg store: summarizeMessage answered an unknown omitted set');
  return { version: rec.version, size: stamp.size, mtimeMs: stamp.mtimeMs, props: s.props, omitted: s.omitted, facts };
}

/** True when the summary describes this version of the message as its file now is. */
export function summaryFits(s: IndexSummary | undefined, entry: { version: number; size: number; mtimeMs: number }): s is IndexSummary {
  return !!s && s.version === entry.version && s.size === entry.size && s.mtimeMs === entry.mtimeMs;
}

/** The SPI view of a summary for the message's current place and state. */
export function messageSummaryOf(
  s: IndexSummary,
  m: { id: NodeId; folderId: NodeId; assoc: boolean; version: number; softDeleted?: boolean },
): MessageSummary {
  return {
    id: m.id,
    folderId: m.folderId,
    associated: m.assoc,
    ...(m.softDeleted && { softDeleted: true }),
    version: m.version,
    props: s.props,
    omitted: s.omitted,
    facts: { version: m.version, ...s.facts },
  };
}

/** The folder-file JSON text of a summary (made once per summary). */
export function summaryText(s: IndexSummary): string {
  if (s.text === undefined) {
    const stored: StoredSummary = {
      version: s.version,
      size: s.size,
      mtimeMs: s.mtimeMs,
      props: [...s.props.values()],
      ...(s.omitted !== 'none' && { omitted: [...s.omitted] }),
      facts: { ...s.facts },
    };
    s.text = JSON.stringify(encodeJson(stored));
  }
  return s.text;
}

/** A summary read back from a folder file (values already decoded); undefined when it is not well-formed. */
export function summaryFromStored(v: unknown): IndexSummary | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const s = v as Partial<StoredSummary>;
  const f = s.facts as Partial<MessageFacts> | undefined;
  if (!Number.isSafeInteger(s.version) || typeof s.size !== 'number' || typeof s.mtimeMs !== 'number' || !Array.isArray(s.props)) return undefined;
  if (!f || typeof f !== 'object' || typeof f.hasAttach !== 'boolean' || typeof f.size !== 'number') return undefined;
  if (typeof f.displayTo !== 'string' || typeof f.displayCc !== 'string' || typeof f.displayBcc !== 'string') return undefined;
  if (s.omitted !== undefined && (!Array.isArray(s.omitted) || !s.omitted.every((id) => Number.isInteger(id)))) return undefined;
  const props: PropMap = new Map();
  for (const p of s.props as unknown[]) {
    if (!p || typeof p !== 'object' || typeof (p as SPropValue).ulPropTag !== 'number' || !('Value' in p)) return undefined;
    props.set(PROP_ID((p as SPropValue).ulPropTag), p as SPropValue);
  }
  return {
    version: s.version as number,
    size: s.size,
    mtimeMs: s.mtimeMs,
    props,
    omitted: s.omitted?.length ? new Set(s.omitted) : 'none',
    facts: { hasAttach: f.hasAttach, displayTo: f.displayTo, displayCc: f.displayCc, displayBcc: f.displayBcc, size: f.size },
  };
}
