/**
 * fast-check arbitraries for the ABI round-trip tests: property values of every type with
 * the strings native memory can hold (no U+0000; PT_STRING8 text representable in the
 * ANSI code page), restrictions of every RES_* type nested, row sets and notifications.
 */
import fc from 'fast-check';
import { FILETIME } from '../../src/core/props/filetime.js';
import { GUID } from '../../src/core/props/guid.js';
import { PROP_TAG } from '../../src/core/props/tags.js';
import { decodeString8, string8RoundTrip } from '../../src/core/props/codepage.js';
import type { PropValueData, SPropValue } from '../../src/core/props/types.js';
import type { SRestriction } from '../../src/core/restriction/types.js';
import type { NOTIFICATION } from '../../src/core/notify/types.js';
import {
  PT_APPTIME, PT_BINARY, PT_BOOLEAN, PT_CLSID, PT_CURRENCY, PT_DOUBLE, PT_ERROR, PT_I2, PT_I8, PT_LONG, PT_MV_APPTIME, PT_MV_BINARY,
  PT_MV_CLSID, PT_MV_CURRENCY, PT_MV_DOUBLE, PT_MV_I2, PT_MV_I8, PT_MV_LONG, PT_MV_R4, PT_MV_STRING8, PT_MV_SYSTIME, PT_MV_UNICODE,
  PT_NULL, PT_OBJECT, PT_R4, PT_STRING8, PT_SVREID, PT_SYSTIME, PT_UNICODE, PT_SRESTRICTION,
} from '../../src/core/generated/proptypes.js';
import {
  MAPI_UNICODE, MVI_FLAG, RES_AND, RES_ANNOTATION, RES_BITMASK, RES_COMMENT, RES_COMPAREPROPS, RES_CONTENT, RES_COUNT, RES_EXIST,
  RES_NOT, RES_OR, RES_PROPERTY, RES_SIZE, RES_SUBRESTRICTION, fnevCriticalError, fnevExtended, fnevNewMail, fnevObjectCopied,
  fnevObjectCreated, fnevObjectDeleted, fnevObjectModified, fnevObjectMoved, fnevSearchComplete, fnevStatusObjectModified,
  fnevTableModified,
} from '../../src/core/generated/constants.js';
import { PR_MESSAGE_ATTACHMENTS, PR_MESSAGE_RECIPIENTS } from '../../src/core/generated/proptags.js';

const CP = 1252;
/** Characters Windows-1252 maps both ways (PT_STRING8 text survives the code page). */
const cp1252Chars = [...new Set(Array.from({ length: 255 }, (_, i) => decodeString8(Uint8Array.of(i + 1), CP)))].filter(
  (c) => c.length === 1 && c !== '\0' && string8RoundTrip(c, CP) === c,
);
const unicodeText = fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replace(/\0/g, ''));
const ansiText = fc.string({ unit: fc.constantFrom(...cp1252Chars), maxLength: 12 });
const i64 = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });

function single(type: number): fc.Arbitrary<PropValueData> {
  switch (type) {
    case PT_I2:
      return fc.integer({ min: -32768, max: 32767 });
    case PT_LONG:
      return fc.integer({ min: -0x80000000, max: 0x7fffffff });
    case PT_R4:
      return fc.float({ noNaN: true });
    case PT_DOUBLE:
    case PT_APPTIME:
      return fc.double({ noNaN: true });
    case PT_CURRENCY:
    case PT_I8:
      return i64;
    case PT_ERROR:
      return fc.integer({ min: 0, max: 0xffffffff });
    case PT_BOOLEAN:
      return fc.boolean();
    case PT_STRING8:
      return ansiText;
    case PT_UNICODE:
      return unicodeText;
    case PT_SYSTIME:
      return fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((t) => new FILETIME(t));
    case PT_CLSID:
      return fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => new GUID(b));
    case PT_BINARY:
    case PT_SVREID:
      return fc.uint8Array({ maxLength: 20 });
    case PT_NULL:
    case PT_OBJECT:
      return fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 0x7fffffff }));
    default:
      throw new Error(`no arbitrary for 0x${type.toString(16)}`);
  }
}

/** Every type the round trip covers (single, multi-valued, PT_NULL / PT_OBJECT placeholders). */
export const ABI_TYPES = [
  PT_I2, PT_LONG, PT_R4, PT_DOUBLE, PT_CURRENCY, PT_APPTIME, PT_ERROR, PT_BOOLEAN, PT_I8, PT_STRING8, PT_UNICODE, PT_SYSTIME, PT_CLSID,
  PT_BINARY, PT_SVREID, PT_NULL, PT_OBJECT, PT_MV_I2, PT_MV_LONG, PT_MV_R4, PT_MV_DOUBLE, PT_MV_CURRENCY, PT_MV_APPTIME, PT_MV_I8,
  PT_MV_STRING8, PT_MV_UNICODE, PT_MV_SYSTIME, PT_MV_CLSID, PT_MV_BINARY,
] as const;

/** A value of `type` (multi-valued types: 0–4 values). */
export function valueOf(type: number): fc.Arbitrary<PropValueData> {
  if (type & 0x1000) return fc.array(single(type & ~0x1000), { maxLength: 4 }) as fc.Arbitrary<PropValueData>;
  return single(type);
}

/** An SPropValue of any covered type, sometimes an MVI column (MV_INSTANCE: one value of the base type). */
export const propValue: fc.Arbitrary<SPropValue> = fc
  .tuple(fc.integer({ min: 1, max: 0xfffe }), fc.constantFrom(...ABI_TYPES), fc.boolean())
  .chain(([id, type, mvi]) => {
    if (mvi && type & 0x1000) return single(type & ~0x1000).map((Value) => ({ ulPropTag: PROP_TAG(type | MVI_FLAG, id), Value }));
    return valueOf(type).map((Value) => ({ ulPropTag: PROP_TAG(type, id), Value }));
  });

