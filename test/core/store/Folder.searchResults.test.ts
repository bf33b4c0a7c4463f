import { describe, expect, it } from 'vitest';
import { addFolder, addMessage, allRows, cell, makeStore, prop, scodeOf, type TestStore } from './helpers.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import { StoreContext } from '../../../src/core/store/StoreContext.js';
import { openFolder } from '../../../src/core/store/Folder.js';
import type { IMAPIFolder, IMessage, IMsgStore } from '../../../src/core/store/interfaces.js';
import type { IMAPITable } from '../../../src/core/table/interfaces.js';
import type { NOTIFICATION } from '../../../src/core/notify/types.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import type { IMAPISession } from '../../../src/core/session/interfaces.js';
import { allRows as sessionRows, col, logon, makeProfile, makeWorld } from '../session/helpers.js';
import * as T from '../../../src/core/generated/proptags.js';
import * as C from '../../../src/core/generated/constants.js';
import * as E from '../../../src/core/generated/scodes.js';

// ------------------------------------------------------------------ fixtures

/** Subject contains `text` (case-insensitive). */
const subjectHas = (text: string): SRestriction => ({
  rt: C.RES_CONTENT,
  ulFuzzyLevel: C.FL_SUBSTRING | C.FL_IGNORECASE,
  ulPropTag: T.PR_SUBJECT_W,
  lpProp: { ulPropTag: T.PR_SUBJECT_W, Value: text },
});
/** Unread: a computed property of the row (MSGFLAG_READ clear). */
const unread: SRestriction = { rt: C.RES_BITMASK, relBMR: C.BMR_EQZ, ulPropTag: T.PR_MESSAGE_FLAGS, ulMask: C.MSGFLAG_READ };
/** Has attachments (computed PR_HASATTACH). */
const hasAttach: SRestriction = { rt: C.RES_PROPERTY, relop: C.RELOP_EQ, ulPropTag: T.PR_HASATTACH, lpProp: { ulPropTag: T.PR_HASATTACH, Value: true } };
/** Bigger than `n` bytes (computed PR_MESSAGE_SIZE). */
const biggerThan = (n: number): SRestriction => ({ rt: C.RES_PROPERTY, relop: C.RELOP_GT, ulPropTag: T.PR_MESSAGE_SIZE, lpProp: { ulPropTag: T.PR_MESSAGE_SIZE, Value: n } });

const subject = (v: string) => [{ ulPropTag: T.PR_SUBJECT_W, Value: v }];

/** Completes pending searches (the scheduler) and delivers notifications. */
async function settle(s: TestStore): Promise<void> {
  s.scheduler.runAll();
  await s.flush();
  s.scheduler.runAll();
  await s.flush();
}

async function world() {
  const s = await makeStore();
  const finder = s.openSpecial('finder');
  const inbox = s.openSpecial('inbox');
  const drafts = s.openSpecial('drafts');
  const search = await finder.createFolder(C.FOLDER_SEARCH, 'Results', null, null, 0);
  const eid = async (f: IMAPIFolder) => (await prop(f, T.PR_ENTRYID)) as Uint8Array;
  return { s, finder, inbox, drafts, search, eid, searchEid: await eid(search), inboxEid: await eid(inbox), draftsEid: await eid(drafts) };
}

const entryIds = async (t: IMAPITable) => (await allRows(t)).map((r) => cell(r, T.PR_ENTRYID) as Uint8Array);
const subjects = async (t: IMAPITable) => (await allRows(t)).map((r) => cell(r, T.PR_SUBJECT_W));

async function watch(t: IMAPITable): Promise<NotificationRecorder> {
  const rec = new NotificationRecorder();
  await t.advise(C.fnevTableModified, rec);
  return rec;
}
const tableEvents = (rec: NotificationRecorder) => rec.notifications.map((n: NOTIFICATION) => ('tab' in n ? n.tab.ulTableEvent : -1));
const searchCompletes = (rec: NotificationRecorder) => rec.notifications.filter((n) => n.ulEventType === C.fnevSearchComplete);

async function saveAs(msg: IMessage, props: { ulPropTag: number; Value: unknown }[]): Promise<void> {
  await msg.setProps(props as never);
  await msg.saveChanges(C.KEEP_OPEN_READWRITE);
}

// ------------------------------------------------------------------ tests

