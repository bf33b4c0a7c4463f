import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createOneOffEntryId, parseOneOffEntryId } from '../../../src/core/ab/oneOff.js';
import { MAPI_ONE_OFF_NO_RICH_INFO, MAPI_ONE_OFF_UNICODE } from '../../../src/core/generated/constants.js';

describe('createOneOffEntryId', () => {
  it('lays out Flags, MUIDOOP, version 0 and a little-endian flag word, then UTF-16LE strings ([MS-OXCDATA] 2.2.5.1)', () => {
    const e = createOneOffEntryId('A', 'SMTP', 'a@b', true);
    expect([...e.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    expect([...e.subarray(4, 20)]).toEqual([0x81, 0x2b, 0x1f, 0xa4, 0xbe, 0xa3, 0x10, 0x19, 0x9d, 0x6e, 0x00, 0xdd, 0x01, 0x0f, 0x54, 0x02]);
    expect([...e.subarray(20, 22)]).toEqual([0, 0]);
    expect(e[22]! | (e[23]! << 8)).toBe(MAPI_ONE_OFF_UNICODE | MAPI_ONE_OFF_NO_RICH_INFO);
    expect([...e.subarray(24, 28)]).toEqual([0x41, 0, 0, 0]);
    expect(e.length).toBe(24 + 4 + 10 + 8);
  });

  it('round-trips through parseOneOffEntryId', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ minLength: 1, maxLength: 8 }), fc.string(), fc.boolean(), (name, type, addr, noRich) => {
        fc.pre(!name.includes('\0') && !type.includes('\0') && !addr.includes('\0'));
        const o = parseOneOffEntryId(createOneOffEntryId(name, type, addr, noRich));
        expect(o).toEqual({ displayName: name, addressType: type, emailAddress: addr, sendRichInfo: !noRich });
      }),
    );
  });

  it('parses 8-bit one-offs (flag word without MAPI_ONE_OFF_UNICODE) and rejects truncated ones', () => {
    const text = 'Bob\0SMTP\0bob@x\0';
    const e = new Uint8Array(24 + text.length);
    e.set(createOneOffEntryId('', '', '').subarray(0, 20));
    for (let i = 0; i < text.length; i++) e[24 + i] = text.charCodeAt(i);
    expect(parseOneOffEntryId(e)).toEqual({ displayName: 'Bob', addressType: 'SMTP', emailAddress: 'bob@x', sendRichInfo: true });
    expect(parseOneOffEntryId(e.subarray(0, e.length - 1))).toBeUndefined();
  });
});
