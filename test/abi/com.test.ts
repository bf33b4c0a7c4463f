/**
 * The COM call layer and the wrappers' conventions, against small COM objects implemented in
 * JS (JsComClass) — no emulator: HRESULT → MapiError with MAPI's scode and GetLastError's
 * text, warnings surfaced as the emulator does, Release exactly once (explicitly, or by the
 * garbage-collection safety net), QueryInterface, exceptions in callbacks never returned as
 * S_OK, advise sinks as native objects.
 */
import type { IMAPIFormMgr } from '../../src/core/forms/types.js';
import type { IMAPISession } from '../../src/core/session/interfaces.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WindowsMapi } from '../../src/providers/windows/WindowsMapi.js';
import { JsComClass, type ComMethodImpl } from '../../src/providers/windows/com/JsComClass.js';
import { VTABLES } from '../../src/providers/windows/com/vtables.js';
import type { InterfaceLayout } from '../../src/providers/windows/com/layoutTypes.js';
import { methodType } from '../../src/providers/windows/com/protos.js';
import { encodeMapiError } from '../../src/providers/windows/abi/misc.js';
import { encodePropArray } from '../../src/providers/windows/abi/propValue.js';
import { encodeNotifications } from '../../src/providers/windows/abi/notification.js';
import type { Pointer } from '../../src/providers/windows/abi/memory.js';
import { MapiError } from '../../src/core/errors/MapiError.js';
import type { IMAPIProp } from '../../src/core/props/interfaces.js';
import type { IMAPITable } from '../../src/core/table/interfaces.js';
import type { IMAPIFolder, IMessage } from '../../src/core/store/interfaces.js';
import type { IProfAdmin } from '../../src/core/session/interfaces.js';
import type { NOTIFICATION } from '../../src/core/notify/types.js';
import { PROP_TAG } from '../../src/core/props/tags.js';
import { IID_IMAPIFolder, IID_IMAPIForm, IID_IMAPIFormMgr, IID_IMAPIProp, IID_IMAPITable, IID_IMessage, IID_IUnknown } from '../../src/core/generated/guids.js';
import { MAPI_FOLDER, MAPI_MESSAGE, MAPI_UNICODE, TABLE_ROW_ADDED, fnevTableModified } from '../../src/core/generated/constants.js';
import { PR_INSTANCE_KEY, PR_SUBJECT_W } from '../../src/core/generated/proptags.js';
import { PT_ERROR } from '../../src/core/generated/proptypes.js';
import {
  MAPI_E_CALL_FAILED, MAPI_E_INTERFACE_NOT_SUPPORTED, MAPI_E_INVALID_OBJECT, MAPI_E_INVALID_PARAMETER, MAPI_E_NO_SUPPORT, MAPI_E_NOT_FOUND, MAPI_W_ERRORS_RETURNED, MAPI_W_PARTIAL_COMPLETION,
  MAPI_W_POSITION_CHANGED, S_OK,
} from '../../src/core/generated/scodes.js';
import { expectNoLeaks, makeLocalLibrary, type LocalLibrary } from './helpers.js';
import { NativeArgs, ptrArg } from './fake/nativeArgs.js';

interface Obj {
  refs: number;
  calls: string[];
}

let local: LocalLibrary;
let mapi: WindowsMapi;
const classes: JsComClass<Obj>[] = [];

function setup(): { args: NativeArgs } {
  local = makeLocalLibrary();
  mapi = new WindowsMapi(local.library);
  return { args: new NativeArgs(local.abi.mem, 1252) };
}

afterEach(() => {
  for (const c of classes.splice(0)) c.dispose();
  mapi.dispose();
  expectNoLeaks(local.abi.tracker);
  local.dispose();
});

