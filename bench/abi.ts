/**
 * ABI section of the benchmarks: the per-call overhead of the Windows backend, measured on
 * Linux through the fake MAPI ABI (test/abi/): the same calls on the same data made (1)
 * directly on the emulator and (2) through backend → koffi → fake COM objects → emulator.
 * (h) IMAPIProp.getProps of 10 properties; (i) IMAPITable.queryRows of 100 rows × 10 columns.
 *
 * Path (2) includes costs real MAPI does not have: the fake answers each native call by a
 * synchronous round trip to the emulator in a worker thread, and re-marshals every result. The
 * last rows split the time into that round trip, the backend's own marshalling (JS ⇄ native)
 * and the rest (koffi calls, the fake's marshalling, the emulator); for (i), what the backend
 * does after the native call (decode the row set, FreeProws) and what the fake does before it
 * (lay the rows out in MAPI memory), as medians of the reps.
 */
import { createMapi } from '../src/mapi.js';
import { MEMORY_STORE_SERVICE } from '../src/providers/memory-store/service.js';
import { MemoryServer } from '../src/providers/memory-store/MemoryServer.js';
import { ManualScheduler } from '../src/core/notify/scheduler.js';
import { VirtualClock } from '../src/core/spi/clock.js';
import { SeededIds } from '../src/core/spi/ids.js';
import { FILETIME } from '../src/core/props/filetime.js';
import { PROP_TAG } from '../src/core/props/tags.js';
import type { SPropValue } from '../src/core/props/types.js';
import type { IMAPISession, IProfAdmin } from '../src/core/session/interfaces.js';
import type { IMAPIFolder, IMessage } from '../src/core/store/interfaces.js';
import type { IMAPITable } from '../src/core/table/interfaces.js';
import type { MAPIINIT_0 } from '../src/core/session/MapiSubsystem.js';
import { BOOKMARK_BEGINNING, MAPI_BEST_ACCESS, MAPI_EXTENDED, MAPI_MODIFY, MAPI_NEW_SESSION, MAPI_NO_MAIL, MDB_WRITE, TBL_NOADVANCE } from '../src/core/generated/constants.js';
import { PT_BINARY, PT_BOOLEAN, PT_DOUBLE, PT_I8, PT_LONG, PT_SYSTIME, PT_UNICODE } from '../src/core/generated/proptypes.js';
import { PR_DEFAULT_STORE, PR_ENTRYID, PR_PROFILE_MAILBOX, PR_SUBJECT_W } from '../src/core/generated/proptags.js';
import { encodePropArray, readPropArray } from '../src/providers/windows/abi/propValue.js';
import { encodeRowSet, freeRowSet, readRowSet } from '../src/providers/windows/abi/rows.js';
import { HostClient } from '../test/abi/fake/HostClient.js';
import { FakeMapi } from '../test/abi/fake/FakeMapi.js';
import { compare, fmt, markdownTable, median } from './measure.js';
import type { BenchSection } from './tables.js';

/** Options of {@link runAbiBenchmarks}. */
export interface AbiBenchOptions {
  /** Fewer calls and repetitions. */
  quick?: boolean;
  /** Progress messages (to stderr). */
  log?: (message: string) => void;
}

interface EntryPoints {
  MAPIInitialize(i?: MAPIINIT_0 | null): Promise<void>;
  MAPILogonEx(p: string | null, w: string | null, f?: number): Promise<IMAPISession>;
  MAPIAdminProfiles(f?: number): Promise<IProfAdmin>;
}

const ID = (n: number) => 0x6700 + n;
const TEN: readonly number[] = [
  PR_SUBJECT_W,
  PROP_TAG(PT_LONG, ID(1)),
  PROP_TAG(PT_LONG, ID(2)),
  PROP_TAG(PT_BOOLEAN, ID(3)),
  PROP_TAG(PT_DOUBLE, ID(4)),
  PROP_TAG(PT_I8, ID(5)),
  PROP_TAG(PT_SYSTIME, ID(6)),
  PROP_TAG(PT_UNICODE, ID(7)),
  PROP_TAG(PT_BINARY, ID(8)),
  PROP_TAG(PT_UNICODE, ID(9)),
];

