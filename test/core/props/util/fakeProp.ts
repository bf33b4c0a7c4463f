import type { IMAPIProp } from '../../../../src/core/props/interfaces.js';
import type { SPropProblemArray, SPropTagArray, SPropValue } from '../../../../src/core/props/types.js';
import { CHANGE_PROP_TYPE, PROP_ID, PROP_TYPE } from '../../../../src/core/props/tags.js';
import { PT_ERROR, PT_UNSPECIFIED } from '../../../../src/core/generated/proptypes.js';
import { MAPI_E_NOT_FOUND, MAPI_E_NO_SUPPORT } from '../../../../src/core/generated/scodes.js';
import { MapiError } from '../../../../src/core/errors/MapiError.js';

/**
 * A minimal IMAPIProp over a list of values, enough for the utility functions: getProps gives
 * PT_ERROR MAPI_E_NOT_FOUND for missing tags, `errors` overrides the scode per tag, and
 * `readOnly` tags come back from setProps as problems.
 */
export function fakeProp(
  values: SPropValue[],
  opts: { errors?: Map<number, number>; readOnly?: Map<number, number>; failGetPropList?: boolean } = {},
): IMAPIProp & { stored: SPropValue[] } {
  const stored = [...values];
  const unsupported = () => Promise.reject(new MapiError(MAPI_E_NO_SUPPORT));
  return {
    stored,
    queryInterface: unsupported,
    release: () => undefined,
    getLastError: () => Promise.resolve(null),
    saveChanges: () => Promise.resolve(),
    async getProps(tags: SPropTagArray | null) {
      return (tags ?? stored.map((p) => p.ulPropTag)).map((tag) => {
        const err = opts.errors?.get(tag);
        if (err !== undefined) return { ulPropTag: CHANGE_PROP_TYPE(tag, PT_ERROR), Value: err };
        const found = stored.find((p) => p.ulPropTag === tag || (PROP_TYPE(tag) === PT_UNSPECIFIED && PROP_ID(p.ulPropTag) === PROP_ID(tag)));
        return found ?? { ulPropTag: CHANGE_PROP_TYPE(tag, PT_ERROR), Value: MAPI_E_NOT_FOUND };
      });
    },
    async getPropList() {
      if (opts.failGetPropList) throw new MapiError(MAPI_E_NO_SUPPORT);
      return stored.map((p) => p.ulPropTag);
    },
    openProperty: unsupported,
    async setProps(props: SPropValue[]): Promise<SPropProblemArray> {
      const problems: SPropProblemArray = [];
      props.forEach((p, ulIndex) => {
        const sc = opts.readOnly?.get(p.ulPropTag);
        if (sc !== undefined) problems.push({ ulIndex, ulPropTag: p.ulPropTag, scode: sc });
        else {
          const i = stored.findIndex((q) => PROP_ID(q.ulPropTag) === PROP_ID(p.ulPropTag));
          if (i >= 0) stored.splice(i, 1);
          stored.push(p);
        }
      });
      return problems;
    },
    deleteProps: unsupported,
    copyTo: unsupported,
    copyProps: unsupported,
    getNamesFromIDs: unsupported,
    getIDsFromNames: unsupported,
  };
}
