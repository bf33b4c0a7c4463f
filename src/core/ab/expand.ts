import type { SPropValue } from '../props/types.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { IAddrBook, IDistList } from './interfaces.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID, PROP_TYPE } from '../props/tags.js';
import { addressSearchKey } from '../session/identity.js';
import { DT_DISTLIST, DT_PRIVATE_DISTLIST, MAPI_DISTLIST } from '../generated/constants.js';
import { PT_ERROR } from '../generated/proptypes.js';
import {
  PR_ADDRTYPE,
  PR_DISPLAY_NAME,
  PR_DISPLAY_TYPE,
  PR_EMAIL_ADDRESS,
  PR_ENTRYID,
  PR_OBJECT_TYPE,
  PR_RECIPIENT_TYPE,
  PR_SEARCH_KEY,
  PR_SMTP_ADDRESS,
} from '../generated/proptags.js';
import { hexKey } from './AbSession.js';
import { MAPIPDL_ADDRTYPE } from './templates.js';

/** Columns read from a distribution list's contents table when expanding it. */
const MEMBER_COLUMNS = [PR_ENTRYID, PR_DISPLAY_NAME, PR_ADDRTYPE, PR_EMAIL_ADDRESS, PR_OBJECT_TYPE, PR_DISPLAY_TYPE, PR_SEARCH_KEY, PR_SMTP_ADDRESS];

function get(props: readonly SPropValue[], tag: number): SPropValue['Value'] | undefined {
  const p = props.find((v) => PROP_ID(v.ulPropTag) === PROP_ID(tag) && PROP_TYPE(v.ulPropTag) !== PT_ERROR);
  return p?.Value;
}

/** True when a recipient's properties name a distribution list (PR_OBJECT_TYPE MAPI_DISTLIST, PR_DISPLAY_TYPE DT_DISTLIST / DT_PRIVATE_DISTLIST, or PR_ADDRTYPE MAPIPDL). */
export function isDistListRecipient(props: readonly SPropValue[]): boolean {
  const dt = get(props, PR_DISPLAY_TYPE);
  return get(props, PR_OBJECT_TYPE) === MAPI_DISTLIST || dt === DT_DISTLIST || dt === DT_PRIVATE_DISTLIST || get(props, PR_ADDRTYPE) === MAPIPDL_ADDRTYPE;
}

/** The key two recipients are the same by: PR_SEARCH_KEY, else `ADDRTYPE:ADDRESS`, else the entry ID. */
function recipientKey(props: readonly SPropValue[]): string | undefined {
  const sk = get(props, PR_SEARCH_KEY);
  if (sk instanceof Uint8Array) return hexKey(sk);
  const t = get(props, PR_ADDRTYPE);
  const a = get(props, PR_EMAIL_ADDRESS);
  if (typeof t === 'string' && typeof a === 'string') return hexKey(addressSearchKey(t, a));
  const e = get(props, PR_ENTRYID);
  return e instanceof Uint8Array ? hexKey(e) : undefined;
}

async function members(addrBook: IAddrBook, dl: Uint8Array): Promise<SPropValue[][]> {
  const list = await addrBook.openEntry<IDistList>(dl, null, 0);
  let table: IMAPITable | undefined;
  try {
    table = await list.getContentsTable(0);
    await table.setColumns(MEMBER_COLUMNS, 0);
    const rows = await table.queryRows(0x7fffffff, 0);
    return rows.map((r) => r.lpProps.filter((p) => PROP_TYPE(p.ulPropTag) !== PT_ERROR));
  } finally {
    table?.release();
    list.release();
  }
}

/**
 * Expands recipients for delivery: every distribution list among them (nested lists too) is
 * replaced by its members, which take the list's PR_RECIPIENT_TYPE. A list already being
 * expanded or already expanded is skipped, so cycles (A contains B contains A) end; a member
 * that is also a recipient already (same PR_SEARCH_KEY or address) is dropped. A list that
 * cannot be opened (its provider is not in the profile, the entry was deleted) stays as it
 * is, for the caller to report (an NDR). Uses only the public IAddrBook API.
 *
 * @param addrBook the session's address book (IMAPISession.openAddressBook)
 * @param recipients each recipient's properties (as in an ADRLIST or a recipient table row)
 * @returns the expanded recipients, in order
 * @see idistlistimapicontainer.md
 * @see imapisupport-expandrecips.md
 */
export async function expandRecipients(addrBook: IAddrBook, recipients: readonly (readonly SPropValue[])[]): Promise<SPropValue[][]> {
  const out: SPropValue[][] = [];
  const seen = new Set<string>();
  const visited = new Set<string>();
  for (const r of recipients) {
    const k = recipientKey(r);
    if (k) seen.add(k);
  }
  const walk = async (props: readonly SPropValue[], recipientType: SPropValue | undefined, top: boolean): Promise<void> => {
    const id = get(props, PR_ENTRYID);
    if (isDistListRecipient(props) && id instanceof Uint8Array) {
      const key = hexKey(id);
      if (visited.has(key)) return;
      visited.add(key);
      let list: SPropValue[][];
      try {
        list = await members(addrBook, id);
      } catch (e) {
        if (!(e instanceof MapiError)) throw e;
        out.push([...props]);
        return;
      }
      for (const m of list) await walk(m, recipientType, false);
      return;
    }
    if (!top) {
      const k = recipientKey(props);
      if (k && seen.has(k)) return;
      if (k) seen.add(k);
    }
    const copy = props.filter((p) => PROP_ID(p.ulPropTag) !== PROP_ID(PR_RECIPIENT_TYPE));
    out.push(recipientType ? [...copy, recipientType] : copy);
  };
  for (const r of recipients) {
    const rt = r.find((p) => p.ulPropTag === PR_RECIPIENT_TYPE);
    await walk(r, rt, true);
  }
  return out;
}

/**
 * The members of a distribution list, nested lists expanded and cycles cut (see
 * {@link expandRecipients}).
 * @see idistlistimapicontainer.md
 */
export async function expandDistList(addrBook: IAddrBook, dlEntryId: Uint8Array): Promise<SPropValue[][]> {
  return expandRecipients(addrBook, [[{ ulPropTag: PR_ENTRYID, Value: dlEntryId }, { ulPropTag: PR_OBJECT_TYPE, Value: MAPI_DISTLIST }]]);
}
