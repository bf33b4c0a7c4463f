import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEMP_PREFIX, writeFileAtomic } from '../../../src/providers/msg-store/atomicWrite.js';

const dir = mkdtempSync(join(tmpdir(), 'mapiemu-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file', () => {
    const target = join(dir, 'a.msg');
    writeFileSync(target, 'old');
    writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
  });

  it('keeps the old content when the process dies between write and rename', () => {
    const target = join(dir, 'b.msg');
    writeFileSync(target, 'old');
    const crash = new Error('simulated crash');
    expect(() =>
      writeFileAtomic(target, 'new', true, {
        beforeRename: () => {
          throw crash;
        },
      }),
    ).toThrow(crash);
    expect(readFileSync(target, 'utf8')).toBe('old');
    // What the crash left is a dot-file with the whole new content, never the target half-written.
    const temps = readdirSync(dir).filter((n) => n.startsWith(TEMP_PREFIX + 'b.msg'));
    expect(temps).toHaveLength(1);
    expect(readFileSync(join(dir, temps[0] as string), 'utf8')).toBe('new');
  });

  it('creates nothing when the process dies before the first rename of a new file', () => {
    const target = join(dir, 'c.msg');
    expect(() => writeFileAtomic(target, 'x', false, { beforeRename: () => { throw new Error('crash'); } })).toThrow();
    expect(existsSync(target)).toBe(false);
  });
});
