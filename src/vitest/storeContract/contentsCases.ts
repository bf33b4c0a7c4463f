/**
 * Store contract: contents tables, copying / moving / deleting messages, soft deletion and
 * read flags.
 * @internal
 */
import { describe, expect, it } from 'vitest';
import type { IMAPIProp } from '../../core/props/interfaces.js';
import type { IMAPIFolder, IMessage } from '../../core/store/interfaces.js';
import type { IMAPITable } from '../../core/table/interfaces.js';
import type { NOTIFICATION, TABLE_NOTIFICATION } from '../../core/notify/types.js';
import { NotificationRecorder } from '../../core/notify/sink.js';
import { PROP_ID } from '../../core/props/tags.js';
import { valuesEqual } from '../../core/props/values.js';
import { IID_IMAPITable } from '../../core/generated/guids.js';
import * as T from '../../core/generated/proptags.js';
import * as C from '../../core/generated/constants.js';
import * as E from '../../core/generated/scodes.js';
import { UNKNOWN_FLAG, bin, bytes, cell, prop, rejects, rows, saveMessage, subjects, type ContractSuite } from './env.js';

/** contents-tables.md: the required columns of message store folder contents tables. */
const CONTENTS_REQUIRED = [
  T.PR_DISPLAY_CC_W, T.PR_DISPLAY_TO_W, T.PR_ENTRYID, T.PR_HASATTACH, T.PR_INSTANCE_KEY, T.PR_LAST_MODIFICATION_TIME, T.PR_MAPPING_SIGNATURE,
  T.PR_MESSAGE_CLASS_W, T.PR_MESSAGE_FLAGS, T.PR_MESSAGE_SIZE, T.PR_OBJECT_TYPE, T.PR_PARENT_ENTRYID, T.PR_RECORD_KEY, T.PR_STORE_ENTRYID,
  T.PR_STORE_RECORD_KEY,
]; // prettier-ignore

/** The table events a recorder got. */
function tableEvents(rec: NotificationRecorder): TABLE_NOTIFICATION[] {
  return rec.notifications.filter((n): n is Extract<NOTIFICATION, { tab: TABLE_NOTIFICATION }> => 'tab' in n).map((n) => n.tab);
}

/** Which table events arrived (TABLE_ROW_ADDED, ...), ignoring TABLE_RELOAD / TABLE_CHANGED. */
function rowEvents(rec: NotificationRecorder): number[] {
  return tableEvents(rec)
    .map((t) => t.ulTableEvent)
    .filter((e) => e === C.TABLE_ROW_ADDED || e === C.TABLE_ROW_MODIFIED || e === C.TABLE_ROW_DELETED);
}

