import { codePageEncodingName, internetCodePageFamily, isSupportedCodePage } from '../../core/props/codepage.js';
import { codePageCharset, encodeExactly } from './charsets.js';
import { decodeHtmlEntity } from './htmlToText.js';

// Encapsulating RTF writers ([MS-OXRTFEX] 2.2.2): the RTF Outlook stores in PR_RTF_COMPRESSED
// for plain-text and HTML bodies. The output is laid out as Outlook's (header, font table,
// \fromtext / \fromhtml1), and the de-encapsulating readers give back the input exactly.

/**
 * The code page to write RTF in for a body in `codepage`: the Windows family of an internet
 * code page (50220 → 932, 28591 → 1252), UTF-8 kept (Outlook writes `\ansicpg65001` too);
 * code pages whose bytes are not ASCII-compatible (UTF-16/32, UTF-7, ISO-2022-JP, Symbol) or
 * that we cannot convert become 1252 — characters the code page lacks are written as `\uN`.
 */
export function rtfCodePage(codepage: number): number {
  const cp = internetCodePageFamily(codepage);
  const name = codePageEncodingName(cp);
  if (cp === 65001) return cp;
  if (!isSupportedCodePage(cp) || name === undefined || /^utf-(16|32|7)|iso-2022|x-symbol/.test(name)) return 1252;
  return cp;
}

const hex = (b: number): string => "\\'" + b.toString(16).padStart(2, '0');

/**
 * RTF for `text` in code page `cp`: `\ \{ \}` escaped, CRLF as `\par`, TAB as `\tab`, a lone
 * CR or LF and other control characters as `\'hh`, characters of the code page as `\'hh`
 * bytes, any other character as `\uN?` (with `\uc1`; a surrogate pair is two `\uN`).
 * `inTag`: inside an HTMLTAG group, where `\par` needs no line break in the source.
 */
export function escapeRtfText(text: string, cp: number, inTag = false): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
      out += inTag ? '\\par ' : '\\par\r\n';
      i++;
    } else if (c === 0x09) {
      out += '\\tab ';
    } else if (c === 0x5c || c === 0x7b || c === 0x7d) {
      out += '\\' + text[i];
    } else if (c < 0x20 || c === 0x7f) {
      out += hex(c);
    } else if (c < 0x7f) {
      out += text[i];
    } else {
      const bytes = c >= 0xd800 && c <= 0xdfff ? undefined : encodeExactly(text[i]!, cp);
      if (bytes !== undefined && bytes.length > 0) {
        for (const b of bytes) out += hex(b);
      } else {
        out += `\\u${c > 0x7fff ? c - 0x10000 : c}?`;
      }
    }
  }
  return out;
}

/** The header Outlook writes for encapsulated bodies (font table, colors, default font). */
function header(kind: 'fromtext' | 'fromhtml1', cp: number, fontSize: number): string {
  const charset = codePageCharset(cp);
  return (
    `{\\rtf1\\ansi\\ansicpg${cp}\\${kind} \\fbidis \\deff0{\\fonttbl\r\n` +
    `{\\f0\\fswiss${charset === undefined ? '' : `\\fcharset${charset}`} Arial;}\r\n` +
    '{\\f1\\fmodern Courier New;}\r\n' +
    '{\\f2\\fnil\\fcharset2 Symbol;}\r\n' +
    '{\\f3\\fmodern\\fcharset0 Courier New;}}\r\n' +
    '{\\colortbl\\red0\\green0\\blue0;\\red0\\green0\\blue255;}\r\n' +
    `\\uc1\\pard\\plain\\deftab360 \\f0\\fs${fontSize} `
  );
}

const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

/**
 * The RTF Outlook builds for a plain-text body (`\fromtext`), in the code page
 * {@link rtfCodePage}(`codepage`): `deEncapsulateText(textToRtf(t, cp)) === t` for every
 * string `t`. Returns the RTF bytes (8-bit).
 * @see [MS-OXRTFEX] 2.1.3.1.2
 */
export function textToRtf(text: string, codepage: number): Uint8Array {
  const cp = rtfCodePage(codepage);
  return latin1(`${header('fromtext', cp, 20)}${escapeRtfText(text, cp)}\r\n}`);
}

// The HTMLTagParameter of [MS-OXRTFEX] 2.1.3.1.4: the destination in the low bits (0 in
// body, 1 in head, 2 in html, 3 outside html), 8 for an end tag, the tag type × 16 above.
// Readers ignore it; these values are the ones Outlook writes for these tags.
const tagTypes: Readonly<Record<string, number>> = { html: 1, head: 2, body: 3, p: 4, a: 5, div: 6, span: 9, meta: 10 };
const TAG_OTHER = 15;

