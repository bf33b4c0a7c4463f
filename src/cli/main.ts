// Entry point of the `mapi` command (bundled by tsup as dist/cli.cjs, or run from source by
// bin/mapi.cjs through tsx). It exports nothing: it runs the verb and prints.
import { runCli } from './verbs/index.js';

// `mapi tag sub | head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

runCli(process.argv.slice(2)).then(
  ({ code, stdout, stderr }) => {
    if (stdout) process.stdout.write(stdout);
    if (stderr) process.stderr.write(stderr);
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`mapi: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
