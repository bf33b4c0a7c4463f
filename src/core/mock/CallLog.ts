/**
 * The call log of the mock layer: every interface call of a subsystem, with its arguments,
 * its outcome and the virtual time it started and ended, for assertions in tests.
 */
import type { FILETIME } from '../props/filetime.js';
import type { IUnknown } from '../props/interfaces.js';
import type { CallPattern, MockHandler } from './handlers.js';
import { MapiError } from '../errors/MapiError.js';

/** One logged interface call. */
export interface LoggedCall {
  /** Position in the log, from 1. */
  readonly seq: number;
  /** The MAPI interface name of the object called (`IMAPITable`). */
  readonly interfaceName: string;
  /** The camelCase method name (`queryRows`). */
  readonly method: string;
  /** The arguments as passed. */
  readonly args: readonly unknown[];
  /** The object called. */
  readonly target: IUnknown;
  /** The subsystem's clock when the call started. */
  readonly time: FILETIME;
  /** `pending` until the call settles. */
  readonly status: 'pending' | 'resolved' | 'rejected';
  /** The resolved value (status `resolved`). */
  readonly result?: unknown;
  /** The rejection (status `rejected`): a MapiError for MAPI failures. */
  readonly error?: unknown;
  /** The scode of a MapiError rejection (S_OK 0 when resolved). */
  readonly scode?: number;
  /** The clock when the call settled. */
  readonly endTime?: FILETIME;
  /** The handler that answered the call, undefined when the emulation did. */
  readonly handledBy?: MockHandler;
}

/** A filter of {@link CallLog} queries: a pattern (`'IMAPITable.queryRows'`, `'*.getProps'`) or fields. */
export type CallQuery =
  | CallPattern
  | {
      /** Interface name (or `*`). */
      interfaceName?: string;
      /** Method name (or `*`). */
      method?: string;
      /** Outcome. */
      status?: LoggedCall['status'];
      /** Rejected with this scode. */
      scode?: number;
      /** Any further condition. */
      where?: (call: LoggedCall) => boolean;
    };

/** Mutable form of a log entry, kept inside the log. */
type Entry = { -readonly [K in keyof LoggedCall]: LoggedCall[K] };

function matcher(q: CallQuery | undefined): (c: LoggedCall) => boolean {
  if (q === undefined) return () => true;
  if (typeof q === 'string') {
    const dot = q.indexOf('.');
    const i = q.slice(0, dot);
    const m = q.slice(dot + 1);
    return (c) => (i === '*' || c.interfaceName === i) && (m === '*' || c.method === m);
  }
  return (c) =>
    (q.interfaceName === undefined || q.interfaceName === '*' || c.interfaceName === q.interfaceName) &&
    (q.method === undefined || q.method === '*' || c.method === q.method) &&
    (q.status === undefined || c.status === q.status) &&
    (q.scode === undefined || (c.status === 'rejected' && c.scode === q.scode >>> 0)) &&
    (q.where === undefined || q.where(c));
}

/**
 * The calls a subsystem's objects received while recording was on (`mapi.mock.record(true)`;
 * worlds record from the start), oldest first.
 * @example
 * expect(world.mock.calls.count('IMAPITable.queryRows')).toBe(3);
 * expect(world.mock.calls.last('IMessage.submitMessage')?.scode).toBe(MAPI_E_TIMEOUT);
 */
export class CallLog {
  private readonly entries: Entry[] = [];
  private seq = 0;

  /** Every logged call, or those matching `query`, oldest first. */
  list(query?: CallQuery): LoggedCall[] {
    const m = matcher(query);
    return this.entries.filter(m);
  }

  /** How many logged calls match `query`. */
  count(query?: CallQuery): number {
    const m = matcher(query);
    let n = 0;
    for (const e of this.entries) if (m(e)) n++;
    return n;
  }

  /** The first matching call, or undefined. */
  first(query?: CallQuery): LoggedCall | undefined {
    return this.entries.find(matcher(query));
  }

  /** The latest matching call, or undefined. */
  last(query?: CallQuery): LoggedCall | undefined {
    const m = matcher(query);
    for (let i = this.entries.length - 1; i >= 0; i--) if (m(this.entries[i] as Entry)) return this.entries[i];
    return undefined;
  }

  /** Number of logged calls. */
  get size(): number {
    return this.entries.length;
  }

  /** Forgets every logged call. */
  clear(): void {
    this.entries.length = 0;
  }

  /** One line per call: `#3 IMAPITable.queryRows(10, 0) → MAPI_E_NETWORK_ERROR [handler]`. */
  toString(query?: CallQuery): string {
    return this.list(query).map(describeCall).join('\n');
  }

  /** Logs the start of a call (internal: the mock layer). */
  start(call: { interfaceName: string; method: string; args: readonly unknown[]; target: IUnknown }, time: FILETIME): Entry {
    const e: Entry = { seq: ++this.seq, interfaceName: call.interfaceName, method: call.method, args: call.args, target: call.target, time, status: 'pending' };
    this.entries.push(e);
    return e;
  }

  /** Records how a call ended (internal: the mock layer). */
  static settle(e: Entry, time: FILETIME, outcome: { result: unknown } | { error: unknown }): void {
    e.endTime = time;
    if ('result' in outcome) {
      e.status = 'resolved';
      e.result = outcome.result;
      e.scode = 0;
    } else {
      e.status = 'rejected';
      e.error = outcome.error;
      if (outcome.error instanceof MapiError) e.scode = outcome.error.scode;
    }
  }
}

function shortArg(a: unknown): string {
  if (a === null || a === undefined) return String(a);
  if (typeof a === 'number') return Number.isInteger(a) && a > 0xffff ? `0x${(a >>> 0).toString(16)}` : String(a);
  if (typeof a === 'string') return JSON.stringify(a.length > 30 ? `${a.slice(0, 30)}…` : a);
  if (typeof a === 'bigint' || typeof a === 'boolean') return String(a);
  if (a instanceof Uint8Array) return `<${a.length} bytes>`;
  if (Array.isArray(a)) return `[${a.length}]`;
  if (typeof a === 'function') return 'fn';
  return '{…}';
}

/** A readable one-line description of a logged call. */
export function describeCall(c: LoggedCall): string {
  const outcome = c.status === 'pending' ? 'pending' : c.status === 'resolved' ? 'ok' : c.error instanceof MapiError ? c.error.name : String(c.error);
  return `#${c.seq} ${c.interfaceName}.${c.method}(${c.args.map(shortArg).join(', ')}) → ${outcome}${c.handledBy ? ` [${c.handledBy.toString()}]` : ''}`;
}
