/**
 * What a response records on the message it answers: PR_LAST_VERB_EXECUTED,
 * PR_LAST_VERB_EXECUTION_TIME and PR_ICON_INDEX.
 */
import { MapiError } from '../errors/MapiError.js';
import { KEEP_OPEN_READWRITE } from '../generated/constants.js';
import { PR_ICON_INDEX, PR_LAST_VERB_EXECUTED, PR_LAST_VERB_EXECUTION_TIME } from '../generated/proptags.js';
import { MAPI_E_INVALID_PARAMETER } from '../generated/scodes.js';
import type { Clock } from '../spi/clock.js';
import type { IMessage } from '../store/interfaces.js';
import { checkMessage } from './read.js';

// [MS-OXOMSG] 2.2.1.14 PidTagLastVerbExecuted values (exchform.h EXCHIVERB_*; not in the generated tables).
/** Reply to sender (EXCHIVERB_REPLYTOSENDER, [MS-OXOMSG] 2.2.1.14). */
export const NOTEIVERB_REPLYTOSENDER = 102;
/** Reply to all (EXCHIVERB_REPLYTOALL, [MS-OXOMSG] 2.2.1.14). */
export const NOTEIVERB_REPLYTOALL = 103;
/** Forward (EXCHIVERB_FORWARD, [MS-OXOMSG] 2.2.1.14). */
export const NOTEIVERB_FORWARD = 104;

// [MS-OXOMSG] 2.2.1.10 PidTagIconIndex values (not in the generated tables).
/** "Replied mail" icon ([MS-OXOMSG] 2.2.1.10). */
export const ICON_INDEX_REPLIED = 0x105;
/** "Forwarded mail" icon ([MS-OXOMSG] 2.2.1.10). */
export const ICON_INDEX_FORWARDED = 0x106;

/** The icon Outlook shows after a verb (replied for both replies, forwarded for forwards). */
function iconOf(verb: number): number | undefined {
  if (verb === NOTEIVERB_REPLYTOSENDER || verb === NOTEIVERB_REPLYTOALL) return ICON_INDEX_REPLIED;
  if (verb === NOTEIVERB_FORWARD) return ICON_INDEX_FORWARDED;
  return undefined;
}

/**
 * Records on `original` that `verb` was executed: PR_LAST_VERB_EXECUTED, PR_LAST_VERB_EXECUTION_TIME
 * from `clock`, and PR_ICON_INDEX (0x105 replied, 0x106 forwarded), then SaveChanges(KEEP_OPEN_READWRITE).
 * PR_MESSAGE_FLAGS is left alone: Outlook changes no message flag when it answers a message.
 * Rejects with the store's error when `original` is read-only (MAPI_E_NO_ACCESS).
 * @see pidtaglastverbexecuted-canonical-property.md
 * @see pidtaglastverbexecutiontime-canonical-property.md
 * @see pidtagiconindex-canonical-property.md
 */
export async function recordLastVerb(original: IMessage, verb: number, clock: Clock): Promise<void> {
  checkMessage('recordLastVerb', 'original', original);
  if (!Number.isInteger(verb) || verb < 0 || verb > 0xffffffff) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'recordLastVerb: verb must be a 32-bit verb number');
  if (typeof clock !== 'object' || clock === null || typeof clock.now !== 'function') throw new MapiError(MAPI_E_INVALID_PARAMETER, 'recordLastVerb: clock must be a Clock');
  const icon = iconOf(verb);
  await original.setProps([
    { ulPropTag: PR_LAST_VERB_EXECUTED, Value: verb | 0 },
    { ulPropTag: PR_LAST_VERB_EXECUTION_TIME, Value: clock.now() },
    ...(icon === undefined ? [] : [{ ulPropTag: PR_ICON_INDEX, Value: icon }]),
  ]);
  await original.saveChanges(KEEP_OPEN_READWRITE);
}
