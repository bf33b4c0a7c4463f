import { describe, expect, it } from 'vitest';
import { TestProp, newNamedMap } from './helpers.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { PROP_TAG, CHANGE_PROP_TYPE } from '../../../src/core/props/tags.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import type { IStream } from '../../../src/core/props/interfaces.js';
import type { MAPINAMEID } from '../../../src/core/props/types.js';
import {
  PR_SUBJECT_W,
  PR_SUBJECT_A,
  PR_BODY_W,
  PR_BODY_A,
  PR_IMPORTANCE,
  PR_OBJECT_TYPE,
  PR_NULL,
  PR_MESSAGE_RECIPIENTS,
  PR_ENTRYID,
  PR_CLIENT_SUBMIT_TIME,
  PR_MAPPING_SIGNATURE,
} from '../../../src/core/generated/proptags.js';
import {
  PT_ERROR,
  PT_UNSPECIFIED,
  PT_LONG,
  PT_OBJECT,
  PT_NULL,
  PT_STRING8,
  PT_UNICODE,
  PT_MV_UNICODE,
  PT_BINARY,
} from '../../../src/core/generated/proptypes.js';
import {
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NOT_FOUND,
  MAPI_E_NO_ACCESS,
  MAPI_E_NOT_ENOUGH_MEMORY,
  MAPI_E_COMPUTED,
  MAPI_E_UNKNOWN_FLAGS,
  MAPI_E_NO_SUPPORT,
  MAPI_E_INVALID_OBJECT,
  MAPI_E_INTERFACE_NOT_SUPPORTED,
  STG_E_ACCESSDENIED,
} from '../../../src/core/generated/scodes.js';
import {
  MAPI_UNICODE,
  MAPI_MESSAGE,
  MAPI_CREATE,
  MAPI_MODIFY,
  KEEP_OPEN_READWRITE,
  KEEP_OPEN_READONLY,
  MAPI_DIALOG,
  MAPI_MOVE,
  MAPI_NOREPLACE,
  MNID_ID,
  MNID_STRING,
  MAPI_NO_STRINGS,
  MAPI_NO_IDS,
  STREAM_SEEK_SET,
  STREAM_SEEK_END,
} from '../../../src/core/generated/constants.js';
import { IID_IMessage, IID_IStream, IID_IMAPIFolder, PS_PUBLIC_STRINGS, PS_MAPI, PSETID_Common, IID_IStorage } from '../../../src/core/generated/guids.js';

const PR_KEYWORDS = PROP_TAG(PT_MV_UNICODE, 0x6001);

const reject = async (p: Promise<unknown>, scode: number) => {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e, `expected rejection with 0x${scode.toString(16)}`).toBeInstanceOf(MapiError);
  expect((e as MapiError).scode).toBe(scode >>> 0);
};

