import fc from 'fast-check';
import { FILETIME } from '../../../../src/core/props/filetime.js';
import { GUID } from '../../../../src/core/props/guid.js';
import { CHANGE_PROP_TYPE } from '../../../../src/core/props/tags.js';
import type { PropValueData, SPropValue } from '../../../../src/core/props/types.js';
import {
  PR_IMPORTANCE,
  PR_LOCK_TYPE,
  PR_CURRENT_VERSION,
  PR_HASATTACH,
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
  PR_NULL,
} from '../../../../src/core/generated/proptags.js';
import {
  PT_R4,
  PT_DOUBLE,
  PT_CURRENCY,
  PT_APPTIME,
  PT_ERROR,
  PT_MV_I2,
  PT_MV_DOUBLE,
  PT_MV_I8,
  PT_MV_SYSTIME,
} from '../../../../src/core/generated/proptypes.js';
import { MAPI_E_NOT_FOUND, MAPI_E_NO_ACCESS, MAPI_E_CALL_FAILED } from '../../../../src/core/generated/scodes.js';

/** Strings from a small alphabet (case, accents, a decomposed accent, symbols, NUL) so that ties happen. */
export const smallString = fc.string({
  unit: fc.constantFrom('a', 'A', 'b', 'B', 'é', 'É', 'e\u0301', 'e', ' ', '-', '.', '\0', 'z', '1'),
  maxLength: 6,
});
const anyString = fc.oneof(smallString, fc.string({ maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 4 }));
const bytes = fc.oneof(fc.uint8Array({ min: 0, max: 2, maxLength: 5 }), fc.uint8Array({ maxLength: 8 }));
const i64 = fc.oneof(fc.bigInt({ min: -3n, max: 3n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }));
const long = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -0x80000000, max: 0xffffffff }));
const dbl = fc.oneof(fc.constantFrom(0, -0, 1, -1, NaN, Infinity), fc.double());
const filetime = fc.oneof(fc.bigInt({ min: 0n, max: 5n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })).map((t) => new FILETIME(t));
const guid = fc.oneof(fc.uint8Array({ min: 0, max: 1, minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 16, maxLength: 16 })).map((b) => new GUID(b));
const scode = fc.oneof(fc.constantFrom(0, MAPI_E_NOT_FOUND, MAPI_E_NO_ACCESS, MAPI_E_CALL_FAILED, MAPI_E_NOT_FOUND | 0), long);

/** One property tag per type, each with an arbitrary of valid values of that type. */
export const valueKinds: { name: string; tag: number; value: fc.Arbitrary<PropValueData> }[] = [
  { name: 'PT_I2', tag: PR_LOCK_TYPE, value: fc.integer({ min: -32768, max: 32767 }) },
  { name: 'PT_LONG', tag: PR_IMPORTANCE, value: long },
  { name: 'PT_R4', tag: CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_R4), value: fc.oneof(fc.float(), dbl) },
  { name: 'PT_DOUBLE', tag: CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_DOUBLE), value: dbl },
  { name: 'PT_APPTIME', tag: CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_APPTIME), value: dbl },
  { name: 'PT_CURRENCY', tag: CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_CURRENCY), value: i64 },
  { name: 'PT_I8', tag: PR_CURRENT_VERSION, value: i64 },
  { name: 'PT_ERROR', tag: CHANGE_PROP_TYPE(PR_SUBJECT, PT_ERROR), value: scode },
  { name: 'PT_BOOLEAN', tag: PR_HASATTACH, value: fc.boolean() },
  { name: 'PT_STRING8', tag: PR_SUBJECT_A, value: anyString },
  { name: 'PT_UNICODE', tag: PR_SUBJECT_W, value: anyString },
  { name: 'PT_BINARY', tag: PR_ENTRYID, value: bytes },
  { name: 'PT_SYSTIME', tag: PR_MESSAGE_DELIVERY_TIME, value: filetime },
  { name: 'PT_CLSID', tag: PR_FORM_CLSID, value: guid },
  { name: 'PT_NULL', tag: PR_NULL, value: fc.constant(null) },
  { name: 'PT_MV_I2', tag: CHANGE_PROP_TYPE(PR_LOCK_TYPE, PT_MV_I2), value: fc.array(fc.integer({ min: -2, max: 2 }), { maxLength: 3 }) },
  { name: 'PT_MV_LONG', tag: PR_CONTENTS_SORT_ORDER, value: fc.array(long, { maxLength: 3 }) },
  { name: 'PT_MV_DOUBLE', tag: CHANGE_PROP_TYPE(PR_IMPORTANCE, PT_MV_DOUBLE), value: fc.array(dbl, { maxLength: 3 }) },
  { name: 'PT_MV_I8', tag: CHANGE_PROP_TYPE(PR_CURRENT_VERSION, PT_MV_I8), value: fc.array(i64, { maxLength: 3 }) },
  { name: 'PT_MV_STRING8', tag: PR_BUSINESS2_TELEPHONE_NUMBER_A_MV, value: fc.array(smallString, { maxLength: 3 }) },
  { name: 'PT_MV_UNICODE', tag: PR_REPORT_DISPOSITION_TO_NAMES, value: fc.array(anyString, { maxLength: 3 }) },
  { name: 'PT_MV_BINARY', tag: PR_SECURITY_PROFILES, value: fc.array(bytes, { maxLength: 3 }) },
  { name: 'PT_MV_SYSTIME', tag: CHANGE_PROP_TYPE(PR_MESSAGE_DELIVERY_TIME, PT_MV_SYSTIME), value: fc.array(filetime, { maxLength: 3 }) },
  { name: 'PT_MV_CLSID', tag: PR_AUTO_RESET, value: fc.array(guid, { maxLength: 3 }) },
];

/** Arbitrary SPropValue of one kind. */
export function propOf(kind: { tag: number; value: fc.Arbitrary<PropValueData> }): fc.Arbitrary<SPropValue> {
  return kind.value.map((Value) => ({ ulPropTag: kind.tag, Value }));
}

/** Arbitrary SPropValue of any kind. */
export const anyProp: fc.Arbitrary<SPropValue> = fc.oneof(...valueKinds.map(propOf));
