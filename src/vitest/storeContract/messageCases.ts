/**
 * Store contract: messages (create, save, reopen, computed properties, recipients,
 * attachments, embedded messages, transactions).
 * @internal
 */
import { describe, expect, it } from 'vitest';
import type { IMAPIFolder, IMessage } from '../../core/store/interfaces.js';
import type { IStream } from '../../core/props/interfaces.js';
import type { SPropValue } from '../../core/props/types.js';
import { FILETIME } from '../../core/props/filetime.js';
import { PROP_ID, PROP_TAG } from '../../core/props/tags.js';
import { valuesEqual } from '../../core/props/values.js';
import { IID_IMAPITable, IID_IStream, PS_PUBLIC_STRINGS } from '../../core/generated/guids.js';
import { PT_BINARY, PT_BOOLEAN, PT_DOUBLE, PT_I8, PT_LONG, PT_MV_UNICODE, PT_SYSTIME, PT_UNICODE } from '../../core/generated/proptypes.js';
import * as T from '../../core/generated/proptags.js';
import * as C from '../../core/generated/constants.js';
import * as E from '../../core/generated/scodes.js';
import { UNKNOWN_FLAG, bin, cell, prop, propError, recipient, rejects, rows, saveMessage, subjects, type ContractSuite } from './env.js';

/** Message-class-defined content properties (0x6800–0x7BFF), one per type, for round trips. */
const VALUES: SPropValue[] = [
  { ulPropTag: PROP_TAG(PT_UNICODE, 0x6810), Value: 'Grüße, 世界' },
  { ulPropTag: PROP_TAG(PT_LONG, 0x6811), Value: -123456 },
  { ulPropTag: PROP_TAG(PT_BOOLEAN, 0x6812), Value: true },
  { ulPropTag: PROP_TAG(PT_SYSTIME, 0x6813), Value: FILETIME.fromISOString('2024-02-29T12:34:56.789Z') },
  { ulPropTag: PROP_TAG(PT_BINARY, 0x6814), Value: Uint8Array.of(0, 1, 2, 254, 255) },
  { ulPropTag: PROP_TAG(PT_I8, 0x6815), Value: -9007199254740993n },
  { ulPropTag: PROP_TAG(PT_DOUBLE, 0x6816), Value: 3.25 },
  { ulPropTag: PROP_TAG(PT_MV_UNICODE, 0x6817), Value: ['one', 'two', ''] },
];

