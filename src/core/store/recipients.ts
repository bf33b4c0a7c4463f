import type { ADRLIST, SPropValue } from '../props/types.js';
import type { PropMap, RecipientRecord } from '../spi/store.js';
import { MapiError } from '../errors/MapiError.js';
import { PROP_ID, PROP_TYPE, isMultiValuedType, tagHex } from '../props/tags.js';
import { isKnownPropType, isValidPropValue } from '../props/values.js';
import { canonicalValue } from '../props/convert.js';
import { PT_ERROR, PT_NULL, PT_OBJECT, PT_UNSPECIFIED } from '../generated/proptypes.js';
import { PR_INSTANCE_KEY, PR_NULL, PR_ROWID } from '../generated/proptags.js';
import { MODRECIP_ADD, MODRECIP_MODIFY, MODRECIP_REMOVE } from '../generated/constants.js';
import { MAPI_E_INVALID_PARAMETER, MAPI_E_INVALID_TYPE, MAPI_E_NOT_FOUND } from '../generated/scodes.js';

/** The recipients of a message after ModifyRecipients, and the next PR_ROWID to hand out. */
export interface RecipientList {
  recipients: RecipientRecord[];
  nextRowId: number;
}

/** One checked ADRENTRY: its properties (PR_ROWID and PR_INSTANCE_KEY taken out) and its PR_ROWID if it had one. */
interface CheckedEntry {
  props: PropMap;
  rowId: number | undefined;
}

/** Checks one ADRENTRY's property values and turns them into a property map. */
function checkEntry(where: string, entry: unknown, index: number): CheckedEntry | null {
  if (!entry || typeof entry !== 'object' || !('rgPropVals' in entry)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: entry ${index} is not an ADRENTRY`);
  const vals = (entry as { rgPropVals: unknown }).rgPropVals;
  // modifyrecipients.md: "a recipient can be NULL. The cValues member ... is set to zero and the rgPropVals member is set to NULL."
  if (vals === null || vals === undefined || (Array.isArray(vals) && vals.length === 0)) return null;
  if (!Array.isArray(vals)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: entry ${index}: rgPropVals must be an array of SPropValues`);
  const props: PropMap = new Map();
  let rowId: number | undefined;
  for (const p of vals as unknown[]) {
    if (!p || typeof p !== 'object' || typeof (p as SPropValue).ulPropTag !== 'number') {
      throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: entry ${index} holds a value that is not an SPropValue`);
    }
    const v = p as SPropValue;
    const tag = v.ulPropTag >>> 0;
    const type = PROP_TYPE(tag);
    // modifyrecipients.md: "Do not use PT_ERROR as a property type. ModifyRecipients ignores this value."
    if (type === PT_ERROR || tag === PR_NULL) continue;
    // "Do not use PT_NULL as a property type. ModifyRecipients returns an error when encountering this value."
    if (type === PT_NULL || type === PT_UNSPECIFIED || type === PT_OBJECT) {
      throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: entry ${index}: ${tagHex(tag)} has a type a recipient property cannot have`);
    }
    if (!isKnownPropType(type)) throw new MapiError(MAPI_E_INVALID_TYPE, `${where}: entry ${index}: ${tagHex(tag)} has an unknown property type`);
    if (!isValidPropValue(v) || (isMultiValuedType(type) && (v.Value as unknown[]).length === 0)) {
      throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: entry ${index}: the value of ${tagHex(tag)} does not match its type`);
    }
    if (PROP_ID(tag) === PROP_ID(PR_ROWID)) {
      if (typeof v.Value === 'number') rowId = v.Value >>> 0;
      continue;
    }
    // Rows of a recipient table carry the table's PR_INSTANCE_KEY; it is not a recipient property.
    if (PROP_ID(tag) === PROP_ID(PR_INSTANCE_KEY)) continue;
    props.set(PROP_ID(tag), canonicalValue({ ulPropTag: tag, Value: v.Value }));
  }
  return { props, rowId };
}

/**
 * The recipient list after IMessage::ModifyRecipients(ulFlags, lpMods) on `current`: all
 * entries are checked before anything changes, so a failing call changes nothing.
 * - 0: the list is replaced; MODRECIP_ADD: entries are added. Each added recipient gets a new
 *   PR_ROWID (one a caller passes, e.g. in rows read from another recipient table, is ignored).
 * - MODRECIP_MODIFY: the recipient with the entry's PR_ROWID gets exactly the entry's
 *   properties ("any properties not included in the ADRLIST structure are deleted").
 * - MODRECIP_REMOVE: the recipients with the entries' PR_ROWIDs are removed.
 * MODIFY and REMOVE need PR_ROWID in every entry (MAPI_E_INVALID_PARAMETER without) naming an
 * existing recipient (MAPI_E_NOT_FOUND).
 * @see imessage-modifyrecipients.md
 */
export function modifyRecipientList(where: string, current: RecipientList, ulFlags: number, lpMods: ADRLIST): RecipientList {
  if (!Array.isArray(lpMods)) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: lpMods must be an ADRLIST (an array of ADRENTRY)`);
  const mode = ulFlags & (MODRECIP_ADD | MODRECIP_MODIFY | MODRECIP_REMOVE);
  if (mode !== 0 && mode !== MODRECIP_ADD && mode !== MODRECIP_MODIFY && mode !== MODRECIP_REMOVE) {
    throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: MODRECIP_ADD, MODRECIP_MODIFY and MODRECIP_REMOVE exclude each other`);
  }
  const entries = lpMods.map((e, i) => checkEntry(where, e, i)).filter((e): e is CheckedEntry => e !== null);
  let nextRowId = current.nextRowId;
  const fresh = (e: CheckedEntry): RecipientRecord => ({ rowId: nextRowId++, props: e.props });
  if (mode === 0) return { recipients: entries.map(fresh), nextRowId };
  if (mode === MODRECIP_ADD) return { recipients: [...current.recipients, ...entries.map(fresh)], nextRowId };
  const byRow = new Map(current.recipients.map((r) => [r.rowId, r]));
  for (const [i, e] of entries.entries()) {
    if (e.rowId === undefined) throw new MapiError(MAPI_E_INVALID_PARAMETER, `${where}: entry ${i} has no PR_ROWID (MODRECIP_MODIFY and MODRECIP_REMOVE need one in every entry)`);
    if (!byRow.has(e.rowId)) throw new MapiError(MAPI_E_NOT_FOUND, `${where}: no recipient has PR_ROWID ${e.rowId}`);
  }
  if (mode === MODRECIP_REMOVE) {
    const gone = new Set(entries.map((e) => e.rowId));
    return { recipients: current.recipients.filter((r) => !gone.has(r.rowId)), nextRowId };
  }
  const replaced = new Map(entries.map((e) => [e.rowId as number, e.props]));
  return {
    recipients: current.recipients.map((r) => {
      const props = replaced.get(r.rowId);
      return props ? { rowId: r.rowId, props } : r;
    }),
    nextRowId,
  };
}
