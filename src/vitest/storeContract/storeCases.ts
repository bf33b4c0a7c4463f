/**
 * Store contract: the store object (properties, OpenEntry, CompareEntryIDs, receive folders).
 * @internal
 */
import { describe, expect, it } from 'vitest';
import type { IMAPIProp } from '../../core/props/interfaces.js';
import type { IMAPIFolder } from '../../core/store/interfaces.js';
import { PROP_ID } from '../../core/props/tags.js';
import { bytesEqual } from '../../core/props/values.js';
import { IID_IMAPIFolder, IID_IMAPITable, IID_IMessage } from '../../core/generated/guids.js';
import * as T from '../../core/generated/proptags.js';
import * as C from '../../core/generated/constants.js';
import * as E from '../../core/generated/scodes.js';
import { FOREIGN_ENTRYID, UNKNOWN_FLAG, bin, cell, prop, rejects, rows, saveMessage, type ContractSuite } from './env.js';

/** The store's row of the session's message store table. */
async function storeTableRow(s: ContractSuite, columns: number[]) {
  const env = s.env();
  const eid = await bin(env.store, T.PR_ENTRYID);
  const all = await rows(await env.session.getMsgStoresTable(0), [T.PR_ENTRYID, ...columns]);
  for (const r of all) {
    const e = cell(r, T.PR_ENTRYID);
    if (e instanceof Uint8Array && (await env.session.compareEntryIDs(e, eid, 0))) return r;
  }
  return expect.fail('the message store table does not list the store');
}

