import { FILETIME } from '../filetime.js';
import { GUID } from '../guid.js';
import { invalidParameter } from './common.js';

// [MS-OXOMSG] 2.2.1.3 (shared/reference/specs/MS-OXOMSG-conversation.md §2): a 22-byte header
// block, then one 5-byte child block per reply or forward.
const HEADER_LENGTH = 22;
const CHILD_LENGTH = 5;
const RESERVED = 0x01;

/** A random GUID from the platform's crypto.randomUUID (v4). */
function randomGuid(): GUID {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return GUID.parse(c.randomUUID());
  const b = new Uint8Array(16);
  for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  return new GUID(b);
}

/** The GUID's bytes in textual order: Data1, Data2, Data3 big-endian, then Data4 as is. */
function textualBytes(g: GUID): number[] {
  const b = g.bytes;
  return [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15].map((i) => b[i] as number);
}

function header(now: FILETIME, guid: GUID): Uint8Array {
  const out = new Uint8Array(HEADER_LENGTH);
  out[0] = RESERVED;
  // Bits 55..16 of the FILETIME, 5 bytes most significant first.
  let value40 = (now.ticks >> 16n) & 0xffffffffffn;
  for (let i = 5; i >= 1; i--) {
    out[i] = Number(value40 & 0xffn);
    value40 >>= 8n;
  }
  out.set(textualBytes(guid), 6);
  return out;
}

function childBlock(parent: Uint8Array, now: FILETIME, random: number): Uint8Array {
  let headerTime = 0n;
  for (let i = 1; i <= 5; i++) headerTime = (headerTime << 8n) | BigInt(parent[i] as number);
  headerTime <<= 16n;
  // 64-bit unsigned difference, as the C code computes it (a clock behind the header wraps).
  const diff = BigInt.asUintN(64, now.ticks - headerTime);
  const small = ((diff >> 32n) & 0x00fe0000n) === 0n;
  const delta = small ? (diff >> 18n) & 0x7fffffffn : (diff >> 23n) & 0x7fffffffn;
  const word = Number(delta) + (small ? 0 : 0x80000000);
  const out = new Uint8Array(CHILD_LENGTH);
  new DataView(out.buffer).setUint32(0, word, false);
  out[4] = random & 0xff;
  return out;
}

/**
 * A new PR_CONVERSATION_INDEX value. With no parent (null or empty), a 22-byte header: the
 * reserved byte 0x01, bits 55..16 of `now` (5 bytes, big-endian) and a new thread GUID in
 * textual byte order. With a parent index, the whole parent followed by one 5-byte child block
 * holding the time since the parent's header (delta code + 31-bit delta) and a random byte
 * (sccreateconversationindex.md, [MS-OXOMSG] 2.2.1.3).
 *
 * `now` is the caller's clock (the emulator injects time). `newGuid` supplies the thread GUID
 * and, for a child block, the random byte (its first byte), so a deterministic source makes the
 * result deterministic; the default uses crypto.randomUUID.
 *
 * Throws MapiError MAPI_E_INVALID_PARAMETER when `parentIndex` is neither null nor a
 * Uint8Array, when `now` is not a FILETIME, and when a non-empty parent is shorter than the
 * 22-byte header it must start with (decision: native's behaviour is undocumented).
 * @see sccreateconversationindex.md
 */
export function ScCreateConversationIndex(
  parentIndex: Uint8Array | null,
  now: FILETIME,
  newGuid: () => GUID = randomGuid,
): Uint8Array {
  if (parentIndex !== null && parentIndex !== undefined && !(parentIndex instanceof Uint8Array)) {
    throw invalidParameter('ScCreateConversationIndex', 'the parent index must be a Uint8Array or null');
  }
  if (!(now instanceof FILETIME)) throw invalidParameter('ScCreateConversationIndex', 'now must be a FILETIME');
  if (typeof newGuid !== 'function') throw invalidParameter('ScCreateConversationIndex', 'newGuid must be a function');
  const guid = newGuid();
  if (!(guid instanceof GUID)) throw invalidParameter('ScCreateConversationIndex', 'newGuid must return a GUID');
  if (!parentIndex || parentIndex.length === 0) return header(now, guid);
  if (parentIndex.length < HEADER_LENGTH) {
    throw invalidParameter('ScCreateConversationIndex', `a parent index is at least ${HEADER_LENGTH} bytes, got ${parentIndex.length}`);
  }
  const out = new Uint8Array(parentIndex.length + CHILD_LENGTH);
  out.set(parentIndex, 0);
  out.set(childBlock(parentIndex, now, guid.bytes[0] as number), parentIndex.length);
  return out;
}
