import { describe, expect, it } from 'vitest';
import { deEncapsulateHtml, deEncapsulateText, rtfEncapsulation, rtfToText } from '../../../src/formats/rtf/deEncapsulate.js';

const FONTS = '{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}{\\f1\\fswiss\\fcharset204 Arial;}{\\f2\\fnil\\fcharset2 Symbol;}}';

describe('rtfEncapsulation', () => {
  it('finds \\fromhtml and \\fromtext among the first 10 tokens ([MS-OXRTFEX] 2.2.3.1)', () => {
    expect(rtfEncapsulation('{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl}}')).toBe('html');
    expect(rtfEncapsulation('{\\rtf1\\ansi\\ansicpg1251\\fromtext \\deff0}')).toBe('text');
    // Word's order (poi__bug66335.msg): \fromhtml1 after \deff0, still within 10 tokens.
    expect(rtfEncapsulation('{\\rtf1\\ansi\\fbidis\\ansicpg1252\\deff0\\fromhtml1{\\fonttbl}}')).toBe('html');
  });

  it('is plain RTF when the word comes after the 10th token', () => {
    expect(rtfEncapsulation('{\\rtf1\\a\\b\\c\\d\\e\\f\\g\\fromhtml1 x}')).toBe('html'); // 10th token
    expect(rtfEncapsulation('{\\rtf1\\a\\b\\c\\d\\e\\f\\g\\h\\fromhtml1 x}')).toBe('rtf'); // 11th
  });

  it('is plain RTF when text, a control symbol or an end of group comes first', () => {
    expect(rtfEncapsulation('{\\rtf1 x\\fromhtml1}')).toBe('rtf');
    expect(rtfEncapsulation('{\\rtf1\\~\\fromhtml1}')).toBe('rtf');
    expect(rtfEncapsulation('{\\rtf1{}\\fromhtml1}')).toBe('rtf');
    expect(rtfEncapsulation("{\\rtf1\\'41\\fromtext}")).toBe('rtf');
  });

  it('requires the document to start with {\\rtf1', () => {
    expect(rtfEncapsulation('\\fromhtml1{\\rtf1}')).toBe('rtf');
    expect(rtfEncapsulation('{\\fromhtml1\\rtf1}')).toBe('rtf');
    expect(rtfEncapsulation('')).toBe('rtf');
  });

  it('takes the first of the two words', () => {
    expect(rtfEncapsulation('{\\rtf1\\fromtext\\fromhtml1}')).toBe('text');
  });
});

describe('deEncapsulateHtml', () => {
  const doc = (body: string, cp = 1252) => `{\\rtf1\\ansi\\ansicpg${cp}\\fromhtml1 \\deff0${FONTS}\\uc1\\pard\\plain\\f0 ${body}}`;

  it('copies HTMLTAG contents and the text between them, ignoring the parameter', () => {
    const rtf = doc('{\\*\\htmltag19 <html>}{\\*\\htmltag50 <body>}{\\*\\htmltag64}Hello{\\*\\htmltag58 </body>}{\\*\\htmltag27 </html>}');
    expect(deEncapsulateHtml(rtf)).toBe('<html><body>Hello</body></html>');
  });

  it('suppresses \\htmlrtf regions, the state scoped by groups ([MS-OXRTFEX] 2.1.3.1.3)', () => {
    const rtf = doc('{\\*\\htmltag64 <p>}\\htmlrtf {\\b bold\\htmlrtf0 shown{\\htmlrtf hidden}also}\\htmlrtf1 no\\htmlrtf0 yes');
    expect(deEncapsulateHtml(rtf)).toBe('<p>shownalsoyes');
  });

  it('turns \\par into CRLF and \\tab into TAB, and unescapes \\{ \\} \\\\', () => {
    const rtf = doc('{\\*\\htmltag241 p \\{margin:0\\}\\par \\tab x\\\\y}');
    expect(deEncapsulateHtml(rtf)).toBe('p {margin:0}\r\n\tx\\y');
  });

  it("decodes \\'hh inside HTMLTAG groups with \\ansicpg and outside with the current font's code page", () => {
    // \'e9 is é in 1252 and й in 1251; f1 is a Cyrillic font (\fcharset204).
    const rtf = doc("{\\*\\htmltag0 \\'e9}\\'e9\\f1 \\'e9{\\*\\htmltag0 \\'e9}", 1252);
    expect(deEncapsulateHtml(rtf)).toBe('ééйé');
  });

  it('decodes double-byte \\\'hh pairs together (ansicpg932)', () => {
    const rtf = `{\\rtf1\\ansi\\ansicpg932\\fromhtml1 {\\*\\htmltag0 \\'82\\'a0}\\'82\\'a2}`;
    expect(deEncapsulateHtml(rtf)).toBe('あい');
  });

  it('converts \\uN and skips its \\ucN fallback', () => {
    const rtf = doc("{\\*\\htmltag0 \\u8364?}\\uc2\\u1046\\'c6\\'c6x{\\uc0\\u1046 y}\\u-10179?\\u-8704?");
    expect(deEncapsulateHtml(rtf)).toBe('€Жx' + 'Жy' + '\u{1F600}');
  });

  it('skips {\\*\\mhtmltag} copies, other \\* destinations and the header tables', () => {
    const rtf = doc('{\\*\\mhtmltag84 <img src="cid:x">}{\\*\\htmltag84 <img src="y">}{\\*\\generator me;}{\\colortbl\\red0;}text');
    expect(deEncapsulateHtml(rtf)).toBe('<img src="y">text');
  });

  it('stops at the end of the document (Outlook leaves a NUL after it)', () => {
    expect(deEncapsulateHtml(doc('{\\*\\htmltag0 <p>}') + '\0junk')).toBe('<p>');
  });

  it('is undefined for RTF that does not encapsulate HTML', () => {
    expect(deEncapsulateHtml('{\\rtf1\\fromtext hello}')).toBeUndefined();
    expect(deEncapsulateHtml('{\\rtf1 hello}')).toBeUndefined();
  });

  it('accepts bytes as well as a latin1 string', () => {
    const rtf = doc("{\\*\\htmltag0 \\'e9}");
    expect(deEncapsulateHtml(Uint8Array.from(Buffer.from(rtf, 'latin1')))).toBe('é');
  });
});

