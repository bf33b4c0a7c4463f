import { describe, it, expect } from 'vitest';
import { makeStore, savedMessage, open, prop, scodeOf, allRows, cell } from './messageHelpers.js';
import { newMessage } from '../../../src/core/store/Message.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import { PROP_ID, PROP_TAG } from '../../../src/core/props/tags.js';
import type { IStream } from '../../../src/core/props/interfaces.js';
import type { IMAPITable } from '../../../src/core/table/interfaces.js';
import type { IAttach, IMessage } from '../../../src/core/store/interfaces.js';
import type { NOTIFICATION_TABLE } from '../../../src/core/notify/types.js';
import * as T from '../../../src/core/generated/proptags.js';
import { PT_ERROR } from '../../../src/core/generated/proptypes.js';
import {
  ATTACH_BY_VALUE,
  ATTACH_DIALOG,
  ATTACH_EMBEDDED_MSG,
  KEEP_OPEN_READWRITE,
  MAPI_ATTACH,
  MAPI_BEST_ACCESS,
  MAPI_CREATE,
  MAPI_MODIFY,
  MAPI_TO,
  MAPI_UNICODE,
  MODRECIP_ADD,
  MSGFLAG_HASATTACH,
  NO_ATTACHMENT,
  TABLE_ROW_ADDED,
  TABLE_ROW_DELETED,
  TABLE_ROW_MODIFIED,
  TABLE_SORT_DESCEND,
  fnevTableModified,
} from '../../../src/core/generated/constants.js';
import { IID_IAttachment, IID_IMAPIFolder, IID_IMAPITable, IID_IMessage, IID_IStream } from '../../../src/core/generated/guids.js';
import {
  MAPI_E_COMPUTED,
  MAPI_E_INTERFACE_NOT_SUPPORTED,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NO_ACCESS,
  MAPI_E_NO_SUPPORT,
  MAPI_E_NOT_ENOUGH_MEMORY,
  MAPI_E_NOT_FOUND,
  MAPI_E_OBJECT_DELETED,
  MAPI_E_UNKNOWN_FLAGS,
} from '../../../src/core/generated/scodes.js';

const name = (n: string) => ({ ulPropTag: T.PR_ATTACH_LONG_FILENAME_W, Value: n });

/** Adds a saved attachment named `n` to a message handle; resolves to its number. */
async function addAttach(msg: IMessage, n: string, data?: Uint8Array): Promise<number> {
  const { ulAttachmentNum, attach } = await msg.createAttach(null, 0);
  await attach.setProps([name(n), { ulPropTag: T.PR_ATTACH_METHOD, Value: ATTACH_BY_VALUE }, ...(data ? [{ ulPropTag: T.PR_ATTACH_DATA_BIN, Value: data }] : [])]);
  await attach.saveChanges(0);
  return ulAttachmentNum;
}

async function attachNames(msg: IMessage): Promise<unknown[]> {
  const t = await msg.getAttachmentTable(MAPI_UNICODE);
  return (await allRows(t)).map((r) => cell(r, T.PR_ATTACH_LONG_FILENAME_W));
}