interface HtmlSegment {
  readonly kind: 'tag' | 'text';
  readonly text: string;
  /** Lower-case element name of a tag ('' for comments and declarations). */
  readonly name: string;
  readonly closing: boolean;
}

function splitHtml(html: string): HtmlSegment[] {
  const segments: HtmlSegment[] = [];
  const pattern = /<!--[\s\S]*?(?:-->|$)|<![^>]*>?|<\?[^>]*>?|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>?/g;
  let last = 0;
  for (let m = pattern.exec(html); m !== null; m = pattern.exec(html)) {
    if (m.index > last) segments.push({ kind: 'text', text: html.slice(last, m.index), name: '', closing: false });
    segments.push({ kind: 'tag', text: m[0], name: m[2]?.toLowerCase() ?? '', closing: m[1] === '/' });
    last = m.index + m[0].length;
  }
  if (last < html.length) segments.push({ kind: 'text', text: html.slice(last), name: '', closing: false });
  return segments;
}

const paragraphEnds = new Set(['p', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol']);
const invisible = new Set(['head', 'style', 'script', 'title', 'xml']);

/**
 * RTF encapsulating an HTML body (`\fromhtml1`), laid out as Outlook's: every tag, comment,
 * declaration, character reference and whitespace run in an HTMLTAG group
 * (`{\*\htmltagN …}`), the text of the body between them as RTF text (after the
 * `{\*\htmltag64}` marker), and RTF-only paragraph breaks, tabs and the characters of
 * character references inside `\htmlrtf … \htmlrtf0`, so an RTF reader shows the text and
 * `deEncapsulateHtml(htmlToEncapsulatedRtf(h, cp)) === h` for every string `h`.
 * @see [MS-OXRTFEX] 2.2.2
 */
export function htmlToEncapsulatedRtf(html: string, codepage: number): Uint8Array {
  const cp = rtfCodePage(codepage);
  let out = header('fromhtml1', cp, 24) + '\r\n';
  let where = 3; // outside <html>
  let hidden = 0;
  let markerWritten = false;
  const tag = (param: number, content: string) => {
    out += `{\\*\\htmltag${param}${content === '' ? '' : ' ' + escapeRtfText(content, cp, true)}}`;
  };
  for (const seg of splitHtml(html)) {
    if (seg.kind === 'tag') {
      const name = seg.name;
      const before = where;
      if (name === 'html') where = seg.closing ? 3 : 2;
      else if (name === 'head') where = seg.closing ? 2 : 1;
      else if (name === 'body') where = seg.closing ? 2 : 0;
      // </body> and </html> count as outside the element they close (Outlook: 58, 27).
      const dest = seg.closing && (name === 'body' || name === 'html') ? where : before;
      tag((tagTypes[name] ?? TAG_OTHER) * 16 + (seg.closing ? 8 : 0) + dest, seg.text);
      if (invisible.has(name)) hidden = Math.max(0, hidden + (seg.closing ? -1 : /\/\s*>$/.test(seg.text) ? 0 : 1));
      if (where === 0 && hidden === 0) {
        if (name === 'br' || (seg.closing && paragraphEnds.has(name))) out += '\\htmlrtf\\par\\htmlrtf0 ';
        else if (seg.closing && (name === 'td' || name === 'th')) out += '\\htmlrtf\\tab\\htmlrtf0 ';
      }
      out += '\r\n';
      continue;
    }
    if (where !== 0 || hidden > 0) {
      // Text outside the body (or in style/script) is not shown: keep it all in a tag group.
      tag(where, seg.text);
      out += '\r\n';
      continue;
    }
    // Body text: visible words as RTF text, whitespace runs and character references in tag groups.
    const pieces = seg.text.split(/([ \t\r\n\f]*[\t\r\n\f][ \t\r\n\f]*|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?)/);
    pieces.forEach((piece, i) => {
      if (piece === '') return;
      if (i % 2 === 1) {
        tag(0, piece);
        const shown = piece.startsWith('&') ? decodeHtmlEntity(piece.slice(1).replace(/;$/, '')) : ' ';
        if (shown) out += `\\htmlrtf ${escapeRtfText(shown, cp)}\\htmlrtf0 `;
        return;
      }
      if (!markerWritten) {
        // [MS-OXRTFEX] 2.2.2: one empty {\*\htmltag64} before the first shared visible text.
        out += '{\\*\\htmltag64}';
        markerWritten = true;
      }
      out += escapeRtfText(piece, cp);
    });
  }
  return latin1(out + '}');
}