/** Reads a whole stream. */
async function readAll(stream: IStream): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (;;) {
    const chunk = await stream.read(65536);
    if (!chunk.length) break;
    parts.push(chunk);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const open = (s: ContractSuite, eid: Uint8Array, flags = 0) => s.env().store.openEntry<IMessage>(eid, null, flags);

export function messageCases(s: ContractSuite): void {
  if (!s.caps.write) return;

  describe('IMAPIFolder.createMessage and IMessage.saveChanges', () => {
    it('a new message joins the folder at saveChanges and reopens by PR_ENTRYID with every value intact (imapifolder-createmessage.md)', async () => {
      const folder = await s.env().scratch();
      const msg = await folder.createMessage(null, 0);
      expect(await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'round trip' }, ...VALUES])).toEqual([]);
      expect(await subjects(folder)).toEqual([]);
      expect(await prop(folder, T.PR_CONTENT_COUNT)).toBe(0);
      await msg.saveChanges(C.KEEP_OPEN_READWRITE);
      expect(await subjects(folder)).toEqual(['round trip']);
      expect(await prop(folder, T.PR_CONTENT_COUNT)).toBe(1);
      const again = await open(s, await bin(msg, T.PR_ENTRYID));
      const got = await again.getProps(VALUES.map((v) => v.ulPropTag), 0);
      got.forEach((v, i) => {
        expect(v.ulPropTag, `0x${(VALUES[i]?.ulPropTag ?? 0).toString(16)}`).toBe(VALUES[i]?.ulPropTag);
        expect(valuesEqual(v.Value, (VALUES[i] as SPropValue).Value)).toBe(true);
      });
    });

    it('PR_ENTRYID, PR_RECORD_KEY and PR_MESSAGE_SIZE come with the first save; PR_SEARCH_KEY with creation (pidtagmessagesize-canonical-property.md, pidtagsearchkey-canonical-property.md)', async () => {
      const folder = await s.env().scratch();
      const msg = await folder.createMessage(null, 0);
      expect(await propError(msg, T.PR_ENTRYID)).toBe(E.MAPI_E_NOT_FOUND >>> 0);
      expect(await propError(msg, T.PR_MESSAGE_SIZE)).toBe(E.MAPI_E_NOT_FOUND >>> 0);
      expect(await prop(msg, T.PR_SEARCH_KEY)).toBeInstanceOf(Uint8Array);
      await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'stamped' }]);
      await msg.saveChanges(C.KEEP_OPEN_READWRITE);
      expect(await prop(msg, T.PR_ENTRYID)).toBeInstanceOf(Uint8Array);
      expect(await prop(msg, T.PR_RECORD_KEY)).toBeInstanceOf(Uint8Array);
      expect(await prop(msg, T.PR_MESSAGE_SIZE)).toBeGreaterThan(0);
      expect(FILETIME.isFILETIME(await prop(msg, T.PR_CREATION_TIME))).toBe(true);
      expect(FILETIME.isFILETIME(await prop(msg, T.PR_LAST_MODIFICATION_TIME))).toBe(true);
    });

    it('computed identity: PR_OBJECT_TYPE MAPI_MESSAGE, PR_PARENT_ENTRYID the folder, PR_STORE_ENTRYID the store, PR_MESSAGE_CLASS "IPM" by default (pidtagmessageclass-canonical-property.md)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      const { eid } = await saveMessage(folder, 'identity');
      const msg = await open(s, eid);
      expect(await prop(msg, T.PR_OBJECT_TYPE)).toBe(C.MAPI_MESSAGE);
      expect(await env.store.compareEntryIDs(await bin(msg, T.PR_PARENT_ENTRYID), await bin(folder, T.PR_ENTRYID), 0)).toBe(true);
      expect(await env.session.compareEntryIDs(await bin(msg, T.PR_STORE_ENTRYID), await bin(env.store, T.PR_ENTRYID), 0)).toBe(true);
      expect(await prop(msg, T.PR_MESSAGE_CLASS_W)).toBe('IPM');
      expect(await env.store.compareEntryIDs(await bin(msg, T.PR_ENTRYID), eid, 0)).toBe(true);
    });

    it('computed properties refuse setProps with MAPI_E_COMPUTED and keep their values (imapiprop-setprops.md)', async () => {
      const { msg } = await saveMessage(await s.env().scratch(), 'computed');
      const before = await msg.getProps([T.PR_ENTRYID, T.PR_MESSAGE_SIZE, T.PR_HASATTACH], 0);
      const problems = await msg.setProps([
        { ulPropTag: T.PR_ENTRYID, Value: Uint8Array.of(1, 2, 3) },
        { ulPropTag: T.PR_MESSAGE_SIZE, Value: 1 },
        { ulPropTag: T.PR_HASATTACH, Value: true },
        { ulPropTag: T.PR_BODY_W, Value: 'fine' },
      ]);
      expect(problems.map((p) => [p.ulIndex, p.scode >>> 0])).toEqual([0, 1, 2].map((i) => [i, E.MAPI_E_COMPUTED >>> 0]));
      const after = await msg.getProps([T.PR_ENTRYID, T.PR_MESSAGE_SIZE, T.PR_HASATTACH], 0);
      expect(after[0]).toEqual(before[0]);
      expect(after[2]).toEqual(before[2]);
      expect(await prop(msg, T.PR_BODY_W)).toBe('fine');
    });

    it('PR_SUBJECT splits into PR_SUBJECT_PREFIX and PR_NORMALIZED_SUBJECT (pidtagnormalizedsubject-canonical-property.md)', async () => {
      const { eid } = await saveMessage(await s.env().scratch(), 'RE: quarterly numbers');
      const msg = await open(s, eid);
      expect(await prop(msg, T.PR_SUBJECT_PREFIX_W)).toBe('RE: ');
      expect(await prop(msg, T.PR_NORMALIZED_SUBJECT_W)).toBe('quarterly numbers');
      expect(await prop(msg, T.PR_SUBJECT_W)).toBe('RE: quarterly numbers');
    });

    it('MSGFLAG_READ can be set with setProps before the first save, not after (pidtagmessageflags-canonical-property.md)', async () => {
      const folder = await s.env().scratch();
      const msg = await folder.createMessage(null, 0);
      expect(((await prop(msg, T.PR_MESSAGE_FLAGS)) as number) & C.MSGFLAG_UNSENT).toBe(C.MSGFLAG_UNSENT);
      await msg.setProps([{ ulPropTag: T.PR_MESSAGE_FLAGS, Value: C.MSGFLAG_READ | C.MSGFLAG_UNSENT }, { ulPropTag: T.PR_SUBJECT_W, Value: 'flags' }]);
      await msg.saveChanges(C.KEEP_OPEN_READWRITE);
      expect(((await prop(msg, T.PR_MESSAGE_FLAGS)) as number) & C.MSGFLAG_READ).toBe(C.MSGFLAG_READ);
      await msg.setProps([{ ulPropTag: T.PR_MESSAGE_FLAGS, Value: C.MSGFLAG_UNSENT }]);
      await msg.saveChanges(C.KEEP_OPEN_READWRITE);
      const reopened = await open(s, await bin(msg, T.PR_ENTRYID));
      expect(((await prop(reopened, T.PR_MESSAGE_FLAGS)) as number) & C.MSGFLAG_READ).toBe(C.MSGFLAG_READ);
    });

    it('large values: getProps gives the value or MAPI_E_NOT_ENOUGH_MEMORY; an IStream writes and reads them whole (imapiprop-openproperty.md)', async () => {
      const folder = await s.env().scratch();
      const tag = PROP_TAG(PT_BINARY, 0x6820);
      const data = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 0xff);
      const msg = await folder.createMessage(null, 0);
      const stream = await msg.openProperty<IStream>(tag, IID_IStream, 0, C.MAPI_CREATE | C.MAPI_MODIFY);
      await stream.write(data);
      await stream.commit(0);
      await msg.setProps([{ ulPropTag: T.PR_SUBJECT_W, Value: 'large' }]);
      await msg.saveChanges(C.KEEP_OPEN_READWRITE);
      const again = await open(s, await bin(msg, T.PR_ENTRYID));
      const [v] = await again.getProps([tag], 0);
      if (v?.ulPropTag === tag) expect(valuesEqual(v.Value, data)).toBe(true);
      else expect([v?.ulPropTag, (v?.Value as number) >>> 0]).toEqual([PROP_TAG(0x000a, 0x6820), E.MAPI_E_NOT_ENOUGH_MEMORY >>> 0]);
      expect(valuesEqual(await readAll(await again.openProperty<IStream>(tag, IID_IStream, 0, 0)), data)).toBe(true);
    });

    it('named properties: getIDsFromNames(MAPI_CREATE) maps a name to 0x8000 or above; name and value survive a reopen (imapiprop-getidsfromnames.md)', async () => {
      const folder = await s.env().scratch();
      const msg = await folder.createMessage(null, 0);
      const name = { lpguid: PS_PUBLIC_STRINGS, ulKind: 1 as const, lpwstrName: 'ContractColour' };
      const [id] = await msg.getIDsFromNames([name], C.MAPI_CREATE);
      expect(PROP_ID(id as number)).toBeGreaterThanOrEqual(0x8000);
      const tag = PROP_TAG(PT_UNICODE, PROP_ID(id as number));
      await msg.setProps([{ ulPropTag: tag, Value: 'teal' }, { ulPropTag: T.PR_SUBJECT_W, Value: 'named' }]);
      await msg.saveChanges(C.KEEP_OPEN_READWRITE);
      const again = await open(s, await bin(msg, T.PR_ENTRYID));
      expect(await prop(again, tag)).toBe('teal');
      const { names } = await again.getNamesFromIDs([tag], null, 0);
      expect(names[0]).toMatchObject({ ulKind: 1, lpwstrName: 'ContractColour' });
    });

    it('bad input: unknown flags (MAPI_E_UNKNOWN_FLAGS), a non-message interface (MAPI_E_INTERFACE_NOT_SUPPORTED), a read-only folder handle (MAPI_E_NO_ACCESS)', async () => {
      const env = s.env();
      const folder = await env.scratch();
      await rejects(folder.createMessage(null, UNKNOWN_FLAG), E.MAPI_E_UNKNOWN_FLAGS);
      await rejects(folder.createMessage(IID_IMAPITable, 0), E.MAPI_E_INTERFACE_NOT_SUPPORTED);
      const readOnly = await env.store.openEntry<IMAPIFolder>(await bin(folder, T.PR_ENTRYID), null, 0);
      await rejects(readOnly.createMessage(null, 0), E.MAPI_E_NO_ACCESS);
    });
  });

  describe('IMessage.modifyRecipients', () => {
    it('MODRECIP_ADD adds rows with PR_ROWID; they are saved; PR_DISPLAY_TO and PR_DISPLAY_CC list the names (imessage-modifyrecipients.md, pidtagdisplayto-canonical-property.md)', async () => {
      const { eid } = await saveMessage(await s.env().scratch(), 'to many', {
        recipients: [['Alice', C.MAPI_TO], ['Bob', C.MAPI_TO], ['Carol', C.MAPI_CC]],
      });
      const msg = await open(s, eid);
      const recips = await rows(await msg.getRecipientTable(C.MAPI_UNICODE), [T.PR_DISPLAY_NAME_W, T.PR_RECIPIENT_TYPE, T.PR_ROWID, T.PR_EMAIL_ADDRESS_W]);
      expect(recips.map((r) => [cell(r, T.PR_DISPLAY_NAME_W), cell(r, T.PR_RECIPIENT_TYPE), cell(r, T.PR_EMAIL_ADDRESS_W)])).toEqual([
        ['Alice', C.MAPI_TO, 'alice@example.com'],
        ['Bob', C.MAPI_TO, 'bob@example.com'],
        ['Carol', C.MAPI_CC, 'carol@example.com'],
      ]);
      expect(new Set(recips.map((r) => cell(r, T.PR_ROWID))).size).toBe(3);
      const split = (v: unknown) => String(v).split(';').map((x) => x.trim()).filter(Boolean);
      expect(split(await prop(msg, T.PR_DISPLAY_TO_W))).toEqual(['Alice', 'Bob']);
      expect(split(await prop(msg, T.PR_DISPLAY_CC_W))).toEqual(['Carol']);
    });

    it('MODRECIP_MODIFY and MODRECIP_REMOVE work by PR_ROWID; flags 0 replace the whole list (imessage-modifyrecipients.md)', async () => {
      const { msg } = await saveMessage(await s.env().scratch(), 'edits', { recipients: [['Alice', C.MAPI_TO], ['Bob', C.MAPI_CC]] });
      const table = await msg.getRecipientTable(C.MAPI_UNICODE);
      const [alice, bob] = await rows(table, [T.PR_ROWID, T.PR_DISPLAY_NAME_W]);
      await msg.modifyRecipients(C.MODRECIP_MODIFY, [{ rgPropVals: [{ ulPropTag: T.PR_ROWID, Value: cell(bob, T.PR_ROWID) as number }, ...recipient('Bobby', C.MAPI_BCC).rgPropVals] }]);
      await msg.modifyRecipients(C.MODRECIP_REMOVE, [{ rgPropVals: [{ ulPropTag: T.PR_ROWID, Value: cell(alice, T.PR_ROWID) as number }] }]);
      await msg.saveChanges(C.KEEP_OPEN_READWRITE);
      let names = (await rows(await msg.getRecipientTable(C.MAPI_UNICODE), [T.PR_DISPLAY_NAME_W, T.PR_RECIPIENT_TYPE])).map((r) => [cell(r, T.PR_DISPLAY_NAME_W), cell(r, T.PR_RECIPIENT_TYPE)]);
      expect(names).toEqual([['Bobby', C.MAPI_BCC]]);
      await msg.modifyRecipients(0, [recipient('Dora', C.MAPI_TO), recipient('Eve', C.MAPI_TO)]);
      names = (await rows(await msg.getRecipientTable(C.MAPI_UNICODE), [T.PR_DISPLAY_NAME_W, T.PR_RECIPIENT_TYPE])).map((r) => [cell(r, T.PR_DISPLAY_NAME_W), cell(r, T.PR_RECIPIENT_TYPE)]);
      expect(names).toEqual([['Dora', C.MAPI_TO], ['Eve', C.MAPI_TO]]);
    });

    it('bad input: MODRECIP_MODIFY without PR_ROWID (MAPI_E_INVALID_PARAMETER), unknown flags (MAPI_E_UNKNOWN_FLAGS); the list is unchanged', async () => {
      const { msg } = await saveMessage(await s.env().scratch(), 'bad', { recipients: [['Alice', C.MAPI_TO]] });
      await rejects(msg.modifyRecipients(C.MODRECIP_MODIFY, [recipient('Nobody', C.MAPI_TO)]), E.MAPI_E_INVALID_PARAMETER);
      await rejects(msg.modifyRecipients(UNKNOWN_FLAG, [recipient('Nobody', C.MAPI_TO)]), E.MAPI_E_UNKNOWN_FLAGS);
      expect((await rows(await msg.getRecipientTable(C.MAPI_UNICODE), [T.PR_DISPLAY_NAME_W])).map((r) => cell(r, T.PR_DISPLAY_NAME_W))).toEqual(['Alice']);
    });

    it('the recipient table\'s default columns include the required PR_DISPLAY_NAME, PR_RECIPIENT_TYPE, PR_ROWID (recipient-tables.md)', async () => {
      const { msg } = await saveMessage(await s.env().scratch(), 'columns', { recipients: [['Alice', C.MAPI_TO]] });
      const cols = new Set((await (await msg.getRecipientTable(0)).queryColumns(0)).map(PROP_ID));
      for (const tag of [T.PR_DISPLAY_NAME_W, T.PR_RECIPIENT_TYPE, T.PR_ROWID]) expect(cols.has(PROP_ID(tag)), `0x${tag.toString(16)}`).toBe(true);
    });
  });
}
