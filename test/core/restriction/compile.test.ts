import { describe, expect, it } from 'vitest';
import { compileRestriction } from '../../../src/core/restriction/compile.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import { GUID } from '../../../src/core/props/guid.js';
import { CHANGE_PROP_TYPE, PROP_TAG } from '../../../src/core/props/tags.js';
import {
  PR_SUBJECT_W,
  PR_SUBJECT_A,
  PR_BODY_W,
  PR_IMPORTANCE,
  PR_SENSITIVITY,
  PR_MESSAGE_FLAGS,
  PR_MESSAGE_SIZE,
  PR_HASATTACH,
  PR_ENTRYID,
  PR_SEARCH_KEY,
  PR_MESSAGE_DELIVERY_TIME,
  PR_CLIENT_SUBMIT_TIME,
  PR_LOCK_TYPE,
  PR_DISPLAY_NAME_W,
  PR_EMAIL_ADDRESS_W,
  PR_RECIPIENT_TYPE,
  PR_ATTACH_FILENAME_W,
  PR_MESSAGE_RECIPIENTS,
  PR_MESSAGE_ATTACHMENTS,
  PR_NORMALIZED_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import { PT_CLSID, PT_DOUBLE, PT_I8, PT_UNSPECIFIED } from '../../../src/core/generated/proptypes.js';
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
  RELOP_LT,
  RELOP_LE,
  RELOP_GT,
  RELOP_GE,
  RELOP_EQ,
  RELOP_NE,
  RELOP_RE,
  RELOP_MEMBER_OF_DL,
  BMR_EQZ,
  BMR_NEZ,
  FL_FULLSTRING,
  FL_SUBSTRING,
  FL_PREFIX,
  FL_IGNORECASE,
  FL_IGNORENONSPACE,
  FL_LOOSE,
  MAPI_TO,
  MAPI_CC,
} from '../../../src/core/generated/constants.js';
import { p, row } from './helpers.js';

const prop = (relop: number, ulPropTag: number, value: SPropValue['Value'], constTag = ulPropTag): SRestriction => ({
  rt: RES_PROPERTY,
  relop,
  ulPropTag,
  lpProp: p(constTag, value),
});
const content = (ulFuzzyLevel: number, ulPropTag: number, value: string | Uint8Array, constTag = ulPropTag): SRestriction => ({
  rt: RES_CONTENT,
  ulFuzzyLevel,
  ulPropTag,
  lpProp: p(constTag, value),
});
const exist = (ulPropTag: number): SRestriction => ({ rt: RES_EXIST, ulPropTag });
const matches = (res: SRestriction, props: Parameters<typeof row>[0], subs?: Parameters<typeof row>[1]) => compileRestriction(res).matches(row(props, subs));

