/**
 * Store contract: the folder tree (hierarchy tables, createFolder, folder properties,
 * deleteFolder, copyFolder, emptyFolder, search folders, saveContentsSort).
 * @internal
 */
import { describe, expect, it } from 'vitest';
import type { IMAPIFolder } from '../../core/store/interfaces.js';
import { PROP_ID } from '../../core/props/tags.js';
import * as T from '../../core/generated/proptags.js';
import * as C from '../../core/generated/constants.js';
import * as E from '../../core/generated/scodes.js';
import { UNKNOWN_FLAG, bin, cell, folderNames, prop, rejects, rows, saveMessage, type ContractSuite } from './env.js';

/** hierarchy-tables.md: the required columns, and those of message-store hierarchy tables. */
const HIERARCHY_REQUIRED = [
  T.PR_COMMENT_W, T.PR_DEPTH, T.PR_DISPLAY_NAME_W, T.PR_DISPLAY_TYPE, T.PR_ENTRYID, T.PR_INSTANCE_KEY, T.PR_OBJECT_TYPE, T.PR_STATUS,
  T.PR_FOLDER_TYPE, T.PR_SUBFOLDERS, T.PR_CONTENT_COUNT, T.PR_CONTENT_UNREAD,
]; // prettier-ignore

const HIER_COLUMNS = [T.PR_ENTRYID, T.PR_DISPLAY_NAME_W, T.PR_DEPTH, T.PR_SUBFOLDERS, T.PR_CONTENT_COUNT, T.PR_OBJECT_TYPE];

/** Builds `parent/A/B` and returns [A, B]. */
export async function chain(parent: IMAPIFolder, ...names: string[]): Promise<IMAPIFolder[]> {
  const out: IMAPIFolder[] = [];
  let at = parent;
  for (const n of names) {
    at = await at.createFolder(C.FOLDER_GENERIC, n, null, null, 0);
    out.push(at);
  }
  return out;
}

