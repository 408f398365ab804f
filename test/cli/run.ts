/**
 * Runs the CLI as a user would, in a child process: `node --import tsx src/cli/main.ts ...` from the
 * repository root (the source, so the tests need no build; see examples/tsconfig.json for how the
 * examples' `typekro` imports resolve to the source too).
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  /** Called with each stderr chunk as it arrives (to interrupt at the right moment). */
  readonly onStderr?: (text: string, child: { kill(signal: NodeJS.Signals): boolean }) => void;
  readonly timeoutMs?: number;
}

export function typekro(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // NO_COLOR and a non-TTY stderr: the progress view prints plain lines.
    const env = { ...process.env, NO_COLOR: '1', KUBECONFIG: '/nonexistent/kubeconfig', ...options.env };
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
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

/** Everything the process printed, for assertion messages. */
export function transcript(result: CliResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/** A stack frame line: what a clean error message never contains. */
export const STACK_FRAME = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;
