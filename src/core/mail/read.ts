/** Reading what the outgoing-message helpers need from any IMAPIProp / IMessage. */
import { MapiError } from '../errors/MapiError.js';
import { PROP_TYPE } from '../props/tags.js';
import type { SPropValue, SRow } from '../props/types.js';
import type { IMAPIProp, IStream } from '../props/interfaces.js';
import type { IMAPITable } from '../table/interfaces.js';
import type { IMessage, IMAPIFolder } from '../store/interfaces.js';
import { PT_ERROR } from '../generated/proptypes.js';
import { MAPI_UNICODE } from '../generated/constants.js';
import { IID_IStream } from '../generated/guids.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NOT_ENOUGH_MEMORY } from '../generated/scodes.js';
import {
  PR_ADDRTYPE_W,
  PR_DISPLAY_NAME_W,
  PR_DISPLAY_TYPE,
  PR_EMAIL_ADDRESS_W,
  PR_ENTRYID,
  PR_INSTANCE_KEY,
  PR_OBJECT_TYPE,
  PR_RECIPIENT_TYPE,
  PR_ROWID,
  PR_SEARCH_KEY,
  PR_SEND_RICH_INFO,
  PR_SMTP_ADDRESS_W,
  PR_TRANSMITABLE_DISPLAY_NAME_W,
} from '../generated/proptags.js';

/** The properties an object has among `tags`, by tag (errors and absent ones left out). */
export type PropBag = Map<number, SPropValue['Value']>;

/** Rejects with MAPI_E_INVALID_PARAMETER unless `o` looks like an IMessage. */
export function checkMessage(fn: string, what: string, o: unknown): asserts o is IMessage {
  const m = o as Partial<IMessage> | null;
  if (typeof m !== 'object' || m === null || typeof m.getProps !== 'function' || typeof m.getRecipientTable !== 'function' || typeof m.getAttachmentTable !== 'function') {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `${fn}: ${what} is not an IMessage`);
  }
}

/** Rejects with MAPI_E_INVALID_PARAMETER unless `o` looks like an IMAPIFolder. */
export function checkFolder(fn: string, o: unknown): asserts o is IMAPIFolder {
  const f = o as Partial<IMAPIFolder> | null;
  if (typeof f !== 'object' || f === null || typeof f.createMessage !== 'function') {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `${fn}: the target folder is not an IMAPIFolder`);
  }
}

/**
 * Reads `tags` from `obj` (Unicode strings). A string or binary too large for GetProps
 * (MAPI_E_NOT_ENOUGH_MEMORY, decision 004) is read through its stream instead.
 */
export async function readProps(obj: IMAPIProp, tags: readonly number[]): Promise<PropBag> {
  const values = await obj.getProps([...tags], MAPI_UNICODE);
  const out: PropBag = new Map();
  for (let i = 0; i < tags.length; i++) {
    const v = values[i];
    const tag = tags[i] as number;
    if (!v) continue;
    if (PROP_TYPE(v.ulPropTag) !== PT_ERROR) {
      out.set(tag, v.Value);
      continue;
    }
    if (((v.Value as number) >>> 0) === MAPI_E_NOT_ENOUGH_MEMORY) {
      const big = await readStream(obj, tag);
      if (big !== undefined) out.set(tag, big);
    }
  }
  return out;
}

async function readStream(obj: IMAPIProp, tag: number): Promise<SPropValue['Value'] | undefined> {
  const stream = await obj.openProperty<IStream>(tag, IID_IStream, 0, 0);
  const chunks: Uint8Array[] = [];
  for (;;) {
    const c = await stream.read(0x10000);
    if (c.length === 0) break;
    chunks.push(c);
  }
  stream.release();
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  if ((tag & 0xffff) === 0x001f) return new TextDecoder('utf-16le').decode(bytes).replace(/\0+$/, '');
  if ((tag & 0xffff) === 0x0102) return bytes;
  return undefined;
}

/** A string from a bag. */
export function str(bag: PropBag, tag: number): string | undefined {
  const v = bag.get(tag);
  return typeof v === 'string' ? v : undefined;
}

/** A binary from a bag. */
export function bin(bag: PropBag, tag: number): Uint8Array | undefined {
  const v = bag.get(tag);
  return v instanceof Uint8Array ? v : undefined;
}

/** A long from a bag. */
export function long(bag: PropBag, tag: number): number | undefined {
  const v = bag.get(tag);
  return typeof v === 'number' ? v : undefined;
}

/**
 * The recipient properties the helpers read and copy (a recipient table's default columns do
 * not include PR_SEARCH_KEY or PR_ADDRTYPE before submission, so the columns are set).
 */
export const RECIPIENT_COLUMNS: readonly number[] = [
  PR_DISPLAY_NAME_W,
  PR_RECIPIENT_TYPE,
  PR_ENTRYID,
  PR_ADDRTYPE_W,
  PR_EMAIL_ADDRESS_W,
  PR_SEARCH_KEY,
  PR_DISPLAY_TYPE,
  PR_OBJECT_TYPE,
  PR_SMTP_ADDRESS_W,
  PR_TRANSMITABLE_DISPLAY_NAME_W,
  PR_SEND_RICH_INFO,
];

/** Every row of a table, with `columns` set first (HrQueryAllRows). */
export async function allRows(table: IMAPITable, columns: readonly number[]): Promise<SRow[]> {
  await table.setColumns([...columns], 0);
  const out: SRow[] = [];
  for (;;) {
    const batch = await table.queryRows(100, 0);
    if (batch.length === 0) break;
    out.push(...batch);
  }
  table.release();
  return out;
}

/** A row's properties without errors, PR_ROWID and PR_INSTANCE_KEY (they belong to the table, not the recipient). */
export function recipientProps(row: SRow): SPropValue[] {
  return row.lpProps.filter((p) => PROP_TYPE(p.ulPropTag) !== PT_ERROR && p.ulPropTag !== PR_ROWID && p.ulPropTag !== PR_INSTANCE_KEY);
}
