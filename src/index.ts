/**
 * mapi-emu: a faithful in-process emulation and mock framework for Microsoft MAPI.
 *
 * Names follow the MAPI SDK: constants (`PR_SUBJECT_W`, `MAPI_E_NOT_FOUND`, `fnevNewMail`),
 * structures (`SPropValue`, `SRestriction`), interfaces (`IMAPIProp`, `IStream`) and utility
 * functions (`FPropCompareProp`, `HrGetOneProp`). Interface methods are camelCase and return
 * Promises; failures reject with `MapiError`.
 *
 * @packageDocumentation
 */

// ---- SDK constants: property types and tags, scodes, GUIDs, flags --------------------------
// The generated module lists every name explicitly (scripts/generate-tables.mjs, from data/*.tsv);
// re-exporting it whole is the one `export *` of this file.
export * from './core/generated/public.js';
export { PT_TSTRING, PT_MV_TSTRING } from './core/props/tags.js';
export { CP_ACP, CP_OEMCP, CP_MACCP, CP_THREAD_ACP, CP_SYMBOL, CP_UTF7, CP_UTF8 } from './core/props/codepage.js';

// ---- Errors ---------------------------------------------------------------------------------
export { MapiError, EmulatorError, FAILED, SUCCEEDED, HR_FAILED, HR_SUCCEEDED, MAKE_MAPI_E, MAKE_MAPI_S } from './core/errors/MapiError.js';
export { scodeName, scodeNames, scodeText, scodeFromName } from './core/errors/MapiError.js';

// ---- Property model: tags, values, structures -----------------------------------------------
export { PROP_TAG, PROP_ID, PROP_TYPE, CHANGE_PROP_TYPE, MVI_PROP } from './core/props/tags.js';
export { isMultiValuedType, baseType, isStringType, stringTagFor, tagHex } from './core/props/tags.js';
export { FILETIME, FILETIME_UNIX_EPOCH_TICKS } from './core/props/filetime.js';
export { GUID } from './core/props/guid.js';
export { isKnownPropType, isValidPropValue, cloneValue, cloneProp, valuesEqual, bytesEqual } from './core/props/values.js';
export type {
  PropValueData,
  SPropValue,
  SPropTagArray,
  SPropProblem,
  SPropProblemArray,
  SRow,
  SRowSet,
  ADRENTRY,
  ADRLIST,
  MAPIUID,
  ENTRYID,
  ENTRYLIST,
  MAPINAMEID,
  MAPINAMEID_ID,
  MAPINAMEID_STRING,
  MAPIERROR,
  ACTION,
  ACTIONS,
} from './core/props/types.js';
export type {
  SRestriction,
  SAndRestriction,
  SOrRestriction,
  SNotRestriction,
  SContentRestriction,
  SPropertyRestriction,
  SComparePropsRestriction,
  SBitMaskRestriction,
  SSizeRestriction,
  SExistRestriction,
  SSubRestriction,
  SCommentRestriction,
  SAnnotationRestriction,
  SCountRestriction,
} from './core/restriction/types.js';
export type { SSortOrder, SSortOrderSet } from './core/table/types.js';

// ---- Names of tags, types, GUIDs, named properties, constants ------------------------------
export {
  propTagNames,
  propTagsById,
  propTagFromName,
  findPropTags,
  propTypeName,
  propTypeFromName,
  guidName,
  guidFromName,
  namedPropByName,
  namedPropsByLid,
  namedPropsByNameId,
  constantName,
  constantFromName,
} from './core/props/names.js';
export type { PropTagEntry, PropTagNames, NamedPropInfo, ConstantEntry } from './core/props/names.js';

// ---- Code pages of PT_STRING8 values ------------------------------------------------------
export { decodeString8, encodeString8, string8RoundTrip, messageCodePage, isSupportedCodePage } from './core/props/codepage.js';

// ---- MAPI utility functions (mapiutil.h, mapival.h) ----------------------------------------
export {
  LPropCompareProp,
  FPropCompareProp,
  FPropContainsProp,
  PpropFindProp,
  LpValFindProp,
  FPropExists,
  UlPropSize,
  ScCountProps,
  PropCopyMore,
  ScCopyProps,
  FBadPropTag,
  FBadProp,
  FBadRow,
  FBadRowSet,
  FBadRglpszW,
  FBadColumnSet,
  FBadSortOrderSet,
  FBadRestriction,
  HrGetOneProp,
  HrSetOneProp,
  HexFromBin,
  FBinFromHex,
  UlFromSzHex,
  FEqualNames,
  ScCreateConversationIndex,
} from './core/props/util/index.js';

