import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { propTagTable } from '../../../src/core/generated/proptags.js';
import { propTypeTable, propTypeAliasTable } from '../../../src/core/generated/proptypes.js';
import { guidTable } from '../../../src/core/generated/guids.js';
import { namedPropTable } from '../../../src/core/generated/namedprops.js';
import { GUID } from '../../../src/core/props/guid.js';
import {
  compareTagEntries,
  constantFromName,
  constantName,
  findNamedProps,
  findPropTags,
  guidFromName,
  guidName,
  guidNames,
  namedPropByName,
  namedPropsByLid,
  namedPropsByNameId,
  propTagFromName,
  propTagMatches,
  propTagNames,
  propTagsById,
  propTypeFromName,
  propTypeName,
  propTypeNames,
} from '../../../src/core/props/names.js';

const PROP_ID = (t: number) => t >>> 16;

describe('propTagNames (MFCMAPI PropTagToPropName)', () => {
  it('puts the highest sort order first among exact matches, then the partial matches', () => {
    // PR_SUBJECT has sort order 5, PR_SUBJECT_W 3, PidTagSubject 2, ptagSubject 1;
    // PR_SUBJECT_A (0x0037001E) only shares the ID.
    expect(propTagNames(0x0037001f)).toEqual({
      best: 'PR_SUBJECT',
      others: ['PR_SUBJECT_W', 'PidTagSubject', 'ptagSubject', 'PR_SUBJECT_A'],
    });
  });

  it('takes the best partial match when no name has the exact tag', () => {
    // No PT_BOOLEAN subject exists: every name is partial, sorted by sort order alone.
    expect(propTagNames(0x0037000b)).toEqual({
      best: 'PR_SUBJECT',
      others: ['PR_SUBJECT_A', 'PR_SUBJECT_W', 'PidTagSubject', 'ptagSubject'],
    });
    const { exact, partial } = propTagMatches(0x0037000b);
    expect(exact).toEqual([]);
    expect(partial.map((e) => e.tag)).toEqual([0x0037001f, 0x0037001e, 0x0037001f, 0x0037001f, 0x0037001f]);
  });

  it('orders the string8 tag of a property with its own names first', () => {
    expect(propTagNames(0x3001001e)).toEqual({
      best: 'PR_DISPLAY_NAME_A',
      others: ['PR_DISPLAY_NAME', 'PR_DISPLAY_NAME_W', 'PidTagDisplayName', 'ptagDisplayName'],
    });
  });

  it('breaks sort order ties by wcscmp: code unit order, upper case before lower case', () => {
    const e = (name: string, sortOrder = 1) => ({ name, tag: 0x00010003, sortOrder });
    const sorted = [e('ptagX'), e('PidTagX'), e('PR_X'), e('PR_X_HIGH', 2), e('Zed')].sort(compareTagEntries);
    expect(sorted.map((x) => x.name)).toEqual(['PR_X_HIGH', 'PR_X', 'PidTagX', 'Zed', 'ptagX']);
  });

  it('knows nothing of an unknown ID', () => {
    expect(propTagNames(0x7ff00003)).toEqual({ best: undefined, others: [] });
  });

  it('reads a tag without an ID as a full tag, so PR_NULL names itself', () => {
    expect(propTagNames(0x00000001).best).toBe('PR_NULL');
  });

  it('names IDs from 0x8000 up only for address book objects when asked', () => {
    expect(propTagNames(0xfffe001f).best).toBe('PR_EMS_AB_SERVER');
    expect(propTagNames(0xfffe001f, { isAB: false })).toEqual({ best: undefined, others: [] });
    expect(propTagNames(0x0037001f, { isAB: false }).best).toBe('PR_SUBJECT');
  });

  it('maps every generated name to its tag, and lists every name under its tag (exhaustive)', () => {
    for (const [name, tag] of propTagTable) {
      expect(propTagFromName(name), name).toBe(tag);
      const { best, others } = propTagNames(tag);
      expect([best, ...others], name).toContain(name);
      expect(propTagMatches(tag).exact.map((e) => e.name), name).toContain(name);
    }
  });

  it('lists exactly the names with the same ID, exact ones first, without repeats (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...propTagTable.map(([, tag]) => tag)),
          fc.integer({ min: 0, max: 0xffffffff }),
          fc.tuple(fc.constantFrom(...propTagTable.map(([, tag]) => tag)), fc.integer({ min: 0, max: 0xffff })).map(
            ([tag, type]) => ((tag & 0xffff0000) | type) >>> 0,
          ),
        ),
        (tag) => {
          const { best, others } = propTagNames(tag);
          const names = best === undefined ? [] : [best, ...others];
          const sameId = propTagTable.filter(([, t]) => PROP_ID(t) === PROP_ID(tag));
          expect(new Set(names).size).toBe(names.length);
          expect([...names].sort()).toEqual(sameId.map(([n]) => n).sort());
          const exactCount = sameId.filter(([, t]) => t === tag >>> 0).length;
          const tagOf = new Map(propTagTable.map(([n, t]) => [n, t]));
          names.forEach((n, i) => expect(tagOf.get(n) === tag >>> 0).toBe(i < exactCount));
        },
      ),
    );
  });
});

