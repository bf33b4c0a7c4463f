import { describe, it, expect } from 'vitest';
import { memoryStoreService, MEMORY_STORE_MDB_PROVIDER, MEMORY_STORE_SERVICE } from '../../../src/providers/memory-store/service.js';
import { MemoryServer } from '../../../src/providers/memory-store/MemoryServer.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import { PR_DISPLAY_NAME, PR_IDENTITY_DISPLAY, PR_PROFILE_MAILBOX, PR_PROFILE_USER_SMTP_EMAIL_ADDRESS } from '../../../src/core/generated/proptags.js';
import { MAPI_E_UNCONFIGURED } from '../../../src/core/generated/scodes.js';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import type { SPropValue } from '../../../src/core/props/types.js';
import type { StoreSupport } from '../../../src/core/store/StoreContext.js';

const section = (...props: SPropValue[]) => new Map(props.map((p) => [PROP_ID(p.ulPropTag), p]));
const info = (s: Map<number, SPropValue>) => ({ serviceUid: new Uint8Array(16), providerUid: new Uint8Array(16), profileSection: s, flags: 0, profileName: 'P' });

describe('memoryStoreService', () => {
  it('is the MAPIEMU_MEMSTORE service with one store provider', () => {
    const def = memoryStoreService(new MemoryServer());
    expect(def.name).toBe(MEMORY_STORE_SERVICE);
    expect(def.providers.map((p) => p.kind)).toEqual(['store']);
    expect(def.providers[0]!.store!.mdbProvider).toEqual(MEMORY_STORE_MDB_PROVIDER);
  });

  it('logs on to the mailbox named by PR_PROFILE_MAILBOX, creating it once', async () => {
    const server = new MemoryServer();
    const store = memoryStoreService(server).providers[0]!.store!;
    const s = section({ ulPropTag: PR_PROFILE_MAILBOX, Value: 'carol' }, { ulPropTag: PR_IDENTITY_DISPLAY, Value: 'Carol' });
    const first = await store.logon({} as StoreSupport, info(s));
    expect(first.isNew).toBe(true);
    expect(first.displayName).toBe('Mailbox - Carol');
    const second = await store.logon({} as StoreSupport, info(s));
    expect(second.isNew).toBe(false);
    expect(second.backend).toBe(first.backend);
    expect(server.get('carol')?.backend).toBe(first.backend);
  });

  it('answers MAPI_E_UNCONFIGURED without PR_PROFILE_MAILBOX, at logon and at configure', async () => {
    const def = memoryStoreService(new MemoryServer());
    await expect(def.providers[0]!.store!.logon({} as StoreSupport, info(section()))).rejects.toMatchObject({ scode: MAPI_E_UNCONFIGURED });
    expect(() => def.configure!({ settings: section(), props: [], flags: 0, serviceUid: new Uint8Array(16), providers: [] })).toThrow(MapiError);
  });

  it('configure keeps the user name as PR_IDENTITY_DISPLAY and names the store after it', async () => {
    const def = memoryStoreService(new MemoryServer());
    const props: SPropValue[] = [
      { ulPropTag: PR_PROFILE_MAILBOX, Value: 'dave' },
      { ulPropTag: PR_DISPLAY_NAME, Value: 'Dave' },
      { ulPropTag: PR_PROFILE_USER_SMTP_EMAIL_ADDRESS, Value: '=SMTP:dave@example.com' },
    ];
    const out = await def.configure!({ settings: section(...props), props, flags: 0, serviceUid: new Uint8Array(16), providers: [] });
    expect(out?.service?.find((p) => p.ulPropTag === PR_IDENTITY_DISPLAY)?.Value).toBe('Dave');
    expect(out?.providers?.[0]?.[0]?.Value).toBe('Mailbox - Dave');
    const id = def.providers[0]!.identity!(section(...(out?.service ?? [])));
    expect(id).toEqual({ displayName: 'Dave', addressType: 'SMTP', emailAddress: 'dave@example.com' });
  });
});