// ---- Interfaces and MAPI's own property object -----------------------------------------------
export type { IUnknown, IMAPIProp, IMAPIProgress, IStream, STATSTG, NamesFromIDs, IPropData, PropAccessList } from './core/props/interfaces.js';
export { CreateIProp } from './core/props/PropData.js';

// ---- Building blocks for providers ----------------------------------------------------------
export { MapiUnknown } from './core/props/MapiUnknown.js';
export type { CallInterceptor, InterceptedCall } from './core/props/MapiUnknown.js';
export { MapiProp, defaultPropOptions } from './core/props/MapiProp.js';
export type { MapiPropOptions } from './core/props/MapiProp.js';
export { NamedPropertyMap, NAMED_PROP_ID_MIN, NAMED_PROP_ID_MAX } from './core/props/NamedPropertyMap.js';
export type { NamedPropertyMapSnapshot } from './core/props/NamedPropertyMap.js';
export { PropertyStream } from './core/props/PropertyStream.js';
export type { StreamBacking } from './core/props/PropertyStream.js';

// ---- Subsystem, sessions, profiles and message services -----------------------------------
export { createMapi, getDefaultMapi, setDefaultMapi, MAPIInitialize, MAPIUninitialize, MAPILogonEx, MAPIAdminProfiles } from './mapi.js';
export type { CreateMapiOptions } from './mapi.js';
// The Windows backend (docs/windows.md): nothing here loads koffi until a backend is built.
export { WindowsMapi } from './providers/windows/WindowsMapi.js';
export type { WindowsMapiOptions } from './providers/windows/WindowsMapi.js';
export { MAPI_EMU_BACKEND_ENV, backendFromEnvironment } from './providers/windows/backend.js';
export type { MapiApi, MapiBackendName, WindowsBackendOptions } from './providers/windows/backend.js';
export { MapiSubsystem } from './core/session/MapiSubsystem.js';
export type { MapiOptions, MAPIINIT_0 } from './core/session/MapiSubsystem.js';
export type { IMAPISession, IProfAdmin, IMsgServiceAdmin, IProviderAdmin, IProfSect, IMAPIStatus, QueryIdentityResult } from './core/session/interfaces.js';
export { VirtualClock, systemClock } from './core/spi/clock.js';
export type { Clock } from './core/spi/clock.js';
export { SeededIds, RandomIds } from './core/spi/ids.js';
export type { IdSource } from './core/spi/ids.js';

// ---- Mock controls: handlers, fault injection, call log (docs/testing.md) --------------------
export { onCall, answers } from './core/mock/handlers.js';
export type { MockHandler, MockHandlerBuilder, MockAnswer, MockResolver, CallPattern } from './core/mock/handlers.js';
export { MockControls } from './core/mock/MockControls.js';
export type { UnimplementedStrategy } from './core/mock/MockControls.js';
export { CallLog, describeCall } from './core/mock/CallLog.js';
export type { LoggedCall, CallQuery } from './core/mock/CallLog.js';

// ---- Message stores, folders, messages, attachments ---------------------------------------
export type {
  IMsgStore,
  IMAPIContainer,
  IMAPIFolder,
  IMessage,
  IAttach,
  PartialResult,
  SearchCriteria,
  CreatedAttachment,
  ReceiveFolder,
} from './core/store/interfaces.js';

// ---- Address book (docs/addressbook.md) ------------------------------------------------------
export type { IAddrBook, IABContainer, IMailUser, IDistList } from './core/ab/interfaces.js';
export {
  expandRecipients, expandDistList, isDistListRecipient, createOneOffEntryId, parseOneOffEntryId, isOneOffEntryId,
  templateEntryId, matchName, MUID_MAPIEMU_AB_TEMPLATE, MAPIPDL_ADDRTYPE, MAPI_GAL_ONLY,
} from './core/ab/index.js';
export type { OneOff, MatchResult } from './core/ab/index.js';
export type { AbProvider, AbLogon, AbLogonInfo, AbSupport, AbContainerRecord, AbEntryRecord } from './core/spi/ab.js';
export { abEntryId } from './core/spi/ab.js';
export { directoryService, DIRECTORY_SERVICE } from './providers/directory/service.js';
export { GAL_ENTRY_ID } from './providers/directory/DirectoryLogon.js';
export { pabService, PabStore, PAB_SERVICE } from './providers/pab/service.js';
export { PabData } from './providers/pab/PabData.js';

