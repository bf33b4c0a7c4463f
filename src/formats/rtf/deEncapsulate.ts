import { readRtf } from './rtfReader.js';
import { tokenizeRtf } from './tokenize.js';

/** What an RTF body holds: encapsulated HTML, encapsulated plain text, or plain RTF. */
export type RtfEncapsulation = 'html' | 'text' | 'rtf';

/** RTF given as its bytes, or as a string of 8-bit characters (U+0000–U+00FF, one per byte). */
export type RtfInput = Uint8Array | string;

/** The bytes of `rtf`: a string is taken one byte per character (latin1), as RTF is 8-bit. */
export function rtfBytes(rtf: RtfInput): Uint8Array {
  if (typeof rtf !== 'string') return rtf;
  const out = new Uint8Array(rtf.length);
  for (let i = 0; i < rtf.length; i++) out[i] = rtf.charCodeAt(i) & 0xff;
  return out;
}

/** [MS-OXRTFEX] 2.2.3.1: the reader inspects no more than this many tokens. */
const RECOGNITION_TOKENS = 10;

/**
 * Which content an RTF document encapsulates, per [MS-OXRTFEX] 2.2.3.1: the document must
 * start with `{\rtf1`; among its first 10 tokens (begin-group marks and control words) the
 * first `\fromhtml` or `\fromtext` decides. Any other kind of token (text, a control symbol,
 * an end of group) within those 10, or neither word, means plain RTF.
 * @see [MS-OXRTFEX] 2.2.3.1
 */
export function rtfEncapsulation(rtf: RtfInput): RtfEncapsulation {
  const bytes = rtfBytes(rtf);
  let count = 0;
  for (const token of tokenizeRtf(bytes)) {
    if (count === 0 && token.type !== 'groupStart') return 'rtf';
    if (count === 1 && !(token.type === 'controlWord' && token.word === 'rtf' && token.param === 1)) return 'rtf';
    if (token.type !== 'groupStart' && token.type !== 'controlWord') return 'rtf';
    if (token.type === 'controlWord') {
      if (token.word === 'fromhtml') return 'html';
      if (token.word === 'fromtext') return 'text';
    }
    if (++count >= RECOGNITION_TOKENS) break;
  }
  return 'rtf';
}

/**
 * The original HTML of RTF that encapsulates it (`\fromhtml1`), per the de-encapsulating
 * reader of [MS-OXRTFEX] 2.2.3.2.1: the contents of `{\*\htmltag}` groups (their parameter
 * ignored) and the text between them, except inside `\htmlrtf` … `\htmlrtf0` regions (scoped
 * by groups); `\par` → CRLF, `\tab` → TAB, `\{ \} \\` → the characters, `\'hh` decoded in the
 * document's code page (`\ansicpg`) inside HTMLTAG groups and in the current font's code page
 * elsewhere, `\uN` with its `\ucN` fallback skipped. `{\*\mhtmltag}` groups (URL-rewritten
 * copies of tags) are skipped. Returns undefined when the RTF does not encapsulate HTML
 * ({@link rtfEncapsulation}).
 * @see [MS-OXRTFEX] 2.2.3.2.1
 */
export function deEncapsulateHtml(rtf: RtfInput): string | undefined {
  const bytes = rtfBytes(rtf);
  if (rtfEncapsulation(bytes) !== 'html') return undefined;
  return readRtf(bytes, 'html');
}

/**
 * The original plain text of RTF that encapsulates it (`\fromtext`), per [MS-OXRTFEX]
 * 2.2.3.2.2: the text runs outside `\htmlrtf` regions, with `\par` → CRLF, `\tab` → TAB,
 * escapes and `\uN` decoded as in {@link deEncapsulateHtml}. Returns undefined when the RTF
 * does not encapsulate plain text.
 * @see [MS-OXRTFEX] 2.2.3.2.2
 */
export function deEncapsulateText(rtf: RtfInput): string | undefined {
  const bytes = rtfBytes(rtf);
  if (rtfEncapsulation(bytes) !== 'text') return undefined;
  return readRtf(bytes, 'text');
}

/**
 * The visible text of any RTF, as a plain-text body: paragraphs (`\par`, `\line`, `\row`)
 * as CRLF, `\tab` and `\cell` as TAB, `\uN` with `\ucN` fallback skipping, `\'hh` in the
 * current font's code page, special-character words (`\emdash`, `\lquote`, `\~` ...) as their
 * characters; the font, color and style tables, `\info`, pictures, headers/footers, field
 * instructions and every `{\*\…}` destination are skipped. `\htmlrtf` is ignored, so for
 * encapsulated HTML this is the text of the RTF rendering.
 */
export function rtfToText(rtf: RtfInput): string {
  return readRtf(rtfBytes(rtf), 'plain');
}