describe('compileRestriction: RES_PROPERTY (spropertyrestriction.md)', () => {
  const imp = (v: number) => [p(PR_IMPORTANCE, v)];
  it.each([
    ['RELOP_LT', RELOP_LT, [true, false, false]],
    ['RELOP_LE', RELOP_LE, [true, true, false]],
    ['RELOP_GT', RELOP_GT, [false, false, true]],
    ['RELOP_GE', RELOP_GE, [false, true, true]],
    ['RELOP_EQ', RELOP_EQ, [false, true, false]],
    ['RELOP_NE', RELOP_NE, [true, false, true]],
  ])('%s compares (property value) relop (constant)', (_name, relop, expected) => {
    const c = compileRestriction(prop(relop, PR_IMPORTANCE, 1));
    expect([0, 1, 2].map((v) => c.matches(row(imp(v))))).toEqual(expected);
  });

  it('compares each type with FPropCompareProp', () => {
    expect(matches(prop(RELOP_EQ, PR_HASATTACH, true), [p(PR_HASATTACH, true)])).toBe(true);
    expect(matches(prop(RELOP_LT, PR_HASATTACH, true), [p(PR_HASATTACH, false)])).toBe(true);
    expect(matches(prop(RELOP_GT, PR_MESSAGE_DELIVERY_TIME, new FILETIME(10n)), [p(PR_MESSAGE_DELIVERY_TIME, new FILETIME(11n))])).toBe(true);
    expect(matches(prop(RELOP_EQ, PR_ENTRYID, Uint8Array.of(1, 2)), [p(PR_ENTRYID, Uint8Array.of(1, 2))])).toBe(true);
    expect(matches(prop(RELOP_LT, PR_ENTRYID, Uint8Array.of(1, 2)), [p(PR_ENTRYID, Uint8Array.of(1))])).toBe(true);
    const big = CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_I8);
    expect(matches(prop(RELOP_GT, big, 2n ** 40n), [p(big, 2n ** 41n)])).toBe(true);
    const dbl = CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_DOUBLE);
    expect(matches(prop(RELOP_LE, dbl, 1.5), [p(dbl, 1.5)])).toBe(true);
    const clsid = CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_CLSID);
    const g = GUID.parse('{00020D0B-0000-0000-C000-000000000046}');
    expect(matches(prop(RELOP_EQ, clsid, g), [p(clsid, g)])).toBe(true);
  });

  it('compares strings case-sensitively, as lstrcmp', () => {
    expect(matches(prop(RELOP_EQ, PR_SUBJECT_W, 'Hi'), [p(PR_SUBJECT_W, 'Hi')])).toBe(true);
    expect(matches(prop(RELOP_EQ, PR_SUBJECT_W, 'hi'), [p(PR_SUBJECT_W, 'Hi')])).toBe(false);
    expect(matches(prop(RELOP_LT, PR_SUBJECT_W, 'b'), [p(PR_SUBJECT_W, 'A')])).toBe(true);
  });

  it('treats a PT_LONG written unsigned as the same LONG', () => {
    expect(matches(prop(RELOP_EQ, PR_MESSAGE_FLAGS, 0xffffffff), [p(PR_MESSAGE_FLAGS, -1)])).toBe(true);
  });

  it('RELOP_RE matches the string against a regular expression, anywhere in it', () => {
    const c = compileRestriction(prop(RELOP_RE, PR_SUBJECT_W, '^Re: .*report'));
    expect(c.matches(row([p(PR_SUBJECT_W, 'Re: weekly report')]))).toBe(true);
    expect(c.matches(row([p(PR_SUBJECT_W, 'Fw: Re: weekly report')]))).toBe(false);
    expect(matches(prop(RELOP_RE, PR_SUBJECT_W, 'port'), [p(PR_SUBJECT_W, 'report')])).toBe(true);
  });

  it('ignores the identifier of the constant: only its type matters', () => {
    expect(matches(prop(RELOP_EQ, PR_SUBJECT_W, 'x', PR_BODY_W), [p(PR_SUBJECT_W, 'x')])).toBe(true);
  });

  it('RELOP_MEMBER_OF_DL asks the address book through isMemberOfDL', () => {
    const dl = Uint8Array.of(9);
    const res = prop(RELOP_MEMBER_OF_DL, PR_ENTRYID, dl);
    const seen: [number[], number[]][] = [];
    const c = compileRestriction(res, {
      isMemberOfDL: (e, d) => {
        seen.push([[...e], [...d]]);
        return e[0] === 1;
      },
    });
    expect(c.matches(row([p(PR_ENTRYID, Uint8Array.of(1))]))).toBe(true);
    expect(c.matches(row([p(PR_ENTRYID, Uint8Array.of(2))]))).toBe(false);
    expect(seen).toEqual([[[1], [9]], [[2], [9]]]);
  });
});