describe('IMAPIContainer.setSearchCriteria: the search runs after the call and completes', () => {
  it('SEARCH_REBUILD and no results until the scheduler runs the search; then the results, SEARCH_COMPLETE and fnevSearchComplete', async () => {
    const { s, inbox, search, searchEid, inboxEid, finder } = await world();
    const a = await addMessage(inbox, subject('Invoice 12'));
    await addMessage(inbox, subject('Lunch'));
    const b = await addMessage(inbox, subject('invoice reminder'));
    const rec = await s.record(C.fnevSearchComplete);
    await search.setSearchCriteria(subjectHas('invoice'), [inboxEid], 0);
    const t = await search.getContentsTable(C.MAPI_UNICODE);
    await s.flush();
    expect((await search.getSearchCriteria(0)).ulSearchState).toBe(C.SEARCH_RUNNING | C.SEARCH_REBUILD);
    expect(await entryIds(t)).toEqual([]);
    expect(searchCompletes(rec)).toEqual([]);

    await settle(s);
    expect((await search.getSearchCriteria(0)).ulSearchState).toBe(C.SEARCH_RUNNING | C.SEARCH_COMPLETE);
    expect(await entryIds(t)).toEqual([a, b]);
    await t.setColumns([T.PR_ENTRYID, T.PR_PARENT_ENTRYID, T.PR_SUBJECT_W], 0);
    const rows = await allRows(t);
    // mapi-search-folders.md: PR_PARENT_ENTRYID is the folder the message is in.
    expect(rows.map((r) => cell(r, T.PR_PARENT_ENTRYID))).toEqual([inboxEid, inboxEid]);
    expect(rows.map((r) => cell(r, T.PR_SUBJECT_W))).toEqual(['Invoice 12', 'invoice reminder']);
    const [done] = searchCompletes(rec);
    expect(searchCompletes(rec)).toHaveLength(1);
    expect(done && 'obj' in done && done.obj).toMatchObject({ lpEntryID: searchEid, ulObjType: C.MAPI_FOLDER, lpParentID: await prop(finder, T.PR_ENTRYID), lpOldID: null });
  });

  it('fnevSearchComplete reaches sinks advised on the search folder, not on other folders', async () => {
    const { s, inbox, search, searchEid, inboxEid, draftsEid } = await world();
    const onSearch = new NotificationRecorder();
    const onDrafts = new NotificationRecorder();
    const store = s.store();
    await store.advise(searchEid, C.fnevSearchComplete, onSearch);
    await store.advise(draftsEid, C.fnevSearchComplete, onDrafts);
    await addMessage(inbox, subject('x'));
    await search.setSearchCriteria(subjectHas('x'), [inboxEid], 0);
    await settle(s);
    expect(searchCompletes(onSearch)).toHaveLength(1);
    expect(onDrafts.notifications).toEqual([]);
  });

  it('new criteria replace the results and run again; a priority change alone does not', async () => {
    const { s, inbox, search, inboxEid } = await world();
    await addMessage(inbox, subject('alpha'));
    await addMessage(inbox, subject('beta'));
    const rec = await s.record(C.fnevSearchComplete);
    await search.setSearchCriteria(subjectHas('alpha'), [inboxEid], 0);
    await settle(s);
    const t = await search.getContentsTable(C.MAPI_UNICODE);
    expect(await subjects(t)).toEqual(['alpha']);
    await search.setSearchCriteria(subjectHas('beta'), null, 0);
    expect(await subjects(t)).toEqual([]);
    await settle(s);
    expect(await subjects(t)).toEqual(['beta']);
    expect(searchCompletes(rec)).toHaveLength(2);
    await search.setSearchCriteria(null, null, C.FOREGROUND_SEARCH);
    expect((await search.getSearchCriteria(0)).ulSearchState).toBe(C.SEARCH_RUNNING | C.SEARCH_FOREGROUND | C.SEARCH_COMPLETE);
    await settle(s);
    expect(searchCompletes(rec)).toHaveLength(2);
    // RESTART_SEARCH on a running search runs it again.
    await search.setSearchCriteria(null, null, C.RESTART_SEARCH);
    expect((await search.getSearchCriteria(0)).ulSearchState & C.SEARCH_REBUILD).toBe(C.SEARCH_REBUILD);
    await settle(s);
    expect(searchCompletes(rec)).toHaveLength(3);
    expect(await subjects(t)).toEqual(['beta']);
  });

  it('a search restarted before its rebuild ran completes once, with the last criteria', async () => {
    const { s, inbox, search, inboxEid } = await world();
    await addMessage(inbox, subject('alpha'));
    await addMessage(inbox, subject('beta'));
    const rec = await s.record(C.fnevSearchComplete);
    await search.setSearchCriteria(subjectHas('alpha'), [inboxEid], 0);
    await search.setSearchCriteria(subjectHas('beta'), null, 0);
    await settle(s);
    expect(searchCompletes(rec)).toHaveLength(1);
    expect(await subjects(await search.getContentsTable(C.MAPI_UNICODE))).toEqual(['beta']);
  });
});

