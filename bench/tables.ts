/**
 * Table section of the benchmarks: our table engine against better-sqlite3 in memory (without
 * and with indexes) on the same 100,000-message contents table, in one process, as ratios.
 * (a) restrict, (b) sort, (c) two-level categories, (d) drain with queryRows(100), (e) per-insert
 * cost of keeping an open restricted, sorted view current at 10k, 100k and 1M rows, and memory
 * per row.
 */
import { collectGarbage, compare, fmt, markdownTable, median, type Comparison, type Contender } from './measure.js';
import { generateMessages } from './tables/dataset.js';
import { BY_DELIVERY_DESC, openOurTable, ourInserts, ourOperations, ourRowSource, type OurTable } from './tables/ours.js';
import { openSqlite, sqliteBytes, sqliteInserts, sqliteOperations, sqlitePlans, type Sqlite } from './tables/sqlite.js';
import { BOOKMARK_BEGINNING } from '../src/core/generated/constants.js';

/** What a benchmark section hands back to bench/run.ts: a title and a Markdown body. */
export interface BenchSection {
  title: string;
  body: string;
}

/** Options of {@link runTableBenchmarks}. */
export interface TableBenchOptions {
  /** Fewer repetitions, and (e) without the 1M-row table. */
  quick?: boolean;
  /** Run only these operations (letters a–e, m for memory); default all. */
  only?: string;
  /** Progress messages (to stderr). */
  log?: (message: string) => void;
}

const SEED = 1;
const ROWS = 100_000;
const INSERTS = 1_000;
const OPERATIONS = [
  ['a', 'restrict', '(a) restrict: subject ∋ "report" (ignore case) ∧ unread ∧ delivery in a year; count + first 100 rows'],
  ['b', 'sort', '(b) sort by delivery time descending; count + first 100 rows'],
  ['d', 'drain', '(d) drain the sorted table with queryRows(100): 100,000 rows × 10 columns'],
  ['c', 'categorize', '(c) categories sender → importance, fully expanded; count + first 100 rows'],
] as const;
const REPS = { restrict: 5, sort: 3, drain: 3, categorize: 3 };

/** Runs the table benchmarks and returns their results as a printable section. */
export async function runTableBenchmarks(options: TableBenchOptions = {}): Promise<BenchSection> {
  const log = options.log ?? (() => {});
  const wanted = (letter: string) => !options.only || options.only.includes(letter);
  const parts: string[] = [];
  const started = performance.now();
  const selected = OPERATIONS.filter(([letter]) => wanted(letter));

  if (wanted('m') || selected.length) {
    log('tables: building the 100k-row table and the two SQLite databases');
    const built = await buildAll();
    if (wanted('m')) parts.push(built.memory);
    if (selected.length) parts.push(await queryRatios(built, selected, options, log));
    built.plain.db.close();
    built.indexed.db.close();
    built.ours.table.release();
  }
  if (wanted('e')) parts.push(await insertCost(options, log));
  parts.push(
    `Section time ${fmt((performance.now() - started) / 1000)} s. Our engine runs from source under tsx, whose esbuild transform keeps ` +
      'function names (a `__name` call per closure created); the published tsup build does not, so closure-heavy paths run somewhat faster there.',
  );
  return { title: 'Tables: our engine vs better-sqlite3 (in memory)', body: parts.join('\n\n') };
}

/**
 * Builds our 100k-row table (sorted newest first) and the two databases, measuring memory on
 * the way: JS heap after GC for our row source and our view, page_count × page_size for SQLite.
 */
