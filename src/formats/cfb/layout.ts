/**
 * Sector layout and encoding for the writer. Sectors are laid out as
 * FAT | DIFAT | directory | mini FAT | mini stream | large streams, each chain contiguous.
 */
import type { FILETIME } from '../../core/props/filetime.js';
import type { GUID } from '../../core/props/guid.js';
import {
  CFB_SIGNATURE,
  DIFSECT,
  DIR_ENTRY_SIZE,
  ENDOFCHAIN,
  EntryOffset,
  FATSECT,
  FREESECT,
  HEADER_DIFAT_ENTRIES,
  HeaderOffset,
  MINI_SECTOR_SIZE,
  MINI_STREAM_CUTOFF,
  NOSTREAM,
  ObjectType,
} from './constants.js';

/** One directory entry to write (index = stream ID). */
export interface WriteEntry {
  name: string;
  type: number;
  color: number;
  left: number;
  right: number;
  child: number;
  clsid: GUID | undefined;
  stateBits: number;
  created: FILETIME;
  modified: FILETIME;
  /** A stream's bytes; undefined for storages and the root. */
  data: Uint8Array | undefined;
}

/** Where everything goes. */
export interface Layout {
  sectorSize: number;
  fatSectors: number;
  difatSectors: number;
  dirStart: number;
  dirSectors: number;
  miniFatStart: number;
  miniFatSectors: number;
  miniStart: number;
  /** Bytes of the mini stream (a multiple of 64). */
  miniSize: number;
  /** Per entry: first sector (or mini sector) of its stream, ENDOFCHAIN when empty. */
  starts: number[];
  totalSectors: number;
  fileSize: number;
}

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

/** Places every structure and stream; see the file comment for the order. */
export function layOut(entries: readonly WriteEntry[], sectorSize: number): Layout {
  const perSector = sectorSize / 4;
  const starts = new Array<number>(entries.length).fill(ENDOFCHAIN);
  let miniSectors = 0;
  let bigSectors = 0;
  const big: number[] = [];
  entries.forEach((e, id) => {
    const size = e.data?.length ?? 0;
    if (size === 0) return;
    if (size < MINI_STREAM_CUTOFF) {
      starts[id] = miniSectors;
      miniSectors += ceilDiv(size, MINI_SECTOR_SIZE);
    } else {
      big.push(id);
      bigSectors += ceilDiv(size, sectorSize);
    }
  });
  const dirSectors = ceilDiv(entries.length * DIR_ENTRY_SIZE, sectorSize);
  const miniSize = miniSectors * MINI_SECTOR_SIZE;
  const miniFatSectors = ceilDiv(miniSectors * 4, sectorSize);
  const miniContainer = ceilDiv(miniSize, sectorSize);
  const dataSectors = dirSectors + miniFatSectors + miniContainer + bigSectors;
  // The FAT needs entries for its own sectors and the DIFAT's: the least fixed point (spec notes §10.6).
  let fatSectors = 1;
  let difatSectors = 0;
  for (;;) {
    difatSectors = fatSectors <= HEADER_DIFAT_ENTRIES ? 0 : ceilDiv(fatSectors - HEADER_DIFAT_ENTRIES, perSector - 1);
    const needed = ceilDiv(dataSectors + fatSectors + difatSectors, perSector);
    if (needed <= fatSectors) break;
    fatSectors = needed;
  }
  const dirStart = fatSectors + difatSectors;
  const miniFatStart = dirStart + dirSectors;
  const miniStart = miniFatStart + miniFatSectors;
  let next = miniStart + miniContainer;
  for (const id of big) {
    starts[id] = next;
    next += ceilDiv(((entries[id] as WriteEntry).data as Uint8Array).length, sectorSize);
  }
  return { sectorSize, fatSectors, difatSectors, dirStart, dirSectors, miniFatStart, miniFatSectors, miniStart, miniSize, starts, totalSectors: next, fileSize: (next + 1) * sectorSize };
}

