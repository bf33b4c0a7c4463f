import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'fixtures/index': 'src/fixtures/index.ts',
    'vitest/index': 'src/vitest/index.ts',
    cli: 'src/cli/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  // import.meta.url in the CJS build (src/providers/windows/koffi.ts), __dirname in the ESM one.
  shims: true,
  external: ['vitest', 'fast-check', 'koffi'],
});