describe('compileRestriction: RES_CONTENT (scontentrestriction.md)', () => {
  const subject = [p(PR_SUBJECT_W, 'Quarterly Résumé review')];
  it.each([
    ['FL_FULLSTRING exact', FL_FULLSTRING, 'Quarterly Résumé review', true],
    ['FL_FULLSTRING partial', FL_FULLSTRING, 'Quarterly', false],
    ['FL_SUBSTRING', FL_SUBSTRING, 'Résumé', true],
    ['FL_SUBSTRING other case', FL_SUBSTRING, 'résumé', false],
    ['FL_SUBSTRING | FL_IGNORECASE', FL_SUBSTRING | FL_IGNORECASE, 'RÉSUMÉ', true],
    ['FL_SUBSTRING | FL_IGNORENONSPACE', FL_SUBSTRING | FL_IGNORENONSPACE, 'Resume', true],
    ['FL_SUBSTRING | FL_IGNORENONSPACE keeps case', FL_SUBSTRING | FL_IGNORENONSPACE, 'resume', false],
    ['FL_SUBSTRING | FL_LOOSE', FL_SUBSTRING | FL_LOOSE, 'RESUME-REVIEW', true],
    ['FL_PREFIX', FL_PREFIX, 'Quarter', true],
    ['FL_PREFIX not at start', FL_PREFIX, 'Résumé', false],
    ['FL_PREFIX | FL_IGNORECASE', FL_PREFIX | FL_IGNORECASE, 'quarterly r', true],
    ['FL_FULLSTRING | FL_IGNORECASE', FL_FULLSTRING | FL_IGNORECASE, 'QUARTERLY RÉSUMÉ REVIEW', true],
  ])('%s', (_name, level, needle, expected) => {
    expect(matches(content(level, PR_SUBJECT_W, needle), subject)).toBe(expected);
  });

  it('searches binaries byte-wise; the high word does not apply to them', () => {
    const bin = [p(PR_SEARCH_KEY, Uint8Array.of(1, 2, 3, 0x41))];
    expect(matches(content(FL_SUBSTRING, PR_SEARCH_KEY, Uint8Array.of(2, 3)), bin)).toBe(true);
    expect(matches(content(FL_PREFIX, PR_SEARCH_KEY, Uint8Array.of(1, 2)), bin)).toBe(true);
    expect(matches(content(FL_FULLSTRING, PR_SEARCH_KEY, Uint8Array.of(1, 2, 3, 0x41)), bin)).toBe(true);
    expect(matches(content(FL_SUBSTRING | FL_IGNORECASE, PR_SEARCH_KEY, Uint8Array.of(0x61)), bin)).toBe(false);
  });

  it('ignores high-word flags it does not know (scontentrestriction.md: no error)', () => {
    expect(matches(content(FL_SUBSTRING | 0x00100000, PR_SUBJECT_W, 'review'), subject)).toBe(true);
  });
});

describe('compileRestriction: RES_COMPAREPROPS (scomparepropsrestriction.md)', () => {
  const times = (a: bigint, b: bigint) => [p(PR_CLIENT_SUBMIT_TIME, new FILETIME(a)), p(PR_MESSAGE_DELIVERY_TIME, new FILETIME(b))];
  it.each([
    [RELOP_LT, [true, false, false]],
    [RELOP_LE, [true, true, false]],
    [RELOP_GT, [false, false, true]],
    [RELOP_GE, [false, true, true]],
    [RELOP_EQ, [false, true, false]],
    [RELOP_NE, [true, false, true]],
  ])('relop %i compares (property 1) relop (property 2)', (relop, expected) => {
    const c = compileRestriction({ rt: RES_COMPAREPROPS, relop, ulPropTag1: PR_CLIENT_SUBMIT_TIME, ulPropTag2: PR_MESSAGE_DELIVERY_TIME });
    expect([0n, 1n, 2n].map((t) => c.matches(row(times(t, 1n))))).toEqual(expected);
  });

  it('RELOP_RE uses property 2 as the pattern', () => {
    const res: SRestriction = { rt: RES_COMPAREPROPS, relop: RELOP_RE, ulPropTag1: PR_SUBJECT_W, ulPropTag2: PR_NORMALIZED_SUBJECT_W };
    expect(matches(res, [p(PR_SUBJECT_W, 'RE: lunch'), p(PR_NORMALIZED_SUBJECT_W, 'lunch$')])).toBe(true);
    expect(matches(res, [p(PR_SUBJECT_W, 'RE: lunch?'), p(PR_NORMALIZED_SUBJECT_W, 'lunch$')])).toBe(false);
  });

  it('reads PT_STRING8 against PT_UNICODE as getProps would', () => {
    const res: SRestriction = { rt: RES_COMPAREPROPS, relop: RELOP_EQ, ulPropTag1: PR_SUBJECT_W, ulPropTag2: CHANGE_PROP_TYPE(PR_NORMALIZED_SUBJECT_W, 0x1e) };
    expect(matches(res, [p(PR_SUBJECT_W, 'lunch'), p(PR_NORMALIZED_SUBJECT_W, 'lunch')])).toBe(true);
    // Read as PT_STRING8 through code page 1252, U+4E2D becomes '?'.
    expect(matches(res, [p(PR_SUBJECT_W, '?'), p(PR_NORMALIZED_SUBJECT_W, '\u4e2d')])).toBe(true);
  });
});

