import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PR_BODY_A,
  PR_BODY_HTML_W,
  PR_BODY_W,
  PR_HTML,
  PR_INTERNET_CPID,
  PR_NATIVE_BODY_INFO,
  PR_RTF_COMPRESSED,
  PR_RTF_IN_SYNC,
  PR_RTF_SYNC_BODY_COUNT,
  PR_RTF_SYNC_BODY_CRC,
  PR_RTF_SYNC_BODY_TAG,
  PR_RTF_SYNC_PREFIX_COUNT,
  PR_RTF_SYNC_TRAILING_COUNT,
  PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import { RTF_SYNC_BODY_CHANGED, RTF_SYNC_RTF_CHANGED } from '../../../src/core/generated/constants.js';
import { MAPI_E_CORRUPT_DATA, MAPI_E_UNKNOWN_FLAGS } from '../../../src/core/generated/scodes.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import { decompressRtf } from '../../../src/formats/rtf/compressedRtf.js';
import { compressRtf } from '../../../src/formats/rtf/lzfuCompress.js';
import { deEncapsulateHtml, deEncapsulateText, rtfEncapsulation } from '../../../src/formats/rtf/deEncapsulate.js';
import { htmlToEncapsulatedRtf, textToRtf } from '../../../src/formats/rtf/encapsulate.js';
import {
  NATIVE_BODY_HTML,
  NATIVE_BODY_PLAIN_TEXT,
  NATIVE_BODY_RTF_COMPRESSED,
  NATIVE_BODY_UNDEFINED,
} from '../../../src/formats/rtf/bodies.js';
import { computeBodyProperty, deriveBodies, nativeBodyInfo, rtfSync, syncBodiesOnSave, type BodyChanges } from '../../../src/formats/rtf/bodySync.js';
import { rtfSyncInfo } from '../../../src/formats/rtf/syncText.js';

const latin1 = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));
const rtfProp = (rtf: string | Uint8Array): SPropValue => ({ ulPropTag: PR_RTF_COMPRESSED, Value: compressRtf(typeof rtf === 'string' ? latin1(rtf) : rtf) });
const PLAIN_RTF = '{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}\\f0 Hello {\\b bold} world\\par}';
const HTML = '<html><body><p>Hi &amp; bye</p></body></html>';

function apply(props: SPropValue[], c: BodyChanges): SPropValue[] {
  const out = new Map(props.map((p) => [p.ulPropTag >>> 0, p]));
  for (const t of c.delete) out.delete(t >>> 0);
  for (const p of c.set) out.set(p.ulPropTag >>> 0, p);
  return [...out.values()];
}
const get = (props: SPropValue[], tag: number) => props.find((p) => p.ulPropTag >>> 0 === tag >>> 0)?.Value;
const rtfText = (props: SPropValue[]) => Buffer.from(decompressRtf(get(props, PR_RTF_COMPRESSED) as Uint8Array)).toString('latin1');

describe('rtfSyncInfo', () => {
  it('reproduces Outlook\'s values for msgreader__Many_entities.msg', () => {
    expect(rtfSyncInfo('Many entities!!!\r\n', 932)).toEqual({ crc: 343250895, count: 12, tag: 'MANYENTITIES', prefixCount: 0, trailingCount: 3 });
  });

  it('reproduces Outlook\'s values for sicos__RtfWithShortRussianString.msg (1251; "я" is 0xFF and not significant)', () => {
    const body = 'ввести  «Имя пользователя» (email) и  «Пароль» (password).\r\n \r\n';
    expect(rtfSyncInfo(body, 1251)).toEqual({
      crc: 1458391339,
      count: 47,
      tag: 'ввести«Импользовател»(EMAIL)и«Пароль»(PASSWORD)',
      prefixCount: 0,
      trailingCount: 1,
    });
  });

  it('counts ignorable characters before the significant ones, white space aside', () => {
    expect(rtfSyncInfo('  -- * Hello', 1252)).toMatchObject({ prefixCount: 3, count: 5, tag: 'HELLO' });
  });

  it('keeps at most 100 bytes in the tag', () => {
    expect(rtfSyncInfo('x'.repeat(150), 1252)).toMatchObject({ count: 150, tag: 'X'.repeat(100) });
  });

  it('does not change when only white space changes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(' ', '\r\n', '\t', '  '))), (parts) => {
        const a = parts.map(([w, s]) => w + s).join('');
        const b = parts.map(([w]) => w).join('\r\n \t');
        return JSON.stringify(rtfSyncInfo(a, 1252)) === JSON.stringify(rtfSyncInfo(b, 1252));
      }),
    );
  });
});

