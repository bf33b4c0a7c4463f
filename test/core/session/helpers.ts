/**
 * Test helpers for the session layer: a deterministic MAPI world (VirtualClock, SeededIds,
 * ManualScheduler) with the in-memory mailbox service, and profile set-up in one call.
 */
import { expect } from 'vitest';
import { createMapi } from '../../../src/mapi.js';
import type { MapiSubsystem } from '../../../src/core/session/MapiSubsystem.js';
import type { IMAPISession, IMsgServiceAdmin, IProfAdmin } from '../../../src/core/session/interfaces.js';
import { MemoryServer } from '../../../src/providers/memory-store/MemoryServer.js';
import { MEMORY_STORE_SERVICE } from '../../../src/providers/memory-store/service.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import { ManualScheduler } from '../../../src/core/notify/scheduler.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { scodeName } from '../../../src/core/errors/MapiError.js';
import type { IMAPITable } from '../../../src/core/table/interfaces.js';
import type { SRow, SPropValue } from '../../../src/core/props/types.js';
import { PR_DISPLAY_NAME_W, PR_PROFILE_MAILBOX } from '../../../src/core/generated/proptags.js';
import { MAPI_EXTENDED, MAPI_NEW_SESSION, MAPI_NO_MAIL } from '../../../src/core/generated/constants.js';

/** A deterministic world. */
export interface TestWorld {
  mapi: MapiSubsystem;
  server: MemoryServer;
  clock: VirtualClock;
  scheduler: ManualScheduler;
  admin: IProfAdmin;
}

/** A new world, initialized, with its profile administration object. */
export async function makeWorld(seed = 1, server?: MemoryServer): Promise<TestWorld> {
  const clock = new VirtualClock();
  const scheduler = new ManualScheduler();
  const ids = new SeededIds(seed);
  const srv = server ?? new MemoryServer(new SeededIds(seed + 1000));
  const mapi = createMapi({ clock, scheduler, ids, memoryServer: srv });
  await mapi.MAPIInitialize();
  const admin = await mapi.MAPIAdminProfiles(0);
  return { mapi, server: srv, clock, scheduler, admin };
}

/** Creates a profile with one in-memory mailbox service on `mailbox`; resolves to the service admin and the service UID. */
export async function makeProfile(w: TestWorld, name: string, mailbox: string, displayName?: string): Promise<{ svc: IMsgServiceAdmin; uid: Uint8Array }> {
  await w.admin.createProfile(name, null, 0);
  const svc = await w.admin.adminServices(name, null, 0);
  const uid = await svc.createMsgServiceEx(MEMORY_STORE_SERVICE, null, 0);
  const props: SPropValue[] = [{ ulPropTag: PR_PROFILE_MAILBOX, Value: mailbox }];
  if (displayName) props.push({ ulPropTag: PR_DISPLAY_NAME_W, Value: displayName });
  await svc.configureMsgService(uid, 0, props);
  return { svc, uid };
}

/** Logs on to a profile with a new session. */
export function logon(w: TestWorld, name: string, flags = MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_NO_MAIL): Promise<IMAPISession> {
  return w.mapi.MAPILogonEx(name, null, flags);
}

/** Every row of a table. */
export async function allRows(t: IMAPITable, columns?: number[]): Promise<SRow[]> {
  if (columns) await t.setColumns(columns, 0);
  return t.queryRows(1000, 0);
}

/** The value of a column of a row. */
export function col(row: SRow, tag: number): unknown {
  return row.lpProps.find((p) => p.ulPropTag === tag)?.Value;
}

/** Expects a promise to reject with a MapiError of `scode`. */
export async function expectScode(p: Promise<unknown>, scode: number): Promise<MapiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(MapiError);
    expect(scodeName((e as MapiError).scode)).toBe(scodeName(scode));
    return e as MapiError;
  }
  throw new Error(`expected ${scodeName(scode)}, but the call succeeded`);
}