describe('compileRestriction: RES_BITMASK (sbitmaskrestriction.md)', () => {
  it.each([
    [BMR_EQZ, 0x1, 0x2, true],
    [BMR_EQZ, 0x1, 0x3, false],
    [BMR_NEZ, 0x1, 0x3, true],
    [BMR_NEZ, 0x5, 0x2, false],
    [BMR_NEZ, 0x80000000, -1, true],
  ])('relBMR %i, mask 0x%s on %i → %s', (relBMR, ulMask, value, expected) => {
    expect(matches({ rt: RES_BITMASK, relBMR, ulPropTag: PR_MESSAGE_FLAGS, ulMask }, [p(PR_MESSAGE_FLAGS, value)])).toBe(expected);
  });

  it('applies to PT_I2, sign-extended like a C SHORT', () => {
    const res: SRestriction = { rt: RES_BITMASK, relBMR: BMR_NEZ, ulPropTag: PR_LOCK_TYPE, ulMask: 0x10000 };
    expect(matches(res, [p(PR_LOCK_TYPE, -1)])).toBe(true);
    expect(matches(res, [p(PR_LOCK_TYPE, 1)])).toBe(false);
  });
});

describe('compileRestriction: RES_SIZE (ssizerestriction.md)', () => {
  it.each([
    [RELOP_LT, 13, true],
    [RELOP_LT, 12, false],
    [RELOP_LE, 12, true],
    [RELOP_LE, 11, false],
    [RELOP_GT, 11, true],
    [RELOP_GT, 12, false],
    [RELOP_GE, 12, true],
    [RELOP_GE, 13, false],
    [RELOP_EQ, 12, true],
    [RELOP_EQ, 10, false],
    [RELOP_NE, 10, true],
    [RELOP_NE, 12, false],
  ])('relop %i against cb %i', (relop, cb, expected) => {
    // UlPropSize of a 5-character PT_UNICODE: (5 + 1) * 2 = 12 bytes.
    expect(matches({ rt: RES_SIZE, relop, ulPropTag: PR_SUBJECT_W, cb }, [p(PR_SUBJECT_W, 'hello')])).toBe(expected);
  });

  it('measures as the tag reads: a PT_STRING8 tag counts one byte a character', () => {
    expect(matches({ rt: RES_SIZE, relop: RELOP_EQ, ulPropTag: PR_SUBJECT_A, cb: 6 }, [p(PR_SUBJECT_W, 'hello')])).toBe(true);
    expect(matches({ rt: RES_SIZE, relop: RELOP_EQ, ulPropTag: PR_MESSAGE_SIZE, cb: 4 }, [p(PR_MESSAGE_SIZE, 123456)])).toBe(true);
    expect(matches({ rt: RES_SIZE, relop: RELOP_EQ, ulPropTag: PR_ENTRYID, cb: 3 }, [p(PR_ENTRYID, Uint8Array.of(1, 2, 3))])).toBe(true);
  });
});

describe('compileRestriction: RES_EXIST (sexistrestriction.md)', () => {
  it('is TRUE when the property has a value, whatever the value', () => {
    expect(matches(exist(PR_SUBJECT_W), [p(PR_SUBJECT_W, '')])).toBe(true);
    expect(matches(exist(PR_SUBJECT_W), [p(PR_IMPORTANCE, 1)])).toBe(false);
    expect(matches(exist(PR_HASATTACH), [p(PR_HASATTACH, false)])).toBe(true);
  });

  it('reads as getProps does: PT_STRING8 and PT_UNICODE tags see each other, other types do not', () => {
    expect(matches(exist(PR_SUBJECT_A), [p(PR_SUBJECT_W, 'x')])).toBe(true);
    expect(matches(exist(CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_UNSPECIFIED)), [p(PR_SUBJECT_W, 'x')])).toBe(true);
    expect(matches(exist(CHANGE_PROP_TYPE(PR_SUBJECT_W, 0x3)), [p(PR_SUBJECT_W, 'x')])).toBe(false);
  });

  it('is FALSE for a PT_ERROR cell (a table row without the column)', () => {
    expect(matches(exist(PR_SUBJECT_W), [p(CHANGE_PROP_TYPE(PR_SUBJECT_W, 0xa), 0x8004010f)])).toBe(false);
  });
});

