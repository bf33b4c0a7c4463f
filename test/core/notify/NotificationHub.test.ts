import { describe, expect, it, vi } from 'vitest';
import { NotificationHub } from '../../../src/core/notify/NotificationHub.js';
import { ManualScheduler } from '../../../src/core/notify/scheduler.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import type { NOTIFICATION } from '../../../src/core/notify/types.js';
import { EmulatorError, MapiError } from '../../../src/core/errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NOT_FOUND } from '../../../src/core/generated/scodes.js';
import {
  fnevCriticalError,
  fnevExtended,
  fnevNewMail,
  fnevObjectCreated,
  fnevObjectDeleted,
  fnevObjectModified,
  fnevTableModified,
} from '../../../src/core/generated/constants.js';
import { ext, macrotask, makeNotification, seqOf, sleep } from './helpers.js';

type SinkErrorArgs = [unknown, number, NOTIFICATION[]];

/** A hub whose sink errors are collected instead of warned about. */
function quietHub(scheduler?: ManualScheduler): { hub: NotificationHub; errors: SinkErrorArgs[] } {
  const errors: SinkErrorArgs[] = [];
  const hub = new NotificationHub({ scheduler, onSinkError: (...args) => errors.push(args) });
  return { hub, errors };
}

const seqs = (ns: NOTIFICATION[]): number[] => ns.map(seqOf);

describe('NotificationHub.advise', () => {
  it('returns nonzero connection numbers starting at 1, never reused while alive', () => {
    const hub = new NotificationHub();
    const a = hub.advise({}, fnevNewMail, () => {});
    const b = hub.advise({}, fnevNewMail, () => {});
    hub.unadvise(a);
    const c = hub.advise({}, fnevNewMail, () => {});
    expect([a, b]).toEqual([1, 2]);
    expect(c).not.toBe(b);
    expect(c).toBeGreaterThan(0);
    expect(hub.connectionCount()).toBe(2);
  });

  it('rejects a zero mask with MAPI_E_INVALID_PARAMETER', () => {
    const hub = new NotificationHub();
    expect(() => hub.advise({}, 0, () => {})).toThrow(MapiError);
    try {
      hub.advise({}, 0, () => {});
    } catch (e) {
      expect(MapiError.is(e, MAPI_E_INVALID_PARAMETER)).toBe(true);
    }
  });

  it('rejects a sink that is neither an IMAPIAdviseSink nor a function', () => {
    const hub = new NotificationHub();
    for (const bad of [null, undefined, 42, {}, { onNotify: 'no' }]) {
      expect(() => hub.advise({}, fnevNewMail, bad as never)).toThrow(expect.objectContaining({ scode: MAPI_E_INVALID_PARAMETER }));
    }
    expect(hub.connectionCount()).toBe(0);
  });

  it('checks the source before the mask, and the mask before the sink (Advise argument order)', () => {
    const hub = new NotificationHub();
    expect(() => hub.advise(null as never, 0, null as never)).toThrow(/advise source/);
    expect(() => hub.advise({}, 0, null as never)).toThrow(/ulEventMask/);
  });

  it('accepts fnevExtended, whose bit is the sign bit', async () => {
    const hub = new NotificationHub();
    const rec = new NotificationRecorder();
    hub.advise('src', fnevExtended | fnevCriticalError, rec);
    hub.notify('src', [ext(7), makeNotification(fnevNewMail, 8), makeNotification(fnevCriticalError, 9)]);
    await hub.flush();
    expect(seqs(rec.notifications)).toEqual([7, 9]);
  });
});

