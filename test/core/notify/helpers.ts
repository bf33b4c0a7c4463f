import {
  fnevCriticalError,
  fnevExtended,
  fnevNewMail,
  fnevObjectCopied,
  fnevObjectCreated,
  fnevObjectDeleted,
  fnevObjectModified,
  fnevObjectMoved,
  fnevSearchComplete,
  fnevStatusObjectModified,
  fnevTableModified,
  MAPI_MESSAGE,
  TABLE_ROW_ADDED,
} from '../../../src/core/generated/constants.js';
import { PR_INSTANCE_KEY, PR_NULL } from '../../../src/core/generated/proptags.js';
import type { NOTIFICATION } from '../../../src/core/notify/types.js';

/** Every event type that carries a NOTIFICATION payload. */
export const allEventTypes: NOTIFICATION['ulEventType'][] = [
  fnevCriticalError,
  fnevNewMail,
  fnevObjectCreated,
  fnevObjectDeleted,
  fnevObjectModified,
  fnevObjectMoved,
  fnevObjectCopied,
  fnevSearchComplete,
  fnevTableModified,
  fnevStatusObjectModified,
  fnevExtended,
];

const PT_LONG_TAG = 0x66000003;

/** A notification of `ulEventType` whose payload carries `seq`, so a test can tell them apart. */
export function makeNotification(ulEventType: NOTIFICATION['ulEventType'], seq: number): NOTIFICATION {
  const id = Uint8Array.of(0, 0, 0, 0, seq & 0xff, (seq >>> 8) & 0xff);
  switch (ulEventType) {
    case fnevNewMail:
      return { ulEventType, newmail: { lpEntryID: id, lpParentID: new Uint8Array(4), ulFlags: 0, lpszMessageClass: 'IPM.Note', ulMessageFlags: seq } };
    case fnevTableModified:
      return {
        ulEventType,
        tab: {
          ulTableEvent: TABLE_ROW_ADDED,
          hResult: seq,
          propIndex: { ulPropTag: PR_INSTANCE_KEY, Value: id },
          propPrior: { ulPropTag: PR_NULL, Value: null },
          row: { lpProps: [{ ulPropTag: PT_LONG_TAG, Value: seq }] },
        },
      };
    case fnevCriticalError:
      return { ulEventType, err: { lpEntryID: null, scode: seq, ulFlags: 0, lpMAPIError: null } };
    case fnevExtended:
      return { ulEventType, ext: { ulEvent: seq, pbEventParameters: id } };
    case fnevStatusObjectModified:
      return { ulEventType, statobj: { lpEntryID: id, lpPropVals: [{ ulPropTag: PT_LONG_TAG, Value: seq }] } };
    default:
      return { ulEventType, obj: { lpEntryID: id, ulObjType: MAPI_MESSAGE, lpParentID: null, lpOldID: null, lpOldParentID: null, lpPropTagArray: [seq] } };
  }
}

/** The `seq` that {@link makeNotification} stored. */
export function seqOf(n: NOTIFICATION): number {
  switch (n.ulEventType) {
    case fnevNewMail:
      return n.newmail.ulMessageFlags;
    case fnevTableModified:
      return n.tab.hResult;
    case fnevCriticalError:
      return n.err.scode;
    case fnevExtended:
      return n.ext.ulEvent;
    case fnevStatusObjectModified:
      return n.statobj.lpPropVals[0]?.Value as number;
    default:
      return n.obj.lpPropTagArray?.[0] ?? -1;
  }
}

/** A provider-style extended notification numbered `seq`. */
export function ext(seq: number): NOTIFICATION {
  return makeNotification(fnevExtended, seq);
}

/** Resolves after one macrotask (lets scheduled deliveries run). */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Resolves after `ms` real milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
