/**
 * The mock controls of a subsystem (`mapi.mock`): msw-style handlers over every interface
 * call, a call log, the strategy for unimplemented methods, and virtual-time controls.
 *
 * Every public method of every object runs through `MapiUnknown.invoke`, which hands the call
 * to the subsystem's interceptor. These controls install themselves as that interceptor only
 * while they have something to do (a handler, recording, a non-default `onUnimplemented`), so
 * a subsystem without mocks pays one null check per call.
 */
import type { CallInterceptor, InterceptedCall } from '../props/MapiUnknown.js';
import type { Clock } from '../spi/clock.js';
import type { MockAnswer, MockHandler } from './handlers.js';
import { CallLog } from './CallLog.js';
import { matchesTarget } from './handlers.js';
import { EmulatorError, MapiError } from '../errors/MapiError.js';
import { FILETIME } from '../props/filetime.js';
import { supportMatrix } from '../support/matrix.js';
import { MAPI_E_NO_SUPPORT } from '../generated/scodes.js';

/**
 * What happens when client code calls a method the emulator does not implement (listed
 * `unsupported` in docs/supported.md):
 * - `'no-support'` [default]: it rejects with MAPI_E_NO_SUPPORT, as a provider without the feature does;
 * - `'warn'`: the same, after a `console.warn` naming the method (once per method);
 * - `'error'`: it throws an EmulatorError (`[mapi-emu] ... is not implemented`), failing the test loudly;
 * - a function: called with the call and `next` (the emulation); what it returns is the answer
 *   (a value resolves the call, a thrown MapiError rejects it).
 */
export type UnimplementedStrategy = 'error' | 'warn' | 'no-support' | ((call: InterceptedCall, next: () => Promise<unknown>) => unknown);

/** What the controls need from the subsystem. */
export interface MockHost {
  /** The subsystem's clock (delays wait on it). */
  readonly clock: Clock;
  /** The mock layer the subsystem routes calls to (set and cleared by the controls). */
  interceptor: CallInterceptor | null;
}

/** A clock that can run timers (VirtualClock). */
interface TimerClock extends Clock {
  setTimer(at: FILETIME, fn: () => void): () => void;
  advance(ms: number): void;
}

function isTimerClock(c: Clock): c is TimerClock {
  const t = c as Partial<TimerClock>;
  return typeof t.setTimer === 'function' && typeof t.advance === 'function';
}

/** Methods listed `unsupported` in the support matrix, as `Interface.method`. */
let unsupportedMethods: Set<string> | undefined;
function isUnimplemented(call: InterceptedCall): boolean {
  unsupportedMethods ??= new Set(supportMatrix.flatMap((e) => Object.entries(e.methods).filter(([, s]) => s.status === 'unsupported').map(([m]) => `${e.name}.${m}`)));
  return unsupportedMethods.has(`${call.interfaceName}.${call.method}`);
}

/** Lets every queued microtask and macrotask of this turn run (not a sleep: no time passes on a VirtualClock). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The mock controls of one subsystem: `use` handlers, read the call log, choose what
 * unimplemented methods do, move virtual time. Get them as `mapi.mock` (or `world.mock`).
 * @example
 * mapi.mock.use(onCall('IMAPITable.queryRows').nth(3).fail(MAPI_E_NETWORK_ERROR));
 * // ... run the client code ...
 * expect(mapi.mock.calls.count('IMAPITable.queryRows')).toBe(3);
 * mapi.mock.resetHandlers();
 */
export class MockControls implements CallInterceptor {
  /** The call log (filled while {@link recording} is on). */
  readonly calls = new CallLog();
  private handlers: MockHandler[] = [];
  private initial: MockHandler[] = [];
  private readonly counts = new Map<MockHandler, { matched: number; answered: number }>();
  private strategy: UnimplementedStrategy = 'no-support';
  private recordingOn = false;
  private readonly warned = new Set<string>();

  constructor(private readonly host: MockHost) {}

  /**
   * Adds handlers in front of the current ones (a later `use` wins over an earlier one; in one
   * call, the first listed wins), like msw's `server.use`. They stay until {@link resetHandlers}.
   */
  use(...handlers: MockHandler[]): void {
    for (const h of handlers) {
      if (!h || typeof h !== 'object' || !('answer' in h)) throw new TypeError('[mapi-emu] mock.use: expected handlers made with onCall(...)');
    }
    this.handlers = [...handlers, ...this.handlers];
    this.sync();
  }

  /**
   * Drops the handlers added by {@link use}, keeping the initial ones (their counts restart);
   * with arguments, they become the new initial handlers (msw's `resetHandlers(...next)`).
   */
  resetHandlers(...next: MockHandler[]): void {
    if (next.length) this.initial = [...next];
    this.handlers = [...this.initial];
    this.counts.clear();
    this.sync();
  }

  /** The active handlers, in the order they are tried. */
  listHandlers(): readonly MockHandler[] {
    return [...this.handlers];
  }

  /** True once `handler` has answered as many calls as it may (a `once`, `times(n)` or `nth` handler). */
  isUsed(handler: MockHandler): boolean {
    return (this.counts.get(handler)?.answered ?? 0) >= handler.times;
  }

  /** What unimplemented methods do (see {@link UnimplementedStrategy}) ['no-support']. */
  get onUnimplemented(): UnimplementedStrategy {
    return this.strategy;
  }

