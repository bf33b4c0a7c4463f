import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { World } from '../../../src/fixtures/index.js';
import { createForward, createReply, createReplyAll, parseConversationIndex } from '../../../src/core/mail/index.js';
import type { IMessage } from '../../../src/core/store/interfaces.js';
import * as T from '../../../src/core/generated/proptags.js';
import { KEEP_OPEN_READWRITE } from '../../../src/core/generated/constants.js';
import { deliver, mailbox, makeWorld, person, prop, type Mailbox, type UserName } from './helpers.js';

let world: World<UserName>;
let bob: Mailbox;
beforeAll(async () => {
  world = await makeWorld();
  bob = await mailbox(world, 'bob');
});
afterAll(async () => {
  await world.dispose();
});

type Step = 'reply' | 'replyAll' | 'forward' | 'forwardAsAttachment';
const step = fc.constantFrom<Step>('reply', 'replyAll', 'forward', 'forwardAsAttachment');

async function answer(kind: Step, m: IMessage): Promise<IMessage> {
  const o = { clock: world.clock, ids: world.ids, self: { addressType: 'SMTP', emailAddress: 'bob@example.com' } };
  if (kind === 'reply') return createReply(m, bob.outbox, o);
  if (kind === 'replyAll') return createReplyAll(m, bob.outbox, o);
  return createForward(m, bob.outbox, { ...o, asAttachment: kind === 'forwardAsAttachment' });
}

describe('reply, reply-all and forward chains', () => {
  it('keep the conversation: one child block per step under the same header, the same topic, References growing by each Message-ID', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 6, maxLength: 6 }), async (steps, waits) => {
        const first = await deliver(world, bob, { from: person('alice'), to: [bob.me, person('carol')], subject: 'Plan', body: 'b' });
        const header = ((await prop(first, T.PR_CONVERSATION_INDEX)) as Uint8Array).slice(0, 22);
        const ids = [(await prop(first, T.PR_INTERNET_MESSAGE_ID_W)) as string];
        let current = first;
        for (const [i, kind] of steps.entries()) {
          world.clock.advance(waits[i]!);
          const next = await answer(kind, current);
          await next.saveChanges(KEEP_OPEN_READWRITE);
          const index = (await prop(next, T.PR_CONVERSATION_INDEX)) as Uint8Array;
          expect(index).toHaveLength(22 + 5 * (i + 1));
          expect(index.slice(0, 22)).toEqual(header);
          expect(index.slice(0, index.length - 5)).toEqual(await prop(current, T.PR_CONVERSATION_INDEX));
          expect(parseConversationIndex(index)?.children).toHaveLength(i + 1);
          expect(await prop(next, T.PR_CONVERSATION_TOPIC_W)).toBe('Plan');
          expect(await prop(next, T.PR_NORMALIZED_SUBJECT_W)).toBe('Plan');
          expect(await prop(next, T.PR_INTERNET_REFERENCES_W)).toBe(ids.join(' '));
          const inReplyTo = await prop(next, T.PR_IN_REPLY_TO_ID_W);
          expect(inReplyTo).toBe(kind === 'reply' || kind === 'replyAll' ? ids[ids.length - 1] : undefined);
          const id = (await prop(next, T.PR_INTERNET_MESSAGE_ID_W)) as string;
          expect(ids).not.toContain(id);
          ids.push(id);
          current = next;
        }
      }),
      { numRuns: 15 },
    );
  });

  it('order the thread by conversation index: each answer sorts after the message it answers', async () => {
    const first = await deliver(world, bob, { from: person('alice'), to: [bob.me], subject: 'Sort' });
    const indexes: Uint8Array[] = [(await prop(first, T.PR_CONVERSATION_INDEX)) as Uint8Array];
    let current = first;
    for (const kind of ['reply', 'forward', 'replyAll'] as const) {
      world.clock.advance(3_600_000);
      current = await answer(kind, current);
      indexes.push((await prop(current, T.PR_CONVERSATION_INDEX)) as Uint8Array);
    }
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect([...indexes].map(hex).sort()).toEqual(indexes.map(hex));
    const times = indexes.slice(1).map((x, i) => parseConversationIndex(x)!.children[i]!.time.ticks);
    expect([...times].sort((a, b) => (a < b ? -1 : 1))).toEqual(times);
  });
});