describe('IMessage.createAttach', () => {
  it('numbers attachments 0, 1, 2 ... and starts them at NO_ATTACHMENT', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    const a = await msg.createAttach(null, 0);
    const b = await msg.createAttach(IID_IAttachment, 0);
    expect([a.ulAttachmentNum, b.ulAttachmentNum]).toEqual([0, 1]);
    expect(await prop(b.attach, T.PR_ATTACH_NUM)).toBe(1);
    expect(await prop(a.attach, T.PR_ATTACH_METHOD)).toBe(NO_ATTACHMENT);
    expect(await prop(a.attach, T.PR_OBJECT_TYPE)).toBe(MAPI_ATTACH);
    expect(await prop(a.attach, T.PR_RECORD_KEY)).toHaveLength(16);
  });

  it('shows an attachment in the table only once it is saved, and commits it with the message', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s);
    const { attach } = await msg.createAttach(null, 0);
    await attach.setProps([name('a.txt')]);
    expect(await attachNames(msg)).toEqual([]);
    await attach.saveChanges(0);
    expect(await attachNames(msg)).toEqual(['a.txt']);
    expect(await prop(msg, T.PR_HASATTACH)).toBe(true);
    // Not in the store until the message is saved.
    expect(await attachNames(open(s, id))).toEqual([]);
    expect(s.backend.message(id)?.attachments).toEqual([]);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    expect(await attachNames(open(s, id))).toEqual(['a.txt']);
    const row = s.ctx.messageRow(s.backend.message(id)!);
    expect(row.props.get(PROP_ID(T.PR_HASATTACH))?.Value).toBe(true);
    expect((row.props.get(PROP_ID(T.PR_MESSAGE_FLAGS))?.Value as number) & MSGFLAG_HASATTACH).toBe(MSGFLAG_HASATTACH);
  });

  it('never reuses or renumbers attachment numbers, across deletes and saves', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s);
    for (const n of ['a', 'b', 'c']) await addAttach(msg, n);
    await msg.createAttach(null, 0); // number 3, never saved
    await msg.deleteAttach(1, null, 0);
    expect((await msg.createAttach(null, 0)).ulAttachmentNum).toBe(4);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    const again = open(s, id);
    expect((await again.createAttach(null, 0)).ulAttachmentNum).toBe(5);
    const rows = await allRows(await again.getAttachmentTable(0));
    expect(rows.map((r) => cell(r, T.PR_ATTACH_NUM))).toEqual([0, 2]);
  });

  it('is refused on a read-only message and checks its arguments', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s);
    expect(await scodeOf(open(s, id, false).createAttach(null, 0))).toBe(MAPI_E_NO_ACCESS);
    expect(await scodeOf(open(s, id).createAttach(null, 0x1))).toBe(MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(open(s, id).createAttach(IID_IMAPIFolder, 0))).toBe(MAPI_E_INTERFACE_NOT_SUPPORTED);
  });
});

describe('IMessage.openAttach', () => {
  it('opens read-only by default, read/write with MAPI_MODIFY, best access with MAPI_BEST_ACCESS', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s);
    await addAttach(msg, 'a');
    await msg.saveChanges(0);
    const m = open(s, id);
    expect(await scodeOf((await m.openAttach(0, null, 0)).setProps([name('x')]))).toBe(MAPI_E_NO_ACCESS);
    expect(await (await m.openAttach(0, null, MAPI_MODIFY)).setProps([name('x')])).toEqual([]);
    expect(await (await m.openAttach(0, null, MAPI_BEST_ACCESS)).setProps([name('x')])).toEqual([]);
    const ro = open(s, id, false);
    expect(await scodeOf(ro.openAttach(0, null, MAPI_MODIFY))).toBe(MAPI_E_NO_ACCESS);
    expect(await scodeOf((await ro.openAttach(0, null, MAPI_BEST_ACCESS)).setProps([name('x')]))).toBe(MAPI_E_NO_ACCESS);
  });

  it.each([
    ['an unknown number', 7, null, 0, MAPI_E_NOT_FOUND],
    ['a number that is not an integer', 0.5, null, 0, MAPI_E_INVALID_PARAMETER],
    ['an unknown flag', 0, null, 0x4, MAPI_E_UNKNOWN_FLAGS],
    ['an interface an attachment does not have', 0, IID_IMessage, 0, MAPI_E_INTERFACE_NOT_SUPPORTED],
  ] as const)('rejects %s', async (_n, num, iid, flags, scode) => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await addAttach(msg, 'a');
    expect(await scodeOf(msg.openAttach(num, iid, flags))).toBe(scode);
  });

  it('gives each attachment handle its own transaction inside the message', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await addAttach(msg, 'a');
    const at = await msg.openAttach(0, null, MAPI_MODIFY);
    await at.setProps([name('renamed')]);
    expect(await attachNames(msg)).toEqual(['a']);
    await at.saveChanges(0);
    expect(await attachNames(msg)).toEqual(['renamed']);
  });
});

