import { describe, it, expect } from 'vitest';
import { makeStore, savedMessage, open, prop, scodeOf, record, addFolder } from './messageHelpers.js';
import { newMessage, setReadState } from '../../../src/core/store/Message.js';
import { copyMessageTo, deleteMessages } from '../../../src/core/store/messageOps.js';
import { restampCopy } from '../../../src/core/store/Message.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import {
  PR_BODY_W,
  PR_LAST_MODIFICATION_TIME,
  PR_MESSAGE_FLAGS,
  PR_SEARCH_KEY,
  PR_SUBJECT_W,
  PR_CHANGE_KEY,
} from '../../../src/core/generated/proptags.js';
import {
  FORCE_SAVE,
  KEEP_OPEN_READONLY,
  KEEP_OPEN_READWRITE,
  MSGFLAG_READ,
  fnevObjectCreated,
  MAPI_MESSAGE,
  fnevObjectModified,
} from '../../../src/core/generated/constants.js';
import {
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NO_ACCESS,
  MAPI_E_NOT_FOUND,
  MAPI_E_OBJECT_CHANGED,
  MAPI_E_OBJECT_DELETED,
  MAPI_E_UNKNOWN_FLAGS,
} from '../../../src/core/generated/scodes.js';
import type { NOTIFICATION_OBJECT } from '../../../src/core/notify/types.js';

const subject = (Value: string) => ({ ulPropTag: PR_SUBJECT_W, Value });

