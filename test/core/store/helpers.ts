/**
 * Test helpers for the store kit: a StoreContext over a MemoryBackend with a VirtualClock,
 * SeededIds, a ManualScheduler and a NotificationHub, so every run makes the same entry IDs,
 * timestamps and notification timing.
 *
 * @example
 * const s = await makeStore();                 // default folders (Inbox, Outbox, ...)
 * const inbox = await s.openSpecial('inbox');   // IMAPIFolder, read/write
 * const rec = await s.record();                 // NotificationRecorder on the whole store
 * ...
 * await s.flush();                              // deliver notifications
 */
import { StoreContext, type StoreSupport } from '../../../src/core/store/StoreContext.js';
import { ExchangeEntryIds } from '../../../src/core/store/entryIds.js';
import { MemoryBackend } from '../../../src/providers/memory-store/MemoryBackend.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import { NotificationHub } from '../../../src/core/notify/NotificationHub.js';
import { ManualScheduler } from '../../../src/core/notify/scheduler.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { initializeStore } from '../../../src/core/store/defaultFolders.js';
import { openStoreObject } from '../../../src/core/store/MsgStore.js';
import { openFolder } from '../../../src/core/store/Folder.js';
import type { NodeId, SpecialFolder } from '../../../src/core/spi/store.js';
import type { IMAPIFolder, IMsgStore } from '../../../src/core/store/interfaces.js';
import type { IMAPITable } from '../../../src/core/table/interfaces.js';
import type { SPropValue, SRow } from '../../../src/core/props/types.js';
import type { NOTIFICATION, OBJECT_NOTIFICATION } from '../../../src/core/notify/types.js';
import { KEEP_OPEN_READWRITE, MAPI_FOLDER, MAPI_MODIFY, fnevObjectModified } from '../../../src/core/generated/constants.js';
import { PR_CONTENT_COUNT, PR_CONTENT_UNREAD, PR_ENTRYID, PR_SUBFOLDERS, PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';

/** MAPI's wrapped-store MAPIUID (muidStoreWrap), so test store entry IDs look like the ones a session hands out. */
const MUID_STORE_WRAP = Uint8Array.of(0x38, 0xa1, 0xbb, 0x10, 0x05, 0xe5, 0x10, 0x1a, 0xa1, 0xbb, 0x08, 0x00, 0x2b, 0x2a, 0x56, 0xc2);

/** Options of {@link makeStoreContext}. */
export interface TestStoreOptions {
  /** Seed of the id source (default 7). */
  seed?: number;
  /** The spooler hand-off (StoreSupport.submit). */
  submit?: StoreSupport['submit'];
  /** A read-only backend (STORE_READONLY, MAPI_E_NO_ACCESS on writes). */
  readOnly?: boolean;
  /** Shares the clock, ids, hub and scheduler of another test store (two stores of one world). */
  sameWorldAs?: { ids: SeededIds; clock: VirtualClock; scheduler: ManualScheduler; hub: NotificationHub };
}

/** An empty store (only the root folder) and its deterministic world. */
export function makeStoreContext(options: TestStoreOptions = {}) {
  const world = options.sameWorldAs;
  const ids = world?.ids ?? new SeededIds(options.seed ?? 7);
  const clock = world?.clock ?? new VirtualClock();
  const scheduler = world?.scheduler ?? new ManualScheduler();
  const hub = world?.hub ?? new NotificationHub({ scheduler });
  const uid = ids.bytes(16);
  const backend = new MemoryBackend(new ExchangeEntryIds(uid, ids.bytes(16)));
  if (options.readOnly) Object.defineProperty(backend, 'readOnly', { value: true });
  const support: StoreSupport = { clock, ids, hub, scheduler, codePage: 1252, interceptor: null, ...(options.submit && { submit: options.submit }) };
  const dll = new TextEncoder().encode('mapi-emu.dll\0');
  const storeEntryId = Uint8Array.from([0, 0, 0, 0, ...MUID_STORE_WRAP, 0, 0, ...dll, ...uid]);
  const ctx = new StoreContext(backend, support, storeEntryId, ids.bytes(16));
  const s = {
    ctx,
    backend,
    clock,
    ids,
    hub,
    scheduler,
    /** Delivers every pending notification. */
    flush: () => hub.flush(),
    /** A read/write store object (IMsgStore). */
    store: (writable = true): IMsgStore => openStoreObject(ctx, { writable }),
    /** A read/write handle on a folder node. */
    folder: (id: NodeId, writable = true): IMAPIFolder => openFolder(ctx, id, writable),
    /** A handle on a special folder of an initialized store. */
    openSpecial: (role: SpecialFolder, writable = true): IMAPIFolder => openFolder(ctx, backend.specialFolders()[role] as NodeId, writable),
    /** A recorder advised on the whole store through a store object. */
    record: async (mask = 0x000000ff): Promise<NotificationRecorder> => {
      const r = new NotificationRecorder();
      await openStoreObject(ctx, { writable: true }).advise(null, mask, r);
      return r;
    },
  };
  return s;
}

/** A test store and its world. */
export type TestStore = ReturnType<typeof makeStoreContext>;

/** A store with the default folders of a new mailbox (initializeStore). */
export async function makeStore(options: TestStoreOptions = {}): Promise<TestStore> {
  const s = makeStoreContext(options);
  await initializeStore(s.ctx, 'Test Mailbox');
  return s;
}

/** Creates and saves a message in a folder; resolves to its entry ID. */
export async function addMessage(folder: IMAPIFolder, props: SPropValue[] = [], associated = false): Promise<Uint8Array> {
  const msg = await folder.createMessage(null, associated ? 0x40 : 0);
  await msg.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'message' }, ...props]);
  await msg.saveChanges(KEEP_OPEN_READWRITE);
  return (await prop(msg, PR_ENTRYID)) as Uint8Array;
}

