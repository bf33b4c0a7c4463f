import { MapiError } from '../../core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA } from '../../core/generated/scodes.js';

/**
 * Throws MAPI_E_CORRUPT_DATA for a compound file that breaks [MS-CFB]. `what` names the
 * structure and where it is (sector, directory entry, stream path), so a bad file can be found.
 */
export function corrupt(what: string): never {
  throw new MapiError(MAPI_E_CORRUPT_DATA, `corrupt compound file: ${what}`);
}

/** Little-endian 32-bit read from a byte array (the caller keeps `at + 4` inside it). */
export function u32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 3] as number) << 24)) >>> 0;
}

/** Little-endian 16-bit read from a byte array. */
export function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
}

/** A sector number for messages: hex for the special values of [MS-CFB] 2.1. */
export function sectorName(sector: number): string {
  switch (sector) {
    case 0xfffffffc:
      return 'DIFSECT';
    case 0xfffffffd:
      return 'FATSECT';
    case 0xfffffffe:
      return 'ENDOFCHAIN';
    case 0xffffffff:
      return 'FREESECT';
    default:
      return sector > 0xfffffffa ? `0x${sector.toString(16).toUpperCase()}` : String(sector);
  }
}
