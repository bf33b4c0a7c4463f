import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { World } from '../../../src/fixtures/index.js';
import {
  createForward,
  createReply,
  createReplyAll,
  isConversationChild,
  makeFlatEntryList,
  mailIdentityOf,
  ICON_INDEX_FORWARDED,
  ICON_INDEX_REPLIED,
  NOTEIVERB_FORWARD,
  NOTEIVERB_REPLYTOALL,
  NOTEIVERB_REPLYTOSENDER,
} from '../../../src/core/mail/index.js';
import { oneOffEntryId } from '../../../src/core/session/identity.js';
import type { IMessage } from '../../../src/core/store/interfaces.js';
import type { IStream } from '../../../src/core/props/interfaces.js';
import * as T from '../../../src/core/generated/proptags.js';
import { IID_IMessage, IID_IStream } from '../../../src/core/generated/guids.js';
import { ATTACH_BY_VALUE, ATTACH_EMBEDDED_MSG, KEEP_OPEN_READWRITE, MAPI_BCC, MAPI_CC, MAPI_TO } from '../../../src/core/generated/constants.js';
import { addressGroup, col, deliver, mailbox, makeWorld, person, prop, recipientsOf, rows, scodeOf, type Mailbox, type UserName } from './helpers.js';

let world: World<UserName>;
let bob: Mailbox;
const [alice, carol, dave, eve] = ['alice', 'carol', 'dave', 'eve'].map(person) as [ReturnType<typeof person>, ReturnType<typeof person>, ReturnType<typeof person>, ReturnType<typeof person>];

beforeEach(async () => {
  world = await makeWorld();
  bob = await mailbox(world, 'bob');
});
afterEach(async () => {
  await world.dispose();
});

const opts = () => ({ clock: world.clock, ids: world.ids, self: { addressType: 'SMTP', emailAddress: 'bob@example.com' } });

/** alice -> bob, carol (To), dave (Cc), eve (Bcc): "Lunch?" */
const lunch = () => deliver(world, bob, { from: alice, to: [bob.me, carol], cc: [dave], bcc: [eve], subject: 'Lunch?', body: 'Noon at the usual place.' });

