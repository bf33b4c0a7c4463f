// Tests of the archiving rule with mapi-emu's testing toolkit (docs/testing.md).
import { describe, expect } from 'vitest';
import fc from 'fast-check';
import { archiveOldMail } from './archiving-rule.js';
import { createMapiTest } from '../src/vitest/index.js';
import { openDefaultStore, openFolder, openInbox } from '../src/fixtures/index.js';
import { FILETIME, onCall, PR_SUBJECT_W, PR_MESSAGE_DELIVERY_TIME, MAPI_E_NETWORK_ERROR } from '../src/index.js';

const day = 86_400_000;
// The world's clock starts at 2026-01-01T00:00:00Z.
const test = createMapiTest({
  users: [
    {
      name: 'alice',
      mailbox: {
        Inbox: [
          { PR_SUBJECT_W: 'old report', PR_MESSAGE_DELIVERY_TIME: '2025-10-01T09:00:00Z' },
          { PR_SUBJECT_W: 'last week', PR_MESSAGE_DELIVERY_TIME: '2025-12-25T09:00:00Z' },
          { PR_SUBJECT_W: 'older invoice', PR_MESSAGE_DELIVERY_TIME: '2025-06-30T09:00:00Z' },
        ],
        Archive: [],
      },
    },
  ],
});

describe('archiveOldMail', () => {
  test('moves mail older than the limit and keeps the rest', async ({ world, store, inbox }) => {
    const archive = await openFolder(store, 'Archive');
    const now = () => world.clock.now().toDate();
    await expect(archiveOldMail(inbox, archive, { olderThanDays: 30, now })).resolves.toBe(2);

    const left = await inbox.getContentsTable(0);
    await left.setColumns([PR_SUBJECT_W], 0);
    await expect(left).toHaveRows([{ PR_SUBJECT_W: 'last week' }]);
    const moved = await archive.getContentsTable(0);
    await moved.setColumns([PR_SUBJECT_W], 0);
    await expect(moved).toHaveRows([{ PR_SUBJECT_W: 'old report' }, { PR_SUBJECT_W: 'older invoice' }]);
  });

  test('archives more as time passes', async ({ world, store, inbox }) => {
    const archive = await openFolder(store, 'Archive');
    const now = () => world.clock.now().toDate();
    await archiveOldMail(inbox, archive, { olderThanDays: 30, now });
    await world.advance(30 * day);
    await expect(archiveOldMail(inbox, archive, { olderThanDays: 30, now })).resolves.toBe(1);
  });

  test('retries a dropped connection while reading the table', async ({ world, store, inbox }) => {
    const archive = await openFolder(store, 'Archive');
    // From here on, the first queryRows (the rule's first table read) fails.
    world.mock.use(onCall('IMAPITable.queryRows').nth(1).fail(MAPI_E_NETWORK_ERROR));
    await expect(archiveOldMail(inbox, archive, { olderThanDays: 30, now: () => world.clock.now().toDate() })).resolves.toBe(2);
    expect(world.mock.calls.count({ interfaceName: 'IMAPITable', method: 'queryRows', scode: MAPI_E_NETWORK_ERROR })).toBe(1);
  });

  test('gives up when the network stays down, and moves nothing', async ({ world, store, inbox }) => {
    const archive = await openFolder(store, 'Archive');
    world.mock.use(onCall('IMAPITable.queryRows').fail(MAPI_E_NETWORK_ERROR));
    world.mock.calls.clear();
    await expect(archiveOldMail(inbox, archive, { olderThanDays: 30, now: () => world.clock.now().toDate() })).rejects.toBeMapiError(MAPI_E_NETWORK_ERROR);
    expect(world.mock.calls.count('IMAPITable.queryRows')).toBe(3);
    world.mock.resetHandlers();
    await expect(await inbox.getContentsTable(0)).toHaveRows([{}, {}, {}]);
  });

  test('property: afterwards the Inbox holds exactly the mail newer than the cutoff', async ({ world }) => {
    const clean = world.snapshot();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 8 }), fc.integer({ min: 0, max: 365 }), async (ages, limit) => {
        await world.restore(clean);
        const store = await openDefaultStore(await world.logon('alice'));
        const inbox = await openInbox(store);
        const now = world.clock.now().toDate();
        for (const age of ages) {
          const m = await inbox.createMessage(null, 0);
          await m.setProps([{ ulPropTag: PR_MESSAGE_DELIVERY_TIME, Value: FILETIME.fromDate(new Date(now.getTime() - age * day)) }]);
          await m.saveChanges(0);
        }
        const moved = await archiveOldMail(inbox, await openFolder(store, 'Archive'), { olderThanDays: limit, now: () => now });
        // The seeded mail is 6.625, 91.625 and 184.625 days old; the drawn mail `ages` days.
        const old = [...ages, 6.625, 91.625, 184.625].filter((a) => a > limit).length;
        expect(moved).toBe(old);
        expect(await (await inbox.getContentsTable(0)).getRowCount(0)).toBe(ages.length + 3 - old);
      }),
      { numRuns: 15 },
    );
  });
});
