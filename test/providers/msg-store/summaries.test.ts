/**
 * Message summaries in the .msg store's folder index: contents tables and folder counts served
 * without decoding the .msg files, equal to tables computed from whole messages, kept in step
 * with files changed behind the store's back, and made for indexes written before summaries.
 * Each "restart" is a new MAPI subsystem with a new service instance on the same directory.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServiceStore, type ContractStore } from '../../../src/vitest/index.js';
import { msgStoreService, PR_MSGSTORE_PATH_W, type MsgStoreServiceOptions } from '../../../src/providers/msg-store/service.js';
import { MsgStoreBackend } from '../../../src/providers/msg-store/MsgStoreBackend.js';
import { FOLDER_FILE } from '../../../src/providers/msg-store/layout.js';
import { summaryDisagreements } from '../../../src/core/store/summary.js';
import { readMsg, writeMsg } from '../../../src/formats/msg/index.js';
import { NamedPropertyMap } from '../../../src/core/props/NamedPropertyMap.js';
import { PROP_ID, PROP_TYPE } from '../../../src/core/props/tags.js';
import { sPropValueArray } from '../../../src/fixtures/index.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import type { IMAPIFolder } from '../../../src/core/store/interfaces.js';
import type { IMAPITable } from '../../../src/core/table/interfaces.js';
import type { SPropValue, SRow } from '../../../src/core/props/types.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import type { MessageRecord, NodeId, PropMap } from '../../../src/core/spi/store.js';
import * as T from '../../../src/core/generated/proptags.js';
import * as C from '../../../src/core/generated/constants.js';
import { PT_BINARY, PT_ERROR, PT_UNICODE } from '../../../src/core/generated/proptypes.js';

let tmp: string;
let storeDir: string;
let open: ContractStore[] = [];

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'mapiemu-msgsum-'));
  storeDir = join(tmp, 'store');
  open = [];
});

afterEach(async () => {
  await closeAll();
  rmSync(tmp, { recursive: true, force: true });
});

/** A logon through a new subsystem (a "restart"), counting the .msg files it decodes. */
async function logon(options: MsgStoreServiceOptions = {}): Promise<{ s: ContractStore; decodes: string[] }> {
  const decodes: string[] = [];
  const s = await openServiceStore({
    service: msgStoreService({ durable: false, onDecode: (p) => decodes.push(p), ...options }),
    settings: [{ ulPropTag: PR_MSGSTORE_PATH_W, Value: storeDir }],
  });
  open.push(s);
  return { s, decodes };
}

async function closeAll(): Promise<void> {
  for (const s of open) await s.close?.();
  open = [];
}

/** Lets the store write the summaries it made while reading (it does so at the end of the event-loop turn). */
const settle = () => new Promise<void>((r) => setImmediate(r));

async function value(obj: { getProps(t: number[]): Promise<SPropValue[]> }, tag: number): Promise<unknown> {
  return (await obj.getProps([tag]))[0]?.Value;
}

async function inbox(s: ContractStore): Promise<IMAPIFolder> {
  const { lpEntryID } = await s.store.getReceiveFolder('IPM.Note', 0);
  return s.store.openEntry<IMAPIFolder>(lpEntryID, null, C.MAPI_BEST_ACCESS);
}

const long = (c: string) => c.repeat(300);

