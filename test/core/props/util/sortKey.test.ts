import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { valueKinds, propOf } from './arbitraries.js';
import { LPropCompareProp } from '../../../../src/core/props/util/compare.js';
import { compareSortKeys, sortKeyOf } from '../../../../src/core/props/util/sortKey.js';
import { PT_ERROR } from '../../../../src/core/generated/proptypes.js';
import { PROP_TYPE } from '../../../../src/core/props/tags.js';

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe('sortKeyOf', () => {
  for (const kind of valueKinds.filter((k) => PROP_TYPE(k.tag) !== 0x0001)) {
    it(`orders ${kind.name} keys exactly as LPropCompareProp orders the values`, () => {
      fc.assert(
        fc.property(propOf(kind), propOf(kind), (a, b) => {
          expect(sign(compareSortKeys(sortKeyOf(a), sortKeyOf(b)))).toBe(sign(LPropCompareProp(a, b)));
        }),
        { numRuns: 300 },
      );
    });
  }

  it('keeps strings with case and accent ties in lstrcmp order', () => {
    const words = ['b', 'A', 'a', 'é', 'e', 'E', 'ab', 'a\u0000z'];
    const asProp = (Value: string) => ({ ulPropTag: 0x0037001f, Value });
    const byKeys = [...words].sort((x, y) => compareSortKeys(sortKeyOf(asProp(x)), sortKeyOf(asProp(y))));
    const byCompare = [...words].sort((x, y) => LPropCompareProp(asProp(x), asProp(y)));
    expect(byKeys).toEqual(byCompare);
  });

  void PT_ERROR;
});
