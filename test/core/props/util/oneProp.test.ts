import { describe, expect, it } from 'vitest';
import { HrGetOneProp, HrSetOneProp } from '../../../../src/core/props/util/index.js';
import { CHANGE_PROP_TYPE } from '../../../../src/core/props/tags.js';
import type { IMAPIProp } from '../../../../src/core/props/interfaces.js';
import type { SPropValue } from '../../../../src/core/props/types.js';
import { MapiError } from '../../../../src/core/errors/MapiError.js';
import { PR_SUBJECT_W, PR_BODY_W, PR_IMPORTANCE, PR_MESSAGE_SIZE } from '../../../../src/core/generated/proptags.js';
import { PT_UNSPECIFIED } from '../../../../src/core/generated/proptypes.js';
import {
  MAPI_E_COMPUTED,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NOT_ENOUGH_MEMORY,
  MAPI_E_NOT_FOUND,
  MAPI_E_NO_ACCESS,
} from '../../../../src/core/generated/scodes.js';
import { fakeProp } from './fakeProp.js';

async function scodeOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(MapiError);
    return (e as MapiError).scode;
  }
  throw new Error('expected a rejection');
}

describe('HrGetOneProp', () => {
  it('resolves to the property', async () => {
    const obj = fakeProp([{ ulPropTag: PR_SUBJECT_W, Value: 'hi' }]);
    expect(await HrGetOneProp(obj, PR_SUBJECT_W)).toEqual({ ulPropTag: PR_SUBJECT_W, Value: 'hi' });
  });

  it('resolves a PT_UNSPECIFIED tag to the stored type', async () => {
    const obj = fakeProp([{ ulPropTag: PR_SUBJECT_W, Value: 'hi' }]);
    expect((await HrGetOneProp(obj, CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_UNSPECIFIED))).ulPropTag).toBe(PR_SUBJECT_W);
  });

  it('rejects with MAPI_E_NOT_FOUND for a missing property, never a warning', async () => {
    expect(await scodeOf(HrGetOneProp(fakeProp([]), PR_SUBJECT_W))).toBe(MAPI_E_NOT_FOUND);
  });

  it('rejects with the scode of a PT_ERROR result (MAPI_E_NOT_ENOUGH_MEMORY for a large body)', async () => {
    const obj = fakeProp([], { errors: new Map([[PR_BODY_W, MAPI_E_NOT_ENOUGH_MEMORY]]) });
    expect(await scodeOf(HrGetOneProp(obj, PR_BODY_W))).toBe(MAPI_E_NOT_ENOUGH_MEMORY);
  });

  it('rejects with MAPI_E_NOT_FOUND when getProps returns nothing', async () => {
    const obj = { ...fakeProp([]), getProps: async () => [] } as IMAPIProp;
    expect(await scodeOf(HrGetOneProp(obj, PR_SUBJECT_W))).toBe(MAPI_E_NOT_FOUND);
  });

  it('passes on a rejection of getProps', async () => {
    const obj = { ...fakeProp([]), getProps: () => Promise.reject(new MapiError(MAPI_E_NO_ACCESS)) } as IMAPIProp;
    expect(await scodeOf(HrGetOneProp(obj, PR_SUBJECT_W))).toBe(MAPI_E_NO_ACCESS);
  });

  it('rejects bad arguments with MAPI_E_INVALID_PARAMETER', async () => {
    expect(await scodeOf(HrGetOneProp(null as unknown as IMAPIProp, PR_SUBJECT_W))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(HrGetOneProp({} as IMAPIProp, PR_SUBJECT_W))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(HrGetOneProp(fakeProp([]), 'x' as unknown as number))).toBe(MAPI_E_INVALID_PARAMETER);
  });
});

describe('HrSetOneProp', () => {
  it('sets the property', async () => {
    const obj = fakeProp([]);
    await HrSetOneProp(obj, { ulPropTag: PR_IMPORTANCE, Value: 2 });
    expect(obj.stored).toEqual([{ ulPropTag: PR_IMPORTANCE, Value: 2 }]);
  });

  it('turns a problem in the problem array into a rejection with its scode', async () => {
    const obj = fakeProp([], { readOnly: new Map([[PR_MESSAGE_SIZE, MAPI_E_COMPUTED]]) });
    expect(await scodeOf(HrSetOneProp(obj, { ulPropTag: PR_MESSAGE_SIZE, Value: 5 }))).toBe(MAPI_E_COMPUTED);
  });

  it('passes on a rejection of setProps', async () => {
    const obj = { ...fakeProp([]), setProps: () => Promise.reject(new MapiError(MAPI_E_NO_ACCESS)) } as IMAPIProp;
    expect(await scodeOf(HrSetOneProp(obj, { ulPropTag: PR_IMPORTANCE, Value: 2 }))).toBe(MAPI_E_NO_ACCESS);
  });

  it('rejects bad arguments with MAPI_E_INVALID_PARAMETER', async () => {
    expect(await scodeOf(HrSetOneProp(undefined as unknown as IMAPIProp, { ulPropTag: PR_IMPORTANCE, Value: 2 }))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(HrSetOneProp(fakeProp([]), null as unknown as SPropValue))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(HrSetOneProp(fakeProp([]), 7 as unknown as SPropValue))).toBe(MAPI_E_INVALID_PARAMETER);
  });
});