export function storeCases(s: ContractSuite): void {
  describe('IMsgStore properties', () => {
    it('PR_OBJECT_TYPE is MAPI_STORE; PR_ENTRYID and PR_STORE_ENTRYID name the store the session lists (imsgstoreimapiprop.md)', async () => {
      const { store, session } = s.env();
      expect(await prop(store, T.PR_OBJECT_TYPE)).toBe(C.MAPI_STORE);
      const eid = await bin(store, T.PR_ENTRYID);
      expect(await session.compareEntryIDs(eid, await bin(store, T.PR_STORE_ENTRYID), 0)).toBe(true);
      expect(await storeTableRow(s, [])).toBeDefined();
    });

    it('PR_RECORD_KEY equals PR_STORE_RECORD_KEY and the message store table\'s PR_RECORD_KEY (pidtagrecordkey-canonical-property.md)', async () => {
      const { store } = s.env();
      const rk = await bin(store, T.PR_RECORD_KEY);
      expect(rk.length).toBeGreaterThan(0);
      expect(bytesEqual(rk, await bin(store, T.PR_STORE_RECORD_KEY))).toBe(true);
      const listed = cell(await storeTableRow(s, [T.PR_RECORD_KEY]), T.PR_RECORD_KEY);
      expect(listed instanceof Uint8Array && bytesEqual(listed, rk)).toBe(true);
    });

    it('PR_MDB_PROVIDER is the 16-byte store-type MAPIUID the message store table lists (pidtagstoreprovider-canonical-property.md)', async () => {
      const mdb = await bin(s.env().store, T.PR_MDB_PROVIDER);
      expect(mdb.length).toBe(16);
      const listed = cell(await storeTableRow(s, [T.PR_MDB_PROVIDER]), T.PR_MDB_PROVIDER);
      expect(listed instanceof Uint8Array && bytesEqual(listed, mdb)).toBe(true);
    });

    it('PR_STORE_SUPPORT_MASK says what the store supports (pidtagstoresupportmask-canonical-property.md)', async () => {
      const mask = (await prop(s.env().store, T.PR_STORE_SUPPORT_MASK)) as number;
      expect(typeof mask).toBe('number');
      const has = (bit: number) => (mask & bit) !== 0;
      expect({ modify: has(C.STORE_MODIFY_OK), create: has(C.STORE_CREATE_OK), readOnly: has(C.STORE_READONLY) }).toEqual({
        modify: s.caps.write,
        create: s.caps.write,
        readOnly: !s.caps.write,
      });
      expect(has(C.STORE_NOTIFY_OK)).toBe(s.caps.notifications);
      expect(has(C.STORE_SEARCH_OK)).toBe(s.caps.searchFolders);
      expect(has(C.STORE_SUBMIT_OK)).toBe(s.caps.submit);
      // Every store of the emulator keeps attachments and filters and sorts its tables.
      expect([has(C.STORE_ATTACH_OK), has(C.STORE_RESTRICTION_OK), has(C.STORE_SORT_OK)]).toEqual([true, true, true]);
    });

    it('PR_VALID_FOLDER_MASK: FOLDER_IPM_SUBTREE_VALID is set, and every bit set names a folder that opens (pidtagvalidfoldermask-canonical-property.md)', async () => {
      const { store } = s.env();
      const mask = (await prop(store, T.PR_VALID_FOLDER_MASK)) as number;
      expect(mask & C.FOLDER_IPM_SUBTREE_VALID).toBe(C.FOLDER_IPM_SUBTREE_VALID);
      const pairs: [number, number][] = [
        [C.FOLDER_IPM_SUBTREE_VALID, T.PR_IPM_SUBTREE_ENTRYID],
        [C.FOLDER_IPM_OUTBOX_VALID, T.PR_IPM_OUTBOX_ENTRYID],
        [C.FOLDER_IPM_WASTEBASKET_VALID, T.PR_IPM_WASTEBASKET_ENTRYID],
        [C.FOLDER_IPM_SENTMAIL_VALID, T.PR_IPM_SENTMAIL_ENTRYID],
        [C.FOLDER_VIEWS_VALID, T.PR_VIEWS_ENTRYID],
        [C.FOLDER_COMMON_VIEWS_VALID, T.PR_COMMON_VIEWS_ENTRYID],
        [C.FOLDER_FINDER_VALID, T.PR_FINDER_ENTRYID],
      ];
      for (const [bit, tag] of pairs) {
        const eid = await prop(store, tag);
        // "If a bit is set, the corresponding entry identifier property is valid."
        if (mask & bit) expect(await prop(await store.openEntry<IMAPIProp>(eid as Uint8Array, null, 0), T.PR_OBJECT_TYPE)).toBe(C.MAPI_FOLDER);
        else expect(eid).toBeUndefined();
      }
      if (mask & C.FOLDER_IPM_INBOX_VALID) {
        const { lpEntryID } = await store.getReceiveFolder('IPM', 0);
        expect(await prop(await store.openEntry<IMAPIProp>(lpEntryID, null, 0), T.PR_OBJECT_TYPE)).toBe(C.MAPI_FOLDER);
      }
    });

    it('getPropList lists the store\'s identity, display name and special-folder properties (imapiprop-getproplist.md)', async () => {
      const { store } = s.env();
      const ids = new Set((await store.getPropList(0)).map(PROP_ID));
      for (const tag of [T.PR_ENTRYID, T.PR_RECORD_KEY, T.PR_DISPLAY_NAME_W, T.PR_STORE_SUPPORT_MASK, T.PR_MDB_PROVIDER, T.PR_VALID_FOLDER_MASK, T.PR_IPM_SUBTREE_ENTRYID, T.PR_OBJECT_TYPE]) {
        expect(ids.has(PROP_ID(tag)), `0x${tag.toString(16)}`).toBe(true);
      }
      expect(typeof (await prop(store, T.PR_DISPLAY_NAME_W))).toBe('string');
    });

    it('computed store properties refuse setProps with MAPI_E_COMPUTED; others are written at once, without saveChanges (imsgstoreimapiprop.md: nontransacted)', async () => {
      const { store, session } = s.env();
      if (!s.caps.write) {
        await rejects(store.setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'x' }]), E.MAPI_E_NO_ACCESS);
        return;
      }
      const problems = await store.setProps([
        { ulPropTag: T.PR_STORE_SUPPORT_MASK, Value: 0 },
        { ulPropTag: T.PR_COMMENT_W, Value: 'contract comment' },
      ]);
      expect(problems.map((p) => [p.ulIndex, p.scode >>> 0])).toEqual([[0, E.MAPI_E_COMPUTED >>> 0]]);
      const other = await session.openMsgStore(await bin(store, T.PR_ENTRYID), null, C.MAPI_BEST_ACCESS);
      expect(await prop(other, T.PR_COMMENT_W)).toBe('contract comment');
      expect(await prop(other, T.PR_STORE_SUPPORT_MASK)).toBe(await prop(store, T.PR_STORE_SUPPORT_MASK));
      await store.deleteProps([T.PR_COMMENT_W]);
    });
  });

  describe('IMsgStore.openEntry', () => {
    it('null opens the root folder: FOLDER_ROOT, its own parent (imsgstore-openentry.md, pidtagparententryid-canonical-property.md)', async () => {
      const { store } = s.env();
      const root = await store.openEntry<IMAPIFolder>(null, null, 0);
      expect(await prop(root, T.PR_OBJECT_TYPE)).toBe(C.MAPI_FOLDER);
      expect(await prop(root, T.PR_FOLDER_TYPE)).toBe(C.FOLDER_ROOT);
      expect(await store.compareEntryIDs(await bin(root, T.PR_PARENT_ENTRYID), await bin(root, T.PR_ENTRYID), 0)).toBe(true);
      // imapicontainer-openentry.md: null opens "the top-level container in the container's hierarchy".
      const viaFolder = await (await s.env().ipm()).openEntry<IMAPIFolder>(null, null, 0);
      expect(await store.compareEntryIDs(await bin(viaFolder, T.PR_ENTRYID), await bin(root, T.PR_ENTRYID), 0)).toBe(true);
    });

    it('objects open read-only by default; MAPI_MODIFY asks for write access, MAPI_BEST_ACCESS takes what there is (imsgstore-openentry.md)', async () => {
      const env = s.env();
      const target = s.caps.write ? await bin(await env.scratch(), T.PR_ENTRYID) : await bin(env.store, T.PR_IPM_SUBTREE_ENTRYID);
      const plain = await env.store.openEntry<IMAPIFolder>(target, null, 0);
      expect(await prop(plain, T.PR_ACCESS_LEVEL)).toBe(0);
      await rejects(plain.setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'x' }]), E.MAPI_E_NO_ACCESS);
      if (s.caps.write) {
        const rw = await env.store.openEntry<IMAPIFolder>(target, null, C.MAPI_MODIFY);
        expect(await prop(rw, T.PR_ACCESS_LEVEL)).toBe(C.MAPI_MODIFY);
        expect(await rw.setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'x' }])).toEqual([]);
        expect(await prop(await env.store.openEntry<IMAPIProp>(target, null, C.MAPI_BEST_ACCESS), T.PR_ACCESS_LEVEL)).toBe(C.MAPI_MODIFY);
      } else {
        await rejects(env.store.openEntry(target, null, C.MAPI_MODIFY), E.MAPI_E_NO_ACCESS);
        expect(await prop(await env.store.openEntry<IMAPIProp>(target, null, C.MAPI_BEST_ACCESS), T.PR_ACCESS_LEVEL)).toBe(0);
      }
    });

    it('lpInterface: a folder opens as IMAPIFolder, not as IMessage or IMAPITable (MAPI_E_INTERFACE_NOT_SUPPORTED)', async () => {
      const { store } = s.env();
      const eid = await bin(store, T.PR_IPM_SUBTREE_ENTRYID);
      expect(await prop(await store.openEntry<IMAPIProp>(eid, IID_IMAPIFolder, 0), T.PR_OBJECT_TYPE)).toBe(C.MAPI_FOLDER);
      await rejects(store.openEntry(eid, IID_IMessage, 0), E.MAPI_E_INTERFACE_NOT_SUPPORTED);
      await rejects(store.openEntry(eid, IID_IMAPITable, 0), E.MAPI_E_INTERFACE_NOT_SUPPORTED);
    });

    it('an entry ID no provider of the store made: MAPI_E_INVALID_ENTRYID (docs/decisions/007) or MAPI_E_UNKNOWN_ENTRYID; from a folder, MAPI_E_UNKNOWN_ENTRYID (imapicontainer-openentry.md)', async () => {
      const env = s.env();
      await rejects(env.store.openEntry(FOREIGN_ENTRYID, null, 0), E.MAPI_E_INVALID_ENTRYID, E.MAPI_E_UNKNOWN_ENTRYID);
      await rejects((await env.ipm()).openEntry(FOREIGN_ENTRYID, null, 0), E.MAPI_E_UNKNOWN_ENTRYID);
    });

    it('bad arguments: unknown flags (MAPI_E_UNKNOWN_FLAGS), an entry ID that is not bytes or empty (MAPI_E_INVALID_PARAMETER)', async () => {
      const { store } = s.env();
      await rejects(store.openEntry(null, null, UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
      await rejects(store.openEntry('folder' as unknown as Uint8Array, null, 0), E.MAPI_E_INVALID_PARAMETER);
      await rejects(store.openEntry(new Uint8Array(0), null, 0), E.MAPI_E_INVALID_PARAMETER, E.MAPI_E_INVALID_ENTRYID);
    });

    it('IMAPISession::OpenEntry routes folder and message entry IDs to the store (imapisession-openentry.md)', async () => {
      const env = s.env();
      const ipm = await bin(env.store, T.PR_IPM_SUBTREE_ENTRYID);
      const viaSession = await env.session.openEntry(ipm, null, 0);
      expect(await env.store.compareEntryIDs(await bin(viaSession, T.PR_ENTRYID), ipm, 0)).toBe(true);
      if (!s.caps.write) return;
      const { eid } = await saveMessage(await env.scratch(), 'routed');
      expect(await prop(await env.session.openEntry<IMAPIProp>(eid, null, 0), T.PR_SUBJECT_W)).toBe('routed');
    });
  });

  describe('IMsgStore.compareEntryIDs', () => {
    it('the same folder reached two ways compares equal, two folders do not; the session agrees (imsgstore-compareentryids.md)', async () => {
      const env = s.env();
      const ipmEid = await bin(env.store, T.PR_IPM_SUBTREE_ENTRYID);
      const fromFolder = await bin(await env.ipm(), T.PR_ENTRYID);
      const rootEid = await bin(await env.root(), T.PR_ENTRYID);
      expect(await env.store.compareEntryIDs(ipmEid, fromFolder, 0)).toBe(true);
      expect(await env.store.compareEntryIDs(ipmEid, rootEid, 0)).toBe(false);
      expect(await env.session.compareEntryIDs(ipmEid, fromFolder, 0)).toBe(true);
      expect(await env.session.compareEntryIDs(ipmEid, rootEid, 0)).toBe(false);
    });

    it('an entry ID of another provider: MAPI_E_UNKNOWN_ENTRYID (imsgstore-compareentryids.md) or MAPI_E_INVALID_ENTRYID (docs/decisions/007); flags are reserved (MAPI_E_UNKNOWN_FLAGS)', async () => {
      const { store } = s.env();
      const ipmEid = await bin(store, T.PR_IPM_SUBTREE_ENTRYID);
      await rejects(store.compareEntryIDs(ipmEid, FOREIGN_ENTRYID, 0), E.MAPI_E_UNKNOWN_ENTRYID, E.MAPI_E_INVALID_ENTRYID);
      await rejects(store.compareEntryIDs(ipmEid, ipmEid, UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
    });
  });

  describe('IMsgStore.getReceiveFolder', () => {
    it('the default receive folder (null or "") is a folder of the store, with explicit class "" (imsgstore-getreceivefolder.md)', async () => {
      const { store } = s.env();
      const byNull = await store.getReceiveFolder(null, 0);
      const byEmpty = await store.getReceiveFolder('', 0);
      expect(byNull.lpszExplicitClass).toBe('');
      expect(await store.compareEntryIDs(byNull.lpEntryID, byEmpty.lpEntryID, 0)).toBe(true);
      expect(await prop(await store.openEntry<IMAPIProp>(byNull.lpEntryID, null, 0), T.PR_OBJECT_TYPE)).toBe(C.MAPI_FOLDER);
    });

    it('a class without its own setting gets its nearest base class\'s folder; lpszExplicitClass is that base class (selecting-a-receive-folder.md)', async () => {
      const { store } = s.env();
      const cls = 'IPM.Note.Contract.Nobody';
      const hit = await store.getReceiveFolder(cls, 0);
      expect(cls.toUpperCase().startsWith(hit.lpszExplicitClass.toUpperCase())).toBe(true);
      const again = await store.getReceiveFolder(hit.lpszExplicitClass, 0);
      expect(await store.compareEntryIDs(hit.lpEntryID, again.lpEntryID, 0)).toBe(true);
    });

    it('setReceiveFolder sets the folder of a class and its subclasses; a null entry ID removes the setting (imsgstore-setreceivefolder.md)', async () => {
      const env = s.env();
      if (!s.caps.write) {
        await rejects(env.store.setReceiveFolder('IPM.Contract', 0, await bin(env.store, T.PR_IPM_SUBTREE_ENTRYID)), E.MAPI_E_NO_ACCESS);
        return;
      }
      const folder = await bin(await env.scratch(), T.PR_ENTRYID);
      await env.store.setReceiveFolder('IPM.Contract', 0, folder);
      const hit = await env.store.getReceiveFolder('IPM.Contract.Sub', 0);
      expect(hit.lpszExplicitClass.toUpperCase()).toBe('IPM.CONTRACT');
      expect(await env.store.compareEntryIDs(hit.lpEntryID, folder, 0)).toBe(true);
      await env.store.setReceiveFolder('IPM.Contract', 0, null);
      expect((await env.store.getReceiveFolder('IPM.Contract.Sub', 0)).lpszExplicitClass.toUpperCase()).not.toBe('IPM.CONTRACT');
    });

    it('getReceiveFolderTable lists PR_ENTRYID and PR_MESSAGE_CLASS of each setting, the default among them (receive-folder-tables.md)', async () => {
      const { store } = s.env();
      const all = await rows(await store.getReceiveFolderTable(C.MAPI_UNICODE), [T.PR_ENTRYID, T.PR_MESSAGE_CLASS_W]);
      const dflt = all.find((r) => cell(r, T.PR_MESSAGE_CLASS_W) === '');
      expect(dflt).toBeDefined();
      expect(await store.compareEntryIDs(cell(dflt, T.PR_ENTRYID) as Uint8Array, (await store.getReceiveFolder('', 0)).lpEntryID, 0)).toBe(true);
    });

    it('unknown flags: MAPI_E_UNKNOWN_FLAGS', async () => {
      const { store } = s.env();
      await rejects(store.getReceiveFolder('IPM', UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
      await rejects(store.getReceiveFolderTable(UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
    });
  });
}
