import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileRestriction } from '../../../src/core/restriction/compile.js';
import type { RestrictionTarget } from '../../../src/core/restriction/read.js';
import type { SRestriction } from '../../../src/core/restriction/types.js';
import { describeRestriction } from '../../../src/core/restriction/describe.js';
import { readAs } from '../../../src/core/props/convert.js';
import { CHANGE_PROP_TYPE, MVI_PROP, PROP_TAG, PROP_TYPE } from '../../../src/core/props/tags.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import { FPropCompareProp, FPropContainsProp, UlPropSize } from '../../../src/core/props/util/index.js';
import {
  PT_LONG,
  PT_I2,
  PT_UNICODE,
  PT_STRING8,
  PT_BINARY,
  PT_BOOLEAN,
  PT_MV_UNICODE,
  PT_MV_STRING8,
  PT_MV_LONG,
  PT_ERROR,
  PT_I8,
} from '../../../src/core/generated/proptypes.js';
import { PR_MESSAGE_RECIPIENTS } from '../../../src/core/generated/proptags.js';
import {
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
  RES_ANNOTATION,
  RES_COUNT,
  RELOP_LT,
  RELOP_LE,
  RELOP_GT,
  RELOP_GE,
  RELOP_EQ,
  RELOP_NE,
  RELOP_RE,
  BMR_NEZ,
  MV_FLAG,
  MV_INSTANCE,
  FL_IGNORECASE,
  FL_IGNORENONSPACE,
  FL_LOOSE,
} from '../../../src/core/generated/constants.js';
import { MAPI_E_NOT_FOUND } from '../../../src/core/generated/scodes.js';
import { p, row } from './helpers.js';

// restriction ≡ reference filter (STYLE.md): random rows and random valid restrictions over the
// same columns; the compiled predicate must agree with a plain recursive interpreter that reads
// the tree for every row.

const ID = { L1: 0x6601, L2: 0x6602, S: 0x6603, U1: 0x6604, U2: 0x6605, B: 0x6606, MVU: 0x6607, MVL: 0x6608, BOOL: 0x6609, DN: 0x3001, RT: 0x0c15 };
const CP = 1252;

// ---- rows -------------------------------------------------------------------------------------

const str = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'é', 'e\u0301', ' ', '\u4e2d', '.', '*', '\0'), maxLength: 4 });
const long = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(0x10, 0x11, -0x80000000, 0x7fffffff));
const i2 = fc.integer({ min: -3, max: 3 });
const bin = fc.uint8Array({ min: 0, max: 3, maxLength: 3 });
const strType = fc.constantFrom(PT_UNICODE, PT_STRING8);
const mvStrType = fc.constantFrom(PT_MV_UNICODE, PT_MV_STRING8);

/** A stored cell: absent, a PT_ERROR cell, a value of another type, or a value. */
function cell(id: number, value: fc.Arbitrary<SPropValue>, wrong: SPropValue): fc.Arbitrary<SPropValue | undefined> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(p(PROP_TAG(PT_ERROR, id), MAPI_E_NOT_FOUND)) },
    { weight: 1, arbitrary: fc.constant(wrong) },
    { weight: 6, arbitrary: value },
  );
}
const typed = <T>(id: number, type: fc.Arbitrary<number>, v: fc.Arbitrary<T>) =>
  fc.tuple(type, v).map(([t, x]) => p(PROP_TAG(t, id), x as SPropValue['Value']));

const messageProps = fc
  .tuple(
    cell(ID.L1, typed(ID.L1, fc.constant(PT_LONG), long), p(PROP_TAG(PT_UNICODE, ID.L1), '1')),
    cell(ID.L2, typed(ID.L2, fc.constant(PT_LONG), long), p(PROP_TAG(PT_I2, ID.L2), 1)),
    cell(ID.S, typed(ID.S, fc.constant(PT_I2), i2), p(PROP_TAG(PT_LONG, ID.S), 1)),
    cell(ID.U1, typed(ID.U1, strType, str), p(PROP_TAG(PT_LONG, ID.U1), 1)),
    cell(ID.U2, typed(ID.U2, strType, str), p(PROP_TAG(PT_BINARY, ID.U2), Uint8Array.of(0x61))),
    cell(ID.B, typed(ID.B, fc.constant(PT_BINARY), bin), p(PROP_TAG(PT_UNICODE, ID.B), 'a')),
    cell(ID.MVU, typed(ID.MVU, mvStrType, fc.array(str, { maxLength: 3 })), p(PROP_TAG(PT_UNICODE, ID.MVU), 'a')),
    cell(ID.MVL, typed(ID.MVL, fc.constant(PT_MV_LONG), fc.array(long, { maxLength: 3 })), p(PROP_TAG(PT_LONG, ID.MVL), 1)),
    cell(ID.BOOL, typed(ID.BOOL, fc.constant(PT_BOOLEAN), fc.boolean()), p(PROP_TAG(PT_LONG, ID.BOOL), 1)),
  )
  .map((cells) => cells.filter((c): c is SPropValue => c !== undefined));
