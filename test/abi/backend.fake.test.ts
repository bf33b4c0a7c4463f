/** createMapi({ backend: 'windows' }) pointed at the fake MAPI ABI instead of Outlook's DLL. */
import { describe, expect, it } from 'vitest';
import { createMapi } from '../../src/mapi.js';
import { WindowsMapi } from '../../src/providers/windows/WindowsMapi.js';
import { isKoffiAvailable } from '../../src/providers/windows/koffi.js';
import { HostClient } from './fake/HostClient.js';
import { FakeMapi } from './fake/FakeMapi.js';

describe.skipIf(!isKoffiAvailable())("createMapi({ backend: 'windows' }) over the fake MAPI ABI", () => {
  it('gives the WindowsMapi entry points: initialize, administer a profile, log on and off, with nothing leaked', async () => {
    const host = await HostClient.start();
    const fake = FakeMapi.create(host, { seed: 3 });
    const mapi = createMapi({ backend: 'windows', windows: { library: fake.library } });
    try {
      expect(mapi).toBeInstanceOf(WindowsMapi);
      await mapi.MAPIInitialize();
      const admin = await mapi.MAPIAdminProfiles(0);
      await admin.createProfile('p', null, 0);
      const session = await mapi.MAPILogonEx('p', null, 0);
      expect((session as unknown as { interfaceName: string }).interfaceName).toBe('IMAPISession');
      await session.logoff(0);
      session.release();
      admin.release();
      mapi.MAPIUninitialize();
      expect(fake.report()).toEqual({ leaks: [], problems: [], liveObjects: [], heldSinks: 0 });
    } finally {
      mapi.dispose();
      fake.dispose();
      await host.stop();
    }
  });
});
