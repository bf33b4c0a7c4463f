import iconv from 'iconv-lite';
import { MapiError } from '../errors/MapiError.js';
import { MAPI_E_UNKNOWN_CPID } from '../generated/scodes.js';
import { PR_INTERNET_CPID, PR_MESSAGE_CODEPAGE } from '../generated/proptags.js';
import { decodeIso2022Jp, encodeIso2022Jp, isIso2022JpCodePage } from './iso2022jp.js';
import type { SPropValue } from './types.js';

// PT_STRING8 values are bytes in a Windows code page; these helpers do what
// MultiByteToWideChar / WideCharToMultiByte do with them, on iconv-lite's tables.

/** The system ANSI code page (winnls.h), resolved with the `acp` argument of these helpers. */
export const CP_ACP = 0;
/** The system OEM code page, derived from the ANSI code page (1252 → 437, 1251 → 866, ...). */
export const CP_OEMCP = 1;
/** The system Macintosh code page, derived from the ANSI code page (1252 → 10000, ...). */
export const CP_MACCP = 2;
/** The calling thread's ANSI code page; the same as CP_ACP here. */
export const CP_THREAD_ACP = 3;
/** The Symbol font code page: bytes 0x20–0xFF are U+F020–U+F0FF. */
export const CP_SYMBOL = 42;
/** UTF-7. */
export const CP_UTF7 = 65000;
/** UTF-8. */
export const CP_UTF8 = 65001;
/** The ANSI code page the helpers assume when not told otherwise: Windows-1252, as on an en-US machine. */
export const DEFAULT_ACP = 1252;

type CodePageKind = 'sbcs' | 'mbcs' | 'unicode' | 'iso-2022-jp' | 'symbol';

interface CodePageDef {
  /** The iconv-lite encoding name (or our own name for the kinds iconv-lite lacks). */
  readonly encoding: string;
  readonly kind: CodePageKind;
}

const codePages = new Map<number, CodePageDef>();
const add = (kind: CodePageKind, entries: readonly (readonly [number, string])[]) => {
  for (const [cp, encoding] of entries) codePages.set(cp, { encoding, kind });
};
add('sbcs', [
  ...[437, 720, 737, 775, 850, 852, 855, 857, 858, 860, 861, 862, 863, 864, 865, 866, 869].map((cp) => [cp, `cp${cp}`] as const),
  [874, 'windows-874'],
  ...[1250, 1251, 1252, 1253, 1254, 1255, 1256, 1257, 1258].map((cp) => [cp, `windows-${cp}`] as const),
  [10000, 'macintosh'],
  [10006, 'macgreek'],
  [10007, 'maccyrillic'],
  [10010, 'macromania'],
  [10017, 'macukraine'],
  [10021, 'macthai'],
  [10029, 'maccenteuro'],
  [10079, 'maciceland'],
  [10081, 'macturkish'],
  [10082, 'maccroatian'],
  [20127, 'us-ascii'],
  [20866, 'koi8-r'],
  [21866, 'koi8-u'],
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [28590 + n, `iso-8859-${n}`] as const),
  [28603, 'iso-8859-13'],
  [28605, 'iso-8859-15'],
  [38598, 'iso-8859-8'],
]);
add('mbcs', [
  [932, 'cp932'],
  [936, 'cp936'],
  [949, 'cp949'],
  [950, 'cp950'],
  [20932, 'euc-jp'],
  [20936, 'gb2312'],
  [51932, 'euc-jp'],
  [51936, 'gb2312'],
  [51949, 'euc-kr'],
  [54936, 'gb18030'],
]);
add('unicode', [
  [1200, 'utf-16le'],
  [1201, 'utf-16be'],
  [12000, 'utf-32le'],
  [12001, 'utf-32be'],
  [CP_UTF7, 'utf-7'],
  [CP_UTF8, 'utf-8'],
]);
add('iso-2022-jp', [
  [50220, 'iso-2022-jp'],
  [50221, 'iso-2022-jp'],
  [50222, 'iso-2022-jp'],
]);
add('symbol', [[CP_SYMBOL, 'x-symbol']]);

// The OEM and Mac code pages Windows pairs with each ANSI code page (the locale's defaults).
const oemByAnsi: Readonly<Record<number, number>> = {
  874: 874, 932: 932, 936: 936, 949: 949, 950: 950, 1250: 852, 1251: 866, 1252: 437,
  1253: 737, 1254: 857, 1255: 862, 1256: 720, 1257: 775, 1258: 1258,
};
const macByAnsi: Readonly<Record<number, number>> = { 874: 10021, 1250: 10029, 1251: 10007, 1252: 10000, 1253: 10006, 1254: 10081 };

