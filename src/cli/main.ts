#!/usr/bin/env node
/** The `typekro` bin: one CLI run with the process's streams and environment. */
import { processIo } from './io.js';
import { runCli } from './run.js';

// A reader that stopped reading (`typekro --help | head -1`) closed the pipe: the rest is not wanted, and
// the run ends as it would have, without an unhandled 'error' event's stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await runCli(process.argv.slice(2), processIo());
