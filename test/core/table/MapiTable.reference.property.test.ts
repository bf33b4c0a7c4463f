import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { View } from '../../../src/core/table/View.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import { CHANGE_PROP_TYPE, MVI_PROP, PROP_ID } from '../../../src/core/props/tags.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import { PT_ERROR, PT_MV_STRING8, PT_STRING8, PT_UNICODE } from '../../../src/core/generated/proptypes.js';
import {
  BMR_EQZ,
  BMR_NEZ,
  BOOKMARK_BEGINNING,
  FL_FULLSTRING,
  FL_IGNORECASE,
  FL_IGNORENONSPACE,
  FL_LOOSE,
  FL_PREFIX,
  FL_SUBSTRING,
  RELOP_EQ,
  RELOP_GE,
  RELOP_GT,
  RELOP_LE,
  RELOP_LT,
  RELOP_NE,
  RELOP_RE,
  RES_AND,
  RES_BITMASK,
  RES_COMPAREPROPS,
  RES_CONTENT,
  RES_EXIST,
  RES_NOT,
  RES_OR,
  RES_PROPERTY,
  RES_SIZE,
} from '../../../src/core/generated/constants.js';
import { MAPI_E_NOT_FOUND } from '../../../src/core/generated/scodes.js';
import { PR_INSTANCE_KEY } from '../../../src/core/generated/proptags.js';
import { makeTable } from './helpers.js';
import {
  C_BIN,
  C_BOOL,
  C_FLAGS,
  C_KEY,
  C_NAME,
  C_NAME2,
  C_NUM,
  C_NUM2,
  C_TIME,
  C_WORDS,
  DATA_COLUMNS,
  VIEW_COLUMNS,
  buildView,
  cellsOf,
  describeSort,
  renderNode,
  sortOrderSet,
  visibleRows,
  type RefKey,
  type RefRow,
  type RefSort,
} from './reference.js';

// "Done when" of the table engine (issue 3): for random rows, restrictions and sort orders, the
// rows a view returns equal a plain reference (reference.ts): Array.filter with a plain evaluator
// of the restriction, a stable sort, and grouping into category headings.

const MVI_WORDS = MVI_PROP(C_WORDS);

// ------------------------------------------------------------------ values

const NAMES = ['alpha', 'Alpha', 'ALPHA', 'alpha ', 'álpha', 'Älpha', 'beta', 'Beta', 'bEta', 'gamma', ''];
const NUMS = [-3, -2, -1, 0, 1, 2, 3, 4, 5, 256, -2147483648, 2147483647];
const TICKS = [0n, 1n, 116444736000000000n, 116444736000000001n, 133000000000000000n];
const BINS = [[], [0], [0, 1], [1], [0, 0], [255], [1, 2, 3], [0, 1, 2]];
const WORDS = ['red', 'Red', 'blue', 'green', 'réd'];

const p = (ulPropTag: number, Value: SPropValue['Value']): SPropValue => ({ ulPropTag: ulPropTag >>> 0, Value });
const nameArb = fc.constantFrom(...NAMES);
const numArb = fc.constantFrom(...NUMS);
const timeArb = fc.constantFrom(...TICKS).map((t) => new FILETIME(t));
const binArb = fc.constantFrom(...BINS).map((b) => Uint8Array.from(b));

/** A cell: mostly a value, sometimes missing, sometimes a PT_ERROR value (absent too, decision 002). */
function cellArb(tag: number, value: fc.Arbitrary<SPropValue['Value']>, extra: fc.Arbitrary<SPropValue | null>[] = []): fc.Arbitrary<SPropValue | null> {
  return fc.oneof(
    { weight: 12, arbitrary: value.map((v) => p(tag, v)) },
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(p(CHANGE_PROP_TYPE(tag, PT_ERROR), MAPI_E_NOT_FOUND)) },
    ...extra.map((arbitrary) => ({ weight: 2, arbitrary })),
  );
}

