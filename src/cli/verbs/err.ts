import { scodeTable } from '../../core/generated/scodes.js';
import { FAILED, scodeFromName, scodeName, scodeNames, scodeText } from '../../core/errors/MapiError.js';
import { columns, details, hasHexPrefix, hex, json, ok, parseArgs, parseHex, unknown, usageError, verbUsage, type CliResult, type Verb } from './common.js';

// winerror.h facility codes that MAPI programs meet.
const facilityNames: Readonly<Record<number, string>> = {
  0: 'FACILITY_NULL',
  1: 'FACILITY_RPC',
  2: 'FACILITY_DISPATCH',
  3: 'FACILITY_STORAGE',
  4: 'FACILITY_ITF',
  7: 'FACILITY_WIN32',
  8: 'FACILITY_WINDOWS',
  9: 'FACILITY_SECURITY',
  10: 'FACILITY_CONTROL',
  11: 'FACILITY_CERT',
  12: 'FACILITY_INTERNET',
};

/** One status code in the verb's output. */
interface ScodeRow {
  name: string;
  names: string[];
  value: number;
  hex: string;
  signed: number;
  text: string;
  severity: 'error' | 'success';
  facility: number;
  facilityName: string | undefined;
  code: number;
}

function scodeRow(value: number, name?: string): ScodeRow {
  const v = value >>> 0;
  const facility = (v >>> 16) & 0x1fff;
  return {
    name: name ?? scodeName(v),
    names: scodeNames(v),
    value: v,
    hex: hex(v),
    signed: v | 0,
    // scodeText derives the text from the name and knows no "S_" prefix.
    text: scodeText(v),
    severity: FAILED(v) ? 'error' : 'success',
    facility,
    facilityName: facilityNames[facility],
    code: v & 0xffff,
  };
}

function describe(query: string, r: ScodeRow, kind: 'name' | 'value', asJson: boolean): CliResult {
  if (asJson) return json({ query, kind, matches: [r] });
  const others = r.names.filter((n) => n !== r.name);
  return ok([
    `${r.name} = ${r.hex} (${r.signed})`,
    ...details([
      ['also', others.join(', ')],
      ['text', r.text],
      ['severity', r.severity],
      ['facility', `${r.facilityName ?? 'unknown facility'} (${r.facility})`],
      ['code', `${hex(r.code, 4)} (${r.code})`],
    ]),
  ]);
}

/** Reads an scode: hex with or without 0x (MrMAPI's default), or a negative decimal HRESULT. */
function parseScode(text: string): number | undefined {
  if (/^-\d+$/.test(text)) {
    const n = Number(text);
    return n >= -0x80000000 ? n >>> 0 : undefined;
  }
  return parseHex(text)?.value;
}

/**
 * `mapi err <hex | name | partial name> [--json]`: the name(s), value and meaning of a MAPI
 * status code (scode / HRESULT), like MrMAPI's -error.
 * @see mapi-constants.md
 */
export function runErr(args: readonly string[]): CliResult {
  const p = parseArgs(args);
  if (typeof p === 'string') return usageError(errVerb, p);
  if (p.help) return ok(verbUsage(errVerb));
  if (p.positionals.length !== 1) {
    return usageError(errVerb, p.positionals.length === 0 ? 'missing status code or name' : `expected one status code, got ${p.positionals.length} arguments`);
  }
  const query = (p.positionals[0] as string).trim();

  const byName = scodeFromName(query);
  if (byName !== undefined) {
    const name = scodeTable.find(([n]) => n.toUpperCase() === query.toUpperCase())?.[0];
    return describe(query, scodeRow(byName, name), 'name', p.json);
  }

  const value = parseScode(query);
  if (value !== undefined) {
    if (scodeNames(value).length > 0) return describe(query, scodeRow(value), 'value', p.json);
    if (hasHexPrefix(query) || /^-\d+$/.test(query)) {
      const r = scodeRow(value);
      return unknown('err', `no known status code ${r.hex} (${r.severity}, ${r.facilityName ?? `facility ${r.facility}`}, code ${hex(r.code, 4)})`);
    }
  }

  const needle = query.toLowerCase();
  const rows = scodeTable.filter(([n]) => n.toLowerCase().includes(needle)).map(([n, v]) => scodeRow(v, n));
  if (rows.length === 0) return unknown('err', `no status code name contains "${query}" (give a value such as 0x8004010F or a name such as MAPI_E_NOT_FOUND)`);
  if (p.json) return json({ query, kind: 'search', matches: rows });
  return ok([
    `Names containing "${query}": ${rows.length} match${rows.length === 1 ? '' : 'es'}`,
    '',
    ...columns(rows.map((r) => [r.hex, r.name, r.text]), ['Value', 'Name', 'Text']),
  ]);
}

/** The `err` verb. */
export const errVerb: Verb = {
  name: 'err',
  summary: 'status code (scode / HRESULT) names, value and meaning',
  usage: ['<0xSCODE | -decimal | name | partial name> [--json]'],
  run: runErr,
};
