/**
 * Public shapes of the CFB layer: an open compound file with its storages and streams, and the
 * plain tree a compound file is written from.
 */
import type { FILETIME } from '../../core/props/filetime.js';
import type { GUID } from '../../core/props/guid.js';

/** What every directory entry carries ([MS-CFB] 2.6.1). */
export interface CfbEntryInfo {
  /** The entry's name as stored (case kept; lookups ignore case per [MS-CFB] 2.6.4). */
  readonly name: string;
  /** Names from the root down, joined with `/`; `''` for the root. */
  readonly path: string;
  /** The directory index (stream ID) of the entry. */
  readonly id: number;
  /** The storage that holds this entry; undefined for the root. */
  readonly parent: CfbStorage | undefined;
  /** Object class of a storage (all zero when none, and for streams). */
  readonly clsid: GUID;
  /** User-defined state bits of a storage (0 for streams). */
  readonly stateBits: number;
  /** Creation time of a storage; 0 ticks when not recorded (always for streams and the root). */
  readonly created: FILETIME;
  /** Modification time of a storage or the root; 0 ticks when not recorded. */
  readonly modified: FILETIME;
}

/** A storage (or the root storage) of an open compound file: a directory of entries. */
export interface CfbStorage extends CfbEntryInfo {
  readonly kind: 'storage';
  /** True for the root entry. */
  readonly isRoot: boolean;
  /** The child entries, ordered as [MS-CFB] 2.6.4 orders siblings (length, then upper-cased code units). */
  entries(): readonly CfbEntry[];
  /** The child with this name (case-insensitive per [MS-CFB] 2.6.4), or undefined. */
  entry(name: string): CfbEntry | undefined;
  /** The child storage with this name, or undefined when absent or a stream. */
  storage(name: string): CfbStorage | undefined;
  /** The child stream with this name, or undefined when absent or a storage. */
  stream(name: string): CfbStream | undefined;
}

/** A stream of an open compound file. Its bytes are read only when asked for. */
export interface CfbStream extends CfbEntryInfo {
  readonly kind: 'stream';
  /** Length in bytes. */
  readonly size: number;
  /**
   * Reads `length` bytes (default: to the end) from `offset` (default 0), clamped to the
   * stream's end. Throws MAPI_E_CORRUPT_DATA when the stream's chain is damaged and
   * MAPI_E_INVALID_PARAMETER for a negative or non-integer offset or length.
   */
  read(offset?: number, length?: number): Uint8Array;
  /** The whole stream. */
  readAll(): Uint8Array;
}

/** A storage or a stream. */
export type CfbEntry = CfbStorage | CfbStream;

/**
 * An open compound file. Opening reads the header, the FAT, DIFAT and mini FAT and the
 * directory; stream bytes are read from the source only when a stream is read.
 */
export interface CompoundFile {
  /** Major version: 3 (512-byte sectors) or 4 (4096-byte sectors). */
  readonly version: 3 | 4;
  /** 512 or 4096. */
  readonly sectorSize: number;
  /** The root storage ("Root Entry"). */
  readonly root: CfbStorage;
  /** The entry at a `/`-separated path below the root (case-insensitive), or undefined. */
  entry(path: string): CfbEntry | undefined;
  /** The storage at a path, or undefined. */
  storage(path: string): CfbStorage | undefined;
  /** The stream at a path, or undefined. */
  stream(path: string): CfbStream | undefined;
  /** Reads every stream into a {@link CfbRootNode} (for copying or rewriting the whole file). */
  toTree(): CfbRootNode;
}

/** A stream to write: its name and bytes. */
export interface CfbStreamNode {
  readonly kind: 'stream';
  readonly name: string;
  readonly data: Uint8Array;
}

/** Metadata a written storage can carry; missing times come from the writer's clock. */
export interface CfbStorageMeta {
  /** Object class (default all zero). */
  readonly clsid?: GUID;
  /** User-defined state bits, an unsigned 32-bit number (default 0). */
  readonly stateBits?: number;
  /** Creation time (default: the clock's now). */
  readonly created?: FILETIME;
  /** Modification time (default: the clock's now). */
  readonly modified?: FILETIME;
}

/** A storage to write, with its children. */
export interface CfbStorageNode extends CfbStorageMeta {
  readonly kind: 'storage';
  readonly name: string;
  readonly children: readonly CfbNode[];
}

/** A storage or stream to write. */
export type CfbNode = CfbStorageNode | CfbStreamNode;

/**
 * The root of a tree to write. [MS-CFB] 2.6.2: the root's Creation Time is always written as
 * zero; its Modified Time is `modified` (default: the clock's now; pass 0 ticks for none).
 */
export interface CfbRootNode {
  readonly clsid?: GUID;
  readonly stateBits?: number;
  readonly modified?: FILETIME;
  readonly children: readonly CfbNode[];
}
