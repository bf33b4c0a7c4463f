/**
 * Interop: files we write are read by three independent readers, whose view of the subject,
 * body, recipients and attachments must equal ours:
 * - @kenjiuno/msgreader (a dev dependency);
 * - Python's olefile (Debian python3-olefile), through a small script that reads the streams;
 * - Debian's msgconvert (libemail-outlook-message-perl), .msg to .eml, parsed by Python's email.
 * The Python and msgconvert parts are skipped, with the reason, where the tool is missing.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MsgReaderModule from '@kenjiuno/msgreader';
import { afterAll, describe, expect, it } from 'vitest';
import { MAPI_BCC, MAPI_CC } from '../../../src/core/generated/constants.js';
import {
  PR_ATTACH_DATA_BIN, PR_ATTACH_FILENAME_W, PR_ATTACH_LONG_FILENAME_W, PR_BODY_W, PR_DISPLAY_NAME_W, PR_EMAIL_ADDRESS_W,
  PR_RECIPIENT_TYPE, PR_SMTP_ADDRESS_W, PR_SUBJECT_W,
} from '../../../src/core/generated/proptags.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import type { MessageContent } from '../../../src/core/spi/store.js';
import { MsgFile, readMsg, writeMsg } from '../../../src/formats/msg/index.js';
import { fixtureMessage } from './fixture.js';
import { newNames, sample } from './helpers.js';

/** What every reader is asked: subject, body, recipients, attachments (embedded: their subject). */
interface View {
  subject: string;
  body: string;
  recipients: { name: string; email: string; type: string }[];
  attachments: { name: string; sha1: string | null; embeddedSubject: string | null }[];
}

const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');
const normBody = (s: string) => s.replace(/\r\n/g, '\n').replace(/\s+$/, '');
const TYPES: Record<number, string> = { 1: 'to', [MAPI_CC]: 'cc', [MAPI_BCC]: 'bcc' };

function str(c: MessageContent['props'], tag: number): string {
  const v = c.get(PROP_ID(tag))?.Value;
  return typeof v === 'string' ? v : '';
}

/** Our own view, from the content we read back. */
function ourView(c: MessageContent): View {
  return {
    subject: str(c.props, PR_SUBJECT_W),
    body: normBody(str(c.props, PR_BODY_W)),
    recipients: c.recipients.map((r) => ({
      name: str(r.props, PR_DISPLAY_NAME_W),
      email: str(r.props, PR_SMTP_ADDRESS_W) || str(r.props, PR_EMAIL_ADDRESS_W),
      type: TYPES[Number(r.props.get(PROP_ID(PR_RECIPIENT_TYPE))?.Value) & 0xf] ?? 'to',
    })),
    attachments: c.attachments.map((a) => {
      const data = a.props.get(PROP_ID(PR_ATTACH_DATA_BIN))?.Value;
      return {
        name: a.embedded ? '' : str(a.props, PR_ATTACH_LONG_FILENAME_W) || str(a.props, PR_ATTACH_FILENAME_W),
        sha1: data instanceof Uint8Array ? sha1(data) : null,
        embeddedSubject: a.embedded ? str(a.embedded.props, PR_SUBJECT_W) : null,
      };
    }),
  };
}

interface MsgReaderData {
  subject?: string;
  body?: string;
  recipients?: { name?: string; email?: string; smtpAddress?: string; recipType?: string }[];
  attachments?: { fileName?: string; fileNameShort?: string; innerMsgContent?: boolean; innerMsgContentFields?: { subject?: string } }[];
}
interface MsgReaderLike {
  parserConfig?: { ansiEncoding?: string };
  getFileData(): MsgReaderData;
  getAttachment(a: unknown): { content: Uint8Array };
}
const MsgReader = ((MsgReaderModule as unknown as { default?: unknown }).default ?? MsgReaderModule) as new (b: Uint8Array) => MsgReaderLike;

