import { readAs } from '../props/convert.js';
import { PROP_TYPE } from '../props/tags.js';
import type { SPropValue } from '../props/types.js';
import { FPropCompareProp, prepareCompare } from '../props/util/compare.js';
import { prepareContains } from '../props/util/contains.js';
import { cstr } from '../props/util/common.js';
import { UlPropSize } from '../props/util/size.js';
import { BMR_NEZ, FL_FULLSTRING, FL_PREFIX, FL_SUBSTRING, MV_FLAG, RELOP_MEMBER_OF_DL, RELOP_RE } from '../generated/constants.js';
import {
  PT_I2,
  PT_LONG,
  PT_R4,
  PT_DOUBLE,
  PT_CURRENCY,
  PT_APPTIME,
  PT_BOOLEAN,
  PT_I8,
  PT_STRING8,
  PT_UNICODE,
  PT_SYSTIME,
  PT_CLSID,
  PT_BINARY,
  PT_OBJECT,
} from '../generated/proptypes.js';
import { noteTag, tooComplex, typeName, type CompileContext, type Predicate } from './context.js';
import { elementsReader, isInstanceType, sameTypeFamily, valueReader, withoutInstance, type ElementsReader, type ValueReader } from './read.js';
import type {
  SBitMaskRestriction,
  SComparePropsRestriction,
  SContentRestriction,
  SExistRestriction,
  SPropertyRestriction,
  SSizeRestriction,
} from './types.js';

// Compilers of the restrictions that read properties. Each checks its node once, throwing
// MAPI_E_TOO_COMPLEX where the reference says a table does, and returns a closure that only
// reads and compares. Values are compared by FPropCompareProp / FPropContainsProp alone.

// Types with an order LPropCompareProp defines (PT_NULL, PT_OBJECT, PT_UNSPECIFIED have none;
// PT_ERROR values are never read, as getProps turns them into absent properties).
const ORDERED = new Set<number>([
  PT_I2, PT_LONG, PT_R4, PT_DOUBLE, PT_CURRENCY, PT_APPTIME, PT_BOOLEAN, PT_I8, PT_STRING8, PT_UNICODE, PT_SYSTIME, PT_CLSID, PT_BINARY,
]);
const STRINGS = new Set<number>([PT_STRING8, PT_UNICODE]);
// scontentrestriction.md: content restrictions search PT_STRING8 (PT_UNICODE, see
// FPropContainsProp) and PT_BINARY values.
const SEARCHABLE = new Set<number>([PT_STRING8, PT_UNICODE, PT_BINARY]);

/** The shape of a restriction's property tag. */
interface Column {
  /** The type without MV_INSTANCE. */
  readonly type: number;
  /** The single-valued base type. */
  readonly base: number;
  /** MV_FLAG is set. */
  readonly mv: boolean;
  /** MV_FLAG | MV_INSTANCE (MVI_FLAG) is set: the column's values are tested one by one. */
  readonly instance: boolean;
}

function column(ulPropTag: number): Column {
  const type = withoutInstance(PROP_TYPE(ulPropTag));
  return { type, base: type & ~MV_FLAG, mv: (type & MV_FLAG) !== 0, instance: isInstanceType(PROP_TYPE(ulPropTag)) };
}

/** A predicate that holds when the value read holds `test` (FALSE when absent). */
function single(read: ValueReader, test: (v: SPropValue) => boolean): Predicate {
  return (row) => {
    const v = read(row);
    return v !== undefined && test(v);
  };
}

/** A predicate that holds when any of the values read holds `test` (FALSE when absent or empty). */
function anyOf(read: ElementsReader, test: (v: SPropValue) => boolean): Predicate {
  return (row) => {
    const values = read(row);
    if (values === undefined) return false;
    for (const v of values) if (test(v)) return true;
    return false;
  };
}