describe('IMAPIProp.getProps', () => {
  it('returns values in the requested order with exact types', async () => {
    const o = new TestProp([
      { ulPropTag: PR_SUBJECT_W, Value: 'hello' },
      { ulPropTag: PR_IMPORTANCE, Value: 2 },
    ]);
    const props = await o.getProps([PR_IMPORTANCE, PR_SUBJECT_W]);
    expect(props).toEqual([
      { ulPropTag: PR_IMPORTANCE, Value: 2 },
      { ulPropTag: PR_SUBJECT_W, Value: 'hello' },
    ]);
  });

  it('gives PT_ERROR with the requested identifier kept and MAPI_E_NOT_FOUND for a missing property', async () => {
    const o = new TestProp();
    const [p] = await o.getProps([PR_SUBJECT_W]);
    expect(p).toEqual({ ulPropTag: CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_ERROR), Value: MAPI_E_NOT_FOUND });
  });

  it('rejects an empty tag array with MAPI_E_INVALID_PARAMETER', async () => {
    await reject(new TestProp().getProps([]), MAPI_E_INVALID_PARAMETER);
  });

  it('rejects unknown flags with MAPI_E_UNKNOWN_FLAGS', async () => {
    await reject(new TestProp().getProps(null, 0x4), MAPI_E_UNKNOWN_FLAGS);
  });

  it('resolves PT_UNSPECIFIED to the stored type, strings per MAPI_UNICODE', async () => {
    const o = new TestProp([
      { ulPropTag: PR_SUBJECT_W, Value: 'Grüße' },
      { ulPropTag: PR_IMPORTANCE, Value: 1 },
    ]);
    const unspecified = CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_UNSPECIFIED);
    const [ansi] = await o.getProps([unspecified]);
    expect(ansi).toEqual({ ulPropTag: PR_SUBJECT_A, Value: 'Grüße' });
    const [wide] = await o.getProps([unspecified], MAPI_UNICODE);
    expect(wide).toEqual({ ulPropTag: PR_SUBJECT_W, Value: 'Grüße' });
    const [imp] = await o.getProps([CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_UNSPECIFIED)]);
    expect(imp).toEqual({ ulPropTag: PR_IMPORTANCE, Value: 1 });
  });

  it('converts a Unicode value to PT_STRING8 through the code page, with ? for what it lacks', async () => {
    const o = new TestProp([{ ulPropTag: PR_SUBJECT_W, Value: 'Привет €' }], { codePage: () => 1252 });
    const [p] = await o.getProps([PR_SUBJECT_A]);
    expect(p).toEqual({ ulPropTag: PR_SUBJECT_A, Value: '?????? €' });
    const cyr = new TestProp([{ ulPropTag: PR_SUBJECT_W, Value: 'Привет €' }], { codePage: () => 1251 });
    expect((await cyr.getProps([PR_SUBJECT_A]))[0]).toEqual({ ulPropTag: PR_SUBJECT_A, Value: 'Привет €' });
  });

  it('returns every property with null, sorted by identifier, computed ones included', async () => {
    const o = new TestProp([
      { ulPropTag: PR_SUBJECT_W, Value: 's' },
      { ulPropTag: PR_IMPORTANCE, Value: 1 },
    ]);
    const all = await o.getProps(null, MAPI_UNICODE);
    expect(all.map((p) => p.ulPropTag)).toEqual([PR_IMPORTANCE, PR_SUBJECT_W, PR_OBJECT_TYPE]);
    expect(all[2]).toEqual({ ulPropTag: PR_OBJECT_TYPE, Value: MAPI_MESSAGE });
  });

  it('gives MAPI_E_NOT_FOUND for a type that does not match the stored one', async () => {
    const o = new TestProp([{ ulPropTag: PR_SUBJECT_W, Value: 's' }]);
    const [p] = await o.getProps([CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_LONG)]);
    expect(p).toEqual({ ulPropTag: CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_ERROR), Value: MAPI_E_NOT_FOUND });
  });

  it('answers PT_OBJECT and PR_NULL requests with PT_ERROR', async () => {
    const o = new TestProp();
    const [a, b] = await o.getProps([PR_MESSAGE_RECIPIENTS, PR_NULL]);
    expect(a?.ulPropTag).toBe(CHANGE_PROP_TYPE(PR_MESSAGE_RECIPIENTS, PT_ERROR));
    expect(b?.ulPropTag).toBe(PT_ERROR);
  });

  it('returns MAPI_E_NOT_ENOUGH_MEMORY for values over the large-value limit, readable through a stream', async () => {
    const body = 'x'.repeat(3000);
    const o = new TestProp([{ ulPropTag: PR_BODY_W, Value: body }], { largeValueLimit: 4096 });
    const [p] = await o.getProps([PR_BODY_W]);
    expect(p).toEqual({ ulPropTag: CHANGE_PROP_TYPE(PR_BODY_W, PT_ERROR), Value: MAPI_E_NOT_ENOUGH_MEMORY });
    const [a] = await o.getProps([PR_BODY_A]);
    expect(a).toEqual({ ulPropTag: PR_BODY_A, Value: body }); // 3000 bytes in ANSI: under the limit
    const stream = await o.openProperty<IStream>(PR_BODY_W, IID_IStream, 0, 0);
    const bytes = await stream.read(100000);
    expect(bytes.length).toBe(6000);
  });

  it('returns copies: mutating a returned binary does not change the object', async () => {
    const o = new TestProp([{ ulPropTag: PR_ENTRYID, Value: new Uint8Array([1, 2, 3]) }]);
    const [p] = await o.getProps([PR_ENTRYID]);
    (p?.Value as Uint8Array)[0] = 99;
    expect((await o.getProps([PR_ENTRYID]))[0]?.Value).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe('IMAPIProp.setProps', () => {
  it('rejects an empty array, PT_OBJECT, PT_NULL and empty MV values with MAPI_E_INVALID_PARAMETER', async () => {
    const o = new TestProp();
    await reject(o.setProps([]), MAPI_E_INVALID_PARAMETER);
    await reject(o.setProps([{ ulPropTag: PROP_TAG(PT_OBJECT, 0x6000), Value: null }]), MAPI_E_INVALID_PARAMETER);
    await reject(o.setProps([{ ulPropTag: PROP_TAG(PT_NULL, 0x6000), Value: null }]), MAPI_E_INVALID_PARAMETER);
    await reject(o.setProps([{ ulPropTag: PR_KEYWORDS, Value: [] }]), MAPI_E_INVALID_PARAMETER);
    await reject(o.setProps([{ ulPropTag: PR_IMPORTANCE, Value: 'high' }]), MAPI_E_INVALID_PARAMETER);
    expect(await o.getPropList()).toEqual([PR_OBJECT_TYPE]);
  });

  it('ignores PR_NULL and PT_ERROR entries without problems', async () => {
    const o = new TestProp();
    const problems = await o.setProps([
      { ulPropTag: PR_NULL, Value: null },
      { ulPropTag: CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_ERROR), Value: MAPI_E_NOT_FOUND },
      { ulPropTag: PR_IMPORTANCE, Value: 1 },
    ]);
    expect(problems).toEqual([]);
    expect(await o.getPropList()).toEqual([PR_IMPORTANCE, PR_OBJECT_TYPE]);
  });

  it('reports computed properties as MAPI_E_COMPUTED problems and sets the rest', async () => {
    const o = new TestProp();
    const problems = await o.setProps([
      { ulPropTag: PR_OBJECT_TYPE, Value: 3 },
      { ulPropTag: PR_SUBJECT_W, Value: 'ok' },
    ]);
    expect(problems).toEqual([{ ulIndex: 0, ulPropTag: PR_OBJECT_TYPE, scode: MAPI_E_COMPUTED }]);
    expect((await o.getProps([PR_SUBJECT_W, PR_OBJECT_TYPE])).map((p) => p.Value)).toEqual(['ok', MAPI_MESSAGE]);
  });

  it('rejects changes to a read-only object with MAPI_E_NO_ACCESS', async () => {
    const o = new TestProp([], { writable: false });
    await reject(o.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'x' }]), MAPI_E_NO_ACCESS);
    await reject(o.deleteProps([PR_SUBJECT_W]), MAPI_E_NO_ACCESS);
  });

  it('replaces a value stored with another type under the same identifier', async () => {
    const o = new TestProp([{ ulPropTag: PR_SUBJECT_W, Value: 'unicode' }]);
    await o.setProps([{ ulPropTag: PR_SUBJECT_A, Value: 'ansi' }]);
    expect(await o.getPropList(MAPI_UNICODE)).toContain(PR_SUBJECT_W);
    expect(o.raw().get(0x0037)).toEqual({ ulPropTag: PR_SUBJECT_A, Value: 'ansi' });
  });

  it('stores PT_LONG values as signed 32-bit numbers', async () => {
    const o = new TestProp();
    await o.setProps([{ ulPropTag: PR_IMPORTANCE, Value: 0xffffffff }]);
    expect((await o.getProps([PR_IMPORTANCE]))[0]?.Value).toBe(-1);
  });

  it('copies values in: later changes to the caller\'s array do not leak', async () => {
    const o = new TestProp();
    const keywords = ['a', 'b'];
    await o.setProps([{ ulPropTag: PR_KEYWORDS, Value: keywords }]);
    keywords.push('c');
    expect((await o.getProps([PR_KEYWORDS]))[0]?.Value).toEqual(['a', 'b']);
  });

  it('notifies immediate objects and marks transacted ones modified', async () => {
    const immediate = new TestProp();
    await immediate.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'x' }]);
    expect(immediate.changed).toEqual([[0x0037]]);
    const transacted = new TestProp([], { transacted: true });
    await transacted.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'x' }]);
    expect(transacted.changed).toEqual([]);
  });
});