  set onUnimplemented(s: UnimplementedStrategy) {
    if (s !== 'error' && s !== 'warn' && s !== 'no-support' && typeof s !== 'function') {
      throw new TypeError(`[mapi-emu] onUnimplemented must be 'error', 'warn', 'no-support' or a function, got ${String(s)}`);
    }
    this.strategy = s;
    this.sync();
  }

  /** True while calls are logged in {@link calls}. */
  get recording(): boolean {
    return this.recordingOn;
  }

  /** Starts (`true`) or stops logging calls; stopping keeps what was logged. */
  record(on = true): void {
    this.recordingOn = on;
    this.sync();
  }

  /**
   * Moves a VirtualClock forward by `ms`: lets pending work reach its timers first, fires the
   * timers that fall due (mock delays, deferred deliveries) in time order, then lets their
   * continuations run. Rejects with an EmulatorError when the clock is not virtual.
   */
  async advanceTime(ms: number): Promise<void> {
    const clock = this.host.clock;
    if (!isTimerClock(clock)) throw new EmulatorError('mock.advanceTime needs a VirtualClock: create the subsystem with `clock: new VirtualClock()` (worlds have one)');
    await settle();
    clock.advance(ms);
    await settle();
  }

  /** Installs the controls as the subsystem's interceptor while they have work, and removes them otherwise. */
  private sync(): void {
    const active = this.handlers.length > 0 || this.recordingOn || this.strategy !== 'no-support';
    this.host.interceptor = active ? this : null;
  }

  /** The handler that answers `call`, counting matches; undefined to run the emulation. */
  private pick(call: InterceptedCall): MockHandler | undefined {
    for (const h of this.handlers) {
      if (!matchesTarget(h, call)) continue;
      let c = this.counts.get(h);
      if (c && c.answered >= h.times) continue;
      if (h.where) {
        let ok: boolean;
        try {
          ok = h.where(call.args, call);
        } catch (e) {
          throw new EmulatorError(`the where() predicate of mock handler ${h.toString()} threw: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (!ok) continue;
      }
      if (!c) this.counts.set(h, (c = { matched: 0, answered: 0 }));
      c.matched++;
      if (h.nth !== undefined && c.matched !== h.nth) continue;
      c.answered++;
      return h;
    }
    return undefined;
  }

  /** Runs an answer. */
  private answer(a: MockAnswer, call: InterceptedCall, next: () => Promise<unknown>): Promise<unknown> {
    switch (a.kind) {
      case 'value':
        return Promise.resolve(a.value);
      case 'error':
        return Promise.reject(new MapiError(a.scode, a.message ?? `${call.interfaceName}.${call.method}: injected by a mock handler`));
      case 'passthrough':
        return next();
      case 'resolver':
        try {
          return Promise.resolve(a.resolve(call, next));
        } catch (e) {
          return Promise.reject(e);
        }
      case 'delay': {
        const clock = this.host.clock;
        const wait = new Promise<void>((resolve) => {
          // Registered synchronously, so `clock.advance` right after the call fires it.
          if (isTimerClock(clock)) clock.setTimer(new FILETIME(clock.now().ticks + BigInt(Math.round(a.ms * 10000))), resolve);
          else setTimeout(resolve, a.ms);
        });
        return wait.then(() => this.answer(a.then, call, next));
      }
    }
  }

  private unimplemented(call: InterceptedCall, next: () => Promise<unknown>): Promise<unknown> {
    const s = this.strategy;
    const name = `${call.interfaceName}.${call.method}`;
    if (s === 'error') {
      return Promise.reject(new EmulatorError(`${name} is not implemented by the emulator (see docs/supported.md); set onUnimplemented to 'no-support' to get MAPI_E_NO_SUPPORT instead, or answer it with a mock handler`));
    }
    if (s === 'warn') {
      if (!this.warned.has(name)) {
        this.warned.add(name);
        console.warn(`[mapi-emu] ${name} is not implemented by the emulator; it answers MAPI_E_NO_SUPPORT (see docs/supported.md)`);
      }
      return Promise.reject(new MapiError(MAPI_E_NO_SUPPORT, `${name}: not implemented by the emulator`));
    }
    if (s === 'no-support') return next();
    try {
      return Promise.resolve(s(call, next));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** The interceptor: answers with a handler, the unimplemented strategy or the emulation, and logs. @internal */
  intercept<T>(call: InterceptedCall, next: () => Promise<T>): Promise<T> {
    const entry = this.recordingOn ? this.calls.start(call, this.host.clock.now()) : undefined;
    let p: Promise<unknown>;
    try {
      const h = this.handlers.length ? this.pick(call) : undefined;
      if (h && entry) entry.handledBy = h;
      p = h ? this.answer(h.answer, call, next) : this.strategy !== 'no-support' && isUnimplemented(call) ? this.unimplemented(call, next) : next();
    } catch (e) {
      p = Promise.reject(e);
    }
    if (!entry) return p as Promise<T>;
    return p.then(
      (result) => {
        CallLog.settle(entry, this.host.clock.now(), { result });
        return result as T;
      },
      (error: unknown) => {
        CallLog.settle(entry, this.host.clock.now(), { error });
        throw error;
      },
    );
  }
}