describe('compileRestriction: RES_AND, RES_OR, RES_NOT', () => {
  const isOne: SRestriction = prop(RELOP_EQ, PR_IMPORTANCE, 1);
  const high: SRestriction = prop(RELOP_GE, PR_SENSITIVITY, 2);
  const props = (imp: number, sens: number) => [p(PR_IMPORTANCE, imp), p(PR_SENSITIVITY, sens)];
  it('RES_AND is TRUE when every child is (sandrestriction.md), and for no children', () => {
    const c = compileRestriction({ rt: RES_AND, lpRes: [isOne, high] });
    expect([c.matches(row(props(1, 2))), c.matches(row(props(1, 1))), c.matches(row(props(0, 2)))]).toEqual([true, false, false]);
    expect(matches({ rt: RES_AND, lpRes: [] }, [])).toBe(true);
  });
  it('RES_OR is TRUE when any child is, and FALSE for no children', () => {
    const c = compileRestriction({ rt: RES_OR, lpRes: [isOne, high] });
    expect([c.matches(row(props(1, 0))), c.matches(row(props(0, 3))), c.matches(row(props(0, 0)))]).toEqual([true, true, false]);
    expect(matches({ rt: RES_OR, lpRes: [] }, [])).toBe(false);
  });
  it('RES_NOT negates', () => {
    expect(matches({ rt: RES_NOT, lpRes: isOne }, props(1, 0))).toBe(false);
    expect(matches({ rt: RES_NOT, lpRes: isOne }, props(2, 0))).toBe(true);
  });
});

describe('compileRestriction: RES_COMMENT and RES_ANNOTATION (scommentrestriction.md)', () => {
  const comment = [p(PROP_TAG(0x1f, 0x8001), 'named property name')];
  it('evaluates the restriction the comment carries', () => {
    const res: SRestriction = { rt: RES_COMMENT, lpProp: comment, lpRes: prop(RELOP_EQ, PR_IMPORTANCE, 1) };
    expect(matches(res, [p(PR_IMPORTANCE, 1)])).toBe(true);
    expect(matches(res, [p(PR_IMPORTANCE, 2)])).toBe(false);
  });
  it('matches every row when it carries none', () => {
    expect(matches({ rt: RES_COMMENT, lpProp: comment, lpRes: null }, [])).toBe(true);
    expect(matches({ rt: RES_ANNOTATION, lpProp: comment, lpRes: null }, [])).toBe(true);
    expect(matches({ rt: RES_ANNOTATION, lpProp: [], lpRes: exist(PR_IMPORTANCE) }, [])).toBe(false);
  });
  it('does not read the comment values', () => {
    expect(compileRestriction({ rt: RES_COMMENT, lpProp: comment, lpRes: exist(PR_IMPORTANCE) }).tags).toEqual([PR_IMPORTANCE]);
  });
});