// ---- Outgoing messages: reply, reply all, forward, resend, conversations (docs/mail.md) -------
export {
  createReply, createReplyAll, createForward, createResend, startConversation, recordLastVerb,
  normalizedSubjectOf, isNonDeliveryReportClass, parseConversationIndex, nextConversationIndex, isConversationChild,
  newInternetMessageId, referencesOf, mailIdentityOf, parseFlatEntryList, makeFlatEntryList,
  NOTEIVERB_REPLYTOSENDER, NOTEIVERB_REPLYTOALL, NOTEIVERB_FORWARD, ICON_INDEX_REPLIED, ICON_INDEX_FORWARDED,
} from './core/mail/index.js';
export type {
  ResponseOptions, ForwardOptions, ResendOptions, ConversationOptions, ConversationIndex, ConversationChildBlock, MailIdentity,
} from './core/mail/index.js';

// ---- Forms (docs/forms.md) -------------------------------------------------------------------
export {
  MAPIOpenFormMgr, HFRMREG_DEFAULT, HFRMREG_LOCAL, HFRMREG_PERSONAL, HFRMREG_FOLDER, FORMPROPSET_UNION, FORMPROPSET_INTERSECTION,
  MAPIFORM_EXACTMATCH, MAPIFORM_INSTALL_OVERWRITEONCONFLICT, FPST_VANILLA, FPST_ENUM_PROP, MAPI_MESSAGE_BEHAVIOR_IPM,
  MAPI_MESSAGE_BEHAVIOR_FOLDER, SAVEOPTS_SAVEIFDIRTY, SAVEOPTS_NOSAVE, SAVEOPTS_PROMPTSAVE, E_UNEXPECTED, parseFormConfig, readFormConfig,
} from './core/forms/index.js';
export type {
  IMAPIFormMgr, IMAPIFormContainer, IMAPIFormInfo, IMAPIForm, FormDescription, FormVerbDescription, FormPropertyDescription,
  FormHandler, FormVerbContext, SMAPIVerb, SMAPIVerbArray, SMAPIFormProp, SMAPIFormPropArray, SMAPIFormPropEnumVal, SMAPIFormInfoArray,
  FormConfigOptions,
} from './core/forms/index.js';

// ---- Tables ---------------------------------------------------------------------------------
export type {
  IMAPITable,
  ITableData,
  BOOKMARK,
  TableStatus,
  SeekRowResult,
  TablePosition,
  FindRowResult,
  ExpandRowResult,
  SetCollapseStateResult,
  CALLERRELEASE,
} from './core/table/interfaces.js';
export { CreateTable } from './core/table/TableData.js';
export type { CreateTableOptions } from './core/table/TableData.js';

// ---- Restrictions ---------------------------------------------------------------------------
export { compileRestriction, validateRestriction, describeRestriction } from './core/restriction/index.js';
export type { CompiledRestriction, CompileRestrictionOptions, RestrictionTarget } from './core/restriction/index.js';

// ---- Notifications --------------------------------------------------------------------------
export type {
  NOTIFICATION,
  NEWMAIL_NOTIFICATION,
  OBJECT_NOTIFICATION,
  TABLE_NOTIFICATION,
  ERROR_NOTIFICATION,
  EXTENDED_NOTIFICATION,
  STATUS_OBJECT_NOTIFICATION,
  IMAPIAdviseSink,
  AdviseSinkLike,
} from './core/notify/index.js';
export { NotificationHub, ManualScheduler, defaultScheduler, HrAllocAdviseSink, HrThisThreadAdviseSink, NotificationRecorder, describeNotification } from './core/notify/index.js';
export type { Scheduler } from './core/notify/index.js';

// ---- Provider SPI: writing a message service ------------------------------------------------
export type {
  MessageServiceDefinition,
  ProviderDefinition,
  ProviderKind,
  StoreProvider,
  StoreLogonInfo,
  StoreLogonResult,
  ServiceConfigureContext,
  ServiceConfiguration,
  ProviderIdentity,
} from './core/spi/services.js';
export type {
  StoreBackend,
  EntryIdCodec,
  FolderRecord,
  MessageRecord,
  MessageContent,
  RecipientRecord,
  AttachmentRecord,
  PropMap,
  NodeId,
  SpecialFolder,
  MessageSummary,
  MessageFacts,
} from './core/spi/store.js';
export { summarizeMessage, summaryDisagreements } from './core/store/summary.js';
export type { SummarizeOptions } from './core/store/summary.js';
export { ExchangeEntryIds } from './core/store/entryIds.js';
export type { RowSource, TableRow, RowSourceEvent } from './core/table/RowSource.js';
export { MemoryRowSource, tableRow } from './core/table/MemoryRowSource.js';
export { MapiTable } from './core/table/MapiTable.js';
export type { MapiTableOptions, TableCapabilities } from './core/table/MapiTable.js';