/** A string cell may be stored as PT_STRING8: it reads and sorts with the PT_UNICODE values. */
const stringCell = (tag: number) => cellArb(tag, nameArb, [nameArb.map((v) => p(CHANGE_PROP_TYPE(tag, PT_STRING8), v))]);

/** The data of one row (without its key). */
const rowDataArb = (withWords: boolean): fc.Arbitrary<SPropValue[]> =>
  fc
    .tuple(
      stringCell(C_NAME),
      stringCell(C_NAME2),
      cellArb(C_NUM, numArb),
      cellArb(C_NUM2, numArb),
      cellArb(C_TIME, timeArb),
      cellArb(C_BOOL, fc.boolean()),
      cellArb(C_BIN, binArb),
      cellArb(C_FLAGS, fc.integer({ min: 0, max: 7 })),
      withWords
        ? cellArb(C_WORDS, fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }), [
            fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }).map((v) => p(CHANGE_PROP_TYPE(C_WORDS, PT_MV_STRING8), v)),
          ])
        : fc.constant(null),
    )
    .map((cells) => cells.filter((c): c is SPropValue => c !== null));

/** Rows keyed r0, r1, ... in natural order. */
const withKeys = (data: SPropValue[][]): RefRow[] => data.map((props, i) => ({ key: `r${i}`, props: [p(C_KEY, `r${i}`), ...props] }));

// ------------------------------------------------------------------ restrictions

const ORDERED_RELOPS = [RELOP_LT, RELOP_LE, RELOP_GT, RELOP_GE, RELOP_EQ, RELOP_NE];
const relopArb = fc.constantFrom(...ORDERED_RELOPS);

/** A constant of a column's type, some not in any row. */
function constantArb(tag: number): fc.Arbitrary<SPropValue> {
  switch (tag) {
    case C_NAME:
    case C_NAME2:
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...NAMES, 'alp', 'b', 'ALPHA ', 'zeta').map((v) => p(tag, v)) },
        // A PT_STRING8 constant compares with a PT_UNICODE column (spropertyrestriction.md, as getProps converts).
        { weight: 1, arbitrary: nameArb.map((v) => p(CHANGE_PROP_TYPE(tag, PT_STRING8), v)) },
      );
    case C_NUM:
    case C_NUM2:
    case C_FLAGS:
      return numArb.map((v) => p(tag, v));
    case C_TIME:
      return timeArb.map((v) => p(tag, v));
    case C_BOOL:
      return fc.boolean().map((v) => p(tag, v));
    case C_BIN:
      return binArb.map((v) => p(tag, v));
    default:
      return fc.constantFrom(...WORDS, 'r', 'zz').map((v) => p(CHANGE_PROP_TYPE(tag, PT_UNICODE), v));
  }
}

const propertyArb = (tags: number[]): fc.Arbitrary<SRestriction> =>
  fc.constantFrom(...tags).chain((tag) => {
    const strings = tag === C_NAME || tag === C_NAME2 || tag === MVI_WORDS;
    const regex = fc.constantFrom('^a', 'ph', 'A$', '^$', '[ab]', 'l.h', '^r').map((v) => p(CHANGE_PROP_TYPE(tag, PT_UNICODE), v));
    return fc.oneof(
      { weight: 6, arbitrary: fc.record({ rt: fc.constant(RES_PROPERTY), relop: relopArb, ulPropTag: fc.constant(tag), lpProp: constantArb(tag) }) },
      { weight: strings ? 1 : 0, arbitrary: fc.record({ rt: fc.constant(RES_PROPERTY), relop: fc.constant(RELOP_RE), ulPropTag: fc.constant(tag), lpProp: regex }) },
    );
  });

const fuzzyArb = fc
  .tuple(fc.constantFrom(FL_FULLSTRING, FL_SUBSTRING, FL_PREFIX), fc.constantFrom(0, FL_IGNORECASE, FL_IGNORENONSPACE, FL_LOOSE, FL_IGNORECASE | FL_IGNORENONSPACE))
  .map(([low, high]) => (low | high) >>> 0);

