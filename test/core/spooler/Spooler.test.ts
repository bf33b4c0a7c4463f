import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../src/fixtures/index.js';
import { allRows, openDefaultStore, openInbox, openFolder } from '../../../src/fixtures/open.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import { compose, contents, send, specialFolder } from './helpers.js';
import type { IABContainer, IAddrBook, IDistList } from '../../../src/core/ab/interfaces.js';
import { templateEntryId } from '../../../src/core/ab/index.js';
import type { IMAPIStatus } from '../../../src/core/session/interfaces.js';
import type { IMessage, IMsgStore } from '../../../src/core/store/interfaces.js';
import type { MessageServiceDefinition } from '../../../src/core/spi/services.js';
import type { OutgoingMessage, SubmitResult, TransportSupport } from '../../../src/core/spi/transport.js';
import type { MessageContent, PropMap } from '../../../src/core/spi/store.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import { TransportRetry } from '../../../src/core/spi/transport.js';
import { MEMORY_SERVER_ORG } from '../../../src/providers/memory-store/MemoryServer.js';
import {
  PR_ADDRTYPE_W,
  PR_CLIENT_SUBMIT_TIME,
  PR_DISPLAY_NAME_W,
  PR_OBJECT_TYPE,
  PR_RECIPIENT_TYPE,
  PR_DEFERRED_DELIVERY_TIME,
  PR_DELETE_AFTER_SUBMIT,
  PR_DELIVER_TIME,
  PR_EMAIL_ADDRESS_W,
  PR_ENTRYID,
  PR_IPM_OUTBOX_ENTRYID,
  PR_IPM_SENTMAIL_ENTRYID,
  PR_MESSAGE_CLASS_W,
  PR_MESSAGE_DELIVERY_TIME,
  PR_MESSAGE_FLAGS,
  PR_ORIGINATOR_DELIVERY_REPORT_REQUESTED,
  PR_NON_RECEIPT_NOTIFICATION_REQUESTED,
  PR_IPM_WASTEBASKET_ENTRYID,
  PR_PROVIDER_UID,
  PR_READ_RECEIPT_REQUESTED,
  PR_RESOURCE_TYPE,
  PR_STATUS_CODE,
  PR_STATUS_STRING,
  PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import {
  MAPI_DISTLIST,
  MAPI_EXTENDED,
  MAPI_MODIFY,
  MAPI_TO,
  MODRECIP_ADD,
  MAPI_NEW_SESSION,
  MAPI_SPOOLER,
  MAPI_TRANSPORT_PROVIDER,
  MAPI_UNICODE,
  MSGFLAG_RN_PENDING,
  MSGFLAG_NRN_PENDING,
  CLEAR_NRN_PENDING,
  DELETE_HARD_DELETE,
  MESSAGE_MOVE,
  MSGFLAG_SUBMIT,
  MSGFLAG_UNSENT,
  STATUS_FAILURE,
  STATUS_OUTBOUND_ENABLED,
  SUPPRESS_RECEIPT,
} from '../../../src/core/generated/constants.js';
import { MAPI_E_CANCEL, MAPI_E_NETWORK_ERROR, MAPI_E_NOT_IN_QUEUE, MAPI_E_NOT_ME } from '../../../src/core/generated/scodes.js';

let world: World<'alice' | 'bob'>;
afterEach(async () => world?.dispose());

/** A transport for address type `type` that records what it is given and fails while `failures` > 0. */
function recordingTransport(name: string, types: string[], state: { failures: number; sent: OutgoingMessage[] }): MessageServiceDefinition {
  return {
    name,
    displayName: name,
    providers: [
      {
        kind: 'transport',
        displayName: name,
        transport: {
          async logon() {
            return {
              addressTypes: () => ({ types }),
              async submitMessage(m): Promise<SubmitResult> {
                if (state.failures > 0) {
                  state.failures--;
                  throw new TransportRetry(MAPI_E_NETWORK_ERROR, `${name}: the line is down`, 30);
                }
                state.sent.push(m);
                return { msgRef: state.sent.length, responsible: m.recipients.map((r) => r.rowId) };
              },
              endMessage: async () => 0,
              logoff: async () => {},
            };
          },
        },
      },
    ],
  };
}

async function worldWith(...services: MessageServiceDefinition[]): Promise<{ alice: IMsgStore; bob: IMsgStore }> {
  world = await createWorld({ users: ['alice', 'bob'] });
  const admin = await world.mapi.MAPIAdminProfiles(0);
  for (const def of services) {
    world.mapi.registerService(def);
    await (await admin.adminServices('alice', null, 0)).createMsgServiceEx(def.name, null, 0);
  }
  return { alice: await openDefaultStore(await world.logon('alice')), bob: await openDefaultStore(await world.logon('bob')) };
}

async function outboxRows(store: IMsgStore) {
  return contents(await specialFolder(store, PR_IPM_OUTBOX_ENTRYID), [PR_SUBJECT_W, PR_MESSAGE_FLAGS]);
}

describe('Spooler: deferred delivery', () => {
  it('holds a message until the virtual clock passes PR_DEFERRED_DELIVERY_TIME', async () => {
    const { alice, bob } = await worldWith();
    const at = FILETIME.fromDate(new Date(Date.UTC(2026, 0, 1, 1, 0, 0)));
    await send(alice, ['bob@example.com'], 'Later', [{ ulPropTag: PR_DEFERRED_DELIVERY_TIME, Value: at }]);
    await world.flush();
    expect(await contents(await openInbox(bob), [PR_SUBJECT_W])).toEqual([]);
    expect((await outboxRows(alice)).map((r) => r.get(PR_SUBJECT_W))).toEqual(['Later']);
    world.clock.advance(59 * 60_000);
    await world.flush();
    expect(await contents(await openInbox(bob), [PR_SUBJECT_W])).toEqual([]);
    world.clock.advance(60_000);
    await world.flush();
    const rows = await contents(await openInbox(bob), [PR_SUBJECT_W, PR_MESSAGE_DELIVERY_TIME]);
    expect(rows.map((r) => r.get(PR_SUBJECT_W))).toEqual(['Later']);
    expect((rows[0]!.get(PR_MESSAGE_DELIVERY_TIME) as FILETIME).ticks).toBe(at.ticks);
  });

  it('lets abortSubmit take a deferred message out of the queue: it is never sent and stays unsent', async () => {
    const { alice, bob } = await worldWith();
    const at = FILETIME.fromDate(new Date(Date.UTC(2026, 0, 2)));
    const eid = await send(alice, ['bob@example.com'], 'Never', [{ ulPropTag: PR_DEFERRED_DELIVERY_TIME, Value: at }]);
    await alice.abortSubmit(eid, 0);
    world.clock.advance(2 * 86_400_000);
    await world.flush();
    expect(await contents(await openInbox(bob), [PR_SUBJECT_W])).toEqual([]);
    const [row] = await outboxRows(alice);
    expect((row!.get(PR_MESSAGE_FLAGS) as number) & (MSGFLAG_SUBMIT | MSGFLAG_UNSENT)).toBe(MSGFLAG_UNSENT);
    expect(world.mapi.spooler.queueLength).toBe(0);
    await expect(alice.abortSubmit(eid, 0)).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_NOT_IN_QUEUE));
  });
});

