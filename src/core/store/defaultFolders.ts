import type { NodeId, PropMap, SpecialFolder } from '../spi/store.js';
import type { SPropValue } from '../props/types.js';
import type { StoreContext } from './StoreContext.js';
import { EmulatorError, MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import { createFolderRecord, newFolderProps, stampFolderChange, storeHasSearches } from './folderOps.js';
import * as T from '../generated/proptags.js';
import * as C from '../generated/constants.js';
import { MAPI_E_INVALID_PARAMETER } from '../generated/scodes.js';

/**
 * The store's well-known folders: the default tree of a new mailbox, the special-folder
 * entry IDs the store object computes, and receive folders.
 */

/** The folders of a new mailbox below the IPM subtree, as Exchange creates them. */
const IPM_FOLDERS: { role: SpecialFolder; name: string; cls: string; entryTag?: number }[] = [
  { role: 'inbox', name: 'Inbox', cls: 'IPF.Note' },
  { role: 'outbox', name: 'Outbox', cls: 'IPF.Note' },
  { role: 'sentItems', name: 'Sent Items', cls: 'IPF.Note' },
  { role: 'deletedItems', name: 'Deleted Items', cls: 'IPF.Note' },
  { role: 'drafts', name: 'Drafts', cls: 'IPF.Note', entryTag: T.PR_IPM_DRAFTS_ENTRYID },
  { role: 'calendar', name: 'Calendar', cls: 'IPF.Appointment', entryTag: T.PR_IPM_APPOINTMENT_ENTRYID },
  { role: 'contacts', name: 'Contacts', cls: 'IPF.Contact', entryTag: T.PR_IPM_CONTACT_ENTRYID },
  { role: 'tasks', name: 'Tasks', cls: 'IPF.Task', entryTag: T.PR_IPM_TASK_ENTRYID },
  { role: 'notes', name: 'Notes', cls: 'IPF.StickyNote', entryTag: T.PR_IPM_NOTE_ENTRYID },
  { role: 'journal', name: 'Journal', cls: 'IPF.Journal', entryTag: T.PR_IPM_JOURNAL_ENTRYID },
];

/** The non-IPM folders below the root. */
const ROOT_FOLDERS: { role: SpecialFolder; name: string }[] = [
  { role: 'ipmSubtree', name: 'Top of Information Store' },
  { role: 'finder', name: 'Finder' },
  { role: 'views', name: 'Views' },
  { role: 'commonViews', name: 'Common Views' },
];

const str = (tag: number, Value: string): SPropValue => ({ ulPropTag: tag, Value });

/**
 * Creates the default folder tree of a new, empty store, as an Exchange mailbox has it: the
 * root ("Root Container") with Top of Information Store (the IPM subtree), Finder (the
 * search root), Views and Common Views; below the IPM subtree Inbox, Outbox, Sent Items,
 * Deleted Items, Drafts (IPF.Note), Calendar, Contacts, Tasks, Notes and Journal with their
 * container classes. It sets the receive folders ('' and 'IPM' → Inbox, 'IPC' → root), the
 * PR_IPM_*_ENTRYID properties Outlook reads on the root and the Inbox, the special folders,
 * and the store's PR_DISPLAY_NAME.
 * @throws EmulatorError when the store already has an IPM subtree.
 */
export async function initializeStore(ctx: StoreContext, displayName: string): Promise<void> {
  const b = ctx.backend;
  if (b.specialFolders().ipmSubtree !== undefined) throw new EmulatorError(`initializeStore: the store "${displayName}" already has its default folders`);
  const rootId = b.rootId();
  const special: Partial<Record<SpecialFolder, NodeId>> = {};
  for (const f of ROOT_FOLDERS) special[f.role] = (await createFolderRecord(ctx, rootId, C.FOLDER_GENERIC, newFolderProps(ctx, f.name, null))).id;
  const ipm = special.ipmSubtree as NodeId;
  const entryIds: SPropValue[] = [];
  for (const f of IPM_FOLDERS) {
    const props = newFolderProps(ctx, f.name, null);
    props.set(PROP_ID(T.PR_CONTAINER_CLASS_W), str(T.PR_CONTAINER_CLASS_W, f.cls));
    const id = (await createFolderRecord(ctx, ipm, C.FOLDER_GENERIC, props)).id;
    special[f.role] = id;
    if (f.entryTag !== undefined) entryIds.push({ ulPropTag: f.entryTag, Value: ctx.folderEntryId(id) });
  }
  await b.putSpecialFolders(special);
  // Outlook reads PR_IPM_APPOINTMENT_ENTRYID and its siblings from the Inbox (and the root).
  for (const id of [rootId, special.inbox as NodeId]) {
    const rec = ctx.folder(id, 'initializeStore');
    const props: PropMap = new Map(rec.props);
    if (id === rootId) {
      props.set(PROP_ID(T.PR_DISPLAY_NAME_W), str(T.PR_DISPLAY_NAME_W, 'Root Container'));
      if (!props.has(PROP_ID(T.PR_CREATION_TIME))) props.set(PROP_ID(T.PR_CREATION_TIME), { ulPropTag: T.PR_CREATION_TIME, Value: ctx.support.clock.now() });
    }
    for (const v of entryIds) props.set(PROP_ID(v.ulPropTag), { ulPropTag: v.ulPropTag, Value: Uint8Array.from(v.Value as Uint8Array) });
    stampFolderChange(ctx, props);
    const after = { ...rec, props };
    await b.putFolder(after);
    ctx.changed({ kind: 'folder', before: rec, after });
  }
  await b.putReceiveFolders(
    new Map([
      ['', special.inbox as NodeId],
      ['IPM', special.inbox as NodeId],
      ['IPC', rootId],
    ]),
  );
  const storeProps = new Map(b.storeProps());
  storeProps.set(PROP_ID(T.PR_DISPLAY_NAME_W), str(T.PR_DISPLAY_NAME_W, displayName));
  await b.putStoreProps(storeProps);
  // The folders just made are the store's first state: nothing to announce to later sinks.
  ctx.flushFolderEvents();
}

// ------------------------------------------------------------------ special folders

/** A special folder's node when it exists and is not deleted. */
export function specialFolder(ctx: StoreContext, role: SpecialFolder): NodeId | undefined {
  const id = ctx.backend.specialFolders()[role];
  const f = id === undefined ? undefined : ctx.backend.folder(id);
  return f && !f.softDeleted ? f.id : undefined;
}

/** Store properties naming special folders, with their PR_VALID_FOLDER_MASK bit. */
const SPECIAL_ENTRY_IDS: [number, SpecialFolder, number][] = [
  [T.PR_IPM_SUBTREE_ENTRYID, 'ipmSubtree', C.FOLDER_IPM_SUBTREE_VALID],
  [T.PR_IPM_OUTBOX_ENTRYID, 'outbox', C.FOLDER_IPM_OUTBOX_VALID],
  [T.PR_IPM_WASTEBASKET_ENTRYID, 'deletedItems', C.FOLDER_IPM_WASTEBASKET_VALID],
  [T.PR_IPM_SENTMAIL_ENTRYID, 'sentItems', C.FOLDER_IPM_SENTMAIL_VALID],
  [T.PR_VIEWS_ENTRYID, 'views', C.FOLDER_VIEWS_VALID],
  [T.PR_COMMON_VIEWS_ENTRYID, 'commonViews', C.FOLDER_COMMON_VIEWS_VALID],
  [T.PR_FINDER_ENTRYID, 'finder', C.FOLDER_FINDER_VALID],
];

/** Identifiers of the store properties the kit computes (MAPI_E_COMPUTED on setProps). */
export const STORE_COMPUTED_IDS: readonly number[] = [
  T.PR_ENTRYID, T.PR_STORE_ENTRYID, T.PR_RECORD_KEY, T.PR_STORE_RECORD_KEY, T.PR_MDB_PROVIDER, T.PR_OBJECT_TYPE, T.PR_MAPPING_SIGNATURE,
  T.PR_STORE_SUPPORT_MASK, T.PR_STORE_STATE, T.PR_VALID_FOLDER_MASK, T.PR_ACCESS_LEVEL, ...SPECIAL_ENTRY_IDS.map(([t]) => t),
].map(PROP_ID); // prettier-ignore

/**
 * PR_STORE_SUPPORT_MASK: what the kit supports (pidtagstoresupportmask-canonical-property.md),
 * and the backend's extra bits; STORE_READONLY instead of the write bits for read-only stores.
 * STORE_RTF_OK, STORE_OLE_OK and STORE_UNCOMPRESSED_RTF are left to backends that do them.
 */
export function storeSupportMask(ctx: StoreContext): number {
  let mask =
    C.STORE_ENTRYID_UNIQUE | C.STORE_SEARCH_OK | C.STORE_ATTACH_OK | C.STORE_NOTIFY_OK | C.STORE_MV_PROPS_OK | C.STORE_CATEGORIZE_OK |
    C.STORE_RESTRICTION_OK | C.STORE_SORT_OK | C.STORE_HTML_OK | C.STORE_ANSI_OK | C.STORE_UNICODE_OK;
  if (ctx.backend.readOnly) mask |= C.STORE_READONLY;
  else mask |= C.STORE_MODIFY_OK | C.STORE_CREATE_OK | (ctx.support.submit ? C.STORE_SUBMIT_OK : 0);
  return (mask | (ctx.backend.supportMask ?? 0)) | 0;
}

/** The properties the store object computes: identity, PR_MDB_PROVIDER, support mask, state, special-folder entry IDs and their validity mask. */
export function storeComputedProps(ctx: StoreContext, writable: boolean): PropMap {
  const out: PropMap = new Map();
  const put = (ulPropTag: number, Value: SPropValue['Value']) => out.set(PROP_ID(ulPropTag), { ulPropTag, Value });
  // pidtagstoreentryid / pidtagstorerecordkey: for a store they equal its PR_ENTRYID / PR_RECORD_KEY.
  put(T.PR_ENTRYID, Uint8Array.from(ctx.storeEntryId));
  put(T.PR_STORE_ENTRYID, Uint8Array.from(ctx.storeEntryId));
  put(T.PR_RECORD_KEY, Uint8Array.from(ctx.backend.entryIds.uid));
  put(T.PR_STORE_RECORD_KEY, Uint8Array.from(ctx.backend.entryIds.uid));
  put(T.PR_MDB_PROVIDER, Uint8Array.from(ctx.mdbProvider));
  put(T.PR_OBJECT_TYPE, C.MAPI_STORE);
  put(T.PR_MAPPING_SIGNATURE, Uint8Array.from(ctx.backend.namedProps.signature));
  put(T.PR_STORE_SUPPORT_MASK, storeSupportMask(ctx));
  // pidtagstorestate-canonical-property.md: STORE_HAS_SEARCHES while the user has active searches.
  put(T.PR_STORE_STATE, storeHasSearches(ctx) ? C.STORE_HAS_SEARCHES : 0);
  let valid = 0;
  for (const [tag, role, bit] of SPECIAL_ENTRY_IDS) {
    const id = specialFolder(ctx, role);
    if (id === undefined) continue;
    put(tag, ctx.folderEntryId(id));
    valid |= bit;
  }
  if (resolveReceiveFolder(ctx, 'IPM')) valid |= C.FOLDER_IPM_INBOX_VALID;
  put(T.PR_VALID_FOLDER_MASK, valid);
  put(T.PR_ACCESS_LEVEL, writable && !ctx.backend.readOnly ? C.MAPI_MODIFY : 0);
  return out;
}

// ------------------------------------------------------------------ receive folders

/**
 * Checks a message class argument: null means '' (the default). A class has at most 255
 * printable ASCII characters and no leading, trailing or doubled period ([MS-OXCSTOR]
 * RopSetReceiveFolder / RopGetReceiveFolder); anything else is MAPI_E_INVALID_PARAMETER.
 */
export function checkMessageClass(where: string, cls: unknown): string {
  if (cls === null || cls === undefined) return '';
  if (typeof cls !== 'string') throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: the message class must be a string or null`);
  if (cls.length > 255 || !/^[\x20-\x7e]*$/.test(cls) || cls.startsWith('.') || cls.endsWith('.') || cls.includes('..')) {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: ${JSON.stringify(cls)} is not a valid message class`);
  }
  return cls;
}

/** The receive-folder setting for exactly `cls` (case-insensitive), as [class as stored, folder]. */
export function receiveSetting(ctx: StoreContext, cls: string): [string, NodeId] | undefined {
  const want = cls.toUpperCase();
  for (const entry of ctx.backend.receiveFolders()) if (entry[0].toUpperCase() === want) return entry;
  return undefined;
}

/**
 * The receive folder of a message class: the setting of the class itself, else of its
 * nearest base class ("IPM.Note.Phone" → "IPM.Note" → "IPM"), else the default ('').
 * Settings whose folder was deleted are skipped. @see imsgstore-getreceivefolder.md
 */
export function resolveReceiveFolder(ctx: StoreContext, cls: string): { id: NodeId; explicitClass: string } | undefined {
  for (let c = cls; ; c = c.includes('.') ? c.slice(0, c.lastIndexOf('.')) : '') {
    const hit = receiveSetting(ctx, c);
    const f = hit && ctx.backend.folder(hit[1]);
    if (hit && f && !f.softDeleted) return { id: hit[1], explicitClass: hit[0] };
    if (c === '') return undefined;
  }
}
