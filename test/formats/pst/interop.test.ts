import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePc } from './synth/ltpWriter.js';
import { buildPst } from './synth/ndbWriter.js';
import { ALL_SAMPLES, SAMPLE_DIR, messageSummary, openSample, walkFolders } from './helpers.js';

/** True when a Debian tool is on PATH. */
function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

const LSPST = has('lspst');
const PFFINFO = has('pffinfo');

// Debian packages: pst-utils (readpst, lspst) and pff-tools (pffinfo, pffexport).
describe.skipIf(!LSPST)('interop: lspst (Debian pst-utils) reads the same folders and items', () => {
  // lspst stops with exit code 1 on the password-protected sample ("A second message_store has
  // been found"), a libpst limitation; we open it (see ndb.test.ts).
  it.each(ALL_SAMPLES.filter((s) => s !== 'javalibpst__passworded.pst'))('%s', (name) => {
    // lspst prints `Folder "name"` for folders with items, then one line per item; e-mails
    // carry `Subject: ...`.
    const out = execFileSync('lspst', [SAMPLE_DIR + name], { encoding: 'utf8' });
    const ndb = openSample(name);
    const folders = walkFolders(ndb);
    const names = new Set(folders.map((f) => f.name));
    for (const m of out.matchAll(/^Folder "(.*)"$/gm)) expect(names.has(m[1]!)).toBe(true);
    const theirSubjects = [...out.matchAll(/^Email\t.*\tSubject: (.*)$/gm)].map((m) => m[1]!).sort();
    const ourSubjects = folders
      .flatMap((f) => f.messages)
      .map((nid) => messageSummary(ndb, nid))
      .filter((s) => s.messageClass === 'IPM.Note')
      .map((s) => s.subject)
      .sort();
    expect(ourSubjects).toEqual(theirSubjects);
    const items = out.split('\n').filter((l) => /^(Email|Contact|Appointment)\t?/.test(l)).length;
    const ours = folders.flatMap((f) => f.messages).length;
    expect(ours).toBeGreaterThanOrEqual(items);
  });

  it('agrees on the ANSI sample\'s appointment', () => {
    const out = execFileSync('lspst', [SAMPLE_DIR + 'gopst__32-bit.pst'], { encoding: 'utf8' });
    const ndb = openSample('gopst__32-bit.pst');
    const subjects = walkFolders(ndb).flatMap((f) => f.messages.map((m) => messageSummary(ndb, m).subject));
    expect(out).toContain(`SUMMARY: ${subjects[0]}`);
  });
});

describe.skipIf(!PFFINFO)('interop: pffinfo (Debian pff-tools) reports the same format and encoding', () => {
  it.each(ALL_SAMPLES)('%s', (name) => {
    const out = execFileSync('pffinfo', [SAMPLE_DIR + name], { encoding: 'utf8' });
    const ndb = openSample(name);
    expect(out).toMatch(new RegExp(`File type:\\s+${ndb.format === 'ansi' ? '32-bit' : '64-bit'}`));
    expect(out).toMatch(/Encryption type:\s+compressible/);
    expect(ndb.header.bCryptMethod).toBe(1);
  });
});

describe.skipIf(!PFFINFO)('interop: libpff reads files encoded by our block codecs', () => {
  // An independent implementation of NDB_CRYPT_PERMUTE and NDB_CRYPT_CYCLIC: if pffinfo reads
  // the password checksum and folder mask back, our encoders (and so our decoders, their
  // inverses) agree with libpff's. No sample uses NDB_CRYPT_CYCLIC, so this is its check.
  const cases = (['ansi', 'unicode'] as const).flatMap((format) => ([0, 1, 2] as const).map((crypt) => [format, crypt] as const));
  it.each(cases)('%s / crypt %i', (format, crypt) => {
    const store = writePc(format, [
      { ulPropTag: 0x67ff0003, Value: 0x1234abcd }, // PR_PST_PASSWORD
      { ulPropTag: 0x35df0003, Value: 0x89 }, // PR_VALID_FOLDER_MASK: subtree, wastebasket, finder
      { ulPropTag: 0x3001001f, Value: 'Synthetic store' },
    ]);
    // libpff insists on a name-to-id map with one entry.
    const names = writePc(format, [
      { ulPropTag: 0x00010003, Value: 251 },
      { ulPropTag: 0x00020102, Value: new Uint8Array(16).fill(0x11) },
      { ulPropTag: 0x00030102, Value: Uint8Array.of(0x01, 0x80, 0, 0, 6, 0, 0, 0) },
      { ulPropTag: 0x00040102, Value: Uint8Array.of(0, 0, 0, 0) },
    ]);
    const file = buildPst([{ nid: 0x21, data: store.data }, { nid: 0x61, data: names.data }], { format, crypt });
    const dir = mkdtempSync(join(tmpdir(), 'mapi-emu-pst-'));
    try {
      writeFileSync(join(dir, 'synthetic.pst'), file);
      const out = execFileSync('pffinfo', [join(dir, 'synthetic.pst')], { encoding: 'utf8' });
      expect(out).toMatch(new RegExp(`Encryption type:\\s+${['none', 'compressible', 'high'][crypt]}`));
      expect(out).toMatch(/Password checksum:\s+0x1234abcd/);
      expect(out).toMatch(/Folders:\s+Subtree, Wastbox, Finder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

if (!LSPST || !PFFINFO) {
  describe('interop tools', () => {
    it.skip(`skipped: install the Debian packages pst-utils (lspst) and pff-tools (pffinfo) to cross-check against them`, () => {});
  });
}
