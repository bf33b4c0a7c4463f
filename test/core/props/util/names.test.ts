import { describe, expect, it } from 'vitest';
import { FEqualNames } from '../../../../src/core/props/util/index.js';
import { GUID } from '../../../../src/core/props/guid.js';
import type { MAPINAMEID } from '../../../../src/core/props/types.js';
import { PS_MAPI, PS_PUBLIC_STRINGS } from '../../../../src/core/generated/guids.js';
import { MNID_ID, MNID_STRING } from '../../../../src/core/generated/constants.js';

const byId = (lpguid: GUID, lID: number): MAPINAMEID => ({ lpguid, ulKind: MNID_ID, lID });
const byName = (lpguid: GUID, lpwstrName: string): MAPINAMEID => ({ lpguid, ulKind: MNID_STRING, lpwstrName });

describe('FEqualNames', () => {
  it('is TRUE for the same set and numeric name, even with distinct GUID objects', () => {
    expect(FEqualNames(byId(PS_MAPI, 0x8501), byId(GUID.parse(PS_MAPI.toString()), 0x8501))).toBe(true);
  });

  it('is TRUE for the same set and string name', () => {
    expect(FEqualNames(byName(PS_PUBLIC_STRINGS, 'Keywords'), byName(PS_PUBLIC_STRINGS, 'Keywords'))).toBe(true);
  });

  it('compares string names case-sensitively', () => {
    expect(FEqualNames(byName(PS_PUBLIC_STRINGS, 'Keywords'), byName(PS_PUBLIC_STRINGS, 'keywords'))).toBe(false);
  });

  it('is FALSE for another property set, another kind or another name', () => {
    expect(FEqualNames(byId(PS_MAPI, 1), byId(PS_PUBLIC_STRINGS, 1))).toBe(false);
    expect(FEqualNames(byId(PS_MAPI, 1), byId(PS_MAPI, 2))).toBe(false);
    expect(FEqualNames(byId(PS_PUBLIC_STRINGS, 1), byName(PS_PUBLIC_STRINGS, '1'))).toBe(false);
  });

  it('compares numeric names as 32-bit LONGs', () => {
    expect(FEqualNames(byId(PS_MAPI, -1), byId(PS_MAPI, 0xffffffff))).toBe(true);
  });

  it('is FALSE for missing or malformed names, never throwing', () => {
    const good = byId(PS_MAPI, 1);
    const bad: unknown[] = [null, undefined, 1, {}, { lpguid: null, ulKind: MNID_ID, lID: 1 }, { lpguid: PS_MAPI, ulKind: MNID_STRING }, { lpguid: PS_MAPI, ulKind: MNID_ID, lID: 'x' }];
    for (const b of bad) {
      expect(FEqualNames(b as MAPINAMEID, good)).toBe(false);
      expect(FEqualNames(good, b as MAPINAMEID)).toBe(false);
    }
    expect(FEqualNames({ lpguid: PS_MAPI, ulKind: MNID_STRING } as unknown as MAPINAMEID, { lpguid: PS_MAPI, ulKind: MNID_STRING } as unknown as MAPINAMEID)).toBe(false);
  });
});