describe('IMAPIFolder.getContentsTable of a search folder: live results', () => {
  it('follows messages created, modified, moved and deleted, with table notifications', async () => {
    const { s, inbox, drafts, search, inboxEid } = await world();
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], 0);
    await settle(s);
    const t = await search.getContentsTable(C.MAPI_UNICODE);
    const events = await watch(t);
    const soft = await search.getContentsTable(C.MAPI_UNICODE | C.SHOW_SOFT_DELETES);

    const m = await inbox.createMessage(null, 0);
    await saveAs(m, subject('a hit'));
    await addMessage(inbox, subject('a miss'));
    await addMessage(drafts, subject('a hit, elsewhere'));
    await settle(s);
    expect(tableEvents(events)).toEqual([C.TABLE_ROW_ADDED]);
    expect(await subjects(t)).toEqual(['a hit']);

    await saveAs(m, [{ ulPropTag: T.PR_IMPORTANCE, Value: C.IMPORTANCE_HIGH }]);
    await settle(s);
    expect(tableEvents(events).slice(1)).toEqual([C.TABLE_ROW_MODIFIED]);
    expect(cell((await allRows(t))[0], T.PR_IMPORTANCE)).toBe(C.IMPORTANCE_HIGH);

    await saveAs(m, subject('no longer'));
    await settle(s);
    expect(tableEvents(events).slice(2)).toEqual([C.TABLE_ROW_DELETED]);
    expect(await subjects(t)).toEqual([]);

    await saveAs(m, subject('hit again'));
    const other = await addMessage(inbox, subject('second hit'));
    await settle(s);
    expect(await subjects(t)).toEqual(['hit again', 'second hit']);

    // Moved out of the searched folder: gone; soft-deleted: in the SHOW_SOFT_DELETES table; hard-deleted: gone.
    const mEid = (await prop(m, T.PR_ENTRYID)) as Uint8Array;
    expect(await inbox.copyMessages([mEid], null, drafts, null, C.MESSAGE_MOVE)).toEqual({});
    await inbox.deleteMessages([other], null, 0);
    await settle(s);
    expect(await subjects(t)).toEqual([]);
    expect(await entryIds(soft)).toEqual([other]);
    await inbox.deleteMessages([other], null, C.DELETE_HARD_DELETE);
    await settle(s);
    expect(await entryIds(soft)).toEqual([]);
    expect(tableEvents(events).filter((e) => e === C.TABLE_ROW_DELETED)).toHaveLength(3);
  });

  it('messages moved into the searched folders join the results, with their new entry IDs', async () => {
    const { s, inbox, drafts, search, inboxEid } = await world();
    const d = await addMessage(drafts, subject('hit'));
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], 0);
    await settle(s);
    const t = await search.getContentsTable(0);
    expect(await entryIds(t)).toEqual([]);
    await drafts.copyMessages([d], null, inbox, null, C.MESSAGE_MOVE);
    await settle(s);
    await t.setColumns([T.PR_ENTRYID, T.PR_PARENT_ENTRYID], 0);
    const rows = await allRows(t);
    expect(rows).toHaveLength(1);
    expect(cell(rows[0], T.PR_PARENT_ENTRYID)).toEqual(inboxEid);
    expect(cell(rows[0], T.PR_ENTRYID)).not.toEqual(d);
  });

  it('restrictions on computed properties (PR_MESSAGE_FLAGS, PR_HASATTACH, PR_MESSAGE_SIZE) see what getProps sees', async () => {
    const { s, inbox, finder, inboxEid } = await world();
    const byFlags = await finder.createFolder(C.FOLDER_SEARCH, 'Unread', null, null, 0);
    const byAttach = await finder.createFolder(C.FOLDER_SEARCH, 'Attachments', null, null, 0);
    const bySize = await finder.createFolder(C.FOLDER_SEARCH, 'Big', null, null, 0);
    const m = await inbox.createMessage(null, 0);
    await saveAs(m, subject('m'));
    const size = (await prop(m, T.PR_MESSAGE_SIZE)) as number;
    await byFlags.setSearchCriteria(unread, [inboxEid], 0);
    await byAttach.setSearchCriteria(hasAttach, [inboxEid], 0);
    await bySize.setSearchCriteria(biggerThan(size + 100), [inboxEid], 0);
    await settle(s);
    const count = async (f: IMAPIFolder) => (await allRows(await f.getContentsTable(0))).length;
    expect([await count(byFlags), await count(byAttach), await count(bySize)]).toEqual([1, 0, 0]);

    const { attach } = await m.createAttach(null, 0);
    await attach.setProps([
      { ulPropTag: T.PR_ATTACH_METHOD, Value: C.ATTACH_BY_VALUE },
      { ulPropTag: T.PR_ATTACH_DATA_BIN, Value: new Uint8Array(500) },
    ]);
    await attach.saveChanges(0);
    await m.saveChanges(C.KEEP_OPEN_READWRITE);
    await m.setReadFlag(C.SUPPRESS_RECEIPT);
    await settle(s);
    expect([await count(byFlags), await count(byAttach), await count(bySize)]).toEqual([0, 1, 1]);
  });

  it('RECURSIVE_SEARCH searches subfolders, following subfolders created, moved in or out and deleted; SHALLOW_SEARCH does not', async () => {
    const { s, inbox, drafts, finder, search, inboxEid, eid } = await world();
    const shallow = await finder.createFolder(C.FOLDER_SEARCH, 'Shallow', null, null, 0);
    const sub = await addFolder(inbox, 'Sub');
    await addMessage(inbox, subject('hit top'));
    await addMessage(sub, subject('hit sub'));
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], C.RECURSIVE_SEARCH);
    await shallow.setSearchCriteria(subjectHas('hit'), [inboxEid], C.SHALLOW_SEARCH);
    await settle(s);
    const t = await search.getContentsTable(C.MAPI_UNICODE);
    expect(await subjects(t)).toEqual(['hit top', 'hit sub']);
    expect(await subjects(await shallow.getContentsTable(C.MAPI_UNICODE))).toEqual(['hit top']);

    const deeper = await addFolder(sub, 'Deeper');
    await addMessage(deeper, subject('hit deeper'));
    await settle(s);
    expect(await subjects(t)).toEqual(['hit top', 'hit sub', 'hit deeper']);

    // Moving Sub (and Deeper) out of the Inbox takes their messages out; moving it back brings them in.
    const subEid = await eid(sub);
    await inbox.copyFolder(subEid, null, drafts, null, null, C.FOLDER_MOVE);
    await settle(s);
    expect(await subjects(t)).toEqual(['hit top']);
    await drafts.copyFolder(subEid, null, inbox, null, null, C.FOLDER_MOVE);
    await settle(s);
    expect(await subjects(t)).toEqual(['hit top', 'hit sub', 'hit deeper']);

    await inbox.deleteFolder(subEid, null, C.DEL_FOLDERS | C.DEL_MESSAGES | C.DELETE_HARD_DELETE);
    await settle(s);
    expect(await subjects(t)).toEqual(['hit top']);
    expect(await subjects(await shallow.getContentsTable(C.MAPI_UNICODE))).toEqual(['hit top']);
  });

  it('a recursive search over the root searches every folder; search folders in it add nothing', async () => {
    const { s, inbox, drafts, search, finder } = await world();
    const other = await finder.createFolder(C.FOLDER_SEARCH, 'Other', null, null, 0);
    await addMessage(inbox, subject('hit 1'));
    await addMessage(drafts, subject('hit 2'));
    await other.setSearchCriteria(subjectHas('hit'), [(await prop(inbox, T.PR_ENTRYID)) as Uint8Array], 0);
    const root = s.folder(s.backend.rootId());
    await search.setSearchCriteria(subjectHas('hit'), [(await prop(root, T.PR_ENTRYID)) as Uint8Array], C.RECURSIVE_SEARCH);
    await settle(s);
    expect((await subjects(await search.getContentsTable(C.MAPI_UNICODE))).sort()).toEqual(['hit 1', 'hit 2']);
  });
});