// ---- Transports and the spooler (docs/mailflow.md) -------------------------------------------
export type {
  TransportProvider,
  TransportLogon,
  TransportLogonInfo,
  TransportSupport,
  TransportAddressTypes,
  OutgoingMessage,
  OutgoingRecipient,
  SubmitResult,
  RecipientFailure,
  IncomingMessage,
  DeliveryTarget,
  DeliveryOptions,
  DeliveredMessage,
} from './core/spi/transport.js';
export {
  TransportRetry,
  BEGIN_DEFERRED,
  END_RESEND_NOW,
  END_RESEND_LATER,
  END_DONT_RESEND,
  NOTIFY_ABORT_DEFERRED,
  NOTIFY_CANCEL_MESSAGE,
  NOTIFY_BEGIN_INBOUND,
  NOTIFY_END_INBOUND,
  NOTIFY_BEGIN_OUTBOUND,
  NOTIFY_END_OUTBOUND,
  NOTIFY_BEGIN_INBOUND_FLUSH,
  NOTIFY_END_INBOUND_FLUSH,
  NOTIFY_BEGIN_OUTBOUND_FLUSH,
  NOTIFY_END_OUTBOUND_FLUSH,
  LOGOFF_NORMAL,
  MAPI_REASON_TRANSFER_FAILED,
  MAPI_REASON_TRANSFER_IMPOSSIBLE,
  MAPI_REASON_CONVERSION_NOT_PERFORMED,
} from './core/spi/transport.js';
export { Spooler } from './core/spooler/Spooler.js';
export type { SpoolerOptions } from './core/spooler/Spooler.js';
export { nonDeliveryReport, deliveryReport, readReport, reportClass } from './core/spooler/reports.js';
export type { ReportKind } from './core/spooler/reports.js';
export { loopbackTransportService, LOOPBACK_TRANSPORT_SERVICE, LOOPBACK_ADDRESS_TYPES } from './providers/loopback-transport/service.js';

// ---- The in-memory mailbox service ----------------------------------------------------------
export { MemoryServer } from './providers/memory-store/MemoryServer.js';
export type { MemoryMailbox } from './providers/memory-store/MemoryServer.js';
export { MemoryBackend } from './providers/memory-store/MemoryBackend.js';
export { memoryStoreService, MEMORY_STORE_SERVICE, MEMORY_STORE_MDB_PROVIDER } from './providers/memory-store/service.js';
// PST/OST files as message stores (docs/pst.md): `MSUPST MS` / `MSPST MS`, openPstFile, the reader.
export {
  openPstFile, openPstFileSession, pstStoreService, PstBackend, PstEntryIds, PST_SERVICE_UNICODE, PST_SERVICE_ANSI, MSPST_UID_PROVIDER, PST_SIDECAR_SUFFIX,
} from './providers/pst-store/index.js';
export type { OpenPstFileOptions, OpenedPstFile, PstServiceOptions, PstBackendOptions } from './providers/pst-store/index.js';
export { openPst, PstFile, PstFolder, PstMessage, PstAttachment } from './formats/pst/messaging/index.js';
export type { PstOpenOptions, PstRecipient, PstNamedProperty } from './formats/pst/messaging/index.js';

// ---- Outlook item files (.msg, .oft) ----------------------------------------------------------
export { openMsgFile, saveMsgFile, readMsg, writeMsg, MsgFile } from './formats/msg/index.js';
export type { MsgFileOptions, ReadMsgOptions, WriteMsgOptions } from './formats/msg/index.js';
// A message store kept as a directory tree of .msg files (docs/msg-store.md).
export { msgStoreService, MSG_STORE_SERVICE, MSG_STORE_MDB_PROVIDER, PR_MSGSTORE_PATH_W } from './providers/msg-store/service.js';
export type { MsgStoreServiceOptions } from './providers/msg-store/service.js';
export { MsgStoreBackend } from './providers/msg-store/MsgStoreBackend.js';
export type { MsgStoreOptions } from './providers/msg-store/MsgStoreBackend.js';
export type { WriteHooks as MsgStoreWriteHooks } from './providers/msg-store/atomicWrite.js';
