import type { MessageContent, NodeId, PropMap } from '../spi/store.js';
import type { StoreContext } from '../store/StoreContext.js';
import { PROP_ID } from '../props/tags.js';
import { commitMessage, copyMessageTo, deleteMessages } from '../store/messageOps.js';
import { restampCopy } from '../store/stamps.js';
import { flagsOf, setFlags } from '../store/saveRules.js';
import { PR_DELETE_AFTER_SUBMIT, PR_MESSAGE_FLAGS, PR_SENTMAIL_ENTRYID } from '../generated/proptags.js';
import { MSGFLAG_SUBMIT, MSGFLAG_UNSENT } from '../generated/constants.js';

/**
 * Writes the spooler's view of a message being sent (PR_RESPONSIBILITY on recipients, the
 * sender properties it stamped) to the stored message, so a retry does not send twice and
 * the sent copy shows who sent it. Properties the client set are kept.
 */
export async function recordProgress(ctx: StoreContext, id: NodeId, content: MessageContent): Promise<void> {
  const cur = ctx.backend.message(id);
  if (!cur) return;
  const props: PropMap = new Map(cur.props);
  for (const [k, v] of content.props) if (!cur.props.has(k)) props.set(k, v);
  await commitMessage(ctx, { ...cur, props, recipients: content.recipients, version: cur.version + 1 }, null);
}

/** Takes a message out of the queue unsent (MAPI_E_CANCEL from a transport): MSGFLAG_SUBMIT cleared. */
export async function unsubmit(ctx: StoreContext, id: NodeId): Promise<void> {
  const cur = ctx.backend.message(id);
  if (!cur) return;
  const props: PropMap = new Map(cur.props);
  setFlags(props, flagsOf(props) & ~MSGFLAG_SUBMIT);
  await commitMessage(ctx, { ...cur, props, version: cur.version + 1 }, [PR_MESSAGE_FLAGS]);
}

/**
 * What IMsgStore::FinishedMsg does for the spooler (imsgstore-finishedmsg.md), without going
 * through the client-visible store object: unlock, clear MSGFLAG_SUBMIT and MSGFLAG_UNSENT,
 * then delete the message when PR_DELETE_AFTER_SUBMIT is TRUE, else move it to the folder
 * PR_SENTMAIL_ENTRYID names (sending-messages-mapi-spooler-tasks.md step 4), else leave it.
 * @see imsgstore-finishedmsg.md
 */
export async function finishMessage(ctx: StoreContext, id: NodeId): Promise<void> {
  ctx.lockedMessages.delete(id);
  const cur = ctx.backend.message(id);
  if (!cur) return;
  const props: PropMap = new Map(cur.props);
  setFlags(props, flagsOf(props) & ~(MSGFLAG_SUBMIT | MSGFLAG_UNSENT));
  const sent = { ...cur, props, version: cur.version + 1 };
  await commitMessage(ctx, sent, [PR_MESSAGE_FLAGS]);
  if (props.get(PROP_ID(PR_DELETE_AFTER_SUBMIT))?.Value === true) {
    await deleteMessages(ctx, [id], true);
  } else {
    const target = props.get(PROP_ID(PR_SENTMAIL_ENTRYID))?.Value;
    const parsed = target instanceof Uint8Array ? ctx.backend.entryIds.parse(target) : undefined;
    if (parsed?.kind === 'folder' && parsed.id !== undefined && parsed.id !== sent.folderId && ctx.backend.folder(parsed.id)) {
      await copyMessageTo(ctx, id, ctx, parsed.id, true, restampCopy);
    }
  }
  ctx.flushFolderEvents();
}
