import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compressRtf } from '../../../src/formats/rtf/lzfuCompress.js';
import {
  COMPTYPE_COMPRESSED,
  COMPTYPE_UNCOMPRESSED,
  decompressRtf,
  INITIAL_DICTIONARY,
  readCompressedRtfHeader,
} from '../../../src/formats/rtf/compressedRtf.js';
import { crc32Rtf } from '../../../src/formats/rtf/crc32.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA } from '../../../src/core/generated/scodes.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
const latin1 = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

// [MS-OXRTFCP] 3.1.1 / 3.2.1 (example 1) and 3.1.2 / 3.2.2 (example 2, a reference crossing the write offset).
const EXAMPLE1_RTF = '{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n';
const EXAMPLE1 = hex(
  '2d000000 2b000000 4c5a4675 f1c5c7a7 03 000a 00 72 63 70 67 31 32 35 42 32 0a f3 20 68 65 6c 09 00 20 62 77 05 b0 6c 64 7d 0a 80 0f a0',
);
const EXAMPLE2_RTF = '{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}';
const EXAMPLE2 = hex('1a000000 1c000000 4c5a4675 e2d44b51 41 00 04 20 57 58 59 5a 0d 6e 7d 01 0e b0');

function expectCorrupt(f: () => unknown, message?: RegExp): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MapiError);
    expect((e as MapiError).scode).toBe(MAPI_E_CORRUPT_DATA);
    if (message) expect((e as MapiError).message).toMatch(message);
    return;
  }
  throw new Error('expected MAPI_E_CORRUPT_DATA');
}

/** A header + contents with a correct CRC. */
function stream(rawSize: number, contents: Uint8Array, compSize = contents.length + 12): Uint8Array {
  const out = new Uint8Array(16 + contents.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, compSize, true);
  dv.setUint32(4, rawSize, true);
  dv.setUint32(8, COMPTYPE_COMPRESSED, true);
  dv.setUint32(12, crc32Rtf(contents), true);
  out.set(contents, 16);
  return out;
}

describe('crc32Rtf', () => {
  it('is the reflected CRC-32 started at 0 without the final XOR ([MS-OXRTFCP] 2.1.2.2)', () => {
    expect(crc32Rtf(latin1('123456789'))).toBe(0x2dfd2d88);
    expect(crc32Rtf(new Uint8Array())).toBe(0);
  });

  it('matches the CRC of example 1', () => {
    expect(crc32Rtf(EXAMPLE1.subarray(16))).toBe(0xa7c7c5f1);
  });
});

describe('decompressRtf', () => {
  it('decompresses the spec example 1 ([MS-OXRTFCP] 3.1.1)', () => {
    expect(text(decompressRtf(EXAMPLE1))).toBe(EXAMPLE1_RTF);
  });

  it('copies a reference that crosses the write offset byte by byte ([MS-OXRTFCP] 3.1.2)', () => {
    expect(text(decompressRtf(EXAMPLE2))).toBe(EXAMPLE2_RTF);
  });

  it('starts from the 207-byte initial dictionary', () => {
    expect(INITIAL_DICTIONARY.length).toBe(207);
    expect(text(INITIAL_DICTIONARY.subarray(0, 12))).toBe('{\\rtf1\\ansi\\');
    expect(text(INITIAL_DICTIONARY.subarray(194))).toBe('\\b\\i\\u\\tab\\tx');
  });

  it('returns MELA contents as stored, up to COMPSIZE, without checking RAWSIZE or the CRC', () => {
    const mela = compressRtf(latin1('{\\rtf1 plain}'), { uncompressed: true });
    expect(text(decompressRtf(mela))).toBe('{\\rtf1 plain}');
    const padded = new Uint8Array(mela.length + 3);
    padded.set(mela);
    new DataView(padded.buffer).setUint32(4, 999, true);
    new DataView(padded.buffer).setUint32(12, 0xdeadbeef, true);
    expect(text(decompressRtf(padded))).toBe('{\\rtf1 plain}');
  });

  it('ignores bytes after COMPSIZE + 4 (trailing padding)', () => {
    const padded = new Uint8Array(EXAMPLE1.length + 5);
    padded.set(EXAMPLE1);
    expect(text(decompressRtf(padded))).toBe(EXAMPLE1_RTF);
  });

  it('ignores the control bits after the end marker', () => {
    // Example 2's last run: control 0x01 → set the unused high bits.
    const s = EXAMPLE2.slice();
    s[s.length - 3] = 0xf1;
    const fixed = stream(28, s.subarray(16));
    expect(text(decompressRtf(fixed))).toBe(EXAMPLE2_RTF);
  });

  describe('corrupt streams → MAPI_E_CORRUPT_DATA', () => {
    it('shorter than the header', () => expectCorrupt(() => decompressRtf(EXAMPLE1.subarray(0, 15)), /header/));

    it('unknown COMPTYPE', () => {
      const s = EXAMPLE1.slice();
      s[8] = 0x41;
      expectCorrupt(() => decompressRtf(s), /COMPTYPE/);
    });

    it('COMPSIZE past the end (truncated stream)', () => expectCorrupt(() => decompressRtf(EXAMPLE1.subarray(0, EXAMPLE1.length - 1)), /truncated/));

    it('COMPSIZE below 12', () => {
      const s = EXAMPLE1.slice();
      new DataView(s.buffer).setUint32(0, 11, true);
      expectCorrupt(() => decompressRtf(s), /COMPSIZE/);
    });

    it('a CRC that does not match the contents', () => {
      const s = EXAMPLE1.slice();
      s[20] = s[20]! ^ 1;
      expectCorrupt(() => decompressRtf(s), /CRC/);
    });

    it('RAWSIZE larger than the contents can expand to (8×), before allocating', () => {
      expectCorrupt(() => decompressRtf(stream(0xfffffff0, EXAMPLE1.subarray(16))), /RAWSIZE/);
    });

    it('RAWSIZE above options.maxRawSize', () => {
      expectCorrupt(() => decompressRtf(EXAMPLE1, { maxRawSize: 42 }), /limit/);
      expect(decompressRtf(EXAMPLE1, { maxRawSize: 43 }).length).toBe(43);
    });

    it('contents that expand past RAWSIZE', () => expectCorrupt(() => decompressRtf(stream(42, EXAMPLE1.subarray(16))), /past RAWSIZE/));

    it('contents that expand to less than RAWSIZE (a header that lies)', () => {
      expectCorrupt(() => decompressRtf(stream(44, EXAMPLE1.subarray(16))), /not RAWSIZE/);
    });

    it('contents without the end marker', () => {
      // Example 2 without its final run (control 0x01 + end marker).
      expectCorrupt(() => decompressRtf(stream(28, EXAMPLE2.subarray(16, EXAMPLE2.length - 3))), /truncated/);
    });

    it('contents ending inside a reference', () => {
      expectCorrupt(() => decompressRtf(stream(28, EXAMPLE2.subarray(16, EXAMPLE2.length - 1))), /truncated/);
    });

    it('never throws anything else, and never returns more than 8 × the contents, for any bytes', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(400), (contents, rawSize) => {
          try {
            const out = decompressRtf(stream(rawSize, contents));
            expect(out.length).toBe(rawSize);
            expect(out.length).toBeLessThanOrEqual(8 * contents.length);
          } catch (e) {
            expect(e).toBeInstanceOf(MapiError);
            expect((e as MapiError).scode).toBe(MAPI_E_CORRUPT_DATA);
          }
        }),
        { numRuns: 500 },
      );
    });
  });
});

