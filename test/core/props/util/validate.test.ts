import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FBadColumnSet,
  FBadProp,
  FBadPropTag,
  FBadRestriction,
  FBadRglpszW,
  FBadRow,
  FBadRowSet,
  FBadSortOrderSet,
} from '../../../../src/core/props/util/index.js';
import { GUID } from '../../../../src/core/props/guid.js';
import { MVI_PROP, PROP_TAG } from '../../../../src/core/props/tags.js';
import type { SPropValue } from '../../../../src/core/props/types.js';
import type { SRestriction } from '../../../../src/core/restriction/types.js';
import {
  PR_SUBJECT_W,
  PR_SUBJECT_A,
  PR_IMPORTANCE,
  PR_HASATTACH,
  PR_ENTRYID,
  PR_LOCK_TYPE,
  PR_FORM_CLSID,
  PR_MESSAGE_RECIPIENTS,
  PR_MESSAGE_DELIVERY_TIME,
  PR_REPORT_DISPOSITION_TO_NAMES,
  PR_CONTENTS_SORT_ORDER,
  PR_NULL,
} from '../../../../src/core/generated/proptags.js';
import {
  PT_UNSPECIFIED, PT_NULL, PT_I2, PT_LONG, PT_R4, PT_DOUBLE, PT_CURRENCY, PT_APPTIME, PT_ERROR, PT_BOOLEAN, PT_OBJECT, PT_I8,
  PT_STRING8, PT_UNICODE, PT_SYSTIME, PT_CLSID, PT_BINARY, PT_SVREID, PT_SRESTRICTION, PT_ACTIONS,
} from '../../../../src/core/generated/proptypes.js';
import {
  MV_FLAG, RES_AND, RES_OR, RES_NOT, RES_CONTENT, RES_PROPERTY, RES_COMPAREPROPS, RES_BITMASK, RES_SIZE, RES_EXIST,
  RES_SUBRESTRICTION, RES_COMMENT, RES_COUNT, RELOP_EQ, RELOP_RE, RELOP_MEMBER_OF_DL, BMR_NEZ, FL_SUBSTRING,
  TABLE_SORT_ASCEND, TABLE_SORT_DESCEND, TABLE_SORT_COMBINE, TABLE_SORT_CATEG_MAX, TABLE_SORT_CATEG_MIN,
} from '../../../../src/core/generated/constants.js';
import { anyProp } from './arbitraries.js';

const GOOD_TYPES = [PT_UNSPECIFIED, PT_NULL, PT_I2, PT_LONG, PT_R4, PT_DOUBLE, PT_CURRENCY, PT_APPTIME, PT_ERROR, PT_BOOLEAN, PT_OBJECT, PT_I8, PT_STRING8, PT_UNICODE, PT_SYSTIME, PT_CLSID, PT_BINARY];
const p = (ulPropTag: number, Value: unknown): SPropValue => ({ ulPropTag, Value: Value as SPropValue['Value'] });

describe('FBadPropTag', () => {
  it('accepts exactly the mapidefs.h types, MV_FLAG ignored (Wine test_FBadPropTag, run on Windows)', () => {
    for (let pt = 0; pt < 0xffff; pt++) {
      const good = GOOD_TYPES.includes(pt & ~MV_FLAG & 0xffff);
      expect(FBadPropTag(PROP_TAG(pt, 0x0037)), `type 0x${pt.toString(16)}`).toBe(!good);
    }
  });

  it('rejects the Exchange types, MVI tags and non-numbers', () => {
    for (const t of [PT_SVREID, PT_SRESTRICTION, PT_ACTIONS]) expect(FBadPropTag(PROP_TAG(t, 0x6679))).toBe(true);
    expect(FBadPropTag(MVI_PROP(PR_CONTENTS_SORT_ORDER))).toBe(true);
    for (const bad of [null, undefined, '3', 1.5, NaN, 2 ** 32, {}]) expect(FBadPropTag(bad as number)).toBe(true);
  });

  it('accepts a tag written as a signed number', () => {
    expect(FBadPropTag(0x8001001f | 0)).toBe(false);
  });
});

