import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli, usage, verbs } from '../../src/cli/verbs/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('mapi (dispatch)', () => {
  it('dispatches to the verb', async () => {
    const r = await runCli(['tag', 'PR_SUBJECT_W']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('PR_SUBJECT_W = 0x0037001F');
  });

  it('prints usage for help, and per verb', async () => {
    expect(await runCli(['help'])).toEqual({ code: 0, stdout: usage(), stderr: '' });
    expect(await runCli(['--help'])).toMatchObject({ code: 0 });
    const tagHelp = await runCli(['help', 'tag']);
    expect(tagHelp.code).toBe(0);
    expect(tagHelp.stdout).toContain('mapi tag <name');
    for (const v of verbs) expect(usage()).toContain(`mapi ${v.name} `);
  });

  it('exits 2 without a verb or with an unknown one', async () => {
    expect(await runCli([])).toMatchObject({ code: 2, stdout: '' });
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('mapi: unknown verb "frobnicate"');
  });
});

describe('bin/mapi.cjs', () => {
  it('runs in a fresh checkout (through tsx) or from the build', () => {
    const r = spawnSync(process.execPath, ['bin/mapi.cjs', 'tag', 'PR_SUBJECT_W'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('PR_SUBJECT_W = 0x0037001F');
    expect(r.stdout).toMatch(/^0x0037001F {2}PR_SUBJECT {5}PT_UNICODE {2}exact$/m);
  });

  it('exits 1 for unknown input', () => {
    const r = spawnSync(process.execPath, ['bin/mapi.cjs', 'err', '0x12345678'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^mapi err: /);
  });
});
