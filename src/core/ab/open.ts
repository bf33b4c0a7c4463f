import type { GUID } from '../props/guid.js';
import type { IUnknown } from '../props/interfaces.js';
import type { SPropValue } from '../props/types.js';
import type { AbSession } from './AbSession.js';
import { MapiError } from '../errors/MapiError.js';
import { checkFlags } from '../props/MapiProp.js';
import { checkInterface } from '../session/common.js';
import { IID_IABContainer, IID_IDistList, IID_IMailUser, IID_IMAPIContainer, IID_IMAPIProp } from '../generated/guids.js';
import { MAPI_BEST_ACCESS, MAPI_CACHE_ONLY, MAPI_DEFERRED_ERRORS, MAPI_DISTLIST, MAPI_MODIFY, MAPI_NO_CACHE } from '../generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NO_ACCESS } from '../generated/scodes.js';
import { AbContainer, RootContainer } from './AbContainer.js';
import { DistList } from './DistList.js';
import { MailUser } from './MailUser.js';
import { containerSaver, holderOf } from './entries.js';

/** MAPI_GAL_ONLY (iaddrbook-openentry.md: "#define MAPI_GAL_ONLY (0x00000080)"; missing from the generated headers). */
export const MAPI_GAL_ONLY = 0x00000080;

/** Flags of IAddrBook.openEntry and IABContainer.openEntry. */
export const AB_OPEN_FLAGS = MAPI_BEST_ACCESS | MAPI_CACHE_ONLY | MAPI_DEFERRED_ERRORS | MAPI_GAL_ONLY | MAPI_MODIFY | MAPI_NO_CACHE;

/**
 * Opens what an entry ID names: the root container (empty entry ID), a provider container,
 * a messaging user, a distribution list or a one-off user. Read-only unless MAPI_MODIFY (or
 * MAPI_BEST_ACCESS) is asked for and the entry's container is modifiable; MAPI_MODIFY on a
 * read-only entry answers MAPI_E_NO_ACCESS (iaddrbook-openentry.md).
 * @see iaddrbook-openentry.md
 */
export function openAbObject<T extends IUnknown>(ab: AbSession, method: string, e: unknown, iid: unknown, ulFlags: unknown): T {
  if (!(e instanceof Uint8Array)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${method}: lpEntryID must be an entry ID or null`);
  const flags = checkFlags(method, ulFlags, AB_OPEN_FLAGS);
  const l = ab.locate(method, e);
  const want = (flags & MAPI_MODIFY) !== 0;
  const best = (flags & MAPI_BEST_ACCESS) !== 0;
  const access = (canWrite: boolean): boolean => {
    if (want && !canWrite) throw new MapiError(MAPI_E_NO_ACCESS, `${method}: the entry is read-only`);
    return canWrite && (want || best);
  };
  switch (l.kind) {
    case 'root':
      checkInterface(method, iid, [IID_IABContainer, IID_IMAPIContainer, IID_IMAPIProp]);
      access(false);
      return new RootContainer(ab) as unknown as T;
    case 'container':
      checkInterface(method, iid, [IID_IABContainer, IID_IMAPIContainer, IID_IMAPIProp]);
      access(l.record.modifiable);
      return new AbContainer(ab, l) as unknown as T;
    case 'oneOff':
      checkInterface(method, iid, [IID_IMailUser, IID_IMAPIProp]);
      access(false);
      return new MailUser({ ab, entryId: l.entryId, props: new Map(l.props.map((p) => [p.ulPropTag >>> 16, p])), writable: false }) as unknown as T;
    case 'entry': {
      const holder = holderOf(ab, l.at, l.record.entryId);
      const writable = access(Boolean(holder?.record.modifiable && l.at.logon.saveEntry));
      const reload = (id: Uint8Array): Map<number, SPropValue> => {
        const r = l.at.logon.entry(id);
        return r ? ab.entryProps(r) : new Map();
      };
      if (l.record.objectType === MAPI_DISTLIST) {
        checkInterface(method, iid, [IID_IDistList, IID_IABContainer, IID_IMAPIContainer, IID_IMAPIProp]);
        let dl: DistList | undefined = undefined;
        const save = holder && writable ? containerSaver(ab, holder, MAPI_DISTLIST, 0, () => dl?.pendingMembers) : undefined;
        dl = new DistList(ab, { ab, entryId: l.record.entryId, props: ab.entryProps(l.record), writable, save, reload }, holder, l.record.members ?? []);
        return dl as unknown as T;
      }
      checkInterface(method, iid, [IID_IMailUser, IID_IMAPIProp]);
      const save = holder && writable ? containerSaver(ab, holder, l.record.objectType, 0, () => undefined) : undefined;
      return new MailUser({ ab, entryId: l.record.entryId, props: ab.entryProps(l.record), writable, save, reload }) as unknown as T;
    }
  }
}
