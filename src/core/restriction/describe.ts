import { FILETIME } from '../props/filetime.js';
import { GUID } from '../props/guid.js';
import { propTagMatches, propTypeName } from '../props/names.js';
import { tagHex } from '../props/tags.js';
import {
  MV_FLAG,
  MV_INSTANCE,
  RES_AND,
  RES_OR,
  RES_NOT,
  RES_CONTENT,
  RES_PROPERTY,
  RES_COMPAREPROPS,
  RES_BITMASK,
  RES_SIZE,
  RES_EXIST,
  RES_SUBRESTRICTION,
  RES_COMMENT,
  RES_COUNT,
  RES_ANNOTATION,
  RELOP_LT,
  RELOP_LE,
  RELOP_GT,
  RELOP_GE,
  RELOP_EQ,
  RELOP_NE,
  RELOP_RE,
  RELOP_MEMBER_OF_DL,
  BMR_EQZ,
  FL_SUBSTRING,
  FL_PREFIX,
  FL_FULLSTRING,
  FL_IGNORECASE,
  FL_IGNORENONSPACE,
  FL_LOOSE,
} from '../generated/constants.js';

// Readable one-line form of a restriction for error messages and test output. Total: it
// describes malformed input too (an error message may be about exactly that), and stops at
// cycles and at great depth.

const RELOPS = new Map<number, string>([
  [RELOP_LT, '<'], [RELOP_LE, '<='], [RELOP_GT, '>'], [RELOP_GE, '>='], [RELOP_EQ, '=='], [RELOP_NE, '!='],
  [RELOP_RE, 'LIKE'], [RELOP_MEMBER_OF_DL, 'MEMBER_OF_DL'],
]);
const FUZZY_FLAGS: [number, string][] = [[FL_IGNORECASE, 'IGNORECASE'], [FL_IGNORENONSPACE, 'IGNORENONSPACE'], [FL_LOOSE, 'LOOSE']];
const MAX_DEPTH = 64;

/**
 * The name of a property tag: its best name from the tag table (names.ts) when one has this
 * exact tag, else a name of the identifier with the type spelled out (`PR_SUBJECT:PT_LONG`),
 * else the hex tag. Identifiers from 0x8000 (named properties of a store) are shown in hex.
 * MVI tags read `MVI(PR_KEYWORDS)`.
 * @see prop_tag.md
 */
export function describePropTag(ulPropTag: unknown): string {
  if (typeof ulPropTag !== 'number') return '<no tag>';
  const tag = ulPropTag >>> 0;
  if ((tag & (MV_FLAG | MV_INSTANCE)) === (MV_FLAG | MV_INSTANCE)) return `MVI(${describePropTag((tag & ~MV_INSTANCE) >>> 0)})`;
  const { exact, partial } = propTagMatches(tag, { isAB: false });
  if (exact[0]) return exact[0].name;
  if (partial[0]) return `${partial[0].name}:${propTypeName(tag & 0xffff)}`;
  return tagHex(tag);
}

/** A property value as a literal: strings quoted, binaries `<0A0B>`, times in ISO form, MV values in brackets. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Uint8Array) return `<${Array.from(value, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('')}>`;
  if (value instanceof FILETIME) return value.toISOString();
  if (value instanceof GUID) return value.toString();
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (typeof value === 'object' && 'rt' in value) return '{restriction}';
  return '?';
}

function propValue(p: unknown): string {
  return typeof p === 'object' && p !== null ? describeValue((p as { Value?: unknown }).Value) : '<no value>';
}

function relop(r: unknown): string {
  return typeof r === 'number' ? (RELOPS.get(r >>> 0) ?? `RELOP(${r})`) : 'RELOP(?)';
}

function fuzzy(level: unknown): string {
  if (typeof level !== 'number') return 'CONTENT(?)';
  const low = level & 0xffff;
  const kind = low === FL_SUBSTRING ? 'CONTAINS' : low === FL_PREFIX ? 'STARTSWITH' : low === FL_FULLSTRING ? 'IS' : `CONTENT(0x${low.toString(16)})`;
  const flags = FUZZY_FLAGS.filter(([f]) => (level & f) !== 0).map(([, n]) => n);
  const other = (level >>> 16) & ~((FL_IGNORECASE | FL_IGNORENONSPACE | FL_LOOSE) >>> 16);
  if (other !== 0) flags.push(`0x${(other << 16 >>> 0).toString(16)}`);
  return flags.length > 0 ? `${kind}[${flags.join(',')}]` : kind;
}

function describe(res: unknown, ancestors: Set<object>): string {
  if (typeof res !== 'object' || res === null || Array.isArray(res)) return '<invalid>';
  if (ancestors.has(res)) return '<cycle>';
  if (ancestors.size >= MAX_DEPTH) return '…';
  ancestors.add(res);
  try {
    return describeNode(res as Record<string, unknown>, (r) => describe(r, ancestors));
  } finally {
    ancestors.delete(res);
  }
}

/** A sub-restriction wrapped in parentheses unless it already is (AND, OR). */
function group(text: string): string {
  return text.startsWith('(') && text.endsWith(')') ? text : `(${text})`;
}

