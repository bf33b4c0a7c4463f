import { PSTFile, type PSTFolder } from 'pst-extractor';
import { describe, expect, it } from 'vitest';
import {
  PR_CONTENT_COUNT, PR_DISPLAY_NAME, PR_IPM_SUBTREE_ENTRYID, PR_MESSAGE_CLASS, PR_RECORD_KEY, PR_SUBFOLDERS,
} from '../../../src/core/generated/proptags.js';
import { PT_BINARY, PT_ERROR, PT_LONG, PT_STRING8, PT_SYSTIME, PT_UNICODE } from '../../../src/core/generated/proptypes.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import { PROP_TAG } from '../../../src/core/props/tags.js';
import {
  NID_MESSAGE_STORE, NID_ROOT_FOLDER, NID_TYPE_CONTENTS_TABLE, NID_TYPE_HIERARCHY_TABLE, NID_TYPE_NORMAL_FOLDER,
  HeapOnNode, companionNid, dataKind, dumpPc, dumpTc, nidType, openPc, openTc, type PstNode,
} from '../../../src/formats/pst/index.js';
import { ANSI_SAMPLE, UNICODE_SAMPLES, messageSummary, openSample, sampleBytes, stripSubjectMarker, valueOf, walkFolders } from './helpers.js';

/** pst-extractor's view: normal folders (search folders make it throw) with names, counts and subjects. */
function extractorFolders(name: string): Map<number, { name: string; contentCount: number; subjects: string[] }> {
  const pst = new PSTFile(Buffer.from(sampleBytes(name)));
  const out = new Map<number, { name: string; contentCount: number; subjects: string[] }>();
  const visit = (f: PSTFolder) => {
    const subjects: string[] = [];
    if (f.contentCount > 0) for (let m = f.getNextChild(); m; m = f.getNextChild()) subjects.push(m.subject);
    out.set(f.descriptorNodeId.toNumber(), { name: f.displayName, contentCount: f.contentCount, subjects });
    // Asking a search folder for its subfolders throws in pst-extractor: only descend into normal folders.
    const kids = f.getSubFolders().filter((s) => nidType(s.descriptorNodeId.toNumber()) === NID_TYPE_NORMAL_FOLDER);
    for (const s of kids) visit(s);
  };
  visit(pst.getRootFolder());
  return out;
}

