import { describe, it, expect } from 'vitest';
import { makeStore, savedMessage, open, scodeOf, allRows, cell } from './messageHelpers.js';
import { newMessage } from '../../../src/core/store/Message.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import type { ADRENTRY, SPropValue } from '../../../src/core/props/types.js';
import type { IMessage } from '../../../src/core/store/interfaces.js';
import type { NOTIFICATION_TABLE } from '../../../src/core/notify/types.js';
import * as T from '../../../src/core/generated/proptags.js';
import {
  KEEP_OPEN_READWRITE,
  MAPI_CC,
  MAPI_MAILUSER,
  MAPI_TO,
  MAPI_UNICODE,
  MODRECIP_ADD,
  MODRECIP_MODIFY,
  MODRECIP_REMOVE,
  RELOP_EQ,
  RES_PROPERTY,
  TABLE_ROW_ADDED,
  TABLE_ROW_DELETED,
  TABLE_ROW_MODIFIED,
  fnevTableModified,
} from '../../../src/core/generated/constants.js';
import { IID_IMAPITable, IID_IMessage } from '../../../src/core/generated/guids.js';
import {
  MAPI_E_INTERFACE_NOT_SUPPORTED,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NO_ACCESS,
  MAPI_E_NOT_FOUND,
  MAPI_E_UNKNOWN_FLAGS,
} from '../../../src/core/generated/scodes.js';

const recip = (name: string, type = MAPI_TO, extra: SPropValue[] = []): ADRENTRY => ({
  rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: name }, { ulPropTag: T.PR_RECIPIENT_TYPE, Value: type }, ...extra],
});
const rowId = (n: number): SPropValue => ({ ulPropTag: T.PR_ROWID, Value: n });

async function recipients(msg: IMessage): Promise<{ rowId: unknown; name: unknown; type: unknown }[]> {
  const t = await msg.getRecipientTable(MAPI_UNICODE);
  return (await allRows(t)).map((r) => ({ rowId: cell(r, T.PR_ROWID), name: cell(r, T.PR_DISPLAY_NAME_W), type: cell(r, T.PR_RECIPIENT_TYPE) }));
}