const contentArb = (tags: number[]): fc.Arbitrary<SRestriction> =>
  fc.constantFrom(...tags).chain((tag) => {
    const needle =
      tag === C_BIN
        ? fc.constantFrom([], [0], [1], [0, 1], [2, 3], [255]).map((b) => p(tag, Uint8Array.from(b)))
        : fc.constantFrom('a', 'al', 'AL', 'lph', 'pha', 'Á', 'á', 'beta', ' ', 'alpha', 'ALPHA ', 'ph a', 'e', 'RE').map((v) => p(CHANGE_PROP_TYPE(tag, PT_UNICODE), v));
    return fc.record({ rt: fc.constant(RES_CONTENT), ulFuzzyLevel: fuzzyArb, ulPropTag: fc.constant(tag), lpProp: needle });
  });

const bitmaskArb: fc.Arbitrary<SRestriction> = fc.record({
  rt: fc.constant(RES_BITMASK),
  relBMR: fc.constantFrom(BMR_EQZ, BMR_NEZ),
  ulPropTag: fc.constantFrom(C_NUM, C_FLAGS),
  ulMask: fc.constantFrom(0, 1, 2, 3, 4, 0x80000000, 0xffffffff),
});

const existArb = (tags: number[]): fc.Arbitrary<SRestriction> => fc.record({ rt: fc.constant(RES_EXIST), ulPropTag: fc.constantFrom(...tags) });

const sizeArb: fc.Arbitrary<SRestriction> = fc.record({
  rt: fc.constant(RES_SIZE),
  relop: relopArb,
  ulPropTag: fc.constantFrom(...DATA_COLUMNS),
  cb: fc.integer({ min: 0, max: 14 }),
});

const comparePropsArb: fc.Arbitrary<SRestriction> = fc
  .constantFrom<[number, number, boolean]>([C_NAME, C_NAME2, true], [C_NAME2, C_NAME, true], [C_NUM, C_NUM2, false], [C_NUM2, C_FLAGS, false], [C_NUM, C_NUM, false])
  .chain(([a, b, strings]) =>
    fc.record({ rt: fc.constant(RES_COMPAREPROPS), relop: strings ? fc.constantFrom(...ORDERED_RELOPS, RELOP_RE) : relopArb, ulPropTag1: fc.constant(a), ulPropTag2: fc.constant(b) }),
  );

/** Restrictions over the test columns, nested up to three levels (with the MVI column's instances when `mvi`). */
function restrictionArb(mvi: boolean): fc.Arbitrary<SRestriction> {
  const single = [C_NAME, C_NAME2, C_NUM, C_NUM2, C_TIME, C_BOOL, C_BIN, C_FLAGS];
  const leaf = fc.oneof(
    { weight: 5, arbitrary: propertyArb(mvi ? [...single, MVI_WORDS] : single) },
    { weight: 3, arbitrary: contentArb(mvi ? [C_NAME, C_NAME2, C_BIN, MVI_WORDS] : [C_NAME, C_NAME2, C_BIN]) },
    { weight: 2, arbitrary: bitmaskArb },
    { weight: 2, arbitrary: existArb(mvi ? [...single, MVI_WORDS] : single) },
    { weight: 2, arbitrary: sizeArb },
    { weight: 2, arbitrary: comparePropsArb },
  );
  const { res } = fc.letrec<{ res: SRestriction }>((tie) => ({
    res: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'restriction' },
      { weight: 4, arbitrary: leaf },
      { weight: 1, arbitrary: fc.record({ rt: fc.constant(RES_AND), lpRes: fc.array(tie('res'), { maxLength: 3 }) }) },
      { weight: 1, arbitrary: fc.record({ rt: fc.constant(RES_OR), lpRes: fc.array(tie('res'), { maxLength: 3 }) }) },
      { weight: 1, arbitrary: fc.record({ rt: fc.constant(RES_NOT), lpRes: tie('res') }) },
    ),
  }));
  return res;
}

