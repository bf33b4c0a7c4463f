import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { childPath, decodeName, encodeName, fileNameOf, isInside, shortName } from '../../../src/providers/msg-store/paths.js';

/** Strings rich in what a file system would obey: separators, dots, device names, control characters, surrogates. */
const hostileName = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('.', '/', '\\', ':', '%', ' ', '\0', '\n', 'C', 'O', 'N', 'a', '*', '?', '<', '|', '\uD800', '\uDC00', 'é') }),
  fc.constantFrom('..', '.', '', '/', '\\', 'CON', 'con.txt', 'NUL', 'COM1', 'lpt9.msg', 'AUX .x', '../../etc/passwd', 'C:\\Windows', 'a.', 'a ', '%2E%2E', '%', '%u', '%zz'),
);

const root = mkdtempSync(join(tmpdir(), 'mapiemu-paths-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('encodeName', () => {
  it('gives one path component that stays inside its directory and decodes back, for any string', () => {
    fc.assert(
      fc.property(hostileName, (name) => {
        const enc = encodeName(name);
        expect(enc).not.toBe('');
        expect(enc).not.toMatch(/[/\\:*?"<>|\x00-\x1f\x7f]/);
        expect(enc.startsWith('.')).toBe(false);
        expect(enc).not.toMatch(/[. ]$/);
        expect(enc).not.toMatch(/^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]) *(\..*)?$/i);
        expect(isInside(root, childPath(root, enc))).toBe(true);
        expect(decodeName(enc)).toBe(name);
      }),
      { numRuns: 500 },
    );
  });

  it('is one-to-one: different names never share a file name', () => {
    fc.assert(
      fc.property(hostileName, hostileName, (a, b) => {
        fc.pre(a !== b);
        expect(encodeName(a)).not.toBe(encodeName(b));
      }),
    );
  });

  it('encodes traversal, absolute paths and device names instead of obeying them', () => {
    expect(encodeName('..')).toBe('%2E%2E');
    expect(encodeName('../x')).toBe('%2E.%2Fx');
    expect(encodeName('/etc/passwd')).toBe('%2Fetc%2Fpasswd');
    expect(encodeName('C:\\Windows')).toBe('C%3A%5CWindows');
    expect(encodeName('CON')).toBe('%43ON');
    expect(encodeName('nul.txt')).toBe('%6Eul.txt');
    expect(encodeName('Inbox')).toBe('Inbox');
    expect(encodeName('100%')).toBe('100%25');
    expect(encodeName('tab\there')).toBe('tab%09here');
  });

  it('creates real directories inside the root for hostile names', () => {
    fc.assert(
      fc.property(hostileName, (name) => {
        const enc = fileNameOf(name);
        const dir = childPath(root, enc);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'x'), 'x');
        expect(readdirSync(root)).toContain(enc);
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 60 },
    );
  });
});

describe('childPath', () => {
  it('refuses components that are not one name', () => {
    for (const bad of ['..', '.', '', 'a/b', 'a\\b', 'a\0b']) expect(() => childPath(root, bad)).toThrow(/mapi-emu/);
  });
});

describe('shortName', () => {
  it('cuts long names without splitting a surrogate pair', () => {
    const s = 'a'.repeat(63) + '😀' + 'b';
    expect(shortName(s)).toBe('a'.repeat(63));
    expect(shortName('short')).toBe('short');
  });
});