function msgreaderView(bytes: Uint8Array, codePage: number): View {
  const r = new MsgReader(bytes);
  // msgreader does not infer an ANSI file's code page: it is told, as its documentation says.
  r.parserConfig = { ansiEncoding: String(codePage) };
  const d = r.getFileData();
  return {
    subject: d.subject ?? '',
    body: normBody(d.body ?? ''),
    recipients: (d.recipients ?? []).map((x) => ({ name: x.name ?? '', email: x.smtpAddress || x.email || '', type: x.recipType ?? 'to' })),
    attachments: (d.attachments ?? []).map((a) => ({
      name: a.innerMsgContent ? '' : a.fileName || a.fileNameShort || '',
      sha1: a.innerMsgContent ? null : sha1(r.getAttachment(a).content),
      embeddedSubject: a.innerMsgContent ? (a.innerMsgContentFields?.subject ?? '') : null,
    })),
  };
}

// ---- the Python side -------------------------------------------------------------------------

const OLEFILE_SCRIPT = String.raw`
import hashlib, json, sys, olefile
def text(ole, base, propid, cp):
    for t in ('001F', '001E'):
        p = base + '__substg1.0_' + propid + t
        if ole.exists(p):
            b = ole.openstream(p).read()
            v = b.decode('utf-16-le') if t == '001F' else b.decode(cp, 'replace')
            return v.rstrip('\x00')
    return ''
def props(ole, base, header):
    out = {}
    b = ole.openstream(base + '__properties_version1.0').read()
    for i in range(header, len(b) - 15, 16):
        tag = int.from_bytes(b[i:i+4], 'little')
        out[tag] = int.from_bytes(b[i+8:i+12], 'little')
    return out
def view(ole, base, header, cp):  # top level only: base is ''
    kids = sorted(set(e[0] for e in ole.listdir(streams=True, storages=True)))
    recips, atts = [], []
    for k in kids:
        if k.startswith('__recip_version1.0_#'):
            rb = base + k + '/'
            rp = props(ole, rb, 8)
            rt = rp.get(0x0C150003, 1) & 0xF
            recips.append({'name': text(ole, rb, '3001', cp), 'email': text(ole, rb, '39FE', cp) or text(ole, rb, '3003', cp), 'type': {1: 'to', 2: 'cc', 3: 'bcc'}.get(rt, 'to')})
        elif k.startswith('__attach_version1.0_#'):
            ab = base + k + '/'
            emb = ab + '__substg1.0_3701000D/'
            if ole.exists(emb + '__properties_version1.0'):
                atts.append({'name': '', 'sha1': None, 'embeddedSubject': text(ole, emb, '0037', cp)})
            else:
                data = ole.openstream(ab + '__substg1.0_37010102').read() if ole.exists(ab + '__substg1.0_37010102') else None
                atts.append({'name': text(ole, ab, '3707', cp) or text(ole, ab, '3704', cp), 'sha1': hashlib.sha1(data).hexdigest() if data is not None else None, 'embeddedSubject': None})
    return {'subject': text(ole, base, '0037', cp), 'body': text(ole, base, '1000', cp), 'recipients': recips, 'attachments': atts}
out = []
for arg in sys.argv[1:]:
    path, cp = arg.rsplit(':', 1)
    ole = olefile.OleFileIO(path, raise_defects=olefile.DEFECT_INCORRECT)
    out.append(view(ole, '', 32, 'utf-8' if cp == '65001' else 'cp' + cp))
    ole.close()
print(json.dumps(out))
`;

