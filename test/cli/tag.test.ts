import { describe, expect, it } from 'vitest';
import { runTag } from '../../src/cli/verbs/tag.js';

describe('mapi tag', () => {
  it('lists every name of a named tag, best first, with type and ID', () => {
    const r = runTag(['PR_SUBJECT_W']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('PR_SUBJECT_W = 0x0037001F');
    expect(r.stdout).toMatch(/^ {2}id +0x0037$/m);
    expect(r.stdout).toMatch(/^ {2}type +PT_UNICODE$/m);
    expect(r.stdout).toMatch(/^ {2}best name +PR_SUBJECT$/m);
    const rows = lines.filter((l) => l.startsWith('0x')).map((l) => l.split(/ +/));
    expect(rows).toEqual([
      ['0x0037001F', 'PR_SUBJECT', 'PT_UNICODE', 'exact'],
      ['0x0037001F', 'PR_SUBJECT_W', 'PT_UNICODE', 'exact'],
      ['0x0037001F', 'PidTagSubject', 'PT_UNICODE', 'exact'],
      ['0x0037001F', 'ptagSubject', 'PT_UNICODE', 'exact'],
      ['0x0037001E', 'PR_SUBJECT_A', 'PT_STRING8', 'partial'],
    ]);
  });

  it('aligns the columns', () => {
    const lines = runTag(['PR_SUBJECT_W']).stdout.split('\n').filter((l) => /^(Tag|0x)/.test(l));
    const typeColumn = lines.map((l) => l.search(/PT_|Type/));
    expect(new Set(typeColumn).size).toBe(1);
  });

  it('looks names up case-insensitively', () => {
    expect(runTag(['pidtagsubject']).stdout.split('\n')[0]).toBe('PidTagSubject = 0x0037001F');
  });

  it('names a hex tag, taking partial matches when no name is exact', () => {
    expect(runTag(['0x0037001F']).stdout.split('\n')[0]).toBe('Property tag 0x0037001F');
    const r = runTag(['0037000B']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/best name +PR_SUBJECT$/m);
    expect(r.stdout).not.toMatch(/exact$/m);
  });

  it('lists every tag with a hex property ID', () => {
    const r = runTag(['0x0037']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Property ID 0x0037: 5 names for 2 tags (best name of each tag first)');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('0x')).map((l) => l.split(/ +/)[1])).toEqual([
      'PR_SUBJECT_A',
      'PR_SUBJECT',
      'PR_SUBJECT_W',
      'PidTagSubject',
      'ptagSubject',
    ]);
  });

  it('searches partial names, and --type filters by type', () => {
    const all = runTag(['subject_prefix']);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('PR_SUBJECT_PREFIX_W');
    const r = runTag(['subject_prefix', '--type', 'PT_STRING8']);
    expect(r.stdout.split('\n')[0]).toBe('Names containing "subject_prefix" of type PT_STRING8: 1 match');
    expect(r.stdout).toContain('0x003D001E  PR_SUBJECT_PREFIX_A  PT_STRING8');
    expect(runTag(['PR_SUBJECT', '--type=PT_STRING8']).stdout).not.toContain('PT_UNICODE  exact');
    expect(runTag(['0x0037', '--type', '0x001E']).stdout).toContain('1 name for 1 tag');
    expect(runTag(['--type', 'PT_CLSID']).code).toBe(0);
  });

  it('reads bare hex digits that name nothing as part of a name', () => {
    const r = runTag(['Bcc']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PR_DISPLAY_BCC');
  });

  it('notes that IDs from 0x8000 up are usually named properties', () => {
    expect(runTag(['0xFFFE001F']).stdout).toContain('Note: IDs 0x8000 and above');
  });

  it('prints JSON with --json', () => {
    const r = runTag(['PR_SUBJECT_W', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ query: 'PR_SUBJECT_W', kind: 'name', tag: 0x0037001f, hex: '0x0037001F', id: 0x37, type: 'PT_UNICODE', best: 'PR_SUBJECT' });
    expect(j.others).toEqual(['PR_SUBJECT_W', 'PidTagSubject', 'ptagSubject', 'PR_SUBJECT_A']);
    expect(j.matches[4]).toEqual({ name: 'PR_SUBJECT_A', tag: 0x0037001e, hex: '0x0037001E', type: 'PT_STRING8', match: 'partial' });
    expect(JSON.parse(runTag(['0x0037', '--json']).stdout).kind).toBe('id');
    expect(JSON.parse(runTag(['attach_num', '--json', '--type', 'PT_I4']).stdout)).toMatchObject({ kind: 'search', typeFilter: 'PT_LONG' });
  });

  it('exits 1 with a message on stderr for unknown input', () => {
    for (const args of [['no_such_property_name'], ['0x7FF00003'], ['0x7FF0'], ['PR_SUBJECT', '--type', 'PT_NOPE'], ['PR_SUBJECT', '--type', 'PT_BOOLEAN']]) {
      const r = runTag(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^mapi tag: /);
    }
    expect(runTag(['0x7FF00003']).stderr).toBe('mapi tag: no known name for property tag 0x7FF00003 (id 0x7FF0, PT_LONG)\n');
  });

  it('exits 2 on usage errors', () => {
    for (const args of [[], ['a', 'b'], ['--bogus', 'x'], ['x', '--type']]) {
      const r = runTag(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage:');
    }
    expect(runTag(['--help'])).toMatchObject({ code: 0, stderr: '' });
  });
});
