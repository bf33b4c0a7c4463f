/**
 * Public-API scenarios run directly on the emulator and through the Windows backend over the
 * fake MAPI ABI (conformance.test.ts); their transcripts must be identical. Each is named
 * after the MAPI reference pages it exercises.
 */
import type { IMAPIFolder, IMessage, IMsgStore } from '../../../src/core/store/interfaces.js';
import type { IMAPISession } from '../../../src/core/session/interfaces.js';
import type { IMAPITable } from '../../../src/core/table/interfaces.js';
import type { IStream } from '../../../src/core/props/interfaces.js';
import type { NOTIFICATION } from '../../../src/core/notify/types.js';
import type { ADRLIST, SPropValue, SRow } from '../../../src/core/props/types.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import { GUID } from '../../../src/core/props/guid.js';
import { PROP_TAG } from '../../../src/core/props/tags.js';
import { MEMORY_STORE_SERVICE } from '../../../src/providers/memory-store/service.js';
import { DIRECTORY_SERVICE } from '../../../src/providers/directory/service.js';
import { PAB_SERVICE } from '../../../src/providers/pab/service.js';
import type { IABContainer, IAddrBook } from '../../../src/core/ab/interfaces.js';
import * as T from '../../../src/core/generated/proptags.js';
import * as C from '../../../src/core/generated/constants.js';
import * as P from '../../../src/core/generated/proptypes.js';
import { IID_IMAPITable, IID_IMessage, IID_IStream, IID_IMAPIFolder, IID_IMsgStore, PS_PUBLIC_STRINGS, PSETID_Common } from '../../../src/core/generated/guids.js';
import { HFRMREG_FOLDER, HFRMREG_LOCAL, HFRMREG_PERSONAL, MAPIFORM_EXACTMATCH } from '../../../src/core/forms/constants.js';
import type { Scenario, ScenarioContext } from './harness.js';

const col = (row: SRow | undefined, tag: number) => row?.lpProps.find((p) => p.ulPropTag === tag)?.Value;

interface Mailbox {
  session: IMAPISession;
  store: IMsgStore;
  inbox: IMAPIFolder;
  ipm: IMAPIFolder;
}

/** MAPIInitialize, a profile with one in-memory mailbox, logon, the default store, Inbox and IPM subtree. */
async function mailbox(c: ScenarioContext): Promise<Mailbox> {
  await c.rec('MAPIInitialize', c.mapi.MAPIInitialize(null));
  const admin = c.keep(await c.rec('MAPIAdminProfiles', c.mapi.MAPIAdminProfiles(0)));
  await c.rec('createProfile', admin.createProfile('conformance', null, 0));
  const svc = c.keep(await c.rec('adminServices', admin.adminServices('conformance', null, 0)));
  const uid = await c.rec('createMsgServiceEx', svc.createMsgServiceEx(MEMORY_STORE_SERVICE, null, 0));
  await c.rec('configureMsgService', svc.configureMsgService(uid, 0, [
    { ulPropTag: T.PR_PROFILE_MAILBOX, Value: 'alice' },
    { ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'Alice' },
  ]));
  const session = c.keep(await c.rec('MAPILogonEx', c.mapi.MAPILogonEx('conformance', null, C.MAPI_EXTENDED | C.MAPI_NEW_SESSION | C.MAPI_NO_MAIL)));
  const stores = c.keep(await session.getMsgStoresTable(0));
  await stores.setColumns([T.PR_ENTRYID, T.PR_DISPLAY_NAME_W, T.PR_DEFAULT_STORE], 0);
  const rows = await c.rec('stores', stores.queryRows(10, 0));
  const storeEid = col(rows.find((r) => col(r, T.PR_DEFAULT_STORE) === true), T.PR_ENTRYID) as Uint8Array;
  const store = c.keep(await c.rec('openMsgStore', session.openMsgStore(storeEid, null, C.MDB_WRITE | C.MAPI_BEST_ACCESS)));
  const rf = await c.rec('getReceiveFolder', store.getReceiveFolder('IPM.Note', 0));
  const inbox = c.keep(await store.openEntry<IMAPIFolder>(rf.lpEntryID, null, C.MAPI_MODIFY));
  const [ipmEid] = await c.rec('ipm subtree', store.getProps([T.PR_IPM_SUBTREE_ENTRYID], 0));
  const ipm = c.keep(await store.openEntry<IMAPIFolder>(ipmEid?.Value as Uint8Array, IID_IMAPIFolder, C.MAPI_MODIFY));
  return { session, store, inbox, ipm };
}

async function message(c: ScenarioContext, folder: IMAPIFolder, props: SPropValue[]): Promise<Uint8Array> {
  const m = c.keep(await folder.createMessage(null, 0));
  await m.setProps(props);
  await m.saveChanges(C.KEEP_OPEN_READWRITE);
  const [eid] = await m.getProps([T.PR_ENTRYID], 0);
  return eid?.Value as Uint8Array;
}

const ID = (n: number) => 0x6600 + n;