describe('STOP_SEARCH, STATIC_SEARCH and RESTART_SEARCH', () => {
  it('STOP_SEARCH freezes the set of results: new matches stay out, results stay in (updated) until deleted; RESTART_SEARCH recomputes', async () => {
    const { s, inbox, search, inboxEid } = await world();
    const m = await inbox.createMessage(null, 0);
    await saveAs(m, subject('hit one'));
    const two = await addMessage(inbox, subject('hit two'));
    const rec = await s.record(C.fnevSearchComplete);
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], 0);
    await settle(s);
    const t = await search.getContentsTable(C.MAPI_UNICODE);
    await search.setSearchCriteria(null, null, C.STOP_SEARCH);
    expect((await search.getSearchCriteria(0)).ulSearchState).toBe(C.SEARCH_COMPLETE);

    await addMessage(inbox, subject('hit three'));
    await saveAs(m, subject('renamed'));
    await inbox.deleteMessages([two], null, C.DELETE_HARD_DELETE);
    await settle(s);
    expect(await subjects(t)).toEqual(['renamed']);
    expect(await prop(search, T.PR_CONTENT_COUNT)).toBe(1);

    // New criteria with STOP_SEARCH are kept for later and change nothing now.
    await search.setSearchCriteria(subjectHas('three'), null, C.STOP_SEARCH);
    await settle(s);
    expect(await subjects(t)).toEqual(['renamed']);
    expect(searchCompletes(rec)).toHaveLength(1);

    await search.setSearchCriteria(null, null, C.RESTART_SEARCH);
    expect((await search.getSearchCriteria(0)).ulSearchState).toBe(C.SEARCH_RUNNING | C.SEARCH_REBUILD);
    await settle(s);
    expect(await subjects(t)).toEqual(['hit three']);
    expect(searchCompletes(rec)).toHaveLength(2);
    await addMessage(inbox, subject('three again'));
    await settle(s);
    expect(await subjects(t)).toEqual(['hit three', 'three again']);
  });

  it('STOP_SEARCH before the rebuild ran: no results, no SEARCH_COMPLETE, no fnevSearchComplete', async () => {
    const { s, inbox, search, inboxEid } = await world();
    await addMessage(inbox, subject('hit'));
    const rec = await s.record(C.fnevSearchComplete);
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], 0);
    await search.setSearchCriteria(null, null, C.STOP_SEARCH);
    await settle(s);
    expect((await search.getSearchCriteria(0)).ulSearchState).toBe(0);
    expect(await allRows(await search.getContentsTable(0))).toEqual([]);
    expect(searchCompletes(rec)).toEqual([]);
  });

  it('criteria first set with STOP_SEARCH do not run', async () => {
    const { s, inbox, search, inboxEid } = await world();
    await addMessage(inbox, subject('hit'));
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], C.STOP_SEARCH);
    await settle(s);
    expect((await search.getSearchCriteria(0)).ulSearchState).toBe(0);
    expect(await allRows(await search.getContentsTable(0))).toEqual([]);
  });

  it('STATIC_SEARCH fills the folder once and does not follow changes', async () => {
    const { s, inbox, search, inboxEid } = await world();
    await addMessage(inbox, subject('hit 1'));
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], C.STATIC_SEARCH);
    await settle(s);
    expect((await search.getSearchCriteria(0)).ulSearchState).toBe(C.SEARCH_RUNNING | C.SEARCH_STATIC | C.SEARCH_COMPLETE);
    await addMessage(inbox, subject('hit 2'));
    await settle(s);
    expect(await subjects(await search.getContentsTable(C.MAPI_UNICODE))).toEqual(['hit 1']);
  });
});

