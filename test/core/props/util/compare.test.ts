import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FPropCompareProp, LPropCompareProp } from '../../../../src/core/props/util/index.js';
import { FILETIME } from '../../../../src/core/props/filetime.js';
import { GUID } from '../../../../src/core/props/guid.js';
import { CHANGE_PROP_TYPE } from '../../../../src/core/props/tags.js';
import type { SPropValue } from '../../../../src/core/props/types.js';
import { MapiError } from '../../../../src/core/errors/MapiError.js';
import {
  PR_IMPORTANCE,
  PR_LOCK_TYPE,
  PR_HASATTACH,
  PR_SUBJECT,
  PR_SUBJECT_A,
  PR_SUBJECT_W,
  PR_ENTRYID,
  PR_MESSAGE_DELIVERY_TIME,
  PR_FORM_CLSID,
  PR_CURRENT_VERSION,
  PR_CONTENTS_SORT_ORDER,
  PR_NULL,
  PR_RULE_CONDITION,
} from '../../../../src/core/generated/proptags.js';
import { PT_DOUBLE, PT_ERROR, PT_R4 } from '../../../../src/core/generated/proptypes.js';
import { RELOP_LT, RELOP_LE, RELOP_GT, RELOP_GE, RELOP_EQ, RELOP_NE, RELOP_RE, RES_EXIST } from '../../../../src/core/generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NOT_FOUND } from '../../../../src/core/generated/scodes.js';
import { anyProp, propOf, valueKinds } from './arbitraries.js';

const p = (ulPropTag: number, Value: SPropValue['Value']): SPropValue => ({ ulPropTag, Value });
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const RELOPS = [RELOP_LT, RELOP_LE, RELOP_GT, RELOP_GE, RELOP_EQ, RELOP_NE] as const;

function expected(c: number, relop: number): boolean {
  switch (relop) {
    case RELOP_LT: return c < 0;
    case RELOP_LE: return c <= 0;
    case RELOP_GT: return c > 0;
    case RELOP_GE: return c >= 0;
    case RELOP_EQ: return c === 0;
    default: return c !== 0;
  }
}

