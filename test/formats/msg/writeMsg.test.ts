/** The writer: every value type, subobjects, named properties, ANSI files, the file's structure. */
import { describe, expect, it } from 'vitest';
import { ATTACH_OLE, MNID_ID, MNID_STRING, STORE_UNICODE_OK } from '../../../src/core/generated/constants.js';
import { PS_INTERNET_HEADERS, PS_PUBLIC_STRINGS, PSETID_Common } from '../../../src/core/generated/guids.js';
import {
  PR_ATTACH_DATA_BIN, PR_ATTACH_METHOD, PR_BODY_A, PR_MESSAGE_CODEPAGE, PR_STORE_SUPPORT_MASK, PR_SUBJECT_A, PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import { CLSID_OUTLOOK_TEMPLATE, MsgFile, readMsg, writeMsg } from '../../../src/formats/msg/index.js';
import { openCompoundFile, writeCompoundFile } from '../../../src/formats/cfb/index.js';
import { crc32Rtf } from '../../../src/formats/rtf/index.js';
import { fixtureMessage, propMap } from './fixture.js';
import { contentForm, newNames } from './helpers.js';

function u32(b: Uint8Array, at: number): number {
  return new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at, true);
}

describe('writeMsg', () => {
  it('writes every value type, recipients, attachments and an embedded message that read back the same', () => {
    const names = newNames();
    const content = fixtureMessage(names);
    const bytes = writeMsg(content, names, { clock: new VirtualClock() });
    const names2 = newNames();
    const back = readMsg(bytes, names2);
    const expected = contentForm(content, names) as { props: Record<string, unknown>; attachments: { embedded: { props: Record<string, unknown> } | null }[] };
    // The writer marks a Unicode file in PR_STORE_SUPPORT_MASK ([MS-OXMSG] 2.1.1.1), embedded messages too (2.2.2.1).
    expected.props['0x340D0003'] = STORE_UNICODE_OK;
    expected.attachments[2]!.embedded!.props['0x340D0003'] = STORE_UNICODE_OK;
    expect(contentForm(back, names2)).toEqual(expected);
    expect(back.nextRowId).toBe(4);
    expect(back.nextAttachNum).toBe(5);
  });

  it('lays out the file as [MS-OXMSG] says: headers, storages, value streams, sizes', () => {
    const names = newNames();
    const cfb = openCompoundFile(writeMsg(fixtureMessage(names), names));
    const props = cfb.stream('__properties_version1.0')!.readAll();
    // 32-byte header: reserved, next recipient ID, next attachment ID, recipient count, attachment count, reserved.
    expect([u32(props, 8), u32(props, 12), u32(props, 16), u32(props, 20)]).toEqual([2, 3, 2, 3]);
    expect((props.length - 32) % 16).toBe(0);
    // PR_SUBJECT_W: a stream without terminator, Size = length + 2.
    const subject = cfb.stream('__substg1.0_0037001F')!;
    let at = 32;
    while (u32(props, at) !== PR_SUBJECT_W) at += 16;
    expect(u32(props, at + 8)).toBe(subject.size + 2);
    expect(u32(props, at + 4)).toBe(6);
    expect(cfb.storage('__recip_version1.0_#00000001')).toBeDefined();
    expect(cfb.storage('__attach_version1.0_#00000002/__substg1.0_3701000D')).toBeDefined();
    // The embedded message's property stream has the 24-byte header; subobjects the 8-byte one.
    const emb = cfb.stream('__attach_version1.0_#00000002/__substg1.0_3701000D/__properties_version1.0')!.readAll();
    expect((emb.length - 24) % 16).toBe(0);
    expect(u32(emb, 8)).toBe(1);
    const att = cfb.stream('__attach_version1.0_#00000002/__properties_version1.0')!.readAll();
    expect((att.length - 8) % 16).toBe(0);
    // The PR_ATTACH_DATA_OBJ entry: Size 0xFFFFFFFF, Reserved 1 (an embedded message).
    let obj = 8;
    while (u32(att, obj) !== 0x3701000d) obj += 16;
    expect([u32(att, obj + 8), u32(att, obj + 12)]).toEqual([0xffffffff, 1]);
    // MV strings: a length stream (length with the NUL) and NUL-terminated value streams.
    const lens = cfb.stream('__substg1.0_6612101F')!.readAll();
    expect([u32(lens, 0), u32(lens, 4), u32(lens, 8)]).toEqual([8, 2, 14]);
    expect(cfb.stream('__substg1.0_6612101F-00000001')!.size).toBe(2);
    // No named-property map below the top level.
    expect(cfb.storage('__attach_version1.0_#00000002/__substg1.0_3701000D/__nameid_version1.0')).toBeUndefined();
  });

  it('writes the named-property map: GUID, entry and string streams and hash buckets', () => {
    const names = newNames();
    const cfb = openCompoundFile(writeMsg(fixtureMessage(names), names));
    const nameid = cfb.storage('__nameid_version1.0')!;
    const guids = nameid.stream('__substg1.0_00020102')!.readAll();
    const entries = nameid.stream('__substg1.0_00030102')!.readAll();
    const strings = nameid.stream('__substg1.0_00040102')!.readAll();
    // Four names: Keywords (PS_PUBLIC_STRINGS), two PSETID_Common LIDs, one PS_INTERNET_HEADERS string.
    expect(entries.length).toBe(32);
    // PS_PUBLIC_STRINGS is GUID index 2 and not stored; PSETID_Common and PS_INTERNET_HEADERS are.
    expect(guids.length).toBe(32);
    const stored = [guids.subarray(0, 16), guids.subarray(16, 32)].map((b) => Buffer.from(b).toString('hex'));
    expect(stored).toContain(Buffer.from(PSETID_Common.bytes).toString('hex'));
    expect(stored).toContain(Buffer.from(PS_INTERNET_HEADERS.bytes).toString('hex'));
    // Every entry has a bucket record: LID or CRC of the name, bucket (key ^ (guidIndex << 1 | kind)) % 31.
    let records = 0;
    for (let i = 0; i < 4; i++) {
      const key = u32(entries, 8 * i);
      const ik = u32(entries, 8 * i + 4);
      expect(ik >>> 16).toBe(i);
      let hashKey = key;
      if (ik & 1) {
        const len = u32(strings, key);
        const name = Buffer.from(strings.subarray(key + 4, key + 4 + len)).toString('utf16le');
        const gi = (ik >>> 1) & 0x7fff;
        const isHeaders = Buffer.from(guids.subarray((gi - 3) * 16, (gi - 2) * 16)).equals(Buffer.from(PS_INTERNET_HEADERS.bytes));
        hashKey = crc32Rtf(new Uint8Array(Buffer.from(isHeaders ? name.toLowerCase() : name, 'utf16le')));
        if (gi === 2) expect(name).toBe('Keywords');
      }
      const bucket = (((hashKey ^ (ik & 0xffff)) >>> 0) % 31) + 0x1000;
      const b = nameid.stream(`__substg1.0_${bucket.toString(16).toUpperCase()}0102`)!.readAll();
      const found = Array.from({ length: b.length / 8 }, (_, k) => [u32(b, 8 * k), u32(b, 8 * k + 4)]).some(([h, x]) => h === hashKey && x === ik);
      expect(found).toBe(true);
      records++;
    }
    expect(records).toBe(4);
    const bucketStreams = nameid.entries().filter((e) => /^__substg1\.0_10[01][0-9A-F]0102$/.test(e.name));
    expect(bucketStreams.reduce((n, e) => n + (e.kind === 'stream' ? e.size : 0), 0)).toBe(32);
  });

  it('maps names, not identifiers: a file read into a store map with other identifiers keeps the names', () => {
    const names = newNames();
    const bytes = writeMsg(fixtureMessage(names), names);
    const other = newNames();
    // The second store already uses 0x8000-0x8002 for other names.
    for (let i = 0; i < 3; i++) other.idOf({ lpguid: PS_PUBLIC_STRINGS, ulKind: MNID_STRING, lpwstrName: `taken${i}` }, true);
    const back = readMsg(bytes, other);
    const id = other.idOf({ lpguid: PSETID_Common, ulKind: MNID_ID, lID: 0x8580 })!;
    expect(id).toBeGreaterThanOrEqual(0x8003);
    expect(back.props.get(id)?.Value).toBe('common lid');
  });

  it('writes an ANSI file on request: PT_STRING8 in the code page, no STORE_UNICODE_OK, PR_MESSAGE_CODEPAGE', () => {
    const names = newNames();
    const content = { ...fixtureMessage(names), props: propMap([{ ulPropTag: PR_SUBJECT_W, Value: 'Привет' }, { ulPropTag: PR_BODY_A, Value: 'тело' }]) };
    const bytes = writeMsg(content, names, { unicode: false, codePage: 1251 });
    const cfb = openCompoundFile(bytes);
    expect(Buffer.from(cfb.stream('__substg1.0_0037001E')!.readAll())).toEqual(Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]));
    expect(cfb.stream('__substg1.0_0037001F')).toBeUndefined();
    // Every string of the file is PT_STRING8, subobjects and embedded messages too.
    const listing: string[] = [];
    const walk = (s: ReturnType<typeof cfb.storage>) => s!.entries().forEach((e) => (e.kind === 'stream' ? listing.push(e.name) : walk(e)));
    walk(cfb.root);
    expect(listing.filter((n) => /^__substg1\.0_....(001F|101F)/.test(n))).toEqual([]);
    const back = MsgFile.open(bytes, newNames());
    expect(back.unicode).toBe(false);
    expect(back.getProps([PR_SUBJECT_A, PR_MESSAGE_CODEPAGE, PR_STORE_SUPPORT_MASK])).toEqual([
      { ulPropTag: PR_SUBJECT_A, Value: 'Привет' },
      { ulPropTag: PR_MESSAGE_CODEPAGE, Value: 1251 },
      { ulPropTag: PROP_ID(PR_STORE_SUPPORT_MASK) * 0x10000 + 0xa, Value: 0x8004010f },
    ]);
    // 1251 has no Ä: WideCharToMultiByte's default char.
    expect(back.recipients()[0]!.props.get(0x3001)).toEqual({ ulPropTag: 0x3001001e, Value: 'Ann ?rger' });
    expect(back.embeddedMessage(4)!.getProps([PR_SUBJECT_A])).toEqual([{ ulPropTag: PR_SUBJECT_A, Value: 'Inner — embedded' }]);
  });

  it('writes storage timestamps from the clock and the template CLSID for .oft', () => {
    const names = newNames();
    const clock = new VirtualClock(new Date(Date.UTC(2026, 4, 6)));
    const cfb = openCompoundFile(writeMsg(fixtureMessage(names), names, { clock, template: true }));
    expect(cfb.root.clsid.equals(CLSID_OUTLOOK_TEMPLATE)).toBe(true);
    expect(cfb.storage('__recip_version1.0_#00000000')!.created.ticks).toBe(clock.now().ticks);
    expect(MsgFile.open(writeMsg(fixtureMessage(names), names, { template: true }), names).clsid.equals(CLSID_OUTLOOK_TEMPLATE)).toBe(true);
  });

  it('keeps an OLE attachment\'s storage: read as a compound file in PR_ATTACH_DATA_BIN, written back as a storage', () => {
    const names = newNames();
    const ole = writeCompoundFile({ children: [{ kind: 'stream', name: '\u0001Ole', data: new Uint8Array(20) }, { kind: 'stream', name: 'CONTENTS', data: Uint8Array.from([1, 2, 3]) }] });
    const content = fixtureMessage(names);
    content.attachments = [{ num: 0, props: propMap([{ ulPropTag: PR_ATTACH_METHOD, Value: ATTACH_OLE }, { ulPropTag: PR_ATTACH_DATA_BIN, Value: ole }]) }];
    const bytes = writeMsg(content, names);
    const cfb = openCompoundFile(bytes);
    expect(cfb.stream('__attach_version1.0_#00000000/__substg1.0_3701000D/CONTENTS')!.readAll()).toEqual(Uint8Array.from([1, 2, 3]));
    expect(cfb.stream('__attach_version1.0_#00000000/__substg1.0_37010102')).toBeUndefined();
    const back = readMsg(bytes, names).attachments[0]!;
    expect(back.embedded).toBeUndefined();
    const inner = openCompoundFile(back.props.get(PROP_ID(PR_ATTACH_DATA_BIN))!.Value as Uint8Array);
    expect(inner.stream('CONTENTS')!.readAll()).toEqual(Uint8Array.from([1, 2, 3]));
    expect(inner.stream('\u0001Ole')!.size).toBe(20);
  });
});
