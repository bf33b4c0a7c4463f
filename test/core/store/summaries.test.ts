import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMessage, allRows, cell, makeStore, openRW, prop, type TestStore } from './helpers.js';
import { StoreContext } from '../../../src/core/store/StoreContext.js';
import { openFolder } from '../../../src/core/store/Folder.js';
import { summarizeMessage, summaryDisagreements } from '../../../src/core/store/summary.js';
import type { MessageRecord, MessageSummary, NodeId, StoreBackend } from '../../../src/core/spi/store.js';
import type { IMAPIFolder, IMessage } from '../../../src/core/store/interfaces.js';
import type { SPropValue, SRow } from '../../../src/core/props/types.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import * as T from '../../../src/core/generated/proptags.js';
import * as C from '../../../src/core/generated/constants.js';
import { PROP_ID } from '../../../src/core/props/tags.js';

/**
 * Makes a test store's backend offer summaries (summarizeMessage with small values only) and
 * count the whole-message reads, then opens a fresh StoreContext over it (a restart: no rows
 * cached), so what a table reads is what the kit asked the backend for.
 */
function restartWithSummaries(s: TestStore, options: { summaries: boolean; maxValueBytes?: number; tamper?: (sum: MessageSummary) => MessageSummary }) {
  const backend = s.backend;
  const reads: NodeId[] = [];
  const message = backend.message.bind(backend);
  const counting = Object.create(backend) as StoreBackend;
  counting.message = (id: NodeId): MessageRecord | undefined => {
    reads.push(id);
    return message(id);
  };
  if (options.summaries) {
    counting.messageSummary = (id: NodeId): MessageSummary | undefined => {
      const rec = message(id);
      if (!rec) return undefined;
      const sum = summarizeMessage(rec, { maxValueBytes: options.maxValueBytes ?? 64 });
      return options.tamper ? options.tamper(sum) : sum;
    };
  }
  const ctx = new StoreContext(counting, s.ctx.support, s.ctx.storeEntryId, s.ctx.mdbProvider);
  return { ctx, reads, folder: (id: NodeId): IMAPIFolder => openFolder(ctx, id, true) };
}

const inboxId = (s: TestStore) => s.backend.specialFolders().inbox as NodeId;
const long = (c: string) => c.repeat(200);

/** An inbox with messages of every shape: long and short bodies, recipients, attachments, read and unread. */
async function mailbox(): Promise<TestStore> {
  const s = await makeStore();
  const inbox = s.openSpecial('inbox');
  for (let i = 0; i < 6; i++) {
    const msg = await inbox.createMessage(null, 0);
    await msg.setProps([
      { ulPropTag: T.PR_SUBJECT_W, Value: `subject ${i}` },
      { ulPropTag: T.PR_BODY_W, Value: i % 2 ? long(`body ${i} `) : `short ${i}` },
      { ulPropTag: T.PR_IMPORTANCE, Value: i % 3 },
    ]);
    if (i % 3 !== 2) {
      await msg.modifyRecipients(C.MODRECIP_ADD, [
        { rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: `To ${i}` }, { ulPropTag: T.PR_RECIPIENT_TYPE, Value: C.MAPI_TO }, { ulPropTag: T.PR_EMAIL_ADDRESS_W, Value: `to${i}@example.com` }] },
        { rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: `Cc ${i}` }, { ulPropTag: T.PR_RECIPIENT_TYPE, Value: C.MAPI_CC }] },
      ]);
    }
    if (i % 2 === 0) {
      const { attach: attachment } = await msg.createAttach(null, 0);
      await attachment.setProps([{ ulPropTag: T.PR_ATTACH_METHOD, Value: C.ATTACH_BY_VALUE }, { ulPropTag: T.PR_ATTACH_LONG_FILENAME_W, Value: `a${i}.txt` }, { ulPropTag: T.PR_ATTACH_DATA_BIN, Value: new Uint8Array(300 + i) }]);
      await attachment.saveChanges(0);
    }
    await msg.saveChanges(0);
  }
  await inbox.setReadFlags(null, null, 0);
  const unread = await inbox.getContentsTable(0);
  await unread.setColumns([T.PR_ENTRYID], 0);
  const [first] = await unread.queryRows(1, 0);
  await inbox.setReadFlags([cell(first, T.PR_ENTRYID) as Uint8Array], null, C.CLEAR_READ_FLAG);
  return s;
}