describe('IMAPIProp.deleteProps', () => {
  it('deletes by identifier whatever the type, and absent properties are not problems', async () => {
    const o = new TestProp([{ ulPropTag: PR_SUBJECT_W, Value: 'x' }]);
    expect(await o.deleteProps([PR_SUBJECT_A, PR_IMPORTANCE])).toEqual([]);
    expect(await o.getPropList()).toEqual([PR_OBJECT_TYPE]);
  });

  it('rejects null and empty arrays', async () => {
    const o = new TestProp();
    await reject(o.deleteProps([]), MAPI_E_INVALID_PARAMETER);
    await reject(o.deleteProps(null as unknown as number[]), MAPI_E_INVALID_PARAMETER);
  });

  it('reports computed properties as problems', async () => {
    expect(await new TestProp().deleteProps([PR_OBJECT_TYPE])).toEqual([{ ulIndex: 0, ulPropTag: PR_OBJECT_TYPE, scode: MAPI_E_COMPUTED }]);
  });
});

describe('IMAPIProp.getPropList', () => {
  it('lists string tags as PT_STRING8 without MAPI_UNICODE and PT_UNICODE with it', async () => {
    const o = new TestProp([{ ulPropTag: PR_SUBJECT_W, Value: 'x' }, { ulPropTag: PR_KEYWORDS, Value: ['k'] }]);
    expect(await o.getPropList()).toEqual([PR_SUBJECT_A, PR_OBJECT_TYPE, CHANGE_PROP_TYPE(PR_KEYWORDS, 0x101e)]);
    expect(await o.getPropList(MAPI_UNICODE)).toEqual([PR_SUBJECT_W, PR_OBJECT_TYPE, CHANGE_PROP_TYPE(PR_KEYWORDS, PT_MV_UNICODE)]);
  });
});