describe('IMessage.deleteAttach', () => {
  it('removes the attachment from the handle now and from the store at the message save', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s);
    await addAttach(msg, 'a');
    await addAttach(msg, 'b');
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    await msg.deleteAttach(0, null, 0);
    expect(await attachNames(msg)).toEqual(['b']);
    expect(await attachNames(open(s, id))).toEqual(['a', 'b']);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    expect(await attachNames(open(s, id))).toEqual(['b']);
    await msg.deleteAttach(1, null, 0);
    expect(await prop(msg, T.PR_HASATTACH)).toBe(false);
  });

  it('makes an open handle on the deleted attachment fail to save (MAPI_E_OBJECT_DELETED)', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await addAttach(msg, 'a');
    const at = await msg.openAttach(0, null, MAPI_MODIFY);
    await msg.deleteAttach(0, null, 0);
    await at.setProps([name('zombie')]);
    expect(await scodeOf(at.saveChanges(0))).toBe(MAPI_E_OBJECT_DELETED);
    expect(await attachNames(msg)).toEqual([]);
  });

  it.each([
    ['an unknown number', 3, 0, MAPI_E_NOT_FOUND],
    ['ATTACH_DIALOG (a progress UI)', 0, ATTACH_DIALOG, MAPI_E_NO_SUPPORT],
    ['an unknown flag', 0, 0x8, MAPI_E_UNKNOWN_FLAGS],
    ['a number that is not an integer', 'x', 0, MAPI_E_INVALID_PARAMETER],
  ] as const)('rejects %s', async (_n, num, flags, scode) => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await addAttach(msg, 'a');
    expect(await scodeOf(msg.deleteAttach(num as number, null, flags))).toBe(scode);
    expect(await attachNames(msg)).toEqual(['a']);
  });

  it('is refused on a read-only message', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s);
    await addAttach(msg, 'a');
    await msg.saveChanges(0);
    expect(await scodeOf(open(s, id, false).deleteAttach(0, null, 0))).toBe(MAPI_E_NO_ACCESS);
  });
});

describe('IAttach properties', () => {
  it('computes PR_ATTACH_NUM and PR_ATTACH_SIZE (MAPI_E_COMPUTED on SetProps)', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    const { attach } = await msg.createAttach(null, 0);
    const before = (await prop(attach, T.PR_ATTACH_SIZE)) as number;
    await attach.setProps([{ ulPropTag: T.PR_ATTACH_DATA_BIN, Value: new Uint8Array(1000) }]);
    expect(await prop(attach, T.PR_ATTACH_SIZE)).toBe(before + 1000);
    const problems = await attach.setProps([
      { ulPropTag: T.PR_ATTACH_NUM, Value: 9 },
      { ulPropTag: T.PR_ATTACH_SIZE, Value: 9 },
      { ulPropTag: T.PR_RECORD_KEY, Value: new Uint8Array(2) },
    ]);
    expect(problems.map((p) => p.scode)).toEqual([MAPI_E_COMPUTED, MAPI_E_COMPUTED, MAPI_E_COMPUTED]);
  });

  it('stamps PR_CREATION_TIME and PR_LAST_MODIFICATION_TIME at its save', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    const { attach } = await msg.createAttach(null, 0);
    await attach.saveChanges(KEEP_OPEN_READWRITE);
    expect(await prop(attach, T.PR_CREATION_TIME)).toEqual(s.clock.now());
    expect(await prop(attach, T.PR_LAST_MODIFICATION_TIME)).toEqual(s.clock.now());
  });

  it('answers MAPI_E_NOT_ENOUGH_MEMORY for large data in getProps and gives it through a stream', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s);
    const big = Uint8Array.from({ length: 40000 }, (_, i) => i & 0xff);
    const { attach } = await msg.createAttach(null, 0);
    const w = await attach.openProperty<IStream>(T.PR_ATTACH_DATA_BIN, IID_IStream, 0, MAPI_CREATE | MAPI_MODIFY);
    await w.write(big);
    await w.commit(0);
    await attach.saveChanges(0);
    await msg.saveChanges(0);
    const at = await open(s, id).openAttach(0, null, 0);
    expect(await at.getProps([T.PR_ATTACH_DATA_BIN], 0)).toEqual([{ ulPropTag: PROP_TAG(PT_ERROR, PROP_ID(T.PR_ATTACH_DATA_BIN)), Value: MAPI_E_NOT_ENOUGH_MEMORY }]);
    const r = await at.openProperty<IStream>(T.PR_ATTACH_DATA_BIN, IID_IStream, 0, 0);
    expect(await r.read(50000)).toEqual(big);
    // The object rendition of the same identifier gives the same bytes (pidtagattachdataobject).
    const o = await at.openProperty<IStream>(T.PR_ATTACH_DATA_OBJ, IID_IStream, 0, 0);
    expect((await o.read(10)).length).toBe(10);
  });
});