/** A property array. */
export const propArray = fc.array(propValue, { maxLength: 8 });

const tag = fc.integer({ min: 0, max: 0xffffffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });

/** A restriction of every RES_* type, nested up to a few levels (some PT_SRESTRICTION values inside). */
export const restriction: fc.Arbitrary<SRestriction> = fc.letrec<{ r: SRestriction }>((tie) => ({
  r: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ rt: fc.constant(RES_EXIST), ulPropTag: tag }),
    fc.record({ rt: fc.constant(RES_PROPERTY), relop: fc.integer({ min: 0, max: 6 }), ulPropTag: tag, lpProp: propValue }),
    fc.record({ rt: fc.constant(RES_CONTENT), ulFuzzyLevel: u32, ulPropTag: tag, lpProp: propValue }),
    fc.record({ rt: fc.constant(RES_COMPAREPROPS), relop: fc.integer({ min: 0, max: 5 }), ulPropTag1: tag, ulPropTag2: tag }),
    fc.record({ rt: fc.constant(RES_BITMASK), relBMR: fc.integer({ min: 0, max: 1 }), ulPropTag: tag, ulMask: u32 }),
    fc.record({ rt: fc.constant(RES_SIZE), relop: fc.integer({ min: 0, max: 5 }), ulPropTag: tag, cb: u32 }),
    fc.record({ rt: fc.constantFrom(RES_AND, RES_OR), lpRes: fc.array(tie('r'), { maxLength: 3 }) }) as fc.Arbitrary<SRestriction>,
    fc.record({ rt: fc.constant(RES_NOT), lpRes: tie('r') }),
    fc.record({ rt: fc.constant(RES_SUBRESTRICTION), ulSubObject: fc.constantFrom(PR_MESSAGE_RECIPIENTS, PR_MESSAGE_ATTACHMENTS), lpRes: tie('r') }),
    fc.record({ rt: fc.constant(RES_COUNT), ulCount: u32, lpRes: tie('r') }),
    fc.record({ rt: fc.constantFrom(RES_COMMENT, RES_ANNOTATION), lpProp: fc.array(propValue, { maxLength: 3 }), lpRes: fc.option(tie('r'), { nil: null }) }) as fc.Arbitrary<SRestriction>,
    fc.record({ rt: fc.constant(RES_PROPERTY), relop: fc.constant(4), ulPropTag: fc.constant(PROP_TAG(PT_SRESTRICTION, 0x6000)), lpProp: tie('r').map((r) => ({ ulPropTag: PROP_TAG(PT_SRESTRICTION, 0x6000), Value: r })) }),
  ),
})).r;

/** A row set. */
export const rowSet = fc.array(fc.record({ lpProps: propArray }), { maxLength: 6 });

const entryId = fc.uint8Array({ minLength: 0, maxLength: 24 });
const optId = fc.option(fc.uint8Array({ minLength: 1, maxLength: 24 }), { nil: null });
const mapiError = fc.record({ ulVersion: fc.constant(0), lpszError: unicodeText, lpszComponent: unicodeText, ulLowLevelError: u32, ulContext: u32 });

/** A notification of every kind (strings in the width their ulFlags say). */
export const notification: fc.Arbitrary<NOTIFICATION> = fc.oneof(
  fc.boolean().chain((wide) =>
    fc.record({
      ulEventType: fc.constant(fnevCriticalError),
      err: fc.record({
        lpEntryID: optId,
        scode: u32,
        ulFlags: fc.constant(wide ? MAPI_UNICODE : 0),
        lpMAPIError: fc.option(wide ? mapiError : mapiError.map((e) => ({ ...e, lpszError: e.lpszError.replace(/[^\x20-\x7e]/g, ''), lpszComponent: e.lpszComponent.replace(/[^\x20-\x7e]/g, '') })), { nil: null }),
      }),
    }),
  ),
  fc.boolean().chain((wide) =>
    fc.record({
      ulEventType: fc.constant(fnevNewMail),
      newmail: fc.record({ lpEntryID: entryId, lpParentID: entryId, ulFlags: fc.constant(wide ? MAPI_UNICODE : 0), lpszMessageClass: wide ? unicodeText : ansiText, ulMessageFlags: u32 }),
    }),
  ),
  fc.record({
    ulEventType: fc.constantFrom(fnevObjectCreated, fnevObjectDeleted, fnevObjectModified, fnevObjectMoved, fnevObjectCopied, fnevSearchComplete),
    obj: fc.record({ lpEntryID: entryId, ulObjType: u32, lpParentID: optId, lpOldID: optId, lpOldParentID: optId, lpPropTagArray: fc.option(fc.array(tag, { maxLength: 4 }), { nil: null }) }),
  }),
  fc.record({
    ulEventType: fc.constant(fnevTableModified),
    tab: fc.record({ ulTableEvent: fc.integer({ min: 1, max: 9 }), hResult: u32, propIndex: propValue, propPrior: propValue, row: fc.record({ lpProps: propArray }) }),
  }),
  fc.record({ ulEventType: fc.constant(fnevStatusObjectModified), statobj: fc.record({ lpEntryID: entryId, lpPropVals: propArray }) }),
  fc.record({ ulEventType: fc.constant(fnevExtended), ext: fc.record({ ulEvent: u32, pbEventParameters: fc.uint8Array({ maxLength: 16 }) }) }),
) as fc.Arbitrary<NOTIFICATION>;
