import { MV_FLAG, MV_INSTANCE } from '../../core/generated/constants.js';
import { allPropTypes, propTypeFromName, propTypeName, propTypeNames } from '../../core/props/names.js';
import { baseType } from '../../core/props/tags.js';
import { columns, details, hex, json, ok, parseArgs, parseHex, unknown, usageError, verbUsage, type CliResult, type Verb } from './common.js';

// DESIGN.md "Values": the one lossless JS type of each property type.
const jsValueTypes: Readonly<Record<string, string>> = {
  PT_UNSPECIFIED: 'null',
  PT_NULL: 'null',
  PT_I2: 'number',
  PT_LONG: 'number',
  PT_R4: 'number',
  PT_DOUBLE: 'number',
  PT_APPTIME: 'number',
  PT_CURRENCY: 'bigint',
  PT_I8: 'bigint',
  PT_ERROR: 'number (scode)',
  PT_BOOLEAN: 'boolean',
  PT_OBJECT: 'null',
  PT_STRING8: 'string',
  PT_UNICODE: 'string',
  PT_SYSTIME: 'FILETIME',
  PT_CLSID: 'GUID',
  PT_SVREID: 'Uint8Array',
  PT_BINARY: 'Uint8Array',
  PT_SRESTRICTION: 'SRestriction',
  PT_ACTIONS: 'ACTIONS',
};

/** The JS type of a property type's values, per DESIGN.md; undefined when it has none. */
function jsValueType(ulPropType: number): string | undefined {
  const single = jsValueTypes[propTypeName(baseType(ulPropType))];
  if (single === undefined) return undefined;
  return ulPropType & MV_FLAG ? `${single.replace(/ \(.*\)$/, '')}[]` : single;
}

/**
 * `mapi type [PT_... | hex] [--json]`: a property type's name, value, aliases, its single- or
 * multi-valued counterpart and the JS type of its values; without an argument, every type.
 * @see property-types.md
 */
export function runType(args: readonly string[]): CliResult {
  const p = parseArgs(args);
  if (typeof p === 'string') return usageError(typeVerb, p);
  if (p.help) return ok(verbUsage(typeVerb));
  if (p.positionals.length > 1) return usageError(typeVerb, `expected one property type, got ${p.positionals.length} arguments`);
  const query = p.positionals[0]?.trim();

  if (!query) {
    const types = allPropTypes();
    if (p.json) return json({ query: '', kind: 'all', matches: types.map(([name, value]) => ({ name, value, hex: hex(value, 4) })) });
    return ok([
      ...columns(types.map(([name, value]) => [name, hex(value, 4), String(value)]), ['Type', 'Hex', 'Decimal']),
      '',
      `Types may also carry MV_INSTANCE (${hex(MV_INSTANCE, 4)}) in table columns.`,
    ]);
  }

  const named = propTypeFromName(query);
  const numeric = named === undefined ? parseHex(query) : undefined;
  const value = named ?? (numeric && numeric.value <= 0xffff ? numeric.value : undefined);
  if (value === undefined) return unknown('type', `unknown property type "${query}" (give a name such as PT_UNICODE or a value such as 0x001F; "mapi type" lists them)`);
  const name = propTypeName(value);
  if (name.startsWith('0x')) return unknown('type', `${hex(value, 4)} is not a known property type`);

  const base = baseType(value);
  const isMv = (value & MV_FLAG) !== 0;
  const counterpart = isMv ? base : (base | MV_FLAG) & 0xffff;
  const counterpartName = propTypeName(counterpart);
  const known = !counterpartName.startsWith('0x');
  const aliases = propTypeNames(value & ~MV_INSTANCE).slice(1);
  const js = jsValueType(value);
  if (p.json) {
    return json({
      query,
      name,
      value,
      hex: hex(value, 4),
      aliases,
      multiValued: isMv,
      mvInstance: (value & MV_INSTANCE) !== 0,
      ...(known ? { [isMv ? 'singleValued' : 'multiValuedType']: counterpartName } : {}),
      ...(js ? { jsValue: js } : {}),
    });
  }
  return ok([
    `${name} = ${hex(value, 4)} (${value})`,
    ...details([
      ['aliases', aliases.join(', ')],
      [isMv ? 'single-valued' : 'multi-valued', known ? `${counterpartName} = ${hex(counterpart, 4)}` : ''],
      ['JS value', js ?? ''],
    ]),
  ]);
}

/** The `type` verb. */
export const typeVerb: Verb = {
  name: 'type',
  summary: 'property type names and values; no argument lists all',
  usage: ['[PT_... | 0xTYPE] [--json]'],
  run: runType,
};
