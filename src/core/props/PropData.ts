import { MapiProp } from './MapiProp.js';
import type { GUID } from './guid.js';
import type { IPropData, PropAccessList } from './interfaces.js';
import type { SPropProblemArray, SPropTagArray, SPropValue } from './types.js';
import { PROP_ID, PROP_TAG, PROP_TYPE, tagHex } from './tags.js';
import { MapiError } from '../errors/MapiError.js';
import { IID_IMAPIProp, IID_IMAPIPropData } from '../generated/guids.js';
import { PT_OBJECT, PT_UNSPECIFIED } from '../generated/proptypes.js';
import { IPROP_CLEAN, IPROP_DIRTY, IPROP_READONLY, IPROP_READWRITE } from '../generated/constants.js';
import {
  MAPI_E_INTERFACE_NOT_SUPPORTED,
  MAPI_E_INVALID_PARAMETER,
  MAPI_E_INVALID_TYPE,
  MAPI_E_NO_ACCESS,
} from '../generated/scodes.js';

/** One valid access word: exactly one of READONLY/READWRITE and one of CLEAN/DIRTY (ipropdata-hrsetpropaccess.md). */
function isValidAccess(a: unknown): boolean {
  return a === (IPROP_READONLY | IPROP_CLEAN) || a === (IPROP_READONLY | IPROP_DIRTY) || a === (IPROP_READWRITE | IPROP_CLEAN) || a === (IPROP_READWRITE | IPROP_DIRTY);
}

/**
 * The IPropData that CreateIProp returns: an immediate (not transacted) in-memory property
 * object with an access level per object and per property, and a dirty flag per property.
 * It has no named properties (getIDsFromNames → MAPI_E_NO_SUPPORT), as MAPI's own does not.
 * @see ipropdataimapiprop.md
 */