const STANDARD = [T.PR_SUBJECT_W, T.PR_IMPORTANCE, T.PR_MESSAGE_FLAGS, T.PR_MESSAGE_SIZE, T.PR_DISPLAY_TO_W, T.PR_DISPLAY_CC_W, T.PR_HASATTACH, T.PR_ENTRYID, T.PR_MESSAGE_CLASS_W, T.PR_LAST_MODIFICATION_TIME];

async function rowsOf(folder: IMAPIFolder, columns: number[], setup?: (t: Awaited<ReturnType<IMAPIFolder['getContentsTable']>>) => Promise<void>): Promise<SRow[]> {
  const t = await folder.getContentsTable(C.MAPI_UNICODE);
  await t.setColumns(columns, 0);
  if (setup) await setup(t);
  return allRows(t);
}

describe('contents tables from backend summaries', () => {
  it('reading the standard columns and the folder counts reads no whole message', async () => {
    const s = await mailbox();
    const r = restartWithSummaries(s, { summaries: true });
    const inbox = r.folder(inboxId(s));
    const rows = await rowsOf(inbox, STANDARD);
    expect(rows).toHaveLength(6);
    expect(await prop(inbox, T.PR_CONTENT_COUNT)).toBe(6);
    expect(await prop(inbox, T.PR_CONTENT_UNREAD)).toBe(1);
    expect(r.reads).toEqual([]);
  });

  it('storeLogoff and the outgoing queue find queued messages from the summaries, reading only those', async () => {
    const s = await mailbox();
    const r = restartWithSummaries(s, { summaries: true });
    const { openStoreObject } = await import('../../../src/core/store/MsgStore.js');
    const store = openStoreObject(r.ctx, { writable: true });
    expect((await store.storeLogoff(0)) & C.LOGOFF_OUTBOUND_QUEUE).toBe(0);
    const queue = await store.getOutgoingQueue(0);
    expect(await queue.getRowCount(0)).toBe(0);
    expect(r.reads).toEqual([]);

    // A submitted message (MSGFLAG_SUBMIT in its stored flags) is found, and only it is read.
    const id = s.backend.messageIds(inboxId(s), false)[2] as NodeId;
    const rec = s.backend.message(id) as MessageRecord;
    const props = new Map(rec.props);
    const f = (props.get(PROP_ID(T.PR_MESSAGE_FLAGS))?.Value as number) | C.MSGFLAG_SUBMIT;
    props.set(PROP_ID(T.PR_MESSAGE_FLAGS), { ulPropTag: T.PR_MESSAGE_FLAGS, Value: f });
    await s.backend.putMessage({ ...rec, props, version: rec.version + 1 });
    const again = restartWithSummaries(s, { summaries: true });
    const store2 = openStoreObject(again.ctx, { writable: true });
    expect((await store2.storeLogoff(0)) & C.LOGOFF_OUTBOUND_QUEUE).toBe(C.LOGOFF_OUTBOUND_QUEUE);
    expect(new Set(again.reads)).toEqual(new Set([id]));
  });

  it('a search folder finds its results from the summaries, reading a message only for a property a summary lacks', async () => {
    const s = await mailbox();
    const r = restartWithSummaries(s, { summaries: true });
    const finder = r.folder(s.backend.specialFolders().finder as NodeId);
    const search = await finder.createFolder(C.FOLDER_SEARCH, 'Important', null, null, 0);
    const important: SRestriction = { rt: C.RES_PROPERTY, relop: C.RELOP_EQ, ulPropTag: T.PR_IMPORTANCE, lpProp: { ulPropTag: T.PR_IMPORTANCE, Value: 2 } } as SRestriction;
    await search.setSearchCriteria(important, [r.ctx.folderEntryId(inboxId(s))], C.SHALLOW_SEARCH);
    s.scheduler.runAll();
    await s.flush();
    const rows = await rowsOf(search, [T.PR_SUBJECT_W, T.PR_DISPLAY_TO_W]);
    expect(rows.map((row) => cell(row, T.PR_SUBJECT_W))).toEqual(['subject 2', 'subject 5']);
    expect(await prop(search, T.PR_CONTENT_COUNT)).toBe(2);
    expect(r.reads).toEqual([]);
    // Bodies of odd messages are left out of the summaries: a search on the body reads those only.
    const body: SRestriction = { rt: C.RES_CONTENT, ulFuzzyLevel: C.FL_SUBSTRING, ulPropTag: T.PR_BODY_W, lpProp: { ulPropTag: T.PR_BODY_W, Value: 'body 3' } } as SRestriction;
    await search.setSearchCriteria(body, null, 0);
    s.scheduler.runAll();
    await s.flush();
    expect((await rowsOf(search, [T.PR_SUBJECT_W])).map((row) => cell(row, T.PR_SUBJECT_W))).toEqual(['subject 3']);
    expect(new Set(r.reads).size).toBe(3);
  });

  it('without summaries the same table reads every message (the path summaries replace)', async () => {
    const s = await mailbox();
    const r = restartWithSummaries(s, { summaries: false });
    await rowsOf(r.folder(inboxId(s)), STANDARD);
    expect(new Set(r.reads).size).toBe(6);
  });

  it('a column the summary left out reads only the messages that lack it, once each', async () => {
    const s = await mailbox();
    const r = restartWithSummaries(s, { summaries: true });
    const inbox = r.folder(inboxId(s));
    const rows = await rowsOf(inbox, [T.PR_SUBJECT_W, T.PR_BODY_W]);
    // Bodies of odd messages are long (left out of the summary); even ones are in it.
    expect(rows.map((row) => (cell(row, T.PR_BODY_W) as string).slice(0, 7))).toEqual(['short 0', 'body 1 ', 'short 2', 'body 3 ', 'short 4', 'body 5 ']);
    expect(r.reads).toHaveLength(3);
    await rowsOf(inbox, [T.PR_SUBJECT_W, T.PR_BODY_W]);
    expect(r.reads).toHaveLength(3);
  });

  it('a summary that may lack anything (a file table) reads the message for a property it does not have', async () => {
    const s = await mailbox();
    const r = restartWithSummaries(s, {
      summaries: true,
      tamper: (sum) => {
        const props = new Map(sum.props);
        props.delete(PROP_ID(T.PR_IMPORTANCE));
        return { ...sum, props, omitted: 'unknown' };
      },
    });
    const rows = await rowsOf(r.folder(inboxId(s)), [T.PR_SUBJECT_W, T.PR_IMPORTANCE]);
    expect(rows.map((row) => cell(row, T.PR_IMPORTANCE))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(new Set(r.reads).size).toBe(6);
  });

  it('RES_SUBRESTRICTION on recipients reads the messages it tests', async () => {
    const s = await mailbox();
    const r = restartWithSummaries(s, { summaries: true });
    const res: SRestriction = {
      rt: C.RES_SUBRESTRICTION,
      ulSubObject: T.PR_MESSAGE_RECIPIENTS,
      lpRes: { rt: C.RES_PROPERTY, relop: C.RELOP_EQ, ulPropTag: T.PR_DISPLAY_NAME_W, lpProp: { ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'Cc 4' } },
    } as SRestriction;
    const rows = await rowsOf(r.folder(inboxId(s)), [T.PR_SUBJECT_W], (t) => t.restrict(res, 0));
    expect(rows.map((row) => cell(row, T.PR_SUBJECT_W))).toEqual(['subject 4']);
    expect(r.reads.length).toBeGreaterThan(0);
  });

  it('facts come from the summary: a backend summary that disagrees with the record shows up in the row (the kit trusts it)', async () => {
    const s = await mailbox();
    const r = restartWithSummaries(s, { summaries: true, tamper: (sum) => ({ ...sum, facts: { ...sum.facts, size: 4242, displayTo: 'From summary' } }) });
    const rows = await rowsOf(r.folder(inboxId(s)), [T.PR_MESSAGE_SIZE, T.PR_DISPLAY_TO_W]);
    expect(rows.every((row) => cell(row, T.PR_MESSAGE_SIZE) === 4242 && cell(row, T.PR_DISPLAY_TO_W) === 'From summary')).toBe(true);
  });

  it('a message changed after the table was read shows its new values from the record', async () => {
    const s = await mailbox();
    const r = restartWithSummaries(s, { summaries: true });
    const inbox = r.folder(inboxId(s));
    const t = await inbox.getContentsTable(C.MAPI_UNICODE);
    await t.setColumns([T.PR_ENTRYID, T.PR_SUBJECT_W, T.PR_DISPLAY_TO_W], 0);
    const [first] = await allRows(t);
    const msg = await openRW<IMessage>(await import('../../../src/core/store/MsgStore.js').then((m) => m.openStoreObject(r.ctx, { writable: true })), cell(first, T.PR_ENTRYID) as Uint8Array);
    await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'changed' }]);
    await msg.modifyRecipients(C.MODRECIP_ADD, [{ rgPropVals: [{ ulPropTag: T.PR_DISPLAY_NAME_W, Value: 'New' }, { ulPropTag: T.PR_RECIPIENT_TYPE, Value: C.MAPI_TO }] }]);
    await msg.saveChanges(0);
    const [again] = await allRows(t);
    expect(cell(again, T.PR_SUBJECT_W)).toBe('changed');
    expect(cell(again, T.PR_DISPLAY_TO_W)).toBe('To 0; New');
  });

  it('tables from summaries equal tables from whole records, under any restriction, sort and column set', async () => {
    const s = await mailbox();
    const columnSets = [STANDARD, [T.PR_BODY_W, T.PR_SUBJECT_W], [T.PR_MESSAGE_SIZE, T.PR_HASATTACH, T.PR_DISPLAY_CC_W, T.PR_BODY_W]];
    const restrictions: (SRestriction | null)[] = [
      null,
      { rt: C.RES_CONTENT, ulFuzzyLevel: C.FL_SUBSTRING, ulPropTag: T.PR_BODY_W, lpProp: { ulPropTag: T.PR_BODY_W, Value: 'body 3' } } as SRestriction,
      { rt: C.RES_BITMASK, relBMR: C.BMR_EQZ, ulPropTag: T.PR_MESSAGE_FLAGS, ulMask: C.MSGFLAG_READ } as SRestriction,
      { rt: C.RES_EXIST, ulPropTag: T.PR_DISPLAY_CC_W } as SRestriction,
    ];
    const sorts = [null, T.PR_BODY_W, T.PR_MESSAGE_SIZE, T.PR_DISPLAY_TO_W];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...columnSets), fc.constantFrom(...restrictions), fc.constantFrom(...sorts), fc.boolean(), fc.integer({ min: 0, max: 400 }), async (cols, res, sort, desc, maxValueBytes) => {
        const setup = async (t: Awaited<ReturnType<IMAPIFolder['getContentsTable']>>) => {
          if (res) await t.restrict(res, 0);
          if (sort !== null) await t.sortTable({ aSort: [{ ulPropTag: sort, ulOrder: desc ? C.TABLE_SORT_DESCEND : C.TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 }, 0);
        };
        const withSummaries = restartWithSummaries(s, { summaries: true, maxValueBytes });
        const withRecords = restartWithSummaries(s, { summaries: false });
        const a = await rowsOf(withSummaries.folder(inboxId(s)), cols, setup);
        const b = await rowsOf(withRecords.folder(inboxId(s)), cols, setup);
        expect(strip(a)).toEqual(strip(b));
      }),
      { numRuns: 40, seed: 23 },
    );
  });
});