/** Every property type through setProps / getProps / getPropList / deleteProps. */
const propertiesOfEveryType: Scenario = async (c) => {
  const { inbox, store } = await mailbox(c);
  const msg = c.keep(await c.rec('createMessage', inbox.createMessage(IID_IMessage, 0)));
  const props: SPropValue[] = [
    { ulPropTag: T.PR_SUBJECT_W, Value: 'Résumé – ünïcödé ☃ 𝄞' },
    { ulPropTag: PROP_TAG(P.PT_STRING8, ID(1)), Value: 'ANSI café' },
    { ulPropTag: PROP_TAG(P.PT_I2, ID(2)), Value: -12 },
    { ulPropTag: PROP_TAG(P.PT_LONG, ID(3)), Value: 0xfffffffe },
    { ulPropTag: PROP_TAG(P.PT_R4, ID(4)), Value: 1.5 },
    { ulPropTag: PROP_TAG(P.PT_DOUBLE, ID(5)), Value: -2.25e300 },
    { ulPropTag: PROP_TAG(P.PT_CURRENCY, ID(6)), Value: 123456789012345n },
    { ulPropTag: PROP_TAG(P.PT_APPTIME, ID(7)), Value: 45000.5 },
    { ulPropTag: PROP_TAG(P.PT_BOOLEAN, ID(8)), Value: true },
    { ulPropTag: PROP_TAG(P.PT_I8, ID(9)), Value: -(1n << 62n) },
    { ulPropTag: PROP_TAG(P.PT_SYSTIME, ID(10)), Value: new FILETIME(133_456_789_012_345_678n) },
    { ulPropTag: PROP_TAG(P.PT_CLSID, ID(11)), Value: GUID.parse('{00020D0B-0000-0000-C000-000000000046}') },
    { ulPropTag: PROP_TAG(P.PT_BINARY, ID(12)), Value: Uint8Array.of(0, 1, 2, 254, 255) },
    { ulPropTag: PROP_TAG(P.PT_BINARY, ID(13)), Value: new Uint8Array(0) },
    { ulPropTag: PROP_TAG(P.PT_MV_I2, ID(14)), Value: [1, -1] },
    { ulPropTag: PROP_TAG(P.PT_MV_LONG, ID(15)), Value: [7, -7, 0] },
    { ulPropTag: PROP_TAG(P.PT_MV_R4, ID(16)), Value: [0.25] },
    { ulPropTag: PROP_TAG(P.PT_MV_DOUBLE, ID(17)), Value: [1e-300, -0] },
    { ulPropTag: PROP_TAG(P.PT_MV_CURRENCY, ID(18)), Value: [1n, -1n] },
    { ulPropTag: PROP_TAG(P.PT_MV_APPTIME, ID(19)), Value: [1.25] },
    { ulPropTag: PROP_TAG(P.PT_MV_I8, ID(20)), Value: [(1n << 63n) - 1n] },
    { ulPropTag: PROP_TAG(P.PT_MV_STRING8, ID(21)), Value: ['a', 'bé'] },
    { ulPropTag: PROP_TAG(P.PT_MV_UNICODE, ID(22)), Value: ['x', '☃'] },
    { ulPropTag: PROP_TAG(P.PT_MV_SYSTIME, ID(23)), Value: [new FILETIME(1n), new FILETIME((1n << 64n) - 1n)] },
    { ulPropTag: PROP_TAG(P.PT_MV_CLSID, ID(24)), Value: [IID_IMessage, IID_IMAPITable] },
    { ulPropTag: PROP_TAG(P.PT_MV_BINARY, ID(25)), Value: [Uint8Array.of(9), Uint8Array.of(8, 7)] },
  ];
  await c.rec('setProps', msg.setProps(props));
  await c.rec('setProps with problems', msg.setProps([{ ulPropTag: T.PR_MESSAGE_SIZE, Value: 5 }, { ulPropTag: T.PR_ENTRYID, Value: Uint8Array.of(1) }]));
  await c.rec('getProps listed (some missing → PT_ERROR)', msg.getProps([...props.map((p) => p.ulPropTag), PROP_TAG(P.PT_LONG, 0x6fff), T.PR_BODY_W], 0));
  await c.rec('getProps PT_UNSPECIFIED', msg.getProps([PROP_TAG(P.PT_UNSPECIFIED, T.PR_SUBJECT_W >>> 16), PROP_TAG(P.PT_UNSPECIFIED, ID(1))], 0));
  await c.rec('getProps PT_UNSPECIFIED MAPI_UNICODE', msg.getProps([PROP_TAG(P.PT_UNSPECIFIED, ID(1))], C.MAPI_UNICODE));
  await c.rec('getProps as other string type', msg.getProps([T.PR_SUBJECT_A, PROP_TAG(P.PT_UNICODE, ID(1))], 0));
  await c.rec('saveChanges', msg.saveChanges(C.KEEP_OPEN_READWRITE));
  await c.rec('getPropList', msg.getPropList(0));
  await c.rec('getProps all', msg.getProps(null, C.MAPI_UNICODE));
  await c.rec('deleteProps', msg.deleteProps([PROP_TAG(P.PT_I2, ID(2)), PROP_TAG(P.PT_LONG, 0x6ffe), T.PR_MESSAGE_SIZE]));
  await c.rec('saveChanges again', msg.saveChanges(0));
  const [eid] = await msg.getProps([T.PR_ENTRYID], 0);
  const again = c.keep(await c.rec('openEntry', store.openEntry<IMessage>(eid?.Value as Uint8Array, null, 0)));
  await c.rec('getProps reopened', again.getProps(props.map((p) => p.ulPropTag), 0));
  await c.fails('setProps read-only', again.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'x' }]));
  await c.rec('getLastError', again.getLastError(0x80070005, 0));
  await c.fails('getProps bad tag type', again.getProps([PROP_TAG(0x00ff, 0x6001)], 0));
};

/** Named properties: getIDsFromNames (MAPI_CREATE), getNamesFromIDs. */
const namedProperties: Scenario = async (c) => {
  const { inbox } = await mailbox(c);
  const msg = c.keep(await inbox.createMessage(null, 0));
  const names = [
    { lpguid: PSETID_Common, ulKind: C.MNID_ID, lID: 0x8501 },
    { lpguid: PS_PUBLIC_STRINGS, ulKind: C.MNID_STRING, lpwstrName: 'Keywords-ü' },
  ] as const;
  await c.rec('getIDsFromNames without MAPI_CREATE', msg.getIDsFromNames([...names], 0));
  const ids = await c.rec('getIDsFromNames MAPI_CREATE', msg.getIDsFromNames([...names], C.MAPI_CREATE));
  await c.rec('getNamesFromIDs listed', msg.getNamesFromIDs([...ids, PROP_TAG(P.PT_LONG, 0x8fff)], null, 0));
  await c.rec('getNamesFromIDs all', msg.getNamesFromIDs(null, null, 0));
  await c.rec('getNamesFromIDs by property set', msg.getNamesFromIDs(null, PS_PUBLIC_STRINGS, 0));
  await c.rec('setProps named', msg.setProps([{ ulPropTag: ((ids[0] as number) & 0xffff0000) | P.PT_LONG, Value: 5 }]));
  await c.fails('getIDsFromNames null kind', msg.getIDsFromNames([{ lpguid: PS_PUBLIC_STRINGS, ulKind: 7 } as never], 0));
};

