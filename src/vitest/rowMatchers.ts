/**
 * Matchers over rows and restrictions: `toHaveRows` (a table or SRow[] holds these rows, in
 * order) and `toMatchRestriction` (a row or object satisfies an SRestriction). Rows are shown
 * in readable form, `{ PR_SUBJECT_W: 'hi' }`, so vitest prints a useful diff.
 */
import type { IMAPIProp } from '../core/props/interfaces.js';
import type { PropValueData, SPropValue, SRow } from '../core/props/types.js';
import type { IMAPITable } from '../core/table/interfaces.js';
import type { SRestriction } from '../core/restriction/types.js';
import { compileRestriction } from '../core/restriction/compile.js';
import { describeRestriction } from '../core/restriction/describe.js';
import { PROP_ID, PROP_TYPE } from '../core/props/tags.js';
import { valuesEqual } from '../core/props/values.js';
import { jsonKeyOfTag, jsonOfValue, tagOfJsonKey } from '../fixtures/json.js';
import { BOOKMARK_BEGINNING } from '../core/generated/constants.js';
import { PT_ERROR, PT_UNSPECIFIED } from '../core/generated/proptypes.js';

/** What vitest gives a matcher (only the parts used here). */
export interface MatcherContext {
  isNot: boolean;
  equals(a: unknown, b: unknown): boolean;
}

/** What a matcher returns to vitest's expect.extend. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

/**
 * An expected row: property tags (computed keys, `{ [PR_SUBJECT_W]: 'hi' }`) or SDK names
 * (`{ PR_SUBJECT_W: 'hi' }`) to values. Values are compared as MAPI values; the readable JSON
 * forms (ISO times, `'<hex>'` binaries, `'12n'` bigints) and asymmetric matchers work too.
 * Only the listed properties are compared.
 */
export type ExpectedRow = { readonly [tagOrName: string]: unknown };

/** The tag of an expected-row key: a decimal tag (a computed key) or an SDK name. */
function keyTag(key: string): number {
  return /^\d+$/.test(key) ? Number(key) >>> 0 : tagOfJsonKey(key);
}

/** Finds a property by tag (by identifier alone for a PT_UNSPECIFIED tag), ignoring PT_ERROR entries. */
export function findProp(props: readonly SPropValue[], tag: number): SPropValue | undefined {
  return props.find(
    (p) => PROP_ID(p.ulPropTag) === PROP_ID(tag) && PROP_TYPE(p.ulPropTag) !== PT_ERROR && (PROP_TYPE(tag) === PT_UNSPECIFIED || p.ulPropTag >>> 0 === tag >>> 0),
  );
}

/** A property array in readable form; with `tags`, only those (in that order, `<missing>` for absent ones). */
export function readableProps(props: readonly SPropValue[], tags?: readonly number[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (tags) {
    for (const t of tags) {
      const p = findProp(props, t);
      out[jsonKeyOfTag(t)] = p ? jsonOfValue(p.Value) : '<missing>';
    }
    return out;
  }
  for (const p of props) out[jsonKeyOfTag(p.ulPropTag >>> 0)] = PROP_TYPE(p.ulPropTag) === PT_ERROR ? `<error 0x${(p.Value as number >>> 0).toString(16)}>` : jsonOfValue(p.Value);
  return out;
}

function valueMatches(ctx: MatcherContext, actual: PropValueData, expected: unknown): boolean {
  if (expected !== null && typeof expected === 'object' && typeof (expected as { asymmetricMatch?: unknown }).asymmetricMatch === 'function') return ctx.equals(actual, expected);
  try {
    if (valuesEqual(actual, expected as PropValueData)) return true;
  } catch {
    // Not comparable as MAPI values: try the readable form.
  }
  return ctx.equals(jsonOfValue(actual), expected) || ctx.equals(actual, expected);
}

function isTable(x: unknown): x is IMAPITable {
  return !!x && typeof (x as IMAPITable).queryRows === 'function' && typeof (x as IMAPITable).seekRow === 'function';
}

/** Every row of a table from the beginning, with its current columns; the cursor is put back where it was. */
async function tableRows(t: IMAPITable): Promise<SRow[]> {
  const mark = await t.createBookmark();
  try {
    await t.seekRow(BOOKMARK_BEGINNING, 0);
    const rows: SRow[] = [];
    for (;;) {
      const batch = await t.queryRows(1000, 0);
      if (batch.length === 0) break;
      rows.push(...batch);
    }
    return rows;
  } finally {
    await t.seekRow(mark, 0);
    await t.freeBookmark(mark);
  }
}

function rowsResult(ctx: MatcherContext, rows: readonly SRow[], expected: readonly ExpectedRow[]): MatcherResult {
  const tagLists = expected.map((e) => Object.keys(e).map(keyTag));
  const allTags = [...new Set(tagLists.flat())];
  let pass = rows.length === expected.length;
  let firstBad = -1;
  for (let i = 0; pass && i < expected.length; i++) {
    const e = expected[i] as ExpectedRow;
    const row = rows[i] as SRow;
    const ok = Object.entries(e).every(([k, v]) => {
      const p = findProp(row.lpProps, keyTag(k));
      return p !== undefined && valueMatches(ctx, p.Value, v);
    });
    if (!ok) {
      pass = false;
      firstBad = i;
    }
  }
  // The diff shows each actual row with the expected rows' columns, named as in the expected rows.
  const actual = rows.map((r, i) => readableProps(r.lpProps, tagLists[i] ?? allTags));
  const shownExpected = expected.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [jsonKeyOfTag(keyTag(k)), v])));
  const why = rows.length !== expected.length ? `${rows.length} row(s) instead of ${expected.length}` : `row ${firstBad} differs`;
  return {
    pass,
    message: () => (pass ? `expected the rows not to be these ${expected.length} row(s), but they are` : `expected the rows to match (${why})`),
    actual,
    expected: shownExpected,
  };
}

