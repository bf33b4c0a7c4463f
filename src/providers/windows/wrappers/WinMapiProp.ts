/**
 * IMAPIProp over a native object (MAPI-ABI-x64.md §3.1 IMAPIProp): the base of the store,
 * folder, message, attachment, status and profile-section wrappers.
 * @see imapipropiunknown.md
 */
import type { GUID } from '../../../core/props/guid.js';
import type { IMAPIProgress, IMAPIProp, IUnknown, NamesFromIDs } from '../../../core/props/interfaces.js';
import type { MAPIERROR, MAPINAMEID, SPropProblemArray, SPropTagArray, SPropValue } from '../../../core/props/types.js';
import { MapiError } from '../../../core/errors/MapiError.js';
import { IID_IMAPIProp, IID_IUnknown } from '../../../core/generated/guids.js';
import { MAPI_E_INVALID_PARAMETER } from '../../../core/generated/scodes.js';
import type { Pointer } from '../abi/memory.js';
import { readPropArray } from '../abi/propValue.js';
import { readProblemArray, readTagArray } from '../abi/arrays.js';
import { readMapiError } from '../abi/misc.js';
import { readNameIdPointers } from '../abi/nameid.js';
import { IMAPIProp_VTBL } from '../com/vtables.js';
import type { InterfaceLayout } from '../com/layoutTypes.js';
import { checkHr } from '../com/hresult.js';
import type { WinRuntime } from './WinRuntime.js';
import { WinUnknown, nativePointerOf, u32, unicode } from './WinUnknown.js';

/** IMAPIProp: properties of a native MAPI object. */
export class WinMapiProp extends WinUnknown implements IMAPIProp {
  readonly interfaceName: string;

  constructor(rt: WinRuntime, ptr: Pointer, layout: InterfaceLayout = IMAPIProp_VTBL, interfaceName = 'IMAPIProp') {
    super(rt, ptr, layout);
    this.interfaceName = interfaceName;
  }

  protected override baseInterfaces(): readonly GUID[] {
    return [IID_IUnknown, IID_IMAPIProp];
  }

  protected rewrap(ptr: Pointer): WinUnknown {
    return new WinMapiProp(this.rt, ptr, this.layout, this.interfaceName);
  }

  /** Frees a MAPI buffer the callee returned. */
  protected freeBuffer(p: Pointer | null): void {
    this.rt.alloc.freeBuffer(p);
  }

  /** The native pointer of a progress object for the call (release with {@link endProgress}), or NULL. */
  protected beginProgress(p: IMAPIProgress | null | undefined): Pointer | null {
    return p ? this.rt.progress.create(p) : null;
  }

  /** Releases the backend's reference on a progress object. */
  protected endProgress(p: Pointer | null): void {
    this.rt.progress.release(p);
  }

