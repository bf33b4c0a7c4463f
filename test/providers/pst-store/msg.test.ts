/**
 * Every message of the PST samples saves as a .msg (the .msg writer) that our reader and
 * msgreader read back with the same properties, recipients and attachments, embedded
 * messages included.
 */
import MsgReaderModule from '@kenjiuno/msgreader';
import { describe, expect, it } from 'vitest';
import { PR_ATTACH_FILENAME, PR_ATTACH_LONG_FILENAME, PR_DISPLAY_NAME, PR_STORE_SUPPORT_MASK, PR_SUBJECT } from '../../../src/core/generated/proptags.js';
import { PT_ERROR } from '../../../src/core/generated/proptypes.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import type { MessageContent, PropMap } from '../../../src/core/spi/store.js';
import { readMsg, writeMsg } from '../../../src/formats/msg/index.js';
import { openPst } from '../../../src/formats/pst/messaging/index.js';
import { PstBackend } from '../../../src/providers/pst-store/PstBackend.js';
import { ALL_SAMPLES, sampleBytes } from '../../formats/pst/helpers.js';

interface MsgReaderData {
  subject?: string;
  recipients?: unknown[];
  attachments?: { fileName?: string; innerMsgContent?: boolean }[];
}
const MsgReader = ((MsgReaderModule as unknown as { default?: unknown }).default ?? MsgReaderModule) as new (b: Uint8Array) => { getFileData(): MsgReaderData };

/** Every message record of a store, walking the folder tree. */
function allMessages(backend: PstBackend): { id: number; content: MessageContent }[] {
  const out: { id: number; content: MessageContent }[] = [];
  const visit = (id: number) => {
    for (const assoc of [false, true]) for (const m of backend.messageIds(id, assoc)) out.push({ id: m, content: backend.message(m)! });
    for (const c of backend.childFolderIds(id)) visit(c);
  };
  visit(backend.rootId());
  return out;
}

const str = (props: PropMap, tag: number) => {
  const v = props.get(PROP_ID(tag))?.Value;
  return typeof v === 'string' ? v : undefined;
};

/**
 * The properties as comparable entries. PT_ERROR values are not saved; PR_STORE_SUPPORT_MASK
 * is what a .msg file adds ([MS-OXMSG] 2.1.2: it says whether its strings are Unicode).
 */
function comparable(props: PropMap): [number, unknown][] {
  return [...props.values()].filter((p) => (p.ulPropTag & 0xffff) !== PT_ERROR && p.ulPropTag >>> 0 !== PR_STORE_SUPPORT_MASK).map((p) => [p.ulPropTag >>> 0, p.Value] as [number, unknown]).sort((a, b) => a[0] - b[0]);
}

function expectSameContent(read: MessageContent, original: MessageContent, where: string): void {
  expect(comparable(read.props), where).toEqual(comparable(original.props));
  expect(read.recipients.map((r) => comparable(r.props)), where).toEqual(original.recipients.map((r) => comparable(r.props)));
  expect(read.attachments.length, where).toBe(original.attachments.length);
  original.attachments.forEach((a, i) => {
    const b = read.attachments[i]!;
    expect(comparable(b.props), `${where} attachment ${i}`).toEqual(comparable(a.props));
    expect(!!b.embedded, `${where} attachment ${i}`).toBe(!!a.embedded);
    if (a.embedded && b.embedded) expectSameContent(b.embedded, a.embedded, `${where} attachment ${i} embedded`);
  });
}

describe('PST messages saved as .msg', () => {
  it.each(ALL_SAMPLES)('%s: every message writes a .msg that readMsg reads back with the same properties', (sample) => {
    const file = openPst(sampleBytes(sample));
    const backend = new PstBackend(file);
    const messages = allMessages(backend);
    expect(messages.length).toBeGreaterThan(0);
    // An ANSI PST's strings are PT_STRING8: saved in an ANSI .msg they keep that type.
    const unicode = file.ndb.format !== 'ansi';
    for (const { id, content } of messages) {
      const bytes = writeMsg(content, backend.namedProps, { unicode });
      expectSameContent(readMsg(bytes, backend.namedProps), content, `message 0x${id.toString(16)}`);
    }
  });

  it.each(ALL_SAMPLES)('%s: msgreader reads the subject, recipients and attachment names of every saved message', (sample) => {
    const backend = new PstBackend(openPst(sampleBytes(sample)));
    for (const { id, content } of allMessages(backend)) {
      const seen = new MsgReader(writeMsg(content, backend.namedProps)).getFileData();
      const where = `message 0x${id.toString(16)}`;
      expect(seen.subject ?? '', where).toBe(str(content.props, PR_SUBJECT) ?? '');
      expect(seen.recipients?.length ?? 0, where).toBe(content.recipients.length);
      expect(seen.attachments?.length ?? 0, where).toBe(content.attachments.length);
      content.attachments.forEach((a, i) => {
        if (a.embedded) expect(seen.attachments?.[i]?.innerMsgContent, where).toBe(true);
        else expect(seen.attachments?.[i]?.fileName ?? '', where).toBe(str(a.props, PR_ATTACH_LONG_FILENAME) ?? str(a.props, PR_ATTACH_FILENAME) ?? str(a.props, PR_DISPLAY_NAME) ?? '');
      });
    }
  });
});
