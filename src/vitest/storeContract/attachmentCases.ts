/**
 * Store contract: attachments and embedded messages.
 * @internal
 */
import { describe, expect, it } from 'vitest';
import type { IAttach, IMessage } from '../../core/store/interfaces.js';
import { PROP_ID } from '../../core/props/tags.js';
import { valuesEqual } from '../../core/props/values.js';
import { IID_IMessage } from '../../core/generated/guids.js';
import * as T from '../../core/generated/proptags.js';
import * as C from '../../core/generated/constants.js';
import * as E from '../../core/generated/scodes.js';
import { UNKNOWN_FLAG, bin, bytes, cell, prop, recipient, rejects, rows, saveMessage, subjects, type ContractSuite } from './env.js';

const open = (s: ContractSuite, eid: Uint8Array, flags = 0) => s.env().store.openEntry<IMessage>(eid, null, flags);

export function attachmentCases(s: ContractSuite): void {
  if (!s.caps.write) return;

  describe('IMessage attachments', () => {
    it('createAttach and both saves: listed with PR_ATTACH_NUM, the data reads back, PR_HASATTACH and MSGFLAG_HASATTACH are set (imessage-createattach.md, pidtaghasattachments-canonical-property.md)', async () => {
      const data = bytes('attachment payload');
      const { eid } = await saveMessage(await s.env().scratch(), 'with file', { attachments: [['notes.txt', data]] });
      const msg = await open(s, eid);
      expect(await prop(msg, T.PR_HASATTACH)).toBe(true);
      expect(((await prop(msg, T.PR_MESSAGE_FLAGS)) as number) & C.MSGFLAG_HASATTACH).toBe(C.MSGFLAG_HASATTACH);
      const table = await msg.getAttachmentTable(0);
      const cols = new Set((await table.queryColumns(0)).map(PROP_ID));
      for (const tag of [T.PR_ATTACH_NUM, T.PR_INSTANCE_KEY, T.PR_RECORD_KEY, T.PR_RENDERING_POSITION]) expect(cols.has(PROP_ID(tag)), `0x${tag.toString(16)}`).toBe(true);
      const [row, ...more] = await rows(table, [T.PR_ATTACH_NUM, T.PR_ATTACH_METHOD]);
      expect(more).toEqual([]);
      expect(cell(row, T.PR_ATTACH_METHOD)).toBe(C.ATTACH_BY_VALUE);
      const attach = await msg.openAttach(cell(row, T.PR_ATTACH_NUM) as number, null, 0);
      expect(valuesEqual((await prop(attach, T.PR_ATTACH_DATA_BIN)) ?? null, data)).toBe(true);
      expect(await prop(attach, T.PR_ATTACH_LONG_FILENAME_W)).toBe('notes.txt');
      expect(await prop(attach, T.PR_OBJECT_TYPE)).toBe(C.MAPI_ATTACH);
    });

    it('an attachment saved into a message that is then not saved never reaches the store (iattach: transacted inside the message)', async () => {
      const { eid } = await saveMessage(await s.env().scratch(), 'unsaved attachment');
      const msg = await open(s, eid, C.MAPI_MODIFY);
      const { attach } = await msg.createAttach(null, 0);
      await attach.setProps([{ ulPropTag: T.PR_ATTACH_METHOD, Value: C.ATTACH_BY_VALUE }, { ulPropTag: T.PR_ATTACH_DATA_BIN, Value: bytes('x') }]);
      await attach.saveChanges(0);
      expect(await prop(msg, T.PR_HASATTACH)).toBe(true);
      const other = await open(s, eid);
      expect(await prop(other, T.PR_HASATTACH)).toBe(false);
      expect(await rows(await other.getAttachmentTable(0))).toEqual([]);
    });

    it('deleteAttach takes effect at the message\'s saveChanges; other handles keep seeing it until then (imessage-deleteattach.md)', async () => {
      const { eid } = await saveMessage(await s.env().scratch(), 'two files', { attachments: [['a.txt', bytes('a')], ['b.txt', bytes('b')]] });
      const msg = await open(s, eid, C.MAPI_MODIFY);
      const nums = (await rows(await msg.getAttachmentTable(0), [T.PR_ATTACH_NUM])).map((r) => cell(r, T.PR_ATTACH_NUM) as number);
      expect(nums.length).toBe(2);
      await msg.deleteAttach(nums[0] as number, null, 0);
      expect(await rows(await (await open(s, eid)).getAttachmentTable(0))).toHaveLength(2);
      await msg.saveChanges(C.KEEP_OPEN_READWRITE);
      const left = await rows(await (await open(s, eid)).getAttachmentTable(0), [T.PR_ATTACH_NUM]);
      expect(left.map((r) => cell(r, T.PR_ATTACH_NUM))).toEqual([nums[1]]);
      await msg.deleteAttach(nums[1] as number, null, 0);
      await msg.saveChanges(C.KEEP_OPEN_READWRITE);
      expect(await prop(await open(s, eid), T.PR_HASATTACH)).toBe(false);
      await rejects(msg.openAttach(nums[1] as number, null, 0), E.MAPI_E_NOT_FOUND);
    });

    it('an embedded message (PR_ATTACH_DATA_OBJ as IID_IMessage) is saved through the attachment and reopens with its properties and recipients (pidtagattachdataobject-canonical-property.md)', async () => {
      const folder = await s.env().scratch();
      const msg = await folder.createMessage(null, 0);
      await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'FW: inner' }]);
      const { attach } = await msg.createAttach(null, 0);
      await attach.setProps([{ ulPropTag: T.PR_ATTACH_METHOD, Value: C.ATTACH_EMBEDDED_MSG }]);
      const inner = await attach.openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, C.MAPI_CREATE | C.MAPI_MODIFY);
      await inner.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'inner' }, { ulPropTag: T.PR_BODY_W, Value: 'embedded body' }]);
      await inner.modifyRecipients(C.MODRECIP_ADD, [recipient('Zed', C.MAPI_TO)]);
      await inner.saveChanges(0);
      await attach.saveChanges(0);
      await msg.saveChanges(C.KEEP_OPEN_READWRITE);
      const again = await open(s, await bin(msg, T.PR_ENTRYID));
      const [row] = await rows(await again.getAttachmentTable(0), [T.PR_ATTACH_NUM, T.PR_ATTACH_METHOD]);
      expect(cell(row, T.PR_ATTACH_METHOD)).toBe(C.ATTACH_EMBEDDED_MSG);
      const att: IAttach = await again.openAttach(cell(row, T.PR_ATTACH_NUM) as number, null, 0);
      const embedded = await att.openProperty<IMessage>(T.PR_ATTACH_DATA_OBJ, IID_IMessage, 0, 0);
      expect(await prop(embedded, T.PR_SUBJECT_W)).toBe('inner');
      expect(await prop(embedded, T.PR_BODY_W)).toBe('embedded body');
      expect((await rows(await embedded.getRecipientTable(C.MAPI_UNICODE), [T.PR_DISPLAY_NAME_W])).map((r) => cell(r, T.PR_DISPLAY_NAME_W))).toEqual(['Zed']);
      // The embedded message is not a message of the folder.
      expect(await subjects(folder)).toEqual(['FW: inner']);
    });

    it('openAttach: an unknown number (MAPI_E_NOT_FOUND), unknown flags (MAPI_E_UNKNOWN_FLAGS); read-only unless MAPI_MODIFY (imessage-openattach.md)', async () => {
      const { msg } = await saveMessage(await s.env().scratch(), 'attach errors', { attachments: [['a.txt', bytes('a')]] });
      const [row] = await rows(await msg.getAttachmentTable(0), [T.PR_ATTACH_NUM]);
      const num = cell(row, T.PR_ATTACH_NUM) as number;
      await rejects(msg.openAttach(num + 1000, null, 0), E.MAPI_E_NOT_FOUND);
      await rejects(msg.openAttach(num, null, UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
      const ro = await msg.openAttach(num, null, 0);
      await rejects(ro.setProps([{ ulPropTag: T.PR_ATTACH_LONG_FILENAME_W, Value: 'x' }]), E.MAPI_E_NO_ACCESS);
      const rw = await msg.openAttach(num, null, C.MAPI_MODIFY);
      expect(await rw.setProps([{ ulPropTag: T.PR_ATTACH_LONG_FILENAME_W, Value: 'renamed.txt' }])).toEqual([]);
    });
  });
}