describe('Spooler: a failing transport', () => {
  it('keeps the message queued with its error on the status row, and retries when the clock passes the retry time', async () => {
    const state = { failures: 2, sent: [] as OutgoingMessage[] };
    const { alice } = await worldWith(recordingTransport('FLAKY_XP', ['FLAKY'], state));
    const session = await world.logon('alice', MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_UNICODE);
    const eid = await send(alice, [{ address: 'list-1', type: 'FLAKY' }], 'Retry me');
    await world.flush();
    expect(state.sent).toHaveLength(0);
    expect(((await outboxRows(alice))[0]!.get(PR_MESSAGE_FLAGS) as number) & MSGFLAG_SUBMIT).toBe(MSGFLAG_SUBMIT);
    expect(world.mapi.spooler.queueLength).toBe(1);
    const statusRows = await allRows(await session.getStatusTable(MAPI_UNICODE), [PR_RESOURCE_TYPE, PR_STATUS_CODE, PR_STATUS_STRING]);
    const xp = statusRows.filter((r) => r.lpProps[0]!.Value === MAPI_TRANSPORT_PROVIDER).map((r) => [r.lpProps[1]!.Value, r.lpProps[2]!.Value]);
    expect(xp.some(([code, text]) => ((code as number) & STATUS_FAILURE) !== 0 && String(text).includes('the line is down'))).toBe(true);

    world.clock.advance(29_000);
    await world.flush();
    expect(state.sent).toHaveLength(0);
    world.clock.advance(1_000); // second failure
    await world.flush();
    expect(state.sent).toHaveLength(0);
    world.clock.advance(30_000);
    await world.flush();
    expect(state.sent).toHaveLength(1);
    expect(state.sent[0]!.recipients.map((r) => r.emailAddress)).toEqual(['list-1']);
    expect(await outboxRows(alice)).toEqual([]);
    expect((await contents(await specialFolder(alice, PR_IPM_SENTMAIL_ENTRYID), [PR_SUBJECT_W])).length).toBe(1);
    expect(eid).toBeInstanceOf(Uint8Array);
    const after = await allRows(await session.getStatusTable(MAPI_UNICODE), [PR_RESOURCE_TYPE, PR_STATUS_CODE]);
    expect(after.filter((r) => r.lpProps[0]!.Value === MAPI_TRANSPORT_PROVIDER).every((r) => ((r.lpProps[1]!.Value as number) & STATUS_FAILURE) === 0)).toBe(true);
  });

  it('sends at once on IMAPIStatus.flushQueues of the spooler, without waiting for the retry time', async () => {
    const state = { failures: 1, sent: [] as OutgoingMessage[] };
    const { alice } = await worldWith(recordingTransport('FLAKY_XP', ['FLAKY'], state));
    const session = await world.logon('alice', MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_UNICODE);
    await send(alice, [{ address: 'list-1', type: 'FLAKY' }], 'Flush me');
    await world.flush();
    expect(state.sent).toHaveLength(0);
    const rows = await allRows(await session.getStatusTable(MAPI_UNICODE), [PR_RESOURCE_TYPE, PR_ENTRYID]);
    const spooler = rows.find((r) => r.lpProps[0]!.Value === MAPI_SPOOLER)!;
    const status = await session.openEntry<IMAPIStatus>(spooler.lpProps[1]!.Value as Uint8Array, null, 0);
    await status.flushQueues(null, 0);
    expect(state.sent).toHaveLength(1);
  });
});

