import { PROP_TYPE } from '../tags.js';
import type { SPropValue } from '../types.js';
import { fuzzyForm } from './strings.js';
import { FBadProp } from './validate.js';
import { FL_PREFIX, FL_SUBSTRING } from '../../generated/constants.js';
import { PT_BINARY, PT_STRING8, PT_UNICODE } from '../../generated/proptypes.js';

/** How the needle must sit in the haystack. */
const Match = { Full: 0, Substring: 1, Prefix: 2 } as const;
type Match = (typeof Match)[keyof typeof Match];

// fpropcontainsprop.md: the low 16 bits hold exactly one of FL_FULLSTRING, FL_SUBSTRING,
// FL_PREFIX; "if the settings are missing or invalid, a full-string exact match is performed".
// As in Wine, only the two low bits are read, and both set counts as invalid.
function matchKind(ulFuzzyLevel: number): Match {
  const low = ulFuzzyLevel & (FL_SUBSTRING | FL_PREFIX);
  return low === FL_SUBSTRING ? Match.Substring : low === FL_PREFIX ? Match.Prefix : Match.Full;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function containsBytes(hay: Uint8Array, needle: Uint8Array, kind: Match): boolean {
  if (kind === Match.Substring) return indexOfBytes(hay, needle) >= 0;
  if (kind === Match.Prefix) return needle.length <= hay.length && indexOfBytes(hay.subarray(0, needle.length), needle) === 0;
  return hay.length === needle.length && indexOfBytes(hay, needle) === 0;
}

function containsString(hay: string, needle: string, kind: Match): boolean {
  if (kind === Match.Substring) return hay.includes(needle);
  if (kind === Match.Prefix) return hay.startsWith(needle);
  return hay === needle;
}

/**
 * Tests whether `lpSPropValueDst` contains `lpSPropValueSrc` under `ulFuzzyLevel`:
 * FL_FULLSTRING (equal), FL_SUBSTRING (anywhere) or FL_PREFIX (at the start) in the low word;
 * FL_IGNORECASE, FL_IGNORENONSPACE, FL_LOOSE in the high word for strings. FALSE when either
 * value is bad, the types differ, or the type is not a string or PT_BINARY.
 * Native quirk kept: PT_BINARY ignores the high word, so FL_IGNORECASE never makes bytes match.
 * Decision: PT_UNICODE is handled like PT_STRING8 (the page and Wine name only PT_STRING8;
 * Outlook's Unicode stores apply RES_CONTENT to PT_UNICODE columns).
 * @see fpropcontainsprop.md
 */
export function FPropContainsProp(lpSPropValueDst: SPropValue, lpSPropValueSrc: SPropValue, ulFuzzyLevel: number): boolean {
  if (FBadProp(lpSPropValueDst)) return false;
  return prepareContains(lpSPropValueSrc, ulFuzzyLevel)(lpSPropValueDst);
}

/**
 * FPropContainsProp with the needle and fuzzy level fixed: the needle is checked and folded
 * once, so a restriction testing many rows only folds each row's value. The returned test
 * expects a valid haystack (FPropContainsProp checks it with FBadProp first).
 * @see fpropcontainsprop.md
 */
export function prepareContains(lpSPropValueSrc: SPropValue, ulFuzzyLevel: number): (lpSPropValueDst: SPropValue) => boolean {
  if (FBadProp(lpSPropValueSrc)) return () => false;
  const type = PROP_TYPE(lpSPropValueSrc.ulPropTag);
  const fuzzy = typeof ulFuzzyLevel === 'number' ? ulFuzzyLevel >>> 0 : 0;
  const kind = matchKind(fuzzy);
  if (type === PT_BINARY) {
    const needle = lpSPropValueSrc.Value as Uint8Array;
    return (dst) => PROP_TYPE(dst.ulPropTag) === type && containsBytes(dst.Value as Uint8Array, needle, kind);
  }
  if (type === PT_STRING8 || type === PT_UNICODE) {
    const needle = fuzzyForm(lpSPropValueSrc.Value as string, fuzzy);
    return (dst) => PROP_TYPE(dst.ulPropTag) === type && containsString(fuzzyForm(dst.Value as string, fuzzy), needle, kind);
  }
  return () => false;
}
