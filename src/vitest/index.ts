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
export type { ExpectedRow } from './rowMatchers.js';
export { createMapiTest, mapiTest } from './fixtures.js';
export type { MapiFixtures } from './fixtures.js';
export { describeStoreProviderContract, openServiceStore, storeServiceFor } from './storeContract.js';
export type { StoreCapabilities, ContractStore, StoreProviderContractFactory, ServiceStoreOptions, BackendServiceOptions } from './storeContract.js';
export { describeTransportProviderContract } from './transportContract.js';
export { describeAbProviderContract, openServiceAddressBook } from './abContract.js';
export type { AbCapabilities, AbProviderContractFactory, ContractAddressBook, ServiceAddressBookOptions } from './abContract.js';
export type { ContractAddress, TransportContractSetup, TransportProviderContractFactory } from './transportContract.js';

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends MapiMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends MapiMatchers {}
}
