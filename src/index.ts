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
