import { describe, it, expect, vi } from 'vitest';
import { makeStore, savedMessage, open, prop, scodeOf, record } from './messageHelpers.js';
import { newMessage, setReadState } from '../../../src/core/store/Message.js';
import { applyReadFlag } from '../../../src/core/store/messageFlags.js';
import { commitMessage } from '../../../src/core/store/messageOps.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import type { NodeId } from '../../../src/core/spi/store.js';
import type { TestStore } from './messageHelpers.js';
import type { NOTIFICATION_OBJECT } from '../../../src/core/notify/types.js';
import * as T from '../../../src/core/generated/proptags.js';
import {
  CLEAR_NRN_PENDING,
  CLEAR_READ_FLAG,
  CLEAR_RN_PENDING,
  FORCE_SUBMIT,
  GENERATE_RECEIPT_ONLY,
  KEEP_OPEN_READWRITE,
  MAPI_TO,
  MESSAGE_DIALOG,
  MODRECIP_ADD,
  MSGFLAG_NRN_PENDING,
  MSGFLAG_READ,
  MSGFLAG_RN_PENDING,
  MSGFLAG_SUBMIT,
  MSGFLAG_UNMODIFIED,
  MSGFLAG_UNSENT,
  SUPPRESS_RECEIPT,
  fnevObjectModified,
  MAPI_CREATE,
  MAPI_MODIFY,
} from '../../../src/core/generated/constants.js';
import { IID_IMessage } from '../../../src/core/generated/guids.js';
import {
  MAPI_E_INVALID_OBJECT,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NO_RECIPIENTS,
  MAPI_E_NO_SUPPORT,
  MAPI_E_NOT_FOUND,
  MAPI_E_SUBMITTED,
  MAPI_E_UNKNOWN_FLAGS,
} from '../../../src/core/generated/scodes.js';
import type { IMessage } from '../../../src/core/store/interfaces.js';

const storedFlags = (s: TestStore, id: NodeId) => s.backend.message(id)?.props.get(PROP_ID(T.PR_MESSAGE_FLAGS))?.Value as number;

/** Puts flag bits only a store or transport sets (RN_PENDING, ...) on a saved message, as delivery would. */
async function withStoreFlags(s: TestStore, id: NodeId, flags: number, receiptRequested = false): Promise<void> {
  const rec = s.backend.message(id)!;
  const props = new Map(rec.props);
  props.set(PROP_ID(T.PR_MESSAGE_FLAGS), { ulPropTag: T.PR_MESSAGE_FLAGS, Value: flags });
  if (receiptRequested) props.set(PROP_ID(T.PR_READ_RECEIPT_REQUESTED), { ulPropTag: T.PR_READ_RECEIPT_REQUESTED, Value: true });
  await commitMessage(s.ctx, { ...rec, props, version: rec.version + 1 });
}

describe('applyReadFlag (imessage-setreadflag.md, "Notes to callers")', () => {
  const U = 0; // unread, nothing pending
  it.each([
    ['0 on an unread message sets READ', 0, U, MSGFLAG_READ, false, false],
    ['0 on a read message does nothing', 0, MSGFLAG_READ, MSGFLAG_READ, false, false],
    ['0 sends a pending read report', 0, MSGFLAG_RN_PENDING, MSGFLAG_READ, true, false],
    ['0 drops a pending non-read report', 0, MSGFLAG_NRN_PENDING, MSGFLAG_READ, false, false],
    ['SUPPRESS_RECEIPT sets READ and cancels the report', SUPPRESS_RECEIPT, MSGFLAG_RN_PENDING, MSGFLAG_READ, false, false],
    ['SUPPRESS_RECEIPT on a read message does nothing', SUPPRESS_RECEIPT, MSGFLAG_READ | MSGFLAG_RN_PENDING, MSGFLAG_READ | MSGFLAG_RN_PENDING, false, false],
    ['CLEAR_READ_FLAG clears READ', CLEAR_READ_FLAG, MSGFLAG_READ, U, false, false],
    ['GENERATE_RECEIPT_ONLY sends without changing READ', GENERATE_RECEIPT_ONLY, MSGFLAG_RN_PENDING, U, true, false],
    ['SUPPRESS_RECEIPT | GENERATE_RECEIPT_ONLY clears the request, no report', SUPPRESS_RECEIPT | GENERATE_RECEIPT_ONLY, MSGFLAG_RN_PENDING, U, false, true],
    ['CLEAR_RN_PENDING clears RN_PENDING with no report', CLEAR_RN_PENDING, MSGFLAG_RN_PENDING, MSGFLAG_READ, false, false],
    ['CLEAR_NRN_PENDING | CLEAR_READ_FLAG', CLEAR_NRN_PENDING | CLEAR_READ_FLAG, MSGFLAG_READ | MSGFLAG_NRN_PENDING, U, false, false],
  ])('%s', (_n, flags, before, after, report, clearRequest) => {
    expect(applyReadFlag(flags, before, false)).toEqual({ flags: after, sendReadReport: report, clearReceiptRequested: clearRequest });
  });

  it('changes nothing on an associated message ("do not retain a read/unread state")', () => {
    expect(applyReadFlag(0, 0, true).flags).toBe(0);
  });
});

