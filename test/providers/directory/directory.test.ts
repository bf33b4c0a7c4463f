import { describe, expect, it } from 'vitest';
import { MemoryServer } from '../../../src/providers/memory-store/MemoryServer.js';
import { directoryLogon, GAL_ENTRY_ID } from '../../../src/providers/directory/DirectoryLogon.js';
import { exAbEntryId, parseExAbEntryId, AB_DT_MAILUSER } from '../../../src/providers/directory/entryIds.js';
import { PR_ADDRTYPE, PR_EMAIL_ADDRESS, PR_SMTP_ADDRESS } from '../../../src/core/generated/proptags.js';

describe('directory provider', () => {
  it('names users by [MS-OXCDATA] 2.2.5.2 Address Book EntryIDs (MUIDEMSAB, version 1, type, X500 DN)', () => {
    const e = exAbEntryId(AB_DT_MAILUSER, '/o=x/cn=bob');
    expect([...e.subarray(4, 20)]).toEqual([0xdc, 0xa7, 0x40, 0xc8, 0xc0, 0x42, 0x10, 0x1a, 0xb4, 0xb9, 0x08, 0x00, 0x2b, 0x2f, 0xe1, 0x82]);
    expect([...e.subarray(20, 28)]).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(e[e.length - 1]).toBe(0);
    expect(parseExAbEntryId(e)).toEqual({ type: AB_DT_MAILUSER, dn: '/o=x/cn=bob' });
  });

  it('lists the server\'s users in the GAL with EX addresses and SMTP addresses, users added later included', () => {
    const server = new MemoryServer();
    server.addUser({ mailbox: 'bob', smtpAddress: 'bob@corp.example' });
    const logon = directoryLogon(server);
    expect(logon.contents(GAL_ENTRY_ID)).toHaveLength(1);
    server.addUser({ mailbox: 'carol' });
    const [bob, carol] = logon.contents(GAL_ENTRY_ID)!;
    const get = (r: typeof bob, tag: number) => r!.props.find((p) => p.ulPropTag === tag)?.Value;
    expect(get(bob, PR_ADDRTYPE)).toBe('EX');
    expect(get(bob, PR_EMAIL_ADDRESS)).toBe(server.user('bob')!.exAddress);
    expect(get(bob, PR_SMTP_ADDRESS)).toBe('bob@corp.example');
    expect(get(carol, PR_SMTP_ADDRESS)).toBe('carol@example.com');
    expect(logon.entry(bob!.entryId)).toEqual(bob);
    // X500 DNs compare case-insensitively.
    expect(logon.compareEntryIds!(bob!.entryId, exAbEntryId(AB_DT_MAILUSER, server.user('bob')!.exAddress.toUpperCase()))).toBe(true);
  });
});
