import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { World } from '../../../src/fixtures/index.js';
import { createReply, createResend, isNonDeliveryReportClass } from '../../../src/core/mail/index.js';
import type { IMessage } from '../../../src/core/store/interfaces.js';
import * as T from '../../../src/core/generated/proptags.js';
import { IID_IMessage } from '../../../src/core/generated/guids.js';
import {
  ATTACH_EMBEDDED_MSG,
  KEEP_OPEN_READWRITE,
  MAPI_CC,
  MAPI_CREATE,
  MAPI_MODIFY,
  MAPI_P1,
  MAPI_SUBMITTED,
  MAPI_TO,
  MSGFLAG_RESEND,
  MSGFLAG_UNSENT,
} from '../../../src/core/generated/constants.js';
import { addressGroup, col, deliver, mailbox, makeWorld, person, prop, recipient, recipientsOf, rows, scodeOf, type Mailbox, type UserName } from './helpers.js';

let world: World<UserName>;
let alice: Mailbox;
beforeEach(async () => {
  world = await makeWorld();
  alice = await mailbox(world, 'alice');
});
afterEach(async () => {
  await world.dispose();
});

const nobody = { name: 'nobody', smtp: 'nobody@nowhere.invalid' };

/** What alice sent: to bob and nobody, Cc carol, with a conversation started. */
async function sent(): Promise<IMessage> {
  return deliver(world, alice, { from: alice.me, to: [person('bob'), nobody], cc: [person('carol')], subject: 'Report', body: 'numbers' });
}

/** The NDR a transport returns for `original`: failed recipient nobody, the original embedded (unless `embed` is false). */
async function ndrFor(original: IMessage | undefined, embed = true): Promise<IMessage> {
  const ndr = await alice.inbox.createMessage(null, 0);
  await ndr.setProps([
    { ulPropTag: T.PR_MESSAGE_CLASS_W, Value: 'REPORT.IPM.Note.NDR' },
    { ulPropTag: T.PR_ORIG_MESSAGE_CLASS_W, Value: 'IPM.Note' },
    { ulPropTag: T.PR_SUBJECT_W, Value: 'Undeliverable: Report' },
    { ulPropTag: T.PR_ORIGINAL_SUBJECT_W, Value: 'Report' },
    { ulPropTag: T.PR_CONVERSATION_TOPIC_W, Value: 'Report' },
    ...addressGroup('SENDER', { name: 'System Administrator', smtp: 'postmaster@example.com' }),
  ]);
  await ndr.modifyRecipients(0, [{ rgPropVals: [...recipient(nobody, MAPI_TO), { ulPropTag: T.PR_NDR_REASON_CODE, Value: 1 }, { ulPropTag: T.PR_NDR_DIAG_CODE, Value: 0 }] }]);
  if (original && embed) {
    const { attach } = await ndr.createAttach(null, 0);
    await attach.setProps([{ ulPropTag: T.PR_ATTACH_METHOD, Value: ATTACH_EMBEDDED_MSG }]);
    const inner = await attach.openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, MAPI_CREATE | MAPI_MODIFY);
    await original.copyTo(null, null, null, IID_IMessage, inner, 0);
    await inner.saveChanges(0);
    await attach.saveChanges(0);
  }
  await ndr.saveChanges(KEEP_OPEN_READWRITE);
  return ndr;
}

