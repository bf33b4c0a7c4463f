/**
 * Mail-flow section of the benchmarks: messages per second through submit → spooler →
 * loopback transport → delivery, each message to 10 recipients, in a world made by
 * createWorld (eleven users on one MemoryServer). A message counts once it is in all ten
 * Inboxes and its sent copy in Sent Items.
 */
import { createWorld } from '../src/fixtures/world.js';
import { openDefaultStore } from '../src/fixtures/open.js';
import type { IMsgStore } from '../src/core/store/interfaces.js';
import type { IMAPIFolder } from '../src/core/store/interfaces.js';
import {
  PR_ADDRTYPE_W,
  PR_BODY_W,
  PR_CONTENT_COUNT,
  PR_DISPLAY_NAME_W,
  PR_EMAIL_ADDRESS_W,
  PR_IPM_OUTBOX_ENTRYID,
  PR_IPM_SENTMAIL_ENTRYID,
  PR_MESSAGE_CLASS_W,
  PR_RECIPIENT_TYPE,
  PR_SENTMAIL_ENTRYID,
  PR_SUBJECT_W,
} from '../src/core/generated/proptags.js';
import { MAPI_MODIFY, MAPI_TO, MODRECIP_ADD } from '../src/core/generated/constants.js';
import { fmt, markdownTable, median } from './measure.js';
import type { BenchSection } from './tables.js';

/** Options of {@link runMailflowBenchmarks}. */
export interface MailflowBenchOptions {
  /** 100 messages a run instead of 1,000, fewer runs. */
  quick?: boolean;
  /** Progress messages (to stderr). */
  log?: (message: string) => void;
}

const RECIPIENTS = 10;
const BODY = 'Hello all,\r\n\r\nthe minutes of today are below.\r\n';

async function folder(store: IMsgStore, tag: number): Promise<IMAPIFolder> {
  const [p] = await store.getProps([tag], 0);
  return store.openEntry<IMAPIFolder>(p?.Value as Uint8Array, null, MAPI_MODIFY);
}

/** One run: a fresh world, `n` messages submitted, the spooler run until everything is delivered. */
async function run(n: number): Promise<{ submitMs: number; deliverMs: number }> {
  const names = ['sender', ...Array.from({ length: RECIPIENTS }, (_, i) => `user${i}`)];
  const world = await createWorld({ users: names, recordCalls: false });
  try {
    const store = await openDefaultStore(await world.logon('sender'));
    const outbox = await folder(store, PR_IPM_OUTBOX_ENTRYID);
    const sent = await folder(store, PR_IPM_SENTMAIL_ENTRYID);
    const [sentId] = await sent.getProps([0x0fff0102 /* PR_ENTRYID */], 0);
    const recipients = names.slice(1).map((u) => ({
      rgPropVals: [
        { ulPropTag: PR_DISPLAY_NAME_W, Value: u },
        { ulPropTag: PR_ADDRTYPE_W, Value: 'SMTP' },
        { ulPropTag: PR_EMAIL_ADDRESS_W, Value: `${u}@example.com` },
        { ulPropTag: PR_RECIPIENT_TYPE, Value: MAPI_TO },
      ],
    }));
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const msg = await outbox.createMessage(null, 0);
      await msg.setProps([
        { ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM.Note' },
        { ulPropTag: PR_SUBJECT_W, Value: `Minutes ${i}` },
        { ulPropTag: PR_BODY_W, Value: BODY },
        { ulPropTag: PR_SENTMAIL_ENTRYID, Value: sentId?.Value as Uint8Array },
      ]);
      await msg.modifyRecipients(MODRECIP_ADD, recipients);
      await msg.submitMessage(0);
    }
    const t1 = performance.now();
    await world.flush();
    const t2 = performance.now();
    const [count] = await sent.getProps([PR_CONTENT_COUNT], 0);
    if (count?.Value !== n) throw new Error(`mailflow benchmark: ${String(count?.Value)} sent copies, expected ${n}`);
    return { submitMs: t1 - t0, deliverMs: t2 - t1 };
  } finally {
    await world.dispose();
  }
}

/** Runs the mail-flow benchmark and returns its section of docs/benchmarks.md. */
export async function runMailflowBenchmarks(options: MailflowBenchOptions = {}): Promise<BenchSection> {
  const n = options.quick ? 100 : 1000;
  const reps = options.quick ? 2 : 5;
  await run(Math.min(n, 50)); // warm-up
  const runs: { submitMs: number; deliverMs: number }[] = [];
  for (let i = 0; i < reps; i++) {
    runs.push(await run(n));
    options.log?.(`mailflow: run ${i + 1}/${reps}`);
  }
  const submit = median(runs.map((r) => r.submitMs));
  const deliver = median(runs.map((r) => r.deliverMs));
  const total = median(runs.map((r) => r.submitMs + r.deliverMs));
  const rows = [
    ['(h) create + submit (client side)', fmt(submit), fmt((n / submit) * 1000, 4)],
    ['(h) spooler → loopback → 10 deliveries, Sent Items', fmt(deliver), fmt((n / deliver) * 1000, 4)],
    ['(h) end to end', fmt(total), fmt((n / total) * 1000, 4)],
  ];
  const body =
    `${n.toLocaleString('en-US')} messages, each to ${RECIPIENTS} recipients of one MemoryServer (${(n * RECIPIENTS).toLocaleString('en-US')} deliveries), ` +
    `median of ${reps} runs in a fresh \`createWorld\` (VirtualClock, ManualScheduler, call log off). ` +
    'The spooler runs when `world.flush()` is awaited: it hands each message to the loopback transport, which delivers a copy into each recipient\'s Inbox ' +
    '(receive folder, PR_MESSAGE_DELIVERY_TIME, fnevNewMail), then moves the sent copy to Sent Items.\n\n' +
    markdownTable(['phase', 'ms', 'messages/s'], rows);
  return { title: 'Mail flow', body };
}
