/**
 * Reading compound files lazily: {@link openCompoundFile} reads the header, FAT, DIFAT, mini FAT
 * and directory and checks them; a stream's chain is walked and its bytes read only when the
 * stream is read. Every structural problem is a MapiError(MAPI_E_CORRUPT_DATA).
 */
import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER } from '../../core/generated/scodes.js';
import { FILETIME } from '../../core/props/filetime.js';
import { GUID } from '../../core/props/guid.js';
import { bytesSource, type ByteSource } from './ByteSource.js';
import { EntryOffset, MINI_SECTOR_SIZE, MINI_STREAM_CUTOFF, ObjectType, V3_MAX_STREAM_SIZE } from './constants.js';
import { corrupt, u32 } from './corrupt.js';
import { entryCount, readEntry, walkDirectory, type DirEntry } from './directory.js';
import { MiniStream } from './MiniStream.js';
import { cfbNameKey, compareCfbNames } from './names.js';
import type { CfbEntry, CfbNode, CfbRootNode, CfbStorage, CfbStream, CompoundFile } from './types.js';
import { OWNER_DIRECTORY, OWNER_STREAM, Volume } from './Volume.js';

/** What the entries of one open file share. */
interface OpenFile {
  volume: Volume;
  dir: Uint8Array;
  mini: MiniStream;
}

abstract class EntryBase {
  constructor(
    protected readonly file: OpenFile,
    protected readonly raw: DirEntry,
    readonly parent: StorageImpl | undefined,
  ) {}

  get path(): string {
    // Iterative: a damaged or hostile file may nest storages thousands deep.
    const names: string[] = [];
    for (let at: EntryBase | undefined = this; at?.parent; at = at.parent) names.push(at.raw.name);
    return names.reverse().join('/');
  }

  get name(): string {
    return this.raw.name;
  }

  get id(): number {
    return this.raw.id;
  }

  get clsid(): GUID {
    return GUID.fromBytes(this.file.dir, this.raw.offset + EntryOffset.Clsid);
  }

  get stateBits(): number {
    return u32(this.file.dir, this.raw.offset + EntryOffset.StateBits);
  }

  get created(): FILETIME {
    return this.time(EntryOffset.CreationTime);
  }

  get modified(): FILETIME {
    return this.time(EntryOffset.ModifiedTime);
  }

  private time(field: number): FILETIME {
    const at = this.raw.offset + field;
    return FILETIME.fromParts(u32(this.file.dir, at), u32(this.file.dir, at + 4));
  }
}

class StorageImpl extends EntryBase implements CfbStorage {
  readonly kind = 'storage';
  private readonly children: CfbEntry[] = [];
  private readonly byKey = new Map<string, CfbEntry>();

  get isRoot(): boolean {
    return this.raw.type === ObjectType.Root;
  }

  /** Adds a child; the first of two siblings with the same name (which [MS-CFB] forbids) wins lookups. */
  adopt(child: CfbEntry): void {
    this.children.push(child);
    const key = cfbNameKey(child.name);
    if (!this.byKey.has(key)) this.byKey.set(key, child);
  }

  /** Sorts the children by the [MS-CFB] 2.6.4 order (a damaged tree may list them out of order). */
  seal(): void {
    this.children.sort((a, b) => compareCfbNames(a.name, b.name) || a.id - b.id);
  }

  entries(): readonly CfbEntry[] {
    return this.children;
  }

  entry(name: string): CfbEntry | undefined {
    return this.byKey.get(cfbNameKey(name));
  }

  storage(name: string): CfbStorage | undefined {
    const e = this.entry(name);
    return e?.kind === 'storage' ? e : undefined;
  }

  stream(name: string): CfbStream | undefined {
    const e = this.entry(name);
    return e?.kind === 'stream' ? e : undefined;
  }
}

class StreamImpl extends EntryBase implements CfbStream {
  readonly kind = 'stream';
  private chain: number[] | undefined;
  private chainError: unknown;

  private sizeChecked = false;

  /** The declared size, once checked against what the file can hold. */
  get size(): number {
    if (this.sizeChecked) return this.raw.size;
    const { size, id } = this.raw;
    const { volume, mini } = this.file;
    const what = () => `stream ${JSON.stringify(this.path)} (entry ${id})`;
    // [MS-CFB] 2.6.1: a version 3 stream holds at most 0x80000000 bytes.
    if (volume.header.majorVersion === 3 && size > V3_MAX_STREAM_SIZE) corrupt(`${what()}: Stream Size ${size} is over the 2 GB limit of a version 3 file`);
    if (size >= MINI_STREAM_CUTOFF) {
      const sectors = Math.ceil(size / volume.sectorSize);
      if (sectors > volume.sectorCount) corrupt(`${what()}: Stream Size ${size} needs ${sectors} sectors, the file has ${volume.sectorCount}`);
    } else if (size > mini.size) {
      corrupt(`${what()}: Stream Size ${size} is larger than the ${mini.size}-byte mini stream`);
    }
    this.sizeChecked = true;
    return size;
  }

  read(offset = 0, length?: number): Uint8Array {
    if (!Number.isSafeInteger(offset) || offset < 0 || (length !== undefined && (!Number.isSafeInteger(length) || length < 0))) {
      throw new MapiError(MAPI_E_INVALID_PARAMETER, `CfbStream.read(${offset}, ${length}) of ${JSON.stringify(this.path)}: offset and length must be non-negative integers`);
    }
    const size = this.size;
    const start = Math.min(offset, size);
    const n = Math.min(length ?? size - start, size - start);
    if (n === 0) return new Uint8Array(0);
    const chain = this.resolveChain();
    return size < MINI_STREAM_CUTOFF ? this.file.mini.readChain(chain, start, n) : this.file.volume.readChain(chain, start, n);
  }