describe('PR_CONTENT_COUNT and PR_CONTENT_UNREAD of a search folder', () => {
  it('count the results, in getProps and in the hierarchy row, which follows them', async () => {
    const { s, inbox, finder, search, inboxEid } = await world();
    const a = await addMessage(inbox, subject('hit a'));
    await addMessage(inbox, subject('hit b'));
    await addMessage(inbox, subject('miss'));
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], 0);
    const h = await finder.getHierarchyTable(C.MAPI_UNICODE);
    const hEvents = await watch(h);
    const countsInRow = async () => {
      const row = (await allRows(h)).find((r) => cell(r, T.PR_DISPLAY_NAME_W) === 'Results');
      return [cell(row, T.PR_CONTENT_COUNT), cell(row, T.PR_CONTENT_UNREAD)];
    };
    const countsInProps = async () => [await prop(search, T.PR_CONTENT_COUNT), await prop(search, T.PR_CONTENT_UNREAD)];
    expect(await countsInProps()).toEqual([0, 0]);
    await settle(s);
    expect(await countsInProps()).toEqual([2, 2]);
    expect(await countsInRow()).toEqual([2, 2]);
    expect(tableEvents(hEvents)).toContain(C.TABLE_ROW_MODIFIED);

    await inbox.setReadFlags([a], null, C.SUPPRESS_RECEIPT);
    await settle(s);
    expect(await countsInProps()).toEqual([2, 1]);
    expect(await countsInRow()).toEqual([2, 1]);
    await inbox.deleteMessages([a], null, 0);
    await settle(s);
    expect(await countsInProps()).toEqual([1, 1]);
    expect(await countsInRow()).toEqual([1, 1]);
    // The searched folder keeps its own counts.
    expect(await prop(inbox, T.PR_CONTENT_COUNT)).toBe(2);
  });
});

