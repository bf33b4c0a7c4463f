import type { MessageRecord, MessageSummary, NodeId, PropMap, StoreBackend } from '../spi/store.js';
import { valuesEqual } from '../props/values.js';
import { PROP_TYPE } from '../props/tags.js';
import { UlPropSize } from '../props/util/size.js';
import { PT_BINARY, PT_OBJECT, PT_STRING8, PT_UNICODE } from '../generated/proptypes.js';
import { MV_FLAG } from '../generated/constants.js';
import { messageFacts, storedFacts } from './computed.js';

/** Options of {@link summarizeMessage}. */
export interface SummarizeOptions {
  /**
   * Strings, binaries and multi-valued properties whose UlPropSize is above this many bytes are
   * left out of the summary (bodies, large blobs); a table that needs one reads the message.
   * Default 1024; Infinity keeps every value.
   */
  maxValueBytes?: number;
}

/**
 * A {@link MessageSummary} of a whole record, for a backend that keeps summaries beside its data
 * (an index): the stored properties but the large ones, and the derived properties computed as
 * the store kit computes them (or the record's own stored facts). A summary made this way always
 * agrees with the record.
 */
export function summarizeMessage(rec: MessageRecord, options: SummarizeOptions = {}): MessageSummary {
  const limit = options.maxValueBytes ?? 1024;
  const props: PropMap = new Map();
  const omitted = new Set<number>();
  for (const [id, v] of rec.props) {
    if (isVariable(v.ulPropTag) && UlPropSize(v) > limit) omitted.add(id);
    else props.set(id, v);
  }
  return {
    id: rec.id,
    folderId: rec.folderId,
    associated: rec.associated,
    ...(rec.softDeleted && { softDeleted: true }),
    version: rec.version,
    props,
    omitted: omitted.size ? omitted : 'none',
    facts: storedFacts(rec) ?? messageFacts(rec, rec.version),
  };
}

/** Types whose size depends on the value (the ones a summary may leave out). */
function isVariable(tag: number): boolean {
  const t = PROP_TYPE(tag);
  return (t & MV_FLAG) !== 0 || t === PT_STRING8 || t === PT_UNICODE || t === PT_BINARY || t === PT_OBJECT;
}

/**
 * Where a backend's summaries disagree with its records (the contract of
 * {@link StoreBackend.messageSummary}): for every message of every folder that has a summary,
 * its place, version, values, omitted set and facts are compared with `message(id)`. An empty
 * list means every summary agrees; provider tests assert that.
 */
export function summaryDisagreements(backend: StoreBackend): string[] {
  const out: string[] = [];
  if (!backend.messageSummary) return out;
  const folders = [backend.rootId()];
  for (let i = 0; i < folders.length; i++) {
    const folderId = folders[i] as NodeId;
    folders.push(...backend.childFolderIds(folderId));
    for (const associated of [false, true]) {
      for (const id of backend.messageIds(folderId, associated)) {
        const sum = backend.messageSummary(id);
        if (!sum) continue;
        const rec = backend.message(id);
        const at = `message ${id} of folder ${folderId}`;
        if (!rec) {
          out.push(`${at}: a summary but no record`);
          continue;
        }
        for (const k of ['id', 'folderId', 'associated', 'version'] as const) if (sum[k] !== rec[k]) out.push(`${at}: ${k} is ${String(sum[k])} in the summary, ${String(rec[k])} in the record`);
        if (!!sum.softDeleted !== !!rec.softDeleted) out.push(`${at}: softDeleted differs`);
        for (const [pid, v] of sum.props) {
          const r = rec.props.get(pid);
          if (!r || r.ulPropTag >>> 0 !== v.ulPropTag >>> 0 || !valuesEqual(r.Value, v.Value)) out.push(`${at}: property 0x${(v.ulPropTag >>> 0).toString(16)} differs from the record's (${r ? `0x${(r.ulPropTag >>> 0).toString(16)}` : 'absent'})`);
        }
        if (sum.omitted !== 'unknown') {
          for (const pid of rec.props.keys()) {
            if (!sum.props.has(pid) && (sum.omitted === 'none' || !sum.omitted.has(pid))) out.push(`${at}: property id 0x${pid.toString(16)} is in the record but neither in the summary nor in its omitted set`);
          }
        }
        const facts = storedFacts(rec) ?? messageFacts(rec, rec.version);
        for (const k of ['version', 'hasAttach', 'displayTo', 'displayCc', 'displayBcc', 'size'] as const) {
          if (sum.facts[k] !== facts[k]) out.push(`${at}: facts.${k} is ${JSON.stringify(sum.facts[k])} in the summary, ${JSON.stringify(facts[k])} from the record`);
        }
      }
    }
  }
  return out;
}
