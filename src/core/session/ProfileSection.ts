import { MapiProp } from '../props/MapiProp.js';
import type { GUID } from '../props/guid.js';
import type { SPropTagArray, SPropValue } from '../props/types.js';
import { PROP_ID, PROP_TAG } from '../props/tags.js';
import { IID_IMAPIProp, IID_IProfSect } from '../generated/guids.js';
import { MAPI_PROFSECT } from '../generated/constants.js';
import { PR_PROFILE_NAME, PR_PROVIDER_UID, PR_SERVICE_UID } from '../generated/proptags.js';
import { PT_UNSPECIFIED } from '../generated/proptypes.js';
import { MAPI_E_COMPUTED, MAPI_E_UNEXPECTED_ID } from '../generated/scodes.js';
import type { Profile, Section } from './Profile.js';

/** iprofsectimapiprop.md: identifiers 0x67F0 to 0x67FF are secure properties. */
const SECURE_FIRST = 0x67f0;
const SECURE_LAST = 0x67ff;

function isSecure(id: number): boolean {
  return id >= SECURE_FIRST && id <= SECURE_LAST;
}

/**
 * A profile section (IProfSect): an immediate IMAPIProp over one section of a profile.
 * Changes apply at once and saveChanges does nothing; named properties are not supported;
 * secure properties (0x67F0–0x67FF) are only returned when asked for by identifier;
 * PR_PROFILE_NAME and PR_OBJECT_TYPE are computed.
 * @see iprofsectimapiprop.md
 */
export class ProfileSection extends MapiProp {
  readonly interfaceName = 'IProfSect';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMAPIProp, IID_IProfSect];
  protected readonly objectType = MAPI_PROFSECT;

  constructor(
    private readonly profile: Profile,
    section: Section,
    writable: boolean,
    codePage: number,
  ) {
    super(section, { transacted: false, writable, namedProps: null, codePage: () => codePage });
  }

  protected override computeProp(id: number): SPropValue | undefined {
    // iprofsectimapiprop.md: PR_PROFILE_NAME is a required, read-only property of every section.
    if (id === PROP_ID(PR_PROFILE_NAME)) return { ulPropTag: PR_PROFILE_NAME, Value: this.profile.name };
    return super.computeProp(id);
  }

  protected override computedIds(): number[] {
    return [...super.computedIds(), PROP_ID(PR_PROFILE_NAME)];
  }

  protected override writeProblem(tag: number): number | undefined {
    const id = PROP_ID(tag);
    // iprofsectimapiprop.md: identifiers above 0x8000 come back as PT_ERROR (no named properties).
    if (id >= 0x8000) return MAPI_E_UNEXPECTED_ID;
    // pidtagserviceuid-canonical-property.md: PR_SERVICE_UID is computed by MAPI on profile sections.
    if ((id === PROP_ID(PR_SERVICE_UID) || id === PROP_ID(PR_PROVIDER_UID)) && this.values.has(id)) return MAPI_E_COMPUTED;
    return super.writeProblem(tag);
  }

  protected override onChanged(): void {
    this.profile.changed();
  }

  override getProps(lpPropTagArray: SPropTagArray | null, ulFlags = 0): Promise<SPropValue[]> {
    // iprofsectimapiprop.md: secure properties are not returned when lpPropTagArray is NULL.
    if (lpPropTagArray === null || lpPropTagArray === undefined) {
      const ids = new Set<number>([...this.values.keys()].filter((id) => !isSecure(id)));
      for (const id of this.computedIds()) ids.add(id);
      return super.getProps(
        [...ids].sort((a, b) => a - b).map((id) => PROP_TAG(PT_UNSPECIFIED, id)),
        ulFlags,
      );
    }
    return super.getProps(lpPropTagArray, ulFlags);
  }

  override async getPropList(ulFlags = 0): Promise<SPropTagArray> {
    // iprofsectimapiprop.md: nor are they listed by GetPropList.
    const tags = await super.getPropList(ulFlags);
    return tags.filter((t) => !isSecure(PROP_ID(t)));
  }
}