describe('FBadProp', () => {
  it('accepts valid values of every type', () => {
    const good = [
      p(PR_SUBJECT_W, ''), p(PR_SUBJECT_A, 'x'), p(PR_IMPORTANCE, 1), p(PR_HASATTACH, false), p(PR_ENTRYID, new Uint8Array(0)),
      p(PR_FORM_CLSID, new GUID(new Uint8Array(16))), p(PR_NULL, null), p(PR_MESSAGE_RECIPIENTS, null),
      p(PR_REPORT_DISPOSITION_TO_NAMES, []), p(PROP_TAG(PT_ERROR | MV_FLAG, 1), []), p(PROP_TAG(PT_BOOLEAN | MV_FLAG, 1), [true]),
    ];
    for (const g of good) expect(FBadProp(g), JSON.stringify(g)).toBe(false);
    fc.assert(
      fc.property(anyProp, (q) => {
        expect(FBadProp(q)).toBe(false);
      }),
    );
  });

  it('rejects a Boolean that is not TRUE or FALSE, a binary that is not bytes, and other type mismatches', () => {
    const bad = [
      p(PR_HASATTACH, 1), p(PR_ENTRYID, [1, 2]), p(PR_SUBJECT_W, null), p(PR_IMPORTANCE, 1.5), p(PR_IMPORTANCE, 2 ** 32),
      p(PR_LOCK_TYPE, 40000), p(PR_FORM_CLSID, '{00000000-0000-0000-0000-000000000000}'), p(PR_MESSAGE_DELIVERY_TIME, new Date()),
      p(PR_REPORT_DISPOSITION_TO_NAMES, 'x'), p(PR_REPORT_DISPOSITION_TO_NAMES, ['x', 1]),
      p(PR_REPORT_DISPOSITION_TO_NAMES, ['x', , 'y'] as string[]),
    ];
    for (const b of bad) expect(FBadProp(b), JSON.stringify(b)).toBe(true);
  });

  it('rejects a non-SPropValue and a bad tag', () => {
    for (const b of [null, undefined, 0, 'x', [], {}, { ulPropTag: '3', Value: 1 }, p(PROP_TAG(PT_SRESTRICTION, 1), { rt: RES_EXIST, ulPropTag: 1 })]) {
      expect(FBadProp(b)).toBe(true);
    }
  });
});

describe('FBadRow / FBadRowSet', () => {
  const row = { lpProps: [p(PR_SUBJECT_W, 'x'), p(PR_IMPORTANCE, 1)] };

  it('accepts good rows and row sets, empty ones included', () => {
    expect(FBadRow(row)).toBe(false);
    expect(FBadRow({ lpProps: [] })).toBe(false);
    expect(FBadRowSet([row, row])).toBe(false);
    expect(FBadRowSet([])).toBe(false);
  });

  it('rejects a missing row or row set, missing lpProps and any bad property', () => {
    expect(FBadRow(null)).toBe(true);
    expect(FBadRow({})).toBe(true);
    expect(FBadRow({ lpProps: null })).toBe(true);
    expect(FBadRow({ lpProps: [p(PR_HASATTACH, 'yes')] })).toBe(true);
    expect(FBadRowSet(null)).toBe(true);
    expect(FBadRowSet(row)).toBe(true);
    expect(FBadRowSet([row, { lpProps: [null] }])).toBe(true);
  });
});

describe('FBadRglpszW', () => {
  it('follows native (Wine test_FBadRglpszW): NULL array bad, NULL entries bad, valid strings good', () => {
    expect(FBadRglpszW(null, 10)).toBe(true);
    expect(FBadRglpszW([null, null, null, null], 4)).toBe(true);
    const strs = ['A String', 'A String', 'A String', null];
    expect(FBadRglpszW(strs, 3)).toBe(false);
    expect(FBadRglpszW(strs, 4)).toBe(true);
  });

  it('is FALSE for a zero count and counts the whole array when no count is given', () => {
    expect(FBadRglpszW(null, 0)).toBe(false);
    expect(FBadRglpszW(['a', 'b'])).toBe(false);
    expect(FBadRglpszW(['a', 3])).toBe(true);
  });

  it('is TRUE for a count past the array or a bad count', () => {
    expect(FBadRglpszW(['a'], 2)).toBe(true);
    expect(FBadRglpszW(['a'], -1)).toBe(true);
    expect(FBadRglpszW(['a'], 1.5)).toBe(true);
  });
});

