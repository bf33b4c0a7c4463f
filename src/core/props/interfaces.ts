import type { GUID } from './guid.js';
import type { FILETIME } from './filetime.js';
import type { MAPIERROR, MAPINAMEID, SPropProblemArray, SPropTagArray, SPropValue } from './types.js';

/**
 * The root of every MAPI interface. JS has no reference counts, but `release()` keeps its
 * MAPI meaning where it matters: a released table stops receiving updates, a released
 * session logs off, and the Windows backend releases the native object.
 */
export interface IUnknown {
  /** Returns this object through another of its interfaces, or rejects with MAPI_E_INTERFACE_NOT_SUPPORTED. */
  queryInterface<T extends IUnknown = IUnknown>(riid: GUID): Promise<T>;
  /** Gives up this handle. Further calls on it reject with MAPI_E_INVALID_OBJECT. */
  release(): void;
}

/** Progress callback for long copies (only used with MAPI_DIALOG, which has no UI here). @see imapiprogressiunknown.md */
export interface IMAPIProgress {
  /** Reports progress. */
  progress(ulValue: number, ulCount: number, ulTotal: number): Promise<void>;
  /** Reads the progress flags. */
  getFlags(): Promise<number>;
  /** Reads the maximum. */
  getMax(): Promise<number>;
  /** Reads the minimum. */
  getMin(): Promise<number>;
  /** Sets limits and flags. */
  setLimits(ulMin: number | null, ulMax: number | null, ulFlags: number | null): Promise<void>;
}

/** The result of getNamesFromIDs: the tags (filled in when the caller passed null) and one name per tag (null where none). */
export interface NamesFromIDs {
  /** The property tags the names belong to. */
  propTags: SPropTagArray;
  /** One name per tag, null for an identifier with no name. */
  names: (MAPINAMEID | null)[];
}

/**
 * The base interface of every MAPI object with properties.
 *
 * Out-parameters become the resolved value: getProps resolves to the values (PT_ERROR
 * entries in place when MAPI_W_ERRORS_RETURNED), setProps/deleteProps/copyTo/copyProps to
 * the problem array (empty when there were no problems).
 *
 * @see imapipropiunknown.md
 */
export interface IMAPIProp extends IUnknown {
  /** Information about the last error of a call on this object, or null. @see imapiprop-getlasterror.md */
  getLastError(hResult: number, ulFlags?: number): Promise<MAPIERROR | null>;
  /** Commits the object's pending changes. @see imapiprop-savechanges.md */
  saveChanges(ulFlags?: number): Promise<void>;
  /** Reads properties; null reads all of them. @see imapiprop-getprops.md */
  getProps(lpPropTagArray: SPropTagArray | null, ulFlags?: number): Promise<SPropValue[]>;
  /** Lists the tags of every property the object has. @see imapiprop-getproplist.md */
  getPropList(ulFlags?: number): Promise<SPropTagArray>;
  /**
   * Opens a property through an interface (IID_IStream for large strings and binaries,
   * IID_IMessage for embedded messages, IID_IMAPITable for subobject tables).
   * @see imapiprop-openproperty.md
   */
  openProperty<T extends IUnknown = IUnknown>(ulPropTag: number, lpiid: GUID, ulInterfaceOptions: number, ulFlags: number): Promise<T>;
  /** Sets properties. @see imapiprop-setprops.md */
  setProps(lpPropArray: SPropValue[]): Promise<SPropProblemArray>;
  /** Deletes properties (only the identifiers of the tags matter). @see imapiprop-deleteprops.md */
  deleteProps(lpPropTagArray: SPropTagArray): Promise<SPropProblemArray>;
  /** Copies or moves every property but the excluded ones, subobjects included. @see imapiprop-copyto.md */
  copyTo(
    rgiidExclude: GUID[] | null,
    lpExcludeProps: SPropTagArray | null,
    lpProgress: IMAPIProgress | null,
    lpInterface: GUID,
    lpDestObj: IMAPIProp,
    ulFlags: number,
  ): Promise<SPropProblemArray>;
  /** Copies or moves the listed properties. @see imapiprop-copyprops.md */
  copyProps(
    lpIncludeProps: SPropTagArray,
    lpProgress: IMAPIProgress | null,
    lpInterface: GUID,
    lpDestObj: IMAPIProp,
    ulFlags: number,
  ): Promise<SPropProblemArray>;
  /** Names of named properties. @see imapiprop-getnamesfromids.md */
  getNamesFromIDs(lpPropTags: SPropTagArray | null, lpPropSetGuid: GUID | null, ulFlags: number): Promise<NamesFromIDs>;
  /** Identifiers (0x8000–0xFFFE, type PT_UNSPECIFIED) of named properties. @see imapiprop-getidsfromnames.md */
  getIDsFromNames(lpPropNames: MAPINAMEID[] | null, ulFlags: number): Promise<SPropTagArray>;
}

