/** Options shared by the outgoing-message helpers. */
import { MapiError } from '../errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER } from '../generated/scodes.js';
import { systemClock, type Clock } from '../spi/clock.js';
import { RandomIds, type IdSource } from '../spi/ids.js';
import type { MailIdentity } from './addresses.js';

/** Options of {@link createReply}, {@link createReplyAll} and {@link createForward}. */
export interface ResponseOptions {
  /** Where "now" comes from (conversation index, PR_LAST_VERB_EXECUTION_TIME, Message-ID) [the system clock]. Pass the world's clock in tests. */
  readonly clock?: Clock;
  /** Where the thread GUID, the child block's random byte and the Message-ID's random part come from [random]. Pass SeededIds in tests. */
  readonly ids?: IdSource;
  /** The replying user, left out of reply-all recipients (besides the original's PR_RECEIVED_BY_*). See {@link mailIdentityOf}. */
  readonly self?: MailIdentity;
  /** The subject prefix ["RE: " for replies, "FW: " for forwards]. One longer than three letters is also stored in PR_SUBJECT_PREFIX. */
  readonly prefix?: string;
  /** PR_MESSAGE_CLASS of the response ["IPM.Note"]. */
  readonly messageClass?: string;
  /** The domain of the new PR_INTERNET_MESSAGE_ID [the self address's domain, else "mapi-emu.invalid"]. */
  readonly domain?: string;
  /** Whether PR_BODY gets the original's text under an "-----Original Message-----" header [true]. */
  readonly quoteBody?: boolean;
  /** Whether the original gets PR_LAST_VERB_EXECUTED, PR_LAST_VERB_EXECUTION_TIME and PR_ICON_INDEX, saved at once [true]. Needs the original open read/write. */
  readonly markOriginal?: boolean;
}

/** Options of {@link createForward}. */
export interface ForwardOptions extends ResponseOptions {
  /** Attach the original as an embedded message (ATTACH_EMBEDDED_MSG) instead of copying its attachments and quoting its body [false]. */
  readonly asAttachment?: boolean;
}

/** Options checked and filled with defaults. */
export interface ResolvedOptions {
  clock: Clock;
  ids: IdSource;
  self: MailIdentity | undefined;
  prefix: string | undefined;
  messageClass: string;
  domain: string | undefined;
  quoteBody: boolean;
  markOriginal: boolean;
  asAttachment: boolean;
}

/** Checks `options` (MAPI_E_INVALID_PARAMETER for a malformed one) and fills in defaults. */
export function resolveOptions(fn: string, options: ForwardOptions | undefined): ResolvedOptions {
  const bad = (what: string) => new MapiError(MAPI_E_INVALID_PARAMETER, `${fn}: options.${what}`);
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${fn}: options must be an object`);
  const o = options ?? {};
  if (o.clock !== undefined && typeof o.clock?.now !== 'function') throw bad('clock must be a Clock');
  if (o.ids !== undefined && (typeof o.ids?.guid !== 'function' || typeof o.ids.bytes !== 'function')) throw bad('ids must be an IdSource');
  if (o.prefix !== undefined && (typeof o.prefix !== 'string' || o.prefix === '')) throw bad('prefix must be a non-empty string');
  if (o.messageClass !== undefined && (typeof o.messageClass !== 'string' || o.messageClass === '')) throw bad('messageClass must be a non-empty string');
  if (o.domain !== undefined && (typeof o.domain !== 'string' || o.domain === '')) throw bad('domain must be a non-empty string');
  if (o.self !== undefined && (typeof o.self !== 'object' || o.self === null)) throw bad('self must be a MailIdentity');
  return {
    clock: o.clock ?? systemClock,
    ids: o.ids ?? new RandomIds(),
    self: o.self,
    prefix: o.prefix,
    messageClass: o.messageClass ?? 'IPM.Note',
    domain: o.domain,
    quoteBody: o.quoteBody ?? true,
    markOriginal: o.markOriginal ?? true,
    asAttachment: o.asAttachment ?? false,
  };
}