/** Fills the inbox: long and short bodies, recipients, an attachment on most, read and unread. */
async function populate(s: ContractStore, n = 6): Promise<void> {
  const folder = await inbox(s);
  for (let i = 0; i < n; i++) {
    const msg = await folder.createMessage(null, 0);
    await msg.setProps([
      { ulPropTag: T.PR_SUBJECT_W, Value: `subject ${i}` },
      { ulPropTag: T.PR_BODY_W, Value: i % 2 ? long(`body ${i} `) : `short ${i}` },
      { ulPropTag: T.PR_MESSAGE_CLASS_W, Value: 'IPM.Note' },
      { ulPropTag: T.PR_SENDER_NAME_W, Value: `Sender ${i % 3}` },
      { ulPropTag: T.PR_MESSAGE_DELIVERY_TIME, Value: new (await import('../../../src/core/props/filetime.js')).FILETIME(132000000000000000n + BigInt(i) * 10_000_000n) },
      { ulPropTag: T.PR_CONVERSATION_TOPIC_A, Value: `topic ${i}` },
      { ulPropTag: T.PR_IMPORTANCE, Value: i % 3 },
    ]);
    if (i % 3 !== 2) {
      await msg.modifyRecipients(C.MODRECIP_ADD, [
        { rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: `To ${i}` }, { ulPropTag: T.PR_RECIPIENT_TYPE, Value: C.MAPI_TO }, { ulPropTag: T.PR_ADDRTYPE_W, Value: 'SMTP' }, { ulPropTag: T.PR_EMAIL_ADDRESS_W, Value: `to${i}@example.com` }] },
        { rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: `Cc ${i}` }, { ulPropTag: T.PR_RECIPIENT_TYPE, Value: C.MAPI_CC }] },
      ]);
    }
    if (i % 2 === 0) {
      const { attach } = await msg.createAttach(null, 0);
      await attach.setProps([
        { ulPropTag: T.PR_ATTACH_METHOD, Value: C.ATTACH_BY_VALUE },
        { ulPropTag: T.PR_ATTACH_LONG_FILENAME_W, Value: `file${i}.bin` },
        { ulPropTag: T.PR_ATTACH_DATA_BIN, Value: new Uint8Array(2000 + i) },
      ]);
      await attach.saveChanges(0);
    }
    await msg.saveChanges(0);
    if (i % 4 === 1) await msg.setReadFlag(0);
  }
}

/** The columns a mail client's message list shows. */
const STANDARD = [
  T.PR_ENTRYID, T.PR_SUBJECT_W, T.PR_SENDER_NAME_W, T.PR_MESSAGE_DELIVERY_TIME, T.PR_MESSAGE_SIZE, T.PR_DISPLAY_TO_W,
  T.PR_HASATTACH, T.PR_MESSAGE_FLAGS, T.PR_IMPORTANCE, T.PR_MESSAGE_CLASS_W,
];

async function rowsOf(folder: IMAPIFolder, cols: readonly number[], setup?: (t: IMAPITable) => Promise<void>): Promise<SRow[]> {
  const t = await folder.getContentsTable(C.MAPI_UNICODE);
  await t.setColumns([...cols], 0);
  if (setup) await setup(t);
  return t.queryRows(1000, 0);
}