describe('nativeBodyInfo', () => {
  it('is undefined (0) without a body', () => {
    expect(nativeBodyInfo([{ ulPropTag: PR_SUBJECT_W, Value: 's' }])).toBe(NATIVE_BODY_UNDEFINED);
  });

  it('reports the RTF kind when PR_RTF_IN_SYNC is TRUE: encapsulated HTML, text, or RTF', () => {
    const inSync = { ulPropTag: PR_RTF_IN_SYNC, Value: true };
    expect(nativeBodyInfo([rtfProp(htmlToEncapsulatedRtf(HTML, 1252)), inSync, { ulPropTag: PR_BODY_W, Value: 'x' }])).toBe(NATIVE_BODY_HTML);
    expect(nativeBodyInfo([rtfProp(textToRtf('x', 1252)), inSync, { ulPropTag: PR_BODY_W, Value: 'x' }])).toBe(NATIVE_BODY_PLAIN_TEXT);
    expect(nativeBodyInfo([rtfProp(PLAIN_RTF), inSync, { ulPropTag: PR_BODY_W, Value: 'x' }])).toBe(NATIVE_BODY_RTF_COMPRESSED);
  });

  it('prefers PR_HTML over RTF that is not in sync, and RTF over PR_BODY', () => {
    const html = { ulPropTag: PR_HTML, Value: latin1(HTML) };
    expect(nativeBodyInfo([rtfProp(PLAIN_RTF), html, { ulPropTag: PR_BODY_W, Value: 'x' }])).toBe(NATIVE_BODY_HTML);
    expect(nativeBodyInfo([rtfProp(PLAIN_RTF), { ulPropTag: PR_BODY_W, Value: 'x' }])).toBe(NATIVE_BODY_RTF_COMPRESSED);
    expect(nativeBodyInfo([{ ulPropTag: PR_BODY_A, Value: 'x' }])).toBe(NATIVE_BODY_PLAIN_TEXT);
  });

  it('returns a stored nonzero PR_NATIVE_BODY_INFO as is', () => {
    expect(nativeBodyInfo([{ ulPropTag: PR_NATIVE_BODY_INFO, Value: 3 }, { ulPropTag: PR_BODY_W, Value: 'x' }])).toBe(3);
    expect(nativeBodyInfo([{ ulPropTag: PR_NATIVE_BODY_INFO, Value: 0 }, { ulPropTag: PR_BODY_W, Value: 'x' }])).toBe(1);
  });

  it('ignores a corrupt RTF stream', () => {
    expect(nativeBodyInfo([{ ulPropTag: PR_RTF_COMPRESSED, Value: new Uint8Array(20) }, { ulPropTag: PR_BODY_W, Value: 'x' }])).toBe(NATIVE_BODY_PLAIN_TEXT);
  });
});

