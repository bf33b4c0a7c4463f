/**
 * The store contract's per-case environment and the small helpers its cases share.
 * @internal
 */
import { expect } from 'vitest';
import type { ADRENTRY, SPropValue, SRow } from '../../core/props/types.js';
import type { IMAPIProp } from '../../core/props/interfaces.js';
import type { IMAPIFolder, IMessage } from '../../core/store/interfaces.js';
import type { IMAPITable } from '../../core/table/interfaces.js';
import type { NOTIFICATION, OBJECT_NOTIFICATION } from '../../core/notify/types.js';
import type { ContractStore, StoreCapabilities } from '../storeContract.js';
import { MapiError, scodeName } from '../../core/errors/MapiError.js';
import { NotificationRecorder } from '../../core/notify/sink.js';
import { PROP_TYPE } from '../../core/props/tags.js';
import { PT_ERROR } from '../../core/generated/proptypes.js';
import * as T from '../../core/generated/proptags.js';
import * as C from '../../core/generated/constants.js';

/** What the case modules get: the capabilities, and the current case's environment. */
export interface ContractSuite {
  readonly caps: StoreCapabilities;
  env(): ContractEnv;
}

/** The store of one case, with the folders the case works in. */
export class ContractEnv {
  private scratchFolders: Uint8Array[] = [];
  private ipmFolder: IMAPIFolder | undefined;

  constructor(
    readonly caps: StoreCapabilities,
    private readonly opened: ContractStore,
  ) {}

  get store() {
    return this.opened.store;
  }

  get session() {
    return this.opened.session;
  }

  /** Delivers pending notifications. */
  flush(): Promise<void> {
    return this.opened.flush();
  }

  /** The root folder (openEntry(null)), with the best access there is. */
  root(): Promise<IMAPIFolder> {
    return this.store.openEntry<IMAPIFolder>(null, null, C.MAPI_BEST_ACCESS);
  }

  /** The IPM subtree (PR_IPM_SUBTREE_ENTRYID), with the best access there is. */
  async ipm(): Promise<IMAPIFolder> {
    if (!this.ipmFolder) {
      const eid = await bin(this.store, T.PR_IPM_SUBTREE_ENTRYID);
      this.ipmFolder = await this.store.openEntry<IMAPIFolder>(eid, null, C.MAPI_BEST_ACCESS);
    }
    return this.ipmFolder;
  }

  /** A new, empty, writable folder under the IPM subtree, deleted after the case. */
  async scratch(name = 'contract'): Promise<IMAPIFolder> {
    const ipm = await this.ipm();
    const f = await ipm.createFolder(C.FOLDER_GENERIC, `mapi-emu ${name} ${this.scratchFolders.length + 1}`, null, null, 0);
    this.scratchFolders.push(await bin(f, T.PR_ENTRYID));
    return f;
  }

  /** A recorder advised on the store (or on one object) for `mask`. */
  async record(mask: number = OBJECT_EVENTS, entryId: Uint8Array | null = null): Promise<NotificationRecorder> {
    const rec = new NotificationRecorder();
    await this.store.advise(entryId, mask, rec);
    return rec;
  }

  /** Removes the scratch folders and closes the store. */
  async dispose(): Promise<void> {
    if (this.caps.write && this.scratchFolders.length) {
      const ipm = await this.ipm();
      for (const eid of this.scratchFolders) {
        // A case may have deleted or moved its folder already.
        await ipm.deleteFolder(eid, null, C.DEL_FOLDERS | C.DEL_MESSAGES | C.DELETE_HARD_DELETE).catch(() => undefined);
      }
    }
    await this.opened.close?.();
  }
}

/** Every object event. */
export const OBJECT_EVENTS = C.fnevObjectCreated | C.fnevObjectDeleted | C.fnevObjectModified | C.fnevObjectMoved | C.fnevObjectCopied;

/** A bit no store method defines, for MAPI_E_UNKNOWN_FLAGS checks. */
export const UNKNOWN_FLAG = 0x00100000;

