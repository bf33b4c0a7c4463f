import type { GUID } from '../props/guid.js';
import type { IMAPIProp, IUnknown } from '../props/interfaces.js';
import type { ADRLIST, SPropProblemArray } from '../props/types.js';
import type { MessageContent, NodeId, PropMap } from '../spi/store.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { CreatedAttachment, IAttach, IMessage } from './interfaces.js';
import type { StoreContext } from './StoreContext.js';
import { checkFlags } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import { contentOf, emptyContent } from './messageOps.js';
import { flagsOf, READ_STATE_BITS, setFlags } from './saveRules.js';
import { applyReadFlag, checkReadFlagArgs, initialMessageFlags } from './messageFlags.js';
import { modifyRecipientList } from './recipients.js';
import { KEY_SIZE, newSearchKey } from './stamps.js';
import { AttachObject } from './Attach.js';
import { copyMessageSubobjects } from './messageCopy.js';
import { ATTACHMENTS_ID, FLAGS_ID, MessageBase, RECIPIENTS_ID, checkInterface, cloneAttachment } from './messageBase.js';
import { setReadState } from './readState.js';
import { IID_IAttachment, IID_IMAPIProp, IID_IMAPITable } from '../generated/guids.js';
import {
  PR_ATTACH_METHOD,
  PR_CLIENT_SUBMIT_TIME,
  PR_READ_RECEIPT_REQUESTED,
  PR_RECORD_KEY,
  PR_SEARCH_KEY,
} from '../generated/proptags.js';
import {
  ATTACH_DIALOG,
  FORCE_SUBMIT,
  MAPI_BEST_ACCESS,
  MAPI_DEFERRED_ERRORS,
  MAPI_MODIFY,
  MAPI_UNICODE,
  MODRECIP_ADD,
  MODRECIP_MODIFY,
  MODRECIP_REMOVE,
  MSGFLAG_SUBMIT,
  MSGFLAG_UNSENT,
  NO_ATTACHMENT,
} from '../generated/constants.js';
import {
  MAPI_E_INTERFACE_NOT_SUPPORTED,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_NO_ACCESS,
  MAPI_E_NO_RECIPIENTS,
  MAPI_E_NO_SUPPORT,
  MAPI_E_NOT_FOUND,
} from '../generated/scodes.js';

export { restampCopy } from './stamps.js';
export { setReadState } from './readState.js';
export { cloneAttachment, checkInterface } from './messageBase.js';

/**
 * A message handle: IMessage over its own copy of the message's content (properties,
 * recipients, attachments), which saveChanges commits to the store, or, for an embedded
 * message, to the attachment that holds it. Two handles on one message are two
 * transactions; the second to save gets MAPI_E_OBJECT_CHANGED unless it passes FORCE_SAVE.
 * @see imessageimapiprop.md
 */
export class MessageObject extends MessageBase implements IMessage {
  protected override openSubobject(tag: number, iid: GUID, options: number, _flags: number): Promise<IUnknown | undefined> {
    const id = PROP_ID(tag);
    if (id !== RECIPIENTS_ID && id !== ATTACHMENTS_ID) return Promise.resolve(undefined);
    // recipient-tables.md / attachment-tables.md: OpenProperty with IID_IMAPITable; ulInterfaceOptions may carry MAPI_UNICODE.
    if (!iid.equals(IID_IMAPITable)) throw new MapiError(MAPI_E_INTERFACE_NOT_SUPPORTED, `IMessage.openProperty: the ${id === RECIPIENTS_ID ? 'recipient' : 'attachment'} table opens only as IID_IMAPITable`);
    const unicode = ((options ?? 0) & MAPI_UNICODE) !== 0;
    return Promise.resolve(id === RECIPIENTS_ID ? this.recipientTable(unicode) : this.attachmentTable(unicode));
  }

  protected override copySubobjects(dest: IMAPIProp, ids: Set<number>, flags: number): Promise<SPropProblemArray> {
    return copyMessageSubobjects(this, dest, ids.has(RECIPIENTS_ID), ids.has(ATTACHMENTS_ID), flags);
  }

