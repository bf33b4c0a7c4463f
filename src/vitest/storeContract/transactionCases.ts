/**
 * Store contract: message transactions (saveChanges, stale saves, read-only handles) and submission.
 * @internal
 */
import { describe, expect, it } from 'vitest';
import type { IMessage } from '../../core/store/interfaces.js';
import * as T from '../../core/generated/proptags.js';
import * as C from '../../core/generated/constants.js';
import * as E from '../../core/generated/scodes.js';
import { UNKNOWN_FLAG, cell, prop, recipient, rejects, rows, saveMessage, subjects, type ContractSuite } from './env.js';

const open = (s: ContractSuite, eid: Uint8Array, flags = 0) => s.env().store.openEntry<IMessage>(eid, null, flags);

export function transactionCases(s: ContractSuite): void {
  if (!s.caps.write) return;

  describe('IMessage transactions', () => {
    it('unsaved changes are seen only by their handle: not by other handles, tables or the folder counts (imapiprop-savechanges.md)', async () => {
      const folder = await s.env().scratch();
      const { eid } = await saveMessage(folder, 'before');
      const writer = await open(s, eid, C.MAPI_MODIFY);
      await writer.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'after' }]);
      expect(await prop(writer, T.PR_SUBJECT_W)).toBe('after');
      expect(await prop(await open(s, eid), T.PR_SUBJECT_W)).toBe('before');
      expect(await subjects(folder)).toEqual(['before']);
      await writer.saveChanges(C.KEEP_OPEN_READWRITE);
      expect(await prop(await open(s, eid), T.PR_SUBJECT_W)).toBe('after');
      expect(await subjects(folder)).toEqual(['after']);
    });

    it('two handles are two transactions: the later save is MAPI_E_OBJECT_CHANGED, FORCE_SAVE overwrites (imapiprop-savechanges.md)', async () => {
      const { eid } = await saveMessage(await s.env().scratch(), 'shared');
      const a = await open(s, eid, C.MAPI_MODIFY);
      const b = await open(s, eid, C.MAPI_MODIFY);
      await a.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'from a' }]);
      await b.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'from b' }]);
      await a.saveChanges(C.KEEP_OPEN_READWRITE);
      expect(await prop(b, T.PR_SUBJECT_W)).toBe('from b');
      await rejects(b.saveChanges(C.KEEP_OPEN_READWRITE), E.MAPI_E_OBJECT_CHANGED);
      expect(await prop(await open(s, eid), T.PR_SUBJECT_W)).toBe('from a');
      await b.saveChanges(C.FORCE_SAVE | C.KEEP_OPEN_READWRITE);
      expect(await prop(await open(s, eid), T.PR_SUBJECT_W)).toBe('from b');
    });

    it('saveChanges without KEEP_OPEN_READWRITE ends write access; with it the handle keeps writing (imapiprop-savechanges.md)', async () => {
      const folder = await s.env().scratch();
      const msg = await folder.createMessage(null, 0);
      await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'once' }]);
      await msg.saveChanges(C.KEEP_OPEN_READONLY);
      await rejects(msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'twice' }]), E.MAPI_E_NO_ACCESS, E.MAPI_E_INVALID_OBJECT);
      const { msg: kept } = await saveMessage(folder, 'kept open');
      expect(await kept.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'kept open 2' }])).toEqual([]);
      await kept.saveChanges(0);
      expect(await subjects(folder)).toEqual(['kept open 2', 'once']);
    });

    it('a handle whose message was deleted cannot save: MAPI_E_OBJECT_DELETED (imapiprop-savechanges.md)', async () => {
      const folder = await s.env().scratch();
      const { eid } = await saveMessage(folder, 'doomed');
      const writer = await open(s, eid, C.MAPI_MODIFY);
      await writer.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'too late' }]);
      await folder.deleteMessages([eid], null, C.DELETE_HARD_DELETE);
      await rejects(writer.saveChanges(C.KEEP_OPEN_READWRITE), E.MAPI_E_OBJECT_DELETED);
      await rejects(writer.saveChanges(C.FORCE_SAVE), E.MAPI_E_OBJECT_DELETED);
      expect(await subjects(folder)).toEqual([]);
    });

    it('a read-only handle refuses setProps, modifyRecipients, createAttach and saveChanges (MAPI_E_NO_ACCESS); PR_ACCESS follows the access (pidtagaccess-canonical-property.md)', async () => {
      const { eid } = await saveMessage(await s.env().scratch(), 'read only');
      const ro = await open(s, eid);
      expect(((await prop(ro, T.PR_ACCESS)) as number) & C.MAPI_ACCESS_MODIFY).toBe(0);
      await rejects(ro.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'x' }]), E.MAPI_E_NO_ACCESS);
      await rejects(ro.modifyRecipients(C.MODRECIP_ADD, [recipient('X', C.MAPI_TO)]), E.MAPI_E_NO_ACCESS);
      await rejects(ro.createAttach(null, 0), E.MAPI_E_NO_ACCESS);
      await rejects(ro.saveChanges(0), E.MAPI_E_NO_ACCESS);
      const rw = await open(s, eid, C.MAPI_MODIFY);
      expect(((await prop(rw, T.PR_ACCESS)) as number) & C.MAPI_ACCESS_MODIFY).toBe(C.MAPI_ACCESS_MODIFY);
      expect(await prop(rw, T.PR_ACCESS_LEVEL)).toBe(C.MAPI_MODIFY);
    });

    it('saveChanges with unknown flags: MAPI_E_UNKNOWN_FLAGS, nothing saved', async () => {
      const folder = await s.env().scratch();
      const msg = await folder.createMessage(null, 0);
      await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'never' }]);
      await rejects(msg.saveChanges(UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
      expect(await subjects(folder)).toEqual([]);
    });
  });

  describe('IMessage.submitMessage', () => {
    it(s.caps.submit
      ? 'puts the message in the outgoing queue with MSGFLAG_SUBMIT (imessage-submitmessage.md)'
      : 'without a spooler: MAPI_E_NO_SUPPORT, the message stays as it was (imessage-submitmessage.md)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const { msg, eid } = await saveMessage(folder, 'outgoing', { recipients: [['Alice', C.MAPI_TO]] });
      if (!s.caps.submit) {
        await rejects(msg.submitMessage(0), E.MAPI_E_NO_SUPPORT);
        expect(((await prop(await open(s, eid), T.PR_MESSAGE_FLAGS)) as number) & C.MSGFLAG_SUBMIT).toBe(0);
        return;
      }
      await msg.submitMessage(0);
      expect(((await prop(await open(s, eid), T.PR_MESSAGE_FLAGS)) as number) & C.MSGFLAG_SUBMIT).toBe(C.MSGFLAG_SUBMIT);
      const queue = await rows(await env.store.getOutgoingQueue(0), [T.PR_ENTRYID]);
      const listed = await Promise.all(queue.map((r) => env.store.compareEntryIDs(cell(r, T.PR_ENTRYID) as Uint8Array, eid, 0)));
      expect(listed).toContain(true);
    });
  });
}
