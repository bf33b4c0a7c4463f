/** Conversation properties of a new (not answering) message. */
import { MapiError } from '../errors/MapiError.js';
import * as T from '../generated/proptags.js';
import { MAPI_E_INVALID_PARAMETER } from '../generated/scodes.js';
import type { SPropValue } from '../props/types.js';
import type { IMessage } from '../store/interfaces.js';
import { newInternetMessageId, nextConversationIndex } from './conversation.js';
import { resolveOptions } from './options.js';
import { checkMessage, readProps, str } from './read.js';
import { normalizedSubjectOf } from './respond.js';
import type { Clock } from '../spi/clock.js';
import type { IdSource } from '../spi/ids.js';

/** Options of {@link startConversation}. */
export interface ConversationOptions {
  /** Where "now" comes from [the system clock]. */
  readonly clock?: Clock;
  /** Where the thread GUID and the Message-ID's random part come from [random]. */
  readonly ids?: IdSource;
  /** The Message-ID's domain ["mapi-emu.invalid"]. */
  readonly domain?: string;
}

/**
 * Gives a new message (not a reply or forward) the properties that start a conversation, each
 * only when the message does not have it yet: PR_CONVERSATION_INDEX, a 22-byte header
 * (ScCreateConversationIndex with no parent); PR_CONVERSATION_TOPIC, the normalized subject
 * ([MS-OXOMSG] 2.2.1.5: "set on submit"); PR_INTERNET_MESSAGE_ID. Does not save the message.
 * Answers the properties it set.
 * @see sccreateconversationindex.md
 * @see pidtagconversationtopic-canonical-property.md
 */
export async function startConversation(message: IMessage, options?: ConversationOptions): Promise<SPropValue[]> {
  checkMessage('startConversation', 'message', message);
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'startConversation: options must be an object');
  const o = resolveOptions('startConversation', options);
  const bag = await readProps(message, [T.PR_SUBJECT_W, T.PR_NORMALIZED_SUBJECT_W, T.PR_CONVERSATION_TOPIC_W, T.PR_CONVERSATION_INDEX, T.PR_INTERNET_MESSAGE_ID_W]);
  const props: SPropValue[] = [];
  if (!bag.has(T.PR_CONVERSATION_INDEX)) props.push({ ulPropTag: T.PR_CONVERSATION_INDEX, Value: nextConversationIndex(undefined, o.clock, o.ids) });
  if (!bag.has(T.PR_CONVERSATION_TOPIC_W)) {
    props.push({ ulPropTag: T.PR_CONVERSATION_TOPIC_W, Value: normalizedSubjectOf(str(bag, T.PR_SUBJECT_W), str(bag, T.PR_NORMALIZED_SUBJECT_W)) });
  }
  if (!bag.has(T.PR_INTERNET_MESSAGE_ID_W)) props.push({ ulPropTag: T.PR_INTERNET_MESSAGE_ID_W, Value: newInternetMessageId(o.clock, o.ids, o.domain ?? 'mapi-emu.invalid') });
  if (props.length > 0) await message.setProps(props);
  return props;
}
