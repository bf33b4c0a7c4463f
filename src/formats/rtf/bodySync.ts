import { MapiError } from '../../core/errors/MapiError.js';
import { RTF_SYNC_BODY_CHANGED, RTF_SYNC_RTF_CHANGED } from '../../core/generated/constants.js';
import {
  PR_BODY_A,
  PR_BODY_HTML_A,
  PR_BODY_HTML_W,
  PR_BODY_W,
  PR_HTML,
  PR_NATIVE_BODY_INFO,
  PR_RTF_COMPRESSED,
  PR_RTF_IN_SYNC,
} from '../../core/generated/proptags.js';
import { MAPI_E_UNKNOWN_FLAGS } from '../../core/generated/scodes.js';
import { PROP_ID } from '../../core/props/tags.js';
import type { SPropValue } from '../../core/props/types.js';
import {
  encodeHtmlBody,
  NATIVE_BODY_HTML,
  NATIVE_BODY_PLAIN_TEXT,
  NATIVE_BODY_RTF_COMPRESSED,
  NATIVE_BODY_UNDEFINED,
  readBodies,
  rtfDocumentCodePage,
  type BodyOptions,
  type MessageBodies,
} from './bodies.js';
import { compressRtf } from './lzfuCompress.js';
import { deEncapsulateHtml, deEncapsulateText, rtfEncapsulation, rtfToText } from './deEncapsulate.js';
import { htmlToEncapsulatedRtf, rtfCodePage, textToRtf } from './encapsulate.js';
import { htmlToText } from './htmlToText.js';
import { rtfSyncAuxiliaryProps, rtfSyncInfo } from './syncText.js';

export type { BodyOptions } from './bodies.js';

// Body synchronization as an RTF-aware store does it, over a message's property values, for
// the store layer to call from saveChanges (syncBodiesOnSave) and getProps
// (computeBodyProperty). Pure: each function returns the changes, the caller applies them.
// docs/decisions/011-body-properties.md says what is stored, what is computed and what not.

/** Properties to set and tags to delete, as a store applies them to a message. */
export interface BodyChanges {
  /** Properties to set (added or replaced). */
  readonly set: SPropValue[];
  /** Tags of properties to delete. */
  readonly delete: number[];
}

/** What {@link rtfSync} did: the out-parameter of RTFSync and the changes to apply. */
export interface RtfSyncResult extends BodyChanges {
  /** RTFSync's `lpfMessageUpdated`: true when properties changed, so the caller should save. */
  readonly fMessageUpdated: boolean;
}

const NONE: BodyChanges = { set: [], delete: [] };

function changes(set: SPropValue[], del: number[] = []): BodyChanges {
  return { set, delete: del };
}

/**
 * PR_NATIVE_BODY_INFO of a message: a stored nonzero value wins; otherwise the best body
 * of [MS-OXBBODY] 2.1.3.1: the RTF when PR_RTF_IN_SYNC is TRUE or there is no other body
 * (encapsulated HTML → HTML, encapsulated text → plain text, else RTF), then PR_HTML, then
 * the RTF, then PR_BODY; 0 (undefined) without a body.
 * @see [MS-OXCMSG] 2.2.1.58.2
 */
export function nativeBodyInfo(props: Iterable<SPropValue>, options: BodyOptions = {}): number {
  const b = readBodies(props, options);
  if (typeof b.nativeBodyInfo === 'number' && b.nativeBodyInfo !== 0) return b.nativeBodyInfo;
  return computeNativeBody(b);
}

function computeNativeBody(b: MessageBodies): number {
  const rtfKind = (): number => {
    const kind = rtfEncapsulation(b.rtf!);
    return kind === 'html' ? NATIVE_BODY_HTML : kind === 'text' ? NATIVE_BODY_PLAIN_TEXT : NATIVE_BODY_RTF_COMPRESSED;
  };
  if (b.rtf && (b.rtfInSync === true || (b.html === undefined && b.body === undefined))) return rtfKind();
  if (b.html !== undefined) return NATIVE_BODY_HTML;
  if (b.rtf) return rtfKind();
  if (b.body !== undefined) return NATIVE_BODY_PLAIN_TEXT;
  return NATIVE_BODY_UNDEFINED;
}

/** The text, HTML and RTF of the best body, each derived from it when not stored. */
interface DerivedBodies {
  readonly text?: string;
  readonly html?: string;
  readonly rtf?: Uint8Array;
}

