/**
 * Contents tables of the PST store served from the file's own contents TCs
 * (PstBackend.messageSummary): the rows equal the rows of whole decoded messages, reading the
 * table's usual columns decodes no message, other columns fall back to the message, and
 * messages changed through MAPI show their new values.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openServiceStore, type ContractStore } from '../../../src/vitest/index.js';
import type { MessageServiceDefinition } from '../../../src/core/spi/services.js';
import type { IMAPIFolder, IMessage } from '../../../src/core/store/interfaces.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import * as T from '../../../src/core/generated/proptags.js';
import { CONVENIENT_DEPTH, MAPI_ASSOCIATED, MAPI_BEST_ACCESS, MAPI_MODIFY, MAPI_UNICODE, MSGSTATUS_DELMARKED, MSGSTATUS_TAGGED, TBL_ALL_COLUMNS } from '../../../src/core/generated/constants.js';
import { PT_ERROR } from '../../../src/core/generated/proptypes.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import { openPst, PstMessage } from '../../../src/formats/pst/messaging/index.js';
import { PropertyContext } from '../../../src/formats/pst/ltp/pc.js';
import { TableContext } from '../../../src/formats/pst/ltp/tc.js';
import { NID_TYPE_NORMAL_MESSAGE, nidType } from '../../../src/formats/pst/nid.js';
import { PstBackend, type PstBackendOptions } from '../../../src/providers/pst-store/index.js';
import { summaryDisagreements } from '../../../src/core/store/summary.js';
import { ALL_SAMPLES, ANSI_SAMPLE, sampleBytes } from '../../formats/pst/helpers.js';

const opened: ContractStore[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close?.();
});

/** A store over `backend` (a service whose logon hands it out). */
async function storeOn(backend: PstBackend): Promise<ContractStore> {
  const service: MessageServiceDefinition = {
    name: 'PSTTEST',
    displayName: 'PST test',
    providers: [{ kind: 'store', name: 'PSTTEST', displayName: 'PST test', dllName: 'psttest.dll', store: { mdbProvider: backend.entryIds.uid, logon: async () => ({ backend, displayName: 'PST test', isNew: false }) } }],
  };
  const s = await openServiceStore({ service });
  opened.push(s);
  return s;
}

function backendOf(sample: string, options: PstBackendOptions = {}): PstBackend {
  return new PstBackend(openPst(sampleBytes(sample)), options);
}

/** Every folder of the store (the root, then the hierarchy in table order). */
async function folders(s: ContractStore): Promise<IMAPIFolder[]> {
  const root = (await s.store.openEntry(null, null, MAPI_BEST_ACCESS)) as IMAPIFolder;
  const table = await root.getHierarchyTable(CONVENIENT_DEPTH);
  await table.setColumns([T.PR_ENTRYID], 0);
  const out = [root];
  for (const r of await table.queryRows(10_000, 0)) out.push((await s.store.openEntry(r.lpProps[0]?.Value as Uint8Array, null, MAPI_BEST_ACCESS)) as IMAPIFolder);
  return out;
}

async function rowsOf(folder: IMAPIFolder, flags: number, columns: number[]): Promise<SPropValue[][]> {
  const table = await folder.getContentsTable(flags);
  await table.setColumns(columns, 0);
  return (await table.queryRows(10_000, 0)).map((r) => r.lpProps);
}

/** The usual columns of a message list: all in Outlook's contents TC. */
const LIST_COLUMNS = [
  T.PR_ENTRYID, T.PR_SUBJECT_W, T.PR_MESSAGE_DELIVERY_TIME, T.PR_SENT_REPRESENTING_NAME_W, T.PR_MESSAGE_SIZE, T.PR_DISPLAY_TO_W,
  T.PR_HASATTACH, T.PR_MESSAGE_FLAGS, T.PR_MESSAGE_CLASS_W, T.PR_IMPORTANCE,
]; // prettier-ignore
/** Derived properties an open message and its row must agree on. */
const FACT_TAGS = [T.PR_MESSAGE_SIZE, T.PR_DISPLAY_TO_W, T.PR_DISPLAY_CC_W, T.PR_DISPLAY_BCC_W, T.PR_HASATTACH, T.PR_MESSAGE_FLAGS];

