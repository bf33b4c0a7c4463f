/**
 * The published build (dist/, made by `npm ci` through the prepare script, or `npm run build`)
 * loads in both module systems and runs the README's command. The suite otherwise runs from
 * source, where a construct one output format rejects (import.meta in CJS) goes unnoticed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const built = existsSync(join(root, 'dist', 'index.cjs')) && existsSync(join(root, 'dist', 'index.js'));
const node = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe.skipIf(!built)('the built package (dist/)', () => {
  it('loads with require and says why the Windows backend is unavailable here', () => {
    const out = node(['-e', "const m = require('./dist/index.cjs'); try { m.createMapi({ backend: 'windows' }); } catch (e) { console.log(typeof m.createMapi, e.name); }"]);
    // On Windows with Outlook the backend may open; everywhere else it must fail with an EmulatorError.
    if (process.platform === 'win32') expect(out.trim().startsWith('function')).toBe(true);
    else expect(out.trim()).toBe('function EmulatorError');
  });

  it('loads with import', () => {
    const out = node(['--input-type=module', '-e', "const m = await import('./dist/index.js'); const f = await import('./dist/fixtures/index.js'); console.log(typeof m.createMapi, typeof f.createWorld);"]);
    expect(out.trim()).toBe('function function');
  });

  it('publishes declarations that never import koffi (an optional dependency, possibly not installed)', () => {
    const declarations = (readdirSync(join(root, 'dist'), { recursive: true }) as string[]).filter((f) => /\.d\.c?ts$/.test(f));
    expect(declarations).toContain('index.d.ts');
    const koffiImport = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*|<reference\s+types\s*=\s*)['"]koffi(?:\/[^'"]*)?['"]/;
    // TSDoc may mention koffi's module; only code (and /// <reference> directives) can make the compiler load it.
    const code = (f: string) => readFileSync(join(root, 'dist', f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    expect(declarations.filter((f) => koffiImport.test(code(f)))).toEqual([]);
  });

  it('runs the bin (the README main command is `npx mapi demo`)', () => {
    expect(node([join(root, 'bin', 'mapi.cjs'), 'tag', 'PR_SUBJECT_W'])).toContain('0x0037001F');
  }, 30_000);
});
