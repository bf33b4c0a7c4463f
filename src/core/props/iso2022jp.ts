import iconv from 'iconv-lite';

// ISO-2022-JP for Windows code pages 50220, 50221 and 50222, which iconv-lite lacks. Windows
// builds these on its EUC-JP code page (c_is2022.dll converts through 20932): JIS X 0208 bytes
// are EUC-JP bytes with the high bit cleared, JIS X 0212 bytes follow EUC-JP's 0x8F prefix,
// half-width katakana EUC-JP's 0x8E prefix. We do the same on iconv-lite's euc-jp tables.
//   50220: JIS X 0208 only; half-width katakana become full-width when encoding
//   50221: half-width katakana as ESC ( I
//   50222: half-width katakana as ESC ( J + SO ... (RFC 1468 style shift out)

/** The three Windows ISO-2022-JP code pages. */
export type Iso2022JpCodePage = 50220 | 50221 | 50222;

const ESC = 0x1b;
const SO = 0x0e;
const SI = 0x0f;

/** The character set G0 currently holds. */
const Mode = { Ascii: 0, Katakana: 1, Jis0208: 2, Jis0212: 3 } as const;
type Mode = (typeof Mode)[keyof typeof Mode];

/** True for 50220, 50221 and 50222. */
export function isIso2022JpCodePage(codepage: number): codepage is Iso2022JpCodePage {
  return codepage === 50220 || codepage === 50221 || codepage === 50222;
}

/** Recognizes an escape sequence at `i`: the mode it selects and its length. */
function readEscape(b: Uint8Array, i: number): { mode: Mode; length: number } | undefined {
  const c1 = b[i + 1];
  const c2 = b[i + 2];
  const c3 = b[i + 3];
  if (c1 === 0x28 /* ( */) {
    if (c2 === 0x42 /* B */) return { mode: Mode.Ascii, length: 3 };
    // JIS X 0201 Roman decodes as ASCII, as MLang and .NET do (no yen sign or overline).
    if (c2 === 0x4a /* J */) return { mode: Mode.Ascii, length: 3 };
    if (c2 === 0x49 /* I */) return { mode: Mode.Katakana, length: 3 };
  } else if (c1 === 0x24 /* $ */) {
    if (c2 === 0x40 /* @ */ || c2 === 0x42 /* B */) return { mode: Mode.Jis0208, length: 3 };
    if (c2 === 0x28 /* ( */) {
      if (c3 === 0x40 || c3 === 0x42) return { mode: Mode.Jis0208, length: 4 };
      if (c3 === 0x44 /* D */) return { mode: Mode.Jis0212, length: 4 };
    }
  } else if (c1 === 0x26 /* & */ && c2 === 0x40 && c3 === ESC && b[i + 4] === 0x24 && b[i + 5] === 0x42) {
    // ESC & @ ESC $ B announces JIS X 0208-1990.
    return { mode: Mode.Jis0208, length: 6 };
  }
  return undefined;
}

/**
 * Decodes ISO-2022-JP bytes (any of 50220/50221/50222: the decoder accepts every form). Each
 * run between escapes becomes EUC-JP bytes decoded on its own, as Windows does; raw 8-bit
 * bytes in ASCII mode therefore decode as EUC-JP. Control bytes (CR, LF, TAB) inside a
 * double-byte run pass through as themselves.
 *
 * Deliberate deviations from Windows' c_is2022: an unknown escape sequence is kept as text
 * instead of ending the conversion, and SO always shifts to half-width katakana (as .NET does),
 * not only after ESC ( J.
 */
