/**
 * The messaging layer against the Debian tools on every sample: pffexport (pff-tools) for the
 * folder tree, items per folder and per item type, subjects and attachment names (embedded
 * messages to any depth); readpst (pst-utils) for the item counts of the IPM subtree; lspst
 * for e-mail subjects; pffinfo for the special folders and the password checksum. Each block
 * is skipped, saying why, when its binary is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PR_DISPLAY_NAME, PR_PST_PASSWORD } from '../../../../src/core/generated/proptags.js';
import { openPst, type PstFile } from '../../../../src/formats/pst/messaging/index.js';
import { PstBackend } from '../../../../src/providers/pst-store/PstBackend.js';
import { ALL_SAMPLES, SAMPLE_DIR } from '../helpers.js';
import { folderTree, text, type AttachmentInfo, type ItemInfo } from './tree.js';

const has = (bin: string) => spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0;
const PFFEXPORT = has('pffexport');
const READPST = has('readpst');
const LSPST = has('lspst');
const PFFINFO = has('pffinfo');
const work = mkdtempSync(join(tmpdir(), 'pst-interop-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const open = (name: string): PstFile => openPst(SAMPLE_DIR + name);

// ------------------------------------------------------------------ pffexport

/** pffexport names item directories `<Type><5 digits>` (Message00001, Contact00002, ...). */
const ITEM_DIR = /^([A-Z][A-Za-z]*)(\d{5})$/;

interface ExportedItem {
  type: string;
  subject: string;
  attachments: ExportedAttachment[];
}
interface ExportedAttachment {
  name?: string;
  embedded?: ExportedItem;
}

const isDir = (p: string) => statSync(p).isDirectory();

function exportedItem(dir: string, type: string): ExportedItem {
  let subject = '';
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const m = /^Subject:\t+(.*)$/m.exec(readFileSync(join(dir, f), 'utf8'));
    if (m) {
      subject = m[1] as string;
      break;
    }
  }
  const attachments: ExportedAttachment[] = [];
  const attDir = join(dir, 'Attachments');
  if (existsSync(attDir)) {
    for (const e of readdirSync(attDir).sort()) {
      const p = join(attDir, e);
      if (isDir(p) && /^Attachment\d{5}$/.test(e)) {
        const inner = readdirSync(p).find((x) => ITEM_DIR.test(x) && isDir(join(p, x)));
        attachments.push(inner ? { embedded: exportedItem(join(p, inner), ITEM_DIR.exec(inner)?.[1] as string) } : {});
      } else attachments.push({ name: e.replace(/^\d+_/, '') });
    }
  }
  return { type, subject, attachments };
}

/** pffexport's tree: folder path → its items. */
function pffexportTree(sample: string): Map<string, ExportedItem[]> {
  const target = join(work, sample.replace(/\.pst$/, ''));
  execFileSync('pffexport', ['-q', '-t', target, SAMPLE_DIR + sample], { stdio: 'ignore' });
  const out = new Map<string, ExportedItem[]>();
  const visit = (dir: string, path: string) => {
    const items: ExportedItem[] = [];
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      if (!isDir(p)) continue;
      const m = ITEM_DIR.exec(e);
      if (m) items.push(exportedItem(p, m[1] as string));
      else visit(p, path === '' ? e : `${path}/${e}`);
    }
    if (path !== '') out.set(path, items);
  };
  visit(`${target}.export`, '');
  return out;
}

/** pffexport's item type for a message class (libpff item types). */
function itemType(messageClass: string): string | undefined {
  const c = messageClass.toUpperCase();
  if (c.startsWith('IPM.NOTE') || c === 'IPM' || c.startsWith('REPORT.')) return 'Message';
  if (c.startsWith('IPM.CONTACT')) return 'Contact';
  if (c.startsWith('IPM.DISTLIST')) return 'DistributionList';
  // An exception of a recurring appointment is embedded with the class IPM.OLE.CLASS.{00061055-...} ([MS-OXOCAL] 2.2.10.1.1).
  if (c.startsWith('IPM.APPOINTMENT') || c === 'IPM.OLE.CLASS.{00061055-0000-0000-C000-000000000046}') return 'Appointment';
  if (c.startsWith('IPM.SCHEDULE.MEETING')) return 'Meeting';
  if (c.startsWith('IPM.TASK')) return 'Task';
  if (c.startsWith('IPM.STICKYNOTE')) return 'Note';
  if (c.startsWith('IPM.ACTIVITY')) return 'Activity';
  return undefined;
}

/** The attachments as the two readers show them, order-independent. */
function attachmentKeys(atts: (AttachmentInfo | ExportedAttachment)[]): string[] {
  return atts.map((a) => (a.embedded ? `embedded:${a.embedded.subject}` : `file:${a.name ?? ''}`)).sort();
}