describe('IMessage.modifyRecipients', () => {
  it('MODRECIP_ADD appends recipients with new PR_ROWIDs (a PR_ROWID passed in is ignored)', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.modifyRecipients(MODRECIP_ADD, [recip('Ann'), recip('Bob', MAPI_CC, [rowId(77)])]);
    await msg.modifyRecipients(MODRECIP_ADD, [recip('Cid')]);
    expect(await recipients(msg)).toEqual([
      { rowId: 0, name: 'Ann', type: MAPI_TO },
      { rowId: 1, name: 'Bob', type: MAPI_CC },
      { rowId: 2, name: 'Cid', type: MAPI_TO },
    ]);
  });

  it('0 replaces every recipient; row ids are not reused', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.modifyRecipients(0, [recip('Ann'), recip('Bob')]);
    await msg.modifyRecipients(0, [recip('Zed')]);
    expect(await recipients(msg)).toEqual([{ rowId: 2, name: 'Zed', type: MAPI_TO }]);
  });

  it('MODRECIP_MODIFY replaces the whole row named by PR_ROWID (properties left out are deleted)', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.modifyRecipients(0, [recip('Ann', MAPI_TO, [{ ulPropTag: T.PR_EMAIL_ADDRESS_W, Value: 'ann@x' }]), recip('Bob')]);
    await msg.modifyRecipients(MODRECIP_MODIFY, [{ rgPropVals: [rowId(0), { ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'Anne' }] }]);
    const rows = await allRows(await msg.getRecipientTable(MAPI_UNICODE));
    expect(cell(rows[0], T.PR_DISPLAY_NAME_W)).toBe('Anne');
    expect(cell(rows[0], T.PR_EMAIL_ADDRESS_W)).toBeUndefined();
    expect(cell(rows[0], T.PR_RECIPIENT_TYPE)).toBeUndefined();
    expect(cell(rows[1], T.PR_DISPLAY_NAME_W)).toBe('Bob');
  });

  it('MODRECIP_REMOVE removes the rows named by PR_ROWID', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.modifyRecipients(0, [recip('Ann'), recip('Bob'), recip('Cid')]);
    await msg.modifyRecipients(MODRECIP_REMOVE, [{ rgPropVals: [rowId(1)] }]);
    expect((await recipients(msg)).map((r) => r.name)).toEqual(['Ann', 'Cid']);
  });

  it('needs PR_ROWID of an existing recipient for MODIFY and REMOVE, and changes nothing when one is wrong', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.modifyRecipients(0, [recip('Ann'), recip('Bob')]);
    expect(await scodeOf(msg.modifyRecipients(MODRECIP_REMOVE, [{ rgPropVals: [rowId(0)] }, recip('no row id')]))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(msg.modifyRecipients(MODRECIP_MODIFY, [{ rgPropVals: [rowId(0)] }, { rgPropVals: [rowId(9)] }]))).toBe(MAPI_E_NOT_FOUND);
    expect((await recipients(msg)).map((r) => r.name)).toEqual(['Ann', 'Bob']);
  });

  it.each([
    ['MODRECIP_ADD | MODRECIP_REMOVE', MODRECIP_ADD | MODRECIP_REMOVE, [recip('x')], MAPI_E_INVALID_PARAMETER],
    ['an unknown flag', 0x1000, [recip('x')], MAPI_E_UNKNOWN_FLAGS],
    ['a null ADRLIST', MODRECIP_ADD, null, MAPI_E_INVALID_PARAMETER],
    ['a PT_NULL property ("returns an error")', MODRECIP_ADD, [{ rgPropVals: [{ ulPropTag: 0x66660001, Value: null }] }], MAPI_E_INVALID_PARAMETER],
    ['a value of the wrong type', MODRECIP_ADD, [{ rgPropVals: [{ ulPropTag: T.PR_RECIPIENT_TYPE, Value: 'TO' }] }], MAPI_E_INVALID_PARAMETER],
    ['an entry that is not an ADRENTRY', MODRECIP_ADD, [42], MAPI_E_INVALID_PARAMETER],
  ] as const)('rejects %s', async (_n, flags, mods, scode) => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    expect(await scodeOf(msg.modifyRecipients(flags, mods as never))).toBe(scode);
    expect(await recipients(msg)).toEqual([]);
  });

  it('ignores PT_ERROR values and NULL entries (cValues 0)', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.modifyRecipients(MODRECIP_ADD, [{ rgPropVals: [] }, recip('Ann', MAPI_TO, [{ ulPropTag: 0x6601000a, Value: 0x80040302 }])]);
    const t = await msg.getRecipientTable(0);
    await t.setColumns([0x66010003, T.PR_ROWID], 0);
    const rows = await allRows(t);
    expect(rows).toHaveLength(1);
    // The PT_ERROR value was not stored: the column is not found.
    expect(rows[0]?.lpProps[0]).toEqual({ ulPropTag: 0x6601000a, Value: MAPI_E_NOT_FOUND });
  });

  it('is refused on a read-only handle', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s);
    expect(await scodeOf(open(s, id, false).modifyRecipients(MODRECIP_ADD, [recip('x')]))).toBe(MAPI_E_NO_ACCESS);
  });

  it('keeps changes in the handle until saveChanges, then keeps row ids', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s);
    await msg.modifyRecipients(MODRECIP_ADD, [recip('Ann'), recip('Bob')]);
    expect(await recipients(open(s, id))).toEqual([]);
    expect(s.backend.message(id)?.recipients).toEqual([]);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    expect(await recipients(open(s, id))).toEqual([
      { rowId: 0, name: 'Ann', type: MAPI_TO },
      { rowId: 1, name: 'Bob', type: MAPI_TO },
    ]);
    // The next row id survives the save.
    const again = open(s, id);
    await again.modifyRecipients(MODRECIP_ADD, [recip('Cid')]);
    expect((await recipients(again)).map((r) => r.rowId)).toEqual([0, 1, 2]);
  });

  it('accepts the rows of another recipient table (SRowSet and ADRLIST are interchangeable)', async () => {
    const s = makeStore();
    const a = newMessage(s.ctx, s.folderId, false);
    await a.modifyRecipients(0, [recip('Ann'), recip('Bob')]);
    const rows = await allRows(await a.getRecipientTable(MAPI_UNICODE));
    const b = newMessage(s.ctx, s.folderId, false);
    await b.modifyRecipients(0, rows.map((r) => ({ rgPropVals: r.lpProps })));
    expect((await recipients(b)).map((r) => r.name)).toEqual(['Ann', 'Bob']);
  });
});