describe('PropertyContext (against pst-extractor)', () => {
  it.each(UNICODE_SAMPLES)('message store PC of %s has the display name pst-extractor reports', (name) => {
    const ndb = openSample(name);
    const props = dumpPc(ndb, NID_MESSAGE_STORE);
    const pst = new PSTFile(Buffer.from(sampleBytes(name)));
    expect(valueOf(props, PR_DISPLAY_NAME)).toBe(pst.getMessageStore().displayName);
    expect((valueOf(props, PR_RECORD_KEY) as Uint8Array).length).toBe(16);
    // The IPM subtree entry ID: 4 flag bytes, the store's record key, the subtree NID.
    const ipm = valueOf(props, PR_IPM_SUBTREE_ENTRYID) as Uint8Array;
    expect(ipm.length).toBe(24);
    expect(ipm.subarray(4, 20)).toEqual(valueOf(props, PR_RECORD_KEY));
  });

  it.each(UNICODE_SAMPLES)('root folder PC of %s agrees with pst-extractor', (name) => {
    const ndb = openSample(name);
    const pst = new PSTFile(Buffer.from(sampleBytes(name)));
    const root = pst.getRootFolder();
    const props = dumpPc(ndb, NID_ROOT_FOLDER);
    expect(valueOf(props, PR_DISPLAY_NAME)).toBe(root.displayName);
    expect(valueOf(props, PR_CONTENT_COUNT)).toBe(root.contentCount);
    expect(valueOf(props, PR_SUBFOLDERS)).toBe(true);
  });

  it.each(UNICODE_SAMPLES)('folder names, content counts and message subjects of %s agree with pst-extractor', (name) => {
    const ndb = openSample(name);
    const ours = walkFolders(ndb);
    const theirs = extractorFolders(name);
    let compared = 0;
    for (const f of ours) {
      const t = theirs.get(f.nid);
      if (!t || f.nid === NID_ROOT_FOLDER) continue;
      compared++;
      expect(f.name).toBe(t.name);
      expect(f.contentCount).toBe(t.contentCount);
      expect(f.messages.length).toBe(t.contentCount);
      expect(f.messages.map((m) => messageSummary(ndb, m).subject)).toEqual(t.subjects);
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  it('keeps exact types: PT_UNICODE strings, PT_SYSTIME FILETIMEs, PT_BINARY bytes, PT_LONG numbers', () => {
    const ndb = openSample('tika__testPST.pst');
    const msg = ours7(ndb)[0] as number;
    const props = dumpPc(ndb, msg);
    const types = new Set(props.map((p) => p.ulPropTag & 0xffff));
    for (const t of [PT_UNICODE, PT_SYSTIME, PT_BINARY, PT_LONG]) expect(types.has(t)).toBe(true);
    for (const p of props) {
      if ((p.ulPropTag & 0xffff) === PT_SYSTIME) expect(p.Value).toBeInstanceOf(FILETIME);
      if ((p.ulPropTag & 0xffff) === PT_BINARY) expect(p.Value).toBeInstanceOf(Uint8Array);
      expect(p.ulPropTag & 0xffff).not.toBe(PT_ERROR);
    }
  });

  it('reads values stored in subnodes whole (Outlook also puts some smaller values there)', () => {
    const ndb = openSample('tika__testPST.pst');
    let big = 0;
    for (const nid of ours7(ndb)) {
      const pc = openPc(ndb, nid);
      for (const e of pc.entries) {
        if (e.storage !== 'subnode') continue;
        big++;
        const v = pc.getProp(e.ulPropTag).Value;
        const size = pc.valueSize(e);
        if (v instanceof Uint8Array) expect(v.length).toBe(size);
        if (typeof v === 'string') expect(v.length).toBe(size / 2);
        expect(pc.valueTree(e.ulPropTag)?.size).toBe(size);
        // A provider's large-value limit turns them into PT_ERROR MAPI_E_NOT_ENOUGH_MEMORY.
        expect(pc.getProp(e.ulPropTag, { largeValueLimit: size - 1 })).toEqual({ ulPropTag: PROP_TAG(PT_ERROR, e.ulPropTag >>> 16), Value: 0x8007000e });
      }
    }
    expect(big).toBeGreaterThan(0);
  });

  it('answers PT_ERROR MAPI_E_NOT_FOUND for a property the PC lacks', () => {
    const pc = openPc(openSample('tika__testPST.pst'), NID_MESSAGE_STORE);
    expect(pc.getProp(PROP_TAG(PT_LONG, 0x7ffe))).toEqual({ ulPropTag: PROP_TAG(PT_ERROR, 0x7ffe), Value: 0x8004010f });
  });
});

function ours7(ndb: ReturnType<typeof openSample>): number[] {
  return walkFolders(ndb).flatMap((f) => f.messages);
}

describe('TableContext (against pst-extractor)', () => {
  it.each(UNICODE_SAMPLES)('root hierarchy TC of %s lists the root subfolders pst-extractor sees', (name) => {
    const ndb = openSample(name);
    const tc = openTc(ndb, companionNid(NID_ROOT_FOLDER, NID_TYPE_HIERARCHY_TABLE));
    const rows = [...tc.rows()];
    const pst = new PSTFile(Buffer.from(sampleBytes(name)));
    const root = pst.getRootFolder();
    expect(rows.length).toBe(root.subFolderCount);
    // Every row carries the child's display name, as the child's own PC does.
    for (const r of rows) {
      const cell = valueOf(r.lpProps, PR_DISPLAY_NAME);
      expect(cell).toBe(valueOf(dumpPc(ndb, r.rowId), PR_DISPLAY_NAME));
    }
    // The row index maps every row id to its position.
    const index = tc.rowIndex();
    expect(index.size).toBe(rows.length);
    for (const r of rows) expect(index.get(r.rowId)).toBe(r.rowIndex);
  });

  it.each(UNICODE_SAMPLES)('contents TC rows of %s carry the message class and subject of each message', (name) => {
    const ndb = openSample(name);
    for (const f of walkFolders(ndb)) {
      const contents = companionNid(f.nid, NID_TYPE_CONTENTS_TABLE);
      if (!ndb.findNode(contents)) continue;
      const { columns, rows } = dumpTc(ndb, contents);
      expect(columns.some((c) => c.ulPropTag === PR_MESSAGE_CLASS)).toBe(true);
      for (const r of rows) {
        const s = messageSummary(ndb, r.rowId);
        expect(valueOf(r.lpProps, PR_MESSAGE_CLASS)).toBe(s.messageClass);
        const subject = valueOf(r.lpProps, PROP_TAG(PT_UNICODE, 0x0037));
        if (subject !== undefined) expect(stripSubjectMarker(String(subject))).toBe(s.subject);
      }
    }
  });

  it('reads a row by its id through the row index', () => {
    const ndb = openSample('tika__testPST.pst');
    const tc = openTc(ndb, companionNid(0x8022, NID_TYPE_CONTENTS_TABLE));
    const rows = [...tc.rows()];
    const last = rows[rows.length - 1]!;
    expect(tc.rowById(last.rowId)).toEqual(last);
    expect(() => tc.rowById(0x7ffffff4)).toThrow(expect.objectContaining({ scode: 0x8004010f }));
  });

  it('omits the cells whose CEB bit is clear', () => {
    const ndb = openSample('tika__testPST.pst');
    const tc = openTc(ndb, companionNid(NID_ROOT_FOLDER, NID_TYPE_HIERARCHY_TABLE));
    let absent = 0;
    for (let i = 0; i < tc.rowCount; i++) {
      const bytes = tc.rowBytes(i);
      const row = tc.row(i);
      for (const c of tc.columns) {
        const present = row.lpProps.some((p) => p.ulPropTag === c.ulPropTag || (p.ulPropTag >>> 16 === c.ulPropTag >>> 16 && (p.ulPropTag & 0xffff) === PT_ERROR));
        expect(present).toBe(tc.cellExists(bytes, c));
        if (!present) absent++;
      }
    }
    expect(absent).toBeGreaterThan(0);
  });
});

describe('HeapOnNode', () => {
  it.each([...UNICODE_SAMPLES, ANSI_SAMPLE])('every allocation of every heap in %s lies inside its block, in order', (name) => {
    const ndb = openSample(name);
    let heaps = 0;
    let hids = 0;
    const visit = (node: PstNode, depth: number) => {
      const kind = dataKind(node);
      if (kind === 'pc' || kind === 'tc' || kind === 'bth' || kind === 'heap') {
        heaps++;
        const heap = new HeapOnNode(node.data(), ndb.layout, { nid: node.nid });
        for (let bi = 0; bi < heap.blockCount; bi++) {
          const block = node.data().block(bi);
          let end = 0;
          for (let i = 1; i <= heap.allocationCount(bi); i++) {
            const hid = ((bi << 16) | (i << 5)) >>> 0;
            expect(heap.has(hid)).toBe(true);
            const item = heap.item(hid);
            // A view into the block's own bytes, after the previous allocation.
            expect(item.buffer).toBe(block.buffer);
            const start = item.byteOffset - block.byteOffset;
            expect(start).toBeGreaterThanOrEqual(end);
            expect(start + item.length).toBeLessThanOrEqual(block.length);
            end = start + item.length;
            hids++;
          }
          expect(heap.has((((bi << 16) | ((heap.allocationCount(bi) + 1) << 5)) >>> 0))).toBe(false);
        }
        if (kind === 'pc') {
          const pc = openPc(ndb, node);
          for (const e of pc.entries) if (e.storage === 'heap') expect(heap.has(e.hnid)).toBe(true);
        }
      }
      if (depth < 2) for (const sub of node.subnodes().keys()) visit(node.subnode(sub), depth + 1);
    };
    for (const n of ndb.nodes()) visit(ndb.openNode(n.nid), 0);
    expect(heaps).toBeGreaterThan(20);
    expect(hids).toBeGreaterThan(100);
  });
});

describe('ANSI PST (pst-extractor cannot read it)', () => {
  it('pst-extractor fails on the ANSI sample', () => {
    expect(() => new PSTFile(Buffer.from(sampleBytes(ANSI_SAMPLE)))).toThrow();
  });

  it('opens with us: folders, the calendar item and PT_STRING8 values decoded with the given code page', () => {
    const ndb = openSample(ANSI_SAMPLE);
    const folders = walkFolders(ndb);
    expect(folders.map((f) => f.name)).toEqual(['', 'Top of Personal Folders', 'Deleted Items', 'Calendar', 'Search Root']);
    const cal = folders.find((f) => f.name === 'Calendar')!;
    expect(cal.messages).toHaveLength(1);
    expect(messageSummary(ndb, cal.messages[0]!)).toEqual({ subject: 'Updated: Olympus training for new hires', messageClass: 'IPM.Appointment' });
    const pc = openPc(ndb, NID_MESSAGE_STORE);
    const nameTag = PROP_TAG(PT_STRING8, 0x3001);
    expect(pc.entry(nameTag)).toBeDefined();
    const raw = pc.rawValue(nameTag);
    expect(pc.getProp(nameTag).Value).toBe(new TextDecoder('latin1').decode(raw));
  });

  it('classifies the data of every node (PC, TC or raw)', () => {
    const ndb = openSample(ANSI_SAMPLE);
    const kinds = new Set([...ndb.nodes()].map((n) => dataKind(ndb.openNode(n.nid))));
    expect(kinds.has('pc') && kinds.has('tc') && kinds.has('empty')).toBe(true);
    for (const k of kinds) expect(['pc', 'tc', 'raw', 'empty']).toContain(k);
  });
});
