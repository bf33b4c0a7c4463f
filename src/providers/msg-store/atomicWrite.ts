/**
 * Crash-safe file replacement: write a temporary file beside the target, flush it to disk,
 * rename it over the target, flush the directory. A reader (or a restart after a crash) sees
 * the old file or the new one, never a half-written one.
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Prefix of the temporary files of {@link writeFileAtomic}: dot-files the store never lists and removes when it opens. */
export const TEMP_PREFIX = '.tmp-';

/** Hooks of the write path, for crash tests. */
export interface WriteHooks {
  /**
   * Called after the temporary file is written and flushed, before it is renamed over the
   * target. Throwing here simulates a crash at the worst moment: the temporary file stays,
   * the target keeps its old content.
   */
  beforeRename?(target: string, temp: string): void;
}

let tempCounter = 0;

/** Flushes a directory's entries (the rename) to disk; a no-op where directories cannot be opened (Windows). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Replaces `target` with `data` atomically: `.tmp-<name>-<pid>-<n>` in the same directory,
 * written, fsync'd, renamed, directory fsync'd. On failure the temporary file is removed
 * (unless a hook simulated a crash) and the error rethrown.
 * @param durable false skips the fsync calls (faster; still atomic against other readers, not against power loss)
 */
export function writeFileAtomic(target: string, data: Uint8Array | string, durable = true, hooks?: WriteHooks): void {
  const dir = dirname(target);
  const temp = join(dir, `${TEMP_PREFIX}${basename(target)}-${process.pid}-${++tempCounter}`);
  const fd = openSync(temp, 'wx');
  let crashed = false;
  try {
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let at = 0;
      while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (hooks?.beforeRename) {
      crashed = true;
      hooks.beforeRename(target, temp);
      crashed = false;
    }
    renameSync(temp, target);
  } catch (e) {
    if (!crashed) {
      try {
        unlinkSync(temp);
      } catch {
        // Already gone.
      }
    }
    throw e;
  }
  if (durable) fsyncDir(dir);
}
