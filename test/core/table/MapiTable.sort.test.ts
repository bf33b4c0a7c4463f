import { describe, expect, it } from 'vitest';
import { PROP_TAG } from '../../../src/core/props/tags.js';
import { PT_OBJECT } from '../../../src/core/generated/proptypes.js';
import { PR_IMPORTANCE, PR_MESSAGE_SIZE, PR_SENDER_NAME_W, PR_SUBJECT_A, PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';
import {
  BOOKMARK_BEGINNING,
  TABLE_SORT_ASCEND,
  TABLE_SORT_CATEG_MAX,
  TABLE_SORT_COMBINE,
  TABLE_SORT_DESCEND,
} from '../../../src/core/generated/constants.js';
import { MAPI_E_INVALID_BOOKMARK, MAPI_E_INVALID_PARAMETER, MAPI_E_TOO_COMPLEX, MAPI_E_UNKNOWN_FLAGS } from '../../../src/core/generated/scodes.js';
import type { SSortOrderSet } from '../../../src/core/table/types.js';
import { MVI_PROP } from '../../../src/core/props/tags.js';
import { MAILBOX, PR_CODES, PR_KEYWORDS, mailTable, p, reject, subjects } from './MapiTable.fixtures.js';
import { cell, makeTable } from './helpers.js';

const by = (...keys: [number, number][]): SSortOrderSet => ({ aSort: keys.map(([ulPropTag, ulOrder]) => ({ ulPropTag, ulOrder })), cCategories: 0, cExpanded: 0 });
const sizes = (rows: Awaited<ReturnType<ReturnType<typeof mailTable>['table']['queryRows']>>) => rows.map((r) => cell(r, PR_MESSAGE_SIZE));

describe('IMAPITable.sortTable', () => {
  it('sorts ascending on one column', async () => {
    const { table } = mailTable();
    await table.sortTable(by([PR_SUBJECT_W, TABLE_SORT_ASCEND]));
    expect(subjects(await table.queryRows(100))).toEqual(MAILBOX.map((m) => m.subject).sort());
  });

  it('sorts descending on one column', async () => {
    const { table } = mailTable();
    await table.sortTable(by([PR_MESSAGE_SIZE, TABLE_SORT_DESCEND]));
    expect(sizes(await table.queryRows(100))).toEqual(MAILBOX.map((m) => m.size).sort((a, b) => b - a));
  });

  it('sorts on several keys, each in its own direction', async () => {
    const { table } = mailTable();
    await table.sortTable(by([PR_SENDER_NAME_W, TABLE_SORT_DESCEND], [PR_MESSAGE_SIZE, TABLE_SORT_ASCEND]));
    const rows = await table.queryRows(100);
    const expected = [...MAILBOX].sort((a, b) => (a.sender === b.sender ? a.size - b.size : a.sender < b.sender ? 1 : -1));
    expect(subjects(rows)).toEqual(expected.map((m) => m.subject));
  });

  it('is stable: rows with equal keys keep their natural order, ascending and descending', async () => {
    const { table } = mailTable();
    await table.sortTable(by([PR_SENDER_NAME_W, TABLE_SORT_ASCEND]));
    const alice = MAILBOX.filter((m) => m.sender === 'Alice').map((m) => m.subject);
    expect(subjects(await table.queryRows(5))).toEqual(alice);
    await table.sortTable(by([PR_SENDER_NAME_W, TABLE_SORT_DESCEND]));
    expect(subjects(await table.queryRows(100)).slice(5)).toEqual(alice);
  });

  it('puts rows without the sort column last, ascending and descending', async () => {
    // ssortorder.md: "sorted in either an ascending or descending sequence with all NULL entries positioned last".
    const { table } = mailTable();
    const missing = MAILBOX.filter((m) => m.importance === undefined).map((m) => m.subject);
    expect(missing).toEqual(['Report', 'Travel']);
    await table.setColumns([PR_SUBJECT_W, PR_IMPORTANCE]);
    await table.sortTable(by([PR_IMPORTANCE, TABLE_SORT_ASCEND]));
    let rows = await table.queryRows(100);
    expect(rows.map((r) => cell(r, PR_IMPORTANCE)).slice(0, 8)).toEqual([0, 0, 1, 1, 1, 2, 2, 2]);
    expect(subjects(rows).slice(8)).toEqual(missing);
    await table.sortTable(by([PR_IMPORTANCE, TABLE_SORT_DESCEND]));
    rows = await table.queryRows(100);
    expect(rows.map((r) => cell(r, PR_IMPORTANCE)).slice(0, 8)).toEqual([2, 2, 2, 1, 1, 1, 0, 0]);
    expect(subjects(rows).slice(8)).toEqual(missing);
  });

  it('orders strings stored as PT_STRING8 and PT_UNICODE together, by value', async () => {
    const { table } = makeTable(
      [
        { key: 'a', props: [p(PR_SUBJECT_A, 'beta')] },
        { key: 'b', props: [p(PR_SUBJECT_W, 'gamma')] },
        { key: 'c', props: [p(PR_SUBJECT_A, 'alpha')] },
        { key: 'd', props: [p(PR_SUBJECT_W, 'alpha2')] },
      ],
      [PR_SUBJECT_W],
    );
    await table.sortTable(by([PR_SUBJECT_W, TABLE_SORT_ASCEND]));
    expect(subjects(await table.queryRows(10))).toEqual(['alpha', 'alpha2', 'beta', 'gamma']);
  });

  it('compares multivalued columns without MVI_FLAG as ordered tuples, fewer values first', async () => {
    const { table } = makeTable(
      [
        { key: 'a', props: [p(PR_CODES, [2, 1])] },
        { key: 'b', props: [p(PR_CODES, [1, 5])] },
        { key: 'c', props: [p(PR_CODES, [1])] },
        { key: 'd', props: [p(PR_CODES, [1, 5, 0])] },
      ],
      [PR_CODES],
    );
    await table.sortTable(by([PR_CODES, TABLE_SORT_ASCEND]));
    expect((await table.queryRows(10)).map((r) => cell(r, PR_CODES))).toEqual([[1], [1, 5], [1, 5, 0], [2, 1]]);
    expect(await table.getRowCount()).toBe(4);
  });

  it('with no sort keys goes back to the natural order', async () => {
    const { table } = mailTable();
    await table.sortTable(by([PR_SUBJECT_W, TABLE_SORT_DESCEND]));
    await table.sortTable(by());
    expect(subjects(await table.queryRows(100))).toEqual(MAILBOX.map((m) => m.subject));
  });

  it('discards every bookmark and puts the cursor at the beginning', async () => {
    const { table } = mailTable();
    await table.seekRow(BOOKMARK_BEGINNING, 5);
    const bk = await table.createBookmark();
    await table.sortTable(by([PR_MESSAGE_SIZE, TABLE_SORT_ASCEND]));
    expect((await table.queryPosition()).ulRow).toBe(0);
    await reject(table.seekRow(bk, 0), MAPI_E_INVALID_BOOKMARK);
  });

  it('sorts rows added and modified later into place', async () => {
    const { table, source } = mailTable();
    await table.sortTable(by([PR_MESSAGE_SIZE, TABLE_SORT_ASCEND]));
    source.upsert({ key: 'm9', props: new Map([[PR_MESSAGE_SIZE >>> 16, p(PR_MESSAGE_SIZE, 50)]]) });
    source.upsert({ key: 'big', props: new Map([[PR_MESSAGE_SIZE >>> 16, p(PR_MESSAGE_SIZE, 5000)]]) });
    const all = sizes(await table.queryRows(100));
    expect(all[0]).toBe(50);
    expect(all.at(-1)).toBe(5000);
    expect(all).toEqual([...all].sort((a, b) => (a as number) - (b as number)));
  });

  describe('rejects invalid sort order sets, keeping the sort in effect', () => {
    const cases: [string, SSortOrderSet | null, number][] = [
      ['a missing set', null, MAPI_E_INVALID_PARAMETER],
      ['cCategories above cSorts', { aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: 0 }], cCategories: 2, cExpanded: 0 }, MAPI_E_INVALID_PARAMETER],
      ['cExpanded above cCategories', { aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: 0 }], cCategories: 1, cExpanded: 2 }, MAPI_E_INVALID_PARAMETER],
      ['TABLE_SORT_COMBINE in the first sort order', { aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_COMBINE }], cCategories: 1, cExpanded: 1 }, MAPI_E_INVALID_PARAMETER],
      ['TABLE_SORT_COMBINE on a column that is not a category', by([PR_SUBJECT_W, 0], [PR_MESSAGE_SIZE, TABLE_SORT_COMBINE]), MAPI_E_TOO_COMPLEX],
      ['TABLE_SORT_CATEG_MAX without a category before it', by([PR_MESSAGE_SIZE, TABLE_SORT_CATEG_MAX]), MAPI_E_TOO_COMPLEX],
      ['an unknown ulOrder bit', by([PR_SUBJECT_W, 0x40]), MAPI_E_TOO_COMPLEX],
      ['the same column twice', by([PR_SUBJECT_W, 0], [PR_SUBJECT_W, TABLE_SORT_DESCEND]), MAPI_E_TOO_COMPLEX],
      ['a PT_OBJECT column', by([PROP_TAG(PT_OBJECT, 0x3701), 0]), MAPI_E_TOO_COMPLEX],
      ['two multivalued instance columns', by([MVI_PROP(PR_KEYWORDS), 0], [MVI_PROP(PR_CODES), 0]), MAPI_E_TOO_COMPLEX],
    ];
    for (const [name, set, scode] of cases) {
      it(name, async () => {
        const { table } = mailTable();
        const before = by([PR_MESSAGE_SIZE, TABLE_SORT_DESCEND]);
        await table.sortTable(before);
        await table.seekRow(BOOKMARK_BEGINNING, 3);
        await reject(table.sortTable(set as SSortOrderSet), scode);
        expect(await table.querySortOrder()).toEqual(before);
        // imapitable-sorttable.md: "Whenever SortTable fails, the sort order that was in effect before the failure is still in effect."
        expect((await table.queryPosition()).ulRow).toBe(3);
      });
    }
  });

  it('rejects unknown flags with MAPI_E_UNKNOWN_FLAGS', async () => {
    const { table } = mailTable();
    await reject(table.sortTable(by([PR_SUBJECT_W, 0]), 0x10), MAPI_E_UNKNOWN_FLAGS);
  });
});

