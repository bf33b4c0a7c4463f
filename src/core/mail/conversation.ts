/**
 * Conversation tracking for outgoing messages: PR_CONVERSATION_INDEX (parsing and extending
 * with ScCreateConversationIndex), PR_INTERNET_MESSAGE_ID, PR_IN_REPLY_TO_ID and
 * PR_INTERNET_REFERENCES.
 * @see sccreateconversationindex.md
 * @see shared/reference/specs/MS-OXOMSG-conversation.md §2
 */
import { FILETIME } from '../props/filetime.js';
import { GUID } from '../props/guid.js';
import { ScCreateConversationIndex } from '../props/util/conversationIndex.js';
import type { Clock } from '../spi/clock.js';
import type { IdSource } from '../spi/ids.js';

// [MS-OXOMSG] 2.2.1.3: a 22-byte header block, then 5-byte child blocks.
const HEADER_LENGTH = 22;
const CHILD_LENGTH = 5;
const RESERVED = 0x01;

/** One 5-byte child block of a conversation index. */
export interface ConversationChildBlock {
  /** DC, the delta code: false when TimeDelta counts 2^18 ticks, true when it counts 2^23. */
  readonly deltaCode: boolean;
  /** The 31-bit time delta since the header's time. */
  readonly timeDelta: number;
  /** The random byte. */
  readonly random: number;
  /** The reply's time reconstructed from the header and the delta (truncated to the delta's unit). */
  readonly time: FILETIME;
}

/** A standard PR_CONVERSATION_INDEX value taken apart. */
export interface ConversationIndex {
  /**
   * The header's time: bits 55..16 of the first message's FILETIME, under the reserved byte 0x01
   * read as the FILETIME's top byte (it is the top byte of every FILETIME from 1972 to 2057), the
   * low 16 bits zero.
   */
  readonly time: FILETIME;
  /** The thread's GUID (bytes 6..21, in textual byte order there). */
  readonly guid: GUID;
  /** One child block per reply or forward, oldest first. */
  readonly children: readonly ConversationChildBlock[];
}

/** A GUID from its textual byte order (Data1..Data3 big-endian), the way the index stores it. */
function guidFromTextual(b: Uint8Array): GUID {
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  return new GUID(Uint8Array.from(order.map((i) => b[i] as number)));
}

/**
 * Takes a PR_CONVERSATION_INDEX apart, or answers undefined when it is not a standard index:
 * shorter than the 22-byte header, not a header plus whole 5-byte blocks, or a first byte other
 * than 0x01 (MS-OXOMSG-conversation.md §2: "readers must tolerate non-standard indexes").
 */
export function parseConversationIndex(index: Uint8Array): ConversationIndex | undefined {
  if (!(index instanceof Uint8Array) || index.length < HEADER_LENGTH || (index.length - HEADER_LENGTH) % CHILD_LENGTH !== 0) return undefined;
  if (index[0] !== RESERVED) return undefined;
  // The reserved byte 0x01 doubles as the FILETIME's top byte (bits 63..56) of any time from
  // 1972 to 2057, so bytes 0..5 are the time's 48 high bits; ScCreateConversationIndex's child
  // deltas come out the same whether its top byte is counted or not (it falls outside both masks).
  let value48 = 0n;
  for (let i = 0; i <= 5; i++) value48 = (value48 << 8n) | BigInt(index[i] as number);
  const headerTicks = value48 << 16n;
  const children: ConversationChildBlock[] = [];
  const view = new DataView(index.buffer, index.byteOffset, index.byteLength);
  for (let at = HEADER_LENGTH; at < index.length; at += CHILD_LENGTH) {
    const word = view.getUint32(at, false);
    const deltaCode = (word & 0x80000000) !== 0;
    const timeDelta = word & 0x7fffffff;
    const ticks = headerTicks + (BigInt(timeDelta) << (deltaCode ? 23n : 18n));
    children.push({ deltaCode, timeDelta, random: index[at + 4] as number, time: new FILETIME(BigInt.asUintN(64, ticks)) });
  }
  return { time: new FILETIME(headerTicks), guid: guidFromTextual(index.subarray(6, HEADER_LENGTH)), children };
}

/**
 * The conversation index of a reply or forward to a message whose index is `parent` (or of a new
 * conversation when `parent` is undefined, empty or not standard): ScCreateConversationIndex on
 * the injected clock, with the thread GUID (or the child block's random byte) from `ids`.
 * A non-standard parent index starts a new conversation rather than extending bytes that are
 * not a header (decision: ScCreateConversationIndex itself would append a block to any 22+ bytes).
 * @see sccreateconversationindex.md
 */
export function nextConversationIndex(parent: Uint8Array | undefined, clock: Clock, ids: IdSource): Uint8Array {
  const usable = parent && parseConversationIndex(parent) ? parent : null;
  return ScCreateConversationIndex(usable, clock.now(), () => ids.guid());
}

/** True when `index` extends `parent` by exactly one child block (a direct reply or forward). */
export function isConversationChild(parent: Uint8Array, index: Uint8Array): boolean {
  if (index.length !== parent.length + CHILD_LENGTH || !parseConversationIndex(index)) return false;
  for (let i = 0; i < parent.length; i++) if (parent[i] !== index[i]) return false;
  return true;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A new RFC 5322 Message-ID for PR_INTERNET_MESSAGE_ID: `<time.random@domain>` from the
 * injected clock and id source (so a seeded test gets the same IDs on every run).
 * @see pidtaginternetmessageid-canonical-property.md
 */
export function newInternetMessageId(clock: Clock, ids: IdSource, domain: string): string {
  return `<${clock.now().ticks.toString(16).toUpperCase()}.${hex(ids.bytes(8)).toUpperCase()}@${domain}>`;
}

/**
 * PR_INTERNET_REFERENCES of a reply or forward: the original's References followed by the
 * original's Message-ID (RFC 5322 3.6.4; MS-OXOMSG-conversation.md §4), space-separated,
 * or undefined when the original has neither.
 * @see pidtaginternetreferences-canonical-property.md
 */
export function referencesOf(originalReferences: string | undefined, originalMessageId: string | undefined): string | undefined {
  const parts = [...(originalReferences ?? '').split(/\s+/), originalMessageId ?? ''].filter((s) => s !== '');
  return parts.length ? parts.join(' ') : undefined;
}
