import { FILETIME } from './filetime.js';
import { GUID } from './guid.js';
import { PROP_TYPE, baseType, isMultiValuedType } from './tags.js';
import type { ACTIONS, PropValueData, SPropValue } from './types.js';
import type { SRestriction } from '../restriction/types.js';
import {
  PT_UNSPECIFIED,
  PT_NULL,
  PT_I2,
  PT_LONG,
  PT_R4,
  PT_DOUBLE,
  PT_CURRENCY,
  PT_APPTIME,
  PT_ERROR,
  PT_BOOLEAN,
  PT_OBJECT,
  PT_I8,
  PT_STRING8,
  PT_UNICODE,
  PT_SYSTIME,
  PT_CLSID,
  PT_SVREID,
  PT_SRESTRICTION,
  PT_ACTIONS,
  PT_BINARY,
} from '../generated/proptypes.js';
import { MV_FLAG } from '../generated/constants.js';

const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

/** Types a single value may have (no MV flag). */
const SINGLE_TYPES = new Set<number>([
  PT_UNSPECIFIED, PT_NULL, PT_I2, PT_LONG, PT_R4, PT_DOUBLE, PT_CURRENCY, PT_APPTIME, PT_ERROR, PT_BOOLEAN,
  PT_OBJECT, PT_I8, PT_STRING8, PT_UNICODE, PT_SYSTIME, PT_CLSID, PT_SVREID, PT_SRESTRICTION, PT_ACTIONS, PT_BINARY,
]);

/** Base types that have an MV form in MAPI (mapidefs.h PT_MV_*). */
const MV_BASE_TYPES = new Set<number>([
  PT_I2, PT_LONG, PT_R4, PT_DOUBLE, PT_CURRENCY, PT_APPTIME, PT_I8, PT_STRING8, PT_UNICODE, PT_SYSTIME, PT_CLSID, PT_BINARY,
]);

/** True when `type` is a property type MAPI defines (single or PT_MV_*), MV_INSTANCE excluded. */
export function isKnownPropType(type: number): boolean {
  if (type & MV_FLAG) return (type & ~MV_FLAG) === baseType(type) && MV_BASE_TYPES.has(baseType(type));
  return SINGLE_TYPES.has(type);
}

/** True when `v` is a valid single value of base type `t` (MAPI's FBadProp checks, per type). */
export function isValidSingleValue(t: number, v: unknown): boolean {
  switch (t) {
    case PT_I2:
      return typeof v === 'number' && Number.isInteger(v) && v >= -32768 && v <= 32767;
    case PT_LONG:
    case PT_ERROR:
      // PT_LONG is a LONG but flags are routinely written unsigned; accept both 32-bit forms.
      return typeof v === 'number' && Number.isInteger(v) && v >= -0x80000000 && v <= 0xffffffff;
    case PT_R4:
    case PT_DOUBLE:
    case PT_APPTIME:
      return typeof v === 'number';
    case PT_CURRENCY:
    case PT_I8:
      return typeof v === 'bigint' && v >= I64_MIN && v <= I64_MAX;
    case PT_BOOLEAN:
      return typeof v === 'boolean';
    case PT_STRING8:
    case PT_UNICODE:
      return typeof v === 'string';
    case PT_BINARY:
    case PT_SVREID:
      return v instanceof Uint8Array;
    case PT_SYSTIME:
      return v instanceof FILETIME;
    case PT_CLSID:
      return v instanceof GUID;
    case PT_NULL:
    case PT_UNSPECIFIED:
      return v === null || v === undefined || typeof v === 'number';
    case PT_OBJECT:
      return v === null || v === undefined || typeof v === 'number' || typeof v === 'object';
    case PT_SRESTRICTION:
      return typeof v === 'object' && v !== null && typeof (v as { rt?: unknown }).rt === 'number';
    case PT_ACTIONS:
      return typeof v === 'object' && v !== null && Array.isArray((v as { lpAction?: unknown }).lpAction);
    default:
      return false;
  }
}

