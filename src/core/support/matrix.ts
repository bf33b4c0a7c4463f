import type { IMAPIProp, IPropData, IStream, IUnknown } from '../props/interfaces.js';

/** How far one interface method is emulated. */
export type MethodSupport =
  | { status: 'supported'; note?: string }
  | { status: 'partial'; note: string }
  | { status: 'unsupported'; why: string };

/** Every method of an interface, with its support level; the record type makes the list complete. */
export type InterfaceSupport<T> = Record<Exclude<keyof T, keyof IUnknown> | 'queryInterface' | 'release', MethodSupport>;

/** One row group of the support table. */
export interface SupportEntry {
  /** MAPI interface name. */
  name: string;
  /** The reference page of the interface. */
  page: string;
  /** Method → support. */
  methods: Record<string, MethodSupport>;
}

const ok: MethodSupport = { status: 'supported' };
const iunknown = { queryInterface: ok, release: ok };

const imapiProp: InterfaceSupport<IMAPIProp> = {
  ...iunknown,
  getLastError: ok,
  saveChanges: { status: 'supported', note: 'transacted objects commit; others have nothing to save' },
  getProps: ok,
  getPropList: ok,
  openProperty: {
    status: 'partial',
    note: 'IID_IStream (and IID_IStreamDocfile) on string and binary properties; subobject interfaces where the object has them; IID_IStorage is not supported',
  },
  setProps: ok,
  deleteProps: ok,
  copyTo: { status: 'supported', note: 'MAPI_DIALOG rejects with MAPI_E_NO_SUPPORT: there is no progress UI' },
  copyProps: { status: 'supported', note: 'MAPI_DIALOG rejects with MAPI_E_NO_SUPPORT: there is no progress UI' },
  getNamesFromIDs: ok,
  getIDsFromNames: ok,
};

const iPropData: InterfaceSupport<IPropData> = {
  ...imapiProp,
  getNamesFromIDs: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT, as MAPI\'s own IPropData has no named properties' },
  getIDsFromNames: { status: 'unsupported', why: 'MAPI_E_NO_SUPPORT, as MAPI\'s own IPropData has no named properties' },
  hrSetObjAccess: ok,
  hrSetPropAccess: ok,
  hrGetPropAccess: ok,
  hrAddObjProps: ok,
};

const iStream: InterfaceSupport<IStream> = {
  ...iunknown,
  read: ok,
  write: ok,
  seek: ok,
  setSize: ok,
  copyTo: ok,
  commit: { status: 'supported', note: 'writes reach the property only on commit, as with Exchange' },
  revert: ok,
  lockRegion: { status: 'unsupported', why: 'STG_E_INVALIDFUNCTION: property streams have no region locks' },
  unlockRegion: { status: 'unsupported', why: 'STG_E_INVALIDFUNCTION: property streams have no region locks' },
  stat: ok,
  clone: ok,
};

/** The support table, one entry per emulated interface; docs/supported.md is generated from it. */
export const supportMatrix: SupportEntry[] = [
  { name: 'IMAPIProp', page: 'imapipropiunknown.md', methods: imapiProp },
  { name: 'IPropData', page: 'ipropdataimapiprop.md', methods: iPropData },
  { name: 'IStream', page: 'https://learn.microsoft.com/windows/win32/api/objidl/nn-objidl-istream', methods: iStream },
];