describe('Spooler: routing', () => {
  it('gives each recipient to the first transport in transport order that handles its address type', async () => {
    const a = { failures: 0, sent: [] as OutgoingMessage[] };
    const b = { failures: 0, sent: [] as OutgoingMessage[] };
    const { alice } = await worldWith(recordingTransport('XP_A', ['X400', 'FAX'], a), recordingTransport('XP_B', ['FAX'], b));
    await send(alice, [{ address: 'x', type: 'X400' }, { address: '123', type: 'FAX' }], 'One');
    await world.flush();
    expect(a.sent.map((m) => m.recipients.map((r) => r.addressType))).toEqual([['X400', 'FAX']]);
    expect(b.sent).toEqual([]);

    // msgServiceTransportOrder puts XP_B first: it takes the fax recipient now.
    const admin = await (await world.mapi.MAPIAdminProfiles(0)).adminServices('alice', null, 0);
    const providers = await allRows(await admin.getProviderTable(0), [PR_RESOURCE_TYPE, PR_PROVIDER_UID]);
    const uids = providers.filter((r) => r.lpProps[0]!.Value === MAPI_TRANSPORT_PROVIDER).map((r) => r.lpProps[1]!.Value as Uint8Array);
    expect(uids).toHaveLength(3); // loopback, XP_A, XP_B
    await admin.msgServiceTransportOrder([uids[2]!, uids[0]!, uids[1]!], 0);
    await send(alice, [{ address: 'x', type: 'X400' }, { address: '123', type: 'FAX' }], 'Two');
    await world.flush();
    expect(b.sent.map((m) => m.recipients.map((r) => r.addressType))).toEqual([['FAX']]);
    expect(a.sent[1]!.recipients.map((r) => r.addressType)).toEqual(['X400']);
  });

  it('writes a non-delivery report for a recipient whose address type no transport handles', async () => {
    const { alice } = await worldWith();
    await send(alice, [{ address: 'x', type: 'X400' }], 'Nowhere');
    await world.flush();
    const rows = await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W]);
    expect(rows.map((r) => r.get(PR_MESSAGE_CLASS_W))).toEqual(['REPORT.IPM.Note.NDR']);
  });

  it('delivers to EX addresses of the directory', async () => {
    const { alice, bob } = await worldWith();
    await send(alice, [{ address: `${MEMORY_SERVER_ORG}/cn=Recipients/cn=bob`, type: 'EX' }], 'By EX');
    await world.flush();
    expect((await contents(await openInbox(bob), [PR_SUBJECT_W])).map((r) => r.get(PR_SUBJECT_W))).toEqual(['By EX']);
  });

  it('puts a message in the receive folder of its message class', async () => {
    const { alice, bob } = await worldWith();
    const custom = await openFolder(bob, 'Inbox/Custom', { create: true });
    const [fid] = await custom.getProps([PR_ENTRYID], 0);
    await bob.setReceiveFolder('IPM.Note.Custom', 0, fid!.Value as Uint8Array);
    await send(alice, ['bob@example.com'], 'Custom', [{ ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM.Note.Custom.Sub' }]);
    await world.flush();
    expect((await contents(custom, [PR_SUBJECT_W])).map((r) => r.get(PR_SUBJECT_W))).toEqual(['Custom']);
    expect(await contents(await openInbox(bob), [PR_SUBJECT_W])).toEqual([]);
  });

  it('lists the transports\' address types in IMAPISession.enumAdrTypes', async () => {
    await worldWith();
    const s = await world.logon('alice', MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_UNICODE);
    expect(await s.enumAdrTypes(0)).toEqual(['SMTP', 'EX']);
  });
});

describe('Spooler: after sending', () => {
  it('deletes the message with PR_DELETE_AFTER_SUBMIT instead of moving it to Sent Items', async () => {
    const { alice, bob } = await worldWith();
    await send(alice, ['bob@example.com'], 'Gone', [{ ulPropTag: PR_DELETE_AFTER_SUBMIT, Value: true }]);
    await world.flush();
    expect(await outboxRows(alice)).toEqual([]);
    expect(await contents(await specialFolder(alice, PR_IPM_SENTMAIL_ENTRYID), [PR_SUBJECT_W])).toEqual([]);
    expect((await contents(await openInbox(bob), [PR_SUBJECT_W])).length).toBe(1);
  });

  it('keeps PR_CLIENT_SUBMIT_TIME from the submit and sets PR_MESSAGE_DELIVERY_TIME at delivery, on the virtual clock', async () => {
    const { alice, bob } = await worldWith();
    const submitted = world.clock.now();
    await send(alice, ['bob@example.com'], 'Times');
    world.clock.advance(5_000);
    await world.flush();
    const [row] = await contents(await openInbox(bob), [PR_CLIENT_SUBMIT_TIME, PR_MESSAGE_DELIVERY_TIME]);
    expect((row!.get(PR_CLIENT_SUBMIT_TIME) as FILETIME).ticks).toBe(submitted.ticks);
    expect((row!.get(PR_MESSAGE_DELIVERY_TIME) as FILETIME).ticks).toBe(submitted.ticks + 50_000_000n);
  });

  it('sends a delivery report when PR_ORIGINATOR_DELIVERY_REPORT_REQUESTED is set', async () => {
    const { alice } = await worldWith();
    await send(alice, ['bob@example.com'], 'Receipt', [{ ulPropTag: PR_ORIGINATOR_DELIVERY_REPORT_REQUESTED, Value: true }]);
    await world.flush();
    const rows = await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W, PR_ENTRYID]);
    expect(rows.map((r) => r.get(PR_MESSAGE_CLASS_W))).toEqual(['REPORT.IPM.Note.DR']);
    const dr = await alice.openEntry<IMessage>(rows[0]!.get(PR_ENTRYID) as Uint8Array, null, 0);
    const recips = await allRows(await dr.getRecipientTable(MAPI_UNICODE), [PR_EMAIL_ADDRESS_W, PR_DELIVER_TIME]);
    expect(recips.map((r) => r.lpProps[0]!.Value)).toEqual(['bob@example.com']);
    expect(recips[0]!.lpProps[1]!.Value).toBeInstanceOf(FILETIME);
  });

  it('sends no delivery report unless asked', async () => {
    const { alice } = await worldWith();
    await send(alice, ['bob@example.com'], 'No receipt');
    await world.flush();
    expect(await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W])).toEqual([]);
  });
});

