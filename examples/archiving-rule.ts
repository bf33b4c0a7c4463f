// A small MAPI client: an archiving rule that moves mail older than N days from a folder to an
// archive folder. It is written against the MAPI interfaces only, so it runs unchanged against
// Outlook's MAPI; examples/archiving-rule.test.ts tests it with mapi-emu's world, matchers,
// fault injection and a property test (docs/testing.md).
import {
  FILETIME,
  MapiError,
  MESSAGE_MOVE,
  PR_ENTRYID,
  PR_MESSAGE_DELIVERY_TIME,
  RELOP_LT,
  RES_PROPERTY,
  MAPI_E_NETWORK_ERROR,
  type IMAPIFolder,
  type SRow,
} from '../src/index.js';

/** Options of {@link archiveOldMail}. */
export interface ArchiveOptions {
  /** Mail delivered more than this many days before `now` is moved. */
  olderThanDays: number;
  /** The current time (pass the clock of your world in tests). */
  now: () => Date;
  /** Attempts of each table read before a network error is given up on [3]. */
  attempts?: number;
}

/** queryRows, retried on MAPI_E_NETWORK_ERROR (a dropped connection to the server). */
async function queryRowsWithRetry(read: () => Promise<SRow[]>, attempts: number): Promise<SRow[]> {
  for (let i = 1; ; i++) {
    try {
      return await read();
    } catch (e) {
      if (!MapiError.is(e, MAPI_E_NETWORK_ERROR) || i >= attempts) throw e;
    }
  }
}

/**
 * Moves every message of `source` delivered before `now - olderThanDays` to `archive`, in
 * batches of 50; resolves with the number moved.
 */
export async function archiveOldMail(source: IMAPIFolder, archive: IMAPIFolder, options: ArchiveOptions): Promise<number> {
  const cutoff = FILETIME.fromDate(new Date(options.now().getTime() - options.olderThanDays * 86_400_000));
  const table = await source.getContentsTable(0);
  await table.setColumns([PR_ENTRYID], 0);
  await table.restrict({ rt: RES_PROPERTY, relop: RELOP_LT, ulPropTag: PR_MESSAGE_DELIVERY_TIME, lpProp: { ulPropTag: PR_MESSAGE_DELIVERY_TIME, Value: cutoff } }, 0);
  const ids: Uint8Array[] = [];
  for (;;) {
    const rows = await queryRowsWithRetry(() => table.queryRows(50, 0), options.attempts ?? 3);
    if (rows.length === 0) break;
    for (const r of rows) ids.push(r.lpProps[0]?.Value as Uint8Array);
  }
  table.release();
  // Moving after reading: moving while reading would shift the rows under the cursor.
  for (let i = 0; i < ids.length; i += 50) await source.copyMessages(ids.slice(i, i + 50), null, archive, null, MESSAGE_MOVE);
  return ids.length;
}
