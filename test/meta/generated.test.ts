import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain ESM script without types
import { generate } from '../../scripts/generate-tables.mjs';
import { renderSupportMarkdown } from '../../src/core/support/render.js';

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

  it('data/ keeps the shared facts: 4,017 tags, 816 named properties, 153 scodes', () => {
    const rows = (f: string) => readFileSync(join(root, 'data', f), 'utf8').trim().split('\n').length - 1;
    expect(rows('proptags.tsv')).toBe(4017);
    expect(rows('named-props.tsv')).toBe(816);
    expect(rows('errors.tsv')).toBe(153);
  });
});