/**
 * Resolves the pseudo code pages CP_ACP, CP_THREAD_ACP, CP_OEMCP and CP_MACCP against the
 * ANSI code page `acp`; any other code page is returned unchanged.
 */
export function resolveCodePage(codepage: number, acp: number = DEFAULT_ACP): number {
  switch (codepage) {
    case CP_ACP:
    case CP_THREAD_ACP:
      return acp;
    case CP_OEMCP:
      return oemByAnsi[acp] ?? 437;
    case CP_MACCP:
      return macByAnsi[acp] ?? 10000;
    default:
      return codepage;
  }
}

/** True when PT_STRING8 text in `codepage` can be converted (pseudo code pages included). */
export function isSupportedCodePage(codepage: number): boolean {
  return codePages.has(resolveCodePage(codepage));
}

/**
 * The encoding name behind a Windows code page (`1251` → `windows-1251`, `50220` →
 * `iso-2022-jp`), or undefined when the code page is not supported.
 */
export function codePageEncodingName(codepage: number): string | undefined {
  return codePages.get(resolveCodePage(codepage))?.encoding;
}

/** Every supported Windows code page number (pseudo code pages excluded), ascending. */
export function supportedCodePages(): number[] {
  return [...codePages.keys()].sort((a, b) => a - b);
}

function lookup(codepage: number, acp: number): CodePageDef & { cp: number } {
  const cp = resolveCodePage(codepage, acp);
  const def = codePages.get(cp);
  if (!def) {
    throw new MapiError(MAPI_E_UNKNOWN_CPID, `code page ${codepage} is not supported for PT_STRING8 conversion`);
  }
  return { ...def, cp };
}

// ---- single-byte code pages: 256-entry tables built from iconv-lite ---------------------

interface SbcsTable {
  readonly toChar: readonly string[];
  readonly toByte: ReadonlyMap<number, number>;
}
const sbcsTables = new Map<string, SbcsTable>();

function sbcsTable(encoding: string): SbcsTable {
  let t = sbcsTables.get(encoding);
  if (!t) {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const chars = [...iconv.decode(Buffer.from(all), encoding)];
    const toChar = chars.map((ch, b) =>
      // MultiByteToWideChar passes the undefined C1 bytes of the Windows code pages
      // (0x81, 0x8D, 0x8F, 0x90, 0x9D in 1252) through as U+0080–U+009F.
      ch === '\ufffd' && b >= 0x80 && b <= 0x9f && encoding.startsWith('windows-') ? String.fromCharCode(b) : ch,
    );
    const toByte = new Map<number, number>();
    toChar.forEach((ch, b) => {
      const code = ch.charCodeAt(0);
      if (ch !== '\ufffd' && !toByte.has(code)) toByte.set(code, b);
    });
    t = { toChar, toByte };
    sbcsTables.set(encoding, t);
  }
  return t;
}

const DEFAULT_CHAR = 0x3f; // '?', the default char of every Windows code page

// ---- public conversions ----------------------------------------------------------------

/**
 * Decodes PT_STRING8 bytes written in `codepage` (MultiByteToWideChar). CP_ACP and the other
 * pseudo code pages resolve against `acp`. A terminating NUL in `bytes` is kept; byte order
 * marks are kept too. Bytes the code page leaves undefined become U+FFFD.
 * @throws MapiError MAPI_E_UNKNOWN_CPID for a code page we cannot convert.
 * @see pidtagmessagecodepage-canonical-property.md
 */
export function decodeString8(bytes: Uint8Array, codepage: number, acp: number = DEFAULT_ACP): string {
  const def = lookup(codepage, acp);
  switch (def.kind) {
    case 'sbcs': {
      const { toChar } = sbcsTable(def.encoding);
      let s = '';
      for (const b of bytes) s += toChar[b];
      return s;
    }
    case 'symbol': {
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b < 0x20 ? b : 0xf000 | b);
      return s;
    }
    case 'iso-2022-jp':
      return decodeIso2022Jp(bytes);
    default:
      return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), def.encoding, { stripBOM: false });
  }
}

