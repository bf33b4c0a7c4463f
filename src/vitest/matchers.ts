import { MapiError, scodeName } from '../core/errors/MapiError.js';
import { PROP_ID, PROP_TYPE, tagHex } from '../core/props/tags.js';
import { valuesEqual, jsonReplacer } from '../core/props/values.js';
import { propTagNames } from '../core/props/names.js';
import type { IMAPIProp } from '../core/props/interfaces.js';
import type { PropValueData, SPropValue } from '../core/props/types.js';
import { PT_ERROR, PT_UNSPECIFIED } from '../core/generated/proptypes.js';
import type { SRestriction } from '../core/restriction/types.js';
import { rowMatchers, type ExpectedRow } from './rowMatchers.js';
import { notificationMatchers } from './notificationMatchers.js';

/** What a matcher returns to vitest's expect.extend. */
export interface MatcherResult {
  pass: boolean;
  message: () => string;
  actual?: unknown;
  expected?: unknown;
}

/** The `this` vitest gives a matcher (only the parts used here). */
interface MatcherContext {
  isNot: boolean;
  equals(a: unknown, b: unknown): boolean;
}

const tagName = (tag: number) => `${propTagNames(tag).best ?? 'property'} (${tagHex(tag)})`;
const show = (v: unknown) => JSON.stringify(v, jsonReplacer);

function isMapiProp(x: unknown): x is IMAPIProp {
  return !!x && typeof (x as IMAPIProp).getProps === 'function';
}

/** Finds a tag in a property array by identifier (and by type unless the tag's type is PT_UNSPECIFIED). */
function findProp(props: SPropValue[], tag: number): SPropValue | undefined {
  return props.find(
    (p) => PROP_ID(p.ulPropTag) === PROP_ID(tag) && PROP_TYPE(p.ulPropTag) !== PT_ERROR && (PROP_TYPE(tag) === PT_UNSPECIFIED || p.ulPropTag === tag),
  );
}

function propResult(props: SPropValue[], tag: number, expected: PropValueData | undefined, hasExpected: boolean): MatcherResult {
  const found = findProp(props, tag);
  if (!found) {
    return { pass: false, message: () => `expected ${tagName(tag)} to be present, but it is missing`, actual: props };
  }
  if (!hasExpected) return { pass: true, message: () => `expected ${tagName(tag)} not to be present, but it is ${show(found.Value)}` };
  const pass = valuesEqual(found.Value, expected as PropValueData);
  return {
    pass,
    message: () =>
      pass ? `expected ${tagName(tag)} not to be ${show(expected)}` : `expected ${tagName(tag)} to be ${show(expected)}, but it is ${show(found.Value)}`,
    actual: found.Value,
    expected,
  };
}

/**
 * The matchers of `mapi-emu/vitest`, for `expect.extend(mapiMatchers)`:
 * - `toBeMapiError(scode?)`: the value (or rejection, with `.rejects`) is a MapiError, with that scode;
 * - `toHaveProp(tag, value?)`: an SPropValue array or an IMAPIProp (await it) has the property, with that value;
 * - `toHaveRows(expected)`: a table (await it) or SRow[] has these rows, in order;
 * - `toMatchRestriction(res)`: an SPropValue array, SRow or IMAPIProp (await it) satisfies the restriction;
 * - `toHaveReceivedNotification(fnev, partial?)`: a NotificationRecorder or NOTIFICATION[] holds such a notification.
 */
export const mapiMatchers = {
  toBeMapiError(this: MatcherContext, received: unknown, scode?: number): MatcherResult {
    const isErr = received instanceof MapiError;
    const pass = isErr && (scode === undefined || received.scode === scode >>> 0);
    const want = scode === undefined ? 'a MapiError' : `MapiError ${scodeName(scode)}`;
    const got = isErr ? `MapiError ${received.name}: ${received.message}` : received instanceof Error ? `${received.name}: ${received.message}` : show(received);
    return { pass, message: () => (pass ? `expected not ${want}, got ${got}` : `expected ${want}, got ${got}`), actual: got, expected: want };
  },

  toHaveProp(this: MatcherContext, received: unknown, tag: number, ...rest: [PropValueData?]): MatcherResult | Promise<MatcherResult> {
    const hasExpected = rest.length > 0;
    if (Array.isArray(received)) return propResult(received as SPropValue[], tag, rest[0], hasExpected);
    if (isMapiProp(received)) {
      return received.getProps([tag]).then((props) => propResult(props, tag, rest[0], hasExpected));
    }
    return { pass: false, message: () => `toHaveProp expects an SPropValue[] or an IMAPIProp, got ${show(received)}` };
  },

  ...rowMatchers,
  ...notificationMatchers,
};

/** Matcher typings, merged into vitest's Assertion by `mapi-emu/vitest`. */
export interface MapiMatchers<R = unknown> {
  /** The value (or with `.rejects`, the rejection) is a MapiError, with `scode` when given. */
  toBeMapiError(scode?: number): R;
  /** The SPropValue array or IMAPIProp has the property, equal to `value` when given (await it for an IMAPIProp). */
  toHaveProp(tag: number, value?: PropValueData): R;
  /** The IMAPITable (await it) or SRow[] has exactly these rows in order, each compared on its listed properties: `[{ [PR_SUBJECT_W]: 'a' }]` or `[{ PR_SUBJECT_W: 'a' }]`. */
  toHaveRows(expected: readonly ExpectedRow[]): R;
  /** The SPropValue[], SRow or IMAPIProp (await it) satisfies the restriction. */
  toMatchRestriction(res: SRestriction): R;
  /** The NotificationRecorder, NOTIFICATION[] or mocked onNotify received a notification of type `fnev` containing `partial`. */
  toHaveReceivedNotification(fnev: number, partial?: Record<string, unknown>): R;
}