/** The test of one value against another for a relop: FPropCompareProp, or the address book's DL membership. */
function relation(res: SPropertyRestriction | SComparePropsRestriction, base: number, ctx: CompileContext): (a: SPropValue, b: SPropValue) => boolean {
  const { relop } = res;
  if (relop === RELOP_MEMBER_OF_DL) {
    // [MS-OXCDATA] 2.12.5.1: TRUE if the property value (an address book EntryID) is in the DL
    // membership of the given value (a distribution list's EntryID). Needs the address book.
    const member = ctx.isMemberOfDL;
    if (member === undefined) throw tooComplex(res, 'RELOP_MEMBER_OF_DL needs an address book');
    if (base !== PT_BINARY) throw tooComplex(res, 'RELOP_MEMBER_OF_DL compares entry identifiers (PT_BINARY)');
    return (a, b) => member(a.Value as Uint8Array, b.Value as Uint8Array);
  }
  // spropertyrestriction.md: RELOP_RE compares "LIKE (regular expression)" values: strings only.
  if (relop === RELOP_RE && !STRINGS.has(base)) throw tooComplex(res, `RELOP_RE matches strings, not ${typeName(base)}`);
  return (a, b) => FPropCompareProp(a, relop, b);
}

/**
 * RES_PROPERTY: (property value) relop (constant). The constant's type must be the property's
 * (PT_STRING8 and PT_UNICODE convert into each other as getProps does); an MV tag with a
 * single-valued constant matches when any value does; an MV tag with an MV constant compares
 * the whole arrays as ordered tuples; an MVI tag takes a single-valued constant only.
 * @see spropertyrestriction.md
 */
export function compileProperty(res: SPropertyRestriction, ctx: CompileContext): Predicate {
  const { ulPropTag, lpProp } = res;
  const col = column(ulPropTag);
  const constType = PROP_TYPE(lpProp.ulPropTag);
  noteTag(ctx, ulPropTag);
  if (!ORDERED.has(col.base)) throw tooComplex(res, `${typeName(ulPropTag)} values have no order`);
  if ((constType & MV_FLAG) !== 0) {
    // imapitable-restrict.md: an MV property without MVI_FLAG "is treated as a totally ordered
    // tuple"; working-with-multivalued-columns.md: an MVI column takes a single value.
    if (!col.mv || col.instance) throw tooComplex(res, `a ${typeName(constType)} constant cannot be compared with ${typeName(ulPropTag)}`);
    if (!sameTypeFamily(constType, col.type)) throw tooComplex(res, `the constant's type ${typeName(constType)} differs from the property's ${typeName(ulPropTag)}`);
    if (res.relop === RELOP_RE || res.relop === RELOP_MEMBER_OF_DL) throw tooComplex(res, 'a multi-valued constant takes RELOP_LT..RELOP_NE only');
    const whole = readAs(lpProp, col.type, true, ctx.codePage) as SPropValue;
    const read = valueReader(ulPropTag, ctx.codePage);
    return single(read, (v) => FPropCompareProp(v, res.relop, whole));
  }
  // spropertyrestriction.md: "The two property types must match, or else the error value
  // MAPI_E_TOO_COMPLEX is returned"; a multi-valued tag takes its base type.
  if (!sameTypeFamily(constType, col.base)) throw tooComplex(res, `the constant's type ${typeName(constType)} differs from the property's ${typeName(ulPropTag)}`);
  const constant = readAs(lpProp, col.base, true, ctx.codePage) as SPropValue;
  const rel = relation(res, col.base, ctx);
  if (res.relop === RELOP_RE) {
    // FPropCompareProp would answer FALSE for every row; a pattern that cannot compile is the
    // caller's mistake, reported once here.
    try {
      new RegExp(cstr(constant.Value as string));
    } catch {
      throw tooComplex(res, 'the RELOP_RE pattern is not a valid regular expression');
    }
  }
  // FPropCompareProp against a fixed constant, prepared once (prepareCompare is its body).
  const test = res.relop === RELOP_MEMBER_OF_DL ? (v: SPropValue) => rel(v, constant) : prepareCompare(res.relop, constant);
  // spropertyrestriction.md: an MV tag with a single-valued constant tests each value.
  if (col.mv) return anyOf(elementsReader(ulPropTag, ctx.codePage), test);
  // single(), written out (see compileContent).
  const read = valueReader(ulPropTag, ctx.codePage);
  return (row) => {
    const v = read(row);
    return v !== undefined && test(v);
  };
}

