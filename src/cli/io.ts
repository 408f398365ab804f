/**
 * Where one CLI run reads and writes: injected, so that the CLI can run in-process (tests, embedding) as
 * well as from the `typekro` bin, with nothing shared between runs.
 */
import { readFileSync } from 'node:fs';
import type { ModuleLoader } from './load.js';

/** A text sink; a terminal also says so (`isTTY`) and gives its size. */
export interface CliOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
  readonly rows?: number;
}

export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Environment variables (KUBECONFIG, NO_COLOR, TYPEKRO_DEBUG). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The whole of standard input (`--spec -`). */
  readonly readStdin: () => string;
  /** How composition files are imported; default: each import fresh (see `sharedLoader` for many runs). */
  readonly loader?: ModuleLoader;
}

/** The process's own streams and environment, for the bin. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, readStdin: () => readFileSync(0, 'utf8') };
}

/** A result line (or document) on stdout. */
export function out(io: CliIo, text: string): void {
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A message line on stderr. */
export function err(io: CliIo, line: string): void {
  io.stderr.write(`${line}\n`);
}

/** One run of the CLI: its io, and the exit code a command sets without failing (`status`: not ready). */
export interface CliRun {
  readonly io: CliIo;
  exitCode: number;
}
