import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without types
import { checkExtraConstants, generate, readTsv } from '../../scripts/generate-tables.mjs';
import { renderSupportMarkdown } from '../../src/core/support/render.js';
import * as C from '../../src/core/generated/constants.js';

const root = join(__dirname, '..', '..');

describe('generated files', () => {
  it('src/core/generated/* match what scripts/generate-tables.mjs makes from data/*.tsv (run npm run generate)', () => {
    const files = generate() as Record<string, string>;
    for (const [name, text] of Object.entries(files)) {
      expect(readFileSync(join(root, 'src', 'core', 'generated', name), 'utf8'), name).toBe(text);
    }
  });

  it('docs/supported.md matches the support matrix (run npm run docs:support)', () => {
    expect(readFileSync(join(root, 'docs', 'supported.md'), 'utf8')).toBe(renderSupportMarkdown());
  });

  it('data/mapi-constants-extra.tsv: every row cites its source, is named once and is not already in the shared mapi-constants.tsv', () => {
    expect(() => checkExtraConstants(readTsv('mapi-constants.tsv'), readTsv('mapi-constants-extra.tsv'))).not.toThrow();
    const row = { group: 'store_support', name: 'STORE_X_OK', value_hex: '0x00000001', source: 'mapidefs.h' };
    expect(() => checkExtraConstants([], [{ ...row, source: '' }])).toThrow(/no source/);
    expect(() => checkExtraConstants([], [row, row])).toThrow(/listed twice/);
    expect(() => checkExtraConstants([{ name: 'STORE_X_OK' }], [row])).toThrow(/already in mapi-constants.tsv/);
    expect(() => checkExtraConstants([], [{ ...row, value_hex: '1' }])).toThrow(/not 0x/);
  });

  it('src/core/generated/constants.ts exports every row of data/mapi-constants-extra.tsv with its value', () => {
    const generated = C as unknown as Record<string, number | undefined>;
    for (const { name, value_hex } of readTsv('mapi-constants-extra.tsv') as { name: string; value_hex: string }[]) {
      expect(generated[name], name).toBeTypeOf('number');
      expect((generated[name] as number) >>> 0, name).toBe(Number.parseInt(value_hex, 16));
    }
  });

  it('data/ keeps the shared facts: 4,017 tags, 816 named properties, 153 scodes', () => {
    const rows = (f: string) => readFileSync(join(root, 'data', f), 'utf8').trim().split('\n').length - 1;
    expect(rows('proptags.tsv')).toBe(4017);
    expect(rows('named-props.tsv')).toBe(816);
    expect(rows('errors.tsv')).toBe(153);
  });
});
