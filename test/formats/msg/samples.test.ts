/**
 * Every sample .msg reads; reading, writing and reading again gives the same properties (tags,
 * types, values), recipients, attachments and named properties; the malformed samples give
 * MAPI_E_CORRUPT_DATA.
 */
import { describe, expect, it } from 'vitest';
import { MapiError } from '../../../src/core/errors/MapiError.js';
import { MAPI_E_CORRUPT_DATA } from '../../../src/core/generated/scodes.js';
import { MsgFile, readMsg, writeMsg } from '../../../src/formats/msg/index.js';
import { MALFORMED_SAMPLES, contentForm, newNames, sample, sampleNames } from './helpers.js';

const readable = sampleNames().filter((n) => !(n in MALFORMED_SAMPLES));

describe('readMsg: samples', () => {
  it.each(readable)('reads %s', (name) => {
    const c = readMsg(sample(name), newNames());
    expect(c.props.size).toBeGreaterThan(0);
  });

  it.each(Object.entries(MALFORMED_SAMPLES))('rejects %s with MAPI_E_CORRUPT_DATA (%s)', (name) => {
    let err: unknown;
    try {
      readMsg(sample(name), newNames());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MapiError);
    expect((err as MapiError).scode).toBe(MAPI_E_CORRUPT_DATA);
  });
});

describe('writeMsg: round trip of every sample', () => {
  it.each(readable)('read -> write -> read keeps %s', (name) => {
    const names1 = newNames();
    const file = MsgFile.open(sample(name), names1);
    const first = file.content();
    // The file's own string form: Unicode files are written Unicode, ANSI ones ANSI in their code page.
    const bytes = writeMsg(first, names1, { unicode: file.unicode });
    const names2 = newNames();
    const second = readMsg(bytes, names2);
    expect(contentForm(second, names2)).toEqual(contentForm(first, names1));
  });
});