describe('MsgStoreBackend summaries: contents tables', () => {
  it('equal the tables computed from whole messages, under restrictions and sorts on a body the summary left out', async () => {
    const first = await logon();
    await populate(first.s);
    await closeAll();
    const bodyRes = { rt: C.RES_CONTENT, ulFuzzyLevel: C.FL_SUBSTRING, ulPropTag: T.PR_BODY_W, lpProp: { ulPropTag: T.PR_BODY_W, Value: 'body 3' } } as SRestriction;
    const cases: { cols: number[]; res?: SRestriction; sort?: number; desc?: boolean }[] = [
      { cols: STANDARD },
      { cols: [...STANDARD, T.PR_BODY_W, T.PR_CONVERSATION_TOPIC_A, T.PR_DISPLAY_CC_W] },
      { cols: [T.PR_SUBJECT_W, T.PR_BODY_W], res: bodyRes },
      { cols: [T.PR_SUBJECT_W, T.PR_MESSAGE_SIZE], sort: T.PR_BODY_W, desc: true },
      { cols: [T.PR_SUBJECT_W], res: { rt: C.RES_BITMASK, relBMR: C.BMR_EQZ, ulPropTag: T.PR_MESSAGE_FLAGS, ulMask: C.MSGFLAG_READ } as SRestriction, sort: T.PR_MESSAGE_SIZE },
      { cols: [T.PR_SUBJECT_W, T.PR_DISPLAY_TO_W], res: { rt: C.RES_EXIST, ulPropTag: T.PR_DISPLAY_CC_W } as SRestriction, sort: T.PR_DISPLAY_TO_W },
      { cols: [T.PR_SUBJECT_W], res: { rt: C.RES_SUBRESTRICTION, ulSubObject: T.PR_MESSAGE_RECIPIENTS, lpRes: { rt: C.RES_EXIST, ulPropTag: T.PR_EMAIL_ADDRESS_W } } as SRestriction },
    ];
    const results: Record<string, SRow[][]> = {};
    for (const summaries of [true, false]) {
      const { s } = await logon({ summaries });
      const folder = await inbox(s);
      results[String(summaries)] = [];
      for (const c of cases) {
        results[String(summaries)]!.push(
          await rowsOf(folder, c.cols, async (t) => {
            if (c.res) await t.restrict(c.res, 0);
            if (c.sort !== undefined) await t.sortTable({ aSort: [{ ulPropTag: c.sort, ulOrder: c.desc ? C.TABLE_SORT_DESCEND : C.TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 }, 0);
          }),
        );
      }
      // Every column of the rows (TBL_ALL_COLUMNS lists what the whole messages hold; its order is not MAPI's to promise).
      const t = await folder.getContentsTable(C.MAPI_UNICODE);
      const all = [...(await t.queryColumns(C.TBL_ALL_COLUMNS))].sort((x, y) => x - y);
      results[String(summaries)]!.push([{ lpProps: all.map((tag) => ({ ulPropTag: tag, Value: 0 })) }]);
      await closeAll();
    }
    expect(results.true).toEqual(results.false);
    // The cases do select something (a broken restriction would compare two empty tables).
    expect(results.true!.map((r) => r.length)).toEqual([6, 6, 1, 6, 4, 6, 4, 1]);
  });

  it('after a restart, the standard columns and the folder counts decode no .msg file', async () => {
    const first = await logon();
    await populate(first.s);
    const fai = await (await inbox(first.s)).createMessage(null, C.MAPI_ASSOCIATED);
    await fai.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'view settings' }, { ulPropTag: T.PR_MESSAGE_CLASS_W, Value: 'IPM.Microsoft.FolderDesign.NamedView' }]);
    await fai.saveChanges(0);
    await closeAll();
    const { s, decodes } = await logon();
    const folder = await inbox(s);
    expect(await folder.getProps([T.PR_CONTENT_COUNT, T.PR_CONTENT_UNREAD, T.PR_ASSOC_CONTENT_COUNT])).toEqual([
      { ulPropTag: T.PR_CONTENT_COUNT, Value: 6 },
      { ulPropTag: T.PR_CONTENT_UNREAD, Value: 4 },
      { ulPropTag: T.PR_ASSOC_CONTENT_COUNT, Value: 1 },
    ]);
    const assoc = await folder.getContentsTable(C.MAPI_ASSOCIATED);
    await assoc.setColumns([T.PR_SUBJECT_W, T.PR_MESSAGE_CLASS_W, T.PR_MESSAGE_FLAGS], 0);
    const [faiRow] = await assoc.queryRows(10, 0);
    expect(faiRow?.lpProps[0]?.Value).toBe('view settings');
    expect((faiRow?.lpProps[2]?.Value as number) & C.MSGFLAG_ASSOCIATED).toBe(C.MSGFLAG_ASSOCIATED);
    const rows = await rowsOf(folder, STANDARD);
    expect(rows.map((r) => r.lpProps[1]?.Value)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `subject ${i}`));
    expect(rows.map((r) => r.lpProps[6]?.Value)).toEqual([true, false, true, false, true, false]);
    expect(rows[0]?.lpProps[5]?.Value).toBe('To 0');
    expect(decodes).toEqual([]);
    // A column the summary left out (the long bodies) is read from the messages that have it.
    await rowsOf(folder, [T.PR_SUBJECT_W, T.PR_BODY_W]);
    expect(decodes.length).toBe(3);
  });

  it('with summaries: false, reads every message a table needs', async () => {
    const first = await logon();
    await populate(first.s, 3);
    await closeAll();
    const { s, decodes } = await logon({ summaries: false });
    await rowsOf(await inbox(s), STANDARD);
    expect(decodes.length).toBe(3);
  });

  it('follows soft deletion, moves and read-flag changes without decoding after a restart', async () => {
    const first = await logon();
    await populate(first.s, 4);
    const folder = await inbox(first.s);
    const [a, b, , d] = (await rowsOf(folder, [T.PR_ENTRYID])).map((r) => r.lpProps[0]?.Value as Uint8Array);
    await folder.setReadFlags([a!], null, 0);
    await folder.deleteMessages([d!], null, 0);
    const ipm = await first.s.store.openEntry<IMAPIFolder>((await value(first.s.store, T.PR_IPM_SUBTREE_ENTRYID)) as Uint8Array, null, C.MAPI_BEST_ACCESS);
    const other = await ipm.createFolder(C.FOLDER_GENERIC, 'Other', null, null, 0);
    await folder.copyMessages([b!], null, other, null, C.MESSAGE_MOVE);
    const otherId = (await value(other, T.PR_ENTRYID)) as Uint8Array;
    await closeAll();
    const { s, decodes } = await logon();
    const f = await inbox(s);
    expect(await value(f, T.PR_CONTENT_COUNT)).toBe(2);
    const rows = await rowsOf(f, [T.PR_SUBJECT_W, T.PR_MESSAGE_FLAGS]);
    expect(rows.map((r) => [r.lpProps[0]?.Value, ((r.lpProps[1]?.Value as number) & C.MSGFLAG_READ) !== 0])).toEqual([
      ['subject 0', true], ['subject 2', false],
    ]);
    const soft = await f.getContentsTable(C.SHOW_SOFT_DELETES);
    await soft.setColumns([T.PR_SUBJECT_W], 0);
    expect((await soft.queryRows(10, 0)).map((r) => r.lpProps[0]?.Value)).toEqual(['subject 3']);
    const moved = await s.store.openEntry<IMAPIFolder>(otherId, null, C.MAPI_BEST_ACCESS);
    expect((await rowsOf(moved, [T.PR_SUBJECT_W])).map((r) => r.lpProps[0]?.Value)).toEqual(['subject 1']);
    expect(decodes).toEqual([]);
  });
});

