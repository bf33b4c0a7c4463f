import type { PropMap } from '../spi/store.js';
import { PROP_ID, PROP_TAG, PROP_TYPE } from '../props/tags.js';
import { PR_NORMALIZED_SUBJECT_W, PR_SUBJECT_PREFIX_W, PR_SUBJECT_W } from '../generated/proptags.js';
import { PT_STRING8, PT_UNICODE } from '../generated/proptypes.js';

const SUBJECT = PROP_ID(PR_SUBJECT_W);
const PREFIX = PROP_ID(PR_SUBJECT_PREFIX_W);
const NORMALIZED = PROP_ID(PR_NORMALIZED_SUBJECT_W);

/**
 * The prefix a store computes from a subject: one to three letters followed by a colon and
 * a space ("RE: ", "FW: ", "AW: "), or undefined when the subject has none.
 * pidtagsubjectprefix-canonical-property.md: "PR_SUBJECT must begin with one, two, or three
 * letters (alphabetic only) followed by a colon and a space"; pidtagnormalizedsubject: "Numbers,
 * blanks, and punctuation characters are not valid prefix characters".
 */
export function computeSubjectPrefix(subject: string): string | undefined {
  const m = /^\p{L}{1,3}: /u.exec(subject);
  return m ? m[0] : undefined;
}

/** A string property's value and type, or undefined. */
function str(props: PropMap, id: number): { value: string; type: number } | undefined {
  const v = props.get(id);
  if (!v) return undefined;
  const type = PROP_TYPE(v.ulPropTag);
  return type === PT_UNICODE || type === PT_STRING8 ? { value: v.Value as string, type } : undefined;
}

function put(props: PropMap, id: number, type: number, value: string): void {
  props.set(id, { ulPropTag: PROP_TAG(type, id), Value: value });
}

/**
 * Applies the subject rules a store runs at SaveChanges to `props` (in place):
 * PR_SUBJECT from PR_SUBJECT_PREFIX + PR_NORMALIZED_SUBJECT when the client set only those,
 * then PR_SUBJECT_PREFIX and PR_NORMALIZED_SUBJECT from PR_SUBJECT. `dirty` holds the
 * identifiers the client changed since the last save (it decides which side wins).
 * Computed strings take the type of the string they are computed from.
 *
 * @see pidtagsubject-canonical-property.md
 * @see pidtagsubjectprefix-canonical-property.md
 * @see pidtagnormalizedsubject-canonical-property.md
 */
export function applySubjectRules(props: PropMap, dirty: ReadonlySet<number>): void {
  let subject = str(props, SUBJECT);
  const prefix = str(props, PREFIX);
  const normalized = str(props, NORMALIZED);
  // A deleted subject takes its computed parts with it (unless the client set them again).
  if (!subject && dirty.has(SUBJECT)) {
    if (!dirty.has(NORMALIZED)) props.delete(NORMALIZED);
    if (!dirty.has(PREFIX)) props.delete(PREFIX);
    if (!dirty.has(NORMALIZED) && !dirty.has(PREFIX)) return;
  }
  // pidtagsubject-canonical-property.md: the subject is "the concatenation of the prefix and the
  // normalized subject"; a client that sets only those two gets PR_SUBJECT computed from them.
  const partsChanged = (dirty.has(PREFIX) && prefix) || (dirty.has(NORMALIZED) && normalized);
  if ((!subject || (!dirty.has(SUBJECT) && partsChanged)) && (prefix || normalized)) {
    const type = normalized?.type ?? prefix?.type ?? PT_UNICODE;
    put(props, SUBJECT, type, (prefix?.value ?? '') + (normalized?.value ?? ''));
    subject = str(props, SUBJECT);
  }
  if (!subject) return;
  // pidtagnormalizedsubject-canonical-property.md, first rule: a prefix that begins the subject is kept.
  if (prefix && subject.value.startsWith(prefix.value)) {
    put(props, NORMALIZED, subject.type, subject.value.slice(prefix.value.length));
    return;
  }
  // Second and third rules: a prefix that does not begin the subject is deleted and, like an
  // absent one, recomputed from the subject; without one the properties "remain unset".
  const computed = computeSubjectPrefix(subject.value);
  if (computed === undefined) props.delete(PREFIX);
  else put(props, PREFIX, subject.type, computed);
  put(props, NORMALIZED, subject.type, subject.value.slice(computed?.length ?? 0));
}
