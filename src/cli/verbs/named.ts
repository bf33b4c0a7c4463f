import { findNamedProps, namedPropByName, namedPropsByLid, namedPropsByNameId, propTypeName, type NamedPropInfo } from '../../core/props/names.js';
import { columns, details, hasHexPrefix, hex, json, ok, parseArgs, parseHex, unknown, usageError, verbUsage, type CliResult, type Verb } from './common.js';
import { parseTypeOption } from './tag.js';

/** One named property in the verb's output. */
interface NamedRow {
  name: string;
  propSet: string;
  guid: string;
  kind: 'MNID_ID' | 'MNID_STRING';
  lid?: number;
  lidHex?: string;
  string?: string;
  type: string;
  area: string;
}

function namedRow(p: NamedPropInfo): NamedRow {
  const id = p.nameId;
  return {
    name: p.name,
    propSet: p.propSetName,
    guid: id.lpguid.toString(),
    ...(id.ulKind === 0 ? { kind: 'MNID_ID' as const, lid: id.lID, lidHex: hex(id.lID, 4) } : { kind: 'MNID_STRING' as const, string: id.lpwstrName }),
    type: propTypeName(p.type),
    area: p.area,
  };
}

const nameCell = (r: NamedRow) => (r.kind === 'MNID_ID' ? (r.lidHex ?? '') : JSON.stringify(r.string));

const table = (rows: readonly NamedRow[]): string[] =>
  columns(
    rows.map((r) => [nameCell(r), r.name, r.propSet, r.type, r.area]),
    ['LID', 'Name', 'Property set', 'Type', 'Area'],
  );

function listing(query: string, kind: 'lid' | 'search', title: string, rows: NamedRow[], typeFilter: number | undefined, asJson: boolean): CliResult {
  if (asJson) return json({ query, kind, ...(typeFilter !== undefined ? { typeFilter: propTypeName(typeFilter) } : {}), matches: rows });
  return ok([`${title}: ${rows.length} match${rows.length === 1 ? '' : 'es'}`, '', ...table(rows)]);
}

/**
 * `mapi named <name | lid | partial name> [--type PT_...] [--json]`: a well-known named
 * property's property set (name and GUID), LID or string name, type and area, like MrMAPI's
 * -dispid. A LID lists every named property with it, in any property set.
 * @see mapi-named-properties.md
 */
export function runNamed(args: readonly string[]): CliResult {
  const p = parseArgs(args, ['type']);
  if (typeof p === 'string') return usageError(namedVerb, p);
  if (p.help) return ok(verbUsage(namedVerb));
  if (p.positionals.length > 1) return usageError(namedVerb, `expected one named property or LID, got ${p.positionals.length} arguments`);
  const typeText = p.values.get('type');
  const typeFilter = typeText === undefined ? undefined : parseTypeOption(typeText);
  if (typeText !== undefined && typeFilter === undefined) return unknown('named', `unknown property type "${typeText}" (run "mapi type" to list them)`);
  const query = p.positionals[0]?.trim();
  if (!query) {
    if (typeFilter !== undefined) return listing('', 'search', `Named properties of type ${propTypeName(typeFilter)}`, findNamedProps('', typeFilter).map(namedRow), typeFilter, p.json);
    return usageError(namedVerb, 'missing named property or LID');
  }
  const ofType = (rows: NamedRow[]) => rows.filter((r) => typeFilter === undefined || r.type === propTypeName(typeFilter));

  const prop = namedPropByName(query);
  if (prop) {
    const r = namedRow(prop);
    const also = namedPropsByNameId(prop.nameId).filter((o) => o.name !== prop.name).map((o) => o.name);
    if (typeFilter !== undefined && ofType([r]).length === 0) return unknown('named', `${prop.name} has type ${r.type}, not ${propTypeName(typeFilter)}`);
    if (p.json) return json({ query, kind: 'name', matches: [r], also });
    return ok([
      `${r.name}: ${r.propSet} ${r.kind === 'MNID_ID' ? r.lidHex : JSON.stringify(r.string)}`,
      ...details([
        ['property set', `${r.propSet} ${r.guid}`],
        [r.kind === 'MNID_ID' ? 'LID' : 'string name', r.kind === 'MNID_ID' ? `${r.lidHex} (${r.lid})` : JSON.stringify(r.string)],
        ['kind', r.kind],
        ['type', r.type],
        ['area', r.area],
        ['also', also.join(', ')],
      ]),
    ]);
  }

  const n = parseHex(query);
  if (n) {
    const rows = ofType(namedPropsByLid(n.value).map(namedRow));
    if (rows.length > 0) return listing(query, 'lid', `LID ${hex(n.value, 4)}`, rows, typeFilter, p.json);
    if (hasHexPrefix(query)) return unknown('named', `no known named property has LID ${hex(n.value, 4)}`);
  }

  const rows = findNamedProps(query, typeFilter).map(namedRow);
  const withType = typeFilter !== undefined ? ` of type ${propTypeName(typeFilter)}` : '';
  if (rows.length === 0) return unknown('named', `no named property name contains "${query}"${withType} (give a name such as PidLidReminderSet or a LID such as 0x8503)`);
  return listing(query, 'search', `Names containing "${query}"${withType}`, rows, typeFilter, p.json);
}

/** The `named` verb. */
export const namedVerb: Verb = {
  name: 'named',
  summary: 'well-known named properties: property set, LID or string, type, area',
  usage: ['<name | 0xLID | partial name> [--type PT_...] [--json]', '--type PT_... [--json]'],
  run: runNamed,
};