/**
 * Encodes text as PT_STRING8 bytes in `codepage` (WideCharToMultiByte with the default char):
 * a character the code page cannot hold becomes '?', one per UTF-16 unit, so a character
 * outside the BMP becomes "??". No terminating NUL is added.
 *
 * Deliberate deviation: Windows' default best-fit mapping (Ā → A in 1252) is not emulated;
 * such characters become '?' as under WC_NO_BEST_FIT_CHARS, except where iconv-lite's own
 * tables map them (¥ → 0x5C in 932).
 * @throws MapiError MAPI_E_UNKNOWN_CPID for a code page we cannot convert.
 * @see pidtagmessagecodepage-canonical-property.md
 */
export function encodeString8(text: string, codepage: number, acp: number = DEFAULT_ACP): Uint8Array {
  const def = lookup(codepage, acp);
  switch (def.kind) {
    case 'sbcs': {
      const { toByte } = sbcsTable(def.encoding);
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) out[i] = toByte.get(text.charCodeAt(i)) ?? DEFAULT_CHAR;
      return out;
    }
    case 'symbol': {
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        out[i] = c < 0x20 ? c : c >= 0xf020 && c <= 0xf0ff ? c & 0xff : DEFAULT_CHAR;
      }
      return out;
    }
    case 'iso-2022-jp':
      return encodeIso2022Jp(text, def.cp as 50220 | 50221 | 50222);
    case 'mbcs': {
      // Table-driven code pages work per UTF-16 unit: a surrogate pair is two unmappable units.
      const src = def.cp === 54936 ? text : text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '??');
      return Uint8Array.from(iconv.encode(src, def.encoding));
    }
    default:
      return Uint8Array.from(iconv.encode(text, def.encoding, { addBOM: false }));
  }
}

/**
 * What a Unicode → `codepage` → Unicode conversion leaves of `text`: what a client reads back
 * as PT_UNICODE after the value was stored as PT_STRING8 (or the reverse).
 * @see working-with-unicode-columns.md
 */
export function string8RoundTrip(text: string, codepage: number, acp: number = DEFAULT_ACP): string {
  return decodeString8(encodeString8(text, codepage, acp), codepage, acp);
}

// MLang's family code page of the internet (MIME) code pages: the Windows code page that
// holds the same repertoire. A store keeps PT_STRING8 in the family code page, never in a
// 7-bit transfer form: Outlook's msgreader__nonUnicodeCP932.msg sample has PR_INTERNET_CPID
// 50220 and its PT_STRING8 subject in Shift_JIS (932).
const familyByInternetCodePage: Readonly<Record<number, number>> = {
  20127: 1252, 28591: 1252, 28605: 1252, 28592: 1250, 28594: 1257, 28603: 1257, 28595: 1251,
  20866: 1251, 21866: 1251, 28596: 1256, 28597: 1253, 28598: 1255, 38598: 1255, 28599: 1254,
  50220: 932, 50221: 932, 50222: 932, 20932: 932, 51932: 932, 50225: 949, 51949: 949,
  52936: 936, 20936: 936, 51936: 936,
};

/** The Windows code page of an internet code page's family (50220 → 932, 20866 → 1251); others unchanged. */
export function internetCodePageFamily(codepage: number): number {
  return familyByInternetCodePage[codepage] ?? codepage;
}

/**
 * The code page a message's PT_STRING8 properties are in: PR_MESSAGE_CODEPAGE when set and
 * nonzero, else the family code page of PR_INTERNET_CPID ({@link internetCodePageFamily}),
 * else `acp` (CP_ACP: the ANSI code page, 1252 unless told otherwise). PT_ERROR entries and
 * zero values count as absent. The result may be a code page we do not support; the decode
 * then fails with MAPI_E_UNKNOWN_CPID.
 * @see pidtagmessagecodepage-canonical-property.md
 * @see pidtaginternetcodepage-canonical-property.md
 */
export function messageCodePage(props: Iterable<SPropValue>, acp: number = DEFAULT_ACP): number {
  let messageCp: number | undefined;
  let internetCp: number | undefined;
  for (const p of props) {
    if (typeof p.Value !== 'number' || p.Value === 0) continue;
    // pidtagmessagecodepage-canonical-property.md: zero means "use the folder's code page".
    if (p.ulPropTag >>> 0 === PR_MESSAGE_CODEPAGE) messageCp = p.Value >>> 0;
    else if (p.ulPropTag >>> 0 === PR_INTERNET_CPID) internetCp = p.Value >>> 0;
  }
  if (messageCp !== undefined) return messageCp;
  if (internetCp !== undefined) return internetCodePageFamily(internetCp);
  return acp;
}
