import { FILETIME } from '../props/filetime.js';
import { GUID } from '../props/guid.js';
import { PROP_TYPE } from '../props/tags.js';
import type { SPropValue } from '../props/types.js';

/**
 * A string that is equal for two values exactly when LPropCompareProp says they are equal
 * (same type, same value), used to find the category a row belongs to. Strings end at their
 * first NUL as in C; 0 and -0 are the same number; NaN equals NaN.
 */
export function valueKey(v: SPropValue | undefined): string {
  if (!v) return '\u0000missing';
  return `${PROP_TYPE(v.ulPropTag).toString(16)}:${scalarKey(v.Value)}`;
}

function scalarKey(x: unknown): string {
  if (typeof x === 'string') {
    const nul = x.indexOf('\u0000');
    return 's' + JSON.stringify(nul < 0 ? x : x.slice(0, nul));
  }
  if (typeof x === 'number') return Number.isNaN(x) ? 'nNaN' : 'n' + String(x === 0 ? 0 : x);
  if (typeof x === 'bigint') return 'i' + x.toString();
  if (typeof x === 'boolean') return x ? 'T' : 'F';
  if (x instanceof Uint8Array) {
    let s = 'b';
    for (const b of x) s += (b < 16 ? '0' : '') + b.toString(16);
    return s;
  }
  if (x instanceof FILETIME) return 't' + x.ticks.toString();
  if (x instanceof GUID) return 'g' + x.toString();
  if (Array.isArray(x)) return '[' + x.map(scalarKey).join(',') + ']';
  if (x === null || x === undefined) return 'null';
  return 'o' + JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