async function fillInbox(c: ScenarioContext, inbox: IMAPIFolder): Promise<void> {
  const subjects = ['alpha report', 'Beta', 'gamma REPORT', 'delta', 'epsilon', 'zeta report', 'eta', 'theta'];
  for (let i = 0; i < subjects.length; i++) {
    await message(c, inbox, [
      { ulPropTag: T.PR_SUBJECT_W, Value: subjects[i] as string },
      { ulPropTag: T.PR_IMPORTANCE, Value: i % 3 },
      { ulPropTag: PROP_TAG(P.PT_LONG, ID(1)), Value: i * 10 },
      { ulPropTag: PROP_TAG(P.PT_MV_UNICODE, ID(2)), Value: i % 2 ? ['red', 'blue'] : ['green'] },
      { ulPropTag: T.PR_MESSAGE_DELIVERY_TIME, Value: new FILETIME(133_000_000_000_000_000n + BigInt(i) * 10_000_000n) },
      ...(i % 4 === 0 ? [{ ulPropTag: T.PR_BODY_W, Value: `body ${i}` }] : []),
    ]);
  }
}

/** IMAPITable over a contents table: columns, restrictions of every kind, sorts, cursor and bookmarks. */
const tablesRestrictAndSort: Scenario = async (c) => {
  const { inbox } = await mailbox(c);
  await fillInbox(c, inbox);
  const t = c.keep(await c.rec('getContentsTable', inbox.getContentsTable(C.MAPI_UNICODE)));
  await c.rec('queryColumns default', t.queryColumns(0));
  const cols = [T.PR_SUBJECT_W, T.PR_IMPORTANCE, PROP_TAG(P.PT_LONG, ID(1)), T.PR_MESSAGE_DELIVERY_TIME, T.PR_INSTANCE_KEY];
  await c.rec('setColumns', t.setColumns(cols, 0));
  await c.rec('getRowCount', t.getRowCount(0));
  await c.rec('getStatus', t.getStatus());
  const restrictions = [
    { rt: C.RES_CONTENT, ulFuzzyLevel: C.FL_SUBSTRING | C.FL_IGNORECASE, ulPropTag: T.PR_SUBJECT_W, lpProp: { ulPropTag: T.PR_SUBJECT_W, Value: 'report' } },
    { rt: C.RES_PROPERTY, relop: C.RELOP_GE, ulPropTag: PROP_TAG(P.PT_LONG, ID(1)), lpProp: { ulPropTag: PROP_TAG(P.PT_LONG, ID(1)), Value: 30 } },
    { rt: C.RES_AND, lpRes: [
      { rt: C.RES_EXIST, ulPropTag: T.PR_BODY_W },
      { rt: C.RES_NOT, lpRes: { rt: C.RES_PROPERTY, relop: C.RELOP_EQ, ulPropTag: T.PR_IMPORTANCE, lpProp: { ulPropTag: T.PR_IMPORTANCE, Value: 0 } } },
    ] },
    { rt: C.RES_OR, lpRes: [
      { rt: C.RES_BITMASK, relBMR: C.BMR_NEZ, ulPropTag: T.PR_IMPORTANCE, ulMask: 2 },
      { rt: C.RES_SIZE, relop: C.RELOP_LT, ulPropTag: T.PR_SUBJECT_W, cb: 8 },
    ] },
    { rt: C.RES_COMPAREPROPS, relop: C.RELOP_GE, ulPropTag1: PROP_TAG(P.PT_LONG, ID(1)), ulPropTag2: T.PR_IMPORTANCE },
    { rt: C.RES_PROPERTY, relop: C.RELOP_EQ, ulPropTag: PROP_TAG(P.PT_MV_UNICODE, ID(2)), lpProp: { ulPropTag: PROP_TAG(P.PT_UNICODE, ID(2)), Value: 'red' } },
    { rt: C.RES_COMMENT, lpProp: [{ ulPropTag: PROP_TAG(P.PT_LONG, ID(9)), Value: 1 }], lpRes: { rt: C.RES_EXIST, ulPropTag: T.PR_SUBJECT_W } },
    { rt: C.RES_CONTENT, ulFuzzyLevel: C.FL_PREFIX, ulPropTag: T.PR_SUBJECT_W, lpProp: { ulPropTag: T.PR_SUBJECT_W, Value: 'e' } },
  ] as const;
  for (const [i, r] of restrictions.entries()) {
    await c.rec(`restrict ${i}`, t.restrict(r as never, 0));
    await c.rec(`rows ${i}`, t.queryRows(50, 0));
    await c.rec(`seek to start ${i}`, t.seekRow(C.BOOKMARK_BEGINNING, 0));
  }
  await c.fails('restrict with a bad type', t.restrict({ rt: 99 } as never, 0));
  await c.rec('restrict none', t.restrict(null, 0));
  await c.rec('sortTable', t.sortTable({ aSort: [{ ulPropTag: T.PR_IMPORTANCE, ulOrder: C.TABLE_SORT_DESCEND }, { ulPropTag: T.PR_SUBJECT_W, ulOrder: C.TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 }, 0));
  await c.rec('querySortOrder', t.querySortOrder());
  await c.rec('queryRows 3', t.queryRows(3, 0));
  await c.rec('queryPosition', t.queryPosition());
  const bk = await c.rec('createBookmark', t.createBookmark());
  await c.rec('queryRows rest', t.queryRows(100, C.TBL_NOADVANCE));
  await c.rec('seekRow back', t.seekRow(C.BOOKMARK_CURRENT, -2));
  await c.rec('queryRows backward', t.queryRows(-2, 0));
  await c.rec('seekRow to bookmark', t.seekRow(bk, 1));
  await c.rec('seekRowApprox', t.seekRowApprox(1, 2));
  await c.rec('queryPosition after approx', t.queryPosition());
  await c.rec('findRow forward', t.findRow({ rt: C.RES_CONTENT, ulFuzzyLevel: C.FL_SUBSTRING, ulPropTag: T.PR_SUBJECT_W, lpProp: { ulPropTag: T.PR_SUBJECT_W, Value: 'eta' } }, C.BOOKMARK_BEGINNING, 0));
  await c.rec('row found', t.queryRows(1, C.TBL_NOADVANCE));
  await c.rec('findRow backward', t.findRow({ rt: C.RES_EXIST, ulPropTag: T.PR_BODY_W }, C.BOOKMARK_END, C.DIR_BACKWARD));
  await c.fails('findRow none', t.findRow({ rt: C.RES_PROPERTY, relop: C.RELOP_EQ, ulPropTag: T.PR_SUBJECT_W, lpProp: { ulPropTag: T.PR_SUBJECT_W, Value: 'nope' } }, C.BOOKMARK_BEGINNING, 0));
  await c.rec('freeBookmark', t.freeBookmark(bk));
  await c.fails('freeBookmark twice', t.freeBookmark(bk));
  await c.rec('MVI column', t.setColumns([T.PR_SUBJECT_W, PROP_TAG(P.PT_MV_UNICODE | C.MV_INSTANCE, ID(2))], 0));
  await c.rec('MVI rows', (await t.seekRow(C.BOOKMARK_BEGINNING, 0), t.queryRows(100, 0)));
};

/** Categories: sortTable with cCategories, expandRow / collapseRow, collapse state. */
const tablesCategories: Scenario = async (c) => {
  const { inbox } = await mailbox(c);
  await fillInbox(c, inbox);
  const t = c.keep(await inbox.getContentsTable(0));
  await t.setColumns([T.PR_SUBJECT_W, T.PR_IMPORTANCE, T.PR_INSTANCE_KEY, T.PR_ROW_TYPE, T.PR_DEPTH, T.PR_CONTENT_COUNT], 0);
  await c.rec('sortTable categorized', t.sortTable({ aSort: [{ ulPropTag: T.PR_IMPORTANCE, ulOrder: C.TABLE_SORT_ASCEND }, { ulPropTag: T.PR_SUBJECT_W, ulOrder: C.TABLE_SORT_ASCEND }], cCategories: 1, cExpanded: 0 }, 0));
  const heads = await c.rec('headings', t.queryRows(100, 0));
  const key = col(heads[1], T.PR_INSTANCE_KEY) as Uint8Array;
  await c.rec('expandRow', t.expandRow(key, 2, 0));
  await c.rec('rows after expand', (await t.seekRow(C.BOOKMARK_BEGINNING, 0), t.queryRows(100, 0)));
  const state = await c.rec('getCollapseState', t.getCollapseState(0, key));
  await c.rec('collapseRow', t.collapseRow(key, 0));
  await c.fails('collapseRow again', t.collapseRow(key, 0));
  await c.rec('setCollapseState', t.setCollapseState(0, state).then((r) => typeof r.bkLocation));
  await c.rec('rows after restore', (await t.seekRow(C.BOOKMARK_BEGINNING, 0), t.queryRows(100, 0)));
  await c.fails('expandRow unknown key', t.expandRow(Uint8Array.of(1, 2, 3), 1, 0));
};

/** Folders: createFolder, hierarchy tables, copy / move / delete / empty. */
const folders: Scenario = async (c) => {
  const { ipm, store } = await mailbox(c);
  const a = c.keep(await c.rec('createFolder A', ipm.createFolder(C.FOLDER_GENERIC, 'Projects – ü', 'a comment', null, 0)));
  const b = c.keep(await c.rec('createFolder B', a.createFolder(C.FOLDER_GENERIC, 'Sub', null, null, 0)));
  await c.fails('createFolder duplicate', ipm.createFolder(C.FOLDER_GENERIC, 'Projects – ü', null, null, 0));
  c.keep(await c.rec('createFolder OPEN_IF_EXISTS', ipm.createFolder(C.FOLDER_GENERIC, 'Projects – ü', null, null, C.OPEN_IF_EXISTS)));
  await c.rec('folder props', a.getProps([T.PR_DISPLAY_NAME_W, T.PR_COMMENT_W, T.PR_SUBFOLDERS, T.PR_CONTENT_COUNT, T.PR_FOLDER_TYPE], 0));
  const h = c.keep(await ipm.getHierarchyTable(C.CONVENIENT_DEPTH));
  await h.setColumns([T.PR_DISPLAY_NAME_W, T.PR_DEPTH, T.PR_SUBFOLDERS], 0);
  await c.rec('sortTable hierarchy', h.sortTable({ aSort: [{ ulPropTag: T.PR_DISPLAY_NAME_W, ulOrder: C.TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 }, 0));
  await c.rec('hierarchy rows', h.queryRows(100, 0));
  await message(c, b, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'in sub' }]);
  const [bEid] = await b.getProps([T.PR_ENTRYID], 0);
  await c.rec('copyFolder', a.copyFolder(bEid?.Value as Uint8Array, null, ipm, 'Sub copy', null, C.COPY_SUBFOLDERS));
  await c.rec('hierarchy after copy', (await h.seekRow(C.BOOKMARK_BEGINNING, 0), h.queryRows(100, 0)));
  await c.fails('deleteFolder not empty', a.deleteFolder(bEid?.Value as Uint8Array, null, 0));
  await c.rec('deleteFolder', a.deleteFolder(bEid?.Value as Uint8Array, null, C.DEL_FOLDERS | C.DEL_MESSAGES));
  await c.rec('emptyFolder', ipm.emptyFolder(null, 0));
  await c.rec('hierarchy after empty', (await h.seekRow(C.BOOKMARK_BEGINNING, 0), h.queryRows(100, 0)));
  await c.fails('openEntry deleted', store.openEntry(bEid?.Value as Uint8Array, null, 0));
  await c.rec('queryInterface IMAPIFolder', ipm.queryInterface(IID_IMAPIFolder).then((f) => (c.keep(f), 'ok')));
  await c.fails('queryInterface IMsgStore', ipm.queryInterface(IID_IMsgStore));
};

/** Messages: recipients, attachments with streams, copy / move / delete, read flags, status. */
const messages: Scenario = async (c) => {
  const { inbox, ipm, store } = await mailbox(c);
  const drafts = c.keep(await ipm.createFolder(C.FOLDER_GENERIC, 'Drafts2', null, null, 0));
  const msg = c.keep(await inbox.createMessage(null, 0));
  await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'with parts' }, { ulPropTag: T.PR_BODY_W, Value: 'Hello ☃' }]);
  await c.rec('modifyRecipients', msg.modifyRecipients(C.MODRECIP_ADD, [
    { rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'Bob' }, { ulPropTag: T.PR_EMAIL_ADDRESS_W, Value: 'bob@example.com' }, { ulPropTag: T.PR_ADDRTYPE_W, Value: 'SMTP' }, { ulPropTag: T.PR_RECIPIENT_TYPE, Value: C.MAPI_TO }] },
    { rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'Carol' }, { ulPropTag: T.PR_EMAIL_ADDRESS_W, Value: 'carol@example.com' }, { ulPropTag: T.PR_ADDRTYPE_W, Value: 'SMTP' }, { ulPropTag: T.PR_RECIPIENT_TYPE, Value: C.MAPI_CC }] },
  ]));
  await c.fails('modifyRecipients PT_NULL', msg.modifyRecipients(C.MODRECIP_ADD, [{ rgPropVals: [{ ulPropTag: PROP_TAG(P.PT_NULL, 0x6001), Value: null }] }]));
  const rt = c.keep(await msg.getRecipientTable(0));
  await rt.setColumns([T.PR_DISPLAY_NAME_W, T.PR_RECIPIENT_TYPE, T.PR_ROWID], 0);
  await c.rec('recipient rows', rt.queryRows(10, 0));
  const { ulAttachmentNum, attach } = await c.rec('createAttach', msg.createAttach(null, 0));
  c.keep(attach);
  await attach.setProps([{ ulPropTag: T.PR_ATTACH_METHOD, Value: C.ATTACH_BY_VALUE }, { ulPropTag: T.PR_ATTACH_LONG_FILENAME_W, Value: 'data.bin' }]);
  const s = c.keep(await c.rec('openProperty stream', attach.openProperty<IStream>(T.PR_ATTACH_DATA_BIN, IID_IStream, C.STGM_READWRITE, C.MAPI_CREATE | C.MAPI_MODIFY)));
  await c.rec('write', s.write(Uint8Array.from({ length: 300 }, (_, i) => i & 0xff)));
  await c.rec('seek', s.seek(10, C.STREAM_SEEK_SET));
  await c.rec('read', s.read(20));
  await c.rec('stat', s.stat(C.STATFLAG_NONAME));
  await c.rec('stat with name', s.stat(0));
  const clone = c.keep(await c.rec('clone', s.clone()));
  await c.rec('clone read', clone.read(5));
  await c.rec('setSize', s.setSize(100));
  await c.rec('commit', s.commit(0));
  await c.fails('lockRegion', s.lockRegion(0, 1, 0));
  await c.rec('attach saveChanges', attach.saveChanges(0));
  await c.rec('saveChanges', msg.saveChanges(C.KEEP_OPEN_READWRITE));
  const at = c.keep(await msg.getAttachmentTable(0));
  await at.setColumns([T.PR_ATTACH_NUM, T.PR_ATTACH_LONG_FILENAME_W, T.PR_ATTACH_SIZE], 0);
  await c.rec('attachment rows', at.queryRows(10, 0));
  const again = c.keep(await c.rec('openAttach', msg.openAttach(ulAttachmentNum, null, 0)));
  const body = c.keep(await msg.openProperty<IStream>(T.PR_BODY_W, IID_IStream, 0, 0));
  await c.rec('body stream', body.read(100));
  await c.rec('attach data', again.getProps([T.PR_ATTACH_DATA_BIN, T.PR_ATTACH_SIZE], 0));
  await c.rec('message computed props', msg.getProps([T.PR_HASATTACH, T.PR_DISPLAY_TO_W, T.PR_DISPLAY_CC_W, T.PR_MESSAGE_FLAGS], 0));
  const [eid] = await msg.getProps([T.PR_ENTRYID], 0);
  const list = [eid?.Value as Uint8Array];
  await c.rec('setReadFlags', inbox.setReadFlags(list, null, 0));
  await c.rec('getMessageStatus', inbox.getMessageStatus(list[0] as Uint8Array, 0));
  await c.rec('setMessageStatus', inbox.setMessageStatus(list[0] as Uint8Array, 0x1000, 0x1000));
  await c.rec('copyMessages', inbox.copyMessages(list, null, drafts, null, 0));
  await c.rec('copyMessages move', inbox.copyMessages(list, null, drafts, null, C.MESSAGE_MOVE));
  const dt = c.keep(await drafts.getContentsTable(0));
  await dt.setColumns([T.PR_SUBJECT_W, T.PR_MESSAGE_FLAGS, T.PR_HASATTACH], 0);
  await c.rec('drafts rows', dt.queryRows(10, 0));
  await c.fails('openEntry moved', store.openEntry(list[0] as Uint8Array, null, 0));
  await c.rec('deleteMessages', drafts.deleteMessages([Uint8Array.of(0, 0, 0, 0)], null, 0));
  await c.rec('compareEntryIDs', store.compareEntryIDs(list[0] as Uint8Array, list[0] as Uint8Array, 0));
};