/** A COM class of `layout` whose IUnknown counts references and whose other methods are `impl`. */
function comClass(layout: InterfaceLayout, impl: Record<string, (o: Obj, ...a: unknown[]) => number>): JsComClass<Obj> {
  const record = (name: string, f: (o: Obj, ...a: unknown[]) => number) => ((o: Obj, _t: Pointer, ...a: unknown[]) => (o.calls.push(name), f(o, ...a))) as ComMethodImpl<Obj>;
  const all: Record<string, ComMethodImpl<Obj>> = {
    AddRef: record('AddRef', (o) => ++o.refs),
    Release: record('Release', (o) => --o.refs),
  };
  for (const [n, f] of Object.entries(impl)) all[n] = record(n, f);
  const cls = new JsComClass<Obj>(local.abi.koffi, local.abi.mem, layout, all);
  classes.push(cls);
  return cls;
}

const newObj = (): Obj => ({ refs: 1, calls: [] });

describe('HRESULT → MapiError', () => {
  it('a failing HRESULT rejects with MAPI\'s scode and GetLastError\'s text; the MAPIERROR buffer is freed', async () => {
    const { args } = setup();
    const cls = comClass(VTABLES.IMAPIProp, {
      GetProps: () => MAPI_E_NOT_FOUND | 0,
      GetLastError: (_o, hr, flags, pp) => {
        expect([Number(hr) >>> 0, Number(flags) >>> 0]).toEqual([MAPI_E_NOT_FOUND, MAPI_UNICODE]);
        args.outPtr(pp, encodeMapiError(local.abi, { ulVersion: 0, lpszError: 'no such property here', lpszComponent: 'test', ulLowLevelError: 0, ulContext: 0 }, true));
        return S_OK;
      },
    });
    const o = newObj();
    const prop = mapi.runtime.wrap(cls.create(o), { iid: IID_IMAPIProp, fallback: 'IMAPIProp' }) as IMAPIProp;
    const e = await prop.getProps([PR_SUBJECT_W], 0).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MapiError);
    expect((e as MapiError).scode).toBe(MAPI_E_NOT_FOUND);
    expect((e as MapiError).name).toBe('MAPI_E_NOT_FOUND');
    expect((e as MapiError).message).toContain('no such property here');
    prop.release();
  });

  it('getProps: MAPI_W_ERRORS_RETURNED is success; PT_ERROR entries stay in place and the array is freed', async () => {
    const { args } = setup();
    const values = [{ ulPropTag: PR_SUBJECT_W, Value: 'x' }, { ulPropTag: PROP_TAG(PT_ERROR, 0x6001), Value: MAPI_E_NOT_FOUND }];
    const cls = comClass(VTABLES.IMAPIProp, {
      GetProps: (_o, _tags, _flags, pc, pp) => {
        args.outU32(pc, values.length);
        args.outPtr(pp, encodePropArray(local.abi, values));
        return MAPI_W_ERRORS_RETURNED;
      },
    });
    const prop = mapi.runtime.wrap(cls.create(newObj()), { fallback: 'IMAPIProp' }) as IMAPIProp;
    expect(await prop.getProps([PR_SUBJECT_W, PROP_TAG(PT_ERROR, 0x6001)], 0)).toEqual(values);
    prop.release();
  });

  it('seekRow: MAPI_W_POSITION_CHANGED becomes the warning field; the row count is signed', async () => {
    const { args } = setup();
    const cls = comClass(VTABLES.IMAPITable, {
      SeekRow: (_o, _bk, count, p) => (args.outI32(p, Number(count)), MAPI_W_POSITION_CHANGED),
      FindRow: () => S_OK,
    });
    const t = mapi.runtime.wrap(cls.create(newObj()), { iid: IID_IMAPITable, fallback: 'IMAPITable' }) as IMAPITable;
    expect(await t.seekRow(0, -3)).toEqual({ lRowsSought: -3, warning: MAPI_W_POSITION_CHANGED });
    expect(await t.findRow({ rt: 8, ulPropTag: PR_SUBJECT_W }, 0, 0)).toEqual({});
    t.release();
  });

  it('copyMessages: MAPI_W_PARTIAL_COMPLETION becomes the warning field', async () => {
    setup();
    const cls = comClass(VTABLES.IMAPIFolder, { CopyMessages: () => MAPI_W_PARTIAL_COMPLETION });
    const a = mapi.runtime.wrap(cls.create(newObj()), { iid: IID_IMAPIFolder, fallback: 'IMAPIFolder' }) as IMAPIFolder;
    const b = mapi.runtime.wrap(cls.create(newObj()), { iid: IID_IMAPIFolder, fallback: 'IMAPIFolder' }) as IMAPIFolder;
    expect(await a.copyMessages([Uint8Array.of(1)], null, b, null, 0)).toEqual({ warning: MAPI_W_PARTIAL_COMPLETION });
    a.release();
    b.release();
  });
});

