/**
 * Mock handlers, in the style of msw's request handlers: each one matches interface calls
 * (interface + method + an argument predicate) and answers them with a value, an scode, a
 * delay in virtual time, or by passing the call through to the emulation. Built with
 * {@link onCall}; installed with `mapi.mock.use(...)`.
 */
import type { InterceptedCall } from '../props/MapiUnknown.js';
import { MapiError } from '../errors/MapiError.js';

/** What a handler does with a call it matched. */
export type MockAnswer =
  /** Resolve with this value instead of running the emulation. */
  | { readonly kind: 'value'; readonly value: unknown }
  /** Reject with `MapiError(scode)` instead of running the emulation. */
  | { readonly kind: 'error'; readonly scode: number; readonly message?: string }
  /** Wait `ms` milliseconds of the subsystem's clock (virtual time with a VirtualClock), then answer with `then`. */
  | { readonly kind: 'delay'; readonly ms: number; readonly then: MockAnswer }
  /** Run the emulation (the call is still logged and counted). */
  | { readonly kind: 'passthrough' }
  /** Compute the answer: `next()` runs the emulation, so a resolver can change its result. */
  | { readonly kind: 'resolver'; readonly resolve: MockResolver };

/** A resolver function: answers `call` itself, or awaits `next()` (the emulation) and returns that or something else. */
export type MockResolver = (call: InterceptedCall, next: () => Promise<unknown>) => unknown;

/** A `Interface.method` pattern; `*` matches any interface or any method (`'*.getProps'`, `'IMAPITable.*'`). */
export type CallPattern = `${string}.${string}`;

/** One installed rule of the mock layer. Make it with {@link onCall}. */
export interface MockHandler {
  /** The interface name matched, or `*`. */
  readonly interfaceName: string;
  /** The method matched, or `*`. */
  readonly method: string;
  /** Further condition on the arguments (and the call), or undefined for any. */
  readonly where: ((args: readonly unknown[], call: InterceptedCall) => boolean) | undefined;
  /** Only the nth matching call (1-based) is answered; earlier ones pass by (undefined: from the first). */
  readonly nth: number | undefined;
  /** How many calls the handler answers before it is used up (Infinity: no limit). */
  readonly times: number;
  /** The answer. */
  readonly answer: MockAnswer;
  /** A readable description: `IMAPITable.queryRows (3rd call) → MAPI_E_NETWORK_ERROR`. */
  toString(): string;
}

/** A handler under construction: narrow it, then finish it with an answer. */
export interface MockHandlerBuilder {
  /** Only calls whose arguments satisfy `predicate`. */
  where(predicate: (args: readonly unknown[], call: InterceptedCall) => boolean): MockHandlerBuilder;
  /** Only the first matching call. */
  once(): MockHandlerBuilder;
  /** Only the first `n` matching calls. */
  times(n: number): MockHandlerBuilder;
  /** Only the nth matching call (1-based): `nth(3)` fails the third queryRows and lets the others run. */
  nth(n: number): MockHandlerBuilder;
  /** Answers with `value` (the resolved value of the method). */
  reply(value: unknown): MockHandler;
  /** Answers with a rejection `MapiError(scode, message)`: fault injection. */
  fail(scode: number, message?: string): MockHandler;
  /** Waits `ms` of the subsystem's clock, then answers with `then` [passes through]. */
  delay(ms: number, then?: MockAnswer | MockHandler): MockHandler;
  /** Lets the call through to the emulation (useful with `once` before a broader handler, or to log only). */
  passthrough(): MockHandler;
  /** Answers with whatever `resolver` returns; `next()` runs the emulation. */
  respond(resolver: MockResolver): MockHandler;
}

interface Spec {
  interfaceName: string;
  method: string;
  where: MockHandler['where'];
  nth: number | undefined;
  times: number;
}

function checkCount(what: string, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`[mapi-emu] onCall(...).${what}: expected a positive integer, got ${String(n)}`);
  return n;
}

