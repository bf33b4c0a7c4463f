import { describe, expect, it, afterEach } from 'vitest';
import { createWorld, type World } from '../../../src/fixtures/world.js';
import type { IAddrBook, IABContainer } from '../../../src/core/ab/interfaces.js';
import { templateEntryId } from '../../../src/core/ab/templates.js';
import { MAPI_MAILUSER, MAPI_MODIFY, MAPI_UNICODE } from '../../../src/core/generated/constants.js';
import { PR_DISPLAY_NAME } from '../../../src/core/generated/proptags.js';

let world: World | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

async function names(ab: IAddrBook): Promise<unknown[]> {
  const c = await ab.openEntry<IABContainer>(await ab.getPAB(), null, 0);
  const t = await c.getContentsTable(MAPI_UNICODE);
  await t.setColumns([PR_DISPLAY_NAME], 0);
  return (await t.queryRows(100, 0)).map((r) => r.lpProps[0]!.Value);
}

describe('personal address book service', () => {
  it('keeps a profile\'s contacts across sessions and apart from other profiles', async () => {
    world = await createWorld({ users: ['alice', 'bob'] });
    const s1 = await world.logon('alice');
    const ab1 = (await s1.openAddressBook(null, 0)) as IAddrBook;
    const c = await ab1.openEntry<IABContainer>(await ab1.getPAB(), null, MAPI_MODIFY);
    const u = await c.createEntry(templateEntryId(MAPI_MAILUSER), 0);
    await u.setProps([{ ulPropTag: PR_DISPLAY_NAME, Value: 'Friend' }]);
    await u.saveChanges(0);
    await s1.logoff(0);
    const s2 = await world.logon('alice');
    expect(await names((await s2.openAddressBook(null, 0)) as IAddrBook)).toEqual(['Friend']);
    const s3 = await world.logon('bob');
    expect(await names((await s3.openAddressBook(null, 0)) as IAddrBook)).toEqual([]);
  });

  it('shows a contact added by one session in another session\'s open contents table', async () => {
    world = await createWorld({ users: ['alice'] });
    const a = (await (await world.logon('alice')).openAddressBook(null, 0)) as IAddrBook;
    const b = (await (await world.logon('alice')).openAddressBook(null, 0)) as IAddrBook;
    const t = await (await b.openEntry<IABContainer>(await b.getPAB(), null, 0)).getContentsTable(0);
    const c = await a.openEntry<IABContainer>(await a.getPAB(), null, MAPI_MODIFY);
    const u = await c.createEntry(templateEntryId(MAPI_MAILUSER), 0);
    await u.setProps([{ ulPropTag: PR_DISPLAY_NAME, Value: 'Shared' }]);
    await u.saveChanges(0);
    expect(await t.getRowCount(0)).toBe(1);
  });
});