/** The SPropValues of a row-like value: an SPropValue array or an SRow. */
function propsOf(x: unknown): SPropValue[] | undefined {
  if (Array.isArray(x)) return x as SPropValue[];
  if (x && typeof x === 'object' && Array.isArray((x as SRow).lpProps)) return (x as SRow).lpProps;
  return undefined;
}

function isMapiProp(x: unknown): x is IMAPIProp {
  return !!x && typeof (x as IMAPIProp).getProps === 'function';
}

function restrictionResult(props: SPropValue[], res: SRestriction): MatcherResult {
  const compiled = compileRestriction(res);
  // RestrictionTarget.get: the stored value with the tag's identifier, of any type; PT_ERROR means absent, as in a table row.
  const pass = compiled.matches({ get: (tag) => props.find((p) => PROP_ID(p.ulPropTag) === PROP_ID(tag) && PROP_TYPE(p.ulPropTag) !== PT_ERROR) });
  const shown = readableProps(props, compiled.tags.length ? compiled.tags : undefined);
  return {
    pass,
    message: () => `expected ${JSON.stringify(shown)} ${pass ? 'not ' : ''}to match the restriction ${describeRestriction(res)}`,
    actual: shown,
    expected: describeRestriction(res),
  };
}

/** The row and restriction matchers, merged into `mapiMatchers`. */
export const rowMatchers = {
  /**
   * The table (all rows from the beginning, with its current columns; the cursor is left where
   * it was) or SRow array has exactly these rows, in order; each row is compared on the listed
   * properties only. Await it for a table.
   */
  toHaveRows(this: MatcherContext, received: unknown, expected: readonly ExpectedRow[]): MatcherResult | Promise<MatcherResult> {
    if (!Array.isArray(expected)) return { pass: false, message: () => 'toHaveRows expects an array of expected rows, such as [{ PR_SUBJECT_W: "hi" }]' };
    if (isTable(received)) return tableRows(received).then((rows) => rowsResult(this, rows, expected));
    if (Array.isArray(received) && received.every((r) => r && Array.isArray((r as SRow).lpProps))) return rowsResult(this, received as SRow[], expected);
    return { pass: false, message: () => 'toHaveRows expects an IMAPITable or an SRow[] (the result of queryRows)' };
  },

  /**
   * The SPropValue array, SRow or IMAPIProp (await it; its getProps(null) is read) satisfies the
   * restriction, evaluated as a table restriction would be (absent properties: docs/decisions/002).
   */
  toMatchRestriction(this: MatcherContext, received: unknown, res: SRestriction): MatcherResult | Promise<MatcherResult> {
    const props = propsOf(received);
    if (props) return restrictionResult(props, res);
    if (isMapiProp(received)) return received.getProps(null, 0).then((p) => restrictionResult(p, res));
    return { pass: false, message: () => 'toMatchRestriction expects an SPropValue[], an SRow or an IMAPIProp' };
  },
};