export function contentsCases(s: ContractSuite): void {
  if (!s.caps.write) return;

  describe('IMAPIContainer.getContentsTable', () => {
    it('the required columns of folder contents tables are available in every row (contents-tables.md)', async () => {
      const folder = await s.env().scratch();
      await saveMessage(folder, 'plain');
      await saveMessage(folder, 'full', { recipients: [['Alice', C.MAPI_TO]], attachments: [['a.bin', bytes('a')]] });
      const table = await folder.getContentsTable(C.MAPI_UNICODE);
      const defaults = new Set((await table.queryColumns(0)).map(PROP_ID));
      for (const tag of [T.PR_ENTRYID, T.PR_INSTANCE_KEY, T.PR_SUBJECT_W, T.PR_MESSAGE_FLAGS, T.PR_MESSAGE_SIZE, T.PR_HASATTACH, T.PR_DISPLAY_TO_W, T.PR_MESSAGE_CLASS_W]) {
        expect(defaults.has(PROP_ID(tag)), `default column 0x${tag.toString(16)}`).toBe(true);
      }
      const all = await rows(table, CONTENTS_REQUIRED);
      expect(all).toHaveLength(2);
      for (const r of all) for (const tag of CONTENTS_REQUIRED) expect(cell(r, tag), `column 0x${tag.toString(16)}`).not.toBeUndefined();
    });

    it('a row shows what the message shows: subject, flags, size, PR_HASATTACH, PR_DISPLAY_TO (contents-tables.md)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const { eid } = await saveMessage(folder, 'agree', { recipients: [['Alice', C.MAPI_TO]], attachments: [['a.bin', bytes('a')]] });
      const cols = [T.PR_ENTRYID, T.PR_SUBJECT_W, T.PR_MESSAGE_FLAGS, T.PR_MESSAGE_SIZE, T.PR_HASATTACH, T.PR_DISPLAY_TO_W, T.PR_OBJECT_TYPE];
      const [row] = await rows(await folder.getContentsTable(C.MAPI_UNICODE), cols);
      const msg = await env.store.openEntry<IMessage>(cell(row, T.PR_ENTRYID) as Uint8Array, null, 0);
      expect(await env.store.compareEntryIDs(cell(row, T.PR_ENTRYID) as Uint8Array, eid, 0)).toBe(true);
      for (const tag of cols.slice(1)) expect(valuesEqual(cell(row, tag) ?? null, (await prop(msg, tag)) ?? null), `0x${tag.toString(16)}`).toBe(true);
      expect(cell(row, T.PR_OBJECT_TYPE)).toBe(C.MAPI_MESSAGE);
    });

    it('restrict and sortTable narrow and order the rows (imapitable-restrict.md, imapitable-sorttable.md)', async () => {
      const folder = await s.env().scratch();
      for (const [subject, importance] of [['b', C.IMPORTANCE_HIGH], ['a', C.IMPORTANCE_NORMAL], ['d', C.IMPORTANCE_HIGH], ['c', C.IMPORTANCE_HIGH]] as const) {
        await saveMessage(folder, subject, { props: [{ ulPropTag: T.PR_IMPORTANCE, Value: importance }] });
      }
      const table = await folder.getContentsTable(C.MAPI_UNICODE);
      await table.setColumns([T.PR_SUBJECT_W], 0);
      await table.restrict({ rt: C.RES_PROPERTY, relop: C.RELOP_EQ, ulPropTag: T.PR_IMPORTANCE, lpProp: { ulPropTag: T.PR_IMPORTANCE, Value: C.IMPORTANCE_HIGH } }, 0);
      await table.sortTable({ aSort: [{ ulPropTag: T.PR_SUBJECT_W, ulOrder: C.TABLE_SORT_DESCEND }], cCategories: 0, cExpanded: 0 }, 0);
      expect((await rows(table)).map((r) => cell(r, T.PR_SUBJECT_W))).toEqual(['d', 'c', 'b']);
      expect(await table.getRowCount(0)).toBe(3);
    });

    it('opens through OpenProperty(PR_CONTAINER_CONTENTS, IID_IMAPITable) too (contents-tables.md)', async () => {
      const folder = await s.env().scratch();
      await saveMessage(folder, 'via property');
      const table = await folder.openProperty<IMAPITable>(T.PR_CONTAINER_CONTENTS, IID_IMAPITable, C.MAPI_UNICODE, 0);
      expect((await rows(table, [T.PR_SUBJECT_W])).map((r) => cell(r, T.PR_SUBJECT_W))).toEqual(['via property']);
    });

    it(s.caps.associatedContents
      ? 'MAPI_ASSOCIATED lists the associated messages only; PR_ASSOC_CONTENT_COUNT counts them (imapicontainer-getcontentstable.md)'
      : 'associated messages are not supported: createMessage(MAPI_ASSOCIATED) answers MAPI_E_NO_SUPPORT', async () => {
      const folder = await s.env().scratch();
      await saveMessage(folder, 'normal');
      if (!s.caps.associatedContents) {
        await rejects(folder.createMessage(null, C.MAPI_ASSOCIATED), E.MAPI_E_NO_SUPPORT);
        return;
      }
      const { eid } = await saveMessage(folder, 'hidden', { associated: true });
      expect(await subjects(folder)).toEqual(['normal']);
      expect(await subjects(folder, C.MAPI_ASSOCIATED)).toEqual(['hidden']);
      expect([await prop(folder, T.PR_CONTENT_COUNT), await prop(folder, T.PR_ASSOC_CONTENT_COUNT)]).toEqual([1, 1]);
      const fai = await s.env().store.openEntry(eid, null, 0);
      expect(((await prop(fai, T.PR_MESSAGE_FLAGS)) as number) & C.MSGFLAG_ASSOCIATED).toBe(C.MSGFLAG_ASSOCIATED);
    });

    it(s.caps.notifications
      ? 'sends TABLE_ROW_ADDED / MODIFIED / DELETED as messages are saved, changed and deleted (imapitable-advise.md)'
      : 'table notifications are not supported: IMAPITable::Advise answers MAPI_E_NO_SUPPORT', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const table = await folder.getContentsTable(C.MAPI_UNICODE);
      await table.setColumns([T.PR_ENTRYID, T.PR_SUBJECT_W], 0);
      await rows(table);
      const rec = new NotificationRecorder();
      if (!s.caps.notifications) {
        await rejects(table.advise(C.fnevTableModified, rec), E.MAPI_E_NO_SUPPORT);
        return;
      }
      await table.advise(C.fnevTableModified, rec);
      const { msg, eid } = await saveMessage(folder, 'watched');
      await env.flush();
      expect(rowEvents(rec)).toEqual([C.TABLE_ROW_ADDED]);
      const added = tableEvents(rec).find((t) => t.ulTableEvent === C.TABLE_ROW_ADDED);
      expect(cell(added?.row, T.PR_SUBJECT_W)).toBe('watched');
      await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'watched 2' }]);
      await msg.saveChanges(C.KEEP_OPEN_READWRITE);
      await env.flush();
      expect(rowEvents(rec)).toEqual([C.TABLE_ROW_ADDED, C.TABLE_ROW_MODIFIED]);
      await folder.deleteMessages([eid], null, C.DELETE_HARD_DELETE);
      await env.flush();
      expect(rowEvents(rec)).toEqual([C.TABLE_ROW_ADDED, C.TABLE_ROW_MODIFIED, C.TABLE_ROW_DELETED]);
      expect((await rows(table)).length).toBe(0);
    });

    it(s.caps.notifications
      ? 'hierarchy tables send TABLE_ROW_ADDED and TABLE_ROW_DELETED as subfolders come and go (imapitable-advise.md)'
      : 'hierarchy-table notifications are not supported: MAPI_E_NO_SUPPORT', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const table = await folder.getHierarchyTable(C.MAPI_UNICODE);
      await rows(table, [T.PR_ENTRYID, T.PR_DISPLAY_NAME_W]);
      const rec = new NotificationRecorder();
      if (!s.caps.notifications) {
        await rejects(table.advise(C.fnevTableModified, rec), E.MAPI_E_NO_SUPPORT);
        return;
      }
      await table.advise(C.fnevTableModified, rec);
      const child = await folder.createFolder(C.FOLDER_GENERIC, 'child', null, null, 0);
      await env.flush();
      expect(rowEvents(rec)).toEqual([C.TABLE_ROW_ADDED]);
      await folder.deleteFolder(await bin(child, T.PR_ENTRYID), null, C.DELETE_HARD_DELETE);
      await env.flush();
      expect(rowEvents(rec)).toEqual([C.TABLE_ROW_ADDED, C.TABLE_ROW_DELETED]);
    });

    it('unknown flags: MAPI_E_UNKNOWN_FLAGS', async () => {
      await rejects((await s.env().scratch()).getContentsTable(UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
    });
  });

  describe('IMAPIFolder.copyMessages', () => {
    it('copies get new entry IDs and keep properties, recipients and attachments; the sources stay (imapifolder-copymessages.md)', async () => {
      const env = s.env();
      const from = await env.scratch('from');
      const to = await env.scratch('to');
      const { eid } = await saveMessage(from, 'copied', { props: [{ ulPropTag: T.PR_BODY_W, Value: 'body' }], recipients: [['Alice', C.MAPI_TO]], attachments: [['a.txt', bytes('a')]] });
      expect(await from.copyMessages([eid], null, to, null, 0)).toEqual({});
      expect(await subjects(from)).toEqual(['copied']);
      const [row] = await rows(await to.getContentsTable(0), [T.PR_ENTRYID]);
      const copyEid = cell(row, T.PR_ENTRYID) as Uint8Array;
      expect(await env.store.compareEntryIDs(copyEid, eid, 0)).toBe(false);
      const copy = await env.store.openEntry<IMessage>(copyEid, null, 0);
      expect(await prop(copy, T.PR_BODY_W)).toBe('body');
      expect(await prop(copy, T.PR_HASATTACH)).toBe(true);
      expect((await rows(await copy.getRecipientTable(C.MAPI_UNICODE), [T.PR_DISPLAY_NAME_W])).map((r) => cell(r, T.PR_DISPLAY_NAME_W))).toEqual(['Alice']);
      expect(await env.store.compareEntryIDs(await bin(copy, T.PR_PARENT_ENTRYID), await bin(to, T.PR_ENTRYID), 0)).toBe(true);
    });

    it('MESSAGE_MOVE moves them: gone from the source, counted in the destination (imapifolder-copymessages.md)', async () => {
      const from = await s.env().scratch('from');
      const to = await s.env().scratch('to');
      const a = await saveMessage(from, 'a');
      const b = await saveMessage(from, 'b');
      await saveMessage(from, 'c');
      expect(await from.copyMessages([a.eid, b.eid], null, to, null, C.MESSAGE_MOVE)).toEqual({});
      expect(await subjects(from)).toEqual(['c']);
      expect(await subjects(to)).toEqual(['a', 'b']);
      expect([await prop(from, T.PR_CONTENT_COUNT), await prop(to, T.PR_CONTENT_COUNT)]).toEqual([1, 2]);
    });

    it('entry IDs that are not messages of the folder are skipped: MAPI_W_PARTIAL_COMPLETION (imapifolder-copymessages.md)', async () => {
      const from = await s.env().scratch('from');
      const other = await s.env().scratch('other');
      const to = await s.env().scratch('to');
      const mine = await saveMessage(from, 'mine');
      const theirs = await saveMessage(other, 'theirs');
      expect(await from.copyMessages([mine.eid, theirs.eid], null, to, null, 0)).toEqual({ warning: E.MAPI_W_PARTIAL_COMPLETION });
      expect(await subjects(to)).toEqual(['mine']);
    });

    it('bad input: a destination that is not a folder (MAPI_E_INVALID_PARAMETER), a read-only destination (MAPI_E_NO_ACCESS), unknown flags (MAPI_E_UNKNOWN_FLAGS)', async () => {
      const env = s.env();
      const from = await env.scratch('from');
      const to = await env.scratch('to');
      const { msg, eid } = await saveMessage(from, 'stays');
      await rejects(from.copyMessages([eid], null, msg as unknown as IMAPIFolder, null, 0), E.MAPI_E_INVALID_PARAMETER);
      const readOnly = await env.store.openEntry<IMAPIFolder>(await bin(to, T.PR_ENTRYID), null, 0);
      await rejects(from.copyMessages([eid], null, readOnly, null, 0), E.MAPI_E_NO_ACCESS);
      await rejects(from.copyMessages([eid], null, to, null, UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
      expect([await subjects(from), await subjects(to)]).toEqual([['stays'], []]);
    });
  });

  describe('IMAPIFolder.deleteMessages', () => {
    it('DELETE_HARD_DELETE: the messages leave the table and the counts and no longer open (MAPI_E_NOT_FOUND) (imapifolder-deletemessages.md)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const a = await saveMessage(folder, 'a');
      await saveMessage(folder, 'b');
      expect(await folder.deleteMessages([a.eid], null, C.DELETE_HARD_DELETE)).toEqual({});
      expect(await subjects(folder)).toEqual(['b']);
      expect(await prop(folder, T.PR_CONTENT_COUNT)).toBe(1);
      await rejects(env.store.openEntry(a.eid, null, 0), E.MAPI_E_NOT_FOUND);
      await rejects(env.store.openEntry(a.eid, null, C.SHOW_SOFT_DELETES), E.MAPI_E_NOT_FOUND);
      expect(await subjects(folder, C.SHOW_SOFT_DELETES)).toEqual([]);
    });

    it(s.caps.softDelete
      ? 'without DELETE_HARD_DELETE a message is soft-deleted: shown and opened only with SHOW_SOFT_DELETES, purged by a hard delete (imapifolder-deletemessages.md, docs/decisions/007)'
      : 'without soft deletion every delete is hard: SHOW_SOFT_DELETES shows nothing', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const { eid } = await saveMessage(folder, 'soft');
      expect(await folder.deleteMessages([eid], null, 0)).toEqual({});
      expect(await subjects(folder)).toEqual([]);
      expect(await prop(folder, T.PR_CONTENT_COUNT)).toBe(0);
      await rejects(env.store.openEntry(eid, null, 0), E.MAPI_E_NOT_FOUND);
      if (!s.caps.softDelete) {
        const shown = await folder.getContentsTable(C.SHOW_SOFT_DELETES).then((t) => rows(t), () => []);
        expect(shown).toEqual([]);
        return;
      }
      expect(await subjects(folder, C.SHOW_SOFT_DELETES)).toEqual(['soft']);
      expect(await prop(await env.store.openEntry<IMAPIProp>(eid, null, C.SHOW_SOFT_DELETES), T.PR_SUBJECT_W)).toBe('soft');
      expect(await folder.deleteMessages([eid], null, C.DELETE_HARD_DELETE)).toEqual({});
      expect(await subjects(folder, C.SHOW_SOFT_DELETES)).toEqual([]);
      await rejects(env.store.openEntry(eid, null, C.SHOW_SOFT_DELETES), E.MAPI_E_NOT_FOUND);
    });

    it('entry IDs that are not messages of the folder: MAPI_W_PARTIAL_COMPLETION, the others are deleted (imapifolder-deletemessages.md)', async () => {
      const folder = await s.env().scratch('here');
      const other = await s.env().scratch('there');
      const mine = await saveMessage(folder, 'mine');
      const theirs = await saveMessage(other, 'theirs');
      expect(await folder.deleteMessages([mine.eid, theirs.eid], null, C.DELETE_HARD_DELETE)).toEqual({ warning: E.MAPI_W_PARTIAL_COMPLETION });
      expect([await subjects(folder), await subjects(other)]).toEqual([[], ['theirs']]);
    });

    it('bad input: unknown flags (MAPI_E_UNKNOWN_FLAGS), not an entry list (MAPI_E_INVALID_PARAMETER), a read-only handle (MAPI_E_NO_ACCESS)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const { eid } = await saveMessage(folder, 'stays');
      await rejects(folder.deleteMessages([eid], null, UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
      await rejects(folder.deleteMessages(eid as unknown as Uint8Array[], null, 0), E.MAPI_E_INVALID_PARAMETER);
      const readOnly = await env.store.openEntry<IMAPIFolder>(await bin(folder, T.PR_ENTRYID), null, 0);
      await rejects(readOnly.deleteMessages([eid], null, 0), E.MAPI_E_NO_ACCESS);
      expect(await subjects(folder)).toEqual(['stays']);
    });
  });
}
