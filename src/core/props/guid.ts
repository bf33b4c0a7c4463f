/**
 * A 16-byte GUID kept as its in-memory (little-endian Data1/2/3) byte layout, with the
 * registry string form `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`.
 *
 * Used for PT_CLSID values, property set GUIDs (MAPINAMEID.lpguid), interface identifiers
 * and MAPIUIDs. Instances are immutable; compare with {@link GUID.equals} or by string.
 *
 * @see guid.md
 */
export class GUID {
  /** The 16 bytes, never handed out (a GUID is immutable; {@link bytes} gives copies). */
  readonly #bytes: Uint8Array;

  /** The 16 bytes in memory order, as MAPI stores a GUID (Data1..Data3 little-endian): a copy of the caller's own. */
  get bytes(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }

  /** Builds a GUID from its 16 memory-order bytes (copied). */
  constructor(bytes: Uint8Array) {
    if (!(bytes instanceof Uint8Array) || bytes.length !== 16) {
      throw new TypeError('[mapi-emu] a GUID is exactly 16 bytes');
    }
    this.#bytes = Uint8Array.from(bytes);
    Object.freeze(this);
  }

  /** Parses `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}` (braces optional, any case). */
  static parse(text: string): GUID {
    const g = GUID.tryParse(text);
    if (!g) throw new TypeError(`[mapi-emu] not a GUID: ${JSON.stringify(text)}`);
    return g;
  }

  /** Like {@link GUID.parse} but returns undefined for text that is not a GUID. */
  static tryParse(text: string): GUID | undefined {
    const m = /^\{?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\}?$/.exec(
      text.trim(),
    );
    if (!m) return undefined;
    const [, d1, d2, d3, d4a, d4b] = m as unknown as [string, string, string, string, string, string];
    const b = new Uint8Array(16);
    const dv = new DataView(b.buffer);
    dv.setUint32(0, Number.parseInt(d1, 16), true);
    dv.setUint16(4, Number.parseInt(d2, 16), true);
    dv.setUint16(6, Number.parseInt(d3, 16), true);
    const tail = d4a + d4b;
    for (let i = 0; i < 8; i++) b[8 + i] = Number.parseInt(tail.slice(i * 2, i * 2 + 2), 16);
    return new GUID(b);
  }

  /** Reads a GUID from 16 bytes at `offset` of a buffer. */
  static fromBytes(buf: Uint8Array, offset = 0): GUID {
    if (offset < 0 || offset + 16 > buf.length) throw new RangeError('[mapi-emu] GUID past the end of the buffer');
    return new GUID(buf.subarray(offset, offset + 16));
  }

  /** True when `value` is a GUID instance. */
  static isGUID(value: unknown): value is GUID {
    return value instanceof GUID;
  }

  /** Byte-wise equality. */
  equals(other: GUID | null | undefined): boolean {
    if (!other) return false;
    const a = this.#bytes;
    // A GUID of another copy of this module (a CJS and an ESM build side by side) has no #bytes of ours.
    const b = #bytes in other ? other.#bytes : (other as { bytes: Uint8Array }).bytes;
    for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** True when the 16 bytes of `buf` at `offset` are this GUID's (no copy: entry-ID checks). */
  matchesAt(buf: Uint8Array, offset = 0): boolean {
    if (offset < 0 || offset + 16 > buf.length) return false;
    const a = this.#bytes;
    for (let i = 0; i < 16; i++) if (buf[offset + i] !== a[i]) return false;
    return true;
  }

  /** The registry form, upper case with braces: `{00020D0B-0000-0000-C000-000000000046}`. */
  toString(): string {
    const b = this.#bytes;
    const dv = new DataView(b.buffer, b.byteOffset, 16);
    const h = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');
    let tail = '';
    for (let i = 8; i < 16; i++) tail += h(b[i] as number, 2);
    return `{${h(dv.getUint32(0, true), 8)}-${h(dv.getUint16(4, true), 4)}-${h(dv.getUint16(6, true), 4)}-${tail.slice(0, 4)}-${tail.slice(4)}}`;
  }

  /** JSON form is the registry string. */
  toJSON(): string {
    return this.toString();
  }
}
