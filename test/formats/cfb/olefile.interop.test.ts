/**
 * Interop: Python's olefile (Debian package python3-olefile) reads the files we write, in its
 * strict mode (raise_defects=DEFECT_INCORRECT), with the same streams, sizes and bytes.
 * Skipped, with a message, where python3 with olefile is not installed.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { cfbNameKey, openCompoundFile, writeCompoundFile, type CfbNode, type CfbRootNode } from '../../../src/formats/cfb/index.js';
import { patternBytes, sample } from './helpers.js';

const LIST_SCRIPT = `
import hashlib, json, sys, olefile
out = []
for path in sys.argv[1:]:
    ole = olefile.OleFileIO(path, raise_defects=olefile.DEFECT_INCORRECT)
    entries = []
    for parts in ole.listdir(streams=True, storages=True):
        name = '/'.join(parts)
        if ole.get_type(name) == olefile.STGTY_STREAM:
            data = ole.openstream(name).read()
            entries.append([name, len(data), hashlib.sha1(data).hexdigest()])
        else:
            entries.append([name, None, None])
    out.append(entries)
    ole.close()
print(json.dumps(out))
`;

/** The first python with olefile, or undefined. */
function findPython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import olefile'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return undefined;
}

const python = findPython();
if (!python) console.warn('olefile interop tests skipped: no python3 with olefile (Debian: apt-get install python3-olefile)');

const dir = mkdtempSync(join(tmpdir(), 'mapi-emu-cfb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Listing = [string, number | null, string | null][];

/** What olefile lists for each file. */
function oleListings(files: readonly Uint8Array[]): Listing[] {
  const paths = files.map((bytes, i) => {
    const path = join(dir, `f${i}.cfb`);
    writeFileSync(path, bytes);
    return path;
  });
  const run = spawnSync(python as string, ['-c', LIST_SCRIPT, ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`olefile failed: ${run.stderr}`);
  return (JSON.parse(run.stdout) as Listing[]).map(sortListing);
}

/** The listing the written file must give: the tree it was written from. */
function treeListing(root: CfbRootNode): Listing {
  const entries: Listing = [];
  const pending: [readonly CfbNode[], string][] = [[root.children, '']];
  while (pending.length > 0) {
    const [nodes, prefix] = pending.pop() as [readonly CfbNode[], string];
    for (const n of nodes) {
      const path = prefix + n.name;
      if (n.kind === 'stream') entries.push([path, n.data.length, createHash('sha1').update(n.data).digest('hex')]);
      else {
        entries.push([path, null, null]);
        pending.push([n.children, `${path}/`]);
      }
    }
  }
  return sortListing(entries);
}

function sortListing(entries: Listing): Listing {
  return entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const clock = new VirtualClock();

describe.skipIf(!python)('olefile reads what writeCompoundFile writes', () => {
  it('lists the same streams, sizes and bytes for rewritten samples, v3 and v4', () => {
    const trees: CfbRootNode[] = [];
    const files: Uint8Array[] = [];
    for (const name of ['msgreader__Simple.msg', 'msgreader__msgInMsgInMsg.msg', 'msgreader__attachmentsOrder.msg', 'msgreader__Hello_+CJK.msg']) {
      const tree = openCompoundFile(sample(name)).toTree();
      trees.push(tree, tree);
      files.push(writeCompoundFile(tree, { clock }), writeCompoundFile(tree, { clock, version: 4 }));
    }
    const theirs = oleListings(files);
    trees.forEach((tree, i) => expect(theirs[i]).toEqual(treeListing(tree)));
  });

  it('reads a file with DIFAT sectors and hundreds of entries', () => {
    const children: CfbNode[] = [
      { kind: 'stream', name: 'big', data: patternBytes(7_300_000, 1) },
      ...Array.from({ length: 500 }, (_, i): CfbNode => ({ kind: 'stream', name: `s${i}`, data: patternBytes(i % 300, i) })),
    ];
    expect(oleListings([writeCompoundFile({ children }, { clock })])[0]).toEqual(treeListing({ children }));
  });

  it('reads random trees', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'Z', '_', '1', 'é', 'σ', '中', '\u{1F600}'), minLength: 1, maxLength: 12 }).filter((n) => n.length <= 31);
    const { children } = fc.letrec<{ children: CfbNode[]; node: CfbNode }>((tie) => ({
      children: fc.uniqueArray(tie('node'), { maxLength: 6, selector: (n) => cfbNameKey(n.name) }),
      node: fc.oneof(
        { depthSize: 'small' },
        fc.tuple(name, fc.constantFrom(0, 1, 64, 4095, 4096, 5000), fc.nat()).map(([n, size, seed]): CfbNode => ({ kind: 'stream', name: n, data: patternBytes(size, seed) })),
        fc.tuple(name, tie('children')).map(([n, c]): CfbNode => ({ kind: 'storage', name: n, children: c })),
      ),
    }));
    const cases = fc.sample(fc.tuple(children, fc.constantFrom(3 as const, 4 as const)), 25);
    const theirs = oleListings(cases.map(([c, version]) => writeCompoundFile({ children: c }, { clock, version })));
    cases.forEach(([c], i) => expect(theirs[i]).toEqual(treeListing({ children: c })));
  });
});
