import { describe, it, expect } from 'vitest';
import { MEMORY_SERVER_ORG, MemoryServer } from '../../../src/providers/memory-store/MemoryServer.js';
import { SeededIds } from '../../../src/core/spi/ids.js';

describe('MemoryServer.mailbox', () => {
  it('creates a mailbox once (isNew) and returns the same backend afterwards, case-insensitively', () => {
    const server = new MemoryServer(new SeededIds(3));
    const a = server.mailbox('Alice', 'Mailbox - Alice');
    expect(a.isNew).toBe(true);
    const again = server.mailbox('alice');
    expect(again.isNew).toBe(false);
    expect(again.backend).toBe(a.backend);
    expect(again.displayName).toBe('Mailbox - Alice');
    expect(server.has('ALICE')).toBe(true);
  });

  it('gives every mailbox its own provider MAPIUID', () => {
    const server = new MemoryServer(new SeededIds(3));
    const a = server.mailbox('a').backend.entryIds.uid;
    const b = server.mailbox('b').backend.entryIds.uid;
    expect(a).toHaveLength(16);
    expect(a).not.toEqual(b);
  });

  it('is deterministic for a seeded id source', () => {
    const one = new MemoryServer(new SeededIds(9)).mailbox('x').backend.entryIds.uid;
    const two = new MemoryServer(new SeededIds(9)).mailbox('x').backend.entryIds.uid;
    expect(one).toEqual(two);
  });

  it('lists and deletes mailboxes', () => {
    const server = new MemoryServer();
    server.mailbox('a');
    server.mailbox('b');
    expect(server.mailboxes().map((m) => m.id)).toEqual(['a', 'b']);
    expect(server.delete('A')).toBe(true);
    expect(server.delete('A')).toBe(false);
    expect(server.get('a')).toBeUndefined();
  });
});

describe('MemoryServer directory', () => {
  it('adds users with defaults, finds them by mailbox and by SMTP or EX address, case-insensitively', () => {
    const server = new MemoryServer();
    const alice = server.addUser({ mailbox: 'alice' });
    const bob = server.addUser({ mailbox: 'bob', displayName: 'Bob Jones', smtpAddress: 'Bob.Jones@Example.com' });
    expect(alice).toMatchObject({ mailbox: 'alice', displayName: 'alice', smtpAddress: 'alice@example.com' });
    expect(alice.exAddress).toBe(`${MEMORY_SERVER_ORG}/cn=Recipients/cn=alice`);
    expect(server.users().map((u) => u.mailbox)).toEqual(['alice', 'bob']);
    expect(server.user('BOB')).toBe(bob);
    expect(server.findUser('smtp', 'bob.jones@example.com')).toBe(bob);
    expect(server.findUser('EX', alice.exAddress.toUpperCase())).toBe(alice);
    expect(server.findUser('SMTP', 'carol@example.com')).toBeUndefined();
    expect(server.findUser('X400', 'alice@example.com')).toBeUndefined();
    // Adding a user does not make a mailbox: that happens at the first logon.
    expect(server.has('alice')).toBe(false);
  });

  it('a user added again replaces the entry', () => {
    const server = new MemoryServer();
    server.addUser({ mailbox: 'alice' });
    server.addUser({ mailbox: 'Alice', displayName: 'Alice Smith' });
    expect(server.users().map((u) => u.displayName)).toEqual(['Alice Smith']);
  });
});
