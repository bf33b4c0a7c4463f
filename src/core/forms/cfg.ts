/**
 * Form configuration (.cfg) files: the Windows .ini syntax of a form's description, read into a
 * {@link FormDescription} that IMAPIFormContainer.installForm installs.
 * @see file-format-of-form-configuration-files.md
 * @see form-configuration-file-description-section.md
 * @see form-configuration-file-verbs-section.md
 * @see form-configuration-file-properties-section.md
 */
import { readFileSync } from 'node:fs';
import { MapiError } from '../errors/MapiError.js';
import { GUID } from '../props/guid.js';
import { decodeString8 } from '../props/codepage.js';
import { PS_MAPI, PS_PUBLIC_STRINGS } from '../generated/guids.js';
import { MAPI_E_EXTENDED_ERROR } from '../generated/scodes.js';
import type { MAPINAMEID } from '../props/types.js';
import type { FormDescription, FormPropertyDescription, FormVerbDescription, SMAPIFormPropEnumVal } from './types.js';

/** One section of an .ini file: its entries by lower-cased key, each with its line for messages. */
interface Section {
  name: string;
  line: number;
  entries: Map<string, { key: string; value: string; line: number }>;
}

/** Options of {@link parseFormConfig}. */
export interface FormConfigOptions {
  /** Where the text came from, for error messages. */
  source?: string;
}

/**
 * Reads the text of a form configuration file. Sections and keys are matched without regard to
 * case, as GetPrivateProfileString does; `;` starts a comment line. Read: [Description]
 * (MessageClass, DisplayName and Clsid are required, as the reference says; Category,
 * Subcategory, Comment with Comment1..Comment9 as further lines, Owner, Version, Hidden,
 * DesignerToolName, DesignerToolGuid, ComposeInFolder), [Verbs] with their [Verb.x] sections and
 * [Properties] with their [Property.x] and [Enum1.x] sections. [Platforms], [Extensions], icons,
 * Number, Locale and ComposeCommand have no place in a {@link FormDescription} and are ignored.
 *
 * @returns the description, without a handler (add one to give the form behaviour)
 * @throws MapiError MAPI_E_EXTENDED_ERROR naming the line, for a file that is not a valid
 * configuration (what installForm answers for an invalid file)
 */
