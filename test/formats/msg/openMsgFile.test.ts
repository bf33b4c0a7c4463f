/** openMsgFile / saveMsgFile: a .msg file as the store kit's IMessage, written back atomically. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { KEEP_OPEN_READWRITE, MAPI_CREATE, MAPI_MODIFY, MAPI_TO, MNID_STRING, MODRECIP_ADD } from '../../../src/core/generated/constants.js';
import { PS_PUBLIC_STRINGS } from '../../../src/core/generated/guids.js';
import {
  PR_ATTACH_DATA_BIN, PR_ATTACH_LONG_FILENAME_W, PR_BODY_W, PR_DISPLAY_NAME_W,
  PR_EMAIL_ADDRESS_W, PR_ADDRTYPE_W, PR_RECIPIENT_TYPE, PR_SUBJECT_A, PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import { PT_UNICODE } from '../../../src/core/generated/proptypes.js';
import { MAPI_E_CORRUPT_DATA, MAPI_E_NO_ACCESS, MAPI_E_NOT_FOUND, MAPI_E_UNKNOWN_FLAGS } from '../../../src/core/generated/scodes.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import { PROP_TAG } from '../../../src/core/props/tags.js';
import type { IMessage } from '../../../src/core/store/interfaces.js';
import { MsgFile, openMsgFile, readMsg, saveMsgFile, writeFileAtomic } from '../../../src/formats/msg/index.js';
import { newNames, sample } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'msg-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (name = 'm.msg') => join(dir, `${n++}-${name}`);
const opts = () => ({ clock: new VirtualClock(), ids: new SeededIds(7) });

async function rejection(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
  } catch (e) {
    return e instanceof MapiError ? e.scode : -1;
  }
  return undefined;
}

async function one(msg: { getProps(t: number[]): Promise<{ ulPropTag: number; Value: unknown }[]> }, tag: number): Promise<unknown> {
  const [v] = await msg.getProps([tag]);
  return v!.ulPropTag === tag ? v!.Value : undefined;
}

describe('openMsgFile', () => {
  it('opens a sample as an IMessage with its properties, recipients and attachments', async () => {
    const path = fresh();
    writeFileSync(path, sample('msgreader__attachmentFiles.msg'));
    const msg = await openMsgFile(path, 0, opts());
    expect(await one(msg, PR_SUBJECT_W)).toBe(MsgFile.open(sample('msgreader__attachmentFiles.msg'), newNames()).getProps([PR_SUBJECT_W])[0]!.Value);
    const recips = await (await msg.getRecipientTable(0)).queryRows(100, 0);
    expect(recips.length).toBe(1);
    const atts = await (await msg.getAttachmentTable(0)).queryRows(100, 0);
    expect(atts.length).toBe(3);
  });

  it('saveChanges writes the file back, and the change is there when it is opened again', async () => {
    const path = fresh();
    writeFileSync(path, sample('msgreader__msgInMsg.msg'));
    const msg = await openMsgFile(path, MAPI_MODIFY, opts());
    await msg.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'changed ✓' }]);
    // Not yet saved: the file is unchanged.
    expect(MsgFile.open(readFileSync(path), newNames()).getProps([PR_SUBJECT_W])[0]!.Value).not.toBe('changed ✓');
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    const again = await openMsgFile(path, 0, opts());
    expect(await one(again, PR_SUBJECT_W)).toBe('changed ✓');
    // The embedded message survived the round trip through the kit.
    const before = readMsg(sample('msgreader__msgInMsg.msg'), newNames());
    const after = readMsg(readFileSync(path), newNames());
    expect(after.attachments.filter((a) => a.embedded).length).toBe(before.attachments.filter((a) => a.embedded).length);
    // No temporary file is left beside it.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps an ANSI file ANSI when it writes it back', async () => {
    const path = fresh();
    writeFileSync(path, sample('msgreader__nonUnicodeCP932.msg'));
    const msg = await openMsgFile(path, MAPI_MODIFY, opts());
    await msg.setProps([{ ulPropTag: PR_BODY_W, Value: '本文' }]);
    await msg.saveChanges(0);
    const file = MsgFile.open(readFileSync(path), newNames());
    expect(file.unicode).toBe(false);
    expect(file.getProps([PR_SUBJECT_A])[0]!.Value).toBe('日本語 Non Unicode タイトル');
  });

  it('is read-only without MAPI_MODIFY', async () => {
    const path = fresh();
    writeFileSync(path, sample('msgreader__Simple.msg'));
    const msg = await openMsgFile(path, 0, opts());
    expect(await rejection(msg.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'x' }]))).toBe(MAPI_E_NO_ACCESS);
  });

  it('creates a new message with MAPI_CREATE: recipients, attachments, named properties reach the file', async () => {
    const path = fresh();
    const msg = await openMsgFile(path, MAPI_CREATE | MAPI_MODIFY, opts());
    await msg.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'new one' }, { ulPropTag: PR_BODY_W, Value: 'body' }]);
    await msg.modifyRecipients(MODRECIP_ADD, [{ rgPropVals: [
      { ulPropTag: PR_DISPLAY_NAME_W, Value: 'Ann' }, { ulPropTag: PR_ADDRTYPE_W, Value: 'SMTP' },
      { ulPropTag: PR_EMAIL_ADDRESS_W, Value: 'ann@example.org' }, { ulPropTag: PR_RECIPIENT_TYPE, Value: MAPI_TO },
    ] }]);
    const { attach } = await msg.createAttach(null, 0);
    await attach.setProps([{ ulPropTag: PR_ATTACH_LONG_FILENAME_W, Value: 'a.txt' }, { ulPropTag: PR_ATTACH_DATA_BIN, Value: Uint8Array.from([1, 2, 3]) }]);
    await attach.saveChanges(0);
    const [tag] = await msg.getIDsFromNames([{ lpguid: PS_PUBLIC_STRINGS, ulKind: MNID_STRING, lpwstrName: 'MyProp' }], MAPI_CREATE);
    await msg.setProps([{ ulPropTag: PROP_TAG(PT_UNICODE, tag! >>> 16), Value: 'named value' }]);
    await msg.saveChanges(0);
    const names = newNames();
    const c = readMsg(readFileSync(path), names);
    expect(c.props.get(PR_SUBJECT_W >>> 16)?.Value).toBe('new one');
    expect(c.recipients.map((r) => r.props.get(PR_DISPLAY_NAME_W >>> 16)?.Value)).toEqual(['Ann']);
    expect(c.attachments[0]!.props.get(PR_ATTACH_DATA_BIN >>> 16)?.Value).toEqual(Uint8Array.from([1, 2, 3]));
    const id = names.idOf({ lpguid: PS_PUBLIC_STRINGS, ulKind: MNID_STRING, lpwstrName: 'MyProp' })!;
    expect(c.props.get(id)?.Value).toBe('named value');
  });

  it('answers MAPI_E_NOT_FOUND for a missing file, MAPI_E_CORRUPT_DATA for a damaged one, MAPI_E_UNKNOWN_FLAGS for unknown flags', async () => {
    expect(await rejection(openMsgFile(join(dir, 'nothing-here.msg'), 0))).toBe(MAPI_E_NOT_FOUND);
    const bad = fresh();
    writeFileSync(bad, sample('poi__unknown_properties.msg'));
    expect(await rejection(openMsgFile(bad, 0))).toBe(MAPI_E_CORRUPT_DATA);
    expect(await rejection(openMsgFile(bad, 0x1000))).toBe(MAPI_E_UNKNOWN_FLAGS);
  });
});

describe('saveMsgFile', () => {
  it('writes any IMessage (with its unsaved changes) through CopyTo, embedded messages included', async () => {
    const src = fresh();
    writeFileSync(src, sample('msgreader__msgInMsgInMsg.msg'));
    const msg: IMessage = await openMsgFile(src, MAPI_MODIFY, opts());
    await msg.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'unsaved subject' }]);
    const out = fresh('out.msg');
    await saveMsgFile(msg, out, opts());
    const names = newNames();
    const c = readMsg(readFileSync(out), names);
    expect(c.props.get(PR_SUBJECT_W >>> 16)?.Value).toBe('unsaved subject');
    const orig = readMsg(sample('msgreader__msgInMsgInMsg.msg'), newNames());
    const depth = (x: typeof c): number => Math.max(0, ...x.attachments.map((a) => (a.embedded ? 1 + depth(a.embedded) : 0)));
    expect(depth(c)).toBe(depth(orig));
    // Attachments keep their data.
    const data = (x: typeof c) => x.attachments.map((a) => (a.props.get(PR_ATTACH_DATA_BIN >>> 16)?.Value as Uint8Array | undefined)?.length ?? -1);
    expect(data(c)).toEqual(data(orig));
  });

  it('writes an ANSI file on request', async () => {
    const src = fresh();
    writeFileSync(src, sample('msgreader__Simple.msg'));
    const out = fresh('ansi.msg');
    await saveMsgFile(await openMsgFile(src, 0, opts()), out, { ...opts(), unicode: false });
    expect(MsgFile.open(readFileSync(out), newNames()).unicode).toBe(false);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file', async () => {
    const path = fresh('atomic.bin');
    writeFileSync(path, 'old');
    await writeFileAtomic(path, new TextEncoder().encode('new content'));
    expect(readFileSync(path, 'utf8')).toBe('new content');
    expect(readdirSync(dir).filter((f) => f.includes('atomic.bin.'))).toEqual([]);
  });

  it('answers a MAPI error when the directory does not exist', async () => {
    const path = join(dir, 'no-such-dir', 'x.msg');
    expect(await rejection(writeFileAtomic(path, new Uint8Array(3)))).toBe(MAPI_E_NOT_FOUND);
  });
});

