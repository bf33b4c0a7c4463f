import type { GUID } from '../props/guid.js';
import type { IMAPIProp, IUnknown } from '../props/interfaces.js';
import type { ENTRYLIST, SPropValue } from '../props/types.js';
import type { TableRow } from '../table/RowSource.js';
import type { PartialResult } from '../store/interfaces.js';
import type { AbSession, LocatedContainer } from './AbSession.js';
import { isGuid } from '../props/MapiProp.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import { makeTable } from '../session/common.js';
import { tableRow } from '../table/MemoryRowSource.js';
import { IID_IMAPITable } from '../generated/guids.js';
import { MAPI_ABCONT, fnevObjectDeleted } from '../generated/constants.js';
import { PR_CREATE_TEMPLATES, PR_ENTRYID } from '../generated/proptags.js';
import { MAPI_E_NO_SUPPORT, MAPI_W_PARTIAL_COMPLETION } from '../generated/scodes.js';
import { AbContainerBase } from './AbContainerBase.js';
import { hierarchyRows } from './tables.js';
import { templateRows } from './templates.js';
import { copyEntryInto, createEntryIn } from './entries.js';

export { AbContainerBase, checkAdrList, checkEntryList, resolveIn } from './AbContainerBase.js';

/**
 * An address-book provider's container (the GAL, a PAB, an address list).
 * @see iabcontainerimapicontainer.md
 */
export class AbContainer extends AbContainerBase {
  readonly interfaceName = 'IABContainer';
  protected readonly objectType = MAPI_ABCONT;

  constructor(
    ab: AbSession,
    private readonly located: LocatedContainer,
  ) {
    // A container's own properties come from its provider and are read-only; its entries are what MAPI_MODIFY changes.
    super(ab, ab.containerProps(located), false);
  }

  /** The container's entry ID. */
  get entryId(): Uint8Array {
    return this.located.record.entryId;
  }

  protected entries(): Map<number, SPropValue>[] {
    return (this.located.at.logon.contents(this.located.record.entryId) ?? []).map((r) => this.ab.entryProps(r));
  }

  protected hierarchy(deep: boolean): TableRow[] {
    return hierarchyRows(this.ab, this.located, deep);
  }

  protected override objectPropTags(): number[] {
    return this.located.record.modifiable ? [PR_CREATE_TEMPLATES] : [];
  }

  protected override async openSubobject(tag: number, iid: GUID): Promise<IUnknown | undefined> {
    // iablogon-getoneofftable.md: PR_CREATE_TEMPLATES opened as a table lists the templates createEntry takes.
    if (PROP_ID(tag) !== PROP_ID(PR_CREATE_TEMPLATES) || !this.located.record.modifiable || !isGuid(iid) || !iid.equals(IID_IMAPITable)) return undefined;
    return makeTable(this.ab.mapi, templateRows().map((p, i) => tableRow(String(i), p)), [PR_ENTRYID], false);
  }

  private modifiable(method: string): void {
    if (!this.located.record.modifiable || !this.located.at.logon.saveEntry) throw new MapiError(MAPI_E_NO_SUPPORT, `IABContainer.${method}: the container is not modifiable`);
  }

  protected override create(template: Uint8Array, flags: number): IMAPIProp {
    this.modifiable('createEntry');
    return createEntryIn(this.ab, this.located, template, flags);
  }

  protected override copy(list: ENTRYLIST, flags: number): PartialResult {
    this.modifiable('copyEntries');
    let failed = false;
    for (const e of list) {
      try {
        copyEntryInto(this.ab, this.located, e, flags);
      } catch (err) {
        if (!(err instanceof MapiError)) throw err;
        failed = true;
      }
    }
    // iabcontainer-copyentries.md: "Return the warning MAPI_W_PARTIAL_COMPLETION only if a nonduplicate entry cannot be copied."
    return failed ? { warning: MAPI_W_PARTIAL_COMPLETION } : {};
  }

  protected override remove(list: ENTRYLIST): PartialResult {
    this.modifiable('deleteEntries');
    const logon = this.located.at.logon;
    let failed = false;
    for (const e of list) {
      const record = this.ab.providerOf(e) === this.located.at ? logon.entry(e) : undefined;
      if (!record || !logon.deleteEntry?.(this.located.record.entryId, e)) {
        failed = true;
        continue;
      }
      this.ab.notify(fnevObjectDeleted, e, record.objectType, this.located.record.entryId);
    }
    return failed ? { warning: MAPI_W_PARTIAL_COMPLETION } : {};
  }
}

/** The root container of the address book: its hierarchy table lists every provider's top containers. */
export class RootContainer extends AbContainerBase {
  readonly interfaceName = 'IABContainer';
  protected readonly objectType = MAPI_ABCONT;

  constructor(ab: AbSession) {
    super(ab, new Map([[PROP_ID(PR_ENTRYID), { ulPropTag: PR_ENTRYID, Value: new Uint8Array(0) }]]), false);
  }

  protected entries(): undefined {
    return undefined;
  }

  protected hierarchy(deep: boolean): TableRow[] {
    return hierarchyRows(this.ab, null, deep);
  }
}
