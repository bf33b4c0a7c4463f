import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isWrappedStoreEntryId, unwrapStoreEntryId, wrapStoreEntryId } from '../../../src/core/session/storeEntryId.js';
import { muidStoreWrap } from '../../../src/core/generated/guids.js';

const uid = fc.uint8Array({ minLength: 16, maxLength: 16 });

describe('wrapStoreEntryId', () => {
  it('follows [MS-OXCDATA] 2.2.4.3: flags 0, muidStoreWrap, version 0, flag 0, DLL name, inner ID', () => {
    const e = wrapStoreEntryId(new Uint8Array(16).fill(0xaa), new Uint8Array(16).fill(0xbb));
    expect(e.subarray(0, 4)).toEqual(new Uint8Array(4));
    expect(e.subarray(4, 20)).toEqual(muidStoreWrap.bytes);
    expect([e[20], e[21]]).toEqual([0, 0]);
    expect(new TextDecoder().decode(e.subarray(22, 33))).toBe('mapiemu.dll');
    expect(e[33]).toBe(0);
    expect(e.subarray(34, 38)).toEqual(new Uint8Array(4));
    expect(e.subarray(38, 54)).toEqual(new Uint8Array(16).fill(0xaa));
    expect(e.subarray(54, 70)).toEqual(new Uint8Array(16).fill(0xbb));
    expect(e.length).toBe(70);
  });

  it('round-trips through unwrapStoreEntryId', () => {
    fc.assert(
      fc.property(uid, uid, (store, provider) => {
        const w = unwrapStoreEntryId(wrapStoreEntryId(store, provider));
        expect(w?.storeUid).toEqual(store);
        expect(w?.providerUid).toEqual(provider);
      }),
    );
  });

  it('reads other providers’ wrapped IDs without interpreting their inner part', () => {
    const dll = new TextEncoder().encode('emsmdb.dll');
    const e = Uint8Array.from([0, 0, 0, 0, ...muidStoreWrap.bytes, 0, 0, ...dll, 0, 1, 2, 3]);
    expect(unwrapStoreEntryId(e)).toEqual({ dllName: 'emsmdb.dll', inner: Uint8Array.of(1, 2, 3) });
  });

  it('is undefined for anything else', () => {
    expect(isWrappedStoreEntryId(new Uint8Array(46))).toBe(false);
    expect(unwrapStoreEntryId(new Uint8Array(46))).toBeUndefined();
    // no NUL after the DLL name
    expect(unwrapStoreEntryId(Uint8Array.from([0, 0, 0, 0, ...muidStoreWrap.bytes, 0, 0, 0x41, 0x42]))).toBeUndefined();
  });
});