describe('readCompressedRtfHeader', () => {
  it('reads COMPSIZE, RAWSIZE, COMPTYPE and CRC', () => {
    expect(readCompressedRtfHeader(EXAMPLE1)).toEqual({ compSize: 0x2d, rawSize: 0x2b, compType: COMPTYPE_COMPRESSED, crc: 0xa7c7c5f1 });
  });
});

describe('compressRtf', () => {
  it('produces the bytes of the spec example 1 ([MS-OXRTFCP] 3.2.1)', () => {
    expect(hexOf(compressRtf(latin1(EXAMPLE1_RTF)))).toBe(hexOf(EXAMPLE1));
  });

  it('produces the bytes of the spec example 2, a match running across the write offset ([MS-OXRTFCP] 3.2.2)', () => {
    expect(hexOf(compressRtf(latin1(EXAMPLE2_RTF)))).toBe(hexOf(EXAMPLE2));
  });

  it('encodes empty input as one control byte and the end marker at offset 207', () => {
    const out = compressRtf(new Uint8Array());
    expect(hexOf(out.subarray(16))).toBe('010cf0');
    expect(decompressRtf(out).length).toBe(0);
  });

  it('writes MELA with CRC 0 on request (STORE_UNCOMPRESSED_RTF)', () => {
    const out = compressRtf(latin1('{\\rtf1}'), { uncompressed: true });
    expect(readCompressedRtfHeader(out)).toEqual({ compSize: 7 + 12, rawSize: 7, compType: COMPTYPE_UNCOMPRESSED, crc: 0 });
  });

  it('prefers the oldest of equally long matches, as the spec scan does', () => {
    // "ansi" is in the initial dictionary (offset 7) and was just written (offset 214).
    const out = compressRtf(latin1('{\\rtf1\\ansi\\ansicpg1252'));
    const refs: number[] = [];
    // Walk the first run and collect reference offsets.
    const control = out[16]!;
    let pos = 17;
    for (let bit = 0; bit < 8 && pos < out.length; bit++) {
      if (control & (1 << bit)) {
        refs.push(((out[pos]! << 8) | out[pos + 1]!) >> 4);
        pos += 2;
      } else pos++;
    }
    expect(refs).toContain(7);
    expect(refs).not.toContain(214);
  });

  it('round-trips RTF-like input (fast-check)', () => {
    const rtfPiece = fc.constantFrom('{', '}', '\\par ', '\\pard\\plain', '\\f0\\fs20 ', '\\tab ', 'hello ', 'world', '\r\n', "\\'e9", '\\u8364?', ' ', 'WXYZ');
    fc.assert(
      fc.property(fc.array(fc.oneof(rtfPiece, fc.string({ unit: 'binary-ascii', maxLength: 8 })), { maxLength: 300 }), (pieces) => {
        const input = latin1(pieces.join(''));
        expect(hexOf(decompressRtf(compressRtf(input)))).toBe(hexOf(input));
        expect(hexOf(decompressRtf(compressRtf(input, { uncompressed: true })))).toBe(hexOf(input));
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips arbitrary bytes, long runs and inputs past the 4096-byte dictionary wrap', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6000 }), fc.nat(255), fc.nat(9000), (random, b, runLength) => {
        const input = new Uint8Array(random.length + runLength);
        input.set(random);
        input.fill(b, random.length);
        expect(hexOf(decompressRtf(compressRtf(input)))).toBe(hexOf(input));
      }),
      { numRuns: 40 },
    );
  });

  it('compresses repetitive RTF well (matches of up to 17 bytes)', () => {
    const input = latin1('{\\rtf1 ' + 'The quick brown fox jumps over the lazy dog.\\par\r\n'.repeat(200) + '}');
    const out = compressRtf(input);
    expect(out.length).toBeLessThan(input.length / 6);
  });
});
