import { MapiError } from '../../core/errors/MapiError.js';
import {
  PR_BODY_A,
  PR_BODY_HTML_A,
  PR_BODY_HTML_W,
  PR_BODY_W,
  PR_HTML,
  PR_INTERNET_CPID,
  PR_NATIVE_BODY_INFO,
  PR_RTF_COMPRESSED,
  PR_RTF_IN_SYNC,
  PR_RTF_SYNC_BODY_COUNT,
  PR_RTF_SYNC_BODY_CRC,
} from '../../core/generated/proptags.js';
import { CP_UTF8, decodeString8, encodeString8, messageCodePage } from '../../core/props/codepage.js';
import type { SPropValue } from '../../core/props/types.js';
import { encodeExactly } from './charsets.js';
import { decompressRtf } from './compressedRtf.js';

// The body properties of a message as the synchronization functions read them.

// [MS-OXCMSG] 2.2.1.58.2 PidTagNativeBody values (the SDK headers define no names for them).
/** PR_NATIVE_BODY_INFO: no body. */
export const NATIVE_BODY_UNDEFINED = 0;
/** PR_NATIVE_BODY_INFO: the plain text body (PR_BODY). */
export const NATIVE_BODY_PLAIN_TEXT = 1;
/** PR_NATIVE_BODY_INFO: the RTF body (PR_RTF_COMPRESSED). */
export const NATIVE_BODY_RTF_COMPRESSED = 2;
/** PR_NATIVE_BODY_INFO: the HTML body (PR_HTML). */
export const NATIVE_BODY_HTML = 3;
/** PR_NATIVE_BODY_INFO: a clear-signed body. */
export const NATIVE_BODY_CLEAR_SIGNED = 4;

/** Options of the body functions. */
export interface BodyOptions {
  /**
   * The ANSI code page for RTF that is written (\ansicpg) and for PT_STRING8 bodies;
   * defaults to the message's ({@link messageCodePage}: PR_MESSAGE_CODEPAGE, else the family
   * of PR_INTERNET_CPID, else 1252).
   */
  readonly codepage?: number;
  /** The code page of PR_HTML's bytes; defaults to PR_INTERNET_CPID, else `codepage`. */
  readonly htmlCodePage?: number;
  /** Write PR_RTF_COMPRESSED uncompressed ("MELA"), for a store with STORE_UNCOMPRESSED_RTF. */
  readonly uncompressedRtf?: boolean;
}

/** A message's bodies, decoded. */
export interface MessageBodies {
  /** PR_BODY's text (PT_UNICODE or PT_STRING8). */
  readonly body?: string;
  /** The tag PR_BODY has or would get: PR_BODY_A when the message holds PT_STRING8, else PR_BODY_W. */
  readonly bodyTag: number;
  /** The HTML body's text (PR_HTML decoded, or PR_BODY_HTML). */
  readonly html?: string;
  /** The tag the HTML body has or would get (PR_HTML unless a PR_BODY_HTML string is stored). */
  readonly htmlTag: number;
  readonly htmlCodePage: number;
  /** PR_RTF_COMPRESSED, decompressed. */
  readonly rtf?: Uint8Array;
  readonly rtfInSync?: boolean;
  readonly nativeBodyInfo?: number;
  readonly syncCrc?: number;
  readonly syncCount?: number;
  readonly codepage: number;
}

/**
 * Reads the body properties among `props`. An RTF stream that does not decompress counts as
 * absent, unless `strictRtf`, where it throws MAPI_E_CORRUPT_DATA.
 */
export function readBodies(props: Iterable<SPropValue>, options: BodyOptions & { readonly strictRtf?: boolean } = {}): MessageBodies {
  const byTag = new Map<number, SPropValue['Value']>();
  for (const p of props) byTag.set(p.ulPropTag >>> 0, p.Value);
  const values = [...byTag].map(([ulPropTag, Value]) => ({ ulPropTag, Value }));
  const codepage = options.codepage ?? messageCodePage(values);
  const cpid = byTag.get(PR_INTERNET_CPID);
  const htmlCodePage = options.htmlCodePage ?? (typeof cpid === 'number' && cpid !== 0 ? cpid >>> 0 : codepage);
  const str = (tag: number): string | undefined => {
    const v = byTag.get(tag);
    return typeof v === 'string' ? v : undefined;
  };
  const body = str(PR_BODY_W) ?? str(PR_BODY_A);
  const bodyTag = str(PR_BODY_W) === undefined && str(PR_BODY_A) !== undefined ? PR_BODY_A : PR_BODY_W;
  const htmlBytes = byTag.get(PR_HTML);
  let html: string | undefined;
  let htmlTag = PR_HTML;
  if (htmlBytes instanceof Uint8Array) html = decodeHtmlBody(htmlBytes, htmlCodePage);
  else if (str(PR_BODY_HTML_W) !== undefined) [html, htmlTag] = [str(PR_BODY_HTML_W), PR_BODY_HTML_W];
  else if (str(PR_BODY_HTML_A) !== undefined) [html, htmlTag] = [str(PR_BODY_HTML_A), PR_BODY_HTML_A];
  let rtf: Uint8Array | undefined;
  const compressed = byTag.get(PR_RTF_COMPRESSED);
  if (compressed instanceof Uint8Array) {
    try {
      rtf = decompressRtf(compressed);
    } catch (e) {
      if (options.strictRtf || !(e instanceof MapiError)) throw e;
    }
  }
  const inSync = byTag.get(PR_RTF_IN_SYNC);
  const num = (tag: number): number | undefined => {
    const v = byTag.get(tag);
    return typeof v === 'number' ? v : undefined;
  };
  return {
    body,
    bodyTag,
    html,
    htmlTag,
    htmlCodePage,
    rtf,
    rtfInSync: typeof inSync === 'boolean' ? inSync : undefined,
    nativeBodyInfo: num(PR_NATIVE_BODY_INFO),
    syncCrc: num(PR_RTF_SYNC_BODY_CRC),
    syncCount: num(PR_RTF_SYNC_BODY_COUNT),
    codepage,
  };
}

/** The \ansicpg of an RTF document (1252 when it has none). */
export function rtfDocumentCodePage(rtf: Uint8Array): number {
  const head = String.fromCharCode(...rtf.subarray(0, 256));
  const m = /\\ansicpg(\d{1,5})/.exec(head);
  return m ? Number(m[1]) : 1252;
}

/** PR_HTML's bytes as text, decoded in `codepage` (Windows-1252 when we cannot convert it). */
export function decodeHtmlBody(bytes: Uint8Array, codepage: number): string {
  try {
    return decodeString8(bytes, codepage);
  } catch (e) {
    if (!(e instanceof MapiError)) throw e;
    return decodeString8(bytes, 1252);
  }
}

/**
 * HTML text as PR_HTML bytes in `codepage`; a character the code page lacks becomes a
 * numeric character reference (`&#8364;`), so no character is lost. A code page we cannot
 * convert is replaced by UTF-8.
 */
export function encodeHtmlBody(html: string, codepage: number): Uint8Array {
  const whole = encodeExactly(html, codepage);
  if (whole) return whole;
  let cp = codepage;
  try {
    encodeString8('', cp);
  } catch (e) {
    if (!(e instanceof MapiError)) throw e;
    cp = CP_UTF8;
    return encodeString8(html, cp);
  }
  let escaped = '';
  for (const ch of html) escaped += encodeExactly(ch, cp) ? ch : `&#${ch.codePointAt(0)};`;
  return encodeString8(escaped, cp);
}
