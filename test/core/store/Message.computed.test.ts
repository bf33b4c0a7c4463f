import { describe, it, expect } from 'vitest';
import { makeStore, savedMessage, open, prop } from './messageHelpers.js';
import { newMessage } from '../../../src/core/store/Message.js';
import { computeSubjectPrefix } from '../../../src/core/store/subject.js';
import { messageSize } from '../../../src/core/store/computed.js';
import { PROP_ID, PROP_TAG, PROP_TYPE } from '../../../src/core/props/tags.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import { PT_STRING8, PT_UNSPECIFIED, PT_ERROR } from '../../../src/core/generated/proptypes.js';
import * as T from '../../../src/core/generated/proptags.js';
import {
  KEEP_OPEN_READWRITE,
  MAPI_BCC,
  MAPI_CC,
  MAPI_TO,
  MAPI_P1,
  MAPI_SUBMITTED,
  MSGFLAG_ASSOCIATED,
  MSGFLAG_FROMME,
  MSGFLAG_HASATTACH,
  MSGFLAG_READ,
  MSGFLAG_RN_PENDING,
  MSGFLAG_SUBMIT,
  MSGFLAG_UNMODIFIED,
  MSGFLAG_UNSENT,
  MAPI_MODIFY,
  MAPI_ACCESS_MODIFY,
  MAPI_ACCESS_READ,
  MAPI_ACCESS_DELETE,
} from '../../../src/core/generated/constants.js';
import { MAPI_E_COMPUTED, MAPI_E_NOT_FOUND } from '../../../src/core/generated/scodes.js';
import { FILETIME } from '../../../src/core/props/filetime.js';

const s8 = (tag: number, Value: string): SPropValue => ({ ulPropTag: tag, Value });

