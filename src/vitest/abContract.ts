/**
 * The address-book provider contract suite: what every address-book provider must do, as a
 * client sees it (IAddrBook, IABContainer, IMailUser, IDistList reached through
 * IMAPISession.openAddressBook), checked against the MAPI reference pages. Every AB provider
 * runs it: the in-memory directory (GAL) and the personal address book.
 *
 * @example
 * // test/providers/acme-ab/contract.test.ts
 * import { describeAbProviderContract, openServiceAddressBook } from 'mapi-emu/vitest';
 * describeAbProviderContract('Acme directory', {
 *   capabilities: { write: false },
 *   open: () => openServiceAddressBook({ service: acmeDirectoryService() }),
 * });
 *
 * @packageDocumentation
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SPropValue, SRow } from '../core/props/types.js';
import type { MessageServiceDefinition } from '../core/spi/services.js';
import type { IMAPISession } from '../core/session/interfaces.js';
import type { IAddrBook, IABContainer, IDistList } from '../core/ab/interfaces.js';
import type { IMAPIProp } from '../core/props/interfaces.js';
import { MapiSubsystem } from '../core/session/MapiSubsystem.js';
import { VirtualClock } from '../core/spi/clock.js';
import { SeededIds } from '../core/spi/ids.js';
import { ManualScheduler } from '../core/notify/scheduler.js';
import { MapiError } from '../core/errors/MapiError.js';
import { PROP_ID } from '../core/props/tags.js';
import { addressSearchKey } from '../core/session/identity.js';
import { templateEntryId } from '../core/ab/templates.js';
import {
  PR_ADDRTYPE,
  PR_CONTAINER_FLAGS,
  PR_DEPTH,
  PR_DISPLAY_NAME,
  PR_EMAIL_ADDRESS,
  PR_ENTRYID,
  PR_OBJECT_TYPE,
  PR_SEARCH_KEY,
} from '../core/generated/proptags.js';
import {
  AB_MODIFIABLE,
  CONVENIENT_DEPTH,
  CREATE_CHECK_DUP_LOOSE,
  MAPI_ABCONT,
  MAPI_DISTLIST,
  MAPI_EXTENDED,
  MAPI_MAILUSER,
  MAPI_MODIFY,
  MAPI_NEW_SESSION,
  MAPI_NO_MAIL,
  MAPI_RESOLVED,
  MAPI_AMBIGUOUS,
  MAPI_UNICODE,
  MAPI_UNRESOLVED,
} from '../core/generated/constants.js';
import { MAPI_E_COLLISION, MAPI_E_NO_ACCESS, MAPI_E_NO_SUPPORT, MAPI_E_NOT_FOUND, MAPI_E_UNKNOWN_ENTRYID } from '../core/generated/scodes.js';

/** What an address-book provider may legitimately not do. */
export interface AbCapabilities {
  /** Some container is modifiable (AB_MODIFIABLE): createEntry, copyEntries, deleteEntries, MAPI_MODIFY opens. Off: those answer MAPI_E_NO_SUPPORT / MAPI_E_NO_ACCESS. */
  write: boolean;
}

/** An opened address book for one case. */
export interface ContractAddressBook {
  /** The session. */
  session: IMAPISession;
  /** The session's address book. */
  addrBook: IAddrBook;
  /** Delivers pending notifications. */
  flush(): Promise<void>;
  /** Logs off and uninitializes. */
  close(): Promise<void>;
}

/** How the suite gets a fresh address book for each case. */
export interface AbProviderContractFactory {
  /** What the provider can do. */
  capabilities: AbCapabilities;
  /** A fresh address book over (at least) the provider under test. */
  open(): Promise<ContractAddressBook>;
}

/** Options of {@link openServiceAddressBook}. */
export interface ServiceAddressBookOptions {
  /** The message service with the address-book provider. */
  service: MessageServiceDefinition;
  /** configureMsgService properties, when the service needs them. */
  settings?: SPropValue[];
  /** Seed of the ids [1]. */
  seed?: number;
}

