import type { IMAPIFolder, IMessage, IMsgStore } from '../../../src/core/store/interfaces.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import { allRows } from '../../../src/fixtures/open.js';
import {
  PR_ADDRTYPE_W,
  PR_DISPLAY_NAME_W,
  PR_EMAIL_ADDRESS_W,
  PR_ENTRYID,
  PR_IPM_OUTBOX_ENTRYID,
  PR_IPM_SENTMAIL_ENTRYID,
  PR_MESSAGE_CLASS_W,
  PR_RECIPIENT_TYPE,
  PR_SENTMAIL_ENTRYID,
  PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import { MAPI_MODIFY, MAPI_TO, MAPI_UNICODE, MODRECIP_ADD } from '../../../src/core/generated/constants.js';

/** A recipient for {@link compose}: an SMTP address, or [type, address], with a recipient type. */
export type To = string | { address: string; type?: string; name?: string; recipientType?: number };

/** A folder of the store named by a store property (PR_IPM_OUTBOX_ENTRYID, ...). */
export async function specialFolder(store: IMsgStore, tag: number): Promise<IMAPIFolder> {
  const [p] = await store.getProps([tag], 0);
  return store.openEntry<IMAPIFolder>(p?.Value as Uint8Array, null, MAPI_MODIFY);
}

/** Creates an IPM.Note in the Outbox with recipients and PR_SENTMAIL_ENTRYID = Sent Items, saved (not submitted). */
export async function compose(store: IMsgStore, to: To[], subject: string, extra: SPropValue[] = []): Promise<IMessage> {
  const outbox = await specialFolder(store, PR_IPM_OUTBOX_ENTRYID);
  const [sent] = await store.getProps([PR_IPM_SENTMAIL_ENTRYID], 0);
  const msg = await outbox.createMessage(null, 0);
  await msg.setProps([
    { ulPropTag: PR_MESSAGE_CLASS_W, Value: 'IPM.Note' },
    { ulPropTag: PR_SUBJECT_W, Value: subject },
    { ulPropTag: PR_SENTMAIL_ENTRYID, Value: sent?.Value as Uint8Array },
    ...extra,
  ]);
  await msg.modifyRecipients(
    MODRECIP_ADD,
    to.map((t) => {
      const r = typeof t === 'string' ? { address: t } : t;
      return {
        rgPropVals: [
          { ulPropTag: PR_DISPLAY_NAME_W, Value: r.name ?? r.address },
          { ulPropTag: PR_ADDRTYPE_W, Value: r.type ?? 'SMTP' },
          { ulPropTag: PR_EMAIL_ADDRESS_W, Value: r.address },
          { ulPropTag: PR_RECIPIENT_TYPE, Value: r.recipientType ?? MAPI_TO },
        ],
      };
    }),
  );
  return msg;
}

/** Composes and submits. */
export async function send(store: IMsgStore, to: To[], subject: string, extra: SPropValue[] = []): Promise<Uint8Array> {
  const msg = await compose(store, to, subject, extra);
  await msg.saveChanges(0x00000002 /* KEEP_OPEN_READWRITE */);
  const [eid] = await msg.getProps([PR_ENTRYID], 0);
  await msg.submitMessage(0);
  return eid?.Value as Uint8Array;
}

/** The rows of a folder's contents table with the given columns, as plain objects keyed by tag. */
export async function contents(folder: IMAPIFolder, columns: number[]): Promise<Map<number, unknown>[]> {
  const rows = await allRows(await folder.getContentsTable(MAPI_UNICODE), columns);
  return rows.map((r) => new Map(r.lpProps.map((p) => [p.ulPropTag, p.Value])));
}
