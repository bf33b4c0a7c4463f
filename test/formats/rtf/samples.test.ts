import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import CFB from 'cfb';
import { decodeString8, internetCodePageFamily } from '../../../src/core/props/codepage.js';
import { decompressRtf } from '../../../src/formats/rtf/compressedRtf.js';
import { compressRtf } from '../../../src/formats/rtf/lzfuCompress.js';
import { deEncapsulateHtml, deEncapsulateText, rtfEncapsulation, rtfToText } from '../../../src/formats/rtf/deEncapsulate.js';
import { htmlToText } from '../../../src/formats/rtf/htmlToText.js';
import { rtfDocumentCodePage } from '../../../src/formats/rtf/bodies.js';
import { rtfSyncInfo } from '../../../src/formats/rtf/syncText.js';

// Every PR_RTF_COMPRESSED stream of the Outlook .msg samples (top-level and embedded
// messages), checked against the PR_BODY / PR_HTML stored beside it.

const DIR = join(__dirname, '../../samples/msg');

interface RtfSample {
  readonly file: string;
  /** Storage path of the message ('' for the top level). */
  readonly storage: string;
  readonly compressed: Uint8Array;
  readonly body?: string;
  readonly html?: Uint8Array;
  /** Fixed-size properties by tag (PT_LONG / PT_BOOLEAN values as unsigned numbers). */
  readonly fixed: ReadonlyMap<number, number>;
}

function loadSamples(): RtfSample[] {
  const out: RtfSample[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.msg')).sort()) {
    let cfb: CFB.CFB$Container;
    try {
      cfb = CFB.read(readFileSync(join(DIR, file)), { type: 'buffer' });
    } catch {
      continue; // the fuzzer-made samples are not valid compound files
    }
    cfb.FullPaths.forEach((path, i) => {
      if (!path.endsWith('/__substg1.0_10090102') || path.includes('__nameid_version1.0')) return;
      const storage = path.slice(path.indexOf('/') + 1, -'__substg1.0_10090102'.length);
      const stream = (name: string): Uint8Array | undefined => {
        const entry = CFB.find(cfb, '/' + storage + name);
        return entry?.content ? Uint8Array.from(entry.content as ArrayLike<number>) : undefined;
      };
      const fixed = new Map<number, number>();
      const props = stream('__properties_version1.0');
      if (props) {
        const dv = new DataView(props.buffer, props.byteOffset, props.byteLength);
        // [MS-OXMSG] 2.4.1: a 32-byte header at the top level, 24 bytes in an embedded message.
        for (let o = storage === '' ? 32 : 24; o + 16 <= props.length; o += 16) fixed.set(dv.getUint32(o, true), dv.getUint32(o + 8, true));
      }
      const cpid = fixed.get(0x3fde0003) ?? 0;
      const bodyW = stream('__substg1.0_1000001F');
      const bodyA = stream('__substg1.0_1000001E');
      const body = bodyW
        ? Buffer.from(bodyW).toString('utf16le')
        : bodyA
          ? decodeString8(bodyA, fixed.get(0x3ffd0003) || internetCodePageFamily(cpid) || 1252)
          : undefined;
      out.push({ file, storage, compressed: Uint8Array.from(cfb.FileIndex[i]!.content as ArrayLike<number>), body, html: stream('__substg1.0_10130102'), fixed });
    });
  }
  return out;
}

const samples = loadSamples();
const name = (s: RtfSample) => s.file + (s.storage ? ` (${s.storage.replace(/\/$/, '')})` : '');

/**
 * What Outlook's HTML-to-RTF encapsulation leaves out: the <meta http-equiv=Content-Type>
 * element (the RTF has its own code page). [MS-OXRTFEX] 1.3: changes that do not affect
 * the rendering are allowed.
 */
const withoutContentTypeMeta = (html: string) => html.replace(/<meta\s+http-equiv\s*=\s*"?content-type"?[^>]*>/i, '');

/** For RTF from a writer that re-serialized the HTML (poi__bug66335.msg): case, white space, <tbody>, &nbsp;. */
const looselyNormalized = (html: string) =>
  html.toLowerCase().replace(/&nbsp;/g, '\u00a0').replace(/<\/?tbody>/g, '').replace(/\s+/g, '');

