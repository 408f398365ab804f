/**
 * Runs the CLI as a user would. By default in-process (`runCli` with captured streams and its own env, a
 * fresh program per call): a child process costs seconds of CPU per call. `inProcess: false` (and
 * `onStderr`, which signals the child) runs `node --import tsx src/cli/main.ts ...` from the repository
 * root, for what needs a real process: signals, the bin itself. Both run the source, so the tests need no
 * build (examples/tsconfig.json maps the examples' `typekro` imports to the source).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedLoader } from '../../src/cli/load.js';
import { runCli } from '../../src/cli/run.js';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const main = join(root, 'src', 'cli', 'main.ts');

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly input?: string;
  readonly env?: Record<string, string | undefined>;
  /** Called with each stderr chunk as it arrives (to interrupt at the right moment); implies a child process. */
  readonly onStderr?: (text: string, child: { kill(signal: NodeJS.Signals): boolean }) => void;
  /** Child process only. */
  readonly timeoutMs?: number;
  /** Default true unless `onStderr` is given. */
  readonly inProcess?: boolean;
  /** The reader of stdout stops at once, as `typekro --help | head -1` does (a child process). */
  readonly closedStdout?: boolean;
}

/**
 * One loader for the test file's runs: TypeKro and what compositions import are evaluated once, each named
 * composition file anew (so a file rewritten between runs is read again).
 */
const loader = sharedLoader();

function environment(options: CliOptions): Record<string, string | undefined> {
  // NO_COLOR and a non-TTY stderr: the progress view prints plain lines.
  return { ...process.env, NO_COLOR: '1', KUBECONFIG: '/nonexistent/kubeconfig', ...options.env };
}

export async function typekro(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  if (options.onStderr || options.inProcess === false || options.closedStdout) return typekroProcess(args, options);
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: environment(options),
    readStdin: () => options.input ?? '',
    loader,
  });
  return { code, signal: null, stdout, stderr };
}

/** The CLI in a child process, as the `typekro` bin runs it. */
export function typekroProcess(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root, env: environment(options), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
    if (options.closedStdout) child.stdout.destroy();
    else child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Everything the run printed, for assertion messages. */
export function transcript(result: CliResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/** A stack frame line: what a clean error message never contains. */
export const STACK_FRAME = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;
