import { FILETIME } from '../props/filetime.js';

/**
 * Where "now" comes from. Every timestamp the emulator writes (PR_CREATION_TIME,
 * PR_LAST_MODIFICATION_TIME, PR_MESSAGE_DELIVERY_TIME, ...) is read from the subsystem's clock,
 * so tests can pin and advance time.
 */
export interface Clock {
  /** The current time. */
  now(): FILETIME;
}

/** The machine's clock. */
export const systemClock: Clock = {
  now: () => FILETIME.fromDate(new Date()),
};

/** The state of a {@link VirtualClock} ({@link VirtualClock.snapshot}). */
export interface VirtualClockState {
  /** The time, in FILETIME ticks. */
  readonly ticks: bigint;
  /** The waiting timers. */
  readonly timers: readonly { readonly at: bigint; readonly seq: number; readonly fn: () => void }[];
  /** The next timer's sequence number. */
  readonly seq: number;
}

/** A timer registered on a {@link VirtualClock}. */
interface Timer {
  at: bigint;
  seq: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to: `advance(ms)` or `set(date)`. Timers registered with
 * `setTimer` (deferred delivery, retries) fire in order of their time, then of registration,
 * as the clock passes them. Each call to `now()` returns the same instant until the clock
 * is moved, so one operation's timestamps agree.
 */
export class VirtualClock implements Clock {
  private ticks: bigint;
  private readonly timers: Timer[] = [];
  private seq = 0;

  /** Starts at `start` (default 2026-01-01T00:00:00Z). */
  constructor(start: Date | FILETIME = new Date(Date.UTC(2026, 0, 1))) {
    this.ticks = start instanceof FILETIME ? start.ticks : FILETIME.fromDate(start).ticks;
  }

  now(): FILETIME {
    return new FILETIME(this.ticks);
  }

  /** Moves time forward by `ms` milliseconds (may be fractional down to 100 ns), firing due timers in order. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('[mapi-emu] VirtualClock.advance: ms must be a non-negative number');
    this.moveTo(this.ticks + BigInt(Math.round(ms * 10000)));
  }

  /** Sets the time (forward only), firing due timers in order. */
  set(to: Date | FILETIME): void {
    const t = to instanceof FILETIME ? to.ticks : FILETIME.fromDate(to).ticks;
    if (t < this.ticks) throw new RangeError('[mapi-emu] VirtualClock.set: time only moves forward');
    this.moveTo(t);
  }

  /** Runs `fn` when the clock reaches `at` (at once on the next move if it is already past). Returns a cancel function. */
  setTimer(at: FILETIME, fn: () => void): () => void {
    const timer: Timer = { at: at.ticks, seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      const i = this.timers.indexOf(timer);
      if (i >= 0) this.timers.splice(i, 1);
    };
  }

  /** Number of timers waiting. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** The time and the waiting timers, for world snapshots. */
  snapshot(): VirtualClockState {
    return { ticks: this.ticks, timers: this.timers.map((t) => ({ ...t })), seq: this.seq };
  }

  /** Goes back to a {@link snapshot}: its time (even if earlier) and its timers; timers set since are dropped. */
  restore(state: VirtualClockState): void {
    this.ticks = state.ticks;
    this.timers.length = 0;
    for (const t of state.timers) this.timers.push({ ...t });
    this.seq = state.seq;
  }

  private moveTo(target: bigint): void {
    for (;;) {
      let next: Timer | undefined;
      for (const t of this.timers) if (t.at <= target && (!next || t.at < next.at || (t.at === next.at && t.seq < next.seq))) next = t;
      if (!next) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      if (next.at > this.ticks) this.ticks = next.at;
      next.fn();
    }
    this.ticks = target;
  }
}