describe('IMessage.setReadFlag', () => {
  it('commits the read state at once, without the handle’s other pending changes', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'kept' }]);
    const rec = record(s);
    const m = open(s, id, false);
    await m.setReadFlag(0);
    expect(storedFlags(s, id) & MSGFLAG_READ).toBe(MSGFLAG_READ);
    expect(((await prop(m, T.PR_MESSAGE_FLAGS)) as number) & MSGFLAG_READ).toBe(MSGFLAG_READ);
    expect(s.ctx.folderCounts(s.folderId).unread).toBe(0);
    await s.hub.flush();
    const n = rec.notifications[0] as NOTIFICATION_OBJECT;
    expect(n.ulEventType).toBe(fnevObjectModified);
    expect(n.obj.lpPropTagArray).toEqual([T.PR_MESSAGE_FLAGS]);

    const w = open(s, id);
    await w.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'pending' }]);
    await w.setReadFlag(CLEAR_READ_FLAG);
    expect(storedFlags(s, id) & MSGFLAG_READ).toBe(0);
    expect(s.backend.message(id)?.props.get(PROP_ID(T.PR_SUBJECT_W))?.Value).toBe('kept');
    // The handle can still save its own changes afterwards.
    await w.saveChanges(0);
    expect(s.backend.message(id)?.props.get(PROP_ID(T.PR_SUBJECT_W))?.Value).toBe('pending');
    expect(storedFlags(s, id) & MSGFLAG_READ).toBe(0);
  });

  it('writes nothing when nothing changes', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s, [{ ulPropTag: T.PR_MESSAGE_FLAGS, Value: MSGFLAG_READ }]);
    const rec = record(s);
    const version = s.backend.message(id)?.version;
    await open(s, id).setReadFlag(0);
    await s.hub.flush();
    expect(s.backend.message(id)?.version).toBe(version);
    expect(rec.count).toBe(0);
  });

  it('handles pending read reports and PR_READ_RECEIPT_REQUESTED', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s);
    await withStoreFlags(s, id, MSGFLAG_RN_PENDING | MSGFLAG_NRN_PENDING, true);
    await open(s, id).setReadFlag(SUPPRESS_RECEIPT | GENERATE_RECEIPT_ONLY);
    expect(storedFlags(s, id)).toBe(MSGFLAG_NRN_PENDING);
    expect(s.backend.message(id)?.props.get(PROP_ID(T.PR_READ_RECEIPT_REQUESTED))?.Value).toBe(false);
    await open(s, id).setReadFlag(0);
    expect(storedFlags(s, id)).toBe(MSGFLAG_READ);
  });

  it.each([
    ['SUPPRESS_RECEIPT | CLEAR_READ_FLAG', SUPPRESS_RECEIPT | CLEAR_READ_FLAG, MAPI_E_INVALID_PARAMETER],
    ['SUPPRESS_RECEIPT | CLEAR_READ_FLAG | GENERATE_RECEIPT_ONLY', SUPPRESS_RECEIPT | CLEAR_READ_FLAG | GENERATE_RECEIPT_ONLY, MAPI_E_INVALID_PARAMETER],
    ['CLEAR_READ_FLAG | GENERATE_RECEIPT_ONLY', CLEAR_READ_FLAG | GENERATE_RECEIPT_ONLY, MAPI_E_INVALID_PARAMETER],
    ['an unknown flag', 0x100, MAPI_E_UNKNOWN_FLAGS],
    ['MESSAGE_DIALOG (a folder flag)', MESSAGE_DIALOG, MAPI_E_UNKNOWN_FLAGS],
  ])('rejects %s', async (_n, flags, scode) => {
    const s = makeStore();
    const { id } = await savedMessage(s);
    expect(await scodeOf(open(s, id).setReadFlag(flags))).toBe(scode);
    expect(storedFlags(s, id) & MSGFLAG_READ).toBe(0);
  });

  it('changes only the handle of a message not saved yet', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.setReadFlag(0);
    expect((await prop(msg, T.PR_MESSAGE_FLAGS)) as number).toBe(MSGFLAG_UNSENT | MSGFLAG_UNMODIFIED | MSGFLAG_READ);
    expect(s.backend.messageIds(s.folderId, false)).toEqual([]);
    await msg.saveChanges(0);
    const id = s.backend.messageIds(s.folderId, false)[0] as number;
    expect(storedFlags(s, id) & MSGFLAG_READ).toBe(MSGFLAG_READ);
  });

  it('answers MAPI_E_NOT_FOUND for a message deleted since it was opened', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s);
    const m = open(s, id);
    await s.backend.removeMessage(id);
    expect(await scodeOf(m.setReadFlag(0))).toBe(MAPI_E_NOT_FOUND);
  });
});