describe('createReply', () => {
  it('addresses the sender, prefixes "RE: " and keeps the topic', async () => {
    const original = await lunch();
    const reply = await createReply(original, bob.outbox, opts());
    expect(await recipientsOf(reply)).toEqual([['alice', MAPI_TO]]);
    expect(await prop(reply, T.PR_SUBJECT_W)).toBe('RE: Lunch?');
    expect(await prop(reply, T.PR_MESSAGE_CLASS_W)).toBe('IPM.Note');
    expect(await prop(reply, T.PR_CONVERSATION_TOPIC_W)).toBe('Lunch?');
    await reply.saveChanges(KEEP_OPEN_READWRITE);
    // The store computes the prefix and the normalized subject from PR_SUBJECT.
    expect(await prop(reply, T.PR_SUBJECT_PREFIX_W)).toBe('RE: ');
    expect(await prop(reply, T.PR_NORMALIZED_SUBJECT_W)).toBe('Lunch?');
  });

  it('extends the conversation index by one child block and threads the Message-IDs', async () => {
    const original = await lunch();
    const reply = await createReply(original, bob.outbox, opts());
    const parentIndex = (await prop(original, T.PR_CONVERSATION_INDEX)) as Uint8Array;
    const index = (await prop(reply, T.PR_CONVERSATION_INDEX)) as Uint8Array;
    expect(parentIndex).toHaveLength(22);
    expect(index).toHaveLength(27);
    expect(isConversationChild(parentIndex, index)).toBe(true);
    const originalId = (await prop(original, T.PR_INTERNET_MESSAGE_ID_W)) as string;
    const replyId = (await prop(reply, T.PR_INTERNET_MESSAGE_ID_W)) as string;
    expect(originalId).toMatch(/^<[0-9A-F.]+@example\.com>$/);
    expect(replyId).toMatch(/^<[0-9A-F.]+@example\.com>$/);
    expect(replyId).not.toBe(originalId);
    expect(await prop(reply, T.PR_IN_REPLY_TO_ID_W)).toBe(originalId);
    expect(await prop(reply, T.PR_INTERNET_REFERENCES_W)).toBe(originalId);
  });

  it('quotes the original text under a header and copies no attachment', async () => {
    const original = await lunch();
    const { attach } = await original.createAttach(null, 0);
    await attach.setProps([{ ulPropTag: T.PR_ATTACH_METHOD, Value: ATTACH_BY_VALUE }, { ulPropTag: T.PR_ATTACH_DATA_BIN, Value: Uint8Array.of(1, 2, 3) }]);
    await attach.saveChanges(0);
    await original.saveChanges(KEEP_OPEN_READWRITE);
    const reply = await createReply(original, bob.outbox, opts());
    const body = (await prop(reply, T.PR_BODY_W)) as string;
    expect(body).toContain('-----Original Message-----\r\nFrom: alice\r\n');
    expect(body).toContain('Subject: Lunch?\r\n\r\nNoon at the usual place.');
    expect(await rows(await reply.getAttachmentTable(0), [T.PR_ATTACH_NUM])).toHaveLength(0);
    const plain = await createReply(original, bob.outbox, { ...opts(), quoteBody: false, markOriginal: false });
    expect(await prop(plain, T.PR_BODY_W)).toBeUndefined();
  });

  it('records the verb, its time and the replied icon on the original', async () => {
    const original = await lunch();
    world.clock.advance(60_000);
    await createReply(original, bob.outbox, opts());
    expect(await prop(original, T.PR_LAST_VERB_EXECUTED)).toBe(NOTEIVERB_REPLYTOSENDER);
    expect(await prop(original, T.PR_ICON_INDEX)).toBe(ICON_INDEX_REPLIED);
    expect(await prop(original, T.PR_LAST_VERB_EXECUTION_TIME)).toEqual(world.clock.now());
    // Saved: another handle sees it.
    const again = await bob.store.openEntry<IMessage>((await prop(original, T.PR_ENTRYID)) as Uint8Array, null, 0);
    expect(await prop(again, T.PR_LAST_VERB_EXECUTED)).toBe(NOTEIVERB_REPLYTOSENDER);
  });

  it('leaves the original alone with markOriginal: false', async () => {
    const original = await lunch();
    await createReply(original, bob.outbox, { ...opts(), markOriginal: false });
    expect(await prop(original, T.PR_LAST_VERB_EXECUTED)).toBeUndefined();
    expect(await prop(original, T.PR_ICON_INDEX)).toBeUndefined();
  });

  it('answers the PR_REPLY_RECIPIENT_ENTRIES list instead of the sender', async () => {
    const list = makeFlatEntryList([oneOffEntryId('Carol C', 'SMTP', 'carol@example.com'), oneOffEntryId('dave', 'SMTP', 'dave@example.com')]);
    const original = await deliver(world, bob, {
      from: alice,
      to: [bob.me],
      subject: 'Team',
      extra: [
        { ulPropTag: T.PR_REPLY_RECIPIENT_ENTRIES, Value: list },
        { ulPropTag: T.PR_REPLY_RECIPIENT_NAMES_W, Value: 'Carol C;Dave D' },
      ],
    });
    const reply = await createReply(original, bob.outbox, opts());
    expect(await recipientsOf(reply)).toEqual([
      ['Carol C', MAPI_TO],
      ['Dave D', MAPI_TO],
    ]);
    const r = await rows(await reply.getRecipientTable(0), [T.PR_EMAIL_ADDRESS_W, T.PR_ADDRTYPE_W]);
    expect(r.map((x) => col(x, T.PR_EMAIL_ADDRESS_W))).toEqual(['carol@example.com', 'dave@example.com']);
  });

  it('falls back to PR_SENDER_* when the original has no PR_SENT_REPRESENTING_*', async () => {
    const m = await bob.inbox.createMessage(null, 0);
    await m.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'hi' }, ...addressGroup('SENDER', carol)]);
    await m.saveChanges(KEEP_OPEN_READWRITE);
    expect(await recipientsOf(await createReply(m, bob.outbox, opts()))).toEqual([['carol', MAPI_TO]]);
  });

  it('sends as the PR_RCVD_REPRESENTING_* user the original was received for', async () => {
    const original = await lunch();
    const reply = await createReply(original, bob.outbox, opts());
    expect(await prop(reply, T.PR_SENT_REPRESENTING_NAME_W)).toBe('bob');
    expect(await prop(reply, T.PR_SENT_REPRESENTING_EMAIL_ADDRESS_W)).toBe('bob@example.com');
  });

  it('stores a nonstandard prefix in PR_SUBJECT_PREFIX', async () => {
    const original = await lunch();
    const reply = await createReply(original, bob.outbox, { ...opts(), prefix: 'Antwort: ' });
    await reply.saveChanges(KEEP_OPEN_READWRITE);
    expect(await prop(reply, T.PR_SUBJECT_W)).toBe('Antwort: Lunch?');
    expect(await prop(reply, T.PR_SUBJECT_PREFIX_W)).toBe('Antwort: ');
    expect(await prop(reply, T.PR_NORMALIZED_SUBJECT_W)).toBe('Lunch?');
  });

  it('answers "RE: " + the normalized subject when replying to a reply', async () => {
    const original = await deliver(world, bob, { from: alice, to: [bob.me], subject: 'RE: FW: plan' });
    const reply = await createReply(original, bob.outbox, opts());
    expect(await prop(reply, T.PR_SUBJECT_W)).toBe('RE: FW: plan');
    expect(await prop(reply, T.PR_CONVERSATION_TOPIC_W)).toBe('FW: plan');
  });

  it('rejects a non-message, a non-folder and malformed options with MAPI_E_INVALID_PARAMETER', async () => {
    const original = await lunch();
    expect(await scodeOf(createReply({} as IMessage, bob.outbox))).toBe('MAPI_E_INVALID_PARAMETER');
    expect(await scodeOf(createReply(original, null as never))).toBe('MAPI_E_INVALID_PARAMETER');
    expect(await scodeOf(createReply(original, bob.outbox, { prefix: '' }))).toBe('MAPI_E_INVALID_PARAMETER');
    expect(await scodeOf(createReply(original, bob.outbox, 5 as never))).toBe('MAPI_E_INVALID_PARAMETER');
    expect(await scodeOf(createReply(original, bob.outbox, { clock: {} as never }))).toBe('MAPI_E_INVALID_PARAMETER');
  });

  it('passes on the store error when the original is read-only and must be marked', async () => {
    const original = await lunch();
    const readOnly = await bob.store.openEntry<IMessage>((await prop(original, T.PR_ENTRYID)) as Uint8Array, null, 0);
    expect(await scodeOf(createReply(readOnly, bob.outbox, opts()))).toBe('MAPI_E_NO_ACCESS');
    expect(await scodeOf(createReply(readOnly, bob.outbox, { ...opts(), markOriginal: false }))).toBe('S_OK');
  });
});

