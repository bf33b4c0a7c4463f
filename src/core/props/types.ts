import type { FILETIME } from './filetime.js';
import type { GUID } from './guid.js';
import type { SRestriction } from '../restriction/types.js';

/**
 * The JS value of one property, by type (DESIGN.md "Values"):
 * - PT_I2, PT_LONG, PT_R4, PT_DOUBLE, PT_APPTIME: `number`
 * - PT_I8, PT_CURRENCY: `bigint` (PT_CURRENCY is the raw 64-bit count of 1/10000 units)
 * - PT_BOOLEAN: `boolean`
 * - PT_SYSTIME: {@link FILETIME}
 * - PT_STRING8, PT_UNICODE: `string`
 * - PT_BINARY, PT_SVREID: `Uint8Array`
 * - PT_CLSID: {@link GUID}
 * - PT_ERROR: the scode, a `number`
 * - PT_NULL, PT_UNSPECIFIED, PT_OBJECT: `null` (PT_OBJECT may also carry the unused `x` number)
 * - PT_SRESTRICTION: {@link SRestriction}; PT_ACTIONS: {@link ACTIONS}
 * - PT_MV_*: an array of the single-valued JS type
 */
export type PropValueData =
  | number
  | bigint
  | boolean
  | string
  | Uint8Array
  | FILETIME
  | GUID
  | null
  | SRestriction
  | ACTIONS
  | number[]
  | bigint[]
  | string[]
  | Uint8Array[]
  | FILETIME[]
  | GUID[];

/**
 * One property: its tag and value. The C union `Value` holds whichever JS type the tag's
 * type calls for (see {@link PropValueData}).
 * @see spropvalue.md
 */
export interface SPropValue {
  /** The property tag: identifier in the high 16 bits, type in the low 16 bits. */
  ulPropTag: number;
  /** The value, typed by PROP_TYPE(ulPropTag). */
  Value: PropValueData;
}

/** An array of property tags (SPropTagArray's cValues + aulPropTag). @see sproptagarray.md */
export type SPropTagArray = number[];

/** One problem reported by setProps/deleteProps/copyTo. @see spropproblem.md */
export interface SPropProblem {
  /** Index of the failed property in the caller's array. */
  ulIndex: number;
  /** Tag of the failed property. */
  ulPropTag: number;
  /** Why it failed. */
  scode: number;
}

/** Problems of a partially successful call; empty when there were none. @see spropproblemarray.md */
export type SPropProblemArray = SPropProblem[];

/** One row of a table or of a row set. @see srow.md */
export interface SRow {
  /** The row's column values. */
  lpProps: SPropValue[];
}

/** A set of rows. @see srowset.md */
export type SRowSet = SRow[];

/** One recipient entry of an ADRLIST. @see adrentry.md */
export interface ADRENTRY {
  /** The recipient's properties. */
  rgPropVals: SPropValue[];
}

/** A list of recipients. @see adrlist.md */
export type ADRLIST = ADRENTRY[];

/** A 16-byte MAPI unique identifier (provider identifier in entry IDs). @see mapiuid.md */
export type MAPIUID = Uint8Array;

/** An entry identifier: 4 flag bytes, the provider's MAPIUID, then provider data. @see entryid.md */
export type ENTRYID = Uint8Array;

/** A list of entry identifiers. @see entrylist.md */
export type ENTRYLIST = Uint8Array[];

/** MNID_ID kind of {@link MAPINAMEID}. */
export interface MAPINAMEID_ID {
  /** Property set. */
  lpguid: GUID;
  /** MNID_ID (0). */
  ulKind: 0;
  /** The numeric name (LID). */
  lID: number;
}

/** MNID_STRING kind of {@link MAPINAMEID}. */
export interface MAPINAMEID_STRING {
  /** Property set. */
  lpguid: GUID;
  /** MNID_STRING (1). */
  ulKind: 1;
  /** The string name. */
  lpwstrName: string;
}

/**
 * The name of a named property: a property set GUID plus a numeric (MNID_ID) or string
 * (MNID_STRING) name. The C union `Kind` is flattened into `lID` / `lpwstrName`.
 * @see mapinameid.md
 */
export type MAPINAMEID = MAPINAMEID_ID | MAPINAMEID_STRING;

/** Extended error information returned by getLastError. @see mapierror.md */
export interface MAPIERROR {
  /** MAPI_ERROR_VERSION (0). */
  ulVersion: number;
  /** Text describing the error. */
  lpszError: string;
  /** The component that raised it. */
  lpszComponent: string;
  /** A low-level error code, when there is one. */
  ulLowLevelError: number;
  /** Where in the component the error arose. */
  ulContext: number;
}

/** One action of a rule (PT_ACTIONS), edkmdb.h's ACTION with its union flattened. */
export interface ACTION {
  /** OP_MOVE, OP_COPY, OP_REPLY, OP_OOF_REPLY, OP_DEFER_ACTION, OP_BOUNCE, OP_FORWARD, OP_DELEGATE, OP_TAG, OP_DELETE, OP_MARK_AS_READ. */
  acttype: number;
  /** Action flavor flags. */
  ulActionFlavor: number;
  /** Reserved restriction, normally null. */
  lpRes: SRestriction | null;
  /** Reserved tag array, normally null. */
  lpPropTagArray: SPropTagArray | null;
  /** Action flags. */
  ulFlags: number;
  /** OP_MOVE / OP_COPY target. */
  actMoveCopy?: { lpStoreEntryId: Uint8Array; lpFldEntryId: Uint8Array };
  /** OP_REPLY / OP_OOF_REPLY template. */
  actReply?: { lpEntryId: Uint8Array; guidReplyTemplate: GUID };
  /** OP_DEFER_ACTION data. */
  actDeferAction?: { pbData: Uint8Array };
  /** OP_BOUNCE code. */
  scBounceCode?: number;
  /** OP_FORWARD / OP_DELEGATE recipients. */
  lpadrlist?: ADRLIST;
  /** OP_TAG property. */
  propTag?: SPropValue;
}

/** A rule's actions (PT_ACTIONS value). */
export interface ACTIONS {
  /** EDK_RULES_VERSION. */
  ulVersion: number;
  /** The actions. */
  lpAction: ACTION[];
}