export function folderCases(s: ContractSuite): void {
  describe('IMAPIContainer.getHierarchyTable', () => {
    it('the root\'s table lists the IPM subtree; the default columns include the required ones (hierarchy-tables.md)', async () => {
      const env = s.env();
      const table = await (await env.root()).getHierarchyTable(C.MAPI_UNICODE);
      const cols = new Set((await table.queryColumns(0)).map(PROP_ID));
      for (const tag of HIERARCHY_REQUIRED) expect(cols.has(PROP_ID(tag)), `column 0x${tag.toString(16)}`).toBe(true);
      const ipm = await bin(env.store, T.PR_IPM_SUBTREE_ENTRYID);
      let found = false;
      for (const r of await rows(table)) {
        expect(cell(r, T.PR_OBJECT_TYPE)).toBe(C.MAPI_FOLDER);
        if (await env.store.compareEntryIDs(cell(r, T.PR_ENTRYID) as Uint8Array, ipm, 0)) found = true;
      }
      expect(found).toBe(true);
    });

    it('every row agrees with its folder: name, PR_SUBFOLDERS, PR_FOLDER_CHILD_COUNT, PR_CONTENT_COUNT, its own tables (pidtagsubfolders-canonical-property.md)', async () => {
      const env = s.env();
      if (s.caps.write) {
        const scratch = await env.scratch();
        await chain(scratch, 'one', 'two');
        await saveMessage(scratch, 'counted');
      }
      let visited = 0;
      const walk = async (folder: IMAPIFolder, depth: number): Promise<void> => {
        const children = await rows(await folder.getHierarchyTable(C.MAPI_UNICODE), HIER_COLUMNS);
        expect(await prop(folder, T.PR_SUBFOLDERS)).toBe(children.length > 0);
        expect(await prop(folder, T.PR_FOLDER_CHILD_COUNT)).toBe(children.length);
        expect(await (await folder.getContentsTable(0)).getRowCount(0)).toBe(await prop(folder, T.PR_CONTENT_COUNT));
        for (const r of children) {
          if (++visited > 60 || depth > 4) return;
          const child = await env.store.openEntry<IMAPIFolder>(cell(r, T.PR_ENTRYID) as Uint8Array, null, 0);
          expect(await prop(child, T.PR_DISPLAY_NAME_W)).toBe(cell(r, T.PR_DISPLAY_NAME_W));
          expect(await prop(child, T.PR_CONTENT_COUNT)).toBe(cell(r, T.PR_CONTENT_COUNT));
          expect(await prop(child, T.PR_SUBFOLDERS)).toBe(cell(r, T.PR_SUBFOLDERS));
          await walk(child, depth + 1);
        }
      };
      await walk(await env.ipm(), 0);
      expect(visited).toBeGreaterThan(0);
    });

    it('CONVENIENT_DEPTH lists the whole subtree depth first, each folder below its parent with PR_DEPTH one more (imapicontainer-gethierarchytable.md)', async () => {
      const env = s.env();
      const top = s.caps.write ? await env.scratch() : await env.ipm();
      if (s.caps.write) {
        await chain(top, 'a', 'b', 'c');
        await chain(top, 'd');
      }
      const direct = await rows(await top.getHierarchyTable(0), HIER_COLUMNS);
      const deep = await rows(await top.getHierarchyTable(C.CONVENIENT_DEPTH), HIER_COLUMNS);
      const depths = deep.map((r) => cell(r, T.PR_DEPTH) as number);
      const base = Math.min(...depths);
      // Children rows come right after their parent: a depth never rises by more than one.
      depths.forEach((d, i) => expect(i === 0 ? d === base : d <= (depths[i - 1] as number) + 1).toBe(true));
      expect(deep.filter((r) => cell(r, T.PR_DEPTH) === base).length).toBe(direct.length);
      let total = 0;
      const count = async (f: IMAPIFolder): Promise<void> => {
        for (const r of await rows(await f.getHierarchyTable(0), HIER_COLUMNS)) {
          total++;
          await count(await env.store.openEntry<IMAPIFolder>(cell(r, T.PR_ENTRYID) as Uint8Array, null, 0));
        }
      };
      await count(top);
      expect(deep.length).toBe(total);
      if (s.caps.write) expect(deep.map((r) => cell(r, T.PR_DISPLAY_NAME_W))).toEqual(['a', 'b', 'c', 'd']);
    });

    it('unknown flags: MAPI_E_UNKNOWN_FLAGS', async () => {
      await rejects((await s.env().ipm()).getHierarchyTable(UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
    });
  });

  if (!s.caps.write) return;

  describe('IMAPIFolder.createFolder', () => {
    it('makes a subfolder: listed by the parent, FOLDER_GENERIC, with name, comment and parent (imapifolder-createfolder.md)', async () => {
      const env = s.env();
      const parent = await env.scratch();
      expect(await prop(parent, T.PR_SUBFOLDERS)).toBe(false);
      const child = await parent.createFolder(C.FOLDER_GENERIC, 'Projects', 'work in progress', null, C.MAPI_UNICODE);
      expect(await prop(child, T.PR_DISPLAY_NAME_W)).toBe('Projects');
      expect(await prop(child, T.PR_COMMENT_W)).toBe('work in progress');
      expect(await prop(child, T.PR_FOLDER_TYPE)).toBe(C.FOLDER_GENERIC);
      expect(await env.store.compareEntryIDs(await bin(child, T.PR_PARENT_ENTRYID), await bin(parent, T.PR_ENTRYID), 0)).toBe(true);
      expect(await prop(parent, T.PR_SUBFOLDERS)).toBe(true);
      expect(await folderNames(parent)).toEqual(['Projects']);
      // The handle createFolder returns is writable.
      expect(await child.setProps([{ ulPropTag: T.PR_COMMENT_W, Value: 'done' }])).toEqual([]);
    });

    it('a name a sibling has, compared case-insensitively: MAPI_E_COLLISION; OPEN_IF_EXISTS opens that sibling (imapifolder-createfolder.md)', async () => {
      const env = s.env();
      const parent = await env.scratch();
      const first = await parent.createFolder(C.FOLDER_GENERIC, 'Reports', null, null, 0);
      await rejects(parent.createFolder(C.FOLDER_GENERIC, 'Reports', null, null, 0), E.MAPI_E_COLLISION);
      await rejects(parent.createFolder(C.FOLDER_GENERIC, 'REPORTS', null, null, 0), E.MAPI_E_COLLISION);
      const again = await parent.createFolder(C.FOLDER_GENERIC, 'Reports', null, null, C.OPEN_IF_EXISTS);
      expect(await env.store.compareEntryIDs(await bin(again, T.PR_ENTRYID), await bin(first, T.PR_ENTRYID), 0)).toBe(true);
      expect(await folderNames(parent)).toEqual(['Reports']);
    });

    it('bad input: folder type, empty name (MAPI_E_INVALID_PARAMETER), unknown flags (MAPI_E_UNKNOWN_FLAGS), a read-only parent (MAPI_E_NO_ACCESS)', async () => {
      const env = s.env();
      const parent = await env.scratch();
      await rejects(parent.createFolder(7, 'x', null, null, 0), E.MAPI_E_INVALID_PARAMETER);
      await rejects(parent.createFolder(C.FOLDER_GENERIC, '', null, null, 0), E.MAPI_E_INVALID_PARAMETER);
      await rejects(parent.createFolder(C.FOLDER_GENERIC, 'x', null, null, UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
      const readOnly = await env.store.openEntry<IMAPIFolder>(await bin(parent, T.PR_ENTRYID), null, 0);
      await rejects(readOnly.createFolder(C.FOLDER_GENERIC, 'x', null, null, 0), E.MAPI_E_NO_ACCESS);
      expect(await folderNames(parent)).toEqual([]);
    });
  });

  describe('IMAPIFolder properties', () => {
    it('are immediate: setProps reaches every handle without saveChanges; computed ones answer MAPI_E_COMPUTED (imapifolderimapicontainer.md)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const other = await env.store.openEntry<IMAPIFolder>(await bin(folder, T.PR_ENTRYID), null, 0);
      const problems = await folder.setProps([
        { ulPropTag: T.PR_CONTAINER_CLASS_W, Value: 'IPF.Contract' },
        { ulPropTag: T.PR_CONTENT_COUNT, Value: 99 },
      ]);
      expect(problems.map((p) => [p.ulIndex, p.scode >>> 0])).toEqual([[1, E.MAPI_E_COMPUTED >>> 0]]);
      expect(await prop(other, T.PR_CONTAINER_CLASS_W)).toBe('IPF.Contract');
      expect(await prop(other, T.PR_CONTENT_COUNT)).toBe(0);
      await folder.deleteProps([T.PR_CONTAINER_CLASS_W]);
      expect(await prop(other, T.PR_CONTAINER_CLASS_W)).toBeUndefined();
    });

    it('a rename to a sibling\'s name is a MAPI_E_COLLISION problem; the other properties are set (docs/decisions/007)', async () => {
      const env = s.env();
      const parent = await env.scratch();
      await parent.createFolder(C.FOLDER_GENERIC, 'Taken', null, null, 0);
      const mine = await parent.createFolder(C.FOLDER_GENERIC, 'Mine', null, null, 0);
      const problems = await mine.setProps([
        { ulPropTag: T.PR_COMMENT_W, Value: 'kept' },
        { ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'taken' },
      ]);
      expect(problems.map((p) => [p.ulIndex, p.scode >>> 0])).toEqual([[1, E.MAPI_E_COLLISION >>> 0]]);
      expect(await prop(mine, T.PR_DISPLAY_NAME_W)).toBe('Mine');
      expect(await prop(mine, T.PR_COMMENT_W)).toBe('kept');
      expect(await mine.setProps([{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'Renamed' }])).toEqual([]);
      expect(await folderNames(parent)).toEqual(['Renamed', 'Taken']);
    });
  });

  describe('IMAPIFolder.deleteFolder', () => {
    it('refuses a folder with subfolders or messages unless DEL_FOLDERS / DEL_MESSAGES; then the folder is gone (imapifolder-deletefolder.md)', async () => {
      const env = s.env();
      const parent = await env.scratch();
      const [victim, inner] = await chain(parent, 'victim', 'inner');
      await saveMessage(inner as IMAPIFolder, 'inside');
      const eid = await bin(victim as IMAPIFolder, T.PR_ENTRYID);
      const innerEid = await bin(inner as IMAPIFolder, T.PR_ENTRYID);
      await rejects(parent.deleteFolder(eid, null, 0), E.MAPI_E_HAS_FOLDERS);
      await rejects(parent.deleteFolder(eid, null, C.DEL_FOLDERS), E.MAPI_E_HAS_MESSAGES);
      expect(await folderNames(parent)).toEqual(['victim']);
      expect(await parent.deleteFolder(eid, null, C.DEL_FOLDERS | C.DEL_MESSAGES)).toEqual({});
      expect(await folderNames(parent)).toEqual([]);
      expect(await prop(parent, T.PR_SUBFOLDERS)).toBe(false);
      await rejects(env.store.openEntry(eid, null, 0), E.MAPI_E_NOT_FOUND);
      await rejects(env.store.openEntry(innerEid, null, 0), E.MAPI_E_NOT_FOUND);
    });

    it('bad input: unknown flags (MAPI_E_UNKNOWN_FLAGS), a read-only parent (MAPI_E_NO_ACCESS)', async () => {
      const env = s.env();
      const parent = await env.scratch();
      const child = await parent.createFolder(C.FOLDER_GENERIC, 'child', null, null, 0);
      const eid = await bin(child, T.PR_ENTRYID);
      await rejects(parent.deleteFolder(eid, null, UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
      const readOnly = await env.store.openEntry<IMAPIFolder>(await bin(parent, T.PR_ENTRYID), null, 0);
      await rejects(readOnly.deleteFolder(eid, null, 0), E.MAPI_E_NO_ACCESS);
      expect(await folderNames(parent)).toEqual(['child']);
    });
  });
}
