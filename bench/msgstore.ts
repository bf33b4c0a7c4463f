/**
 * .msg store section of the benchmarks: a contents table of a reopened .msg-directory store
 * (src/providers/msg-store) served from the message summaries in the folder index, against the
 * same store with `summaries: false` (every row computed from the decoded .msg). The store holds
 * `messages` messages (500) in its Inbox, each with a body, two recipients and an attachment.
 * Each rep logs on through a new subsystem and service (a restart: nothing decoded or cached,
 * untimed), then, timed: opens the Inbox, reads PR_CONTENT_COUNT / PR_CONTENT_UNREAD, opens its
 * contents table, sets the columns a message list shows and reads the first 50 rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MapiSubsystem } from '../src/core/session/MapiSubsystem.js';
import { ManualScheduler } from '../src/core/notify/scheduler.js';
import { FILETIME } from '../src/core/props/filetime.js';
import { PROP_ID } from '../src/core/props/tags.js';
import type { SPropValue } from '../src/core/props/types.js';
import type { MessageRecord, NodeId, PropMap } from '../src/core/spi/store.js';
import type { IMAPIFolder, IMsgStore } from '../src/core/store/interfaces.js';
import type { IMAPISession } from '../src/core/session/interfaces.js';
import { MsgStoreBackend } from '../src/providers/msg-store/MsgStoreBackend.js';
import { msgStoreService, PR_MSGSTORE_PATH_W, type MsgStoreServiceOptions } from '../src/providers/msg-store/service.js';
import {
  ATTACH_BY_VALUE, MAPI_BEST_ACCESS, MAPI_BCC, MAPI_CC, MAPI_EXTENDED, MAPI_NEW_SESSION, MAPI_NO_MAIL, MAPI_TO, MAPI_UNICODE, MSGFLAG_READ,
} from '../src/core/generated/constants.js';
import {
  PR_ATTACH_DATA_BIN, PR_ATTACH_LONG_FILENAME_W, PR_ATTACH_METHOD, PR_BODY_W, PR_CONTENT_COUNT, PR_CONTENT_UNREAD, PR_DISPLAY_NAME_W,
  PR_DISPLAY_TO_W, PR_EMAIL_ADDRESS_W, PR_ENTRYID, PR_HASATTACH, PR_IMPORTANCE, PR_MESSAGE_CLASS_W, PR_MESSAGE_DELIVERY_TIME, PR_MESSAGE_FLAGS,
  PR_MESSAGE_SIZE, PR_RECIPIENT_TYPE, PR_SENDER_NAME_W, PR_SUBJECT_W, PR_ADDRTYPE_W,
} from '../src/core/generated/proptags.js';
import { compare, fmt, markdownTable } from './measure.js';
import type { BenchSection } from './tables.js';

/** Options of {@link runMsgStoreBenchmarks}. */
export interface MsgStoreBenchOptions {
  /** Fewer messages and repetitions. */
  quick?: boolean;
  /** Messages in the Inbox [500; 100 with quick]. */
  messages?: number;
  /** Progress messages (to stderr). */
  log?: (message: string) => void;
}

/** The columns of a message list. */
const COLUMNS = [
  PR_ENTRYID, PR_SUBJECT_W, PR_SENDER_NAME_W, PR_MESSAGE_DELIVERY_TIME, PR_MESSAGE_SIZE, PR_DISPLAY_TO_W, PR_HASATTACH, PR_MESSAGE_FLAGS,
  PR_IMPORTANCE, PR_MESSAGE_CLASS_W,
];
const BODY = 'The quarterly figures are attached; the summary follows below.\n'.repeat(40);

function props(values: SPropValue[]): PropMap {
  return new Map(values.map((v) => [PROP_ID(v.ulPropTag), v]));
}