describe('IMAPIProp.saveChanges', () => {
  it('commits a transacted object and keeps it writable with KEEP_OPEN_READWRITE', async () => {
    const o = new TestProp([], { transacted: true });
    await o.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'x' }]);
    await o.saveChanges(KEEP_OPEN_READWRITE);
    expect(o.commits).toEqual([KEEP_OPEN_READWRITE]);
    await o.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'y' }]);
  });

  it('leaves the object read-only after KEEP_OPEN_READONLY or no flags', async () => {
    for (const flags of [KEEP_OPEN_READONLY, 0]) {
      const o = new TestProp([], { transacted: true });
      await o.saveChanges(flags);
      await reject(o.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'y' }]), MAPI_E_NO_ACCESS);
    }
  });

  it('rejects unknown flags and both KEEP_OPEN flags', async () => {
    const o = new TestProp([], { transacted: true });
    await reject(o.saveChanges(0x10000000), MAPI_E_UNKNOWN_FLAGS);
    await reject(o.saveChanges(KEEP_OPEN_READONLY | KEEP_OPEN_READWRITE), MAPI_E_INVALID_PARAMETER);
  });

  it('does nothing for an immediate object', async () => {
    const o = new TestProp();
    await o.saveChanges(0);
    expect(o.commits).toEqual([]);
    await o.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'still writable' }]);
  });

  it('rejects a read-only transacted object with MAPI_E_NO_ACCESS', async () => {
    await reject(new TestProp([], { transacted: true, writable: false }).saveChanges(0), MAPI_E_NO_ACCESS);
  });
});

