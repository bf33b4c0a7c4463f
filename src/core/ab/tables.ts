import type { SPropValue } from '../props/types.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { TableRow } from '../table/RowSource.js';
import type { AbSession, LocatedContainer } from './AbSession.js';
import { MemoryRowSource, tableRow } from '../table/MemoryRowSource.js';
import { makeTable } from '../session/common.js';
import { PROP_ID } from '../props/tags.js';
import { valuesEqual } from '../props/values.js';
import { hexKey } from './AbSession.js';
import {
  PR_ADDRTYPE,
  PR_CONTAINER_FLAGS,
  PR_DEPTH,
  PR_DISPLAY_NAME,
  PR_DISPLAY_TYPE,
  PR_EMAIL_ADDRESS,
  PR_ENTRYID,
  PR_INSTANCE_KEY,
  PR_OBJECT_TYPE,
  PR_RECORD_KEY,
  PR_AB_PROVIDER_ID,
} from '../generated/proptags.js';

/** Default columns of an address-book contents table (contents-tables.md, address book containers). */
export const AB_CONTENTS_COLUMNS: readonly number[] = [PR_ADDRTYPE, PR_DISPLAY_NAME, PR_DISPLAY_TYPE, PR_ENTRYID, PR_INSTANCE_KEY, PR_OBJECT_TYPE, PR_RECORD_KEY, PR_EMAIL_ADDRESS];

/** Default columns of an address-book hierarchy table (hierarchy-tables.md). */
export const AB_HIERARCHY_COLUMNS: readonly number[] = [PR_DEPTH, PR_DISPLAY_NAME, PR_DISPLAY_TYPE, PR_ENTRYID, PR_INSTANCE_KEY, PR_OBJECT_TYPE, PR_CONTAINER_FLAGS, PR_AB_PROVIDER_ID];

/** The row of one entry (key: its entry ID in hex). */
export function entryRow(props: ReadonlyMap<number, SPropValue>): TableRow {
  const e = props.get(PROP_ID(PR_ENTRYID))?.Value;
  // Every address-book row has PR_ENTRYID (the core sets it); the display name is a last resort.
  return tableRow(e instanceof Uint8Array ? hexKey(e) : `name:${String(props.get(PROP_ID(PR_DISPLAY_NAME))?.Value)}`, props.values());
}

/** Hierarchy rows below `parent` (null: the provider tops of every provider), one level or (`deep`) the whole subtree with PR_DEPTH. */
export function hierarchyRows(ab: AbSession, parent: LocatedContainer | null, deep: boolean): TableRow[] {
  const all = ab.containers();
  const out: TableRow[] = [];
  const walk = (of: LocatedContainer | null, depth: number): void => {
    const children = all.filter((c) => (of === null ? c.record.parentId === null : c.at === of.at && c.record.parentId !== null && ab.same(c.at, c.record.parentId, of.record.entryId)));
    for (const c of children) {
      const props = ab.containerProps(c);
      props.set(PROP_ID(PR_DEPTH), { ulPropTag: PR_DEPTH, Value: depth });
      out.push(entryRow(props));
      if (deep) walk(c, depth + 1);
    }
  };
  walk(parent, 0);
  return out;
}

function sync(source: MemoryRowSource, rows: TableRow[]): void {
  const keys = new Set(rows.map((r) => r.key));
  source.batch(() => {
    for (const r of [...source.rows()]) if (!keys.has(r.key)) source.delete(r.key);
    for (const r of rows) {
      const old = source.get(r.key);
      if (!old || old.props.size !== r.props.size || [...r.props].some(([id, v]) => { const w = old.props.get(id); return !w || w.ulPropTag !== v.ulPropTag || !valuesEqual(w.Value, v.Value); })) source.upsert(r);
    }
  });
}

/**
 * A dynamic table over rows rebuilt from the providers after each change of their data
 * (TABLE_ROW_ADDED / MODIFIED / DELETED reach the table's sinks). The subscription ends when
 * the table is released or the session ends.
 */
export function liveTable(ab: AbSession, build: () => TableRow[], columns: readonly number[], unicode: boolean): IMAPITable {
  const source = new MemoryRowSource([], build());
  const table = makeTable(ab.mapi, source, columns, unicode);
  const off = ab.onChange(() => {
    if ((table as { isReleased?: boolean }).isReleased) off();
    else sync(source, build());
  });
  return table;
}
