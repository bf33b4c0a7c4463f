import { describe, expect, it } from 'vitest';
import { CreateIProp } from '../../../src/core/props/PropData.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { PROP_TAG } from '../../../src/core/props/tags.js';
import { PR_SUBJECT_W, PR_IMPORTANCE, PR_BODY_W, PR_MESSAGE_ATTACHMENTS } from '../../../src/core/generated/proptags.js';
import { PT_UNSPECIFIED } from '../../../src/core/generated/proptypes.js';
import { IPROP_CLEAN, IPROP_DIRTY, IPROP_READONLY, IPROP_READWRITE, MNID_STRING } from '../../../src/core/generated/constants.js';
import { IID_IMAPIPropData, IID_IMessage, IID_IMAPIProp, PS_PUBLIC_STRINGS } from '../../../src/core/generated/guids.js';
import {
  MAPI_E_INTERFACE_NOT_SUPPORTED,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_INVALID_TYPE,
  MAPI_E_NO_ACCESS,
  MAPI_E_NO_SUPPORT,
} from '../../../src/core/generated/scodes.js';

const scodeOf = (p: Promise<unknown>) => p.then(() => 0, (e: unknown) => (e as MapiError).scode);

describe('CreateIProp', () => {
  it('accepts null or IID_IMAPIPropData and refuses other interfaces', () => {
    expect(CreateIProp(null)).toBeTruthy();
    expect(CreateIProp(IID_IMAPIPropData)).toBeTruthy();
    expect(() => CreateIProp(IID_IMessage)).toThrow(MapiError);
    try {
      CreateIProp(IID_IMessage);
    } catch (e) {
      expect((e as MapiError).scode).toBe(MAPI_E_INTERFACE_NOT_SUPPORTED);
    }
  });

  it('answers queryInterface for IMAPIProp and IMAPIPropData', async () => {
    const p = CreateIProp();
    expect(await p.queryInterface(IID_IMAPIProp)).toBe(p);
    expect(await p.queryInterface(IID_IMAPIPropData)).toBe(p);
  });

  it('has no PR_OBJECT_TYPE of its own and no named properties', async () => {
    const p = CreateIProp();
    expect(await p.getPropList()).toEqual([]);
    expect(await scodeOf(p.getIDsFromNames([{ lpguid: PS_PUBLIC_STRINGS, ulKind: MNID_STRING, lpwstrName: 'x' }], 0))).toBe(MAPI_E_NO_SUPPORT);
  });
});

describe('IPropData.hrSetObjAccess', () => {
  it('makes the object read-only and back', async () => {
    const p = CreateIProp();
    await p.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 's' }]);
    await p.hrSetObjAccess(IPROP_READONLY);
    expect(await scodeOf(p.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 't' }]))).toBe(MAPI_E_NO_ACCESS);
    expect(await scodeOf(p.deleteProps([PR_SUBJECT_W]))).toBe(MAPI_E_NO_ACCESS);
    await p.hrSetObjAccess(IPROP_READWRITE);
    await p.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 't' }]);
  });

  it('rejects other values', async () => {
    expect(await scodeOf(CreateIProp().hrSetObjAccess(3))).toBe(MAPI_E_INVALID_PARAMETER);
  });
});

describe('IPropData.hrSetPropAccess / hrGetPropAccess', () => {
  it('marks a property read-only: setProps and deleteProps report MAPI_E_NO_ACCESS problems', async () => {
    const p = CreateIProp();
    await p.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 's' }, { ulPropTag: PR_IMPORTANCE, Value: 1 }]);
    await p.hrSetPropAccess([PR_SUBJECT_W], [IPROP_READONLY | IPROP_CLEAN]);
    expect(await p.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'x' }, { ulPropTag: PR_IMPORTANCE, Value: 2 }])).toEqual([
      { ulIndex: 0, ulPropTag: PR_SUBJECT_W, scode: MAPI_E_NO_ACCESS },
    ]);
    expect(await p.deleteProps([PR_SUBJECT_W])).toEqual([{ ulIndex: 0, ulPropTag: PR_SUBJECT_W, scode: MAPI_E_NO_ACCESS }]);
    expect((await p.getProps([PR_SUBJECT_W, PR_IMPORTANCE])).map((v) => v.Value)).toEqual(['s', 2]);
  });

  it('rejects invalid access combinations', async () => {
    const p = CreateIProp();
    await p.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 's' }]);
    expect(await scodeOf(p.hrSetPropAccess([PR_SUBJECT_W], [IPROP_READONLY | IPROP_READWRITE]))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(p.hrSetPropAccess([PR_SUBJECT_W], [IPROP_READONLY]))).toBe(MAPI_E_INVALID_PARAMETER);
  });

  it('reports IPROP_DIRTY for modified properties and lists deleted ones', async () => {
    const p = CreateIProp();
    await p.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 's' }, { ulPropTag: PR_IMPORTANCE, Value: 1 }]);
    await p.hrSetPropAccess([PR_SUBJECT_W, PR_IMPORTANCE], [IPROP_READWRITE | IPROP_CLEAN, IPROP_READWRITE | IPROP_CLEAN]);
    await p.setProps([{ ulPropTag: PR_IMPORTANCE, Value: 2 }]);
    await p.deleteProps([PR_SUBJECT_W]);
    const all = await p.hrGetPropAccess(null);
    expect(all).toEqual({ propTags: [PR_IMPORTANCE, PR_SUBJECT_W], access: [IPROP_DIRTY, IPROP_DIRTY] });
    const some = await p.hrGetPropAccess([PR_SUBJECT_W, PR_IMPORTANCE, PR_BODY_W]);
    expect(some.propTags).toEqual([0, PR_IMPORTANCE, 0]);
  });
});

describe('IPropData.hrAddObjProps', () => {
  it('adds PT_OBJECT tags to getPropList and refuses other types', async () => {
    const p = CreateIProp();
    expect(await p.hrAddObjProps([PR_MESSAGE_ATTACHMENTS])).toEqual([]);
    expect(await p.getPropList()).toEqual([PR_MESSAGE_ATTACHMENTS]);
    expect(await scodeOf(p.hrAddObjProps([PR_SUBJECT_W]))).toBe(MAPI_E_INVALID_TYPE);
    await p.hrSetObjAccess(IPROP_READONLY);
    expect(await scodeOf(p.hrAddObjProps([PROP_TAG(0x000d, 0x6000)]))).toBe(MAPI_E_NO_ACCESS);
  });
});

void PT_UNSPECIFIED;