describe('IMAPIProp.openProperty(IID_IStream)', () => {
  it('reads a Unicode property as UTF-16LE bytes and an ANSI one in the code page', async () => {
    const o = new TestProp([{ ulPropTag: PR_BODY_W, Value: 'hé' }], { codePage: () => 1252 });
    const w = await o.openProperty<IStream>(PR_BODY_W, IID_IStream, 0, 0);
    expect(await w.read(100)).toEqual(new Uint8Array([0x68, 0, 0xe9, 0]));
    const a = await o.openProperty<IStream>(PR_BODY_A, IID_IStream, 0, 0);
    expect(await a.read(100)).toEqual(new Uint8Array([0x68, 0xe9]));
  });

  it('writes through commit only, and MAPI_CREATE starts empty', async () => {
    const o = new TestProp([{ ulPropTag: PR_BODY_W, Value: 'old' }]);
    const s = await o.openProperty<IStream>(PR_BODY_W, IID_IStream, 0, MAPI_CREATE | MAPI_MODIFY);
    expect((await s.stat()).cbSize).toBe(0);
    await s.write(new Uint8Array([0x6e, 0, 0x65, 0, 0x77, 0, 0, 0]));
    expect((await o.getProps([PR_BODY_W]))[0]?.Value).toBe('old');
    await s.commit();
    expect((await o.getProps([PR_BODY_W]))[0]?.Value).toBe('new');
  });

  it('seeks, truncates and clones', async () => {
    const o = new TestProp([{ ulPropTag: PR_ENTRYID, Value: new Uint8Array([1, 2, 3, 4, 5]) }]);
    const s = await o.openProperty<IStream>(PR_ENTRYID, IID_IStream, 0, MAPI_MODIFY);
    expect(await s.seek(-2, STREAM_SEEK_END)).toBe(3);
    const c = await s.clone();
    expect(await c.read(10)).toEqual(new Uint8Array([4, 5]));
    await s.setSize(2);
    expect(await s.seek(0, STREAM_SEEK_SET)).toBe(0);
    expect(await s.read(10)).toEqual(new Uint8Array([1, 2]));
    await s.commit();
    expect((await o.getProps([PR_ENTRYID]))[0]?.Value).toEqual(new Uint8Array([1, 2]));
  });

  it('refuses writes on a stream opened without MAPI_MODIFY', async () => {
    const o = new TestProp([{ ulPropTag: PR_BODY_W, Value: 'x' }]);
    const s = await o.openProperty<IStream>(PR_BODY_W, IID_IStream, 0, 0);
    await reject(s.write(new Uint8Array([1])), STG_E_ACCESSDENIED);
  });

  it('rejects PT_UNSPECIFIED, missing properties, unknown interfaces and IStorage as the reference says', async () => {
    const o = new TestProp();
    await reject(o.openProperty(CHANGE_PROP_TYPE(PR_BODY_W, PT_UNSPECIFIED), IID_IStream, 0, 0), MAPI_E_INVALID_PARAMETER);
    await reject(o.openProperty(PR_BODY_W, IID_IStream, 0, 0), MAPI_E_NOT_FOUND);
    await reject(o.openProperty(PR_BODY_W, IID_IMAPIFolder, 0, 0), MAPI_E_INTERFACE_NOT_SUPPORTED);
    await reject(o.openProperty(PR_BODY_W, IID_IStorage, 0, 0), MAPI_E_NO_SUPPORT);
    await reject(o.openProperty(PR_CLIENT_SUBMIT_TIME, IID_IStream, 0, MAPI_CREATE | MAPI_MODIFY), MAPI_E_NO_SUPPORT);
  });

  it('rejects MAPI_MODIFY on a read-only object', async () => {
    const o = new TestProp([{ ulPropTag: PR_BODY_W, Value: 'x' }], { writable: false });
    await reject(o.openProperty(PR_BODY_W, IID_IStream, 0, MAPI_MODIFY), MAPI_E_NO_ACCESS);
  });
});