describe('PR_RTF_COMPRESSED of the .msg samples', () => {
  it('finds the RTF streams', () => {
    expect(samples.length).toBeGreaterThan(100);
  });

  it.each(samples.map((s) => [name(s), s] as const))('%s: decompresses (CRC checked) and recompresses losslessly', (_, s) => {
    const rtf = decompressRtf(s.compressed);
    expect(rtf.length).toBe(new DataView(s.compressed.buffer, s.compressed.byteOffset).getUint32(4, true));
    const again = compressRtf(rtf);
    expect(Buffer.from(decompressRtf(again)).equals(Buffer.from(rtf))).toBe(true);
    // Outlook's own match search picks other (equally long) matches, so the bytes differ,
    // but the size stays within a few bytes.
    expect(Math.abs(again.length - s.compressed.length)).toBeLessThan(s.compressed.length / 100 + 16);
  });

  const withBody = samples.filter((s) => s.body !== undefined);

  it.each(withBody.filter((s) => rtfEncapsulation(decompressRtf(s.compressed)) === 'text').map((s) => [name(s), s] as const))(
    '%s: de-encapsulated text is PR_BODY',
    (_, s) => {
      const text = deEncapsulateText(decompressRtf(s.compressed))!;
      if (s.file === 'msgreader__Many_entities.msg' && s.storage !== '') {
        // The embedded messages were made by another program: LF-only PR_BODY, and RTF with
        // CRLF line ends and a final \par. [MS-OXRTFEX] 1.3 allows normalizing line ends.
        const eol = (t: string) => t.replace(/\r?\n/g, '\r\n').replace(/(\r\n)+$/, '');
        expect(eol(text)).toBe(eol(s.body!));
      } else {
        expect(text).toBe(s.body);
      }
    },
  );

  it.each(withBody.filter((s) => rtfEncapsulation(decompressRtf(s.compressed)) === 'rtf').map((s) => [name(s), s] as const))(
    '%s: the text of the RTF is PR_BODY',
    (_, s) => {
      expect(rtfToText(decompressRtf(s.compressed))).toBe(s.body);
    },
  );

  const htmlSamples = samples.filter((s) => s.html !== undefined && rtfEncapsulation(decompressRtf(s.compressed)) === 'html');

  it.each(htmlSamples.filter((s) => s.file !== 'poi__bug66335.msg').map((s) => [name(s), s] as const))(
    '%s: de-encapsulated HTML is PR_HTML (without its Content-Type meta element)',
    (_, s) => {
      const pr = decodeString8(s.html!, s.fixed.get(0x3fde0003) || 1252);
      expect(deEncapsulateHtml(decompressRtf(s.compressed))).toBe(withoutContentTypeMeta(pr));
    },
  );

  it('poi__bug66335.msg: de-encapsulated HTML is PR_HTML as re-serialized by its (non-Outlook) writer', () => {
    const s = htmlSamples.find((x) => x.file === 'poi__bug66335.msg')!;
    const pr = decodeString8(s.html!, 65001);
    const ours = deEncapsulateHtml(decompressRtf(s.compressed))!;
    expect(ours).not.toBe(pr);
    expect(looselyNormalized(ours)).toBe(looselyNormalized(pr));
  });

  it.each(
    withBody
      .filter((s) => rtfEncapsulation(decompressRtf(s.compressed)) === 'html' && s.file !== 'poi__bug66335.msg')
      .map((s) => [name(s), s] as const),
  )('%s: the text of the de-encapsulated HTML is PR_BODY but for white space', (_, s) => {
    const squeeze = (t: string) => t.replace(/\s+/g, '');
    expect(squeeze(htmlToText(deEncapsulateHtml(decompressRtf(s.compressed))!))).toBe(squeeze(s.body!));
  });

  it.each(
    samples
      .filter((s) => s.fixed.has(0x10070003) && s.body !== undefined && s.file !== 'poi__chinese-traditional.msg')
      .map((s) => [name(s), s] as const),
  )('%s: PR_RTF_SYNC_BODY_CRC/COUNT/PREFIX/TRAILING are those of PR_BODY', (_, s) => {
    const info = rtfSyncInfo(s.body!, rtfDocumentCodePage(decompressRtf(s.compressed)));
    expect([info.crc, info.count, info.prefixCount, info.trailingCount]).toEqual([
      s.fixed.get(0x10060003),
      s.fixed.get(0x10070003),
      s.fixed.get(0x10100003),
      s.fixed.get(0x10110003),
    ]);
  });
});
