import { describe, expect, it, afterEach } from 'vitest';
import { createWorld, type World } from '../../../src/fixtures/world.js';
import type { IAddrBook, IABContainer, IDistList } from '../../../src/core/ab/interfaces.js';
import type { IMAPIProp } from '../../../src/core/props/interfaces.js';
import type { ADRLIST, SPropValue } from '../../../src/core/props/types.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { templateEntryId, expandDistList, expandRecipients, parseOneOffEntryId } from '../../../src/core/ab/index.js';
import {
  PR_ADDRTYPE,
  PR_DISPLAY_NAME,
  PR_EMAIL_ADDRESS,
  PR_ENTRYID,
  PR_OBJECT_TYPE,
  PR_RECIPIENT_TYPE,
  PR_SEARCH_KEY,
  PR_SMTP_ADDRESS,
  PR_DEPTH,
  PR_CONTAINER_FLAGS,
} from '../../../src/core/generated/proptags.js';
import { MAPI_UNICODE as MAPI_UNICODE_FLAG } from '../../../src/core/generated/constants.js';
import { AB_MODIFIABLE, CONVENIENT_DEPTH, CREATE_CHECK_DUP_LOOSE, MAPI_AMBIGUOUS, MAPI_BCC, MAPI_DISTLIST, MAPI_MAILUSER, MAPI_MODIFY, MAPI_RESOLVED, MAPI_TO, MAPI_UNRESOLVED, MAPI_DIALOG, fnevObjectModified } from '../../../src/core/generated/constants.js';
import { MAPI_E_AMBIGUOUS_RECIP, MAPI_E_COLLISION, MAPI_E_MISSING_REQUIRED_COLUMN, MAPI_E_NO_ACCESS, MAPI_E_NO_SUPPORT, MAPI_E_NOT_FOUND, MAPI_E_UNKNOWN_ENTRYID, MAPI_E_INVALID_OBJECT } from '../../../src/core/generated/scodes.js';

let world: World | undefined;
afterEach(async () => {
  await world?.dispose();
  world = undefined;
});

async function open(): Promise<{ ab: IAddrBook; w: World }> {
  world = await createWorld({ users: ['alice', { name: 'bob', displayName: 'Bob Jones' }, { name: 'bobby', displayName: 'Bobby Tables' }, 'carol'] });
  const s = await world.logon('alice');
  const ab = (await s.openAddressBook(null, 0)) as IAddrBook;
  return { ab, w: world };
}

const prop = (props: SPropValue[], tag: number) => props.find((p) => p.ulPropTag >>> 16 === tag >>> 16)?.Value;
const adr = (...names: string[]): ADRLIST => names.map((n) => ({ rgPropVals: [{ ulPropTag: PR_DISPLAY_NAME, Value: n }, { ulPropTag: PR_RECIPIENT_TYPE, Value: MAPI_TO }] }));

async function pab(ab: IAddrBook): Promise<IABContainer> {
  const id = await ab.getPAB();
  return ab.openEntry<IABContainer>(id, null, MAPI_MODIFY);
}

async function newUser(c: IABContainer, name: string, addr: string): Promise<Uint8Array> {
  const u = await c.createEntry(templateEntryId(MAPI_MAILUSER), 0);
  await u.setProps([{ ulPropTag: PR_DISPLAY_NAME, Value: name }, { ulPropTag: PR_EMAIL_ADDRESS, Value: addr }]);
  await u.saveChanges(0);
  const [eid] = await u.getProps([PR_ENTRYID]);
  return eid!.Value as Uint8Array;
}

describe('IMAPISession.openAddressBook', () => {
  it('answers an address book whose root hierarchy lists the GAL, the address lists and the PAB', async () => {
    const { ab } = await open();
    const root = await ab.openEntry<IABContainer>(null, null, 0);
    const t = await root.getHierarchyTable(CONVENIENT_DEPTH);
    await t.setColumns([PR_DISPLAY_NAME, PR_DEPTH, PR_CONTAINER_FLAGS], 0);
    const rows = (await t.queryRows(50, 0)).map((r) => [r.lpProps[0]!.Value, r.lpProps[1]!.Value]);
    expect(rows).toEqual([
      ['Global Address List', 0],
      ['All Address Lists', 0],
      ['All Users', 1],
      ['Personal Address Book', 0],
    ]);
    const shallow = await root.getHierarchyTable(0);
    expect(await shallow.getRowCount(0)).toBe(3);
  });

  it('rejects calls on the address book after logoff', async () => {
    world = await createWorld({ users: ['alice'] });
    const s = await world.logon('alice');
    const ab = (await s.openAddressBook(null, 0)) as IAddrBook;
    await s.logoff(0);
    await expect(ab.getPAB()).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_INVALID_OBJECT));
  });
});

