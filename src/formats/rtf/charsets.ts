import { MapiError } from '../../core/errors/MapiError.js';
import { decodeString8, DEFAULT_ACP, encodeString8, isSupportedCodePage } from '../../core/props/codepage.js';

// [MSFT-RTF] \fcharsetN: the Windows character sets of a font, and the code page of each
// (the table of TranslateCharsetInfo / the RTF specification's \fcharset list).
const codePageByCharset: ReadonlyMap<number, number> = new Map([
  [0, 1252], [2, 42], [77, 10000], [78, 10001], [79, 10003], [80, 10008], [81, 10002], [83, 10005],
  [84, 10004], [85, 10006], [86, 10081], [87, 10021], [88, 10029], [89, 10007], [128, 932],
  [129, 949], [130, 1361], [134, 936], [136, 950], [161, 1253], [162, 1254], [163, 1258],
  [177, 1255], [178, 1256], [186, 1257], [204, 1251], [222, 874], [238, 1250], [254, 437], [255, 850],
]);

/** \fcharsetN of each code page, for writers (the first charset listed for it wins). */
const charsetByCodePage: ReadonlyMap<number, number> = new Map(
  [...codePageByCharset].reverse().map(([charset, cp]) => [cp, charset] as const),
);

/**
 * The code page of RTF text in a font of character set `charset`: DEFAULT_CHARSET (1) and
 * unknown sets use the document's code page. Some writers put a code page in \fcharset
 * (1252, 20127 seen in the wild); a supported code page is taken as such.
 */
export function charsetCodePage(charset: number, documentCodePage: number): number {
  const cp = codePageByCharset.get(charset);
  if (cp !== undefined) return cp;
  if (charset > 255 && isSupportedCodePage(charset)) return charset;
  return documentCodePage;
}

/** The \fcharset value for a code page, or undefined when RTF has none (UTF-8, ...). */
export function codePageCharset(codepage: number): number | undefined {
  return charsetByCodePage.get(codepage);
}

/**
 * Decodes 8-bit RTF text in `codepage`; a code page we cannot convert falls back to
 * Windows-1252, as the text is still mostly readable that way.
 */
export function decodeRtfBytes(bytes: Uint8Array, codepage: number): string {
  try {
    return decodeString8(bytes, codepage);
  } catch (e) {
    if (!(e instanceof MapiError)) throw e;
    return decodeString8(bytes, DEFAULT_ACP);
  }
}

/**
 * Encodes text for a code page when every character survives the round trip, else
 * undefined (the writer then escapes the characters one by one).
 */
export function encodeExactly(text: string, codepage: number): Uint8Array | undefined {
  try {
    const bytes = encodeString8(text, codepage);
    return decodeString8(bytes, codepage) === text ? bytes : undefined;
  } catch (e) {
    if (!(e instanceof MapiError)) throw e;
    return undefined;
  }
}
