import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NotificationHub } from '../../../src/core/notify/NotificationHub.js';
import { ManualScheduler } from '../../../src/core/notify/scheduler.js';
import type { NOTIFICATION } from '../../../src/core/notify/types.js';
import { allEventTypes, macrotask, makeNotification, seqOf } from './helpers.js';
import { fnevExtended, fnevNewMail, fnevObjectModified, fnevTableModified } from '../../../src/core/generated/constants.js';

/**
 * Model-based test of delivery: random interleavings of advise, unadvise, notify, scheduler
 * ticks and flushes, with sinks that answer synchronously or after random delays, that
 * publish more from inside onNotify, or that unadvise themselves. Invariant: each sink gets
 * exactly the notifications published to its source, matching its mask (and filter), while
 * it was advised, in publication order, one batch at a time.
 */

const SOURCES = 2;
/** Seqs of notifications a sink publishes from inside onNotify; they are never echoed again. */
const ECHO_BASE = 1_000_000;

interface SinkSpec {
  source: number;
  mask: number;
  synchronous: boolean;
  evenOnly: boolean;
  /** Per batch: 0 = return at once, n > 0 = resolve after n steps (odd: microtasks, even: macrotasks). */
  delays: number[];
  /** Publish the batch's original notifications again to this source, once. */
  echoTo: number | null;
  /** Unadvise itself from inside its n-th batch. */
  unadviseAfter: number | null;
}

interface SinkState {
  spec: SinkSpec;
  conn: number;
  expected: number[];
  received: number[];
  batches: number;
  active: boolean;
  overlapped: boolean;
  /** received.length when unadvise returned; nothing may arrive after it. */
  frozenAt: number | null;
}

class World {
  readonly scheduler = new ManualScheduler();
  readonly hub: NotificationHub;
  readonly sources = Array.from({ length: SOURCES }, (_, i) => ({ name: `source ${i}` }));
  readonly sinks: SinkState[] = [];
  readonly errors: unknown[] = [];
  private seq = 0;
  private echoSeq = ECHO_BASE;

  constructor(readonly manual: boolean) {
    this.hub = new NotificationHub({ scheduler: manual ? this.scheduler : undefined, onSinkError: (e) => this.errors.push(e) });
  }

  live(): SinkState[] {
    return this.sinks.filter((s) => s.frozenAt === null);
  }

  advise(spec: SinkSpec): SinkState {
    const state: SinkState = { spec, conn: 0, expected: [], received: [], batches: 0, active: false, overlapped: false, frozenAt: null };
    const onNotify = (batch: NOTIFICATION[]): void | Promise<void> => this.onNotify(state, batch);
    state.conn = this.hub.advise(this.sources[spec.source]!, spec.mask, onNotify, {
      synchronous: spec.synchronous,
      filter: spec.evenOnly ? (n) => seqOf(n) % 2 === 0 : undefined,
    });
    this.sinks.push(state);
    return state;
  }

  unadvise(state: SinkState): void {
    this.hub.unadvise(state.conn);
    state.frozenAt = state.received.length;
  }

  /** Publishes, recording in the model who must get what. Returns the seqs published. */
  publish(source: number, types: NOTIFICATION['ulEventType'][], echo: boolean): number[] {
    const batch = types.map((t) => makeNotification(t, echo ? this.echoSeq++ : ++this.seq * 2 - (types.length % 2)));
    for (const sink of this.live()) {
      if (sink.spec.source !== source) continue;
      for (const n of batch) {
        if ((n.ulEventType & sink.spec.mask) === 0) continue;
        if (sink.spec.evenOnly && seqOf(n) % 2 !== 0) continue;
        sink.expected.push(seqOf(n));
      }
    }
    this.hub.notify(this.sources[source]!, batch);
    return batch.map(seqOf);
  }

  private onNotify(state: SinkState, batch: NOTIFICATION[]): void | Promise<void> {
    if (state.active) state.overlapped = true;
    if (state.frozenAt !== null) state.overlapped = true; // delivered after unadvise returned
    state.active = true;
    state.received.push(...batch.map(seqOf));
    const delay = state.spec.delays[state.batches % state.spec.delays.length] ?? 0;
    state.batches++;
    const { echoTo, unadviseAfter } = state.spec;
    const originals = batch.filter((n) => seqOf(n) < ECHO_BASE);
    if (echoTo !== null && originals.length > 0) this.publish(echoTo, originals.map((n) => n.ulEventType), true);
    if (unadviseAfter !== null && state.batches === unadviseAfter && state.frozenAt === null) this.unadvise(state);
    if (delay === 0) {
      state.active = false;
      return;
    }
    return (async () => {
      for (let i = 0; i < delay; i++) await (delay % 2 === 1 ? Promise.resolve() : macrotask());
      state.active = false;
    })();
  }
}

type Cmd = fc.AsyncCommand<object, World>;

