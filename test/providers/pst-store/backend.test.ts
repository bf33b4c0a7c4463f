import { describe, expect, it } from 'vitest';
import { MAPI_E_CORRUPT_DATA, MAPI_E_DISK_ERROR } from '../../../src/core/generated/scodes.js';
import { PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import type { PstFile } from '../../../src/formats/pst/messaging/index.js';
import { openPst } from '../../../src/formats/pst/messaging/index.js';
import { PstBackend } from '../../../src/providers/pst-store/PstBackend.js';
import { OVERLAY_ID_BASE, PstEntryIds } from '../../../src/providers/pst-store/entryIds.js';
import { sampleBytes } from '../../formats/pst/helpers.js';

const UID = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);

describe('PstEntryIds', () => {
  const codec = new PstEntryIds(UID);

  it('names the file\'s folders and messages by their NIDs and parses them back', () => {
    const f = codec.folderEntryId(0x8022);
    expect([...f]).toEqual([0, 0, 0, 0, ...UID, 0x22, 0x80, 0, 0]);
    expect(codec.parse(f)).toEqual({ kind: 'folder', id: 0x8022 });
    expect(codec.parse(codec.messageEntryId(0x8022, 0x200024))).toEqual({ kind: 'message', id: 0x200024 });
    expect(codec.parse(codec.messageEntryId(0x8022, 0x200028))).toEqual({ kind: 'message', id: 0x200028 }); // an FAI message (nidType 0x08)
  });

  it('gives overlay objects NIDs of the right type above the file\'s, and parses them back to their ids', () => {
    const id = OVERLAY_ID_BASE + 7;
    const folder = codec.folderEntryId(id);
    const message = codec.messageEntryId(0x122, id + 1);
    expect(new DataView(folder.buffer).getUint32(20, true) & 0x1f).toBe(0x02);
    expect(new DataView(message.buffer).getUint32(20, true) & 0x1f).toBe(0x04);
    expect(codec.parse(folder)).toEqual({ kind: 'folder', id });
    expect(codec.parse(message)).toEqual({ kind: 'message', id: id + 1 });
  });

  it('refuses entry IDs of another store, of another size or naming a table node', () => {
    const other = new PstEntryIds(new Uint8Array(16));
    expect(codec.parse(other.folderEntryId(0x8022))).toBeUndefined();
    expect(codec.parse(codec.folderEntryId(0x8022).subarray(0, 23))).toBeUndefined();
    const table = codec.folderEntryId(0x8022);
    table[20] = 0x2d; // nidType HIERARCHY_TABLE
    expect(codec.parse(table)).toBeUndefined();
  });
});

describe('PstBackend', () => {
  it('reads a file handed over as a Node Buffer without changing its bytes, so the same Buffer opens again', () => {
    // Decoding encrypted blocks works on a copy: Buffer#slice is a view, which once decoded the caller's bytes in place.
    const buf = Buffer.from(sampleBytes('tika__testPST.pst'));
    const before = Buffer.from(buf);
    const walk = () => {
      const backend = new PstBackend(openPst(buf));
      let n = 0;
      const visit = (id: number) => {
        for (const m of backend.messageIds(id, false)) if (backend.message(m)) n++;
        for (const c of backend.childFolderIds(id)) visit(c);
      };
      visit(backend.rootId());
      return n;
    };
    expect(walk()).toBeGreaterThan(0);
    expect(buf.equals(before)).toBe(true);
    expect(walk()).toBe(walk());
  });

  it('refuses a folder whose parents make a cycle with MAPI_E_CORRUPT_DATA instead of looping', () => {
    // Folders 0x8022 and 0x8042 name each other as parent in the NBT.
    const file = {
      providerUid: UID,
      acp: 1252,
      namedProperties: () => [],
      isFolder: (nid: number) => nid === 0x122 || nid === 0x8022 || nid === 0x8042,
      folder: (nid: number) => ({ nid, parentNid: nid === 0x8022 ? 0x8042 : 0x8022, isSearch: false, props: () => [] }),
    } as unknown as PstFile;
    const backend = new PstBackend(file);
    expect(() => backend.folder(0x8022)).toThrow(expect.objectContaining({ scode: MAPI_E_CORRUPT_DATA, message: expect.stringContaining('cycle') }));
  });

  it('lays overlay changes over the file: a changed message, a removed one, a moved one, in the right lists', () => {
    const backend = new PstBackend(openPst(sampleBytes('tika__testPST_variousBodyTypes.pst')));
    // This sample's receive folder is the root (no Inbox role): find Inbox by name.
    const ipm = backend.specialFolders().ipmSubtree as number;
    const inbox = backend.childFolderIds(ipm).find((id) => backend.folder(id)?.props.get(0x3001)?.Value === 'Inbox') as number;
    const tmp = backend.childFolderIds(inbox)[0] as number;
    const [a, b, c] = backend.messageIds(tmp, false) as [number, number, number];
    const rec = backend.message(a)!;
    backend.putMessage({ ...rec, props: new Map(rec.props).set(PROP_ID(PR_SUBJECT_W), { ulPropTag: PR_SUBJECT_W, Value: 'new' }), version: 1 });
    backend.removeMessage(b);
    backend.putMessage({ ...backend.message(c)!, folderId: inbox });
    expect(backend.messageIds(tmp, false)).toEqual([a, backend.messageIds(tmp, false)[1]]);
    expect(backend.messageIds(inbox, false)).toEqual([c]);
    expect(backend.message(a)?.props.get(PROP_ID(PR_SUBJECT_W))?.Value).toBe('new');
    expect(backend.message(b)).toBeUndefined();
    expect(backend.message(c)?.folderId).toBe(inbox);
    expect(backend.dirty).toBe(true);
  });
});

describe('PstBackend sidecar', () => {
  it('a sidecar that cannot be written: the write answers MAPI_E_DISK_ERROR', async () => {
    // A directory stands where the temporary file would be written.
    const { mkdtempSync, mkdirSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'pst-sidecar-'));
    try {
      const sidecar = join(dir, 'x.json');
      mkdirSync(`${sidecar}.tmp`);
      const backend = new PstBackend(openPst(sampleBytes('gopst__32-bit.pst')), { sidecarPath: sidecar });
      await expect(Promise.resolve(backend.putReceiveFolders(new Map([['', 0x8082]])))).rejects.toMatchObject({ scode: MAPI_E_DISK_ERROR });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