/** A deterministic subsystem with one profile holding only `service`, logged on, address book open. */
export async function openServiceAddressBook(options: ServiceAddressBookOptions): Promise<ContractAddressBook> {
  const mapi = new MapiSubsystem({ clock: new VirtualClock(), ids: new SeededIds(options.seed ?? 1), scheduler: new ManualScheduler() });
  await mapi.MAPIInitialize();
  mapi.registerService(options.service);
  const admin = await mapi.MAPIAdminProfiles(0);
  await admin.createProfile('contract', null, 0);
  const services = await admin.adminServices('contract', null, 0);
  const uid = await services.createMsgServiceEx(options.service.name, null, 0);
  if (options.settings) await services.configureMsgService(uid, 0, options.settings);
  const session = await mapi.MAPILogonEx('contract', null, MAPI_EXTENDED | MAPI_NEW_SESSION | MAPI_NO_MAIL);
  const addrBook = (await session.openAddressBook(null, 0)) as IAddrBook;
  return {
    session,
    addrBook,
    flush: () => mapi.flushNotifications(),
    close: async () => {
      await session.logoff(0);
      mapi.MAPIUninitialize();
    },
  };
}

const value = (row: SRow | SPropValue[], tag: number): SPropValue['Value'] | undefined => {
  const props = Array.isArray(row) ? row : row.lpProps;
  return props.find((p) => PROP_ID(p.ulPropTag) === PROP_ID(tag) && p.ulPropTag === tag)?.Value;
};

async function rowsOf(t: { setColumns(c: number[], f: number): Promise<void>; queryRows(n: number, f: number): Promise<SRow[]> }, cols: number[]): Promise<SRow[]> {
  await t.setColumns(cols, 0);
  return t.queryRows(10000, 0);
}

/** Every container of the address book (from the root's CONVENIENT_DEPTH hierarchy table). */
async function containers(ab: IAddrBook): Promise<SRow[]> {
  const root = await ab.openEntry<IABContainer>(null, null, 0);
  return rowsOf(await root.getHierarchyTable(CONVENIENT_DEPTH | MAPI_UNICODE), [PR_ENTRYID, PR_DISPLAY_NAME, PR_OBJECT_TYPE, PR_CONTAINER_FLAGS, PR_DEPTH]);
}

/** The first modifiable container, or undefined. */
async function modifiable(ab: IAddrBook): Promise<IABContainer | undefined> {
  const row = (await containers(ab)).find((r) => ((value(r, PR_CONTAINER_FLAGS) as number) & AB_MODIFIABLE) !== 0);
  return row ? ab.openEntry<IABContainer>(value(row, PR_ENTRYID) as Uint8Array, null, MAPI_MODIFY) : undefined;
}

const rejectsWith = async (p: Promise<unknown>, scode: number): Promise<void> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(MapiError.is(e, scode), `expected ${scode.toString(16)}, got ${String(e)}`).toBe(true);
};

/**
 * Registers the address-book provider contract: hierarchy, containers, contents, entry
 * properties (PR_SEARCH_KEY as pidtagsearchkey-canonical-property.md defines it), name
 * resolution, entry-ID comparison, and — by capability — writes or their refusal.
 */