// ------------------------------------------------------------------ sort orders

const keyArb = (tag: number): fc.Arbitrary<RefKey> => fc.boolean().map((desc) => ({ tag, desc }));

/**
 * A sort: 0–2 category levels (one column, sometimes two with TABLE_SORT_COMBINE), sometimes
 * TABLE_SORT_CATEG_MAX/MIN after the last category (counted in cCategories or not), 0–3 leaf keys
 * (the aggregate's column may be one of them, as in the conversation view), and cExpanded.
 * With `mvi`, the MVI column may be a category or a leaf key.
 */
function sortArb(mvi: boolean): fc.Arbitrary<RefSort> {
  const columns = mvi ? [...DATA_COLUMNS, MVI_WORDS] : DATA_COLUMNS;
  return fc
    .record({
      order: fc.shuffledSubarray(columns, { minLength: 0, maxLength: 6 }),
      levels: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.constant(1) }, { weight: 3, arbitrary: fc.constant(2) }),
      combineRoll: fc.integer({ min: 0, max: 9 }),
      aggRoll: fc.integer({ min: 0, max: 9 }),
      aggTag: fc.constantFrom(...DATA_COLUMNS),
      aggMax: fc.boolean(),
      aggDesc: fc.boolean(),
      aggCounted: fc.boolean(),
      dirs: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      expandRoll: fc.nat(),
      aggAsLeaf: fc.boolean(),
    })
    .map((g) => {
      const keys = g.order.map((tag, i): RefKey => ({ tag, desc: g.dirs[i] ?? false }));
      const nLevels = Math.min(g.levels, keys.length);
      const levels: RefKey[][] = [];
      let used = 0;
      for (let l = 0; l < nLevels && used < keys.length; l++) {
        const level = [keys[used++] as RefKey];
        // Now and then a second column joins the level (TABLE_SORT_COMBINE).
        if (g.combineRoll === l && used < keys.length) level.push(keys[used++] as RefKey);
        levels.push(level);
      }
      const leafKeys = keys.slice(used, used + 3);
      const categoryTags = new Set(levels.flat().map((k) => PROP_ID(k.tag)));
      const sort: RefSort = { levels, leafKeys, expandedLevels: levels.length ? g.expandRoll % (levels.length + 1) : 0 };
      if (levels.length && g.aggRoll < 4 && !categoryTags.has(PROP_ID(g.aggTag))) {
        sort.aggregate = { tag: g.aggTag, max: g.aggMax, desc: g.aggDesc };
        sort.aggregateCounted = g.aggCounted;
        // The conversation view: the aggregate's column also orders the leaves.
        if (g.aggAsLeaf && !leafKeys.some((k) => PROP_ID(k.tag) === PROP_ID(g.aggTag))) leafKeys.unshift({ tag: g.aggTag, desc: g.aggDesc });
      }
      // At most one MVI column in a sort ([MS-OXCDATA] 2.13.2); the generator never repeats a column.
      return sort;
    });
}

// ------------------------------------------------------------------ the check

interface Case {
  rows: RefRow[];
  restriction: SRestriction | null;
  sort: RefSort;
}

