/**
 * The generated vtable layouts (src/providers/windows/com/vtables.ts) against the ABI
 * reference: slot order and parameter widths of every interface, read from the reference's
 * tables when it is present, and the slot counts the reference states (checked by compiling
 * the SDK headers), copied here by hand as an independent check.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VTABLES } from '../../src/providers/windows/com/vtables.js';
import { parseAbiSpec } from './tools/parseAbiSpec.js';

const SPEC = '/work/shared/reference/specs/MAPI-ABI-x64.md';

// MAPI-ABI-x64.md §3: "**N slots** (vtable is 8N bytes)" per interface.
const SLOT_COUNTS: Record<string, number> = {
  IUnknown: 3, ISequentialStream: 5, IStream: 14, IMAPIProp: 14, IMAPIContainer: 19, IMAPIFolder: 30, IMsgStore: 27, IMessage: 22,
  IAttach: 14, IMAPITable: 26, IMAPISession: 22, IAddrBook: 32, IABContainer: 23, IMailUser: 14, IDistList: 23, IMAPIStatus: 18,
  IProfAdmin: 12, IMsgServiceAdmin: 15, IMsgServiceAdmin2: 16, IProviderAdmin: 8, IProfSect: 14, IMAPIAdviseSink: 4, IMAPIProgress: 8,
  IMAPIFormMgr: 15,
};

describe('vtable layouts', () => {
  it.each(Object.entries(SLOT_COUNTS))('%s has the number of slots the reference states', (name, n) => {
    const v = VTABLES[name as keyof typeof VTABLES];
    expect(v.methods.length).toBe(n);
    expect(v.methods.map((m) => m.slot)).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('every interface starts with QueryInterface, AddRef, Release; derived interfaces repeat their base', () => {
    for (const v of Object.values(VTABLES)) {
      expect(v.methods.slice(0, 3).map((m) => m.name)).toEqual(['QueryInterface', 'AddRef', 'Release']);
      if (v.base) {
        const base = VTABLES[v.base as keyof typeof VTABLES];
        expect(v.methods.slice(0, base.methods.length)).toEqual(base.methods);
      }
    }
  });

  it('spot checks of §3: IMAPITable::QueryRows is slot 19 (LONG, ULONG, out), SeekRow takes a 64-bit BOOKMARK, OnNotify returns a ULONG', () => {
    expect(VTABLES.IMAPITable.methods[19]).toEqual({ slot: 19, name: 'QueryRows', ret: 'i32', params: [['lRowCount', 'i32'], ['ulFlags', 'u32'], ['lppRows', 'ptr', 1]] });
    expect(VTABLES.IMAPITable.methods[10]?.params.map((p) => p[1])).toEqual(['u64', 'i32', 'ptr']);
    expect(VTABLES.IMAPIAdviseSink.methods[3]).toMatchObject({ name: 'OnNotify', ret: 'u32' });
    expect(VTABLES.IStream.methods[5]?.params.map((p) => p[1])).toEqual(['i64', 'u32', 'ptr']);
    expect(VTABLES.IMAPIFolder.methods[22]).toMatchObject({ name: 'CreateFolder' });
    expect(VTABLES.IMsgStore.methods[17]).toMatchObject({ name: 'OpenEntry' });
  });

  it.skipIf(!existsSync(SPEC))('matches every table of the reference (slot, name, widths, return type)', () => {
    const spec = parseAbiSpec(readFileSync(SPEC, 'utf8'));
    for (const [name, itf] of spec) {
      const v = VTABLES[name as keyof typeof VTABLES];
      expect(v, name).toBeDefined();
      expect(
        v.methods.map((m) => [m.slot, m.name, m.ret, m.params.map((p) => p[1])]),
        name,
      ).toEqual(itf.slots.map((s) => [s.slot, s.name, s.returns, s.params.map((p) => p.type)]));
    }
  });
});
