import { describe, expect, it } from 'vitest';
import { compileRestriction, MAX_RESTRICTION_DEPTH } from '../../../src/core/restriction/compile.js';
import { validateRestriction } from '../../../src/core/restriction/validate.js';
import type { SPropertyRestriction, SRestriction } from '../../../src/core/restriction/types.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { CHANGE_PROP_TYPE, MVI_PROP, PROP_TAG } from '../../../src/core/props/tags.js';
import {
  PR_SUBJECT_W,
  PR_SUBJECT_A,
  PR_IMPORTANCE,
  PR_MESSAGE_FLAGS,
  PR_LOCK_TYPE,
  PR_HASATTACH,
  PR_ENTRYID,
  PR_MESSAGE_DELIVERY_TIME,
  PR_MESSAGE_RECIPIENTS,
  PR_ATTACH_DATA_OBJ,
  PR_NULL,
} from '../../../src/core/generated/proptags.js';
import { PT_MV_UNICODE, PT_MV_LONG, PT_UNICODE, PT_LONG, PT_UNSPECIFIED, PT_I8, PT_OBJECT } from '../../../src/core/generated/proptypes.js';
import {
  RES_AND,
  RES_OR,
  RES_NOT,
  RES_CONTENT,
  RES_PROPERTY,
  RES_COMPAREPROPS,
  RES_BITMASK,
  RES_SIZE,
  RES_EXIST,
  RES_SUBRESTRICTION,
  RES_COMMENT,
  RES_COUNT,
  RELOP_EQ,
  RELOP_LT,
  RELOP_RE,
  RELOP_MEMBER_OF_DL,
  BMR_EQZ,
  FL_SUBSTRING,
  FL_PREFIX,
} from '../../../src/core/generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_TOO_COMPLEX } from '../../../src/core/generated/scodes.js';
import { p, row } from './helpers.js';

const CATEGORIES = PROP_TAG(PT_MV_UNICODE, 0x8012);
const CATEGORY = PROP_TAG(PT_UNICODE, 0x8012);
const property = (relop: number, ulPropTag: number, lpProp: SPropValue): SRestriction => ({ rt: RES_PROPERTY, relop, ulPropTag, lpProp });
const scodeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return MapiError.is(e) ? e.name : `not a MapiError: ${String(e)}`;
  }
  return 'no error';
};
const everywhere = (res: unknown) => [scodeOf(() => compileRestriction(res as SRestriction)), scodeOf(() => validateRestriction(res))];

