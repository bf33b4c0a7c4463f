import {
  findPropTags,
  propTagEntry,
  propTagMatches,
  propTagNames,
  propTagsById,
  propTypeFromName,
  propTypeName,
  type PropTagEntry,
} from '../../core/props/names.js';
import { PROP_ID, PROP_TYPE } from '../../core/props/tags.js';
import {
  columns,
  details,
  hasHexPrefix,
  hex,
  json,
  ok,
  parseArgs,
  parseHex,
  unknown,
  usageError,
  verbUsage,
  type CliResult,
  type Verb,
} from './common.js';

/** One property tag name in the verb's output. */
interface TagRow {
  name: string;
  tag: number;
  hex: string;
  type: string;
  /** exact: same tag as asked; partial: same ID, another type (MFCMAPI's terms). */
  match?: 'exact' | 'partial';
}

const row = (e: PropTagEntry, match?: 'exact' | 'partial'): TagRow => ({
  name: e.name,
  tag: e.tag,
  hex: hex(e.tag),
  type: propTypeName(PROP_TYPE(e.tag)),
  ...(match ? { match } : {}),
});

const table = (rows: readonly TagRow[]): string[] =>
  columns(
    rows.map((r) => [r.hex, r.name, r.type, r.match ?? '']),
    rows.some((r) => r.match) ? ['Tag', 'Name', 'Type', 'Match'] : ['Tag', 'Name', 'Type'],
  );

/** Reads a `--type` value: a PT_* name (aliases included) or a hex type. */
export function parseTypeOption(text: string): number | undefined {
  const named = propTypeFromName(text);
  if (named !== undefined) return named;
  const n = parseHex(text);
  return n && n.value <= 0xffff ? n.value : undefined;
}

// MrMAPI prints this for IDs with the high bit set: the 0x8000–0xFFFE range holds named
// properties in stores, and the table's names there are address book properties.
const NAMED_RANGE_NOTE = 'Note: IDs 0x8000 and above are usually named properties; these names hold for address book properties only.';

/** The answer for one full tag, reached by name (`from`) or by value. */
function describeTag(verb: string, query: string, tag: number, from: string | undefined, typeFilter: number | undefined, asJson: boolean): CliResult {
  const { exact, partial } = propTagMatches(tag);
  const { best, others } = propTagNames(tag);
  const rows = [...exact.map((e) => row(e, 'exact')), ...partial.map((e) => row(e, 'partial'))].filter(
    (r) => typeFilter === undefined || PROP_TYPE(r.tag) === typeFilter,
  );
  const id = PROP_ID(tag);
  const type = propTypeName(PROP_TYPE(tag));
  if (best === undefined) return unknown(verb, `no known name for property tag ${hex(tag)} (id ${hex(id, 4)}, ${type})`);
  if (rows.length === 0) return unknown(verb, `no name of ${from ?? hex(tag)} has type ${propTypeName(typeFilter ?? 0)}`);
  if (asJson) {
    return json({
      query,
      kind: from ? 'name' : 'tag',
      tag,
      hex: hex(tag),
      id,
      idHex: hex(id, 4),
      type,
      best,
      others,
      ...(typeFilter !== undefined ? { typeFilter: propTypeName(typeFilter) } : {}),
      matches: rows,
    });
  }
  const out = [from ? `${from} = ${hex(tag)}` : `Property tag ${hex(tag)}`];
  out.push(...details([['id', hex(id, 4)], ['type', type], ['best name', best]]));
  if (id >= 0x8000) out.push(NAMED_RANGE_NOTE);
  if (typeFilter !== undefined) out.push(`Restricted to ${propTypeName(typeFilter)}`);
  out.push('', ...table(rows));
  return ok(out);
}

