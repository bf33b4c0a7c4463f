/** 100-ns ticks between 1601-01-01 (the FILETIME epoch) and 1970-01-01 (the Unix epoch). */
export const FILETIME_UNIX_EPOCH_TICKS = 116444736000000000n;
const TICKS_PER_MS = 10000n;
const MAX_TICKS = (1n << 64n) - 1n;

/**
 * A PT_SYSTIME value: a 64-bit count of 100-nanosecond intervals since 1601-01-01 UTC,
 * kept exactly as a bigint so no tick is ever lost. Conversions to and from `Date` are
 * provided; `toDate()` truncates to milliseconds (Date's resolution) but the FILETIME
 * itself is never rounded.
 *
 * @see filetime.md
 */
export class FILETIME {
  /** 100-ns ticks since 1601-01-01 UTC, 0 ≤ ticks < 2^64. */
  readonly ticks: bigint;

  /** Builds a FILETIME from its tick count (0 ≤ ticks < 2^64). */
  constructor(ticks: bigint) {
    if (typeof ticks !== 'bigint' || ticks < 0n || ticks > MAX_TICKS) {
      throw new RangeError('[mapi-emu] a FILETIME is a bigint tick count between 0 and 2^64-1');
    }
    this.ticks = ticks;
    Object.freeze(this);
  }

  /** From the two 32-bit halves of the C structure. */
  static fromParts(dwLowDateTime: number, dwHighDateTime: number): FILETIME {
    return new FILETIME((BigInt(dwHighDateTime >>> 0) << 32n) | BigInt(dwLowDateTime >>> 0));
  }

  /** From a JS Date (millisecond resolution); `extraTicks` adds 0–9999 sub-millisecond ticks. */
  static fromDate(date: Date, extraTicks = 0): FILETIME {
    const ms = date.getTime();
    if (!Number.isFinite(ms)) throw new RangeError('[mapi-emu] invalid Date');
    return new FILETIME(BigInt(ms) * TICKS_PER_MS + FILETIME_UNIX_EPOCH_TICKS + BigInt(extraTicks));
  }

  /** From milliseconds since the Unix epoch. */
  static fromUnixMs(ms: number): FILETIME {
    return FILETIME.fromDate(new Date(ms));
  }

  /** From an ISO-8601 string; fractional seconds beyond milliseconds (up to 7 digits) are kept. */
  static fromISOString(text: string): FILETIME {
    const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?(Z|[+-]\d\d:?\d\d)$/.exec(text);
    if (!m) return FILETIME.fromDate(new Date(text));
    const [, base, frac = '', zone] = m as unknown as [string, string, string | undefined, string];
    const whole = new Date(`${base}${zone}`);
    const ticks = Number((frac + '0000000').slice(0, 7));
    return new FILETIME(FILETIME.fromDate(whole).ticks + BigInt(ticks));
  }

  /** True when `value` is a FILETIME instance. */
  static isFILETIME(value: unknown): value is FILETIME {
    return value instanceof FILETIME;
  }

  /** The low 32 bits, as in the C structure. */
  get dwLowDateTime(): number {
    return Number(this.ticks & 0xffffffffn);
  }

  /** The high 32 bits, as in the C structure. */
  get dwHighDateTime(): number {
    return Number(this.ticks >> 32n);
  }

  /** Milliseconds since the Unix epoch (floor; sub-millisecond ticks dropped). */
  toUnixMs(): number {
    const rel = this.ticks - FILETIME_UNIX_EPOCH_TICKS;
    const q = rel / TICKS_PER_MS;
    return Number(rel < 0n && rel % TICKS_PER_MS !== 0n ? q - 1n : q);
  }

  /** A Date for this instant, truncated to the millisecond. */
  toDate(): Date {
    return new Date(this.toUnixMs());
  }

  /** The 0–9999 ticks below the millisecond that `toDate()` drops. */
  get subMillisecondTicks(): number {
    const rel = this.ticks - FILETIME_UNIX_EPOCH_TICKS;
    return Number(((rel % TICKS_PER_MS) + TICKS_PER_MS) % TICKS_PER_MS);
  }

  /** ISO-8601 with all seven fractional digits, e.g. `2024-01-02T03:04:05.1234567Z`. */
  toISOString(): string {
    const d = this.toDate();
    if (Number.isNaN(d.getTime())) return `FILETIME(${this.ticks})`;
    const iso = d.toISOString(); // ...ss.mmmZ
    const frac = (BigInt(d.getUTCMilliseconds()) * TICKS_PER_MS + BigInt(this.subMillisecondTicks)).toString().padStart(7, '0');
    return iso.replace(/\.\d{3}Z$/, `.${frac}Z`);
  }

  /** Equality of tick counts. */
  equals(other: FILETIME | null | undefined): boolean {
    return !!other && other.ticks === this.ticks;
  }

  /** Sign of `this - other`: -1, 0 or 1. */
  compare(other: FILETIME): number {
    return this.ticks < other.ticks ? -1 : this.ticks > other.ticks ? 1 : 0;
  }

  /** JSON form is the 7-digit ISO string. */
  toJSON(): string {
    return this.toISOString();
  }

  /** Readable form for logs. */
  toString(): string {
    return this.toISOString();
  }
}
