import { describe, expect, it } from 'vitest';
import { compileRestriction } from '../../../src/core/restriction/compile.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import { CHANGE_PROP_TYPE, MVI_PROP, PROP_TAG } from '../../../src/core/props/tags.js';
import { PR_SUBJECT_W, PR_SUBJECT_A, PR_IMPORTANCE, PR_MESSAGE_FLAGS, PR_SENSITIVITY, PR_ENTRYID } from '../../../src/core/generated/proptags.js';
import { PT_MV_UNICODE, PT_MV_STRING8, PT_MV_LONG, PT_MV_BINARY, PT_UNICODE, PT_STRING8, PT_LONG, PT_ERROR, PT_BINARY } from '../../../src/core/generated/proptypes.js';
import {
  RES_AND,
  RES_CONTENT,
  RES_PROPERTY,
  RES_COMPAREPROPS,
  RES_BITMASK,
  RES_SIZE,
  RES_EXIST,
  RES_NOT,
  RES_SUBRESTRICTION,
  RELOP_EQ,
  RELOP_NE,
  RELOP_LT,
  RELOP_GT,
  RELOP_RE,
  BMR_EQZ,
  BMR_NEZ,
  FL_FULLSTRING,
  FL_SUBSTRING,
  FL_IGNORECASE,
} from '../../../src/core/generated/constants.js';
import { PR_MESSAGE_RECIPIENTS } from '../../../src/core/generated/proptags.js';
import { MAPI_E_NOT_FOUND } from '../../../src/core/generated/scodes.js';
import { p, row } from './helpers.js';

const CATEGORIES = PROP_TAG(PT_MV_UNICODE, 0x8012);
const CATEGORY = PROP_TAG(PT_UNICODE, 0x8012);
const CODES = PROP_TAG(PT_MV_LONG, 0x8013);
const CODE = PROP_TAG(PT_LONG, 0x8013);
const property = (relop: number, ulPropTag: number, lpProp: SPropValue): SRestriction => ({ rt: RES_PROPERTY, relop, ulPropTag, lpProp });
const matches = (res: SRestriction, props: SPropValue[]) => compileRestriction(res).matches(row(props));