export function decodeIso2022Jp(bytes: Uint8Array): string {
  let out = '';
  let mode: Mode = Mode.Ascii;
  let run: number[] = [];
  const flush = () => {
    if (run.length) out += iconv.decode(Buffer.from(run), 'euc-jp');
    run = [];
  };
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i] as number;
    if (b === ESC) {
      const esc = readEscape(bytes, i);
      if (esc) {
        flush();
        mode = esc.mode;
        i += esc.length;
        continue;
      }
    } else if (b === SO || b === SI) {
      flush();
      mode = b === SO ? Mode.Katakana : Mode.Ascii;
      i++;
      continue;
    }
    if (mode === Mode.Ascii || b < 0x21 || b === 0x7f) {
      run.push(b);
      i++;
    } else if (mode === Mode.Katakana) {
      run.push(0x8e, b | 0x80);
      i++;
    } else {
      const t = bytes[i + 1];
      if (t === undefined || t < 0x21) {
        // A lone lead byte: EUC-JP decodes it as invalid (U+FFFD).
        run.push(b | 0x80);
        i++;
      } else {
        if (mode === Mode.Jis0212) run.push(0x8f);
        run.push(b | 0x80, t | 0x80);
        i += 2;
      }
    }
  }
  flush();
  return out;
}

/** Half-width katakana U+FF61..U+FF9F as full-width (50220): NFKC, except the sound marks, which stay spacing (゛゜). */
function fullWidthKana(ch: string): string {
  if (ch === '\uff9e') return '\u309b';
  if (ch === '\uff9f') return '\u309c';
  return ch.normalize('NFKC');
}

/**
 * Encodes text as ISO-2022-JP for code page 50220, 50221 or 50222. Characters EUC-JP cannot
 * hold become '?' (one per UTF-16 unit, so a surrogate pair gives "??"), as Windows does with
 * WC_NO_BEST_FIT_CHARS; JIS X 0212 characters use ESC $ ( D like Windows' 20932-based encoder.
 * The output ends in ASCII mode (ESC ( B), which is what Windows writes before the terminating
 * NUL of a MAPI string.
 *
 * Deliberate deviation: for 50222 Windows writes ESC ( J only before the first SO, so a later
 * SO after an ESC $ B decodes wrongly; we repeat ESC ( J whenever the shift-out set was reset.
 */
export function encodeIso2022Jp(text: string, codepage: Iso2022JpCodePage): Uint8Array {
  let src = text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '??');
  if (codepage === 50220) src = src.replace(/[\uff61-\uff9f]/g, fullWidthKana);
  const euc = iconv.encode(src, 'euc-jp');
  const out: number[] = [];
  let mode: Mode = Mode.Ascii;
  let soReady = false; // 50222: has ESC ( J designated half-width katakana for SO?
  const enter = (m: Mode, seq: number[]) => {
    if (mode !== m) {
      out.push(...seq);
      mode = m;
      soReady = false;
    }
  };
  for (let i = 0; i < euc.length; ) {
    const b = euc[i] as number;
    if (b === 0x8e && i + 1 < euc.length) {
      const k = (euc[i + 1] as number) & 0x7f;
      if (codepage === 50222) {
        if (mode !== Mode.Katakana) {
          if (!soReady) out.push(ESC, 0x28, 0x4a);
          out.push(SO);
          mode = Mode.Katakana;
          soReady = true;
        }
      } else {
        enter(Mode.Katakana, [ESC, 0x28, 0x49]);
      }
      out.push(k);
      i += 2;
    } else if (b === 0x8f && i + 2 < euc.length) {
      enter(Mode.Jis0212, [ESC, 0x24, 0x28, 0x44]);
      out.push((euc[i + 1] as number) & 0x7f, (euc[i + 2] as number) & 0x7f);
      i += 3;
    } else if (b >= 0xa1 && b <= 0xfe && i + 1 < euc.length) {
      enter(Mode.Jis0208, [ESC, 0x24, 0x42]);
      out.push(b & 0x7f, (euc[i + 1] as number) & 0x7f);
      i += 2;
    } else {
      enter(Mode.Ascii, [ESC, 0x28, 0x42]);
      out.push(b);
      i++;
    }
  }
  enter(Mode.Ascii, [ESC, 0x28, 0x42]);
  return Uint8Array.from(out);
}