describe('Spooler: read reports', () => {
  async function receivedWithReceipt(): Promise<{ alice: IMsgStore; bob: IMsgStore; msg: IMessage }> {
    const { alice, bob } = await worldWith();
    await send(alice, ['bob@example.com'], 'Read me', [{ ulPropTag: PR_READ_RECEIPT_REQUESTED, Value: true }]);
    await world.flush();
    const [row] = await contents(await openInbox(bob), [PR_ENTRYID, PR_MESSAGE_FLAGS]);
    expect((row!.get(PR_MESSAGE_FLAGS) as number) & MSGFLAG_RN_PENDING).toBe(MSGFLAG_RN_PENDING);
    return { alice, bob, msg: await bob.openEntry<IMessage>(row!.get(PR_ENTRYID) as Uint8Array, null, 0) };
  }

  it('sends a read report (REPORT.IPM.Note.IPNRN) to the sender when the reader sets the read flag', async () => {
    const { alice, msg } = await receivedWithReceipt();
    await msg.setReadFlag(0);
    await world.flush();
    const rows = await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W, PR_SUBJECT_W]);
    expect(rows.map((r) => [r.get(PR_MESSAGE_CLASS_W), r.get(PR_SUBJECT_W)])).toEqual([['REPORT.IPM.Note.IPNRN', 'Read: Read me']]);
  });

  it('sends no read report with SUPPRESS_RECEIPT', async () => {
    const { alice, msg } = await receivedWithReceipt();
    await msg.setReadFlag(SUPPRESS_RECEIPT);
    await world.flush();
    expect(await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W])).toEqual([]);
  });

  it('sends a read report from IMAPIFolder.setReadFlags too, once', async () => {
    const { alice, bob } = await receivedWithReceipt();
    const inbox = await openInbox(bob);
    await inbox.setReadFlags(null, null, 0);
    await inbox.setReadFlags(null, null, 0);
    await world.flush();
    expect((await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W])).map((r) => r.get(PR_MESSAGE_CLASS_W))).toEqual(['REPORT.IPM.Note.IPNRN']);
  });
});

