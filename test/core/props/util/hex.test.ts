import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FBinFromHex, HexFromBin, UlFromSzHex } from '../../../../src/core/props/util/index.js';
import { MapiError } from '../../../../src/core/errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER } from '../../../../src/core/generated/scodes.js';

describe('HexFromBin', () => {
  it('writes two upper-case digits a byte: decimal 10 becomes "0A"', () => {
    expect(HexFromBin(Uint8Array.of(10))).toBe('0A');
    expect(HexFromBin(Uint8Array.of(0x00, 0xab, 0xff, 0x1c))).toBe('00ABFF1C');
  });

  it('gives "" for empty data', () => {
    expect(HexFromBin(new Uint8Array(0))).toBe('');
  });

  it('rejects anything but bytes with MAPI_E_INVALID_PARAMETER', () => {
    for (const bad of [null, undefined, 'ab', [1, 2], 5]) {
      try {
        HexFromBin(bad as unknown as Uint8Array);
        expect.unreachable();
      } catch (e) {
        expect(MapiError.is(e, MAPI_E_INVALID_PARAMETER)).toBe(true);
      }
    }
  });
});

describe('FBinFromHex', () => {
  it('decodes upper- and lower-case digits', () => {
    expect(FBinFromHex('00ABff1c')).toEqual(Uint8Array.of(0x00, 0xab, 0xff, 0x1c));
    expect(FBinFromHex('')).toEqual(new Uint8Array(0));
  });

  it('returns null (native FALSE) for a character that is not a hex digit', () => {
    for (const bad of ['0G', 'zz', '0x12', ' 12', '12 ', 'ab-c', '１２']) expect(FBinFromHex(bad), bad).toBeNull();
  });

  it('returns null for an odd number of digits', () => {
    expect(FBinFromHex('ABC')).toBeNull();
    expect(FBinFromHex('A')).toBeNull();
  });

  it('stops at the first NUL, as the C string does', () => {
    expect(FBinFromHex('AB\0CD')).toEqual(Uint8Array.of(0xab));
    expect(FBinFromHex('ABC\0D')).toBeNull();
  });

  it('returns null for a non-string', () => {
    expect(FBinFromHex(null as unknown as string)).toBeNull();
    expect(FBinFromHex(12 as unknown as string)).toBeNull();
  });

  it('round-trips with HexFromBin', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const hex = HexFromBin(bytes);
        expect(hex).toMatch(/^(?:[0-9A-F]{2})*$/);
        expect(FBinFromHex(hex)).toEqual(bytes);
        expect(FBinFromHex(hex.toLowerCase())).toEqual(bytes);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^(?:[0-9A-F]{2})*$/), (hex) => {
        expect(HexFromBin(FBinFromHex(hex) as Uint8Array)).toBe(hex);
      }),
    );
  });
});

describe('UlFromSzHex', () => {
  it('reads digits up to the first non-digit: "5a" is 90, "5g5h" is 5, "g5h5" is 0', () => {
    expect(UlFromSzHex('5a')).toBe(90);
    expect(UlFromSzHex('5g5h')).toBe(5);
    expect(UlFromSzHex('g5h5')).toBe(0);
  });

  it('accepts both cases and nothing else (no 0x, no spaces, no sign)', () => {
    expect(UlFromSzHex('FFff')).toBe(0xffff);
    expect(UlFromSzHex('0x10')).toBe(0);
    expect(UlFromSzHex(' 10')).toBe(0);
    expect(UlFromSzHex('-1')).toBe(0);
    expect(UlFromSzHex('')).toBe(0);
  });

  it('gives an unsigned 32-bit value, keeping the low 32 bits of longer input', () => {
    expect(UlFromSzHex('FFFFFFFF')).toBe(0xffffffff);
    expect(UlFromSzHex('123456789')).toBe(0x23456789);
  });

  it('gives 0 for a non-string', () => {
    expect(UlFromSzHex(undefined as unknown as string)).toBe(0);
  });

  it('agrees with parseInt on up to 8 digits followed by anything', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-fA-F]{1,8}$/), fc.string(), (digits, rest) => {
        fc.pre(!/^[0-9a-fA-F]/.test(rest));
        expect(UlFromSzHex(digits + rest)).toBe(Number.parseInt(digits, 16));
      }),
    );
  });
});
