/**
 * Directory entry names: the comparison that orders sibling trees and makes lookups
 * case-insensitive ([MS-CFB] 2.6.4), and the rules a name must follow (2.6.1).
 */
import { MAX_NAME_UNITS } from './constants.js';

let upperTable: Uint16Array | undefined;

// [MS-CFB] 2.6.4 footnote <3>: Windows Vista and later follow Unicode 5.0 simple case mapping
// with these exceptions (a code unit maps to the value given here instead).
const WINDOWS_EXCEPTIONS: readonly (readonly [number, number])[] = [
  [0x023a, 0x2c65],
  [0x2c65, 0x2c65],
  [0x023e, 0x2c66],
  [0x2c66, 0x2c66],
  [0x03c2, 0x03a3],
  [0x03c3, 0x03a3],
  [0x1fc3, 0x1fc3],
  [0x1fcc, 0x1fc3],
];

/**
 * JavaScript's toUpperCase is the full mapping; where it yields more than one unit the simple
 * mapping is either the unit itself or, for Greek letters with ypogegrammeni, the titlecase
 * letter 8 code points up (UnicodeData.txt simple uppercase of U+1F80..U+1FF3).
 */
function simpleUpper(unit: number): number {
  // [MS-CFB] 2.6.4: surrogates are never upper-cased (one code unit at a time).
  if (unit >= 0xd800 && unit <= 0xdfff) return unit;
  const upper = String.fromCharCode(unit).toUpperCase();
  if (upper.length === 1) return upper.charCodeAt(0);
  if ((unit >= 0x1f80 && unit <= 0x1f87) || (unit >= 0x1f90 && unit <= 0x1f97) || (unit >= 0x1fa0 && unit <= 0x1fa7)) return unit + 8;
  if (unit === 0x1fb3) return 0x1fbc;
  if (unit === 0x1ff3) return 0x1ffc;
  return unit;
}

function buildUpperTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) table[unit] = simpleUpper(unit);
  for (const [from, to] of WINDOWS_EXCEPTIONS) table[from] = to;
  return table;
}

/**
 * The upper-case form of one UTF-16 code unit under the CFB rule: simple (one-to-one) case
 * mapping, surrogates unchanged, with the Windows exceptions of [MS-CFB] 2.6.4 footnote <3>.
 */
export function cfbUpperUnit(unit: number): number {
  if (unit < 0x80) return unit >= 0x61 && unit <= 0x7a ? unit - 0x20 : unit;
  upperTable ??= buildUpperTable();
  return upperTable[unit] as number;
}

/** The key under which a name is unique among its siblings: each code unit upper-cased. */
export function cfbNameKey(name: string): string {
  let ascii = true;
  for (let i = 0; i < name.length; i++) {
    if (name.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return name.toUpperCase();
  const units = new Array<number>(name.length);
  for (let i = 0; i < name.length; i++) units[i] = cfbUpperUnit(name.charCodeAt(i));
  return String.fromCharCode(...units);
}

/**
 * Orders two sibling names as [MS-CFB] 2.6.4 does: the shorter name is less; names of equal
 * length compare code unit by code unit after upper-casing each. Returns a negative number,
 * zero (the same name for CFB, so siblings may not share it) or a positive number.
 */
export function compareCfbNames(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const d = cfbUpperUnit(a.charCodeAt(i)) - cfbUpperUnit(b.charCodeAt(i));
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Why `name` cannot name a storage or stream, or undefined when it can: [MS-CFB] 2.6.1 allows
 * 1 to 31 UTF-16 code units (plus the terminating NUL) and forbids `/`, `\`, `:` and `!`.
 */
export function cfbNameProblem(name: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'a name must not be empty';
  if (name.length > MAX_NAME_UNITS) return `a name holds at most ${MAX_NAME_UNITS} UTF-16 code units, ${JSON.stringify(name)} has ${name.length}`;
  const bad = /[/\\:!\0]/.exec(name);
  if (bad) return `${JSON.stringify(name)} contains ${JSON.stringify(bad[0])}, which [MS-CFB] 2.6.1 forbids in names`;
  return undefined;
}
