import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isConversationChild,
  makeFlatEntryList,
  nextConversationIndex,
  normalizedSubjectOf,
  parseConversationIndex,
  parseFlatEntryList,
  oneOffAddressOf,
  referencesOf,
  responseSubjectProps,
  newInternetMessageId,
} from '../../../src/core/mail/index.js';
import { ScCreateConversationIndex } from '../../../src/core/props/util/conversationIndex.js';
import { FILETIME } from '../../../src/core/props/filetime.js';
import { GUID } from '../../../src/core/props/guid.js';
import { VirtualClock } from '../../../src/core/spi/clock.js';
import { SeededIds } from '../../../src/core/spi/ids.js';
import { oneOffEntryId } from '../../../src/core/session/identity.js';
import { applySubjectRules } from '../../../src/core/store/subject.js';
import { PROP_ID } from '../../../src/core/props/tags.js';
import { PR_NORMALIZED_SUBJECT_W, PR_SUBJECT_W } from '../../../src/core/generated/proptags.js';
import type { PropMap } from '../../../src/core/spi/store.js';

// FILETIMEs whose top byte is 0x01 (1972 to 2057), with room for the replies' steps.
const filetime = fc.bigInt({ min: 0x0100_0000_0000_0000n, max: 0x01f0_0000_0000_0000n }).map((t) => new FILETIME(t));
const guid = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => new GUID(b));

describe('parseConversationIndex', () => {
  it('reads back the time (bits 55..16) and the GUID of a new header', () => {
    fc.assert(
      fc.property(filetime, guid, (t, g) => {
        const parsed = parseConversationIndex(ScCreateConversationIndex(null, t, () => g));
        expect(parsed?.guid.toString()).toBe(g.toString());
        expect(parsed?.time.ticks).toBe(t.ticks & 0xffff_ffff_ffff_0000n);
        expect(parsed?.children).toEqual([]);
      }),
    );
  });

  it('reads back each child block: one more per extension, its time within one delta unit of the reply time', () => {
    fc.assert(
      fc.property(filetime, guid, fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { minLength: 1, maxLength: 6 }), (t0, g, steps) => {
        let index = ScCreateConversationIndex(null, t0, () => g);
        const header = parseConversationIndex(index)!;
        let now = t0.ticks;
        for (const [i, step] of steps.entries()) {
          now += step;
          const child = ScCreateConversationIndex(index, new FILETIME(now), () => g);
          expect(isConversationChild(index, child)).toBe(true);
          index = child;
          const parsed = parseConversationIndex(index)!;
          expect(parsed.children).toHaveLength(i + 1);
          expect(parsed.guid.toString()).toBe(header.guid.toString());
          const block = parsed.children[i]!;
          const unit = block.deltaCode ? 1n << 23n : 1n << 18n;
          expect(block.time.ticks <= now).toBe(true);
          expect(now - block.time.ticks < unit).toBe(true);
          expect(block.random).toBe(g.bytes[0]);
        }
      }),
    );
  });

  it('answers undefined for a non-standard index (short, ragged, or not starting with 0x01)', () => {
    const good = ScCreateConversationIndex(null, new FILETIME(0x01dc_0000_0000_0000n), () => new GUID(new Uint8Array(16)));
    expect(parseConversationIndex(good.subarray(0, 21))).toBeUndefined();
    expect(parseConversationIndex(Uint8Array.of(...good, 1, 2))).toBeUndefined();
    expect(parseConversationIndex(Uint8Array.of(0x63, ...good.subarray(1)))).toBeUndefined();
    expect(parseConversationIndex(good)).toBeDefined();
  });
});

describe('nextConversationIndex', () => {
  it('starts a new conversation from no index or a non-standard one, and extends a standard one', () => {
    const clock = new VirtualClock();
    const ids = new SeededIds(3);
    const first = nextConversationIndex(undefined, clock, ids);
    expect(first).toHaveLength(22);
    expect(nextConversationIndex(Uint8Array.of(0x63, ...first.subarray(1)), clock, ids)).toHaveLength(22);
    clock.advance(1000);
    expect(isConversationChild(first, nextConversationIndex(first, clock, ids))).toBe(true);
  });

  it('is deterministic for a seeded id source and a virtual clock', () => {
    const make = () => nextConversationIndex(undefined, new VirtualClock(), new SeededIds(9));
    expect(make()).toEqual(make());
  });
});

