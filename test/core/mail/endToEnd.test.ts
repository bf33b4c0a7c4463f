/**
 * The helpers over real mail flow: alice's message reaches bob through the spooler and the
 * loopback transport, bob replies, alice forwards, and a resend after an NDR.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { World } from '../../../src/fixtures/index.js';
import { createForward, createReply, createReplyAll, createResend, isConversationChild, mailIdentityOf, startConversation } from '../../../src/core/mail/index.js';
import type { IMAPIFolder, IMessage } from '../../../src/core/store/interfaces.js';
import * as T from '../../../src/core/generated/proptags.js';
import { MAPI_P1, MAPI_SUBMITTED, MAPI_TO } from '../../../src/core/generated/constants.js';
import { col, mailbox, makeWorld, person, prop, recipient, recipientsOf, rows, type Mailbox, type UserName } from './helpers.js';

let world: World<UserName>;
let alice: Mailbox;
let bob: Mailbox;
beforeEach(async () => {
  world = await makeWorld();
  alice = await mailbox(world, 'alice');
  bob = await mailbox(world, 'bob');
});
afterEach(async () => {
  await world.dispose();
});

async function sentItems(box: Mailbox): Promise<Uint8Array> {
  return (await box.store.getProps([T.PR_IPM_SENTMAIL_ENTRYID], 0))[0]!.Value as Uint8Array;
}

/** Submits `m` with its sent copy going to Sent Items, and runs the spooler. */
async function send(box: Mailbox, m: IMessage): Promise<void> {
  await m.setProps([{ ulPropTag: T.PR_SENTMAIL_ENTRYID, Value: await sentItems(box) }]);
  await m.submitMessage(0);
  await world.flush();
}

/** The messages of a folder, newest last, opened read/write. */
async function messages(box: Mailbox, folder: IMAPIFolder): Promise<IMessage[]> {
  const r = await rows(await folder.getContentsTable(0), [T.PR_ENTRYID]);
  return Promise.all(r.map((row) => box.store.openEntry<IMessage>(col(row, T.PR_ENTRYID) as Uint8Array, null, 0x1)));
}

const o = () => ({ clock: world.clock, ids: world.ids });

describe('replies and forwards over the spooler', () => {
  it('bob\'s reply reaches alice in her thread: In-Reply-To her Message-ID, one more index block', async () => {
    const m = await alice.outbox.createMessage(null, 0);
    await m.setProps([{ ulPropTag: T.PR_MESSAGE_CLASS_W, Value: 'IPM.Note' }, { ulPropTag: T.PR_SUBJECT_W, Value: 'Budget' }, { ulPropTag: T.PR_BODY_W, Value: 'Numbers attached.' }]);
    await m.modifyRecipients(0, [{ rgPropVals: recipient(bob.me, MAPI_TO) }, { rgPropVals: recipient(person('carol'), MAPI_TO) }]);
    await startConversation(m, { ...o(), domain: 'example.com' });
    const [firstId, firstIndex] = [await prop(m, T.PR_INTERNET_MESSAGE_ID_W), (await prop(m, T.PR_CONVERSATION_INDEX)) as Uint8Array];
    await send(alice, m); // the submitted handle is invalid from here on

    const [received] = await messages(bob, bob.inbox);
    expect(await prop(received!, T.PR_SUBJECT_W)).toBe('Budget');
    world.clock.advance(5 * 60_000);
    const reply = await createReplyAll(received!, bob.outbox, { ...o(), self: await mailIdentityOf(bob.session) });
    // The spooler stamped alice as the sender; carol stays, bob is left out.
    expect((await recipientsOf(reply)).map(([n]) => n)).toEqual(['alice', 'carol']);
    const replyId = await prop(reply, T.PR_INTERNET_MESSAGE_ID_W);
    await send(bob, reply);

    const inAlice = (await messages(alice, alice.inbox)).at(-1)!;
    expect(await prop(inAlice, T.PR_SUBJECT_W)).toBe('RE: Budget');
    expect(await prop(inAlice, T.PR_IN_REPLY_TO_ID_W)).toBe(firstId);
    expect(isConversationChild(firstIndex, (await prop(inAlice, T.PR_CONVERSATION_INDEX)) as Uint8Array)).toBe(true);
    expect(await prop(received!, T.PR_LAST_VERB_EXECUTED)).toBe(103);

    // alice answers bob only, then forwards to dave.
    const answer = await createReply(inAlice, alice.outbox, o());
    expect(await recipientsOf(answer)).toEqual([['bob', MAPI_TO]]);
    const fwd = await createForward(inAlice, alice.outbox, o());
    await fwd.modifyRecipients(0, [{ rgPropVals: recipient(person('dave'), MAPI_TO) }]);
    await send(alice, fwd);
    const dave = await mailbox(world, 'dave');
    const [inDave] = await messages(dave, dave.inbox);
    // forwarding-a-message.md: the prefix goes before PR_NORMALIZED_SUBJECT (one prefix, not "FW: RE: ").
    expect(await prop(inDave!, T.PR_SUBJECT_W)).toBe('FW: Budget');
    expect(await prop(inDave!, T.PR_CONVERSATION_TOPIC_W)).toBe('Budget');
    expect(((await prop(inDave!, T.PR_CONVERSATION_INDEX)) as Uint8Array).length).toBe(32);
    expect(((await prop(inDave!, T.PR_INTERNET_REFERENCES_W)) as string).split(' ')).toEqual([
      firstId,
      replyId,
    ]);
  });
});

describe('a resend after a non-delivery report', () => {
  it('goes again to the failed recipient, as MAPI_P1, from the NDR the spooler returned', async () => {
    const nobody = { name: 'nobody', smtp: 'nobody@nowhere.invalid' };
    const m = await alice.outbox.createMessage(null, 0);
    await m.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'Minutes' }, { ulPropTag: T.PR_MESSAGE_CLASS_W, Value: 'IPM.Note' }]);
    await m.modifyRecipients(0, [{ rgPropVals: recipient(bob.me, MAPI_TO) }, { rgPropVals: recipient(nobody, MAPI_TO) }]);
    await startConversation(m, o());
    const firstIndex = await prop(m, T.PR_CONVERSATION_INDEX);
    await send(alice, m);
    const [ndr] = await messages(alice, alice.inbox);
    expect(await prop(ndr!, T.PR_MESSAGE_CLASS_W)).toBe('REPORT.IPM.Note.NDR');

    const resend = await createResend(ndr!, alice.outbox);
    expect(await prop(resend, T.PR_SUBJECT_W)).toBe('Minutes');
    expect(await prop(resend, T.PR_CONVERSATION_INDEX)).toEqual(firstIndex);
    const types = await recipientsOf(resend);
    expect(types).toEqual([
      ['bob', (MAPI_TO | MAPI_SUBMITTED) | 0],
      ['nobody', MAPI_TO],
      ['nobody', MAPI_P1],
    ]);
  });
});
