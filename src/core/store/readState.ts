import type { NodeId } from '../spi/store.js';
import type { StoreContext } from './StoreContext.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import { commitReadState } from './messageOps.js';
import { flagsOf, setFlags } from './saveRules.js';
import { applyReadFlag, checkReadFlagArgs } from './messageFlags.js';
import { PR_MESSAGE_FLAGS, PR_READ_RECEIPT_REQUESTED } from '../generated/proptags.js';
import { MESSAGE_DIALOG, MSGFLAG_SUBMIT } from '../generated/constants.js';
import { MAPI_E_NO_ACCESS, MAPI_E_NOT_FOUND, MAPI_E_SUBMITTED } from '../generated/scodes.js';

/**
 * IMessage::SetReadFlag on a committed message, for IMAPIFolder::SetReadFlags and for an
 * open message's own setReadFlag: sets or clears MSGFLAG_READ and handles MSGFLAG_RN_PENDING /
 * MSGFLAG_NRN_PENDING and PR_READ_RECEIPT_REQUESTED as the page's flags say (messageFlags.ts,
 * applyReadFlag), then commits the read state at once and reports it (fnevObjectModified with
 * the changed tags, table rows, PR_CONTENT_UNREAD). Nothing is written when nothing changes.
 * A due read report goes to the spooler (StoreSupport.readReport).
 *
 * Errors: MAPI_E_UNKNOWN_FLAGS / MAPI_E_INVALID_PARAMETER for the flags (MESSAGE_DIALOG is
 * tolerated for SetReadFlags callers), MAPI_E_NOT_FOUND for a message that does not exist (or
 * is soft-deleted), MAPI_E_NO_ACCESS on a read-only store, MAPI_E_SUBMITTED for a message in the
 * outgoing queue ("The read flag cannot be altered for ... Messages that are currently submitted").
 * An associated message keeps no read state: the call succeeds and changes nothing.
 * @see imessage-setreadflag.md
 * @see imapifolder-setreadflags.md
 */
export async function setReadState(ctx: StoreContext, id: NodeId, ulFlags: number, method = 'setReadFlags'): Promise<void> {
  const flags = checkReadFlagArgs(method, ulFlags, MESSAGE_DIALOG);
  const rec = ctx.backend.message(id);
  if (!rec || rec.softDeleted) throw new MapiError(MAPI_E_NOT_FOUND, `${method}: the message does not exist (deleted or moved?)`);
  if (ctx.backend.readOnly) throw new MapiError(MAPI_E_NO_ACCESS, `${method}: the store is read-only`);
  const current = flagsOf(rec.props);
  if (current & MSGFLAG_SUBMIT) throw new MapiError(MAPI_E_SUBMITTED, `${method}: the message is submitted; its read flag cannot change`);
  const change = applyReadFlag(flags, current, rec.associated);
  const props = new Map(rec.props);
  const tags: number[] = [];
  if (change.flags !== current) {
    setFlags(props, change.flags);
    tags.push(PR_MESSAGE_FLAGS);
  }
  if (change.clearReceiptRequested && rec.props.get(PROP_ID(PR_READ_RECEIPT_REQUESTED))?.Value === true) {
    props.set(PROP_ID(PR_READ_RECEIPT_REQUESTED), { ulPropTag: PR_READ_RECEIPT_REQUESTED, Value: false });
    tags.push(PR_READ_RECEIPT_REQUESTED);
  }
  if (tags.length) await commitReadState(ctx, rec, props, tags);
  // imessage-setreadflag.md: "send any pending read reports" (mapi-report-messages.md: the store asks MAPI to send it).
  if (change.sendReadReport && rec.props.get(PROP_ID(PR_READ_RECEIPT_REQUESTED))?.Value === true) await ctx.support.readReport?.(ctx, rec, 'IPNRN');
}