describe('compileRestriction: RES_SUBRESTRICTION (ssubrestriction.md)', () => {
  const toSue: SRestriction = {
    rt: RES_SUBRESTRICTION,
    ulSubObject: PR_MESSAGE_RECIPIENTS,
    lpRes: {
      rt: RES_AND,
      lpRes: [content(FL_SUBSTRING | FL_IGNORECASE, PR_DISPLAY_NAME_W, 'sue'), prop(RELOP_EQ, PR_RECIPIENT_TYPE, MAPI_TO)],
    },
  };
  const rcpt = (name: string, type: number) => [p(PR_DISPLAY_NAME_W, name), p(PR_RECIPIENT_TYPE, type), p(PR_EMAIL_ADDRESS_W, `${name}@x`)];

  it('matches a message when any recipient row matches', () => {
    const c = compileRestriction(toSue);
    expect(c.matches(row([], { recipients: [rcpt('Sam', MAPI_TO), rcpt('Sue Smith', MAPI_TO)] }))).toBe(true);
    expect(c.matches(row([], { recipients: [rcpt('Sam', MAPI_TO), rcpt('Sue Smith', MAPI_CC)] }))).toBe(false);
    expect(c.matches(row([], { recipients: [] }))).toBe(false);
    expect(c.matches(row([]))).toBe(false);
  });

  it('reads the message properties and the attachment rows separately', () => {
    const res: SRestriction = {
      rt: RES_AND,
      lpRes: [
        prop(RELOP_EQ, PR_HASATTACH, true),
        { rt: RES_SUBRESTRICTION, ulSubObject: PR_MESSAGE_ATTACHMENTS, lpRes: content(FL_SUBSTRING, PR_ATTACH_FILENAME_W, '.pdf') },
      ],
    };
    const c = compileRestriction(res);
    expect(c.matches(row([p(PR_HASATTACH, true)], { attachments: [[p(PR_ATTACH_FILENAME_W, 'a.doc')], [p(PR_ATTACH_FILENAME_W, 'b.pdf')]] }))).toBe(true);
    expect(c.matches(row([p(PR_HASATTACH, true)], { attachments: [[p(PR_ATTACH_FILENAME_W, 'a.doc')]], recipients: [[p(PR_ATTACH_FILENAME_W, 'b.pdf')]] }))).toBe(false);
    // Sub-object properties are not the row's: only the sub-object tag is tracked.
    expect(c.tags).toEqual([PR_HASATTACH, PR_MESSAGE_ATTACHMENTS]);
  });

  it('counts a RES_COUNT inside per message, without making the restriction stateful', () => {
    const res: SRestriction = { rt: RES_SUBRESTRICTION, ulSubObject: PR_MESSAGE_RECIPIENTS, lpRes: { rt: RES_COUNT, ulCount: 1, lpRes: exist(PR_DISPLAY_NAME_W) } };
    const c = compileRestriction(res);
    expect(c.stateful).toBe(false);
    const msg = row([], { recipients: [rcpt('a', MAPI_TO), rcpt('b', MAPI_TO)] });
    expect([c.matches(msg), c.matches(msg)]).toEqual([true, true]);
  });
});

describe('compileRestriction: RES_COUNT (scountrestriction.md)', () => {
  const rows = [1, 2, 1, 1, 2, 1].map((v) => row([p(PR_IMPORTANCE, v)]));
  it('matches at most ulCount rows per pass, and reset() starts a new pass', () => {
    const c = compileRestriction({ rt: RES_COUNT, ulCount: 2, lpRes: prop(RELOP_EQ, PR_IMPORTANCE, 1) });
    expect(c.stateful).toBe(true);
    expect(rows.map((r) => c.matches(r))).toEqual([true, false, true, false, false, false]);
    expect(rows.map((r) => c.matches(r))).toEqual([false, false, false, false, false, false]);
    c.reset();
    expect(rows.map((r) => c.matches(r))).toEqual([true, false, true, false, false, false]);
  });
  it('ulCount 0 matches nothing; under RES_NOT, the rows past the count match', () => {
    expect(compileRestriction({ rt: RES_COUNT, ulCount: 0, lpRes: { rt: RES_AND, lpRes: [] } }).matches(row([]))).toBe(false);
    const c = compileRestriction({ rt: RES_NOT, lpRes: { rt: RES_COUNT, ulCount: 1, lpRes: prop(RELOP_EQ, PR_IMPORTANCE, 1) } });
    expect(rows.map((r) => c.matches(r))).toEqual([false, true, true, true, true, true]);
  });
  it('is not stateful without RES_COUNT', () => {
    const c = compileRestriction(prop(RELOP_EQ, PR_IMPORTANCE, 1));
    expect(c.stateful).toBe(false);
    c.reset();
  });
});

describe('compileRestriction: tags', () => {
  it('lists each property tag read, once, in the order met', () => {
    const c = compileRestriction({
      rt: RES_OR,
      lpRes: [
        prop(RELOP_EQ, PR_IMPORTANCE, 1),
        { rt: RES_NOT, lpRes: exist(PR_SUBJECT_W) },
        { rt: RES_COMPAREPROPS, relop: RELOP_EQ, ulPropTag1: PR_IMPORTANCE, ulPropTag2: PR_SENSITIVITY },
        { rt: RES_BITMASK, relBMR: BMR_EQZ, ulPropTag: PR_MESSAGE_FLAGS, ulMask: 1 },
        { rt: RES_SIZE, relop: RELOP_GT, ulPropTag: PR_BODY_W, cb: 10 },
      ],
    });
    expect(c.tags).toEqual([PR_IMPORTANCE, PR_SUBJECT_W, PR_SENSITIVITY, PR_MESSAGE_FLAGS, PR_BODY_W]);
  });
});
