/**
 * An independent, trusting parse of a compound file's raw structures, for checking what our
 * writer produced (and for locating structures to corrupt in the fuzz tests). It shares no code
 * with src/formats/cfb except the name order, which names.test.ts checks on its own.
 */
import { compareCfbNames } from '../../../src/formats/cfb/names.js';

export const FREESECT = 0xffffffff;
export const ENDOFCHAIN = 0xfffffffe;
export const FATSECT = 0xfffffffd;
export const DIFSECT = 0xfffffffc;
export const NOSTREAM = 0xffffffff;

export interface RawEntry {
  id: number;
  /** Byte offset of the entry in the file (directory sectors need not be contiguous). */
  fileOffset: number;
  nameLength: number;
  name: string;
  type: number;
  color: number;
  left: number;
  right: number;
  child: number;
  clsid: Uint8Array;
  stateBits: number;
  created: bigint;
  modified: bigint;
  start: number;
  sizeLow: number;
  sizeHigh: number;
}

export interface RawCfb {
  bytes: Uint8Array;
  view: DataView;
  major: number;
  sectorSize: number;
  /** Sectors after the header. */
  sectorCount: number;
  fatSectors: number[];
  difatSectors: number[];
  fat: Uint32Array;
  dirSectors: number[];
  entries: RawEntry[];
  miniFatSectors: number[];
  miniFat: Uint32Array;
  /** File offset of FAT entry `i` (for corrupting it). */
  fatEntryOffset(i: number): number;
  /** Follows a FAT chain (trusting; stops after `limit` links). */
  chain(start: number, limit?: number): number[];
}

/** Parses without validating (the input is a file we wrote or a known-good sample). */
export function parseRaw(bytes: Uint8Array): RawCfb {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => view.getUint32(at, true);
  const major = view.getUint16(0x1a, true);
  const sectorSize = 1 << view.getUint16(0x1e, true);
  const sectorCount = Math.ceil(bytes.length / sectorSize) - 1;
  const off = (s: number) => (s + 1) * sectorSize;
  const numFat = u32(0x2c);
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < numFat; i++) fatSectors.push(u32(0x4c + i * 4));
  const difatSectors: number[] = [];
  let next = u32(0x44);
  while (fatSectors.length < numFat && next < ENDOFCHAIN) {
    difatSectors.push(next);
    for (let j = 0; j < sectorSize / 4 - 1 && fatSectors.length < numFat; j++) fatSectors.push(u32(off(next) + j * 4));
    next = u32(off(next) + sectorSize - 4);
  }
  const per = sectorSize / 4;
  const fat = new Uint32Array(fatSectors.length * per);
  fatSectors.forEach((s, k) => {
    for (let j = 0; j < per; j++) fat[k * per + j] = off(s) + j * 4 + 4 <= bytes.length ? u32(off(s) + j * 4) : FREESECT;
  });
  const chain = (start: number, limit = sectorCount + 1) => {
    const out: number[] = [];
    for (let s = start; s < fat.length && s !== ENDOFCHAIN && out.length < limit; s = fat[s] as number) out.push(s);
    return out;
  };
  const dirSectors = chain(u32(0x30));
  const entries: RawEntry[] = [];
  dirSectors.forEach((s, k) => {
    for (let j = 0; j < sectorSize / 128; j++) {
      const at = off(s) + j * 128;
      if (at + 128 > bytes.length) break;
      const nameLength = view.getUint16(at + 0x40, true);
      let name = '';
      for (let i = 0; i < Math.min(nameLength, 64) / 2 - 1; i++) name += String.fromCharCode(view.getUint16(at + i * 2, true));
      entries.push({
        id: k * (sectorSize / 128) + j,
        fileOffset: at,
        nameLength,
        name,
        type: bytes[at + 0x42] as number,
        color: bytes[at + 0x43] as number,
        left: u32(at + 0x44),
        right: u32(at + 0x48),
        child: u32(at + 0x4c),
        clsid: bytes.slice(at + 0x50, at + 0x60),
        stateBits: u32(at + 0x60),
        created: view.getBigUint64(at + 0x64, true),
        modified: view.getBigUint64(at + 0x6c, true),
        start: u32(at + 0x74),
        sizeLow: u32(at + 0x78),
        sizeHigh: u32(at + 0x7c),
      });
    }
  });
  const miniFatStart = u32(0x3c);
  const miniFatSectors = miniFatStart < ENDOFCHAIN ? chain(miniFatStart) : [];
  const miniFat = new Uint32Array(miniFatSectors.length * per);
  miniFatSectors.forEach((s, k) => {
    for (let j = 0; j < per; j++) miniFat[k * per + j] = u32(off(s) + j * 4);
  });
  const fatEntryOffset = (i: number) => off(fatSectors[Math.floor(i / per)] as number) + (i % per) * 4;
  return { bytes, view, major, sectorSize, sectorCount, fatSectors, difatSectors, fat, dirSectors, entries, miniFatSectors, miniFat, fatEntryOffset, chain };
}