describe('reference counting', () => {
  it('release() calls Release exactly once; later calls reject with MAPI_E_INVALID_OBJECT without reaching MAPI', async () => {
    setup();
    const cls = comClass(VTABLES.IMAPITable, { GetRowCount: () => S_OK });
    const o = newObj();
    const t = mapi.runtime.wrap(cls.create(o), { fallback: 'IMAPITable' }) as IMAPITable;
    await t.getRowCount(0);
    t.release();
    t.release();
    expect(o.calls).toEqual(['GetRowCount', 'Release']);
    expect(o.refs).toBe(0);
    await expect(t.getRowCount(0)).rejects.toMatchObject({ scode: MAPI_E_INVALID_OBJECT });
    expect(o.calls).toEqual(['GetRowCount', 'Release']);
  });

  it('a wrapper collected without release() is released by the FinalizationRegistry safety net', async () => {
    setup();
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const cls = comClass(VTABLES.IMAPITable, {});
    const o = newObj();
    (() => {
      mapi.runtime.wrap(cls.create(o), { fallback: 'IMAPITable' });
    })();
    for (let i = 0; i < 20 && o.refs > 0; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(o.calls).toEqual(['Release']);
    expect(mapi.runtime.stats.releasedByFinalizer).toBe(1);
  });

  it('queryInterface: a base interface gives the same kind of wrapper, another a wrapper of that interface, E_NOINTERFACE a MapiError', async () => {
    const { args } = setup();
    const folderPtr: Pointer[] = [];
    const cls = comClass(VTABLES.IMAPIFolder, {
      QueryInterface: (o, riid, ppv) => {
        const g = args.guid(riid);
        if (g?.equals(IID_IUnknown) || g?.equals(IID_IMAPIProp) || g?.equals(IID_IMAPIFolder)) {
          o.refs++;
          args.outPtr(ppv, folderPtr[0] as Pointer);
          return S_OK;
        }
        args.outPtr(ppv, null);
        return MAPI_E_INTERFACE_NOT_SUPPORTED | 0;
      },
    });
    const o = newObj();
    folderPtr.push(cls.create(o));
    const f = mapi.runtime.wrap(folderPtr[0] as Pointer, { iid: IID_IMAPIFolder, fallback: 'IMAPIFolder' }) as IMAPIFolder;
    const asProp = await f.queryInterface<IMAPIFolder>(IID_IMAPIProp);
    expect(typeof asProp.createMessage).toBe('function');
    await expect(f.queryInterface(IID_IMessage)).rejects.toMatchObject({ scode: MAPI_E_INTERFACE_NOT_SUPPORTED });
    expect(o.refs).toBe(2);
    asProp.release();
    f.release();
    expect(o.refs).toBe(0);
  });

  it('openEntry picks the wrapper from the object type MAPI reports', async () => {
    const { args } = setup();
    const msgCls = comClass(VTABLES.IMessage, {});
    const folderCls = comClass(VTABLES.IMAPIFolder, {
      OpenEntry: (_o, _cb, _eid, _iid, _flags, pType, pp) => {
        args.outU32(pType, MAPI_MESSAGE);
        args.outPtr(pp, msgCls.create(newObj()));
        return S_OK;
      },
    });
    const f = mapi.runtime.wrap(folderCls.create(newObj()), { objType: MAPI_FOLDER, fallback: 'IMAPIProp' }) as IMAPIFolder;
    const m = await f.openEntry<IMessage>(Uint8Array.of(1, 2), null, 0);
    expect(typeof m.getRecipientTable).toBe('function');
    m.release();
    f.release();
  });

  it('a form object (IMAPIForm, no vtable layout in the spec) MAPI hands out is released at once and the call rejects with MAPI_E_NO_SUPPORT', async () => {
    const { args } = setup();
    const formCls = comClass(VTABLES.IUnknown, {});
    const form = newObj();
    const sessionCls = comClass(VTABLES.IMAPISession, {
      QueryInterface: (_o, _riid, ppv) => {
        args.outPtr(ppv, formCls.create(form));
        return S_OK;
      },
    });
    const s = mapi.runtime.wrap(sessionCls.create(newObj()), { fallback: 'IMAPISession' });
    await expect(s.queryInterface(IID_IMAPIForm)).rejects.toMatchObject({ scode: MAPI_E_NO_SUPPORT });
    expect(form.calls).toEqual(['Release']);
    expect(form.refs).toBe(0);
    s.release();
  });

  it('MAPIOpenFormMgr takes only sessions of this backend, and passes the export\'s failure on as its scode', async () => {
    setup();
    await expect(mapi.MAPIOpenFormMgr({} as IMAPISession)).rejects.toMatchObject({ scode: MAPI_E_INVALID_PARAMETER });
    const sessionCls = comClass(VTABLES.IMAPISession, {});
    const session = newObj();
    const s = mapi.runtime.wrap(sessionCls.create(session), { fallback: 'IMAPISession' }) as IMAPISession;
    // The local library's MAPIOpenFormMgr answers MAPI_E_NO_SUPPORT.
    await expect(mapi.MAPIOpenFormMgr(s)).rejects.toMatchObject({ scode: MAPI_E_NO_SUPPORT });
    s.release();
    expect(session.calls).toEqual(['Release']);
  });

  it('a form manager MAPI hands out is wrapped: its form-specific methods without a spec layout reject with MAPI_E_NO_SUPPORT without calling MAPI', async () => {
    const { args } = setup();
    const formCls = comClass(VTABLES.IMAPIFormMgr, {});
    const form = newObj();
    const sessionCls = comClass(VTABLES.IMAPISession, {
      QueryInterface: (_o, _riid, ppv) => {
        args.outPtr(ppv, formCls.create(form));
        return S_OK;
      },
    });
    const s = mapi.runtime.wrap(sessionCls.create(newObj()), { fallback: 'IMAPISession' });
    const mgr = await s.queryInterface<IMAPIFormMgr>(IID_IMAPIFormMgr);
    expect(typeof mgr.resolveMessageClass).toBe('function');
    await expect(mgr.calcFormPropSet([], 0)).rejects.toMatchObject({ scode: MAPI_E_NO_SUPPORT });
    await expect(mgr.loadForm(0, 0, 'IPM', 0, 0, null, null, null, null, IID_IMAPIForm)).rejects.toMatchObject({ scode: MAPI_E_NO_SUPPORT });
    expect(form.calls).toEqual([]);
    mgr.release();
    expect(form.calls).toEqual(['Release']);
    s.release();
  });
});

describe('string widths', () => {
  it('profile names go as ANSI, or as UTF-16 when the caller sets MAPI_UNICODE (never ANSI bytes under the flag)', async () => {
    const { args } = setup();
    const seen: [string | null, number][] = [];
    const cls = comClass(VTABLES.IProfAdmin, {
      CreateProfile: (_o, pName, _pPwd, _ui, flags) => {
        const f = Number(flags) >>> 0;
        seen.push([args.str(pName, (f & MAPI_UNICODE) !== 0), f]);
        return S_OK;
      },
    });
    const admin = mapi.runtime.wrap(cls.create(newObj()), { fallback: 'IProfAdmin' }) as IProfAdmin;
    await admin.createProfile('Café ☃', null, 0);
    await admin.createProfile('Café ☃', null, MAPI_UNICODE);
    expect(seen).toEqual([['Café ?', 0], ['Café ☃', MAPI_UNICODE >>> 0]]);
    admin.release();
  });
});

describe('callbacks implemented in JS', () => {
  const call = (cls: JsComClass<Obj>, ptr: Pointer, name: string, ...a: unknown[]) => {
    const m = cls.layout.methods.find((x) => x.name === name);
    if (!m) throw new Error(name);
    const fn = local.abi.mem.ptr(cls.vtbl, m.slot * 8) as Pointer;
    return local.abi.koffi.call(fn, methodType(local.abi.koffi, m), ptr, ...a) as number;
  };

  it('an exception is never returned as S_OK: a MapiError gives its scode, anything else MAPI_E_CALL_FAILED, no value MAPI_E_CALL_FAILED', () => {
    setup();
    const cls = comClass(VTABLES.IMAPITable, {
      Abort: () => {
        throw new TypeError('bug');
      },
      SortTable: () => {
        throw new MapiError(MAPI_E_NOT_FOUND, 'no');
      },
      Restrict: () => undefined as unknown as number,
    });
    const p = cls.create(newObj());
    expect(call(cls, p, 'Abort') >>> 0).toBe(MAPI_E_CALL_FAILED);
    expect(call(cls, p, 'SortTable', null, 0) >>> 0).toBe(MAPI_E_NOT_FOUND);
    expect(call(cls, p, 'Restrict', null, 0) >>> 0).toBe(MAPI_E_CALL_FAILED);
  });

  it('advise: MAPI gets a native sink it AddRefs; OnNotify delivers copies; a throwing sink answers MAPI_E_CALL_FAILED; Unadvise frees it', async () => {
    const { args } = setup();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const mem = local.abi.mem;
    const koffi = local.abi.koffi;
    let held: Pointer | null = null;
    const sinkCall = (name: string, ...a: unknown[]) => {
      const m = VTABLES.IMAPIAdviseSink.methods.find((x) => x.name === name)!;
      const vtbl = mem.ptr(held as Pointer, 0) as Pointer;
      return koffi.call(mem.ptr(vtbl, m.slot * 8) as Pointer, methodType(koffi, m), held, ...a) as number;
    };
    const cls = comClass(VTABLES.IMAPITable, {
      Advise: (_o, _mask, sink, pConn) => {
        held = ptrArg(sink);
        sinkCall('AddRef');
        args.outU64(pConn, 7n);
        return S_OK;
      },
      Unadvise: () => (sinkCall('Release'), S_OK),
    });
    const t = mapi.runtime.wrap(cls.create(newObj()), { fallback: 'IMAPITable' }) as IMAPITable;
    const got: NOTIFICATION[][] = [];
    let fail = false;
    expect(await t.advise(fnevTableModified, (n) => {
      if (fail) throw new Error('sink bug');
      got.push(n);
    })).toBe(7);
    expect(mapi.runtime.sinks.liveCount).toBe(1);
    const key = { ulPropTag: PR_INSTANCE_KEY, Value: Uint8Array.of(1) };
    const list: NOTIFICATION[] = [{ ulEventType: fnevTableModified, tab: { ulTableEvent: TABLE_ROW_ADDED, hResult: 0, propIndex: key, propPrior: key, row: { lpProps: [key] } } }];
    const p = encodeNotifications(local.abi, list);
    expect(sinkCall('OnNotify', 1, p)).toBe(0);
    fail = true;
    expect(sinkCall('OnNotify', 1, p) >>> 0).toBe(MAPI_E_CALL_FAILED);
    local.abi.tracker.freeBuffer(p);
    expect(got).toEqual([list]);
    expect(mapi.sinkErrors).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    await t.unadvise(7);
    expect(mapi.runtime.sinks.liveCount).toBe(0);
    t.release();
  });
});
