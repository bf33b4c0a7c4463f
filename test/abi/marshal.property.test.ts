/**
 * JS → native → JS round trips of everything the backend marshals: random SPropValue arrays
 * (every type, MV, MVI columns, PT_ERROR, PT_NULL/PT_OBJECT), restrictions of every type
 * nested, row sets, tag arrays, sort orders, entry lists, named-property names and
 * notifications come back unchanged, and every MAPI block allocated is freed exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ImageWriter } from '../../src/providers/windows/abi/writer.js';
import { encodePropArray, readPropArray } from '../../src/providers/windows/abi/propValue.js';
import { encodeRestriction, readRestriction } from '../../src/providers/windows/abi/restriction.js';
import { encodeRowSet, freeRowSet, readRowSet } from '../../src/providers/windows/abi/rows.js';
import {
  encodeEntryList, encodeSortOrderSet, encodeTagArray, readEntryList, readProblemArray, readSortOrderSet, readTagArray, encodeProblemArray,
} from '../../src/providers/windows/abi/arrays.js';
import { encodeNameIdPointers, readNameIdPointers } from '../../src/providers/windows/abi/nameid.js';
import { encodeNotifications, readNotifications } from '../../src/providers/windows/abi/notification.js';
import { encodeMapiError, readMapiError } from '../../src/providers/windows/abi/misc.js';
import { GUID } from '../../src/core/props/guid.js';
import { MNID_ID, MNID_STRING } from '../../src/core/generated/constants.js';
import { expectNoLeaks, makeTestAbi, type TestAbi } from './helpers.js';
import { notification, propArray, restriction, rowSet } from './arbitraries.js';

let abi: TestAbi;
const fresh = () => {
  abi = makeTestAbi();
  return abi;
};
afterEach(() => {
  expectNoLeaks(abi.tracker);
  abi.tracker.dispose();
});

const RUNS = { numRuns: 150 };

describe('SPropValue marshalling', () => {
  it('random property arrays survive JS → native → JS unchanged', () => {
    const a = fresh();
    fc.assert(
      fc.property(propArray, (props) => {
        const p = encodePropArray(a, props);
        try {
          expect(readPropArray(a.mem, p, props.length, a.codePage)).toEqual(props);
        } finally {
          a.alloc.freeBuffer(p);
        }
      }),
      RUNS,
    );
  });

  it('an array is one MAPI block: one MAPIAllocateBuffer, one MAPIFreeBuffer', () => {
    const a = fresh();
    fc.assert(
      fc.property(propArray, (props) => {
        const before = a.tracker.allocations;
        const p = encodePropArray(a, props);
        expect(a.tracker.allocations - before).toBe(1);
        a.alloc.freeBuffer(p);
      }),
      { numRuns: 30 },
    );
  });
});

describe('SRestriction marshalling', () => {
  it('random restrictions of every type, nested, survive the round trip', () => {
    const a = fresh();
    fc.assert(
      fc.property(restriction, (r) => {
        const p = encodeRestriction(a, r);
        try {
          expect(readRestriction(a.mem, p, a.codePage)).toEqual(r);
        } finally {
          a.alloc.freeBuffer(p);
        }
      }),
      RUNS,
    );
  });
});

describe('SRowSet marshalling', () => {
  it('random row sets survive the round trip; each row is its own block', () => {
    const a = fresh();
    fc.assert(
      fc.property(rowSet, (rows) => {
        const before = a.tracker.allocations;
        const p = encodeRowSet(a, rows.map((r) => r.lpProps));
        expect(a.tracker.allocations - before).toBe(rows.length + 1);
        try {
          expect(readRowSet(a.mem, p, a.codePage)).toEqual(rows);
        } finally {
          freeRowSet(a, p);
        }
      }),
      RUNS,
    );
  });
});

describe('counted arrays', () => {
  it('tag arrays, sort order sets, entry lists and problem arrays round-trip', () => {
    const a = fresh();
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    fc.assert(
      fc.property(
        fc.array(u32, { maxLength: 10 }),
        fc.record({ aSort: fc.array(fc.record({ ulPropTag: u32, ulOrder: fc.integer({ min: 0, max: 8 }) }), { maxLength: 5 }), cCategories: fc.integer({ min: 0, max: 5 }), cExpanded: fc.integer({ min: 0, max: 5 }) }),
        fc.array(fc.uint8Array({ maxLength: 30 }), { maxLength: 5 }),
        fc.array(fc.record({ ulIndex: u32, ulPropTag: u32, scode: u32 }), { maxLength: 5 }),
        (tags, sorts, entries, problems) => {
          const pt = encodeTagArray(a, tags);
          const ps = encodeSortOrderSet(a, sorts);
          const pe = encodeEntryList(a, entries);
          const pp = encodeProblemArray(a, problems);
          try {
            expect(readTagArray(a.mem, pt)).toEqual(tags);
            expect(readSortOrderSet(a.mem, ps)).toEqual(sorts);
            expect(readEntryList(a.mem, pe)).toEqual(entries);
            expect(readProblemArray(a.mem, pp)).toEqual(problems);
          } finally {
            for (const p of [pt, ps, pe, pp]) a.alloc.freeBuffer(p);
          }
        },
      ),
      RUNS,
    );
  });

  it('MAPINAMEID pointer arrays round-trip, NULL entries included', () => {
    const a = fresh();
    const guid = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => new GUID(b));
    const name = fc.oneof(
      fc.record({ lpguid: guid, ulKind: fc.constant(MNID_ID), lID: fc.integer({ min: -0x80000000, max: 0x7fffffff }) }),
      fc.record({ lpguid: guid, ulKind: fc.constant(MNID_STRING), lpwstrName: fc.string({ unit: 'binary', maxLength: 10 }).map((s) => s.replace(/\0/g, '')) }),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(name, { maxLength: 6 }), (names) => {
        const p = encodeNameIdPointers(a, names);
        try {
          expect(readNameIdPointers(a.mem, p, names.length)).toEqual(names);
        } finally {
          a.alloc.freeBuffer(p);
        }
      }),
      RUNS,
    );
  });

  it('MAPIERROR round-trips in UTF-16 and ANSI', () => {
    const a = fresh();
    const e = { ulVersion: 0, lpszError: 'échec – “quoted”', lpszComponent: 'mapi-emu', ulLowLevelError: 7, ulContext: 0x80000001 };
    const w = encodeMapiError(a, e, true);
    const n = encodeMapiError(a, e, false);
    expect(readMapiError(a.mem, w, true, a.codePage)).toEqual(e);
    expect(readMapiError(a.mem, n, false, a.codePage)).toEqual(e);
    a.alloc.freeBuffer(w);
    a.alloc.freeBuffer(n);
  });
});

describe('NOTIFICATION marshalling', () => {
  it('random notification arrays of every kind survive the round trip', () => {
    const a = fresh();
    fc.assert(
      fc.property(fc.array(notification, { maxLength: 4 }), (list) => {
        const p = encodeNotifications(a, list);
        try {
          expect(readNotifications(a.mem, p, list.length, a.codePage)).toEqual(list);
        } finally {
          a.alloc.freeBuffer(p);
        }
      }),
      RUNS,
    );
  });
});

describe('ImageWriter', () => {
  it('patches relative pointers against the block address', () => {
    fresh();
    const w = new ImageWriter(8);
    const at = w.reserve(8, 8);
    const s = w.utf16('abc');
    w.ptrTo(at, s);
    const bytes = w.resolve(0x1000n);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(at, true)).toBe(0x1000n + BigInt(s));
  });
});