export class PropData extends MapiProp implements IPropData {
  readonly interfaceName = 'IPropData';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMAPIProp, IID_IMAPIPropData];
  protected readonly objectType = 0;
  /** Access word per property identifier (IPROP_READ* | IPROP_CLEAN/DIRTY). */
  private readonly access = new Map<number, number>();
  /** Tags of properties deleted since they were last marked clean, by identifier. */
  private readonly deletedTags = new Map<number, number>();
  /** The last tag each identifier was set with, to report deleted properties. */
  private readonly lastTags = new Map<number, number>();
  /** PT_OBJECT tags added with hrAddObjProps. */
  private readonly objectTags: number[] = [];

  constructor() {
    super(new Map(), { transacted: false, writable: true });
  }

  /** PropData has no computed properties; PR_OBJECT_TYPE is not among its values either. */
  protected override computeProp(): SPropValue | undefined {
    return undefined;
  }

  protected override computedIds(): number[] {
    return [];
  }

  protected override objectPropTags(): number[] {
    return [...this.objectTags];
  }

  /** A property marked IPROP_READONLY cannot be changed or deleted. */
  protected override writeProblem(tag: number): number | undefined {
    const a = this.access.get(PROP_ID(tag));
    return a !== undefined && a & IPROP_READONLY ? MAPI_E_NO_ACCESS : undefined;
  }

  protected override touched(ids: number[]): void {
    for (const id of ids) {
      const v = this.values.get(id);
      if (v) {
        // ipropdata-hrgetpropaccess.md: a modified property reports IPROP_DIRTY only.
        this.access.set(id, IPROP_DIRTY);
        this.lastTags.set(id, v.ulPropTag);
        this.deletedTags.delete(id);
      } else {
        this.access.delete(id);
        this.deletedTags.set(id, this.lastTags.get(id) ?? PROP_TAG(PT_UNSPECIFIED, id));
      }
    }
  }

  hrSetObjAccess(ulAccess: number): Promise<void> {
    return this.invoke('hrSetObjAccess', [ulAccess], () => {
      if (ulAccess !== IPROP_READONLY && ulAccess !== IPROP_READWRITE) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'hrSetObjAccess: ulAccess must be IPROP_READONLY or IPROP_READWRITE');
      }
      this.opts = { ...this.opts, writable: ulAccess === IPROP_READWRITE };
    });
  }

  hrSetPropAccess(lpPropTagArray: SPropTagArray, rgulAccess: number[]): Promise<void> {
    return this.invoke('hrSetPropAccess', [lpPropTagArray, rgulAccess], () => {
      if (!Array.isArray(lpPropTagArray) || !Array.isArray(rgulAccess) || rgulAccess.length < lpPropTagArray.length) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'hrSetPropAccess: a tag array and one access word per tag are required');
      }
      lpPropTagArray.forEach((tag, i) => {
        if (!isValidAccess(rgulAccess[i])) {
          throw new MapiError(MAPI_E_INVALID_PARAMETER, `hrSetPropAccess: access 0x${(rgulAccess[i] ?? 0).toString(16)} for ${tagHex(tag)} must combine one of IPROP_READONLY/IPROP_READWRITE with one of IPROP_CLEAN/IPROP_DIRTY`);
        }
      });
      this.checkWritable('hrSetPropAccess');
      lpPropTagArray.forEach((tag, i) => {
        const id = PROP_ID(tag);
        // Properties the object does not have are ignored.
        if (this.values.has(id)) this.access.set(id, rgulAccess[i] as number);
        else if (this.deletedTags.has(id) && (rgulAccess[i] as number) & IPROP_CLEAN) this.deletedTags.delete(id);
      });
    });
  }

  hrGetPropAccess(lpPropTagArray: SPropTagArray | null): Promise<PropAccessList> {
    return this.invoke('hrGetPropAccess', [lpPropTagArray], () => {
      const accessOf = (id: number) => this.access.get(id) ?? IPROP_READWRITE | IPROP_CLEAN;
      if (lpPropTagArray === null || lpPropTagArray === undefined) {
        const propTags: number[] = [];
        const access: number[] = [];
        for (const [id, v] of this.values) {
          propTags.push(v.ulPropTag);
          access.push(accessOf(id));
        }
        for (const [, tag] of this.deletedTags) {
          propTags.push(tag);
          access.push(IPROP_DIRTY);
        }
        return { propTags, access };
      }
      if (!Array.isArray(lpPropTagArray)) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'hrGetPropAccess: the tag array must be an array or null');
      const propTags = lpPropTagArray.map((tag) => (this.values.has(PROP_ID(tag)) ? tag >>> 0 : 0));
      const access = lpPropTagArray.map((tag) => {
        const id = PROP_ID(tag);
        if (this.values.has(id)) return accessOf(id);
        return this.deletedTags.has(id) ? IPROP_DIRTY : 0;
      });
      return { propTags, access };
    });
  }

  hrAddObjProps(lpPropTagArray: SPropTagArray): Promise<SPropProblemArray> {
    return this.invoke('hrAddObjProps', [lpPropTagArray], () => {
      if (!Array.isArray(lpPropTagArray) || lpPropTagArray.length === 0) {
        throw new MapiError(MAPI_E_INVALID_PARAMETER, 'hrAddObjProps: a non-empty tag array is required');
      }
      const bad = lpPropTagArray.find((t) => PROP_TYPE(t) !== PT_OBJECT);
      if (bad !== undefined) throw new MapiError(MAPI_E_INVALID_TYPE, `hrAddObjProps: ${tagHex(bad)} is not of type PT_OBJECT`);
      this.checkWritable('hrAddObjProps');
      for (const t of lpPropTagArray) if (!this.objectTags.includes(t >>> 0)) this.objectTags.push(t >>> 0);
      return [];
    });
  }
}

/**
 * Creates MAPI's in-memory property object. `lpInterface` must be null or
 * IID_IMAPIPropData. The allocator arguments of the C function have no meaning in JS.
 * @see createiprop.md
 */
export function CreateIProp(lpInterface: GUID | null = null): IPropData {
  if (lpInterface && !lpInterface.equals(IID_IMAPIPropData)) {
    throw new MapiError(MAPI_E_INTERFACE_NOT_SUPPORTED, `CreateIProp: only IID_IMAPIPropData is supported, not ${lpInterface.toString()}`);
  }
  return new PropData();
}

