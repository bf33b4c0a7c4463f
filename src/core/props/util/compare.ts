import type { FILETIME } from '../filetime.js';
import type { GUID } from '../guid.js';
import { PROP_TYPE } from '../tags.js';
import type { SPropValue } from '../types.js';
import { cstr, invalidParameter, tagOf } from './common.js';
import { compareStringsLinguistic } from './strings.js';
import { FBadProp, isGoodValue } from './validate.js';
import { compareSortKeys, sortKeyOf } from './sortKey.js';
import { MV_FLAG, RELOP_LT, RELOP_LE, RELOP_GT, RELOP_GE, RELOP_EQ, RELOP_NE, RELOP_RE } from '../../generated/constants.js';
import {
  PT_I2,
  PT_LONG,
  PT_R4,
  PT_DOUBLE,
  PT_CURRENCY,
  PT_APPTIME,
  PT_ERROR,
  PT_BOOLEAN,
  PT_I8,
  PT_STRING8,
  PT_UNICODE,
  PT_SYSTIME,
  PT_CLSID,
  PT_SVREID,
  PT_BINARY,
} from '../../generated/proptypes.js';

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

// Deviation (docs/deviations.md): in C, NaN compares neither greater nor equal, so native
// returns "less" for NaN on either side. A total order needs NaN somewhere: after every number.
function compareDoubles(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  return a > b ? 1 : a === b ? 0 : -1; // -0 === 0, as in C
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  // Wine's LPropCompareProp: memcmp over the shorter length, then the shorter value first.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number) ? -1 : 1;
  return sign(a.length - b.length);
}

/** Compares two valid single values of base type `type`. Types with no order compare equal. */
function compareSingle(type: number, a: unknown, b: unknown): number {
  switch (type) {
    case PT_I2:
    case PT_LONG:
    case PT_ERROR:
      // A LONG / SCODE is signed: 0xFFFFFFFF and -1 are the same bits.
      return sign(((a as number) | 0) - ((b as number) | 0));
    case PT_R4:
      return compareDoubles(Math.fround(a as number), Math.fround(b as number));
    case PT_DOUBLE:
    case PT_APPTIME:
      return compareDoubles(a as number, b as number);
    case PT_CURRENCY:
    case PT_I8: {
      const x = BigInt.asIntN(64, a as bigint);
      const y = BigInt.asIntN(64, b as bigint);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case PT_BOOLEAN:
      // lpropcompareprop.md: Boolean has no intrinsic order, only a consistent non-zero value.
      // Native normalises to 0/1 (Wine's test: b=1 and b=2 are equal), so FALSE < TRUE.
      return Number(a as boolean) - Number(b as boolean);
    case PT_STRING8:
    case PT_UNICODE:
      return compareStringsLinguistic(a as string, b as string);
    case PT_BINARY:
    case PT_SVREID:
      return compareBytes(a as Uint8Array, b as Uint8Array);
    case PT_SYSTIME:
      return (a as FILETIME).compare(b as FILETIME);
    case PT_CLSID:
      // memcmp of the 16 bytes in memory order (Data1..Data3 little-endian).
      return compareBytes((a as GUID).bytes, (b as GUID).bytes);
    default:
      // PT_NULL, PT_UNSPECIFIED, PT_OBJECT, PT_SRESTRICTION, PT_ACTIONS: no value to order.
      return 0;
  }
}

/**
 * Compares two property values: negative, zero or positive as `lpSPropValueA` is less than,
 * equal to or greater than `lpSPropValueB`. Values of different types are ordered by type
 * (the difference of the types, as Wine). Per type: numbers numerically (signed), PT_R4 in
 * single precision, PT_I8/PT_CURRENCY as signed 64-bit, FALSE < TRUE, strings in lstrcmp order
 * (case-sensitive, see `compareStringsLinguistic`), binaries byte-wise then shorter first,
 * FILETIME by ticks, GUIDs by memcmp, MV values element by element then fewer first.
 * Throws MapiError(MAPI_E_INVALID_PARAMETER) for something that is not an SPropValue whose
 * value fits its type (native would crash).
 * @see lpropcompareprop.md
 */
export function LPropCompareProp(lpSPropValueA: SPropValue, lpSPropValueB: SPropValue): number {
  const ta = tagOf(lpSPropValueA);
  const tb = tagOf(lpSPropValueB);
  if (ta === undefined || tb === undefined) throw invalidParameter('LPropCompareProp', 'both arguments must be SPropValues');
  const type = PROP_TYPE(ta);
  // lpropcompareprop.md: use only on equal types; native then orders by type.
  if (type !== PROP_TYPE(tb)) return type - PROP_TYPE(tb);
  const a: unknown = lpSPropValueA.Value;
  const b: unknown = lpSPropValueB.Value;
  if (!isGoodValue(type, a) || !isGoodValue(type, b)) {
    throw invalidParameter('LPropCompareProp', `a value does not match its type in tag 0x${ta.toString(16)}`);
  }
  if ((type & MV_FLAG) === 0) return compareSingle(type, a, b);
  // Deviation: Wine returns 0 for every MV type (FIXME); native is undocumented. We order MV
  // values lexicographically so that sorting and RELOP_* on MV properties are meaningful.
  const base = type & ~MV_FLAG;
  const xs = a as unknown[];
  const ys = b as unknown[];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const c = compareSingle(base, xs[i], ys[i]);
    if (c !== 0) return c;
  }
  return sign(xs.length - ys.length);
}

