import { describe, expect } from 'vitest';
import { createMapiTest, mapiTest } from '../../src/vitest/index.js';
import { generateMailbox } from '../../src/fixtures/generate.js';
import { PR_DISPLAY_NAME_W, PR_SUBJECT_W, PR_TITLE_W } from '../../src/core/generated/proptags.js';
import { MAPI_E_NETWORK_ERROR } from '../../src/core/generated/scodes.js';
import { onCall } from '../../src/core/mock/handlers.js';

describe('mapiTest', () => {
  mapiTest('gives a world, the first user session, store and Inbox', async ({ world, store, inbox }) => {
    expect(Object.keys(world.users)).toEqual(['alice', 'bob']);
    await expect(store).toHaveProp(PR_DISPLAY_NAME_W, 'Mailbox - alice');
    await expect(inbox).toHaveProp(PR_DISPLAY_NAME_W, 'Inbox');
    await expect(await inbox.getContentsTable(0)).toHaveRows([]);
  });

  mapiTest('gives each test a fresh world', async ({ inbox }) => {
    const m = await inbox.createMessage(null, 0);
    await m.saveChanges(0);
    await expect(await inbox.getContentsTable(0)).toHaveRows([{}]);
  });

  mapiTest('matchers see injected faults', async ({ world, inbox }) => {
    world.mock.use(onCall('IMAPIFolder.getContentsTable').fail(MAPI_E_NETWORK_ERROR));
    await expect(inbox.getContentsTable(0)).rejects.toBeMapiError(MAPI_E_NETWORK_ERROR);
  });
});

describe('createMapiTest', () => {
  const test = createMapiTest({
    users: [{ name: 'carol', details: { PR_TITLE_W: 'CFO' }, mailbox: { Inbox: [{ PR_SUBJECT_W: 'seeded' }] } }],
  });

  test('seeds the first user mailbox and directory details', async ({ world, inbox }) => {
    const t = await inbox.getContentsTable(0);
    await t.setColumns([PR_SUBJECT_W], 0);
    await expect(t).toHaveRows([{ PR_SUBJECT_W: 'seeded' }]);
    expect(world.server.user('carol')?.props).toEqual([{ ulPropTag: PR_TITLE_W, Value: 'CFO' }]);
    expect(world.users.carol.details).toEqual([{ ulPropTag: PR_TITLE_W, Value: 'CFO' }]);
  });
});

describe('generateMailbox', () => {
  mapiTest('is deterministic by seed and seeds through the world', async ({ world }) => {
    const a = generateMailbox({ messages: 40, seed: 3 });
    expect(generateMailbox({ messages: 40, seed: 3 })).toEqual(a);
    expect(generateMailbox({ messages: 40, seed: 4 })).not.toEqual(a);
    const all = Object.values(a).flat();
    expect(all).toHaveLength(40);
    expect(all.some((m) => m['PR_SUBJECT_PREFIX_W'] === 'RE: ')).toBe(true);
    expect(all.some((m) => Array.isArray(m.attachments))).toBe(true);
    await expect(world.seed('alice', a)).resolves.toBe(40);
    const json = await world.toJSON('alice');
    expect(Object.values(json).flat()).toHaveLength(40);
    expect(() => generateMailbox({ threadRatio: 2 })).toThrow(/threadRatio/);
  });
});