describe('facts a backend stored with a record', () => {
  it('are shown by getProps and tables until the message changes, then computed again', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const eid = await addMessage(inbox, [{ ulPropTag: T.PR_BODY_W, Value: 'hello' }]);
    const id = s.backend.entryIds.parse(eid)?.id as NodeId;
    const rec = s.backend.message(id) as MessageRecord;
    await s.backend.putMessage({ ...rec, facts: { version: rec.version, hasAttach: true, displayTo: 'Stored To', displayCc: '', displayBcc: '', size: 12345 } });
    const r = restartWithSummaries(s, { summaries: false });
    const folder = r.folder(inboxId(s));
    const [row] = await rowsOf(folder, [T.PR_MESSAGE_SIZE, T.PR_DISPLAY_TO_W, T.PR_HASATTACH, T.PR_MESSAGE_FLAGS]);
    expect([cell(row, T.PR_MESSAGE_SIZE), cell(row, T.PR_DISPLAY_TO_W), cell(row, T.PR_HASATTACH)]).toEqual([12345, 'Stored To', true]);
    expect((cell(row, T.PR_MESSAGE_FLAGS) as number) & C.MSGFLAG_HASATTACH).toBe(C.MSGFLAG_HASATTACH);
    const store = (await import('../../../src/core/store/MsgStore.js')).openStoreObject(r.ctx, { writable: true });
    const msg = await openRW<IMessage>(store, eid);
    expect(await prop(msg, T.PR_MESSAGE_SIZE)).toBe(12345);
    await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'changed' }]);
    // A changed handle computes from its content.
    expect(await prop(msg, T.PR_DISPLAY_TO_W)).toBe('');
    await msg.saveChanges(0);
    const [after] = await rowsOf(folder, [T.PR_MESSAGE_SIZE, T.PR_DISPLAY_TO_W, T.PR_HASATTACH]);
    expect(cell(after, T.PR_MESSAGE_SIZE)).not.toBe(12345);
    expect([cell(after, T.PR_DISPLAY_TO_W), cell(after, T.PR_HASATTACH)]).toEqual(['', false]);
  });

  it('of another version are ignored', async () => {
    const s = await makeStore();
    const inbox = s.openSpecial('inbox');
    const eid = await addMessage(inbox);
    const id = s.backend.entryIds.parse(eid)?.id as NodeId;
    const rec = s.backend.message(id) as MessageRecord;
    await s.backend.putMessage({ ...rec, facts: { version: rec.version - 1, hasAttach: true, displayTo: 'Old', displayCc: '', displayBcc: '', size: 1 } });
    const r = restartWithSummaries(s, { summaries: false });
    const [row] = await rowsOf(r.folder(inboxId(s)), [T.PR_DISPLAY_TO_W, T.PR_HASATTACH]);
    expect([cell(row, T.PR_DISPLAY_TO_W), cell(row, T.PR_HASATTACH)]).toEqual(['', false]);
  });
});

