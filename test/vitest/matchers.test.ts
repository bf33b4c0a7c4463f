import { describe, expect, it } from 'vitest';
import { mapiMatchers } from '../../src/vitest/index.js';
import { CreateIProp } from '../../src/core/props/PropData.js';
import { MapiError } from '../../src/core/errors/MapiError.js';
import { PR_SUBJECT_W, PR_IMPORTANCE, PR_SUBJECT_A } from '../../src/core/generated/proptags.js';
import { MAPI_E_NOT_FOUND, MAPI_E_NO_ACCESS, MAPI_E_INVALID_PARAMETER } from '../../src/core/generated/scodes.js';
import { FL_IGNORECASE, FL_SUBSTRING, MAPI_MESSAGE, RELOP_EQ, RES_CONTENT, RES_PROPERTY, fnevObjectCreated, fnevObjectDeleted } from '../../src/core/generated/constants.js';
import { NotificationRecorder } from '../../src/core/notify/sink.js';
import type { NOTIFICATION } from '../../src/core/notify/types.js';

expect.extend(mapiMatchers);

describe('toBeMapiError', () => {
  it('passes for a MapiError with the scode and fails with a readable message otherwise', async () => {
    await expect(Promise.reject(new MapiError(MAPI_E_NOT_FOUND, 'x'))).rejects.toBeMapiError(MAPI_E_NOT_FOUND);
    expect(new MapiError(MAPI_E_NO_ACCESS)).not.toBeMapiError(MAPI_E_NOT_FOUND);
    expect(() => expect(new MapiError(MAPI_E_NO_ACCESS, 'denied')).toBeMapiError(MAPI_E_NOT_FOUND)).toThrow(
      /expected MapiError MAPI_E_NOT_FOUND, got MapiError MAPI_E_NO_ACCESS: denied/,
    );
    expect(() => expect(new TypeError('boom')).toBeMapiError()).toThrow(/got TypeError: boom/);
  });

  it('works on an object call that rejects', async () => {
    await expect(CreateIProp().getProps([])).rejects.toBeMapiError(MAPI_E_INVALID_PARAMETER);
  });
});

describe('toHaveProp', () => {
  it('checks SPropValue arrays by tag and value', () => {
    const props = [{ ulPropTag: PR_SUBJECT_W, Value: 'hi' }];
    expect(props).toHaveProp(PR_SUBJECT_W);
    expect(props).toHaveProp(PR_SUBJECT_W, 'hi');
    expect(props).not.toHaveProp(PR_IMPORTANCE);
    expect(() => expect(props).toHaveProp(PR_SUBJECT_W, 'ho')).toThrow(/PR_SUBJECT.*to be "ho", but it is "hi"/);
  });

  it('reads an IMAPIProp when awaited', async () => {
    const p = CreateIProp();
    await p.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'hi' }]);
    await expect(p).toHaveProp(PR_SUBJECT_W, 'hi');
    await expect(p).toHaveProp(PR_SUBJECT_A, 'hi');
    await expect(p).not.toHaveProp(PR_IMPORTANCE);
  });
});

describe('toHaveRows', () => {
  const rows = [
    { lpProps: [{ ulPropTag: PR_SUBJECT_W, Value: 'a' }, { ulPropTag: PR_IMPORTANCE, Value: 1 }] },
    { lpProps: [{ ulPropTag: PR_SUBJECT_W, Value: 'b' }, { ulPropTag: PR_IMPORTANCE, Value: 2 }] },
  ];

  it('compares the listed properties of each row, in order, by tag or SDK name', () => {
    expect(rows).toHaveRows([{ [PR_SUBJECT_W]: 'a' }, { PR_SUBJECT_W: 'b', PR_IMPORTANCE: 2 }]);
    expect(rows).toHaveRows([{ PR_SUBJECT_W: expect.any(String) }, { PR_IMPORTANCE: 2 }]);
    expect(rows).not.toHaveRows([{ PR_SUBJECT_W: 'b' }, { PR_SUBJECT_W: 'a' }]);
    expect(rows).not.toHaveRows([{ PR_SUBJECT_W: 'a' }]);
  });

  it('fails with a readable diff of the listed columns', () => {
    let error: (Error & { actual?: unknown; expected?: unknown }) | undefined;
    try {
      expect(rows).toHaveRows([{ PR_SUBJECT_W: 'a' }, { PR_SUBJECT_W: 'c' }]);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/row 1 differs/);
    // vitest prints the diff of these two: the actual rows shown with the expected columns only.
    expect(error?.actual).toEqual([{ PR_SUBJECT_W: 'a' }, { PR_SUBJECT_W: 'b' }]);
    expect(error?.expected).toEqual([{ PR_SUBJECT_W: 'a' }, { PR_SUBJECT_W: 'c' }]);
  });
});

describe('toMatchRestriction', () => {
  it('evaluates the restriction over a property array, with not', () => {
    const props = [{ ulPropTag: PR_IMPORTANCE, Value: 2 }];
    const high = { rt: RES_PROPERTY, relop: RELOP_EQ, ulPropTag: PR_IMPORTANCE, lpProp: { ulPropTag: PR_IMPORTANCE, Value: 2 } } as const;
    const low = { ...high, lpProp: { ulPropTag: PR_IMPORTANCE, Value: 0 } };
    expect(props).toMatchRestriction(high);
    expect(props).not.toMatchRestriction(low);
    expect(() => expect(props).toMatchRestriction(low)).toThrow(/to match the restriction .*PR_IMPORTANCE/);
  });

  it('reads an IMAPIProp when awaited', async () => {
    const p = CreateIProp();
    await p.setProps([{ ulPropTag: PR_SUBJECT_W, Value: 'Quarterly report' }]);
    await expect(p).toMatchRestriction({ rt: RES_CONTENT, ulFuzzyLevel: FL_SUBSTRING | FL_IGNORECASE, ulPropTag: PR_SUBJECT_W, lpProp: { ulPropTag: PR_SUBJECT_W, Value: 'REPORT' } });
  });
});

describe('toHaveReceivedNotification', () => {
  const n = [{ ulEventType: fnevObjectCreated, info: { ulObjType: MAPI_MESSAGE, lpEntryID: Uint8Array.of(1) } }] as unknown as NOTIFICATION[];

  it('finds a notification by event type and partial fields, with not', () => {
    expect(n).toHaveReceivedNotification(fnevObjectCreated);
    expect(n).toHaveReceivedNotification(fnevObjectCreated, { info: { ulObjType: MAPI_MESSAGE } });
    expect(n).not.toHaveReceivedNotification(fnevObjectDeleted);
    expect(n).not.toHaveReceivedNotification(fnevObjectCreated, { info: { ulObjType: 3 } });
    expect(() => expect([]).toHaveReceivedNotification(fnevObjectCreated)).toThrow(/was the world flushed/);
  });

  it('reads a NotificationRecorder', () => {
    const rec = new NotificationRecorder();
    rec.onNotify(n);
    expect(rec).toHaveReceivedNotification(fnevObjectCreated, { info: { lpEntryID: Uint8Array.of(1) } });
  });
});