describe('Spooler: non-read reports', () => {
  async function receivedWithNonReceipt(): Promise<{ alice: IMsgStore; bob: IMsgStore; eid: Uint8Array }> {
    const { alice, bob } = await worldWith();
    await send(alice, ['bob@example.com'], 'Ignore me', [{ ulPropTag: PR_NON_RECEIPT_NOTIFICATION_REQUESTED, Value: true }]);
    await world.flush();
    const [row] = await contents(await openInbox(bob), [PR_ENTRYID, PR_MESSAGE_FLAGS]);
    expect((row!.get(PR_MESSAGE_FLAGS) as number) & MSGFLAG_NRN_PENDING).toBe(MSGFLAG_NRN_PENDING);
    return { alice, bob, eid: row!.get(PR_ENTRYID) as Uint8Array };
  }
  const reports = async (alice: IMsgStore) => (await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W, PR_SUBJECT_W])).map((r) => [r.get(PR_MESSAGE_CLASS_W), r.get(PR_SUBJECT_W)]);

  it('sends a non-read report (REPORT.IPM.Note.IPNNRN) when the message is deleted unread, once (a later hard delete sends none)', async () => {
    const { alice, bob, eid } = await receivedWithNonReceipt();
    const inbox = await openInbox(bob);
    await inbox.deleteMessages([eid], null, 0);
    await world.flush();
    expect(await reports(alice)).toEqual([['REPORT.IPM.Note.IPNNRN', 'Not read: Ignore me']]);
    await inbox.deleteMessages([eid], null, DELETE_HARD_DELETE);
    await world.flush();
    expect(await reports(alice)).toHaveLength(1);
  });

  it('sends one when the message is moved unread into Deleted Items, and none when it is later deleted there', async () => {
    const { alice, bob, eid } = await receivedWithNonReceipt();
    const inbox = await openInbox(bob);
    const wastebasket = await specialFolder(bob, PR_IPM_WASTEBASKET_ENTRYID);
    await inbox.copyMessages([eid], null, wastebasket, null, MESSAGE_MOVE);
    await world.flush();
    expect(await reports(alice)).toEqual([['REPORT.IPM.Note.IPNNRN', 'Not read: Ignore me']]);
    const [moved] = await contents(wastebasket, [PR_ENTRYID, PR_MESSAGE_FLAGS]);
    expect((moved!.get(PR_MESSAGE_FLAGS) as number) & MSGFLAG_NRN_PENDING).toBe(0);
    await wastebasket.deleteMessages([moved!.get(PR_ENTRYID) as Uint8Array], null, DELETE_HARD_DELETE);
    await world.flush();
    expect(await reports(alice)).toHaveLength(1);
  });

  it('sends none for a message that was read, or whose NRN was cleared with CLEAR_NRN_PENDING, or that was copied (not moved) to Deleted Items', async () => {
    const { alice, bob, eid } = await receivedWithNonReceipt();
    const inbox = await openInbox(bob);
    await inbox.copyMessages([eid], null, await specialFolder(bob, PR_IPM_WASTEBASKET_ENTRYID), null, 0);
    const msg = await bob.openEntry<IMessage>(eid, null, MAPI_MODIFY);
    await msg.setReadFlag(CLEAR_NRN_PENDING);
    await inbox.deleteMessages([eid], null, 0);
    await world.flush();
    expect(await reports(alice)).toEqual([]);

    await send(alice, ['bob@example.com'], 'Read me first', [{ ulPropTag: PR_NON_RECEIPT_NOTIFICATION_REQUESTED, Value: true }]);
    await world.flush();
    const rows = await contents(inbox, [PR_ENTRYID, PR_SUBJECT_W]);
    const second = rows.find((r) => r.get(PR_SUBJECT_W) === 'Read me first')!.get(PR_ENTRYID) as Uint8Array;
    await inbox.setReadFlags([second], null, 0);
    await inbox.deleteMessages([second], null, DELETE_HARD_DELETE);
    await world.flush();
    expect(await reports(alice)).toEqual([]);
  });
});

