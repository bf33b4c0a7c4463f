import { describe, expect, it } from 'vitest';
import { CHANGE_PROP_TYPE } from '../../../src/core/props/tags.js';
import { PT_ERROR } from '../../../src/core/generated/proptypes.js';
import {
  PR_CONTENT_COUNT,
  PR_CONTENT_UNREAD,
  PR_INSTANCE_KEY,
  PR_MESSAGE_SIZE,
  PR_NULL,
  PR_ROW_TYPE,
  PR_SENDER_NAME_W,
  PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import {
  BOOKMARK_BEGINNING,
  RELOP_EQ,
  RES_PROPERTY,
  TABLE_CHANGED,
  TABLE_RELOAD,
  TABLE_ROW_ADDED,
  TABLE_ROW_DELETED,
  TABLE_ROW_MODIFIED,
  TABLE_SORT_ASCEND,
  TABLE_SORT_CATEG_MAX,
  TABLE_SORT_DESCEND,
  TBL_BATCH,
  TBL_COLLAPSED_CATEGORY,
  TBL_EXPANDED_CATEGORY,
  fnevNewMail,
  fnevTableModified,
} from '../../../src/core/generated/constants.js';
import { MAPI_E_INVALID_BOOKMARK, MAPI_E_INVALID_PARAMETER, MAPI_E_NOT_FOUND } from '../../../src/core/generated/scodes.js';
import type { SRow } from '../../../src/core/props/types.js';
import type { TABLE_NOTIFICATION } from '../../../src/core/notify/types.js';
import { NotificationRecorder } from '../../../src/core/notify/sink.js';
import { MAILBOX, hex, mailRow, mailTable, p, recordTable, reject, tableEvents } from './MapiTable.fixtures.js';
import { cell, ikey } from './helpers.js';

const NONE = { ulPropTag: PR_NULL, Value: null };
const NAMES: Record<number, string> = {
  [TABLE_ROW_ADDED]: 'ADDED',
  [TABLE_ROW_DELETED]: 'DELETED',
  [TABLE_ROW_MODIFIED]: 'MODIFIED',
  [TABLE_CHANGED]: 'CHANGED',
  [TABLE_RELOAD]: 'RELOAD',
};

/** A table with a recorder advised on it, and a way to read what arrived. */
async function watched(...args: Parameters<typeof mailTable>) {
  const t = mailTable(...args);
  const { rec, connection } = await recordTable(t.table);
  /** Every row of the view now, by instance key, to describe notifications. */
  const names = async () => {
    const bk = await t.table.createBookmark();
    const cols = await t.table.queryColumns();
    await t.table.setColumns([PR_INSTANCE_KEY, PR_ROW_TYPE, PR_SENDER_NAME_W, PR_SUBJECT_W]);
    await t.table.seekRow(BOOKMARK_BEGINNING, 0);
    const rows = await t.table.queryRows(1000);
    await t.table.setColumns(cols);
    await t.table.seekRow(bk, 0);
    await t.table.freeBookmark(bk);
    return new Map(rows.map((r) => [hex(ikey(r)), cell(r, PR_ROW_TYPE) === TBL_EXPANDED_CATEGORY || cell(r, PR_ROW_TYPE) === TBL_COLLAPSED_CATEGORY ? `[${String(cell(r, PR_SENDER_NAME_W))}]` : String(cell(r, PR_SUBJECT_W))]));
  };
  /** Delivers what is pending and describes it: "ADDED New after Budget". */
  const events = async (known: Map<string, string>) => {
    await t.hub.flush();
    const out = tableEvents(rec).map((tab) => {
      const name = NAMES[tab.ulTableEvent] ?? String(tab.ulTableEvent);
      if (tab.ulTableEvent === TABLE_CHANGED || tab.ulTableEvent === TABLE_RELOAD) return name;
      const who = known.get(hex(tab.propIndex.Value)) ?? '?';
      if (tab.ulTableEvent === TABLE_ROW_DELETED) return `${name} ${who}`;
      const prior = tab.propPrior.ulPropTag === PR_NULL ? 'first' : `after ${known.get(hex(tab.propPrior.Value)) ?? '?'}`;
      return `${name} ${who} ${prior}`;
    });
    rec.clear();
    return out;
  };
  return { ...t, rec, connection, names, events };
}

const withSubject = (r: SRow | undefined) => cell(r, PR_SUBJECT_W);

describe('IMAPITable.advise', () => {
  it('returns a nonzero connection and delivers after the call that caused the event has returned', async () => {
    const { source, rec, connection, hub } = await watched();
    expect(connection).toBeGreaterThan(0);
    source.upsert(mailRow({ key: 'n', sender: 'X', subject: 'New', size: 1, read: true }));
    expect(rec.count).toBe(0);
    await hub.flush();
    expect(rec.count).toBe(1);
  });

  it('delivers through the scheduler too', async () => {
    const { source, rec, scheduler } = await watched();
    source.delete('m0');
    expect(rec.count).toBe(0);
    scheduler.runAll();
    expect(tableEvents(rec).map((t) => t.ulTableEvent)).toEqual([TABLE_ROW_DELETED]);
  });

  it('rejects an event mask without fnevTableModified with MAPI_E_INVALID_PARAMETER', async () => {
    const { table } = mailTable();
    await reject(table.advise(fnevNewMail, new NotificationRecorder()), MAPI_E_INVALID_PARAMETER);
  });

  it('rejects something that is not an advise sink with MAPI_E_INVALID_PARAMETER', async () => {
    const { table } = mailTable();
    await reject(table.advise(fnevTableModified, {} as NotificationRecorder), MAPI_E_INVALID_PARAMETER);
  });

  it('gives every sink its own copy of each notification', async () => {
    const { table, source, hub, rec } = await watched();
    const other = await recordTable(table);
    source.delete('m0');
    await hub.flush();
    expect(rec.count).toBe(1);
    expect(other.rec.count).toBe(1);
    expect(other.rec.notifications[0]).not.toBe(rec.notifications[0]);
  });
});

describe('IMAPITable.unadvise', () => {
  it('stops the notifications of that connection, including ones already queued', async () => {
    const { table, source, hub, rec, connection } = await watched();
    source.delete('m0');
    await table.unadvise(connection);
    source.delete('m1');
    await hub.flush();
    expect(rec.count).toBe(0);
  });

  it('rejects a connection that does not exist with MAPI_E_NOT_FOUND', async () => {
    const { table, connection } = await watched();
    await table.unadvise(connection);
    await reject(table.unadvise(connection), MAPI_E_NOT_FOUND);
  });
});

describe('table notifications (about-table-notifications.md, table_notification.md)', () => {
  it('TABLE_ROW_ADDED carries the row in the current column set and the PR_INSTANCE_KEY of the row before it', async () => {
    const w = await watched();
    await w.table.sortTable({ aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 });
    await w.table.setColumns([PR_SUBJECT_W, PR_INSTANCE_KEY]);
    w.source.upsert(mailRow({ key: 'n', sender: 'X', subject: 'Coffee', size: 1, read: true }));
    await w.hub.flush();
    const [tab] = tableEvents(w.rec) as [TABLE_NOTIFICATION];
    const rows = await w.table.queryRows(100);
    const i = rows.findIndex((r) => withSubject(r) === 'Coffee');
    expect(tab.ulTableEvent).toBe(TABLE_ROW_ADDED);
    expect(tab.hResult).toBe(0);
    expect(tab.propIndex).toEqual(p(PR_INSTANCE_KEY, ikey(rows[i])));
    expect(tab.propPrior).toEqual(p(PR_INSTANCE_KEY, ikey(rows[i - 1])));
    expect(withSubject(rows[i - 1])).toBe('Cake');
    expect(tab.row.lpProps).toEqual([p(PR_SUBJECT_W, 'Coffee'), p(PR_INSTANCE_KEY, ikey(rows[i]))]);
  });

  it('TABLE_ROW_ADDED for a row that becomes the first row has a PR_NULL propPrior', async () => {
    const w = await watched();
    await w.table.sortTable({ aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 });
    w.source.upsert(mailRow({ key: 'n', sender: 'X', subject: 'Aardvark', size: 1, read: true }));
    expect(await w.events(await w.names())).toEqual(['ADDED Aardvark first']);
  });

  it('TABLE_ROW_ADDED in an empty table has a PR_NULL propPrior', async () => {
    const w = await watched([]);
    w.source.upsert(mailRow({ key: 'n', sender: 'X', subject: 'Only', size: 1, read: true }));
    await w.hub.flush();
    expect(tableEvents(w.rec)[0]?.propPrior).toEqual(NONE);
  });

  it('TABLE_ROW_DELETED carries the PR_INSTANCE_KEY of the row, a PR_NULL propPrior and no row', async () => {
    const w = await watched();
    const [first] = await w.table.queryRows(1);
    w.source.delete('m0');
    await w.hub.flush();
    expect(tableEvents(w.rec)).toEqual([{ ulTableEvent: TABLE_ROW_DELETED, hResult: 0, propIndex: p(PR_INSTANCE_KEY, ikey(first)), propPrior: NONE, row: { lpProps: [] } }]);
  });

  it('TABLE_ROW_MODIFIED carries the new values and the row before it; PR_NULL when it is the first row', async () => {
    const w = await watched();
    const names = await w.names();
    w.source.upsert(mailRow({ ...MAILBOX[3]!, subject: 'Report v2' }));
    w.source.upsert(mailRow({ ...MAILBOX[0]!, size: 501 }));
    expect(await w.events(names)).toEqual(['MODIFIED Report after Agenda', 'MODIFIED Budget first']);
    w.source.upsert(mailRow({ ...MAILBOX[3]!, subject: 'Report v3' }));
    await w.hub.flush();
    expect(cell(tableEvents(w.rec)[0]?.row, PR_SUBJECT_W)).toBe('Report v3');
  });

  it('TABLE_ROW_MODIFIED for a row that moves gives the row before its new place', async () => {
    const w = await watched();
    await w.table.sortTable({ aSort: [{ ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_ASCEND }], cCategories: 0, cExpanded: 0 });
    const names = await w.names();
    w.source.upsert(mailRow({ ...MAILBOX[1]!, size: 650 })); // Lunch: 100 -> between Hello (600) and Invoice (700)
    w.source.upsert(mailRow({ ...MAILBOX[3]!, size: 1 })); // Report: 900 -> first
    expect(await w.events(names)).toEqual(['MODIFIED Lunch after Hello', 'MODIFIED Report first']);
  });

  it('the row is in the column set of the moment the event happened, not of its delivery', async () => {
    const w = await watched();
    await w.table.setColumns([PR_SUBJECT_W]);
    w.source.upsert(mailRow({ key: 'n', sender: 'X', subject: 'New', size: 1, read: true }));
    await w.table.setColumns([PR_MESSAGE_SIZE, PR_SENDER_NAME_W]);
    w.source.upsert(mailRow({ key: 'o', sender: 'Y', subject: 'Other', size: 2, read: true }));
    await w.hub.flush();
    expect(tableEvents(w.rec).map((t) => t.row.lpProps)).toEqual([[p(PR_SUBJECT_W, 'New')], [p(PR_MESSAGE_SIZE, 2), p(PR_SENDER_NAME_W, 'Y')]]);
  });

  it('a column set changed with TBL_BATCH is in effect for the next notification', async () => {
    const w = await watched();
    await w.table.setColumns([PR_MESSAGE_SIZE], TBL_BATCH);
    w.source.upsert(mailRow({ key: 'n', sender: 'X', subject: 'New', size: 1, read: true }));
    await w.hub.flush();
    expect(tableEvents(w.rec)[0]?.row.lpProps).toEqual([p(PR_MESSAGE_SIZE, 1)]);
  });

  it('a restriction set with TBL_BATCH hides rows before they can be notified', async () => {
    const w = await watched();
    await w.table.restrict({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_SENDER_NAME_W, lpProp: p(PR_SENDER_NAME_W, 'Alice') }, TBL_BATCH);
    w.source.upsert(mailRow({ key: 'n', sender: 'X', subject: 'New', size: 1, read: true }));
    await w.hub.flush();
    expect(tableEvents(w.rec).map((t) => t.ulTableEvent)).not.toContain(TABLE_ROW_ADDED);
    expect(await w.table.getRowCount()).toBe(5);
  });

  it('a coalesced batch of changes is one TABLE_CHANGED; the bookmarks and cursor stay valid', async () => {
    const w = await watched();
    await w.table.seekRow(BOOKMARK_BEGINNING, 5);
    const bk = await w.table.createBookmark();
    w.source.batch(() => {
      w.source.delete('m0');
      w.source.upsert(mailRow({ key: 'n', sender: 'X', subject: 'New', size: 1, read: true }));
      w.source.upsert(mailRow({ ...MAILBOX[3]!, subject: 'Changed' }));
    }, true);
    await w.hub.flush();
    expect(tableEvents(w.rec)).toEqual([{ ulTableEvent: TABLE_CHANGED, hResult: 0, propIndex: NONE, propPrior: NONE, row: { lpProps: [] } }]);
    expect(await w.table.seekRow(bk, 0)).toEqual({ lRowsSought: 0 });
    expect(withSubject((await w.table.queryRows(1))[0])).toBe('Invoice');
  });

  it('a batch that is not coalesced sends one notification per row, in order', async () => {
    const w = await watched();
    const names = await w.names();
    w.source.batch(() => {
      w.source.delete('m1');
      w.source.upsert(mailRow({ ...MAILBOX[3]!, size: 901 }));
    });
    expect(await w.events(names)).toEqual(['DELETED Lunch', 'MODIFIED Report after Agenda']);
  });

  it('a reload of the rows is TABLE_RELOAD, after which bookmarks are gone', async () => {
    const w = await watched();
    const bk = await w.table.createBookmark();
    w.source.reload();
    await w.hub.flush();
    expect(tableEvents(w.rec).map((t) => t.ulTableEvent)).toEqual([TABLE_RELOAD]);
    await reject(w.table.seekRow(bk, 0), MAPI_E_INVALID_BOOKMARK);
  });

  it('sends nothing for rows the restriction hides', async () => {
    const w = await watched();
    await w.table.restrict({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_SENDER_NAME_W, lpProp: p(PR_SENDER_NAME_W, 'Alice') });
    w.source.upsert(mailRow({ key: 'n', sender: 'X', subject: 'New', size: 1, read: true }));
    w.source.upsert(mailRow({ ...MAILBOX[1]!, subject: 'Lunch v2' }));
    w.source.delete('m3');
    await w.hub.flush();
    expect(w.rec.count).toBe(0);
  });

  it('a row that starts or stops matching the restriction is added or deleted', async () => {
    const w = await watched();
    await w.table.restrict({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_SENDER_NAME_W, lpProp: p(PR_SENDER_NAME_W, 'Alice') });
    const before = await w.names();
    w.source.upsert(mailRow({ ...MAILBOX[0]!, sender: 'Zoe' }));
    w.source.upsert(mailRow({ ...MAILBOX[1]!, sender: 'Alice' }));
    const after = await w.names();
    expect(await w.events(new Map([...before, ...after]))).toEqual(['DELETED Budget', 'ADDED Lunch first']);
  });

  it('sends nothing when the restriction or sort changes, or on expand and collapse', async () => {
    const w = await watched();
    await w.table.restrict({ rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_SENDER_NAME_W, lpProp: p(PR_SENDER_NAME_W, 'Alice') });
    await w.table.sortTable({ aSort: [{ ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND }], cCategories: 1, cExpanded: 1 });
    await w.table.setColumns([PR_INSTANCE_KEY]);
    const [heading] = await w.table.queryRows(1);
    await w.table.collapseRow(ikey(heading));
    await w.table.expandRow(ikey(heading), 3);
    await w.hub.flush();
    expect(w.rec.count).toBe(0);
  });

  describe('in a categorized view', () => {
    async function categorized(cExpanded = 1) {
      const w = await watched();
      await w.table.sortTable({
        aSort: [
          { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
          { ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND },
        ],
        cCategories: 1,
        cExpanded,
      });
      await w.table.setColumns([PR_INSTANCE_KEY, PR_SENDER_NAME_W, PR_SUBJECT_W, PR_CONTENT_COUNT, PR_CONTENT_UNREAD]);
      return w;
    }

    it('a row of a new category adds its heading, then the row; both go, in view order, with its last row', async () => {
      const w = await categorized();
      w.source.upsert(mailRow({ key: 'g', sender: 'Bea', subject: 'Hi', size: 1, read: false }));
      const names = await w.names();
      expect(await w.events(names)).toEqual(['ADDED [Bea] after Zebra', 'ADDED Hi after [Bea]']);
      w.source.delete('g');
      expect(await w.events(names)).toEqual(['DELETED [Bea]', 'DELETED Hi']);
    });

    it('a heading whose counts change is modified, with its new counts, before the rows under it', async () => {
      const w = await categorized();
      const names = await w.names();
      w.source.upsert(mailRow({ key: 'n', sender: 'Alice', subject: 'Beer', size: 1, read: false }));
      expect(await w.events(names)).toEqual(['MODIFIED [Alice] first', 'ADDED ? after Agenda']);
      w.source.upsert(mailRow({ ...MAILBOX[2]!, read: true })); // Agenda read
      await w.hub.flush();
      const tabs = tableEvents(w.rec);
      expect(tabs.map((t) => t.ulTableEvent)).toEqual([TABLE_ROW_MODIFIED, TABLE_ROW_MODIFIED]);
      expect(tabs[0]?.row.lpProps.slice(1)).toEqual([p(PR_SENDER_NAME_W, 'Alice'), { ulPropTag: CHANGE_PROP_TYPE(PR_SUBJECT_W, PT_ERROR), Value: MAPI_E_NOT_FOUND }, p(PR_CONTENT_COUNT, 6), p(PR_CONTENT_UNREAD, 2)]);
    });

    it('a row that moves to another category is modified, and both headings too, in view order', async () => {
      const w = await categorized();
      const names = await w.names();
      w.source.upsert(mailRow({ ...MAILBOX[2]!, sender: 'Bob' })); // Agenda: Alice -> Bob
      expect(await w.events(names)).toEqual(['MODIFIED [Alice] first', 'MODIFIED [Bob] after Zebra', 'MODIFIED Agenda after [Bob]']);
    });

    it('sends nothing for rows of a collapsed category, but modifies its heading', async () => {
      const w = await categorized();
      const [alice] = await w.table.queryRows(1);
      await w.table.collapseRow(ikey(alice));
      const names = await w.names();
      w.source.upsert(mailRow({ key: 'n', sender: 'Alice', subject: 'Beer', size: 1, read: false }));
      w.source.upsert(mailRow({ ...MAILBOX[0]!, subject: 'Budget v2' }));
      w.source.delete('m4');
      await w.hub.flush();
      const tabs = tableEvents(w.rec);
      expect(tabs.map((t) => t.ulTableEvent)).toEqual([TABLE_ROW_MODIFIED, TABLE_ROW_MODIFIED]);
      expect(tabs.every((t) => names.get(hex(t.propIndex.Value)) === '[Alice]')).toBe(true);
      expect(tabs.map((t) => cell(t.row, PR_CONTENT_COUNT))).toEqual([6, 5]);
    });

    it('a heading that moves because its TABLE_SORT_CATEG_MAX value changed is modified with every row under it', async () => {
      const w = await watched();
      await w.table.sortTable({
        aSort: [
          { ulPropTag: PR_SENDER_NAME_W, ulOrder: TABLE_SORT_ASCEND },
          { ulPropTag: PR_MESSAGE_SIZE, ulOrder: TABLE_SORT_CATEG_MAX | TABLE_SORT_DESCEND },
          { ulPropTag: PR_SUBJECT_W, ulOrder: TABLE_SORT_ASCEND },
        ],
        cCategories: 1,
        cExpanded: 1,
      });
      const names = await w.names();
      w.source.upsert(mailRow({ ...MAILBOX[1]!, size: 5000 })); // Bob's Lunch: Bob goes from last to first
      expect(await w.events(names)).toEqual(['MODIFIED [Bob] first', 'MODIFIED Lunch after [Bob]']);
    });

    it('a row added to a collapsed category only modifies the heading', async () => {
      const w = await categorized(0);
      const names = await w.names();
      w.source.upsert(mailRow({ key: 'n', sender: 'Carol', subject: 'New', size: 1, read: true }));
      expect(await w.events(names)).toEqual(['MODIFIED [Carol] after [Bob]']);
    });
  });
});

describe('IMAPITable.release', () => {
  it('stops notifications, including queued ones', async () => {
    const w = await watched();
    w.source.delete('m0');
    w.table.release();
    w.source.delete('m1');
    await w.hub.flush();
    w.scheduler.runAll();
    expect(w.rec.count).toBe(0);
  });
});
