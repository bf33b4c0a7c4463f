// `mapi demo`: a guided tour of mapi-emu, written as a MAPI client would write it. It uses the
// package's public API only (the `mapi-emu` and `mapi-emu/fixtures` exports); createWorld is
// imported from its module rather than the fixtures index, whose fast-check arbitraries the CLI
// must not load (fast-check is an optional peer dependency).
import {
  // constants and flags
  ATTACH_BY_VALUE, BOOKMARK_BEGINNING, CONVENIENT_DEPTH, FOLDER_GENERIC, IMPORTANCE_HIGH, IMPORTANCE_LOW,
  IMPORTANCE_NORMAL, KEEP_OPEN_READWRITE, MAPI_BCC, MAPI_CC, MAPI_MODIFY, MAPI_TO, MAPI_UNICODE, MDB_WRITE,
  MODRECIP_ADD, MSGFLAG_READ, RELOP_GE, RES_PROPERTY, TABLE_SORT_ASCEND, TABLE_SORT_DESCEND,
  TBL_EXPANDED_CATEGORY, TBL_LEAF_ROW,
  // property tags
  PR_ADDRTYPE_W, PR_ATTACH_DATA_BIN, PR_ATTACH_FILENAME_W, PR_ATTACH_METHOD, PR_ATTACH_NUM, PR_ATTACH_SIZE,
  PR_CONTENT_COUNT, PR_CONTENT_UNREAD, PR_DEFAULT_STORE, PR_DEPTH, PR_DISPLAY_CC_W, PR_DISPLAY_NAME_W,
  PR_DISPLAY_TO_W, PR_EMAIL_ADDRESS_W, PR_ENTRYID, PR_HASATTACH, PR_IMPORTANCE, PR_INSTANCE_KEY,
  PR_IPM_SUBTREE_ENTRYID, PR_MESSAGE_CLASS_W, PR_MESSAGE_DELIVERY_TIME, PR_MESSAGE_FLAGS, PR_MESSAGE_SIZE,
  PR_RECIPIENT_TYPE, PR_ROW_TYPE, PR_SENDER_ADDRTYPE_W, PR_SENDER_EMAIL_ADDRESS_W, PR_SENDER_NAME_W,
  PR_SUBJECT_W,
  // notifications, time, descriptions
  fnevObjectCreated, fnevTableModified, FILETIME, VirtualClock, describeNotification, describeRestriction,
  // types
  type IMAPIFolder, type IMAPISession, type IMAPITable, type IMessage, type IMsgStore, type NOTIFICATION,
  type SPropValue, type SRestriction, type SRow, type SSortOrderSet,
} from '../../index.js';
import { createWorld, type World } from '../../fixtures/world.js';
import { columns, json, ok, parseArgs, usageError, verbUsage, type CliResult, type Verb } from './common.js';

/** One section of the tour: a heading, the MAPI calls it shows, and what they printed. */
interface DemoSection {
  heading: string;
  calls: string;
  lines: string[];
}

/** A mail of the demo mailbox: sender, subject, importance, minutes after the first, recipients, attachment. */
interface DemoMail {
  from: [name: string, smtp: string];
  subject: string;
  importance: number;
  minutes: number;
  cc?: [string, string][];
  attach?: [name: string, bytes: number];
  read?: boolean;
}

const ALICE: [string, string] = ['Alice Smith', 'alice@example.com'];
const BOB: [string, string] = ['Bob Jones', 'bob@example.com'];
const CAROL: [string, string] = ['Carol White', 'carol@example.com'];
const DAVE: [string, string] = ['Dave Brown', 'dave@example.com'];

