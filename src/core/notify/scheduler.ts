/**
 * Runs deferred work. The notification engine queues every asynchronous delivery through
 * one of these, so a subsystem can swap in a virtual-time scheduler and tests stay
 * deterministic. Tasks must run in the order they were enqueued.
 * @see timing-a-notification.md
 */
export interface Scheduler {
  /** Runs `task` later, after the current call stack (and its microtasks) have finished. */
  enqueue(task: () => void): void;
}

/**
 * The real-time scheduler: one macrotask per task (setImmediate, or setTimeout 0 where
 * there is none), so delivery happens after the MAPI method that caused the event has
 * returned and its awaiting caller has resumed, like MAPI's notification thread.
 *
 * The timer function is looked up at each call, so fake timers installed by a test apply.
 * @see supporting-event-notification.md
 */
export const defaultScheduler: Scheduler = {
  enqueue(task: () => void): void {
    // supporting-event-notification.md: "MAPI guarantees that the call during which an
    // event happens will return to the client before any of the OnNotify calls are made."
    const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
    if (typeof immediate === 'function') immediate(task);
    else setTimeout(task, 0);
  },
};

/**
 * A scheduler that runs nothing until told to: tests and virtual-time worlds call
 * {@link ManualScheduler.runNext} / {@link ManualScheduler.runAll} to decide exactly when
 * queued deliveries happen.
 */
export class ManualScheduler implements Scheduler {
  private readonly tasks: (() => void)[] = [];

  /** Number of tasks waiting to run. */
  get size(): number {
    return this.tasks.length;
  }

  /** Queues `task`; nothing runs until runNext/runAll. */
  enqueue(task: () => void): void {
    this.tasks.push(task);
  }

  /** Runs the oldest queued task; false when there was none. */
  runNext(): boolean {
    const task = this.tasks.shift();
    if (!task) return false;
    task();
    return true;
  }

  /**
   * Runs tasks, including ones queued by the tasks it runs, until none is left; returns how
   * many ran. Stops with an error after `limit` tasks, which means something re-queues forever.
   */
  runAll(limit = 100_000): number {
    let ran = 0;
    while (this.runNext()) {
      if (++ran >= limit) {
        throw new Error(`[mapi-emu] ManualScheduler.runAll: still busy after ${limit} tasks; a task probably re-queues itself forever`);
      }
    }
    return ran;
  }
}