const recipientProps = fc
  .tuple(
    cell(ID.DN, typed(ID.DN, strType, str), p(PROP_TAG(PT_LONG, ID.DN), 1)),
    cell(ID.RT, typed(ID.RT, fc.constant(PT_LONG), fc.integer({ min: 0, max: 3 })), p(PROP_TAG(PT_UNICODE, ID.RT), '1')),
  )
  .map((cells) => cells.filter((c): c is SPropValue => c !== undefined));

interface TestRow {
  props: SPropValue[];
  recipients: SPropValue[][] | undefined;
}
const testRow: fc.Arbitrary<TestRow> = fc.record({ props: messageProps, recipients: fc.option(fc.array(recipientProps, { maxLength: 3 }), { nil: undefined }) });
const target = (r: TestRow): RestrictionTarget => row(r.props, r.recipients === undefined ? {} : { recipients: r.recipients });

// ---- restrictions -----------------------------------------------------------------------------

const relop = fc.constantFrom(RELOP_LT, RELOP_LE, RELOP_GT, RELOP_GE, RELOP_EQ, RELOP_NE);
// Valid in both string types (U+4E2D would read as "?" through code page 1252: not a pattern).
const pattern = fc.constantFrom('a', '^a', 'b$', 'é', '.', '^$', 'A|b', 'e\u0301');
const strTag = (id: number) => strType.map((t) => PROP_TAG(t, id));
const mvTag = (id: number, types: fc.Arbitrary<number>) => fc.tuple(types, fc.boolean()).map(([t, mvi]) => (mvi ? MVI_PROP(PROP_TAG(t, id)) : PROP_TAG(t, id)));
const K = 0x7000; // the constant's identifier does not matter
const property = (relopArb: fc.Arbitrary<number>, tag: fc.Arbitrary<number>, constant: fc.Arbitrary<SPropValue>): fc.Arbitrary<SRestriction> =>
  fc.tuple(relopArb, tag, constant).map(([r, t, k]) => ({ rt: RES_PROPERTY, relop: r, ulPropTag: t, lpProp: k }));

const propertyLeaf = fc.oneof(
  property(relop, fc.constantFrom(PROP_TAG(PT_LONG, ID.L1), PROP_TAG(PT_LONG, ID.L2)), long.map((v) => p(PROP_TAG(PT_LONG, K), v))),
  property(relop, fc.constant(PROP_TAG(PT_I2, ID.S)), i2.map((v) => p(PROP_TAG(PT_I2, K), v))),
  property(relop, fc.oneof(strTag(ID.U1), strTag(ID.U2)), typed(K, strType, str)),
  property(fc.constant(RELOP_RE), fc.oneof(strTag(ID.U1), strTag(ID.U2)), typed(K, strType, pattern)),
  property(relop, fc.constant(PROP_TAG(PT_BINARY, ID.B)), bin.map((v) => p(PROP_TAG(PT_BINARY, K), v))),
  property(relop, fc.constant(PROP_TAG(PT_BOOLEAN, ID.BOOL)), fc.boolean().map((v) => p(PROP_TAG(PT_BOOLEAN, K), v))),
  // MV / MVI tag with a single-valued constant: any value.
  property(relop, mvTag(ID.MVU, mvStrType), typed(K, strType, str)),
  property(fc.constant(RELOP_RE), mvTag(ID.MVU, mvStrType), typed(K, strType, pattern)),
  property(relop, mvTag(ID.MVL, fc.constant(PT_MV_LONG)), long.map((v) => p(PROP_TAG(PT_LONG, K), v))),
  // MV tag with an MV constant: whole tuples.
  property(relop, mvStrType.map((t) => PROP_TAG(t, ID.MVU)), typed(K, mvStrType, fc.array(str, { maxLength: 3 }))),
  property(relop, fc.constant(PROP_TAG(PT_MV_LONG, ID.MVL)), fc.array(long, { maxLength: 3 }).map((v) => p(PROP_TAG(PT_MV_LONG, K), v))),
);

