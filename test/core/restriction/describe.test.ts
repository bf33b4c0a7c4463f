import { describe, expect, it } from 'vitest';
import { describePropTag, describeRestriction, describeValue } from '../../../src/core/restriction/describe.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import { MVI_PROP, PROP_TAG } from '../../../src/core/props/tags.js';
import {
  PR_SUBJECT_W,
  PR_MESSAGE_FLAGS,
  PR_IMPORTANCE,
  PR_SENSITIVITY,
  PR_BODY_W,
  PR_DISPLAY_NAME_W,
  PR_MESSAGE_RECIPIENTS,
  PR_ENTRYID,
  PR_CLIENT_SUBMIT_TIME,
  PR_MESSAGE_DELIVERY_TIME,
} from '../../../src/core/generated/proptags.js';
import { PT_LONG, PT_MV_UNICODE } from '../../../src/core/generated/proptypes.js';
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
  RES_ANNOTATION,
  RES_COUNT,
  RELOP_EQ,
  RELOP_NE,
  RELOP_GE,
  RELOP_LT,
  RELOP_RE,
  RELOP_MEMBER_OF_DL,
  BMR_EQZ,
  BMR_NEZ,
  FL_SUBSTRING,
  FL_PREFIX,
  FL_FULLSTRING,
  FL_IGNORECASE,
  FL_LOOSE,
} from '../../../src/core/generated/constants.js';
import { p } from './helpers.js';

