/**
 * Store contract: reading what a store holds (every store), and the refusals of a read-only
 * store (capabilities.write false).
 * @internal
 */
import { describe, expect, it } from 'vitest';
import type { IMAPIFolder, IMessage } from '../../core/store/interfaces.js';
import * as T from '../../core/generated/proptags.js';
import * as C from '../../core/generated/constants.js';
import * as E from '../../core/generated/scodes.js';
import { bin, bytes, cell, prop, rejects, rows, saveMessage, type ContractEnv, type ContractSuite } from './env.js';

/** Up to `limit` messages of the IPM subtree: [folder, entry ID], depth first. */
async function someMessages(env: ContractEnv, limit: number): Promise<[IMAPIFolder, Uint8Array][]> {
  const out: [IMAPIFolder, Uint8Array][] = [];
  const walk = async (folder: IMAPIFolder, depth: number): Promise<void> => {
    for (const r of await rows(await folder.getContentsTable(0), [T.PR_ENTRYID])) {
      if (out.length >= limit) return;
      out.push([folder, cell(r, T.PR_ENTRYID) as Uint8Array]);
    }
    if (depth > 4) return;
    for (const r of await rows(await folder.getHierarchyTable(0), [T.PR_ENTRYID])) {
      if (out.length >= limit) return;
      await walk(await env.store.openEntry<IMAPIFolder>(cell(r, T.PR_ENTRYID) as Uint8Array, null, C.MAPI_BEST_ACCESS), depth + 1);
    }
  };
  await walk(await env.ipm(), 0);
  return out;
}

export function readOnlyCases(s: ContractSuite): void {
  describe('reading the store', () => {
    it('every listed message opens by its PR_ENTRYID and agrees with its row; its recipient and attachment tables open (contents-tables.md)', async () => {
      const env = s.env();
      if (s.caps.write) {
        const folder = await env.scratch();
        await saveMessage(folder, 'readable', { recipients: [['Alice', C.MAPI_TO]], attachments: [['a.txt', bytes('a')]] });
        await saveMessage(folder, 'plain');
      }
      const found = await someMessages(env, 20);
      expect(found.length, 'the store holds no message to read (a read-only store under test must come with content)').toBeGreaterThan(0);
      for (const [folder, eid] of found) {
        const msg = await env.store.openEntry<IMessage>(eid, null, 0);
        expect(await prop(msg, T.PR_OBJECT_TYPE)).toBe(C.MAPI_MESSAGE);
        expect(await env.store.compareEntryIDs(await bin(msg, T.PR_PARENT_ENTRYID), await bin(folder, T.PR_ENTRYID), 0)).toBe(true);
        expect(await prop(msg, T.PR_MESSAGE_SIZE)).toBeGreaterThan(0);
        const attachments = await rows(await msg.getAttachmentTable(0), [T.PR_ATTACH_NUM]);
        expect(await prop(msg, T.PR_HASATTACH)).toBe(attachments.length > 0);
        for (const a of attachments) expect(await prop(await msg.openAttach(cell(a, T.PR_ATTACH_NUM) as number, null, 0), T.PR_OBJECT_TYPE)).toBe(C.MAPI_ATTACH);
        const recipients = await rows(await msg.getRecipientTable(0), [T.PR_ROWID, T.PR_RECIPIENT_TYPE]);
        for (const r of recipients) expect(typeof cell(r, T.PR_RECIPIENT_TYPE)).toBe('number');
      }
    });
  });

  if (s.caps.write) return;

  describe('a read-only store (capabilities.write false)', () => {
    it('refuses MAPI_MODIFY opens and changes to the store object: MAPI_E_NO_ACCESS (imsgstore-openentry.md)', async () => {
      const env = s.env();
      await rejects(env.store.openEntry(null, null, C.MAPI_MODIFY), E.MAPI_E_NO_ACCESS);
      await rejects(env.store.setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'x' }]), E.MAPI_E_NO_ACCESS);
      await rejects(env.store.setReceiveFolder('IPM.Contract', 0, await bin(env.store, T.PR_IPM_SUBTREE_ENTRYID)), E.MAPI_E_NO_ACCESS);
      expect(await prop(env.store, T.PR_ACCESS_LEVEL)).toBe(0);
    });

    it('folders opened with MAPI_BEST_ACCESS are read-only: createFolder, createMessage, setProps, emptyFolder, setReadFlags, deleteFolder answer MAPI_E_NO_ACCESS', async () => {
      const env = s.env();
      const ipm = await env.ipm();
      expect(await prop(ipm, T.PR_ACCESS_LEVEL)).toBe(0);
      expect(((await prop(ipm, T.PR_ACCESS)) as number) & C.MAPI_ACCESS_MODIFY).toBe(0);
      await rejects(ipm.createFolder(C.FOLDER_GENERIC, 'never', null, null, 0), E.MAPI_E_NO_ACCESS);
      if (s.caps.searchFolders) await rejects(ipm.createFolder(C.FOLDER_SEARCH, 'never', null, null, 0), E.MAPI_E_NO_ACCESS);
      await rejects(ipm.createMessage(null, 0), E.MAPI_E_NO_ACCESS);
      await rejects(ipm.setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'x' }]), E.MAPI_E_NO_ACCESS);
      await rejects(ipm.emptyFolder(null, 0), E.MAPI_E_NO_ACCESS);
      await rejects(ipm.setReadFlags(null, null, 0), E.MAPI_E_NO_ACCESS);
      const [child] = await rows(await ipm.getHierarchyTable(0), [T.PR_ENTRYID]);
      if (child) await rejects(ipm.deleteFolder(cell(child, T.PR_ENTRYID) as Uint8Array, null, C.DEL_FOLDERS | C.DEL_MESSAGES), E.MAPI_E_NO_ACCESS);
    });

    it('messages are read-only: setProps, saveChanges, setReadFlag, createAttach, copy / move / delete answer MAPI_E_NO_ACCESS', async () => {
      const env = s.env();
      const [[folder, eid] = []] = await someMessages(env, 1);
      expect(eid, 'a read-only store under test must come with at least one message').toBeInstanceOf(Uint8Array);
      const msg = await env.store.openEntry<IMessage>(eid as Uint8Array, null, C.MAPI_BEST_ACCESS);
      expect(((await prop(msg, T.PR_ACCESS)) as number) & C.MAPI_ACCESS_MODIFY).toBe(0);
      await rejects(msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'x' }]), E.MAPI_E_NO_ACCESS);
      await rejects(msg.saveChanges(0), E.MAPI_E_NO_ACCESS);
      await rejects(msg.setReadFlag(0), E.MAPI_E_NO_ACCESS);
      await rejects(msg.createAttach(null, 0), E.MAPI_E_NO_ACCESS);
      const f = folder as IMAPIFolder;
      await rejects(f.deleteMessages([eid as Uint8Array], null, 0), E.MAPI_E_NO_ACCESS);
      await rejects(f.copyMessages([eid as Uint8Array], null, await env.ipm(), null, 0), E.MAPI_E_NO_ACCESS);
      await rejects(f.copyMessages([eid as Uint8Array], null, await env.ipm(), null, C.MESSAGE_MOVE), E.MAPI_E_NO_ACCESS);
    });
  });
}
