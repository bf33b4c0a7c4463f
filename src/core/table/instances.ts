import { readStored } from '../restriction/read.js';
import type { SPropValue } from '../props/types.js';
import { PROP_ID, PROP_TYPE } from '../props/tags.js';
import { MV_INSTANCE } from '../generated/constants.js';
import type { TableRow } from './RowSource.js';
import { valueKey } from './valueKey.js';

/**
 * One instance of a row: the row as it appears once per value (or combination of values) of
 * the view's multivalued instance columns.
 * @see working-with-multivalued-columns.md
 */
export interface Instance {
  /** Identity within the row: the keys of its values ('' without MVI columns). */
  id: string;
  /** For each MVI column, the position of this instance's value in the property. */
  positions: number[];
  /** For each MVI column, this instance's single value (undefined when the row has none). */
  values: (SPropValue | undefined)[];
}

/**
 * The instances of a row: the cartesian product of its MVI columns' values (an absent or
 * empty property gives one instance without a value). An instance is identified by its
 * values (the n-th occurrence of a value, for repeated values), not their positions, so it
 * keeps its PR_INSTANCE_KEY, bookmarks and place when other values of the property are added
 * or removed (see docs/decisions/006-table-sort-and-categories.md).
 */
export function instanceCombos(row: TableRow, mviTags: number[], codePage: number): Instance[] {
  let combos: Instance[] = [{ id: '', positions: [], values: [] }];
  mviTags.forEach((tag, t) => {
    const stored = row.props.get(PROP_ID(tag));
    const mvType = PROP_TYPE(tag) & ~MV_INSTANCE; // the PT_MV_* type of the column
    // Read as the column's PT_MV_* type, as getProps would (PT_MV_STRING8 and PT_MV_UNICODE convert).
    const read = stored && readStored(stored, mvType, codePage);
    const arr = read && Array.isArray(read.Value) ? (read.Value as unknown[]) : [];
    const seen = new Map<string, number>();
    const singles = arr.length
      ? arr.map((Value) => {
          const v: SPropValue = { ulPropTag: tag >>> 0, Value: Value as SPropValue['Value'] };
          const k = valueKey(v);
          const n = seen.get(k) ?? 0;
          seen.set(k, n + 1);
          return { v, id: `${k}#${n}` };
        })
      : [{ v: undefined, id: '-' }];
    const next: Instance[] = [];
    for (const c of combos) {
      singles.forEach(({ v, id }, i) => next.push({ id: t === 0 ? id : `${c.id}\u0001${id}`, positions: [...c.positions, i], values: [...c.values, v] }));
    }
    combos = next;
  });
  return combos;
}

/** Orders the instances of one row by the positions of their values. @see working-with-multivalued-columns.md */
export function compareInstances(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d) return d;
  }
  return a.length - b.length;
}
