import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CP_ACP,
  CP_OEMCP,
  CP_SYMBOL,
  CP_UTF8,
  codePageEncodingName,
  decodeString8,
  encodeString8,
  internetCodePageFamily,
  isSupportedCodePage,
  messageCodePage,
  resolveCodePage,
  string8RoundTrip,
  supportedCodePages,
} from '../../../src/core/props/codepage.js';
import { decodeIso2022Jp } from '../../../src/core/props/iso2022jp.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { MAPI_E_UNKNOWN_CPID } from '../../../src/core/generated/scodes.js';
import { PR_INTERNET_CPID, PR_MESSAGE_CODEPAGE, PR_SUBJECT_A } from '../../../src/core/generated/proptags.js';
import type { SPropValue } from '../../../src/core/props/types.js';

const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');
const ascii = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));
const JAPANESE = '日本語のテキスト';
const RUSSIAN = 'Привет';

describe('Cyrillic code pages', () => {
  it('encodes and decodes Windows-1251', () => {
    expect(hexOf(encodeString8(RUSSIAN, 1251))).toBe('cff0e8e2e5f2');
    expect(decodeString8(bytes('cff0e8e2e5f2'), 1251)).toBe(RUSSIAN);
    expect(string8RoundTrip('Привет, мир! Ёё', 1251)).toBe('Привет, мир! Ёё');
  });

  it('encodes and decodes KOI8-R (20866) and KOI8-U (21866)', () => {
    expect(hexOf(encodeString8(RUSSIAN, 20866))).toBe('f0d2c9d7c5d4');
    expect(decodeString8(bytes('f0d2c9d7c5d4'), 20866)).toBe(RUSSIAN);
    expect(hexOf(encodeString8('Привіт', 21866))).toBe('f0d2c9d7a6d4');
    expect(string8RoundTrip('Привіт', 20866)).toBe('Прив?т'); // і is not in KOI8-R
  });

  it('reads the subject of poi__ASCII_CP1251_LCID1049.msg (PR_INTERNET_CPID 1251)', () => {
    // __substg1.0_0037001E of ../shared/samples/msg/poi__ASCII_CP1251_LCID1049.msg
    const subject = bytes('5375626a65637420e0e2f2eeece0f2e8f7e5f1eae8205375626a656374');
    const cp = messageCodePage([{ ulPropTag: PR_INTERNET_CPID, Value: 1251 }]);
    expect(decodeString8(subject, cp)).toBe('Subject автоматически Subject');
  });
});

describe('Japanese code pages', () => {
  it('encodes and decodes Shift_JIS (932)', () => {
    expect(hexOf(encodeString8(JAPANESE, 932))).toBe('93fa967b8cea82cc8365834c83588367');
    expect(decodeString8(bytes('93fa967b8cea82cc8365834c83588367'), 932)).toBe(JAPANESE);
    expect(string8RoundTrip('ｶﾀｶﾅ ① 髙', 932)).toBe('ｶﾀｶﾅ ① 髙');
  });

  it('encodes 50220 as ISO-2022-JP, ending in ASCII', () => {
    // Python's iso2022_jp codec gives the same bytes.
    expect(hexOf(encodeString8(JAPANESE, 50220))).toBe('1b2442467c4b5c386c244e2546252d253925481b2842');
    expect(decodeString8(bytes('1b2442467c4b5c386c244e2546252d253925481b2842'), 50220)).toBe(JAPANESE);
    expect(string8RoundTrip(`${JAPANESE} and ASCII`, 50220)).toBe(`${JAPANESE} and ASCII`);
    expect(hexOf(encodeString8('abc', 50220))).toBe('616263');
  });

  it('makes half-width katakana full-width in 50220, one by one', () => {
    expect(string8RoundTrip('ｶﾀｶﾅ', 50220)).toBe('カタカナ');
    expect(string8RoundTrip('ｶﾞ｡', 50220)).toBe('カ゛。');
  });

  it('keeps half-width katakana as ESC ( I in 50221 and as ESC ( J SO in 50222', () => {
    const text = '日本語 ｶﾀｶﾅ abc';
    // Python's iso2022_jp_ext codec gives the same bytes for 50221.
    expect(hexOf(encodeString8(text, 50221))).toBe('1b2442467c4b5c386c1b2842201b2849364036451b284220616263');
    expect(hexOf(encodeString8('ｶﾀ', 50222))).toBe('1b284a0e36401b2842');
    expect(string8RoundTrip(text, 50221)).toBe(text);
    expect(string8RoundTrip(text, 50222)).toBe(text);
    expect(string8RoundTrip('ｱ日ｱ', 50222)).toBe('ｱ日ｱ');
  });

  it('decodes every ISO-2022-JP escape form with any of the three code pages', () => {
    const esc = '\x1b';
    expect(decodeIso2022Jp(ascii(`${esc}$@F|K\\${esc}(J!`))).toBe('日本!');
    expect(decodeIso2022Jp(ascii(`${esc}&@${esc}$BF|${esc}(B`))).toBe('日');
    expect(decodeIso2022Jp(ascii(`${esc}$(BF|${esc}(B`))).toBe('日');
    expect(decodeIso2022Jp(ascii(`a\x0e6@\x0fb`))).toBe('aｶﾀb');
    expect(decodeIso2022Jp(ascii(`${esc}$BF|\r\nK\\${esc}(B`))).toBe('日\r\n本');
    expect(decodeString8(ascii(`${esc}(I6@${esc}(B`), 50220)).toBe('ｶﾀ');
    expect(decodeString8(ascii(`${esc}$(D"7${esc}(B`), 50222)).toBe('～');
    expect(decodeString8(ascii(`${esc}x`), 50221)).toBe(`${esc}x`);
  });

  it('reads the subject of msgreader__nonUnicodeCP932.msg (PR_INTERNET_CPID 50220, text in 932)', () => {
    // __substg1.0_0037001E of ../shared/samples/msg/msgreader__nonUnicodeCP932.msg: the store
    // keeps PT_STRING8 in Shift_JIS although the internet code page is ISO-2022-JP.
    const subject = bytes('93fa967b8cea204e6f6e20556e69636f646520835e83438367838b');
    const cp = messageCodePage([{ ulPropTag: PR_INTERNET_CPID, Value: 50220 }]);
    expect(cp).toBe(932);
    expect(decodeString8(subject, cp)).toBe('日本語 Non Unicode タイトル');
  });
});

