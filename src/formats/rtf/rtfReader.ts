import { CP_SYMBOL } from '../../core/props/codepage.js';
import { charsetCodePage, decodeRtfBytes } from './charsets.js';
import { tokenizeRtf } from './tokenize.js';

// The text-producing core shared by de-encapsulation ([MS-OXRTFEX] 2.2.3.2) and plain
// text extraction: group state, destinations, fonts and their code pages, \uN with \ucN
// fallback skipping, and the control words that stand for characters.

/**
 * What the reader extracts:
 * - `html`: the encapsulated HTML ([MS-OXRTFEX] 2.2.3.2.1): HTMLTAG groups and text outside
 *   \htmlrtf regions;
 * - `text`: the encapsulated plain text ([MS-OXRTFEX] 2.2.3.2.2): text outside \htmlrtf regions;
 * - `plain`: the visible text of any RTF, \htmlrtf ignored (a general RTF reader's view).
 */
export type RtfReadMode = 'html' | 'text' | 'plain';

interface GroupState {
  /** In a destination whose text is not output (font table, \* groups, pictures ...). */
  skip: boolean;
  /** In the font table. */
  fonttbl: boolean;
  /** In an HTMLTAG destination (html mode). */
  htmltag: boolean;
  /** [MS-OXRTFEX] 2.1.3.1.3: the HTMLRTF toggle, scoped by groups. */
  htmlrtf: boolean;
  /** The current font (\fN); undefined = the default font (\deffN). */
  font: number | undefined;
  /** \ucN: fallback characters after each \uN (default 1). */
  uc: number;
  /** The innermost \field (plain mode), shared by the groups inside it. */
  field: FieldState | undefined;
  /** In the field's instruction (\fldinst): its text goes to `field.instruction`. */
  fldinst: boolean;
  /** In list-number text (\pntext, \listtext): bullets become '*' (plain mode). */
  listText: boolean;
}

interface FieldState {
  instruction: string;
  /** Index in the output parts where the field's result (\fldrslt) begins. */
  resultStart: number | undefined;
}

interface FontEntry {
  charset?: number;
  cpg?: number;
}

// Destinations whose content is not text ([MSFT-RTF]); `\*` destinations are skipped too.
const skippedDestinations = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'header', 'headerl', 'headerr', 'headerf',
  'footer', 'footerl', 'footerr', 'footerf', 'footnote', 'annotation', 'listtable',
  'listoverridetable', 'revtbl', 'rsidtbl', 'filetbl', 'pgdsctbl', 'xe', 'tc', 'txe', 'fldinst',
  'datafield', 'template', 'nonshppict', 'shpinst', 'objdata', 'objclass', 'objname', 'themedata',
  'colorschememapping', 'latentstyles', 'datastore', 'xmlnstbl', 'mmathPr', 'fchars', 'lchars',
  'bkmkstart', 'bkmkend', 'generator', 'pntxta', 'pntxtb',
]);

// Control words that are characters ([MSFT-RTF] "Special characters").
const characterWords: ReadonlyMap<string, string> = new Map([
  ['par', '\r\n'], ['line', '\r\n'], ['sect', '\r\n'], ['page', '\r\n'], ['row', '\r\n'],
  ['tab', '\t'], ['cell', '\t'], ['lquote', '\u2018'], ['rquote', '\u2019'],
  ['ldblquote', '\u201c'], ['rdblquote', '\u201d'], ['bullet', '\u2022'], ['endash', '\u2013'],
  ['emdash', '\u2014'], ['enspace', '\u2002'], ['emspace', '\u2003'], ['qmspace', '\u2005'],
  ['zwj', '\u200d'], ['zwnj', '\u200c'], ['ltrmark', '\u200e'], ['rtlmark', '\u200f'],
  ['zwbo', '\u200b'], ['zwnbo', '\ufeff'],
]);
const characterSymbols: ReadonlyMap<string, string> = new Map([
  ['\\', '\\'], ['{', '{'], ['}', '}'], ['~', '\u00a0'], ['_', '\u2011'], ['-', ''],
]);

/**
 * Reads the text of RTF bytes in `mode`. Never throws on malformed RTF: unbalanced groups
 * and unknown control words are tolerated as Word tolerates them.
 */
