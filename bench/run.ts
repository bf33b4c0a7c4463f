/**
 * The project's benchmarks: runs each section and prints its results; `--write` also rewrites
 * docs/benchmarks.md with them and the machine they ran on.
 *
 *   npm run bench [-- --quick] [-- --sections tables,store,cfb,msg,msgstore,pst,mailflow,abi,world] [-- --only abcdem] [-- --write]
 *
 * Sections: tables (bench/tables.ts; --only picks its operations a–e and m), store
 * (bench/store.ts), cfb (bench/cfb.ts), msg (bench/msg.ts: 500 .msg files beside msgreader), msgstore (bench/msgstore.ts: contents tables of
 * a reopened .msg-directory store from index summaries vs decoded messages), pst (bench/pst.ts: walking a PST beside pst-extractor and
 * pffexport), mailflow (bench/mailflow.ts: submit → spooler → loopback
 * transport → delivery, 10 recipients a message), abi (bench/abi.ts: the Windows backend through the fake
 * MAPI ABI; needs koffi), world (bench/world.ts: snapshot and restore of a world). Default: all.
 *
 * Memory figures need the garbage collector, so without --expose-gc the script runs itself
 * again as `node --expose-gc --max-old-space-size=8192 --import tsx bench/run.ts …` (the
 * 1M-row table of the insert benchmark needs the larger heap). To profile, start it that way
 * yourself with --cpu-prof added.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCfbBenchmarks } from './cfb.js';
import { runMsgBenchmarks } from './msg.js';
import { runMsgStoreBenchmarks } from './msgstore.js';
import { runPstBenchmarks } from './pst.js';
import { runStoreBenchmarks } from './store.js';
import { runMailflowBenchmarks } from './mailflow.js';
import { runTableBenchmarks, type BenchSection } from './tables.js';
import { runWorldBenchmarks } from './world.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

/** The machine, for the docs: CPU model, cores, Node version, date, and how busy it was (the machine is shared). */
function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) model = line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: os.cpus() already named it.
  }
  return `${model}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, load average ${loadavg()[0]?.toFixed(1)} at the end of the run`;
}

function render(sections: readonly BenchSection[]): string {
  return sections.map((s) => `## ${s.title}\n\n${s.body}\n`).join('\n');
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const log = (m: string) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${m}\n`);
  const sections: BenchSection[] = [];
  const only = value('--only');
  const chosen = value('--sections')?.split(',');
  const wanted = (section: string) => !chosen || chosen.includes(section);
  const quick = flag('--quick');
  if (wanted('tables')) sections.push(await runTableBenchmarks({ quick, only, log }));
  if (wanted('store')) sections.push(await runStoreBenchmarks({ quick, log }));
  if (wanted('cfb')) sections.push(await runCfbBenchmarks({ quick, log }));
  if (wanted('msg')) sections.push(await runMsgBenchmarks({ quick, log }));
  if (wanted('msgstore')) sections.push(await runMsgStoreBenchmarks({ quick, log }));
  if (wanted('pst')) sections.push(await runPstBenchmarks({ quick, log }));
  if (wanted('world')) sections.push(await runWorldBenchmarks({ quick, log }));
  if (wanted('mailflow')) sections.push(await runMailflowBenchmarks({ quick, log }));
  // Loaded only when run: it loads koffi and the fake MAPI ABI of test/abi.
  if (wanted('abi')) sections.push(await (await import('./abi.js')).runAbiBenchmarks({ quick, log }));
  const output = render(sections);
  console.log(output);
  if (flag('--write')) {
    // Only the sections run are replaced: the others keep their last results (each says when and where it ran).
    const path = join(root, 'docs', 'benchmarks.md');
    let previous = '';
    try {
      previous = readFileSync(path, 'utf8');
    } catch {
      // no document yet
    }
    const run = new Map(sections.map((s) => [s.title, `## ${s.title}\n\nRun on ${machine()}.\n\n${s.body}\n`]));
    const kept = previous
      .split(/^(?=## )/m)
      .filter((part) => part.startsWith('## '))
      .map((part) => {
        const title = part.slice(3, part.indexOf('\n')).trim();
        const fresh = run.get(title);
        run.delete(title);
        return fresh ?? part.trimEnd() + '\n';
      });
    const doc =
      '# Benchmarks\n\n' +
      'Generated by `npm run bench -- --write` (source: `bench/run.ts` and its sections; `--sections a,b` reruns and replaces ' +
      'only those). Every comparison runs both contenders in one process on the same data; read the ratios, not the absolute times.\n\n' +
      [...kept, ...run.values()].join('\n');
    writeFileSync(path, doc);
    log('wrote docs/benchmarks.md');
  }
}

if (typeof (globalThis as { gc?: unknown }).gc !== 'function' && !process.env['MAPI_BENCH_CHILD']) {
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MAPI_BENCH_CHILD: '1' },
  });
  process.exitCode = child.status ?? 1;
} else {
  await main();
}
