import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PR_CONTENT_COUNT, PR_DISPLAY_NAME, PR_MESSAGE_CLASS, PR_SUBJECT } from '../../../src/core/generated/proptags.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import {
  NID_ROOT_FOLDER, NID_TYPE_CONTENTS_TABLE, NID_TYPE_HIERARCHY_TABLE, NID_TYPE_NORMAL_FOLDER, companionNid, dumpPc, nidType,
  openPstNdb, openTc, type PstNdb,
} from '../../../src/formats/pst/index.js';

/** Directory of the PST samples copied into the repository. */
export const SAMPLE_DIR = fileURLToPath(new URL('../../samples/pst/', import.meta.url));

/** The Unicode samples (pst-extractor can read them). */
export const UNICODE_SAMPLES = [
  'aspose__SampleContacts.pst',
  'javalibpst__dist-list.pst',
  'javalibpst__passworded.pst',
  'tika__testPST.pst',
  'tika__testPST_variousBodyTypes.pst',
];
/** The ANSI sample (pst-extractor fails on it). */
export const ANSI_SAMPLE = 'gopst__32-bit.pst';
/** Every sample. */
export const ALL_SAMPLES = [...UNICODE_SAMPLES, ANSI_SAMPLE];

const cache = new Map<string, Uint8Array>();
/** The bytes of a sample (read once per test file). */
export function sampleBytes(name: string): Uint8Array {
  let b = cache.get(name);
  if (!b) {
    b = new Uint8Array(readFileSync(SAMPLE_DIR + name));
    cache.set(name, b);
  }
  return b;
}

/** Opens a sample from memory. */
export function openSample(name: string): PstNdb {
  return openPstNdb(sampleBytes(name));
}

/** The value of a tag in a property list, or undefined. */
export function valueOf(props: SPropValue[], tag: number): SPropValue['Value'] | undefined {
  return props.find((p) => p.ulPropTag === tag)?.Value;
}

/**
 * PR_SUBJECT without the [MS-PST] 2.5.3.1.1.1 prefix marker: when the first character is
 * U+0001 the second gives the prefix length + 1, and the marker pair is dropped.
 */
export function stripSubjectMarker(s: string): string {
  return s.charCodeAt(0) === 1 && s.length >= 2 ? s.slice(2) : s;
}

/** One folder found by walking hierarchy TCs from the root. */
export interface FolderInfo {
  nid: number;
  name: string;
  contentCount: number;
  /** NIDs of the contents TC rows. */
  messages: number[];
  /** Child folder NIDs (hierarchy TC rows). */
  children: number[];
}

/** Walks normal folders from the root folder through their hierarchy TCs (our reader only). */
export function walkFolders(ndb: PstNdb, codepage?: number): FolderInfo[] {
  const out: FolderInfo[] = [];
  const seen = new Set<number>();
  const visit = (nid: number) => {
    if (seen.has(nid)) return;
    seen.add(nid);
    const props = dumpPc(ndb, nid, { codepage });
    const hier = openTc(ndb, companionNid(nid, NID_TYPE_HIERARCHY_TABLE));
    const children = [...hier.rows()].map((r) => r.rowId);
    const contentsNid = companionNid(nid, NID_TYPE_CONTENTS_TABLE);
    const messages = ndb.findNode(contentsNid) ? [...openTc(ndb, contentsNid).rows()].map((r) => r.rowId) : [];
    const name = valueOf(props, PR_DISPLAY_NAME) ?? valueOf(props, (PR_DISPLAY_NAME & ~0xffff) | 0x1e);
    out.push({ nid, name: String(name ?? ''), contentCount: Number(valueOf(props, PR_CONTENT_COUNT) ?? 0), messages, children });
    for (const c of children) if (nidType(c) === NID_TYPE_NORMAL_FOLDER) visit(c);
  };
  visit(NID_ROOT_FOLDER);
  return out;
}

/** PR_SUBJECT (or its PT_STRING8 form) and PR_MESSAGE_CLASS of a message node. */
export function messageSummary(ndb: PstNdb, nid: number, codepage?: number): { subject: string; messageClass: string } {
  const props = dumpPc(ndb, nid, { codepage });
  const subject = valueOf(props, PR_SUBJECT) ?? valueOf(props, (PR_SUBJECT & ~0xffff) | 0x1e) ?? '';
  const cls = valueOf(props, PR_MESSAGE_CLASS) ?? valueOf(props, (PR_MESSAGE_CLASS & ~0xffff) | 0x1e) ?? '';
  return { subject: stripSubjectMarker(String(subject)), messageClass: String(cls) };
}
