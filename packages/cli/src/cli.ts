import { run } from './run.js';

// A reader that stops early (`sunan validate … | head -1`) closes the pipe: that is the reader's
// choice, not a failure, so end quietly with success instead of an unhandled EPIPE stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });

run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A bug, not a user's mistake: say so plainly and exit 2.
    process.stderr.write(
      `内部错误 internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exitCode = 2;
  },
);
