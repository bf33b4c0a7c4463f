/**
 * The directory ([MS-CFB] 2.6): 128-byte entries in one FAT chain, whose sibling trees and child
 * links form the storage hierarchy. Walked with explicit stacks and a visited mark per entry, so
 * a cycle, a shared subtree or an id past the end is reported instead of looping.
 */
import { DIR_ENTRY_SIZE, EntryOffset, MAXREGSID, NOSTREAM, ObjectType } from './constants.js';
import { corrupt, u16, u32 } from './corrupt.js';

/** One allocated, reachable directory entry. */
export interface DirEntry {
  id: number;
  name: string;
  /** ObjectType: Storage, Stream or Root. */
  type: number;
  start: number;
  size: number;
  /** Byte offset of the entry in the directory bytes (for reading its metadata lazily). */
  offset: number;
  /** Children of a storage or the root, in directory-tree order. */
  children: DirEntry[];
}

/** Number of entries in the directory bytes. */
export function entryCount(dir: Uint8Array): number {
  return Math.floor(dir.length / DIR_ENTRY_SIZE);
}

/**
 * [MS-CFB] 2.6.1 Stream Size as declared: v3 readers ignore the high 32 bits (2.6.3), v4 uses
 * all 64. Not checked here: a stream's size is checked against the file when it is used.
 */
export function entryStreamSize(dir: Uint8Array, offset: number, version: 3 | 4): number {
  const low = u32(dir, offset + EntryOffset.StreamSize);
  return version === 3 ? low : u32(dir, offset + EntryOffset.StreamSize + 4) * 0x100000000 + low;
}

/** Decodes entry `id` (name, type, start, size). */
export function readEntry(dir: Uint8Array, id: number, version: 3 | 4): DirEntry {
  const offset = id * DIR_ENTRY_SIZE;
  const nameLength = u16(dir, offset + EntryOffset.NameLength);
  if (nameLength > 64 || nameLength % 2 !== 0) corrupt(`directory entry ${id}: Directory Entry Name Length is ${nameLength} (at most 64, even)`);
  // The length counts the terminating NUL; a name is cut at an earlier NUL if there is one.
  const units: number[] = [];
  for (let i = 0; i < nameLength / 2 - 1; i++) {
    const unit = u16(dir, offset + i * 2);
    if (unit === 0) break;
    units.push(unit);
  }
  const name = String.fromCharCode(...units);
  const type = dir[offset + EntryOffset.ObjectType] as number;
  const start = u32(dir, offset + EntryOffset.StartSector);
  const size = type === ObjectType.Storage ? 0 : entryStreamSize(dir, offset, version);
  return { id, name, type, start, size, offset, children: [] };
}

/** A sibling or child link; 0 counts as none (the root is never a sibling or child; some writers use 0). */
function link(dir: Uint8Array, offset: number, field: number): number {
  const id = u32(dir, offset + field);
  return id === 0 ? NOSTREAM : id;
}

/**
 * Builds the storage hierarchy from the root entry: every child tree is enumerated in order
 * (left, node, right), every reachable entry checked. Unreachable entries are ignored.
 */
export function walkDirectory(dir: Uint8Array, root: DirEntry, version: 3 | 4): void {
  const count = entryCount(dir);
  const visited = new Uint8Array(count);
  visited[0] = 1;
  const storages: DirEntry[] = [root];
  while (storages.length > 0) {
    const parent = storages.pop() as DirEntry;
    // In-order walk of the sibling tree under `parent` with an explicit stack.
    const stack: DirEntry[] = [];
    let nextId = link(dir, parent.offset, EntryOffset.Child);
    // Which link led to `nextId`, for messages.
    let fromField = 'the child';
    let fromId = parent.id;
    const from = () => `${fromField} of entry ${fromId}`;
    while (nextId !== NOSTREAM || stack.length > 0) {
      if (nextId !== NOSTREAM) {
        if (nextId > MAXREGSID || nextId >= count) corrupt(`${from()}: stream ID ${nextId} is past the end of the directory (${count} entries)`);
        if (visited[nextId]) corrupt(`${from()}: directory entry ${nextId} is reached twice (a cycle or a shared subtree)`);
        visited[nextId] = 1;
        const entry = readEntry(dir, nextId, version);
        if (entry.type !== ObjectType.Storage && entry.type !== ObjectType.Stream) {
          corrupt(`${from()}: directory entry ${nextId} has Object Type ${entry.type}, expected a storage or a stream`);
        }
        stack.push(entry);
        fromField = 'the left sibling';
        fromId = nextId;
        nextId = link(dir, entry.offset, EntryOffset.LeftSibling);
        continue;
      }
      const entry = stack.pop() as DirEntry;
      parent.children.push(entry);
      if (entry.type === ObjectType.Storage) storages.push(entry);
      fromField = 'the right sibling';
      fromId = entry.id;
      nextId = link(dir, entry.offset, EntryOffset.RightSibling);
    }
  }
}