describe('createReplyAll', () => {
  it('answers the sender and the To and Cc recipients, without the user and Bcc recipients', async () => {
    const reply = await createReplyAll(await lunch(), bob.outbox, opts());
    expect(await recipientsOf(reply)).toEqual([
      ['alice', MAPI_TO],
      ['carol', MAPI_TO],
      ['dave', MAPI_CC],
    ]);
  });

  it('leaves out duplicates of the sender and recognizes the user by PR_RECEIVED_BY_* without options.self', async () => {
    const original = await deliver(world, bob, { from: alice, to: [alice, bob.me, carol], cc: [carol], subject: 'x' });
    const reply = await createReplyAll(original, bob.outbox, { clock: world.clock, ids: world.ids });
    expect(await recipientsOf(reply)).toEqual([
      ['alice', MAPI_TO],
      ['carol', MAPI_TO],
    ]);
  });

  it('recognizes the user from the session identity (mailIdentityOf)', async () => {
    const m = await bob.inbox.createMessage(null, 0);
    await m.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'x' }, ...addressGroup('SENT_REPRESENTING', alice)]);
    const { recipient } = await import('./helpers.js');
    await m.modifyRecipients(0, [{ rgPropVals: recipient(bob.me, MAPI_TO) }, { rgPropVals: recipient(carol, MAPI_CC) }, { rgPropVals: recipient(dave, MAPI_BCC) }]);
    await m.saveChanges(KEEP_OPEN_READWRITE);
    const self = await mailIdentityOf(bob.session);
    expect(self.emailAddress).toBe('bob@example.com');
    expect(await recipientsOf(await createReplyAll(m, bob.outbox, { clock: world.clock, ids: world.ids, self }))).toEqual([
      ['alice', MAPI_TO],
      ['carol', MAPI_CC],
    ]);
    expect(await recipientsOf(await createReplyAll(m, bob.outbox, { clock: world.clock, ids: world.ids }))).toEqual([
      ['alice', MAPI_TO],
      ['bob', MAPI_TO],
      ['carol', MAPI_CC],
    ]);
  });

  it('records PR_LAST_VERB_EXECUTED = NOTEIVERB_REPLYTOALL', async () => {
    const original = await lunch();
    await createReplyAll(original, bob.outbox, opts());
    expect(await prop(original, T.PR_LAST_VERB_EXECUTED)).toBe(NOTEIVERB_REPLYTOALL);
    expect(await prop(original, T.PR_ICON_INDEX)).toBe(ICON_INDEX_REPLIED);
  });
});

async function attachFile(m: IMessage, name: string, data: Uint8Array): Promise<void> {
  const { attach } = await m.createAttach(null, 0);
  await attach.setProps([
    { ulPropTag: T.PR_ATTACH_METHOD, Value: ATTACH_BY_VALUE },
    { ulPropTag: T.PR_ATTACH_LONG_FILENAME_W, Value: name },
    { ulPropTag: T.PR_ATTACH_DATA_BIN, Value: data },
  ]);
  await attach.saveChanges(0);
}

