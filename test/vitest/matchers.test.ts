import { describe, expect, it } from 'vitest';
import { mapiMatchers } from '../../src/vitest/index.js';
import { CreateIProp } from '../../src/core/props/PropData.js';
import { MapiError } from '../../src/core/errors/MapiError.js';
import { PR_SUBJECT_W, PR_IMPORTANCE, PR_SUBJECT_A } from '../../src/core/generated/proptags.js';
import { MAPI_E_NOT_FOUND, MAPI_E_NO_ACCESS, MAPI_E_INVALID_PARAMETER } from '../../src/core/generated/scodes.js';

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
