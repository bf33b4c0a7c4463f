import type { EntryIdCodec, NodeId, ParsedEntryId } from '../spi/store.js';
import { bytesEqual } from '../props/values.js';

/** [MS-OXCDATA] 2.2.4: ObjectType of a private-mailbox folder entry ID (eitLTPrivateFolder). */
export const EIT_LT_PRIVATE_FOLDER = 0x0001;
/** [MS-OXCDATA] 2.2.4: ObjectType of a private-mailbox message entry ID (eitLTPrivateMessage). */
export const EIT_LT_PRIVATE_MESSAGE = 0x0007;

/** Size of a folder entry ID ([MS-OXCDATA] 2.2.4.1). */
const FOLDER_EID_SIZE = 46;
/** Size of a message entry ID ([MS-OXCDATA] 2.2.4.2). */
const MESSAGE_EID_SIZE = 70;
/** Largest GlobalCounter (48 bits). */
const MAX_COUNTER = 2 ** 48 - 1;

function writeCounter(b: Uint8Array, at: number, id: NodeId): void {
  // [MS-OXCDATA] 2.2.1: the GlobalCounter is serialised most-significant byte first.
  let v = id;
  for (let i = 5; i >= 0; i--) {
    b[at + i] = v % 256;
    v = Math.floor(v / 256);
  }
}

function readCounter(b: Uint8Array, at: number): NodeId {
  let v = 0;
  for (let i = 0; i < 6; i++) v = v * 256 + (b[at + i] as number);
  return v;
}

/**
 * Exchange-style entry IDs ([MS-OXCDATA] 2.2.4.1 and 2.2.4.2): Flags(4)=0, the mailbox's
 * ProviderUID(16), ObjectType(2), then DatabaseGuid(16) + GlobalCounter(6) + Pad(2) for the
 * folder (and again for the message). The store kit of the in-memory store uses these, so
 * entry IDs look like the ones client code meets with Exchange.
 */
export class ExchangeEntryIds implements EntryIdCodec {
  /**
   * @param uid the mailbox's ProviderUID (MailboxGuid)
   * @param databaseGuid the replica GUID in folder and message IDs
   */
  constructor(
    readonly uid: Uint8Array,
    private readonly databaseGuid: Uint8Array,
  ) {
    if (uid.length !== 16 || databaseGuid.length !== 16) throw new RangeError('[mapi-emu] ExchangeEntryIds needs 16-byte GUIDs');
  }

  folderEntryId(id: NodeId): Uint8Array {
    if (!Number.isInteger(id) || id < 0 || id > MAX_COUNTER) throw new RangeError(`[mapi-emu] folder id ${id} out of range`);
    const b = new Uint8Array(FOLDER_EID_SIZE);
    b.set(this.uid, 4);
    b[20] = EIT_LT_PRIVATE_FOLDER;
    b.set(this.databaseGuid, 22);
    writeCounter(b, 38, id);
    return b;
  }

  messageEntryId(folderId: NodeId, id: NodeId): Uint8Array {
    const b = new Uint8Array(MESSAGE_EID_SIZE);
    b.set(this.folderEntryId(folderId).subarray(4, 46), 4);
    b[20] = EIT_LT_PRIVATE_MESSAGE;
    b.set(this.databaseGuid, 46);
    writeCounter(b, 62, id);
    return b;
  }

  parse(e: Uint8Array): ParsedEntryId | undefined {
    if (!(e instanceof Uint8Array) || e.length < FOLDER_EID_SIZE) return undefined;
    // Short-term entry IDs (flags set in byte 0, entryid.md) name the same objects.
    if (!bytesEqual(e.subarray(4, 20), this.uid)) return undefined;
    const type = (e[20] as number) | ((e[21] as number) << 8);
    if (type === EIT_LT_PRIVATE_FOLDER && e.length === FOLDER_EID_SIZE) return { kind: 'folder', id: readCounter(e, 38) };
    if (type === EIT_LT_PRIVATE_MESSAGE && e.length === MESSAGE_EID_SIZE) return { kind: 'message', folderId: readCounter(e, 38), id: readCounter(e, 62) };
    return undefined;
  }
}

/** True when `e` looks like an entry ID at all (4 flag bytes + a 16-byte provider UID). */
export function isEntryIdShaped(e: unknown): e is Uint8Array {
  return e instanceof Uint8Array && e.length >= 20;
}

/** The provider MAPIUID inside an entry ID (bytes 4..19), used to route it. */
export function providerUidOf(e: Uint8Array): Uint8Array {
  return e.subarray(4, 20);
}
