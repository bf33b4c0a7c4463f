/**
 * NOTIFICATION ⇄ JS (MAPI-ABI-x64.md §2.6): 88-byte structures with the `info` union at 8,
 * every event kind. The array MAPI passes to IMAPIAdviseSink::OnNotify belongs to MAPI and is
 * valid only during the call, so it is read (copied) at once; an array built here for a sink
 * is one block the caller frees after OnNotify returns.
 */
import type { ENTRYID } from '../../../core/props/types.js';
import type { NOTIFICATION as JsNotification, ObjectEventType } from '../../../core/notify/types.js';
import {
  MAPI_UNICODE, fnevCriticalError, fnevExtended, fnevNewMail, fnevObjectCopied, fnevObjectCreated, fnevObjectDeleted,
  fnevObjectModified, fnevObjectMoved, fnevSearchComplete, fnevStatusObjectModified, fnevTableModified,
} from '../../../core/generated/constants.js';
import { ImageWriter } from './writer.js';
import type { NativeMemory, Pointer } from './memory.js';
import {
  ERROR_NOTIFICATION as ERR, EXTENDED_NOTIFICATION as EXT, NEWMAIL_NOTIFICATION as NM, NOTIFICATION as N,
  OBJECT_NOTIFICATION as OBJ, SRow, STATUS_OBJECT_NOTIFICATION as ST, TABLE_NOTIFICATION as TAB,
} from './layout.js';
import { readPropArray, readPropValueAt, writePropArray, writePropValue } from './propValue.js';
import { readTagArray, writeTagArray } from './arrays.js';
import { readMapiError, writeMapiError } from './misc.js';
import type { AbiContext } from './context.js';

const OBJECT_EVENTS = new Set<number>([fnevObjectCreated, fnevObjectDeleted, fnevObjectModified, fnevObjectMoved, fnevObjectCopied, fnevSearchComplete]);

function writeId(w: ImageWriter, cbAt: number, ptrAt: number, id: ENTRYID | null | undefined): void {
  if (!id) {
    w.u32(cbAt, 0);
    w.ptrAbs(ptrAt, null);
    return;
  }
  w.u32(cbAt, id.length);
  w.ptrTo(ptrAt, w.blob(id));
}

/** Writes `list` as an array of NOTIFICATION (stride 88) into the image; returns its offset. */
export function writeNotifications(w: ImageWriter, list: readonly JsNotification[], codePage: number): number {
  const base = w.reserve(Math.max(1, list.length) * N.size, 8);
  list.forEach((n, i) => {
    const at = base + i * N.size;
    w.u32(at + N.ulEventType, n.ulEventType);
    switch (n.ulEventType) {
      case fnevCriticalError: {
        const e = n.err;
        const unicode = ((e.ulFlags ?? 0) & MAPI_UNICODE) !== 0;
        writeId(w, at + ERR.cbEntryID, at + ERR.lpEntryID, e.lpEntryID);
        w.u32(at + ERR.scode, e.scode);
        w.u32(at + ERR.ulFlags, e.ulFlags ?? 0);
        if (e.lpMAPIError) w.ptrTo(at + ERR.lpMAPIError, writeMapiError(w, e.lpMAPIError, unicode, codePage));
        return;
      }
      case fnevNewMail: {
        const m = n.newmail;
        const unicode = ((m.ulFlags ?? 0) & MAPI_UNICODE) !== 0;
        writeId(w, at + NM.cbEntryID, at + NM.lpEntryID, m.lpEntryID);
        writeId(w, at + NM.cbParentID, at + NM.lpParentID, m.lpParentID);
        w.u32(at + NM.ulFlags, m.ulFlags ?? 0);
        w.ptrTo(at + NM.lpszMessageClass, w.tstring(m.lpszMessageClass ?? '', unicode, codePage));
        w.u32(at + NM.ulMessageFlags, m.ulMessageFlags);
        return;
      }
      case fnevTableModified: {
        const t = n.tab;
        w.u32(at + TAB.ulTableEvent, t.ulTableEvent);
        w.u32(at + TAB.hResult, t.hResult);
        writePropValue(w, at + TAB.propIndex, t.propIndex, codePage);
        writePropValue(w, at + TAB.propPrior, t.propPrior, codePage);
        const props = t.row?.lpProps ?? [];
        w.u32(at + TAB.row + SRow.cValues, props.length);
        if (props.length) w.ptrTo(at + TAB.row + SRow.lpProps, writePropArray(w, props, codePage));
        return;
      }
      case fnevStatusObjectModified: {
        const s = n.statobj;
        writeId(w, at + ST.cbEntryID, at + ST.lpEntryID, s.lpEntryID);
        w.u32(at + ST.cValues, s.lpPropVals.length);
        if (s.lpPropVals.length) w.ptrTo(at + ST.lpPropVals, writePropArray(w, s.lpPropVals, codePage));
        return;
      }
      case fnevExtended: {
        const x = n.ext;
        w.u32(at + EXT.ulEvent, x.ulEvent);
        w.u32(at + EXT.cb, x.pbEventParameters.length);
        if (x.pbEventParameters.length) w.ptrTo(at + EXT.pbEventParameters, w.blob(x.pbEventParameters));
        return;
      }
      default: {
        if (!OBJECT_EVENTS.has(n.ulEventType)) return;
        const o = (n as { obj: import('../../../core/notify/types.js').OBJECT_NOTIFICATION }).obj;
        writeId(w, at + OBJ.cbEntryID, at + OBJ.lpEntryID, o.lpEntryID);
        w.u32(at + OBJ.ulObjType, o.ulObjType);
        writeId(w, at + OBJ.cbParentID, at + OBJ.lpParentID, o.lpParentID);
        writeId(w, at + OBJ.cbOldID, at + OBJ.lpOldID, o.lpOldID);
        writeId(w, at + OBJ.cbOldParentID, at + OBJ.lpOldParentID, o.lpOldParentID);
        if (o.lpPropTagArray) w.ptrTo(at + OBJ.lpPropTagArray, writeTagArray(w, o.lpPropTagArray));
      }
    }
  });
  return base;
}

