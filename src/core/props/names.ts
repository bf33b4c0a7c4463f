import { propTagTable } from '../generated/proptags.js';
import { propTypeTable, propTypeAliasTable } from '../generated/proptypes.js';
import { guidTable } from '../generated/guids.js';
import { namedPropTable } from '../generated/namedprops.js';
import { constantTable, MV_INSTANCE } from '../generated/constants.js';
import { EmulatorError } from '../errors/MapiError.js';
import { GUID } from './guid.js';
import { PROP_ID, PT_TSTRING, PT_MV_TSTRING } from './tags.js';
import type { MAPINAMEID } from './types.js';

// Name lookups over the generated tables, both ways. The indexes below are derived once from
// immutable generated data, so they are caches, not world state (DESIGN.md "No module-global
// state" is about MAPI objects).

/** One row of the property tag table: a name, its tag and MFCMAPI's sort order for the name. */
export interface PropTagEntry {
  /** The SDK / canonical name, e.g. `PR_SUBJECT_W`, `PidTagSubject`, `ptagSubject`. */
  readonly name: string;
  /** The full property tag. */
  readonly tag: number;
  /** MFCMAPI's preference for this name among the names of one tag; higher is preferred. */
  readonly sortOrder: number;
}

/** The names of a property tag: MFCMAPI's best guess, then every other match. */
export interface PropTagNames {
  /** The preferred name: the first exact match, else the first partial match. */
  best: string | undefined;
  /** The remaining exact matches, then the partial matches (same ID, another type). */
  others: string[];
}

const tagEntries: readonly PropTagEntry[] = propTagTable.map(([name, tag, sortOrder]) => ({ name, tag: tag >>> 0, sortOrder }));

let byId: Map<number, PropTagEntry[]> | undefined;
function entriesById(): Map<number, PropTagEntry[]> {
  if (!byId) {
    byId = new Map();
    for (const e of tagEntries) {
      const id = PROP_ID(e.tag);
      const list = byId.get(id);
      if (list) list.push(e);
      else byId.set(id, [e]);
    }
  }
  return byId;
}

let byLowerName: Map<string, PropTagEntry> | undefined;
let byName: Map<string, PropTagEntry> | undefined;
function nameIndexes(): { exact: Map<string, PropTagEntry>; lower: Map<string, PropTagEntry> } {
  if (!byName || !byLowerName) {
    byName = new Map();
    byLowerName = new Map();
    for (const e of tagEntries) {
      if (!byName.has(e.name)) byName.set(e.name, e);
      // MFCMAPI's LookupPropName: lstrcmpiW against the table in order, first hit wins.
      const lower = e.name.toLowerCase();
      if (!byLowerName.has(lower)) byLowerName.set(lower, e);
    }
  }
  return { exact: byName, lower: byLowerName };
}

/** wcscmp on names: UTF-16 code unit order, which JS string comparison already is. */
function wcscmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * MFCMAPI's CompareTagsSortOrder: higher sort order first, ties by name in wcscmp order.
 * Exported so callers listing names (the CLI) order them the same way.
 */
export function compareTagEntries(a: PropTagEntry, b: PropTagEntry): number {
  if (a.sortOrder !== b.sortOrder) return b.sortOrder - a.sortOrder;
  return wcscmp(a.name, b.name);
}

/** Options of {@link propTagMatches} and {@link propTagNames}. */
export interface PropTagNameOptions {
  /**
   * True (the default, as MrMAPI does) to name tags whose ID is 0x8000 or above; false for
   * objects that are not address book entries, where MFCMAPI names none of them because that
   * range holds the store's named properties.
   */
  isAB?: boolean;
}

/**
 * MFCMAPI's FindTagArrayMatches: the table entries whose tag equals `ulPropTag` ("exact") and
 * those with the same property ID but another type ("partial"), each list sorted by
 * {@link compareTagEntries}.
 *
 * Deliberate deviation: MFCMAPI reads a value without an ID (high 16 bits zero) as a bare
 * property ID. We always read a full tag, so PR_NULL (0x00000001) names itself; look up a bare
 * ID with {@link propTagsById}.
 * @see prop_tag.md
 */
