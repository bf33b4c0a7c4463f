import type { FILETIME } from '../filetime.js';
import type { GUID } from '../guid.js';
import { PROP_TYPE } from '../tags.js';
import type { SPropValue } from '../types.js';
import { cstr } from './common.js';
import { stringSortKey } from './strings.js';
import { MV_FLAG } from '../../generated/constants.js';
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

/**
 * A precomputed sort key: a number, bigint or string compared with `<`, or an array of keys
 * compared element by element then by length. Keys of values of one type compare exactly as
 * {@link LPropCompareProp} compares the values; tables compute a key once per row instead of
 * re-running the comparison rules on every comparison.
 */
export type SortKeyValue = number | bigint | string | SortKeyValue[];

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function bytesKey(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += HEX[b[i] as number];
  return s;
}

/** The sort key of one value of a single-valued type. */
export function singleKey(type: number, v: unknown): SortKeyValue {
  switch (type) {
    case PT_I2:
    case PT_LONG:
    case PT_ERROR:
      return (v as number) | 0;
    case PT_R4:
      return doubleKey(Math.fround(v as number));
    case PT_DOUBLE:
    case PT_APPTIME:
      return doubleKey(v as number);
    case PT_CURRENCY:
    case PT_I8:
      return BigInt.asIntN(64, v as bigint);
    case PT_BOOLEAN:
      return v ? 1 : 0;
    case PT_STRING8:
    case PT_UNICODE:
      return stringSortKey(cstr(v as string));
    case PT_BINARY:
    case PT_SVREID:
      // Byte-wise, then the shorter first: the hex strings order the same way.
      return bytesKey(v as Uint8Array);
    case PT_SYSTIME:
      return (v as FILETIME).ticks;
    case PT_CLSID:
      return bytesKey((v as GUID).bytes);
    default:
      return 0;
  }
}

/** NaN after every number (compare.ts's order) and equal to NaN; -0 equals 0. Kept as NaN, handled by compareSortKeys. */
function doubleKey(x: number): number {
  return x === 0 ? 0 : x;
}

/** The sort key of a valid property value (see {@link SortKeyValue}). */
export function sortKeyOf(p: SPropValue): SortKeyValue {
  const type = PROP_TYPE(p.ulPropTag);
  if ((type & MV_FLAG) === 0) return singleKey(type, p.Value);
  const base = type & ~MV_FLAG & ~0x2000;
  return (p.Value as unknown[]).map((x) => singleKey(base, x));
}

/** Compares two sort keys of values of the same type: the sign LPropCompareProp gives the values. */
export function compareSortKeys(a: SortKeyValue, b: SortKeyValue): number {
  if (Array.isArray(a)) {
    const bb = b as SortKeyValue[];
    const n = Math.min(a.length, bb.length);
    for (let i = 0; i < n; i++) {
      const c = compareSortKeys(a[i] as SortKeyValue, bb[i] as SortKeyValue);
      if (c) return c;
    }
    return a.length < bb.length ? -1 : a.length > bb.length ? 1 : 0;
  }
  if (typeof a === 'number' && (Number.isNaN(a) || Number.isNaN(b as number))) {
    // NaN sorts after every number and equals NaN (compare.ts).
    return Number.isNaN(a) ? (Number.isNaN(b as number) ? 0 : 1) : -1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
