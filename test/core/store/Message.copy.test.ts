import { describe, it, expect } from 'vitest';
import { makeStore, savedMessage, open, prop, allRows, cell } from './messageHelpers.js';
import { newMessage, restampCopy } from '../../../src/core/store/Message.js';
import { copyMessageTo, deleteMessages } from '../../../src/core/store/messageOps.js';
import { PROP_ID, PROP_TAG, PROP_TYPE } from '../../../src/core/props/tags.js';
import type { MAPINAMEID } from '../../../src/core/props/types.js';
import type { IMessage } from '../../../src/core/store/interfaces.js';
import * as T from '../../../src/core/generated/proptags.js';
import { PT_UNICODE } from '../../../src/core/generated/proptypes.js';
import {
  KEEP_OPEN_READWRITE,
  MAPI_CC,
  MAPI_CREATE,
  MAPI_MODIFY,
  MAPI_MOVE,
  MAPI_NOREPLACE,
  MAPI_TO,
  MAPI_UNICODE,
  MNID_STRING,
} from '../../../src/core/generated/constants.js';
import { IID_IMessage, PS_PUBLIC_STRINGS } from '../../../src/core/generated/guids.js';

const recip = (n: string, type = MAPI_TO) => ({ rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: n }, { ulPropTag: T.PR_RECIPIENT_TYPE, Value: type }] });
const nameOf = (s: string): MAPINAMEID => ({ lpguid: PS_PUBLIC_STRINGS, ulKind: MNID_STRING, lpwstrName: s });

/** A saved message with a subject, two recipients, a by-value attachment and an embedded message. */
async function richMessage(s: ReturnType<typeof makeStore>) {
  const { id, msg } = await savedMessage(s, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'RE: rich' }]);
  await msg.modifyRecipients(0, [recip('Ann'), recip('Bob', MAPI_CC)]);
  const a = await msg.createAttach(null, 0);
  await a.attach.setProps([{ ulPropTag: T.PR_ATTACH_LONG_FILENAME_W, Value: 'a.bin' }, { ulPropTag: T.PR_ATTACH_DATA_BIN, Value: Uint8Array.of(1, 2, 3) }]);
  await a.attach.saveChanges(0);
  const b = await msg.createAttach(null, 0);
  const inner = await b.attach.openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, MAPI_CREATE | MAPI_MODIFY);
  await inner.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'inner' }]);
  await inner.saveChanges(0);
  await b.attach.saveChanges(0);
  await msg.saveChanges(KEEP_OPEN_READWRITE);
  return { id, msg };
}

async function names(t: Promise<import('../../../src/core/table/interfaces.js').IMAPITable>, tag: number) {
  return (await allRows(await t)).map((r) => cell(r, tag));
}

