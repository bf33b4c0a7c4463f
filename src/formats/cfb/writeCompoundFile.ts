/**
 * Writing compound files ([MS-CFB] §2, and the checklist of reference/specs/MS-CFB.md §10):
 * version 3 or 4, small streams in the mini stream, DIFAT sectors when the FAT outgrows the
 * header, a red-black sibling tree per storage, real storage timestamps, nothing added.
 */
import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER, STG_E_DOCFILETOOLARGE, STG_E_FILEALREADYEXISTS, STG_E_INVALIDNAME } from '../../core/generated/scodes.js';
import { FILETIME } from '../../core/props/filetime.js';
import { GUID } from '../../core/props/guid.js';
import { systemClock, type Clock } from '../../core/spi/clock.js';
import { Color, NOSTREAM, ObjectType, ROOT_ENTRY_NAME } from './constants.js';
import { layOut, writeLayout, type WriteEntry } from './layout.js';
import { cfbNameProblem, compareCfbNames } from './names.js';
import { buildSiblingTree } from './redBlack.js';
import type { CfbNode, CfbRootNode, CfbStorageMeta } from './types.js';

/** Options of {@link writeCompoundFile}. */
export interface CompoundFileWriteOptions {
  /** 3 (512-byte sectors, the default, what Outlook writes) or 4 (4096-byte sectors). */
  version?: 3 | 4;
  /** Where the default storage timestamps come from (default: the system clock). */
  clock?: Clock;
}

const ZERO_TIME = new FILETIME(0n);

function invalid(message: string): never {
  throw new MapiError(MAPI_E_INVALID_PARAMETER, `writeCompoundFile: ${message}`);
}

function checkMeta(meta: CfbStorageMeta, where: string): void {
  if (meta.clsid !== undefined && !(meta.clsid instanceof GUID)) invalid(`${where}: clsid must be a GUID`);
  if (meta.stateBits !== undefined && !(Number.isInteger(meta.stateBits) && meta.stateBits >= 0 && meta.stateBits <= 0xffffffff)) {
    invalid(`${where}: stateBits must be an unsigned 32-bit integer`);
  }
  if (meta.created !== undefined && !(meta.created instanceof FILETIME)) invalid(`${where}: created must be a FILETIME`);
  if (meta.modified !== undefined && !(meta.modified instanceof FILETIME)) invalid(`${where}: modified must be a FILETIME`);
}

/**
 * Turns the tree into directory entries (root first, then storage by storage) and links each
 * storage's children into a sibling tree. Iterative, so deep nesting cannot overflow the stack.
 */
function collectEntries(root: CfbRootNode, now: FILETIME): WriteEntry[] {
  checkMeta(root, 'the root');
  const rootEntry: WriteEntry = {
    name: ROOT_ENTRY_NAME,
    type: ObjectType.Root,
    color: Color.Black,
    left: NOSTREAM,
    right: NOSTREAM,
    child: NOSTREAM,
    clsid: root.clsid,
    stateBits: root.stateBits ?? 0,
    // [MS-CFB] 2.6.2: the root's Creation Time MUST be zero; its Modified Time MAY be set.
    created: ZERO_TIME,
    modified: root.modified ?? now,
    data: undefined,
  };
  const entries: WriteEntry[] = [rootEntry];
  const pending: [WriteEntry, readonly CfbNode[], string][] = [[rootEntry, root.children, '']];
  for (let next = 0; next < pending.length; next++) {
    const [parent, children, parentPath] = pending[next] as [WriteEntry, readonly CfbNode[], string];
    if (!Array.isArray(children)) invalid(`${parentPath || 'the root'}: children must be an array`);
    const sorted = [...children].sort((a, b) => compareCfbNames(String(a?.name), String(b?.name)));
    const firstId = entries.length;
    sorted.forEach((node, i) => {
      const path = parentPath === '' ? String(node?.name) : `${parentPath}/${String(node?.name)}`;
      const problem = cfbNameProblem(node?.name);
      if (problem) throw new MapiError(STG_E_INVALIDNAME, `writeCompoundFile: ${path}: ${problem}`);
      const previous = sorted[i - 1];
      if (previous && compareCfbNames(previous.name, node.name) === 0) {
        throw new MapiError(STG_E_FILEALREADYEXISTS, `writeCompoundFile: ${JSON.stringify(previous.name)} and ${JSON.stringify(node.name)} in ${JSON.stringify(parentPath || 'the root')} are the same name for [MS-CFB] 2.6.4`);
      }
      if (node.kind === 'stream') {
        if (!(node.data instanceof Uint8Array)) invalid(`${path}: a stream's data must be a Uint8Array`);
        entries.push({ name: node.name, type: ObjectType.Stream, color: Color.Black, left: NOSTREAM, right: NOSTREAM, child: NOSTREAM, clsid: undefined, stateBits: 0, created: ZERO_TIME, modified: ZERO_TIME, data: node.data });
      } else if (node.kind === 'storage') {
        checkMeta(node, path);
        const entry: WriteEntry = {
          name: node.name,
          type: ObjectType.Storage,
          color: Color.Black,
          left: NOSTREAM,
          right: NOSTREAM,
          child: NOSTREAM,
          clsid: node.clsid,
          stateBits: node.stateBits ?? 0,
          created: node.created ?? now,
          modified: node.modified ?? now,
          data: undefined,
        };
        entries.push(entry);
        pending.push([entry, node.children, path]);
      } else {
        invalid(`${path}: kind must be 'storage' or 'stream'`);
      }
    });
    const tree = buildSiblingTree(sorted.length);
    const id = (i: number) => (i < 0 ? NOSTREAM : firstId + i);
    for (let i = 0; i < sorted.length; i++) {
      const entry = entries[firstId + i] as WriteEntry;
      entry.left = id(tree.left[i] as number);
      entry.right = id(tree.right[i] as number);
      entry.color = tree.color[i] as number;
    }
    parent.child = id(tree.root);
  }
  return entries;
}

/**
 * Writes a compound file from a tree of storages and streams. Streams under 4096 bytes go to
 * the mini stream; each storage's children form a balanced red-black tree in the [MS-CFB] 2.6.4
 * order; storages carry their given timestamps or the clock's now; the root's Creation Time is
 * zero and its Modified Time is `root.modified` or now. The output holds exactly the given
 * entries, marks every unused FAT entry FREESECT and is a whole number of sectors long.
 *
 * Throws STG_E_INVALIDNAME for a name [MS-CFB] forbids, STG_E_FILEALREADYEXISTS for two siblings
 * with the same name (ignoring case), MAPI_E_INVALID_PARAMETER for a malformed tree and
 * STG_E_DOCFILETOOLARGE past 2 GB (the range-lock sector of larger files is not written).
 */
export function writeCompoundFile(root: CfbRootNode, options: CompoundFileWriteOptions = {}): Uint8Array {
  const version = options.version ?? 3;
  if (version !== 3 && version !== 4) invalid(`version must be 3 or 4, not ${String(version)}`);
  if (!root || typeof root !== 'object') invalid('the root must be an object with children');
  const entries = collectEntries(root, (options.clock ?? systemClock).now());
  const layout = layOut(entries, version === 3 ? 512 : 4096);
  // [MS-CFB] 2.8: past 0x7FFFFF00 a range-lock sector would be needed; v3 files stop at 2 GB.
  if (layout.fileSize > 0x7fffff00) {
    throw new MapiError(STG_E_DOCFILETOOLARGE, `writeCompoundFile: the file would be ${layout.fileSize} bytes; files over 2 GB are not written`);
  }
  return writeLayout(entries, layout, version);
}
