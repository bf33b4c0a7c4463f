/** The fake's exported functions (MAPI-ABI-x64.md §4.2), called by the backend through bindMapiLibrary. */
import type { MapiLibraryExports } from '../../../src/providers/windows/library/MapiLibrary.js';
import { MAPIINIT_0, SRow, SRowSet } from '../../../src/providers/windows/abi/layout.js';
import { MAPI_E_INVALID_PARAMETER, S_OK } from '../../../src/core/generated/scodes.js';
import type { FakeMapi } from './FakeMapi.js';
import { isUnicode, ptrArg, u32 } from './nativeArgs.js';

type Impl = { [K in keyof MapiLibraryExports]: (...args: unknown[]) => number | undefined };

/** FreeProws / FreePadrlist: MAPIFreeBuffer on each row's properties, then on the set. */
function freeRows(fake: FakeMapi, p: unknown): void {
  const ptr = ptrArg(p);
  if (ptr === null) return;
  const n = fake.mem.u32(ptr, SRowSet.cRows);
  if (n > 0) {
    const rows = fake.mem.view(ptr + BigInt(SRowSet.aRow), n * SRowSet.stride);
    for (let i = 0; i < n; i++) {
      const p = rows.getBigUint64(i * SRowSet.stride + SRow.lpProps, true);
      fake.tracker.freeBuffer(p === 0n ? null : p);
    }
  }
  fake.tracker.freeBuffer(ptr);
}

/** The export implementations of a fake. */
export function exportImpls(fake: FakeMapi): Impl {
  const { args } = fake;
  return {
    MAPIInitialize: (p) => {
      const ptr = ptrArg(p);
      const init = ptr === null ? null : { ulVersion: fake.mem.u32(ptr, MAPIINIT_0.ulVersion), ulFlags: fake.mem.u32(ptr, MAPIINIT_0.ulFlags) };
      fake.request({ op: 'global', m: 'MAPIInitialize', a: [init] });
      return S_OK;
    },
    MAPIUninitialize: () => {
      fake.request({ op: 'global', m: 'MAPIUninitialize', a: [] });
      return undefined;
    },
    MAPILogonEx: (_ui, pName, pPwd, flags, pp) => {
      const unicode = isUnicode(flags);
      const session = fake.request({ op: 'global', m: 'MAPILogonEx', a: [args.str(pName, unicode), args.str(pPwd, unicode), u32(flags)] });
      args.outPtr(pp, fake.objectFor(session).ptr);
      return S_OK;
    },
    MAPIAdminProfiles: (flags, pp) => {
      const admin = fake.request({ op: 'global', m: 'MAPIAdminProfiles', a: [u32(flags)] });
      args.outPtr(pp, fake.objectFor(admin).ptr);
      return S_OK;
    },
    MAPIAllocateBuffer: (cb, pp) => {
      args.outPtr(pp, fake.tracker.allocateBuffer(u32(cb)));
      return S_OK;
    },
    MAPIAllocateMore: (cb, parent, pp) => {
      args.outPtr(pp, fake.tracker.allocateMore(u32(cb), ptrArg(parent) ?? 0n));
      return S_OK;
    },
    MAPIFreeBuffer: (p) => {
      fake.tracker.freeBuffer(ptrArg(p));
      return 0;
    },
    FreeProws: (p) => {
      freeRows(fake, p);
      return undefined;
    },
    FreePadrlist: (p) => {
      freeRows(fake, p);
      return undefined;
    },
    HrDispatchNotifications: () => {
      fake.flushNotifications();
      return S_OK;
    },
    MAPIOpenFormMgr: (pSession, pp) => {
      args.outPtr(pp, null);
      const session = fake.lookup(ptrArg(pSession));
      if (!session || session.iface !== 'IMAPISession') return MAPI_E_INVALID_PARAMETER | 0;
      const mgr = fake.request({ op: 'global', m: 'MAPIOpenFormMgr', a: fake.wire([session]) });
      args.outPtr(pp, fake.objectFor(mgr).ptr);
      return S_OK;
    },
    CoTaskMemFree: (p) => {
      fake.taskMem.freeBuffer(ptrArg(p));
      return undefined;
    },
  };
}