/** [MS-OXCMSG] 3.2.4.1: "the server SHOULD convert whatever body property it has". */
function derive(b: MessageBodies, options: BodyOptions): DerivedBodies {
  const native = computeNativeBody(b);
  const cp = b.codepage;
  if (b.rtf && (native === NATIVE_BODY_RTF_COMPRESSED || (b.html === undefined && b.body === undefined) || b.rtfInSync === true)) {
    const kind = rtfEncapsulation(b.rtf);
    if (kind === 'html') {
      const html = deEncapsulateHtml(b.rtf)!;
      return { html: b.html ?? html, text: b.body ?? htmlToText(html), rtf: b.rtf };
    }
    if (kind === 'text') return { text: b.body ?? deEncapsulateText(b.rtf)!, rtf: b.rtf, html: b.html };
    return { text: b.body ?? rtfToText(b.rtf), rtf: b.rtf, html: b.html };
  }
  if (b.html !== undefined) {
    return { html: b.html, text: b.body ?? htmlToText(b.html), rtf: b.rtf ?? htmlToEncapsulatedRtf(b.html, options.codepage ?? b.htmlCodePage) };
  }
  if (b.body !== undefined) return { text: b.body, rtf: b.rtf ?? textToRtf(b.body, cp) };
  return {};
}

/**
 * The value of one body property computed from the message's other bodies, for getProps of
 * a property the store does not hold: PR_BODY (W or A), PR_HTML, PR_BODY_HTML (W or A),
 * PR_RTF_COMPRESSED or PR_NATIVE_BODY_INFO. Undefined when the message has no body to
 * derive it from (getProps then reports MAPI_E_NOT_FOUND). A stored value is returned as is.
 * @see [MS-OXCMSG] 3.2.4.1
 */
export function computeBodyProperty(props: Iterable<SPropValue>, ulPropTag: number, options: BodyOptions = {}): SPropValue | undefined {
  const values = [...props];
  const stored = values.find((p) => p.ulPropTag >>> 0 === ulPropTag >>> 0);
  if (stored) return stored;
  const b = readBodies(values, options);
  const tag = ulPropTag >>> 0;
  if (tag === PR_NATIVE_BODY_INFO) return { ulPropTag: tag, Value: nativeBodyInfo(values, options) };
  const d = derive(b, options);
  switch (tag) {
    case PR_BODY_W:
    case PR_BODY_A:
      return d.text === undefined ? undefined : { ulPropTag: tag, Value: d.text };
    case PR_BODY_HTML_W:
    case PR_BODY_HTML_A: {
      const html = htmlOf(d);
      return html === undefined ? undefined : { ulPropTag: tag, Value: html };
    }
    case PR_HTML: {
      const html = htmlOf(d);
      return html === undefined ? undefined : { ulPropTag: tag, Value: encodeHtmlBody(html, b.htmlCodePage) };
    }
    case PR_RTF_COMPRESSED:
      return d.rtf === undefined ? undefined : { ulPropTag: tag, Value: compressRtf(d.rtf, { uncompressed: options.uncompressedRtf }) };
    default:
      return undefined;
  }
}

/** HTML of any body: plain text becomes a minimal HTML document, lines ending in <br>. */
function htmlOf(d: DerivedBodies): string | undefined {
  if (d.html !== undefined) return d.html;
  if (d.text === undefined) return undefined;
  const escaped = d.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r\n|\r|\n/g, '<br>\r\n');
  return `<html><body>${escaped}</body></html>`;
}

/**
 * The body properties a store adds when it saves a message holding only some of them: with
 * only PR_RTF_COMPRESSED, PR_BODY (and PR_HTML when the RTF encapsulates HTML); with only
 * PR_HTML, PR_BODY and PR_RTF_COMPRESSED; with only PR_BODY, PR_RTF_COMPRESSED. When it
 * writes PR_BODY or PR_RTF_COMPRESSED from another body it also sets PR_RTF_IN_SYNC (TRUE) and
 * the RTF auxiliary properties. Stored values are never replaced.
 * @see pidtagbody-canonical-property.md ("When PR_BODY is stored for the first time, the message store also generates and stores PR_RTF_COMPRESSED")
 */