export function parseFormConfig(text: string, options: FormConfigOptions = {}): FormDescription {
  const src = options.source ?? 'form configuration';
  const fail = (line: number, why: string): never => {
    throw new MapiError(MAPI_E_EXTENDED_ERROR, `${src}${line ? `, line ${line}` : ''}: ${why}`);
  };
  const sections = parseIni(text, fail);
  const section = (name: string) => sections.get(name.toLowerCase());
  const desc = section('Description') ?? fail(0, 'there is no [Description] section');
  const get = (s: Section, key: string) => s.entries.get(key.toLowerCase());
  const text1 = (s: Section, key: string) => get(s, key)?.value;
  const required = (s: Section, key: string) => {
    const v = text1(s, key);
    return v === undefined || v === '' ? fail(s.line, `[${s.name}] has no ${key}`) : v;
  };
  const int = (s: Section, key: string): number | undefined => {
    const e = get(s, key);
    if (!e) return undefined;
    const n = parseInteger(e.value);
    return n === undefined ? fail(e.line, `${e.key} must be an integer, not "${e.value}"`) : n;
  };
  const guid = (s: Section, key: string): GUID | undefined => {
    const e = get(s, key);
    if (!e) return undefined;
    return parseGuid(e.value) ?? fail(e.line, `${e.key} must be a GUID such as {00020D31-0000-0000-C000-000000000046}, not "${e.value}"`);
  };

  const comments: string[] = [];
  for (const k of ['Comment', ...Array.from({ length: 9 }, (_, i) => `Comment${i + 1}`)]) {
    const v = text1(desc, k);
    if (v !== undefined) comments.push(v);
  }
  const out: FormDescription = {
    messageClass: required(desc, 'MessageClass'),
    displayName: required(desc, 'DisplayName'),
    clsid: guid(desc, 'Clsid') ?? fail(desc.line, '[Description] has no Clsid'),
  };
  const put = <K extends keyof FormDescription>(k: K, v: FormDescription[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  put('category', text1(desc, 'Category'));
  put('subcategory', text1(desc, 'Subcategory'));
  if (comments.length) out.comment = comments.join('\r\n');
  put('owner', text1(desc, 'Owner'));
  put('version', text1(desc, 'Version'));
  const hidden = int(desc, 'Hidden');
  if (hidden !== undefined) out.hidden = hidden !== 0;
  put('designerToolName', text1(desc, 'DesignerToolName'));
  put('designerToolGuid', guid(desc, 'DesignerToolGuid'));
  const compose = int(desc, 'ComposeInFolder');
  if (compose !== undefined) out.composeInFolder = compose !== 0;

  // [Verbs]: VerbN = x, each naming a [Verb.x] section.
  const verbs: FormVerbDescription[] = [];
  const verbList = section('Verbs');
  for (const e of verbList ? listEntries(verbList, 'verb') : []) {
    const s = section(`Verb.${e.value}`) ?? fail(e.line, `${e.key} names [Verb.${e.value}], which is missing`);
    const code = int(s, 'Code') ?? fail(s.line, `[${s.name}] has no Code`);
    const v: FormVerbDescription = { code, displayName: required(s, 'DisplayName') };
    const flags = int(s, 'Flags');
    const attribs = int(s, 'Attribs');
    if (flags !== undefined) v.flags = flags;
    if (attribs !== undefined) v.attribs = attribs;
    if (verbs.some((x) => x.code === code)) fail(s.line, `verb code ${code} is listed twice`);
    verbs.push(v);
  }
  if (verbs.length) out.verbs = verbs;

  // [Properties]: Property.x = name (or PropertyN = name), each naming a [Property.name] section.
  const properties: FormPropertyDescription[] = [];
  const propList = section('Properties');
  for (const e of propList ? listEntries(propList, 'property') : []) {
    const s = section(`Property.${e.value}`) ?? fail(e.line, `${e.key} names [Property.${e.value}], which is missing`);
    const type = int(s, 'Type') ?? fail(s.line, `[${s.name}] has no Type`);
    if (type <= 0 || type > 0xffff) fail(get(s, 'Type')?.line ?? s.line, `Type must be a property type (PT_LONG is 3, PT_STRING8 30), not ${type}`);
    const p: FormPropertyDescription = { type, nmid: nameOf(s, ''), displayName: text1(s, 'DisplayName') ?? e.value };
    const flags = int(s, 'Flags');
    if (flags !== undefined) p.flags = flags;
    if ((int(s, 'SpecialType') ?? 0) === 1) {
      const ref = text1(s, 'Enum1') ?? fail(s.line, `[${s.name}] has SpecialType = 1 but no Enum1`);
      const es = section(`Enum1.${ref}`) ?? fail(get(s, 'Enum1')?.line ?? s.line, `Enum1 names [Enum1.${ref}], which is missing`);
      const count = int(es, 'EnumCount') ?? fail(es.line, `[${es.name}] has no EnumCount`);
      if (count < 0 || count > 1000) fail(get(es, 'EnumCount')?.line ?? es.line, `EnumCount ${count} is out of range`);
      const values: SMAPIFormPropEnumVal[] = [];
      for (let i = 1; i <= count; i++) {
        values.push({ pszDisplayName: required(es, `Val.${i}.Display`), nVal: int(es, `Val.${i}.Index`) ?? fail(es.line, `[${es.name}] has no Val.${i}.Index`) });
      }
      p.enumeration = { nmidIdx: nameOf(es, 'Idx'), values };
    }
    properties.push(p);
  }
  if (properties.length) out.properties = properties;
  return out;

  /**
   * The name of a property: NmidPropset with NmidString or NmidInteger (an Enum1 section may spell
   * them IdxNmid...). Without NmidPropset: PS_MAPI for an NmidInteger below 0x8000, else
   * PS_PUBLIC_STRINGS (form-configuration-file-properties-section.md).
   */
  function nameOf(s: Section, alt: string): MAPINAMEID {
    const pick = (k: string) => (get(s, k) ? k : alt && get(s, alt + k) ? alt + k : k);
    const str = text1(s, pick('NmidString'));
    const num = int(s, pick('NmidInteger'));
    if (str !== undefined && num !== undefined) fail(s.line, `[${s.name}] has both NmidString and NmidInteger`);
    if (str === undefined && num === undefined) fail(s.line, `[${s.name}] has neither NmidString nor NmidInteger`);
    const set = guid(s, pick('NmidPropset')) ?? (num !== undefined && num < 0x8000 ? PS_MAPI : PS_PUBLIC_STRINGS);
    if (str !== undefined) return str === '' ? fail(s.line, `[${s.name}] has an empty NmidString`) : { lpguid: set, ulKind: 1, lpwstrName: str };
    return { lpguid: set, ulKind: 0, lID: num as number };
  }
}

/**
 * Reads a form configuration file from disk: Unicode with a byte-order mark (UTF-16 or UTF-8),
 * else text in `codePage` (CP_ACP), as the Windows profile functions read .ini files.
 * @throws MapiError MAPI_E_EXTENDED_ERROR when the file is missing, unreadable or invalid
 * (imapiformcontainer-installform.md)
 */
export function readFormConfig(path: string, codePage = 1252): FormDescription {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new MapiError(MAPI_E_EXTENDED_ERROR, `${path}: the configuration file ${code === 'ENOENT' ? 'is not found' : `is not readable (${code ?? String(e)})`}`);
  }
  return parseFormConfig(decodeText(bytes, codePage), { source: path });
}

/** The text of an .ini file's bytes. */
function decodeText(bytes: Uint8Array, codePage: number): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  return decodeString8(bytes, codePage);
}