describe('NotificationHub.unadvise', () => {
  it('rejects an unknown connection with MAPI_E_NOT_FOUND', () => {
    const hub = new NotificationHub();
    expect(() => hub.unadvise(1)).toThrow(expect.objectContaining({ scode: MAPI_E_NOT_FOUND }));
    const c = hub.advise({}, fnevNewMail, () => {});
    hub.unadvise(c);
    expect(() => hub.unadvise(c)).toThrow(expect.objectContaining({ scode: MAPI_E_NOT_FOUND }));
  });

  it('drops batches already queued for the connection', async () => {
    const hub = new NotificationHub();
    const rec = new NotificationRecorder();
    const c = hub.advise('s', fnevExtended, rec);
    hub.notify('s', [ext(1)]);
    hub.notify('s', [ext(2)]);
    expect(hub.pendingCount).toBe(2);
    hub.unadvise(c);
    expect(hub.pendingCount).toBe(0);
    await hub.flush();
    await macrotask();
    expect(rec.count).toBe(0);
  });

  it('from inside onNotify stops every later batch, the current one runs to its end', async () => {
    const hub = new NotificationHub();
    const got: number[] = [];
    const other = new NotificationRecorder();
    let conn = 0;
    conn = hub.advise('s', fnevExtended, async (batch) => {
      got.push(...seqs(batch));
      hub.unadvise(conn);
      await sleep(1);
      got.push(-1);
    });
    hub.advise('s', fnevExtended, other);
    hub.notify('s', [ext(1)]);
    hub.notify('s', [ext(2)]);
    hub.notify('s', [ext(3)]);
    await hub.flush();
    expect(got).toEqual([1, -1]);
    expect(seqs(other.notifications)).toEqual([1, 2, 3]);
  });

  it('of another sink during delivery means that sink gets nothing more', async () => {
    const hub = new NotificationHub();
    const victim = new NotificationRecorder();
    let victimConn = 0;
    hub.advise('s', fnevExtended, (batch) => {
      if (seqOf(batch[0]!) === 1) hub.unadvise(victimConn);
    });
    victimConn = hub.advise('s', fnevExtended, victim);
    hub.notify('s', [ext(1)]);
    hub.notify('s', [ext(2)]);
    await hub.flush();
    // The first sink is called first (advise order) and cancels the victim before its turn.
    expect(victim.count).toBe(0);
  });

  it('unadviseSource cancels every connection on a source', () => {
    const hub = new NotificationHub();
    const table = {};
    hub.advise(table, fnevTableModified, () => {});
    hub.advise(table, fnevTableModified, () => {});
    hub.advise({}, fnevTableModified, () => {});
    expect(hub.unadviseSource(table)).toBe(2);
    expect(hub.connectionCount(table)).toBe(0);
    expect(hub.connectionCount()).toBe(1);
  });
});