describe('LPropCompareProp', () => {
  it('orders signed integers (PT_I2, PT_LONG) numerically, the unsigned form of a LONG being its signed bits', () => {
    expect(LPropCompareProp(p(PR_LOCK_TYPE, 1), p(PR_LOCK_TYPE, 2))).toBeLessThan(0);
    expect(LPropCompareProp(p(PR_IMPORTANCE, 2), p(PR_IMPORTANCE, 1))).toBeGreaterThan(0);
    expect(LPropCompareProp(p(PR_IMPORTANCE, 0xffffffff), p(PR_IMPORTANCE, -1))).toBe(0);
    expect(LPropCompareProp(p(PR_IMPORTANCE, 0x7fffffff), p(PR_IMPORTANCE, -1))).toBeGreaterThan(0);
  });

  it('orders PT_ERROR scodes as signed SCODEs: failures before S_OK', () => {
    const err = CHANGE_PROP_TYPE(PR_SUBJECT, PT_ERROR);
    expect(LPropCompareProp(p(err, MAPI_E_NOT_FOUND), p(err, 0))).toBeLessThan(0);
    expect(LPropCompareProp(p(err, MAPI_E_NOT_FOUND), p(err, MAPI_E_NOT_FOUND | 0))).toBe(0);
  });

  it('compares PT_R4 in single precision', () => {
    const r4 = CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_R4);
    expect(LPropCompareProp(p(r4, 0.1), p(r4, Math.fround(0.1)))).toBe(0);
    const r8 = CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_DOUBLE);
    expect(LPropCompareProp(p(r8, 0.1), p(r8, Math.fround(0.1)))).not.toBe(0);
  });

  it('treats -0 and 0 as equal and sorts NaN after every number', () => {
    const r8 = CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_DOUBLE);
    expect(LPropCompareProp(p(r8, -0), p(r8, 0))).toBe(0);
    expect(LPropCompareProp(p(r8, NaN), p(r8, Infinity))).toBeGreaterThan(0);
    expect(LPropCompareProp(p(r8, NaN), p(r8, NaN))).toBe(0);
  });

  it('orders PT_I8 as signed 64-bit', () => {
    expect(LPropCompareProp(p(PR_CURRENT_VERSION, -(2n ** 63n)), p(PR_CURRENT_VERSION, 2n ** 63n - 1n))).toBeLessThan(0);
  });

  it('gives booleans no order beyond a consistent FALSE < TRUE', () => {
    expect(LPropCompareProp(p(PR_HASATTACH, true), p(PR_HASATTACH, true))).toBe(0);
    expect(LPropCompareProp(p(PR_HASATTACH, false), p(PR_HASATTACH, true))).toBeLessThan(0);
    expect(LPropCompareProp(p(PR_HASATTACH, true), p(PR_HASATTACH, false))).toBeGreaterThan(0);
  });

  it('compares strings case-sensitively, as lstrcmp: "1" < "2", "a" < "A" < "b"', () => {
    expect(LPropCompareProp(p(PR_SUBJECT_A, '1'), p(PR_SUBJECT_A, '2'))).toBeLessThan(0);
    expect(LPropCompareProp(p(PR_SUBJECT_W, 'abc'), p(PR_SUBJECT_W, 'ABC'))).not.toBe(0);
    expect(LPropCompareProp(p(PR_SUBJECT_W, 'a'), p(PR_SUBJECT_W, 'A'))).toBeLessThan(0);
    expect(LPropCompareProp(p(PR_SUBJECT_W, 'A'), p(PR_SUBJECT_W, 'b'))).toBeLessThan(0);
    expect(LPropCompareProp(p(PR_SUBJECT_W, 'apple'), p(PR_SUBJECT_W, 'Banana'))).toBeLessThan(0);
  });

  it('sorts accented letters with their base letter (resume < résumé < resumes)', () => {
    const r = (s: string) => p(PR_SUBJECT_W, s);
    expect(LPropCompareProp(r('resume'), r('résumé'))).toBeLessThan(0);
    expect(LPropCompareProp(r('résumé'), r('resumes'))).toBeLessThan(0);
  });

  it('sees a string only up to its first NUL, as the C string', () => {
    expect(LPropCompareProp(p(PR_SUBJECT_W, 'ab\0x'), p(PR_SUBJECT_W, 'ab\0y'))).toBe(0);
  });

  it('compares binaries byte-wise first, then the shorter first (Wine)', () => {
    const b = (...x: number[]) => p(PR_ENTRYID, Uint8Array.from(x));
    expect(LPropCompareProp(b(1), b(2))).toBeLessThan(0);
    expect(LPropCompareProp(b(1, 2), b(1))).toBeGreaterThan(0);
    expect(LPropCompareProp(b(2), b(1, 9, 9))).toBeGreaterThan(0);
    expect(LPropCompareProp(b(), b())).toBe(0);
  });

  it('compares FILETIMEs by ticks and GUIDs by their 16 bytes in memory order', () => {
    expect(LPropCompareProp(p(PR_MESSAGE_DELIVERY_TIME, new FILETIME(1n)), p(PR_MESSAGE_DELIVERY_TIME, new FILETIME(2n ** 40n)))).toBeLessThan(0);
    const g = (last: number) => {
      const bytes = new Uint8Array(16);
      bytes[15] = last;
      return p(PR_FORM_CLSID, new GUID(bytes));
    };
    expect(LPropCompareProp(g(1), g(2))).toBeLessThan(0);
    expect(LPropCompareProp(g(2), g(2))).toBe(0);
    const data1 = GUID.parse('{00000001-0000-0000-0000-000000000000}');
    const data1High = GUID.parse('{00000100-0000-0000-0000-000000000000}');
    // memcmp of little-endian Data1: byte 0 is 0x01 vs 0x00.
    expect(LPropCompareProp(p(PR_FORM_CLSID, data1), p(PR_FORM_CLSID, data1High))).toBeGreaterThan(0);
  });

  it('orders MV values element by element, then fewer values first', () => {
    expect(LPropCompareProp(p(PR_CONTENTS_SORT_ORDER, [1, 2]), p(PR_CONTENTS_SORT_ORDER, [1, 3]))).toBeLessThan(0);
    expect(LPropCompareProp(p(PR_CONTENTS_SORT_ORDER, [1, 2]), p(PR_CONTENTS_SORT_ORDER, [1]))).toBeGreaterThan(0);
    expect(LPropCompareProp(p(PR_CONTENTS_SORT_ORDER, []), p(PR_CONTENTS_SORT_ORDER, []))).toBe(0);
  });

  it('orders values of different types by type', () => {
    expect(LPropCompareProp(p(PR_IMPORTANCE, 5), p(PR_SUBJECT_W, 'x'))).toBeLessThan(0);
    expect(LPropCompareProp(p(PR_SUBJECT_W, 'x'), p(PR_IMPORTANCE, 5))).toBeGreaterThan(0);
  });

  it('compares PT_NULL values as equal', () => {
    expect(LPropCompareProp(p(PR_NULL, null), p(PR_NULL, null))).toBe(0);
  });

  it('rejects a non-SPropValue or a value of the wrong type with MAPI_E_INVALID_PARAMETER, never a TypeError', () => {
    const bad: unknown[] = [null, undefined, 42, 'x', {}, { ulPropTag: 'x' }];
    for (const b of bad) {
      expect(() => LPropCompareProp(b as SPropValue, p(PR_IMPORTANCE, 1))).toThrow(MapiError);
    }
    try {
      LPropCompareProp(p(PR_IMPORTANCE, 'one' as unknown as number), p(PR_IMPORTANCE, 1));
      expect.unreachable();
    } catch (e) {
      expect(MapiError.is(e, MAPI_E_INVALID_PARAMETER)).toBe(true);
    }
    expect(() => LPropCompareProp(p(PR_CURRENT_VERSION, [1n, , 2n] as bigint[]), p(PR_CURRENT_VERSION, [1n]))).toThrow(MapiError);
  });

  describe('is a consistent total order per type', () => {
    for (const kind of valueKinds) {
      it(`${kind.name}: reflexive, antisymmetric, transitive`, () => {
        const arb = propOf(kind);
        fc.assert(
          fc.property(arb, arb, arb, (a, b, c) => {
            expect(LPropCompareProp(a, a)).toBe(0);
            const ab = sign(LPropCompareProp(a, b));
            expect(sign(LPropCompareProp(b, a)) + ab).toBe(0);
            const bc = sign(LPropCompareProp(b, c));
            const ac = sign(LPropCompareProp(a, c));
            if (ab <= 0 && bc <= 0) expect(ac).toBeLessThanOrEqual(0);
            if (ab === 0) expect(ac).toBe(bc);
          }),
          { numRuns: 300 },
        );
      });
    }
  });
});