describe('IMAPIProp named properties', () => {
  const nameA: MAPINAMEID = { lpguid: PS_PUBLIC_STRINGS, ulKind: MNID_STRING, lpwstrName: 'Color' };
  const nameB: MAPINAMEID = { lpguid: PSETID_Common, ulKind: MNID_ID, lID: 0x8501 };

  it('assigns identifiers from 0x8000 with MAPI_CREATE, stably, and PT_UNSPECIFIED tags', async () => {
    const o = new TestProp([], { namedProps: newNamedMap() });
    const ids = await o.getIDsFromNames([nameA, nameB], MAPI_CREATE);
    expect(ids).toEqual([PROP_TAG(PT_UNSPECIFIED, 0x8000), PROP_TAG(PT_UNSPECIFIED, 0x8001)]);
    expect(await o.getIDsFromNames([nameB], 0)).toEqual([PROP_TAG(PT_UNSPECIFIED, 0x8001)]);
  });

  it('gives PT_ERROR with identifier 0 for unknown names without MAPI_CREATE', async () => {
    const o = new TestProp([], { namedProps: newNamedMap() });
    expect(await o.getIDsFromNames([nameA], 0)).toEqual([PT_ERROR]);
  });

  it('maps PS_MAPI names to ordinary identifiers', async () => {
    const o = new TestProp([], { namedProps: newNamedMap() });
    expect(await o.getIDsFromNames([{ lpguid: PS_MAPI, ulKind: MNID_ID, lID: 0x0037 }], 0)).toEqual([PROP_TAG(PT_UNSPECIFIED, 0x0037)]);
    const { names } = await o.getNamesFromIDs([PR_SUBJECT_W], null, 0);
    expect(names[0]).toEqual({ lpguid: PS_MAPI, ulKind: MNID_ID, lID: 0x0037 });
  });

  it('returns names for identifiers, null and PT_ERROR for unnamed ones, filtered by kind', async () => {
    const o = new TestProp([], { namedProps: newNamedMap() });
    await o.getIDsFromNames([nameA, nameB], MAPI_CREATE);
    const r = await o.getNamesFromIDs([PROP_TAG(PT_LONG, 0x8001), PROP_TAG(PT_LONG, 0x8005)], null, 0);
    expect(r.names).toEqual([nameB, null]);
    expect(r.propTags).toEqual([PROP_TAG(PT_LONG, 0x8001), PROP_TAG(PT_ERROR, 0x8005)]);
    const all = await o.getNamesFromIDs(null, null, MAPI_NO_STRINGS);
    expect(all.names).toEqual([nameB]);
    const strings = await o.getNamesFromIDs(null, null, MAPI_NO_IDS);
    expect(strings.names).toEqual([nameA]);
    const inSet = await o.getNamesFromIDs(null, PS_PUBLIC_STRINGS, 0);
    expect(inSet.names).toEqual([nameA]);
  });

  it('answers MAPI_E_NO_SUPPORT on an object without a mapping', async () => {
    const o = new TestProp();
    await reject(o.getIDsFromNames([nameA], MAPI_CREATE), MAPI_E_NO_SUPPORT);
    await reject(o.getNamesFromIDs(null, null, 0), MAPI_E_NO_SUPPORT);
  });

  it('reports PR_MAPPING_SIGNATURE when it has a mapping', async () => {
    const map = newNamedMap();
    const o = new TestProp([], { namedProps: map });
    expect((await o.getProps([PR_MAPPING_SIGNATURE]))[0]?.Value).toEqual(map.signature);
  });
});

