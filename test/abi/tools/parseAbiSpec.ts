/**
 * Reads the vtable tables of the MAPI ABI reference (MAPI-ABI-x64.md, section 3) into slot
 * lists: used once to generate src/providers/windows/com/vtables.ts and, when the reference
 * is present, by test/abi/vtables.test.ts to check that file against it.
 */

/** A parameter width as the reference writes it. */
export type SpecWidth = 'u32' | 'i32' | 'u64' | 'i64' | 'ptr';

/** One parameter after `this`. */
export interface SpecParam {
  name: string;
  type: SpecWidth;
  out: boolean;
}

/** One method of a vtable. */
export interface SpecMethod {
  slot: number;
  name: string;
  params: SpecParam[];
  returns: 'i32' | 'u32';
}

/** One interface: its base and every slot, inherited ones included. */
export interface SpecInterface {
  name: string;
  base: string | null;
  slots: SpecMethod[];
}

const WIDTH = /\b(u32|i32|u64|i64|ptr)\b/;

function parseParams(cell: string): SpecParam[] {
  const text = cell.trim();
  if (text === '—' || text === '-' || text === '') return [];
  const parts = text.split(/;\s*(?=`)/);
  return parts.map((part) => {
    const m = /^`([A-Za-z0-9_]+)`(.*)$/s.exec(part.trim());
    if (!m) throw new Error(`unreadable parameter: ${part}`);
    const rest = m[2] ?? '';
    const w = WIDTH.exec(rest);
    return { name: m[1] as string, type: (w?.[1] as SpecWidth | undefined) ?? 'ptr', out: /\*\*(in\/)?out\*\*/.test(rest) };
  });
}

function parseReturns(cell: string): 'i32' | 'u32' {
  return /^ULONG/.test(cell.trim()) ? 'u32' : 'i32';
}

/** Parses the reference into interfaces (IUnknown, ISequentialStream, IStream and every interface of section 3.1). */
export function parseAbiSpec(markdown: string): Map<string, SpecInterface> {
  const lines = markdown.split('\n');
  const own = new Map<string, { base: string | null; order: string[]; rows: Map<number, SpecMethod> }>();
  let current: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    let m = /^\*\*(IUnknown|ISequentialStream|IStream)\*\* — (\d+) slots/.exec(line);
    if (m) {
      current = m[1] as string;
      own.set(current, { base: current === 'IUnknown' ? null : current === 'IStream' ? 'ISequentialStream' : 'IUnknown', order: [], rows: new Map() });
      continue;
    }
    if (/^\*\*(IStorage|IMalloc)\*\*/.test(line) || /^### 3\.1/.test(line)) current = null;
    m = /^#### (I[A-Za-z]+)\s*$/.exec(line);
    if (m) {
      current = m[1] as string;
      own.set(current, { base: null, order: [], rows: new Map() });
      continue;
    }
    if (/^## 4\./.test(line)) current = null;
    if (!current) continue;
    const entry = own.get(current);
    if (!entry) continue;
    m = /derives from (I[A-Za-z]+)\)/.exec(line);
    if (m) entry.base = m[1] as string;
    m = /^All slots: (.*)\.\s*$/.exec(line);
    if (m) entry.order = (m[1] as string).split(/,\s*/).map((s) => s.replace(/^\d+\s+/, '').trim());
    m = /^\| (\d+) \| 0x[0-9A-Fa-f]+ \| ([A-Za-z]+) \| (.*) \| (.*?) \|\s*$/.exec(line);
    if (m) {
      const slot = Number(m[1]);
      entry.rows.set(slot, { slot, name: m[2] as string, params: parseParams(m[3] as string), returns: parseReturns(m[4] as string) });
    }
  }
  // ISequentialStream / IStream list their own rows only; their order is the rows' order.
  for (const [name, e] of own) {
    if (e.order.length === 0) {
      const base = e.base ? own.get(e.base) : undefined;
      const inherited = base ? (base.order.length ? base.order : [...base.rows.values()].map((r) => r.name)) : [];
      e.order = [...inherited, ...[...e.rows.values()].sort((a, b) => a.slot - b.slot).map((r) => r.name)];
      if (name === 'IStream') e.order = [...(own.get('ISequentialStream')?.order ?? []), ...[...e.rows.values()].map((r) => r.name)];
    }
  }
  const resolved = new Map<string, SpecInterface>();
  const resolve = (name: string): SpecInterface => {
    const done = resolved.get(name);
    if (done) return done;
    const e = own.get(name);
    if (!e) throw new Error(`unknown interface ${name}`);
    const base = e.base ? resolve(e.base) : null;
    const slots = e.order.map((method, slot): SpecMethod => {
      const row = e.rows.get(slot);
      if (row) {
        if (row.name !== method) throw new Error(`${name}: slot ${slot} is ${method} in the list but ${row.name} in the table`);
        return row;
      }
      const inherited = base?.slots[slot];
      if (!inherited || inherited.name !== method) throw new Error(`${name}: no signature for slot ${slot} ${method}`);
      return inherited;
    });
    const out: SpecInterface = { name, base: e.base, slots };
    resolved.set(name, out);
    return out;
  };
  for (const name of own.keys()) resolve(name);
  return resolved;
}
