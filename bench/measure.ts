/**
 * Timing helpers shared by the benchmark sections. The machine is shared and small, so
 * absolute times drift: contenders are measured in the same process, interleaved rep by rep,
 * after a warm-up, and compared by the median of the per-rep ratios.
 */

/** Something measured against the others: `run` is timed, `prepare` (untimed) runs before each rep. */
export interface Contender {
  name: string;
  prepare?: () => unknown;
  /** The measured work; returns a value the contenders must agree on (a row count). */
  run: () => unknown;
}

/** Medians of one comparison. */
export interface Comparison {
  /** Median ms per contender, by name. */
  ms: Record<string, number>;
  /** Median over reps of (first contender's time / this contender's time), by name. */
  ratio: Record<string, number>;
  /** What each contender's run returned (from the last rep). */
  check: Record<string, unknown>;
  reps: number;
}

/** Median of numbers (the lower middle for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >>> 1] ?? Number.NaN;
}

/** Milliseconds taken by `fn` (awaited). */
export async function timeMs(fn: () => unknown): Promise<{ ms: number; value: unknown }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/**
 * Runs each contender `warmup` times untimed, then `reps` times interleaved (A B C, A B C, …),
 * and returns medians. The first contender is the one the ratios are about (ours).
 */
export async function compare(contenders: readonly Contender[], reps: number, warmup = 1): Promise<Comparison> {
  const times: number[][] = contenders.map(() => []);
  const check: Record<string, unknown> = {};
  for (let rep = -warmup; rep < reps; rep++) {
    for (let c = 0; c < contenders.length; c++) {
      const contender = contenders[c] as Contender;
      await contender.prepare?.();
      const { ms, value } = await timeMs(contender.run);
      check[contender.name] = value;
      if (rep >= 0) (times[c] as number[]).push(ms);
    }
  }
  const ours = times[0] as number[];
  const ms: Record<string, number> = {};
  const ratio: Record<string, number> = {};
  contenders.forEach((c, i) => {
    const mine = times[i] as number[];
    ms[c.name] = median(mine);
    ratio[c.name] = median(ours.map((t, rep) => t / (mine[rep] as number)));
  });
  return { ms, ratio, check, reps };
}

/** Calls the garbage collector when the process has one exposed (--expose-gc). */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  return true;
}

/** A number for a table cell: 3 significant digits, no exponent. */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return 'n/a';
  if (x === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  return x.toFixed(Math.max(0, digits - 1 - magnitude));
}

/** A Markdown table from a header row and body rows. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
