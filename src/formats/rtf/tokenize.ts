// An RTF tokenizer over the 8-bit bytes of a document ([MSFT-RTF] "RTF syntax"): groups,
// control words with their optional signed parameter, control symbols, \'hh escapes, \binN
// data and text runs. CR and LF in the source are not text ([MSFT-RTF]: "an RTF reader
// ignores carriage returns and linefeeds"), so they end a text run and are dropped.

/** One RTF token. Text and binary tokens point into the source bytes (`start`..`end`). */
export type RtfToken =
  | { readonly type: 'groupStart' }
  | { readonly type: 'groupEnd' }
  /** `\word` or `\wordN`; `param` is undefined when the word has none. */
  | { readonly type: 'controlWord'; readonly word: string; readonly param: number | undefined }
  /** A backslash and one non-letter (`\*`, `\{`, `\}`, `\\`, `\~`, `\-`, `\_` ...), \' excluded. */
  | { readonly type: 'controlSymbol'; readonly symbol: string }
  /** `\'hh`: one byte in the current code page. */
  | { readonly type: 'hex'; readonly value: number }
  | { readonly type: 'text'; readonly start: number; readonly end: number }
  /** The N bytes after `\binN`. */
  | { readonly type: 'binary'; readonly start: number; readonly end: number };

const BACKSLASH = 0x5c;
const OPEN = 0x7b;
const CLOSE = 0x7d;
const CR = 0x0d;
const LF = 0x0a;

const isLetter = (b: number): boolean => (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a);
const isDigit = (b: number): boolean => b >= 0x30 && b <= 0x39;

function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  return -1;
}

// [MSFT-RTF]: a control word is at most 32 letters; its parameter a signed 16-bit number
// (some writers use 32 bits). Longer runs are cut, so hostile input cannot build huge numbers.
const MAX_WORD = 32;
const MAX_PARAM_DIGITS = 10;

/**
 * Splits RTF bytes into tokens. Lenient like Word's reader: a malformed escape (`\'` without
 * two hex digits) is dropped, a stray backslash at the end becomes text; nothing throws.
 */
export function* tokenizeRtf(rtf: Uint8Array): Generator<RtfToken> {
  const n = rtf.length;
  let i = 0;
  while (i < n) {
    const b = rtf[i]!;
    if (b === OPEN) {
      i++;
      yield { type: 'groupStart' };
    } else if (b === CLOSE) {
      i++;
      yield { type: 'groupEnd' };
    } else if (b === CR || b === LF) {
      i++;
    } else if (b === BACKSLASH) {
      if (i + 1 >= n) {
        yield { type: 'text', start: i, end: n };
        return;
      }
      const c = rtf[i + 1]!;
      if (isLetter(c)) {
        let j = i + 1;
        while (j < n && j - (i + 1) < MAX_WORD && isLetter(rtf[j]!)) j++;
        const word = String.fromCharCode(...rtf.subarray(i + 1, j));
        let param: number | undefined;
        let k = j;
        const negative = k < n && rtf[k] === 0x2d && k + 1 < n && isDigit(rtf[k + 1]!);
        if (negative) k++;
        if (k < n && isDigit(rtf[k]!)) {
          let value = 0;
          const digitsStart = k;
          while (k < n && isDigit(rtf[k]!)) {
            if (k - digitsStart < MAX_PARAM_DIGITS) value = value * 10 + (rtf[k]! - 0x30);
            k++;
          }
          param = negative ? -value : value;
          j = k;
        }
        // A space delimiting the control word belongs to it.
        if (j < n && rtf[j] === 0x20) j++;
        i = j;
        if (word === 'bin' && param !== undefined && param > 0) {
          const end = Math.min(n, i + param);
          yield { type: 'binary', start: i, end };
          i = end;
        } else {
          yield { type: 'controlWord', word, param };
        }
      } else if (c === 0x27 /* ' */) {
        const hi = i + 2 < n ? hexValue(rtf[i + 2]!) : -1;
        const lo = i + 3 < n ? hexValue(rtf[i + 3]!) : -1;
        if (hi < 0 || lo < 0) {
          // Malformed escape: drop the "\'" and read on.
          i += 2;
        } else {
          yield { type: 'hex', value: (hi << 4) | lo };
          i += 4;
        }
      } else if (c === CR || c === LF) {
        // [MSFT-RTF]: a backslash before CR or LF is a \par.
        i += 2;
        yield { type: 'controlWord', word: 'par', param: undefined };
      } else {
        i += 2;
        yield { type: 'controlSymbol', symbol: String.fromCharCode(c) };
      }
    } else {
      let j = i + 1;
      while (j < n) {
        const x = rtf[j]!;
        if (x === OPEN || x === CLOSE || x === BACKSLASH || x === CR || x === LF) break;
        j++;
      }
      yield { type: 'text', start: i, end: j };
      i = j;
    }
  }
}
