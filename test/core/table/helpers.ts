import { MapiTable, type MapiTableOptions } from '../../../src/core/table/MapiTable.js';
import { MemoryRowSource, tableRow } from '../../../src/core/table/MemoryRowSource.js';
import { NotificationHub } from '../../../src/core/notify/NotificationHub.js';
import { ManualScheduler } from '../../../src/core/notify/scheduler.js';
import type { SPropValue, SRow } from '../../../src/core/props/types.js';
import { PR_INSTANCE_KEY } from '../../../src/core/generated/proptags.js';

/** A table over an in-memory row source, with a manual scheduler so tests decide when notifications arrive. */
export function makeTable(rows: { key: string; props: SPropValue[] }[], columns: number[], opts: Partial<MapiTableOptions> = {}) {
  const source = new MemoryRowSource(columns, rows.map((r) => tableRow(r.key, r.props)));
  const scheduler = new ManualScheduler();
  const hub = new NotificationHub({ scheduler });
  const table = new MapiTable(source, { hub, scheduler, ...opts });
  return { source, table, hub, scheduler };
}

/** The value of a column in a row, by tag (undefined when it is an error). */
export function cell(row: SRow | undefined, tag: number): unknown {
  const p = row?.lpProps.find((v) => v.ulPropTag === tag);
  return p?.Value;
}

/** Instance key of a row. */
export function ikey(row: SRow | undefined): Uint8Array {
  return cell(row, PR_INSTANCE_KEY) as Uint8Array;
}