describe("unrepresentable characters become '?'", () => {
  it('replaces one ? per UTF-16 unit, like WideCharToMultiByte', () => {
    expect(hexOf(encodeString8('aĀb', 1252))).toBe('613f62');
    expect(string8RoundTrip('a😀b', 1252)).toBe('a??b');
    expect(string8RoundTrip('a😀b', 932)).toBe('a??b');
    expect(string8RoundTrip('a😀b', 50220)).toBe('a??b');
    expect(string8RoundTrip(JAPANESE, 1251)).toBe('????????');
    expect(string8RoundTrip(RUSSIAN, 1252)).toBe('??????');
    expect(string8RoundTrip('€', 28591)).toBe('?');
  });

  it('keeps what Unicode code pages can hold', () => {
    expect(string8RoundTrip('a😀b Привет 日本', CP_UTF8)).toBe('a😀b Привет 日本');
    expect(string8RoundTrip('a😀b', 54936)).toBe('a😀b');
    expect(string8RoundTrip('a😀b', 1200)).toBe('a😀b');
  });

  it("passes 1252's undefined C1 bytes through as U+0080–U+009F", () => {
    expect(decodeString8(bytes('818d8f909d'), 1252)).toBe('\u0081\u008d\u008f\u0090\u009d');
    expect(hexOf(encodeString8('\u0081\u0090', 1252))).toBe('8190');
    expect(decodeString8(bytes('80'), 1252)).toBe('€');
  });
});

describe('messageCodePage', () => {
  const long = (ulPropTag: number, Value: number): SPropValue => ({ ulPropTag, Value });

  it('prefers PR_MESSAGE_CODEPAGE, then PR_INTERNET_CPID, then CP_ACP', () => {
    expect(messageCodePage([long(PR_INTERNET_CPID, 1251), long(PR_MESSAGE_CODEPAGE, 1250)])).toBe(1250);
    expect(messageCodePage([long(PR_MESSAGE_CODEPAGE, 1250), long(PR_INTERNET_CPID, 1251)])).toBe(1250);
    expect(messageCodePage([long(PR_INTERNET_CPID, 1251), { ulPropTag: PR_SUBJECT_A, Value: 'x' }])).toBe(1251);
    expect(messageCodePage([])).toBe(1252);
    expect(messageCodePage([], 932)).toBe(932);
  });

  it('maps an internet code page to its Windows family', () => {
    expect(messageCodePage([long(PR_INTERNET_CPID, 20866)])).toBe(1251);
    expect(messageCodePage([long(PR_INTERNET_CPID, 28591)])).toBe(1252);
    expect(messageCodePage([long(PR_INTERNET_CPID, CP_UTF8)])).toBe(CP_UTF8);
    expect(messageCodePage([long(PR_MESSAGE_CODEPAGE, 20866)])).toBe(20866);
    expect(internetCodePageFamily(50222)).toBe(932);
  });

  it('treats zero values and PT_ERROR entries as absent', () => {
    const errorTag = (PR_MESSAGE_CODEPAGE & 0xffff0000) | 0x000a;
    expect(messageCodePage([long(PR_MESSAGE_CODEPAGE, 0), long(PR_INTERNET_CPID, 1251)])).toBe(1251);
    expect(messageCodePage([long(errorTag, 0x8004010f), long(PR_INTERNET_CPID, 0)], 1253)).toBe(1253);
  });
});