describe('MAPI_E_TOO_COMPLEX: restrictions a table cannot evaluate', () => {
  const cases: [string, SRestriction][] = [
    // spropertyrestriction.md: "The two property types must match, or else ... MAPI_E_TOO_COMPLEX".
    ['RES_PROPERTY, constant of another type', property(RELOP_EQ, PR_IMPORTANCE, p(PR_SUBJECT_W, '1'))],
    ['RES_PROPERTY, PT_LONG constant on PT_I8', property(RELOP_EQ, CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_I8), p(PR_IMPORTANCE, 1))],
    ['RES_PROPERTY, MV constant on a single-valued tag', property(RELOP_EQ, CATEGORY, p(CATEGORIES, ['a']))],
    ['RES_PROPERTY, MV constant on an MVI tag', property(RELOP_EQ, MVI_PROP(CATEGORIES), p(CATEGORIES, ['a']))],
    ['RES_PROPERTY, MV constant of another MV type', property(RELOP_EQ, CATEGORIES, p(PROP_TAG(PT_MV_LONG, 0x8012), [1]))],
    ['RES_PROPERTY, MV constant with RELOP_RE', property(RELOP_RE, CATEGORIES, p(CATEGORIES, ['a']))],
    ['RES_PROPERTY, single constant of another base type on an MV tag', property(RELOP_EQ, CATEGORIES, p(PROP_TAG(PT_LONG, 0x8012), 1))],
    ['RES_PROPERTY on PT_UNSPECIFIED', property(RELOP_EQ, CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_UNSPECIFIED), p(CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_UNSPECIFIED), null))],
    ['RES_PROPERTY on PT_NULL', property(RELOP_EQ, PR_NULL, p(PR_NULL, null))],
    ['RES_PROPERTY, RELOP_RE on a number', property(RELOP_RE, PR_IMPORTANCE, p(PR_IMPORTANCE, 1))],
    ['RES_PROPERTY, RELOP_RE with an invalid pattern', property(RELOP_RE, PR_SUBJECT_W, p(PR_SUBJECT_W, '(unclosed'))],
    ['RES_PROPERTY, RELOP_MEMBER_OF_DL without an address book', property(RELOP_MEMBER_OF_DL, PR_ENTRYID, p(PR_ENTRYID, Uint8Array.of(1)))],
    // scontentrestriction.md: types must match; FL_* low word must be one of three values.
    ['RES_CONTENT on PT_LONG', { rt: RES_CONTENT, ulFuzzyLevel: FL_SUBSTRING, ulPropTag: PR_IMPORTANCE, lpProp: p(PR_IMPORTANCE, 1) }],
    ['RES_CONTENT on PT_SYSTIME', { rt: RES_CONTENT, ulFuzzyLevel: FL_SUBSTRING, ulPropTag: PR_MESSAGE_DELIVERY_TIME, lpProp: p(PR_SUBJECT_W, 'x') }],
    ['RES_CONTENT, binary needle on a string', { rt: RES_CONTENT, ulFuzzyLevel: FL_SUBSTRING, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_ENTRYID, Uint8Array.of(1)) }],
    ['RES_CONTENT, MV needle', { rt: RES_CONTENT, ulFuzzyLevel: FL_SUBSTRING, ulPropTag: CATEGORIES, lpProp: p(CATEGORIES, ['a']) }],
    ['RES_CONTENT, FL_SUBSTRING | FL_PREFIX', { rt: RES_CONTENT, ulFuzzyLevel: FL_SUBSTRING | FL_PREFIX, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_W, 'x') }],
    ['RES_CONTENT, unknown low-word flag', { rt: RES_CONTENT, ulFuzzyLevel: 0x10, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_W, 'x') }],
    // scomparepropsrestriction.md: different types → MAPI_E_TOO_COMPLEX.
    ['RES_COMPAREPROPS, different types', { rt: RES_COMPAREPROPS, relop: RELOP_EQ, ulPropTag1: PR_IMPORTANCE, ulPropTag2: PR_SUBJECT_W }],
    ['RES_COMPAREPROPS, MV against single', { rt: RES_COMPAREPROPS, relop: RELOP_EQ, ulPropTag1: CATEGORIES, ulPropTag2: PR_SUBJECT_W }],
    ['RES_COMPAREPROPS, RELOP_RE on numbers', { rt: RES_COMPAREPROPS, relop: RELOP_RE, ulPropTag1: PR_IMPORTANCE, ulPropTag2: PR_MESSAGE_FLAGS }],
    ['RES_COMPAREPROPS, RELOP_RE on MV strings', { rt: RES_COMPAREPROPS, relop: RELOP_RE, ulPropTag1: CATEGORIES, ulPropTag2: CATEGORIES }],
    ['RES_COMPAREPROPS, RELOP_MEMBER_OF_DL without an address book', { rt: RES_COMPAREPROPS, relop: RELOP_MEMBER_OF_DL, ulPropTag1: PR_ENTRYID, ulPropTag2: PR_ENTRYID }],
    // sbitmaskrestriction.md: the property is a PT_LONG (PT_I2 accepted).
    ['RES_BITMASK on PT_BOOLEAN', { rt: RES_BITMASK, relBMR: BMR_EQZ, ulPropTag: PR_HASATTACH, ulMask: 1 }],
    ['RES_BITMASK on PT_I8', { rt: RES_BITMASK, relBMR: BMR_EQZ, ulPropTag: CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_I8), ulMask: 1 }],
    ['RES_BITMASK on PT_MV_LONG', { rt: RES_BITMASK, relBMR: BMR_EQZ, ulPropTag: PROP_TAG(PT_MV_LONG, 0x8013), ulMask: 1 }],
    ['RES_SIZE with RELOP_RE', { rt: RES_SIZE, relop: RELOP_RE, ulPropTag: PR_SUBJECT_W, cb: 1 }],
    ['RES_SIZE with RELOP_MEMBER_OF_DL', { rt: RES_SIZE, relop: RELOP_MEMBER_OF_DL, ulPropTag: PR_SUBJECT_W, cb: 1 }],
    // sexistrestriction.md: not with PT_OBJECT sub-object properties.
    ['RES_EXIST on PT_OBJECT', { rt: RES_EXIST, ulPropTag: PR_ATTACH_DATA_OBJ }],
    // ssubrestriction.md: recipients or attachments only.
    ['RES_SUBRESTRICTION on another sub-object', { rt: RES_SUBRESTRICTION, ulSubObject: CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_OBJECT), lpRes: { rt: RES_AND, lpRes: [] } }],
    ['a bad node inside RES_NOT', { rt: RES_NOT, lpRes: { rt: RES_BITMASK, relBMR: BMR_EQZ, ulPropTag: PR_SUBJECT_W, ulMask: 1 } }],
    ['a bad node inside RES_COMMENT', { rt: RES_COMMENT, lpProp: [], lpRes: { rt: RES_EXIST, ulPropTag: PR_ATTACH_DATA_OBJ } }],
    ['a bad node inside RES_COUNT', { rt: RES_COUNT, ulCount: 1, lpRes: { rt: RES_EXIST, ulPropTag: PR_ATTACH_DATA_OBJ } }],
    ['a bad node inside RES_SUBRESTRICTION', { rt: RES_SUBRESTRICTION, ulSubObject: PR_MESSAGE_RECIPIENTS, lpRes: property(RELOP_EQ, PR_IMPORTANCE, p(PR_SUBJECT_W, 'x')) }],
  ];

  it.each(cases)('%s', (_name, res) => {
    expect(everywhere(res)).toEqual(['MAPI_E_TOO_COMPLEX', 'MAPI_E_TOO_COMPLEX']);
  });

  it('says what was too complex, naming the node', () => {
    expect(() => compileRestriction(property(RELOP_EQ, PR_IMPORTANCE, p(PR_SUBJECT_W, '1')))).toThrow(/PT_UNICODE.*PT_LONG.*PR_IMPORTANCE == "1"/);
  });

  it('accepts RELOP_MEMBER_OF_DL when an address book answers it', () => {
    const res = property(RELOP_MEMBER_OF_DL, PR_ENTRYID, p(PR_ENTRYID, Uint8Array.of(1)));
    expect(() => validateRestriction(res, { isMemberOfDL: () => true })).not.toThrow();
    const cmp: SRestriction = { rt: RES_COMPAREPROPS, relop: RELOP_MEMBER_OF_DL, ulPropTag1: PR_ENTRYID, ulPropTag2: PR_ENTRYID };
    expect(compileRestriction(cmp, { isMemberOfDL: (a, b) => a[0] === b[0] }).matches(row([p(PR_ENTRYID, Uint8Array.of(3))]))).toBe(true);
    expect(() => compileRestriction(property(RELOP_MEMBER_OF_DL, PR_SUBJECT_W, p(PR_SUBJECT_W, 'x')), { isMemberOfDL: () => true })).toThrow(MapiError);
  });

  it(`limits nesting to ${MAX_RESTRICTION_DEPTH} levels`, () => {
    const nest = (n: number): SRestriction => {
      let r: SRestriction = { rt: RES_EXIST, ulPropTag: PR_IMPORTANCE };
      for (let i = 1; i < n; i++) r = { rt: RES_NOT, lpRes: r };
      return r;
    };
    expect(compileRestriction(nest(MAX_RESTRICTION_DEPTH)).matches(row([]))).toBe(true);
    expect(scodeOf(() => compileRestriction(nest(MAX_RESTRICTION_DEPTH + 1)))).toBe('MAPI_E_TOO_COMPLEX');
  });
});