/** The inbox directory and its folder file. */
function inboxDir(): string {
  const top = readdirSync(storeDir, { withFileTypes: true }).find((d) => d.isDirectory() && existsSync(join(storeDir, d.name, 'Inbox')))?.name as string;
  return join(storeDir, top, 'Inbox');
}

interface IndexEntryJson { file: string; summary?: { size: number; mtimeMs: number; props: unknown[] } }
function indexOf(dir: string): IndexEntryJson[] {
  return (JSON.parse(readFileSync(join(dir, FOLDER_FILE), 'utf8')) as { messages: IndexEntryJson[] }).messages;
}

describe('MsgStoreBackend summaries: files changed behind the store\'s back', () => {
  it('a file replaced by hand shows its new values after a refresh, and gets a fresh summary', async () => {
    const first = await logon();
    await populate(first.s, 2);
    const folder = await inbox(first.s);
    expect((await rowsOf(folder, [T.PR_SUBJECT_W])).map((r) => r.lpProps[0]?.Value)).toEqual(['subject 0', 'subject 1']);
    // Replace the second message's file: new subject, an attachment, a recipient.
    const dir = inboxDir();
    const file = indexOf(dir)[1]!.file;
    const names = new NamedPropertyMap(new Uint8Array(16));
    const content = readMsg(readFileSync(join(dir, file)), names);
    content.props.set(PROP_ID(T.PR_SUBJECT_W), { ulPropTag: T.PR_SUBJECT_W, Value: 'replaced by hand' });
    content.attachments.push({ num: 0, props: new Map([[PROP_ID(T.PR_ATTACH_METHOD), { ulPropTag: T.PR_ATTACH_METHOD, Value: C.ATTACH_BY_VALUE }]]) });
    content.nextAttachNum = 1;
    writeFileSync(join(dir, file), writeMsg(content, names));
    utimesSync(join(dir, file), new Date(2001, 1, 1), new Date(2001, 1, 1));
    await closeAll();

    const { s, decodes } = await logon();
    const f = await inbox(s);
    const rows = await rowsOf(f, [T.PR_SUBJECT_W, T.PR_HASATTACH]);
    expect(rows.map((r) => [r.lpProps[0]?.Value, r.lpProps[1]?.Value])).toEqual([['subject 0', true], ['replaced by hand', true]]);
    // Only the replaced file was read; its new summary is written to the index.
    expect(decodes.map((p) => p.endsWith(file))).toEqual([true]);
    await settle();
    const entry = indexOf(dir)[1]!;
    expect(entry.summary?.mtimeMs).toBe(new Date(2001, 1, 1).getTime());
    await closeAll();

    const again = await logon();
    const rows2 = await rowsOf(await inbox(again.s), [T.PR_SUBJECT_W, T.PR_HASATTACH]);
    expect(rows2.map((r) => r.lpProps[0]?.Value)).toEqual(['subject 0', 'replaced by hand']);
    expect(again.decodes).toEqual([]);
  });

  it('refresh() on an open store drops the summary of a file replaced by hand, and reading the file makes a new one', () => {
    const b = MsgStoreBackend.open(storeDir, { durable: false, ids: new SeededIds(5) });
    const id = b.newId();
    const subject = (v: string): PropMap => new Map([[PROP_ID(T.PR_SUBJECT_W), { ulPropTag: T.PR_SUBJECT_W, Value: v }]]);
    b.putMessage({ id, folderId: b.rootId(), associated: false, version: 1, props: subject('before'), recipients: [], attachments: [], nextAttachNum: 0, nextRowId: 0 });
    expect(b.messageSummary(id)?.props.get(PROP_ID(T.PR_SUBJECT_W))?.Value).toBe('before');
    const file = indexOf(storeDir)[0]!.file;
    writeFileSync(join(storeDir, file), writeMsg({ props: subject('after, by hand'), recipients: [], attachments: [], nextAttachNum: 0, nextRowId: 0 }, new NamedPropertyMap(new Uint8Array(16))));
    utimesSync(join(storeDir, file), new Date(2002, 2, 2), new Date(2002, 2, 2));
    expect(b.refresh()).toBe(true);
    expect(b.messageSummary(id)).toBeUndefined();
    expect(b.message(id)?.props.get(PROP_ID(T.PR_SUBJECT_W))?.Value).toBe('after, by hand');
    expect(b.messageSummary(id)).toMatchObject({ version: 2, facts: { version: 2 } });
    expect(b.messageSummary(id)?.props.get(PROP_ID(T.PR_SUBJECT_W))?.Value).toBe('after, by hand');
    b.flush();
    expect(indexOf(storeDir)[0]?.summary?.mtimeMs).toBe(new Date(2002, 2, 2).getTime());
  });

  it('an index written before summaries loads, and gets them', async () => {
    const first = await logon();
    await populate(first.s, 3);
    const before = await rowsOf(await inbox(first.s), STANDARD);
    await closeAll();
    // The index as written before summaries existed.
    const dir = inboxDir();
    const file = JSON.parse(readFileSync(join(dir, FOLDER_FILE), 'utf8')) as { messages: { summary?: unknown }[] };
    for (const m of file.messages) delete m.summary;
    writeFileSync(join(dir, FOLDER_FILE), JSON.stringify(file));

    const { s, decodes } = await logon();
    expect(await rowsOf(await inbox(s), STANDARD)).toEqual(before);
    expect(decodes.length).toBe(3);
    // Written once, after the reads, not once per message.
    expect(indexOf(dir).every((e) => e.summary === undefined)).toBe(true);
    await settle();
    expect(indexOf(dir).every((e) => e.summary !== undefined)).toBe(true);
    await closeAll();

    const again = await logon();
    expect(await rowsOf(await inbox(again.s), STANDARD)).toEqual(before);
    expect(again.decodes).toEqual([]);
  });

  it('summaries made by reading are written once per folder, and never over a folder file another backend wrote since', async () => {
    const subject = (v: string): PropMap => new Map([[PROP_ID(T.PR_SUBJECT_W), { ulPropTag: T.PR_SUBJECT_W, Value: v }]]);
    const put = (b: MsgStoreBackend, v: string): NodeId => {
      const id = b.newId();
      b.putMessage({ id, folderId: b.rootId(), associated: false, version: 1, props: subject(v), recipients: [], attachments: [], nextAttachNum: 0, nextRowId: 0 });
      return id;
    };
    const first = MsgStoreBackend.open(storeDir, { durable: false, summaries: false });
    const [a, b] = [put(first, 'a'), put(first, 'b')];
    expect(indexOf(storeDir).map((e) => e.summary)).toEqual([undefined, undefined]);
    // One backend reads (and makes summaries to write later); another writes the folder file meanwhile.
    const reader = MsgStoreBackend.open(storeDir, { durable: false });
    expect(reader.messageSummary(a)).toBeUndefined();
    reader.message(a);
    reader.message(b);
    expect(reader.messageSummary(a)).toBeDefined();
    const writer = MsgStoreBackend.open(storeDir, { durable: false });
    const c = put(writer, 'c');
    await settle();
    const after = MsgStoreBackend.open(storeDir, { durable: false, readOnly: true });
    expect(after.messageIds(after.rootId(), false)).toEqual([a, b, c]);
    // Without the other writer, the reader's summaries are written at the end of the turn.
    const reader2 = MsgStoreBackend.open(storeDir, { durable: false });
    reader2.message(a);
    reader2.message(b);
    expect(indexOf(storeDir).filter((e) => e.summary).length).toBe(1);
    await settle();
    expect(indexOf(storeDir).filter((e) => e.summary).length).toBe(3);
  });

  it('a damaged summary in the index is ignored and made again', async () => {
    const first = await logon();
    await populate(first.s, 2);
    await closeAll();
    const dir = inboxDir();
    const file = JSON.parse(readFileSync(join(dir, FOLDER_FILE), 'utf8')) as { messages: { summary?: { props: unknown } }[] };
    file.messages[0]!.summary!.props = 'not a list';
    writeFileSync(join(dir, FOLDER_FILE), JSON.stringify(file));
    const { s, decodes } = await logon();
    expect((await rowsOf(await inbox(s), [T.PR_SUBJECT_W])).map((r) => r.lpProps[0]?.Value)).toEqual(['subject 0', 'subject 1']);
    expect(decodes.length).toBe(1);
  });
});

