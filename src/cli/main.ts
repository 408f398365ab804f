#!/usr/bin/env node
/** The `typekro` bin: one CLI run with the process's streams and environment. */
import { processIo } from './io.js';
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