  /** The native pointer of a destination object, which must be a wrapper of this backend. */
  protected destination(x: unknown, method: string, what = 'lpDestObj'): Pointer {
    const p = nativePointerOf(x);
    if (p === null) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${this.interfaceName}.${method}: ${what} must be an object opened through the same Windows MAPI backend`);
    return p;
  }

  /** @see imapiprop-getlasterror.md */
  getLastError(hResult: number, ulFlags = 0): Promise<MAPIERROR | null> {
    return this.run('getLastError', () => {
      const { out } = this.hrOut('GetLastError', 1, (c) => [hResult | 0, unicode(ulFlags), c(0)]);
      const p = out.ptr(0);
      if (p === null) return null;
      try {
        return readMapiError(this.rt.mem, p, true, this.rt.codePage);
      } finally {
        this.freeBuffer(p);
      }
    });
  }

  /** @see imapiprop-savechanges.md */
  saveChanges(ulFlags = 0): Promise<void> {
    return this.run('saveChanges', () => {
      this.hr('SaveChanges', u32(ulFlags));
    });
  }

  /** MAPI_W_ERRORS_RETURNED leaves PT_ERROR entries in place. @see imapiprop-getprops.md */
  getProps(lpPropTagArray: SPropTagArray | null, ulFlags = 0): Promise<SPropValue[]> {
    return this.run('getProps', () => {
      const a = this.args();
      const tags = a.tags(lpPropTagArray);
      try {
        const { out } = this.hrOut('GetProps', 2, (c) => [a.p(tags), u32(ulFlags), c(0), c(1)]);
        const p = out.ptr(1);
        try {
          return readPropArray(this.rt.mem, p, out.u32(0), this.rt.codePage);
        } finally {
          this.freeBuffer(p);
        }
      } finally {
        a.free();
      }
    });
  }

  /** @see imapiprop-getproplist.md */
  getPropList(ulFlags = 0): Promise<SPropTagArray> {
    return this.run('getPropList', () => {
      const { out } = this.hrOut('GetPropList', 1, (c) => [u32(ulFlags), c(0)]);
      const p = out.ptr(0);
      try {
        return p === null ? [] : readTagArray(this.rt.mem, p);
      } finally {
        this.freeBuffer(p);
      }
    });
  }

  /** @see imapiprop-openproperty.md */
  openProperty<T extends IUnknown = IUnknown>(ulPropTag: number, lpiid: GUID, ulInterfaceOptions: number, ulFlags: number): Promise<T> {
    return this.run('openProperty', () => {
      const a = this.args();
      const iid = a.guid(lpiid);
      try {
        const { out } = this.hrOut('OpenProperty', 1, (c) => [u32(ulPropTag), a.p(iid), u32(ulInterfaceOptions), u32(ulFlags), c(0)]);
        return this.wrapOut<T>(out.ptr(0), { iid: lpiid, fallback: 'IUnknown' }, 'openProperty');
      } finally {
        a.free();
      }
    });
  }

  /** Resolves to the problems (empty when none). @see imapiprop-setprops.md */
  setProps(lpPropArray: SPropValue[]): Promise<SPropProblemArray> {
    return this.run('setProps', () => {
      if (!Array.isArray(lpPropArray)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${this.interfaceName}.setProps: lpPropArray must be an array`);
      const a = this.args();
      const props = a.props(lpPropArray);
      try {
        const { out } = this.hrOut('SetProps', 1, (c) => [lpPropArray.length, a.p(props), c(0)]);
        return this.problems(out.ptr(0));
      } finally {
        a.free();
      }
    });
  }

  /** Reads and frees a problem array. */
  protected problems(p: Pointer | null): SPropProblemArray {
    try {
      return readProblemArray(this.rt.mem, p);
    } finally {
      this.freeBuffer(p);
    }
  }

  /** @see imapiprop-deleteprops.md */
  deleteProps(lpPropTagArray: SPropTagArray): Promise<SPropProblemArray> {
    return this.run('deleteProps', () => {
      const a = this.args();
      const tags = a.tags(lpPropTagArray);
      try {
        const { out } = this.hrOut('DeleteProps', 1, (c) => [a.p(tags), c(0)]);
        return this.problems(out.ptr(0));
      } finally {
        a.free();
      }
    });
  }

  /** @see imapiprop-copyto.md */
  copyTo(
    rgiidExclude: GUID[] | null,
    lpExcludeProps: SPropTagArray | null,
    lpProgress: IMAPIProgress | null,
    lpInterface: GUID,
    lpDestObj: IMAPIProp,
    ulFlags: number,
  ): Promise<SPropProblemArray> {
    return this.run('copyTo', () => {
      const dest = this.destination(lpDestObj, 'copyTo');
      const a = this.args();
      const iids = a.guids(rgiidExclude);
      const ex = a.tags(lpExcludeProps);
      const iid = a.guid(lpInterface);
      const prog = this.beginProgress(lpProgress);
      try {
        const { out } = this.hrOut('CopyTo', 1, (c) => [(rgiidExclude ?? []).length, a.p(iids), a.p(ex), 0n, prog, a.p(iid), dest, u32(ulFlags), c(0)]);
        return this.problems(out.ptr(0));
      } finally {
        this.endProgress(prog);
        a.free();
      }
    });
  }

  /** @see imapiprop-copyprops.md */
  copyProps(lpIncludeProps: SPropTagArray, lpProgress: IMAPIProgress | null, lpInterface: GUID, lpDestObj: IMAPIProp, ulFlags: number): Promise<SPropProblemArray> {
    return this.run('copyProps', () => {
      const dest = this.destination(lpDestObj, 'copyProps');
      const a = this.args();
      const inc = a.tags(lpIncludeProps);
      const iid = a.guid(lpInterface);
      const prog = this.beginProgress(lpProgress);
      try {
        const { out } = this.hrOut('CopyProps', 1, (c) => [a.p(inc), 0n, prog, a.p(iid), dest, u32(ulFlags), c(0)]);
        return this.problems(out.ptr(0));
      } finally {
        this.endProgress(prog);
        a.free();
      }
    });
  }

  /**
   * `*lppPropTags` in/out: our array (stays ours) or NULL (MAPI returns one we free).
   * @see imapiprop-getnamesfromids.md
   */
  getNamesFromIDs(lpPropTags: SPropTagArray | null, lpPropSetGuid: GUID | null, ulFlags: number): Promise<NamesFromIDs> {
    return this.run('getNamesFromIDs', () => {
      const a = this.args();
      const tags = a.tags(lpPropTags);
      const g = a.guid(lpPropSetGuid);
      a.commit();
      const mine = a.p(tags);
      const f = this.rt.frame(3);
      try {
        this.rt.mem.writePtr(f.cell(0), 0, mine);
        const hr = this.raw('GetNamesFromIDs', f.cell(0), a.p(g), u32(ulFlags), f.cell(1), f.cell(2));
        const tagsOut = f.ptr(0);
        const count = f.u32(1);
        const names = f.ptr(2);
        const theirs = tagsOut !== mine ? tagsOut : null;
        try {
          checkHr(hr, `${this.interfaceName}::GetNamesFromIDs`, (h) => this.lastErrorText(h));
          const propTags = tagsOut === null ? [] : readTagArray(this.rt.mem, tagsOut);
          return { propTags, names: readNameIdPointers(this.rt.mem, names, count) };
        } finally {
          this.freeBuffer(theirs);
          this.freeBuffer(names);
        }
      } finally {
        f.dispose();
        a.free();
      }
    });
  }

  /** @see imapiprop-getidsfromnames.md */
  getIDsFromNames(lpPropNames: MAPINAMEID[] | null, ulFlags: number): Promise<SPropTagArray> {
    return this.run('getIDsFromNames', () => {
      const a = this.args();
      const names = lpPropNames === null ? -1 : a.nameIds(lpPropNames);
      try {
        const { out } = this.hrOut('GetIDsFromNames', 1, (c) => [(lpPropNames ?? []).length, a.p(names), u32(ulFlags), c(0)]);
        const p = out.ptr(0);
        try {
          return p === null ? [] : readTagArray(this.rt.mem, p);
        } finally {
          this.freeBuffer(p);
        }
      } finally {
        a.free();
      }
    });
  }
}
