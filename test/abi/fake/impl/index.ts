/** The fake's method implementations by interface. */
import type { FakeImpls } from './common.js';
import { unknownImpls } from './common.js';
import { propImpls } from './prop.js';
import { folderImpls } from './container.js';
import { attachImpls, messageImpls } from './message.js';
import { storeImpls } from './store.js';
import { tableImpls } from './table.js';
import { streamImpls } from './stream.js';
import { sessionImpls } from './session.js';
import { abContainerImpls, addrBookImpls } from './ab.js';
import { formMgrImpls } from './forms.js';
import { profAdminImpls, providerAdminImpls, serviceAdminImpls, statusImpls } from './admin.js';

const BY_INTERFACE: Record<string, FakeImpls> = {
  IMAPISession: sessionImpls,
  IMsgStore: storeImpls,
  IMAPIFolder: folderImpls,
  IMessage: messageImpls,
  IAttach: attachImpls,
  IMAPITable: tableImpls,
  IStream: streamImpls,
  IProfAdmin: profAdminImpls,
  IMsgServiceAdmin: serviceAdminImpls,
  IProviderAdmin: providerAdminImpls,
  IMAPIStatus: statusImpls,
  IProfSect: propImpls,
  IMAPIProp: propImpls,
  IPropData: propImpls,
  IAddrBook: addrBookImpls,
  IABContainer: abContainerImpls,
  IDistList: abContainerImpls,
  IMailUser: propImpls,
  IMAPIFormMgr: formMgrImpls,
  IMAPIFormInfo: propImpls,
  IMAPIFormContainer: unknownImpls,
  IUnknown: unknownImpls,
};

/** The implementations for an interface (IUnknown's for unknown ones). */
export function implsFor(iface: string): FakeImpls {
  return BY_INTERFACE[iface] ?? unknownImpls;
}
