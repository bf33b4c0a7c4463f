/** Shared pieces of the CFB tests: samples, a byte-counting source, tree listings. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import CFB from 'cfb';
import type { ByteSource } from '../../../src/formats/cfb/ByteSource.js';
import type { CfbNode, CfbRootNode, CfbStorage, CompoundFile } from '../../../src/formats/cfb/types.js';
import { compareCfbNames } from '../../../src/formats/cfb/names.js';

export const SAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples', 'msg');

/**
 * Samples that are damaged on purpose (Apache POI's fuzzer cases and a truncated file): the
 * `cfb` package crashes on them with TypeErrors; we must answer MAPI_E_CORRUPT_DATA.
 */
export const MALFORMED_SAMPLES: Record<string, string> = {
  'poi__clusterfuzz-testcase-minimized-POIHSMFFuzzer-4735011465854976.msg': 'a sibling link reaches an unallocated directory entry',
  'poi__clusterfuzz-testcase-minimized-POIHSMFFuzzer-5336473854148608.msg': 'a sibling id far past the end of the directory',
  'poi__unknown_properties.msg': 'truncated: the directory chain runs into other data',
};

/** Every sample's file name, sorted. */
export function sampleNames(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.msg'))
    .sort();
}

/** A sample's bytes. */
export function sample(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(SAMPLES_DIR, name)));
}

/** A source over `bytes` that records every read (for laziness and work bounds). */
export interface CountingSource extends ByteSource {
  reads: [offset: number, length: number][];
  bytesRead: number;
  largestRead: number;
}

export function countingSource(bytes: Uint8Array): CountingSource {
  const source: CountingSource = {
    size: bytes.length,
    reads: [],
    bytesRead: 0,
    largestRead: 0,
    read(offset, length) {
      source.reads.push([offset, length]);
      source.bytesRead += length;
      source.largestRead = Math.max(source.largestRead, length);
      return bytes.subarray(offset, Math.min(offset + length, bytes.length));
    },
  };
  return source;
}

/** Path → bytes (streams) or null (storages), below the root, as we read it. */
export function ourListing(file: CompoundFile): Map<string, Uint8Array | null> {
  const out = new Map<string, Uint8Array | null>();
  const stack: CfbStorage[] = [file.root];
  while (stack.length > 0) {
    const storage = stack.pop() as CfbStorage;
    for (const e of storage.entries()) {
      if (e.kind === 'stream') out.set(e.path, e.readAll());
      else {
        out.set(e.path, null);
        stack.push(e);
      }
    }
  }
  return out;
}

/** The same listing as the `cfb` package reads it. */
export function cfbPackageListing(bytes: Uint8Array): Map<string, Uint8Array | null> {
  const container = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
  const rootPath = container.FullPaths[0] as string;
  const out = new Map<string, Uint8Array | null>();
  container.FileIndex.forEach((entry, i) => {
    if (i === 0 || entry.type === 0) return;
    const path = (container.FullPaths[i] as string).slice(rootPath.length).replace(/\/$/, '');
    out.set(path, entry.type === 2 ? new Uint8Array((entry.content ?? []) as ArrayLike<number>) : null);
  });
  return out;
}

/** A tree with every storage's children sorted in the CFB order (what reading gives back). */
export function sortedTree(root: CfbRootNode): CfbRootNode {
  const sortNodes = (nodes: readonly CfbNode[]): CfbNode[] =>
    [...nodes].sort((a, b) => compareCfbNames(a.name, b.name)).map((n) => (n.kind === 'storage' ? { ...n, children: sortNodes(n.children) } : n));
  return { ...root, children: sortNodes(root.children) };
}

/** A comparable, printable form of a tree: FILETIMEs and GUIDs as strings, bytes as length and digest. */
export function treeSnapshot(root: CfbRootNode): unknown {
  return JSON.parse(
    JSON.stringify(root, (_key, value: unknown) => {
      if (value instanceof Uint8Array) return `${value.length} bytes, sha1 ${createHash('sha1').update(value).digest('hex')}`;
      if (typeof value === 'bigint') return value.toString();
      return value;
    }),
  );
}

/** Deterministic bytes of a given length (a small LCG), so property tests need not generate arrays. */
export function patternBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/**
 * Differences between two listings (paths, kinds and bytes), compared with Buffer.compare:
 * vitest's deep equality walks typed arrays element by element, far too slowly for megabytes.
 */
export function listingDifferences(a: Map<string, Uint8Array | null>, b: Map<string, Uint8Array | null>): string[] {
  const out: string[] = [];
  for (const [path, data] of a) {
    if (!b.has(path)) out.push(`only in the first: ${path}`);
    else {
      const other = b.get(path) as Uint8Array | null;
      if ((data === null) !== (other === null)) out.push(`${path}: storage in one, stream in the other`);
      else if (data && other && Buffer.compare(data, other) !== 0) out.push(`${path}: bytes differ (${data.length} and ${other.length} bytes)`);
    }
  }
  for (const path of b.keys()) if (!a.has(path)) out.push(`only in the second: ${path}`);
  return out;
}
