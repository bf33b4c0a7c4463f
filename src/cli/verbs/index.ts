import { EXIT_OK, EXIT_USAGE, type CliResult, type Verb } from './common.js';
import { demoVerb } from './demo.js';
import { errVerb } from './err.js';
import { guidVerb } from './guid.js';
import { namedVerb } from './named.js';
import { tagVerb } from './tag.js';
import { typeVerb } from './type.js';

/**
 * The verbs of `mapi`, in the order the usage lists them. A new verb is one module exporting a
 * {@link Verb} plus one entry here.
 */
export const verbs: readonly Verb[] = [demoVerb, tagVerb, errVerb, guidVerb, typeVerb, namedVerb];

/** The verb called `name`, or undefined. */
export function findVerb(name: string): Verb | undefined {
  return verbs.find((v) => v.name === name);
}

/** The top-level usage text. */
export function usage(): string {
  const width = Math.max(...verbs.map((v) => v.name.length));
  return [
    'mapi: a tour of mapi-emu, and MAPI names and values from its tables (a cross-platform MrMAPI)',
    '',
    'Usage:',
    ...verbs.flatMap((v) => v.usage.map((u) => `  mapi ${v.name} ${u}`)),
    '  mapi help [verb]',
    '',
    'Verbs:',
    ...verbs.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`),
    '',
    'Every verb takes --json for machine-readable output.',
    'Exit codes: 0 ok, 1 unknown input, 2 usage error.',
    '',
    'Examples:',
    '  mapi demo                a tour: logon, folders, messages, tables, notifications',
    '  mapi tag PR_SUBJECT_W',
    '  mapi tag 0x0037          every tag with property ID 0x0037',
    '  mapi tag subject --type PT_UNICODE',
    '  mapi err 0x8004010F',
    '  mapi guid PSETID_Common',
    '  mapi named PidLidReminderSet',
    '',
  ].join('\n');
}

/**
 * Runs `mapi` on its arguments (without `node` and the script) and returns the exit code and
 * output instead of printing, so tests call it in-process.
 */
export async function runCli(argv: readonly string[]): Promise<CliResult> {
  const [first, ...rest] = argv;
  if (first === undefined) return { code: EXIT_USAGE, stdout: '', stderr: usage() };
  if (first === 'help' || first === '-h' || first === '--help') {
    const topic = rest[0];
    if (topic === undefined) return { code: EXIT_OK, stdout: usage(), stderr: '' };
    const verb = findVerb(topic);
    if (!verb) return { code: EXIT_USAGE, stdout: '', stderr: `mapi: unknown verb "${topic}"\n\n${usage()}` };
    return verb.run(['--help']);
  }
  const verb = findVerb(first);
  if (!verb) return { code: EXIT_USAGE, stdout: '', stderr: `mapi: unknown verb "${first}"\n\n${usage()}` };
  return verb.run(rest);
}
