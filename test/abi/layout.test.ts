/**
 * The three sources of the ABI's layouts agree: the reference's numbers (MAPI-ABI-x64.md §2,
 * copied below), the koffi declarations (abi/types.ts) and the offsets the marshalling code
 * uses (abi/layout.ts).
 */
import { describe, expect, it } from 'vitest';
import { loadRealKoffi } from './realKoffi.js';
import { abiTypes } from '../../src/providers/windows/abi/types.js';
import * as L from '../../src/providers/windows/abi/layout.js';

const koffi = loadRealKoffi();
const T = abiTypes(koffi);

// MAPI-ABI-x64.md §2: sizeof (alignment) of every structure.
const SPEC_SIZES: Record<keyof typeof T, [number, number]> = {
  GUID: [16, 4], FILETIME: [8, 4], MAPIUID: [16, 1], SBinary: [16, 8], SBinaryArray: [16, 8], PV: [16, 8], SPropValue: [24, 8],
  SPropTagArray: [8, 4], SPropProblem: [12, 4], SPropProblemArray: [16, 4], SRow: [16, 8], SRowSet: [24, 8], ADRENTRY: [16, 8],
  ADRLIST: [24, 8], FlagList: [8, 4], ENTRYID: [5, 1], FLATENTRYLIST: [12, 4], LARGE_INTEGER: [8, 8], CURRENCY: [8, 8],
  SSortOrder: [8, 4], SSortOrderSet: [20, 4], SRestriction: [32, 8], SAndRestriction: [16, 8], SNotRestriction: [16, 8],
  SContentRestriction: [16, 8], SPropertyRestriction: [16, 8], SComparePropsRestriction: [12, 4], SBitMaskRestriction: [12, 4],
  SSizeRestriction: [12, 4], SExistRestriction: [12, 4], SSubRestriction: [16, 8], SCommentRestriction: [24, 8],
  SCountRestriction: [16, 8], NOTIFICATION: [88, 8], ERROR_NOTIFICATION: [32, 8], NEWMAIL_NOTIFICATION: [56, 8],
  OBJECT_NOTIFICATION: [72, 8], TABLE_NOTIFICATION: [80, 8], STATUS_OBJECT_NOTIFICATION: [32, 8], EXTENDED_NOTIFICATION: [16, 8],
  MAPINAMEID: [24, 8], MAPIERROR: [32, 8], MAPIINIT_0: [8, 4], STATSTG: [80, 8], STGOPTIONS: [16, 8], RTF_WCSINFO: [16, 4],
  RTF_WCSRETINFO: [8, 4], SPropAttrArray: [8, 4], SMessageClassArray: [16, 8], SMAPIFormInfoArray: [16, 8], ADRPARM: [136, 8],
};

const off = (t: keyof typeof T, field: string) => koffi.offsetof(T[t], field);

