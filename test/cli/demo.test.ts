import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runDemo } from '../../src/cli/verbs/demo.js';
import { runCli, usage } from '../../src/cli/verbs/index.js';
import type { CliResult } from '../../src/cli/verbs/common.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The lines of one numbered section of the demo's output, heading included. */
function sectionOf(stdout: string, n: number): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${n}. `));
  const end = lines.findIndex((l, i) => i > start && /^\d+\. /.test(l));
  return lines.slice(start, end < 0 ? undefined : end);
}

/** The lines of a section that contain `text`. */
const linesWith = (lines: string[], text: string) => lines.filter((l) => l.includes(text));

describe('mapi demo', () => {
  let r: CliResult;
  beforeAll(async () => {
    r = await runDemo([]);
  });

  it('runs the tour: six sections, each naming the MAPI calls it shows, in 60-120 lines', () => {
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const headings = r.stdout.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(headings.map((h) => h.replace(/ {2}\(.*$/, ''))).toEqual(['1. Logon', '2. Folder tree', '3. Messages', '4. Contents table', '5. Bookmarks', '6. Notifications']);
    expect(headings[1]).toContain('CONVENIENT_DEPTH');
    expect(headings[2]).toContain('modifyRecipients');
    expect(headings[2]).toContain('createAttach');
    const count = r.stdout.trimEnd().split('\n').length;
    expect(count).toBeGreaterThanOrEqual(60);
    expect(count).toBeLessThanOrEqual(120);
  });

  it('is deterministic: the same output on every run', async () => {
    expect((await runDemo([])).stdout).toBe(r.stdout);
  });

  it('logs on to alice’s mailbox, and bob has his own', () => {
    const s = sectionOf(r.stdout, 1);
    expect(linesWith(s, 'default store')).toEqual(['   message store table: 1 row; default store "Mailbox - Alice Smith" opened with MDB_WRITE']);
    expect(linesWith(s, '"Mailbox - Bob Jones": 0 messages')).toHaveLength(1);
  });

  it('prints the folder tree indented by PR_DEPTH, with the new subfolder under the Inbox', () => {
    const s = sectionOf(r.stdout, 2);
    expect(s.slice(1, 4)).toEqual(['   Top of Information Store', '     Inbox', '       Projects']);
    expect(s).toContain('     Sent Items');
    expect(s).toContain('     Journal');
  });

  it('saves messages with recipients and an attachment, and reads the computed properties back', () => {
    const s = sectionOf(r.stdout, 3);
    expect(linesWith(s, 'saved 7 messages')).toHaveLength(1);
    expect(s).toContain('     PR_DISPLAY_TO    "Alice Smith"');
    expect(s).toContain('     PR_DISPLAY_CC    "Carol White"');
    expect(s).toContain('     PR_HASATTACH     true');
    expect(s.some((l) => /^ {5}MAPI_TO {2}Alice Smith {2}alice@example\.com$/.test(l))).toBe(true);
    expect(s.some((l) => /^ {5}MAPI_CC {2}Carol White {2}carol@example\.com$/.test(l))).toBe(true);
    expect(s.some((l) => /^ {5}#0 {2}budget\.xlsx {2}\d+ bytes$/.test(l))).toBe(true);
  });

  it('restricts, categorizes by sender and collapses one category: headings and leaves in order', () => {
    const s = sectionOf(r.stdout, 4);
    expect(linesWith(s, 'restrict(')).toEqual(['   restrict(PR_IMPORTANCE >= 1): 6 rows (IMPORTANCE_NORMAL or higher)']);
    expect(linesWith(s, 'sortTable(')[0]).toMatch(/: 9 rows$/);
    expect(linesWith(s, 'collapseRow(')).toEqual(['   collapseRow(Carol White) hides 2 rows: 7 rows']);
    const view = s.slice(s.findIndex((l) => l.includes('Received (UTC)')));
    expect(view.map((l) => l.trim().replace(/^\d{4}-\d\d-\d\d \d\d:\d\d {2}/, '').replace(/ {2,}.*$/, ''))).toEqual([
      'Received (UTC)',
      '[-] Bob Jones: 3 messages, 1 unread',
      'Contract draft',
      'Re: Budget review',
      'Budget review',
      '[+] Carol White: 2 messages, 2 unread',
      '[-] Dave Brown: 1 message, 1 unread',
      'Server maintenance tonight',
      '',
    ]);
    // Newest first within a category; the low-importance newsletter is restricted away.
    expect(s.join('\n')).not.toContain('This week in MAPI');
    expect(s.join('\n')).not.toContain('Slides for Monday');
  });

  it('seeks back to a bookmark and reads the same row again', () => {
    const s = sectionOf(r.stdout, 5);
    expect(linesWith(s, 'queryRows(3)')[0]).toContain('"Contract draft", "Re: Budget review", "Budget review"; now at row 4');
    expect(linesWith(s, 'seekRow(bookmark, 0)')[0]).toContain('back at row 1');
    expect(linesWith(s, 'seekRow(bookmark, 0)')[0]).toContain('reads "Contract draft" again');
  });

  it('shows notifications from a second session arriving at the flush, and the table following', () => {
    const s = sectionOf(r.stdout, 6);
    expect(linesWith(s, 'after saveChanges returns')[0]).toContain('0 notifications delivered');
    const delivered = s.slice(s.findIndex((l) => l.includes('after world.flush()')) + 1).filter((l) => l.includes('sink:'));
    expect(delivered.map((l) => l.trim())).toEqual([
      'table sink: fnevTableModified(TABLE_ROW_MODIFIED)  heading "Dave Brown"',
      'table sink: fnevTableModified(TABLE_ROW_ADDED)  "Maintenance done"',
      'store sink: fnevObjectCreated  a message in the Inbox',
    ]);
    expect(s).toContain('   the open table now has 8 rows:');
    expect(linesWith(s, '[-] Dave Brown')).toEqual(['     [-] Dave Brown: 2 messages, 2 unread']);
    expect(linesWith(s, 'Maintenance done  ')).toHaveLength(1);
  });

  it('prints the sections as JSON with --json', async () => {
    const j = JSON.parse((await runDemo(['--json'])).stdout) as { sections: { heading: string; calls: string; lines: string[] }[] };
    expect(j.sections.map((x) => x.heading)).toEqual(['Logon', 'Folder tree', 'Messages', 'Contents table', 'Bookmarks', 'Notifications']);
    expect(j.sections[3]?.lines).toContain('   collapseRow(Carol White) hides 2 rows: 7 rows'.trim());
  });

  it('is a verb of mapi, with help; arguments are usage errors', async () => {
    expect(usage()).toContain('mapi demo [--json]');
    expect((await runCli(['help', 'demo'])).stdout).toContain('mapi demo [--json]');
    expect((await runCli(['demo'])).stdout).toBe(r.stdout);
    expect(await runDemo(['extra'])).toMatchObject({ code: 2, stdout: '' });
    expect((await runDemo(['--frobnicate'])).stderr).toMatch(/^mapi demo: unknown option --frobnicate/);
  });
});

describe('bin/mapi.cjs demo', () => {
  it('runs the tour from the build, or from source through tsx', () => {
    const p = spawnSync(process.execPath, ['bin/mapi.cjs', 'demo'], { cwd: root, encoding: 'utf8' });
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(p.stdout).toContain('6. Notifications');
    expect(p.stdout).toContain('TABLE_ROW_ADDED');
  }, 60_000);
});
