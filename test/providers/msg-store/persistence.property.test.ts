/**
 * MsgStoreBackend at the SPI level under random operation sequences: after any sequence,
 * reopening the directory gives the same folders (parent, name, order), the same messages
 * (folder, associated, order, subject, version) and the same identifiers, as a plain model says.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MsgStoreBackend } from '../../../src/providers/msg-store/MsgStoreBackend.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import { FOLDER_GENERIC } from '../../../src/core/generated/constants.js';
import { PR_DISPLAY_NAME_W, PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';
import type { MessageRecord, NodeId } from '../../../src/core/spi/store.js';
import { summaryDisagreements } from '../../../src/core/store/summary.js';

type Op =
  | { kind: 'folder'; parent: number; name: string }
  | { kind: 'message'; folder: number; subject: string; assoc: boolean }
  | { kind: 'edit'; message: number; subject: string }
  | { kind: 'move'; message: number; folder: number }
  | { kind: 'delete'; message: number }
  | { kind: 'rename'; folder: number; name: string }
  | { kind: 'reopen' };

const name = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('..', 'CON', 'a/b', 'Inbox', 'inbox', '.x', 'same'));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('folder' as const), parent: fc.nat(), name }),
  fc.record({ kind: fc.constant('message' as const), folder: fc.nat(), subject: name, assoc: fc.boolean() }),
  fc.record({ kind: fc.constant('edit' as const), message: fc.nat(), subject: name }),
  fc.record({ kind: fc.constant('move' as const), message: fc.nat(), folder: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), message: fc.nat() }),
  fc.record({ kind: fc.constant('rename' as const), folder: fc.nat(), name }),
  fc.constant({ kind: 'reopen' as const }),
);

interface ModelFolder { parent: NodeId | null; name: string | undefined; children: NodeId[]; normal: NodeId[]; assoc: NodeId[] }
interface ModelMessage { folder: NodeId; assoc: boolean; subject: string; version: number }

function check(b: MsgStoreBackend, folders: Map<NodeId, ModelFolder>, messages: Map<NodeId, ModelMessage>): void {
  for (const [id, f] of folders) {
    const rec = b.folder(id);
    expect(rec?.parentId).toBe(f.parent);
    expect(rec?.props.get(PROP_ID(PR_DISPLAY_NAME_W))?.Value).toBe(f.name);
    expect(b.childFolderIds(id)).toEqual(f.children);
    expect(b.messageIds(id, false)).toEqual(f.normal);
    expect(b.messageIds(id, true)).toEqual(f.assoc);
  }
  for (const [id, m] of messages) {
    const rec = b.message(id);
    expect(rec?.folderId).toBe(m.folder);
    expect(rec?.associated).toBe(m.assoc);
    expect(rec?.version).toBe(m.version);
    expect(rec?.props.get(PROP_ID(PR_SUBJECT_W))?.Value).toBe(m.subject);
  }
  // The summaries in the index agree with the messages.
  expect(summaryDisagreements(b)).toEqual([]);
}

describe('MsgStoreBackend: persistence under random operations', () => {
  it('a reopened store equals the model after any sequence of operations', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const dir = mkdtempSync(join(tmpdir(), 'mapiemu-msgstore-prop-'));
        try {
          let b = MsgStoreBackend.open(dir, { ids: new SeededIds(1), durable: false, cacheSize: 2 });
          const root = b.rootId();
          const folders = new Map<NodeId, ModelFolder>([[root, { parent: null, name: undefined, children: [], normal: [], assoc: [] }]]);
          const messages = new Map<NodeId, ModelMessage>();
          const pick = <T>(xs: T[], i: number): T | undefined => (xs.length === 0 ? undefined : xs[i % xs.length]);
          for (const o of ops) {
            const folderIds = [...folders.keys()];
            const messageIds = [...messages.keys()];
            if (o.kind === 'reopen') {
              b = MsgStoreBackend.open(dir, { durable: false, cacheSize: 2 });
              check(b, folders, messages);
            } else if (o.kind === 'folder') {
              const parent = pick(folderIds, o.parent) as NodeId;
              // The kit refuses sibling names that collide case-insensitively; so does the model.
              if (folders.get(parent)?.children.some((c) => folders.get(c)?.name?.toLowerCase() === o.name.toLowerCase())) continue;
              const id = b.newId();
              b.putFolder({ id, parentId: parent, folderType: FOLDER_GENERIC, props: new Map([[PROP_ID(PR_DISPLAY_NAME_W), { ulPropTag: PR_DISPLAY_NAME_W, Value: o.name }]]) });
              folders.set(id, { parent, name: o.name, children: [], normal: [], assoc: [] });
              folders.get(parent)?.children.push(id);
            } else if (o.kind === 'rename') {
              const id = pick(folderIds, o.folder) as NodeId;
              const f = folders.get(id) as ModelFolder;
              if (f.parent === null) continue;
              if (folders.get(f.parent)?.children.some((c) => c !== id && folders.get(c)?.name?.toLowerCase() === o.name.toLowerCase())) continue;
              const rec = b.folder(id)!;
              b.putFolder({ ...rec, props: new Map([[PROP_ID(PR_DISPLAY_NAME_W), { ulPropTag: PR_DISPLAY_NAME_W, Value: o.name }]]) });
              f.name = o.name;
            } else if (o.kind === 'message') {
              const folder = pick(folderIds, o.folder) as NodeId;
              const id = b.newId();
              const rec: MessageRecord = {
                id, folderId: folder, associated: o.assoc, version: 1, nextAttachNum: 0, nextRowId: 0, recipients: [], attachments: [],
                props: new Map([[PROP_ID(PR_SUBJECT_W), { ulPropTag: PR_SUBJECT_W, Value: o.subject }]]),
              };
              b.putMessage(rec);
              messages.set(id, { folder, assoc: o.assoc, subject: o.subject, version: 1 });
              (o.assoc ? folders.get(folder)!.assoc : folders.get(folder)!.normal).push(id);
            } else if (o.kind === 'edit' || o.kind === 'move') {
              const id = pick(messageIds, o.message);
              if (id === undefined) continue;
              const m = messages.get(id)!;
              const rec = b.message(id)!;
              if (o.kind === 'edit') {
                b.putMessage({ ...rec, props: new Map([[PROP_ID(PR_SUBJECT_W), { ulPropTag: PR_SUBJECT_W, Value: o.subject }]]), version: rec.version + 1 });
                m.subject = o.subject;
                m.version += 1;
              } else {
                const to = pick(folderIds, o.folder) as NodeId;
                if (to === m.folder) continue;
                b.putMessage({ ...rec, folderId: to, version: rec.version + 1 });
                const from = folders.get(m.folder)!;
                if (m.assoc) from.assoc = from.assoc.filter((x) => x !== id);
                else from.normal = from.normal.filter((x) => x !== id);
                (m.assoc ? folders.get(to)!.assoc : folders.get(to)!.normal).push(id);
                m.folder = to;
                m.version += 1;
              }
            } else {
              const id = pick(messageIds, o.message);
              if (id === undefined) continue;
              const m = messages.get(id)!;
              b.removeMessage(id);
              const f = folders.get(m.folder)!;
              if (m.assoc) f.assoc = f.assoc.filter((x) => x !== id);
              else f.normal = f.normal.filter((x) => x !== id);
              messages.delete(id);
            }
          }
          check(MsgStoreBackend.open(dir, { durable: false }), folders, messages);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      {
        numRuns: 25,
        // Creation order is not name order; a message moved back and forth keeps its identifier.
        examples: [
          [[
            { kind: 'folder', parent: 0, name: 'zeta' }, { kind: 'folder', parent: 0, name: 'alpha' },
            { kind: 'message', folder: 1, subject: 'b', assoc: false }, { kind: 'message', folder: 1, subject: 'a', assoc: false },
            { kind: 'move', message: 0, folder: 2 }, { kind: 'reopen' }, { kind: 'move', message: 0, folder: 1 },
          ]],
        ],
      },
    );
  });
});