describe('IMessage.copyTo', () => {
  it('copies properties, recipients and attachments (embedded messages in depth) into another message', async () => {
    const s = makeStore();
    const { id } = await richMessage(s);
    const src = open(s, id, false);
    const dest = newMessage(s.ctx, s.folderId, false);
    expect(await src.copyTo(null, null, null, IID_IMessage, dest, 0)).toEqual([]);
    expect(await prop(dest, T.PR_SUBJECT_W)).toBe('RE: rich');
    expect(await names(dest.getRecipientTable(MAPI_UNICODE), T.PR_DISPLAY_NAME_W)).toEqual(['Ann', 'Bob']);
    expect(await prop(dest, T.PR_DISPLAY_CC_W)).toBe('Bob');
    expect(await names(dest.getAttachmentTable(MAPI_UNICODE), T.PR_ATTACH_LONG_FILENAME_W)).toEqual(['a.bin', undefined]);
    const inner = await (await dest.openAttach(1, null, 0)).openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, 0);
    expect(await prop(inner, T.PR_SUBJECT_W)).toBe('inner');
    expect(await prop(await dest.openAttach(0, null, 0), T.PR_ATTACH_DATA_BIN)).toEqual(Uint8Array.of(1, 2, 3));

    // The copy is a message of its own: a new record key, the same search key.
    await dest.saveChanges(0);
    const copyId = s.backend.messageIds(s.folderId, false).find((m) => m !== id) as number;
    const copy = s.backend.message(copyId)!;
    const orig = s.backend.message(id)!;
    expect(copy.props.get(PROP_ID(T.PR_RECORD_KEY))?.Value).not.toEqual(orig.props.get(PROP_ID(T.PR_RECORD_KEY))?.Value);
    expect(copy.props.get(PROP_ID(T.PR_SEARCH_KEY))?.Value).toEqual(orig.props.get(PROP_ID(T.PR_SEARCH_KEY))?.Value);
  });

  it('leaves out recipients or attachments named in the exclude list', async () => {
    const s = makeStore();
    const { id } = await richMessage(s);
    const src = open(s, id, false);
    const d1 = newMessage(s.ctx, s.folderId, false);
    await src.copyTo(null, [T.PR_MESSAGE_RECIPIENTS], null, IID_IMessage, d1, 0);
    expect(await names(d1.getRecipientTable(0), T.PR_ROWID)).toEqual([]);
    expect(await prop(d1, T.PR_HASATTACH)).toBe(true);
    const d2 = newMessage(s.ctx, s.folderId, false);
    await src.copyTo(null, [T.PR_MESSAGE_ATTACHMENTS], null, IID_IMessage, d2, 0);
    expect(await prop(d2, T.PR_HASATTACH)).toBe(false);
    expect(await prop(d2, T.PR_DISPLAY_TO_W)).toBe('Ann');
  });

  it('copies only the subobjects copyProps names', async () => {
    const s = makeStore();
    const { id } = await richMessage(s);
    const dest = newMessage(s.ctx, s.folderId, false);
    await open(s, id, false).copyProps([T.PR_MESSAGE_ATTACHMENTS], null, IID_IMessage, dest, 0);
    expect(await prop(dest, T.PR_SUBJECT_W)).toBeUndefined();
    expect(await prop(dest, T.PR_DISPLAY_TO_W)).toBe('');
    expect(await names(dest.getAttachmentTable(0), T.PR_ATTACH_NUM)).toEqual([0, 1]);
  });

  it('keeps the destination’s recipients with MAPI_NOREPLACE', async () => {
    const s = makeStore();
    const { id } = await richMessage(s);
    const dest = newMessage(s.ctx, s.folderId, false);
    await dest.modifyRecipients(0, [recip('Zed')]);
    await open(s, id, false).copyTo(null, null, null, IID_IMessage, dest, MAPI_NOREPLACE);
    expect(await names(dest.getRecipientTable(MAPI_UNICODE), T.PR_DISPLAY_NAME_W)).toEqual(['Zed']);
  });

  it('takes recipients and attachments from the source with MAPI_MOVE', async () => {
    const s = makeStore();
    const { msg } = await richMessage(s);
    const dest = newMessage(s.ctx, s.folderId, false);
    await msg.copyTo(null, null, null, IID_IMessage, dest, MAPI_MOVE);
    expect(await prop(msg, T.PR_DISPLAY_TO_W)).toBe('');
    expect(await prop(msg, T.PR_HASATTACH)).toBe(false);
    expect(await prop(dest, T.PR_HASATTACH)).toBe(true);
  });

  it('re-maps named properties of a message, its recipients and attachments into another store', async () => {
    const s1 = makeStore({ seed: 1 });
    const s2 = makeStore({ seed: 2 });
    const [mine] = await newMessage(s1.ctx, s1.folderId, false).getIDsFromNames([nameOf('mine')], MAPI_CREATE);
    // Take 0x8000 in the destination store first, so the identifiers differ.
    await newMessage(s2.ctx, s2.folderId, false).getIDsFromNames([nameOf('other')], MAPI_CREATE);
    const tag = PROP_TAG(PT_UNICODE, PROP_ID(mine as number));
    const { id, msg } = await savedMessage(s1, [{ ulPropTag: tag, Value: 'on message' }]);
    await msg.modifyRecipients(0, [{ rgPropVals: [...recip('Ann').rgPropVals, { ulPropTag: tag, Value: 'on recipient' }] }]);
    const a = await msg.createAttach(null, 0);
    await a.attach.setProps([{ ulPropTag: tag, Value: 'on attachment' }]);
    await a.attach.saveChanges(0);
    await msg.saveChanges(0);

    const dest = newMessage(s2.ctx, s2.folderId, false);
    await open(s1, id, false).copyTo(null, null, null, IID_IMessage, dest, 0);
    const [there] = await dest.getIDsFromNames([nameOf('mine')], 0);
    expect(PROP_ID(there as number)).not.toBe(PROP_ID(mine as number));
    const destTag = PROP_TAG(PT_UNICODE, PROP_ID(there as number));
    expect(await prop(dest, destTag)).toBe('on message');
    const rt = await dest.getRecipientTable(MAPI_UNICODE);
    await rt.setColumns([destTag], 0);
    expect((await allRows(rt)).map((r) => cell(r, destTag))).toEqual(['on recipient']);
    expect(await prop(await dest.openAttach(0, null, 0), destTag)).toBe('on attachment');
  });
});

describe('restampCopy and copyMessageTo', () => {
  it('gives a copy a new identity and keeps its search key', async () => {
    const s = makeStore();
    const { id } = await richMessage(s);
    s.clock.advance(3600_000);
    const copy = await copyMessageTo(s.ctx, id, s.ctx, s.folderId, false, restampCopy);
    const orig = s.backend.message(id)!;
    const get = (r: typeof orig, t: number) => r.props.get(PROP_ID(t))?.Value;
    expect(get(copy, T.PR_RECORD_KEY)).not.toEqual(get(orig, T.PR_RECORD_KEY));
    expect(get(copy, T.PR_SEARCH_KEY)).toEqual(get(orig, T.PR_SEARCH_KEY));
    expect(get(copy, T.PR_CREATION_TIME)).toEqual(s.clock.now());
    expect(get(copy, T.PR_LAST_MODIFICATION_TIME)).toEqual(s.clock.now());
    const ck = get(copy, T.PR_CHANGE_KEY) as Uint8Array;
    expect(ck).not.toEqual(get(orig, T.PR_CHANGE_KEY));
    expect(get(copy, T.PR_PREDECESSOR_CHANGE_LIST)).toEqual(Uint8Array.of(22, ...ck));
    // The copy opens like any message, attachments and all.
    const m = open(s, copy.id, false);
    expect(await prop(m, T.PR_SUBJECT_W)).toBe('RE: rich');
    expect(await prop(m, T.PR_HASATTACH)).toBe(true);
    expect(PROP_TYPE((await m.getProps([T.PR_ENTRYID], 0))[0]!.ulPropTag)).toBe(PROP_TYPE(T.PR_ENTRYID));
  });

  it('makes a live copy of a soft-deleted message', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s);
    await deleteMessages(s.ctx, [id], false);
    const copy = await copyMessageTo(s.ctx, id, s.ctx, s.folderId, false, restampCopy);
    expect(copy.softDeleted).toBeFalsy();
    expect(s.ctx.folderCounts(s.folderId).content).toBe(1);
  });
});