/** Notifications: store and table advise, delivered by flushNotifications. */
const notifications: Scenario = async (c) => {
  const { store, inbox, session } = await mailbox(c);
  const got: [string, NOTIFICATION[]][] = [];
  const conn = await c.rec('store advise', store.advise(null, C.fnevObjectCreated | C.fnevObjectModified | C.fnevObjectDeleted, (n) => void got.push(['store', n])));
  const t: IMAPITable = c.keep(await inbox.getContentsTable(0));
  await t.setColumns([T.PR_SUBJECT_W, T.PR_INSTANCE_KEY], 0);
  const tconn = await c.rec('table advise', t.advise(C.fnevTableModified, { onNotify: (n) => void got.push(['table', n]) }));
  const [inboxEid] = await inbox.getProps([T.PR_ENTRYID], 0);
  const sconn = await c.rec('session advise', session.advise(inboxEid?.Value as Uint8Array, C.fnevObjectModified, (n) => void got.push(['session', n])));
  const eid = await message(c, inbox, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'new' }]);
  await c.mapi.flushNotifications();
  c.note('after create', got.splice(0));
  const m = c.keep(await store.openEntry<IMessage>(eid, null, C.MAPI_MODIFY));
  await m.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'changed' }]);
  await m.saveChanges(0);
  await inbox.deleteMessages([eid], null, 0);
  await c.mapi.flushNotifications();
  c.note('after modify and delete', got.splice(0));
  await c.rec('unadvise store', store.unadvise(conn));
  await c.rec('unadvise table', t.unadvise(tconn));
  await c.rec('unadvise session', session.unadvise(sconn));
  await c.fails('unadvise twice', store.unadvise(conn));
  await message(c, inbox, [{ ulPropTag: T.PR_SUBJECT_W, Value: 'unwatched' }]);
  await c.mapi.flushNotifications();
  c.note('after unadvise', got.splice(0));
};