describe('multi-valued properties (spropertyrestriction.md, imapitable-restrict.md)', () => {
  const cats = (...v: string[]) => [p(CATEGORIES, v)];

  it('an MV tag with a single-valued constant matches when any value matches', () => {
    // spropertyrestriction.md's example: 0x8012101f restricted with a 0x8012001f constant.
    const res = property(RELOP_EQ, CATEGORIES, p(CATEGORY, 'My Category'));
    expect(matches(res, cats('Red', 'My Category'))).toBe(true);
    expect(matches(res, cats('Red', 'Blue'))).toBe(false);
    expect(matches(res, cats())).toBe(false);
    expect(matches(property(RELOP_GT, CODES, p(CODE, 5)), [p(CODES, [1, 9])])).toBe(true);
    expect(matches(property(RELOP_GT, CODES, p(CODE, 9)), [p(CODES, [1, 9])])).toBe(false);
  });

  it('RELOP_NE on an MV property: some value differs', () => {
    const res = property(RELOP_NE, CATEGORIES, p(CATEGORY, 'Red'));
    expect(matches(res, cats('Red'))).toBe(false);
    expect(matches(res, cats('Red', 'Blue'))).toBe(true);
  });

  it('an MV tag with an MV constant compares whole arrays as ordered tuples', () => {
    const res = property(RELOP_EQ, CODES, p(CODES, [1, 2]));
    expect(matches(res, [p(CODES, [1, 2])])).toBe(true);
    expect(matches(res, [p(CODES, [2, 1])])).toBe(false);
    expect(matches(res, [p(CODES, [1])])).toBe(false);
    // imapitable-restrict.md: "If one column has fewer values than the other, the reported
    // relation is that of a null value to the other value": fewer values sort first.
    expect(matches(property(RELOP_LT, CODES, p(CODES, [1, 2])), [p(CODES, [1])])).toBe(true);
    expect(matches(property(RELOP_LT, CODES, p(CODES, [1, 2])), [p(CODES, [0, 5, 5])])).toBe(true);
  });

  it('an MVI tag tests each value, or the single instance value of an expanded row', () => {
    const res = property(RELOP_EQ, MVI_PROP(CATEGORIES), p(CATEGORY, 'Blue'));
    expect(matches(res, cats('Red', 'Blue'))).toBe(true);
    expect(matches(res, [p(CATEGORY, 'Blue')])).toBe(true);
    expect(matches(res, [p(MVI_PROP(CATEGORIES), 'Blue')])).toBe(true);
    expect(matches(res, [p(CATEGORY, 'Red')])).toBe(false);
  });

  it('a plain MV tag does not read a single-valued stored property', () => {
    expect(matches(property(RELOP_EQ, CATEGORIES, p(CATEGORY, 'Blue')), [p(CATEGORY, 'Blue')])).toBe(false);
  });

  it('RES_CONTENT on an MV string property matches when any value contains the string', () => {
    const res: SRestriction = { rt: RES_CONTENT, ulFuzzyLevel: FL_FULLSTRING | FL_IGNORECASE, ulPropTag: CATEGORIES, lpProp: p(CATEGORY, 'blue') };
    expect(matches(res, cats('Red', 'Blue'))).toBe(true);
    expect(matches(res, cats('Bluish'))).toBe(false);
    const bins = PROP_TAG(PT_MV_BINARY, 0x8014);
    const sub: SRestriction = { rt: RES_CONTENT, ulFuzzyLevel: FL_SUBSTRING, ulPropTag: bins, lpProp: p(PROP_TAG(PT_BINARY, 0x8014), Uint8Array.of(7)) };
    expect(matches(sub, [p(bins, [Uint8Array.of(1), Uint8Array.of(6, 7, 8)])])).toBe(true);
  });

  it('RES_COMPAREPROPS compares MV properties as tuples, and MVI values pairwise', () => {
    const other = PROP_TAG(PT_MV_LONG, 0x8015);
    const eq: SRestriction = { rt: RES_COMPAREPROPS, relop: RELOP_EQ, ulPropTag1: CODES, ulPropTag2: other };
    expect(matches(eq, [p(CODES, [1, 2]), p(other, [1, 2])])).toBe(true);
    expect(matches(eq, [p(CODES, [1, 2]), p(other, [2])])).toBe(false);
    const anyEq: SRestriction = { rt: RES_COMPAREPROPS, relop: RELOP_EQ, ulPropTag1: MVI_PROP(CODES), ulPropTag2: PR_IMPORTANCE };
    expect(matches(anyEq, [p(CODES, [0, 2]), p(PR_IMPORTANCE, 2)])).toBe(true);
    expect(matches(anyEq, [p(CODES, [0, 1]), p(PR_IMPORTANCE, 2)])).toBe(false);
  });

  it('RES_SIZE measures an MV value whole, and each value of an MVI tag', () => {
    expect(matches({ rt: RES_SIZE, relop: RELOP_EQ, ulPropTag: CODES, cb: 12 }, [p(CODES, [1, 2, 3])])).toBe(true);
    expect(matches({ rt: RES_SIZE, relop: RELOP_EQ, ulPropTag: MVI_PROP(CATEGORIES), cb: 4 }, cats('abc', 'x'))).toBe(true);
  });

  it('RES_EXIST: an empty MV property exists, but has no instance for an MVI tag', () => {
    expect(matches({ rt: RES_EXIST, ulPropTag: CATEGORIES }, cats())).toBe(true);
    expect(matches({ rt: RES_EXIST, ulPropTag: MVI_PROP(CATEGORIES) }, cats())).toBe(false);
    expect(matches({ rt: RES_EXIST, ulPropTag: MVI_PROP(CATEGORIES) }, cats('a'))).toBe(true);
  });
});

describe('PT_STRING8 and PT_UNICODE read as getProps would (readAs)', () => {
  it('a PT_STRING8 restriction reads a PT_UNICODE value, and vice versa', () => {
    expect(matches(property(RELOP_EQ, PR_SUBJECT_A, p(PR_SUBJECT_A, 'héllo')), [p(PR_SUBJECT_W, 'héllo')])).toBe(true);
    expect(matches(property(RELOP_EQ, PR_SUBJECT_W, p(PR_SUBJECT_W, 'héllo')), [p(PR_SUBJECT_A, 'héllo')])).toBe(true);
  });

  it('the constant may be either string type', () => {
    expect(matches(property(RELOP_EQ, PR_SUBJECT_W, p(PR_SUBJECT_A, 'x')), [p(PR_SUBJECT_W, 'x')])).toBe(true);
    expect(matches(property(RELOP_EQ, PR_SUBJECT_A, p(PR_SUBJECT_W, 'x')), [p(PR_SUBJECT_W, 'x')])).toBe(true);
    const res: SRestriction = { rt: RES_CONTENT, ulFuzzyLevel: FL_SUBSTRING, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_A, 'ell') };
    expect(matches(res, [p(PR_SUBJECT_A, 'hello')])).toBe(true);
  });

  it('reading PT_UNICODE as PT_STRING8 goes through the code page: what it lacks becomes "?"', () => {
    const res = property(RELOP_EQ, PR_SUBJECT_A, p(PR_SUBJECT_A, 'a?b'));
    expect(matches(res, [p(PR_SUBJECT_W, 'a\u4e2db')])).toBe(true);
    expect(matches(property(RELOP_EQ, PR_SUBJECT_W, p(PR_SUBJECT_W, 'a?b')), [p(PR_SUBJECT_W, 'a\u4e2db')])).toBe(false);
    // In code page 936 (GBK) the character exists.
    expect(compileRestriction(res, { codePage: 936 }).matches(row([p(PR_SUBJECT_W, 'a\u4e2db')]))).toBe(false);
  });

  it('MV strings convert too', () => {
    const mv8 = CHANGE_PROP_TYPE(CATEGORIES, PT_MV_STRING8);
    expect(matches(property(RELOP_EQ, mv8, p(CHANGE_PROP_TYPE(CATEGORY, PT_STRING8), 'b')), [p(CATEGORIES, ['a', 'b'])])).toBe(true);
    expect(matches(property(RELOP_EQ, CATEGORIES, p(mv8, ['a', 'b'])), [p(mv8, ['a', 'b'])])).toBe(true);
  });
});

