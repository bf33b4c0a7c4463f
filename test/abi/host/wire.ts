/**
 * The values that cross between the fake MAPI (main thread) and the emulator host (worker):
 * structured clone keeps numbers, bigints, strings, Uint8Arrays, arrays and plain objects;
 * FILETIME and GUID are tagged so each side rebuilds its own class; emulator objects travel
 * as handle references, advise sinks as sink references.
 */
import { FILETIME } from '../../../src/core/props/filetime.js';
import { GUID } from '../../../src/core/props/guid.js';

/** An emulator object on the host, by handle. */
export interface ObjRef {
  $obj: number;
  /** The interface the object implements (its most derived one). */
  iface: string;
}

/** An advise sink living on the main thread. */
export interface SinkRef {
  $sink: number;
}

/** A request from the fake to the host. */
export type HostRequest =
  | { op: 'reset'; seed: number }
  | { op: 'global'; m: string; a: unknown[] }
  | { op: 'call'; h: number; m: string; a: unknown[]; back?: number }
  | { op: 'release'; h: number }
  | { op: 'flush' }
  | { op: 'stats' };

/** One batch of notifications for a main-thread sink. */
export interface SinkDelivery {
  sink: number;
  notifications: unknown[];
}

/**
 * The host's answer. `b` is argument `back` of a call after it ran (in/out arguments such as
 * an ADRLIST the emulator completes in place), sent whether the call succeeded or failed.
 */
export type HostReply =
  | { ok: true; v: unknown; n: SinkDelivery[]; b?: unknown }
  | { ok: false; scode: number; message: string; n: SinkDelivery[]; b?: unknown };

/** Encodes a value for the other side; `ref` turns objects the codec does not know (emulator objects) into references. */
export function toWire(v: unknown, ref: (o: object) => unknown): unknown {
  if (v === null || v === undefined || typeof v !== 'object') return v;
  if (v instanceof FILETIME) return { $ft: v.ticks };
  if (v instanceof GUID) return { $guid: Uint8Array.from(v.bytes) };
  if (v instanceof Uint8Array) return v;
  // Plain loops: every row of a row set crosses here (a closure or entry array per value shows in the benchmarks).
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = toWire(v[i], ref);
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return ref(v);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = toWire((v as Record<string, unknown>)[k], ref);
  return out;
}

/** Decodes a value from the other side; `deref` turns references ($obj, $sink, $ref) into local objects. */
export function fromWire(v: unknown, deref: (r: Record<string, unknown>) => unknown): unknown {
  if (v === null || v === undefined || typeof v !== 'object') return v;
  if (v instanceof Uint8Array) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = fromWire(v[i], deref);
    return out;
  }
  const o = v as Record<string, unknown>;
  if ('$ft' in o) return new FILETIME(o['$ft'] as bigint);
  if ('$guid' in o) return new GUID(o['$guid'] as Uint8Array);
  if ('$obj' in o || '$sink' in o || '$ref' in o) return deref(o);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = fromWire(o[k], deref);
  return out;
}