async function buildAll(): Promise<{ ours: OurTable; plain: Sqlite; indexed: Sqlite; memory: string }> {
  // Several full collections: one can leave garbage a finalizer or a weak reference freed late.
  const heap = () => (collectGarbage() && collectGarbage() && collectGarbage() ? process.memoryUsage().heapUsed : Number.NaN);
  const h0 = heap();
  // The messages are generated inside the window and dropped, so the rows' strings count.
  // Built in a helper: a temporary of this async function may stay in a suspended frame's
  // register across the awaits below and be counted in the view's figure instead.
  const source = buildSource();
  const h1 = heap();
  const ours = await openOurTable(source);
  await ours.table.sortTable(BY_DELIVERY_DESC);
  await ours.table.getRowCount();
  await ours.table.queryRows(100, 0);
  const h2 = heap();
  // Reading past the first pages puts every row in the view's tree (the lazy top-k stops paying).
  await ours.table.seekRow(BOOKMARK_BEGINNING, ROWS - 100);
  await ours.table.queryRows(100, 0);
  await ours.table.seekRow(BOOKMARK_BEGINNING, 0);
  const h3 = heap();
  const messages = generateMessages(SEED, 0, ROWS);
  const plain = openSqlite(messages, false);
  const indexed = openSqlite(messages, true);
  const rows = [
    ['our row source (MemoryRowSource: a Map of 10 SPropValues per row)', fmt((h1 - h0) / ROWS)],
    ['our view sorted by delivery time, count + first page read (sort keys only, rows selected lazily)', fmt((h2 - h1) / ROWS)],
    ['the same view after reading its last page (every row in the view tree)', fmt((h3 - h1) / ROWS)],
    ['SQLite database, no index (page_count × page_size)', fmt(sqliteBytes(plain) / ROWS)],
    ['SQLite database with the two indexes', fmt(sqliteBytes(indexed) / ROWS)],
  ];
  const memory = Number.isNaN(h0)
    ? 'Memory per row: not measured (run with `node --expose-gc`).'
    : `Memory per row at ${ROWS.toLocaleString('en')} rows (JS heap used after GC, divided by rows):\n\n${markdownTable(['what', 'bytes / row'], rows)}`;
  return { ours, plain, indexed, memory };
}

/** Our row source over freshly generated messages (the messages become garbage on return). */
function buildSource(): ReturnType<typeof ourRowSource> {
  return ourRowSource(generateMessages(SEED, 0, ROWS));
}

/** (a)–(d): each operation on the three contenders, interleaved, as medians and ratios. */
async function queryRatios(
  built: { ours: OurTable; plain: Sqlite; indexed: Sqlite },
  selected: readonly (typeof OPERATIONS)[number][],
  options: TableBenchOptions,
  log: (m: string) => void,
): Promise<string> {
  const ours = ourOperations(built.ours);
  const sql = sqliteOperations(built.plain);
  const sqlIndexed = sqliteOperations(built.indexed);
  const rows: string[][] = [];
  const mismatches: string[] = [];
  for (const [, op, label] of selected) {
    const reps = options.quick ? 2 : REPS[op];
    // (c) runs without a warm-up rep ((b) has already warmed the sort path), as it always has, so its figures compare across runs.
    const warmup = op === 'categorize' ? 0 : 1;
    log(`tables: ${label} (${reps} reps)`);
    const contenders: Contender[] = [
      { name: 'ours', ...ours[op] },
      { name: 'sqlite', ...sql[op] },
      { name: 'sqlite+idx', ...sqlIndexed[op] },
    ];
    const r = await compare(contenders, reps, warmup);
    if (new Set(Object.values(r.check)).size !== 1) mismatches.push(`${label}: ${JSON.stringify(r.check)}`);
    rows.push(comparisonRow(label, r));
  }
  const plans = sqlitePlans(built.indexed);
  return (
    `${ROWS.toLocaleString('en')} messages × 10 columns, seed ${SEED}. Times are medians of interleaved reps after a warm-up; a ratio is the ` +
    "median over reps of our time divided by SQLite's, so below 1 means we are faster. Every contender returns the same row count.\n\n" +
    markdownTable(['operation', 'ours ms', 'SQLite ms', 'SQLite+idx ms', 'ours / SQLite', 'ours / SQLite+idx'], rows) +
    `\n\nGoal (a)–(d) at least as fast as SQLite without an index: ${goalMet(rows) ? 'met' : 'not met'} (${rows.filter((r) => Number(r[4]) <= 1).length} of ${rows.length}).` +
    (mismatches.length ? `\n\n**Row counts differ:** ${mismatches.join('; ')}` : '') +
    `\n\nSQLite plans with the indexes: ${plans.map(([op, plan]) => `${op} ${plan}`).join(' · ')}`
  );
}