describe('subject rules at SaveChanges', () => {
  // pidtagsubjectprefix: "one, two, or three letters (alphabetic only) followed by a colon and a space".
  it.each([
    ['RE: Hello', 'RE: '],
    ['Re: Hello', 'Re: '],
    ['FWD: x', 'FWD: '],
    ['A: x', 'A: '],
    ['Ü: x', 'Ü: '],
    ['ABCD: x', undefined],
    ['1: x', undefined],
    ['R1: x', undefined],
    ['RE:x', undefined],
    [' RE: x', undefined],
    ['R E: x', undefined],
    ['Hello', undefined],
    ['', undefined],
  ])('computeSubjectPrefix(%j) is %j', (subject, expected) => {
    expect(computeSubjectPrefix(subject)).toBe(expected);
  });

  type Case = { name: string; set: SPropValue[]; subject: string | undefined; prefix: string | undefined; normalized: string | undefined };
  const cases: Case[] = [
    { name: 'a prefix is computed from the subject', set: [s8(T.PR_SUBJECT_W, 'RE: Hello')], subject: 'RE: Hello', prefix: 'RE: ', normalized: 'Hello' },
    { name: 'no prefix: normalized = subject, prefix unset', set: [s8(T.PR_SUBJECT_W, 'Hello')], subject: 'Hello', prefix: undefined, normalized: 'Hello' },
    { name: 'only the first prefix is taken', set: [s8(T.PR_SUBJECT_W, 'RE: FW: x')], subject: 'RE: FW: x', prefix: 'RE: ', normalized: 'FW: x' },
    { name: 'four letters are no computed prefix', set: [s8(T.PR_SUBJECT_W, 'Sale: x')], subject: 'Sale: x', prefix: undefined, normalized: 'Sale: x' },
    {
      name: 'an explicit prefix of any length that begins the subject is kept',
      set: [s8(T.PR_SUBJECT_W, 'Sale: x'), s8(T.PR_SUBJECT_PREFIX_W, 'Sale: ')],
      subject: 'Sale: x',
      prefix: 'Sale: ',
      normalized: 'x',
    },
    {
      name: 'an empty prefix makes normalized = subject',
      set: [s8(T.PR_SUBJECT_W, 'RE: x'), s8(T.PR_SUBJECT_PREFIX_W, '')],
      subject: 'RE: x',
      prefix: '',
      normalized: 'RE: x',
    },
    {
      name: 'a prefix that does not begin the subject is recomputed',
      set: [s8(T.PR_SUBJECT_W, 'RE: x'), s8(T.PR_SUBJECT_PREFIX_W, 'FW: ')],
      subject: 'RE: x',
      prefix: 'RE: ',
      normalized: 'x',
    },
    {
      name: 'a prefix that does not begin the subject is deleted when none can be computed',
      set: [s8(T.PR_SUBJECT_W, 'Hello'), s8(T.PR_SUBJECT_PREFIX_W, 'XX: ')],
      subject: 'Hello',
      prefix: undefined,
      normalized: 'Hello',
    },
    {
      name: 'the subject is computed from prefix and normalized subject',
      set: [s8(T.PR_SUBJECT_PREFIX_W, 'RE: '), s8(T.PR_NORMALIZED_SUBJECT_W, 'Hi')],
      subject: 'RE: Hi',
      prefix: 'RE: ',
      normalized: 'Hi',
    },
    { name: 'the subject is computed from a normalized subject alone', set: [s8(T.PR_NORMALIZED_SUBJECT_W, 'Hi')], subject: 'Hi', prefix: undefined, normalized: 'Hi' },
    {
      name: 'a client normalized subject that disagrees with the subject is recomputed',
      set: [s8(T.PR_SUBJECT_W, 'RE: a'), s8(T.PR_NORMALIZED_SUBJECT_W, 'zzz')],
      subject: 'RE: a',
      prefix: 'RE: ',
      normalized: 'a',
    },
    { name: 'no subject at all', set: [s8(T.PR_BODY_W, 'b')], subject: undefined, prefix: undefined, normalized: undefined },
  ];
  it.each(cases)('$name', async (c) => {
    const s = makeStore();
    const { id } = await savedMessage(s, c.set);
    const m = open(s, id);
    expect(await prop(m, T.PR_SUBJECT_W)).toBe(c.subject);
    expect(await prop(m, T.PR_SUBJECT_PREFIX_W)).toBe(c.prefix);
    expect(await prop(m, T.PR_NORMALIZED_SUBJECT_W)).toBe(c.normalized);
  });

  it('recomputes the subject when a later save changes only the normalized subject', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s, [s8(T.PR_SUBJECT_W, 'RE: a')]);
    await msg.setProps([s8(T.PR_NORMALIZED_SUBJECT_W, 'b')]);
    await msg.saveChanges(0);
    expect(await prop(open(s, id), T.PR_SUBJECT_W)).toBe('RE: b');
  });

  it('recomputes prefix and normalized subject when a later save changes the subject', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s, [s8(T.PR_SUBJECT_W, 'RE: a')]);
    await msg.setProps([s8(T.PR_SUBJECT_W, 'FW: b')]);
    await msg.saveChanges(0);
    const m = open(s, id);
    expect(await prop(m, T.PR_SUBJECT_PREFIX_W)).toBe('FW: ');
    expect(await prop(m, T.PR_NORMALIZED_SUBJECT_W)).toBe('b');
  });

  it('removes the computed parts with a deleted subject', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s, [s8(T.PR_SUBJECT_W, 'RE: a')]);
    await msg.deleteProps([T.PR_SUBJECT_W]);
    await msg.saveChanges(0);
    const m = open(s, id);
    expect(await prop(m, T.PR_NORMALIZED_SUBJECT_W)).toBeUndefined();
    expect(await prop(m, T.PR_SUBJECT_PREFIX_W)).toBeUndefined();
  });

  it('computes strings of the type of the subject', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s, [s8(T.PR_SUBJECT_A, 'RE: ansi')]);
    const [n] = await open(s, id).getProps([PROP_TAG(PT_UNSPECIFIED, PROP_ID(T.PR_NORMALIZED_SUBJECT_W))], 0);
    expect(PROP_TYPE(n!.ulPropTag)).toBe(PT_STRING8);
    expect(n!.Value).toBe('ansi');
  });
});

