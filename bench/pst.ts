/**
 * PST section of the benchmarks: walk every folder of a PST and read the subject, sender name,
 * delivery time and body of every message, with
 * - ours, the messaging layer (src/formats/pst/messaging, read on demand from the file);
 * - ours through MAPI: openPstFile, each folder's contents table, openEntry + getProps per message;
 * - pst-extractor (npm; it cannot open ANSI files);
 * - Debian's `pffexport` (libpff, C), which exports every item of the file to text files: more
 *   work than the others do, so its time is a bound, the "speed of light" of a C reader.
 * Each contender runs in its own process (`--worker`), so peak memory is that process's
 * maximum resident set (getrusage maxRSS; `/usr/bin/time -f %M` for pffexport).
 *
 *   npx tsx bench/pst.ts [--quick]     (or npm run bench -- --sections pst)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, markdownTable, median } from './measure.js';
import type { BenchSection } from './tables.js';

/** Options of {@link runPstBenchmarks}. */
export interface PstBenchOptions {
  /** Fewer repetitions. */
  quick?: boolean;
  /** Progress messages (to stderr). */
  log?: (message: string) => void;
}

const here = dirname(fileURLToPath(import.meta.url));
const SAMPLES = join(here, '..', 'test', 'samples', 'pst');
/** The largest sample (Unicode, 7 messages with attachments) and the ANSI one. */
const FILES = ['tika__testPST.pst', 'javalibpst__dist-list.pst', 'gopst__32-bit.pst'];

type ContenderName = 'ours' | 'ours-mapi' | 'pst-extractor' | 'pffexport' | 'tables';
/** Rows read per contents table in the tables case (a message list's first screen or two). */
const TABLE_ROWS = 50;

/** What a worker reports. */
interface WorkerResult {
  /** Wall time of each repetition. */
  ms: number[];
  /** Messages read per repetition. */
  messages: number;
  /** Characters of subject + sender + body read (to check the contenders agree). */
  chars: number;
  /** Peak resident set of the worker, KiB. */
  maxRssKiB: number;
}

/** What the tables worker reports: the walk times of each path, and whether they read the same rows. */
interface TablesResult {
  summary: number[];
  full: number[];
  same: boolean;
  rows: number;
}

// ------------------------------------------------------------------ the walks (in the worker)

async function walkOurs(path: string): Promise<[number, number]> {
  const { openPst } = await import('../src/formats/pst/messaging/index.js');
  const T = await import('../src/core/generated/proptags.js');
  const { PROP_ID } = await import('../src/core/props/tags.js');
  const want = new Set([T.PR_SUBJECT, T.PR_SENDER_NAME, T.PR_MESSAGE_DELIVERY_TIME, T.PR_BODY].map(PROP_ID));
  const file = openPst(path);
  let messages = 0;
  let chars = 0;
  const visit = (nid: number) => {
    const folder = file.folder(nid);
    for (const m of folder.messageNids(false)) {
      const msg = file.message(m);
      const pc = msg.pc;
      // Only the four properties: what a message list with a preview reads.
      for (const e of pc.entries) {
        if (!want.has(e.ulPropTag >>> 16)) continue;
        const v = pc.getProp(e.ulPropTag, { codepage: msg.codepage, acp: file.acp }).Value;
        if (typeof v === 'string') chars += (e.ulPropTag >>> 16 === 0x37 && v.charCodeAt(0) === 1 ? v.length - 2 : v.length);
      }
      messages++;
    }
    for (const c of folder.childNids()) visit(c);
  };
  visit(file.root().nid);
  file.close();
  return [messages, chars];
}