describe('FPropCompareProp', () => {
  // Wine's test_FPropCompareProp table, run on Windows: lVal relop rVal for 1 and 2.
  const table: [number, number, number, boolean][] = [
    [1, 2, RELOP_LT, true], [1, 1, RELOP_LT, false], [2, 1, RELOP_LT, false],
    [1, 2, RELOP_LE, true], [1, 1, RELOP_LE, true], [2, 1, RELOP_LE, false],
    [1, 2, RELOP_GT, false], [1, 1, RELOP_GT, false], [2, 1, RELOP_GT, true],
    [1, 2, RELOP_GE, false], [1, 1, RELOP_GE, true], [2, 1, RELOP_GE, true],
    [1, 2, RELOP_EQ, false], [1, 1, RELOP_EQ, true], [2, 1, RELOP_EQ, false],
  ];

  it('applies each relop to strings, binaries and integers as native does', () => {
    for (const [l, r, op, want] of table) {
      expect(FPropCompareProp(p(PR_SUBJECT_A, String(l)), op, p(PR_SUBJECT_A, String(r)))).toBe(want);
      expect(FPropCompareProp(p(PR_SUBJECT_W, String(l)), op, p(PR_SUBJECT_W, String(r)))).toBe(want);
      expect(FPropCompareProp(p(PR_ENTRYID, Uint8Array.of(l)), op, p(PR_ENTRYID, Uint8Array.of(r)))).toBe(want);
      expect(FPropCompareProp(p(PR_LOCK_TYPE, l), op, p(PR_LOCK_TYPE, r))).toBe(want);
    }
  });

  it('returns FALSE when the types differ, even for RELOP_NE', () => {
    for (const op of [...RELOPS, RELOP_RE]) {
      expect(FPropCompareProp(p(PR_IMPORTANCE, 1), op, p(PR_SUBJECT_W, '1'))).toBe(false);
    }
  });

  it('returns FALSE for an unknown relop or a bad property', () => {
    expect(FPropCompareProp(p(PR_IMPORTANCE, 1), 7, p(PR_IMPORTANCE, 1))).toBe(false);
    expect(FPropCompareProp(p(PR_IMPORTANCE, 1), -1, p(PR_IMPORTANCE, 1))).toBe(false);
    expect(FPropCompareProp(null as unknown as SPropValue, RELOP_EQ, p(PR_IMPORTANCE, 1))).toBe(false);
    expect(FPropCompareProp(p(PR_IMPORTANCE, 'x' as unknown as number), RELOP_NE, p(PR_IMPORTANCE, 1))).toBe(false);
    // PT_SRESTRICTION is not a type FBadPropTag knows.
    const res = p(PR_RULE_CONDITION, { rt: RES_EXIST, ulPropTag: PR_SUBJECT });
    expect(FPropCompareProp(res, RELOP_EQ, res)).toBe(false);
  });

  it('RELOP_RE matches a string against the regular expression in the second value', () => {
    expect(FPropCompareProp(p(PR_SUBJECT_W, 'RE: hello'), RELOP_RE, p(PR_SUBJECT_W, '^RE: h.llo$'))).toBe(true);
    expect(FPropCompareProp(p(PR_SUBJECT_W, 'FW: hello'), RELOP_RE, p(PR_SUBJECT_W, '^RE:'))).toBe(false);
    expect(FPropCompareProp(p(PR_SUBJECT_W, 'x'), RELOP_RE, p(PR_SUBJECT_W, '('))).toBe(false);
    expect(FPropCompareProp(p(PR_IMPORTANCE, 1), RELOP_RE, p(PR_IMPORTANCE, 1))).toBe(false);
  });

  it('agrees with LPropCompareProp for every relop', () => {
    for (const kind of valueKinds) {
      const arb = propOf(kind);
      fc.assert(
        fc.property(arb, arb, fc.constantFrom(...RELOPS), (a, b, op) => {
          expect(FPropCompareProp(a, op, b)).toBe(expected(LPropCompareProp(a, b), op));
        }),
        { numRuns: 100 },
      );
    }
  });

  it('is FALSE for every relop on values of different types', () => {
    fc.assert(
      fc.property(anyProp, anyProp, fc.constantFrom(...RELOPS), (a, b, op) => {
        fc.pre((a.ulPropTag & 0xffff) !== (b.ulPropTag & 0xffff));
        expect(FPropCompareProp(a, op, b)).toBe(false);
      }),
    );
  });
});
