import { describe, expect, it } from 'vitest';
import { runGuid } from '../../src/cli/verbs/guid.js';

describe('mapi guid', () => {
  it('gives the GUID of a name and its memory-order bytes', () => {
    const r = runGuid(['PSETID_Common']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('PSETID_Common = {00062008-0000-0000-C000-000000000046}\n  bytes  0820060000000000C000000000000046\n');
  });

  it('names a GUID in registry form, braces optional, or as 32 hex digits', () => {
    expect(runGuid(['{00020329-0000-0000-C000-000000000046}']).stdout.split('\n')[0]).toBe('PS_PUBLIC_STRINGS = {00020329-0000-0000-C000-000000000046}');
    expect(runGuid(['00020329-0000-0000-c000-000000000046']).code).toBe(0);
    expect(runGuid(['2903020000000000C000000000000046']).stdout.split('\n')[0]).toMatch(/^PS_PUBLIC_STRINGS/);
    expect(runGuid(['{9240A6C0-AF41-11D2-8C3B-00104B2A6676}']).stdout).toMatch(/^ {2}also +IID_IOlkErrorUnknown$/m);
  });

  it('searches partial names and lists all without an argument', () => {
    expect(runGuid(['psetid_c']).stdout).toContain('{00062008-0000-0000-C000-000000000046}  PSETID_Common');
    const all = runGuid([]);
    expect(all.code).toBe(0);
    expect(all.stdout.split('\n')[0]).toMatch(/^Known GUIDs: \d+ matches$/);
  });

  it('prints JSON with --json', () => {
    expect(JSON.parse(runGuid(['PSETID_Common', '--json']).stdout)).toEqual({
      query: 'PSETID_Common',
      kind: 'name',
      guid: '{00062008-0000-0000-C000-000000000046}',
      bytes: '0820060000000000C000000000000046',
      names: ['PSETID_Common'],
    });
    expect(JSON.parse(runGuid(['--json']).stdout).kind).toBe('all');
  });

  it('exits 1 for unknown input and 2 for usage errors', () => {
    expect(runGuid(['{12345678-1234-1234-1234-123456789012}'])).toMatchObject({ code: 1, stdout: '' });
    expect(runGuid(['no_such_guid_name']).stderr).toMatch(/^mapi guid: no GUID name contains/);
    expect(runGuid(['a', 'b']).code).toBe(2);
  });
});