describe('IMAPIStatus of a transport', () => {
  it('shows the loopback transport as available for outbound mail and validates its state', async () => {
    await worldWith();
    const session = await world.logon('alice', MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_UNICODE);
    const rows = await allRows(await session.getStatusTable(MAPI_UNICODE), [PR_RESOURCE_TYPE, PR_ENTRYID]);
    const xp = rows.find((r) => r.lpProps[0]!.Value === MAPI_TRANSPORT_PROVIDER)!;
    const status = await session.openEntry<IMAPIStatus>(xp.lpProps[1]!.Value as Uint8Array, null, 0);
    await status.validateState(0);
    await status.flushQueues(null, 0);
    const after = await allRows(await session.getStatusTable(MAPI_UNICODE), [PR_RESOURCE_TYPE, PR_STATUS_CODE]);
    const code = after.find((r) => r.lpProps[0]!.Value === MAPI_TRANSPORT_PROVIDER)!.lpProps[1]!.Value as number;
    expect(code & STATUS_OUTBOUND_ENABLED).toBe(STATUS_OUTBOUND_ENABLED);
  });

  it('is not listed for a MAPI_NO_MAIL session, whose enumAdrTypes is empty', async () => {
    await worldWith();
    const session = await world.logon('alice');
    const rows = await allRows(await session.getStatusTable(MAPI_UNICODE), [PR_RESOURCE_TYPE]);
    expect(rows.some((r) => r.lpProps[0]!.Value === MAPI_TRANSPORT_PROVIDER)).toBe(false);
    expect(await session.enumAdrTypes(0)).toEqual([]);
  });
});