function countBy<T>(xs: T[], key: (x: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) {
    const k = key(x);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Every embedded item of a list of items, depth first (both readers). */
function embeddedOf<I extends { attachments: { embedded?: I }[] }>(items: I[]): I[] {
  return items.flatMap((i) => i.attachments.flatMap((a) => (a.embedded ? [a.embedded, ...embeddedOf([a.embedded])] : [])));
}

describe.skipIf(!PFFEXPORT)('PST messaging layer against pffexport (Debian pff-tools)', () => {
  describe.each(ALL_SAMPLES)('%s', (sample) => {
    const theirs = pffexportTree(sample);
    const ours = folderTree(open(sample));
    // pffexport skips the items it has no type for (the free/busy message of `Freebusy Data`, class IPM.Microsoft.ScheduleData.FreeBusy).
    const exported = (i: ItemInfo) => itemType(i.messageClass) !== undefined;

    it('has the same folder tree', () => {
      expect(ours.map((f) => f.path).sort()).toEqual([...theirs.keys()].sort());
    });

    it('has the same number of items per folder and per item type', () => {
      for (const f of ours) {
        const t = theirs.get(f.path) ?? [];
        expect(f.items.filter(exported).length, f.path).toBe(t.length);
        expect(countBy(f.items, (i) => itemType(i.messageClass)), f.path).toEqual(countBy(t, (i) => i.type));
      }
    });

    it('has the same subjects per folder', () => {
      for (const f of ours) {
        const t = theirs.get(f.path) ?? [];
        expect(f.items.filter(exported).map((i) => i.subject).sort(), f.path).toEqual(t.map((i) => i.subject).sort());
      }
    });

    it('has the same attachments (file names, embedded messages to any depth)', () => {
      for (const f of ours) {
        const t = theirs.get(f.path) ?? [];
        const mine = f.items.filter(exported);
        expect(mine.map((i) => attachmentKeys(i.attachments).join('|')).sort(), f.path).toEqual(t.map((i) => attachmentKeys(i.attachments).join('|')).sort());
        const e1 = embeddedOf(mine).map((i) => `${itemType(i.messageClass)}:${i.subject}:${attachmentKeys(i.attachments).join('|')}`).sort();
        const e2 = embeddedOf(t).map((i) => `${i.type}:${i.subject}:${attachmentKeys(i.attachments).join('|')}`).sort();
        expect(e1, f.path).toEqual(e2);
      }
    });
  });
});

if (!PFFEXPORT) describe('PST messaging layer against pffexport', () => it.skip('skipped: pffexport is not installed (Debian package pff-tools)', () => {}));

// ------------------------------------------------------------------ readpst

describe.skipIf(!READPST)('PST messaging layer against readpst (Debian pst-utils)', () => {
  it.each(ALL_SAMPLES)('%s: items per IPM folder (messages + subfolders) agree', (sample) => {
    // readpst prints `"<folder>" - N items done, M items skipped.` for every IPM folder with
    // content; it counts subfolders and folder-associated (FAI) messages as items. Its top
    // folder is named after the store.
    const dir = mkdtempSync(join(work, 'readpst-'));
    const r = spawnSync('readpst', ['-o', dir, '-D', '-j', '0', SAMPLE_DIR + sample], { encoding: 'utf8' });
    const theirs = new Map<string, number>();
    for (const m of r.stdout.matchAll(/^\t"(.*)" - (\d+) items done, (\d+) items skipped\.$/gm)) theirs.set(m[1] as string, Number(m[2]) + Number(m[3]));
    const file = open(sample);
    const backend = new PstBackend(file);
    const ipm = backend.specialFolders().ipmSubtree as number;
    const storeName = text(file.storeProps(), PR_DISPLAY_NAME) ?? '';
    const ours = new Map<string, number>();
    const visit = (nid: number, name: string) => {
      const n = backend.messageIds(nid, false).length + backend.messageIds(nid, true).length + backend.childFolderIds(nid).length;
      if (n > 0) ours.set(name, n);
      for (const c of backend.childFolderIds(nid)) visit(c, text([...(backend.folder(c)?.props.values() ?? [])], PR_DISPLAY_NAME) ?? '');
    };
    visit(ipm, storeName);
    expect(ours).toEqual(theirs);
  });
});

// ------------------------------------------------------------------ lspst / pffinfo

describe.skipIf(!LSPST)('PST messaging layer against lspst (Debian pst-utils)', () => {
  // lspst stops on the password-protected sample ("A second message_store has been found"), a libpst limitation.
  it.each(ALL_SAMPLES.filter((s) => s !== 'javalibpst__passworded.pst'))('%s: the same e-mail subjects', (sample) => {
    const out = execFileSync('lspst', [SAMPLE_DIR + sample], { encoding: 'utf8' });
    const theirs = [...out.matchAll(/^Email\t.*\tSubject: (.*)$/gm)].map((m) => m[1] as string).sort();
    const ours = folderTree(open(sample))
      .filter((f) => !f.isSearch)
      .flatMap((f) => f.items)
      .filter((i) => i.messageClass.toUpperCase().startsWith('IPM.NOTE'))
      .map((i) => i.subject)
      .sort();
    expect(ours).toEqual(theirs);
  });
});

describe.skipIf(!PFFINFO)('PST messaging layer against pffinfo (Debian pff-tools)', () => {
  const ROLE: Record<string, string> = { Subtree: 'ipmSubtree', Inbox: 'inbox', Outbox: 'outbox', Wastbox: 'deletedItems', Sentmail: 'sentItems', Views: 'views', 'Common views': 'commonViews', Finder: 'finder' };

  it.each(ALL_SAMPLES)('%s: the special folders pffinfo lists are the store\'s; the password checksum is PR_PST_PASSWORD', (sample) => {
    const out = execFileSync('pffinfo', [SAMPLE_DIR + sample], { encoding: 'utf8' });
    const file = open(sample);
    const special = new PstBackend(file).specialFolders();
    const listed = /^\tFolders:\t+(.*)$/m.exec(out)?.[1]?.split(', ') ?? [];
    for (const name of listed) expect(special[ROLE[name] as keyof typeof special], name).toBeTypeOf('number');
    const checksum = /^\tPassword checksum:\t+(.*)$/m.exec(out)?.[1];
    const pw = file.storeProps().find((p) => p.ulPropTag === PR_PST_PASSWORD)?.Value;
    if (checksum === 'N/A') expect(pw ?? 0).toBe(0);
    else expect(`0x${((pw as number) >>> 0).toString(16).padStart(8, '0')}`).toBe(checksum);
  });
});
