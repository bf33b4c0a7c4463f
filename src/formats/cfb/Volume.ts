/**
 * Sector-level access to a compound file: the FAT (found through the DIFAT), chain walking with
 * the checks of [MS-CFB] 2.1 and 4.1, and reading byte ranges of a chain. Every sector is claimed
 * by the one chain it belongs to, so a loop or two chains sharing a sector is caught the first
 * time it is walked, and no walk can visit more sectors than the file has.
 */
import type { ByteSource } from './ByteSource.js';
import { ENDOFCHAIN, FREESECT, HEADER_DIFAT_ENTRIES, MAXREGSECT } from './constants.js';
import { corrupt, sectorName, u32 } from './corrupt.js';
import { readHeader, type CfbHeader } from './header.js';

/** Owner id of the FAT sectors (see {@link SectorClaims}). */
export const OWNER_FAT = 1;
/** Owner id of the DIFAT sectors. */
export const OWNER_DIFAT = 2;
/** Owner id of the directory chain. */
export const OWNER_DIRECTORY = 3;
/** Owner id of the mini FAT chain. */
export const OWNER_MINI_FAT = 4;
/** Owner id of the mini stream's chain. */
export const OWNER_MINI_STREAM = 5;
/** A stream's owner id is `OWNER_STREAM + its stream ID`. */
export const OWNER_STREAM = 16;

/** Says what a chain is, for messages; called only when something is wrong. */
export type Describe = () => string;

/**
 * Tracks which chain owns each sector (or mini sector): a claim by the same owner twice is a
 * loop, by another owner a cross-link ([MS-CFB] 2.1: a sector MUST NOT belong to two chains).
 */
export class SectorClaims {
  private readonly owners: Int32Array;

  constructor(
    readonly count: number,
    private readonly unit: string,
    private readonly describeOwner: (owner: number) => string,
  ) {
    this.owners = new Int32Array(count);
  }

  /** Claims `sector` for `owner` as link number `link` of the chain `what`. */
  claim(sector: number, owner: number, link: number, what: Describe): void {
    const previous = sector < this.count ? (this.owners[sector] as number) : 0;
    if (sector <= MAXREGSECT && sector < this.count && previous === 0) {
      this.owners[sector] = owner;
      return;
    }
    const where = `${what()}, link ${link}`;
    if (sector > MAXREGSECT) corrupt(`${where}: ${sectorName(sector)} where a ${this.unit} number was expected`);
    if (sector >= this.count) corrupt(`${where}: ${this.unit} ${sector} is past the end (there are ${this.count})`);
    if (previous === owner) corrupt(`${where}: ${this.unit} ${sector} appears twice, the chain loops`);
    corrupt(`${where}: ${this.unit} ${sector} already belongs to ${this.describeOwner(previous)}`);
  }
}

/** Copies the pieces of a chain into one array, reading each run of adjacent pieces at once. */
export class RunReader {
  private runStart = -1;
  private runLength = 0;
  private runOut = 0;

  constructor(
    private readonly source: ByteSource,
    private readonly out: Uint8Array,
  ) {}

  /** Queues `length` bytes at file offset `fileOffset` for `out[outOffset..]`. */
  add(fileOffset: number, outOffset: number, length: number): void {
    if (this.runStart >= 0 && fileOffset === this.runStart + this.runLength && outOffset === this.runOut + this.runLength) {
      this.runLength += length;
      return;
    }
    this.flush();
    this.runStart = fileOffset;
    this.runOut = outOffset;
    this.runLength = length;
  }

  /** Reads the pending run. Bytes past the end of the file stay zero (a short last sector). */
  flush(): void {
    if (this.runStart < 0 || this.runLength === 0) return;
    this.out.set(this.source.read(this.runStart, this.runLength).subarray(0, this.runLength), this.runOut);
    this.runStart = -1;
    this.runLength = 0;
  }
}

/** The header, the FAT and the sector claims of an open compound file. */
export class Volume {
  readonly header: CfbHeader;
  readonly sectorSize: number;
  /** Sectors that start inside the file (the last one may be short: it reads as zero-padded). */
  readonly sectorCount: number;
  readonly fat: Uint32Array;
  readonly claims: SectorClaims;

  constructor(readonly source: ByteSource) {
    this.header = readHeader(source);
    this.sectorSize = this.header.sectorSize;
    this.sectorCount = Math.max(0, Math.ceil((source.size - this.sectorSize) / this.sectorSize));
    this.claims = new SectorClaims(this.sectorCount, 'sector', (owner) => this.describeOwner(owner));
    this.fat = this.readFat(this.locateFatSectors());
  }

