/**
 * A world for the outgoing-message helpers: alice, bob, carol, dave and eve on one server, and
 * messages "received" in a mailbox the way a transport would deliver them (no transport needed).
 */
import { createWorld, type World } from '../../../src/fixtures/index.js';
import { oneOffEntryId, addressSearchKey } from '../../../src/core/session/identity.js';
import { startConversation } from '../../../src/core/mail/index.js';
import { MapiError, scodeName } from '../../../src/core/errors/MapiError.js';
import type { IMAPISession } from '../../../src/core/session/interfaces.js';
import type { IMAPIFolder, IMessage, IMsgStore } from '../../../src/core/store/interfaces.js';
import type { SPropValue, SRow } from '../../../src/core/props/types.js';
import * as T from '../../../src/core/generated/proptags.js';
import { KEEP_OPEN_READWRITE, MAPI_BCC, MAPI_CC, MAPI_MODIFY, MAPI_TO, MAPI_UNICODE, MDB_WRITE } from '../../../src/core/generated/constants.js';

export const USERS = ['alice', 'bob', 'carol', 'dave', 'eve'] as const;
export type UserName = (typeof USERS)[number];

/** An address as a recipient or sender. */
export interface Person {
  name: string;
  smtp: string;
}
export const person = (name: string): Person => ({ name, smtp: `${name}@example.com` });

/** The recipient properties of a person. */
export function recipient(p: Person, type: number): SPropValue[] {
  return [
    { ulPropTag: T.PR_RECIPIENT_TYPE, Value: type },
    { ulPropTag: T.PR_DISPLAY_NAME_W, Value: p.name },
    { ulPropTag: T.PR_ADDRTYPE_W, Value: 'SMTP' },
    { ulPropTag: T.PR_EMAIL_ADDRESS_W, Value: p.smtp },
    { ulPropTag: T.PR_ENTRYID, Value: oneOffEntryId(p.name, 'SMTP', p.smtp) },
    { ulPropTag: T.PR_SEARCH_KEY, Value: addressSearchKey('SMTP', p.smtp) },
  ];
}

/** One group of address properties (sender, sent-representing, received-by). */
export function addressGroup(kind: 'SENDER' | 'SENT_REPRESENTING' | 'RECEIVED_BY' | 'RCVD_REPRESENTING', p: Person): SPropValue[] {
  const tag = (suffix: string) => (T as unknown as Record<string, number>)[`PR_${kind}_${suffix}`] as number;
  return [
    { ulPropTag: tag('ENTRYID'), Value: oneOffEntryId(p.name, 'SMTP', p.smtp) },
    { ulPropTag: tag('NAME_W'), Value: p.name },
    { ulPropTag: tag('ADDRTYPE_W'), Value: 'SMTP' },
    { ulPropTag: tag('EMAIL_ADDRESS_W'), Value: p.smtp },
    { ulPropTag: tag('SEARCH_KEY'), Value: addressSearchKey('SMTP', p.smtp) },
  ];
}

export async function rows(table: { setColumns(c: number[], f?: number): Promise<void>; queryRows(n: number, f?: number): Promise<SRow[]> }, columns: number[]): Promise<SRow[]> {
  await table.setColumns(columns, 0);
  return table.queryRows(1000, 0);
}

export const col = (row: SRow | undefined, tag: number): unknown => row?.lpProps.find((p) => p.ulPropTag === tag)?.Value;

/** A value of a message (undefined when absent). */
export async function prop(m: IMessage, tag: number): Promise<unknown> {
  const [v] = await m.getProps([tag], MAPI_UNICODE);
  return v && v.ulPropTag === tag ? v.Value : undefined;
}

/** The recipients of a message as [name, type] pairs in table order. */
export async function recipientsOf(m: IMessage): Promise<[string, number][]> {
  const r = await rows(await m.getRecipientTable(0), [T.PR_DISPLAY_NAME_W, T.PR_RECIPIENT_TYPE]);
  return r.map((row) => [col(row, T.PR_DISPLAY_NAME_W) as string, col(row, T.PR_RECIPIENT_TYPE) as number]);
}

export async function scodeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof MapiError) return scodeName(e.scode);
    throw e;
  }
  return 'S_OK';
}

/** A user's mailbox: session, store, Inbox, Outbox. */
export interface Mailbox {
  session: IMAPISession;
  store: IMsgStore;
  inbox: IMAPIFolder;
  outbox: IMAPIFolder;
  me: Person;
}

export async function mailbox(world: World<UserName>, user: UserName): Promise<Mailbox> {
  const session = await world.logon(user);
  const all = await rows(await session.getMsgStoresTable(0), [T.PR_ENTRYID, T.PR_DEFAULT_STORE]);
  const eid = col(all.find((r) => col(r, T.PR_DEFAULT_STORE) === true), T.PR_ENTRYID) as Uint8Array;
  const store = await session.openMsgStore(eid, null, MDB_WRITE);
  const { lpEntryID } = await store.getReceiveFolder('IPM.Note', 0);
  const inbox = await store.openEntry<IMAPIFolder>(lpEntryID, null, MAPI_MODIFY);
  const outboxId = (await store.getProps([T.PR_IPM_OUTBOX_ENTRYID], 0))[0]!.Value as Uint8Array;
  const outbox = await store.openEntry<IMAPIFolder>(outboxId, null, MAPI_MODIFY);
  return { session, store, inbox, outbox, me: person(user) };
}

export async function makeWorld(): Promise<World<UserName>> {
  return createWorld({ users: [...USERS] });
}

/** Options of {@link deliver}. */
export interface Delivery {
  from: Person;
  to?: Person[];
  cc?: Person[];
  bcc?: Person[];
  subject: string;
  body?: string;
  extra?: SPropValue[];
}

/**
 * A message as a transport delivers it into `box`'s Inbox: sender and sent-representing, the
 * recipient table, PR_RECEIVED_BY_* the mailbox owner, and a started conversation.
 */
export async function deliver(world: World<UserName>, box: Mailbox, d: Delivery): Promise<IMessage> {
  const m = await box.inbox.createMessage(null, 0);
  await m.setProps([
    { ulPropTag: T.PR_MESSAGE_CLASS_W, Value: 'IPM.Note' },
    { ulPropTag: T.PR_SUBJECT_W, Value: d.subject },
    ...(d.body === undefined ? [] : [{ ulPropTag: T.PR_BODY_W, Value: d.body }]),
    ...addressGroup('SENDER', d.from),
    ...addressGroup('SENT_REPRESENTING', d.from),
    ...addressGroup('RECEIVED_BY', box.me),
    ...addressGroup('RCVD_REPRESENTING', box.me),
    ...(d.extra ?? []),
  ]);
  await m.modifyRecipients(0, [
    ...(d.to ?? []).map((p) => ({ rgPropVals: recipient(p, MAPI_TO) })),
    ...(d.cc ?? []).map((p) => ({ rgPropVals: recipient(p, MAPI_CC) })),
    ...(d.bcc ?? []).map((p) => ({ rgPropVals: recipient(p, MAPI_BCC) })),
  ]);
  await startConversation(m, { clock: world.clock, ids: world.ids, domain: 'example.com' });
  await m.saveChanges(KEEP_OPEN_READWRITE);
  return m;
}
