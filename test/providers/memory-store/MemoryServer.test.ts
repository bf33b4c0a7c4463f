import { describe, it, expect } from 'vitest';
import { MemoryServer } from '../../../src/providers/memory-store/MemoryServer.js';
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