const EML_SCRIPT = String.raw`
import email, email.policy, email.header, hashlib, json, re, sys
def undouble(s):
    # msgconvert writes a Unicode body's UTF-8 twice encoded under some Perl setups; undo when clean.
    try:
        return s.encode('latin-1').decode('utf-8')
    except Exception:
        return s
def hdr(msg, name):
    # The raw value: compat32 would hand back an undecodable Header object for 8-bit bytes.
    v = next((val for key, val in msg.raw_items() if key.lower() == name.lower()), '')
    if not v:
        return ''
    v = re.sub(r'\r?\n(?=[ \t])', '', str(v))
    if '=?' in v:
        return str(email.header.make_header(email.header.decode_header(v)))
    # msgconvert prints headers without an encoding layer: UTF-8 when a character is above
    # U+00FF, else Latin-1 bytes (which the UTF-8 reading kept as surrogates).
    if any('\udc80' <= c <= '\udcff' for c in v):
        return v.encode('utf-8', 'surrogateescape').decode('latin-1')
    return v
def view(msg):
    body, atts = '', []
    parts = [msg] if not msg.is_multipart() else list(msg.get_payload())
    stack = list(parts)
    while stack:
        part = stack.pop(0)
        ct = part.get_content_type()
        disp = part.get_content_disposition()
        if ct == 'message/rfc822':
            inner = part.get_payload()[0]
            atts.append({'name': '', 'sha1': None, 'embeddedSubject': undouble(hdr(inner, 'Subject'))})
        elif part.is_multipart():
            stack[0:0] = list(part.get_payload())
        elif disp == 'attachment' or (part.get_filename() and ct != 'text/plain'):
            data = part.get_payload(decode=True) or b''
            atts.append({'name': part.get_filename() or '', 'sha1': hashlib.sha1(data).hexdigest(), 'embeddedSubject': None})
        elif ct == 'text/plain' and not body:
            if str(part.get('Content-Transfer-Encoding', '')).lower() in ('base64', 'quoted-printable'):
                raw = part.get_payload(decode=True) or b''
                body = undouble(raw.decode(part.get_content_charset() or 'utf-8', 'replace'))
            else:
                body = undouble(part.get_payload())
    recips = []
    for field, kind in (('To', 'to'), ('Cc', 'cc')):
        v = hdr(msg, field)
        # msgconvert writes "name <addr>" without quoting names (which may hold '@'): split by hand.
        for item in (v.split(', ') if v else []):
            m = re.match(r'^(.*?)\s*<([^>]*)>$', item.strip())
            name, addr = (m.group(1), m.group(2)) if m else (item.strip(), item.strip())
            recips.append({'name': undouble(name.strip('"')), 'email': addr, 'type': kind})
    return {'subject': undouble(hdr(msg, 'Subject')), 'body': body, 'recipients': recips, 'attachments': atts}
import email.utils
out = []
for path in sys.argv[1:]:
    # msgconvert writes 8-bit UTF-8 headers and bodies: read the file as text so they stay text.
    with open(path, 'rb') as f:
        out.append(view(email.message_from_string(f.read().decode('utf-8', 'surrogateescape'), policy=email.policy.compat32)))
print(json.dumps(out))
`;

function findPython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import olefile, email'], { encoding: 'utf8' }).status === 0) return python;
  }
  return undefined;
}
const python = findPython();