describe('deEncapsulateText', () => {
  it('returns the text runs with \\par as CRLF (Outlook plain-text body)', () => {
    const rtf =
      '{\\rtf1\\ansi\\ansicpg1251\\fromtext \\deff0{\\fonttbl\r\n{\\f0\\fswiss\\fcharset204 Arial;}}\r\n' +
      "{\\colortbl\\red0\\green0\\blue0;}\r\n\\uc1\\pard\\plain\\deftab360 \\f0\\fs20 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2\\par\r\n  x\\tab y\\par\r\n}";
    expect(deEncapsulateText(rtf)).toBe('Привет\r\n  x\ty\r\n');
  });

  it('skips \\htmlrtf regions', () => {
    expect(deEncapsulateText('{\\rtf1\\fromtext a\\htmlrtf b\\htmlrtf0 c}')).toBe('ac');
  });

  it('is undefined for RTF that does not encapsulate text', () => {
    expect(deEncapsulateText('{\\rtf1\\fromhtml1 x}')).toBeUndefined();
  });
});

describe('rtfToText', () => {
  it('extracts paragraphs, tabs, line breaks and special characters', () => {
    expect(rtfToText('{\\rtf1 one\\par two\\tab three\\line four\\emdash five\\~six\\lquote s\\rquote}')).toBe('one\r\ntwo\tthree\r\nfour—five six‘s’');
  });

  it('skips the font, color and style tables, \\info, pictures and \\* destinations', () => {
    const rtf =
      '{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\colortbl;\\red255;}{\\stylesheet{\\s0 Normal;}}{\\info{\\author me}}' +
      '{\\*\\generator x;}{\\pict\\pngblip 89504e47}{\\header head}body}';
    expect(rtfToText(rtf)).toBe('body');
  });

  it('decodes \\uN with \\ucN skipping and hex escapes in the font code page', () => {
    const rtf = `{\\rtf1\\ansi\\ansicpg1252\\deff0${FONTS}\\uc1\\u1055?\\f1 \\'cf\\f0 \\'e9}`;
    expect(rtfToText(rtf)).toBe('ППé');
  });

  it('ignores \\htmlrtf: encapsulated HTML reads as its RTF rendering', () => {
    expect(rtfToText('{\\rtf1\\fromhtml1 {\\*\\htmltag64 <p>}a\\htmlrtf\\par\\htmlrtf0 b}')).toBe('a\r\nb');
  });

  it('writes a hyperlink field as "text <url> " unless the text is the URL (Outlook)', () => {
    const field = (url: string, shown: string) => `{\\field{\\*\\fldinst{HYPERLINK "${url}"}}{\\fldrslt{\\ul ${shown}}}}`;
    expect(rtfToText(`{\\rtf1 see ${field('http://x.org/', 'this')}\\par}`)).toBe('see this <http://x.org/> \r\n');
    expect(rtfToText(`{\\rtf1 ${field('http://x.org/', 'http://x.org/')}}`)).toBe('http://x.org/');
    expect(rtfToText('{\\rtf1 {\\field{\\*\\fldinst PAGE}{\\fldrslt 3}}}')).toBe('3');
  });

  it('shows list bullets as "*" (Outlook)', () => {
    expect(rtfToText("{\\rtf1{\\fonttbl{\\f6\\fnil\\fcharset2 Symbol;}}{\\pntext\\f6\\'B7\\tab}item}")).toBe('*\titem');
    expect(rtfToText("{\\rtf1{\\fonttbl{\\f6\\fnil\\fcharset2 Symbol;}}{\\listtext\\f6\\'B7}\\f6 \\'B7{\\pntext\\bullet}}")).toBe('*\uf0b7*');
  });

  it('tolerates unbalanced groups and stray escapes', () => {
    expect(rtfToText("{\\rtf1 a}}}b")).toBe('a');
    expect(rtfToText("{\\rtf1 a{{b\\'zzc")).toBe('abzzc');
    expect(rtfToText('{\\rtf1 x\\')).toBe('x\\');
  });

  it('skips \\binN data', () => {
    expect(rtfToText('{\\rtf1 a{\\pict\\bin3 }}}b}c')).toBe('ac');
  });
});
