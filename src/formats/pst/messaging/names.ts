// [MS-PST] 2.4.7 Named Property Lookup Map: the PC of NID_NAME_TO_ID_MAP holds a GUID stream,
// an entry stream (NAMEID records) and a string stream; named property N has the id 0x8000 + N.
import { MNID_ID, MNID_STRING } from '../../../core/generated/constants.js';
import { PS_MAPI, PS_PUBLIC_STRINGS } from '../../../core/generated/guids.js';
import { PT_BINARY } from '../../../core/generated/proptypes.js';
import { GUID } from '../../../core/props/guid.js';
import type { MAPINAMEID } from '../../../core/props/types.js';
import { PROP_TAG } from '../../../core/props/tags.js';
import { u16, u32 } from '../bytes.js';
import { corrupt, hex } from '../errors.js';
import type { PropertyContext } from '../ltp/pc.js';
import { NID_NAME_TO_ID_MAP } from '../nid.js';

/** [MS-PST] 2.4.7.1 PidTagNameidStreamGuid (0x0002, PT_BINARY). File-format tag, not in the SDK headers. */
export const PR_NAMEID_STREAM_GUID = PROP_TAG(PT_BINARY, 0x0002);
/** [MS-PST] 2.4.7.1 PidTagNameidStreamEntry (0x0003, PT_BINARY). */
export const PR_NAMEID_STREAM_ENTRY = PROP_TAG(PT_BINARY, 0x0003);
/** [MS-PST] 2.4.7.1 PidTagNameidStreamString (0x0004, PT_BINARY). */
export const PR_NAMEID_STREAM_STRING = PROP_TAG(PT_BINARY, 0x0004);

/** Lowest identifier of a named property ([MS-PST] 2.4.7.1: wPropIdx + 0x8000). */
const NAMED_BASE = 0x8000;

/** One named property of the file: its identifier and name. */
export interface PstNamedProperty {
  /** Property identifier (0x8000 + wPropIdx). */
  id: number;
  /** The name. */
  name: MAPINAMEID;
}

/**
 * Decodes the name-to-ID map ([MS-PST] 2.4.7) from its PC. Records whose GUID index, string
 * offset or identifier fall outside their streams throw MAPI_E_CORRUPT_DATA naming the node
 * and the record's offset in the entry stream.
 */
export function readNameToIdMap(pc: PropertyContext): PstNamedProperty[] {
  const where = { nid: NID_NAME_TO_ID_MAP };
  const raw = (tag: number): Uint8Array => (pc.entry(tag) ? pc.rawValue(tag) : new Uint8Array(0));
  const guids = raw(PR_NAMEID_STREAM_GUID);
  const entries = raw(PR_NAMEID_STREAM_ENTRY);
  const strings = raw(PR_NAMEID_STREAM_STRING);
  if (entries.length % 8 !== 0) throw corrupt(`name-to-ID entry stream of ${entries.length} bytes is not a multiple of 8`, where);
  if (guids.length % 16 !== 0) throw corrupt(`name-to-ID GUID stream of ${guids.length} bytes is not a multiple of 16`, where);
  const out: PstNamedProperty[] = [];
  const seen = new Set<number>();
  for (let off = 0; off < entries.length; off += 8) {
    const dwPropertyID = u32(entries, off);
    const wGuidN = u16(entries, off + 4);
    const wPropIdx = u16(entries, off + 6);
    const id = NAMED_BASE + wPropIdx;
    const bad = (why: string) => corrupt(`name-to-ID entry at stream offset ${hex(off)} ${why}`, where);
    if (id > 0xfffe) throw bad(`has wPropIdx ${hex(wPropIdx)}`);
    if (seen.has(id)) throw bad(`repeats property id ${hex(id)}`);
    seen.add(id);
    const wGuid = wGuidN >>> 1;
    let lpguid: GUID;
    if (wGuid === 1) lpguid = PS_MAPI;
    else if (wGuid === 2) lpguid = PS_PUBLIC_STRINGS;
    else if (wGuid >= 3 && (wGuid - 3) * 16 + 16 <= guids.length) lpguid = new GUID(guids.slice((wGuid - 3) * 16, (wGuid - 2) * 16));
    else throw bad(`has GUID index ${wGuid} outside the GUID stream (${guids.length / 16} GUIDs)`);
    if ((wGuidN & 1) === 0) {
      out.push({ id, name: { lpguid, ulKind: MNID_ID, lID: dwPropertyID >>> 0 } });
      continue;
    }
    if (dwPropertyID + 4 > strings.length) throw bad(`has string offset ${hex(dwPropertyID)} outside the string stream (${strings.length} bytes)`);
    const len = u32(strings, dwPropertyID);
    if (len % 2 !== 0 || dwPropertyID + 4 + len > strings.length) throw bad(`has a string of ${len} bytes at ${hex(dwPropertyID)} past the string stream`);
    const name = new TextDecoder('utf-16le').decode(strings.subarray(dwPropertyID + 4, dwPropertyID + 4 + len));
    out.push({ id, name: { lpguid, ulKind: MNID_STRING, lpwstrName: name } });
  }
  return out;
}
