/**
 * Store contract: copyFolder, emptyFolder, search folders and saveContentsSort.
 * @internal
 */
import { describe, expect, it } from 'vitest';
import type { IMAPIFolder } from '../../core/store/interfaces.js';
import * as T from '../../core/generated/proptags.js';
import * as C from '../../core/generated/constants.js';
import * as E from '../../core/generated/scodes.js';
import { UNKNOWN_FLAG, bin, cell, childEntryId, folderNames, prop, rejects, rows, saveMessage, subjects, type ContractSuite } from './env.js';
import type { SRow } from '../../core/props/types.js';
import { chain } from './folderCases.js';

export function folderCopyCases(s: ContractSuite): void {
  if (!s.caps.write) return;

  describe('IMAPIFolder.copyFolder', () => {
    it('copies a folder with its messages, and with COPY_SUBFOLDERS its subfolders; the source stays (imapifolder-copyfolder.md)', async () => {
      const env = s.env();
      const from = await env.scratch('from');
      const to = await env.scratch('to');
      const [src, sub] = await chain(from, 'src', 'sub');
      await saveMessage(src as IMAPIFolder, 'top message');
      await saveMessage(sub as IMAPIFolder, 'sub message');
      const srcEid = await bin(src as IMAPIFolder, T.PR_ENTRYID);
      expect(await from.copyFolder(srcEid, null, to, null, null, 0)).toEqual({});
      expect(await from.copyFolder(srcEid, null, to, 'deep copy', null, C.COPY_SUBFOLDERS)).toEqual({});
      expect(await folderNames(to)).toEqual(['deep copy', 'src']);
      const flat = await env.store.openEntry<IMAPIFolder>((await childEntryId(to, 'src')) as Uint8Array, null, 0);
      const deep = await env.store.openEntry<IMAPIFolder>((await childEntryId(to, 'deep copy')) as Uint8Array, null, 0);
      expect(await env.store.compareEntryIDs(await bin(flat, T.PR_ENTRYID), srcEid, 0)).toBe(false);
      expect(await subjects(flat)).toEqual(['top message']);
      expect(await folderNames(flat)).toEqual([]);
      expect(await folderNames(deep)).toEqual(['sub']);
      expect(await subjects(await env.store.openEntry<IMAPIFolder>((await childEntryId(deep, 'sub')) as Uint8Array, null, 0))).toEqual(['sub message']);
      expect(await subjects(src as IMAPIFolder)).toEqual(['top message']);
      expect(await folderNames(from)).toEqual(['src']);
    });

    it('FOLDER_MOVE moves the folder with its subtree, under its new name (imapifolder-copyfolder.md)', async () => {
      const env = s.env();
      const from = await env.scratch('from');
      const to = await env.scratch('to');
      const [src, sub] = await chain(from, 'src', 'sub');
      await saveMessage(sub as IMAPIFolder, 'travels');
      expect(await from.copyFolder(await bin(src as IMAPIFolder, T.PR_ENTRYID), null, to, 'moved', null, C.FOLDER_MOVE)).toEqual({});
      expect(await folderNames(from)).toEqual([]);
      expect(await prop(from, T.PR_SUBFOLDERS)).toBe(false);
      expect(await folderNames(to)).toEqual(['moved']);
      const moved = await env.store.openEntry<IMAPIFolder>((await childEntryId(to, 'moved')) as Uint8Array, null, 0);
      expect(await env.store.compareEntryIDs(await bin(moved, T.PR_PARENT_ENTRYID), await bin(to, T.PR_ENTRYID), 0)).toBe(true);
      const movedSub = await env.store.openEntry<IMAPIFolder>((await childEntryId(moved, 'sub')) as Uint8Array, null, 0);
      expect(await subjects(movedSub)).toEqual(['travels']);
    });

    it('a name the destination has: MAPI_E_COLLISION; a destination inside the folder: MAPI_E_FOLDER_CYCLE; nothing changes (imapifolder-copyfolder.md)', async () => {
      const env = s.env();
      const from = await env.scratch('from');
      const to = await env.scratch('to');
      const [src, inner] = await chain(from, 'same', 'inner');
      await to.createFolder(C.FOLDER_GENERIC, 'SAME', null, null, 0);
      const srcEid = await bin(src as IMAPIFolder, T.PR_ENTRYID);
      await rejects(from.copyFolder(srcEid, null, to, null, null, 0), E.MAPI_E_COLLISION);
      await rejects(from.copyFolder(srcEid, null, to, null, null, C.FOLDER_MOVE), E.MAPI_E_COLLISION);
      await rejects(from.copyFolder(srcEid, null, inner as IMAPIFolder, 'x', null, C.FOLDER_MOVE), E.MAPI_E_FOLDER_CYCLE);
      await rejects(from.copyFolder(srcEid, null, src as IMAPIFolder, 'x', null, C.FOLDER_MOVE), E.MAPI_E_FOLDER_CYCLE);
      await rejects(from.copyFolder(srcEid, null, to, 'x', null, UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
      expect(await folderNames(from)).toEqual(['same']);
      expect(await folderNames(to)).toEqual(['SAME']);
      expect(await folderNames(src as IMAPIFolder)).toEqual(['inner']);
    });
  });

  describe('IMAPIFolder.emptyFolder', () => {
    it('deletes every message and subfolder; associated messages only with DEL_ASSOCIATED (imapifolder-emptyfolder.md)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      await saveMessage(folder, 'one');
      await saveMessage(folder, 'two');
      await chain(folder, 'sub', 'subsub');
      if (s.caps.associatedContents) await saveMessage(folder, 'hidden', { associated: true });
      expect(await folder.emptyFolder(null, 0)).toEqual({});
      expect(await subjects(folder)).toEqual([]);
      expect(await folderNames(folder)).toEqual([]);
      expect([await prop(folder, T.PR_CONTENT_COUNT), await prop(folder, T.PR_SUBFOLDERS)]).toEqual([0, false]);
      if (!s.caps.associatedContents) return;
      expect(await subjects(folder, C.MAPI_ASSOCIATED)).toEqual(['hidden']);
      await folder.emptyFolder(null, C.DEL_ASSOCIATED);
      expect(await subjects(folder, C.MAPI_ASSOCIATED)).toEqual([]);
    });

    it('bad input: unknown flags (MAPI_E_UNKNOWN_FLAGS), a read-only handle (MAPI_E_NO_ACCESS)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      await saveMessage(folder, 'stays');
      await rejects(folder.emptyFolder(null, UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
      const readOnly = await env.store.openEntry<IMAPIFolder>(await bin(folder, T.PR_ENTRYID), null, 0);
      await rejects(readOnly.emptyFolder(null, 0), E.MAPI_E_NO_ACCESS);
      expect(await subjects(folder)).toEqual(['stays']);
    });
  });

  describe('search folders (FOLDER_SEARCH)', () => {
    it(s.caps.searchFolders
      ? 'keep their criteria; have no subfolders and take no messages (imapicontainer-setsearchcriteria.md, imapicontainer-getsearchcriteria.md)'
      : 'are not supported: createFolder(FOLDER_SEARCH) answers MAPI_E_NO_SUPPORT', async () => {
      const env = s.env();
      const scratch = await env.scratch();
      if (!s.caps.searchFolders) {
        await rejects(scratch.createFolder(C.FOLDER_SEARCH, 'results', null, null, 0), E.MAPI_E_NO_SUPPORT);
        return;
      }
      const search = await scratch.createFolder(C.FOLDER_SEARCH, 'results', null, null, 0);
      expect(await prop(search, T.PR_FOLDER_TYPE)).toBe(C.FOLDER_SEARCH);
      await rejects(search.getSearchCriteria(0), E.MAPI_E_NOT_INITIALIZED);
      const restriction = { rt: C.RES_EXIST, ulPropTag: T.PR_SUBJECT_W } as const;
      await search.setSearchCriteria(restriction, [await bin(scratch, T.PR_ENTRYID)], C.SHALLOW_SEARCH);
      const criteria = await search.getSearchCriteria(0);
      expect(criteria.lpRestriction).toEqual(restriction);
      expect(criteria.lpContainerList.length).toBe(1);
      expect(await env.store.compareEntryIDs(criteria.lpContainerList[0] as Uint8Array, await bin(scratch, T.PR_ENTRYID), 0)).toBe(true);
      await rejects(search.createMessage(null, 0), E.MAPI_E_NO_SUPPORT);
      await rejects(search.getHierarchyTable(0), E.MAPI_E_NO_SUPPORT);
      await rejects(scratch.setSearchCriteria(restriction, null, 0), E.MAPI_E_NO_SUPPORT);
    });
  });

  describe('IMAPIFolder.saveContentsSort', () => {
    it(s.caps.saveContentsSort
      ? 'the saved sort is the initial order of new contents tables (imapifolder-savecontentssort.md)'
      : 'is not supported: MAPI_E_NO_SUPPORT (imapifolder-savecontentssort.md)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const sort = { aSort: [{ ulPropTag: T.PR_SUBJECT_W, ulOrder: C.TABLE_SORT_DESCEND }], cCategories: 0, cExpanded: 0 };
      if (!s.caps.saveContentsSort) {
        await rejects(folder.saveContentsSort(sort, 0), E.MAPI_E_NO_SUPPORT);
        return;
      }
      for (const subject of ['b', 'c', 'a']) await saveMessage(folder, subject);
      await folder.saveContentsSort(sort, 0);
      const all: SRow[] = await rows(await folder.getContentsTable(C.MAPI_UNICODE), [T.PR_SUBJECT_W]);
      expect(all.map((r) => cell(r, T.PR_SUBJECT_W))).toEqual(['c', 'b', 'a']);
    });
  });
}
