import type { AttachmentRecord, PropMap, RecipientRecord } from '../spi/store.js';
import type { TableRow } from '../table/RowSource.js';
import { MemoryRowSource } from '../table/MemoryRowSource.js';
import { PROP_ID } from '../props/tags.js';
import { valuesEqual } from '../props/values.js';
import { UlPropSize } from '../props/util/size.js';
import { messageSize } from './computed.js';
import {
  PR_ADDRTYPE_W,
  PR_ADDRTYPE_A,
  PR_ATTACH_EXTENSION_A,
  PR_ATTACH_EXTENSION_W,
  PR_ATTACH_FILENAME_A,
  PR_ATTACH_FILENAME_W,
  PR_ATTACH_LONG_FILENAME_A,
  PR_ATTACH_LONG_FILENAME_W,
  PR_ATTACH_METHOD,
  PR_ATTACH_NUM,
  PR_ATTACH_SIZE,
  PR_CREATION_TIME,
  PR_DISPLAY_NAME_A,
  PR_DISPLAY_NAME_W,
  PR_DISPLAY_TYPE,
  PR_EMAIL_ADDRESS_A,
  PR_EMAIL_ADDRESS_W,
  PR_ENTRYID,
  PR_INSTANCE_KEY,
  PR_LAST_MODIFICATION_TIME,
  PR_OBJECT_TYPE,
  PR_RECIPIENT_TYPE,
  PR_RECORD_KEY,
  PR_RENDERING_POSITION,
  PR_RESPONSIBILITY,
  PR_ROWID,
  PR_SPOOLER_STATUS,
} from '../generated/proptags.js';
import { MAPI_ATTACH, MAPI_MAILUSER } from '../generated/constants.js';

const put = (m: PropMap, ulPropTag: number, Value: number) => m.set(PROP_ID(ulPropTag), { ulPropTag, Value });

/** Identifiers of the attachment properties the store computes (MAPI_E_COMPUTED on SetProps). */
export const ATTACH_COMPUTED_IDS: ReadonlySet<number> = new Set([PR_ATTACH_NUM, PR_ATTACH_SIZE, PR_OBJECT_TYPE].map(PROP_ID));

/**
 * PR_ATTACH_SIZE: the sizes of the attachment's properties, PR_ATTACH_DATA_BIN included, plus
 * the size of an embedded message (pidtagattachsize-canonical-property.md: "usually larger than
 * the contents of the attachment alone").
 */
export function attachSize(rec: AttachmentRecord): number {
  let n = 0;
  for (const v of rec.props.values()) n += UlPropSize(v);
  if (rec.embedded) n += messageSize(rec.embedded);
  return n;
}

/** The properties a store computes for an attachment: PR_ATTACH_NUM, PR_ATTACH_SIZE, PR_OBJECT_TYPE. */
export function attachmentComputedProps(rec: AttachmentRecord): PropMap {
  const out: PropMap = new Map();
  put(out, PR_ATTACH_NUM, rec.num);
  put(out, PR_ATTACH_SIZE, attachSize(rec));
  put(out, PR_OBJECT_TYPE, MAPI_ATTACH);
  return out;
}

/** A row of an attachment table: stored and computed properties, keyed by PR_ATTACH_NUM. */
export function attachmentRow(rec: AttachmentRecord): TableRow {
  const props = new Map(rec.props);
  for (const [id, v] of attachmentComputedProps(rec)) props.set(id, v);
  return { key: String(rec.num), props };
}

/** A row of a recipient table: the recipient's properties, PR_ROWID, and PR_OBJECT_TYPE (MAPI_MAILUSER unless the recipient says otherwise). */
export function recipientRow(rec: RecipientRecord): TableRow {
  const props = new Map(rec.props);
  put(props, PR_ROWID, rec.rowId);
  if (!props.has(PROP_ID(PR_OBJECT_TYPE))) put(props, PR_OBJECT_TYPE, MAPI_MAILUSER);
  return { key: String(rec.rowId), props };
}

/**
 * Default columns of a recipient table (recipient-tables.md): the required PR_DISPLAY_NAME,
 * PR_RECIPIENT_TYPE and PR_ROWID, the optional PR_DISPLAY_TYPE, PR_ENTRYID, PR_SPOOLER_STATUS
 * and PR_OBJECT_TYPE, with PR_ADDRTYPE and PR_RESPONSIBILITY for submitted messages, plus
 * PR_INSTANCE_KEY and PR_EMAIL_ADDRESS.
 */
export function recipientTableColumns(unicode: boolean, submitted: boolean): number[] {
  return [
    PR_INSTANCE_KEY,
    PR_ROWID,
    unicode ? PR_DISPLAY_NAME_W : PR_DISPLAY_NAME_A,
    PR_RECIPIENT_TYPE,
    PR_DISPLAY_TYPE,
    PR_ENTRYID,
    unicode ? PR_EMAIL_ADDRESS_W : PR_EMAIL_ADDRESS_A,
    PR_SPOOLER_STATUS,
    PR_OBJECT_TYPE,
    ...(submitted ? [unicode ? PR_ADDRTYPE_W : PR_ADDRTYPE_A, PR_RESPONSIBILITY] : []),
  ];
}

/**
 * Default columns of an attachment table (attachment-tables.md): the required PR_ATTACH_NUM,
 * PR_INSTANCE_KEY, PR_RECORD_KEY and PR_RENDERING_POSITION, then the ones "commonly" included.
 */
export function attachmentTableColumns(unicode: boolean): number[] {
  return [
    PR_ATTACH_NUM,
    PR_INSTANCE_KEY,
    PR_RECORD_KEY,
    PR_RENDERING_POSITION,
    PR_ATTACH_METHOD,
    PR_ATTACH_SIZE,
    unicode ? PR_ATTACH_FILENAME_W : PR_ATTACH_FILENAME_A,
    unicode ? PR_ATTACH_LONG_FILENAME_W : PR_ATTACH_LONG_FILENAME_A,
    unicode ? PR_ATTACH_EXTENSION_W : PR_ATTACH_EXTENSION_A,
    unicode ? PR_DISPLAY_NAME_W : PR_DISPLAY_NAME_A,
    PR_CREATION_TIME,
    PR_LAST_MODIFICATION_TIME,
  ];
}

function sameRow(a: TableRow, b: TableRow): boolean {
  if (a.props.size !== b.props.size) return false;
  for (const [id, v] of a.props) {
    const w = b.props.get(id);
    if (!w || w.ulPropTag !== v.ulPropTag || !valuesEqual(v.Value, w.Value)) return false;
  }
  return true;
}

/**
 * The rows behind the recipient or attachment tables of one open message: what the handle
 * holds now, uncommitted changes included. `sync` reports the difference to open tables.
 */
export class SubobjectRowSource extends MemoryRowSource {
  /** Replaces the rows with `rows` (in natural order), reporting additions, changes and deletions as one batch. */
  sync(rows: readonly TableRow[]): void {
    this.batch(() => {
      const keep = new Set(rows.map((r) => r.key));
      for (const r of [...this.rows()]) if (!keep.has(r.key)) this.delete(r.key);
      for (const r of rows) {
        const old = this.get(r.key);
        if (!old || !sameRow(old, r)) this.upsert(r);
      }
    });
  }
}