describe('PstBackend.messageSummary', () => {
  for (const sample of ALL_SAMPLES) {
    it(`${sample}: every summary agrees with its message record (place, version, values, omitted set, facts)`, () => {
      expect(summaryDisagreements(backendOf(sample))).toEqual([]);
    });
  }

  for (const sample of ALL_SAMPLES) {
    it(`${sample}: every contents table (normal and associated) gives the same rows from the contents TCs as from whole messages`, async () => {
      const fast = backendOf(sample);
      const full = backendOf(sample, { summaries: false });
      const [fs, ss] = [await storeOn(fast), await storeOn(full)];
      const [fastFolders, fullFolders] = [await folders(fs), await folders(ss)];
      expect(fastFolders.length).toBe(fullFolders.length);
      let summarised = 0;
      for (let i = 0; i < fullFolders.length; i++) {
        const [a, b] = [fastFolders[i] as IMAPIFolder, fullFolders[i] as IMAPIFolder];
        const counts = [T.PR_CONTENT_COUNT, T.PR_CONTENT_UNREAD, T.PR_ASSOC_CONTENT_COUNT];
        expect(await a.getProps(counts, 0)).toEqual(await b.getProps(counts, 0));
        for (const flags of [MAPI_UNICODE, MAPI_UNICODE | MAPI_ASSOCIATED]) {
          // Every column either path has: the whole messages' columns and the summaries' own.
          const all = new Set((await (await b.getContentsTable(flags)).queryColumns(TBL_ALL_COLUMNS)).map((t) => t >>> 0));
          const table = await b.getContentsTable(flags);
          await table.setColumns([T.PR_ENTRYID], 0);
          for (const r of await table.queryRows(10_000, 0)) {
            const parsed = fast.entryIds.parse(r.lpProps[0]?.Value as Uint8Array);
            const sum = parsed?.id !== undefined ? fast.messageSummary(parsed.id) : undefined;
            if (!sum) continue;
            summarised++;
            for (const p of sum.props.values()) all.add(p.ulPropTag >>> 0);
          }
          const columns = [...all].filter((t) => (t & 0xffff) !== PT_ERROR);
          const got = await rowsOf(a, flags, columns);
          const want = await rowsOf(b, flags, columns);
          expect(got).toEqual(want);
          // An open message shows the same derived values as its row.
          for (const row of got) {
            const m = (await a.openEntry(row[columns.indexOf(T.PR_ENTRYID)]?.Value as Uint8Array, null, 0)) as IMessage;
            expect(await m.getProps(FACT_TAGS, 0)).toEqual(FACT_TAGS.map((t) => row[columns.indexOf(t)]));
          }
        }
      }
      if (sample !== 'aspose__SampleContacts.pst') expect(summarised).toBeGreaterThan(0);
    });
  }

  for (const sample of ['tika__testPST.pst', 'javalibpst__passworded.pst', ANSI_SAMPLE]) {
    it(`${sample}: listing every folder with the usual columns and its counts decodes no message`, async () => {
      const backend = backendOf(sample);
      const decode = vi.spyOn(backend, 'message');
      const s = await storeOn(backend);
      let rows = 0;
      for (const folder of await folders(s)) {
        await folder.getProps([T.PR_CONTENT_COUNT, T.PR_CONTENT_UNREAD], 0);
        for (const row of await rowsOf(folder, MAPI_UNICODE, LIST_COLUMNS)) {
          rows++;
          expect(typeof row[1]?.Value).toBe('string');
          expect(row[4]?.ulPropTag).toBe(T.PR_MESSAGE_SIZE);
        }
      }
      expect(rows).toBeGreaterThan(0);
      expect(decode).not.toHaveBeenCalled();
    });
  }

  it('PT_STRING8 cells are decoded with the message code page, as its properties are', async () => {
    // The ANSI sample is plain ASCII in CP 1252; the Symbol code page (42) maps every byte from 0x20 up to U+F0xx, so any other decoding shows.
    const cp = vi.spyOn(PstMessage.prototype, 'codepage', 'get').mockReturnValue(42);
    try {
      const backend = backendOf(ANSI_SAMPLE);
      const full = backendOf(ANSI_SAMPLE, { summaries: false });
      const decode = vi.spyOn(backend, 'message');
      const cols = [T.PR_SUBJECT_W, T.PR_DISPLAY_TO_W, T.PR_SENT_REPRESENTING_NAME_W, T.PR_MESSAGE_CLASS_W];
      const got = await Promise.all((await folders(await storeOn(backend))).map((f) => rowsOf(f, MAPI_UNICODE, cols)));
      const want = await Promise.all((await folders(await storeOn(full))).map((f) => rowsOf(f, MAPI_UNICODE, cols)));
      expect(got).toEqual(want);
      expect(got.flat().some((r) => typeof r[0]?.Value === 'string' && r[0].Value.charCodeAt(0) >= 0xf020)).toBe(true);
      expect(decode).not.toHaveBeenCalled();
    } finally {
      cp.mockRestore();
    }
  });

  it('PR_DISPLAY_BCC, which no contents TC holds, comes from the message PC without decoding the message', async () => {
    // No sample message has PR_DISPLAY_BCC: give every top-level message's PC one.
    const bcc: SPropValue = { ulPropTag: T.PR_DISPLAY_BCC_W, Value: 'Hidden Person' };
    const isMessage = (pc: PropertyContext) => nidType(pc.nid) === NID_TYPE_NORMAL_MESSAGE;
    const entryById = PropertyContext.prototype.entryById;
    const getProp = PropertyContext.prototype.getProp;
    const getProps = PropertyContext.prototype.getProps;
    const spies = [
      vi.spyOn(PropertyContext.prototype, 'entryById').mockImplementation(function (this: PropertyContext, id: number) {
        return isMessage(this) && id === PROP_ID(bcc.ulPropTag) ? { ulPropTag: bcc.ulPropTag, storage: 'heap', hnid: 0, known: true } : entryById.call(this, id);
      }),
      vi.spyOn(PropertyContext.prototype, 'getProp').mockImplementation(function (this: PropertyContext, tag: number, opts) {
        return isMessage(this) && tag === bcc.ulPropTag ? { ...bcc } : getProp.call(this, tag, opts);
      }),
      vi.spyOn(PropertyContext.prototype, 'getProps').mockImplementation(function (this: PropertyContext, opts) {
        return isMessage(this) ? [...getProps.call(this, opts), { ...bcc }] : getProps.call(this, opts);
      }),
    ];
    try {
      const backend = backendOf('tika__testPST.pst');
      const full = backendOf('tika__testPST.pst', { summaries: false });
      const decode = vi.spyOn(backend, 'message');
      const cols = [T.PR_SUBJECT_W, T.PR_DISPLAY_BCC_W];
      const got = await Promise.all((await folders(await storeOn(backend))).map((f) => rowsOf(f, MAPI_UNICODE, cols)));
      const want = await Promise.all((await folders(await storeOn(full))).map((f) => rowsOf(f, MAPI_UNICODE, cols)));
      expect(got).toEqual(want);
      expect(got.flat().length).toBeGreaterThan(0);
      expect(got.flat().every((r) => r[1]?.Value === 'Hidden Person')).toBe(true);
      expect(decode).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('a column the contents TC lacks (PR_SENDER_NAME, PR_BODY) reads the message and gives its value', async () => {
    const backend = backendOf('tika__testPST.pst');
    const full = backendOf('tika__testPST.pst', { summaries: false });
    const decode = vi.spyOn(backend, 'message');
    const cols = [T.PR_SUBJECT_W, T.PR_SENDER_NAME_W, T.PR_BODY_W];
    const got = await Promise.all((await folders(await storeOn(backend))).map((f) => rowsOf(f, MAPI_UNICODE, cols)));
    const want = await Promise.all((await folders(await storeOn(full))).map((f) => rowsOf(f, MAPI_UNICODE, cols)));
    expect(got).toEqual(want);
    const senders = got.flat().map((r) => r[1]?.Value);
    expect(senders.length).toBeGreaterThan(0);
    expect(senders.every((v) => typeof v === 'string' && v !== '')).toBe(true);
    expect(decode).toHaveBeenCalledTimes(senders.length);
  });

  it('PR_MSG_STATUS, kept only in the contents TC, is what getMessageStatus and the table answer, with or without summaries', async () => {
    // Every sample stores 0; a status in the table's cells stands in for a message the user marked.
    const row = TableContext.prototype.row;
    const spy = vi.spyOn(TableContext.prototype, 'row').mockImplementation(function (this: TableContext, i: number, opts) {
      const r = row.call(this, i, opts);
      return { ...r, lpProps: r.lpProps.map((p) => (p.ulPropTag === T.PR_MSG_STATUS ? { ...p, Value: MSGSTATUS_TAGGED | MSGSTATUS_DELMARKED } : p)) };
    });
    try {
      for (const options of [{}, { summaries: false }]) {
        const backend = backendOf('tika__testPST.pst', options);
        const s = await storeOn(backend);
        let seen = 0;
        for (const f of await folders(s)) {
          for (const r of await rowsOf(f, MAPI_UNICODE, [T.PR_ENTRYID, T.PR_MSG_STATUS])) {
            seen++;
            expect(r[1]).toEqual({ ulPropTag: T.PR_MSG_STATUS, Value: MSGSTATUS_TAGGED | MSGSTATUS_DELMARKED });
            expect(await f.getMessageStatus(r[0]?.Value as Uint8Array, 0)).toBe(MSGSTATUS_TAGGED | MSGSTATUS_DELMARKED);
          }
        }
        expect(seen).toBeGreaterThan(0);
        expect(summaryDisagreements(backend)).toEqual([]);
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('a message changed through MAPI shows its new values (the overlay, not the contents TC)', async () => {
    const backend = backendOf('tika__testPST.pst');
    const s = await storeOn(backend);
    let folder: IMAPIFolder | undefined;
    for (const f of await folders(s)) if ((await rowsOf(f, MAPI_UNICODE, [T.PR_ENTRYID])).length > 0) folder = f;
    if (!folder) throw new Error('no folder with messages');
    const cols = [T.PR_ENTRYID, T.PR_SUBJECT_W, T.PR_DISPLAY_TO_W, T.PR_MESSAGE_SIZE, T.PR_HASATTACH];
    const before = await rowsOf(folder, MAPI_UNICODE, cols);
    const eid = before[0]?.[0]?.Value as Uint8Array;
    const id = backend.entryIds.parse(eid)?.id as number;
    expect(backend.messageSummary(id)).toBeDefined();
    const m = (await folder.openEntry(eid, null, MAPI_MODIFY)) as IMessage;
    await m.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'changed through MAPI' }]);
    await m.modifyRecipients(0, []);
    await m.saveChanges(0);
    await s.flush();
    expect(backend.messageSummary(id)).toBeUndefined();
    const after = await rowsOf(folder, MAPI_UNICODE, cols);
    const row = after.find((r) => PROP_ID(r[0]?.ulPropTag ?? 0) === PROP_ID(T.PR_ENTRYID) && Buffer.compare(r[0]?.Value as Uint8Array, eid) === 0);
    expect(row?.[1]?.Value).toBe('changed through MAPI');
    // The saved message is the kit's now: its derived values are computed from its new content.
    const [to, size] = await m.getProps([T.PR_DISPLAY_TO_W, T.PR_MESSAGE_SIZE], 0);
    expect(row?.[2]).toEqual(to);
    expect(row?.[3]).toEqual(size);
    expect(after.filter((r) => r !== row)).toEqual(before.filter((r) => Buffer.compare(r[0]?.Value as Uint8Array, eid) !== 0));
  });
});