describe('IAddrBook.resolveName', () => {
  it('resolves a unique display name to the GAL entry, keeping PR_RECIPIENT_TYPE', async () => {
    const { ab } = await open();
    const list = adr('Carol');
    await ab.resolveName(0, 0, null, list);
    const p = list[0]!.rgPropVals;
    expect(prop(p, PR_ADDRTYPE)).toBe('EX');
    expect(String(prop(p, PR_EMAIL_ADDRESS))).toMatch(/cn=carol$/);
    expect(prop(p, PR_RECIPIENT_TYPE)).toBe(MAPI_TO);
    expect(prop(p, PR_OBJECT_TYPE)).toBe(MAPI_MAILUSER);
    // pidtagsearchkey-canonical-property.md: "EX:" + the address, upper-cased, NUL-terminated.
    const sk = prop(p, PR_SEARCH_KEY) as Uint8Array;
    expect(new TextDecoder().decode(sk)).toBe(`EX:${String(prop(p, PR_EMAIL_ADDRESS)).toUpperCase()}\0`);
  });

  it('answers MAPI_E_AMBIGUOUS_RECIP for a prefix two users share and leaves that entry unchanged', async () => {
    const { ab } = await open();
    const list = adr('Bo', 'carol');
    const err = await ab.resolveName(0, 0, null, list).catch((e: unknown) => e);
    expect(MapiError.is(err, MAPI_E_AMBIGUOUS_RECIP)).toBe(true);
    expect(list[0]!.rgPropVals.some((p) => p.ulPropTag === PR_ENTRYID)).toBe(false);
    expect(list[1]!.rgPropVals.some((p) => p.ulPropTag === PR_ENTRYID)).toBe(true);
  });

  it('answers MAPI_E_NOT_FOUND for a name nobody has', async () => {
    const { ab } = await open();
    await expect(ab.resolveName(0, 0, null, adr('zelda'))).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_NOT_FOUND));
  });

  it('gives an SMTP address a one-off entry ID', async () => {
    const { ab } = await open();
    const list = adr('someone@elsewhere.org');
    await ab.resolveName(0, 0, null, list);
    const o = parseOneOffEntryId(prop(list[0]!.rgPropVals, PR_ENTRYID) as Uint8Array);
    expect(o).toMatchObject({ addressType: 'SMTP', emailAddress: 'someone@elsewhere.org' });
  });

  it('resolves SMTP:address through PR_SMTP_ADDRESS', async () => {
    const { ab } = await open();
    const list = adr('SMTP:bob@example.com');
    await ab.resolveName(0, 0, null, list);
    expect(prop(list[0]!.rgPropVals, PR_DISPLAY_NAME)).toBe('Bob Jones');
  });

  it('rejects MAPI_DIALOG with MAPI_E_NO_SUPPORT', async () => {
    const { ab } = await open();
    await expect(ab.resolveName(0, MAPI_DIALOG, null, adr('carol'))).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_NO_SUPPORT));
  });

  it('searches the PAB first by default, so a PAB contact wins over the GAL', async () => {
    const { ab } = await open();
    await newUser(await pab(ab), 'Carol', 'carol@home.example');
    const list = adr('carol');
    await ab.resolveName(0, 0, null, list);
    expect(prop(list[0]!.rgPropVals, PR_EMAIL_ADDRESS)).toBe('carol@home.example');
  });
});

