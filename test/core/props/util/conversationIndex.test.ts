import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HexFromBin, ScCreateConversationIndex } from '../../../../src/core/props/util/index.js';
import { FILETIME } from '../../../../src/core/props/filetime.js';
import { GUID } from '../../../../src/core/props/guid.js';
import { MapiError } from '../../../../src/core/errors/MapiError.js';
import { MAPI_E_INVALID_PARAMETER } from '../../../../src/core/generated/scodes.js';

const THREAD = GUID.parse('{12345678-9ABC-DEF0-1122-334455667788}');
const fixedGuid = () => THREAD;
const T0 = FILETIME.fromISOString('2024-03-01T12:00:00Z');

function scodeOf(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MapiError);
    return (e as MapiError).scode;
  }
  throw new Error('expected a MapiError');
}

describe('ScCreateConversationIndex', () => {
  it('starts a thread with a 22-byte header: 0x01, FILETIME bits 55..16 big-endian, the GUID in textual order', () => {
    const index = ScCreateConversationIndex(null, T0, fixedGuid);
    expect(index.length).toBe(22);
    expect(index[0]).toBe(0x01);
    const value40 = (T0.ticks >> 16n) & 0xffffffffffn;
    expect(HexFromBin(index.subarray(1, 6))).toBe(value40.toString(16).toUpperCase().padStart(10, '0'));
    expect(HexFromBin(index.subarray(6))).toBe('123456789ABCDEF01122334455667788');
  });

  it('treats an empty parent like no parent', () => {
    expect(ScCreateConversationIndex(new Uint8Array(0), T0, fixedGuid)).toEqual(ScCreateConversationIndex(null, T0, fixedGuid));
  });

  it('appends a 5-byte child block to the whole parent for a reply', () => {
    const parent = ScCreateConversationIndex(null, T0, fixedGuid);
    const oneHour = new FILETIME(T0.ticks + 36_000_000_000n);
    const reply = ScCreateConversationIndex(parent, oneHour, () => new GUID(new Uint8Array(16).fill(0x5a)));
    expect(reply.length).toBe(27);
    expect(reply.subarray(0, 22)).toEqual(parent);
    const headerTime = ((T0.ticks >> 16n) & 0xffffffffffn) << 16n;
    const diff = oneHour.ticks - headerTime;
    const word = new DataView(reply.buffer, 22, 4).getUint32(0, false);
    expect(word >>> 31).toBe(0); // DC = 0 for a difference under ~1.7 years
    expect(word & 0x7fffffff).toBe(Number((diff >> 18n) & 0x7fffffffn));
    expect(reply[26]).toBe(0x5a);
    const again = ScCreateConversationIndex(reply, new FILETIME(oneHour.ticks + 1n), fixedGuid);
    expect(again.length).toBe(32);
    expect(again.subarray(0, 27)).toEqual(reply);
  });

  it('uses the coarse delta code (DC = 1) for a difference of years', () => {
    const parent = ScCreateConversationIndex(null, T0, fixedGuid);
    const later = new FILETIME(T0.ticks + 10n * 365n * 24n * 36_000_000_000n);
    const reply = ScCreateConversationIndex(parent, later, fixedGuid);
    const word = new DataView(reply.buffer, 22, 4).getUint32(0, false);
    expect(word >>> 31).toBe(1);
    const diff = later.ticks - (((T0.ticks >> 16n) & 0xffffffffffn) << 16n);
    expect(word & 0x7fffffff).toBe(Number((diff >> 23n) & 0x7fffffffn));
  });

  it('appends to a non-standard parent (first byte not 0x01) as to any other', () => {
    const odd = new Uint8Array(22).fill(0x63);
    expect(ScCreateConversationIndex(odd, T0, fixedGuid).length).toBe(27);
  });

  it('is deterministic for an injected GUID source and random by default', () => {
    expect(ScCreateConversationIndex(null, T0, fixedGuid)).toEqual(ScCreateConversationIndex(null, T0, fixedGuid));
    const a = ScCreateConversationIndex(null, T0);
    const b = ScCreateConversationIndex(null, T0);
    expect(a.subarray(0, 6)).toEqual(b.subarray(0, 6));
    expect(a.subarray(6)).not.toEqual(b.subarray(6));
  });

  it('keeps the thread GUID and sorts replies after their parent (prefix relation)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 63n }), fc.array(fc.bigInt({ min: 0n, max: 2n ** 40n }), { maxLength: 5 }), (t, steps) => {
        let index = ScCreateConversationIndex(null, new FILETIME(t), fixedGuid);
        let now = t;
        for (const s of steps) {
          now += s;
          const next = ScCreateConversationIndex(index, new FILETIME(now), fixedGuid);
          expect(next.length).toBe(index.length + 5);
          expect(next.subarray(0, index.length)).toEqual(index);
          index = next;
        }
        expect(HexFromBin(index.subarray(6, 22))).toBe('123456789ABCDEF01122334455667788');
      }),
    );
  });

  it('rejects a bad parent, a short parent, a bad clock or a bad GUID source with MAPI_E_INVALID_PARAMETER', () => {
    expect(scodeOf(() => ScCreateConversationIndex('abc' as unknown as Uint8Array, T0))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(scodeOf(() => ScCreateConversationIndex(new Uint8Array(21), T0))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(scodeOf(() => ScCreateConversationIndex(null, new Date() as unknown as FILETIME))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(scodeOf(() => ScCreateConversationIndex(null, T0, (() => 'x') as unknown as () => GUID))).toBe(MAPI_E_INVALID_PARAMETER);
    expect(scodeOf(() => ScCreateConversationIndex(null, T0, 5 as unknown as () => GUID))).toBe(MAPI_E_INVALID_PARAMETER);
  });
});