/** Encodes the file: header, FAT, DIFAT, directory, mini FAT, mini stream, streams. */
export function writeLayout(entries: readonly WriteEntry[], layout: Layout, version: 3 | 4): Uint8Array {
  const { sectorSize, fatSectors, difatSectors, starts } = layout;
  const out = new Uint8Array(layout.fileSize);
  const view = new DataView(out.buffer);
  const set32 = (at: number, value: number) => view.setUint32(at, value >>> 0, true);
  const sectorOffset = (sector: number) => (sector + 1) * sectorSize;
  const perSector = sectorSize / 4;

  // [MS-CFB] 2.2 header.
  CFB_SIGNATURE.forEach((b, i) => (out[i] = b));
  view.setUint16(HeaderOffset.MinorVersion, 0x003e, true);
  view.setUint16(HeaderOffset.MajorVersion, version, true);
  view.setUint16(HeaderOffset.ByteOrder, 0xfffe, true);
  view.setUint16(HeaderOffset.SectorShift, version === 3 ? 9 : 12, true);
  view.setUint16(HeaderOffset.MiniSectorShift, 6, true);
  // Number of Directory Sectors: MUST be 0 in version 3.
  set32(HeaderOffset.NumDirectorySectors, version === 3 ? 0 : layout.dirSectors);
  set32(HeaderOffset.NumFatSectors, fatSectors);
  set32(HeaderOffset.FirstDirectorySector, layout.dirStart);
  set32(HeaderOffset.MiniStreamCutoff, MINI_STREAM_CUTOFF);
  set32(HeaderOffset.FirstMiniFatSector, layout.miniFatSectors > 0 ? layout.miniFatStart : ENDOFCHAIN);
  set32(HeaderOffset.NumMiniFatSectors, layout.miniFatSectors);
  set32(HeaderOffset.FirstDifatSector, difatSectors > 0 ? fatSectors : ENDOFCHAIN);
  set32(HeaderOffset.NumDifatSectors, difatSectors);
  for (let i = 0; i < HEADER_DIFAT_ENTRIES; i++) set32(HeaderOffset.Difat + i * 4, i < fatSectors ? i : FREESECT);

  // [MS-CFB] 2.5 DIFAT sectors: FAT sector numbers from the 110th on, the last slot links on.
  for (let d = 0; d < difatSectors; d++) {
    const base = sectorOffset(fatSectors + d);
    for (let j = 0; j < perSector - 1; j++) {
      const index = HEADER_DIFAT_ENTRIES + d * (perSector - 1) + j;
      set32(base + j * 4, index < fatSectors ? index : FREESECT);
    }
    set32(base + (perSector - 1) * 4, d + 1 < difatSectors ? fatSectors + d + 1 : ENDOFCHAIN);
  }

  // [MS-CFB] 2.3 FAT: the FAT sectors are 0..fatSectors-1, so entry i sits at sectorOffset(0) + 4i.
  const fatBase = sectorOffset(0);
  out.fill(0xff, fatBase, fatBase + fatSectors * sectorSize); // FREESECT everywhere first
  const setFat = (sector: number, value: number) => set32(fatBase + sector * 4, value);
  const chain = (first: number, count: number) => {
    for (let k = 0; k < count; k++) setFat(first + k, k === count - 1 ? ENDOFCHAIN : first + k + 1);
  };
  for (let s = 0; s < fatSectors; s++) setFat(s, FATSECT);
  for (let d = 0; d < difatSectors; d++) setFat(fatSectors + d, DIFSECT);
  chain(layout.dirStart, layout.dirSectors);
  chain(layout.miniFatStart, layout.miniFatSectors);
  chain(layout.miniStart, Math.ceil(layout.miniSize / sectorSize));

  // [MS-CFB] 2.4 mini FAT, unused entries FREESECT.
  const miniFatBase = sectorOffset(layout.miniFatStart);
  out.fill(0xff, miniFatBase, miniFatBase + layout.miniFatSectors * sectorSize);
  const miniBase = sectorOffset(layout.miniStart);
  entries.forEach((e, id) => {
    const size = e.data?.length ?? 0;
    if (size === 0) return;
    const start = starts[id] as number;
    const count = Math.ceil(size / (size < MINI_STREAM_CUTOFF ? MINI_SECTOR_SIZE : sectorSize));
    if (size < MINI_STREAM_CUTOFF) {
      for (let k = 0; k < count; k++) set32(miniFatBase + (start + k) * 4, k === count - 1 ? ENDOFCHAIN : start + k + 1);
      out.set(e.data as Uint8Array, miniBase + start * MINI_SECTOR_SIZE);
    } else {
      chain(start, count);
      out.set(e.data as Uint8Array, sectorOffset(start));
    }
  });

  // [MS-CFB] 2.6 directory; padding entries are unused: zero but for NOSTREAM links (2.6.3).
  const dirBase = sectorOffset(layout.dirStart);
  const slots = (layout.dirSectors * sectorSize) / DIR_ENTRY_SIZE;
  for (let id = 0; id < slots; id++) {
    const at = dirBase + id * DIR_ENTRY_SIZE;
    const e = entries[id];
    if (!e) {
      set32(at + EntryOffset.LeftSibling, NOSTREAM);
      set32(at + EntryOffset.RightSibling, NOSTREAM);
      set32(at + EntryOffset.Child, NOSTREAM);
      continue;
    }
    for (let i = 0; i < e.name.length; i++) view.setUint16(at + i * 2, e.name.charCodeAt(i), true);
    view.setUint16(at + EntryOffset.NameLength, (e.name.length + 1) * 2, true);
    out[at + EntryOffset.ObjectType] = e.type;
    out[at + EntryOffset.Color] = e.color;
    set32(at + EntryOffset.LeftSibling, e.left);
    set32(at + EntryOffset.RightSibling, e.right);
    set32(at + EntryOffset.Child, e.child);
    if (e.clsid) out.set(e.clsid.bytes, at + EntryOffset.Clsid);
    set32(at + EntryOffset.StateBits, e.stateBits);
    setTime(view, at + EntryOffset.CreationTime, e.created);
    setTime(view, at + EntryOffset.ModifiedTime, e.modified);
    if (e.type === ObjectType.Root) {
      set32(at + EntryOffset.StartSector, layout.miniSize > 0 ? layout.miniStart : ENDOFCHAIN);
      set32(at + EntryOffset.StreamSize, layout.miniSize);
    } else if (e.type === ObjectType.Stream) {
      const size = (e.data as Uint8Array).length;
      set32(at + EntryOffset.StartSector, starts[id] as number);
      set32(at + EntryOffset.StreamSize, size % 0x100000000);
      set32(at + EntryOffset.StreamSize + 4, Math.floor(size / 0x100000000));
    }
    // Storages: Starting Sector Location and Stream Size stay zero ([MS-CFB] 2.6.1).
  }
  return out;
}

function setTime(view: DataView, at: number, time: FILETIME): void {
  view.setUint32(at, time.dwLowDateTime, true);
  view.setUint32(at + 4, time.dwHighDateTime, true);
}