describe('setReadState (IMAPIFolder::SetReadFlags on one message)', () => {
  it('tolerates MESSAGE_DIALOG, rejects unknown messages', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s);
    await setReadState(s.ctx, id, MESSAGE_DIALOG);
    expect(storedFlags(s, id) & MSGFLAG_READ).toBe(MSGFLAG_READ);
    expect(await scodeOf(setReadState(s.ctx, 999, 0))).toBe(MAPI_E_NOT_FOUND);
  });

  it('leaves associated messages alone', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s, [], true);
    const before = s.backend.message(id);
    await setReadState(s.ctx, id, 0);
    expect(s.backend.message(id)).toBe(before);
  });
});

describe('IMessage.submitMessage', () => {
  const to = { rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'Ann' }, { ulPropTag: T.PR_RECIPIENT_TYPE, Value: MAPI_TO }] };

  it('answers MAPI_E_NO_RECIPIENTS and leaves the message open', async () => {
    const s = makeStore({ submit: async () => {} });
    const msg = newMessage(s.ctx, s.folderId, false);
    expect(await scodeOf(msg.submitMessage(0))).toBe(MAPI_E_NO_RECIPIENTS);
    await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'still open' }]);
    expect(s.backend.messageIds(s.folderId, false)).toEqual([]);
  });

  it('answers MAPI_E_NO_SUPPORT without a spooler, and writes nothing', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.modifyRecipients(MODRECIP_ADD, [to]);
    expect(await scodeOf(msg.submitMessage(0))).toBe(MAPI_E_NO_SUPPORT);
    expect(s.backend.messageIds(s.folderId, false)).toEqual([]);
  });

  it('saves, sets MSGFLAG_SUBMIT | MSGFLAG_UNSENT, hands the message to the spooler and invalidates the handle', async () => {
    const submit = vi.fn(async () => {});
    const s = makeStore({ submit });
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.setProps([{ ulPropTag: T.PR_MESSAGE_FLAGS, Value: 0 }]);
    await msg.modifyRecipients(MODRECIP_ADD, [to]);
    await msg.submitMessage(FORCE_SUBMIT);
    const id = s.backend.messageIds(s.folderId, false)[0] as number;
    expect(submit).toHaveBeenCalledWith(s.ctx, id);
    expect(storedFlags(s, id) & (MSGFLAG_SUBMIT | MSGFLAG_UNSENT)).toBe(MSGFLAG_SUBMIT | MSGFLAG_UNSENT);
    expect(s.backend.message(id)?.props.get(PROP_ID(T.PR_CLIENT_SUBMIT_TIME))?.Value).toEqual(s.clock.now());
    // "When SubmitMessage returns, all pointers to the message ... are no longer valid."
    expect(await scodeOf(msg.getProps([T.PR_SUBJECT_W], 0))).toBe(MAPI_E_INVALID_OBJECT);
    // The submitted message is read-only to the client.
    const again = open(s, id);
    expect(await prop(again, T.PR_MESSAGE_SIZE)).toBeGreaterThan(0);
    expect(await prop(again, T.PR_ACCESS_LEVEL)).toBe(0);
    expect(await scodeOf(again.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'x' }]))).toBe(MAPI_E_SUBMITTED);
    expect(await scodeOf(again.saveChanges(0))).toBe(MAPI_E_SUBMITTED);
    expect(await scodeOf(setReadState(s.ctx, id, 0))).toBe(MAPI_E_SUBMITTED);
  });

  it('checks its flags and refuses embedded messages', async () => {
    const s = makeStore({ submit: async () => {} });
    const msg = newMessage(s.ctx, s.folderId, false);
    expect(await scodeOf(msg.submitMessage(2))).toBe(MAPI_E_UNKNOWN_FLAGS);
    const { attach } = await msg.createAttach(null, 0);
    const inner = await attach.openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, MAPI_CREATE | MAPI_MODIFY);
    await inner.modifyRecipients(MODRECIP_ADD, [to]);
    expect(await scodeOf(inner.submitMessage(0))).toBe(MAPI_E_NO_SUPPORT);
  });

  it('keeps a message saved with KEEP_OPEN_READWRITE submittable', async () => {
    const s = makeStore({ submit: async () => {} });
    const { id, msg } = await savedMessage(s);
    await msg.modifyRecipients(MODRECIP_ADD, [to]);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    await msg.submitMessage(0);
    expect(storedFlags(s, id) & MSGFLAG_SUBMIT).toBe(MSGFLAG_SUBMIT);
  });
});
