import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CB_SPROPVALUE, ScCountProps, UlPropSize } from '../../../../src/core/props/util/index.js';
import { FILETIME } from '../../../../src/core/props/filetime.js';
import { GUID } from '../../../../src/core/props/guid.js';
import { CHANGE_PROP_TYPE, PROP_TAG } from '../../../../src/core/props/tags.js';
import type { SPropValue } from '../../../../src/core/props/types.js';
import { MapiError } from '../../../../src/core/errors/MapiError.js';
import {
  PR_LOCK_TYPE,
  PR_IMPORTANCE,
  PR_HASATTACH,
  PR_CURRENT_VERSION,
  PR_SUBJECT,
  PR_SUBJECT_A,
  PR_SUBJECT_W,
  PR_ENTRYID,
  PR_MESSAGE_DELIVERY_TIME,
  PR_FORM_CLSID,
  PR_CONTENTS_SORT_ORDER,
  PR_BUSINESS2_TELEPHONE_NUMBER_A_MV,
  PR_REPORT_DISPOSITION_TO_NAMES,
  PR_SECURITY_PROFILES,
  PR_AUTO_RESET,
  PR_MESSAGE_RECIPIENTS,
  PR_NULL,
  PR_RULE_CONDITION,
} from '../../../../src/core/generated/proptags.js';
import { PT_R4, PT_DOUBLE, PT_CURRENCY, PT_APPTIME, PT_ERROR, PT_MV_I2, PT_MV_SYSTIME, PT_UNSPECIFIED, PT_MV_BINARY, PT_BOOLEAN } from '../../../../src/core/generated/proptypes.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_NOT_FOUND } from '../../../../src/core/generated/scodes.js';
import { MV_FLAG, RES_EXIST } from '../../../../src/core/generated/constants.js';
import { anyProp } from './arbitraries.js';

const p = (ulPropTag: number, Value: unknown): SPropValue => ({ ulPropTag, Value: Value as SPropValue['Value'] });

function scodeOf(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MapiError);
    return (e as MapiError).scode;
  }
  throw new Error('expected a MapiError');
}

describe('UlPropSize', () => {
  it('gives the fixed sizes of the scalar types', () => {
    expect(UlPropSize(p(PR_LOCK_TYPE, 1))).toBe(2);
    expect(UlPropSize(p(PR_HASATTACH, true))).toBe(2);
    expect(UlPropSize(p(PR_IMPORTANCE, 1))).toBe(4);
    expect(UlPropSize(p(CHANGE_PROP_TYPE(PR_SUBJECT, PT_ERROR), MAPI_E_NOT_FOUND))).toBe(4);
    expect(UlPropSize(p(CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_R4), 1.5))).toBe(4);
    expect(UlPropSize(p(CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_DOUBLE), 1.5))).toBe(8);
    expect(UlPropSize(p(CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_APPTIME), 1.5))).toBe(8);
    expect(UlPropSize(p(CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_CURRENCY), 15000n))).toBe(8);
    expect(UlPropSize(p(PR_CURRENT_VERSION, 1n))).toBe(8);
    expect(UlPropSize(p(PR_MESSAGE_DELIVERY_TIME, new FILETIME(1n)))).toBe(8);
    expect(UlPropSize(p(PR_FORM_CLSID, new GUID(new Uint8Array(16))))).toBe(16);
  });

  it('counts strings with their terminator, two bytes a character for Unicode (Wine: "Hi!" is 4 and 8)', () => {
    expect(UlPropSize(p(PR_SUBJECT_A, 'Hi!'))).toBe(4);
    expect(UlPropSize(p(PR_SUBJECT_W, 'Hi!'))).toBe(8);
    expect(UlPropSize(p(PR_SUBJECT_W, ''))).toBe(2);
    expect(UlPropSize(p(PR_SUBJECT_W, 'Hi\0there'))).toBe(6);
  });

  it('counts binaries by cb and MV values as the sum over the values', () => {
    expect(UlPropSize(p(PR_ENTRYID, new Uint8Array(19)))).toBe(19);
    expect(UlPropSize(p(PR_SECURITY_PROFILES, [new Uint8Array(19), new Uint8Array(1)]))).toBe(20);
    expect(UlPropSize(p(PR_BUSINESS2_TELEPHONE_NUMBER_A_MV, ['Hi!', 'Hi!']))).toBe(8);
    expect(UlPropSize(p(PR_REPORT_DISPOSITION_TO_NAMES, ['Hi!', 'Hi!']))).toBe(16);
    expect(UlPropSize(p(CHANGE_PROP_TYPE(PR_LOCK_TYPE, PT_MV_I2), [1, 2]))).toBe(4);
    expect(UlPropSize(p(PR_CONTENTS_SORT_ORDER, [1, 2]))).toBe(8);
    expect(UlPropSize(p(CHANGE_PROP_TYPE(PR_MESSAGE_DELIVERY_TIME, PT_MV_SYSTIME), [new FILETIME(0n), new FILETIME(1n)]))).toBe(16);
    expect(UlPropSize(p(PR_AUTO_RESET, [new GUID(new Uint8Array(16)), new GUID(new Uint8Array(16))]))).toBe(32);
  });

  it('is 0 for PT_NULL, PT_OBJECT, MV types MAPI does not size and unknown types', () => {
    expect(UlPropSize(p(PR_NULL, null))).toBe(0);
    expect(UlPropSize(p(PR_MESSAGE_RECIPIENTS, null))).toBe(0);
    expect(UlPropSize(p(CHANGE_PROP_TYPE(PR_HASATTACH, PT_BOOLEAN | MV_FLAG), [true]))).toBe(0);
    expect(UlPropSize(p(PR_RULE_CONDITION, { rt: RES_EXIST, ulPropTag: PR_SUBJECT }))).toBe(0);
  });

  it('is 0 for anything malformed, never throwing', () => {
    const bad: unknown[] = [null, undefined, 3, 'x', {}, { ulPropTag: PR_SUBJECT_W, Value: 3 }, { ulPropTag: PR_ENTRYID, Value: [1, 2] }];
    for (const b of bad) expect(UlPropSize(b as SPropValue)).toBe(0);
  });
});

