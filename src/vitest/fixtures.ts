/**
 * `test.extend` fixtures for MAPI client tests: a fresh world per test, the first user's
 * session, default store and Inbox, each made only when a test asks for it and torn down after.
 */
import { expect, test as base } from 'vitest';
import type { TestAPI } from 'vitest';
import type { IMAPISession } from '../core/session/interfaces.js';
import type { IMAPIFolder, IMsgStore } from '../core/store/interfaces.js';
import type { VirtualClock } from '../core/spi/clock.js';
import { createWorld, type World, type WorldOptions, type WorldUserName, type WorldUserSpec } from '../fixtures/world.js';
import { openDefaultStore, openInbox } from '../fixtures/open.js';
import { mapiMatchers } from './matchers.js';

/** The fixtures `mapiTest` adds to vitest's `test`. */
export interface MapiFixtures<N extends string = string> {
  /** A new world for the test (disposed after it), made from the options given to {@link createMapiTest}. */
  world: World<N, VirtualClock>;
  /** The first user's session (`world.logon(firstUser)`). */
  session: IMAPISession;
  /** The first user's default message store, opened for writing. */
  store: IMsgStore;
  /** The first user's Inbox, opened with MAPI_MODIFY. */
  inbox: IMAPIFolder;
}

/**
 * A vitest `test` with the MAPI fixtures `world`, `session`, `store` and `inbox` for a world
 * made with `options` (the first user is the one logged on). The mapi-emu matchers are
 * registered with `expect` when a world is made.
 * @example
 * const test = createMapiTest({ users: [{ name: 'alice', mailbox: { Inbox: [{ PR_SUBJECT_W: 'hi' }] } }, 'bob'] });
 * test('archives old mail', async ({ world, inbox }) => { ... });
 */
export function createMapiTest<const S extends WorldUserSpec>(options: Omit<WorldOptions<S, VirtualClock>, 'clock'>): TestAPI<MapiFixtures<WorldUserName<S>>> {
  const first = options.users[0];
  const firstName = (typeof first === 'string' ? first : first?.name) as WorldUserName<S> | undefined;
  return base.extend<MapiFixtures<WorldUserName<S>>>({
    // eslint-disable-next-line no-empty-pattern
    world: async ({}, use) => {
      expect.extend(mapiMatchers);
      const world = await createWorld<S, VirtualClock>(options);
      await use(world);
      await world.dispose();
    },
    session: async ({ world }, use) => {
      if (firstName === undefined) throw new Error('[mapi-emu] the session fixture needs a world with at least one user');
      await use(await world.logon(firstName));
    },
    store: async ({ session }, use) => {
      await use(await openDefaultStore(session));
    },
    inbox: async ({ store }, use) => {
      await use(await openInbox(store));
    },
  });
}

/** A vitest `test` with the MAPI fixtures over a world of the users `alice` (logged on) and `bob`. */
export const mapiTest: TestAPI<MapiFixtures<'alice' | 'bob'>> = createMapiTest({ users: ['alice', 'bob'] });
