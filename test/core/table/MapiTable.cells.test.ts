import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHANGE_PROP_TYPE, PROP_TAG } from '../../../src/core/props/tags.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import { compileRowRenderer, renderRow } from '../../../src/core/table/rows.js';
import type { ViewNode } from '../../../src/core/table/nodes.js';
import {
  PT_BINARY,
  PT_ERROR,
  PT_LONG,
  PT_MV_BINARY,
  PT_MV_UNICODE,
  PT_STRING8,
  PT_UNICODE,
  PT_UNSPECIFIED,
} from '../../../src/core/generated/proptypes.js';
import {
  PR_DEPTH,
  PR_ENTRYID,
  PR_IMPORTANCE,
  PR_INSTANCE_KEY,
  PR_MESSAGE_DELIVERY_TIME,
  PR_MESSAGE_SIZE,
  PR_NULL,
  PR_ROW_TYPE,
  PR_SENDER_NAME_W,
  PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import { MVI_FLAG, TABLE_SORT_ASCEND, TABLE_SORT_DESCEND } from '../../../src/core/generated/constants.js';
import { MAPI_E_NOT_FOUND } from '../../../src/core/generated/scodes.js';
import { PR_KEYWORDS, mailProps, mailTable, MAILBOX } from './MapiTable.fixtures.js';
import { cell, makeTable } from './helpers.js';

/** A multivalued binary column. */
const PR_BLOBS = PROP_TAG(PT_MV_BINARY, 0x8014);

/** The mailbox with binary MV values on some rows, and a delivery time on every row. */
function richTable(opts: { unicode?: boolean; maxCellBytes?: number } = {}) {
  return makeTable(
    MAILBOX.map((m, i) => {
      const props = mailProps(m);
      props.push({ ulPropTag: PR_MESSAGE_DELIVERY_TIME, Value: new FILETIME(BigInt(1_000_000 + i)) });
      if (i % 3 !== 2) props.push({ ulPropTag: PR_BLOBS, Value: [Uint8Array.of(i, 1), Uint8Array.of(i, 2, 3)] });
      return { key: m.key, props };
    }),
    [PR_SUBJECT_W],
    opts,
  );
}

describe('IMAPITable.queryRows cells', () => {
  it('hands out copies of binary cells: a caller changing one does not change the table', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_ENTRYID, PR_INSTANCE_KEY]);
    const [first] = await table.queryRows(1);
    const entryId = cell(first, PR_ENTRYID) as Uint8Array;
    const instanceKey = cell(first, PR_INSTANCE_KEY) as Uint8Array;
    const keyBefore = Uint8Array.from(instanceKey);
    entryId.fill(0xff);
    instanceKey.fill(0xff);
    await table.seekRow(0, 0);
    const [again] = await table.queryRows(1);
    expect(cell(again, PR_ENTRYID)).toEqual(new TextEncoder().encode('m0'));
    expect(cell(again, PR_INSTANCE_KEY)).toEqual(keyBefore);
  });

  it('hands out copies of multivalued cells: changing the array does not change the table', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_KEYWORDS]);
    const [first] = await table.queryRows(1);
    const keywords = cell(first, PR_KEYWORDS) as string[];
    keywords.push('purple');
    keywords[0] = 'black';
    await table.seekRow(0, 0);
    const [again] = await table.queryRows(1);
    expect(cell(again, PR_KEYWORDS)).toEqual(['red', 'blue']);
  });

  it('hands out copies of the binary values of a multivalued instance column', async () => {
    const { table } = richTable();
    const mvi = (PR_BLOBS | MVI_FLAG) >>> 0;
    await table.setColumns([mvi]);
    const [first] = await table.queryRows(1);
    (cell(first, mvi) as Uint8Array).fill(0xee);
    await table.seekRow(0, 0);
    const [again] = await table.queryRows(1);
    expect(cell(again, mvi)).toEqual(Uint8Array.of(0, 1));
  });

  it('cuts long strings and binaries to the table’s cell limit', async () => {
    const { table } = mailTable(undefined, { maxCellBytes: 3 });
    await table.setColumns([PR_SUBJECT_W, PR_ENTRYID, PR_MESSAGE_SIZE]);
    const [first] = await table.queryRows(1);
    expect(first?.lpProps.map((v) => v.Value)).toEqual(['Bud', new TextEncoder().encode('m0'), 500]);
  });

  it('gives the rows renderRow gives, for any column set, sort and cell limit', async () => {
    const pool = [
      PR_NULL,
      PR_INSTANCE_KEY,
      CHANGE_PROP_TYPE(PR_INSTANCE_KEY, PT_LONG),
      PR_ROW_TYPE,
      PR_DEPTH,
      PR_SUBJECT_W,
      CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_STRING8),
      CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_UNSPECIFIED),
      CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_LONG),
      CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_ERROR),
      PR_SENDER_NAME_W,
      PR_ENTRYID,
      CHANGE_PROP_TYPE(PR_ENTRYID, PT_UNICODE),
      PR_MESSAGE_SIZE,
      PR_IMPORTANCE,
      PR_MESSAGE_DELIVERY_TIME,
      PR_KEYWORDS,
      (PR_KEYWORDS | MVI_FLAG) >>> 0,
      CHANGE_PROP_TYPE(PR_KEYWORDS, PT_MV_UNICODE | MVI_FLAG),
      PR_BLOBS,
      (PR_BLOBS | MVI_FLAG) >>> 0,
      PROP_TAG(PT_BINARY, 0x7ff0),
    ];
    const sorts = [
      { aSort: [], cCategories: 0, cExpanded: 0 },
      { aSort: [{ ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_DESCEND }], cCategories: 0, cExpanded: 0 },
      {
        aSort: [
          { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
          { ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND },
        ],
        cCategories: 1,
        cExpanded: 1,
      },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...sorts),
        fc.constantFrom(Number.POSITIVE_INFINITY, 0, 2, 4),
        fc.boolean(),
        async (columns, sort, maxCellBytes, unicode) => {
          const { table } = richTable({ unicode, maxCellBytes });
          await table.setColumns(columns);
          await table.sortTable(sort);
          const count = await table.getRowCount();
          const rows = await table.queryRows(count + 1);
          const v = table.view;
          const opts = { unicode, codePage: 1252, maxCellBytes };
          const render = compileRowRenderer(columns, v.sortSpec, v.expandedMviTags, opts);
          const nodes = Array.from({ length: count }, (_, i) => v.nodeAt(i) as ViewNode);
          const expected = nodes.map((n) => renderRow(n, columns, v.sortSpec, v.expandedMviTags, opts));
          expect(nodes.map(render)).toEqual(expected);
          expect(rows).toEqual(expected);
        },
      ),
      { seed: 6006, numRuns: 150 },
    );
  });

  it('gives leaf rows their PR_DEPTH once the same column set is categorized', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_DEPTH, PR_SUBJECT_W]);
    const [flat] = await table.queryRows(1);
    expect(flat?.lpProps[0]).toEqual({ ulPropTag: CHANGE_PROP_TYPE(PR_DEPTH, PT_ERROR), Value: MAPI_E_NOT_FOUND });
    await table.sortTable({ aSort: [{ ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND }], cCategories: 1, cExpanded: 1 });
    const rows = await table.queryRows(2);
    expect(rows.map((r) => r.lpProps[0]?.Value)).toEqual([0, 1]);
  });

  it('renders the same cells again after the column set changes', async () => {
    const { table } = mailTable();
    await table.setColumns([PR_SUBJECT_W, PR_MESSAGE_SIZE]);
    const [a] = await table.queryRows(1);
    await table.setColumns([PR_MESSAGE_SIZE, PR_SENDER_NAME_W]);
    await table.seekRow(0, 0);
    const [b] = await table.queryRows(1);
    const values = (r: typeof a) => r?.lpProps.map((x: SPropValue) => [x.ulPropTag >>> 0, x.Value]);
    expect(values(a)).toEqual([
      [PR_SUBJECT_W >>> 0, 'Budget'],
      [PR_MESSAGE_SIZE >>> 0, 500],
    ]);
    expect(values(b)).toEqual([
      [PR_MESSAGE_SIZE >>> 0, 500],
      [PR_SENDER_NAME_W >>> 0, 'Alice'],
    ]);
  });
});
