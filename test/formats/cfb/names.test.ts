import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cfbNameKey, cfbNameProblem, cfbUpperUnit, compareCfbNames } from '../../../src/formats/cfb/index.js';

describe('compareCfbNames ([MS-CFB] 2.6.4)', () => {
  it('puts shorter names first, whatever their letters', () => {
    expect(compareCfbNames('ZZ', 'aaa')).toBeLessThan(0);
    expect(compareCfbNames('__substg1.0_0037001F', '__properties_version1.0')).toBeLessThan(0);
  });

  it('compares names of equal length by upper-cased code units', () => {
    expect(compareCfbNames('abc', 'ABC')).toBe(0);
    expect(compareCfbNames('abc', 'ABD')).toBeLessThan(0);
    // '_' (0x5F) sorts after upper-case letters but before lower-case ones; upper-casing decides.
    expect(compareCfbNames('a_', 'AZ')).toBeGreaterThan(0);
    expect(compareCfbNames('__substg1.0_0037001F', '__substg1.0_0E04001F')).toBeLessThan(0);
  });

  it('upper-cases one code unit at a time with the simple mapping', () => {
    expect(cfbUpperUnit('é'.charCodeAt(0))).toBe('É'.charCodeAt(0));
    expect(cfbUpperUnit('ß'.charCodeAt(0))).toBe('ß'.charCodeAt(0)); // full mapping "SS" is not simple
    expect(cfbUpperUnit('ﬀ'.charCodeAt(0))).toBe('ﬀ'.charCodeAt(0));
    expect(cfbUpperUnit(0x1f80)).toBe(0x1f88); // ᾀ → ᾈ (simple), not "ἈΙ" (full)
    expect(cfbUpperUnit(0x01c6)).toBe(0x01c4); // ǆ → Ǆ
    expect(cfbUpperUnit('ⅻ'.charCodeAt(0))).toBe('Ⅻ'.charCodeAt(0));
  });

  it('never upper-cases surrogates', () => {
    for (let unit = 0xd800; unit <= 0xdfff; unit += 0x3f) expect(cfbUpperUnit(unit)).toBe(unit);
    // U+10428 DESERET SMALL LETTER LONG I has an upper case, but as two code units it stays.
    expect(compareCfbNames('\u{10428}', '\u{10400}')).toBeGreaterThan(0);
  });

  it('follows the Windows exceptions of footnote <3>: both sigmas become Σ, U+023A becomes U+2C65', () => {
    expect(cfbUpperUnit(0x03c2)).toBe(0x03a3);
    expect(cfbUpperUnit(0x03c3)).toBe(0x03a3);
    expect(compareCfbNames('ς', 'σ')).toBe(0);
    expect(cfbUpperUnit(0x023a)).toBe(0x2c65);
    expect(cfbUpperUnit(0x2c65)).toBe(0x2c65);
    expect(cfbUpperUnit(0x1fc3)).toBe(0x1fc3);
    expect(cfbUpperUnit(0x1fcc)).toBe(0x1fc3);
  });

  it('is a total order consistent with cfbNameKey', () => {
    // Any UTF-16 code unit (lone surrogates included), with letters whose cases collide.
    const unit = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), fc.constantFrom('a', 'A', 'é', 'É', 'σ', 'ς', 'Σ', 'ǅ', 'ǆ', 'Ǆ'));
    const nameArb = fc.string({ unit, maxLength: 6 });
    fc.assert(
      fc.property(nameArb, nameArb, nameArb, (a, b, c) => {
        expect(Math.sign(compareCfbNames(a, b)) + Math.sign(compareCfbNames(b, a))).toBe(0);
        expect(compareCfbNames(a, b) === 0).toBe(cfbNameKey(a) === cfbNameKey(b));
        if (compareCfbNames(a, b) <= 0 && compareCfbNames(b, c) <= 0) expect(compareCfbNames(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('cfbNameProblem ([MS-CFB] 2.6.1)', () => {
  it('accepts 1 to 31 code units without / \\ : !', () => {
    expect(cfbNameProblem('__substg1.0_0037001F')).toBeUndefined();
    expect(cfbNameProblem('\u0005SummaryInformation')).toBeUndefined();
    expect(cfbNameProblem('x'.repeat(31))).toBeUndefined();
  });

  it('rejects empty, long and forbidden names', () => {
    for (const bad of ['', 'x'.repeat(32), 'a/b', 'a\\b', 'a:b', 'a!b', 'a\0b']) expect(cfbNameProblem(bad), JSON.stringify(bad)).toBeTypeOf('string');
  });
});
