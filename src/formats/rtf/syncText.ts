import { PR_RTF_SYNC_BODY_COUNT, PR_RTF_SYNC_BODY_CRC, PR_RTF_SYNC_BODY_TAG, PR_RTF_SYNC_PREFIX_COUNT, PR_RTF_SYNC_TRAILING_COUNT } from '../../core/generated/proptags.js';
import { decodeString8, encodeString8 } from '../../core/props/codepage.js';
import type { SPropValue } from '../../core/props/types.js';
import { MapiError } from '../../core/errors/MapiError.js';
import { crc32Rtf } from './crc32.js';

// The RTF auxiliary properties RTFSync keeps (pidtagrtfsyncbody*-canonical-property.md):
// a CRC and a count of the "significant" characters of the message text, its first
// significant characters as a tag, and counts of ignorable characters before and after.
// The algorithm is not documented; what is implemented is what two Outlook samples show
// (msgreader__Many_entities.msg, sicos__RtfWithShortRussianString.msg, both reproduced
// exactly by this code):
// - the text is taken as bytes in the ANSI code page;
// - white space (bytes ≤ 0x20) is not significant, nor is byte 0xFF (the Russian sample
//   drops every "я", 0xFF in Windows-1251);
// - ignorable characters before the first and after the last significant one are counted
//   in PR_RTF_SYNC_PREFIX_COUNT / PR_RTF_SYNC_TRAILING_COUNT ("!!!" and "." were trailing,
//   ")" was significant: we take ASCII punctuation other than brackets and quotes);
// - PR_RTF_SYNC_BODY_CRC is the [MS-OXRTFCP] CRC of the significant bytes with ASCII letters
//   upper-cased, PR_RTF_SYNC_BODY_COUNT their number, PR_RTF_SYNC_BODY_TAG the first 100.

/** Bytes that are ignorable at either end of the text (an approximation, see above). */
const IGNORABLE = new Set(Array.from('!#$%&*+,-./:;=?@\\^_`|~', (c) => c.charCodeAt(0)));
/** PR_RTF_SYNC_BODY_TAG holds this many significant bytes at most (poi__chinese-traditional.msg). */
const TAG_LENGTH = 100;

/** The RTF auxiliary values of a message text. @see pidtagrtfsyncbodycrc-canonical-property.md */
export interface RtfSyncInfo {
  /** PR_RTF_SYNC_BODY_CRC (as an unsigned number; the PT_LONG value is its signed form). */
  readonly crc: number;
  /** PR_RTF_SYNC_BODY_COUNT: significant characters (bytes in the code page). */
  readonly count: number;
  /** PR_RTF_SYNC_BODY_TAG: the first significant characters. */
  readonly tag: string;
  /** PR_RTF_SYNC_PREFIX_COUNT: ignorable characters before the significant ones (white space not counted). */
  readonly prefixCount: number;
  /** PR_RTF_SYNC_TRAILING_COUNT: ignorable characters after the significant ones. */
  readonly trailingCount: number;
}

function ansiBytes(text: string, codepage: number): Uint8Array {
  try {
    return encodeString8(text, codepage);
  } catch (e) {
    if (!(e instanceof MapiError)) throw e;
    return encodeString8(text, 1252);
  }
}

/**
 * The RTF synchronization values of `text` in ANSI code page `codepage`. Two texts that
 * differ only in white space have the same values, which is how RTFSync tells a white-space
 * edit of PR_BODY (left alone) from a real one.
 * @see pidtagrtfsyncbodycount-canonical-property.md
 * @see pidtagrtfsyncprefixcount-canonical-property.md
 */
export function rtfSyncInfo(text: string, codepage: number): RtfSyncInfo {
  const bytes = ansiBytes(text, codepage);
  const significant: number[] = [];
  for (const b of bytes) if (b > 0x20 && b !== 0xff) significant.push(b >= 0x61 && b <= 0x7a ? b - 0x20 : b);
  let start = 0;
  while (start < significant.length && IGNORABLE.has(significant[start]!)) start++;
  let end = significant.length;
  while (end > start && IGNORABLE.has(significant[end - 1]!)) end--;
  const core = Uint8Array.from(significant.slice(start, end));
  let tag: string;
  try {
    tag = decodeString8(core.subarray(0, TAG_LENGTH), codepage);
  } catch (e) {
    if (!(e instanceof MapiError)) throw e;
    tag = decodeString8(core.subarray(0, TAG_LENGTH), 1252);
  }
  return { crc: crc32Rtf(core), count: core.length, tag, prefixCount: start, trailingCount: significant.length - end };
}

/** The five RTF auxiliary properties for `info` (PR_RTF_SYNC_BODY_TAG as PT_UNICODE). */
export function rtfSyncAuxiliaryProps(info: RtfSyncInfo): SPropValue[] {
  return [
    { ulPropTag: PR_RTF_SYNC_BODY_CRC, Value: info.crc | 0 },
    { ulPropTag: PR_RTF_SYNC_BODY_COUNT, Value: info.count },
    { ulPropTag: PR_RTF_SYNC_BODY_TAG, Value: info.tag },
    { ulPropTag: PR_RTF_SYNC_PREFIX_COUNT, Value: info.prefixCount },
    { ulPropTag: PR_RTF_SYNC_TRAILING_COUNT, Value: info.trailingCount },
  ];
}
