import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LPropCompareProp, PropCopyMore, ScCopyProps } from '../../../../src/core/props/util/index.js';
import { GUID } from '../../../../src/core/props/guid.js';
import { FILETIME } from '../../../../src/core/props/filetime.js';
import type { SPropValue } from '../../../../src/core/props/types.js';
import { MapiError } from '../../../../src/core/errors/MapiError.js';
import {
  PR_SUBJECT,
  PR_SUBJECT_W,
  PR_ENTRYID,
  PR_FORM_CLSID,
  PR_SECURITY_PROFILES,
  PR_REPORT_DISPOSITION_TO_NAMES,
  PR_AUTO_RESET,
  PR_IMPORTANCE,
  PR_MESSAGE_DELIVERY_TIME,
  PR_RULE_CONDITION,
  PR_DAM_ORIG_MSG_SVREID,
} from '../../../../src/core/generated/proptags.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NO_SUPPORT } from '../../../../src/core/generated/scodes.js';
import { RES_EXIST } from '../../../../src/core/generated/constants.js';
import { anyProp } from './arbitraries.js';

const p = (ulPropTag: number, Value: SPropValue['Value']): SPropValue => ({ ulPropTag, Value });

function scodeOf(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MapiError);
    return (e as MapiError).scode;
  }
  throw new Error('expected a MapiError');
}

/** Mutates every mutable part of a copied value in place. */
function scribble(v: SPropValue['Value']): void {
  const touch = (x: unknown) => {
    if (x instanceof Uint8Array) x.fill(0xee);
    if (x instanceof GUID) x.bytes.fill(0xee);
  };
  if (Array.isArray(v)) {
    v.forEach(touch);
    (v as unknown[]).push((v as unknown[])[0]);
    (v as unknown[]).reverse();
  } else touch(v);
}

function snapshot(props: SPropValue[]): string {
  return JSON.stringify(props, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? Array.from(x) : x));
}

describe('PropCopyMore', () => {
  it('copies strings, binaries and GUIDs into new objects (Wine test_PropCopyMore: "Hi!")', () => {
    const bin = p(PR_ENTRYID, new TextEncoder().encode('Hi!\0'));
    const copy = PropCopyMore(bin);
    expect(copy).toEqual(bin);
    expect(copy.Value).not.toBe(bin.Value);
    expect(PropCopyMore(p(PR_SUBJECT_W, 'Hi!'))).toEqual(p(PR_SUBJECT_W, 'Hi!'));
    const g = p(PR_FORM_CLSID, GUID.parse('{00020D0B-0000-0000-C000-000000000046}'));
    const gc = PropCopyMore(g);
    expect((gc.Value as GUID).equals(g.Value as GUID)).toBe(true);
    expect((gc.Value as GUID).bytes).not.toBe((g.Value as GUID).bytes);
  });

  it('copies MV values deeply', () => {
    const mv = p(PR_SECURITY_PROFILES, [Uint8Array.of(1), Uint8Array.of(2, 3)]);
    const copy = PropCopyMore(mv);
    scribble(copy.Value);
    expect(mv.Value).toEqual([Uint8Array.of(1), Uint8Array.of(2, 3)]);
  });

  it('copies a C string up to its terminator', () => {
    expect(PropCopyMore(p(PR_SUBJECT_W, 'ab\0cd')).Value).toBe('ab');
  });

  it('rejects an unknown property type with MAPI_E_NO_SUPPORT', () => {
    expect(scodeOf(() => PropCopyMore(p(0x00370099, 1)))).toBe(MAPI_E_NO_SUPPORT);
    expect(scodeOf(() => PropCopyMore(p(PR_RULE_CONDITION, { rt: RES_EXIST, ulPropTag: PR_SUBJECT })))).toBe(MAPI_E_NO_SUPPORT);
    expect(scodeOf(() => PropCopyMore(p(PR_DAM_ORIG_MSG_SVREID, Uint8Array.of(1))))).toBe(MAPI_E_NO_SUPPORT);
  });

  it('rejects a non-SPropValue or a value of the wrong type with MAPI_E_INVALID_PARAMETER', () => {
    for (const bad of [null, undefined, 1, 'x', {}, p(PR_SUBJECT_W, 5), p(PR_ENTRYID, [1])]) {
      expect(scodeOf(() => PropCopyMore(bad as SPropValue))).toBe(MAPI_E_INVALID_PARAMETER);
    }
  });
});

describe('ScCopyProps', () => {
  it('copies the array in order', () => {
    const props = [p(PR_IMPORTANCE, 2), p(PR_SUBJECT_W, 'x'), p(PR_MESSAGE_DELIVERY_TIME, new FILETIME(5n))];
    const copy = ScCopyProps(props);
    expect(copy).toEqual(props);
    expect(copy).not.toBe(props);
    copy.forEach((c, i) => expect(c).not.toBe(props[i]));
  });

  it('copies an empty array to an empty array', () => {
    expect(ScCopyProps([])).toEqual([]);
  });

  it('rejects a non-array or a bad property with MAPI_E_INVALID_PARAMETER', () => {
    for (const bad of [null, 'x', {}, [null], [p(PR_SUBJECT_W, 5)], [p(0x00370099, 1)]]) {
      expect(scodeOf(() => ScCopyProps(bad as SPropValue[]))).toBe(MAPI_E_INVALID_PARAMETER);
    }
  });

  it('deep-copies: mutating the copy does not change the source', () => {
    fc.assert(
      fc.property(fc.array(anyProp, { maxLength: 5 }), (props) => {
        const before = snapshot(props);
        const copy = ScCopyProps(props);
        copy.forEach((c, i) => expect(LPropCompareProp(c, props[i] as SPropValue)).toBe(0));
        for (const c of copy) {
          scribble(c.Value);
          c.ulPropTag = 0;
          c.Value = null;
        }
        copy.reverse();
        expect(snapshot(props)).toBe(before);
      }),
    );
  });

  it('copies MV GUID arrays and strings faithfully', () => {
    const g = new GUID(Uint8Array.from({ length: 16 }, (_, i) => i));
    const props = [p(PR_AUTO_RESET, [g]), p(PR_REPORT_DISPOSITION_TO_NAMES, ['a', 'b'])];
    const copy = ScCopyProps(props);
    expect((copy[0]?.Value as GUID[])[0]?.equals(g)).toBe(true);
    expect(copy[1]?.Value).toEqual(['a', 'b']);
  });
});
