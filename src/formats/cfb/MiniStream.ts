/**
 * The mini stream ([MS-CFB] 2.4, 2.6.3): streams smaller than 4096 bytes live in 64-byte mini
 * sectors inside one FAT chain owned by the root entry, chained through the mini FAT.
 */
import { ENDOFCHAIN, FREESECT, MINI_SECTOR_SIZE } from './constants.js';
import { corrupt, u32 } from './corrupt.js';
import { OWNER_MINI_FAT, OWNER_MINI_STREAM, RunReader, SectorClaims, type Describe, type Volume } from './Volume.js';

/** The mini FAT and the mini stream, with claims on its mini sectors. */
export class MiniStream {
  private claims: SectorClaims | undefined;
  private container: number[] | undefined;
  private containerError: unknown;

  private constructor(
    private readonly volume: Volume,
    private readonly miniFat: Uint32Array,
    private readonly rootStart: number,
    /** Bytes in the mini stream (the root entry's Stream Size). */
    readonly size: number,
  ) {}

  /**
   * Loads the mini FAT. `rootStart` and `rootSize` are the root entry's Starting Sector Location
   * and Stream Size; the mini stream's own chain is walked on the first read of a small stream.
   */
  static open(volume: Volume, rootStart: number, rootSize: number): MiniStream {
    const { header } = volume;
    let miniFat = new Uint32Array(0);
    // No small streams: First Mini FAT Sector Location is ENDOFCHAIN (some writers leave FREESECT).
    if (header.firstMiniFatSector !== ENDOFCHAIN && header.firstMiniFatSector !== FREESECT) {
      const sectors = volume.chain(header.firstMiniFatSector, undefined, OWNER_MINI_FAT, () => 'the mini FAT');
      const bytes = volume.readSectors(sectors);
      miniFat = new Uint32Array(bytes.length / 4);
      for (let i = 0; i < miniFat.length; i++) miniFat[i] = u32(bytes, i * 4);
    }
    return new MiniStream(volume, miniFat, rootStart, rootSize);
  }

  /** The mini stream's sectors, walked once; a damaged chain fails every small stream the same way. */
  private sectors(): number[] {
    if (this.containerError !== undefined) throw this.containerError;
    if (this.container) return this.container;
    try {
      const needed = Math.ceil(this.size / this.volume.sectorSize);
      if (needed > this.volume.sectorCount) corrupt(`root entry: the mini stream size ${this.size} needs ${needed} sectors, the file has ${this.volume.sectorCount}`);
      this.container = this.volume.chain(this.rootStart, needed, OWNER_MINI_STREAM, () => 'the mini stream');
      this.claims = new SectorClaims(Math.ceil(this.size / MINI_SECTOR_SIZE), 'mini sector', (owner) => this.volume.describeOwner(owner));
    } catch (e) {
      this.containerError = e;
      throw e;
    }
    return this.container;
  }

  /** Walks a mini FAT chain of `expected` mini sectors from `start`, claiming them for `owner`. */
  chain(start: number, expected: number, owner: number, what: Describe): number[] {
    this.sectors();
    const claims = this.claims as SectorClaims;
    const out: number[] = [];
    let sector = start;
    while (out.length < expected) {
      if (sector === ENDOFCHAIN) corrupt(`${what()}: the mini chain ends after ${out.length} mini sectors, its size needs ${expected}`);
      claims.claim(sector, owner, out.length, what);
      out.push(sector);
      if (out.length === expected) break;
      if (sector >= this.miniFat.length) corrupt(`${what()}: the mini FAT has no entry for mini sector ${sector}`);
      sector = this.miniFat[sector] as number;
    }
    return out;
  }

  /** Reads `length` bytes at `offset` of a stream whose mini sectors are `chain`. */
  readChain(chain: readonly number[], offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    const runs = new RunReader(this.volume.source, out);
    const sectorSize = this.volume.sectorSize;
    const container = this.sectors();
    for (let pos = offset; pos < offset + length; ) {
      const index = Math.floor(pos / MINI_SECTOR_SIZE);
      const within = pos - index * MINI_SECTOR_SIZE;
      const n = Math.min(MINI_SECTOR_SIZE - within, offset + length - pos);
      const inMini = (chain[index] as number) * MINI_SECTOR_SIZE + within;
      const containerIndex = Math.floor(inMini / sectorSize);
      runs.add(this.volume.offsetOf(container[containerIndex] as number) + (inMini - containerIndex * sectorSize), pos - offset, n);
      pos += n;
    }
    runs.flush();
    return out;
  }
}