/** Builds a table over the rows, applies the restriction and sort, and compares every row and the count with the reference. */
async function checkCase(c: Case, opts: { mvi?: boolean; firstPage?: number } = {}): Promise<void> {
  const columns = opts.mvi ? [...VIEW_COLUMNS, MVI_WORDS] : VIEW_COLUMNS;
  const { table } = makeTable(c.rows, columns);
  await table.setColumns(columns);
  if (c.restriction) await table.restrict(c.restriction);
  await table.sortTable(sortOrderSet(c.sort));
  const top = buildView(c.rows, { restriction: c.restriction, sort: c.sort, ...(opts.mvi && { mviTag: MVI_WORDS }) });
  const expected = visibleRows(top).map((n) => renderNode(n, columns, c.sort.levels.length, c.sort.aggregate?.tag));
  const what = `sort ${describeSort(c.sort)}`;
  expect(await table.getRowCount(), what).toBe(expected.length);
  if (opts.firstPage) {
    // A first page alone: a large flat view serves it without sorting every row (PendingSort).
    const page = await table.queryRows(opts.firstPage);
    expect(cellsOf(page, columns), what).toEqual(expected.slice(0, opts.firstPage));
    await table.seekRow(BOOKMARK_BEGINNING, 0);
  }
  const rows = await table.queryRows(expected.length + 5);
  expect(cellsOf(rows, columns), what).toEqual(expected);
  const keys = rows.map((r) => Buffer.from(r.lpProps[columns.indexOf(PR_INSTANCE_KEY)]?.Value as Uint8Array).toString('hex'));
  expect(new Set(keys).size).toBe(keys.length);
  table.release();
}

const caseArb = (mvi: boolean, rows: fc.Arbitrary<RefRow[]>): fc.Arbitrary<Case> =>
  fc.record({
    rows,
    restriction: fc.option(restrictionArb(mvi), { nil: null, freq: 4 }),
    sort: sortArb(mvi),
  });

/** A flat sort on one to three keys (the views that sort lazily), over many rows, half of the time unrestricted. */
const largeCaseArb = (rows: fc.Arbitrary<RefRow[]>): fc.Arbitrary<Case> =>
  fc.record({
    rows,
    restriction: fc.option(restrictionArb(false), { nil: null, freq: 2 }),
    sort: fc
      .shuffledSubarray(DATA_COLUMNS, { minLength: 1, maxLength: 3 })
      .chain((tags) => fc.tuple(...tags.map(keyArb)))
      .map((leafKeys): RefSort => ({ levels: [], leafKeys, expandedLevels: 0 })),
  });

/** Many rows (past View.lazyMinRows) made from a few random ones, so many rows tie on every key. */
const manyRowsArb = fc
  .tuple(fc.array(rowDataArb(false), { minLength: 1, maxLength: 25 }), fc.integer({ min: 1025, max: 1400 }), fc.integer({ min: 1, max: 97 }))
  .map(([pool, n, step]) => withKeys(Array.from({ length: n }, (_, i) => pool[(i * step) % pool.length] as SPropValue[])));

describe.each([
  ['views built at once', 1024],
  ['flat views deferred', 0],
])('IMAPITable rows equal a plain filter, stable sort and grouping (imapitable-queryrows.md, sorting-and-categorization.md): %s', (_name, threshold) => {
  const saved = View.lazyMinRows;
  beforeAll(() => {
    View.lazyMinRows = threshold;
  });
  afterAll(() => {
    View.lazyMinRows = saved;
  });

  it('random rows, restrictions and sorts, flat and categorized', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(false, fc.array(rowDataArb(false), { maxLength: 40, size: 'max' }).map(withKeys)), (c) => checkCase(c)),
      { numRuns: Number(process.env.REFERENCE_RUNS ?? 200) },
    );
  });

  it('a multivalued column with MVI_FLAG: one row per value, restricted, sorted and categorized on the instances', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb(true, fc.array(rowDataArb(true), { maxLength: 25, size: 'max' }).map(withKeys)), (c) => checkCase(c, { mvi: true })),
      { numRuns: Number(process.env.REFERENCE_RUNS ?? 200) / 2 },
    );
  });

  it('more rows than View.lazyMinRows: the first page alone, then every row', async () => {
    await fc.assert(
      fc.asyncProperty(largeCaseArb(manyRowsArb), (c) => checkCase(c, { firstPage: 17 })),
      { numRuns: 5 },
    );
  });
});
