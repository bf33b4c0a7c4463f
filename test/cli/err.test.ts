import { describe, expect, it } from 'vitest';
import { runErr } from '../../src/cli/verbs/err.js';

describe('mapi err', () => {
  it('names a hex status code with its value, text and parts', () => {
    const r = runErr(['0x8004010F']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('MAPI_E_NOT_FOUND = 0x8004010F (-2147221233)');
    expect(r.stdout).toMatch(/^ {2}text +not found$/m);
    expect(r.stdout).toMatch(/^ {2}severity +error$/m);
    expect(r.stdout).toMatch(/^ {2}facility +FACILITY_ITF \(4\)$/m);
    expect(r.stdout).toMatch(/^ {2}code +0x010F \(271\)$/m);
  });

  it('reads names, bare hex and negative decimals', () => {
    expect(runErr(['mapi_e_not_found']).stdout.split('\n')[0]).toBe('MAPI_E_NOT_FOUND = 0x8004010F (-2147221233)');
    expect(runErr(['8004010F']).stdout.split('\n')[0]).toBe('MAPI_E_NOT_FOUND = 0x8004010F (-2147221233)');
    expect(runErr(['-2147221233']).stdout.split('\n')[0]).toBe('MAPI_E_NOT_FOUND = 0x8004010F (-2147221233)');
    expect(runErr(['0']).stdout).toMatch(/^S_OK = 0x00000000 \(0\)\n {2}text +success$/m);
  });

  it('lists the other names of a shared value', () => {
    const r = runErr(['0x800C8002']);
    expect(r.stdout.split('\n')[0]).toBe('E_OLK_REGISTRY = 0x800C8002 (-2146664446)');
    expect(r.stdout).toMatch(/^ {2}also +E_OLK_ALREADY_INITIALIZED$/m);
    expect(runErr(['E_OLK_ALREADY_INITIALIZED']).stdout).toMatch(/^ {2}also +E_OLK_REGISTRY$/m);
  });

  it('searches partial names', () => {
    const r = runErr(['not_found']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0x8004010F  MAPI_E_NOT_FOUND');
  });

  it('prints JSON with --json', () => {
    const j = JSON.parse(runErr(['MAPI_E_NOT_FOUND', '--json']).stdout);
    expect(j).toMatchObject({ query: 'MAPI_E_NOT_FOUND', kind: 'name' });
    expect(j.matches[0]).toMatchObject({ name: 'MAPI_E_NOT_FOUND', value: 0x8004010f, hex: '0x8004010F', signed: -2147221233, severity: 'error', facility: 4, code: 0x10f });
    expect(JSON.parse(runErr(['not_found', '--json']).stdout).kind).toBe('search');
  });

  it('exits 1 for unknown input and 2 for usage errors', () => {
    expect(runErr(['0x12345678'])).toMatchObject({ code: 1, stdout: '' });
    expect(runErr(['0x12345678']).stderr).toMatch(/^mapi err: no known status code 0x12345678/);
    expect(runErr(['no_such_error_name']).code).toBe(1);
    expect(runErr([]).code).toBe(2);
    expect(runErr(['a', 'b']).code).toBe(2);
    expect(runErr(['--type', 'x']).code).toBe(2);
  });
});