async function walkOursMapi(path: string): Promise<[number, number]> {
  const { openPstFileSession } = await import('../src/providers/pst-store/index.js');
  const T = await import('../src/core/generated/proptags.js');
  const C = await import('../src/core/generated/constants.js');
  type Folder = import('../src/core/store/interfaces.js').IMAPIFolder;
  type Message = import('../src/core/store/interfaces.js').IMessage;
  const { store, close } = await openPstFileSession(path, 0, { overlay: 'memory' });
  let messages = 0;
  let chars = 0;
  const visit = async (folder: Folder) => {
    const contents = await folder.getContentsTable(0);
    await contents.setColumns([T.PR_ENTRYID], 0);
    for (const row of await contents.queryRows(1 << 20, 0)) {
      const msg = await folder.openEntry<Message>(row.lpProps[0]?.Value as Uint8Array, null, C.MAPI_BEST_ACCESS);
      const props = await (msg as Message).getProps([T.PR_SUBJECT_W, T.PR_SENDER_NAME_W, T.PR_MESSAGE_DELIVERY_TIME, T.PR_BODY_W], 0);
      for (const p of props) if (typeof p.Value === 'string') chars += p.Value.length;
      messages++;
    }
    const hierarchy = await folder.getHierarchyTable(0);
    await hierarchy.setColumns([T.PR_ENTRYID, T.PR_FOLDER_TYPE], 0);
    // A search folder's stored criteria are not read yet (docs/pst.md): its contents table is not initialized.
    for (const row of await hierarchy.queryRows(1 << 20, 0)) if (row.lpProps[1]?.Value !== C.FOLDER_SEARCH) await visit((await folder.openEntry<Folder>(row.lpProps[0]?.Value as Uint8Array, null, C.MAPI_BEST_ACCESS)) as Folder);
  };
  await visit((await store.openEntry<Folder>(null, null, C.MAPI_BEST_ACCESS)) as Folder);
  await close();
  return [messages, chars];
}

/**
 * The tables case: a store on a fresh PstBackend (summaries on or off) is opened untimed; the
 * timed part opens every folder, reads its PR_CONTENT_COUNT / PR_CONTENT_UNREAD, and reads
 * the first {@link TABLE_ROWS} rows of its contents table with a message list's columns.
 */
async function tablesWalk(path: string, summaries: boolean): Promise<{ ms: number; rows: number; chars: number }> {
  const { PstBackend } = await import('../src/providers/pst-store/index.js');
  const { openPst } = await import('../src/formats/pst/messaging/index.js');
  const { openServiceStore } = await import('../src/vitest/storeContract.js');
  const T = await import('../src/core/generated/proptags.js');
  const C = await import('../src/core/generated/constants.js');
  type Folder = import('../src/core/store/interfaces.js').IMAPIFolder;
  const file = openPst(path);
  const backend = new PstBackend(file, { summaries });
  const name = 'BENCHPST';
  const s = await openServiceStore({
    service: {
      name,
      displayName: name,
      providers: [{ kind: 'store', name, displayName: name, dllName: 'benchpst.dll', store: { mdbProvider: backend.entryIds.uid, logon: async () => ({ backend, displayName: name, isNew: false }) } }],
    },
  });
  const columns = [
    T.PR_ENTRYID, T.PR_SUBJECT_W, T.PR_MESSAGE_DELIVERY_TIME, T.PR_SENT_REPRESENTING_NAME_W, T.PR_MESSAGE_SIZE, T.PR_DISPLAY_TO_W,
    T.PR_HASATTACH, T.PR_MESSAGE_FLAGS, T.PR_MESSAGE_CLASS_W, T.PR_IMPORTANCE,
  ]; // prettier-ignore
  const t = performance.now();
  let rows = 0;
  let chars = 0;
  const root = (await s.store.openEntry<Folder>(null, null, C.MAPI_BEST_ACCESS)) as Folder;
  const hierarchy = await root.getHierarchyTable(C.CONVENIENT_DEPTH);
  await hierarchy.setColumns([T.PR_ENTRYID], 0);
  const folders = [root];
  for (const r of await hierarchy.queryRows(1 << 20, 0)) folders.push((await s.store.openEntry<Folder>(r.lpProps[0]?.Value as Uint8Array, null, C.MAPI_BEST_ACCESS)) as Folder);
  for (const folder of folders) {
    await folder.getProps([T.PR_CONTENT_COUNT, T.PR_CONTENT_UNREAD], 0);
    const contents = await folder.getContentsTable(C.MAPI_UNICODE);
    await contents.setColumns(columns, 0);
    for (const row of await contents.queryRows(TABLE_ROWS, 0)) {
      rows++;
      for (const p of row.lpProps) if (typeof p.Value === 'string') chars += p.Value.length;
    }
  }
  const ms = performance.now() - t;
  await s.close?.();
  file.close();
  return { ms, rows, chars };
}

