import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { applySubjectRules } from '../../../src/core/store/subject.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import type { PropMap } from '../../../src/core/spi/store.js';
import { PR_NORMALIZED_SUBJECT_W, PR_SUBJECT_PREFIX_W, PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';

const S = PROP_ID(PR_SUBJECT_W);
const P = PROP_ID(PR_SUBJECT_PREFIX_W);
const N = PROP_ID(PR_NORMALIZED_SUBJECT_W);
const str = (props: PropMap, id: number) => props.get(id)?.Value as string | undefined;

/** Subjects built from pieces that often form prefixes ("RE: ", "AW: ", "1: ", "ABCD: "). */
const subjectArb = fc
  .array(fc.constantFrom('RE', 'Re', 'FW', 'AW', 'Ü', 'ABCD', '1', ':', ': ', ' ', 'x', 'Hello', ''), { maxLength: 6 })
  .map((parts) => parts.join(''));

describe('applySubjectRules (property)', () => {
  it('always leaves subject = prefix + normalized subject, with a computed prefix of 1-3 letters', () => {
    fc.assert(
      fc.property(subjectArb, fc.option(subjectArb, { nil: undefined }), (subject, prefix) => {
        const props: PropMap = new Map([[S, { ulPropTag: PR_SUBJECT_W, Value: subject }]]);
        if (prefix !== undefined) props.set(P, { ulPropTag: PR_SUBJECT_PREFIX_W, Value: prefix });
        applySubjectRules(props, new Set([S, P]));
        const p = str(props, P);
        expect(str(props, S)).toBe(subject);
        expect((p ?? '') + str(props, N)).toBe(subject);
        // A prefix the client set and the subject begins with is kept; any other is computed.
        if (prefix !== undefined && subject.startsWith(prefix)) expect(p).toBe(prefix);
        else if (p !== undefined) expect(p).toMatch(/^\p{L}{1,3}: $/u);
      }),
    );
  });

  it('is idempotent: a second save computes the same values', () => {
    fc.assert(
      fc.property(subjectArb, (subject) => {
        const props: PropMap = new Map([[S, { ulPropTag: PR_SUBJECT_W, Value: subject }]]);
        applySubjectRules(props, new Set([S]));
        const once = new Map(props);
        applySubjectRules(props, new Set());
        expect(props).toEqual(once);
      }),
    );
  });
});