/** Session and profile administration: tables, identity, profile sections, errors. */
const sessionAndProfiles: Scenario = async (c) => {
  const { session, store } = await mailbox(c);
  const admin = c.keep(await c.mapi.MAPIAdminProfiles(0));
  const pt = c.keep(await admin.getProfileTable(0));
  await c.rec('profile rows', pt.queryRows(10, 0));
  await c.rec('createProfile second', admin.createProfile('second', null, 0));
  await c.fails('createProfile duplicate', admin.createProfile('second', null, 0));
  await c.rec('setDefaultProfile', admin.setDefaultProfile('second', 0));
  await c.rec('renameProfile', admin.renameProfile('second', null, 'third', 0));
  await c.rec('copyProfile', admin.copyProfile('third', null, 'fourth', 0));
  await c.rec('profile rows after', (await pt.seekRow(C.BOOKMARK_BEGINNING, 0), pt.queryRows(10, 0)));
  await c.rec('deleteProfile', admin.deleteProfile('fourth', 0));
  await c.fails('deleteProfile unknown', admin.deleteProfile('nope', 0));
  const svc = c.keep(await session.adminServices(0));
  const st = c.keep(await svc.getMsgServiceTable(0));
  await st.setColumns([T.PR_SERVICE_NAME_W, T.PR_DISPLAY_NAME_W], 0);
  await c.rec('service rows', st.queryRows(10, 0));
  const prt = c.keep(await svc.getProviderTable(0));
  await prt.setColumns([T.PR_PROVIDER_DISPLAY_W, T.PR_RESOURCE_TYPE], 0);
  await c.rec('provider rows', prt.queryRows(10, 0));
  const status = c.keep(await session.getStatusTable(0));
  await status.setColumns([T.PR_DISPLAY_NAME_W, T.PR_RESOURCE_TYPE, T.PR_STATUS_CODE], 0);
  await c.rec('status rows', status.queryRows(10, 0));
  await c.rec('queryIdentity', session.queryIdentity());
  await c.rec('enumAdrTypes', session.enumAdrTypes(0));
  await c.rec('getReceiveFolder explicit', store.getReceiveFolder('IPM.Note.Custom', 0));
  await c.rec('getReceiveFolderTable rows', store.getReceiveFolderTable(0).then(async (t) => (c.keep(t), t.queryRows(10, 0))));
  await c.fails('openAddressBook', session.openAddressBook(null, 0).then((ab) => (c.keep(ab), 'opened')));
  await c.fails('showForm', session.showForm());
  await c.fails('openEntry garbage', session.openEntry(Uint8Array.of(1, 2, 3), null, 0));
  await c.rec('session getLastError', session.getLastError(0x80040107, 0));
  await c.rec('compareEntryIDs session', session.compareEntryIDs(Uint8Array.of(0, 0, 0, 0, 1), Uint8Array.of(0, 0, 0, 0, 2), 0).catch(() => 'error'));
  const released = c.keep(await session.getMsgStoresTable(0));
  released.release();
  await c.fails('call after release', released.getRowCount(0));
  await c.rec('logoff', session.logoff(0));
};