describe('PR_DISPLAY_TO, PR_DISPLAY_CC, PR_DISPLAY_BCC', () => {
  const recip = (name: string, type: number) => ({ rgPropVals: [s8(T.PR_DISPLAY_NAME_W, name), { ulPropTag: T.PR_RECIPIENT_TYPE, Value: type }] });

  it('are empty strings without recipients (pidtagdisplayto: "S_OK and an empty string")', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    expect(await prop(msg, T.PR_DISPLAY_TO_W)).toBe('');
    expect(await prop(msg, T.PR_DISPLAY_CC_W)).toBe('');
    expect(await prop(msg, T.PR_DISPLAY_BCC_W)).toBe('');
  });

  it('join the names of each type with "; ", follow the handle, and reach the table rows at save', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.modifyRecipients(0, [recip('Ann', MAPI_TO), recip('Bob', MAPI_CC), recip('Cid', MAPI_TO), recip('Dee', MAPI_BCC), recip('Old', MAPI_P1), recip('Sub', MAPI_TO | MAPI_SUBMITTED)]);
    expect(await prop(msg, T.PR_DISPLAY_TO_W)).toBe('Ann; Cid; Sub');
    expect(await prop(msg, T.PR_DISPLAY_CC_W)).toBe('Bob');
    expect(await prop(msg, T.PR_DISPLAY_BCC_W)).toBe('Dee');
    expect(await prop(msg, T.PR_DISPLAY_TO_A)).toBe('Ann; Cid; Sub');
    await msg.saveChanges(0);
    const id = s.backend.messageIds(s.folderId, false)[0] as number;
    expect(s.ctx.messageRow(s.backend.message(id)!).props.get(PROP_ID(T.PR_DISPLAY_TO_W))?.Value).toBe('Ann; Cid; Sub');
  });
});

describe('PR_MESSAGE_FLAGS', () => {
  const flags = async (m: { getProps(t: number[], f?: number): Promise<SPropValue[]> }) => (await prop(m, T.PR_MESSAGE_FLAGS)) as number;

  it('starts as MSGFLAG_UNSENT | MSGFLAG_UNMODIFIED, with MSGFLAG_ASSOCIATED for associated messages', async () => {
    const s = makeStore();
    expect(await flags(newMessage(s.ctx, s.folderId, false))).toBe(MSGFLAG_UNSENT | MSGFLAG_UNMODIFIED);
    expect(await flags(newMessage(s.ctx, s.folderId, true))).toBe(MSGFLAG_UNSENT | MSGFLAG_UNMODIFIED | MSGFLAG_ASSOCIATED);
  });

  it('takes READ, UNSENT, FROMME and RESEND from the client before the first save, never the read-only bits', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    const problems = await msg.setProps([{ ulPropTag: T.PR_MESSAGE_FLAGS, Value: MSGFLAG_READ | MSGFLAG_FROMME | MSGFLAG_HASATTACH | MSGFLAG_SUBMIT | MSGFLAG_RN_PENDING }]);
    expect(problems).toEqual([]);
    // UNSENT cleared by the client; UNMODIFIED kept (read-only); HASATTACH, SUBMIT, RN_PENDING refused silently.
    expect(await flags(msg)).toBe(MSGFLAG_READ | MSGFLAG_FROMME | MSGFLAG_UNMODIFIED);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    expect(await flags(msg)).toBe(MSGFLAG_READ | MSGFLAG_FROMME | MSGFLAG_UNMODIFIED);
  });

  it('ignores changes of READ / UNSENT / FROMME after the first save ("read-only as far as SetProps is concerned")', async () => {
    const s = makeStore();
    const { msg } = await savedMessage(s);
    expect(await msg.setProps([{ ulPropTag: T.PR_MESSAGE_FLAGS, Value: MSGFLAG_READ | MSGFLAG_FROMME }])).toEqual([]);
    expect(await flags(msg)).toBe(MSGFLAG_UNSENT | MSGFLAG_UNMODIFIED);
    // Deleting the property does not lose the store's bits either.
    await msg.deleteProps([T.PR_MESSAGE_FLAGS]);
    expect(await flags(msg)).toBe(MSGFLAG_UNSENT | MSGFLAG_UNMODIFIED);
  });

  it('loses MSGFLAG_UNMODIFIED at the second save', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s);
    expect(await flags(open(s, id))).toBe(MSGFLAG_UNSENT | MSGFLAG_UNMODIFIED);
    await msg.setProps([s8(T.PR_SUBJECT_W, 'changed')]);
    await msg.saveChanges(0);
    expect(await flags(open(s, id))).toBe(MSGFLAG_UNSENT);
  });

  it('never keeps MSGFLAG_READ on an associated message', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, true);
    await msg.setProps([{ ulPropTag: T.PR_MESSAGE_FLAGS, Value: MSGFLAG_READ }]);
    expect((await flags(msg)) & MSGFLAG_READ).toBe(0);
  });
});