describe('deriveBodies', () => {
  it('derives PR_HTML and PR_BODY from RTF that encapsulates HTML', () => {
    const props = [rtfProp(htmlToEncapsulatedRtf(HTML, 1252)), { ulPropTag: PR_INTERNET_CPID, Value: 65001 }];
    const after = apply(props, deriveBodies(props));
    expect(Buffer.from(get(after, PR_HTML) as Uint8Array).toString('utf8')).toBe(HTML);
    expect(get(after, PR_BODY_W)).toBe('Hi & bye\r\n');
    expect(get(after, PR_RTF_IN_SYNC)).toBe(true);
    expect(get(after, PR_RTF_SYNC_BODY_TAG)).toBe('HI&BYE');
  });

  it('derives PR_BODY from RTF that encapsulates text, or from plain RTF', () => {
    const fromText = [rtfProp(textToRtf('line 1\r\nline 2', 1252))];
    expect(get(apply(fromText, deriveBodies(fromText)), PR_BODY_W)).toBe('line 1\r\nline 2');
    const plain = [rtfProp(PLAIN_RTF)];
    const after = apply(plain, deriveBodies(plain));
    expect(get(after, PR_BODY_W)).toBe('Hello bold world\r\n');
    expect(get(after, PR_HTML)).toBeUndefined();
  });

  it('derives PR_BODY (HTML to text) and PR_RTF_COMPRESSED (encapsulated HTML) from PR_HTML alone', () => {
    const props = [{ ulPropTag: PR_HTML, Value: latin1(HTML) }];
    const after = apply(props, deriveBodies(props));
    expect(get(after, PR_BODY_W)).toBe('Hi & bye\r\n');
    expect(deEncapsulateHtml(decompressRtf(get(after, PR_RTF_COMPRESSED) as Uint8Array))).toBe(HTML);
  });

  it('derives RTF from PR_BODY alone, keeping a PT_STRING8 body\'s type', () => {
    const props = [{ ulPropTag: PR_BODY_A, Value: 'Привет\r\n' }];
    const after = apply(props, deriveBodies(props, { codepage: 1251 }));
    expect(rtfText(after)).toContain('\\ansicpg1251\\fromtext');
    expect(deEncapsulateText(decompressRtf(get(after, PR_RTF_COMPRESSED) as Uint8Array))).toBe('Привет\r\n');
    expect(get(after, PR_BODY_W)).toBeUndefined();
    expect(get(after, PR_RTF_SYNC_BODY_COUNT)).toBe(6);
  });

  it('writes MELA RTF for a store with STORE_UNCOMPRESSED_RTF', () => {
    const props = [{ ulPropTag: PR_BODY_W, Value: 'x' }];
    const rtf = get(apply(props, deriveBodies(props, { uncompressedRtf: true })), PR_RTF_COMPRESSED) as Uint8Array;
    expect(Buffer.from(rtf.subarray(8, 12)).toString('latin1')).toBe('MELA');
  });

  it('changes nothing when every body is there, or there is none', () => {
    const full = [rtfProp(PLAIN_RTF), { ulPropTag: PR_BODY_W, Value: 'x' }];
    expect(deriveBodies(full)).toEqual({ set: [], delete: [] });
    expect(deriveBodies([{ ulPropTag: PR_SUBJECT_W, Value: 's' }])).toEqual({ set: [], delete: [] });
  });
});

describe('computeBodyProperty', () => {
  it('computes a missing body from the best one and returns stored ones as they are', () => {
    const props = [rtfProp(htmlToEncapsulatedRtf(HTML, 1252))];
    expect(computeBodyProperty(props, PR_BODY_W)?.Value).toBe('Hi & bye\r\n');
    expect(computeBodyProperty(props, PR_BODY_HTML_W)?.Value).toBe(HTML);
    expect(computeBodyProperty(props, PR_NATIVE_BODY_INFO)?.Value).toBe(NATIVE_BODY_HTML);
    expect(computeBodyProperty(props, PR_RTF_COMPRESSED)).toBe(props[0]);
  });

  it('makes HTML of a plain-text body', () => {
    const props = [{ ulPropTag: PR_BODY_W, Value: 'a < b\r\nc' }];
    expect(computeBodyProperty(props, PR_BODY_HTML_W)?.Value).toBe('<html><body>a &lt; b<br>\r\nc</body></html>');
  });

  it('is undefined without a body, and for other properties', () => {
    expect(computeBodyProperty([], PR_BODY_W)).toBeUndefined();
    expect(computeBodyProperty([{ ulPropTag: PR_BODY_W, Value: 'x' }], PR_SUBJECT_W)).toBeUndefined();
  });
});

