/**
 * Mail flow between the users of a world against a plain model: who sent what to whom, which
 * messages are deferred, what the clock says. After every command, each user's Inbox
 * (messages and reports), Sent Items and Outbox equal the model's.
 */
import { afterEach, describe, it } from 'vitest';
import fc from 'fast-check';
import { expect } from 'vitest';
import { createWorld, type World } from '../../../src/fixtures/index.js';
import { openDefaultStore, openInbox } from '../../../src/fixtures/open.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import { contents, send, specialFolder } from './helpers.js';
import type { IMsgStore } from '../../../src/core/store/interfaces.js';
import { PR_DEFERRED_DELIVERY_TIME, PR_IPM_OUTBOX_ENTRYID, PR_IPM_SENTMAIL_ENTRYID, PR_MESSAGE_CLASS_W, PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';

const USERS = ['alice', 'bob', 'carol'] as const;
type User = (typeof USERS)[number];
/** Addresses a message can go to: the users and one nobody has. */
const ADDRESSES = ['alice@example.com', 'bob@example.com', 'carol@example.com', 'nobody@example.com'] as const;

interface Pending {
  from: User;
  to: string[];
  subject: string;
  /** Minutes since the start before which it is not sent. */
  at: number;
}

interface Model {
  now: number;
  next: number;
  pending: Pending[];
  inbox: Record<User, string[]>;
  sent: Record<User, string[]>;
}

interface Real {
  world: World<User>;
  stores: Record<User, IMsgStore>;
}

type Cmd = fc.AsyncCommand<Model, Real>;

class Send implements Cmd {
  constructor(
    readonly from: User,
    readonly to: string[],
    readonly deferMinutes: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    const subject = `m${m.next++}`;
    const at = m.now + this.deferMinutes;
    const extra = this.deferMinutes > 0 ? [{ ulPropTag: PR_DEFERRED_DELIVERY_TIME, Value: FILETIME.fromDate(new Date(Date.UTC(2026, 0, 1) + at * 60_000)) }] : [];
    await send(r.stores[this.from], this.to, subject, extra);
    m.pending.push({ from: this.from, to: this.to, subject, at });
    await compare(m, r);
  }
  toString = () => `send(${this.from} → ${this.to.join(',')}${this.deferMinutes ? `, +${this.deferMinutes}min` : ''})`;
}

class Flush implements Cmd {
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    await r.world.flush();
    const due = m.pending.filter((p) => p.at <= m.now);
    m.pending = m.pending.filter((p) => p.at > m.now);
    for (const p of due) {
      const users = new Set<User>();
      let unknown = false;
      for (const a of p.to) {
        const u = USERS.find((x) => `${x}@example.com` === a);
        if (u) users.add(u);
        else unknown = true;
      }
      for (const u of users) m.inbox[u].push(p.subject);
      if (unknown) m.inbox[p.from].push(`NDR:${p.subject}`);
      m.sent[p.from].push(p.subject);
    }
    await compare(m, r);
  }
  toString = () => 'flush';
}

class Advance implements Cmd {
  constructor(readonly minutes: number) {}
  check = () => true;
  async run(m: Model, r: Real): Promise<void> {
    r.world.clock.advance(this.minutes * 60_000);
    m.now += this.minutes;
    await compare(m, r);
  }
  toString = () => `advance(${this.minutes}min)`;
}

async function subjects(folderRows: Map<number, unknown>[]): Promise<string[]> {
  return folderRows.map((row) => {
    const cls = String(row.get(PR_MESSAGE_CLASS_W));
    const subject = String(row.get(PR_SUBJECT_W));
    return cls === 'REPORT.IPM.Note.NDR' ? `NDR:${subject.replace(/^Undeliverable: /, '')}` : subject;
  });
}

const sorted = (xs: string[]) => [...xs].sort();

async function compare(m: Model, r: Real): Promise<void> {
  for (const u of USERS) {
    const store = r.stores[u];
    expect(sorted(await subjects(await contents(await openInbox(store), [PR_MESSAGE_CLASS_W, PR_SUBJECT_W]))), `${u}'s Inbox`).toEqual(sorted(m.inbox[u]));
    expect(sorted(await subjects(await contents(await specialFolder(store, PR_IPM_SENTMAIL_ENTRYID), [PR_MESSAGE_CLASS_W, PR_SUBJECT_W]))), `${u}'s Sent Items`).toEqual(sorted(m.sent[u]));
    const outbox = m.pending.filter((p) => p.from === u).map((p) => p.subject);
    expect(sorted(await subjects(await contents(await specialFolder(store, PR_IPM_OUTBOX_ENTRYID), [PR_MESSAGE_CLASS_W, PR_SUBJECT_W]))), `${u}'s Outbox`).toEqual(sorted(outbox));
  }
}

const user = fc.constantFrom(...USERS);
const commands = [
  fc.tuple(user, fc.uniqueArray(fc.constantFrom(...ADDRESSES), { minLength: 1, maxLength: 3 }), fc.constantFrom(0, 0, 5, 30)).map(([f, t, d]) => new Send(f, t, d)),
  fc.constant(new Flush()),
  fc.constantFrom(1, 10, 30).map((n) => new Advance(n)),
];

let worlds: World<User>[] = [];
afterEach(async () => {
  for (const w of worlds) await w.dispose();
  worlds = [];
});

async function setup(): Promise<{ model: Model; real: Real }> {
  const world = await createWorld({ users: [...USERS] });
  worlds.push(world);
  const stores = {} as Record<User, IMsgStore>;
  for (const u of USERS) stores[u] = await openDefaultStore(await world.logon(u));
  const empty = () => ({ alice: [], bob: [], carol: [] }) as Record<User, string[]>;
  return { model: { now: 0, next: 0, pending: [], inbox: empty(), sent: empty() }, real: { world, stores } };
}

describe('mail flow between users against a model (fc.commands)', () => {
  it('inboxes, reports, Sent Items and Outboxes follow sends, deferrals, clock moves and spooler runs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 10 }), async (cmds) => {
        await fc.asyncModelRun(setup, cmds);
        for (const w of worlds.splice(0)) await w.dispose();
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