describe('IMessage.getRecipientTable', () => {
  it('has the required columns, PR_INSTANCE_KEY and Unicode names with MAPI_UNICODE', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    const cols = await (await msg.getRecipientTable(MAPI_UNICODE)).queryColumns(0);
    expect(cols).toEqual(expect.arrayContaining([T.PR_DISPLAY_NAME_W, T.PR_RECIPIENT_TYPE, T.PR_ROWID, T.PR_INSTANCE_KEY]));
    expect(await (await msg.getRecipientTable(0)).queryColumns(0)).toContain(T.PR_DISPLAY_NAME_A);
  });

  it('shows PR_OBJECT_TYPE MAPI_MAILUSER and every stored recipient property', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.modifyRecipients(0, [recip('Ann', MAPI_TO, [{ ulPropTag: T.PR_ADDRTYPE_W, Value: 'SMTP' }])]);
    const t = await msg.getRecipientTable(MAPI_UNICODE);
    await t.setColumns([T.PR_OBJECT_TYPE, T.PR_ADDRTYPE_W], 0);
    const [row] = await allRows(t);
    expect(cell(row, T.PR_OBJECT_TYPE)).toBe(MAPI_MAILUSER);
    expect(cell(row, T.PR_ADDRTYPE_W)).toBe('SMTP');
  });

  it('follows ModifyRecipients of its handle at once, with table notifications', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    const t = await msg.getRecipientTable(0);
    const rec = new NotificationRecorder();
    await t.advise(fnevTableModified, rec);
    await msg.modifyRecipients(MODRECIP_ADD, [recip('Ann'), recip('Bob')]);
    await msg.modifyRecipients(MODRECIP_MODIFY, [{ rgPropVals: [rowId(1), { ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'Robert' }] }]);
    await msg.modifyRecipients(MODRECIP_REMOVE, [{ rgPropVals: [rowId(0)] }]);
    await s.hub.flush();
    expect(await t.getRowCount(0)).toBe(1);
    expect(rec.notifications.map((n) => (n as NOTIFICATION_TABLE).tab.ulTableEvent)).toEqual([TABLE_ROW_ADDED, TABLE_ROW_ADDED, TABLE_ROW_MODIFIED, TABLE_ROW_DELETED]);
  });

  it('restricts rows (recipient-tables.md: property restrictions should be available)', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.modifyRecipients(0, [recip('Ann'), recip('Bob', MAPI_CC), recip('Cid')]);
    const t = await msg.getRecipientTable(MAPI_UNICODE);
    await t.restrict({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: T.PR_RECIPIENT_TYPE, lpProp: { ulPropTag: T.PR_RECIPIENT_TYPE, Value: MAPI_TO } }, 0);
    expect((await allRows(t)).map((r) => cell(r, T.PR_DISPLAY_NAME_W))).toEqual(['Ann', 'Cid']);
  });

  it('opens through openProperty(PR_MESSAGE_RECIPIENTS, IID_IMAPITable) and nothing else', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.modifyRecipients(0, [recip('Ann')]);
    const t = await msg.openProperty<import('../../../src/core/table/interfaces.js').IMAPITable>(T.PR_MESSAGE_RECIPIENTS, IID_IMAPITable, MAPI_UNICODE, 0);
    expect((await allRows(t)).map((r) => cell(r, T.PR_DISPLAY_NAME_W))).toEqual(['Ann']);
    expect(await scodeOf(msg.openProperty(T.PR_MESSAGE_RECIPIENTS, IID_IMessage, 0, 0))).toBe(MAPI_E_INTERFACE_NOT_SUPPORTED);
  });

  it('checks its flags', async () => {
    const s = makeStore();
    expect(await scodeOf(newMessage(s.ctx, s.folderId, false).getRecipientTable(0x4))).toBe(MAPI_E_UNKNOWN_FLAGS);
  });
});