export function deriveBodies(props: Iterable<SPropValue>, options: BodyOptions = {}): BodyChanges {
  const b = readBodies(props, options);
  const d = derive(b, options);
  const set: SPropValue[] = [];
  if (b.body === undefined && d.text !== undefined) set.push({ ulPropTag: b.bodyTag, Value: d.text });
  if (b.html === undefined && d.html !== undefined) set.push({ ulPropTag: PR_HTML, Value: encodeHtmlBody(d.html, b.htmlCodePage) });
  if (b.rtf === undefined && d.rtf !== undefined) set.push({ ulPropTag: PR_RTF_COMPRESSED, Value: compressRtf(d.rtf, { uncompressed: options.uncompressedRtf }) });
  if (set.length === 0) return NONE;
  if (d.text !== undefined && d.rtf !== undefined) set.push(...syncState(d.text, d.rtf));
  return changes(set);
}

/** PR_RTF_IN_SYNC TRUE and the auxiliary properties of `text`, in the RTF's code page. */
function syncState(text: string, rtf: Uint8Array): SPropValue[] {
  return [{ ulPropTag: PR_RTF_IN_SYNC, Value: true }, ...rtfSyncAuxiliaryProps(rtfSyncInfo(text, rtfDocumentCodePage(rtf)))];
}

/** The text RTF shows: de-encapsulated text, the text of encapsulated HTML, or the RTF's text. */
function textOfRtf(rtf: Uint8Array): { text: string; html?: string } {
  const kind = rtfEncapsulation(rtf);
  if (kind === 'text') return { text: deEncapsulateText(rtf)! };
  if (kind === 'html') {
    const html = deEncapsulateHtml(rtf)!;
    return { text: htmlToText(html), html };
  }
  return { text: rtfToText(rtf) };
}

function sameSignificantText(a: string, b: string, codepage: number): boolean {
  const x = rtfSyncInfo(a, codepage);
  const y = rtfSyncInfo(b, codepage);
  return x.crc === y.crc && x.count === y.count;
}

/**
 * RTFSync's contract over a message's properties (the function itself takes an IMessage):
 * - RTF_SYNC_RTF_CHANGED (alone or with RTF_SYNC_BODY_CHANGED: the RTF wins): PR_BODY is
 *   rewritten from the RTF's text unless it already has the same significant characters;
 *   PR_HTML too when the RTF encapsulates HTML and a stored PR_HTML differs.
 * - RTF_SYNC_BODY_CHANGED: when PR_BODY's significant characters (white space aside) still
 *   match PR_RTF_SYNC_BODY_CRC/COUNT (or, without them, the RTF's text), the RTF is left
 *   alone; otherwise PR_RTF_COMPRESSED is rebuilt from PR_BODY as \fromtext RTF (formatting
 *   is lost) and a stored HTML body, now stale, is deleted. Without PR_BODY, PR_RTF_IN_SYNC
 *   is deleted ("cannot be synchronized").
 * Either way a synchronized message gets PR_RTF_IN_SYNC TRUE and the RTF auxiliary
 * properties of its text. `fMessageUpdated` is true when anything changed.
 * @throws MapiError MAPI_E_UNKNOWN_FLAGS for reserved flag bits; MAPI_E_CORRUPT_DATA when
 *   PR_RTF_COMPRESSED cannot be decompressed.
 * @see rtfsync.md
 * @see pidtagrtfinsync-canonical-property.md
 */
export function rtfSync(props: Iterable<SPropValue>, ulFlags: number, options: BodyOptions = {}): RtfSyncResult {
  if ((ulFlags & ~(RTF_SYNC_RTF_CHANGED | RTF_SYNC_BODY_CHANGED)) !== 0) {
    throw new MapiError(MAPI_E_UNKNOWN_FLAGS, `RTFSync: unknown flags 0x${(ulFlags >>> 0).toString(16)}`);
  }
  const values = [...props];
  const b = readBodies(values, { ...options, strictRtf: true });
  const set: SPropValue[] = [];
  const del: number[] = [];
  if (ulFlags & RTF_SYNC_RTF_CHANGED) {
    if (b.rtf) {
      const cp = rtfDocumentCodePage(b.rtf);
      const { text, html } = textOfRtf(b.rtf);
      if (b.body === undefined || !sameSignificantText(b.body, text, cp)) set.push({ ulPropTag: b.bodyTag, Value: text });
      if (html !== undefined && b.html !== undefined && b.html !== html) set.push({ ulPropTag: b.htmlTag, Value: b.htmlTag === PR_HTML ? encodeHtmlBody(html, b.htmlCodePage) : html });
      set.push(...syncState(set.length > 0 ? text : b.body!, b.rtf));
    }
  } else if (ulFlags & RTF_SYNC_BODY_CHANGED) {
    if (b.body === undefined) {
      if (b.rtfInSync !== undefined) del.push(PR_RTF_IN_SYNC);
    } else {
      const cp = b.rtf ? rtfDocumentCodePage(b.rtf) : rtfCodePage(b.codepage);
      const info = rtfSyncInfo(b.body, cp);
      const unchanged =
        b.rtf !== undefined &&
        (typeof b.syncCrc === 'number' && typeof b.syncCount === 'number'
          ? b.syncCrc >>> 0 === info.crc && b.syncCount === info.count
          : sameSignificantText(textOfRtf(b.rtf).text, b.body, cp));
      let rtf = b.rtf;
      if (!unchanged) {
        rtf = textToRtf(b.body, b.codepage);
        set.push({ ulPropTag: PR_RTF_COMPRESSED, Value: compressRtf(rtf, { uncompressed: options.uncompressedRtf }) });
        if (b.html !== undefined) del.push(b.htmlTag);
      }
      set.push(...syncState(b.body, rtf!));
    }
  }
  const effective = dropUnchanged(values, set);
  return { fMessageUpdated: effective.length > 0 || del.length > 0, set: effective, delete: del };
}