export function readRtf(rtf: Uint8Array, mode: RtfReadMode): string {
  const parts: string[] = [];
  const pending: number[] = [];
  let pendingCp = 0;
  let documentCp = 1252;
  let defaultFont: number | undefined;
  const fonts = new Map<number, FontEntry>();
  let fontEntry: FontEntry | undefined;
  let state: GroupState = {
    skip: false, fonttbl: false, htmltag: false, htmlrtf: false, font: undefined, uc: 1,
    field: undefined, fldinst: false, listText: false,
  };
  const stack: GroupState[] = [];
  /** Fallback characters still to skip after a \uN. */
  let ucSkip = 0;
  /** The last token was `\*`: the next control word names an ignorable destination. */
  let starred = false;
  /** The last token was `{`: the next control word may name a destination. */
  let groupJustStarted = false;

  /** The pending bytes are list-number text (their bullets become '*'). */
  let pendingListText = false;
  // Outlook's plain text shows list bullets as '*' (observed: poi__chinese-traditional.msg).
  const bullets = (text: string, listText: boolean) => (mode === 'plain' && listText ? text.replace(/[\uf0b7\u2022\u00b7]/g, '*') : text);
  const flush = () => {
    if (pending.length > 0) {
      parts.push(bullets(decodeRtfBytes(Uint8Array.from(pending), pendingCp), pendingListText));
      pending.length = 0;
    }
  };
  // Outlook's plain text of a hyperlink is "text <url> " unless the text is the URL itself
  // (observed: PR_BODY of sicos__RtfSampleEmailWithAttachment.msg, msgreader__htmlLink.msg).
  const endField = (field: FieldState) => {
    if (field.resultStart === undefined) return;
    flush();
    const url = /^\s*HYPERLINK\s+"([^"]*)"/.exec(field.instruction)?.[1];
    if (url === undefined || url === '') return;
    const shown = parts.slice(field.resultStart).join('');
    if (shown.trim() !== url) parts.push(` <${url}> `);
  };
  const codePage = (): number => {
    if (state.htmltag) return documentCp; // [MS-OXRTFEX] 2.2.3.2.1: HTMLTAG text is in the default code page
    const font = state.font ?? defaultFont;
    const entry = font === undefined ? undefined : fonts.get(font);
    let cp = documentCp;
    if (entry?.cpg !== undefined && entry.cpg !== 0) cp = entry.cpg;
    else if (entry?.charset !== undefined) cp = charsetCodePage(entry.charset, documentCp);
    // A symbol font (\fcharset2: Symbol, Wingdings, Webdings) shows the byte itself with its
    // own glyph; the encapsulated HTML or text had that very character (sicos__EmailWith2Attachments.msg:
    // Webdings "P"), so de-encapsulation keeps it. Plain RTF text gets the U+F0xx symbol character.
    if (cp === CP_SYMBOL && mode !== 'plain') cp = documentCp;
    return cp;
  };
  const outputs = (): boolean => {
    if (state.skip) return false;
    if (mode !== 'plain' && state.htmlrtf) return false;
    return true;
  };
  const pushByte = (b: number) => {
    if (state.fldinst) {
      state.field!.instruction += String.fromCharCode(b);
      return;
    }
    const cp = codePage();
    if (pending.length > 0 && (cp !== pendingCp || state.listText !== pendingListText)) flush();
    pendingCp = cp;
    pendingListText = state.listText;
    pending.push(b);
  };
  const pushText = (s: string) => {
    if (state.fldinst) {
      state.field!.instruction += s;
      return;
    }
    flush();
    parts.push(bullets(s, state.listText));
  };

  tokens: for (const token of tokenizeRtf(rtf)) {
    const wasStarred: boolean = starred;
    const atGroupStart: boolean = groupJustStarted;
    starred = false;
    groupJustStarted = false;
    switch (token.type) {
      case 'groupStart':
        stack.push(state);
        state = { ...state };
        ucSkip = 0;
        groupJustStarted = true;
        break;
      case 'groupEnd': {
        const closing = state;
        state = stack.pop() ?? state;
        if (closing.field && closing.field !== state.field) endField(closing.field);
        ucSkip = 0;
        // The document ends with its outermost group; what follows (Outlook leaves a NUL) is not RTF.
        if (stack.length === 0) break tokens;
        break;
      }
      case 'binary':
        if (ucSkip > 0) ucSkip--;
        break;
      case 'hex':
        if (ucSkip > 0) {
          ucSkip--;
        } else if (outputs()) {
          pushByte(token.value);
        }
        break;
      case 'text':
        for (let i = token.start; i < token.end; i++) {
          if (ucSkip > 0) {
            ucSkip--;
            continue;
          }
          if (state.fonttbl) continue;
          if (outputs()) pushByte(rtf[i]!);
        }
        break;
      case 'controlSymbol':
        if (token.symbol === '*') {
          starred = atGroupStart;
          groupJustStarted = atGroupStart;
          break;
        }
        if (ucSkip > 0) {
          ucSkip--;
          break;
        }
        if (outputs()) {
          // Outlook's plain text has a space for \~ (observed: sicos__RtfSampleEmail.msg).
          const s = mode === 'plain' && token.symbol === '~' ? ' ' : characterSymbols.get(token.symbol);
          if (s !== undefined) pushText(s);
        }
        break;
      case 'controlWord': {
        const { word, param } = token;
        if (ucSkip > 0 && word !== 'u') {
          ucSkip--;
          break;
        }
        if (atGroupStart || wasStarred) {
          if (wasStarred) {
            // {\*\htmltag...}: HTMLTAG destination ([MS-OXRTFEX] 2.1.3.1.4); any other \* group is skipped.
            if (mode === 'html' && word === 'htmltag' && !state.skip) state.htmltag = true;
            else if (mode === 'plain' && word === 'fldinst' && state.field && !state.skip) state.fldinst = true;
            else state.skip = true;
            break;
          }
          if (word === 'fonttbl') {
            state.skip = true;
            state.fonttbl = true;
            break;
          }
          if (mode === 'plain' && (word === 'field' || word === 'fldinst')) {
            if (word === 'field') state.field = { instruction: '', resultStart: undefined };
            else if (state.field) state.fldinst = true;
            else state.skip = true;
            break;
          }
          if (mode === 'plain' && word === 'fldrslt' && state.field) {
            flush();
            state.field.resultStart = parts.length;
            break;
          }
          if (word === 'pntext' || word === 'listtext') state.listText = true;
          if (skippedDestinations.has(word)) {
            state.skip = true;
            break;
          }
        }
        handleWord(word, param);
        break;
      }
    }
  }
  flush();
  return parts.join('');

  function handleWord(word: string, param: number | undefined): void {
    switch (word) {
      case 'ansicpg':
        if (param !== undefined && param > 0) documentCp = param;
        return;
      case 'ansi':
        documentCp = 1252;
        return;
      case 'mac':
        documentCp = 10000;
        return;
      case 'pc':
        documentCp = 437;
        return;
      case 'pca':
        documentCp = 850;
        return;
      case 'deff':
        defaultFont = param;
        return;
      case 'f':
        if (param === undefined) return;
        if (state.fonttbl) {
          fontEntry = fonts.get(param) ?? {};
          fonts.set(param, fontEntry);
        } else {
          state.font = param;
        }
        return;
      case 'fcharset':
        if (state.fonttbl && fontEntry && param !== undefined) fontEntry.charset = param;
        return;
      case 'cpg':
        if (state.fonttbl && fontEntry && param !== undefined) fontEntry.cpg = param;
        return;
      case 'plain':
        state.font = undefined;
        return;
      case 'uc':
        if (param !== undefined && param >= 0) state.uc = param;
        return;
      case 'htmlrtf':
        // [MS-OXRTFEX] 2.1.3.1.3: \htmlrtf and \htmlrtf1 begin, \htmlrtf0 ends.
        state.htmlrtf = param !== 0;
        return;
      case 'u':
        if (param === undefined) return;
        if (outputs()) pushText(String.fromCharCode(param < 0 ? param + 0x10000 : param & 0xffff));
        ucSkip = state.uc;
        return;
      default: {
        if (!outputs()) return;
        const s = characterWords.get(word);
        if (s !== undefined) pushText(s);
      }
    }
  }
}