describe('NotificationHub.notify', () => {
  it('delivers asynchronously by default: nothing before notify returns, everything after flush', async () => {
    const hub = new NotificationHub();
    const rec = new NotificationRecorder();
    hub.advise('s', fnevExtended, rec);
    expect(hub.notify('s', [ext(1), ext(2)])).toBe(1);
    expect(rec.count).toBe(0);
    await Promise.resolve();
    expect(rec.count).toBe(0);
    await hub.flush();
    expect(seqs(rec.notifications)).toEqual([1, 2]);
    expect(rec.batches).toHaveLength(1);
    expect(hub.pendingCount).toBe(0);
  });

  it('delivers through the scheduler without flush', async () => {
    const hub = new NotificationHub();
    const rec = new NotificationRecorder();
    hub.advise('s', fnevExtended, rec);
    hub.notify('s', [ext(1)]);
    await rec.waitFor(fnevExtended);
    expect(rec.count).toBe(1);
  });

  it('uses the injected scheduler for asynchronous delivery', () => {
    const scheduler = new ManualScheduler();
    const { hub } = quietHub(scheduler);
    const rec = new NotificationRecorder();
    hub.advise('s', fnevExtended, rec);
    hub.notify('s', [ext(1)]);
    hub.notify('s', [ext(2)]);
    expect(scheduler.size).toBe(1);
    scheduler.runNext();
    expect(seqs(rec.notifications)).toEqual([1]);
    scheduler.runAll();
    expect(seqs(rec.notifications)).toEqual([1, 2]);
  });

  it('delivers before returning when the advise asked for synchronous delivery', () => {
    const scheduler = new ManualScheduler();
    const { hub } = quietHub(scheduler);
    const sync = new NotificationRecorder();
    const async = new NotificationRecorder();
    hub.advise('s', fnevExtended, sync, { synchronous: true });
    hub.advise('s', fnevExtended, async);
    hub.notify('s', [ext(1)]);
    expect(seqs(sync.notifications)).toEqual([1]);
    expect(async.count).toBe(0);
  });

  it('gives each sink only the events in its mask, as one batch per notify', async () => {
    const hub = new NotificationHub();
    const objects = new NotificationRecorder();
    const tables = new NotificationRecorder();
    const none = new NotificationRecorder();
    hub.advise('s', fnevObjectCreated | fnevObjectDeleted, objects);
    hub.advise('s', fnevTableModified, tables);
    hub.advise('s', fnevNewMail, none);
    const count = hub.notify('s', [
      makeNotification(fnevObjectCreated, 1),
      makeNotification(fnevTableModified, 2),
      makeNotification(fnevObjectModified, 3),
      makeNotification(fnevObjectDeleted, 4),
    ]);
    expect(count).toBe(2);
    await hub.flush();
    expect(objects.batches.map(seqs)).toEqual([[1, 4]]);
    expect(tables.batches.map(seqs)).toEqual([[2]]);
    expect(none.count).toBe(0);
  });

  it('keeps sources apart; binary keys compare by bytes, objects by identity', async () => {
    const hub = new NotificationHub();
    const byKey = new NotificationRecorder();
    const byObject = new NotificationRecorder();
    hub.advise(Uint8Array.of(1, 2, 3), fnevExtended, byKey);
    hub.advise({}, fnevExtended, byObject);
    hub.notify(Uint8Array.of(1, 2, 3), [ext(1)]);
    hub.notify({}, [ext(2)]);
    hub.notify('010203', [ext(3)]);
    await hub.flush();
    expect(seqs(byKey.notifications)).toEqual([1]);
    expect(byObject.count).toBe(0);
  });

  it('applies the advise filter', async () => {
    const hub = new NotificationHub();
    const rec = new NotificationRecorder();
    hub.advise('s', fnevExtended, rec, { filter: (n) => seqOf(n) % 2 === 0 });
    hub.notify('s', [ext(1), ext(2), ext(3), ext(4)]);
    await hub.flush();
    expect(seqs(rec.notifications)).toEqual([2, 4]);
  });

  it('copies notifications at publication, so later changes by the publisher do not show', async () => {
    const hub = new NotificationHub();
    const a = new NotificationRecorder();
    const b = new NotificationRecorder();
    hub.advise('s', fnevExtended, a);
    hub.advise('s', fnevExtended, b);
    const n = ext(1);
    hub.notify('s', [n]);
    if (n.ulEventType === fnevExtended) {
      n.ext.ulEvent = 99;
      n.ext.pbEventParameters[4] = 0xee;
    }
    await hub.flush();
    expect(seqOf(a.notifications[0]!)).toBe(1);
    expect(a.notifications[0]).not.toBe(b.notifications[0]);
    const got = a.notifications[0]!;
    expect(got.ulEventType === fnevExtended && got.ext.pbEventParameters[4]).toBe(1);
  });

  it('rejects something that is not an array of notifications', () => {
    const hub = new NotificationHub();
    expect(() => hub.notify('s', null as never)).toThrow(expect.objectContaining({ scode: MAPI_E_INVALID_PARAMETER }));
    expect(() => hub.notify('s', [{}] as never)).toThrow(expect.objectContaining({ scode: MAPI_E_INVALID_PARAMETER }));
  });

  it('does not give a sink advised during delivery what was published before it advised', async () => {
    const hub = new NotificationHub();
    const late = new NotificationRecorder();
    hub.advise('s', fnevExtended, () => {
      if (late.count === 0 && hub.connectionCount('s') === 1) hub.advise('s', fnevExtended, late);
    });
    hub.notify('s', [ext(1)]);
    hub.notify('s', [ext(2)]);
    await hub.flush();
    expect(late.count).toBe(0);
    hub.notify('s', [ext(3)]);
    await hub.flush();
    expect(seqs(late.notifications)).toEqual([3]);
  });

  it('a sink advised during a synchronous delivery does not get the batch being delivered', () => {
    const { hub } = quietHub(new ManualScheduler());
    const late = new NotificationRecorder();
    hub.advise('s', fnevExtended, () => void hub.advise('s', fnevExtended, late, { synchronous: true }), { synchronous: true });
    hub.notify('s', [ext(1)]);
    expect(late.count).toBe(0);
  });
});