describe('rtfSync', () => {
  const synced = (body: string): SPropValue[] => {
    const props: SPropValue[] = [{ ulPropTag: PR_BODY_W, Value: body }];
    return apply(props, deriveBodies(props));
  };

  it('RTF_SYNC_RTF_CHANGED: rewrites PR_BODY from the new RTF and the auxiliary properties', () => {
    const props = apply(synced('old text'), { set: [rtfProp(PLAIN_RTF)], delete: [] });
    const r = rtfSync(props, RTF_SYNC_RTF_CHANGED);
    expect(r.fMessageUpdated).toBe(true);
    const after = apply(props, r);
    expect(get(after, PR_BODY_W)).toBe('Hello bold world\r\n');
    expect(get(after, PR_RTF_SYNC_BODY_TAG)).toBe('HELLOBOLDWORLD');
    expect(get(after, PR_RTF_SYNC_BODY_CRC)).toBe(rtfSyncInfo('Hello bold world', 1252).crc | 0);
    expect(get(after, PR_RTF_IN_SYNC)).toBe(true);
  });

  it('RTF_SYNC_RTF_CHANGED: keeps PR_BODY whose significant text already matches the RTF', () => {
    const props = [rtfProp(PLAIN_RTF), { ulPropTag: PR_BODY_W, Value: 'Hello   bold\r\nworld' }];
    const after = apply(props, rtfSync(props, RTF_SYNC_RTF_CHANGED));
    expect(get(after, PR_BODY_W)).toBe('Hello   bold\r\nworld');
  });

  it('RTF_SYNC_BODY_CHANGED: a white-space edit leaves the RTF alone and reports no update', () => {
    const props = synced('Hello world');
    const edited = apply(props, { set: [{ ulPropTag: PR_BODY_W, Value: 'Hello\r\n   world  ' }], delete: [] });
    const r = rtfSync(edited, RTF_SYNC_BODY_CHANGED);
    expect(r).toEqual({ fMessageUpdated: false, set: [], delete: [] });
  });

  it('RTF_SYNC_BODY_CHANGED: a real edit rebuilds the RTF from PR_BODY and drops a stale HTML body', () => {
    const props = apply(synced('Hello world'), { set: [{ ulPropTag: PR_HTML, Value: latin1(HTML) }], delete: [] });
    const edited = apply(props, { set: [{ ulPropTag: PR_BODY_W, Value: 'Goodbye world' }], delete: [] });
    const r = rtfSync(edited, RTF_SYNC_BODY_CHANGED);
    expect(r.fMessageUpdated).toBe(true);
    expect(r.delete).toEqual([PR_HTML]);
    const after = apply(edited, r);
    expect(deEncapsulateText(decompressRtf(get(after, PR_RTF_COMPRESSED) as Uint8Array))).toBe('Goodbye world');
    expect(get(after, PR_RTF_SYNC_BODY_TAG)).toBe('GOODBYEWORLD');
  });

  it('RTF_SYNC_BODY_CHANGED without stored auxiliary properties compares with the RTF\'s text', () => {
    const props = [rtfProp(PLAIN_RTF), { ulPropTag: PR_BODY_W, Value: 'Hello bold world' }];
    const r = rtfSync(props, RTF_SYNC_BODY_CHANGED);
    expect(r.set.map((p) => p.ulPropTag)).not.toContain(PR_RTF_COMPRESSED);
    expect(get(apply(props, r), PR_RTF_IN_SYNC)).toBe(true);
  });

  it('RTF_SYNC_BODY_CHANGED creates the RTF when there is none', () => {
    const props = [{ ulPropTag: PR_BODY_W, Value: 'new' }];
    expect(rtfEncapsulation(decompressRtf(get(apply(props, rtfSync(props, RTF_SYNC_BODY_CHANGED)), PR_RTF_COMPRESSED) as Uint8Array))).toBe('text');
  });

  it('RTF_SYNC_BODY_CHANGED with PR_BODY deleted ends synchronization (deletes PR_RTF_IN_SYNC)', () => {
    const props = synced('x').filter((p) => p.ulPropTag !== PR_BODY_W);
    expect(rtfSync(props, RTF_SYNC_BODY_CHANGED)).toMatchObject({ fMessageUpdated: true, delete: [PR_RTF_IN_SYNC] });
  });

  it('with both flags the RTF wins', () => {
    const props = [rtfProp(PLAIN_RTF), { ulPropTag: PR_BODY_W, Value: 'something else' }];
    expect(get(apply(props, rtfSync(props, RTF_SYNC_RTF_CHANGED | RTF_SYNC_BODY_CHANGED)), PR_BODY_W)).toBe('Hello bold world\r\n');
  });

  it('rejects reserved flag bits with MAPI_E_UNKNOWN_FLAGS', () => {
    expect(() => rtfSync([], 4)).toThrow(MapiError);
    try {
      rtfSync([], 4);
    } catch (e) {
      expect((e as MapiError).scode).toBe(MAPI_E_UNKNOWN_FLAGS);
    }
  });

  it('reports MAPI_E_CORRUPT_DATA for an RTF stream that does not decompress', () => {
    const props = [{ ulPropTag: PR_RTF_COMPRESSED, Value: new Uint8Array(16) }];
    try {
      rtfSync(props, RTF_SYNC_RTF_CHANGED);
      throw new Error('expected an error');
    } catch (e) {
      expect((e as MapiError).scode).toBe(MAPI_E_CORRUPT_DATA);
    }
  });
});

