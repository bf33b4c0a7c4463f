import { describe, expect, it } from 'vitest';
import { addFolder, addMessage, makeStore, prop, scodeOf } from './helpers.js';
import type { StoreChange } from '../../../src/core/store/StoreContext.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import type { IMAPIFolder, IMessage } from '../../../src/core/store/interfaces.js';
import * as T from '../../../src/core/generated/proptags.js';
import * as C from '../../../src/core/generated/constants.js';
import * as E from '../../../src/core/generated/scodes.js';

const unread: SRestriction = { rt: C.RES_BITMASK, relBMR: C.BMR_EQZ, ulPropTag: T.PR_MESSAGE_FLAGS, ulMask: C.MSGFLAG_READ } as SRestriction;
const subject: SRestriction = { rt: C.RES_EXIST, ulPropTag: T.PR_SUBJECT_W } as SRestriction;

async function searchFolder() {
  const s = await makeStore();
  const search = await s.openSpecial('finder').createFolder(C.FOLDER_SEARCH, 'Unread', null, null, 0);
  const inbox = s.ctx.folderEntryId(s.backend.specialFolders().inbox as number);
  const drafts = s.ctx.folderEntryId(s.backend.specialFolders().drafts as number);
  return { s, search, inbox, drafts };
}

describe('IMAPIContainer.setSearchCriteria / getSearchCriteria', () => {
  it('stores the restriction and folders; the search runs', async () => {
    const { s, search, inbox } = await searchFolder();
    await search.setSearchCriteria(unread, [inbox], C.RECURSIVE_SEARCH | C.FOREGROUND_SEARCH);
    const got = await search.getSearchCriteria(C.MAPI_UNICODE);
    expect(got.lpRestriction).toEqual(unread);
    expect(got.lpContainerList).toEqual([inbox]);
    // The engine rebuilds the results on the scheduler (Folder.searchResults.test.ts): SEARCH_REBUILD until then.
    expect(got.ulSearchState).toBe(C.SEARCH_RUNNING | C.SEARCH_RECURSIVE | C.SEARCH_FOREGROUND | C.SEARCH_REBUILD);
    expect(await prop(s.store(), T.PR_STORE_STATE)).toBe(C.STORE_HAS_SEARCHES);
  });

  it('null restriction or list keep the last ones; flags stick until changed; STOP_SEARCH and RESTART_SEARCH', async () => {
    const { s, search, inbox, drafts } = await searchFolder();
    await search.setSearchCriteria(unread, [inbox], C.RECURSIVE_SEARCH);
    await search.setSearchCriteria(null, [drafts], 0);
    let got = await search.getSearchCriteria(0);
    expect(got.lpRestriction).toEqual(unread);
    expect(got.lpContainerList).toEqual([drafts]);
    expect(got.ulSearchState & C.SEARCH_RECURSIVE).toBe(C.SEARCH_RECURSIVE);
    await search.setSearchCriteria(subject, null, C.STOP_SEARCH | C.SHALLOW_SEARCH);
    got = await search.getSearchCriteria(0);
    expect(got.lpRestriction).toEqual(subject);
    expect(got.lpContainerList).toEqual([drafts]);
    expect(got.ulSearchState).toBe(0);
    expect(await prop(s.store(), T.PR_STORE_STATE)).toBe(0);
    // A priority change alone does not restart a stopped search; RESTART_SEARCH does.
    await search.setSearchCriteria(null, null, C.FOREGROUND_SEARCH);
    expect((await search.getSearchCriteria(0)).ulSearchState).toBe(C.SEARCH_FOREGROUND);
    await search.setSearchCriteria(null, null, C.RESTART_SEARCH);
    expect((await search.getSearchCriteria(0)).ulSearchState).toBe(C.SEARCH_RUNNING | C.SEARCH_FOREGROUND | C.SEARCH_REBUILD);
  });

  it('reports the change through ctx.changed for the search engine, and adds the engine state bits', async () => {
    const { s, search, inbox } = await searchFolder();
    const seen: StoreChange[] = [];
    s.ctx.onChange((c) => seen.push(c));
    await search.setSearchCriteria(unread, [inbox], 0);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.kind === 'folder' && seen[0].after?.search?.restriction).toEqual(unread);
    s.ctx.searchFolders = { state: () => C.SEARCH_REBUILD, contains: () => false, contentsSource: () => { throw new Error('unused'); } };
    expect((await search.getSearchCriteria(0)).ulSearchState).toBe(C.SEARCH_RUNNING | C.SEARCH_REBUILD);
  });

  it('messages in the results can be deleted through the search folder (the engine says which)', async () => {
    const { s, search, inbox } = await searchFolder();
    const eid = await addMessage(s.openSpecial('inbox'));
    await search.setSearchCriteria(unread, [inbox], 0);
    s.ctx.searchFolders = { state: () => 0, contains: () => true, contentsSource: () => { throw new Error('unused'); } };
    expect(await search.deleteMessages([eid], null, C.DELETE_HARD_DELETE)).toEqual({});
    expect(await prop(s.openSpecial('inbox'), T.PR_CONTENT_COUNT)).toBe(0);
  });

  it('errors: not a search folder, no criteria yet, first call without both arguments, bad input', async () => {
    const { s, search, inbox } = await searchFolder();
    const other = await makeStore({ seed: 31 });
    const generic: IMAPIFolder = await addFolder(s.openSpecial('inbox'), 'Plain');
    expect(await scodeOf(generic.setSearchCriteria(unread, [inbox], 0))).toBe(E.MAPI_E_NO_SUPPORT);
    expect(await scodeOf(generic.getSearchCriteria(0))).toBe(E.MAPI_E_NO_SUPPORT);
    expect(await scodeOf(search.getSearchCriteria(0))).toBe(E.MAPI_E_NOT_INITIALIZED);
    expect(await scodeOf(search.setSearchCriteria(null, [inbox], 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(search.setSearchCriteria(unread, null, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    for (const bad of [C.RECURSIVE_SEARCH | C.SHALLOW_SEARCH, C.FOREGROUND_SEARCH | C.BACKGROUND_SEARCH, C.STOP_SEARCH | C.RESTART_SEARCH]) {
      expect(await scodeOf(search.setSearchCriteria(unread, [inbox], bad))).toBe(E.MAPI_E_INVALID_PARAMETER);
    }
    expect(await scodeOf(search.setSearchCriteria(unread, [inbox], 0x100))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(search.setSearchCriteria({ rt: 99 } as never, [inbox], 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(search.setSearchCriteria(unread, [other.ctx.folderEntryId(2)], 0))).toBe(E.MAPI_E_INVALID_ENTRYID);
    expect(await scodeOf(search.setSearchCriteria(unread, [s.ctx.folderEntryId(999_999)], 0))).toBe(E.MAPI_E_NOT_FOUND);
    expect(await scodeOf(search.setSearchCriteria(unread, 'x' as never, 0))).toBe(E.MAPI_E_INVALID_PARAMETER);
    expect(await scodeOf(search.getSearchCriteria(0x1))).toBe(E.MAPI_E_UNKNOWN_FLAGS);
    const ro = s.folder(s.backend.entryIds.parse((await prop(search, T.PR_ENTRYID)) as Uint8Array)?.id as number, false);
    expect(await scodeOf(ro.setSearchCriteria(unread, [inbox], 0))).toBe(E.MAPI_E_NO_ACCESS);
  });
});

/** Keeps IMessage referenced as a type. */
export type _Message = IMessage;