function matchesPattern(value: SPropValue, pattern: SPropValue): boolean {
  const type = PROP_TYPE(value.ulPropTag);
  if (type !== PT_STRING8 && type !== PT_UNICODE) return false;
  try {
    return new RegExp(cstr(pattern.Value as string)).test(cstr(value.Value as string));
  } catch {
    return false; // not a valid pattern: the relation does not hold
  }
}

/**
 * Tests `lpSPropValue1 ulRelOp lpSPropValue2` with RELOP_LT, _LE, _GT, _GE, _EQ, _NE (built on
 * {@link LPropCompareProp}) or RELOP_RE. FALSE when either value is bad (FBadProp), when the
 * types differ (fpropcompareprop.md: FALSE even for RELOP_NE), or for an unknown relop.
 * RELOP_RE ("LIKE (regular expression)", spropertyrestriction.md) is defined here for string
 * types only: value 1 matches the JS regular expression in value 2, anywhere in the string.
 * @see fpropcompareprop.md
 */
export function FPropCompareProp(lpSPropValue1: SPropValue, ulRelOp: number, lpSPropValue2: SPropValue): boolean {
  if (FBadProp(lpSPropValue1)) return false;
  return prepareCompare(ulRelOp, lpSPropValue2)(lpSPropValue1);
}

/** Whether a comparison result satisfies a relop (RELOP_LT .. RELOP_NE). */
function holds(c: number, ulRelOp: number): boolean {
  switch (ulRelOp) {
    case RELOP_LT:
      return c < 0;
    case RELOP_LE:
      return c <= 0;
    case RELOP_GT:
      return c > 0;
    case RELOP_GE:
      return c >= 0;
    case RELOP_EQ:
      return c === 0;
    default:
      return c !== 0;
  }
}

/**
 * FPropCompareProp with the relop and the right-hand value fixed: `(v) => v ulRelOp value`.
 * The constant is checked once; for types other than strings its sort key is computed once
 * and each value's key compared with it (sortKey.ts: keys order exactly as LPropCompareProp),
 * so a restriction testing many rows does no per-row validation or dispatch. The returned
 * test expects a valid value (FPropCompareProp checks it with FBadProp first).
 * @see fpropcompareprop.md
 */
export function prepareCompare(ulRelOp: number, lpSPropValue2: SPropValue): (lpSPropValue1: SPropValue) => boolean {
  if (FBadProp(lpSPropValue2)) return () => false;
  const type = PROP_TYPE(lpSPropValue2.ulPropTag);
  if (ulRelOp === RELOP_RE) return (v) => PROP_TYPE(v.ulPropTag) === type && matchesPattern(v, lpSPropValue2);
  if (ulRelOp !== RELOP_LT && ulRelOp !== RELOP_LE && ulRelOp !== RELOP_GT && ulRelOp !== RELOP_GE && ulRelOp !== RELOP_EQ && ulRelOp !== RELOP_NE) {
    return () => false;
  }
  if (type !== PT_STRING8 && type !== PT_UNICODE && (type & MV_FLAG) === 0) {
    const key = sortKeyOf(lpSPropValue2);
    return (v) => PROP_TYPE(v.ulPropTag) === type && holds(compareSortKeys(sortKeyOf(v), key), ulRelOp);
  }
  return (v) => PROP_TYPE(v.ulPropTag) === type && holds(LPropCompareProp(v, lpSPropValue2), ulRelOp);
}

