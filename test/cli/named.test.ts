import { describe, expect, it } from 'vitest';
import { runNamed } from '../../src/cli/verbs/named.js';

describe('mapi named', () => {
  it('describes a named property: set name and GUID, LID, type, area', () => {
    const r = runNamed(['PidLidReminderSet']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('PidLidReminderSet: PSETID_Common 0x8503');
    expect(r.stdout).toMatch(/^ {2}property set +PSETID_Common \{00062008-0000-0000-C000-000000000046\}$/m);
    expect(r.stdout).toMatch(/^ {2}LID +0x8503 \(34051\)$/m);
    expect(r.stdout).toMatch(/^ {2}type +PT_BOOLEAN$/m);
    expect(r.stdout).toMatch(/^ {2}area +Reminders$/m);
    expect(r.stdout).toMatch(/^ {2}also +dispidReminderSet$/m);
  });

  it('lists the named properties of a LID', () => {
    const r = runNamed(['0x8503']);
    expect(r.stdout.split('\n')[0]).toBe('LID 0x8503: 2 matches');
    expect(r.stdout).toMatch(/^0x8503 +PidLidReminderSet +PSETID_Common +PT_BOOLEAN +Reminders$/m);
  });

  it('searches partial names, and --type filters by type', () => {
    const r = runNamed(['reminder', '--type', 'PT_SYSTIME']);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('0x'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((l) => l.includes('PT_SYSTIME'))).toBe(true);
  });

  it('prints JSON with --json', () => {
    const j = JSON.parse(runNamed(['PidLidReminderSet', '--json']).stdout);
    expect(j).toEqual({
      query: 'PidLidReminderSet',
      kind: 'name',
      matches: [
        {
          name: 'PidLidReminderSet',
          propSet: 'PSETID_Common',
          guid: '{00062008-0000-0000-C000-000000000046}',
          kind: 'MNID_ID',
          lid: 0x8503,
          lidHex: '0x8503',
          type: 'PT_BOOLEAN',
          area: 'Reminders',
        },
      ],
      also: ['dispidReminderSet'],
    });
    expect(JSON.parse(runNamed(['0x8503', '--json']).stdout).matches).toHaveLength(2);
  });

  it('exits 1 for unknown input and 2 for usage errors', () => {
    expect(runNamed(['0x0FFF'])).toMatchObject({ code: 1, stdout: '' });
    expect(runNamed(['PidLidNoSuchThing']).stderr).toMatch(/^mapi named: no named property name contains/);
    expect(runNamed(['PidLidReminderSet', '--type', 'PT_LONG']).code).toBe(1);
    expect(runNamed([]).code).toBe(2);
    expect(runNamed(['a', 'b']).code).toBe(2);
  });
});