describe('MAPI_E_INVALID_PARAMETER: malformed restrictions (fbadrestriction.md)', () => {
  const cyclic: { rt: number; lpRes: unknown } = { rt: RES_NOT, lpRes: null };
  cyclic.lpRes = cyclic;
  const cases: [string, unknown][] = [
    ['null', null],
    ['not an object', 42],
    ['unknown rt', { rt: 99 }],
    ['RES_AND without an array', { rt: RES_AND, lpRes: { rt: RES_EXIST, ulPropTag: PR_IMPORTANCE } }],
    ['RES_NOT without a child', { rt: RES_NOT }],
    ['bad relop', property(7, PR_IMPORTANCE, p(PR_IMPORTANCE, 1))],
    ['bad property value', property(RELOP_EQ, PR_IMPORTANCE, p(PR_IMPORTANCE, 'one' as unknown as number))],
    ['missing lpProp', { rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_IMPORTANCE }],
    ['bad relBMR', { rt: RES_BITMASK, relBMR: 2, ulPropTag: PR_MESSAGE_FLAGS, ulMask: 1 }],
    ['negative cb', { rt: RES_SIZE, relop: RELOP_LT, ulPropTag: PR_SUBJECT_W, cb: -1 }],
    ['bad tag type', { rt: RES_EXIST, ulPropTag: PROP_TAG(0x77, 0x8000) }],
    ['negative ulCount', { rt: RES_COUNT, ulCount: -1, lpRes: { rt: RES_AND, lpRes: [] } }],
    ['bad comment value', { rt: RES_COMMENT, lpProp: [p(PR_SUBJECT_A, 5 as unknown as string)], lpRes: null }],
    ['a cycle', cyclic],
    ['a bad node deep inside', { rt: RES_OR, lpRes: [{ rt: RES_EXIST, ulPropTag: PR_LOCK_TYPE }, { rt: RES_AND, lpRes: [{ rt: 42 }] }] }],
  ];

  it.each(cases)('%s', (_name, res) => {
    expect(everywhere(res)).toEqual(['MAPI_E_INVALID_PARAMETER', 'MAPI_E_INVALID_PARAMETER']);
  });

  it('checks structure before types: a malformed tree with a type mismatch is INVALID_PARAMETER', () => {
    const res = { rt: RES_AND, lpRes: [property(RELOP_EQ, PR_IMPORTANCE, p(PR_SUBJECT_W, 'x')), { rt: 99 }] };
    expect(everywhere(res)).toEqual(['MAPI_E_INVALID_PARAMETER', 'MAPI_E_INVALID_PARAMETER']);
  });

  it('throws MapiError with the scode', () => {
    try {
      validateRestriction({ rt: 99 });
      expect.unreachable();
    } catch (e) {
      expect(MapiError.is(e, MAPI_E_INVALID_PARAMETER)).toBe(true);
    }
    try {
      validateRestriction({ rt: RES_EXIST, ulPropTag: PR_ATTACH_DATA_OBJ });
      expect.unreachable();
    } catch (e) {
      expect(MapiError.is(e, MAPI_E_TOO_COMPLEX)).toBe(true);
    }
  });
});

