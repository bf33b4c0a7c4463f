// Shared plumbing of the `mapi` verbs: results, argument parsing, number parsing, columns.

/** What a verb produced: the exit code and the text for stdout and stderr. */
export interface CliResult {
  /** 0 ok, 1 unknown input, 2 usage error. */
  code: number;
  /** Text for stdout (ends with a newline when not empty). */
  stdout: string;
  /** Text for stderr (ends with a newline when not empty). */
  stderr: string;
}

/** Exit code: success. */
export const EXIT_OK = 0;
/** Exit code: the input names nothing known. */
export const EXIT_UNKNOWN = 1;
/** Exit code: the command line is malformed. */
export const EXIT_USAGE = 2;

/** A verb of the `mapi` command. */
export interface Verb {
  /** The word after `mapi`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The synopsis lines, without the leading `mapi`. */
  readonly usage: readonly string[];
  /** Runs the verb on the arguments after its name. */
  run(args: readonly string[]): CliResult | Promise<CliResult>;
}

/** A successful result printing `lines`. */
export function ok(lines: string | readonly string[]): CliResult {
  return { code: EXIT_OK, stdout: joinLines(lines), stderr: '' };
}

/** Exit code 1: `message` on stderr, naming the verb. */
export function unknown(verb: string, message: string): CliResult {
  return { code: EXIT_UNKNOWN, stdout: '', stderr: `mapi ${verb}: ${message}\n` };
}

/** Exit code 2: `message` and the verb's usage on stderr. */
export function usageError(verb: Verb, message: string): CliResult {
  return { code: EXIT_USAGE, stdout: '', stderr: `mapi ${verb.name}: ${message}\n` + verbUsage(verb) };
}

/** A result printing `value` as indented JSON. */
export function json(value: unknown): CliResult {
  return { code: EXIT_OK, stdout: JSON.stringify(value, null, 2) + '\n', stderr: '' };
}

/** The usage block of one verb. */
export function verbUsage(verb: Verb): string {
  return 'Usage:\n' + verb.usage.map((u) => `  mapi ${verb.name} ${u}`.trimEnd() + '\n').join('');
}

function joinLines(lines: string | readonly string[]): string {
  const text = typeof lines === 'string' ? lines : lines.join('\n');
  return text.length === 0 || text.endsWith('\n') ? text : text + '\n';
}

/** A parsed verb command line. */
export interface ParsedArgs {
  /** Arguments that are not options. */
  positionals: string[];
  /** `--json` was given. */
  json: boolean;
  /** `-h` / `--help` was given. */
  help: boolean;
  /** Values of the value options (`--type PT_LONG` or `--type=PT_LONG`), by option name. */
  values: Map<string, string>;
}

/**
 * Parses `--json`, `--help` and the value options `valueOptions` (names without `--`).
 * Negative numbers (`-2147221233`) are positionals; `--` ends the options. Returns an error
 * message for an unknown option or a value option without its value.
 */
export function parseArgs(args: readonly string[], valueOptions: readonly string[] = []): ParsedArgs | string {
  const parsed: ParsedArgs = { positionals: [], json: false, help: false, values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      parsed.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || /^-\d+$/.test(a) || a === '-') {
      parsed.positionals.push(a);
      continue;
    }
    if (a === '--json') parsed.json = true;
    else if (a === '-h' || a === '--help') parsed.help = true;
    else {
      const m = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(a);
      const name = m?.[1];
      if (!m || name === undefined || !valueOptions.includes(name)) return `unknown option ${a}`;
      const value = m[2] ?? args[++i];
      if (value === undefined || value === '') return `option --${name} needs a value`;
      parsed.values.set(name, value);
    }
  }
  return parsed;
}

/**
 * Reads a number the way MrMAPI does: hexadecimal, with or without `0x` (`0x0037001F`,
 * `3001001F`). Returns undefined for text that is not one, or does not fit in 32 bits.
 */
export function parseHex(text: string): { value: number; digits: number } | undefined {
  const m = /^(?:0x)?([0-9a-f]{1,8})$/i.exec(text.trim());
  if (!m || m[1] === undefined) return undefined;
  return { value: Number.parseInt(m[1], 16) >>> 0, digits: m[1].length };
}

/** True when the text carries the `0x` prefix, so it cannot be meant as a name. */
export function hasHexPrefix(text: string): boolean {
  return /^0x/i.test(text.trim());
}

/** `0x` + upper-case hex, zero-padded to `width` digits. */
export function hex(value: number, width = 8): string {
  return '0x' + (value >>> 0).toString(16).toUpperCase().padStart(width, '0');
}

/**
 * Lays rows out in aligned columns separated by two spaces; the first row is the header when
 * `header` is given. Trailing spaces are trimmed.
 */
export function columns(rows: readonly (readonly string[])[], header?: readonly string[], indent = ''): string[] {
  const all = header ? [header, ...rows] : [...rows];
  const widths: number[] = [];
  for (const r of all) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return all.map((r) => indent + r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

/** Aligned `label  value` lines for a detail block. */
export function details(pairs: readonly (readonly [string, string])[], indent = '  '): string[] {
  return columns(pairs.filter(([, v]) => v !== ''), undefined, indent);
}
