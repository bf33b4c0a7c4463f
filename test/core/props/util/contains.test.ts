import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FPropContainsProp } from '../../../../src/core/props/util/index.js';
import type { SPropValue } from '../../../../src/core/props/types.js';
import { PR_ENTRYID, PR_IMPORTANCE, PR_SUBJECT_A, PR_SUBJECT_W, PR_HASATTACH, PR_NULL, PR_REPORT_DISPOSITION_TO_NAMES, PR_DAM_ORIG_MSG_SVREID } from '../../../../src/core/generated/proptags.js';
import { FL_FULLSTRING, FL_SUBSTRING, FL_PREFIX, FL_IGNORECASE, FL_IGNORENONSPACE, FL_LOOSE } from '../../../../src/core/generated/constants.js';

const s8 = (v: string): SPropValue => ({ ulPropTag: PR_SUBJECT_A, Value: v });
const sw = (v: string): SPropValue => ({ ulPropTag: PR_SUBJECT_W, Value: v });
const bin = (v: string): SPropValue => ({ ulPropTag: PR_ENTRYID, Value: new TextEncoder().encode(v) });

describe('FPropContainsProp', () => {
  // Wine's test_FPropContainsProp (run on Windows), PT_STRING8 then PT_BINARY.
  const cases: [string, string, number, boolean, boolean][] = [
    // haystack, needle, fuzzy, string result, binary result
    ['Full String', 'Full String', FL_FULLSTRING, true, true],
    ['Full String', 'Full', FL_FULLSTRING, false, false],
    ['Full String', 'Full', FL_PREFIX, true, true],
    ['Full String', 'Full', FL_SUBSTRING, true, true],
    ['Full String', 'full', FL_PREFIX, false, false],
    ['Full String', 'full', FL_SUBSTRING, false, false],
    ['Full String', 'full', FL_PREFIX | FL_IGNORECASE, true, false],
    ['Full String', 'full', FL_SUBSTRING | FL_IGNORECASE, true, false],
    ['Full String', 'll St', FL_FULLSTRING, false, false],
    ['Full String', 'll St', FL_PREFIX, false, false],
    ['Full String', 'll St', FL_SUBSTRING, true, true],
    ['Full String', 'll st', FL_PREFIX, false, false],
    ['Full String', 'll st', FL_SUBSTRING, false, false],
    ['Full String', 'll st', FL_PREFIX | FL_IGNORECASE, false, false],
    ['Full String', 'll st', FL_SUBSTRING | FL_IGNORECASE, true, false],
    ['Full String', 'full string', FL_FULLSTRING | FL_IGNORECASE, true, false],
  ];

  it('matches full strings, prefixes and substrings, honouring FL_IGNORECASE for strings only', () => {
    for (const [hay, needle, fuzzy, str, binary] of cases) {
      expect(FPropContainsProp(s8(hay), s8(needle), fuzzy), `${hay}/${needle}/${fuzzy}`).toBe(str);
      expect(FPropContainsProp(sw(hay), sw(needle), fuzzy), `W ${hay}/${needle}/${fuzzy}`).toBe(str);
      expect(FPropContainsProp(bin(hay), bin(needle), fuzzy), `bin ${hay}/${needle}/${fuzzy}`).toBe(binary);
    }
  });

  it('ignores diacritics with FL_IGNORENONSPACE, and case, diacritics and symbols with FL_LOOSE', () => {
    expect(FPropContainsProp(sw('Résumé'), sw('Resume'), FL_FULLSTRING)).toBe(false);
    expect(FPropContainsProp(sw('Résumé'), sw('Resume'), FL_IGNORENONSPACE)).toBe(true);
    expect(FPropContainsProp(sw('Résumé'), sw('resume'), FL_IGNORENONSPACE)).toBe(false);
    expect(FPropContainsProp(sw('Résumé'), sw('resume'), FL_IGNORENONSPACE | FL_IGNORECASE)).toBe(true);
    expect(FPropContainsProp(sw('Re-sumé, draft'), sw('resume draft'), FL_LOOSE)).toBe(true);
    expect(FPropContainsProp(sw('Re-sumé, draft'), sw('SUME'), FL_SUBSTRING | FL_LOOSE)).toBe(true);
  });

  it('performs a full-string match when the low word is missing or invalid', () => {
    expect(FPropContainsProp(sw('abc'), sw('ab'), FL_SUBSTRING | FL_PREFIX)).toBe(false);
    expect(FPropContainsProp(sw('abc'), sw('abc'), FL_SUBSTRING | FL_PREFIX)).toBe(true);
    expect(FPropContainsProp(sw('abc'), sw('ab'), 4)).toBe(false);
    expect(FPropContainsProp(sw('abc'), sw('abc'), FL_IGNORECASE)).toBe(true);
  });

  it('returns FALSE for values of different types', () => {
    expect(FPropContainsProp(s8('abc'), sw('abc'), FL_FULLSTRING)).toBe(false);
    expect(FPropContainsProp(sw('abc'), bin('abc'), FL_SUBSTRING)).toBe(false);
  });

  it('returns FALSE for types other than strings and PT_BINARY', () => {
    const same = (ulPropTag: number, Value: SPropValue['Value']) => FPropContainsProp({ ulPropTag, Value }, { ulPropTag, Value }, FL_FULLSTRING);
    expect(same(PR_IMPORTANCE, 1)).toBe(false);
    expect(same(PR_HASATTACH, true)).toBe(false);
    expect(same(PR_NULL, null)).toBe(false);
    expect(same(PR_REPORT_DISPOSITION_TO_NAMES, ['a'])).toBe(false);
    expect(same(PR_DAM_ORIG_MSG_SVREID, Uint8Array.of(1))).toBe(false);
  });

  it('returns FALSE for bad properties, never throwing', () => {
    const bad: unknown[] = [null, undefined, 5, 'abc', {}, { ulPropTag: PR_SUBJECT_W, Value: 5 }, { ulPropTag: PR_ENTRYID, Value: 'ab' }];
    for (const b of bad) {
      expect(FPropContainsProp(b as SPropValue, sw('a'), FL_SUBSTRING)).toBe(false);
      expect(FPropContainsProp(sw('a'), b as SPropValue, FL_SUBSTRING)).toBe(false);
    }
    expect(FPropContainsProp(sw('a'), sw('a'), 'x' as unknown as number)).toBe(true);
  });

  it('sees strings up to their first NUL', () => {
    expect(FPropContainsProp(sw('ab\0cd'), sw('cd'), FL_SUBSTRING)).toBe(false);
    expect(FPropContainsProp(sw('ab\0cd'), sw('ab'), FL_FULLSTRING)).toBe(true);
  });

  it('finds an empty needle as a prefix and a substring', () => {
    expect(FPropContainsProp(sw('abc'), sw(''), FL_PREFIX)).toBe(true);
    expect(FPropContainsProp(sw('abc'), sw(''), FL_SUBSTRING)).toBe(true);
    expect(FPropContainsProp(bin('abc'), bin(''), FL_SUBSTRING)).toBe(true);
  });

  // A plain model: the documented flags as simple string operations on a small alphabet.
  function reference(hay: string, needle: string, fuzzy: number): boolean {
    const loose = (fuzzy & FL_LOOSE) !== 0;
    const norm = (s: string) => {
      let t = s;
      if (loose || fuzzy & FL_IGNORECASE) t = t.toLowerCase();
      if (loose || fuzzy & FL_IGNORENONSPACE) t = t.replace(/[éÉ]/g, (c) => (c === 'é' ? 'e' : 'E'));
      if (loose) t = t.replace(/[ .,-]/g, '');
      return t;
    };
    const h = norm(hay);
    const n = norm(needle);
    const mode = fuzzy & 3;
    return mode === FL_SUBSTRING ? h.includes(n) : mode === FL_PREFIX ? h.startsWith(n) : h === n;
  }

  const text = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'é', 'É', 'e', 'E', ' ', '.', ',', '-'), maxLength: 7 });
  const fuzzy = fc
    .tuple(fc.constantFrom(FL_FULLSTRING, FL_SUBSTRING, FL_PREFIX, 3, 4), fc.subarray([FL_IGNORECASE, FL_IGNORENONSPACE, FL_LOOSE]))
    .map(([low, high]) => high.reduce((f, x) => f | x, low));

  it('agrees with a plain string model for strings', () => {
    fc.assert(
      fc.property(text, text, fuzzy, (hay, needle, f) => {
        expect(FPropContainsProp(sw(hay), sw(needle), f)).toBe(reference(hay, needle, f));
        expect(FPropContainsProp(s8(hay), s8(needle), f)).toBe(reference(hay, needle, f));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with a plain byte model for binaries, whatever the high word', () => {
    const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ') + ' ';
    const bytes = fc.uint8Array({ min: 0, max: 2, maxLength: 6 });
    fc.assert(
      fc.property(bytes, bytes, fuzzy, (hay, needle, f) => {
        const h = hex(hay);
        const n = needle.length === 0 ? '' : hex(needle);
        const mode = f & 3;
        const want = mode === FL_SUBSTRING ? h.includes(n) : mode === FL_PREFIX ? h.startsWith(n) : h === hex(needle);
        expect(FPropContainsProp({ ulPropTag: PR_ENTRYID, Value: hay }, { ulPropTag: PR_ENTRYID, Value: needle }, f)).toBe(want);
      }),
      { numRuns: 500 },
    );
  });
});
