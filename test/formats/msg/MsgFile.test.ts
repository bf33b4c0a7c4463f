/** The lazy reader: what opening reads, getProps semantics, subobjects, named properties. */
import { describe, expect, it } from 'vitest';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { ATTACH_BY_VALUE, MNID_ID } from '../../../src/core/generated/constants.js';
import { PSETID_Common } from '../../../src/core/generated/guids.js';
import {
  PR_ATTACH_DATA_BIN, PR_ATTACH_METHOD, PR_BODY_A, PR_BODY_W, PR_CLIENT_SUBMIT_TIME, PR_MESSAGE_CLASS_W, PR_SUBJECT_A,
  PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import { PT_ERROR, PT_UNICODE, PT_UNSPECIFIED } from '../../../src/core/generated/proptypes.js';
import { MAPI_E_CORRUPT_DATA, MAPI_E_NOT_FOUND } from '../../../src/core/generated/scodes.js';
import { PROP_ID, PROP_TAG } from '../../../src/core/props/tags.js';
import { MsgFile, readMsg, writeMsg } from '../../../src/formats/msg/index.js';
import { writeCompoundFile } from '../../../src/formats/cfb/index.js';
import { parseRaw } from '../cfb/rawCfb.js';
import { fixtureMessage, propMap } from './fixture.js';
import { countingSource, newNames, sample } from './helpers.js';

/** A message whose body, attachment data and embedded body are large (each in its own regular sectors). */
function bigMessage() {
  const names = newNames();
  const content = fixtureMessage(names);
  const big = 'Body line of a long message.\r\n'.repeat(2000);
  content.props.set(PROP_ID(PR_BODY_W), { ulPropTag: PR_BODY_W, Value: big });
  content.attachments[0]!.props.set(PROP_ID(PR_ATTACH_DATA_BIN), { ulPropTag: PR_ATTACH_DATA_BIN, Value: new Uint8Array(200_000).fill(0x41) });
  content.attachments[2]!.embedded!.props.set(PROP_ID(PR_BODY_W), { ulPropTag: PR_BODY_W, Value: big });
  return { names, bytes: writeMsg(content, names) };
}

/** File byte ranges of the regular-sector streams whose path matches. */
function streamRanges(bytes: Uint8Array, match: (path: string) => boolean): [number, number][] {
  const raw = parseRaw(bytes);
  const paths = new Map<number, string>([[0, '']]);
  // Parent paths: walk each storage's sibling tree from its child link.
  const stack = [0];
  while (stack.length) {
    const id = stack.pop()!;
    const base = paths.get(id)!;
    const kids: number[] = [];
    const walk = (e: number) => {
      if (e === 0xffffffff || kids.includes(e)) return;
      kids.push(e);
      walk(raw.entries[e]!.left);
      walk(raw.entries[e]!.right);
    };
    walk(raw.entries[id]!.child);
    for (const k of kids) {
      paths.set(k, base ? `${base}/${raw.entries[k]!.name}` : raw.entries[k]!.name);
      if (raw.entries[k]!.type === 1) stack.push(k);
    }
  }
  const out: [number, number][] = [];
  for (const [id, path] of paths) {
    const e = raw.entries[id]!;
    if (e.type !== 2 || e.sizeLow < 4096 || !match(path)) continue;
    for (const s of raw.chain(e.start)) out.push([(s + 1) * raw.sectorSize, (s + 2) * raw.sectorSize]);
  }
  return out;
}

describe('MsgFile.open', () => {
  it('reads three properties without reading the body, the attachments or the embedded message', () => {
    const { names, bytes } = bigMessage();
    const heavy = streamRanges(bytes, (p) => p.includes('1000001F') || p.includes('37010102') || p.includes('3701000D'));
    expect(heavy.length).toBeGreaterThan(100);
    const source = countingSource(bytes);
    const file = MsgFile.open(source, names);
    const [subject, cls, sent] = file.getProps([PR_SUBJECT_W, PR_MESSAGE_CLASS_W, PR_CLIENT_SUBMIT_TIME]);
    expect(subject!.Value).toBe('Grüße from mapi-emu ✓ 日本');
    expect(cls!.Value).toBe('IPM.Note');
    expect(sent!.ulPropTag).toBe(PR_CLIENT_SUBMIT_TIME);
    file.attachmentNums();
    file.propTags();
    const touched = source.reads.filter(([off, len]) => heavy.some(([a, b]) => off < b && off + len > a));
    expect(touched).toEqual([]);
    expect(source.bytesRead).toBeLessThan(bytes.length / 10);
    // Asking for the body does read it: the check above can fail.
    file.getProps([PR_BODY_W]);
    expect(source.reads.some(([off, len]) => heavy.some(([a, b]) => off < b && off + len > a))).toBe(true);
  });

  it('getProps answers MAPI_E_NOT_FOUND for absent properties, matches PT_UNSPECIFIED, converts string types', () => {
    const names = newNames();
    const file = MsgFile.open(writeMsg(fixtureMessage(names), names), names);
    expect(file.getProps([PROP_TAG(PT_UNICODE, 0x7777), PROP_TAG(PT_UNSPECIFIED, PROP_ID(PR_SUBJECT_W)), PR_SUBJECT_A, PROP_TAG(PT_ERROR, 0x0037)])).toEqual([
      { ulPropTag: PROP_TAG(PT_ERROR, 0x7777), Value: MAPI_E_NOT_FOUND },
      { ulPropTag: PR_SUBJECT_W, Value: 'Grüße from mapi-emu ✓ 日本' },
      { ulPropTag: PR_SUBJECT_A, Value: 'Grüße from mapi-emu ✓ 日本' },
      { ulPropTag: PROP_TAG(PT_ERROR, 0x0037), Value: MAPI_E_NOT_FOUND },
    ]);
  });

  it('gives named properties under the store map\'s identifiers', () => {
    const names = newNames();
    const bytes = writeMsg(fixtureMessage(names), names);
    const store = newNames();
    const file = MsgFile.open(bytes, store);
    const id = store.idOf({ lpguid: PSETID_Common, ulKind: MNID_ID, lID: 0x8580 })!;
    expect(file.getProps([PROP_TAG(PT_UNICODE, id)])).toEqual([{ ulPropTag: PROP_TAG(PT_UNICODE, id), Value: 'common lid' }]);
    expect(file.propTags()).toContain(PROP_TAG(PT_UNICODE, id));
  });

  it('reads recipients, attachments and embedded messages lazily, each on its own', () => {
    const names = newNames();
    const file = MsgFile.open(writeMsg(fixtureMessage(names), names), names);
    expect(file.recipients().map((r) => r.rowId)).toEqual([0, 3]);
    expect(file.attachmentNums()).toEqual([0, 1, 4]);
    expect(file.embeddedMessage(0)).toBeUndefined();
    expect(file.embeddedMessage(4)!.getProps([PR_SUBJECT_W])[0]!.Value).toBe('Inner — embedded');
    expect(() => file.embeddedMessage(9)).toThrow(MapiError);
  });

  it('decodes PT_STRING8 in the message code page (PR_INTERNET_CPID 50220: Shift_JIS strings)', () => {
    const file = MsgFile.open(sample('msgreader__nonUnicodeCP932.msg'), newNames());
    expect(file.codePage).toBe(932);
    expect(file.unicode).toBe(false);
    expect(file.getProps([PR_SUBJECT_A])[0]!.Value).toBe('日本語 Non Unicode タイトル');
    expect(String(file.getProps([PR_BODY_A])[0]!.Value)).toContain('日本語 Non Unicode 本文');
  });

  it('tells Unicode from ANSI by the string types, and by STORE_UNICODE_OK when there are no strings', () => {
    const names = newNames();
    const bare = { props: propMap([{ ulPropTag: PR_ATTACH_METHOD, Value: 1 }]), recipients: [], attachments: [], nextAttachNum: 0, nextRowId: 0 };
    expect(MsgFile.open(writeMsg(bare, names), names).unicode).toBe(true);
    expect(MsgFile.open(writeMsg(bare, names, { unicode: false }), names).unicode).toBe(false);
    expect(MsgFile.open(sample('poi__example_sent_regular.msg'), names).unicode).toBe(false);
    expect(MsgFile.open(sample('poi__example_sent_unicode.msg'), names).unicode).toBe(true);
  });

  it('reads an Outlook file with no hash buckets (the new Outlook\'s)', () => {
    const names = newNames();
    const c = readMsg(sample('msgreader__newOutlook_Microsoft_Outlook_test.msg'), names);
    expect(names.size).toBe(30);
    expect([...c.props.keys()].filter((id) => id >= 0x8000).length).toBeGreaterThan(0);
  });

  it('reads a message whose attachment data is missing as an attachment without data', () => {
    const names = newNames();
    const content = { ...fixtureMessage(names), attachments: [{ num: 0, props: propMap([{ ulPropTag: PR_ATTACH_METHOD, Value: ATTACH_BY_VALUE }]) }] };
    const c = readMsg(writeMsg(content, names), names);
    expect(c.attachments[0]!.props.has(PROP_ID(PR_ATTACH_DATA_BIN))).toBe(false);
  });

  it('rejects a file that is not a compound file, and one without a property stream, with MAPI_E_CORRUPT_DATA', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const a = err(() => MsgFile.open(new TextEncoder().encode('From: someone\r\n\r\nnot a .msg'), newNames()));
    expect(MapiError.is(a, MAPI_E_CORRUPT_DATA)).toBe(true);
    const b = err(() => MsgFile.open(writeCompoundFile({ children: [{ kind: 'stream', name: 'x', data: new Uint8Array(3) }] }), newNames()));
    expect(MapiError.is(b, MAPI_E_CORRUPT_DATA)).toBe(true);
    expect((b as Error).message).toContain('__properties_version1.0');
  });
});