const INBOX_MAIL: DemoMail[] = [
  { from: BOB, subject: 'Budget review', importance: IMPORTANCE_HIGH, minutes: 30, cc: [CAROL], attach: ['budget.xlsx', 18_432], read: true },
  { from: CAROL, subject: 'Team lunch on Friday?', importance: IMPORTANCE_NORMAL, minutes: 75, cc: [BOB] },
  { from: BOB, subject: 'Re: Budget review', importance: IMPORTANCE_NORMAL, minutes: 120, read: true },
  { from: ['MAPI Weekly', 'news@example.org'], subject: 'This week in MAPI', importance: IMPORTANCE_LOW, minutes: 150 },
  { from: CAROL, subject: 'Slides for Monday', importance: IMPORTANCE_NORMAL, minutes: 200, attach: ['slides.pptx', 52_100] },
  { from: DAVE, subject: 'Server maintenance tonight', importance: IMPORTANCE_HIGH, minutes: 260 },
  { from: BOB, subject: 'Contract draft', importance: IMPORTANCE_NORMAL, minutes: 300, attach: ['contract.docx', 9_870] },
];

const col = (row: SRow | undefined, tag: number): unknown => row?.lpProps.find((p) => p.ulPropTag === tag)?.Value;
const text = (row: SRow | undefined, tag: number): string => {
  const v = col(row, tag);
  return typeof v === 'string' ? v : '';
};
const time = (v: unknown): string => (v instanceof FILETIME ? v.toDate().toISOString().slice(0, 16).replace('T', ' ') : '');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const quote = (s: string) => JSON.stringify(s);

async function firstProp(obj: { getProps(tags: number[], flags?: number): Promise<SPropValue[]> }, tag: number): Promise<unknown> {
  return (await obj.getProps([tag], MAPI_UNICODE))[0]?.Value;
}

/** Every row of a table from the beginning, with `tags` as columns when given. */
async function allRows(t: IMAPITable, tags?: number[]): Promise<SRow[]> {
  if (tags) await t.setColumns(tags, 0);
  await t.seekRow(BOOKMARK_BEGINNING, 0);
  return t.queryRows(100, 0);
}

/** The default store of a session: the message store table's PR_DEFAULT_STORE row, opened read/write. */
async function openDefaultStore(s: IMAPISession): Promise<{ store: IMsgStore; name: string; rows: number }> {
  const rows = await allRows(await s.getMsgStoresTable(MAPI_UNICODE), [PR_ENTRYID, PR_DISPLAY_NAME_W, PR_DEFAULT_STORE]);
  const row = rows.find((r) => col(r, PR_DEFAULT_STORE) === true);
  const store = await s.openMsgStore(col(row, PR_ENTRYID) as Uint8Array, null, MDB_WRITE);
  return { store, name: text(row, PR_DISPLAY_NAME_W), rows: rows.length };
}

async function openInbox(store: IMsgStore): Promise<IMAPIFolder> {
  const { lpEntryID } = await store.getReceiveFolder('IPM.Note', 0);
  return store.openEntry<IMAPIFolder>(lpEntryID, null, MAPI_MODIFY);
}

