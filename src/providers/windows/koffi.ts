/**
 * Lazy access to koffi, the FFI library the Windows backend calls MAPI through. koffi is an
 * optional dependency: nothing in mapi-emu loads it until the Windows backend (or the fake
 * MAPI ABI of the tests) asks for it, and a missing install becomes an EmulatorError that
 * says what to do.
 */
import { createRequire } from 'node:module';
import { EmulatorError } from '../../core/errors/MapiError.js';

/** The koffi module (koffi ^3: pointers are BigInt values). */
export type Koffi = typeof import('koffi');

let cached: Koffi | undefined;

/**
 * The koffi module, loaded on first use.
 * @throws EmulatorError when koffi is not installed or its native part cannot load.
 */
export function loadKoffi(): Koffi {
  if (cached) return cached;
  try {
    // CJS builds have `require`; ESM builds make one (the CJS build never evaluates import.meta).
    const req = typeof require === 'function' ? require : createRequire(import.meta.url);
    const k = req('koffi') as Koffi & { default?: Koffi };
    cached = (typeof k.load === 'function' ? k : k.default) as Koffi;
    if (typeof cached?.load !== 'function') throw new Error('the module has no load()');
    return cached;
  } catch (e) {
    throw new EmulatorError(
      `the Windows backend needs koffi ^3.3.4 (an optional dependency of mapi-emu), which could not be loaded: ${e instanceof Error ? e.message : String(e)}. ` +
        'Install it with `npm install koffi` (its prebuilt binaries need no compiler).',
    );
  }
}

/** True when koffi can be loaded (for skipping tests on platforms without a koffi build). */
export function isKoffiAvailable(): boolean {
  try {
    loadKoffi();
    return true;
  } catch {
    return false;
  }
}