/** The properties of `set` whose value differs from the stored one. */
function dropUnchanged(values: SPropValue[], set: SPropValue[]): SPropValue[] {
  return set.filter((p) => {
    const old = values.find((v) => v.ulPropTag >>> 0 === p.ulPropTag >>> 0);
    if (!old) return true;
    if (old.Value instanceof Uint8Array && p.Value instanceof Uint8Array) {
      return old.Value.length !== p.Value.length || old.Value.some((x, i) => x !== (p.Value as Uint8Array)[i]);
    }
    return old.Value !== p.Value;
  });
}

/**
 * What a store does to the bodies in saveChanges, given the message's properties after the
 * changes and the tags changed (set or deleted) since the last save:
 * - a changed HTML body (PR_HTML / PR_BODY_HTML) with the RTF untouched: PR_RTF_COMPRESSED is
 *   rebuilt as encapsulated HTML and, unless it was changed too, PR_BODY from the HTML;
 * - a changed PR_RTF_COMPRESSED, or PR_RTF_IN_SYNC set to FALSE by the client: RTFSync with
 *   RTF_SYNC_RTF_CHANGED (plus RTF_SYNC_BODY_CHANGED when PR_BODY changed too);
 * - a changed PR_BODY: RTFSync with RTF_SYNC_BODY_CHANGED, which creates the RTF when
 *   PR_BODY is stored for the first time and leaves it alone after a white-space-only edit.
 * @see pidtagbody-canonical-property.md
 * @see pidtagrtfinsync-canonical-property.md
 * @see supporting-rtf-text-for-message-store-providers.md
 */
export function syncBodiesOnSave(props: Iterable<SPropValue>, changedTags: Iterable<number>, options: BodyOptions = {}): BodyChanges {
  const values = [...props];
  const changed = new Set([...changedTags].map((t) => PROP_ID(t)));
  const b = readBodies(values, options);
  const bodyChanged = changed.has(PROP_ID(PR_BODY_W));
  const rtfChanged = changed.has(PROP_ID(PR_RTF_COMPRESSED)) || (changed.has(PROP_ID(PR_RTF_IN_SYNC)) && b.rtfInSync === false);
  const htmlChanged = changed.has(PROP_ID(PR_HTML));
  if (htmlChanged && !rtfChanged && b.html !== undefined) {
    const rtf = htmlToEncapsulatedRtf(b.html, options.codepage ?? b.htmlCodePage);
    const text = bodyChanged && b.body !== undefined ? b.body : htmlToText(b.html);
    const set: SPropValue[] = [{ ulPropTag: PR_RTF_COMPRESSED, Value: compressRtf(rtf, { uncompressed: options.uncompressedRtf }) }];
    if (!bodyChanged || b.body === undefined) set.push({ ulPropTag: b.bodyTag, Value: text });
    set.push(...syncState(text, rtf));
    return changes(dropUnchanged(values, set));
  }
  if (rtfChanged && b.rtf !== undefined) return rtfSync(values, RTF_SYNC_RTF_CHANGED | (bodyChanged ? RTF_SYNC_BODY_CHANGED : 0), options);
  if (bodyChanged) return rtfSync(values, RTF_SYNC_BODY_CHANGED, options);
  return NONE;
}