describe('IMAPIFolder methods on a search folder', () => {
  it('openEntry with a result’s PR_ENTRYID opens the real message, through the folder, the store and another folder', async () => {
    const { s, inbox, drafts, search, inboxEid } = await world();
    await addMessage(inbox, subject('hit'));
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], 0);
    await settle(s);
    const [eid] = await entryIds(await search.getContentsTable(0));
    for (const opener of [search, s.store() as IMsgStore, drafts]) {
      const m = await opener.openEntry<IMessage>(eid as Uint8Array, null, C.MAPI_MODIFY);
      expect(await prop(m, T.PR_SUBJECT_W)).toBe('hit');
      expect(await prop(m, T.PR_PARENT_ENTRYID)).toEqual(inboxEid);
    }
    // Changes saved through it reach the message in its folder.
    const m = await search.openEntry<IMessage>(eid as Uint8Array, null, C.MAPI_MODIFY);
    await saveAs(m, subject('hit, edited'));
    expect(await subjects(await inbox.getContentsTable(C.MAPI_UNICODE))).toEqual(['hit, edited']);
  });

  it('deleteMessages deletes the real messages of the results; others are a partial completion', async () => {
    const { s, inbox, drafts, search, inboxEid } = await world();
    const hit = await addMessage(inbox, subject('hit'));
    const miss = await addMessage(inbox, subject('miss'));
    const elsewhere = await addMessage(drafts, subject('hit'));
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], 0);
    await settle(s);
    // mapi-search-folders.md: "When a message is deleted from a search-results folder, it is actually deleted from the real folder."
    expect(await search.deleteMessages([hit, miss, elsewhere], null, C.DELETE_HARD_DELETE)).toEqual({ warning: E.MAPI_W_PARTIAL_COMPLETION });
    expect(await entryIds(await inbox.getContentsTable(0))).toEqual([miss]);
    expect(await entryIds(await drafts.getContentsTable(0))).toEqual([elsewhere]);
    expect(await allRows(await search.getContentsTable(0))).toEqual([]);
  });

  it('copyMessages copies and moves the real messages out of the results', async () => {
    const { s, inbox, drafts, search, inboxEid } = await world();
    const a = await addMessage(inbox, subject('hit a'));
    const b = await addMessage(inbox, subject('hit b'));
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], 0);
    await settle(s);
    expect(await search.copyMessages([a], null, drafts, null, 0)).toEqual({});
    expect(await search.copyMessages([b], null, drafts, null, C.MESSAGE_MOVE)).toEqual({});
    await settle(s);
    expect((await subjects(await drafts.getContentsTable(C.MAPI_UNICODE))).sort()).toEqual(['hit a', 'hit b']);
    expect(await subjects(await inbox.getContentsTable(C.MAPI_UNICODE))).toEqual(['hit a']);
    expect(await subjects(await search.getContentsTable(C.MAPI_UNICODE))).toEqual(['hit a']);
  });

  it('getMessageStatus / setMessageStatus work on results (MAPI_E_NOT_FOUND for other messages)', async () => {
    const { s, inbox, search, inboxEid } = await world();
    const hit = await addMessage(inbox, subject('hit'));
    const miss = await addMessage(inbox, subject('miss'));
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], 0);
    await settle(s);
    expect(await search.setMessageStatus(hit, C.MSGSTATUS_HIGHLIGHTED, C.MSGSTATUS_HIGHLIGHTED)).toBe(0);
    expect(await inbox.getMessageStatus(hit, 0)).toBe(C.MSGSTATUS_HIGHLIGHTED);
    expect(await search.getMessageStatus(hit, 0)).toBe(C.MSGSTATUS_HIGHLIGHTED);
    expect(await scodeOf(search.getMessageStatus(miss, 0))).toBe(E.MAPI_E_NOT_FOUND);
  });

  it('setReadFlags without a list marks the results read, and only them', async () => {
    const { s, inbox, search, inboxEid } = await world();
    await addMessage(inbox, subject('hit'));
    const miss = await addMessage(inbox, subject('miss'));
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], 0);
    await settle(s);
    expect(await search.setReadFlags(null, null, C.SUPPRESS_RECEIPT)).toEqual({});
    await settle(s);
    expect(await prop(search, T.PR_CONTENT_UNREAD)).toBe(0);
    expect(await prop(inbox, T.PR_CONTENT_UNREAD)).toBe(1);
    const m = await inbox.openEntry<IMessage>(miss, null, 0);
    expect(((await prop(m, T.PR_MESSAGE_FLAGS)) as number) & C.MSGFLAG_READ).toBe(0);
  });

  it('refuses what a search folder cannot do', async () => {
    const { s, inbox, drafts, finder, search, searchEid, inboxEid } = await world();
    const eid = await addMessage(drafts, subject('x'));
    const other = await finder.createFolder(C.FOLDER_SEARCH, 'Other', null, null, 0);
    // imapicontainer-setsearchcriteria.md: no messages created in or copied into a search folder.
    expect(await scodeOf(search.createMessage(null, 0))).toBe(E.MAPI_E_NO_SUPPORT);
    expect(await scodeOf(drafts.copyMessages([eid], null, search, null, 0))).toBe(E.MAPI_E_NO_SUPPORT);
    // mapi-search-folders.md: no subfolders; no search of a search folder.
    expect(await scodeOf(search.createFolder(C.FOLDER_GENERIC, 'Sub', null, null, 0))).toBe(E.MAPI_E_NO_SUPPORT);
    expect(await scodeOf(search.setSearchCriteria(subjectHas('x'), [searchEid], 0))).toBe(E.MAPI_E_NO_SUPPORT);
    expect(await scodeOf(search.setSearchCriteria(subjectHas('x'), [inboxEid, (await prop(other, T.PR_ENTRYID)) as Uint8Array], 0))).toBe(E.MAPI_E_NO_SUPPORT);
    expect(await scodeOf(search.emptyFolder(null, 0))).toBe(E.MAPI_E_NO_SUPPORT);
    // imapicontainer-setsearchcriteria.md: MAPI_E_TOO_COMPLEX for criteria the store does not support (RES_COUNT).
    const counted: SRestriction = { rt: C.RES_COUNT, ulCount: 1, lpRes: subjectHas('x') };
    expect(await scodeOf(search.setSearchCriteria(counted, [inboxEid], 0))).toBe(E.MAPI_E_TOO_COMPLEX);
    // Nothing was stored by the refused calls.
    expect(await scodeOf(search.getSearchCriteria(0))).toBe(E.MAPI_E_NOT_INITIALIZED);
    await settle(s);
    expect(await prop(inbox, T.PR_CONTENT_COUNT)).toBe(0);
  });

  it('deleting a search folder leaves its results where they are', async () => {
    const { s, inbox, finder, search, inboxEid, searchEid } = await world();
    await addMessage(inbox, subject('hit'));
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], 0);
    await settle(s);
    const t = await search.getContentsTable(0);
    const events = await watch(t);
    expect(await finder.deleteFolder(searchEid, null, C.DELETE_HARD_DELETE)).toEqual({});
    await settle(s);
    // mapi-search-folders.md: "deleting the search-results folder itself has no impact on the messages inside".
    expect(await subjects(await inbox.getContentsTable(C.MAPI_UNICODE))).toEqual(['hit']);
    expect(tableEvents(events)).toEqual([C.TABLE_RELOAD]);
    expect(await allRows(t)).toEqual([]);
  });
});