async function walkPstExtractor(path: string): Promise<[number, number]> {
  const { PSTFile } = await import('pst-extractor');
  type Folder = import('pst-extractor').PSTFolder;
  const file = new PSTFile(path);
  let messages = 0;
  let chars = 0;
  const visit = (folder: Folder) => {
    if (folder.contentCount > 0) {
      for (let m = folder.getNextChild(); m; m = folder.getNextChild()) {
        const msg = m as { subject: string; senderName: string; messageDeliveryTime: Date | null; body: string };
        chars += msg.subject.length + msg.senderName.length + msg.body.length;
        void msg.messageDeliveryTime;
        messages++;
      }
    }
    if (folder.hasSubfolders) for (const f of folder.getSubFolders()) visit(f);
  };
  visit(file.getRootFolder());
  file.close();
  return [messages, chars];
}

async function worker(name: ContenderName, path: string, reps: number): Promise<void> {
  if (name === 'tables') {
    // Both paths in one process, alternating (same JIT state and machine load), each repetition on a fresh backend and store
    // (their caches would make later walks free); only the walk is timed.
    const out: TablesResult = { summary: [], full: [], same: true, rows: 0 };
    for (let i = -3; i < reps; i++) {
      const a = await tablesWalk(path, true);
      const b = await tablesWalk(path, false);
      out.same &&= a.rows === b.rows && a.chars === b.chars;
      out.rows = a.rows;
      if (i >= 0) {
        out.summary.push(a.ms);
        out.full.push(b.ms);
      }
    }
    process.stdout.write(JSON.stringify(out));
    return;
  }
  const walk = name === 'ours' ? walkOurs : name === 'ours-mapi' ? walkOursMapi : walkPstExtractor;
  const ms: number[] = [];
  let last: [number, number] = [0, 0];
  // Three warm-up walks: the first ones compile the reader.
  for (let i = -3; i < reps; i++) {
    const t = performance.now();
    last = await walk(path);
    if (i >= 0) ms.push(performance.now() - t);
  }
  const result: WorkerResult = { ms, messages: last[0], chars: last[1], maxRssKiB: process.resourceUsage().maxRSS };
  process.stdout.write(JSON.stringify(result));
}

// ------------------------------------------------------------------ the section (in the parent)

function runWorker<R = WorkerResult>(name: ContenderName, path: string, reps: number): R | string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', name, path, String(reps)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return (r.stderr.split('\n').find((l) => /Error|error/.test(l)) ?? `exit ${r.status}`).trim().slice(0, 80);
  return JSON.parse(r.stdout) as R;
}

function runPffexport(path: string, reps: number): WorkerResult | string {
  const has = spawnSync('sh', ['-c', 'command -v pffexport && command -v /usr/bin/time']).status === 0;
  if (!has) return 'pffexport or /usr/bin/time not installed';
  const ms: number[] = [];
  let rss = 0;
  for (let i = -1; i < reps; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-pffexport-'));
    const t = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', 'pffexport', '-q', '-t', join(dir, 'x'), path], { encoding: 'utf8' });
    const elapsed = performance.now() - t;
    rmSync(dir, { recursive: true, force: true });
    if (r.status !== 0) return `pffexport exit ${r.status}`;
    if (i >= 0) ms.push(elapsed);
    rss = Math.max(rss, Number(r.stderr.trim().split('\n').pop()));
  }
  return { ms, messages: Number.NaN, chars: Number.NaN, maxRssKiB: rss };
}