  readAll(): Uint8Array {
    return this.read(0);
  }

  /** Walks the stream's chain once; a damaged chain fails every read the same way. */
  private resolveChain(): number[] {
    if (this.chainError !== undefined) throw this.chainError;
    if (this.chain) return this.chain;
    const { size, start, id } = this.raw;
    const what = () => `stream ${JSON.stringify(this.path)} (entry ${id})`;
    try {
      this.chain =
        size < MINI_STREAM_CUTOFF
          ? this.file.mini.chain(start, Math.ceil(size / MINI_SECTOR_SIZE), OWNER_STREAM + id, what)
          : this.file.volume.chain(start, Math.ceil(size / this.file.volume.sectorSize), OWNER_STREAM + id, what);
    } catch (e) {
      this.chainError = e;
      throw e;
    }
    return this.chain;
  }
}

class CompoundFileImpl implements CompoundFile {
  constructor(
    readonly version: 3 | 4,
    readonly sectorSize: number,
    readonly root: StorageImpl,
  ) {}

  entry(path: string): CfbEntry | undefined {
    let at: CfbEntry = this.root;
    for (const name of path.split('/')) {
      if (name === '') continue;
      if (at.kind !== 'storage') return undefined;
      const next: CfbEntry | undefined = at.entry(name);
      if (!next) return undefined;
      at = next;
    }
    return at;
  }

  storage(path: string): CfbStorage | undefined {
    const e = this.entry(path);
    return e?.kind === 'storage' ? e : undefined;
  }

  stream(path: string): CfbStream | undefined {
    const e = this.entry(path);
    return e?.kind === 'stream' ? e : undefined;
  }

  toTree(): CfbRootNode {
    const rootChildren: CfbNode[] = [];
    // Iterative, so deeply nested storages cannot overflow the call stack.
    const pending: [CfbStorage, CfbNode[]][] = [[this.root, rootChildren]];
    while (pending.length > 0) {
      const [storage, into] = pending.pop() as [CfbStorage, CfbNode[]];
      for (const e of storage.entries()) {
        if (e.kind === 'stream') {
          into.push({ kind: 'stream', name: e.name, data: e.readAll() });
        } else {
          const children: CfbNode[] = [];
          into.push({ kind: 'storage', name: e.name, clsid: e.clsid, stateBits: e.stateBits, created: e.created, modified: e.modified, children });
          pending.push([e, children]);
        }
      }
    }
    return { clsid: this.root.clsid, stateBits: this.root.stateBits, modified: this.root.modified, children: rootChildren };
  }
}

/**
 * Opens a compound file ([MS-CFB]) from bytes or a {@link ByteSource}. Reads and checks the
 * header, DIFAT, FAT, mini FAT and directory; stream data is read when a stream is read.
 * Throws MapiError(MAPI_E_CORRUPT_DATA) naming the damaged structure for any file that breaks
 * the format: bad header fields, chains that loop, cross or leave the file, directory cycles,
 * ids past the end, sizes the file cannot hold. Work and memory are bounded by the file size.
 *
 * @example
 * const cfb = openCompoundFile(bytes);
 * const subject = cfb.stream('__substg1.0_0037001F')?.readAll();
 */
export function openCompoundFile(source: Uint8Array | ByteSource): CompoundFile {
  const src = source instanceof Uint8Array ? bytesSource(source) : source;
  const volume = new Volume(src);
  const { header } = volume;
  if (header.firstDirectorySector === 0xfffffffe) corrupt('header: the directory is empty (First Directory Sector Location is ENDOFCHAIN)');
  const dir = volume.readSectors(volume.chain(header.firstDirectorySector, undefined, OWNER_DIRECTORY, () => 'the directory'));
  if (entryCount(dir) === 0) corrupt('the directory has no entries');
  const rootEntry = readEntry(dir, 0, header.majorVersion);
  if (rootEntry.type !== ObjectType.Root) corrupt(`directory entry 0 has Object Type ${rootEntry.type}, expected the root storage (5)`);
  const mini = MiniStream.open(volume, rootEntry.start, rootEntry.size);
  walkDirectory(dir, rootEntry, header.majorVersion);
  volume.describeStream = (id) => `stream ${JSON.stringify(readEntry(dir, id, header.majorVersion).name)} (entry ${id})`;
  const file: OpenFile = { volume, dir, mini };
  const root = new StorageImpl(file, rootEntry, undefined);
  // Wrap the raw entries breadth-first (no recursion: storages may nest deeply).
  const queue: StorageImpl[] = [root];
  const raws = new Map<StorageImpl, DirEntry>([[root, rootEntry]]);
  for (let i = 0; i < queue.length; i++) {
    const storage = queue[i] as StorageImpl;
    for (const child of (raws.get(storage) as DirEntry).children) {
      if (child.type === ObjectType.Storage) {
        const s = new StorageImpl(file, child, storage);
        raws.set(s, child);
        queue.push(s);
        storage.adopt(s);
      } else {
        storage.adopt(new StreamImpl(file, child, storage));
      }
    }
    storage.seal();
  }
  return new CompoundFileImpl(header.majorVersion, volume.sectorSize, root);
}