describe('createForward', () => {
  it('has no recipients, prefixes "FW: ", threads References but not In-Reply-To', async () => {
    const original = await lunch();
    const fwd = await createForward(original, bob.outbox, opts());
    expect(await recipientsOf(fwd)).toEqual([]);
    expect(await prop(fwd, T.PR_SUBJECT_W)).toBe('FW: Lunch?');
    expect(await prop(fwd, T.PR_IN_REPLY_TO_ID_W)).toBeUndefined();
    expect(await prop(fwd, T.PR_INTERNET_REFERENCES_W)).toBe(await prop(original, T.PR_INTERNET_MESSAGE_ID_W));
    expect(isConversationChild((await prop(original, T.PR_CONVERSATION_INDEX)) as Uint8Array, (await prop(fwd, T.PR_CONVERSATION_INDEX)) as Uint8Array)).toBe(true);
    expect(await prop(original, T.PR_LAST_VERB_EXECUTED)).toBe(NOTEIVERB_FORWARD);
    expect(await prop(original, T.PR_ICON_INDEX)).toBe(ICON_INDEX_FORWARDED);
  });

  it('copies the attachments with their data', async () => {
    const original = await lunch();
    await attachFile(original, 'a.txt', Uint8Array.of(1, 2, 3));
    await attachFile(original, 'b.bin', Uint8Array.of(9));
    await original.saveChanges(KEEP_OPEN_READWRITE);
    const fwd = await createForward(original, bob.outbox, opts());
    await fwd.saveChanges(KEEP_OPEN_READWRITE);
    const r = await rows(await fwd.getAttachmentTable(0), [T.PR_ATTACH_NUM, T.PR_ATTACH_LONG_FILENAME_W]);
    expect(r.map((x) => col(x, T.PR_ATTACH_LONG_FILENAME_W))).toEqual(['a.txt', 'b.bin']);
    const a = await fwd.openAttach(col(r[0], T.PR_ATTACH_NUM) as number, null, 0);
    expect((await a.getProps([T.PR_ATTACH_DATA_BIN], 0))[0]?.Value).toEqual(Uint8Array.of(1, 2, 3));
    expect(await prop(fwd, T.PR_HASATTACH)).toBe(true);
    // The original keeps its own attachments.
    expect(await rows(await original.getAttachmentTable(0), [T.PR_ATTACH_NUM])).toHaveLength(2);
  });

  it('attaches the original as an embedded message with asAttachment', async () => {
    const original = await lunch();
    await attachFile(original, 'a.txt', Uint8Array.of(1));
    await original.saveChanges(KEEP_OPEN_READWRITE);
    const fwd = await createForward(original, bob.outbox, { ...opts(), asAttachment: true });
    await fwd.saveChanges(KEEP_OPEN_READWRITE);
    expect(await prop(fwd, T.PR_BODY_W)).toBeUndefined();
    const r = await rows(await fwd.getAttachmentTable(0), [T.PR_ATTACH_NUM, T.PR_ATTACH_METHOD, T.PR_DISPLAY_NAME_W]);
    expect(r).toHaveLength(1);
    expect(col(r[0], T.PR_ATTACH_METHOD)).toBe(ATTACH_EMBEDDED_MSG);
    expect(col(r[0], T.PR_DISPLAY_NAME_W)).toBe('Lunch?');
    const attach = await fwd.openAttach(col(r[0], T.PR_ATTACH_NUM) as number, null, 0);
    const inner = await attach.openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, 0);
    expect(await prop(inner, T.PR_SUBJECT_W)).toBe('Lunch?');
    expect(await prop(inner, T.PR_INTERNET_MESSAGE_ID_W)).toBe(await prop(original, T.PR_INTERNET_MESSAGE_ID_W));
    expect((await recipientsOf(inner)).map(([n]) => n)).toEqual(['bob', 'carol', 'dave', 'eve']);
    expect(await rows(await inner.getAttachmentTable(0), [T.PR_ATTACH_NUM])).toHaveLength(1);
  });

  it('reads a body too large for GetProps through its stream', async () => {
    const big = 'x'.repeat(40_000);
    const original = await deliver(world, bob, { from: alice, to: [bob.me], subject: 'big' });
    const s = await original.openProperty<IStream>(T.PR_BODY_W, IID_IStream, 0, 0x2 | 0x1);
    const bytes = new Uint8Array(big.length * 2);
    for (let i = 0; i < big.length; i++) bytes[i * 2] = big.charCodeAt(i);
    await s.write(bytes);
    await s.commit(0);
    await original.saveChanges(KEEP_OPEN_READWRITE);
    const fwd = await createForward(original, bob.outbox, { ...opts(), markOriginal: false });
    const s2 = await fwd.openProperty<IStream>(T.PR_BODY_W, IID_IStream, 0, 0);
    let total = 0;
    for (;;) {
      const c = await s2.read(65536);
      if (c.length === 0) break;
      total += c.length;
    }
    expect(total / 2).toBeGreaterThan(big.length);
  });
});