describe('IAddrBook.getSearchPath', () => {
  it('defaults to the PAB then the DT_GLOBAL containers, and setSearchPath replaces it', async () => {
    const { ab } = await open();
    const path = await ab.getSearchPath(0);
    expect(path.map((r) => r.lpProps[1]!.Value)).toEqual(['Personal Address Book', 'Global Address List']);
    await ab.setSearchPath(0, [path[1]!]);
    expect((await ab.getSearchPath(0)).map((r) => r.lpProps[1]!.Value)).toEqual(['Global Address List']);
    await expect(ab.setSearchPath(0, [{ lpProps: [{ ulPropTag: PR_DISPLAY_NAME, Value: 'x' }] }])).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_MISSING_REQUIRED_COLUMN));
  });

  it('after setSearchPath without the PAB, a PAB contact no longer resolves', async () => {
    const { ab } = await open();
    await newUser(await pab(ab), 'Zed Zimmer', 'zed@home.example');
    const path = await ab.getSearchPath(0);
    await ab.setSearchPath(0, [path[1]!]);
    await expect(ab.resolveName(0, 0, null, adr('Zed'))).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_NOT_FOUND));
  });
});

describe('IAddrBook.getPAB', () => {
  it('is the first modifiable container; getDefaultDir the first container with names that is not the PAB', async () => {
    const { ab } = await open();
    const p = await ab.openEntry<IABContainer>(await ab.getPAB(), null, 0);
    const [flags] = await p.getProps([PR_CONTAINER_FLAGS]);
    expect((flags!.Value as number) & AB_MODIFIABLE).toBe(AB_MODIFIABLE);
    const d = await ab.openEntry<IABContainer>(await ab.getDefaultDir(), null, 0);
    expect((await d.getProps([PR_DISPLAY_NAME]))[0]!.Value).toBe('Global Address List');
  });
});

describe('IAddrBook.createOneOff', () => {
  it('builds an [MS-OXCDATA] one-off that openEntry opens as a read-only mail user', async () => {
    const { ab } = await open();
    const id = await ab.createOneOff('Dave', 'SMTP', 'dave@x.org', 0);
    expect([...id.subarray(4, 20)]).toEqual([0x81, 0x2b, 0x1f, 0xa4, 0xbe, 0xa3, 0x10, 0x19, 0x9d, 0x6e, 0x00, 0xdd, 0x01, 0x0f, 0x54, 0x02]);
    const u = await ab.openEntry<IMAPIProp>(id, null, 0);
    const props = await u.getProps([PR_DISPLAY_NAME, PR_ADDRTYPE, PR_EMAIL_ADDRESS]);
    expect(props.map((p) => p.Value)).toEqual(['Dave', 'SMTP', 'dave@x.org']);
    await expect(ab.openEntry(id, null, MAPI_MODIFY)).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_NO_ACCESS));
    expect(await ab.compareEntryIDs(id, await ab.createOneOff('D.', 'smtp', 'DAVE@x.org', 0), 0)).toBe(true);
  });
});

describe('IAddrBook.openEntry', () => {
  it('answers MAPI_E_UNKNOWN_ENTRYID for an entry ID no provider recognizes', async () => {
    const { ab } = await open();
    await expect(ab.openEntry(new Uint8Array(30).fill(7), null, 0)).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_UNKNOWN_ENTRYID));
  });

  it('opens GAL entries read-only (MAPI_MODIFY: MAPI_E_NO_ACCESS)', async () => {
    const { ab } = await open();
    const list = adr('Carol');
    await ab.resolveName(0, 0, null, list);
    const id = prop(list[0]!.rgPropVals, PR_ENTRYID) as Uint8Array;
    const u = await ab.openEntry<IMAPIProp>(id, null, 0);
    expect((await u.getProps([PR_SMTP_ADDRESS]))[0]!.Value).toBe('carol@example.com');
    await expect(ab.openEntry(id, null, MAPI_MODIFY)).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_NO_ACCESS));
  });
});

describe('IABContainer.createEntry', () => {
  it('creates a PAB contact visible in the contents table after saveChanges, and MAPI_E_COLLISION with CREATE_CHECK_DUP_LOOSE', async () => {
    const { ab } = await open();
    const c = await pab(ab);
    const t = await c.getContentsTable(0);
    expect(await t.getRowCount(0)).toBe(0);
    await newUser(c, 'Eve', 'eve@x.org');
    expect(await t.getRowCount(0)).toBe(1);
    const dup = await c.createEntry(templateEntryId(MAPI_MAILUSER), CREATE_CHECK_DUP_LOOSE);
    await dup.setProps([{ ulPropTag: PR_DISPLAY_NAME, Value: 'eve' }]);
    await expect(dup.saveChanges(0)).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_COLLISION));
  });

  it('the GAL is not modifiable: createEntry answers MAPI_E_NO_SUPPORT', async () => {
    const { ab } = await open();
    const gal = await ab.openEntry<IABContainer>(await ab.getDefaultDir(), null, 0);
    await expect(gal.createEntry(templateEntryId(MAPI_MAILUSER), 0)).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_NO_SUPPORT));
  });
});

