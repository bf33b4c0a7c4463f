import type { SPropValue } from '../props/types.js';
import { GUID } from '../props/guid.js';
import { bytesEqual } from '../props/values.js';
import { DT_MAILUSER, DT_PRIVATE_DISTLIST, MAPI_DISTLIST, MAPI_MAILUSER } from '../generated/constants.js';
import { PR_ADDRTYPE, PR_DISPLAY_NAME, PR_DISPLAY_TYPE, PR_ENTRYID, PR_OBJECT_TYPE } from '../generated/proptags.js';

/** MAPIUID of mapi-emu's creation templates (the entry IDs of a container's PR_CREATE_TEMPLATES table). */
export const MUID_MAPIEMU_AB_TEMPLATE: GUID = GUID.parse('{6D617069-656D-7500-8000-74656D706C74}');

/** PR_ADDRTYPE of personal distribution lists (as the Contacts and PAB providers write it). */
export const MAPIPDL_ADDRTYPE = 'MAPIPDL';

/**
 * The entry ID of the template for new entries of an object type: Flags(4)=0 |
 * MUID_MAPIEMU_AB_TEMPLATE(16) | object type(4, little-endian). Pass it to
 * IABContainer.createEntry; it is listed in the container's PR_CREATE_TEMPLATES table.
 * @see iabcontainer-createentry.md
 */
export function templateEntryId(objectType: typeof MAPI_MAILUSER | typeof MAPI_DISTLIST): Uint8Array {
  const out = new Uint8Array(24);
  out.set(MUID_MAPIEMU_AB_TEMPLATE.bytes, 4);
  new DataView(out.buffer).setUint32(20, objectType, true);
  return out;
}

/** The object type a template entry ID creates, or undefined when it is not one. */
export function templateType(e: Uint8Array): number | undefined {
  if (e.length !== 24 || !bytesEqual(e.subarray(4, 20), MUID_MAPIEMU_AB_TEMPLATE.bytes)) return undefined;
  const t = new DataView(e.buffer, e.byteOffset, e.byteLength).getUint32(20, true);
  return t === MAPI_MAILUSER || t === MAPI_DISTLIST ? t : undefined;
}

/** The initial properties of an entry made from a template. */
export function templateProps(objectType: number): SPropValue[] {
  return objectType === MAPI_DISTLIST
    ? [
        { ulPropTag: PR_DISPLAY_TYPE, Value: DT_PRIVATE_DISTLIST },
        { ulPropTag: PR_ADDRTYPE, Value: MAPIPDL_ADDRTYPE },
      ]
    : [
        { ulPropTag: PR_DISPLAY_TYPE, Value: DT_MAILUSER },
        { ulPropTag: PR_ADDRTYPE, Value: 'SMTP' },
      ];
}

/** Rows of the PR_CREATE_TEMPLATES table (one-off table) of a modifiable container. @see iablogon-getoneofftable.md */
export function templateRows(): SPropValue[][] {
  return [
    [
      { ulPropTag: PR_ENTRYID, Value: templateEntryId(MAPI_MAILUSER) },
      { ulPropTag: PR_DISPLAY_NAME, Value: 'Internet address' },
      { ulPropTag: PR_ADDRTYPE, Value: 'SMTP' },
      { ulPropTag: PR_DISPLAY_TYPE, Value: DT_MAILUSER },
      { ulPropTag: PR_OBJECT_TYPE, Value: MAPI_MAILUSER },
    ],
    [
      { ulPropTag: PR_ENTRYID, Value: templateEntryId(MAPI_DISTLIST) },
      { ulPropTag: PR_DISPLAY_NAME, Value: 'Personal distribution list' },
      { ulPropTag: PR_ADDRTYPE, Value: MAPIPDL_ADDRTYPE },
      { ulPropTag: PR_DISPLAY_TYPE, Value: DT_PRIVATE_DISTLIST },
      { ulPropTag: PR_OBJECT_TYPE, Value: MAPI_DISTLIST },
    ],
  ];
}