describe('IMessage.getAttachmentTable', () => {
  it('has the required columns and no bookmarks (MAPI_E_NO_SUPPORT)', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await addAttach(msg, 'a');
    const t = await msg.getAttachmentTable(0);
    expect(await t.queryColumns(0)).toEqual(expect.arrayContaining([T.PR_ATTACH_NUM, T.PR_INSTANCE_KEY, T.PR_RECORD_KEY, T.PR_RENDERING_POSITION, T.PR_ATTACH_METHOD, T.PR_ATTACH_SIZE]));
    expect(await scodeOf(t.createBookmark())).toBe(MAPI_E_NO_SUPPORT);
    expect(await scodeOf(msg.getAttachmentTable(0x1))).toBe(MAPI_E_UNKNOWN_FLAGS);
  });

  it('sorts and follows the handle’s attachment changes with notifications', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    const t = await msg.getAttachmentTable(MAPI_UNICODE);
    const rec = new NotificationRecorder();
    await t.advise(fnevTableModified, rec);
    await addAttach(msg, 'a');
    await addAttach(msg, 'b');
    const at = await msg.openAttach(0, null, MAPI_MODIFY);
    await at.setProps([name('a2')]);
    await at.saveChanges(0);
    await msg.deleteAttach(1, null, 0);
    await s.hub.flush();
    expect(rec.notifications.map((n) => (n as NOTIFICATION_TABLE).tab.ulTableEvent)).toEqual([TABLE_ROW_ADDED, TABLE_ROW_ADDED, TABLE_ROW_MODIFIED, TABLE_ROW_DELETED]);
    await addAttach(msg, 'c');
    await t.sortTable({ aSort: [{ ulPropTag: T.PR_ATTACH_NUM, ulOrder: TABLE_SORT_DESCEND }], cCategories: 0, cExpanded: 0 }, 0);
    expect(await attachNames(msg)).toEqual(['a2', 'c']);
    expect((await allRows(t)).map((r) => cell(r, T.PR_ATTACH_LONG_FILENAME_W))).toEqual(['c', 'a2']);
  });

  it('opens through openProperty(PR_MESSAGE_ATTACHMENTS, IID_IMAPITable)', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await addAttach(msg, 'a');
    const t = await msg.openProperty<IMAPITable>(T.PR_MESSAGE_ATTACHMENTS, IID_IMAPITable, MAPI_UNICODE, 0);
    expect((await allRows(t)).map((r) => cell(r, T.PR_ATTACH_LONG_FILENAME_W))).toEqual(['a']);
  });
});