/** A message of the benchmark's Inbox: body, two recipients, an attachment. */
function message(i: number, id: NodeId, folderId: NodeId): MessageRecord {
  return {
    id,
    folderId,
    associated: false,
    version: 1,
    props: props([
      { ulPropTag: PR_SUBJECT_W, Value: `Quarterly report ${i}` },
      { ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM.Note' },
      { ulPropTag: PR_SENDER_NAME_W, Value: `Sender ${i % 17}` },
      { ulPropTag: PR_MESSAGE_DELIVERY_TIME, Value: new FILETIME(133000000000000000n + BigInt(i) * 600_000_000n) },
      { ulPropTag: PR_MESSAGE_FLAGS, Value: i % 3 === 0 ? 0 : MSGFLAG_READ },
      { ulPropTag: PR_IMPORTANCE, Value: i % 3 },
      { ulPropTag: PR_BODY_W, Value: BODY },
    ]),
    recipients: [MAPI_TO, i % 2 ? MAPI_CC : MAPI_BCC].map((type, rowId) => ({
      rowId,
      props: props([
        { ulPropTag: PR_DISPLAY_NAME_W, Value: `Recipient ${rowId} of ${i}` },
        { ulPropTag: PR_ADDRTYPE_W, Value: 'SMTP' },
        { ulPropTag: PR_EMAIL_ADDRESS_W, Value: `r${rowId}.${i}@example.com` },
        { ulPropTag: PR_RECIPIENT_TYPE, Value: type },
      ]),
    })),
    attachments: [
      {
        num: 0,
        props: props([
          { ulPropTag: PR_ATTACH_METHOD, Value: ATTACH_BY_VALUE },
          { ulPropTag: PR_ATTACH_LONG_FILENAME_W, Value: `figures-${i}.csv` },
          { ulPropTag: PR_ATTACH_DATA_BIN, Value: new Uint8Array(4096).fill(i & 0xff) },
        ]),
      },
    ],
    nextAttachNum: 1,
    nextRowId: 2,
  };
}

/** A logon on the store directory through a new subsystem and service instance (a restart). */
async function logon(dir: string, options: MsgStoreServiceOptions): Promise<{ session: IMAPISession; store: IMsgStore; close: () => Promise<void> }> {
  const mapi = new MapiSubsystem({ scheduler: new ManualScheduler() });
  await mapi.MAPIInitialize();
  const service = msgStoreService({ durable: false, ...options });
  mapi.registerService(service);
  const admin = await mapi.MAPIAdminProfiles(0);
  await admin.createProfile('bench', null, 0);
  const services = await admin.adminServices('bench', null, 0);
  const uid = await services.createMsgServiceEx(service.name, null, 0);
  await services.configureMsgService(uid, 0, [{ ulPropTag: PR_MSGSTORE_PATH_W, Value: dir }]);
  const session = await mapi.MAPILogonEx('bench', null, MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_NO_MAIL | MAPI_UNICODE);
  const stores = await session.getMsgStoresTable(0);
  await stores.setColumns([PR_ENTRYID], 0);
  const [row] = await stores.queryRows(1, 0);
  const store = await session.openMsgStore(row?.lpProps[0]?.Value as Uint8Array, null, MAPI_BEST_ACCESS);
  return {
    session,
    store,
    close: async () => {
      await session.logoff(0);
      await mapi.flushNotifications();
      mapi.MAPIUninitialize();
    },
  };
}

/** Runs the .msg store benchmark and returns its results as a printable section. */
export async function runMsgStoreBenchmarks(options: MsgStoreBenchOptions = {}): Promise<BenchSection> {
  const log = options.log ?? (() => undefined);
  const count = options.messages ?? (options.quick ? 100 : 500);
  const reps = options.quick ? 3 : 7;
  const dir = join(mkdtempSync(join(tmpdir(), 'mapiemu-bench-msgstore-')), 'store');
  try {
    log(`msgstore: writing ${count} messages`);
    const made = await logon(dir, {});
    await made.close();
    const backend = MsgStoreBackend.open(dir, { durable: false });
    const inboxId = backend.specialFolders().inbox as NodeId;
    const writeStart = performance.now();
    for (let i = 0; i < count; i++) backend.putMessage(message(i, backend.newId(), inboxId));
    const writeMs = performance.now() - writeStart;

    const decodes = { summaries: 0, records: 0 };
    let open: Awaited<ReturnType<typeof logon>> | undefined;
    const contender = (name: 'summaries' | 'records') => ({
      name,
      prepare: async () => {
        await open?.close();
        open = await logon(dir, { summaries: name === 'summaries', onDecode: () => decodes[name]++ });
      },
      run: async () => {
        const store = (open as { store: IMsgStore }).store;
        const { lpEntryID } = await store.getReceiveFolder('IPM.Note', 0);
        const inbox = await store.openEntry<IMAPIFolder>(lpEntryID, null, MAPI_BEST_ACCESS);
        const counts = await inbox.getProps([PR_CONTENT_COUNT, PR_CONTENT_UNREAD]);
        const table = await inbox.getContentsTable(MAPI_UNICODE);
        await table.setColumns(COLUMNS, 0);
        const rows = await table.queryRows(50, 0);
        return `${String(counts[0]?.Value)}/${String(counts[1]?.Value)} ${rows.map((r) => `${String(r.lpProps[1]?.Value)}:${String(r.lpProps[4]?.Value)}:${String(r.lpProps[5]?.Value)}`).join(',')}`;
      },
    });
    log('msgstore: contents table after a restart');
    const result = await compare([contender('summaries'), contender('records')], reps, 1);
    await open?.close();
    if (result.check['summaries'] !== result.check['records']) throw new Error('[mapi-emu] bench msgstore: summaries and records give different rows');
    const ratio = 1 / (result.ratio['records'] as number);
    const perRep = (n: number) => fmt(n / (reps + 1));
    const table = markdownTable(
      ['contents table after a restart', 'ms', '.msg files decoded a rep', 'records time / summaries'],
      [
        ['summaries (default)', fmt(result.ms['summaries'] as number), perRep(decodes.summaries), `${fmt(ratio)}×`],
        ['`summaries: false`', fmt(result.ms['records'] as number), perRep(decodes.records), '1×'],
      ],
    );
    const line = `msgstore: summaries ${fmt(result.ms['summaries'] as number)} ms, records ${fmt(result.ms['records'] as number)} ms: ${fmt(ratio)}× faster with summaries`;
    log(line);
    console.error(line);
    return {
      title: '.msg store: contents tables from index summaries',
      body:
        `A .msg-directory store with ${count} messages in its Inbox (each: a ${BODY.length}-character body, two recipients, a 4 KB attachment), ` +
        `written in ${fmt(writeMs)} ms (${fmt(writeMs / count)} ms a message, \`durable: false\`). Each rep logs on through a new subsystem ` +
        '(a restart; untimed), then opens the Inbox, reads PR_CONTENT_COUNT and PR_CONTENT_UNREAD, opens its contents table, sets ten ' +
        'message-list columns (entry ID, subject, sender, delivery time, size, display-to, has-attachment, flags, importance, class) and reads ' +
        `the first 50 rows. Medians of ${reps} interleaved reps; both give the same rows (checked). With summaries the rows and counts come ` +
        'from the folder index; with `summaries: false` every message is decoded, by the counts and again by the table (which computes all ' +
        `its rows, not only the 50 shown), as ${count} messages do not fit the LRU of 256 decoded messages.\n\n` +
        table,
    };
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}