  /** Removes the recipients and attachments after copyTo(MAPI_MOVE) moved them. @internal */
  removeMovedSubobjects(recipients: boolean, attachments: boolean): void {
    if (!this.opts.writable) return;
    if (recipients) this.content.recipients = [];
    if (attachments) {
      for (const a of this.content.attachments) this.deletedAttachNums.add(a.num);
      this.content.attachments = [];
      this.syncAttachFlag();
    }
    this.markChanged([...(recipients ? [RECIPIENTS_ID] : []), ...(attachments ? [ATTACHMENTS_ID] : [])]);
    this.syncTables();
  }

  getAttachmentTable(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getAttachmentTable', [ulFlags], () => {
      const flags = checkFlags('getAttachmentTable', ulFlags, MAPI_UNICODE | MAPI_DEFERRED_ERRORS);
      return this.attachmentTable((flags & MAPI_UNICODE) !== 0);
    });
  }

  openAttach(ulAttachmentNum: number, lpInterface: GUID | null, ulFlags = 0): Promise<IAttach> {
    return this.invoke('openAttach', [ulAttachmentNum, lpInterface, ulFlags], () => {
      if (typeof ulAttachmentNum !== 'number' || !Number.isInteger(ulAttachmentNum)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'openAttach: the attachment number must be an integer');
      checkInterface('openAttach', lpInterface, [IID_IAttachment, IID_IMAPIProp]);
      const flags = checkFlags('openAttach', ulFlags, MAPI_MODIFY | MAPI_BEST_ACCESS | MAPI_DEFERRED_ERRORS);
      const rec = this.attachment(ulAttachmentNum >>> 0);
      if (!rec) throw new MapiError(MAPI_E_NOT_FOUND, `openAttach: the message has no attachment ${ulAttachmentNum >>> 0}`);
      // imessage-openattach.md: read-only by default; MAPI_MODIFY asks for read/write, MAPI_BEST_ACCESS for the most allowed.
      if (flags & MAPI_MODIFY) this.checkWritable('openAttach');
      const writable = (flags & MAPI_MODIFY) !== 0 || ((flags & MAPI_BEST_ACCESS) !== 0 && this.opts.writable);
      return new AttachObject(this, cloneAttachment(rec), true, writable) as IAttach;
    });
  }

  createAttach(lpInterface: GUID | null, ulFlags = 0): Promise<CreatedAttachment> {
    return this.invoke('createAttach', [lpInterface, ulFlags], () => {
      checkInterface('createAttach', lpInterface, [IID_IAttachment, IID_IMAPIProp]);
      checkFlags('createAttach', ulFlags, MAPI_DEFERRED_ERRORS);
      this.checkWritable('createAttach');
      // PR_ATTACH_NUM is "unique ... within the context of the message": numbers are never reused, even after deletes.
      const num = this.content.nextAttachNum++;
      const props: PropMap = new Map();
      // pidtagattachmethod-canonical-property.md: "all attachment objects have an initial PR_ATTACH_METHOD value of NO_ATTACHMENT".
      props.set(PROP_ID(PR_ATTACH_METHOD), { ulPropTag: PR_ATTACH_METHOD, Value: NO_ATTACHMENT });
      // pidtagrecordkey-canonical-property.md: an attachment's record key is "the only attachment characteristic guaranteed to stay the same".
      props.set(PROP_ID(PR_RECORD_KEY), { ulPropTag: PR_RECORD_KEY, Value: this.ctx.support.ids.bytes(KEY_SIZE) });
      this.modified = true;
      return { ulAttachmentNum: num, attach: new AttachObject(this, { num, props }, false, true) as IAttach };
    });
  }

  deleteAttach(ulAttachmentNum: number, lpProgress: unknown, ulFlags = 0): Promise<void> {
    return this.invoke('deleteAttach', [ulAttachmentNum, lpProgress, ulFlags], () => {
      if (typeof ulAttachmentNum !== 'number' || !Number.isInteger(ulAttachmentNum)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'deleteAttach: the attachment number must be an integer');
      const flags = checkFlags('deleteAttach', ulFlags, ATTACH_DIALOG);
      if (flags & ATTACH_DIALOG) throw new MapiError(MAPI_E_NO_SUPPORT, 'deleteAttach: ATTACH_DIALOG asks for a progress UI, which the emulator does not have');
      this.checkWritable('deleteAttach');
      const num = ulAttachmentNum >>> 0;
      if (!this.attachment(num)) throw new MapiError(MAPI_E_NOT_FOUND, `deleteAttach: the message has no attachment ${num}`);
      // imessage-deleteattach.md: "not permanently deleted until the message's SaveChanges method has been called".
      this.content.attachments = this.content.attachments.filter((a) => a.num !== num);
      this.deletedAttachNums.add(num);
      this.syncAttachFlag();
      this.markChanged([ATTACHMENTS_ID]);
      this.syncTables();
    });
  }

  // ------------------------------------------------------------------ recipients

  getRecipientTable(ulFlags = 0): Promise<IMAPITable> {
    return this.invoke('getRecipientTable', [ulFlags], () => {
      const flags = checkFlags('getRecipientTable', ulFlags, MAPI_UNICODE | MAPI_DEFERRED_ERRORS);
      return this.recipientTable((flags & MAPI_UNICODE) !== 0);
    });
  }

  modifyRecipients(ulFlags: number, lpMods: ADRLIST): Promise<void> {
    return this.invoke('modifyRecipients', [ulFlags, lpMods], () => {
      const flags = checkFlags('modifyRecipients', ulFlags ?? 0, MODRECIP_ADD | MODRECIP_MODIFY | MODRECIP_REMOVE);
      const next = modifyRecipientList('modifyRecipients', this.content, flags, lpMods);
      this.checkWritable('modifyRecipients');
      this.content.recipients = next.recipients;
      this.content.nextRowId = next.nextRowId;
      this.markChanged([RECIPIENTS_ID]);
      this.syncTables();
    });
  }

  // ------------------------------------------------------------------ submit and read state

  submitMessage(ulFlags = 0): Promise<void> {
    return this.invoke('submitMessage', [ulFlags], async () => {
      checkFlags('submitMessage', ulFlags, FORCE_SUBMIT);
      if (this.home.kind !== 'store') throw new MapiError(MAPI_E_NO_SUPPORT, 'submitMessage: an embedded message cannot be submitted; submit the message that holds it');
      this.checkWritable('submitMessage');
      // imessage-submitmessage.md: MAPI_E_NO_RECIPIENTS "The message's recipient table is empty".
      if (!this.content.recipients.length) throw new MapiError(MAPI_E_NO_RECIPIENTS, 'submitMessage: the message has no recipients');
      const submit = this.ctx.support.submit;
      if (!submit) throw new MapiError(MAPI_E_NO_SUPPORT, 'submitMessage: this store has no spooler to hand the message to (the session attaches one)');
      const before = this.flagsShadow;
      const submitTime = this.values.get(PROP_ID(PR_CLIENT_SUBMIT_TIME));
      // pidtagmessageflags-canonical-property.md: the store sets MSGFLAG_SUBMIT, "also sets MSGFLAG_UNSENT if it is not yet set".
      this.setFlagsInternal(before | MSGFLAG_SUBMIT | MSGFLAG_UNSENT);
      this.values.set(PROP_ID(PR_CLIENT_SUBMIT_TIME), { ulPropTag: PR_CLIENT_SUBMIT_TIME, Value: this.ctx.support.clock.now() });
      this.markChanged([FLAGS_ID, PROP_ID(PR_CLIENT_SUBMIT_TIME)]);
      try {
        await this.commit(0);
      } catch (e) {
        // "if SubmitMessage returns an error value ... the message remains open": as it was.
        this.setFlagsInternal(before);
        if (submitTime) this.values.set(PROP_ID(PR_CLIENT_SUBMIT_TIME), submitTime);
        else this.values.delete(PROP_ID(PR_CLIENT_SUBMIT_TIME));
        throw e;
      }
      this.modified = false;
      this.invalidated = true;
      await submit(this.ctx, this.home.id as NodeId);
    });
  }

  setReadFlag(ulFlags = 0): Promise<void> {
    return this.invoke('setReadFlag', [ulFlags], async () => {
      const flags = checkReadFlagArgs('setReadFlag', ulFlags);
      const home = this.home;
      if (home.kind === 'store' && home.id !== undefined) {
        // The read state is committed at once, without the handle's other pending changes (docs/decisions/008-messages.md).
        await setReadState(this.ctx, home.id, flags, 'setReadFlag');
        const cur = this.ctx.backend.message(home.id);
        if (cur) {
          this.setFlagsInternal((this.flagsShadow & ~READ_STATE_BITS) | (flagsOf(cur.props) & READ_STATE_BITS));
          const rr = cur.props.get(PROP_ID(PR_READ_RECEIPT_REQUESTED));
          if (rr) this.values.set(PROP_ID(PR_READ_RECEIPT_REQUESTED), { ...rr });
        }
        return;
      }
      // A new or embedded message: the change waits for saveChanges like any other.
      if (!this.opts.writable) throw new MapiError(MAPI_E_NO_ACCESS, 'setReadFlag: the unsaved message is read-only');
      const change = applyReadFlag(flags, this.flagsShadow, this.associated);
      this.setFlagsInternal(change.flags);
      const ids = [FLAGS_ID];
      if (change.clearReceiptRequested && this.values.get(PROP_ID(PR_READ_RECEIPT_REQUESTED))?.Value === true) {
        this.values.set(PROP_ID(PR_READ_RECEIPT_REQUESTED), { ulPropTag: PR_READ_RECEIPT_REQUESTED, Value: false });
        ids.push(PROP_ID(PR_READ_RECEIPT_REQUESTED));
      }
      this.markChanged(ids);
    });
  }
}

