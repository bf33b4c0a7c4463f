import { cstr } from './common.js';
import { FL_IGNORECASE, FL_IGNORENONSPACE, FL_LOOSE } from '../../generated/constants.js';

// String rules shared by LPropCompareProp and FPropContainsProp. Native MAPI compares strings
// with the Windows NLS functions (lstrcmp = CompareString with no flags; FPropContainsProp maps
// FL_* to NORM_* flags, per Wine's dlls/mapi32/prop.c). NLS sort keys are not reproducible
// outside Windows; these functions model their observable levels for Latin text.

const ASCII = /^[\x00-\x7f]*$/;
const NONSPACING = /\p{Mn}/gu;
// NORM_IGNORESYMBOLS ignores punctuation, symbols and white space.
const SYMBOLS = /[\p{P}\p{S}\p{Z}\s]/gu;

function decomposed(s: string): string {
  return ASCII.test(s) ? s : s.normalize('NFD');
}

function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Swaps the case of each code point so that, compared ordinally, lower case sorts first. */
function caseKey(s: string): string {
  let out = '';
  for (const ch of s) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (ch === lo && ch !== up && up.length === ch.length) out += up;
    else if (ch === up && ch !== lo && lo.length === ch.length) out += lo;
    else out += ch;
  }
  return out;
}

/**
 * lstrcmp-style order of two C strings (each cut at its first NUL), the order Wine's
 * LPropCompareProp uses for PT_STRING8/PT_UNICODE (lstrcmpA/lstrcmpW). Windows' word sort is
 * case-sensitive but linguistic: letters first by their base (case and accents ignored), then
 * accents, then case with lower case first ("a" < "A" < "b"). A last ordinal level makes the
 * result 0 only for identical strings, so the order is total.
 * Not modelled: NLS weights of symbols and digits against letters, ignored hyphens/apostrophes.
 * @see lpropcompareprop.md
 */
export function compareStringsLinguistic(left: string, right: string): number {
  const a = cstr(left);
  const b = cstr(right);
  if (a === b) return 0;
  const da = decomposed(a);
  const db = decomposed(b);
  const primary = ordinal(da.replace(NONSPACING, '').toLowerCase(), db.replace(NONSPACING, '').toLowerCase());
  if (primary !== 0) return primary;
  const accents = ordinal(da.toLowerCase(), db.toLowerCase());
  if (accents !== 0) return accents;
  return ordinal(caseKey(da), caseKey(db)) || ordinal(a, b);
}

/**
 * The form of a C string that FPropContainsProp compares under `ulFuzzyLevel`'s high word
 * (fpropcontainsprop.md): FL_IGNORECASE folds case, FL_IGNORENONSPACE drops nonspacing marks
 * (diacritics), FL_LOOSE does both and also drops symbols, punctuation and spaces (Wine maps it
 * to NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS).
 * @see fpropcontainsprop.md
 */
export function fuzzyForm(s: string, ulFuzzyLevel: number): string {
  let t = cstr(s);
  const loose = (ulFuzzyLevel & FL_LOOSE) !== 0;
  if (loose || (ulFuzzyLevel & FL_IGNORECASE) !== 0) t = t.toLowerCase();
  if (loose || (ulFuzzyLevel & FL_IGNORENONSPACE) !== 0) t = decomposed(t).replace(NONSPACING, '');
  if (loose) t = t.replace(SYMBOLS, '');
  return t;
}

/**
 * A string whose ordinal order is {@link compareStringsLinguistic}'s order: the four levels
 * (base letters, accents, case, code units) joined with NUL, which sorts below every
 * character a level can hold (each level is a C string, cut at its first NUL).
 */
export function stringSortKey(s: string): string {
  const a = cstr(s);
  const d = decomposed(a);
  const lower = d.toLowerCase();
  return `${lower.replace(NONSPACING, '')}\u0000${lower}\u0000${caseKey(d)}\u0000${a}`;
}
