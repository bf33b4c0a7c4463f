import { describe, expect, it } from 'vitest';
import { makeTable, cell } from './helpers.js';
import { tableRow } from '../../../src/core/table/MemoryRowSource.js';
import { PR_IMPORTANCE, PR_SUBJECT_W, PR_INSTANCE_KEY } from '../../../src/core/generated/proptags.js';
import {
  BOOKMARK_BEGINNING,
  BOOKMARK_CURRENT,
  RELOP_EQ,
  RES_PROPERTY,
  TABLE_SORT_ASCEND,
  TABLE_SORT_DESCEND,
  fnevTableModified,
  TABLE_ROW_ADDED,
} from '../../../src/core/generated/constants.js';
import type { NOTIFICATION } from '../../../src/core/notify/types.js';

// Views of more than View.lazyMinRows rows select their first pages without sorting
// everything (PendingSort); these cases read past the selection, seek, search, bookmark and
// change rows, and compare with a plain sort of the same data.
const N = 3000;
const rows = Array.from({ length: N }, (_, i) => ({
  key: `r${i}`,
  props: [
    { ulPropTag: PR_SUBJECT_W, Value: `s${String((i * 7919) % N).padStart(5, '0')}` },
    { ulPropTag: PR_IMPORTANCE, Value: i % 3 },
  ],
}));
const bySubjectDesc = [...rows].sort((a, b) => ((b.props[0]?.Value as string) < (a.props[0]?.Value as string) ? -1 : 1)).map((r) => r.props[0]?.Value);

