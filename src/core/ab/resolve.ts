import type { ADRENTRY, SPropValue } from '../props/types.js';
import { PROP_ID, PROP_TYPE, PROP_TAG, stringTagFor, isStringType } from '../props/tags.js';
import { cloneProp } from '../props/values.js';
import { PT_ERROR } from '../generated/proptypes.js';
import {
  PR_ACCOUNT,
  PR_ADDRTYPE,
  PR_DISPLAY_NAME,
  PR_DISPLAY_TYPE,
  PR_EMAIL_ADDRESS,
  PR_ENTRYID,
  PR_GIVEN_NAME,
  PR_OBJECT_TYPE,
  PR_SEARCH_KEY,
  PR_SMTP_ADDRESS,
  PR_SURNAME,
  PR_TRANSMITABLE_DISPLAY_NAME,
} from '../generated/proptags.js';
import { MAPI_E_NOT_FOUND } from '../generated/scodes.js';

/** The outcome of matching one name against a container's entries. */
export type MatchResult<T> = { kind: 'resolved'; entry: T } | { kind: 'ambiguous' } | { kind: 'unresolved' };

function text(props: ReadonlyMap<number, SPropValue>, tag: number): string | undefined {
  const v = props.get(PROP_ID(tag))?.Value;
  return typeof v === 'string' && v !== '' ? v.toLowerCase() : undefined;
}

/** The display name an unresolved ADRENTRY carries (PR_DISPLAY_NAME in either string type), or undefined. */
export function nameOf(entry: ADRENTRY): string | undefined {
  const p = entry.rgPropVals.find((v) => PROP_ID(v.ulPropTag) === PROP_ID(PR_DISPLAY_NAME) && isStringType(PROP_TYPE(v.ulPropTag)));
  return typeof p?.Value === 'string' ? p.Value : undefined;
}

/** True when an ADRENTRY has a PR_ENTRYID (is resolved). */
export function hasEntryId(entry: ADRENTRY): boolean {
  return entry.rgPropVals.some((v) => v.ulPropTag === PR_ENTRYID && v.Value instanceof Uint8Array);
}

/**
 * Matches a name against entries the way mapi-emu's containers resolve names (an
 * ambiguous-name-resolution in the spirit of PR_ANR, pidtaganr-canonical-property.md):
 * 1. `TYPE:address` matches the entries with that PR_ADDRTYPE and PR_EMAIL_ADDRESS (or, for
 *    SMTP, PR_SMTP_ADDRESS);
 * 2. otherwise exact (case-insensitive) matches of PR_DISPLAY_NAME, PR_EMAIL_ADDRESS,
 *    PR_SMTP_ADDRESS or PR_ACCOUNT win;
 * 3. otherwise prefix matches of PR_DISPLAY_NAME (or any of its words), PR_GIVEN_NAME,
 *    PR_SURNAME, PR_ACCOUNT or PR_SMTP_ADDRESS.
 * One match resolves; several are ambiguous (iabcontainer-resolvenames.md: "When a recipient
 * matches multiple recipients, set its flag to MAPI_AMBIGUOUS").
 */
export function matchName<T>(name: string, entries: readonly T[], propsOf: (e: T) => ReadonlyMap<number, SPropValue>): MatchResult<T> {
  const n = name.trim().toLowerCase();
  if (n === '') return { kind: 'unresolved' };
  const pick = (list: T[]): MatchResult<T> | undefined => (list.length === 1 ? { kind: 'resolved', entry: list[0]! } : list.length > 1 ? { kind: 'ambiguous' } : undefined);
  const typed = /^([a-z0-9-]+):(.+)$/i.exec(name.trim());
  if (typed) {
    const type = typed[1]!.toLowerCase();
    const addr = typed[2]!.toLowerCase();
    const hits = entries.filter((e) => {
      const p = propsOf(e);
      if (text(p, PR_ADDRTYPE) === type && text(p, PR_EMAIL_ADDRESS) === addr) return true;
      return type === 'smtp' && text(p, PR_SMTP_ADDRESS) === addr;
    });
    const r = pick(hits);
    if (r) return r;
  }
  const exact = entries.filter((e) => {
    const p = propsOf(e);
    return [PR_DISPLAY_NAME, PR_EMAIL_ADDRESS, PR_SMTP_ADDRESS, PR_ACCOUNT].some((t) => text(p, t) === n);
  });
  const r = pick(exact);
  if (r) return r;
  const prefix = entries.filter((e) => {
    const p = propsOf(e);
    const dn = text(p, PR_DISPLAY_NAME);
    if (dn && (dn.startsWith(n) || dn.split(/[\s,]+/).some((w) => w.startsWith(n)))) return true;
    return [PR_GIVEN_NAME, PR_SURNAME, PR_ACCOUNT, PR_SMTP_ADDRESS].some((t) => text(p, t)?.startsWith(n));
  });
  return pick(prefix) ?? { kind: 'unresolved' };
}

/** The properties a resolved recipient gets when the caller asks for none (iabcontainer-resolvenames.md "Notes to implementers"). */
export const DEFAULT_RESOLVE_TAGS: readonly number[] = [
  PR_ENTRYID,
  PR_DISPLAY_NAME,
  PR_ADDRTYPE,
  PR_EMAIL_ADDRESS,
  PR_DISPLAY_TYPE,
  PR_OBJECT_TYPE,
  PR_SEARCH_KEY,
  PR_TRANSMITABLE_DISPLAY_NAME,
];

/**
 * The value of `tag` from `source` with the tag's string type, or a PT_ERROR MAPI_E_NOT_FOUND
 * value (iaddrbook-preparerecips.md: properties the provider does not handle "will be set to PT_ERROR").
 */
export function valueFor(tag: number, source: ReadonlyMap<number, SPropValue>): SPropValue {
  const id = PROP_ID(tag);
  let v = source.get(id);
  // PR_TRANSMITABLE_DISPLAY_NAME defaults to the display name.
  if (!v && id === PROP_ID(PR_TRANSMITABLE_DISPLAY_NAME)) v = source.get(PROP_ID(PR_DISPLAY_NAME));
  if (!v) return { ulPropTag: PROP_TAG(PT_ERROR, id), Value: MAPI_E_NOT_FOUND >>> 0 };
  if (isStringType(PROP_TYPE(tag)) && isStringType(PROP_TYPE(v.ulPropTag))) return { ulPropTag: tag, Value: v.Value };
  if (PROP_TYPE(tag) !== PROP_TYPE(v.ulPropTag)) return { ulPropTag: PROP_TAG(PT_ERROR, id), Value: MAPI_E_NOT_FOUND >>> 0 };
  return cloneProp(v);
}

/**
 * Rewrites an ADRENTRY in place: the requested properties from `source` first (strings as
 * PT_UNICODE with `unicode`, else PT_STRING8, for the default set), then the entry's own
 * properties not among them (PR_RECIPIENT_TYPE and the like survive resolution).
 */
export function fillEntry(entry: ADRENTRY, tags: readonly number[] | null, source: ReadonlyMap<number, SPropValue>, unicode: boolean): void {
  const wanted = tags ?? DEFAULT_RESOLVE_TAGS.map((t) => (isStringType(PROP_TYPE(t)) ? stringTagFor(t, unicode) : t));
  const out = wanted.map((t) => valueFor(t, source));
  const ids = new Set(out.map((p) => PROP_ID(p.ulPropTag)));
  for (const p of entry.rgPropVals) if (!ids.has(PROP_ID(p.ulPropTag))) out.push(p);
  entry.rgPropVals = out;
}
