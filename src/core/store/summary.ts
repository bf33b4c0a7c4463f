import type { MessageRecord, MessageSummary, PropMap } from '../spi/store.js';
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
