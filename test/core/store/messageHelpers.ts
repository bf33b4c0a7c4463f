import { StoreContext, type StoreSupport } from '../../../src/core/store/StoreContext.js';
import { ExchangeEntryIds } from '../../../src/core/store/entryIds.js';
import { MemoryBackend } from '../../../src/providers/memory-store/MemoryBackend.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import { NotificationHub } from '../../../src/core/notify/NotificationHub.js';
import { ManualScheduler } from '../../../src/core/notify/scheduler.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { newMessage, openMessage } from '../../../src/core/store/Message.js';
import type { FolderRecord, NodeId } from '../../../src/core/spi/store.js';
import type { IMessage } from '../../../src/core/store/interfaces.js';
import type { IMAPITable } from '../../../src/core/table/interfaces.js';
import type { SPropValue, SRow } from '../../../src/core/props/types.js';
import { PR_DISPLAY_NAME_W } from '../../../src/core/generated/proptags.js';
import { FOLDER_GENERIC, KEEP_OPEN_READWRITE } from '../../../src/core/generated/constants.js';

/** A store over a MemoryBackend with a virtual clock, seeded ids and a manual scheduler, and one folder "Inbox". */
export function makeStore(options: { submit?: StoreSupport['submit']; seed?: number } = {}) {
  const ids = new SeededIds(options.seed ?? 42);
  const uid = ids.bytes(16);
  const dbGuid = ids.bytes(16);
  const backend = new MemoryBackend(new ExchangeEntryIds(uid, dbGuid));
  const clock = new VirtualClock();
  const scheduler = new ManualScheduler();
  const hub = new NotificationHub({ scheduler });
  const support: StoreSupport = { clock, ids, hub, scheduler, codePage: 1252, interceptor: null, ...(options.submit && { submit: options.submit }) };
  const ctx = new StoreContext(backend, support, new Uint8Array(24).fill(1), new Uint8Array(16).fill(2));
  const folderId = addFolder(ctx, backend.rootId(), 'Inbox');
  return { ctx, backend, clock, ids, hub, scheduler, folderId, dbGuid };
}

export type TestStore = ReturnType<typeof makeStore>;

/** Creates a folder record directly through the backend and reports it. */
export function addFolder(ctx: StoreContext, parentId: NodeId, name: string): NodeId {
  const rec: FolderRecord = {
    id: ctx.backend.newId(),
    parentId,
    folderType: FOLDER_GENERIC,
    props: new Map([[PR_DISPLAY_NAME_W >>> 16, { ulPropTag: PR_DISPLAY_NAME_W, Value: name }]]),
  };
  void ctx.backend.putFolder(rec);
  ctx.changed({ kind: 'folder', before: null, after: rec });
  return rec.id;
}

/** Creates, fills and saves a message; resolves to its node id and the (still open, read/write) handle. */
export async function savedMessage(s: TestStore, props: SPropValue[] = [], associated = false): Promise<{ id: NodeId; msg: IMessage }> {
  const msg = newMessage(s.ctx, s.folderId, associated);
  if (props.length) await msg.setProps(props);
  await msg.saveChanges(KEEP_OPEN_READWRITE);
  const id = idOf(s, msg);
  return { id, msg };
}

/** The node id of a saved message handle (from its entry ID). */
export function idOf(_s: TestStore, msg: IMessage): NodeId {
  return (msg as unknown as { nodeId: NodeId }).nodeId;
}

/** Opens a message read/write. */
export function open(s: TestStore, id: NodeId, writable = true): IMessage {
  return openMessage(s.ctx, id, writable);
}

/** Advises a recorder on the whole store. */
export function record(s: TestStore): NotificationRecorder {
  const rec = new NotificationRecorder();
  s.hub.advise(s.ctx.adviseSource, 0xffffffff, rec);
  return rec;
}

/** A single property value by tag (undefined when absent or an error). */
export async function prop(obj: { getProps(t: number[], f?: number): Promise<SPropValue[]> }, tag: number): Promise<unknown> {
  const [v] = await obj.getProps([tag], 0);
  return v && v.ulPropTag === tag ? v.Value : undefined;
}

/** The scode a promise rejects with, or undefined when it resolves. */
export async function scodeOf(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    if (e instanceof MapiError) return e.scode;
    throw e;
  }
}

/** Every row of a table. */
export async function allRows(t: IMAPITable): Promise<SRow[]> {
  await t.seekRow(0, 0);
  return t.queryRows(1000, 0);
}

/** The value of a column in a row. */
export function cell(row: SRow | undefined, tag: number): unknown {
  return row?.lpProps.find((p) => p.ulPropTag === tag)?.Value;
}