describe('MsgStoreBackend summaries: agreement with the records', () => {
  const exotic = sPropValueArray({ maxLength: 10, maxStringLength: 40, maxBinaryLength: 40 }).filter((ps) => ps.every((p) => PROP_TYPE(p.ulPropTag) !== PT_ERROR));
  const big = fc.constantFrom(0, 100, 3000);

  it('a summary agrees with the message, in the session that wrote it and after a restart', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(exotic, big, fc.nat({ max: 3 }), fc.nat({ max: 2 })), { minLength: 1, maxLength: 4 }), (msgs) => {
        const dir = mkdtempSync(join(tmpdir(), 'mapiemu-msgsum-prop-'));
        try {
          const b = MsgStoreBackend.open(dir, { ids: new SeededIds(3), durable: false });
          for (const [props, bodyLength, recips, atts] of msgs) {
            const map: PropMap = new Map(props.map((p) => [PROP_ID(p.ulPropTag), p]));
            map.set(PROP_ID(T.PR_SUBJECT_W), { ulPropTag: T.PR_SUBJECT_W, Value: 'x' });
            map.set(PROP_ID(T.PR_BODY_W), { ulPropTag: T.PR_BODY_W, Value: 'b'.repeat(bodyLength) });
            map.set(PROP_ID(T.PR_SEARCH_KEY), { ulPropTag: T.PR_SEARCH_KEY, Value: new Uint8Array(bodyLength) });
            // A .msg file's own mask is not the message's: the store drops it (on write, as on read).
            if (bodyLength === 100) map.set(PROP_ID(T.PR_STORE_SUPPORT_MASK), { ulPropTag: T.PR_STORE_SUPPORT_MASK, Value: 1 });
            const rec: MessageRecord = {
              id: b.newId(), folderId: b.rootId(), associated: false, version: 1, props: map,
              recipients: Array.from({ length: recips }, (_, i) => ({ rowId: i, props: new Map([
                [PROP_ID(T.PR_DISPLAY_NAME_W), { ulPropTag: T.PR_DISPLAY_NAME_W, Value: `R${i}` }],
                [PROP_ID(T.PR_RECIPIENT_TYPE), { ulPropTag: T.PR_RECIPIENT_TYPE, Value: [C.MAPI_TO, C.MAPI_CC, C.MAPI_BCC][i % 3] as number }],
              ]) })),
              attachments: Array.from({ length: atts }, (_, i) => ({ num: i, props: new Map([[PROP_ID(T.PR_ATTACH_DATA_BIN), { ulPropTag: T.PR_ATTACH_DATA_BIN, Value: new Uint8Array(10) }]]) })),
              nextAttachNum: atts, nextRowId: recips,
            };
            b.putMessage(rec);
          }
          expect(summaryDisagreements(b)).toEqual([]);
          const again = MsgStoreBackend.open(dir, { durable: false });
          const ids = again.messageIds(again.rootId(), false);
          // Served from the index, not made by reading.
          expect(ids.every((id) => again.messageSummary(id) !== undefined)).toBe(true);
          expect(summaryDisagreements(again)).toEqual([]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 30, seed: 7 },
    );
  });

  it('keeps every value of the summary with its exact type through the index', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapiemu-msgsum-'));
    try {
      const b = MsgStoreBackend.open(dir, { durable: false });
      const id: NodeId = b.newId();
      const props: PropMap = new Map<number, SPropValue>([
        [0x6001, { ulPropTag: (0x6001 << 16) | 0x0014, Value: -5n }],
        [0x6002, { ulPropTag: (0x6002 << 16) | 0x0005, Value: -0 }],
        [0x6003, { ulPropTag: (0x6003 << 16) | PT_BINARY, Value: Uint8Array.of(1, 2) }],
        [0x6004, { ulPropTag: (0x6004 << 16) | PT_UNICODE, Value: '{"$bin":"AA=="}' }],
        [PROP_ID(T.PR_CONVERSATION_TOPIC_A), { ulPropTag: T.PR_CONVERSATION_TOPIC_A, Value: 'ansi' }],
      ]);
      b.putMessage({ id, folderId: b.rootId(), associated: false, version: 1, props, recipients: [], attachments: [], nextAttachNum: 0, nextRowId: 0 });
      const again = MsgStoreBackend.open(dir, { durable: false });
      expect([...(again.messageSummary(id)?.props.values() ?? [])]).toEqual([...props.values()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
