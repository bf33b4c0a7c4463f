import { PROP_ID } from '../../../src/core/props/tags.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import type { RestrictionTarget } from '../../../src/core/restriction/read.js';
import { PR_MESSAGE_ATTACHMENTS, PR_MESSAGE_RECIPIENTS } from '../../../src/core/generated/proptags.js';

/** An SPropValue. */
export const p = (ulPropTag: number, Value: SPropValue['Value']): SPropValue => ({ ulPropTag: ulPropTag >>> 0, Value });

/** Sub-object tables of a test row. */
export interface SubTables {
  recipients?: SPropValue[][];
  attachments?: SPropValue[][];
}

/** A row over a property list, looked up by identifier as a store does; optional recipient / attachment rows. */
export function row(props: SPropValue[], subs: SubTables = {}): RestrictionTarget {
  const byId = new Map<number, SPropValue>();
  for (const v of props) byId.set(PROP_ID(v.ulPropTag), v);
  return {
    get: (tag) => byId.get(PROP_ID(tag)),
    subObjects: (sub) => {
      const rows = sub === PR_MESSAGE_RECIPIENTS ? subs.recipients : sub === PR_MESSAGE_ATTACHMENTS ? subs.attachments : undefined;
      return rows?.map((r) => row(r));
    },
  };
}