describe('search folders and the store', () => {
  it('a store context opened again over the backend finds its search folders complete', async () => {
    const { s, inbox, search, inboxEid, searchEid } = await world();
    await addMessage(inbox, subject('hit'));
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], 0);
    await settle(s);
    const again = new StoreContext(s.backend, s.ctx.support, s.ctx.storeEntryId, s.ctx.mdbProvider);
    const folder = openFolder(again, s.backend.entryIds.parse(searchEid)?.id as number, true);
    expect((await folder.getSearchCriteria(0)).ulSearchState).toBe(C.SEARCH_RUNNING | C.SEARCH_COMPLETE);
    expect(await subjects(await folder.getContentsTable(C.MAPI_UNICODE))).toEqual(['hit']);
    expect(await prop(folder, T.PR_CONTENT_COUNT)).toBe(1);
  });

  it('a change is tested once per search folder: no folder is listed and the changed message row is computed once', async () => {
    const { s, inbox, finder, inboxEid } = await world();
    const folders: IMAPIFolder[] = [];
    for (let i = 0; i < 5; i++) folders.push(await finder.createFolder(C.FOLDER_SEARCH, `S${i}`, null, null, 0));
    for (let i = 0; i < 50; i++) await addMessage(inbox, subject(`hit ${i}`));
    for (const f of folders) {
      await f.setSearchCriteria(subjectHas('hit'), [inboxEid], C.RECURSIVE_SEARCH);
      await f.getContentsTable(0);
    }
    await settle(s);
    const m = await inbox.createMessage(null, 0);
    let listed = 0;
    let rows = 0;
    const messageIds = s.backend.messageIds.bind(s.backend);
    const messageRow = s.ctx.messageRow.bind(s.ctx);
    s.backend.messageIds = (...a) => (listed++, messageIds(...a));
    s.ctx.messageRow = (rec) => (rows++, messageRow(rec));
    await saveAs(m, subject('hit new'));
    s.backend.messageIds = messageIds;
    s.ctx.messageRow = messageRow;
    expect(listed).toBe(0);
    // One evaluation, then the cached row for each search folder's open table.
    expect(rows).toBeLessThanOrEqual(2 * folders.length + 2);
    for (const f of folders) expect(await prop(f, T.PR_CONTENT_COUNT)).toBe(51);
  });
});