/** Sections of an .ini text by lower-cased name; a later duplicate section adds to the first, and the first value of a key wins, as GetPrivateProfileString reads. */
function parseIni(text: string, fail: (line: number, why: string) => never): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      const end = line.indexOf(']');
      if (end < 0) fail(i + 1, `"${line}" is not a section header`);
      const name = line.slice(1, end).trim();
      if (!name) fail(i + 1, 'a section has no name');
      current = sections.get(name.toLowerCase());
      if (!current) {
        current = { name, line: i + 1, entries: new Map() };
        sections.set(name.toLowerCase(), current);
      }
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) fail(i + 1, `"${line}" is neither a section header nor a key = value entry`);
    if (!current) fail(i + 1, 'an entry comes before any section');
    const key = line.slice(0, eq).trim();
    const entries = (current as Section).entries;
    if (!entries.has(key.toLowerCase())) entries.set(key.toLowerCase(), { key, value: line.slice(eq + 1).trim(), line: i + 1 });
  }
  return sections;
}

/**
 * The entries of a list section ([Verbs], [Properties]) whose keys start with `prefix` (Verb1,
 * Verb.1, Property.x, Property1), in file order.
 */
function listEntries(s: Section, prefix: string): { key: string; value: string; line: number }[] {
  return [...s.entries.values()].filter((e) => e.key.toLowerCase().startsWith(prefix) && e.value !== '').sort((a, b) => a.line - b.line);
}

/** A decimal (or 0x hexadecimal) integer, or undefined. */
function parseInteger(v: string): number | undefined {
  const t = v.trim();
  if (/^[-+]?\d+$/.test(t)) return Number(t) | 0;
  if (/^0x[0-9a-f]+$/i.test(t)) return Number(t) | 0;
  return undefined;
}

/** A GUID in braces; the reference's own example closes one with "]", which is accepted too. */
function parseGuid(v: string): GUID | undefined {
  const m = /^\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})[}\]]$/i.exec(v.trim());
  return m ? GUID.tryParse(`{${m[1]}}`) : undefined;
}
