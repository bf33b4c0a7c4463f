/**
 * koffi as the tests see it: koffi's own module type, which has members mapi-emu's structural
 * `Koffi` leaves out (call, sizeof, offsetof, decode.string ...). Tests are not published, so
 * they may import koffi's types; the cast below compiles only while koffi's type stays
 * assignable to `Koffi` (test/abi/koffiTypes.test.ts checks that explicitly).
 */
import { loadKoffi } from '../../src/providers/windows/koffi.js';

/** The type of the koffi module. */
export type RealKoffi = typeof import('koffi');

/** The koffi module the backend loads (the same object), typed as koffi declares it. */
export function loadRealKoffi(): RealKoffi {
  return loadKoffi() as RealKoffi;
}