describe('search folders across sessions', () => {
  it('a second session’s search folder finds the first session’s messages, stays live, and fnevSearchComplete arrives', async () => {
    const w = await makeWorld();
    await makeProfile(w, 'P', 'alice', 'Alice');
    const openStore = async (session: IMAPISession) => {
      const row = (await sessionRows(await session.getMsgStoresTable(C.MAPI_UNICODE)))[0]!;
      return { store: await session.openMsgStore(col(row, T.PR_ENTRYID) as Uint8Array, null, C.MDB_WRITE), storeEid: col(row, T.PR_ENTRYID) as Uint8Array };
    };
    const first = await openStore(await logon(w, 'P'));
    const sessionB = await logon(w, 'P');
    const second = await openStore(sessionB);
    const inboxA = await first.store.openEntry<IMAPIFolder>((await first.store.getReceiveFolder('IPM.Note', 0)).lpEntryID, null, C.MAPI_MODIFY);
    const inboxEid = (await prop(inboxA, T.PR_ENTRYID)) as Uint8Array;
    await addMessage(inboxA, subject('from A: hit'));

    const [finderEid] = await second.store.getProps([T.PR_FINDER_ENTRYID], 0);
    const finder = await second.store.openEntry<IMAPIFolder>(finderEid?.Value as Uint8Array, null, C.MAPI_MODIFY);
    const search = await finder.createFolder(C.FOLDER_SEARCH, 'B searches', null, null, 0);
    const rec = new NotificationRecorder();
    await sessionB.advise(second.storeEid, C.fnevSearchComplete, rec);
    await search.setSearchCriteria(subjectHas('hit'), [inboxEid], 0);
    w.scheduler.runAll();
    await w.mapi.flushNotifications();
    expect(rec.notifications.map((n) => n.ulEventType)).toEqual([C.fnevSearchComplete]);
    const t = await search.getContentsTable(C.MAPI_UNICODE);
    const [row] = await sessionRows(t);
    expect(col(row!, T.PR_SUBJECT_W)).toBe('from A: hit');
    // The row's entry ID opens the real message through the session.
    const m = await sessionB.openEntry<IMessage>(col(row!, T.PR_ENTRYID) as Uint8Array, null, 0);
    expect(await prop(m, T.PR_PARENT_ENTRYID)).toEqual(inboxEid);

    await addMessage(inboxA, subject('from A: another hit'));
    w.scheduler.runAll();
    await w.mapi.flushNotifications();
    await t.seekRow(C.BOOKMARK_BEGINNING, 0);
    expect((await sessionRows(t)).map((r) => col(r, T.PR_SUBJECT_W))).toEqual(['from A: hit', 'from A: another hit']);
  });
});
