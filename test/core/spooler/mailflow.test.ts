import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../src/fixtures/index.js';
import { openDefaultStore, openInbox } from '../../../src/fixtures/open.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import { compose, contents, send, specialFolder } from './helpers.js';
import type { IABContainer, IAddrBook, IDistList } from '../../../src/core/ab/interfaces.js';
import { templateEntryId } from '../../../src/core/ab/index.js';
import type { IMessage, IMsgStore } from '../../../src/core/store/interfaces.js';
import { createResend } from '../../../src/core/mail/index.js';
import {
  PR_ATTACH_METHOD,
  PR_CLIENT_SUBMIT_TIME,
  PR_ADDRTYPE_W,
  PR_DISPLAY_NAME_W,
  PR_DISPLAY_TO_W,
  PR_EMAIL_ADDRESS_W,
  PR_OBJECT_TYPE,
  PR_RECIPIENT_TYPE,
  PR_ROWID,
  PR_ENTRYID,
  PR_IPM_OUTBOX_ENTRYID,
  PR_IPM_SENTMAIL_ENTRYID,
  PR_MESSAGE_CLASS_W,
  PR_MESSAGE_DELIVERY_TIME,
  PR_MESSAGE_FLAGS,
  PR_NDR_DIAG_CODE,
  PR_NDR_REASON_CODE,
  PR_RECEIVED_BY_EMAIL_ADDRESS_W,
  PR_REPORT_TEXT_W,
  PR_SENDER_EMAIL_ADDRESS_W,
  PR_SENDER_NAME_W,
  PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import { MAPI_DISTLIST, MAPI_MODIFY, MAPI_TO, MODRECIP_ADD, MODRECIP_MODIFY } from '../../../src/core/generated/constants.js';
import { ATTACH_EMBEDDED_MSG, MAPI_DIAG_OR_NAME_UNRECOGNIZED, MAPI_UNICODE, MSGFLAG_READ, MSGFLAG_SUBMIT, MSGFLAG_UNSENT, fnevNewMail, fnevObjectCreated } from '../../../src/core/generated/constants.js';
import { MAPI_REASON_TRANSFER_FAILED } from '../../../src/core/spi/transport.js';
import { allRows } from '../../../src/fixtures/open.js';

let world: World<'alice' | 'bob' | 'carol'>;
afterEach(async () => world?.dispose());

async function setup() {
  world = await createWorld({ users: ['alice', { name: 'bob', displayName: 'Bob Jones' }, 'carol'] });
  const alice = await openDefaultStore(await world.logon('alice'));
  const bob = await openDefaultStore(await world.logon('bob'));
  const carol = await openDefaultStore(await world.logon('carol'));
  return { alice, bob, carol };
}

describe('mail flow (loopback transport)', () => {
  it('delivers alice\'s message to bob and carol, with an NDR for the unknown address and the sent copy in Sent Items', async () => {
    const { alice, bob, carol } = await setup();
    const bobSink = new NotificationRecorder();
    await bob.advise(null, fnevNewMail | fnevObjectCreated, bobSink);
    const bobInbox = await openInbox(bob);
    const bobTable = await bobInbox.getContentsTable(MAPI_UNICODE);
    await bobTable.setColumns([PR_SUBJECT_W, PR_SENDER_NAME_W], 0);

    await send(alice, ['bob@example.com', 'carol@example.com', 'nobody@example.com'], 'Hello');
    // Nothing moves before the spooler runs.
    expect(await contents(bobInbox, [PR_SUBJECT_W])).toEqual([]);
    await world.flush();

    for (const store of [bob, carol]) {
      const rows = await contents(await openInbox(store), [PR_SUBJECT_W, PR_MESSAGE_FLAGS, PR_SENDER_NAME_W, PR_SENDER_EMAIL_ADDRESS_W, PR_MESSAGE_DELIVERY_TIME, PR_MESSAGE_CLASS_W]);
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(row.get(PR_SUBJECT_W)).toBe('Hello');
      expect(row.get(PR_MESSAGE_CLASS_W)).toBe('IPM.Note');
      expect(row.get(PR_SENDER_NAME_W)).toBe('alice');
      expect(row.get(PR_SENDER_EMAIL_ADDRESS_W)).toBe('alice@example.com');
      expect((row.get(PR_MESSAGE_FLAGS) as number) & (MSGFLAG_READ | MSGFLAG_UNSENT | MSGFLAG_SUBMIT)).toBe(0);
      expect(row.get(PR_MESSAGE_DELIVERY_TIME)).toBeDefined();
    }
    // Bob's open table saw the row arrive; his sink got fnevObjectCreated then fnevNewMail for the Inbox.
    expect((await bobTable.queryRows(10, 0)).length).toBe(1);
    const newMail = bobSink.notifications.filter((n) => n.ulEventType === fnevNewMail);
    expect(newMail).toHaveLength(1);
    const nm = newMail[0]!;
    if (nm.ulEventType !== fnevNewMail) throw new Error('unreachable');
    expect(nm.newmail.lpszMessageClass).toBe('IPM.Note');
    const [inboxId] = await bobInbox.getProps([PR_ENTRYID], 0);
    expect(await bob.compareEntryIDs(nm.newmail.lpParentID, inboxId!.Value as Uint8Array, 0)).toBe(true);

    // Alice: the sent copy in Sent Items, no longer unsent; the Outbox empty; an NDR in her Inbox.
    const sent = await contents(await specialFolder(alice, PR_IPM_SENTMAIL_ENTRYID), [PR_SUBJECT_W, PR_MESSAGE_FLAGS, PR_CLIENT_SUBMIT_TIME]);
    expect(sent.map((r) => r.get(PR_SUBJECT_W))).toEqual(['Hello']);
    expect((sent[0]!.get(PR_MESSAGE_FLAGS) as number) & (MSGFLAG_UNSENT | MSGFLAG_SUBMIT)).toBe(0);
    expect(sent[0]!.get(PR_CLIENT_SUBMIT_TIME)).toBeDefined();
    expect(await contents(await specialFolder(alice, PR_IPM_OUTBOX_ENTRYID), [PR_SUBJECT_W])).toEqual([]);
    const inbox = await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W, PR_SUBJECT_W, PR_REPORT_TEXT_W, PR_ENTRYID]);
    expect(inbox.map((r) => r.get(PR_MESSAGE_CLASS_W))).toEqual(['REPORT.IPM.Note.NDR']);
    expect(inbox[0]!.get(PR_SUBJECT_W)).toBe('Undeliverable: Hello');
    expect(String(inbox[0]!.get(PR_REPORT_TEXT_W))).toContain('nobody@example.com');
    const ndr = await alice.openEntry<IMessage>(inbox[0]!.get(PR_ENTRYID) as Uint8Array, null, 0);
    const recips = await allRows(await ndr.getRecipientTable(MAPI_UNICODE), [PR_EMAIL_ADDRESS_W, PR_NDR_REASON_CODE, PR_NDR_DIAG_CODE]);
    expect(recips.map((r) => r.lpProps.map((p) => p.Value))).toEqual([['nobody@example.com', MAPI_REASON_TRANSFER_FAILED, MAPI_DIAG_OR_NAME_UNRECOGNIZED]]);
    const atts = await allRows(await ndr.getAttachmentTable(0), [PR_ATTACH_METHOD]);
    expect(atts.map((r) => r.lpProps[0]!.Value)).toEqual([ATTACH_EMBEDDED_MSG]);
  });

  it('gives the delivered copy PR_RECEIVED_BY_* of its recipient', async () => {
    const { alice, bob } = await setup();
    await send(alice, ['bob@example.com'], 'Hi');
    await world.flush();
    const rows = await contents(await openInbox(bob), [PR_RECEIVED_BY_EMAIL_ADDRESS_W, PR_DISPLAY_NAME_W]);
    expect(rows[0]!.get(PR_RECEIVED_BY_EMAIL_ADDRESS_W)).toBe('bob@example.com');
  });

  it('expands a distribution list of the sender\'s address book to its members (nested lists, cycles) for delivery', async () => {
    const { alice, bob, carol } = await setup();
    const session = await world.logon('alice');
    const ab = (await session.openAddressBook(null, 0)) as IAddrBook;
    const pab = await ab.openEntry<IABContainer>(await ab.getPAB(), null, MAPI_MODIFY);
    const list = async (name: string) => {
      const dl = (await pab.createEntry(templateEntryId(MAPI_DISTLIST), 0)) as IDistList;
      await dl.setProps([{ ulPropTag: PR_DISPLAY_NAME_W, Value: name }]);
      await dl.saveChanges(0);
      const id = (await dl.getProps([PR_ENTRYID], 0))[0]!.Value as Uint8Array;
      return { id, dl: await ab.openEntry<IDistList>(id, null, MAPI_MODIFY) };
    };
    const team = await list('Team');
    const inner = await list('Inner');
    await team.dl.copyEntries([await ab.createOneOff('Bob', 'SMTP', 'bob@example.com', 0), inner.id], 0, null, 0);
    await inner.dl.copyEntries([await ab.createOneOff('Carol', 'SMTP', 'carol@example.com', 0), team.id], 0, null, 0);
    const msg = await compose(alice, [], 'To the team');
    await msg.modifyRecipients(MODRECIP_ADD, [{ rgPropVals: [
      { ulPropTag: PR_DISPLAY_NAME_W, Value: 'Team' },
      { ulPropTag: PR_ADDRTYPE_W, Value: 'MAPIPDL' },
      { ulPropTag: PR_EMAIL_ADDRESS_W, Value: 'Team' },
      { ulPropTag: PR_ENTRYID, Value: team.id },
      { ulPropTag: PR_OBJECT_TYPE, Value: MAPI_DISTLIST },
      { ulPropTag: PR_RECIPIENT_TYPE, Value: MAPI_TO },
    ] }]);
    await msg.submitMessage(0);
    await world.flush();
    for (const store of [bob, carol]) {
      const rows = await contents(await openInbox(store), [PR_SUBJECT_W, PR_DISPLAY_TO_W]);
      expect(rows.map((r) => [r.get(PR_SUBJECT_W), r.get(PR_DISPLAY_TO_W)])).toEqual([['To the team', 'Team']]);
    }
    expect(await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W])).toEqual([]);
  });
});