  /** Names a stream's chain in messages (set once the directory is read). */
  describeStream: (id: number) => string = (id) => `the stream of directory entry ${id}`;

  /** What owns a chain, for messages. */
  describeOwner(owner: number): string {
    const names: Record<number, string> = {
      [OWNER_FAT]: 'the FAT',
      [OWNER_DIFAT]: 'the DIFAT',
      [OWNER_DIRECTORY]: 'the directory',
      [OWNER_MINI_FAT]: 'the mini FAT',
      [OWNER_MINI_STREAM]: 'the mini stream',
    };
    return names[owner] ?? this.describeStream(owner - OWNER_STREAM);
  }

  /** Byte offset of a sector in the file ([MS-CFB] 2.2: sector n starts at (n + 1) × size). */
  offsetOf(sector: number): number {
    return (sector + 1) * this.sectorSize;
  }

  /** Reads whole sectors (zero-padded past the end of the file). */
  readSectors(sectors: readonly number[]): Uint8Array {
    const out = new Uint8Array(sectors.length * this.sectorSize);
    const runs = new RunReader(this.source, out);
    sectors.forEach((s, i) => runs.add(this.offsetOf(s), i * this.sectorSize, this.sectorSize));
    runs.flush();
    return out;
  }

  /**
   * Walks a FAT chain from `start` and claims its sectors for `owner`. With `expected`, stops
   * after that many sectors (a longer chain's tail is ignored) and fails if the chain is shorter.
   */
  chain(start: number, expected: number | undefined, owner: number, what: Describe): number[] {
    const out: number[] = [];
    let sector = start;
    while (expected === undefined || out.length < expected) {
      if (sector === ENDOFCHAIN) {
        if (expected !== undefined) corrupt(`${what()}: the chain ends after ${out.length} sectors, its size needs ${expected}`);
        break;
      }
      this.claims.claim(sector, owner, out.length, what);
      out.push(sector);
      if (sector >= this.fat.length) corrupt(`${what()}: the FAT has no entry for sector ${sector}`);
      sector = this.fat[sector] as number;
    }
    return out;
  }

  /** Reads `length` bytes at `offset` of the stream stored in the sectors `chain` (sector-size units). */
  readChain(chain: readonly number[], offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    const size = this.sectorSize;
    const runs = new RunReader(this.source, out);
    for (let pos = offset; pos < offset + length; ) {
      const index = Math.floor(pos / size);
      const within = pos - index * size;
      const n = Math.min(size - within, offset + length - pos);
      runs.add(this.offsetOf(chain[index] as number) + within, pos - offset, n);
      pos += n;
    }
    runs.flush();
    return out;
  }

  /** [MS-CFB] 2.5: the FAT sector numbers, from the header's 109 DIFAT slots and then the DIFAT chain. */
  private locateFatSectors(): number[] {
    const count = this.header.numFatSectors;
    if (count === 0) corrupt('header: Number of FAT Sectors is 0');
    if (count > this.sectorCount) corrupt(`header: Number of FAT Sectors is ${count}, the file has only ${this.sectorCount} sectors`);
    const fatSectors: number[] = [];
    for (let i = 0; i < HEADER_DIFAT_ENTRIES && fatSectors.length < count; i++) {
      const sector = this.header.difat[i] as number;
      this.claims.claim(sector, OWNER_FAT, fatSectors.length, () => `the FAT (header DIFAT[${i}])`);
      fatSectors.push(sector);
    }
    const perSector = this.sectorSize / 4 - 1;
    let next = this.header.firstDifatSector;
    for (let d = 0; fatSectors.length < count; d++) {
      if (next === ENDOFCHAIN || next === FREESECT) corrupt(`the DIFAT lists ${fatSectors.length} FAT sectors, the header says ${count}`);
      this.claims.claim(next, OWNER_DIFAT, d, () => 'the DIFAT chain');
      const bytes = this.readSectors([next]);
      for (let j = 0; j < perSector && fatSectors.length < count; j++) {
        const sector = u32(bytes, j * 4);
        this.claims.claim(sector, OWNER_FAT, fatSectors.length, () => `the FAT (DIFAT sector ${next}, slot ${j})`);
        fatSectors.push(sector);
      }
      next = u32(bytes, perSector * 4);
    }
    return fatSectors;
  }

  /** Reads the FAT: one 32-bit entry per sector, the FAT sectors concatenated in DIFAT order. */
  private readFat(fatSectors: readonly number[]): Uint32Array {
    const bytes = this.readSectors(fatSectors);
    const fat = new Uint32Array(bytes.length / 4);
    for (let i = 0; i < fat.length; i++) fat[i] = u32(bytes, i * 4);
    return fat;
  }
}