const fuzzy = fc.tuple(fc.constantFrom(0, 1, 2), fc.subarray([FL_IGNORECASE, FL_IGNORENONSPACE, FL_LOOSE])).map(([low, high]) => high.reduce((a, b) => a | b, low));
const contentLeaf = fc.oneof(
  fc.tuple(fuzzy, fc.oneof(strTag(ID.U1), strTag(ID.U2), mvTag(ID.MVU, mvStrType)), typed(K, strType, str)),
  fc.tuple(fuzzy, fc.constant(PROP_TAG(PT_BINARY, ID.B)), bin.map((v) => p(PROP_TAG(PT_BINARY, K), v))),
).map(([ulFuzzyLevel, ulPropTag, lpProp]): SRestriction => ({ rt: RES_CONTENT, ulFuzzyLevel, ulPropTag, lpProp }));

const comparePair = fc.oneof(
  fc.tuple(relop, fc.constantFrom(PROP_TAG(PT_LONG, ID.L1), PROP_TAG(PT_LONG, ID.L2)), fc.constantFrom(PROP_TAG(PT_LONG, ID.L1), PROP_TAG(PT_LONG, ID.L2))),
  fc.tuple(fc.oneof(relop, fc.constant(RELOP_RE)), fc.oneof(strTag(ID.U1), strTag(ID.U2)), fc.oneof(strTag(ID.U1), strTag(ID.U2))),
  fc.tuple(relop, fc.constant(PROP_TAG(PT_BINARY, ID.B)), fc.constant(PROP_TAG(PT_BINARY, ID.B))),
  fc.tuple(relop, fc.constant(PROP_TAG(PT_MV_LONG, ID.MVL)), fc.constant(PROP_TAG(PT_MV_LONG, ID.MVL))),
  fc.tuple(relop, fc.constant(MVI_PROP(PROP_TAG(PT_MV_LONG, ID.MVL))), fc.constantFrom(PROP_TAG(PT_LONG, ID.L1), MVI_PROP(PROP_TAG(PT_MV_LONG, ID.MVL)))),
  fc.tuple(relop, fc.constant(PROP_TAG(PT_LONG, ID.L2)), fc.constant(MVI_PROP(PROP_TAG(PT_MV_LONG, ID.MVL)))),
);
const compareLeaf = comparePair.map(([r, t1, t2]): SRestriction => ({ rt: RES_COMPAREPROPS, relop: r, ulPropTag1: t1, ulPropTag2: t2 }));

const bitmaskLeaf = fc
  .tuple(fc.constantFrom(0, 1), fc.constantFrom(PROP_TAG(PT_LONG, ID.L1), PROP_TAG(PT_LONG, ID.L2), PROP_TAG(PT_I2, ID.S)), fc.constantFrom(0, 1, 2, 0x10, 0x80000000, 0xffffffff))
  .map(([relBMR, ulPropTag, ulMask]): SRestriction => ({ rt: RES_BITMASK, relBMR, ulPropTag, ulMask }));

const anyTag = fc.oneof(
  fc.constantFrom(PROP_TAG(PT_LONG, ID.L1), PROP_TAG(PT_LONG, ID.L2), PROP_TAG(PT_I2, ID.S), PROP_TAG(PT_BINARY, ID.B), PROP_TAG(PT_BOOLEAN, ID.BOOL)),
  strTag(ID.U1),
  strTag(ID.U2),
  mvTag(ID.MVU, mvStrType),
  mvTag(ID.MVL, fc.constant(PT_MV_LONG)),
);
const sizeLeaf = fc.tuple(relop, anyTag, fc.integer({ min: 0, max: 16 })).map(([r, ulPropTag, cb]): SRestriction => ({ rt: RES_SIZE, relop: r, ulPropTag, cb }));
const existLeaf = anyTag.map((ulPropTag): SRestriction => ({ rt: RES_EXIST, ulPropTag }));
const leaf = fc.oneof(propertyLeaf, contentLeaf, compareLeaf, bitmaskLeaf, sizeLeaf, existLeaf);