export function propTagMatches(ulPropTag: number, options: PropTagNameOptions = {}): { exact: PropTagEntry[]; partial: PropTagEntry[] } {
  const tag = ulPropTag >>> 0;
  const exact: PropTagEntry[] = [];
  const partial: PropTagEntry[] = [];
  // FindTagArrayMatches: "Short circuit property IDs with the high bit set if bIsAB wasn't passed".
  if (options.isAB === false && (tag & 0x80000000) !== 0) return { exact, partial };
  for (const e of entriesById().get(PROP_ID(tag)) ?? []) (e.tag === tag ? exact : partial).push(e);
  exact.sort(compareTagEntries);
  partial.sort(compareTagEntries);
  return { exact, partial };
}

/**
 * The names of a property tag by MFCMAPI's best-name rule (PropTagToPropName): `best` is the
 * first exact match, or when there is none the first partial match; `others` holds the
 * remaining exact matches followed by the remaining partial matches.
 *
 * @example propTagNames(0x0037001F) // { best: 'PR_SUBJECT', others: ['PR_SUBJECT_W', 'PidTagSubject', 'ptagSubject', 'PR_SUBJECT_A'] }
 * @see prop_tag.md
 */
export function propTagNames(ulPropTag: number, options: PropTagNameOptions = {}): PropTagNames {
  const { exact, partial } = propTagMatches(ulPropTag, options);
  const ordered = [...exact, ...partial].map((e) => e.name);
  return { best: ordered[0], others: ordered.slice(1) };
}

/** Every table entry with property ID `id` (any type), ordered by tag, then best name first. @see prop_id.md */
export function propTagsById(id: number): PropTagEntry[] {
  const list = [...(entriesById().get(id & 0xffff) ?? [])];
  return list.sort((a, b) => a.tag - b.tag || compareTagEntries(a, b));
}

/** The table entry for an exact name (case-insensitive, exact case preferred), or undefined. */
export function propTagEntry(name: string): PropTagEntry | undefined {
  const n = name.trim();
  if (!n) return undefined;
  const { exact, lower } = nameIndexes();
  return exact.get(n) ?? lower.get(n.toLowerCase());
}

/**
 * The tag of a property name, compared case-insensitively: `PR_SUBJECT_W`, `PidTagSubject`,
 * `ptagSubject` and `pr_subject_w` all give 0x0037001F. Undefined for an unknown name.
 * @see mapping-canonical-property-names-to-mapi-names.md
 */
export function propTagFromName(name: string): number | undefined {
  return propTagEntry(name)?.tag;
}

/**
 * Table entries whose name contains `partial` (case-insensitive, MrMAPI's StrStrIW search), in
 * table order, optionally only those of one property type. An empty `partial` matches all.
 */
export function findPropTags(partial: string, ulPropType?: number): PropTagEntry[] {
  const needle = partial.trim().toLowerCase();
  return tagEntries.filter(
    (e) => e.name.toLowerCase().includes(needle) && (ulPropType === undefined || (e.tag & 0xffff) === (ulPropType & 0xffff)),
  );
}

/** Every property tag table entry, in table order. */
export function allPropTags(): readonly PropTagEntry[] {
  return tagEntries;
}

// ---- property types ---------------------------------------------------------------------

const typeNameByValue = new Map<number, string>(propTypeTable.map(([n, v]) => [v, n] as const));
let typeByLowerName: Map<string, number> | undefined;
function typeIndex(): Map<string, number> {
  if (!typeByLowerName) {
    typeByLowerName = new Map();
    for (const [n, v] of [...propTypeTable, ...propTypeAliasTable]) typeByLowerName.set(n.toLowerCase(), v);
    typeByLowerName.set('pt_tstring', PT_TSTRING);
    typeByLowerName.set('pt_mv_tstring', PT_MV_TSTRING);
  }
  return typeByLowerName;
}

