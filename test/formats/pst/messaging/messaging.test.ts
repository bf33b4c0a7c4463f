import { describe, expect, it } from 'vitest';
import { MapiError } from '../../../../src/core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA, MAPI_E_NOT_FOUND } from '../../../../src/core/generated/scodes.js';
import { MNID_ID, MNID_STRING } from '../../../../src/core/generated/constants.js';
import { PS_PUBLIC_STRINGS } from '../../../../src/core/generated/guids.js';
import { PT_OBJECT, PT_STRING8, PT_SYSTIME, PT_UNICODE } from '../../../../src/core/generated/proptypes.js';
import {
  PR_ATTACH_DATA_BIN, PR_ATTACH_DATA_OBJ, PR_ATTACH_LONG_FILENAME, PR_DISPLAY_NAME, PR_MESSAGE_DELIVERY_TIME, PR_PST_PASSWORD, PR_RECORD_KEY, PR_SUBJECT,
} from '../../../../src/core/generated/proptags.js';
import { decodeString8 } from '../../../../src/core/props/codepage.js';
import { FILETIME } from '../../../../src/core/props/filetime.js';
import { PROP_ID, PROP_TAG } from '../../../../src/core/props/tags.js';
import {
  openPst, readNameToIdMap, stripSubjectMarker, PR_NAMEID_STREAM_ENTRY, PR_NAMEID_STREAM_GUID, PR_NAMEID_STREAM_STRING,
} from '../../../../src/formats/pst/messaging/index.js';
import type { PropertyContext } from '../../../../src/formats/pst/ltp/pc.js';
import { ALL_SAMPLES, ANSI_SAMPLE, SAMPLE_DIR, sampleBytes } from '../helpers.js';
import { folderTree, text } from './tree.js';

const open = (name: string) => openPst(sampleBytes(name));

describe('openPst', () => {
  it.each(ALL_SAMPLES)('opens %s: the store, its provider UID (PR_RECORD_KEY) and the folder tree', (name) => {
    const file = open(name);
    const store = file.storeProps();
    expect(text(store, PR_DISPLAY_NAME)).toBeTypeOf('string');
    expect(file.providerUid).toEqual(store.find((p) => p.ulPropTag === PR_RECORD_KEY)?.Value);
    expect(folderTree(file).length).toBeGreaterThan(2);
  });

  it('opens a path on disk, reading through a descriptor', () => {
    const file = openPst(SAMPLE_DIR + ANSI_SAMPLE);
    try {
      expect(file.ndb.format).toBe('ansi');
      expect(folderTree(file).some((f) => f.items.length > 0)).toBe(true);
    } finally {
      file.close();
    }
  });

  it('opens the password-protected sample as Outlook does: PR_PST_PASSWORD is a property, not encryption', () => {
    const file = open('javalibpst__passworded.pst');
    expect(file.storeProps().find((p) => p.ulPropTag === PR_PST_PASSWORD)?.Value).not.toBe(0);
    const contacts = folderTree(file).find((f) => f.path.endsWith('/Contacts'));
    expect(contacts?.items.map((i) => i.subject).sort()).toEqual(['contact name 1', 'test dist list']);
  });

  it('answers MAPI_E_NOT_FOUND for a NID that is not a folder or message of the file', () => {
    const file = open(ANSI_SAMPLE);
    expect(() => file.folder(0x21)).toThrow(expect.objectContaining({ scode: MAPI_E_NOT_FOUND }));
    expect(() => file.message(0x122)).toThrow(expect.objectContaining({ scode: MAPI_E_NOT_FOUND }));
    expect(() => file.message(0x7fffffe4)).toThrow(MapiError);
  });
});