const recipientLeaf = fc.oneof(
  property(relop, fc.constant(PROP_TAG(PT_LONG, ID.RT)), fc.integer({ min: 0, max: 3 }).map((v) => p(PROP_TAG(PT_LONG, K), v))),
  fc.tuple(fuzzy, strTag(ID.DN), typed(K, strType, str)).map(([ulFuzzyLevel, ulPropTag, lpProp]): SRestriction => ({ rt: RES_CONTENT, ulFuzzyLevel, ulPropTag, lpProp })),
  strTag(ID.DN).map((ulPropTag): SRestriction => ({ rt: RES_EXIST, ulPropTag })),
);
const recipientRes = fc.letrec<{ r: SRestriction }>((tie) => ({
  r: fc.oneof(
    { maxDepth: 2, depthIdentifier: 'sub' },
    recipientLeaf,
    fc.array(tie('r'), { maxLength: 2 }).map((lpRes): SRestriction => ({ rt: RES_AND, lpRes })),
    tie('r').map((lpRes): SRestriction => ({ rt: RES_NOT, lpRes })),
    fc.tuple(fc.integer({ min: 0, max: 2 }), tie('r')).map(([ulCount, lpRes]): SRestriction => ({ rt: RES_COUNT, ulCount, lpRes })),
  ),
})).r;

const restriction = fc.letrec<{ r: SRestriction }>((tie) => ({
  r: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'res' },
    leaf,
    fc.array(tie('r'), { maxLength: 3 }).map((lpRes): SRestriction => ({ rt: RES_AND, lpRes })),
    fc.array(tie('r'), { maxLength: 3 }).map((lpRes): SRestriction => ({ rt: RES_OR, lpRes })),
    tie('r').map((lpRes): SRestriction => ({ rt: RES_NOT, lpRes })),
    fc.tuple(fc.constantFrom(RES_COMMENT, RES_ANNOTATION), fc.option(tie('r'), { nil: null })).map(([rt, lpRes]) => ({ rt, lpProp: [p(PROP_TAG(PT_UNICODE, 0x8001), 'n')], lpRes }) as SRestriction),
    fc.tuple(fc.integer({ min: 0, max: 3 }), tie('r')).map(([ulCount, lpRes]): SRestriction => ({ rt: RES_COUNT, ulCount, lpRes })),
    recipientRes.map((lpRes): SRestriction => ({ rt: RES_SUBRESTRICTION, ulSubObject: PR_MESSAGE_RECIPIENTS, lpRes })),
  ),
})).r;

// ---- the reference evaluator ------------------------------------------------------------------

/** The property as getProps would read it with `type`; undefined when absent, an error, or of another type. */
function getAs(r: RestrictionTarget, tag: number, type: number): SPropValue | undefined {
  const stored = r.get(tag);
  if (stored === undefined || PROP_TYPE(stored.ulPropTag) === PT_ERROR) return undefined;
  return readAs(stored, type, true, CP);
}
const isMVI = (tag: number) => (PROP_TYPE(tag) & (MV_FLAG | MV_INSTANCE)) === (MV_FLAG | MV_INSTANCE);
const mvType = (tag: number) => PROP_TYPE(tag) & ~MV_INSTANCE;
const baseOf = (tag: number) => mvType(tag) & ~MV_FLAG;
const each = (v: SPropValue): SPropValue[] => (v.Value as unknown[]).map((x) => ({ ulPropTag: CHANGE_PROP_TYPE(v.ulPropTag, baseOf(v.ulPropTag)), Value: x as SPropValue['Value'] }));

/** The values a leaf tests: [value] for a single-valued tag (or an MV tag compared whole), each value of an MV/MVI tag otherwise. */
function candidates(r: RestrictionTarget, tag: number, whole: boolean): SPropValue[] | undefined {
  if (!whole && (mvType(tag) & MV_FLAG) !== 0) {
    const mv = getAs(r, tag, mvType(tag));
    if (mv) return each(mv);
    const one = isMVI(tag) ? getAs(r, tag, baseOf(tag)) : undefined;
    return one ? [one] : undefined;
  }
  const v = getAs(r, tag, mvType(tag));
  return v ? [v] : undefined;
}