/** A short description of an answer, for handler descriptions and the call log. */
export function describeAnswer(a: MockAnswer): string {
  switch (a.kind) {
    case 'value':
      return 'reply';
    case 'error':
      return new MapiError(a.scode).name;
    case 'delay':
      return `delay ${a.ms} ms, then ${describeAnswer(a.then)}`;
    case 'passthrough':
      return 'passthrough';
    case 'resolver':
      return 'resolver';
  }
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

function build(spec: Spec): MockHandlerBuilder {
  const finish = (answer: MockAnswer): MockHandler => ({
    ...spec,
    answer,
    toString() {
      const which = spec.nth !== undefined ? ` (${ordinal(spec.nth)} call)` : spec.times !== Infinity ? ` (${spec.times}×)` : '';
      return `${spec.interfaceName}.${spec.method}${spec.where ? ' where …' : ''}${which} → ${describeAnswer(answer)}`;
    },
  });
  return {
    where: (predicate) => {
      if (typeof predicate !== 'function') throw new TypeError('[mapi-emu] onCall(...).where: expected a function (args, call) => boolean');
      const prev = spec.where;
      return build({ ...spec, where: prev ? (args, call) => prev(args, call) && predicate(args, call) : predicate });
    },
    once: () => build({ ...spec, times: 1 }),
    times: (n) => build({ ...spec, times: checkCount('times', n) }),
    nth: (n) => build({ ...spec, nth: checkCount('nth', n), times: 1 }),
    reply: (value) => finish({ kind: 'value', value }),
    fail: (scode, message) => {
      if (typeof scode !== 'number') throw new TypeError('[mapi-emu] onCall(...).fail: expected an scode number such as MAPI_E_NETWORK_ERROR');
      return finish(message === undefined ? { kind: 'error', scode } : { kind: 'error', scode, message });
    },
    delay: (ms, then) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('[mapi-emu] onCall(...).delay: ms must be a non-negative number');
      const next: MockAnswer = then === undefined ? { kind: 'passthrough' } : 'answer' in then ? then.answer : then;
      return finish({ kind: 'delay', ms, then: next });
    },
    passthrough: () => finish({ kind: 'passthrough' }),
    respond: (resolve) => {
      if (typeof resolve !== 'function') throw new TypeError('[mapi-emu] onCall(...).respond: expected a function (call, next) => answer');
      return finish({ kind: 'resolver', resolve });
    },
  };
}

/**
 * Starts a mock handler for calls of `pattern` (`'IMAPITable.queryRows'`, `'*.getProps'`,
 * `'IMessage.*'`). Finish it with an answer and install it with `mapi.mock.use(...)`
 * (or `world.mock.use(...)`).
 * @example
 * world.mock.use(
 *   onCall('IMAPITable.queryRows').nth(3).fail(MAPI_E_NETWORK_ERROR),
 *   onCall('IMessage.submitMessage').fail(MAPI_E_TIMEOUT),
 *   onCall('IMAPIFolder.getContentsTable').delay(5_000),
 * );
 */
export function onCall(pattern: CallPattern): MockHandlerBuilder {
  const dot = typeof pattern === 'string' ? pattern.indexOf('.') : -1;
  if (dot <= 0 || dot === pattern.length - 1) {
    throw new TypeError(`[mapi-emu] onCall: expected 'Interface.method' (such as 'IMAPITable.queryRows' or '*.getProps'), got ${JSON.stringify(pattern)}`);
  }
  return build({ interfaceName: pattern.slice(0, dot), method: pattern.slice(dot + 1), where: undefined, nth: undefined, times: Infinity });
}

/** Answer helpers for `delay(ms, then)` and resolvers: `answers.fail(MAPI_E_TIMEOUT)`. */
export const answers = {
  /** Resolve with `value`. */
  reply: (value: unknown): MockAnswer => ({ kind: 'value', value }),
  /** Reject with `MapiError(scode)`. */
  fail: (scode: number, message?: string): MockAnswer => (message === undefined ? { kind: 'error', scode } : { kind: 'error', scode, message }),
  /** Run the emulation. */
  passthrough: (): MockAnswer => ({ kind: 'passthrough' }),
} as const;

/** True when `h` matches the call's interface and method (not yet its predicate). */
export function matchesTarget(h: MockHandler, call: InterceptedCall): boolean {
  return (h.interfaceName === '*' || h.interfaceName === call.interfaceName) && (h.method === '*' || h.method === call.method);
}