describe('absent properties (docs/decisions/002-absent-properties-in-restrictions.md)', () => {
  const none: SPropValue[] = [];
  const errorCell = [p(CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_ERROR), MAPI_E_NOT_FOUND)];
  const wrongType = [p(CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_UNICODE), '1')];
  const leaves: [string, SRestriction][] = [
    ['RES_PROPERTY RELOP_EQ', property(RELOP_EQ, PR_IMPORTANCE, p(PR_IMPORTANCE, 1))],
    ['RES_PROPERTY RELOP_NE', property(RELOP_NE, PR_IMPORTANCE, p(PR_IMPORTANCE, 1))],
    ['RES_PROPERTY RELOP_LT INT_MIN', property(RELOP_LT, PR_IMPORTANCE, p(PR_IMPORTANCE, -0x80000000))],
    ['RES_PROPERTY RELOP_RE', property(RELOP_RE, PR_SUBJECT_W, p(PR_SUBJECT_W, '.*'))],
    ['RES_CONTENT', { rt: RES_CONTENT, ulFuzzyLevel: FL_SUBSTRING, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_W, '') }],
    ['RES_COMPAREPROPS', { rt: RES_COMPAREPROPS, relop: RELOP_NE, ulPropTag1: PR_IMPORTANCE, ulPropTag2: PR_SENSITIVITY }],
    ['RES_BITMASK BMR_EQZ', { rt: RES_BITMASK, relBMR: BMR_EQZ, ulPropTag: PR_IMPORTANCE, ulMask: 1 }],
    ['RES_BITMASK BMR_NEZ', { rt: RES_BITMASK, relBMR: BMR_NEZ, ulPropTag: PR_IMPORTANCE, ulMask: 1 }],
    ['RES_SIZE', { rt: RES_SIZE, relop: RELOP_NE, ulPropTag: PR_IMPORTANCE, cb: 100 }],
    ['RES_EXIST', { rt: RES_EXIST, ulPropTag: PR_IMPORTANCE }],
    ['RES_PROPERTY on an MV tag', property(RELOP_NE, CATEGORIES, p(CATEGORY, 'x'))],
    ['RES_SUBRESTRICTION without sub-objects', { rt: RES_SUBRESTRICTION, ulSubObject: PR_MESSAGE_RECIPIENTS, lpRes: { rt: RES_NOT, lpRes: { rt: RES_EXIST, ulPropTag: PR_IMPORTANCE } } }],
  ];

  it.each(leaves)('%s is FALSE when the property is missing, a PT_ERROR cell or of another type', (_name, res) => {
    const c = compileRestriction(res);
    expect([c.matches(row(none)), c.matches(row(errorCell)), c.matches(row(wrongType))]).toEqual([false, false, false]);
    // Two-valued logic: the negation holds.
    expect(compileRestriction({ rt: RES_NOT, lpRes: res }).matches(row(none))).toBe(true);
  });

  it('RES_COMPAREPROPS is FALSE when only one side is absent', () => {
    const res: SRestriction = { rt: RES_COMPAREPROPS, relop: RELOP_NE, ulPropTag1: PR_IMPORTANCE, ulPropTag2: PR_SENSITIVITY };
    expect(matches(res, [p(PR_IMPORTANCE, 1)])).toBe(false);
    expect(matches(res, [p(PR_SENSITIVITY, 1)])).toBe(false);
    expect(matches(res, [p(PR_IMPORTANCE, 1), p(PR_SENSITIVITY, 2)])).toBe(true);
  });

  it('the same leaf holds exactly when it holds AND-ed with RES_EXIST', () => {
    const leaf = property(RELOP_NE, PR_MESSAGE_FLAGS, p(PR_MESSAGE_FLAGS, 0));
    const guarded: SRestriction = { rt: RES_AND, lpRes: [{ rt: RES_EXIST, ulPropTag: PR_MESSAGE_FLAGS }, leaf] };
    for (const props of [none, [p(PR_MESSAGE_FLAGS, 0)], [p(PR_MESSAGE_FLAGS, 4)]]) {
      expect(matches(leaf, props)).toBe(matches(guarded, props));
    }
  });

  it('a binary entry identifier absent fails RES_PROPERTY on PR_ENTRYID', () => {
    expect(matches(property(RELOP_NE, PR_ENTRYID, p(PR_ENTRYID, Uint8Array.of(1))), none)).toBe(false);
  });
});