const work = mkdtempSync(join(tmpdir(), 'msg-interop-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * How to run msgconvert here: as installed, or with a stand-in for Email::Address (a package
 * it only recommends; Debian's msgconvert `use`s it but needs it only for --mbox). Undefined,
 * with the reason, when it cannot run.
 */
function msgconvertSetup(): { env: NodeJS.ProcessEnv } | { skip: string } {
  if (spawnSync('msgconvert', ['--help'], { encoding: 'utf8' }).error) return { skip: 'msgconvert (Debian libemail-outlook-message-perl) is not installed' };
  const probeFile = join(work, 'probe.msg');
  writeFileSync(probeFile, sample('msgreader__Simple.msg'));
  const run = (env: NodeJS.ProcessEnv) => spawnSync('msgconvert', ['--outfile', join(work, 'probe.eml'), probeFile], { encoding: 'utf8', env, cwd: work });
  if (run(process.env).status === 0) return { env: process.env };
  const shim = join(work, 'perl');
  mkdirSync(join(shim, 'Email'), { recursive: true });
  writeFileSync(join(shim, 'Email', 'Address.pm'), 'package Email::Address;\nuse Email::Address::XS;\nsub parse { shift; return Email::Address::XS->parse(@_); }\n1;\n');
  const env = { ...process.env, PERL5LIB: [shim, process.env.PERL5LIB].filter(Boolean).join(':') };
  const second = run(env);
  if (second.status === 0) return { env };
  return { skip: `msgconvert cannot run: ${second.stderr.split('\n')[0]}` };
}
const msgconvert = msgconvertSetup();

/** The files to check: our fixture, and samples read and written back (Unicode and ANSI). */
interface Case {
  name: string;
  bytes: Uint8Array;
  /** The code page of PT_STRING8 values, as we infer it (told to readers that cannot). */
  codePage: number;
  ours: View;
}
function cases(): Case[] {
  const out: Case[] = [];
  const names = newNames();
  out.push({ name: 'fixture', bytes: writeMsg(fixtureMessage(names), names), codePage: 0, ours: { subject: '', body: '', recipients: [], attachments: [] } });
  for (const s of ['msgreader__msgInMsg.msg', 'sicos__EmailWithAttachments.msg', 'poi__example_sent_regular.msg', 'msgreader__nonUnicodeCP932.msg', 'poi__attachment_test_msg.msg']) {
    const n = newNames();
    const file = MsgFile.open(sample(s), n);
    out.push({ name: s, bytes: writeMsg(file.content(), n, { unicode: file.unicode }), codePage: 0, ours: { subject: '', body: '', recipients: [], attachments: [] } });
  }
  for (const c of out) {
    c.ours = ourView(readMsg(c.bytes, newNames()));
    c.codePage = MsgFile.open(c.bytes, newNames()).codePage;
  }
  return out;
}
const files = cases();
files.forEach((f, i) => writeFileSync(join(work, `case${i}.msg`), f.bytes));

describe('writeMsg: independent readers read our files', () => {
  it('our own reading of the fixture is what was written (so the comparisons below are meaningful)', () => {
    const v = files[0]!.ours;
    expect(v.subject).toBe('Grüße from mapi-emu ✓ 日本');
    expect(v.recipients.map((r) => r.type)).toEqual(['to', 'cc']);
    expect(v.attachments.map((a) => a.name)).toEqual(['data-file.bin', 'small.pdf', '']);
    expect(v.attachments[2]!.embeddedSubject).toBe('Inner — embedded');
  });

  it.each(files.map((f, i) => [f.name, i] as const))('msgreader reads %s as we do', (_name, i) => {
    const f = files[i]!;
    expect(msgreaderView(f.bytes, f.codePage)).toEqual(f.ours);
  });

  it.skipIf(!python)('olefile (strict) reads every file as we do', () => {
    const r = spawnSync(python!, ['-c', OLEFILE_SCRIPT, ...files.map((f, i) => `${join(work, `case${i}.msg`)}:${f.codePage}`)], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const views = JSON.parse(r.stdout) as View[];
    views.forEach((v, i) => expect({ file: files[i]!.name, ...v, body: normBody(v.body) }).toEqual({ file: files[i]!.name, ...files[i]!.ours }));
  });

  it.skipIf('skip' in msgconvert || !python)(`msgconvert converts every file to MIME with our subject, body, recipients, attachments${'skip' in msgconvert ? ` (skipped: ${msgconvert.skip})` : ''}`, () => {
    const env = (msgconvert as { env: NodeJS.ProcessEnv }).env;
    // msgconvert decodes PT_STRING8 in PR_INTERNET_CPID's charset; the CP932 sample's is 50220
    // (ISO-2022-JP), which it does not know: it fails on the Outlook original the same way.
    const checked = files.map((f, i) => ({ f, i })).filter(({ f }) => f.name !== 'msgreader__nonUnicodeCP932.msg');
    const emls = checked.map(({ i }) => {
      const out = join(work, `case${i}.eml`);
      const r = spawnSync('msgconvert', ['--outfile', out, join(work, `case${i}.msg`)], { encoding: 'utf8', env, cwd: work });
      expect(r.status, r.stderr).toBe(0);
      return out;
    });
    const r = spawnSync(python!, ['-c', EML_SCRIPT, ...emls], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const views = JSON.parse(r.stdout) as View[];
    views.forEach((v, k) => {
      const i = checked[k]!.i;
      const ours = files[i]!.ours;
      // msgconvert builds To/Cc from PR_DISPLAY_TO/CC matched against the recipients: only To and Cc appear.
      const expected = { ...ours, recipients: ours.recipients.filter((x) => x.type !== 'bcc') };
      expect({ file: files[i]!.name, ...v, body: normBody(v.body) }).toEqual({ file: files[i]!.name, ...expected });
    });
  });
});
