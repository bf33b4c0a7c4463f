import type { GUID } from '../props/guid.js';
import type { SPropValue } from '../props/types.js';
import type { AbSession } from './AbSession.js';
import type { IMailUser } from './interfaces.js';
import { MapiProp } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import { IID_IMailUser, IID_IMAPIProp } from '../generated/guids.js';
import { MAPI_MAILUSER } from '../generated/constants.js';
import { PR_ENTRYID, PR_OBJECT_TYPE, PR_RECORD_KEY, PR_SEARCH_KEY } from '../generated/proptags.js';
import { MAPI_E_INVALID_OBJECT } from '../generated/scodes.js';

/** Writes a new or changed entry; returns its entry ID (the provider's saveEntry, or a list's member list). */
export type EntrySaver = (props: SPropValue[], entryId: Uint8Array | null, flags: number) => Uint8Array;

/** How an address-book entry object was opened. */
export interface EntryOpenInfo {
  readonly ab: AbSession;
  /** The entry's entry ID; null for a new entry until saveChanges. */
  entryId: Uint8Array | null;
  /** Its properties (the object's own copy). */
  readonly props: Map<number, SPropValue>;
  /** True with MAPI_MODIFY on an entry of a modifiable container (or a new entry): transacted. */
  readonly writable: boolean;
  /** How saveChanges writes (writable objects). */
  readonly save?: EntrySaver;
  /** Re-reads the entry after a save. */
  readonly reload?: (entryId: Uint8Array) => Map<number, SPropValue>;
}

/** Identifiers the core computes; never written to a provider. */
export const ENTRY_COMPUTED_IDS = [PROP_ID(PR_ENTRYID), PROP_ID(PR_OBJECT_TYPE), PROP_ID(PR_RECORD_KEY), PROP_ID(PR_SEARCH_KEY)];

/** Calls on an address-book object after the session ended answer MAPI_E_INVALID_OBJECT. */
export function liveInvoke(ab: AbSession, name: string, method: string): void {
  if (ab.ended) throw new MapiError(MAPI_E_INVALID_OBJECT, `${name}.${method}: the session has logged off`);
}

/**
 * A messaging user of an address book (or a one-off): its properties, read-only unless opened
 * with MAPI_MODIFY in a modifiable container, then transacted (saveChanges writes to the provider).
 * @see imailuserimapiprop.md
 */
export class MailUser extends MapiProp implements IMailUser {
  readonly interfaceName: string = 'IMailUser';
  protected readonly interfaceIds: readonly GUID[] = [IID_IMailUser, IID_IMAPIProp];
  protected readonly objectType: number = MAPI_MAILUSER;

  constructor(protected readonly info: EntryOpenInfo) {
    super(info.props, { transacted: info.writable, writable: info.writable, codePage: () => info.ab.mapi.codePage });
    this.interceptor = info.ab.mapi.gate;
  }

  /** The entry ID (null for a new entry not saved yet). */
  get entryId(): Uint8Array | null {
    return this.info.entryId;
  }

  protected override invoke<T>(method: string, args: readonly unknown[], impl: () => Promise<T> | T): Promise<T> {
    return super.invoke(method, args, () => {
      liveInvoke(this.info.ab, this.interfaceName, method);
      return impl();
    });
  }

  protected override computeProp(id: number): SPropValue | undefined {
    if (id === PROP_ID(PR_ENTRYID)) return this.info.entryId ? { ulPropTag: PR_ENTRYID, Value: Uint8Array.from(this.info.entryId) } : undefined;
    return super.computeProp(id);
  }

  protected override computedIds(): number[] {
    return this.info.entryId ? [...super.computedIds(), PROP_ID(PR_ENTRYID)] : super.computedIds();
  }

  /** Properties to write: the stored ones except those the core computes. */
  protected propsToSave(): SPropValue[] {
    return [...this.values.values()].filter((p) => !ENTRY_COMPUTED_IDS.includes(PROP_ID(p.ulPropTag)));
  }

  protected override commit(flags: number): Promise<void> {
    if (!this.info.save) return Promise.resolve();
    const id = this.info.save(this.propsToSave(), this.info.entryId, flags);
    this.info.entryId = id;
    if (this.info.reload) this.values = this.info.reload(id);
    return Promise.resolve();
  }
}
