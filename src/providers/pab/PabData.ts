import type { SPropValue } from '../../core/props/types.js';
import type { AbContainerRecord, AbEntryRecord, AbLogon } from '../../core/spi/ab.js';
import { abEntryId } from '../../core/spi/ab.js';
import { MapiError } from '../../core/errors/MapiError.js';
import { bytesEqual, cloneProp } from '../../core/props/values.js';
import { DT_MODIFIABLE, MAPI_ABCONT } from '../../core/generated/constants.js';
import { PR_DISPLAY_NAME, PR_DISPLAY_TYPE } from '../../core/generated/proptags.js';
import { MAPI_E_NO_ACCESS } from '../../core/generated/scodes.js';

function data(objectType: number, n: number): Uint8Array {
  const out = new Uint8Array(8);
  const v = new DataView(out.buffer);
  v.setUint32(0, objectType, true);
  v.setUint32(4, n, true);
  return out;
}

/**
 * The data of one personal address book: one modifiable container of messaging users and
 * distribution lists, in memory. Entry IDs: Flags(4)=0 | the PAB's MAPIUID(16) | object
 * type(4) | number(4). Shared by every session of the profile (the role of a .pab file).
 */
export class PabData {
  private readonly entries = new Map<number, AbEntryRecord>();
  private readonly listeners = new Set<() => void>();
  private next = 1;
  readonly containerId: Uint8Array;
  private readonly container: AbContainerRecord;

  constructor(
    readonly uid: Uint8Array,
    readonly displayName = 'Personal Address Book',
  ) {
    this.containerId = abEntryId(uid, data(MAPI_ABCONT, 0));
    this.container = { entryId: this.containerId, parentId: null, modifiable: true, props: [{ ulPropTag: PR_DISPLAY_NAME, Value: displayName }, { ulPropTag: PR_DISPLAY_TYPE, Value: DT_MODIFIABLE }] };
  }

  private numberOf(e: Uint8Array): number | undefined {
    if (e.length !== 28 || !bytesEqual(e.subarray(4, 20), this.uid)) return undefined;
    return new DataView(e.buffer, e.byteOffset, e.byteLength).getUint32(24, true);
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  /** A logon on this data (the provider keeps no per-session state). */
  logon(): AbLogon {
    return {
      uid: this.uid,
      displayName: this.displayName,
      containers: () => [this.container],
      contents: (c) => (bytesEqual(c, this.containerId) ? [...this.entries.values()] : undefined),
      entry: (e) => {
        const n = this.numberOf(e);
        return n === undefined ? undefined : this.entries.get(n);
      },
      saveEntry: (c, e, objectType, props, members) => {
        if (!bytesEqual(c, this.containerId)) throw new MapiError(MAPI_E_NO_ACCESS, 'PAB: no such container');
        let n = e ? this.numberOf(e) : undefined;
        if (n === undefined || !this.entries.has(n)) n = this.next++;
        const entryId = abEntryId(this.uid, data(objectType, n));
        this.entries.set(n, { entryId, objectType, props: props.map(cloneProp), ...(members ? { members: members.map((m) => Uint8Array.from(m)) } : {}) });
        this.changed();
        return entryId;
      },
      deleteEntry: (c, e) => {
        const n = this.numberOf(e);
        if (!bytesEqual(c, this.containerId) || n === undefined || !this.entries.delete(n)) return false;
        this.changed();
        return true;
      },
      subscribe: (l) => {
        this.listeners.add(l);
        return () => this.listeners.delete(l);
      },
    };
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.size;
  }

  /** Every entry's properties (for tests and tools). */
  records(): readonly AbEntryRecord[] {
    return [...this.entries.values()];
  }

  /** Adds an entry directly (fixtures). */
  add(objectType: number, props: readonly SPropValue[], members?: readonly Uint8Array[]): Uint8Array {
    const save = this.logon().saveEntry!;
    return save(this.containerId, null, objectType, props, members);
  }
}
