import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LayeredMap } from '../../../src/providers/memory-store/LayeredMap.js';

type Op = { k: 'set'; key: number; v: string } | { k: 'delete'; key: number } | { k: 'freeze' } | { k: 'restore' };

describe('LayeredMap', () => {
  it('behaves as a Map (content and order) under sets, deletes, freezes and restores', () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ k: fc.constant('set' as const), key: fc.integer({ min: 0, max: 6 }), v: fc.string({ maxLength: 2 }) }),
      fc.record({ k: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 6 }) }),
      fc.constant({ k: 'freeze' as const }),
      fc.constant({ k: 'restore' as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let live = new LayeredMap<number, string>();
        let model = new Map<number, string>();
        let frozen: ReadonlyMap<number, string> = new Map();
        let frozenModel = new Map<number, string>();
        for (const o of ops) {
          if (o.k === 'set') {
            live.set(o.key, o.v);
            model.set(o.key, o.v);
          } else if (o.k === 'delete') {
            expect(live.delete(o.key)).toBe(model.delete(o.key));
          } else if (o.k === 'freeze') {
            frozen = live.freeze();
            frozenModel = new Map(model);
          } else {
            live = new LayeredMap(frozen);
            model = new Map(frozenModel);
          }
          expect([...live.entries()]).toEqual([...model.entries()]);
          expect(live.size).toBe(model.size);
          for (let k = 0; k <= 6; k++) expect(live.get(k)).toBe(model.get(k));
          // A frozen map never changes afterwards.
          expect([...frozen.entries()]).toEqual([...frozenModel.entries()]);
        }
      }),
    );
  });
});
