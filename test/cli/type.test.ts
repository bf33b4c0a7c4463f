import { describe, expect, it } from 'vitest';
import { runType } from '../../src/cli/verbs/type.js';

describe('mapi type', () => {
  it('describes a type by name, alias or hex value', () => {
    const r = runType(['PT_I4']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('PT_LONG = 0x0003 (3)\n  aliases       PT_I4\n  multi-valued  PT_MV_LONG = 0x1003\n  JS value      number\n');
    expect(runType(['0x101F']).stdout).toBe('PT_MV_UNICODE = 0x101F (4127)\n  single-valued  PT_UNICODE = 0x001F\n  JS value       string[]\n');
    expect(runType(['0x301F']).stdout.split('\n')[0]).toBe('PT_MV_UNICODE | MV_INSTANCE = 0x301F (12319)');
  });

  it('lists every type without an argument', () => {
    const r = runType([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PT_UNICODE +0x001F +31$/m);
    expect(r.stdout).toMatch(/^PT_MV_BINARY +0x1102 +4354$/m);
  });

  it('prints JSON with --json', () => {
    expect(JSON.parse(runType(['PT_SYSTIME', '--json']).stdout)).toEqual({
      query: 'PT_SYSTIME',
      name: 'PT_SYSTIME',
      value: 0x40,
      hex: '0x0040',
      aliases: [],
      multiValued: false,
      mvInstance: false,
      multiValuedType: 'PT_MV_SYSTIME',
      jsValue: 'FILETIME',
    });
  });

  it('exits 1 for unknown input and 2 for usage errors', () => {
    expect(runType(['PT_NOPE'])).toMatchObject({ code: 1, stdout: '' });
    expect(runType(['0x1234']).stderr).toBe('mapi type: 0x1234 is not a known property type\n');
    expect(runType(['a', 'b']).code).toBe(2);
    expect(runType(['--nope']).code).toBe(2);
  });
});