/** An entry ID no store made: a made-up provider MAPIUID. */
export const FOREIGN_ENTRYID = Uint8Array.from([0, 0, 0, 0, ...new Array<number>(16).fill(0xee), 1, 0, 0, 0, 0, 0, 0, 0]);

/** A property's value (undefined when absent or an error). */
export async function prop(obj: Pick<IMAPIProp, 'getProps'>, tag: number): Promise<SPropValue['Value'] | undefined> {
  const [v] = await obj.getProps([tag], 0);
  return v && v.ulPropTag === tag ? v.Value : undefined;
}

/** A binary property that must be present. */
export async function bin(obj: Pick<IMAPIProp, 'getProps'>, tag: number): Promise<Uint8Array> {
  const v = await prop(obj, tag);
  expect(v, `property 0x${(tag >>> 0).toString(16)}`).toBeInstanceOf(Uint8Array);
  return v as Uint8Array;
}

/** The scode getProps answers for a property (PT_ERROR entry), or undefined when it has a value. */
export async function propError(obj: Pick<IMAPIProp, 'getProps'>, tag: number): Promise<number | undefined> {
  const [v] = await obj.getProps([tag], 0);
  return v && PROP_TYPE(v.ulPropTag) === PT_ERROR ? (v.Value as number) >>> 0 : undefined;
}

/** Every row of a table, from the start, with `columns` when given. */
export async function rows(t: IMAPITable, columns?: number[]): Promise<SRow[]> {
  if (columns) await t.setColumns(columns, 0);
  await t.seekRow(0, 0);
  const out: SRow[] = [];
  for (;;) {
    const batch = await t.queryRows(100, 0);
    if (!batch.length) return out;
    out.push(...batch);
  }
}

/** A cell of a row (undefined when absent or an error). */
export function cell(row: SRow | undefined, tag: number): SPropValue['Value'] | undefined {
  return row?.lpProps.find((p) => p.ulPropTag === tag)?.Value;
}

/** Expects a promise to reject with a MapiError whose scode is one of `scodes`. */
export async function rejects(p: Promise<unknown>, ...scodes: number[]): Promise<void> {
  let error: unknown;
  try {
    await p;
  } catch (e) {
    error = e;
  }
  const want = scodes.map((s) => scodeName(s)).join(' or ');
  if (error === undefined) expect.fail(`expected ${want}, but the call succeeded`);
  expect(error, `expected ${want}`).toBeInstanceOf(MapiError);
  expect(scodes.map((s) => s >>> 0), `expected ${want}, got ${(error as MapiError).name}: ${(error as MapiError).message}`).toContain((error as MapiError).scode >>> 0);
}

/** Properties of a message to create. */
export interface MessageSpec {
  props?: SPropValue[];
  /** Recipients as [display name, PR_RECIPIENT_TYPE]. */
  recipients?: [string, number][];
  /** Attachments by value: [file name, bytes]. */
  attachments?: [string, Uint8Array][];
  associated?: boolean;
}

/** A recipient entry for modifyRecipients. */
export function recipient(name: string, type: number): ADRENTRY {
  return {
    rgPropVals: [
      { ulPropTag: T.PR_DISPLAY_NAME_W, Value: name },
      { ulPropTag: T.PR_RECIPIENT_TYPE, Value: type },
      { ulPropTag: T.PR_ADDRTYPE_W, Value: 'SMTP' },
      { ulPropTag: T.PR_EMAIL_ADDRESS_W, Value: `${name.toLowerCase()}@example.com` },
    ],
  };
}