describe('code page support', () => {
  it('resolves CP_ACP and the other pseudo code pages against the ANSI code page', () => {
    expect(resolveCodePage(CP_ACP)).toBe(1252);
    expect(resolveCodePage(CP_ACP, 1251)).toBe(1251);
    expect(resolveCodePage(CP_OEMCP, 1251)).toBe(866);
    expect(decodeString8(bytes('cff0e8e2e5f2'), CP_ACP, 1251)).toBe(RUSSIAN);
    expect(decodeString8(bytes('c0'), CP_ACP)).toBe('À');
    expect(codePageEncodingName(CP_ACP)).toBe('windows-1252');
  });

  it('names the encodings', () => {
    expect(codePageEncodingName(1251)).toBe('windows-1251');
    expect(codePageEncodingName(20866)).toBe('koi8-r');
    expect(codePageEncodingName(50221)).toBe('iso-2022-jp');
    expect(codePageEncodingName(65001)).toBe('utf-8');
    expect(codePageEncodingName(12345)).toBeUndefined();
    expect(isSupportedCodePage(932)).toBe(true);
    expect(isSupportedCodePage(CP_ACP)).toBe(true);
    expect(isSupportedCodePage(12345)).toBe(false);
  });

  it('throws MAPI_E_UNKNOWN_CPID for a code page it cannot convert', () => {
    for (const convert of [() => decodeString8(bytes('41'), 12345), () => encodeString8('A', 50225)]) {
      expect(convert).toThrow(MapiError);
      try {
        convert();
      } catch (e) {
        expect(MapiError.is(e, MAPI_E_UNKNOWN_CPID)).toBe(true);
        expect((e as MapiError).name).toBe('MAPI_E_UNKNOWN_CPID');
      }
    }
  });

  it('keeps byte order marks and NULs, as MultiByteToWideChar does', () => {
    expect(decodeString8(bytes('efbbbf41'), CP_UTF8)).toBe('\ufeffA');
    expect(decodeString8(bytes('414200'), 1252)).toBe('AB\0');
    expect(hexOf(encodeString8('A', 1200))).toBe('4100');
  });

  it('maps the Symbol code page to U+F020–U+F0FF', () => {
    expect(decodeString8(bytes('0a41ff'), CP_SYMBOL)).toBe('\n\uf041\uf0ff');
    expect(hexOf(encodeString8('\n\uf041A', CP_SYMBOL))).toBe('0a413f');
  });
});

describe('round trips (property)', () => {
  /** The characters a single-byte code page holds, from decoding all of its bytes. */
  const repertoire = (cp: number) => [...new Set(decodeString8(Uint8Array.from({ length: 256 }, (_, i) => i), cp))].filter((c) => c !== '\ufffd');
  const singleByte = supportedCodePages().filter(
    (cp) => !codePageEncodingName(cp)?.startsWith('utf') && decodeString8(Uint8Array.of(0xe0, 0xe1), cp).length === 2,
  );

  it('covers the single-byte code pages it claims', () => {
    expect(singleByte).toEqual(expect.arrayContaining([437, 850, 866, 874, 1250, 1251, 1252, 1258, 20127, 20866, 21866, 28591, 28605]));
  });

  it.each(singleByte)('keeps text representable in single-byte code page %i', (cp) => {
    const chars = repertoire(cp);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 40 }), (arr) => {
        const text = arr.join('');
        const encoded = encodeString8(text, cp);
        expect(encoded.length).toBe(text.length);
        expect(decodeString8(encoded, cp)).toBe(text);
      }),
      { numRuns: 50 },
    );
  });

  /** Every JIS X 0208 character, from decoding the EUC-JP double-byte codes. */
  const jis0208 = (() => {
    const out = new Set<string>();
    for (let a = 0xa1; a <= 0xfe; a++) {
      for (let b = 0xa1; b <= 0xfe; b++) {
        const c = decodeString8(Uint8Array.of(a, b), 51932);
        if (c.length === 1 && c !== '\ufffd') out.add(c);
      }
    }
    return [...out];
  })();
  const japaneseText = fc
    .array(fc.oneof(fc.constantFrom(...jis0208), fc.constantFrom(...'abc XYZ 019.,!?\r\n')), { maxLength: 40 })
    .map((a) => a.join(''));

  it.each([932, 50220, 50221, 50222, 51932])('keeps JIS X 0208 text in Japanese code page %i', (cp) => {
    fc.assert(
      fc.property(japaneseText, (text) => {
        // 932 and EUC-JP write a few symbols with other code points (U+FF5E for 〜, ...):
        // after one trip the text is stable.
        const once = string8RoundTrip(text, cp);
        expect(string8RoundTrip(once, cp)).toBe(once);
        expect([...once].length).toBe([...text].length);
      }),
      { numRuns: 100 },
    );
    const sample = jis0208.filter((c) => string8RoundTrip(c, cp) === c);
    expect(sample.length).toBeGreaterThan(6000);
  });

  it.each(supportedCodePages())('is stable after one trip through code page %i', (cp) => {
    // ESC, SO and SI are ISO-2022-JP's own controls; text holding them cannot round-trip there.
    const text = fc.string({ unit: 'binary', maxLength: 30 }).map((s) => s.replace(/[\x1b\x0e\x0f]/g, ''));
    fc.assert(
      fc.property(text, (t) => {
        const once = string8RoundTrip(t, cp);
        expect(string8RoundTrip(once, cp)).toBe(once);
      }),
      { numRuns: 40 },
    );
  });
});