describe('propTagFromName', () => {
  it('accepts the SDK, canonical and ptag names, case-insensitively', () => {
    for (const n of ['PR_SUBJECT_W', 'PidTagSubject', 'ptagSubject', 'PR_SUBJECT', 'pr_subject_w', ' PIDTAGSUBJECT ']) {
      expect(propTagFromName(n), n).toBe(0x0037001f);
    }
    expect(propTagFromName('PR_SUBJECT_A')).toBe(0x0037001e);
  });

  it('returns undefined for unknown names and partial names', () => {
    expect(propTagFromName('PR_NO_SUCH_THING')).toBeUndefined();
    expect(propTagFromName('SUBJECT')).toBeUndefined();
    expect(propTagFromName('')).toBeUndefined();
  });
});

describe('findPropTags and propTagsById', () => {
  it('finds names by case-insensitive substring, optionally of one type', () => {
    const names = findPropTags('subject_prefix').map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['PR_SUBJECT_PREFIX', 'PR_SUBJECT_PREFIX_A', 'PR_SUBJECT_PREFIX_W']));
    expect(findPropTags('SUBJECT_PREFIX', 0x001e).map((e) => e.name)).toEqual(['PR_SUBJECT_PREFIX_A']);
    expect(findPropTags('no such name at all')).toEqual([]);
  });

  it('lists every tag with an ID, by tag, best name first', () => {
    expect(propTagsById(0x0037).map((e) => e.name)).toEqual(['PR_SUBJECT_A', 'PR_SUBJECT', 'PR_SUBJECT_W', 'PidTagSubject', 'ptagSubject']);
    expect(propTagsById(0x7ff0)).toEqual([]);
  });
});

describe('property type names', () => {
  it('names types, flags MV_INSTANCE, and falls back to hex', () => {
    expect(propTypeName(0x001f)).toBe('PT_UNICODE');
    expect(propTypeName(0x1003)).toBe('PT_MV_LONG');
    expect(propTypeName(0x3003)).toBe('PT_MV_LONG | MV_INSTANCE');
    expect(propTypeName(0x1234)).toBe('0x1234');
    expect(propTypeName(0x0037001f)).toBe('PT_UNICODE');
  });

  it('reads names, aliases, PT_TSTRING and MV_INSTANCE forms', () => {
    expect(propTypeFromName('PT_I4')).toBe(0x0003);
    expect(propTypeFromName('pt_mv_unicode')).toBe(0x101f);
    expect(propTypeFromName('PT_TSTRING')).toBe(0x001f);
    expect(propTypeFromName('PT_MV_LONG | MV_INSTANCE')).toBe(0x3003);
    expect(propTypeFromName('PT_NOPE')).toBeUndefined();
    expect(propTypeFromName('0x0003')).toBeUndefined();
    expect(propTypeNames(0x0003)).toEqual(['PT_LONG', 'PT_I4']);
  });

  it('round-trips every canonical and alias name', () => {
    for (const [name, value] of propTypeTable) {
      expect(propTypeFromName(name)).toBe(value);
      expect(propTypeName(value)).toBe(name);
    }
    for (const [name, value] of propTypeAliasTable) expect(propTypeFromName(name)).toBe(value);
  });
});

