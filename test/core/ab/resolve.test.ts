import { describe, expect, it } from 'vitest';
import type { SPropValue } from '../../../src/core/props/types.js';
import { matchName } from '../../../src/core/ab/resolve.js';
import { PR_ACCOUNT, PR_ADDRTYPE, PR_DISPLAY_NAME, PR_EMAIL_ADDRESS, PR_SMTP_ADDRESS } from '../../../src/core/generated/proptags.js';

const entry = (name: string, account: string, smtp: string): Map<number, SPropValue> =>
  new Map([PR_DISPLAY_NAME, PR_ACCOUNT, PR_SMTP_ADDRESS, PR_ADDRTYPE, PR_EMAIL_ADDRESS].map((t, i) => [t >>> 16, { ulPropTag: t, Value: [name, account, smtp, 'EX', `/o=x/cn=${account}`][i]! }]));
const all = [entry('Bob Jones', 'bob', 'bob@x.org'), entry('Bobby Tables', 'bobby', 'bobby@x.org'), entry('Carol King', 'carol', 'carol@x.org')];
const m = (n: string) => {
  const r = matchName(n, all, (e) => e);
  return r.kind === 'resolved' ? r.entry.get(PR_DISPLAY_NAME >>> 16)!.Value : r.kind;
};

describe('matchName', () => {
  it('prefers an exact display name, account or address over prefixes', () => {
    expect(m('bob')).toBe('Bob Jones');
    expect(m('BOBBY@X.ORG')).toBe('Bobby Tables');
    expect(m('bob jones')).toBe('Bob Jones');
  });
  it('resolves a unique prefix of the display name or of one of its words', () => {
    expect(m('King')).toBe('Carol King');
    expect(m('car')).toBe('Carol King');
  });
  it('is ambiguous when several entries share the prefix, unresolved when none has it', () => {
    expect(m('Bo')).toBe('ambiguous');
    expect(m('Zed')).toBe('unresolved');
    expect(m('  ')).toBe('unresolved');
  });
  it('matches TYPE:address forms by address type and address', () => {
    expect(m('SMTP:carol@x.org')).toBe('Carol King');
    expect(m('EX:/o=x/cn=bobby')).toBe('Bobby Tables');
  });
});