describe('PST messages', () => {
  it('keep the stored property types: PT_STRING8 in the ANSI file, PT_UNICODE in Unicode files, PT_SYSTIME as FILETIME', () => {
    const ansi = open(ANSI_SAMPLE);
    const appt = folderTree(ansi).find((f) => f.items.length)!;
    const msg = ansi.message(ansi.folder(appt.nid).messageNids(false)[0]!);
    const props = msg.props();
    expect(props.find((p) => PROP_ID(p.ulPropTag) === PROP_ID(PR_SUBJECT))?.ulPropTag).toBe(PROP_TAG(PT_STRING8, PROP_ID(PR_SUBJECT)));
    const uni = open('tika__testPST.pst');
    const top = folderTree(uni).find((f) => f.items.length)!;
    const m2 = uni.message(uni.folder(top.nid).messageNids(false)[0]!).props();
    expect(m2.find((p) => PROP_ID(p.ulPropTag) === PROP_ID(PR_SUBJECT))?.ulPropTag).toBe(PROP_TAG(PT_UNICODE, PROP_ID(PR_SUBJECT)));
    const delivered = m2.find((p) => p.ulPropTag === PR_MESSAGE_DELIVERY_TIME);
    expect((delivered?.ulPropTag ?? 0) & 0xffff).toBe(PT_SYSTIME);
    expect(delivered?.Value).toBeInstanceOf(FILETIME);
  });

  it('decode PT_STRING8 with the message code page, not the caller\'s CP_ACP', () => {
    // Opened with CP_ACP = 1251 (Cyrillic); the ANSI sample's message names its own code page.
    const file = openPst(sampleBytes(ANSI_SAMPLE), { acp: 1251 });
    const folder = folderTree(file).find((f) => f.items.length)!;
    const msg = file.message(file.folder(folder.nid).messageNids(false)[0]!);
    expect(msg.codepage).not.toBe(1251);
    for (const p of msg.props()) {
      if ((p.ulPropTag & 0xffff) !== PT_STRING8 || PROP_ID(p.ulPropTag) === PROP_ID(PR_SUBJECT)) continue;
      expect(p.Value).toBe(decodeString8(msg.pc.rawValue(p.ulPropTag), msg.codepage));
    }
  });

  it('strip the subject prefix marker ([MS-PST] 2.5.3.1.1.1) from PR_SUBJECT', () => {
    expect(stripSubjectMarker('\u0001\u0004Re: Feature Generators')).toBe('Re: Feature Generators');
    expect(stripSubjectMarker('plain')).toBe('plain');
    const file = open('tika__testPST.pst');
    const subjects = folderTree(file).flatMap((f) => f.items.map((i) => i.subject));
    expect(subjects).toContain('Re: Feature Generators');
    expect(subjects.every((s) => !s.includes('\u0001'))).toBe(true);
  });

  it('read recipients from the recipient table and attachments with their data', () => {
    const file = open('tika__testPST.pst');
    const top = folderTree(file).find((f) => f.items.length)!;
    const nids = file.folder(top.nid).messageNids(false);
    expect(nids.map((n) => file.message(n).recipients().length).every((n) => n >= 1)).toBe(true);
    // Message 7 carries an embedded message which carries attachment.docx: depth 2.
    const withEmbedded = nids.map((n) => file.message(n)).find((m) => m.attachments().some((a) => a.embedded()));
    const embedded = withEmbedded!.attachments().map((a) => a.embedded()).find((e) => e)!;
    const inner = embedded.attachments()[0]!;
    expect(text(inner.props(), PR_ATTACH_LONG_FILENAME)).toBe('attachment.docx');
    const data = inner.props().find((p) => p.ulPropTag === PR_ATTACH_DATA_BIN)?.Value as Uint8Array;
    expect([...data.subarray(0, 2)]).toEqual([0x50, 0x4b]); // a .docx is a zip
  });

  it('give PtypObject attachments (embedded messages) as PT_OBJECT with a null value', () => {
    const file = open('javalibpst__dist-list.pst');
    const cal = folderTree(file).find((f) => f.path.endsWith('/Calendar'))!;
    const appt = file.message(file.folder(cal.nid).messageNids(false)[0]!);
    const atts = appt.attachments();
    expect(atts).toHaveLength(2);
    for (const a of atts) {
      expect(a.props().find((p) => PROP_ID(p.ulPropTag) === PROP_ID(PR_ATTACH_DATA_OBJ))).toEqual({ ulPropTag: PROP_TAG(PT_OBJECT, PROP_ID(PR_ATTACH_DATA_OBJ)), Value: null });
      expect(a.embedded()?.props().length).toBeGreaterThan(5);
    }
  });
});

describe('PST name-to-ID map', () => {
  it('maps string names in PS_PUBLIC_STRINGS and numeric names in other sets, from 0x8000 up', () => {
    const names = open(ANSI_SAMPLE).namedProperties();
    expect(names[0]).toEqual({ id: 0x8000, name: { lpguid: PS_PUBLIC_STRINGS, ulKind: MNID_STRING, lpwstrName: 'urn:schemas-microsoft-com:office:outlook#ishidden' } });
    for (const sample of ALL_SAMPLES) {
      const all = open(sample).namedProperties();
      expect(new Set(all.map((n) => n.id)).size).toBe(all.length);
      expect(all.some((n) => n.name.ulKind === MNID_ID)).toBe(true);
    }
  });

  /** A PC-shaped stand-in with the three streams. */
  function streams(guids: number[], entries: number[], strings: number[]): PropertyContext {
    const raw = new Map([
      [PR_NAMEID_STREAM_GUID, Uint8Array.from(guids)],
      [PR_NAMEID_STREAM_ENTRY, Uint8Array.from(entries)],
      [PR_NAMEID_STREAM_STRING, Uint8Array.from(strings)],
    ]);
    return { entry: (t: number) => (raw.has(t) ? {} : undefined), rawValue: (t: number) => raw.get(t) } as unknown as PropertyContext;
  }
  const entry = (prop: number, guidN: number, idx: number) => [prop & 255, (prop >> 8) & 255, 0, 0, guidN & 255, guidN >> 8, idx & 255, idx >> 8];

  it('decodes an entry with a GUID from the GUID stream and a string name', () => {
    const guid = Array.from({ length: 16 }, (_, i) => i + 1);
    const str = [4, 0, 0, 0, 0x41, 0, 0x42, 0];
    const out = readNameToIdMap(streams(guid, [...entry(0, (3 << 1) | 1, 5)], str));
    expect(out).toEqual([{ id: 0x8005, name: { lpguid: expect.anything(), ulKind: MNID_STRING, lpwstrName: 'AB' } }]);
    expect([...out[0]!.name.lpguid.bytes]).toEqual(guid);
  });

  it.each([
    ['a GUID index past the GUID stream', [], entry(1, 4 << 1, 0), []],
    ['a string offset past the string stream', [], entry(8, (2 << 1) | 1, 0), [2, 0, 0, 0, 65, 0]],
    ['a string longer than the string stream', [], entry(0, (2 << 1) | 1, 0), [200, 0, 0, 0, 65, 0]],
    ['a repeated property index', [], [...entry(1, 2 << 1, 3), ...entry(2, 2 << 1, 3)], []],
    ['an entry stream that is not a multiple of 8 bytes', [], [1, 2, 3], []],
  ])('refuses %s with MAPI_E_CORRUPT_DATA naming the node', (_what, guids, entries, strings) => {
    expect(() => readNameToIdMap(streams(guids, entries, strings))).toThrow(expect.objectContaining({ scode: MAPI_E_CORRUPT_DATA, message: expect.stringContaining('node 0x61') }));
  });
});