describe('GUID names', () => {
  it('looks GUIDs up both ways', () => {
    expect(guidFromName('PSETID_Common')?.toString()).toBe('{00062008-0000-0000-C000-000000000046}');
    expect(guidFromName('psetid_common')?.toString()).toBe('{00062008-0000-0000-C000-000000000046}');
    expect(guidName('{00062008-0000-0000-c000-000000000046}')).toBe('PSETID_Common');
    expect(guidName(GUID.parse('{00020329-0000-0000-C000-000000000046}'))).toBe('PS_PUBLIC_STRINGS');
    expect(guidNames('{9240A6C0-AF41-11D2-8C3B-00104B2A6676}')).toEqual(['IID_IOlkEnum', 'IID_IOlkErrorUnknown']);
    expect(guidName('{12345678-0000-0000-0000-000000000000}')).toBeUndefined();
    expect(guidName('not a guid')).toBeUndefined();
    expect(guidFromName('PSETID_Nope')).toBeUndefined();
  });

  it('maps every generated GUID name both ways (exhaustive)', () => {
    for (const [name, text] of guidTable) {
      expect(guidFromName(name)?.toString(), name).toBe(text);
      expect(guidNames(text), name).toContain(name);
    }
  });
});

describe('named property names', () => {
  it('resolves a named property with its property set GUID', () => {
    const p = namedPropByName('PidLidReminderSet');
    expect(p?.propSetName).toBe('PSETID_Common');
    expect(p?.nameId).toEqual({ lpguid: GUID.parse('{00062008-0000-0000-C000-000000000046}'), ulKind: 0, lID: 0x8503 });
    expect(p?.type).toBe(0x000b);
    expect(p?.area).toBe('Reminders');
    expect(namedPropByName('pidlidremindERSET')?.name).toBe('PidLidReminderSet');
    expect(namedPropByName('PidLidNope')).toBeUndefined();
  });

  it('finds the names of one LID and of one MAPINAMEID', () => {
    expect(namedPropsByLid(0x8503).map((p) => p.name)).toEqual(['PidLidReminderSet', 'dispidReminderSet']);
    const nameId = namedPropByName('PidLidReminderSet')!.nameId;
    expect(namedPropsByNameId(nameId).map((p) => p.name)).toEqual(['PidLidReminderSet', 'dispidReminderSet']);
    expect(namedPropsByNameId({ lpguid: nameId.lpguid, ulKind: 1, lpwstrName: 'nope' })).toEqual([]);
    expect(findNamedProps('reminder', 0x0040).every((p) => p.type === 0x0040 && /reminder/i.test(p.name))).toBe(true);
  });

  it('resolves every generated named property (exhaustive)', () => {
    for (const [name, setName, id, typeName] of namedPropTable) {
      const p = namedPropByName(name);
      expect(p?.nameId.lpguid.equals(guidFromName(setName)), name).toBe(true);
      expect(p?.type, name).toBe(propTypeFromName(typeName));
      if (typeof id === 'number') expect(namedPropsByLid(id).map((x) => x.name), name).toContain(name);
    }
  });
});

describe('constant names', () => {
  it('names constants within a group and reads names back', () => {
    expect(constantName('object_type', 5)).toBe('MAPI_MESSAGE');
    expect(constantName('object_type', 0x7777)).toBeUndefined();
    expect(constantFromName('mapi_unicode')).toEqual({ name: 'MAPI_UNICODE', value: 0x80000000, group: 'generic_flags' });
  });
});