describe('computed and read-only message properties', () => {
  it.each([
    ['PR_ENTRYID', T.PR_ENTRYID, new Uint8Array(4)],
    ['PR_PARENT_ENTRYID', T.PR_PARENT_ENTRYID, new Uint8Array(4)],
    ['PR_MESSAGE_SIZE', T.PR_MESSAGE_SIZE, 5],
    ['PR_HASATTACH', T.PR_HASATTACH, true],
    ['PR_DISPLAY_TO_W', T.PR_DISPLAY_TO_W, 'x'],
    ['PR_RECORD_KEY', T.PR_RECORD_KEY, new Uint8Array(4)],
    ['PR_CREATION_TIME', T.PR_CREATION_TIME, new FILETIME(1n)],
    ['PR_OBJECT_TYPE', T.PR_OBJECT_TYPE, 1],
    ['PR_ACCESS', T.PR_ACCESS, 1],
    ['PR_STORE_ENTRYID', T.PR_STORE_ENTRYID, new Uint8Array(4)],
  ] as const)('%s cannot be set or deleted (MAPI_E_COMPUTED)', async (_n, tag, Value) => {
    const s = makeStore();
    const { msg } = await savedMessage(s);
    expect(await msg.setProps([{ ulPropTag: tag, Value }])).toEqual([{ ulIndex: 0, ulPropTag: tag, scode: MAPI_E_COMPUTED }]);
    expect(await msg.deleteProps([tag])).toEqual([{ ulIndex: 0, ulPropTag: tag, scode: MAPI_E_COMPUTED }]);
  });

  it('lets the client set PR_LAST_MODIFICATION_TIME until the first save only', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    const t = new FILETIME(130000000000000000n);
    expect(await msg.setProps([{ ulPropTag: T.PR_LAST_MODIFICATION_TIME, Value: t }])).toEqual([]);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    expect(await prop(msg, T.PR_LAST_MODIFICATION_TIME)).toEqual(t);
    expect((await msg.setProps([{ ulPropTag: T.PR_LAST_MODIFICATION_TIME, Value: t }]))[0]?.scode).toBe(MAPI_E_COMPUTED);
  });

  it('has PR_ENTRYID and PR_MESSAGE_SIZE only after the first save', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    const [eid, size, parent] = await msg.getProps([T.PR_ENTRYID, T.PR_MESSAGE_SIZE, T.PR_PARENT_ENTRYID], 0);
    expect(eid).toEqual({ ulPropTag: PROP_TAG(PT_ERROR, PROP_ID(T.PR_ENTRYID)), Value: MAPI_E_NOT_FOUND });
    expect(size?.Value).toBe(MAPI_E_NOT_FOUND);
    expect(parent?.Value).toEqual(s.ctx.folderEntryId(s.folderId));
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    const id = s.backend.messageIds(s.folderId, false)[0] as number;
    expect(await prop(msg, T.PR_ENTRYID)).toEqual(s.ctx.messageEntryId({ id, folderId: s.folderId }));
    expect(await prop(msg, T.PR_MESSAGE_SIZE)).toBe(messageSize(s.backend.message(id)!));
  });

  it('grows PR_MESSAGE_SIZE with the content', async () => {
    const s = makeStore();
    const { msg } = await savedMessage(s);
    const before = (await prop(msg, T.PR_MESSAGE_SIZE)) as number;
    await msg.setProps([s8(T.PR_BODY_W, 'x'.repeat(100))]);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    expect(await prop(msg, T.PR_MESSAGE_SIZE)).toBeGreaterThanOrEqual(before + 200);
  });

  it('reports PR_ACCESS and PR_ACCESS_LEVEL for the handle', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s);
    expect(await prop(open(s, id), T.PR_ACCESS_LEVEL)).toBe(MAPI_MODIFY);
    expect(await prop(open(s, id), T.PR_ACCESS)).toBe(MAPI_ACCESS_READ | MAPI_ACCESS_MODIFY | MAPI_ACCESS_DELETE);
    expect(await prop(open(s, id, false), T.PR_ACCESS_LEVEL)).toBe(0);
    // A save without KEEP_OPEN_READWRITE leaves the handle read-only.
    const m = open(s, id);
    expect(await prop(m, T.PR_ACCESS_LEVEL)).toBe(MAPI_MODIFY);
    await m.saveChanges(0);
    expect(await prop(m, T.PR_ACCESS_LEVEL)).toBe(0);
  });

  it('lists PR_MESSAGE_RECIPIENTS and PR_MESSAGE_ATTACHMENTS in getPropList', async () => {
    const s = makeStore();
    const list = await newMessage(s.ctx, s.folderId, false).getPropList(0);
    expect(list).toEqual(expect.arrayContaining([T.PR_MESSAGE_RECIPIENTS, T.PR_MESSAGE_ATTACHMENTS, T.PR_MESSAGE_FLAGS, T.PR_SEARCH_KEY]));
  });

  it('sets PR_MESSAGE_CLASS to "IPM" when the client did not (pidtagmessageclass)', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s);
    expect(await prop(open(s, id), T.PR_MESSAGE_CLASS_W)).toBe('IPM');
    const other = await savedMessage(s, [s8(T.PR_MESSAGE_CLASS_W, 'IPM.Note')]);
    expect(await prop(open(s, other.id), T.PR_MESSAGE_CLASS_W)).toBe('IPM.Note');
  });
});

