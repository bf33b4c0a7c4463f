// The README's createWorld example, kept here so it is type-checked and run by the test suite.
import {
  HrGetOneProp,
  PR_ENTRYID,
  PR_DEFAULT_STORE,
  PR_SUBJECT_W,
  MAPI_UNICODE,
  MAPI_MODIFY,
  MDB_WRITE,
  fnevTableModified,
  type IMAPIFolder,
  type NOTIFICATION,
} from '../src/index.js';
import { createWorld } from '../src/fixtures/index.js';

/** Runs the README example and returns what it printed. */
export async function worldInbox(log: (...args: unknown[]) => void = console.log): Promise<void> {
  const world = await createWorld({ users: ['alice'] }); // virtual clock, seeded ids, manual scheduler
  try {
    const session = await world.logon('alice');

    // Find the default store in the message stores table, as a MAPI client does.
    const stores = await session.getMsgStoresTable(MAPI_UNICODE);
    await stores.setColumns([PR_ENTRYID, PR_DEFAULT_STORE], 0);
    const rows = await stores.queryRows(10, 0);
    const row = rows.find((r) => r.lpProps[1]?.Value === true);
    const store = await session.openMsgStore(row?.lpProps[0]?.Value as Uint8Array, null, MDB_WRITE);

    const { lpEntryID } = await store.getReceiveFolder('IPM.Note', 0);
    const inbox = await store.openEntry<IMAPIFolder>(lpEntryID, null, MAPI_MODIFY);

    // A table open on the Inbox hears about the new message once notifications are flushed.
    const contents = await inbox.getContentsTable(MAPI_UNICODE);
    await contents.setColumns([PR_SUBJECT_W], 0);
    const heard: NOTIFICATION[] = [];
    await contents.advise(fnevTableModified, { onNotify: (n) => void heard.push(...n) });

    const message = await inbox.createMessage(null, 0);
    await message.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'hello from the world' }]);
    await message.saveChanges(0);
    log((await HrGetOneProp(message, PR_SUBJECT_W)).Value);

    await world.flush(); // deliver notifications now, deterministically
    log(heard.length, (await contents.queryRows(10, 0)).map((r) => r.lpProps[0]?.Value));
  } finally {
    await world.dispose();
  }
}