/** Runs the PST benchmarks and returns their results as a printable section. */
export async function runPstBenchmarks(options: PstBenchOptions = {}): Promise<BenchSection> {
  const log = options.log ?? (() => {});
  const reps = options.quick ? 3 : 10;
  const rows: string[][] = [];
  for (const file of FILES) {
    const path = join(SAMPLES, file);
    if (!existsSync(path)) continue;
    const results: [ContenderName, WorkerResult | string][] = [];
    for (const name of ['ours', 'ours-mapi', 'pst-extractor'] as const) {
      log(`pst: ${name} on ${file}`);
      results.push([name, runWorker(name, path, reps)]);
    }
    log(`pst: pffexport on ${file}`);
    results.push(['pffexport', runPffexport(path, reps)]);
    const ours = results[0]?.[1];
    const messages = typeof ours === 'object' ? ours.messages : Number.NaN;
    for (const [name, r] of results) {
      if (typeof r === 'string') {
        rows.push([file, name, '—', '—', '—', `fails: ${r}`]);
        continue;
      }
      const n = Number.isNaN(r.messages) ? messages : r.messages;
      const t = median(r.ms);
      const agree = Number.isNaN(r.chars) || typeof ours !== 'object' ? '' : r.messages === ours.messages && r.chars === ours.chars ? 'same data' : `read ${r.messages} messages, ${r.chars} chars (ours: ${ours.messages}, ${ours.chars})`;
      rows.push([file, name, fmt(t), fmt((n / t) * 1000), fmt(r.maxRssKiB / 1024), name === 'pffexport' ? 'exports every item to text files' : agree]);
    }
  }
  const table = markdownTable(['file', 'reader', 'ms / walk', 'messages / s', 'peak RSS MB', 'note'], rows);
  const tableRows: string[][] = [];
  const tableReps = reps * 3;
  for (const file of FILES) {
    const path = join(SAMPLES, file);
    if (!existsSync(path)) continue;
    log(`pst: contents tables on ${file}`);
    const r = runWorker<TablesResult>('tables', path, tableReps);
    if (typeof r === 'string') {
      tableRows.push([file, '—', '—', '—', `fails: ${r}`]);
      continue;
    }
    const [sum, full] = [median(r.summary), median(r.full)];
    tableRows.push([file, String(r.rows), fmt(sum), fmt(full), `${fmt(full / sum)}×${r.same ? '' : ' (ROWS DIFFER)'}`]);
  }
  const tablesTable = markdownTable(['file', 'rows', 'contents TCs, ms / walk', 'whole messages, ms / walk', 'ratio'], tableRows);
  return {
    title: 'PST: walking a file (subject, sender, delivery time, body of every message)',
    body:
      `Each reader opens the file from disk and walks every folder, reading the subject, sender name, delivery time and ` +
      `body of every message; medians of ${reps} reps after three warm-up walks (one for pffexport), each reader in its own process (peak RSS is that ` +
      'process\'s, Node itself included). `ours` is the messaging layer (src/formats/pst/messaging); `ours-mapi` goes ' +
      'through openPstFile, contents tables, openEntry and getProps; pst-extractor cannot open ANSI files; `pffexport` ' +
      '(libpff) writes every item out as text files, more work than the others do, so its time bounds from above what a C ' +
      'reader needs. The samples are small (the largest holds 7 messages), so per-file set-up dominates.\n\n' +
      table +
      `\n\n### Contents tables of every folder (standard columns, first ${TABLE_ROWS} rows)\n\n` +
      'Through MAPI on a store over a fresh `PstBackend` each repetition (opened untimed): open every folder, read its ' +
      `PR_CONTENT_COUNT and PR_CONTENT_UNREAD, and read the first ${TABLE_ROWS} rows of its contents table with a message list's ` +
      'columns (entry ID, subject, delivery time, sender, size, To, attachment flag, flags, class, importance); medians of ' +
      `${reps * 3} reps after three warm-ups, the two paths alternating in one process. The first serves the rows from the folders' ` +
      'contents TCs (`PstBackend.messageSummary`; each message\'s PC is opened for its code page and PR_DISPLAY_BCC, which no contents TC holds); ' +
      'the second (`summaries: false`) decodes every message whole (properties, recipients, attachments with their data); ' +
      'both read the same rows. On files this small the fixed cost of opening folders and tables weighs most.\n\n' +
      tablesTable,
  };
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3] as ContenderName, process.argv[4] as string, Number(process.argv[5]));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const section = await runPstBenchmarks({ quick: process.argv.includes('--quick'), log: (m) => process.stderr.write(`${m}\n`) });
  process.stdout.write(`## ${section.title}\n\n${section.body}\n`);
}