describe('IMAPITable.querySortOrder', () => {
  it('returns no keys for a table that was never sorted', async () => {
    const { table } = mailTable();
    expect(await table.querySortOrder()).toEqual({ aSort: [], cCategories: 0, cExpanded: 0 });
  });

  it('returns the sort order set last applied, categories included', async () => {
    const { table } = mailTable();
    const set: SSortOrderSet = {
      aSort: [
        { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
        { ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_DESCEND },
      ],
      cCategories: 1,
      cExpanded: 1,
    };
    await table.sortTable(set);
    expect(await table.querySortOrder()).toEqual(set);
  });

  it('returns a copy the caller can change', async () => {
    const { table } = mailTable();
    const set = by([PR_SUBJECT_W, TABLE_SORT_ASCEND]);
    await table.sortTable(set);
    (set.aSort[0] as { ulOrder: number }).ulOrder = TABLE_SORT_DESCEND;
    const got = await table.querySortOrder();
    (got.aSort[0] as { ulOrder: number }).ulOrder = TABLE_SORT_DESCEND;
    expect(await table.querySortOrder()).toEqual(by([PR_SUBJECT_W, TABLE_SORT_ASCEND]));
  });

  it('returns the initial sort a provider gave the view', async () => {
    const initialSort = by([PR_SUBJECT_W, TABLE_SORT_DESCEND]);
    const { table } = mailTable(undefined, { initialSort });
    expect(await table.querySortOrder()).toEqual(initialSort);
    expect(subjects(await table.queryRows(1))).toEqual(['Zebra']);
  });
});