/** Creates and saves a message (KEEP_OPEN_READWRITE); resolves to the handle and its entry ID. */
export async function saveMessage(folder: IMAPIFolder, subject: string, spec: MessageSpec = {}): Promise<{ msg: IMessage; eid: Uint8Array }> {
  const msg = await folder.createMessage(null, spec.associated ? C.MAPI_ASSOCIATED : 0);
  await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: subject }, ...(spec.props ?? [])]);
  if (spec.recipients?.length) await msg.modifyRecipients(C.MODRECIP_ADD, spec.recipients.map(([n, t]) => recipient(n, t)));
  for (const [name, data] of spec.attachments ?? []) {
    const { attach } = await msg.createAttach(null, 0);
    await attach.setProps([
      { ulPropTag: T.PR_ATTACH_METHOD, Value: C.ATTACH_BY_VALUE },
      { ulPropTag: T.PR_ATTACH_FILENAME_W, Value: name },
      { ulPropTag: T.PR_ATTACH_LONG_FILENAME_W, Value: name },
      { ulPropTag: T.PR_ATTACH_DATA_BIN, Value: data },
    ]);
    await attach.saveChanges(0);
  }
  await msg.saveChanges(C.KEEP_OPEN_READWRITE);
  return { msg, eid: await bin(msg, T.PR_ENTRYID) };
}

/** Subjects of a folder's contents table, sorted. */
export async function subjects(folder: IMAPIFolder, flags = 0): Promise<string[]> {
  const all = await rows(await folder.getContentsTable(flags | C.MAPI_UNICODE), [T.PR_ENTRYID, T.PR_SUBJECT_W]);
  return all.map((r) => String(cell(r, T.PR_SUBJECT_W))).sort();
}

/** Names of a folder's hierarchy table, sorted. */
export async function folderNames(folder: IMAPIFolder, flags = 0): Promise<string[]> {
  const all = await rows(await folder.getHierarchyTable(flags | C.MAPI_UNICODE), [T.PR_ENTRYID, T.PR_DISPLAY_NAME_W]);
  return all.map((r) => String(cell(r, T.PR_DISPLAY_NAME_W))).sort();
}

/** The entry ID of the subfolder named `name` (from the hierarchy table). */
export async function childEntryId(folder: IMAPIFolder, name: string): Promise<Uint8Array | undefined> {
  const all = await rows(await folder.getHierarchyTable(C.MAPI_UNICODE), [T.PR_ENTRYID, T.PR_DISPLAY_NAME_W]);
  const v = cell(all.find((r) => cell(r, T.PR_DISPLAY_NAME_W) === name), T.PR_ENTRYID);
  return v instanceof Uint8Array ? v : undefined;
}

/** Tags of a folder's computed counts, whose change is an fnevObjectModified on the folder (handling-message-store-notification.md). */
const COUNT_TAGS: ReadonlySet<number> = new Set([T.PR_CONTENT_COUNT, T.PR_CONTENT_UNREAD, T.PR_SUBFOLDERS].map((t) => t >>> 0));

/** True for a folder's fnevObjectModified about its computed counts only (PR_CONTENT_COUNT, PR_CONTENT_UNREAD, PR_SUBFOLDERS). */
export function isFolderCountEvent(type: number, o: OBJECT_NOTIFICATION): boolean {
  return type === C.fnevObjectModified && o.ulObjType === C.MAPI_FOLDER && !!o.lpPropTagArray?.length && o.lpPropTagArray.every((t) => COUNT_TAGS.has(t >>> 0));
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

/** A readable event type, for failure messages. */
export function eventName(type: number): string {
  const names: [number, string][] = [
    [C.fnevObjectCreated, 'fnevObjectCreated'],
    [C.fnevObjectDeleted, 'fnevObjectDeleted'],
    [C.fnevObjectModified, 'fnevObjectModified'],
    [C.fnevObjectMoved, 'fnevObjectMoved'],
    [C.fnevObjectCopied, 'fnevObjectCopied'],
    [C.fnevNewMail, 'fnevNewMail'],
    [C.fnevTableModified, 'fnevTableModified'],
  ];
  return names.find(([v]) => v === type)?.[1] ?? `0x${type.toString(16)}`;
}

/** Bytes for attachment data. */
export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