function tenValues(i: number): SPropValue[] {
  return [
    { ulPropTag: TEN[0] as number, Value: `Quarterly report ${i}` },
    { ulPropTag: TEN[1] as number, Value: i },
    { ulPropTag: TEN[2] as number, Value: -i },
    { ulPropTag: TEN[3] as number, Value: i % 2 === 0 },
    { ulPropTag: TEN[4] as number, Value: i / 7 },
    { ulPropTag: TEN[5] as number, Value: BigInt(i) << 40n },
    { ulPropTag: TEN[6] as number, Value: new FILETIME(133_000_000_000_000_000n + BigInt(i)) },
    { ulPropTag: TEN[7] as number, Value: `sender${i}@example.com` },
    { ulPropTag: TEN[8] as number, Value: Uint8Array.from({ length: 16 }, (_, k) => (i + k) & 0xff) },
    { ulPropTag: TEN[9] as number, Value: 'IPM.Note' },
  ];
}

/** A mailbox with 100 messages of 10 properties, reached through `mapi`; a message and a contents table on it. */
async function world(mapi: EntryPoints): Promise<{ msg: IMessage; table: IMAPITable; release(): void }> {
  await mapi.MAPIInitialize(null);
  const admin = await mapi.MAPIAdminProfiles(0);
  await admin.createProfile('bench', null, 0);
  const svc = await admin.adminServices('bench', null, 0);
  const uid = await svc.createMsgServiceEx(MEMORY_STORE_SERVICE, null, 0);
  await svc.configureMsgService(uid, 0, [{ ulPropTag: PR_PROFILE_MAILBOX, Value: 'bench' }]);
  const session = await mapi.MAPILogonEx('bench', null, MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_NO_MAIL);
  const stores = await session.getMsgStoresTable(0);
  await stores.setColumns([PR_ENTRYID, PR_DEFAULT_STORE], 0);
  const row = (await stores.queryRows(10, 0)).find((r) => r.lpProps[1]?.Value === true);
  const store = await session.openMsgStore(row?.lpProps[0]?.Value as Uint8Array, null, MDB_WRITE | MAPI_BEST_ACCESS);
  const inbox = await store.openEntry<IMAPIFolder>((await store.getReceiveFolder('IPM.Note', 0)).lpEntryID, null, MAPI_MODIFY);
  let msg: IMessage | null = null;
  for (let i = 0; i < 100; i++) {
    const m = await inbox.createMessage(null, 0);
    await m.setProps(tenValues(i));
    await m.saveChanges(0);
    if (msg) m.release();
    else msg = m;
  }
  const table = await inbox.getContentsTable(0);
  await table.setColumns([...TEN], 0);
  await table.seekRow(BOOKMARK_BEGINNING, 0);
  return {
    msg: msg as IMessage,
    table,
    release() {
      for (const o of [table, msg as IMessage, inbox, store, stores, svc, admin]) o.release();
      session.release();
    },
  };
}