describe('MAPI ABI structure layouts (x64)', () => {
  it.each(Object.entries(SPEC_SIZES))('%s has the size and alignment of the reference', (name, [size, align]) => {
    const t = T[name as keyof typeof T];
    expect([koffi.sizeof(t), koffi.alignof(t)]).toEqual([size, align]);
  });

  it('SPropValue: tag at 0, value union at 8; counted members keep the pointer at 16', () => {
    expect(off('SPropValue', 'ulPropTag')).toBe(L.SPropValue.ulPropTag);
    expect(off('SPropValue', 'Value')).toBe(L.SPropValue.Value);
    expect(L.SPropValue.Value + off('SBinary', 'lpb')).toBe(L.SPropValue.pointer);
    expect(L.SPropValue.size).toBe(koffi.sizeof(T.SPropValue));
  });

  it('rows, row sets, tag arrays, problems, entry lists and sort orders match layout.ts', () => {
    expect([off('SRow', 'cValues'), off('SRow', 'lpProps'), koffi.sizeof(T.SRow)]).toEqual([L.SRow.cValues, L.SRow.lpProps, L.SRow.size]);
    expect([off('ADRENTRY', 'cValues'), off('ADRENTRY', 'rgPropVals')]).toEqual([L.SRow.cValues, L.SRow.lpProps]);
    expect([off('SRowSet', 'aRow'), off('ADRLIST', 'aEntries')]).toEqual([L.SRowSet.aRow, L.SRowSet.aRow]);
    expect(off('SPropTagArray', 'aulPropTag')).toBe(L.SPropTagArray.aulPropTag);
    expect([off('SPropProblemArray', 'aProblem'), koffi.sizeof(T.SPropProblem), off('SPropProblem', 'scode')]).toEqual([
      L.SPropProblemArray.aProblem, L.SPropProblemArray.stride, L.SPropProblemArray.scode,
    ]);
    expect([off('SBinaryArray', 'lpbin'), off('SBinary', 'lpb'), koffi.sizeof(T.SBinary)]).toEqual([L.SBinaryArray.lpbin, L.SBinary.lpb, L.SBinary.size]);
    expect([off('SSortOrderSet', 'cCategories'), off('SSortOrderSet', 'cExpanded'), off('SSortOrderSet', 'aSort')]).toEqual([
      L.SSortOrderSet.cCategories, L.SSortOrderSet.cExpanded, L.SSortOrderSet.aSort,
    ]);
    expect(off('FlagList', 'ulFlag')).toBe(L.FlagList.ulFlag);
  });

  it('SRestriction: union at 8; each member at the offsets restriction.ts uses', () => {
    expect(off('SRestriction', 'res')).toBe(L.SRestriction.a);
    const at = (t: keyof typeof T, f: string) => L.SRestriction.a + off(t, f);
    expect([at('SAndRestriction', 'cRes'), at('SAndRestriction', 'lpRes')]).toEqual([8, 16]);
    expect([at('SNotRestriction', 'lpRes'), at('SSubRestriction', 'ulSubObject'), at('SSubRestriction', 'lpRes')]).toEqual([16, 8, 16]);
    expect([at('SContentRestriction', 'ulFuzzyLevel'), at('SContentRestriction', 'ulPropTag'), at('SContentRestriction', 'lpProp')]).toEqual([8, 12, 16]);
    expect([at('SPropertyRestriction', 'relop'), at('SPropertyRestriction', 'ulPropTag'), at('SPropertyRestriction', 'lpProp')]).toEqual([8, 12, 16]);
    expect([at('SComparePropsRestriction', 'ulPropTag1'), at('SComparePropsRestriction', 'ulPropTag2')]).toEqual([12, 16]);
    expect([at('SBitMaskRestriction', 'relBMR'), at('SBitMaskRestriction', 'ulMask'), at('SSizeRestriction', 'cb')]).toEqual([8, 16, 16]);
    expect([at('SExistRestriction', 'ulPropTag'), at('SCountRestriction', 'ulCount'), at('SCountRestriction', 'lpRes')]).toEqual([12, 8, 16]);
    expect([at('SCommentRestriction', 'cValues'), at('SCommentRestriction', 'lpRes'), at('SCommentRestriction', 'lpProp')]).toEqual([
      8, L.SRestriction.p16, L.SRestriction.p24,
    ]);
  });

  it('NOTIFICATION: info at 8, every member at the offsets notification.ts uses', () => {
    const info = off('NOTIFICATION', 'info');
    expect(info).toBe(L.NOTIFICATION.info);
    const check = (t: keyof typeof T, layout: Record<string, number>) => {
      for (const [f, o] of Object.entries(layout)) {
        if (f === 'row') continue;
        expect(info + off(t, f), `${t}.${f}`).toBe(o);
      }
    };
    check('ERROR_NOTIFICATION', L.ERROR_NOTIFICATION);
    check('NEWMAIL_NOTIFICATION', L.NEWMAIL_NOTIFICATION);
    check('OBJECT_NOTIFICATION', L.OBJECT_NOTIFICATION);
    check('STATUS_OBJECT_NOTIFICATION', L.STATUS_OBJECT_NOTIFICATION);
    check('EXTENDED_NOTIFICATION', L.EXTENDED_NOTIFICATION);
    check('TABLE_NOTIFICATION', { ulTableEvent: L.TABLE_NOTIFICATION.ulTableEvent, hResult: L.TABLE_NOTIFICATION.hResult, propIndex: L.TABLE_NOTIFICATION.propIndex, propPrior: L.TABLE_NOTIFICATION.propPrior });
    expect(info + off('TABLE_NOTIFICATION', 'row')).toBe(L.TABLE_NOTIFICATION.row);
  });

  it('MAPINAMEID, MAPIERROR, MAPIINIT_0, STATSTG match layout.ts', () => {
    expect([off('MAPINAMEID', 'ulKind'), off('MAPINAMEID', 'Kind')]).toEqual([L.MAPINAMEID.ulKind, L.MAPINAMEID.Kind]);
    for (const f of ['lpszError', 'lpszComponent', 'ulLowLevelError', 'ulContext'] as const) expect(off('MAPIERROR', f)).toBe(L.MAPIERROR[f]);
    expect(off('MAPIINIT_0', 'ulFlags')).toBe(L.MAPIINIT_0.ulFlags);
    for (const f of ['type', 'cbSize', 'mtime', 'ctime', 'atime', 'grfMode', 'grfLocksSupported', 'clsid', 'grfStateBits'] as const) {
      expect(off('STATSTG', f), f).toBe(L.STATSTG[f]);
    }
  });

  it('the reference numbers the tables above rely on (spot checks of §2)', () => {
    // §2.6: TABLE_NOTIFICATION propPrior @32, row @56 inside the member; OBJECT lpPropTagArray @64.
    expect([off('TABLE_NOTIFICATION', 'propPrior'), off('TABLE_NOTIFICATION', 'row'), off('OBJECT_NOTIFICATION', 'lpPropTagArray')]).toEqual([32, 56, 64]);
    // §2.7: STATSTG clsid @56; ADRPARM lpHierRestriction @128.
    expect([off('STATSTG', 'clsid'), off('ADRPARM', 'lpHierRestriction'), off('ADRPARM', 'cDestFields')]).toEqual([56, 128, 96]);
  });
});