function reference(res: SRestriction, r: RestrictionTarget, counters: Map<string, number>, path: string): boolean {
  switch (res.rt) {
    case RES_AND:
      return res.lpRes.every((c, i) => reference(c, r, counters, `${path}.${i}`));
    case RES_OR:
      return res.lpRes.some((c, i) => reference(c, r, counters, `${path}.${i}`));
    case RES_NOT:
      return !reference(res.lpRes, r, counters, `${path}.n`);
    case RES_COMMENT:
    case RES_ANNOTATION:
      return res.lpRes === null || reference(res.lpRes, r, counters, `${path}.c`);
    case RES_COUNT: {
      const seen = counters.get(path) ?? 0;
      if (seen >= res.ulCount || !reference(res.lpRes, r, counters, `${path}.k`)) return false;
      counters.set(path, seen + 1);
      return true;
    }
    case RES_SUBRESTRICTION: {
      const rows = r.subObjects?.(res.ulSubObject);
      if (rows === undefined) return false;
      const inner = new Map<string, number>();
      for (const s of rows) if (reference(res.lpRes, s, inner, `${path}.s`)) return true;
      return false;
    }
    case RES_PROPERTY: {
      const whole = (PROP_TYPE(res.lpProp.ulPropTag) & MV_FLAG) !== 0;
      const k = readAs(res.lpProp, whole ? mvType(res.ulPropTag) : baseOf(res.ulPropTag), true, CP) as SPropValue;
      return (candidates(r, res.ulPropTag, whole) ?? []).some((v) => FPropCompareProp(v, res.relop, k));
    }
    case RES_CONTENT: {
      const k = readAs(res.lpProp, baseOf(res.ulPropTag), true, CP) as SPropValue;
      return (candidates(r, res.ulPropTag, false) ?? []).some((v) => FPropContainsProp(v, k, res.ulFuzzyLevel));
    }
    case RES_COMPAREPROPS: {
      const xs = candidates(r, res.ulPropTag1, !isMVI(res.ulPropTag1)) ?? [];
      const ys = candidates(r, res.ulPropTag2, !isMVI(res.ulPropTag2)) ?? [];
      const type1 = isMVI(res.ulPropTag1) ? baseOf(res.ulPropTag1) : mvType(res.ulPropTag1);
      return xs.some((x) => ys.some((y) => FPropCompareProp(x, res.relop, readAs(y, type1, true, CP) as SPropValue)));
    }
    case RES_BITMASK: {
      const v = getAs(r, res.ulPropTag, PROP_TYPE(res.ulPropTag));
      return v !== undefined && (((v.Value as number) & res.ulMask) !== 0) === (res.relBMR === BMR_NEZ);
    }
    case RES_SIZE: {
      const size = (v: SPropValue) => ({ ulPropTag: PT_I8, Value: BigInt(UlPropSize(v)) });
      return (candidates(r, res.ulPropTag, !isMVI(res.ulPropTag)) ?? []).some((v) => FPropCompareProp(size(v), res.relop, { ulPropTag: PT_I8, Value: BigInt(res.cb) }));
    }
    case RES_EXIST:
      return (candidates(r, res.ulPropTag, !isMVI(res.ulPropTag)) ?? []).length > 0;
  }
}

// ---- properties -------------------------------------------------------------------------------

describe('compileRestriction ≡ a recursive reference evaluator', () => {
  it('agrees on every row of a table pass, and again after reset()', () => {
    fc.assert(
      fc.property(restriction, fc.array(testRow, { minLength: 1, maxLength: 6 }), (res, rows) => {
        const compiled = compileRestriction(res);
        const targets = rows.map(target);
        const counters = new Map<string, number>();
        const expected = targets.map((t) => reference(res, t, counters, 'r'));
        const first = targets.map((t) => compiled.matches(t));
        compiled.reset();
        const second = targets.map((t) => compiled.matches(t));
        expect({ res: describeRestriction(res), got: first }).toEqual({ res: describeRestriction(res), got: expected });
        expect(second).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('a restriction without RES_COUNT is stateless: each row evaluates alike alone and in a pass', () => {
    fc.assert(
      fc.property(restriction, testRow, (res, r) => {
        const compiled = compileRestriction(res);
        fc.pre(!compiled.stateful);
        const t = target(r);
        expect(compiled.matches(t)).toBe(compiled.matches(t));
        expect(compiled.matches(t)).toBe(reference(res, t, new Map(), 'r'));
      }),
      { numRuns: 500 },
    );
  });

  it('tags lists exactly the top-level tags the tree names', () => {
    fc.assert(
      fc.property(restriction, (res) => {
        const named = new Set<number>();
        const walk = (x: SRestriction): void => {
          if ('ulPropTag' in x) named.add(x.ulPropTag >>> 0);
          if (x.rt === RES_COMPAREPROPS) [x.ulPropTag1, x.ulPropTag2].forEach((t) => named.add(t >>> 0));
          if (x.rt === RES_SUBRESTRICTION) return void named.add(x.ulSubObject);
          if (x.rt === RES_AND || x.rt === RES_OR) x.lpRes.forEach(walk);
          if ((x.rt === RES_NOT || x.rt === RES_COUNT || x.rt === RES_COMMENT || x.rt === RES_ANNOTATION) && x.lpRes) walk(x.lpRes);
        };
        walk(res);
        expect(new Set(compileRestriction(res).tags)).toEqual(named);
      }),
      { numRuns: 300 },
    );
  });
});