describe('identity stamps', () => {
  const bin = async (m: { getProps(t: number[], f?: number): Promise<SPropValue[]> }, tag: number) => (await prop(m, tag)) as Uint8Array | undefined;

  it('gives a new message a PR_SEARCH_KEY at once and keeps it (pidtagsearchkey: "immediately following message creation")', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    const key = await bin(msg, T.PR_SEARCH_KEY);
    expect(key).toHaveLength(16);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    expect(await bin(msg, T.PR_SEARCH_KEY)).toEqual(key);
  });

  it('keeps a search key the client set', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s, [{ ulPropTag: T.PR_SEARCH_KEY, Value: Uint8Array.of(1, 2, 3) }]);
    expect(await bin(open(s, id), T.PR_SEARCH_KEY)).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('stamps PR_RECORD_KEY and PR_CREATION_TIME once, PR_LAST_MODIFICATION_TIME at every save', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    expect(await bin(msg, T.PR_RECORD_KEY)).toBeUndefined();
    const t0 = s.clock.now();
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    const key = await bin(msg, T.PR_RECORD_KEY);
    expect(key).toHaveLength(16);
    expect(await prop(msg, T.PR_CREATION_TIME)).toEqual(t0);
    expect(await prop(msg, T.PR_LAST_MODIFICATION_TIME)).toEqual(t0);
    s.clock.advance(60_000);
    await msg.setProps([s8(T.PR_SUBJECT_W, 'later')]);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    expect(await bin(msg, T.PR_RECORD_KEY)).toEqual(key);
    expect(await prop(msg, T.PR_CREATION_TIME)).toEqual(t0);
    expect(await prop(msg, T.PR_LAST_MODIFICATION_TIME)).toEqual(s.clock.now());
  });

  it('writes a 22-byte change key (store database GUID + counter) and a predecessor change list at every save', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    const ck1 = (await bin(msg, T.PR_CHANGE_KEY)) as Uint8Array;
    expect(ck1).toHaveLength(22);
    expect(ck1.subarray(0, 16)).toEqual(s.dbGuid);
    expect(await bin(msg, T.PR_PREDECESSOR_CHANGE_LIST)).toEqual(Uint8Array.of(22, ...ck1));
    await msg.setProps([s8(T.PR_SUBJECT_W, 'again')]);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    const ck2 = (await bin(msg, T.PR_CHANGE_KEY)) as Uint8Array;
    expect(ck2).not.toEqual(ck1);
    // One namespace: the list holds the latest change only.
    expect(await bin(msg, T.PR_PREDECESSOR_CHANGE_LIST)).toEqual(Uint8Array.of(22, ...ck2));
  });
});