describe('newInternetMessageId and referencesOf', () => {
  it('makes distinct, well-formed IDs from one source', () => {
    const clock = new VirtualClock();
    const ids = new SeededIds(1);
    const a = newInternetMessageId(clock, ids, 'example.com');
    const b = newInternetMessageId(clock, ids, 'example.com');
    expect(a).toMatch(/^<[0-9A-F]+\.[0-9A-F]{16}@example\.com>$/);
    expect(a).not.toBe(b);
  });

  it('appends the Message-ID to the references', () => {
    expect(referencesOf(undefined, '<a@x>')).toBe('<a@x>');
    expect(referencesOf('<a@x>  <b@x>', '<c@x>')).toBe('<a@x> <b@x> <c@x>');
    expect(referencesOf('<a@x>', undefined)).toBe('<a@x>');
    expect(referencesOf(undefined, undefined)).toBeUndefined();
  });
});

describe('subject normalization', () => {
  const subject = fc.oneof(fc.string(), fc.constantFrom('RE: x', 'FW: RE: y', 'AW: z', 'Re: ', 'Fwd: w', '1: no', 'RE:x'));

  it('answering an answer gives the same subject as answering once ("RE: " + the original normalized subject)', () => {
    fc.assert(
      fc.property(subject, fc.constantFrom('RE: ', 'FW: ', 'AW: '), (s, prefix) => {
        const once = prefix + normalizedSubjectOf(s, undefined);
        const twice = prefix + normalizedSubjectOf(once, undefined);
        expect(twice).toBe(once);
      }),
    );
  });

  it('gives the store the subject it normalizes back to the original normalized subject', () => {
    fc.assert(
      fc.property(subject, fc.constantFrom('RE: ', 'FW: ', 'Antwort: '), (s, prefix) => {
        const normalized = normalizedSubjectOf(s, undefined);
        const props: PropMap = new Map();
        const dirty = new Set<number>();
        for (const p of responseSubjectProps(prefix, normalized)) {
          props.set(PROP_ID(p.ulPropTag), p);
          dirty.add(PROP_ID(p.ulPropTag));
        }
        applySubjectRules(props, dirty);
        expect(props.get(PROP_ID(PR_SUBJECT_W))?.Value).toBe(prefix + normalized);
        expect(props.get(PROP_ID(PR_NORMALIZED_SUBJECT_W))?.Value).toBe(normalized);
      }),
    );
  });

  it('prefers PR_NORMALIZED_SUBJECT and strips only one prefix', () => {
    expect(normalizedSubjectOf('RE: x', 'other')).toBe('other');
    expect(normalizedSubjectOf('RE: FW: x', undefined)).toBe('FW: x');
    expect(normalizedSubjectOf(undefined, undefined)).toBe('');
  });
});

describe('FLATENTRYLIST and one-off entry IDs', () => {
  it('round-trips a list of entry IDs', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), (list) => {
        expect(parseFlatEntryList(makeFlatEntryList(list))).toEqual(list);
      }),
    );
  });

  it('answers undefined for a truncated list', () => {
    const list = makeFlatEntryList([Uint8Array.of(1, 2, 3, 4, 5)]);
    expect(parseFlatEntryList(list.subarray(0, list.length - 2))).toBeUndefined();
  });

  it('takes a one-off apart and refuses other entry IDs', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }).map((s) => s.replace(/\0/g, '')), (name) => {
        expect(oneOffAddressOf(oneOffEntryId(name, 'SMTP', 'a@b.c'))).toEqual({ displayName: name, addressType: 'SMTP', emailAddress: 'a@b.c' });
      }),
    );
    expect(oneOffAddressOf(new Uint8Array(40))).toBeUndefined();
  });
});
