/**
 * Sizes and offsets the marshalling code reads and writes at, in bytes, from the MAPI ABI
 * reference (MAPI-ABI-x64.md §2, Windows x64; identical on Linux x64 with explicit widths).
 * test/abi/layout.test.ts checks every number here against the koffi declarations of
 * types.ts.
 */

/** Size of a pointer. */
export const PTR = 8;

/** SPropValue: ulPropTag u32 @0, dwAlignPad @4, union _PV @8 (16 bytes). Stride 24. */
export const SPropValue = { size: 24, ulPropTag: 0, Value: 8, count: 8, pointer: 16 } as const;
/** SBinary: cb u32 @0, lpb ptr @8. */
export const SBinary = { size: 16, cb: 0, lpb: 8 } as const;
/** SBinaryArray / ENTRYLIST: cValues u32 @0, lpbin ptr @8. */
export const SBinaryArray = { size: 16, cValues: 0, lpbin: 8 } as const;
/** SPropTagArray: cValues u32 @0, aulPropTag u32[] @4. Real size 4 + 4n. */
export const SPropTagArray = { header: 4, cValues: 0, aulPropTag: 4, stride: 4 } as const;
/** SPropProblem: ulIndex, ulPropTag, scode (12 bytes); SPropProblemArray: cProblem @0, aProblem @4. */
export const SPropProblemArray = { header: 4, cProblem: 0, aProblem: 4, stride: 12, ulIndex: 0, ulPropTag: 4, scode: 8 } as const;
/** SRow / ADRENTRY: pad u32 @0, cValues u32 @4, lpProps ptr @8. */
export const SRow = { size: 16, pad: 0, cValues: 4, lpProps: 8 } as const;
/** SRowSet / ADRLIST: cRows u32 @0, aRow SRow[] @8. Real size 8 + 16n. */
export const SRowSet = { header: 8, cRows: 0, aRow: 8, stride: 16 } as const;
/** SSortOrderSet: cSorts @0, cCategories @4, cExpanded @8, aSort {ulPropTag, ulOrder}[] @12. Real size 12 + 8n. */
export const SSortOrderSet = { header: 12, cSorts: 0, cCategories: 4, cExpanded: 8, aSort: 12, stride: 8 } as const;
/** SRestriction: rt u32 @0, union res @8 (24 bytes). Stride 32. Member offsets are from the start of SRestriction. */
export const SRestriction = { size: 32, rt: 0, a: 8, b: 12, c: 16, p16: 16, p24: 24 } as const;
/** GUID: 16 bytes, alignment 4. */
export const GUID_SIZE = 16;
/** FILETIME: dwLowDateTime @0, dwHighDateTime @4 (alignment 4). */
export const FILETIME = { size: 8, low: 0, high: 4 } as const;
/** MAPINAMEID: lpguid ptr @0, ulKind u32 @8, Kind @16 (lID i32 or lpwstrName ptr). */
export const MAPINAMEID = { size: 24, lpguid: 0, ulKind: 8, Kind: 16 } as const;
/** MAPIERROR: ulVersion @0, lpszError @8, lpszComponent @16, ulLowLevelError @24, ulContext @28. */
export const MAPIERROR = { size: 32, ulVersion: 0, lpszError: 8, lpszComponent: 16, ulLowLevelError: 24, ulContext: 28 } as const;
/** MAPIINIT_0: ulVersion @0, ulFlags @4. */
export const MAPIINIT_0 = { size: 8, ulVersion: 0, ulFlags: 4 } as const;
/** STATSTG (IStream::Stat). */
export const STATSTG = {
  size: 80, pwcsName: 0, type: 8, cbSize: 16, mtime: 24, ctime: 32, atime: 40, grfMode: 48, grfLocksSupported: 52, clsid: 56,
  grfStateBits: 72,
} as const;
/** FlagList: cFlags @0, ulFlag u32[] @4. */
export const FlagList = { header: 4, cFlags: 0, ulFlag: 4, stride: 4 } as const;

/** NOTIFICATION: ulEventType @0, pad @4, union info @8 (80 bytes). Stride 88. Offsets below are from the NOTIFICATION start. */
export const NOTIFICATION = { size: 88, ulEventType: 0, info: 8 } as const;
/** ERROR_NOTIFICATION inside NOTIFICATION. */
export const ERROR_NOTIFICATION = { cbEntryID: 8, lpEntryID: 16, scode: 24, ulFlags: 28, lpMAPIError: 32 } as const;
/** NEWMAIL_NOTIFICATION inside NOTIFICATION. */
export const NEWMAIL_NOTIFICATION = {
  cbEntryID: 8, lpEntryID: 16, cbParentID: 24, lpParentID: 32, ulFlags: 40, lpszMessageClass: 48, ulMessageFlags: 56,
} as const;
/** OBJECT_NOTIFICATION inside NOTIFICATION. */
export const OBJECT_NOTIFICATION = {
  cbEntryID: 8, lpEntryID: 16, ulObjType: 24, cbParentID: 28, lpParentID: 32, cbOldID: 40, lpOldID: 48, cbOldParentID: 56,
  lpOldParentID: 64, lpPropTagArray: 72,
} as const;
/** TABLE_NOTIFICATION inside NOTIFICATION (row is an SRow at 64: cValues @68, lpProps @72). */
export const TABLE_NOTIFICATION = { ulTableEvent: 8, hResult: 12, propIndex: 16, propPrior: 40, row: 64 } as const;
/** STATUS_OBJECT_NOTIFICATION inside NOTIFICATION. */
export const STATUS_OBJECT_NOTIFICATION = { cbEntryID: 8, lpEntryID: 16, cValues: 24, lpPropVals: 32 } as const;
/** EXTENDED_NOTIFICATION inside NOTIFICATION. */
export const EXTENDED_NOTIFICATION = { ulEvent: 8, cb: 12, pbEventParameters: 16 } as const;
