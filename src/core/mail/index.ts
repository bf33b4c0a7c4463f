/**
 * Outgoing-message helpers: replies, replies to all, forwards, resends after a non-delivery
 * report, and conversation tracking, as functions over IMessage that work with any store.
 */
export { createReply, createReplyAll, createForward, normalizedSubjectOf, responseSubjectProps, baseRecipientType } from './respond.js';
export { createResend, isNonDeliveryReportClass, type ResendOptions } from './resend.js';
export { startConversation, type ConversationOptions } from './thread.js';
export { recordLastVerb, NOTEIVERB_REPLYTOSENDER, NOTEIVERB_REPLYTOALL, NOTEIVERB_FORWARD, ICON_INDEX_REPLIED, ICON_INDEX_FORWARDED } from './verbs.js';
export {
  parseConversationIndex,
  nextConversationIndex,
  isConversationChild,
  newInternetMessageId,
  referencesOf,
  type ConversationIndex,
  type ConversationChildBlock,
} from './conversation.js';
export { mailIdentityOf, oneOffAddressOf, parseFlatEntryList, makeFlatEntryList, sameAddress, addressKey, type MailIdentity, type OneOffAddress } from './addresses.js';
export type { ResponseOptions, ForwardOptions } from './options.js';