function describeNode(r: Record<string, unknown>, sub: (r: unknown) => string): string {
  switch (r['rt']) {
    case RES_AND:
    case RES_OR: {
      const op = r['rt'] === RES_AND ? 'AND' : 'OR';
      const children = Array.isArray(r['lpRes']) ? (r['lpRes'] as unknown[]) : [];
      return children.length === 0 ? `(${op})` : `(${children.map(sub).join(` ${op} `)})`;
    }
    case RES_NOT:
      return `NOT ${group(sub(r['lpRes']))}`;
    case RES_CONTENT:
      return `${describePropTag(r['ulPropTag'])} ${fuzzy(r['ulFuzzyLevel'])} ${propValue(r['lpProp'])}`;
    case RES_PROPERTY:
      return `${describePropTag(r['ulPropTag'])} ${relop(r['relop'])} ${propValue(r['lpProp'])}`;
    case RES_COMPAREPROPS:
      return `${describePropTag(r['ulPropTag1'])} ${relop(r['relop'])} ${describePropTag(r['ulPropTag2'])}`;
    case RES_BITMASK:
      return `${describePropTag(r['ulPropTag'])} & 0x${((r['ulMask'] as number) >>> 0).toString(16)} ${r['relBMR'] === BMR_EQZ ? '==' : '!='} 0`;
    case RES_SIZE:
      return `SIZE(${describePropTag(r['ulPropTag'])}) ${relop(r['relop'])} ${String(r['cb'])}`;
    case RES_EXIST:
      return `EXISTS(${describePropTag(r['ulPropTag'])})`;
    case RES_SUBRESTRICTION:
      return `ANY ${describePropTag(r['ulSubObject'])} ${group(sub(r['lpRes']))}`;
    case RES_COMMENT:
    case RES_ANNOTATION: {
      const kind = r['rt'] === RES_COMMENT ? 'COMMENT' : 'ANNOTATION';
      const count = Array.isArray(r['lpProp']) ? r['lpProp'].length : 0;
      const inner = r['lpRes'] === null || r['lpRes'] === undefined ? 'TRUE' : group(sub(r['lpRes']));
      return `${kind}[${count}] ${inner}`;
    }
    case RES_COUNT:
      return `FIRST ${String(r['ulCount'])} ${group(sub(r['lpRes']))}`;
    default:
      return `<rt ${String(r['rt'])}>`;
  }
}

/**
 * A readable one-line form of a restriction, for error messages and test output, e.g.
 * `(PR_SUBJECT CONTAINS[IGNORECASE] "hi" AND PR_MESSAGE_FLAGS & 0x1 == 0)`.
 * Operators: `< <= > >= == !=`, `LIKE` (RELOP_RE), `MEMBER_OF_DL`; content matches `IS`
 * (FL_FULLSTRING), `CONTAINS` (FL_SUBSTRING), `STARTSWITH` (FL_PREFIX) with the fuzzy flags in
 * brackets; `SIZE(tag)`, `EXISTS(tag)`, `ANY PR_MESSAGE_RECIPIENTS (...)`, `FIRST n (...)`
 * (RES_COUNT), `COMMENT[n] (...)`. Malformed parts print as `<invalid>` instead of throwing.
 * @see srestriction.md
 */
export function describeRestriction(res: unknown): string {
  return describe(res, new Set());
}
