/**
 * koffi declarations of every structure of the MAPI ABI reference (MAPI-ABI-x64.md §2), with
 * explicit widths only (§1.2: never koffi's long, ulong, wchar_t, wstring or bool), so the
 * same declarations have the Windows x64 layout on Windows and on Linux x64.
 *
 * The marshalling code (propValue.ts, restriction.ts, ...) reads and writes bytes at the
 * offsets of layout.ts; test/abi/layout.test.ts checks that these declarations, those
 * offsets and the reference's numbers agree.
 */
import type { Koffi, KoffiType, KoffiTypeSpec } from '../koffi.js';

/** The declared structures, by their SDK names. */
export interface AbiTypes {
  readonly GUID: KoffiType;
  readonly FILETIME: KoffiType;
  readonly MAPIUID: KoffiType;
  readonly SBinary: KoffiType;
  readonly SBinaryArray: KoffiType;
  readonly PV: KoffiType;
  readonly SPropValue: KoffiType;
  readonly SPropTagArray: KoffiType;
  readonly SPropProblem: KoffiType;
  readonly SPropProblemArray: KoffiType;
  readonly SRow: KoffiType;
  readonly SRowSet: KoffiType;
  readonly ADRENTRY: KoffiType;
  readonly ADRLIST: KoffiType;
  readonly FlagList: KoffiType;
  readonly ENTRYID: KoffiType;
  readonly FLATENTRYLIST: KoffiType;
  readonly LARGE_INTEGER: KoffiType;
  readonly CURRENCY: KoffiType;
  readonly SSortOrder: KoffiType;
  readonly SSortOrderSet: KoffiType;
  readonly SRestriction: KoffiType;
  readonly SAndRestriction: KoffiType;
  readonly SNotRestriction: KoffiType;
  readonly SContentRestriction: KoffiType;
  readonly SPropertyRestriction: KoffiType;
  readonly SComparePropsRestriction: KoffiType;
  readonly SBitMaskRestriction: KoffiType;
  readonly SSizeRestriction: KoffiType;
  readonly SExistRestriction: KoffiType;
  readonly SSubRestriction: KoffiType;
  readonly SCommentRestriction: KoffiType;
  readonly SCountRestriction: KoffiType;
  readonly NOTIFICATION: KoffiType;
  readonly ERROR_NOTIFICATION: KoffiType;
  readonly NEWMAIL_NOTIFICATION: KoffiType;
  readonly OBJECT_NOTIFICATION: KoffiType;
  readonly TABLE_NOTIFICATION: KoffiType;
  readonly STATUS_OBJECT_NOTIFICATION: KoffiType;
  readonly EXTENDED_NOTIFICATION: KoffiType;
  readonly MAPINAMEID: KoffiType;
  readonly MAPIERROR: KoffiType;
  readonly MAPIINIT_0: KoffiType;
  readonly STATSTG: KoffiType;
  readonly STGOPTIONS: KoffiType;
  readonly RTF_WCSINFO: KoffiType;
  readonly RTF_WCSRETINFO: KoffiType;
  readonly SPropAttrArray: KoffiType;
  readonly SMessageClassArray: KoffiType;
  readonly SMAPIFormInfoArray: KoffiType;
  readonly ADRPARM: KoffiType;
}

const declared = new WeakMap<Koffi, AbiTypes>();

/**
 * The structures declared with `koffi` (anonymous types, so nothing is added to koffi's
 * global type names; declared once per koffi instance).
 */
