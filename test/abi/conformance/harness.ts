/**
 * The conformance harness: a scenario written against the public API runs on a target — the
 * emulator directly, or the Windows backend over the fake MAPI ABI over the emulator — and
 * produces a transcript (every result, and the scode of every failure) that must be the same
 * on both. Objects a scenario opens are released at the end, so the fake can prove that every
 * interface was released and every buffer freed.
 */
import type { IMAPISession, IProfAdmin } from '../../../src/core/session/interfaces.js';
import type { MAPIINIT_0 } from '../../../src/core/session/MapiSubsystem.js';
import type { IUnknown } from '../../../src/core/props/interfaces.js';
import { MapiError, scodeName } from '../../../src/core/errors/MapiError.js';
import { createMapi } from '../../../src/mapi.js';
import { MemoryServer } from '../../../src/providers/memory-store/MemoryServer.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import { ManualScheduler } from '../../../src/core/notify/scheduler.js';
import { FakeMapi } from '../fake/FakeMapi.js';
import { MAPIOpenFormMgr } from '../../../src/core/forms/FormMgr.js';
import type { FormDescription, IMAPIFormMgr } from '../../../src/core/forms/types.js';
import { nativePointerOf } from '../../../src/providers/windows/wrappers/WinUnknown.js';
import { installLocalForms } from '../host/forms.js';
import type { HostClient } from '../fake/HostClient.js';

/** The MAPI entry points a scenario uses: what MapiSubsystem and WindowsMapi both offer. */
export interface MapiEntryPoints {
  MAPIInitialize(lpMapiInit?: MAPIINIT_0 | null): Promise<void>;
  MAPIUninitialize(): void;
  MAPILogonEx(lpszProfileName: string | null, lpszPassword: string | null, flFlags?: number): Promise<IMAPISession>;
  MAPIAdminProfiles(ulFlags?: number): Promise<IProfAdmin>;
  flushNotifications(): Promise<void>;
  /** mapi32.dll's MAPIOpenFormMgr (the emulator's is a function of src/core/forms, the backend's a WindowsMapi method). */
  MAPIOpenFormMgr(pSession: IMAPISession): Promise<IMAPIFormMgr>;
}

/** What a target does outside the public API (set-up a real MAPI would already have). */
export interface TargetSetup {
  /** Installs forms in the local form library of the session's MAPI (Outlook's forms are installed by Outlook). */
  installLocalForms(session: IMAPISession, forms: readonly FormDescription[]): Promise<void>;
}

/** A recorded result: the value, or the scode name of the failure. */
export type Entry = [label: string, value: unknown];

/** What a scenario works with. */
export class ScenarioContext {
  readonly entries: Entry[] = [];
  private readonly opened: IUnknown[] = [];

  constructor(
    readonly mapi: MapiEntryPoints,
    readonly setup: TargetSetup,
  ) {}

  /** Keeps an object to release at the end of the scenario. */
  keep<T extends IUnknown>(o: T): T {
    this.opened.push(o);
    return o;
  }

  /** Records a result (a failure is recorded as its scode and re-thrown). */
  async rec<T>(label: string, p: Promise<T> | T): Promise<T> {
    try {
      const v = await p;
      this.entries.push([label, normalize(v)]);
      return v;
    } catch (e) {
      this.entries.push([label, { error: errorName(e) }]);
      throw e;
    }
  }

  /** Records a call expected to fail (or its result if it does not). */
  async fails(label: string, p: Promise<unknown>): Promise<void> {
    try {
      this.entries.push([label, { unexpectedSuccess: normalize(await p) }]);
    } catch (e) {
      this.entries.push([label, { error: errorName(e) }]);
    }
  }

  /** Records a value computed by the scenario. */
  note(label: string, v: unknown): void {
    this.entries.push([label, normalize(v)]);
  }

  /** Releases every kept object, newest first. */
  releaseAll(): void {
    for (const o of this.opened.splice(0).reverse()) o.release();
  }
}

function errorName(e: unknown): string {
  if (e instanceof MapiError) return scodeName(e.scode);
  throw e;
}

/** Objects (interfaces) are recorded as their kind only: what matters is what they answer. */
function normalize(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (typeof (v as { release?: unknown }).release === 'function' && typeof (v as { queryInterface?: unknown }).queryInterface === 'function') return '<interface>';
  if (Array.isArray(v)) return v.map(normalize);
  if (Object.getPrototypeOf(v) !== Object.prototype) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = normalize(x);
  return out;
}

/** A scenario: public-API calls whose results go to the context. */
export type Scenario = (c: ScenarioContext) => Promise<void>;

/** A place to run scenarios. */
export interface Target {
  readonly name: string;
  /** Runs a scenario on a fresh world; resolves to its transcript. */
  run(scenario: Scenario): Promise<Entry[]>;
}

const SEED = 11;

function emulatorWorld() {
  return createMapi({ clock: new VirtualClock(), scheduler: new ManualScheduler(), ids: new SeededIds(SEED), memoryServer: new MemoryServer(new SeededIds(SEED + 1000)) });
}

async function runOn(mapi: MapiEntryPoints, setup: TargetSetup, scenario: Scenario): Promise<Entry[]> {
  const c = new ScenarioContext(mapi, setup);
  try {
    await scenario(c);
  } finally {
    c.releaseAll();
  }
  return c.entries;
}

/** The emulator, called directly. */
export const emulatorTarget: Target = {
  name: 'emulator',
  run: (scenario) => {
    const world = emulatorWorld();
    const mapi: MapiEntryPoints = {
      MAPIInitialize: (init) => world.MAPIInitialize(init),
      MAPIUninitialize: () => world.MAPIUninitialize(),
      MAPILogonEx: (name, pass, flags) => world.MAPILogonEx(name, pass, flags),
      MAPIAdminProfiles: (flags) => world.MAPIAdminProfiles(flags),
      flushNotifications: () => world.flushNotifications(),
      MAPIOpenFormMgr: (session) => MAPIOpenFormMgr(session),
    };
    return runOn(mapi, { installLocalForms: async (session, forms) => void (await installLocalForms(session, forms)) }, scenario);
  },
};

/** What the fake saw during the last backend run. */
export interface BackendRunReport {
  leaks: string[];
  problems: string[];
  liveObjects: string[];
  heldSinks: number;
  nativeSinksAlive: number;
  allocations: number;
}

/** The Windows backend over the fake MAPI ABI over the emulator (same world set-up as {@link emulatorTarget}). */
export function backendTarget(host: HostClient): Target & { lastReport: BackendRunReport | null } {
  const target = {
    name: 'backend → fake ABI → emulator',
    lastReport: null as BackendRunReport | null,
    async run(scenario: Scenario): Promise<Entry[]> {
      const fake = FakeMapi.create(host, { seed: SEED });
      // The public switch, pointed at the fake instead of Outlook's DLL.
      const mapi = createMapi({ backend: 'windows', windows: { library: fake.library } });
      try {
        const setup: TargetSetup = {
          installLocalForms: (session, forms) => {
            const obj = fake.lookup(nativePointerOf(session));
            if (!obj) return Promise.reject(new Error('installLocalForms: not a session of the backend'));
            fake.request({ op: 'global', m: 'installLocalForms', a: fake.wire([obj, forms]) });
            return Promise.resolve();
          },
        };
        return await runOn(mapi, setup, scenario);
      } finally {
        target.lastReport = { ...fake.report(), nativeSinksAlive: mapi.runtime.sinks.liveCount, allocations: fake.tracker.allocations };
        mapi.dispose();
        fake.dispose();
      }
    },
  };
  return target;
}