describe('NotificationHub ordering', () => {
  it('never starts a batch for a sink before its previous promise settled', async () => {
    const hub = new NotificationHub();
    const log: string[] = [];
    hub.advise('s', fnevExtended, async (batch) => {
      const s = seqOf(batch[0]!);
      log.push(`start ${s}`);
      await sleep(s === 1 ? 15 : 1);
      log.push(`end ${s}`);
    });
    hub.notify('s', [ext(1)]);
    hub.notify('s', [ext(2)]);
    hub.notify('s', [ext(3)]);
    await hub.flush();
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('a slow sink does not hold back the others', async () => {
    const hub = new NotificationHub();
    const fast = new NotificationRecorder();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    hub.advise('s', fnevExtended, () => gate);
    hub.advise('s', fnevExtended, fast);
    hub.notify('s', [ext(1)]);
    hub.notify('s', [ext(2)]);
    await fast.waitFor((n) => seqOf(n) === 2);
    expect(hub.pendingCount).toBe(2);
    release();
    await hub.flush();
    expect(hub.pendingCount).toBe(0);
  });

  it('a synchronous sink that returns a promise gets its next batch when it settles', async () => {
    const { hub } = quietHub(new ManualScheduler());
    const log: number[] = [];
    let release!: () => void;
    hub.advise(
      's',
      fnevExtended,
      (batch) => {
        log.push(seqOf(batch[0]!));
        if (log.length === 1) return new Promise<void>((r) => (release = r));
      },
      { synchronous: true },
    );
    hub.notify('s', [ext(1)]);
    hub.notify('s', [ext(2)]);
    expect(log).toEqual([1]);
    release();
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual([1, 2]);
  });
});

describe('NotificationHub sink errors', () => {
  it('a throwing sink and a rejecting sink do not stop delivery to the others', async () => {
    const { hub, errors } = quietHub();
    const rec = new NotificationRecorder();
    const thrower = hub.advise('s', fnevExtended, () => {
      throw new Error('sync boom');
    });
    const rejecter = hub.advise('s', fnevExtended, async () => {
      await sleep(1);
      throw new Error('async boom');
    });
    hub.advise('s', fnevExtended, rec);
    hub.notify('s', [ext(1)]);
    hub.notify('s', [ext(2)]);
    await hub.flush();
    expect(seqs(rec.notifications)).toEqual([1, 2]);
    expect(errors.map(([e, c, ns]) => [(e as Error).message, c, seqs(ns)])).toEqual(
      expect.arrayContaining([
        ['sync boom', thrower, [1]],
        ['sync boom', thrower, [2]],
        ['async boom', rejecter, [1]],
        ['async boom', rejecter, [2]],
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it('by default records in sinkErrors and warns once per connection, with no unhandled rejection', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const hub = new NotificationHub();
      const c = hub.advise('s', fnevExtended, () => Promise.reject(new Error('nope')));
      hub.advise('s', fnevExtended, () => {
        throw new Error('also nope');
      });
      hub.notify('s', [ext(1)]);
      hub.notify('s', [ext(2)]);
      await hub.flush();
      await macrotask();
      expect(hub.sinkErrors).toHaveLength(4);
      expect(hub.sinkErrors.filter((r) => r.connection === c).map((r) => seqs(r.notifications))).toEqual([[1], [2]]);
      expect(warn).toHaveBeenCalledTimes(2);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
      warn.mockRestore();
    }
  });

  it('stops a synchronous sink that publishes to itself forever instead of hanging notify', () => {
    const hub = new NotificationHub({ maxFlushRounds: 20, scheduler: new ManualScheduler() });
    let n = 0;
    hub.advise('s', fnevExtended, () => void hub.notify('s', [ext(++n)]), { synchronous: true });
    expect(() => hub.notify('s', [ext(0)])).toThrow(/kept publishing to itself/);
    expect(n).toBe(20);
  });

  it('a synchronous sink that throws does not make notify throw', () => {
    const { hub, errors } = quietHub(new ManualScheduler());
    hub.advise('s', fnevExtended, () => {
      throw new Error('x');
    }, { synchronous: true });
    expect(() => hub.notify('s', [ext(1)])).not.toThrow();
    expect(errors).toHaveLength(1);
  });
});

describe('NotificationHub.flush', () => {
  it('delivers notifications that sinks publish while being delivered', async () => {
    const hub = new NotificationHub();
    const end = new NotificationRecorder();
    hub.advise('a', fnevExtended, async (batch) => {
      await sleep(1);
      hub.notify('b', batch.map((n) => ext(seqOf(n) + 100)));
    });
    hub.advise('b', fnevExtended, (batch) => void hub.notify('c', batch.map((n) => ext(seqOf(n) + 100))));
    hub.advise('c', fnevExtended, end);
    hub.notify('a', [ext(1)]);
    hub.notify('a', [ext(2)]);
    await hub.flush();
    expect(seqs(end.notifications)).toEqual([201, 202]);
    expect(hub.pendingCount).toBe(0);
  });

  it('does not depend on the scheduler running', async () => {
    const scheduler = new ManualScheduler();
    const { hub } = quietHub(scheduler);
    const rec = new NotificationRecorder();
    hub.advise('s', fnevExtended, rec);
    hub.notify('s', [ext(1)]);
    await hub.flush();
    expect(rec.count).toBe(1);
    scheduler.runAll();
    expect(rec.count).toBe(1);
  });

  it('reports, instead of hanging, when sinks publish forever', async () => {
    const hub = new NotificationHub({ maxFlushRounds: 50, scheduler: new ManualScheduler() });
    let n = 0;
    hub.advise('s', fnevExtended, () => void hub.notify('s', [ext(++n)]));
    hub.notify('s', [ext(0)]);
    await expect(hub.flush()).rejects.toThrow(EmulatorError);
    await expect(hub.flush()).rejects.toThrow(/maxFlushRounds/);
  });

  it('reports a sink whose promise never settles', async () => {
    const hub = new NotificationHub({ flushTimeoutMs: 30 });
    const c = hub.advise('s', fnevExtended, () => new Promise<void>(() => {}));
    hub.notify('s', [ext(1)]);
    await expect(hub.flush()).rejects.toThrow(new RegExp(`connection\\(s\\) ${c} did not settle`));
  });

  it('resolves at once when nothing is pending, and emits idle when delivery ends', async () => {
    const hub = new NotificationHub();
    await hub.flush();
    const idle = vi.fn();
    hub.events.on('idle', idle);
    hub.advise('s', fnevExtended, () => {});
    hub.notify('s', [ext(1)]);
    await hub.flush();
    expect(idle).toHaveBeenCalledTimes(1);
  });
});

describe('NotificationHub.events', () => {
  it('reports advise, notify, deliver and unadvise', async () => {
    const hub = new NotificationHub();
    const log: string[] = [];
    hub.events.on('advise', (c, _s, mask) => log.push(`advise ${c} ${mask}`));
    hub.events.on('notify', (_s, ns, cs) => log.push(`notify ${ns.length} -> ${cs.join(',')}`));
    hub.events.on('deliver', (c, ns) => log.push(`deliver ${c} ${seqs([...ns]).join(',')}`));
    hub.events.on('unadvise', (c) => log.push(`unadvise ${c}`));
    const c = hub.advise('s', fnevExtended, () => {});
    hub.notify('s', [ext(1), ext(2)]);
    await hub.flush();
    hub.unadvise(c);
    expect(log).toEqual([`advise 1 ${fnevExtended}`, 'notify 2 -> 1', 'deliver 1 1,2', 'unadvise 1']);
  });
});
