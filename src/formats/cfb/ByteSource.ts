/**
 * Where a compound file's bytes come from. The reader asks only for the ranges it needs, so a
 * large file can stay on disk ({@link fileByteSource}) or in memory ({@link bytesSource}).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Random access to the bytes of a file. `read` returns the bytes in
 * `[offset, min(offset + length, size))`: fewer than `length` only at the end of the source.
 * The caller does not keep or modify the returned array beyond copying from it.
 */
export interface ByteSource {
  /** Total length in bytes. */
  readonly size: number;
  /** The bytes at `offset`, at most `length` of them (fewer only at the end). */
  read(offset: number, length: number): Uint8Array;
}

/** A {@link ByteSource} over bytes already in memory (no copy: reads are views). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => bytes.subarray(offset, Math.min(offset + length, bytes.length)),
  };
}

/** A {@link ByteSource} over an open file; `close()` closes the descriptor when this source opened it. */
export interface FileByteSource extends ByteSource {
  /** Closes the file (a no-op for a descriptor passed in by the caller). */
  close(): void;
}

/**
 * A {@link ByteSource} that reads a file on demand with positioned reads, so opening a large
 * compound file loads only its header, allocation tables and directory. Pass a path (the source
 * opens the file read-only and `close()` closes it) or a descriptor the caller keeps owning.
 * The file must not change while it is read.
 */
export function fileByteSource(file: string | number): FileByteSource {
  const owned = typeof file === 'string';
  const fd = owned ? openSync(file, 'r') : file;
  const size = fstatSync(fd).size;
  let closed = false;
  return {
    size,
    read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const out = new Uint8Array(n);
      let done = 0;
      while (done < n) {
        const got = readSync(fd, out, done, n - done, offset + done);
        if (got === 0) break; // the file shrank under us: return what is there
        done += got;
      }
      return done === n ? out : out.subarray(0, done);
    },
    close() {
      if (owned && !closed) closeSync(fd);
      closed = true;
    },
  };
}