describe('embedded messages (PR_ATTACH_DATA_OBJ as IID_IMessage)', () => {
  async function embed(attach: IAttach): Promise<IMessage> {
    return attach.openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, MAPI_CREATE | MAPI_MODIFY);
  }

  it('creates an embedded message that saves into the attachment, two levels deep', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'outer' }]);
    const { attach: a1 } = await msg.createAttach(null, 0);
    const m1 = await embed(a1);
    expect(await prop(a1, T.PR_ATTACH_METHOD)).toBe(ATTACH_EMBEDDED_MSG);
    await m1.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'FW: middle' }]);
    await m1.modifyRecipients(MODRECIP_ADD, [{ rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'Ann' }, { ulPropTag: T.PR_RECIPIENT_TYPE, Value: MAPI_TO }] }]);
    const { attach: a2 } = await m1.createAttach(null, 0);
    const m2 = await embed(a2);
    await m2.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'inner' }]);
    // Saves go inside out; nothing reaches the store before the outer message's save.
    await m2.saveChanges(0);
    await a2.saveChanges(0);
    await m1.saveChanges(0);
    await a1.saveChanges(0);
    expect(s.backend.message(id)?.attachments).toEqual([]);
    await msg.saveChanges(0);
    const stored = s.backend.message(id)!;
    expect(stored.attachments[0]?.embedded?.props.get(PROP_ID(T.PR_NORMALIZED_SUBJECT_W))?.Value).toBe('middle');
    expect(stored.attachments[0]?.embedded?.attachments[0]?.embedded?.props.get(PROP_ID(T.PR_SUBJECT_W))?.Value).toBe('inner');

    // Read it back through a new handle.
    const r1 = await (await open(s, id).openAttach(0, null, 0)).openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, 0);
    expect(await prop(r1, T.PR_SUBJECT_W)).toBe('FW: middle');
    expect(await prop(r1, T.PR_DISPLAY_TO_W)).toBe('Ann');
    expect(await prop(r1, T.PR_HASATTACH)).toBe(true);
    // An embedded message has no entry ID.
    expect(await prop(r1, T.PR_ENTRYID)).toBeUndefined();
    const r2 = await (await r1.openAttach(0, null, 0)).openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, 0);
    expect(await prop(r2, T.PR_SUBJECT_W)).toBe('inner');
    // The attachment lists the subobject and counts it in its size.
    const at = await open(s, id).openAttach(0, null, 0);
    expect(await at.getPropList(0)).toContain(T.PR_ATTACH_DATA_OBJ);
    expect(await prop(at, T.PR_ATTACH_SIZE)).toBeGreaterThan(20);
  });

  it('keeps embedded changes pending until the attachment is saved', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    const { attach } = await msg.createAttach(null, 0);
    const inner = await embed(attach);
    await inner.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'v1' }]);
    await inner.saveChanges(KEEP_OPEN_READWRITE);
    await attach.saveChanges(KEEP_OPEN_READWRITE);
    await inner.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'v2' }]);
    await inner.saveChanges(0);
    const seen = await (await msg.openAttach(0, null, 0)).openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, 0);
    expect(await prop(seen, T.PR_SUBJECT_W)).toBe('v1');
    await attach.saveChanges(0);
    const after = await (await msg.openAttach(0, null, 0)).openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, 0);
    expect(await prop(after, T.PR_SUBJECT_W)).toBe('v2');
  });

  it('answers MAPI_E_NOT_FOUND without MAPI_CREATE when there is none, and MAPI_E_NO_ACCESS read-only', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s);
    const { attach } = await msg.createAttach(null, 0);
    expect(await scodeOf(attach.openProperty(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, 0))).toBe(MAPI_E_NOT_FOUND);
    await embed(attach);
    await attach.saveChanges(0);
    await msg.saveChanges(0);
    const ro = await open(s, id).openAttach(0, null, 0);
    expect(await scodeOf(ro.openProperty(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, MAPI_MODIFY))).toBe(MAPI_E_NO_ACCESS);
    const inner = await ro.openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, 0);
    expect(await scodeOf(inner.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'x' }]))).toBe(MAPI_E_NO_ACCESS);
  });

  it('replaces the embedded message with binary data set on the same identifier', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    const { attach } = await msg.createAttach(null, 0);
    await embed(attach);
    expect(await attach.getPropList(0)).toContain(T.PR_ATTACH_DATA_OBJ);
    await attach.setProps([{ ulPropTag: T.PR_ATTACH_DATA_BIN, Value: Uint8Array.of(1) }]);
    expect(await attach.getPropList(0)).not.toContain(T.PR_ATTACH_DATA_OBJ);
    expect(await scodeOf(attach.openProperty(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, 0))).toBe(MAPI_E_NOT_FOUND);
  });
});