/**
 * RES_COMPAREPROPS: (property 1) relop (property 2), both of one type (PT_STRING8 and
 * PT_UNICODE read as property 1's type). MV properties compare as whole tuples; an MVI tag
 * compares each of its values, and the restriction holds when any pair does.
 * @see scomparepropsrestriction.md
 */
export function compileCompareProps(res: SComparePropsRestriction, ctx: CompileContext): Predicate {
  const { ulPropTag1, ulPropTag2 } = res;
  const a = column(ulPropTag1);
  const b = column(ulPropTag2);
  noteTag(ctx, ulPropTag1);
  noteTag(ctx, ulPropTag2);
  const typeA = a.instance ? a.base : a.type;
  const typeB = b.instance ? b.base : b.type;
  // scomparepropsrestriction.md: "Attempting to compare properties of different types causes
  // MAPI or the service provider to return the error value MAPI_E_TOO_COMPLEX".
  if (!sameTypeFamily(typeA, typeB)) throw tooComplex(res, `${typeName(ulPropTag1)} and ${typeName(ulPropTag2)} are different types`);
  if (!ORDERED.has(a.base)) throw tooComplex(res, `${typeName(ulPropTag1)} values have no order`);
  if ((typeA & MV_FLAG) !== 0 && (res.relop === RELOP_RE || res.relop === RELOP_MEMBER_OF_DL)) {
    throw tooComplex(res, 'multi-valued properties compare with RELOP_LT..RELOP_NE only');
  }
  const rel = relation(res, a.base, ctx);
  const cp = ctx.codePage;
  const sideA = a.instance ? elementsReader(ulPropTag1, cp) : listOf(valueReader(ulPropTag1, cp));
  const sideB = b.instance ? elementsReader(ulPropTag2, cp) : listOf(valueReader(ulPropTag2, cp));
  // Property 2 is read as getProps would with its own tag, then as property 1's string type.
  const align = typeA === typeB ? (v: SPropValue) => v : (v: SPropValue) => readAs(v, typeA, true, cp) as SPropValue;
  return (row) => {
    const xs = sideA(row);
    if (xs === undefined || xs.length === 0) return false;
    const ys = sideB(row);
    if (ys === undefined) return false;
    for (const y of ys) {
      const y1 = align(y);
      for (const x of xs) if (rel(x, y1)) return true;
    }
    return false;
  };
}

function listOf(read: ValueReader): ElementsReader {
  return (row) => {
    const v = read(row);
    return v === undefined ? undefined : [v];
  };
}

/**
 * RES_CONTENT: a string or binary property contains the value under ulFuzzyLevel
 * (FPropContainsProp). An MV string or binary property matches when any value does.
 * @see scontentrestriction.md
 */
export function compileContent(res: SContentRestriction, ctx: CompileContext): Predicate {
  const { ulPropTag, lpProp, ulFuzzyLevel } = res;
  const col = column(ulPropTag);
  const constType = PROP_TYPE(lpProp.ulPropTag);
  noteTag(ctx, ulPropTag);
  if (!SEARCHABLE.has(col.base)) throw tooComplex(res, `content restrictions search strings and binaries, not ${typeName(ulPropTag)}`);
  // scontentrestriction.md: "the two property types must match, or else the error value
  // MAPI_E_TOO_COMPLEX is returned".
  if ((constType & MV_FLAG) !== 0 || !sameTypeFamily(constType, col.base)) {
    throw tooComplex(res, `the search value's type ${typeName(constType)} does not match ${typeName(ulPropTag)}`);
  }
  // scontentrestriction.md: FL_FULLSTRING, FL_PREFIX and FL_SUBSTRING are mutually exclusive,
  // one must be set, and "the provider should return MAPI_E_TOO_COMPLEX if it is unable to
  // support these values". The high word's flags are hints: unknown ones are ignored.
  const low = ulFuzzyLevel & 0xffff;
  if (low !== FL_FULLSTRING && low !== FL_SUBSTRING && low !== FL_PREFIX) throw tooComplex(res, `fuzzy level 0x${low.toString(16)} is not one of FL_FULLSTRING, FL_SUBSTRING, FL_PREFIX`);
  const needle = readAs(lpProp, col.base, true, ctx.codePage) as SPropValue;
  const fuzzy = ulFuzzyLevel >>> 0;
  // FPropContainsProp with the needle folded once (prepareContains is its body).
  const test = prepareContains(needle, fuzzy);
  if (col.mv) return anyOf(elementsReader(ulPropTag, ctx.codePage), test);
  // single(), written out: a closure of its own keeps this call site's type feedback to content tests.
  const read = valueReader(ulPropTag, ctx.codePage);
  return (row) => {
    const v = read(row);
    return v !== undefined && test(v);
  };
}