/** Runs the ABI benchmarks and returns their results as a printable section. */
export async function runAbiBenchmarks(options: AbiBenchOptions = {}): Promise<BenchSection> {
  const log = options.log ?? (() => {});
  const reps = options.quick ? 5 : 11;
  const calls = options.quick ? 100 : 400;
  const started = performance.now();

  log('abi: building the direct world and the backend → fake ABI → emulator world');
  const direct = await world(
    createMapi({ clock: new VirtualClock(), scheduler: new ManualScheduler(), ids: new SeededIds(5), memoryServer: new MemoryServer(new SeededIds(1005)) }),
  );
  const host = await HostClient.start();
  const fake = FakeMapi.create(host, { seed: 5, retainFreed: false });
  const backend = createMapi({ backend: 'windows', windows: { library: fake.library } });
  const viaAbi = await world(backend);

  const per = (ms: number) => (ms * 1000) / calls;
  const loop = (f: () => Promise<unknown>) => async () => {
    let n = 0;
    for (let i = 0; i < calls; i++) n += ((await f()) as unknown[]).length;
    return n;
  };
  const rows: string[][] = [];
  const measure = async (label: string, d: () => Promise<unknown>, b: () => Promise<unknown>) => {
    log(`abi: ${label}`);
    const r = await compare([{ name: 'abi', run: loop(b) }, { name: 'direct', run: loop(d) }], reps);
    if (r.check['abi'] !== r.check['direct']) throw new Error(`abi bench: ${label} results differ`);
    rows.push([label, fmt(per(r.ms['direct'] as number)), fmt(per(r.ms['abi'] as number)), `${fmt(r.ratio['direct'] as number)}×`]);
  };
  await measure('(h) getProps, 10 properties', () => direct.msg.getProps([...TEN], 0), () => viaAbi.msg.getProps([...TEN], 0));
  await measure('(i) queryRows, 100 rows × 10 columns', () => direct.table.queryRows(100, TBL_NOADVANCE), () => viaAbi.table.queryRows(100, TBL_NOADVANCE));

  // Where the time goes: the fake's worker round trip, and the backend's own marshalling.
  const props = tenValues(1);
  const rowSet = (await direct.table.queryRows(100, TBL_NOADVANCE)).map((r) => r.lpProps);
  const rt = backend.runtime;
  const time = (n: number, f: () => void) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    return ((performance.now() - t0) * 1000) / n;
  };
  const roundTrip = time(calls, () => host.request({ op: 'stats' }));
  const marshalProps = time(calls, () => {
    const p = encodePropArray(rt, props);
    readPropArray(rt.mem, p, props.length, rt.codePage);
    rt.alloc.freeBuffer(p);
  });
  const marshalRows = time(Math.max(20, calls / 10), () => {
    const p = encodeRowSet(rt, rowSet);
    readRowSet(rt.mem, p, rt.codePage);
    freeRowSet(rt, p);
  });
  // What WinTable.queryRows does once the native call has returned: read the row set MAPI
  // (here the fake, with its own allocator) laid out, then FreeProws; medians of `reps` reps.
  const decodeRuns: number[] = [];
  const freeRuns: number[] = [];
  const encodeRuns: number[] = [];
  for (let r = 0; r < reps; r++) {
    const n = Math.max(20, calls / 10);
    const t0 = performance.now();
    const sets = Array.from({ length: n }, () => encodeRowSet(fake.ctx, rowSet));
    const t1 = performance.now();
    for (const p of sets) readRowSet(rt.mem, p, rt.codePage);
    const t2 = performance.now();
    for (const p of sets) rt.lib.FreeProws(p);
    const t3 = performance.now();
    encodeRuns.push(((t1 - t0) * 1000) / n);
    decodeRuns.push(((t2 - t1) * 1000) / n);
    freeRuns.push(((t3 - t2) * 1000) / n);
  }
  const [decodeRows, freeProws, fakeEncodeRows] = [median(decodeRuns), median(freeRuns), median(encodeRuns)];

  viaAbi.release();
  backend.MAPIUninitialize();
  const report = fake.report();
  backend.dispose();
  fake.dispose();
  await host.stop();
  direct.release();
  if (report.leaks.length || report.problems.length) throw new Error(`abi bench: the fake saw ${report.leaks.length} leaks, ${report.problems.length} problems`);

  const body = [
    markdownTable(['operation (µs per call, median of reps)', 'emulator', 'backend → fake ABI → emulator', 'overhead'], rows),
    '',
    markdownTable(['breakdown (µs per operation)', 'time'], [
      ['one synchronous round trip to the emulator worker (Atomics.wait)', fmt(roundTrip)],
      ['backend marshalling of 10 properties (encode + decode, through MAPIAllocateBuffer/MAPIFreeBuffer)', fmt(marshalProps)],
      ['backend marshalling of 100 rows × 10 columns (encode as MAPI lays them out + decode + FreeProws)', fmt(marshalRows)],
      ["(i) after the native call, the backend's part: decode the 100 rows × 10 columns MAPI returned", fmt(decodeRows)],
      ['(i) after the native call: FreeProws (here a callback into the fake, which frees 101 blocks)', fmt(freeProws)],
      ["(i) the fake's own marshalling: lay out 100 rows × 10 columns in MAPI memory", fmt(fakeEncodeRows)],
    ]),
    '',
    `${calls} calls per rep, ${reps} reps. Against Outlook's MAPI the worker round trip and the fake's own marshalling disappear; the backend's ` +
      'marshalling and one koffi call per method remain. Section time ' +
      `${fmt((performance.now() - started) / 1000)} s.`,
  ].join('\n');
  return { title: 'Windows backend: per-call overhead through the fake MAPI ABI', body };
}
