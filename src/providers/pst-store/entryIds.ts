import type { EntryIdCodec, NodeId, ParsedEntryId } from '../../core/spi/store.js';
import { bytesEqual } from '../../core/props/values.js';
import {
  NID_TYPE_ASSOC_MESSAGE, NID_TYPE_NORMAL_FOLDER, NID_TYPE_NORMAL_MESSAGE, NID_TYPE_SEARCH_FOLDER, makeNid, nidIndex, nidType,
} from '../../formats/pst/nid.js';

/** [MS-PST] 2.4.3.2: an entry ID is rgbFlags(4) + ProviderUID(16) + NID(4). */
export const PST_ENTRYID_SIZE = 24;

/**
 * Objects the overlay creates get NodeIds from 2^32 up (a file's NIDs are 32-bit), and their
 * entry IDs carry NIDs whose nidIndex starts here: far above any index a real file hands out
 * (the header's rgnid counters stay below 2^20 in practice), so the two never meet.
 */
export const OVERLAY_NID_INDEX_BASE = 0x4000000;
/** First NodeId of an object the overlay creates. */
export const OVERLAY_ID_BASE = 2 ** 32;
/** Largest nidIndex (27 bits). */
const MAX_NID_INDEX = 0x7ffffff;

/** The NID an entry ID names for a NodeId: the file's NID, or an overlay NID of the given type. */
function nidOf(id: NodeId, type: number): number {
  if (id < OVERLAY_ID_BASE) return id >>> 0;
  const index = OVERLAY_NID_INDEX_BASE + (id - OVERLAY_ID_BASE);
  if (index > MAX_NID_INDEX) throw new RangeError(`[mapi-emu] PST overlay id ${id} has no NID`);
  return makeNid(type, index);
}

/**
 * PST-style entry IDs ([MS-PST] 2.4.3.2, [MS-OXCDATA] 2.2.4): four zero flag bytes, the
 * store's provider UID (PR_RECORD_KEY of the message store) and the object's NID, as
 * Outlook's PST provider makes them. Folders and messages of the file are named by their
 * own NIDs; objects created in the overlay get NIDs above {@link OVERLAY_NID_INDEX_BASE}.
 */
export class PstEntryIds implements EntryIdCodec {
  /** @param uid the store's provider UID (16 bytes) */
  constructor(readonly uid: Uint8Array) {
    if (uid.length !== 16) throw new RangeError('[mapi-emu] PstEntryIds needs a 16-byte provider UID');
  }

  private make(nid: number): Uint8Array {
    const b = new Uint8Array(PST_ENTRYID_SIZE);
    b.set(this.uid, 4);
    new DataView(b.buffer).setUint32(20, nid >>> 0, true);
    return b;
  }

  folderEntryId(id: NodeId): Uint8Array {
    return this.make(nidOf(id, NID_TYPE_NORMAL_FOLDER));
  }

  messageEntryId(_folderId: NodeId, id: NodeId): Uint8Array {
    return this.make(nidOf(id, NID_TYPE_NORMAL_MESSAGE));
  }

  parse(e: Uint8Array): ParsedEntryId | undefined {
    if (!(e instanceof Uint8Array) || e.length !== PST_ENTRYID_SIZE) return undefined;
    if (!bytesEqual(e.subarray(4, 20), this.uid)) return undefined;
    const nid = new DataView(e.buffer, e.byteOffset, e.byteLength).getUint32(20, true);
    const type = nidType(nid);
    const index = nidIndex(nid);
    const id = index >= OVERLAY_NID_INDEX_BASE ? OVERLAY_ID_BASE + (index - OVERLAY_NID_INDEX_BASE) : nid;
    if (type === NID_TYPE_NORMAL_FOLDER || type === NID_TYPE_SEARCH_FOLDER) return { kind: 'folder', id };
    if (type === NID_TYPE_NORMAL_MESSAGE || type === NID_TYPE_ASSOC_MESSAGE) return { kind: 'message', id };
    return undefined;
  }

  /** The NID inside an entry ID of this store, or undefined. */
  nidOf(e: Uint8Array): number | undefined {
    if (!(e instanceof Uint8Array) || e.length !== PST_ENTRYID_SIZE || !bytesEqual(e.subarray(4, 20), this.uid)) return undefined;
    return new DataView(e.buffer, e.byteOffset, e.byteLength).getUint32(20, true);
  }
}
