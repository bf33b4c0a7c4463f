/**
 * The conformance run: every scenario of scenarios.ts executed on the emulator directly and
 * through the Windows backend → fake MAPI ABI → emulator. The transcripts must be identical,
 * and the backend run must leave no MAPI buffer unfreed, free none twice, and release every
 * interface it received (and every advise sink it handed out).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKoffiAvailable } from '../../../src/providers/windows/koffi.js';
import { HostClient } from '../fake/HostClient.js';
import { backendTarget, emulatorTarget } from './harness.js';
import { SCENARIOS } from './scenarios.js';

describe.skipIf(!isKoffiAvailable())('Windows backend conformance (backend → fake MAPI ABI → emulator ≡ emulator)', () => {
  let host: HostClient;
  let backend: ReturnType<typeof backendTarget>;
  beforeAll(async () => {
    host = await HostClient.start();
    backend = backendTarget(host);
  });
  afterAll(async () => {
    await host?.stop();
  });

  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      const direct = await emulatorTarget.run(scenario);
      const through = await backend.run(scenario);
      expect(through).toEqual(direct);
      const r = backend.lastReport;
      expect(r, 'no report').not.toBeNull();
      expect({ leaks: r?.leaks, problems: r?.problems, liveObjects: r?.liveObjects, heldSinks: r?.heldSinks, nativeSinksAlive: r?.nativeSinksAlive }).toEqual({
        leaks: [],
        problems: [],
        liveObjects: [],
        heldSinks: 0,
        nativeSinksAlive: 0,
      });
    });
  }
});