describe('summarizeMessage', () => {
  it('keeps every value up to the limit, leaves out larger variable-size ones and derives the facts as the kit does', async () => {
    const s = await mailbox();
    const ids = s.backend.messageIds(inboxId(s), false);
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.integer({ min: 0, max: 2000 }), (id, limit) => {
        const rec = s.backend.message(id) as MessageRecord;
        const sum = summarizeMessage(rec, { maxValueBytes: limit });
        const left = sum.omitted === 'none' ? new Set<number>() : (sum.omitted as ReadonlySet<number>);
        expect(new Set([...sum.props.keys(), ...left])).toEqual(new Set(rec.props.keys()));
        for (const [pid, v] of sum.props) expect(v).toBe(rec.props.get(pid));
        for (const pid of left) expect(sum.props.has(pid)).toBe(false);
        expect(sum.facts.version).toBe(rec.version);
        expect(sum.facts.hasAttach).toBe(rec.attachments.length > 0);
      }),
      { seed: 5 },
    );
  });
});

describe('summaryDisagreements', () => {
  it('is empty for summaries made by summarizeMessage, and names each kind of disagreement', async () => {
    const s = await mailbox();
    const r = restartWithSummaries(s, { summaries: true });
    expect(summaryDisagreements(r.ctx.backend)).toEqual([]);
    const bad = restartWithSummaries(s, {
      summaries: true,
      tamper: (sum) => {
        const props = new Map(sum.props);
        props.set(PROP_ID(T.PR_SUBJECT_W), { ulPropTag: T.PR_SUBJECT_W, Value: 'other' });
        props.delete(PROP_ID(T.PR_IMPORTANCE));
        return { ...sum, props, version: sum.version + 1, facts: { ...sum.facts, size: -1 } };
      },
    });
    const found = summaryDisagreements(bad.ctx.backend).join('\n');
    expect(found).toMatch(/version is \d+ in the summary/);
    expect(found).toMatch(/property 0x37001f differs/);
    expect(found).toMatch(/property id 0x17 is in the record but neither in the summary nor in its omitted set/);
    expect(found).toMatch(/facts.size is -1/);
  });
});

/** Rows without PR_INSTANCE_KEY-like per-table values (there are none here) as plain values for comparison. */
function strip(rows: SRow[]): unknown[] {
  return rows.map((r) => r.lpProps.map((p: SPropValue) => [p.ulPropTag >>> 0, p.Value]));
}