describe('createResend', () => {
  it('copies the original with MSGFLAG_RESEND, the delivered recipients MAPI_SUBMITTED and the failed one again as MAPI_P1', async () => {
    const original = await sent();
    const resend = await createResend(await ndrFor(original), alice.outbox);
    await resend.saveChanges(KEEP_OPEN_READWRITE);
    expect(await prop(resend, T.PR_MESSAGE_CLASS_W)).toBe('IPM.Note');
    expect(await prop(resend, T.PR_SUBJECT_W)).toBe('Report');
    expect(await prop(resend, T.PR_BODY_W)).toBe('numbers');
    const flags = (await prop(resend, T.PR_MESSAGE_FLAGS)) as number;
    expect(flags & (MSGFLAG_RESEND | MSGFLAG_UNSENT)).toBe(MSGFLAG_RESEND | MSGFLAG_UNSENT);
    expect(await recipientsOf(resend)).toEqual([
      ['bob', (MAPI_TO | MAPI_SUBMITTED) | 0],
      ['nobody', MAPI_TO],
      ['carol', (MAPI_CC | MAPI_SUBMITTED) | 0],
      ['nobody', MAPI_P1],
    ]);
    // The NDR's per-recipient codes stay on the report.
    const r = await rows(await resend.getRecipientTable(0), [T.PR_NDR_REASON_CODE, T.PR_EMAIL_ADDRESS_W]);
    expect(r.every((x) => typeof col(x, T.PR_NDR_REASON_CODE) !== 'number')).toBe(true);
    expect(col(r[3], T.PR_EMAIL_ADDRESS_W)).toBe('nobody@nowhere.invalid');
  });

  it('looks like the original to a reader: same conversation index, topic and Message-ID, no sender copied', async () => {
    const original = await sent();
    const resend = await createResend(await ndrFor(original), alice.outbox);
    for (const tag of [T.PR_CONVERSATION_INDEX, T.PR_CONVERSATION_TOPIC_W, T.PR_INTERNET_MESSAGE_ID_W]) {
      expect(await prop(resend, tag)).toEqual(await prop(original, tag));
    }
    expect(await prop(resend, T.PR_SENDER_NAME_W)).toBeUndefined();
    expect(await prop(resend, T.PR_SENT_REPRESENTING_NAME_W)).toBeUndefined();
    // A reply to the resend threads exactly like a reply to the original.
    const o = { clock: world.clock, ids: world.ids, markOriginal: false };
    const r1 = await createReply(resend, alice.outbox, o);
    expect(((await prop(r1, T.PR_CONVERSATION_INDEX)) as Uint8Array).slice(0, 22)).toEqual(((await prop(original, T.PR_CONVERSATION_INDEX)) as Uint8Array).slice(0, 22));
    expect(await prop(r1, T.PR_IN_REPLY_TO_ID_W)).toBe(await prop(original, T.PR_INTERNET_MESSAGE_ID_W));
  });

  it('sets PR_ORIGINAL_ENTRYID to options.original\'s entry ID and uses its recipients', async () => {
    const original = await sent();
    const resend = await createResend(await ndrFor(original, false), alice.outbox, { original });
    expect(await prop(resend, T.PR_ORIGINAL_ENTRYID)).toEqual(await prop(original, T.PR_ENTRYID));
    expect((await recipientsOf(resend)).map(([n]) => n)).toEqual(['bob', 'nobody', 'carol', 'nobody']);
  });

  it('rebuilds what it can from the report when no copy of the original exists', async () => {
    const resend = await createResend(await ndrFor(undefined), alice.outbox);
    expect(await prop(resend, T.PR_SUBJECT_W)).toBe('Report');
    expect(await prop(resend, T.PR_CONVERSATION_TOPIC_W)).toBe('Report');
    expect(await recipientsOf(resend)).toEqual([
      ['nobody', MAPI_TO],
      ['nobody', MAPI_P1],
    ]);
  });

  it('takes the class inside REPORT.<class>.NDR without PR_ORIG_MESSAGE_CLASS', async () => {
    const ndr = await ndrFor(undefined);
    await ndr.setProps([{ ulPropTag: T.PR_MESSAGE_CLASS_W, Value: 'REPORT.IPM.Note.Custom.NDR' }]);
    await ndr.deleteProps([T.PR_ORIG_MESSAGE_CLASS_W]);
    expect(await prop(await createResend(ndr, alice.outbox), T.PR_MESSAGE_CLASS_W)).toBe('IPM.Note.Custom');
  });

  it('rejects a message that is not a non-delivery report, and bad arguments, with MAPI_E_INVALID_PARAMETER', async () => {
    const original = await sent();
    expect(await scodeOf(createResend(original, alice.outbox))).toBe('MAPI_E_INVALID_PARAMETER');
    const ndr = await ndrFor(original);
    expect(await scodeOf(createResend(ndr, {} as never))).toBe('MAPI_E_INVALID_PARAMETER');
    expect(await scodeOf(createResend(ndr, alice.outbox, { original: 1 as never }))).toBe('MAPI_E_INVALID_PARAMETER');
  });
});

describe('isNonDeliveryReportClass', () => {
  it('matches REPORT.<class>.NDR case-insensitively only', () => {
    expect(isNonDeliveryReportClass('REPORT.IPM.Note.NDR')).toBe(true);
    expect(isNonDeliveryReportClass('report.ipm.note.ndr')).toBe(true);
    expect(isNonDeliveryReportClass('REPORT.IPM.Note.DR')).toBe(false);
    expect(isNonDeliveryReportClass('IPM.Note')).toBe(false);
    expect(isNonDeliveryReportClass(undefined)).toBe(false);
  });
});
