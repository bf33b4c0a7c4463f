#!/usr/bin/env node
// Launcher of the `mapi` command: the built bundle when there is one (the published package),
// else the TypeScript source through tsx, so `npx mapi ...` works in a fresh checkout after
// `npm ci` without a build.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', 'dist', 'cli.cjs');
const source = join(__dirname, '..', 'src', 'cli', 'main.ts');

if (existsSync(built)) {
  require(built);
} else if (existsSync(source)) {
  let tsx;
  try {
    tsx = require('tsx/cjs/api');
  } catch {
    process.stderr.write('[mapi-emu] the mapi CLI is not built: run "npm run build", or install the dev dependencies (tsx) with "npm ci".\n');
    process.exit(1);
  }
  // tsx compiles the ESM TypeScript source for require(), .js import suffixes included.
  tsx.register();
  require(source);
} else {
  process.stderr.write('[mapi-emu] dist/cli.cjs is missing from this installation; reinstall mapi-emu.\n');
  process.exit(1);
}
