import { PROP_TYPE } from '../tags.js';
import type { IMAPIProp } from '../interfaces.js';
import type { SPropValue } from '../types.js';
import { FAILED, MapiError } from '../../errors/MapiError.js';
import { invalidParameter, isObject, isUlong, tagOf } from './common.js';
import { MAPI_E_NOT_FOUND } from '../../generated/scodes.js';
import { PT_ERROR } from '../../generated/proptypes.js';

/**
 * Reads one property through IMAPIProp.getProps. hrgetoneprop.md: it never returns a warning,
 * it succeeds or fails. A PT_ERROR result rejects with the scode it carries (native passes it
 * on: the well-known MAPI_E_NOT_ENOUGH_MEMORY for a large PR_BODY that needs OpenProperty;
 * MAPI_E_NOT_FOUND for a missing property); no result at all rejects with MAPI_E_NOT_FOUND.
 * A rejection of getProps itself is passed on. A non-IMAPIProp or a non-numeric tag rejects
 * with MAPI_E_INVALID_PARAMETER.
 * Deviation from Wine, which turns every PT_ERROR into MAPI_E_NOT_FOUND.
 * @see hrgetoneprop.md
 */
export async function HrGetOneProp(pmp: IMAPIProp, ulPropTag: number): Promise<SPropValue> {
  if (!isObject(pmp) || typeof pmp.getProps !== 'function') throw invalidParameter('HrGetOneProp', 'pmp is not an IMAPIProp');
  if (!isUlong(ulPropTag)) throw invalidParameter('HrGetOneProp', 'ulPropTag is not a property tag');
  const tag = ulPropTag >>> 0;
  const values: unknown = await pmp.getProps([tag], 0);
  const prop: unknown = Array.isArray(values) ? values[0] : undefined;
  const got = tagOf(prop);
  if (got === undefined) throw new MapiError(MAPI_E_NOT_FOUND, `HrGetOneProp: no value for tag 0x${tag.toString(16)}`);
  if (PROP_TYPE(got) === PT_ERROR) {
    const sc: unknown = (prop as SPropValue).Value;
    const scode = isUlong(sc) && FAILED(sc) ? sc >>> 0 : MAPI_E_NOT_FOUND;
    throw new MapiError(scode, `HrGetOneProp: property 0x${tag.toString(16)} could not be read`);
  }
  return prop as SPropValue;
}

/**
 * Sets one property through IMAPIProp.setProps. hrsetoneprop.md: it never returns a warning,
 * it succeeds or fails; so a problem that setProps reports for the property becomes a
 * rejection with that problem's scode (e.g. MAPI_E_COMPUTED for a read-only property).
 * A rejection of setProps is passed on. A non-IMAPIProp or a `pprop` that is not an object with
 * a numeric tag rejects with MAPI_E_INVALID_PARAMETER; the value itself is setProps' to judge.
 * @see hrsetoneprop.md
 */
export async function HrSetOneProp(pmp: IMAPIProp, pprop: SPropValue): Promise<void> {
  if (!isObject(pmp) || typeof pmp.setProps !== 'function') throw invalidParameter('HrSetOneProp', 'pmp is not an IMAPIProp');
  const tag = tagOf(pprop);
  if (tag === undefined) throw invalidParameter('HrSetOneProp', 'pprop is not an SPropValue');
  const problems: unknown = await pmp.setProps([pprop]);
  if (!Array.isArray(problems) || problems.length === 0) return;
  const first: unknown = problems[0];
  const sc = isObject(first) ? first['scode'] : undefined;
  if (isUlong(sc) && (sc >>> 0) !== 0) {
    throw new MapiError(sc >>> 0, `HrSetOneProp: property 0x${tag.toString(16)} was not set`);
  }
}