/** Statistics of a stream. @see https://learn.microsoft.com/windows/win32/api/objidl/ns-objidl-statstg */
export interface STATSTG {
  /** The name, or null with STATFLAG_NONAME. */
  pwcsName: string | null;
  /** STGTY_STREAM. */
  type: number;
  /** Size in bytes. */
  cbSize: number;
  /** Modification time. */
  mtime: FILETIME | null;
  /** Creation time. */
  ctime: FILETIME | null;
  /** Access time. */
  atime: FILETIME | null;
  /** STGM_* mode the stream was opened with. */
  grfMode: number;
  /** Locking supported (0). */
  grfLocksSupported: number;
  /** CLSID (GUID_NULL for streams). */
  clsid: GUID | null;
  /** State bits (0). */
  grfStateBits: number;
}

/**
 * A COM stream over a property value (IStream), as returned by openProperty(IID_IStream).
 * Positions and sizes are numbers of bytes.
 */
export interface IStream extends IUnknown {
  /** Reads up to `cb` bytes from the seek pointer; fewer at the end, none past it. */
  read(cb: number): Promise<Uint8Array>;
  /** Writes bytes at the seek pointer, growing the stream; resolves to the count written. */
  write(data: Uint8Array): Promise<number>;
  /** Moves the seek pointer (STREAM_SEEK_SET / CUR / END); resolves to the new position. */
  seek(dlibMove: number, dwOrigin: number): Promise<number>;
  /** Truncates or zero-extends the stream. */
  setSize(libNewSize: number): Promise<void>;
  /** Copies `cb` bytes from this stream's seek pointer to another stream's. */
  copyTo(pstm: IStream, cb: number): Promise<{ cbRead: number; cbWritten: number }>;
  /** Commits the stream's changes to the property (a transacted object still needs saveChanges). */
  commit(grfCommitFlags?: number): Promise<void>;
  /** Discards changes since the last commit. */
  revert(): Promise<void>;
  /** Region locks are not supported: STG_E_INVALIDFUNCTION. */
  lockRegion(libOffset: number, cb: number, dwLockType: number): Promise<void>;
  /** Region locks are not supported: STG_E_INVALIDFUNCTION. */
  unlockRegion(libOffset: number, cb: number, dwLockType: number): Promise<void>;
  /** Size and mode of the stream. */
  stat(grfStatFlag?: number): Promise<STATSTG>;
  /** A new stream over the same bytes with its own seek pointer. */
  clone(): Promise<IStream>;
}

/** Access flags of the properties of an IPropData object, as hrGetPropAccess returns them. */
export interface PropAccessList {
  /** The property tags (0 for a requested property that has been deleted). */
  propTags: SPropTagArray;
  /** IPROP_READONLY / IPROP_READWRITE combined with IPROP_CLEAN / IPROP_DIRTY, one per tag. */
  access: number[];
}

/**
 * MAPI's own in-memory property object (CreateIProp), with access control per object and
 * per property.
 * @see ipropdataimapiprop.md
 */
export interface IPropData extends IMAPIProp {
  /** Sets the object's access: IPROP_READONLY or IPROP_READWRITE. @see ipropdata-hrsetobjaccess.md */
  hrSetObjAccess(ulAccess: number): Promise<void>;
  /** Sets access and status flags per property. @see ipropdata-hrsetpropaccess.md */
  hrSetPropAccess(lpPropTagArray: SPropTagArray, rgulAccess: number[]): Promise<void>;
  /** Reads access and status flags; null reads every property, deleted ones included. @see ipropdata-hrgetpropaccess.md */
  hrGetPropAccess(lpPropTagArray: SPropTagArray | null): Promise<PropAccessList>;
  /** Adds PT_OBJECT properties to the property list. @see ipropdata-hraddobjprops.md */
  hrAddObjProps(lpPropTagArray: SPropTagArray): Promise<SPropProblemArray>;
}