/** A NOTIFICATION array in a new MAPI block (free with MAPIFreeBuffer after OnNotify returns). */
export function encodeNotifications(ctx: AbiContext, list: readonly JsNotification[]): Pointer {
  const w = new ImageWriter(N.size * Math.max(1, list.length) + 256);
  writeNotifications(w, list, ctx.codePage);
  return w.commit(ctx.mem, ctx.alloc);
}

function readId(mem: NativeMemory, dv: DataView, cbAt: number, ptrAt: number): ENTRYID | null {
  const cb = dv.getUint32(cbAt, true);
  const p = dv.getBigUint64(ptrAt, true);
  if (p === 0n) return null;
  return mem.readBytes(p, cb);
}

/**
 * Reads `count` NOTIFICATION structures at `ptr`. Event kinds MAPI does not define are
 * skipped (there is no JS form for them).
 */
export function readNotifications(mem: NativeMemory, ptr: Pointer | null, count: number, codePage: number): JsNotification[] {
  if (ptr === null || count === 0) return [];
  const dv = mem.view(ptr, count * N.size);
  const out: JsNotification[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * N.size;
    const type = dv.getUint32(at + N.ulEventType, true);
    const ptrAt = (o: number): Pointer | null => {
      const p = dv.getBigUint64(at + o, true);
      return p === 0n ? null : p;
    };
    switch (type) {
      case fnevCriticalError: {
        const flags = dv.getUint32(at + ERR.ulFlags, true);
        const e = ptrAt(ERR.lpMAPIError);
        out.push({
          ulEventType: fnevCriticalError,
          err: {
            lpEntryID: readId(mem, dv, at + ERR.cbEntryID, at + ERR.lpEntryID),
            scode: dv.getUint32(at + ERR.scode, true),
            ulFlags: flags,
            lpMAPIError: e === null ? null : readMapiError(mem, e, (flags & MAPI_UNICODE) !== 0, codePage),
          },
        });
        break;
      }
      case fnevNewMail: {
        const flags = dv.getUint32(at + NM.ulFlags, true);
        const cls = ptrAt(NM.lpszMessageClass);
        out.push({
          ulEventType: fnevNewMail,
          newmail: {
            lpEntryID: readId(mem, dv, at + NM.cbEntryID, at + NM.lpEntryID) ?? new Uint8Array(0),
            lpParentID: readId(mem, dv, at + NM.cbParentID, at + NM.lpParentID) ?? new Uint8Array(0),
            ulFlags: flags,
            lpszMessageClass: cls === null ? '' : mem.tstring(cls, (flags & MAPI_UNICODE) !== 0, codePage),
            ulMessageFlags: dv.getUint32(at + NM.ulMessageFlags, true),
          },
        });
        break;
      }
      case fnevTableModified: {
        const rowProps = ptrAt(TAB.row + SRow.lpProps);
        out.push({
          ulEventType: fnevTableModified,
          tab: {
            ulTableEvent: dv.getUint32(at + TAB.ulTableEvent, true),
            hResult: dv.getUint32(at + TAB.hResult, true),
            propIndex: readPropValueAt(mem, dv, at + TAB.propIndex, codePage),
            propPrior: readPropValueAt(mem, dv, at + TAB.propPrior, codePage),
            row: { lpProps: readPropArray(mem, rowProps, dv.getUint32(at + TAB.row + SRow.cValues, true), codePage) },
          },
        });
        break;
      }
      case fnevStatusObjectModified:
        out.push({
          ulEventType: fnevStatusObjectModified,
          statobj: {
            lpEntryID: readId(mem, dv, at + ST.cbEntryID, at + ST.lpEntryID) ?? new Uint8Array(0),
            lpPropVals: readPropArray(mem, ptrAt(ST.lpPropVals), dv.getUint32(at + ST.cValues, true), codePage),
          },
        });
        break;
      case fnevExtended: {
        const cb = dv.getUint32(at + EXT.cb, true);
        const p = ptrAt(EXT.pbEventParameters);
        out.push({ ulEventType: fnevExtended, ext: { ulEvent: dv.getUint32(at + EXT.ulEvent, true), pbEventParameters: p === null ? new Uint8Array(0) : mem.readBytes(p, cb) } });
        break;
      }
      default: {
        if (!OBJECT_EVENTS.has(type)) break;
        const tags = ptrAt(OBJ.lpPropTagArray);
        out.push({
          ulEventType: type as ObjectEventType,
          obj: {
            lpEntryID: readId(mem, dv, at + OBJ.cbEntryID, at + OBJ.lpEntryID) ?? new Uint8Array(0),
            ulObjType: dv.getUint32(at + OBJ.ulObjType, true),
            lpParentID: readId(mem, dv, at + OBJ.cbParentID, at + OBJ.lpParentID),
            lpOldID: readId(mem, dv, at + OBJ.cbOldID, at + OBJ.lpOldID),
            lpOldParentID: readId(mem, dv, at + OBJ.cbOldParentID, at + OBJ.lpOldParentID),
            lpPropTagArray: tags === null ? null : readTagArray(mem, tags),
          },
        });
      }
    }
  }
  return out;
}