/** The address book: directory and personal address book, one-offs, ResolveName / PrepareRecips / ResolveNames in place. */
const addressBook: Scenario = async (c) => {
  await c.rec('MAPIInitialize', c.mapi.MAPIInitialize(null));
  const admin = c.keep(await c.mapi.MAPIAdminProfiles(0));
  await c.rec('createProfile', admin.createProfile('ab', null, 0));
  const svc = c.keep(await admin.adminServices('ab', null, 0));
  const uid = await c.rec('createMsgServiceEx mailbox', svc.createMsgServiceEx(MEMORY_STORE_SERVICE, null, 0));
  await svc.configureMsgService(uid, 0, [{ ulPropTag: T.PR_PROFILE_MAILBOX, Value: 'alice' }, { ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'Alice' }]);
  await c.rec('createMsgServiceEx directory', svc.createMsgServiceEx(DIRECTORY_SERVICE, null, 0));
  await c.rec('createMsgServiceEx PAB', svc.createMsgServiceEx(PAB_SERVICE, null, 0));
  const session = c.keep(await c.rec('MAPILogonEx', c.mapi.MAPILogonEx('ab', null, C.MAPI_EXTENDED | C.MAPI_NEW_SESSION | C.MAPI_NO_MAIL)));
  const ab = c.keep(await c.rec('openAddressBook', session.openAddressBook(null, 0))) as unknown as IAddrBook;
  await c.rec('getProps', ab.getProps([T.PR_OBJECT_TYPE], 0));
  const path = await c.rec('getSearchPath', ab.getSearchPath(C.MAPI_UNICODE));
  const dir = await c.rec('getDefaultDir', ab.getDefaultDir());
  const pab = await c.rec('getPAB', ab.getPAB());
  const root = c.keep(await c.rec('openEntry root', ab.openEntry<IABContainer>(null, null, 0)));
  const h = c.keep(await c.rec('root hierarchy', root.getHierarchyTable(C.MAPI_UNICODE)));
  await h.setColumns([T.PR_DISPLAY_NAME_W, T.PR_OBJECT_TYPE, T.PR_DISPLAY_TYPE, T.PR_DEPTH], 0);
  await c.rec('hierarchy rows', h.queryRows(20, 0));
  if (dir) {
    const gal = c.keep(await c.rec('openEntry default dir', ab.openEntry<IABContainer>(dir, null, 0)));
    const t = c.keep(await c.rec('directory contents', gal.getContentsTable(C.MAPI_UNICODE)));
    await t.setColumns([T.PR_DISPLAY_NAME_W, T.PR_EMAIL_ADDRESS_W, T.PR_ENTRYID, T.PR_OBJECT_TYPE], 0);
    const rows = await c.rec('directory rows', t.queryRows(20, 0));
    const first = col(rows[0], T.PR_ENTRYID);
    if (first instanceof Uint8Array) {
      const user = c.keep(await c.rec('openEntry mail user', ab.openEntry(first, null, 0)));
      await c.rec('mail user props', user.getProps([T.PR_DISPLAY_NAME_W, T.PR_ADDRTYPE_W, T.PR_EMAIL_ADDRESS_W, T.PR_OBJECT_TYPE], 0));
      await c.rec('compareEntryIDs', ab.compareEntryIDs(first, first, 0));
    }
    const list: ADRLIST = [{ rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'alice' }] }, { rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'nobody here' }] }];
    await c.fails('resolveNames', gal.resolveNames([T.PR_DISPLAY_NAME_W, T.PR_ENTRYID, T.PR_EMAIL_ADDRESS_W], C.MAPI_UNICODE, list, [C.MAPI_UNRESOLVED, C.MAPI_UNRESOLVED]).then((f) => (c.note('flags', f), f)));
    c.note('after resolveNames', list);
  }
  if (pab) {
    const p = c.keep(await c.rec('openEntry PAB', ab.openEntry<IABContainer>(pab, null, C.MAPI_MODIFY)));
    await c.rec('PAB props', p.getProps([T.PR_DISPLAY_NAME_W, T.PR_CONTAINER_FLAGS], 0));
    const tpl = await c.rec('createOneOff template', ab.createOneOff('Zoë Ünal', 'SMTP', 'zoe@example.com', C.MAPI_UNICODE));
    const entry = c.keep(await c.rec('createEntry', p.createEntry(tpl, 0)));
    await c.rec('entry saveChanges', entry.saveChanges(0));
    const pt = c.keep(await p.getContentsTable(C.MAPI_UNICODE));
    await pt.setColumns([T.PR_DISPLAY_NAME_W, T.PR_EMAIL_ADDRESS_W, T.PR_ADDRTYPE_W, T.PR_ENTRYID], 0);
    const prow = await c.rec('PAB rows', pt.queryRows(10, 0));
    const list: ADRLIST = [{ rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'Zoë' }] }, { rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'nobody here' }] }];
    await c.rec('PAB resolveNames', p.resolveNames([T.PR_DISPLAY_NAME_W, T.PR_ENTRYID, T.PR_EMAIL_ADDRESS_W], C.MAPI_UNICODE, list, [C.MAPI_UNRESOLVED, C.MAPI_UNRESOLVED]));
    c.note('after PAB resolveNames', list);
    const eid = col(prow[0], T.PR_ENTRYID);
    if (eid instanceof Uint8Array) await c.rec('deleteEntries', p.deleteEntries([eid], 0));
    await c.rec('PAB rows after delete', (await pt.seekRow(C.BOOKMARK_BEGINNING, 0), pt.queryRows(10, 0)));
  }
  await c.rec('createOneOff', ab.createOneOff('Zoë', 'SMTP', 'zoe@example.com', C.MAPI_UNICODE));
  await c.rec('createOneOff ANSI', ab.createOneOff('Zoe', 'SMTP', 'zoe@example.com', 0));
  await c.fails('createOneOff without type', ab.createOneOff('Zoe', '', 'zoe@example.com', 0));
  const adr: ADRLIST = [
    { rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'carol@example.com' }, { ulPropTag: T.PR_RECIPIENT_TYPE, Value: C.MAPI_TO }] },
    { rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'Alice' }, { ulPropTag: T.PR_RECIPIENT_TYPE, Value: C.MAPI_CC }] },
  ];
  await c.fails('resolveName', ab.resolveName(0, C.MAPI_UNICODE, null, adr).then(() => 'ok'));
  c.note('after resolveName', adr);
  const bad: ADRLIST = [{ rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'no such person at all' }] }];
  await c.fails('resolveName unresolved', ab.resolveName(0, C.MAPI_UNICODE, null, bad));
  c.note('after failed resolveName', bad);
  await c.rec('prepareRecips', ab.prepareRecips(C.MAPI_UNICODE, [T.PR_DISPLAY_NAME_W, T.PR_ADDRTYPE_W], adr));
  c.note('after prepareRecips', adr);
  if (path.length) await c.rec('setSearchPath', ab.setSearchPath(0, path));
  await c.fails('setSearchPath bad row', ab.setSearchPath(0, [{ lpProps: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'x' }] }]));
  await c.fails('address dialog', ab.address());
  await c.rec('logoff', session.logoff(0));
};

