/**
 * mapi-emu/vitest: matchers for MAPI client tests. vitest is an optional peer dependency.
 *
 * @example
 * import { expect } from 'vitest';
 * import { mapiMatchers } from 'mapi-emu/vitest';
 * expect.extend(mapiMatchers);
 * await expect(folder.openEntry(bad)).rejects.toBeMapiError(MAPI_E_NOT_FOUND);
 *
 * @packageDocumentation
 */
import type { MapiMatchers } from './matchers.js';
// Brings vitest's declarations into the program so the augmentation below has a module to merge into.
import type {} from 'vitest';

export { mapiMatchers } from './matchers.js';
export type { MapiMatchers, MatcherResult } from './matchers.js';
export { describeStoreProviderContract, openServiceStore, storeServiceFor } from './storeContract.js';
export type { StoreCapabilities, ContractStore, StoreProviderContractFactory, ServiceStoreOptions, BackendServiceOptions } from './storeContract.js';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends MapiMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends MapiMatchers {}
}
