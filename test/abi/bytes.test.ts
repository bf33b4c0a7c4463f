/**
 * Byte-level checks, independent of the readers: what the writers put in native memory sits
 * at the offsets of MAPI-ABI-x64.md §2 (read back with raw koffi.decode), and structures
 * written by hand at those offsets read back as the expected JS values. Round trips alone
 * would not catch a mistake made the same way in writer and reader.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodePropArray, readPropArray } from '../../src/providers/windows/abi/propValue.js';
import { encodeRestriction, readRestriction } from '../../src/providers/windows/abi/restriction.js';
import { encodeRowSet, freeRowSet } from '../../src/providers/windows/abi/rows.js';
import { encodeSortOrderSet } from '../../src/providers/windows/abi/arrays.js';
import { encodeNotifications } from '../../src/providers/windows/abi/notification.js';
import { FILETIME } from '../../src/core/props/filetime.js';
import { PROP_TAG } from '../../src/core/props/tags.js';
import { IID_IMessage } from '../../src/core/generated/guids.js';
import {
  PT_BINARY, PT_BOOLEAN, PT_CLSID, PT_I2, PT_I8, PT_LONG, PT_MV_BINARY, PT_MV_CLSID, PT_MV_LONG, PT_MV_SYSTIME, PT_MV_UNICODE,
  PT_STRING8, PT_SYSTIME, PT_UNICODE, PT_DOUBLE, PT_ERROR,
} from '../../src/core/generated/proptypes.js';
import { RES_AND, RES_COMMENT, RES_EXIST, RES_PROPERTY, RELOP_EQ, fnevTableModified, TABLE_ROW_ADDED } from '../../src/core/generated/constants.js';
import { PR_INSTANCE_KEY, PR_SUBJECT_W } from '../../src/core/generated/proptags.js';
import { MAPI_E_NOT_FOUND } from '../../src/core/generated/scodes.js';
import { expectNoLeaks, makeTestAbi, type TestAbi } from './helpers.js';

let abi: TestAbi;
afterEach(() => {
  expectNoLeaks(abi.tracker);
  abi.tracker.dispose();
});

const T = (type: number, id = 0x6001) => PROP_TAG(type, id);

describe('SPropValue bytes (§2.1)', () => {
  it('scalars sit in the union at offset 8 with their own widths', () => {
    abi = makeTestAbi();
    const { koffi } = abi;
    const p = encodePropArray(abi, [
      { ulPropTag: T(PT_I2), Value: -2 },
      { ulPropTag: T(PT_LONG), Value: -5 },
      { ulPropTag: T(PT_BOOLEAN), Value: true },
      { ulPropTag: T(PT_SYSTIME), Value: new FILETIME(0x0123456789abcdefn) },
      { ulPropTag: T(PT_I8), Value: -3n },
      { ulPropTag: T(PT_DOUBLE), Value: 1.5 },
      { ulPropTag: T(PT_ERROR), Value: MAPI_E_NOT_FOUND },
    ]);
    const at = (i: number, off: number, type: string) => koffi.decode(p, i * 24 + off, type);
    expect(at(0, 0, 'uint32_t')).toBe(T(PT_I2));
    expect(at(0, 8, 'int16_t')).toBe(-2);
    expect(at(1, 8, 'int32_t')).toBe(-5);
    expect(at(2, 8, 'uint16_t')).toBe(1);
    expect([at(3, 8, 'uint32_t'), at(3, 12, 'uint32_t')]).toEqual([0x89abcdef, 0x01234567]);
    expect(BigInt(at(4, 8, 'int64_t'))).toBe(-3n);
    expect(at(5, 8, 'double')).toBe(1.5);
    expect(at(6, 8, 'uint32_t')).toBe(MAPI_E_NOT_FOUND);
    abi.alloc.freeBuffer(p);
  });

  it('pointer members: strings at 8, binaries as cb @8 + lpb @16, PT_CLSID a pointer to GUID bytes in memory order', () => {
    abi = makeTestAbi();
    const { koffi } = abi;
    const p = encodePropArray(abi, [
      { ulPropTag: T(PT_UNICODE), Value: 'Hé' },
      { ulPropTag: T(PT_STRING8), Value: 'Hé€' },
      { ulPropTag: T(PT_BINARY), Value: Uint8Array.of(1, 2, 3) },
      { ulPropTag: T(PT_CLSID), Value: IID_IMessage },
    ]);
    const ptr = (o: number) => koffi.decode(p, o, 'void *') as bigint;
    expect(koffi.decode(ptr(8), 0, 'uint16_t', 3)).toEqual(Uint16Array.of(0x48, 0xe9, 0));
    expect(koffi.decode(ptr(24 + 8), 0, 'uint8_t', 4)).toEqual(Uint8Array.of(0x48, 0xe9, 0x80, 0)); // Windows-1252
    expect(koffi.decode(p, 48 + 8, 'uint32_t')).toBe(3);
    expect(koffi.decode(ptr(48 + 16), 0, 'uint8_t', 3)).toEqual(Uint8Array.of(1, 2, 3));
    // §5: IID_IMessage {00020307-0000-0000-C000-000000000046} is 07 03 02 00 00 00 00 00 C0 00 00 00 00 00 00 46 in memory.
    expect(Array.from(koffi.decode(ptr(72 + 8), 0, 'uint8_t', 16) as Uint8Array)).toEqual([7, 3, 2, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0x46]);
    abi.alloc.freeBuffer(p);
  });

  it('multi-valued: count @8, pointer @16; GUIDs inline (stride 16), SBinary stride 16, FILETIME stride 8', () => {
    abi = makeTestAbi();
    const { koffi } = abi;
    const p = encodePropArray(abi, [
      { ulPropTag: T(PT_MV_LONG), Value: [1, -1] },
      { ulPropTag: T(PT_MV_CLSID), Value: [IID_IMessage, IID_IMessage] },
      { ulPropTag: T(PT_MV_BINARY), Value: [Uint8Array.of(9), Uint8Array.of(8, 7)] },
      { ulPropTag: T(PT_MV_SYSTIME), Value: [new FILETIME(1n), new FILETIME(2n)] },
      { ulPropTag: T(PT_MV_UNICODE), Value: ['a', 'b'] },
    ]);
    const arr = (i: number) => koffi.decode(p, i * 24 + 16, 'void *') as bigint;
    expect(koffi.decode(p, 8, 'uint32_t')).toBe(2);
    expect(koffi.decode(arr(0), 0, 'int32_t', 2)).toEqual(Int32Array.of(1, -1));
    expect(koffi.decode(arr(1), 16, 'uint8_t', 1)).toEqual(Uint8Array.of(7));
    expect(koffi.decode(arr(2), 16, 'uint32_t')).toBe(2);
    expect(koffi.decode(koffi.decode(arr(2), 24, 'void *'), 0, 'uint8_t', 2)).toEqual(Uint8Array.of(8, 7));
    expect(koffi.decode(arr(3), 8, 'uint32_t')).toBe(2);
    expect(koffi.decode.string16(koffi.decode(arr(4), 8, 'void *'))).toBe('b');
    abi.alloc.freeBuffer(p);
  });

  it('reads an SPropValue array written by hand at the reference offsets', () => {
    abi = makeTestAbi();
    const { koffi, mem } = abi;
    const p = mem.alloc(48);
    const s = mem.alloc(8);
    koffi.encode(s, 0, 'uint16_t', Uint16Array.of(0x4f, 0x4b, 0), 3);
    koffi.encode(p, 0, 'uint32_t', PR_SUBJECT_W);
    koffi.encode(p, 8, 'void *', s);
    koffi.encode(p, 24, 'uint32_t', T(PT_BOOLEAN));
    koffi.encode(p, 32, 'uint16_t', 0x0100); // any non-zero b is TRUE
    expect(readPropArray(mem, p, 2, 1252)).toEqual([
      { ulPropTag: PR_SUBJECT_W, Value: 'OK' },
      { ulPropTag: T(PT_BOOLEAN), Value: true },
    ]);
    mem.free(p);
    mem.free(s);
  });
});

describe('SRestriction bytes (§2.5)', () => {
  it('rt @0, union @8; AND children stride 32; RES_PROPERTY relop/tag/lpProp; RES_COMMENT lpRes @16, lpProp @24', () => {
    abi = makeTestAbi();
    const { koffi } = abi;
    const p = encodeRestriction(abi, {
      rt: RES_AND,
      lpRes: [
        { rt: RES_EXIST, ulPropTag: PR_SUBJECT_W },
        { rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_SUBJECT_W, lpProp: { ulPropTag: PR_SUBJECT_W, Value: 'x' } },
        { rt: RES_COMMENT, lpProp: [{ ulPropTag: T(PT_LONG), Value: 7 }], lpRes: null },
      ],
    });
    expect([koffi.decode(p, 0, 'uint32_t'), koffi.decode(p, 8, 'uint32_t')]).toEqual([RES_AND, 3]);
    const kids = koffi.decode(p, 16, 'void *') as bigint;
    expect([koffi.decode(kids, 0, 'uint32_t'), koffi.decode(kids, 12, 'uint32_t'), koffi.decode(kids, 8, 'uint32_t'), koffi.decode(kids, 16, 'uint32_t')]).toEqual([RES_EXIST, PR_SUBJECT_W, 0, 0]);
    expect([koffi.decode(kids, 32, 'uint32_t'), koffi.decode(kids, 40, 'uint32_t'), koffi.decode(kids, 44, 'uint32_t')]).toEqual([RES_PROPERTY, RELOP_EQ, PR_SUBJECT_W]);
    const prop = koffi.decode(kids, 48, 'void *') as bigint;
    expect(koffi.decode(prop, 0, 'uint32_t')).toBe(PR_SUBJECT_W);
    expect([koffi.decode(kids, 64, 'uint32_t'), koffi.decode(kids, 72, 'uint32_t'), koffi.decode(kids, 80, 'void *')]).toEqual([RES_COMMENT, 1, null]);
    expect(koffi.decode(koffi.decode(kids, 88, 'void *'), 8, 'int32_t')).toBe(7);
    abi.alloc.freeBuffer(p);
  });

  it('reads a RES_NOT written by hand', () => {
    abi = makeTestAbi();
    const { koffi, mem } = abi;
    const outer = mem.alloc(32);
    const inner = mem.alloc(32);
    koffi.encode(outer, 0, 'uint32_t', 2); // RES_NOT
    koffi.encode(outer, 16, 'void *', inner);
    koffi.encode(inner, 0, 'uint32_t', RES_EXIST);
    koffi.encode(inner, 12, 'uint32_t', PR_SUBJECT_W);
    expect(readRestriction(mem, outer, 1252)).toEqual({ rt: 2, lpRes: { rt: RES_EXIST, ulPropTag: PR_SUBJECT_W } });
    mem.free(outer);
    mem.free(inner);
  });
});

describe('rows, sorts and notifications (§2.2, §2.4, §2.6)', () => {
  it('SRowSet: cRows @0, rows from 8 with cValues @+4 and lpProps @+8, each row its own block', () => {
    abi = makeTestAbi();
    const { koffi } = abi;
    const p = encodeRowSet(abi, [[{ ulPropTag: T(PT_LONG), Value: 1 }], []]);
    expect([koffi.decode(p, 0, 'uint32_t'), koffi.decode(p, 12, 'uint32_t'), koffi.decode(p, 28, 'uint32_t')]).toEqual([2, 1, 0]);
    const row0 = koffi.decode(p, 16, 'void *') as bigint;
    expect(abi.tracker.isLive(row0)).toBe(true);
    expect(koffi.decode(row0, 8, 'int32_t')).toBe(1);
    freeRowSet(abi, p);
  });

  it('SSortOrderSet: cSorts, cCategories, cExpanded, then {tag, order} pairs from 12', () => {
    abi = makeTestAbi();
    const { koffi } = abi;
    const p = encodeSortOrderSet(abi, { aSort: [{ ulPropTag: PR_SUBJECT_W, ulOrder: 1 }], cCategories: 1, cExpanded: 0 });
    expect(Array.from(koffi.decode(p, 0, 'uint32_t', 5) as Uint32Array)).toEqual([1, 1, 0, PR_SUBJECT_W, 1]);
    abi.alloc.freeBuffer(p);
  });

  it('TABLE_NOTIFICATION: event @8, propIndex @16, propPrior @40, row cValues @68 / lpProps @72 (stride 88)', () => {
    abi = makeTestAbi();
    const { koffi } = abi;
    const key = { ulPropTag: PR_INSTANCE_KEY, Value: Uint8Array.of(1, 2) };
    const p = encodeNotifications(abi, [
      { ulEventType: fnevTableModified, tab: { ulTableEvent: TABLE_ROW_ADDED, hResult: 0, propIndex: key, propPrior: key, row: { lpProps: [key] } } },
      { ulEventType: fnevTableModified, tab: { ulTableEvent: 9, hResult: 0, propIndex: key, propPrior: key, row: { lpProps: [] } } },
    ]);
    expect([koffi.decode(p, 0, 'uint32_t'), koffi.decode(p, 8, 'uint32_t'), koffi.decode(p, 16, 'uint32_t'), koffi.decode(p, 40, 'uint32_t')]).toEqual([
      fnevTableModified, TABLE_ROW_ADDED, PR_INSTANCE_KEY, PR_INSTANCE_KEY,
    ]);
    expect(koffi.decode(p, 68, 'uint32_t')).toBe(1);
    expect(koffi.decode(koffi.decode(p, 72, 'void *'), 0, 'uint32_t')).toBe(PR_INSTANCE_KEY);
    expect(koffi.decode(p, 88 + 8, 'uint32_t')).toBe(9);
    abi.alloc.freeBuffer(p);
  });
});
