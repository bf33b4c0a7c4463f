import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA, MAPI_E_DISK_ERROR } from '../../core/generated/scodes.js';
import { hex } from './errors.js';

/**
 * Random, synchronous access to the bytes of a PST/OST file. The reader never asks for more
 * than one page or block at a time (at most 64 KiB), so a source over a file descriptor keeps
 * memory flat however large the file is.
 */
export interface ByteSource {
  /** Total length in bytes. */
  readonly size: number;
  /**
   * `length` bytes from `offset`. The caller only asks for ranges inside `[0, size)`; a
   * source may return a view of its own storage, which the caller must not modify.
   */
  read(offset: number, length: number): Uint8Array;
  /** Releases the underlying resource (a file descriptor); a no-op for memory sources. */
  close?(): void;
}

/** Checks a requested range against the source, as every read of untrusted offsets must. */
export function checkRange(source: ByteSource, offset: number, length: number, what: string): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > source.size) {
    throw new MapiError(
      MAPI_E_CORRUPT_DATA,
      `[MS-PST] ${what}: bytes ${hex(offset)}..+${hex(length)} lie outside the file (size ${hex(source.size)})`,
    );
  }
}

/** A {@link ByteSource} over bytes already in memory (no copy). */
export class Uint8ArraySource implements ByteSource {
  readonly size: number;

  /** Wraps `bytes`; later changes to `bytes` are visible through the source. */
  constructor(private readonly bytes: Uint8Array) {
    this.size = bytes.length;
  }

  read(offset: number, length: number): Uint8Array {
    checkRange(this, offset, length, 'read');
    return this.bytes.subarray(offset, offset + length);
  }
}

/**
 * A {@link ByteSource} over an open file descriptor, read with `fs.readSync` on demand.
 * {@link FileSource.open} opens a path read-only; `close()` closes a descriptor it opened.
 */
export class FileSource implements ByteSource {
  readonly size: number;
  private closed = false;

  /** Wraps an open descriptor; `ownsFd` makes `close()` close it. */
  constructor(
    private readonly fd: number,
    private readonly ownsFd = false,
  ) {
    this.size = fstatSync(fd).size;
  }

  /** Opens `path` read-only. */
  static open(path: string): FileSource {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      throw new MapiError(MAPI_E_DISK_ERROR, `cannot open ${path}: ${(e as Error).message}`);
    }
    return new FileSource(fd, true);
  }

  read(offset: number, length: number): Uint8Array {
    checkRange(this, offset, length, 'read');
    if (this.closed) throw new MapiError(MAPI_E_DISK_ERROR, 'read from a closed PST file source');
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, out, done, length - done, offset + done);
      if (n <= 0) throw new MapiError(MAPI_E_DISK_ERROR, `short read at ${hex(offset + done)}`);
      done += n;
    }
    return out;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsFd) closeSync(this.fd);
  }
}
