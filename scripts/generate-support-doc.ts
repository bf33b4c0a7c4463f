// Writes docs/supported.md from the typed support matrix (npm run docs:support).
import { writeFileSync } from 'node:fs';
import { renderSupportMarkdown } from '../src/core/support/render.js';

writeFileSync(new URL('../docs/supported.md', import.meta.url), renderSupportMarkdown());
console.log('wrote docs/supported.md');
