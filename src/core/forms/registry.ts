/**
 * The model under the form containers: a form library is a map from message class (compared
 * case-insensitively) to an installed form. Functions here return results; the interface
 * layer turns them into MapiErrors.
 */
import { GUID } from '../props/guid.js';
import { PROP_TYPE } from '../props/tags.js';
import type { MAPINAMEID } from '../props/types.js';
import { FPST_ENUM_PROP, FPST_VANILLA } from './constants.js';
import type { FormDescription, FormHandler, SMAPIFormProp, SMAPIVerb } from './types.js';

/** A form installed in a library. */
export interface InstalledForm {
  /** The description as installed (copied). */
  readonly description: Readonly<FormDescription>;
  /** The verbs, in order of their codes (imapiforminfo-calcverbset.md: "in order of index number"). */
  readonly verbs: readonly SMAPIVerb[];
  /** The properties. */
  readonly properties: readonly SMAPIFormProp[];
  /** The behaviour. */
  readonly handler: FormHandler | undefined;
}

/** Which kind of library a registry is. */
export type FormLibraryKind = 'local' | 'personal' | 'folder';

/** A form library: its display name and its forms by lower-cased message class. */
export class FormRegistry {
  private readonly forms = new Map<string, InstalledForm>();

  constructor(
    readonly kind: FormLibraryKind,
    /** The container's display name (IMAPIFormContainer.getDisplay). */
    readonly displayName: string,
  ) {}

  /** The form of exactly `messageClass` (case-insensitive), or undefined. */
  get(messageClass: string): InstalledForm | undefined {
    return this.forms.get(messageClass.toLowerCase());
  }

  /** Every installed form, in installation order. */
  all(): InstalledForm[] {
    return [...this.forms.values()];
  }

  /** Installs or replaces a form. */
  put(form: InstalledForm): void {
    this.forms.set(form.description.messageClass.toLowerCase(), form);
  }

  /** Removes a form; false when there was none. */
  remove(messageClass: string): boolean {
    return this.forms.delete(messageClass.toLowerCase());
  }
}

/**
 * The classes a message class resolves through, most specific first: "IPM.Note.Custom",
 * "IPM.Note", "IPM" (imapiformmgr-resolvemessageclass.md: without MAPIFORM_EXACTMATCH a class
 * resolves "to a base class of the message class when an exactly matching form server is not
 * available"). Only the class itself with `exact`.
 */
export function classChain(messageClass: string, exact: boolean): string[] {
  if (exact) return [messageClass];
  const parts = messageClass.split('.');
  const out: string[] = [];
  for (let n = parts.length; n >= 1; n--) {
    const c = parts.slice(0, n).join('.');
    if (c !== '') out.push(c);
  }
  return out;
}

/** A message class as MAPI accepts one: a non-empty string without NUL (PR_MESSAGE_CLASS is ANSI text of dot-separated parts). */
export function isMessageClass(x: unknown): x is string {
  return typeof x === 'string' && x.length > 0 && x.length <= 255 && !x.includes('\0') && !x.startsWith('.') && !x.endsWith('.') && !x.includes('..');
}

function isNameId(x: unknown): x is MAPINAMEID {
  const n = x as Partial<MAPINAMEID & { lID: number; lpwstrName: string }> | null;
  if (typeof n !== 'object' || n === null || !(n.lpguid instanceof GUID)) return false;
  if (n.ulKind === 0) return Number.isInteger(n.lID);
  if (n.ulKind === 1) return typeof n.lpwstrName === 'string' && n.lpwstrName.length > 0;
  return false;
}

/** The problem with a form description (what a .cfg file that is "invalid" would be), or an InstalledForm. */
export function checkDescription(d: unknown): InstalledForm | string {
  if (typeof d !== 'object' || d === null) return 'the form description must be an object';
  const f = d as Partial<FormDescription>;
  // form-configuration-file-description-section.md: "The MessageClass, Clsid, and DisplayName entries are required" (Clsid defaults here).
  if (!isMessageClass(f.messageClass)) return 'MessageClass must be a message class such as "IPM.HelpDesk"';
  if (typeof f.displayName !== 'string' || f.displayName === '') return 'DisplayName must be a non-empty string';
  for (const k of ['category', 'subcategory', 'comment', 'owner', 'version', 'designerToolName'] as const) {
    if (f[k] !== undefined && typeof f[k] !== 'string') return `${k} must be a string`;
  }
  for (const k of ['clsid', 'designerToolGuid'] as const) if (f[k] !== undefined && !(f[k] instanceof GUID)) return `${k} must be a GUID`;
  if (f.handler !== undefined && (typeof f.handler !== 'object' || f.handler === null)) return 'handler must be an object';
  const verbs: SMAPIVerb[] = [];
  for (const v of f.verbs ?? []) {
    if (typeof v !== 'object' || v === null || !Number.isInteger(v.code) || typeof v.displayName !== 'string') return 'each verb needs an integer code and a displayName';
    if (verbs.some((x) => x.lVerb === v.code)) return `verb code ${v.code} is listed twice`;
    verbs.push({ lVerb: v.code | 0, szVerbname: v.displayName, fuFlags: v.flags ?? 0, grfAttribs: v.attribs ?? 0, ulFlags: 0 });
  }
  verbs.sort((a, b) => a.lVerb - b.lVerb);
  const properties: SMAPIFormProp[] = [];
  for (const p of f.properties ?? []) {
    if (typeof p !== 'object' || p === null || !Number.isInteger(p.type) || PROP_TYPE(p.type) !== p.type || !isNameId(p.nmid) || typeof p.displayName !== 'string') {
      return 'each property needs a property type, a MAPINAMEID nmid and a displayName';
    }
    if (p.enumeration !== undefined && (!isNameId(p.enumeration.nmidIdx) || !Array.isArray(p.enumeration.values))) return 'an enumeration needs an nmidIdx and values';
    properties.push({
      ulFlags: p.flags ?? 0,
      nPropType: p.type,
      nmid: p.nmid,
      pszDisplayName: p.displayName,
      nSpecialType: p.enumeration ? FPST_ENUM_PROP : FPST_VANILLA,
      u: p.enumeration ? { s1: { nmidIdx: p.enumeration.nmidIdx, pfpevAvailable: p.enumeration.values.map((e) => ({ ...e })) } } : null,
    });
  }
  return { description: { ...(f as FormDescription), verbs: [...(f.verbs ?? [])], properties: [...(f.properties ?? [])] }, verbs, properties, handler: f.handler };
}

/** A key identifying a form property: its name (property set, kind, id or name) and type. */
export function formPropKey(p: SMAPIFormProp): string {
  const n = p.nmid as MAPINAMEID & { lID?: number; lpwstrName?: string };
  return `${n.lpguid.toString().toUpperCase()}|${n.ulKind === 0 ? `#${n.lID}` : `$${n.lpwstrName}`}|${p.nPropType}`;
}

/**
 * FORMPROPSET_UNION or FORMPROPSET_INTERSECTION of the property sets of `forms`
 * (imapiformmgr-calcformpropset.md), properties compared by name and type, in first-seen order.
 */
export function combinePropSets(sets: readonly (readonly SMAPIFormProp[])[], intersection: boolean): SMAPIFormProp[] {
  if (sets.length === 0) return [];
  const first = new Map<string, SMAPIFormProp>();
  for (const set of sets) for (const p of set) if (!first.has(formPropKey(p))) first.set(formPropKey(p), p);
  if (!intersection) return [...first.values()];
  return [...first.values()].filter((p) => sets.every((s) => s.some((q) => formPropKey(q) === formPropKey(p))));
}