/** IMAPIFormMgr: resolveMessageClass with fallback to the base class, form information properties, containers, isInConflict. */
const forms: Scenario = async (c) => {
  const { session, inbox } = await mailbox(c);
  await c.setup.installLocalForms(session, [
    { messageClass: 'IPM.HelpDesk', displayName: 'Help Desk', comment: 'Tickets – ünïcödé', category: 'Support', version: '2.1', clsid: new GUID(Uint8Array.from({ length: 16 }, (_, i) => i + 1)) },
    { messageClass: 'IPM.HelpDesk.Urgent', displayName: 'Urgent ticket', hidden: true, composeInFolder: true },
  ]);
  const mgr = c.keep(await c.rec('MAPIOpenFormMgr', c.mapi.MAPIOpenFormMgr(session)));
  const info = c.keep(await c.rec('resolve IPM.HelpDesk', mgr.resolveMessageClass('IPM.HelpDesk', 0, null)));
  await c.rec('form info getProps all', info.getProps(null, C.MAPI_UNICODE));
  await c.rec('form info getPropList', info.getPropList(0));
  const tags = [T.PR_MESSAGE_CLASS_W, T.PR_DISPLAY_NAME_W, T.PR_FORM_HIDDEN, T.PR_FORM_MESSAGE_BEHAVIOR, T.PR_COMMENT_W, T.PR_FORM_CLSID];
  // Fallback: the most specific installed class of the chain IPM.HelpDesk.Urgent.Tier2 → IPM.HelpDesk.Urgent.
  const deep = c.keep(await c.rec('resolve with fallback', mgr.resolveMessageClass('IPM.HelpDesk.Urgent.Tier2', 0, null)));
  await c.rec('fallback getProps', deep.getProps(tags, C.MAPI_UNICODE));
  const viaBase = c.keep(await c.rec('resolve IPM.HelpDesk.Other', mgr.resolveMessageClass('IPM.HelpDesk.Other', 0, inbox)));
  await c.rec('base fallback getProps (folder in focus)', viaBase.getProps(tags, C.MAPI_UNICODE));
  await c.fails('exact match of an uninstalled class', mgr.resolveMessageClass('IPM.HelpDesk.Urgent.Tier2', MAPIFORM_EXACTMATCH, null));
  await c.fails('no form for the class', mgr.resolveMessageClass('REPORT.Something', 0, null));
  await c.fails('bad flags', mgr.resolveMessageClass('IPM.HelpDesk', 0x1000, null));
  const many = await c.rec('resolveMultipleMessageClasses', mgr.resolveMultipleMessageClasses(['IPM.HelpDesk.Urgent', 'Nothing.Here', 'IPM.HelpDesk.X'], 0, null));
  for (const f of many) if (f) c.keep(f);
  const classes: unknown[] = [];
  for (const f of many) classes.push(f ? (await f.getProps([T.PR_MESSAGE_CLASS_W], C.MAPI_UNICODE))[0]?.Value : null);
  c.note('resolved classes', classes);
  await c.rec('prepareForm', mgr.prepareForm(0, 0, info));
  await c.rec('isInConflict (in conflict)', mgr.isInConflict(0, C.MSGSTATUS_IN_CONFLICT, 'IPM.HelpDesk', null));
  await c.rec('isInConflict (not in conflict)', mgr.isInConflict(0, 0, 'IPM.HelpDesk', inbox));
  c.keep(await c.rec('openFormContainer local', mgr.openFormContainer(HFRMREG_LOCAL, null)));
  c.keep(await c.rec('openFormContainer personal', mgr.openFormContainer(HFRMREG_PERSONAL, null)));
  c.keep(await c.rec('openFormContainer folder', mgr.openFormContainer(HFRMREG_FOLDER, inbox)));
  await c.fails('openFormContainer folder without folder', mgr.openFormContainer(HFRMREG_FOLDER, null));
  await c.fails('openFormContainer local with lpunk', mgr.openFormContainer(HFRMREG_LOCAL, inbox));
  await c.fails('openFormContainer bad hfrmreg', mgr.openFormContainer(77, null));
  await c.fails('selectForm (dialog)', mgr.selectForm(0, 0, null, null));
  await c.rec('logoff', session.logoff(0));
  await c.fails('resolve after logoff', mgr.resolveMessageClass('IPM.HelpDesk', 0, null));
};