export function abiTypes(koffi: Koffi): AbiTypes {
  const done = declared.get(koffi);
  if (done) return done;
  const u8 = 'uint8_t';
  const u16 = 'uint16_t';
  const i16 = 'int16_t';
  const u32 = 'uint32_t';
  const i32 = 'int32_t';
  const u64 = 'uint64_t';
  const i64 = 'int64_t';
  const ptr = 'void *';
  const S = (def: Record<string, KoffiTypeSpec>) => koffi.struct(def);
  const arr = (t: KoffiTypeSpec, n: number) => koffi.array(t, n);

  const GUID = S({ Data1: u32, Data2: u16, Data3: u16, Data4: arr(u8, 8) });
  const FILETIME = S({ dwLowDateTime: u32, dwHighDateTime: u32 });
  const MAPIUID = S({ ab: arr(u8, 16) });
  const SBinary = S({ cb: u32, lpb: ptr });
  const SBinaryArray = S({ cValues: u32, lpbin: ptr });
  // The counted members of union _PV: { ULONG count; (4 bytes padding); T *pointer; }.
  const counted = S({ cValues: u32, lpv: ptr });
  const PV = koffi.union({
    i: i16, l: i32, ul: u32, flt: 'float', dbl: 'double', b: u16, cur: i64, at: 'double', ft: FILETIME,
    lpszA: ptr, bin: SBinary, lpszW: ptr, lpguid: ptr, li: i64, MVi: counted, MVl: counted, MVflt: counted,
    MVdbl: counted, MVcur: counted, MVat: counted, MVft: counted, MVbin: counted, MVszA: counted, MVszW: counted,
    MVguid: counted, MVli: counted, err: i32, x: i32, lpv: ptr,
  });
  const SPropValue = S({ ulPropTag: u32, dwAlignPad: u32, Value: PV });
  const SPropTagArray = S({ cValues: u32, aulPropTag: arr(u32, 1) });
  const SPropProblem = S({ ulIndex: u32, ulPropTag: u32, scode: i32 });
  const SPropProblemArray = S({ cProblem: u32, aProblem: arr(SPropProblem, 1) });
  const SRow = S({ ulAdrEntryPad: u32, cValues: u32, lpProps: ptr });
  const SRowSet = S({ cRows: u32, aRow: arr(SRow, 1) });
  const ADRENTRY = S({ ulReserved1: u32, cValues: u32, rgPropVals: ptr });
  const ADRLIST = S({ cEntries: u32, aEntries: arr(ADRENTRY, 1) });
  const FlagList = S({ cFlags: u32, ulFlag: arr(u32, 1) });
  const ENTRYID = koffi.pack({ abFlags: arr(u8, 4), ab: arr(u8, 1) });
  const FLATENTRYLIST = S({ cEntries: u32, cbEntries: u32, abEntries: arr(u8, 1) });
  const LARGE_INTEGER = koffi.union({ QuadPart: i64, u: S({ LowPart: u32, HighPart: i32 }) });
  const CURRENCY = koffi.union({ int64: i64, s: S({ Lo: u32, Hi: i32 }) });
  const SSortOrder = S({ ulPropTag: u32, ulOrder: u32 });
  const SSortOrderSet = S({ cSorts: u32, cCategories: u32, cExpanded: u32, aSort: arr(SSortOrder, 1) });

  const SAndRestriction = S({ cRes: u32, lpRes: ptr });
  const SNotRestriction = S({ ulReserved: u32, lpRes: ptr });
  const SContentRestriction = S({ ulFuzzyLevel: u32, ulPropTag: u32, lpProp: ptr });
  const SPropertyRestriction = S({ relop: u32, ulPropTag: u32, lpProp: ptr });
  const SComparePropsRestriction = S({ relop: u32, ulPropTag1: u32, ulPropTag2: u32 });
  const SBitMaskRestriction = S({ relBMR: u32, ulPropTag: u32, ulMask: u32 });
  const SSizeRestriction = S({ relop: u32, ulPropTag: u32, cb: u32 });
  const SExistRestriction = S({ ulReserved1: u32, ulPropTag: u32, ulReserved2: u32 });
  const SSubRestriction = S({ ulSubObject: u32, lpRes: ptr });
  const SCommentRestriction = S({ cValues: u32, lpRes: ptr, lpProp: ptr });
  const SCountRestriction = S({ ulCount: u32, lpRes: ptr });
  const SRestriction = S({
    rt: u32,
    res: koffi.union({
      resCompareProps: SComparePropsRestriction, resAnd: SAndRestriction, resOr: SAndRestriction, resNot: SNotRestriction,
      resContent: SContentRestriction, resProperty: SPropertyRestriction, resBitMask: SBitMaskRestriction,
      resSize: SSizeRestriction, resExist: SExistRestriction, resSub: SSubRestriction, resComment: SCommentRestriction,
      resAnnotation: SCommentRestriction, resCount: SCountRestriction,
    }),
  });

  const MAPIERROR = S({ ulVersion: u32, lpszError: ptr, lpszComponent: ptr, ulLowLevelError: u32, ulContext: u32 });
  const ERROR_NOTIFICATION = S({ cbEntryID: u32, lpEntryID: ptr, scode: i32, ulFlags: u32, lpMAPIError: ptr });
  const NEWMAIL_NOTIFICATION = S({
    cbEntryID: u32, lpEntryID: ptr, cbParentID: u32, lpParentID: ptr, ulFlags: u32, lpszMessageClass: ptr, ulMessageFlags: u32,
  });
  const OBJECT_NOTIFICATION = S({
    cbEntryID: u32, lpEntryID: ptr, ulObjType: u32, cbParentID: u32, lpParentID: ptr, cbOldID: u32, lpOldID: ptr,
    cbOldParentID: u32, lpOldParentID: ptr, lpPropTagArray: ptr,
  });
  const TABLE_NOTIFICATION = S({ ulTableEvent: u32, hResult: i32, propIndex: SPropValue, propPrior: SPropValue, row: SRow, ulPad: u32 });
  const STATUS_OBJECT_NOTIFICATION = S({ cbEntryID: u32, lpEntryID: ptr, cValues: u32, lpPropVals: ptr });
  const EXTENDED_NOTIFICATION = S({ ulEvent: u32, cb: u32, pbEventParameters: ptr });
  const NOTIFICATION = S({
    ulEventType: u32,
    ulAlignPad: u32,
    info: koffi.union({
      err: ERROR_NOTIFICATION, newmail: NEWMAIL_NOTIFICATION, obj: OBJECT_NOTIFICATION, tab: TABLE_NOTIFICATION,
      ext: EXTENDED_NOTIFICATION, statobj: STATUS_OBJECT_NOTIFICATION,
    }),
  });
  const MAPINAMEID = S({ lpguid: ptr, ulKind: u32, Kind: koffi.union({ lID: i32, lpwstrName: ptr, lID_Reserved: i64 }) });
  const MAPIINIT_0 = S({ ulVersion: u32, ulFlags: u32 });
  const STATSTG = S({
    pwcsName: ptr, type: u32, cbSize: u64, mtime: FILETIME, ctime: FILETIME, atime: FILETIME, grfMode: u32,
    grfLocksSupported: u32, clsid: GUID, grfStateBits: u32, reserved: u32,
  });
  const STGOPTIONS = S({ usVersion: u16, reserved: u16, ulSectorSize: u32, pwcsTemplateFile: ptr });
  const RTF_WCSINFO = S({ size: u32, ulFlags: u32, ulInCodePage: u32, ulOutCodePage: u32 });
  const RTF_WCSRETINFO = S({ size: u32, ulStreamFlags: u32 });
  const SPropAttrArray = S({ cValues: u32, aPropAttr: arr(u32, 1) });
  const SMessageClassArray = S({ cValues: u32, aMessageClass: arr(ptr, 1) });
  const SMAPIFormInfoArray = S({ cForms: u32, aFormInfo: arr(ptr, 1) });
  const ADRPARM = S({
    cbABContEntryID: u32, lpABContEntryID: ptr, ulFlags: u32, lpReserved: ptr, ulHelpContext: u32, lpszHelpFileName: ptr,
    lpfnABSDI: ptr, lpfnDismiss: ptr, lpvDismissContext: ptr, lpszCaption: ptr, lpszNewEntryTitle: ptr,
    lpszDestWellsTitle: ptr, cDestFields: u32, nDestFieldFocus: u32, lppszDestTitles: ptr, lpulDestComps: ptr,
    lpContRestriction: ptr, lpHierRestriction: ptr,
  });

  const types: AbiTypes = {
    GUID, FILETIME, MAPIUID, SBinary, SBinaryArray, PV, SPropValue, SPropTagArray, SPropProblem, SPropProblemArray, SRow,
    SRowSet, ADRENTRY, ADRLIST, FlagList, ENTRYID, FLATENTRYLIST, LARGE_INTEGER, CURRENCY, SSortOrder, SSortOrderSet,
    SRestriction, SAndRestriction, SNotRestriction, SContentRestriction, SPropertyRestriction, SComparePropsRestriction,
    SBitMaskRestriction, SSizeRestriction, SExistRestriction, SSubRestriction, SCommentRestriction, SCountRestriction,
    NOTIFICATION, ERROR_NOTIFICATION, NEWMAIL_NOTIFICATION, OBJECT_NOTIFICATION, TABLE_NOTIFICATION,
    STATUS_OBJECT_NOTIFICATION, EXTENDED_NOTIFICATION, MAPINAMEID, MAPIERROR, MAPIINIT_0, STATSTG, STGOPTIONS,
    RTF_WCSINFO, RTF_WCSRETINFO, SPropAttrArray, SMessageClassArray, SMAPIFormInfoArray, ADRPARM,
  };
  declared.set(koffi, types);
  return types;
}
