import { describe, expect, it } from 'vitest';
import { FPropExists, LpValFindProp, PpropFindProp } from '../../../../src/core/props/util/index.js';
import { CHANGE_PROP_TYPE } from '../../../../src/core/props/tags.js';
import type { IMAPIProp } from '../../../../src/core/props/interfaces.js';
import type { SPropValue } from '../../../../src/core/props/types.js';
import { PR_SUBJECT_W, PR_SUBJECT_A, PR_IMPORTANCE, PR_ENTRYID, PR_RULE_CONDITION, PR_NULL } from '../../../../src/core/generated/proptags.js';
import { PT_UNSPECIFIED, PT_NULL, PT_LONG } from '../../../../src/core/generated/proptypes.js';
import { RES_EXIST } from '../../../../src/core/generated/constants.js';
import { fakeProp } from './fakeProp.js';

const subject: SPropValue = { ulPropTag: PR_SUBJECT_W, Value: 'hi' };
const importance: SPropValue = { ulPropTag: PR_IMPORTANCE, Value: 1 };
const entryid: SPropValue = { ulPropTag: PR_ENTRYID, Value: Uint8Array.of(1, 2) };
const props = [importance, subject, entryid];

describe('PpropFindProp', () => {
  it('finds a property by its whole tag and returns the element itself', () => {
    expect(PpropFindProp(props, PR_SUBJECT_W)).toBe(subject);
    expect(PpropFindProp(props, PR_ENTRYID)).toBe(entryid);
  });

  it('does not match another type of the same identifier', () => {
    expect(PpropFindProp(props, PR_SUBJECT_A)).toBeNull();
  });

  it('matches on the identifier only for a PT_UNSPECIFIED tag', () => {
    expect(PpropFindProp(props, CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_UNSPECIFIED))).toBe(subject);
    expect(PpropFindProp([{ ulPropTag: 0x00010002, Value: 1 }], 0x00000000)).toBeNull();
  });

  it('returns the first match', () => {
    const second: SPropValue = { ulPropTag: PR_IMPORTANCE, Value: 2 };
    expect(PpropFindProp([importance, second], PR_IMPORTANCE)).toBe(importance);
  });

  it('finds properties of Exchange types (PT_SRESTRICTION) in rule rows', () => {
    const cond: SPropValue = { ulPropTag: PR_RULE_CONDITION, Value: { rt: RES_EXIST, ulPropTag: PR_SUBJECT_W } };
    expect(PpropFindProp([importance, cond], PR_RULE_CONDITION)).toBe(cond);
  });

  it('returns null for no array, an empty array, junk elements or a non-numeric tag', () => {
    expect(PpropFindProp(null, PR_SUBJECT_W)).toBeNull();
    expect(PpropFindProp(undefined, PR_SUBJECT_W)).toBeNull();
    expect(PpropFindProp([], PR_SUBJECT_W)).toBeNull();
    expect(PpropFindProp([null, 5, 'x', {}] as unknown as SPropValue[], PR_SUBJECT_W)).toBeNull();
    expect(PpropFindProp('abc' as unknown as SPropValue[], PR_SUBJECT_W)).toBeNull();
    expect(PpropFindProp(props, 'x' as unknown as number)).toBeNull();
  });

  it('matches a tag written as a signed number', () => {
    const named: SPropValue = { ulPropTag: 0x8001001f, Value: 'x' };
    expect(PpropFindProp([named], 0x8001001f | 0)).toBe(named);
  });
});

describe('LpValFindProp', () => {
  it('finds a property by identifier whatever the type (native, Wine test_LpValFindProp)', () => {
    expect(LpValFindProp(PR_SUBJECT_W, props)).toBe(subject);
    expect(LpValFindProp(CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_NULL), props)).toBe(subject);
    expect(LpValFindProp(CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_LONG), props)).toBe(subject);
  });

  it('does not find another identifier', () => {
    expect(LpValFindProp(PR_NULL, props)).toBeNull();
  });

  it('returns null for bad input', () => {
    expect(LpValFindProp(PR_SUBJECT_W, null)).toBeNull();
    expect(LpValFindProp(PR_SUBJECT_W, [undefined] as unknown as SPropValue[])).toBeNull();
    expect(LpValFindProp(undefined as unknown as number, props)).toBeNull();
  });
});

describe('FPropExists', () => {
  it('is TRUE for a tag the object has, FALSE for another type or a missing one', async () => {
    const obj = fakeProp(props);
    expect(await FPropExists(obj, PR_SUBJECT_W)).toBe(true);
    expect(await FPropExists(obj, PR_SUBJECT_A)).toBe(false);
    expect(await FPropExists(obj, PR_NULL)).toBe(false);
  });

  it('matches on the identifier only for a PT_UNSPECIFIED tag', async () => {
    const obj = fakeProp(props);
    expect(await FPropExists(obj, CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_UNSPECIFIED))).toBe(true);
    expect(await FPropExists(obj, CHANGE_PROP_TYPE(PR_NULL, PT_UNSPECIFIED))).toBe(false);
  });

  it('is FALSE when getPropList fails or the object is not an IMAPIProp', async () => {
    expect(await FPropExists(fakeProp(props, { failGetPropList: true }), PR_SUBJECT_W)).toBe(false);
    expect(await FPropExists(null as unknown as IMAPIProp, PR_SUBJECT_W)).toBe(false);
    expect(await FPropExists({} as IMAPIProp, PR_SUBJECT_W)).toBe(false);
    expect(await FPropExists(fakeProp(props), 'x' as unknown as number)).toBe(false);
  });
});
