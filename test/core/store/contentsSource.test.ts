import { describe, expect, it } from 'vitest';
import { addFolder, addMessage, allRows, cell, makeStore, openRW } from './helpers.js';
import type { IMessage } from '../../../src/core/store/interfaces.js';
import type { SRow } from '../../../src/core/props/types.js';
import * as T from '../../../src/core/generated/proptags.js';
import * as C from '../../../src/core/generated/constants.js';

const subjects = (rows: SRow[]) => rows.map((r) => cell(r, T.PR_SUBJECT_W));

// The contents row source of a folder reads its rows once and then follows the store's
// changes (StoreContext's StoreRowSource keepRows), also while no table is open.
describe('contents tables over kept rows', () => {
  it('a table opened after changes made while no table was open shows them, in natural order', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const store = s.store();
    const [a, b, c] = [await addMessage(inbox, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'a' }]), await addMessage(inbox, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'b' }]), await addMessage(inbox, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'c' }])];
    let table = await inbox.getContentsTable(0);
    await table.setColumns([T.PR_SUBJECT_W, T.PR_MESSAGE_FLAGS], 0);
    expect(subjects(await allRows(table))).toEqual(['a', 'b', 'c']);
    table.release();

    const msg = await openRW<IMessage>(store, b);
    await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'b2' }]);
    await msg.saveChanges(0);
    await inbox.deleteMessages([a], null, 0);
    await addMessage(inbox, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'd' }]);
    const other = await addFolder(inbox, 'Other');
    await inbox.copyMessages([c], null, other, null, C.MESSAGE_MOVE);
    await inbox.setReadFlags(null, null, 0);

    table = await inbox.getContentsTable(0);
    await table.setColumns([T.PR_SUBJECT_W, T.PR_MESSAGE_FLAGS], 0);
    const rows = await allRows(table);
    expect(subjects(rows)).toEqual(['b2', 'd']);
    expect(rows.map((r) => (cell(r, T.PR_MESSAGE_FLAGS) as number) & C.MSGFLAG_READ)).toEqual([C.MSGFLAG_READ, C.MSGFLAG_READ]);
    const moved = await other.getContentsTable(0);
    await moved.setColumns([T.PR_SUBJECT_W], 0);
    expect(subjects(await allRows(moved))).toEqual(['c']);
  });

  it('after emptyFolder and a deleted folder, tables opened again list what is there', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const sub = await addFolder(inbox, 'Sub');
    await addMessage(sub, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'x' }]);
    const t1 = await sub.getContentsTable(0);
    expect(await t1.getRowCount(0)).toBe(1);
    t1.release();
    await sub.emptyFolder(null, 0);
    const t2 = await sub.getContentsTable(0);
    expect(await t2.getRowCount(0)).toBe(0);
    t2.release();
    await addMessage(sub, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'y' }]);
    const t3 = await sub.getContentsTable(0);
    await t3.setColumns([T.PR_SUBJECT_W], 0);
    expect(subjects(await allRows(t3))).toEqual(['y']);
  });
});
