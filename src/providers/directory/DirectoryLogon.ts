import type { SPropValue } from '../../core/props/types.js';
import type { AbContainerRecord, AbEntryRecord, AbLogon } from '../../core/spi/ab.js';
import type { DirectoryUser, MemoryServer } from '../memory-store/MemoryServer.js';
import { muidEMSAB } from '../../core/generated/guids.js';
import { AB_SUBCONTAINERS, AB_UNMODIFIABLE, DT_GLOBAL, DT_MAILUSER, DT_NOT_SPECIFIC, MAPI_MAILUSER } from '../../core/generated/constants.js';
import {
  PR_ACCOUNT,
  PR_ADDRTYPE,
  PR_CONTAINER_FLAGS,
  PR_DISPLAY_NAME,
  PR_DISPLAY_TYPE,
  PR_EMAIL_ADDRESS,
  PR_EMS_AB_PROXY_ADDRESSES,
  PR_SEND_RICH_INFO,
  PR_SMTP_ADDRESS,
  PR_TRANSMITABLE_DISPLAY_NAME,
} from '../../core/generated/proptags.js';
import { MEMORY_SERVER_ORG } from '../memory-store/MemoryServer.js';
import { PROP_ID } from '../../core/props/tags.js';
import { AB_DT_CONTAINER, AB_DT_MAILUSER, exAbEntryId, parseExAbEntryId } from './entryIds.js';

/** X500 DN of the global address list container (Exchange's GAL has an empty DN). */
const GAL_DN = '';
/** DN of the "All Address Lists" container. */
const LISTS_DN = `${MEMORY_SERVER_ORG}/cn=All Address Lists`;
/** DN of the "All Users" address list. */
const USERS_DN = `${LISTS_DN}/cn=All Users`;

/** The GAL container's entry ID. */
export const GAL_ENTRY_ID = exAbEntryId(AB_DT_CONTAINER, GAL_DN);

/** The address-book record of a directory user: EX address type, SMTP address in PR_SMTP_ADDRESS and PR_EMS_AB_PROXY_ADDRESSES. */
export function directoryUserRecord(u: DirectoryUser): AbEntryRecord {
  const props: SPropValue[] = [
    { ulPropTag: PR_DISPLAY_NAME, Value: u.displayName },
    { ulPropTag: PR_TRANSMITABLE_DISPLAY_NAME, Value: u.displayName },
    { ulPropTag: PR_ADDRTYPE, Value: 'EX' },
    { ulPropTag: PR_EMAIL_ADDRESS, Value: u.exAddress },
    { ulPropTag: PR_SMTP_ADDRESS, Value: u.smtpAddress },
    { ulPropTag: PR_ACCOUNT, Value: u.mailbox },
    { ulPropTag: PR_DISPLAY_TYPE, Value: DT_MAILUSER },
    { ulPropTag: PR_SEND_RICH_INFO, Value: true },
    { ulPropTag: PR_EMS_AB_PROXY_ADDRESSES, Value: [`SMTP:${u.smtpAddress}`, `X500:${u.exAddress}`] },
  ];
  const ids = new Set(props.map((p) => PROP_ID(p.ulPropTag)));
  for (const p of u.props) if (!ids.has(PROP_ID(p.ulPropTag))) props.push(p);
  return { entryId: exAbEntryId(AB_DT_MAILUSER, u.exAddress), objectType: MAPI_MAILUSER, props };
}

/**
 * A logon to the read-only directory of a {@link MemoryServer} (the role the Exchange
 * address book plays): the Global Address List (DT_GLOBAL) and "All Address Lists" with
 * "All Users" below it, each listing every directory user. Entry IDs are Exchange Address
 * Book EntryIDs (MUIDEMSAB, X500 DN); users are read from the server on every call, so users
 * added later appear.
 */
export function directoryLogon(server: MemoryServer): AbLogon {
  const containers: AbContainerRecord[] = [
    { entryId: GAL_ENTRY_ID, parentId: null, modifiable: false, props: [{ ulPropTag: PR_DISPLAY_NAME, Value: 'Global Address List' }, { ulPropTag: PR_DISPLAY_TYPE, Value: DT_GLOBAL }] },
    {
      entryId: exAbEntryId(AB_DT_CONTAINER, LISTS_DN),
      parentId: null,
      modifiable: false,
      props: [
        { ulPropTag: PR_DISPLAY_NAME, Value: 'All Address Lists' },
        { ulPropTag: PR_DISPLAY_TYPE, Value: DT_NOT_SPECIFIC },
        // A folder of address lists: subcontainers, no recipients of its own.
        { ulPropTag: PR_CONTAINER_FLAGS, Value: AB_SUBCONTAINERS | AB_UNMODIFIABLE },
      ],
    },
    { entryId: exAbEntryId(AB_DT_CONTAINER, USERS_DN), parentId: exAbEntryId(AB_DT_CONTAINER, LISTS_DN), modifiable: false, props: [{ ulPropTag: PR_DISPLAY_NAME, Value: 'All Users' }, { ulPropTag: PR_DISPLAY_TYPE, Value: DT_NOT_SPECIFIC }] },
  ];
  const dnOf = (e: Uint8Array) => parseExAbEntryId(e);
  return {
    uid: muidEMSAB.bytes,
    displayName: 'Global Address List',
    containers: () => containers,
    contents(containerId) {
      const c = dnOf(containerId);
      if (!c || c.type !== AB_DT_CONTAINER) return undefined;
      if (c.dn === LISTS_DN) return [];
      if (c.dn !== GAL_DN && c.dn !== USERS_DN) return undefined;
      return server.users().map(directoryUserRecord);
    },
    entry(entryId) {
      const p = dnOf(entryId);
      if (!p || p.type !== AB_DT_MAILUSER) return undefined;
      const u = server.users().find((x) => x.exAddress.toLowerCase() === p.dn.toLowerCase());
      return u ? directoryUserRecord(u) : undefined;
    },
    // X500 DNs compare case-insensitively.
    compareEntryIds(a, b) {
      const x = dnOf(a);
      const y = dnOf(b);
      return !!x && !!y && x.type === y.type && x.dn.toLowerCase() === y.dn.toLowerCase();
    },
  };
}