describe('IABContainer.resolveNames', () => {
  it('sets MAPI_RESOLVED, MAPI_AMBIGUOUS and MAPI_UNRESOLVED per entry', async () => {
    const { ab } = await open();
    const gal = await ab.openEntry<IABContainer>(await ab.getDefaultDir(), null, 0);
    const list = adr('carol', 'Bo', 'nobody');
    const flags = await gal.resolveNames(null, 0, list, [MAPI_UNRESOLVED, MAPI_UNRESOLVED, MAPI_UNRESOLVED]);
    expect(flags).toEqual([MAPI_RESOLVED, MAPI_AMBIGUOUS, MAPI_UNRESOLVED]);
  });
});

describe('IABContainer.copyEntries / deleteEntries', () => {
  it('copies a GAL user into the PAB and deletes it again', async () => {
    const { ab } = await open();
    const list = adr('Carol');
    await ab.resolveName(0, 0, null, list);
    const c = await pab(ab);
    expect(await c.copyEntries([prop(list[0]!.rgPropVals, PR_ENTRYID) as Uint8Array], 0, null, 0)).toEqual({});
    const t = await c.getContentsTable(0);
    await t.setColumns([PR_ENTRYID, PR_ADDRTYPE], 0);
    const rows = await t.queryRows(10, 0);
    expect(rows.map((r) => r.lpProps[1]!.Value)).toEqual(['EX']);
    expect(await c.deleteEntries([rows[0]!.lpProps[0]!.Value as Uint8Array], 0)).toEqual({});
    expect(await t.getRowCount(0)).toBe(0);
    expect((await c.deleteEntries([rows[0]!.lpProps[0]!.Value as Uint8Array], 0)).warning).toBeDefined();
  });
});

async function newList(ab: IAddrBook, name: string): Promise<{ dl: IDistList; id: Uint8Array }> {
  const c = await pab(ab);
  const dl = (await c.createEntry(templateEntryId(MAPI_DISTLIST), 0)) as IDistList;
  await dl.setProps([{ ulPropTag: PR_DISPLAY_NAME, Value: name }]);
  await dl.saveChanges(0);
  const id = (await dl.getProps([PR_ENTRYID]))[0]!.Value as Uint8Array;
  return { dl: await ab.openEntry<IDistList>(id, null, MAPI_MODIFY), id };
}

describe('IDistList', () => {
  it('lists its members, nested lists expand and cycles end', async () => {
    const { ab } = await open();
    const list = adr('Carol', 'Bob Jones');
    await ab.resolveName(0, 0, null, list);
    const [carol, bob] = list.map((e) => prop(e.rgPropVals, PR_ENTRYID) as Uint8Array);
    const a = await newList(ab, 'Team A');
    const b = await newList(ab, 'Team B');
    await a.dl.copyEntries([carol!, b.id], 0, null, 0);
    await b.dl.copyEntries([bob!, a.id, await ab.createOneOff('Out', 'SMTP', 'out@x.org', 0)], 0, null, 0);
    const t = await a.dl.getContentsTable(0);
    expect(await t.getRowCount(0)).toBe(2);
    const members = await expandDistList(ab, a.id);
    expect(members.map((m) => prop(m, PR_DISPLAY_NAME))).toEqual(['carol', 'Bob Jones', 'Out']);
  });

  it('expandRecipients gives members the list\'s recipient type and drops duplicates of explicit recipients', async () => {
    const { ab } = await open();
    const list = adr('Carol');
    await ab.resolveName(0, 0, null, list);
    const a = await newList(ab, 'Team A');
    await a.dl.copyEntries([prop(list[0]!.rgPropVals, PR_ENTRYID) as Uint8Array, await ab.createOneOff('Out', 'SMTP', 'out@x.org', 0)], 0, null, 0);
    const out = await expandRecipients(ab, [list[0]!.rgPropVals, [{ ulPropTag: PR_ENTRYID, Value: a.id }, { ulPropTag: PR_OBJECT_TYPE, Value: MAPI_DISTLIST }, { ulPropTag: PR_RECIPIENT_TYPE, Value: MAPI_BCC }]]);
    expect(out.map((r) => [prop(r, PR_DISPLAY_NAME), prop(r, PR_RECIPIENT_TYPE)])).toEqual([
      ['carol', MAPI_TO],
      ['Out', MAPI_BCC],
    ]);
  });

  it('notifies fnevObjectModified to sinks on the list when members change', async () => {
    const { ab, w } = await open();
    const a = await newList(ab, 'Team A');
    const seen: number[] = [];
    await ab.advise(a.id, fnevObjectModified, { onNotify: (ns) => { for (const n of ns) seen.push(n.ulEventType); } });
    await a.dl.copyEntries([await ab.createOneOff('Out', 'SMTP', 'out@x.org', 0)], 0, null, 0);
    await w.flush();
    expect(seen).toEqual([fnevObjectModified]);
  });
});