describe('IMessage.saveChanges', () => {
  it('creates the message in its folder only when saved (imessage-createattach / imapifolder-createmessage)', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await msg.setProps([subject('draft')]);
    expect(s.backend.messageIds(s.folderId, false)).toEqual([]);
    await msg.saveChanges(0);
    const ids = s.backend.messageIds(s.folderId, false);
    expect(ids).toHaveLength(1);
    expect(s.backend.message(ids[0] as number)?.version).toBe(1);
  });

  it('keeps setProps of an open message away from other handles and tables until saved', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s, [subject('one')]);
    const a = open(s, id);
    const b = open(s, id);
    await a.setProps([subject('two')]);
    expect(await prop(b, PR_SUBJECT_W)).toBe('one');
    expect(s.ctx.messageRow(s.backend.message(id)!).props.get(PROP_ID(PR_SUBJECT_W))?.Value).toBe('one');
    await a.saveChanges(0);
    expect(s.ctx.messageRow(s.backend.message(id)!).props.get(PROP_ID(PR_SUBJECT_W))?.Value).toBe('two');
    expect(await prop(open(s, id), PR_SUBJECT_W)).toBe('two');
    // b still holds its own copy, opened before the save.
    expect(await prop(b, PR_SUBJECT_W)).toBe('one');
  });

  it('rejects a stale save with MAPI_E_OBJECT_CHANGED and lets FORCE_SAVE overwrite', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s, [subject('base')]);
    const a = open(s, id);
    const b = open(s, id);
    await a.setProps([subject('from a')]);
    await a.saveChanges(0);
    await b.setProps([subject('from b')]);
    expect(await scodeOf(b.saveChanges(KEEP_OPEN_READWRITE))).toBe(MAPI_E_OBJECT_CHANGED);
    // "If SaveChanges returns an error, the object ... remains open": b can still force its save.
    expect(s.backend.message(id)?.props.get(PROP_ID(PR_SUBJECT_W))?.Value).toBe('from a');
    await b.saveChanges(FORCE_SAVE);
    expect(s.backend.message(id)?.props.get(PROP_ID(PR_SUBJECT_W))?.Value).toBe('from b');
  });

  it('lets one handle save repeatedly with KEEP_OPEN_READWRITE', async () => {
    const s = makeStore();
    const { id, msg } = await savedMessage(s, [subject('1')]);
    await msg.setProps([subject('2')]);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    await msg.setProps([subject('3')]);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    expect(s.backend.message(id)?.props.get(PROP_ID(PR_SUBJECT_W))?.Value).toBe('3');
    expect(s.backend.message(id)?.version).toBe(3);
  });

  it('answers MAPI_E_OBJECT_DELETED for a message deleted since it was opened, even with FORCE_SAVE', async () => {
    for (const hard of [true, false]) {
      const s = makeStore();
      const { id } = await savedMessage(s, [subject('x')]);
      const m = open(s, id);
      await m.setProps([subject('y')]);
      await deleteMessages(s.ctx, [id], hard);
      expect(await scodeOf(m.saveChanges(0))).toBe(MAPI_E_OBJECT_DELETED);
      expect(await scodeOf(m.saveChanges(FORCE_SAVE))).toBe(MAPI_E_OBJECT_DELETED);
    }
  });

  it('treats a message moved since it was opened as changed; FORCE_SAVE saves it where it is now', async () => {
    const s = makeStore();
    const other = addFolder(s.ctx, s.backend.rootId(), 'Other');
    const { id } = await savedMessage(s, [subject('x')]);
    const m = open(s, id);
    await m.setProps([subject('y')]);
    await copyMessageTo(s.ctx, id, s.ctx, other, true, restampCopy);
    expect(await scodeOf(m.saveChanges(KEEP_OPEN_READWRITE))).toBe(MAPI_E_OBJECT_CHANGED);
    await m.saveChanges(FORCE_SAVE);
    expect(s.backend.message(id)?.folderId).toBe(other);
    expect(s.backend.message(id)?.props.get(PROP_ID(PR_SUBJECT_W))?.Value).toBe('y');
  });

  it('does not count a read-state change as a change of content (no MAPI_E_OBJECT_CHANGED)', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s, [subject('x')]);
    const m = open(s, id);
    await m.setProps([subject('y')]);
    await setReadState(s.ctx, id, 0);
    await m.saveChanges(0);
    const rec = s.backend.message(id)!;
    expect(rec.props.get(PROP_ID(PR_SUBJECT_W))?.Value).toBe('y');
    // The saved message keeps the read state the store had, not the handle's older one.
    expect((rec.props.get(PROP_ID(PR_MESSAGE_FLAGS))?.Value as number) & MSGFLAG_READ).toBe(MSGFLAG_READ);
  });

  it('closes the handle for writing unless KEEP_OPEN_READWRITE is passed', async () => {
    for (const flags of [0, KEEP_OPEN_READONLY]) {
      const s = makeStore();
      const msg = newMessage(s.ctx, s.folderId, false);
      await msg.saveChanges(flags);
      expect(await scodeOf(msg.setProps([subject('late')]))).toBe(MAPI_E_NO_ACCESS);
      // Reading still works.
      expect(await prop(msg, PR_SEARCH_KEY)).toBeInstanceOf(Uint8Array);
    }
  });

  it('checks its flags', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    expect(await scodeOf(msg.saveChanges(0x40000000))).toBe(MAPI_E_UNKNOWN_FLAGS);
    expect(await scodeOf(msg.saveChanges(KEEP_OPEN_READONLY | KEEP_OPEN_READWRITE))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(s.backend.messageIds(s.folderId, false)).toEqual([]);
  });

  it('refuses changes through a read-only handle', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s, [subject('x')]);
    const m = open(s, id, false);
    expect(await scodeOf(m.setProps([subject('y')]))).toBe(MAPI_E_NO_ACCESS);
    expect(await scodeOf(m.saveChanges(0))).toBe(MAPI_E_NO_ACCESS);
  });

  it('answers MAPI_E_NOT_FOUND when the folder of a new message was deleted', async () => {
    const s = makeStore();
    const msg = newMessage(s.ctx, s.folderId, false);
    await s.backend.removeFolder(s.folderId);
    expect(await scodeOf(msg.saveChanges(0))).toBe(MAPI_E_NOT_FOUND);
  });

  it('reports fnevObjectCreated for a new message and fnevObjectModified with the changed tags', async () => {
    const s = makeStore();
    const rec = record(s);
    const { id, msg } = await savedMessage(s, [subject('x')]);
    s.clock.advance(1000);
    await msg.setProps([subject('y'), { ulPropTag: PR_BODY_W, Value: 'body' }]);
    await msg.saveChanges(KEEP_OPEN_READWRITE);
    await s.hub.flush();
    // Without the folder's own fnevObjectModified (its PR_CONTENT_COUNT changed; Folder.notifications.test.ts).
    const [created, modified] = (rec.notifications as NOTIFICATION_OBJECT[]).filter((n) => n.obj.ulObjType === MAPI_MESSAGE);
    expect(created?.ulEventType).toBe(fnevObjectCreated);
    expect(created?.obj.lpEntryID).toEqual(s.ctx.messageEntryId({ id, folderId: s.folderId }));
    expect(modified?.ulEventType).toBe(fnevObjectModified);
    const tags = modified?.obj.lpPropTagArray ?? [];
    expect(tags).toEqual(expect.arrayContaining([PR_SUBJECT_W, PR_BODY_W, PR_LAST_MODIFICATION_TIME, PR_CHANGE_KEY]));
    expect(tags).not.toContain(PR_SEARCH_KEY);
  });

  it('writes nothing when a handle without changes is saved', async () => {
    const s = makeStore();
    const { id } = await savedMessage(s, [subject('x')]);
    const rec = record(s);
    const m = open(s, id);
    await m.saveChanges(0);
    await s.hub.flush();
    expect(s.backend.message(id)?.version).toBe(1);
    expect(rec.count).toBe(0);
  });
});