/**
 * Everything wrong with a file our writer produced, checked against [MS-CFB]: header fields,
 * a FAT that marks exactly the used sectors (FATSECT/DIFSECT for its own, exact chains, FREESECT
 * elsewhere), the mini FAT likewise, directory entries, and a correct red-black tree per storage
 * (black root, no red node with a red child, equal black height, strictly ordered names).
 */
export function problemsOfWrittenFile(bytes: Uint8Array): string[] {
  const p: string[] = [];
  const raw = parseRaw(bytes);
  const { view, sectorSize, fat, entries } = raw;
  const u32 = (at: number) => view.getUint32(at, true);
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (sig.some((b, i) => bytes[i] !== b)) p.push('signature');
  if (bytes.subarray(8, 24).some((b) => b !== 0)) p.push('header CLSID not zero');
  if (view.getUint16(0x18, true) !== 0x3e) p.push('minor version');
  if (view.getUint16(0x1c, true) !== 0xfffe) p.push('byte order');
  if (view.getUint16(0x1e, true) !== (raw.major === 3 ? 9 : 12)) p.push('sector shift');
  if (view.getUint16(0x20, true) !== 6) p.push('mini sector shift');
  if (bytes.subarray(0x22, 0x28).some((b) => b !== 0)) p.push('reserved bytes');
  if (u32(0x34) !== 0) p.push('transaction signature');
  if (u32(0x38) !== 4096) p.push('mini stream cutoff');
  if (bytes.length % sectorSize !== 0) p.push(`file size ${bytes.length} is not a multiple of ${sectorSize}`);
  if (raw.major === 4 && bytes.subarray(512, 4096).some((b) => b !== 0)) p.push('v4 header sector padding not zero');
  const dirCountField = u32(0x28);
  if (raw.major === 3 ? dirCountField !== 0 : dirCountField !== raw.dirSectors.length) p.push(`Number of Directory Sectors ${dirCountField}`);
  if (u32(0x48) !== raw.difatSectors.length) p.push('Number of DIFAT Sectors');
  if ((raw.difatSectors.length === 0) !== (u32(0x44) === ENDOFCHAIN)) p.push('First DIFAT Sector Location');
  for (let i = raw.fatSectors.length; i < 109; i++) if (u32(0x4c + i * 4) !== FREESECT) p.push(`header DIFAT[${i}] not FREESECT`);

  // Sector ownership: every sector of the file in exactly one structure.
  const owner = new Array<string | undefined>(raw.sectorCount);
  const own = (s: number, who: string) => {
    if (s >= raw.sectorCount) p.push(`${who}: sector ${s} past the end`);
    else if (owner[s]) p.push(`sector ${s} used by ${owner[s]} and ${who}`);
    else owner[s] = who;
  };
  raw.fatSectors.forEach((s) => {
    own(s, 'FAT');
    if (fat[s] !== FATSECT) p.push(`FAT[${s}] of a FAT sector is not FATSECT`);
  });
  raw.difatSectors.forEach((s, k) => {
    own(s, 'DIFAT');
    if (fat[s] !== DIFSECT) p.push(`FAT[${s}] of a DIFAT sector is not DIFSECT`);
    const last = u32((s + 1) * sectorSize + sectorSize - 4);
    const expected = k + 1 < raw.difatSectors.length ? raw.difatSectors[k + 1] : ENDOFCHAIN;
    if (last !== expected) p.push(`DIFAT sector ${s} next pointer`);
  });
  const exactChain = (start: number, count: number, who: string, table: Uint32Array, mark: (s: number) => void) => {
    if (count === 0) return;
    let s = start;
    for (let k = 0; k < count; k++) {
      if (s >= table.length) {
        p.push(`${who}: chain leaves the table at link ${k}`);
        return;
      }
      mark(s);
      const next = table[s] as number;
      if (k === count - 1 && next !== ENDOFCHAIN) p.push(`${who}: chain does not end with ENDOFCHAIN after ${count} links`);
      s = next;
    }
  };
  exactChain(u32(0x30), raw.dirSectors.length, 'directory', fat, (s) => own(s, 'directory'));
  exactChain(u32(0x3c), raw.miniFatSectors.length, 'mini FAT', fat, (s) => own(s, 'mini FAT'));
  if (u32(0x40) !== raw.miniFatSectors.length) p.push('Number of Mini FAT Sectors');
  const root = entries[0];
  if (!root || root.type !== 5 || root.name !== 'Root Entry') {
    p.push('entry 0 is not "Root Entry"');
    return p;
  }
  if (root.created !== 0n) p.push('root Creation Time not zero');
  const miniSize = root.sizeLow;
  if (miniSize % 64 !== 0) p.push('mini stream size not a multiple of 64');
  exactChain(root.start, Math.ceil(miniSize / sectorSize), 'mini stream', fat, (s) => own(s, 'mini stream'));
  if (miniSize === 0 && root.start !== ENDOFCHAIN) p.push('root start not ENDOFCHAIN without a mini stream');
  const miniOwner = new Array<string | undefined>(miniSize / 64);

  // Directory: reachability, the red-black rules, entry fields.
  const reached = new Set<number>([0]);
  const blackHeight = (id: number, parentRed: boolean, where: string): number => {
    if (id === NOSTREAM) return 1;
    const e = entries[id];
    if (!e) {
      p.push(`${where}: id ${id} out of range`);
      return 1;
    }
    if (reached.has(id)) {
      p.push(`entry ${id} reached twice`);
      return 1;
    }
    reached.add(id);
    const red = e.color === 0;
    if (red && parentRed) p.push(`red entry ${id} has a red parent`);
    const l = blackHeight(e.left, red, `left of ${id}`);
    const r = blackHeight(e.right, red, `right of ${id}`);
    if (l !== r) p.push(`entry ${id}: black heights ${l} and ${r} differ`);
    if (e.type === 1) checkTree(e.child, `storage ${id}`);
    return l + (red ? 0 : 1);
  };
  const inOrder = (id: number, out: RawEntry[]) => {
    const e = entries[id];
    if (id === NOSTREAM || !e || out.length > entries.length) return;
    inOrder(e.left, out);
    out.push(e);
    inOrder(e.right, out);
  };
  function checkTree(top: number, where: string): void {
    if (top === NOSTREAM) return;
    if (entries[top]?.color !== 1) p.push(`${where}: the top of the sibling tree is not black`);
    blackHeight(top, false, where);
    const ordered: RawEntry[] = [];
    inOrder(top, ordered);
    for (let i = 1; i < ordered.length; i++) {
      const a = ordered[i - 1] as RawEntry;
      const b = ordered[i] as RawEntry;
      if (compareCfbNames(a.name, b.name) >= 0) p.push(`${where}: ${JSON.stringify(a.name)} is not before ${JSON.stringify(b.name)}`);
    }
  }
  checkTree(root.child, 'root');

  for (const e of entries) {
    if (e.id === 0) continue;
    if (!reached.has(e.id)) {
      const unused = e.type === 0 && e.left === NOSTREAM && e.right === NOSTREAM && e.child === NOSTREAM;
      const zero = bytes.subarray(e.fileOffset, e.fileOffset + 0x44).every((b) => b === 0) && bytes.subarray(e.fileOffset + 0x50, e.fileOffset + 128).every((b) => b === 0);
      if (!unused || !zero) p.push(`entry ${e.id} is unreachable but not an unused entry`);
      continue;
    }
    if (e.nameLength !== (e.name.length + 1) * 2 || view.getUint16(e.fileOffset + e.name.length * 2, true) !== 0) p.push(`entry ${e.id}: name length or terminator`);
    if (e.type === 2) {
      if (e.child !== NOSTREAM) p.push(`stream ${e.id} has a child`);
      if (e.clsid.some((b) => b !== 0) || e.stateBits !== 0 || e.created !== 0n || e.modified !== 0n) p.push(`stream ${e.id} has storage metadata`);
      if (e.sizeHigh !== 0 && raw.major === 3) p.push(`stream ${e.id}: high size DWORD set in v3`);
      const size = e.sizeLow;
      if (size === 0) {
        if (e.start !== ENDOFCHAIN) p.push(`empty stream ${e.id} start is not ENDOFCHAIN`);
      } else if (size < 4096) {
        exactChain(e.start, Math.ceil(size / 64), `mini stream of ${e.id}`, raw.miniFat, (m) => {
          if (m >= miniOwner.length) p.push(`stream ${e.id}: mini sector ${m} past the mini stream`);
          else if (miniOwner[m]) p.push(`mini sector ${m} used twice`);
          else miniOwner[m] = String(e.id);
        });
      } else {
        exactChain(e.start, Math.ceil(size / sectorSize), `stream ${e.id}`, fat, (s) => own(s, `stream ${e.id}`));
      }
    } else if (e.type === 1) {
      if (e.start !== 0 || e.sizeLow !== 0 || e.sizeHigh !== 0) p.push(`storage ${e.id} has a start or size`);
    } else {
      p.push(`reachable entry ${e.id} has type ${e.type}`);
    }
  }
  for (let s = 0; s < raw.sectorCount; s++) if (!owner[s]) p.push(`sector ${s} is not used by anything`);
  for (let s = raw.sectorCount; s < fat.length; s++) if (fat[s] !== FREESECT) p.push(`FAT[${s}] past the end is not FREESECT`);
  for (let m = 0; m < miniOwner.length; m++) if (!miniOwner[m]) p.push(`mini sector ${m} is not used`);
  for (let m = miniOwner.length; m < raw.miniFat.length; m++) if (raw.miniFat[m] !== FREESECT) p.push(`mini FAT[${m}] past the mini stream is not FREESECT`);
  return p;
}
