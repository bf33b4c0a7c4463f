/**
 * The JSON of the store's small files (store and folder files): tagged leaves for the value
 * types JSON lacks, so property values round-trip exactly (type and value).
 */
import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA } from '../../core/generated/scodes.js';
import { FILETIME } from '../../core/props/filetime.js';
import { GUID } from '../../core/props/guid.js';
import type { SPropValue } from '../../core/props/types.js';
import type { PropMap } from '../../core/spi/store.js';
import { PROP_ID } from '../../core/props/tags.js';

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Encodes a value graph (SPropValues, records, restrictions) as JSON: Uint8Array → {$bin},
 * bigint → {$big}, FILETIME → {$ft}, GUID → {$guid}, -0 / NaN / ±Infinity → {$num},
 * undefined dropped.
 */
export function encodeJson(v: unknown): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : { $num: Object.is(v, -0) ? '-0' : String(v) };
  if (typeof v === 'bigint') return { $big: v.toString() };
  if (v instanceof Uint8Array) return { $bin: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (v instanceof FILETIME) return { $ft: v.ticks.toString() };
  if (v instanceof GUID) return { $guid: v.toString() };
  if (Array.isArray(v)) return v.map(encodeJson);
  if (typeof v === 'object' && !(v instanceof Map)) {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) out[k] = encodeJson(x);
    return out;
  }
  throw new MapiError(MAPI_E_CORRUPT_DATA, `[mapi-emu] msg store: cannot store a ${typeof v} value`);
}

/** Reverses {@link encodeJson}. */
export function decodeJson(j: Json): unknown {
  if (j === null || typeof j !== 'object') return j;
  if (Array.isArray(j)) return j.map(decodeJson);
  const keys = Object.keys(j);
  if (keys.length === 1) {
    const k = keys[0] as string;
    const x = j[k];
    if (typeof x === 'string') {
      if (k === '$big') return BigInt(x);
      if (k === '$num') return x === '-0' ? -0 : Number(x);
      if (k === '$bin') return new Uint8Array(Buffer.from(x, 'base64'));
      if (k === '$ft') return new FILETIME(BigInt(x));
      if (k === '$guid') return GUID.parse(x);
    }
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = decodeJson(j[k] as Json);
  return out;
}

/** A property map as JSON: its values in order. */
export function encodeProps(props: PropMap): Json {
  return encodeJson([...props.values()]);
}

/** Reverses {@link encodeProps}. */
export function decodeProps(j: Json | undefined): PropMap {
  const out: PropMap = new Map();
  if (!Array.isArray(j)) return out;
  for (const v of decodeJson(j) as SPropValue[]) {
    if (v && typeof v === 'object' && typeof v.ulPropTag === 'number') out.set(PROP_ID(v.ulPropTag), v);
  }
  return out;
}
