// The overlay's sidecar file: JSON with tagged leaves for the value types JSON lacks.
import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA } from '../../core/generated/scodes.js';
import { FILETIME } from '../../core/props/filetime.js';
import { GUID } from '../../core/props/guid.js';

/** Format tag of the sidecar file, checked on load. */
export const SIDECAR_FORMAT = 'mapi-emu/pst-overlay@1';

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * Encodes a value graph (SPropValues, records, restrictions) as JSON: Uint8Array → {$bin},
 * bigint → {$big}, FILETIME → {$ft}, GUID → {$guid}, Map → {$map}, undefined dropped.
 */
export function encodeJson(v: unknown): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $num: String(v) };
  if (typeof v === 'bigint') return { $big: v.toString() };
  if (v instanceof Uint8Array) return { $bin: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (v instanceof FILETIME) return { $ft: v.ticks.toString() };
  if (v instanceof GUID) return { $guid: v.toString() };
  if (v instanceof Map) return { $map: [...v].map(([k, x]) => [encodeJson(k), encodeJson(x)]) };
  if (Array.isArray(v)) return v.map(encodeJson);
  if (typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) out[k] = encodeJson(x);
    return out;
  }
  throw new MapiError(MAPI_E_CORRUPT_DATA, `[mapi-emu] PST overlay: cannot store a ${typeof v} value`);
}

/** Reverses {@link encodeJson}. */
export function decodeJson(j: Json): unknown {
  if (j === null || typeof j !== 'object') return j;
  if (Array.isArray(j)) return j.map(decodeJson);
  const keys = Object.keys(j);
  if (keys.length === 1) {
    const k = keys[0] as string;
    const x = j[k];
    if (k === '$big' && typeof x === 'string') return BigInt(x);
    if (k === '$num' && typeof x === 'string') return Number(x);
    if (k === '$bin' && typeof x === 'string') return new Uint8Array(Buffer.from(x, 'base64'));
    if (k === '$ft' && typeof x === 'string') return new FILETIME(BigInt(x));
    if (k === '$guid' && typeof x === 'string') return GUID.parse(x);
    if (k === '$map' && Array.isArray(x)) return new Map(x.map((e) => (Array.isArray(e) ? [decodeJson(e[0] as Json), decodeJson(e[1] as Json)] : [undefined, undefined])));
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = decodeJson(j[k] as Json);
  return out;
}
