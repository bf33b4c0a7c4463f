import { GUID } from '../../core/props/guid.js';
import { findGuids, guidFromName, guidNames } from '../../core/props/names.js';
import { columns, details, json, ok, parseArgs, unknown, usageError, verbUsage, type CliResult, type Verb } from './common.js';

/** The 16 bytes of a GUID as stored in MAPI structures (Data1..Data3 little-endian), in hex. */
function memoryHex(g: GUID): string {
  return Buffer.from(g.bytes).toString('hex').toUpperCase();
}

/** Reads the registry form (braces optional) or 32 hex digits in memory order. */
function parseGuid(text: string): GUID | undefined {
  const g = GUID.tryParse(text);
  if (g) return g;
  const m = /^(?:0x)?([0-9a-f]{32})$/i.exec(text.trim());
  return m?.[1] ? new GUID(Uint8Array.from(Buffer.from(m[1], 'hex'))) : undefined;
}

function describe(query: string, kind: 'name' | 'guid', g: GUID, names: string[], asJson: boolean): CliResult {
  if (asJson) return json({ query, kind, guid: g.toString(), bytes: memoryHex(g), names });
  const [first, ...others] = names;
  return ok([`${first} = ${g.toString()}`, ...details([['also', others.join(', ')], ['bytes', memoryHex(g)]])]);
}

/**
 * `mapi guid [name | {GUID} | partial name] [--json]`: a GUID's name(s) or a name's GUID;
 * without an argument, every known GUID (MrMAPI's -guid).
 * @see guid.md
 */
export function runGuid(args: readonly string[]): CliResult {
  const p = parseArgs(args);
  if (typeof p === 'string') return usageError(guidVerb, p);
  if (p.help) return ok(verbUsage(guidVerb));
  if (p.positionals.length > 1) return usageError(guidVerb, `expected one GUID or name, got ${p.positionals.length} arguments`);
  const query = (p.positionals[0] ?? '').trim();

  if (query) {
    const byName = guidFromName(query);
    if (byName) {
      const names = guidNames(byName);
      const asked = names.find((n) => n.toLowerCase() === query.toLowerCase()) ?? query;
      return describe(query, 'name', byName, [asked, ...names.filter((n) => n !== asked)], p.json);
    }
    const g = parseGuid(query);
    if (g) {
      const names = guidNames(g);
      if (names.length === 0) return unknown('guid', `no known name for ${g.toString()}`);
      return describe(query, 'guid', g, names, p.json);
    }
  }

  const rows = findGuids(query);
  if (rows.length === 0) return unknown('guid', `no GUID name contains "${query}" (give a name such as PSETID_Common or a GUID such as {00062008-0000-0000-C000-000000000046})`);
  if (p.json) return json({ query, kind: query ? 'search' : 'all', matches: rows.map(([name, g]) => ({ name, guid: g.toString() })) });
  const title = query ? `Names containing "${query}"` : 'Known GUIDs';
  return ok([
    `${title}: ${rows.length} match${rows.length === 1 ? '' : 'es'}`,
    '',
    ...columns(rows.map(([name, g]) => [g.toString(), name]), ['GUID', 'Name']),
  ]);
}

/** The `guid` verb. */
export const guidVerb: Verb = {
  name: 'guid',
  summary: 'GUID names (property sets, interfaces) both ways; no argument lists all',
  usage: ['[name | {GUID} | partial name] [--json]'],
  run: runGuid,
};
