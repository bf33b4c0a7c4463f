import { muidEMSAB } from '../../core/generated/guids.js';
import { bytesEqual } from '../../core/props/values.js';

/** Type of an Address Book EntryID ([MS-OXCDATA] 2.2.5.2): a local mail user. */
export const AB_DT_MAILUSER = 0x000;
/** Type of an Address Book EntryID: a container. */
export const AB_DT_CONTAINER = 0x100;

/**
 * An Exchange Address Book EntryID ([MS-OXCDATA] 2.2.5.2): Flags(4)=0 | MUIDEMSAB(16) |
 * Version(4)=1 | Type(4) | X500DN, NUL-terminated 8-bit string. The directory provider names
 * its users and containers this way, as Exchange does.
 * @see MS-OXCDATA-entryids.md 5.2
 */
export function exAbEntryId(type: number, dn: string): Uint8Array {
  const out = new Uint8Array(28 + dn.length + 1);
  out.set(muidEMSAB.bytes, 4);
  const view = new DataView(out.buffer);
  view.setUint32(20, 1, true);
  view.setUint32(24, type, true);
  for (let i = 0; i < dn.length; i++) out[28 + i] = dn.charCodeAt(i) < 0x80 ? dn.charCodeAt(i) : 0x3f;
  return out;
}

/** The type and X500 DN of an Address Book EntryID, or undefined. */
export function parseExAbEntryId(e: Uint8Array): { type: number; dn: string } | undefined {
  if (e.length < 29 || !bytesEqual(e.subarray(4, 20), muidEMSAB.bytes)) return undefined;
  const view = new DataView(e.buffer, e.byteOffset, e.byteLength);
  if (view.getUint32(20, true) !== 1) return undefined;
  let dn = '';
  for (let i = 28; i < e.length && e[i] !== 0; i++) dn += String.fromCharCode(e[i]!);
  return { type: view.getUint32(24, true), dn };
}