describe('Spooler: inbound mail', () => {
  it('stores what a polling transport received (IXPLogon.poll / startMessage) in the receive folder of the profile\'s default store', async () => {
    const waiting: MessageContent[] = [];
    let support: TransportSupport | undefined;
    const inbound: MessageServiceDefinition = {
      name: 'INBOUND_XP',
      displayName: 'Inbound',
      providers: [{
        kind: 'transport',
        displayName: 'Inbound',
        transport: {
          async logon(s) {
            support = s;
            return {
              addressTypes: () => ({ types: ['POP'] }),
              submitMessage: async (m) => ({ msgRef: 1, responsible: m.recipients.map((r) => r.rowId) }),
              endMessage: async () => 0,
              poll: () => waiting.length,
              startMessage: async () => (waiting.length ? { content: waiting.shift()! } : undefined),
              logoff: async () => {},
            };
          },
        },
      }],
    };
    const { alice } = await worldWith(inbound);
    const session = await world.logon('alice', MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_UNICODE);
    expect(await session.enumAdrTypes(0)).toEqual(['SMTP', 'EX', 'POP']);
    const props: PropMap = new Map([
      [PROP_ID(PR_MESSAGE_CLASS_W), { ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM.Note' }],
      [PROP_ID(PR_SUBJECT_W), { ulPropTag: PR_SUBJECT_W, Value: 'From outside' }],
    ]);
    waiting.push({ props, recipients: [], attachments: [], nextAttachNum: 0, nextRowId: 0 });
    support!.newMail();
    expect(await contents(await openInbox(alice), [PR_SUBJECT_W])).toEqual([]);
    await world.flush();
    expect((await contents(await openInbox(alice), [PR_SUBJECT_W])).map((r) => r.get(PR_SUBJECT_W))).toEqual(['From outside']);
    expect(waiting).toEqual([]);
  });
});

describe('Spooler: transport answers', () => {
  /** A transport whose submitMessage throws `scode` every time. */
  function refusing(name: string, types: string[], scode: number, calls: string[]): MessageServiceDefinition {
    return {
      name,
      displayName: name,
      providers: [{ kind: 'transport', displayName: name, transport: { async logon() {
        return {
          addressTypes: () => ({ types }),
          async submitMessage(m): Promise<SubmitResult> {
            calls.push(`${name}:${m.recipients.map((r) => r.emailAddress).join(',')}`);
            throw new MapiError(scode, `${name} refuses`);
          },
          endMessage: async () => 0,
          logoff: async () => {},
        };
      } } }],
    };
  }

  it('MAPI_E_NOT_ME passes the recipients on to the next transport in order', async () => {
    const calls: string[] = [];
    const state = { failures: 0, sent: [] as OutgoingMessage[] };
    await worldWith(refusing('XP_NO', ['FAX'], MAPI_E_NOT_ME, calls), recordingTransport('XP_YES', ['FAX'], state));
    const alice = await openDefaultStore(await world.logon('alice'));
    await send(alice, [{ address: '123', type: 'FAX' }], 'Fax');
    await world.flush();
    expect(calls).toEqual(['XP_NO:123']);
    expect(state.sent.map((m) => m.recipients.map((r) => r.emailAddress))).toEqual([['123']]);
    expect(await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W])).toEqual([]);
  });

  it('MAPI_E_CANCEL takes the message out of the queue unsent, without a report', async () => {
    const calls: string[] = [];
    const { alice } = await worldWith(refusing('XP_CANCEL', ['FAX'], MAPI_E_CANCEL, calls));
    await send(alice, [{ address: '123', type: 'FAX' }], 'Cancelled');
    await world.flush();
    expect(calls).toEqual(['XP_CANCEL:123']);
    const [row] = await outboxRows(alice);
    expect((row!.get(PR_MESSAGE_FLAGS) as number) & (MSGFLAG_SUBMIT | MSGFLAG_UNSENT)).toBe(MSGFLAG_UNSENT);
    expect(world.mapi.spooler.queueLength).toBe(0);
    expect(await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W])).toEqual([]);
  });

  it('does not send again to recipients a transport already took when another one fails and the message is retried', async () => {
    const a = { failures: 0, sent: [] as OutgoingMessage[] };
    const b = { failures: 1, sent: [] as OutgoingMessage[] };
    const { alice } = await worldWith(recordingTransport('XP_A', ['X400'], a), recordingTransport('XP_B', ['FAX'], b));
    await send(alice, [{ address: 'x', type: 'X400' }, { address: '123', type: 'FAX' }], 'Half');
    await world.flush();
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toHaveLength(0);
    world.clock.advance(30_000);
    await world.flush();
    expect(a.sent).toHaveLength(1);
    expect(b.sent.map((m) => m.recipients.map((r) => r.emailAddress))).toEqual([['123']]);
  });
});