/** A subfolder's handle (created read/write). */
export async function addFolder(parent: IMAPIFolder, name: string, type = 1): Promise<IMAPIFolder> {
  return parent.createFolder(type, name, null, null, 0);
}

/** Opens an entry ID read/write through a store object. */
export function openRW<U>(store: IMsgStore, eid: Uint8Array): Promise<U> {
  return store.openEntry(eid, null, MAPI_MODIFY) as Promise<U>;
}

/** A single property value by tag (undefined when absent or an error). */
export async function prop(obj: { getProps(t: number[], f?: number): Promise<SPropValue[]> }, tag: number): Promise<unknown> {
  const [v] = await obj.getProps([tag], 0);
  return v && v.ulPropTag === tag ? v.Value : undefined;
}

/** The scode a promise rejects with (a MapiError), or undefined when it resolves. */
export async function scodeOf(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    if (e instanceof MapiError) return e.scode;
    throw e;
  }
}

/** Every row of a table (from the start). */
export async function allRows(t: IMAPITable): Promise<SRow[]> {
  await t.seekRow(0, 0);
  return t.queryRows(1000, 0);
}

/** The value of a column in a row (undefined when absent or an error). */
export function cell(row: SRow | undefined, tag: number): unknown {
  return row?.lpProps.find((p) => p.ulPropTag === tag)?.Value;
}

/** Tags of a folder's computed counts, whose change is an fnevObjectModified on the folder (handling-message-store-notification.md). */
const COUNT_TAGS: ReadonlySet<number> = new Set([PR_CONTENT_COUNT, PR_CONTENT_UNREAD, PR_SUBFOLDERS].map((t) => t >>> 0));

/** True for a folder's fnevObjectModified about its computed counts only (PR_CONTENT_COUNT, PR_CONTENT_UNREAD, PR_SUBFOLDERS). */
export function isFolderCountEvent(type: number, o: OBJECT_NOTIFICATION): boolean {
  return type === fnevObjectModified && o.ulObjType === MAPI_FOLDER && !!o.lpPropTagArray?.length && o.lpPropTagArray.every((t) => COUNT_TAGS.has(t >>> 0));
}

/**
 * The object notifications (fnevObject*) a recorder got, as [event type, payload] pairs,
 * without the folder-count ones (see {@link folderCountEvents}) unless `withCounts`.
 */
export function objectEvents(rec: NotificationRecorder, withCounts = false): [number, OBJECT_NOTIFICATION][] {
  return rec.notifications
    .filter((n): n is Extract<NOTIFICATION, { obj: OBJECT_NOTIFICATION }> => 'obj' in n)
    .filter((n) => withCounts || !isFolderCountEvent(n.ulEventType, n.obj))
    .map((n) => [n.ulEventType, n.obj]);
}

/** The folders' fnevObjectModified about their computed counts that a recorder got. */
export function folderCountEvents(rec: NotificationRecorder): OBJECT_NOTIFICATION[] {
  return objectEvents(rec, true).filter(([t, o]) => isFolderCountEvent(t, o)).map(([, o]) => o);
}