describe('ScCountProps', () => {
  it('counts the x64 SPropValue (24 bytes) for inline values', () => {
    expect(CB_SPROPVALUE).toBe(24);
    expect(ScCountProps([p(PR_IMPORTANCE, 1)])).toBe(24);
    expect(ScCountProps([p(PR_HASATTACH, true), p(PR_CURRENT_VERSION, 1n)])).toBe(48);
    expect(ScCountProps([p(PR_MESSAGE_RECIPIENTS, null)])).toBe(24);
    expect(ScCountProps([p(CHANGE_PROP_TYPE(PR_SUBJECT, PT_ERROR), MAPI_E_NOT_FOUND)])).toBe(24);
  });

  it('adds the out-of-line data of strings, binaries and GUIDs', () => {
    expect(ScCountProps([p(PR_SUBJECT_A, 'Hi!')])).toBe(4 + 24);
    expect(ScCountProps([p(PR_SUBJECT_W, 'Hi!')])).toBe(8 + 24);
    expect(ScCountProps([p(PR_ENTRYID, new Uint8Array(2))])).toBe(2 + 24);
    expect(ScCountProps([p(PR_FORM_CLSID, new GUID(new Uint8Array(16)))])).toBe(16 + 24);
  });

  it('adds the MV arrays, with 8-byte pointers for strings and 16-byte SBinary entries (Wine test_ScCountProps)', () => {
    expect(ScCountProps([p(PR_CONTENTS_SORT_ORDER, [1, 2, 3])])).toBe(12 + 24);
    expect(ScCountProps([p(PR_BUSINESS2_TELEPHONE_NUMBER_A_MV, ['Hi!', 'Hi!', 'Hi!'])])).toBe(12 + 3 * 8 + 24);
    expect(ScCountProps([p(PR_REPORT_DISPOSITION_TO_NAMES, ['Hi!', 'Hi!', 'Hi!'])])).toBe(24 + 3 * 8 + 24);
    expect(ScCountProps([p(PR_SECURITY_PROFILES, [new Uint8Array(17), new Uint8Array(2), new Uint8Array(1)])])).toBe(20 + 3 * 16 + 24);
    expect(ScCountProps([p(PR_AUTO_RESET, [new GUID(new Uint8Array(16))])])).toBe(16 + 24);
  });

  it('sums over the array', () => {
    expect(ScCountProps([p(PR_SUBJECT_W, 'Hi!'), p(PR_IMPORTANCE, 1), p(PR_ENTRYID, new Uint8Array(3))])).toBe(32 + 24 + 27);
  });

  it('counts an empty binary as valid (decision)', () => {
    expect(ScCountProps([p(PR_ENTRYID, new Uint8Array(0))])).toBe(24);
  });

  it('rejects an empty or missing array, a bad property, PROP_ID_NULL/INVALID, empty MV values and PT_NULL', () => {
    const cases: unknown[] = [
      [],
      null,
      'x',
      [null],
      [p(PR_SUBJECT_W, 3)],
      [p(PR_RULE_CONDITION, { rt: RES_EXIST, ulPropTag: PR_SUBJECT })],
      [p(PROP_TAG(0x0003, 0), 1)],
      [p(PROP_TAG(0x0003, 0xffff), 1)],
      [p(PR_CONTENTS_SORT_ORDER, [])],
      [p(CHANGE_PROP_TYPE(PR_SECURITY_PROFILES, PT_MV_BINARY), [])],
      [p(PR_NULL, null)],
      [p(CHANGE_PROP_TYPE(PR_SUBJECT, PT_UNSPECIFIED), null)],
      [p(CHANGE_PROP_TYPE(PR_HASATTACH, PT_BOOLEAN | MV_FLAG), [true])],
    ];
    for (const c of cases) expect(scodeOf(() => ScCountProps(c as SPropValue[])), JSON.stringify(c)).toBe(MAPI_E_INVALID_PARAMETER);
  });

  it('rejects a total past the ULONG range', () => {
    const big = new Uint8Array(2 ** 28); // 256 MiB, shared 17 times: 4.25 GiB of value data
    const prop = p(PR_SECURITY_PROFILES, Array.from({ length: 17 }, () => big));
    expect(UlPropSize(prop)).toBe((17 * 2 ** 28) % 2 ** 32);
    expect(scodeOf(() => ScCountProps([prop]))).toBe(MAPI_E_INVALID_PARAMETER);
  });

  it('is additive over the array, at least 24 bytes a property', () => {
    fc.assert(
      fc.property(fc.array(anyProp, { minLength: 1, maxLength: 4 }), (props) => {
        const each = props.map((q) => {
          try {
            return ScCountProps([q]);
          } catch (e) {
            expect(MapiError.is(e, MAPI_E_INVALID_PARAMETER)).toBe(true);
            return undefined;
          }
        });
        if (each.includes(undefined)) {
          expect(scodeOf(() => ScCountProps(props))).toBe(MAPI_E_INVALID_PARAMETER);
          return;
        }
        for (const n of each) expect(n).toBeGreaterThanOrEqual(24);
        expect(ScCountProps(props)).toBe(each.reduce((a, b) => (a as number) + (b as number), 0));
      }),
    );
  });
});