describe('IMAPISession.openAddressBook arguments', () => {
  it('takes IID_IAddrBook or null and AB_NO_DIALOG only', async () => {
    world = await createWorld({ users: ['alice'] });
    const s = await world.logon('alice');
    const { IID_IAddrBook, IID_IMsgStore } = await import('../../../src/core/generated/guids.js');
    const { AB_NO_DIALOG } = await import('../../../src/core/generated/constants.js');
    const { MAPI_E_INTERFACE_NOT_SUPPORTED, MAPI_E_UNKNOWN_FLAGS } = await import('../../../src/core/generated/scodes.js');
    expect(await s.openAddressBook(IID_IAddrBook, AB_NO_DIALOG)).toBeDefined();
    await expect(s.openAddressBook(IID_IMsgStore, 0)).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_INTERFACE_NOT_SUPPORTED));
    await expect(s.openAddressBook(null, 0x1000)).rejects.toSatisfy((e) => MapiError.is(e, MAPI_E_UNKNOWN_FLAGS));
  });
});

describe('IAddrBook.prepareRecips', () => {
  it('puts the requested properties first, read from the address book, then the entry\'s own', async () => {
    const { ab } = await open();
    const list = adr('Carol');
    await ab.resolveName(0, MAPI_UNICODE_FLAG, null, list);
    const id = prop(list[0]!.rgPropVals, PR_ENTRYID) as Uint8Array;
    const recips: ADRLIST = [{ rgPropVals: [{ ulPropTag: PR_ENTRYID, Value: id }, { ulPropTag: PR_RECIPIENT_TYPE, Value: MAPI_TO }] }];
    await ab.prepareRecips(0, [PR_SMTP_ADDRESS, PR_DISPLAY_NAME, 0x12340003], recips);
    const p = recips[0]!.rgPropVals;
    expect(p.slice(0, 2).map((x) => x.Value)).toEqual(['carol@example.com', 'carol']);
    expect(p[2]!.ulPropTag).toBe(0x1234000a);
    expect(p.slice(3).map((x) => x.ulPropTag)).toEqual([PR_ENTRYID, PR_RECIPIENT_TYPE]);
  });
});

describe('openProfileAddressBook', () => {
  it('gives the spooler an address book over a profile without a session, sharing the PAB', async () => {
    const { ab, w } = await open();
    const a = await newList(ab, 'Team');
    await a.dl.copyEntries([await ab.createOneOff('Out', 'SMTP', 'out@x.org', 0)], 0, null, 0);
    const { openProfileAddressBook } = await import('../../../src/core/ab/index.js');
    const p = await openProfileAddressBook(w.mapi, w.mapi.profiles.get('alice')!);
    const out = await expandRecipients(p.addrBook, [[{ ulPropTag: PR_ENTRYID, Value: a.id }, { ulPropTag: PR_ADDRTYPE, Value: 'MAPIPDL' }]]);
    expect(out.map((r) => prop(r, PR_EMAIL_ADDRESS))).toEqual(['out@x.org']);
    p.close();
    await expect(p.addrBook.getPAB()).rejects.toBeInstanceOf(MapiError);
  });
});