describe('FBadColumnSet', () => {
  it('treats PT_ERROR columns as bad and PT_NULL as good, with native quirks (Wine test_FBadColumnSet)', () => {
    for (let pt = 0; pt < 0xffff; pt++) {
      let good = GOOD_TYPES.includes(pt & ~MV_FLAG & 0xffff) && pt !== PT_ERROR;
      if (pt === (MV_FLAG | PT_ERROR)) good = true;
      expect(FBadColumnSet([PROP_TAG(pt, 0x0037)]), `type 0x${pt.toString(16)}`).toBe(!good);
    }
  });

  it('rejects a missing set and non-numeric tags; accepts an empty set', () => {
    expect(FBadColumnSet(null)).toBe(true);
    expect(FBadColumnSet([PR_SUBJECT_W, 'x'])).toBe(true);
    expect(FBadColumnSet([])).toBe(false);
    expect(FBadColumnSet([PR_SUBJECT_W, PR_NULL])).toBe(false);
  });

  it('rejects MVI_FLAG columns, as native FBadPropTag knows no MV_INSTANCE', () => {
    expect(FBadColumnSet([MVI_PROP(PR_CONTENTS_SORT_ORDER)])).toBe(true);
  });
});

describe('FBadRestriction', () => {
  const prop: SRestriction = { rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_W, 'x') };
  const good: SRestriction[] = [
    prop,
    { rt: RES_AND, lpRes: [prop, { rt: RES_EXIST, ulPropTag: PR_SUBJECT_W }] },
    { rt: RES_OR, lpRes: [] },
    { rt: RES_NOT, lpRes: prop },
    { rt: RES_CONTENT, ulFuzzyLevel: FL_SUBSTRING, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_W, 'x') },
    { rt: RES_COMPAREPROPS, relop: RELOP_RE, ulPropTag1: PR_SUBJECT_W, ulPropTag2: PR_SUBJECT_W },
    { rt: RES_BITMASK, relBMR: BMR_NEZ, ulPropTag: PR_IMPORTANCE, ulMask: 0xffffffff },
    { rt: RES_SIZE, relop: RELOP_EQ, ulPropTag: PR_ENTRYID, cb: 16 },
    { rt: RES_SUBRESTRICTION, ulSubObject: PR_MESSAGE_RECIPIENTS, lpRes: prop },
    { rt: RES_COMMENT, lpProp: [p(PR_SUBJECT_W, 'note')], lpRes: null },
    { rt: RES_COUNT, ulCount: 3, lpRes: prop },
    { rt: RES_PROPERTY, relop: RELOP_MEMBER_OF_DL, ulPropTag: PR_ENTRYID, lpProp: p(PR_ENTRYID, Uint8Array.of(1)) },
    { rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: MVI_PROP(PR_REPORT_DISPOSITION_TO_NAMES), lpProp: p(PR_SUBJECT_W, 'x') },
  ];

  it('accepts every kind of valid restriction', () => {
    for (const r of good) expect(FBadRestriction(r), JSON.stringify(r)).toBe(false);
  });

  it('accepts a sub-restriction shared by two parents', () => {
    expect(FBadRestriction({ rt: RES_AND, lpRes: [prop, prop, { rt: RES_NOT, lpRes: prop }] })).toBe(false);
  });

  it('rejects bad nodes anywhere in the tree', () => {
    const bad: unknown[] = [
      null, undefined, 5, [], {}, { rt: 99 },
      { rt: RES_AND, lpRes: prop },
      { rt: RES_AND, lpRes: [prop, null] },
      { rt: RES_NOT, lpRes: undefined },
      { rt: RES_PROPERTY, relop: 7, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_W, 'x') },
      { rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_W, 5) },
      { rt: RES_CONTENT, ulFuzzyLevel: 'x', ulPropTag: PR_SUBJECT_W, lpProp: p(PR_SUBJECT_W, 'x') },
      { rt: RES_COMPAREPROPS, relop: RELOP_EQ, ulPropTag1: PR_SUBJECT_W, ulPropTag2: PROP_TAG(PT_SVREID, 1) },
      { rt: RES_BITMASK, relBMR: 2, ulPropTag: PR_IMPORTANCE, ulMask: 1 },
      { rt: RES_SIZE, relop: RELOP_EQ, ulPropTag: PR_ENTRYID, cb: -1 },
      { rt: RES_EXIST, ulPropTag: 'x' },
      { rt: RES_SUBRESTRICTION, ulSubObject: PR_MESSAGE_RECIPIENTS, lpRes: null },
      { rt: RES_COMMENT, lpProp: [null], lpRes: null },
      { rt: RES_COUNT, ulCount: -2, lpRes: prop },
      { rt: RES_OR, lpRes: [{ rt: RES_NOT, lpRes: { rt: RES_AND, lpRes: [{ rt: 42 }] } }] },
    ];
    for (const b of bad) expect(FBadRestriction(b), JSON.stringify(b)).toBe(true);
  });

  it('rejects a restriction that contains itself, without overflowing the stack', () => {
    const loop: { rt: number; lpRes: unknown[] } = { rt: RES_AND, lpRes: [] };
    loop.lpRes.push({ rt: RES_NOT, lpRes: loop });
    expect(FBadRestriction(loop)).toBe(true);
    let deep: SRestriction = { rt: RES_EXIST, ulPropTag: PR_SUBJECT_W };
    for (let i = 0; i < 100_000; i++) deep = { rt: RES_NOT, lpRes: deep };
    expect(FBadRestriction(deep)).toBe(false);
  });
});