/**
 * True when an SPropValue's value has the JS type its tag's type calls for. Multi-valued
 * values must be arrays of valid single values. This is the check behind FBadProp.
 */
export function isValidPropValue(p: SPropValue | null | undefined): boolean {
  if (!p || typeof p !== 'object' || typeof p.ulPropTag !== 'number') return false;
  const type = PROP_TYPE(p.ulPropTag);
  if (!isKnownPropType(type)) return false;
  if (isMultiValuedType(type)) {
    const base = baseType(type);
    return Array.isArray(p.Value) && (p.Value as unknown[]).every((x) => isValidSingleValue(base, x));
  }
  return isValidSingleValue(type, p.Value);
}

/** Deep copy of a value: binaries, arrays and structures are new objects; FILETIME and GUID are immutable and shared. */
export function cloneValue<T extends PropValueData>(v: T): T {
  if (v instanceof Uint8Array) return Uint8Array.from(v) as T;
  if (Array.isArray(v)) return (v as unknown[]).map((x) => cloneValue(x as PropValueData)) as T;
  if (v instanceof FILETIME || v instanceof GUID) return v;
  if (v !== null && typeof v === 'object') {
    if ('rt' in v) return cloneRestriction(v as SRestriction) as T;
    if ('lpAction' in v) return structuredCloneActions(v as ACTIONS) as T;
  }
  return v;
}

/** Deep copy of an SPropValue. */
export function cloneProp(p: SPropValue): SPropValue {
  return { ulPropTag: p.ulPropTag, Value: cloneValue(p.Value) };
}

/** Deep copy of a restriction tree. */
export function cloneRestriction(r: SRestriction): SRestriction {
  const copy: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(r)) {
    if (k === 'lpProp') copy[k] = Array.isArray(val) ? (val as SPropValue[]).map(cloneProp) : cloneProp(val as SPropValue);
    else if (k === 'lpRes') {
      copy[k] = val === null ? null : Array.isArray(val) ? (val as SRestriction[]).map(cloneRestriction) : cloneRestriction(val as SRestriction);
    } else copy[k] = val;
  }
  return copy as unknown as SRestriction;
}

function structuredCloneActions(a: ACTIONS): ACTIONS {
  return {
    ulVersion: a.ulVersion,
    lpAction: a.lpAction.map((x) => ({
      ...x,
      lpRes: x.lpRes ? cloneRestriction(x.lpRes) : null,
      lpPropTagArray: x.lpPropTagArray ? [...x.lpPropTagArray] : null,
      ...(x.actMoveCopy && {
        actMoveCopy: { lpStoreEntryId: Uint8Array.from(x.actMoveCopy.lpStoreEntryId), lpFldEntryId: Uint8Array.from(x.actMoveCopy.lpFldEntryId) },
      }),
      ...(x.actReply && { actReply: { lpEntryId: Uint8Array.from(x.actReply.lpEntryId), guidReplyTemplate: x.actReply.guidReplyTemplate } }),
      ...(x.actDeferAction && { actDeferAction: { pbData: Uint8Array.from(x.actDeferAction.pbData) } }),
      ...(x.lpadrlist && { lpadrlist: x.lpadrlist.map((e) => ({ rgPropVals: e.rgPropVals.map(cloneProp) })) }),
      ...(x.propTag && { propTag: cloneProp(x.propTag) }),
    })),
  };
}

/** Byte-wise equality of two Uint8Arrays. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Structural equality of two values of the same type (exact, not MAPI's relational compare). */
export function valuesEqual(a: PropValueData, b: PropValueData): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return bytesEqual(a, b);
  if (a instanceof FILETIME && b instanceof FILETIME) return a.ticks === b.ticks;
  if (a instanceof GUID && b instanceof GUID) return a.equals(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => valuesEqual(x as PropValueData, b[i] as PropValueData));
  }
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || a === b;
  if (a && b && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a, jsonReplacer) === JSON.stringify(b, jsonReplacer);
  return false;
}

/** JSON replacer that renders bigint and Uint8Array values readably. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `<${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}>`;
  return value;
}