export function describeAbProviderContract(name: string, factory: AbProviderContractFactory): void {
  describe(`address-book provider contract: ${name}`, () => {
    let env: ContractAddressBook;
    beforeEach(async () => {
      env = await factory.open();
    });
    afterEach(async () => {
      await env.close();
    });

    describe('IAddrBook hierarchy', () => {
      it('lists at least one container, each with PR_ENTRYID, PR_DISPLAY_NAME, MAPI_ABCONT and PR_DEPTH, and each opens', async () => {
        const rows = await containers(env.addrBook);
        expect(rows.length).toBeGreaterThan(0);
        for (const r of rows) {
          expect(value(r, PR_OBJECT_TYPE)).toBe(MAPI_ABCONT);
          expect(typeof value(r, PR_DISPLAY_NAME)).toBe('string');
          expect(typeof value(r, PR_DEPTH)).toBe('number');
          const id = value(r, PR_ENTRYID) as Uint8Array;
          const c = await env.addrBook.openEntry<IABContainer>(id, null, 0);
          const [eid, type] = await c.getProps([PR_ENTRYID, PR_OBJECT_TYPE]);
          expect(await env.addrBook.compareEntryIDs(eid!.Value as Uint8Array, id, 0)).toBe(true);
          expect(type!.Value).toBe(MAPI_ABCONT);
        }
      });
    });

    describe('IABContainer contents', () => {
      it('lists users and lists with PR_ENTRYID, PR_DISPLAY_NAME, PR_OBJECT_TYPE; each opens as itself with its search key', async () => {
        for (const c of await containers(env.addrBook)) {
          const cont = await env.addrBook.openEntry<IABContainer>(value(c, PR_ENTRYID) as Uint8Array, null, 0);
          const rows = await rowsOf(await cont.getContentsTable(MAPI_UNICODE), [PR_ENTRYID, PR_DISPLAY_NAME, PR_OBJECT_TYPE, PR_ADDRTYPE, PR_EMAIL_ADDRESS]);
          for (const r of rows) {
            expect([MAPI_MAILUSER, MAPI_DISTLIST]).toContain(value(r, PR_OBJECT_TYPE));
            const id = value(r, PR_ENTRYID) as Uint8Array;
            const entry = await env.addrBook.openEntry<IMAPIProp>(id, null, 0);
            const [eid, sk] = await entry.getProps([PR_ENTRYID, PR_SEARCH_KEY]);
            expect(await env.addrBook.compareEntryIDs(eid!.Value as Uint8Array, id, 0)).toBe(true);
            const type = value(r, PR_ADDRTYPE);
            const addr = value(r, PR_EMAIL_ADDRESS);
            // pidtagsearchkey-canonical-property.md: "address type:address" upper-cased, NUL-terminated.
            if (value(r, PR_OBJECT_TYPE) === MAPI_MAILUSER && typeof type === 'string' && typeof addr === 'string') expect(sk!.Value).toEqual(addressSearchKey(type, addr));
          }
        }
      });

      it('resolveNames resolves each entry by its display name (MAPI_RESOLVED to that entry, or MAPI_AMBIGUOUS for shared names)', async () => {
        for (const c of await containers(env.addrBook)) {
          const cont = await env.addrBook.openEntry<IABContainer>(value(c, PR_ENTRYID) as Uint8Array, null, 0);
          const rows = (await rowsOf(await cont.getContentsTable(MAPI_UNICODE), [PR_ENTRYID, PR_DISPLAY_NAME])).slice(0, 20);
          if (rows.length === 0) continue;
          const list = rows.map((r) => ({ rgPropVals: [{ ulPropTag: PR_DISPLAY_NAME, Value: value(r, PR_DISPLAY_NAME) as string }] }));
          const flags = await cont.resolveNames(null, MAPI_UNICODE, list, rows.map(() => MAPI_UNRESOLVED));
          for (let i = 0; i < rows.length; i++) {
            expect([MAPI_RESOLVED, MAPI_AMBIGUOUS]).toContain(flags[i]);
            if (flags[i] === MAPI_RESOLVED) expect(await env.addrBook.compareEntryIDs(value(list[i]!.rgPropVals, PR_ENTRYID) as Uint8Array, value(rows[i]!, PR_ENTRYID) as Uint8Array, 0)).toBe(true);
          }
        }
      });

      it('an entry ID with the provider MAPIUID but unknown data answers MAPI_E_NOT_FOUND or MAPI_E_UNKNOWN_ENTRYID', async () => {
        const id = Uint8Array.from(value((await containers(env.addrBook))[0]!, PR_ENTRYID) as Uint8Array);
        const bogus = new Uint8Array(id.length + 8).fill(0xee);
        bogus.set(id.subarray(0, 20));
        const e = await env.addrBook.openEntry(bogus, null, 0).then(() => undefined, (x: unknown) => x);
        expect(MapiError.is(e, MAPI_E_NOT_FOUND) || MapiError.is(e, MAPI_E_UNKNOWN_ENTRYID)).toBe(true);
      });
    });

    if (!factory.capabilities.write) {
      describe('read-only provider', () => {
        it('refuses createEntry (MAPI_E_NO_SUPPORT) and MAPI_MODIFY opens (MAPI_E_NO_ACCESS)', async () => {
          for (const c of await containers(env.addrBook)) {
            expect(((value(c, PR_CONTAINER_FLAGS) as number) & AB_MODIFIABLE) === 0).toBe(true);
            const id = value(c, PR_ENTRYID) as Uint8Array;
            await rejectsWith(env.addrBook.openEntry(id, null, MAPI_MODIFY), MAPI_E_NO_ACCESS);
            const cont = await env.addrBook.openEntry<IABContainer>(id, null, 0);
            await rejectsWith(cont.createEntry(templateEntryId(MAPI_MAILUSER), 0), MAPI_E_NO_SUPPORT);
          }
        });
      });
      return;
    }

    describe('modifiable container', () => {
      it('createEntry + saveChanges adds a user that opens, changes with MAPI_MODIFY and is deleted by deleteEntries', async () => {
        const c = (await modifiable(env.addrBook))!;
        expect(c).toBeDefined();
        const u = await c.createEntry(templateEntryId(MAPI_MAILUSER), 0);
        await u.setProps([{ ulPropTag: PR_DISPLAY_NAME, Value: 'Contract User' }, { ulPropTag: PR_ADDRTYPE, Value: 'SMTP' }, { ulPropTag: PR_EMAIL_ADDRESS, Value: 'cu@contract.example' }]);
        await u.saveChanges(0);
        const id = (await u.getProps([PR_ENTRYID]))[0]!.Value as Uint8Array;
        const w = await env.addrBook.openEntry<IMAPIProp>(id, null, MAPI_MODIFY);
        await w.setProps([{ ulPropTag: PR_DISPLAY_NAME, Value: 'Renamed User' }]);
        await w.saveChanges(0);
        const again = await env.addrBook.openEntry<IMAPIProp>(id, null, 0);
        expect((await again.getProps([PR_DISPLAY_NAME]))[0]!.Value).toBe('Renamed User');
        const table = await c.getContentsTable(0);
        const before = await table.getRowCount(0);
        expect(await c.deleteEntries([id], 0)).toEqual({});
        expect(await table.getRowCount(0)).toBe(before - 1);
        await rejectsWith(env.addrBook.openEntry(id, null, 0), MAPI_E_NOT_FOUND);
      });

      it('CREATE_CHECK_DUP_LOOSE makes saveChanges of a same-named entry answer MAPI_E_COLLISION', async () => {
        const c = (await modifiable(env.addrBook))!;
        for (const flags of [0, CREATE_CHECK_DUP_LOOSE]) {
          const u = await c.createEntry(templateEntryId(MAPI_MAILUSER), flags);
          await u.setProps([{ ulPropTag: PR_DISPLAY_NAME, Value: 'Twin' }, { ulPropTag: PR_EMAIL_ADDRESS, Value: `twin${flags}@x.example` }]);
          if (flags === 0) await u.saveChanges(0);
          else await rejectsWith(u.saveChanges(0), MAPI_E_COLLISION);
        }
      });

      it('a distribution list made from the list template lists the members copied into it', async () => {
        const c = (await modifiable(env.addrBook))!;
        const dl = (await c.createEntry(templateEntryId(MAPI_DISTLIST), 0)) as IDistList;
        await dl.setProps([{ ulPropTag: PR_DISPLAY_NAME, Value: 'Contract List' }]);
        await dl.saveChanges(0);
        const id = (await dl.getProps([PR_ENTRYID]))[0]!.Value as Uint8Array;
        const list = await env.addrBook.openEntry<IDistList>(id, null, MAPI_MODIFY);
        const member = await env.addrBook.createOneOff('Member', 'SMTP', 'member@x.example', 0);
        await list.copyEntries([member], 0, null, 0);
        const rows = await rowsOf(await list.getContentsTable(MAPI_UNICODE), [PR_DISPLAY_NAME]);
        expect(rows.map((r) => value(r, PR_DISPLAY_NAME))).toEqual(['Member']);
        expect((await list.getProps([PR_OBJECT_TYPE]))[0]!.Value).toBe(MAPI_DISTLIST);
      });
    });
  });
}
