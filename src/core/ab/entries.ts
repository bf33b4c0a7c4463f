import type { IMAPIProp } from '../props/interfaces.js';
import type { SPropValue } from '../props/types.js';
import type { AbEntryRecord } from '../spi/ab.js';
import type { AbProviderLogon, AbSession, LocatedContainer } from './AbSession.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID } from '../props/tags.js';
import { CREATE_CHECK_DUP_LOOSE, CREATE_CHECK_DUP_STRICT, CREATE_REPLACE, MAPI_DISTLIST, MAPI_MAILUSER, fnevObjectModified } from '../generated/constants.js';
import { PR_DISPLAY_NAME, PR_EMAIL_ADDRESS } from '../generated/proptags.js';
import { MAPI_E_COLLISION, MAPI_E_INVALID_ENTRYID, MAPI_E_NO_SUPPORT } from '../generated/scodes.js';
import { ENTRY_COMPUTED_IDS, MailUser, type EntrySaver } from './MailUser.js';
import { DistList } from './DistList.js';
import { templateProps, templateType } from './templates.js';

function text(props: Iterable<SPropValue>, tag: number): string {
  for (const p of props) if (PROP_ID(p.ulPropTag) === PROP_ID(tag) && typeof p.Value === 'string') return p.Value.toLowerCase();
  return '';
}

/** The modifiable container of a provider that holds an entry, or undefined. */
export function holderOf(ab: AbSession, at: AbProviderLogon, entryId: Uint8Array): LocatedContainer | undefined {
  return ab.containers().find((c) => c.at === at && (c.at.logon.contents(c.record.entryId) ?? []).some((r) => ab.same(at, r.entryId, entryId)));
}

/**
 * The duplicate of `props` in a container under CREATE_CHECK_DUP_LOOSE (same display name)
 * or CREATE_CHECK_DUP_STRICT (same display name and address); mapi-emu's reading of the
 * provider-specific rule iabcontainer-createentry.md describes.
 */
function duplicateOf(c: LocatedContainer, props: readonly SPropValue[], flags: number, self: Uint8Array | null): AbEntryRecord | undefined {
  if (!(flags & (CREATE_CHECK_DUP_LOOSE | CREATE_CHECK_DUP_STRICT))) return undefined;
  const name = text(props, PR_DISPLAY_NAME);
  const addr = text(props, PR_EMAIL_ADDRESS);
  return (c.at.logon.contents(c.record.entryId) ?? []).find((r) => {
    if (self && r.entryId.length === self.length && r.entryId.every((b, i) => b === self[i])) return false;
    if (text(r.props, PR_DISPLAY_NAME) !== name) return false;
    return flags & CREATE_CHECK_DUP_STRICT ? text(r.props, PR_EMAIL_ADDRESS) === addr : true;
  });
}

/** How entries of a container are written: duplicate checks, the provider's saveEntry, notifications. */
export function containerSaver(ab: AbSession, c: LocatedContainer, objectType: number, flags: number, members: () => readonly Uint8Array[] | undefined): EntrySaver {
  return (props, entryId) => {
    const save = c.at.logon.saveEntry;
    if (!save) throw new MapiError(MAPI_E_NO_SUPPORT, 'saveChanges: the container is not modifiable');
    let target = entryId;
    if (!target) {
      const dup = duplicateOf(c, props, flags, null);
      // iabcontainer-createentry.md: duplicate errors such as MAPI_E_COLLISION come from SaveChanges.
      if (dup && !(flags & CREATE_REPLACE)) throw new MapiError(MAPI_E_COLLISION, 'saveChanges: the container already holds this entry (CREATE_CHECK_DUP_*)');
      if (dup) target = dup.entryId;
    }
    const id = save.call(c.at.logon, c.record.entryId, target, objectType, props, objectType === MAPI_DISTLIST ? members() ?? [] : undefined);
    if (target) ab.notify(fnevObjectModified, id, objectType, c.record.entryId);
    ab.changed();
    return id;
  };
}

/** Properties and members of an entry to copy (computed properties left out). */
function sourceOf(ab: AbSession, template: Uint8Array): { objectType: number; props: SPropValue[]; members: Uint8Array[] } {
  const t = templateType(template);
  if (t !== undefined) return { objectType: t, props: templateProps(t), members: [] };
  const l = ab.locate('createEntry', template);
  if (l.kind === 'root' || l.kind === 'container') throw new MapiError(MAPI_E_INVALID_ENTRYID, 'createEntry: a container is not a template');
  const props = [...(l.kind === 'oneOff' ? l.props : ab.entryProps(l.record).values())].filter((p) => !ENTRY_COMPUTED_IDS.includes(PROP_ID(p.ulPropTag)));
  const objectType = l.kind === 'entry' ? l.record.objectType : MAPI_MAILUSER;
  return { objectType, props, members: l.kind === 'entry' ? [...(l.record.members ?? [])].map((m) => Uint8Array.from(m)) : [] };
}

/**
 * A new entry in a modifiable container, from a template ID (PR_CREATE_TEMPLATES) or an
 * existing entry to copy; it exists once saveChanges succeeds.
 * @see iabcontainer-createentry.md
 */
export function createEntryIn(ab: AbSession, c: LocatedContainer, template: Uint8Array, flags: number): IMAPIProp {
  const src = sourceOf(ab, template);
  const props = new Map(src.props.map((p) => [PROP_ID(p.ulPropTag), p]));
  const reload = (id: Uint8Array) => {
    const r = c.at.logon.entry(id);
    return r ? ab.entryProps(r) : new Map<number, SPropValue>();
  };
  if (src.objectType === MAPI_DISTLIST) {
    const dl: DistList = new DistList(ab, { ab, entryId: null, props, writable: true, save: containerSaver(ab, c, MAPI_DISTLIST, flags, () => dl.pendingMembers), reload }, c, src.members);
    return dl;
  }
  return new MailUser({ ab, entryId: null, props, writable: true, save: containerSaver(ab, c, MAPI_MAILUSER, flags, () => undefined), reload });
}

/** CopyEntries of one entry: createEntry + setProps + saveChanges (iabcontainer-copyentries.md). A duplicate skipped without CREATE_REPLACE is not an error. */
export function copyEntryInto(ab: AbSession, c: LocatedContainer, e: Uint8Array, flags: number): void {
  const src = sourceOf(ab, e);
  const dup = duplicateOf(c, src.props, flags, null);
  // "If CREATE_REPLACE is not set and CREATE_CHECK_DUP_STRICT is set ... do not copy the entry."
  if (dup && !(flags & CREATE_REPLACE)) return;
  containerSaver(ab, c, src.objectType, flags & ~(CREATE_CHECK_DUP_LOOSE | CREATE_CHECK_DUP_STRICT), () => src.members)(src.props, dup ? dup.entryId : null, flags);
}