describe('syncBodiesOnSave', () => {
  it('creates the RTF when PR_BODY is stored for the first time', () => {
    const props = [{ ulPropTag: PR_BODY_W, Value: 'first' }];
    const after = apply(props, syncBodiesOnSave(props, [PR_BODY_W]));
    expect(rtfText(after)).toContain('\\fromtext');
    expect(get(after, PR_RTF_IN_SYNC)).toBe(true);
    for (const tag of [PR_RTF_SYNC_BODY_CRC, PR_RTF_SYNC_BODY_COUNT, PR_RTF_SYNC_BODY_TAG, PR_RTF_SYNC_PREFIX_COUNT, PR_RTF_SYNC_TRAILING_COUNT]) {
      expect(get(after, tag)).toBeDefined();
    }
  });

  it('rebuilds RTF and PR_BODY when the HTML body changes', () => {
    const props = [{ ulPropTag: PR_HTML, Value: latin1(HTML) }, { ulPropTag: PR_BODY_W, Value: 'old' }, rtfProp(PLAIN_RTF)];
    const after = apply(props, syncBodiesOnSave(props, [PR_HTML]));
    expect(get(after, PR_BODY_W)).toBe('Hi & bye\r\n');
    expect(deEncapsulateHtml(decompressRtf(get(after, PR_RTF_COMPRESSED) as Uint8Array))).toBe(HTML);
  });

  it('syncs PR_BODY from RTF the client changed, or marked out of sync (PR_RTF_IN_SYNC FALSE)', () => {
    const props = [rtfProp(PLAIN_RTF), { ulPropTag: PR_BODY_W, Value: 'old' }, { ulPropTag: PR_RTF_IN_SYNC, Value: false }];
    expect(get(apply(props, syncBodiesOnSave(props, [PR_RTF_COMPRESSED])), PR_BODY_W)).toBe('Hello bold world\r\n');
    expect(get(apply(props, syncBodiesOnSave(props, [PR_RTF_IN_SYNC])), PR_BODY_W)).toBe('Hello bold world\r\n');
  });

  it('changes nothing when no body property changed', () => {
    expect(syncBodiesOnSave([{ ulPropTag: PR_BODY_W, Value: 'x' }], [PR_SUBJECT_W])).toEqual({ set: [], delete: [] });
  });
});