describe('describeRestriction', () => {
  it('writes the example from the brief', () => {
    const res: SRestriction = {
      rt: RES_AND,
      lpRes: [
        { rt: RES_CONTENT, ulFuzzyLevel: FL_SUBSTRING | FL_IGNORECASE, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_W, 'hi') },
        { rt: RES_BITMASK, relBMR: BMR_EQZ, ulPropTag: PR_MESSAGE_FLAGS, ulMask: 1 },
      ],
    };
    expect(describeRestriction(res)).toBe('(PR_SUBJECT CONTAINS[IGNORECASE] "hi" AND PR_MESSAGE_FLAGS & 0x1 == 0)');
  });

  it.each<[SRestriction, string]>([
    [{ rt: RES_OR, lpRes: [] }, '(OR)'],
    [{ rt: RES_NOT, lpRes: { rt: RES_EXIST, ulPropTag: PR_BODY_W } }, 'NOT (EXISTS(PR_BODY))'],
    [{ rt: RES_NOT, lpRes: { rt: RES_OR, lpRes: [{ rt: RES_EXIST, ulPropTag: PR_BODY_W }, { rt: RES_EXIST, ulPropTag: PR_IMPORTANCE }] } }, 'NOT (EXISTS(PR_BODY) OR EXISTS(PR_IMPORTANCE))'],
    [{ rt: RES_PROPERTY, relop: RELOP_GE, ulPropTag: PR_IMPORTANCE, lpProp: p(PR_IMPORTANCE, 2) }, 'PR_IMPORTANCE >= 2'],
    [{ rt: RES_PROPERTY, relop: RELOP_NE, ulPropTag: PR_ENTRYID, lpProp: p(PR_ENTRYID, Uint8Array.of(0xab, 1)) }, 'PR_ENTRYID != <AB01>'],
    [{ rt: RES_PROPERTY, relop: RELOP_RE, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_W, '^Re:') }, 'PR_SUBJECT LIKE "^Re:"'],
    [{ rt: RES_PROPERTY, relop: RELOP_MEMBER_OF_DL, ulPropTag: PR_ENTRYID, lpProp: p(PR_ENTRYID, Uint8Array.of(1)) }, 'PR_ENTRYID MEMBER_OF_DL <01>'],
    [{ rt: RES_PROPERTY, relop: RELOP_LT, ulPropTag: PR_MESSAGE_DELIVERY_TIME, lpProp: p(PR_MESSAGE_DELIVERY_TIME, FILETIME.fromUnixMs(0)) }, 'PR_MESSAGE_DELIVERY_TIME < 1970-01-01T00:00:00.0000000Z'],
    [{ rt: RES_CONTENT, ulFuzzyLevel: FL_PREFIX, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_W, 'a') }, 'PR_SUBJECT STARTSWITH "a"'],
    [{ rt: RES_CONTENT, ulFuzzyLevel: FL_FULLSTRING | FL_LOOSE, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_W, 'a') }, 'PR_SUBJECT IS[LOOSE] "a"'],
    [{ rt: RES_COMPAREPROPS, relop: RELOP_LT, ulPropTag1: PR_CLIENT_SUBMIT_TIME, ulPropTag2: PR_MESSAGE_DELIVERY_TIME }, 'PR_CLIENT_SUBMIT_TIME < PR_MESSAGE_DELIVERY_TIME'],
    [{ rt: RES_BITMASK, relBMR: BMR_NEZ, ulPropTag: PR_MESSAGE_FLAGS, ulMask: 0x80000000 }, 'PR_MESSAGE_FLAGS & 0x80000000 != 0'],
    [{ rt: RES_SIZE, relop: RELOP_GE, ulPropTag: PR_BODY_W, cb: 100 }, 'SIZE(PR_BODY) >= 100'],
    [
      { rt: RES_SUBRESTRICTION, ulSubObject: PR_MESSAGE_RECIPIENTS, lpRes: { rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_DISPLAY_NAME_W, lpProp: p(PR_DISPLAY_NAME_W, 'Sue') } },
      'ANY PR_MESSAGE_RECIPIENTS (PR_DISPLAY_NAME == "Sue")',
    ],
    [{ rt: RES_COMMENT, lpProp: [p(PR_SUBJECT_W, 'x')], lpRes: null }, 'COMMENT[1] TRUE'],
    [{ rt: RES_ANNOTATION, lpProp: [], lpRes: { rt: RES_EXIST, ulPropTag: PR_SENSITIVITY } }, 'ANNOTATION[0] (EXISTS(PR_SENSITIVITY))'],
    [{ rt: RES_COUNT, ulCount: 5, lpRes: { rt: RES_EXIST, ulPropTag: PR_SENSITIVITY } }, 'FIRST 5 (EXISTS(PR_SENSITIVITY))'],
  ])('%#: %s', (res, text) => {
    expect(describeRestriction(res)).toBe(text);
  });

  it('names tags: exact name, identifier name with the type, MVI, hex for named properties', () => {
    expect(describePropTag(PR_IMPORTANCE)).toBe('PR_IMPORTANCE');
    expect(describePropTag(PROP_TAG(PT_LONG, 0x0037))).toBe('PR_SUBJECT:PT_LONG');
    expect(describePropTag(PROP_TAG(PT_MV_UNICODE, 0x8012))).toBe('0x8012101F');
    expect(describePropTag(MVI_PROP(PROP_TAG(PT_MV_UNICODE, 0x8012)))).toBe('MVI(0x8012101F)');
    expect(describePropTag(0x7d7d0003)).toBe('0x7D7D0003');
  });

  it('writes values', () => {
    expect(describeValue(['a', 'b'])).toBe('["a", "b"]');
    expect(describeValue(12n)).toBe('12');
    expect(describeValue(true)).toBe('TRUE');
    expect(describeValue(null)).toBe('NULL');
  });

  it('describes malformed trees instead of throwing', () => {
    const cyclic: { rt: number; lpRes: unknown } = { rt: RES_NOT, lpRes: null };
    cyclic.lpRes = cyclic;
    expect(describeRestriction(cyclic)).toBe('NOT (<cycle>)');
    expect(describeRestriction(null)).toBe('<invalid>');
    expect(describeRestriction({ rt: 77 })).toBe('<rt 77>');
    expect(describeRestriction({ rt: RES_PROPERTY, relop: 9, ulPropTag: 'x' })).toBe('<no tag> RELOP(9) <no value>');
    expect(describeRestriction({ rt: RES_AND, lpRes: [42] })).toBe('(<invalid>)');
  });
});