/**
 * A handle on a saved message: its own copy of the committed content. MAPI_E_NOT_FOUND when
 * the message does not exist. A read-only store gives read-only handles.
 */
export function openMessage(ctx: StoreContext, id: NodeId, writable: boolean): IMessage {
  const rec = ctx.message(id, 'openMessage');
  return new MessageObject(ctx, contentOf(rec), { kind: 'store', id, folderId: rec.folderId, associated: rec.associated, base: rec }, writable && !ctx.backend.readOnly);
}

/**
 * A new, unsaved message of a folder (IMAPIFolder::CreateMessage): PR_MESSAGE_FLAGS
 * MSGFLAG_UNSENT | MSGFLAG_UNMODIFIED (| MSGFLAG_ASSOCIATED) and a PR_SEARCH_KEY at once;
 * the message appears in the folder only after saveChanges.
 * @see imapifolder-createmessage.md
 */
export function newMessage(ctx: StoreContext, folderId: NodeId, associated: boolean): IMessage {
  return new MessageObject(ctx, newContent(ctx, associated), { kind: 'store', id: undefined, folderId, associated, base: null }, !ctx.backend.readOnly);
}

/** The content of a new message, top-level or embedded. */
export function newContent(ctx: StoreContext, associated: boolean): MessageContent {
  const content = emptyContent();
  setFlags(content.props, initialMessageFlags(associated));
  content.props.set(PROP_ID(PR_SEARCH_KEY), { ulPropTag: PR_SEARCH_KEY, Value: newSearchKey(ctx) });
  return content;
}

/** An IMessage over the embedded message of an attachment handle. @internal */
export function embeddedMessage(attach: AttachObject, content: MessageContent, saved: boolean, writable: boolean): MessageObject {
  return new MessageObject(attach.ctx, content, { kind: 'embedded', attach, saved }, writable);
}
