import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { htmlToEncapsulatedRtf, rtfCodePage, textToRtf } from '../../../src/formats/rtf/encapsulate.js';
import { deEncapsulateHtml, deEncapsulateText, rtfEncapsulation, rtfToText } from '../../../src/formats/rtf/deEncapsulate.js';
import { htmlToText } from '../../../src/formats/rtf/htmlToText.js';

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const CODE_PAGES = [1252, 1251, 1250, 932, 936, 949, 950, 65001, 20127, 28591, 50220, 1200, 1361, 42];

/** Strings heavy in what RTF must escape, line ends, non-ASCII of several scripts and lone surrogates. */
const awkwardString = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\r', '\n', '\r\n', '\t', '\\', '{', '}', ' ', '?', '0', 'a', 'é', 'я', 'あ', '中', '€', '\u00a0', '\u0000', '\u007f', '\ud83d', '\ude00', '\u{1F600}'),
    fc.string({ unit: 'binary', maxLength: 1 }),
  ),
  maxLength: 60,
});

describe('textToRtf', () => {
  it('writes the RTF Outlook builds for a plain-text body', () => {
    const rtf = text(textToRtf('body\r\n', 1252));
    expect(rtf).toBe(
      '{\\rtf1\\ansi\\ansicpg1252\\fromtext \\fbidis \\deff0{\\fonttbl\r\n{\\f0\\fswiss\\fcharset0 Arial;}\r\n' +
        '{\\f1\\fmodern Courier New;}\r\n{\\f2\\fnil\\fcharset2 Symbol;}\r\n{\\f3\\fmodern\\fcharset0 Courier New;}}\r\n' +
        '{\\colortbl\\red0\\green0\\blue0;\\red0\\green0\\blue255;}\r\n\\uc1\\pard\\plain\\deftab360 \\f0\\fs20 body\\par\r\n\r\n}',
    );
    expect(rtfEncapsulation(rtf)).toBe('text');
  });

  it("escapes characters of the code page as \\'hh and others as \\uN?", () => {
    const rtf = text(textToRtf('é€Ж{}\\\t', 1252));
    expect(rtf).toContain("\\'e9\\'80\\u1046?\\{\\}\\\\\\tab ");
  });

  it('gives the Cyrillic font \\fcharset204 so its \\\'hh read back in 1251', () => {
    const rtf = text(textToRtf('Привет', 1251));
    expect(rtf).toContain('\\ansicpg1251');
    expect(rtf).toContain('{\\f0\\fswiss\\fcharset204 Arial;}');
    expect(deEncapsulateText(rtf)).toBe('Привет');
  });

  it('round-trips through deEncapsulateText for every string and code page', () => {
    fc.assert(fc.property(awkwardString, fc.constantFrom(...CODE_PAGES), (t, cp) => deEncapsulateText(textToRtf(t, cp)) === t), { numRuns: 1500 });
  });
});

describe('htmlToEncapsulatedRtf', () => {
  const html = '<html><head><style>p {margin:0}</style></head><body><p>Hello &amp; welcome,<br>\r\nworld</p><table><tr><td>a</td><td>b</td></tr></table></body></html>';

  it('writes tags in HTMLTAG groups, the {\\*\\htmltag64} marker, then the visible text as RTF', () => {
    const rtf = text(htmlToEncapsulatedRtf(html, 1252));
    expect(rtf.startsWith('{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 ')).toBe(true);
    expect(rtf).toContain('{\\*\\htmltag19 <html>}');
    expect(rtf).toContain('{\\*\\htmltag1 p \\{margin:0\\}}');
    expect(rtf).toContain('{\\*\\htmltag64}Hello {\\*\\htmltag0 &amp;}\\htmlrtf &\\htmlrtf0  welcome,');
    expect(rtf.indexOf('{\\*\\htmltag64}')).toBeLessThan(rtf.indexOf('Hello'));
  });

  it('reads back exactly', () => {
    expect(deEncapsulateHtml(htmlToEncapsulatedRtf(html, 1252))).toBe(html);
  });

  it('shows an RTF reader the text with its paragraphs and cells', () => {
    expect(rtfToText(htmlToEncapsulatedRtf(html, 1252))).toBe('Hello & welcome,\r\n world\r\na\tb\t\r\n\r\n');
  });

  it('round-trips through deEncapsulateHtml for every string and code page', () => {
    const piece = fc.oneof(
      fc.constantFrom('<html>', '</html>', '<head>', '</head>', '<body>', '</body>', '<p class=x>', '</p>', '<br/>', '<style>', '</style>', '<!-- c -->', '<!DOCTYPE html>', '<td>', '</td>', '&amp;', '&nbsp;', '&#233;', '&#x20AC;', '&bogus;', '\r\n', ' \n '),
      awkwardString,
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), fc.constantFrom(...CODE_PAGES), (parts, cp) => {
        const h = parts.join('');
        return deEncapsulateHtml(htmlToEncapsulatedRtf(h, cp)) === h;
      }),
      { numRuns: 1500 },
    );
  });
});

describe('rtfCodePage', () => {
  it('uses the Windows family of internet code pages and keeps UTF-8', () => {
    expect(rtfCodePage(50220)).toBe(932);
    expect(rtfCodePage(28591)).toBe(1252);
    expect(rtfCodePage(20866)).toBe(1251);
    expect(rtfCodePage(65001)).toBe(65001);
    expect(rtfCodePage(1251)).toBe(1251);
  });

  it('falls back to 1252 for code pages whose bytes are not ASCII', () => {
    expect(rtfCodePage(1200)).toBe(1252);
    expect(rtfCodePage(65000)).toBe(1252);
    expect(rtfCodePage(42)).toBe(1252);
    expect(rtfCodePage(12345)).toBe(1252);
  });
});

describe('htmlToText', () => {
  it('writes one line per block and per <br>, collapsing white space', () => {
    expect(htmlToText('<div>Testing</div>')).toBe('Testing\r\n');
    expect(htmlToText('<p>a\r\n   b</p><p>c<br>d</p>')).toBe('a b\r\nc\r\nd\r\n');
  });

  it('drops head, style, script and comments', () => {
    expect(htmlToText('<html><head><title>T</title><style>p{}</style></head><body><!-- x -->y<script>z()</script></body></html>')).toBe('y\r\n');
  });

  it('decodes character references, &nbsp; as a space that survives collapsing (Outlook)', () => {
    expect(htmlToText('<p>&lt;a&gt; &amp; &eacute;&#233;&#xE9; &euro;&unknown;</p><p>&nbsp;</p>')).toBe('<a> & ééé €&unknown;\r\n \r\n');
  });

  it('writes a link as "text <url> " unless its text is the URL (Outlook)', () => {
    expect(htmlToText('<p><a href="https://x.org/?a=1&amp;b=2">site</a></p>')).toBe('site <https://x.org/?a=1&b=2> \r\n');
    expect(htmlToText('<p><a href="https://google.com/">https://google.com/</a></p>')).toBe('https://google.com/\r\n');
    expect(htmlToText('<a href="#top">top</a>')).toBe('top\r\n');
  });

  it('keeps the lines of <pre>, tabs after table cells, "*" before list items', () => {
    expect(htmlToText('<pre>a\n  b</pre>')).toBe('a\r\n  b\r\n');
    expect(htmlToText('<table><tr><td>a</td><td>b</td></tr></table>')).toBe('a\tb\t\r\n');
    expect(htmlToText('<ul><li>one</li><li>two</li></ul>')).toBe('* one\r\n* two\r\n');
  });
});
