/**
 * The emulator side of the fake MAPI ABI, in a worker thread: a deterministic world (the same
 * set-up as test/core/session/helpers.ts: VirtualClock, SeededIds, ManualScheduler, in-memory
 * mailbox service), driven by synchronous requests from the fake's native callbacks on the
 * main thread (which block on Atomics.wait until the answer is posted; see
 * docs/decisions/014-windows-backend.md).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createMapi } from '../../../src/mapi.js';
import type { MapiSubsystem } from '../../../src/core/session/MapiSubsystem.js';
import { MemoryServer } from '../../../src/providers/memory-store/MemoryServer.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import { ManualScheduler } from '../../../src/core/notify/scheduler.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { MAPI_E_CALL_FAILED, MAPI_E_INVALID_OBJECT, MAPI_E_NO_SUPPORT } from '../../../src/core/generated/scodes.js';
import type { NOTIFICATION } from '../../../src/core/notify/types.js';
import { MAPIOpenFormMgr } from '../../../src/core/forms/FormMgr.js';
import type { FormDescription } from '../../../src/core/forms/types.js';
import { installLocalForms } from './forms.js';
import type { IMAPISession } from '../../../src/core/session/interfaces.js';
import { fromWire, toWire, type HostReply, type HostRequest, type SinkDelivery } from './wire.js';

interface Setup {
  port: MessagePort;
  signal: SharedArrayBuffer;
}

const { port, signal } = workerData as Setup;
const flag = new Int32Array(signal);

let mapi: MapiSubsystem;
let handles = new Map<number, object>();
let ids = new WeakMap<object, number>();
let nextHandle = 1;
let outbox: SinkDelivery[] = [];
/** The arguments of the current call whose argument `index` goes back with the reply. */
let backArg: { args: unknown[]; index: number } | undefined;

function reset(seed: number): void {
  for (const o of handles.values()) {
    try {
      (o as { release?: () => void }).release?.();
    } catch {
      // Already released.
    }
  }
  handles = new Map();
  ids = new WeakMap();
  nextHandle = 1;
  outbox = [];
  mapi = createMapi({
    clock: new VirtualClock(),
    scheduler: new ManualScheduler(),
    ids: new SeededIds(seed),
    memoryServer: new MemoryServer(new SeededIds(seed + 1000)),
  });
}
reset(1);

const KNOWN = new Set(['IAddrBook', 'IABContainer', 'IDistList', 'IMailUser', 'IMAPISession', 'IMsgStore', 'IMAPIFolder', 'IMessage', 'IAttach', 'IMAPITable', 'IStream', 'IProfAdmin', 'IMsgServiceAdmin', 'IProviderAdmin', 'IMAPIStatus', 'IProfSect', 'IPropData', 'ITableData', 'IMAPIFormMgr', 'IMAPIFormInfo', 'IMAPIFormContainer']);

/** The interface an emulator object implements (its most derived one). */
function ifaceOf(o: object): string {
  const name = (o as { interfaceName?: unknown }).interfaceName;
  if (typeof name === 'string' && KNOWN.has(name)) return name;
  const has = (m: string) => typeof (o as Record<string, unknown>)[m] === 'function';
  if (has('queryRows')) return 'IMAPITable';
  if (has('createMessage')) return 'IMAPIFolder';
  if (has('getAttachmentTable')) return 'IMessage';
  if (has('read') && has('seek')) return 'IStream';
  if (has('getProps')) return 'IMAPIProp';
  return 'IUnknown';
}

function refOf(o: object): unknown {
  let id = ids.get(o);
  if (id === undefined || !handles.has(id)) {
    id = nextHandle++;
    ids.set(o, id);
    handles.set(id, o);
  }
  return { $obj: id, iface: ifaceOf(o) };
}

function deref(r: Record<string, unknown>): unknown {
  if ('$ref' in r) {
    const o = handles.get(r['$ref'] as number);
    if (!o) throw new MapiError(MAPI_E_INVALID_OBJECT, 'fake MAPI host: unknown object reference');
    return o;
  }
  if ('$sink' in r) {
    const sink = r['$sink'] as number;
    return (notifications: NOTIFICATION[]) => {
      outbox.push({ sink, notifications: toWire(notifications, refOf) as unknown[] });
    };
  }
  return r;
}

async function handle(req: HostRequest): Promise<unknown> {
  switch (req.op) {
    case 'reset':
      reset(req.seed);
      return null;
    case 'flush':
      await mapi.flushNotifications();
      return null;
    case 'release': {
      const o = handles.get(req.h);
      handles.delete(req.h);
      (o as { release?: () => void } | undefined)?.release?.();
      return null;
    }
    case 'stats':
      return { handles: handles.size };
    case 'global': {
      const args = fromWire(req.a, deref) as unknown[];
      // mapi32.dll's MAPIOpenFormMgr is a function of the forms module, not of the subsystem.
      if (req.m === 'MAPIOpenFormMgr') return await MAPIOpenFormMgr(args[0] as IMAPISession);
      // Test set-up only (harness.ts): forms installed in the local library, as Outlook's would be.
      if (req.m === 'installLocalForms') return await installLocalForms(args[0] as IMAPISession, args[1] as FormDescription[]);
      const f = (mapi as unknown as Record<string, (...a: unknown[]) => unknown>)[req.m];
      if (typeof f !== 'function') throw new MapiError(MAPI_E_NO_SUPPORT, `fake MAPI host: no function ${req.m}`);
      return await f.apply(mapi, args);
    }
    case 'call': {
      const o = handles.get(req.h);
      if (!o) throw new MapiError(MAPI_E_INVALID_OBJECT, `fake MAPI host: object ${req.h} is gone`);
      const f = (o as Record<string, unknown>)[req.m];
      if (typeof f !== 'function') throw new MapiError(MAPI_E_NO_SUPPORT, `fake MAPI host: ${ifaceOf(o)} has no method ${req.m}`);
      const args = fromWire(req.a, deref) as unknown[];
      if (req.back !== undefined) backArg = { args, index: req.back };
      return await (f as (...a: unknown[]) => unknown).apply(o, args);
    }
  }
}

port.on('message', (req: HostRequest) => {
  void (async () => {
    let reply: HostReply;
    try {
      const v = await handle(req);
      reply = { ok: true, v: toWire(v, refOf), n: outbox };
    } catch (e) {
      const scode = e instanceof MapiError ? e.scode : MAPI_E_CALL_FAILED;
      reply = { ok: false, scode, message: e instanceof Error ? e.message : String(e), n: outbox };
    }
    outbox = [];
    if (backArg) {
      reply.b = toWire(backArg.args[backArg.index], refOf);
      backArg = undefined;
    }
    port.postMessage(reply);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  })();
});
parentPort?.postMessage('ready');