/**
 * The name of a property type (`PT_UNICODE`), with ` | MV_INSTANCE` appended when that flag is
 * set (as MFCMAPI's TypeToString writes it), or the `0x1234` hex form for an unknown type.
 * @see property-types.md
 */
export function propTypeName(ulPropType: number): string {
  let t = ulPropType & 0xffff;
  let suffix = '';
  if (t & MV_INSTANCE) {
    t &= ~MV_INSTANCE;
    suffix = ' | MV_INSTANCE';
  }
  const name = typeNameByValue.get(t) ?? '0x' + t.toString(16).toUpperCase().padStart(4, '0');
  return name + suffix;
}

/** Every name of a property type: the canonical name first, then aliases (`PT_LONG`, `PT_I4`). @see property-types.md */
export function propTypeNames(ulPropType: number): string[] {
  const t = ulPropType & 0xffff;
  const canonical = typeNameByValue.get(t);
  const aliases = propTypeAliasTable.filter(([, v]) => v === t).map(([n]) => n);
  return canonical ? [canonical, ...aliases] : aliases;
}

/**
 * The value of a property type name, case-insensitive, aliases included (`PT_I4` → PT_LONG,
 * `PT_TSTRING` → PT_UNICODE), also `PT_MV_LONG | MV_INSTANCE`. Undefined when unknown.
 * @see property-types.md
 */
export function propTypeFromName(name: string): number | undefined {
  const parts = name.split('|').map((p) => p.trim().toLowerCase());
  const base = typeIndex().get(parts[0] ?? '');
  if (base === undefined) return undefined;
  if (parts.length === 1) return base;
  if (parts.length === 2 && parts[1] === 'mv_instance') return (base | MV_INSTANCE) & 0xffff;
  return undefined;
}

/** Every known property type as [canonical name, value], in table order. */
export function allPropTypes(): readonly (readonly [string, number])[] {
  return propTypeTable;
}

// ---- GUIDs ------------------------------------------------------------------------------

const guidEntries: readonly (readonly [string, GUID])[] = guidTable.map(([n, g]) => [n, GUID.parse(g)] as const);

/** The first known name of a GUID (`PS_PUBLIC_STRINGS`), or undefined. @see guid.md */
export function guidName(guid: GUID | string): string | undefined {
  return guidNames(guid)[0];
}

/** Every known name of a GUID, in table order (IID_IOlkEnum and IID_IOlkErrorUnknown share one). @see guid.md */
export function guidNames(guid: GUID | string): string[] {
  const g = typeof guid === 'string' ? GUID.tryParse(guid) : guid;
  if (!g) return [];
  return guidEntries.filter(([, v]) => v.equals(g)).map(([n]) => n);
}

/** The GUID of a name (`PSETID_Common`, case-insensitive), or undefined. @see guid.md */
export function guidFromName(name: string): GUID | undefined {
  const n = name.trim();
  const hit = guidEntries.find(([k]) => k === n) ?? guidEntries.find(([k]) => k.toLowerCase() === n.toLowerCase());
  return hit?.[1];
}

/** Known GUIDs whose name contains `partial` (case-insensitive), as [name, GUID]; empty matches all. */
export function findGuids(partial: string): (readonly [string, GUID])[] {
  const needle = partial.trim().toLowerCase();
  return guidEntries.filter(([n]) => n.toLowerCase().includes(needle));
}

// ---- named properties -------------------------------------------------------------------

/** A well-known named property (Outlook's PidLid* / LID_* / dispid* names). @see mapi-named-properties.md */
export interface NamedPropInfo {
  /** The name, e.g. `PidLidReminderSet`. */
  readonly name: string;
  /** Name of the property set GUID, e.g. `PSETID_Common`. */
  readonly propSetName: string;
  /** The MAPI name, ready for getIDsFromNames: property set GUID plus LID or string name. */
  readonly nameId: MAPINAMEID;
  /** The property type the property has (PT_BOOLEAN, ...). */
  readonly type: number;
  /** The area it belongs to in [MS-OXPROPS] ("Reminders", "Meetings", ...). */
  readonly area: string;
}