class AdviseCommand implements Cmd {
  constructor(readonly spec: SinkSpec) {}
  check(): boolean {
    return true;
  }
  async run(_m: object, w: World): Promise<void> {
    const s = w.advise(this.spec);
    expect(s.conn).toBeGreaterThan(0);
    expect(w.live().filter((o) => o.conn === s.conn)).toHaveLength(1);
  }
  toString(): string {
    const { source, mask, synchronous, evenOnly, delays, echoTo, unadviseAfter } = this.spec;
    return `advise(src${source}, 0x${(mask >>> 0).toString(16)}${synchronous ? ', sync' : ''}${evenOnly ? ', even' : ''}, delays=[${delays}]${echoTo !== null ? `, echo->${echoTo}` : ''}${unadviseAfter !== null ? `, selfUnadvise@${unadviseAfter}` : ''})`;
  }
}

class UnadviseCommand implements Cmd {
  constructor(readonly pick: number) {}
  check(): boolean {
    return true;
  }
  async run(_m: object, w: World): Promise<void> {
    const live = w.live();
    if (live.length === 0) return;
    w.unadvise(live[this.pick % live.length]!);
  }
  toString(): string {
    return `unadvise(#${this.pick})`;
  }
}

class NotifyCommand implements Cmd {
  constructor(
    readonly source: number,
    readonly types: NOTIFICATION['ulEventType'][],
  ) {}
  check(): boolean {
    return true;
  }
  async run(_m: object, w: World): Promise<void> {
    const before = new Map(w.sinks.map((s) => [s, { received: s.received.length, idle: !s.active && s.received.length === s.expected.length }]));
    const published = new Set(w.publish(this.source, this.types, false));
    for (const s of w.sinks) {
      const b = before.get(s)!;
      if (!s.spec.synchronous) {
        // supporting-event-notification.md: the call returns before any OnNotify.
        expect(s.received.length, `async connection ${s.conn} got a notification inside notify`).toBe(b.received);
      } else if (b.idle && s.frozenAt === null && s.spec.source === this.source) {
        const mine = s.expected.filter((q) => published.has(q));
        expect(s.received, `sync connection ${s.conn} was not called before notify returned`).toEqual(expect.arrayContaining(mine));
      }
    }
  }
  toString(): string {
    return `notify(src${this.source}, [${this.types.map((t) => '0x' + (t >>> 0).toString(16)).join(',')}])`;
  }
}

class TickCommand implements Cmd {
  constructor(readonly tasks: number) {}
  check(): boolean {
    return true;
  }
  async run(_m: object, w: World): Promise<void> {
    for (let i = 0; i < this.tasks && w.manual; i++) w.scheduler.runNext();
    await macrotask();
  }
  toString(): string {
    return `tick(${this.tasks})`;
  }
}

class FlushCommand implements Cmd {
  check(): boolean {
    return true;
  }
  async run(_m: object, w: World): Promise<void> {
    await w.hub.flush();
    expect(w.hub.pendingCount).toBe(0);
    for (const s of w.live()) expect(s.received, `connection ${s.conn} after flush`).toEqual(s.expected);
  }
  toString(): string {
    return 'flush()';
  }
}

/** A few event types most of the time, so masks and notifications often meet; sometimes any type. */
const focusTypes = [fnevNewMail, fnevObjectModified, fnevTableModified, fnevExtended] as const;
const typeArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...focusTypes) }, { weight: 1, arbitrary: fc.constantFrom(...allEventTypes) });
const maskArb = fc
  .oneof(fc.subarray([...focusTypes], { minLength: 1 }), fc.subarray(allEventTypes, { minLength: 1 }))
  .map((ts) => ts.reduce((m, t) => m | t, 0));
const specArb: fc.Arbitrary<SinkSpec> = fc.record({
  source: fc.nat(SOURCES - 1),
  mask: maskArb,
  synchronous: fc.boolean(),
  evenOnly: fc.boolean(),
  delays: fc.array(fc.nat(4), { minLength: 1, maxLength: 4 }),
  echoTo: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(SOURCES - 1) }),
  unadviseAfter: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) }),
});
const notifyArb = fc.tuple(fc.nat(SOURCES - 1), fc.array(typeArb, { minLength: 1, maxLength: 4 })).map(([s, ts]) => new NotifyCommand(s, ts));
const commandArbs = [
  specArb.map((s) => new AdviseCommand(s)),
  specArb.map((s) => new AdviseCommand(s)),
  fc.nat(20).map((p) => new UnadviseCommand(p)),
  notifyArb,
  notifyArb,
  notifyArb,
  fc.nat(3).map((n) => new TickCommand(n)),
  fc.nat(3).map((n) => new TickCommand(n)),
  fc.constant(new FlushCommand()),
];

describe('NotificationHub delivery (model-based)', () => {
  it('each sink gets exactly its notifications, in publication order, one batch at a time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.commands(commandArbs, { maxCommands: 60, size: '+1' }), async (manual, cmds) => {
        const world = new World(manual);
        await fc.asyncModelRun(() => ({ model: {}, real: world }), cmds);
        await world.hub.flush();
        expect(world.errors).toEqual([]);
        expect(world.hub.pendingCount).toBe(0);
        for (const s of world.sinks) {
          expect(s.overlapped, `connection ${s.conn} got a batch while busy or after unadvise`).toBe(false);
          if (s.frozenAt === null) {
            expect(s.received, `connection ${s.conn}`).toEqual(s.expected);
          } else {
            expect(s.received.length, `connection ${s.conn} got notifications after unadvise`).toBe(s.frozenAt);
            expect(s.received, `connection ${s.conn} before unadvise`).toEqual(s.expected.slice(0, s.frozenAt));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