/** Creates, fills and saves one message of the demo; resolves to the open message. */
async function saveMail(folder: IMAPIFolder, mail: DemoMail, delivered: FILETIME): Promise<IMessage> {
  const m = await folder.createMessage(null, 0);
  await m.setProps([
    { ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM.Note' },
    { ulPropTag: PR_SUBJECT_W, Value: mail.subject },
    { ulPropTag: PR_IMPORTANCE, Value: mail.importance },
    { ulPropTag: PR_SENDER_NAME_W, Value: mail.from[0] },
    { ulPropTag: PR_SENDER_ADDRTYPE_W, Value: 'SMTP' },
    { ulPropTag: PR_SENDER_EMAIL_ADDRESS_W, Value: mail.from[1] },
    { ulPropTag: PR_MESSAGE_DELIVERY_TIME, Value: delivered },
    // Received mail: not unsent; MSGFLAG_READ can be set until the first save.
    { ulPropTag: PR_MESSAGE_FLAGS, Value: mail.read ? MSGFLAG_READ : 0 },
  ]);
  const recipient = ([name, smtp]: [string, string], type: number) => ({
    rgPropVals: [
      { ulPropTag: PR_RECIPIENT_TYPE, Value: type },
      { ulPropTag: PR_DISPLAY_NAME_W, Value: name },
      { ulPropTag: PR_ADDRTYPE_W, Value: 'SMTP' },
      { ulPropTag: PR_EMAIL_ADDRESS_W, Value: smtp },
    ],
  });
  await m.modifyRecipients(MODRECIP_ADD, [recipient(ALICE, MAPI_TO), ...(mail.cc ?? []).map((r) => recipient(r, MAPI_CC))]);
  if (mail.attach) {
    const { attach } = await m.createAttach(null, 0);
    const data = new Uint8Array(mail.attach[1]).map((_, i) => i % 251);
    await attach.setProps([
      { ulPropTag: PR_ATTACH_METHOD, Value: ATTACH_BY_VALUE },
      { ulPropTag: PR_ATTACH_FILENAME_W, Value: mail.attach[0] },
      { ulPropTag: PR_ATTACH_DATA_BIN, Value: data },
    ]);
    await attach.saveChanges(0);
  }
  await m.saveChanges(KEEP_OPEN_READWRITE);
  return m;
}

/** The world of the tour (two users, a VirtualClock). */
type DemoWorld = World<'alice' | 'bob', VirtualClock>;

/** The columns of the categorized view. */
const VIEW_COLUMNS = [PR_INSTANCE_KEY, PR_ROW_TYPE, PR_DEPTH, PR_SENDER_NAME_W, PR_SUBJECT_W, PR_MESSAGE_DELIVERY_TIME, PR_DISPLAY_TO_W, PR_HASATTACH, PR_CONTENT_COUNT, PR_CONTENT_UNREAD];

/** A row of the view in a sentence: a leaf's subject, or a heading's sender. */
const rowLabel = (r: SRow | undefined): string => (col(r, PR_ROW_TYPE) === TBL_LEAF_ROW ? quote(text(r, PR_SUBJECT_W)) : `heading ${quote(text(r, PR_SENDER_NAME_W))}`);

/** A categorized contents table as text: heading rows, and leaf rows aligned under a header. */
function renderView(rows: SRow[]): string[] {
  const isLeaf = (r: SRow) => col(r, PR_ROW_TYPE) === TBL_LEAF_ROW;
  const heading = (r: SRow) =>
    `${col(r, PR_ROW_TYPE) === TBL_EXPANDED_CATEGORY ? '[-]' : '[+]'} ${text(r, PR_SENDER_NAME_W)}: ` +
    `${plural(col(r, PR_CONTENT_COUNT) as number, 'message')}, ${String(col(r, PR_CONTENT_UNREAD))} unread`;
  const leaves = rows.filter(isLeaf).map((r) => [time(col(r, PR_MESSAGE_DELIVERY_TIME)), text(r, PR_SUBJECT_W), text(r, PR_DISPLAY_TO_W), col(r, PR_HASATTACH) ? '@' : '']);
  const laid = columns(leaves, ['Received (UTC)', 'Subject', 'To', 'Att'], '      ');
  let next = 1;
  return [laid[0] as string, ...rows.map((r) => (isLeaf(r) ? (laid[next++] as string) : `  ${heading(r)}`))];
}

/** What a section prints into. */
type Out = string[];

/** 1. A two-user world; alice logs on and opens her default store and Inbox; bob's mailbox is his own. */
async function showLogon(world: DemoWorld, out: Out): Promise<{ store: IMsgStore; inbox: IMAPIFolder }> {
  out.push('createWorld: an in-memory mail server, a profile and a mailbox per user:');
  out.push(...columns(Object.values(world.users).map((u) => [u.name, `${u.displayName} <${u.smtp}>`]), undefined, '  '));
  const session = await world.logon('alice');
  out.push('MAPILogonEx("alice", MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_NO_MAIL | MAPI_UNICODE) -> IMAPISession');
  const { store, name, rows } = await openDefaultStore(session);
  out.push(`message store table: ${plural(rows, 'row')}; default store ${quote(name)} opened with MDB_WRITE`);
  const bob = await openDefaultStore(await world.logon('bob'));
  const bobInbox = await (await openInbox(bob.store)).getContentsTable(0);
  out.push(`a session of bob opens his own mailbox, ${quote(bob.name)}: ${plural(await bobInbox.getRowCount(0), 'message')} in its Inbox`);
  return { store, inbox: await openInbox(store) };
}

/** 2. A new subfolder, then the IPM subtree's hierarchy table with CONVENIENT_DEPTH, indented by PR_DEPTH. */
async function showFolderTree(store: IMsgStore, inbox: IMAPIFolder, out: Out): Promise<void> {
  await inbox.createFolder(FOLDER_GENERIC, 'Projects', 'Work in progress', null, MAPI_UNICODE);
  const ipm = await store.openEntry<IMAPIFolder>((await firstProp(store, PR_IPM_SUBTREE_ENTRYID)) as Uint8Array, null, 0);
  out.push(String(await firstProp(ipm, PR_DISPLAY_NAME_W)));
  const tree = await allRows(await ipm.getHierarchyTable(CONVENIENT_DEPTH | MAPI_UNICODE), [PR_DISPLAY_NAME_W, PR_DEPTH]);
  out.push(...tree.map((r) => `${'  '.repeat(col(r, PR_DEPTH) as number)}${text(r, PR_DISPLAY_NAME_W)}`));
}

/** 3. The demo mail, saved into the Inbox as the clock advances; the first message's computed properties and subobject tables. */
async function showMessages(clock: VirtualClock, inbox: IMAPIFolder, out: Out): Promise<void> {
  const saved: IMessage[] = [];
  let at = 0;
  for (const mail of INBOX_MAIL) {
    clock.advance((mail.minutes - at) * 60_000);
    at = mail.minutes;
    saved.push(await saveMail(inbox, mail, clock.now()));
  }
  const [budget] = saved as [IMessage];
  const v = await budget.getProps([PR_SUBJECT_W, PR_DISPLAY_TO_W, PR_DISPLAY_CC_W, PR_HASATTACH, PR_MESSAGE_SIZE], MAPI_UNICODE);
  out.push(`saved ${plural(saved.length, 'message')} in the Inbox; the first one, read back with getProps:`);
  const facts = [
    ['PR_SUBJECT', quote(String(v[0]?.Value))],
    ['PR_DISPLAY_TO', quote(String(v[1]?.Value))],
    ['PR_DISPLAY_CC', quote(String(v[2]?.Value))],
    ['PR_HASATTACH', String(v[3]?.Value)],
    ['PR_MESSAGE_SIZE', `${String(v[4]?.Value)} bytes`],
  ];
  out.push(...columns(facts, undefined, '  '));
  const recips = await allRows(await budget.getRecipientTable(MAPI_UNICODE), [PR_RECIPIENT_TYPE, PR_DISPLAY_NAME_W, PR_EMAIL_ADDRESS_W]);
  const kind = (t: unknown) => (t === MAPI_TO ? 'MAPI_TO' : t === MAPI_CC ? 'MAPI_CC' : t === MAPI_BCC ? 'MAPI_BCC' : String(t));
  out.push('recipient table:', ...columns(recips.map((r) => [kind(col(r, PR_RECIPIENT_TYPE)), text(r, PR_DISPLAY_NAME_W), text(r, PR_EMAIL_ADDRESS_W)]), undefined, '  '));
  const atts = await allRows(await budget.getAttachmentTable(MAPI_UNICODE), [PR_ATTACH_NUM, PR_ATTACH_FILENAME_W, PR_ATTACH_SIZE]);
  out.push('attachment table:', ...columns(atts.map((r) => [`#${String(col(r, PR_ATTACH_NUM))}`, text(r, PR_ATTACH_FILENAME_W), `${String(col(r, PR_ATTACH_SIZE))} bytes`]), undefined, '  '));
}

/** 4. The Inbox's contents table restricted, categorized by sender with leaves newest first, one category collapsed. */
async function showContentsTable(inbox: IMAPIFolder, out: Out): Promise<IMAPITable> {
  const contents = await inbox.getContentsTable(MAPI_UNICODE);
  out.push(`the Inbox's contents table has ${plural(await contents.getRowCount(0), 'row')}`);
  const res: SRestriction = { rt: RES_PROPERTY, relop: RELOP_GE, ulPropTag: PR_IMPORTANCE, lpProp: { ulPropTag: PR_IMPORTANCE, Value: IMPORTANCE_NORMAL } };
  await contents.restrict(res, 0);
  out.push(`restrict(${describeRestriction(res)}): ${plural(await contents.getRowCount(0), 'row')} (IMPORTANCE_NORMAL or higher)`);
  await contents.setColumns(VIEW_COLUMNS, 0);
  const bySender: SSortOrderSet = {
    aSort: [
      { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
      { ulPropTag: PR_MESSAGE_DELIVERY_TIME, ulOrder: TABLE_SORT_DESCEND },
    ],
    cCategories: 1,
    cExpanded: 1,
  };
  await contents.sortTable(bySender, 0);
  out.push(`sortTable(PR_SENDER_NAME as a category, then PR_MESSAGE_DELIVERY_TIME descending): ${plural(await contents.getRowCount(0), 'row')}`);
  const carol = (await allRows(contents)).find((r) => col(r, PR_ROW_TYPE) !== TBL_LEAF_ROW && text(r, PR_SENDER_NAME_W) === CAROL[0]);
  const removed = await contents.collapseRow(col(carol, PR_INSTANCE_KEY) as Uint8Array, 0);
  out.push(`collapseRow(${CAROL[0]}) hides ${plural(removed, 'row')}: ${plural(await contents.getRowCount(0), 'row')}`);
  out.push(...renderView(await allRows(contents)));
  return contents;
}

/** 5. A bookmark on a row, a read that moves the cursor, and a seek back to the bookmark. */
async function showBookmarks(contents: IMAPITable, out: Out): Promise<void> {
  await contents.seekRow(BOOKMARK_BEGINNING, 1);
  const bk = await contents.createBookmark();
  out.push(`seekRow(BOOKMARK_BEGINNING, 1), createBookmark() -> bookmark on row ${(await contents.queryPosition()).ulRow}`);
  const read = await contents.queryRows(3, 0);
  out.push(`queryRows(3) read ${read.map(rowLabel).join(', ')}; now at row ${(await contents.queryPosition()).ulRow}`);
  const { lRowsSought } = await contents.seekRow(bk, 0);
  const { ulRow } = await contents.queryPosition();
  const again = (await contents.queryRows(1, 0))[0];
  out.push(`seekRow(bookmark, 0) -> back at row ${ulRow} (lRowsSought ${lRowsSought}); queryRows(1) reads ${rowLabel(again)} again`);
  await contents.freeBookmark(bk);
}

/** 6. Sinks on the store and the open table; a second session of alice saves a message; the flush delivers. */
async function showNotifications(world: DemoWorld, store: IMsgStore, inbox: IMAPIFolder, contents: IMAPITable, out: Out): Promise<void> {
  const received: string[] = [];
  const inboxId = (await firstProp(inbox, PR_ENTRYID)) as Uint8Array;
  await store.advise(null, fnevObjectCreated, async (ns: NOTIFICATION[]) => {
    for (const n of ns) {
      if (n.ulEventType !== fnevObjectCreated) continue;
      const where = n.obj.lpParentID && (await store.compareEntryIDs(n.obj.lpParentID, inboxId, 0)) ? 'the Inbox' : 'another folder';
      received.push(`store sink: ${describeNotification(n)}  a message in ${where}`);
    }
  });
  await contents.advise(fnevTableModified, (ns: NOTIFICATION[]) => {
    for (const n of ns) if (n.ulEventType === fnevTableModified) received.push(`table sink: ${describeNotification(n)}  ${rowLabel(n.tab.row)}`);
  });
  out.push('session 1 advises its store and its categorized contents table');
  const other = await openInbox((await openDefaultStore(await world.logon('alice'))).store);
  world.clock.advance(45 * 60_000);
  await saveMail(other, { from: DAVE, subject: 'Maintenance done', importance: IMPORTANCE_NORMAL, minutes: 0 }, world.clock.now());
  out.push(`session 2 (a second logon of alice) saves ${quote('Maintenance done')} into the Inbox`);
  out.push(`after saveChanges returns: ${plural(received.length, 'notification')} delivered (MAPI delivers them later, asynchronously)`);
  await world.flush();
  out.push('after world.flush() (HrDispatchNotifications):', ...received.map((l) => '  ' + l));
  out.push(`the open table now has ${plural(await contents.getRowCount(0), 'row')}:`);
  out.push(...renderView(await allRows(contents)));
}

/** The tour: a world, then one section per step; the world is disposed of however it ends. */
async function tour(): Promise<DemoSection[]> {
  const sections: DemoSection[] = [];
  const section = (heading: string, calls: string): Out => {
    const lines: Out = [];
    sections.push({ heading, calls, lines });
    return lines;
  };
  const world = await createWorld({
    users: [
      { name: 'alice', displayName: ALICE[0], smtp: ALICE[1] },
      { name: 'bob', displayName: BOB[0], smtp: BOB[1] },
    ],
    // Monday 2 March 2026, 08:00 UTC; the clock moves only when the tour advances it.
    clock: new VirtualClock(new Date(Date.UTC(2026, 2, 2, 8, 0))),
  });
  try {
    const { store, inbox } = await showLogon(world, section('Logon', 'createWorld, MAPILogonEx, IMAPISession.getMsgStoresTable, openMsgStore'));
    await showFolderTree(store, inbox, section('Folder tree', 'IMAPIFolder.createFolder, getHierarchyTable(CONVENIENT_DEPTH): PR_DEPTH indents'));
    await showMessages(world.clock, inbox, section('Messages', 'createMessage, setProps, modifyRecipients, createAttach (PR_ATTACH_DATA_BIN), saveChanges'));
    const contents = await showContentsTable(inbox, section('Contents table', 'getContentsTable, restrict, sortTable (1 category, leaves by delivery time), collapseRow'));
    await showBookmarks(contents, section('Bookmarks', 'seekRow, createBookmark, queryRows, seekRow(bookmark), queryPosition, freeBookmark'));
    await showNotifications(world, store, inbox, contents, section('Notifications', 'IMsgStore.advise(fnevObjectCreated), IMAPITable.advise(fnevTableModified), a second session'));
  } finally {
    await world.dispose();
  }
  return sections;
}

/**
 * `mapi demo [--json]`: a short tour of mapi-emu in one process: a two-user world, the folder
 * tree, messages with recipients and attachments, a restricted and categorized contents
 * table, bookmarks, and notifications from a second session. Deterministic (virtual clock,
 * seeded ids), so the output is the same on every run.
 */
export async function runDemo(args: readonly string[]): Promise<CliResult> {
  const p = parseArgs(args);
  if (typeof p === 'string') return usageError(demoVerb, p);
  if (p.help) return ok(verbUsage(demoVerb) + '\nA tour of mapi-emu: logon, folders, messages, tables, bookmarks and notifications, printed as it runs.\n');
  if (p.positionals.length > 0) return usageError(demoVerb, 'takes no arguments');
  const sections = await tour();
  if (p.json) return json({ sections });
  const lines = [
    'mapi-emu demo: MAPI in one process: an in-memory mail server, two users, a virtual clock.',
    'Each section names the MAPI calls it makes; the output is the same on every run.',
  ];
  sections.forEach((s, i) => lines.push('', `${i + 1}. ${s.heading}  (${s.calls})`, ...s.lines.map((l) => '   ' + l)));
  return ok(lines);
}

/** The `demo` verb. */
export const demoVerb: Verb = {
  name: 'demo',
  summary: 'a tour of the emulator: logon, folders, messages, tables, bookmarks, notifications',
  usage: ['[--json]'],
  run: runDemo,
};