describe('IMAPIProp.copyTo / copyProps', () => {
  it('copies every stored property except excluded identifiers', async () => {
    const src = new TestProp([
      { ulPropTag: PR_SUBJECT_W, Value: 's' },
      { ulPropTag: PR_IMPORTANCE, Value: 2 },
      { ulPropTag: PR_BODY_W, Value: 'b' },
    ]);
    const dest = new TestProp();
    const problems = await src.copyTo(null, [PR_BODY_A], null, IID_IMessage, dest, 0);
    expect(problems).toEqual([]);
    expect(await dest.getPropList(MAPI_UNICODE)).toEqual([PR_IMPORTANCE, PR_SUBJECT_W, PR_OBJECT_TYPE]);
  });

  it('keeps existing destination values with MAPI_NOREPLACE', async () => {
    const src = new TestProp([{ ulPropTag: PR_SUBJECT_W, Value: 'new' }, { ulPropTag: PR_IMPORTANCE, Value: 2 }]);
    const dest = new TestProp([{ ulPropTag: PR_SUBJECT_W, Value: 'old' }]);
    await src.copyTo(null, null, null, IID_IMessage, dest, MAPI_NOREPLACE);
    expect((await dest.getProps([PR_SUBJECT_W, PR_IMPORTANCE])).map((p) => p.Value)).toEqual(['old', 2]);
  });

  it('removes moved properties from the source with MAPI_MOVE', async () => {
    const src = new TestProp([{ ulPropTag: PR_SUBJECT_W, Value: 's' }]);
    const dest = new TestProp();
    await src.copyProps([PR_SUBJECT_W], null, IID_IMessage, dest, MAPI_MOVE);
    expect((await dest.getProps([PR_SUBJECT_W]))[0]?.Value).toBe('s');
    expect((await src.getProps([PR_SUBJECT_W]))[0]?.ulPropTag).toBe(CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_ERROR));
  });

  it('re-maps named properties by name between objects with different mappings', async () => {
    const srcMap = newNamedMap();
    const destMap = newNamedMap();
    const src = new TestProp([], { namedProps: srcMap });
    const dest = new TestProp([], { namedProps: destMap });
    // Occupy 0x8000 in the destination with another name so the identifiers differ.
    await dest.getIDsFromNames([{ lpguid: PS_PUBLIC_STRINGS, ulKind: MNID_STRING, lpwstrName: 'Other' }], MAPI_CREATE);
    const [tag] = await src.getIDsFromNames([{ lpguid: PS_PUBLIC_STRINGS, ulKind: MNID_STRING, lpwstrName: 'Color' }], MAPI_CREATE);
    await src.setProps([{ ulPropTag: CHANGE_PROP_TYPE(tag as number, PT_UNICODE), Value: 'blue' }]);
    await src.copyTo(null, null, null, IID_IMessage, dest, 0);
    const [destTag] = await dest.getIDsFromNames([{ lpguid: PS_PUBLIC_STRINGS, ulKind: MNID_STRING, lpwstrName: 'Color' }], 0);
    expect(destTag).toBe(PROP_TAG(PT_UNSPECIFIED, 0x8001));
    expect((await dest.getProps([PROP_TAG(PT_UNICODE, 0x8001)]))[0]?.Value).toBe('blue');
  });

  it('validates arguments as MAPI does', async () => {
    const src = new TestProp([{ ulPropTag: PR_SUBJECT_W, Value: 's' }]);
    const dest = new TestProp();
    await reject(src.copyTo(null, [], null, IID_IMessage, dest, 0), MAPI_E_INVALID_PARAMETER);
    await reject(src.copyTo(null, [PR_NULL], null, IID_IMessage, dest, 0), MAPI_E_INVALID_PARAMETER);
    await reject(src.copyTo(null, null, null, IID_IMessage, dest, MAPI_DIALOG), MAPI_E_NO_SUPPORT);
    await reject(src.copyTo(null, null, null, IID_IMessage, src, 0), MAPI_E_NO_ACCESS);
    await reject(src.copyTo(null, null, null, IID_IMAPIFolder, dest, 0), MAPI_E_NO_SUPPORT);
    await reject(src.copyTo([IID_IMessage], null, null, IID_IMessage, dest, 0), MAPI_E_INTERFACE_NOT_SUPPORTED);
    await reject(src.copyTo(null, null, null, IID_IMessage, dest, 0x40000000), MAPI_E_UNKNOWN_FLAGS);
  });

  it('reports the destination\'s computed properties as problems', async () => {
    const src = new TestProp([{ ulPropTag: PR_SUBJECT_W, Value: 's' }]);
    const dest = new TestProp();
    // PR_OBJECT_TYPE is computed on both, so the source never offers it; force a copyProps of it.
    const problems = await src.copyProps([PR_OBJECT_TYPE, PR_SUBJECT_W], null, IID_IMessage, dest, 0);
    expect(problems).toEqual([]);
    expect((await dest.getProps([PR_SUBJECT_W]))[0]?.Value).toBe('s');
  });
});