describe('FBadSortOrderSet', () => {
  const key = (ulPropTag: number, ulOrder: number) => ({ ulPropTag, ulOrder });

  it('accepts valid sort order sets, categories and MVI keys included', () => {
    expect(FBadSortOrderSet({ aSort: [], cCategories: 0, cExpanded: 0 })).toBe(false);
    expect(FBadSortOrderSet({ aSort: [key(PR_SUBJECT_W, TABLE_SORT_ASCEND), key(PR_MESSAGE_DELIVERY_TIME, TABLE_SORT_DESCEND)], cCategories: 1, cExpanded: 1 })).toBe(false);
    expect(FBadSortOrderSet({ aSort: [key(MVI_PROP(PR_REPORT_DISPOSITION_TO_NAMES), TABLE_SORT_ASCEND), key(PR_IMPORTANCE, TABLE_SORT_COMBINE)], cCategories: 1, cExpanded: 0 })).toBe(false);
    expect(FBadSortOrderSet({ aSort: [key(PR_SUBJECT_W, TABLE_SORT_ASCEND | TABLE_SORT_CATEG_MAX)], cCategories: 1, cExpanded: 0 })).toBe(false);
  });

  it('rejects bad structure, counts, tags and orders', () => {
    const bad: unknown[] = [
      null, 3, {}, { aSort: null, cCategories: 0, cExpanded: 0 },
      { aSort: [], cCategories: 1, cExpanded: 0 },
      { aSort: [key(PR_SUBJECT_W, 0)], cCategories: 1, cExpanded: 2 },
      { aSort: [key(PR_SUBJECT_W, 0)], cCategories: -1, cExpanded: 0 },
      { aSort: [null], cCategories: 0, cExpanded: 0 },
      { aSort: [key(PROP_TAG(PT_SVREID, 1), 0)], cCategories: 0, cExpanded: 0 },
      { aSort: [key(PR_SUBJECT_W, 3)], cCategories: 0, cExpanded: 0 },
      { aSort: [key(PR_SUBJECT_W, TABLE_SORT_CATEG_MAX | TABLE_SORT_CATEG_MIN)], cCategories: 1, cExpanded: 0 },
      { aSort: [{ ulPropTag: PR_SUBJECT_W }], cCategories: 0, cExpanded: 0 },
    ];
    for (const b of bad) expect(FBadSortOrderSet(b), JSON.stringify(b)).toBe(true);
  });
});
