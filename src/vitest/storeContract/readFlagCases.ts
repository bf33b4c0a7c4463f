/**
 * Store contract: read flags (IMessage::SetReadFlag, IMAPIFolder::SetReadFlags, PR_CONTENT_UNREAD).
 * @internal
 */
import { describe, expect, it } from 'vitest';
import type { IMAPIFolder, IMessage } from '../../core/store/interfaces.js';
import * as T from '../../core/generated/proptags.js';
import * as C from '../../core/generated/constants.js';
import * as E from '../../core/generated/scodes.js';
import { UNKNOWN_FLAG, cell, prop, rejects, rows, saveMessage, type ContractSuite } from './env.js';

/** Read state of each message of a folder, by subject. */
async function readStates(folder: IMAPIFolder): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const r of await rows(await folder.getContentsTable(C.MAPI_UNICODE), [T.PR_SUBJECT_W, T.PR_MESSAGE_FLAGS])) {
    out[String(cell(r, T.PR_SUBJECT_W))] = ((cell(r, T.PR_MESSAGE_FLAGS) as number) & C.MSGFLAG_READ) !== 0;
  }
  return out;
}

export function readFlagCases(s: ContractSuite): void {
  if (!s.caps.write) return;

  describe('read flags', () => {
    it('IMessage.setReadFlag sets MSGFLAG_READ at once (table, PR_CONTENT_UNREAD); CLEAR_READ_FLAG clears it (imessage-setreadflag.md)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const { eid } = await saveMessage(folder, 'mail');
      await saveMessage(folder, 'other');
      expect(await prop(folder, T.PR_CONTENT_UNREAD)).toBe(2);
      const msg = await env.store.openEntry<IMessage>(eid, null, 0);
      await msg.setReadFlag(0);
      expect(await readStates(folder)).toEqual({ mail: true, other: false });
      expect(await prop(folder, T.PR_CONTENT_UNREAD)).toBe(1);
      expect(((await prop(msg, T.PR_MESSAGE_FLAGS)) as number) & C.MSGFLAG_READ).toBe(C.MSGFLAG_READ);
      await msg.setReadFlag(C.CLEAR_READ_FLAG);
      expect(await readStates(folder)).toEqual({ mail: false, other: false });
      expect(await prop(folder, T.PR_CONTENT_UNREAD)).toBe(2);
    });

    it('IMAPIFolder.setReadFlags marks the listed messages, or with null every message; CLEAR_READ_FLAG unmarks (imapifolder-setreadflags.md)', async () => {
      const folder = await s.env().scratch();
      const a = await saveMessage(folder, 'a');
      await saveMessage(folder, 'b');
      await saveMessage(folder, 'c');
      expect(await folder.setReadFlags([a.eid], null, 0)).toEqual({});
      expect(await readStates(folder)).toEqual({ a: true, b: false, c: false });
      expect(await folder.setReadFlags(null, null, 0)).toEqual({});
      expect(await readStates(folder)).toEqual({ a: true, b: true, c: true });
      expect(await prop(folder, T.PR_CONTENT_UNREAD)).toBe(0);
      expect(await folder.setReadFlags([a.eid], null, C.CLEAR_READ_FLAG)).toEqual({});
      expect(await readStates(folder)).toEqual({ a: false, b: true, c: true });
      expect(await prop(folder, T.PR_CONTENT_UNREAD)).toBe(1);
    });

    it('setReadFlags with a message of another folder: MAPI_W_PARTIAL_COMPLETION, the others change (imapifolder-setreadflags.md)', async () => {
      const folder = await s.env().scratch('here');
      const other = await s.env().scratch('there');
      const mine = await saveMessage(folder, 'mine');
      const theirs = await saveMessage(other, 'theirs');
      expect(await folder.setReadFlags([mine.eid, theirs.eid], null, 0)).toEqual({ warning: E.MAPI_W_PARTIAL_COMPLETION });
      expect([await readStates(folder), await readStates(other)]).toEqual([{ mine: true }, { theirs: false }]);
    });

    it('bad flags: CLEAR_READ_FLAG with SUPPRESS_RECEIPT (MAPI_E_INVALID_PARAMETER), unknown bits (MAPI_E_UNKNOWN_FLAGS) (imessage-setreadflag.md)', async () => {
      const folder = await s.env().scratch();
      const { msg, eid } = await saveMessage(folder, 'flags');
      await rejects(msg.setReadFlag(C.CLEAR_READ_FLAG | C.SUPPRESS_RECEIPT), E.MAPI_E_INVALID_PARAMETER);
      await rejects(msg.setReadFlag(UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
      await rejects(folder.setReadFlags([eid], null, C.CLEAR_READ_FLAG | C.SUPPRESS_RECEIPT), E.MAPI_E_INVALID_PARAMETER);
      await rejects(folder.setReadFlags([eid], null, UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
      expect(await readStates(folder)).toEqual({ flags: false });
    });

    it('a read-state change does not make another open handle stale (docs/decisions/008)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const { eid } = await saveMessage(folder, 'mail');
      const writer = await env.store.openEntry<IMessage>(eid, null, C.MAPI_MODIFY);
      await writer.setProps([{ ulPropTag: T.PR_BODY_W, Value: 'edited' }]);
      await folder.setReadFlags([eid], null, 0);
      await writer.saveChanges(C.KEEP_OPEN_READWRITE);
      const after = await env.store.openEntry<IMessage>(eid, null, 0);
      expect(await prop(after, T.PR_BODY_W)).toBe('edited');
      expect(((await prop(after, T.PR_MESSAGE_FLAGS)) as number) & C.MSGFLAG_READ).toBe(C.MSGFLAG_READ);
    });
  });
}