describe('Spooler: retrying a message with a distribution list', () => {
  it('does not send again to list members a transport already took when another transport fails and the message is retried', async () => {
    const a = { failures: 0, sent: [] as OutgoingMessage[] };
    const b = { failures: 1, sent: [] as OutgoingMessage[] };
    const { alice } = await worldWith(recordingTransport('XP_A', ['X400'], a), recordingTransport('XP_B', ['FAX'], b));
    const session = await world.logon('alice');
    const ab = (await session.openAddressBook(null, 0)) as IAddrBook;
    const pab = await ab.openEntry<IABContainer>(await ab.getPAB(), null, MAPI_MODIFY);
    const dl = (await pab.createEntry(templateEntryId(MAPI_DISTLIST), 0)) as IDistList;
    await dl.setProps([{ ulPropTag: PR_DISPLAY_NAME_W, Value: 'Mixed' }]);
    await dl.saveChanges(0);
    const listId = (await dl.getProps([PR_ENTRYID], 0))[0]!.Value as Uint8Array;
    const list = await ab.openEntry<IDistList>(listId, null, MAPI_MODIFY);
    await list.copyEntries([await ab.createOneOff('X', 'X400', 'x', 0), await ab.createOneOff('Fax', 'FAX', '123', 0)], 0, null, 0);
    const msg = await compose(alice, [], 'To the list');
    await msg.modifyRecipients(MODRECIP_ADD, [{ rgPropVals: [
      { ulPropTag: PR_DISPLAY_NAME_W, Value: 'Mixed' },
      { ulPropTag: PR_ADDRTYPE_W, Value: 'MAPIPDL' },
      { ulPropTag: PR_EMAIL_ADDRESS_W, Value: 'Mixed' },
      { ulPropTag: PR_ENTRYID, Value: listId },
      { ulPropTag: PR_OBJECT_TYPE, Value: MAPI_DISTLIST },
      { ulPropTag: PR_RECIPIENT_TYPE, Value: MAPI_TO },
    ] }]);
    await msg.submitMessage(0);
    await world.flush();
    expect(a.sent.map((m) => m.recipients.map((r) => r.emailAddress))).toEqual([['x']]);
    expect(b.sent).toHaveLength(0);
    world.clock.advance(30_000);
    await world.flush();
    expect(a.sent).toHaveLength(1);
    expect(b.sent.map((m) => m.recipients.map((r) => r.emailAddress))).toEqual([['123']]);
    expect(world.mapi.spooler.queueLength).toBe(0);
  });
});

describe('Spooler: reports after a retry', () => {
  it('still reports a recipient that failed on the first attempt when the message is finished on a later one', async () => {
    const b = { failures: 1, sent: [] as OutgoingMessage[] };
    const { alice } = await worldWith(recordingTransport('XP_B', ['FAX'], b));
    await send(alice, ['nobody@nowhere.invalid', { address: '123', type: 'FAX' }], 'Half known');
    await world.flush();
    expect(b.sent).toHaveLength(0);
    world.clock.advance(30_000);
    await world.flush();
    expect(b.sent).toHaveLength(1);
    const inbox = await contents(await openInbox(alice), [PR_MESSAGE_CLASS_W, PR_ENTRYID]);
    expect(inbox.map((r) => r.get(PR_MESSAGE_CLASS_W))).toEqual(['REPORT.IPM.Note.NDR']);
    const ndr = await alice.openEntry<IMessage>(inbox[0]!.get(PR_ENTRYID) as Uint8Array, null, 0);
    const recips = await allRows(await ndr.getRecipientTable(MAPI_UNICODE), [PR_EMAIL_ADDRESS_W]);
    expect(recips.map((r) => r.lpProps[0]!.Value)).toEqual(['nobody@nowhere.invalid']);
  });
});