describe('IUnknown', () => {
  it('answers queryInterface for its interfaces and rejects others', async () => {
    const o = new TestProp();
    expect(await o.queryInterface(IID_IMessage)).toBe(o);
    await reject(o.queryInterface(IID_IMAPIFolder), MAPI_E_INTERFACE_NOT_SUPPORTED);
  });

  it('rejects calls on a released object with MAPI_E_INVALID_OBJECT', async () => {
    const o = new TestProp();
    o.release();
    await reject(o.getProps(null), MAPI_E_INVALID_OBJECT);
  });

  it('keeps the last error for getLastError', async () => {
    const o = new TestProp();
    await o.getProps([]).catch(() => undefined);
    const err = await o.getLastError(MAPI_E_INVALID_PARAMETER);
    expect(err?.lpszError).toMatch(/non-empty/);
    expect(await o.getLastError(MAPI_E_NOT_FOUND)).toBeNull();
  });
});

describe('IMAPIProp.getLastError', () => {
  it('rejects with MAPI_E_INVALID_OBJECT after release, like every other call', async () => {
    const o = new TestProp();
    await o.getProps([]).catch(() => undefined);
    o.release();
    await reject(o.getLastError(MAPI_E_INVALID_PARAMETER), MAPI_E_INVALID_OBJECT);
  });

  it('runs through the call interceptor like every other method', async () => {
    const o = new TestProp();
    const seen: string[] = [];
    o.interceptor = { intercept: (call, next) => (seen.push(call.method), next()) };
    expect(await o.getLastError(MAPI_E_NOT_FOUND)).toBeNull();
    expect(seen).toEqual(['getLastError']);
  });

  it('still describes the earlier failure after a getLastError call with bad arguments', async () => {
    const o = new TestProp();
    await o.getProps([]).catch(() => undefined);
    await reject(o.getLastError('0x80070057' as unknown as number), MAPI_E_INVALID_PARAMETER);
    expect((await o.getLastError(MAPI_E_INVALID_PARAMETER))?.lpszError).toMatch(/getProps/);
  });
});

describe('FILETIME values', () => {
  it('round-trips through setProps and getProps without losing ticks', async () => {
    const ft = new FILETIME(133000000000001234n);
    const o = new TestProp();
    await o.setProps([{ ulPropTag: PR_CLIENT_SUBMIT_TIME, Value: ft }]);
    expect(((await o.getProps([PR_CLIENT_SUBMIT_TIME]))[0]?.Value as FILETIME).ticks).toBe(133000000000001234n);
  });
});

void PT_STRING8;
void PT_BINARY;