function describeId(verb: string, query: string, id: number, typeFilter: number | undefined, asJson: boolean): CliResult | undefined {
  const rows = propTagsById(id)
    .filter((e) => typeFilter === undefined || PROP_TYPE(e.tag) === typeFilter)
    .map((e) => row(e));
  if (rows.length === 0) return undefined;
  if (asJson) {
    return json({ query, kind: 'id', id, idHex: hex(id, 4), ...(typeFilter !== undefined ? { typeFilter: propTypeName(typeFilter) } : {}), matches: rows });
  }
  const tags = new Set(rows.map((r) => r.tag)).size;
  const out = [`Property ID ${hex(id, 4)}: ${rows.length} name${rows.length === 1 ? '' : 's'} for ${tags} tag${tags === 1 ? '' : 's'} (best name of each tag first)`];
  if (id >= 0x8000) out.push(NAMED_RANGE_NOTE);
  out.push('', ...table(rows));
  return ok(out);
}

function search(verb: string, query: string, typeFilter: number | undefined, asJson: boolean): CliResult {
  const rows = findPropTags(query, typeFilter).map((e) => row(e));
  const typeText = typeFilter !== undefined ? ` of type ${propTypeName(typeFilter)}` : '';
  if (rows.length === 0) {
    return unknown(verb, `no property name contains "${query}"${typeText} (give a name such as PR_SUBJECT_W, a tag such as 0x0037001F or an ID such as 0x0037)`);
  }
  if (asJson) return json({ query, kind: 'search', ...(typeFilter !== undefined ? { typeFilter: propTypeName(typeFilter) } : {}), matches: rows });
  const what = query ? `Names containing "${query}"` : 'All names';
  return ok([`${what}${typeText}: ${rows.length} match${rows.length === 1 ? '' : 'es'}`, '', ...table(rows)]);
}

/**
 * `mapi tag <name | hex tag | hex id | partial name> [--type PT_...] [--json]`: every name of a
 * property tag, best first (MFCMAPI's rule), with its type and ID. Up to four hex digits are a
 * property ID and list every tag with it; five to eight are a full tag.
 * @see prop_tag.md
 */
export function runTag(args: readonly string[]): CliResult {
  const p = parseArgs(args, ['type']);
  if (typeof p === 'string') return usageError(tagVerb, p);
  if (p.help) return ok(verbUsage(tagVerb));
  if (p.positionals.length > 1) return usageError(tagVerb, `expected one property name or tag, got ${p.positionals.length} arguments`);
  const typeText = p.values.get('type');
  const typeFilter = typeText === undefined ? undefined : parseTypeOption(typeText);
  if (typeText !== undefined && typeFilter === undefined) return unknown('tag', `unknown property type "${typeText}" (run "mapi type" to list them)`);
  const query = p.positionals[0]?.trim();
  if (query === undefined || query === '') {
    if (typeFilter !== undefined) return search('tag', '', typeFilter, p.json);
    return usageError(tagVerb, 'missing property name or tag');
  }

  const entry = propTagEntry(query);
  if (entry) return describeTag('tag', query, entry.tag, entry.name, typeFilter, p.json);

  const n = parseHex(query);
  if (n) {
    // Bare hex digits that name nothing may still be part of a name ("Bcc"), so only a 0x
    // prefix makes an unknown number final.
    if (n.digits > 4) {
      if (hasHexPrefix(query) || propTagNames(n.value).best !== undefined) {
        return describeTag('tag', query, n.value, undefined, typeFilter, p.json);
      }
    } else {
      const byId = describeId('tag', query, n.value, typeFilter, p.json);
      if (byId) return byId;
      if (hasHexPrefix(query)) {
        const withType = typeFilter !== undefined ? ` and type ${propTypeName(typeFilter)}` : '';
        return unknown('tag', `no known property has ID ${hex(n.value, 4)}${withType}`);
      }
    }
  }
  return search('tag', query, typeFilter, p.json);
}

/** The `tag` verb. */
export const tagVerb: Verb = {
  name: 'tag',
  summary: 'property tag names, best first, with type and ID',
  usage: ['<name | 0xTAG | 0xID | partial name> [--type PT_...] [--json]', '--type PT_... [--json]'],
  run: runTag,
};
