import { describe, expect, it } from 'vitest';
import { HrAllocAdviseSink, HrThisThreadAdviseSink, NotificationRecorder } from '../../../src/core/notify/sink.js';
import { NotificationHub } from '../../../src/core/notify/NotificationHub.js';
import { ManualScheduler, defaultScheduler } from '../../../src/core/notify/scheduler.js';
import { cloneNotification } from '../../../src/core/notify/clone.js';
import { describeNotification, fnevName } from '../../../src/core/notify/describe.js';
import type { NOTIFICATION } from '../../../src/core/notify/types.js';
import { MAPI_E_INVALID_PARAMETER } from '../../../src/core/generated/scodes.js';
import { fnevExtended, fnevNewMail, fnevTableModified, fnevObjectCreated } from '../../../src/core/generated/constants.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import { ext, makeNotification, seqOf, sleep } from './helpers.js';

describe('HrAllocAdviseSink', () => {
  it('calls the callback with the context, the count and the notifications', async () => {
    const calls: [unknown, number, number[]][] = [];
    const ctx = { name: 'view' };
    const sink = HrAllocAdviseSink((c, count, ns) => void calls.push([c, count, ns.map(seqOf)]), ctx);
    const hub = new NotificationHub();
    hub.advise('s', fnevExtended, sink);
    hub.notify('s', [ext(1), ext(2)]);
    await hub.flush();
    expect(calls).toEqual([[ctx, 2, [1, 2]]]);
  });

  it('passes an async callback’s promise on, so the hub waits for it', async () => {
    const log: string[] = [];
    const sink = HrAllocAdviseSink(async (_c, _n, ns) => {
      log.push(`start ${seqOf(ns[0]!)}`);
      await sleep(5);
      log.push(`end ${seqOf(ns[0]!)}`);
      return 0;
    });
    const hub = new NotificationHub();
    hub.advise('s', fnevExtended, sink);
    hub.notify('s', [ext(1)]);
    hub.notify('s', [ext(2)]);
    await hub.flush();
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('rejects a callback that is not a function', () => {
    expect(() => HrAllocAdviseSink(null as never)).toThrow(expect.objectContaining({ scode: MAPI_E_INVALID_PARAMETER }));
  });
});

describe('HrThisThreadAdviseSink', () => {
  it('forwards to the wrapped sink', () => {
    const rec = new NotificationRecorder();
    HrThisThreadAdviseSink(rec).onNotify([ext(5)]);
    const got: number[] = [];
    HrThisThreadAdviseSink((ns) => void got.push(...ns.map(seqOf))).onNotify([ext(6)]);
    expect(seqs(rec.notifications)).toEqual([5]);
    expect(got).toEqual([6]);
    expect(() => HrThisThreadAdviseSink({} as never)).toThrow(expect.objectContaining({ scode: MAPI_E_INVALID_PARAMETER }));
  });
});

const seqs = (ns: NOTIFICATION[]): number[] => ns.map(seqOf);

describe('NotificationRecorder', () => {
  it('records notifications and batches in order, and filters by type', () => {
    const rec = new NotificationRecorder();
    rec.onNotify([ext(1), makeNotification(fnevNewMail, 2)]);
    rec.onNotify([makeNotification(fnevTableModified, 3)]);
    expect(rec.count).toBe(3);
    expect(rec.batches.map(seqs)).toEqual([[1, 2], [3]]);
    expect(rec.ofType(fnevNewMail).map((n) => n.newmail.ulMessageFlags)).toEqual([2]);
    expect(seqs(rec.ofType(fnevNewMail | fnevExtended))).toEqual([1, 2]);
    rec.clear();
    expect(rec.count).toBe(0);
  });

  it('waitFor resolves with an already received notification', async () => {
    const rec = new NotificationRecorder();
    rec.onNotify([ext(1), ext(2)]);
    expect(seqOf(await rec.waitFor((n) => seqOf(n) === 2))).toBe(2);
  });

  it('waitFor resolves when a matching notification arrives later', async () => {
    const hub = new NotificationHub();
    const rec = new NotificationRecorder();
    hub.advise('s', fnevNewMail | fnevExtended, rec);
    const waiting = rec.waitFor(fnevNewMail);
    hub.notify('s', [ext(1)]);
    setTimeout(() => hub.notify('s', [makeNotification(fnevNewMail, 9)]), 5);
    const n = await waiting;
    expect(n.ulEventType).toBe(fnevNewMail);
    expect(seqOf(n)).toBe(9);
  });

  it('waitFor narrows with a type guard', async () => {
    const rec = new NotificationRecorder();
    rec.onNotify([makeNotification(fnevTableModified, 4)]);
    const n = await rec.waitFor((x): x is Extract<NOTIFICATION, { ulEventType: typeof fnevTableModified }> => x.ulEventType === fnevTableModified);
    expect(n.tab.hResult).toBe(4);
  });

  it('waitFor rejects after its timeout, saying what did arrive', async () => {
    const rec = new NotificationRecorder({ timeoutMs: 10 });
    rec.onNotify([makeNotification(fnevTableModified, 1)]);
    await expect(rec.waitFor(fnevNewMail)).rejects.toThrow(/within 10 ms; received fnevTableModified\(TABLE_ROW_ADDED\)/);
  });
});

describe('cloneNotification', () => {
  it('copies bytes, arrays and plain objects, and shares immutable value objects', () => {
    const when = new FILETIME(5n);
    const n: NOTIFICATION = {
      ulEventType: fnevTableModified,
      tab: {
        ulTableEvent: 3,
        hResult: 0,
        propIndex: { ulPropTag: 0x0ff60102, Value: Uint8Array.of(1, 2) },
        propPrior: { ulPropTag: 1, Value: null },
        row: { lpProps: [{ ulPropTag: 0x00390040, Value: when }] },
      },
    };
    const copy = cloneNotification(n);
    expect(copy).toEqual(n);
    expect(copy.tab.propIndex.Value).not.toBe(n.tab.propIndex.Value);
    expect(copy.tab.row.lpProps).not.toBe(n.tab.row.lpProps);
    expect(copy.tab.row.lpProps[0]!.Value).toBe(when);
  });
});

describe('describeNotification', () => {
  it('names the event and its detail', () => {
    expect(fnevName(fnevObjectCreated)).toBe('fnevObjectCreated');
    expect(fnevName(0x1000)).toBe('0x00001000');
    expect(describeNotification(makeNotification(fnevNewMail, 1))).toBe('fnevNewMail(IPM.Note)');
    expect(describeNotification(ext(7))).toBe('fnevExtended(7)');
  });
});

describe('Scheduler', () => {
  it('defaultScheduler runs tasks in order, after the current call and its microtasks', async () => {
    const log: string[] = [];
    defaultScheduler.enqueue(() => log.push('task 1'));
    defaultScheduler.enqueue(() => log.push('task 2'));
    void Promise.resolve().then(() => log.push('microtask'));
    log.push('sync');
    await sleep(5);
    expect(log).toEqual(['sync', 'microtask', 'task 1', 'task 2']);
  });

  it('ManualScheduler runs only when told, and stops a task that re-queues forever', () => {
    const s = new ManualScheduler();
    const log: number[] = [];
    s.enqueue(() => log.push(1));
    s.enqueue(() => s.enqueue(() => log.push(3)));
    expect(log).toEqual([]);
    expect(s.runAll()).toBe(3);
    expect(log).toEqual([1, 3]);
    const again = (): void => s.enqueue(again);
    s.enqueue(again);
    expect(() => s.runAll(100)).toThrow(/re-queues itself/);
  });
});