/**
 * RES_BITMASK: the property AND ulMask is zero (BMR_EQZ) or not (BMR_NEZ). The property is
 * a PT_LONG or PT_I2 (a PT_I2 is sign-extended, as C promotes a SHORT).
 * @see sbitmaskrestriction.md
 */
export function compileBitMask(res: SBitMaskRestriction, ctx: CompileContext): Predicate {
  const type = PROP_TYPE(res.ulPropTag);
  noteTag(ctx, res.ulPropTag);
  // sbitmaskrestriction.md declares ulPropTag a PT_LONG; types-of-restrictions.md: "applies a
  // bitmask to a PT_LONG property". PT_I2 is the other integer a mask can apply to.
  if (type !== PT_LONG && type !== PT_I2) throw tooComplex(res, `a bitmask applies to PT_LONG or PT_I2, not ${typeName(type)}`);
  const mask = res.ulMask | 0;
  const nez = res.relBMR === BMR_NEZ;
  // single(), written out (see compileContent).
  const read = valueReader(res.ulPropTag, ctx.codePage);
  return (row) => {
    const v = read(row);
    return v !== undefined && (((v.Value as number) & mask) !== 0) === nez;
  };
}

/**
 * RES_SIZE: the size of the property's value (UlPropSize) relop cb. For an MVI tag each value
 * is measured; otherwise an MV value is measured whole.
 * @see ssizerestriction.md
 */
export function compileSize(res: SSizeRestriction, ctx: CompileContext): Predicate {
  noteTag(ctx, res.ulPropTag);
  // ssizerestriction.md lists RELOP_RE too, but a byte count has no regular-expression form.
  if (res.relop === RELOP_RE || res.relop === RELOP_MEMBER_OF_DL) throw tooComplex(res, 'a size compares with RELOP_LT..RELOP_NE only');
  const relop = res.relop;
  const cb: SPropValue = { ulPropTag: PT_I8, Value: BigInt(res.cb >>> 0) };
  const test = (v: SPropValue) => FPropCompareProp({ ulPropTag: PT_I8, Value: BigInt(UlPropSize(v)) }, relop, cb);
  const col = column(res.ulPropTag);
  return col.instance ? anyOf(elementsReader(res.ulPropTag, ctx.codePage), test) : single(valueReader(res.ulPropTag, ctx.codePage), test);
}

/**
 * RES_EXIST: the property has a value getProps would return for the tag (for an MVI tag: at
 * least one value). PT_OBJECT properties cannot be tested.
 * @see sexistrestriction.md
 */
export function compileExist(res: SExistRestriction, ctx: CompileContext): Predicate {
  const col = column(res.ulPropTag);
  noteTag(ctx, res.ulPropTag);
  // sexistrestriction.md: "Exist restrictions cannot be used with sub-object properties that
  // have type PT_OBJECT."
  if (col.base === PT_OBJECT) throw tooComplex(res, 'PT_OBJECT properties cannot be tested for existence');
  if (col.instance) {
    const read = elementsReader(res.ulPropTag, ctx.codePage);
    return (row) => (read(row)?.length ?? 0) > 0;
  }
  const read = valueReader(res.ulPropTag, ctx.codePage);
  return (row) => read(row) !== undefined;
}
