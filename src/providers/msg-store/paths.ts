/**
 * File and directory names of the .msg store, made from property values (folder display
 * names, message subjects). A name is data, never a path: every character a file system would
 * obey is percent-encoded, so a name can never leave its directory. See docs/msg-store.md.
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EmulatorError } from '../../core/errors/MapiError.js';

/** Characters no file system may see raw: separators, Windows' reserved set, the escape itself. */
const ALWAYS_ENCODED = new Set(['%', '/', '\\', ':', '*', '?', '"', '<', '>', '|']);

/** Windows' reserved device names (also with any extension: `CON.txt`, and the superscript-digit forms). */
const RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]) *(\..*)?$/i;

/** What the empty name encodes to (a lone `%` is never produced otherwise: `%` itself is `%25`). */
const EMPTY = '%';

function escapeUnit(c: number): string {
  return c < 0x100 ? `%${c.toString(16).toUpperCase().padStart(2, '0')}` : `%u${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isLoneSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const n = s.charCodeAt(i + 1);
    return !(n >= 0xdc00 && n <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = s.charCodeAt(i - 1);
    return !(p >= 0xd800 && p <= 0xdbff);
  }
  return false;
}

/**
 * The file-system name of an arbitrary string: a single path component that stays inside its
 * directory on Windows, macOS and Linux, and that {@link decodeName} turns back into `name`.
 * Percent-encoded: `%`, `/`, `\`, `:`, `*`, `?`, `"`, `<`, `>`, `|`, control characters,
 * unpaired surrogates (`%uD800`), a leading `.` (so `.`, `..` and the store's own dot-files
 * cannot be named), a trailing `.` or space (Windows drops them), and the first letter of a
 * reserved device name (`CON`, `NUL`, `COM1`, `LPT1`, ... with or without an extension).
 */
export function encodeName(name: string): string {
  if (name === '') return EMPTY;
  let out = '';
  const last = name.length - 1;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i] as string;
    const c = name.charCodeAt(i);
    const encode =
      ALWAYS_ENCODED.has(ch) || c < 0x20 || c === 0x7f || isLoneSurrogate(name, i) || (i === 0 && ch === '.') || (i === last && (ch === '.' || ch === ' '));
    out += encode ? escapeUnit(c) : ch;
  }
  // The raw name is a device name only when its first letter was left alone.
  if (RESERVED.test(out)) out = escapeUnit(out.charCodeAt(0)) + out.slice(1);
  return out;
}

/**
 * The string {@link encodeName} made a name from. A name not made by it (a file dropped into
 * the store by hand) decodes leniently: a `%` not followed by a valid escape stays as it is.
 */
export function decodeName(encoded: string): string {
  if (encoded === EMPTY) return '';
  return encoded.replace(/%(u[0-9A-Fa-f]{4}|[0-9A-Fa-f]{2})/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex[0] === 'u' ? hex.slice(1) : hex, 16)),
  );
}

/** Longest raw name (in UTF-16 code units) kept in a file name; the full value stays in the store's records. */
export const MAX_NAME_UNITS = 64;

/** A name cut to {@link MAX_NAME_UNITS} without splitting a surrogate pair. */
export function shortName(name: string): string {
  if (name.length <= MAX_NAME_UNITS) return name;
  let cut = MAX_NAME_UNITS;
  const c = name.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return name.slice(0, cut);
}

/** Longest encoded name in UTF-8 bytes (file systems allow 255; room is left for a ` ~<id>.msg` suffix). */
export const MAX_NAME_BYTES = 200;

/**
 * The file-system name made from a property value: {@link encodeName} of its first
 * {@link MAX_NAME_UNITS} code units, cut further until it fits in {@link MAX_NAME_BYTES}.
 */
export function fileNameOf(value: string): string {
  let raw = shortName(value);
  let enc = encodeName(raw);
  while (Buffer.byteLength(enc, 'utf8') > MAX_NAME_BYTES) {
    raw = raw.slice(0, raw.length - 1);
    enc = encodeName(raw);
  }
  return enc;
}

/**
 * `root` joined with path components that must each be one name inside it; throws when the
 * result would leave `root` (defence in depth: {@link encodeName} already prevents it).
 */
export function childPath(root: string, ...components: string[]): string {
  for (const c of components) {
    if (c === '' || c === '.' || c === '..' || c.includes('/') || c.includes('\\') || c.includes('\0')) {
      throw new EmulatorError(`[mapi-emu] msg store: '${c}' is not a single file name`);
    }
  }
  const p = join(root, ...components);
  if (!isInside(root, p)) throw new EmulatorError(`[mapi-emu] msg store: '${p}' is outside the store directory '${root}'`);
  return p;
}

/** True when `p` is `root` or inside it. */
export function isInside(root: string, p: string): boolean {
  const rel = relative(resolve(root), resolve(p));
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}