let namedEntries: NamedPropInfo[] | undefined;
function namedProps(): NamedPropInfo[] {
  if (!namedEntries) {
    namedEntries = namedPropTable.map(([name, propSetName, id, typeName, area]) => {
      const lpguid = guidFromName(propSetName);
      const type = propTypeFromName(typeName);
      // The generator checks both against the same data; a miss means the tables disagree.
      if (!lpguid || type === undefined) {
        throw new EmulatorError(`named property ${name} names an unknown ${lpguid ? typeName : propSetName}; fix data/named-props.tsv and run npm run generate`);
      }
      const nameId: MAPINAMEID = typeof id === 'number' ? { lpguid, ulKind: 0, lID: id } : { lpguid, ulKind: 1, lpwstrName: id };
      return { name, propSetName, nameId, type, area };
    });
  }
  return namedEntries;
}

/** The well-known named property of a name (case-insensitive), or undefined. @see mapi-named-properties.md */
export function namedPropByName(name: string): NamedPropInfo | undefined {
  const n = name.trim();
  return namedProps().find((p) => p.name === n) ?? namedProps().find((p) => p.name.toLowerCase() === n.toLowerCase());
}

/** Every well-known named property with numeric name (LID) `lid`, in any property set. @see mapinameid.md */
export function namedPropsByLid(lid: number): NamedPropInfo[] {
  return namedProps().filter((p) => p.nameId.ulKind === 0 && p.nameId.lID === lid);
}

/** Every name of the named property `nameId` (same set, same LID or string; strings compare case-sensitively as MAPI does). @see mapinameid.md */
export function namedPropsByNameId(nameId: MAPINAMEID): NamedPropInfo[] {
  return namedProps().filter(
    (p) =>
      p.nameId.lpguid.equals(nameId.lpguid) &&
      (p.nameId.ulKind === 0 ? nameId.ulKind === 0 && nameId.lID === p.nameId.lID : nameId.ulKind === 1 && nameId.lpwstrName === p.nameId.lpwstrName),
  );
}

/** Well-known named properties whose name contains `partial` (case-insensitive), optionally of one type. */
export function findNamedProps(partial: string, ulPropType?: number): NamedPropInfo[] {
  const needle = partial.trim().toLowerCase();
  return namedProps().filter((p) => p.name.toLowerCase().includes(needle) && (ulPropType === undefined || p.type === (ulPropType & 0xffff)));
}

// ---- other constants --------------------------------------------------------------------

/** A named constant of the generated constant table. */
export interface ConstantEntry {
  /** SDK name, e.g. `MAPI_UNICODE`. */
  readonly name: string;
  /** Its numeric value. */
  readonly value: number;
  /** Its group, e.g. `generic_flags`, `object_type`, `relop`. */
  readonly group: string;
}

/** The first name in `group` with `value` (`constantName('object_type', 5)` → `MAPI_MESSAGE`), or undefined. */
export function constantName(group: string, value: number): string | undefined {
  return constantNames(group, value)[0];
}

/** Every name in `group` with `value`, in table order. */
export function constantNames(group: string, value: number): string[] {
  const v = value >>> 0;
  return constantTable.filter(([, cv, g]) => g === group && cv >>> 0 === v).map(([n]) => n);
}

/** The constant of a name (case-insensitive, exact case preferred), or undefined. */
export function constantFromName(name: string): ConstantEntry | undefined {
  const n = name.trim();
  const hit = constantTable.find(([k]) => k === n) ?? constantTable.find(([k]) => k.toLowerCase() === n.toLowerCase());
  return hit ? { name: hit[0], value: hit[1], group: hit[2] } : undefined;
}