function comparisonRow(label: string, r: Comparison): string[] {
  return [label, fmt(r.ms['ours'] as number), fmt(r.ms['sqlite'] as number), fmt(r.ms['sqlite+idx'] as number), fmt(r.ratio['sqlite'] as number), fmt(r.ratio['sqlite+idx'] as number)];
}

function goalMet(rows: string[][]): boolean {
  return rows.every((r) => Number(r[4]) <= 1);
}

/**
 * (e): 1,000 matching rows inserted one at a time while the restricted, sorted view is open.
 * Ours: upsert + hub.flush() until the sink has the TABLE_ROW_ADDED. SQLite: INSERT + the
 * view's first page re-run (see sqliteInserts). Reports the median time per insert.
 */
async function insertCost(options: TableBenchOptions, log: (m: string) => void): Promise<string> {
  const sizes = options.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const budgetMs = options.quick ? 500 : 1_000;
  // Warm-up of both paths on a small table.
  await ourInserts(generateMessages(SEED, 0, 2_000), generateMessages(SEED + 1, 2_000, 200, true));
  sqliteInserts(generateMessages(SEED, 0, 2_000), generateMessages(SEED + 1, 2_000, 50, true), true, 100);
  const rows: string[][] = [];
  const notes: string[] = [];
  let first = Number.NaN;
  let last = Number.NaN;
  for (const n of sizes) {
    log(`tables: (e) ${INSERTS} inserts into an open view over ${n.toLocaleString('en')} rows`);
    const existing = generateMessages(SEED, 0, n);
    const inserted = generateMessages(SEED + 1, n, INSERTS, true);
    const ours = await ourInserts(existing, inserted);
    if (ours.notified !== INSERTS) notes.push(`at ${n} rows the sink got ${ours.notified} TABLE_ROW_ADDED, not ${INSERTS}`);
    const plain = sqliteInserts(existing, inserted, false, budgetMs);
    const indexed = sqliteInserts(existing, inserted, true, budgetMs);
    const us = (times: number[]) => median(times) * 1000;
    const o = us(ours.times);
    if (Number.isNaN(first)) first = o;
    last = o;
    rows.push([
      n.toLocaleString('en'),
      fmt(o),
      `${fmt(us(plain))} (${plain.length})`,
      `${fmt(us(indexed))} (${indexed.length})`,
      fmt(o / us(plain)),
      fmt(o / us(indexed)),
      fmt(ours.loadMs / 1000),
    ]);
  }
  return (
    `(e) per-insert cost with the restricted, newest-first view open. Ours: MemoryRowSource.upsert + NotificationHub.flush() until the ` +
    `advise sink holds the row's TABLE_ROW_ADDED (all ${INSERTS} rows match the restriction). SQLite has no change notification: the ` +
    'fair analogue is INSERT plus re-running the view\'s query for its first page (`WHERE … ORDER BY delivery DESC LIMIT 100`), which is ' +
    'how an application learns where the new row goes. Median µs per insert (inserts timed, in parentheses, SQLite stopping after its time budget).\n\n' +
    markdownTable(['rows in table', 'ours µs', 'SQLite µs (n)', 'SQLite+idx µs (n)', 'ours / SQLite', 'ours / SQLite+idx', 'ours: load rows into the open view, s'], rows) +
    `\n\nGoal (e) flat: ours at ${sizes[sizes.length - 1]?.toLocaleString('en')} rows / at 10,000 rows = ${fmt(last / first)}.` +
    (notes.length ? `\n\n**Problems:** ${notes.join('; ')}` : '')
  );
}