describe('mail flow: resending after a non-delivery report (createResend)', () => {
  /** Alice sends to bob and an unknown address; returns the NDR in her Inbox and her Outbox. */
  async function bounced() {
    const stores = await setup();
    await send(stores.alice, ['bob@example.com', 'nobody@nowhere.invalid'], 'Hello');
    await world.flush();
    const [row] = await contents(await openInbox(stores.alice), [PR_ENTRYID, PR_MESSAGE_CLASS_W]);
    expect(row!.get(PR_MESSAGE_CLASS_W)).toBe('REPORT.IPM.Note.NDR');
    const ndr = await stores.alice.openEntry<IMessage>(row!.get(PR_ENTRYID) as Uint8Array, null, 0);
    return { ...stores, ndr, outbox: await specialFolder(stores.alice, PR_IPM_OUTBOX_ENTRYID) };
  }

  async function recipientsOf(store: IMsgStore): Promise<[unknown, unknown][]> {
    const [row] = await contents(await openInbox(store), [PR_ENTRYID]);
    const msg = await store.openEntry<IMessage>(row!.get(PR_ENTRYID) as Uint8Array, null, 0);
    const rows = await allRows(await msg.getRecipientTable(MAPI_UNICODE), [PR_EMAIL_ADDRESS_W, PR_RECIPIENT_TYPE]);
    return rows.map((r) => [r.lpProps[0]!.Value, r.lpProps[1]!.Value]);
  }

  it('does not deliver again to recipients marked MAPI_SUBMITTED: the failed one gets another try, bob no second copy', async () => {
    const { alice, bob, ndr, outbox } = await bounced();
    const resend = await createResend(ndr, outbox);
    await resend.submitMessage(0);
    await world.flush();
    expect((await contents(await openInbox(bob), [PR_SUBJECT_W])).map((r) => r.get(PR_SUBJECT_W))).toEqual(['Hello']);
    // The unknown address fails again: a second NDR, naming it once (its MAPI_P1 row).
    const reports = (await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W, PR_ENTRYID])).filter((r) => r.get(PR_MESSAGE_CLASS_W) === 'REPORT.IPM.Note.NDR');
    expect(reports).toHaveLength(2);
    const failed = await Promise.all(reports.map(async (r) => {
      const report = await alice.openEntry<IMessage>(r.get(PR_ENTRYID) as Uint8Array, null, 0);
      return (await allRows(await report.getRecipientTable(MAPI_UNICODE), [PR_EMAIL_ADDRESS_W])).map((x) => x.lpProps[0]!.Value);
    }));
    expect(failed).toEqual([['nobody@nowhere.invalid'], ['nobody@nowhere.invalid']]);
    expect(world.mapi.spooler.queueLength).toBe(0);
  });

  it('delivers the resend to the corrected address only, showing the original recipient list without MAPI_P1 rows or MAPI_SUBMITTED', async () => {
    const { alice, bob, carol, ndr, outbox } = await bounced();
    const resend = await createResend(ndr, outbox);
    // The user corrects the failed address (both its rows).
    const rows = await allRows(await resend.getRecipientTable(MAPI_UNICODE), [PR_ROWID, PR_EMAIL_ADDRESS_W, PR_RECIPIENT_TYPE, PR_DISPLAY_NAME_W, PR_ADDRTYPE_W]);
    const fixed = rows
      .filter((r) => r.lpProps[1]!.Value === 'nobody@nowhere.invalid')
      .map((r) => ({ rgPropVals: [r.lpProps[0]!, { ulPropTag: PR_EMAIL_ADDRESS_W, Value: 'carol@example.com' }, r.lpProps[2]!, { ulPropTag: PR_DISPLAY_NAME_W, Value: 'carol' }, r.lpProps[4]!] }));
    expect(fixed).toHaveLength(2);
    await resend.modifyRecipients(MODRECIP_MODIFY, fixed);
    await resend.submitMessage(0);
    await world.flush();
    expect((await contents(await openInbox(bob), [PR_SUBJECT_W])).map((r) => r.get(PR_SUBJECT_W))).toEqual(['Hello']);
    expect((await contents(await openInbox(carol), [PR_SUBJECT_W])).map((r) => r.get(PR_SUBJECT_W))).toEqual(['Hello']);
    expect(await recipientsOf(carol)).toEqual([['bob@example.com', MAPI_TO], ['carol@example.com', MAPI_TO]]);
    // No new report for alice: only the first NDR.
    expect(await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W])).toHaveLength(1);
  });
});