describe('compileRestriction compiles once', () => {
  it('rejects an invalid branch that evaluation would never reach', () => {
    // RES_OR's first branch is always TRUE: an interpreter would short-circuit and never look
    // at the second. Compiling checks the whole tree first.
    const res: SRestriction = {
      rt: RES_OR,
      lpRes: [{ rt: RES_AND, lpRes: [] }, { rt: RES_CONTENT, ulFuzzyLevel: FL_SUBSTRING, ulPropTag: PR_IMPORTANCE, lpProp: p(PR_IMPORTANCE, 1) }],
    };
    expect(scodeOf(() => compileRestriction(res))).toBe('MAPI_E_TOO_COMPLEX');
    const count: SRestriction = { rt: RES_COUNT, ulCount: 0, lpRes: { rt: RES_BITMASK, relBMR: BMR_EQZ, ulPropTag: PR_SUBJECT_W, ulMask: 1 } };
    expect(scodeOf(() => compileRestriction(count))).toBe('MAPI_E_TOO_COMPLEX');
  });

  it('does not read the tree again: later changes to it have no effect', () => {
    const constant = p(PR_SUBJECT_W, 'hello');
    const leaf: SPropertyRestriction = { rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_SUBJECT_W, lpProp: constant };
    const and = { rt: RES_AND, lpRes: [leaf] as SRestriction[] } as const;
    const c = compileRestriction(and);
    constant.Value = 'changed';
    leaf.relop = RELOP_LT;
    leaf.ulPropTag = PR_IMPORTANCE;
    and.lpRes.push({ rt: RES_OR, lpRes: [] });
    expect(c.matches(row([p(PR_SUBJECT_W, 'hello')]))).toBe(true);
    expect(c.tags).toEqual([PR_SUBJECT_W]);
  });

  it('copies binary constants', () => {
    const bytes = Uint8Array.of(1, 2);
    const c = compileRestriction(property(RELOP_EQ, PR_ENTRYID, p(PR_ENTRYID, bytes)));
    bytes[0] = 9;
    expect(c.matches(row([p(PR_ENTRYID, Uint8Array.of(1, 2))]))).toBe(true);
  });

  it('reads nothing of the tree while evaluating (a revoked tree still evaluates)', () => {
    const { proxy, revoke } = Proxy.revocable(
      { rt: RES_AND, lpRes: [property(RELOP_EQ, PR_IMPORTANCE, p(PR_IMPORTANCE, 1)), { rt: RES_NOT, lpRes: { rt: RES_EXIST, ulPropTag: CATEGORY } }] },
      {},
    );
    const c = compileRestriction(proxy as SRestriction);
    revoke();
    expect(c.matches(row([p(PR_IMPORTANCE, 1)]))).toBe(true);
    expect(c.matches(row([p(PR_IMPORTANCE, 1), p(CATEGORY, 'x')]))).toBe(false);
  });
});