/** Every scenario, by name. */
export const SCENARIOS: Record<string, Scenario> = {
  'IMAPIProp.setProps/getProps/deleteProps: every property type (imapiprop-getprops.md)': propertiesOfEveryType,
  'IMAPIProp.getIDsFromNames/getNamesFromIDs (imapiprop-getidsfromnames.md)': namedProperties,
  'IMAPITable: restrictions of every kind, sorts, cursor, bookmarks, MVI (imapitable-restrict.md)': tablesRestrictAndSort,
  'IMAPITable: categories, expandRow/collapseRow, collapse state (imapitable-expandrow.md)': tablesCategories,
  'IMAPIFolder: createFolder, hierarchy, copy/delete/empty (imapifolder-createfolder.md)': folders,
  'IMessage: recipients, attachments and streams, copy/move/delete (imessage-modifyrecipients.md)': messages,
  'Advise: store, table and session notifications (imsgstore-advise.md)': notifications,
  'IMAPISession / IProfAdmin / IMsgServiceAdmin: tables, identity, errors (imapisession-getmsgstorestable.md)': sessionAndProfiles,
  'IAddrBook / IABContainer / IMailUser: directory, PAB, one-offs, resolveName in place (iaddrbook-resolvename.md)': addressBook,
  'IMAPIFormMgr: resolveMessageClass with fallback, form information, containers (imapiformmgr-resolvemessageclass.md)': forms,
};
