/** @sunan/cli — the `sunan` command, also callable as a function (`run(argv, io)`) for embedding and tests. */
export { EXIT, type Io, type Out, UsageError } from './io.js';
export { run } from './run.js';
