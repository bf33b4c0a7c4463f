import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CreateIProp } from '../../../src/core/props/PropData.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { TestProp, newNamedMap } from './helpers.js';
import type { IMAPIProp } from '../../../src/core/props/interfaces.js';

/** Anything a careless caller might pass: wrong types, null, huge numbers, nested junk. */
const junk = fc.oneof(
  fc.constantFrom(null, undefined, NaN, Infinity, -1, 0x7fffffff, 2 ** 53, '', 'PR_SUBJECT', true, {}, [], [null], [{}], [1, 'x']),
  fc.anything({ maxDepth: 2 }),
  fc.array(fc.record({ ulPropTag: fc.oneof(fc.integer(), fc.string()), Value: fc.anything({ maxDepth: 1 }) }), { maxLength: 3 }),
);

const methods: [string, number][] = [
  ['getProps', 2],
  ['getPropList', 1],
  ['setProps', 1],
  ['deleteProps', 1],
  ['saveChanges', 1],
  ['openProperty', 4],
  ['copyTo', 6],
  ['copyProps', 5],
  ['getIDsFromNames', 2],
  ['getNamesFromIDs', 3],
  ['getLastError', 2],
  ['queryInterface', 1],
];

function objects(): IMAPIProp[] {
  return [CreateIProp(), new TestProp([], { namedProps: newNamedMap(), transacted: true })];
}

describe('IMAPIProp with bad input', () => {
  it('every method resolves or rejects with MapiError, never a TypeError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.array(junk, { minLength: 0, maxLength: 6 }), fc.boolean(), async ([name, arity], args, second) => {
        const obj = objects()[second ? 1 : 0] as IMAPIProp;
        const fn = (obj as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name] as (...a: unknown[]) => Promise<unknown>;
        let error: unknown;
        try {
          await fn.apply(obj, args.slice(0, arity));
        } catch (e) {
          error = e;
        }
        if (error !== undefined) {
          expect(error).toBeInstanceOf(MapiError);
          expect((error as MapiError).message).not.toMatch(/internal error/);
        }
      }),
      { numRuns: 600 },
    );
  });
});
