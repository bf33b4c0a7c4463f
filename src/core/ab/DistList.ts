import type { GUID } from '../props/guid.js';
import type { IMAPIProp } from '../props/interfaces.js';
import type { ENTRYLIST, SPropValue } from '../props/types.js';
import type { TableRow } from '../table/RowSource.js';
import type { PartialResult } from '../store/interfaces.js';
import type { AbSession, LocatedContainer } from './AbSession.js';
import type { EntryOpenInfo } from './MailUser.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import { IID_IABContainer, IID_IDistList, IID_IMAPIContainer, IID_IMAPIProp } from '../generated/guids.js';
import { MAPI_DISTLIST, fnevObjectModified } from '../generated/constants.js';
import { PR_ADDRTYPE, PR_DISPLAY_NAME, PR_EMAIL_ADDRESS, PR_ENTRYID } from '../generated/proptags.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_W_PARTIAL_COMPLETION } from '../generated/scodes.js';
import { AbContainerBase } from './AbContainerBase.js';
import { ENTRY_COMPUTED_IDS, MailUser } from './MailUser.js';
import { createOneOffEntryId } from './oneOff.js';
import { templateType } from './templates.js';

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function text(props: Iterable<SPropValue>, tag: number): string | undefined {
  for (const p of props) if (PROP_ID(p.ulPropTag) === PROP_ID(tag) && typeof p.Value === 'string') return p.Value;
  return undefined;
}

/**
 * A distribution list: a container whose contents table lists its members (users, other
 * lists, one-offs, entries of other providers). With MAPI_MODIFY its own properties are
 * transacted (saveChanges); member changes (copyEntries, deleteEntries, createEntry) are
 * written at once for a saved list and with the list's first saveChanges for a new one.
 * @see idistlistimapicontainer.md
 */
export class DistList extends AbContainerBase {
  readonly interfaceName = 'IDistList';
  protected override readonly interfaceIds: readonly GUID[] = [IID_IDistList, IID_IABContainer, IID_IMAPIContainer, IID_IMAPIProp];
  protected readonly objectType = MAPI_DISTLIST;
  private members: Uint8Array[];

  constructor(
    ab: AbSession,
    private readonly info: EntryOpenInfo,
    private readonly holder: LocatedContainer | undefined,
    members: readonly Uint8Array[],
  ) {
    super(ab, info.props, info.writable);
    this.members = members.map((m) => Uint8Array.from(m));
  }

  /** The members as the handle knows them (written with a new list's saveChanges). */
  get pendingMembers(): readonly Uint8Array[] {
    return this.members;
  }

  protected override computeProp(id: number): SPropValue | undefined {
    if (id === PROP_ID(PR_ENTRYID)) return this.info.entryId ? { ulPropTag: PR_ENTRYID, Value: Uint8Array.from(this.info.entryId) } : undefined;
    return super.computeProp(id);
  }

  protected override computedIds(): number[] {
    return this.info.entryId ? [...super.computedIds(), PROP_ID(PR_ENTRYID)] : super.computedIds();
  }

  protected override commit(flags: number): Promise<void> {
    if (!this.info.save) return Promise.resolve();
    const props = [...this.values.values()].filter((p) => !ENTRY_COMPUTED_IDS.includes(PROP_ID(p.ulPropTag)));
    const id = this.info.save(props, this.info.entryId, flags);
    this.info.entryId = id;
    if (this.info.reload) this.values = this.info.reload(id);
    return Promise.resolve();
  }

  protected entries(): Map<number, SPropValue>[] {
    const out: Map<number, SPropValue>[] = [];
    for (const m of this.members) {
      try {
        out.push(this.ab.propsOf('IDistList.getContentsTable', m));
      } catch (e) {
        // A member whose provider is gone or whose entry was deleted is not listed.
        if (!(e instanceof MapiError)) throw e;
      }
    }
    return out;
  }

  protected hierarchy(): TableRow[] | undefined {
    return undefined;
  }

  /** Writes the member list now when the list exists in its provider. */
  private writeMembers(): void {
    const id = this.info.entryId;
    const h = this.holder;
    if (!id || !h?.at.logon.saveEntry) return;
    const stored = h.at.logon.entry(id);
    const props = stored ? stored.props.filter((p) => !ENTRY_COMPUTED_IDS.includes(PROP_ID(p.ulPropTag))) : [];
    h.at.logon.saveEntry(h.record.entryId, id, MAPI_DISTLIST, props, this.members);
    this.ab.notify(fnevObjectModified, id, MAPI_DISTLIST, h.record.entryId);
    this.ab.changed();
  }

  private add(e: Uint8Array): boolean {
    if (this.members.some((m) => same(m, e))) return false;
    this.members.push(Uint8Array.from(e));
    return true;
  }

  protected override create(template: Uint8Array): IMAPIProp {
    this.checkWritable('createEntry');
    const t = templateType(template);
    if (t === MAPI_DISTLIST) throw new MapiError(MAPI_E_INVALID_PARAMETER, 'IDistList.createEntry: create the list in a container, then copy it into this one');
    const base = t === undefined ? [...this.ab.propsOf('IDistList.createEntry', template).values()] : [{ ulPropTag: PR_ADDRTYPE, Value: 'SMTP' }];
    const props = new Map(base.map((p) => [PROP_ID(p.ulPropTag), p]));
    // A new member from a template becomes a one-off; an existing entry is added as itself.
    return new MailUser({
      ab: this.ab,
      entryId: null,
      props,
      writable: true,
      save: (saved) => {
        const id =
          t === undefined
            ? Uint8Array.from(template)
            : createOneOffEntryId(text(saved, PR_DISPLAY_NAME) ?? '', text(saved, PR_ADDRTYPE) ?? 'SMTP', text(saved, PR_EMAIL_ADDRESS) ?? '');
        if (this.add(id)) this.writeMembers();
        return id;
      },
    });
  }

  protected override copy(list: ENTRYLIST): PartialResult {
    this.checkWritable('copyEntries');
    let failed = false;
    let changed = false;
    for (const e of list) {
      try {
        this.ab.propsOf('IDistList.copyEntries', e);
        changed = this.add(e) || changed;
      } catch (err) {
        if (!(err instanceof MapiError)) throw err;
        failed = true;
      }
    }
    if (changed) this.writeMembers();
    return failed ? { warning: MAPI_W_PARTIAL_COMPLETION } : {};
  }

  protected override remove(list: ENTRYLIST): PartialResult {
    this.checkWritable('deleteEntries');
    let failed = false;
    for (const e of list) {
      const i = this.members.findIndex((m) => same(m, e));
      if (i < 0) failed = true;
      else this.members.splice(i, 1);
    }
    if (list.length > 0) this.writeMembers();
    return failed ? { warning: MAPI_W_PARTIAL_COMPLETION } : {};
  }
}