describe('IMAPITable over a large flat view (deferred sort)', () => {
  it('reads pages, then everything, in sort order', async () => {
    const { table } = makeTable(rows, [PR_SUBJECT_W, PR_IMPORTANCE, PR_INSTANCE_KEY]);
    await table.sortTable({ aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_DESCEND }], cCategories: 0, cExpanded: 0 });
    expect(await table.getRowCount()).toBe(N);
    const first = await table.queryRows(100);
    expect(first.map((r) => cell(r, PR_SUBJECT_W))).toEqual(bySubjectDesc.slice(0, 100));
    const rest = await table.queryRows(N);
    expect(rest.map((r) => cell(r, PR_SUBJECT_W))).toEqual(bySubjectDesc.slice(100));
  });

  it('seeks, finds and bookmarks before and after the whole view is sorted', async () => {
    const { table } = makeTable(rows, [PR_SUBJECT_W, PR_INSTANCE_KEY]);
    await table.sortTable({ aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 });
    await table.seekRow(BOOKMARK_BEGINNING, 50);
    const bk = await table.createBookmark();
    expect((await table.queryPosition()).ulRow).toBe(50);
    const target = bySubjectDesc[N - 1 - 2000];
    await table.findRow({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_SUBJECT_W, lpProp: { ulPropTag: PR_SUBJECT_W, Value: target as string } }, BOOKMARK_BEGINNING, 0);
    expect((await table.queryPosition()).ulRow).toBe(2000);
    await table.seekRow(bk, 0);
    expect(cell((await table.queryRows(1))[0], PR_SUBJECT_W)).toBe(bySubjectDesc[N - 1 - 50]);
    expect((await table.seekRow(BOOKMARK_CURRENT, -10)).lRowsSought).toBe(-10);
  });

  it('applies row changes and notifies with the right prior row', async () => {
    const { table, source, hub } = makeTable(rows, [PR_SUBJECT_W]);
    await table.sortTable({ aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 });
    await table.queryRows(10);
    const got: NOTIFICATION[] = [];
    await table.advise(fnevTableModified, (n) => void got.push(...n));
    source.upsert(tableRow('new', [{ ulPropTag: PR_SUBJECT_W, Value: 's00000a' }]));
    await hub.flush();
    const tab = got[0]?.ulEventType === fnevTableModified ? got[0].tab : undefined;
    expect(tab?.ulTableEvent).toBe(TABLE_ROW_ADDED);
    expect(tab?.propPrior.ulPropTag).toBe(PR_INSTANCE_KEY);
    await table.seekRow(BOOKMARK_BEGINNING, 0);
    const firstTwo = await table.queryRows(2);
    expect(firstTwo.map((r) => cell(r, PR_SUBJECT_W))).toEqual(['s00000', 's00000a']);
    expect(await table.getRowCount()).toBe(N + 1);
  });

  it('selects the first pages with repeated and missing keys in both directions: ties in natural order, missing values last', async () => {
    // Subjects repeat (37 distinct values, so page boundaries cut runs of equal keys); every 7th
    // row has none, and in the sparse table only every 60th row has one, so the first pages also
    // hold rows without a value.
    for (const sparse of [false, true]) {
      const data = Array.from({ length: N }, (_, i) => ({
        key: `r${i}`,
        props: [
          { ulPropTag: PR_IMPORTANCE, Value: i },
          ...((sparse ? i % 60 === 0 : i % 7 !== 0) ? [{ ulPropTag: PR_SUBJECT_W, Value: `s${String((i * 7919) % 37).padStart(2, '0')}` }] : []),
        ],
      }));
      for (const desc of [false, true]) {
        const subject = (i: number) => data[i]?.props[1]?.Value as string | undefined;
        const expected = data
          .map((_, i) => i)
          .sort((a, b) => {
            const x = subject(a);
            const y = subject(b);
            if (x === undefined || y === undefined) return x !== undefined ? -1 : y !== undefined ? 1 : a - b;
            return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1) || a - b;
          });
        const { table } = makeTable(data, [PR_SUBJECT_W, PR_IMPORTANCE]);
        await table.sortTable({ aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: desc ? TABLE_SORT_DESCEND : TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 });
        const read = [...(await table.queryRows(100)), ...(await table.queryRows(150))].map((r) => [cell(r, PR_IMPORTANCE), cell(r, PR_SUBJECT_W)]);
        expect(read, `sparse ${sparse}, desc ${desc}`).toEqual(expected.slice(0, 250).map((i) => [i, subject(i)]));
      }
    }
  });

  it('sorts by PR_INSTANCE_KEY, which a leaf computes, row by row', async () => {
    // Each row's own PR_INSTANCE_KEY (an ITableData indexed on it): two bytes of a permutation.
    const keyed = rows.map((r, i) => {
      const k = (i * 7919) % N;
      return { key: r.key, props: [...r.props, { ulPropTag: PR_INSTANCE_KEY, Value: Uint8Array.of(k >> 8, k & 0xff) }] };
    });
    const { table } = makeTable(keyed, [PR_INSTANCE_KEY]);
    await table.sortTable({ aSort: [{ ulPropTag: PR_INSTANCE_KEY, ulOrder: TABLE_SORT_DESCEND }], cCategories: 0, cExpanded: 0 });
    const first = await table.queryRows(3);
    expect(first.map((r) => Array.from(cell(r, PR_INSTANCE_KEY) as Uint8Array))).toEqual([
      [(N - 1) >> 8, (N - 1) & 0xff],
      [(N - 2) >> 8, (N - 2) & 0xff],
      [(N - 3) >> 8, (N - 3) & 0xff],
    ]);
  });

  it('keeps the natural order of an unsorted view, including a row inserted mid-source', async () => {
    const { table, source } = makeTable(rows, [PR_SUBJECT_W]);
    expect(cell((await table.queryRows(1))[0], PR_SUBJECT_W)).toBe(rows[0]?.props[0]?.Value);
    source.insertAt(5, tableRow('mid', [{ ulPropTag: PR_SUBJECT_W, Value: 'middle' }]));
    await table.seekRow(BOOKMARK_BEGINNING, 0);
    const six = await table.queryRows(6);
    expect(cell(six[5], PR_SUBJECT_W)).toBe('middle');
  });
});
